"""A lab: Docker hosts you type commands at, one at a time, as in a terminal or a notebook.

>>> lab = Lab()
>>> print(lab.docker("network create mybridge").exit_code)
0
>>> lab.docker("run -d --name web --network mybridge nginx").exit_code
0
>>> str(lab.state.container("web").endpoints[0].ipv4)
'172.18.0.2/16'

The lab joins the pieces at the edge of the core: it reads command lines
(:mod:`netsim.io.dockerargs`, :mod:`netsim.io.dockercmd`), asks the engine
(:mod:`netsim.engine`) and prints what the docker CLI prints (:mod:`netsim.render.dockertext`).
It never prints itself: every command gives back a :class:`Step`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import ipaddress
import json
import random
import re
import shlex
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from netsim import versions
from netsim.engine import Engine, runc_start_error
from netsim.errors import DaemonError, DockerCliError, DockerError, InputError, ScriptError
from netsim.io.dockerargs import (
    COMMANDS,
    DaemonInfo,
    ParsedCommand,
    UnsupportedCommandError,
    go_int,
    parse_docker_argv,
)
from netsim.io.dockercmd import (
    EndpointCheck,
    container_spec,
    network_connect,
    network_create,
    split_values,
)
from netsim.io.script import Directive, ScriptLine, parse_script
from netsim.model import (
    ContainerCreate,
    ContainerPause,
    ContainerPrune,
    ContainerRemove,
    ContainerRename,
    ContainerRestart,
    ContainerSpec,
    ContainerStart,
    ContainerStop,
    EndpointConfig,
    Expect,
    Host,
    ImageDecl,
    Lan,
    NetworkConnect,
    NetworkCreate,
    NetworkDisconnect,
    NetworkPrune,
    NetworkRemove,
    Operation,
    Scenario,
    SwarmInit,
    SwarmJoin,
    SwarmLeave,
)
from netsim.render import dockertext
from netsim.render.notebook import Flow, register
from netsim.state import ContainerState, State
from netsim.versions import DEFAULT_PROFILE, PROFILES, EngineProfile

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from netsim.check import CheckResult
    from netsim.probes import Packages

__all__ = ["Lab", "Step", "describe", "run_scenario", "run_script"]

NOT_SIMULATED = 126
#: the clients of a TCP/UDP service (what a paused server leaves hanging: _probe_into)
_APP_CLIENT = re.compile(r"(?<![\w.-])(curl|wget|nc|ncat|netcat|telnet)(?![\w.-])")


@dataclass(frozen=True)
class Step:
    """One command and what the terminal shows for it."""

    line: int
    host: str
    command: str
    exit_code: int
    stdout: str = ""
    stderr: str = ""
    #: where the command ran: a Docker host, or ``container:<name>`` inside a shell
    where: str = ""
    #: the multi-address DNS answers the embedded DNS shuffled during the command, each as
    #: (address, the names that address answers to in reverse) pairs: which one a program
    #: picks is random in Docker too (the conformance comparison treats them as one)
    shuffled: tuple[tuple[tuple[str, tuple[str, ...]], ...], ...] = ()

    def __str__(self) -> str:
        return self.stdout + self.stderr

    def _repr_html_(self) -> str:
        from html import escape

        colour = "#070" if self.exit_code == 0 else "#a00"
        return (
            f"<pre><b>$ {escape(self.command)}</b>\n{escape(self.stdout)}"
            f"<span style='color:#a00'>{escape(self.stderr)}</span>"
            f"<span style='color:{colour}'>[exit {self.exit_code}]</span></pre>"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "line": self.line,
            "host": self.host,
            "command": self.command,
            "exit_code": self.exit_code,
            "stdout": self.stdout,
            "stderr": self.stderr,
        }


@dataclass
class _Shell:
    """A shell a script types into (``docker run -it``, ``attach``, ``exec -it``)."""

    host: str
    container: str  # container name
    main_process: bool  # exit stops the container (run -it / attach) or not (exec)
    program: str = "sh"  # the shell as started (/bin/bash, sh …): its error messages say so
    lines: int = 0  # lines typed so far (dash numbers its messages by them)


@dataclass
class _Out:
    stdout: list[str] = field(default_factory=list)
    stderr: list[str] = field(default_factory=list)
    code: int = 0

    def out(self, text: str) -> None:
        self.stdout.append(text if text.endswith("\n") else text + "\n")

    def err(self, text: str, code: int | None = None) -> None:
        self.stderr.append(text if text.endswith("\n") else text + "\n")
        if code is not None:
            self.code = code


_SUBST = re.compile(r"\$\((?P<cmd>docker\s[^()]*)\)")


class _ShuffleLog(random.Random):
    """The embedded DNS's random stream, noting each multi-address answer it shuffles."""

    def __init__(self, seed: int) -> None:
        super().__init__(seed)
        self.groups: list[tuple[str, ...]] = []

    def shuffle(self, x: Any) -> None:
        if len(x) > 1:
            self.groups.append(tuple(sorted(str(a) for a in x)))
        super().shuffle(x)

    def take(self) -> list[tuple[str, ...]]:
        out, self.groups = self.groups, []
        return out


