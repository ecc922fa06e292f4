"""``docker run`` flags as the daemon stores them in ``HostConfig``/``Config``: the Go value
parsers the CLI applies (lenient: an invalid value gives Docker's zero value, as the inspect
object shows it) and the flag forms (``--device``, ``--gpus``, ``-v``, ``--mount``,
``--health-*`` …)."""

from __future__ import annotations

import csv
import posixpath
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from netsim.dockercli.output.inspect_common import DOCKER_ROOT, sha, sorted_map
from netsim.golang.values import BINARY_UNITS, DURATION_UNITS, NumError, parse_bool, parse_int
from netsim.state import ContainerState

__all__ = ["Flags", "device", "extra_host", "gpu_request", "health", "kv_map", "mount_flag",
           "nano_cpus", "ram_in_bytes", "restart_policy", "throttle", "ulimits", "volumes",
           "weight_devices"]


def _parse_bool(value: str | None, default: bool = False) -> bool:
    """Go ``strconv.ParseBool`` (flag values); anything else gives ``default``."""
    if value is None:
        return default
    try:
        return parse_bool(value)
    except NumError:
        return default


def _int(value: str | None, default: int = 0) -> int:
    """A decimal integer as Go's ``strconv.Atoi`` / ``ParseInt(s, 10, 64)`` reads it, of any
    size (netsim's CLI leaves some of these values, e.g. ``--restart on-failure:N``, unchecked,
    so the number is shown as given); ``default`` if invalid."""
    if value is None or not re.fullmatch(r"[+-]?[0-9]+", value):
        return default
    return int(value)


def _flag_int(value: str | None) -> int:
    """A pflag integer, ``strconv.ParseInt(s, 0, 64)``: ``0x1f``, ``0o17``, ``017``, ``1_000``;
    0 if invalid (the CLI refuses those).

    >>> [_flag_int(v) for v in ("1024", "010", "0x10", "1_000", "-5", "1__0", "x")]
    [1024, 8, 16, 1000, -5, 0, 0]
    """
    if value is None:
        return 0
    try:
        return parse_int(value, 0, 64)
    except NumError:
        return 0


def ram_in_bytes(text: str) -> int | None:
    """go-units ``RAMInBytes`` (``1g`` → 1073741824); None where Docker reports an error.

    The number is read by Python's ``float`` and the size is not limited to an int64 (unlike
    :func:`netsim.golang.values.ram_in_bytes`: what netsim's inspect has always shown).

    >>> [ram_in_bytes(v) for v in ("1g", "512m", "1.5k", "100", "1mb", "2x")]
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
    mul = BINARY_UNITS.get(sfx[0])
    if mul is None or (len(sfx) == 2 and sfx[1] != "b") or (len(sfx) == 3 and sfx[1:] != "ib"):
        return None
    return int(size * mul)


def nano_cpus(text: str) -> int:
    """docker/cli ``opts.ParseCPUs``: ``0.5`` → 500000000 (the number read by Python's
    ``Fraction``, not big.Rat: no ``0x``/``0b``/``0o`` forms)."""
    try:
        value = Fraction(text) * 1_000_000_000
    except (ValueError, ZeroDivisionError):
        return 0
    return int(value) if value.denominator == 1 else 0


_DURATION_PART = re.compile(r"([0-9]*(?:\.[0-9]*)?)(ns|us|µs|μs|ms|s|m|h)")


def _go_duration(text: str) -> int:
    """Go ``time.ParseDuration`` in nanoseconds (``1m30s`` → 90000000000); 0 if invalid.

    Exact fractions, of any size (unlike :func:`netsim.golang.values.parse_duration`, which
    computes a fraction in float64 as Go does and refuses more than an int64)."""
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
        total += Fraction(m.group(1)) * DURATION_UNITS[m.group(2)]
        pos = m.end()
    return sign * int(total) if rest else 0


class Flags:
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
        return (ram_in_bytes(value) or 0) if value is not None else 0


def kv_map(values: Iterable[str]) -> dict[str, str]:
    """docker/cli ``opts.ConvertKVStringsToMap``: ``k=v`` → {k: v}, ``k`` → {k: ""}."""
    out: dict[str, str] = {}
    for v in values:
        k, _, val = v.partition("=")
        out[k] = val
    return out


def restart_policy(text: str) -> dict[str, Any]:
    """docker/cli ``opts.ParseRestartPolicy``; the daemon makes "" into ``no``."""
    name, _, count = (text or "no").partition(":")
    return {"Name": name or "no", "MaximumRetryCount": _int(count)}


def extra_host(value: str) -> str:
    """docker/cli ``opts.ValidateExtraHost``: ``host=ip``/``host:[ip]`` → ``host:ip``."""
    k, sep, v = value.partition("=")
    if not sep:
        k, _, v = value.partition(":")
    if len(v) > 2 and v[0] == "[" and v[-1] == "]":
        v = v[1:-1]
    return f"{k}:{v}"


def throttle(values: Iterable[str], *, bps: bool,
              null: bool = False) -> list[dict[str, Any]] | None:
    """``--device-write-bps /dev/sda:1mb`` → [{"Path": "/dev/sda", "Rate": 1048576}]; none
    given: ``null`` with ``null`` (EngineProfile.cli_unset_lists_null), else ``[]``."""
    out = []
    for v in values:
        path, _, rate = v.rpartition(":")
        value = ram_in_bytes(rate) if bps else _int(rate)
        out.append({"Path": path, "Rate": value or 0})
    if not out and null:
        return None
    return out


def weight_devices(values: Iterable[str]) -> list[dict[str, Any]]:
    """``--blkio-weight-device /dev/sda:200`` → [{"Path": "/dev/sda", "Weight": 200}]."""
    out = []
    for v in values:
        path, _, weight = v.rpartition(":")
        out.append({"Path": path, "Weight": _int(weight)})
    return out


_DEVICE_MODE = re.compile(r"[rwm]{1,3}")


def device(value: str) -> dict[str, str]:
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


def gpu_request(value: str) -> dict[str, Any]:
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
            req["Options"] = sorted_map(kv_map(next(iter(_csv_fields(val)), [])))
    if not seen_count and req["DeviceIDs"] is None:
        req["Count"] = 1
    if req["Options"] is None:
        req["Options"] = {}
    if req["Capabilities"] is None:
        req["Capabilities"] = [["gpu"]]
    return req


def _csv_fields(text: str) -> list[list[str]]:
    return list(csv.reader([text]))


def ulimits(values: Iterable[str]) -> list[dict[str, Any]]:
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
    return f"{DOCKER_ROOT}/volumes/{name}/_data"


def volumes(c: ContainerState, flags: Flags) -> tuple[list[str], list[str], list[_MountPoint]]:
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
        name = sha(c.id, "volume", dest)
        points.append(_MountPoint("volume", dest, source=_volume_source(name), name=name,
                                  driver=volume_driver or "local"))
    return binds, anonymous, points


def mount_flag(c: ContainerState, raw: str) -> tuple[dict[str, Any], _MountPoint]:
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
            tmpfs_opts["SizeBytes"] = ram_in_bytes(val) or 0
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
        name = source or sha(c.id, "volume", dest)
        point = _MountPoint("volume", dest, source=_volume_source(name), name=name,
                            driver=driver, mode="z" if driver == "local" else "",
                            rw=not readonly)
    else:
        point = _MountPoint(typ, dest, rw=not readonly)
    return spec, point


def health(flags: Flags) -> dict[str, Any] | None:
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
