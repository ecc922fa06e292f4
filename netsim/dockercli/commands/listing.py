"""What a container shows: ``docker ps``, ``port``, ``logs`` and ``top``."""

from __future__ import annotations

from netsim.dockercli.commands.common import find_container, inspected, listing
from netsim.dockercli.commands.context import NOT_SIMULATED, Output, Session
from netsim.dockercli.output import tables
from netsim.dockercli.output.port import port as port_text
from netsim.dockercli.parse import ParsedCommand
from netsim.errors import DaemonError
from netsim.golang.values import go_int

__all__ = ["logs", "port", "ps", "top"]


def ps(session: Session, p: ParsedCommand, host: str, out: Output) -> None:
    """``docker ps``: the table (``-q``, ``-n``/``-l``, ``--format``, ``--filter``)."""
    quiet = p.get("quiet") == "true"
    if quiet and p.get("format"):
        if session.profile.cli_ps_quiet_ignores_format:
            out.err("WARNING: Ignoring custom format, because both --format and --quiet are set.")
        else:  # a custom format wins (EngineProfile.cli_ps_quiet_ignores_format); the
            quiet = p.get("format") == "table"  # plain table key is NewContainerFormat's
    last = go_int(p.get("last") or "-1")
    if p.get("latest") == "true" and last == -1:
        last = 1
    listing(out, lambda: tables.ps(
        session.state, host, all_=p.get("all") == "true", quiet=quiet,
        no_trunc=p.get("no-trunc") == "true", fmt=p.get("format") or None,
        filters=p.get_all("filter"), last=last))


def port(session: Session, p: ParsedCommand, host: str, out: Output) -> None:
    """``docker port``: the container's published ports, or the CLI's refusal."""
    c = inspected(session, host, p.args[0])
    profile = session.profile
    text, error = port_text(c, p.args[1] if len(p.args) > 1 else None,
                            ref=p.args[0], legacy=profile.cli_legacy_error_texts,
                            brackets=profile.cli_port_brackets_ipv6,
                            nat_new_port=profile.cli_port_nat_new_port)
    if error:
        out.err(error, 1)
    out.stdout.append(text)


def logs(session: Session, p: ParsedCommand, host: str, out: Output) -> None:
    """What netsim knows a container printed: ``echo``'s words, an entrypoint's refusal."""
    from netsim.images import container_image, effective_argv, unmet_env

    c = inspected(session, host, p.args[0])
    cfg = c.spec.Config
    if cfg.Cmd and cfg.Cmd[0] == "echo":
        out.out(" ".join(cfg.Cmd[1:]))
    if c.main_stderr:  # what its main process printed before it ended (engine._early_exit)
        out.err(c.main_stderr.rstrip("\n"))
    info = container_image(session.state, c)
    if info is not None and c.status == "exited" and c.started is not None:
        env = dict(e.partition("=")[::2] for e in cfg.Env)
        argv = effective_argv(info, cfg.Cmd, entrypoint=cfg.Entrypoint)
        missing = unmet_env(info, argv, env)
        if missing is not None:
            out.err(missing.message)


def top(session: Session, p: ParsedCommand, host: str, out: Output) -> None:
    """``docker top``: its refusals; the process list of a running container is not simulated."""
    c = find_container(session, host, p.args[0])
    if not c.running:
        raise DaemonError(session.profile.not_running_message.format(id=c.id), status=409)
    out.err("netsim: 'docker top' of a running container is not simulated", NOT_SIMULATED)
