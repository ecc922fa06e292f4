"""``docker volume create``, ``ls``, ``inspect``, ``rm`` and ``prune`` (docker/cli
cli/command/volume/*.go, v28.5.2; the daemon's side: netsim.daemon.volumes)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from netsim.daemon.runtime import Volume
from netsim.dockercli.commands.common import client_text, listing
from netsim.dockercli.commands.context import NOT_SIMULATED, Output, Session
from netsim.dockercli.commands.inspect import inspect_refs
from netsim.dockercli.container_values import kv_map
from netsim.dockercli.output import tables
from netsim.dockercli.parse import ParsedCommand
from netsim.errors import DaemonError, DockerCliError, DockerError

__all__ = ["create", "inspect_volume", "ls", "prune", "rm", "volume_json", "volume_object"]

#: the flags that make ``volume create`` a cluster volume's (create.go
#: hasClusterVolumeOptionSet): swarm CSI volumes are not simulated
_CLUSTER_FLAGS = ("group", "scope", "sharing", "availability", "type", "secret", "limit-bytes",
                  "required-bytes", "topology-required", "topology-preferred")
#: the local driver's options (volume/local/local_unix.go validOpts, less ``size``: a quota
#: needs an XFS data root)
_LOCAL_OPTIONS = ("type", "device", "o")


def volume_json(v: Volume) -> dict[str, Any]:
    """A volume as the API gives it (api/types/volume/volume.go Volume): its creation time is
    the directory's (volume/local/local.go CreatedAt), RFC 3339 in the daemon's UTC; Go's
    encoder sorts the maps' keys."""
    from netsim.daemon.volumes import volume_path
    from netsim.dockercli.output.inspect_common import timestamp

    return {
        "CreatedAt": timestamp(v.created),
        "Driver": v.driver,
        "Labels": None if v.labels is None else dict(sorted(v.labels.items())),
        "Mountpoint": volume_path(v.name),
        "Name": v.name,
        "Options": None if v.options is None else dict(sorted(v.options.items())),
        "Scope": "local",
    }


def volume_object(session: Session, host: str, name: str) -> dict[str, Any]:
    """VolumeInspect of ``name``: its JSON, or the daemon's 404 (the 20.10 client's words:
    EngineProfile.client_not_found_wrapped)."""
    try:
        return volume_json(session.engine.volume(host, name))
    except DaemonError as err:
        if session.profile.client_not_found_wrapped:
            raise DockerCliError(client_text(session, err, "volume", name)) from None
        raise


def create(session: Session, p: ParsedCommand, host: str, out: Output) -> None:
    """``docker volume create [NAME]``: the volume's name (an existing volume of that name is
    no error: store.go create returns it)."""
    name = p.get("name") or ""
    if p.args:
        if name:
            out.err(session.profile.cli_volume_name_conflict, 1)
            return
        name = p.args[0]
    if any(p.has(f) for f in _CLUSTER_FLAGS):
        out.err("netsim: cluster volumes (swarm CSI) are not simulated", NOT_SIMULATED)
        return
    driver = p.get("driver") or "local"
    options = kv_map(p.get_all("opt"))
    if driver != "local" or any(k not in _LOCAL_OPTIONS for k in options):
        out.err("netsim: volume plugins and driver options other than the local driver's "
                "type, device and o are not simulated", NOT_SIMULATED)
        return
    labels = kv_map(p.get_all("label"))
    # the request carries them as {} when empty (20.10), else leaves them out (null):
    # EngineProfile.volume_create_empty_maps
    empty: dict[str, str] | None = {} if session.profile.volume_create_empty_maps else None
    v = session.engine.volume_create(host, name, driver=driver, labels=labels or empty,
                                     options=options or empty)
    session.engine.tick()
    out.out(v.name)


_HEADERS = {"Name": "VOLUME NAME", "Driver": "DRIVER", "Scope": "SCOPE",
            "Mountpoint": "MOUNTPOINT", "Labels": "LABELS", "Links": "LINKS", "Size": "SIZE",
            "Group": "GROUP", "Availability": "AVAILABILITY", "Status": "STATUS", "ID": "ID"}
_DEFAULT = "table {{.Driver}}\t{{.Name}}"


