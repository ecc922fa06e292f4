"""Who reaches whom: one flow explained hop by hop (:func:`reach`), and all pairs (:func:`matrix`).

A flow starts at a container or a vantage point (``@host`` / ``@NAME`` a Docker host, ``@lan`` a
machine on the hosts' LAN, ``@internet`` a client beyond the LAN's router) and goes to a
container, an IP address, or a Docker host's address, optionally to a port. netsim follows the
packet the way the kernel and Docker's rules would (Engine 29.1 defaults: ``gateway_mode=nat``,
userland proxy on, ICC on unless the network says otherwise) and returns a :class:`Trace`: the
*disposition* (a closed set, :class:`Disposition`), what the client sees (:class:`Symptom`), and
the hops, each with one sentence and the Docker rule that decided it.

Each rule names where Docker documents or implements it in :data:`RULES`. What netsim
simplifies is said in README ("Simplifications"): gateway modes other than ``nat`` are treated as
``nat``; macvlan ``vepa`` mode as ``bridge`` (``private`` mode is modelled); the LAN's machines
have no routes to
container subnets; ``@internet`` reaches the Docker hosts' LAN addresses as if they were public;
every public address (and the documentation ranges 192.0.2.0/24, 203.0.113.0/24) is "the
internet", which answers ping and listens on 80/tcp, 443/tcp and 53 (udp and tcp); the LAN's
router serves DNS on 53 (udp and tcp) and nothing else.

The matrix is computed from the same facts with sets (Python ints as bitsets), never a path
search per pair; tests check that it equals :func:`reach` cell by cell and the path search over
:func:`netsim.graph.forwarding`.
"""

from __future__ import annotations

import ipaddress
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, PrivateAttr

from netsim.errors import InputError
from netsim.graph import (
    INTERNET,
    LAN,
    ROUTER,
    bridge_node,
    host_node,
    iface_node,
    nic_node,
    overlay_node,
    parent_nic,
    sandbox_node,
    sandbox_owner,
    sandbox_source,
    segment_node,
)
from netsim.state import (
    ContainerState,
    EndpointState,
    NetworkState,
    State,
    default_route_endpoint,
    gc_paused,
)

__all__ = [
    "DISPOSITIONS",
    "RULES",
    "Disposition",
    "Hop",
    "Matrix",
    "Symptom",
    "Trace",
    "forwarding_pairs",
    "matrix",
    "reach",
    "topology_index",
]

IPv4 = ipaddress.IPv4Address
Proto = Literal["icmp", "tcp", "udp"]


class Disposition(StrEnum):
    """Why a flow ended the way it did: a closed set (README lists it with the same words)."""

    DELIVERED = "DELIVERED"
    NOTHING_LISTENING = "NOTHING_LISTENING"
    PORT_NOT_PUBLISHED = "PORT_NOT_PUBLISHED"
    CONTAINER_NOT_RUNNING = "CONTAINER_NOT_RUNNING"
    NO_INTERFACE = "NO_INTERFACE"
    NO_ROUTE = "NO_ROUTE"
    INTERNAL_NETWORK = "INTERNAL_NETWORK"
    ISOLATED_NETWORKS = "ISOLATED_NETWORKS"
    ICC_DISABLED = "ICC_DISABLED"
    MACVLAN_HOST_ISOLATION = "MACVLAN_HOST_ISOLATION"
    MACVLAN_PRIVATE_MODE = "MACVLAN_PRIVATE_MODE"
    HOST_UNREACHABLE = "HOST_UNREACHABLE"
    NOT_MASQUERADED = "NOT_MASQUERADED"
    UNKNOWN_DESTINATION = "UNKNOWN_DESTINATION"
    NAME_NOT_RESOLVED = "NAME_NOT_RESOLVED"
    SHADOWED_ADDRESS = "SHADOWED_ADDRESS"


#: One line per disposition: what it means.
DISPOSITIONS: dict[Disposition, str] = {
    Disposition.DELIVERED: "the packet arrived and (for a port) a process accepted it",
    Disposition.NOTHING_LISTENING: "it arrived, but nothing listens on that port: refused",
    Disposition.PORT_NOT_PUBLISHED: "a Docker host's address, and no container publishes that "
                                    "port there (nor does a host process listen): refused",
    Disposition.CONTAINER_NOT_RUNNING: "the source or destination container is not running",
    Disposition.NO_INTERFACE: "the namespace has only lo (--network none, or no network left)",
    Disposition.NO_ROUTE: "no route to the address: Network is unreachable, or the LAN cannot "
                          "route to it",
    Disposition.INTERNAL_NETWORK: "an --internal network: no way off its subnet",
    Disposition.ISOLATED_NETWORKS: "dropped between two networks: Docker isolates them",
    Disposition.ICC_DISABLED: "dropped on a bridge with inter-container communication off",
    Disposition.MACVLAN_HOST_ISOLATION: "between a macvlan/ipvlan container and its parent "
                                        "host: the kernel keeps them apart",
    Disposition.MACVLAN_PRIVATE_MODE: "between two macvlan containers on the same parent of one "
                                      "host, one of them in macvlan_mode=private: the kernel "
                                      "passes nothing between them",
    Disposition.HOST_UNREACHABLE: "nobody on that segment holds the address (no ARP reply)",
    Disposition.NOT_MASQUERADED: "it left with a container address nobody routes back: no reply",
    Disposition.UNKNOWN_DESTINATION: "no simulated machine holds that address: dropped upstream",
    Disposition.NAME_NOT_RESOLVED: "the name does not resolve",
    Disposition.SHADOWED_ADDRESS: "the destination's address is held by another container on "
                                  "the source's side (e.g. 172.17.0.2 on two hosts): the packet "
                                  "goes there",
}


class Symptom(StrEnum):
    """What the client program sees, which decides what ``ping``/``curl`` print."""

    OK = "ok"  # a reply / a connection
    REFUSED = "refused"  # TCP RST, ICMP port unreachable
    TIMEOUT = "timeout"  # silently dropped
    HOST_UNREACHABLE = "host-unreachable"  # ICMP host unreachable after ARP fails
    NETWORK_UNREACHABLE = "network-unreachable"  # ENETUNREACH at once, nothing sent
    NO_NAME = "no-name"  # the resolver found nothing
    #: a connection, then a reset: docker-proxy accepted it and, the container refusing its own
    #: connection, closed it with the client's request unread (a TCP RST)
    RESET = "reset"


_SYMPTOM: dict[Disposition, Symptom] = {
    Disposition.DELIVERED: Symptom.OK,
    Disposition.NOTHING_LISTENING: Symptom.REFUSED,
    Disposition.PORT_NOT_PUBLISHED: Symptom.REFUSED,
    Disposition.CONTAINER_NOT_RUNNING: Symptom.NETWORK_UNREACHABLE,
    Disposition.NO_INTERFACE: Symptom.NETWORK_UNREACHABLE,
    Disposition.NO_ROUTE: Symptom.NETWORK_UNREACHABLE,
    Disposition.INTERNAL_NETWORK: Symptom.NETWORK_UNREACHABLE,
    Disposition.ISOLATED_NETWORKS: Symptom.TIMEOUT,
    Disposition.ICC_DISABLED: Symptom.TIMEOUT,
    Disposition.MACVLAN_HOST_ISOLATION: Symptom.HOST_UNREACHABLE,
    Disposition.MACVLAN_PRIVATE_MODE: Symptom.HOST_UNREACHABLE,
    Disposition.HOST_UNREACHABLE: Symptom.HOST_UNREACHABLE,
    Disposition.NOT_MASQUERADED: Symptom.TIMEOUT,
    Disposition.UNKNOWN_DESTINATION: Symptom.TIMEOUT,
    Disposition.NAME_NOT_RESOLVED: Symptom.NO_NAME,
    Disposition.SHADOWED_ADDRESS: Symptom.OK,
}

