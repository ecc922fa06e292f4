"""Which address family the tools choose on IPv6 networks, and what they print: glibc's
getaddrinfo order (getent ahosts, iputils ping, curl, OpenBSD nc), BusyBox's preference for
IPv4 (ping, wget), ``-4``/``-6``, IPv6 literals in URLs, from a container and from the Docker
host.

The expected texts are the real engines' (conformance/recorded/{28.5,26.1,20.10}/
78-ipv6-dual-stack, 79-ipv6-only, 80-ipv6-ports-isolation, 58-reference-examples; the line of
the script is given beside each), with round-trip times as ``<T>``."""

from __future__ import annotations

import re

import pytest

from netsim.api import Host, Lan
from netsim.lab import Step, run_script

#: the lab's topology, as netsim.conformance replays a recording on it
HOSTS = [Host(name=n, address=a, dns=("192.168.0.1",), nic="veth", nic_peer=4 + i)
         for i, (n, a) in enumerate((("server1", "192.168.0.100"), ("server2", "192.168.0.101")))]
LAN = Lan(subnet="192.168.0.0/24", gateway="192.168.0.1")

DUAL = """\
docker network create --ipv6 --subnet fd00:1::/64 v6
docker run -itd --name a6 --network v6 netsim-lab/alpine
docker run -itd --name d6 --network v6 netsim-lab/debian
docker run -d --name w6 --network v6 netsim-lab/nginx
"""

ONLY6 = """\
docker network create --ipv6 --ipv4=false --subnet fd00:3::/64 v6only
docker run -itd --name o1 --network v6only netsim-lab/alpine
docker run -itd --name o2 --network v6only netsim-lab/debian
docker run -d --name ow --network v6only netsim-lab/nginx
"""

#: the lab's nginx stand-in page (conformance/lab/images/nginx-index.html)
PAGE = ("<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n</head>\n<body>\n"
        "<h1>Welcome to nginx!</h1>\n<p>netsim-lab stand-in: this is BusyBox httpd, not "
        "nginx.</p>\n</body>\n</html>\n")

_TIMES = [
    (re.compile(r"time=[0-9.]+ ms"), "time=<T> ms"),
    (re.compile(r"time [0-9]+ms"), "time <T>ms"),
    (re.compile(r"(rtt min/avg/max/mdev|round-trip min/avg/max) = [0-9./]+ ms"), r"\1 = <T> ms"),
]


def _normal(text: str) -> str:
    for pattern, repl in _TIMES:
        text = pattern.sub(repl, text)
    return text


def run(setup: str, *commands: str, profile: str = "28.5",
        seed: int = 0) -> list[tuple[str, str, int]]:
    """The commands after ``setup`` on the lab's topology: (stdout, stderr, exit), times
    normalized."""
    _, steps = run_script(setup + "".join(c + "\n" for c in commands), source="ipv6.sh",
                          hosts=HOSTS, lan=LAN, profile=profile, seed=seed)
    n = setup.count("\n")
    assert all(s.exit_code == 0 for s in steps[:n]), [s.stderr for s in steps[:n]]
    return [_result(s) for s in steps[n:]]


def _result(s: Step) -> tuple[str, str, int]:
    return _normal(s.stdout), _normal(s.stderr), s.exit_code


def iputils_ok(target: str, ip: str, peer: str) -> str:
    """iputils' IPv6 ping: no "(84)" sizes, the target as typed."""
    return (f"PING {target} ({ip}) 56 data bytes\n"
            f"64 bytes from {peer}: icmp_seq=1 ttl=64 time=<T> ms\n\n"
            f"--- {target} ping statistics ---\n"
            "1 packets transmitted, 1 received, 0% packet loss, time <T>ms\n"
            "rtt min/avg/max/mdev = <T> ms\n")


def busybox_ok(target: str, ip: str) -> str:
    return (f"PING {target} ({ip}): 56 data bytes\n64 bytes from {ip}: seq=0 ttl=64 time=<T> ms\n"
            f"\n--- {target} ping statistics ---\n"
            "1 packets transmitted, 1 packets received, 0% packet loss\n"
            "round-trip min/avg/max = <T> ms\n")


