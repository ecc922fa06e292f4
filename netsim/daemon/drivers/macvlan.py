"""The macvlan driver: containers appear as machines of the parent's LAN, each with its own MAC
(libnetwork/drivers/macvlan)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from netsim.daemon.drivers.base import register
from netsim.daemon.drivers.vlan import VlanDriver, parent
from netsim.errors import DaemonError

if TYPE_CHECKING:
    from netsim.api import NetworkSpec
    from netsim.state import NetworkState
    from netsim.versions import EngineProfile

__all__ = ["MACVLAN", "MacvlanDriver"]


class MacvlanDriver(VlanDriver):
    """``-d macvlan`` (modes bridge, private, vepa, passthru)."""

    name = "macvlan"
    default_mode = "bridge"

    def check_mode(self, spec: NetworkSpec, profile: EngineProfile) -> None:
        """macvlan_network.go parseNetworkOptions: ``macvlan_mode``."""
        mode = self.mode(spec)
        if mode not in ("bridge", "private", "vepa", "passthru"):
            raise DaemonError(
                f"requested macvlan mode '{mode}' is not valid, 'bridge' mode is the "
                "macvlan driver default"
            )

    def parent_in_use(self, other: NetworkState, spec: NetworkSpec,
                      profile: EngineProfile) -> None:
        """One network per parent where the driver says so (EngineProfile.
        macvlan_exclusive_parent), else none in passthru mode beside another."""
        link = parent(spec)
        if profile.macvlan_exclusive_parent:
            raise DaemonError(f"network dm-{other.id[:12]} is already using parent interface "
                              f"{link}")
        if self.mode(spec) == "passthru":
            raise DaemonError(
                f"cannot use mode passthru, macvlan network {other.id} is already using "
                f"parent interface {link}"
            )
        if other.options.get("macvlan_mode") == "passthru":
            raise DaemonError(
                f"macvlan network {other.id} is already using parent interface {link} in "
                "mode passthru"
            )

    def missing_parent_message(self, profile: EngineProfile) -> str:
        """EngineProfile.macvlan_missing_parent_message."""
        return profile.macvlan_missing_parent_message

    def private_children(self, net: NetworkState) -> bool:
        """``macvlan_mode=private``: Linux drivers/net/macvlan.c macvlan_queue_xmit delivers
        nothing from a private child to a sibling (docs: engine/network/drivers/macvlan.md)."""
        return net.options.get("macvlan_mode") == "private"


#: the registered macvlan driver
MACVLAN = register(MacvlanDriver())
