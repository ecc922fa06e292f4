"""What the engine resolved: the networks, sandboxes and endpoints a Docker Engine would hold.

A :class:`State` is a frozen snapshot. It is produced by :mod:`netsim.daemon.engine` and read by
everything downstream (graph, reachability, DNS, rendering). Names follow Docker's vocabulary:
a container has a *sandbox* (its network namespace) holding one *endpoint* per network it is
attached to; a port *mapping* is a published port as the engine bound it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gc
import ipaddress
from collections.abc import Callable, Iterable, Iterator, Mapping
from operator import itemgetter
from typing import Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from netsim.api import ContainerSpec, EndpointSettings, Host, Lan, NetworkSpec
from netsim.api.trusted import assemble, reassemble
from netsim.images.models import ImageInfo
from netsim.versions import DEFAULT_PROFILE, EngineProfile

__all__ = [
    "EPOCH",
    "ContainerState",
    "EndpointState",
    "HostLink",
    "HostState",
    "MountState",
    "NetworkState",
    "PortMapping",
    "State",
    "SubnetState",
    "SwarmNode",
    "SwarmState",
    "assemble",
    "default_route_endpoint",
    "default_route_endpoint6",
    "gateway_endpoints",
    "gc_paused",
    "reassemble",
    "sandbox_order",
]

_T = TypeVar("_T")

#: the wall-clock time of netsim's logical clock 0 (State.clock counts seconds from it)
EPOCH = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class SubnetState(_Frozen):
    """One IPAM pool of a network as Docker resolved it."""

    subnet: ipaddress.IPv4Network | ipaddress.IPv6Network
    ip_range: ipaddress.IPv4Network | ipaddress.IPv6Network | None = None
    gateway: ipaddress.IPv4Address | ipaddress.IPv6Address | None = None
    aux_addresses: dict[str, ipaddress.IPv4Address | ipaddress.IPv6Address] = {}
    #: whether the user gave the subnet (``--subnet``) or IPAM chose it from its pools
    user_subnet: bool = False


class NetworkState(_Frozen):
    """A network on one Docker host (overlays: the swarm-wide network, ``host`` = None)."""

    id: str
    name: str
    #: the name of its driver (netsim.daemon.drivers: ``drivers.get(net.driver)``)
    driver: str
    scope: Literal["local", "swarm"] = "local"
    host: str | None
    predefined: bool = False
    #: the declaration; None for the predefined ``bridge``/``host``/``none`` networks
    spec: NetworkSpec | None = None
    subnets: tuple[SubnetState, ...] = ()
    #: the Linux bridge (``docker0``, ``br-<id12>``); the parent NIC for macvlan/ipvlan
    interface: str | None = None
    internal: bool = False
    attachable: bool = False
    icc: bool = True
    masquerade: bool = True
    options: dict[str, str] = {}
    labels: dict[str, str] = {}
    created: int = 0  # netsim's logical clock, seconds
    #: the interface index of ``interface`` in the host's namespace (the bridge; for
    #: macvlan/ipvlan the parent: the NIC, or the VLAN or dummy link Docker created)
    ifindex: int | None = None
    #: a bridge that has had a port since it was created: the kernel gave it an IPv6
    #: link-local address when it first got carrier, and keeps it (Linux addrconf)
    link_local: bool = False
    #: the fraction of a second of ``Created`` a dump gave, with its whole second
    #: (ContainerState.fractions)
    fractions: dict[str, tuple[int, str]] = Field(default={}, repr=False)

    #: the default bridge of a daemon run with ``--ipv6`` (a declared network says it in its
    #: spec's EnableIPv6): :attr:`ipv6_enabled`
    default_ipv6: bool = False

    @property
    def is_user_defined(self) -> bool:
        return not self.predefined

    @property
    def ipv6_enabled(self) -> bool:
        """Its endpoints get IPv6 addresses (``EnableIPv6``)."""
        return self.spec.EnableIPv6 if self.spec is not None else self.default_ipv6

    @property
    def ipv6_subnet(self) -> SubnetState | None:
        for s in self.subnets:
            if s.subnet.version == 6:
                return s
        return None

    @property
    def ipv4_subnet(self) -> SubnetState | None:
        for s in self.subnets:
            if s.subnet.version == 4:
                return s
        return None


class EndpointState(_Frozen):
    """A container's attachment to one network (``NetworkSettings.Networks[name]``).

    For a container that is not running, the configuration is kept and the operational
    fields (``ifname``, ``ipv4``, ``mac``, ``endpoint_id``…) are empty, as Docker shows it.
    """

    network: str
    network_id: str
    config: EndpointSettings
    endpoint_id: str = ""
    ifname: str | None = None
    ipv4: ipaddress.IPv4Interface | None = None
    ipv6: ipaddress.IPv6Interface | None = None
    gateway: ipaddress.IPv4Address | None = None
    #: the IPv6 default route's next hop (``IPv6Gateway``)
    gateway6: ipaddress.IPv6Address | None = None
    mac: str | None = None
    host_veth: str | None = None
    #: every name the embedded DNS registers for this endpoint, in Docker's order
    dns_names: tuple[str, ...] = ()
    #: libnetwork's default-gateway endpoint on ``docker_gwbridge`` for a container whose
    #: networks give it no gateway (overlay-only): not listed in NetworkSettings.Networks
    gateway_only: bool = False
    #: the kernel's numbers for the interface (netsim.daemon.engine ``_Netns``): its index in the
    #: container's namespace; the index of its link (``@ifN``: the veth peer, in the host's or
    #: the overlay's namespace, or the macvlan/ipvlan parent in the host's); the container
    #: namespace's id for the namespace of that link (``link-netnsid``); and the host's id for
    #: the container's namespace (what the host's end of a veth shows)
    ifindex: int | None = None
    link_ifindex: int | None = None
    link_netnsid: int | None = None
    host_netnsid: int | None = None

    @property
    def aliases(self) -> tuple[str, ...]:
        return self.config.Aliases

    @property
    def active(self) -> bool:
        """Joined now (the container runs). ``host``/``none`` endpoints have no interface."""
        return bool(self.endpoint_id)


class PortMapping(_Frozen):
    """A published port as bound on the host: ``host_ip:host_port -> container_port/proto``."""

    container_port: int
    proto: Literal["tcp", "udp", "sctp"]
    host_ip: str  # "0.0.0.0", "::", or a specific address
    host_port: int

    @property
    def port_key(self) -> str:
        return f"{self.container_port}/{self.proto}"


class MountState(_Frozen):
    """One of a container's mount points (types.MountPoint, what inspect lists under
    ``Mounts``; netsim.daemon.volumes makes them)."""

    type: str
    destination: str
    source: str = ""
    name: str = ""
    driver: str = ""
    mode: str = ""
    rw: bool = True
    propagation: str = ""


class ContainerState(_Frozen):
    """A container on one Docker host, with its sandbox as the engine built it."""

    id: str
    name: str
    host: str
    spec: ContainerSpec
    status: Literal["created", "running", "exited", "removing"] = "created"
    #: frozen by ``docker pause``: still running (its sandbox, endpoints and ports stay), and
    #: both State.Running and State.Paused (container/state.go)
    paused: bool = Field(default=False, repr=False)
    exit_code: int = 0
    #: State.Error: the last start's error (daemon/start.go containerStart SetError), cleared
    #: by a successful start (container/state.go setRunning)
    error: str = Field(default="", repr=False)
    hostname: str
    #: HostConfig.NetworkMode as Docker stores it (``bridge``, ``host``, ``none``,
    #: ``container:<id>``, or a network name)
    network_mode: str
    #: for ``container:<x>`` mode: the ID of the container whose sandbox this one shares
    sandbox_owner: str | None = None
    #: the network namespace this container runs in, new at every start of its owner ("" when
    #: not running, or the last one under ``EngineProfile.stopped_keeps_sandbox``); a joiner
    #: whose owner restarted keeps the old, dead one (only ``lo``)
    sandbox_id: str = ""
    endpoints: tuple[EndpointState, ...] = ()
    port_mappings: tuple[PortMapping, ...] = ()
    exposed_ports: tuple[str, ...] = ()
    #: what its processes listen on while it runs ("80/tcp"), from the image's facts
    listening: tuple[str, ...] = ()
    #: legacy links on the default bridge: (target container name, alias)
    legacy_links: tuple[tuple[str, str], ...] = ()
    #: the embedded DNS server runs in its sandbox: a user-defined endpoint joined since the
    #: last start (sandbox_linux.go startResolver); resolv.conf then says 127.0.0.11 until the
    #: next start, even after that network is disconnected (the file is never rewritten)
    embedded_dns: bool = False
    created: int = 0
    started: int | None = None
    finished: int | None = None
    restart_count: int = 0
    image_id: str = ""
    #: what the main process printed on stderr before it ended by itself, where netsim knows
    #: it (a server that could not bind its port, a program refusing its options): docker logs
    main_stderr: str = Field(default="", repr=False)
    #: the fractions of a second of ``Created``, ``StartedAt``, ``FinishedAt`` as a ``docker
    #: inspect`` dump gave them, each with the whole second it belongs to: printed while the
    #: time is still that second (netsim's clock counts whole seconds)
    fractions: dict[str, tuple[int, str]] = Field(default={}, repr=False)
    #: the mount points ``--volumes-from`` copied from other containers when it was created
    #: (daemon/volumes.go registerMountPoints): they outlive those containers
    inherited_mounts: tuple[MountState, ...] = Field(default=(), repr=False)

    @property
    def running(self) -> bool:
        return self.status == "running"

    @property
    def state_string(self) -> str:
        """State.Status, ps's ``.State`` and its ``status=`` filter: ``paused`` for a paused
        container (container/state.go StateString)."""
        return "paused" if self.paused and self.running else self.status

    @property
    def short_id(self) -> str:
        return self.id[:12]

    @property
    def created_ns(self) -> int:
        """Created in nanoseconds of netsim's clock, with the fraction a dump gave (``docker
        ps`` lists the newest first, to the nanosecond: daemon/list.go)."""
        known = self.fractions.get("Created")
        frac = int(known[1].ljust(9, "0")) if known is not None and known[0] == self.created \
            else 0
        return self.created * 1_000_000_000 + frac

    def endpoint(self, network: str) -> EndpointState | None:
        for e in self.endpoints:
            if e.network == network:
                return e
        return None

    def active_endpoints(self) -> list[EndpointState]:
        """The endpoints that have an interface now, in interface order (eth0, eth1, …)."""
        eps = [e for e in self.endpoints if e.ifname is not None]
        return sorted(eps, key=lambda e: int((e.ifname or "eth0").removeprefix("eth") or 0))


class SwarmNode(_Frozen):
    """A Docker host's membership of the swarm."""

    node_id: str
    role: Literal["manager", "worker"]
    address: str  # the advertise address, ADDR:2377


