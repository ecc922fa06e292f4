"""What ping, curl, wget, nc, ip, ifconfig and hostname print (docs/reference/probe-output.md),
at containers and vantage points, through docker exec, shells, host lines and `netsim exec`."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import ROOT, SCENARIOS

from netsim.lab import run_script
from netsim.probes import probe
from netsim.state import State

SETUP = """
docker network create alpine-net
docker network create --internal secret
docker run -dit --name alpine1 --network alpine-net alpine ash
docker run -dit --name alpine2 --network alpine-net alpine ash
docker run -dit --name alpine3 alpine ash
docker run -dit --name alpine4 --network alpine-net alpine ash
docker network connect bridge alpine4
docker run -dit --name trusty --network alpine-net ubuntu:14.04
docker run -d --name web --network alpine-net nginx
docker run -dit --name inside --network secret ubuntu:14.04
docker run -dit --name inside2 --network secret alpine ash
docker run -dit --name gone --network alpine-net alpine ash
docker stop gone
"""


@pytest.fixture(scope="module")
def st() -> State:
    lab, steps = run_script(SETUP, source="setup.sh")
    assert all(s.exit_code == 0 for s in steps), [s.stderr for s in steps if s.exit_code]
    return lab.state


def run(st: State, where: str, cmd: str) -> tuple[str, str, int]:
    r = probe(st, where, cmd)
    return r.stdout, r.stderr, r.exit_code


def test_busybox_ping_between_bridges_loses_everything(st: State) -> None:
    """Tutorial: alpine1 pinging alpine3's default-bridge IP: 2 transmitted, 0 received."""
    out, err, code = run(st, "alpine1", "ping -c 2 172.17.0.2")
    assert out == ("PING 172.17.0.2 (172.17.0.2): 56 data bytes\n\n"
                   "--- 172.17.0.2 ping statistics ---\n"
                   "2 packets transmitted, 0 packets received, 100% packet loss\n")
    assert (err, code) == ("", 1)


def test_busybox_ping_same_network(st: State) -> None:
    """seq from 0, ttl 64, three-decimal times, round-trip line; exit 0."""
    out, err, code = run(st, "alpine1", "ping -c 2 172.18.0.3")
    lines = out.splitlines()
    assert lines[0] == "PING 172.18.0.3 (172.18.0.3): 56 data bytes"
    assert lines[1].startswith("64 bytes from 172.18.0.3: seq=0 ttl=64 time=0.")
    assert lines[2].startswith("64 bytes from 172.18.0.3: seq=1 ttl=64 time=0.")
    assert lines[3:6] == ["", "--- 172.18.0.3 ping statistics ---",
                          "2 packets transmitted, 2 packets received, 0% packet loss"]
    assert lines[6].startswith("round-trip min/avg/max = 0.")
    assert (err, code) == ("", 0)


def test_iputils_ping_forms(st: State) -> None:
    """iputils: replies, 100 % loss (ending in an empty line), no ARP answer, no route."""
    out, _, code = run(st, "trusty", "ping -c 2 172.18.0.2")
    assert code == 0 and out.startswith("PING 172.18.0.2 (172.18.0.2) 56(84) bytes of data.\n"
                                        "64 bytes from 172.18.0.2: icmp_seq=1 ttl=64 time=0.")
    assert "2 packets transmitted, 2 received, 0% packet loss, time 1001ms\nrtt min/avg/max/" \
           "mdev = " in out
    out, _, code = run(st, "trusty", "ping -c 2 172.17.0.2")
    assert code == 1 and out.endswith("--- 172.17.0.2 ping statistics ---\n2 packets "
                                      "transmitted, 0 received, 100% packet loss, time 1010ms"
                                      "\n\n")
    out, _, code = run(st, "trusty", "ping -c 2 172.18.0.200")
    assert code == 1 and out == (
        "PING 172.18.0.200 (172.18.0.200) 56(84) bytes of data.\n"
        "From 172.18.0.5 icmp_seq=1 Destination Host Unreachable\n"
        "From 172.18.0.5 icmp_seq=2 Destination Host Unreachable\n\n"
        "--- 172.18.0.200 ping statistics ---\n"
        "2 packets transmitted, 0 received, +2 errors, 100% packet loss, time 1001ms\npipe 2\n")
    assert run(st, "inside", "ping -c 2 8.8.8.8") == (
        "", "ping: connect: Network is unreachable\n", 2)


