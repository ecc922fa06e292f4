"""Issue 16, "First hour", the inputs: standard input and empty inputs, a byte order mark and
CRLF line ends, lines that only set up the shell, and lines netsim does not simulate (one note
each, the run goes on; ``--strict``: an error)."""

from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from click.testing import CliRunner

from netsim.cli import main
from netsim.dockercli.commands.context import NOT_SIMULATED, Output
from netsim.hostshell import not_simulated
from netsim.io.inputs import decode_text, read_input
from netsim.io.scenario import parse_scenario, read_scenario
from netsim.io.script import parse_script, read_script
from netsim.lab import run_script

NOTE = "is not simulated; the run goes on as if it succeeded (--strict: an error)"
STRICT = ("is not simulated (--strict: an error; without --strict, the run goes on as if it "
          "succeeded)")
CRLF = "CRLF line ends (Windows) read as LF"
SCRIPT = "docker network create n\ndocker network ls --format '{{.Name}}'\n"
SCENARIO = "version: 1\nsteps:\n  - op: network-create\n    network: {driver: bridge, name: n}\n"


@dataclass(frozen=True)
class Outcome:
    code: int
    stdout: str
    stderr: str


def netsim(*argv: str, stdin: bytes | None = None) -> Outcome:
    """``netsim ARGV`` in-process, as the console script runs it; stdout and stderr apart."""
    with CliRunner().isolation(input=stdin) as (out, err, _):
        code = 0
        try:
            main(list(argv))
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 0
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
        return Outcome(code, out.getvalue().decode(), err.getvalue().decode())


def error_line(r: Outcome) -> str:
    """The one error line, without the ``netsim COMMAND: `` prefix the CLI may put first."""
    assert r.code == 2 and r.stdout == "", r
    lines = r.stderr.splitlines()
    assert len(lines) == 1, r.stderr
    return re.sub(r"^netsim [a-z]+: ", "", lines[0])


def script(tmp_path: Path, text: str | bytes, name: str = "s.sh") -> str:
    f = tmp_path / name
    if isinstance(text, bytes):
        f.write_bytes(text)
    else:
        f.write_text(text)
    return str(f)


# ------------------------------------------------------------------ 1. standard input


@pytest.mark.parametrize("argv", [
    ("run", "-"), ("check", "-"), ("matrix", "-"), ("reach", "-", "a", "b"),
    ("dns", "-", "a", "b"), ("inspect", "-"), ("export", "-", "-o", "-"),
    ("draw", "-", "-o", "x.dot"), ("exec", "-", "@host", "--", "ip", "addr"),
    ("validate", "-"), ("diff", "-", "x.sh"), ("run", "-", "--format", "scenario")])
def test_every_command_reads_stdin_and_refuses_an_empty_one(argv: tuple[str, ...]) -> None:
    """'-' is standard input for every command that takes a FILE; empty (or blank) is one
    line, exit 2."""
    for empty in (b"", b"  \n\n"):
        assert error_line(netsim(*argv, stdin=empty)) == (
            "<stdin>: the input is empty (accepted: a script of docker commands or a scenario)")


def test_stdin_is_read_by_run_check_and_matrix() -> None:
    """A script on standard input is replayed, checked and tabled."""
    r = netsim("run", "-", stdin=SCRIPT.encode())
    assert (r.code, r.stderr) == (0, "")
    assert r.stdout.endswith("host$ docker network ls --format '{{.Name}}'\nbridge\nhost\nn\n"
                             "none\n")
    two = b"docker run -d --name web nginx\ndocker run -d --name db nginx\n"
    r = netsim("check", "-", stdin=two + b"# netsim: expect web reaches db\n")
    assert (r.code, r.stderr) == (0, "")
    assert r.stdout.endswith("    3  web reaches db  DELIVERED  ok\n1 expectation: all hold\n")
    r = netsim("matrix", "-", stdin=two)
    assert (r.code, r.stderr) == (0, "") and "web" in r.stdout and "db" in r.stdout


def test_validate_names_stdin_as_run_does() -> None:
    """`netsim validate -` says `<stdin>`, as every other command does (it said `-:2:`)."""
    r = netsim("validate", "-", stdin=SCRIPT.encode())
    assert (r.code, r.stdout, r.stderr) == (0, "<stdin>: ok (script, 2 commands)\n", "")
    r = netsim("validate", "-", stdin=b"docker ps\n# netsim: expect web flies\n")
    assert error_line(r).startswith("<stdin>:2: bad expectation: unknown verb 'flies' ")


