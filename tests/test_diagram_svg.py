"""The hand-written SVG of a Layout: every box and line is one element named by its graph node
(what the page's JavaScript finds), every text line is written and escaped, a highlighted flow
is one polyline a step, the same input gives the same bytes, and no matplotlib is loaded."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from conftest import SCENARIOS

from netsim.analysis.reach import reach
from netsim.diagram.layout import Box, Edge, Layout, PathStep, layout
from netsim.diagram.svg import CSS, _n, to_svg
from netsim.lab import Lab, run_script
from netsim.state import State

NS = "{http://www.w3.org/2000/svg}"
REAL = ["seed-alias.sh", "stack-reverse-proxy.sh", "overlay-two-hosts.sh", "seed-macvlan.sh",
        "dual-stack.sh", "seed-modes.sh"]
#: the overlay scenario before its teardown: containers on an overlay across two hosts
OVERLAY_UP = "overlay-two-hosts.sh (up)"


@cache
def state_of(name: str) -> State:
    if name == OVERLAY_UP:
        text = (SCENARIOS / "overlay-two-hosts.sh").read_text()
        return run_script(text.split("docker -H host2 container stop")[0],
                          source="overlay.sh")[0].state
    return Lab.from_file(str(SCENARIOS / name)).state


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)
    assert root.tag == f"{NS}svg"
    return root


def classes(el: ET.Element) -> list[str]:
    return el.get("class", "").split()


def floats(points: str) -> list[tuple[float, float]]:
    return [(float(x), float(y)) for x, y in (p.split(",") for p in points.split())]


def near(a: list[tuple[float, float]], b: tuple[tuple[float, float], ...]) -> bool:
    return len(a) == len(b) and all(abs(p - q) <= 0.051 for pa, pb in zip(a, b, strict=True)
                                    for p, q in zip(pa, pb, strict=True))


@pytest.mark.parametrize("name", [*REAL, OVERLAY_UP])
def test_every_box_and_edge_is_one_element_named_by_its_node(name: str) -> None:
    """A box is one ``g.box`` with its node and kind, its text lines in order (an interface's
    only a transparent rect); an edge is one ``polyline.edge`` with its node, ends and points."""
    lay = layout(state_of(name), title=name)
    svg = to_svg(lay)
    root = parse(svg)
    root_attrs = (root.get("class"), root.get("viewBox"), root.get("width"), root.get("height"))
    w, h = _n(lay.width), _n(lay.height)
    assert root_attrs == ("netsim-topology", f"0 0 {w} {h}", w, h)
    groups = [g for g in root.iter(f"{NS}g") if g.get("data-node") is not None]
    by_node = {g.get("data-node"): g for g in groups}
    assert len(by_node) == len(groups) == len(lay.boxes)
    for b in lay.boxes:
        g = by_node[b.id]
        assert g.get("data-kind") == b.kind
        assert classes(g) == ["box", f"kind-{b.kind}", *([f"style-{b.style}"] if b.style else [])]
        texts = [t.text for t in g.iter(f"{NS}text")]
        if b.kind == "interface":
            assert texts == [] and len(g.findall(f"{NS}rect")) == 1
        else:
            assert texts == list(b.text_lines()), b.id
        if b.kind in ("bar", "lan"):
            (line,) = g.findall(f"{NS}line")
            assert float(line.get("x1", "")) == pytest.approx(b.x, abs=0.051)
            assert float(line.get("x2", "")) == pytest.approx(b.x2, abs=0.051)
        if b.kind in ("host", "container", "nic", "router", "internet", "legend"):
            (rect,) = g.findall(f"{NS}rect")
            assert float(rect.get("width", "")) == pytest.approx(b.w, abs=0.051)
    lines = [p for p in root.iter(f"{NS}polyline") if "edge" in classes(p)]
    by_edge = {p.get("data-node"): p for p in lines}
    assert len(by_edge) == len(lines) == len(lay.edges)
    for e in lay.edges:
        p = by_edge[e.id]
        assert classes(p) == ["edge", f"kind-{e.kind}"]
        assert (p.get("data-src"), p.get("data-dst")) == (e.src, e.dst)
        assert near(floats(p.get("points", "")), e.points), e.id
        assert (p.get("marker-end") is not None) == (e.kind == "published")
    dots = [c.get("data-edge") for c in root.iter(f"{NS}circle")]
    assert dots == [e.id for e in lay.edges if e.kind in ("veth", "macvlan", "overlay")]
    labels = [t.text for t in root.iter(f"{NS}text") if t.get("data-edge")]
    assert labels == [e.label for e in lay.edges if e.kind == "uplink" and e.label]
    assert "<text" not in svg.split("<defs>")[0]  # text only after the style and the markers


def test_the_scenarios_cover_every_kind() -> None:
    """The layouts above hold every kind of line and bar the SVG styles (else the test above
    would check less than it says)."""
    kinds = {e.kind for n in [*REAL, OVERLAY_UP] for e in layout(state_of(n)).edges}
    styles = {b.style for n in [*REAL, OVERLAY_UP] for b in layout(state_of(n)).boxes}
    assert {"veth", "macvlan", "overlay", "uplink", "parent", "lan", "wan", "published",
            "host-stack", "joiner"} <= kinds
    assert {"bridge", "internal", "parent", "overlay", "stopped", "host-mode", "none",
            "joiner"} <= styles


def test_draw_order_puts_text_above_lines() -> None:
    """Hosts, then lines, then bars, then the other boxes, then the flow: no text under a
    line, the flow over everything."""
    st = state_of("stack-reverse-proxy.sh")
    root = parse(to_svg(layout(st, highlight=reach(st, "proxy", "db"))))
    order = [el for el in root if el.tag in (f"{NS}g", f"{NS}polyline")]

    def first(pred: Callable[[ET.Element], bool]) -> int:
        return next(i for i, el in enumerate(order) if pred(el))

    def last(pred: Callable[[ET.Element], bool]) -> int:
        return max(i for i, el in enumerate(order) if pred(el))

    def kind(k: str) -> Callable[[ET.Element], bool]:
        return lambda el: el.get("data-kind") == k

    def edge(el: ET.Element) -> bool:
        return "edge" in classes(el) and "kind-published" not in classes(el)

    assert last(kind("host")) < first(edge) and last(edge) < first(kind("bar"))
    assert last(kind("bar")) < first(kind("container")) and last(kind("lan")) < first(
        kind("container"))
    assert last(lambda el: "kind-published" in classes(el)) < first(kind("container"))
    assert last(kind("legend")) < first(lambda el: el.get("class") == "flow")


def test_text_is_escaped() -> None:
    """``& < > "`` in a line, an id or a caption come back as written."""
    nasty = 'a<b & "c">\'d\''
    box = Box(f'sandbox:h/{nasty}', "container", 10, 10, 100, 40, lines=(nasty, "x"),
              badges=("<b>",), style="stopped")
    edge = Edge(f"{nasty}|lan", "uplink", nasty, "lan", ((1.0, 2.0), (1.0, 30.0)),
                label=nasty)
    lay = Layout((box,), (edge,), 200, 100, title=nasty,
                 path=(PathStep(nasty, "lan", ((1.0, 2.0), (5.0, 6.0)), False),),
                 caption=f"{nasty}\nsecond", delivered=False)
    svg = to_svg(lay)
    assert "&lt;b &amp; &quot;c&quot;&gt;" in svg and nasty not in svg
    root = parse(svg)
    (g,) = [g for g in root.iter(f"{NS}g") if g.get("data-node")]
    assert g.get("data-node") == box.id
    assert [t.text for t in g.iter(f"{NS}text")] == [nasty, "x", "<b>"]
    assert [t.get("class") for t in g.iter(f"{NS}text")] == ["head", None, "badge"]
    (p,) = [p for p in root.iter(f"{NS}polyline") if "edge" in classes(p)]
    assert (p.get("data-node"), p.get("data-src")) == (edge.id, nasty)
    assert root.get("aria-label") == nasty
    texts = [t.text for t in root.iter(f"{NS}text")]
    assert texts[-2:] == [nasty, "second"] and nasty in texts[:-2]  # caption; uplink label


