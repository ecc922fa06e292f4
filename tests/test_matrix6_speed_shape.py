"""The IPv6 matrix where a host routes IPv6 between its bridges (no ip6tables: 26.1, 20.10,
--ip6tables=false) is dense; netsim.analysis.reach.matrix6 computes a container's routed part
from its host's whole set once (not bridge by bridge) and shares that row. Its results stay
reach(family=6)'s cell by cell (random dual-stack scripts), and the per-bridge computation it
replaced (overlapping subnets included), and its cost stays near the IPv4 matrix's."""

from __future__ import annotations

import importlib
import ipaddress
import sys
from collections.abc import Iterable
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netsim.analysis.index import Sandbox, TopologyIndex, topology_index
from netsim.analysis.reach import matrix, reach
from netsim.analysis.reach.flow6 import routes_back6
from netsim.daemon.engine import Engine
from netsim.lab import run_script
from netsim.state import ContainerState, State
from netsim.versions import profile

matrix_module = importlib.import_module("netsim.analysis.reach.matrix")
matrix6 = importlib.import_module("netsim.analysis.reach.matrix6")

SETTINGS = settings(max_examples=60, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
NETWORKS = ("n0", "n1", "n2", "n3")
CONTAINERS = tuple(f"c{i}" for i in range(7))
DAEMONS = ("", "--ip6tables=false", "--ip6tables=true", "--ipv6 --fixed-cidr-v6=fd00:d0c::/64",
           "--ipv6 --fixed-cidr-v6=fd00:d0c::/64 --ip6tables=false")


@st.composite
def network_lines(draw: st.DrawFn, k: int, name: str, overlapping: bool) -> str:
    kind = draw(st.sampled_from(("dual", "dual", "dual", "v6only", "v4", "macvlan")))
    if kind == "macvlan":
        mode = draw(st.sampled_from(("", " -o macvlan_mode=private")))
        return (f"docker network create -d macvlan --ipv6 --subnet 10.{50 + k}.0.0/24 "
                f"--subnet fd00:{50 + k}::/64 -o parent=eth0.{10 + k}{mode} {name}")
    flags = {"dual": ["--ipv6", f"--subnet 10.{k}.0.0/24"], "v4": [f"--subnet 10.{k}.0.0/24"],
             "v6only": ["--ipv6 --ipv4=false"]}[kind]
    if kind != "v4":
        if overlapping and draw(st.booleans()):
            # a /48 holding the others' /64s: Docker checks no overlap when --ip-range is given
            # (the --ip-range quirk), so one host's bridges' subnets overlap
            flags.append(f"--subnet fd00::/48 --ip-range fd00:0:0:{8 + k}::/64")
        else:
            flags.append(f"--subnet fd00:{k}::/64")
    if draw(st.integers(0, 3)) == 0:
        flags.append("--internal")
        if kind != "v4" and draw(st.booleans()):  # no IPv6 address on the bridge (28.0+)
            flags.append("-o com.docker.network.bridge.gateway_mode_ipv6=isolated")
    if draw(st.integers(0, 3)) == 0:
        flags.append("-o com.docker.network.bridge.enable_icc=false")
    return f"docker network create {' '.join(flags)} {name}"


@st.composite
def run_lines(draw: st.DrawFn, name: str) -> list[str]:
    mode = draw(st.sampled_from(("net", "net", "net2", "net3", "default", "host", "none",
                                 "container")))
    image = draw(st.sampled_from(("nginx", "alpine sleep 1d")))
    nets = draw(st.lists(st.sampled_from(NETWORKS), min_size=1, max_size=3, unique=True))
    net = {"net": nets[:1], "net2": nets[:2], "net3": nets}.get(mode, [])
    first = (f"--network {net[0]}" if net else "" if mode == "default" else
             f"--network container:{draw(st.sampled_from(CONTAINERS))}"
             if mode == "container" else f"--network {mode}")
    publish = " -p 8080:80" if mode in ("net", "default") and draw(st.booleans()) else ""
    lines = [f"docker run -d --name {name} {first}{publish} {image}"]
    lines += [f"docker network connect {n} {name}" for n in net[1:]]
    if draw(st.integers(0, 5)) == 0:
        lines.append(f"docker stop {name}")
    return lines


@st.composite
def scripts(draw: st.DrawFn, overlapping: bool = False) -> str:
    """A dual-stack docker script: IPv4-only, dual-stack, IPv6-only (29.1) and macvlan
    networks, --internal (in gateway mode isolated: 29.1), ICC off, containers on several
    networks, without IPv6, host mode, container: joiners, stopped ones; daemon flags giving
    or taking ip6tables."""
    daemon = draw(st.sampled_from(DAEMONS))
    lines = [f"# netsim: daemon {daemon}"] if daemon else []
    lines += [draw(network_lines(k, n, overlapping)) for k, n in enumerate(NETWORKS)]
    names = draw(st.lists(st.sampled_from(CONTAINERS), min_size=2, max_size=7, unique=True))
    for name in names:
        lines += draw(run_lines(name))
    return "\n".join(lines) + "\n"


def state_of(text: str, engine: str) -> State:
    lab, _steps = run_script(text, profile=engine)  # (a refused line leaves the rest)
    return lab.state


def assert_matrix6_is_reach(state: State) -> None:
    for port in (None, 80):
        m = matrix(state, port=port, family=6)
        for src, row in m.rows():
            for dst, cell in zip(m.destinations, row, strict=True):
                t = reach(state, src, dst, port=port, family=6)
                assert (cell == ".") == t.delivered, (src, dst, port, str(t), row)


@SETTINGS
@given(scripts())
def test_matrix6_equals_reach_on_26(text: str) -> None:
    assert_matrix6_is_reach(state_of(text, "26.1"))


@SETTINGS
@given(scripts())
def test_matrix6_equals_reach_on_29(text: str) -> None:
    assert_matrix6_is_reach(state_of(text, "29.1"))


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scripts())
def test_matrix6_equals_reach_on_20(text: str) -> None:
    assert_matrix6_is_reach(state_of(text, "20.10"))