def _context(v: Volume) -> Any:
    """cli/command/formatter/volume.go volumeContext (no usage data, no cluster volume)."""
    from netsim.daemon.volumes import volume_path
    from netsim.golang.template import GoStruct

    labels = v.labels or {}
    fields = {"Name": v.name, "Driver": v.driver, "Scope": "local",
              "Mountpoint": volume_path(v.name),
              "Labels": ",".join(f"{k}={val}" for k, val in sorted(labels.items())),
              "Links": "N/A", "Size": "N/A", "Group": "N/A", "Availability": "N/A",
              "Status": "N/A"}
    return GoStruct("*formatter.volumeContext", fields,
                    {"Label": lambda name: labels.get(name, "")},
                    as_json={k: fields[k] for k in sorted(fields)})


def _filtered(volumes: list[Volume], filters: Sequence[str]) -> list[Volume]:
    """The daemon's filters (volume/service/convert.go filtersToBy): ``dangling``, ``driver``,
    ``label`` (``k`` or ``k=v``) and ``name`` (a regular expression)."""
    for f in filters:
        key, _, value = f.partition("=")
        if key == "dangling" and value.lower() in ("true", "1", "false", "0"):
            used = value.lower() in ("false", "0")
            volumes = [v for v in volumes if bool(v.refs) == used]
        elif key == "driver":
            volumes = [v for v in volumes if v.driver == value]
        elif key == "name":
            volumes = [v for v in volumes if re.search(value, v.name)]
        elif key == "label":
            k, eq, val = value.partition("=")
            volumes = [v for v in volumes if k in (v.labels or {})
                       and (not eq or (v.labels or {})[k] == val)]
        else:
            raise tables.UnsupportedFilter(key)
    return volumes


def ls(session: Session, p: ParsedCommand, host: str, out: Output) -> None:
    """``docker volume ls``: sorted by name in natural order (cli/command/volume/list.go); a
    ``--format`` wins over ``-q`` (formatter.NewVolumeFormat)."""
    if p.get("cluster") == "true":
        out.err("netsim: cluster volumes (swarm CSI) are not simulated", NOT_SIMULATED)
        return

    def table() -> str:
        volumes = _filtered(session.engine.volumes(host), p.get_all("filter"))
        volumes.sort(key=lambda v: tables.natural_key(v.name))
        fmt = p.get("format") or ""
        if not fmt or fmt == "table":
            fmt = "{{.Name}}" if p.get("quiet") == "true" else _DEFAULT
        return tables.format_rows([_context(v) for v in volumes], fmt, _HEADERS)

    listing(out, table)


def inspect_volume(session: Session, p: ParsedCommand, host: str, out: Output) -> None:
    """``docker volume inspect``."""
    inspect_refs(p.args, p.get("format"), lambda ref: volume_object(session, host, ref), out)


def rm(session: Session, p: ParsedCommand, host: str, out: Output) -> None:
    """``docker volume rm [-f]``: each name printed once removed, the errors at the end
    (cli/command/volume/remove.go: joined by newlines, exit 1)."""
    force = p.get("force") == "true"
    errors: list[str] = []
    for name in p.args:
        try:
            session.engine.volume_rm(host, name, force=force)
        except DockerError as err:
            errors.append(client_text(session, err, "volume", name))
            continue
        out.out(name)
    if errors:
        out.err("\n".join(errors), 1)


def prune(session: Session, p: ParsedCommand, host: str, out: Output) -> None:
    """``docker volume prune``: without ``-f`` the prompt, which a script never answers
    (cancelled; 20.10 then still prints the total: EngineProfile.cli_prune_cancel_prints_total);
    the names removed, then the space reclaimed (netsim keeps no contents: 0B)."""
    if p.get_all("filter"):
        out.err("netsim: volume prune --filter is not simulated", NOT_SIMULATED)
        return
    all_ = p.get("all") == "true"
    if p.get("force") != "true":
        # cli/command/volume/prune.go: API < 1.42 removes all unused volumes, and says so
        which = ("all local volumes" if all_ or not session.profile.anonymous_volume_label
                 else "anonymous local volumes")
        out.stdout.append(f"WARNING! This will remove {which} not used by at least one "
                          "container.\nAre you sure you want to continue? [y/N] ")
        if session.profile.cli_prune_cancel_prints_total:
            out.out("Total reclaimed space: 0B")
        return
    gone = session.engine.volume_prune(host, all_=all_)
    if gone:  # Fprintln of a text that already ends in "\n": a blank line after the names
        out.stdout.append("Deleted Volumes:\n" + "".join(n + "\n" for n in gone) + "\n")
    out.out("Total reclaimed space: 0B")