def test_a_compose_project_on_stdin_is_one_line() -> None:
    """Compose reads a directory (.env, files beside the compose file): '-' with --format
    compose is one plain line, not a note of a docker compose command."""
    assert error_line(netsim("run", "-", "--format", "compose", stdin=b"services: {}\n")) == (
        "<stdin>: a Compose project cannot be read from standard input (accepted: the compose "
        "file's path: netsim run compose.yaml)")


# ------------------------------------------------------------------ 2. BOM and CRLF

BOM = b"\xef\xbb\xbf"
WINDOWS = BOM + b"docker network create n\r\ndocker run -d --name web --network n nginx\r\n" \
                b"docker ps --format '{{.Names}} {{.Networks}}'\r\n"


def test_decode_text_drops_the_bom_and_reads_crlf_as_lf() -> None:
    """The BOM is dropped silently; CRLF (or a lone CR) is read as LF with one note."""
    notes: list[str] = []
    assert decode_text(BOM + b"a\r\nb\r\n", "f.sh", notes) == "a\nb\n"
    assert notes == [f"f.sh: {CRLF}"]
    notes.clear()
    assert decode_text(BOM + b"a\nb\n", "f.sh", notes) == "a\nb\n" and notes == []
    assert decode_text(b"a\rb\r", "f.sh", notes) == "a\nb\n"
    assert notes == ["f.sh: CR line ends (classic Mac OS) read as LF"]


def test_a_windows_script_runs_as_typed_with_one_note(tmp_path: Path) -> None:
    """A script saved by Notepad (BOM, CRLF): the first line is a docker command (not
    '\\ufeffdocker'), names carry no CR, and stderr has one note naming the file."""
    f = script(tmp_path, WINDOWS)
    r = netsim("run", f)
    assert r.code == 0
    assert r.stderr == f"netsim: {f}: {CRLF}\n"
    assert "\r" not in r.stdout and "\ufeff" not in r.stdout
    assert r.stdout.splitlines()[0] == "host$ docker network create n"
    assert r.stdout.endswith("web n\n")
    same = netsim("run", "-", stdin=WINDOWS)  # standard input alike
    assert same.stdout == r.stdout and same.stderr == f"netsim: <stdin>: {CRLF}\n"
    assert netsim("validate", f).stderr == f"netsim: {f}: {CRLF}\n"


def test_a_bom_alone_needs_no_note(tmp_path: Path) -> None:
    """A BOM is invisible in the editor: dropped without a word."""
    r = netsim("run", script(tmp_path, BOM + SCRIPT.encode()))
    assert (r.code, r.stderr) == (0, "")
    assert "not simulated" not in r.stdout


def test_windows_scenarios_read_as_their_author_meant(tmp_path: Path) -> None:
    """A YAML or JSON scenario with a BOM and CRLFs reads (JSON with a BOM used to fail)."""
    y = script(tmp_path, BOM + SCENARIO.replace("\n", "\r\n").encode(), "s.yaml")
    r = netsim("run", y)
    assert r.code == 0 and r.stderr == f"netsim: {y}: {CRLF}\n"
    assert r.stdout.startswith("host$ docker network create -d bridge n\n")
    j = script(tmp_path, BOM + b'{"version": 1, "steps": []}', "s.json")
    assert netsim("run", j) == Outcome(0, "", "")
    assert len(read_scenario(y).steps) == 1 and read_scenario(j).steps == ()
    assert parse_scenario('\ufeff{"version": 1, "steps": []}').steps == ()


def test_the_python_readers_drop_the_bom_too(tmp_path: Path) -> None:
    """read_script, parse_script and read_input read a BOM and CRLFs the same way."""
    f = script(tmp_path, WINDOWS)
    assert read_script(f)[0].argv == ("docker", "network", "create", "n")
    assert parse_script("\ufeffdocker ps\n")[0].argv == ("docker", "ps")
    notes: list[str] = []
    assert read_input(f, notes).startswith("docker network create n\n")
    assert notes == [f"{f}: {CRLF}"]


# ------------------------------------------------------------------ 3. shell set-up lines

SETUP = """#!/bin/bash
set -e
set -euo pipefail
set -x
set +x
set -o errexit -o nounset
set -- a b
shopt -s nullglob
trap 'echo bye' EXIT
umask 022
ulimit -n 4096
alias d=docker
wait
clear
sleep 5
"""


