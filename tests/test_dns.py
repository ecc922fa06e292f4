"""Docker's embedded DNS and /etc/hosts, rule by rule (docker-semantics.md §2), and the name
outcomes of the seed and of Docker's standalone-container tutorials."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from conftest import SCENARIOS

from netsim.dns import (
    EMBEDDED_DNS,
    Rcode,
    etc_hosts,
    lookup,
    query,
    query_series,
    resolv_conf,
)
from netsim.errors import InputError
from netsim.lab import Lab, run_script
from netsim.probes import probe
from netsim.state import State


def replay(text: str) -> Lab:
    lab, steps = run_script(text, source="dns.sh")
    bad = [(s.command, s.stderr) for s in steps if s.exit_code and s.command.startswith("docker")]
    assert not bad, bad
    return lab


def ask(st: State, client: str, name: str, qtype: str = "A", seed: int = 0) -> list[str]:
    """The addresses of one query, sorted."""
    answer = query(st, client, name, qtype, rng=random.Random(seed))  # type: ignore[arg-type]
    return sorted(answer.addresses)


TUTORIAL = """
docker network create --driver bridge alpine-net
docker run -dit --name alpine1 --network alpine-net alpine ash
docker run -dit --name alpine2 --network alpine-net alpine ash
docker run -dit --name alpine3 alpine ash
docker run -dit --name alpine4 --network alpine-net alpine ash
docker network connect bridge alpine4
"""


@pytest.fixture(scope="module")
def tutorial() -> State:
    return replay(TUTORIAL).state


# --------------------------------------------------------------------------------------------
# Who gets 127.0.0.11


def test_user_defined_network_gets_the_embedded_server(tutorial: State) -> None:
    """A container with a user-defined endpoint: nameserver 127.0.0.11, options ndots:0, and the
    host's servers as the embedded server's upstreams."""
    c = tutorial.container("alpine1")
    rc = resolv_conf(tutorial, "host", c)
    assert rc.nameservers == (EMBEDDED_DNS,) and rc.options == ("ndots:0",)
    assert rc.ext_servers == ("8.8.8.8", "8.8.4.4") and rc.forwards
    assert "nameserver 127.0.0.11\n" in rc.text()


def test_default_bridge_keeps_the_hosts_servers(tutorial: State) -> None:
    """Only the default bridge: the host's nameservers, no embedded server."""
    rc = resolv_conf(tutorial, "host", tutorial.container("alpine3"))
    assert not rc.embedded and rc.nameservers == ("8.8.8.8", "8.8.4.4")


def test_host_servers_come_from_the_host_directive() -> None:
    """`# netsim: host h dns=…` gives the host's resolv.conf servers (also the upstreams)."""
    lab = replay("# netsim: host h1 dns=192.0.2.53,192.0.2.54\n"
                 "docker run -d --name ca alpine sleep 1d\n"
                 "docker network create n\ndocker run -d --name cb --network n alpine sleep 1d\n")
    st = lab.state
    assert resolv_conf(st, "h1", st.container("ca")).nameservers == ("192.0.2.53", "192.0.2.54")
    assert resolv_conf(st, "h1", st.container("cb")).ext_servers == ("192.0.2.53", "192.0.2.54")


def test_dns_flag_becomes_the_upstream_of_the_embedded_server() -> None:
    """--dns on a user-defined network: resolv.conf still says 127.0.0.11; --dns is upstream."""
    st = replay("docker network create n\n"
                "docker run -d --name cb --network n --dns 1.1.1.1 alpine sleep 1d\n").state
    rc = resolv_conf(st, "host", st.container("cb"))
    assert rc.nameservers == (EMBEDDED_DNS,) and rc.ext_servers == ("1.1.1.1",)
    assert not rc.ext_from_host


# --------------------------------------------------------------------------------------------
# Names on a user-defined network


