"""``docker compose up``, ``create``, ``down``, ``start``, ``stop``, ``restart``, ``rm`` and
``scale``: the Docker API calls Compose makes for them and the progress lines it prints.

Compose works on independent services concurrently (docker/compose v2.40.3
``pkg/compose/convergence.go``, ``dependencies.go`` InDependencyOrder with an errgroup), so
the real order of its progress lines varies from run to run; netsim walks the services in
:meth:`~netsim.io.compose.model.Project.dependency_order` (dependencies first, then by name)
and, as Compose does, creates every container before starting any.
"""

from __future__ import annotations

import re

from netsim.api import (
    ContainerCreate,
    ContainerRemove,
    ContainerRestart,
    ContainerStart,
    ContainerStop,
    NetworkConnect,
    NetworkCreate,
    NetworkRemove,
)
from netsim.composecli.options import ComposeCommand
from netsim.composecli.project import Context, Failed, log_warning, progress
from netsim.composecli.refusals import (
    check_container_names,
    check_image,
    check_ipam,
    checked_spec,
)
from netsim.composecli.volumes import ensure_volumes, remove_volumes
from netsim.dockercli.commands.context import NOT_SIMULATED
from netsim.errors import DaemonError
from netsim.golang.quote import go_quote
from netsim.io.compose.convert import LABEL, container_name, network_spec
from netsim.io.compose.loader import ComposeError
from netsim.io.compose.model import Service
from netsim.state import ContainerState

__all__ = ["MAX_CONTAINERS", "Failed", "bring_up", "create", "down", "restart", "rm", "scale",
           "shared_network_mode", "start", "stop", "up"]


def _api_at_least(ctx: Context, version: str) -> bool:
    have = tuple(int(x) for x in ctx.session.profile.api_version.split("."))
    return have >= tuple(int(x) for x in version.split("."))


def _string_to_bool(value: str) -> bool:
    """docker/compose pkg/utils StringToBool (COMPOSE_* variables)."""
    return value.lower() in ("true", "1")


def _enabled_with(ctx: Context, names: tuple[str, ...]) -> set[str]:
    """The services enabled once the named ones are (compose-go types.Project
    WithServicesEnabled: each named disabled service's profiles join the active ones)."""
    project = ctx.project
    extra = {p for n in names if n in project.disabled for p in project.services[n].profiles}
    return set(project.enabled) | {n for n in project.disabled
                                   if extra & set(project.services[n].profiles)}


def selected(ctx: Context, names: tuple[str, ...], *, deps: bool = True) -> list[str]:
    """The services a command acts on, in dependency order: those named (their profiles
    enabled) with their dependencies, else every enabled service (compose-go types.Project
    WithServicesEnabled, WithSelectedServices → withServices: a dependency that is not
    enabled is ``no such service`` unless it is ``required: false``)."""
    project = ctx.project
    if not names:
        return project.dependency_order()
    enabled = _enabled_with(ctx, names)
    wanted: list[str] = []

    # depth first, with an explicit stack (no recursion limit on a long chain)
    stack = [(name, True) for name in reversed(names)]
    while stack:
        name, required = stack.pop()
        if name not in enabled:
            if required:
                raise ComposeError(f"no such service: {name}")
            continue
        if name in wanted:
            continue
        wanted.append(name)
        if deps:
            stack += [(dep, cond.required)
                      for dep, cond in reversed(project.services[name].depends_on)]
    return project.dependency_order(wanted)


