"""The bridge driver: a Linux bridge on the host, a veth per endpoint, NAT and published ports
(libnetwork/drivers/bridge)."""

from __future__ import annotations

import ipaddress
import re
from typing import TYPE_CHECKING

from netsim.daemon.drivers.base import Attachment, DriverDefaults, HostLinkKind, register
from netsim.daemon.ipam import nets_overlap
from netsim.errors import DaemonError
from netsim.golang.values import GoError, parse_bool

if TYPE_CHECKING:
    from netsim.api import NetworkSpec
    from netsim.daemon.netns import Netns
    from netsim.daemon.runtime import HostRuntime
    from netsim.state import NetworkState, SubnetState
    from netsim.versions import EngineProfile

__all__ = ["BRIDGE", "BridgeDriver", "bridge_name", "check_bridge_options", "gateway_mode_ipv4",
           "icc", "masquerade"]

_BRIDGE_BOOLS = ("com.docker.network.bridge.default_bridge",
                 "com.docker.network.bridge.enable_icc",
                 "com.docker.network.bridge.enable_ip_masquerade",
                 "com.docker.network.bridge.inhibit_ipv4", "com.docker.network.enable_ipv4",
                 "com.docker.network.enable_ipv6")


def _bool_option(spec: NetworkSpec, key: str, default: bool) -> bool:
    value = spec.Options.get(key)
    return default if value is None else parse_bool(value)


def icc(spec: NetworkSpec) -> bool:
    """``com.docker.network.bridge.enable_icc`` (docs: engine/network/drivers/bridge.md, the
    option table), true unless given."""
    return _bool_option(spec, "com.docker.network.bridge.enable_icc", True)


def masquerade(spec: NetworkSpec) -> bool:
    """``com.docker.network.bridge.enable_ip_masquerade``, true unless given."""
    return _bool_option(spec, "com.docker.network.bridge.enable_ip_masquerade", True)


def bridge_name(spec: NetworkSpec) -> str | None:
    """``com.docker.network.bridge.name``: the Linux bridge's name, when given."""
    return spec.Options.get("com.docker.network.bridge.name")


def gateway_mode_ipv4(spec: NetworkSpec) -> str:
    """``com.docker.network.bridge.gateway_mode_ipv4`` (nat, nat-unprotected, routed,
    isolated), nat unless given."""
    return spec.Options.get("com.docker.network.bridge.gateway_mode_ipv4", "nat")


_LINK_LOCAL64 = ipaddress.IPv6Network("fe80::/64")


def _check_ipv6_subnet(addr: ipaddress.IPv6Interface, profile: EngineProfile) -> None:
    """The bridge's IPv6 address and prefix: multicast, or overlapping fe80::/64 without being
    it, is refused (EngineProfile.ipv6_multicast_subnet_message, ipv6_link_local_subnet_
    message; v28.5.2:libnetwork/drivers/bridge/bridge_linux.go:216-228)."""
    if addr.ip.is_multicast:
        raise DaemonError(profile.ipv6_multicast_subnet_message.format(addr=addr), status=400)
    if addr.network != _LINK_LOCAL64 and addr.network.overlaps(_LINK_LOCAL64):
        raise DaemonError(profile.ipv6_link_local_subnet_message.format(addr=addr), status=400)