def test_names_registered_for_an_endpoint() -> None:
    """Container name (also generated ones), aliases from run and connect, the 12-hex short ID
    and the hostname resolve; the full ID and other ID prefixes do not."""
    lab = replay("docker network create n1\n"
                 "docker run -d --name web -h webhost --network n1 --network-alias www nginx\n"
                 "docker run -d --network n1 alpine sleep 1d\n"
                 "docker run -d --name client --network n1 alpine sleep 1d\n"
                 "docker network create n2\n"
                 "docker network connect --alias api n2 web\n"
                 "docker network connect n2 client\n")
    st = lab.state
    web = st.container("web")
    ip1 = str(web.endpoint("n1").ipv4.ip)  # type: ignore[union-attr]
    for name in ("web", "www", web.id[:12], "webhost", "WEB", "Www.", "web.n1"):
        assert ask(st, "client", name) == [ip1], name
    ip2 = str(web.endpoint("n2").ipv4.ip)  # type: ignore[union-attr]
    assert ask(st, "client", "api") == [ip2]
    assert ask(st, "client", "web.n2") == [ip2]
    for name in (web.id, web.id[:11], web.id[:13]):
        assert query(st, "client", name, rng=random.Random()).rcode is Rcode.NXDOMAIN
    generated = next(c for c in st.containers() if c.name not in ("web", "client"))
    assert ask(st, "client", generated.name) == [str(generated.endpoints[0].ipv4.ip)]  # type: ignore[union-attr]


def test_first_network_in_endpoint_order_wins() -> None:
    """A name known on two of the client's networks: only the first network's addresses (in
    sandbox order: here by network name), never a merge."""
    st = replay("docker network create aaa\ndocker network create bbb\n"
                "docker run -d --name s1 --network bbb --network-alias svc nginx\n"
                "docker run -d --name s2 --network aaa --network-alias svc nginx\n"
                "docker run -d --name s3 --network bbb --network-alias svc nginx\n"
                "docker run -d --name cc --network bbb alpine sleep 1d\n"
                "docker network connect aaa cc\n").state
    answer = query(st, "cc", "svc", rng=random.Random(1))
    assert answer.network == "aaa" and list(answer.addresses) == [
        str(st.container("s2").endpoint("aaa").ipv4.ip)]  # type: ignore[union-attr]
    assert len(ask(st, "cc", "svc.bbb")) == 2


def test_shared_alias_answers_every_address_with_ttl_600() -> None:
    """Every container under the alias, TTL 600, shuffled afresh on each query."""
    st = replay(SEED_ALIAS).state
    answers = [query(st, "network_alias_ping", "alicek106", rng=rng)
               for rng in [random.Random(7)] for _ in range(20)]
    assert all(sorted(a.addresses) == ["172.18.0.2", "172.18.0.3", "172.18.0.4"]
               for a in answers)
    assert all(r.ttl == 600 and r.rtype == "A" for a in answers for r in a.records)
    assert len({a.addresses for a in answers}) > 1  # the order changes


def test_chi_square_first_address_is_uniform() -> None:
    """3,000 queries of an alias shared by N containers: each address comes first about 1/N of
    the time (chi-square at 1 %), and every answer holds all N."""
    # upper 1 % points of chi-square for N-1 degrees of freedom (NIST/SEMATECH e-Handbook
    # 1.3.6.7.4): df 1: 6.635, 2: 9.210, 3: 11.345, 4: 13.277
    critical = {2: 6.635, 3: 9.210, 4: 11.345, 5: 13.277}
    for n in (2, 3, 4, 5):
        lines = ["docker network create n"]
        lines += [f"docker run -d --name b{i} --network n --network-alias pool nginx"
                  for i in range(n)]
        lines.append("docker run -d --name cc --network n alpine sleep 1d")
        st = replay("\n".join(lines) + "\n").state
        series = query_series(st, "cc", "pool", 3000, seed=2026)
        assert all(len(a.addresses) == n and len(set(a.addresses)) == n for a in series.answers)
        counts = Counter(a.addresses[0] for a in series.answers)
        assert len(counts) == n
        expected = 3000 / n
        chi2 = sum((counts[ip] - expected) ** 2 / expected for ip in counts)
        assert chi2 < critical[n], (n, counts, chi2)


