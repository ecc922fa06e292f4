"""Pictures with matplotlib: the topology (with a highlighted flow), the reachability matrix as a
heatmap, and a chart of DNS answers. matplotlib is imported inside these functions only.

Figures are returned, never shown or saved as a side effect; :func:`to_bytes` writes PNG, SVG or
PDF with fixed metadata so that the same input gives the same SVG byte for byte.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

from netsim.diagram.layout import CHAR_W, FONT, LINE, MARGIN, PAD, Box, Edge, Layout, layout

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from netsim.analysis.dns import DnsSeries
    from netsim.analysis.reach import Matrix, Trace
    from netsim.state import State

__all__ = ["dns_chart", "draw", "draw_layout", "matrix_heatmap", "text_fits", "to_bytes"]

MONO = "DejaVu Sans Mono"
OK, BAD, PORT = "#2ca02c", "#d62728", "#1f77b4"

CONTAINER_FILLS = {"": "#eef4fb", "stopped": "#eeeeee", "host-mode": "#fdf1e0",
                   "none": "#f5f5f5", "joiner": "#edf7ea"}
#: the other boxes drawn as filled rectangles, by kind
BOX_FILLS = {"nic": "#fff8d6", "router": "#efe9f7", "internet": "#e6f2ff", "legend": "#ffffff"}
#: a bar's colour by its style (layout.Box.style: the driver's attachment, or internal)
BAR_COLORS = {"bridge": "#444444", "internal": "#9a9a9a", "overlay": "#1f77b4",
              "parent": "#8c564b", "l3": "#8c564b"}
#: a line of a kind EDGE_STYLES does not name
DEFAULT_EDGE: dict[str, Any] = {"color": "#333333", "lw": 0.9}
EDGE_STYLES: dict[str, dict[str, Any]] = {
    "veth": {"color": "#333333", "lw": 0.9},
    "macvlan": {"color": "#8c564b", "lw": 0.9, "ls": (0, (4, 2))},
    "overlay": {"color": "#1f77b4", "lw": 0.9},
    "uplink": {"color": "#888888", "lw": 1.2},
    "parent": {"color": "#8c564b", "lw": 1.2, "ls": (0, (4, 2))},
    "lan": {"color": "#666666", "lw": 1.2},
    "wan": {"color": "#666666", "lw": 1.2},
    "host-stack": {"color": "#d08c2a", "lw": 1.0, "ls": (0, (3, 2))},
    "joiner": {"color": "#3a8a2e", "lw": 1.4, "ls": (0, (1, 1.5))},
}


def _rc() -> Any:  # matplotlib types rc keys as Literals
    return {"svg.hashsalt": "netsim", "svg.fonttype": "none", "font.family": "monospace",
            "font.monospace": [MONO], "pdf.fonttype": 42}


def draw(state: State, *, highlight: Trace | None = None, ax: Axes | None = None,
         title: str = "") -> Figure:
    """The topology of ``state``; a Trace's path green where it goes, red where it stops."""
    return draw_layout(layout(state, highlight=highlight, title=title), ax=ax)


def draw_layout(lay: Layout, *, ax: Axes | None = None) -> Figure:
    """Draw a :class:`Layout` (one point of layout = one point on paper)."""
    import matplotlib

    with matplotlib.rc_context(_rc()):
        if ax is None:
            fig = _figure((lay.width / 72, lay.height / 72))
            ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
        else:
            fig = ax.get_figure()  # type: ignore[assignment]
        ax.set_xlim(0, lay.width)
        ax.set_ylim(lay.height, 0)
        ax.set_axis_off()
        for b in lay.boxes:
            _box(ax, b)
        for e in lay.edges:
            _edge(ax, e)
        for step in lay.path:
            color = OK if step.ok else BAD
            xs = [p[0] for p in step.points]
            ys = [p[1] for p in step.points]
            ax.plot(xs[:-1], ys[:-1], color=color, lw=2.6, alpha=0.85, zorder=6,
                    solid_capstyle="round")
            ax.annotate("", xy=(xs[-1], ys[-1]), xytext=(xs[-2], ys[-2]), zorder=6,
                        arrowprops={"arrowstyle": "-|>", "color": color, "lw": 2.6,
                                    "alpha": 0.85, "shrinkA": 0, "shrinkB": 2})
            if not step.ok:
                ax.plot([xs[-1]], [ys[-1]], marker="x", color=BAD, ms=11, mew=3, zorder=7)
        caption = lay.caption.split("\n") if lay.caption else []
        for i, line in enumerate(caption):
            ax.text(MARGIN, lay.height - (len(caption) - i) * LINE, line, fontsize=FONT,
                    va="baseline", color=OK if lay.delivered else BAD, family=MONO, zorder=8)
    return fig