ENGINES = ["28.5", "26.1", "20.10"]

# ------------------------------------------------------------------------------- getent (glibc)


@pytest.mark.parametrize("profile", ENGINES)
def test_getent_on_a_dual_stack_container(profile: str) -> None:
    """``hosts``: gethostbyname2(AF_INET6) first (78:22); ``ahosts``: getaddrinfo sorted by
    RFC 3484, IPv6 (precedence 40) before IPv4 (10), each address as STREAM, DGRAM, RAW
    (78:23)."""
    hosts, ahosts = run(DUAL, "docker exec d6 getent hosts w6", "docker exec d6 getent ahosts w6",
                        profile=profile)
    assert hosts == ("fd00:1::4       w6\n", "", 0)
    assert ahosts == ("fd00:1::4       STREAM w6\nfd00:1::4       DGRAM  \n"
                      "fd00:1::4       RAW    \n172.18.0.4      STREAM \n"
                      "172.18.0.4      DGRAM  \n172.18.0.4      RAW    \n", "", 0)


def test_getent_ahosts_asks_only_for_the_families_the_container_has() -> None:
    """AI_ADDRCONFIG: an IPv6-only container gets only the AAAA answer; ``ahostsv4`` only the
    A answer (getent.c ahosts_keys_int)."""
    [only6] = run(ONLY6, "docker exec o2 getent ahosts ow")
    assert only6 == ("fd00:3::4       STREAM ow\nfd00:3::4       DGRAM  \n"
                     "fd00:3::4       RAW    \n", "", 0)
    [v4] = run(DUAL, "docker exec d6 getent ahostsv4 w6")
    assert v4 == ("172.18.0.4      STREAM w6\n172.18.0.4      DGRAM  \n"
                  "172.18.0.4      RAW    \n", "", 0)


# -------------------------------------------------------------------------------------- ping


@pytest.mark.parametrize("profile", ENGINES)
def test_ping_family_choice(profile: str) -> None:
    """BusyBox takes the IPv4 address of a dual-stack name, ``-6`` the IPv6 one (78:27, 28);
    iputils takes glibc's first, the IPv6 one, with or without ``-6`` (78:29, 30), and prints
    the reverse name of the address (w6.v6); an IPv6 literal (78:31)."""
    out = run(DUAL, "docker exec a6 ping -c 1 w6", "docker exec a6 ping -6 -c 1 w6",
              "docker exec d6 ping -c 1 w6", "docker exec d6 ping -6 -c 1 w6",
              "docker exec d6 ping -c 1 fd00:1::1", profile=profile)
    assert out == [(busybox_ok("w6", "172.18.0.4"), "", 0),
                   (busybox_ok("w6", "fd00:1::4"), "", 0),
                   (iputils_ok("w6", "fd00:1::4", "w6.v6 (fd00:1::4)"), "", 0),
                   (iputils_ok("w6", "fd00:1::4", "w6.v6 (fd00:1::4)"), "", 0),
                   (iputils_ok("fd00:1::1", "fd00:1::1", "fd00:1::1"), "", 0)]


def test_ping_minus_4_keeps_ipv4() -> None:
    """``-4``: getaddrinfo AF_INET, iputils' IPv4 texts."""
    [out] = run(DUAL, "docker exec d6 ping -4 -c 1 w6")
    assert out[0].startswith("PING w6 (172.18.0.4) 56(84) bytes of data.\n"
                             "64 bytes from w6.v6 (172.18.0.4): icmp_seq=1 ")
    assert out[2] == 0


def test_ping_from_the_docker_host() -> None:
    """The host reaches its bridge's IPv6 subnet from the bridge's address (78:47)."""
    [out] = run(DUAL, "ping -c 1 -W 1 fd00:1::2")
    assert out == (iputils_ok("fd00:1::2", "fd00:1::2", "fd00:1::2"), "", 0)


