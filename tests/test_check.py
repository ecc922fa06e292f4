"""`# netsim: expect …` lines and `netsim check`: the bundled scenarios' expectations hold; a
wrong one fails with a clear table; bad expectations are one-line input errors."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SCENARIOS

from netsim.analysis.check import parse_expectation
from netsim.analysis.reach import Disposition
from netsim.errors import InputError

WITH_EXPECTATIONS = sorted(p for p in SCENARIOS.glob("*.sh")
                           if "# netsim: expect" in p.read_text())


def check(path: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "netsim", "check", str(path), *extra],
                          capture_output=True, text=True, cwd=ROOT, check=False)


def test_every_bundled_script_states_expectations() -> None:
    """Every bundled script (the seed's lessons, the tutorials, the stacks) carries
    expectations."""
    assert sorted(SCENARIOS.glob("*.sh")) == WITH_EXPECTATIONS
    names = {p.name for p in WITH_EXPECTATIONS}
    assert {"seed-alias.sh", "seed-basics.sh", "seed-macvlan.sh", "seed-modes.sh",
            "seed-subnet.sh", "tutorial-bridge.sh", "tutorial-default-bridge.sh",
            "tutorial-host.sh", "tutorial-macvlan.sh", "overlay-two-hosts.sh",
            "stack-reverse-proxy.sh", "stack-vpn-sidecar.sh", "icc-off.sh",
            "dual-stack.sh"} <= names


@pytest.mark.parametrize("path", WITH_EXPECTATIONS, ids=[p.name for p in WITH_EXPECTATIONS])
def test_bundled_expectations_hold(path: Path) -> None:
    """`netsim check` on a bundled script: every expectation holds, exit 0."""
    r = check(path)
    assert r.returncode == 0, r.stdout + r.stderr
    lines = r.stdout.splitlines()
    assert lines[0].split() == ["line", "expectation", "outcome", "result"]
    assert lines[-1].endswith("all hold") and all(x.endswith("ok") for x in lines[1:-1])


def test_a_wrong_expectation_fails_with_a_table(tmp_path: Path) -> None:
    """Turn 'alpine1 does not reach alpine3' into 'reaches': exit 1, that row says FAIL with
    netsim's verdict; the others still hold."""
    text = (SCENARIOS / "tutorial-bridge.sh").read_text()
    wrong = text.replace("# netsim: expect alpine1 does not reach alpine3 because "
                         "ISOLATED_NETWORKS", "# netsim: expect alpine1 reaches alpine3")
    assert wrong != text
    path = tmp_path / "wrong.sh"
    path.write_text(wrong)
    r = check(path)
    assert r.returncode == 1
    bad = next(line for line in r.stdout.splitlines() if "  alpine1 reaches alpine3  " in line)
    assert bad.endswith("FAIL") and "ISOLATED_NETWORKS" in bad
    assert sum(line.endswith("FAIL") for line in r.stdout.splitlines()) == 1
    assert r.stdout.splitlines()[-1] == "11 expectations: 1 does not hold"
    data = json.loads(check(path, "--json").stdout)
    assert data["ok"] is False and [c["ok"] for c in data["checks"]].count(False) == 1


def test_wrong_dispositions_and_names_fail(tmp_path: Path) -> None:
    """A blocked flow with the wrong reason, a name that resolves elsewhere, a command with
    another exit status: each fails."""
    path = tmp_path / "t.sh"
    path.write_text("docker network create n\n"
                    "docker run -d --name a1 --network n alpine sleep 1d\n"
                    "docker run -d --name a2 alpine sleep 1d\n"
                    "# netsim: expect a1 does not reach a2 because ICC_DISABLED\n"
                    "# netsim: expect a1 resolves a1 to 10.0.0.1\n"
                    "# netsim: expect a1 runs ping -c 1 a2 and exits 0\n"
                    "# netsim: expect a1 does not reach nosuchname\n")
    r = check(path)
    assert r.returncode == 1
    results = [line.rsplit(None, 1)[-1] for line in r.stdout.splitlines()[1:-1]]
    assert results == ["FAIL", "FAIL", "FAIL", "ok"]


def test_bad_expectations_are_fail_rows(tmp_path: Path) -> None:
    """An unreadable expectation or an unknown container is that expectation's FAIL row, with
    the reason under it (exit 1); a file without expectations is one line, exit 2."""
    cases = {
        "# netsim: expect a1 flies to a2\n": "bad expectation: unknown verb 'flies'",
        "# netsim: expect nosuch reaches 8.8.8.8\n": "no such container",
        "# netsim: expect a1 does not reach 8.8.8.8 because BLOCKED\n": "unknown disposition",
    }
    for extra, message in cases.items():
        path = tmp_path / "b.sh"
        path.write_text("docker run -d --name a1 alpine sleep 1d\n" + extra)
        r = check(path)
        assert r.returncode == 1 and r.stderr == "", (extra, r.stderr)
        assert r.stdout.splitlines()[1].endswith("FAIL") and message in r.stdout.splitlines()[2]
    path = tmp_path / "b.sh"
    path.write_text("docker run -d --name a1 alpine sleep 1d\n")
    r = check(path)
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "no expectations" in r.stderr


def words(text: str) -> list[str]:
    return text.split()


def test_parse_expectation_forms() -> None:
    """Every documented form parses to what it says."""
    e = parse_expectation(words("web reaches db on 5432"), "x")
    assert (e.kind, e.src, e.target, e.port, e.proto, e.negate) == ("reach", "web", "db", 5432,
                                                                     "tcp", False)
    e = parse_expectation(words("a cannot reach b on 53/udp because INTERNAL_NETWORK"), "x")
    assert e.negate and e.proto == "udp" and e.disposition is Disposition.INTERNAL_NETWORK
    e = parse_expectation(words("c resolves pool to 10.0.0.2,10.0.0.3"), "x")
    assert e.kind == "resolve" and e.addresses == ("10.0.0.2", "10.0.0.3")
    e = parse_expectation(words("c does not resolve x"), "x")
    assert e.kind == "resolve" and e.negate
    e = parse_expectation(words("c runs nc -z db 5432 and exits 0"), "x")
    assert e.command == ("nc", "-z", "db", "5432") and e.exit_code == 0
    with pytest.raises(InputError, match="runs COMMAND"):
        parse_expectation(words("c runs ping"), "x")


def test_scenario_format_expectations_and_export(tmp_path: Path) -> None:
    """`op: expect` steps in a YAML scenario are checked where they stand; `netsim export`
    keeps a script's expectations, and the exported scenario checks the same."""
    r = check(SCENARIOS / "proxy-stack.yaml")
    assert r.returncode == 0 and r.stdout.splitlines()[-1] == "5 expectations: all hold"
    out = tmp_path / "tb.yaml"
    subprocess.run([sys.executable, "-m", "netsim", "export", str(SCENARIOS / "tutorial-bridge.sh"),
                    "-o", str(out)], check=True, cwd=ROOT, capture_output=True)
    assert out.read_text().count("op: expect") == 11
    exported = check(out)
    assert exported.returncode == 0
    assert exported.stdout.splitlines()[-1] == "11 expectations: all hold"
