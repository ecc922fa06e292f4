"""Who reaches whom over IPv6: the rows of :func:`netsim.analysis.reach.matrix` with
``family=6``, from the IPv6 half of the topology index with sets (Python ints as bitsets).

A cell is set exactly when :func:`netsim.analysis.reach.reach` with ``family=6`` delivers (the
rules are :mod:`netsim.analysis.reach.flow6`'s): a column is a container's IPv6 addresses, so a
container without one (no IPv6 network, host mode: netsim's LAN is IPv4 only) is never reached;
``@lan`` and ``@internet`` reach nothing.

Where a host routes IPv6 between its bridges (no ip6tables: ip6tables.off) the matrix is dense,
so a container's routed part is not the union of every bridge's columns but the host's whole
set (:class:`_Routed`, built once per host) minus what it cannot reach: the containers without a
route back to its address (ip6.noreturn, looked up by prefix) and those only on bridges whose
subnet overlaps its own (reached on-link or not at all). Equal rows are one int, shared.
"""

from __future__ import annotations

import bisect
import ipaddress
from collections.abc import Iterable, Mapping, Sequence

from netsim.analysis.index import Domain, HostNs, Iface6, Sandbox, TopologyIndex, private_pair
from netsim.analysis.reach.columns import SandboxColumns, bitset
from netsim.analysis.reach.flow6 import routes_back6
from netsim.state import ContainerState

__all__ = ["rows6"]

IPv6 = ipaddress.IPv6Address
IPv6Net = ipaddress.IPv6Network


def rows6(ix: TopologyIndex, labels: Sequence[tuple[str, str, ContainerState]],
          sb_cols: SandboxColumns, key: str | None, vantage: bool
          ) -> tuple[list[str], list[int]]:
    """The sources and their rows over IPv6. ``sb_cols``: each sandbox's columns (by ``id``);
    ``key``: the ``PORT/PROTO`` a column must listen on (None: ping)."""
    # per L2 domain: the columns whose container holds an IPv6 address there (and accepts)
    dom_cols: dict[str, int] = {}
    for dom in ix.domains.values():
        numbers: list[int] = []
        for owner in dom.owners6.values():
            if owner.iface6 is not None:
                sb = owner.iface6.sandbox
                if key is None or key in sb.listening:
                    numbers.extend(sb_cols.numbers(id(sb)))
        dom_cols[dom.key] = bitset(numbers, len(labels))
    # what a process of each host reaches: the containers on its bridges (host.reaches)
    host_rows = {h.name: _or(dom_cols[d.key] for _, d in h.bridges6) for h in ix.hosts.values()}
    # the hosts that route IPv6 between their bridges (ip6tables.off), once each
    routed: dict[str, _Routed] = {}
    for h in ix.hosts.values():
        if not h.ip6tables:
            routed[h.name] = _Routed(ix, h, key, sb_cols, dom_cols, host_rows[h.name])
    sources: list[str] = []
    rows: list[int] = []
    shared: dict[int, int] = {}  # equal rows as one int (dense ones are many and alike)
    for label, hname, c in labels:
        sources.append(label)
        if not c.running:
            rows.append(0)
        elif (hname, c.name) in ix.host_members:
            rows.append(host_rows[hname])
        else:
            found = ix.sandbox_of.get((hname, c.name))
            row = (0 if found is None or not found.ifaces6 else
                   _sandbox_row6(ix, found, key, sb_cols, dom_cols, routed.get(hname)))
            rows.append(shared.setdefault(row, row))
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


def _sandbox_row6(ix: TopologyIndex, sb: Sandbox, key: str | None, sb_cols: Mapping[int, int],
                  dom_cols: dict[str, int], routed: _Routed | None) -> int:
    """``routed``: its host's routing between bridges, when the host routes (ip6tables.off)."""
    ip6tables = ix.hosts[sb.host].ip6tables
    bits = 0
    onlink: list[Domain] = []  # bridges on which it reaches every address on-link
    for n, i in enumerate(sb.ifaces6):
        # on-link: the first interface whose subnet holds the address wins (kernel order)
        if any(j.subnet == i.subnet for j in sb.ifaces6[:n]):
            continue
        dom = ix.domains[i.domain]
        if dom.kind == "bridge":
            assert dom.net is not None
            if dom.net.icc or not ip6tables:  # bridge.same / ip6tables.off; else bridge.icc6
                onlink.append(dom)
        elif dom.kind in ("l3", "overlay"):
            bits |= dom_cols[dom.key]
        else:  # a macvlan/ipvlan l2 segment (maybe the LAN itself)
            bits |= _segment_cols(dom, i, key, sb_cols)
    listens = key is None or key in sb.listening  # its own addresses
    gw = sb.default6
    if routed is None or gw is None or ix.domains[gw.domain].kind != "bridge":
        # (with ip6tables the host isolates its bridges: bridge.isolation6)
        for dom in onlink:
            bits |= dom_cols[dom.key]
        return bits | sb_cols[id(sb)] if listens else bits
    return routed.row(sb, gw, onlink, bits, listens)


