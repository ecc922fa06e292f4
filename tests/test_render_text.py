"""DOT and Mermaid from the picture's layout: for every bundled scenario, and every state it
passes through, reproducible, everything labelled, structurally sound; a highlighted flow
coloured."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from conftest import BUNDLED, SCENARIOS

from netsim.analysis.reach import reach
from netsim.diagram.dot import to_dot
from netsim.diagram.layout import Layout, layout
from netsim.diagram.mermaid import to_mermaid
from netsim.io.scenario import parse_scenario
from netsim.io.script import parse_script
from netsim.lab import run_scenario, run_script
from netsim.state import State

QUOTED = r'"(?:[^"\\]|\\.)*"'
IDS = [p.name for p in BUNDLED]


def replay(path: Path) -> Iterator[State]:
    """The state before each command of a bundled file, then its final state (as `_load` in
    netsim.cli reads it: a YAML scenario, else a script)."""
    text = path.read_text()
    if path.suffix == ".yaml":
        sc = parse_scenario(text, source=str(path))
        for k in range(len(sc.steps) + 1):
            yield run_scenario(sc.model_copy(update={"steps": sc.steps[:k]}))[0].state
        return
    lines = text.splitlines(keepends=True)
    cuts = [sl.line - 1 for sl in parse_script(text, source=str(path)) if sl.directive is None]
    for cut in [*cuts, len(lines)]:
        yield run_script("".join(lines[:cut]), source=str(path))[0].state


def fullest(path: Path) -> State:
    """The state with the most containers and networks (the final one may be torn down)."""
    return max(replay(path), key=lambda st: sum(len(h.containers) + len(h.networks)
                                                 for h in st.hosts.values()))


def expected_words(st: State) -> set[str]:
    """Every container name, published host port, and every network the picture draws (not the
    unused predefined ones, nor an overlay no container on that host uses) with its subnets."""
    words = set()
    for h in st.hosts.values():
        used = {e.network for c in h.containers.values() for e in c.endpoints if e.active}
        for c in h.containers.values():
            words.add(c.name)
            words |= {str(m.host_port) for m in c.port_mappings}
        for n in h.networks.values():
            if n.driver in ("host", "null") or ((n.predefined or n.driver == "overlay")
                                                 and n.name not in used):
                continue
            words.add(n.name)
            words |= {str(s.subnet) for s in n.subnets if s.subnet.version == 4}
    return words


def missing(words: set[str], text: str) -> list[str]:
    """The words that do not stand in text as whole words (``web`` is not in ``web2``)."""
    return sorted(w for w in words
                  if not re.search(rf"(?<![\w.-]){re.escape(w)}(?!\w|[.-]\w)", text))


def dot_problems(dot: str, lay: Layout) -> list[str]:
    """What is structurally wrong with a DOT text: unbalanced braces, an edge between undeclared
    nodes, a line that is no statement, a position outside the graph."""
    bare = re.sub(QUOTED, '""', dot)
    problems = [] if bare.count("{") == bare.count("}") else ["unbalanced braces"]
    if not dot.startswith("digraph netsim {\n") or not dot.endswith("\n}\n"):
        problems.append("not one digraph")
    nodes = set(re.findall(rf"^\s+({QUOTED}) \[", dot, flags=re.M))
    for a, b in re.findall(rf"^\s+({QUOTED}) -> ({QUOTED}) \[", dot, flags=re.M):
        problems += [f"undeclared {n}" for n in (a, b) if n not in nodes]
    statement = re.compile(r'\s+(?:"" (?:-> "" )?\[.*\];|(?:graph|node|edge) \[.*\];'
                           r"|subgraph cluster_\d+ \{|\})")
    problems += [f"not a statement: {line}" for line in bare.splitlines()[1:-1]
                 if not statement.fullmatch(line)]
    for x, y in re.findall(r'\bpos="(-?[\d.]+),(-?[\d.]+)!"', dot):
        if not (0 <= float(x) <= lay.width and 0 <= float(y) <= lay.height):
            problems.append(f"pos {x},{y} outside the graph")
    return problems


def mermaid_problems(mmd: str) -> list[str]:
    """What is wrong with a Mermaid text: front matter that is not YAML with a title, no
    flowchart, a link or linkStyle to nothing, a node without its id comment."""
    problems = []
    body = mmd
    if mmd.startswith("---\n"):
        front, _, body = mmd[4:].partition("\n---\n")
        meta = yaml.safe_load(front)
        if not isinstance(meta, dict) or not isinstance(meta.get("title"), str):
            problems.append(f"front matter {front!r}")
    if not body.startswith("flowchart TB\n"):
        problems.append("no flowchart")
    declared = re.findall(r'^\s+(n\d+)(?:\["|\(\["|\(\(")', mmd, flags=re.M)
    mapped = re.findall(r"^\s+%% (n\d+) = \S+$", mmd, flags=re.M)
    if declared != mapped or len(set(declared)) != len(declared):
        problems.append("nodes and their id comments differ")
    links = re.findall(r'^\s+(\w+) (?:---|-\.-|==>|-->\|"[^"|]*"\|) (\w+)$', mmd, flags=re.M)
    problems += [f"link to undeclared {n}" for link in links for n in link if n not in declared]
    if len(links) != len(re.findall(r"^\s+n\d+ [-=.>|]", mmd, flags=re.M)):
        problems.append("a link of an unknown form")
    styled = [int(i) for i in re.findall(r"^\s+linkStyle (\d+) ", mmd, flags=re.M)]
    problems += [f"linkStyle {i} of no link" for i in styled if i >= len(links)]
    return problems


@pytest.mark.parametrize("path", BUNDLED, ids=IDS)
def test_same_bytes_on_every_run(path: Path) -> None:
    """Two replays of a bundled file draw byte-identical DOT and Mermaid."""
    first, second = layout(fullest(path), title=path.name), layout(fullest(path), title=path.name)
    assert to_dot(first) == to_dot(second)
    assert to_mermaid(first) == to_mermaid(second)


@pytest.mark.parametrize("path", BUNDLED, ids=IDS)
def test_every_name_subnet_and_port_is_shown(path: Path) -> None:
    """In every state of a bundled file, DOT and Mermaid name every container, drawn network,
    IPv4 subnet and published host port."""
    for st in replay(path):
        lay = layout(st, title=path.name)
        words = expected_words(st)
        assert missing(words, re.sub(r"\\[ln]", "\n", to_dot(lay))) == []  # line breaks
        assert missing(words, to_mermaid(lay)) == []


@pytest.mark.parametrize("path", BUNDLED, ids=IDS)
def test_structurally_sound(path: Path) -> None:
    """In every state of a bundled file, the DOT is one digraph of declared nodes and the
    Mermaid a flowchart whose links join declared ids."""
    for st in replay(path):
        lay = layout(st, title=path.name)
        assert dot_problems(to_dot(lay), lay) == []
        assert mermaid_problems(to_mermaid(lay)) == []


def tutorial_bridge() -> State:
    """tutorial-bridge.sh up to the teardown: alpine1, alpine2, alpine4 on alpine-net,
    alpine3 (and alpine4) on the default bridge."""
    text = (SCENARIOS / "tutorial-bridge.sh").read_text().split("docker container ls")[0]
    return run_script(text, source="tutorial-bridge.sh")[0].state


def test_blocked_flow_is_red_and_delivered_green() -> None:
    """alpine1 -> alpine3 (ISOLATED_NETWORKS) ends in a red step with its verdict shown;
    alpine1 -> alpine2 is green throughout; in DOT and Mermaid."""
    st = tutorial_bridge()
    blocked = layout(st, highlight=reach(st, "alpine1", "alpine3"))
    ok = layout(st, highlight=reach(st, "alpine1", "alpine2"))
    dot, mmd = to_dot(blocked), to_mermaid(blocked)
    path_edges = re.findall(r'^.*class="path".*$', dot, flags=re.M)
    assert path_edges and 'color="#d62728"' in path_edges[-1]
    assert all('color="#2ca02c"' in e for e in path_edges[:-1])
    assert "ISOLATED_NETWORKS" in dot and "ISOLATED_NETWORKS" in mmd
    assert "stroke:#d62728" in mmd and "==>" in mmd and mermaid_problems(mmd) == []
    assert dot_problems(dot, blocked) == []
    assert '"#d62728"' not in to_dot(ok) and 'color="#2ca02c"' in to_dot(ok)
    assert "stroke:#2ca02c" in to_mermaid(ok) and "stroke:#d62728" not in to_mermaid(ok)


def test_text_is_escaped() -> None:
    """Quotes, backslashes and colons in a title survive both formats intact."""
    title = 'a "quoted" C:\\N title: with colons'
    lay = layout(tutorial_bridge(), title=title)
    dot = to_dot(lay)
    assert 'label="a \\"quoted\\" C:\\\\N title: with colons' in dot
    assert dot_problems(dot, lay) == []
    mmd = to_mermaid(lay)
    assert yaml.safe_load(mmd.split("---\n")[1])["title"] == title
    assert mermaid_problems(mmd) == []


def test_second_tier_bars_get_their_lines() -> None:
    """On a host whose containers wrap into a second tier, a network only that tier uses
    still gets its veth and NAT lines: its bar there carries the network's own id, so a trace
    finds it too."""
    script = "docker network create a\ndocker network create bb\n" + "".join(
        f"docker run -d --name c{i} --network a nginx\n" for i in range(10)
    ) + "docker run -d --name zed --network bb nginx\n"
    lay = layout(run_script(script)[0].state)
    assert lay.box("bridge:host/bb") is not None and lay.box("bridge:host/bb#1") is None
    dot = to_dot(lay)
    assert '"sandbox:host/zed" -> "bridge:host/bb"' in dot
    assert '"bridge:host/bb" -> "nic:host/eth0"' in dot
    assert dot_problems(dot, lay) == [] and mermaid_problems(to_mermaid(lay)) == []


@pytest.mark.parametrize("path", BUNDLED, ids=IDS)
def test_graphviz_reads_the_dot(path: Path, tmp_path: Path) -> None:
    """Graphviz itself renders the DOT: `dot -Tsvg` and `neato -n2 -Tsvg` (netsim's positions)
    exit 0. CI installs graphviz; elsewhere the test skips without it."""
    if shutil.which("dot") is None or shutil.which("neato") is None:
        if os.environ.get("NETSIM_REQUIRE_ROOT_TESTS") == "1":
            pytest.fail("graphviz is not installed (CI installs it: .ci/run)")
        pytest.skip("graphviz is not installed")
    src = tmp_path / "g.dot"
    st = fullest(path)
    src.write_text(to_dot(layout(st, title=path.name)))
    for cmd in (["dot", "-Tsvg", str(src)], ["neato", "-n2", "-Tsvg", str(src)]):
        r = subprocess.run(cmd, capture_output=True, text=True, check=False)
        assert r.returncode == 0 and r.stdout.startswith("<?xml"), r.stderr
