"""One host's ``docker inspect`` objects as netsim's own: a network's :class:`NetworkState`, a
container's :class:`ContainerState` with its endpoints, port mappings and create request, in
the Engine API's names (moby api/types/container ``InspectResponse``, api/types/network
``Inspect``; docs.docker.com/reference/api/engine/ ContainerInspect, NetworkInspect).

Nothing is re-allocated: the addresses, MACs, IDs and names are the dump's. What a dump does
not say, and netsim must still choose, is listed in docs/live-systems.md: the containers'
interface names (``eth0`` for the network of the container's network mode, then the others by
name), the kernel's interface indexes, whether an IPAM-chosen subnet was the user's.

Field paths in errors are the dump's: ``server1.json: [3].NetworkSettings.Networks.front.
IPAddress: not an IPv4 address (got "10.0.0.300")``.
"""

from __future__ import annotations

import datetime as dt
import functools
import ipaddress
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from netsim.api import (
    NO_ENDPOINT_SETTINGS,
    ContainerConfig,
    ContainerSpec,
    EndpointSettings,
    HostConfig,
    NetworkingConfig,
    NetworkSpec,
)
from netsim.api.ports import port_key_parts
from netsim.daemon.drivers.bridge import check_bridge_options
from netsim.daemon.ports import port_sort_key
from netsim.errors import DaemonError, InputError
from netsim.io.dump.reader import HostDump
from netsim.state import EPOCH, ContainerState, EndpointState, PortMapping, assemble
from netsim.versions import PROFILES, EngineProfile

__all__ = ["ImportedContainer", "ImportedNetwork", "Unused", "clock_of", "convert_container",
           "convert_network", "engine_of"]

_ZERO_TIME = "0001-01-01T00:00:00Z"
_TIME = re.compile(r"(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:\.(\d{1,9}))?"
                   r"(Z|[+-]\d\d:\d\d)")
_HEX = re.compile(r"[0-9a-f]{64}")


class Unused:
    """The dump's fields netsim does not use, with how many objects carry a value there: said
    once, never silently dropped."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}

    def add(self, path: str) -> None:
        self.counts[path] = self.counts.get(path, 0) + 1

    def summary(self) -> list[str]:
        return [f"{p} ({n})" if n > 1 else p for p, n in sorted(self.counts.items())]


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == 0 or value is False or value == [] \
        or value == {}


# ----------------------------------------------------------------------------- field access


def _err(where: str, path: str, what: str, value: Any = None, accepted: str | None = None
         ) -> InputError:
    got = value if value is None or isinstance(value, (str, int, float, bool)) else \
        type(value).__name__
    return InputError(f"{where}.{path}" if path else where, what,
                      got=got if value is not None else None, accepted=accepted)


def _str(obj: Mapping[str, Any], key: str, where: str, *, default: str | None = None) -> str:
    value = obj.get(key, default)
    if value is None:
        value = default
    if not isinstance(value, str):
        raise _err(where, key, "must be a string" if key in obj else "is missing", value)
    return value


def _map(obj: Mapping[str, Any], key: str, where: str) -> dict[str, Any]:
    value = obj.get(key)
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise _err(where, key, "must be a JSON object", value)
    return value


def _bool(obj: Mapping[str, Any], key: str, where: str, default: bool = False) -> bool:
    value = obj.get(key, default)
    if value is None:
        return default
    if not isinstance(value, bool):
        raise _err(where, key, "must be true or false", value)
    return value


def _int(obj: Mapping[str, Any], key: str, where: str, default: int = 0) -> int:
    value = obj.get(key, default)
    if value is None:
        return default
    if isinstance(value, bool) or not isinstance(value, int):
        raise _err(where, key, "must be an integer", value)
    return value


def _strmap(obj: Mapping[str, Any], key: str, where: str) -> dict[str, str]:
    out = _map(obj, key, where)
    for k, v in out.items():
        if not isinstance(v, str):
            raise _err(where, f"{key}.{k}", "must be a string", v)
    return out


def _strlist(obj: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = obj.get(key)
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _err(where, key, "must be a list of strings", value)
    return tuple(value)


@dataclass(frozen=True, slots=True)
class _Time:
    """A time of the dump: nanoseconds from :data:`netsim.state.EPOCH`, and the digits of its
    fraction of a second as Docker printed them."""

    nanos: int
    digits: str

    @property
    def seconds(self) -> int:
        """netsim's clock: whole seconds."""
        return self.nanos // 1_000_000_000

    @property
    def fraction(self) -> tuple[int, str] | None:
        """(second, digits) for ContainerState.fractions; None when there are none."""
        return (self.seconds, self.digits) if self.digits else None


