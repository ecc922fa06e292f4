"""The topology as SVG, written by hand from a :class:`~netsim.diagram.layout.Layout`.

Not matplotlib's SVG: the page (``netsim page``, docs/page.md) finds every box and line of the
picture by the graph node it shows, so each one must be an element carrying its node id
(``data-node``), and a page holds one picture per step, so each must be small and quick to make.
matplotlib's SVG names its elements by drawing order and takes a figure to build. Here the
picture is plain strings, one point of layout to one SVG unit, with the colours of
:mod:`netsim.diagram.mpl` (whose module imports no matplotlib).

What the page's JavaScript relies on:

* a box is ``<g class="box kind-KIND[ style-STYLE]" data-node="ID" data-kind="KIND">`` holding
  its ``<rect>`` (or ``<line>`` for a bar or the LAN) and its ``<text>`` lines; an interface is
  such a ``<g>`` with a transparent ``<rect>`` (its text is a line of its container);
* a line is ``<polyline class="edge kind-KIND" data-node="ID" data-src="A" data-dst="B">``
  with the layout's points; its dot and label carry ``data-edge="ID"``, not ``data-node``;
* a highlighted flow is one ``<polyline class="path ok|stop" data-src data-dst>`` per step.

Colours and widths are classes styled by :data:`CSS`; ``to_svg(css=False)`` leaves the
``<style>`` out for a page that holds :data:`CSS` once for all its pictures.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from netsim.diagram.layout import FONT, LINE, MARGIN, PAD, Box, Edge, Layout, PathStep
from netsim.diagram.mpl import (
    BAD,
    BAR_COLORS,
    BOX_FILLS,
    CONTAINER_FILLS,
    DEFAULT_EDGE,
    EDGE_STYLES,
    MONO,
    OK,
    PORT,
)

__all__ = ["CSS", "to_svg"]

#: the root element's class; :data:`CSS` is scoped under it (a page may hold several pictures)
ROOT = "netsim-topology"
#: edge kinds that end in a dot where they join their bar (as mpl draws them)
_DOTTED = ("veth", "macvlan", "overlay")
_HEAD_KINDS = ("container", "label", "legend")  # their first line is bold
_PATH_W = 2.6
_PUBLISHED_W = 0.9


def _n(v: float) -> str:
    """A number, compact and deterministic: one decimal, no trailing ``.0``, no ``-0``."""
    s = f"{v:.1f}"
    if s.endswith(".0"):
        s = s[:-2]
    return "0" if s == "-0" else s


def _esc(text: str) -> str:
    """Text or an attribute value, XML-escaped (quotes too: every attribute is in ``"``)."""
    return (text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;").replace("'", "&#39;"))


def _points(points: Iterable[tuple[float, float]]) -> str:
    return " ".join(f"{_n(x)},{_n(y)}" for x, y in points)


def _dashes(ls: Any, lw: float) -> str:
    """mpl's ``(offset, (on, off, ...))`` as a dasharray: mpl scales dashes by the line width
    (rcParams ``lines.scale_dashes``)."""
    return " ".join(_n(d * lw) for d in ls[1])


def _css() -> str:
    r = f".{ROOT}"
    rules = [
        f"{r}{{background:#fff}}",
        f'{r} text{{font-family:"{MONO}",monospace;font-size:{_n(FONT)}px;fill:#111;'
        "white-space:pre}",
        f"{r} text.head{{font-weight:bold}}",
        f"{r} .style-stopped text{{fill:#888}}",
        f"{r} text.badge{{fill:{BAD}}}",
        f"{r} .box rect{{stroke:#777;stroke-width:0.8}}",
        f"{r} .kind-host rect{{fill:#fbfbfb;stroke:#9a9a9a;stroke-width:1.2}}",
        f"{r} .kind-interface rect{{fill:transparent;stroke:none}}",
        f"{r} .kind-container rect{{fill:{CONTAINER_FILLS['']}}}",
    ]
    rules += [f"{r} .kind-container.style-{s} rect{{fill:{c}}}"
              for s, c in CONTAINER_FILLS.items() if s]
    rules.append(f"{r} .kind-container.style-stopped rect{{stroke:#bbb}}")
    rules += [f"{r} .kind-{k} rect{{fill:{c}}}" for k, c in BOX_FILLS.items()]
    rules += [f"{r} .box line{{stroke:#444444;stroke-width:3.2}}",
              f"{r} .kind-lan line{{stroke:#555555}}"]
    rules += [f"{r} .kind-bar.style-{s} line{{stroke:{c}}}" for s, c in BAR_COLORS.items()]
    rules.append(f"{r} .style-internal line{{stroke-dasharray:{_dashes((0, (5, 3)), 3.2)}}}")
    rules.append(f"{r} .edge{{fill:none;stroke:{DEFAULT_EDGE['color']};"
                 f"stroke-width:{_n(DEFAULT_EDGE['lw'])}}}")
    for kind, st in EDGE_STYLES.items():
        dash = f";stroke-dasharray:{_dashes(st['ls'], st['lw'])}" if "ls" in st else ""
        rules.append(f"{r} .edge.kind-{kind}{{stroke:{st['color']};stroke-width:{_n(st['lw'])}"
                     f"{dash}}}")
    rules += [f"{r} .dot.kind-{k}{{fill:{EDGE_STYLES[k]['color']}}}" for k in _DOTTED]
    rules += [f"{r} .edge.kind-published{{stroke:{PORT};stroke-width:{_n(_PUBLISHED_W)};"
              f"stroke-dasharray:{_dashes((0, (4, 2)), _PUBLISHED_W)};opacity:0.7}}",
              f"{r} text.edge-label{{font-size:{_n(FONT - 1)}px;fill:#777}}",
              f"{r} .path{{fill:none;stroke-width:{_n(_PATH_W)};opacity:0.85;"
              "stroke-linecap:round;stroke-linejoin:round}",
              f"{r} .path.ok{{stroke:{OK}}}",
              f"{r} .path.stop{{stroke:{BAD}}}",
              f"{r} .path-x{{fill:none;stroke:{BAD};stroke-width:3}}",
              f"{r} text.caption.ok{{fill:{OK}}}",
              f"{r} text.caption.stop{{fill:{BAD}}}"]
    return "\n".join(rules)


#: the stylesheet of every class the pictures use, scoped under ``.netsim-topology``
CSS = _css()


def _defs() -> str:
    """Arrow heads: a published port's (small, blue), a flow step's (green or red). Their
    colour is an attribute: a marker's content is drawn apart from the line that uses it."""
    def arrow(name: str, length: float, width: float, colour: str) -> str:
        return (f'<marker id="netsim-arrow-{name}" viewBox="0 0 {_n(length)} {_n(width)}" '
                f'refX="{_n(length)}" refY="{_n(width / 2)}" markerUnits="userSpaceOnUse" '
                f'markerWidth="{_n(length)}" markerHeight="{_n(width)}" orient="auto">'
                f'<path d="M0,0L{_n(length)},{_n(width / 2)}L0,{_n(width)}z" '
                f'fill="{colour}"/></marker>')

    return ("<defs>" + arrow("port", 5, 4, PORT) + arrow("ok", 8, 7, OK)
            + arrow("stop", 8, 7, BAD) + "</defs>")


def _box(b: Box) -> str:
    """One box's ``<g>``: what mpl draws for it (its rectangle or line, then its text)."""
    cls = f"box kind-{b.kind}" + (f" style-{b.style}" if b.style else "")
    out = [f'<g class="{_esc(cls)}" data-node="{_esc(b.id)}" data-kind="{_esc(b.kind)}">']
    geo = f'x="{_n(b.x)}" y="{_n(b.y)}" width="{_n(b.w)}" height="{_n(b.h)}"'
    if b.kind == "host":
        out.append(f'<rect {geo} rx="6"/>')
    elif b.kind in ("bar", "lan"):
        y = _n(b.cy)
        out.append(f'<line x1="{_n(b.x)}" y1="{y}" x2="{_n(b.x2)}" y2="{y}"/>')
    elif b.kind == "interface":
        out.append(f"<rect {geo}/>")  # transparent: to highlight and click; no text
    elif b.kind == "container" or b.kind in BOX_FILLS:
        out.append(f"<rect {geo}/>")
    if b.kind != "interface":
        x = _n(b.x + PAD)
        for i, text in enumerate(b.text_lines()):
            tcls = ("badge" if i >= len(b.lines)
                    else "head" if i == 0 and b.kind in _HEAD_KINDS else "")
            attr = f' class="{tcls}"' if tcls else ""
            y = _n(b.y + PAD + (i + 0.78) * LINE)
            out.append(f'<text x="{x}" y="{y}"{attr}>{_esc(text)}</text>')
    out.append("</g>")
    return "".join(out)


def _edge(e: Edge) -> str:
    """One line's ``<polyline>`` (and its label: mpl writes only the uplink's)."""
    marker = ' marker-end="url(#netsim-arrow-port)"' if e.kind == "published" else ""
    out = (f'<polyline class="edge kind-{_esc(e.kind)}" data-node="{_esc(e.id)}" '
           f'data-src="{_esc(e.src)}" data-dst="{_esc(e.dst)}" '
           f'points="{_points(e.points)}"{marker}/>')
    if e.label and e.kind == "uplink":
        (x0, y0), (_, y1) = e.points[0], e.points[-1]
        # mpl centres the label on the line's middle: its baseline a third of the size lower
        out += (f'<text class="edge-label" data-edge="{_esc(e.id)}" x="{_n(x0 + 3)}" '
                f'y="{_n((y0 + y1) / 2 + (FONT - 1) / 3)}">{_esc(e.label)}</text>')
    return out


def _dot(e: Edge) -> str:
    """The dot where a veth joins its bar: mpl's 3.2-point ``o`` with its 1-point edge."""
    x, y = e.points[-1]
    return (f'<circle class="dot kind-{_esc(e.kind)}" data-edge="{_esc(e.id)}" '
            f'cx="{_n(x)}" cy="{_n(y)}" r="2.1"/>')


def _step(s: PathStep) -> str:
    """One step of a flow: green with an arrow where it goes on, red with a cross where it
    stops (mpl's ``x`` marker, 11 points wide)."""
    state = "ok" if s.ok else "stop"
    out = (f'<polyline class="path {state}" data-src="{_esc(s.src)}" data-dst="{_esc(s.dst)}" '
           f'points="{_points(s.points)}" marker-end="url(#netsim-arrow-{state})"/>')
    if not s.ok:
        x, y = s.points[-1]
        h = 5.5  # half of the cross
        out += (f'<path class="path-x" d="M{_n(x - h)},{_n(y - h)}L{_n(x + h)},{_n(y + h)}'
                f'M{_n(x - h)},{_n(y + h)}L{_n(x + h)},{_n(y - h)}"/>')
    return out


def to_svg(lay: Layout, *, css: bool = True) -> str:
    """The layout as one standalone SVG document; ``css``: with its ``<style>`` (:data:`CSS`).

    Drawn in mpl's z-order: the hosts, the lines, the bars and the LAN, the lines' dots, the
    published ports' arrows, the other boxes (so no text is under a line), the flow, the
    caption."""
    w, h = _n(lay.width), _n(lay.height)
    label = f' role="img" aria-label="{_esc(lay.title)}"' if lay.title else ""
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {w} {h}" width="{w}" '
           f'height="{h}" class="{ROOT}" xml:space="preserve"{label}>']
    if css:
        out.append(f"<style>\n{CSS}\n</style>")
    out.append(_defs())
    hosts = [b for b in lay.boxes if b.kind == "host"]
    bars = [b for b in lay.boxes if b.kind in ("bar", "lan")]
    others = [b for b in lay.boxes if b.kind not in ("host", "bar", "lan")]
    lines = [e for e in lay.edges if e.kind != "published"]
    out += [_box(b) for b in hosts]
    out += [_edge(e) for e in lines]
    out += [_box(b) for b in bars]
    out += [_dot(e) for e in lines if e.kind in _DOTTED]
    out += [_edge(e) for e in lay.edges if e.kind == "published"]
    out += [_box(b) for b in others]
    if lay.path:
        out.append('<g class="flow">' + "".join(_step(s) for s in lay.path) + "</g>")
    caption = lay.caption.split("\n") if lay.caption else []
    state = "ok" if lay.delivered else "stop"
    for i, text in enumerate(caption):
        y = lay.height - (len(caption) - i) * LINE
        out.append(f'<text class="caption {state}" x="{_n(MARGIN)}" y="{_n(y)}">'
                   f"{_esc(text)}</text>")
    out.append("</svg>")
    return "\n".join(out) + "\n"