def check_bridge_options(spec: NetworkSpec, gw_modes: tuple[str, ...]) -> None:
    """The bridge driver's parseNetworkOptions, run by GetSkipGwAlloc before IPAM (v28.5.2:
    libnetwork/drivers/bridge/bridge_linux.go:310-402 fromLabels, 635-673): each option's value
    (a Go map: any order; netsim takes them sorted), then isolated mode on a non-internal
    network. ``gw_modes``: the gateway modes the driver knows (EngineProfile.
    bridge_gateway_modes; none: the gateway_mode options are not the driver's and go unread)."""
    for key in sorted(spec.Options):
        value = spec.Options[key]
        reason = None
        if key in _BRIDGE_BOOLS:
            try:
                parse_bool(value)
            except GoError as err:
                reason = str(err)
        elif key in ("com.docker.network.bridge.gateway_mode_ipv4",
                     "com.docker.network.bridge.gateway_mode_ipv6") and gw_modes and \
                value not in gw_modes:
            reason = f"unknown gateway mode {value}"
        elif key == "com.docker.network.driver.mtu" and not re.fullmatch(r"[+-]?[0-9]+", value):
            reason = f'strconv.Atoi: parsing "{value}": invalid syntax'
        if reason is not None:
            raise DaemonError(f"failed to parse {key} value: {value} ({reason})", status=400)
    modes = (spec.Options.get("com.docker.network.bridge.gateway_mode_ipv4"),
             spec.Options.get("com.docker.network.bridge.gateway_mode_ipv6"))
    if "isolated" in modes and "isolated" in gw_modes and not spec.Internal:
        raise DaemonError("gateway mode 'isolated' can only be used for an internal network")


def _check_bridge_conflict(rt: HostRuntime, nid: str, bridge: str, subnets: list[SubnetState],
                           profile: EngineProfile) -> None:
    """The bridge driver's own check (drivers/bridge/bridge_linux.go checkConflict).

    It catches what IPAM lets through: a reused Linux bridge name, and the overlapping
    subnets the ``--ip-range`` quirk allows (ipams/defaultipam/address_space.go allocateSubnetL
    skips the overlap check of the parent subnet when a range is given).
    """
    mine = next((x for x in subnets if x.subnet.version == 4), None)
    mine6 = next((x for x in subnets if x.subnet.version == 6), None)
    for other in rt.networks.values():
        o = other.state
        if o.driver != BRIDGE.name or o.interface is None:
            continue
        if o.predefined and profile.default_bridge_conflict_stale:
            continue  # taken for a stale default network (EngineProfile.
            # default_bridge_conflict_stale)
        reason = None
        theirs = o.ipv4_subnet
        if o.interface == bridge:
            reason = "networks have same bridge name"
        elif mine is not None and theirs is not None and nets_overlap(mine.subnet,
                                                                      theirs.subnet):
            reason = "networks have overlapping IPv4"
        elif (mine6 is not None and o.ipv6_enabled and (theirs6 := o.ipv6_subnet) is not None
              and nets_overlap(mine6.subnet, theirs6.subnet)):
            # the same check over IPv6, where both have it (v28.5.2:libnetwork/drivers/bridge/
            # bridge_linux.go:302-305 Conflicts; measured: 92-ipam-nested-overlap)
            reason = "networks have overlapping IPv6"
        if reason:
            raise DaemonError(
                f"cannot create network {nid} ({bridge}): conflicts with network {o.id} "
                f"({o.interface}): {reason}",
                status=403,
            )


