"""Pictures: the layout labels everything and overlaps no text; matplotlib draws it in every
format, the same SVG for the same input; a highlighted flow carries its colour; `netsim draw`;
notebook display."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BUNDLED, SCENARIOS
from conftest import load_bundled as load

from netsim.analysis.reach import reach
from netsim.diagram.layout import Layout, layout, overlapping
from netsim.lab import Lab, run_script
from netsim.state import State

pytest.importorskip("matplotlib")

from netsim.diagram.mpl import BAD, OK, draw, draw_layout, text_fits, to_bytes


def all_text(lay: Layout) -> str:
    return "\n".join(line for b in lay.boxes for line in b.text_lines()) + "\n" + "\n".join(
        e.label for e in lay.edges)


@pytest.mark.parametrize("path", BUNDLED, ids=[p.name for p in BUNDLED])
def test_every_object_is_labelled_and_no_text_overlaps(path: Path) -> None:
    """Each container, network, subnet and published port of a bundled scenario is labelled;
    no two text boxes overlap."""
    st = load(path)
    lay = layout(st)
    text = all_text(lay)
    for c in st.containers():
        assert c.name in text
        for m in c.port_mappings:
            assert f"{m.host_port}->{m.port_key}" in text
    for h in st.hosts.values():
        for c in h.containers.values():
            for e in c.endpoints:
                if e.active and not e.gateway_only and e.network not in ("host", "none"):
                    net = h.networks.get(e.network)
                    assert net is not None and net.name in text, e.network
                    sub = net.ipv4_subnet
                    assert sub is None or str(sub.subnet) in text
    assert overlapping(lay.text_boxes()) == []


@pytest.mark.parametrize("path", BUNDLED, ids=[p.name for p in BUNDLED])
def test_every_format_renders_and_svg_is_reproducible(path: Path) -> None:
    """PNG, SVG and PDF render; the same input gives byte-identical SVG and PDF; the drawn
    text is as wide as the layout assumed."""
    st = load(path)
    fig = draw(st, title=path.name)
    png = to_bytes(fig, "png")
    assert png.startswith(b"\x89PNG")
    assert to_bytes(fig, "pdf").startswith(b"%PDF")
    svg = to_bytes(fig, "svg")
    assert svg == to_bytes(draw(st, title=path.name), "svg")
    assert to_bytes(fig, "pdf") == to_bytes(draw(st, title=path.name), "pdf")
    assert text_fits(fig, layout(st)) == []


TUTORIAL = (SCENARIOS / "tutorial-bridge.sh").read_text().split("docker container ls")[0]


def test_highlighted_paths_carry_their_colour() -> None:
    """A delivered flow is green all the way; a blocked one is red at the step that drops it."""
    st = run_script(TUTORIAL, source="t.sh")[0].state
    blocked = layout(st, highlight=reach(st, "alpine1", "alpine3"))
    assert blocked.path and blocked.delivered is False
    assert [s.ok for s in blocked.path] == [True, False]
    assert blocked.path[-1].dst == "bridge:host/bridge"
    assert "ISOLATED_NETWORKS" in blocked.caption
    ok = layout(st, highlight=reach(st, "alpine4", "8.8.8.8"))
    assert ok.path and all(s.ok for s in ok.path) and ok.path[-1].dst == "internet"
    for lay, colour in ((blocked, BAD), (ok, OK)):
        fig = draw_layout(lay)
        colours = {str(line.get_color()) for line in fig.axes[0].lines}
        assert colour in colours


def test_fifty_containers_do_not_overlap() -> None:
    """50 containers on five networks (some on two, some publishing): no text overlaps."""
    lab = Lab()
    for n in range(5):
        lab.docker(f"network create net{n}")
    for i in range(50):
        pub = f" -p {8000 + i}:80" if i % 7 == 0 else ""
        lab.docker(f"run -d --name c{i} --network net{i % 5}{pub} nginx")
        if i % 6 == 0:
            lab.docker(f"network connect net{(i + 1) % 5} c{i}")
    lay = layout(lab.state)
    assert len([b for b in lay.boxes if b.kind == "container"]) == 50
    assert overlapping(lay.text_boxes()) == []


def test_notebook_display() -> None:
    """register() gives State an SVG, Matrix and DnsSeries a PNG; lab.reach draws its path."""
    from netsim.analysis.dns import DnsSeries
    from netsim.analysis.reach import Matrix
    from netsim.diagram.notebook import register

    class Formatter:
        def __init__(self) -> None:
            self.types: dict[type, object] = {}

        def for_type(self, cls: type, fn: object) -> None:
            self.types[cls] = fn

    class Display:
        def __init__(self) -> None:
            self.formatters = {"image/svg+xml": Formatter(), "image/png": Formatter()}

    class IP:
        def __init__(self) -> None:
            self.display_formatter = Display()

    ip = IP()
    assert register(ip)
    svg_fn = ip.display_formatter.formatters["image/svg+xml"].types[State]
    png = ip.display_formatter.formatters["image/png"].types
    assert set(png) == {Matrix, DnsSeries}
    lab = Lab()
    lab.docker("network create n")
    lab.docker("run -d --name web --network n --network-alias api nginx")
    assert str(svg_fn(lab.state)).startswith("<?xml")  # type: ignore[operator]
    flow = lab.reach("web", "8.8.8.8")
    assert flow.delivered and flow._repr_svg_().startswith("<?xml")
    assert lab.draw(highlight=("web", "8.8.8.8")).axes


def test_heatmap_and_dns_chart() -> None:
    """The matrix heatmap has a row label per row and a column per container; the DNS chart
    one bar per address of the alias."""
    from netsim.analysis.dns import query_series
    from netsim.analysis.reach import matrix
    from netsim.diagram.mpl import dns_chart, matrix_heatmap

    lab = Lab()
    lab.docker("network create n")
    for i in range(3):
        lab.docker(f"run -d --name w{i} --network n --network-alias pool nginx")
    m = matrix(lab.state)
    fig = matrix_heatmap(m)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_xticklabels()] == list(m.destinations)
    assert len(ax.get_yticklabels()) == len(list(m.rows()))
    assert to_bytes(fig, "png").startswith(b"\x89PNG")
    chart = dns_chart(query_series(lab.state, "w0", "pool", 300, seed=1))
    assert len(chart.axes[0].patches) == 3
    assert to_bytes(chart, "svg") == to_bytes(
        dns_chart(query_series(lab.state, "w0", "pool", 300, seed=1)), "svg")


def test_draw_into_given_axes() -> None:
    """draw(state, ax=…) draws into the caller's Axes and returns its Figure."""
    from matplotlib.figure import Figure

    st = run_script(TUTORIAL, source="t.sh")[0].state
    fig = Figure()
    ax = fig.add_subplot()
    assert draw(st, ax=ax) is fig
    assert any(t.get_text() == "alpine1" for t in ax.texts)
