"""What dig, nslookup, host, getent, cat and ping-by-name print against Docker's embedded DNS
(docs/reference/dns-tools.md, dns-docker.md), whole outputs pinned; shells' "not found"
messages; package installs; the `netsim dns` command."""

from __future__ import annotations

import json
import random
import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

from netsim.lab import Lab, run_script
from netsim.probes import probe
from netsim.state import State

SETUP = """
docker network create app
docker network create --internal secret
docker run -d --name web --network app --network-alias api nginx
docker run -d --name web2 --network app --network-alias api nginx
docker run -d --name shoot --network app --add-host ghost:172.18.0.99 nicolaka/netshoot sleep 1d
docker run -d --name vault --network secret nicolaka/netshoot sleep 1d
docker run -d --name lonely --network none nicolaka/netshoot sleep 1d
docker run -d --name old --network app ubuntu:14.04 sleep 1d
docker run -d --name bb --network app alpine sleep 1d
docker run -d --name bbs --network app --dns-search example.com alpine sleep 1d
docker run -d --name legacy nicolaka/netshoot sleep 1d
docker run -d --name deb --network app debian sleep 1d
"""


@pytest.fixture(scope="module")
def st() -> State:
    lab, steps = run_script(SETUP, source="setup.sh")
    assert all(s.exit_code == 0 for s in steps), [s.stderr for s in steps if s.exit_code]
    return lab.state


def run(st: State, where: str, cmd: str, seed: int = 1) -> tuple[str, str, int]:
    r = probe(st, where, cmd, rng=random.Random(seed))
    return r.stdout, r.stderr, r.exit_code


def no_id(text: str) -> str:
    return re.sub(r"id: \d+", "id: ID", text)


def dig_answer(st: State, where: str, cmd: str) -> list[str]:
    out = run(st, where, cmd)[0]
    return [line for line in out.splitlines() if line and not line.startswith(";")]


# --------------------------------------------------------------------------------------------
# dig


def test_dig_alias_lists_every_address(st: State) -> None:
    """dig 9.20 of an alias of two: header, question, both A records with TTL 600, stats."""
    out, err, code = run(st, "shoot", "dig api")
    assert (err, code) == ("", 0)
    records = [line for line in out.splitlines() if line.startswith("api.\t")]
    assert sorted(records) == ["api.\t\t\t600\tIN\tA\t172.18.0.2",
                               "api.\t\t\t600\tIN\tA\t172.18.0.3"]
    head = no_id(out).split(";; ANSWER SECTION:\n")[0]
    assert head == (
        "\n; <<>> DiG 9.20.15 <<>> api\n;; global options: +cmd\n;; Got answer:\n"
        ";; ->>HEADER<<- opcode: QUERY, status: NOERROR, id: ID\n"
        ";; flags: qr rd ra; QUERY: 1, ANSWER: 2, AUTHORITY: 0, ADDITIONAL: 0\n\n"
        ";; QUESTION SECTION:\n;api.\t\t\t\tIN\tA\n\n")
    assert out.endswith(";; Query time: 0 msec\n;; SERVER: 127.0.0.11#53(127.0.0.11) (UDP)\n"
                        ";; WHEN: Thu Jan 01 00:00:12 UTC 2026\n;; MSG SIZE  rcvd: 59\n\n")


def test_dig_short_reverse_and_nodata(st: State) -> None:
    """+short prints the addresses; -x gives NAME.NETWORK.; AAAA of an IPv4 name: no answer."""
    out, _, code = run(st, "shoot", "dig +short web")
    assert (out, code) == ("172.18.0.2\n", 0)
    out = run(st, "shoot", "dig -x 172.18.0.3")[0]
    assert ";3.0.18.172.in-addr.arpa.\tIN\tPTR\n" in out
    assert "3.0.18.172.in-addr.arpa. 600\tIN\tPTR\tweb2.app.\n" in out
    assert "MSG SIZE  rcvd: 86\n" in out
    out = run(st, "shoot", "dig web AAAA")[0]
    assert "status: NOERROR" in out and "ANSWER: 0" in out and ";; ANSWER SECTION" not in out
    assert "MSG SIZE  rcvd: 21\n" in out


def test_dig_unknown_and_external_names(st: State) -> None:
    """An unknown name is forwarded: NXDOMAIN (exit 0); an external name gets netsim's
    internet address with TTL 300."""
    out, _, code = run(st, "shoot", "dig nosuch")
    assert code == 0 and "status: NXDOMAIN" in out and ";nosuch.\t\t\t\tIN\tA\n" in out
    assert dig_answer(st, "shoot", "dig example.org") == [
        "example.org.\t\t300\tIN\tA\t203.0.113.192"]


