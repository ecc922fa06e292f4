""":func:`probe`: one command line at a vantage point, through the registry
(:mod:`netsim.probes.registry`): BusyBox's multi-call binary (``busybox ping``) and ``sh -c
SCRIPT`` (:mod:`netsim.probes.shell`) are handled here, every other program by the family that
registered it, after Docker's ``executable file not found`` where the vantage point lacks what
the program needs."""

from __future__ import annotations

import random
import shlex
from collections.abc import Mapping, Sequence

from netsim.images import ToolImpl
from netsim.images.declared import declared_toolset
from netsim.probes import shell as sh
from netsim.probes.context import (
    NOT_SIMULATED,
    ProbeResult,
    Where,
    locate,
    missing,
)
from netsim.probes.registry import program
from netsim.probes.toolbox import busybox_applets, toolbox_for
from netsim.state import State

__all__ = ["probe", "simulates"]

#: the shells' own commands (POSIX "Special Built-In Utilities" and the regular built-ins,
#: with bash's and ash's common extras): never looked up on PATH, so never "not found"
_SHELL_BUILTINS = frozenset((
    "break", ":", ".", "continue", "eval", "exec", "exit", "export", "readonly", "return",
    "set", "shift", "times", "trap", "unset", "alias", "bg", "cd", "command", "false", "fc",
    "fg", "getopts", "hash", "jobs", "kill", "pwd", "read", "true", "type", "ulimit", "umask",
    "unalias", "wait", "source", "local", "let", "echo", "printf", "test", "[", "help",
    "history", "declare", "typeset", "shopt"))


def simulates(argv: Sequence[str]) -> bool:
    """Whether :func:`probe` simulates this command (a tool it knows, or ``sh -c``)."""
    if not argv:
        return False
    prog = argv[0].rsplit("/", 1)[-1]
    if prog == "busybox" and len(argv) > 1:
        prog = argv[1]
    if prog in sh.SHELLS:
        return len(argv) > 2 and argv[1] == "-c"
    return program(prog) is not None


def _shell_c(state: State, where: str, words: list[str], *, seed: int, rng: random.Random,
             installed: Mapping[str, ToolImpl] | None, busybox: bool) -> ProbeResult:
    """``sh -c SCRIPT`` (netsim.probes.shell): each simple command is a probe at the same
    place."""

    def execute(argv: tuple[str, ...], line: int) -> sh.Result:
        from netsim.images import container_image, exec_failure

        found = locate(state, where, seed, rng)
        if isinstance(found, Where) and found.container is not None:
            info = container_image(state, found.container)
            failure = exec_failure(info, argv[0])
            if failure is not None and failure[0] == 127 and "/" not in argv[0]:
                return sh.Result("", "", 127)  # not on PATH: the shell's own words
        r = probe(state, where, list(argv), seed=seed, rng=rng, shell=(words[0], line),
                  installed=installed)
        if r.exit_code == 127:  # the program is missing: the shell says so in its -c words
            return sh.Result("", "", 127)
        return sh.Result(r.stdout, r.stderr, r.exit_code)

    # words[3:] are the script's $0, $1 …: they change nothing netsim simulates
    r = sh.run(words[0], words[2], busybox=busybox, execute=execute)
    return ProbeResult(r.stdout, r.stderr, r.exit_code)


def _shell_missing(state: State, found: Where, shell: str) -> bool:
    """The container's declared tool list (State.declared_tools) leaves this shell out."""
    if found.container is None:
        return False
    declared = state.declared_tools.get(found.container.id)
    return declared is not None and shell not in declared_toolset(declared)[1]


def probe(state: State, where: str, argv: Sequence[str] | str, *, seed: int = 0,
          rng: random.Random | None = None, shell: tuple[str, int] | None = None,
          installed: Mapping[str, ToolImpl] | None = None,
          files: frozenset[str] = frozenset()) -> ProbeResult:
    """Run one command at ``where`` (a container: ``NAME`` or ``HOST/NAME``; ``@host``,
    ``@NAME``, ``@lan``, ``@internet``) and return what it prints. ``files``: what earlier
    commands created in the container (:attr:`ProbeResult.written`).

    >>> from netsim import apply
    >>> from netsim.api import ContainerConfig, ContainerCreate, ContainerSpec
    >>> st = apply([ContainerCreate(container=ContainerSpec(name=n, Config=ContainerConfig(
    ...             Image="alpine", Cmd=("sleep", "1d")))) for n in ("a1", "a2")])
    >>> print(probe(st, "a1", "ping -c 1 172.17.0.3").stdout, end="")
    PING 172.17.0.3 (172.17.0.3): 56 data bytes
    64 bytes from 172.17.0.3: seq=0 ttl=64 time=0.083 ms
    <BLANKLINE>
    --- 172.17.0.3 ping statistics ---
    1 packets transmitted, 1 packets received, 0% packet loss
    round-trip min/avg/max = 0.083/0.083/0.083 ms
    """
    words = shlex.split(argv) if isinstance(argv, str) else list(argv)
    found = locate(state, where, seed, rng if rng is not None else random.Random(seed))
    if isinstance(found, ProbeResult):
        return found
    found.shell = shell
    found.files = files
    if installed and found.container is not None:
        found.tools = toolbox_for(found.container.spec.Config.Image, installed,
                                  declared=state.declared_tools.get(found.container.id),
                                  info=state.image_infos.get(found.container.id))
    if not words:
        return ProbeResult("", "", 0)
    prog = words[0].rsplit("/", 1)[-1]
    if prog == "busybox" and len(words) > 1:
        prog, words = words[1], words[1:]
        found.tools = busybox_applets(found.tools)
    if prog in sh.SHELLS and _shell_missing(state, found, prog):
        return missing(found, prog)  # a tool list declared without this shell
    if prog in sh.SHELLS and len(words) > 2 and words[1] == "-c":
        return _shell_c(state, where, words, seed=seed, rng=found.rng, installed=installed,
                        busybox=found.tools.cat == "busybox")
    entry = program(prog)
    where_text = "inside a container" if found.container is not None else "at " + found.label
    if (entry is None and found.container is not None and "/" not in words[0]
            and prog not in _SHELL_BUILTINS):
        # a program the image does not have: the shell's "not found" (or Docker's exec
        # error), when netsim knows the image's files (netsim.images.exec_failure)
        from netsim.images import container_image, exec_failure

        info = container_image(state, found.container)
        failure = exec_failure(info, prog)
        if failure is not None and failure[0] == 127:
            return missing(found, prog)
    if entry is None:
        # the lab (netsim.hostshell.not_simulated) turns this one line into a note and a
        # step that succeeds quietly
        return ProbeResult("", f"netsim: '{prog}' {where_text} is not simulated yet\n",
                           NOT_SIMULATED)
    if entry.need is not None and not found.tools.get(entry.need.slot):
        return missing(found, prog)  # the image lacks it: Docker's error, or the shell's
    return entry.run(found, list(words[1:]))
