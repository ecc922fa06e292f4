"""IPv6 in the pictures (issue 17): a dual-stack or IPv6-only network's bar shows its IPv6 subnet
beside the IPv4 one, each interface its IPv6 address under its IPv4 one (an IPv6-only interface
only its IPv6 address), the default bridge its IPv6 subnet when the daemon has IPv6; in the
layout, DOT, Mermaid and matplotlib alike. Boxes grow to fit, nothing overlaps, a trace over
IPv6 is highlighted like one over IPv4, and IPv4-only pictures are byte for byte as before."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest
from conftest import SCENARIOS

from netsim.analysis.reach import reach
from netsim.api import DaemonOptions, Host
from netsim.diagram.dot import to_dot
from netsim.diagram.layout import Box, Layout, layout, overlapping, text_width
from netsim.diagram.mermaid import to_mermaid
from netsim.lab import Lab, run_script
from netsim.state import State

EXAMPLE = """\
docker network create --ipv6 --subnet fd00:1::/64 front
docker network create --ipv6 --ipv4=false --subnet fd00:3::/64 v6only
docker run -d --name web --network front -p 8080:80 nginx
docker run -dit --name client --network front alpine
docker run -dit --name o1 --network v6only alpine
"""

#: what the pictures of the example must say, whatever the backend
EXPECTED = ("172.18.0.0/16 gw 172.18.0.1", "fd00:1::/64 gw fd00:1::1", "fd00:3::/64 gw fd00:3::1",
            "eth0 172.18.0.2/16", "fd00:1::2/64", "eth0 172.18.0.3/16", "fd00:1::3/64",
            "eth0 fd00:3::2/64")


def state_of(script: str) -> State:
    """The final state of a script every command of which succeeds."""
    lab, steps = run_script(script)
    assert [s.stderr for s in steps if s.exit_code != 0] == []
    return lab.state


def example() -> State:
    return state_of(EXAMPLE)


def box(lay: Layout, node: str) -> Box:
    b = lay.box(node)
    assert b is not None, node
    return b


def label(lay: Layout, net: str, host: str = "host") -> tuple[str, ...]:
    return box(lay, f"bridge:{host}/{net}#label").text_lines()


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


def test_bars_show_the_ipv6_subnet_beside_the_ipv4_one() -> None:
    lay = layout(example())
    front, v6only = label(lay, "front"), label(lay, "v6only")
    assert front[1:] == ("172.18.0.0/16 gw 172.18.0.1", "fd00:1::/64 gw fd00:1::1")
    assert front[0].startswith("front br-") and v6only[0].startswith("v6only br-")
    assert v6only[1:] == ("fd00:3::/64 gw fd00:3::1",)  # IPv6-only: no IPv4 line


def test_interfaces_show_their_ipv6_address_under_the_ipv4_one() -> None:
    lay = layout(example())
    web, o1 = box(lay, "sandbox:host/web").lines, box(lay, "sandbox:host/o1").lines
    k = web.index("eth0 172.18.0.2/16")
    assert web[k + 1] == "     fd00:1::2/64"  # aligned under the IPv4 address
    assert re.fullmatch(r"  [0-9a-f:]{17}", web[k + 2])  # then the MAC, as before
    assert "eth0 fd00:3::2/64" in o1 and not any("172." in t for t in o1)
    # the IPv6-only interface is an interface box of its own, with its veth to its bar
    assert box(lay, "if:host/o1/eth0").kind == "interface"
    veth = [e for e in lay.edges if e.src == "if:host/o1/eth0"]
    assert [(e.kind, e.dst) for e in veth] == [("veth", "bridge:host/v6only")]
    # the interface row is the eth0 line, not the IPv6 line under it
    ob, row = box(lay, "sandbox:host/o1"), box(lay, "if:host/o1/eth0")
    assert ob.lines[round((row.y - ob.y - 4.0) / row.h)] == "eth0 fd00:3::2/64"


def test_boxes_grow_to_fit_and_nothing_overlaps() -> None:
    lay = layout(example())
    for b in lay.boxes:
        if b.kind in ("container", "label"):
            assert b.w >= max(text_width(t) for t in b.text_lines()), b.id
    labels = [b for b in lay.boxes if b.kind == "label" and b.id.startswith("bridge:")]
    column = max(b.x2 for b in labels)
    bars = [b for b in lay.boxes if b.kind == "bar"]
    assert all(b.x > column for b in bars)  # the label column is as wide as its longest line
    assert overlapping(lay.text_boxes()) == []


def test_dual_stack_labels_with_badges_do_not_overlap() -> None:
    """Adjacent dual-stack bars (one internal with ICC off: five lines) move apart."""
    st = state_of("""\
