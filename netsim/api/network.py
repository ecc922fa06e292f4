"""Networks as ``docker network create`` declares them: :class:`NetworkSpec` (Docker's
``network.CreateRequest``, one model whatever the driver) and its IPAM configuration
(:class:`IPAM`, :class:`IPAMConfig`), in Docker's JSON names (``Name``, ``Driver``,
``IPAM.Config[].Subnet``, ``EnableIPv6``, ``ConfigFrom.Network`` …) as the container side has
them (:mod:`netsim.api`).

What a driver's options mean (``com.docker.network.bridge.enable_icc``, ``parent``,
``macvlan_mode`` …) is the driver's business, in its module of :mod:`netsim.daemon.drivers`;
:func:`BridgeNetwork`, :func:`MacvlanNetwork`, :func:`IpvlanNetwork` and :func:`OverlayNetwork`
only fix the driver of the spec they make; they also take the scenario format's keyword names
(``name=``, ``ipam=(IPAMConfig(…),)``, ``ipam_driver=``, ``ipv6=``, ``config_from=`` …:
:func:`spec_fields`).

>>> spec = BridgeNetwork(name="front", internal=True, ipam=[{"subnet": "10.1.0.0/24"}])
>>> spec.Name, spec.Internal, str(spec.IPAM.Config[0].Subnet)
('front', True, '10.1.0.0/24')
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from pydantic import Field, ValidationInfo, model_validator
from pydantic_core import PydanticCustomError

from netsim.api.base import DockerObject, IPAddress, IPInterface

__all__ = [
    "DRIVERS_CONTEXT",
    "IPAM",
    "PREDEFINED_NETWORKS",
    "BridgeNetwork",
    "ConfigReference",
    "IPAMConfig",
    "IpvlanNetwork",
    "MacvlanNetwork",
    "NetworkSpec",
    "OverlayNetwork",
]

#: Networks every Docker host has from the start (``docker network ls`` on a fresh engine).
PREDEFINED_NETWORKS = ("bridge", "host", "none")

#: the key of a validation context (``model_validate(…, context={DRIVERS_CONTEXT: names})``)
#: naming the drivers a network may have: a scenario file names one of them or is refused when
#: read (netsim.io.scenario); without it any driver is taken, and the daemon refuses one it
#: does not know in Docker's words (``plugin "foo" not found``)
DRIVERS_CONTEXT = "network_drivers"


class IPAMConfig(DockerObject):
    """network.IPAMConfig (docker-v29.1.0:api/types/network/ipam.go): one ``--subnet`` with
    its ``--ip-range``, ``--gateway`` and ``--aux-address`` entries."""

    Subnet: IPInterface | None = None
    IPRange: IPInterface | None = None
    Gateway: IPAddress | None = None
    AuxiliaryAddresses: dict[str, IPAddress] = Field(default_factory=dict)


class IPAM(DockerObject):
    """network.IPAM (docker-v29.1.0:api/types/network/ipam.go): the IPAM driver
    (``--ipam-driver``), its options (``--ipam-opt``) and the address pools."""

    # given here, the model's config keeps pydantic from reading the field ``Config`` as a
    # (deprecated) config class; the same settings as every API model's
    model_config = DockerObject.model_config

    Driver: str = "default"
    #: None: the client sent no map (Compose's create request); the docker CLI sends one
    Options: dict[str, str] | None = Field(default_factory=dict)
    Config: tuple[IPAMConfig, ...] = ()


class ConfigReference(DockerObject):
    """network.ConfigReference (docker-v29.1.0, package api/types/network): the config-only
    network a network takes its configuration from (``--config-from``)."""

    Network: str


_Ipam = IPAM  # the type of NetworkSpec.IPAM (a field may not share its type's name)

#: the constructor each driver's specs show in their repr (:func:`network_constructor`)
_REPR_NAMES: dict[str, str] = {}


class NetworkSpec(DockerObject):
    """``docker network create``'s request, Docker's ``network.CreateRequest``
    (docker-v29.1.0:api/types/network/network_types.go), whatever the driver.

    ``Driver`` "" is the daemon's default, bridge; ``EnableIPv4``/``EnableIPv6`` are what the
    request asks for once the CLI's flags are read (IPv4 on, IPv6 off unless asked);
    ``Options`` are the driver's ``-o`` options.
    """

    #: any string: the daemon refuses an empty or blank one in its own words (Engine._check_name)
    Name: str
    #: ``-d``: the name of a registered network driver (netsim.daemon.drivers)
    Driver: str = "bridge"
    #: ``--scope``: local, swarm or global; the daemon takes any other word as it is (a
    #: local network: libnetwork/network.go NetworkOptionScope)
    Scope: str | None = None
    EnableIPv4: bool = True
    EnableIPv6: bool = False
    IPAM: _Ipam = Field(default_factory=_Ipam)
    Internal: bool = False
    Attachable: bool = False
    Ingress: bool = False
    ConfigOnly: bool = False
    ConfigFrom: ConfigReference | None = None
    Options: dict[str, str] = Field(default_factory=dict)
    Labels: dict[str, str] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _known_driver(cls, data: Any, info: ValidationInfo) -> Any:
        return check_driver(data, "Driver", info)

    def __repr_name__(self) -> str:
        return _REPR_NAMES.get(self.Driver, type(self).__name__)


def check_driver(data: Any, key: str, info: ValidationInfo | None) -> Any:
    """``data`` if its driver (``data[key]``) is one of those the validation context names
    (:data:`DRIVERS_CONTEXT`), else the error ``unknown 'driver'``."""
    known = (info.context or {}).get(DRIVERS_CONTEXT) if info is not None else None
    if known is None or not isinstance(data, Mapping):
        return data
    driver = data.get(key, "bridge")
    if not isinstance(driver, str) or driver not in known:
        raise PydanticCustomError("unknown_driver", "unknown 'driver'", {
            "accepted": ", ".join(repr(d) for d in known)})
    return data


#: the keyword names :func:`BridgeNetwork` and the others also take (the scenario format's
#: words), by the field of :class:`NetworkSpec` they set
_KWARGS = {"name": "Name", "driver": "Driver", "scope": "Scope", "ipv4": "EnableIPv4",
           "ipv6": "EnableIPv6", "internal": "Internal", "attachable": "Attachable",
           "ingress": "Ingress", "config_only": "ConfigOnly", "options": "Options",
           "labels": "Labels"}
_IPAM_KWARGS = {"ipam": "Config", "ipam_driver": "Driver", "ipam_options": "Options"}
_POOL_KWARGS = {"subnet": "Subnet", "ip_range": "IPRange", "gateway": "Gateway",
                "aux_addresses": "AuxiliaryAddresses"}


def _pool(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {_POOL_KWARGS.get(k, k): v for k, v in value.items()}
    return value


def spec_fields(fields: Mapping[str, Any]) -> dict[str, Any]:
    """:class:`NetworkSpec`'s fields for keyword arguments in either its names or the
    scenario format's (``name``, ``ipam``, ``ipam_driver``, ``ipv6``, ``config_from`` …)."""
    out: dict[str, Any] = {}
    ipam: dict[str, Any] = {}
    for key, value in fields.items():
        if key in _IPAM_KWARGS:
            ipam[_IPAM_KWARGS[key]] = (tuple(_pool(v) for v in value) if key == "ipam"
                                       else value)
        elif key == "config_from":
            out["ConfigFrom"] = None if value is None else {"Network": value}
        else:
            out[_KWARGS.get(key, key)] = value
    if ipam:
        base = out.get("IPAM")
        if isinstance(base, IPAM):
            base = base.model_dump()
        out["IPAM"] = {**(base or {}), **ipam}
    return out


def network_constructor(driver: str, name: str, doc: str) -> Callable[..., NetworkSpec]:
    """A function named ``name`` making a :class:`NetworkSpec` of ``driver`` (the spec's repr
    names it)."""

    def make(**fields: Any) -> NetworkSpec:
        return NetworkSpec(**{**spec_fields(fields), "Driver": driver})

    make.__name__ = make.__qualname__ = name
    make.__doc__ = doc
    _REPR_NAMES[driver] = name
    return make


BridgeNetwork = network_constructor(
    "bridge", "BridgeNetwork", "A user-defined bridge network (``docker network create [-d "
    "bridge]``).")
MacvlanNetwork = network_constructor(
    "macvlan", "MacvlanNetwork", "A macvlan network: containers appear as machines on the parent "
    "NIC's LAN.")
IpvlanNetwork = network_constructor(
    "ipvlan", "IpvlanNetwork", "An ipvlan network (l2, l3 or l3s); containers share the "
    "parent's MAC.")
OverlayNetwork = network_constructor(
    "overlay", "OverlayNetwork", "A swarm-scoped overlay network spanning Docker hosts.")