def test_internal_network_from_busybox(st: State) -> None:
    """busybox on an --internal network: header, then sendto: Network unreachable (musl)."""
    assert run(st, "inside2", "ping -c 2 8.8.8.8") == (
        "PING 8.8.8.8 (8.8.8.8): 56 data bytes\n", "ping: sendto: Network unreachable\n", 1)
    out, _, code = run(st, "inside2", "ping -c 1 172.19.0.1")  # its gateway answers
    assert code == 0 and "1 packets received" in out


def test_internet_replies_have_a_far_ttl(st: State) -> None:
    """The internet answers through NAT with a TTL far from 64 and times in milliseconds."""
    out, _, code = run(st, "trusty", "ping -c 1 8.8.8.8")
    assert code == 0 and "ttl=117 time=1" in out


def test_names_on_the_default_bridge_are_unknown(st: State) -> None:
    """Default bridge only: no embedded DNS, so `ping alpine1` is a bad address (busybox)."""
    assert run(st, "alpine3", "ping -c 2 alpine1") == ("", "ping: bad address 'alpine1'\n", 1)


def test_names_through_etc_hosts(st: State) -> None:
    """localhost and the container's own hostname resolve through /etc/hosts."""
    out, _, code = run(st, "alpine1", "ping -c 1 localhost")
    assert code == 0 and out.startswith("PING localhost (127.0.0.1)")
    c = st.container("alpine1")
    out, _, code = run(st, "alpine1", f"ping -c 1 {c.hostname}")
    assert code == 0 and "(172.18.0.2)" in out.splitlines()[0]


def test_legacy_link_resolves_through_etc_hosts() -> None:
    """--link writes the alias into /etc/hosts: ping by the alias reaches the linked one."""
    lab, _ = run_script("docker run -dit --name db1 alpine ash\n"
                        "docker run -dit --name app --link db1:database alpine ash\n")
    out, _, code = run(lab.state, "app", "ping -c 1 database")
    assert code == 0 and out.startswith("PING database (172.17.0.2)")
    assert run(lab.state, "db1", "ping -c 1 app")[2] == 1  # one-directional


def test_missing_tool_gets_dockers_exec_error(st: State) -> None:
    """nginx (Debian) has no ping: Docker's OCI error on stdout with \\r\\n, exit 127."""
    assert run(st, "web", "ping -c 1 172.18.0.2") == (
        'OCI runtime exec failed: exec failed: unable to start container process: exec: '
        '"ping": executable file not found in $PATH: unknown\r\n', "", 127)


#: curl's progress meter: its two heading lines and the first update (as measured on the lab)
METER = ("  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n"
         "                                 Dload  Upload   Total   Spent    Left  Speed\n"
         "\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0")


def _waiting(spent: str) -> str:
    return f"\r  0     0    0     0    0     0      0      0 --:--:-- {spent} --:--:--     0"


def test_curl_outcomes(st: State) -> None:
    """nginx's curl (stdout not a terminal: the progress meter on stderr, as measured on the
    lab): connected (nginx's own page), refused (7), dropped (28 after the kernel's timeout or
    the given one), an unknown name (6)."""
    out, err, code = run(st, "web", "curl http://172.18.0.6/")
    assert code == 0 and out.startswith("<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!")
    assert err == METER + ("\r100   896  100   896    0     0   875k      0 --:--:-- --:--:-- "
                           "--:--:--  875k\n")
    assert run(st, "web", "curl http://172.18.0.2:81/") == (
        "", METER + _waiting("--:--:--") + "\ncurl: (7) Failed to connect to 172.18.0.2 port 81 "
            "after 0 ms: Could not connect to server\n", 7)
    _, err, code = run(st, "web", "curl -s http://172.17.0.2/")
    assert (err, code) == ("", 28)
    _, err, code = run(st, "web", "curl --connect-timeout 5 http://172.17.0.2/")
    assert (err, code) == (METER + "".join(_waiting(f" 0:00:0{s}") for s in (1, 2, 3, 4, 5))
                           + "\ncurl: (28) Connection timed out after 5002 milliseconds\n", 28)
    # an unknown name: the embedded DNS forwards it, the internet answers NXDOMAIN
    assert run(st, "web", "curl http://nosuch/") == (
        "", METER + "curl: (6) Could not resolve host: nosuch\n", 6)


