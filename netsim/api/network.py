"""Networks as ``docker network create`` declares them: :class:`NetworkSpec` (Docker's
``network.CreateRequest``, one model whatever the driver) and its IPAM configuration.

What a driver's options mean (``com.docker.network.bridge.enable_icc``, ``parent``,
``macvlan_mode`` …) is the driver's business, in its module of :mod:`netsim.daemon.drivers`;
:func:`BridgeNetwork`, :func:`MacvlanNetwork`, :func:`IpvlanNetwork` and :func:`OverlayNetwork`
only fix the driver of the spec they make.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from pydantic import ValidationInfo, model_validator
from pydantic_core import PydanticCustomError

from netsim.api.base import ApiModel, IPAddress, IPInterface

__all__ = [
    "DRIVERS_CONTEXT",
    "PREDEFINED_NETWORKS",
    "BridgeNetwork",
    "IpamConfig",
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


class IpamConfig(ApiModel):
    """One ``--subnet`` with its ``--ip-range``, ``--gateway`` and ``--aux-address`` entries."""

    subnet: IPInterface | None = None
    ip_range: IPInterface | None = None
    gateway: IPAddress | None = None
    aux_addresses: dict[str, IPAddress] = {}  # noqa: RUF012 (a pydantic field: copied per model)


#: the constructor each driver's specs show in their repr (:func:`network_constructor`)
_REPR_NAMES: dict[str, str] = {}


class NetworkSpec(ApiModel):
    """``docker network create``'s request, Docker's ``network.CreateRequest``
    (v28.5.2:api/types/network/create_request.go), whatever the driver.

    Its fields, by their API names: ``Name`` (:attr:`name`), ``Driver`` (:attr:`driver`;
    "" is the daemon's default, bridge), ``Scope``, ``EnableIPv4``/``EnableIPv6``
    (:attr:`ipv4`/:attr:`ipv6`), ``IPAM.Driver``/``IPAM.Config``/``IPAM.Options``
    (:attr:`ipam_driver`, :attr:`ipam`, :attr:`ipam_options`), ``Internal``, ``Attachable``,
    ``Ingress``, ``ConfigOnly``, ``ConfigFrom.Network`` (:attr:`config_from`), ``Options``
    (the driver's ``-o`` options) and ``Labels``.
    """

    #: any string: the daemon refuses an empty or blank one in its own words (Engine._check_name)
    name: str
    ipam: tuple[IpamConfig, ...] = ()
    ipam_driver: str = "default"
    ipam_options: dict[str, str] = {}  # noqa: RUF012 (a pydantic field: copied per model)
    internal: bool = False
    attachable: bool = False
    ingress: bool = False
    ipv4: bool = True
    ipv6: bool = False
    options: dict[str, str] = {}  # noqa: RUF012 (a pydantic field: copied per model)
    labels: dict[str, str] = {}  # noqa: RUF012 (a pydantic field: copied per model)
    #: ``--scope``: local, swarm or global; the daemon takes any other word as it is (a
    #: local network: libnetwork/network.go NetworkOptionScope)
    scope: str | None = None
    config_only: bool = False
    config_from: str | None = None
    #: ``-d``: the name of a registered network driver (netsim.daemon.drivers)
    driver: str = "bridge"

    @model_validator(mode="before")
    @classmethod
    def _known_driver(cls, data: Any, info: ValidationInfo) -> Any:
        known = (info.context or {}).get(DRIVERS_CONTEXT) if info is not None else None
        if known is None or not isinstance(data, Mapping):
            return data
        driver = data.get("driver", "bridge")
        if not isinstance(driver, str) or driver not in known:
            raise PydanticCustomError("unknown_driver", "unknown 'driver'", {
                "accepted": ", ".join(repr(d) for d in known)})
        return data

    def __repr_name__(self) -> str:
        return _REPR_NAMES.get(self.driver, type(self).__name__)


def network_constructor(driver: str, name: str, doc: str) -> Callable[..., NetworkSpec]:
    """A function named ``name`` making a :class:`NetworkSpec` of ``driver`` (the spec's repr
    names it)."""

    def make(**fields: Any) -> NetworkSpec:
        return NetworkSpec(**{**fields, "driver": driver})

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