class SwarmState(_Frozen):
    """The swarm the hosts form (one at most)."""

    cluster_id: str
    nodes: dict[str, SwarmNode]  # by host name
    worker_token: str
    manager_token: str
    #: the per-node load-balancer address on each overlay network: {network: {host: ip}}
    lb_addresses: dict[str, dict[str, ipaddress.IPv4Address]] = {}
    #: each node's ``gateway_ingress-sbox`` address on its docker_gwbridge
    ingress_gateways: dict[str, ipaddress.IPv4Address] = {}
    #: overlays swarmkit's allocator could not allocate (a --subnet overlapping another
    #: overlay's): no IPAM and no driver state, so inspect shows ``"Driver": ""`` and a null
    #: ``IPAM.Config`` (daemon/cluster/convert/network.go BasicNetworkFromGRPC)
    unallocated: tuple[str, ...] = Field(default=(), repr=False)


class HostLink(_Frozen):
    """An interface in a Docker host's namespace that belongs to no container's endpoint: the
    host end of the swarm ingress sandbox's veth on docker_gwbridge."""

    ifindex: int
    name: str
    link_ifindex: int
    link_netnsid: int
    master: str
    mac: str


class HostState(_Frozen):
    """One Docker host: its daemon's networks and containers."""

    host: Host
    networks: dict[str, NetworkState]
    containers: dict[str, ContainerState]
    links: tuple[HostLink, ...] = ()
    #: False for a machine whose Docker objects netsim does not know: one a dump's hosts.yaml
    #: names without its dump (its address is known; it is not compared by netsim diff)
    known: bool = Field(default=True, repr=False)

    @property
    def name(self) -> str:
        return self.host.name