def test_leading_spaces_are_kept() -> None:
    """An interface's MAC and IPv6 lines are indented under it: the SVG keeps the spaces."""
    root = parse(to_svg(layout(state_of("dual-stack.sh"))))
    assert root.get("{http://www.w3.org/XML/1998/namespace}space") == "preserve"
    assert any(t.text and t.text.startswith("  ") for t in root.iter(f"{NS}text"))
    assert "white-space:pre" in CSS


@pytest.mark.parametrize(("name", "src", "dst", "oks"), [
    ("stack-reverse-proxy.sh", "proxy", "db", [True, False]),
    ("stack-reverse-proxy.sh", "proxy", "8.8.8.8", [True, True, True, True]),
    ("stack-reverse-proxy.sh", "app", "db", [True, True]),
    (OVERLAY_UP, "alpine1", "alpine2", [True, True]),
])
def test_a_highlighted_flow_is_one_polyline_a_step(name: str, src: str, dst: str,
                                                   oks: list[bool]) -> None:
    """Each PathStep is a ``polyline.path`` classed ok or stop, over the picture; the stop
    has a cross; the caption is written in the flow's colour."""
    st = state_of(name)
    lay = layout(st, highlight=reach(st, src, dst))
    assert [s.ok for s in lay.path] == oks
    root = parse(to_svg(lay))
    paths = [p for p in root.iter(f"{NS}polyline") if "path" in classes(p)]
    assert len(paths) == len(lay.path)
    for p, step in zip(paths, lay.path, strict=True):
        assert classes(p) == ["path", "ok" if step.ok else "stop"]
        assert (p.get("data-src"), p.get("data-dst")) == (step.src, step.dst)
        assert near(floats(p.get("points", "")), step.points)
        assert p.get("marker-end") == f"url(#netsim-arrow-{'ok' if step.ok else 'stop'})"
    crosses = [x for x in root.iter(f"{NS}path") if x.get("class") == "path-x"]
    assert len(crosses) == oks.count(False)
    caption = [t for t in root.iter(f"{NS}text") if "caption" in classes(t)]
    assert [t.text for t in caption] == lay.caption.split("\n")
    assert all(classes(t)[1] == ("ok" if lay.delivered else "stop") for t in caption)
    plain = parse(to_svg(layout(st)))
    assert not [p for p in plain.iter(f"{NS}polyline") if "path" in classes(p)]


