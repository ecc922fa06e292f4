"""Published and exposed ports: :class:`PortBinding` and docker/cli's parsing of ``-p`` and
``--expose`` values (go-connections ``nat``), with Docker's own error texts."""

from __future__ import annotations

import ipaddress
from typing import Literal

from pydantic import Field

from netsim.api.base import ApiModel

__all__ = ["PortBinding", "parse_expose", "parse_port_spec", "parse_port_specs"]

_PROTOS = ("tcp", "udp", "sctp")


class PortBinding(ApiModel):
    """One container port and where it is published (``-p``), after Docker's own parsing.

    ``host_port_start == 0`` means "an ephemeral port"; a range ``host_port_start..host_port_end``
    longer than one port means "the first free port of the range".
    """

    container_port: int = Field(ge=1, le=65535)
    proto: Literal["tcp", "udp", "sctp"] = "tcp"
    host_ip: str = ""  # "" = every address (0.0.0.0 and ::)
    host_port_start: int = Field(default=0, ge=0, le=65535)
    host_port_end: int = Field(default=0, ge=0, le=65535)

    @property
    def port_key(self) -> str:
        return f"{self.container_port}/{self.proto}"


def _split_proto(raw: str) -> tuple[str, str]:
    if "/" in raw:
        port, proto = raw.rsplit("/", 1)
        return port, proto
    return raw, "tcp"


def _parse_port_range(text: str) -> tuple[int, int]:
    """go-connections ``nat.ParsePortRange``; raises ValueError('') on bad input."""
    if "-" in text:
        low_s, high_s = text.split("-", 1)
    else:
        low_s = high_s = text
    if not (low_s.isdigit() and high_s.isdigit()):
        raise ValueError(text)
    low, high = int(low_s), int(high_s)
    if low > 65535 or high > 65535 or high < low:
        raise ValueError(text)
    return low, high


def parse_port_spec(spec: str) -> list[PortBinding]:
    """Parse one ``-p`` value the way docker/cli does (go-connections ``nat.ParsePortSpec``).

    Raises ValueError with Docker's exact message.

    >>> [b.port_key for b in parse_port_spec("8000-8001:80-81")]
    ['80/tcp', '81/tcp']
    """
    # source: docker/go-connections nat/nat.go ParsePortSpec, splitParts
    raw_port, proto = _split_proto(spec)
    proto = proto.lower()
    if proto not in _PROTOS:
        raise ValueError(f"invalid proto: {proto}")
    host_ip = ""
    host_port = ""
    if raw_port.startswith("["):  # [ipv6]:host:container
        close = raw_port.find("]")
        if close < 0:
            raise ValueError(f"invalid IP address: {raw_port}")
        host_ip = raw_port[1:close]
        rest = raw_port[close + 1 :].lstrip(":")
        parts = rest.split(":")
        if len(parts) == 2:
            host_port, container_port = parts
        else:
            container_port = parts[-1]
    else:
        parts = raw_port.split(":")
        if len(parts) == 1:
            container_port = parts[0]
        elif len(parts) == 2:
            host_port, container_port = parts
        elif len(parts) == 3:
            host_ip, host_port, container_port = parts
        else:  # an IPv6 address without brackets: everything before the last two parts
            host_ip = ":".join(parts[:-2])
            host_port, container_port = parts[-2], parts[-1]
    if host_ip:
        try:
            ipaddress.ip_address(host_ip)
        except ValueError:
            raise ValueError(f"invalid IP address: {host_ip}") from None
    if container_port == "":
        raise ValueError(f"no port specified: {spec}<empty>")
    try:
        c_low, c_high = _parse_port_range(container_port)
    except ValueError:
        raise ValueError(f"invalid containerPort: {container_port}") from None
    h_low = h_high = 0
    if host_port:
        try:
            h_low, h_high = _parse_port_range(host_port)
        except ValueError:
            raise ValueError(f"invalid hostPort: {host_port}") from None
    c_len, h_len = c_high - c_low, h_high - h_low
    if host_port and c_len != h_len and c_len != 0:
        raise ValueError(
            "invalid ranges specified for container and host Ports: "
            f"{container_port} and {host_port}"
        )
    out: list[PortBinding] = []
    for i in range(c_len + 1):
        if not host_port:
            start = end = 0
        elif c_len == 0 and h_len != 0:  # one container port, a host range: first free in range
            start, end = h_low, h_high
        else:
            start = end = h_low + i
        out.append(
            PortBinding(
                container_port=c_low + i,
                proto=proto,
                host_ip=host_ip,
                host_port_start=start,
                host_port_end=end,
            )
        )
    return out


def parse_port_specs(specs: tuple[str, ...] | list[str]) -> list[PortBinding]:
    return [b for spec in specs for b in parse_port_spec(spec)]


def parse_expose(value: str) -> list[str]:
    """``--expose 80``, ``--expose 8000-8002/udp`` → ``["80/tcp"]`` …; Docker's message on error."""
    port, proto = _split_proto(value)
    proto = proto.lower()
    if proto not in _PROTOS:
        raise ValueError(f"invalid proto: {proto}")
    try:
        low, high = _parse_port_range(port)
    except ValueError:
        raise ValueError(f"invalid range format for --expose: {value}, error: {port}") from None
    return [f"{p}/{proto}" for p in range(low, high + 1)]