class State(_Frozen):
    """Everything the engine resolved, on every Docker host, at one moment."""

    lan: Lan
    hosts: dict[str, HostState]
    swarm: SwarmState | None = None
    clock: int = 0
    seed: int = 0
    #: the Docker Engine whose rules built it (renderers read its output shapes)
    profile: EngineProfile = Field(default=DEFAULT_PROFILE, repr=False)
    #: the probe tools an input declared for containers (``# netsim: image|container …
    #: tools …``), by container ID: entries of netsim.images.declared.parse_tools. A container
    #: not here has its image's (the catalogue's, or a Debian-like set)
    declared_tools: dict[str, tuple[str, ...]] = Field(default={}, repr=False)
    #: the facts of the images a daemon built, committed or loaded, for the containers made
    #: from them, by container ID (netsim.images.container_image): a container not here
    #: follows its image's reference in the catalogue
    image_infos: dict[str, ImageInfo] = Field(default={}, repr=False)
    #: what each registry container (an image with ImageInfo.registry_api) holds: its
    #: repositories and their tags, in push order, by container ID (curl …/v2/_catalog)
    registries: dict[str, dict[str, tuple[str, ...]]] = Field(default={}, repr=False)

    def __eq__(self, other: object) -> bool:
        """The same hosts, networks, containers …: what was derived and kept on either
        (:meth:`memo`) is no part of a State's value."""
        if not isinstance(other, State):
            return NotImplemented
        return self is other or self.__dict__ == other.__dict__

    __hash__ = None  # type: ignore[assignment]  # (dict fields: never hashable)

    def memo(self, key: str, build: Callable[[State], _T]) -> _T:
        """A value derived from this (frozen) State, built once and kept on it (an index)."""
        private = self.__pydantic_private__ or {}
        if key in private:
            return private[key]  # type: ignore[no-any-return]
        value = build(self)
        with contextlib.suppress(AttributeError):  # pydantic internals changed: no cache
            object.__setattr__(self, "__pydantic_private__", {**private, key: value})
        return value

    def host(self, name: str | None = None) -> HostState:
        """A host by name; with no name, the only (or first declared) host."""
        if name is None:
            return next(iter(self.hosts.values()))
        return self.hosts[name]

    def containers(self) -> Iterator[ContainerState]:
        for h in self.hosts.values():
            yield from h.containers.values()

    def networks(self) -> Iterator[NetworkState]:
        for h in self.hosts.values():
            yield from h.networks.values()

    def container(self, name: str, host: str | None = None) -> ContainerState:
        """Find a container by name (or ID prefix) on a host; KeyError if absent."""
        hs = self.host(host)
        if name in hs.containers:
            return hs.containers[name]
        for c in hs.containers.values():
            if c.id.startswith(name):
                return c
        raise KeyError(name)

    def network(self, name: str, host: str | None = None) -> NetworkState:
        return self.host(host).networks[name]

    def by_id(self) -> Mapping[str, ContainerState]:
        return {c.id: c for c in self.containers()}

    def _rows(self) -> tuple[list[list[str]], list[list[str]]]:
        nets, ctrs = [], []
        for h in self.hosts.values():
            for n in h.networks.values():
                sub = n.ipv4_subnet
                nets.append([h.name, n.name, n.driver, str(sub.subnet) if sub else "",
                             str(sub.gateway or "") if sub else "", n.interface or ""])
            for c in h.containers.values():
                eps = [f"{e.ifname or '-'} {e.network} {e.ipv4 or ''}".strip()
                       for e in c.endpoints if e.active]
                ports = [f"{m.host_ip}:{m.host_port}->{m.port_key}" for m in c.port_mappings]
                ctrs.append([h.name, c.name, c.status, c.network_mode, "; ".join(eps),
                             ", ".join(ports)])
        return nets, ctrs

    def __str__(self) -> str:
        nets, ctrs = self._rows()
        lines = ["networks:"]
        lines += ["  " + "  ".join(r) for r in nets]
        lines.append("containers:")
        lines += ["  " + "  ".join(x for x in r if x) for r in ctrs]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        from html import escape

        nets, ctrs = self._rows()

        def table(head: list[str], rows: list[list[str]]) -> str:
            th = "".join(f"<th>{escape(h)}</th>" for h in head)
            body = "".join("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in r) + "</tr>"
                           for r in rows)
            return f"<table><tr>{th}</tr>{body}</table>"

        return (
            "<b>Networks</b>"
            + table(["host", "network", "driver", "subnet", "gateway", "interface"], nets)
            + "<b>Containers</b>"
            + table(["host", "container", "status", "network mode", "endpoints", "ports"], ctrs)
        )


