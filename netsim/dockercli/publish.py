"""``-p``/``--publish`` and ``--expose`` as the docker CLI reads them: go-connections ``nat``
(``ParsePortSpec``, ``ParsePortRange``) with Docker's own error texts, into the API's
:data:`netsim.api.PortMap` and ``PORT/PROTO`` keys; and the checks of the go-connections 0.4
that older CLI releases link (EngineProfile.cli_legacy_port_spec)."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable

from netsim.api import PortBinding, PortMap
from netsim.errors import DockerCliError
from netsim.golang.values import go_parse_uint

__all__ = ["exposed_ports", "legacy_expose", "legacy_port_spec", "parse_port_spec", "port_map"]

_PROTOS = ("tcp", "udp", "sctp")


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


def parse_port_spec(spec: str) -> list[tuple[str, PortBinding]]:
    """Parse one ``-p`` value the way docker/cli does (go-connections ``nat.ParsePortSpec``):
    ``(PORT/PROTO, binding)`` for each container port. Raises ValueError with Docker's exact
    message.

    >>> [(k, b.HostPort) for k, b in parse_port_spec("8000-8001:80-81")]
    [('80/tcp', '8000'), ('81/tcp', '8001')]
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
    out: list[tuple[str, PortBinding]] = []
    for i in range(c_len + 1):
        if not host_port:
            port = ""
        elif c_len == 0 and h_len != 0:  # one container port, a host range: first free in range
            port = f"{h_low}-{h_high}"
        else:
            port = str(h_low + i)
        out.append((f"{c_low + i}/{proto}", PortBinding(HostIp=host_ip, HostPort=port)))
    return out


def port_map(specs: Iterable[str]) -> PortMap:
    """Every ``-p`` value → HostConfig.PortBindings (nat.ParsePortSpecs), the ports in the
    order first given; ValueError with Docker's message.

    >>> port_map(["8080:80", "127.0.0.1::80/udp"])["80/udp"][0].HostIp
    '127.0.0.1'
    """
    out: dict[str, list[PortBinding]] = {}
    for spec in specs:
        for key, binding in parse_port_spec(spec):
            out.setdefault(key, []).append(binding)
    return {k: tuple(v) for k, v in out.items()}


def exposed_ports(value: str) -> list[str]:
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



def _go_split_host_port(hostport: str) -> str:
    """Go's net.SplitHostPort for ``HOST:`` (what go-connections 0.4 asks of ``-p``'s address
    part): the host, or ValueError with Go's ``address X: why``."""
    def fail(why: str) -> ValueError:
        return ValueError(f"address {hostport}: {why}")

    i = hostport.rfind(":")
    if hostport.startswith("["):
        end = hostport.find("]")
        if end < 0:
            raise fail("missing ']' in address")
        if end + 1 != i:
            # Go's net/ipsock.go: no ':' behind the ']', or a ':' that is not the last one
            # (recorded: 57-error-sites-more:14-15, ``[::1]x:`` and ``[::1]:x:``)
            raise fail("missing port in address" if end + 1 == len(hostport)
                       or hostport[end + 1] != ":" else "too many colons in address")
        host = hostport[1:end]
        if "[" in hostport[1:] or "]" in hostport[end + 1:]:
            raise fail("unexpected '[' in address")
        return host
    host = hostport[:i]
    if ":" in host:
        raise fail("too many colons in address")
    if "[" in hostport:
        raise fail("unexpected '[' in address")
    if "]" in hostport:
        raise fail("unexpected ']' in address")
    return host


def _go_parse_port_range(ports: str) -> tuple[int, int]:
    """go-connections 0.4 nat.ParsePortRange: ValueError with its (or strconv's) text."""
    if ports == "":
        raise ValueError("Empty string specified for ports.")
    low_s, dash, high_s = ports.partition("-")
    if not dash:
        n = go_parse_uint(ports, 16)
        return n, n
    high_s = high_s.split("-")[0]
    low, high = go_parse_uint(low_s, 16), go_parse_uint(high_s, 16)
    if high < low:
        raise ValueError(f"Invalid range specified for the Port: {ports}")
    return low, high


def legacy_port_spec(raw: str) -> None:
    """-p as go-connections 0.4.0 nat.ParsePortSpec checks it (Debian's docker.io 28.5.2+dfsg:
    EngineProfile.cli_legacy_port_spec): capitalised texts, the protocol checked last."""
    parts = raw.split(":")
    container = parts[-1]
    host_port = parts[-2] if len(parts) > 1 else ""
    raw_ip = ":".join(parts[:-2]) if len(parts) > 2 else ""
    pieces = container.split("/")  # nat.SplitProtoPort
    if not container or not pieces[0]:
        proto, container = "", ""
    elif len(pieces) == 1:
        proto = "tcp"
    else:
        proto, container = pieces[1] or "tcp", pieces[0]
    try:
        ip = _go_split_host_port(raw_ip + ":")
    except ValueError as err:
        raise _cli_error(f"Invalid ip address {raw_ip}: {err}") from None
    if ip and _go_parse_ip(ip) is None:
        raise _cli_error(f"Invalid ip address: {ip}")
    if container == "":
        raise _cli_error(f"No port specified: {raw}<empty>")
    try:
        start, end = _go_parse_port_range(container)
    except ValueError:
        raise _cli_error(f"Invalid containerPort: {container}") from None
    h_start = h_end = 0
    if host_port:
        try:
            h_start, h_end = _go_parse_port_range(host_port)
        except ValueError:
            raise _cli_error(f"Invalid hostPort: {host_port}") from None
    if host_port and end - start != h_end - h_start and end != start:
        raise _cli_error("Invalid ranges specified for container and host Ports: "
                         f"{container} and {host_port}")
    if proto.lower() not in ("tcp", "udp", "sctp"):
        raise _cli_error(f"Invalid proto: {proto}")


def legacy_expose(value: str) -> bool:
    """--expose as docker/cli ≤ 28.x with go-connections 0.4 checks it (v28.5.2:cli/command/
    container/opts.go:444-466): no protocol check; True when its protocol is one netsim
    models (another, such as ``80/xyz``, is accepted and has no effect)."""
    if ":" in value:
        raise _cli_error(f"invalid port format for --expose: {value}")
    parts = value.split("/")
    if not value or not parts[0]:
        proto, port = "", ""
    elif len(parts) == 1:
        proto, port = "tcp", value
    else:
        proto, port = parts[1] or "tcp", parts[0]
    try:
        _go_parse_port_range(port)
    except ValueError as err:
        raise _cli_error(f"invalid range format for --expose: {value}, error: {err}") from None
    return proto in ("tcp", "udp", "sctp")


def _cli_error(text: str) -> DockerCliError:
    return DockerCliError(text, exit_code=1)


def _go_parse_ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """Go's net.ParseIP (None when it is not an address)."""
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None