class BridgeDriver(DriverDefaults):
    """``-d bridge`` (and the default ``bridge`` network, docker0)."""

    name = "bridge"
    bridge_options = True
    host_veth = True
    publishes_ports = True
    gateway_on_host = True
    draw_rank = 1

    def check_options(self, spec: NetworkSpec, profile: EngineProfile) -> None:
        """:func:`check_bridge_options`."""
        check_bridge_options(spec, profile.bridge_gateway_modes)

    def skip_gateway(self, spec: NetworkSpec, profile: EngineProfile) -> bool:
        """bridge_linux.go GetSkipGwAlloc (v28.5.2:712-725): an isolated network has none."""
        return gateway_mode_ipv4(spec) == "isolated" and \
            "isolated" in profile.bridge_gateway_modes

    def create(self, rt: HostRuntime, spec: NetworkSpec, nid: str,
               subnets: list[SubnetState], profile: EngineProfile) -> None:
        """One IPv4 subnet, IPv4 or IPv6 enabled, no conflict with another bridge."""
        by_version: dict[int, SubnetState] = {}  # the first subnet of each IP version
        for x in subnets:
            if by_version.setdefault(x.subnet.version, x) is not x:
                # bridge_linux.go processIPAM (v28.5.2:603-606; IPv6 too, :604; v26.1.5:532,
                # v20.10.24 bridge.go:490)
                raise DaemonError("bridge driver doesn't support multiple subnets", status=403)
        if not spec.EnableIPv4 and not spec.EnableIPv6:
            # libnetwork/drivers/bridge/bridge_linux.go:744 (v28.5.2)
            raise DaemonError("IPv4 or IPv6 must be enabled", status=400)
        sub6 = by_version.get(6)
        if sub6 is not None and sub6.gateway is not None:
            _check_ipv6_subnet(ipaddress.IPv6Interface((int(sub6.gateway),
                                                        sub6.subnet.prefixlen)), profile)
        name = bridge_name(spec)
        if name is not None or any(
                c.Subnet is not None and c.IPRange is not None for c in spec.IPAM.Config):
            # otherwise IPAM already kept the subnet apart and br-<id> names are unique
            _check_bridge_conflict(rt, nid, name or f"br-{nid[:12]}", subnets,
                                   profile)

    def interface(self, spec: NetworkSpec, nid: str) -> str | None:
        """``com.docker.network.bridge.name``, else ``br-`` and the ID's first 12."""
        return bridge_name(spec) or f"br-{nid[:12]}"

    def icc(self, spec: NetworkSpec) -> bool:
        """``com.docker.network.bridge.enable_icc``."""
        return icc(spec)

    def masquerade(self, spec: NetworkSpec) -> bool:
        """``com.docker.network.bridge.enable_ip_masquerade``."""
        return masquerade(spec)

    def network_link(self, rt: HostRuntime, spec: NetworkSpec) -> int | None:
        """The bridge it creates."""
        return rt.netns.alloc()

    def configured_subnet(self, net: NetworkState, subnet: SubnetState) -> bool:
        """The default bridge's subnet is configured too (from docker0), hence "static"
        (v28.5.2:api/types/network/endpoint.go:103-124 validateEndpointIPAddress)."""
        return subnet.user_subnet or net.predefined

    def endpoint_gateway(self, net: NetworkState, profile: EngineProfile) -> bool:
        """An --internal network gives none, but the bridge driver's did before 25.0
        (EngineProfile.bridge_internal_gateway)."""
        return not net.internal or profile.bridge_internal_gateway

    def plug(self, rt: HostRuntime, sandbox: Netns, net: NetworkState, *, gateway_only: bool,
             profile: EngineProfile) -> tuple[int, int, str]:
        """bridge_linux.go ``createVeth`` creates the veth with its peer directly in the
        container's namespace (the next index there; the host end takes the host's next) --
        except for the docker_gwbridge endpoint libnetwork adds to an overlay-only sandbox,
        made in the host's namespace (the peer first: veth_newlink registers it first) and
        moved. The bridge gets its IPv6 link-local address with its first port."""
        host = rt.netns
        # EngineProfile.veth_created_in_host_netns: every veth is made like the gateway's
        if gateway_only or profile.veth_created_in_host_netns:
            inner = host.passing()
            link = host.alloc()
            ifindex = sandbox.move_in(inner)
        else:
            ifindex = sandbox.alloc()
            link = host.alloc()
        bridge = rt.networks.get(net.name)
        if bridge is not None and not bridge.state.link_local:
            bridge.link_local_up()
        return ifindex, link, "host"

    def attachment(self, net: NetworkState) -> Attachment:
        """A veth whose host end is a port of the network's bridge."""
        return "bridge"

    def host_link(self, net: NetworkState) -> HostLinkKind:
        """The bridge (``docker0``, ``br-<id12>``), with the gateway's address."""
        return "bridge" if net.interface else None


#: the registered bridge driver
BRIDGE = register(BridgeDriver())
