"""A container's mounts as the daemon records them and ``docker inspect`` prints them: the
``HostConfig.Mounts`` entries (mount.Mount, Go's ``omitempty``) and the top-level ``Mounts``
points the daemon makes of ``-v`` binds, anonymous volumes and ``--mount`` (daemon/volumes.go
registerMountPoints, volume/mounts/linux_parser.go)."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from typing import Any

from netsim.api import Mount
from netsim.dockercli.output.inspect_common import DOCKER_ROOT, sha
from netsim.state import ContainerState

__all__ = ["MountPoint", "mount_json", "mount_points"]


@dataclass
class MountPoint:
    """One element of the top-level ``Mounts`` (types.MountPoint)."""

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


def mount_json(m: Mount) -> dict[str, Any]:
    """One ``HostConfig.Mounts`` entry as Docker's JSON writes it (mount.Mount's
    ``omitempty`` fields left out when empty).

    >>> from netsim.api import Mount, TmpfsOptions
    >>> mount_json(Mount(Type="tmpfs", Target="/run", TmpfsOptions=TmpfsOptions(SizeBytes=64)))
    {'Type': 'tmpfs', 'Target': '/run', 'TmpfsOptions': {'SizeBytes': 64}}
    """
    out: dict[str, Any] = {"Type": m.Type}
    if m.Source:
        out["Source"] = m.Source
    if m.Target:
        out["Target"] = m.Target
    if m.ReadOnly:
        out["ReadOnly"] = True
    if m.BindOptions is not None:
        out["BindOptions"] = {"Propagation": m.BindOptions.Propagation}
    if m.VolumeOptions is not None:
        opts: dict[str, Any] = {}
        if m.VolumeOptions.NoCopy:
            opts["NoCopy"] = True
        driver = m.VolumeOptions.DriverConfig
        if driver is not None:
            opts["DriverConfig"] = {"Name": driver.Name} if driver.Name else {}
        out["VolumeOptions"] = opts
    if m.TmpfsOptions is not None:
        tmpfs: dict[str, Any] = {}
        if m.TmpfsOptions.SizeBytes is not None:
            tmpfs["SizeBytes"] = m.TmpfsOptions.SizeBytes
        if m.TmpfsOptions.Mode is not None:
            tmpfs["Mode"] = m.TmpfsOptions.Mode
        out["TmpfsOptions"] = tmpfs
    return out


def _mount_point(c: ContainerState, m: Mount) -> MountPoint:
    dest = posixpath.normpath(m.Target) if m.Target else ""
    if m.Type == "bind":
        propagation = m.BindOptions.Propagation if m.BindOptions is not None else ""
        return MountPoint("bind", dest, source=posixpath.normpath(m.Source) if m.Source else "",
                          rw=not m.ReadOnly, propagation=propagation or "rprivate")
    if m.Type == "volume":
        driver = "local"
        opts = m.VolumeOptions
        if opts is not None and opts.DriverConfig is not None and opts.DriverConfig.Name:
            driver = opts.DriverConfig.Name
        name = m.Source or sha(c.id, "volume", dest)
        return MountPoint("volume", dest, source=_volume_source(name), name=name,
                          driver=driver, mode="z" if driver == "local" else "",
                          rw=not m.ReadOnly)
    return MountPoint(m.Type, dest, rw=not m.ReadOnly)


def mount_points(c: ContainerState) -> list[MountPoint]:
    """The container's mount points: its ``Binds``, then its anonymous volumes
    (``Config.Volumes``), then its ``--mount`` entries."""
    hc = c.spec.HostConfig
    volume_driver = hc.VolumeDriver
    points: list[MountPoint] = []
    for raw in hc.Binds:
        parts = raw.split(":", 3)
        if len(parts) == 1:
            # a path alone: an anonymous volume there, as ``Config.Volumes`` (an API client's;
            # the daemon parses it so: daemon/volume/mounts/linux_parser.go ParseMountRaw)
            dest = posixpath.normpath(raw)
            name = sha(c.id, "volume", dest)
            points.append(MountPoint("volume", dest, source=_volume_source(name), name=name,
                                     driver=volume_driver or "local"))
            continue
        source, target = parts[0], parts[1]
        mode = parts[2] if len(parts) > 2 else ""
        options = mode.split(",") if mode else []
        rw = "ro" not in options
        dest = posixpath.normpath(target)
        if source.startswith("/"):
            prop = next((o for o in options if o in _PROPAGATIONS), "rprivate")
            points.append(MountPoint("bind", dest, source=posixpath.normpath(source),
                                     mode=mode, rw=rw, propagation=prop))
        else:
            driver = volume_driver or "local"
            points.append(MountPoint("volume", dest, source=_volume_source(source), name=source,
                                     driver=driver,
                                     mode=mode or ("z" if driver == "local" else ""), rw=rw))
    for raw in c.spec.Config.Volumes:
        dest = posixpath.normpath(raw)
        name = sha(c.id, "volume", dest)
        points.append(MountPoint("volume", dest, source=_volume_source(name), name=name,
                                 driver=volume_driver or "local"))
    points.extend(_mount_point(c, m) for m in hc.Mounts)
    return points
