"""A container's mounts as the daemon records them and ``docker inspect`` prints them: the
``HostConfig.Mounts`` entries (mount.Mount, Go's ``omitempty``) and the top-level ``Mounts``
points the daemon makes of ``--volumes-from``, ``-v`` binds, anonymous volumes and ``--mount``
(netsim.daemon.volumes; daemon/volumes.go registerMountPoints, volume/mounts/linux_parser.go)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from netsim.api import Mount
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


def mount_points(c: ContainerState) -> list[MountPoint]:
    """The container's mount points (netsim.daemon.volumes.mount_points): those
    ``--volumes-from`` copied, its ``Binds``, its anonymous volumes (``Config.Volumes``), its
    ``--mount`` entries."""
    from netsim.daemon.volumes import mount_points as points

    return [MountPoint(p.type, p.destination, source=p.source, name=p.name, driver=p.driver,
                       mode=p.mode, rw=p.rw, propagation=p.propagation) for p in points(c)]