_D = "https://docs.docker.com/engine/network/"
_M = "moby daemon/libnetwork/"
#: The rules a hop can cite: id -> where Docker documents or implements it.
RULES: dict[str, str] = {
    "lo": "kernel: 127.0.0.0/8 is the namespace's own loopback",
    "local": "kernel: an address of the namespace itself is delivered locally",
    "route.onlink": "kernel: an address inside an interface's subnet is on-link (ARP on it)",
    "route.default": f"{_M}sandbox.go (Endpoint.Less picks the gateway endpoint); "
                     "drivers/bridge/bridge_linux.go Join (SetGateway)",
    "route.none": "kernel: no route matches: sendto/connect fails with Network is unreachable",
    "internal": f"{_D}drivers/bridge/ (--internal: no default route; "
                f"{_M}drivers/bridge/bridge_linux.go Join); moby test TestInternalNwConnectivity",
    "none": f"{_D}drivers/none/ (only lo)",
    "container-mode": f"{_D}#container-networks; moby daemon/container_operations.go "
                      "initializeNetworking (the joiner shares the owner's namespace)",
    "sandbox.gone": "moby daemon/container_operations.go: a joiner keeps the namespace it "
                    "joined; after its owner restarts that one has only lo",
    "not-running": "moby daemon: a stopped container has no sandbox and no addresses",
    "bridge.same": f"{_D}drivers/bridge/ (containers on the same bridge expose all ports to "
                   "each other); moby test TestBridgeICC",
    "bridge.icc": f"{_D}drivers/bridge/ (enable_icc=false); {_M}drivers/bridge/internal/"
                  "iptabler (icc=false: -i br -o br -j DROP)",
    "bridge.link": f"{_M}drivers/bridge/bridge_linux.go link(): with ICC off a legacy --link "
                   "opens the linked container's exposed ports",
    "bridge.gateway": f"{_D}drivers/bridge/ (the bridge's address is the host's); "
                      f"{_D}port-publishing/",
    "bridge.isolation": f"{_M}drivers/bridge/internal/iptabler (raw PREROUTING -d C ! -i br "
                        "-j DROP; DOCKER chain ! -i br -o br -j DROP); moby tests TestBridgeINC, "
                        "TestInterNetworkDirectRouting",
    "bridge.internal-drop": f"{_M}drivers/bridge/internal/iptabler (DOCKER-INTERNAL); before "
                            "25.0 an internal bridge was its containers' gateway and "
                            "setup_ip_tables.go setINC dropped what left the subnet "
                            "(DOCKER-ISOLATION-STAGE-1 -i br ! -d S -j DROP)",
    "nat.masquerade": f"{_M}drivers/bridge/internal/iptabler (POSTROUTING -s S ! -o br -j "
                      "MASQUERADE)",
    "nat.masquerade-off": f"{_D}drivers/bridge/ (enable_ip_masquerade=false: packets leave "
                          "with the container's address)",
    "publish": f"{_D}port-publishing/ (DNAT and docker-proxy); moby test "
               "TestAccessToPublishedPort",
    "publish.localhost": f"{_D}port-publishing/ (ports bound to 127.0.0.1 are only for the "
                         "host; raw PREROUTING since 28.0, moby#45610)",
    "publish.none": "kernel: no socket and no DNAT rule for that port: TCP RST",
    "publish.proxy": f"{_D}port-publishing/ (the host's own connections to 127.0.0.0/8 skip "
                     "the DNAT rules, OUTPUT ! -d 127.0.0.0/8: docker-proxy accepts them and "
                     "connects to the container; if that fails it closes the client's "
                     "connection: cmd/docker-proxy tcp_proxy.go clientLoop)",
    "host.process": f"{_D}drivers/host/ (a host-mode container is a process of the host)",
    "host.reaches": f"{_D}drivers/bridge/ (the host reaches every container on its bridges, "
                    "internal ones too: the bridge's address is in the host's namespace); "
                    "moby test TestInternalNwConnectivity",
    "listen": "kernel: a socket listening on the port accepts; none: TCP RST / ICMP port "
              "unreachable",
    "icmp": "kernel: every namespace answers ICMP echo",
    "macvlan.same": f"{_D}drivers/macvlan/ (containers appear as machines on the parent's "
                    "segment)",
    "macvlan.host": f"{_M}docs/macvlan.md (the parent and its children cannot talk: filtered "
                    "by Linux); moby/libnetwork#1915",
    "macvlan.private": f"{_D}drivers/macvlan/ (macvlan_mode=private); Linux "
                       "drivers/net/macvlan.c macvlan_queue_xmit (only bridge-mode children "
                       "reach each other inside the host; a private one's frames, ARP included, "
                       "go out of the parent and are never delivered to a sibling)",
    "ipvlan.l3": f"{_D}drivers/ipvlan/ (l3: siblings route to each other; the upstream needs "
                 "routes back)",
    "overlay.same": f"{_D}drivers/overlay/ (containers on the same overlay talk across hosts)",
    "overlay.isolation": f"{_D}drivers/overlay/ (overlay networks are isolated from each "
                         "other; only attached containers reach one: the hosts have no route "
                         "into it)",
    "overlay.gwbridge": f"{_M}default_gateway.go (docker_gwbridge gives overlay containers "
                        "their way out)",
    "lan.arp": "kernel: on-link delivery needs an ARP reply; nobody holds the address",
    "lan.router": "netsim's LAN: the router forwards to the internet",
    "lan.noroute": "netsim's LAN: its machines have no routes to container subnets (and in "
                   "nat mode Docker ≥28 drops direct routing anyway: raw PREROUTING)",
    "internet": "netsim's internet: public addresses answer ping and listen on 80/443/tcp, "
                "53/udp and 53/tcp",
    "internet.unknown": "no simulated machine holds this address",
    "vantage": "netsim's vantage points: a machine on the LAN, a client on the internet",
    "shadowed": "kernel: the most specific local route wins; another host's container with the "
                "same address is never reached",
    "internet.inbound": "netsim's internet: it reaches the Docker hosts' LAN addresses as if "
                        "public, and nothing else on the LAN",
}

# --------------------------------------------------------------------------------------------
# Results


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


@dataclass(frozen=True, slots=True)
class Hop:
    """One step of a flow: where (a :mod:`netsim.graph` node id), what happened, which rule."""

    node: str
    text: str
    rule: str

    @property
    def source(self) -> str:
        return RULES[self.rule]


@dataclass(frozen=True, slots=True)
class Trace:
    """One flow, explained. ``hops[-1]`` is the step that decided it.

    A frozen value: ``str()`` is what ``netsim reach`` prints, ``_repr_html_`` what Jupyter
    shows, :meth:`to_dict`/:meth:`to_json` the JSON. (A plain dataclass, not a pydantic model:
    a query builds one in a few microseconds.)
    """

    src: str
    dst: str
    address: str | None  # the IPv4 address the packet was sent to
    port: int | None
    proto: Proto
    disposition: Disposition
    symptom: Symptom
    hops: tuple[Hop, ...]
    #: routers that forwarded the packet on its way (a Docker host between two networks, the
    #: LAN's router); a reply's TTL is 64 minus this
    routers: int = 0

    @property
    def delivered(self) -> bool:
        return self.disposition is Disposition.DELIVERED

    @property
    def deciding(self) -> Hop:
        return self.hops[-1]

    def target(self) -> str:
        where = self.address or self.dst
        return f"{where}:{self.port}/{self.proto}" if self.port else f"{where} ({self.proto})"

    def __str__(self) -> str:
        verdict = "reachable" if self.delivered else "not reachable"
        lines = [f"{self.src} -> {self.dst} {self.target()}: {verdict} "
                 f"[{self.disposition.value}]"]
        for i, hop in enumerate(self.hops, 1):
            lines.append(f"  {i}. {hop.text}")
            lines.append(f"     ({hop.rule}: {hop.source})")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        from html import escape

        colour = "#1a7f37" if self.delivered else "#cf222e"
        rows = "".join(
            f"<tr><td>{i}</td><td><code>{escape(h.node)}</code></td><td>{escape(h.text)}</td>"
            f"<td title='{escape(h.source)}'>{escape(h.rule)}</td></tr>"
            for i, h in enumerate(self.hops, 1))
        return (f"<p><b>{escape(self.src)} → {escape(self.dst)}</b> {escape(self.target())}: "
                f"<b style='color:{colour}'>{self.disposition.value}</b></p>"
                f"<table><tr><th>#</th><th>node</th><th>what happened</th><th>rule</th></tr>"
                f"{rows}</table>")

    def to_dict(self) -> dict[str, Any]:
        return {
            "src": self.src, "dst": self.dst, "address": self.address, "port": self.port,
            "proto": self.proto, "disposition": self.disposition.value,
            "symptom": self.symptom.value, "delivered": self.delivered,
            "routers": self.routers,
            "hops": [{"node": h.node, "text": h.text, "rule": h.rule, "source": h.source}
                     for h in self.hops],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2)


