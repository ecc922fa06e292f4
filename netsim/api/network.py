"""Networks as ``docker network create`` declares them: one model per driver, their IPAM
configuration, and Go's ``strconv.ParseBool`` for boolean driver options."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from netsim.api.base import ApiModel, IPAddress, IPInterface

__all__ = [
    "PREDEFINED_NETWORKS",
    "BridgeNetwork",
    "IpamConfig",
    "IpvlanNetwork",
    "MacvlanNetwork",
    "NetworkSpec",
    "OverlayNetwork",
    "parse_go_bool",
]

#: Networks every Docker host has from the start (``docker network ls`` on a fresh engine).
PREDEFINED_NETWORKS = ("bridge", "host", "none")


def parse_go_bool(value: str) -> bool:
    """Go's ``strconv.ParseBool``, which Docker uses for boolean driver options."""
    if value in ("1", "t", "T", "TRUE", "true", "True"):
        return True
    if value in ("0", "f", "F", "FALSE", "false", "False"):
        return False
    raise ValueError(f'strconv.ParseBool: parsing "{value}": invalid syntax')


class IpamConfig(ApiModel):
    """One ``--subnet`` with its ``--ip-range``, ``--gateway`` and ``--aux-address`` entries."""

    subnet: IPInterface | None = None
    ip_range: IPInterface | None = None
    gateway: IPAddress | None = None
    aux_addresses: dict[str, IPAddress] = {}  # noqa: RUF012 (a pydantic field: copied per model)


class _NetworkBase(ApiModel):
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

    def _bool_option(self, key: str, default: bool) -> bool:
        value = self.options.get(key)
        return default if value is None else parse_go_bool(value)


class BridgeNetwork(_NetworkBase):
    """A user-defined bridge network (``docker network create [-d bridge]``)."""

    driver: Literal["bridge"] = "bridge"

    @property
    def icc(self) -> bool:
        # docs: engine/network/drivers/bridge.md, option table
        return self._bool_option("com.docker.network.bridge.enable_icc", True)

    @property
    def masquerade(self) -> bool:
        return self._bool_option("com.docker.network.bridge.enable_ip_masquerade", True)

    @property
    def bridge_name(self) -> str | None:
        return self.options.get("com.docker.network.bridge.name")

    @property
    def gateway_mode_ipv4(self) -> str:
        return self.options.get("com.docker.network.bridge.gateway_mode_ipv4", "nat")

    @property
    def host_binding_ipv4(self) -> str | None:
        return self.options.get("com.docker.network.bridge.host_binding_ipv4")


class MacvlanNetwork(_NetworkBase):
    """A macvlan network: containers appear as machines on the parent NIC's LAN."""

    driver: Literal["macvlan"] = "macvlan"

    @property
    def parent(self) -> str | None:
        return self.options.get("parent") or None

    @property
    def mode(self) -> str:
        return self.options.get("macvlan_mode") or "bridge"


class IpvlanNetwork(_NetworkBase):
    """An ipvlan network (l2, l3 or l3s); containers share the parent's MAC."""

    driver: Literal["ipvlan"] = "ipvlan"

    @property
    def parent(self) -> str | None:
        return self.options.get("parent") or None

    @property
    def mode(self) -> str:
        return self.options.get("ipvlan_mode") or "l2"


class OverlayNetwork(_NetworkBase):
    """A swarm-scoped overlay network spanning Docker hosts."""

    driver: Literal["overlay"] = "overlay"


NetworkSpec = Annotated[
    BridgeNetwork | MacvlanNetwork | IpvlanNetwork | OverlayNetwork,
    Field(discriminator="driver"),
]
