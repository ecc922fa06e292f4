"""The values of ``docker run``/``create`` flags as docker/cli v29.1 turns them into API
objects (cli/command/container/opts.go ``parse`` and the ``opts`` package's value types):
restart policies, ``--add-host``, block-I/O throttles, devices, ``--gpus``, ``--ulimit``,
``--mount``, health checks, sizes and CPUs.

The flag parser has already refused what docker refuses while parsing flags
(:mod:`netsim.dockercli.flags.validators`), so these read values known to be well formed; a few
values docker checks only later (``--restart on-failure:N``) are read leniently, as netsim has
always shown them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from netsim.api import (
    BindOptions,
    DeviceMapping,
    DeviceRequest,
    Driver,
    HealthConfig,
    Mount,
    RestartPolicy,
    ThrottleDevice,
    TmpfsOptions,
    Ulimit,
    VolumeOptions,
    WeightDevice,
)
from netsim.dockercli.flags.validators import cli_ram_in_bytes
from netsim.golang.csv import read_record
from netsim.golang.values import (
    GoError,
    NumError,
    parse_bool,
    parse_duration,
    parse_int,
    parse_uint,
    rat_set_string,
)

__all__ = [
    "cdi_request",
    "device_mapping",
    "duration",
    "extra_host",
    "flag_int",
    "gpu_request",
    "health_config",
    "is_cdi_device",
    "kv_map",
    "mount",
    "nano_cpus",
    "ram_bytes",
    "restart_policy",
    "throttle_devices",
    "ulimits",
    "weight_devices",
]


def kv_map(values: Iterable[str]) -> dict[str, str]:
    """opts.ConvertKVStringsToMap: ``k=v`` → {k: v}, ``k`` → {k: ""} (the last one wins)."""
    out: dict[str, str] = {}
    for v in values:
        k, _, val = v.partition("=")
        out[k] = val
    return out


def _atoi_lenient(value: str) -> int:
    """A decimal integer of any size, as netsim has always read the values docker checks only
    after parsing flags; 0 if it is not one."""
    return int(value) if re.fullmatch(r"[+-]?[0-9]+", value) else 0


def flag_int(value: str | None, bit_size: int = 64, *, unsigned: bool = False) -> int:
    """A pflag integer flag's value (strconv.ParseInt/ParseUint base 0: ``0x1f``, ``017``,
    ``1_000``), checked by the flag parser; 0 when absent.

    >>> [flag_int(v) for v in ("1024", "010", "0x10", "1_000", "-5", None)]
    [1024, 8, 16, 1000, -5, 0]
    """
    if value is None:
        return 0
    try:
        return parse_uint(value, 0, bit_size) if unsigned else parse_int(value, 0, bit_size)
    except NumError:
        return 0


def ram_bytes(value: str | None) -> int:
    """An opts.MemBytes flag's value (go-units RAMInBytes, as this CLI release links it); 0
    when absent.

    >>> ram_bytes("64m"), ram_bytes("1.5g"), ram_bytes(None)
    (67108864, 1610612736, 0)
    """
    if value is None:
        return 0
    try:
        return cli_ram_in_bytes(value)
    except GoError:
        return 0


def duration(value: str | None) -> int:
    """An opts.DurationOpt flag's value (time.ParseDuration), in nanoseconds; 0 when absent."""
    if value is None:
        return 0
    try:
        return parse_duration(value)
    except GoError:
        return 0


def nano_cpus(value: str | None) -> int:
    """opts.NanoCPUs (``--cpus 0.5`` → 500000000: big.Rat times 1e9)."""
    rat = rat_set_string(value) if value is not None else None
    if rat is None:
        return 0
    nanos = rat * 1_000_000_000
    return int(nanos) if nanos.denominator == 1 else 0


def restart_policy(text: str) -> RestartPolicy:
    """opts.ParseRestartPolicy (``on-failure:3``). The retry count is read leniently (docker
    refuses a count that is not an integer; netsim shows 0).

    >>> restart_policy("on-failure:3"), restart_policy("always")
    (RestartPolicy(Name='on-failure', MaximumRetryCount=3), RestartPolicy(Name='always'))
    """
    name, _, count = text.partition(":")
    return RestartPolicy(Name=name, MaximumRetryCount=_atoi_lenient(count) if count else 0)


def extra_host(value: str) -> str:
    """opts.ValidateExtraHost's result: ``host=ip``/``host:[ip]`` → ``host:ip``.

    >>> extra_host("db=10.0.0.5"), extra_host("v6:[::1]")
    ('db:10.0.0.5', 'v6:::1')
    """
    k, sep, v = value.partition("=")
    if not sep:
        k, _, v = value.partition(":")
    if len(v) > 2 and v[0] == "[" and v[-1] == "]":
        v = v[1:-1]
    return f"{k}:{v}"


def throttle_devices(values: Iterable[str], *, bps: bool) -> tuple[ThrottleDevice, ...]:
    """opts.ThrottledeviceOpt: ``/dev/sda:1mb`` (``bps``: a size) or ``/dev/sda:100``."""
    out = []
    for v in values:
        path, _, rate = v.rpartition(":")
        out.append(ThrottleDevice(Path=path, Rate=ram_bytes(rate) if bps
                                  else _atoi_lenient(rate)))
    return tuple(out)


def weight_devices(values: Iterable[str]) -> tuple[WeightDevice, ...]:
    """opts.WeightdeviceOpt: ``/dev/sda:200``."""
    out = []
    for v in values:
        path, _, weight = v.rpartition(":")
        out.append(WeightDevice(Path=path, Weight=_atoi_lenient(weight)))
    return tuple(out)


