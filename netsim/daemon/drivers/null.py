"""The null driver: the predefined ``none`` network, whose containers have only their loopback
(Docker's private mode)."""

from __future__ import annotations

from netsim.daemon.drivers.base import DriverDefaults, register

__all__ = ["NULL", "NullDriver"]


class NullDriver(DriverDefaults):
    """``--network none`` (libnetwork/drivers/null: Join does nothing)."""

    name = "null"
    sandbox_interface = False
    private = True
    embedded_dns = False


#: the registered null driver
NULL = register(NullDriver())
