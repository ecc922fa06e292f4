"""A loaded model made a project, as compose-go's ``loader/normalize.go`` and
``loader/validate.go`` do: the default network, the Docker names of networks and volumes,
the dependencies a service implies, and the consistency checks (undefined networks or
services, ``network_mode`` with ``networks``, scales, dependency cycles), each refusal a
:class:`~netsim.io.compose.files.ComposeError` with Compose's text.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from netsim.io.compose.files import ComposeError
from netsim.io.compose.model import Project

__all__ = ["check", "check_scale", "cycle", "implicit_dependencies", "normalize"]



def normalize(model: dict[str, Any], name: str, env: Mapping[str, str]) -> None:
    """compose-go loader/normalize.go: the default network where a service needs it, each
    network's Docker name, the environment's unset values from the environment."""
    services = model.setdefault("services", {}) or {}
    model["services"] = services
    networks = model.get("networks") or {}
    uses_default = False
    for svc in services.values():
        if not svc.get("network_mode") and not svc.get("networks"):
            svc["networks"] = {"default": None}
        if "default" in (svc.get("networks") or {}):
            uses_default = True
    if uses_default and "default" not in networks:
        networks["default"] = None
    for key, net in list(networks.items()):
        net = dict(net or {})
        ext = net.get("external")
        if isinstance(ext, dict):  # the legacy external: {name: X}
            net["external"] = True
            if ext.get("name"):
                net["name"] = ext["name"]
        if not net.get("name"):
            net["name"] = key if net.get("external") else f"{name}_{key}"
        ordered = {"name": net.pop("name")}
        ordered.update(net)
        networks[key] = ordered
    if networks:
        model["networks"] = networks
    volumes = model.get("volumes") or {}
    for key, vol in list(volumes.items()):  # a volume's Docker name, as a network's
        vol = dict(vol or {})
        if not vol.get("name"):
            vol["name"] = key if vol.get("external") else f"{name}_{key}"
        volumes[key] = {"name": vol.pop("name"), **vol}
    for svc in services.values():
        environment = svc.get("environment")
        if isinstance(environment, dict):
            for k, v in environment.items():
                if v is None and k in env:
                    environment[k] = env[k]
        implicit_dependencies(svc)


def implicit_dependencies(svc: dict[str, Any]) -> None:
    """compose-go loader/normalize.go: a service named by ``links`` (``SERVICE[:ALIAS]``),
    by ``network_mode``/``ipc``/``pid``/``uts``/``cgroup`` ``service:X`` or by
    ``volumes_from`` is a dependency (``service_started``, required; restarted with it but
    for ``volumes_from``), unless ``depends_on`` already names it."""
    deps: dict[str, Any] = dict(svc.get("depends_on") or {})
    implied = {"condition": "service_started", "restart": True, "required": True}
    for link in svc.get("links") or ():
        parts = str(link).split(":")
        deps.setdefault(parts[0] if len(parts) == 2 else str(link), dict(implied))
    for key in ("network_mode", "ipc", "pid", "uts", "cgroup"):
        ref = svc.get(key)
        if isinstance(ref, str) and ref.startswith("service:"):
            deps.setdefault(ref[len("service:"):], dict(implied))
    for ref in svc.get("volumes_from") or ():
        if isinstance(ref, str) and not ref.startswith("container:"):
            deps.setdefault(ref.split(":")[0], {**implied, "restart": False})
    if deps:
        svc["depends_on"] = deps


def check(model: dict[str, Any], disabled: frozenset[str] = frozenset()) -> None:
    """compose-go loader/validate.go checkConsistency, in its order, on the services the
    active profiles enable (it runs after types.Project.WithProfiles): a dependency on a
    disabled service is an undefined one unless it is ``required: false``."""
    services = model.get("services") or {}
    networks = model.get("networks") or {}
    for sname in sorted(n for n in services if n not in disabled):
        svc = services[sname]
        if not svc.get("build") and not svc.get("image") and not svc.get("provider"):
            raise ComposeError(f'service "{sname}" has neither an image nor a build context '
                               "specified: invalid compose project", path=("services", sname))
        if svc.get("network_mode") and svc.get("networks"):
            raise ComposeError(f"service {sname} declares mutually exclusive `network_mode` "
                               "and `networks`: invalid compose project",
                               path=("services", sname, "network_mode"))
        for net in svc.get("networks") or {}:
            if net not in networks:
                raise ComposeError(f'service "{sname}" refers to undefined network {net}: '
                                   "invalid compose project", path=("services", sname, "networks"))
        test = (svc.get("healthcheck") or {}).get("test")
        if isinstance(test, list) and test and test[0] not in ("CMD", "CMD-SHELL", "NONE"):
            raise ComposeError('healthcheck.test must start either by "CMD", "CMD-SHELL" or '
                               '"NONE"', path=("services", sname, "healthcheck"))
        for dep, cond in (svc.get("depends_on") or {}).items():
            if dep not in services or dep in disabled:
                if dep in disabled and not (cond or {}).get("required", True):
                    continue
                raise ComposeError(f'service "{sname}" depends on undefined service "{dep}": '
                                   "invalid compose project",
                                   path=("services", sname, "depends_on"))
        mode = svc.get("network_mode") or ""
        if mode.startswith("service:") and (mode[8:] not in services or mode[8:] in disabled):
            raise ComposeError(f'service "{mode[8:]}" not found for network_mode '
                               f"'{mode}'", path=("services", sname, "network_mode"))
        check_scale(sname, svc)


def _count(value: Any) -> int | None:
    """A ``scale``/``replicas`` value (a string when quoted in the file), or None."""
    if value is None:
        return None
    if isinstance(value, float) and not -(2.0 ** 63) <= value < 2.0 ** 63:
        # mapstructure decodeInt: int64(float64) of a number past int64, which amd64 (where
        # Compose was measured) makes the smallest int64
        return -(2 ** 63)
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ComposeError(f'strconv.Atoi: parsing "{value}": invalid syntax') from None


def check_scale(sname: str, svc: dict[str, Any]) -> None:
    """validate.go checkConsistency on ``scale``, ``deploy.replicas`` and ``container_name``
    (its last text has its two arguments swapped, as compose-go prints it)."""
    scale = _count(svc.get("scale"))
    replicas = _count((svc.get("deploy") or {}).get("replicas"))
    if scale is not None and replicas is not None and scale != replicas:
        raise ComposeError(f"services.{sname}: can't set distinct values on 'scale' and "
                           "'deploy.replicas': invalid compose project",
                           path=("services", sname, "scale"))
    if scale is not None and scale < 0:
        raise ComposeError(f"services.{sname}.scale: must be greater than or equal to 0",
                           path=("services", sname, "scale"))
    if replicas is not None and replicas < 0:
        raise ComposeError(f"services.{sname}.deploy.replicas: must be greater than or equal "
                           "to 0", path=("services", sname, "deploy", "replicas"))
    count = scale if scale is not None else replicas if replicas is not None else 1
    if count > 1 and svc.get("container_name"):
        attr = "scale" if scale is not None else "deploy.replicas"
        raise ComposeError(f"services.{attr}: can't set container_name and {sname} as "
                           "container name must be unique: invalid compose project",
                           path=("services", sname, "container_name"))


def cycle(project: Project) -> None:
    """compose-go graph/cycle.go: a dependency cycle, named from the first service in it.

    compose-go walks every path (searchCycle), which takes exponential time on a project
    whose services share dependencies; a service whose dependencies were all walked without
    finding a cycle leads to none on any later path either, so netsim walks it once (the
    cycle reported is the same)."""
    clean: set[str] = set()
    for root in sorted(project.services):
        # an explicit stack (a chain of thousands of services is no recursion limit): the
        # trail of services and, for each, the dependencies still to walk
        trail: list[str] = []
        todo: list[list[str]] = []
        name: str | None = root
        while True:
            if name is not None and name not in clean:
                if name in trail:
                    found = [*trail[trail.index(name):], name]
                    raise ComposeError("dependency cycle detected: " + " -> ".join(found),
                                       path=("services", name))
                trail.append(name)
                todo.append(sorted(project.dependencies(name), reverse=True))
            if not todo:
                break
            if todo[-1]:
                name = todo[-1].pop()
                continue
            clean.add(trail.pop())
            todo.pop()
            name = None