class Lab:
    """Docker hosts that take docker commands one at a time and keep the resulting state."""

    def __init__(
        self,
        *,
        hosts: Sequence[Host] = (),
        lan: Lan | None = None,
        images: Iterable[ImageDecl] = (),
        seed: int = 0,
        profile: EngineProfile | str = DEFAULT_PROFILE,
    ) -> None:
        """``profile`` is the Docker Engine modelled: a profile or its version (``"28.5"``,
        :func:`netsim.versions.profile`); InputError for one netsim does not model."""
        self.engine = Engine(
            hosts=hosts, lan=lan, images={d.name: d for d in images}, seed=seed,
            profile=versions.profile(profile, where="profile"),
        )
        self.current_host = self.engine.host_names[0]
        self.shell: _Shell | None = None
        self.steps: list[Step] = []
        self.operations: list[Operation] = []
        self.hosts = tuple(hosts)
        self.lan = self.engine.lan
        self.images = tuple(images)
        self.seed = seed
        #: the shuffles of the embedded DNS: one stream for the whole replay, so that repeated
        #: queries of an alias get fresh orders
        self.dns_rng = _ShuffleLog(seed)
        #: packages installed in containers since they were created, by container ID
        self.packages: dict[str, Packages] = {}
        #: the ``# netsim: expect`` lines met so far, checked where they stand
        self.checks: list[CheckResult] = []

    # ---------------------------------------------------------------- public API

    @property
    def state(self) -> State:
        """The current state of every Docker host."""
        return self.engine.state()

    def docker(self, command: str, *, host: str | None = None, line: int = 0) -> Step:
        """Run one docker command (with or without the leading ``docker``).

        Raises ScriptError when the line cannot be split into words (an open quote).
        """
        try:
            argv = shlex.split(command)
        except ValueError as err:
            raise ScriptError("command", f"cannot split the command into words: {err}",
                              got=command, accepted="a shell command line") from None
        if not argv or argv[0] != "docker":
            argv = ["docker", *argv]
        return self._record(self._docker(argv, host or self.current_host, line,
                                         " ".join(shlex.quote(a) for a in argv)))

    def reach(self, src: str, dst: str, *, port: int | None = None) -> Flow:
        """One flow on the current state (``netsim reach``); in Jupyter it shows the topology
        with the path drawn, green where it goes and red where it stops."""
        from netsim.reach import reach

        return Flow(self.state, reach(self.state, src, dst, port=port))

    def expect(self, text: str) -> CheckResult:
        """Check one expectation now (``alpine1 reaches alpine2``, ``web resolves db``, … the
        forms of ``# netsim: expect``); the result shows as a one-row table."""
        from netsim.check import evaluate, parse_expectation

        words = shlex.split(text)
        return evaluate(self.state, parse_expectation(words, "expect"), 0, rng=self.dns_rng)

    def draw(self, *, highlight: tuple[str, str] | None = None,
             port: int | None = None) -> Figure:
        """The current topology as a matplotlib Figure (``netsim draw``)."""
        from netsim.reach import reach
        from netsim.render.mpl import draw

        trace = (reach(self.state, highlight[0], highlight[1], port=port)
                 if highlight is not None else None)
        return draw(self.state, highlight=trace)

    def scenario(self) -> Scenario:
        """Everything done so far as a native scenario (steps that changed the state)."""
        return Scenario(lan=self.lan, hosts=self.hosts, images=self.images,
                        engine_version=self.engine.profile.name, steps=tuple(self.operations))

    def run_lines(self, lines: Iterable[ScriptLine]) -> list[Step]:
        """Run parsed script lines in order; a failing command does not stop the replay."""
        out = []
        for sl in lines:
            step = self.run_line(sl)
            if step is not None:
                out.append(step)
        return out

    def run_line(self, sl: ScriptLine) -> Step | None:
        if sl.directive is not None:
            self._directive(sl.directive, sl.line)
            return None
        text = sl.text
        prefix_err = "".join(w + "\n" for w in sl.warnings)
        argv = list(sl.argv)
        if _SUBST.search(text):
            argv = self._substitute(text, sl.line)
        if not argv:  # e.g. a substitution that printed nothing: the shell runs nothing
            step = Step(sl.line, self.current_host, text, 0, "", "", self.current_host)
        elif argv[0] == "docker":
            step = self._docker(argv, self.current_host, sl.line, text)
        else:
            step = self._host_line(argv, sl.line, text)
        if prefix_err:
            step = Step(step.line, step.host, step.command, step.exit_code, step.stdout,
                        prefix_err + step.stderr, step.where)
        return self._record(step)

    # ---------------------------------------------------------------- internals

    def _record(self, step: Step) -> Step:
        groups = list(dict.fromkeys(self.dns_rng.take()))
        if groups:
            state = self.state
            step = dataclasses.replace(step, shuffled=tuple(
                tuple((a, _reverse_names(state, a)) for a in g) for g in groups))
        self.steps.append(step)
        return step

    def _substitute(self, text: str, line: int) -> list[str]:
        def repl(m: re.Match[str]) -> str:
            inner = self._docker(shlex.split(m.group("cmd")), self.current_host, line,
                                 m.group("cmd"))
            return " ".join(shlex.quote(w) for w in inner.stdout.split())

        return shlex.split(_SUBST.sub(repl, text), comments=True)

    def _directive(self, d: Directive, line: int) -> None:
        where = f"line {line}"
        if d.kind == "detach":  # Ctrl+P, Ctrl+Q
            self.shell = None
        elif d.kind == "sleep":
            try:
                self.engine.tick(int(d.args[0]))
            except (IndexError, ValueError):
                raise ScriptError(where, "sleep needs a whole number of seconds",
                                  got=" ".join(d.args),
                                  accepted="# netsim: sleep SECONDS") from None
        elif d.kind == "on":
            if not d.args or d.args[0] not in self.engine.host_names:
                raise ScriptError(where, "unknown Docker host", got=" ".join(d.args),
                                  accepted="one of: " + ", ".join(self.engine.host_names))
            self.current_host = d.args[0]
            self.shell = None
        elif d.kind == "image":  # image facts may be declared at any point
            try:
                decl = _image_decl(d)
            except ValueError as err:
                raise ScriptError(where, f"bad 'image' directive: {err}",
                                  got="# netsim: image " + " ".join(d.args),
                                  accepted=_IMAGE_FORM) from None
            self.images = (*self.images, decl)
            self.engine.declare_image(decl)
        elif d.kind in ("host", "lan", "engine"):
            raise ScriptError(where, f"a '{d.kind}' directive must come before the first command",
                              got=f"# netsim: {d.kind} " + " ".join(d.args))
        elif d.kind == "expect":
            self._expect(d, line)
        elif d.kind in ("from", "engine"):
            pass  # read by other parts of netsim (vantage points) or before the run
        else:
            raise ScriptError(where, "unknown netsim directive", got=d.kind,
                              accepted="host, lan, image, on, sleep, detach, expect, engine")

    def _expect(self, d: Directive, line: int) -> None:
        """``# netsim: expect …``: checked now, against the state at this point of the replay."""
        from netsim.check import evaluate, parse_expectation

        try:
            exp = parse_expectation(list(d.args), f"line {line}")
            self.checks.append(evaluate(self.state, exp, line, rng=self.dns_rng))
        except InputError as err:
            raise ScriptError(f"line {line}", err.what, got=err.got,
                              accepted=err.accepted) from None
        # kept for `netsim export` (no clock tick: checking changes nothing)
        self.operations.append(Expect(host=self.current_host, text=shlex.join(d.args)))

    def _host_line(self, argv: list[str], line: int, text: str) -> Step:
        host = self.current_host
        if self.shell is not None:
            sh = self.shell
            where = f"container:{sh.container}"
            if argv and argv[0] == "exit":
                self.shell = None
                code = int(argv[1]) % 256 if len(argv) > 1 and argv[1].isdigit() else 0
                if sh.main_process:  # the shell was the container's main process
                    with contextlib.suppress(DaemonError):
                        self._exec(ContainerStop(host=sh.host, container=sh.container,
                                                 exit_code=code))
                return Step(line, sh.host, text, code, "exit\n", "", where)
            out = _Out()
            sh.lines += 1
            _probe_into(out, self, f"{sh.host}/{sh.container}", argv,
                        shell=(sh.program, sh.lines))
            return Step(line, sh.host, text, out.code, "".join(out.stdout),
                        "".join(out.stderr), where)
        out = _Out()
        _probe_into(out, self, f"@{host}", argv)
        return Step(line, host, text, out.code, "".join(out.stdout), "".join(out.stderr), host)

    def _docker(self, argv: Sequence[str], host: str, line: int, text: str) -> Step:
        out = _Out()
        try:
            # the CLI negotiates the daemon's API version (isSupported reads it)
            daemon = DaemonInfo(api_version=self.engine.profile.api_version)
            parsed = parse_docker_argv(list(argv[1:]), daemon=daemon, profile=self.engine.profile)
        except UnsupportedCommandError as err:
            out.err(f"netsim: {err.what}", NOT_SIMULATED)
            return Step(line, host, text, out.code, "", "".join(out.stderr), host)
        except DockerCliError as err:
            out.err(err.text + "\n", err.exit_code)  # the CLI's Fprintln(stderr, err)
            return Step(line, host, text, out.code, "", "".join(out.stderr), host)
        for i, w in enumerate(parsed.warnings):  # flag deprecations: the global options' on
            if i < parsed.stderr_warnings:        # stderr, the command's on stdout
                out.err(w)
            else:
                out.out(w)
        if parsed.log_warnings:  # logrus's text format, stderr not a terminal
            from netsim.render.inspect import timestamp

            when = timestamp(self.engine.clock)
            for msg in parsed.log_warnings:
                out.err(f'time="{when}" level=warning msg="{msg}"')
        target = self._target_host(parsed, out, host)
        if target is None:
            return Step(line, host, text, out.code, "", "".join(out.stderr), host)
        if parsed.help or not parsed.command:
            spec = COMMANDS.get(parsed.command)
            usage = spec.usage if spec is not None else "docker [OPTIONS] COMMAND"
            out.out(f"Usage:  {usage}")
            out.err("netsim: docker's help text is not reproduced")
            return Step(line, target, text, 0, "".join(out.stdout), "".join(out.stderr), target)
        handler = _HANDLERS.get(parsed.command)
        if handler is None:
            out.err(f"netsim: 'docker {parsed.path}' is not simulated", NOT_SIMULATED)
        else:
            try:
                handler(self, parsed, target, out)
            except DockerError as err:
                self._report(parsed, err, out)
        return Step(line, target, text, out.code, "".join(out.stdout), "".join(out.stderr),
                    target)

    def _target_host(self, p: ParsedCommand, out: _Out, default: str) -> str | None:
        """The host ``-H``/``--context`` names: one of netsim's hosts by name (or hostname;
        ``ssh://[user@]NAME``), or the local daemon's socket (``unix:///var/run/docker.sock``).
        A daemon listens on no TCP port (dockerd's default): ``-H tcp://ADDR:PORT`` or a bare
        address is "Cannot connect" (measured: conformance/recorded/28.5, 40-cli-unknown-
        commands-flags), with the address as docker/cli's opts.ParseHost writes it."""
        ref = None
        context = False
        for key, value in p.global_flags:
            if key in ("host", "context"):
                ref, context = value, key == "context"
        if ref is None:
            return default
        state = self.engine.state()

        def host_named(word: str) -> str | None:
            for name in self.engine.host_names:
                if word in (name, state.hosts[name].host.effective_hostname):
                    return name
            return None

        if context:  # a context named after a host (netsim's), or the default one
            found = default if ref == "default" else host_named(ref)
            if found is None:  # cli/context/store/metadatastore.go (root's ~/.docker)
                import hashlib

                digest = hashlib.sha256(ref.encode()).hexdigest()
                out.err(self.engine.profile.cli_missing_context_error.format(
                    name=ref, digest=digest), 1)
            return found

        proto, sep, rest = ref.partition("://")
        if not sep:
            proto, rest = "", ref
        shown = ref
        if proto == "unix":
            if rest in ("/var/run/docker.sock", "/run/docker.sock"):
                return default
        elif proto == "ssh":
            found = host_named(rest.split("@")[-1].split(":")[0].split("/")[0])
            if found is not None:
                return found
        elif proto in ("", "tcp"):
            found = host_named(rest) if proto == "" else None
            if found is not None:  # netsim's way to address another host: -H NAME
                return found
            hostport = rest.split("/")[0]
            if hostport.startswith("["):
                shown = f"tcp://{hostport if ']:' in hostport else hostport + ':2375'}"
            elif ":" in hostport:
                host, _, port = hostport.rpartition(":")
                shown = f"tcp://{host or '127.0.0.1'}:{port or '2375'}"
            else:
                shown = f"tcp://{hostport}:2375"
        out.err(
            f"Cannot connect to the Docker daemon at {shown}. Is the docker daemon running?", 1
        )
        return None

    def _report(self, p: ParsedCommand, err: DockerError, out: _Out) -> None:
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
            out.err(_run_error(self.engine.profile, p.command, text,
                               with_help=not err.at_start), code)
            if (p.command == "run" and err.at_start and p.get("detach") != "true"
                    and p.get("rm") != "true" and self.engine.profile.cli_run_logs_wait_canceled):
                # the wait run.go started, cancelled (EngineProfile.cli_run_logs_wait_canceled)
                from netsim.render.inspect import timestamp

                out.err(f'time="{timestamp(self.engine.clock)}" level=error msg="error waiting '
                        'for container: context canceled"')
        else:
            out.err(text, 1 if daemon else err.exit_code)

    def _exec(self, op: Operation) -> Any:
        """Apply one operation and record it; the clock moves one second per operation."""
        outcome = self.engine.execute(op)
        self._log(op)
        return outcome

    def _log(self, op: Operation) -> None:
        self.operations.append(op)
        self.engine.tick()