def _gateway_families(ep: EndpointState, net: NetworkState) -> tuple[bool, bool]:
    """Whether ``ep`` routes IPv4, IPv6 to a default: libnetwork ``hasGatewayOrDefaultRoute``
    (v28.5.2:libnetwork/endpoint_info.go:409-440): a gateway address of that family, or a
    default route of its own (an ipvlan l3 endpoint's ``default dev ethN`` on a network that
    is not internal: the driver's ``default_dev_route``, drivers/ipvlan/ipvlan_joinleave.go)."""
    if ((ep.gateway is not None or ep.ipv4 is None)
            and (ep.gateway6 is not None or ep.ipv6 is None)):
        return ep.gateway is not None, ep.gateway6 is not None  # no driver to ask
    from netsim.daemon.drivers import get as driver_of  # (the state's modules come first)

    dev = driver_of(net.driver).default_dev_route(net)
    return (ep.gateway is not None or (dev and ep.ipv4 is not None),
            ep.gateway6 is not None or (dev and ep.ipv6 is not None))


def _less_key(ep: EndpointState, net: NetworkState | None, per_family: bool
              ) -> tuple[int, bool, bool, int, str]:
    """``Endpoint.Less`` as a sort key: higher ``gw-priority`` first, then anything but
    ``docker_gwbridge``, then non-internal networks, then the better gateways, then the
    network name. The gateways' rank is the number of families with a gateway or default
    route (dual-stack 2, single 1: v28.5.2:libnetwork/sandbox.go:658-672 ``gwCount``) or,
    before 28.0, the join info's gateways weighed IPv4 1, IPv6 2 (v26.1.5:libnetwork/
    sandbox.go:713-735; v20.10.24:vendor/github.com/docker/libnetwork/sandbox.go:1240-1262):
    EngineProfile.gateway_per_family."""
    internal = net is not None and net.internal
    if per_family:
        rank = sum(_gateway_families(ep, net)) if net is not None else 0
    else:
        rank = (ep.gateway is not None) + 2 * (ep.gateway6 is not None)
    return (-ep.config.GwPriority, ep.network == "docker_gwbridge", internal, -rank,
            ep.network)


