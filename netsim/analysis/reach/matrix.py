"""Who reaches whom, all pairs at once: :func:`matrix`, a :class:`Matrix` of ``.`` and ``X``.

Computed from the topology index (:mod:`netsim.analysis.index`) with sets (Python ints as
bitsets), never a path search per pair; tests check that it equals
:func:`netsim.analysis.reach.reach` cell by cell and the path search over
:func:`netsim.analysis.graph.forwarding` (:func:`forwarding_pairs` gives its node ids).
"""

from __future__ import annotations

import ipaddress
import json
import re
from collections import ChainMap
from collections.abc import Callable, Iterable, Iterator, Mapping, MutableMapping, Sequence
from functools import partial
from typing import Any, BinaryIO, Literal, overload

from pydantic import BaseModel, ConfigDict, PrivateAttr

from netsim.analysis.graph import host_node, sandbox_source
from netsim.analysis.index import (
    Domain,
    HostNs,
    Sandbox,
    TopologyIndex,
    private_pair,
    topology_index,
)
from netsim.analysis.reach.columns import SandboxColumns, bitset, sandbox_cols
from netsim.analysis.reach.matrix6 import rows6
from netsim.analysis.reach.trace import Proto
from netsim.state import ContainerState, State, gc_paused

__all__ = ["Matrix", "MatrixParts", "container_labels", "forwarding_pairs", "matrix"]


#: a row's bits as cells: 1 reaches ('.'), 0 does not ('X')
_CELLS = str.maketrans("01", "X.")
_X, _DOT = ord("X"), ord(".")
_NEXT_ROW = b',\n  "'  # what comes before a JSON row but the first
_QUOTE, _NEWLINE = ord('"'), ord("\n")
#: a part of a matrix row (MatrixParts.resolve): ("sb", id) a namespace's columns, ("dom",
#: key) an L2 domain's, ("host", name) a host's host-mode containers', ("lan", name) what a
#: process of a host reaches on the LAN, ("bridges", name) on its bridges; or columns as an int
Term = tuple[str, Any] | int
#: Matrix.write's buffer (the size of the pipe netsim matrix asks for: io.pipes.widen_pipe)
_WRITE_SIZE = 1 << 20
#: cells from which Matrix.write writes from a second thread (a few seconds of output)
_THREADED_AT = 1 << 28

#: MatrixParts.draw sets a term's columns one by one up to one in this many of the row's,
#: through a mask of the row's width past that (a mask's pass costs as much as setting some
#: thirty columns one by one)
_DENSE_SHARE = 32

#: rows at least this wide are rendered with numpy (matplotlib's dependency, so netsim's)
_NUMPY_AT = 4096


