"""Reachability over IPv6 (netsim.analysis.reach.flow6, matrix6), per engine: the recorded
outcomes of conformance/corpus/78-81 as reach() decides them, the rule of each decision, and the
IPv6 matrix equal to reach(family=6) cell by cell."""

from __future__ import annotations

import pytest

from netsim.analysis.reach import RULES, Disposition, Symptom, matrix, reach
from netsim.lab import run_script
from netsim.state import State

D = Disposition
ENGINES = ("28.5", "26.1", "20.10")


def state_of(text: str, profile: str) -> State:
    lab, steps = run_script(text, profile=profile)
    failed = [s for s in steps if s.exit_code != 0]
    assert not failed, failed[0].stderr
    return lab.state


def check(state: State, src: str, dst: str, disposition: Disposition, rule: str, *,
          port: int | None = None, family: int | None = None, proto: str | None = None) -> None:
    """One flow's disposition and deciding rule; every hop names a rule of RULES."""
    t = reach(state, src, dst, port=port, family=family, proto=proto)  # type: ignore[arg-type]
    assert t.disposition is disposition, str(t)
    assert t.deciding.rule == rule, str(t)
    assert all(h.rule in RULES for h in t.hops)
    assert all(h.rule in RULES for h in t.hops)


# conformance/corpus/80-ipv6-ports-isolation.sh, its networks and containers
PORTS_ISOLATION = """
docker network create --ipv6 --subnet fd00:10::/64 p6
docker run -d --name pw --network p6 -p 8080:80 nginx
docker run -d --name pl --network p6 -p [::1]:8081:80 nginx
docker network create --ipv6 --subnet fd00:11::/64 q6
docker run -itd --name qa --network q6 debian
docker network create --ipv6 --internal --subnet fd00:12::/64 i6
docker run -itd --name ia --network i6 debian
docker run -d --name iw --network i6 nginx
docker network create --ipv6 --subnet fd00:13::/64 -o com.docker.network.bridge.enable_icc=false n6
docker run -d --name nw --network n6 nginx
docker run -itd --name na --network n6 debian
docker network create plain4
docker run -d --name v4 --network plain4 nginx
"""


@pytest.fixture(scope="module", params=ENGINES)
def ports_isolation(request: pytest.FixtureRequest) -> tuple[str, State]:
    return request.param, state_of(PORTS_ISOLATION, request.param)


def test_same_network_over_ipv6(ports_isolation: tuple[str, State]) -> None:
    """On one bridge, containers reach each other's IPv6 address (ping, a listening port, a
    closed one refused) on every engine (78:28-34, 80:25)."""
    _, st = ports_isolation
    check(st, "ia", "fd00:12::3", D.DELIVERED, "icmp")
    check(st, "ia", "fd00:12::3", D.DELIVERED, "listen", port=80)
    check(st, "ia", "fd00:12::3", D.NOTHING_LISTENING, "listen", port=81)
    check(st, "ia", "iw", D.DELIVERED, "listen", port=80, family=6)
    t = reach(st, "ia", "iw", port=80, family=6)
    assert t.address == "fd00:12::3" and "fd00:12::3" in t.hops[0].text


def test_gateways_are_the_hosts(ports_isolation: tuple[str, State]) -> None:
    """The own network's IPv6 gateway and another bridge's are the host's addresses: answered
    (80:18,19; the internal network's own gateway, 80:26 on 28.5)."""
    _, st = ports_isolation
    check(st, "qa", "fd00:11::1", D.DELIVERED, "icmp")
    check(st, "qa", "fd00:10::1", D.DELIVERED, "icmp")
    check(st, "ia", "fd00:12::1", D.DELIVERED, "icmp")
    t = reach(st, "qa", "fd00:10::1")
    assert [h.rule for h in t.hops] == ["route.default", "icmp"]