def _scales(ctx: Context, cmd: ComposeCommand) -> dict[str, int]:
    """The containers wanted per service: the file's, then each ``--scale SERVICE=NUM``
    (cmd/compose/create.go applyScaleOpts, up.go setServiceScale on the selected project)."""
    out = {name: svc.replicas for name, svc in ctx.project.services.items()}
    chosen: set[str] | None = None
    for value in cmd.get_all("scale"):
        parts = value.split("=")
        if len(parts) != 2:
            raise ComposeError(f"invalid --scale option {go_quote(value)}. Should be "
                               "SERVICE=NUM")
        name, count = parts
        if not re.fullmatch(r"[+-]?[0-9]+", count):
            raise ComposeError(f"strconv.Atoi: parsing {go_quote(count)}: invalid syntax")
        if not -(2 ** 63) <= int(count) < 2 ** 63:
            raise ComposeError(f"strconv.Atoi: parsing {go_quote(count)}: value out of range")
        if chosen is None:
            chosen = set(selected(ctx, cmd.args))
        if name not in chosen:  # types.Project.GetService
            why = "disabled" if name in ctx.project.services else "not found"
            raise ComposeError(f"no such service: {name}: {why}")
        out[name] = int(count)
    return out


def _ensure_networks(ctx: Context, services: list[str]) -> None:
    """create.go ensureNetworks: the networks the services use (types.Project
    WithoutUnnecessaryResources); an external one must exist (resolveExternalNetwork); another
    is created unless one of its name exists (resolveOrCreateNetwork: that one is used if its
    com.docker.compose.network label is the network's key, with a warning when it is not the
    project's)."""
    project = ctx.project
    used: set[str] = set()
    for name in services:
        svc = project.services[name]
        if not svc.network_mode:
            used.update(k for k, _ in svc.networks)
    existing = {n.name: n for n in ctx.session.engine.network_states(ctx.host)}
    for key in sorted(used):
        net = project.networks[key]
        if net.external:
            if net.name not in existing:
                raise ComposeError(f"network {net.name} declared as external, but could not "
                                   "be found")
            continue
        found = existing.get(net.name)
        if found is not None:
            owner = found.labels.get(LABEL["project"])
            if owner is None:
                log_warning(ctx.session, ctx.out,
                            f"a network with name {net.name} exists but was not created by "
                            "compose.\nSet `external: true` to use an existing network")
            elif owner != project.name:
                log_warning(ctx.session, ctx.out,
                            f"a network with name {net.name} exists but was not created for "
                            f"project {go_quote(project.name)}.\nSet `external: true` to use an "
                            "existing network")
            have = found.labels.get(LABEL["network"], "")
            if have != key:
                raise ComposeError(f"network {net.name} was found but has incorrect label "
                                   f"{LABEL['network']} set to {go_quote(have)} (expected: "
                                   f"{go_quote(key)})")
            continue
        progress(ctx.out, "Network", net.name, "Creating")
        try:
            check_ipam(ctx, net)
            ctx.session.apply_operation(NetworkCreate(host=ctx.host,
                                                      network=network_spec(project, net)))
        except DaemonError as err:
            progress(ctx.out, "Network", net.name, "Error")
            raise Failed(f"failed to create network {net.name}: Error response from daemon: "
                         f"{err.text}") from None
        progress(ctx.out, "Network", net.name, "Created")


def _orphans(ctx: Context, flag: str | None) -> None:
    """create.go create: the project's containers of no service of the file (and its exited
    one-off containers) are removed with ``--remove-orphans`` (or COMPOSE_REMOVE_ORPHANS),
    else warned about, unless COMPOSE_IGNORE_ORPHANS (containers.go isOrphaned)."""
    env = ctx.session.environ(ctx.host)
    remove = flag == "true" if flag is not None else _string_to_bool(
        env.get("COMPOSE_REMOVE_ORPHANS", ""))
    orphans = [c for c in ctx.containers() if _service_of(c) not in ctx.project.services]
    orphans += [c for c in ctx.containers(oneoff=True) if c.status == "exited"]
    if not orphans or _string_to_bool(env.get("COMPOSE_IGNORE_ORPHANS", "")):
        return
    if remove:
        for c in sorted(orphans, key=lambda c: c.name):
            _remove(ctx, c)
        return
    names = " ".join(sorted(c.name for c in orphans))
    log_warning(ctx.session, ctx.out, f"Found orphan containers ([{names}]) for this project. "
                "If you removed or renamed this service in your compose file, you can run "
                "this command with the --remove-orphans flag to clean it up.")


def _service_of(c: ContainerState) -> str:
    return c.spec.Config.Labels.get(LABEL["service"], "")


