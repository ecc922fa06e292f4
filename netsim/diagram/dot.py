"""Graphviz DOT from the picture's layout: the same boxes, lines and highlighted flow.

Every box keeps its place and size (``pos="x,y!"``, ``width``/``height``, in points with y
flipped, since Graphviz's y grows upward) and every line its route (``pos`` of the edge), so
``neato -n2 -Tsvg`` redraws the picture as netsim laid it out; ``dot -Tsvg`` lays out the same
graph its own way. No Graphviz is needed to write it.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence

from netsim.diagram.layout import FONT, Box, Layout

__all__ = ["NODE_KINDS", "host_of", "node_of", "to_dot"]

#: the boxes that become nodes; an interface is a line of its container's node, a label box the
#: text of its bar, a host box a cluster
NODE_KINDS = ("container", "bar", "nic", "lan", "router", "internet")

Point = tuple[float, float]

_EDGE_STYLE = {
    "veth": 'color="#333333"',
    "macvlan": 'color="#8c564b", style=dashed',
    "overlay": 'color="#1f77b4"',
    "uplink": 'color="#888888"',
    "parent": 'color="#888888", style=dashed',
    "lan": 'color="#888888"',
    "wan": 'color="#888888"',
    "published": 'color="#1f77b4", fontcolor="#1f77b4", arrowhead=normal, constraint=false',
    "joiner": 'color="#3a8a2e", style=dotted, constraint=false',
    "host-stack": 'color="#d08c2a", style=dashed',
}
#: a bar's fill by its style: how its driver attaches endpoints (children of a parent link:
#: macvlan, ipvlan), or internal
_BAR_FILL = {"overlay": "#1f77b4", "parent": "#8c564b", "l3": "#8c564b", "internal": "#bbbbbb"}
_OK, _BLOCKED = "#2ca02c", "#d62728"


def host_of(b: Box) -> str | None:
    """The Docker host whose box a node box is drawn in (its containers, bars and NIC)."""
    if b.kind not in ("container", "bar", "nic") or b.id.startswith("overlay:"):
        return None
    return b.id.partition(":")[2].partition("/")[0]


def node_of(lay: Layout, node: str, near: Point) -> str | None:
    """The node box that shows graph node ``node`` where a line touches it at ``near``: the
    box itself, an interface's container, or, for a network drawn as one bar per tier of
    containers (``bridge:H/N#1``), that network's bar nearest to ``near``."""
    bars = [b for b in lay.boxes if b.kind == "bar" and b.id.partition("#")[0] == node]
    if bars:
        return min(bars, key=lambda b: abs(b.cy - near[1])).id
    b = lay.box(node)
    if b is not None and b.kind in NODE_KINDS:
        return node
    if node.startswith("if:"):
        owner = "sandbox:" + node.removeprefix("if:").rpartition("/")[0]
        return owner if lay.box(owner) is not None else None
    return None


def _esc(text: str) -> str:
    """Backslashes doubled (so no Graphviz escape such as ``\\N`` fires) and quotes escaped."""
    return text.replace("\\", "\\\\").replace('"', '\\"')


def _q(text: str) -> str:
    """A DOT quoted string; a newline becomes a centred line break."""
    return '"' + _esc(text).replace("\n", "\\n") + '"'


def _label(lines: Sequence[str]) -> str:
    """Left-justified lines (``\\l`` ends each line)."""
    return '"' + "".join(_esc(line) + "\\l" for line in lines) + '"'


def _xy(lay: Layout, p: Point) -> str:
    """A point in Graphviz's coordinates (y up)."""
    return f"{p[0]:.2f},{lay.height - p[1]:.2f}"


def _spline(lay: Layout, points: Sequence[Point], arrow: bool) -> str:
    """An edge's ``pos``: the polyline as a B-spline (each segment a straight cubic), ending
    10 points short of its end when ``arrow``, where the arrowhead (``e,…``) fills the rest."""
    pts = list(points)
    head = ""
    if arrow and len(pts) >= 2:
        (x0, y0), (x1, y1) = pts[-2], pts[-1]
        d = math.hypot(x1 - x0, y1 - y0)
        if d > 0:
            k = min(10.0, d / 2) / d
            head = f"e,{_xy(lay, pts[-1])} "
            pts[-1] = (x1 - (x1 - x0) * k, y1 - (y1 - y0) * k)
    spline = [pts[0]]
    for a, b in itertools.pairwise(pts):
        spline += [a, b, b]
    return _q(head + " ".join(_xy(lay, p) for p in spline))


def _node(lay: Layout, b: Box, text: dict[str, Box]) -> str:
    """A box's node statement: at its place, with its size, text and style."""
    attrs = [f"pos={_q(_xy(lay, (b.cx, b.cy)) + '!')}",
             f"width={b.w / 72:.4f}", f"height={b.h / 72:.4f}"]
    if b.kind in ("bar", "lan"):  # a bar, its text beside it (as the picture's label column)
        tb = text.get(b.id)
        fill = _BAR_FILL.get(b.style, "#444444")
        attrs += ["shape=box", "fixedsize=true", "style=filled", f'fillcolor="{fill}"',
                  f'color="{fill}"', 'label=""',
                  f"xlabel={_label(tb.text_lines() if tb else (b.id,))}"]
    else:  # sized as laid out, or a little larger where Graphviz's font is wider
        shape = {"internet": "ellipse", "legend": "note"}.get(b.kind, "box")
        attrs += [f"shape={shape}", f"label={_label(b.text_lines())}"]
        if b.style == "stopped":
            attrs.append('color="#aaaaaa", fontcolor="#888888"')
        elif b.style in ("host-mode", "joiner", "none"):
            attrs.append("style=dashed")
    return f"{_q(b.id)} [{', '.join(attrs)}];"


def to_dot(lay: Layout) -> str:
    """The layout as a DOT digraph: one cluster per Docker host, every box a node, every line an
    edge, a highlighted flow as green edges (red where it stops) with its verdict as the
    graph's label."""
    text = {b.id.removesuffix("#label"): b for b in lay.boxes if b.kind == "label"}
    title = "\n".join(t for t in (lay.title, lay.caption) if t)
    out = ["digraph netsim {",
           f'  graph [fontname="DejaVu Sans Mono", fontsize={FONT + 2:g}, '
           f'bb="0,0,{lay.width:.2f},{lay.height:.2f}", splines=true, forcelabels=true'
           + (f", label={_q(title)}, labelloc={'b' if lay.caption else 't'}" if title else "")
           + "];",
           f'  node [fontname="DejaVu Sans Mono", fontsize={FONT:g}, margin="0.04,0.02"];',
           f"  edge [arrowhead=none, fontname=\"DejaVu Sans Mono\", fontsize={FONT:g}];"]
    nodes = [b for b in lay.boxes if b.kind in (*NODE_KINDS, "legend")]
    for i, h in enumerate(b for b in lay.boxes if b.kind == "host"):
        name = h.id.removeprefix("host:")
        head = "\n".join(text[h.id].lines if h.id in text else (h.id,))
        bb = f"{h.x:.2f},{lay.height - h.y2:.2f},{h.x2:.2f},{lay.height - h.y:.2f}"
        out += [f"  subgraph cluster_{i} {{",
                f'    graph [label={_q(head)}, labeljust=l, bb="{bb}", '
                'style=rounded, color="#9a9a9a"];']
        out += [f"    {_node(lay, b, text)}" for b in nodes if host_of(b) == name]
        out.append("  }")
    out += [f"  {_node(lay, b, text)}" for b in nodes if host_of(b) is None]

    def edge(src: str, dst: str, points: Sequence[Point], attrs: list[str],
             arrow: bool) -> None:
        if len(points) < 2:
            return
        a, b = node_of(lay, src, points[0]), node_of(lay, dst, points[-1])
        if a is not None and b is not None:
            attrs = [*attrs, f"pos={_spline(lay, points, arrow)}"]
            out.append(f"  {_q(a)} -> {_q(b)} [{', '.join(x for x in attrs if x)}];")

    for e in lay.edges:
        # (a joiner's "shares netns" would sit on its boxes: its dotted line says it)
        label = [f"label={_q(e.label)}"] if e.label and e.kind != "joiner" else []
        edge(e.src, e.dst, e.points, [_EDGE_STYLE.get(e.kind, ""), f"id={_q(e.id)}", *label],
             e.kind == "published")
    for s in lay.path:
        edge(s.src, s.dst, s.points, [f'color="{_OK if s.ok else _BLOCKED}"', "penwidth=2.5",
                                      "arrowhead=normal", "constraint=false", 'class="path"'], True)
    out.append("}")
    return "\n".join(out) + "\n"
