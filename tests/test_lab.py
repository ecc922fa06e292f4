"""The conformance lab leaves the machine as it found it: after start/stop, and after a killed run.

These tests start real Docker Engines (conformance/lab/lab.sh, engine 28.5) in netsim- network
namespaces. They need root and an installed lab (``lab.sh install``, which .ci/run does); on a
laptop without them they skip, in CI (NETSIM_REQUIRE_ROOT_TESTS=1) a skip is a failure.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAB = ROOT / "conformance" / "lab" / "lab.sh"
STATE = Path(os.environ.get("NETSIM_LAB_STATE", "/var/lib/netsim-lab"))

pytestmark = pytest.mark.root


def _installed() -> bool:
    return (STATE / "root-28.5" / "usr" / "sbin" / "dockerd").exists() and (
        STATE / "images" / "build" / "done").exists()


def _firewall_tool(name: str) -> list[str]:
    """The machine's own tool, or the lab root's (the machine may have no iptables)."""
    if shutil.which(name):
        return [name]
    return ["chroot", str(STATE / "root-28.5"), name]


def _snapshot() -> dict[str, str]:
    """What the lab promises not to change in the root namespace."""
    def run(*argv: str) -> str:
        p = subprocess.run(list(argv), capture_output=True, text=True, check=False)
        return p.stdout + p.stderr

    snap = {
        "links": run("ip", "-br", "link"),
        "addresses": run("ip", "-br", "addr"),
        "routes": run("ip", "route") + run("ip", "-6", "route"),
        "rules": run("ip", "rule"),
        "namespaces": "\n".join(sorted(n for n in run("ip", "netns", "list").splitlines())),
        "forwarding": Path("/proc/sys/net/ipv4/ip_forward").read_text(),
    }
    for tool in ("iptables-nft-save", "ip6tables-nft-save", "iptables-legacy-save"):
        text = run(*_firewall_tool(tool))
        snap[tool] = "\n".join(ln for ln in text.splitlines() if not ln.startswith("#"))
    snap["nft"] = run(*_firewall_tool("nft"), "list", "ruleset")
    return snap


def _lab(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(LAB), "--engine", "28.5", *args], capture_output=True, text=True,
                          timeout=timeout, check=False)


@pytest.fixture
def clean_machine() -> dict[str, str]:
    if os.geteuid() != 0:
        pytest.skip("needs root")
    if not _installed():
        pytest.skip("the conformance lab is not installed (conformance/lab/lab.sh install)")
    if Path("/run/netsim-lab/engine").exists():
        pytest.skip("a lab is running: these tests start and stop their own")
    return _snapshot()


def _assert_unchanged(before: dict[str, str]) -> None:
    after = _snapshot()
    for key in before:
        assert after[key] == before[key], f"the lab changed the machine's {key}"
    assert "netsim-" not in after["namespaces"]
    assert not Path("/run/netsim-lab").exists()


def test_start_run_stop_leaves_no_trace(clean_machine: dict[str, str], tmp_path: Path) -> None:
    """Start, a script that publishes ports and makes networks, stop: the machine is unchanged."""
    script = tmp_path / "s.sh"
    script.write_text(
        "docker network create n1\n"
        "docker run -d --name web -p 8080:80 --network n1 netsim-lab/nginx\n"
        "docker run --rm --network n1 netsim-lab/alpine wget -qO- web\n"
        "curl -s localhost:8080\n"
        "ip netns list\n")
    run = subprocess.run([str(LAB), "--engine", "28.5", "run", str(script)], capture_output=True,
                         text=True, timeout=300, check=False)
    try:
        assert run.returncode == 0, run.stderr
        import json

        steps = json.loads(run.stdout)
        assert [s["exit_code"] for s in steps] == [0, 0, 0, 0, 0]
        assert "Welcome to nginx!" in steps[2]["stdout"]
        assert "Welcome to nginx!" in steps[3]["stdout"]
    finally:
        stop = _lab("stop")
    assert stop.returncode == 0, stop.stderr
    assert "unchanged" in stop.stderr
    _assert_unchanged(clean_machine)


def test_killed_run_leaves_no_trace(clean_machine: dict[str, str], tmp_path: Path) -> None:
    """A run killed (SIGKILL) in the middle of a command, then stop: the machine is unchanged."""
    script = tmp_path / "slow.sh"
    script.write_text("docker run -d --name a -p 8081:80 netsim-lab/nginx\n"
                      "docker run --rm netsim-lab/alpine sleep 60\n")
    proc = subprocess.Popen([str(LAB), "--engine", "28.5", "run", str(script)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    try:
        deadline = time.monotonic() + 240
        while time.monotonic() < deadline:  # wait until the second command runs
            ps = subprocess.run(["pgrep", "-f", "sleep 60"], capture_output=True, text=True,
                                check=False)
            if ps.stdout.strip():
                break
            time.sleep(0.5)
        else:
            pytest.fail("the slow command never started")
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=30)
        stop = _lab("stop")
    assert stop.returncode == 0, stop.stderr
    _assert_unchanged(clean_machine)


def test_daemon_options_of_a_script(clean_machine: dict[str, str], tmp_path: Path) -> None:
    """``# netsim: daemon FLAG…`` starts fresh daemons with those dockerd options (IPv6 on the
    default bridge); a flag outside the allowed list is refused before anything starts; a run
    that is not fresh cannot reuse daemons started with other options; the next fresh run
    without the line gets plain daemons; and the machine is left as found."""
    import json

    v6 = tmp_path / "v6.sh"
    v6.write_text("# netsim: daemon --ipv6 --fixed-cidr-v6=fd00:d0c::/64\n"
                  "docker network inspect -f '{{.EnableIPv6}} {{json .IPAM.Config}}' bridge\n")
    plain = tmp_path / "plain.sh"
    plain.write_text("docker network inspect -f '{{.EnableIPv6}}' bridge\n")
    evil = tmp_path / "evil.sh"
    evil.write_text("# netsim: daemon --ipv6 --data-root=/tmp\ndocker ps\n")
    try:
        refused = _lab("run", "--fresh", str(evil))
        assert refused.returncode != 0
        assert "daemon option not allowed in the lab: '--data-root=/tmp'" in refused.stderr
        assert not Path("/run/netsim-lab/engine").exists()  # nothing was started
        run = _lab("run", "--fresh", str(v6))
        assert run.returncode == 0, run.stderr
        assert json.loads(run.stdout)[0]["stdout"].startswith(
            'true [{"Subnet":"172.17.0.0/16","Gateway":"172.17.0.1"},{"Subnet":"fd00:d0c::/64"')
        reuse = _lab("run", str(plain))
        assert reuse.returncode != 0 and "run --fresh" in reuse.stderr
        again = _lab("run", "--fresh", str(plain))
        assert again.returncode == 0, again.stderr
        assert json.loads(again.stdout)[0]["stdout"] == "false\n"
    finally:
        stop = _lab("stop")
    assert stop.returncode == 0, stop.stderr
    _assert_unchanged(clean_machine)
