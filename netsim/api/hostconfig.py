"""``HostConfig``, the part of a container's create request that concerns the host: its
namespaces, published ports, DNS, restart policy, mounts and (embedded, as Go embeds it)
:class:`Resources`, with the typed entries of their lists (moby docker-v29.1.0
api/types/container/hostconfig.go, api/types/mount/mount.go, go-units ulimit.go).

Field names are Docker's JSON names. Where the docker CLI sets a field only when its flag is
given (or Go declares a pointer), ``None`` stands for "unset" and inspect tells it from a zero
value (``Init``, ``PidsLimit``, ``MaskedPaths`` …).
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, field_validator

from netsim.api.base import DockerObject
from netsim.api.ports import PortBinding, PortMap, port_key_parts

__all__ = [
    "BindOptions",
    "DeviceMapping",
    "DeviceRequest",
    "Driver",
    "HostConfig",
    "LogConfig",
    "Mount",
    "Resources",
    "RestartPolicy",
    "ThrottleDevice",
    "TmpfsOptions",
    "Ulimit",
    "VolumeOptions",
    "WeightDevice",
]


class RestartPolicy(DockerObject):
    """``--restart NAME[:COUNT]`` (opts.ParseRestartPolicy). ``Name`` "" is the daemon's
    ``no``."""

    Name: str = ""
    MaximumRetryCount: int = 0

    def is_none(self) -> bool:
        """RestartPolicy.IsNone: no restart policy (``""`` or ``no``)."""
        return self.Name in ("", "no")


class LogConfig(DockerObject):
    """``--log-driver`` and ``--log-opt``. ``Type`` "" is the daemon's default driver
    (json-file)."""

    Type: str = ""
    # a default in the annotation: a class attribute named Config would be pydantic's config
    Config: Annotated[dict[str, str], Field(default_factory=dict)]


class WeightDevice(DockerObject):
    """``--blkio-weight-device PATH:WEIGHT`` (blkiodev.WeightDevice)."""

    Path: str
    Weight: int


class ThrottleDevice(DockerObject):
    """``--device-{read,write}-{bps,iops} PATH:RATE`` (blkiodev.ThrottleDevice)."""

    Path: str
    Rate: int


class DeviceMapping(DockerObject):
    """``--device SRC[:DST][:PERMS]`` (container.DeviceMapping)."""

    PathOnHost: str
    PathInContainer: str
    CgroupPermissions: str


class DeviceRequest(DockerObject):
    """``--gpus`` and CDI ``--device`` names (container.DeviceRequest; Go's nil lists and maps
    are ``None``)."""

    Driver: str = ""
    Count: int = 0
    DeviceIDs: tuple[str, ...] | None = None
    Capabilities: tuple[tuple[str, ...], ...] | None = None
    Options: dict[str, str] | None = None


class Ulimit(DockerObject):
    """``--ulimit NAME=SOFT[:HARD]`` (go-units Ulimit)."""

    Name: str
    Hard: int
    Soft: int


class BindOptions(DockerObject):
    """mount.BindOptions (only what ``--mount``'s ``bind-propagation`` sets)."""

    Propagation: str = ""


class Driver(DockerObject):
    """mount.Driver: a volume driver's name (``--mount volume-driver=``)."""

    Name: str = ""


class VolumeOptions(DockerObject):
    """mount.VolumeOptions: ``volume-nocopy``, ``volume-driver`` (the CLI creates
    ``DriverConfig`` with the options: docker/cli opts/mount.go volumeOptions)."""

    NoCopy: bool = False
    DriverConfig: Driver | None = None


class TmpfsOptions(DockerObject):
    """mount.TmpfsOptions: ``tmpfs-size``, ``tmpfs-mode`` (None: not given)."""

    SizeBytes: int | None = None
    Mode: int | None = None


# the classes again under other names: a field named like its type hides the type in the class
_BindOptions = BindOptions
_VolumeOptions = VolumeOptions
_TmpfsOptions = TmpfsOptions
_LogConfig = LogConfig
_RestartPolicy = RestartPolicy


class Mount(DockerObject):
    """One ``--mount`` (mount.Mount)."""

    Type: str = "volume"
    Source: str = ""
    Target: str = ""
    ReadOnly: bool = False
    BindOptions: _BindOptions | None = None
    VolumeOptions: _VolumeOptions | None = None
    TmpfsOptions: _TmpfsOptions | None = None


class Resources(DockerObject):
    """container.Resources (embedded in :class:`HostConfig`): cgroup limits and devices."""

    CpuShares: int = 0
    Memory: int = 0
    NanoCpus: int = 0
    CgroupParent: str = ""
    BlkioWeight: int = 0
    BlkioWeightDevice: tuple[WeightDevice, ...] = ()
    BlkioDeviceReadBps: tuple[ThrottleDevice, ...] = ()
    BlkioDeviceWriteBps: tuple[ThrottleDevice, ...] = ()
    BlkioDeviceReadIOps: tuple[ThrottleDevice, ...] = ()
    BlkioDeviceWriteIOps: tuple[ThrottleDevice, ...] = ()
    CpuPeriod: int = 0
    CpuQuota: int = 0
    CpuRealtimePeriod: int = 0
    CpuRealtimeRuntime: int = 0
    CpusetCpus: str = ""
    CpusetMems: str = ""
    Devices: tuple[DeviceMapping, ...] = ()
    DeviceCgroupRules: tuple[str, ...] = ()
    DeviceRequests: tuple[DeviceRequest, ...] = ()
    #: ``--kernel-memory`` (deprecated; API ≤ 1.41 carries it: the 20.10 daemon warns)
    KernelMemory: int | None = None
    MemoryReservation: int = 0
    #: ``--memory-swap``: -1 unlimited; 0 (unset) the daemon makes twice ``Memory``
    MemorySwap: int = 0
    MemorySwappiness: int | None = None
    OomKillDisable: bool | None = None
    PidsLimit: int | None = None
    Ulimits: tuple[Ulimit, ...] = ()
    CpuCount: int = 0
    CpuPercent: int = 0
    IOMaximumIOps: int = 0
    IOMaximumBandwidth: int = 0


class HostConfig(Resources):
    """container.HostConfig (its Resources embedded, as in Go and in Docker's JSON).

    ``NetworkMode`` is the first ``--network`` (``default``: none given, the daemon's default
    bridge; ``host``, ``none``, ``container:NAME`` or a network name). ``Links`` are the
    ``--link`` values (``name[:alias]``), legacy links on the default bridge. ``Dns`` keeps the
    addresses as given (inspect prints them as netip does).
    """

    Binds: tuple[str, ...] = ()
    ContainerIDFile: str = ""
    LogConfig: _LogConfig = Field(default_factory=lambda: _LogConfig(Config={}))
    NetworkMode: str = "default"
    PortBindings: PortMap = Field(default_factory=dict)
    RestartPolicy: _RestartPolicy = Field(default_factory=_RestartPolicy)
    AutoRemove: bool = False
    VolumeDriver: str = ""
    VolumesFrom: tuple[str, ...] = ()
    ConsoleSize: tuple[int, int] = (0, 0)
    Annotations: dict[str, str] = Field(default_factory=dict)
    CapAdd: tuple[str, ...] = ()
    CapDrop: tuple[str, ...] = ()
    CgroupnsMode: str = ""
    Dns: tuple[str, ...] = ()
    DnsOptions: tuple[str, ...] = ()
    DnsSearch: tuple[str, ...] = ()
    ExtraHosts: tuple[str, ...] = ()
    GroupAdd: tuple[str, ...] = ()
    IpcMode: str = ""
    Cgroup: str = ""
    Links: tuple[str, ...] = ()
    OomScoreAdj: int = 0
    PidMode: str = ""
    Privileged: bool = False
    PublishAllPorts: bool = False
    ReadonlyRootfs: bool = False
    SecurityOpt: tuple[str, ...] = ()
    StorageOpt: dict[str, str] = Field(default_factory=dict)
    Tmpfs: dict[str, str] = Field(default_factory=dict)
    UTSMode: str = ""
    UsernsMode: str = ""
    ShmSize: int = 0
    Sysctls: dict[str, str] = Field(default_factory=dict)
    Runtime: str = ""
    Isolation: str = ""
    Mounts: tuple[Mount, ...] = ()
    #: ``--security-opt systempaths=unconfined`` makes both empty (the CLI's
    #: parseSystemPaths); None: the daemon's defaults
    MaskedPaths: tuple[str, ...] | None = None
    ReadonlyPaths: tuple[str, ...] | None = None
    Init: bool | None = None

    @field_validator("PortBindings")
    @classmethod
    def _port_keys(cls, value: PortMap) -> PortMap:
        for key in value:
            port_key_parts(key)
        return value

    def port_bindings(self) -> list[tuple[str, PortBinding]]:
        """Every published binding, ``(PORT/PROTO, binding)``, in PortBindings' order."""
        return [(key, b) for key, bindings in self.PortBindings.items() for b in bindings]
