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
import json
import random
import re
import shlex
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from netsim import versions
from netsim.engine import Engine
from netsim.errors import DaemonError, DockerCliError, DockerError, InputError, ScriptError
from netsim.io.dockerargs import (
    COMMANDS,
    ParsedCommand,
    UnsupportedCommandError,
    parse_docker_argv,
)
from netsim.io.dockercmd import container_spec, network_connect, network_create, split_values
from netsim.io.script import Directive, ScriptLine, parse_script
from netsim.model import (
    ContainerCreate,
    ContainerPrune,
    ContainerRemove,
    ContainerRename,
    ContainerRestart,
    ContainerSpec,
    ContainerStart,
    ContainerStop,
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
            parsed = parse_docker_argv(list(argv[1:]))
        except UnsupportedCommandError as err:
            out.err(f"netsim: {err.what}", NOT_SIMULATED)
            return Step(line, host, text, out.code, "", "".join(out.stderr), host)
        except DockerCliError as err:
            out.err(err.text, err.exit_code)
            return Step(line, host, text, out.code, "", "".join(out.stderr), host)
        for w in parsed.warnings:  # flag deprecations: docker prints them on stdout
            out.out(w)
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
        names = self.engine.host_names
        ref = None
        for key, value in p.global_flags:
            if key in ("host", "context"):
                ref = value
        if ref is None:
            return default
        bare = re.sub(r"^(tcp|ssh|unix)://", "", ref).split(":")[0].split("@")[-1]
        state = self.engine.state()
        for name in names:
            h = state.hosts[name].host
            if bare in (name, h.effective_hostname, str(h.address)):
                return name
        out.err(
            f"Cannot connect to the Docker daemon at {ref}. Is the docker daemon running?", 1
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
            out.err(f"docker: {text}\n\nRun 'docker {p.command} --help' for more information",
                    code)
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
    outcome = lab._exec(network_create(p, host=host))
    out.out(outcome.id)


def _network_rm(lab: Lab, p: ParsedCommand, host: str, out: _Out) -> None:
    """Errors print as they happen; any failure adds ``exit status 1`` (network/remove.go)."""
    force = p.get("force") == "true"
    failed = False
    for ref in p.args:
        try:
            lab._exec(NetworkRemove(host=host, name=ref, force=force))
            out.out(ref)
        except DaemonError as err:
            if force and err.status == 404:
                continue
            out.err(_daemon_text(err))
            failed = True
    if failed:
        out.err("exit status 1", 1)


def _network_prune(lab: Lab, p: ParsedCommand, host: str, out: _Out) -> None:
    if p.get("force") != "true":
        # the prompt, then no answer (a script has no terminal): cancelled, exit 0
        out.stdout.append("WARNING! This will remove all custom networks not used by at least "
                          "one container.\nAre you sure you want to continue? [y/N] ")
        return
    outcome = lab._exec(NetworkPrune(host=host))
    if outcome.names:
        out.out("Deleted Networks:\n" + "".join(n + "\n" for n in outcome.names))


def _network_connect(lab: Lab, p: ParsedCommand, host: str, out: _Out) -> None:
    lab._exec(network_connect(p, host=host))


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
    found: list[dict[str, Any]] = []
    errors = []
    for ref in p.args:
        try:
            found.append(render_inspect.network(state, host, ref))
        except KeyError:
            errors.append(f"Error response from daemon: network {ref} not found")
    _print_inspect(found, p.get("format"), out)
    if errors:
        out.err("\n".join(errors), 1)


def _run(lab: Lab, p: ParsedCommand, host: str, out: _Out) -> None:
    _create(lab, p, host, out, start=True)


def _create(lab: Lab, p: ParsedCommand, host: str, out: _Out, *, start: bool = False) -> None:
    spec = container_spec(p)
    op = ContainerCreate(host=host, op="run" if start else "create", container=spec)
    before = lab.engine.last_created
    probe_argv = _foreground_probe(lab, spec) if start and not spec.detach else None
    lab.engine.hold_foreground = probe_argv is not None
    try:
        outcome = lab.engine.execute(op)
    except DaemonError:
        cid = lab.engine.last_created
        created = lab.engine.container(host, cid) if cid and cid != before else None
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
        out.code = outcome.exit_code
        if spec.command and spec.command[0] == "echo":
            out.out(" ".join(spec.command[1:]))
    elif made is not None and made.running and (spec.interactive or spec.tty):
        lab.shell = _Shell(host=host, container=made.name, main_process=True,
                           program=_main_program(made))


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


def _foreground_probe(lab: Lab, spec: ContainerSpec) -> list[str] | None:
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
    """Errors print as they happen, then ``failed to start containers: …`` (start.go)."""
    failed = []
    for ref in p.args:
        try:
            lab._exec(ContainerStart(host=host, container=ref))
            out.out(ref)
        except DaemonError as err:
            out.err(_daemon_text(err))
            failed.append(ref)
    if failed:
        out.err("failed to start containers: " + ", ".join(failed), 1)


def _stop(lab: Lab, p: ParsedCommand, host: str, out: _Out) -> None:
    _each(out, p.args, lambda ref: lab._exec(ContainerStop(host=host, container=ref)))


def _kill(lab: Lab, p: ParsedCommand, host: str, out: _Out) -> None:
    """container_routes.go:293: ``cannot kill container: NAME: …``; not running is an error."""
    def kill(ref: str) -> None:
        c = _container(lab, host, ref)
        if not c.running:
            raise DaemonError(f"container {c.id} is not running", status=409)
        lab._exec(ContainerStop(host=host, container=ref))

    _each(out, p.args, kill,
          wrap=lambda ref, e: f"Error response from daemon: cannot kill container: {ref}: "
          f"{e.text}")


def _restart(lab: Lab, p: ParsedCommand, host: str, out: _Out) -> None:
    def wrap(ref: str, e: DockerError) -> str:
        if e.text.startswith("No such container"):
            return _daemon_text(e)
        return f"Error response from daemon: Cannot restart container {ref}: {e.text}"

    _each(out, p.args, lambda ref: lab._exec(ContainerRestart(host=host, container=ref)),
          wrap=wrap)


def _rm(lab: Lab, p: ParsedCommand, host: str, out: _Out) -> None:
    force = p.get("force") == "true"
    _each(out, p.args,
          lambda ref: lab._exec(ContainerRemove(host=host, container=ref, force=force)),
          ignore_missing=force)


def _rename(lab: Lab, p: ParsedCommand, host: str, out: _Out) -> None:
    if not p.args[1]:
        out.err("failed to rename container: new name cannot be blank", 1)
        return
    try:
        lab._exec(ContainerRename(host=host, container=p.args[0], new_name=p.args[1]))
    except DaemonError as err:
        text = err.text
        if text.startswith("Conflict."):  # daemon/rename.go:52
            text = f"Error when allocating new name: {text}"
        out.err(f"failed to rename container: Error response from daemon: {text}", 1)


def _container_prune(lab: Lab, p: ParsedCommand, host: str, out: _Out) -> None:
    if p.get("force") != "true":
        out.stdout.append("WARNING! This will remove all stopped containers.\n"
                          "Are you sure you want to continue? [y/N] ")
        return
    outcome = lab._exec(ContainerPrune(host=host))
    if outcome.names:
        out.out("Deleted Containers:\n" + "".join(n + "\n" for n in outcome.names))
    out.out("Total reclaimed space: 0B")


def _ps(lab: Lab, p: ParsedCommand, host: str, out: _Out) -> None:
    if p.get("quiet") == "true" and p.get("format"):
        out.err("WARNING: Ignoring custom format, because both --format and --quiet are set.")
    _listing(out, lambda: dockertext.ps(
        lab.state, host, all_=p.get("all") == "true", quiet=p.get("quiet") == "true",
        no_trunc=p.get("no-trunc") == "true", fmt=p.get("format") or None,
        filters=p.get_all("filter")))


def _listing(out: _Out, make: Callable[[], str]) -> None:
    """A table, or a plain note when it uses a filter or template netsim does not simulate."""
    from netsim.render import gotemplate

    try:
        out.stdout.append(make())
    except dockertext.UnsupportedFilter as err:
        out.err(f"netsim: the filter '{err}' is not simulated", NOT_SIMULATED)
    except gotemplate.UnsupportedTemplate as err:
        out.err(f"netsim: this --format template is not simulated: {{{{{err}}}}}",
                NOT_SIMULATED)
    except gotemplate.MissingKey as err:
        out.err(f"template parsing error: {err}", 1)


def _inspect(lab: Lab, p: ParsedCommand, host: str, out: _Out) -> None:
    """``docker inspect``: a container first, then a network (cli/command/system/inspect.go)."""
    from netsim.render import inspect as render_inspect

    state = lab.state
    kind = p.get("type") or ""
    if p.command == "container inspect":
        kind = "container"
    if kind not in ("", "container", "network"):
        out.err(f'netsim: inspecting objects of type "{kind}" is not simulated', NOT_SIMULATED)
        return
    found: list[dict[str, Any]] = []
    errors = []
    for ref in p.args:
        obj = render_inspect.any_object(state, host, ref, kind)
        if obj is not None:
            found.append(obj)
        elif kind == "container":
            errors.append(f"Error response from daemon: No such container: {ref}")
        elif kind == "network":
            errors.append(f"Error response from daemon: network {ref} not found")
        else:
            errors.append(f"error: no such object: {ref}")
    _print_inspect(found, p.get("format"), out)
    if errors:
        out.err("\n".join(errors), 1)


def _print_inspect(found: list[dict[str, Any]], fmt: str | None, out: _Out) -> None:
    """The JSON list, or one line per object through ``-f/--format`` (inspect/inspector.go)."""
    from netsim.render import gotemplate

    if not fmt:
        out.stdout.append(json.dumps(found, indent=4, ensure_ascii=False) + "\n")
        return
    if not found:
        out.stdout.append("\n")
        return
    if fmt == "json":
        out.stdout.extend(json.dumps(obj, separators=(",", ":")) + "\n" for obj in found)
        return
    for obj in found:
        try:
            out.stdout.append(gotemplate.render(fmt, obj) + "\n")
        except gotemplate.MissingKey as err:
            out.stdout.append("\n")
            out.err(f"template parsing error: {err}", 1)
            return
        except gotemplate.UnsupportedTemplate as err:
            out.err(f"netsim: this --format template is not simulated: {{{{{err}}}}}",
                    NOT_SIMULATED)
            return


def _container(lab: Lab, host: str, ref: str) -> ContainerState:
    """A container by ID, name or ID prefix, without building a whole snapshot."""
    return lab.engine.find_container(host, ref)


def _port(lab: Lab, p: ParsedCommand, host: str, out: _Out) -> None:
    c = _container(lab, host, p.args[0])
    text, error = dockertext.port(c, p.args[1] if len(p.args) > 1 else None)
    if error:
        out.err(error, 1)
    out.stdout.append(text)


def _exec(lab: Lab, p: ParsedCommand, host: str, out: _Out) -> None:
    c = _container(lab, host, p.args[0])
    if not c.running:
        raise DaemonError(f"container {c.id} is not running", status=409)
    cmd = p.args[1:]
    interactive = p.get("interactive") == "true" or p.get("tty") == "true"
    if interactive and cmd and cmd[0].split("/")[-1] in ("sh", "bash", "ash", "zsh"):
        lab.shell = _Shell(host=host, container=c.name, main_process=False, program=cmd[0])
        return
    _probe_into(out, lab, f"{host}/{c.name}", cmd)


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
                       installed=before.tools)
    out.stdout.append(result.stdout)
    out.stderr.append(result.stderr)
    out.code = result.exit_code


def _attach(lab: Lab, p: ParsedCommand, host: str, out: _Out) -> None:
    c = _container(lab, host, p.args[0])
    if not c.running:  # cli/command/container/attach.go
        out.err("cannot attach to a stopped container, start it first", 1)
        return
    lab.shell = _Shell(host=host, container=c.name, main_process=True,
                       program=_main_program(c))


def _logs(lab: Lab, p: ParsedCommand, host: str, out: _Out) -> None:
    """What netsim knows a container printed: ``echo``'s words, an entrypoint's refusal."""
    from netsim.images import effective_argv, lookup, unmet_env

    c = _container(lab, host, p.args[0])
    if c.spec.command and c.spec.command[0] == "echo":
        out.out(" ".join(c.spec.command[1:]))
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

    try:
        pools = tuple(ipaddress.IPv4Network(v, strict=False)
                      for v in split_values(p.get_all("default-addr-pool")))
    except ValueError as err:
        raise DockerCliError(str(err), exit_code=1) from None
    op = SwarmInit(host=host, advertise_addr=p.get("advertise-addr") or None,
                   default_addr_pools=pools,
                   default_addr_pool_mask_length=int(p.get("default-addr-pool-mask-length")
                                                     or 24))
    outcome = lab._exec(op)
    swarm = lab.state.swarm
    assert swarm is not None
    node = swarm.nodes[host]
    out.stdout.append(
        f"Swarm initialized: current node ({outcome.id}) is now a manager.\n\n"
        "To add a worker to this swarm, run the following command:\n\n"
        f"    docker swarm join --token {swarm.worker_token} {node.address}\n\n"
        "To add a manager to this swarm, run 'docker swarm join-token manager' and follow "
        "the instructions.\n")


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
    if swarm is None or node is None:
        raise DaemonError("This node is not part of a swarm", status=503)
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
    "pull": _noop,
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
            "[nic=physical|veth] [nic_peer=N] [iproute2=6.15|7.3]",
    "lan": "# netsim: lan SUBNET [gateway=IP]",
    "image": _IMAGE_FORM,
    "engine": "# netsim: engine VERSION (" + ", ".join(PROFILES) + ")",
}


def _setup_from_directives(lines: list[ScriptLine], source: str) -> tuple[
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
    declared_hosts, declared_lan, images, rest, declared_engine = _setup_from_directives(
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
        return f"docker network create -d {op.network.driver} {op.network.name}"
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
    if isinstance(op, ContainerStart | ContainerStop | ContainerRestart):
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