# --------------------------------------------------------------------------------------------
# The per-bridge computation the fast path replaced, as it was: with overlapping subnets (where
# reach() and the matrix already differ on which bridge holds an address: both take the one
# they did) the fast path still gives its rows


def per_bridge_rows6(ix: TopologyIndex, labels: list[tuple[str, str, ContainerState]],
                     sb_cols: dict[int, int], key: str | None, vantage: bool
                     ) -> tuple[list[str], list[int]]:
    dom_cols = {dom.key: _or(sb_cols[id(o.iface6.sandbox)] for o in dom.owners6.values()
                             if o.iface6 is not None and _accepts(o.iface6.sandbox, key))
                for dom in ix.domains.values()}
    stuck: dict[str, list[Sandbox]] = {}
    for dom in ix.domains.values():
        for o in dom.owners6.values() if dom.kind == "bridge" else ():
            t = o.iface6
            if t is not None and _accepts(t.sandbox, key) and not (
                    t.sandbox.default6 is not None and
                    ix.domains[t.sandbox.default6.domain].kind == "bridge"):
                stuck.setdefault(dom.key, []).append(t.sandbox)
    host_rows = {h.name: _or(dom_cols[d.key] for _, d in h.bridges6) for h in ix.hosts.values()}
    sources: list[str] = []
    rows: list[int] = []
    for label, hname, c in labels:
        sources.append(label)
        found = ix.sandbox_of.get((hname, c.name))
        if not c.running:
            rows.append(0)
        elif (hname, c.name) in ix.host_members:
            rows.append(host_rows[hname])
        else:
            rows.append(0 if found is None or not found.ifaces6 else
                        _per_bridge_row(ix, found, key, sb_cols, dom_cols, stuck))
    if vantage:
        for h in ix.hosts.values():
            sources.append(f"@{h.name}")
            rows.append(host_rows[h.name])
        sources += ["@lan", "@internet"]
        rows += [0, 0]
    return sources, rows


