"""A namespace's interfaces and routes, as ``ip``, ``ifconfig``, ``route``, ``netstat`` and
``hostname -I`` read them: a Docker host's (lo, its NIC, the bridges and VLAN links Docker
created, the host ends of its containers' veths) and a container's.

Measured on the conformance lab (Docker 28.5, Linux 6.18; iproute2 6.15 in Debian 13 images,
7.3 on the lab's Debian sid hosts; BusyBox 1.38): tests/test_probes_interfaces.py pins the
texts. The interface indexes, peers and netns ids are the engine's (netsim.daemon.netns ``Netns``).
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Literal

from netsim.analysis.graph import sandbox_owner
from netsim.daemon.drivers import get as driver_of
from netsim.probes.context import IPv4, Where, in_host_ns
from netsim.state import ContainerState, EndpointState, State, default_route_endpoint6

__all__ = ["Link", "eui64_link_local", "links_of", "routes6_of", "routes_of"]


@dataclass
class Link:
    """One interface of a namespace, as the kernel lists it."""

    index: int
    name: str  # eth0, docker0, vethabc1234
    peer: int | None  # IFLA_LINK: the N of @ifN (a veth's peer, a macvlan's or VLAN's parent)
    mac: str
    mtu: int
    addr: ipaddress.IPv4Interface | None
    kind: Literal["lo", "ether"]
    master: str | None = None
    up: bool = True  # carrier (a bridge with no port is NO-CARRIER, DOWN)
    #: IFLA_LINK_NETNSID: the peer is in the namespace with this id
    netns_id: int | None = None
    qlen: int = 0  # txqueuelen: 1000 for lo and a NIC; Docker makes its veths with 0
    qdisc: str = "noqueue"
    #: an IPv6 link-local address (EUI-64 of the MAC): a host's interfaces once they have had
    #: carrier; a container's only on a network with IPv6 (Docker sets disable_ipv6 on the
    #: others)
    link_local: bool = False
    tx_dropped: int = 0
    #: lo has ``::1`` (IPv6 is not off in the namespace: EngineProfile.netns_ipv6_off)
    loopback6: bool = True
    #: the global IPv6 address Docker gave the endpoint (EndpointState.ipv6)
    addr6: ipaddress.IPv6Interface | None = None


def _lo(loopback6: bool = True) -> Link:
    return Link(1, "lo", None, "00:00:00:00:00:00", 65536,
                ipaddress.IPv4Interface("127.0.0.1/8"), "lo", qlen=1000, loopback6=loopback6)


def eui64_link_local(mac: str) -> str:
    """The kernel's link-local address for a MAC (addrconf EUI-64: U/L bit flipped, ff:fe)."""
    b = bytes.fromhex(mac.replace(":", ""))
    return str(ipaddress.IPv6Address(b"\xfe\x80" + bytes(6) + bytes([b[0] ^ 2]) + b[1:3]
                                     + b"\xff\xfe" + b[3:]))


def _endpoint_mtu(state: State, host: str, ep: EndpointState) -> int:
    """An endpoint's MTU, its network driver's (``endpoint_mtu``): an overlay's is 1450
    (VXLAN's 50 bytes off the NIC's 1500); a network may set its own
    (``com.docker.network.driver.mtu``)."""
    net = state.hosts[host].networks.get(ep.network)
    if net is None:
        return 1500
    return driver_of(net.driver).endpoint_mtu(net)


