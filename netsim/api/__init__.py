"""What the user declared: Docker hosts, their LAN, networks, containers and the operations on them.

These are the *inputs* of the engine, exactly as a person gives them to ``docker network create``
and ``docker run`` (or writes them in a scenario file). Nothing here is resolved: no address is
chosen, no ID drawn. :mod:`netsim.daemon` applies :data:`Operation` values, in order, to produce a
:class:`netsim.state.State`.

All models are strict, closed (``extra="forbid"``) and frozen. Addresses use :mod:`ipaddress`
types; subnets are kept as *interfaces* (``10.1.2.3/24`` stays as given) because Docker's daemon,
not its model, rejects host bits with its own words (``invalid subnet 10.1.2.3/24: it should be
10.1.2.0/24``), and netsim must report exactly that.

One module per kind of Docker object: :mod:`netsim.api.network` (networks and their IPAM),
:mod:`netsim.api.ports` (``-p``/``--expose``), :mod:`netsim.api.container` (containers and their
endpoints), :mod:`netsim.api.hosts` (Docker hosts and their LAN), :mod:`netsim.api.operations`
(one model per docker command) and :mod:`netsim.api.scenario` (a whole setup).

>>> from netsim.api import ContainerSpec, EndpointConfig
>>> ContainerSpec(image="nginx", networks=(EndpointConfig(network="web"),)).network_mode
'web'
"""

from __future__ import annotations

from netsim.api.base import ApiModel, IPAddress, IPInterface
from netsim.api.container import ContainerSpec, EndpointConfig
from netsim.api.hosts import DEFAULT_HOST, Host, Lan
from netsim.api.network import (
    PREDEFINED_NETWORKS,
    BridgeNetwork,
    IpamConfig,
    IpvlanNetwork,
    MacvlanNetwork,
    NetworkSpec,
    OverlayNetwork,
    parse_go_bool,
)
from netsim.api.operations import (
    ContainerCreate,
    ContainerPause,
    ContainerPrune,
    ContainerRemove,
    ContainerRename,
    ContainerRestart,
    ContainerStart,
    ContainerStop,
    Expect,
    NetworkConnect,
    NetworkCreate,
    NetworkDisconnect,
    NetworkPrune,
    NetworkRemove,
    Operation,
    SwarmInit,
    SwarmJoin,
    SwarmLeave,
)
from netsim.api.ports import PortBinding, parse_expose, parse_port_spec, parse_port_specs
from netsim.api.scenario import ImageDecl, Scenario

__all__ = [
    "DEFAULT_HOST",
    "PREDEFINED_NETWORKS",
    "ApiModel",
    "BridgeNetwork",
    "ContainerCreate",
    "ContainerPause",
    "ContainerPrune",
    "ContainerRemove",
    "ContainerRename",
    "ContainerRestart",
    "ContainerSpec",
    "ContainerStart",
    "ContainerStop",
    "EndpointConfig",
    "Expect",
    "Host",
    "IPAddress",
    "IPInterface",
    "ImageDecl",
    "IpamConfig",
    "IpvlanNetwork",
    "Lan",
    "MacvlanNetwork",
    "NetworkConnect",
    "NetworkCreate",
    "NetworkDisconnect",
    "NetworkPrune",
    "NetworkRemove",
    "NetworkSpec",
    "Operation",
    "OverlayNetwork",
    "PortBinding",
    "Scenario",
    "SwarmInit",
    "SwarmJoin",
    "SwarmLeave",
    "parse_expose",
    "parse_go_bool",
    "parse_port_spec",
    "parse_port_specs",
]