def _time(obj: Mapping[str, Any], key: str, where: str) -> _Time | None:
    """An RFC 3339 time; None for Go's zero time."""
    text = _str(obj, key, where, default=_ZERO_TIME)
    if text in (_ZERO_TIME, ""):
        return None
    found = _parse_time(text)
    if found is None:
        raise _err(where, key, "not an RFC 3339 time", text,
                   accepted="2006-01-02T15:04:05.999999999Z")
    return found


def _seconds(t: _Time | None) -> int | None:
    return None if t is None else t.seconds


def fractions(pairs: list[tuple[str, _Time | None]]) -> dict[str, tuple[int, str]]:
    """ContainerState.fractions of the dump's times."""
    return {k: f for k, v in pairs if v is not None and (f := v.fraction) is not None}


def _parse_time(text: str) -> _Time | None:
    m = _TIME.fullmatch(text)
    if m is None:
        return None
    zone = m.group(8)
    try:
        # the date and time to the second, then the zone (Docker writes UTC, "Z")
        t = dt.datetime.fromisoformat(text[:19]).replace(
            tzinfo=dt.UTC if zone == "Z" else dt.datetime.strptime(zone, "%z").tzinfo)
    except ValueError:
        return None
    delta = t - EPOCH
    frac = int((m.group(7) or "").ljust(9, "0"))
    return _Time((delta.days * 86400 + delta.seconds) * 1_000_000_000 + frac, m.group(7) or "")


def clock_of(host: HostDump) -> int | None:
    """When the dump was taken, from ``docker info``'s ``SystemTime``, if given."""
    info = host.info
    if not info or info.get("SystemTime") in (None, ""):
        return None
    text = info["SystemTime"]
    found = _parse_time(text) if isinstance(text, str) else None
    if found is None:
        raise InputError(f"{_beside(host, 'info')}: SystemTime", "not an RFC 3339 time",
                         got=text, accepted="2006-01-02T15:04:05.999999999Z")
    return found.seconds


def _beside(host: HostDump, part: str) -> str:
    """The path of a host's ``HOST.version.json`` or ``HOST.info.json``."""
    return str(Path(host.source).with_name(f"{host.name}.{part}.json"))


#: addresses are immutable: a dump repeats its gateways and prefixes thousands of times
_PARSERS: dict[int | None, Callable[[Any], ipaddress.IPv4Address | ipaddress.IPv6Address]] = {
    4: functools.lru_cache(maxsize=65536)(ipaddress.IPv4Address),
    6: functools.lru_cache(maxsize=65536)(ipaddress.IPv6Address),
    None: functools.lru_cache(maxsize=65536)(ipaddress.ip_address)}


def _ip(value: Any, where: str, path: str, version: int | None = None
        ) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise _err(where, path, "not an IP address", value)
    try:
        addr = _PARSERS[version](value)
    except ValueError:
        raise _err(where, path, f"not an IPv{version} address" if version else
                   "not an IP address", value) from None
    if version is not None and addr.version != version:
        raise _err(where, path, f"not an IPv{version} address", value)
    return addr


def _net(value: Any, where: str, path: str
         ) -> ipaddress.IPv4Network | ipaddress.IPv6Network | None:
    if value in (None, ""):
        return None
    try:
        return ipaddress.ip_network(value, strict=False)
    except (ValueError, TypeError):
        raise _err(where, path, "not a subnet (CIDR)", value) from None


_KNOWN_KEYS: dict[type[Any], frozenset[str]] = {}


def _known_keys(kind: type[Any]) -> frozenset[str]:
    found = _KNOWN_KEYS.get(kind)
    if found is None:
        found = _KNOWN_KEYS[kind] = frozenset(kind.model_fields)
    return found


def _model(kind: type[Any], data: Mapping[str, Any], where: str, path: str,
           unused: Unused, prefix: str) -> Any:
    """``data`` as the API model ``kind``: the keys it knows (null: its default), the others
    counted as unused; the model's first complaint as one line at the dump's field path."""
    known = _known_keys(kind)
    given = {k: v for k, v in data.items() if v is not None and k in known}
    for k in data.keys() - known:
        if not _empty(data[k]):
            unused.add(f"{prefix}.{k}")
    try:
        return kind.model_validate(given)
    except ValidationError as err:
        first = err.errors()[0]
        loc = ".".join(str(p) for p in first["loc"])
        raise InputError(f"{where}.{path}.{loc}" if loc else f"{where}.{path}",
                         first["msg"]) from None


