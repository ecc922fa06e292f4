"""``docker compose exec`` and ``docker compose run``: a program in a service's container, or
in a one-off container (docker/compose v2.40.3 ``cmd/compose/exec.go``, ``run.go``;
``pkg/compose/run.go``)."""

from __future__ import annotations

from dataclasses import replace

from netsim.api import ContainerCreate, ContainerRemove, ContainerStart
from netsim.composecli.lifecycle import bring_up, selected, shared_network_mode
from netsim.composecli.options import ComposeCommand
from netsim.composecli.project import Context, Failed, check_services, specified_container
from netsim.composecli.refusals import checked_spec
from netsim.dockercli.commands.exec import probe_into
from netsim.errors import DaemonError
from netsim.io.compose.convert import LABEL

__all__ = ["exec_service", "run_service"]


def exec_service(ctx: Context, cmd: ComposeCommand) -> None:
    """``docker compose exec [--index N] SERVICE COMMAND…``: in the service's running
    container number N, else its lowest-numbered running one (pkg/compose/exec.go
    getExecTarget); ``service "X" is not running`` otherwise."""
    service, *argv = cmd.args
    target = specified_container(ctx, service, int(cmd.get("index") or "0"))
    probe_into(ctx.out, ctx.session, f"{ctx.host}/{target.name}", argv)


def _run_slug(ctx: Context, service: str) -> str:
    """The one-off container's slug (pkg/compose/run.go: a random 64-hex ID, its first 12 in
    the name ``<project>-<service>-run-<12 hex>``; netsim's is drawn from the seed and the
    clock)."""
    from netsim.daemon import ids

    return ids.hex_id(ctx.session.seed, "compose-run", service, ctx.session.engine.clock)


def run_service(ctx: Context, cmd: ComposeCommand) -> None:
    """``docker compose run [--rm] [--no-deps] SERVICE [COMMAND…]``: the dependencies
    started, then a one-off container (no published ports unless ``--service-ports``) that
    runs the command and, with ``--rm``, is removed."""
    service, *argv = cmd.args
    check_services(ctx, (service,))
    project = ctx.project
    # run.go prepareRun → startDependencies: create (the networks, the dependencies'
    # containers) and start the project without the service (with --no-deps: nothing but
    # the networks)
    chosen = selected(ctx, (service,))
    deps = [] if cmd.true("no-deps") else [d for d in chosen if d != service]
    bring_up(ctx, deps, networks_of=chosen, remove_orphans=cmd.get("remove-orphans"))
    svc = project.services[service]
    # pkg/compose/run.go prepareRun: no restart policy; cmd/compose/run.go: the service's
    # ports only with --service-ports
    svc = replace(svc, restart="", container_name="")
    if not cmd.true("service-ports"):
        svc = replace(svc, ports=())
    if argv:
        svc = replace(svc, command=tuple(argv))
    slug = _run_slug(ctx, service)
    name = cmd.get("name") or f"{project.name}-{service}-run-{slug[:12]}"
    # createContainer(…, -1, …): no container number, aliases only with --use-aliases
    mode = shared_network_mode(ctx, svc)  # run.go prepareRun: resolveServiceReferences
    try:
        spec, _ = checked_spec(ctx, svc, -1, oneoff=True, name=name, network_mode=mode,
                               containers_of=lambda s: [c.name for c in ctx.containers(s)],
                               use_aliases=cmd.true("use-aliases"),
                               extra_labels={LABEL["slug"]: slug})
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
