"""``docker run`` and ``docker create``, and what starting a container involves on the CLI side:
the image's files that stop a start, an attached command netsim simulates, the error texts."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Sequence

from netsim.api import (
    ContainerConfig,
    ContainerCreate,
    ContainerRemove,
    ContainerSpec,
    ContainerStop,
)
from netsim.api.trusted import build
from netsim.daemon.engine import runc_start_error
from netsim.dockercli.commands.common import find_container, image_info
from netsim.dockercli.commands.context import NOT_SIMULATED, Output, Session, Shell
from netsim.dockercli.commands.endpoints import string_addresses
from netsim.dockercli.commands.exec import main_program, probe_into
from netsim.dockercli.commands.registry import NotSimulated, pull_into, wants_registry
from netsim.dockercli.container_opts import container_spec
from netsim.dockercli.convert import MEMO_ENTRIES
from netsim.dockercli.parse import ParsedCommand
from netsim.errors import DaemonError, DockerCliError
from netsim.images import ImageInfo, effective_argv, exec_failure, parse_image_ref, user_failure
from netsim.versions import EngineProfile

__all__ = ["attached_output", "check_start", "content_trust", "create", "foreground_probe",
           "run", "run_error", "start_failure"]


def run_error(profile: EngineProfile, command: str, text: str, *,
              with_help: bool = True) -> str:
    """How ``docker run``/``create`` print an error (:attr:`EngineProfile.cli_run_error_see_help`:
    v26.1.5:cli/command/container/run.go:295-301 reportError, no help line for a start
    failure; from v28.0.0 a blank line and the ``Run … for more information`` line)."""
    if profile.cli_run_error_see_help:
        line = f"docker: {text.removesuffix('.')}."
        return f"{line}\nSee 'docker {command} --help'." if with_help else line
    return f"docker: {text}\n\nRun 'docker {command} --help' for more information"


def run(session: Session, p: ParsedCommand, host: str, out: Output) -> None:
    """``docker run``: create, then start (attached unless ``-d``)."""
    create(session, p, host, out, start=True)


def content_trust(session: Session, p: ParsedCommand, image: str, out: Output) -> bool:
    """``--disable-content-trust=false`` on a CLI that has Docker Content Trust (≤ 28.x): the
    CLI first asks the image's notary server for the tag (image.TrustedReference). netsim's
    internet answers HTTPS with plain HTTP (README "Where netsim simplifies"), so the TLS
    handshake fails; for a docker.io image a 28.5 CLI warns about DCT's retirement first
    (v28.5.2:cli/trust/trust.go:111-125, :245; EngineProfile.cli_dct_retirement_warning).
    Measured: conformance/recorded/28.5, 40-cli-unknown-commands-flags. True when it stopped
    the command."""
    if not session.profile.cli_content_trust or p.get("disable-content-trust") != "false":
        return False
    try:
        ref = parse_image_ref(image)
    except ValueError:
        return False
    if ref.digest and not ref.tag_explicit:
        return False  # only a tagged reference is resolved through notary
    if ref.registry == "docker.io" and session.profile.cli_dct_retirement_warning:
        out.stderr.append("WARNING: Docker is retiring DCT for Docker Official Images (DOI).\n"
                          "         For details, refer to https://docs.docker.com/go/"
                          "dct-deprecation/\n\n")
    text = ("Error: error contacting notary server: tls: first record does not look like a TLS "
            "handshake")
    if p.command == "run":
        out.err(run_error(session.profile, "run", text), 125)
    else:
        out.err(text, 1)
    return True


def create(session: Session, p: ParsedCommand, host: str, out: Output, *,
           start: bool = False) -> None:
    """``docker create`` (``start``: ``docker run``): the container spec from the command
    line, the CLI's warnings and checks, then the daemon's create (and start)."""
    profile = session.profile
    try:
        spec = container_spec(p, endpoint_check=string_addresses(session, host),
                              profile=profile)
    except DockerCliError as err:
        _reference_error(session, p.args[0] if p.args else "", err)
        raise
    dns = spec.HostConfig.Dns
    dns_warning = _localhost_dns_warning(profile, dns) if dns else ""
    if dns_warning and profile.cli_localhost_dns_warning == "before_create":
        out.err(f"WARNING: {dns_warning}")
    cfg = spec.Config
    if content_trust(session, p, cfg.Image, out):
        return
    if not _pulled(session, host, cfg.Image, out):
        return
    detach = p.get("detach") == "true"  # client-side: run -d does not attach
    op = build(ContainerCreate, host=host, op="run" if start else "create", container=spec)
    before = session.engine.last_created
    try:
        info = image_info(session, host, cfg.Image)
    except ValueError:
        info = None
    if start:
        failure = _start_failure(session, info, cfg)
        if failure is not None:  # created, then the start fails: the container stays Created
            created_only = session.engine.execute(op.model_copy(update={"op": "create"}))
            made_c = (session.engine.container(host, created_only.id) if created_only.id
                      else None)
            if made_c is not None:
                session.record_operation(op.model_copy(update={
                    "op": "create", "container": spec.model_copy(update={"name": made_c.name})}))
                if detach:  # run -d prints the ID before the start (run.go)
                    out.out(made_c.id)
                if p.get("rm") == "true":  # AutoRemove: the daemon removes it again
                    session.apply_operation(ContainerRemove(host=host, container=made_c.name,
                                                            force=True))
                failure.at_start = True
            raise failure
    probe_argv = foreground_probe(spec, info) if start and not detach else None
    session.engine.hold_foreground = probe_argv is not None
    try:
        outcome = session.engine.execute(op)
    except DaemonError as err:
        cid = session.engine.last_created
        created = session.engine.container(host, cid) if cid and cid != before else None
        err.at_start = bool(cid and cid != before)  # made, then the start failed (--rm: gone)
        if created is not None:  # created, but the start failed: a created container remains
            named = spec.model_copy(update={"name": created.name})
            session.record_operation(op.model_copy(update={"op": "create", "container": named}))
            if detach:  # run -d prints the ID before the start (run.go:161-212)
                out.out(created.id)
        raise
    finally:
        session.engine.hold_foreground = False
    for w in outcome.warnings:
        out.err(f"WARNING: {w}")
    if dns_warning and profile.cli_localhost_dns_warning == "after_create":
        out.err(f"WARNING: {dns_warning}")  # appended to the daemon's warnings (create.go)
    made = session.engine.container(host, outcome.id) if outcome.id else None
    if made is not None:  # record generated names so that a replay gives the same
        session.record_operation(op if spec.name == made.name else
            op.model_copy(update={"container": spec.model_copy(update={"name": made.name})}))
    else:
        session.engine.tick()
    if not start or detach:
        out.out(outcome.id or "")
        return
    if probe_argv is not None and made is not None and made.running:
        # attached to a command netsim simulates: it runs in the started container, prints,
        # and its status is the container's exit status (and docker run's)
        probe_into(out, session, f"{host}/{made.name}", probe_argv)
        session.engine.execute(ContainerStop(host=host, container=made.name, exit_code=out.code))
        return
    if outcome.exit_code is not None:  # attached: its output, then its exit status
        attached_output(out, spec, outcome.exit_code, outcome.stderr)
    elif made is not None and made.running and (cfg.OpenStdin or cfg.Tty):
        session.open_shell(Shell(host=host, container=made.name, main_process=True,
                                 program=main_program(session, made)))


_LOCALHOST_DNS_26 = re.compile(r"((127\.([0-9]{1,3}\.){2}[0-9]{1,3})|(::1)$)")


def _localhost_dns_warning(profile: EngineProfile, dns: Sequence[str]) -> str:
    """The CLI's warning for the first loopback ``--dns`` (EngineProfile.
    cli_localhost_dns_warning): ≤ 26.x matches docker/cli's ``ipLocalhost`` regexp anywhere in
    the text (v26.1.5:cli/command/container/create.go:293-312), 28.x parses it (netip
    ``IsLoopback``, printed canonical: v28.5.2:cli/command/container/create.go:401-409)."""
    if not profile.cli_localhost_dns_warning:
        return ""
    for text in dns:
        if profile.cli_localhost_dns_warning == "before_create":
            if _LOCALHOST_DNS_26.search(text):
                return f"Localhost DNS setting (--dns={text}) may fail in containers."
            continue
        try:
            addr = ipaddress.ip_address(text)
        except ValueError:
            continue
        if addr.is_loopback:
            return f"Localhost DNS ({addr}) may fail in containers."
    return ""


def _pulled(session: Session, host: str, image: str, out: Output) -> bool:
    """An image of a registry on the network that the daemon does not have: the CLI's
    "Unable to find image" and the pull (on stderr), as docker run and create do
    (cli/command/container/create.go pullImage); a DaemonError when the pull fails. False:
    netsim does not simulate that pull (its note printed)."""
    if not wants_registry(image) or session.engine.find_image(host, image) is not None:
        return True
    out.err(f"Unable to find image '{parse_image_ref(image).familiar_tagged}' locally")
    try:
        pull_into(session, host, parse_image_ref(image), out, progress_to_stderr=True)
    except NotSimulated as err:
        out.err(f"netsim: pulling from {err} is not simulated", NOT_SIMULATED)
        return False
    return True


def _reference_error(session: Session, image: str, err: DockerCliError) -> None:
    """The image reference refused for capitals in the older words when this CLI vendors them
    (EngineProfile.reference_error_names_repository)."""
    from netsim.images import uppercase_error, uppercase_repository

    remote = uppercase_repository(image)
    if (remote is not None and not session.profile.reference_error_names_repository
            and err.text == uppercase_error(remote)):
        raise DockerCliError(uppercase_error(remote, named=False), exit_code=err.exit_code)


def attached_output(out: Output, spec: ContainerSpec, exit_code: int, stderr: str) -> None:
    """An attached container whose main process ended at once (run, start -a): what netsim
    knows it printed, and its exit status as the command's."""
    out.code = exit_code
    cmd = spec.Config.Cmd
    if cmd and cmd[0] == "echo":
        # -t: the container's pseudo-terminal (ONLCR) ends each line in \r\n
        out.out(" ".join(cmd[1:]) + ("\r\n" if spec.Config.Tty else ""))
    if stderr:  # e.g. a server that could not bind its port (engine._early_exit)
        out.err(stderr.rstrip("\n"), exit_code)


