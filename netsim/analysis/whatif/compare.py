"""Two States of one setup compared where they can differ: :class:`Baseline` (the first
State's side, computed once) and :func:`compare`.

The second State must come from the first by commands on a fork of its engine
(:mod:`netsim.daemon.fork`): every container and network the commands did not touch is then
the very same object in both, and the caller names the ones that differ (by identity). From
there:

* the second State's topology index is derived from the first's
  (:meth:`netsim.analysis.index.TopologyIndex.updated`): only the namespaces of the touched
  containers (and those sharing them) and the L2 domains they are on are made anew;
* the matrix's parts (:class:`netsim.analysis.reach.MatrixParts`: each namespace's, each
  domain's, each host's columns) are derived the same way, with one numbering of the
  columns for both States (the first State's containers, then the new ones);
* a row can differ only where one of its parts does (a row is a function of its namespace,
  the domains it is on, its host's host-mode containers and the LAN), so only the rows of the
  touched containers, of every member of a domain made anew and of the vantage points are
  computed on both sides; where what a host reaches changes (its host-mode containers, or
  what it reaches on the LAN), every row of its containers is (the change reaches them through
  their default route), and where the LAN or a host-mode container changes, the rows of the
  namespaces that read the LAN directly (on it, or on-link with it);
* each cell that turns over is explained on both sides by :func:`netsim.analysis.reach.reach`
  (the matrix equals it cell by cell), whose last hop's rule is the deciding one;
* the names: :mod:`netsim.analysis.whatif.names`.
"""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Iterable, Mapping

from netsim.analysis.index import Sandbox, TopologyIndex, derive_index, topology_index
from netsim.analysis.reach import MatrixParts, Proto, Trace, reach
from netsim.analysis.whatif.names import Names, name_questions
from netsim.analysis.whatif.result import NameChange, PairChange, WhatIf, natural
from netsim.errors import InputError
from netsim.state import State, gc_paused

__all__ = ["Baseline", "compare"]

Key = tuple[str, str]
#: a source: a container (host, name), or a vantage point ("@", "@HOST" / "@lan" / "@internet")
Source = tuple[str, str]


class Baseline:
    """The first State's side of every what-if asked of it, computed once: its topology
    index, its matrix's parts for ``port``/``proto`` with its containers numbered in State
    order, and the names its containers could ask (:class:`~netsim.analysis.whatif.names.
    Names`). Raises InputError for a bad port or protocol."""

    def __init__(self, state: State, *, port: int | None = None,
                 proto: str | None = None) -> None:
        if port is not None and not 0 < port < 65536:
            raise InputError("--port", "port out of range", got=str(port), accepted="1-65535")
        if proto not in (None, "tcp", "udp", "icmp"):
            raise InputError("--port", "unknown protocol", got=proto, accepted="tcp, udp")
        # (no port: ping, whatever the protocol; ``netsim matrix`` draws it so)
        p: Proto = "icmp" if port is None or proto == "icmp" else "udp" if proto == "udp" \
            else "tcp"
        self.state = state
        self.port = port if p != "icmp" else None
        self.proto: Proto = p
        self.ix = topology_index(state)
        #: the columns: every container as (host, name), in State order
        self.keys: list[Key] = [(h, n) for h, hs in state.hosts.items() for n in hs.containers]
        self.col_of: dict[Key, int] = {k: j for j, k in enumerate(self.keys)}
        with gc_paused():
            self.parts = MatrixParts.build(self.ix, self.port, p, self.col_of)
        self.names = Names(state)
        self._onlink: list[Sandbox] | None = None

    def onlink(self) -> list[Sandbox]:
        """The namespaces with an interface whose subnet overlaps the LAN's (their rows read
        who holds each LAN address: :class:`~netsim.analysis.reach.MatrixParts`), found once."""
        if self._onlink is None:
            lan = self.state.lan.subnet
            self._onlink = [sb for sb in self.ix.sandboxes
                            if any(i.subnet.overlaps(lan) for i in sb.ifaces)]
        return self._onlink


