"""Network drivers, one module each, behind one protocol (:class:`NetworkDriver`).

Importing this package registers the built-in drivers: bridge, host, null, macvlan, ipvlan and
overlay (:mod:`.vlan` holds what macvlan and ipvlan share). :mod:`.container` is container
mode, which is a network mode, not a driver (its docstring says why). A new driver is a new
module that calls :func:`register`; the daemon then finds it by its name with :func:`get`.
"""

from __future__ import annotations

from netsim.daemon.drivers.base import (
    Attachment,
    DrawnAs,
    DriverDefaults,
    HostLinkKind,
    NetworkDriver,
    get,
    register,
    registered,
    unregister,
)
from netsim.daemon.drivers.bridge import BRIDGE
from netsim.daemon.drivers.container import CONTAINER_MODE, ContainerMode
from netsim.daemon.drivers.host import HOST
from netsim.daemon.drivers.ipvlan import IPVLAN
from netsim.daemon.drivers.macvlan import MACVLAN
from netsim.daemon.drivers.null import NULL
from netsim.daemon.drivers.overlay import OVERLAY

__all__ = [
    "BRIDGE",
    "BUILTIN",
    "CONTAINER_MODE",
    "HOST",
    "IPVLAN",
    "MACVLAN",
    "NULL",
    "OVERLAY",
    "Attachment",
    "ContainerMode",
    "DrawnAs",
    "DriverDefaults",
    "HostLinkKind",
    "NetworkDriver",
    "creatable",
    "get",
    "register",
    "registered",
    "unregister",
]

#: the drivers netsim models, by name
BUILTIN: dict[str, NetworkDriver] = {d.name: d for d in (BRIDGE, HOST, NULL, MACVLAN, IPVLAN,
                                                          OVERLAY)}


def creatable() -> tuple[str, ...]:
    """The drivers ``docker network create -d`` takes (host and null have only their
    predefined network): the built-in ones, then any other registered, in registration order."""
    found = {**BUILTIN, **registered()}
    return tuple(name for name, d in found.items() if d.user_networks and name in registered())
