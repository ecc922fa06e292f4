"""Where everything goes in a picture of a State: a deterministic, layered layout, no matplotlib.

The picture is a bus diagram, the way network people draw Docker hosts:

* each Docker host is a column box: its name and LAN address at the top left; its containers in
  one row (grouped by their first network); below them its networks as horizontal bars (the
  bridge's name, the Linux bridge, driver, subnet and gateway (a dual-stack network's IPv6
  ones on the next line), and badges for ``internal`` and ``ICC off`` in a label column on the
  left); its NIC at the bottom, on the LAN;
* a container is a box with its name and image, then one line per interface (``eth0`` with its
  address, its IPv6 address under it on a dual-stack network, and MAC, ``lo``); an IPv6-only
  interface shows its IPv6 address; each interface drops a vertical veth line to its network's
  bar (a dot where it joins); host-mode containers say they use the host's stack and hang off
  the NIC; ``none`` containers show only ``lo``; ``container:`` joiners stand right after their
  owner, docked to it; stopped containers are grey and list the networks they would join;
* bridges that are not ``--internal`` reach the NIC through the host's trunk (NAT); macvlan and
  ipvlan bars hang off their parent NIC; overlays are bars across the top of the hosts they span;
* the LAN is a bar under all hosts, with the router and the internet at its right end;
  published ports are labelled arrows from the NIC to the container;
* a legend at the bottom left.

Units are points (1/72 inch), y grows downward. Text is set in a monospace font whose advance
is :data:`CHAR_W` × size, so text extents are known here and tests can check that no two text
boxes overlap. Every box and edge carries the :mod:`netsim.analysis.graph` node id it shows, so a
:class:`netsim.analysis.reach.Trace` (whose hops are such ids) can be highlighted on the picture.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from netsim.analysis.graph import (
    INTERNET,
    LAN,
    ROUTER,
    bridge_node,
    host_node,
    iface_node,
    nic_node,
    overlay_node,
    sandbox_node,
    sandbox_owner,
    segment_node,
)
from netsim.daemon.drivers import get as driver_of
from netsim.state import ContainerState, NetworkState, State, sandbox_order

if TYPE_CHECKING:
    from netsim.analysis.reach import Trace

__all__ = ["CHAR_W", "FONT", "LINE", "Box", "Edge", "Layout", "PathStep", "layout", "path_steps"]

#: font size of every label, points
FONT = 7.0
#: advance of one character of the monospace font (DejaVu Sans Mono: 0.602 em)
CHAR_W = 0.61 * FONT
#: line height, points
LINE = FONT * 1.45
PAD = 4.0
GAP = 14.0  # between containers
BAR_GAP = 22.0  # between bars
HOST_GAP = 40.0
MARGIN = 20.0

BoxKind = Literal["host", "container", "interface", "bar", "label", "nic", "lan", "router",
                  "internet", "legend", "title", "caption"]
EdgeKind = Literal["veth", "macvlan", "uplink", "parent", "lan", "wan", "published", "overlay",
                   "joiner", "host-stack", "path"]


def text_width(text: str) -> float:
    return len(text) * CHAR_W


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle with text lines (or a bar): what it shows is the graph node ``id``."""

    id: str
    kind: BoxKind
    x: float
    y: float
    w: float
    h: float
    lines: tuple[str, ...] = ()
    badges: tuple[str, ...] = ()
    #: containers: "stopped", "host-mode", "none", "joiner"; bars: "internal", else how the
    #: network's driver attaches its endpoints (netsim.daemon.drivers Attachment: "bridge",
    #: "parent", "l3", "overlay")
    style: str = ""
    parent: str | None = None  # the box this one is drawn inside

    @property
    def x2(self) -> float:
        return self.x + self.w

    @property
    def y2(self) -> float:
        return self.y + self.h

    @property
    def cx(self) -> float:
        return self.x + self.w / 2

    @property
    def cy(self) -> float:
        return self.y + self.h / 2

    def text_lines(self) -> tuple[str, ...]:
        return self.lines + self.badges