# ----------------------------------------------------------------------------- engines


def engine_of(host: HostDump) -> tuple[EngineProfile | None, str]:
    """The Docker Engine whose rules apply to a host's dump, and how it was told: from
    ``docker version`` when given, else from the API shape of its containers' endpoints
    (``GwPriority`` is new in API 1.48 (28.0), ``DNSNames`` in 1.44 (25.0); the deprecated
    ``NetworkSettings.Bridge``/``HairpinMode`` are gone in 1.52 (29.0):
    docs.docker.com/reference/api/engine/version-history/). None: the dump cannot tell."""
    version = _server_version(host.version)
    if version is not None:
        m = re.match(r"(\d+)\.(\d+)", version)
        if m is None:
            key = "Server.Version" if isinstance((host.version or {}).get("Server"), dict) \
                else "Version"
            raise InputError(f"{_beside(host, 'version')}: {key}",
                             "not a Docker Engine version", got=version,
                             accepted="MAJOR.MINOR.PATCH, as docker version prints it")
        major, minor = int(m.group(1)), int(m.group(2))
        for p in PROFILES.values():
            pm, pn = (int(x) for x in p.name.split("."))
            if (pm, pn) == (major, minor):
                return p, f"docker version says {version}"
        # the newest modelled engine not newer than it (or the oldest)
        older = [p for p in PROFILES.values()
                 if tuple(int(x) for x in p.name.split(".")) <= (major, minor)]
        chosen = max(older, key=lambda p: tuple(int(x) for x in p.name.split("."))) \
            if older else min(PROFILES.values(),
                              key=lambda p: tuple(int(x) for x in p.name.split(".")))
        return chosen, f"docker version says {version}, not modelled: {chosen.name}'s rules"
    for c in host.containers:
        ns = c.obj.get("NetworkSettings")
        if not isinstance(ns, dict):
            continue
        nets = ns.get("Networks")
        ep = next(iter(nets.values()), None) if isinstance(nets, dict) and nets else None
        if not isinstance(ep, dict):
            continue
        if "GwPriority" in ep:
            name = "28.5" if "Bridge" in ns or "HairpinMode" in ns else "29.1"
        elif "DNSNames" in ep:
            name = "26.1"
        else:
            name = "20.10"
        return PROFILES[name], (f"no docker version beside the dump: engine {name}'s rules, "
                                "as the dump's API shape tells")
    return None, ""


def _server_version(version: Mapping[str, Any] | None) -> str | None:
    """``Server.Version`` of ``docker version``'s JSON, or ``Version`` of ``GET /version``."""
    if not version:
        return None
    server = version.get("Server")
    if isinstance(server, dict) and isinstance(server.get("Version"), str):
        return str(server["Version"])
    if isinstance(version.get("Version"), str) and "ApiVersion" in version:
        return str(version["Version"])
    return None


# ----------------------------------------------------------------------------- networks


@dataclass
class ImportedNetwork:
    """A network of the dump, before the engine takes it in."""

    where: str
    id: str
    name: str
    driver: str
    scope: str
    spec: NetworkSpec
    created: int | None
    predefined: bool
    #: per subnet: the address its IPAM config shows as gateway (None: not shown)
    gateways: dict[str, ipaddress.IPv4Address | ipaddress.IPv6Address | None]
    #: the network's ``Containers`` entries: by key (a container ID, ``lb-NAME``,
    #: ``ingress-sbox``), each (Name, IPv4 interface, MAC, EndpointID)
    members: dict[str, tuple[str, ipaddress.IPv4Interface | None, str, str]]
    options: dict[str, str]
    labels: dict[str, str]
    #: allocated by swarmkit (an overlay whose subnet the allocator refused shows no Driver)
    allocated: bool = True
    #: Created's fraction of a second (NetworkState.fractions)
    fractions: dict[str, tuple[int, str]] = field(default_factory=dict)


