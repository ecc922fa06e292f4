"""The named volumes of a Compose project: what ``up`` creates and ``down -v`` removes, as
far as Compose's progress lines show it (pkg/compose/create.go ensureProjectVolumes,
down.go ensureVolumesDown). netsim keeps no volume contents and the engine has no volumes:
the volumes a session's Compose created are remembered here, per host, so that a second
``up`` does not create them again."""

from __future__ import annotations

from typing import Any
from weakref import WeakKeyDictionary

from netsim.composecli.project import Context, progress

__all__ = ["ensure_volumes", "remove_volumes"]

#: (host, volume name) of the volumes Compose created, per session
_CREATED: WeakKeyDictionary[object, set[tuple[str, str]]] = WeakKeyDictionary()


def _project_volumes(ctx: Context) -> dict[str, dict[str, Any]]:
    volumes = ctx.project.model.get("volumes") or {}
    return {k: v for k, v in volumes.items() if isinstance(v, dict) and not v.get("external")}


def ensure_volumes(ctx: Context, services: list[str]) -> None:
    """The project's volumes the services mount, created once (``Volume X  Creating``)."""
    declared = _project_volumes(ctx)
    used: set[str] = set()
    for name in services:
        for mount in ctx.project.model["services"][name].get("volumes") or ():
            if isinstance(mount, dict) and mount.get("type") == "volume" and mount.get(
                    "source") in declared:
                used.add(mount["source"])
    created = _CREATED.setdefault(ctx.session, set())
    for key in sorted(used):
        name = declared[key]["name"]
        if (ctx.host, name) in created:
            continue
        progress(ctx.out, "Volume", name, "Creating")
        created.add((ctx.host, name))
        progress(ctx.out, "Volume", name, "Created")


def remove_volumes(ctx: Context) -> None:
    """``down -v``: the project's volumes Compose created (``Volume X  Removed``)."""
    created = _CREATED.setdefault(ctx.session, set())
    for key in sorted(_project_volumes(ctx)):
        name = _project_volumes(ctx)[key]["name"]
        if (ctx.host, name) not in created:
            continue
        progress(ctx.out, "Volume", name, "Removing")
        created.discard((ctx.host, name))
        progress(ctx.out, "Volume", name, "Removed")