class _Routed:
    """A host that routes IPv6 between its bridges (ip6tables.off): what a container whose IPv6
    default route goes through one of its bridges reaches beyond its own subnets.

    Through the host, from the address of its default route's interface, a container reaches
    every container on the host's bridges (``all``) but those without a route back to that
    address (ip6.noreturn: neither on-link nor an IPv6 default route through a bridge; of the
    ``stuck``, :meth:`drop`) and those only on bridges whose subnet overlaps one of its own
    (:meth:`overlapping`: there it reaches on-link, or through the host only the addresses
    outside its own subnets). All of this is the host's once; per container it is a few
    lookups, and a row equal to ``all`` is ``all`` itself."""

    def __init__(self, ix: TopologyIndex, h: HostNs, key: str | None, sb_cols: Mapping[int, int],
                 dom_cols: dict[str, int], all_cols: int) -> None:
        self.ix, self.key, self.sb_cols, self.dom_cols = ix, key, sb_cols, dom_cols
        self.all = all_cols
        self.doms_keys = {dom.key for _, dom in h.bridges6}
        #: the bridges by prefix length, then by the subnet's prefix; and the sorted prefixes
        self.bridges: dict[int, dict[int, list[Domain]]] = {}
        self.sorted: dict[int, list[int]] = {}
        for subnet, dom in h.bridges6:
            p = subnet.prefixlen
            self.bridges.setdefault(p, {}).setdefault(
                int(subnet.network_address) >> (128 - p), []).append(dom)
        for p, table in self.bridges.items():
            self.sorted[p] = sorted(table)
        #: accepting sandboxes (by id) holding an address on the host's bridges: which bridges
        self.doms_of: dict[int, list[str]] = {}
        self.stuck = 0  # their columns, of those without an IPv6 default route via a bridge
        #: the stuck ones' columns by the subnets of their interfaces (prefix length, prefix)
        self.rescue: dict[int, dict[int, int]] = {}
        for _, dom in h.bridges6:
            for owner in dom.owners6.values():
                t = owner.iface6
                if t is None or not (key is None or key in t.sandbox.listening):
                    continue
                t_id = id(t.sandbox)
                if t_id in self.doms_of:
                    self.doms_of[t_id].append(dom.key)
                    continue
                self.doms_of[t_id] = [dom.key]
                gw = t.sandbox.default6
                if gw is not None and ix.domains[gw.domain].kind == "bridge":
                    continue
                cols = sb_cols[t_id]
                self.stuck |= cols
                for i in t.sandbox.ifaces6:
                    p = i.subnet.prefixlen
                    by_prefix = self.rescue.setdefault(p, {})
                    prefix = int(i.subnet.network_address) >> (128 - p)
                    by_prefix[prefix] = by_prefix.get(prefix, 0) | cols
        self._drops: dict[tuple[int, ...], int] = {}

    def overlapping(self, subnets: Sequence[IPv6Net]) -> list[Domain]:
        """The host's bridges whose IPv6 subnet overlaps one of ``subnets`` (one contains the
        other: ``IPv6Network.overlaps``), each once."""
        found: dict[str, Domain] = {}
        for s in subnets:
            ps, net = s.prefixlen, int(s.network_address)
            for p, table in self.bridges.items():
                if p <= ps:  # the bridge's subnet holds s
                    for dom in table.get(net >> (128 - p), ()):
                        found[dom.key] = dom
                    continue
                keys = self.sorted[p]  # s holds the bridge's subnet
                lo = net >> (128 - p)
                hi = lo + (1 << (p - ps))
                for k in keys[bisect.bisect_left(keys, lo):bisect.bisect_left(keys, hi)]:
                    for dom in table[k]:
                        found[dom.key] = dom
        return list(found.values())

    def drop(self, src: IPv6) -> int:
        """The stuck containers' columns which have no route back to ``src``."""
        if not self.stuck:
            return 0
        value = int(src)
        sig = tuple(value >> (128 - p) for p in self.rescue)
        bits = self._drops.get(sig)
        if bits is None:
            rescued = 0
            for p, table in self.rescue.items():
                rescued |= table.get(value >> (128 - p), 0)
            bits = self._drops[sig] = self.stuck & ~rescued
        return bits

    def row(self, sb: Sandbox, gw: Iface6, onlink: list[Domain], bits: int,
            listens: bool) -> int:
        """The row of ``sb``, whose IPv6 default route is ``gw`` (a bridge of this host):
        ``bits`` what it reaches on-link beyond ``onlink`` (whole bridges)."""
        ix, key, sb_cols = self.ix, self.key, self.sb_cols
        own = [i.subnet for i in sb.ifaces6]
        src = gw.ip
        over = self.overlapping(own)
        covered = {dom.key for dom in onlink}
        over_keys = {dom.key for dom in over}
        # the bridges overlapping its subnets: only the addresses outside them, one by one;
        # those only on such bridges are not reached through the host (``hidden``)
        hidden = 0
        for dom in over:
            if dom.key in covered:
                continue  # (reached on-link: all of its columns are in the row)
            for ip, owner in dom.owners6.items():
                target = owner.iface6
                if target is None or not (key is None or key in target.sandbox.listening):
                    continue
                t = target.sandbox
                cols = sb_cols[id(t)]
                if not any(ip in s for s in own) and routes_back6(ix, t, src):
                    bits |= cols
                if all(k in over_keys for k in self.doms_of[id(t)]):
                    hidden |= cols
        drop = self.drop(src)
        through = self.all
        if hidden or drop:
            through &= ~(hidden | drop)
            for dom in onlink:
                bits |= self.dom_cols[dom.key]
            if listens:
                bits |= sb_cols[id(sb)]
        else:  # the on-link bridges of this host are in ``through`` already
            for dom in onlink:
                if dom.key not in self.doms_keys:
                    bits |= self.dom_cols[dom.key]
            if listens and id(sb) not in self.doms_of:
                bits |= sb_cols[id(sb)]
        return through | bits if bits else through


def _segment_cols(dom: Domain, i: Iface6, key: str | None, sb_cols: Mapping[int, int]) -> int:
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
