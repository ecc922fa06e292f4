"""The ``docker …`` commands netsim simulates: one module per command group, and
:data:`HANDLERS`, the table from a command's path (``network create``, ``run`` …) to its handler.

:func:`run_docker` runs one command line the way the docker CLI does: it parses it
(:mod:`netsim.dockercli.parse`), picks the daemon (``-H``/``--context``:
:mod:`~netsim.dockercli.commands.target`), runs the handler against a
:class:`~netsim.dockercli.commands.context.Session` and prints the error the CLI prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from netsim.dockercli.commands import (
    build,
    images,
    inspect,
    lifecycle,
    listing,
    misc,
    network,
    registry,
    run,
    swarm,
    volume,
)
from netsim.dockercli.commands.context import NOT_SIMULATED, Handler, Output, Session
from netsim.dockercli.commands.exec import attach, exec_command
from netsim.dockercli.commands.target import target_host
from netsim.dockercli.flags import COMMANDS
from netsim.dockercli.parse import (
    DaemonInfo,
    ParsedCommand,
    UnsupportedCommandError,
    parse_docker_argv,
)
from netsim.errors import DaemonError, DockerCliError, DockerError

__all__ = ["HANDLERS", "report_error", "run_docker"]

#: command path → handler
HANDLERS: dict[str, Handler] = {
    "network create": network.create_network,
    "network rm": network.rm_network,
    "network prune": network.prune_networks,
    "network connect": network.connect,
    "network disconnect": network.disconnect,
    "network ls": network.ls,
    "network inspect": network.inspect_network,
    "run": run.run,
    "create": run.create,
    "start": lifecycle.start,
    "stop": lifecycle.stop,
    "kill": lifecycle.kill,
    "restart": lifecycle.restart,
    "rm": lifecycle.rm,
    "rename": lifecycle.rename,
    "container prune": lifecycle.container_prune,
    "ps": listing.ps,
    "inspect": inspect.inspect,
    "container inspect": inspect.inspect,
    "port": listing.port,
    "exec": exec_command,
    "attach": attach,
    "logs": listing.logs,
    "swarm init": swarm.init,
    "swarm join": swarm.join,
    "swarm leave": swarm.leave,
    "swarm join-token": swarm.join_token,
    "pause": lifecycle.pause,
    "unpause": lifecycle.pause,
    "top": listing.top,
    "pull": misc.pull,
    "volume create": volume.create,
    "volume ls": volume.ls,
    "volume inspect": volume.inspect_volume,
    "volume rm": volume.rm,
    "volume prune": volume.prune,
    "images": images.images,
    "build": build.build,
    "tag": images.tag,
    "push": registry.push,
    "rmi": images.rmi,
    "commit": images.commit,
    "save": images.save,
    "load": images.load,
    "image inspect": images.image_inspect,
}


@cache
def _daemon(api_version: str) -> DaemonInfo:
    """What the CLI learns of the daemon (frozen: one per API version)."""
    return DaemonInfo(api_version=api_version)


def run_docker(session: Session, argv: Sequence[str], host: str) -> tuple[str, Output]:
    """Run one ``docker …`` command line (``argv[0]`` is ``docker``) typed on ``host``: the host
    it ran on (the one ``-H``/``--context`` names) and what it printed."""
    out = Output()
    if len(argv) > 1 and argv[1] == "compose":  # the Compose CLI plugin (netsim.composecli)
        from netsim.composecli import run_compose

        run_compose(session, argv[2:], host, out)
        return host, out
    profile = session.profile
    try:
        # the CLI negotiates the daemon's API version (isSupported reads it)
        parsed = parse_docker_argv(argv[1:], daemon=_daemon(profile.api_version),
                                   profile=profile)
    except UnsupportedCommandError as err:
        out.err(f"netsim: {err.what}", NOT_SIMULATED)
        return host, out
    except DockerCliError as err:
        text = err.text
        if _is_build(argv) and not profile.build_legacy:
            text = build.buildx_text(text, profile)  # buildx parses docker build
        out.err(text + "\n", err.exit_code)  # the CLI's Fprintln(stderr, err)
        return host, out
    if parsed.warnings:
        for i, w in enumerate(parsed.warnings):  # flag deprecations: the global options' on
            if i < parsed.stderr_warnings:        # stderr, the command's on stdout
                out.err(w)
            else:
                out.out(w)
    if parsed.log_warnings:  # logrus's text format, stderr not a terminal
        from netsim.dockercli.output.inspect_common import timestamp

        when = timestamp(session.engine.clock)
        for msg in parsed.log_warnings:
            out.err(f'time="{when}" level=warning msg="{msg}"')
    # the host -H/--context names (none given: the one typed on)
    target = target_host(session, parsed, out, host) if parsed.global_flags else host
    if target is None:  # no daemon: only stderr is shown
        out.stdout.clear()
        return host, out
    if parsed.help or not parsed.command:
        spec = COMMANDS.get(parsed.command)
        usage = spec.usage if spec is not None else "docker [OPTIONS] COMMAND"
        out.out(f"Usage:  {usage}")
        out.err("netsim: docker's help text is not reproduced")
        out.code = 0
        return target, out
    handler = HANDLERS.get(parsed.command)
    if handler is None:
        out.err(f"netsim: 'docker {parsed.path}' is not simulated", NOT_SIMULATED)
    else:
        try:
            handler(session, parsed, target, out)
        except DockerError as err:
            report_error(session, parsed, err, out)
    return target, out


def _is_build(argv: Sequence[str]) -> bool:
    words = [a for a in argv[1:] if not a.startswith("-")][:2]
    return words[:1] == ["build"] or words == ["image", "build"]


def report_error(session: Session, p: ParsedCommand, err: DockerError,
                 out: Output) -> None:
    """Print an error the way the docker CLI does for this command.

    ``docker run`` wraps every error as ``docker: …`` plus a help line and exits 125 (127 or
    126 when the text says the executable is missing or not executable); ``docker create``
    prints daemon errors plainly (exit 1) but its own parse errors like ``run``
    (cli/command/container/run.go toStatusError, create.go).
    """
    text = err.text
    daemon = isinstance(err, DaemonError)
    if daemon:
        text = f"Error response from daemon: {text}"
    if p.command == "run" or (p.command == "create" and not daemon):
        code = 125
        if any(k in text for k in ("executable file not found", "no such file or directory",
                                   "system cannot find the file specified")):
            code = 127
        elif "permission denied" in text or "is a directory" in text:
            code = 126
        out.err(run.run_error(session.profile, p.command, text, with_help=not err.at_start),
                code)
        if (p.command == "run" and err.at_start and p.get("detach") != "true"
                and p.get("rm") != "true" and session.profile.cli_run_logs_wait_canceled):
            # the wait run.go started, cancelled (EngineProfile.cli_run_logs_wait_canceled)
            from netsim.dockercli.output.inspect_common import timestamp

            out.err(f'time="{timestamp(session.engine.clock)}" level=error msg="error waiting '
                    'for container: context canceled"')
    else:
        out.err(text, 1 if daemon else err.exit_code)