def _number_of(c: ContainerState) -> int:
    try:
        return int(c.spec.Config.Labels.get(LABEL["number"], "0") or 0)
    except ValueError:
        return 0


def shared_network_mode(ctx: Context, svc: Service) -> str | None:
    """``network_mode: service:X`` as convergence.go resolveSharedNamespaces resolves it:
    ``container:<ID>`` of X's first container by name (None: another mode)."""
    if not svc.network_mode.startswith("service:"):
        return None
    target = svc.network_mode.removeprefix("service:")
    shared = sorted(ctx.containers(target), key=lambda c: c.name)
    if not shared:
        raise Failed(f"cannot share network namespace with service {target}: container "
                     "missing")
    return f"container:{shared[0].id}"


def _create_container(ctx: Context, service: str, number: int) -> None:
    project = ctx.project
    svc = project.services[service]
    mode = shared_network_mode(ctx, svc)
    name = container_name(project, svc, number)
    progress(ctx.out, "Container", name, "Creating")
    try:
        spec, later = checked_spec(
            ctx, svc, number, network_mode=mode,
            containers_of=lambda s: [c.name for c in ctx.containers(s)],
            all_networks_at_create=_api_at_least(ctx, "1.44"))
        outcome = ctx.session.apply_operation(ContainerCreate(host=ctx.host, op="create",
                                                              container=spec))
        for net, settings in later:
            ctx.session.apply_operation(NetworkConnect(host=ctx.host, network=net,
                                                       Container=name,
                                                       EndpointConfig=settings))
    except DaemonError as err:
        text = f"Error response from daemon: {err.text}"
        progress(ctx.out, "Container", name, text)
        raise Failed(text) from None
    ctx.added(service, name)
    for w in outcome.warnings:
        log_warning(ctx.session, ctx.out, w)
    progress(ctx.out, "Container", name, "Created")


def _start(ctx: Context, c: ContainerState) -> None:
    progress(ctx.out, "Container", c.name, "Starting")
    try:
        ctx.session.apply_operation(ContainerStart(host=ctx.host, container=c.name))
    except DaemonError as err:
        raise Failed(f"Error response from daemon: {err.text}") from None
    progress(ctx.out, "Container", c.name, "Started")


def _remove(ctx: Context, c: ContainerState) -> None:
    # pkg/compose/down.go stops every container, whatever its state (measured: 73, 74)
    progress(ctx.out, "Container", c.name, "Stopping")
    if c.running:
        ctx.session.apply_operation(ContainerStop(host=ctx.host, container=c.name))
    progress(ctx.out, "Container", c.name, "Stopped")
    progress(ctx.out, "Container", c.name, "Removing")
    ctx.session.apply_operation(ContainerRemove(host=ctx.host, container=c.name, force=True))
    ctx.removed(c.name)
    progress(ctx.out, "Container", c.name, "Removed")


def _converge(ctx: Context, cmd: ComposeCommand, *, start: bool) -> None:
    services = selected(ctx, cmd.args, deps=not cmd.true("no-deps"))
    if not services:
        raise ComposeError("no service selected")
    # the networks of the services with their dependencies (--no-deps narrows the project
    # only after cmd/compose's ToProject: types.Project.WithoutUnnecessaryResources)
    bring_up(ctx, services, networks_of=selected(ctx, cmd.args), scales=_scales(ctx, cmd),
             start=start, remove_orphans=cmd.get("remove-orphans"))