# --------------------------------------------------------------------------------------------
# The index: the State's facts arranged for fast lookups (built once per State)


@dataclass(eq=False, slots=True)
class _Iface:
    sandbox: _Sandbox
    ep: EndpointState
    net: NetworkState
    ip: IPv4
    subnet: ipaddress.IPv4Network
    domain: str  # the L2 domain key
    node: str


@dataclass(eq=False, slots=True)
class _Sandbox:
    """A running network namespace of containers (an owner and its ``container:`` joiners)."""

    host: str
    name: str  # the owner's name
    node: str
    containers: list[ContainerState]
    ifaces: list[_Iface] = field(default_factory=list)
    default: _Iface | None = None
    listening: set[str] = field(default_factory=set)


@dataclass(eq=False, slots=True)
class _Owner:
    """Who answers for an address on an L2 domain."""

    kind: Literal["iface", "host", "router"]
    iface: _Iface | None = None
    host: str | None = None


@dataclass(eq=False, slots=True)
class _Domain:
    key: str
    kind: Literal["bridge", "l2", "overlay", "l3", "lan"]
    node: str  # graph node the segment is drawn as
    net: NetworkState | None = None
    host: str | None = None
    owners: dict[IPv4, _Owner] = field(default_factory=dict)


@dataclass(eq=False, slots=True)
class _HostNs:
    name: str
    node: str
    lan_ip: IPv4 | None
    nic: str
    addresses: dict[IPv4, str] = field(default_factory=dict)  # address -> interface
    bridges: list[tuple[ipaddress.IPv4Network, _Domain]] = field(default_factory=list)
    #: the bridges by prefix length, then by network number: a subnet lookup in O(prefixes)
    bridge_index: dict[int, dict[int, tuple[ipaddress.IPv4Network, _Domain]]] = field(
        default_factory=dict)

    def bridge_for(self, ip: IPv4) -> tuple[ipaddress.IPv4Network, _Domain] | None:
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


#: the documentation ranges (RFC 5737) stand for internet machines, like public addresses
#: (the conformance lab's internet holds 203.0.113.0/24 and 198.51.100.0/24); a LAN on one of
#: them is the LAN, not the internet (on-link addresses are looked at first)
_INTERNET_NETS = (ipaddress.IPv4Network("192.0.2.0/24"), ipaddress.IPv4Network("198.51.100.0/24"),
                  ipaddress.IPv4Network("203.0.113.0/24"))
_INTERNET_PORTS = frozenset({"80/tcp", "443/tcp", "53/udp", "53/tcp"})
#: the LAN router is the LAN's DNS server (the hosts' resolv.conf names it), over UDP and TCP
_ROUTER_PORTS = frozenset({"53/udp", "53/tcp"})
_LOOPBACK = ipaddress.IPv4Network("127.0.0.0/8")


def _is_internet(ip: IPv4) -> bool:
    return ip.is_global or any(ip in n for n in _INTERNET_NETS)


class _Index:
    """Everything :func:`reach` and :func:`matrix` look up, built in one pass over the State."""

    def __init__(self, state: State) -> None:
        self.state = state
        self.lan = state.lan
        self.hosts: dict[str, _HostNs] = {}
        self.domains: dict[str, _Domain] = {}
        self.sandboxes: list[_Sandbox] = []
        self.sandbox_of: dict[tuple[str, str], _Sandbox | None] = {}  # (host, name) -> sandbox
        self.containers: dict[str, list[tuple[str, ContainerState]]] = {}  # name -> [(host, c)]
        #: containers in a host's own namespace: host mode, and container: joiners of one
        self.host_members: set[tuple[str, str]] = set()
        self._overlays: list[tuple[ipaddress.IPv4Network, _Domain]] | None = None
        lan = self._domain("lan", "lan", LAN)
        if self.lan.gateway is not None:
            lan.owners[self.lan.gateway] = _Owner("router")
        for hname, hs in state.hosts.items():
            h = _HostNs(hname, host_node(hname), hs.host.address,
                        nic_node(hname, hs.host.interface))
            self.hosts[hname] = h
            if hs.host.address is not None:
                h.addresses[hs.host.address] = hs.host.interface
                lan.owners.setdefault(hs.host.address, _Owner("host", host=hname))
            for net in hs.networks.values():
                sub = net.ipv4_subnet
                if net.driver == "bridge" and sub is not None and net.host == hname:
                    dom = self._domain(f"bridge:{hname}/{net.name}", "bridge",
                                       bridge_node(hname, net.name), net, hname)
                    subnet = ipaddress.IPv4Network(sub.subnet)
                    h.bridges.append((subnet, dom))
                    h.bridge_index.setdefault(subnet.prefixlen, {})[
                        int(subnet.network_address) >> (32 - subnet.prefixlen)] = (subnet, dom)
                    if isinstance(sub.gateway, IPv4):
                        h.addresses[sub.gateway] = net.interface or net.name
                        dom.owners[sub.gateway] = _Owner("host", host=hname)
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
                node: str, net: NetworkState | None = None, host: str | None = None) -> _Domain:
        dom = self.domains.get(key)
        if dom is None:
            dom = self.domains[key] = _Domain(key, kind, node, net, host)
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
        sb = _Sandbox(hname, c.name, sandbox_node(hname, c.name), [c, *joiners])
        for member in sb.containers:
            sb.listening.update(member.listening)
            self.sandbox_of[(hname, member.name)] = sb
        self.sandboxes.append(sb)
        host = self.hosts[hname]
        for ep in c.active_endpoints():
            net = hs.networks.get(ep.network)
            if net is None or ep.ipv4 is None or ep.ifname is None:
                continue
            dom = self._endpoint_domain(hname, host, net)
            iface = _Iface(sb, ep, net, ep.ipv4.ip, ep.ipv4.network, dom.key,
                           iface_node(hname, c.name, ep.ifname))
            sb.ifaces.append(iface)
            dom.owners.setdefault(iface.ip, _Owner("iface", iface))
        gw = default_route_endpoint((i.ep for i in sb.ifaces), hs.networks.get)
        sb.default = next((i for i in sb.ifaces if i.ep is gw), None)

    def _endpoint_domain(self, hname: str, host: _HostNs, net: NetworkState) -> _Domain:
        if net.driver == "bridge":
            return self.domains[f"bridge:{hname}/{net.name}"]
        if net.driver == "overlay":
            return self._domain(f"overlay:{net.name}", "overlay", overlay_node(net.name), net)
        iface = self.state.hosts[hname].host.interface
        parent = parent_nic(iface, net)
        if parent is None:
            return self._domain(f"segment:{hname}/{net.name}", "l2",
                                segment_node(hname, net.name), net, hname)
        if net.driver == "ipvlan" and net.options.get("ipvlan_mode", "l2") in ("l3", "l3s"):
            return self._domain(f"l3:{hname}/{parent}", "l3", nic_node(hname, parent), net,
                                hname)
        vlan = parent.partition(".")[2]
        return self.domains["lan"] if not vlan else self._domain(f"lan.{vlan}", "l2",
                                                                  f"{LAN}.{vlan}")

    def overlay_subnets(self) -> list[tuple[ipaddress.IPv4Network, _Domain]]:
        """The overlay networks' subnets (a few at most: only with a swarm), computed once."""
        if self._overlays is None:
            self._overlays = []
            for dom in self.domains.values():
                net = dom.net if dom.kind == "overlay" else None
                sub = net.ipv4_subnet if net is not None else None
                if sub is not None:
                    self._overlays.append((ipaddress.IPv4Network(sub.subnet), dom))
        return self._overlays

    def host_accepts(self, h: _HostNs, ip: IPv4, port: int | None, proto: str) -> bool:
        """Whether a connection to ``ip:port`` of host ``h`` is accepted (see host_input)."""
        if port is None:
            return True
        for host_ip, c, cport in h.published.get((port, proto), ()):
            if host_ip in ("0.0.0.0", "::", str(ip)):
                sb = self.sandbox_of.get((h.name, c.name))
                return sb is not None and f"{cport}/{proto}" in sb.listening
        return f"{port}/{proto}" in h.listening

    # -------------------------------------------------------------- lookups

    def find(self, ref: str) -> tuple[str, ContainerState]:
        """A container by NAME or HOST/NAME (or an ID prefix); InputError when unknown."""
        host, sep, name = ref.partition("/")
        if sep:
            if host not in self.state.hosts:
                raise InputError(ref, "unknown Docker host", got=host,
                                 accepted=", ".join(self.state.hosts))
            try:
                return host, self.state.container(name, host)
            except KeyError:
                raise InputError(ref, "no such container on that host", got=name) from None
        found = self.containers.get(ref)
        if not found:
            found = [(h, c) for h, hs in self.state.hosts.items() for c in hs.containers.values()
                     if len(ref) >= 4 and c.id.startswith(ref)]
        if not found:
            raise InputError("reach", "no such container, address or vantage point", got=ref,
                             accepted="a container name, HOST/NAME, an IPv4 address, @host, "
                                      "@NAME, @lan or @internet")
        if len(found) > 1:
            raise InputError("reach", "the name is used on several Docker hosts", got=ref,
                             accepted=" or ".join(f"{h}/{c.name}" for h, c in found))
        return found[0]


