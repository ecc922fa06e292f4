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
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from netsim.api import (
    ContainerConfig,
    ContainerSpec,
    EndpointConfig,
    EndpointSettings,
    HostConfig,
    NetworkingConfig,
    is_user_defined_mode,
)
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
from netsim.dockercli.convert import EndpointCheck, split_values
from netsim.dockercli.flags.validators import CLI_PROFILE
from netsim.dockercli.parse import ParsedCommand
from netsim.dockercli.publish import (
    exposed_ports,
    legacy_expose,
    legacy_port_spec,
    parse_port_spec,
    port_map,
)
from netsim.errors import DaemonError, DockerCliError
from netsim.golang.values import NumError, parse_bool
from netsim.versions import EngineProfile

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

    def get(self, long: str) -> str | None:
        """The last value of a flag, else None."""
        values = self.get_all(long)
        return values[-1] if values else None

    def get_all(self, long: str) -> list[str]:
        """Every value of a flag, in order."""
        return [v for k, v in self.flags if k == long]

    def given(self, long: str) -> bool:
        """Whether the flag was given (pflag's Changed)."""
        return any(k == long for k, _ in self.flags)

    def bool(self, long: str) -> bool:
        """A boolean flag (strconv.ParseBool); false when absent."""
        value = self.get(long)
        if value is None:
            return False
        try:
            return parse_bool(value)
        except NumError:
            return False


def _attachments(copts: ContainerOptions) -> dict[str, EndpointSettings]:
    """parseNetworkOpts' EndpointsConfig: ``default`` when no ``--network`` was given; a single
    network without settings is left out (opts.go:750-800)."""
    if not copts.explicit_networks:
        first = copts.networks[0].settings() if copts.networks else EndpointSettings()
        return {"default": first}
    out: dict[str, EndpointSettings] = {}
    for i, ep in enumerate(copts.networks):
        settings = ep.settings()
        if i == 0 and len(copts.networks) == 1 and settings == EndpointSettings():
            continue
        out[ep.network] = settings
    return out