def test_between_bridges_per_engine(ports_isolation: tuple[str, State]) -> None:
    """Between two IPv6 bridges: ip6tables isolates them on 28.5 (80:17 lost, 80:20 curl
    timeout); 26.1 and 20.10 program no ip6tables rules and route IPv6 between bridges
    (80:20: 200)."""
    engine, st = ports_isolation
    t = reach(st, "qa", "fd00:10::2", port=80)
    if engine == "28.5":
        assert t.disposition is D.ISOLATED_NETWORKS and t.symptom is Symptom.TIMEOUT, str(t)
        assert t.deciding.rule == "bridge.isolation6"
        check(st, "qa", "fd00:10::2", D.ISOLATED_NETWORKS, "bridge.isolation6")
    else:
        assert t.delivered, str(t)
        assert [h.rule for h in t.hops] == ["route.default", "ip6tables.off", "listen"]
        assert t.routers == 1


def test_icc_off_over_ipv6(ports_isolation: tuple[str, State]) -> None:
    """ICC off: IPv4 is dropped everywhere (80:30 times out on 28.5); over IPv6 ip6tables' DROP
    takes the neighbour solicitations too on 28.5 (No route to host), while 26.1 and 20.10
    have no ip6tables rules (80:30,31: 200)."""
    engine, st = ports_isolation
    check(st, "na", "nw", D.ICC_DISABLED, "bridge.icc", port=80)
    t = reach(st, "na", "nw", port=80, family=6)
    if engine == "28.5":
        assert t.disposition is D.ICC_DISABLED and t.deciding.rule == "bridge.icc6", str(t)
        assert t.symptom is Symptom.HOST_UNREACHABLE
    else:
        assert t.delivered and t.hops[-2].rule == "ip6tables.off", str(t)


def test_internal_network_over_ipv6(ports_isolation: tuple[str, State]) -> None:
    """--internal: no IPv6 default route from 25.0 (80:24); 20.10 routes via the bridge, which
    has nowhere to send it (no IPv6 beyond the host)."""
    engine, st = ports_isolation
    t = reach(st, "ia", "2001:db8::1")
    if engine == "20.10":  # the host, its router, answers "no route"
        assert t.disposition is D.NO_ROUTE and t.deciding.rule == "ip6.noroute", str(t)
        assert t.symptom is Symptom.ROUTER_NO_ROUTE and t.icmp_from == "fd00:12::1"
    else:
        assert t.disposition is D.INTERNAL_NETWORK and t.deciding.rule == "internal", str(t)
        assert t.symptom is Symptom.NETWORK_UNREACHABLE


def test_published_ports_from_the_host(ports_isolation: tuple[str, State]) -> None:
    """-p 8080:80 binds 0.0.0.0 and [::]: [::1]:8080 goes through docker-proxy to the
    container's IPv6 address; -p [::1]:8081:80 answers on ::1 and refuses 127.0.0.1
    (80:10-13)."""
    _, st = ports_isolation
    t = reach(st, "@host", "::1", port=8080)
    assert t.delivered and t.hops[0].rule == "publish.proxy", str(t)
    assert "[fd00:10::2]:80" in t.hops[0].text and "[::]:8080->80/tcp" in t.hops[0].text
    check(st, "@host", "::1", D.DELIVERED, "listen", port=8081)
    check(st, "@host", "127.0.0.1", D.DELIVERED, "listen", port=8080)
    check(st, "@host", "127.0.0.1", D.PORT_NOT_PUBLISHED, "publish.localhost", port=8081)
    check(st, "@host", "::1", D.PORT_NOT_PUBLISHED, "publish.none", port=8082)
    # a container reaches a published port at any bridge's IPv6 address (the host's)
    check(st, "qa", "fd00:11::1", D.DELIVERED, "listen", port=8080)
    check(st, "qa", "fd00:11::1", D.PORT_NOT_PUBLISHED, "publish.localhost", port=8081)


def test_ipv4_only_container_published_over_ipv6() -> None:
    """A container without IPv6 publishing -p 8080:80 is reached at [::]:8080 through
    docker-proxy at its IPv4 address (port_mapping_linux.go: the userland proxy maps 6 to 4)."""
    st = state_of("docker run -d --name web -p 8080:80 nginx\n", "28.5")
    t = reach(st, "@host", "::1", port=8080)
    assert t.delivered and "172.17.0.2:80" in t.hops[0].text, str(t)


