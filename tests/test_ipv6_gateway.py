"""The gateway endpoints of a sandbox with IPv6 (netsim.state.gateway_endpoints), per engine: the
endpoint each family's default route goes through, and where published ports are programmed.

``Endpoint.Less`` ranks the endpoints with more gateways first (≥ 28.0 by count, dual-stack 2:
v28.5.2:libnetwork/sandbox.go:658-672; before, IPv4 1 + IPv6 2: v26.1.5:libnetwork/sandbox.go:
713-735), so a dual-stack network is a dual-homed container's gateway on every engine (recorded:
82-ipv6-review:23-24). ≥ 28.0 picks the IPv4 and the IPv6 gateway endpoints apart
(v28.5.2:libnetwork/default_gateway.go:188-216 selectGatewayEndpoint); before, one endpoint, the
first with an IPv4 gateway, gives both routes (v26.1.5:libnetwork/default_gateway.go:177-187,
sandbox_linux.go:74-101): EngineProfile.gateway_per_family.
"""

from __future__ import annotations

import pytest

from netsim.analysis.reach import Disposition, reach
from netsim.lab import run_script
from netsim.state import (
    State,
    default_route_endpoint,
    default_route_endpoint6,
    gateway_endpoints,
    sandbox_order,
)
from netsim.versions import PROFILES

ENGINES = ("20.10", "26.1", "28.5", "29.1")

NETWORKS_FMT = ("docker inspect -f '{{range $k, $v := .NetworkSettings.Networks}}"
                "{{$k}}={{$v.Gateway}}/{{$v.IPv6Gateway}} {{end}}'")


def run(text: str, profile: str) -> tuple[State, dict[str, str]]:
    """The State after ``text`` and each command's output; every command but ``curl`` (which
    exits 7 when refused) must succeed."""
    lab, steps = run_script(text, profile=profile)
    failed = [s for s in steps if s.exit_code != 0 and not s.command.startswith("curl ")]
    assert not failed, failed[0].stderr
    return lab.state, {s.command: s.stdout for s in steps}


# /tmp/rv/t19.sh; conformance/corpus/82-ipv6-review.sh:13-16, 23-24
DUAL_HOMED = f"""
docker network create --subnet 10.10.0.0/24 aaa
docker network create --ipv6 --subnet 10.20.0.0/24 --subnet fd00:20::/64 zzz
docker run -itd --name c1 --network aaa netsim-lab/debian
docker network connect zzz c1
docker run -d --name w1 --network aaa -p 8080:80 netsim-lab/nginx
docker network connect zzz w1
docker exec c1 ip route
docker exec c1 ip -6 route
docker port w1
docker inspect -f '{{{{json .NetworkSettings.Ports}}}}' w1
{NETWORKS_FMT} c1
"""


@pytest.mark.parametrize("engine", ENGINES)
def test_dual_stack_network_is_the_gateway_of_both_families(engine: str) -> None:
    """A container on an IPv4-only network, then connected to a dual-stack one, routes IPv4
    through the dual-stack one too, on every engine (recorded: 82-ipv6-review:23-24)."""
    _, out = run(DUAL_HOMED, engine)
    assert out["docker exec c1 ip route"] == (
        "default via 10.20.0.1 dev eth1 \n"
        "10.10.0.0/24 dev eth0 proto kernel scope link src 10.10.0.2 \n"
        "10.20.0.0/24 dev eth1 proto kernel scope link src 10.20.0.2 \n")
    assert out["docker exec c1 ip -6 route"] == (
        "fd00:20::/64 dev eth1 proto kernel metric 256 pref medium\n"
        "fe80::/64 dev eth1 proto kernel metric 256 pref medium\n"
        "default via fd00:20::1 dev eth1 metric 1024 pref medium\n")
    assert out[f"{NETWORKS_FMT} c1"] == "aaa=10.10.0.1/ zzz=10.20.0.1/fd00:20::1 \n"
    v6 = ":::8080" if engine == "20.10" else "[::]:8080"
    assert out["docker port w1"] == f"80/tcp -> 0.0.0.0:8080\n80/tcp -> {v6}\n"
    assert out["docker inspect -f '{{json .NetworkSettings.Ports}}' w1"] == (
        '{"80/tcp":[{"HostIp":"0.0.0.0","HostPort":"8080"},{"HostIp":"::","HostPort":"8080"}]}\n')