def test_dig_servfail_on_an_internal_network(st: State) -> None:
    """All networks --internal: Docker's own SERVFAIL, without RA: dig warns."""
    out, _, code = run(st, "vault", "dig example.org")
    assert code == 0
    assert (";; ->>HEADER<<- opcode: QUERY, status: SERVFAIL, id: " in out and
            ";; flags: qr rd; QUERY: 1, ANSWER: 0, AUTHORITY: 0, ADDITIONAL: 0\n"
            ";; WARNING: recursion requested but not available\n\n" in out)


def test_dig_without_a_reachable_server(st: State) -> None:
    """--network none: three timeouts, the greeting, no servers, exit 9; 127.0.0.11 in a
    default-bridge container: refused."""
    assert run(st, "lonely", "dig example.org") == (
        ";; communications error to 198.51.100.1#53: timed out\n" * 3
        + "\n; <<>> DiG 9.20.15 <<>> example.org\n;; global options: +cmd\n"
          ";; no servers could be reached\n", "", 9)
    out, _, code = run(st, "legacy", "dig @127.0.0.11 web")
    assert code == 9 and out.startswith(";; communications error to 127.0.0.11#53: connection "
                                        "refused\n")


def test_dig_default_bridge_asks_the_hosts_server(st: State) -> None:
    """Default bridge: dig asks the host's nameserver, which knows no container names."""
    out, _, code = run(st, "legacy", "dig web")
    assert code == 0 and "status: NXDOMAIN" in out
    assert ";; SERVER: 198.51.100.1#53(198.51.100.1) (UDP)\n" in out


def test_dig_9_9_of_the_textbook(st: State) -> None:
    """ubuntu:14.04 after `apt-get install dnsutils`: BIND 9.9.5's greeting, no (UDP)."""
    lab = Lab()
    for cmd in ("network create mybridge",
                "run -d --name a1 --net mybridge --net-alias alicek106 ubuntu:14.04 sleep 1d",
                "run -d --name a2 --net mybridge --net-alias alicek106 ubuntu:14.04 sleep 1d",
                "run -d --name p1 --net mybridge ubuntu:14.04 sleep 1d",
                "exec p1 apt-get update", "exec p1 apt-get install -y dnsutils"):
        assert lab.docker(cmd).exit_code == 0, cmd
    step = lab.docker("exec p1 dig alicek106")
    assert step.exit_code == 0
    assert step.stdout.startswith("\n; <<>> DiG 9.9.5-3ubuntu0.19-Ubuntu <<>> alicek106\n")
    assert ";; SERVER: 127.0.0.11#53(127.0.0.11)\n" in step.stdout
    assert "MSG SIZE  rcvd: 77\n" in step.stdout


# --------------------------------------------------------------------------------------------
# nslookup, host, getent


def test_bind_nslookup(st: State) -> None:
    """BIND nslookup: Server/Address with #53, Non-authoritative answer, Name/Address pairs,
    a final empty line; NXDOMAIN exit 1; Docker's SERVFAIL announced first; PTR form."""
    assert run(st, "shoot", "nslookup web") == (
        "Server:\t\t127.0.0.11\nAddress:\t127.0.0.11#53\n\nNon-authoritative answer:\n"
        "Name:\tweb\nAddress: 172.18.0.2\n\n", "", 0)
    assert run(st, "shoot", "nslookup nosuch") == (
        "Server:\t\t127.0.0.11\nAddress:\t127.0.0.11#53\n\n"
        "** server can't find nosuch: NXDOMAIN\n\n", "", 1)
    assert run(st, "vault", "nslookup example.org") == (
        ";; Got SERVFAIL reply from 127.0.0.11\nServer:\t\t127.0.0.11\n"
        "Address:\t127.0.0.11#53\n\n** server can't find example.org: SERVFAIL\n\n", "", 1)
    assert run(st, "shoot", "nslookup 172.18.0.2") == (
        "2.0.18.172.in-addr.arpa\tname = web.app.\n\nAuthoritative answers can be found from:"
        "\n\n", "", 0)


def test_busybox_nslookup(st: State) -> None:
    """busybox: ':53', A and AAAA replies each printed, in the order they arrive (from the
    embedded server either order: tests/test_probes_dns_ping.py); NXDOMAIN twice; a search
    domain is appended to a single-label name (never the bare name)."""
    head = "Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\n"
    a_block = "Non-authoritative answer:\nName:\tweb\nAddress: 172.18.0.2\n\n"
    aaaa_block = "Non-authoritative answer:\n\n"
    assert run(st, "bb", "nslookup web") in (
        (head + a_block + aaaa_block, "", 0), (head + aaaa_block + a_block, "", 0))
    assert run(st, "bb", "nslookup nosuch") == (
        "Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\n"
        + "** server can't find nosuch: NXDOMAIN\n\n" * 2, "", 1)
    out, _, code = run(st, "bbs", "nslookup web")
    assert code == 1 and out.count("** server can't find web.example.com: NXDOMAIN\n") == 2


