"""Issue 16, "first hour": a name that does not exist is explained under Docker's own error, by
the earlier command that failed to create it or by the close name the user probably meant
(netsim.hints); the analysis commands say the same on a second line, and the conformance
comparison leaves these lines out."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from netsim.analysis.vantage import NoSuchVantage, resolve_vantage
from netsim.cli import main
from netsim.conformance import compare
from netsim.errors import InputError
from netsim.hints import did_you_mean, missing_ref, strip_hints
from netsim.io.recording import parse_recording
from netsim.lab import Lab, run_script

SETUP = """docker network create front
docker run -d --name web --network front nginx
docker run -d --name app --network front --ip 10.9.9.9 busybox sleep 1d
"""
FAILED_APP = ("netsim: container app was never created: line 3 failed (docker run -d --name "
              "app --network front --ip 10.9.9.9 busybox sleep 1d: invalid config for network "
              "front: invalid endpoint settings: no configured subnet contains IP address "
              "10.9.9.9)")
ACCEPTED = ("a container name, HOST/NAME, an IPv4 address, @host, @NAME, @lan or @internet")


def _stderr(script: str) -> list[str]:
    _, steps = run_script(script, source="t.sh")
    return [s.stderr for s in steps]


def _cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = 0
    try:
        main(args)
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def script(tmp_path: Path) -> str:
    path = tmp_path / "setup.sh"
    path.write_text(SETUP, encoding="utf-8")
    return str(path)


# ------------------------------------------------------------------ in the replay


def test_a_failed_run_is_remembered_under_no_such_container() -> None:
    """`docker exec app …` after line 3's refused `docker run --name app` prints Docker's text,
    then netsim's line naming line 3 and Docker's reason; the failing line gets its own hint."""
    err = _stderr(SETUP + "docker exec app ping -c 1 web\ndocker rm app\n")
    assert err[3] == "Error response from daemon: No such container: app\n" + FAILED_APP + "\n"
    assert err[4] == "Error response from daemon: No such container: app\n" + FAILED_APP + "\n"


def test_the_issues_example_an_invalid_name() -> None:
    """Issue 16's own example: `--name c` (Docker wants two characters at least), then
    `docker exec c …`."""
    err = _stderr("docker run -d --name c busybox sleep 1d\ndocker exec c ping web\n")
    assert err[1] == (
        "Error response from daemon: No such container: c\n"
        "netsim: container c was never created: line 1 failed (docker run -d --name c busybox "
        "sleep 1d: Invalid container name (c), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed)\n")


def test_run_on_a_mistyped_network() -> None:
    """`docker run --network frnt` (made, then not started: Docker's own order) gets the close
    network's name under Docker's text."""
    err = _stderr(SETUP + "docker run -d --name db --network frnt redis\n")
    assert err[3] == ("docker: Error response from daemon: failed to set up container "
                      "networking: network frnt not found\n"
                      "netsim: did you mean front?\n"
                      "\nRun 'docker run --help' for more information\n")


def test_a_failed_network_create_is_remembered() -> None:
    """A network whose `docker network create` was refused is named by that line when a later
    `docker run --network` cannot find it."""
    err = _stderr("docker network create --subnet 10.0.0.0/33 back\n"
                  "docker run -d --name db --network back redis\n")
    assert err[1].splitlines() == [
        "docker: Error response from daemon: failed to set up container networking: network "
        "back not found",
        "netsim: network back was never created: line 1 failed (docker network create --subnet "
        "10.0.0.0/33 back: " + err[0].splitlines()[0].removeprefix("Error response from daemon: ")
        + ")",
        "",
        "Run 'docker run --help' for more information",
    ]


def test_a_later_creation_clears_the_failure() -> None:
    """Once a container of that name was made, a later "No such container" (it was removed)
    does not blame the old failure."""
    err = _stderr(SETUP + "docker exec app ls\n"
                  "docker run -d --name app --network front busybox sleep 1d\n"
                  "docker rm -f app\ndocker exec app ping web\n")
    assert err[3] == "Error response from daemon: No such container: app\n" + FAILED_APP + "\n"
    assert err[6] == "Error response from daemon: No such container: app\n"


def test_a_container_made_but_not_started_is_no_failure() -> None:
    """`docker run` that made the container and failed to start it (a port in use) created
    it: a later "No such container" after `docker rm` names no failure."""
    lab, steps = run_script("docker run -d --name ax -p 8080:80 nginx\n"
                            "docker run -d --name bx -p 8080:80 nginx\n"
                            "docker rm bx\ndocker exec bx ls\n")
    assert steps[1].stderr.startswith("docker: Error response from daemon: failed to set up "
                                      "container")
    assert lab.failures == []
    assert steps[3].stderr == "Error response from daemon: No such container: bx\n"


@pytest.mark.parametrize(("command", "docker", "hint"), [
    ("docker exec wbe ping -c 1 web", "Error response from daemon: No such container: wbe",
     "netsim: did you mean web?"),
    ("docker network connect frnt web", "Error response from daemon: network frnt not found",
     "netsim: did you mean front?"),
    ("docker inspect wbe", "error: no such object: wbe", "netsim: did you mean web?"),
    ("docker inspect --type network frnt", "Error response from daemon: network frnt not found",
     "netsim: did you mean front?"),
    ("docker stop Web", "Error response from daemon: No such container: Web",
     "netsim: did you mean web?"),
])
def test_did_you_mean_under_dockers_error(command: str, docker: str, hint: str) -> None:
    """A mistyped name: Docker's text unchanged, then netsim's `did you mean` on its own line."""
    err = _stderr(SETUP + command + "\n")
    assert err[3].endswith(f"{docker}\n{hint}\n"), err[3]


def test_no_close_name_no_hint() -> None:
    """A name close to nothing gets Docker's text alone, byte for byte."""
    err = _stderr(SETUP + "docker exec zzzz ls\ndocker network connect qqqq web\n"
                  "docker exec wbe ls\n")
    assert err[3] == "Error response from daemon: No such container: zzzz\n"
    assert err[4] == "Error response from daemon: network qqqq not found\n"
    assert err[5].endswith("netsim: did you mean web?\n")  # (and a close one does)


def test_hints_are_listed_on_the_step_and_in_run_json(script: str,
                                                      capsys: pytest.CaptureFixture[str]
                                                      ) -> None:
    """The step lists its hint lines (Step.hints); `netsim run --json` shows them in stderr."""
    Path(script).write_text(SETUP + "docker exec wbe ls\n", encoding="utf-8")
    _, steps = run_script(SETUP + "docker exec wbe ls\n")
    assert steps[3].hints == ("netsim: did you mean web?",)
    code, out, _ = _cli(["run", script, "--json"], capsys)
    assert code == 0
    assert json.loads(out)["steps"][3]["stderr"] == (
        "Error response from daemon: No such container: wbe\nnetsim: did you mean web?\n")


def test_lab_docker_api_names_an_earlier_command_without_a_line() -> None:
    """Commands given to Lab.docker have no line: the hint says "an earlier command"."""
    lab = Lab()
    lab.docker("run -d --name a busybox")
    step = lab.docker("exec a ls")
    assert step.stderr == (
        "Error response from daemon: No such container: a\n"
        "netsim: container a was never created: an earlier command failed (docker run -d "
        "--name a busybox: Invalid container name (a), only [a-zA-Z0-9][a-zA-Z0-9_.-] are "
        "allowed)\n")


# ------------------------------------------------------------------ the analysis commands


def test_reach_names_the_failed_line(script: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`netsim reach FILE app web`: the one-line error, then why app does not exist; exit 2."""
    code, out, err = _cli(["reach", script, "app", "web"], capsys)
    assert (code, out) == (2, "")
    assert err == (f"netsim reach: no such container, address or vantage point (got 'app'; "
                   f"accepted: {ACCEPTED})\n{FAILED_APP}\n")


def test_reach_did_you_mean(script: str, capsys: pytest.CaptureFixture[str]) -> None:
    """`netsim reach FILE wbe web`: the one-line error, then `did you mean web?`; exit 2."""
    code, _, err = _cli(["reach", script, "wbe", "web"], capsys)
    assert code == 2
    assert err == (f"netsim reach: no such container, address or vantage point (got 'wbe'; "
                   f"accepted: {ACCEPTED})\nnetsim: did you mean web?\n")
    code, _, err = _cli(["reach", script, "@hots", "web"], capsys)
    assert code == 2
    assert err.splitlines()[1:] == ["netsim: did you mean @host?"]


def test_dns_and_exec_name_the_failed_line(script: str,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """`netsim dns` and `netsim exec` at a container that was never created say why."""
    code, _, err = _cli(["dns", script, "app", "web"], capsys)
    assert code == 2
    assert err.splitlines()[1:] == [FAILED_APP]
    code, _, err = _cli(["exec", script, "app", "--", "ping", "web"], capsys)
    assert code == 2
    assert err.splitlines()[1:] == [FAILED_APP]
    code, _, err = _cli(["exec", script, "wbe", "--", "ping", "web"], capsys)
    assert code == 2
    assert err.splitlines()[1:] == ["netsim: did you mean web?"]


def test_netsim_inspect_explains_missing_names(script: str,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """`netsim inspect FILE NAME…`: each "No such object" with its hint line; exit 1."""
    code, out, err = _cli(["inspect", script, "wbe", "app", "frnt", "zzzz"], capsys)
    assert (code, out) == (1, "[]\n")
    assert err.splitlines() == [
        "Error: No such object: wbe", "netsim: did you mean web?",
        "Error: No such object: app", FAILED_APP,
        "Error: No such object: frnt", "netsim: did you mean front?",
        "Error: No such object: zzzz"]


def test_expect_line_names_the_failed_line(tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    """`# netsim: expect app reaches web` after the failed run: a FAIL row whose reason says
    why app does not exist (netsim check), also from Lab.expect."""
    path = tmp_path / "x.sh"
    path.write_text(SETUP + "# netsim: expect app reaches web\n", encoding="utf-8")
    code, out, _ = _cli(["check", str(path)], capsys)
    assert code == 1
    why = FAILED_APP.removeprefix("netsim: ")
    assert out.splitlines()[2].strip() == (
        f"no such container, address or vantage point (got 'app'; accepted: {ACCEPTED}); {why}")
    lab, _ = run_script(SETUP)
    assert lab.expect("app reaches web").reason.endswith(f"; {why}")
    assert lab.expect("wbe reaches web").reason.endswith("; did you mean web?")


def test_lab_reach_raises_with_the_hint() -> None:
    """Lab.reach: the InputError's text has the hint as its second line."""
    lab, _ = run_script(SETUP)
    with pytest.raises(InputError) as info:
        lab.reach("app", "web")
    assert str(info.value).splitlines()[1] == FAILED_APP
    with pytest.raises(InputError) as info:
        lab.reach("wbe", "web")
    assert info.value.hint == "did you mean web?"


def test_vantage_parser_suggests_names() -> None:
    """The vantage parser alone suggests containers (also HOST/NAME) and vantage points."""
    lab, _ = run_script(SETUP)
    state = lab.state
    with pytest.raises(NoSuchVantage) as info:
        resolve_vantage(state, "wbe")
    assert (info.value.name, info.value.host, info.value.hint) == ("wbe", None,
                                                                   "did you mean web?")
    with pytest.raises(NoSuchVantage) as info:
        resolve_vantage(state, "host/wbe")
    assert info.value.hint == "did you mean host/web?"
    with pytest.raises(InputError) as bad:
        resolve_vantage(state, "hots/web")
    assert bad.value.hint == "did you mean host/web?"
    with pytest.raises(InputError) as bad:
        resolve_vantage(state, "@lna")
    assert bad.value.hint == "did you mean @lan?"
    with pytest.raises(InputError) as bad:  # @lan and @internet are destinations too
        resolve_vantage(state, "@intrenet", role="destination")
    assert bad.value.hint == "did you mean @internet?"
    with pytest.raises(InputError) as bad:
        resolve_vantage(state, "lan")
    assert bad.value.hint == "did you mean @lan?"
    with pytest.raises(InputError) as bad:  # close to @host, but a container's name
        resolve_vantage(state, "ghost")
    assert bad.value.hint is None


# ------------------------------------------------------------------ the pieces


def test_missing_ref_reads_dockers_texts() -> None:
    """Every engine's "no such" wording, with or without the older trailing period."""
    assert missing_ref("Error response from daemon: No such container: nosuch.") == (
        ("container",), "nosuch")
    assert missing_ref("Error: No such network: n1") == (("network",), "n1")
    assert missing_ref("error: no such object: x") == (("container", "network"), "x")
    assert missing_ref("Error response from daemon: network mvp not found.") == (
        ("network",), "mvp")
    assert missing_ref("Error response from daemon: Conflict.") is None


def test_did_you_mean_and_strip_hints() -> None:
    """Close names only (difflib, cutoff 0.65); strip_hints removes exactly the hint lines."""
    assert did_you_mean("frnt", ["front", "back"]) == "did you mean front?"
    assert did_you_mean("ghost", ["shoot"]) is None
    assert did_you_mean("db", ["web"]) is None
    assert did_you_mean("web", ["web"]) is None
    text = "A\nnetsim: did you mean web?\nnetsim: not simulated\n"
    assert strip_hints(text, ("netsim: did you mean web?",)) == "A\nnetsim: not simulated\n"


def test_conformance_comparison_leaves_hints_out() -> None:
    """A recording of Docker's bare error agrees with netsim's step that adds a hint."""
    script = "docker run -d --name web nginx\ndocker exec wbe ls\n"
    rec = parse_recording(json.dumps({
        "format": 1, "name": "t", "script": script,
        "script_sha256": hashlib.sha256(script.encode()).hexdigest(),
        "engine": {"profile": "28.5", "version": "28.5.2"},
        "recorded": "2026-12-04T00:00:00Z",
        "lab": {"lan": "192.168.0.0/24", "gateway": "192.168.0.1",
                "hosts": {"server1": "192.168.0.100"}},
        "steps": [
            {"line": 1, "command": "docker run -d --name web nginx", "host": "server1",
             "exit_code": 0, "stdout": "a" * 64 + "\n", "stderr": ""},
            {"line": 2, "command": "docker exec wbe ls", "host": "server1", "exit_code": 1,
             "stdout": "", "stderr": "Error response from daemon: No such container: wbe\n"},
        ],
    }))
    result = compare(rec)
    assert [s.verdict for s in result.steps] == ["agree", "agree"]
