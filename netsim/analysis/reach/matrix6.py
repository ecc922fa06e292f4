"""Who reaches whom over IPv6: the rows of :func:`netsim.analysis.reach.matrix` with
``family=6``, from the IPv6 half of the topology index with sets (Python ints as bitsets).

A cell is set exactly when :func:`netsim.analysis.reach.reach` with ``family=6`` delivers (the
rules are :mod:`netsim.analysis.reach.flow6`'s): a column is a container's IPv6 addresses, so a
container without one (no IPv6 network, host mode: netsim's LAN is IPv4 only) is never reached;
``@lan`` and ``@internet`` reach nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from netsim.analysis.index import Domain, Iface6, Sandbox, TopologyIndex, private_pair
from netsim.analysis.reach.flow6 import routes_back6
from netsim.state import ContainerState

__all__ = ["rows6"]


def rows6(ix: TopologyIndex, labels: Sequence[tuple[str, str, ContainerState]],
          sb_cols: dict[int, int], key: str | None, vantage: bool
          ) -> tuple[list[str], list[int]]:
    """The sources and their rows over IPv6. ``sb_cols``: each sandbox's columns (by ``id``);
    ``key``: the ``PORT/PROTO`` a column must listen on (None: ping)."""
    # per L2 domain: the columns whose container holds an IPv6 address there (and accepts)
    dom_cols: dict[str, int] = {}
    for dom in ix.domains.values():
        bits = 0
        for owner in dom.owners6.values():
            if owner.iface6 is not None:
                sb = owner.iface6.sandbox
                if key is None or key in sb.listening:
                    bits |= sb_cols[id(sb)]
        dom_cols[dom.key] = bits
    # per bridge: the accepting sandboxes with no IPv6 default route through a bridge, which
    # answer a routed source only on-link (ip6.noreturn); needed only where the host routes
    stuck: dict[str, list[Sandbox]] = {}
    if not all(h.ip6tables for h in ix.hosts.values()):
        for dom in ix.domains.values():
            if dom.kind != "bridge":
                continue
            for owner in dom.owners6.values():
                t = owner.iface6
                if t is not None and (key is None or key in t.sandbox.listening) and not (
                        t.sandbox.default6 is not None and
                        ix.domains[t.sandbox.default6.domain].kind == "bridge"):
                    stuck.setdefault(dom.key, []).append(t.sandbox)
    # what a process of each host reaches: the containers on its bridges (host.reaches)
    host_rows = {h.name: _or(dom_cols[d.key] for _, d in h.bridges6) for h in ix.hosts.values()}
    sources: list[str] = []
    rows: list[int] = []
    for label, hname, c in labels:
        sources.append(label)
        if not c.running:
            rows.append(0)
        elif (hname, c.name) in ix.host_members:
            rows.append(host_rows[hname])
        else:
            found = ix.sandbox_of.get((hname, c.name))
            rows.append(0 if found is None or not found.ifaces6 else
                        _sandbox_row6(ix, found, key, sb_cols, dom_cols, stuck))
    if vantage:
        for h in ix.hosts.values():
            sources.append(f"@{h.name}")
            rows.append(host_rows[h.name])
        sources += ["@lan", "@internet"]
        rows += [0, 0]
    return sources, rows


def _or(values: Iterable[int]) -> int:
    bits = 0
    for v in values:
        bits |= v
    return bits


def _sandbox_row6(ix: TopologyIndex, sb: Sandbox, key: str | None, sb_cols: dict[int, int],
                  dom_cols: dict[str, int], stuck: dict[str, list[Sandbox]]) -> int:
    bits = sb_cols[id(sb)] if key is None or key in sb.listening else 0  # its own addresses
    ip6tables = ix.hosts[sb.host].ip6tables
    for n, i in enumerate(sb.ifaces6):
        # on-link: the first interface whose subnet holds the address wins (kernel order)
        if any(j.subnet == i.subnet for j in sb.ifaces6[:n]):
            continue
        dom = ix.domains[i.domain]
        if dom.kind == "bridge":
            assert dom.net is not None
            if dom.net.icc or not ip6tables:  # bridge.same / ip6tables.off; else bridge.icc6
                bits |= dom_cols[dom.key]
        elif dom.kind in ("l3", "overlay"):
            bits |= dom_cols[dom.key]
        else:  # a macvlan/ipvlan l2 segment (maybe the LAN itself)
            bits |= _segment_cols(dom, i, key, sb_cols)
    gw = sb.default6
    if gw is None or ix.domains[gw.domain].kind != "bridge" or ip6tables:
        return bits  # (with ip6tables the host isolates its bridges: bridge.isolation6)
    # through the host, which routes IPv6 between its bridges (ip6tables.off), from the address
    # of its default route's interface, to which the destination must route back (ip6.noreturn);
    # an address inside one of the sandbox's own subnets goes out on-link instead
    own = [i.subnet for i in sb.ifaces6]
    src = gw.ip
    for subnet, dom in ix.hosts[sb.host].bridges6:
        if not any(subnet.overlaps(s) for s in own):
            if stuck and dom.key in stuck:
                drop = 0
                for t in stuck[dom.key]:
                    if not routes_back6(ix, t, src):
                        drop |= sb_cols[id(t)]
                bits |= dom_cols[dom.key] & ~drop
            else:
                bits |= dom_cols[dom.key]
            continue
        for ip, owner in dom.owners6.items():
            target = owner.iface6
            if (target is not None and not any(ip in s for s in own)
                    and (key is None or key in target.sandbox.listening)
                    and routes_back6(ix, target.sandbox, src)):
                bits |= sb_cols[id(target.sandbox)]
    return bits


def _segment_cols(dom: Domain, i: Iface6, key: str | None, sb_cols: dict[int, int]) -> int:
    """The columns a macvlan/ipvlan child reaches on its segment over IPv6: the other children
    holding an address of its subnet (not across a private-mode pair)."""
    bits = 0
    for ip, owner in dom.owners6.items():
        other = owner.iface6
        if other is None or ip not in i.subnet or private_pair(i, other):
            continue  # (macvlan.private)
        if key is None or key in other.sandbox.listening:
            bits |= sb_cols[id(other.sandbox)]
    return bits