def build_spec(copts: ContainerOptions) -> ContainerSpec:
    """opts.go ``parse`` (and run.go's ``-d``): the request for these options. Raises
    ValueError (a bad ``-p``/``--expose``) or pydantic's ValidationError.

    >>> spec = build_spec(ContainerOptions(image="nginx", flags=(("publish", "8080:80"),)))
    >>> spec.HostConfig.PortBindings, spec.Config.ExposedPorts, spec.HostConfig.NetworkMode
    ({'80/tcp': (PortBinding(HostPort='8080'),)}, ('80/tcp',), 'default')
    """
    f = copts
    attach = {a.lower() for a in f.get_all("attach")}
    interactive = f.bool("interactive")
    attach_stdin = interactive or "stdin" in attach
    attach_out = not attach or "stdout" in attach
    attach_err = not attach or "stderr" in attach
    if f.bool("detach"):  # run.go runContainer: a detached container attaches nothing
        attach_stdin = attach_out = attach_err = False
    binds: list[str] = []
    anonymous: list[str] = []
    for raw in dict.fromkeys(f.get_all("volume")):  # the CLI collects them in a map
        (binds if len(raw.split(":", 3)) > 1 else anonymous).append(raw)
    entry = f.get("entrypoint")
    entrypoint = copts.entrypoint if copts.entrypoint is not None else (
        None if entry is None else ((entry,) if entry else ()))
    published = port_map(f.get_all("publish"))
    exposed = [p for value in f.get_all("expose") for p in exposed_ports(value)]
    devices = f.get_all("device")
    cdi = [d for d in devices if is_cdi_device(d)]
    requests = [gpu_request(v) for v in f.get_all("gpus")]
    if cdi:
        requests.append(cdi_request(cdi))
    security = f.get_all("security-opt")
    unconfined = "systempaths=unconfined" in security  # parseSystemPaths
    swap = f.get("memory-swap")
    networks = copts.networks
    config = ContainerConfig(
        Hostname=f.get("hostname") or "",
        Domainname=f.get("domainname") or "",
        User=f.get("user") or "",
        AttachStdin=attach_stdin,
        AttachStdout=attach_out,
        AttachStderr=attach_err,
        ExposedPorts=tuple(dict.fromkeys([*published, *exposed])),
        Tty=f.bool("tty"),
        OpenStdin=interactive,
        StdinOnce=interactive and attach_stdin,
        Env=tuple(f.get_all("env")),
        Cmd=copts.args,
        Healthcheck=health_config(
            no_healthcheck=f.bool("no-healthcheck"), cmd=f.get("health-cmd") or "",
            interval=duration(f.get("health-interval")),
            timeout=duration(f.get("health-timeout")),
            start_period=duration(f.get("health-start-period")),
            start_interval=duration(f.get("health-start-interval")),
            retries=flag_int(f.get("health-retries"))),
        Image=copts.image,
        Volumes=tuple(anonymous),
        WorkingDir=f.get("workdir") or "",
        Entrypoint=entrypoint,
        Labels=kv_map(f.get_all("label")),
        StopSignal=f.get("stop-signal") or "",
        StopTimeout=flag_int(f.get("stop-timeout")) if f.given("stop-timeout") else None,
    )
    host_config = HostConfig(
        Binds=tuple(binds),
        ContainerIDFile=f.get("cidfile") or "",
        LogConfig={"Type": f.get("log-driver") or "", "Config": kv_map(f.get_all("log-opt"))},
        NetworkMode=networks[0].network if copts.explicit_networks and networks else "default",
        PortBindings=published,
        RestartPolicy=restart_policy(f.get("restart") or "no"),
        AutoRemove=f.bool("rm"),
        VolumeDriver=f.get("volume-driver") or "",
        VolumesFrom=tuple(f.get_all("volumes-from")),
        Annotations=kv_map(f.get_all("annotation")),
        CapAdd=tuple(f.get_all("cap-add")),
        CapDrop=tuple(f.get_all("cap-drop")),
        CgroupnsMode=f.get("cgroupns") or "",
        Dns=tuple(f.get_all("dns")),
        DnsOptions=tuple(f.get_all("dns-option")),
        DnsSearch=tuple(f.get_all("dns-search")),
        ExtraHosts=tuple(extra_host(h) for h in f.get_all("add-host")),
        GroupAdd=tuple(f.get_all("group-add")),
        IpcMode=f.get("ipc") or "",
        Links=tuple(f.get_all("link")),
        OomScoreAdj=flag_int(f.get("oom-score-adj")),
        PidMode=f.get("pid") or "",
        Privileged=f.bool("privileged"),
        PublishAllPorts=f.bool("publish-all"),
        ReadonlyRootfs=f.bool("read-only"),
        SecurityOpt=tuple(o for o in security if o != "systempaths=unconfined"),
        StorageOpt=kv_map(f.get_all("storage-opt")),
        Tmpfs={k: v for k, _, v in (t.partition(":") for t in f.get_all("tmpfs"))},
        UTSMode=f.get("uts") or "",
        UsernsMode=f.get("userns") or "",
        ShmSize=ram_bytes(f.get("shm-size")),
        Sysctls=kv_map(f.get_all("sysctl")),
        Runtime=f.get("runtime") or "",
        Isolation=f.get("isolation") or "",
        Mounts=tuple(mount(v) for v in f.get_all("mount")),
        MaskedPaths=() if unconfined else None,
        ReadonlyPaths=() if unconfined else None,
        Init=f.bool("init") if f.given("init") else None,
        # Resources
        CpuShares=flag_int(f.get("cpu-shares")),
        Memory=ram_bytes(f.get("memory")),
        NanoCpus=nano_cpus(f.get("cpus")),
        CgroupParent=f.get("cgroup-parent") or "",
        BlkioWeight=flag_int(f.get("blkio-weight"), 16, unsigned=True),
        BlkioWeightDevice=weight_devices(f.get_all("blkio-weight-device")),
        BlkioDeviceReadBps=throttle_devices(f.get_all("device-read-bps"), bps=True),
        BlkioDeviceWriteBps=throttle_devices(f.get_all("device-write-bps"), bps=True),
        BlkioDeviceReadIOps=throttle_devices(f.get_all("device-read-iops"), bps=False),
        BlkioDeviceWriteIOps=throttle_devices(f.get_all("device-write-iops"), bps=False),
        CpuPeriod=flag_int(f.get("cpu-period")),
        CpuQuota=flag_int(f.get("cpu-quota")),
        CpuRealtimePeriod=flag_int(f.get("cpu-rt-period")),
        CpuRealtimeRuntime=flag_int(f.get("cpu-rt-runtime")),
        CpusetCpus=f.get("cpuset-cpus") or "",
        CpusetMems=f.get("cpuset-mems") or "",
        Devices=tuple(device_mapping(d) for d in devices if d not in cdi),
        DeviceCgroupRules=tuple(f.get_all("device-cgroup-rule")),
        DeviceRequests=tuple(requests),
        KernelMemory=ram_bytes(f.get("kernel-memory")) if f.given("kernel-memory") else None,
        MemoryReservation=ram_bytes(f.get("memory-reservation")),
        MemorySwap=-1 if swap == "-1" else ram_bytes(swap),
        # opts.go parse: &copts.swappiness (default -1), &copts.oomKillDisable,
        # &copts.pidsLimit: always set
        MemorySwappiness=flag_int(f.get("memory-swappiness") or "-1"),
        OomKillDisable=f.bool("oom-kill-disable"),
        PidsLimit=flag_int(f.get("pids-limit")),
        Ulimits=ulimits(f.get_all("ulimit")),
        CpuCount=flag_int(f.get("cpu-count")),
        CpuPercent=flag_int(f.get("cpu-percent")),
        IOMaximumIOps=flag_int(f.get("io-maxiops"), unsigned=True),
        IOMaximumBandwidth=ram_bytes(f.get("io-maxbandwidth")),
    )
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