def compare(base: Baseline, after: State, containers: Iterable[Key], networks: Iterable[Key],
            *, changes: Iterable[str] = ()) -> WhatIf:
    """What differs between ``base.state`` and ``after``: the flows whose verdict turns over
    and the names whose resolution changes (see the module's docstring). ``after`` must differ
    from ``base.state`` only in ``containers`` and ``networks`` (host, name: changed, added or
    removed; every other one the very same object); ``changes`` are what made it, for the
    report."""
    touched, nets = set(containers), set(networks)
    before = base.state
    if after is before:  # (the changes changed nothing: the engine gave its State again)
        return WhatIf(tuple(changes), base.port, base.proto, (), (), (len(before.hosts) + 2, 0))
    with gc_paused():
        ix = derive_index(before, after, touched, nets)
        delta = ix.delta
        new_keys = sorted((k for k in touched if k not in base.col_of
                           and k[0] in after.hosts and k[1] in after.hosts[k[0]].containers),
                          key=lambda k: (list(after.hosts).index(k[0]), natural(k[1])))
        added = {k: len(base.keys) + i for i, k in enumerate(new_keys)}
        keys = base.keys + new_keys
        col_of: Mapping[Key, int] = ChainMap(added, base.col_of) if added else base.col_of
        if delta is not None:
            parts = base.parts.derived(ix, col_of, delta.domains, delta.sandboxes)
        else:
            parts = MatrixParts.build(ix, base.port, base.proto, col_of)
        sources = _sources(base, ix, parts, keys, delta is None)
        flips = _flips(base, after, parts, sources, keys)
    qualified = len(before.hosts) > 1
    pairs = [_explain(base, after, src, dst, qualified) for src, dst in flips]
    pairs.sort(key=lambda p: _order(before, p))
    touched_all = set(delta.containers) if delta is not None else touched
    # (the names' own test of what every client's forwarding goes through: a change of the
    # LAN or of a host-mode container reaches an upstream server only where it holds or
    # serves its address, which name_questions looks at)
    q = name_questions(base.names, before, after, base.ix, ix, touched_all, nets,
                       everyone=delta is None)
    names = [NameChange(q.label(k), k[0], name, b, a,
                        (_absence(before, k, q.label(k)), _absence(after, k, q.label(k))))
             for k, name, b, a in q.changes()]
    names.sort(key=lambda n: (natural(n.client), natural(n.name)))
    return WhatIf(tuple(changes), base.port, base.proto, tuple(pairs), tuple(names),
                  (len(sources) + len(before.hosts) + 2, q.count))


def _sources(base: Baseline, ix: TopologyIndex, parts: MatrixParts, keys: list[Key],
             everyone: bool) -> set[Key]:
    """The containers whose rows may differ: every one when ``everyone``; else the touched
    ones, every namespace on a domain made anew (on a segment other than a bridge, owner of
    its address or not: there an address may be held twice), a host's containers when what
    the host itself reaches changed (its host-mode containers, or what it reaches on the
    LAN: a bridge's container goes out through it), and, when the LAN or a host-mode
    container changed, the namespaces that read the LAN directly (on it, or on-link with
    it)."""
    delta = ix.delta
    if everyone or delta is None:
        return set(keys)
    out = set(delta.containers)

    def add(sandboxes: Iterable[Sandbox]) -> None:
        for sb in sandboxes:
            out.update((sb.host, c.name) for c in sb.containers)

    def on(key: str) -> list[Sandbox]:
        """The namespaces with an interface on segment ``key``, on either side."""
        return [*base.ix.on_segment(key),
                *(sb for sb in delta.sandboxes if any(i.domain == key for i in sb.ifaces))]

    changed = _changed_domains(base, ix, parts)
    for key in changed:
        for dom in (base.ix.domains.get(key), ix.domains.get(key)):
            if dom is None:
                continue
            if dom.kind != "bridge":
                add(on(key))
                break
            add(o.iface.sandbox for o in dom.owners.values() if o.iface is not None)
    hosted = {h for h in ix.hosts if parts.host_cols[h] != base.parts.host_cols.get(h)}
    hosts = hosted | {h for h in ix.hosts if parts.lan_from[h] != base.parts.lan_from.get(h)}
    if hosts:  # (each row of a bridge's container reads its host's host_cols and lan_from)
        out.update(k for k in keys if k[0] in hosts)
    if hosted or "lan" in changed:
        # a macvlan child on the LAN reaches the other hosts' host-mode containers; a
        # namespace on-link with the LAN reads who holds each address there
        add(on("lan"))
        add(base.onlink())
        lan = ix.lan.subnet
        add(sb for sb in delta.sandboxes if any(i.subnet.overlaps(lan) for i in sb.ifaces))
    for h in ix.hosts:
        if parts.host_row(h) != base.parts.host_row(h):
            out.update(k for k in base.ix.host_members | ix.host_members if k[0] == h)
    return out


