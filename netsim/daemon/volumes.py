"""Volumes: each host's volume store (``docker volume create/ls/inspect/rm/prune``) and the mount
points of its containers (``-v NAME:/d``, an anonymous ``-v /d``, a bind ``-v /host:/d``,
``--mount``, ``--volumes-from``), which create volumes and hold references to them.

Volumes change no network fact (issue 18): netsim keeps them so that what Docker lists,
inspects and refuses about them is what it prints. A volume is its name, driver, labels,
options, creation time and the containers referencing it (moby volume/service/store.go); its
contents are not simulated. Only the ``local`` driver's rules apply (a volume plugin's are its
own). Sources without a tag are moby v28.5.2.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Callable, Iterator, Mapping

from netsim.api import ContainerSpec
from netsim.api.trusted import evolve
from netsim.daemon.core import EngineCore
from netsim.daemon.runtime import HostRuntime, Volume
from netsim.errors import DaemonError
from netsim.state import ContainerState, MountState

__all__ = ["ANONYMOUS_LABEL", "VolumesMixin", "anonymous_name", "mount_points", "volume_path"]

#: the label of a volume created without a name (volume/service/service.go AnonymousLabel;
#: EngineProfile.anonymous_volume_label)
ANONYMOUS_LABEL = "com.docker.volume.anonymous"
#: where the local driver keeps its volumes (the daemon's data root's volumes/)
_VOLUMES_ROOT = "/var/lib/docker/volumes"
_PROPAGATIONS = ("private", "rprivate", "slave", "rslave", "shared", "rshared")
#: names.RestrictedNamePattern, which the local driver's names must match (volume/local/
#: local.go validateName)
_NAME = re.compile(r"[a-zA-Z0-9][a-zA-Z0-9_.-]+")
_NAME_CHARS = "[a-zA-Z0-9][a-zA-Z0-9_.-]"


def volume_path(name: str) -> str:
    """A local volume's data directory (its ``Mountpoint``, a volume mount's ``Source``)."""
    return f"{_VOLUMES_ROOT}/{name}/_data"


def anonymous_name(container_id: str, destination: str) -> str:
    """The name of the anonymous volume a container gets at ``destination``: Docker draws 64
    random hex digits (service.go Create, stringid.GenerateRandomID); netsim derives them from
    the container's ID (itself from the seed: netsim.daemon.ids) and the destination."""
    return hashlib.sha256(f"{container_id}volume{destination}".encode()).hexdigest()


def _local(driver: str) -> bool:
    """A volume of the ``local`` driver (volume.DefaultDriverName), whose rules netsim knows."""
    return driver == "local"


def _go_quote(text: str) -> str:
    """Go's ``%q`` of a volume name (printable ASCII; what a shell word can hold)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _points(cid: str, spec: ContainerSpec,
            inherited: tuple[MountState, ...]) -> Iterator[tuple[MountState, bool]]:
    """A container's mount points, each with whether it is an anonymous volume made for it:
    those ``--volumes-from`` copied (a later one at the same destination replaces one), then
    its ``Binds``, its anonymous volumes (``Config.Volumes``, skipped where something is
    already mounted: daemon/create_unix.go createContainerOSSpecificSettings) and its
    ``--mount`` entries (daemon/volumes.go registerMountPoints; volume/mounts/linux_parser.go
    ParseMountRaw, ParseMountSpec). Docker keeps them in a map: inspect's order is random."""
    hc = spec.HostConfig
    driver = hc.VolumeDriver or "local"
    own: list[tuple[MountState, bool]] = []
    for raw in hc.Binds:
        parts = raw.split(":", 3)
        if len(parts) == 1:
            # a path alone: an anonymous volume there, as ``Config.Volumes`` (an API client's;
            # the daemon parses it so: linux_parser.go ParseMountRaw)
            dest = posixpath.normpath(raw)
            name = anonymous_name(cid, dest)
            own.append((MountState(type="volume", destination=dest, source=volume_path(name),
                                   name=name, driver=driver), True))
            continue
        source, target = parts[0], parts[1]
        mode = parts[2] if len(parts) > 2 else ""
        options = mode.split(",") if mode else []
        rw = "ro" not in options
        dest = posixpath.normpath(target)
        if source.startswith("/"):
            prop = next((o for o in options if o in _PROPAGATIONS), "rprivate")
            own.append((MountState(type="bind", destination=dest,
                                   source=posixpath.normpath(source), mode=mode, rw=rw,
                                   propagation=prop), False))
        else:  # setBindModeIfNull: a local volume's mode is "z" unless given
            own.append((MountState(type="volume", destination=dest, source=volume_path(source),
                                   name=source, driver=driver,
                                   mode=mode or ("z" if _local(driver) else ""), rw=rw),
                        False))
    mounts: list[tuple[MountState, bool]] = []
    for m in hc.Mounts:
        dest = posixpath.normpath(m.Target) if m.Target else ""
        if m.Type == "bind":
            propagation = m.BindOptions.Propagation if m.BindOptions is not None else ""
            mounts.append((MountState(type="bind", destination=dest,
                                      source=posixpath.normpath(m.Source) if m.Source else "",
                                      rw=not m.ReadOnly, propagation=propagation or "rprivate"),
                           False))
        elif m.Type == "volume":
            vdriver = "local"
            opts = m.VolumeOptions
            if opts is not None and opts.DriverConfig is not None and opts.DriverConfig.Name:
                vdriver = opts.DriverConfig.Name
            name = m.Source or anonymous_name(cid, dest)
            mounts.append((MountState(type="volume", destination=dest, source=volume_path(name),
                                      name=name, driver=vdriver,
                                      mode="z" if _local(vdriver) else "",
                                      rw=not m.ReadOnly), not m.Source))
        else:
            mounts.append((MountState(type=m.Type, destination=dest, rw=not m.ReadOnly), False))
    taken = {p.destination for p, _ in (*own, *mounts)}
    for p in inherited:
        if p.destination not in taken:
            yield p, False
    yield from own
    taken |= {p.destination for p in inherited}
    for raw in spec.Config.Volumes:
        dest = posixpath.normpath(raw)
        if dest in taken:
            continue
        name = anonymous_name(cid, dest)
        yield MountState(type="volume", destination=dest, source=volume_path(name), name=name,
                         driver=driver), True
    yield from mounts