@dataclass(frozen=True, slots=True)
class Edge:
    """A line between two boxes, through ``points``; ``id`` is its graph node (a veth) or
    ``src|dst``."""

    id: str
    kind: EdgeKind
    src: str
    dst: str
    points: tuple[tuple[float, float], ...]
    label: str = ""


@dataclass(frozen=True, slots=True)
class PathStep:
    """One step of a highlighted flow: from one node's box to the next, ok or where it stops."""

    src: str
    dst: str
    points: tuple[tuple[float, float], ...]
    ok: bool


@dataclass(frozen=True)
class Layout:
    """Every box and edge of the picture, with its size, and an optional highlighted flow."""

    boxes: tuple[Box, ...]
    edges: tuple[Edge, ...]
    width: float
    height: float
    title: str = ""
    path: tuple[PathStep, ...] = ()
    caption: str = ""
    delivered: bool | None = None
    _index: dict[str, Box] = field(default_factory=dict, compare=False, repr=False)

    def box(self, node: str) -> Box | None:
        if not self._index:
            self._index.update({b.id: b for b in self.boxes})
        return self._index.get(node)

    def text_boxes(self) -> list[Box]:
        """The boxes that carry text and are not drawn inside another box."""
        return [b for b in self.boxes if b.text_lines() and b.parent is None]


# --------------------------------------------------------------------------------------------


def _natural(text: str) -> list[Any]:
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", text)]


def _sized(lines: Sequence[str], *, min_w: float = 0.0) -> tuple[float, float]:
    w = max((text_width(t) for t in lines), default=0.0) + 2 * PAD
    return max(w, min_w), len(lines) * LINE + 2 * PAD


@dataclass
class _HostPlan:
    name: str
    containers: list[ContainerState]
    bars: list[NetworkState]
    overlays: list[NetworkState]


def _bar_order(net: NetworkState) -> tuple[int, list[Any]]:
    """The default bridge first, then by the driver's rank (netsim.daemon.drivers
    ``draw_rank``), docker_gwbridge after the user-defined bridges."""
    if net.name == "bridge":  # a name only the default bridge has
        return 0, _natural(net.name)
    if net.name == "docker_gwbridge":
        return 2, _natural(net.name)
    return driver_of(net.driver).draw_rank, _natural(net.name)


def _parent_child(net: NetworkState) -> bool:
    """Its endpoints are children of a parent link (macvlan, ipvlan), not bridge ports."""
    return driver_of(net.driver).attachment(net) in ("parent", "l3")


def _plan(state: State, host: str) -> _HostPlan:
    hs = state.hosts[host]
    used = {e.network for c in hs.containers.values() for e in c.endpoints if e.active}
    bars = sorted((n for n in hs.networks.values()
                   if driver_of(n.driver).drawn_as == "bar"
                   and (n.name in used or not n.predefined)), key=_bar_order)
    overlays = sorted((n for n in hs.networks.values()
                       if driver_of(n.driver).drawn_as == "band" and n.name in used),
                      key=lambda n: _natural(n.name))
    order = {n.name: i for i, n in enumerate([*bars, *overlays])}

    def first_net(c: ContainerState) -> tuple[int, int]:
        if c.network_mode == "host":
            return (len(order) + 1, 0)
        if c.network_mode == "none":
            return (len(order) + 2, 0)
        eps = sandbox_order([e for e in c.endpoints if e.active and not e.gateway_only],
                            hs.networks.get, state.profile)
        nets = [order[e.network] for e in eps if e.network in order]
        if not nets:
            nets = [order.get(e.network, len(order)) for e in c.endpoints]
        return (min(nets) if nets else len(order), 0)

    owners = [c for c in hs.containers.values() if not c.network_mode.startswith("container:")]
    joiners = [c for c in hs.containers.values() if c.network_mode.startswith("container:")]
    owners.sort(key=lambda c: (first_net(c), _natural(c.name)))
    ordered: list[ContainerState] = []
    placed = set()
    for c in owners:
        ordered.append(c)
        placed.add(c.id)
        for j in sorted(joiners, key=lambda j: _natural(j.name)):
            if j.sandbox_owner == c.id or (j.sandbox_owner is None and
                                           j.network_mode.split(":", 1)[1] in (c.name, c.id)):
                ordered.append(j)
                placed.add(j.id)
    ordered += [j for j in sorted(joiners, key=lambda j: _natural(j.name)) if j.id not in placed]
    return _HostPlan(host, ordered, bars, overlays)