def _accepts(sb: Sandbox, key: str | None) -> bool:
    return key is None or key in sb.listening


def _or(values: Iterable[int]) -> int:
    bits = 0
    for v in values:
        bits |= v
    return bits


def _per_bridge_row(ix: TopologyIndex, sb: Sandbox, key: str | None, sb_cols: dict[int, int],
                    dom_cols: dict[str, int], stuck: dict[str, list[Sandbox]]) -> int:
    bits = sb_cols[id(sb)] if _accepts(sb, key) else 0
    ip6tables = ix.hosts[sb.host].ip6tables
    for n, i in enumerate(sb.ifaces6):
        if any(j.subnet == i.subnet for j in sb.ifaces6[:n]):
            continue
        dom = ix.domains[i.domain]
        if dom.kind == "bridge":
            assert dom.net is not None
            if dom.net.icc or not ip6tables:
                bits |= dom_cols[dom.key]
        elif dom.kind in ("l3", "overlay"):
            bits |= dom_cols[dom.key]
        else:
            bits |= matrix6._segment_cols(dom, i, key, sb_cols)
    gw = sb.default6
    if gw is None or ix.domains[gw.domain].kind != "bridge" or ip6tables:
        return bits
    own = [i.subnet for i in sb.ifaces6]
    for subnet, dom in ix.hosts[sb.host].bridges6:
        if not any(subnet.overlaps(s) for s in own):
            drop = _or(sb_cols[id(t)] for t in stuck.get(dom.key, ())
                       if not routes_back6(ix, t, gw.ip))
            bits |= dom_cols[dom.key] & ~drop
            continue
        for ip, owner in dom.owners6.items():
            target = owner.iface6
            if (target is not None and not any(ip in s for s in own)
                    and _accepts(target.sandbox, key)
                    and routes_back6(ix, target.sandbox, gw.ip)):
                bits |= sb_cols[id(target.sandbox)]
    return bits


def assert_matrix6_is_per_bridge(state: State) -> None:
    for port in (None, 80):
        fast = matrix(state, port=port, family=6)
        try:
            matrix_module.rows6 = per_bridge_rows6
            slow = matrix(state, port=port, family=6)
        finally:
            matrix_module.rows6 = matrix6.rows6
        assert fast.sources == slow.sources
        assert dict(fast.rows()) == dict(slow.rows()), port


@SETTINGS
@given(scripts(overlapping=True), st.sampled_from(("26.1", "29.1")))
def test_matrix6_equals_the_per_bridge_rows(text: str, engine: str) -> None:
    assert_matrix6_is_per_bridge(state_of(text, engine))


OVERLAPPING = """
docker network create --ipv6 --subnet fd00:1::/64 aa
docker network create --ipv6 --subnet fd00::/48 --ip-range fd00:0:0:5::/64 bb
docker network create --ipv6 --subnet fd00:2::/64 dd
docker network create --ipv6 --internal --subnet fd00:3::/64 ii
docker run -d --name xa --network aa nginx
docker run -d --name xb --network bb nginx
docker run -d --name xi --network bb alpine sleep 1d
docker network connect dd xi
docker run -d --name yi --network ii nginx
docker run -d --name ya --network aa nginx
docker network connect ii ya
docker run -d --name za --network ii nginx
docker network connect aa za
docker run -d --name zb --network ii nginx
docker network connect bb zb
"""


def test_overlapping_bridges_and_no_route_back() -> None:
    """A /48 bridge holding another's /64 (reached through the host only outside the sender's
    own subnets), containers of an --internal network with and without a route back."""
    st_ = state_of(OVERLAPPING, "26.1")
    assert_matrix6_is_per_bridge(st_)
    assert_matrix6_is_reach(st_)
    m = matrix(st_, family=6)
    assert m.reaches("xb", "xa") and m.reaches("xa", "za") and not m.reaches("xa", "yi")