def foreground_probe(spec: ContainerSpec, info: ImageInfo | None = None) -> list[str] | None:
    """The command of a foreground ``docker run`` when netsim simulates it (a probe such as
    ``ping -c 1 web``, ``wget -qO- web``, ``sh -c '…'``) and it ends by itself; else None
    (``info``: the image's facts when the daemon built it; else the catalogue's)."""
    from netsim.images import default_command_runs, effective_argv, lookup
    from netsim.probes import simulates

    cfg = spec.Config
    if not cfg.Cmd or cfg.OpenStdin or cfg.Tty:
        return None
    if info is None:
        try:
            info = lookup(cfg.Image)
        except ValueError:
            return None
    if info is None:
        return None
    argv = list(effective_argv(info, cfg.Cmd, entrypoint=cfg.Entrypoint))
    if not argv or not simulates(argv):
        return None
    if default_command_runs(info, cfg.Cmd, False, False, entrypoint=cfg.Entrypoint):
        return None  # e.g. ping without -c: it would never end
    return argv


def start_failure(session: Session, info: ImageInfo | None, argv: Sequence[str],
                  user: str = "") -> DaemonError | None:
    """Why the daemon cannot start the container, when netsim knows the image's files: a
    ``-u`` name (Config.User) its /etc/passwd lacks (``unable to find user …``), or a program
    it does not have (the runtime's ``failed to create task for container: …``)."""
    refused = user_failure(info, user)
    if refused is not None:
        return DaemonError(refused, status=500)
    if not argv:
        return None
    failure = exec_failure(info, argv[0])
    if failure is None:
        return None
    return runc_start_error(session.profile, argv[0], failure[1])


