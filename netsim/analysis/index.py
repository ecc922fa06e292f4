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
from collections.abc import Iterable, Sequence
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
    HostState,
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
    "IndexDelta",
    "Owner",
    "Sandbox",
    "TopologyIndex",
    "derive_index",
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


@dataclass(frozen=True, slots=True)
class IndexDelta:
    """What :meth:`TopologyIndex.updated` made anew: the containers whose namespaces it
    rebuilt (the changed ones and those sharing a namespace with one), the L2 domains (keys),
    the new namespaces, and the hosts whose bridges it listed again (networks were added,
    removed or re-addressed there). Everything else is the older index's own objects."""

    containers: frozenset[tuple[str, str]]
    domains: frozenset[str]
    sandboxes: tuple[Sandbox, ...]
    rebridged: frozenset[str]


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
        #: per host: container ID -> name, and owner ID -> the names of its ``container:``
        #: joiners (built on first use, by :meth:`updated`)
        self._joins: dict[str, tuple[dict[str, str], dict[str, list[str]]]] = {}
        #: the namespaces on each domain other than a bridge (:meth:`on_segment`)
        self._on_segment: dict[str, list[Sandbox]] | None = None
        #: what :meth:`updated` made anew, on an index it made (None: a full build)
        self.delta: IndexDelta | None = None
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
                self._add_bridge(h, net)
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

    def _add_bridge(self, h: HostNs, net: NetworkState, *, owners: bool = True) -> None:
        """A network of host ``h``: a bridge (its L2 domain, its subnets and the host's
        addresses on it), or nothing (another driver's endpoints attach elsewhere).
        ``owners`` False: the domain exists already, with the host as its gateway's owner."""
        hname = h.name
        sub = sub6 = None
        for s in net.subnets:
            if s.subnet.version == 4:
                sub = sub if sub is not None else s
            elif sub6 is None:
                sub6 = s
        if (sub is None and sub6 is None) or net.host != hname or \
                driver_of(net.driver).attachment(net) != "bridge":
            return
        dom = self._domain(f"bridge:{hname}/{net.name}", "bridge",
                           bridge_node(hname, net.name), net, hname)
        if sub is not None:
            subnet = ipaddress.IPv4Network(sub.subnet)
            h.bridges.append((subnet, dom))
            h.bridge_index.setdefault(subnet.prefixlen, {})[
                int(subnet.network_address) >> (32 - subnet.prefixlen)] = (subnet, dom)
            if isinstance(sub.gateway, IPv4):
                h.addresses[sub.gateway] = net.interface or net.name
                if owners:
                    dom.owners[sub.gateway] = Owner("host", host=hname)
        if sub6 is not None and isinstance(sub6.subnet, ipaddress.IPv6Network) and \
                isinstance(sub6.gateway, IPv6):
            # the bridge's IPv6 address is its subnet's gateway; without one (gateway
            # mode ``isolated``) Docker turns IPv6 off on the bridge, which then has no
            # IPv6 address, and the host no route into the subnet
            # (v28.5.2:libnetwork/drivers/bridge/setup_ipv6_linux.go:19-28)
            h.bridges6.append((sub6.subnet, dom))
            h.addresses6[sub6.gateway] = net.interface or net.name
            if owners:
                dom.owners6[sub6.gateway] = Owner("host", host=hname)

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

    def joins(self, hname: str) -> tuple[dict[str, str], dict[str, list[str]]]:
        """Host ``hname``'s containers by ID (their names), and the names of the ``container:``
        joiners of each container ID (running or not), built on first use."""
        found = self._joins.get(hname)
        if found is None:
            by_id: dict[str, str] = {}
            by_owner: dict[str, list[str]] = {}
            for c in self.state.hosts[hname].containers.values():
                by_id[c.id] = c.name
                if c.sandbox_owner is not None:
                    by_owner.setdefault(c.sandbox_owner, []).append(c.name)
            found = self._joins[hname] = (by_id, by_owner)
        return found

    def on_segment(self, key: str) -> list[Sandbox]:
        """The namespaces on domain ``key``, not a bridge (where two may hold one address,
        the second shadowed: :attr:`Domain.owners`), in a full build's order; found once."""
        if self._on_segment is None:
            self._on_segment = {}
            for sb in self.sandboxes:
                for k in {i.domain for i in sb.ifaces} | {j.domain for j in sb.ifaces6}:
                    if not k.startswith("bridge:"):
                        self._on_segment.setdefault(k, []).append(sb)
        return self._on_segment.get(key, [])

    def updated(self, state: State, containers: Iterable[tuple[str, str]],
                networks: Iterable[tuple[str, str]]) -> TopologyIndex:
        """The index of ``state``, a later State of the same hosts, LAN and swarm in which only
        ``containers`` and ``networks`` (host, name: changed, added or removed) differ from
        this index's State: every other container and network must be the very object it was
        (what a fork of the engine gives: :mod:`netsim.daemon.fork`). What did not change is
        shared, so the cost follows the change, not the State; this index stays as it is.
        The result equals ``TopologyIndex(state)`` (the tests compare them field by field)."""
        with gc_paused():
            return _Update(self, state, set(containers), set(networks)).new

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