def _draw(ones: Any, cells: Any) -> None:
    """A row's bits (numpy, one a byte) as its ASCII cells into ``cells``: 1 is '.', 0 'X'
    (X + bit * (. - X), modulo 256, in place)."""
    import numpy as np

    np.multiply(ones, (_DOT - _X) & 0xFF, out=cells, casting="unsafe")
    np.add(cells, _X, out=cells, casting="unsafe")


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Matrix(_Frozen):
    """Who reaches whom: rows are sources, columns destination containers; ``.`` reaches.
    ``family`` 6: at the containers' IPv6 addresses."""

    sources: tuple[str, ...]
    destinations: tuple[str, ...]
    port: int | None
    proto: Proto
    family: Literal[4, 6] = 4
    _rows: Sequence[int] = PrivateAttr(default_factory=list)

    def reaches(self, src: str, dst: str) -> bool:
        i, j = self.sources.index(src), self.destinations.index(dst)
        return bool(self._rows[i] >> j & 1)

    def row(self, src: str) -> str:
        return self._row(self._rows[self.sources.index(src)])

    def _row(self, bits: int) -> str:
        n = len(self.destinations)
        return format(bits, f"0{n}b")[::-1].translate(_CELLS) if n else ""

    def rows(self) -> Iterator[tuple[str, str]]:
        n = len(self.destinations)
        if n < _NUMPY_AT:
            for name, bits in zip(self.sources, self._rows, strict=True):
                yield name, self._row(bits)
            return
        import numpy as np

        cells = np.empty(n, dtype=np.uint8)
        for name, draw in zip(self.sources, self._drawers(), strict=True):
            draw(cells)
            yield name, cells.tobytes().decode("ascii")

    def _drawers(self) -> Iterator[Callable[[Any], None]]:
        """For each row, what draws its cells into a numpy array of ``n`` bytes: a lazy
        matrix's from its terms (MatrixParts.draw: no bitset made, packed or unpacked), else
        its int's bits, one a byte, through :func:`_draw` (7x faster than str.format and
        str.translate: 21 against 143 µs a row of 100,000 columns, measured alone)."""
        import numpy as np

        rows = self._rows
        if isinstance(rows, _LazyRows):
            yield from rows.drawers()
            return
        n = len(self.destinations)
        size = (n + 7) // 8
        for bits in rows:
            ones = np.unpackbits(np.frombuffer(bits.to_bytes(size, "little"), dtype=np.uint8),
                                 count=n, bitorder="little")
            yield partial(_draw, ones)

    def text(self, *, as_json: bool = False) -> Iterator[str]:
        """What :meth:`write` writes, as str pieces: :meth:`lines` each ending in a newline,
        or :meth:`json_chunks` and a newline."""
        if as_json:
            yield from self.json_chunks()
            yield "\n"
            return
        for line in self.lines():
            yield line + "\n"

    def write(self, out: BinaryIO, *, as_json: bool = False) -> None:
        """Write :meth:`lines` (each ending in a newline) or :meth:`to_json` and a newline to
        ``out``, as ASCII bytes: what ``netsim matrix`` prints. Wide rows are drawn straight
        into a buffer of about 1 MiB, written when full: no str of 100 KB made, encoded and
        copied per row; a lazy matrix's rows are drawn from their terms (MatrixParts.draw).
        100,000 rows of 100,000 cells to /dev/null: 7.0 s through json_chunks and a text file,
        4.2-4.6 s this way with the rows as packed bytes, 3.1-3.8 s drawn from their terms
        (measured 2026-12-05)."""
        n = len(self.destinations)
        if n < _NUMPY_AT or not self.sources:
            for chunk in self.text(as_json=as_json):
                out.write(chunk.encode())
            return
        import numpy as np

        width = max(len(s) for s in self.sources)
        if as_json:  # the header, then '\n  "' row '"', ',\n  "' row '"' … as json_chunks
            out.write(next(self.json_chunks()).encode())
            tail, footer = _QUOTE, b"\n ]\n}\n"
        else:
            lines = self.lines()
            out.write(next(lines).encode() + b"\n" + next(lines).encode() + b"\n")
            tail = _NEWLINE
            footer = ("columns: " + "  ".join(
                f"{i}={d}" for i, d in enumerate(self.destinations))).encode() + b"\n"
        from netsim.io.pipes import BufferedSink

        size = max(_WRITE_SIZE, width * 4 + n + 8)
        sink = BufferedSink(out, [np.empty(size, dtype=np.uint8) for _ in range(3)],
                            threaded=len(self.sources) * n >= _THREADED_AT)
        try:
            buf = sink.take()
            used = 0
            for i, (name, draw) in enumerate(zip(self.sources, self._drawers(), strict=True)):
                head = (_NEXT_ROW[1:] if i == 0 else _NEXT_ROW) if as_json else \
                    f"{name:<{width}}  ".encode()
                if used + len(head) + n + 1 > size:
                    sink.put(buf, used)
                    buf = sink.take()
                    used = 0
                buf[used:used + len(head)] = np.frombuffer(head, dtype=np.uint8)
                used += len(head)
                draw(buf[used:used + n])
                buf[used + n] = tail
                used += n + 1
            sink.put(buf, used)
        except BaseException:
            sink.abandon()
            raise
        sink.close()
        out.write(footer)

    @property
    def count(self) -> int:
        return sum(r.bit_count() for r in self._rows)

    def lines(self) -> Iterator[str]:
        """The text table, line by line (what ``netsim matrix`` streams out)."""
        width = max((len(s) for s in self.sources), default=0)
        over = " over IPv6" if self.family == 6 else ""
        yield (f"who reaches whom{over} ({self.port}/{self.proto})" if self.port else
               f"who reaches whom{over} (ping)")
        yield " " * width + "  " + "".join(f"{i % 10}" for i in range(len(self.destinations)))
        for name, row in self.rows():
            yield f"{name:<{width}}  {row}"
        yield "columns: " + "  ".join(f"{i}={d}" for i, d in enumerate(self.destinations))

    def json_chunks(self) -> Iterator[str]:
        """:meth:`to_json`'s text in pieces, one row at a time."""
        family = ' "family": 6,\n' if self.family == 6 else ""
        yield (f'{{\n "port": {json.dumps(self.port)},\n "proto": {json.dumps(self.proto)},\n'
               f'{family} "sources": {json.dumps(list(self.sources))},\n'
               f' "destinations": {json.dumps(list(self.destinations))},\n "rows": [')
        for i, (_, row) in enumerate(self.rows()):  # '.' and 'X' only: no escapes
            yield ("\n  \"" if i == 0 else ",\n  \"") + row + '"'
        yield "\n ]\n}" if self.sources else "]\n}"

    def __str__(self) -> str:
        return "\n".join(self.lines())

    def _repr_html_(self) -> str:
        from html import escape

        head = "".join(f"<th>{escape(d)}</th>" for d in self.destinations)
        body = "".join(
            f"<tr><th>{escape(n)}</th>" + "".join(
                f"<td style='color:{'#1a7f37' if ch == '.' else '#cf222e'}'>{ch}</td>"
                for ch in row) + "</tr>" for n, row in self.rows())
        return f"<table><tr><th></th>{head}</tr>{body}</table>"

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"port": self.port, "proto": self.proto}
        if self.family == 6:
            out["family"] = 6
        return {**out, "sources": list(self.sources), "destinations": list(self.destinations),
                "rows": [row for _, row in self.rows()]}

    def to_json(self) -> str:
        return "".join(self.json_chunks())


