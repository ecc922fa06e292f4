"""Issue 16, "first hour", the outputs: matplotlib as a dependency, error lines named by their
command, `netsim check` rows for expectations that cannot be checked, @internet and @lan as
destinations, and the plain-string Python API (`from netsim import Lab`)."""

from __future__ import annotations

import json
import sys
import tomllib
from pathlib import Path

import pytest
from conftest import ROOT

from netsim.cli import main

SETUP = """\
# netsim: lan 192.168.0.0/24
# netsim: host server1 address=192.168.0.10
docker network create mynet
docker network create --internal inner
docker network create -o com.docker.network.bridge.enable_ip_masquerade=false nomasq
docker network create -d macvlan --subnet 192.168.0.0/24 --gateway 192.168.0.1 -o parent=eth0 mv
docker run -d --name web --network mynet nginx
docker run -d --name db --network inner nginx
docker run -d --name lone --network none alpine sleep 1d
docker run -d --name nm --network nomasq alpine sleep 1d
docker run -d --name m1 --network mv --ip 192.168.0.64 alpine sleep 1d
docker run -d --name stopped --network mynet nginx
docker stop stopped
"""


@pytest.fixture
def setup(tmp_path: Path) -> Path:
    path = tmp_path / "setup.sh"
    path.write_text(SETUP)
    return path


def netsim(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``netsim ARGS…`` in this process: (exit status, stdout, stderr)."""
    with pytest.raises(SystemExit) as info:
        main(list(args))
    out, err = capsys.readouterr()
    code = info.value.code
    return (code if isinstance(code, int) else 0), out, err


# --------------------------------------------------------------------------------------------
# matplotlib


def test_matplotlib_is_a_core_dependency_and_draw_stays_an_alias() -> None:
    """`pip install .` brings matplotlib (the `draw` extra stays, with the same bound)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    assert "matplotlib>=3.8" in project["dependencies"]
    assert project["optional-dependencies"]["draw"] == ["matplotlib>=3.8"]


@pytest.mark.parametrize(("module", "package"), [("matplotlib", "matplotlib"),
                                                 ("PIL", "pillow")])
def test_a_missing_drawing_module_names_the_package(
        setup: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str], module: str, package: str) -> None:
    """Without matplotlib (or a module it needs) `netsim draw -o x.png` says in one line what
    to install, exit 2 (it was an internal error)."""
    pytest.importorskip("matplotlib")
    for name in [m for m in sys.modules if m == module or m.startswith(module + ".")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, module, None)  # import fails: ModuleNotFoundError
    out = tmp_path / "x.png"
    code, _, err = netsim(capsys, "draw", str(setup), "-o", str(out))
    assert (code, err) == (2, f"netsim draw: {out}: drawing .png needs the Python package "
                              f"{package}, which is not installed (accepted: pip install "
                              f"{package}, or a .dot/.mmd file)\n")


# --------------------------------------------------------------------------------------------
# Error lines start with `netsim COMMAND: `


ACCEPTS = "a container name, HOST/NAME, an IPv4 address, @host, @NAME, @lan or @internet"