def convert_network(loc_where: str, n: Mapping[str, Any], unused: Unused) -> ImportedNetwork:
    """A network inspect object (GET /networks/{id}) as an :class:`ImportedNetwork`."""
    w = loc_where
    name = _str(n, "Name", w)
    if not name:
        raise _err(w, "Name", "is empty")
    nid = _str(n, "Id", w)
    if not nid:
        raise _err(w, "Id", "is empty")
    scope = _str(n, "Scope", w, default="local")
    if scope not in ("local", "swarm", "global"):
        raise _err(w, "Scope", "unknown scope", scope, accepted="local, swarm, global")
    driver = _str(n, "Driver", w, default="")
    allocated = bool(driver) or scope != "swarm"
    ipam = _map(n, "IPAM", w)
    for key in ipam.keys() - {"Driver", "Options", "Config"}:
        if not _empty(ipam[key]):
            unused.add(f"network.IPAM.{key}")
    configs_raw = ipam.get("Config")
    if configs_raw is None:
        configs_raw = []
    if not isinstance(configs_raw, list):
        raise _err(w, "IPAM.Config", "must be a list", configs_raw)
    configs: list[dict[str, Any]] = []
    gateways: dict[str, ipaddress.IPv4Address | ipaddress.IPv6Address | None] = {}
    for i, cfg in enumerate(configs_raw):
        path = f"IPAM.Config[{i}]"
        if not isinstance(cfg, dict):
            raise _err(w, path, "must be a JSON object", cfg)
        subnet = _net(cfg.get("Subnet"), w, f"{path}.Subnet")
        if subnet is None:
            raise _err(w, f"{path}.Subnet", "is missing")
        ip_range = _net(cfg.get("IPRange"), w, f"{path}.IPRange")
        if ip_range is not None and not ip_range.subnet_of(subnet):  # type: ignore[arg-type]
            raise _err(w, f"{path}.IPRange", f"not inside the subnet {subnet}", str(ip_range))
        gateway = _ip(cfg.get("Gateway"), w, f"{path}.Gateway", subnet.version)
        aux = _map(cfg, "AuxiliaryAddresses", f"{w}.{path}")
        entry: dict[str, Any] = {"Subnet": str(subnet)}
        if ip_range is not None:
            entry["IPRange"] = str(ip_range)
        if gateway is not None:
            entry["Gateway"] = str(gateway)
        if aux:
            entry["AuxiliaryAddresses"] = {
                k: str(_ip(v, w, f"{path}.AuxiliaryAddresses.{k}", subnet.version))
                for k, v in aux.items()}
        for key in cfg:
            if key not in ("Subnet", "IPRange", "Gateway", "AuxiliaryAddresses") \
                    and not _empty(cfg[key]):
                unused.add(f"network.IPAM.Config.{key}")
        if str(subnet) in gateways:
            raise _err(w, f"{path}.Subnet", "the subnet is listed twice", str(subnet))
        gateways[str(subnet)] = gateway
        configs.append(entry)
    options = _strmap(n, "Options", w)
    labels = _strmap(n, "Labels", w)
    config_from = _map(n, "ConfigFrom", w).get("Network") or None
    ipam_options = ipam.get("Options")
    if ipam_options is not None and not isinstance(ipam_options, dict):
        raise _err(w, "IPAM.Options", "must be a JSON object", ipam_options)
    predefined = name in ("bridge", "host", "none") and (
        name != "bridge" or options.get("com.docker.network.bridge.default_bridge") == "true")
    try:
        spec = NetworkSpec(
            Name=name, Driver=driver or "overlay", Scope=scope if scope != "local" else None,
            EnableIPv4=_bool(n, "EnableIPv4", w, True), EnableIPv6=_bool(n, "EnableIPv6", w),
            IPAM={"Driver": _str(ipam, "Driver", f"{w}.IPAM", default="default"),
                  "Options": ipam_options,
                  "Config": configs},
            Internal=_bool(n, "Internal", w), Attachable=_bool(n, "Attachable", w),
            Ingress=_bool(n, "Ingress", w), ConfigOnly=_bool(n, "ConfigOnly", w),
            ConfigFrom={"Network": config_from} if config_from else None,
            Options=options, Labels=labels)
    except ValidationError as err:
        first = err.errors()[0]
        raise InputError(w, first["msg"]) from None
    if spec.Driver == "bridge":
        try:  # the values the driver parses (true/false, the MTU): Docker's words if refused
            check_bridge_options(spec, ())
        except DaemonError as err:
            raise _err(w, "Options", err.text) from None
    members: dict[str, tuple[str, ipaddress.IPv4Interface | None, str, str]] = {}
    for key, m in _map(n, "Containers", w).items():
        path = f"Containers.{key}"
        if not isinstance(m, dict):
            raise _err(w, path, "must be a JSON object", m)
        name_of = m.get("Name")
        # read: libnetwork's own sandboxes (lb-NET, ingress-sbox) and docker_gwbridge's
        # gateway endpoints; a container's own entry repeats its NetworkSettings
        if not (key.startswith(("lb-", "ingress-sbox"))
                or (isinstance(name_of, str) and name_of.startswith("gateway_"))):
            continue
        v4 = m.get("IPv4Address") or None
        try:
            iface = ipaddress.IPv4Interface(v4) if v4 else None
        except (ValueError, TypeError):
            raise _err(w, f"{path}.IPv4Address", "not an IPv4 address with its prefix",
                       v4) from None
        members[key] = (_str(m, "Name", f"{w}.{path}", default=""), iface,
                        _str(m, "MacAddress", f"{w}.{path}", default=""),
                        _str(m, "EndpointID", f"{w}.{path}", default=""))
    for key in n:
        if key not in _NETWORK_USED and not _empty(n[key]):
            unused.add(f"network.{key}")
    created = _time(n, "Created", w)
    return ImportedNetwork(
        where=w, id=nid, name=name, driver=driver or "overlay", scope=scope, spec=spec,
        created=_seconds(created), predefined=predefined, gateways=gateways,
        members=members, options=options, labels=labels, allocated=allocated,
        fractions=fractions([("Created", created)]))


