"""What every Docker API object here shares: one strict, closed, frozen pydantic base and the
address types their fields use."""

from __future__ import annotations

import ipaddress
from typing import TypeAlias

from pydantic import BaseModel, ConfigDict

__all__ = ["ApiModel", "IPAddress", "IPInterface"]

IPAddress: TypeAlias = ipaddress.IPv4Address | ipaddress.IPv6Address
IPInterface: TypeAlias = ipaddress.IPv4Interface | ipaddress.IPv6Interface


class ApiModel(BaseModel):
    """The base of every input model: closed (``extra="forbid"``), frozen, lax on types."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)
