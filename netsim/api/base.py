"""What every Docker API object here shares: one strict, closed, frozen pydantic base and the
address types their fields use."""

from __future__ import annotations

import ipaddress
from typing import Any, TypeAlias

from pydantic import BaseModel, ConfigDict

__all__ = ["ApiModel", "DockerObject", "IPAddress", "IPInterface"]

IPAddress: TypeAlias = ipaddress.IPv4Address | ipaddress.IPv6Address
IPInterface: TypeAlias = ipaddress.IPv4Interface | ipaddress.IPv6Interface


class ApiModel(BaseModel):
    """The base of every input model: closed (``extra="forbid"``), frozen, lax on types."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


class DockerObject(ApiModel):
    """An object of Docker's API (a create request and its parts): its repr shows only the
    fields that differ from their defaults, as a long HostConfig is mostly defaults."""

    def __repr_args__(self) -> Any:
        fields = type(self).model_fields
        for name, value in super().__repr_args__():
            info = fields.get(name) if name is not None else None
            if info is not None and not info.is_required() \
                    and value == info.get_default(call_default_factory=True):
                continue
            yield name, value