#: the network fields netsim reads (``Status`` and ``Peers`` it derives: IPAM's counts, the
#: swarm's nodes)
_NETWORK_USED = frozenset({
    "Name", "Id", "Created", "Scope", "Driver", "EnableIPv4", "EnableIPv6", "IPAM", "Internal",
    "Attachable", "Ingress", "ConfigFrom", "ConfigOnly", "Containers", "Options", "Labels",
    "Peers", "Status"})


# ----------------------------------------------------------------------------- containers


@dataclass
class ImportedContainer:
    """A container of the dump, before the engine takes it in: its state with endpoints whose
    kernel numbers (interface indexes) the engine still has to give."""

    where: str
    state: ContainerState
    #: the ``container:<ID>`` target, if the network mode names one
    owner: str | None = None
    #: ``NetworkSettings.Networks`` keys whose NetworkID names no network of the dump's host
    unknown_networks: list[str] = field(default_factory=list)
    #: State.StartedAt in nanoseconds (a container: joiner shares its owner's namespace only
    #: if the owner has not restarted since)
    started_ns: int | None = None


#: the container fields netsim reads, or derives from what it reads (paths, Pid, Mounts,
#: GraphDriver, ExecIDs are the engine's own; see docs/live-systems.md)
_CONTAINER_USED = frozenset({
    "Id", "Created", "Path", "Args", "State", "Image", "ResolvConfPath", "HostnamePath",
    "HostsPath", "LogPath", "Name", "RestartCount", "Driver", "Platform", "MountLabel",
    "ProcessLabel", "AppArmorProfile", "ExecIDs", "HostConfig", "GraphDriver", "Storage",
    "Mounts", "Config", "NetworkSettings", "SizeRw", "SizeRootFs", "ImageManifestDescriptor"})

#: the State fields netsim reads, or prints from its own (Pid, Health's log)
_STATE_USED = frozenset({"Status", "Running", "Paused", "Restarting", "Dead", "Pid", "ExitCode",
                         "Error", "StartedAt", "FinishedAt", "Health"})

#: the NetworkSettings fields netsim reads; the default network's copies of its endpoint
#: (≤ 28.x: Bridge, EndpointID, Gateway, IPAddress …) it prints from that endpoint, so a value
#: they alone carry (SecondaryIPAddresses, a link-local IPv6 address) is not used
_NETWORK_SETTINGS_USED = frozenset({
    "SandboxID", "SandboxKey", "Ports", "Networks", "Bridge", "HairpinMode", "EndpointID",
    "Gateway", "GlobalIPv6Address", "GlobalIPv6PrefixLen", "IPAddress", "IPPrefixLen",
    "IPv6Gateway", "MacAddress"})

_STATES = {"created": "created", "running": "running", "paused": "running",
           "restarting": "exited", "removing": "removing", "exited": "exited", "dead": "exited"}