def mount_points(c: ContainerState) -> list[MountState]:
    """The container's mount points (inspect's ``Mounts``): :func:`_points`."""
    return [p for p, _ in _points(c.id, c.spec, c.inherited_mounts)]


def _volumes_from(ref: str) -> tuple[str, bool]:
    """``--volumes-from C[:MODE]``: the container and whether its mounts stay writable
    (linux_parser.go ParseVolumesFrom, ReadWrite: ``ro``/``rw`` and an SELinux ``z``/``Z``;
    no propagation, no copy mode)."""
    if not ref:
        raise DaemonError("volumes-from specification cannot be an empty string", status=400)
    name, _, mode = ref.partition(":")
    opts = mode.split(",") if mode else []
    if (any(o not in ("ro", "rw", "z", "Z") for o in opts)
            or sum(o in ("ro", "rw") for o in opts) > 1 or sum(o in "zZ" for o in opts) > 1):
        raise DaemonError(f"invalid mode: {mode}", status=400)
    return name, "ro" not in opts


def _check_volume_name(name: str) -> None:
    """The local driver's names (volume/local/local.go validateName), refused in store.go's
    words (``create NAME: …``)."""
    if len(name) == 1:
        raise DaemonError(f"create {name}: volume name is too short, names should be at least "
                          "two alphanumeric characters", status=400)
    if not _NAME.fullmatch(name):
        raise DaemonError(
            f"create {name}: {_go_quote(name)} includes invalid characters for a local volume "
            f'name, only "{_NAME_CHARS}" are allowed. If you intended to pass a host directory, '
            "use absolute path", status=400)