def topology_index(state: State) -> _Index:
    """The lookup index of a State (cached on it)."""
    return state.memo("_netsim_index", _build_index)


def _build_index(state: State) -> _Index:
    with gc_paused():
        return _Index(state)


# --------------------------------------------------------------------------------------------
# One flow


class _Flow:
    """The walk of one packet, collecting hops."""

    __slots__ = ("expect", "hops", "ix", "port", "proto", "routers")

    def __init__(self, ix: _Index, port: int | None, proto: Proto) -> None:
        self.ix = ix
        self.port = port
        self.proto = proto
        self.hops: list[Hop] = []
        self.expect: _Sandbox | None = None  # the container the flow is meant for
        self.routers = 0

    def hop(self, node: str, text: str, rule: str) -> None:
        self.hops.append(Hop(node, text, rule))

    def end(self, d: Disposition, node: str, text: str, rule: str) -> Disposition:
        self.hop(node, text, rule)
        return d

    @property
    def what(self) -> str:
        return f"port {self.port}/{self.proto}" if self.port else "ICMP echo"

    # ---------------------------------------------------------------- arrival

    def arrive(self, sb: _Sandbox, ip: IPv4, how: str) -> Disposition:
        names = "/".join(c.name for c in sb.containers)
        if self.expect is not None and sb is not self.expect:
            return self.end(Disposition.SHADOWED_ADDRESS, sb.node,
                            f"{how}: {ip} is {names}'s address on {sb.host}, not "
                            f"{self.expect.name}'s on {self.expect.host}", "shadowed")
        if self.port is None:
            return self.end(Disposition.DELIVERED, sb.node,
                            f"{how}; {names} answers the echo request", "icmp")
        key = f"{self.port}/{self.proto}"
        if key in sb.listening:
            return self.end(Disposition.DELIVERED, sb.node,
                            f"{how}; a process in {names} listens on {key}", "listen")
        return self.end(Disposition.NOTHING_LISTENING, sb.node,
                        f"{how}; nothing in {names} listens on {key}: refused", "listen")

    def host_input(self, h: _HostNs, ip: IPv4, *, via: str, proxied: bool = False) -> Disposition:
        """A packet for one of host ``h``'s own addresses (or 127.0.0.1 from the host:
        ``proxied``, a published TCP port is docker-proxy's)."""
        if self.port is None:
            return self.end(Disposition.DELIVERED, h.node,
                            f"{via}; host {h.name} answers the echo request for {ip}", "icmp")
        key = f"{self.port}/{self.proto}"
        binding = None
        localhost_only = False
        for host_ip, c, cport in h.published.get((self.port, self.proto), ()):
            if host_ip in ("0.0.0.0", "::", str(ip)):
                binding = (host_ip, c, cport)
                break
            if host_ip.startswith("127."):
                localhost_only = True
        if binding is not None:
            host_ip, c, cport = binding
            sb = self.ix.sandbox_of.get((h.name, c.name))
            mapping = f"{host_ip}:{self.port}->{cport}/{self.proto}"
            if sb is None or sb.default is None:  # pragma: no cover - mappings need a gateway
                return self.end(Disposition.CONTAINER_NOT_RUNNING, h.node,
                                f"{via}; {c.name} publishes {mapping} but is not running",
                                "not-running")
            gw = sb.default
            if proxied and self.proto == "tcp":
                self.hop(h.node, f"{via}; {c.name} publishes {mapping}: docker-proxy accepts "
                                 f"the connection and opens one to {gw.ip}:{cport}",
                         "publish.proxy")
            else:
                self.hop(h.node, f"{via}; {c.name} publishes {mapping}: DNAT/docker-proxy send "
                                 f"it to {gw.ip}:{cport}", "publish")
            saved, expect = self.port, self.expect
            self.port, self.expect = cport, None
            try:
                return self.arrive(sb, gw.ip, f"it enters {c.name} through {gw.ep.ifname}")
            finally:
                self.port, self.expect = saved, expect
        if key in h.listening:
            names = ", ".join(c.name for c in h.host_mode if key in c.listening)
            return self.end(Disposition.DELIVERED, h.node,
                            f"{via}; {names} (host network) listens on {key}", "host.process")
        if localhost_only:
            return self.end(Disposition.PORT_NOT_PUBLISHED, h.node,
                            f"{via}; {self.port}/{self.proto} is published only on 127.0.0.1 "
                            f"of {h.name}, not on {ip}: refused", "publish.localhost")
        return self.end(Disposition.PORT_NOT_PUBLISHED, h.node,
                        f"{via}; no container publishes {key} on {h.name} and no host process "
                        "listens: refused", "publish.none")

    # ---------------------------------------------------------------- from a container

    def from_sandbox(self, sb: _Sandbox, ip: IPv4) -> Disposition:
        ix = self.ix
        if ip in _LOOPBACK:
            return self.arrive(sb, ip, f"{ip} is loopback: it stays in {sb.name}'s namespace "
                                       "(lo)")
        own = next((i for i in sb.ifaces if i.ip == ip), None)
        if own is not None:
            return self.arrive(sb, ip, f"{ip} is {sb.name}'s own address ({own.ep.ifname}): "
                                       "delivered locally")
        out = next((i for i in sb.ifaces if ip in i.subnet), None)
        if out is not None:
            self.hop(out.node, f"{ip} is on-link: {sb.name} sends it out of {out.ep.ifname} "
                               f"({out.ip}/{out.subnet.prefixlen}, network {out.net.name})",
                     "route.onlink")
            return self.on_link(ix.domains[out.domain], ip, src=out)
        gw = sb.default
        if gw is None:
            if not sb.ifaces:
                return self.end(Disposition.NO_INTERFACE, sb.node,
                                f"{sb.name} has only lo: no network to send {ip} on",
                                "none")
            internal = [i for i in sb.ifaces if i.net.internal]
            if internal:
                nets = ", ".join(i.net.name for i in internal)
                return self.end(Disposition.INTERNAL_NETWORK, sb.node,
                                f"{ip} is off-subnet and {sb.name} has no default route: "
                                f"{nets} is --internal (Network is unreachable)", "internal")
            return self.end(Disposition.NO_ROUTE, sb.node,
                            f"{ip} is off-subnet and {sb.name} has no default route "
                            "(Network is unreachable)", "route.none")
        via = f" via {gw.ep.gateway}" if gw.ep.gateway else ""
        self.hop(gw.node, f"{ip} is off-subnet: {sb.name} sends it out of {gw.ep.ifname} "
                          f"(network {gw.net.name}){via}, its default route", "route.default")
        dom = ix.domains[gw.domain]
        if gw.net.driver == "bridge":
            h = ix.hosts[sb.host]
            return self.host_forward(h, ip, ingress=gw)
        if dom.kind == "l3":
            sib = dom.owners.get(ip)
            if sib is not None and sib.iface is not None:
                return self.arrive(sib.iface.sandbox, ip,
                                   f"the ipvlan l3 parent routes it to {sib.iface.sandbox.name}")
            return self.end(Disposition.NOT_MASQUERADED, dom.node,
                            f"it leaves {dom.node} with source {gw.ip}; ipvlan l3 does no NAT "
                            "and the LAN has no route back", "ipvlan.l3")
        # macvlan / ipvlan l2: the gateway must be a router on the parent's segment
        router = dom.owners.get(gw.ep.gateway) if gw.ep.gateway else None
        if router is None or router.kind != "router":
            return self.end(Disposition.HOST_UNREACHABLE, dom.node,
                            f"no machine on the segment answers ARP for the gateway "
                            f"{gw.ep.gateway}", "lan.arp")
        self.hop(ROUTER, f"the LAN router {gw.ep.gateway} takes it", "lan.router")
        return self.beyond_router(ip, masq_ok=True, src_addr=gw.ip)

    def on_link(self, dom: _Domain, ip: IPv4, *, src: _Iface | None,
                from_host: str | None = None) -> Disposition:
        owner = dom.owners.get(ip)
        if owner is None:
            return self.end(Disposition.HOST_UNREACHABLE, dom.node,
                            f"nobody on {dom.node} holds {ip}: no ARP reply", "lan.arp")
        if owner.kind == "router":
            self.hop(ROUTER, f"{ip} is the LAN's router", "lan.router")
            if self.port is None:
                return self.end(Disposition.DELIVERED, ROUTER,
                                "the router answers the echo request", "icmp")
            if f"{self.port}/{self.proto}" in _ROUTER_PORTS:
                return self.end(Disposition.DELIVERED, ROUTER,
                                "the router is the LAN's DNS server", "lan.router")
            return self.end(Disposition.NOTHING_LISTENING, ROUTER,
                            f"the router does not listen on {self.port}/{self.proto}: refused",
                            "listen")
        if owner.kind == "host":
            assert owner.host is not None
            h = self.ix.hosts[owner.host]
            parent_host = src.sandbox.host if src is not None else from_host
            if dom.kind != "bridge" and parent_host == h.name:
                return self.end(Disposition.MACVLAN_HOST_ISOLATION, dom.node,
                                f"{ip} is {h.name}'s own address on the parent NIC; the kernel "
                                "does not pass traffic between a macvlan parent and its "
                                "children", "macvlan.host")
            rule_text = (f"{ip} is {h.name}'s address on {h.addresses.get(ip, 'its NIC')}")
            return self.host_input(h, ip, via=rule_text)
        target = owner.iface
        assert target is not None
        if dom.kind == "bridge":
            net = dom.net
            assert net is not None
            same = src is not None and target.sandbox is src.sandbox
            if src is not None and not net.icc and not same and not self._link_open(src,
                                                                                     target):
                return self.end(Disposition.ICC_DISABLED, dom.node,
                                f"bridge {net.interface} ({net.name}) has ICC off: it drops "
                                f"{src.sandbox.name} -> {target.sandbox.name}", "bridge.icc")
            how = (f"bridge {net.interface} ({net.name}) forwards it to "
                   f"{target.sandbox.name}'s {target.ep.ifname}")
            rule = "bridge.same" if net.icc or same else "bridge.link"
            self.hop(dom.node, how, rule)
            return self.arrive(target.sandbox, ip, f"{ip} is {target.sandbox.name}'s address")
        if dom.kind == "overlay":
            self.hop(dom.node, f"the overlay {dom.node.split(':', 1)[1]} carries it (VXLAN) to "
                               f"{target.sandbox.name} on {target.sandbox.host}",
                     "overlay.same")
            return self.arrive(target.sandbox, ip, f"{ip} is {target.sandbox.name}'s address")
        # a LAN or a macvlan/ipvlan segment: target is a macvlan/ipvlan child
        if src is None and from_host == target.sandbox.host:
            return self.end(Disposition.MACVLAN_HOST_ISOLATION, dom.node,
                            f"{ip} is a {target.net.driver} child of {from_host}'s own NIC; "
                            "the kernel keeps the parent and its children apart",
                            "macvlan.host")
        if src is not None and _private_pair(src, target):
            mode_of = src if _macvlan_private(src.net) else target
            return self.end(Disposition.MACVLAN_PRIVATE_MODE, dom.node,
                            f"{src.sandbox.name} and {target.sandbox.name} are macvlan children "
                            f"of the same parent on {target.sandbox.host} and "
                            f"{mode_of.net.name} is in private mode: no ARP reply for {ip}",
                            "macvlan.private")
        self.hop(dom.node, f"{target.sandbox.name} ({target.net.driver} on "
                           f"{target.sandbox.host}) answers ARP for {ip} on the segment",
                 "macvlan.same")
        return self.arrive(target.sandbox, ip, f"{ip} is {target.sandbox.name}'s address")

    def _link_open(self, src: _Iface, dst: _Iface) -> bool:
        """ICC off: a legacy link opens the linked container's exposed ports (bridge.link)."""
        if self.port is None:
            return False
        key = f"{self.port}/{self.proto}"
        a, b = src.sandbox.containers[0], dst.sandbox.containers[0]
        linked = any(t == b.name for t, _ in a.legacy_links) or any(
            t == a.name for t, _ in b.legacy_links)
        target = b if any(t == b.name for t, _ in a.legacy_links) else a
        return linked and key in target.exposed_ports

    def host_forward(self, h: _HostNs, ip: IPv4, *, ingress: _Iface | None) -> Disposition:
        """The packet is in host ``h``'s namespace (from a bridge, or the host's own)."""
        came = (f"it enters {h.name} through {ingress.net.interface} "
                f"({ingress.net.name})") if ingress else f"{h.name} routes it"
        if ip in h.addresses:
            return self.host_input(h, ip, via=f"{came}; {ip} is {h.name}'s own address "
                                              f"({h.addresses[ip]})")
        found = h.bridge_for(ip)
        if found is not None:
            _subnet, dom = found
            net = dom.net
            assert net is not None
            if ingress is None:  # the host itself: on-link on that bridge
                self.hop(dom.node, f"{h.name} reaches {ip} on-link through "
                                   f"{net.interface} ({net.name})", "host.reaches")
                owner = dom.owners.get(ip)
                if owner is None or owner.iface is None:
                    return self.end(Disposition.HOST_UNREACHABLE, dom.node,
                                    f"nobody on {net.interface} holds {ip}: no ARP reply",
                                    "lan.arp")
                return self.arrive(owner.iface.sandbox, ip,
                                   f"{ip} is {owner.iface.sandbox.name}'s address")
            return self.end(Disposition.ISOLATED_NETWORKS, dom.node,
                            f"{came}; {ip} is on {net.name} ({net.interface}), another "
                            f"network: Docker drops traffic into {net.interface} that does "
                            "not come from it", "bridge.isolation")
        if ingress is not None and ingress.net.internal:
            # a gateway on an --internal bridge (EngineProfile.bridge_internal_gateway): the
            # FORWARD rules drop what leaves its subnet; only the host's own addresses answer
            return self.end(Disposition.INTERNAL_NETWORK, h.node,
                            f"{came}; {ingress.net.name} is --internal: Docker drops what "
                            f"leaves {ingress.subnet} (no reply)", "bridge.internal-drop")
        masq_ok = ingress is None or ingress.net.masquerade
        if ingress is not None:
            self.routers += 1
            rule = "nat.masquerade" if masq_ok else "nat.masquerade-off"
            text = (f"{came}; it leaves {h.name} by {h.nic.split('/')[-1]}, masqueraded to "
                    f"{h.lan_ip}" if masq_ok else
                    f"{came}; it leaves {h.name} by {h.nic.split('/')[-1]} with source "
                    f"{ingress.ip} (masquerade off)")
            self.hop(h.nic, text, rule)
        elif ip in self.ix.lan.subnet:
            self.hop(h.nic, f"{ip} is on the LAN: {came} out of {h.nic.split('/')[-1]}",
                     "route.onlink")
        else:
            self.hop(h.nic, f"{came} out of {h.nic.split('/')[-1]} to its default gateway "
                            f"{self.ix.lan.gateway}", "route.default")
        src_addr = ingress.ip if ingress is not None else h.lan_ip
        for subnet, dom in self.ix.overlay_subnets():
            if ip in subnet:
                return self.end(Disposition.ISOLATED_NETWORKS, dom.node,
                                f"{ip} is on the overlay {dom.node.split(':', 1)[1]}, which "
                                "the sender is not attached to: nothing routes into it",
                                "overlay.isolation")
        if ip in self.ix.lan.subnet:
            if not masq_ok:
                return self.end(Disposition.NOT_MASQUERADED, LAN,
                                f"{ip} on the LAN would answer {src_addr}, which the LAN "
                                "does not route back", "nat.masquerade-off")
            return self.on_link(self.ix.domains["lan"], ip, src=None, from_host=h.name)
        self.hop(ROUTER, "the LAN router takes it", "lan.router")
        return self.beyond_router(ip, masq_ok=masq_ok, src_addr=src_addr)

    def beyond_router(self, ip: IPv4, *, masq_ok: bool, src_addr: IPv4 | None) -> Disposition:
        self.routers += 1
        if not _is_internet(ip):
            return self.end(Disposition.UNKNOWN_DESTINATION, ROUTER,
                            f"no simulated machine holds {ip}; the router has nowhere to send "
                            "it", "internet.unknown")
        if not masq_ok:
            return self.end(Disposition.NOT_MASQUERADED, INTERNET,
                            f"{ip} answers {src_addr}, a private address nobody routes back",
                            "nat.masquerade-off")
        if self.port is not None and f"{self.port}/{self.proto}" not in _INTERNET_PORTS:
            return self.end(Disposition.NOTHING_LISTENING, INTERNET,
                            f"{ip} is on the internet; netsim's internet listens only on 80, "
                            "443/tcp and 53/udp+tcp: refused", "internet")
        return self.end(Disposition.DELIVERED, INTERNET,
                        f"{ip} on the internet answers through NAT", "internet")

    # ---------------------------------------------------------------- from vantage points

    def from_lan(self, ip: IPv4) -> Disposition:
        self.hop(LAN, f"a machine on the LAN ({self.ix.lan.subnet}) sends to {ip}", "vantage")
        if ip in self.ix.lan.subnet:
            return self.on_link(self.ix.domains["lan"], ip, src=None)
        for h in self.ix.hosts.values():
            found = h.bridge_for(ip)
            if found is not None:
                return self.end(Disposition.NO_ROUTE, ROUTER,
                                f"{ip} is inside {found[0]}, a network private to "
                                f"{h.name}; the LAN has no route to it", "lan.noroute")
        self.hop(ROUTER, "the LAN router takes it", "lan.router")
        return self.beyond_router(ip, masq_ok=True, src_addr=None)

    def from_internet(self, ip: IPv4) -> Disposition:
        self.hop(INTERNET, f"a client on the internet sends to {ip}", "vantage")
        for h in self.ix.hosts.values():
            if h.lan_ip == ip:
                self.hop(ROUTER, f"the router passes it to {h.name}", "internet.inbound")
                return self.host_input(h, ip, via=f"{ip} is {h.name}'s address")
        if _is_internet(ip):
            return self.end(Disposition.DELIVERED if self.port is None or
                            f"{self.port}/{self.proto}" in _INTERNET_PORTS
                            else Disposition.NOTHING_LISTENING, INTERNET,
                            f"{ip} is another machine on the internet", "internet")
        return self.end(Disposition.NO_ROUTE, ROUTER,
                        f"{ip} is not a public address of any Docker host: the internet has no "
                        "route to it", "internet.inbound")


