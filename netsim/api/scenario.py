"""A whole setup: the hosts, their LAN, image facts and the operations in order."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from netsim import versions
from netsim.api.base import ApiModel
from netsim.api.hosts import DEFAULT_HOST, Host, Lan
from netsim.api.operations import Operation
from netsim.errors import InputError

__all__ = ["ContainerDecl", "ImageDecl", "Scenario"]


def _ports(value: tuple[str, ...]) -> tuple[str, ...]:
    """Ports as the catalogue writes them (``80`` → ``80/tcp``; netsim.images.declared)."""
    from netsim.images.declared import parse_ports

    return parse_ports(",".join(value)) if value else value


def _tools(value: tuple[str, ...]) -> tuple[str, ...]:
    """A tool list as ``NAME=IMPL``/shell entries (netsim.images.declared.parse_tools)."""
    from netsim.images.declared import parse_tools

    return parse_tools(value)


#: ports (``80/tcp``, ``53/udp``; ``80`` reads as ``80/tcp``)
Ports = Annotated[tuple[str, ...], AfterValidator(_ports)]
#: probe tools and shells (``sh``, ``wget``, ``ping=iputils``)
Tools = Annotated[tuple[str, ...], AfterValidator(_tools)]


class ImageDecl(ApiModel):
    """What netsim should assume about an image it does not know (``# netsim: image …``).

    ``tools``: the probe tools in it (``["sh", "wget", "ping=iputils"]``, the words of
    :func:`netsim.images.declared.parse_tools`); None: a Debian-like set, as for any image
    netsim does not know."""

    name: str
    expose: Ports = ()
    listen: Ports | None = None  # None: what it exposes
    runs: Literal["server", "shell", "exits"] = "server"
    tools: Tools | None = None


class ContainerDecl(ApiModel):
    """What netsim should assume about one container, whatever its image (``# netsim:
    container NAME …``): it applies to the container of that name on ``host``, the one there
    now and any created later with the name. None: what the image says."""

    name: str
    host: str = DEFAULT_HOST
    listen: Ports | None = None
    runs: Literal["server", "shell", "exits"] | None = None
    tools: Tools | None = None


class Scenario(ApiModel):
    """A whole setup: the hosts, their LAN, image facts, and the operations in order.

    With no ``hosts``, one host named :data:`DEFAULT_HOST` exists.
    """

    version: Literal[1] = 1
    #: the Docker Engine whose rules apply: a supported profile of :mod:`netsim.versions`
    #: ("29.1" by default; "28.5", "28.5.2" and "28" all read as "28.5")
    engine_version: str = Field(default="29.1", description=(
        "The Docker Engine whose rules apply: 20.10, 26.1, 28.5 or 29.1 (a patch release or "
        "a major version names the same profile)"))
    lan: Lan = Field(default_factory=Lan)
    hosts: tuple[Host, ...] = ()
    images: tuple[ImageDecl, ...] = ()
    #: facts about single containers (``# netsim: container …``), by host and name
    containers: tuple[ContainerDecl, ...] = ()
    steps: tuple[Operation, ...] = ()

    @field_validator("engine_version")
    @classmethod
    def _known_engine(cls, value: str) -> str:
        try:
            return versions.profile(value).name
        except InputError as err:
            raise PydanticCustomError("unknown_engine", err.what,
                                      {"accepted": err.accepted or ""}) from None

    @model_validator(mode="after")
    def _check(self) -> Scenario:
        names = [h.name for h in self.hosts]
        for name in names:
            if names.count(name) > 1:
                raise ValueError(f"host {name!r} is declared twice")
        addresses = [h.address for h in self.hosts if h.address is not None]
        for addr in addresses:
            if addresses.count(addr) > 1:
                raise ValueError(f"two hosts have the LAN address {addr}")
            if addr not in self.lan.subnet:
                raise ValueError(f"host address {addr} is not on the LAN {self.lan.subnet}")
        known = set(names) if names else {DEFAULT_HOST}
        for i, decl in enumerate(self.containers):
            if decl.host not in known:
                raise ValueError(
                    f"containers.{i}.host: unknown Docker host {decl.host!r} "
                    f"(declared: {', '.join(sorted(known))})"
                )
        for i, step in enumerate(self.steps):
            if step.host not in known:
                raise ValueError(
                    f"steps.{i}.host: unknown Docker host {step.host!r} "
                    f"(declared: {', '.join(sorted(known))})"
                )
        return self

    def effective_hosts(self) -> tuple[Host, ...]:
        """The declared hosts, or the single default one; each with its LAN address."""
        hosts = self.hosts or (Host(name=DEFAULT_HOST),)
        taken = {h.address for h in hosts if h.address is not None}
        out = []
        candidates = (a for a in self.lan.subnet.hosts() if int(a) - int(self.lan.subnet[0]) >= 10)
        for h in hosts:
            if h.address is None:
                addr = next(a for a in candidates if a not in taken and a != self.lan.gateway)
                h = h.model_copy(update={"address": addr})
            out.append(h)
        return tuple(out)

    @property
    def profile(self) -> versions.EngineProfile:
        """The :class:`netsim.versions.EngineProfile` that ``engine_version`` names."""
        return versions.profile(self.engine_version)

    def image_decls(self) -> Mapping[str, ImageDecl]:
        return {d.name: d for d in self.images}