PREFIXES = (48, 52, 56, 64)


ISOLATED_ON_LINK = """# netsim: daemon --ip6tables=false
docker network create --ipv6 --internal --subnet fd00:1::/64 \\
  -o com.docker.network.bridge.gateway_mode_ipv6=isolated iso
docker network create --ipv6 --subnet fd00:2::/64 dd
docker run -d --name xx --network dd nginx
docker network connect iso xx
docker run -d --name yy --network iso nginx
"""


def test_bridge_without_ipv6_address_on_link() -> None:
    """29.1 without ip6tables: a bridge in gateway mode isolated is none of the host's routes
    (not in its row), but a container on it reaches the others there on-link."""
    st_ = state_of(ISOLATED_ON_LINK, "29.1")
    assert_matrix6_is_per_bridge(st_)
    assert_matrix6_is_reach(st_)
    m = matrix(st_, family=6)
    assert m.reaches("xx", "yy") and not m.reaches("@host", "yy")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 7), st.sampled_from(PREFIXES)), min_size=1,
                max_size=8),
       st.lists(st.tuples(st.integers(0, 7), st.sampled_from((40, *PREFIXES, 80))), min_size=1,
                max_size=3))
def test_overlapping_bridges_lookup(bridges: list[tuple[int, int]],
                                    own: list[tuple[int, int]]) -> None:
    """_Routed.overlapping (by prefix, bisected) is IPv6Network.overlaps over every bridge.
    (Bridges never overlap each other: the bridge driver refuses one inside another over IPv6
    as over IPv4, --ip-range or not: measured, 92-ipam-nested-overlap.)"""
    def net(n: int, prefix: int) -> ipaddress.IPv6Network:
        return ipaddress.IPv6Network(((0xfd00 << 112) + (n << (128 - prefix)), prefix))

    subnets: list[ipaddress.IPv6Network] = []
    for s in sorted({net(b, p) for b, p in bridges}):
        if not any(s.overlaps(t) for t in subnets):
            subnets.append(s)
    st_ = state_of("\n".join(
        f"docker network create --ipv6 --subnet {s} b{k}"
        for k, s in enumerate(subnets)) + "\n", "26.1")
    ix = topology_index(st_)
    h = next(iter(ix.hosts.values()))
    routed = matrix6._Routed(ix, h, None, {}, {d.key: 0 for d in ix.domains.values()}, 0)
    mine = [net(b, p) for b, p in own]
    assert len(h.bridges6) == len(subnets)
    want = {d.key for s, d in h.bridges6 if any(s.overlaps(o) for o in mine)}
    assert {d.key for d in routed.overlapping(mine)} == want


# --------------------------------------------------------------------------------------------
# Its shape: rows shared, the cost near the IPv4 matrix's


def synthetic_engine(n: int, engine: str) -> Engine:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    try:
        from engine_build import synthetic
    finally:
        sys.path.pop(0)
    ops, _ = synthetic(n, ipv6=True)
    e = Engine(profile=profile(engine))
    for op in ops:
        e.execute(op)
    return e


def test_dense_rows_are_shared() -> None:
    """On 26.1 every container of the synthetic setup reaches every other over IPv6, and its
    row is the host's own row object (computed once)."""
    e = synthetic_engine(300, "26.1")
    m = matrix(e.state(), family=6)
    assert m.count == 300 * 301
    assert len({id(r) for r in m._rows}) <= 3  # the host's row, and @lan's/@internet's 0
    assert dict(matrix(e.state(), family=6).rows()) == dict(m.rows())
    m29 = matrix(synthetic_engine(300, "29.1").state(), family=6)
    assert m29.count == matrix(e.state(), family=4).count