def gateway_endpoints(endpoints: Iterable[EndpointState],
                      network: Callable[[str], NetworkState | None],
                      profile: EngineProfile | None = None
                      ) -> tuple[EndpointState | None, EndpointState | None]:
    """The endpoints a sandbox's IPv4 and IPv6 default routes go through (None: no such
    route); ``network`` looks a network up by name, ``profile`` is the engine's (default:
    DEFAULT_PROFILE).

    ≥ 28.0 (EngineProfile.gateway_per_family) picks each family's apart, walking the
    endpoints in :func:`sandbox_order`: the first dual-stack one serves both, else the first
    with an IPv4 gateway (or default route) is IPv4's and the first with an IPv6 one IPv6's
    (v28.5.2:libnetwork/default_gateway.go:188-216 ``selectGatewayEndpoint``). Before, one
    gateway endpoint, the first with an IPv4 gateway (v26.1.5:libnetwork/default_gateway.go:
    177-187 ``getGatewayEndpoint``: ``len(ep.Gateway()) != 0``), gives both routes: the IPv6
    one only from its own IPv6 gateway (sandbox_linux.go:74-101 ``updateGateway``), so
    there is none when it has none, whatever the other endpoints have. netsim also lets an
    ipvlan l3 endpoint's ``default dev ethN`` be that IPv4 default route (the driver adds it
    as a static route: v26.1.5:libnetwork/drivers/ipvlan/ipvlan_joinleave.go Join). An
    internal network's endpoint has a gateway only where the bridge driver gave it one
    (EngineProfile.bridge_internal_gateway).
    """
    per_family = (profile or DEFAULT_PROFILE).gateway_per_family
    if isinstance(endpoints, (list, tuple)) and len(endpoints) == 1:
        # one endpoint: no order to find (what the walk below gives for it)
        ep = endpoints[0]
        net = network(ep.network)
        if net is None:
            return None, None
        gw4, gw6 = _gateway_families(ep, net)
        if not per_family:
            return (ep, ep if ep.gateway6 is not None else None) if gw4 else (None, None)
        return (ep if gw4 else None), (ep if gw6 else None)
    ranked = []
    for ep in endpoints:
        net = network(ep.network)
        if net is not None:
            ranked.append((_less_key(ep, net, per_family), ep, net))
    ranked.sort(key=itemgetter(0))
    ep4: EndpointState | None = None
    ep6: EndpointState | None = None
    for _key, ep, net in ranked:
        gw4, gw6 = _gateway_families(ep, net)
        if not per_family:
            if gw4:
                return ep, (ep if ep.gateway6 is not None else None)
            continue
        if gw4 and gw6:
            return ep, ep
        if gw4 and ep4 is None:
            ep4 = ep
        if gw6 and ep6 is None:
            ep6 = ep
    return ep4, ep6


