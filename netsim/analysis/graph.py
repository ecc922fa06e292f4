"""The State as a networkx graph: hosts, namespaces, bridges, veth pairs, interfaces, the LAN.

:func:`topology` draws what exists (the picture the renderer lays out and the nodes a
:class:`netsim.analysis.reach.Trace` walks through). :func:`forwarding` keeps only the hops Docker's
rules let a container's packet take (ICMP, Engine 29.1 defaults); it is what a naive per-pair path
search runs on, and tests check it agrees with :func:`netsim.analysis.reach.matrix`.

Node ids come from Docker's names, so they are stable and readable::

    host:H                    a Docker host's network namespace (the root netns)
    nic:H/eth0                its NIC on the LAN (a VLAN sub-interface: nic:H/eth0.10)
    bridge:H/NET              the Linux bridge of a bridge network (docker0, br-<id12>)
    veth:H/vethXXXXXXX        the host end of a container's veth pair
    sandbox:H/NAME            a container's network namespace (the owner's name; ``container:``
                              joiners share it)
    if:H/NAME/eth0            an interface inside it (also ``…/lo``)
    overlay:NET               an overlay network's VXLAN segment, across hosts
    segment:H/NET             the private segment of a parent-less macvlan/ipvlan network
                              (or of another driver whose children hang off a link of its
                              own: netsim.daemon.drivers Attachment ``parent``)
    lan, router, internet     the hosts' LAN, its router, and everything beyond it

Every node has ``kind`` (the first word of its id) and ``label``; edges have ``kind``
(``veth``, ``port``, ``l3``, ``macvlan``, ``ipvlan``, ``vxlan``, ``uplink``, ``lo``, ``member``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from netsim.daemon.drivers import get as driver_of

if TYPE_CHECKING:
    import networkx as nx

    from netsim.state import ContainerState, NetworkState, State

__all__ = [
    "INTERNET",
    "LAN",
    "ROUTER",
    "bridge_node",
    "forwarding",
    "host_node",
    "iface_node",
    "nic_node",
    "overlay_node",
    "parent_nic",
    "sandbox_node",
    "sandbox_owner",
    "sandbox_source",
    "segment_node",
    "topology",
    "veth_node",
]

LAN = "lan"
ROUTER = "router"
INTERNET = "internet"


def host_node(host: str) -> str:
    return f"host:{host}"


def nic_node(host: str, iface: str) -> str:
    return f"nic:{host}/{iface}"


def bridge_node(host: str, network: str) -> str:
    return f"bridge:{host}/{network}"


def veth_node(host: str, veth: str) -> str:
    return f"veth:{host}/{veth}"


def sandbox_node(host: str, container: str) -> str:
    return f"sandbox:{host}/{container}"


def sandbox_source(host: str, container: str) -> str:
    """Where a container's own packets start in :func:`forwarding` (a sandbox is no router:
    what arrives at ``sandbox:`` stays there)."""
    return f"from:{host}/{container}"


def iface_node(host: str, container: str, ifname: str) -> str:
    return f"if:{host}/{container}/{ifname}"


def overlay_node(network: str) -> str:
    return f"overlay:{network}"


def segment_node(host: str, network: str) -> str:
    return f"segment:{host}/{network}"


def parent_nic(host_iface: str, net: NetworkState) -> str | None:
    """The host NIC a network's children (macvlan/ipvlan) hang off (None: a dummy parent, no
    LAN): its driver's ``parent_link``."""
    parent = driver_of(net.driver).parent_link(net)
    if not parent:
        return None
    vlan = parent.partition(".")[2]
    # netsim models one NIC per host: any named parent is that NIC (or its VLAN sub-interface)
    return f"{host_iface}.{vlan}" if vlan else host_iface


def sandbox_owner(state: State, host: str, c: ContainerState) -> ContainerState | None:
    """The container whose namespace ``c`` runs in (itself, or the first owner up its chain of
    ``container:`` targets), or None when that namespace is gone (the owner stopped or
    restarted since ``c`` joined)."""
    if c.sandbox_owner is None:
        return c
    by_id = {o.id: o for o in state.hosts[host].containers.values()}
    owner: ContainerState | None = c
    seen = set()
    while owner is not None and owner.sandbox_owner is not None and owner.id not in seen:
        # a joiner of a joiner shares the first owner's namespace (container_operations.go
        # getNetworkedContainer gives the target's SandboxID, whatever its own mode)
        seen.add(owner.id)
        owner = by_id.get(owner.sandbox_owner)
    if owner is None or owner.sandbox_owner is not None or not owner.running or (
            owner.sandbox_id != c.sandbox_id):
        return None
    return owner


