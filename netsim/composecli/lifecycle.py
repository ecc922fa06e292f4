"""``docker compose up``, ``create``, ``down``, ``start``, ``stop``, ``restart``, ``rm`` and
``scale``: the Docker API calls Compose makes for them and the progress lines it prints.

Compose works on independent services concurrently (docker/compose v2.40.3
``pkg/compose/convergence.go``, ``dependencies.go`` InDependencyOrder with an errgroup), so
the real order of its progress lines varies from run to run; netsim walks the services in
:meth:`~netsim.io.compose.model.Project.dependency_order` (dependencies first, then by name)
and, as Compose does, creates every container before starting any.
"""

from __future__ import annotations

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
from netsim.composecli.project import Context, check_services, log_warning, progress
from netsim.errors import DaemonError
from netsim.io.compose.convert import LABEL, container_spec, network_spec
from netsim.io.compose.loader import ComposeError
from netsim.state import ContainerState

__all__ = ["create", "down", "restart", "rm", "scale", "start", "stop", "up"]


class Failed(Exception):
    """A daemon error that ends the command (printed as the CLI prints it)."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


def _api_at_least(ctx: Context, version: str) -> bool:
    have = tuple(int(x) for x in ctx.session.profile.api_version.split("."))
    return have >= tuple(int(x) for x in version.split("."))


def selected(ctx: Context, names: tuple[str, ...], *, deps: bool = True) -> list[str]:
    """The services a command acts on, in dependency order: those named (whatever their
    profiles) with their dependencies, else every enabled service (compose-go
    types.Project.ForServices / WithProfiles)."""
    check_services(ctx, names)
    project = ctx.project
    if not names:
        return project.dependency_order()
    wanted: list[str] = []

    def add(name: str) -> None:
        if name in wanted:
            return
        wanted.append(name)
        if deps:
            for dep in project.dependencies(name):
                add(dep)

    for name in names:
        add(name)
    return project.dependency_order(wanted)


def _scales(ctx: Context, cmd: ComposeCommand) -> dict[str, int]:
    out = {name: svc.replicas for name, svc in ctx.project.services.items()}
    for value in cmd.get_all("scale"):
        name, _, count = value.partition("=")
        if name not in ctx.project.services:
            raise ComposeError(f"no such service: {name}")
        try:
            out[name] = int(count)
        except ValueError:
            raise ComposeError(f"invalid scale value for {name}: {count}") from None
    return out


def _ensure_networks(ctx: Context, services: list[str]) -> None:
    """create.go ensureNetworks: the networks the services use, external ones checked, the
    others created unless Compose finds them by their labels."""
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
            if LABEL["project"] not in found.labels:
                log_warning(ctx.session, ctx.out,
                            f"a network with name {net.name} exists but was not created by "
                            "compose.\nSet `external: true` to use an existing network")
            continue
        progress(ctx.out, "Network", net.name, "Creating")
        try:
            ctx.session.apply_operation(NetworkCreate(host=ctx.host,
                                                      network=network_spec(project, net)))
        except DaemonError as err:
            text = f"Error response from daemon: {err.text}"
            progress(ctx.out, "Network", net.name, text)
            raise Failed(text) from None
        progress(ctx.out, "Network", net.name, "Created")


def _create_container(ctx: Context, service: str, number: int) -> None:
    project = ctx.project
    svc = project.services[service]
    mode = None
    if svc.network_mode.startswith("service:"):
        target = svc.network_mode.removeprefix("service:")
        running = ctx.containers(target)
        if not running:
            raise ComposeError(f"service {target} is not running")  # unmeasured wording
        mode = f"container:{running[0].id}"
    spec, later = container_spec(
        project, svc, number, network_mode=mode,
        containers_of=lambda s: [c.name for c in ctx.containers(s)],
        all_networks_at_create=_api_at_least(ctx, "1.44"))
    name = spec.name or ""
    progress(ctx.out, "Container", name, "Creating")
    try:
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
    scales = _scales(ctx, cmd)
    _ensure_networks(ctx, services)
    for name in services:  # create phase (convergence.go ensureService)
        existing = ctx.containers(name)
        wanted = scales[name]
        for c in existing:
            number = int(c.spec.Config.Labels.get(LABEL["number"], "0") or 0)
            if number > wanted:
                _remove(ctx, c)
            elif c.running:
                progress(ctx.out, "Container", c.name, "Running")
        have = {int(c.spec.Config.Labels.get(LABEL["number"], "0") or 0) for c in existing}
        for number in range(1, wanted + 1):
            if number not in have:
                _create_container(ctx, name, number)
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
    ctx.out.err(err.text, 1)


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
    """``docker compose down``: the containers in reverse dependency order, then the
    networks Compose created (pkg/compose/down.go)."""
    order = ctx.project.dependency_order(list(ctx.project.services))
    rank = {name: i for i, name in enumerate(order)}
    containers = ctx.containers() + ctx.containers(oneoff=True)
    containers.sort(key=lambda c: (-rank.get(c.spec.Config.Labels.get(LABEL["service"], ""),
                                             -1), c.name))
    for c in containers:
        _remove(ctx, c)
    names = {n.name for n in ctx.project.networks.values() if not n.external}
    for net in sorted(ctx.networks(), key=lambda n: n.name):
        if net.name not in names and net.labels.get(LABEL["project"]) != ctx.project.name:
            continue
        progress(ctx.out, "Network", net.name, "Removing")
        try:
            ctx.session.apply_operation(NetworkRemove(host=ctx.host, name=net.name))
        except DaemonError as err:
            progress(ctx.out, "Network", net.name, f"Error response from daemon: {err.text}")
            continue
        progress(ctx.out, "Network", net.name, "Removed")


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
    names = tuple(a.partition("=")[0] for a in cmd.args)
    flags = [("scale", a) for a in cmd.args] + [("detach", "true")]
    flags += [("no-deps", v) for v in cmd.get_all("no-deps")]
    scaled = ComposeCommand("up", tuple(flags), names, cmd.global_flags)
    try:
        _converge(ctx, scaled, start=True)
    except Failed as err:
        _report(ctx, err)
