"""The named volumes of a Compose project: what ``up`` creates and ``down -v`` removes, as
far as Compose's progress lines show it (pkg/compose/create.go ensureProjectVolumes,
ensureVolume, createVolume; down.go ensureVolumesDown). They live in the engine's volume store
(netsim.daemon.volumes), so ``docker volume ls``/``inspect`` list them: Compose creates one
that is missing, labelled with its project, its key and Compose's version (the config-hash
label Compose adds too is not simulated); ``down -v`` removes those of its project."""

from __future__ import annotations

from typing import Any

from netsim.composecli.project import Context, progress
from netsim.errors import DaemonError
from netsim.io.compose.convert import COMPOSE_VERSION, LABEL

__all__ = ["ensure_volumes", "remove_volumes"]


def _project_volumes(ctx: Context) -> dict[str, dict[str, Any]]:
    volumes = ctx.project.model.get("volumes") or {}
    return {k: v for k, v in volumes.items() if isinstance(v, dict) and not v.get("external")}


def _labels(ctx: Context, key: str, vol: dict[str, Any]) -> dict[str, str]:
    """A volume's labels: its own (a map, or ``k=v`` items) and Compose's (compose-go's
    CustomLabels)."""
    own = vol.get("labels") or {}
    labels = ({str(k): "" if v is None else str(v) for k, v in own.items()}
              if isinstance(own, dict) else
              {str(i).partition("=")[0]: str(i).partition("=")[2] for i in own})
    return {**labels, LABEL["project"]: ctx.project.name, "com.docker.compose.volume": key,
            LABEL["version"]: COMPOSE_VERSION}


def ensure_volumes(ctx: Context, services: list[str]) -> None:
    """The project's volumes the services mount, created when missing (``Volume X
    Creating``; one that exists is used as it is)."""
    declared = _project_volumes(ctx)
    used: set[str] = set()
    for name in services:
        for mount in ctx.project.model["services"][name].get("volumes") or ():
            if isinstance(mount, dict) and mount.get("type") == "volume" and mount.get(
                    "source") in declared:
                used.add(mount["source"])
    engine = ctx.session.engine
    existing = {v.name for v in engine.volumes(ctx.host)}
    for key in sorted(used):
        vol = declared[key]
        name = vol["name"]
        if name in existing:
            continue
        progress(ctx.out, "Volume", name, "Creating")
        opts = vol.get("driver_opts")
        engine.volume_create(ctx.host, name, driver=vol.get("driver") or "local",
                             labels=_labels(ctx, key, vol),
                             options={str(k): str(v) for k, v in opts.items()}
                             if isinstance(opts, dict) and opts else None)
        progress(ctx.out, "Volume", name, "Created")


def remove_volumes(ctx: Context) -> None:
    """``down -v``: the project's volumes Compose created (``Volume X  Removed``)."""
    engine = ctx.session.engine
    declared = _project_volumes(ctx)
    for key in sorted(declared):
        name = declared[key]["name"]
        mine = [v for v in engine.volumes(ctx.host)
                if v.name == name and (v.labels or {}).get(LABEL["project"]) == ctx.project.name]
        if not mine:
            continue
        progress(ctx.out, "Volume", name, "Removing")
        try:
            engine.volume_rm(ctx.host, name, force=True)
        except DaemonError:  # in use: Compose says "Resource is still in use" (not simulated)
            continue
        progress(ctx.out, "Volume", name, "Removed")
