"""The host driver: the predefined ``host`` network, whose containers use the host's own network
namespace (no interface, address or published port of their own)."""

from __future__ import annotations

from netsim.daemon.drivers.base import DriverDefaults, register

__all__ = ["HOST", "HostDriver"]


class HostDriver(DriverDefaults):
    """``--network host`` (libnetwork/drivers/host: Join does nothing)."""

    name = "host"
    sandbox_interface = False
    host_namespace = True
    embedded_dns = False


#: the registered host driver
HOST = register(HostDriver())
