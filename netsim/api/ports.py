"""Published and exposed ports as Docker's API carries them: :class:`PortBinding` (one host
address and port of a published container port), :data:`PortMap` (``HostConfig.PortBindings``)
and :data:`PortSet` (``Config.ExposedPorts``, ``Config.Volumes``).

The keys are Docker's ``PORT/PROTO`` texts (``80/tcp``). Parsing ``-p``/``--expose`` is the
docker CLI's work (:mod:`netsim.dockercli.publish`); choosing and binding host ports is the
daemon's (:mod:`netsim.daemon.ports`).

>>> PortBinding(HostIp="127.0.0.1", HostPort="8080").model_dump()
{'HostIp': '127.0.0.1', 'HostPort': '8080'}
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Annotated, Any, Literal, TypeAlias, cast

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema

from netsim.api.base import DockerObject

__all__ = ["PORT_KEY", "KeySet", "PortBinding", "PortMap", "PortSet", "Proto", "port_key_parts"]

#: the protocols a port key names
Proto: TypeAlias = Literal["tcp", "udp", "sctp"]

#: a ``PortMap``/``PortSet`` key: ``PORT/PROTO`` (api/types/network/port.go Port.String)
PORT_KEY = re.compile(r"([0-9]+)/(tcp|udp|sctp)")


class PortBinding(DockerObject):
    """``network.PortBinding``: where one container port is published. ``HostIp`` "" means
    every address (0.0.0.0 and ::); ``HostPort`` "" an ephemeral port, ``8000-8010`` the first
    free port of that range."""

    HostIp: str = ""
    HostPort: str = ""


def _key_set(value: object) -> object:
    """A Go ``map[K]struct{}`` as JSON gives it (``{"80/tcp": {}}``) → its keys, in order."""
    if isinstance(value, Mapping):
        return tuple(value)
    return value


def _key_set_json(value: tuple[str, ...]) -> dict[str, dict[str, Any]]:
    return {k: {} for k in value}


#: a Go ``map[string]struct{}`` (``Config.Volumes``, ``network.PortSet``): its keys in the order
#: given; written as Docker's JSON writes it, ``{"/data": {}}``, and read from that or a list
KeySet: TypeAlias = Annotated[
    tuple[str, ...],
    BeforeValidator(_key_set),
    PlainSerializer(_key_set_json, when_used="json"),
    WithJsonSchema({"type": "object", "additionalProperties": {"type": "object"}}),
]

#: ``network.PortSet`` (``Config.ExposedPorts``): ``PORT/PROTO`` keys
PortSet: TypeAlias = KeySet

#: ``network.PortMap`` (``HostConfig.PortBindings``): container port → its bindings, in the
#: order the ports were first given (Docker keeps a Go map; netsim keeps the command line's)
PortMap: TypeAlias = dict[str, tuple[PortBinding, ...]]


def port_key_parts(key: str) -> tuple[int, Proto]:
    """``"80/tcp"`` → ``(80, "tcp")``; ValueError for anything else.

    >>> port_key_parts("53/udp")
    (53, 'udp')
    """
    m = PORT_KEY.fullmatch(key)
    if m is None or not 0 < int(m.group(1)) <= 65535:
        raise ValueError(f"invalid port {key!r}: expected PORT/PROTO (tcp, udp or sctp)")
    return int(m.group(1)), cast(Proto, m.group(2))
