"""A container's life: ``docker start``, ``stop``, ``kill``, ``restart``, ``pause``/``unpause``,
``rm``, ``rename`` and ``container prune``."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from netsim.api import (
    ContainerPause,
    ContainerPrune,
    ContainerRemove,
    ContainerRename,
    ContainerRestart,
    ContainerStart,
    ContainerStop,
)
from netsim.dockercli.commands.common import client_text, daemon_text, find_container
from netsim.dockercli.commands.context import Output, Session
from netsim.dockercli.commands.exec import probe_into
from netsim.dockercli.commands.run import attached_output, check_start, foreground_probe
from netsim.dockercli.parse import ParsedCommand
from netsim.errors import DaemonError, DockerError
from netsim.images import container_image

__all__ = ["container_prune", "kill", "pause", "rename", "restart", "rm", "start", "stop"]


def _each(out: Output, refs: Sequence[str], fn: Callable[[str], None], *,
          wrap: Callable[[str, DockerError], str] = lambda ref, e: daemon_text(e),
          ignore_missing: bool = False) -> list[str]:
    """Run ``fn`` per argument, printing each argument as typed on success.

    Errors are collected and printed together at the end (``stop``, ``kill``, ``rm``,
    ``restart``: cli/command/container/utils.go parallelOperation + errors.Join).
    """
    errors: list[str] = []
    failed: list[str] = []
    for ref in refs:
        try:
            fn(ref)
            out.out(ref)
        except DockerError as err:
            errors.append(wrap(ref, err))
            if not (ignore_missing and isinstance(err, DaemonError) and err.status == 404):
                failed.append(ref)
    if errors:
        out.err("\n".join(errors), 1 if failed else None)
    return failed


def start(session: Session, p: ParsedCommand, host: str, out: Output) -> None:
    """Errors print as they happen, then ``failed to start containers: …`` (start.go; ≤ 28.x
    ``Error: failed to start containers: …``, EngineProfile.cli_legacy_error_texts)."""
    failed = []
    attach = p.get("attach") == "true"
    for ref in p.args:
        try:
            check_start(session, host, ref)
            before = find_container(session, host, ref) if attach else None
            # start -a of a command netsim simulates: it runs attached, as in a foreground
            # docker run (run), and its status is the container's
            probe_argv = (foreground_probe(before.spec,
                                           container_image(session.state, before))
                          if before is not None and not before.running else None)
            session.engine.hold_foreground = probe_argv is not None
            try:
                outcome = session.apply_operation(ContainerStart(host=host, container=ref))
            finally:
                session.engine.hold_foreground = False
            c = find_container(session, host, ref) if attach else None
            if c is None:
                out.out(ref)
            elif probe_argv is not None and c.running:
                probe_into(out, session, f"{host}/{c.name}", probe_argv)
                session.engine.execute(ContainerStop(host=host, container=c.name,
                                                     exit_code=out.code))
            elif outcome.exit_code is not None:
                # start -a: the container's output, then its exit status as the CLI's
                # (cli/command/container/start.go: StatusError{StatusCode: status})
                attached_output(out, c.spec, outcome.exit_code, outcome.stderr)
        except DaemonError as err:
            if attach:  # start -a returns the daemon's error as it is
                raise
            out.err(daemon_text(err))
            failed.append(ref)
    if failed:
        prefix = "Error: " if session.profile.cli_legacy_error_texts else ""
        out.err(f"{prefix}failed to start containers: " + ", ".join(failed), 1)


def stop(session: Session, p: ParsedCommand, host: str, out: Output) -> None:
    """``docker stop``: each argument as typed, the errors together at the end."""
    signal = p.get("signal") or None
    _each(out, p.args, lambda ref: session.apply_operation(
        ContainerStop(host=host, container=ref, signal=signal)))


def kill(session: Session, p: ParsedCommand, host: str, out: Output) -> None:
    """container_routes.go:293: ``cannot kill container: NAME: …`` (EngineProfile.
    kill_error_prefix); not running is an error."""
    def kill(ref: str) -> None:
        c = find_container(session, host, ref)
        if not c.running:
            raise DaemonError(session.profile.not_running_message.format(id=c.id), status=409)
        # docker kill sends SIGKILL unless -s says otherwise (engine: what the signal does)
        session.apply_operation(ContainerStop(host=host, container=ref,
                                              signal=p.get("signal") or "KILL", kill=True))

    _each(out, p.args, kill,
          wrap=lambda ref, e: "Error response from daemon: "
          f"{session.profile.kill_error_prefix}: {ref}: {e.text}")


def restart(session: Session, p: ParsedCommand, host: str, out: Output) -> None:
    """``docker restart``: each argument as typed, the errors together at the end."""
    def wrap(ref: str, e: DockerError) -> str:
        if e.text.startswith("No such container"):
            return daemon_text(e)
        return f"Error response from daemon: Cannot restart container {ref}: {e.text}"

    def restart(ref: str) -> None:
        check_start(session, host, ref)
        session.apply_operation(ContainerRestart(host=host, container=ref))

    _each(out, p.args, restart, wrap=wrap)


def rm(session: Session, p: ParsedCommand, host: str, out: Output) -> None:
    """``docker rm``: each argument as typed; ``-f`` ignores a missing one's status."""
    force = p.get("force") == "true"
    link = p.get("link") == "true"

    def remove(ref: str) -> None:
        # -v: its anonymous volumes go too, unless in use (daemon/mounts.go removeMountPoints)
        volumes = (session.engine.anonymous_volumes(host, ref)
                   if p.get("volumes") == "true" and not link else [])
        session.apply_operation(ContainerRemove(host=host, container=ref, force=force,
                                                link=link))
        session.engine.remove_unused_volumes(host, volumes)

    _each(out, p.args, remove, wrap=lambda ref, e: client_text(session, e, "container", ref),
          ignore_missing=force)