def topology(state: State) -> nx.MultiGraph[str]:
    """Everything that exists, as an undirected multigraph with deterministic node order."""
    import networkx as nx

    g: nx.MultiGraph[str] = nx.MultiGraph()
    g.add_node(INTERNET, kind="internet", label="internet")
    g.add_node(ROUTER, kind="router", label=f"router {state.lan.gateway}")
    g.add_node(LAN, kind="lan", label=f"LAN {state.lan.subnet}")
    g.add_edge(ROUTER, INTERNET, kind="uplink")
    g.add_edge(ROUTER, LAN, kind="member")
    for hname, hs in state.hosts.items():
        hn = host_node(hname)
        g.add_node(hn, kind="host", label=hs.host.effective_hostname, host=hname)
        nic = nic_node(hname, hs.host.interface)
        g.add_node(nic, kind="nic", label=f"{hs.host.interface} {hs.host.address}", host=hname)
        g.add_edge(hn, nic, kind="l3")
        g.add_edge(nic, LAN, kind="member")
        for net in hs.networks.values():
            sub = net.ipv4_subnet
            attachment = driver_of(net.driver).attachment(net)
            if attachment == "bridge" and net.host == hname:
                bn = bridge_node(hname, net.name)
                g.add_node(bn, kind="bridge", label=f"{net.interface} {sub.subnet if sub else ''}",
                           host=hname, network=net.name)
                g.add_edge(hn, bn, kind="l3")
            elif attachment in ("parent", "l3"):
                parent = parent_nic(hs.host.interface, net)
                if parent is None:
                    g.add_node(segment_node(hname, net.name), kind="segment", host=hname,
                               label=f"{net.name} (no parent)", network=net.name)
                elif parent != hs.host.interface:
                    sub_nic = nic_node(hname, parent)
                    g.add_node(sub_nic, kind="nic", label=parent, host=hname)
                    g.add_edge(nic, sub_nic, kind="vlan")
            elif attachment == "overlay" and overlay_node(net.name) not in g:
                g.add_node(overlay_node(net.name), kind="overlay",
                           label=f"{net.name} {sub.subnet if sub else ''}", network=net.name)
        for c in hs.containers.values():
            _add_container(g, state, hname, c)
    return g


def _add_container(g: nx.MultiGraph[str], state: State, hname: str, c: ContainerState) -> None:
    hs = state.hosts[hname]
    if not c.running:
        return
    if c.network_mode == "host":
        g.nodes[host_node(hname)].setdefault("containers", []).append(c.name)
        return
    owner = sandbox_owner(state, hname, c)
    if owner is not None and owner is not c:
        g.nodes[sandbox_node(hname, owner.name)].setdefault("joiners", []).append(c.name)
        return
    sb = sandbox_node(hname, c.name)
    g.add_node(sb, kind="sandbox", label=c.name, host=hname, container=c.name)
    lo = iface_node(hname, c.name, "lo")
    g.add_node(lo, kind="if", label="lo 127.0.0.1/8", host=hname, container=c.name)
    g.add_edge(sb, lo, kind="lo")
    if owner is None:
        return
    for ep in c.active_endpoints():
        net = hs.networks.get(ep.network)
        if net is None or ep.ifname is None:
            continue
        ifn = iface_node(hname, c.name, ep.ifname)
        g.add_node(ifn, kind="if", label=f"{ep.ifname} {ep.ipv4 or ''}", host=hname,
                   container=c.name, network=net.name, mac=ep.mac)
        g.add_edge(sb, ifn, kind="l3")
        attachment = driver_of(net.driver).attachment(net)
        if attachment == "bridge":
            veth = veth_node(hname, ep.host_veth or f"veth-{c.name}-{ep.ifname}")
            g.add_node(veth, kind="veth", label=ep.host_veth or "veth", host=hname)
            g.add_edge(ifn, veth, kind="veth")
            g.add_edge(veth, bridge_node(hname, net.name), kind="port")
        elif attachment in ("parent", "l3"):
            parent = parent_nic(hs.host.interface, net)
            target = segment_node(hname, net.name) if parent is None else nic_node(hname, parent)
            g.add_edge(ifn, target, kind=net.driver)
        elif attachment == "overlay":
            g.add_edge(ifn, overlay_node(net.name), kind="vxlan")


