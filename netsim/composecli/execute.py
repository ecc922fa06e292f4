"""``docker compose exec`` and ``docker compose run``: a program in a service's container, or
in a one-off container (docker/compose v2.40.3 ``cmd/compose/exec.go``, ``run.go``;
``pkg/compose/run.go``)."""

from __future__ import annotations

from netsim.api import ContainerCreate, ContainerRemove, ContainerStart
from netsim.composecli.lifecycle import Failed, selected
from netsim.composecli.options import ComposeCommand
from netsim.composecli.project import Context, check_services, progress
from netsim.dockercli.commands.exec import probe_into
from netsim.errors import DaemonError
from netsim.io.compose.convert import LABEL, container_spec
from netsim.io.compose.loader import ComposeError

__all__ = ["exec_service", "run_service"]


def exec_service(ctx: Context, cmd: ComposeCommand) -> None:
    """``docker compose exec [--index N] SERVICE COMMAND…``: in the service's running
    container number N (1); ``service "X" is not running`` otherwise."""
    service, *argv = cmd.args
    index = int(cmd.get("index") or "0") or 1
    running = [c for c in ctx.containers(service) if c.running
               and c.spec.Config.Labels.get(LABEL["number"]) == str(index)]
    if service not in ctx.project.services or not running:
        raise ComposeError(f'service "{service}" is not running')
    probe_into(ctx.out, ctx.session, f"{ctx.host}/{running[0].name}", argv)


def _run_name(ctx: Context, service: str) -> str:
    """``<project>-<service>-run-<12 hex>`` (pkg/compose/run.go: a random ID; netsim's is
    drawn from the seed and the clock)."""
    from netsim.daemon import ids

    return f"{ctx.project.name}-{service}-run-" + ids.hex_id(
        ctx.session.seed, "compose-run", service, ctx.session.engine.clock)[:12]


def run_service(ctx: Context, cmd: ComposeCommand) -> None:
    """``docker compose run [--rm] [--no-deps] SERVICE [COMMAND…]``: the dependencies
    started, then a one-off container (no published ports unless ``--service-ports``) that
    runs the command and, with ``--rm``, is removed."""
    service, *argv = cmd.args
    check_services(ctx, (service,))
    project = ctx.project
    if not cmd.true("no-deps"):
        deps = [d for d in selected(ctx, (service,)) if d != service]
        for dep in deps:
            for c in ctx.containers(dep):
                if c.running:
                    progress(ctx.out, "Container", c.name, "Running")
                else:
                    try:
                        ctx.session.apply_operation(ContainerStart(host=ctx.host,
                                                                   container=c.name))
                    except DaemonError as err:
                        raise Failed(f"Error response from daemon: {err.text}") from None
    svc = project.services[service]
    if not cmd.true("service-ports"):
        from dataclasses import replace

        svc = replace(svc, ports=())
    if argv:
        from dataclasses import replace

        svc = replace(svc, command=tuple(argv))
    name = cmd.get("name") or _run_name(ctx, service)
    spec, _ = container_spec(project, svc, 1, oneoff=True, name=name,
                             containers_of=lambda s: [c.name for c in ctx.containers(s)])
    try:
        ctx.session.apply_operation(ContainerCreate(host=ctx.host, op="create",
                                                    container=spec))
        from netsim.dockercli.commands.run import foreground_probe

        probe = foreground_probe(spec)
        if probe is not None:
            ctx.session.engine.hold_foreground = True
        try:
            ctx.session.apply_operation(ContainerStart(host=ctx.host, container=name))
        finally:
            ctx.session.engine.hold_foreground = False
    except DaemonError as err:
        raise Failed(f"Error response from daemon: {err.text}") from None
    if probe is not None:
        probe_into(ctx.out, ctx.session, f"{ctx.host}/{name}", probe)
    elif not cmd.true("detach"):
        ctx.out.err("netsim: this one-off container's command is not one netsim simulates; "
                    "it is left running")
    if cmd.true("rm") and not cmd.true("detach"):
        ctx.session.apply_operation(ContainerRemove(host=ctx.host, container=name, force=True))
    elif cmd.true("detach"):
        ctx.out.out(name)
