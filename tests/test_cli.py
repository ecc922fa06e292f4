"""The command line: outputs, JSON steps, exit statuses and one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SCENARIOS


def netsim(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "netsim", *args], capture_output=True, text=True, cwd=cwd,
        timeout=120,
    )


def test_run_prints_what_docker_prints() -> None:
    r = netsim("run", str(SCENARIOS / "seed-subnet.sh"))
    assert r.returncode == 0, r.stderr
    assert "host$ docker network create --driver=bridge" in r.stdout
    assert "172.72.0.2\n" in r.stdout


def test_run_json_steps() -> None:
    """--json gives design.md's step list: line, host, command, exit_code, stdout, stderr."""
    r = netsim("run", "--json", str(SCENARIOS / "seed-macvlan.sh"))
    assert r.returncode == 0, r.stderr
    steps = json.loads(r.stdout)["steps"]
    assert next(set(s) for s in steps) == {"line", "host", "command", "exit_code", "stdout",
                                         "stderr"}
    assert steps[0]["line"] == 6 and steps[0]["host"] == "server1"
    assert steps[1]["host"] == "server2"


def test_run_is_deterministic() -> None:
    a = netsim("run", "--json", "--seed", "7", str(SCENARIOS / "seed-alias.sh")).stdout
    b = netsim("run", "--json", "--seed", "7", str(SCENARIOS / "seed-alias.sh")).stdout
    c = netsim("run", "--json", "--seed", "8", str(SCENARIOS / "seed-alias.sh")).stdout
    assert a == b
    assert a != c


def test_strict_stops_at_first_failure(tmp_path: Path) -> None:
    f = tmp_path / "s.sh"
    f.write_text("docker network create n\ndocker network create n\ndocker network ls\n")
    r = netsim("run", "--strict", "--json", str(f))
    assert r.returncode == 1
    steps = json.loads(r.stdout)["steps"]
    assert len(steps) == 2 and steps[1]["exit_code"] == 1


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("docker run 'unterminated\n", "s.sh:1: cannot split the command into words"),
        ("# netsim: host\ndocker ps\n", "s.sh:1: bad 'host' directive"),
        ("# netsim: frobnicate\n", "s.sh:1: unknown netsim directive (got 'frobnicate'"),
        ("version: 1\nsteps:\n  - op: network-create\n    network: {name: n, driver: foo}\n",
         "s.yaml:4: steps.0.network: unknown 'driver' (accepted: 'bridge', 'macvlan'"),
        ("version: 1\nsteps:\n  - op: fly\n",
         "s.yaml:3: steps.0: unknown 'op' (accepted: 'network-create'"),
        ("version: 1\nhosts:\n  - {name: a, colour: red}\n",
         "s.yaml:3: hosts.0.colour: unknown field"),
        ("# netsim: host server1 address=192.168.0.100\ncat /etc/hosts\n",
         "s.sh: bad host or LAN declaration: host address 192.168.0.100 is not on the LAN "
         "198.51.100.0/24"),
    ],
)
def test_bad_input_is_one_line_exit_2(tmp_path: Path, content: str, expected: str) -> None:
    """Malformed input: one line naming file:line and what is wrong; exit 2; no traceback (a
    scenario in a .yaml file: the name chooses the reader)."""
    f = tmp_path / expected.partition(":")[0]
    f.write_text(content)
    r = netsim("run", str(f))
    assert r.returncode == 2, (r.stdout, r.stderr)
    assert r.stderr.count("\n") == 1, r.stderr
    assert "Traceback" not in r.stderr
    line = r.stderr.strip()
    assert line.startswith(f"netsim run: {f}"), line
    assert expected in line.replace(str(tmp_path) + "/", ""), line


def test_missing_file_and_bad_option() -> None:
    r = netsim("run", "/nonexistent.sh")
    assert r.returncode == 2
    assert r.stderr == "netsim run: /nonexistent.sh: no such file\n"
    r = netsim("run", "--frob", "x")
    assert r.returncode == 2
    assert r.stderr == "netsim run: No such option '--frob'. (see 'netsim run --help')\n"


def test_validate_and_export_round_trip(tmp_path: Path) -> None:
    out = tmp_path / "alias.yaml"
    r = netsim("export", str(SCENARIOS / "seed-alias.sh"), "-o", str(out))
    assert r.returncode == 0, r.stderr
    r = netsim("validate", str(out))
    assert r.returncode == 0 and "ok (scenario" in r.stdout
    a = json.loads(netsim("inspect", str(SCENARIOS / "seed-alias.sh")).stdout)
    b = json.loads(netsim("inspect", str(out)).stdout)
    assert a == b


def test_inspect_names() -> None:
    r = netsim("inspect", str(SCENARIOS / "seed-alias.sh"), "mybridge", "nosuch")
    assert r.returncode == 1
    assert json.loads(r.stdout)[0]["Name"] == "mybridge"
    assert r.stderr == "Error: No such object: nosuch\n"


