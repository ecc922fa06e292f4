"""Containers as Docker's API creates them: :class:`ContainerSpec` (``container.CreateRequest``
and its ``?name=``) made of :class:`ContainerConfig` (``Config``), :class:`HostConfig`
(:mod:`netsim.api.hostconfig`) and :class:`NetworkingConfig` (one :class:`EndpointSettings`
per network), as moby docker-v29.1.0 api/types/container/{config,create_request}.go and
api/types/network/endpoint.go define them.

:class:`EndpointConfig` is what a reader hands over for one network before it becomes
:class:`EndpointSettings`: docker/cli's ``opts.NetworkAttachmentOpts`` (``--network
name=…,alias=…,ip=…``), the scenario format's ``networks`` entries and ``docker network
connect``'s request.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping

from pydantic import Field, field_validator

from netsim.api.base import ApiModel, DockerObject, IPAddress
from netsim.api.hostconfig import HostConfig
from netsim.api.ports import KeySet, PortSet
from netsim.api.trusted import build

__all__ = [
    "NO_ENDPOINT_SETTINGS",
    "ContainerConfig",
    "ContainerSpec",
    "EndpointConfig",
    "EndpointIPAMConfig",
    "EndpointSettings",
    "HealthConfig",
    "NetworkingConfig",
    "is_user_defined_mode",
    "valid_container_name",
]


def is_user_defined_mode(mode: str) -> bool:
    """container.NetworkMode(mode).IsUserDefined(): a network name, not ``default``,
    ``bridge``, ``host``, ``none`` or ``container:…``."""
    return mode not in ("default", "bridge", "host", "none") and not mode.startswith(
        "container:")


class EndpointIPAMConfig(DockerObject):
    """network.EndpointIPAMConfig: the addresses asked for on one network (``--ip``,
    ``--ip6``, ``--link-local-ip``)."""

    IPv4Address: ipaddress.IPv4Address | None = None
    IPv6Address: ipaddress.IPv6Address | None = None
    LinkLocalIPs: tuple[IPAddress, ...] = ()


class EndpointSettings(DockerObject):
    """network.EndpointSettings, the part a create or connect request carries: how a
    container joins one network. ``Links`` on a user-defined network are container-private DNS
    aliases (``--link``); ``MacAddress`` "" lets the driver choose."""

    IPAMConfig: EndpointIPAMConfig | None = None
    Links: tuple[str, ...] = ()
    Aliases: tuple[str, ...] = ()
    DriverOpts: dict[str, str] = Field(default_factory=dict)
    GwPriority: int = 0
    MacAddress: str = ""

    @property
    def ipv4_address(self) -> ipaddress.IPv4Address | None:
        """``IPAMConfig.IPv4Address`` (None: none asked for)."""
        return self.IPAMConfig.IPv4Address if self.IPAMConfig is not None else None

    @property
    def ipv6_address(self) -> ipaddress.IPv6Address | None:
        """``IPAMConfig.IPv6Address`` (None: none asked for)."""
        return self.IPAMConfig.IPv6Address if self.IPAMConfig is not None else None

    @property
    def link_local_ips(self) -> tuple[IPAddress, ...]:
        """``IPAMConfig.LinkLocalIPs``."""
        return self.IPAMConfig.LinkLocalIPs if self.IPAMConfig is not None else ()


class EndpointConfig(ApiModel):
    """One network attachment as a reader gives it (docker/cli ``opts.NetworkAttachmentOpts``:
    ``--network NAME`` and its per-network settings); :meth:`settings` is what the request
    carries for it (cli/command/container/opts.go parseNetworkAttachmentOpt)."""

    network: str = Field(min_length=1)
    aliases: tuple[str, ...] = ()
    ipv4_address: ipaddress.IPv4Address | None = None
    ipv6_address: ipaddress.IPv6Address | None = None
    links: tuple[str, ...] = ()  # on a user-defined network: container-private DNS aliases
    mac_address: str | None = None
    driver_opts: dict[str, str] = Field(default_factory=dict)
    gw_priority: int = 0
    link_local_ips: tuple[IPAddress, ...] = ()

    def settings(self) -> EndpointSettings:
        """The EndpointSettings for this attachment (parseNetworkAttachmentOpt: an
        IPAMConfig only when an address is given)."""
        ipam = None
        if self.ipv4_address is not None or self.ipv6_address is not None \
                or self.link_local_ips:
            ipam = build(EndpointIPAMConfig, IPv4Address=self.ipv4_address,
                         IPv6Address=self.ipv6_address, LinkLocalIPs=self.link_local_ips)
        # from fields this model validated: nothing to validate again (netsim.api.trusted)
        return build(EndpointSettings, IPAMConfig=ipam, Links=self.links, Aliases=self.aliases,
                     DriverOpts=dict(self.driver_opts), GwPriority=self.gw_priority,
                     MacAddress=self.mac_address or "")

    @classmethod
    def of(cls, network: str, settings: EndpointSettings) -> EndpointConfig:
        """The attachment to ``network`` with these settings (the inverse of
        :meth:`settings`)."""
        return cls(network=network, aliases=settings.Aliases,
                   ipv4_address=settings.ipv4_address, ipv6_address=settings.ipv6_address,
                   links=settings.Links, mac_address=settings.MacAddress or None,
                   driver_opts=dict(settings.DriverOpts), gw_priority=settings.GwPriority,
                   link_local_ips=settings.link_local_ips)


#: an endpoint with no settings of its own (frozen: shared)
NO_ENDPOINT_SETTINGS = EndpointSettings()


class NetworkingConfig(DockerObject):
    """network.NetworkingConfig: the networks' endpoint settings, by network name, in the
    order the networks were given (the docker CLI leaves out a single ``--network``'s entry
    when it has no settings, and sends ``default`` when no ``--network`` was given)."""

    EndpointsConfig: dict[str, EndpointSettings] = Field(default_factory=dict)


class HealthConfig(DockerObject):
    """container.HealthConfig (``--health-*``, ``--no-healthcheck``); durations in
    nanoseconds, 0 unset."""

    Test: tuple[str, ...] | None = None
    Interval: int = 0
    Timeout: int = 0
    StartPeriod: int = 0
    StartInterval: int = 0
    Retries: int = 0


_NAME_RE = re.compile(r"^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$")


def valid_container_name(name: str | None) -> str | None:
    """A container name as the daemon takes it (a leading ``/`` dropped); ValueError in its
    words otherwise (moby daemon/names.go validContainerNamePattern)."""
    if name is not None and not _NAME_RE.match(name):
        raise ValueError(
            f"Invalid container name ({name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed"
        )
    return name.lstrip("/") if name else name


class ContainerConfig(DockerObject):
    """container.Config: what the container runs and how it is attached to.

    ``Cmd`` empty means none given (the image's CMD); ``Entrypoint`` None means none given
    (the image's ENTRYPOINT), ``()`` an ``--entrypoint ""`` reset (the CLI sends ``[""]``,
    which the model reads alike). ``MacAddress`` is the container-wide one of API < 1.44
    (EngineProfile.mac_address_per_container); the CLI puts ``--mac-address`` on the first
    network's endpoint.
    """

    Hostname: str = ""
    Domainname: str = ""
    User: str = ""
    AttachStdin: bool = False
    AttachStdout: bool = False
    AttachStderr: bool = False
    ExposedPorts: PortSet = ()
    Tty: bool = False
    OpenStdin: bool = False
    StdinOnce: bool = False
    Env: tuple[str, ...] = ()
    Cmd: tuple[str, ...] = ()
    Healthcheck: HealthConfig | None = None
    Image: str = Field(min_length=1)
    Volumes: KeySet = ()
    WorkingDir: str = ""
    Entrypoint: tuple[str, ...] | None = None
    MacAddress: str = ""
    Labels: dict[str, str] = Field(default_factory=dict)
    StopSignal: str = ""
    StopTimeout: int | None = None

    @field_validator("Image")
    @classmethod
    def _valid_image(cls, image: str) -> str:
        from netsim.images import parse_image_ref

        parse_image_ref(image)  # distribution/reference's own words on a bad reference
        return image

    @field_validator("Cmd", mode="before")
    @classmethod
    def _no_cmd(cls, value: object) -> object:
        return () if value is None else value

    @field_validator("Entrypoint")
    @classmethod
    def _reset(cls, value: tuple[str, ...] | None) -> tuple[str, ...] | None:
        return () if value == ("",) else value


# the classes again under other names: a field named like its type hides the type in the class
_HostConfig = HostConfig
_NetworkingConfig = NetworkingConfig


class ContainerSpec(DockerObject):
    """What ``docker create``/``docker run`` send the daemon: ``container.CreateRequest``
    (``Config``, ``HostConfig``, ``NetworkingConfig``) and the ``?name=`` of the request."""

    name: str | None = None
    Config: ContainerConfig
    HostConfig: _HostConfig = Field(default_factory=_HostConfig)
    NetworkingConfig: _NetworkingConfig = Field(default_factory=_NetworkingConfig)

    @field_validator("name")
    @classmethod
    def _valid_name(cls, name: str | None) -> str | None:
        return valid_container_name(name)

    @property
    def network_mode(self) -> str:
        """HostConfig.NetworkMode as the daemon reads it: ``bridge`` for ``default``."""
        mode = self.HostConfig.NetworkMode
        return "bridge" if mode in ("", "default") else mode

    def attachments(self) -> tuple[tuple[str, EndpointSettings], ...]:
        """The networks the daemon attaches the container to at create, in order: the
        network mode's first (its settings, or none), then every other EndpointsConfig entry
        (daemon/create.go updateContainerNetworkSettings). ``default`` is not translated."""
        configs: Mapping[str, EndpointSettings] = self.NetworkingConfig.EndpointsConfig
        mode = self.HostConfig.NetworkMode or "default"
        first = configs.get(mode, NO_ENDPOINT_SETTINGS)
        return ((mode, first), *((k, v) for k, v in configs.items() if k != mode))