def test_host_command(st: State) -> None:
    """host 9.20: 'has address' lines, then its HTTPS query, which Docker forwards: a
    single-label name ends 'not found: 3(NXDOMAIN)', exit 1; -t AAAA; PTR."""
    out, _, code = run(st, "shoot", "host web")
    assert (out, code) == ("web has address 172.18.0.2\nHost web not found: 3(NXDOMAIN)\n", 1)
    assert run(st, "shoot", "host example.org") == (
        "example.org has address 203.0.113.192\n", "", 0)
    assert run(st, "shoot", "host -t AAAA web") == ("web has no AAAA record\n", "", 0)
    assert run(st, "shoot", "host 172.18.0.3") == (
        "3.0.18.172.in-addr.arpa domain name pointer web2.app.\n", "", 0)
    assert run(st, "vault", "host web") == ("Host web not found: 2(SERVFAIL)\n", "", 1)


def test_getent_hosts(st: State) -> None:
    """glibc: one '%-15s %s' line per address; musl-utils: the first address, the name twice;
    /etc/hosts first (localhost's IPv6 line); unknown: exit 2, nothing printed."""
    out, _, code = run(st, "deb", "getent hosts api")
    assert code == 0 and sorted(out.splitlines()) == ["172.18.0.2      api", "172.18.0.3      api"]
    out, _, code = run(st, "shoot", "getent hosts web")
    assert (out, code) == ("172.18.0.2        web  web\n", 0)
    assert run(st, "deb", "getent hosts localhost") == (
        "::1             localhost ip6-localhost ip6-loopback\n", "", 0)
    assert run(st, "shoot", "getent hosts nosuch") == ("", "", 2)


def test_cat_resolver_files(st: State) -> None:
    """cat /etc/resolv.conf and /etc/hosts are the files Docker wrote; other files say they
    are not simulated."""
    out = run(st, "shoot", "cat /etc/resolv.conf")[0]
    assert "nameserver 127.0.0.11\noptions ndots:0\n" in out
    out = run(st, "shoot", "cat /etc/hosts")[0]
    c = st.container("shoot")
    assert out.endswith(f"172.18.0.99\tghost\n172.18.0.4\t{c.hostname}\n")
    assert run(st, "shoot", "cat /etc/nosuch")[2] == 126


# --------------------------------------------------------------------------------------------
# ping and other programs by name


def test_iputils_ping_prints_reverse_names(st: State) -> None:
    """iputils with a name target: replies show NAME.NETWORK (PTR); 'From' lines show the
    client's own hostname from /etc/hosts."""
    out = run(st, "shoot", "ping -c 1 web")[0]
    assert out.splitlines()[:2] == ["PING web (172.18.0.2) 56(84) bytes of data.",
                                    "64 bytes from web.app (172.18.0.2): icmp_seq=1 ttl=64 "
                                    "time=0.074 ms"]
    out = run(st, "shoot", "ping -c 1 ghost")[0]
    c = st.container("shoot")
    assert f"From {c.hostname} (172.18.0.4) icmp_seq=1 Destination Host Unreachable" in out
    out = run(st, "shoot", "ping -c 1 172.18.0.2")[0]
    assert "64 bytes from 172.18.0.2: icmp_seq=1" in out


def test_names_fail_as_each_tool_says(st: State) -> None:
    """No name: iputils 'Name or service not known' (exit 2), with no DNS answer 'Temporary
    failure in name resolution'; curl (6); busybox 'bad address'."""
    assert run(st, "shoot", "ping -c 1 nosuch")[1:] == (
        "ping: nosuch: Name or service not known\n", 2)
    assert run(st, "lonely", "ping -c 1 example.org")[1:] == (
        "ping: example.org: Temporary failure in name resolution\n", 2)
    assert run(st, "vault", "curl -sS http://example.org/")[1:] == (
        "curl: (6) Could not resolve host: example.org\n", 6)
    assert run(st, "bb", "wget -q http://nosuch/")[1:] == ("wget: bad address 'nosuch'\n", 1)
    assert run(st, "bb", "ping -c 1 api")[2] == 0


# --------------------------------------------------------------------------------------------
# Shells and packages