def _changed_domains(base: Baseline, ix: TopologyIndex, parts: MatrixParts) -> list[str]:
    """The domains made anew whose members' rows may differ: a bridge made anew only because a
    member's namespace was (same network, same columns: the rows of its other members read
    nothing else, unless ICC is off and a port is asked: legacy links) is left out."""
    assert ix.delta is not None
    out = []
    for key in ix.delta.domains:
        old, new = base.ix.domains.get(key), ix.domains.get(key)
        if (old is None or new is None or new.kind != "bridge" or new.net is not old.net
                or new.net is None or (parts.key is not None and not new.net.icc)
                or parts.dom_cols[key] != base.parts.dom_cols[key]):
            out.append(key)
    return out


def _flips(base: Baseline, after: State, parts: MatrixParts, sources: set[Key],
           keys: list[Key]) -> list[tuple[Source, Key]]:
    """Each (source, destination) whose cell differs."""
    before = base.state
    out: list[tuple[Source, Key]] = []

    def cells(src: Source, x: int) -> None:
        while x:
            low = x & -x
            dst = keys[low.bit_length() - 1]
            if dst != src:  # (a container to itself: not a pair)
                out.append((src, dst))
            x ^= low

    for h, n in sources:
        cb = before.hosts[h].containers.get(n) if h in before.hosts else None
        ca = after.hosts[h].containers.get(n) if h in after.hosts else None
        rb = base.parts.row(h, cb) if cb is not None else 0
        ra = parts.row(h, ca) if ca is not None else 0
        cells((h, n), rb ^ ra)
    for h in before.hosts:
        cells(("@", f"@{h}"), base.parts.host_row(h) ^ parts.host_row(h))
    cells(("@", "@lan"), base.parts.lan_row() ^ parts.lan_row())
    cells(("@", "@internet"), base.parts.internet_row() ^ parts.internet_row())
    return out


def _absence(state: State, key: Key, label: str) -> str:
    """Why a client asks nothing on a side: it does not exist, or does not run."""
    hs = state.hosts.get(key[0])
    c = hs.containers.get(key[1]) if hs is not None else None
    return f"{label} does not exist" if c is None else f"{label} does not run"


def _label(key: Source, qualified: bool) -> str:
    return key[1] if key[0] == "@" or not qualified else f"{key[0]}/{key[1]}"


def _exists(state: State, key: Source) -> bool:
    return key[0] == "@" or (key[0] in state.hosts and key[1] in state.hosts[key[0]].containers)


def _explain(base: Baseline, after: State, src: Source, dst: Key,
             qualified: bool) -> PairChange:
    """The trace of one flow that turns over, on each side where both ends exist."""
    s, d = _label(src, qualified), _label(dst, qualified)
    traces: list[Trace | None] = []
    missing: list[str] = []
    for state in (base.state, after):
        gone = [label for key, label in ((src, s), (dst, d)) if not _exists(state, key)]
        missing.append(gone[0] if gone else "")
        traces.append(None if gone else reach(state, s, d, port=base.port, proto=base.proto,
                                              family=4))
    src_host = src[0] if src[0] != "@" else (src[1][1:] if src[1][1:] in base.state.hosts
                                             else None)
    return PairChange(s, src_host, d, dst[0], traces[0], traces[1], (missing[0], missing[1]))


def _order(state: State, p: PairChange) -> tuple[object, ...]:
    """Containers first (natural order), then ``@HOST`` in the hosts' order, ``@lan``,
    ``@internet``; then the destination."""
    if not p.src.startswith("@"):
        rank: tuple[object, ...] = (0, natural(p.src))
    elif p.src == "@lan":
        rank = (2,)
    elif p.src == "@internet":
        rank = (3,)
    else:
        hosts = list(state.hosts)
        rank = (1, hosts.index(p.src[1:]) if p.src[1:] in hosts else len(hosts))
    return rank, natural(p.dst)
