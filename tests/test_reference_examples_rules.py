"""Rules found by conformance/corpus/58-reference-examples.sh (recorded on 28.5, 26.1, 20.10):
the CLI's localhost --dns warning, ``run -t``'s CRLF, a DNS server that refuses, cat of a
missing file, a second wget into the same file, ``getent ahosts``, MX queries to the embedded
server, a PTR answer that cannot be packed, and commands in a container on an IPv6 network."""

from __future__ import annotations

import pytest

from netsim.api import Host, Lan
from netsim.io.recording import RecordedStep
from netsim.lab import Step, run_script

#: the lab's topology, as netsim.conformance replays a recording on it
HOSTS = [Host(name=n, address=a, dns=("192.168.0.1",), nic="veth", nic_peer=4 + i)
         for i, (n, a) in enumerate((("server1", "192.168.0.100"), ("server2", "192.168.0.101")))]
LAN = Lan(subnet="192.168.0.0/24", gateway="192.168.0.1")

SETUP = """\
docker network create net1
docker run -d --name web --network net1 netsim-lab/nginx
docker run -d --name a1 --network net1 netsim-lab/alpine sleep 1000
docker run -d --name d1 --network net1 netsim-lab/debian sleep 1000
"""


def run(*commands: str, profile: str = "28.5") -> list[Step]:
    """The commands after SETUP on the lab's topology."""
    _, steps = run_script(SETUP + "".join(c + "\n" for c in commands), source="ref.sh",
                          hosts=HOSTS, lan=LAN, profile=profile)
    assert all(s.exit_code == 0 for s in steps[:4]), [s.stderr for s in steps[:4]]
    return steps[4:]


@pytest.mark.parametrize(("profile", "warning"), [
    ("29.1", ""),
    ("28.5", "WARNING: Localhost DNS (127.0.0.1) may fail in containers.\n"),
    ("26.1", "WARNING: Localhost DNS setting (--dns=127.0.0.1) may fail in containers.\n"),
    ("20.10", "WARNING: Localhost DNS setting (--dns=127.0.0.1) may fail in containers.\n"),
])
def test_localhost_dns_warning(profile: str, warning: str) -> None:
    """docker/cli warns of a loopback --dns (≤ 26.x by regexp before the create, 28.x after
    it with the daemon's warnings, none since 29.0); another address gets no warning."""
    [loop, other] = run("docker run --rm --dns 127.0.0.1 netsim-lab/alpine cat /etc/resolv.conf",
                        "docker run --rm --dns 192.168.0.1 netsim-lab/alpine true",
                        profile=profile)
    assert (loop.exit_code, loop.stderr) == (0, warning)
    assert "nameserver 127.0.0.1\n" in loop.stdout
    assert other.stderr == ""


def test_run_tty_ends_lines_in_crlf() -> None:
    """-t: the container's pseudo-terminal turns \\n into \\r\\n."""
    [tty, plain] = run("docker run --rm -t netsim-lab/alpine echo hi",
                       "docker run --rm netsim-lab/alpine echo hi")
    assert (tty.stdout, plain.stdout) == ("hi\r\n", "hi\n")


def test_recorder_terminal_is_undone_for_tty_lines() -> None:
    """A line recorded on the runner's pseudo-terminal (no -i: the CLI leaves it cooked) has
    the terminal's ONLCR \\r taken out once before the comparison; a line without tty keeps
    it."""
    from netsim.conformance import compare_step, context_for

    command = "docker run --rm -t netsim-lab/alpine echo hi"
    mine = Step(line=1, host="server1", command=command, exit_code=0, stdout="hi\r\n")
    verdicts = []
    for tty in (True, False):
        st = RecordedStep(line=1, command=command, host="server1", exit_code=0,
                          stdout="hi\r\r\n", stderr="", tty=tty)
        result = compare_step(None, st, mine, context_for("28.5"),  # type: ignore[arg-type]
                               context_for("28.5"), (), "")
        verdicts.append(result.verdict)
    assert verdicts == ["agree", "disagree"]


def test_dns_server_that_refuses() -> None:
    """A container that serves no DNS answers 53/udp with port unreachable: dig's three
    "connection refused", BusyBox nslookup's failed write then its timeout."""
    [dig, bb] = run("docker exec d1 dig @172.18.0.2 example.com",
                    "docker exec a1 nslookup example.com 172.18.0.2")
    assert dig.exit_code == 9
    assert dig.stdout.startswith(
        ";; communications error to 172.18.0.2#53: connection refused\n" * 3)
    assert (bb.exit_code, bb.stdout, bb.stderr) == (
        1, ";; connection timed out; no servers could be reached\n\n",
        "nslookup: write to '172.18.0.2': Connection refused\n")


def test_cat_of_a_missing_file() -> None:
    """coreutils and BusyBox word it otherwise; both exit 1 and print the files that exist."""
    [gnu, bb] = run("docker exec d1 cat /nosuch /etc/hostname", "docker exec a1 cat /nosuch")
    assert (gnu.exit_code, gnu.stderr) == (1, "cat: /nosuch: No such file or directory\n")
    assert gnu.stdout.strip() != ""
    assert (bb.exit_code, bb.stderr) == (
        1, "cat: can't open '/nosuch': No such file or directory\n")