def test_ping_an_ipv6_only_name() -> None:
    """A name with only an AAAA record: both pings use it (79:17, 18)."""
    out = run(ONLY6, "docker exec o1 ping -c 1 ow", "docker exec o2 ping -c 1 ow")
    assert out == [(busybox_ok("ow", "fd00:3::4"), "", 0),
                   (iputils_ok("ow", "fd00:3::4", "ow.v6only (fd00:3::4)"), "", 0)]


@pytest.mark.parametrize("seed", range(6))
def test_ping_alias_takes_the_longest_matching_prefix(seed: int) -> None:
    """Three containers answer to ``ss`` in a shuffled order; glibc's rule 9 puts the one
    closest to the source fd00:58::5 first, whatever the order (58-reference-examples:117)."""
    setup = ("docker network create --ipv6 --subnet fd00:58::/64 net6\n"
             + "".join(f"docker run -d --name s{n} --network net6 --network-alias ss "
                       "netsim-lab/debian sleep 1000\n" for n in (1, 2, 3))
             + "docker run -d --name v6 --network net6 netsim-lab/debian sleep 1000\n")
    [out] = run(setup, "docker exec v6 ping -c 1 ss", seed=seed)
    assert out == (iputils_ok("ss", "fd00:58::4", "s3.net6 (fd00:58::4)"), "", 0)


def test_ping_lost_over_ipv6() -> None:
    """Another network's address: dropped between the networks (80:17, 28.5), iputils' IPv6
    statistics with an empty line at the end."""
    setup = ("docker network create --ipv6 --subnet fd00:10::/64 p6\n"
             "docker run -d --name pw --network p6 -p 8080:80 netsim-lab/nginx\n"
             "docker network create --ipv6 --subnet fd00:11::/64 q6\n"
             "docker run -itd --name qa --network q6 netsim-lab/debian\n")
    [out] = run(setup, "docker exec qa ping -c 1 -W 1 fd00:10::2")
    assert out == ("PING fd00:10::2 (fd00:10::2) 56 data bytes\n\n"
                   "--- fd00:10::2 ping statistics ---\n"
                   "1 packets transmitted, 0 received, 100% packet loss, time <T>ms\n\n", "", 1)


def test_ping_ipv6_without_ipv6_keeps_its_errors() -> None:
    """A container without IPv6: no route (iputils' connect, BusyBox's sendto)."""
    setup = ("docker network create n4\n"
             "docker run -itd --name a4 --network n4 netsim-lab/alpine\n"
             "docker run -itd --name d4 --network n4 netsim-lab/debian\n")
    out = run(setup, "docker exec d4 ping -c 1 fd00::1", "docker exec a4 ping -c 1 fd00::1")
    assert out == [("", "ping: connect: Network is unreachable\n", 2),
                   ("PING fd00::1 (fd00::1): 56 data bytes\n",
                    "ping: sendto: Network unreachable\n", 1)]


def test_ping_family_errors() -> None:
    """``-4`` with an IPv6 literal, ``-6`` with an IPv4-only name: glibc's EAI_ADDRFAMILY."""
    setup = ("docker network create n4\n"
             "docker run -d --name w4 --network n4 netsim-lab/nginx\n"
             "docker run -itd --name d4 --network n4 netsim-lab/debian\n")
    out = run(setup, "docker exec d4 ping -4 -c 1 fd00::1", "docker exec d4 ping -6 -c 1 w4")
    assert out == [("", "ping: fd00::1: Address family for hostname not supported\n", 2),
                   ("", "ping: w4: Address family for hostname not supported\n", 2)]


# -------------------------------------------------------------------------------- curl, wget


