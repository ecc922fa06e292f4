"""The host driver: the predefined ``host`` network, whose containers use the host's own network
namespace (no interface, address or published port of their own)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from netsim.daemon.drivers.base import Attachment, DrawnAs, DriverDefaults, register

if TYPE_CHECKING:
    from netsim.state import NetworkState

__all__ = ["HOST", "HostDriver"]


class HostDriver(DriverDefaults):
    """``--network host`` (libnetwork/drivers/host: Join does nothing)."""

    name = "host"
    sandbox_interface = False
    host_namespace = True
    embedded_dns = False
    #: its one network is predefined: another is refused
    #: (v28.5.2:libnetwork/drivers/host/host.go CreateNetwork: "only one instance of \"host\"
    #: network is allowed")
    user_networks = False
    drawn_as: DrawnAs = None

    def attachment(self, net: NetworkState) -> Attachment:
        """No interface."""
        return "none"


#: the registered host driver
HOST = register(HostDriver())
