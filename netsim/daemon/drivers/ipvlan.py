"""The ipvlan driver: containers share the parent's MAC; l2 (bridged) or l3/l3s (routed)
(libnetwork/drivers/ipvlan)."""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING

from netsim.api import IpvlanNetwork
from netsim.daemon.drivers.base import register
from netsim.daemon.drivers.vlan import VlanDriver
from netsim.errors import DaemonError

if TYPE_CHECKING:
    from netsim.api import MacvlanNetwork
    from netsim.state import NetworkState
    from netsim.versions import EngineProfile

__all__ = ["IPVLAN", "IpvlanDriver"]


class IpvlanDriver(VlanDriver):
    """``-d ipvlan`` (modes l2, l3, l3s; flags bridge, private, vepa)."""

    name = "ipvlan"

    def check_mode(self, spec: MacvlanNetwork | IpvlanNetwork, profile: EngineProfile) -> None:
        """ipvlan_network.go parseNetworkOptions: ``ipvlan_mode``, ``ipvlan_flag``; a driver
        without mode l3s nor ``ipvlan_flag`` leaves the flag unread
        (EngineProfile.ipvlan_l3s_and_flags)."""
        l3s_and_flags = profile.ipvlan_l3s_and_flags
        if spec.mode not in (("l2", "l3", "l3s") if l3s_and_flags else ("l2", "l3")):
            raise DaemonError(
                f"requested ipvlan mode '{spec.mode}' is not valid, 'l2' mode is the ipvlan "
                "driver default"
            )
        flag = spec.options.get("ipvlan_flag") or "bridge"
        if l3s_and_flags and flag not in ("bridge", "private", "vepa"):
            raise DaemonError(
                f"requested ipvlan flag '{flag}' is not valid, 'bridge' is the ipvlan driver "
                "default"
            )

    def l3(self, spec: MacvlanNetwork | IpvlanNetwork) -> bool:
        """Modes l3 and l3s."""
        return isinstance(spec, IpvlanNetwork) and spec.mode in ("l3", "l3s")

    def parent_in_use(self, other: NetworkState, spec: MacvlanNetwork | IpvlanNetwork,
                      profile: EngineProfile) -> None:
        """One network per parent."""
        # getDummyName(nw.config.ID): "di-" and the first 12 of the ID
        raise DaemonError(f"network di-{other.id[:12]} is already using parent interface "
                          f"{spec.parent}")

    def endpoint_gateway(self, net: NetworkState, profile: EngineProfile) -> bool:
        """No default route via the gateway in l3 modes, also where IPAM reserved one
        (ipvlan_joinleave.go: a default route via the interface)."""
        return not net.internal and net.options.get("ipvlan_mode") not in ("l3", "l3s")

    def endpoint_mac(self, ipv4: ipaddress.IPv4Interface | None, parent_mac: str,
                     profile: EngineProfile) -> str | None:
        """The parent's."""
        return parent_mac


#: the registered ipvlan driver
IPVLAN = register(IpvlanDriver())
