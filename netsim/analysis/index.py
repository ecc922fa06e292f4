"""The topology index: a State's facts arranged for fast lookups, built once per State.

:func:`topology_index` gives the :class:`TopologyIndex` of a State (cached on it): every running
network namespace (:class:`Sandbox`, an owner and its ``container:`` joiners) with its interfaces
(:class:`Iface`), every L2 domain (:class:`Domain`: a bridge, a macvlan/ipvlan segment, an
overlay, the LAN) with who answers for each address on it (:class:`Owner`), and each Docker
host's own namespace (:class:`HostNs`: its addresses, bridges, published ports, host-mode
containers). :mod:`netsim.analysis.reach` walks it, :mod:`netsim.analysis.vantage` finds
containers in it, :mod:`netsim.probes` reads it.

IPv6 is kept beside IPv4, never mixed into it (the IPv4 walk and matrix read only the IPv4
fields): a sandbox's interfaces with an IPv6 address are :attr:`Sandbox.ifaces6`
(:class:`Iface6`), who holds an IPv6 address on a domain is :attr:`Domain.owners6`, a host's
bridges' IPv6 addresses and subnets are :attr:`HostNs.addresses6` and
:meth:`HostNs.bridge_for6`.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from netsim.analysis.graph import (
    LAN,
    bridge_node,
    host_node,
    iface_node,
    nic_node,
    overlay_node,
    parent_nic,
    sandbox_node,
    sandbox_owner,
    segment_node,
)
from netsim.daemon.drivers import get as driver_of
from netsim.state import (
    ContainerState,
    EndpointState,
    NetworkState,
    State,
    gateway_endpoints,
    gc_paused,
)

__all__ = [
    "Domain",
    "HostNs",
    "Iface",
    "Iface6",
    "Owner",
    "Sandbox",
    "TopologyIndex",
    "ip6tables_on",
    "private_pair",
    "topology_index",
]

IPv4 = ipaddress.IPv4Address
IPv6 = ipaddress.IPv6Address


@dataclass(eq=False, slots=True)
class Iface:
    """One interface of a sandbox with an IPv4 address: its endpoint, network and L2 domain."""

    sandbox: Sandbox
    ep: EndpointState
    net: NetworkState
    ip: IPv4
    subnet: ipaddress.IPv4Network
    domain: str  # the L2 domain key
    node: str
    #: its driver keeps it apart from its siblings on the parent (macvlan private mode: the
    #: driver's ``private_children``)
    private: bool = False


@dataclass(eq=False, slots=True)
class Iface6:
    """One interface of a sandbox with an IPv6 address (the same endpoint as its
    :class:`Iface` when it has IPv4 too; an IPv6-only network's has none)."""

    sandbox: Sandbox
    ep: EndpointState
    net: NetworkState
    ip: IPv6
    subnet: ipaddress.IPv6Network
    domain: str  # the L2 domain key
    node: str
    private: bool = False


@dataclass(eq=False, slots=True)
class Sandbox:
    """A running network namespace of containers (an owner and its ``container:`` joiners)."""

    host: str
    name: str  # the owner's name
    node: str
    containers: list[ContainerState]
    ifaces: list[Iface] = field(default_factory=list)
    default: Iface | None = None
    listening: set[str] = field(default_factory=set)
    #: the interfaces with an IPv6 address, and the one the IPv6 default route goes out of
    ifaces6: list[Iface6] = field(default_factory=list)
    default6: Iface6 | None = None


@dataclass(eq=False, slots=True)
class Owner:
    """Who answers for an address on an L2 domain."""

    kind: Literal["iface", "host", "router"]
    iface: Iface | None = None
    host: str | None = None
    iface6: Iface6 | None = None  # (an owner of an IPv6 address: Domain.owners6)


@dataclass(eq=False, slots=True)
class Domain:
    """One L2 domain (a bridge, a macvlan/ipvlan segment, an overlay, the LAN) and who holds
    each address on it."""

    key: str
    kind: Literal["bridge", "l2", "overlay", "l3", "lan"]
    node: str  # graph node the segment is drawn as
    net: NetworkState | None = None
    host: str | None = None
    owners: dict[IPv4, Owner] = field(default_factory=dict)
    owners6: dict[IPv6, Owner] = field(default_factory=dict)


@dataclass(eq=False, slots=True)
class HostNs:
    """A Docker host's own network namespace: its addresses, bridges, published ports and
    host-mode containers."""

    name: str
    node: str
    lan_ip: IPv4 | None
    nic: str
    addresses: dict[IPv4, str] = field(default_factory=dict)  # address -> interface
    bridges: list[tuple[ipaddress.IPv4Network, Domain]] = field(default_factory=list)
    #: the bridges by prefix length, then by network number: a subnet lookup in O(prefixes)
    bridge_index: dict[int, dict[int, tuple[ipaddress.IPv4Network, Domain]]] = field(
        default_factory=dict)

    def bridge_for(self, ip: IPv4) -> tuple[ipaddress.IPv4Network, Domain] | None:
        """The local bridge network whose subnet holds ``ip`` (bridge subnets never overlap)."""
        value = int(ip)
        for prefix, table in self.bridge_index.items():
            found = table.get(value >> (32 - prefix))
            if found is not None:
                return found
        return None
    # (port, proto) -> [(host_ip, container, container_port)]
    published: dict[tuple[int, str], list[tuple[str, ContainerState, int]]] = field(
        default_factory=dict)
    host_mode: list[ContainerState] = field(default_factory=list)
    listening: set[str] = field(default_factory=set)  # host-mode containers' ports
    #: the IPv6 addresses of its bridges (address -> interface), and their IPv6 subnets (few:
    #: a linear search)
    addresses6: dict[IPv6, str] = field(default_factory=dict)
    bridges6: list[tuple[ipaddress.IPv6Network, Domain]] = field(default_factory=list)
    #: ip6tables rules are programmed (:func:`ip6tables_on`)
    ip6tables: bool = False

    def bridge_for6(self, ip: IPv6) -> tuple[ipaddress.IPv6Network, Domain] | None:
        """The local bridge network whose IPv6 subnet holds ``ip``."""
        return next(((n, d) for n, d in self.bridges6 if ip in n), None)


class TopologyIndex:
    """Everything :func:`netsim.analysis.reach.reach` and :func:`netsim.analysis.reach.matrix`
    look up, built in one pass over the State."""

    def __init__(self, state: State) -> None:
        self.state = state
        self.lan = state.lan
        self.hosts: dict[str, HostNs] = {}
        self.domains: dict[str, Domain] = {}
        self.sandboxes: list[Sandbox] = []
        self.sandbox_of: dict[tuple[str, str], Sandbox | None] = {}  # (host, name) -> sandbox
        self.containers: dict[str, list[tuple[str, ContainerState]]] = {}  # name -> [(host, c)]
        #: containers in a host's own namespace: host mode, and container: joiners of one
        self.host_members: set[tuple[str, str]] = set()
        self._overlays: list[tuple[ipaddress.IPv4Network, Domain]] | None = None
        #: (host, network) -> its endpoints' L2 domain and whether they are private children
        self._attached: dict[tuple[str, str], tuple[Domain, bool]] = {}
        lan = self._domain("lan", "lan", LAN)
        if self.lan.gateway is not None:
            lan.owners[self.lan.gateway] = Owner("router")
        for hname, hs in state.hosts.items():
            h = HostNs(hname, host_node(hname), hs.host.address,
                        nic_node(hname, hs.host.interface))
            self.hosts[hname] = h
            if hs.host.address is not None:
                h.addresses[hs.host.address] = hs.host.interface
                lan.owners.setdefault(hs.host.address, Owner("host", host=hname))
            h.ip6tables = ip6tables_on(state, hname)
            for net in hs.networks.values():
                sub = sub6 = None
                for s in net.subnets:
                    if s.subnet.version == 4:
                        sub = sub if sub is not None else s
                    elif sub6 is None:
                        sub6 = s
                if (sub is None and sub6 is None) or net.host != hname or \
                        driver_of(net.driver).attachment(net) != "bridge":
                    continue
                dom = self._domain(f"bridge:{hname}/{net.name}", "bridge",
                                   bridge_node(hname, net.name), net, hname)
                if sub is not None:
                    subnet = ipaddress.IPv4Network(sub.subnet)
                    h.bridges.append((subnet, dom))
                    h.bridge_index.setdefault(subnet.prefixlen, {})[
                        int(subnet.network_address) >> (32 - subnet.prefixlen)] = (subnet, dom)
                    if isinstance(sub.gateway, IPv4):
                        h.addresses[sub.gateway] = net.interface or net.name
                        dom.owners[sub.gateway] = Owner("host", host=hname)
                if sub6 is not None and isinstance(sub6.subnet, ipaddress.IPv6Network) and \
                        isinstance(sub6.gateway, IPv6):
                    # the bridge's IPv6 address is its subnet's gateway; without one (gateway
                    # mode ``isolated``) Docker turns IPv6 off on the bridge, which then has no
                    # IPv6 address, and the host no route into the subnet
                    # (v28.5.2:libnetwork/drivers/bridge/setup_ipv6_linux.go:19-28)
                    h.bridges6.append((sub6.subnet, dom))
                    h.addresses6[sub6.gateway] = net.interface or net.name
                    dom.owners6[sub6.gateway] = Owner("host", host=hname)
        for hname, hs in state.hosts.items():
            roots: dict[str, ContainerState | None] = {}
            for c in hs.containers.values():
                self.containers.setdefault(c.name, []).append((hname, c))
                if not c.running:
                    continue
                root = c if c.sandbox_owner is None else sandbox_owner(state, hname, c)
                roots[c.name] = root
                if root is not None and root.network_mode == "host":
                    self.host_members.add((hname, c.name))
                    self.hosts[hname].host_mode.append(c)
                    self.hosts[hname].listening.update(c.listening)
                if c.running:
                    for m in c.port_mappings:
                        self.hosts[hname].published.setdefault((m.host_port, m.proto), []).append(
                            (m.host_ip, c, m.container_port))
            joiners: dict[str, list[ContainerState]] = {}
            for c in hs.containers.values():
                root = roots.get(c.name)
                if c.sandbox_owner is not None and root is not None:
                    joiners.setdefault(root.id, []).append(c)
            for c in hs.containers.values():
                self._add_sandbox(hname, c, joiners.get(c.id, ()), roots.get(c.name))

    def _domain(self, key: str, kind: Literal["bridge", "l2", "overlay", "l3", "lan"],
                node: str, net: NetworkState | None = None, host: str | None = None) -> Domain:
        dom = self.domains.get(key)
        if dom is None:
            dom = self.domains[key] = Domain(key, kind, node, net, host)
        return dom

    def _add_sandbox(self, hname: str, c: ContainerState,
                     joined: Sequence[ContainerState], owner: ContainerState | None) -> None:
        if not c.running or (hname, c.name) in self.host_members:
            self.sandbox_of[(hname, c.name)] = None
            return
        if owner is None:
            self.sandbox_of[(hname, c.name)] = None
            return
        if owner is not c:
            return  # joiners are added with their owner, below
        hs = self.state.hosts[hname]
        joiners = [j for j in joined if j.sandbox_id == c.sandbox_id]
        sb = Sandbox(hname, c.name, sandbox_node(hname, c.name), [c, *joiners])
        for member in sb.containers:
            sb.listening.update(member.listening)
            self.sandbox_of[(hname, member.name)] = sb
        self.sandboxes.append(sb)
        host = self.hosts[hname]
        for ep in c.active_endpoints():
            net = hs.networks.get(ep.network)
            if net is None or ep.ifname is None or (ep.ipv4 is None and ep.ipv6 is None):
                continue
            attached = self._attached.get((hname, net.name))
            if attached is None:
                attached = self._attached[(hname, net.name)] = (
                    self._endpoint_domain(hname, host, net),
                    driver_of(net.driver).private_children(net))
            dom, private = attached
            if ep.ipv4 is not None:
                iface = Iface(sb, ep, net, ep.ipv4.ip, ep.ipv4.network, dom.key,
                               iface_node(hname, c.name, ep.ifname), private)
                sb.ifaces.append(iface)
                dom.owners.setdefault(iface.ip, Owner("iface", iface))
            if ep.ipv6 is not None:
                iface6 = Iface6(sb, ep, net, ep.ipv6.ip, ep.ipv6.network, dom.key,
                                iface_node(hname, c.name, ep.ifname), private)
                sb.ifaces6.append(iface6)
                dom.owners6.setdefault(iface6.ip, Owner("iface", iface6=iface6))
        # libnetwork's gateway endpoints, of each family (by engine: gateway_endpoints)
        eps = [i.ep for i in sb.ifaces]
        eps += [i.ep for i in sb.ifaces6 if i.ep.ipv4 is None]
        gw, gw6 = gateway_endpoints(eps, hs.networks.get, self.state.profile)
        sb.default = next((i for i in sb.ifaces if i.ep is gw), None)
        sb.default6 = next((i for i in sb.ifaces6 if i.ep is gw6), None)

    def _endpoint_domain(self, hname: str, host: HostNs, net: NetworkState) -> Domain:
        """The L2 domain its driver attaches a network's endpoints to: the host's bridge, the
        swarm's overlay, or the parent's segment (the LAN or a VLAN of it, a segment of its
        own without a parent, the parent's routing for ipvlan l3)."""
        attachment = driver_of(net.driver).attachment(net)
        if attachment == "bridge":
            return self.domains[f"bridge:{hname}/{net.name}"]
        if attachment == "overlay":
            return self._domain(f"overlay:{net.name}", "overlay", overlay_node(net.name), net)
        iface = self.state.hosts[hname].host.interface
        parent = parent_nic(iface, net)
        if parent is None:
            return self._domain(f"segment:{hname}/{net.name}", "l2",
                                segment_node(hname, net.name), net, hname)
        if attachment == "l3":
            return self._domain(f"l3:{hname}/{parent}", "l3", nic_node(hname, parent), net,
                                hname)
        vlan = parent.partition(".")[2]
        return self.domains["lan"] if not vlan else self._domain(f"lan.{vlan}", "l2",
                                                                  f"{LAN}.{vlan}")

    def overlay_subnets(self) -> list[tuple[ipaddress.IPv4Network, Domain]]:
        """The overlay networks' subnets (a few at most: only with a swarm), computed once."""
        if self._overlays is None:
            self._overlays = []
            for dom in self.domains.values():
                net = dom.net if dom.kind == "overlay" else None
                sub = net.ipv4_subnet if net is not None else None
                if sub is not None:
                    self._overlays.append((ipaddress.IPv4Network(sub.subnet), dom))
        return self._overlays

    def host_accepts(self, h: HostNs, ip: IPv4, port: int | None, proto: str) -> bool:
        """Whether a connection to ``ip:port`` of host ``h`` is accepted (see host_input: a
        binding on ``::`` is IPv6-only)."""
        if port is None:
            return True
        for host_ip, c, cport in h.published.get((port, proto), ()):
            if host_ip in ("0.0.0.0", str(ip)):
                sb = self.sandbox_of.get((h.name, c.name))
                return sb is not None and f"{cport}/{proto}" in sb.listening
        return f"{port}/{proto}" in h.listening


def topology_index(state: State) -> TopologyIndex:
    """The lookup index of a State (cached on it)."""
    return state.memo("_netsim_index", _build_index)


def _build_index(state: State) -> TopologyIndex:
    with gc_paused():
        return TopologyIndex(state)


def private_pair(a: Iface | Iface6, b: Iface | Iface6) -> bool:
    """Two children of one parent on one host, of one driver, either of them private (a
    macvlan in private mode): the kernel's macvlan port delivers nothing between them
    (macvlan.private)."""
    return ((a.private or b.private) and a.sandbox is not b.sandbox
            and a.sandbox.host == b.sandbox.host and a.net.driver == b.net.driver
            and a.net.interface == b.net.interface)


def ip6tables_on(state: State, host: str) -> bool:
    """Whether host ``host``'s daemon programs ip6tables rules (isolation between networks,
    ICC, internal networks, for IPv6 as for IPv4): ``--ip6tables`` as the daemon was given it
    (:attr:`netsim.api.hosts.DaemonOptions.ip6tables`), else the engine's default
    (EngineProfile.ip6tables_default)."""
    given = state.hosts[host].host.daemon.ip6tables
    return state.profile.ip6tables_default if given is None else given

