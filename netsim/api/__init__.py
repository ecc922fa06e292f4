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
:mod:`netsim.api.ports` (published and exposed ports), :mod:`netsim.api.container` (the create
request of a container: its ``Config`` and ``NetworkingConfig``), :mod:`netsim.api.hostconfig`
(its ``HostConfig``), :mod:`netsim.api.hosts` (Docker hosts and their LAN),
:mod:`netsim.api.operations` (one model per docker command) and :mod:`netsim.api.scenario` (a
whole setup).

A container is what Docker's API receives, not a command line: no field holds a ``docker run``
flag as typed. The docker CLI (:mod:`netsim.dockercli.container_opts`) and the scenario reader
(:mod:`netsim.io.scenario_v1`) turn their inputs into these objects. Their fields carry Docker's
JSON names verbatim (``HostConfig.PortBindings``, ``Config.ExposedPorts``,
``EndpointSettings.IPAMConfig.IPv4Address``, ``Resources.NanoCpus`` …; and so do a network's
create request, ``NetworkSpec.IPAM.Config[].Subnet``, and a connect request,
``NetworkConnect.EndpointConfig``), not snake_case
aliases: the objects then read like the Engine API reference and like ``docker inspect``, which
prints them with only the daemon's defaults and the engine's shape added, and one name serves
the Python attribute, the scenario file and the JSON alike. ``X | None`` keeps "not given"
apart from a zero value where Docker does (a pointer in Go, or a field the CLI sets only when
its flag is given: ``Init``, ``StopTimeout``, ``Healthcheck``, ``MaskedPaths`` …).

>>> from netsim.api import ContainerConfig, ContainerSpec, HostConfig
>>> spec = ContainerSpec(Config=ContainerConfig(Image="nginx"),
...                      HostConfig=HostConfig(NetworkMode="web"))
>>> spec.network_mode, [name for name, _ in spec.attachments()]
('web', ['web'])
"""

from __future__ import annotations

from netsim.api.base import ApiModel, IPAddress, IPInterface
from netsim.api.container import (
    NO_ENDPOINT_SETTINGS,
    ContainerConfig,
    ContainerSpec,
    EndpointConfig,
    EndpointIPAMConfig,
    EndpointSettings,
    HealthConfig,
    NetworkingConfig,
    is_user_defined_mode,
    valid_container_name,
)
from netsim.api.hostconfig import (
    BindOptions,
    DeviceMapping,
    DeviceRequest,
    Driver,
    HostConfig,
    LogConfig,
    Mount,
    Resources,
    RestartPolicy,
    ThrottleDevice,
    TmpfsOptions,
    Ulimit,
    VolumeOptions,
    WeightDevice,
)
from netsim.api.hosts import DEFAULT_HOST, AddressPool, DaemonOptions, Host, Lan
from netsim.api.network import (
    IPAM,
    PREDEFINED_NETWORKS,
    BridgeNetwork,
    ConfigReference,
    IPAMConfig,
    IpvlanNetwork,
    MacvlanNetwork,
    NetworkSpec,
    OverlayNetwork,
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
from netsim.api.ports import KeySet, PortBinding, PortMap, PortSet, Proto, port_key_parts
from netsim.api.scenario import ContainerDecl, ImageDecl, Scenario

__all__ = [
    "DEFAULT_HOST",
    "IPAM",
    "NO_ENDPOINT_SETTINGS",
    "PREDEFINED_NETWORKS",
    "AddressPool",
    "ApiModel",
    "BindOptions",
    "BridgeNetwork",
    "ConfigReference",
    "ContainerConfig",
    "ContainerCreate",
    "ContainerDecl",
    "ContainerPause",
    "ContainerPrune",
    "ContainerRemove",
    "ContainerRename",
    "ContainerRestart",
    "ContainerSpec",
    "ContainerStart",
    "ContainerStop",
    "DaemonOptions",
    "DeviceMapping",
    "DeviceRequest",
    "Driver",
    "EndpointConfig",
    "EndpointIPAMConfig",
    "EndpointSettings",
    "Expect",
    "HealthConfig",
    "Host",
    "HostConfig",
    "IPAMConfig",
    "IPAddress",
    "IPInterface",
    "ImageDecl",
    "IpvlanNetwork",
    "KeySet",
    "Lan",
    "LogConfig",
    "MacvlanNetwork",
    "Mount",
    "NetworkConnect",
    "NetworkCreate",
    "NetworkDisconnect",
    "NetworkPrune",
    "NetworkRemove",
    "NetworkSpec",
    "NetworkingConfig",
    "Operation",
    "OverlayNetwork",
    "PortBinding",
    "PortMap",
    "PortSet",
    "Proto",
    "Resources",
    "RestartPolicy",
    "Scenario",
    "SwarmInit",
    "SwarmJoin",
    "SwarmLeave",
    "ThrottleDevice",
    "TmpfsOptions",
    "Ulimit",
    "VolumeOptions",
    "WeightDevice",
    "is_user_defined_mode",
    "port_key_parts",
    "valid_container_name",
]
