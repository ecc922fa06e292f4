"""The ``docker compose`` plugin (Docker Compose v2.40.3), as one package: its command line
(:mod:`.options`), the project its options choose and the containers it finds by label
(:mod:`.project`), and its commands: :mod:`.lifecycle` (up, create, down, start, stop,
restart, rm, scale), :mod:`.listing` (config, ps, port, ls) and :mod:`.execute` (exec, run).

:func:`run_compose` runs one ``docker compose …`` line typed on a Docker host against a
:class:`~netsim.dockercli.commands.context.Session`; the project is read from the session's
workspace (the script's files and current directory). Errors are Compose's texts on stderr
with exit status 1; what netsim does not simulate says so, with status 126.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from weakref import WeakKeyDictionary

from netsim.composecli import execute, lifecycle, listing
from netsim.composecli.options import (
    PROGRESS_MODES,
    ComposeCommand,
    ComposeUsageError,
    parse,
    unsimulated_flags,
)
from netsim.composecli.project import Context, Failed, load
from netsim.dockercli.commands.context import NOT_SIMULATED, Output, Session
from netsim.errors import DockerError
from netsim.golang.quote import go_quote
from netsim.io.compose.loader import ComposeError

__all__ = ["BUILD_VERSION", "run_compose"]

#: what ``docker compose version`` prints: the build of Compose 2.40.3 modelled, Debian's
#: docker-compose 2.40.3-3 (measured: 77-compose-cli-errors; the upstream binary says
#: ``v2.40.3``); the label ``com.docker.compose.version`` says ``2.40.3``
BUILD_VERSION = "2.40.3-3"

#: command → handler on the loaded project
HANDLERS: dict[str, Callable[[Context, ComposeCommand], None]] = {
    "up": lifecycle.up, "create": lifecycle.create, "down": lifecycle.down,
    "start": lifecycle.start, "stop": lifecycle.stop, "restart": lifecycle.restart,
    "rm": lifecycle.rm, "scale": lifecycle.scale, "config": listing.config,
    "ps": listing.ps, "port": listing.port, "exec": execute.exec_service,
    "run": execute.run_service,
}


#: the keys already reported as not simulated, per session (each is said once)
_NOTED: WeakKeyDictionary[object, set[str]] = WeakKeyDictionary()


def run_compose(session: Session, argv: Sequence[str], host: str, out: Output) -> None:
    """``docker compose ARGV…`` on ``host``: what Compose prints and its exit status."""
    try:
        cmd = parse(argv)
    except ComposeUsageError as err:
        text = str(err)
        out.err(text, NOT_SIMULATED if text.startswith("netsim:") else 1)
        return
    if cmd.option("help") == "true" or cmd.true("help"):
        out.err("netsim: Compose's help text is not reproduced", NOT_SIMULATED)
        return
    # compose.go PersistentPreRunE: the --progress value, then the deprecated --workdir
    progress = cmd.option("progress")
    if progress is not None and progress not in PROGRESS_MODES:
        out.err(f"unsupported --progress value {go_quote(progress)}", 1)
        return
    if cmd.option("workdir"):
        if cmd.option("project-directory"):
            out.err('cannot specify DEPRECATED "--workdir" and "--project-directory". Please '
                    'use only "--project-directory" instead', 1)
            return
        # aec.Apply(…, aec.RedF): red even when stderr is no terminal (unmeasured wording)
        out.stderr.append("\x1b[31moption '--workdir' is DEPRECATED at root level! Please "
                          "use '--project-directory' instead.\n\x1b[0m")
    noted = _NOTED.setdefault(session, set())
    for key in unsimulated_flags(cmd):
        if key not in noted:
            noted.add(key)
            out.err(f"netsim: '{key}' is read but not simulated")
    if cmd.command == "version":
        out.out(BUILD_VERSION if cmd.true("short") else
                f"Docker Compose version {BUILD_VERSION}")
        return
    if cmd.command == "ls":
        listing.ls(session, host, cmd, out)
        return
    try:
        ctx = load(session, host, cmd, out)
        for key in ctx.project.not_simulated:
            if key not in noted:
                noted.add(key)
                out.err(f"netsim: {key} is read but not simulated")
        HANDLERS[cmd.command](ctx, cmd)
    except ComposeError as err:
        text = str(err)
        # the reader's own limits (``netsim: … is not simulated``) are no refusal of Compose's
        out.err(text, NOT_SIMULATED if text.startswith("netsim:") else 1)
    except Failed as err:
        out.err(err.text, err.code)
    except DockerError as err:
        out.err(err.text, 1)