def convert_container(loc_where: str, c: Mapping[str, Any], unused: Unused,
                      network_names: Callable[[str], str | None],
                      profile: EngineProfile) -> ImportedContainer:
    """A container inspect object (GET /containers/{id}/json) as an :class:`ImportedContainer`;
    ``network_names`` finds a network's name on the host by its ID."""
    w = loc_where
    cid = _str(c, "Id", w)
    if not _HEX.fullmatch(cid):
        raise _err(w, "Id", "not a container ID (64 hexadecimal digits)", cid)
    raw_name = _str(c, "Name", w)
    name = raw_name.removeprefix("/")
    if not re.fullmatch(r"[a-zA-Z0-9][a-zA-Z0-9_.-]*", name):
        raise _err(w, "Name", "not a container name", raw_name,
                   accepted="/NAME, NAME of [a-zA-Z0-9][a-zA-Z0-9_.-]")
    st = _map(c, "State", w)
    status_text = _str(st, "Status", f"{w}.State")
    if status_text not in _STATES:
        raise _err(w, "State.Status", "unknown container status", status_text,
                   accepted=", ".join(_STATES))
    if status_text in ("restarting", "dead"):
        unused.add(f"State.Status={status_text} (taken as exited)")
    config_raw = _map(c, "Config", w)
    host_raw = _map(c, "HostConfig", w)
    config = _unmerged(_model(ContainerConfig, config_raw, w, "Config", unused, "Config"))
    host_config = _model(HostConfig, host_raw, w, "HostConfig", unused, "HostConfig")
    ns = _map(c, "NetworkSettings", w)
    for key in c.keys() - _CONTAINER_USED:
        if not _empty(c[key]):
            unused.add(key)
    for key in st.keys() - _STATE_USED:
        if not _empty(st[key]):
            unused.add(f"State.{key}")
    for key in ns.keys() - _NETWORK_SETTINGS_USED:
        if not _empty(ns[key]):
            unused.add(f"NetworkSettings.{key}")
    # Compose sends every network of a service in the create request's EndpointsConfig, each
    # with an IPAMConfig (docker/compose pkg/compose/create.go createEndpointSettings), where
    # the engine takes several at create (API ≥ 1.44; before, it connects the others after:
    # EngineProfile.single_network_at_create): then none of its endpoints is a connect
    compose = "com.docker.compose.project" in config.Labels \
        and not profile.single_network_at_create
    mode = host_config.NetworkMode or "default"
    owner = mode.partition(":")[2] if mode.startswith("container:") else None
    if owner is not None and (not owner or owner in (cid, name)):
        # the daemon refuses it at create (daemon/container_operations.go: "cannot join own
        # network namespace")
        raise _err(w, "HostConfig.NetworkMode", "a container cannot join its own namespace",
                   mode, accepted="container:<another container's ID>")
    endpoints: list[EndpointState] = []
    run_configs: dict[str, EndpointSettings] = {}
    unknown: list[str] = []
    nets = _map(ns, "Networks", f"{w}.NetworkSettings")
    for net_name, ep in nets.items():
        path = f"NetworkSettings.Networks.{net_name}"
        if not isinstance(ep, dict):
            raise _err(w, path, "must be a JSON object", ep)
        endpoint, from_run = _endpoint(w, path, net_name, ep, name, cid, unused, profile)
        from_run = from_run or compose
        found = network_names(endpoint.network_id) if endpoint.network_id else net_name
        if found is None:
            unknown.append(net_name)
        elif found != net_name:
            raise _err(w, f"{path}.NetworkID", f"the ID of the network {found}, not {net_name}",
                       endpoint.network_id)
        endpoints.append(endpoint)
        if from_run:
            run_configs[net_name] = endpoint.config
    # the network mode's network first (eth0), then the others by name: a dump does not say
    # which interface each endpoint has (docs/live-systems.md)
    first = "bridge" if mode == "default" else mode
    endpoints.sort(key=lambda e: (e.network != first, e.network))
    networking = NetworkingConfig(EndpointsConfig={
        k: v for k, v in run_configs.items() if k != first or v != NO_ENDPOINT_SETTINGS})
    spec = ContainerSpec.model_construct(
        name=name, Config=config, HostConfig=host_config, NetworkingConfig=networking)
    mappings = _port_mappings(w, _map(ns, "Ports", f"{w}.NetworkSettings"))
    for key in config.ExposedPorts:
        try:
            port_key_parts(key)
        except ValueError:
            raise _err(w, f"Config.ExposedPorts.{key}", "not a port", key,
                       accepted="PORT/tcp, PORT/udp, PORT/sctp") from None
    exposed = sorted(set(config.ExposedPorts) | set(host_config.PortBindings),
                     key=port_sort_key)
    for i, bind in enumerate(host_config.Binds):
        if bind.count(":") > 2 or not all(bind.split(":")[:2]):
            raise _err(w, f"HostConfig.Binds[{i}]", "not a bind", bind,
                       accepted="TARGET, SOURCE:TARGET, SOURCE:TARGET:MODE")
    links: list[tuple[str, str]] = []
    for i, link in enumerate(host_config.Links):
        # stored as /TARGET:/SELF/ALIAS (daemon/links.go)
        target, _, alias = link.partition(":")
        if not target or not alias:
            raise _err(w, f"HostConfig.Links[{i}]", "not a link", link,
                       accepted="/TARGET:/NAME/ALIAS")
        links.append((target.removeprefix("/"), alias.rsplit("/", 1)[-1]))
    running = status_text in ("running", "paused")
    created = _time(c, "Created", w)
    started = _time(st, "StartedAt", f"{w}.State")
    finished = _time(st, "FinishedAt", f"{w}.State")
    state = assemble(ContainerState, dict(
        id=cid, name=name, host="", spec=spec,
        status=_STATES[status_text],
        paused=status_text == "paused",
        exit_code=_int(st, "ExitCode", f"{w}.State"),
        error=_str(st, "Error", f"{w}.State", default=""),
        hostname=config.Hostname or cid[:12],
        network_mode="bridge" if mode == "default" else mode,
        sandbox_owner=None,
        sandbox_id=_str(ns, "SandboxID", f"{w}.NetworkSettings", default=""),
        endpoints=tuple(endpoints), port_mappings=tuple(mappings) if running else (),
        exposed_ports=tuple(exposed), listening=(), legacy_links=tuple(links),
        embedded_dns=False, created=_seconds(created) or 0, started=_seconds(started),
        finished=_seconds(finished), restart_count=_int(c, "RestartCount", w),
        image_id=_str(c, "Image", w, default=""), main_stderr="",
        fractions=fractions([("Created", created), ("StartedAt", started),
                             ("FinishedAt", finished)]),
        inherited_mounts=()))
    return ImportedContainer(where=w, state=state, owner=owner, unknown_networks=unknown,
                             started_ns=started.nanos if started is not None else None)


