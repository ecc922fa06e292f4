"""The network driver protocol, its defaults and the registry of drivers.

A network driver is one module of this package: a class implementing :class:`NetworkDriver`
(most start from :class:`DriverDefaults`) and one ``register(…)`` call. The daemon (netsim's
engine) asks the driver of a network, never its name, what the network does:

* at ``network create``: whether it makes networks at all (:attr:`~NetworkDriver.
  user_networks`: host and null have only their predefined one; an unregistered name is
  Docker's ``plugin "NAME" not found``), its options (:meth:`~NetworkDriver.check_options`, run
  by libnetwork's ``GetSkipGwAlloc`` before IPAM), whether IPAM reserves a gateway
  (:meth:`~NetworkDriver.skip_gateway`), the driver's own ``CreateNetwork`` checks once IPAM
  is done (:meth:`~NetworkDriver.create`), the state it gives the network (its host link's
  name and index, internal, icc, masquerade) and whether the swarm allocates it
  (:attr:`~NetworkDriver.scope`);
* at ``network rm``: what goes with it (:meth:`~NetworkDriver.delete`);
* when a sandbox joins (``docker start``, ``network connect``): whether it gets an interface
  at all, the host's namespace or only its loopback, its default route, its MAC, the kernel's
  numbers of its interface (:meth:`~NetworkDriver.plug`), whether it needs the embedded DNS
  resolver, and whether published ports are programmed on it.

The analysis side reads a network's driver too, never its name:

* what passes between endpoints and why (:mod:`netsim.analysis.index`, :mod:`netsim.analysis.
  reach`, :mod:`netsim.analysis.graph`): how an endpoint is attached (:meth:`~NetworkDriver.
  attachment`: a port of a bridge on the host, a child of a parent link, a routed ipvlan l3
  child, a VXLAN segment across hosts), its parent link, whether children of one parent are
  kept apart (macvlan private mode), a default route without a gateway address (ipvlan l3),
  and the rule a trace cites for on-link delivery on its segment;
* what a sandbox's interfaces look like to ``ip addr``/``ip route`` (:mod:`netsim.probes.
  interfaces`): the endpoint's MTU, the network's link in the host's namespace;
* how it is drawn (:mod:`netsim.diagram.layout`): a bar in its host, a band across hosts, or
  nothing; its place among the bars; the line naming its mode and parent;
* what ``docker`` prints about it (inspect, ``ps``'s PORTS): whether the sandbox's ports are
  reported (the driver that publishes them).

Every member has a default in :class:`DriverDefaults`: a driver that only registers itself
gets local networks whose endpoints are children of the network's own link, drawn as a bar.
"""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING, Literal, Protocol, TypeAlias

if TYPE_CHECKING:
    from netsim.api import NetworkSpec
    from netsim.daemon.netns import Netns
    from netsim.daemon.runtime import HostRuntime
    from netsim.state import NetworkState, SubnetState
    from netsim.versions import EngineProfile

__all__ = [
    "Attachment",
    "DrawnAs",
    "DriverDefaults",
    "HostLinkKind",
    "NetworkDriver",
    "drop_network_link",
    "get",
    "mac_from_ipv4",
    "register",
    "registered",
    "unregister",
]


#: how an endpoint's interface is attached: ``bridge``, a port of a Linux bridge on the host
#: (the host is the network's gateway, forwards and masquerades between it and the rest);
#: ``parent``, a child link of the network's parent (the host's NIC or its VLAN link: a machine
#: of the LAN; no parent: a segment of its own), never talking to the parent itself; ``l3``, a
#: child the parent routes (ipvlan l3/l3s); ``overlay``, a VXLAN segment spanning the swarm's
#: hosts; ``none``: no interface (host, null)
Attachment: TypeAlias = Literal["bridge", "parent", "l3", "overlay", "none"]
#: how a network is drawn: a bar in its host's box, a band across the hosts it spans, or not
DrawnAs: TypeAlias = Literal["bar", "band"] | None
#: the network's own link in the host's namespace as ``ip link`` lists it: a bridge (with the
#: gateway's address), a VLAN sub-interface of the NIC, or none listed
HostLinkKind: TypeAlias = Literal["bridge", "vlan"] | None