def _start_failure(session: Session, info: ImageInfo | None,
                   cfg: ContainerConfig) -> DaemonError | None:
    """:func:`start_failure` of a container of ``cfg`` made from the image ``info`` tells.
    Remembered when there is none (10,000 ``docker run nginx`` ask the same): that answer
    depends on the facts, immutable, and on cfg's Cmd, Entrypoint and User alone (the
    profile words only a failure); the memo's key is the facts' id and those fields, the
    facts kept with it, so their id is not reused while it is."""
    if info is None:
        return None  # netsim does not know the image's files: nothing refuses
    key = (id(info), cfg.Cmd, cfg.Entrypoint, cfg.User)
    if _STARTS.get(key) is info:
        return None
    failure = start_failure(session, info, effective_argv(
        info, cfg.Cmd, entrypoint=cfg.Entrypoint), cfg.User)
    if failure is None:
        if len(_STARTS) >= MEMO_ENTRIES:
            _STARTS.clear()
        _STARTS[key] = info
    return failure


#: the facts of the images, by their id and a container's Cmd, Entrypoint and User, that
#: start such a container (:func:`_start_failure`)
_STARTS: dict[tuple[int, tuple[str, ...], tuple[str, ...] | None, str], ImageInfo] = {}


def check_start(session: Session, host: str, ref: str) -> None:
    """Raise the daemon's error when the container cannot start for its image's files (its
    ``-u`` user or its program is missing: :func:`start_failure`); the container stays
    Created."""
    from netsim.images import container_image

    try:
        c = find_container(session, host, ref)
    except DaemonError:
        return  # the engine says "No such container"
    if c.running:
        return
    failure = _start_failure(session, container_image(session.state, c), c.spec.Config)
    if failure is not None:
        raise failure