def test_exec_names_itself_not_reach(setup: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """The issue's example: `netsim exec FILE nosuch ping x` said `reach: …`."""
    code, out, err = netsim(capsys, "exec", str(setup), "nosuch", "ping", "x")
    assert (code, out) == (2, "")
    assert err == (f"netsim exec: no such container, address or vantage point (got 'nosuch'; "
                   f"accepted: {ACCEPTS})\n")
    code, _, err = netsim(capsys, "exec", str(setup), "@mars", "ping", "x")
    assert (code, err) == (2, "netsim exec: unknown vantage point @mars (Docker hosts: "
                              "server1; or @lan, @internet)\n")


@pytest.mark.parametrize(("args", "line"), [
    (("reach", "{f}", "nosuch", "web"),
     f"netsim reach: no such container, address or vantage point (got 'nosuch'; accepted: "
     f"{ACCEPTS})"),
    (("reach", "{f}", "web", "@mars"),
     "netsim reach: unknown Docker host (got '@mars'; accepted: @host, @lan, @internet or "
     "@NAME for one of: server1)"),
    (("matrix", "{f}", "--port", "x"),
     "netsim matrix: --port: not a port (got 'x'; accepted: N, N/tcp or N/udp with N in "
     "1-65535)"),
    (("dns", "{f}", "nosuch", "web"), "netsim dns: client: no such container"),
    (("draw", "{f}", "-o", "x.gif"), "netsim draw: x.gif: unknown picture format"),
    (("inspect", "{f}", "--host", "zz"),
     "netsim inspect: --host: unknown Docker host (got 'zz'; accepted: server1)"),
    (("run", "/nonexistent.sh"), "netsim run: /nonexistent.sh: no such file"),
    (("check", "/nonexistent.sh"), "netsim check: /nonexistent.sh: no such file"),
    (("validate", "/nonexistent.sh"), "netsim validate: /nonexistent.sh: no such file"),
    (("export", "/nonexistent.sh", "-o", "x.yaml"), "netsim export: /nonexistent.sh: no such"),
    (("diff", "{f}", "/nonexistent.sh"), "netsim diff: /nonexistent.sh: no such file"),
])
def test_every_command_prefixes_its_error_line(setup: Path, capsys: pytest.CaptureFixture[str],
                                               args: tuple[str, ...], line: str) -> None:
    """Bad input: one line, `netsim COMMAND: ` then the error's own `where: what (…)`."""
    code, _, err = netsim(capsys, *(a.format(f=setup) for a in args))
    assert code == 2 and err.count("\n") == 1, err
    assert err.startswith(line), err


def test_a_file_location_follows_the_prefix(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """`netsim run: FILE:LINE: …`: the place in the file stays, after the command."""
    path = tmp_path / "s.sh"
    path.write_text("docker network create n\n# netsim: sleep soon\n")
    code, _, err = netsim(capsys, "run", str(path))
    assert (code, err) == (2, f"netsim run: {path}:2: sleep needs a whole number of seconds "
                              "(got 'soon'; accepted: # netsim: sleep SECONDS)\n")


# --------------------------------------------------------------------------------------------
# netsim check: a problem inside one expectation is its FAIL row


FORMS = ("SRC reaches DST [on PORT] [over ipv4|ipv6]; SRC does not reach DST [on PORT] "
         "[over ipv4|ipv6] [because DISPOSITION]; SRC resolves NAME [to ADDR,…]; SRC does not "
         "resolve NAME; SRC runs COMMAND… and exits N")


def test_check_goes_on_past_expectations_it_cannot_check(
        setup: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A stopped container, an unknown name or @host, a malformed line: FAIL rows with the
    reason under them, the others checked, exit 1 (it was exit 2 and no table)."""
    setup.write_text(SETUP + "# netsim: expect web reaches stopped\n"
                             "# netsim: expect nosuch reaches web\n"
                             "# netsim: expect web reaches @nosuch\n"
                             "# netsim: expect stopped resolves web\n"
                             "# netsim: expect web flies\n"
                             "# netsim: expect web reaches @internet\n")
    code, out, err = netsim(capsys, "check", str(setup))
    assert (code, err) == (1, "")
    assert out.splitlines() == [
        " line  expectation            outcome                result",
        "   14  web reaches stopped    CONTAINER_NOT_RUNNING  FAIL",
        "   15  nosuch reaches web     error                  FAIL",
        f"         no such container, address or vantage point (got 'nosuch'; accepted: "
        f"{ACCEPTS})",
        "   16  web reaches @nosuch    error                  FAIL",
        "         unknown Docker host (got '@nosuch'; accepted: @host, @lan, @internet or "
        "@NAME for one of: server1)",
        "   17  stopped resolves web   error                  FAIL",
        "         client: container stopped is not running (got 'exited'; accepted: a running "
        "container)",
        "   18  web flies              malformed              FAIL",
        f"         bad expectation: unknown verb 'flies' (accepted: {FORMS})",
        "   19  web reaches @internet  DELIVERED              ok",
        "6 expectations: 5 do not hold",
    ]
    code, out, _ = netsim(capsys, "check", str(setup), "--json")
    rows = json.loads(out)["checks"]
    assert code == 1 and rows[4] == {
        "line": 18, "expectation": "web flies", "outcome": "malformed", "ok": False,
        "reason": f"bad expectation: unknown verb 'flies' (accepted: {FORMS})"}
    assert "reason" not in rows[0] and rows[5]["ok"] is True


def test_check_expect_option_malformed_is_a_row(setup: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """--expect with a syntax error or an open quote: a FAIL row, the next one still checked."""
    code, out, err = netsim(capsys, "check", str(setup), "--expect", "web reaches",
                            "--expect", "web reaches 'x", "--expect", "web reaches @lan")
    assert (code, err) == (1, "")
    lines = out.splitlines()
    assert lines[1].split() == ["0", "web", "reaches", "malformed", "FAIL"]
    assert lines[2].strip() == f"bad expectation: reaches what? (accepted: {FORMS})"
    assert lines[3].split()[-2:] == ["malformed", "FAIL"]
    assert lines[4].strip().startswith("cannot split the expectation into words: No closing")
    assert lines[5].split() == ["0", "web", "reaches", "@lan", "DELIVERED", "ok"]


def test_validate_still_rejects_a_malformed_expectation(
        setup: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`netsim validate` (does the file read?) reports the malformed line, exit 2."""
    setup.write_text(SETUP + "# netsim: expect web flies\n")
    code, _, err = netsim(capsys, "validate", str(setup))
    assert (code, err) == (2, f"netsim validate: {setup}:14: bad expectation: unknown verb "
                              f"'flies' (got 'web flies'; accepted: {FORMS})\n")


# --------------------------------------------------------------------------------------------
# @internet and @lan as destinations


def rules(capsys: pytest.CaptureFixture[str], setup: Path, src: str, dst: str,
          *more: str) -> tuple[int, str, str, list[str]]:
    code, out, _ = netsim(capsys, "reach", str(setup), src, dst, "--json", *more)
    data = json.loads(out)
    return code, data["address"], data["disposition"], [h["rule"] for h in data["hops"]]


def test_internet_as_a_destination_names_the_nat(setup: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """A bridge container reaches the internet masqueraded by its host, by the host's default
    route (it was `unknown Docker host`, exit 2)."""
    code, out, _ = netsim(capsys, "reach", str(setup), "web", "@internet")
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == "web -> @internet 203.0.113.1 (icmp): reachable [DELIVERED]"
    assert lines[3].startswith("  2. it enters server1 through br-")
    assert lines[3].endswith("(mynet); it leaves server1 by eth0, masqueraded to 192.168.0.10")
    assert lines[4].startswith("     (nat.masquerade: moby daemon/libnetwork/drivers/bridge/")
    assert lines[5] == "  3. the LAN router 192.168.0.1 takes it (server1's default route)"
    assert rules(capsys, setup, "web", "@internet") == (
        0, "203.0.113.1", "DELIVERED", ["route.default", "nat.masquerade", "lan.router",
                                        "internet"])


@pytest.mark.parametrize(("src", "expected"), [
    ("db", (1, "INTERNAL_NETWORK", ["internal"])),
    ("lone", (1, "NO_INTERFACE", ["none"])),
    ("stopped", (1, "CONTAINER_NOT_RUNNING", ["not-running"])),
    ("nm", (1, "NOT_MASQUERADED", ["route.default", "nat.masquerade-off", "lan.router",
                                   "nat.masquerade-off"])),
    ("m1", (0, "DELIVERED", ["route.default", "lan.router", "internet"])),  # the LAN gateway
    ("@host", (0, "DELIVERED", ["route.default", "lan.router", "internet"])),
    ("@lan", (0, "DELIVERED", ["vantage", "lan.router", "internet"])),
])
def test_internet_destination_per_source(setup: Path, capsys: pytest.CaptureFixture[str],
                                         src: str, expected: tuple[int, str, list[str]]) -> None:
    code, _, disposition, hops = rules(capsys, setup, src, "@internet")
    assert (code, disposition, hops) == expected


def test_internet_destination_ports(setup: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """netsim's internet listens on 80, 443/tcp and 53: other ports are refused."""
    assert rules(capsys, setup, "web", "@internet", "--port", "443")[2] == "DELIVERED"
    assert rules(capsys, setup, "web", "@internet", "--port", "8080")[2] == "NOTHING_LISTENING"


@pytest.mark.parametrize(("src", "expected"), [
    ("web", (0, "DELIVERED", ["route.default", "nat.masquerade", "lan.machine"])),
    ("m1", (0, "DELIVERED", ["route.onlink", "lan.machine"])),
    ("db", (1, "INTERNAL_NETWORK", ["internal"])),
    ("@host", (0, "DELIVERED", ["route.onlink", "lan.machine"])),
    ("@internet", (1, "NO_ROUTE", ["vantage", "internet.inbound"])),
])
def test_lan_as_a_destination(setup: Path, capsys: pytest.CaptureFixture[str], src: str,
                              expected: tuple[int, str, list[str]]) -> None:
    """@lan as a destination is a machine at the LAN's highest free address."""
    code, address, disposition, hops = rules(capsys, setup, src, "@lan", "--port", "5432")
    assert address == "192.168.0.254"
    assert (code, disposition, hops) == expected


def test_internet_does_not_reach_the_default_lan(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    """On the default LAN (198.51.100.0/24, a documentation range that otherwise stands for
    the internet) @internet does not reach @lan: it was "another machine on the internet"."""
    path = tmp_path / "plain.sh"
    path.write_text("docker run -d --name web nginx\n")
    assert rules(capsys, path, "@internet", "@lan") == (
        1, "198.51.100.254", "NO_ROUTE", ["vantage", "internet.inbound"])
    assert rules(capsys, path, "@internet", "198.51.100.7")[2:] == (
        "NO_ROUTE", ["vantage", "internet.inbound"])
    assert rules(capsys, path, "@internet", "@internet")[2] == "DELIVERED"


def test_internet_is_not_a_docker_networks_address(tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """A network on 203.0.113.0/24: @internet is the next documentation range's first
    address, not the network's gateway (it was delivered on-link to the host's bridge)."""
    path = tmp_path / "pub.sh"
    path.write_text("docker network create --subnet 203.0.113.0/24 pub\n"
                    "docker run -d --name ww --network pub nginx\n")
    assert rules(capsys, path, "ww", "@internet") == (
        0, "192.0.2.1", "DELIVERED", ["route.default", "nat.masquerade", "lan.router",
                                      "internet"])


def test_expect_reaches_internet(setup: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`cc reaches @internet` was NAME_NOT_RESOLVED."""
    code, out, _ = netsim(capsys, "check", str(setup), "--expect", "web reaches @internet",
                          "--expect", "db does not reach @internet because INTERNAL_NETWORK",
                          "--expect", "m1 reaches @lan")
    assert code == 0 and out.splitlines()[-1] == "3 expectations: all hold"


# --------------------------------------------------------------------------------------------
# The Python API, with plain strings


def test_lab_from_the_top_level_package(setup: Path) -> None:
    """`from netsim import Lab`; from_file, run, reach, matrix, dns."""
    from netsim import Lab
    from netsim.analysis.reach import matrix

    lab = Lab.from_file(str(setup))
    assert str(lab.matrix()) == str(matrix(lab.state))
    assert type(lab.matrix()) is type(matrix(lab.state))
    assert lab.reach("web", "@internet").disposition.value == "DELIVERED"
    step = lab.run("docker run -d --name client --network mynet alpine sleep 1d")
    assert step.exit_code == 0 and len(step.stdout.strip()) == 64
    assert lab.run("docker network ls --format '{{.Name}}'").stdout.splitlines()[0] == "bridge"
    assert lab.run("ping -c 1 172.18.0.2").stdout.startswith("PING 172.18.0.2")
    series = lab.dns("web", from_="client")
    assert series.answers[0].addresses == ("172.18.0.2",)
    assert str(series).startswith("client asks 127.0.0.11 for web, 1 time\n")
    lab.run("# netsim: expect client reaches web on 80")
    assert lab.checks[-1].ok