def test_lines_that_set_up_the_shell_are_accepted_quietly() -> None:
    """set -e/-euo pipefail/-x, shopt, trap, umask, ulimit, alias, wait, clear, sleep: exit 0,
    nothing printed, no note (the shebang is a comment)."""
    lab, steps = run_script(SETUP, sandboxed=True)
    assert [(s.command, s.exit_code, s.stdout, s.stderr) for s in steps] == [
        (line, 0, "", "") for line in SETUP.splitlines()[1:]]
    assert lab.notes == [] and not any(s.unsimulated for s in steps)


def test_sudo_docker_is_docker() -> None:
    """`sudo docker …` (and `sudo docker-compose …`) runs the docker command, as root does: it
    was a line not simulated, its container never made. Another sudo stays not simulated."""
    lab, steps = run_script("sudo docker run -d --name web nginx\nsudo docker ps -q\n"
                            "sudo -u bob docker ps\n", sandboxed=True)
    assert steps[0].command == "sudo docker run -d --name web nginx"
    assert steps[1].stdout == steps[0].stdout[:12] + "\n"
    assert [s.unsimulated for s in steps] == ["", "", "sudo"]
    assert lab.notes == [f"<script>:3: 'sudo' {NOTE}"]


def test_the_cli_shows_set_e_as_typed(tmp_path: Path) -> None:
    """netsim run: the prompt and nothing else; stderr empty."""
    r = netsim("run", script(tmp_path, "#!/bin/bash\nset -euo pipefail\ndocker network ls -q "
                                       "--filter name=none\n"))
    assert r.code == 0 and r.stderr == ""
    assert r.stdout.startswith("host$ set -euo pipefail\nhost$ docker network ls")


def test_bad_shell_settings_get_bashs_errors() -> None:
    """Measured on bash 5.2 and coreutils 9: the invalid forms fail as they do there."""
    _, steps = run_script("set -z\nset -o nosuch\nsleep\nsleep 2x\numask 999\n", sandboxed=True)
    assert [(s.exit_code, s.stderr) for s in steps] == [
        (2, "/bin/bash: line 1: set: -z: invalid option\n"
            "set: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n"),
        (2, "/bin/bash: line 1: set: nosuch: invalid option name\n"),
        (1, "sleep: missing operand\nTry 'sleep --help' for more information.\n"),
        (1, "sleep: invalid time interval ‘2x’\nTry 'sleep --help' for more information.\n"),
        (1, "/bin/bash: line 1: umask: 999: octal number out of range\n"),
    ]


def test_sleep_moves_the_clock() -> None:
    """sleep N: docker ps shows the container up N seconds more (1m, 0.5 and sums too)."""
    _, steps = run_script("docker run -d --name web nginx\ndocker ps --format '{{.Status}}'\n"
                          "sleep 1m 4.5\ndocker ps --format '{{.Status}}'\n", sandboxed=True)
    assert [s.stdout for s in steps[1::2]] == ["Up 1 second\n", "Up About a minute\n"]
    _, steps = run_script("docker run -d --name web nginx\nsleep 5\n"
                          "docker ps --format '{{.Status}}'\n", sandboxed=True)
    assert steps[-1].stdout == "Up 6 seconds\n"


def test_what_already_worked_still_works() -> None:
    """echo, cd, mkdir, a here-document into a file and curl on the host are simulated."""
    lab, steps = run_script("echo hi\nmkdir -p d\ncd d\npwd\ncat <<EOF > f.txt\nhello\nEOF\n"
                            "cat f.txt\ncurl -s example.com\n", sandboxed=True)
    assert [s.stdout for s in steps[:4]] == ["hi\n", "", "", "/root/d\n"]
    assert steps[4].exit_code == 0 and steps[5].stdout == "hello\n"
    assert steps[6].exit_code == 0 and steps[6].stdout.startswith("netsim-lab internet:")
    assert lab.notes == []


def test_the_printing_forms_are_not_simulated() -> None:
    """set alone prints every variable: netsim says it does not simulate that (a note)."""
    lab, steps = run_script("set\nalias\nsleep infinity\n", sandboxed=True)
    assert [(s.exit_code, s.stderr, s.unsimulated) for s in steps] == [
        (0, "", "set"), (0, "", "alias"), (0, "", "sleep")]
    assert lab.notes == [f"<script>:{i}: '{c}' {NOTE}" for i, c in
                         ((1, "set"), (2, "alias"), (3, "sleep"))]


# ------------------------------------------------------------------ 4. not simulated

UNSIMULATED = """docker network create n
docker login -u me
docker search app
docker system prune -f
docker volume update v
docker push app
terraform apply
docker login 2>/dev/null
docker run -d --name web --network n nginx
"""


