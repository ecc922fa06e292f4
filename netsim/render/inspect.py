"""``docker inspect`` and ``docker network inspect`` as JSON-ready dicts (API 1.52 shapes).

Each function returns one element of the JSON list the docker CLI 29.1 prints. Keys are inserted
in the order Engine 29.1 serialises its Go structs (moby ``api/types`` v1.52, vendored at
``moby@docker-v29.1.0:vendor/github.com/moby/moby/api/types/``), and the keys of every Go *map*
are inserted sorted, as ``encoding/json`` writes them; so ``json.dumps(obj, indent=4)`` prints
what the CLI prints (``docs/reference/docker-cli-output.md`` §1.5 and §4).

Where older engines shape these objects differently, the State's
:class:`netsim.versions.EngineProfile` says how: the keys (and their order) of the network
object, of ``NetworkSettings`` (≤ 28.x: with the deprecated top-level ``Bridge``, ``IPAddress``,
``Gateway``, ``MacAddress``… of the ``bridge`` endpoint) and of each ``EndpointSettings``;
whether an empty ``IPRange``/``Gateway`` of ``IPAM.Config`` is left out; whether that config
shows the gateway IPAM chose; the image store (``GraphDriver`` or ``Storage``), the order of
``MaskedPaths``, ``Dns`` without ``--dns``, ``Config.OnBuild``. The rest of the container object
is 29.1's for every engine (e.g. 28.x's ``Config.MacAddress`` is not modelled).

Times come from netsim's logical clock, counted in seconds from :data:`EPOCH`, and are written
as Go's ``time.RFC3339Nano`` in UTC (fraction trimmed: ``2026-01-01T00:00:05Z``; unset:
``0001-01-01T00:00:00Z``).

The daemon this models: Linux, no SELinux; cgroup v2 and AppArmor unless the host says otherwise
(:class:`netsim.model.Host` ``cgroup``, ``apparmor``); the profile's image store (29.x: containerd,
``"Driver": "overlayfs"`` and ``Storage``; ≤ 28.x: ``overlay2`` and ``GraphDriver``), the
default ``runc`` runtime,
``json-file`` logging, default IPC mode ``private``, a CLI whose stdout is not a terminal.

Deterministic stand-ins for what Docker draws at random or reads from the host:

* ``NetworkSettings.SandboxID``: the engine's per-start sandbox ID
  (:attr:`netsim.state.ContainerState.sandbox_id`, derived from the seed); ``SandboxKey``:
  ``/var/run/docker/netns/`` + its first 12 characters (``/var/run/docker/netns/default`` for
  ``--network host``, libnetwork ``sandbox.go``).
  Both are set only while the container runs.
* ``State.Pid``: 0 unless running; while running, ``1000 + n % 99000`` where ``n`` is the first
  32 bits of SHA-256(container ID + ``"pid"`` + the start time), so a restart changes it.
* An anonymous volume (``-v /data``) is named SHA-256(container ID + ``"volume"`` + target).
* ``MaskedPaths`` ends (≥ 28.0) with the ``thermal_throttle`` directories of the host's
  :attr:`netsim.model.Host.thermal_throttle` CPUs (Docker adds one per host CPU that has it;
  docker-cli-output.md §4.3 shows one).
* ``GraphDriver`` (graph-driver image store, ≤ 28.x): the layer IDs in its directories are
  SHA-256-derived from the seed, the host and the container (its RW and ``-init`` layers) or
  the image (one image layer).

Simplifications (what netsim does not know):

* The image's ``ENV`` is known only for the conformance lab's stand-ins
  (:attr:`netsim.images.ImageInfo.env`); for other images ``Config.Env`` is only the ``-e``
  values (``null`` without any). ``WORKDIR``, ``VOLUME``, ``HEALTHCHECK`` and ``ONBUILD`` are
  unknown: ``WorkingDir`` is only ``-w``, ``Volumes`` only anonymous ``-v``. ``ENTRYPOINT``,
  ``CMD``, ``EXPOSE`` and ``USER`` come from :mod:`netsim.images`; ``STOPSIGNAL`` from there
  (the stand-ins) or, with ``LABEL``, from :data:`_IMAGE_EXTRAS` for the catalogued images
  whose Dockerfiles were read.
* ``--env-file``, ``--label-file`` and a seccomp profile file cannot be read: they add nothing.
* Go map iteration is random where Docker builds a list from a map (``Binds``, ``Mounts``,
  ``Ulimits``, ``HostConfig.Links``): netsim keeps command-line order.
* A failed start leaves ``State.Error`` empty; ``ExecIDs`` is always ``null``; a health check
  stays ``"starting"`` (no probe runs); ``ImageManifestDescriptor`` (containerd store, content
  unknown) is left out.
* An endpoint added by ``docker network connect`` is recognised as one whose network is not in
  the ``docker run``/``create`` ``--network`` list; it shows the CLI's empty ``IPAMConfig``,
  ``Aliases`` and ``DriverOpts`` (docker-cli-output.md §1.3).
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import ipaddress
import posixpath
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from fractions import Fraction
from typing import Any

from netsim.ids import hex_id
from netsim.images import ImageInfo, lookup, parse_image_ref
from netsim.state import EPOCH as _STATE_EPOCH
from netsim.state import ContainerState, EndpointState, HostState, NetworkState, State, SubnetState
from netsim.versions import EngineProfile

__all__ = ["EPOCH", "any_object", "container", "network", "timestamp"]

#: netsim's clock starts here (a fixed instant, so outputs never depend on the wall clock)
EPOCH = _STATE_EPOCH
_ZERO_TIME = "0001-01-01T00:00:00Z"

_DOCKER_ROOT = "/var/lib/docker"
_NETNS_DIR = "/var/run/docker/netns"
_U64_MAX = (1 << 64) - 1
_DEFAULT_SHM_SIZE = 64 * 1024 * 1024  # daemon/config.DefaultShmSize

# oci/defaults.go DefaultLinuxSpec ReadonlyPaths (MaskedPaths: EngineProfile.masked_paths)
_READONLY_PATHS = ("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger")


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


# ============================================================================================
# Lookups (container first, then network: cli/command/system/inspect.go)
# ============================================================================================


def _find_container(hs: HostState, ref: str) -> ContainerState:
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


def _find_network(hs: HostState, ref: str) -> NetworkState:
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


def any_object(state: State, host: str, ref: str, kind: str = "") -> dict[str, Any] | None:
    """``docker inspect [--type T] REF``: a container first, then a network; None if neither.

    ``kind`` is ``"container"``, ``"network"`` or ``""`` (any). Images, volumes and the swarm
    objects Docker also tries are not simulated.
    """
    hs = state.host(host)
    if kind in ("", "container"):
        try:
            return container(state, _find_container(hs, ref))
        except KeyError:
            pass
    if kind in ("", "network"):
        try:
            return network(state, host, ref)
        except KeyError:
            pass
    return None


# ============================================================================================
# Small Go-compatible helpers
# ============================================================================================


def _sorted_map(items: Mapping[str, Any] | Iterable[tuple[str, Any]]) -> dict[str, Any]:
    """A Go map as ``encoding/json`` writes it: keys sorted (byte order)."""
    pairs = items.items() if isinstance(items, Mapping) else items
    d = dict(pairs)
    return {k: d[k] for k in sorted(d)}


def _go_ip(text: str) -> str:
    """``netip.Addr.String()`` of an address as the user typed it (invalid: kept as is)."""
    try:
        addr = ipaddress.ip_address(text)
    except ValueError:
        return text
    if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
        return f"::ffff:{addr.ipv4_mapped}"
    return str(addr)


def _parse_bool(value: str | None, default: bool = False) -> bool:
    """Go ``strconv.ParseBool`` (flag values); anything else gives ``default``."""
    from netsim.model import parse_go_bool

    try:
        return parse_go_bool(value) if value is not None else default
    except ValueError:
        return default


def _int(value: str | None, default: int = 0) -> int:
    """Go ``strconv.Atoi`` / ``ParseInt(s, 10, 64)``; ``default`` if invalid."""
    if value is None or not re.fullmatch(r"[+-]?[0-9]+", value):
        return default
    return int(value)


def _flag_int(value: str | None) -> int:
    """A pflag integer, ``strconv.ParseInt(s, 0, 64)``: ``0x1f``, ``0o17``, ``017``, ``1_000``.

    >>> [_flag_int(v) for v in ("1024", "010", "0x10", "1_000", "-5", "1__0", "x")]
    [1024, 8, 16, 1000, -5, 0, 0]
    """
    if value is None:
        return 0
    m = re.fullmatch(r"([+-]?)(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|0[0-7_]*|[1-9][0-9_]*)",
                     value)
    if m is None or "__" in value or value.endswith("_"):
        return 0
    sign, digits = m.groups()
    if len(digits) > 1 and digits[0] == "0" and digits[1] not in "xXoObB":
        digits = "0o" + digits[1:]
    try:
        number = int(digits, 0)
    except ValueError:
        return 0
    return -number if sign == "-" else number


_BINARY = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40, "p": 1 << 50}


def _ram_in_bytes(text: str) -> int | None:
    """go-units ``RAMInBytes`` (``1g`` → 1073741824); None where Docker reports an error.

    >>> [_ram_in_bytes(v) for v in ("1g", "512m", "1.5k", "100", "1mb", "2x")]
    [1073741824, 536870912, 1536, 100, 1048576, None]
    """
    sep = max(text.rfind(ch) for ch in "01234567890. ")
    if sep == -1:
        return None
    if text[sep] == " ":
        num, sfx = text[:sep], text[sep + 1 :]
    else:
        num, sfx = text[: sep + 1], text[sep + 1 :]
    try:
        size = float(num)
    except ValueError:
        return None
    if size < 0:
        return None
    if not sfx:
        return int(size)
    if len(sfx) > 3:
        return None
    sfx = sfx.lower()
    if sfx[0] == "b":
        return int(size) if len(sfx) == 1 else None
    mul = _BINARY.get(sfx[0])
    if mul is None or (len(sfx) == 2 and sfx[1] != "b") or (len(sfx) == 3 and sfx[1:] != "ib"):
        return None
    return int(size * mul)


def _nano_cpus(text: str) -> int:
    """docker/cli ``opts.ParseCPUs``: ``0.5`` → 500000000."""
    try:
        value = Fraction(text) * 1_000_000_000
    except (ValueError, ZeroDivisionError):
        return 0
    return int(value) if value.denominator == 1 else 0


_DURATION_UNITS = {
    "ns": Fraction(1),
    "us": Fraction(1_000),
    "µs": Fraction(1_000),
    "μs": Fraction(1_000),
    "ms": Fraction(1_000_000),
    "s": Fraction(1_000_000_000),
    "m": Fraction(60_000_000_000),
    "h": Fraction(3_600_000_000_000),
}
_DURATION_PART = re.compile(r"([0-9]*(?:\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)")


def _go_duration(text: str) -> int:
    """Go ``time.ParseDuration`` in nanoseconds (``1m30s`` → 90000000000); 0 if invalid."""
    sign = -1 if text.startswith("-") else 1
    rest = text.lstrip("+-")
    if rest == "0":
        return 0
    total = Fraction(0)
    pos = 0
    while pos < len(rest):
        m = _DURATION_PART.match(rest, pos)
        if m is None or m.group(1) in ("", "."):
            return 0
        total += Fraction(m.group(1)) * _DURATION_UNITS[m.group(2)]
        pos = m.end()
    return sign * int(total) if rest else 0


def _sha(*parts: str) -> str:
    return hashlib.sha256("".join(parts).encode()).hexdigest()


def _sandbox_id(c: ContainerState) -> str:
    return c.sandbox_id or _sha(c.id, "sandbox")


def _shaped(obj: Mapping[str, Any], keys: Sequence[str]) -> dict[str, Any]:
    """``obj`` with only ``keys``, in that order (an engine profile's struct fields)."""
    return {k: obj[k] for k in keys if k in obj}


def _gateway_only(ep: EndpointState) -> bool:
    """libnetwork's ``gateway_<sandbox ID12>`` endpoint on ``docker_gwbridge`` (default_gateway.go):
    listed by ``network inspect``, not in the container's ``NetworkSettings.Networks``."""
    return ep.gateway_only


# ============================================================================================
# docker network inspect
# ============================================================================================


def _endpoint_addresses(hs: HostState, n: NetworkState) -> list[ipaddress.IPv4Address
                                                            | ipaddress.IPv6Address]:
    out: list[ipaddress.IPv4Address | ipaddress.IPv6Address] = []
    for c in hs.containers.values():
        for ep in c.endpoints:
            if ep.network != n.name or ep.network_id != n.id or not ep.active:
                continue
            if ep.ipv4 is not None:
                out.append(ep.ipv4.ip)
            if ep.ipv6 is not None:
                out.append(ep.ipv6.ip)
    return out


def _subnet_status(
    s: SubnetState, used: Sequence[ipaddress.IPv4Address | ipaddress.IPv6Address]
) -> dict[str, int]:
    """IPAM pool status (defaultipam ``allocationStatus``, addrset ``AddrsInPrefix``).

    The pool's address set holds the network address (IPv4: unless /31 or /32; IPv6: always,
    the subnet-router anycast address), the IPv4 broadcast address (unless /31 or /32), the
    gateway, every auxiliary address (29.1 reserves each one inside the *subnet*:
    ``requestAddress`` only checks the subnet) and the containers' addresses.
    ``DynamicIPsAvailable`` is the size of the ip-range (or subnet) minus the addresses of the
    set that lie inside it; both saturate at 2**64 - 1 (``Uint64Sat``).
    """
    net = s.subnet
    host_bits = net.max_prefixlen - net.prefixlen
    taken: set[int] = set()
    if net.version == 6 or host_bits > 1:
        taken.add(int(net.network_address))
    if net.version == 4 and host_bits > 1:
        taken.add(int(net.broadcast_address))
    extra: list[ipaddress.IPv4Address | ipaddress.IPv6Address] = list(used)
    if s.gateway is not None:
        extra.append(s.gateway)
    extra.extend(s.aux_addresses.values())
    for a in extra:
        if a.version == net.version and a in net:
            taken.add(int(a))
    rng = s.ip_range if s.ip_range is not None else net
    lo, hi = int(rng.network_address), int(rng.broadcast_address)
    capacity = 1 << (rng.max_prefixlen - rng.prefixlen)
    in_range = sum(1 for a in taken if lo <= a <= hi)
    return {
        "IPsInUse": min(len(taken), _U64_MAX),
        "DynamicIPsAvailable": min(capacity - in_range, _U64_MAX),
    }


def _sandbox_entries(state: State, host: str, n: NetworkState) -> dict[str, Any]:
    """libnetwork's own sandboxes on a node: the overlay load balancer ``lb-<net>`` (endpoint
    ``<net>-endpoint``; ``ingress-sbox``/``ingress-endpoint`` on ingress) and, on
    docker_gwbridge, ``gateway_ingress-sbox`` (docs/reference/swarm-overlay.md §1.5, §5.7)."""
    swarm = state.swarm
    if swarm is None or host not in swarm.nodes:
        return {}
    if n.name == "docker_gwbridge" and host in swarm.ingress_gateways:
        ip = swarm.ingress_gateways[host]
        sub = n.ipv4_subnet
        prefix = sub.subnet.prefixlen if sub is not None else 16
        return {"ingress-sbox": {
            "Name": "gateway_ingress-sbox",
            "EndpointID": _sha(host, n.id, "gateway_ingress-sbox"),
            "MacAddress": _random_mac(host, n.id),
            "IPv4Address": f"{ip}/{prefix}",
            "IPv6Address": "",
        }}
    lb = swarm.lb_addresses.get(n.name, {}).get(host)
    if n.driver != "overlay" or lb is None:
        return {}
    sub = n.ipv4_subnet
    prefix = sub.subnet.prefixlen if sub is not None else 24
    key, name = (("ingress-sbox", "ingress-endpoint") if n.name == "ingress"
                 else (f"lb-{n.name}", f"{n.name}-endpoint"))
    return {key: {
        "Name": name,
        "EndpointID": _sha(host, n.id, key),
        "MacAddress": "02:42:" + ":".join(f"{b:02x}" for b in lb.packed),
        "IPv4Address": f"{lb}/{prefix}",
        "IPv6Address": "",
    }}


def _random_mac(*parts: str) -> str:
    raw = bytearray(bytes.fromhex(_sha(*parts, "mac")[:12]))
    raw[0] = (raw[0] & 0xFE) | 0x02
    return ":".join(f"{b:02x}" for b in raw)


def _cluster_addresses(state: State, n: NetworkState) -> list[
        ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """A manager answers with the cluster allocator's counts: every node's users and LBs."""
    out: list[ipaddress.IPv4Address | ipaddress.IPv6Address] = []
    for hs in state.hosts.values():
        out += _endpoint_addresses(hs, n)
    if state.swarm is not None:
        out += list(state.swarm.lb_addresses.get(n.name, {}).values())
    return out


def network(state: State, host: str, ref: str) -> dict[str, Any]:
    """``docker network inspect REF`` (one element of the printed list); KeyError if absent."""
    hs = state.host(host)
    n = _find_network(hs, ref)
    spec = n.spec
    special = n.driver in ("host", "null")
    subnets = sorted(n.subnets, key=lambda s: s.subnet.version)  # IPv4 configs, then IPv6

    profile = state.profile
    config: list[dict[str, Any]] | None = None
    if subnets:
        config = []
        for s in subnets:
            gateway = s.gateway
            if (s.user_subnet and not profile.ipam_config_shows_allocated_gateway
                    and n.scope != "swarm"):
                # ≤ 28.x show a local network's IPAM config as given (daemon/network.go
                # buildIPAMResources): the --gateway, if any; a swarm network's comes from the
                # cluster's allocator, gateway included (daemon/cluster/convert/network.go)
                gateway = next((c.gateway for c in (spec.ipam if spec is not None else ())
                                if c.subnet is not None and c.subnet.network == s.subnet), None)
            entry: dict[str, Any] = {
                "Subnet": str(s.subnet),
                "IPRange": str(s.ip_range) if s.ip_range is not None else "",
                "Gateway": str(gateway) if gateway is not None else "",
            }
            if profile.ipam_config_omits_empty:  # Go strings with omitempty (≤ 28.x)
                entry = {k: v for k, v in entry.items() if v != ""}
            if s.aux_addresses:
                entry["AuxiliaryAddresses"] = _sorted_map(
                    (k, str(v)) for k, v in s.aux_addresses.items()
                )
            config.append(entry)

    containers: dict[str, Any] = {}
    for c in sorted(hs.containers.values(), key=lambda c: c.id):
        ep = c.endpoint(n.name)
        if ep is None or not ep.active or ep.network_id != n.id:
            continue
        containers[c.id] = {
            "Name": f"gateway_{_sandbox_id(c)[:12]}" if _gateway_only(ep) else c.name,
            "EndpointID": ep.endpoint_id,
            "MacAddress": ep.mac or "",
            "IPv4Address": str(ep.ipv4) if ep.ipv4 is not None else "",
            "IPv6Address": str(ep.ipv6) if ep.ipv6 is not None else "",
        }

    containers.update(_sandbox_entries(state, host, n))
    ipam_status: dict[str, Any] = {}
    if not special and subnets:
        used = _endpoint_addresses(hs, n) if n.scope != "swarm" else _cluster_addresses(state, n)
        used += [ipaddress.ip_interface(v["IPv4Address"]).ip
                 for k, v in containers.items() if k in ("ingress-sbox", f"lb-{n.name}")
                 and n.scope != "swarm"]
        ipam_status["Subnets"] = _sorted_map((str(s.subnet), _subnet_status(s, used))
                                             for s in subnets)

    swarm = state.swarm
    if n.scope == "swarm" and swarm is not None and n.driver == "overlay":
        here = swarm.lb_addresses.get(n.name, {})
        if host not in here:
            # not instantiated on this node: the daemon answers with the cluster's view
            # (api/server/router/network/network_routes.go getNetwork falls back to the
            # cluster; daemon/cluster/convert/network.go BasicNetworkFromGRPC): no
            # Containers, nil maps where the spec has none, and nothing at all (not even the
            # driver) for a network the allocator could not allocate
            allocated = n.name not in swarm.unallocated
            return _shaped({
                "Name": n.name, "Id": n.id, "Created": timestamp(n.created), "Scope": n.scope,
                "Driver": n.driver if allocated else "",
                "EnableIPv4": True, "EnableIPv6": spec.ipv6 if spec is not None else False,
                "IPAM": {
                    "Driver": (spec.ipam_driver if spec is not None else "default")
                    if allocated else "",
                    "Options": (_sorted_map(spec.ipam_options) or None)
                    if spec is not None and allocated else None,
                    "Config": config if allocated else None,
                },
                "Internal": n.internal, "Attachable": n.attachable,
                "Ingress": spec.ingress if spec is not None else False,
                "ConfigFrom": {"Network": ""}, "ConfigOnly": False,
                "Containers": None,
                "Options": _sorted_map(n.options) if allocated else None,
                "Labels": _sorted_map(n.labels) or None,
            }, profile.network_inspect_keys)
    peers: list[dict[str, str]] | None = None
    if n.scope == "swarm" and swarm is not None and n.driver == "overlay":
        # the nodes the network is instantiated on, as NetworkDB knows them: a random 12-hex
        # node name each (libnetwork/agent.go), and the advertise address
        peers = [{"Name": _sha(node.node_id, "networkdb")[:12],
                  "IP": node.address.rsplit(":", 1)[0]}
                 for h, node in swarm.nodes.items()
                 if h in swarm.lb_addresses.get(n.name, {})]
    return _shaped({
        "Name": n.name,
        "Id": n.id,
        "Created": timestamp(n.created),
        "Scope": n.scope,
        "Driver": n.driver,
        # NewNetwork defaults enableIPv4 to true, also for host/none (docker-cli-output.md §1.5)
        "EnableIPv4": spec.ipv4 if spec is not None else True,
        "EnableIPv6": spec.ipv6 if spec is not None else False,
        "IPAM": {
            "Driver": spec.ipam_driver if spec is not None else "default",
            # the CLI always sends a map; the predefined networks have none, nor has a swarm
            # network without --ipam-opt (the cluster's spec keeps a nil map)
            "Options": (_sorted_map(spec.ipam_options) or (None if n.scope == "swarm" else {}))
            if spec is not None else None,
            # (EngineProfile.ipam_config_empty_list)
            "Config": [] if config is None and profile.ipam_config_empty_list else config,
        },
        "Internal": spec.internal if spec is not None else n.internal,
        "Attachable": n.attachable,
        "Ingress": spec.ingress if spec is not None else False,
        "ConfigFrom": {"Network": (spec.config_from or "") if spec is not None else ""},
        "ConfigOnly": spec.config_only if spec is not None else False,
        "Options": _sorted_map(n.options),
        "Labels": _sorted_map(n.labels),
        "Containers": containers,
        **({"Peers": peers} if peers is not None else {}),
        "Status": {"IPAM": ipam_status},
    }, profile.network_inspect_keys)


# ============================================================================================
# docker inspect CONTAINER
# ============================================================================================


@dataclass(frozen=True)
class _ImageExtras:
    """Image-config facts :mod:`netsim.images` does not record (read from the Dockerfiles)."""

    stop_signal: str = ""
    labels: Mapping[str, str] = field(default_factory=dict)


_NGINX_EXTRAS = _ImageExtras(
    # nginx/docker-nginx mainline/*/Dockerfile: LABEL maintainer=…, STOPSIGNAL SIGQUIT
    "SIGQUIT", {"maintainer": "NGINX Docker Maintainers <docker-maint@nginx.com>"}
)
#: repository → (tag pattern, extras), first match wins; used only for catalogued tags
_IMAGE_EXTRAS: Mapping[str, tuple[tuple[str, _ImageExtras], ...]] = {
    "library/nginx": (("*", _NGINX_EXTRAS),),
    "docker/getting-started": (("*", _NGINX_EXTRAS),),  # final stage FROM nginx:alpine
    "library/httpd": (("*", _ImageExtras("SIGWINCH")),),  # httpd 2.4/Dockerfile
    "library/postgres": (("*", _ImageExtras("SIGINT")),),  # postgres 18/trixie/Dockerfile
    "library/wordpress": (
        ("*fpm*", _ImageExtras("SIGQUIT")),  # php:*-fpm STOPSIGNAL SIGQUIT
        ("*", _ImageExtras("SIGWINCH")),  # php:*-apache STOPSIGNAL SIGWINCH
    ),
}


def _image_facts(reference: str) -> tuple[ImageInfo | None, _ImageExtras]:
    try:
        ref = parse_image_ref(reference)
    except ValueError:
        return None, _ImageExtras()
    info = lookup(ref)
    if info is None:
        return None, _ImageExtras()
    for pattern, extras in _IMAGE_EXTRAS.get(ref.repository, ()):
        if fnmatchcase(ref.tag or "latest", pattern):
            return info, extras
    return info, _ImageExtras()


class _Flags:
    """``ContainerSpec.options``: the other ``docker run`` flags, (long name, value) in order."""

    def __init__(self, pairs: Sequence[tuple[str, str]]) -> None:
        self._pairs = list(pairs)

    def all(self, name: str) -> list[str]:
        return [v for k, v in self._pairs if k == name]

    def last(self, name: str) -> str | None:
        values = self.all(name)
        return values[-1] if values else None

    def given(self, name: str) -> bool:
        return any(k == name for k, _ in self._pairs)

    def as_bool(self, name: str) -> bool:
        return _parse_bool(self.last(name))

    def as_int(self, name: str) -> int:
        return _flag_int(self.last(name))

    def as_bytes(self, name: str) -> int:
        value = self.last(name)
        return (_ram_in_bytes(value) or 0) if value is not None else 0


def _kv_map(values: Iterable[str]) -> dict[str, str]:
    """docker/cli ``opts.ConvertKVStringsToMap``: ``k=v`` → {k: v}, ``k`` → {k: ""}."""
    out: dict[str, str] = {}
    for v in values:
        k, _, val = v.partition("=")
        out[k] = val
    return out


def _paths(c: ContainerState, owner: ContainerState | None) -> dict[str, str]:
    """ResolvConfPath…LogPath: set at the first start; container mode shares the owner's."""
    if c.started is None:
        return {"ResolvConfPath": "", "HostnamePath": "", "HostsPath": "", "LogPath": ""}
    base_id = c.id
    if c.network_mode.startswith("container:") and c.sandbox_owner:
        base_id = c.sandbox_owner
    elif c.network_mode.startswith("container:") and owner is not None:
        base_id = owner.id
    base = f"{_DOCKER_ROOT}/containers/{base_id}"
    return {
        "ResolvConfPath": f"{base}/resolv.conf",
        "HostnamePath": f"{base}/hostname",
        "HostsPath": f"{base}/hosts",
        "LogPath": "",  # filled by the caller (json-file only)
    }


def _pid(c: ContainerState) -> int:
    if not c.running:
        return 0
    digest = _sha(c.id, "pid", str(c.started))
    return 1000 + int(digest[:8], 16) % 99000


def _resolve_ref_mode(hs: HostState, mode: str) -> str:
    """``container:<name>`` → ``container:<ID>`` (daemon_unix.go adaptSharedNamespaceContainer)."""
    if not mode.startswith("container:"):
        return mode
    try:
        return "container:" + _find_container(hs, mode.partition(":")[2]).id
    except KeyError:
        return mode


def _network_mode(hs: HostState, c: ContainerState, profile: EngineProfile) -> str:
    """HostConfig.NetworkMode: ``container:<ID>`` for a joiner; ``default`` as the CLI sent it
    when no ``--network`` was given (EngineProfile.network_mode_default_kept)."""
    if c.sandbox_owner:
        return "container:" + c.sandbox_owner
    if profile.network_mode_default_kept and (
            not c.spec.networks or c.spec.networks[0].network == "default"):
        return "default"
    return _resolve_ref_mode(hs, c.network_mode)


def _port_bindings(c: ContainerState) -> dict[str, Any]:
    out: dict[str, list[dict[str, str]]] = {}
    for b in c.spec.port_bindings():
        if b.host_port_start == 0:
            port = ""
        elif b.host_port_start == b.host_port_end:
            port = str(b.host_port_start)
        else:
            port = f"{b.host_port_start}-{b.host_port_end}"
        host_ip = _go_ip(b.host_ip) if b.host_ip else ""
        out.setdefault(b.port_key, []).append({"HostIp": host_ip, "HostPort": port})
    return _sorted_map(out)


def _restart_policy(text: str) -> dict[str, Any]:
    """docker/cli ``opts.ParseRestartPolicy``; the daemon makes "" into ``no``."""
    name, _, count = (text or "no").partition(":")
    return {"Name": name or "no", "MaximumRetryCount": _int(count)}


def _extra_host(value: str) -> str:
    """docker/cli ``opts.ValidateExtraHost``: ``host=ip``/``host:[ip]`` → ``host:ip``."""
    k, sep, v = value.partition("=")
    if not sep:
        k, _, v = value.partition(":")
    if len(v) > 2 and v[0] == "[" and v[-1] == "]":
        v = v[1:-1]
    return f"{k}:{v}"


def _throttle(values: Iterable[str], *, bps: bool,
              null: bool = False) -> list[dict[str, Any]] | None:
    """``--device-write-bps /dev/sda:1mb`` → [{"Path": "/dev/sda", "Rate": 1048576}]; none
    given: ``null`` with ``null`` (EngineProfile.cli_unset_lists_null), else ``[]``."""
    out = []
    for v in values:
        path, _, rate = v.rpartition(":")
        value = _ram_in_bytes(rate) if bps else _int(rate)
        out.append({"Path": path, "Rate": value or 0})
    if not out and null:
        return None
    return out


def _weight_devices(values: Iterable[str]) -> list[dict[str, Any]]:
    out = []
    for v in values:
        path, _, weight = v.rpartition(":")
        out.append({"Path": path, "Weight": _int(weight)})
    return out


_DEVICE_MODE = re.compile(r"[rwm]{1,3}")


def _device(value: str) -> dict[str, str]:
    """docker/cli ``parseLinuxDevice``: ``src[:dst][:perms]``."""
    parts = value.split(":", 3)
    src, dst, perms = parts[0], "", "rwm"
    if len(parts) == 3:
        perms = parts[2]
    if len(parts) >= 2:
        if _DEVICE_MODE.fullmatch(parts[1]) and len(set(parts[1])) == len(parts[1]):
            perms = parts[1]
        else:
            dst = parts[1]
    return {"PathOnHost": src, "PathInContainer": dst or src, "CgroupPermissions": perms}


def _gpu_request(value: str) -> dict[str, Any]:
    """docker/cli ``opts.GpuOpts.Set`` (``all``, ``2``, ``device=0,1``, ``capabilities=…``)."""
    req: dict[str, Any] = {
        "Driver": "", "Count": 0, "DeviceIDs": None, "Capabilities": None, "Options": None,
    }
    seen_count = False
    fields = next(iter(_csv_fields(value)), [])
    for f in fields:
        key, sep, val = f.partition("=")
        if not sep:
            seen_count = True
            req["Count"] = -1 if key == "all" else _int(key)
        elif key == "driver":
            req["Driver"] = val
        elif key == "count":
            seen_count = True
            req["Count"] = -1 if val == "all" else _int(val)
        elif key == "device":
            req["DeviceIDs"] = val.split(",")
        elif key == "capabilities":
            req["Capabilities"] = [[*val.split(","), "gpu"]]
        elif key == "options":
            req["Options"] = _sorted_map(_kv_map(next(iter(_csv_fields(val)), [])))
    if not seen_count and req["DeviceIDs"] is None:
        req["Count"] = 1
    if req["Options"] is None:
        req["Options"] = {}
    if req["Capabilities"] is None:
        req["Capabilities"] = [["gpu"]]
    return req


def _csv_fields(text: str) -> list[list[str]]:
    return list(csv.reader([text]))


def _ulimits(values: Iterable[str]) -> list[dict[str, Any]]:
    """go-units ``ParseUlimit``: ``nofile=1024[:2048]`` → {Name, Hard, Soft}; last one wins."""
    found: dict[str, dict[str, Any]] = {}
    for v in values:
        name, _, limits = v.partition("=")
        soft_s, _, hard_s = limits.partition(":")
        soft = _int(soft_s)
        hard = _int(hard_s) if hard_s else soft
        found[name] = {"Name": name, "Hard": hard, "Soft": soft}
    return list(found.values())


@dataclass
class _MountPoint:
    type: str
    destination: str
    source: str = ""
    name: str = ""
    driver: str = ""
    mode: str = ""
    rw: bool = True
    propagation: str = ""

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"Type": self.type}
        if self.name:
            out["Name"] = self.name
        out["Source"] = self.source
        out["Destination"] = self.destination
        if self.driver:
            out["Driver"] = self.driver
        out["Mode"] = self.mode
        out["RW"] = self.rw
        out["Propagation"] = self.propagation
        return out


_PROPAGATIONS = ("private", "rprivate", "slave", "rslave", "shared", "rshared")


def _volume_source(name: str) -> str:
    return f"{_DOCKER_ROOT}/volumes/{name}/_data"


def _volumes(c: ContainerState, flags: _Flags) -> tuple[list[str], list[str], list[_MountPoint]]:
    """``-v`` values → (Binds, Config.Volumes keys, mount points), as the CLI and daemon split
    them (cli opts.go parse; daemon volumes.go registerMountPoints, linux_parser.go)."""
    volume_driver = flags.last("volume-driver") or ""
    binds: list[str] = []
    anonymous: list[str] = []
    points: list[_MountPoint] = []
    seen: set[str] = set()
    for raw in flags.all("volume"):
        if raw in seen:  # the CLI collects them in a map
            continue
        seen.add(raw)
        parts = raw.split(":", 3)
        if len(parts) == 1:
            anonymous.append(raw)
            continue
        binds.append(raw)
        source, target = parts[0], parts[1]
        mode = parts[2] if len(parts) > 2 else ""
        options = mode.split(",") if mode else []
        rw = "ro" not in options
        dest = posixpath.normpath(target)
        if source.startswith("/"):
            prop = next((o for o in options if o in _PROPAGATIONS), "rprivate")
            points.append(_MountPoint("bind", dest, source=posixpath.normpath(source),
                                      mode=mode, rw=rw, propagation=prop))
        else:
            driver = volume_driver or "local"
            points.append(_MountPoint("volume", dest, source=_volume_source(source), name=source,
                                      driver=driver,
                                      mode=mode or ("z" if driver == "local" else ""), rw=rw))
    for raw in anonymous:
        dest = posixpath.normpath(raw)
        name = _sha(c.id, "volume", dest)
        points.append(_MountPoint("volume", dest, source=_volume_source(name), name=name,
                                  driver=volume_driver or "local"))
    return binds, anonymous, points


def _mount_flag(c: ContainerState, raw: str) -> tuple[dict[str, Any], _MountPoint]:
    """``--mount type=…,source=…,target=…`` → (HostConfig.Mounts entry, mount point)."""
    typ, source, target, readonly = "volume", "", "", False
    propagation = ""
    volume_opts: dict[str, Any] | None = None
    tmpfs_opts: dict[str, Any] = {}
    for f in next(iter(_csv_fields(raw)), []):
        key, sep, val = f.partition("=")
        key = key.lower()
        if key in ("readonly", "ro"):
            readonly = _parse_bool(val) if sep else True
        elif key == "type":
            typ = val.lower()
        elif key in ("source", "src"):
            source = val
        elif key in ("target", "dst", "destination"):
            target = val
        elif key == "bind-propagation":
            propagation = val.lower()
        elif key == "volume-nocopy":
            volume_opts = volume_opts or {"DriverConfig": {}}
            volume_opts = {"NoCopy": _parse_bool(val) if sep else True, **volume_opts}
        elif key == "volume-driver":
            volume_opts = volume_opts or {"DriverConfig": {}}
            volume_opts["DriverConfig"] = {"Name": val}
        elif key == "tmpfs-size":
            tmpfs_opts["SizeBytes"] = _ram_in_bytes(val) or 0
        elif key == "tmpfs-mode":
            tmpfs_opts["Mode"] = int(val, 8) if re.fullmatch(r"[0-7]+", val) else 0
    spec: dict[str, Any] = {"Type": typ}
    if source:
        spec["Source"] = source
    if target:
        spec["Target"] = target
    if readonly:
        spec["ReadOnly"] = True
    if propagation:
        spec["BindOptions"] = {"Propagation": propagation}
    if volume_opts is not None:
        ordered = {k: volume_opts[k] for k in ("NoCopy", "DriverConfig") if k in volume_opts}
        if ordered.get("NoCopy") is False:
            del ordered["NoCopy"]
        spec["VolumeOptions"] = ordered
    if tmpfs_opts:
        spec["TmpfsOptions"] = {k: tmpfs_opts[k] for k in ("SizeBytes", "Mode") if k in tmpfs_opts}
    dest = posixpath.normpath(target) if target else ""
    if typ == "bind":
        point = _MountPoint("bind", dest, source=posixpath.normpath(source) if source else "",
                            rw=not readonly, propagation=propagation or "rprivate")
    elif typ == "volume":
        driver = "local"
        if volume_opts is not None and volume_opts["DriverConfig"].get("Name"):
            driver = volume_opts["DriverConfig"]["Name"]
        name = source or _sha(c.id, "volume", dest)
        point = _MountPoint("volume", dest, source=_volume_source(name), name=name,
                            driver=driver, mode="z" if driver == "local" else "",
                            rw=not readonly)
    else:
        point = _MountPoint(typ, dest, rw=not readonly)
    return spec, point


def _health(flags: _Flags) -> dict[str, Any] | None:
    """``--health-*`` / ``--no-healthcheck`` → Config.Healthcheck (cli opts.go parse)."""
    if flags.as_bool("no-healthcheck"):
        return {"Test": ["NONE"]}
    cmd = flags.last("health-cmd") or ""
    durations = {
        "Interval": _go_duration(flags.last("health-interval") or "0"),
        "Timeout": _go_duration(flags.last("health-timeout") or "0"),
        "StartPeriod": _go_duration(flags.last("health-start-period") or "0"),
        "StartInterval": _go_duration(flags.last("health-start-interval") or "0"),
    }
    retries = flags.as_int("health-retries")
    if not cmd and not any(durations.values()) and not retries:
        return None
    out: dict[str, Any] = {}
    if cmd:
        out["Test"] = ["CMD-SHELL", cmd]
    out.update({k: v for k, v in durations.items() if v})
    if retries:
        out["Retries"] = retries
    return out


def _from_run(c: ContainerState, ep: EndpointState) -> bool:
    """Whether an endpoint comes from ``docker run/create --network`` (not ``network connect``)."""
    configs = list(c.spec.networks)
    if not configs:
        return ep.network == "bridge"
    for cfg in configs:
        name = "bridge" if cfg.network == "default" else cfg.network
        if name in (ep.network, ep.network_id) or (ep.network_id and
                                                    ep.network_id.startswith(name)):
            return True
    return False


def _is_user_defined(name: str) -> bool:
    """container.NetworkMode(name).IsUserDefined()."""
    return name not in ("bridge", "host", "none", "default") and not name.startswith(
        "container:"
    )


def _dns_names(c: ContainerState, ep: EndpointState) -> list[str] | None:
    """buildEndpointDNSNames: kept while stopped; never computed before the first start."""
    if ep.active:
        return list(ep.dns_names) or None
    if c.started is None or not _is_user_defined(ep.network):
        return None
    out: list[str] = []
    for n in (c.name, *ep.config.aliases, c.id[:12], c.hostname):
        if n and n not in out:
            out.append(n)
    return out


def _endpoint_settings(hs: HostState, c: ContainerState, ep: EndpointState, *,
                       omit_empty: bool = False, short_id_alias: bool = False) -> dict[str, Any]:
    """One ``NetworkSettings.Networks`` entry; ``omit_empty``: the engine's EndpointIPAMConfig
    leaves out empty addresses (≤ 28.x strings with omitempty: ``{}``); ``short_id_alias``:
    the daemon adds the short ID and hostname to the aliases of a user-defined network's
    endpoint it has set up (EngineProfile.aliases_list_short_id)."""
    cfg = ep.config
    connected = not _from_run(c, ep)
    aliases = list(cfg.aliases)
    if short_id_alias and _is_user_defined(ep.network) and (connected or c.started is not None):
        for name in (c.id[:12], c.hostname):
            if name and name not in aliases:
                aliases.append(name)
    ipam: dict[str, Any] | None = None
    if cfg.ipv4_address is not None or cfg.ipv6_address is not None or cfg.link_local_ips \
            or connected:
        ipam = {
            "IPv4Address": str(cfg.ipv4_address) if cfg.ipv4_address is not None else "",
            "IPv6Address": _go_ip(str(cfg.ipv6_address)) if cfg.ipv6_address is not None
            else "",
        }
        if cfg.link_local_ips:
            ipam["LinkLocalIPs"] = [_go_ip(str(a)) for a in cfg.link_local_ips]
        if omit_empty:
            ipam = {k: v for k, v in ipam.items() if v}
    active = ep.active
    net_state = hs.networks.get(ep.network)
    if active and ep.ipv4 is not None and net_state is not None and net_state.scope == "swarm":
        # a swarm network's attachment replaces it with the address swarmkit allocated
        # (v28.5.2:daemon/container_operations.go:702-712, executor/container/container.go
        # getEndpointConfig); a stop clears it again unless the user gave one
        # (cleanOperationalData: IPAMOperational)
        ipam = {"IPv4Address": str(ep.ipv4.ip), "IPv6Address": ""}
        if omit_empty:
            ipam = {k: v for k, v in ipam.items() if v}
    v6_gateway = ""
    if active and ep.ipv6 is not None:
        net = hs.networks.get(ep.network)
        sub6 = next((s for s in net.subnets if s.subnet.version == 6), None) if net else None
        if sub6 is not None and sub6.gateway is not None:
            v6_gateway = str(sub6.gateway)
    return {
        "IPAMConfig": ipam,
        "Links": list(cfg.links) or None,
        "Aliases": aliases if (aliases or connected) else None,
        "DriverOpts": _sorted_map(cfg.driver_opts) if (cfg.driver_opts or connected) else None,
        "GwPriority": cfg.gw_priority,
        "NetworkID": ep.network_id if c.started is not None else "",
        "EndpointID": ep.endpoint_id if active else "",
        "Gateway": str(ep.gateway) if active and ep.gateway is not None else "",
        "IPAddress": str(ep.ipv4.ip) if active and ep.ipv4 is not None else "",
        "MacAddress": (ep.mac or "") if active else "",
        "IPPrefixLen": ep.ipv4.network.prefixlen if active and ep.ipv4 is not None else 0,
        "IPv6Gateway": v6_gateway,
        "GlobalIPv6Address": str(ep.ipv6.ip) if active and ep.ipv6 is not None else "",
        "GlobalIPv6PrefixLen": ep.ipv6.network.prefixlen if active and ep.ipv6 is not None
        else 0,
        "DNSNames": _dns_names(c, ep),
    }


def _network_ports(hs: HostState, c: ContainerState) -> dict[str, Any]:
    """NetworkSettings.Ports (daemon/network.go getPortMapInfo): {} unless running.

    Only a bridge endpoint on a non-internal network reports the exposed ports (``null``)
    and the bindings; host, none, container, macvlan/ipvlan sandboxes report none.
    """
    if not c.running:
        return {}
    reports = False
    for ep in c.endpoints:
        net = hs.networks.get(ep.network)
        if ep.active and net is not None and net.driver == "bridge" and not net.internal:
            reports = True
    if not reports:
        return {}
    out: dict[str, list[dict[str, str]] | None] = dict.fromkeys(c.exposed_ports)
    for m in c.port_mappings:
        bound = out.get(m.port_key) or []
        bound.append({"HostIp": m.host_ip, "HostPort": str(m.host_port)})
        out[m.port_key] = bound
    return _sorted_map(out)


def _entrypoint_and_cmd(
    c: ContainerState, info: ImageInfo | None
) -> tuple[list[str] | None, list[str] | None]:
    """Config.Entrypoint/Cmd after the daemon merged the image (daemon/commit.go merge,
    create.go mergeAndVerifyConfig: an ``--entrypoint ""`` reset gives null)."""
    user_cmd = list(c.spec.command) or None
    if c.spec.entrypoint is None:  # no --entrypoint: the image's, and its CMD unless given
        entrypoint = list(info.entrypoint) if info is not None and info.entrypoint else None
        cmd = user_cmd or (list(info.cmd) if info is not None and info.cmd else None)
        return entrypoint, cmd
    if c.spec.entrypoint == () or c.spec.entrypoint == ("",):
        return None, user_cmd
    return list(c.spec.entrypoint), user_cmd


def _env(user: Sequence[str], info: ImageInfo | None) -> list[str] | None:
    """Config.Env: the user's ``-e`` values, then the image's variables they do not set
    (daemon/commit.go merge); the image's alone when netsim knows them."""
    out = list(user)
    keys = {e.partition("=")[0] for e in user}
    if info is not None and info.env is not None:
        out.extend(e for e in info.env if e.partition("=")[0] not in keys)
    return out or None


def _storage(state: State, c: ContainerState) -> tuple[str, dict[str, Any]]:
    """``Driver`` and the storage block after ``HostConfig``.

    containerd store: ``overlayfs`` and ``Storage``. Graph driver: ``overlay2`` and
    ``GraphDriver`` (daemon/inspect.go getInspectData), whose ``Data`` names the container's
    layer directories: its RW layer, the ``-init`` layer under it, then the image's layer
    (the stand-ins are single-layer ``docker import``s; a real image's layers are not known,
    so it shows one). The layer IDs are random in Docker; here they derive from the seed.
    """
    profile = state.profile
    if profile.image_store == "containerd":
        return "overlayfs", {"Storage": {"RootFS": {"Snapshot": {"Name": "overlayfs"}}}}
    root = f"{_DOCKER_ROOT}/overlay2"
    layer = hex_id(state.seed, "rw-layer", c.host, c.id)
    image_layer = hex_id(state.seed, "image-layer", c.host, c.image_id or c.spec.image)
    data = {
        "ID": c.id,
        "LowerDir": f"{root}/{layer}-init/diff:{root}/{image_layer}/diff",
        "MergedDir": f"{root}/{layer}/merged",
        "UpperDir": f"{root}/{layer}/diff",
        "WorkDir": f"{root}/{layer}/work",
    }
    return "overlay2", {"GraphDriver": {"Data": _shaped(data, profile.graph_driver_data_keys),
                                        "Name": "overlay2"}}


def container(state: State, c: ContainerState) -> dict[str, Any]:
    """``docker inspect CONTAINER`` (one element of the printed list)."""
    hs = state.host(c.host)
    profile = state.profile
    spec = c.spec
    flags = _Flags(spec.options)
    info, extras = _image_facts(spec.image)
    running = c.running
    started_once = c.started is not None

    owner: ContainerState | None = None
    if c.network_mode.startswith("container:"):
        ref = c.sandbox_owner or c.network_mode.partition(":")[2]
        try:
            owner = _find_container(hs, ref)
        except KeyError:
            owner = None

    # ---------------------------------------------------------------- Path / Args
    entrypoint, cmd = _entrypoint_and_cmd(c, info)
    argv = (entrypoint or []) + (cmd or [])
    path, args = (argv[0], argv[1:]) if argv else ("", [])

    # ---------------------------------------------------------------- State
    health_cfg = _health(flags)
    st: dict[str, Any] = {
        "Status": c.state_string,
        "Running": running,
        "Paused": c.paused,
        "Restarting": False,
        "OOMKilled": False,
        "Dead": False,
        "Pid": _pid(c),
        "ExitCode": c.exit_code,
        "Error": c.error,
        "StartedAt": timestamp(c.started),
        "FinishedAt": timestamp(c.finished),
    }
    if started_once and health_cfg is not None and health_cfg.get("Test") != ["NONE"] \
            and health_cfg.get("Test"):
        st["Health"] = {"Status": "starting", "FailingStreak": 0, "Log": []}

    # ---------------------------------------------------------------- HostConfig
    log_driver = flags.last("log-driver") or "json-file"
    privileged = flags.as_bool("privileged")
    security_opts = flags.all("security-opt")
    system_paths_unconfined = "systempaths=unconfined" in security_opts
    security_opts = [o for o in security_opts if o != "systempaths=unconfined"]
    ipc = _resolve_ref_mode(hs, flags.last("ipc") or "private")
    pid_mode = _resolve_ref_mode(hs, flags.last("pid") or "")
    if (privileged or ipc == "host" or pid_mode == "host") and not any(
        o.split("=")[0] == "label" for o in security_opts
    ):
        security_opts.append("label=disable")  # create.go generateSecurityOpt
    binds, anonymous, mount_points = _volumes(c, flags)
    mounts_spec: list[dict[str, Any]] = []
    for raw in flags.all("mount"):
        m_spec, m_point = _mount_flag(c, raw)
        mounts_spec.append(m_spec)
        mount_points.append(m_point)
    memory = flags.as_bytes("memory")
    swap_raw = flags.last("memory-swap")
    memory_swap = 0
    if swap_raw == "-1":
        memory_swap = -1
    elif swap_raw:
        memory_swap = _ram_in_bytes(swap_raw) or 0
    if memory > 0 and memory_swap == 0:
        memory_swap = memory * 2  # daemon_unix.go adaptContainerSettings
    pids_limit = flags.as_int("pids-limit")
    # the daemon's default cgroupns mode: host on cgroup v1 (and for --privileged there),
    # private on v2 (v28.5.2:daemon/config/config_linux.go:26-30,151-155, daemon_unix.go:
    # 354-365 adaptContainerSettings)
    cgroup_v2 = hs.host.cgroup == "v2"
    cgroupns_default = "private" if cgroup_v2 and not privileged else "host"
    masked: list[str] | None = None
    readonly: list[str] | None = None
    if system_paths_unconfined:
        masked, readonly = [], []
    elif not privileged:
        masked = [*profile.masked_paths,
                  *(f"/sys/devices/system/cpu/cpu{n}/thermal_throttle"
                    for n in hs.host.thermal_throttle if profile.masks_thermal_throttle)]
        readonly = list(_READONLY_PATHS)
    unset_null = profile.cli_unset_lists_null  # unset blkio throttles and ulimits: null
    gpus = [_gpu_request(v) for v in flags.all("gpus")]
    cdi = [d for d in flags.all("device") if re.fullmatch(r"[^/:=]+/[^/:=]+=\S+", d)]
    if cdi:
        gpus.append({"Driver": "cdi", "Count": 0, "DeviceIDs": cdi, "Capabilities": None,
                     "Options": None})
    devices = [_device(d) for d in flags.all("device") if d not in cdi]
    links = [f"/{child}:/{c.name}/{alias}" for child, alias in c.legacy_links
             if child in hs.containers]

    hc: dict[str, Any] = {
        "Binds": binds or None,
        "ContainerIDFile": flags.last("cidfile") or "",
        "LogConfig": {"Type": log_driver, "Config": _sorted_map(_kv_map(flags.all("log-opt")))},
        "NetworkMode": _network_mode(hs, c, profile),
        "PortBindings": _port_bindings(c),
        "RestartPolicy": _restart_policy(spec.restart),
        "AutoRemove": spec.auto_remove,
        "VolumeDriver": flags.last("volume-driver") or "",
        "VolumesFrom": flags.all("volumes-from") or None,
    }
    if not profile.host_config_console_size_late:
        hc["ConsoleSize"] = [0, 0]
    annotations = _kv_map(flags.all("annotation"))
    if annotations:
        hc["Annotations"] = _sorted_map(annotations)
    hc.update({
        "CapAdd": flags.all("cap-add") or None,
        "CapDrop": flags.all("cap-drop") or None,
        "CgroupnsMode": flags.last("cgroupns") or cgroupns_default,
        "Dns": [_go_ip(d) for d in spec.dns] or ([] if profile.cli_dns_empty_list else None),
        "DnsOptions": list(spec.dns_options),
        "DnsSearch": list(spec.dns_search),
        "ExtraHosts": [_extra_host(h) for h in spec.add_hosts] or None,
        "GroupAdd": flags.all("group-add") or None,
        "IpcMode": ipc,
        "Cgroup": "",
        "Links": links or None,
        "OomScoreAdj": flags.as_int("oom-score-adj"),
        "PidMode": pid_mode,
        "Privileged": privileged,
        "PublishAllPorts": spec.publish_all,
        "ReadonlyRootfs": flags.as_bool("read-only"),
        "SecurityOpt": security_opts or None,
    })
    storage_opt = _kv_map(flags.all("storage-opt"))
    if storage_opt:
        hc["StorageOpt"] = _sorted_map(storage_opt)
    tmpfs = {k: v for k, _, v in (t.partition(":") for t in flags.all("tmpfs"))}
    if tmpfs:
        hc["Tmpfs"] = _sorted_map(tmpfs)
    hc.update({
        "UTSMode": flags.last("uts") or "",
        "UsernsMode": flags.last("userns") or "",
        "ShmSize": flags.as_bytes("shm-size") or _DEFAULT_SHM_SIZE,
    })
    sysctls = _kv_map(flags.all("sysctl"))
    if sysctls:
        hc["Sysctls"] = _sorted_map(sysctls)
    hc.update({
        "Runtime": flags.last("runtime") or "runc",
    })
    if profile.host_config_console_size_late:
        hc["ConsoleSize"] = [0, 0]
    hc.update({
        "Isolation": flags.last("isolation") or "",
        # Resources (embedded)
        "CpuShares": flags.as_int("cpu-shares"),
        "Memory": memory,
        "NanoCpus": _nano_cpus(flags.last("cpus") or "0"),
        "CgroupParent": flags.last("cgroup-parent") or "",
        "BlkioWeight": flags.as_int("blkio-weight"),
        "BlkioWeightDevice": _weight_devices(flags.all("blkio-weight-device")),
        "BlkioDeviceReadBps": _throttle(flags.all("device-read-bps"), bps=True, null=unset_null),
        "BlkioDeviceWriteBps": _throttle(flags.all("device-write-bps"), bps=True, null=unset_null),
        "BlkioDeviceReadIOps": _throttle(flags.all("device-read-iops"), bps=False, null=unset_null),
        "BlkioDeviceWriteIOps": _throttle(flags.all("device-write-iops"), bps=False,
                                          null=unset_null),
        "CpuPeriod": flags.as_int("cpu-period"),
        "CpuQuota": flags.as_int("cpu-quota"),
        "CpuRealtimePeriod": flags.as_int("cpu-rt-period"),
        "CpuRealtimeRuntime": flags.as_int("cpu-rt-runtime"),
        "CpusetCpus": flags.last("cpuset-cpus") or "",
        "CpusetMems": flags.last("cpuset-mems") or "",
        "Devices": devices,
        "DeviceCgroupRules": flags.all("device-cgroup-rule") or None,
        "DeviceRequests": gpus or None,
        # --kernel-memory is discarded without kmem accounting (cgroup v2)
        **({"KernelMemory": 0, "KernelMemoryTCP": 0} if profile.host_config_kernel_memory
           else {}),
        "MemoryReservation": flags.as_bytes("memory-reservation"),
        "MemorySwap": memory_swap,
        # cgroup v2 has no memory.swappiness: the daemon drops it (verifyPlatformContainer…)
        "MemorySwappiness": None,
        # set to false at create; dropped again at start on cgroup v2 (no OomKillDisable)
        "OomKillDisable": None if started_once and cgroup_v2 else False,
        "PidsLimit": pids_limit if pids_limit > 0 else None,
        "Ulimits": _ulimits(flags.all("ulimit")) or (None if unset_null else []),
        "CpuCount": flags.as_int("cpu-count"),
        "CpuPercent": 0,  # Linux: "does not support CPU percent. Percent discarded."
        "IOMaximumIOps": flags.as_int("io-maxiops"),
        "IOMaximumBandwidth": flags.as_bytes("io-maxbandwidth"),
    })
    if mounts_spec:
        hc["Mounts"] = mounts_spec
    hc["MaskedPaths"] = masked
    hc["ReadonlyPaths"] = readonly
    if flags.given("init"):
        hc["Init"] = flags.as_bool("init")

    # ---------------------------------------------------------------- top level
    paths = _paths(c, owner)
    if started_once and log_driver == "json-file":
        paths["LogPath"] = f"{_DOCKER_ROOT}/containers/{c.id}/{c.id}-json.log"
    apparmor = next((o.partition("=")[2] for o in security_opts
                     if o.startswith("apparmor=")), "")
    if not hs.host.apparmor:  # daemon/oci_linux.go WithApparmor: only if HostSupports()
        apparmor = ""
    elif started_once:
        apparmor = "unconfined" if privileged else (apparmor or "docker-default")

    # ---------------------------------------------------------------- Config
    detach = spec.detach
    attach = {a.lower() for a in flags.all("attach")}
    attach_stdin = not detach and (spec.interactive or "stdin" in attach)
    attach_out = not detach and (not attach or "stdout" in attach)
    attach_err = not detach and (not attach or "stderr" in attach)
    user = flags.last("user") or ""
    if not user and info is not None and info.user != "root":
        user = info.user
    hostname = c.hostname
    domainname = spec.domainname or ""
    if owner is not None and c.started is not None:
        hostname, domainname = owner.hostname, owner.spec.domainname or ""
    labels = dict(extras.labels)
    labels.update(_kv_map(spec.labels))
    config: dict[str, Any] = {
        "Hostname": hostname,
        "Domainname": domainname,
        "User": user,
        "AttachStdin": attach_stdin,
        "AttachStdout": attach_out,
        "AttachStderr": attach_err,
    }
    if c.exposed_ports:
        config["ExposedPorts"] = _sorted_map({k: {} for k in c.exposed_ports})
    config.update({
        "Tty": spec.tty,
        "OpenStdin": spec.interactive,
        "StdinOnce": spec.interactive and attach_stdin,
        "Env": _env(spec.env, info),
        "Cmd": cmd,
    })
    if health_cfg is not None:
        config["Healthcheck"] = health_cfg
    config.update({
        "Image": spec.image,
        "Volumes": _sorted_map({k: {} for k in anonymous}) if anonymous else None,
        "WorkingDir": flags.last("workdir") or "",
        "Entrypoint": entrypoint,
    })
    if profile.config_prints_onbuild:
        config["OnBuild"] = None  # the image's ONBUILD is not known
    config["Labels"] = _sorted_map(labels)
    stop_signal = flags.last("stop-signal") or (info.stop_signal if info is not None else "") \
        or extras.stop_signal
    if stop_signal:
        config["StopSignal"] = stop_signal
    if flags.given("stop-timeout"):
        config["StopTimeout"] = flags.as_int("stop-timeout")

    # ---------------------------------------------------------------- NetworkSettings
    sandbox_id = sandbox_key = ""
    # a stopped container has none, or its last one (EngineProfile.stopped_keeps_sandbox)
    if (running or c.sandbox_id) and not c.network_mode.startswith("container:"):
        sandbox_id = _sandbox_id(c)
        key = "default" if c.network_mode == "host" else sandbox_id[:12]
        sandbox_key = f"{_NETNS_DIR}/{key}"
    networks: dict[str, Any] = {}
    if not c.network_mode.startswith("container:"):
        networks = _sorted_map(
            (ep.network, _shaped(_endpoint_settings(
                hs, c, ep, omit_empty=state.profile.ipam_config_omits_empty,
                short_id_alias=state.profile.aliases_list_short_id),
                                 state.profile.endpoint_settings_keys))
            for ep in c.endpoints if not _gateway_only(ep))
    # ≤ 28.x: the deprecated NetworkSettingsBase fields (never set by the daemon, ``Bridge``
    # only with dockerd --bridge) and DefaultNetworkSettings, the "bridge" endpoint's values
    # repeated at the top (v28.5.2:daemon/inspect.go:234-250 getDefaultNetworkSettings)
    bridge_ep = networks.get("bridge", {})
    network_settings = _shaped({
        "Bridge": "",
        "SandboxID": sandbox_id,
        "SandboxKey": sandbox_key,
        "Ports": _network_ports(hs, c),
        "HairpinMode": False,
        "LinkLocalIPv6Address": "",
        "LinkLocalIPv6PrefixLen": 0,
        "SecondaryIPAddresses": None,
        "SecondaryIPv6Addresses": None,
        **{k: bridge_ep.get(k, 0 if k.endswith("PrefixLen") else "")
           for k in ("EndpointID", "Gateway", "GlobalIPv6Address", "GlobalIPv6PrefixLen",
                     "IPAddress", "IPPrefixLen", "IPv6Gateway", "MacAddress")},
        "Networks": networks,
    }, state.profile.network_settings_keys)

    storage_driver, storage = _storage(state, c)
    return {
        "Id": c.id,
        "Created": timestamp(c.created),
        "Path": path,
        "Args": args,
        "State": st,
        "Image": c.image_id,
        "ResolvConfPath": paths["ResolvConfPath"],
        "HostnamePath": paths["HostnamePath"],
        "HostsPath": paths["HostsPath"],
        "LogPath": paths["LogPath"],
        "Name": "/" + c.name,
        "RestartCount": c.restart_count,
        "Driver": storage_driver,
        "Platform": "linux",
        "MountLabel": "",
        "ProcessLabel": "",
        "AppArmorProfile": apparmor,
        "ExecIDs": None,
        "HostConfig": hc,
        **storage,
        "Mounts": [p.to_json() for p in mount_points],
        "Config": config,
        "NetworkSettings": network_settings,
    }