def _unmerged(config: ContainerConfig) -> ContainerConfig:
    """The create request's command from the stored one: the daemon fills in the image's
    ENTRYPOINT and CMD where the request had none (daemon/create.go merges the image config),
    so for an image netsim knows, one equal to the image's is taken as not given (a new
    entrypoint resets the CMD, as ``--entrypoint`` does)."""
    from netsim.images import lookup

    info = lookup(config.Image)
    if info is None:
        return config
    entrypoint_given = tuple(config.Entrypoint or ()) != tuple(info.entrypoint)
    cmd_given = entrypoint_given or tuple(config.Cmd) != tuple(info.cmd)
    if entrypoint_given and cmd_given:
        return config
    return config.model_copy(update={
        "Entrypoint": config.Entrypoint if entrypoint_given else None,
        "Cmd": config.Cmd if cmd_given else ()})


def _endpoint(w: str, path: str, net_name: str, ep: Mapping[str, Any], name: str, cid: str,
              unused: Unused, profile: EngineProfile) -> tuple[EndpointState, bool]:
    """One ``NetworkSettings.Networks`` entry; and whether it came with the create request
    (an ``IPAMConfig`` of null: ``docker network connect`` always sends one, shown ``{}``)."""
    where = f"{w}.{path}"
    ipam_raw = ep.get("IPAMConfig")
    ipam: dict[str, Any] | None = None
    if ipam_raw is not None:
        if not isinstance(ipam_raw, dict):
            raise _err(where, "IPAMConfig", "must be a JSON object", ipam_raw)
        ipam = {}
        v4 = _ip(ipam_raw.get("IPv4Address"), where, "IPAMConfig.IPv4Address", 4)
        v6 = _ip(ipam_raw.get("IPv6Address"), where, "IPAMConfig.IPv6Address", 6)
        if v4 is not None:
            ipam["IPv4Address"] = v4
        if v6 is not None:
            ipam["IPv6Address"] = v6
        lls = _strlist(ipam_raw, "LinkLocalIPs", where + ".IPAMConfig")
        if lls:
            ipam["LinkLocalIPs"] = tuple(_ip(a, where, "IPAMConfig.LinkLocalIPs") for a in lls)
    aliases = list(_strlist(ep, "Aliases", where))
    if profile.aliases_list_short_id:
        # ≤ 24: the daemon adds the short ID (and hostname) to the aliases it shows
        aliases = [a for a in aliases if a != cid[:12]]
    links = _strlist(ep, "Links", where)
    driver_opts = _strmap(ep, "DriverOpts", where)
    priority = _int(ep, "GwPriority", where)
    if ipam is None and not links and not aliases and not driver_opts and not priority:
        config = NO_ENDPOINT_SETTINGS  # the common case, shared (the models are frozen)
    else:
        try:
            config = EndpointSettings(IPAMConfig=ipam, Links=links, Aliases=tuple(aliases),
                                      DriverOpts=driver_opts, GwPriority=priority)
        except ValidationError as err:
            raise InputError(where, err.errors()[0]["msg"]) from None
    address = _ip(ep.get("IPAddress"), where, "IPAddress", 4)
    prefix = _int(ep, "IPPrefixLen", where)
    ipv4 = None
    if address is not None:
        if not 0 < prefix <= 32:
            raise _err(where, "IPPrefixLen", "not an IPv4 prefix length", prefix,
                       accepted="1 to 32")
        ipv4 = ipaddress.IPv4Interface((int(address), prefix))
    address6 = _ip(ep.get("GlobalIPv6Address"), where, "GlobalIPv6Address", 6)
    ipv6 = None
    if address6 is not None:
        prefix6 = _int(ep, "GlobalIPv6PrefixLen", where)
        if not 0 < prefix6 <= 128:
            raise _err(where, "GlobalIPv6PrefixLen", "not an IPv6 prefix length", prefix6)
        ipv6 = ipaddress.IPv6Interface((int(address6), prefix6))
    gateway = _ip(ep.get("Gateway"), where, "Gateway", 4)
    gateway6 = _ip(ep.get("IPv6Gateway"), where, "IPv6Gateway", 6)
    endpoint_id = _str(ep, "EndpointID", where, default="")
    mac = _str(ep, "MacAddress", where, default="") or None
    if mac is not None and not re.fullmatch(r"(?:[0-9a-fA-F]{2}:){5}[0-9a-fA-F]{2}", mac):
        raise _err(where, "MacAddress", "not a MAC address", mac)
    dns = tuple(_strlist(ep, "DNSNames", where))
    for key in ep.keys() - _ENDPOINT_USED:
        if not _empty(ep[key]):
            unused.add(f"NetworkSettings.Networks.*.{key}")
    state = assemble(EndpointState, dict(
        network=net_name, network_id=_str(ep, "NetworkID", where, default=""), config=config,
        endpoint_id=endpoint_id, ifname=None, ipv4=ipv4 if endpoint_id else None,
        ipv6=ipv6 if endpoint_id else None, gateway=gateway if endpoint_id else None,
        gateway6=gateway6 if endpoint_id else None,
        mac=mac if endpoint_id else None, host_veth=None, dns_names=dns if endpoint_id else (),
        gateway_only=False, ifindex=None, link_ifindex=None, link_netnsid=None,
        host_netnsid=None))
    return state, ipam_raw is None