class VolumesMixin(EngineCore):
    """Volumes of one host's daemon, and the mounts of its containers."""

    #: whether a path exists on a Docker host (host name, absolute path), for the daemon's
    #: check of a bind mount's source; None: netsim does not know the hosts' files, and every
    #: source is taken to exist (netsim.lab.Lab sets it for a sandboxed replay)
    host_paths: Callable[[str, str], bool] | None

    # ------------------------------------------------------------------ the store

    def _volume_take(self, rt: HostRuntime, name: str, driver: str, *,
                     labels: Mapping[str, str] | None = None,
                     options: Mapping[str, str] | None = None, anonymous: bool = False,
                     ref: str | None = None) -> Volume:
        """store.go Create: an existing volume is returned as it is (its first labels and
        options kept), a new one is made; ``ref`` (a container ID) then references it."""
        v = rt.volumes.get(name)
        if v is None:
            if _local(driver):
                _check_volume_name(name)
            lab = None if labels is None else dict(labels)
            if anonymous and self.profile.anonymous_volume_label:
                lab = {**(lab or {}), ANONYMOUS_LABEL: ""}
            v = rt.volumes[name] = Volume(
                name=name, driver=driver, labels=lab,
                options=None if options is None else dict(options), created=self.clock,
                anonymous=anonymous)
        if ref is not None:
            v.refs[ref] = None
        return v

    def volume_create(self, host: str, name: str = "", *, driver: str = "local",
                      labels: Mapping[str, str] | None = None,
                      options: Mapping[str, str] | None = None) -> Volume:
        """``docker volume create [NAME]``: the volume (an existing one as it is); without a
        name, 64 hex digits and anonymous (service.go Create)."""
        rt = self._rt(host)
        anonymous = not name
        if anonymous:
            from netsim.daemon import ids

            name = ids.hex_id(self.seed, "volume", host, self._nth("volume", host))
        return self._volume_take(rt, name, driver, labels=labels, options=options,
                                 anonymous=anonymous)

    def volumes(self, host: str) -> list[Volume]:
        """The host's volumes, in creation order."""
        return list(self._rt(host).volumes.values())

    def volume(self, host: str, name: str) -> Volume:
        """A volume by its exact name (store.go Get: ``get NAME: no such volume``)."""
        v = self._rt(host).volumes.get(name)
        if v is None:
            raise DaemonError(f"get {name}: no such volume", status=404)
        return v

    def volume_rm(self, host: str, name: str, *, force: bool = False) -> None:
        """``docker volume rm [-f]``: a volume in use is refused, force or not; ``-f`` only
        forgives a missing one (service.go Remove, store.go Remove: the references are the
        store's map, listed in its random order)."""
        try:
            v = self.volume(host, name)
        except DaemonError:
            if force:
                return
            raise
        if v.refs:
            raise DaemonError(f"remove {name}: volume is in use - [{', '.join(v.refs)}]",
                              status=409)
        del self._rt(host).volumes[name]

    def volume_prune(self, host: str, *, all_: bool = False) -> list[str]:
        """``docker volume prune``: the unused local volumes without driver options; from API
        1.42 only the anonymous ones unless ``all_`` (EngineProfile.anonymous_volume_label;
        service.go Prune, convert.go withPrune). The names removed (Docker's order is its
        store's map's)."""
        rt = self._rt(host)
        only_anonymous = self.profile.anonymous_volume_label and not all_
        gone = [v.name for v in rt.volumes.values()
                if _local(v.driver) and not v.refs and not v.options
                and (not only_anonymous or ANONYMOUS_LABEL in (v.labels or {}))]
        for name in gone:
            del rt.volumes[name]
        return gone

    def anonymous_volumes(self, host: str, ref: str) -> list[str]:
        """The anonymous volumes a container mounts, which ``docker rm -v`` removes with it
        when nothing else uses them (daemon/mounts.go removeMountPoints: the mounts without a
        source; netsim asks the volume whether it was made anonymous)."""
        rt = self._rt(host)
        c = self._find_container(rt, ref)
        return [p.name for p in mount_points(c) if p.type == "volume"
                and p.name in rt.volumes and rt.volumes[p.name].anonymous]

    def remove_unused_volumes(self, host: str, names: list[str]) -> None:
        """Remove those of ``names`` that no container uses any more (``rm -v``: a volume in
        use is no error there)."""
        rt = self._rt(host)
        for name in names:
            v = rt.volumes.get(name)
            if v is not None and not v.refs:
                del rt.volumes[name]

    # ------------------------------------------------------------------ containers' mounts

    def _check_mounts(self, rt: HostRuntime, spec: ContainerSpec) -> None:
        """The create's check of ``--mount type=bind``: its source must exist on the host
        (daemon/container.go verifyContainerSettings, volume/mounts/linux_parser.go
        validateMountConfigImpl; ``-v`` creates a missing one)."""
        exists = self.host_paths
        if exists is None:
            return
        for m in spec.HostConfig.Mounts:
            if m.Type == "bind" and m.Source and not exists(rt.host.name, m.Source):
                raise DaemonError(f'invalid mount config for type "bind": bind source path '
                                  f"does not exist: {m.Source}", status=400)

    def _mount_volumes(self, rt: HostRuntime, spec: ContainerSpec,
                       cid: str) -> tuple[MountState, ...]:
        """A new container's mounts (daemon/volumes.go registerMountPoints): the mount points
        ``--volumes-from`` copies (mode left empty, read-only with ``:ro``), which it returns,
        and the volumes it mounts, created when missing and referenced by ``cid``. netsim
        takes a copied volume's reference at create (Docker: at the first start,
        lazyInitializeVolume, unless its source is empty)."""
        hc = spec.HostConfig
        if not (hc.VolumesFrom or hc.Binds or hc.Mounts or spec.Config.Volumes):
            return ()  # nothing to mount (what _points reads)
        inherited: dict[str, MountState] = {}
        for ref in spec.HostConfig.VolumesFrom:
            name, rw = _volumes_from(ref)
            source = self._find_container(rt, name)
            for p in mount_points(source):
                if p.type not in ("volume", "bind"):
                    continue  # (a tmpfs has no source: Docker looks up a volume named "")
                inherited[p.destination] = evolve(p, mode="", rw=p.rw and rw)
        copied = tuple(inherited.values())
        wanted = [(p, anonymous) for p, anonymous in _points(cid, spec, copied)
                  if p.type == "volume"]
        for p, _ in wanted:  # a refused name leaves no volume made (registerMountPoints'
            if p.name not in rt.volumes and _local(p.driver):  # clean-up on error)
                _check_volume_name(p.name)
        for p, anonymous in wanted:
            self._volume_take(rt, p.name, p.driver, anonymous=anonymous, ref=cid)
        return copied

    def _release_volumes(self, rt: HostRuntime, c: ContainerState, *,
                         remove_anonymous: bool = False) -> None:
        """A removed container's references go (daemon/mounts.go removeMountPoints); with
        ``remove_anonymous`` (``--rm``: daemon/monitor.go removes with RemoveVolume) its
        anonymous volumes that nothing else uses go too."""
        anonymous = [p.name for p in mount_points(c) if p.type == "volume"
                     and p.name in rt.volumes and rt.volumes[p.name].anonymous]
        for v in rt.volumes.values():
            v.refs.pop(c.id, None)
        if remove_anonymous:
            self.remove_unused_volumes(rt.host.name, anonymous)
