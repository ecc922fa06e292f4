"""A container's mounts as the daemon records them and ``docker inspect`` prints them: the
``HostConfig.Mounts`` entries (mount.Mount, Go's ``omitempty``) and the top-level ``Mounts``
points the daemon makes of ``--volumes-from``, ``-v`` binds, anonymous volumes and ``--mount``
(netsim.daemon.volumes; daemon/volumes.go registerMountPoints, volume/mounts/linux_parser.go)."""

from __future__ import annotations

from typing import Any

from netsim.api import Mount
from netsim.state import ContainerState, MountState

__all__ = ["mount_json", "mount_point_json", "mount_points"]


def mount_point_json(p: MountState) -> dict[str, Any]:
    """One element of the top-level ``Mounts`` (types.MountPoint) as Docker's JSON writes
    it: ``Name`` and ``Driver`` only for a volume."""
    out: dict[str, Any] = {"Type": p.type}
    if p.name:
        out["Name"] = p.name
    out["Source"] = p.source
    out["Destination"] = p.destination
    if p.driver:
        out["Driver"] = p.driver
    out["Mode"] = p.mode
    out["RW"] = p.rw
    out["Propagation"] = p.propagation
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


def mount_points(c: ContainerState) -> list[MountState]:
    """The container's mount points (netsim.daemon.volumes.mount_points): those
    ``--volumes-from`` copied, its ``Binds``, its anonymous volumes (``Config.Volumes``), its
    ``--mount`` entries."""
    from netsim.daemon.volumes import mount_points as points

    return list(points(c))
