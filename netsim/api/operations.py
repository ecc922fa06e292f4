"""The operations on a Docker host, one model per docker command (``network create``, ``run``,
``stop`` …), and their discriminated union :data:`Operation`."""

from __future__ import annotations

import ipaddress
from typing import Annotated, Literal

from pydantic import Field

from netsim.api.base import ApiModel
from netsim.api.container import ContainerSpec, EndpointSettings
from netsim.api.hosts import DEFAULT_HOST
from netsim.api.network import NetworkSpec

__all__ = [
    "ContainerCreate",
    "ContainerPause",
    "ContainerPrune",
    "ContainerRemove",
    "ContainerRename",
    "ContainerRestart",
    "ContainerStart",
    "ContainerStop",
    "Expect",
    "NetworkConnect",
    "NetworkCreate",
    "NetworkDisconnect",
    "NetworkPrune",
    "NetworkRemove",
    "Operation",
    "SwarmInit",
    "SwarmJoin",
    "SwarmLeave",
]


class _Op(ApiModel):
    host: str = DEFAULT_HOST


class NetworkCreate(_Op):
    """``docker network create``."""

    op: Literal["network-create"] = "network-create"
    network: NetworkSpec


class NetworkRemove(_Op):
    """``docker network rm NAME``."""

    op: Literal["network-rm"] = "network-rm"
    name: str
    force: bool = False


class NetworkPrune(_Op):
    """``docker network prune -f``."""

    op: Literal["network-prune"] = "network-prune"


class NetworkConnect(_Op):
    """``docker network connect [--alias …] [--ip …] NETWORK CONTAINER``: the network (the
    request's path) and Docker's ``network.ConnectRequest`` (docker-v29.1.0, package
    api/types/network): ``Container`` and its ``EndpointConfig``, which the docker CLI builds
    (netsim.dockercli.convert.network_connect) and the engine reads as it is."""

    op: Literal["network-connect"] = "network-connect"
    network: str
    Container: str
    EndpointConfig: EndpointSettings = Field(default_factory=EndpointSettings)


class NetworkDisconnect(_Op):
    """``docker network disconnect [-f] NETWORK CONTAINER``."""

    op: Literal["network-disconnect"] = "network-disconnect"
    network: str
    container: str
    force: bool = False


class ContainerCreate(_Op):
    """``docker create`` (``start=False``) or ``docker run`` (``start=True``)."""

    op: Literal["run", "create"] = "run"
    container: ContainerSpec

    @property
    def start(self) -> bool:
        return self.op == "run"


class ContainerStart(_Op):
    op: Literal["start"] = "start"
    container: str


class ContainerStop(_Op):
    """``docker stop`` (also ``kill``: the same outcome for networking).

    ``exit_code`` set means the main process ended by itself with that code (a shell's
    ``exit``), rather than being stopped by a signal. ``docker stop`` ends the container
    whatever happens (SIGKILL after the timeout); ``docker kill -s SIG`` (``kill=True``) may
    leave it running when its main process ignores the signal.
    """

    op: Literal["stop"] = "stop"
    container: str
    exit_code: int | None = Field(default=None, ge=0, le=255)
    #: ``docker stop -s`` / ``docker kill -s``: the signal sent (None: the image's stop signal)
    signal: str | None = None
    #: ``docker kill``: only the signal, no SIGKILL after a timeout (the container may go on)
    kill: bool = False


class ContainerRestart(_Op):
    op: Literal["restart"] = "restart"
    container: str


class ContainerPause(_Op):
    """``docker pause`` (``op="unpause"``: ``docker unpause``): the freezer cgroup stops (or
    thaws) the container's processes; its sandbox, endpoints and published ports stay."""

    op: Literal["pause", "unpause"] = "pause"
    container: str


class ContainerRemove(_Op):
    op: Literal["rm"] = "rm"
    container: str
    force: bool = False
    #: ``docker rm -l PARENT/ALIAS``: remove that legacy link, not a container
    link: bool = False


class ContainerRename(_Op):
    op: Literal["rename"] = "rename"
    container: str
    new_name: str


class SwarmInit(_Op):
    """``docker swarm init``: this host becomes the first manager of a new swarm."""

    op: Literal["swarm-init"] = "swarm-init"
    advertise_addr: str | None = None
    default_addr_pools: tuple[ipaddress.IPv4Network, ...] = ()
    default_addr_pool_mask_length: int = Field(default=24, ge=1, le=32)


class SwarmJoin(_Op):
    """``docker swarm join --token T ADDR[:PORT]``."""

    op: Literal["swarm-join"] = "swarm-join"
    token: str
    remote: str


class SwarmLeave(_Op):
    """``docker swarm leave [--force]``."""

    op: Literal["swarm-leave"] = "swarm-leave"
    force: bool = False


class ContainerPrune(_Op):
    """``docker container prune -f``: removes every stopped container."""

    op: Literal["container-prune"] = "container-prune"


class Expect(_Op):
    """An expectation checked at this point of the replay (``# netsim: expect TEXT`` in a
    script; :mod:`netsim.analysis.check` gives the forms). The engine does nothing with it."""

    op: Literal["expect"] = "expect"
    text: str = Field(min_length=1)


Operation = Annotated[
    NetworkCreate
    | NetworkRemove
    | NetworkPrune
    | NetworkConnect
    | NetworkDisconnect
    | ContainerCreate
    | ContainerStart
    | ContainerStop
    | ContainerRestart
    | ContainerPause
    | ContainerRemove
    | ContainerRename
    | ContainerPrune
    | SwarmInit
    | SwarmJoin
    | SwarmLeave
    | Expect,
    Field(discriminator="op"),
]