@pytest.mark.parametrize("engine", ENGINES)
def test_dual_homed_traffic_leaves_by_the_dual_stack_network(engine: str) -> None:
    """The ports are programmed on the gateway endpoint's network (zzz), and the default route
    goes out of it."""
    st, _ = run(DUAL_HOMED, engine)
    t = reach(st, "@host", "127.0.0.1", port=8080)
    assert t.disposition is Disposition.DELIVERED, str(t)
    assert "opens one to 10.20.0.3:80" in t.hops[0].text
    assert t.hops[1].text.startswith("it enters w1 through eth1")
    t = reach(st, "c1", "1.1.1.1")
    assert t.hops[0].text.startswith(
        "1.1.1.1 is off-subnet: c1 sends it out of eth1 (network zzz) via 10.20.0.1")
    c1 = st.hosts["host"].containers["c1"]
    nets = st.hosts["host"].networks
    assert [e.network for e in sandbox_order(c1.endpoints, nets.get, st.profile)] == [
        "zzz", "aaa"]
    gw4, gw6 = gateway_endpoints(c1.endpoints, nets.get, st.profile)
    assert gw4 is not None and gw4 is gw6 and gw4.network == "zzz"
    assert default_route_endpoint(c1.endpoints, nets.get, st.profile) is gw4
    assert default_route_endpoint6(c1.endpoints, nets.get, st.profile) is gw6


# /tmp/rv/t22.sh; conformance/corpus/82-ipv6-review.sh:19-20, 31, 33-34
IPV6_ONLY = """
docker network create --ipv6 --ipv4=false --subnet fd00:3::/64 v6only
docker run -d --name w3 --network v6only -p 8080:80 netsim-lab/nginx
docker port w3
docker inspect -f '{{json .NetworkSettings.Ports}}' w3
curl -s -o /dev/null -w '%{http_code}\\n' http://[::1]:8080/
curl -s -o /dev/null -w '%{http_code}\\n' http://127.0.0.1:8080/
docker exec w3 ip -6 route
"""


@pytest.mark.parametrize("engine", ["28.5", "29.1"])
def test_ipv6_only_network_publishes_on_ipv6_only(engine: str) -> None:
    """``-p 8080:80`` on an IPv6-only network binds ``[::]:8080`` alone, to the container's IPv6
    address (v28.5.2:libnetwork/drivers/bridge/port_mapping_linux.go configurePortBindingIPv4
    needs the container's IPv4 address; recorded: 82-ipv6-review:31, 33-34)."""
    st, out = run(IPV6_ONLY, engine)
    assert out["docker port w3"] == "80/tcp -> [::]:8080\n"
    assert out["docker inspect -f '{{json .NetworkSettings.Ports}}' w3"] == (
        '{"80/tcp":[{"HostIp":"::","HostPort":"8080"}]}\n')
    assert out["curl -s -o /dev/null -w '%{http_code}\\n' http://[::1]:8080/"] == "200\n"
    assert out["curl -s -o /dev/null -w '%{http_code}\\n' http://127.0.0.1:8080/"] == "000\n"
    assert out["docker exec w3 ip -6 route"] == (
        "fd00:3::/64 dev eth0  metric 256 \n"
        "fe80::/64 dev eth0  metric 256 \n"
        "default via fd00:3::1 dev eth0  metric 1024 \n")
    t = reach(st, "@host", "::1", port=8080)
    assert t.disposition is Disposition.DELIVERED, str(t)
    assert "[fd00:3::2]:80" in t.hops[0].text
    w3 = st.hosts["host"].containers["w3"]
    nets = st.hosts["host"].networks
    gw4, gw6 = gateway_endpoints(w3.endpoints, nets.get, st.profile)
    assert gw4 is None and gw6 is not None and gw6.network == "v6only"


SPLIT = f"""
docker network create --subnet 10.10.0.0/24 aaa
docker network create --ipv6 --ipv4=false --subnet fd00:30::/64 bbb
docker run -d --name ws --network aaa -p 8080:80 netsim-lab/nginx
docker network connect bbb ws
docker exec ws ip route
docker exec ws ip -6 route
docker port ws
{NETWORKS_FMT} ws
"""