def forwarding(state: State) -> nx.DiGraph[str]:
    """The hops a container's ICMP packet may take under Docker's rules (Engine 29.1 defaults).

    Directed, and written independently of :mod:`netsim.analysis.reach` so that each checks the
    other: a path from a source to a destination exists exactly when
    :func:`netsim.analysis.reach.matrix` has a
    ``.`` in that cell (tests check it; bench/reach_matrix.py times a path search per pair on it).
    Sources are ``from:H/NAME`` nodes (:func:`sandbox_source`), and ``hostsrc:H`` for a process
    in host H's namespace (a ``host``-mode container); destinations are ``sandbox:`` nodes and
    ``host:H`` (an address of host H on its LAN).
    Extra nodes keep Docker's rules expressible as paths:

    * ``host:H`` is a sink: the host never forwards one bridge network's packet into another
      (raw-PREROUTING and the DOCKER filter chain drop it: moby docker-v29.1.0
      daemon/libnetwork/drivers/bridge/internal/iptabler), and an ``--internal`` network
      reaches only its own gateway ``gw:H/NET`` (no default route: drivers/bridge/bridge_linux.go
      Join calls SetGateway only when the network is not internal);
    * a bridge with ICC off has no edges from the bridge to its members' veths (iptabler:
      ``-i br -o br -j DROP``), only the host (``hostsrc:H``) reaches them;
    * the LAN as seen from host H (``lan@H``, per VLAN ``lan@H.10``) leads to the other hosts and
      their macvlan children, never to H's own: the kernel keeps a macvlan parent and its
      children apart, both ways (moby daemon/libnetwork/docs/macvlan.md); a
      ``macvlan_mode=private`` child has no edge to or from its parent NIC's node (its
      siblings), only from the other hosts' LAN.

    Simplification: addresses are not looked at, so a bridge container on one host reaching a
    macvlan container of another host counts whether or not the LAN routes that subnet.
    """
    import networkx as nx

    g: nx.DiGraph[str] = nx.DiGraph()
    hosts = list(state.hosts)
    for hname, hs in state.hosts.items():
        hn, src = host_node(hname), f"hostsrc:{hname}"
        g.add_edge(src, hn)
        g.add_edge(src, f"lan@{hname}")
        g.add_edge(f"nat:{hname}", f"lan@{hname}")
        for other in hosts:
            if other != hname:
                g.add_edge(f"lan@{hname}", host_node(other))
        for c in hs.containers.values():
            if c.network_mode == "host" or not c.running:
                continue
            if sandbox_owner(state, hname, c) is not c:
                continue  # a joiner: its owner's node stands for it; a dead one reaches nothing
            sb = sandbox_node(hname, c.name)
            out = sandbox_source(hname, c.name)
            g.add_edge(out, sb)  # its own addresses
            _gateway_edges(g, state, hname, c, out)
            for ep in c.active_endpoints():
                net = hs.networks.get(ep.network)
                if net is None or ep.ifname is None or ep.ipv4 is None:
                    continue
                ifn = iface_node(hname, c.name, ep.ifname)
                g.add_edge(out, ifn)
                g.add_edge(ifn, sb)
                driver = driver_of(net.driver)
                attachment = driver.attachment(net)
                if attachment == "bridge":
                    br = bridge_node(hname, net.name)
                    port = veth_node(hname, ep.host_veth or ifn)
                    g.add_edge(out, port)  # sent out of this interface: onto its veth
                    g.add_edge(port, br)
                    g.add_edge(port, ifn)
                    g.add_edge(src, port)
                    if net.icc:
                        g.add_edge(br, port)
                    g.add_edge(br, f"gw:{hname}/{net.name}")  # the bridge's own address
                elif attachment in ("parent", "l3"):
                    parent = parent_nic(hs.host.interface, net)
                    if parent is None:
                        seg = segment_node(hname, net.name)
                        g.add_edge(out, seg)
                        g.add_edge(seg, ifn)
                        continue
                    nic = nic_node(hname, parent)
                    vlan = parent.partition(".")[2]
                    # out on the wire, straight from the child: the parent NIC is no router
                    g.add_edge(out, f"lan@{hname}{'.' + vlan if vlan else ''}")
                    if driver.private_children(net):
                        # private mode: nothing passes between it and its siblings on the
                        # parent (Linux macvlan.c), only the wire reaches it
                        for other in hosts:
                            if other != hname:
                                g.add_edge(f"lan@{other}{'.' + vlan if vlan else ''}", ifn)
                        continue
                    g.add_edge(out, nic)  # its siblings on the same parent (bridge mode)
                    g.add_edge(nic, ifn)
                    for other in hosts:
                        if other != hname:
                            g.add_edge(f"lan@{other}{'.' + vlan if vlan else ''}", nic)
                elif attachment == "overlay":
                    ov = overlay_node(net.name)
                    g.add_edge(out, ov)
                    g.add_edge(ov, ifn)
    return g


def _gateway_edges(g: nx.DiGraph[str], state: State, hname: str, c: ContainerState,
                   out: str) -> None:
    """Off its subnets a container sends through its default gateway: with a bridge's, into
    its host (the host's own LAN address, unless that address is on-link through another of
    its interfaces) and, masqueraded, onto the LAN. The default is the endpoint with a gateway
    on a non-internal network, highest gw-priority first, then by network name
    (libnetwork sandbox.go Endpoint.Less)."""
    hs = state.hosts[hname]
    best = None
    for ep in c.active_endpoints():
        net = hs.networks.get(ep.network)
        if net is None or net.internal or ep.gateway is None:
            continue
        key = (-ep.config.GwPriority, net.name)
        if best is None or key < best[0]:
            best = (key, net)
    if best is None or driver_of(best[1].driver).attachment(best[1]) != "bridge":
        return
    address = hs.host.address
    onlink = any(address is not None and ep.ipv4 is not None and address in ep.ipv4.network
                 for ep in c.active_endpoints())
    if not onlink:
        g.add_edge(out, host_node(hname))
    if best[1].masquerade:
        g.add_edge(out, f"nat:{hname}")
