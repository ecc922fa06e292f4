"""Reachability over IPv6, the review's fixes: a port published on ``[::]`` only is IPv6-only
(publish.family), a bridge in gateway mode ``isolated`` has no IPv6 address (bridge.isolated6),
a destination needs a route back when the host routes IPv6 between its bridges (ip6.noreturn),
a container name without an IPv4 address is reached over IPv6 (name.ipv6), and a Docker host
forwarding a container's packet it has no route for answers ICMPv6 no route
(Symptom.ROUTER_NO_ROUTE). The matrix stays reach(), cell by cell."""

from __future__ import annotations

import pytest
from test_reach_ipv6 import check, state_of

from netsim.analysis.reach import RULES, Disposition, Symptom, matrix, reach
from netsim.state import State

D = Disposition
ENGINES = ("29.1", "28.5", "26.1", "20.10")


def assert_matrix_is_reach(state: State, ports: tuple[int | None, ...] = (None, 80)) -> None:
    for family in (4, 6):
        for port in ports:
            m = matrix(state, port=port, family=family)  # type: ignore[arg-type]
            for src in m.sources:
                for dst in m.destinations:
                    t = reach(state, src, dst, port=port, family=family)  # type: ignore[arg-type]
                    assert m.reaches(src, dst) == t.delivered, (family, src, dst, port, str(t))


# --------------------------------------------------------------------------------------------
# A: -p [::]:P:C is IPv6-only on every engine (recorded: 82-ipv6-review:35 on 20.10, 26.1, 28.5)

PUBLISHED_V6 = """
docker network create n4
docker run -d --name w6 --network n4 -p [::]:8082:80 nginx
docker run -d --name w4 --network n4 -p 0.0.0.0:8083:80 nginx
docker run -d --name wb --network n4 -p 8084:80 nginx
docker run -d --name hostc --network host nginx
"""


@pytest.mark.parametrize("engine", ENGINES)
def test_port_published_on_ipv6_wildcard_is_ipv6_only(engine: str) -> None:
    st = state_of(PUBLISHED_V6, engine)
    check(st, "@host", "127.0.0.1", D.PORT_NOT_PUBLISHED, "publish.family", port=8082)
    t = reach(st, "@host", "127.0.0.1", port=8082)
    assert "on IPv6 only" in t.deciding.text and t.symptom is Symptom.REFUSED
    check(st, "@lan", "@host", D.PORT_NOT_PUBLISHED, "publish.family", port=8082)
    check(st, "w4", "@host", D.PORT_NOT_PUBLISHED, "publish.family", port=8082)
    t = reach(st, "@host", "::1", port=8082)
    assert t.delivered and t.hops[0].rule == "publish.proxy", str(t)
    # 0.0.0.0 is IPv4-only, the default binding both
    check(st, "@host", "::1", D.PORT_NOT_PUBLISHED, "publish.family", port=8083)
    assert reach(st, "@host", "127.0.0.1", port=8083).delivered
    assert reach(st, "@host", "127.0.0.1", port=8084).delivered
    assert reach(st, "@host", "::1", port=8084).delivered
    # a loopback-only binding keeps its own rule
    assert RULES["publish.family"] and RULES["publish.localhost"]
    assert_matrix_is_reach(st, (None, 80, 8082, 8083))


# --------------------------------------------------------------------------------------------
# B: gateway_mode_ipv6=isolated: the bridge has no IPv6 address, the host no route into it

ISOLATED6 = """
docker network create --ipv6 --internal --subnet fd00:16::/64 \
  -o com.docker.network.bridge.gateway_mode_ipv6=isolated iso6
docker run -d --name c1 --network iso6 nginx
docker run -itd --name c2 --network iso6 alpine
docker network create --ipv6 --subnet fd00:17::/64 other6
docker run -itd --name o1 --network other6 debian
"""


@pytest.mark.parametrize("engine", ("29.1", "28.5"))
def test_isolated_gateway_mode_bridge_has_no_ipv6_address(engine: str) -> None:
    st = state_of(ISOLATED6, engine)
    t = reach(st, "c2", "fd00:16::1", port=80)  # the first address is c1's, not the host's
    assert t.delivered and t.hops[-1].node.endswith("/c1"), str(t)
    check(st, "c2", "c1", D.DELIVERED, "icmp", family=6)
    check(st, "@host", "fd00:16::2", D.NO_ROUTE, "bridge.isolated6")
    t = reach(st, "@host", "fd00:16::2")
    assert t.symptom is Symptom.NETWORK_UNREACHABLE and t.icmp_from is None, str(t)
    # from another bridge: the host forwards, has no route, and says so (ICMPv6 no route)
    t = reach(st, "o1", "fd00:16::2")
    assert t.disposition is D.NO_ROUTE and t.deciding.rule == "bridge.isolated6", str(t)
    assert t.symptom is Symptom.ROUTER_NO_ROUTE and t.icmp_from == "fd00:17::1"
    m = matrix(st, family=6)
    assert not m.reaches("@host", "c1") and m.reaches("c2", "c1") and m.reaches("@host", "o1")
    assert_matrix_is_reach(st)