def _figure(size: tuple[float, float]) -> Figure:
    """A Figure with its own Agg canvas (no pyplot, no global state)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=size, dpi=100)
    FigureCanvasAgg(fig)
    return fig


def _box(ax: Axes, b: Box) -> None:
    from matplotlib.patches import FancyBboxPatch, Rectangle

    if b.kind == "host":
        ax.add_patch(FancyBboxPatch((b.x, b.y), b.w, b.h, boxstyle="round,pad=0,rounding_size=6",
                                    fc="#fbfbfb", ec="#9a9a9a", lw=1.2, zorder=0))
        return
    if b.kind in ("bar", "lan"):
        color = "#555555" if b.kind == "lan" else BAR_COLORS.get(b.style, "#444444")
        ls = (0, (5, 3)) if b.style == "internal" else "-"
        ax.plot([b.x, b.x2], [b.cy, b.cy], color=color, lw=3.2, ls=ls, zorder=2,
                solid_capstyle="butt")
        return
    if b.kind == "interface":
        return  # drawn as lines of its container
    fill = (CONTAINER_FILLS.get(b.style, CONTAINER_FILLS[""]) if b.kind == "container"
            else BOX_FILLS.get(b.kind))
    if fill is not None:
        ax.add_patch(Rectangle((b.x, b.y), b.w, b.h, fc=fill,
                               ec="#777777" if b.style != "stopped" else "#bbbbbb", lw=0.8,
                               zorder=3))
    color = "#888888" if b.style == "stopped" else "#111111"
    for i, text in enumerate(b.text_lines()):
        badge = i >= len(b.lines)
        weight = "bold" if i == 0 and b.kind in ("container", "label", "legend") else "normal"
        ax.text(b.x + PAD, b.y + PAD + (i + 0.78) * LINE, text, fontsize=FONT, family=MONO,
                va="baseline", ha="left", color=BAD if badge else color, weight=weight,
                zorder=4)


def _edge(ax: Axes, e: Edge) -> None:
    xs = [p[0] for p in e.points]
    ys = [p[1] for p in e.points]
    if e.kind == "published":
        (x1, y1), (x2, y2) = e.points[0], e.points[-1]
        # the label is the NIC's own line for that port (a layout text box)
        # under the boxes (zorder 3): a long arrow never runs over a container's text
        ax.annotate("", xy=(x2, y2), xytext=(x1, y1), zorder=2.5,
                    arrowprops={"arrowstyle": "-|>", "color": PORT, "lw": 0.9, "alpha": 0.7,
                                "connectionstyle": "arc3,rad=0.12", "ls": (0, (4, 2))})
        return
    style = EDGE_STYLES.get(e.kind, DEFAULT_EDGE)
    ax.plot(xs, ys, color=style["color"], lw=style["lw"], ls=style.get("ls", "-"), zorder=1)
    if e.kind in ("veth", "macvlan", "overlay"):
        ax.plot([xs[-1]], [ys[-1]], marker="o", ms=3.2, color=style["color"], zorder=2)
    if e.label and e.kind in ("uplink",):
        ax.text(xs[0] + 3, (ys[0] + ys[-1]) / 2, e.label, fontsize=FONT - 1, family=MONO,
                color="#777777", va="center", zorder=1)


def to_bytes(fig: Figure, fmt: Literal["png", "svg", "pdf"], *, dpi: int = 100) -> bytes:
    """The figure as PNG, SVG or PDF, with fixed metadata (no dates): reproducible."""
    import io

    import matplotlib

    metadata: Any = {"png": {"Software": "netsim"}, "svg": {"Date": None},
                     "pdf": {"CreationDate": None, "ModDate": None}}[fmt]
    buf = io.BytesIO()
    with matplotlib.rc_context(_rc()):
        fig.savefig(buf, format=fmt, dpi=dpi, metadata=metadata)
    return buf.getvalue()


def matrix_heatmap(m: Matrix) -> Figure:
    """The reachability matrix as a heatmap: rows reach (green) or not (grey) each column."""
    import matplotlib
    from matplotlib.colors import ListedColormap

    rows = list(m.rows())
    cols = list(m.destinations)
    data = [[1 if cell == "." else 0 for cell in row] for _, row in rows]
    with matplotlib.rc_context(_rc()):
        size = (max(4.0, 1.5 + len(cols) * 0.28), max(3.0, 1.2 + len(rows) * 0.22))
        fig = _figure(size)
        ax = fig.add_subplot()
        ax.imshow(data, cmap=ListedColormap(["#dddddd", OK]), vmin=0, vmax=1, aspect="auto")
        ax.set_xticks(range(len(cols)), cols, rotation=60, ha="right", fontsize=FONT)
        ax.set_yticks(range(len(rows)), [r for r, _ in rows], fontsize=FONT)
        port = f"port {m.port}" if getattr(m, "port", None) else "ping"
        ax.set_title(f"who reaches whom ({port}): green = reaches", fontsize=FONT + 2)
        fig.tight_layout()
    return fig


def dns_chart(series: DnsSeries) -> Figure:
    """Which address came first over N queries: one bar per address, the expected 1/N line."""
    import matplotlib

    tally = series.tally()
    n = len(series.answers)
    with matplotlib.rc_context(_rc()):
        fig = _figure((max(4.0, 1.0 + 0.9 * len(tally)), 3.2))
        ax = fig.add_subplot()
        labels = [f"{ip}\n{series.owners.get(ip, '')}".strip() for ip, _ in tally]
        ax.bar(range(len(tally)), [c for _, c in tally], color=PORT)
        if tally:
            ax.axhline(n / len(tally), color=BAD, lw=1, ls="--", label="1/N")
            ax.legend(fontsize=FONT)
        ax.set_xticks(range(len(tally)), labels, fontsize=FONT)
        ax.set_ylabel("times first", fontsize=FONT + 1)
        ax.set_title(f"{series.client}: '{series.name}', {n} queries", fontsize=FONT + 2)
        fig.tight_layout()
    return fig


def text_fits(fig: Figure, lay: Layout) -> list[str]:
    """Labels whose drawn width exceeds the layout's estimate (a check of :data:`CHAR_W`)."""
    renderer = fig.canvas.get_renderer()  # type: ignore[attr-defined]  # Agg canvas
    too_wide = []
    for t in fig.axes[0].texts:
        if not t.get_text():
            continue
        bbox = t.get_window_extent(renderer)
        width_pt = bbox.width * 72 / fig.dpi
        if width_pt > len(t.get_text()) * CHAR_W * 1.05 + 1:
            too_wide.append(t.get_text())
    return too_wide
