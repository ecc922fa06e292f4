"""Mermaid from the picture's layout: a ``flowchart TB`` with one subgraph per Docker host,
which GitHub renders in Markdown.

Mermaid ids must be plain identifiers, so the boxes are ``n0, n1, …`` in layout order and the
hosts ``h0, h1, …``; a ``%%`` comment line maps each to netsim's node id. A highlighted flow is
extra ``==>`` links coloured with ``linkStyle``: green while the packet goes on, red where it
stops; its verdict is the title and a comment.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from netsim.diagram.dot import NODE_KINDS, host_of, node_of
from netsim.diagram.layout import Box, Layout

__all__ = ["to_mermaid"]

_LINK = {"joiner": "-.-", "host-stack": "-.-"}  # everything else: a plain line ---
_CLASSES = {"stopped": "fill:#f4f4f4,stroke:#aaaaaa,color:#888888",
            "internal": "stroke-dasharray:4 3",
            "dashed": "stroke-dasharray:4 3"}
_OK, _BLOCKED = "#2ca02c", "#d62728"


def _text(lines: Sequence[str]) -> str:
    """Lines as one Mermaid label: ``<br/>`` between them, ``"`` and ``<`` as entity codes."""
    return "<br/>".join(line.strip().replace('"', "#quot;").replace("<", "#lt;")
                        for line in lines if line.strip())


def _shape(b: Box, text: dict[str, Box]) -> str:
    """A node's text in its shape: networks and the LAN as stadiums, the internet a circle."""
    if b.kind in ("bar", "lan"):
        tb = text.get(b.id)
        return f'(["{_text(tb.text_lines() if tb else (b.id,))}"])'
    if b.kind == "internet":
        return f'(("{_text(b.lines)}"))'
    return f'["{_text(b.text_lines())}"]'


def _class(b: Box) -> str | None:
    """The class that styles a box: stopped, internal, or dashed (no veth of its own)."""
    if b.style in ("stopped", "internal"):
        return b.style
    return "dashed" if b.style in ("host-mode", "joiner", "none") else None


def _ends(lay: Layout, src: str, dst: str, points: Sequence[tuple[float, float]]
          ) -> tuple[str, str] | None:
    """The two boxes a line joins (None when it has no length or joins a box to itself)."""
    if len(points) < 2:
        return None
    a, b = node_of(lay, src, points[0]), node_of(lay, dst, points[-1])
    return None if a is None or b is None or a == b else (a, b)


def to_mermaid(lay: Layout) -> str:
    """The layout as ``flowchart TB``: containers as boxes, networks as stadiums, the NIC, the
    LAN, the router and the internet; published ports as labelled arrows."""
    text = {b.id.removesuffix("#label"): b for b in lay.boxes if b.kind == "label"}
    shown = [b for b in lay.boxes if b.kind in NODE_KINDS]
    ids = {b.id: f"n{i}" for i, b in enumerate(shown)}
    hosts = [b for b in lay.boxes if b.kind == "host"]
    out: list[str] = []
    title = " — ".join(t for t in (lay.title, " ".join(lay.caption.split())) if t)
    if title:  # a JSON string is a YAML double-quoted scalar: colons in it are safe
        out += ["---", f"title: {json.dumps(title, ensure_ascii=False)}", "---"]
    out.append("flowchart TB")
    out += [f"  %% {ids[b.id]} = {b.id}" for b in shown]
    out += [f"  %% h{i} = {h.id}" for i, h in enumerate(hosts)]
    out += [f"  %% {line}" for line in lay.caption.splitlines()]
    for i, h in enumerate(hosts):
        head = text[h.id].lines[:1] if h.id in text else (h.id,)
        out.append(f'  subgraph h{i}["{_text(head)}"]')
        out += [f"    {ids[b.id]}{_shape(b, text)}" for b in shown
                if host_of(b) == h.id.removeprefix("host:")]
        out.append("  end")
    out += [f"  {ids[b.id]}{_shape(b, text)}" for b in shown if host_of(b) is None]
    links: list[str] = []
    for e in lay.edges:
        if (ends := _ends(lay, e.src, e.dst, e.points)) is None:
            continue
        a, b = ends
        if e.kind == "published":
            links.append(f'  {ids[a]} -->|"{_text((e.label,))}"| {ids[b]}')
        else:
            links.append(f"  {ids[a]} {_LINK.get(e.kind, '---')} {ids[b]}")
    styles = []
    for s in lay.path:
        if (ends := _ends(lay, s.src, s.dst, s.points)) is None:
            continue
        a, b = ends
        styles.append(f"  linkStyle {len(links)} stroke:{_OK if s.ok else _BLOCKED},"
                      "stroke-width:3px")
        links.append(f"  {ids[a]} ==> {ids[b]}")
    classes: dict[str, list[str]] = {}
    for box in shown:
        if (cls := _class(box)) is not None:
            classes.setdefault(cls, []).append(ids[box.id])
    out += links + styles
    out += [f"  classDef {cls} {_CLASSES[cls]}" for cls in classes]
    out += [f"  class {','.join(members)} {cls}" for cls, members in classes.items()]
    return "\n".join(out) + "\n"