# ------------------------------------------------------------------------ command handlers

Handler = Callable[[Lab, ParsedCommand, str, _Out], None]


def _daemon_text(err: DockerError) -> str:
    return f"Error response from daemon: {err.text}" if isinstance(err, DaemonError) else err.text


def _client_text(lab: Lab, err: DockerError, kind: str, ref: str) -> str:
    """An error of a client call the moby client ≤ 20.10 wraps: a 404 reads ``Error: No such
    KIND: REF`` (REF as passed; EngineProfile.client_not_found_wrapped)."""
    if (lab.engine.profile.client_not_found_wrapped and isinstance(err, DaemonError)
            and err.status == 404):
        return f"Error: No such {kind}: {ref}"
    return _daemon_text(err)


def _inspected(lab: Lab, host: str, ref: str) -> ContainerState:
    """The container a CLI command inspects first (ContainerInspect): a 404 in the client's
    words (:func:`_client_text`)."""
    try:
        return _container(lab, host, ref)
    except DaemonError as err:
        if lab.engine.profile.client_not_found_wrapped and err.status == 404:
            raise DockerCliError(_client_text(lab, err, "container", ref)) from None
        raise


def _each(out: _Out, refs: Sequence[str], fn: Callable[[str], None], *,
          wrap: Callable[[str, DockerError], str] = lambda ref, e: _daemon_text(e),
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


def _network_create(lab: Lab, p: ParsedCommand, host: str, out: _Out) -> None:
    profile = lab.engine.profile
    outcome = lab._exec(network_create(
        p, host=host, string_addresses=not profile.cli_parses_addresses,
        range_must_be_cidr=profile.cli_ip_range_must_be_cidr,
        ipam_validated=profile.ipam_config_validated))
    out.out(outcome.id)


def _network_rm(lab: Lab, p: ParsedCommand, host: str, out: _Out) -> None:
    """Errors print as they happen; any failure adds ``exit status 1`` (network/remove.go)."""
    from netsim.render import inspect as render_inspect

    force = p.get("force") == "true"
    failed = False
    for ref in p.args:
        try:
            ingress = bool(render_inspect.network(lab.state, host, ref).get("Ingress"))
        except (KeyError, DockerError):
            ingress = False
        if ingress:
            # the routing-mesh warning, then no answer (a script has no terminal): skipped
            # (v28.5.2:cli/command/network/remove.go, internal/prompt/prompt.go Confirm;
            # v20.10.24:cli/command/utils.go PromptForConfirmation), even with --force
            out.stdout.append(
                "WARNING! Before removing the routing-mesh network, make sure all the nodes in "
                "your swarm run the same docker engine version. Otherwise, removal may not be "
                "effective and functionality of newly create ingress networks will be impaired."
                "\nAre you sure you want to continue? [y/N] ")
            continue
        try:
            lab._exec(NetworkRemove(host=host, name=ref, force=force))
            out.out(ref)
        except DaemonError as err:
            if force and err.status == 404:
                continue
            out.err(_client_text(lab, err, "network", ref))
            failed = True
    if failed:  # EngineProfile.cli_network_rm_exit_status_line
        if lab.engine.profile.cli_network_rm_exit_status_line:
            out.err("exit status 1", 1)
        else:
            out.code = 1


def _network_prune(lab: Lab, p: ParsedCommand, host: str, out: _Out) -> None:
    if p.get("force") != "true":
        # the prompt, then no answer (a script has no terminal): cancelled, exit 0
        out.stdout.append("WARNING! This will remove all custom networks not used by at least "
                          "one container.\nAre you sure you want to continue? [y/N] ")
        return
    outcome = lab._exec(NetworkPrune(host=host))
    if outcome.names:
        # cli/command/network/prune.go: Fprintln of a text that already ends in "\n" (a blank
        # line after the names, on every version)
        out.stdout.append("Deleted Networks:\n" + "".join(n + "\n" for n in outcome.names)
                          + "\n")


def _network_connect(lab: Lab, p: ParsedCommand, host: str, out: _Out) -> None:
    lab._exec(network_connect(p, host=host, endpoint_check=_string_addresses(lab, host)))


def _network_disconnect(lab: Lab, p: ParsedCommand, host: str, out: _Out) -> None:
    lab._exec(NetworkDisconnect(host=host, network=p.args[0], container=p.args[1],
                                force=p.get("force") == "true"))


def _network_ls(lab: Lab, p: ParsedCommand, host: str, out: _Out) -> None:
    _listing(out, lambda: dockertext.network_ls(
        lab.state, host, quiet=p.get("quiet") == "true", no_trunc=p.get("no-trunc") == "true",
        filters=p.get_all("filter"), fmt=p.get("format") or None))


def _network_inspect(lab: Lab, p: ParsedCommand, host: str, out: _Out) -> None:
    from netsim.render import inspect as render_inspect

    state = lab.state

    def get(ref: str) -> dict[str, Any]:
        try:
            return render_inspect.network(state, host, ref)
        except KeyError:
            raise _not_found_network(lab, ref) from None

    _inspect_refs(p.args, p.get("format"), get, out)


def _not_found_network(lab: Lab, ref: str) -> DockerError:
    """NetworkInspect of a network the daemon does not have (:func:`_client_text`)."""
    err = DaemonError(f"network {ref} not found", status=404)
    if lab.engine.profile.client_not_found_wrapped:
        return DockerCliError(_client_text(lab, err, "network", ref))
    return err


def _run_error(profile: EngineProfile, command: str, text: str, *,
               with_help: bool = True) -> str:
    """How ``docker run``/``create`` print an error (:attr:`EngineProfile.cli_run_error_see_help`:
    v26.1.5:cli/command/container/run.go:295-301 reportError, no help line for a start
    failure; from v28.0.0 a blank line and the ``Run … for more information`` line)."""
    if profile.cli_run_error_see_help:
        line = f"docker: {text.removesuffix('.')}."
        return f"{line}\nSee 'docker {command} --help'." if with_help else line
    return f"docker: {text}\n\nRun 'docker {command} --help' for more information"


def _run(lab: Lab, p: ParsedCommand, host: str, out: _Out) -> None:
    _create(lab, p, host, out, start=True)


def _content_trust(lab: Lab, p: ParsedCommand, image: str, out: _Out) -> bool:
    """``--disable-content-trust=false`` on a CLI that has Docker Content Trust (≤ 28.x): the
    CLI first asks the image's notary server for the tag (image.TrustedReference). netsim's
    internet answers HTTPS with plain HTTP (README "Where netsim simplifies"), so the TLS
    handshake fails; for a docker.io image a 28.5 CLI warns about DCT's retirement first
    (v28.5.2:cli/trust/trust.go:111-125, :245; EngineProfile.cli_dct_retirement_warning).
    Measured: conformance/recorded/28.5, 40-cli-unknown-commands-flags. True when it stopped
    the command."""
    from netsim.images import parse_image_ref

    if not lab.engine.profile.cli_content_trust or p.get("disable-content-trust") != "false":
        return False
    try:
        ref = parse_image_ref(image)
    except ValueError:
        return False
    if ref.digest and not ref.tag_explicit:
        return False  # only a tagged reference is resolved through notary
    if ref.registry == "docker.io" and lab.engine.profile.cli_dct_retirement_warning:
        out.stderr.append("WARNING: Docker is retiring DCT for Docker Official Images (DOI).\n"
                          "         For details, refer to https://docs.docker.com/go/"
                          "dct-deprecation/\n\n")
    text = ("Error: error contacting notary server: tls: first record does not look like a TLS "
            "handshake")
    if p.command == "run":
        out.err(_run_error(lab.engine.profile, "run", text), 125)
    else:
        out.err(text, 1)
    return True


def _create(lab: Lab, p: ParsedCommand, host: str, out: _Out, *, start: bool = False) -> None:
    from netsim.images import effective_argv, lookup

    try:
        spec = container_spec(
            p, endpoint_check=_string_addresses(lab, host),
            legacy_ports=lab.engine.profile.cli_legacy_port_spec,
            links_follow_any_network=lab.engine.profile.cli_links_follow_any_network,
            legacy_options_need_network=lab.engine.profile.cli_network_opts_need_network,
            restart_rm_legacy_text=lab.engine.profile.cli_restart_rm_legacy_text)
    except DockerCliError as err:
        _reference_error(lab, p.args[0] if p.args else "", err)
        raise
    dns_warning = _localhost_dns_warning(lab.engine.profile, spec.dns)
    if dns_warning and lab.engine.profile.cli_localhost_dns_warning == "before_create":
        out.err(f"WARNING: {dns_warning}")
    if _content_trust(lab, p, spec.image, out):
        return
    op = ContainerCreate(host=host, op="run" if start else "create", container=spec)
    before = lab.engine.last_created
    if start:
        try:
            info = lookup(spec.image)
        except ValueError:
            info = None
        failure = _start_failure(lab, spec.image, effective_argv(
            info, spec.command, entrypoint=spec.entrypoint), spec.options) \
            if info is not None else None
        if failure is not None:  # created, then the start fails: the container stays Created
            created_only = lab.engine.execute(op.model_copy(update={"op": "create"}))
            made_c = (lab.engine.container(host, created_only.id) if created_only.id
                      else None)
            if made_c is not None:
                lab._log(op.model_copy(update={
                    "op": "create", "container": spec.model_copy(update={"name": made_c.name})}))
                if spec.detach:  # run -d prints the ID before the start (run.go)
                    out.out(made_c.id)
                if p.get("rm") == "true":  # AutoRemove: the daemon removes it again
                    lab._exec(ContainerRemove(host=host, container=made_c.name, force=True))
                failure.at_start = True
            raise failure
    probe_argv = _foreground_probe(spec) if start and not spec.detach else None
    lab.engine.hold_foreground = probe_argv is not None
    try:
        outcome = lab.engine.execute(op)
    except DaemonError as err:
        cid = lab.engine.last_created
        created = lab.engine.container(host, cid) if cid and cid != before else None
        err.at_start = bool(cid and cid != before)  # made, then the start failed (--rm: gone)
        if created is not None:  # created, but the start failed: a created container remains
            named = spec.model_copy(update={"name": created.name})
            lab._log(op.model_copy(update={"op": "create", "container": named}))
            if spec.detach:  # run -d prints the ID before the start (run.go:161-212)
                out.out(created.id)
        raise
    finally:
        lab.engine.hold_foreground = False
    for w in outcome.warnings:
        out.err(f"WARNING: {w}")
    if dns_warning and lab.engine.profile.cli_localhost_dns_warning == "after_create":
        out.err(f"WARNING: {dns_warning}")  # appended to the daemon's warnings (create.go)
    made = lab.engine.container(host, outcome.id) if outcome.id else None
    if made is not None:  # record generated names so that a replay gives the same
        lab._log(
            op.model_copy(update={"container": spec.model_copy(update={"name": made.name})}))
    else:
        lab.engine.tick()
    if not start or spec.detach:
        out.out(outcome.id or "")
        return
    if probe_argv is not None and made is not None and made.running:
        # attached to a command netsim simulates: it runs in the started container, prints,
        # and its status is the container's exit status (and docker run's)
        _probe_into(out, lab, f"{host}/{made.name}", probe_argv)
        lab.engine.execute(ContainerStop(host=host, container=made.name, exit_code=out.code))
        return
    if outcome.exit_code is not None:  # attached: its output, then its exit status
        _attached_output(out, spec, outcome.exit_code, outcome.stderr)
    elif made is not None and made.running and (spec.interactive or spec.tty):
        lab.shell = _Shell(host=host, container=made.name, main_process=True,
                           program=_main_program(made))


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


def _reference_error(lab: Lab, image: str, err: DockerCliError) -> None:
    """The image reference refused for capitals in the older words when this CLI vendors them
    (EngineProfile.reference_error_names_repository)."""
    from netsim.images import uppercase_error, uppercase_repository

    remote = uppercase_repository(image)
    if (remote is not None and not lab.engine.profile.reference_error_names_repository
            and err.text == uppercase_error(remote)):
        raise DockerCliError(uppercase_error(remote, named=False), exit_code=err.exit_code)


def _string_addresses(lab: Lab, host: str) -> EndpointCheck | None:
    """The daemon's validateEndpointSettings for addresses given as strings (docker/cli ≤ 28.x,
    EngineProfile.cli_parses_addresses false): when one does not parse as its family, the
    daemon lists every problem of the endpoint (v28.5.2:daemon/container_operations.go:
    534-607, api/types/network/endpoint.go:86-150): a predefined network refuses addresses,
    then ``invalid IPv4 address: X`` …, then whether the network's configured subnets contain
    them. Valid addresses are left to the engine. Measured: conformance/recorded/28.5,
    39-port-and-cli-errors, 44-, 50-, 53-…"""
    import ipaddress

    profile = lab.engine.profile
    if profile.cli_parses_addresses:
        return None

    def parse(text: str | None, version: int) -> bool:
        if not text:
            return True
        try:
            ip = ipaddress.ip_address(str(text))
        except ValueError:
            return False
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        return ip.version == version and not ip.is_unspecified

    def check(ep: EndpointConfig, connect: bool) -> None:
        if profile.endpoint_settings_checked_at_start:
            _legacy_address_check(lab, host, ep, connect)
            return
        v4 = str(ep.ipv4_address) if ep.ipv4_address else ""
        v6 = str(ep.ipv6_address) if ep.ipv6_address else ""
        llips = [str(a) for a in ep.link_local_ips]
        bad_ll = [a for a in llips if not _parses_as_ip(a)]
        if parse(v4, 4) and parse(v6, 6) and not bad_ll:
            return
        name = "bridge" if ep.network == "default" else ep.network
        nets = list(lab.state.host(host).networks.values())
        found = ([n for n in nets if n.name == name] or [n for n in nets if n.id == name]
                 or [n for n in nets if n.id.startswith(name)])
        net = found[0] if len(found) == 1 else None
        errors: list[str] = []
        predefined = name in ("bridge", "host", "none") if net is None else (
            not net.is_user_defined or net.driver in ("host", "null"))
        if predefined:
            if v4 or v6:
                errors.append("user specified IP address is supported on user defined networks "
                              "only")
            if ep.aliases:
                errors.append(profile.predefined_alias_message)
        if v4 and not parse(v4, 4):
            errors.append(f"invalid IPv4 address: {v4}")
        if v6 and not parse(v6, 6):
            errors.append(f"invalid IPv6 address: {v6}")
        errors += [f"invalid link-local IP address: {a}" for a in bad_ll]
        if net is not None:
            for addr, version in ((v4, 4), (v6, 6)):
                if not addr:
                    continue
                subnets = [s for s in net.subnets if s.subnet.version == version]
                static = [s for s in subnets
                          if s.user_subnet or (net.predefined and net.driver == "bridge")]
                ip = _ip_or_none(addr)
                if static and not any(ip is not None and ip in s.subnet for s in static):
                    errors.append(profile.static_ip_outside_subnet_message.format(ip=addr))
                elif not static:
                    errors.append("user specified IP address is supported only when "
                                  "connecting to networks with user configured subnets")
        listed = errors[0] if len(errors) == 1 else "\n".join(f"* {e}" for e in errors)
        prefix = "" if connect else f"invalid config for network {name}: "
        raise DaemonError(f"{prefix}invalid endpoint settings:\n{listed}", status=400)

    return check


def _legacy_address_check(lab: Lab, host: str, ep: EndpointConfig, connect: bool) -> None:
    """Address strings where the daemon checks endpoints at their set-up (EngineProfile.
    endpoint_settings_checked_at_start, 20.10). ``docker run``/``create``: only that each
    parses as its family (v20.10.24:daemon/create.go:331-361 verifyNetworkingConfig: ``invalid
    IPv4 address: X``; To4 decides the family). ``network connect`` of a running container
    (netsim does the same for a stopped one, which the model cannot keep with an unparsable
    address): validateNetworkingConfig's first refusal (daemon/container_operations.go:
    631-677), then buildCreateEndpointOptions' parsing (daemon/network.go:805-827: ``Invalid
    link-local IP address: [X]``, ``Invalid IPv4 address: X)``), then IPAM, where an address
    of the other family lies in no pool (vendor/github.com/docker/libnetwork/endpoint.go:1154).
    Addresses that parse as their family are left to the engine. Recorded: 20.10,
    44-cli-flag-values-mount-network:33-51, 50-run-create-network-errors:44-46,
    53-network-connect-rm-errors:28-31."""
    import ipaddress

    def go_ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
        if "%" in text:  # net.ParseIP takes no zone
            return None
        try:
            return ipaddress.ip_address(text)
        except ValueError:
            return None

    def is_v4(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:  # To4() != nil
        return ip.version == 4 or (isinstance(ip, ipaddress.IPv6Address)
                                   and ip.ipv4_mapped is not None)

    v4 = str(ep.ipv4_address) if ep.ipv4_address else ""
    v6 = str(ep.ipv6_address) if ep.ipv6_address else ""
    ip4, ip6 = go_ip(v4), go_ip(v6)
    bad4 = bool(v4) and (ip4 is None or not is_v4(ip4))
    bad6 = bool(v6) and (ip6 is None or is_v4(ip6))
    if not connect:
        if bad4:
            raise DaemonError(f"invalid IPv4 address: {v4}")
        if bad6:
            raise DaemonError(f"invalid IPv6 address: {v6}")
        return
    llips = [str(a) for a in ep.link_local_ips]
    bad_ll = any(go_ip(a) is None for a in llips if a)
    if not (bad4 or bad6 or bad_ll):
        return
    nets = list(lab.state.host(host).networks.values())
    name = ep.network
    found = ([n for n in nets if n.name == name] or [n for n in nets if n.id == name]
             or [n for n in nets if n.id.startswith(name)])
    net = found[0] if len(found) == 1 else None
    if net is None:
        return  # the engine says the network is missing
    if not net.is_user_defined or net.driver in ("host", "null"):
        if v4 or v6:
            raise DaemonError("user specified IP address is supported on user defined networks "
                              "only", status=400)
        if ep.aliases:
            raise DaemonError(lab.engine.profile.predefined_alias_message, status=400)
    for addr, version in ((v4, 4), (v6, 6)):
        if addr and not any(s.user_subnet for s in net.subnets if s.subnet.version == version):
            raise DaemonError("user specified IP address is supported only when connecting to "
                              "networks with user configured subnets", status=400)
    if bad_ll:
        raise DaemonError(f"Invalid link-local IP address: [{' '.join(llips)}]")
    if v4 and ip4 is None:
        raise DaemonError(f"Invalid IPv4 address: {v4})")
    if v6 and ip6 is None:
        raise DaemonError(f"Invalid IPv6 address: {v6})")
    for ip in (ip4 if bad4 else None, ip6 if bad6 else None):
        if ip is not None:
            raise DaemonError(f"Invalid address {ip}: It does not belong to any of this "
                              "network's subnets", status=400)


def _parses_as_ip(text: str) -> bool:
    ip = _ip_or_none(text)
    return ip is not None and not ip.is_unspecified


def _ip_or_none(text: str) -> Any:
    import ipaddress

    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _reverse_names(state: State, address: str) -> tuple[str, ...]:
    """``NAME.NETWORK`` of each running container holding ``address`` (the embedded DNS's PTR
    answers), with the container's hostname: what a tool may print for it."""
    names: list[str] = []
    for hs in state.hosts.values():
        for c in hs.containers.values():
            for e in c.endpoints:
                if e.ipv4 is not None and str(e.ipv4.ip) == address:
                    names += [f"{c.name}.{e.network}", c.name]
    return tuple(dict.fromkeys(names))


def _attached_output(out: _Out, spec: ContainerSpec, exit_code: int, stderr: str) -> None:
    """An attached container whose main process ended at once (run, start -a): what netsim
    knows it printed, and its exit status as the command's."""
    out.code = exit_code
    if spec.command and spec.command[0] == "echo":
        # -t: the container's pseudo-terminal (ONLCR) ends each line in \r\n
        out.out(" ".join(spec.command[1:]) + ("\r\n" if spec.tty else ""))
    if stderr:  # e.g. a server that could not bind its port (engine._early_exit)
        out.err(stderr.rstrip("\n"), exit_code)


def _foreground_probe(spec: ContainerSpec) -> list[str] | None:
    """The command of a foreground ``docker run`` when netsim simulates it (a probe such as
    ``ping -c 1 web``, ``wget -qO- web``, ``sh -c '…'``) and it ends by itself; else None."""
    from netsim.images import default_command_runs, effective_argv, lookup
    from netsim.probes import simulates

    if not spec.command or spec.interactive or spec.tty:
        return None
    try:
        info = lookup(spec.image)
    except ValueError:
        return None
    if info is None:
        return None
    argv = list(effective_argv(info, spec.command, entrypoint=spec.entrypoint))
    if not argv or not simulates(argv):
        return None
    if default_command_runs(info, spec.command, False, False, entrypoint=spec.entrypoint):
        return None  # e.g. ping without -c: it would never end
    return argv


def _start(lab: Lab, p: ParsedCommand, host: str, out: _Out) -> None:
    """Errors print as they happen, then ``failed to start containers: …`` (start.go; ≤ 28.x
    ``Error: failed to start containers: …``, EngineProfile.cli_legacy_error_texts)."""
    failed = []
    attach = p.get("attach") == "true"
    for ref in p.args:
        try:
            _check_start(lab, host, ref)
            before = _container(lab, host, ref) if attach else None
            # start -a of a command netsim simulates: it runs attached, as in a foreground
            # docker run (_run), and its status is the container's
            probe_argv = (_foreground_probe(before.spec)
                          if before is not None and not before.running else None)
            lab.engine.hold_foreground = probe_argv is not None
            try:
                outcome = lab._exec(ContainerStart(host=host, container=ref))
            finally:
                lab.engine.hold_foreground = False
            c = _container(lab, host, ref) if attach else None
            if c is None:
                out.out(ref)
            elif probe_argv is not None and c.running:
                _probe_into(out, lab, f"{host}/{c.name}", probe_argv)
                lab.engine.execute(ContainerStop(host=host, container=c.name,
                                                 exit_code=out.code))
            elif outcome.exit_code is not None:
                # start -a: the container's output, then its exit status as the CLI's
                # (cli/command/container/start.go: StatusError{StatusCode: status})
                _attached_output(out, c.spec, outcome.exit_code, outcome.stderr)
        except DaemonError as err:
            if attach:  # start -a returns the daemon's error as it is
                raise
            out.err(_daemon_text(err))
            failed.append(ref)
    if failed:
        prefix = "Error: " if lab.engine.profile.cli_legacy_error_texts else ""
        out.err(f"{prefix}failed to start containers: " + ", ".join(failed), 1)


def _start_failure(lab: Lab, image: str, argv: Sequence[str],
                   options: Sequence[tuple[str, str]] = ()) -> DaemonError | None:
    """Why the daemon cannot start the container, when netsim knows the image's files: a
    ``-u`` name its /etc/passwd lacks (``unable to find user …``), or a program it does not
    have (the runtime's ``failed to create task for container: …``)."""
    from netsim.images import exec_failure, lookup, user_failure

    try:
        info = lookup(image)
    except ValueError:
        return None
    users = [v for k, v in options if k == "user"]
    refused = user_failure(info, users[-1]) if users else None
    if refused is not None:
        return DaemonError(refused, status=500)
    if not argv:
        return None
    failure = exec_failure(info, argv[0])
    if failure is None:
        return None
    return runc_start_error(lab.engine.profile, argv[0], failure[1])


def _check_start(lab: Lab, host: str, ref: str) -> None:
    """Raise the daemon's error when the container cannot start for its image's files (its
    ``-u`` user or its program is missing: :func:`_start_failure`); the container stays
    Created."""
    from netsim.images import effective_argv, lookup

    try:
        c = _container(lab, host, ref)
    except DaemonError:
        return  # the engine says "No such container"
    if c.running:
        return
    try:
        info = lookup(c.spec.image)
    except ValueError:
        return
    failure = _start_failure(lab, c.spec.image, effective_argv(
        info, c.spec.command, entrypoint=c.spec.entrypoint), c.spec.options)
    if failure is not None:
        raise failure


def _stop(lab: Lab, p: ParsedCommand, host: str, out: _Out) -> None:
    signal = p.get("signal") or None
    _each(out, p.args, lambda ref: lab._exec(ContainerStop(host=host, container=ref,
                                                           signal=signal)))


def _kill(lab: Lab, p: ParsedCommand, host: str, out: _Out) -> None:
    """container_routes.go:293: ``cannot kill container: NAME: …`` (EngineProfile.
    kill_error_prefix); not running is an error."""
    def kill(ref: str) -> None:
        c = _container(lab, host, ref)
        if not c.running:
            raise DaemonError(lab.engine.profile.not_running_message.format(id=c.id), status=409)
        # docker kill sends SIGKILL unless -s says otherwise (engine: what the signal does)
        lab._exec(ContainerStop(host=host, container=ref, signal=p.get("signal") or "KILL",
                                kill=True))

    _each(out, p.args, kill,
          wrap=lambda ref, e: "Error response from daemon: "
          f"{lab.engine.profile.kill_error_prefix}: {ref}: {e.text}")


def _restart(lab: Lab, p: ParsedCommand, host: str, out: _Out) -> None:
    def wrap(ref: str, e: DockerError) -> str:
        if e.text.startswith("No such container"):
            return _daemon_text(e)
        return f"Error response from daemon: Cannot restart container {ref}: {e.text}"

    def restart(ref: str) -> None:
        _check_start(lab, host, ref)
        lab._exec(ContainerRestart(host=host, container=ref))

    _each(out, p.args, restart, wrap=wrap)


def _rm(lab: Lab, p: ParsedCommand, host: str, out: _Out) -> None:
    force = p.get("force") == "true"
    link = p.get("link") == "true"
    _each(out, p.args,
          lambda ref: lab._exec(ContainerRemove(host=host, container=ref, force=force,
                                                link=link)),
          wrap=lambda ref, e: _client_text(lab, e, "container", ref), ignore_missing=force)


_VALID_CONTAINER_NAME = re.compile(r"[a-zA-Z0-9][a-zA-Z0-9_.-]+")


def _rename(lab: Lab, p: ParsedCommand, host: str, out: _Out) -> None:
    """cli/command/container/rename.go; the daemon's checks (daemon/rename.go, names.go:63).

    docker/cli ≤ 28.x trims both names, refuses an empty one itself (``Error: Neither old nor
    new names may be empty``) and prints the daemon's error, then ``Error: failed to rename
    container named OLD`` (measured: conformance/recorded/28.5, 39-, 52-…); 29.x wraps it:
    ``failed to rename container: Error response from daemon: …``."""
    legacy = lab.engine.profile.cli_legacy_error_texts
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
        c = _container(lab, host, old)
        bare = new.removeprefix("/")
        if bare != c.name and not _VALID_CONTAINER_NAME.fullmatch(bare):
            raise DaemonError("Error when allocating new name: Invalid container name "
                              f"(/{bare}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed", status=400)
        lab._exec(ContainerRename(host=host, container=old, new_name=bare))
    except DaemonError as err:
        text = err.text
        if text.startswith("Conflict."):  # daemon/rename.go:52
            text = f"Error when allocating new name: {text}"
        if legacy:
            out.err(f"Error response from daemon: {text}")
            out.err(f"Error: failed to rename container named {old}", 1)
        else:
            out.err(f"failed to rename container: Error response from daemon: {text}", 1)


def _container_prune(lab: Lab, p: ParsedCommand, host: str, out: _Out) -> None:
    if p.get("force") != "true":
        out.stdout.append("WARNING! This will remove all stopped containers.\n"
                          "Are you sure you want to continue? [y/N] ")
        if lab.engine.profile.cli_prune_cancel_prints_total:
            out.out("Total reclaimed space: 0B")
        return
    outcome = lab._exec(ContainerPrune(host=host))
    if outcome.names:
        out.out("Deleted Containers:\n" + "".join(n + "\n" for n in outcome.names))
    out.out("Total reclaimed space: 0B")


def _ps(lab: Lab, p: ParsedCommand, host: str, out: _Out) -> None:
    quiet = p.get("quiet") == "true"
    if quiet and p.get("format"):
        if lab.engine.profile.cli_ps_quiet_ignores_format:
            out.err("WARNING: Ignoring custom format, because both --format and --quiet are set.")
        else:  # a custom format wins (EngineProfile.cli_ps_quiet_ignores_format); the
            quiet = p.get("format") == "table"  # plain table key is NewContainerFormat's
    last = go_int(p.get("last") or "-1")
    if p.get("latest") == "true" and last == -1:
        last = 1
    _listing(out, lambda: dockertext.ps(
        lab.state, host, all_=p.get("all") == "true", quiet=quiet,
        no_trunc=p.get("no-trunc") == "true", fmt=p.get("format") or None,
        filters=p.get_all("filter"), last=last))


def _listing(out: _Out, make: Callable[[], str]) -> None:
    """A table, or a plain note when it uses a filter or template netsim does not simulate."""
    from netsim.render import gotemplate

    try:
        out.stdout.append(make())
    except dockertext.UnsupportedFilter as err:
        out.err(f"netsim: the filter '{err}' is not simulated", NOT_SIMULATED)
    except gotemplate.UnsupportedTemplate as err:
        out.err(f"netsim: this --format template is not simulated: {err}", NOT_SIMULATED)
    except dockertext.FormatError as err:
        out.err(str(err), 1)


_INSPECT_TYPES = ("config", "container", "image", "network", "node", "plugin", "secret",
                  "service", "task", "volume")


def _inspect(lab: Lab, p: ParsedCommand, host: str, out: _Out) -> None:
    """``docker inspect``: a container first, then a network (cli/command/system/inspect.go)."""
    from netsim.render import inspect as render_inspect

    state = lab.state
    kind = p.get("type") or ""
    if p.command == "container inspect":
        kind = "container"
    if lab.engine.profile.cli_inspect_legacy_type_check:
        # ≤ 28.1: no "config" (EngineProfile.cli_inspect_legacy_type_check)
        if kind not in ("", *(t for t in _INSPECT_TYPES if t != "config")):
            out.err(f'"{kind}" is not a valid value for --type', 1)
            return
    elif kind not in ("", *_INSPECT_TYPES):
        types = '", "'.join(_INSPECT_TYPES)
        out.err(f'unknown type: "{kind}": must be one of "{types}"', 1)
        return
    if kind not in ("", "container", "network"):
        out.err(f'netsim: inspecting objects of type "{kind}" is not simulated', NOT_SIMULATED)
        return
    legacy = lab.engine.profile.cli_legacy_error_texts

    def get(ref: str) -> dict[str, Any]:
        obj = render_inspect.any_object(state, host, ref, kind)
        if obj is not None:
            return obj
        if kind == "container":
            err = DaemonError(f"No such container: {ref}", status=404)
            if lab.engine.profile.client_not_found_wrapped:
                raise DockerCliError(_client_text(lab, err, "container", ref))
            raise err
        if kind == "network":
            raise _not_found_network(lab, ref)
        # v28.5.2 "Error: No such object: x", docker-v29.1.5 "error: no such object: x"
        raise DockerCliError(("Error: No such object: " if legacy else "error: no such object: ")
                             + ref, exit_code=1)

    _inspect_refs(p.args, p.get("format"), get, out)


def _inspect_refs(refs: Sequence[str], fmt: str | None,
                  get: Callable[[str], dict[str, Any]], out: _Out) -> None:
    """cli/command/inspect/inspector.go Inspect: the template is parsed first (an error: exit
    64, nothing on stdout); each object is fetched and printed, its error (not found, or the
    template failing on it) kept; then the output (``[]`` or an empty line when there is none)
    and every error, in order, joined by newlines (exit 1)."""
    from netsim.render import gotemplate

    template = None
    if fmt and fmt != "json":
        try:
            template = gotemplate.parse(fmt)
        except gotemplate.ParseError as err:
            out.err(f"template parsing error: {err}", 64)
            return
        except gotemplate.UnsupportedTemplate as err:
            out.err(f"netsim: this --format template is not simulated: {err}", NOT_SIMULATED)
            return
    found: list[dict[str, Any]] = []
    lines: list[str] = []
    errors: list[str] = []
    for ref in refs:
        try:
            obj = get(ref)
        except DockerError as err:
            errors.append(_daemon_text(err))
            continue
        found.append(obj)
        if template is None:
            continue
        try:
            lines.append(gotemplate.render(template, obj) + "\n")
        except gotemplate.ExecError as err:
            errors.append(f"template parsing error: {err}")
        except gotemplate.UnsupportedTemplate as err:
            out.err(f"netsim: this --format template is not simulated: {err}", NOT_SIMULATED)
            return
    if template is not None:
        out.stdout.append("".join(lines) or "\n")
    elif fmt == "json":  # one compact JSON array (NewJSONInspector)
        out.stdout.append(json.dumps(found, separators=(",", ":"), ensure_ascii=False) + "\n")
    else:
        out.stdout.append(json.dumps(found, indent=4, ensure_ascii=False) + "\n")
    if errors:
        out.err("\n".join(errors), 1)


def _container(lab: Lab, host: str, ref: str) -> ContainerState:
    """A container by ID, name or ID prefix, without building a whole snapshot."""
    return lab.engine.find_container(host, ref)


def _port(lab: Lab, p: ParsedCommand, host: str, out: _Out) -> None:
    c = _inspected(lab, host, p.args[0])
    profile = lab.engine.profile
    text, error = dockertext.port(c, p.args[1] if len(p.args) > 1 else None,
                                  ref=p.args[0], legacy=profile.cli_legacy_error_texts,
                                  brackets=profile.cli_port_brackets_ipv6,
                                  nat_new_port=profile.cli_port_nat_new_port)
    if error:
        out.err(error, 1)
    out.stdout.append(text)


def _exec(lab: Lab, p: ParsedCommand, host: str, out: _Out) -> None:
    # docker/cli inspects the container first (exec.go), then the daemon's checks: running,
    # legacy links still valid (engine.exec_create)
    _inspected(lab, host, p.args[0])
    c = lab.engine.exec_create(host, p.args[0])
    cmd = p.args[1:]
    from netsim.images import lookup, user_failure

    try:
        refused = user_failure(lookup(c.spec.image), p.get("user") or "")
    except ValueError:
        refused = None
    if refused is not None:  # daemon/exec.go: the user is looked up before the runtime
        if lab.engine.profile.exec_user_checked_at_create:
            raise DaemonError(refused, status=500)
        # ≤ 28.1: at the exec's start, so on its stream, exit 126
        # (EngineProfile.exec_user_checked_at_create)
        out.stdout.append(f"{refused}\r\n")
        out.code = 126
        return
    if _exec_failure(lab, c, cmd, p.get("workdir"), out):
        return
    interactive = p.get("interactive") == "true" or p.get("tty") == "true"
    if interactive and cmd and cmd[0].split("/")[-1] in ("sh", "bash", "ash", "zsh"):
        lab.shell = _Shell(host=host, container=c.name, main_process=False, program=cmd[0])
        return
    _probe_into(out, lab, f"{host}/{c.name}", cmd)


def _exec_failure(lab: Lab, c: ContainerState, cmd: Sequence[str], workdir: str | None,
                  out: _Out) -> bool:
    """``docker exec`` of a program the image does not have, or in a directory it does not
    have: runc's error on the exec's stdout (``OCI runtime exec failed: …``, with ``\\r\\n``;
    moby daemon/exec.go), 127 or 126, when netsim knows the image's files. True when it
    failed so."""
    from netsim.images import exec_failure, lookup, missing_directory, runtime_reason

    try:
        info = lookup(c.spec.image)
    except ValueError:
        return False
    suffix = ": unknown" if lab.engine.profile.runtime_errors_end_in_unknown else ""
    head = "OCI runtime exec failed: exec failed: unable to start container process: "
    if workdir and missing_directory(info, workdir):
        out.stdout.append(f'{head}chdir to cwd ("{workdir}") set in config.json failed: no such '
                          f"file or directory{suffix}\r\n")
        out.code = 127 if lab.engine.profile.exec_not_found_127 else 126
        return True
    failure = exec_failure(info, cmd[0]) if cmd else None
    if failure is None:
        return False
    reason = runtime_reason(failure[1], suffix, eisdir=lab.engine.profile.runc_reports_eisdir)
    out.stdout.append(f'{head}exec: "{cmd[0]}": {reason}\r\n')
    # EngineProfile.exec_not_found_127: ≤ 27.x the daemon overwrites every exec failure's code
    out.code = failure[0] if lab.engine.profile.exec_not_found_127 else 126
    return True


def _main_program(c: ContainerState) -> str:
    """The program a container's main process runs (its shell for ``run -it``)."""
    from netsim.images import effective_argv, lookup

    try:
        info = lookup(c.spec.image)
    except ValueError:
        info = None
    argv = effective_argv(info, c.spec.command, entrypoint=c.spec.entrypoint)
    return argv[0] if argv else "sh"


def _probe_into(out: _Out, lab: Lab, where: str, argv: Sequence[str],
                shell: tuple[str, int] | None = None) -> None:
    """Run a probe (ping, curl, ip addr …) at ``where`` and pass its output through; a package
    manager's install is remembered for the container."""
    from netsim.probes import PACKAGE_MANAGERS, Packages, install, probe

    state = lab.state
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
        found = lab.engine.find_container(host, name)
        cid = found.id if found is not None else None
    before = lab.packages.get(cid, Packages()) if cid is not None else Packages()
    if argv and argv[0].rsplit("/", 1)[-1] in PACKAGE_MANAGERS and cid is not None:
        result, after = install(state, where, list(argv), before, rng=lab.dns_rng, shell=shell)
        lab.packages[cid] = after
    else:
        result = probe(state, where, list(argv), seed=lab.seed, rng=lab.dns_rng, shell=shell,
                       installed=before.tools, files=before.files)
        if result.written and cid is not None:  # the container's filesystem keeps them
            lab.packages[cid] = dataclasses.replace(
                before, files=before.files | frozenset(result.written))
    out.stdout.append(result.stdout)
    out.stderr.append(result.stderr)
    out.code = result.exit_code


def _attach(lab: Lab, p: ParsedCommand, host: str, out: _Out) -> None:
    c = _inspected(lab, host, p.args[0])
    if not c.running:  # cli/command/container/attach.go (≤ 28.x: "You cannot attach …")
        text = "cannot attach to a stopped container, start it first"
        if lab.engine.profile.cli_legacy_error_texts:
            text = "You " + text
        out.err(text, 1)
        return
    if c.paused:  # cli/command/container/attach.go (≤ 28.x: "You cannot attach …")
        text = "cannot attach to a paused container, unpause it first"
        if lab.engine.profile.cli_legacy_error_texts:
            text = "You " + text
        out.err(text, 1)
        return
    lab.shell = _Shell(host=host, container=c.name, main_process=True,
                       program=_main_program(c))


def _logs(lab: Lab, p: ParsedCommand, host: str, out: _Out) -> None:
    """What netsim knows a container printed: ``echo``'s words, an entrypoint's refusal."""
    from netsim.images import effective_argv, lookup, unmet_env

    c = _inspected(lab, host, p.args[0])
    if c.spec.command and c.spec.command[0] == "echo":
        out.out(" ".join(c.spec.command[1:]))
    if c.main_stderr:  # what its main process printed before it ended (engine._early_exit)
        out.err(c.main_stderr.rstrip("\n"))
    info = lookup(c.spec.image)
    if info is not None and c.status == "exited" and c.started is not None:
        env = dict(e.partition("=")[::2] for e in c.spec.env)
        argv = effective_argv(info, c.spec.command, entrypoint=c.spec.entrypoint)
        missing = unmet_env(info, argv, env)
        if missing is not None:
            out.err(missing.message)


def _swarm_init(lab: Lab, p: ParsedCommand, host: str, out: _Out) -> None:
    """cli/command/swarm/init.go: the join command, indented four spaces, on one line."""
    import ipaddress

    size = go_int(p.get("default-addr-pool-mask-length") or "24") or 24
    texts = [v.strip() for v in split_values(p.get_all("default-addr-pool"))]
    swarm = lab.state.swarm
    member = (swarm is not None and host in swarm.nodes) or lab.engine.pending_join(host)
    if member:
        texts = []  # daemon/cluster/swarm.go Init: errSwarmExists first (the engine says it)
    else:
        # swarm.go Init resolves the advertise address before it checks the pools
        lab.engine.advertise_address(host, p.get("advertise-addr") or None)
        if not texts and lab.engine.profile.cli_swarm_init_pools_null:
            size = 24  # no pool list: the size is neither checked nor used
    if texts:
        # daemon/cluster/listen_addr.go validateDefaultAddrPool (v28.5.2 and docker-v29.1.5)
        if size > 29:
            raise DaemonError(f"subnet size is out of range: {size}", status=400)
        for text in texts:
            net = ipaddress.ip_network(text, strict=False)
            if size < net.prefixlen:
                raise DaemonError(f'invalid CIDR: "{text}". Subnet size is too small for pool: '
                                  f"{size}", status=400)
    try:
        pools = tuple(ipaddress.IPv4Network(v, strict=False) for v in texts)
    except ValueError:
        out.err("netsim: IPv6 default address pools are not simulated", NOT_SIMULATED)
        return
    op = SwarmInit(host=host, advertise_addr=p.get("advertise-addr") or None,
                   default_addr_pools=pools, default_addr_pool_mask_length=size)
    outcome = lab._exec(op)
    swarm = lab.state.swarm
    assert swarm is not None
    node = swarm.nodes[host]
    out.stdout.append(
        f"Swarm initialized: current node ({outcome.id}) is now a manager.\n\n"
        "To add a worker to this swarm, run the following command:\n\n"
        f"    docker swarm join --token {swarm.worker_token} {node.address}\n\n"
        "To add a manager to this swarm, run 'docker swarm join-token manager' and follow "
        "the instructions.\n" + ("\n" if lab.engine.profile.cli_swarm_init_blank_line else ""))


def _swarm_join(lab: Lab, p: ParsedCommand, host: str, out: _Out) -> None:
    lab._exec(SwarmJoin(host=host, token=p.get("token") or "", remote=p.args[0]))
    swarm = lab.state.swarm
    assert swarm is not None
    out.out(f"This node joined a swarm as a {swarm.nodes[host].role}.")


def _swarm_leave(lab: Lab, p: ParsedCommand, host: str, out: _Out) -> None:
    lab._exec(SwarmLeave(host=host, force=p.get("force") == "true"))
    out.out("Node left the swarm.")


def _swarm_join_token(lab: Lab, p: ParsedCommand, host: str, out: _Out) -> None:
    """cli/command/swarm/join_token.go (manager only)."""
    swarm = lab.state.swarm
    node = swarm.nodes.get(host) if swarm is not None else None
    if lab.engine.pending_join(host):  # a join going on in the background: not a manager
        raise DaemonError(
            "This node is not a swarm manager. Worker nodes can't be used to view or modify "
            "cluster state. Please run this command on a manager node or promote the current "
            "node to a manager.", status=503)
    if swarm is None or node is None:  # daemon/cluster/cluster.go errNoManager
        raise DaemonError('This node is not a swarm manager. Use "docker swarm init" or '
                          '"docker swarm join" to connect this node to swarm and try again.',
                          status=503)
    if node.role != "manager":
        raise DaemonError(
            "This node is not a swarm manager. Worker nodes can't be used to view or modify "
            "cluster state. Please run this command on a manager node or promote the current "
            "node to a manager.", status=503)
    role = p.args[0]
    if role not in ("worker", "manager"):
        raise DockerCliError("unknown role " + role, exit_code=1)
    token = swarm.worker_token if role == "worker" else swarm.manager_token
    if p.get("quiet") == "true":
        out.out(token)
        return
    out.stdout.append(f"To add a {role} to this swarm, run the following command:\n\n"
                      f"    docker swarm join --token {token} {node.address}\n\n")


def _pause(lab: Lab, p: ParsedCommand, host: str, out: _Out) -> None:
    """``docker pause``/``unpause``: each argument as typed, or the daemon's refusal (engine
    _container_pause; cli/command/container/pause.go, unpause.go)."""
    op = "unpause" if p.command == "unpause" else "pause"
    _each(out, p.args, lambda ref: lab._exec(ContainerPause(op=op, host=host, container=ref)))


def _top(lab: Lab, p: ParsedCommand, host: str, out: _Out) -> None:
    """``docker top``: its refusals; the process list of a running container is not simulated."""
    c = _container(lab, host, p.args[0])
    if not c.running:
        raise DaemonError(lab.engine.profile.not_running_message.format(id=c.id), status=409)
    out.err("netsim: 'docker top' of a running container is not simulated", NOT_SIMULATED)


def _pull(lab: Lab, p: ParsedCommand, host: str, out: _Out) -> None:
    """``docker pull``: only Docker Content Trust's refusal (≤ 28.x) is simulated."""
    from netsim.images import parse_image_ref

    image = p.args[0]
    if lab.engine.profile.cli_content_trust and p.get("disable-content-trust") == "false":
        try:
            ref = parse_image_ref(image)
        except ValueError:
            ref = None
        if ref is not None and not ref.tag_explicit and not ref.digest:
            out.out("Using default tag: latest")  # cli/command/image/pull.go
        if _content_trust(lab, p, image, out):
            return
    _noop(lab, p, host, out)


def _noop(lab: Lab, p: ParsedCommand, host: str, out: _Out) -> None:
    out.err(f"netsim: 'docker {p.path}' does not change networking; nothing simulated")


_HANDLERS: dict[str, Handler] = {
    "network create": _network_create,
    "network rm": _network_rm,
    "network prune": _network_prune,
    "network connect": _network_connect,
    "network disconnect": _network_disconnect,
    "network ls": _network_ls,
    "network inspect": _network_inspect,
    "run": _run,
    "create": lambda lab, p, host, out: _create(lab, p, host, out, start=False),
    "start": _start,
    "stop": _stop,
    "kill": _kill,
    "restart": _restart,
    "rm": _rm,
    "rename": _rename,
    "container prune": _container_prune,
    "ps": _ps,
    "inspect": _inspect,
    "container inspect": _inspect,
    "port": _port,
    "exec": _exec,
    "attach": _attach,
    "logs": _logs,
    "swarm init": _swarm_init,
    "swarm join": _swarm_join,
    "swarm leave": _swarm_leave,
    "swarm join-token": _swarm_join_token,
    "pause": _pause,
    "unpause": _pause,
    "top": _top,
    "pull": _pull,
    "images": _noop,
}


# ------------------------------------------------------------------------ whole scripts


_IMAGE_FORM = "# netsim: image NAME [expose=80/tcp,…] [listen=…] [runs=server|shell|exits]"


def _image_decl(d: Directive) -> ImageDecl:
    """``# netsim: image NAME [expose=…] [listen=…] [runs=…]``; ValueError when malformed."""
    if not d.args:
        raise ValueError("an image directive needs the image name")
    bad = [a for a in d.args[1:] if a.partition("=")[0] not in ("expose", "listen", "runs")]
    if bad:
        raise ValueError(f"unknown setting {bad[0]!r}")
    kv = dict(a.split("=", 1) for a in d.args[1:])

    def ports(text: str) -> tuple[str, ...]:
        return tuple(x if "/" in x else f"{x}/tcp" for v in text.split(",") if (x := v.strip()))

    return ImageDecl(
        name=d.args[0],
        expose=ports(kv.get("expose", "")),
        listen=ports(kv["listen"]) if "listen" in kv else None,
        runs=kv.get("runs", "server"),
    )


_FORMS = {
    "host": "# netsim: host NAME [address=IP] [hostname=H] [interface=eth0] [dns=IP,IP] "
            "[nic=physical|veth] [nic_peer=N] [iproute2=6.15|7.3] [apparmor=yes|no] "
            "[cgroup=v1|v2] [thermal_throttle=CPU,CPU]",
    "lan": "# netsim: lan SUBNET [gateway=IP]",
    "image": _IMAGE_FORM,
    "engine": "# netsim: engine VERSION (" + ", ".join(PROFILES) + ")",
}


def setup_from_directives(lines: list[ScriptLine], source: str) -> tuple[
    list[Host], Lan | None, list[ImageDecl], list[ScriptLine], EngineProfile | None
]:
    """Read the leading ``host``/``lan``/``image``/``engine`` directives (the engine: None
    when the script names none)."""
    hosts: list[Host] = []
    lan: Lan | None = None
    images: list[ImageDecl] = []
    engine: EngineProfile | None = None
    rest: list[ScriptLine] = []
    started = False
    for sl in lines:
        d = sl.directive
        if started or d is None or d.kind not in ("host", "lan", "image", "engine"):
            if d is None:
                started = True
            rest.append(sl)
            continue
        where = f"{source}:{sl.line}"
        kv = dict(a.split("=", 1) for a in d.args[1:] if "=" in a)
        try:
            if d.kind == "host":
                if not d.args:
                    raise ValueError("a host needs a name")
                hosts.append(Host(name=d.args[0], **kv))
            elif d.kind == "lan":
                if not d.args:
                    raise ValueError("the LAN needs a subnet")
                lan = Lan(subnet=d.args[0], **kv)
            elif d.kind == "image":
                images.append(_image_decl(d))
            elif d.kind == "engine":
                try:
                    engine = versions.profile(d.args[0] if d.args else "", where=where)
                except InputError as err:
                    raise ScriptError(where, err.what, got=err.got,
                                      accepted=err.accepted) from None
        except ValidationError as err:
            first = err.errors()[0]
            field_name = ".".join(str(x) for x in first["loc"])
            msg = str(first["msg"]).removeprefix("Value error, ")
            raise ScriptError(where, f"bad '{d.kind}' directive: "
                              + (f"{field_name}: {msg}" if field_name else msg),
                              got=sl.text, accepted=_FORMS[d.kind]) from None
        except (ValueError, TypeError) as err:
            raise ScriptError(where, f"bad '{d.kind}' directive: {err}",
                              got=sl.text, accepted=_FORMS[d.kind]) from None
    return hosts, lan, images, rest, engine


def run_script(text: str, *, source: str = "<script>", seed: int = 0,
               strict: bool = False, hosts: Sequence[Host] | None = None,
               lan: Lan | None = None,
               profile: EngineProfile | str | None = None) -> tuple[Lab, list[Step]]:
    """Replay a whole script; returns the lab (final state) and one Step per command.

    With ``strict``, the replay stops after the first command that fails. ``profile`` (a
    profile or a version, :func:`netsim.versions.profile`), when given, is the Docker Engine
    modelled, whatever the script's ``# netsim: engine`` line says (``netsim run --engine``).
    ``hosts`` and ``lan``, when given, are the setup (as for a conformance replay on the lab's
    topology); the script's own ``host``/``lan``/``engine`` directives are then an error.
    """
    lines = parse_script(text, source=source)
    declared_hosts, declared_lan, images, rest, declared_engine = setup_from_directives(
        lines, source)
    if hosts is not None or lan is not None:
        if declared_hosts or declared_lan is not None or declared_engine is not None:
            raise InputError(source, "this replay sets the hosts, LAN and engine itself; the "
                             "script must not declare them",
                             accepted="a script without '# netsim: host|lan|engine' lines")
        declared_hosts, declared_lan = list(hosts or ()), lan
    chosen = versions.profile(profile, where="profile") if profile is not None else (
        declared_engine or DEFAULT_PROFILE)
    hosts, lan = declared_hosts, declared_lan
    try:
        lab = Lab(hosts=hosts, lan=lan, images=images, seed=seed, profile=chosen)
    except ValidationError as err:  # one line: the first problem, without pydantic's framing
        msg = str(err.errors()[0]["msg"]).removeprefix("Value error, ")
        raise InputError(source, f"bad host or LAN declaration: {msg}",
                         accepted="# netsim: lan SUBNET before hosts whose addresses it holds"
                         ) from None
    except ValueError as err:
        raise InputError(source, f"bad host or LAN declaration: {err}") from None
    steps: list[Step] = []
    for sl in rest:
        try:
            step = lab.run_line(sl)
        except ScriptError as err:
            raise ScriptError(f"{source}:{sl.line}", err.what, got=err.got,
                              accepted=err.accepted) from None
        if step is not None:
            steps.append(step)
            if strict and step.exit_code != 0:
                break
    return lab, steps



def describe(op: Operation) -> str:
    """A short docker command line naming what an operation does (for display only)."""
    if isinstance(op, ContainerCreate):
        c = op.container
        nets = "".join(f" --network {e.network}" for e in c.networks)
        name = f" --name {c.name}" if c.name else ""
        return f"docker {op.op}{name}{nets} {c.image}"
    if isinstance(op, NetworkCreate):
        return f"docker network create -d {op.network.driver} {shlex.quote(op.network.name)}"
    if isinstance(op, NetworkConnect):
        return f"docker network connect {op.endpoint.network} {op.container}"
    if isinstance(op, NetworkDisconnect):
        return f"docker network disconnect {op.network} {op.container}"
    if isinstance(op, NetworkRemove):
        return f"docker network rm {op.name}"
    if isinstance(op, ContainerRename):
        return f"docker rename {op.container} {op.new_name}"
    if isinstance(op, ContainerRemove):
        return f"docker rm {'-f ' if op.force else ''}{op.container}"
    if isinstance(op, ContainerStart | ContainerStop | ContainerRestart | ContainerPause):
        return f"docker {op.op} {op.container}"
    if isinstance(op, Expect):
        return f"# netsim: expect {op.text}"
    return f"docker {op.op.replace('-', ' ')} -f"  # the prunes


def run_scenario(scenario: Scenario, *, seed: int = 0, strict: bool = False,
                 lines: Sequence[int] = (),
                 profile: EngineProfile | str | None = None) -> tuple[Lab, list[Step]]:
    """Apply a scenario's steps in a lab, one Step each (what Docker would answer).

    ``lines`` are the steps' line numbers in the file, when known. ``profile``, when given,
    replaces the scenario's ``engine_version`` (``netsim run --engine``).
    """
    lab = Lab(hosts=scenario.hosts, lan=scenario.lan, images=scenario.images, seed=seed,
              profile=profile if profile is not None else scenario.profile)
    steps: list[Step] = []
    for i, op in enumerate(scenario.steps):
        line = lines[i] if i < len(lines) else i + 1
        if isinstance(op, Expect):
            lab._expect(Directive("expect", tuple(shlex.split(op.text))), line)
            continue
        out = _Out()
        try:
            outcome = lab._exec(op)
            if outcome.id and isinstance(op, ContainerCreate | NetworkCreate):
                out.out(outcome.id)
            for w in outcome.warnings:
                out.err(f"WARNING: {w}")
        except DockerError as err:
            out.err(_daemon_text(err), 1)
            lab.engine.tick()
        step = lab._record(Step(line, op.host, describe(op), out.code, "".join(out.stdout),
                                "".join(out.stderr), op.host))
        steps.append(step)
        if strict and step.exit_code:
            break
    return lab, steps


register()  # pictures for State, Matrix and DnsSeries when imported inside IPython