def _natural(text: str) -> list[Any]:
    return [int(t) if t.isdigit() else t for t in _DIGITS.split(text)]


_DIGITS = re.compile(r"(\d+)")


def container_labels(state: State) -> list[tuple[str, str, ContainerState]]:
    """Every container as (label, host, container), labelled HOST/NAME when names repeat."""
    seen: dict[str, int] = {}
    for c in state.containers():
        seen[c.name] = seen.get(c.name, 0) + 1
    out = []
    for hname, hs in state.hosts.items():
        for c in hs.containers.values():
            out.append((c.name if seen[c.name] == 1 else f"{hname}/{c.name}", hname, c))
    out.sort(key=lambda t: _natural(t[0]))
    return out


def matrix(state: State, *, port: int | None = None, proto: Proto | None = None,
           vantage: bool = True, family: Literal[4, 6] = 4) -> Matrix:
    """All pairs at once, from sets of network members (no path search per pair).

    Rows: every container, then (with ``vantage``) ``@HOST`` for each Docker host, ``@lan`` and
    ``@internet``. Columns: every container. A cell is ``.`` exactly when :func:`reach` from the
    row to the column with ``family=4`` delivers (for ``port``: connects): the IPv4 matrix stays
    IPv4-only, so a container without an IPv4 address is never reached there, although
    :func:`reach` without ``family`` reaches it by name over IPv6 (name.ipv6); ``family=6``:
    :func:`reach` with ``family=6``, to the containers' IPv6 addresses (a container without one
    is never reached: :mod:`netsim.analysis.reach.matrix6`).
    """
    with gc_paused():
        return _matrix(state, port, proto, vantage, family)


