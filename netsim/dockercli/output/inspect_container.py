"""``docker inspect CONTAINER``: one container as the JSON-ready dict the CLI prints (API 1.52
shape; older engines' differences from the State's :class:`netsim.versions.EngineProfile`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from netsim.api import DeviceRequest, HealthConfig, ThrottleDevice
from netsim.daemon.drivers import get as driver_of
from netsim.daemon.ids import hex_id
from netsim.dockercli.output.inspect_common import (
    DOCKER_ROOT,
    container_sandbox_id,
    exact_time,
    find_container,
    gateway_only,
    go_ip,
    sha,
    shaped,
    sorted_map,
)
from netsim.dockercli.output.inspect_image import image_facts
from netsim.dockercli.output.inspect_mounts import mount_json, mount_point_json, mount_points
from netsim.images import ImageInfo
from netsim.state import ContainerState, EndpointState, HostState, State
from netsim.versions import EngineProfile

__all__ = ["container"]

_NETNS_DIR = "/var/run/docker/netns"
_DEFAULT_SHM_SIZE = 64 * 1024 * 1024  # daemon/config.DefaultShmSize

# oci/defaults.go DefaultLinuxSpec ReadonlyPaths (MaskedPaths: EngineProfile.masked_paths)
_READONLY_PATHS = ("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger")


def _paths(c: ContainerState, owner: ContainerState | None) -> dict[str, str]:
    """ResolvConfPath…LogPath: set at the first start; container mode shares the owner's."""
    if c.started is None:
        return {"ResolvConfPath": "", "HostnamePath": "", "HostsPath": "", "LogPath": ""}
    base_id = c.id
    if c.network_mode.startswith("container:") and c.sandbox_owner:
        base_id = c.sandbox_owner
    elif c.network_mode.startswith("container:") and owner is not None:
        base_id = owner.id
    base = f"{DOCKER_ROOT}/containers/{base_id}"
    return {
        "ResolvConfPath": f"{base}/resolv.conf",
        "HostnamePath": f"{base}/hostname",
        "HostsPath": f"{base}/hosts",
        "LogPath": "",  # filled by the caller (json-file only)
    }


def _pid(c: ContainerState) -> int:
    if not c.running:
        return 0
    digest = sha(c.id, "pid", str(c.started))
    return 1000 + int(digest[:8], 16) % 99000


def _resolve_ref_mode(hs: HostState, mode: str) -> str:
    """``container:<name>`` → ``container:<ID>`` (daemon_unix.go adaptSharedNamespaceContainer)."""
    if not mode.startswith("container:"):
        return mode
    try:
        return "container:" + find_container(hs, mode.partition(":")[2]).id
    except KeyError:
        return mode


def _network_mode(hs: HostState, c: ContainerState, profile: EngineProfile) -> str:
    """HostConfig.NetworkMode: ``container:<ID>`` for a joiner; ``default`` as the CLI sent it
    when no ``--network`` was given (EngineProfile.network_mode_default_kept)."""
    if c.sandbox_owner:
        return "container:" + c.sandbox_owner
    if profile.network_mode_default_kept and c.spec.HostConfig.NetworkMode in ("", "default"):
        return "default"
    return _resolve_ref_mode(hs, c.network_mode)


def _port_bindings(c: ContainerState) -> dict[str, Any]:
    """HostConfig.PortBindings (the host addresses as netip prints them)."""
    return sorted_map({key: [{"HostIp": go_ip(b.HostIp) if b.HostIp else "",
                              "HostPort": b.HostPort} for b in bindings]
                       for key, bindings in c.spec.HostConfig.PortBindings.items()})


