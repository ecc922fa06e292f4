"""What the macvlan and ipvlan drivers share: libnetwork's drivers/macvlan and drivers/ipvlan are
twins (a parent link, a VLAN sub-interface made on demand, a dummy parent for a parentless
network); :mod:`.macvlan` and :mod:`.ipvlan` hold what differs."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from netsim.daemon.drivers.base import Attachment, DriverDefaults, HostLinkKind, get
from netsim.errors import DaemonError

if TYPE_CHECKING:
    from netsim.api import NetworkSpec
    from netsim.daemon.runtime import HostRuntime
    from netsim.state import NetworkState, SubnetState
    from netsim.versions import EngineProfile

__all__ = ["VlanDriver", "parent"]


def parent(spec: NetworkSpec) -> str | None:
    """``-o parent``: the host link the network's endpoints are children of (none given, or
    empty: a dummy link of its own)."""
    return spec.Options.get("parent") or None


def _host_links(rt: HostRuntime) -> set[str]:
    """The links of a Docker host's namespace that a macvlan/ipvlan parent may name: lo,
    its NIC, docker0 and the other bridges, and the VLAN links networks made."""
    links = {"lo", rt.host.interface}
    for net in rt.networks.values():
        if net.state.interface:
            links.add(net.state.interface)
    return links


class VlanDriver(DriverDefaults):
    """A driver whose endpoints are links on a parent interface of the host."""

    segment_rule = "macvlan.same"
    draw_rank = 4
    #: its ``-o NAME_mode`` option's default (macvlan: bridge; ipvlan: l2)
    default_mode = ""

    def mode(self, spec: NetworkSpec) -> str:
        """``-o <driver>_mode`` (empty: the driver's default)."""
        return spec.Options.get(f"{self.name}_mode") or self.default_mode

    def check_mode(self, spec: NetworkSpec, profile: EngineProfile) -> None:
        """The driver's mode (and flag) options."""

    def l3(self, spec: NetworkSpec) -> bool:
        """Its endpoints are routed, not bridged (ipvlan l3/l3s)."""
        return False

    def parent_in_use(self, other: NetworkState, spec: NetworkSpec,
                      profile: EngineProfile) -> None:
        """Docker's error when another network of the driver is on the same parent."""

    def missing_parent_message(self, profile: EngineProfile) -> str:
        """The error for a VLAN sub-interface whose base link does not exist (``{parent}``)."""
        return "-o parent interface was not found on the host: {parent}"

    def check_options(self, spec: NetworkSpec, profile: EngineProfile) -> None:
        """The drivers' parseNetworkOptions, run by GetSkipGwAlloc before IPAM allocates
        anything (v28.5.2:libnetwork/drivers/macvlan/macvlan_network.go:198-240,
        ipvlan/ipvlan_network.go:188-236): the mode, ipvlan's flag, the loopback as parent."""
        self.check_mode(spec, profile)
        if parent(spec) == "lo":
            raise DaemonError(f"loopback interface is not a valid {spec.Driver} parent link")

    def skip_gateway(self, spec: NetworkSpec, profile: EngineProfile) -> bool:
        """The drivers' GetSkipGwAlloc (netsim.versions EngineProfile.vlan_gateway)."""
        rule = profile.vlan_gateway
        if rule == "only_when_given":  # 29.0+: none unless --gateway
            return True
        if rule == "unless_internal_or_l3":  # 28.x
            if spec.Internal or parent(spec) is None:
                return True  # internal (or parentless, hence internal) networks
            if self.l3(spec):
                return True
        return False

    def create(self, rt: HostRuntime, spec: NetworkSpec, nid: str,
               subnets: list[SubnetState], profile: EngineProfile) -> None:
        """The drivers' createNetwork (v28.5.2:libnetwork/drivers/macvlan/macvlan_network.go:
        73-128, ipvlan/ipvlan_network.go:72-112): the parent used by another network of the
        driver, then a parent that does not exist, which must be a VLAN sub-interface to make
        (macvlan_setup.go createVlanLink, parseVlan)."""
        link = parent(spec)
        if link is None:
            return  # a dummy link dm-/di-<id12> of its own
        # d.getNetworks() walks a Go map: any order; netsim names the newest network (the
        # one measured in 26-macvlan-modes-errors)
        for other in reversed(rt.networks.values()):
            o = other.state
            if o.driver != self.name or o.interface != link:
                continue
            self.parent_in_use(o, spec, profile)
        links = _host_links(rt)
        if link in links:
            return
        if "." not in link:
            raise DaemonError(
                f"invalid subinterface vlan name {link}, example formatting is eth0.10")
        parts = link.split(".")
        if len(parts) != 2:
            raise DaemonError("required interface name format is: name.vlan_id, ex. eth0.10 "
                              f"for vlan 10, instead received {link}")
        base, vid = parts
        if not re.fullmatch(r"[+-]?[0-9]+", vid):  # strconv.Atoi
            raise DaemonError(f"unable to parse a valid vlan id from: {vid} (ex. eth0.10 for "
                              "vlan 10)")
        if base not in links:
            # (the client trims the message: client/request.go checkResponseErr)
            text = self.missing_parent_message(profile)
            raise DaemonError(text.format(parent=base).rstrip())
        if not 1 <= int(vid) <= 4094:
            raise DaemonError(f"vlan id must be between 1-4094, received: {int(vid)}")

    def interface(self, spec: NetworkSpec, nid: str) -> str | None:
        """The parent (``-o parent``)."""
        return parent(spec)

    def internal(self, spec: NetworkSpec) -> bool:
        """``--internal``, or no parent (a dummy link of its own: no way out)."""
        return spec.Internal or parent(spec) is None

    def network_link(self, rt: HostRuntime, spec: NetworkSpec) -> int | None:
        """The NIC, the VLAN link it creates (``eth0.10``; shared with the networks already
        on it) or the dummy parent of a parentless one."""
        link = parent(spec)
        if link is None:
            return rt.netns.alloc()
        if link == rt.host.interface:
            return 2
        for other in rt.networks.values():
            o = other.state
            if isinstance(get(o.driver), VlanDriver) and o.interface == link:
                return o.ifindex
        return rt.netns.alloc() if "." in link else None

    def attachment(self, net: NetworkState) -> Attachment:
        """A child of the parent (l3: routed by it)."""
        return "parent"

    def parent_link(self, net: NetworkState) -> str | None:
        """``-o parent``."""
        return net.options.get("parent") or None

    def host_link(self, net: NetworkState) -> HostLinkKind:
        """The VLAN sub-interface it made (``eth0.10``); the NIC and a dummy parent are not
        its own links to list."""
        return "vlan" if "." in (net.interface or "") else None

    def mode_label(self, net: NetworkState) -> str | None:
        """``macvlan bridge on parent eth0`` (the mode as given, else the default)."""
        mode = net.options.get(f"{self.name}_mode", self.default_mode)
        return f"{self.name} {mode} on parent {net.interface or '(none)'}"