def _container_lines(state: State, host: str, c: ContainerState) -> tuple[list[str], list[str],
                                                                          str]:
    """(head lines, interface lines with their ids after a tab, style)."""
    head = [c.name, c.spec.Config.Image]
    ifaces: list[str] = []
    if not c.running:
        nets = ", ".join(e.network for e in c.endpoints if not e.gateway_only) or c.network_mode
        head.append(f"{c.status} ({c.exit_code})")
        head.append(f"net: {nets}")
        return head, ifaces, "stopped"
    mode = c.network_mode
    if mode == "host":
        head.append("host's network stack")
        return head, ifaces, "host-mode"
    if mode.startswith("container:"):
        owner = sandbox_owner(state, host, c)
        head.append(f"in {owner.name}'s netns" if owner is not None else "netns gone: lo only")
        return head, ifaces, "joiner"
    for ep in c.active_endpoints():
        addrs = [str(a) for a in (ep.ipv4, ep.ipv6) if a is not None]
        if not addrs:
            continue
        ifaces.append(f"{ep.ifname} {addrs[0]}\t{iface_node(host, c.name, ep.ifname or 'eth0')}")
        # a dual-stack interface's IPv6 address under its IPv4 one, aligned with it
        ifaces += [f"{' ' * (len(str(ep.ifname)) + 1)}{a}\t" for a in addrs[1:]]
        if ep.mac:
            ifaces.append(f"  {ep.mac}\t")
    ifaces.append(f"lo 127.0.0.1/8\t{iface_node(host, c.name, 'lo')}")
    return head, ifaces, "none" if mode == "none" else ""


#: containers per tier: a host with more wraps into tiers, each with the bars it uses
TIER = 10


def _tiers(containers: Sequence[ContainerState]) -> list[list[ContainerState]]:
    """Split a host's containers into tiers of about TIER, never between an owner and the
    ``container:`` joiners that follow it."""
    tiers: list[list[ContainerState]] = [[]]
    for c in containers:
        joiner = c.network_mode.startswith("container:")
        if len(tiers[-1]) >= TIER and not joiner:
            tiers.append([])
        tiers[-1].append(c)
    return tiers


def _port_lines(c: ContainerState) -> list[str]:
    """One line per published port: ``8080->80/tcp on 0.0.0.0, ::``."""
    by_port: dict[tuple[int, str], list[str]] = {}
    for m in c.port_mappings:
        by_port.setdefault((m.host_port, m.port_key), []).append(m.host_ip)
    return [f"{hp}->{key} on {', '.join(ips)}" for (hp, key), ips in by_port.items()]


def _subnet_lines(net: NetworkState) -> list[str]:
    """``172.18.0.0/16 gw 172.18.0.1``: the IPv4 subnet, then the IPv6 one (dual-stack or
    IPv6-only networks, the default bridge of a daemon run with ``--ipv6``)."""
    subs = [s for s in (net.ipv4_subnet, net.ipv6_subnet) if s is not None]
    return [f"{s.subnet}" + (f" gw {s.gateway}" if s.gateway else "") for s in subs]


def _extra_lines(net: NetworkState) -> int:
    """The lines a dual-stack network's label has more than an IPv4 one (its IPv6 subnet)."""
    return max(len(_subnet_lines(net)) - 1, 0)