def _host_links(state: State, host: str) -> list[Link]:
    """A Docker host's interfaces, by ifindex: lo, its NIC, the bridges and the VLAN links
    Docker created, the host ends of its containers' veths."""
    hs = state.hosts[host]
    h = hs.host
    from netsim.daemon import ids

    links = [_lo()]
    nic_mac = ids.mac_address(state.seed, "host-nic", host)
    lan = state.lan.subnet
    nic_addr = (ipaddress.IPv4Interface(f"{h.address}/{lan.prefixlen}") if h.address
                else None)
    if h.nic == "veth":
        links.append(Link(2, h.interface, h.nic_peer, nic_mac, 1500, nic_addr, "ether",
                          netns_id=0, qlen=1000, link_local=True))
    else:
        links.append(Link(2, h.interface, None, nic_mac, 1500, nic_addr, "ether", qlen=1000,
                          qdisc="fq_codel", link_local=True))
    veths: list[Link] = []
    ports: dict[str, int] = {}
    fallback = 0
    for c in hs.containers.values():
        if not c.running:
            continue
        fallback += 1
        for ep in c.active_endpoints():
            if ep.host_veth is None:
                continue
            bridge = hs.networks.get(ep.network)
            master = bridge.interface if bridge is not None else None
            ports[master or ""] = ports.get(master or "", 0) + 1
            peer = ep.ifindex if ep.ifindex is not None else _container_ifindex(ep)
            index = ep.link_ifindex if ep.link_ifindex is not None else 1000 + len(veths)
            veths.append(Link(index, ep.host_veth, peer,
                              ids.mac_address(state.seed, "veth", ep.endpoint_id),
                              _endpoint_mtu(state, host, ep), None, "ether", master=master,
                              netns_id=ep.host_netnsid if ep.host_netnsid is not None
                              else fallback - 1, link_local=True))
    for hl in hs.links:
        ports[hl.master] = ports.get(hl.master, 0) + 1
        veths.append(Link(hl.ifindex, hl.name, hl.link_ifindex, hl.mac, 1500, None, "ether",
                          master=hl.master, netns_id=hl.link_netnsid, link_local=True))
    seen: set[int] = set()
    for net in hs.networks.values():
        if net.ifindex is None or net.ifindex in seen or net.host != host:
            continue
        kind = driver_of(net.driver).host_link(net)
        if kind == "bridge" and net.interface:
            seen.add(net.ifindex)
            sub = net.ipv4_subnet
            addr = (ipaddress.IPv4Interface(f"{sub.gateway}/{sub.subnet.prefixlen}")
                    if sub is not None and isinstance(sub.gateway, IPv4) else None)
            # the daemon gives a bridge a random MAC (GenerateRandomMAC: setup_device_linux.go)
            mac = ids.mac_address(state.seed, "bridge", net.id,
                                  docker_prefix=state.profile.random_mac_docker_prefix)
            sub6 = net.ipv6_subnet if net.ipv6_enabled else None
            addr6 = (ipaddress.IPv6Interface((int(sub6.gateway), sub6.subnet.prefixlen))
                     if sub6 is not None and isinstance(sub6.gateway, ipaddress.IPv6Address)
                     else None)
            links.append(Link(net.ifindex, net.interface, None, mac, 1500, addr,
                              "ether", up=ports.get(net.interface, 0) > 0,
                              link_local=net.link_local, addr6=addr6,
                              # the daemon's first bridge drops the IPv6 packets sent while it
                              # has no carrier (measured: TX dropped 2 on every lab host)
                              tx_dropped=2 if net.name == "bridge" else 0))
        elif kind == "vlan":
            seen.add(net.ifindex)
            links.append(Link(net.ifindex, net.interface or "", 2, nic_mac, 1500, None,
                              "ether", link_local=True))
    return sorted(links + veths, key=lambda link: link.index)


def _container_ifindex(ep: EndpointState) -> int:
    """An interface's index when the State carries none (eth0 2, eth1 3, …)."""
    return 2 + int((ep.ifname or "eth0").removeprefix("eth") or 0)


def _container_links(state: State, host: str, c: ContainerState) -> list[Link]:
    owner = sandbox_owner(state, host, c)
    # EngineProfile.netns_ipv6_off: lo keeps ::1 only next to an interface with IPv6
    links = [_lo(not state.profile.netns_ipv6_off or (owner is not None and any(
        e.ipv6 is not None for e in owner.active_endpoints())))]
    if owner is None:
        return links
    host_index: dict[str, int] | None = None
    for ep in owner.active_endpoints():
        if ep.ifname is None:
            continue
        peer = ep.link_ifindex
        if peer is None:  # a State without the kernel's numbers: the host's view decides
            if host_index is None:
                host_index = {link.name: link.index for link in _host_links(state, host)}
            peer = host_index.get(ep.host_veth or "", 2)
        links.append(Link(ep.ifindex if ep.ifindex is not None else _container_ifindex(ep),
                          ep.ifname, peer, ep.mac or "", _endpoint_mtu(state, host, ep),
                          ep.ipv4, "ether",
                          netns_id=ep.link_netnsid if ep.link_netnsid is not None else 0,
                          link_local=ep.ipv6 is not None, addr6=ep.ipv6))
    return sorted(links, key=lambda link: link.index)