def test_query_series_is_deterministic_per_seed() -> None:
    """The same seed gives the same answers; another seed another sequence."""
    st = replay(SEED_ALIAS).state
    a = query_series(st, "network_alias_ping", "alicek106", 50, seed=3)
    b = query_series(st, "network_alias_ping", "alicek106", 50, seed=3)
    c = query_series(st, "network_alias_ping", "alicek106", 50, seed=4)
    assert str(a) == str(b) and a.to_dict() == b.to_dict()
    assert str(a) != str(c)


def test_stop_and_disconnect_remove_names() -> None:
    """A stopped container's name stops resolving; after `network disconnect` its alias on that
    network is gone while the one on its other network still works."""
    lab = replay("docker network create net1\ndocker network create net2\n"
                 "docker run -d --name tt --network net1 --network-alias foo nginx\n"
                 "docker network connect --alias bar net2 tt\n"
                 "docker run -d --name cc --network net1 alpine sleep 1d\n"
                 "docker network connect net2 cc\n")
    assert ask(lab.state, "cc", "foo") and ask(lab.state, "cc", "bar")
    lab.docker("network disconnect net1 tt")
    st = lab.state
    assert query(st, "cc", "foo", rng=random.Random()).rcode is Rcode.NXDOMAIN
    assert ask(st, "cc", "bar") == [str(st.container("tt").endpoint("net2").ipv4.ip)]  # type: ignore[union-attr]
    lab.docker("stop tt")
    assert query(lab.state, "cc", "bar", rng=random.Random()).rcode is Rcode.NXDOMAIN
    assert query(lab.state, "cc", "tt", rng=random.Random()).rcode is Rcode.NXDOMAIN


def test_aaaa_of_an_ipv4_only_name_is_nodata() -> None:
    """The name exists but has no IPv6 address: NOERROR with no answer, not forwarded."""
    st = replay(SEED_ALIAS).state
    answer = query(st, "network_alias_ping", "alicek106", "AAAA", rng=random.Random())
    assert answer.rcode is Rcode.NOERROR and not answer.records and answer.rule == "dns.nodata"


def test_ptr_answers_name_dot_network() -> None:
    """A reverse lookup of a peer's address: <container name>.<network>."""
    st = replay(SEED_ALIAS).state
    answer = query(st, "network_alias_ping", "172.18.0.3", "PTR", rng=random.Random())
    assert [r.data for r in answer.records] == ["network_alias_container2.mybridge."]
    assert answer.name == "3.0.18.172.in-addr.arpa."


# --------------------------------------------------------------------------------------------
# Links, --add-host, external names, internal networks


def test_legacy_link_is_one_directional() -> None:
    """--link on the default bridge: an /etc/hosts line in the linking container only."""
    st = replay("docker run -d --name db alpine sleep 1d\n"
                "docker run -d --name app --link db:webdb alpine sleep 1d\n").state
    db = st.container("db")
    hosts = etc_hosts(st, "host", st.container("app"))
    assert [(str(e.address), e.names) for e in hosts][1] == (
        "172.17.0.2", ("webdb", db.hostname, "db"))
    assert probe(st, "app", "ping -c 1 webdb").exit_code == 0
    assert probe(st, "app", "ping -c 1 db").exit_code == 0
    assert probe(st, "db", "ping -c 1 app").stderr == "ping: bad address 'app'\n"