@pytest.mark.parametrize("engine", ENGINES)
def test_default_bridge_fixed_cidr_keeps_its_gateway(engine: str) -> None:
    """dockerd --ipv6 --fixed-cidr-v6: the default bridge's IPv6 gateway is fd00:d0c::1, the
    host's (81-ipv6-default-bridge)."""
    st = state_of("# netsim: daemon --ipv6 --fixed-cidr-v6=fd00:d0c::/64\n"
                  "docker run -itd --name b1 alpine\n", engine)
    check(st, "b1", "fd00:d0c::1", D.DELIVERED, "icmp")
    t = reach(st, "b1", "fd00:d0c::1")
    assert "host's address" in t.deciding.text, str(t)
    assert matrix(st, family=6).reaches("@host", "b1")


# --------------------------------------------------------------------------------------------
# C: ip6tables off (≤26.1 by default): the destination needs a route back

ROUTED = """
docker network create --ipv6 --subnet fd00:11::/64 q6
docker run -itd --name qa --network q6 debian
docker network create --ipv6 --internal --subnet fd00:12::/64 i6
docker run -itd --name ia --network i6 debian
docker run -d --name iw --network i6 nginx
docker network create --ipv6 --subnet fd00:13::/64 -o com.docker.network.bridge.enable_icc=false n6
docker run -d --name nw --network n6 nginx
docker run -itd --name na --network n6 debian
docker network create --ipv6 --subnet fd00:14::/64 both
docker run -d --name multi --network i6 nginx
docker network connect both multi
docker network connect both qa
"""


def test_no_route_back_into_an_internal_network_26() -> None:
    """26.1: qa's packet is routed into i6 (no ip6tables rules), but ia has no IPv6 default
    route (recorded 26.1 80-ipv6-ports-isolation:24): its reply is dropped."""
    st = state_of(ROUTED, "26.1")
    for dst, port in (("fd00:12::2", None), ("fd00:12::3", 80), ("fd00:12::3", 81)):
        check(st, "na", dst, D.NOT_MASQUERADED, "ip6.noreturn", port=port)
        t = reach(st, "na", dst, port=port)
        assert t.symptom is Symptom.TIMEOUT and t.hops[-2].rule == "ip6tables.off", str(t)
    check(st, "qa", "ia", D.NOT_MASQUERADED, "ip6.noreturn", family=6)
    # on-link back: multi is on qa's network "both" too, so its reply goes out there
    t = reach(st, "qa", "fd00:12::4", port=80)
    assert t.delivered, str(t)
    # a destination with an IPv6 default route answers
    check(st, "ia", "fd00:13::2", D.INTERNAL_NETWORK, "internal")
    check(st, "qa", "fd00:13::2", D.DELIVERED, "listen", port=80)
    assert RULES["ip6.noreturn"]
    m = matrix(st, family=6)
    assert not m.reaches("na", "ia") and not m.reaches("na", "iw") and m.reaches("qa", "multi")
    assert_matrix_is_reach(st, (None, 80))


def test_internal_gateway_routes_back_20() -> None:
    """20.10 gives an --internal bridge's containers their gateway (IPv6 too: recorded 20.10
    80-ipv6-ports-isolation:24), so the reply finds its way."""
    st = state_of(ROUTED, "20.10")
    check(st, "na", "fd00:12::2", D.DELIVERED, "icmp")
    check(st, "qa", "ia", D.DELIVERED, "icmp", family=6)
    assert_matrix_is_reach(st, (None, 80))


@pytest.mark.parametrize(("engine", "daemon"), [("28.5", "--ip6tables=false"),
                                                ("29.1", "--ip6tables=false"),
                                                ("26.1", "--ip6tables=true")])
