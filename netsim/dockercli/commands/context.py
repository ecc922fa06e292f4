"""What a ``docker …`` command handler works with: the :class:`Session` it runs in (the daemon,
the state, the engine profile, what the lab keeps between commands), the :class:`Output` it
prints to, and the :class:`Shell` it may open.

A handler is ``handler(session, parsed, host, out)``: it reads the parsed command line, asks
the daemon through the session, and writes what the docker CLI prints to ``out``. It never
reaches into the lab's internals; :class:`netsim.lab.Lab` is one Session.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from netsim.api import Operation
    from netsim.daemon.engine import Engine
    from netsim.dockercli.parse import ParsedCommand
    from netsim.io.workspace import Workspace
    from netsim.probes import Packages
    from netsim.state import State
    from netsim.versions import EngineProfile

__all__ = ["NOT_SIMULATED", "Handler", "Output", "Session", "Shell", "ShuffleLog"]

#: the exit status of a command (or a part of one) netsim does not simulate
NOT_SIMULATED = 126


@dataclass
class Output:
    """What a command prints: its stdout and stderr pieces, in order, and its exit status."""

    stdout: list[str] = field(default_factory=list)
    stderr: list[str] = field(default_factory=list)
    code: int = 0

    def out(self, text: str) -> None:
        """Print a line on stdout (a newline added unless ``text`` ends in one)."""
        self.stdout.append(text if text.endswith("\n") else text + "\n")

    def err(self, text: str, code: int | None = None) -> None:
        """Print a line on stderr (a newline added unless it ends in one); ``code``, when
        given, becomes the exit status."""
        self.stderr.append(text if text.endswith("\n") else text + "\n")
        if code is not None:
            self.code = code

    @property
    def stdout_text(self) -> str:
        """Everything printed on stdout."""
        return "".join(self.stdout)

    @property
    def stderr_text(self) -> str:
        """Everything printed on stderr."""
        return "".join(self.stderr)


@dataclass
class Shell:
    """A shell a script types into (``docker run -it``, ``attach``, ``exec -it``)."""

    host: str
    container: str  # container name
    main_process: bool  # exit stops the container (run -it / attach) or not (exec)
    program: str = "sh"  # the shell as started (/bin/bash, sh …): its error messages say so
    lines: int = 0  # lines typed so far (dash numbers its messages by them)


class Session(Protocol):
    """What a command needs from the lab it runs in (:class:`netsim.lab.Lab` is one)."""

    @property
    def engine(self) -> Engine:
        """The daemons (all hosts): lookups, ``execute`` of an operation that is not kept,
        the clock."""

    @property
    def state(self) -> State:
        """The current state of every Docker host."""

    @property
    def profile(self) -> EngineProfile:
        """The Docker Engine (daemon and CLI) modelled."""

    @property
    def seed(self) -> int:
        """The seed of everything netsim draws at random."""

    @property
    def dns_rng(self) -> random.Random:
        """The embedded DNS's random stream (shuffled answers)."""

    @property
    def packages(self) -> dict[str, Packages]:
        """Packages installed in containers since they were created, by container ID."""

    def apply_operation(self, op: Operation) -> Any:
        """Apply one operation and keep it (the clock moves one second); the engine's outcome."""

    def record_operation(self, op: Operation) -> None:
        """Keep an operation the engine already applied (the clock moves one second)."""

    def open_shell(self, shell: Shell) -> None:
        """Type the script's next lines into this shell (until ``exit`` or a detach)."""

    def workspace(self, host: str) -> Workspace:
        """Docker host ``host``'s shell state: its current directory, exported variables and
        the files the script wrote there (read through to the real disk unless sandboxed).
        The docker CLI reads its files (compose files, ``--env-file``) on the host where the
        command is typed."""

    def environ(self, host: str) -> Mapping[str, str]:
        """The environment of the command being run on ``host``: the workspace's exported
        variables, ``PWD``, and the command's own ``NAME=value`` prefixes (those last only
        while it runs)."""


#: a ``docker …`` command: ``handler(session, parsed, host, out)``
Handler = Callable[["Session", "ParsedCommand", str, Output], None]


class ShuffleLog(random.Random):
    """The embedded DNS's random stream (:attr:`Session.dns_rng`), noting each multi-address
    answer it shuffles (the lab's: :meth:`take` gives those of a command)."""

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