def _bar_label(net: NetworkState) -> tuple[list[str], list[str]]:
    first = " ".join(x for x in (net.name, net.interface, net.driver) if x)
    lines = [first, *_subnet_lines(net)]
    badges = []
    if net.internal:
        badges.append("[internal]")
    if not net.icc:
        badges.append("[ICC off]")
    mode = driver_of(net.driver).mode_label(net)
    if mode is not None:
        lines.append(mode)
    return lines, badges


def _bar_shifts(nets: Sequence[NetworkState], rows: Sequence[tuple[list[str], list[str]]]
                ) -> list[float]:
    """How much lower than a tier of IPv4 networks each bar goes, then the tier's bottom: 0.0
    all through for IPv4 networks. A label is centred on its bar; a dual-stack network's has a
    line more (its IPv6 subnet), so the bars around it move half a line further apart, or as
    far as its label and its neighbour's need not to overlap."""
    grow = [_extra_lines(n) * LINE / 2 for n in nets]
    heights = [_sized([*lines, *badges])[1] for lines, badges in rows]
    shifts = [grow[0]] if nets else []
    for i in range(1, len(nets)):
        step = 0.0
        if grow[i - 1] or grow[i]:
            step = max(grow[i - 1] + grow[i],
                       (heights[i - 1] + heights[i]) / 2 + PAD - BAR_GAP * 1.6)
        shifts.append(shifts[-1] + step)
    return [*shifts, (shifts[-1] + grow[-1]) if nets else 0.0]


