"""The daemon's mutable world: each Docker host's runtime, its networks', the swarm's.

These are the engine's own bookkeeping (address pools, port bindings, namespaces); what they
resolve to is published as the frozen :class:`netsim.state.State`.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from netsim.api import Host
from netsim.api.trusted import evolve
from netsim.daemon.ipam import AddressSpace, SubnetPool
from netsim.daemon.netns import Netns
from netsim.daemon.ports import PortAllocator
from netsim.state import ContainerState, HostLink, NetworkState, SubnetState, SwarmNode

if TYPE_CHECKING:
    from netsim.daemon.drivers import NetworkDriver
    from netsim.versions import EngineProfile

__all__ = ["HostRuntime", "IPAddr", "IPNet", "JoinPlan", "NetworkRuntime", "OverlayRuntime",
           "SwarmRuntime", "Volume"]

#: an address, and a subnet, of either family
IPAddr = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNet = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(frozen=True, slots=True)
class JoinPlan:
    """What every endpoint joining a network takes from the network alone: its driver, its
    first subnet of each IP version (with its pool's index in :attr:`NetworkRuntime.pools`)
    and the gateway an endpoint gets there. Made for one network state, engine profile and
    driver (:attr:`state`, :attr:`profile`, :attr:`driver`: its key; netsim.daemon.endpoints
    ``_join_plan``). A value: it names no pool, so a fork's copy serves the fork's pools."""

    state: NetworkState
    profile: EngineProfile
    driver: NetworkDriver
    #: the first IPv4 subnet and its pool's index; the default route's gateway there
    v4: tuple[SubnetState, int] | None
    gateway: ipaddress.IPv4Address | None
    #: the first IPv6 subnet and its pool's index, where endpoints get IPv6 addresses; the
    #: gateway there
    v6: tuple[SubnetState, int] | None
    gateway6: ipaddress.IPv6Address | None
    #: an endpoint's IPv6 address is the subnet's prefix and its MAC (≤ 26.x default bridge)
    v6_from_mac: bool


@dataclass
class NetworkRuntime:
    """Mutable runtime of one network: its state plus the address pools of its subnets (made
    with it, never replaced)."""

    state: NetworkState
    pools: list[SubnetPool]
    #: the last :class:`JoinPlan` made for it (for the state, profile and driver it names)
    plan: JoinPlan | None = field(default=None, repr=False, compare=False)

    def link_local_up(self) -> None:
        """The bridge got its IPv6 link-local address (with its first port): a new state.
        Its :class:`JoinPlan`, if made for the old one, carries over to it: a plan reads the
        subnets, ``ipv6_enabled``, ``predefined``, ``internal``, ``options`` and the driver's
        name, never ``link_local`` (tests/test_runtime_plan.py compares it with a new plan)."""
        old = self.state
        self.state = evolve(old, link_local=True)
        if self.plan is not None and self.plan.state is old:
            self.plan = replace(self.plan, state=self.state)

    def family(self, version: int) -> tuple[SubnetState, int] | None:
        """The network's first subnet of an IP version and its pool's index in :attr:`pools`."""
        sub = self.state.ipv4_subnet if version == 4 else self.state.ipv6_subnet
        if sub is None:
            return None
        subnet = sub.subnet
        for i, p in enumerate(self.pools):
            if p.subnet is subnet or p.subnet == subnet:
                return sub, i
        raise AssertionError(f"no pool for {subnet}")  # (one is made with each subnet)


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