docker network create --ipv6 --subnet fd00:1::/64 a
docker network create --ipv6 --internal --subnet fd00:2::/64 \
  -o com.docker.network.bridge.enable_icc=false b
docker network create --ipv6 --subnet fd00:3::/64 c
docker run -dit --name xx --network a alpine
docker network connect b xx
docker network connect c xx
""")
    lay = layout(st)
    assert len(label(lay, "b")) == 5
    assert overlapping(lay.text_boxes()) == []
    ys = [box(lay, f"bridge:host/{n}").y for n in "abc"]
    assert ys == sorted(ys)
    assert [e.dst for e in lay.edges if e.src.startswith("if:host/xx/")] == [
        "bridge:host/a", "bridge:host/b", "bridge:host/c"]


def test_a_second_tier_of_dual_stack_bars() -> None:
    script = "docker network create --ipv6 --subnet fd00:1::/64 a\n" \
             "docker network create --ipv6 --subnet fd00:2::/64 bb\n" + "".join(
                 f"docker run -d --name c{i} --network a nginx\n" for i in range(10)
             ) + "docker run -d --name zed --network bb nginx\n"
    lay = layout(state_of(script))
    assert "fd00:2::/64 gw fd00:2::1" in label(lay, "bb")
    assert overlapping(lay.text_boxes()) == []
    zed = box(lay, "sandbox:host/zed")
    assert zed.y > box(lay, "bridge:host/a").y and "     fd00:2::2/64" in zed.lines


@pytest.mark.parametrize("how", ["directive", "host"])
def test_the_default_bridge_of_an_ipv6_daemon(how: str) -> None:
    if how == "directive":
        st = state_of("# netsim: daemon --ipv6 --fixed-cidr-v6=fd00:d0c::/64\n"
                      "docker run -dit --name a1 alpine\n")
    else:
        lab = Lab(hosts=[Host(name="host", daemon=DaemonOptions(
            ipv6=True, fixed_cidr_v6="fd00:d0c::/64"))])
        assert lab.docker("run -dit --name a1 alpine").exit_code == 0
        st = lab.state
    lay = layout(st)
    assert label(lay, "bridge")[1:] == ("172.17.0.0/16 gw 172.17.0.1",
                                        "fd00:d0c::/64 gw fd00:d0c::1")
    a1 = box(lay, "sandbox:host/a1").lines
    assert a1[a1.index("eth0 172.17.0.2/16") + 1] == "     fd00:d0c::2/64"
    for text in (to_dot(lay), to_mermaid(lay)):
        assert "fd00:d0c::/64 gw fd00:d0c::1" in text and "fd00:d0c::2/64" in text


def test_dot_and_mermaid_show_the_ipv6_subnets_and_addresses() -> None:
    lay = layout(example())
    dot, mmd = to_dot(lay), to_mermaid(lay)
    for text in EXPECTED:
        assert text in dot and text in mmd, text
    assert re.search(r'"bridge:host/front" \[.*xlabel="front br-\w+ bridge\\l'
                     r'172\.18\.0\.0/16 gw 172\.18\.0\.1\\lfd00:1::/64 gw fd00:1::1\\l"', dot)
    assert re.search(r'\(\["front br-\w+ bridge<br/>172\.18\.0\.0/16 gw 172\.18\.0\.1<br/>'
                     r'fd00:1::/64 gw fd00:1::1"\]\)', mmd)
    assert "eth0 172.18.0.2/16<br/>fd00:1::2/64<br/>" in mmd
    assert "eth0 fd00:3::2/64<br/>" in mmd
    # o1's veth (IPv6 only) is a link in both
    assert re.search(r'"sandbox:host/o1" -> "bridge:host/v6only"', dot)
    ids = dict(re.findall(r"%% (n\d+) = (\S+)", mmd))
    o1 = next(k for k, v in ids.items() if v == "sandbox:host/o1")
    v6 = next(k for k, v in ids.items() if v == "bridge:host/v6only")
    assert f"  {o1} --- {v6}\n" in mmd


def test_matplotlib_shows_the_ipv6_subnets_and_addresses() -> None:
    pytest.importorskip("matplotlib")
    from netsim.diagram.mpl import draw_layout, text_fits, to_bytes

    lay = layout(example())
    fig = draw_layout(lay)
    svg = to_bytes(fig, "svg").decode()
    for text in EXPECTED:
        assert text in svg, text
    assert text_fits(fig, lay) == []
    assert svg == to_bytes(draw_layout(layout(example())), "svg").decode()
    assert to_bytes(fig, "png").startswith(b"\x89PNG")


def test_a_trace_over_ipv6_is_highlighted_as_over_ipv4() -> None:
    st = example()
    six = reach(st, "client", "fd00:1::2", port=80)
    four = reach(st, "client", "172.18.0.2", port=80)
    assert six.delivered and four.delivered
    lay6, lay4 = layout(st, highlight=six), layout(st, highlight=four)
    assert [(s.src, s.dst, s.points, s.ok) for s in lay6.path] == [
        (s.src, s.dst, s.points, s.ok) for s in lay4.path]
    assert [(s.src, s.dst) for s in lay6.path] == [
        ("if:host/client/eth0", "bridge:host/front"), ("bridge:host/front", "sandbox:host/web")]
    assert lay6.caption.startswith("client -> fd00:1::2: DELIVERED")
    dot, mmd = to_dot(lay6), to_mermaid(lay6)
    path_edges = re.findall(r'^.*class="path".*$', dot, flags=re.M)
    assert len(path_edges) == 2 and all('color="#2ca02c"' in e for e in path_edges)
    assert mmd.count("==>") == 2 and "stroke:#2ca02c" in mmd and "fd00:1::2" in mmd


def test_a_blocked_trace_from_an_ipv6_only_container() -> None:
    """o1 (IPv6 only) to web: its step leaves along its own veth, the last step is red."""
    st = example()
    trace = reach(st, "o1", "fd00:1::2", port=80)
    assert not trace.delivered
    lay = layout(st, highlight=trace)
    assert lay.path[0].src == "if:host/o1/eth0" and lay.path[0].dst == "bridge:host/v6only"
    veth = next(e for e in lay.edges if e.src == "if:host/o1/eth0")
    assert lay.path[0].points == veth.points
    assert [s.ok for s in lay.path][-1] is False and all(s.ok for s in lay.path[:-1])
    assert 'color="#d62728"' in re.findall(r'^.*class="path".*$', to_dot(lay), flags=re.M)[-1]
    assert "stroke:#d62728" in to_mermaid(lay)


def test_same_bytes_on_every_run() -> None:
    first, second = layout(example(), title="x"), layout(example(), title="x")
    assert to_dot(first) == to_dot(second) and to_mermaid(first) == to_mermaid(second)


# sha256 of DOT and Mermaid as netsim drew them before IPv6 was drawn (IPv4-only inputs)
BEFORE = {
    "tutorial-bridge": ("1993cea5f774e024466b786cf11ed6c51f87c7248760243d5163fbdc5c847f4e",
                        "c6c46f24c29b3bae4c89008986890ca7dd27d7ccd4bcef16a3c0e26babf680c0"),
    "tutorial-bridge blocked": (
        "330d4f3839ef5449738659003c109e7b4611f428a87e66a0f73b332564cdaca8",
        "4342ce5713b8771930c01bd2c87597df6422eb14db5ab26d2af69c953f681829"),
    "seed-macvlan": ("2f52e1b83184fc218c27cf4e02258aee4dd764dec9549899c3770e391ec12ff5",
                     "04d654e618085ff4da9edd24ba4c37f74a7171a4c6178a1d347cc220886d2883"),
}


def test_ipv4_only_pictures_are_unchanged() -> None:
    text = (SCENARIOS / "tutorial-bridge.sh").read_text().split("docker container ls")[0]
    st = run_script(text, source="tutorial-bridge.sh")[0].state
    mac = run_script(Path(SCENARIOS / "seed-macvlan.sh").read_text(),
                     source="seed-macvlan.sh")[0].state
    lays = {"tutorial-bridge": layout(st, title="tutorial-bridge.sh"),
            "tutorial-bridge blocked": layout(st, highlight=reach(st, "alpine1", "alpine3")),
            "seed-macvlan": layout(mac)}
    for name, lay in lays.items():
        assert (sha(to_dot(lay)), sha(to_mermaid(lay))) == BEFORE[name], name
        assert not any(":" in line for b in lay.boxes if b.kind == "label"
                       and b.id.startswith(("bridge:", "segment:")) for line in b.lines), name