def layout(state: State, *, highlight: Trace | None = None, title: str = "") -> Layout:
    """Lay out a State (and optionally a flow to highlight)."""
    boxes: list[Box] = []
    edges: list[Edge] = []
    plans = [_plan(state, h) for h in state.hosts]
    overlay_names = sorted({n.name for p in plans for n in p.overlays}, key=_natural)
    top = MARGIN + (LINE + PAD if title else 0)
    overlay_band = len(overlay_names) * BAR_GAP + (PAD if overlay_names else 0)
    hosts_top = top + overlay_band
    x = MARGIN
    host_spans: dict[str, tuple[float, float]] = {}
    nic_boxes: dict[str, Box] = {}
    container_boxes: dict[tuple[str, str], Box] = {}
    overlay_drops: dict[str, list[tuple[float, str, str]]] = {n: [] for n in overlay_names}
    host_bottoms: list[float] = []
    for plan in plans:
        hs = state.hosts[plan.name]
        host = hs.host
        header = [f"Docker host: {plan.name}",
                  f"{host.interface} {hs.host.address or ''}".strip()]
        label_rows = [_bar_label(n) for n in plan.bars]
        labels = {n.name: lb for n, lb in zip(plan.bars, label_rows, strict=True)}
        label_w = max([text_width(t) for lines, badges in label_rows for t in [*lines, *badges]]
                      + [text_width(t) for t in header] + [60.0]) + 2 * PAD
        hx = x
        inner_x = hx + PAD + label_w + GAP
        row_y = hosts_top + PAD
        header_box = Box(f"{host_node(plan.name)}#label", "label", hx + PAD, row_y,
                         *_sized(header), lines=tuple(header))
        boxes.append(header_box)
        # the containers, in tiers of at most TIER, each tier above the bars it uses
        tiers = _tiers(plan.containers)
        c_layout: list[tuple[ContainerState, Box, list[tuple[str, float]], int]] = []
        tier_bars: list[list[NetworkState]] = []
        bar_y: dict[tuple[int, str], float] = {}
        y = row_y
        content_right = inner_x + 80.0
        for t, tier in enumerate(tiers):
            cx = inner_x
            row_h = 0.0
            for c in tier:
                head, ifaces, style = _container_lines(state, plan.name, c)
                text = head + [i.split("\t")[0] for i in ifaces] + [
                    f"-p {p}" for p in _port_lines(c)]
                w, h = _sized(text, min_w=70.0)
                rows = [(node, y + PAD + (len(head) + k) * LINE)
                        for k, i in enumerate(ifaces) if (node := i.partition("\t")[2])]
                c_layout.append((c, Box(sandbox_node(plan.name, c.name), "container", cx, y, w,
                                        h, lines=tuple(text), style=style), rows, t))
                cx += w + GAP
                row_h = max(row_h, h)
            content_right = max(content_right, cx - GAP)
            row_bottom = max(y + row_h, header_box.y2 if t == 0 else y)
            used = {e.network for c in tier for e in c.endpoints if e.active}
            members = {e.network for c in plan.containers for e in c.endpoints if e.active}
            nets = [n for n in plan.bars if n.name in used or (t == 0 and n.name not in members)]
            tier_bars.append(nets)
            shift = _bar_shifts(nets, [labels[n.name] for n in nets])
            for i, net in enumerate(nets):
                bar_y[(t, net.name)] = row_bottom + BAR_GAP + i * BAR_GAP * 1.6 + shift[i]
            y = (row_bottom + BAR_GAP + max(len(nets) - 1, 0) * BAR_GAP * 1.6
                 + (BAR_GAP * 1.5 if nets else 0) + shift[-1])
        trunk_x = content_right + GAP
        nic_y = y
        nic_lines = [f"{host.interface} {hs.host.address or ''}".strip(), "NIC (LAN)"]
        published = sorted({(m.host_port, m.proto, c.name, m.container_port)
                            for c in plan.containers for m in c.port_mappings})
        nic_lines += [f"{hp}/{proto} -> {name}:{cp}" for hp, proto, name, cp in published]
        nw, nh = _sized(nic_lines)
        nic = Box(nic_node(plan.name, host.interface), "nic", trunk_x - nw / 2, nic_y, nw, nh,
                  lines=tuple(nic_lines))
        host_right = max(trunk_x + GAP, nic.x2 + PAD)
        host_bottom = nic.y2 + PAD
        boxes.append(Box(host_node(plan.name), "host", hx, hosts_top, host_right - hx,
                         host_bottom - hosts_top))
        boxes.append(nic)
        nic_boxes[plan.name] = nic
        drawn: set[str] = set()
        for t, nets in enumerate(tier_bars):
            for net in nets:
                lines, badges = labels[net.name]
                by = bar_y[(t, net.name)]
                bid = _bar_id(plan.name, net)
                # the first bar drawn of a network carries its graph id (edges and traces
                # name it); later tiers' copies are tagged
                tag = "" if net.name not in drawn else f"#{t}"
                drawn.add(net.name)
                lw, lh = _sized(lines + badges)
                boxes.append(Box(f"{bid}{tag}#label", "label", hx + PAD, by - lh / 2, lw, lh,
                                 lines=tuple(lines), badges=tuple(badges),
                                 style="internal" if net.internal else ""))
                boxes.append(Box(f"{bid}{tag}", "bar", inner_x - GAP / 2, by - 1.5,
                                 trunk_x - inner_x + GAP / 2, 3.0,
                                 style="internal" if net.internal else
                                 driver_of(net.driver).attachment(net)))
                if _parent_child(net):
                    edges.append(Edge(f"{bid}{tag}|{nic.id}", "parent", bid, nic.id,
                                      ((trunk_x, by), (trunk_x, nic.y))))
                elif not net.internal:
                    first = not any(e.kind == "uplink" and e.dst == nic.id for e in edges)
                    edges.append(Edge(f"{bid}{tag}|{nic.id}", "uplink", bid, nic.id,
                                      ((trunk_x, by), (trunk_x, nic.y)),
                                      label="NAT" if first else ""))
        # containers and their veth drops
        for c, box, iface_rows, t in c_layout:
            boxes.append(box)
            container_boxes[(plan.name, c.name)] = box
            for node, iy in iface_rows:
                boxes.append(Box(node, "interface", box.x, iy, box.w, LINE, parent=box.id))
            if not c.running:
                continue
            eps = [e for e in c.active_endpoints()
                   if e.ipv4 is not None or e.ipv6 is not None]
            for k, ep in enumerate(eps):
                ep_net = hs.networks.get(ep.network)
                if ep_net is None:
                    continue
                net = ep_net
                lx = box.x + PAD + 6 + k * 6
                ifnode = iface_node(plan.name, c.name, ep.ifname or "eth0")
                if driver_of(net.driver).drawn_as == "band":
                    overlay_drops.setdefault(net.name, []).append((lx, box.id, ifnode))
                    continue
                if (t, net.name) not in bar_y:
                    continue
                kind: EdgeKind = "macvlan" if _parent_child(net) else "veth"
                node = (f"veth:{plan.name}/{ep.host_veth}" if ep.host_veth
                        else f"{ifnode}|{_bar_id(plan.name, net)}")
                edges.append(Edge(node, kind, ifnode, _bar_id(plan.name, net),
                                  ((lx, box.y2), (lx, bar_y[(t, net.name)]))))
            if c.network_mode == "host":
                edges.append(Edge(f"{box.id}|{nic.id}", "host-stack", box.id, nic.id,
                                  ((box.cx, box.y2), (box.cx, nic.cy), (nic.x, nic.cy)),
                                  label="host netns"))
            if c.network_mode.startswith("container:"):
                owner = sandbox_owner(state, plan.name, c)
                if owner is not None and (plan.name, owner.name) in container_boxes:
                    ob = container_boxes[(plan.name, owner.name)]
                    edges.append(Edge(f"{box.id}|{ob.id}", "joiner", box.id, ob.id,
                                      ((box.x, box.cy), (ob.x2, ob.cy)), label="shares netns"))
            seen_ports: set[tuple[int, str]] = set()
            for m in c.port_mappings:
                if (m.host_port, m.proto) in seen_ports:
                    continue
                seen_ports.add((m.host_port, m.proto))
                edges.append(Edge(f"port:{plan.name}/{c.name}/{m.host_port}/{m.proto}",
                                  "published", nic.id, box.id,
                                  ((nic.x, nic.y + PAD), (box.x2 - PAD, box.y2)),
                                  label=f"{m.host_port}->{c.name}:{m.port_key}"))
        host_spans[plan.name] = (hx, host_right)
        host_bottoms.append(host_bottom)
        x = host_right + HOST_GAP
    # overlays: bars across the hosts they span
    for i, name in enumerate(overlay_names):
        y = top + PAD + i * BAR_GAP
        spanned = [p.name for p in plans if any(n.name == name for n in p.overlays)]
        x1 = min(host_spans[h][0] for h in spanned)
        x2 = max(host_spans[h][1] for h in spanned)
        net = next(n for p in plans for n in p.overlays if n.name == name)
        lines, badges = _bar_label(net)
        subnets = ", ".join(lines[1:2 + _extra_lines(net)])  # its IPv4 and IPv6 subnets
        label = f"{lines[0]}  {subnets}  (VXLAN)".strip()
        boxes.append(Box(overlay_node(name), "bar", x1, y - 1.5, x2 - x1, 3.0, style="overlay"))
        lw, lh = _sized([label])
        boxes.append(Box(f"{overlay_node(name)}#label", "label", x1 + GAP, y - lh, lw, lh,
                         lines=(label,)))
        for lx, cid, ifnode in overlay_drops.get(name, []):
            cb = next(b for b in boxes if b.id == cid)
            edges.append(Edge(f"{ifnode}|{overlay_node(name)}", "overlay", ifnode,
                              overlay_node(name), ((lx, cb.y), (lx, y))))
    # the LAN, its router and the internet
    lan_y = max(host_bottoms) + BAR_GAP * 1.5
    right = x - HOST_GAP
    gw = state.lan.gateway
    router_lines = ["router", str(gw) if gw else ""]
    rw, rh = _sized([t for t in router_lines if t])
    router = Box(ROUTER, "router", right + GAP, lan_y - rh / 2, rw, rh,
                 lines=tuple(t for t in router_lines if t))
    inet_lines = ["internet"]
    iw, ih = _sized(inet_lines)
    internet = Box(INTERNET, "internet", router.x2 + GAP * 2, lan_y - ih / 2, iw, ih,
                   lines=tuple(inet_lines))
    lan_label = f"LAN {state.lan.subnet}"
    boxes.append(Box(LAN, "lan", MARGIN, lan_y - 1.5, router.x - MARGIN, 3.0))
    boxes.append(Box(f"{LAN}#label", "label", MARGIN, lan_y + PAD, *_sized([lan_label]),
                     lines=(lan_label,)))
    boxes += [router, internet]
    edges.append(Edge(f"{ROUTER}|{INTERNET}", "wan", ROUTER, INTERNET,
                      ((router.x2, lan_y), (internet.x, lan_y))))
    for nic in nic_boxes.values():
        edges.append(Edge(f"{nic.id}|{LAN}", "lan", nic.id, LAN, ((nic.cx, nic.y2),
                                                                   (nic.cx, lan_y))))
    legend = _legend(MARGIN, lan_y + PAD + LINE + 2 * PAD + PAD)
    boxes.append(legend)
    width = max(internet.x2, legend.x2) + MARGIN
    height = legend.y2 + MARGIN
    if title:
        boxes.append(Box("title", "title", MARGIN, MARGIN, *_sized([title]), lines=(title,)))
    result = Layout(tuple(boxes), tuple(edges), width, height, title)
    if highlight is not None:
        result = _highlight(result, highlight)
    return result


