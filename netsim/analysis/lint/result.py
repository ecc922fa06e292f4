"""The value ``netsim lint`` answers with: findings, each with where, why and a fix.

A :class:`Finding` is one mistake in a setup; a :class:`LintResult` is all of them, sorted by
the line of the input that introduced each (then by kind, in the order of :data:`KINDS`, then
by subject), with the two faces of every netsim result: ``str()`` the text the CLI prints,
:meth:`LintResult.to_dict` the JSON (``{"findings": [...], "count": N}``), and
``_repr_html_`` a table in Jupyter.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

__all__ = ["KINDS", "Finding", "LintResult", "natural"]

#: every kind of finding, by its stable id, with one line saying what it is; findings on one
#: line are listed in this order
KINDS: dict[str, str] = {
    "subnet-overlap": "two networks' subnets overlap (on one host, or one LAN segment)",
    "subnet-lan-overlap": "a network's subnet overlaps the hosts' LAN, or a macvlan/ipvlan "
                          "pool holds a LAN machine's address",
    "port-conflict": "two containers claim the same host address, port and protocol",
    "publish-all-interfaces": "a database or admin port published on every interface",
    "publish-host-network": "-p/-P with --network host: Docker discards them",
    "publish-internal-network": "ports published by a container that is only on --internal "
                                "networks: nothing is published",
    "internet-reachable": "a database or admin port that @internet reaches",
    "macvlan-host-isolation": "a macvlan/ipvlan container and its own host expected to talk",
    "macvlan-publish": "-p/-P on a macvlan/ipvlan container: Docker ignores them",
    "alias-mixed-images": "one network alias shared by containers of different images",
    "link-user-network": "--link on a user-defined network (legacy)",
    "default-bridge-link": "a name that resolves only through a legacy --link on the default "
                           "bridge",
    "default-bridge-dns": "a container name used from the default bridge, which has no DNS",
}


def natural(text: str) -> tuple[tuple[int, int | str], ...]:
    """Natural order (``web2`` before ``web10``), as every listing of netsim sorts names."""
    return tuple((0, int(t)) if t.isdigit() else (1, t) for t in re.split(r"(\d+)", text) if t)


@dataclass(frozen=True, slots=True)
class Finding:
    """One mistake: its kind (a key of :data:`KINDS`), where the input introduced it, what it
    is about, why it matters and how to fix it.

    ``line`` is the 1-based line of the command (or compose/scenario entry) that introduced
    it, 0 when no line is known (a ``docker inspect`` dump, a lab typed without lines);
    ``where`` says it for a reader: ``FILE:LINE``, ``FILE`` or ``line N``. ``host`` is the
    Docker host it is on.
    """

    kind: str
    line: int
    where: str
    host: str
    subject: str
    why: str
    fix: str

    @property
    def file(self) -> str:
        """The file ``where`` names (``compose.yaml`` of ``compose.yaml:4``); "" for
        ``line N`` and ``(no line)``."""
        if self.line and self.where.endswith(f":{self.line}"):
            return self.where[: -len(f":{self.line}")]
        return "" if self.line or self.where == "(no line)" else self.where

    def sort_key(self, source: str = "") -> tuple[Any, ...]:
        """Findings with a line first: those of the input ``source`` itself, then those of
        the other files it reads (a compose file a script brings up), by file; each file's
        by line, then kind (:data:`KINDS` order), then subject."""
        rank = list(KINDS).index(self.kind) if self.kind in KINDS else len(KINDS)
        return (self.line == 0, self.file != source, natural(self.file), self.line, rank,
                natural(self.subject), natural(self.where))

    def lines(self) -> Iterator[str]:
        """The paragraph ``netsim lint`` prints for it."""
        yield f"{self.where}: {self.kind}: {self.subject}"
        yield f"  why: {self.why}"
        yield f"  fix: {self.fix}"

    def __str__(self) -> str:
        return "\n".join(self.lines())

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "where": self.where, "line": self.line, "host": self.host,
                "subject": self.subject, "why": self.why, "fix": self.fix}


@dataclass(frozen=True, slots=True)
class LintResult:
    """Every finding of one setup, sorted (:meth:`Finding.sort_key`).

    ``str()`` is what ``netsim lint`` prints: one paragraph per finding, a blank line between
    them, then ``N findings`` (or ``no findings``).
    """

    findings: tuple[Finding, ...]

    @property
    def count(self) -> int:
        return len(self.findings)

    @property
    def clean(self) -> bool:
        """Nothing was found."""
        return not self.findings

    def kinds(self) -> tuple[str, ...]:
        """The kinds found, each once, in :data:`KINDS` order."""
        found = {f.kind for f in self.findings}
        return tuple(k for k in KINDS if k in found)

    def lines(self) -> Iterator[str]:
        for i, f in enumerate(self.findings):
            if i:
                yield ""
            yield from f.lines()
        if self.findings:
            yield ""
        n = self.count
        yield "no findings" if not n else f"{n} finding{'s' if n != 1 else ''}"

    def __str__(self) -> str:
        return "\n".join(self.lines())

    def to_dict(self) -> dict[str, Any]:
        """``{"findings": [{"kind", "where", "line", "host", "subject", "why", "fix"}, …],
        "count": N}`` (docs/lint.md)."""
        return {"findings": [f.to_dict() for f in self.findings], "count": self.count}

    def _repr_html_(self) -> str:
        from html import escape

        if not self.findings:
            return "<p>netsim lint: no findings</p>"
        head = "".join(f"<th>{h}</th>" for h in ("where", "kind", "subject", "why", "fix"))
        rows = "".join(
            "<tr>" + "".join(f"<td>{escape(v)}</td>" for v in (f.where, f.kind, f.subject,
                                                               f.why, f.fix)) + "</tr>"
            for f in self.findings)
        return f"<table><tr>{head}</tr>{rows}</table>"