def bring_up(ctx: Context, services: list[str], *, networks_of: list[str],
             scales: dict[str, int] | None = None, start: bool = True,
             remove_orphans: str | None = None) -> None:
    """create.go create then the start: the networks ``networks_of`` use, the orphans, each
    service's containers (convergence.go ensureService) and, with ``start``, their start once
    their dependencies are (``run`` brings its dependencies up so: run.go startDependencies).
    First, as create.go create does, the container names' unicity and the images."""
    check_container_names(ctx, networks_of)
    check_image(ctx, networks_of)
    for name in services:
        expected = (scales or {}).get(name, ctx.project.services[name].replicas)
        if expected > MAX_CONTAINERS:
            raise Failed(f"netsim: {expected} containers for the service {go_quote(name)}: "
                         f"netsim simulates at most {MAX_CONTAINERS} a service", NOT_SIMULATED)
    _ensure_networks(ctx, networks_of)
    ensure_volumes(ctx, networks_of)
    _orphans(ctx, remove_orphans)
    for name in services:  # create phase (convergence.go ensureService)
        _ensure_service(ctx, name, (scales or {}).get(name, ctx.project.services[name].replicas))
    if not start:
        return
    # start phase (convergence.go startService, each service once its dependencies are
    # started): services that wait on a dependency's health or exit start after the others
    waits = ("service_healthy", "service_completed_successfully")
    deferred: set[str] = set()
    for name in services:
        deps = ctx.project.services[name].depends_on
        if any(d.condition in waits for _, d in deps) or any(
                dep in deferred for dep in ctx.project.dependencies(name)):
            deferred.add(name)
    for name in [n for n in services if n not in deferred] + [n for n in services
                                                              if n in deferred]:
        pending = [c for c in ctx.containers(name) if not c.running]
        if pending:
            _wait_dependencies(ctx, name)
        for c in pending:
            _start(ctx, c)


#: the most containers a service may ask for (Compose would go on creating them until the
#: daemon runs out of addresses, or for ever without a network)
MAX_CONTAINERS = 10_000


def _ensure_service(ctx: Context, name: str, expected: int) -> None:
    """convergence.go ensureService: the containers by number; those past ``expected`` (the
    highest numbers) are removed, the running ones said so; the missing ones are created
    numbered after the highest there is (nextContainerNumber: gaps are not filled)."""
    svc = ctx.project.services[name]
    if expected > 1 and svc.container_name:  # convergence.go getScale
        raise Failed(f"WARNING: The {go_quote(name)} service is using the custom container "
                     f"name {go_quote(svc.container_name)}. Docker requires each container to "
                     "have a unique name. Remove the custom name to scale the service")
    existing = sorted(ctx.containers(name), key=_number_of)
    for i, c in enumerate(existing):
        if i >= expected:
            _remove(ctx, c)
        elif c.running:
            progress(ctx.out, "Container", c.name, "Running")
    following = max((_number_of(c) for c in existing), default=0) + 1
    for i in range(expected - len(existing)):
        _create_container(ctx, name, following + i)


def _wait_dependencies(ctx: Context, name: str) -> None:
    """convergence.go waitDependencies: a ``service_healthy`` dependency is waited for (netsim
    does not run health checks: one with a healthcheck counts as healthy; one without fails,
    and stops the command unless ``required: false``); ``service_completed_successfully`` is
    met by a container that exited 0."""
    svc = ctx.project.services[name]
    for dep, cond in svc.depends_on:
        if cond.condition not in ("service_healthy", "service_completed_successfully"):
            continue  # shouldWaitForDependency: service_started needs no wait
        waiting = ctx.containers(dep)
        for c in waiting:
            progress(ctx.out, "Container", c.name, "Waiting")
        if not waiting:
            if cond.required:
                raise Failed(f"{name} is missing dependency {dep}")
            log_warning(ctx.session, ctx.out, f"{name} is missing dependency {dep}")
            continue
        if cond.condition == "service_healthy":
            problem = None if ctx.project.services[dep].has_healthcheck else \
                f"container {waiting[0].name} has no healthcheck configured"
            if problem is None:
                for c in waiting:
                    progress(ctx.out, "Container", c.name, "Healthy")
                continue
            if not cond.required:
                for c in waiting:
                    progress(ctx.out, "Container", c.name,
                             f'Skipped: optional dependency "{dep}" failed to start')
                log_warning(ctx.session, ctx.out,
                            f'optional dependency "{dep}" failed to start: {problem}')
                continue
            for c in waiting:
                progress(ctx.out, "Container", c.name, "Error")
            raise Failed(f"dependency failed to start: {problem}")
        code = next((c.exit_code for c in waiting if not c.running), None)
        if code is None:
            ctx.out.err(f'netsim: Compose would wait here for "{dep}" to exit; netsim does '
                        "not simulate that wait and goes on")
            continue
        if code == 0:
            for c in waiting:
                progress(ctx.out, "Container", c.name, "Exited")
            continue
        suffix = f'"{dep}" didn\'t complete successfully: exit {code}'
        if not cond.required:
            for c in waiting:
                progress(ctx.out, "Container", c.name, f"Skipped: optional dependency {suffix}")
            log_warning(ctx.session, ctx.out, f"optional dependency {suffix}")
            continue
        for c in waiting:
            progress(ctx.out, "Container", c.name, f"Error service {suffix}")
        raise Failed(f"service {suffix}")