def test_busybox_wget_and_nc(st: State) -> None:
    """busybox wget and nc -z: the messages of each outcome."""
    assert run(st, "alpine1", "wget -q -O- http://172.18.0.2:81/") == (
        "", "wget: can't connect to remote host (172.18.0.2): Connection refused\n", 1)
    assert run(st, "alpine1", "wget http://172.18.0.200/") == (
        "", "Connecting to 172.18.0.200 (172.18.0.200:80)\nwget: can't connect to remote host "
            "(172.18.0.200): Host is unreachable\n", 1)
    assert run(st, "alpine1", "nc -zv 172.18.0.6 80") == (
        "", "172.18.0.6 (172.18.0.6:80) open\n", 0)
    assert run(st, "alpine1", "nc -zv 172.18.0.6 81") == ("", "", 1)
    assert run(st, "alpine1", "nc -zv -w 2 172.17.0.2 80") == (
        "", "nc: 172.17.0.2 (172.17.0.2:80): Operation timed out\n", 1)


def test_openbsd_nc(st: State) -> None:
    """OpenBSD nc (Ubuntu 14.04): succeeded / Connection refused / timed out with -w."""
    assert run(st, "trusty", "nc -zv 172.18.0.6 80") == (
        "", "Connection to 172.18.0.6 80 port [tcp/http] succeeded!\n", 0)
    assert run(st, "trusty", "nc -zv 172.18.0.6 81") == (
        "", "nc: connect to 172.18.0.6 port 81 (tcp) failed: Connection refused\n", 1)
    assert run(st, "trusty", "nc -zv -w 2 172.17.0.2 80") == (
        "", "nc: connect to 172.17.0.2 port 80 (tcp) timed out: Operation now in progress\n",
        1)


def test_ip_addr_in_a_container_on_two_networks(st: State) -> None:
    """busybox ip addr: lo, eth0 and eth1 with M-DOWN, peers @ifN, no group or netnsid."""
    out, err, code = run(st, "alpine4", "ip addr")
    c = st.container("alpine4")
    eth0, eth1 = c.active_endpoints()
    lines = out.splitlines()
    assert lines[0] == "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN " \
                       "qlen 1000"
    assert lines[6].startswith("2: eth0@if") and lines[6].endswith(
        ": <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue state UP ")
    assert lines[7] == f"    link/ether {eth0.mac} brd ff:ff:ff:ff:ff:ff"
    assert lines[8] == "    inet 172.18.0.4/16 brd 172.18.255.255 scope global eth0"
    assert lines[10].startswith("3: eth1@if")
    assert lines[12] == "    inet 172.17.0.3/16 brd 172.17.255.255 scope global eth1"
    assert eth1.mac in out and (err, code) == ("", 0)


def test_ip_route_forms(st: State) -> None:
    """busybox (two spaces before src) and iproute2 (proto kernel) route tables."""
    assert run(st, "alpine4", "ip route") == (
        "default via 172.18.0.1 dev eth0 \n"
        "172.17.0.0/16 dev eth1 scope link  src 172.17.0.3 \n"
        "172.18.0.0/16 dev eth0 scope link  src 172.18.0.4 \n", "", 0)
    assert run(st, "inside", "ip route") == (
        "172.19.0.0/16 dev eth0 proto kernel scope link src 172.19.0.2 \n", "", 0)


def test_host_view_shows_bridges_and_veths(st: State) -> None:
    """@host: docker0 and br-… with their gateways, and one veth per endpoint, mastered."""
    out, _, code = run(st, "@host", "ip addr")
    assert code == 0
    assert "docker0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group " \
           "default \n" in out
    net = st.network("alpine-net")
    assert f"inet 172.18.0.1/16 brd 172.18.255.255 scope global {net.interface}" in out
    veths = [e.host_veth for c in st.containers() if c.running for e in c.endpoints
             if e.host_veth]
    assert veths and all(f": {v}@if" in out for v in veths)
    assert f"master {net.interface} state UP" in out