def _bar_id(host: str, net: NetworkState) -> str:
    if not net.interface and _parent_child(net):
        return segment_node(host, net.name)
    return bridge_node(host, net.name)


LEGEND = (
    "legend",
    "---  veth pair (container eth <-> bridge)",
    "- -  macvlan/ipvlan child of the NIC",
    "===  bar: a network (bridge, macvlan, overlay)",
    "-->  published port (host port -> container)",
    "...  shares a network namespace",
)


def _legend(x: float, y: float) -> Box:
    w, h = _sized(LEGEND)
    return Box("legend", "legend", x, y, w, h, lines=LEGEND)


def _anchor(lay: Layout, node: str, near: tuple[float, float] | None) -> tuple[float, float] | None:
    """Where a path step touches a node's box: a bar or the LAN under the point it comes from,
    an interface where its veth leaves the container, other boxes at their centre."""
    b = lay.box(node)
    if b is None:
        return None
    if b.kind in ("bar", "lan") and near is not None and b.x <= near[0] <= b.x2:
        return (near[0], b.cy)
    if b.kind == "interface":
        veth = next((e for e in lay.edges if e.src == node), None)
        return veth.points[0] if veth is not None else (b.x + PAD + 6, b.cy)
    return (b.cx, b.cy)


def _route(lay: Layout, a: str, b: str, start: tuple[float, float]
           ) -> tuple[tuple[float, float], ...] | None:
    """The points of one step: along the layout's own lines where there are some (a veth, a
    bar's uplink to the NIC, the NIC's line to the LAN and along it), else straight."""
    if b.startswith("sandbox:"):  # into a container: up the veth of its interface on ``a``
        prefix = "if:" + b.removeprefix("sandbox:") + "/"
        for e in lay.edges:
            if e.dst == a and e.src.startswith(prefix) and e.kind in ("veth", "macvlan",
                                                                        "overlay"):
                return tuple(reversed(e.points))
    for e in lay.edges:
        if (e.src, e.dst) == (a, b) and e.kind in ("veth", "macvlan", "overlay", "published",
                                                    "host-stack"):
            return e.points
        if (e.src, e.dst) == (a, b) and e.kind in ("uplink", "parent"):
            return ((start[0], e.points[0][1]), *e.points)
        if (e.src, e.dst) == (b, a) and e.kind in ("veth", "macvlan", "overlay", "uplink",
                                                    "parent"):
            return ((start[0], e.points[-1][1]), *reversed(e.points[:-1])) \
                if e.kind in ("uplink", "parent") else tuple(reversed(e.points))
    nic_lan = {e.src: e for e in lay.edges if e.kind == "lan"}
    lan = lay.box("lan")
    if a in nic_lan and lan is not None:  # a NIC to something on the LAN
        down = nic_lan[a].points
        if b == LAN:
            return down
        end = _anchor(lay, b, None)
        if end is not None:
            return (*down, (end[0], down[-1][1]), end)
    if b in nic_lan and lan is not None:
        up = tuple(reversed(nic_lan[b].points))
        return ((start[0], up[0][1]), *up)
    end = _anchor(lay, b, start)
    return None if end is None else (start, end)