def test_cli_import_is_light() -> None:
    """import netsim.cli loads neither matplotlib nor pyroute2."""
    code = (
        "import sys, netsim.cli; "
        "bad = [m for m in sys.modules if m.split('.')[0] in ('matplotlib', 'pyroute2')]; "
        "print(bad)"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert r.stdout.strip() == "[]"


def test_help_is_fast_and_clean() -> None:
    r = netsim("--help")
    assert r.returncode == 0
    assert "run" in r.stdout and "inspect" in r.stdout


def test_scenario_file_steps_carry_their_lines() -> None:
    """--json on a native scenario: each step's line is where it starts in the YAML."""
    r = netsim("run", "--json", str(SCENARIOS / "proxy-stack.yaml"))
    assert r.returncode == 0, r.stderr
    steps = json.loads(r.stdout)["steps"]
    assert [s["line"] for s in steps] == [6, 8, 10, 16, 21, 24]
    assert steps[4]["command"] == "docker network connect front app"
    assert all(s["exit_code"] == 0 for s in steps)


def test_reach_verdict_trace_and_exit_status() -> None:
    """`netsim reach`: the verdict line, numbered hops with rules; exit 0 delivered, 1 not."""
    path = str(SCENARIOS / "seed-macvlan.sh")
    r = netsim("reach", path, "c1", "c2")
    assert r.returncode == 0 and r.stdout.startswith(
        "c1 -> c2 192.168.0.128 (icmp): reachable [DELIVERED]\n  1. ")
    r = netsim("reach", path, "@server1", "c1", "--json")
    assert r.returncode == 1
    data = json.loads(r.stdout)
    assert data["disposition"] == "MACVLAN_HOST_ISOLATION"
    assert data["hops"][-1]["rule"] == "macvlan.host" and data["hops"][-1]["source"]


def test_reach_bad_input_is_one_line() -> None:
    """An unknown name or a bad port: one line, exit 2."""
    path = str(SCENARIOS / "seed-macvlan.sh")
    for args, text in ((("c1", "nope"), "netsim reach: no such container, address or vantage "
                        "point (got 'nope'"), (("c1", "c2", "--port", "80/xyz"),
                                               "netsim reach: --port: not a port (got '80/xyz'")):
        r = netsim("reach", path, *args)
        assert r.returncode == 2 and r.stderr.startswith(text) and r.stderr.count("\n") == 1


def test_matrix_table_and_json() -> None:
    """`netsim matrix`: a ./X table with numbered columns, and --json rows."""
    path = str(SCENARIOS / "seed-macvlan.sh")
    r = netsim("matrix", path)
    assert r.returncode == 0
    assert r.stdout.splitlines() == [
        "who reaches whom (ping)", "           01", "c1         ..", "c2         ..",
        "@server1   X.", "@server2   .X", "@lan       ..", "@internet  XX",
        "columns: 0=c1  1=c2"]
    r = netsim("matrix", path, "--port", "80", "--json", "--no-vantage")
    data = json.loads(r.stdout)
    assert data == {"port": 80, "proto": "tcp", "sources": ["c1", "c2"],
                    "destinations": ["c1", "c2"], "rows": ["XX", "XX"]}


def test_wide_matrix_through_a_pipe(tmp_path: Path) -> None:
    """A matrix wide enough (4,100 columns: rows rendered by numpy) and big enough (≥ 2^24
    cells: a wider pipe asked for) prints, through a pipe, the table and JSON of the API."""
    from netsim.lab import run_script

    text = "docker network create --subnet 10.8.0.0/19 n1\n" + "".join(
        f"docker run -d --name c{i} --network n1 {'nginx' if i % 2 else 'alpine'}\n"
        for i in range(4100))
    path = tmp_path / "wide.sh"
    path.write_text(text, encoding="utf-8")
    m = run_script(text, source=str(path))[0].matrix(port=80)
    assert len(m.sources) * len(m.destinations) >= 1 << 24
    r = netsim("matrix", str(path), "--port", "80", "--json")
    assert r.returncode == 0 and r.stdout == m.to_json() + "\n"
    r = netsim("matrix", str(path), "--port", "80")
    assert r.returncode == 0 and r.stdout == "".join(line + "\n" for line in m.lines())


def test_widen_pipe_asks_for_1_mib_and_leaves_the_rest() -> None:
    """netsim matrix's stdout, a pipe, gets 1 MiB of buffer; a file, or a stream without a
    file descriptor, is left as it is, without an error."""
    import fcntl
    import io
    import os
    import tempfile

    from netsim.io.pipes import widen_pipe

    read, write = os.pipe()
    try:
        with open(write, "wb") as out:
            widen_pipe(out)
            assert fcntl.fcntl(write, fcntl.F_GETPIPE_SZ) == 1 << 20
    finally:
        os.close(read)
    widen_pipe(io.BytesIO())
    with tempfile.TemporaryFile() as f:
        widen_pipe(f)


def test_the_loaded_lab_lives_until_the_process_ends() -> None:
    """A command's lab is kept past its return (netsim.cli._LOADED), so the console script's
    os._exit ends the process before a large State is freed object by object; the next
    command's lab replaces it."""
    from click.testing import CliRunner

    from netsim import cli as cli_module

    path = str(SCENARIOS / "seed-macvlan.sh")
    result = CliRunner().invoke(cli_module.cli, ["matrix", path])
    assert result.exit_code == 0
    first = list(cli_module._LOADED)
    assert len(first) == 1 and first[0].state.container("c1").name == "c1"
    CliRunner().invoke(cli_module.cli, ["matrix", path])
    assert len(cli_module._LOADED) == 1 and cli_module._LOADED[0] is not first[0]


@pytest.mark.parametrize("args", [("matrix",), ("matrix", "--json"), ("run",)])
def test_a_reader_that_stops_early_is_success(tmp_path: Path, args: tuple[str, ...]) -> None:
    """``netsim matrix | head -1``: the output is larger than a pipe holds and its reader
    closes it after one line; netsim stops quietly with status 0 (design.md: 1 means a check
    failed), not click's 1 or a traceback."""
    lines = [f"docker network create --subnet 10.{n}.0.0/16 n{n}" for n in range(4)]
    lines += [f"docker run -d --name c{i} --network n{i % 4} nginx" for i in range(400)]
    script = tmp_path / "big.sh"
    script.write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "netsim", *args, str(script)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    assert proc.stdout.read(100)  # the first bytes, then the reader goes away
    proc.stdout.close()
    err = proc.stderr.read()
    assert proc.wait(timeout=120) == 0, err
    assert err == b""
