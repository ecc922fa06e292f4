"""The ipvlan driver: containers share the parent's MAC; l2 (bridged) or l3/l3s (routed)
(libnetwork/drivers/ipvlan)."""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING

from netsim.daemon.drivers.base import Attachment, register
from netsim.daemon.drivers.vlan import VlanDriver, parent
from netsim.errors import DaemonError

if TYPE_CHECKING:
    from netsim.api import NetworkSpec
    from netsim.state import NetworkState
    from netsim.versions import EngineProfile

__all__ = ["IPVLAN", "IpvlanDriver"]


class IpvlanDriver(VlanDriver):
    """``-d ipvlan`` (modes l2, l3, l3s; flags bridge, private, vepa)."""

    name = "ipvlan"
    default_mode = "l2"

    def check_mode(self, spec: NetworkSpec, profile: EngineProfile) -> None:
        """ipvlan_network.go parseNetworkOptions: ``ipvlan_mode``, ``ipvlan_flag``; a driver
        without mode l3s nor ``ipvlan_flag`` leaves the flag unread
        (EngineProfile.ipvlan_l3s_and_flags)."""
        l3s_and_flags = profile.ipvlan_l3s_and_flags
        mode = self.mode(spec)
        if mode not in (("l2", "l3", "l3s") if l3s_and_flags else ("l2", "l3")):
            raise DaemonError(
                f"requested ipvlan mode '{mode}' is not valid, 'l2' mode is the ipvlan "
                "driver default"
            )
        flag = spec.Options.get("ipvlan_flag") or "bridge"
        if l3s_and_flags and flag not in ("bridge", "private", "vepa"):
            raise DaemonError(
                f"requested ipvlan flag '{flag}' is not valid, 'bridge' is the ipvlan driver "
                "default"
            )

    def l3(self, spec: NetworkSpec) -> bool:
        """Modes l3 and l3s."""
        return self.mode(spec) in ("l3", "l3s")

    def parent_in_use(self, other: NetworkState, spec: NetworkSpec,
                      profile: EngineProfile) -> None:
        """One network per parent."""
        # getDummyName(nw.config.ID): "di-" and the first 12 of the ID
        raise DaemonError(f"network di-{other.id[:12]} is already using parent interface "
                          f"{parent(spec)}")

    def endpoint_gateway(self, net: NetworkState, profile: EngineProfile) -> bool:
        """No default route via the gateway in l3 modes, also where IPAM reserved one
        (ipvlan_joinleave.go: a default route via the interface)."""
        return not net.internal and net.options.get("ipvlan_mode") not in ("l3", "l3s")

    def endpoint_mac(self, ipv4: ipaddress.IPv4Interface | None, parent_mac: str,
                     profile: EngineProfile) -> str | None:
        """The parent's."""
        return parent_mac

    def attachment(self, net: NetworkState) -> Attachment:
        """l3/l3s: the parent routes between its children and out (no ARP on the segment);
        l2: a child of the parent."""
        return "l3" if net.options.get("ipvlan_mode", "l2") in ("l3", "l3s") else "parent"

    def default_dev_route(self, net: NetworkState) -> bool:
        """l3/l3s on a network that is not internal: ``default dev eth0``
        (v28.5.2:libnetwork/drivers/ipvlan/ipvlan_joinleave.go Join)."""
        return net.options.get("ipvlan_mode") in ("l3", "l3s") and not net.internal


#: the registered ipvlan driver
IPVLAN = register(IpvlanDriver())
