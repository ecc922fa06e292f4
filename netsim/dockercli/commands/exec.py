"""``docker exec`` and ``docker attach``, and running a program netsim simulates (ping, curl,
``sh -c`` …) in a container or on a host, as a script's line or an attached command."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence

from netsim.dockercli.commands.common import inspected
from netsim.dockercli.commands.context import NOT_SIMULATED, Output, Session, Shell
from netsim.dockercli.parse import ParsedCommand
from netsim.errors import DaemonError
from netsim.state import ContainerState

__all__ = ["attach", "exec_command", "main_program", "probe_into"]

#: the clients of a TCP/UDP service (what a paused server leaves hanging: probe_into)
_APP_CLIENT = re.compile(r"(?<![\w.-])(curl|wget|nc|ncat|netcat|telnet)(?![\w.-])")


def exec_command(session: Session, p: ParsedCommand, host: str, out: Output) -> None:
    """``docker exec``: the image's files and user checked, then a shell the script types
    into (``-it sh``) or a program netsim simulates."""
    # docker/cli inspects the container first (exec.go), then the daemon's checks: running,
    # legacy links still valid (engine.exec_create)
    inspected(session, host, p.args[0])
    c = session.engine.exec_create(host, p.args[0])
    cmd = p.args[1:]
    from netsim.images import container_image, user_failure

    refused = user_failure(container_image(session.state, c), p.get("user") or "")
    if refused is not None:  # daemon/exec.go: the user is looked up before the runtime
        if session.profile.exec_user_checked_at_create:
            raise DaemonError(refused, status=500)
        # ≤ 28.1: at the exec's start, so on its stream, exit 126
        # (EngineProfile.exec_user_checked_at_create)
        out.stdout.append(f"{refused}\r\n")
        out.code = 126
        return
    if _exec_failure(session, c, cmd, p.get("workdir"), out):
        return
    interactive = p.get("interactive") == "true" or p.get("tty") == "true"
    if interactive and cmd and cmd[0].split("/")[-1] in ("sh", "bash", "ash", "zsh"):
        session.open_shell(Shell(host=host, container=c.name, main_process=False,
                                 program=cmd[0]))
        return
    probe_into(out, session, f"{host}/{c.name}", cmd)


def _exec_failure(session: Session, c: ContainerState, cmd: Sequence[str], workdir: str | None,
                  out: Output) -> bool:
    """``docker exec`` of a program the image does not have, or in a directory it does not
    have: runc's error on the exec's stdout (``OCI runtime exec failed: …``, with ``\\r\\n``;
    moby daemon/exec.go), 127 or 126, when netsim knows the image's files. True when it
    failed so."""
    from netsim.images import container_image, exec_failure, missing_directory, runtime_reason
    from netsim.images.declared import declared_toolset
    from netsim.images.programs import SHELLS

    try:
        info = container_image(session.state, c)
    except ValueError:
        return False
    suffix = ": unknown" if session.profile.runtime_errors_end_in_unknown else ""
    head = "OCI runtime exec failed: exec failed: unable to start container process: "
    if workdir and missing_directory(info, workdir):
        out.stdout.append(f'{head}chdir to cwd ("{workdir}") set in config.json failed: no such '
                          f"file or directory{suffix}\r\n")
        out.code = 127 if session.profile.exec_not_found_127 else 126
        return True
    failure = exec_failure(info, cmd[0]) if cmd else None
    declared = session.state.declared_tools.get(c.id) if cmd else None
    if failure is None and declared is not None and cmd[0] in SHELLS \
            and cmd[0] not in declared_toolset(declared)[1]:
        failure = 127, "executable file not found in $PATH"  # a tool list without it
    if failure is None:
        return False
    reason = runtime_reason(failure[1], suffix, eisdir=session.profile.runc_reports_eisdir)
    out.stdout.append(f'{head}exec: "{cmd[0]}": {reason}\r\n')
    # EngineProfile.exec_not_found_127: ≤ 27.x the daemon overwrites every exec failure's code
    out.code = failure[0] if session.profile.exec_not_found_127 else 126
    return True


def main_program(session: Session, c: ContainerState) -> str:
    """The program a container's main process runs (its shell for ``run -it``)."""
    from netsim.images import container_image, effective_argv

    info = container_image(session.state, c)
    argv = effective_argv(info, c.spec.Config.Cmd, entrypoint=c.spec.Config.Entrypoint)
    return argv[0] if argv else "sh"


def probe_into(out: Output, session: Session, where: str, argv: Sequence[str],
               shell: tuple[str, int] | None = None) -> None:
    """Run a probe (ping, curl, ip addr …) at ``where`` and pass its output through; a package
    manager's install is remembered for the container."""
    from netsim.probes import PACKAGE_MANAGERS, Packages, install, probe

    state = session.state
    paused = sorted(c.name for hs in state.hosts.values() for c in hs.containers.values()
                    if c.paused and c.listening)
    if paused and _APP_CLIENT.search(" ".join(argv)):
        # a frozen server: its kernel still completes a TCP handshake, but no process reads
        # or answers (cgroup freezer), so a client hangs until its own timeout
        out.err(f"netsim: talking to a paused container's services is not simulated "
                f"({', '.join(paused)} paused)", NOT_SIMULATED)
        return
    cid = None
    if not where.startswith("@"):
        host, _, name = where.partition("/")
        found = session.engine.find_container(host, name)
        cid = found.id if found is not None else None
    before = session.packages.get(cid, Packages()) if cid is not None else Packages()
    if argv and argv[0].rsplit("/", 1)[-1] in PACKAGE_MANAGERS and cid is not None:
        result, after = install(state, where, list(argv), before, rng=session.dns_rng,
                                shell=shell)
        session.packages[cid] = after
    else:
        result = probe(state, where, list(argv), seed=session.seed, rng=session.dns_rng,
                       shell=shell, installed=before.tools, files=before.files)
        if result.written and cid is not None:  # the container's filesystem keeps them
            session.packages[cid] = dataclasses.replace(
                before, files=before.files | frozenset(result.written))
    out.stdout.append(result.stdout)
    out.stderr.append(result.stderr)
    out.code = result.exit_code


def attach(session: Session, p: ParsedCommand, host: str, out: Output) -> None:
    """``docker attach``: the script's next lines go to the container's main process."""
    c = inspected(session, host, p.args[0])
    if not c.running:  # cli/command/container/attach.go (≤ 28.x: "You cannot attach …")
        text = "cannot attach to a stopped container, start it first"
        if session.profile.cli_legacy_error_texts:
            text = "You " + text
        out.err(text, 1)
        return
    if c.paused:  # cli/command/container/attach.go (≤ 28.x: "You cannot attach …")
        text = "cannot attach to a paused container, unpause it first"
        if session.profile.cli_legacy_error_texts:
            text = "You " + text
        out.err(text, 1)
        return
    session.open_shell(Shell(host=host, container=c.name, main_process=True,
                             program=main_program(session, c)))