@pytest.mark.parametrize("name", REAL)
def test_same_input_same_bytes(name: str) -> None:
    """Two replays of a file, laid out and written, give the same bytes."""
    a = to_svg(layout(Lab.from_file(str(SCENARIOS / name)).state, title=name))
    b = to_svg(layout(Lab.from_file(str(SCENARIOS / name)).state, title=name))
    assert a == b


def test_css_is_optional_and_covers_the_classes_used() -> None:
    """``css=False`` leaves the style out and nothing else; the style has a rule for every
    kind of line and every bar style and container style the pictures use."""
    lays = [layout(state_of(n)) for n in [*REAL, OVERLAY_UP]]
    for lay in lays:
        with_css, without = to_svg(lay), to_svg(lay, css=False)
        assert "<style>" in with_css and "<style>" not in without
        assert re.sub(r"<style>.*?</style>\n", "", with_css, flags=re.S) == without
    for e in {e.kind for lay in lays for e in lay.edges}:
        assert f".edge.kind-{e}{{" in CSS
    for b in {b for lay in lays for b in lay.boxes
              if b.style and b.kind in ("bar", "container")}:
        sel = (f".kind-bar.style-{b.style} line" if b.kind == "bar"
               else f".kind-container.style-{b.style} rect")
        assert sel in CSS, (b.kind, b.style)
    assert all(rule.startswith(".netsim-topology") for rule in CSS.splitlines())


def test_numbers_are_compact() -> None:
    """One decimal at most, no trailing ``.0``, never ``-0``."""
    assert [_n(v) for v in (3.0, 2.75, 0.04, -0.04, 12.349, -7.5, 1e-9, 1234.0)] == [
        "3", "2.8", "0", "0", "12.3", "-7.5", "0", "1234"]


def test_no_matplotlib(tmp_path: Path) -> None:
    """Importing the SVG backend (and writing a picture) loads no matplotlib."""
    code = ("import sys, netsim.diagram.svg as s, netsim.diagram.layout as l\n"
            "from netsim.lab import run_script\n"
            "st = run_script('docker run -d --name a -p 80:80 nginx')[0].state\n"
            "assert s.to_svg(l.layout(st)).startswith('<svg')\n"
            "assert 'matplotlib' not in sys.modules, 'matplotlib loaded'\n")
    root = Path(__file__).resolve().parents[1]
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                          text=True, env={**os.environ, "PYTHONPATH": str(root)})
    assert done.returncode == 0, done.stderr