_ENDPOINT_USED = frozenset({
    "IPAMConfig", "Links", "Aliases", "MacAddress", "DriverOpts", "GwPriority", "NetworkID",
    "EndpointID", "Gateway", "IPAddress", "IPPrefixLen", "GlobalIPv6Address", "IPv6Gateway",
    "GlobalIPv6PrefixLen", "DNSNames"})


def _port_mappings(w: str, ports: Mapping[str, Any]) -> list[PortMapping]:
    """``NetworkSettings.Ports``: every bound host address and port."""
    out = []
    for key, bindings in ports.items():
        path = f"NetworkSettings.Ports.{key}"
        try:
            port, proto = port_key_parts(key)
        except ValueError:
            raise _err(w, path, "not a port", key, accepted="PORT/tcp, PORT/udp, PORT/sctp") \
                from None
        if bindings is None:
            continue  # exposed, not published
        if not isinstance(bindings, list):
            raise _err(w, path, "must be a list of bindings", bindings)
        for i, b in enumerate(bindings):
            bw = f"{w}.{path}[{i}]"
            if not isinstance(b, dict):
                raise _err(bw, "", "must be a JSON object", b)
            host_ip = _ip(b.get("HostIp") or "0.0.0.0", bw, "HostIp")
            text = _str(b, "HostPort", bw)
            if not text.isdigit() or not 0 < int(text) <= 65535:
                raise _err(bw, "HostPort", "not a port number", text, accepted="1 to 65535")
            out.append(PortMapping(container_port=port, proto=proto, host_ip=str(host_ip),
                                   host_port=int(text)))
    return out