def _parse_ip(text: str) -> IPv4 | None:
    try:
        return IPv4(text)
    except ValueError:
        return None


_Src = tuple[Literal["sandbox"], _Sandbox] | tuple[Literal["host"], _HostNs] | tuple[
    Literal["lan", "internet"], None] | tuple[Literal["dead"], str]


def _source(ix: _Index, src: str, flow: _Flow) -> _Src | Disposition:
    """Where the flow starts, or a disposition when it cannot start at all."""
    if src == "@lan":
        return ("lan", None)
    if src == "@internet":
        return ("internet", None)
    if src.startswith("@"):
        name = src[1:]
        if name == "host" and "host" not in ix.hosts:
            name = next(iter(ix.hosts))
        if name not in ix.hosts:
            raise InputError("reach", "unknown vantage point", got=src,
                             accepted="@host, @lan, @internet or @NAME for one of: "
                                      + ", ".join(ix.hosts))
        return ("host", ix.hosts[name])
    host, c = ix.find(src)
    if not c.running:
        return flow.end(Disposition.CONTAINER_NOT_RUNNING, sandbox_node(host, c.name),
                        f"{c.name} is {c.status}: it has no network namespace", "not-running")
    if (host, c.name) in ix.host_members:
        flow.hop(host_node(host), f"{c.name} uses the host's network namespace: its packets "
                                  f"are {host}'s own", "host.process")
        return ("host", ix.hosts[host])
    sb = ix.sandbox_of.get((host, c.name))
    if sb is None:
        flow.hop(sandbox_node(host, c.name), f"{c.name} joined a namespace that is gone (its "
                                             "owner stopped or restarted): only lo is left",
                 "sandbox.gone")
        return ("dead", c.name)
    if sb.name != c.name:
        flow.hop(sb.node, f"{c.name} shares {sb.name}'s network namespace "
                          f"(--network container:{sb.name})", "container-mode")
    return ("sandbox", sb)


