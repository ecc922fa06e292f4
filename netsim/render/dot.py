"""Graphviz DOT from the picture's layout: the same boxes, lines and highlighted flow.

Positions are kept (``pos="x,y!"`` in points, y flipped), so ``neato -n2 -Tsvg`` redraws the
layout as netsim placed it; ``dot`` lays it out its own way from the same graph. No Graphviz is
needed to write it.
"""

from __future__ import annotations

from netsim.render.layout import Box, Layout

__all__ = ["to_dot"]

_EDGE_STYLE = {
    "veth": 'color="#333333"',
    "macvlan": 'color="#8c564b", style=dashed',
    "overlay": 'color="#1f77b4"',
    "uplink": 'color="#888888"',
    "parent": 'color="#8c564b", style=dashed',
    "lan": 'color="#666666"',
    "wan": 'color="#666666"',
    "published": 'color="#1f77b4", style=dashed',
    "joiner": 'color="#3a8a2e", style=dotted',
    "host-stack": 'color="#d08c2a", style=dashed',
}
_SHAPE = {"container": "box", "nic": "box", "router": "box", "internet": "ellipse",
          "bar": "box", "lan": "box", "legend": "note", "label": "plaintext"}


def _q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _label(lines: tuple[str, ...]) -> str:
    return _q("\n".join(lines)).replace("\n", "\\l") [:-1] + '\\l"'


def to_dot(lay: Layout) -> str:
    """The layout as a DOT digraph: one cluster per Docker host, every box a node, every line an
    edge, a highlighted flow as green/red edges with the verdict as the graph's label."""
    labels = {b.id.removesuffix("#label"): b for b in lay.boxes if b.kind == "label"}
    out = ["digraph netsim {",
           '  graph [splines=true, fontname="DejaVu Sans Mono", fontsize=9'
           + (f", label={_q(lay.caption)}, labelloc=b" if lay.caption else "") + "];",
           '  node [fontname="DejaVu Sans Mono", fontsize=8];',
           '  edge [arrowhead=none];']
    hosts = [b for b in lay.boxes if b.kind == "host"]
    placed: set[str] = set()

    def node(b: Box, indent: str) -> str:
        lines = b.text_lines()
        if b.kind in ("bar", "lan"):
            lines = labels[b.id].text_lines() if b.id in labels else (b.id,)
        x, y = b.cx, lay.height - b.cy
        attrs = [f"shape={_SHAPE.get(b.kind, 'box')}", f"label={_label(lines or (b.id,))}",
                 f'pos="{x:.1f},{y:.1f}!"']
        if b.style == "stopped":
            attrs.append('color="#bbbbbb", fontcolor="#888888"')
        if b.style == "internal":
            attrs.append("style=dashed")
        return f"{indent}{_q(b.id)} [{', '.join(attrs)}];"

    for i, h in enumerate(hosts):
        hname = h.id.removeprefix("host:")
        title = labels[h.id].lines[0] if h.id in labels else h.id
        out.append(f"  subgraph cluster_{i} {{")
        out.append(f"    label={_q(title)}; style=rounded; color=\"#9a9a9a\";")
        for b in lay.boxes:
            inside = (b.id.startswith((f"sandbox:{hname}/", f"bridge:{hname}/",
                                       f"nic:{hname}/", f"segment:{hname}/"))
                      and b.kind in ("container", "bar", "nic"))
            if inside and b.id not in placed:
                out.append(node(b, "    "))
                placed.add(b.id)
        out.append("  }")
    for b in lay.boxes:
        if b.kind in ("bar", "lan", "router", "internet") and b.id not in placed:
            out.append(node(b, "  "))
            placed.add(b.id)
    known = placed

    def end(n: str) -> str | None:
        if n in known:
            return n
        if n.startswith("if:"):  # an interface is a line of its container's node
            container = "sandbox:" + n.removeprefix("if:").rsplit("/", 1)[0]
            return container if container in known else None
        return None

    for e in lay.edges:
        na, nb = end(e.src), end(e.dst)
        if na is None or nb is None:
            continue
        attrs = [_EDGE_STYLE.get(e.kind, ""), f"id={_q(e.id)}"]
        if e.label and e.kind == "published":
            attrs += [f"label={_q(e.label)}", "arrowhead=normal"]
        out.append(f"  {_q(na)} -> {_q(nb)} [{', '.join(x for x in attrs if x)}];")
    for s in lay.path:
        na, nb = end(s.src), end(s.dst)
        if na is None or nb is None:
            continue
        color = "#2ca02c" if s.ok else "#d62728"
        out.append(f'  {_q(na)} -> {_q(nb)} [color="{color}", penwidth=2.5, arrowhead=normal, '
                   f'class="path"];')
    out.append("}")
    return "\n".join(out) + "\n"