def test_route_back_follows_the_ip6tables_flag(engine: str, daemon: str) -> None:
    st = state_of(f"# netsim: daemon {daemon}\n" + ROUTED, engine)
    t = reach(st, "na", "fd00:12::2")
    want = D.NOT_MASQUERADED if daemon.endswith("false") else D.ISOLATED_NETWORKS
    assert t.disposition is want, str(t)
    assert_matrix_is_reach(st, (None, 80))


# --------------------------------------------------------------------------------------------
# D: a container name without an IPv4 address is reached over IPv6

NAMES = """
docker network create --ipv6 --subnet fd00:1::/64 v6
docker network create --ipv6 --ipv4=false --subnet fd00:3::/64 v6only
docker run -itd --name a6 --network v6 alpine
docker run -d --name w6 --network v6 nginx
docker network connect v6only a6
docker run -itd --name o1 --network v6only debian
docker run -d --name ow --network v6only nginx
docker network connect v6only w6
"""


@pytest.mark.parametrize("engine", ("29.1", "28.5"))
def test_name_without_ipv4_is_reached_over_ipv6(engine: str) -> None:
    st = state_of(NAMES, engine)
    t = reach(st, "a6", "o1")
    assert t.delivered and t.address == "fd00:3::3", str(t)
    assert t.hops[0].rule == "name.ipv6" and "IPv6" in t.hops[0].text
    assert t.hops[0].node.endswith("/a6")
    check(st, "a6", "ow", D.DELIVERED, "listen", port=80)
    check(st, "@host", "ow", D.DELIVERED, "listen", port=80)
    # -4 stays IPv4-only
    t = reach(st, "a6", "o1", family=4)
    assert t.disposition is D.NO_INTERFACE and t.address is None, str(t)
    # a dual-stack name is reached at its IPv4 address
    t = reach(st, "a6", "w6", port=80)
    assert t.delivered and t.address is not None and ":" not in t.address, str(t)
    assert all(h.rule != "name.ipv6" for h in t.hops)
    # a source without an IPv4 address uses a dual-stack name's IPv6 address (RFC 6724 rule 1)
    t = reach(st, "o1", "w6", port=80)
    assert t.delivered and t.address == "fd00:3::5", str(t)
    assert t.hops[0].rule == "name.ipv6" and t.hops[0].text.startswith("o1 has no IPv4")
    # the IPv4 matrix stays IPv4-only: reach() with family=4
    m = matrix(st)
    assert not m.reaches("a6", "o1") and matrix(st, family=6).reaches("a6", "o1")
    assert_matrix_is_reach(st)


# --------------------------------------------------------------------------------------------
# E: the Docker host has no IPv6 route beyond its bridges: it answers ICMPv6 no route


@pytest.mark.parametrize("engine", ENGINES)
def test_router_answers_no_route(engine: str) -> None:
    daemon = ("# netsim: daemon --ipv6 --fixed-cidr-v6=fd00:d0c::/64\n"
              if engine in ("26.1", "20.10") else "")
    st = state_of(daemon + "docker network create --ipv6 --subnet fd00:1::/64 v6\n"
                  "docker run -itd --name d6 --network v6 debian\n", engine)
    t = reach(st, "d6", "2606:4700:4700::1111")
    assert t.disposition is D.NO_ROUTE and t.deciding.rule == "ip6.noroute", str(t)
    assert t.symptom is Symptom.ROUTER_NO_ROUTE and t.icmp_from == "fd00:1::1"
    assert "No route from fd00:1::1" in t.deciding.text
    assert t.to_dict()["icmp_from"] == "fd00:1::1"
    t = reach(st, "d6", "2606:4700:4700::1111", port=80)  # SYN_SENT: ENETUNREACH
    assert t.symptom is Symptom.NETWORK_UNREACHABLE and t.icmp_from == "fd00:1::1", str(t)
    t = reach(st, "d6", "2606:4700:4700::1111", port=53, proto="udp")  # ignored: no reply
    assert t.symptom is Symptom.TIMEOUT, str(t)
    # the host's own packet: no route, at once
    t = reach(st, "@host", "2606:4700:4700::1111")
    assert t.symptom is Symptom.NETWORK_UNREACHABLE and t.icmp_from is None, str(t)
    assert "icmp_from" not in t.to_dict()
    # a container without an IPv6 default route: its own kernel says so
    st2 = state_of("docker network create --ipv6 --internal --subnet fd00:2::/64 i6\n"
                   "docker run -itd --name ii --network i6 debian\n", "28.5")
    t = reach(st2, "ii", "2606:4700:4700::1111")
    assert t.symptom is Symptom.NETWORK_UNREACHABLE and t.icmp_from is None, str(t)