def test_wget_into_an_existing_file() -> None:
    """BusyBox wget opens its file O_EXCL unless -O names it; files stay per container."""
    steps = run("docker exec a1 wget -T 2 http://web/", "docker exec a1 wget -T 2 http://web/",
                "docker exec a1 wget -q -O index.html http://web/",
                "docker run --rm --network net1 netsim-lab/alpine wget -q http://web/")
    assert [s.exit_code for s in steps] == [0, 1, 0, 0]
    assert steps[1].stderr == ("Connecting to web (172.18.0.2:80)\n"
                               "wget: can't open 'index.html': File exists\n")


def test_getent_ahosts() -> None:
    """glibc getent ahosts: each address as STREAM (with the canonical name), DGRAM, RAW."""
    [web, nosuch, v4] = run("docker exec d1 getent ahosts web",
                            "docker exec d1 getent ahosts nosuch",
                            "docker exec d1 getent ahostsv4 172.18.0.2")
    assert (web.exit_code, web.stdout) == (0, "172.18.0.2      STREAM web\n"
                                              "172.18.0.2      DGRAM  \n"
                                              "172.18.0.2      RAW    \n")
    assert (nosuch.exit_code, nosuch.stdout) == (2, "")
    assert v4.stdout.splitlines()[0] == "172.18.0.2      STREAM 172.18.0.2"


def test_dig_mx() -> None:
    """A container name: NOERROR with no records (implicit MX), RA set, no OPT (21 bytes for
    "web"); an unknown name is forwarded like any type the embedded server does not serve."""
    [web, nosuch] = run("docker exec d1 dig web MX", "docker exec d1 dig -t MX nosuch")
    assert web.exit_code == 0
    assert "status: NOERROR" in web.stdout
    assert ";; flags: qr rd ra; QUERY: 1, ANSWER: 0," in web.stdout
    assert ";web.\t\t\t\tIN\tMX\n" in web.stdout
    assert ";; MSG SIZE  rcvd: 21\n" in web.stdout
    assert "status: NXDOMAIN" in nosuch.stdout


LONG = "x" + "234567890" * 7


@pytest.mark.parametrize("profile", ["28.5", "26.1"])
def test_ptr_answer_that_cannot_be_packed_is_servfail(profile: str) -> None:
    """A container name over 63 bytes in the PTR answer: since 25.0 a bare SERVFAIL."""
    [_, dig] = run(f"docker run -d --name {LONG} --network net1 netsim-lab/alpine sleep 1000",
                   "docker exec d1 dig -x 172.18.0.5", profile=profile)
    assert dig.exit_code == 0
    assert "status: SERVFAIL" in dig.stdout and ";; flags: qr rd;" in dig.stdout
    assert ";; WARNING: recursion requested but not available\n" in dig.stdout
    assert ";; MSG SIZE  rcvd: 41\n" in dig.stdout


def test_ptr_answer_that_cannot_be_packed_gets_no_reply_on_20_10() -> None:
    [_, dig] = run(f"docker run -d --name {LONG} --network net1 netsim-lab/alpine sleep 1000",
                   "docker exec d1 dig -x 172.18.0.5", profile="20.10")
    assert dig.exit_code == 9
    assert dig.stdout.startswith(";; communications error to 127.0.0.11#53: timed out\n" * 3)


def test_a_container_on_an_ipv6_network_lists_its_ipv6_address() -> None:
    """/etc/hosts names the container by both of its addresses (measured: 58-reference-
    examples, 78-ipv6-dual-stack)."""
    [_, _, hosts] = run("docker network create --ipv6 --subnet fd00:58::/64 net6",
                        "docker run -d --name v6 --network net6 netsim-lab/debian sleep 1000",
                        "docker exec v6 cat /etc/hosts")
    assert hosts.exit_code == 0
    lines = hosts.stdout.splitlines()
    assert lines[-2].startswith("172.19.0.2\t") and lines[-1].startswith("fd00:58::2\t")


@pytest.mark.parametrize(("profile", "block"), [("20.10", True), ("26.1", False)])
def test_hosts_ipv6_block_with_ipv6_off(profile: str, block: bool) -> None:
    """20.10's etchosts.Build always writes the IPv6 block; later engines leave it out when
    the container has IPv6 off."""
    [hosts] = run("docker run --rm --network net1 --sysctl net.ipv6.conf.all.disable_ipv6=1 "
                  "netsim-lab/alpine cat /etc/hosts", profile=profile)
    assert ("::1\tlocalhost ip6-localhost ip6-loopback\n" in hosts.stdout) is block


@pytest.mark.parametrize(("profile", "stderr"), [
    ("20.10", "ping: connect: Cannot assign requested address\n"),
    ("28.5", "ping: connect: Network is unreachable\n"),
])
def test_ping_ipv6_literal_without_ipv6(profile: str, stderr: str) -> None:
    """IPv6 off in the whole namespace (20.10): no source address; with only lo's ::1: no
    route."""
    [ping] = run("docker exec d1 ping -c 1 fd00::1", profile=profile)
    assert (ping.exit_code, ping.stderr) == (2, stderr)