def _matrix(state: State, port: int | None, proto: Proto | None, vantage: bool,
            family: Literal[4, 6] = 4) -> Matrix:
    p: Proto = proto or ("tcp" if port is not None else "icmp")
    if p == "icmp":
        port = None
    ix = topology_index(state)
    labels = container_labels(state)
    col_of: dict[tuple[str, str], int] = {(h, c.name): j for j, (_, h, c) in enumerate(labels)}
    if family == 6:
        key = f"{port}/{p}" if port is not None else None
        sb_cols = SandboxColumns.of(ix.sandboxes, col_of)
        sources6, rows6_ = rows6(ix, labels, sb_cols, key, vantage)
        m6 = Matrix(sources=tuple(sources6), destinations=tuple(t[0] for t in labels),
                    port=port, proto=p, family=6)
        m6._rows = rows6_
        return m6
    parts = MatrixParts.build(ix, port, p, col_of)
    makers: list[Callable[[], list[Term]]] = []
    sources: list[str] = []
    for label, hname, c in labels:
        sources.append(label)
        makers.append(partial(parts.row_terms, hname, c))
    if vantage:
        for h in ix.hosts.values():
            sources.append(f"@{h.name}")
            makers.append(partial(parts.host_terms, h.name))
        sources.append("@lan")
        makers.append(lambda: [parts.lan_row()])
        sources.append("@internet")
        makers.append(lambda: [parts.internet_row()])
    m = Matrix(sources=tuple(sources), destinations=tuple(t[0] for t in labels), port=port,
               proto=p)
    m._rows = (_LazyRows(parts, makers) if len(labels) >= _LAZY_AT
               else [parts.resolve(make()) for make in makers])
    return m


#: from this many columns (where rows are drawn with numpy: _NUMPY_AT) a matrix's rows are
#: made when read, not kept: 100,000 rows of 100,000 bits are 1.25 GB (measured:
#: bench/scale.py), netsim matrix reads each once, and drawn from their terms
#: (MatrixParts.draw) they are written out sooner than resolved to ints first (10,000: 2.62
#: against 2.55 s end to end, at 20,000 before)
_LAZY_AT = 4096


class _LazyRows(Sequence[int]):
    """A matrix's rows, each made again whenever it is read (a wide matrix is streamed out):
    from what each is the union of (:data:`Term`), as an int or into numpy bytes."""

    def __init__(self, parts: MatrixParts, makers: list[Callable[[], list[Term]]]) -> None:
        self.parts = parts
        self._makers = makers

    def __len__(self) -> int:
        return len(self._makers)

    @overload
    def __getitem__(self, i: int) -> int: ...

    @overload
    def __getitem__(self, i: slice) -> list[int]: ...

    def __getitem__(self, i: int | slice) -> int | list[int]:
        if isinstance(i, slice):
            return [self.parts.resolve(make()) for make in self._makers[i]]
        return self.parts.resolve(self._makers[i]())

    def __iter__(self) -> Iterator[int]:
        return (self.parts.resolve(make()) for make in self._makers)

    def drawers(self) -> Iterator[Callable[[Any], None]]:
        """For each row, what draws its cells (MatrixParts.draw) into a numpy array."""
        for make in self._makers:
            yield partial(self._draw, make)

    def _draw(self, make: Callable[[], list[Term]], cells: Any) -> None:
        self.parts.draw(make(), cells)


