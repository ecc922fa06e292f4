"""The null driver: the predefined ``none`` network, whose containers have only their loopback
(Docker's private mode)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from netsim.daemon.drivers.base import Attachment, DrawnAs, DriverDefaults, register

if TYPE_CHECKING:
    from netsim.state import NetworkState

__all__ = ["NULL", "NullDriver"]


class NullDriver(DriverDefaults):
    """``--network none`` (libnetwork/drivers/null: Join does nothing)."""

    name = "null"
    sandbox_interface = False
    private = True
    embedded_dns = False
    #: its one network is predefined: another is refused
    #: (v28.5.2:libnetwork/drivers/null/null.go CreateNetwork: "only one instance of \"null\"
    #: network is allowed")
    user_networks = False
    drawn_as: DrawnAs = None

    def attachment(self, net: NetworkState) -> Attachment:
        """No interface."""
        return "none"


#: the registered null driver
NULL = register(NullDriver())