@pytest.mark.parametrize("profile", ENGINES)
def test_curl_family_choice(profile: str) -> None:
    """Happy eyeballs starts with glibc's first address, the IPv6 one (78:33); ``-6`` (78:34);
    ``-4`` (78:35); an IPv6 literal in brackets, from the Docker host (78:48)."""
    w = "-s -m 2 -o /dev/null -w '%{http_code} %{remote_ip}\\n' http://w6/"
    out = run(DUAL, f"docker exec d6 curl {w}", f"docker exec d6 curl -6 {w}",
              f"docker exec d6 curl -4 {w}",
              "curl -s -m 2 -o /dev/null -w '%{http_code}\\n' http://[fd00:1::4]/",
              profile=profile)
    assert out == [("200 fd00:1::4\n", "", 0), ("200 fd00:1::4\n", "", 0),
                   ("200 172.18.0.4\n", "", 0), ("200\n", "", 0)]


def test_curl_verbose_names_both_families() -> None:
    """``-v``: both families of the answer, the IPv6 address in brackets."""
    [(_, err, code)] = run(DUAL, "docker exec d6 curl -sv -o /dev/null http://w6/")
    assert code == 0
    assert err.startswith("* Host w6:80 was resolved.\n* IPv6: fd00:1::4\n* IPv4: 172.18.0.4\n"
                          "*   Trying [fd00:1::4]:80...\n* Connected to w6 (fd00:1::4) port 80\n")
    [(_, err, _)] = run(DUAL, "docker exec d6 curl -sv -o /dev/null http://[fd00:1::4]/")
    assert "> Host: [fd00:1::4]\r\n" in err


def test_curl_and_wget_to_an_ipv6_only_name() -> None:
    """79:19, 79:20."""
    out = run(ONLY6, "docker exec o1 wget -qO- -T 2 http://ow/",
              "docker exec o2 curl -s -m 2 -o /dev/null -w '%{http_code} %{remote_ip}\\n' "
              "http://ow/")
    assert out == [(PAGE, "", 0), ("200 fd00:3::4\n", "", 0)]


@pytest.mark.parametrize("profile", ENGINES)
def test_wget_ipv6_literal(profile: str) -> None:
    """BusyBox wget takes ``[addr]`` in a URL (78:32); without ``-q`` it names the host as
    typed and the address as xmalloc_sockaddr2dotted writes it."""
    out = run(DUAL, "docker exec a6 wget -qO- -T 2 http://[fd00:1::4]/",
              "docker exec a6 wget -O /dev/null http://[fd00:1::4]/", profile=profile)
    assert out[0] == (PAGE, "", 0)
    assert out[1][1].startswith("Connecting to [fd00:1::4] ([fd00:1::4]:80)\n")


def test_curl_to_the_hosts_ipv6_loopback() -> None:
    """Ports published on [::] and on [::1] answer on the host's ::1; one published on
    [::1] only does not answer on 127.0.0.1 (80:11-13, 28.5)."""
    setup = ("docker network create --ipv6 --subnet fd00:10::/64 p6\n"
             "docker run -d --name pw --network p6 -p 8080:80 netsim-lab/nginx\n"
             "docker run -d --name pl --network p6 -p [::1]:8081:80 netsim-lab/nginx\n")
    w = "curl -s -m 2 -o /dev/null -w '%{http_code}\\n' "
    out = run(setup, w + "http://[::1]:8080/", w + "http://[::1]:8081/",
              w + "http://127.0.0.1:8081/")
    assert out == [("200\n", "", 0), ("200\n", "", 0), ("000\n", "", 7)]


def test_curl_times_out_when_ipv4_is_dropped_after_ipv6_failed() -> None:
    """ICC off (28.5): the IPv6 connection fails, the IPv4 one goes nowhere: curl runs out
    of its -m time (80:30)."""
    setup = ("docker network create --ipv6 --subnet fd00:13::/64 "
             "-o com.docker.network.bridge.enable_icc=false n6\n"
             "docker run -d --name nw --network n6 netsim-lab/nginx\n"
             "docker run -itd --name na --network n6 netsim-lab/debian\n")
    [out] = run(setup, "docker exec na curl -s -m 2 -o /dev/null -w '%{http_code}\\n' "
                       "http://nw/")
    assert out == ("000\n", "", 28)


