"""What a what-if answers: the flows whose verdict turns over (:class:`PairChange`), the names
whose resolution changes (:class:`NameChange`), and the whole answer (:class:`WhatIf`), each a
frozen value with two faces: ``str()`` the text ``netsim whatif`` prints, ``to_dict()`` its
JSON (the shape is documented on :meth:`WhatIf.to_dict`).

A side of a change is ``before`` (the setup as the script left it) or ``after`` (with the
changes). The words are ``netsim diff``'s: a flow is *reachable* or *not reachable*, with its
disposition and the id of the rule that decided it (:func:`netsim.analysis.diff.deciding_rule`,
the last hop's); a name resolves to its addresses, with the rule of the DNS answer.
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass
from html import escape
from typing import Any

from netsim.analysis.diff import deciding_rule
from netsim.analysis.dns import DnsAnswer
from netsim.analysis.reach import Proto, Trace

__all__ = ["NameChange", "PairChange", "WhatIf", "natural"]


def natural(text: str) -> tuple[tuple[int, int | str], ...]:
    """Natural order (``web2`` before ``web10``), as every listing of netsim sorts names."""
    return tuple((0, int(t)) if t.isdigit() else (1, t) for t in re.split(r"(\d+)", text) if t)


def _verdict(t: Trace | None, missing: str) -> str:
    if t is None:
        return f"absent ({missing} does not exist)"
    word = "reachable" if t.delivered else "not reachable"
    return f"{word} [{t.disposition.value}] ({deciding_rule(t)})"


def _side(t: Trace | None, missing: str) -> dict[str, Any]:
    if t is None:
        return {"exists": False, "reaches": False, "disposition": None, "rule": None,
                "text": f"{missing} does not exist", "trace": None}
    last = t.hops[-1] if t.hops else None
    return {"exists": True, "reaches": t.delivered, "disposition": t.disposition.value,
            "rule": deciding_rule(t), "text": last.text if last else "",
            "trace": t.to_dict()}


@dataclass(frozen=True, slots=True)
class PairChange:
    """A flow whose verdict the changes turn over: from ``src`` (a container, or a vantage
    point ``@HOST``, ``@lan``, ``@internet``) to container ``dst``, with its trace on each side
    (None on a side where one of the two containers does not exist: ``missing`` says which).

    ``src_host`` is None for ``@lan`` and ``@internet``; labels are ``NAME``, or ``HOST/NAME``
    when the setup has several Docker hosts.
    """

    src: str
    src_host: str | None
    dst: str
    dst_host: str
    before: Trace | None
    after: Trace | None
    #: which container is absent on each side ("" when none is)
    missing: tuple[str, str] = ("", "")

    @property
    def reaches(self) -> tuple[bool, bool]:
        """Whether the flow is delivered before and after."""
        return (self.before is not None and self.before.delivered,
                self.after is not None and self.after.delivered)

    def line(self) -> str:
        return (f"{self.src} -> {self.dst}: before: {_verdict(self.before, self.missing[0])} "
                f"/ after: {_verdict(self.after, self.missing[1])}")

    def to_dict(self) -> dict[str, Any]:
        return {"src": self.src, "src_host": self.src_host, "dst": self.dst,
                "dst_host": self.dst_host, "before": _side(self.before, self.missing[0]),
                "after": _side(self.after, self.missing[1])}


def _addresses(a: DnsAnswer | None) -> tuple[str, ...]:
    if a is None:
        return ()

    def key(text: str) -> tuple[int, int]:
        ip = ipaddress.ip_address(text)
        return ip.version, int(ip)

    return tuple(sorted(set(a.addresses), key=key))


def _answer(a: DnsAnswer | None, why: str) -> str:
    if a is None:
        return f"asks nothing ({why})"
    found = _addresses(a)
    if found:
        return f"{', '.join(found)} ({a.rule})"
    rcode = a.rcode.value if a.rcode is not None else "no answer"
    return f"not resolved: {rcode} ({a.rule})"


def _answer_dict(a: DnsAnswer | None, why: str) -> dict[str, Any]:
    if a is None:
        return {"running": False, "addresses": [], "rcode": None, "network": None,
                "rule": None, "text": why}
    return {"running": True, "addresses": list(_addresses(a)),
            "rcode": a.rcode.value if a.rcode is not None else None, "network": a.network,
            "rule": a.rule, "text": a.reason}


@dataclass(frozen=True, slots=True)
class NameChange:
    """A name whose resolution changes for one client: what the client's resolver answers
    for ``name`` (an A query) on each side, None on a side where the client does not run.
    A resolution is the set of addresses answered (none when the name does not resolve: an
    NXDOMAIN, a SERVFAIL and no reply alike)."""

    client: str
    client_host: str
    name: str
    before: DnsAnswer | None
    after: DnsAnswer | None
    #: why the client asks nothing on a side (it does not exist, or does not run)
    missing: tuple[str, str] = ("", "")

    @property
    def addresses(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """The addresses answered before and after, in address order."""
        return _addresses(self.before), _addresses(self.after)

    def line(self) -> str:
        return (f"{self.client} asks {self.name}: before: "
                f"{_answer(self.before, self.missing[0])} / after: "
                f"{_answer(self.after, self.missing[1])}")

    def to_dict(self) -> dict[str, Any]:
        return {"client": self.client, "host": self.client_host, "name": self.name,
                "before": _answer_dict(self.before, self.missing[0]),
                "after": _answer_dict(self.after, self.missing[1])}


@dataclass(frozen=True)
class WhatIf:
    """What the changes would change: the flows whose verdict turns over and the names whose
    resolution changes, sorted (sources: containers in natural order, then ``@HOST``,
    ``@lan``, ``@internet``; then destinations; names by client, then name).

    ``changes`` are the changes as given (docker command lines, then ``--icc off NET``,
    ``--internal NET``, ``--stop C``); ``port``/``proto`` what the flows are (ping when
    ``port`` is None); ``compared`` how many sources had their row compared and how many
    (client, name) questions were asked on each side.
    """

    changes: tuple[str, ...]
    port: int | None
    proto: Proto
    reachability: tuple[PairChange, ...]
    names: tuple[NameChange, ...]
    compared: tuple[int, int] = (0, 0)

    @property
    def empty(self) -> bool:
        """Nothing changes."""
        return not self.reachability and not self.names

    def lines(self) -> list[str]:
        out = [f"what if: {c}" for c in self.changes]
        if self.reachability:
            what = f"{self.port}/{self.proto}" if self.port is not None else "ping"
            out.append(f"reachability ({what}):")
            out += [f"  {p.line()}" for p in self.reachability]
        if self.names:
            out.append("names (A):")
            out += [f"  {n.line()}" for n in self.names]
        if self.empty:
            out.append("no change in reachability or names")
        else:
            flows, names = len(self.reachability), len(self.names)
            out.append(f"{flows} flow{'s' * (flows != 1)} and {names} name"
                       f"{'s' * (names != 1)} change")
        return out

    def __str__(self) -> str:
        return "\n".join(self.lines())

    def to_dict(self) -> dict[str, Any]:
        """The JSON ``netsim whatif --json`` prints::

            {"changes": ["docker network connect front db", "--icc off back"],
             "port": null, "proto": "icmp", "empty": false,
             "reachability": [{"src", "src_host", "dst", "dst_host",
                               "before": SIDE, "after": SIDE}, …],
             "names": [{"client", "host", "name", "before": ANSWER, "after": ANSWER}, …],
             "compared": {"sources": N, "questions": N}}

        SIDE is ``{"exists", "reaches", "disposition", "rule", "text", "trace"}`` (``rule``
        the deciding rule's id, ``text`` its hop's sentence, ``trace`` the whole trace as
        ``netsim reach --json`` gives it; on a side where a container does not exist:
        ``exists`` false and the others null, ``text`` saying which). ANSWER is
        ``{"running", "addresses", "rcode", "network", "rule", "text"}`` (``running`` false,
        the others empty, where the client does not run).
        """
        return {"changes": list(self.changes), "port": self.port, "proto": self.proto,
                "empty": self.empty,
                "reachability": [p.to_dict() for p in self.reachability],
                "names": [n.to_dict() for n in self.names],
                "compared": {"sources": self.compared[0], "questions": self.compared[1]}}

    def _repr_html_(self) -> str:
        head = "".join(f"<div><b>what if:</b> <code>{escape(c)}</code></div>"
                       for c in self.changes)
        if self.empty:
            return head + "<p>no change in reachability or names</p>"
        rows = "".join(
            f"<tr><td>{escape(p.src)}</td><td>{escape(p.dst)}</td>"
            f"<td>{escape(_verdict(p.before, p.missing[0]))}</td>"
            f"<td>{escape(_verdict(p.after, p.missing[1]))}</td></tr>"
            for p in self.reachability)
        names = "".join(
            f"<tr><td>{escape(n.client)}</td><td>{escape(n.name)}</td>"
            f"<td>{escape(_answer(n.before, n.missing[0]))}</td>"
            f"<td>{escape(_answer(n.after, n.missing[1]))}</td></tr>"
            for n in self.names)
        out = head
        if rows:
            out += ("<table><tr><th>from</th><th>to</th><th>before</th><th>after</th></tr>"
                    f"{rows}</table>")
        if names:
            out += ("<table><tr><th>client</th><th>name</th><th>before</th><th>after</th>"
                    f"</tr>{names}</table>")
        return out
