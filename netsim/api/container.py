"""Containers as ``docker run``/``docker create`` declare them: :class:`ContainerSpec` and its
per-network :class:`EndpointConfig`."""

from __future__ import annotations

import ipaddress
import re

from pydantic import Field, field_validator

from netsim.api.base import ApiModel, IPAddress
from netsim.api.ports import PortBinding, parse_expose, parse_port_specs

__all__ = ["ContainerSpec", "EndpointConfig"]


class EndpointConfig(ApiModel):
    """How a container joins one network: ``--network NAME`` plus its per-network settings."""

    network: str = Field(min_length=1)
    aliases: tuple[str, ...] = ()
    ipv4_address: ipaddress.IPv4Address | None = None
    ipv6_address: ipaddress.IPv6Address | None = None
    links: tuple[str, ...] = ()  # on a user-defined network: container-private DNS aliases
    mac_address: str | None = None
    driver_opts: dict[str, str] = {}  # noqa: RUF012 (a pydantic field: copied per model)
    gw_priority: int = 0
    link_local_ips: tuple[IPAddress, ...] = ()


_NAME_RE = re.compile(r"^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$")


class ContainerSpec(ApiModel):
    """Everything ``docker run``/``docker create`` was told.

    ``networks`` lists the ``--network`` attachments in the order given; the first one is the
    network mode (``bridge``, ``host``, ``none``, ``container:<name|id>`` or a network name).
    Empty means Docker's default (the default bridge). ``links`` are the legacy ``--link``
    values (``name[:alias]``). ``options`` keeps every other flag as given, in order, so that
    ``inspect`` can show it and nothing the user wrote is lost.
    """

    name: str | None = None
    image: str = Field(min_length=1)
    command: tuple[str, ...] = ()
    entrypoint: tuple[str, ...] | None = None
    hostname: str | None = None
    domainname: str | None = None
    networks: tuple[EndpointConfig, ...] = ()
    links: tuple[str, ...] = ()
    publish: tuple[str, ...] = ()
    publish_all: bool = False
    expose: tuple[str, ...] = ()
    add_hosts: tuple[str, ...] = ()
    dns: tuple[str, ...] = ()
    dns_search: tuple[str, ...] = ()
    dns_options: tuple[str, ...] = ()
    mac_address: str | None = None
    interactive: bool = False
    tty: bool = False
    detach: bool = False
    auto_remove: bool = False
    restart: str = "no"
    env: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    options: tuple[tuple[str, str], ...] = ()

    @field_validator("name")
    @classmethod
    def _valid_name(cls, name: str | None) -> str | None:
        # source: moby daemon/names.go validContainerNamePattern
        if name is not None and not _NAME_RE.match(name):
            raise ValueError(
                f"Invalid container name ({name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed"
            )
        return name.lstrip("/") if name else name

    @field_validator("image")
    @classmethod
    def _valid_image(cls, image: str) -> str:
        from netsim.images import parse_image_ref

        parse_image_ref(image)  # distribution/reference's own words on a bad reference
        return image

    @field_validator("publish")
    @classmethod
    def _valid_publish(cls, publish: tuple[str, ...]) -> tuple[str, ...]:
        parse_port_specs(publish)
        return publish

    @field_validator("expose")
    @classmethod
    def _valid_expose(cls, expose: tuple[str, ...]) -> tuple[str, ...]:
        for value in expose:
            parse_expose(value)
        return expose

    @property
    def network_mode(self) -> str:
        """HostConfig.NetworkMode: the first ``--network``; ``bridge`` when none was given."""
        if not self.networks or self.networks[0].network == "default":
            return "bridge"
        return self.networks[0].network

    def port_bindings(self) -> list[PortBinding]:
        return parse_port_specs(self.publish)

    def exposed_ports(self) -> list[str]:
        return [p for value in self.expose for p in parse_expose(value)]