def test_link_on_a_user_network_is_a_private_alias() -> None:
    """--link c:alias on a user-defined network: only the linking container resolves the alias;
    the target may not exist yet; the alias stops when the target leaves that network."""
    lab = replay("docker network create foo1\ndocker network create foo2\n"
                 "docker run -d --name first --network foo1 nginx\n"
                 "docker network connect foo2 first\n"
                 "docker run -d --name second --network foo1 --link first:FirstInFoo1 "
                 "--link third:bar alpine sleep 1d\n"
                 "docker network connect --link first:FirstInFoo2 foo2 second\n"
                 "docker run -d --name other --network foo1 alpine sleep 1d\n")
    st = lab.state
    first = st.container("first")
    assert ask(st, "second", "FirstInFoo1") == [str(first.endpoint("foo1").ipv4.ip)]  # type: ignore[union-attr]
    assert ask(st, "second", "FirstInFoo2") == [str(first.endpoint("foo2").ipv4.ip)]  # type: ignore[union-attr]
    assert query(st, "second", "FirstInFoo1", rng=random.Random()).rule == "dns.link"
    assert query(st, "other", "FirstInFoo1", rng=random.Random()).rcode is Rcode.NXDOMAIN
    assert query(st, "second", "bar", rng=random.Random()).rcode is Rcode.NXDOMAIN
    assert "FirstInFoo1" not in "".join(n for e in etc_hosts(st, "host", st.container("second"))
                                        for n in e.names)
    lab.docker("run -d --name third --network foo1 nginx")
    assert ask(lab.state, "second", "bar") == [
        str(lab.state.container("third").endpoint("foo1").ipv4.ip)]  # type: ignore[union-attr]
    lab.docker("network disconnect foo1 first")
    st = lab.state
    assert query(st, "second", "FirstInFoo1", rng=random.Random()).rcode is Rcode.NXDOMAIN
    assert ask(st, "second", "FirstInFoo2") == [str(first.endpoint("foo2").ipv4.ip)]  # type: ignore[union-attr]


def test_add_host_lines() -> None:
    """--add-host NAME:IP and host-gateway (the default bridge's gateway) in /etc/hosts."""
    st = replay("docker network create n\n"
                "docker run -d --name ca --network n --add-host foo:10.0.0.1 "
                "--add-host host.docker.internal:host-gateway alpine sleep 1d\n").state
    look = lookup(st, "ca", "foo", rng=random.Random())
    assert look.source == "hosts" and [str(x) for x in look.addresses] == ["10.0.0.1"]
    look = lookup(st, "ca", "host.docker.internal", rng=random.Random())
    assert [str(x) for x in look.addresses] == ["172.17.0.1"]


def test_external_names_are_forwarded() -> None:
    """An external name is forwarded upstream (netsim's internet answers from 203.0.113.0/24);
    a single-label unknown name gets NXDOMAIN."""
    st = replay(SEED_ALIAS).state
    answer = query(st, "network_alias_ping", "example.org", rng=random.Random())
    assert answer.rcode is Rcode.NOERROR and answer.rule == "dns.forward"
    assert answer.addresses[0].startswith("203.0.113.")
    assert query(st, "network_alias_ping", "nosuch", rng=random.Random()).rcode is Rcode.NXDOMAIN
    assert query(st, "network_alias_ping", "x.invalid",
                 rng=random.Random()).rcode is Rcode.NXDOMAIN


def test_internal_only_containers_get_no_external_names() -> None:
    """All networks --internal: container names still resolve, external names are not
    forwarded; one non-internal network is enough to forward again."""
    lab = replay("docker network create --internal secret\n"
                 "docker run -d --name db --network secret nginx\n"
                 "docker run -d --name app --network secret alpine sleep 1d\n")
    st = lab.state
    assert ask(st, "app", "db") == [str(st.container("db").endpoint("secret").ipv4.ip)]  # type: ignore[union-attr]
    answer = query(st, "app", "example.org", rng=random.Random())
    assert not answer.records and answer.rule == "dns.internal"
    assert probe(st, "app", "ping -c 1 example.org").stderr == "ping: bad address 'example.org'\n"
    lab.docker("network create front")
    lab.docker("network connect front app")
    assert query(lab.state, "app", "example.org", rng=random.Random()).rule == "dns.forward"