def links_of(w: Where) -> list[Link] | None:
    """The interfaces of the namespace ``w`` is in (None: @lan/@internet, not simulated)."""
    if w.host is None:
        return None
    if w.container is None or in_host_ns(w):
        return _host_links(w.state, w.host)
    return _container_links(w.state, w.host, w.container)


def routes_of(w: Where) -> list[tuple[str, str, str, IPv4 | None]]:
    """(destination, via, dev, src) in the order ip route prints them."""
    if w.host is None:
        return []
    from netsim.analysis.reach import topology_index

    ix = topology_index(w.state)
    routes: list[tuple[str, str, str, IPv4 | None]] = []
    if w.container is None or in_host_ns(w):
        hs = w.state.hosts[w.host]
        routes.append(("default", str(w.state.lan.gateway), hs.host.interface, None))
        for link in _host_links(w.state, w.host):
            if link.addr is not None and link.kind == "ether":
                routes.append((str(link.addr.network), "", link.name, link.addr.ip))
        return routes[:1] + sorted(routes[1:], key=lambda r: ipaddress.IPv4Network(r[0]))
    sb = ix.sandbox_of.get((w.host, w.container.name))
    if sb is None:
        return []
    if sb.default is not None:
        gw = sb.default.ep.gateway
        routes.append(("default", str(gw) if gw else "", sb.default.ep.ifname or "eth0", None))
    for i in sorted(sb.ifaces, key=lambda i: i.subnet):
        routes.append((str(i.subnet), "", i.ep.ifname or "eth0", i.ip))
    return routes


def _fib6_key(net: ipaddress.IPv6Network) -> str:
    """Where a prefix comes in the kernel's IPv6 routing trie walk (net/ipv6/ip6_fib.c
    ``fib6_walk_continue``: left (bit 0) subtree, right subtree, then the node's own routes):
    its bits, then a mark that sorts after both 0 and 1 (a prefix after the ones it holds;
    ``::/0`` last)."""
    bits = format(int(net.network_address), "0128b")[:net.prefixlen]
    return bits + "2"


def routes6_of(w: Where) -> list[tuple[str, str, str]] | None:
    """(destination, via, dev) of the main IPv6 table in the order ``ip -6 route`` prints them:
    a container's (None: a Docker host's own, not simulated). Each interface with IPv6 has its
    subnet's route and ``fe80::/64`` (addrconf ``addrconf_prefix_route``, metric 256), the
    default route (metric 1024) goes via the chosen endpoint's IPv6 gateway; routes with the
    same prefix come in the order they were added (``fib6_add_rt2node``: after the ones of
    equal metric), that is the interfaces' order. The chosen endpoint is libnetwork's IPv6
    gateway endpoint (netsim.state.gateway_endpoints: by engine, the IPv4 one's or its own)."""
    if w.host is None or w.container is None or in_host_ns(w):
        return None
    owner = sandbox_owner(w.state, w.host, w.container)
    if owner is None:
        return []
    eps = sorted((ep for ep in owner.active_endpoints()
                  if ep.ifname is not None and ep.ipv6 is not None),
                 key=lambda ep: ep.ifindex if ep.ifindex is not None else _container_ifindex(ep))
    routes: list[tuple[ipaddress.IPv6Network, str, str]] = []
    for ep in eps:
        assert ep.ipv6 is not None and ep.ifname is not None
        routes.append((ep.ipv6.network, "", ep.ifname))
    for ep in eps:
        assert ep.ifname is not None
        routes.append((ipaddress.IPv6Network("fe80::/64"), "", ep.ifname))
    gw = default_route_endpoint6(
        (ep for ep in owner.active_endpoints() if ep.ifname is not None),
        w.state.hosts[w.host].networks.get, w.state.profile)
    if gw is not None and gw.gateway6 is not None and gw.ifname is not None:
        routes.append((ipaddress.IPv6Network("::/0"), str(gw.gateway6), gw.ifname))
    routes.sort(key=lambda r: _fib6_key(r[0]))  # stable: equal prefixes keep their order
    return [("default" if net.prefixlen == 0 else str(net), via, dev)
            for net, via, dev in routes]