def test_host_reaches_containers_over_ipv6(ports_isolation: tuple[str, State]) -> None:
    """The Docker host reaches containers' IPv6 addresses on its bridges, internal ones too
    (78:47,48); an address nobody holds gets no Neighbor Advertisement."""
    _, st = ports_isolation
    check(st, "@host", "fd00:10::2", D.DELIVERED, "icmp")
    check(st, "@host", "fd00:10::2", D.DELIVERED, "listen", port=80)
    check(st, "@host", "fd00:12::2", D.DELIVERED, "icmp")
    check(st, "@host", "fd00:10::99", D.HOST_UNREACHABLE, "ndp")
    check(st, "@host", "fd00:10::1", D.DELIVERED, "icmp")


def test_nothing_beyond_the_host_over_ipv6(ports_isolation: tuple[str, State]) -> None:
    """netsim's LAN and internet are IPv4 only: a global IPv6 address has no route past the
    host; a container without IPv6 has no IPv6 route at all; the LAN and the internet reach no
    IPv6 address; @host, @lan and @internet have none."""
    _, st = ports_isolation
    t = reach(st, "qa", "2001:db8::1", port=443)
    assert t.disposition is D.NO_ROUTE and t.deciding.rule == "ip6.noroute", str(t)
    assert t.hops[0].rule == "route.default" and "fd00:11::1" in t.hops[0].text
    check(st, "v4", "fd00:10::2", D.NO_ROUTE, "route.none")
    check(st, "@lan", "fd00:10::2", D.NO_ROUTE, "ip6.noroute")
    check(st, "@internet", "fd00:10::2", D.NO_ROUTE, "ip6.noroute")
    check(st, "qa", "@internet", D.NO_ROUTE, "ip6.noroute", family=6)
    check(st, "qa", "@host", D.NO_ROUTE, "ip6.noroute", family=6)
    check(st, "qa", "v4", D.NO_INTERFACE, "none", family=6)
    check(st, "qa", "fe80::1", D.NO_ROUTE, "ip6.linklocal")
    # an IPv4 address stays IPv4 whatever the family; localhost is ::1 over IPv6
    check(st, "qa", "fd00:11::2", D.DELIVERED, "icmp")
    check(st, "qa", "localhost", D.DELIVERED, "icmp", family=6)
    assert reach(st, "qa", "localhost", family=6).address == "::1"
    assert reach(st, "qa", "172.17.0.1", family=6).address == "172.17.0.1"


def test_bracketed_address_and_unknown_names(ports_isolation: tuple[str, State]) -> None:
    _, st = ports_isolation
    assert reach(st, "qa", "[fd00:11::1]").delivered


def test_default_bridge_addresses_per_engine() -> None:
    """81: dockerd --ipv6 --fixed-cidr-v6: 28.5 numbers containers ::2, ::3 …; 26.1 and 20.10
    derive the address from the MAC, so fd00:d0c::3 is nobody's (81:14,16,19 lost)."""
    script = ("# netsim: daemon --ipv6 --fixed-cidr-v6=fd00:d0c::/64\n"
              "docker run -itd --name b1 alpine\ndocker run -itd --name b2 debian\n"
              "docker run -d --name bw -p 8080:80 nginx\n")
    for engine in ENGINES:
        st = state_of(script, engine)
        check(st, "b2", "fd00:d0c::1", D.DELIVERED, "icmp")
        check(st, "@host", "::1", D.DELIVERED, "listen", port=8080)
        check(st, "b1", "b2", D.DELIVERED, "icmp", family=6)
        if engine == "28.5":
            check(st, "b1", "fd00:d0c::3", D.DELIVERED, "icmp")
            check(st, "b2", "fd00:d0c::4", D.DELIVERED, "listen", port=80)
            check(st, "@host", "fd00:d0c::2", D.DELIVERED, "icmp")
        else:
            check(st, "b1", "fd00:d0c::3", D.HOST_UNREACHABLE, "ndp")
            check(st, "b2", "fd00:d0c::4", D.HOST_UNREACHABLE, "ndp", port=80)
            check(st, "@host", "fd00:d0c::2", D.HOST_UNREACHABLE, "ndp")