# ------------------------------------------------------------------------------------------ nc


def test_openbsd_nc_tries_ipv6_first() -> None:
    """OpenBSD nc walks glibc's list: the IPv6 address first (no /etc/services in the lab's
    Debian image: ``[tcp/*]``)."""
    out = run(DUAL, "docker exec d6 nc -zv w6 80", "docker exec d6 nc -zv fd00:1::4 80")
    assert out == [("", "Connection to w6 (fd00:1::4) 80 port [tcp/*] succeeded!\n", 0),
                   ("", "Connection to fd00:1::4 80 port [tcp/*] succeeded!\n", 0)]


@pytest.mark.parametrize("command", [
    "docker exec d6 ping -c 1 fe80::1", "docker exec a6 ping -c 1 ff02::1",
    "docker exec d6 curl -s http://[fe80::1]/", "docker exec a6 wget -qO- http://[::]/",
    "docker exec d6 nc -z fe80::1 80", "docker exec d6 ping -c 1 fd00:1::4%eth0",
    "docker exec d6 curl -s http://[fd00:1::4%25eth0]/"])
def test_a_destination_that_needs_a_scope_is_not_simulated(command: str) -> None:
    """Link-local and multicast addresses need an interface (%eth0): said, not guessed."""
    _, steps = run_script(DUAL + command + "\n", profile="28.5")
    assert steps[-1].exit_code == 126
    assert steps[-1].stderr.endswith("is not simulated (simulated: IPv4 addresses, names, ::1 "
                                     "and global or ULA IPv6 addresses)\n")


@pytest.mark.parametrize("command", ["ip addr", "ip -6 addr", "ip -6 route", "ifconfig"])
def test_the_hosts_own_ipv6_view_is_not_simulated(command: str) -> None:
    """How the kernel shows a bridge's IPv6 address and routes on the Docker host is not
    recorded: said once, exit 126."""
    _, steps = run_script(DUAL + command + "\n", profile="28.5")
    assert steps[-1].exit_code == 126 and "is not simulated" in steps[-1].stderr


def test_openbsd_nc_takes_4_and_6() -> None:
    """netcat.c: -4/-6 set hints.ai_family; a name without an address of that family fails
    its lookup (glibc's EAI_ADDRFAMILY, as iputils ping's -4/-6)."""
    _, steps = run_script(DUAL + "docker exec d6 nc -4 -zv w6 80\n"
                                 "docker exec d6 nc -6 -zv w6 80\n"
                                 "docker network create plain\n"
                                 "docker run -d --name p2 --network plain netsim-lab/nginx\n"
                                 "docker run -itd --name p1 --network plain netsim-lab/debian\n"
                                 "docker exec p1 nc -6 -zv p2 80\n", profile="28.5")
    assert steps[4].stderr == "Connection to w6 (172.18.0.4) 80 port [tcp/*] succeeded!\n"
    assert steps[5].stderr == "Connection to w6 (fd00:1::4) 80 port [tcp/*] succeeded!\n"
    assert (steps[-1].exit_code, steps[-1].stderr) == (
        1, 'nc: getaddrinfo for host "p2" port 80: Address family for hostname not supported\n')


def test_ping6_is_ping_dash_6() -> None:
    """Debian's ping6 (iputils' ping by that name) and BusyBox's ping6 applet."""
    _, steps = run_script(DUAL + "docker exec d6 ping6 -c 1 w6\ndocker exec d6 ping -6 -c 1 w6\n"
                                 "docker exec a6 ping6 -c 1 w6\ndocker exec a6 ping -6 -c 1 w6\n",
                          profile="28.5")
    assert steps[-4].stdout == steps[-3].stdout and steps[-2].stdout == steps[-1].stdout
    assert steps[-4].stdout.startswith("PING w6 (fd00:1::4) 56 data bytes\n")
    assert steps[-2].stdout.startswith("PING w6 (fd00:1::4): 56 data bytes\n")