def derive_index(before: State, after: State, containers: Iterable[tuple[str, str]],
                 networks: Iterable[tuple[str, str]]) -> TopologyIndex:
    """``topology_index(after)``, derived from ``before``'s index where ``after`` differs from
    ``before`` only in ``containers`` and ``networks`` (:meth:`TopologyIndex.updated`), and
    kept on ``after`` as if built there. Built in full when the hosts, the LAN, the engine or
    the swarm differ."""
    b, a = before.hosts, after.hosts
    if (before.lan != after.lan or before.swarm != after.swarm
            or before.profile is not after.profile or list(b) != list(a)
            or any(b[h].host != a[h].host or b[h].links != a[h].links for h in b)):
        return topology_index(after)
    ix = topology_index(before).updated(after, containers, networks)
    return after.memo("_netsim_index", lambda _state: ix)


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


class _Update:
    """:meth:`TopologyIndex.updated`, step by step, in the order a full build takes them: the
    namespaces a change touches (:meth:`_sharing`), the networks (:meth:`_networks`), the
    containers' namespaces (:meth:`_containers`), then who answers for each address on each
    L2 domain made anew (:meth:`_owners`)."""

    def __init__(self, old: TopologyIndex, state: State, changed: set[tuple[str, str]],
                 networks: set[tuple[str, str]]) -> None:
        self.old = old
        self.state = state
        new = self.new = TopologyIndex.__new__(TopologyIndex)
        new.state = state
        new.lan = state.lan
        new.hosts = dict(old.hosts)
        new.domains = dict(old.domains)
        new.sandboxes = []
        new.sandbox_of = dict(old.sandbox_of)
        new.containers = dict(old.containers)
        new.host_members = set(old.host_members)
        new._overlays = None
        new._attached = {}
        new._joins = {}
        new._on_segment = None
        new.delta = None
        #: the domains made anew (by key): their owners are listed again at the end
        self.fresh: dict[str, Domain] = {}
        #: the hosts whose HostNs this update copied (the others are shared)
        self.copied: set[str] = set()
        #: the old namespaces replaced (their ids), and the new ones
        self.gone: set[int] = set()
        self.made: list[Sandbox] = []
        self.rebridged: set[str] = set()
        self._hosts = {h: i for i, h in enumerate(state.hosts)}
        self._positions: dict[str, dict[str, int]] = {}
        self._slots: dict[str, dict[str, int]] = {}
        affected = self._sharing(changed)
        self._networks(networks, affected)
        self._containers(affected)
        self._owners()
        new.delta = IndexDelta(frozenset(affected), frozenset(self.fresh), tuple(self.made),
                               frozenset(self.rebridged))

    # ---------------------------------------------------------------- helpers

    def _host(self, hname: str) -> HostNs:
        """Host ``hname``'s namespace in the new index, copied once (the old one is shared)."""
        h = self.new.hosts[hname]
        if hname in self.copied:
            return h
        twin = HostNs(h.name, h.node, h.lan_ip, h.nic, addresses=dict(h.addresses),
                      bridges=list(h.bridges),
                      bridge_index={p: dict(t) for p, t in h.bridge_index.items()},
                      published=dict(h.published), host_mode=list(h.host_mode),
                      listening=set(h.listening), addresses6=dict(h.addresses6),
                      bridges6=list(h.bridges6), ip6tables=h.ip6tables)
        self.new.hosts[hname] = twin
        self.copied.add(hname)
        return twin

    def _position(self, hname: str, name: str) -> int:
        """Where container ``name`` is among its host's containers (a full build's order)."""
        found = self._positions.get(hname)
        if found is None:
            names = self.state.hosts[hname].containers
            found = self._positions[hname] = dict(zip(names, range(len(names)), strict=True))
        return found.get(name, -1)

    def _order(self, sb: Sandbox) -> tuple[int, int]:
        return self._hosts.get(sb.host, -1), self._position(sb.host, sb.name)

    def _refresh(self, key: str) -> None:
        """Domain ``key`` made anew, with its fixed owners (the router, the hosts' addresses,
        a bridge's gateway) and its network as it is now; the host's bridges point at it."""
        if key in self.fresh:
            return
        new = self.new
        dom = new.domains.get(key)
        if dom is None:
            return
        if self.old.domains.get(key) is not dom:  # made by this update
            self.fresh[key] = dom
            return
        net = dom.net
        if net is not None:  # (an option of it may have changed)
            hosts = [dom.host] if dom.host is not None else list(self.state.hosts)
            now = next((self.state.hosts[h].networks[net.name] for h in hosts
                        if h in self.state.hosts and net.name in self.state.hosts[h].networks),
                       None)
            net = now if now is not None else net
        twin = Domain(dom.key, dom.kind, dom.node, net, dom.host,
                      {ip: o for ip, o in dom.owners.items() if o.kind != "iface"},
                      {ip: o for ip, o in dom.owners6.items() if o.kind != "iface"})
        new.domains[key] = twin
        self.fresh[key] = twin
        if dom.kind == "bridge" and dom.host is not None and dom.host in new.hosts:
            self._repoint(dom.host, dom, twin)

    def _repoint(self, hname: str, old: Domain, twin: Domain) -> None:
        """Host ``hname``'s bridges: ``twin`` in place of ``old``."""
        h = self._host(hname)
        slots = self._slots.get(hname)
        if slots is None:
            slots = self._slots[hname] = {d.key: i for i, (_, d) in enumerate(h.bridges)}
        i = slots.get(old.key)
        if i is not None and h.bridges[i][1] is old:
            subnet = h.bridges[i][0]
            h.bridges[i] = (subnet, twin)
            h.bridge_index[subnet.prefixlen][
                int(subnet.network_address) >> (32 - subnet.prefixlen)] = (subnet, twin)
        if any(d is old for _, d in h.bridges6):
            h.bridges6 = [(n, twin if d is old else d) for n, d in h.bridges6]

    # ---------------------------------------------------------------- steps

    def _sharing(self, changed: set[tuple[str, str]]) -> set[tuple[str, str]]:
        """The changed containers and every container that shares a namespace with one, before
        or after: its old namespace's members, the container it joined, those that joined it
        (``container:`` joiners, running or not)."""
        old, state = self.old, self.state
        out = set(changed)
        todo = list(changed)
        fresh_ids: dict[str, dict[str, str]] = {}  # host -> ID -> name, of changed containers
        for hname, name in changed:
            hs = state.hosts.get(hname)
            c = hs.containers.get(name) if hs is not None else None
            if c is not None:
                fresh_ids.setdefault(hname, {})[c.id] = name

        def add(hname: str, name: str) -> None:
            if (hname, name) not in out:
                out.add((hname, name))
                todo.append((hname, name))

        while todo:
            hname, name = todo.pop()
            sb = old.sandbox_of.get((hname, name))
            for member in sb.containers if sb is not None else ():
                add(hname, member.name)
            by_id, by_owner = old.joins(hname) if hname in old.state.hosts else ({}, {})
            for hs in (old.state.hosts.get(hname), state.hosts.get(hname)):
                c = hs.containers.get(name) if hs is not None else None
                if c is None:
                    continue
                if c.sandbox_owner is not None:  # the container it joined
                    owner = by_id.get(c.sandbox_owner) or fresh_ids.get(hname, {}).get(
                        c.sandbox_owner)
                    if owner is not None:
                        add(hname, owner)
                for joiner in by_owner.get(c.id, ()):  # (the changed ones are in the set)
                    add(hname, joiner)
        return out

    def _networks(self, networks: set[tuple[str, str]], affected: set[tuple[str, str]]) -> None:
        """Changed networks: the namespaces with an endpoint on one are made anew (their
        interfaces name the network), so is a bridge's domain; a host whose networks were
        added, removed or re-addressed has its bridges listed again."""
        old, state = self.old, self.state
        by_host: dict[str, set[str]] = {}
        for hname, name in networks:
            by_host.setdefault(hname, set()).add(name)
        for hname, names in by_host.items():
            before = old.state.hosts[hname].networks
            after = state.hosts[hname].networks
            for name in names:
                for sb in self._members(hname, name):
                    affected.update((hname, c.name) for c in sb.containers)
            if all(_same_shape(before.get(n), after.get(n)) for n in names):
                for name in names:  # an option changed: the bridge's domain is made anew
                    self._refresh(f"bridge:{hname}/{name}")
            else:
                self._rebridge(hname, names)

    def _members(self, hname: str, name: str) -> list[Sandbox]:
        """The old namespaces with an interface on network ``name`` of host ``hname``."""
        old = self.old
        attached = old._attached.get((hname, name))
        bridge = old.domains.get(f"bridge:{hname}/{name}")
        doms = [attached[0]] if attached is not None else [bridge] if bridge is not None else \
            list(old.domains.values())
        out: dict[int, Sandbox] = {}
        for dom in doms:
            for o in (*dom.owners.values(), *dom.owners6.values()):
                i = o.iface if o.iface is not None else o.iface6
                if i is not None and i.net.name == name and i.sandbox.host == hname:
                    out[id(i.sandbox)] = i.sandbox
        return list(out.values())

    def _rebridge(self, hname: str, names: set[str]) -> None:
        """List host ``hname``'s bridges again (networks were added, removed or re-addressed):
        a changed or new network gets a new domain, the others keep theirs."""
        old, new = self.old, self.new
        hs = self.state.hosts[hname]
        h = self._host(hname)
        self.rebridged.add(hname)
        h.addresses = {}
        if hs.host.address is not None:
            h.addresses[hs.host.address] = hs.host.interface
        h.bridges, h.bridge_index, h.bridges6, h.addresses6 = [], {}, [], {}
        self._slots.pop(hname, None)
        for name in names:
            key = f"bridge:{hname}/{name}"
            if key in new.domains and old.domains.get(key) is new.domains[key]:
                del new.domains[key]  # made anew below, if it is still a bridge
        for net in hs.networks.values():
            key = f"bridge:{hname}/{net.name}"
            kept = key in new.domains  # (an unchanged network's: its owners stay as they are)
            new._add_bridge(h, net, owners=not kept)
            if not kept and key in new.domains:
                self.fresh[key] = new.domains[key]

    def _containers(self, affected: set[tuple[str, str]]) -> None:
        """The affected containers' namespaces, made anew as a full build makes them."""
        old, new, state = self.old, self.new, self.state
        for key in affected:
            sb = old.sandbox_of.get(key)
            if sb is not None and id(sb) not in self.gone:
                self.gone.add(id(sb))
                for i in sb.ifaces:
                    self._refresh(i.domain)
                for i6 in sb.ifaces6:
                    self._refresh(i6.domain)
            new.sandbox_of.pop(key, None)
        for name in {n for _, n in affected}:
            found = [(h, hs.containers[name]) for h, hs in state.hosts.items()
                     if name in hs.containers]
            if found:
                new.containers[name] = found
            else:
                new.containers.pop(name, None)
        for hname, hs in state.hosts.items():
            was = [(h, n) for h, n in affected if h == hname]
            if was:
                self._host_containers(hname, hs, was)
        self.made = new.sandboxes
        new.sandboxes = [sb for sb in old.sandboxes if id(sb) not in self.gone] + self.made

    def _host_containers(self, hname: str, hs: HostState,
                         was: list[tuple[str, str]]) -> None:
        old, new, state = self.old, self.new, self.state
        mine = sorted((hs.containers[n] for _, n in was if n in hs.containers),
                      key=lambda c: self._position(hname, c.name))
        hosted = any(k in new.host_members for k in was)
        new.host_members.difference_update(was)
        roots: dict[str, ContainerState | None] = {}
        for c in mine:
            if not c.running:
                continue
            root = c if c.sandbox_owner is None else sandbox_owner(state, hname, c)
            roots[c.name] = root
            if root is not None and root.network_mode == "host":
                new.host_members.add((hname, c.name))
                hosted = True
        olds = old.state.hosts.get(hname)
        before = [olds.containers[n] for _, n in was
                  if olds is not None and n in olds.containers]
        ports = {(m.host_port, m.proto) for c in (*mine, *before) if c.running
                 for m in c.port_mappings}
        if ports:  # those ports' bindings listed again, in the containers' order
            h = self._host(hname)
            names = {n for _, n in was}
            for port in ports:
                kept = [b for b in h.published.get(port, ()) if b[1].name not in names]
                kept += [(m.host_ip, c, m.container_port) for c in mine if c.running
                         for m in c.port_mappings if (m.host_port, m.proto) == port]
                kept.sort(key=lambda b: self._position(hname, b[1].name))  # (stable)
                if kept:
                    h.published[port] = kept
                else:
                    h.published.pop(port, None)
        if hosted:
            h = self._host(hname)
            h.host_mode = [c for c in hs.containers.values()
                           if (hname, c.name) in new.host_members]
            h.listening = set()
            for c in h.host_mode:
                h.listening.update(c.listening)
        host = new.hosts[hname]
        for c in mine:  # the domains the new namespaces attach to are made anew first
            if roots.get(c.name) is not c or (hname, c.name) in new.host_members:
                continue
            for ep in c.active_endpoints():
                net = hs.networks.get(ep.network)
                if net is None or ep.ifname is None or (ep.ipv4 is None and ep.ipv6 is None):
                    continue
                self._refresh(new._endpoint_domain(hname, host, net).key)
        joiners: dict[str, list[ContainerState]] = {}
        for c in mine:
            root = roots.get(c.name)
            if c.sandbox_owner is not None and root is not None:
                joiners.setdefault(root.id, []).append(c)
        for c in mine:
            new._add_sandbox(hname, c, joiners.get(c.id, ()), roots.get(c.name))

    def _owners(self) -> None:
        """Who answers for each address on every domain made anew: its fixed owners, then
        each namespace's interfaces, the namespaces in a full build's order (the first one
        holding an address answers for it)."""
        old_domains = self.old.domains
        for key, dom in self.fresh.items():
            members: list[Sandbox] = []
            old = old_domains.get(key)
            if old is not None and old.kind != "bridge":  # (a shadowed one may answer now)
                members = [sb for sb in self.old.on_segment(key) if id(sb) not in self.gone]
            elif old is not None:  # (each owner's namespace once, in the owners' order)
                members = list({id(i.sandbox): i.sandbox
                                for o in (*old.owners.values(), *old.owners6.values())
                                if (i := o.iface or o.iface6) is not None
                                and id(i.sandbox) not in self.gone}.values())
            made = [sb for sb in self.made if any(i.domain == key for i in sb.ifaces)
                    or any(i.domain == key for i in sb.ifaces6)]
            if made:
                members = sorted(members + made, key=self._order)
            dom.owners = {ip: o for ip, o in dom.owners.items() if o.kind != "iface"}
            dom.owners6 = {ip: o for ip, o in dom.owners6.items() if o.kind != "iface"}
            for sb in members:
                for i in sb.ifaces:
                    if i.domain == key:
                        dom.owners.setdefault(i.ip, Owner("iface", i))
                for i6 in sb.ifaces6:
                    if i6.domain == key:
                        dom.owners6.setdefault(i6.ip, Owner("iface", iface6=i6))
            if not members and dom.kind != "lan" and not _standing(self.state, dom):
                del self.new.domains[key]  # (a full build makes no domain nobody is on)


def _same_shape(a: NetworkState | None, b: NetworkState | None) -> bool:
    """Two states of one network whose endpoints attach alike (an option changed)."""
    return a is not None and b is not None and (
        a.driver, a.subnets, a.interface, a.host, a.scope) == (
        b.driver, b.subnets, b.interface, b.host, b.scope) and (
        driver_of(a.driver).attachment(a) == driver_of(b.driver).attachment(b))


def _standing(state: State, dom: Domain) -> bool:
    """Whether a full build makes domain ``dom`` with nobody on it: a bridge's, while its
    network exists (the others only when an endpoint attaches)."""
    return dom.kind == "bridge" and dom.net is not None and dom.host is not None and (
        dom.net.name in state.hosts[dom.host].networks)
