"""A lab: Docker hosts you type commands at, one at a time, as in a terminal or a notebook.

>>> lab = Lab()
>>> print(lab.docker("network create mybridge").exit_code)
0
>>> lab.docker("run -d --name web --network mybridge nginx").exit_code
0
>>> str(lab.state.container("web").endpoints[0].ipv4)
'172.18.0.2/16'

The lab joins the pieces at the edge of the core: it hands each ``docker …`` line to the docker
command line (:mod:`netsim.dockercli.commands`, which parses it, asks the engine and prints what
the docker CLI prints), runs a script's other lines (a program in a shell, ``# netsim:``
directives) and keeps what the commands did. The lab is the commands'
:class:`~netsim.dockercli.commands.context.Session`. It never prints itself: every command gives
back a :class:`Step`.

Each Docker host has a :class:`~netsim.io.workspace.Workspace`: the script's current directory,
exported variables and the files it writes (``cat > compose.yaml <<'EOF'``). A line that is not
``docker …`` runs on the host's shell (:mod:`netsim.hostshell`: ``cd``, ``mkdir``, ``cat``,
``printf`` … as bash and coreutils answer) or, for any other program, as a probe; every line's
redirections (``> out.yaml``, ``2>&1``, ``2>/dev/null``) apply, ``docker …`` lines included.

>>> lab, steps = run_script("mkdir -p /root/shop\\ncd /root/shop\\n"
...                         "printf 'services: {}\\\\n' > compose.yaml\\ncat compose.yaml\\n",
...                         sandboxed=True)
>>> steps[-1].stdout, lab.workspace(lab.current_host).cwd
('services: {}\\n', '/root/shop')
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import posixpath
import re
import shlex
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from pydantic import ValidationError

from netsim import versions
from netsim.api import (
    DEFAULT_HOST,
    ContainerCreate,
    ContainerDecl,
    ContainerPause,
    ContainerRemove,
    ContainerRename,
    ContainerRestart,
    ContainerStart,
    ContainerStop,
    EndpointSettings,
    Expect,
    Host,
    ImageDecl,
    Lan,
    NetworkConnect,
    NetworkCreate,
    NetworkDisconnect,
    NetworkRemove,
    Operation,
    Scenario,
)
from netsim.daemon.engine import Engine
from netsim.diagram.notebook import Flow, register
from netsim.directives import setup_from_directives
from netsim.dockercli.commands import run_docker
from netsim.dockercli.commands.common import daemon_text
from netsim.dockercli.commands.context import NOT_SIMULATED as NOT_SIMULATED
from netsim.dockercli.commands.context import Handler as Handler
from netsim.dockercli.commands.context import Output, Shell, ShuffleLog
from netsim.dockercli.commands.exec import probe_into
from netsim.errors import DaemonError, DockerError, InputError, ScriptError
from netsim.hints import Failure, annotate, explained
from netsim.hostshell import (
    BUILTINS,
    SYSTEM_DIRS,
    new_workspace,
    not_simulated,
    redirected,
    run_builtin,
)
from netsim.images import declared as image_facts
from netsim.io.script import Command, Directive, ScriptLine, parse_script, split_command
from netsim.io.workspace import Workspace
from netsim.page import Page
from netsim.state import State, gc_paused
from netsim.versions import DEFAULT_PROFILE, EngineProfile

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from netsim.analysis.check import CheckResult
    from netsim.analysis.dns import DnsSeries
    from netsim.analysis.lint import LintResult
    from netsim.analysis.reach import Matrix
    from netsim.analysis.whatif import WhatIf
    from netsim.probes import Packages

__all__ = ["Lab", "Step", "describe", "run_scenario", "run_script"]


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
    #: netsim's ``netsim: …`` lines in ``stderr`` under Docker's "no such …" errors
    #: (:mod:`netsim.hints`; the conformance comparison leaves them out)
    hints: tuple[str, ...] = ()
    #: the command netsim does not simulate on this line (``docker login``): a quiet step, a note
    unsimulated: str = ""

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
        """design.md's step, and ``"simulated": false`` on a line netsim does not simulate."""
        return {
            "line": self.line,
            "host": self.host,
            "command": self.command,
            "exit_code": self.exit_code,
            "stdout": self.stdout,
            "stderr": self.stderr,
        } | ({"simulated": False} if self.unsimulated else {})


