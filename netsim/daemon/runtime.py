"""The daemon's mutable world: each Docker host's runtime, its networks', the swarm's.

These are the engine's own bookkeeping (address pools, port bindings, namespaces); what they
resolve to is published as the frozen :class:`netsim.state.State`.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field

from netsim.api import Host
from netsim.daemon.ipam import AddressSpace, SubnetPool
from netsim.daemon.netns import Netns
from netsim.daemon.ports import PortAllocator
from netsim.state import ContainerState, HostLink, NetworkState, SubnetState, SwarmNode

__all__ = ["HostRuntime", "IPAddr", "IPNet", "NetworkRuntime", "OverlayRuntime", "SwarmRuntime",
           "Volume"]

#: an address, and a subnet, of either family
IPAddr = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNet = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass
class NetworkRuntime:
    """Mutable runtime of one network: its state plus the address pools of its subnets."""

    state: NetworkState
    pools: list[SubnetPool]
    #: :meth:`family`'s answers, for the state they were read from
    _families: tuple[NetworkState, dict[int, tuple[SubnetState, SubnetPool] | None]] | None = \
        field(default=None, repr=False, compare=False)

    def family(self, version: int) -> tuple[SubnetState, SubnetPool] | None:
        """The network's first subnet of an IP version and its pool (every join asks)."""
        cached = self._families
        if cached is None or cached[0] is not self.state:
            cached = self._families = (self.state, {})
        found = cached[1].get(version, False)
        if found is False:
            sub = self.state.ipv4_subnet if version == 4 else self.state.ipv6_subnet
            found = cached[1][version] = None if sub is None else (sub, next(
                p for p in self.pools if p.subnet is sub.subnet or p.subnet == sub.subnet))
        return found  # type: ignore[return-value]


@dataclass
class OverlayRuntime:
    """Swarm-side bookkeeping of one overlay network (the subnet pool is in its NetworkRuntime)."""

    attachable: bool
    #: False when the allocator could not give it its subnet (an overlapping --subnet)
    allocated: bool = True
    #: the per-node load-balancer address (``lb-<net>``; ``ingress-sbox`` for ingress)
    lb: dict[str, ipaddress.IPv4Address] = field(default_factory=dict)
    #: running users per host (container IDs)
    users: dict[str, set[str]] = field(default_factory=dict)


@dataclass
class SwarmRuntime:
    """The swarm: its cluster, global address space, nodes and overlay networks."""

    cluster_id: str
    space: AddressSpace
    mask: int
    nodes: dict[str, SwarmNode] = field(default_factory=dict)
    networks: dict[str, NetworkRuntime] = field(default_factory=dict)  # overlays by name
    overlays: dict[str, OverlayRuntime] = field(default_factory=dict)
    next_vni: int = 4096  # ovmanager hands out VNIs serially from 4096
    ingress_gateways: dict[str, ipaddress.IPv4Address] = field(default_factory=dict)
    worker_token: str = ""
    manager_token: str = ""


@dataclass
class Volume:
    """One volume of a host's volume store (moby volume/service/store.go: its metadata and
    references; netsim.daemon.volumes)."""

    name: str
    driver: str = "local"
    #: as the create request gave them: None (``null`` in inspect) or a map, maybe empty
    labels: dict[str, str] | None = None
    options: dict[str, str] | None = None
    created: int = 0  # netsim's logical clock, seconds
    #: created without a name (``-v /d``, ``--mount type=volume`` without a source)
    anonymous: bool = False
    #: the IDs of the containers that reference it, in the order they took it (the store's
    #: refs, a Go map)
    refs: dict[str, None] = field(default_factory=dict)


@dataclass
class HostRuntime:
    """One Docker host's daemon: its networks, containers, address space, ports, namespaces."""

    host: Host
    space: AddressSpace
    networks: dict[str, NetworkRuntime] = field(default_factory=dict)  # by name, creation order
    network_names_by_id: dict[str, str] = field(default_factory=dict)
    containers: dict[str, ContainerState] = field(default_factory=dict)  # by name
    names_by_id: dict[str, str] = field(default_factory=dict)
    #: the IDs of its ``--network host`` containers (a container's mode never changes): what
    #: a published port may clash with, without a walk over every container
    host_mode: set[str] = field(default_factory=set)
    ports: PortAllocator = field(default_factory=PortAllocator)
    #: the host's network namespace, and each running container's (by container ID)
    netns: Netns = field(default_factory=Netns)
    sandboxes: dict[str, Netns] = field(default_factory=dict)
    #: the host end of the swarm ingress sandbox's docker_gwbridge veth
    links: list[HostLink] = field(default_factory=list)
    #: the overlay driver's once-per-daemon set-up has run (EngineProfile.overlay_test_vxlan)
    overlay_once: bool = False
    #: False for a machine whose Docker objects netsim does not know (HostState.known)
    known: bool = True
    #: its volumes, by name, in creation order (netsim.daemon.volumes)
    volumes: dict[str, Volume] = field(default_factory=dict)
    #: every network's address pools by subnet, in creation order (:meth:`add_network`): a
    #: new network's subnet is looked up here, not in a walk over every network
    pools_by_subnet: dict[IPNet, list[SubnetPool]] = field(default_factory=dict)

    def add_network(self, net: NetworkRuntime) -> None:
        """A network (and its pools) joins the daemon."""
        self.networks[net.state.name] = net
        for pool in net.pools:
            self.pools_by_subnet.setdefault(pool.subnet, []).append(pool)

    def remove_network(self, name: str) -> None:
        """A network (and its pools) leaves the daemon."""
        net = self.networks.pop(name)
        for pool in net.pools:
            kept = [p for p in self.pools_by_subnet.get(pool.subnet, ()) if p is not pool]
            if kept:
                self.pools_by_subnet[pool.subnet] = kept
            else:
                self.pools_by_subnet.pop(pool.subnet, None)