def _network_opt(value: str) -> EndpointConfig:
    """opts.NetworkOpt.Set: ``NAME`` or ``name=NAME,alias=A,ip=…,driver-opt=k=v,…``."""
    if not _LONG_SYNTAX.search(value):
        return EndpointConfig.model_construct(network=value)
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
    return EndpointConfig.model_construct(network=target, aliases=tuple(aliases), **extra)


def _merged_networks(p: ParsedCommand, *, links_follow_any_network: bool,
                     legacy_options_need_network: bool) -> list[EndpointConfig]:
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
    first = networks[0] if networks else EndpointConfig.model_construct(network="default")
    if aliases and first.aliases:
        raise _cli_error(
            "conflicting options: cannot specify both --network-alias and per-network alias"
        )
    if links and first.links:
        raise _cli_error("conflicting options: cannot specify both --link and per-network links")
    if ip and first.ipv4_address:
        raise _cli_error(
            "conflicting options: cannot specify both --ip and per-network IPv4 address"
        )
    if ip6 and first.ipv6_address:
        raise _cli_error(
            "conflicting options: cannot specify both --ip6 and per-network IPv6 address"
        )
    update: dict[str, object] = {}
    if aliases:
        update["aliases"] = aliases
    # applyContainerOptions: "--link" is an endpoint option on a user-defined network
    if links and (first.network != "default" if links_follow_any_network
                  else is_user_defined_mode(first.network)):
        update["links"] = links
    if ip:
        update["ipv4_address"] = ip
    if ip6:
        update["ipv6_address"] = ip6
    if mac:
        update["mac_address"] = mac
    if llips:
        update["link_local_ips"] = tuple(llips)
    merged = [first.model_copy(update=update), *networks[1:]]
    seen: set[str] = set()
    user = non_user = False
    for ep in merged:
        if ep.network in seen:
            raise _cli_error(f'network "{ep.network}" is specified multiple times')
        seen.add(ep.network)
        if is_user_defined_mode(ep.network):
            user = True
        else:
            non_user = True
            if ep.aliases:  # parseNetworkAttachmentOpt
                raise _cli_error(
                    "network-scoped aliases are only supported for user-defined networks"
                )
            if ep.links:
                raise _cli_error("links are only supported for user-defined networks")
    if user and non_user:
        raise _cli_error(
            "conflicting options: cannot attach both user-defined and non-user-defined "
            "network-modes"
        )
    return merged