def _step(line: int, host: str, command: str, exit_code: int, stdout: str, stderr: str,
          unsimulated: str) -> Step:
    """``Step(line, host, command, exit_code, stdout, stderr, host, unsimulated=…)`` at a third
    of the cost: the frozen dataclass's ``__init__`` sets each field by ``object.__setattr__``,
    this fills its dict at once (no ``__post_init__``; tests/test_script.py checks every field)."""
    step: Step = object.__new__(Step)
    step.__dict__.update(line=line, host=host, command=command, exit_code=exit_code,
                         stdout=stdout, stderr=stderr, where=host, shuffled=(), hints=(),
                         unsimulated=unsimulated)
    return step


_SUBST = re.compile(r"\$\((?P<cmd>docker\s[^()]*)\)")


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
        workdir: str | None = None,
        sandboxed: bool = False,
        engine: Engine | None = None,
        containers: Iterable[ContainerDecl] = (),
    ) -> None:
        """``profile`` is the Docker Engine modelled: a profile or its version (``"28.5"``,
        :func:`netsim.versions.profile`); InputError for one netsim does not model.

        ``workdir`` is the hosts' first current directory (by default the process's own, or
        ``/root`` when ``sandboxed``: then the hosts' files are only those the script writes,
        in an empty Debian root, as on the conformance lab; otherwise reads of files the script
        did not write go to the real disk). Writes never reach the disk.

        ``engine``: an engine that already holds hosts, networks and containers (one restored
        from a ``docker inspect`` dump: :func:`netsim.io.dump.load_dump`); its hosts, LAN and
        seed are the lab's."""
        #: the lab started from an engine that already held its objects (a dump's, restored):
        #: no operation of the lab built them
        self.restored = engine is not None
        if engine is None:
            engine = Engine(
                hosts=hosts, lan=lan, images={d.name: d for d in images}, seed=seed,
                profile=versions.profile(profile, where="profile"), containers=containers,
            )
        else:
            hosts = tuple(engine.host_rt(name).host for name in engine.host_names)
            seed = engine.seed
        self.engine = engine
        #: the Docker Engine (daemon and CLI) modelled (the engine's, kept: read by every command)
        self.profile: EngineProfile = engine.profile
        self.current_host = self.engine.host_names[0]
        self.shell: Shell | None = None
        self.steps: list[Step] = []
        self.operations: list[Operation] = []
        self.hosts = tuple(hosts)
        self.lan = self.engine.lan
        self.images = tuple(images)
        #: the ``# netsim: container …`` declarations met so far (a scenario's ``containers``)
        self.containers = tuple(containers)
        self.seed = seed
        #: the shuffles of the embedded DNS: one stream for the whole replay, so that repeated
        #: queries of an alias get fresh orders
        self.dns_rng = ShuffleLog(seed)
        #: packages installed in containers since they were created, by container ID
        self.packages: dict[str, Packages] = {}
        #: the ``# netsim: expect`` lines met so far, checked where they stand
        self.checks: list[CheckResult] = []
        self.sandboxed = sandboxed
        self.workdir = _workdir(workdir, sandboxed)
        #: each Docker host's current directory, environment and files
        self.workspaces: dict[str, Workspace] = {
            h: new_workspace(self.workdir, sandboxed=sandboxed) for h in self.engine.host_names}
        if sandboxed:  # the daemon sees the hosts' files (a bind mount's source must exist)
            self.engine.host_paths = self._host_path_exists
        self._line_env: tuple[tuple[str, str], ...] = ()  # the running command's NAME=value
        #: what the input's reader wants said once (a dump's fields netsim does not use …)
        self.notes: list[str] = []
        self._noted_images = 0  # how many of engine.unknown_images the notes tell of
        self._noted_engine = 0  # how many of engine.notes the notes tell of
        #: the notes say how a scenario declares an image (run_scenario), not a script
        self._scenario_notes = False
        self._note_unknown_images()
        #: commands that meant to create a container or network and failed (netsim.hints)
        self.failures: list[Failure] = []

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
        return self._record(argv, self._docker(argv, host or self.current_host, line,
                                               " ".join(shlex.quote(a) for a in argv)))

    def compose(self, *args: str, text: str | None = None, directory: str | None = None,
                host: str | None = None) -> Step:
        """``docker compose ARGS…`` on a host (a notebook's ``!docker compose up -d``).
        ``text``, when given, is a compose file written first to ``compose.yaml`` in
        ``directory`` (created if need be; default: the current directory), which then
        becomes the current directory: ``lab.compose("up", "-d", text=…)``."""
        where = host or self.current_host
        ws = self.workspace(where)
        if directory is not None:
            ws.mkdir(directory, parents=True)
            ws.chdir(directory)
        if text is not None:
            ws.write_text("compose.yaml", text)
        return self.docker(shlex.join(["compose", *args]), host=where)

    @classmethod
    def from_file(cls, path: str, *, seed: int = 0,
                  profile: EngineProfile | str | None = None,
                  format: str | None = None) -> Lab:
        """Any input netsim reads, replayed (``netsim run FILE``): a script, a scenario, or a
        Compose project brought up as ``docker compose up -d`` in its directory. The format
        is chosen by the file's name or ``format``; a malformed file is an InputError."""
        from netsim.replay import replay_file

        return replay_file(path, seed=seed, profile=profile, format=format)[0]

    def reach(self, src: str, dst: str, *, port: int | None = None,
              family: Literal[4, 6] | None = None) -> Flow:
        """One flow on the current state (``netsim reach``; ``family=6``: ``-6``, a container
        at its IPv6 addresses; none: a name's IPv4 address, else its IPv6 one); in Jupyter it
        shows the topology with the path drawn, green where it goes and red where it stops."""
        from netsim.analysis.reach import reach

        with explained(self):  # an unknown name: why (netsim.hints)
            return Flow(self.state, reach(self.state, src, dst, port=port, family=family))

    def matrix(self, *, port: int | None = None, proto: Literal["tcp", "udp"] | None = None,
               vantage: bool = True, family: Literal[4, 6] = 4) -> Matrix:
        """Who reaches whom now (``netsim matrix``, ``family=6``: ``-6``): a
        :class:`~netsim.analysis.reach.Matrix`."""
        from netsim.analysis.reach import matrix
        return matrix(self.state, port=port, proto=proto, vantage=vantage, family=family)

    def dns(self, name: str, *, from_: str, qtype: Literal["A", "AAAA", "PTR"] = "A",
            times: int = 1) -> DnsSeries:
        """What ``from_``'s resolver is answered for ``name`` (``netsim dns``, the lab's seed)."""
        from netsim.analysis.dns import query_series
        with explained(self):
            return query_series(self.state, from_, name, times, seed=self.seed, qtype=qtype)

    def whatif(self, *changes: str, icc: Mapping[str, bool] | None = None,
               internal: Iterable[str] = (), stop: Iterable[str] = (), port: int | None = None,
               proto: Literal["tcp", "udp"] | None = None) -> WhatIf:
        """``netsim whatif`` (:func:`netsim.whatif.whatif`); this lab does not change."""
        from netsim.whatif import whatif
        return whatif(self, changes, icc=icc, internal=internal, stop=stop, port=port, proto=proto)

    def run(self, line: str) -> Step:
        """One line as a script has it (``docker …``, ``ping -c 1 web``, ``# netsim: …``) typed
        on the current Docker host: its Step (a directive's is empty)."""
        step: Step | None = None
        for sl in parse_script(line, source="run"):
            step = self.run_line(sl) or step
        return step if step is not None else Step(0, self.current_host, line.strip(), 0)

    def expect(self, text: str) -> CheckResult:
        """Check one expectation now (``alpine1 reaches alpine2``, ``web resolves db``, … the
        forms of ``# netsim: expect``); the result shows as a one-row table."""
        from netsim.analysis.check import evaluate, parse_expectation

        words = shlex.split(text)
        return evaluate(self.state, parse_expectation(words, "expect"), 0, rng=self.dns_rng,
                        explain=lambda: explained(self))

    def lint(self, *, source: str = "") -> LintResult:
        """Setup mistakes in the current state (``netsim lint``), placed at the lines of the
        steps so far (``source``: the input's name in each ``where``, ``FILE:LINE``); what
        Compose made, at its service in a compose file on the disk (one the script wrote
        itself: at the ``up`` line)."""
        from netsim.analysis.lint import lint

        def read(host: str, path: str) -> str | None:
            ws = self.workspace(host)
            return None if ws.written(path) else ws.read_text(path)

        return lint(self.state, steps=self.steps, checks=self.checks, source=source,
                    read_text=read)

    def draw(self, *, highlight: tuple[str, str] | None = None,
             port: int | None = None) -> Figure:
        """The current topology as a matplotlib Figure (``netsim draw``)."""
        from netsim.analysis.reach import reach
        from netsim.diagram.mpl import draw

        with explained(self):
            trace = (reach(self.state, highlight[0], highlight[1], port=port)
                     if highlight is not None else None)
        return draw(self.state, highlight=trace)

    def page(self, *, only: Iterable[str] = ()) -> Page:
        """This lab as ``netsim page`` draws it (shows inline in Jupyter; ``.save(path)``)."""
        return Page.of_lab(self, only=only)

    def scenario(self) -> Scenario:
        """Everything done so far as a native scenario (steps that changed the state)."""
        return Scenario(lan=self.lan, hosts=self.hosts, images=self.images,
                        containers=self.containers,
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
        cmd: Command | ScriptLine = sl  # (a ScriptLine has a Command's fields)
        if "$(" in sl.text and _SUBST.search(sl.command):
            cmd = self._substitute(sl.command, sl.line)
        self._line_env = cmd.env
        on_host = self.shell is None  # (a line typed in a container's shell runs no docker)
        try:
            step = self._host_line(cmd, sl) if on_host else self._shell_line(cmd, sl)
        finally:
            self._line_env = ()
        if sl.warnings:
            step = dataclasses.replace(step, stderr="".join(w + "\n" for w in sl.warnings)
                                       + step.stderr)
        return self._record(cmd.argv if on_host else None, step)

    # ---------------------------------------------------------------- what commands use
    # (the lab is their Session: netsim.dockercli.commands.context)

    def apply_operation(self, op: Operation) -> Any:
        """Apply one operation and keep it; the clock moves one second per operation."""
        outcome = self.engine.execute(op)
        self.record_operation(op)
        return outcome

    def record_operation(self, op: Operation) -> None:
        """Keep an operation the engine already applied; the clock moves one second."""
        self.operations.append(op)
        self.engine.tick()

    def open_shell(self, shell: Shell) -> None:
        """Type the script's next lines into ``shell`` (until ``exit`` or a detach)."""
        self.shell = shell

    def workspace(self, host: str) -> Workspace:
        """Docker host ``host``'s current directory, exported variables and files."""
        ws = self.workspaces.get(host)
        if ws is None:  # a host the engine learnt of later
            ws = self.workspaces[host] = new_workspace(self.workdir, sandboxed=self.sandboxed)
        return ws

    def _host_path_exists(self, host: str, path: str) -> bool:
        """Whether ``path`` exists on Docker host ``host``, as the daemon finds it: what the
        script made in the lab's root, or one of the host's own system files (under
        hostshell.SYSTEM_DIRS, which netsim does not model: taken to exist)."""
        ws = self.workspace(host)
        full = ws.path(path)
        if ws.exists(full):
            return True
        return not ws.written(full) and any(full.startswith(d + "/") for d in SYSTEM_DIRS)

    def environ(self, host: str) -> Mapping[str, str]:
        """The running command's environment: the host's exported variables, ``PWD`` (bash
        exports it) and the command's ``NAME=value`` prefixes."""
        ws = self.workspace(host)
        return {**ws.env, "PWD": ws.cwd, **dict(self._line_env)}

    # ---------------------------------------------------------------- internals

    def _record(self, argv: Sequence[str] | None, step: Step, op: Operation | None = None
                ) -> Step:
        step = annotate(self, step, argv, op)  # netsim's hints under "No such …" (and failures)
        self._note_unknown_images()
        if self.dns_rng.groups:  # the embedded DNS shuffled answers during the command
            groups = list(dict.fromkeys(self.dns_rng.take()))
            state = self.state
            step = dataclasses.replace(step, shuffled=tuple(
                tuple((a, _reverse_names(state, a)) for a in g) for g in groups))
        self.steps.append(step)
        return step

    def _note_unknown_images(self) -> None:
        """A note, once per image, for each image of a container created so far that neither
        the catalogue nor a declaration knows (netsim.images.declared.unknown_image_note)."""
        if len(self.engine.unknown_images) > self._noted_images:  # (checked at every step)
            unknown = list(self.engine.unknown_images)[self._noted_images:]
            self.notes.extend(image_facts.unknown_image_note(
                i, scenario=self._scenario_notes, dump=self.restored) for i in unknown)
            self._noted_images += len(unknown)
        if len(self.engine.notes) > self._noted_engine:  # the daemons' own, once each
            said = list(self.engine.notes)[self._noted_engine:]
            self.notes.extend(said)
            self._noted_engine += len(said)

    def _substitute(self, command: str, line: int) -> Command:
        """The command line with each ``$(docker …)`` run and replaced by its output's words."""
        def repl(m: re.Match[str]) -> str:
            inner = self._docker(shlex.split(m.group("cmd")), self.current_host, line,
                                 m.group("cmd"))
            return " ".join(shlex.quote(w) for w in inner.stdout.split())

        try:
            return split_command(_SUBST.sub(repl, command))[0]
        except ValueError as err:
            raise ScriptError(f"line {line}", f"cannot split the command into words: {err}",
                              got=command, accepted="a shell command line") from None

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
                decl = image_facts.image_decl(d.args)
            except ValueError as err:
                raise ScriptError(where, f"bad 'image' directive: {err}",
                                  got="# netsim: image " + " ".join(d.args),
                                  accepted=image_facts.IMAGE_FORM) from None
            self.images = (*self.images, decl)
            self.engine.declare_image(decl)
        elif d.kind == "container":  # the container of that name on the current host
            try:
                cdecl = image_facts.container_decl(d.args, self.current_host)
            except ValueError as err:
                raise ScriptError(where, f"bad 'container' directive: {err}",
                                  got="# netsim: container " + " ".join(d.args),
                                  accepted=image_facts.CONTAINER_FORM) from None
            self.containers = (*self.containers, cdecl)
            self.engine.declare_container(cdecl)
        elif d.kind in ("host", "lan", "engine", "daemon"):
            raise ScriptError(where, f"a '{d.kind}' directive must come before the first command",
                              got=f"# netsim: {d.kind} " + " ".join(d.args))
        elif d.kind == "expect":
            self._expect(d, line)
        elif d.kind in ("from", "engine"):
            pass  # read by other parts of netsim (vantage points) or before the run
        else:
            raise ScriptError(where, "unknown netsim directive", got=d.kind,
                              accepted="host, lan, image, container, on, sleep, detach, expect, "
                                       "engine, daemon")

    def keep_expectation(self, text: str, line: int) -> None:
        """Check one expectation now and keep it with :attr:`checks` (what ``netsim check``
        reports), as a ``# netsim: expect`` line at ``line`` would."""
        self._expect(text, line)

    def _expect(self, d: Directive | str, line: int) -> None:
        """``# netsim: expect …`` (or its text): checked now, against the state at this point
        of the replay; a problem inside it is its FAIL row, never the replay's."""
        from netsim.analysis.check import check_words

        words = d.args if isinstance(d, Directive) else d
        self.checks.append(check_words(self.state, words, line, rng=self.dns_rng,
                                       explain=lambda: explained(self)))
        # kept for `netsim export` (no clock tick: checking changes nothing); one with no
        # words is its malformed FAIL row only (the scenario format has no empty expectation)
        text = words if isinstance(words, str) else shlex.join(words)
        if text.strip():
            self.operations.append(Expect(host=self.current_host, text=text))

    def _shell_line(self, cmd: Command | ScriptLine, sl: ScriptLine) -> Step:
        """A line typed into a container's shell (``docker exec -it C sh`` …)."""
        sh = self.shell
        assert sh is not None
        where = f"container:{sh.container}"
        argv = list(cmd.argv)
        if argv and argv[0] == "exit":
            self.shell = None
            code = int(argv[1]) % 256 if len(argv) > 1 and argv[1].isdigit() else 0
            if sh.main_process:  # the shell was the container's main process
                with contextlib.suppress(DaemonError):
                    self.apply_operation(ContainerStop(host=sh.host, container=sh.container,
                                                       exit_code=code))
            return Step(sl.line, sh.host, sl.text, code, "exit\n", "", where)
        sh.lines += 1
        unsimulated = ""
        if sl.heredoc is not None or any(not r.target.startswith("&") and r.target != "/dev/null"
                                         for r in cmd.redirects):  # a redirection to a file
            out = Output()
            out.err("netsim: files in a container's shell (a here-document, a redirection to a "
                    "file) are not simulated", NOT_SIMULATED)
        else:
            def run(stdin: str | None) -> Output:
                nonlocal unsimulated  # a program netsim has no model of: no output, a note
                out = Output()
                probe_into(out, self, f"{sh.host}/{sh.container}", argv,
                           shell=(sh.program, sh.lines))
                unsimulated = not_simulated(out)
                return Output() if unsimulated else out

            out = redirected(None, cmd.redirects, None, 1, run)
        return Step(sl.line, sh.host, sl.text, out.code, out.stdout_text, out.stderr_text, where,
                    unsimulated=unsimulated)

    def _host_line(self, cmd: Command | ScriptLine, sl: ScriptLine) -> Step:
        """A line typed on the current Docker host: ``docker …``, a shell builtin, a probe."""
        host = self.current_host
        line = sl.text.count("\n") + 1  # bash counts a here-document's lines
        if not cmd.redirects:  # what it printed reaches the terminal
            where, out, unsimulated = self._on_host(cmd, host, line, sl.heredoc)
        else:
            where, unsimulated = host, ""  # (a redirection that fails runs nothing)

            def run(stdin: str | None) -> Output:
                nonlocal where, unsimulated
                where, printed, unsimulated = self._on_host(cmd, host, line, stdin)
                return printed

            out = redirected(self.workspace(host), cmd.redirects, sl.heredoc, line, run)
        return _step(sl.line, where, sl.text, out.code, "".join(out.stdout), "".join(out.stderr),
                     unsimulated)

    def _on_host(self, cmd: Command | ScriptLine, host: str, line: int, stdin: str | None
                 ) -> tuple[str, Output, str]:
        """Run ``cmd`` on ``host``: the host it ran on, what it printed, what is not simulated."""
        argv = cmd.argv
        if not argv:  # NAME=value alone: shell variables (an exported one stays exported)
            ws = self.workspace(host)
            for name, value in cmd.env:
                (ws.env if name in ws.env else ws.variables)[name] = value
            return host, Output(), ""
        where = host
        if argv[0] == "docker":
            where, out = run_docker(self, argv, host)
        elif argv[0] == "docker-compose":  # Compose v2's standalone binary: the same plugin
            where, out = run_docker(self, ["docker", "compose", *argv[1:]], host)
        elif argv[0] in BUILTINS and cmd.unsupported is not None:
            out = Output()
            out.err(f"netsim: {cmd.unsupported} is not simulated", NOT_SIMULATED)
        else:
            words = list(argv)  # (the builtins' and the probes' lists)
            found = run_builtin(self.workspace(host), words, stdin, line, tick=self.engine.tick)
            if found is None:
                found = Output()
                probe_into(found, self, f"@{host}", words)
            out = found
        unsimulated = not_simulated(out)  # a command netsim has no model of: no output, a note
        return where, Output() if unsimulated else out, unsimulated

    def _docker(self, argv: Sequence[str], host: str, line: int, text: str) -> Step:
        where, out = run_docker(self, argv, host)
        return Step(line, where, text, out.code, out.stdout_text, out.stderr_text, where)


def _workdir(workdir: str | None, sandboxed: bool) -> str:
    """The hosts' first current directory (an absolute POSIX path)."""
    base = "/root" if sandboxed else os.getcwd().replace(os.sep, "/")
    if not base.startswith("/"):  # not a POSIX disk: the workspace is memory over nothing
        base = "/root"
    return base if workdir is None else posixpath.normpath(posixpath.join(base, workdir))


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


# ------------------------------------------------------------------------ whole scripts


def run_script(text: str, *, source: str = "<script>", seed: int = 0,
               strict: bool = False, hosts: Sequence[Host] | None = None,
               lan: Lan | None = None,
               profile: EngineProfile | str | None = None, workdir: str | None = None,
               sandboxed: bool | None = None, stop_on_failure: bool | None = None,
               on_step: Callable[[Lab, Step | None], None] | None = None,
               ) -> tuple[Lab, list[Step]]:
    """Replay a whole script; returns the lab (final state) and one Step per command
    (``on_step`` sees the lab before the first line, with None, and after each command).

    A line netsim does not simulate (:attr:`Step.unsimulated`) succeeds quietly with one note
    in :attr:`Lab.notes`; with ``strict`` it is a ScriptError. With ``stop_on_failure``
    (default: ``strict``) the replay stops after the first command that fails. ``profile`` (a
    profile or a version, :func:`netsim.versions.profile`), when given, is the Docker Engine
    modelled, whatever the script's ``# netsim: engine`` line says (``netsim run --engine``).
    ``hosts`` and ``lan``, when given, are the setup (as for a conformance replay on the lab's
    topology); the script's own ``host``/``lan``/``engine`` directives are then an error.
    ``workdir`` and ``sandboxed`` are the :class:`Lab`'s; ``sandboxed`` defaults to whether
    ``hosts`` or ``lan`` are given (a replay on the lab's topology starts, as the lab's
    scripts do, in an empty ``/root``).
    """
    from netsim.hostshell import unsimulated_note

    with gc_paused():  # a script's lines, then its objects: many, and long-lived
        lines = parse_script(text, source=source)
    setup = setup_from_directives(lines, source)
    declared_hosts, declared_lan, declared_engine = setup.hosts, setup.lan, setup.engine
    images, rest = setup.images, setup.rest
    replay = hosts is not None or lan is not None
    if replay:
        if declared_hosts or declared_lan is not None or declared_engine is not None:
            raise InputError(source, "this replay sets the hosts, LAN and engine itself; the "
                             "script must not declare them",
                             accepted="a script without '# netsim: host|lan|engine' lines")
        declared_hosts, declared_lan = list(hosts or ()), lan
    chosen = versions.profile(profile, where="profile") if profile is not None else (
        declared_engine or DEFAULT_PROFILE)
    hosts, lan = declared_hosts, declared_lan
    if setup.daemon is not None:  # every host's dockerd runs with the script's options
        hosts = [h.model_copy(update={"daemon": setup.daemon})
                 for h in (hosts or [Host(name=DEFAULT_HOST)])]
    try:
        lab = Lab(hosts=hosts, lan=lan, images=images, seed=seed, profile=chosen,
                  workdir=workdir, sandboxed=replay if sandboxed is None else sandboxed)
    except ValidationError as err:  # one line: the first problem, without pydantic's framing
        msg = str(err.errors()[0]["msg"]).removeprefix("Value error, ")
        raise InputError(source, f"bad host or LAN declaration: {msg}",
                         accepted="# netsim: lan SUBNET before hosts whose addresses it holds"
                         ) from None
    except ValueError as err:
        raise InputError(source, f"bad host or LAN declaration: {err}") from None
    steps: list[Step] = []
    if on_step is not None:
        on_step(lab, None)
    with gc_paused():  # a replay allocates many long-lived objects (a quarter of its time)
        for sl in rest:
            try:
                step = lab.run_line(sl)
            except ScriptError as err:
                raise ScriptError(f"{source}:{sl.line}", err.what, got=err.got,
                                  accepted=err.accepted) from None
            if step is not None:
                steps.append(step)
                if on_step is not None:
                    on_step(lab, step)
                if step.unsimulated:
                    where = f"{source}:{sl.line}"
                    if strict:
                        raise ScriptError(where,
                                          unsimulated_note(step.unsimulated, strict=True))
                    lab.notes.append(f"{where}: {unsimulated_note(step.unsimulated)}")
                if (strict if stop_on_failure is None else stop_on_failure) and step.exit_code:
                    break
    return lab, steps


def describe(op: Operation) -> str:
    """A short docker command line naming what an operation does (for display only)."""
    if isinstance(op, ContainerCreate):
        c = op.container
        implicit = (c.HostConfig.NetworkMode == "default"  # no --network given
                    and c.NetworkingConfig.EndpointsConfig == {"default": EndpointSettings()})
        nets = "" if implicit else "".join(f" --network {n}" for n, _ in c.attachments())
        name = f" --name {c.name}" if c.name else ""
        return f"docker {op.op}{name}{nets} {c.Config.Image}"
    if isinstance(op, NetworkCreate):
        return f"docker network create -d {op.network.Driver} {shlex.quote(op.network.Name)}"
    if isinstance(op, NetworkConnect):
        return f"docker network connect {op.network} {op.Container}"
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
                 profile: EngineProfile | str | None = None, workdir: str | None = None,
                 sandboxed: bool = False) -> tuple[Lab, list[Step]]:
    """Apply a scenario's steps in a lab, one Step each (what Docker would answer).

    ``lines`` are the steps' line numbers in the file, when known. ``profile``, when given,
    replaces the scenario's ``engine_version`` (``netsim run --engine``). ``workdir`` and
    ``sandboxed`` are the :class:`Lab`'s.
    """
    lab = Lab(hosts=scenario.hosts, lan=scenario.lan, images=scenario.images, seed=seed,
              profile=profile if profile is not None else scenario.profile, workdir=workdir,
              sandboxed=sandboxed, containers=scenario.containers)
    lab._scenario_notes = True
    steps: list[Step] = []
    for i, op in enumerate(scenario.steps):
        line = lines[i] if i < len(lines) else i + 1
        if isinstance(op, Expect):
            lab._expect(op.text, line)  # an open quote: its malformed FAIL row
            continue
        out = Output()
        try:
            outcome = lab.apply_operation(op)
            if outcome.id and isinstance(op, ContainerCreate | NetworkCreate):
                out.out(outcome.id)
            for w in outcome.warnings:
                out.err(f"WARNING: {w}")
        except DockerError as err:
            out.err(daemon_text(err), 1)
            lab.engine.tick()
        step = lab._record(None, Step(line, op.host, describe(op), out.code,
                                      "".join(out.stdout), "".join(out.stderr), op.host), op)
        steps.append(step)
        if strict and step.exit_code:
            break
    return lab, steps


register()  # pictures for State, Matrix and DnsSeries when imported inside IPython