def _destination(ix: _Index, dst: str, origin: _Src, flow: _Flow
                 ) -> list[IPv4] | Disposition:
    """The addresses a destination stands for, best first (the one sharing a network with the
    source), or a disposition when it has none."""
    ip = _parse_ip(dst)
    if ip is not None:
        return [ip]
    if dst == "localhost":
        return [IPv4("127.0.0.1")]
    if dst.startswith("@"):
        name = dst[1:]
        if name == "host" and "host" not in ix.hosts:
            where = origin[1]
            if isinstance(where, _Sandbox):
                name = where.host
            elif isinstance(where, _HostNs):
                name = where.name
            else:
                name = next(iter(ix.hosts))
        h = ix.hosts.get(name)
        if h is None or h.lan_ip is None:
            raise InputError("reach", "unknown Docker host", got=dst,
                             accepted="@NAME for one of: " + ", ".join(ix.hosts))
        return [h.lan_ip]
    host, c = ix.find(dst)
    node = sandbox_node(host, c.name)
    if not c.running:
        return flow.end(Disposition.CONTAINER_NOT_RUNNING, node,
                        f"{c.name} is {c.status}: it has no address", "not-running")
    if (host, c.name) in ix.host_members:
        h = ix.hosts[host]
        if h.lan_ip is None:  # pragma: no cover - every host has a LAN address
            return flow.end(Disposition.NO_INTERFACE, h.node, f"{host} has no address",
                            "host.process")
        return [h.lan_ip]
    sb = ix.sandbox_of.get((host, c.name))
    if sb is None or not sb.ifaces:
        why = ("its network namespace is gone" if sb is None else "it has only lo")
        return flow.end(Disposition.NO_INTERFACE, node,
                        f"{c.name} has no address to send to: {why}",
                        "sandbox.gone" if sb is None else "none")
    flow.expect = sb
    ifaces = list(sb.ifaces)
    if origin[0] == "sandbox":
        src_sb = origin[1]
        assert isinstance(src_sb, _Sandbox)
        shared = {i.domain for i in src_sb.ifaces}
        ifaces.sort(key=lambda i: i.domain not in shared)
    return [i.ip for i in ifaces]


class _Addr(ipaddress.IPv4Address):
    """An IPv4 address that formats itself once: a trace's sentences name it many times."""

    __slots__ = ("_text",)

    def __init__(self, address: int) -> None:
        super().__init__(address)
        self._text = super().__str__()

    def __str__(self) -> str:
        return self._text

    def __format__(self, fmt: str) -> str:
        return self._text if not fmt else super().__format__(fmt)


