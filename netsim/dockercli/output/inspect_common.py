"""What the inspect objects share: netsim's clock as Go prints it, the daemon's lookups by
ID/name/prefix, Go map order, and the deterministic stand-ins for what Docker draws at random."""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
from collections.abc import Iterable, Mapping, Sequence
from fractions import Fraction
from typing import Any

from netsim.state import EPOCH as _STATE_EPOCH
from netsim.state import ContainerState, EndpointState, HostState, NetworkState

__all__ = ["DOCKER_ROOT", "EPOCH", "container_sandbox_id", "exact_time", "find_container",
           "find_network", "gateway_only", "go_ip", "sha", "shaped", "sorted_map", "timestamp"]

#: netsim's clock starts here (a fixed instant, so outputs never depend on the wall clock)
EPOCH = _STATE_EPOCH
_ZERO_TIME = "0001-01-01T00:00:00Z"

#: the daemon's data root (containers/, volumes/, overlay2/ live under it)
DOCKER_ROOT = "/var/lib/docker"


def timestamp(seconds: float | None) -> str:
    """Go's ``time.RFC3339Nano`` of a logical-clock instant, in UTC (trailing zeros trimmed).

    >>> timestamp(5)
    '2026-01-01T00:00:05Z'
    >>> timestamp(None)
    '0001-01-01T00:00:00Z'
    """
    if seconds is None:
        return _ZERO_TIME
    nanos = round(Fraction(seconds) * 1_000_000_000)
    whole, frac = divmod(nanos, 1_000_000_000)
    t = EPOCH + dt.timedelta(seconds=whole)
    text = t.strftime("%Y-%m-%dT%H:%M:%S")
    if frac:
        text += "." + f"{frac:09d}".rstrip("0")
    return text + "Z"


def exact_time(seconds: int | None, fractions: dict[str, tuple[int, str]], key: str) -> str:
    """:func:`timestamp` of a State's time, with the fraction of a second a dump gave it
    (``fractions[key]``: the second and the digits) while the time is still that second.

    >>> exact_time(5, {"Created": (5, "25")}, "Created"), exact_time(6, {"Created": (5, "25")},
    ...                                                             "Created")
    ('2026-01-01T00:00:05.25Z', '2026-01-01T00:00:06Z')
    """
    text = timestamp(seconds)
    known = fractions.get(key)
    if seconds is None or known is None or known[0] != seconds or not known[1]:
        return text
    return f"{text[:-1]}.{known[1]}Z"


# ============================================================================================
# Lookups (container first, then network: cli/command/system/inspect.go)
# ============================================================================================


def find_container(hs: HostState, ref: str) -> ContainerState:
    """Full ID, then name, then a unique ID prefix (daemon/container.go GetContainer)."""
    by_id = {c.id: c for c in hs.containers.values()}
    if ref in by_id:
        return by_id[ref]
    name = ref[1:] if ref.startswith("/") else ref
    if name in hs.containers:
        return hs.containers[name]
    matches = [c for c in hs.containers.values() if ref and c.id.startswith(ref)]
    if len(matches) == 1:
        return matches[0]
    raise KeyError(ref)


def find_network(hs: HostState, ref: str) -> NetworkState:
    """Full ID, then name, then a unique ID prefix (network_routes.go getNetwork)."""
    nets = hs.networks
    for n in nets.values():
        if n.id == ref:
            return n
    if ref in nets:
        return nets[ref]
    matches = [n for n in nets.values() if ref and n.id.startswith(ref)]
    if len(matches) == 1:
        return matches[0]
    raise KeyError(ref)


def sorted_map(items: Mapping[str, Any] | Iterable[tuple[str, Any]]) -> dict[str, Any]:
    """A Go map as ``encoding/json`` writes it: keys sorted (byte order)."""
    pairs = items.items() if isinstance(items, Mapping) else items
    d = dict(pairs)
    return {k: d[k] for k in sorted(d)}


def go_ip(text: str) -> str:
    """``netip.Addr.String()`` of an address as the user typed it (invalid: kept as is)."""
    try:
        addr = ipaddress.ip_address(text)
    except ValueError:
        return text
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        return f"::ffff:{addr.ipv4_mapped}"
    return str(addr)


def sha(*parts: str) -> str:
    """SHA-256 (hex) of the parts joined: netsim's stand-in for Docker's random IDs."""
    return hashlib.sha256("".join(parts).encode()).hexdigest()


def container_sandbox_id(c: ContainerState) -> str:
    """The container's sandbox ID (the engine's, or one derived from its ID)."""
    return c.sandbox_id or sha(c.id, "sandbox")


def shaped(obj: Mapping[str, Any], keys: Sequence[str]) -> dict[str, Any]:
    """``obj`` with only ``keys``, in that order (an engine profile's struct fields)."""
    return {k: obj[k] for k in keys if k in obj}


def gateway_only(ep: EndpointState) -> bool:
    """libnetwork's ``gateway_<sandbox ID12>`` endpoint on ``docker_gwbridge`` (default_gateway.go):
    listed by ``network inspect``, not in the container's ``NetworkSettings.Networks``."""
    return ep.gateway_only