def _from_run(c: ContainerState, ep: EndpointState) -> bool:
    """Whether an endpoint comes from ``docker run/create --network`` (not ``network connect``)."""
    for network, _ in c.spec.attachments():
        name = "bridge" if network == "default" else network
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
    for n in (c.name, *ep.config.Aliases, c.id[:12], c.hostname):
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
    aliases = list(cfg.Aliases)
    if short_id_alias and _is_user_defined(ep.network) and (connected or c.started is not None):
        for name in (c.id[:12], c.hostname):
            if name and name not in aliases:
                aliases.append(name)
    ipam: dict[str, Any] | None = None
    # an IPAMConfig the request carried, even an empty one (Compose's; a connect's): shown
    if cfg.ipv4_address is not None or cfg.ipv6_address is not None or cfg.link_local_ips \
            or connected or cfg.IPAMConfig is not None:
        ipam = {
            "IPv4Address": str(cfg.ipv4_address) if cfg.ipv4_address is not None else "",
            "IPv6Address": go_ip(str(cfg.ipv6_address)) if cfg.ipv6_address is not None
            else "",
        }
        if cfg.link_local_ips:
            ipam["LinkLocalIPs"] = [go_ip(str(a)) for a in cfg.link_local_ips]
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
    v6_gateway = str(ep.gateway6) if active and ep.gateway6 is not None else ""
    return {
        "IPAMConfig": ipam,
        "Links": list(cfg.Links) or None,
        "Aliases": aliases if (aliases or connected) else None,
        "DriverOpts": sorted_map(cfg.DriverOpts) if (cfg.DriverOpts or connected) else None,
        "GwPriority": cfg.GwPriority,
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
        if ep.active and net is not None and driver_of(net.driver).publishes_ports and \
                not net.internal:
            reports = True
    if not reports:
        return {}
    out: dict[str, list[dict[str, str]] | None] = dict.fromkeys(c.exposed_ports)
    for m in c.port_mappings:
        bound = out.get(m.port_key) or []
        bound.append({"HostIp": m.host_ip, "HostPort": str(m.host_port)})
        out[m.port_key] = bound
    return sorted_map(out)


def _entrypoint_and_cmd(
    c: ContainerState, info: ImageInfo | None
) -> tuple[list[str] | None, list[str] | None]:
    """Config.Entrypoint/Cmd after the daemon merged the image (daemon/commit.go merge,
    create.go mergeAndVerifyConfig: an ``--entrypoint ""`` reset gives null)."""
    user_cmd = list(c.spec.Config.Cmd) or None
    entry = c.spec.Config.Entrypoint
    if entry is None:  # no --entrypoint: the image's, and its CMD unless given
        entrypoint = list(info.entrypoint) if info is not None and info.entrypoint else None
        cmd = user_cmd or (list(info.cmd) if info is not None and info.cmd else None)
        return entrypoint, cmd
    if entry == () or entry == ("",):
        return None, user_cmd
    return list(entry), user_cmd


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
    root = f"{DOCKER_ROOT}/overlay2"
    layer = hex_id(state.seed, "rw-layer", c.host, c.id)
    image_layer = hex_id(state.seed, "image-layer", c.host, c.image_id or c.spec.Config.Image)
    data = {
        "ID": c.id,
        "LowerDir": f"{root}/{layer}-init/diff:{root}/{image_layer}/diff",
        "MergedDir": f"{root}/{layer}/merged",
        "UpperDir": f"{root}/{layer}/diff",
        "WorkDir": f"{root}/{layer}/work",
    }
    return "overlay2", {"GraphDriver": {"Data": shaped(data, profile.graph_driver_data_keys),
                                        "Name": "overlay2"}}


def _health(h: HealthConfig | None) -> dict[str, Any] | None:
    """Config.Healthcheck as Docker's JSON writes it (HealthConfig's ``omitempty`` fields)."""
    if h is None:
        return None
    out: dict[str, Any] = {}
    if h.Test is not None:
        out["Test"] = list(h.Test)
    out.update({k: v for k, v in (("Interval", h.Interval), ("Timeout", h.Timeout),
                                  ("StartPeriod", h.StartPeriod),
                                  ("StartInterval", h.StartInterval), ("Retries", h.Retries))
                if v})
    return out


def _device_request(r: DeviceRequest) -> dict[str, Any]:
    return {"Driver": r.Driver, "Count": r.Count,
            "DeviceIDs": list(r.DeviceIDs) if r.DeviceIDs is not None else None,
            "Capabilities": [list(c) for c in r.Capabilities] if r.Capabilities is not None
            else None,
            "Options": sorted_map(r.Options) if r.Options is not None else None}


def _throttles(devices: tuple[ThrottleDevice, ...], null: bool) -> list[dict[str, Any]] | None:
    """A blkio throttle list; none given: ``null`` with ``null``
    (EngineProfile.cli_unset_lists_null), else ``[]``."""
    if not devices and null:
        return None
    return [d.model_dump() for d in devices]


def container(state: State, c: ContainerState) -> dict[str, Any]:
    """``docker inspect CONTAINER`` (one element of the printed list): the stored HostConfig
    and Config, with the daemon's defaults and this engine's shape."""
    hs = state.host(c.host)
    profile = state.profile
    spec = c.spec
    cfg, hcfg = spec.Config, spec.HostConfig
    info, extras = image_facts(cfg.Image)
    running = c.running
    started_once = c.started is not None

    owner: ContainerState | None = None
    if c.network_mode.startswith("container:"):
        ref = c.sandbox_owner or c.network_mode.partition(":")[2]
        try:
            owner = find_container(hs, ref)
        except KeyError:
            owner = None

    # ---------------------------------------------------------------- Path / Args
    entrypoint, cmd = _entrypoint_and_cmd(c, info)
    argv = (entrypoint or []) + (cmd or [])
    path, args = (argv[0], argv[1:]) if argv else ("", [])

    # ---------------------------------------------------------------- State
    health_cfg = _health(cfg.Healthcheck)
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
        "StartedAt": exact_time(c.started, c.fractions, "StartedAt"),
        "FinishedAt": exact_time(c.finished, c.fractions, "FinishedAt"),
    }
    if started_once and health_cfg is not None and health_cfg.get("Test") != ["NONE"] \
            and health_cfg.get("Test"):
        st["Health"] = {"Status": "starting", "FailingStreak": 0, "Log": []}

    # ---------------------------------------------------------------- HostConfig
    log_driver = hcfg.LogConfig.Type or "json-file"  # the daemon's default log driver
    privileged = hcfg.Privileged
    security_opts = list(hcfg.SecurityOpt)
    ipc = _resolve_ref_mode(hs, hcfg.IpcMode or "private")
    pid_mode = _resolve_ref_mode(hs, hcfg.PidMode)
    if (privileged or ipc == "host" or pid_mode == "host") and not any(
        o.split("=")[0] == "label" for o in security_opts
    ):
        security_opts.append("label=disable")  # create.go generateSecurityOpt
    mount_list = mount_points(c)
    memory = hcfg.Memory
    memory_swap = hcfg.MemorySwap
    if memory > 0 and memory_swap == 0:
        memory_swap = memory * 2  # daemon_unix.go adaptContainerSettings
    pids_limit = hcfg.PidsLimit or 0
    # the daemon's default cgroupns mode: host on cgroup v1 (and for --privileged there),
    # private on v2 (v28.5.2:daemon/config/config_linux.go:26-30,151-155, daemon_unix.go:
    # 354-365 adaptContainerSettings)
    cgroup_v2 = hs.host.cgroup == "v2"
    cgroupns_default = "private" if cgroup_v2 and not privileged else "host"
    masked: list[str] | None = None
    readonly: list[str] | None = None
    if hcfg.MaskedPaths is not None or hcfg.ReadonlyPaths is not None:
        # --security-opt systempaths=unconfined (the CLI sends them empty)
        masked, readonly = list(hcfg.MaskedPaths or ()), list(hcfg.ReadonlyPaths or ())
    elif not privileged:
        masked = [*profile.masked_paths,
                  *(f"/sys/devices/system/cpu/cpu{n}/thermal_throttle"
                    for n in hs.host.thermal_throttle if profile.masks_thermal_throttle)]
        readonly = list(_READONLY_PATHS)
    unset_null = profile.cli_unset_lists_null  # unset blkio throttles and ulimits: null
    # a container Docker Compose created (it labels each one with its project: pkg/api/
    # labels.go ProjectLabel): its Go client leaves the lists it has nothing for nil where the
    # docker CLI sends empty ones, and the other way round for ExtraHosts (docker/compose v2.40
    # pkg/compose/create.go getCreateConfigs; measured: conformance/snapshots s6-compose)
    compose = "com.docker.compose.project" in c.spec.Config.Labels
    unset_null = unset_null or compose
    links = [f"/{child}:/{c.name}/{alias}" for child, alias in c.legacy_links
             if child in hs.containers]

    hc: dict[str, Any] = {
        "Binds": list(hcfg.Binds) or None,
        "ContainerIDFile": hcfg.ContainerIDFile,
        "LogConfig": {"Type": log_driver, "Config": sorted_map(hcfg.LogConfig.Config)},
        "NetworkMode": _network_mode(hs, c, profile),
        "PortBindings": _port_bindings(c),
        # the daemon makes an empty policy "no"
        "RestartPolicy": {"Name": hcfg.RestartPolicy.Name or "no",
                          "MaximumRetryCount": hcfg.RestartPolicy.MaximumRetryCount},
        "AutoRemove": hcfg.AutoRemove,
        "VolumeDriver": hcfg.VolumeDriver,
        "VolumesFrom": list(hcfg.VolumesFrom) or None,
    }
    if not profile.host_config_console_size_late:
        hc["ConsoleSize"] = list(hcfg.ConsoleSize)
    if hcfg.Annotations:
        hc["Annotations"] = sorted_map(hcfg.Annotations)
    hc.update({
        "CapAdd": list(hcfg.CapAdd) or None,
        "CapDrop": list(hcfg.CapDrop) or None,
        "CgroupnsMode": hcfg.CgroupnsMode or cgroupns_default,
        "Dns": [go_ip(d) for d in hcfg.Dns] or (
            [] if profile.cli_dns_empty_list and not compose else None),
        "DnsOptions": list(hcfg.DnsOptions) or (None if compose else []),
        "DnsSearch": list(hcfg.DnsSearch) or (None if compose else []),
        "ExtraHosts": list(hcfg.ExtraHosts) or ([] if compose else None),
        "GroupAdd": list(hcfg.GroupAdd) or None,
        "IpcMode": ipc,
        "Cgroup": hcfg.Cgroup,
        "Links": links or None,
        "OomScoreAdj": hcfg.OomScoreAdj,
        "PidMode": pid_mode,
        "Privileged": privileged,
        "PublishAllPorts": hcfg.PublishAllPorts,
        "ReadonlyRootfs": hcfg.ReadonlyRootfs,
        "SecurityOpt": security_opts or None,
    })
    if hcfg.StorageOpt:
        hc["StorageOpt"] = sorted_map(hcfg.StorageOpt)
    if hcfg.Tmpfs:
        hc["Tmpfs"] = sorted_map(hcfg.Tmpfs)
    hc.update({
        "UTSMode": hcfg.UTSMode,
        "UsernsMode": hcfg.UsernsMode,
        "ShmSize": hcfg.ShmSize or _DEFAULT_SHM_SIZE,
    })
    if hcfg.Sysctls:
        hc["Sysctls"] = sorted_map(hcfg.Sysctls)
    hc.update({
        "Runtime": hcfg.Runtime or "runc",
    })
    if profile.host_config_console_size_late:
        hc["ConsoleSize"] = list(hcfg.ConsoleSize)
    hc.update({
        "Isolation": hcfg.Isolation,
        # Resources (embedded)
        "CpuShares": hcfg.CpuShares,
        "Memory": memory,
        "NanoCpus": hcfg.NanoCpus,
        "CgroupParent": hcfg.CgroupParent,
        "BlkioWeight": hcfg.BlkioWeight,
        "BlkioWeightDevice": [d.model_dump() for d in hcfg.BlkioWeightDevice] or (
            None if compose else []),
        "BlkioDeviceReadBps": _throttles(hcfg.BlkioDeviceReadBps, unset_null),
        "BlkioDeviceWriteBps": _throttles(hcfg.BlkioDeviceWriteBps, unset_null),
        "BlkioDeviceReadIOps": _throttles(hcfg.BlkioDeviceReadIOps, unset_null),
        "BlkioDeviceWriteIOps": _throttles(hcfg.BlkioDeviceWriteIOps, unset_null),
        "CpuPeriod": hcfg.CpuPeriod,
        "CpuQuota": hcfg.CpuQuota,
        "CpuRealtimePeriod": hcfg.CpuRealtimePeriod,
        "CpuRealtimeRuntime": hcfg.CpuRealtimeRuntime,
        "CpusetCpus": hcfg.CpusetCpus,
        "CpusetMems": hcfg.CpusetMems,
        "Devices": [d.model_dump() for d in hcfg.Devices] or (None if compose else []),
        "DeviceCgroupRules": list(hcfg.DeviceCgroupRules) or None,
        "DeviceRequests": [_device_request(r) for r in hcfg.DeviceRequests] or None,
        # --kernel-memory is discarded without kmem accounting (cgroup v2)
        **({"KernelMemory": 0, "KernelMemoryTCP": 0} if profile.host_config_kernel_memory
           else {}),
        "MemoryReservation": hcfg.MemoryReservation,
        "MemorySwap": memory_swap,
        # cgroup v2 has no memory.swappiness: the daemon drops it (verifyPlatformContainer…)
        "MemorySwappiness": None,
        # set to false at create; dropped again at start on cgroup v2 (no OomKillDisable)
        "OomKillDisable": None if started_once and cgroup_v2 else False,
        # the daemon keeps no limit of 0 or less (daemon_unix.go adaptContainerSettings)
        "PidsLimit": pids_limit if pids_limit > 0 else None,
        "Ulimits": [u.model_dump() for u in hcfg.Ulimits] or (None if unset_null else []),
        "CpuCount": hcfg.CpuCount,
        "CpuPercent": 0,  # Linux: "does not support CPU percent. Percent discarded."
        "IOMaximumIOps": hcfg.IOMaximumIOps,
        "IOMaximumBandwidth": hcfg.IOMaximumBandwidth,
    })
    if hcfg.Mounts:
        hc["Mounts"] = [mount_json(m) for m in hcfg.Mounts]
    hc["MaskedPaths"] = masked
    hc["ReadonlyPaths"] = readonly
    if hcfg.Init is not None:
        hc["Init"] = hcfg.Init

    # ---------------------------------------------------------------- top level
    paths = _paths(c, owner)
    if started_once and log_driver == "json-file":
        paths["LogPath"] = f"{DOCKER_ROOT}/containers/{c.id}/{c.id}-json.log"
    apparmor = next((o.partition("=")[2] for o in security_opts
                     if o.startswith("apparmor=")), "")
    if not hs.host.apparmor:  # daemon/oci_linux.go WithApparmor: only if HostSupports()
        apparmor = ""
    elif started_once:
        apparmor = "unconfined" if privileged else (apparmor or "docker-default")

    # ---------------------------------------------------------------- Config
    user = cfg.User
    if not user and info is not None and info.user != "root":
        user = info.user
    hostname = c.hostname
    domainname = cfg.Domainname
    if owner is not None and c.started is not None:
        hostname, domainname = owner.hostname, owner.spec.Config.Domainname
    labels = dict(extras.labels)
    labels.update(cfg.Labels)
    config: dict[str, Any] = {
        "Hostname": hostname,
        "Domainname": domainname,
        "User": user,
        "AttachStdin": cfg.AttachStdin,
        "AttachStdout": cfg.AttachStdout,
        "AttachStderr": cfg.AttachStderr,
    }
    if c.exposed_ports:
        config["ExposedPorts"] = sorted_map({k: {} for k in c.exposed_ports})
    config.update({
        "Tty": cfg.Tty,
        "OpenStdin": cfg.OpenStdin,
        "StdinOnce": cfg.StdinOnce,
        "Env": _env(cfg.Env, info),
        "Cmd": cmd,
    })
    if health_cfg is not None:
        config["Healthcheck"] = health_cfg
    config.update({
        "Image": cfg.Image,
        "Volumes": sorted_map({k: {} for k in cfg.Volumes}) if cfg.Volumes else None,
        "WorkingDir": cfg.WorkingDir,
        "Entrypoint": entrypoint,
    })
    if profile.config_prints_onbuild:
        config["OnBuild"] = None  # the image's ONBUILD is not known
    config["Labels"] = sorted_map(labels)
    stop_signal = cfg.StopSignal or (info.stop_signal if info is not None else "") \
        or extras.stop_signal
    if stop_signal:
        config["StopSignal"] = stop_signal
    if cfg.StopTimeout is not None:
        config["StopTimeout"] = cfg.StopTimeout

    # ---------------------------------------------------------------- NetworkSettings
    sandbox_id = sandbox_key = ""
    # a stopped container has none, or its last one (EngineProfile.stopped_keeps_sandbox)
    if (running or c.sandbox_id) and not c.network_mode.startswith("container:"):
        sandbox_id = container_sandbox_id(c)
        key = "default" if c.network_mode == "host" else sandbox_id[:12]
        sandbox_key = f"{_NETNS_DIR}/{key}"
    networks: dict[str, Any] = {}
    if not c.network_mode.startswith("container:"):
        networks = sorted_map(
            (ep.network, shaped(_endpoint_settings(
                hs, c, ep, omit_empty=state.profile.ipam_config_omits_empty,
                short_id_alias=state.profile.aliases_list_short_id),
                                 state.profile.endpoint_settings_keys))
            for ep in c.endpoints if not gateway_only(ep))
    # ≤ 28.x: the deprecated NetworkSettingsBase fields (never set by the daemon, ``Bridge``
    # only with dockerd --bridge) and DefaultNetworkSettings, the "bridge" endpoint's values
    # repeated at the top (v28.5.2:daemon/inspect.go:234-250 getDefaultNetworkSettings)
    bridge_ep = networks.get("bridge", {})
    network_settings = shaped({
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
        "Created": exact_time(c.created, c.fractions, "Created"),
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
        "Mounts": [mount_point_json(p) for p in mount_list],
        "Config": config,
        "NetworkSettings": network_settings,
    }