def test_default_bridge_resolves_no_container_names(tutorial: State) -> None:
    """The default bridge has no embedded DNS: alpine3 cannot resolve alpine4, and alpine4 (also
    on alpine-net) cannot resolve alpine3."""
    assert probe(tutorial, "alpine3", "ping -c 1 alpine4").stderr == (
        "ping: bad address 'alpine4'\n")
    assert probe(tutorial, "alpine4", "ping -c 1 alpine3").stderr == (
        "ping: bad address 'alpine3'\n")
    answer = query(tutorial, "alpine3", "alpine4", rng=random.Random())
    assert answer.server == "8.8.8.8" and answer.rcode is Rcode.NXDOMAIN


def test_none_container_cannot_reach_a_nameserver() -> None:
    """--network none: resolv.conf names the host's servers, but no packet leaves: no answer."""
    st = replay("docker run -d --name nn --network none alpine sleep 1d\n").state
    answer = query(st, "nn", "example.org", rng=random.Random())
    assert answer.rcode is None and answer.rule == "dns.no-server"


def test_unknown_client_is_one_line_error(tutorial: State) -> None:
    """A client that is no container nor vantage point: InputError naming the field."""
    with pytest.raises(InputError, match=r"^client: no such container"):
        query(tutorial, "nosuch", "alpine1", rng=random.Random())


# --------------------------------------------------------------------------------------------
# The tutorials and the seed, through the probes


def test_tutorial_user_defined_bridge_names(tutorial: State) -> None:
    """standalone.md: alpine1 pings alpine2, alpine4 and itself by name, alpine3 is a bad
    address; alpine4 pings alpine1 by name and alpine3 only by IP; all resolve google.com."""
    for target in ("alpine2", "alpine4", "alpine1"):
        out = probe(tutorial, "alpine1", f"ping -c 2 {target}")
        assert out.exit_code == 0 and "2 packets transmitted, 2 packets received" in out.stdout
    assert probe(tutorial, "alpine1", "ping -c 2 alpine3").stderr == (
        "ping: bad address 'alpine3'\n")
    assert probe(tutorial, "alpine4", "ping -c 2 alpine1").exit_code == 0
    assert probe(tutorial, "alpine4", "ping -c 2 alpine3").exit_code == 1
    assert probe(tutorial, "alpine4", "ping -c 2 172.17.0.2").exit_code == 0
    for c in ("alpine1", "alpine3", "alpine4"):
        out = probe(tutorial, c, "ping -c 2 google.com")
        assert out.exit_code == 0 and out.stdout.startswith("PING google.com (203.0.113.")


SEED_ALIAS = (SCENARIOS / "seed-alias.sh").read_text().split("docker run -it —name "
                                                                "network_alias_ping")[0] + (
    "docker run -dit --name network_alias_ping --net mybridge ubuntu:14.04\n")


def test_seed_alias_round_robin_through_ping() -> None:
    """The seed: repeated `ping -c 1 alicek106` reaches each of the three containers; after one
    stops, only the other two."""
    lab = replay(SEED_ALIAS)
    rng = random.Random(0)
    seen = Counter(probe(lab.state, "network_alias_ping", "ping -c 1 alicek106",
                         rng=rng).stdout.splitlines()[0] for _ in range(60))
    assert set(seen) == {f"PING alicek106 (172.18.0.{i}) 56(84) bytes of data." for i in (2, 3, 4)}
    reply = probe(lab.state, "network_alias_ping", "ping -c 1 alicek106", rng=random.Random(5))
    ip = reply.stdout.split("(")[1].split(")")[0]
    owner = next(c.name for c in lab.state.containers()
                 if any(e.ipv4 and str(e.ipv4.ip) == ip for e in c.endpoints))
    assert f"64 bytes from {owner}.mybridge ({ip}): icmp_seq=1 ttl=64" in reply.stdout
    lab.docker("stop network_alias_container2")
    seen = Counter(probe(lab.state, "network_alias_ping", "ping -c 1 alicek106",
                         rng=rng).stdout.splitlines()[0] for _ in range(60))
    assert set(seen) == {f"PING alicek106 (172.18.0.{i}) 56(84) bytes of data." for i in (2, 4)}