class NetworkDriver(Protocol):
    """What the daemon asks a network driver (libnetwork's ``driverapi.Driver`` and the
    daemon's own rules that depend on a network's type)."""

    @property
    def name(self) -> str:
        """``docker network create -d NAME``; :attr:`netsim.state.NetworkState.driver`."""
        ...

    @property
    def scope(self) -> Literal["local", "swarm"]:
        """``swarm``: the swarm manager creates and allocates its networks and a node attaches
        to them (overlay); ``local``: the host's daemon does."""
        ...

    @property
    def bridge_options(self) -> bool:
        """It takes the bridge driver's options (``enable_icc``) and ``--internal`` as a
        firewall rule: what ``netsim whatif --icc/--internal`` may reshape."""
        ...

    # ---- what a sandbox gets when it joins

    @property
    def sandbox_interface(self) -> bool:
        """A joining sandbox gets an interface (and addresses) of its own on the network; false:
        ``host`` (the container is in the host's namespace), ``null`` (only its loopback)."""
        ...

    @property
    def host_namespace(self) -> bool:
        """Joining puts the container in the host's network namespace (``--network host``)."""
        ...

    @property
    def private(self) -> bool:
        """Docker's private mode (``--network none``): the sandbox is on no other network."""
        ...

    @property
    def embedded_dns(self) -> bool:
        """An endpoint on one of its user-defined networks needs the embedded DNS server
        (daemon/network.go: name resolution is disabled on the others)."""
        ...

    @property
    def host_veth(self) -> bool:
        """An endpoint's interface is a veth whose host end (``vethXXXXXXX``) stays on the
        host."""
        ...

    @property
    def publishes_ports(self) -> bool:
        """``-p`` is programmed when its endpoint is the sandbox's gateway endpoint
        (``ProgramExternalConnectivity``)."""
        ...

    @property
    def gateway_on_host(self) -> bool:
        """The network's gateway address is an address of the host (its bridge's)."""
        ...

    @property
    def user_networks(self) -> bool:
        """``docker network create -d NAME`` makes networks of it; false: only its predefined
        network exists (host, null: "only one instance of \"host\" network is allowed")."""
        ...

    # ---- network create / rm

    def check_options(self, spec: NetworkSpec, profile: EngineProfile) -> None:
        """The driver's option parsing before IPAM (``GetSkipGwAlloc``): Docker's error if
        an option's value is refused."""
        ...

    def skip_gateway(self, spec: NetworkSpec, profile: EngineProfile) -> bool:
        """IPAM reserves no gateway unless ``--gateway`` names one (``GetSkipGwAlloc``)."""
        ...

    def create(self, rt: HostRuntime, spec: NetworkSpec, nid: str,
               subnets: list[SubnetState], profile: EngineProfile) -> None:
        """The driver's ``CreateNetwork`` checks, once IPAM allocated the subnets."""
        ...

    def interface(self, spec: NetworkSpec, nid: str) -> str | None:
        """The name of the network's link on the host (its bridge, its parent), if any."""
        ...

    def internal(self, spec: NetworkSpec) -> bool:
        """The network has no way out (``--internal``, or no parent to reach the LAN)."""
        ...

    def icc(self, spec: NetworkSpec) -> bool:
        """Its containers may talk to each other."""
        ...

    def masquerade(self, spec: NetworkSpec) -> bool:
        """Traffic leaving through the host is masqueraded."""
        ...

    def network_link(self, rt: HostRuntime, spec: NetworkSpec) -> int | None:
        """The index of the network's link in the host's namespace, created now if needed."""
        ...

    def delete(self, rt: HostRuntime, net: NetworkState) -> None:
        """The driver's ``DeleteNetwork``: what the network's removal takes with it."""
        ...

    # ---- a sandbox joins: its route, MAC and interface

    def configured_subnet(self, net: NetworkState, subnet: SubnetState) -> bool:
        """``--ip`` may be asked for in ``subnet``: the subnet is configured, not chosen by
        IPAM (api/types/network/endpoint.go validateEndpointIPAddress)."""
        ...

    def endpoint_gateway(self, net: NetworkState, profile: EngineProfile) -> bool:
        """An endpoint's default route is via the subnet's gateway (else none on it). Asked
        once per network state and profile (:class:`netsim.daemon.runtime.JoinPlan`): it
        depends on nothing else."""
        ...

    def endpoint_mac(self, ipv4: ipaddress.IPv4Interface | None, parent_mac: str,
                     profile: EngineProfile) -> str | None:
        """The MAC of an endpoint not given one (``parent_mac``: the host NIC's); None: a
        random one."""
        ...

    def plug(self, rt: HostRuntime, sandbox: Netns, net: NetworkState, *, gateway_only: bool,
             profile: EngineProfile) -> tuple[int, int, str]:
        """Create the endpoint's interface in ``sandbox``: its index there, the index of its
        link (peer or parent) and the key of the namespace that link is in."""
        ...

    # ---- what passes between endpoints, and why (netsim.analysis)

    def attachment(self, net: NetworkState) -> Attachment:
        """How its endpoints' interfaces are attached (:data:`Attachment`)."""
        ...

    def parent_link(self, net: NetworkState) -> str | None:
        """The host link its endpoints are children of, as named (``-o parent``); None: a
        link of its own (a dummy parent: no way to the LAN)."""
        ...

    def private_children(self, net: NetworkState) -> bool:
        """Its children of one parent on one host do not reach each other (macvlan private
        mode)."""
        ...

    def default_dev_route(self, net: NetworkState) -> bool:
        """An endpoint's default route is ``default dev ethN``, with no gateway address
        (ipvlan l3), so the endpoint can be a sandbox's default without a gateway."""
        ...

    @property
    def segment_rule(self) -> str:
        """The rule (netsim.analysis.reach RULES) a trace cites when a child on its segment
        answers ARP for the address sought."""
        ...

    # ---- what probes read (ip addr, ip route)

    def endpoint_mtu(self, net: NetworkState) -> int:
        """An endpoint's MTU."""
        ...

    def host_link(self, net: NetworkState) -> HostLinkKind:
        """The network's own link as ``ip link`` in the host's namespace lists it."""
        ...

    # ---- how it is drawn (netsim.diagram)

    @property
    def drawn_as(self) -> DrawnAs:
        """A bar in its host, a band across hosts (:data:`DrawnAs`), or not drawn."""
        ...

    @property
    def draw_rank(self) -> int:
        """Its place among a host's bars (user-defined bridges 1, docker_gwbridge 2, overlays
        3, macvlan/ipvlan 4; the default bridge 0)."""
        ...

    def mode_label(self, net: NetworkState) -> str | None:
        """The line a drawing of the network adds under its subnet (its mode and parent)."""
        ...