def default_route_endpoint(endpoints: Iterable[EndpointState],
                           network: Callable[[str], NetworkState | None],
                           profile: EngineProfile | None = None) -> EndpointState | None:
    """The endpoint a sandbox's IPv4 default route goes through, or None
    (:func:`gateway_endpoints`)."""
    return gateway_endpoints(endpoints, network, profile)[0]


def default_route_endpoint6(endpoints: Iterable[EndpointState],
                            network: Callable[[str], NetworkState | None],
                            profile: EngineProfile | None = None) -> EndpointState | None:
    """The endpoint a sandbox's IPv6 default route goes through, or None
    (:func:`gateway_endpoints`). ``endpoints`` are all the sandbox's, not only those with
    IPv6: before 28.0 the IPv4 gateway endpoint decides."""
    return gateway_endpoints(endpoints, network, profile)[1]


def sandbox_order(endpoints: Iterable[EndpointState],
                  network: Callable[[str], NetworkState | None],
                  profile: EngineProfile | None = None) -> list[EndpointState]:
    """A sandbox's endpoints in libnetwork's order (``sandbox.go`` ``Endpoint.Less``).

    Higher ``gw-priority`` first, then anything but ``docker_gwbridge``, then non-internal
    networks, then the better gateways (dual-stack first; the rank by engine:
    EngineProfile.gateway_per_family), then the network name. The embedded DNS walks the
    endpoints in this order (``Sandbox.ResolveName``); the gateway endpoints are picked in
    it (:func:`gateway_endpoints`). ``profile`` is the engine's (default: DEFAULT_PROFILE).
    """
    per_family = (profile or DEFAULT_PROFILE).gateway_per_family
    return sorted(endpoints, key=lambda ep: _less_key(ep, network(ep.network), per_family))


@contextlib.contextmanager
def gc_paused() -> Iterator[None]:
    """Bulk allocation of many small, acyclic objects (indexes over a State): without this the
    cyclic GC runs dozens of times over a growing heap (70 % of reach's index build at 10,000
    containers).

    On the way out, what was allocated goes straight to the oldest generation (``gc.freeze``
    then ``gc.unfreeze``: two list splices), where it is collected with the rest; left young,
    the first collection after would walk all of it (0.18 s after importing 10,000
    containers). Not when the caller has frozen objects of its own: unfreeze would thaw them.
    """
    enabled = gc.isenabled()
    frozen = gc.get_freeze_count()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            if frozen == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()