IPV6_ONLY = """
docker network create --ipv6 --ipv4=false --subnet fd00:3::/64 v6only
docker run -itd --name o1 --network v6only alpine
docker run -d --name ow --network v6only nginx
"""


def test_ipv6_only_network() -> None:
    """79 (28.5): an IPv6-only network's containers reach each other over IPv6 only; they have
    no IPv4 route."""
    st = state_of(IPV6_ONLY, "28.5")
    check(st, "o1", "ow", D.DELIVERED, "listen", port=80, family=6)
    check(st, "o1", "fd00:3::1", D.DELIVERED, "icmp")
    check(st, "@host", "ow", D.DELIVERED, "icmp", family=6)
    t = reach(st, "o1", "ow", family=4)  # IPv4: ow has no IPv4 address
    assert t.disposition is D.NO_INTERFACE, str(t)
    assert reach(st, "o1", "ow").address == "fd00:3::3"  # a name: its only address
    t = reach(st, "o1", "@internet")
    assert t.disposition is D.NO_ROUTE and t.symptom is Symptom.NETWORK_UNREACHABLE, str(t)
    m = matrix(st, family=6)
    assert m.reaches("o1", "ow") and m.reaches("@host", "ow") and not m.reaches("@lan", "ow")
    assert not matrix(st).reaches("o1", "ow")


def test_netns_ipv6_off_loopback() -> None:
    """20.10 turns IPv6 off in a namespace without an IPv6 interface: no ::1 on lo."""
    st = state_of("docker run -itd --name cc alpine\n", "20.10")
    check(st, "cc", "::1", D.NO_INTERFACE, "netns.ipv6-off")
    st = state_of("docker run -itd --name cc alpine\n", "28.5")
    check(st, "cc", "::1", D.DELIVERED, "icmp")


def test_explicit_ip6tables_flag() -> None:
    """--ip6tables=true on 26.1 isolates IPv6 networks as 28.5 does; --ip6tables=false on 28.5
    routes between them."""
    script = ("{daemon}docker network create --ipv6 --subnet fd00:1::/64 a\n"
              "docker network create --ipv6 --subnet fd00:2::/64 b\n"
              "docker run -itd --name a1 --network a alpine\n"
              "docker run -itd --name b1 --network b alpine\n")
    st = state_of(script.format(daemon="# netsim: daemon --ip6tables=true\n"), "26.1")
    check(st, "a1", "fd00:2::2", D.ISOLATED_NETWORKS, "bridge.isolation6")
    st = state_of(script.format(daemon="# netsim: daemon --ip6tables=false\n"), "28.5")
    check(st, "a1", "fd00:2::2", D.DELIVERED, "icmp")


def test_new_rules_cite_sources() -> None:
    for rule in ("ndp", "bridge.icc6", "bridge.isolation6", "ip6tables.off", "ip6.noroute",
                 "ip6.linklocal", "netns.ipv6-off"):
        assert RULES[rule]


# --------------------------------------------------------------------------------------------
# The IPv6 matrix is reach(family=6), cell by cell


MIXED = PORTS_ISOLATION + """
docker network create --ipv6 --subnet fd00:20::/64 dual
docker network connect dual qa
docker network connect dual v4
docker run -d --name hostc --network host nginx
docker run -d --name joiner --network container:pw alpine sleep 1d
docker run -d --name gone --network p6 nginx
docker stop gone
docker run -d --name lonely --network none alpine sleep 1d
docker network create --ipv6 --subnet fd00:30::/64 -d macvlan -o parent=eth0 mv6
docker run -d --name m1 --network mv6 nginx
docker run -d --name m2 --network mv6 nginx
"""