@pytest.mark.parametrize("engine", ["28.5", "29.1"])
def test_ipv4_and_ipv6_gateways_apart(engine: str) -> None:
    """With no dual-stack endpoint, ≥ 28.0 routes IPv4 through the first endpoint with an IPv4
    gateway and IPv6 through the first with an IPv6 one (selectGatewayEndpoint), and maps the
    host's IPv4 addresses to the first, its IPv6 ones to the second (endpoint.go sbJoin,
    noProxy6To4)."""
    st, out = run(SPLIT, engine)
    assert out["docker exec ws ip route"] == (
        "default via 10.10.0.1 dev eth0 \n"
        "10.10.0.0/24 dev eth0 scope link  src 10.10.0.2 \n")
    assert out["docker exec ws ip -6 route"] == (
        "fd00:30::/64 dev eth1  metric 256 \n"
        "fe80::/64 dev eth1  metric 256 \n"
        "default via fd00:30::1 dev eth1  metric 1024 \n")
    assert out["docker port ws"] == "80/tcp -> 0.0.0.0:8080\n80/tcp -> [::]:8080\n"
    assert out[f"{NETWORKS_FMT} ws"] == "aaa=10.10.0.1/ bbb=/fd00:30::1 \n"
    ws = st.hosts["host"].containers["ws"]
    gw4, gw6 = gateway_endpoints(ws.endpoints, st.hosts["host"].networks.get, st.profile)
    assert gw4 is not None and gw4.network == "aaa"
    assert gw6 is not None and gw6.network == "bbb"


@pytest.mark.parametrize("engine", ["28.5", "29.1"])
def test_dual_stack_gateway_beats_gw_priority(engine: str) -> None:
    """≥ 28.0 takes the first dual-stack endpoint for both families even over an IPv4-only one
    of higher ``gw-priority`` (v28.5.2:libnetwork/default_gateway.go:194-206, its FIXME)."""
    _, out = run("""
docker network create --subnet 10.10.0.0/24 aaa
docker network create --ipv6 --subnet 10.20.0.0/24 --subnet fd00:20::/64 zzz
docker run -d --name ws --network name=aaa,gw-priority=10 netsim-lab/nginx
docker network connect zzz ws
docker exec ws ip route
docker exec ws ip -6 route
""", engine)
    assert out["docker exec ws ip route"].startswith("default via 10.20.0.1 dev eth1 \n")
    assert out["docker exec ws ip -6 route"].endswith(
        "default via fd00:20::1 dev eth1  metric 1024 \n")


INTERNAL6 = f"""
docker network create --subnet 10.10.0.0/24 aaa
docker network create --internal --ipv6 --subnet 10.40.0.0/24 --subnet fd00:40::/64 int6
docker run -itd --name cc --network aaa netsim-lab/debian
docker network connect int6 cc
docker exec cc ip route
docker exec cc ip -6 route
{NETWORKS_FMT} cc
"""


@pytest.mark.parametrize("engine", ENGINES)
def test_no_ipv6_default_route_from_a_non_gateway_endpoint(engine: str) -> None:
    """20.10 gives an --internal network's endpoint both gateways (bridge.go Join), but the
    gateway endpoint is the first in Less's order with an IPv4 gateway, the non-internal aaa,
    and the IPv6 default route comes only from it: none (sandbox_linux.go updateGateway).
    Later engines give an internal endpoint no gateway at all."""
    _, out = run(INTERNAL6, engine)
    assert out["docker exec cc ip route"] == (
        "default via 10.10.0.1 dev eth0 \n"
        "10.10.0.0/24 dev eth0 proto kernel scope link src 10.10.0.2 \n"
        "10.40.0.0/24 dev eth1 proto kernel scope link src 10.40.0.2 \n")
    assert out["docker exec cc ip -6 route"] == (
        "fd00:40::/64 dev eth1 proto kernel metric 256 pref medium\n"
        "fe80::/64 dev eth1 proto kernel metric 256 pref medium\n")
    gateways = "10.40.0.1/fd00:40::1" if engine == "20.10" else "/"
    assert out[f"{NETWORKS_FMT} cc"] == f"aaa=10.10.0.1/ int6={gateways} \n"


def test_profiles_choose_gateways_by_version() -> None:
    """One gateway endpoint before 28.0, one per family from 28.0."""
    assert {name: p.gateway_per_family for name, p in PROFILES.items()} == {
        "20.10": False, "26.1": False, "28.5": True, "29.1": True}