class _DomainColumns(MutableMapping[str, int]):
    """Each L2 domain's columns (MatrixParts.domain_bits), made when first asked: writing a
    wide matrix out asks for none (MatrixParts.draw sets the domains' column numbers). Made
    at once, 10,000 domains of 100,000 columns took 0.35-1.5 s (bench/scale.py)."""

    def __init__(self, parts: MatrixParts) -> None:
        self._parts = parts
        self._made: dict[str, int] = {}

    def __getitem__(self, key: str) -> int:
        found = self._made.get(key)
        if found is None:
            parts = self._parts
            found = self._made[key] = parts.domain_bits(parts.ix.domains[key])
        return found

    def __setitem__(self, key: str, value: int) -> None:
        self._made[key] = value

    def __delitem__(self, key: str) -> None:
        del self._made[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._parts.ix.domains)

    def __len__(self) -> int:
        return len(self._parts.ix.domains)


class MatrixParts:
    """What the IPv4 matrix's rows are made of, for one topology index and one numbering of
    the columns (each container's bit, ``col_of``): each namespace's columns (by ``id``), each
    L2 domain's (its members that accept: ``key``), each host's host-mode containers', each
    host's bridges', and what a process of each host reaches on the LAN.

    :func:`matrix` builds them once (:meth:`build`) and asks for each row (:meth:`row`,
    :meth:`host_row`, :meth:`lan_row`, :meth:`internet_row`). ``netsim whatif`` keeps one
    numbering across two States of one setup and :meth:`derived` makes the second State's
    parts from the first's, recomputing only the domains and namespaces that changed.
    """

    def __init__(self, ix: TopologyIndex, port: int | None, proto: Proto,
                 col_of: Mapping[tuple[str, str], int], sb_cols: SandboxColumns) -> None:
        self.ix = ix
        self.port = port
        self.proto = proto
        #: the ``PORT/PROTO`` a destination must listen on (None: ping)
        self.key = f"{port}/{proto}" if port is not None else None
        self.col_of = col_of
        self.sb_cols = sb_cols
        self.dom_cols: MutableMapping[str, int] = {}
        self.host_cols: dict[str, int] = {}
        self.host_bridge_cols: Mapping[str, int] = {}
        self.lan_from: dict[str, int] = {}
        #: :meth:`draw`'s columns of each named term (a mask, or their numbers)
        self._cells: dict[Term, tuple[bool, Any]] = {}
        self._subnets = _Subnets(ix.lan.subnet)

    @classmethod
    def build(cls, ix: TopologyIndex, port: int | None, proto: Proto,
              col_of: Mapping[tuple[str, str], int]) -> MatrixParts:
        """The parts of index ``ix``'s matrix, columns numbered by ``col_of``."""
        parts = cls(ix, port, proto, col_of, SandboxColumns.of(ix.sandboxes, col_of))
        parts.dom_cols = _DomainColumns(parts)
        parts.host_cols = parts._host_cols()
        width = len(col_of)
        parts.host_bridge_cols = {
            h.name: bitset([j for _, d in h.bridges for j in parts.domain_numbers(d)], width)
            for h in ix.hosts.values()}
        parts.lan_from = {h: parts.lan_cols(h) for h in ix.hosts}
        return parts

    def derived(self, ix: TopologyIndex, col_of: Mapping[tuple[str, str], int],
                domains: Iterable[str], sandboxes: Iterable[Sandbox]) -> MatrixParts:
        """The parts of ``ix``, the index of a later State of the same setup (numbered by
        ``col_of``, which keeps every column of this numbering), in which only the domains
        ``domains`` (keys) and the namespaces ``sandboxes`` are new: the rest is this one's."""
        made = {id(sb): sandbox_cols(sb, col_of) for sb in sandboxes}
        parts = MatrixParts(ix, self.port, self.proto, col_of, self.sb_cols.with_new(made))
        changed = {k for k in domains if k in ix.domains}
        parts.dom_cols = ChainMap({k: parts.domain_bits(ix.domains[k]) for k in changed},
                                  self.dom_cols)
        parts.host_cols = parts._host_cols()
        bridges: dict[str, int] = {}
        for h in ix.hosts.values():
            if h is self.ix.hosts.get(h.name) and not any(
                    k.startswith(f"bridge:{h.name}/") for k in changed):
                bridges[h.name] = self.host_bridge_cols[h.name]
            else:
                bridges[h.name] = parts._bridge_bits(h)
        parts.host_bridge_cols = bridges
        if "lan" in changed or parts.host_cols != self.host_cols:
            parts.lan_from = {h: parts.lan_cols(h) for h in ix.hosts}
        else:
            parts.lan_from = self.lan_from
        return parts

    def domain_bits(self, dom: Domain) -> int:
        """The columns whose container holds an address on ``dom`` (and accepts)."""
        return bitset(self.domain_numbers(dom), len(self.col_of))

    def domain_numbers(self, dom: Domain) -> list[int]:
        """:meth:`domain_bits`' column numbers."""
        numbers: list[int] = []
        key, of = self.key, self.sb_cols.numbers
        for owner in dom.owners.values():
            if owner.iface is not None:
                sb = owner.iface.sandbox
                if key is None or key in sb.listening:
                    numbers.extend(of(id(sb)))
        return numbers

    def _host_cols(self) -> dict[str, int]:
        """Host-mode containers of each host (their address is the host's LAN address)."""
        ix, col_of = self.ix, self.col_of
        out: dict[str, int] = {}
        for h in ix.hosts.values():
            bits = 0
            if h.lan_ip is not None and ix.host_accepts(h, h.lan_ip, self.port, self.proto):
                for c in h.host_mode:
                    bits |= 1 << col_of[(h.name, c.name)]
            out[h.name] = bits
        return out

    def _bridge_bits(self, h: HostNs) -> int:
        """What host ``h`` reaches on-link: the members of its bridges."""
        dom_cols = self.dom_cols
        return _or(dom_cols[d.key] for _, d in h.bridges)

    def lan_cols(self, exclude_host: str | None,
                 onlink: Sequence[ipaddress.IPv4Network] = ()) -> int:
        """Columns reachable on the LAN segment: other hosts' macvlan children and host-mode
        containers of other hosts (not those of ``exclude_host``: macvlan isolation), except
        addresses the source reaches on-link through one of its own interfaces."""
        ix, key, sb_cols, host_cols = self.ix, self.key, self.sb_cols, self.host_cols
        bits = 0
        for ip, owner in ix.domains["lan"].owners.items():
            if onlink and any(ip in subnet for subnet in onlink):
                continue
            if owner.kind == "iface" and owner.iface is not None:
                sb = owner.iface.sandbox
                if sb.host != exclude_host and ip in ix.lan.subnet and (
                        key is None or key in sb.listening):
                    bits |= sb_cols[id(sb)]
            elif owner.kind == "host" and owner.host is not None and owner.host != exclude_host:
                bits |= host_cols[owner.host]
        return bits

    def row(self, hname: str, c: ContainerState) -> int:
        """The row of container ``c`` of host ``hname``."""
        return self.resolve(self.row_terms(hname, c))

    def row_terms(self, hname: str, c: ContainerState) -> list[Term]:
        """What the row of container ``c`` of host ``hname`` is the union of."""
        ix = self.ix
        if not c.running:
            return []
        if (hname, c.name) in ix.host_members:
            return self.host_terms(hname)
        found = ix.sandbox_of.get((hname, c.name))
        if found is None or not found.ifaces:
            return []
        return _sandbox_terms(ix, found, self.key, self.lan_cols, self._subnets)

    def host_row(self, hname: str) -> int:
        """A process of host ``hname``: every container on its bridges, itself, and the LAN."""
        return self.resolve(self.host_terms(hname))

    def host_terms(self, hname: str) -> list[Term]:
        """What :meth:`host_row` is the union of."""
        return [("bridges", hname), ("host", hname), ("lan", hname)]

    def _named(self, kind: str, name: str) -> int:
        """A term's columns: a domain's, a host's host-mode containers', what a process of a
        host reaches on its bridges or on the LAN."""
        if kind == "dom":
            return self.dom_cols[name]
        if kind == "host":
            return self.host_cols[name]
        if kind == "lan":
            return self.lan_from[name]
        return self.host_bridge_cols[name]

    def resolve(self, terms: Iterable[Term]) -> int:
        """The union of ``terms`` (:data:`Term`)."""
        bits = 0
        for t in terms:
            if type(t) is int:
                bits |= t
            else:
                kind, name = t  # type: ignore[misc]
                bits |= self.sb_cols[name] if kind == "sb" else self._named(kind, name)
        return bits

    def draw(self, terms: Iterable[Term], cells: Any) -> None:
        """Draw the union of ``terms`` into ``cells`` (numpy bytes, one a column): ``.`` in its
        columns, ``X`` elsewhere, as :func:`_draw` does of :meth:`resolve`'s bits -- without
        them: a row is mostly a few domains of a few columns each, set where they are (a
        named term's columns are found once, kept in ``_cells``). Made as ints, then as packed
        bytes ORed and unpacked, 100,000 rows of 100,000 columns took 5.4-7.2 s to write out
        (bench/scale.py, 2026-12-05)."""
        import numpy as np

        cells.fill(_X)
        for t in terms:
            if type(t) is int:
                if t:
                    self._paint(self._cells_of_int(t, len(cells)), cells)
                continue
            kind, name = t  # type: ignore[misc]
            if kind == "sb":
                for j in self.sb_cols.numbers(name):
                    cells[j] = _DOT
                continue
            found = self._cells.get(t)
            if found is None:
                n = len(cells)
                found = self._cells[t] = (
                    self._cells_of_numbers(np.array(self.domain_numbers(self.ix.domains[name]),
                                                    dtype=np.intp), n)
                    if kind == "dom" else self._cells_of_int(self._named(kind, name), n))
            self._paint(found, cells)

    @staticmethod
    def _paint(found: tuple[bool, Any], cells: Any) -> None:
        import numpy as np

        dense, value = found
        if dense:  # '.' (46) where set, 255 elsewhere: the smaller of each pair
            np.minimum(cells, value, out=cells)
        else:
            cells[value] = _DOT

    @staticmethod
    def _cells_of_numbers(numbers: Any, n: int) -> tuple[bool, Any]:
        """Columns (a numpy array of their numbers) as :meth:`draw` sets them: past one in
        :data:`_DENSE_SHARE` of the row, a mask of the row's width (one pass), else by
        number."""
        import numpy as np

        if len(numbers) * _DENSE_SHARE <= n:
            return False, numbers
        mask = np.full(n, 255, dtype=np.uint8)
        mask[numbers] = _DOT
        return True, mask

    @classmethod
    def _cells_of_int(cls, bits: int, n: int) -> tuple[bool, Any]:
        import numpy as np

        ones = np.unpackbits(np.frombuffer(bits.to_bytes((n + 7) // 8, "little"),
                                           dtype=np.uint8), count=n, bitorder="little")
        return cls._cells_of_numbers(np.flatnonzero(ones), n)

    def lan_row(self) -> int:
        """``@lan``: what a machine on the LAN reaches."""
        return self.lan_cols(None)

    def internet_row(self) -> int:
        """``@internet``: the host-mode containers (at their hosts' addresses)."""
        return _or(self.host_cols.values())


def _or(values: Iterable[int]) -> int:
    bits = 0
    for v in values:
        bits |= v
    return bits


class _Subnets:
    """Of each subnet an interface holds: a key equal where the subnets are (its number and
    prefix length), and whether it overlaps the LAN's (by that key). Asked for every row:
    ipaddress's ``==``, ``hash`` and ``overlaps`` are Python, a third of a row's making at
    100,000 columns (measured)."""

    def __init__(self, lan: ipaddress.IPv4Network) -> None:
        self.lan = lan
        self._on_lan: dict[tuple[int, int], bool] = {}

    def of(self, subnet: ipaddress.IPv4Network) -> tuple[tuple[int, int], bool]:
        key = (int(subnet.network_address), subnet.prefixlen)
        found = self._on_lan.get(key)
        if found is None:
            found = self._on_lan[key] = subnet.overlaps(self.lan)
        return key, found


def _sandbox_terms(ix: TopologyIndex, sb: Sandbox, key: str | None,
                   lan_cols: Callable[[str | None, Sequence[ipaddress.IPv4Network]], int],
                   subnets: _Subnets) -> list[Term]:
    """What the row of namespace ``sb`` is the union of (:data:`Term`)."""
    terms: list[Term] = []
    if key is None or key in sb.listening:
        terms.append(("sb", id(sb)))  # its own addresses
    ifaces = sb.ifaces
    keys = [subnets.of(i.subnet)[0] for i in ifaces] if len(ifaces) > 1 else []
    for n, i in enumerate(ifaces):
        # on-link: the first interface whose subnet holds the address wins (kernel order)
        dom = ix.domains[i.domain]
        if n and keys[n] in keys[:n]:
            continue
        if dom.kind == "bridge":
            assert dom.net is not None
            if dom.net.icc:
                terms.append(("dom", dom.key))
            elif key is not None:
                terms.extend(_linked_terms(sb, dom, key))
        elif dom.kind in ("l3", "overlay"):
            terms.append(("dom", dom.key))
        else:  # a macvlan/ipvlan l2 segment (maybe the LAN itself)
            for ip, owner in dom.owners.items():
                if ip not in i.subnet:
                    continue
                if owner.kind == "iface" and owner.iface is not None:
                    other = owner.iface.sandbox
                    if private_pair(i, owner.iface):
                        continue  # macvlan.private
                    if key is None or key in other.listening:
                        terms.append(("sb", id(other)))
                elif owner.kind == "host" and owner.host is not None and owner.host != sb.host:
                    terms.append(("host", owner.host))
    gw = sb.default
    if gw is None or ix.domains[gw.domain].kind != "bridge":
        return terms
    # through the host: its own LAN address (host-mode containers) and, masqueraded, the LAN;
    # but an address inside one of the sandbox's own subnets goes out on-link instead
    onlink = [i.subnet for i in ifaces if subnets.of(i.subnet)[1]]
    lan_ip = ix.hosts[sb.host].lan_ip
    if lan_ip is None or not any(lan_ip in subnet for subnet in onlink):
        terms.append(("host", sb.host))
    if gw.net.masquerade:
        terms.append(lan_cols(sb.host, onlink) if onlink else ("lan", sb.host))
    return terms


def _linked_terms(sb: Sandbox, dom: Domain, key: str) -> Iterator[Term]:
    """With ICC off, legacy links still open the linked container's exposed ports."""
    me = sb.containers[0]
    for owner in dom.owners.values():
        if owner.iface is None or owner.iface.sandbox is sb:
            continue
        other = owner.iface.sandbox
        them = other.containers[0]
        if key not in other.listening:
            continue
        mine = any(t == them.name for t, _ in me.legacy_links)
        theirs = any(t == me.name for t, _ in them.legacy_links)
        target = them if mine else me
        if (mine or theirs) and key in target.exposed_ports:
            yield ("sb", id(other))


def forwarding_pairs(state: State) -> list[tuple[str, str]]:
    """(source, destination) pairs of the ICMP matrix as graph node ids, for cross-checks:
    each container as its sandbox node (a host-mode one as ``hostsrc:H`` / ``host:H``)."""
    ix = topology_index(state)
    out = []
    for label, hname, c in container_labels(state):
        del label
        if (hname, c.name) in ix.host_members:
            out.append((f"hostsrc:{hname}", host_node(hname)))
            continue
        sb = ix.sandbox_of.get((hname, c.name))
        if sb is None or not sb.ifaces or not c.running:
            out.append(("", ""))
        else:
            out.append((sandbox_source(hname, sb.name), sb.node))
    return out