def mac_from_ipv4(ipv4: ipaddress.IPv4Interface) -> str:
    """Docker's MAC derived from an IPv4 address (``02:42:ac:11:00:02``; genMAC before 28.0)."""
    return "02:42:" + ":".join(f"{b:02x}" for b in ipv4.ip.packed)


def drop_network_link(rt: HostRuntime, net: NetworkState) -> None:
    """A removed network's bridge (or VLAN/dummy link, when no other network uses it) is
    deleted."""
    if net.ifindex is None or net.ifindex == 2:
        return
    if any(o.state.ifindex == net.ifindex for o in rt.networks.values()
           if o.state.id != net.id):
        return
    rt.netns.live.discard(net.ifindex)


class DriverDefaults:
    """A driver whose networks are local, give each sandbox an interface moved in from the
    host's namespace, and have no options of their own; drivers override what differs."""

    name = ""
    scope: Literal["local", "swarm"] = "local"
    sandbox_interface = True
    host_namespace = False
    private = False
    embedded_dns = True
    host_veth = False
    publishes_ports = False
    gateway_on_host = False
    user_networks = True
    segment_rule = "segment.same"
    drawn_as: DrawnAs = "bar"
    draw_rank = 5
    #: it takes the bridge driver's options (``com.docker.network.bridge.enable_icc``) and
    #: ``--internal`` as a firewall rule: what ``netsim whatif --icc/--internal`` may reshape
    bridge_options = False

    def check_options(self, spec: NetworkSpec, profile: EngineProfile) -> None:
        """No options of its own."""

    def skip_gateway(self, spec: NetworkSpec, profile: EngineProfile) -> bool:
        """IPAM reserves a gateway."""
        return False

    def create(self, rt: HostRuntime, spec: NetworkSpec, nid: str,
               subnets: list[SubnetState], profile: EngineProfile) -> None:
        """No checks of its own."""

    def interface(self, spec: NetworkSpec, nid: str) -> str | None:
        """No link on the host."""
        return None

    def internal(self, spec: NetworkSpec) -> bool:
        """``--internal``."""
        return spec.Internal

    def icc(self, spec: NetworkSpec) -> bool:
        """Containers may talk to each other."""
        return True

    def masquerade(self, spec: NetworkSpec) -> bool:
        """Masqueraded."""
        return True

    def network_link(self, rt: HostRuntime, spec: NetworkSpec) -> int | None:
        """No link on the host."""
        return None

    def delete(self, rt: HostRuntime, net: NetworkState) -> None:
        """Its link goes (:func:`drop_network_link`)."""
        drop_network_link(rt, net)

    def configured_subnet(self, net: NetworkState, subnet: SubnetState) -> bool:
        """A subnet the user gave."""
        return subnet.user_subnet

    def endpoint_gateway(self, net: NetworkState, profile: EngineProfile) -> bool:
        """Via the gateway, unless the network is internal."""
        return not net.internal

    def endpoint_mac(self, ipv4: ipaddress.IPv4Interface | None, parent_mac: str,
                     profile: EngineProfile) -> str | None:
        """Before 28.0 derived from the IPv4 address, else random (EngineProfile.random_macs)."""
        if not profile.random_macs and ipv4 is not None:
            return mac_from_ipv4(ipv4)
        return None

    def plug(self, rt: HostRuntime, sandbox: Netns, net: NetworkState, *, gateway_only: bool,
             profile: EngineProfile) -> tuple[int, int, str]:
        """A link made in the host's namespace and moved into the sandbox, whose parent is
        the network's link (else the host's NIC)."""
        ifindex = sandbox.move_in(rt.netns.passing())
        return ifindex, net.ifindex if net.ifindex is not None else 2, "host"

    def attachment(self, net: NetworkState) -> Attachment:
        """Children of the network's link."""
        return "parent"

    def parent_link(self, net: NetworkState) -> str | None:
        """A link of its own."""
        return None

    def private_children(self, net: NetworkState) -> bool:
        """Children reach each other."""
        return False

    def default_dev_route(self, net: NetworkState) -> bool:
        """Via a gateway address."""
        return False

    def endpoint_mtu(self, net: NetworkState) -> int:
        """``com.docker.network.driver.mtu`` when a positive number, else 1500 (netlabel.MTU,
        read by every driver of libnetwork that makes links)."""
        mtu = net.options.get("com.docker.network.driver.mtu", "")
        return int(mtu) if mtu.isdigit() and int(mtu) > 0 else 1500

    def host_link(self, net: NetworkState) -> HostLinkKind:
        """None listed."""
        return None

    def mode_label(self, net: NetworkState) -> str | None:
        """None."""
        return None


_REGISTRY: dict[str, NetworkDriver] = {}


def register(driver: NetworkDriver, *, replace: bool = False) -> NetworkDriver:
    """Make ``driver`` the one of networks named ``driver.name``; returns it."""
    if driver.name in _REGISTRY and not replace:
        raise ValueError(f"a network driver {driver.name!r} is already registered")
    _REGISTRY[driver.name] = driver
    return driver


def unregister(name: str) -> None:
    """Forget the driver ``name`` (a test's own driver)."""
    _REGISTRY.pop(name, None)


def get(name: str) -> NetworkDriver:
    """The driver of networks whose driver is ``name``."""
    try:
        return _REGISTRY[name]
    except KeyError:
        raise KeyError(f"no network driver {name!r} is registered") from None


def registered() -> dict[str, NetworkDriver]:
    """Every registered driver by name, in registration order."""
    return dict(_REGISTRY)