def _report(ctx: Context, err: Failed) -> None:
    ctx.out.err(err.text, err.code)


def up(ctx: Context, cmd: ComposeCommand) -> None:
    """``docker compose up [-d] [SERVICE…]``: networks, then containers, then their start. In
    the foreground Compose would then follow the containers' logs until interrupted; netsim
    says so and returns as ``-d`` does."""
    try:
        _converge(ctx, cmd, start=not cmd.true("no-start"))
    except Failed as err:
        _report(ctx, err)
        return
    if not cmd.true("detach") and not cmd.true("no-start"):
        ctx.out.err("netsim: 'docker compose up' without -d would now follow the containers' "
                    "logs; netsim does not simulate that and returns as with -d")


def create(ctx: Context, cmd: ComposeCommand) -> None:
    """``docker compose create``: ``up --no-start``."""
    try:
        _converge(ctx, cmd, start=False)
    except Failed as err:
        _report(ctx, err)


def down(ctx: Context, cmd: ComposeCommand) -> None:
    """``docker compose down [SERVICE…]`` (pkg/compose/down.go): the containers of the
    enabled services (or of the named ones and their dependents), dependents first; with
    ``--remove-orphans`` (or COMPOSE_REMOVE_ORPHANS) also their one-off containers and the
    containers of services the file no longer has; then each of the project's networks those
    services use (not the external ones), found by its labels: removed, or left with
    ``Resource is still in use``. Nothing found and no network to look for is a warning."""
    project = ctx.project
    chosen = selected(ctx, cmd.args) if cmd.args else project.dependency_order()
    # dependencies.go WithRootNodesAndDown: the named services and those of the selected
    # project that depend on them, not their dependencies
    wanted = set(cmd.args or chosen)
    while extra := {n for n in chosen if n not in wanted
                    and wanted & set(project.dependencies(n))}:
        wanted |= extra
    flag = cmd.get("remove-orphans")
    orphans_too = flag == "true" if flag is not None else _string_to_bool(
        ctx.session.environ(ctx.host).get("COMPOSE_REMOVE_ORPHANS", ""))
    containers = ctx.containers() + (ctx.containers(oneoff=True) if orphans_too else [])
    for name in [n for n in reversed(chosen) if n in wanted]:  # InReverseDependencyOrder
        for c in sorted((c for c in containers if _service_of(c) == name),
                        key=lambda c: c.name):
            _remove(ctx, c)
    if orphans_too:  # containers.go isOrphaned
        for c in sorted(containers, key=lambda c: c.name):
            oneoff = c.spec.Config.Labels.get(LABEL["oneoff"]) == "True"
            if _service_of(c) not in chosen and (
                    (oneoff and c.status == "exited")
                    or (not oneoff and _service_of(c) not in project.services)):
                _remove(ctx, c)
    used = sorted({k for name in chosen if not project.services[name].network_mode
                   for k, _ in project.services[name].networks})
    networks = [project.networks[k] for k in used if not project.networks[k].external]
    if not containers and not networks:
        log_warning(ctx.session, ctx.out, "Warning: No resource found to remove for project "
                    f"{go_quote(project.name)}.")
    for net in networks:  # down.go removeNetwork
        found = [n for n in ctx.networks() if n.labels.get(LABEL["network"]) == net.key]
        if not found:
            continue
        progress(ctx.out, "Network", net.name, "Removing")
        if not any(n.name == net.name for n in found):
            progress(ctx.out, "Network", net.name, "No resource found to remove")
            continue
        if any((ep := c.endpoint(net.name)) is not None and ep.active
               for c in ctx.session.engine.containers(ctx.host)):
            progress(ctx.out, "Network", net.name, "Resource is still in use")
            continue
        try:
            ctx.session.apply_operation(NetworkRemove(host=ctx.host, name=net.name))
        except DaemonError as err:
            progress(ctx.out, "Network", net.name, "Error")
            raise Failed(f"failed to remove network {net.name}: Error response from daemon: "
                         f"{err.text}") from None
        progress(ctx.out, "Network", net.name, "Removed")
    if cmd.true("volumes"):
        remove_volumes(ctx)