@pytest.mark.parametrize("engine", ENGINES)
def test_matrix6_equals_reach(engine: str) -> None:
    st = state_of(MIXED, engine)
    for port in (None, 80, 8080):
        m = matrix(st, port=port, family=6)
        assert m.family == 6 and "over IPv6" in next(m.lines())
        for src in m.sources:
            for dst in m.destinations:
                t = reach(st, src, dst, port=port, family=6)
                assert m.reaches(src, dst) == t.delivered, (src, dst, port, str(t))


@pytest.mark.parametrize("engine", ENGINES)
def test_matrix4_unchanged_by_ipv6(engine: str) -> None:
    """The IPv4 matrix of a dual-stack setup is still reach() over IPv4, cell by cell."""
    st = state_of(MIXED, engine)
    m = matrix(st, port=80)
    assert m.family == 4 and "family" not in m.to_dict()
    for src in m.sources:
        for dst in m.destinations:
            assert m.reaches(src, dst) == reach(st, src, dst, port=80).delivered, (src, dst)


def test_matrix6_rows() -> None:
    """What the IPv6 matrix says on 28.5 and 26.1 for the isolation script."""
    st = state_of(PORTS_ISOLATION, "28.5")
    m = matrix(st, family=6)
    assert m.reaches("qa", "qa") and not m.reaches("qa", "pw")
    assert not m.reaches("na", "nw") and m.reaches("ia", "iw")
    assert not m.reaches("qa", "v4") and not m.reaches("@lan", "pw")
    assert m.reaches("@host", "iw")
    assert m.to_dict()["family"] == 6 and '"family": 6' in m.to_json()
    st = state_of(PORTS_ISOLATION, "26.1")
    m = matrix(st, family=6)
    assert m.reaches("qa", "pw") and m.reaches("na", "nw") and not m.reaches("ia", "pw")


TWO_HOSTS = """# netsim: host h1
# netsim: host h2
docker -H h1 swarm init
docker -H h2 swarm join --token $(docker -H h1 swarm join-token -q worker) 198.51.100.10:2377
docker -H h1 network create --ipv6 --subnet fd00:1::/64 n1
docker -H h2 network create --ipv6 --subnet fd00:1::/64 n1
docker -H h1 network create -d macvlan --ipv6 --subnet 10.10.0.0/24 \
  --ip-range 10.10.0.64/26 --subnet fd00:9::/64 --ip-range fd00:9::100/120 -o parent=eth0 mv
docker -H h2 network create -d macvlan --ipv6 --subnet 10.10.0.0/24 \
  --ip-range 10.10.0.128/26 --subnet fd00:9::/64 --ip-range fd00:9::200/120 -o parent=eth0 mv
docker -H h1 run -d --name x1 --network n1 nginx
docker -H h1 run -d --name y1 --network n1 nginx
docker -H h2 run -d --name z2 --network n1 nginx
docker -H h1 run -d --name m1 --network mv nginx
docker -H h2 run -d --name m2 --network mv nginx
"""


@pytest.mark.parametrize("engine", ("28.5", "26.1"))
def test_two_hosts_matrix6_equals_reach(engine: str) -> None:
    """Two hosts with the same ULA subnet (each one's fd00:1::2 shadows the other's), macvlan
    children on the LAN over IPv6 (IPv6 on an overlay is said not simulated): matrix =
    reach."""
    st = state_of(TWO_HOSTS, engine)
    t = reach(st, "y1", "z2", family=6)
    assert t.disposition is D.SHADOWED_ADDRESS, str(t)
    check(st, "m1", "m2", D.DELIVERED, "listen", port=80, family=6)
    check(st, "@h1", "m1", D.NO_ROUTE, "ip6.noroute", family=6)
    for port in (None, 80):
        m = matrix(st, port=port, family=6)
        for src in m.sources:
            for dst in m.destinations:
                t = reach(st, src, dst, port=port, family=6)
                assert m.reaches(src, dst) == t.delivered, (src, dst, port, str(t))