def test_each_line_netsim_does_not_simulate_is_one_note(tmp_path: Path) -> None:
    """docker login, search, system prune, volume update, push and an unknown program: each
    line succeeds quietly (no transcript text), and stderr has one note naming it."""
    f = script(tmp_path, UNSIMULATED)
    r = netsim("run", f)
    assert r.code == 0
    assert r.stderr.splitlines() == [
        f"netsim: {f}:{n}: '{c}' {NOTE}" for n, c in (
            (2, "docker login"), (3, "docker search"), (4, "docker system prune"),
            (5, "docker volume update"), (6, "docker push"), (7, "terraform"),
            (8, "docker login"))]
    assert "not simulated" not in r.stdout
    assert "host$ docker login -u me\nhost$ docker search app\n" in r.stdout
    assert r.stdout.endswith("host$ docker run -d --name web --network n nginx\n"
                             + r.stdout.splitlines()[-1] + "\n")  # the run went on


def test_json_marks_the_step_not_simulated(tmp_path: Path) -> None:
    """--json keeps one step per line; a line netsim does not simulate has "simulated": false
    (exit 0, no output), the others keep design.md's keys only."""
    r = netsim("run", "--json", script(tmp_path, UNSIMULATED))
    steps = json.loads(r.stdout)["steps"]
    assert len(steps) == 9
    assert steps[1] == {"line": 2, "host": "host", "command": "docker login -u me",
                        "exit_code": 0, "stdout": "", "stderr": "", "simulated": False}
    assert set(steps[0]) == {"line", "host", "command", "exit_code", "stdout", "stderr"}
    assert [s.get("simulated", True) for s in steps] == [True] + [False] * 7 + [True]


@pytest.mark.parametrize("command", ["run", "check", "matrix", "inspect", "export"])
def test_strict_makes_it_an_error(tmp_path: Path, command: str) -> None:
    """--strict, on every command that replays FILE: one line FILE:LINE, exit 2."""
    f = script(tmp_path, UNSIMULATED + "# netsim: expect web resolves web\n")
    extra = ("-o", "-") if command == "export" else ()
    assert error_line(netsim(command, "--strict", f, *extra)) == (
        f"{f}:2: 'docker login' {STRICT}")


def test_without_strict_the_other_commands_note_and_go_on(tmp_path: Path) -> None:
    """netsim matrix (no --strict): the notes on stderr, the table on stdout, exit 0."""
    r = netsim("matrix", script(tmp_path, UNSIMULATED))
    assert r.code == 0 and "web" in r.stdout
    assert len(r.stderr.splitlines()) == 7 and r.stderr.startswith("netsim: ")


def test_strict_run_still_stops_at_the_first_failure(tmp_path: Path) -> None:
    """netsim run --strict: a command that fails stops the replay, exit 1, as before."""
    r = netsim("run", "--strict", script(tmp_path, "docker network rm nosuch\ndocker login\n"))
    assert r.code == 1 and "docker login" not in r.stdout and r.stderr == ""


def test_a_program_in_a_container_shell() -> None:
    """In a container's shell: a program the image lacks is the shell's 'not found'; one of an
    image netsim does not know the files of is not simulated (a note)."""
    lab, steps = run_script("docker run -d --name ca netsim-lab/alpine sleep 1d\n"
                            "docker run -d --name cb nginx\n"
                            "docker exec -it ca sh\nfrobnicate\nexit\n"
                            "docker exec -it cb sh\nfrobnicate\nexit\n", sandboxed=True)
    assert (steps[3].exit_code, steps[3].stderr) == (127, "sh: frobnicate: not found\n")
    assert (steps[6].exit_code, steps[6].stderr, steps[6].unsimulated) == (0, "", "frobnicate")
    assert lab.notes == [f"<script>:7: 'frobnicate' {NOTE}"]


def test_not_simulated_reads_only_whole_commands() -> None:
    """A part netsim does not simulate (a filter, $VAR) stays where it is, exit 126."""
    def out(text: str) -> Output:
        o = Output()
        o.err(text, NOT_SIMULATED)
        return o

    assert not_simulated(out("netsim: 'docker login' is not simulated")) == "docker login"
    assert not_simulated(out("netsim: 'ip' at @host is not simulated yet")) == "ip"
    assert not_simulated(out("netsim: 'x' inside a container is not simulated yet")) == "x"
    assert not_simulated(out("netsim: the filter 'foo' is not simulated")) == ""
    assert not_simulated(out("netsim: parameter expansion ($HOME) is not simulated")) == ""
    _, steps = run_script("echo $HOME\ndocker ps --filter foo=bar\n", sandboxed=True)
    assert [s.exit_code for s in steps] == [126, 126]