def path_steps(lay: Layout, trace: Trace) -> tuple[PathStep, ...]:
    """The flow's path on a layout made without it (what :func:`layout` with ``highlight``
    draws): the interactive page draws each flow on one picture."""
    return _highlight(lay, trace).path


def _highlight(lay: Layout, trace: Trace) -> Layout:
    """The flow's hops as steps between their nodes' boxes: green while the packet goes on, the
    last one red when it does not arrive. An interface's step first follows its own veth to its
    network's bar."""
    nics = {b.id.split("/", 1)[0].removeprefix("nic:"): b.id for b in lay.boxes
            if b.kind == "nic"}
    nodes: list[str] = []
    for h in trace.hops:
        node = h.node
        if node.startswith("host:"):  # a packet enters and leaves a host through its NIC
            node = nics.get(node.removeprefix("host:"), node)
        if nodes and nodes[-1].startswith("if:"):
            veth = next((e for e in lay.edges if e.src == nodes[-1]
                         and e.kind in ("veth", "macvlan", "overlay")), None)
            if veth is not None and veth.dst != node:
                nodes.append(veth.dst)
        if not nodes or nodes[-1] != node:
            nodes.append(node)
    steps: list[PathStep] = []
    here: tuple[float, float] | None = None
    for i, (a, b) in enumerate(itertools.pairwise(nodes)):
        start = here or _anchor(lay, a, None)
        if start is None:
            continue
        points = _route(lay, a, b, start)
        if points is None:
            continue
        if here is not None and points[0] != here:
            points = (here, *points)  # along the bar (or the LAN) to where the next line leaves
        steps.append(PathStep(a, b, points, trace.delivered or i < len(nodes) - 2))
        here = points[-1]
    caption = f"{trace.src} -> {trace.dst}: {trace.disposition.value}"
    if trace.hops:
        caption += f": {trace.hops[-1].text}"
    width = max(lay.width - 2 * MARGIN, 40 * CHAR_W)
    lines = _wrap(caption, int(width / CHAR_W))
    return Layout(lay.boxes, lay.edges, lay.width, lay.height + LINE * (len(lines) + 1),
                  lay.title, tuple(steps), "\n".join(lines), trace.delivered)


def _wrap(text: str, width: int) -> list[str]:
    lines: list[str] = []
    line = ""
    for word in text.split(" "):
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}" if line else word
    return [*lines, line] if line else lines


def overlapping(boxes: Iterable[Box]) -> list[tuple[str, str]]:
    """Pairs of boxes whose rectangles overlap (for tests)."""
    items = sorted(boxes, key=lambda b: b.x)
    out = []
    for i, a in enumerate(items):
        for b in items[i + 1:]:
            if b.x >= a.x2:
                break
            if a.y < b.y2 and b.y < a.y2:
                out.append((a.id, b.id))
    return out
