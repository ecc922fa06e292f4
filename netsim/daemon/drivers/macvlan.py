"""The macvlan driver: containers appear as machines of the parent's LAN, each with its own MAC
(libnetwork/drivers/macvlan)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from netsim.api import MacvlanNetwork
from netsim.daemon.drivers.base import register
from netsim.daemon.drivers.vlan import VlanDriver
from netsim.errors import DaemonError

if TYPE_CHECKING:
    from netsim.api import IpvlanNetwork
    from netsim.state import NetworkState
    from netsim.versions import EngineProfile

__all__ = ["MACVLAN", "MacvlanDriver"]


class MacvlanDriver(VlanDriver):
    """``-d macvlan`` (modes bridge, private, vepa, passthru)."""

    name = "macvlan"

    def check_mode(self, spec: MacvlanNetwork | IpvlanNetwork, profile: EngineProfile) -> None:
        """macvlan_network.go parseNetworkOptions: ``macvlan_mode``."""
        if spec.mode not in ("bridge", "private", "vepa", "passthru"):
            raise DaemonError(
                f"requested macvlan mode '{spec.mode}' is not valid, 'bridge' mode is the "
                "macvlan driver default"
            )

    def parent_in_use(self, other: NetworkState, spec: MacvlanNetwork | IpvlanNetwork,
                      profile: EngineProfile) -> None:
        """One network per parent where the driver says so (EngineProfile.
        macvlan_exclusive_parent), else none in passthru mode beside another."""
        parent = spec.parent
        if profile.macvlan_exclusive_parent:
            raise DaemonError(f"network dm-{other.id[:12]} is already using parent interface "
                              f"{parent}")
        if isinstance(spec, MacvlanNetwork) and spec.mode == "passthru":
            raise DaemonError(
                f"cannot use mode passthru, macvlan network {other.id} is already using "
                f"parent interface {parent}"
            )
        if other.options.get("macvlan_mode") == "passthru":
            raise DaemonError(
                f"macvlan network {other.id} is already using parent interface {parent} in "
                "mode passthru"
            )

    def missing_parent_message(self, profile: EngineProfile) -> str:
        """EngineProfile.macvlan_missing_parent_message."""
        return profile.macvlan_missing_parent_message


#: the registered macvlan driver
MACVLAN = register(MacvlanDriver())