_DEVICE_MODE = re.compile(r"[rwm]{1,3}")
#: a CDI device name (vendor.com/class=name: cdi.IsQualifiedName)
_CDI_NAME = re.compile(r"[^/:=]+/[^/:=]+=\S+")


def is_cdi_device(value: str) -> bool:
    """A ``--device`` value that names a CDI device (the CLI makes a DeviceRequest of it)."""
    return _CDI_NAME.fullmatch(value) is not None


def device_mapping(value: str) -> DeviceMapping:
    """parseLinuxDevice: ``src[:dst][:perms]``."""
    parts = value.split(":", 3)
    src, dst, perms = parts[0], "", "rwm"
    if len(parts) == 3:
        perms = parts[2]
    if len(parts) >= 2:
        if _DEVICE_MODE.fullmatch(parts[1]) and len(set(parts[1])) == len(parts[1]):
            perms = parts[1]
        else:
            dst = parts[1]
    return DeviceMapping(PathOnHost=src, PathInContainer=dst or src, CgroupPermissions=perms)


def cdi_request(names: Iterable[str]) -> DeviceRequest:
    """The DeviceRequest of the CDI ``--device`` names (opts.go parse)."""
    return DeviceRequest(Driver="cdi", DeviceIDs=tuple(names))


def gpu_request(value: str) -> DeviceRequest:
    """opts.GpuOpts.Set (``all``, ``2``, ``device=0,1``, ``capabilities=…``)."""
    driver, count = "", 0
    device_ids: tuple[str, ...] | None = None
    capabilities: tuple[tuple[str, ...], ...] | None = None
    options: dict[str, str] | None = None
    seen_count = False
    for f in read_record(value) if value else []:
        key, sep, val = f.partition("=")
        if not sep:
            seen_count = True
            count = -1 if key == "all" else _atoi_lenient(key)
        elif key == "driver":
            driver = val
        elif key == "count":
            seen_count = True
            count = -1 if val == "all" else _atoi_lenient(val)
        elif key == "device":
            device_ids = tuple(val.split(","))
        elif key == "capabilities":
            capabilities = ((*val.split(","), "gpu"),)
        elif key == "options":
            options = kv_map(read_record(val) if val else [])
    if not seen_count and device_ids is None:
        count = 1
    return DeviceRequest(Driver=driver, Count=count, DeviceIDs=device_ids,
                         Capabilities=capabilities if capabilities is not None else (("gpu",),),
                         Options=options if options is not None else {})


def ulimits(values: Iterable[str]) -> tuple[Ulimit, ...]:
    """opts.UlimitOpt (go-units ParseUlimit): ``nofile=1024[:2048]``; the last one of a name
    wins, in the place of its first."""
    found: dict[str, Ulimit] = {}
    for v in values:
        name, _, limits = v.partition("=")
        soft_s, _, hard_s = limits.partition(":")
        soft = _atoi_lenient(soft_s)
        found[name] = Ulimit(Name=name, Hard=_atoi_lenient(hard_s) if hard_s else soft, Soft=soft)
    return tuple(found.values())


def _bool_or(value: str, default: bool) -> bool:
    try:
        return parse_bool(value)
    except NumError:
        return default


def mount(value: str) -> Mount:
    """opts.MountOpt.Set: ``type=…,source=…,target=…`` and the options netsim models."""
    typ, source, target, readonly = "volume", "", "", False
    propagation = ""
    volume_opts: VolumeOptions | None = None
    size: int | None = None
    mode: int | None = None
    for f in read_record(value) if value else []:
        key, sep, val = f.partition("=")
        key = key.lower()
        if key in ("readonly", "ro"):
            readonly = _bool_or(val, False) if sep else True
        elif key == "type":
            typ = val.lower()
        elif key in ("source", "src"):
            source = val
        elif key in ("target", "dst", "destination"):
            target = val
        elif key == "bind-propagation":
            propagation = val.lower()
        elif key == "volume-nocopy":
            # docker/cli opts/mount.go volumeOptions: made with an empty DriverConfig
            base = volume_opts or VolumeOptions(DriverConfig=Driver())
            volume_opts = base.model_copy(update={"NoCopy": _bool_or(val, False) if sep
                                                  else True})
        elif key == "volume-driver":
            base = volume_opts or VolumeOptions(DriverConfig=Driver())
            volume_opts = base.model_copy(update={"DriverConfig": Driver(Name=val)})
        elif key == "tmpfs-size":
            size = ram_bytes(val)
        elif key == "tmpfs-mode":
            mode = int(val, 8) if re.fullmatch(r"[0-7]+", val) else 0
    return Mount(Type=typ, Source=source, Target=target, ReadOnly=readonly,
                 BindOptions=BindOptions(Propagation=propagation) if propagation else None,
                 VolumeOptions=volume_opts,
                 TmpfsOptions=TmpfsOptions(SizeBytes=size, Mode=mode)
                 if size is not None or mode is not None else None)


def health_config(*, no_healthcheck: bool, cmd: str, interval: int, timeout: int,
                  start_period: int, start_interval: int, retries: int) -> HealthConfig | None:
    """``--health-*``/``--no-healthcheck`` → Config.Healthcheck (opts.go parse), None when
    none is set."""
    if no_healthcheck:
        return HealthConfig(Test=("NONE",))
    if not cmd and not (interval or timeout or start_period or start_interval or retries):
        return None
    return HealthConfig(Test=("CMD-SHELL", cmd) if cmd else None, Interval=interval,
                        Timeout=timeout, StartPeriod=start_period,
                        StartInterval=start_interval, Retries=retries)