def _checked_ports(p: ParsedCommand, legacy_ports: bool) -> list[str]:
    """``-p``/``--expose`` as this CLI checks them (nat.ParsePortSpecs; go-connections 0.4's
    texts where ``legacy_ports``): the ``--expose`` values that take effect."""
    exposed = list(p.get_all("expose"))
    if legacy_ports:
        for spec in p.get_all("publish"):
            legacy_port_spec(spec)
        exposed = [value for value in exposed if legacy_expose(value)]
    for spec in p.get_all("publish"):
        try:
            parse_port_spec(spec)
        except ValueError as err:
            raise _cli_error(str(err)) from None
    for value in exposed:
        try:
            exposed_ports(value)
        except ValueError as err:
            raise _cli_error(str(err)) from None
    return exposed


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
                   legacy_ports: bool = False,
                   links_follow_any_network: bool = False,
                   legacy_options_need_network: bool = False,
                   restart_rm_legacy_text: bool = False,
                   profile: EngineProfile | None = None) -> ContainerSpec:
    """``docker run``/``create`` flags → the create request (opts.go ``parse``).

    ``endpoint_check`` (see :data:`netsim.dockercli.convert.EndpointCheck`) sees each endpoint
    after the CLI's own checks, as the daemon would next; ``legacy_ports``: -p/--expose are
    checked as go-connections 0.4 does (EngineProfile.cli_legacy_port_spec);
    ``links_follow_any_network``: ``--link`` goes to the first ``--network`` unless it is
    ``default``, so a predefined one refuses it (EngineProfile.cli_links_follow_any_network);
    ``legacy_options_need_network``: without ``--network`` the CLI makes no endpoint, so
    ``--network-alias``, ``--ip``, ``--ip6`` and ``--link-local-ip`` are dropped
    (EngineProfile.cli_network_opts_need_network); ``restart_rm_legacy_text``:
    EngineProfile.cli_restart_rm_legacy_text; ``profile``: the CLI release whose value parsing
    applies (go-units' size texts).
    """
    image = p.args[0]  # a bad reference is refused by the model in distribution's words
    if image == "":  # reference.ParseAnyReference (cli/command/container/create.go)
        raise _cli_error("invalid reference format")
    restart = p.get("restart") or "no"
    if p.get("rm") == "true" and restart.partition(":")[0] not in ("", "no"):
        # opts.go parse: AutoRemove with a policy that is not "no" (RestartPolicy.IsNone),
        # before parseNetworkOpts
        raise _cli_error("Conflicting options: --restart and --rm" if restart_rm_legacy_text
                         else "conflicting options: cannot specify both --restart and --rm")
    merged = _merged_networks(p, links_follow_any_network=links_follow_any_network,
                              legacy_options_need_network=legacy_options_need_network)
    exposed = _checked_ports(p, legacy_ports)
    if endpoint_check is not None:
        for ep in merged:
            endpoint_check(ep, False)
    endpoints: list[EndpointConfig] = []
    for ep in merged:
        try:
            endpoints.append(EndpointConfig.model_validate(ep.model_dump(exclude_unset=False)))
        except ValidationError as err:
            raise _cli_error(_first_validation_message(err)) from None
    name = p.get("name") or None
    if re.fullmatch(r"[a-f0-9]{64}", image):
        # ParseAnyReference takes 64 hex digits for an image ID; the daemon has none such
        # (measured: conformance/recorded/28.5, 49-run-create-image-name-errors)
        raise DaemonError(f"No such image: sha256:{image}", status=404)
    if name is not None and not _VALID_NAME.match(name):
        # daemon/names.go:64 — a daemon error at create
        raise DaemonError(
            f"Invalid container name ({name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed",
            status=400,
        )
    copts = options_of(p, endpoints, exposed, explicit=bool(p.shared("network")))
    token = CLI_PROFILE.set(profile)
    try:
        return build_spec(copts)
    except ValidationError as err:
        raise _cli_error(_first_validation_message(err)) from None
    finally:
        CLI_PROFILE.reset(token)