def _walk(ix: _Index, origin: _Src, ip: IPv4, flow: _Flow) -> Disposition:
    ip = _Addr(int(ip))
    kind, where = origin
    if kind == "sandbox":
        assert isinstance(where, _Sandbox)
        return flow.from_sandbox(where, ip)
    if kind == "host":
        assert isinstance(where, _HostNs)
        if ip in _LOOPBACK:
            return flow.host_input(where, ip, via=f"{ip} is {where.name}'s loopback",
                                   proxied=True)
        return flow.host_forward(where, ip, ingress=None)
    if kind == "lan":
        return flow.from_lan(ip)
    if kind == "internet":
        return flow.from_internet(ip)
    # a dead joiner: only lo
    if ip in _LOOPBACK:
        return flow.end(Disposition.DELIVERED if flow.port is None else
                        Disposition.NOTHING_LISTENING, f"sandbox:?/{where}",
                        f"{ip} is its own lo", "lo")
    return flow.end(Disposition.NO_INTERFACE, f"sandbox:?/{where}",
                    f"only lo is left: no network to send {ip} on", "sandbox.gone")


def reach(state: State, src: str, dst: str, *, port: int | None = None,
          proto: Proto | None = None) -> Trace:
    """Follow one flow from ``src`` to ``dst`` and explain it.

    ``src``: a container (``NAME`` or ``HOST/NAME``) or a vantage point (``@host``, ``@NAME``,
    ``@lan``, ``@internet``). ``dst``: a container, an IPv4 address, ``localhost``, or ``@NAME``
    (that Docker host's LAN address). Without ``port`` the flow is an ICMP echo (ping); with it,
    TCP unless ``proto="udp"``. A container destination is tried at each of its addresses, the
    one on a network shared with the source first; the first that delivers is returned, else the
    first tried. Raises :class:`InputError` for an unknown name.

    >>> from netsim import apply
    >>> from netsim.model import ContainerCreate, ContainerSpec
    >>> st = apply([ContainerCreate(container=ContainerSpec(name=n, image="nginx"))
    ...             for n in ("web1", "web2")])
    >>> reach(st, "web1", "web2", port=80).disposition.value
    'DELIVERED'
    >>> reach(st, "web1", "web2", port=81).disposition.value
    'NOTHING_LISTENING'
    """
    if port is not None and not 0 < port < 65536:
        raise InputError("reach", "port out of range", got=str(port), accepted="1-65535")
    p: Proto = proto or ("tcp" if port is not None else "icmp")
    if p == "icmp":
        port = None
    ix = topology_index(state)
    first: Trace | None = None
    flow = _Flow(ix, port, p)
    started = _source(ix, src, flow)
    if isinstance(started, Disposition):
        return _trace(src, dst, None, flow, started)
    origin = started
    prefix = list(flow.hops)
    dest = _destination(ix, dst, origin, flow)
    if isinstance(dest, Disposition):
        return _trace(src, dst, None, flow, dest)
    for ip in dest:
        flow.hops = list(prefix)
        flow.routers = 0
        d = _walk(ix, origin, ip, flow)
        t = _trace(src, dst, ip, flow, d)
        if t.delivered:
            return t
        if first is None:
            first = t
    assert first is not None
    return first


def _trace(src: str, dst: str, ip: IPv4 | None, flow: _Flow, d: Disposition) -> Trace:
    symptom = _SYMPTOM[d]
    if d is Disposition.NOTHING_LISTENING and any(h.rule == "publish.proxy" for h in flow.hops):
        symptom = Symptom.RESET  # docker-proxy had accepted the connection
    if flow.hops and flow.hops[-1].rule == "bridge.internal-drop":
        symptom = Symptom.TIMEOUT  # sent, then dropped by iptables: nothing comes back
    return Trace(src, dst, str(ip) if ip is not None else None, flow.port, flow.proto, d,
                 symptom, tuple(flow.hops), flow.routers)


# --------------------------------------------------------------------------------------------
# All pairs


class Matrix(_Frozen):
    """Who reaches whom: rows are sources, columns destination containers; ``.`` reaches."""

    sources: tuple[str, ...]
    destinations: tuple[str, ...]
    port: int | None
    proto: Proto
    _rows: list[int] = PrivateAttr(default_factory=list)

    def reaches(self, src: str, dst: str) -> bool:
        i, j = self.sources.index(src), self.destinations.index(dst)
        return bool(self._rows[i] >> j & 1)

    def row(self, src: str) -> str:
        return self._row(self._rows[self.sources.index(src)])

    def _row(self, bits: int) -> str:
        n = len(self.destinations)
        text = format(bits, f"0{n}b")[::-1] if n else ""
        return text.replace("1", ".").replace("0", "X")

    def rows(self) -> Iterator[tuple[str, str]]:
        for name, bits in zip(self.sources, self._rows, strict=True):
            yield name, self._row(bits)

    @property
    def count(self) -> int:
        return sum(bin(r).count("1") for r in self._rows)

    def lines(self) -> Iterator[str]:
        """The text table, line by line (what ``netsim matrix`` streams out)."""
        width = max((len(s) for s in self.sources), default=0)
        yield (f"who reaches whom ({self.port}/{self.proto})" if self.port else
               "who reaches whom (ping)")
        yield " " * width + "  " + "".join(f"{i % 10}" for i in range(len(self.destinations)))
        for name, row in self.rows():
            yield f"{name:<{width}}  {row}"
        yield "columns: " + "  ".join(f"{i}={d}" for i, d in enumerate(self.destinations))

    def json_chunks(self) -> Iterator[str]:
        """:meth:`to_json`'s text in pieces, one row at a time."""
        yield (f'{{\n "port": {json.dumps(self.port)},\n "proto": {json.dumps(self.proto)},\n'
               f' "sources": {json.dumps(list(self.sources))},\n'
               f' "destinations": {json.dumps(list(self.destinations))},\n "rows": [')
        for i, (_, row) in enumerate(self.rows()):
            yield ("\n  " if i == 0 else ",\n  ") + json.dumps(row)
        yield "\n ]\n}" if self.sources else "]\n}"

    def __str__(self) -> str:
        return "\n".join(self.lines())

    def _repr_html_(self) -> str:
        from html import escape

        head = "".join(f"<th>{escape(d)}</th>" for d in self.destinations)
        body = "".join(
            f"<tr><th>{escape(n)}</th>" + "".join(
                f"<td style='color:{'#1a7f37' if ch == '.' else '#cf222e'}'>{ch}</td>"
                for ch in row) + "</tr>" for n, row in self.rows())
        return f"<table><tr><th></th>{head}</tr>{body}</table>"

    def to_dict(self) -> dict[str, Any]:
        return {"port": self.port, "proto": self.proto, "sources": list(self.sources),
                "destinations": list(self.destinations),
                "rows": [row for _, row in self.rows()]}

    def to_json(self) -> str:
        return "".join(self.json_chunks())


def _natural(text: str) -> list[Any]:
    import re

    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", text)]


def _labels(state: State) -> list[tuple[str, str, ContainerState]]:
    """Every container as (label, host, container), labelled HOST/NAME when names repeat."""
    seen: dict[str, int] = {}
    for c in state.containers():
        seen[c.name] = seen.get(c.name, 0) + 1
    out = []
    for hname, hs in state.hosts.items():
        for c in hs.containers.values():
            out.append((c.name if seen[c.name] == 1 else f"{hname}/{c.name}", hname, c))
    out.sort(key=lambda t: _natural(t[0]))
    return out


def matrix(state: State, *, port: int | None = None, proto: Proto | None = None,
           vantage: bool = True) -> Matrix:
    """All pairs at once, from sets of network members (no path search per pair).

    Rows: every container, then (with ``vantage``) ``@HOST`` for each Docker host, ``@lan`` and
    ``@internet``. Columns: every container. A cell is ``.`` exactly when :func:`reach` from the
    row to the column delivers (for ``port``: connects).
    """
    with gc_paused():
        return _matrix(state, port, proto, vantage)