_VALID_CONTAINER_NAME = re.compile(r"[a-zA-Z0-9][a-zA-Z0-9_.-]+")


def rename(session: Session, p: ParsedCommand, host: str, out: Output) -> None:
    """cli/command/container/rename.go; the daemon's checks (daemon/rename.go, names.go:63).

    docker/cli ≤ 28.x trims both names, refuses an empty one itself (``Error: Neither old nor
    new names may be empty``) and prints the daemon's error, then ``Error: failed to rename
    container named OLD`` (measured: conformance/recorded/28.5, 39-, 52-…); 29.x wraps it:
    ``failed to rename container: Error response from daemon: …``."""
    legacy = session.profile.cli_legacy_error_texts
    old, new = p.args[0], p.args[1]
    if legacy:
        old, new = old.strip(" \t\n\r\v\f"), new.strip(" \t\n\r\v\f")
        if not old or not new:
            out.err("Error: Neither old nor new names may be empty", 1)
            return
    elif not new:
        out.err("failed to rename container: new name cannot be blank", 1)
        return
    try:
        c = find_container(session, host, old)
        bare = new.removeprefix("/")
        if bare != c.name and not _VALID_CONTAINER_NAME.fullmatch(bare):
            raise DaemonError("Error when allocating new name: Invalid container name "
                              f"(/{bare}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed", status=400)
        session.apply_operation(ContainerRename(host=host, container=old, new_name=bare))
    except DaemonError as err:
        text = err.text
        if text.startswith("Conflict."):  # daemon/rename.go:52
            text = f"Error when allocating new name: {text}"
        if legacy:
            out.err(f"Error response from daemon: {text}")
            out.err(f"Error: failed to rename container named {old}", 1)
        else:
            out.err(f"failed to rename container: Error response from daemon: {text}", 1)


def container_prune(session: Session, p: ParsedCommand, host: str, out: Output) -> None:
    """``docker container prune``: without ``-f`` the prompt, which a script never answers."""
    if p.get("force") != "true":
        out.stdout.append("WARNING! This will remove all stopped containers.\n"
                          "Are you sure you want to continue? [y/N] ")
        if session.profile.cli_prune_cancel_prints_total:
            out.out("Total reclaimed space: 0B")
        return
    outcome = session.apply_operation(ContainerPrune(host=host))
    if outcome.names:
        out.out("Deleted Containers:\n" + "".join(n + "\n" for n in outcome.names))
    out.out("Total reclaimed space: 0B")


def pause(session: Session, p: ParsedCommand, host: str, out: Output) -> None:
    """``docker pause``/``unpause``: each argument as typed, or the daemon's refusal (engine
    _container_pause; cli/command/container/pause.go, unpause.go)."""
    op = "unpause" if p.command == "unpause" else "pause"
    _each(out, p.args, lambda ref: session.apply_operation(
        ContainerPause(op=op, host=host, container=ref)))