def test_shells_say_not_found_their_own_way() -> None:
    """In a `run -it` shell a missing program gets the shell's message (bash, busybox sh,
    dash with its line number), exit 127; via `docker exec` Docker's OCI error."""
    _lab, steps = run_script(
        "docker run -it --name u1 ubuntu:14.04\ndig x\nexit\n"
        "docker run -it --name a1 alpine\ndig x\nexit\n"
        "docker run -it --name d1 debian sh\nhostname\ndig x\nexit\n"
        "docker run -d --name a2 alpine sleep 1d\ndocker exec a2 dig x\n", source="s.sh")
    errs = [(s.stderr, s.stdout, s.exit_code) for s in steps if s.command.startswith(
        ("dig", "docker exec"))]
    assert errs == [
        ("bash: dig: command not found\n", "", 127),
        ("/bin/sh: dig: not found\n", "", 127),
        ("sh: 2: dig: not found\n", "", 127),
        ("", 'OCI runtime exec failed: exec failed: unable to start container process: exec: '
             '"dig": executable file not found in $PATH: unknown\r\n', 127),
    ]


def test_package_managers_install_tools() -> None:
    """apt-get install needs apt-get update first (no lists in an image); apk add works; the
    tools are there afterwards; no internet on an --internal network: nothing installed;
    a non-root image cannot install."""
    lab = Lab()
    lab.docker("network create --internal secret")
    lab.docker("run -d --name d1 debian sleep 1d")
    step = lab.docker("exec d1 apt-get install -y dnsutils")
    assert (step.stdout, step.stderr, step.exit_code) == (
        "Reading package lists... Done\nBuilding dependency tree... Done\n"
        "Reading state information... Done\n", "E: Unable to locate package dnsutils\n", 100)
    assert lab.docker("exec d1 apt-get update").exit_code == 0
    assert lab.docker("exec d1 apt-get install -y dnsutils").exit_code == 0
    assert lab.docker("exec d1 dig +short example.org").stdout == "203.0.113.192\n"
    lab.docker("run -d --name a1 alpine sleep 1d")
    assert lab.docker("exec a1 apt-get install curl").exit_code == 127
    assert lab.docker("exec a1 apk add bind-tools").exit_code == 0
    assert lab.docker("exec a1 host example.org").exit_code == 0
    lab.docker("run -d --name a2 --network secret alpine sleep 1d")
    step = lab.docker("exec a2 apk add bind-tools")
    assert step.exit_code == 1 and "cannot be reached" in step.stderr
    assert lab.docker("exec a2 dig x").exit_code == 127
    lab.docker("run -d --name c1 curlimages/curl sleep 1d")
    assert lab.docker("exec c1 apk add bind-tools").stderr.startswith(
        "ERROR: Unable to lock database: Permission denied")


# --------------------------------------------------------------------------------------------
# netsim dns


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "netsim", *args], capture_output=True,
                          text=True, cwd=ROOT, check=False)


def test_netsim_dns_cli(tmp_path: Path) -> None:
    """`netsim dns FILE CLIENT NAME --times N`: every answer, then the tally of the first
    address; --json; exit 1 without an address; one-line errors with exit 2."""
    path = tmp_path / "alias.sh"
    path.write_text(SETUP)
    r = cli("dns", str(path), "shoot", "api", "--times", "4", "--seed", "3")
    assert r.returncode == 0 and r.stderr == ""
    lines = r.stdout.splitlines()
    assert lines[:2] == ["shoot asks 127.0.0.11 for api, 4 times",
                         "  2 containers answer to 'api' on network app, in a new random order "
                         "on each query"]
    assert all(re.fullmatch(r"\d  172\.18\.0\.[23] 172\.18\.0\.[23]", x) for x in lines[2:6])
    assert lines[6:8] == ["", "first address over 4 queries:"]
    assert [x.split()[:2] for x in lines[8:]] == [["172.18.0.2", "web"], ["172.18.0.3", "web2"]]
    assert sum(int(x.split()[2]) for x in lines[8:]) == 4
    again = cli("dns", str(path), "shoot", "api", "--times", "4", "--seed", "3")
    assert again.stdout == r.stdout
    data = json.loads(cli("dns", str(path), "shoot", "api", "-n", "10", "--json").stdout)
    assert data["queries"] == 10 and data["rule"] == "dns.alias"
    assert sorted(f["container"] for f in data["first"]) == ["web", "web2"]
    r = cli("dns", str(path), "shoot", "nosuch")
    assert r.returncode == 1 and "NXDOMAIN" in r.stdout
    r = cli("dns", str(path), "ghost", "api")
    assert r.returncode == 2 and r.stderr.count("\n") == 1
    assert r.stderr.startswith("netsim dns: client: no such container")
    r = cli("dns", str(path), "shoot", "api", "--times", "0")
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
