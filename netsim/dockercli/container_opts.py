"""``docker run``/``docker create`` flags → the create request (:class:`netsim.api.ContainerSpec`),
as docker/cli v29.1.5 does it: cli/command/container/opts.go ``parse`` (with ``parseNetworkOpts``
and ``applyContainerOptions``) and run.go (``-d`` clears the Attach* settings).

:class:`ContainerOptions` is docker/cli's ``containerOptions``: the values given, before
:func:`build_spec` makes the request of them. The docker CLI's own checks of a command line
(conflicting flags, ``-p`` texts, the network attachments) are in :func:`container_spec`; the
scenario reader builds a :class:`ContainerOptions` from its own fields and calls
:func:`build_spec` too, so both give the same API objects for the same container.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any, TypeVar, cast

from pydantic import ValidationError

from netsim.api import (
    NO_ENDPOINT_SETTINGS,
    ContainerConfig,
    ContainerSpec,
    EndpointConfig,
    EndpointSettings,
    HostConfig,
    NetworkingConfig,
    PortMap,
    is_user_defined_mode,
)
from netsim.api.base import DockerObject
from netsim.api.container import valid_container_name
from netsim.api.trusted import build, evolve, revalidated
from netsim.dockercli.container_values import (
    cdi_request,
    device_mapping,
    duration,
    extra_host,
    flag_int,
    gpu_request,
    health_config,
    is_cdi_device,
    kv_map,
    mount,
    nano_cpus,
    ram_bytes,
    restart_policy,
    throttle_devices,
    ulimits,
    weight_devices,
)
from netsim.dockercli.convert import MEMO_ENTRIES, EndpointCheck, split_values
from netsim.dockercli.flags.validators import CLI_PROFILE
from netsim.dockercli.parse import ParsedCommand
from netsim.dockercli.publish import (
    exposed_ports,
    legacy_expose,
    legacy_port_spec,
    port_map,
)
from netsim.errors import DaemonError, DockerCliError
from netsim.golang.values import NumError, parse_bool
from netsim.versions import DEFAULT_PROFILE, EngineProfile

__all__ = ["ContainerOptions", "build_spec", "container_spec"]

#: the hidden flags that share another's storage (cli/command/container/opts.go addFlags)
_ALIASES = {"net": "network", "net-alias": "network-alias", "dns-opt": "dns-option"}


@dataclass(frozen=True)
class ContainerOptions:
    """docker/cli's ``containerOptions``: a container's flag values before ``parse``.

    ``flags`` are the flags as given, (long name, value) in order (``--net`` read as
    ``--network`` …); ``networks`` the network attachments, the legacy ``--ip``/
    ``--network-alias``/``--link``… folded into the first (parseNetworkOpts);
    ``explicit_networks`` whether ``--network`` was given; ``entrypoint``, when not None,
    replaces the ``--entrypoint`` flag (a reader's several words).
    """

    image: str
    name: str | None = None
    args: tuple[str, ...] = ()
    flags: tuple[tuple[str, str], ...] = ()
    networks: tuple[EndpointConfig, ...] = ()
    explicit_networks: bool = False
    entrypoint: tuple[str, ...] | None = None

    @cached_property
    def _index(self) -> dict[str, list[str]]:
        """The flags' values by name, in order (built once: build_spec reads ~130 of them)."""
        index: dict[str, list[str]] = {}
        for k, v in self.flags:
            index.setdefault(k, []).append(v)
        return index

    def get(self, long: str) -> str | None:
        """The last value of a flag, else None."""
        values = self._index.get(long)
        return values[-1] if values else None

    def get_all(self, long: str) -> list[str]:
        """Every value of a flag, in order."""
        return list(self._index.get(long, ()))

    def given(self, long: str) -> bool:
        """Whether the flag was given (pflag's Changed)."""
        return long in self._index

    def bool(self, long: str) -> bool:
        """A boolean flag (strconv.ParseBool); false when absent."""
        value = self.get(long)
        if value is None:
            return False
        try:
            return parse_bool(value)
        except NumError:
            return False


class _Reads(ContainerOptions):
    """Options with no flags that note which flags a field reads (:func:`_plan`)."""

    def __init__(self, read: set[str]) -> None:
        super().__init__(image="")
        object.__setattr__(self, "read", read)

    def get(self, long: str) -> str | None:
        self.read.add(long)  # type: ignore[attr-defined]
        return None

    def get_all(self, long: str) -> list[str]:
        self.read.add(long)  # type: ignore[attr-defined]
        return []

    def given(self, long: str) -> bool:
        self.read.add(long)  # type: ignore[attr-defined]
        return False


def _attachments(copts: ContainerOptions) -> dict[str, EndpointSettings]:
    """parseNetworkOpts' EndpointsConfig: ``default`` when no ``--network`` was given; a single
    network without settings is left out (opts.go:750-800)."""
    if not copts.explicit_networks:
        first = copts.networks[0].settings() if copts.networks else NO_ENDPOINT_SETTINGS
        return {"default": first}
    out: dict[str, EndpointSettings] = {}
    for i, ep in enumerate(copts.networks):
        settings = ep.settings()
        if i == 0 and len(copts.networks) == 1 and settings == NO_ENDPOINT_SETTINGS:
            continue
        out[ep.network] = settings
    return out


_Field = Callable[[ContainerOptions], Any]


def _attach(f: ContainerOptions) -> tuple[bool, bool, bool]:
    """(stdin, stdout, stderr) attached: ``-a``, ``-i``, and run.go's ``-d`` (a detached
    container attaches nothing)."""
    if f.bool("detach"):
        return False, False, False
    attach = {a.lower() for a in f.get_all("attach")}
    return (f.bool("interactive") or "stdin" in attach, not attach or "stdout" in attach,
            not attach or "stderr" in attach)


def _volumes(f: ContainerOptions) -> tuple[list[str], list[str]]:
    """``-v`` values as (binds, anonymous volumes): the CLI collects them in a map."""
    binds: list[str] = []
    anonymous: list[str] = []
    for raw in dict.fromkeys(f.get_all("volume")):
        (binds if len(raw.split(":", 3)) > 1 else anonymous).append(raw)
    return binds, anonymous


def _exposed(f: ContainerOptions) -> tuple[str, ...]:
    published = port_map(f.get_all("publish"))
    exposed = [p for value in f.get_all("expose") for p in exposed_ports(value)]
    return tuple(dict.fromkeys([*published, *exposed]))


def _requests(f: ContainerOptions) -> tuple[Any, ...]:
    requests = [gpu_request(v) for v in f.get_all("gpus")]
    cdi = [d for d in f.get_all("device") if is_cdi_device(d)]
    if cdi:
        requests.append(cdi_request(cdi))
    return tuple(requests)


def _unconfined(f: ContainerOptions) -> bool:
    return "systempaths=unconfined" in f.get_all("security-opt")  # parseSystemPaths


def _memory_swap(f: ContainerOptions) -> int:
    swap = f.get("memory-swap")
    return -1 if swap == "-1" else ram_bytes(swap)


#: opts.go ``parse``, field by field: (model, field, value of the flags), in the order docker/cli
#: computes them (the first bad value is the one reported). Each value is a function of the
#: flags alone; :func:`_plan` learns which flags each reads.
_CONFIG = "Config"
_HOST = "HostConfig"
_TABLE: tuple[tuple[str, str, _Field], ...] = (
    (_CONFIG, "ExposedPorts", _exposed),
    (_HOST, "PortBindings", lambda f: port_map(f.get_all("publish"))),
    (_HOST, "DeviceRequests", _requests),
    (_CONFIG, "Hostname", lambda f: f.get("hostname") or ""),
    (_CONFIG, "Domainname", lambda f: f.get("domainname") or ""),
    (_CONFIG, "User", lambda f: f.get("user") or ""),
    (_CONFIG, "AttachStdin", lambda f: _attach(f)[0]),
    (_CONFIG, "AttachStdout", lambda f: _attach(f)[1]),
    (_CONFIG, "AttachStderr", lambda f: _attach(f)[2]),
    (_CONFIG, "Tty", lambda f: f.bool("tty")),
    (_CONFIG, "OpenStdin", lambda f: f.bool("interactive")),
    (_CONFIG, "StdinOnce", lambda f: f.bool("interactive") and _attach(f)[0]),
    (_CONFIG, "Env", lambda f: tuple(f.get_all("env"))),
    (_CONFIG, "Healthcheck", lambda f: health_config(
        no_healthcheck=f.bool("no-healthcheck"), cmd=f.get("health-cmd") or "",
        interval=duration(f.get("health-interval")),
        timeout=duration(f.get("health-timeout")),
        start_period=duration(f.get("health-start-period")),
        start_interval=duration(f.get("health-start-interval")),
        retries=flag_int(f.get("health-retries")))),
    (_CONFIG, "Volumes", lambda f: tuple(_volumes(f)[1])),
    (_CONFIG, "WorkingDir", lambda f: f.get("workdir") or ""),
    (_CONFIG, "Labels", lambda f: kv_map(f.get_all("label"))),
    (_CONFIG, "StopSignal", lambda f: f.get("stop-signal") or ""),
    (_CONFIG, "StopTimeout", lambda f: flag_int(f.get("stop-timeout"))
        if f.given("stop-timeout") else None),
    (_HOST, "Binds", lambda f: tuple(_volumes(f)[0])),
    (_HOST, "ContainerIDFile", lambda f: f.get("cidfile") or ""),
    (_HOST, "LogConfig", lambda f: {"Type": f.get("log-driver") or "",
                                    "Config": kv_map(f.get_all("log-opt"))}),
    (_HOST, "RestartPolicy", lambda f: restart_policy(f.get("restart") or "no")),
    (_HOST, "AutoRemove", lambda f: f.bool("rm")),
    (_HOST, "VolumeDriver", lambda f: f.get("volume-driver") or ""),
    (_HOST, "VolumesFrom", lambda f: tuple(f.get_all("volumes-from"))),
    (_HOST, "Annotations", lambda f: kv_map(f.get_all("annotation"))),
    (_HOST, "CapAdd", lambda f: tuple(f.get_all("cap-add"))),
    (_HOST, "CapDrop", lambda f: tuple(f.get_all("cap-drop"))),
    (_HOST, "CgroupnsMode", lambda f: f.get("cgroupns") or ""),
    (_HOST, "Dns", lambda f: tuple(f.get_all("dns"))),
    (_HOST, "DnsOptions", lambda f: tuple(f.get_all("dns-option"))),
    (_HOST, "DnsSearch", lambda f: tuple(f.get_all("dns-search"))),
    (_HOST, "ExtraHosts", lambda f: tuple(extra_host(h) for h in f.get_all("add-host"))),
    (_HOST, "GroupAdd", lambda f: tuple(f.get_all("group-add"))),
    (_HOST, "IpcMode", lambda f: f.get("ipc") or ""),
    (_HOST, "Links", lambda f: tuple(f.get_all("link"))),
    (_HOST, "OomScoreAdj", lambda f: flag_int(f.get("oom-score-adj"))),
    (_HOST, "PidMode", lambda f: f.get("pid") or ""),
    (_HOST, "Privileged", lambda f: f.bool("privileged")),
    (_HOST, "PublishAllPorts", lambda f: f.bool("publish-all")),
    (_HOST, "ReadonlyRootfs", lambda f: f.bool("read-only")),
    (_HOST, "SecurityOpt", lambda f: tuple(o for o in f.get_all("security-opt")
                                           if o != "systempaths=unconfined")),
    (_HOST, "StorageOpt", lambda f: kv_map(f.get_all("storage-opt"))),
    (_HOST, "Tmpfs", lambda f: {k: v for k, _, v in (t.partition(":")
                                                       for t in f.get_all("tmpfs"))}),
    (_HOST, "UTSMode", lambda f: f.get("uts") or ""),
    (_HOST, "UsernsMode", lambda f: f.get("userns") or ""),
    (_HOST, "ShmSize", lambda f: ram_bytes(f.get("shm-size"))),
    (_HOST, "Sysctls", lambda f: kv_map(f.get_all("sysctl"))),
    (_HOST, "Runtime", lambda f: f.get("runtime") or ""),
    (_HOST, "Isolation", lambda f: f.get("isolation") or ""),
    (_HOST, "Mounts", lambda f: tuple(mount(v) for v in f.get_all("mount"))),
    (_HOST, "MaskedPaths", lambda f: () if _unconfined(f) else None),
    (_HOST, "ReadonlyPaths", lambda f: () if _unconfined(f) else None),
    (_HOST, "Init", lambda f: f.bool("init") if f.given("init") else None),
    # Resources
    (_HOST, "CpuShares", lambda f: flag_int(f.get("cpu-shares"))),
    (_HOST, "Memory", lambda f: ram_bytes(f.get("memory"))),
    (_HOST, "NanoCpus", lambda f: nano_cpus(f.get("cpus"))),
    (_HOST, "CgroupParent", lambda f: f.get("cgroup-parent") or ""),
    (_HOST, "BlkioWeight", lambda f: flag_int(f.get("blkio-weight"), 16, unsigned=True)),
    (_HOST, "BlkioWeightDevice", lambda f: weight_devices(f.get_all("blkio-weight-device"))),
    (_HOST, "BlkioDeviceReadBps",
     lambda f: throttle_devices(f.get_all("device-read-bps"), bps=True)),
    (_HOST, "BlkioDeviceWriteBps",
     lambda f: throttle_devices(f.get_all("device-write-bps"), bps=True)),
    (_HOST, "BlkioDeviceReadIOps",
     lambda f: throttle_devices(f.get_all("device-read-iops"), bps=False)),
    (_HOST, "BlkioDeviceWriteIOps",
     lambda f: throttle_devices(f.get_all("device-write-iops"), bps=False)),
    (_HOST, "CpuPeriod", lambda f: flag_int(f.get("cpu-period"))),
    (_HOST, "CpuQuota", lambda f: flag_int(f.get("cpu-quota"))),
    (_HOST, "CpuRealtimePeriod", lambda f: flag_int(f.get("cpu-rt-period"))),
    (_HOST, "CpuRealtimeRuntime", lambda f: flag_int(f.get("cpu-rt-runtime"))),
    (_HOST, "CpusetCpus", lambda f: f.get("cpuset-cpus") or ""),
    (_HOST, "CpusetMems", lambda f: f.get("cpuset-mems") or ""),
    (_HOST, "Devices", lambda f: tuple(device_mapping(d) for d in f.get_all("device")
                                       if not is_cdi_device(d))),
    (_HOST, "DeviceCgroupRules", lambda f: tuple(f.get_all("device-cgroup-rule"))),
    (_HOST, "KernelMemory", lambda f: ram_bytes(f.get("kernel-memory"))
        if f.given("kernel-memory") else None),
    (_HOST, "MemoryReservation", lambda f: ram_bytes(f.get("memory-reservation"))),
    (_HOST, "MemorySwap", _memory_swap),
    # opts.go parse: &copts.swappiness (default -1), &copts.oomKillDisable, &copts.pidsLimit:
    # always set
    (_HOST, "MemorySwappiness", lambda f: flag_int(f.get("memory-swappiness") or "-1")),
    (_HOST, "OomKillDisable", lambda f: f.bool("oom-kill-disable")),
    (_HOST, "PidsLimit", lambda f: flag_int(f.get("pids-limit"))),
    (_HOST, "Ulimits", lambda f: ulimits(f.get_all("ulimit"))),
    (_HOST, "CpuCount", lambda f: flag_int(f.get("cpu-count"))),
    (_HOST, "CpuPercent", lambda f: flag_int(f.get("cpu-percent"))),
    (_HOST, "IOMaximumIOps", lambda f: flag_int(f.get("io-maxiops"), unsigned=True)),
    (_HOST, "IOMaximumBandwidth", lambda f: ram_bytes(f.get("io-maxbandwidth"))),
)


@dataclass(frozen=True)
class _Plan:
    """What :func:`build_spec` needs of :data:`_TABLE`: each model's field values when no flag
    is given (those that differ from the model's defaults), and for each flag the fields that
    read it. A field reads the same flags whatever their values until it reads one that is
    given, so only the fields reading a given flag can differ from their no-flag value.
    ``host``: the HostConfig validated from those values: a request validates only the
    fields its flags change (:func:`netsim.api.trusted.revalidated`: 3 µs instead of 5 for
    its 70 fields; the Config's few are validated whole, which is faster for it)."""

    base: dict[str, dict[str, Any]]
    readers: dict[str, frozenset[int]]
    host: HostConfig


@cache
def _plan() -> _Plan:
    base: dict[str, dict[str, Any]] = {_CONFIG: {}, _HOST: {}}
    readers: dict[str, set[int]] = {}
    models: dict[str, type[DockerObject]] = {_CONFIG: ContainerConfig, _HOST: HostConfig}
    for i, (model, name, fn) in enumerate(_TABLE):
        read: set[str] = set()
        value = fn(_Reads(read))
        for flag in read:
            readers.setdefault(flag, set()).add(i)
        info = models[model].model_fields[name]
        if info.is_required() or value != info.get_default(call_default_factory=True):
            base[model][name] = value
    return _Plan(base, {k: frozenset(v) for k, v in readers.items()},
                 HostConfig(**base[_HOST]))


_T = TypeVar("_T")

#: the Configs and HostConfigs validated so far, by what they were made of (frozen: the
#: containers of the same flags share one: 10,000 ``docker run -d nginx`` ask for one Config)
_VALIDATED: dict[tuple[Any, ...], Any] = {}


def _validated(key: tuple[Any, ...], make: Callable[[], _T]) -> _T:
    """``make()``, once per key; every time for a key holding a value that is not hashable (a
    dict of labels, of published ports). What ``make`` refuses is refused every time."""
    try:
        found = _VALIDATED.get(key)
    except TypeError:
        return make()
    if found is None:
        found = make()
        if len(_VALIDATED) >= MEMO_ENTRIES:
            _VALIDATED.clear()
        _VALIDATED[key] = found
    return cast(_T, found)


def build_spec(copts: ContainerOptions) -> ContainerSpec:
    """opts.go ``parse`` (and run.go's ``-d``): the request for these options. Raises
    ValueError (a bad ``-p``/``--expose``) or pydantic's ValidationError.

    >>> spec = build_spec(ContainerOptions(image="nginx", flags=(("publish", "8080:80"),)))
    >>> spec.HostConfig.PortBindings, spec.Config.ExposedPorts, spec.HostConfig.NetworkMode
    ({'80/tcp': (PortBinding(HostPort='8080'),)}, ('80/tcp',), 'default')
    """
    plan = _plan()
    changed: dict[str, dict[str, Any]] = {_CONFIG: {}, _HOST: {}}
    todo: set[int] = set()
    for flag in copts._index:
        todo.update(plan.readers.get(flag, ()))
    for i in sorted(todo):
        model, name, fn = _TABLE[i]
        changed[model][name] = fn(copts)
    entry = copts.get("entrypoint")
    entrypoint = copts.entrypoint if copts.entrypoint is not None else (
        None if entry is None else ((entry,) if entry else ()))
    networks = copts.networks
    config_fields = {**plan.base[_CONFIG], **changed[_CONFIG]}
    config = _validated(
        (_CONFIG, copts.args, copts.image, entrypoint, tuple(config_fields.items())),
        lambda: ContainerConfig(Cmd=copts.args, Image=copts.image, Entrypoint=entrypoint,
                                **config_fields))
    mode = networks[0].network if copts.explicit_networks and networks else "default"
    host_config = _validated((_HOST, mode, tuple(changed[_HOST].items())),
                             lambda: revalidated(plan.host, NetworkMode=mode, **changed[_HOST]))
    return ContainerSpec(name=copts.name, Config=config, HostConfig=host_config,
                         NetworkingConfig=NetworkingConfig(EndpointsConfig=_attachments(copts)))


# ------------------------------------------------------------------------ the command line

_LONG_SYNTAX = re.compile(r"\w+=\w+(,\w+=\w+)*")
_VALID_NAME = re.compile(r"^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$")


def _cli_error(text: str) -> DockerCliError:
    return DockerCliError(text, exit_code=1)


def _first_validation_message(err: ValidationError) -> str:
    first = err.errors()[0]
    msg = str(first.get("msg", "invalid value"))
    return msg.removeprefix("Value error, ")


#: an attachment's fields as typed (EndpointConfig's names), before the model types them
_Endpoint = dict[str, Any]


def _network_opt(value: str) -> _Endpoint:
    """opts.NetworkOpt.Set: ``NAME`` or ``name=NAME,alias=A,ip=…,driver-opt=k=v,…``."""
    if not _LONG_SYNTAX.search(value):
        return {"network": value}
    fields = next(csv.reader([value]))
    target = ""
    aliases: list[str] = []
    extra: dict[str, Any] = {}
    for fld in fields:
        key, sep, val = fld.lower().partition("=")
        if not sep or not key:
            raise _cli_error(
                f'invalid argument "{value}" for "--network" flag: invalid field {fld}'
            )
        key, val = key.strip(), val.strip()
        if key == "name":
            target = val
        elif key == "alias":
            aliases.append(val)
        elif key == "ip":
            extra["ipv4_address"] = val
        elif key == "ip6":
            extra["ipv6_address"] = val
        elif key == "mac-address":
            extra["mac_address"] = val
        elif key == "link-local-ip":
            extra.setdefault("link_local_ips", []).append(val)
        elif key == "driver-opt":
            k, _, v = val.partition("=")
            extra.setdefault("driver_opts", {})[k] = v
        elif key == "gw-priority":
            extra["gw_priority"] = int(val)
        else:
            raise _cli_error(
                f'invalid argument "{value}" for "--network" flag: invalid field key {key}'
            )
    if not target:
        raise _cli_error(
            f'invalid argument "{value}" for "--network" flag: network name/id is not specified'
        )
    return {"network": target, "aliases": tuple(aliases), **extra}


def _merged_networks(p: ParsedCommand, *, links_follow_any_network: bool,
                     legacy_options_need_network: bool) -> list[_Endpoint]:
    """parseNetworkOpts with applyContainerOptions: the ``--network`` attachments, the legacy
    flags folded into the first (``default`` when none is given), with the CLI's refusals."""
    networks = [_network_opt(v) for v in p.shared("network")]
    aliases = tuple(p.shared("network-alias"))
    links = tuple(p.get_all("link"))
    ip = p.get("ip")
    ip6 = p.get("ip6")
    mac = p.get("mac-address")
    llips = split_values(p.get_all("link-local-ip"))
    if legacy_options_need_network and not networks:
        aliases, ip, ip6, llips = (), None, None, []
    first = networks[0] if networks else {"network": "default"}
    if aliases and first.get("aliases"):
        raise _cli_error(
            "conflicting options: cannot specify both --network-alias and per-network alias"
        )
    if links and first.get("links"):
        raise _cli_error("conflicting options: cannot specify both --link and per-network links")
    if ip and first.get("ipv4_address"):
        raise _cli_error(
            "conflicting options: cannot specify both --ip and per-network IPv4 address"
        )
    if ip6 and first.get("ipv6_address"):
        raise _cli_error(
            "conflicting options: cannot specify both --ip6 and per-network IPv6 address"
        )
    update: dict[str, object] = {}
    if aliases:
        update["aliases"] = aliases
    # applyContainerOptions: "--link" is an endpoint option on a user-defined network
    if links and (first["network"] != "default" if links_follow_any_network
                  else is_user_defined_mode(first["network"])):
        update["links"] = links
    if ip:
        update["ipv4_address"] = ip
    if ip6:
        update["ipv6_address"] = ip6
    if mac:
        update["mac_address"] = mac
    if llips:
        update["link_local_ips"] = tuple(llips)
    merged = [{**first, **update}, *networks[1:]]
    seen: set[str] = set()
    user = non_user = False
    for ep in merged:
        network = ep["network"]
        if network in seen:
            raise _cli_error(f'network "{network}" is specified multiple times')
        seen.add(network)
        if is_user_defined_mode(network):
            user = True
        else:
            non_user = True
            if ep.get("aliases"):  # parseNetworkAttachmentOpt
                raise _cli_error(
                    "network-scoped aliases are only supported for user-defined networks"
                )
            if ep.get("links"):
                raise _cli_error("links are only supported for user-defined networks")
    if user and non_user:
        raise _cli_error(
            "conflicting options: cannot attach both user-defined and non-user-defined "
            "network-modes"
        )
    return merged


def _checked_ports(p: ParsedCommand, legacy_ports: bool) -> tuple[list[str], PortMap]:
    """``-p``/``--expose`` as this CLI checks them (nat.ParsePortSpecs; go-connections 0.4's
    texts where ``legacy_ports``): the ``--expose`` values that take effect, and ``-p``'s
    PortBindings."""
    publish = p.get_all("publish")
    exposed = p.get_all("expose")
    if legacy_ports:
        for spec in publish:
            legacy_port_spec(spec)
        exposed = [value for value in exposed if legacy_expose(value)]
    try:
        bindings = port_map(publish)  # (each value parsed in turn: the first bad one refused)
    except ValueError as err:
        raise _cli_error(str(err)) from None
    for value in exposed:
        try:
            exposed_ports(value)
        except ValueError as err:
            raise _cli_error(str(err)) from None
    return exposed, bindings


def options_of(p: ParsedCommand, networks: Sequence[EndpointConfig], exposed: list[str],
               *, explicit: bool) -> ContainerOptions:
    """The ContainerOptions of a parsed ``docker run``/``create`` (``exposed``: the
    ``--expose`` values that take effect)."""
    kept = set(exposed)
    flags = tuple((_ALIASES.get(k, k), v) for k, v in p.flags
                  if k != "expose" or v in kept)
    return ContainerOptions(image=p.args[0], name=p.get("name") or None, args=tuple(p.args[1:]),
                            flags=flags, networks=tuple(networks),
                            explicit_networks=explicit)


def container_spec(p: ParsedCommand, *, endpoint_check: EndpointCheck | None = None,
                   profile: EngineProfile | None = None) -> ContainerSpec:
    """``docker run``/``create`` flags → the create request (opts.go ``parse``).

    ``endpoint_check`` (see :data:`netsim.dockercli.convert.EndpointCheck`) sees each endpoint
    after the CLI's own checks, as the daemon would next. ``profile`` (None: DEFAULT_PROFILE's
    CLI) is the CLI release: its value parsing (go-units' size texts) and where CLI releases
    differ: -p/--expose checked as go-connections 0.4 does (EngineProfile.
    cli_legacy_port_spec); ``--link`` going to the first ``--network`` unless it is
    ``default``, so a predefined one refuses it (EngineProfile.cli_links_follow_any_network);
    without ``--network`` no endpoint, so ``--network-alias``, ``--ip``, ``--ip6`` and
    ``--link-local-ip`` are dropped (EngineProfile.cli_network_opts_need_network); the
    ``--restart`` and ``--rm`` conflict's text (EngineProfile.cli_restart_rm_legacy_text).
    """
    shape, host_ports, networks, name = _shape(p.flags)
    key = (p.command, shape, p.args, id(profile))  # (a profile's hash reads its 200 fields)
    known = _SPECS.get(key)
    if known is not None and known[0] is profile:  # the same request but for the name
        _, merged, spec, ports, names, on = known
        # and the host ports of -p HOST:CONTAINER (checked where _container_spec checks them)
        publish = (_checked_ports(p, _cli(profile).cli_legacy_port_spec)[1]
                   if host_ports != ports else None)
        if networks != names:  # and the user-defined networks' names
            found = on.get(networks)
            if found is None:  # (kept: the containers of one network share their configs)
                if len(on) >= MEMO_ENTRIES:
                    on.clear()
                found = on[networks] = _renamed(merged, spec,
                                                dict(zip(names, networks, strict=True)))
            merged, spec = found
        _late_checks(p.args[0], name, merged, endpoint_check)
        changes: dict[str, Any] = {}  # (one copy of the request for both)
        if publish is not None:  # (PortBindings' keys, all its validator reads, are the
            # remembered request's: the shape keeps each -p's container port)
            changes["HostConfig"] = evolve(spec.HostConfig, PortBindings=publish)
        if name != spec.name:
            changes["name"] = valid_container_name(name)
        return evolve(spec, **changes) if changes else spec
    merged, spec = _container_spec(p, endpoint_check, profile)
    if len(_SPECS) >= MEMO_ENTRIES:
        _SPECS.clear()
    _SPECS[key] = (profile, merged, spec, host_ports, networks, {})
    return spec


def _renamed(merged: list[_Endpoint], spec: ContainerSpec, names: dict[str, str]
             ) -> tuple[list[_Endpoint], ContainerSpec]:
    """A request on other user-defined networks: each name in ``names`` (all the networks of
    the request, given by name alone) replaced by its new one, where the request holds it:
    the attachments as typed, HostConfig.NetworkMode, NetworkingConfig's keys."""
    merged = [{**ep, "network": names[ep["network"]]} for ep in merged]
    host = spec.HostConfig
    if host.NetworkMode in names:  # (a plain str, no validator: one name for another)
        host = evolve(host, NetworkMode=names[host.NetworkMode])
    config = spec.NetworkingConfig
    if config.EndpointsConfig:  # (the same validated settings, under other names)
        config = build(NetworkingConfig, EndpointsConfig={
            names.get(k, k): v for k, v in config.EndpointsConfig.items()})
    return merged, evolve(spec, HostConfig=host, NetworkingConfig=config)


#: ``-p HOST:CONTAINER`` with a plain host port: requests that differ only there share a shape
_PLAIN_PUBLISH = re.compile(r"[1-9][0-9]{0,4}:[0-9]{1,5}")


def _shape(flags: Sequence[tuple[str, str]]) -> tuple[tuple[tuple[str, str], ...],
                                                      tuple[str, ...], tuple[str, ...],
                                                      str | None]:
    """A request's flags but ``--name``'s value, the host ports of plain ``-p HOST:PORT``
    values (each as ``*:PORT``) and, where every ``--network`` is a user-defined network given
    by name alone, the networks' names (each as its number among them: a network given twice
    stays one); those host ports; those names: all a remembered request (_SPECS) can differ
    in. Nothing reads a host port but ``HostConfig.PortBindings`` (ExposedPorts reads the
    container's port: kept); nothing but the CLI's checks of user-defined against predefined
    networks, and where the request holds them (:func:`_renamed`), reads a network's name.
    Last, the container's name (the last ``--name``; None: none or empty)."""
    shape: list[tuple[str, str]] = []
    ports: list[str] = []
    names: dict[str, str] = {}
    plain = True  # every --network so far a user-defined network by name alone
    name = None
    for k, v in flags:
        if k == "name":
            shape.append(_NAMELESS)
            name = v
        elif k in _NETWORK_FLAGS:
            if plain and is_user_defined_mode(v) and "=" not in v and "," not in v:
                shape.append((k, names.setdefault(v, f"#{len(names)}")))
            else:
                plain = False
                shape.append((k, v))
        elif k == "publish" and _PLAIN_PUBLISH.fullmatch(v):
            host, _, port = v.partition(":")
            shape.append((k, "*:" + port))
            ports.append(host)
        else:
            shape.append((k, v))
    if not plain and names:  # one is not: every network's name as typed
        shape = [(k, v) if k in _NETWORK_FLAGS else kept
                 for (k, v), kept in zip(flags, shape, strict=True)]
        names = {}
    return tuple(shape), tuple(ports), tuple(names), name or None


def _cli(profile: EngineProfile | None) -> EngineProfile:
    """The CLI release of container_spec's ``profile``."""
    return DEFAULT_PROFILE if profile is None else profile


#: ``--name``'s place in a shape
_NAMELESS = ("name", "")


#: the flags docker stores in one variable with ``--network``
_NETWORK_FLAGS = frozenset(("network", "net"))


#: container_spec's requests by everything they are made of but the container's name, plain
#: ``-p`` host ports and user-defined networks' names (:func:`_shape`; a script's many
#: ``docker run -d --name cN --network netM [-p HOST:80] IMAGE``: the flags are parsed,
#: converted and validated once per shape: in a replay 50 µs a request made, 100 µs with a
#: -p, against 3.7 µs remembered, 8.8 on networks of other names, timed alone; each request
#: on other networks is kept with it, once made). Nothing else in a request reads what the
#: shape leaves out (tests/test_request_memos.py).
_SPECS: dict[tuple[Any, ...], tuple[
    EngineProfile | None, list[_Endpoint], ContainerSpec, tuple[str, ...], tuple[str, ...],
    dict[tuple[str, ...], tuple[list[_Endpoint], ContainerSpec]]]] = {}


def _late_checks(image: str, name: str | None, merged: list[_Endpoint],
                 endpoint_check: EndpointCheck | None) -> None:
    """The checks of container_spec that depend on more than the request's flags: the
    session's ``endpoint_check``, then the ``image`` and the container's ``name``, in
    container_spec's order."""
    if endpoint_check is not None:  # it sees the strings as typed
        for ep in merged:
            endpoint_check(EndpointConfig.model_construct(**ep), False)
    if len(image) == 64 and _IMAGE_ID.fullmatch(image):
        # ParseAnyReference takes 64 hex digits for an image ID; the daemon has none such
        # (measured: conformance/recorded/28.5, 49-run-create-image-name-errors)
        raise DaemonError(f"No such image: sha256:{image}", status=404)
    if name is not None and not _VALID_NAME.match(name):
        # daemon/names.go:64 — a daemon error at create
        raise DaemonError(
            f"Invalid container name ({name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed",
            status=400,
        )


_IMAGE_ID = re.compile(r"[a-f0-9]{64}")


def _container_spec(p: ParsedCommand, endpoint_check: EndpointCheck | None,
                    profile: EngineProfile | None) -> tuple[list[_Endpoint], ContainerSpec]:
    """container_spec, computed: the attachments as typed and the request."""
    cli = _cli(profile)
    image = p.args[0]  # a bad reference is refused by the model in distribution's words
    if image == "":  # reference.ParseAnyReference (cli/command/container/create.go)
        raise _cli_error("invalid reference format")
    restart = p.get("restart") or "no"
    if p.get("rm") == "true" and restart.partition(":")[0] not in ("", "no"):
        # opts.go parse: AutoRemove with a policy that is not "no" (RestartPolicy.IsNone),
        # before parseNetworkOpts
        raise _cli_error("Conflicting options: --restart and --rm" if cli.cli_restart_rm_legacy_text
                         else "conflicting options: cannot specify both --restart and --rm")
    merged = _merged_networks(p, links_follow_any_network=cli.cli_links_follow_any_network,
                              legacy_options_need_network=cli.cli_network_opts_need_network)
    exposed = _checked_ports(p, cli.cli_legacy_port_spec)[0]
    if endpoint_check is not None:  # it sees the strings as typed
        for ep in merged:
            endpoint_check(EndpointConfig.model_construct(**ep), False)
    endpoints: list[EndpointConfig] = []
    for ep in merged:
        try:
            endpoints.append(EndpointConfig(**ep))
        except ValidationError as err:
            raise _cli_error(_first_validation_message(err)) from None
    _late_checks(image, p.get("name") or None, merged, None)
    copts = options_of(p, endpoints, exposed, explicit=bool(p.shared("network")))
    token = CLI_PROFILE.set(profile)
    try:
        return merged, build_spec(copts)
    except ValidationError as err:
        raise _cli_error(_first_validation_message(err)) from None
    finally:
        CLI_PROFILE.reset(token)