def start(ctx: Context, cmd: ComposeCommand) -> None:
    """``docker compose start [SERVICE…]``: the stopped containers, dependencies first."""
    try:
        for name in selected(ctx, cmd.args, deps=False):
            for c in ctx.containers(name):
                if not c.running:
                    _start(ctx, c)
    except Failed as err:
        _report(ctx, err)


def stop(ctx: Context, cmd: ComposeCommand) -> None:
    """``docker compose stop [SERVICE…]``: the running containers, dependents first."""
    for name in reversed(selected(ctx, cmd.args, deps=False)):
        for c in ctx.containers(name):
            if c.running:
                progress(ctx.out, "Container", c.name, "Stopping")
                ctx.session.apply_operation(ContainerStop(host=ctx.host, container=c.name))
                progress(ctx.out, "Container", c.name, "Stopped")


def restart(ctx: Context, cmd: ComposeCommand) -> None:
    """``docker compose restart [SERVICE…]`` (pkg/compose/restart.go)."""
    for name in selected(ctx, cmd.args, deps=False):
        for c in ctx.containers(name):
            progress(ctx.out, "Container", c.name, "Restarting")
            try:
                ctx.session.apply_operation(ContainerRestart(host=ctx.host, container=c.name))
            except DaemonError as err:
                ctx.out.err(f"Error response from daemon: {err.text}", 1)
                return
            progress(ctx.out, "Container", c.name, "Started")


def rm(ctx: Context, cmd: ComposeCommand) -> None:
    """``docker compose rm -f [-s] [SERVICE…]``: the stopped containers (with ``-s``, stopped
    first); pkg/compose/remove.go prints ``Going to remove …`` on stdout."""
    if cmd.true("stop"):
        stop(ctx, cmd)
    services = selected(ctx, cmd.args, deps=False)
    victims = [c for name in reversed(services) for c in ctx.containers(name)
               if not c.running]
    if not victims:
        ctx.out.err("No stopped containers")
        return
    if not cmd.true("force"):
        ctx.out.err("netsim: 'docker compose rm' asks for confirmation without -f; netsim "
                    "does not simulate the prompt", 126)
        return
    ctx.out.out("Going to remove " + ", ".join(c.name for c in victims))
    for c in victims:
        progress(ctx.out, "Container", c.name, "Removing")
        ctx.session.apply_operation(ContainerRemove(host=ctx.host, container=c.name, force=True))
        ctx.removed(c.name)
        progress(ctx.out, "Container", c.name, "Removed")


def scale(ctx: Context, cmd: ComposeCommand) -> None:
    """``docker compose scale SERVICE=N…``: ``up -d --scale`` for those services."""
    names = tuple(sorted(a.partition("=")[0] for a in cmd.args))  # scale.go runScale
    flags = [("scale", a) for a in cmd.args] + [("detach", "true")]
    flags += [("no-deps", v) for v in cmd.get_all("no-deps")]
    scaled = ComposeCommand("up", tuple(flags), names, cmd.global_flags)
    try:
        _converge(ctx, scaled, start=True)
    except Failed as err:
        _report(ctx, err)