def _matrix(state: State, port: int | None, proto: Proto | None, vantage: bool) -> Matrix:
    p: Proto = proto or ("tcp" if port is not None else "icmp")
    if p == "icmp":
        port = None
    ix = topology_index(state)
    labels = _labels(state)
    col_of: dict[tuple[str, str], int] = {(h, c.name): j for j, (_, h, c) in enumerate(labels)}
    key = f"{port}/{p}" if port is not None else None

    # columns of each sandbox (owner + joiners), and what the sandbox listens on
    sb_cols: dict[int, int] = {}
    for sb in ix.sandboxes:
        cols = 0
        for c in sb.containers:
            cols |= 1 << col_of[(sb.host, c.name)]
        sb_cols[id(sb)] = cols
    # per L2 domain: the columns whose container holds an address there (and accepts)
    dom_cols: dict[str, int] = {}
    for dom in ix.domains.values():
        bits = 0
        for owner in dom.owners.values():
            if owner.iface is not None:
                sb = owner.iface.sandbox
                if key is None or key in sb.listening:
                    bits |= sb_cols[id(sb)]
        dom_cols[dom.key] = bits
    # host-mode containers of each host (their address is the host's LAN address)
    host_cols: dict[str, int] = {}
    for h in ix.hosts.values():
        bits = 0
        if h.lan_ip is not None and ix.host_accepts(h, h.lan_ip, port, p):
            for c in h.host_mode:
                bits |= 1 << col_of[(h.name, c.name)]
        host_cols[h.name] = bits
    # bridges of each host (what the host reaches on-link)
    host_bridge_cols = {h.name: _or(dom_cols[d.key] for _, d in h.bridges)
                        for h in ix.hosts.values()}
    lan_hosts = {h.name: h for h in ix.hosts.values()}
    lan = ix.domains["lan"]

    def lan_cols(exclude_host: str | None,
                 onlink: Sequence[ipaddress.IPv4Network] = ()) -> int:
        """Columns reachable on the LAN segment: other hosts' macvlan children and host-mode
        containers of other hosts (not those of ``exclude_host``: macvlan isolation), except
        addresses the source reaches on-link through one of its own interfaces."""
        bits = 0
        for ip, owner in lan.owners.items():
            if onlink and any(ip in subnet for subnet in onlink):
                continue
            if owner.kind == "iface" and owner.iface is not None:
                sb = owner.iface.sandbox
                if sb.host != exclude_host and ip in ix.lan.subnet and (
                        key is None or key in sb.listening):
                    bits |= sb_cols[id(sb)]
            elif owner.kind == "host" and owner.host is not None and owner.host != exclude_host:
                bits |= host_cols[owner.host]
        return bits

    lan_from = {h: lan_cols(h) for h in lan_hosts}
    rows: list[int] = []
    sources: list[str] = []
    for label, hname, c in labels:
        sources.append(label)
        if not c.running:
            rows.append(0)
            continue
        if (hname, c.name) in ix.host_members:
            rows.append(_host_row(ix, hname, host_bridge_cols, host_cols, lan_from))
            continue
        found = ix.sandbox_of.get((hname, c.name))
        if found is None or not found.ifaces:
            rows.append(0)
            continue
        rows.append(_sandbox_row(ix, found, key, sb_cols, dom_cols, host_cols, lan_from,
                                 lan_cols))
    if vantage:
        for h in ix.hosts.values():
            sources.append(f"@{h.name}")
            rows.append(_host_row(ix, h.name, host_bridge_cols, host_cols, lan_from))
        sources.append("@lan")
        rows.append(lan_cols(None))
        sources.append("@internet")
        rows.append(_or(host_cols.values()))
    m = Matrix(sources=tuple(sources), destinations=tuple(t[0] for t in labels), port=port,
               proto=p)
    m._rows = rows
    return m


def _or(values: Iterable[int]) -> int:
    bits = 0
    for v in values:
        bits |= v
    return bits


def _host_row(ix: _Index, hname: str, host_bridge_cols: dict[str, int],
              host_cols: dict[str, int], lan_from: dict[str, int]) -> int:
    """A process of host ``hname``: every container on its bridges, itself, and the LAN."""
    return host_bridge_cols[hname] | host_cols[hname] | lan_from[hname]


def _sandbox_row(ix: _Index, sb: _Sandbox, key: str | None, sb_cols: dict[int, int],
                 dom_cols: dict[str, int], host_cols: dict[str, int],
                 lan_from: dict[str, int],
                 lan_cols: Callable[[str | None, Sequence[ipaddress.IPv4Network]], int]) -> int:
    bits = 0
    if key is None or key in sb.listening:
        bits |= sb_cols[id(sb)]  # its own addresses
    for i in sb.ifaces:
        # on-link: the first interface whose subnet holds the address wins (kernel order)
        dom = ix.domains[i.domain]
        if any(j is not i and j.subnet == i.subnet for j in sb.ifaces[:sb.ifaces.index(i)]):
            continue
        if dom.kind == "bridge":
            assert dom.net is not None
            if dom.net.icc:
                bits |= dom_cols[dom.key]
            elif key is not None:
                bits |= _linked_cols(ix, sb, i, dom, key, sb_cols)
        elif dom.kind in ("l3", "overlay"):
            bits |= dom_cols[dom.key]
        else:  # a macvlan/ipvlan l2 segment (maybe the LAN itself)
            for ip, owner in dom.owners.items():
                if ip not in i.subnet:
                    continue
                if owner.kind == "iface" and owner.iface is not None:
                    other = owner.iface.sandbox
                    if _private_pair(i, owner.iface):
                        continue  # macvlan.private
                    if key is None or key in other.listening:
                        bits |= sb_cols[id(other)]
                elif owner.kind == "host" and owner.host is not None and owner.host != sb.host:
                    bits |= host_cols[owner.host]
    gw = sb.default
    if gw is None or gw.net.driver != "bridge":
        return bits
    # through the host: its own LAN address (host-mode containers) and, masqueraded, the LAN;
    # but an address inside one of the sandbox's own subnets goes out on-link instead
    onlink = [i.subnet for i in sb.ifaces if i.subnet.overlaps(ix.lan.subnet)]
    lan_ip = ix.hosts[sb.host].lan_ip
    if lan_ip is None or not any(lan_ip in subnet for subnet in onlink):
        bits |= host_cols[sb.host]
    if gw.net.masquerade:
        bits |= lan_cols(sb.host, onlink) if onlink else lan_from[sb.host]
    return bits


def _macvlan_private(net: NetworkState) -> bool:
    return net.driver == "macvlan" and net.options.get("macvlan_mode") == "private"


def _private_pair(a: _Iface, b: _Iface) -> bool:
    """Two macvlan children of one parent on one host, either in private mode: the kernel's
    macvlan port delivers nothing between them (macvlan.private)."""
    return (a.sandbox is not b.sandbox and a.sandbox.host == b.sandbox.host
            and a.net.driver == b.net.driver == "macvlan"
            and a.net.interface == b.net.interface
            and (_macvlan_private(a.net) or _macvlan_private(b.net)))


def _linked_cols(ix: _Index, sb: _Sandbox, i: _Iface, dom: _Domain, key: str,
                 sb_cols: dict[int, int]) -> int:
    """With ICC off, legacy links still open the linked container's exposed ports."""
    bits = 0
    me = sb.containers[0]
    for owner in dom.owners.values():
        if owner.iface is None or owner.iface.sandbox is sb:
            continue
        other = owner.iface.sandbox
        them = other.containers[0]
        if key not in other.listening:
            continue
        mine = any(t == them.name for t, _ in me.legacy_links)
        theirs = any(t == me.name for t, _ in them.legacy_links)
        target = them if mine else me
        if (mine or theirs) and key in target.exposed_ports:
            bits |= sb_cols[id(other)]
    return bits


def forwarding_pairs(state: State) -> list[tuple[str, str]]:
    """(source, destination) pairs of the ICMP matrix as graph node ids, for cross-checks:
    each container as its sandbox node (a host-mode one as ``hostsrc:H`` / ``host:H``)."""
    ix = topology_index(state)
    out = []
    for label, hname, c in _labels(state):
        del label
        if (hname, c.name) in ix.host_members:
            out.append((f"hostsrc:{hname}", host_node(hname)))
            continue
        sb = ix.sandbox_of.get((hname, c.name))
        if sb is None or not sb.ifaces or not c.running:
            out.append(("", ""))
        else:
            out.append((sandbox_source(hname, sb.name), sb.node))
    return out