def test_none_container_has_only_lo() -> None:
    """The seed: `docker exec network_none ifconfig` lists only lo; `ip addr` likewise."""
    lab, _ = run_script((SCENARIOS / "seed-modes.sh").read_text())
    out, _, code = run(lab.state, "network_none", "ifconfig")
    assert code == 0 and out.startswith("lo        Link encap:Local Loopback  \n")
    assert "eth0" not in out
    out, _, _ = run(lab.state, "network_container_1", "ifconfig")
    assert out.startswith("eth0      Link encap:Ethernet  HWaddr ")
    assert run(lab.state, "network_cotainer_2", "hostname -i")[0] == "172.17.0.2\n"
    host_view, _, _ = run(lab.state, "network_host", "ip addr")
    assert "docker0" in host_view and "eth0: <BROADCAST" in host_view


def test_hostname(st: State) -> None:
    """hostname is the short ID; -i lists one address per network."""
    c = st.container("alpine4")
    assert run(st, "alpine4", "hostname") == (c.hostname + "\n", "", 0)
    assert run(st, "alpine4", "hostname -i") == ("172.18.0.4 172.17.0.3\n", "", 0)


def test_stopped_container(st: State) -> None:
    """A stopped container: Docker's own error."""
    c = st.container("gone")
    assert run(st, "gone", "ping -c 1 8.8.8.8") == (
        "", f"Error response from daemon: container {c.id} is not running\n", 1)


def test_ping_without_count_is_shown_as_interrupted(st: State) -> None:
    """ping without -c: four packets, and a note saying so."""
    out, err, code = run(st, "alpine1", "ping 172.18.0.3")
    assert code == 0 and "4 packets transmitted" in out and "Ctrl-C" in err


def test_output_is_deterministic_per_seed(st: State) -> None:
    """The same seed gives the same bytes; another seed other times."""
    a = probe(st, "trusty", "ping -c 3 172.18.0.2", seed=1).stdout
    assert a == probe(st, "trusty", "ping -c 3 172.18.0.2", seed=1).stdout
    assert a != probe(st, "trusty", "ping -c 3 172.18.0.2", seed=2).stdout


def test_docker_exec_and_shell_lines_run_probes() -> None:
    """`docker exec` and lines typed in a `docker run -it` shell run the probe; so do host
    lines."""
    _lab, steps = run_script("docker run -dit --name a1 alpine ash\n"
                            "docker run -dit --name a2 alpine ash\n"
                            "docker exec a1 ping -c 1 172.17.0.3\n"
                            "docker run -it --name sh1 alpine ash\n"
                            "ip route\nexit\n"
                            "ping -c 1 172.17.0.2\n")
    exec_step, shell_step, host_step = steps[2], steps[4], steps[6]
    assert exec_step.exit_code == 0 and "1 packets received" in exec_step.stdout
    assert shell_step.stdout == ("default via 172.17.0.1 dev eth0 \n"
                                 "172.17.0.0/16 dev eth0 scope link  src 172.17.0.4 \n")
    assert host_step.exit_code == 0 and "56(84) bytes of data" in host_step.stdout


def test_netsim_exec_cli(tmp_path: object) -> None:
    """`netsim exec FILE WHERE -- CMD` prints the probe's output and exits with its status."""
    script = SCENARIOS / "tutorial-bridge.sh"
    text = script.read_text().split("docker container ls")[0]
    from pathlib import Path

    path = Path(str(tmp_path)) / "t.sh"
    path.write_text(text)
    cmd = [sys.executable, "-m", "netsim", "exec", str(path), "alpine1", "--", "ping", "-c",
           "2", "172.17.0.2"]
    r = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, check=False)
    assert r.returncode == 1 and "0 packets received" in r.stdout
    r = subprocess.run([*cmd[:6], "--json", "--", "ip", "route"], capture_output=True,
                       text=True, cwd=ROOT, check=False)
    assert r.returncode == 0 and json.loads(r.stdout)["stdout"].startswith("default via")


def test_curl_unknown_name_on_the_default_bridge() -> None:
    """On the default bridge, an unknown single-label name: curl (6) Could not resolve host."""
    lab, _ = run_script("docker run -d --name web1 nginx\n")
    assert run(lab.state, "web1", "curl http://nosuch/") == (
        "", METER + "curl: (6) Could not resolve host: nosuch\n", 6)
