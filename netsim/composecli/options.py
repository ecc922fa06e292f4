"""``docker compose``'s command line: its global options, each command's flags (pflag, as the
Compose plugin's cobra commands declare them: docker/compose v2.40.3 ``cmd/compose/*.go``),
and the project those options choose.

A command line is parsed by :func:`parse`: the global options up to the command's name, then
the command's own flags and arguments (interspersed). pflag's own texts report a bad flag.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from netsim.dockercli.flags.pflag import FlagError, FlagParser, FlagSet, Invocation
from netsim.dockercli.flags.spec import FlagSpec, bool_flag, list_flag, num_flag, str_flag

__all__ = ["COMMANDS", "PROGRESS_MODES", "SIMULATED_FLAGS", "ComposeCommand",
           "ComposeUsageError", "parse", "unsimulated_flags"]

#: cmd/compose/compose.go ProjectOptions and the root's persistent flags
GLOBAL = (
    list_flag("file", "f"), str_flag("project-name", "p"), str_flag("project-directory"),
    list_flag("profile"), list_flag("env-file"), str_flag("ansi", default="auto"),
    str_flag("progress"), num_flag("parallel", default="-1"), bool_flag("dry-run"),
    bool_flag("compatibility"), bool_flag("all-resources"), str_flag("workdir"),
    bool_flag("help", "h"), bool_flag("verbose"), bool_flag("version", "v"),
    bool_flag("no-ansi"),
)

#: cmd/compose/compose.go printerModes and the "none" it also takes (--progress)
PROGRESS_MODES = ("", "auto", "tty", "plain", "quiet", "none", "json")

_UP = (bool_flag("detach", "d"), list_flag("scale"), bool_flag("no-deps"),
       bool_flag("force-recreate"), bool_flag("no-recreate"), bool_flag("no-start"),
       bool_flag("remove-orphans"), bool_flag("build"), bool_flag("no-build"),
       str_flag("pull"), bool_flag("quiet-pull"), bool_flag("wait"), num_flag("wait-timeout"),
       num_flag("timeout", "t"), bool_flag("abort-on-container-exit"),
       bool_flag("no-attach"), bool_flag("attach-dependencies"), bool_flag("no-color"),
       bool_flag("no-log-prefix"), bool_flag("renew-anon-volumes", "V"),
       bool_flag("always-recreate-deps"), list_flag("attach"), str_flag("exit-code-from"),
       bool_flag("timestamps"), bool_flag("menu"), bool_flag("watch", "w"), bool_flag("yes", "y"))

#: command → (its flags, the fewest and most arguments; None: any number)
COMMANDS: dict[str, tuple[tuple[FlagSpec, ...], int, int | None]] = {
    "up": (_UP, 0, None),
    "create": ((bool_flag("no-recreate"), bool_flag("force-recreate"), list_flag("scale"),
                bool_flag("build"), bool_flag("no-build"), str_flag("pull"),
                bool_flag("quiet-pull"), bool_flag("remove-orphans"), bool_flag("yes", "y")),
               0, None),
    "down": ((bool_flag("volumes", "v"), bool_flag("remove-orphans"), str_flag("rmi"),
              num_flag("timeout", "t")), 0, None),
    "ps": ((bool_flag("all", "a"), bool_flag("quiet", "q"), bool_flag("services"),
            str_flag("format"), list_flag("filter"), list_flag("status"),
            bool_flag("no-trunc"), bool_flag("orphans", default="true")), 0, None),
    "config": ((str_flag("format"), bool_flag("services"), bool_flag("volumes"),
                bool_flag("profiles"), bool_flag("images"), bool_flag("networks"),
                bool_flag("quiet", "q"), bool_flag("no-interpolate"),
                bool_flag("no-normalize"), bool_flag("no-path-resolution"),
                bool_flag("no-env-resolution"), bool_flag("models"),
                bool_flag("no-consistency"), bool_flag("resolve-image-digests"),
                bool_flag("environment"), bool_flag("variables"), bool_flag("hash"),
                str_flag("output", "o"), bool_flag("lock-image-digests")), 0, None),
    "port": ((str_flag("protocol", default="tcp"), num_flag("index")), 2, None),
    "exec": ((bool_flag("detach", "d"), bool_flag("no-TTY", "T"), bool_flag("tty", "t"),
              bool_flag("interactive", "i", default="true"), list_flag("env", "e"),
              str_flag("user", "u"), str_flag("workdir", "w"), num_flag("index"),
              bool_flag("privileged")), 2, None),
    "run": ((bool_flag("rm"), bool_flag("detach", "d"), bool_flag("no-deps"),
             str_flag("name"), str_flag("entrypoint"), list_flag("env", "e"),
             list_flag("label", "l"), str_flag("user", "u"), str_flag("workdir", "w"),
             list_flag("publish", "p"), bool_flag("service-ports"),
             bool_flag("use-aliases"), bool_flag("no-TTY", "T"), bool_flag("tty", "t"),
             bool_flag("interactive", "i", default="true"), bool_flag("build"),
             bool_flag("quiet-pull"), bool_flag("remove-orphans"), list_flag("volume", "v"),
             list_flag("cap-add"), list_flag("cap-drop"), str_flag("pull")), 1, None),
    "start": ((bool_flag("wait"), num_flag("wait-timeout")), 0, None),
    "stop": ((num_flag("timeout", "t"),), 0, None),
    "restart": ((num_flag("timeout", "t"), bool_flag("no-deps")), 0, None),
    "rm": ((bool_flag("force", "f"), bool_flag("stop", "s"), bool_flag("volumes", "v")),
           0, None),
    "ls": ((bool_flag("all", "a"), str_flag("format", default="table"),
            bool_flag("quiet", "q"), list_flag("filter")), 0, 0),
    "scale": ((bool_flag("no-deps"),), 1, None),
    "version": ((str_flag("format", "f"), bool_flag("short")), 0, 0),
}


#: the flags each command's handler reads, or which change nothing netsim simulates (no
#: terminal, no image pulls or builds, no stop timeouts); any other flag given is read but
#: not simulated, and said so once (composecli.run_compose)
SIMULATED_FLAGS: dict[str, frozenset[str]] = {k: frozenset(v.split()) for k, v in {
    "": "file project-name project-directory workdir profile env-file parallel help",
    "up": "detach scale no-deps remove-orphans no-start quiet-pull no-build timeout no-color "
          "no-log-prefix timestamps menu yes attach no-attach attach-dependencies "
          "abort-on-container-exit exit-code-from help",
    "create": "scale remove-orphans quiet-pull no-build yes help",
    "down": "volumes remove-orphans timeout help",
    "ps": "all quiet services format status no-trunc help",
    "config": "format services volumes profiles images networks quiet help",
    "port": "protocol index help",
    "exec": "index no-TTY tty interactive help",
    "run": "rm detach no-deps name service-ports use-aliases remove-orphans no-TTY tty "
           "interactive quiet-pull help",
    "start": "help", "stop": "timeout help", "restart": "timeout no-deps help",
    "rm": "force stop help", "ls": "all format quiet help", "scale": "no-deps help",
    "version": "short help",
}.items()}


def unsimulated_flags(cmd: ComposeCommand) -> list[str]:
    """The flags of ``cmd`` netsim reads but does not simulate, each once, as the command
    line names them (``docker compose --dry-run``, ``docker compose up --wait``);
    ``--ansi never|auto`` and ``--progress auto|plain`` change nothing here (stderr is no
    terminal)."""
    harmless = {("ansi", "never"), ("ansi", "auto"), ("progress", "auto"),
                ("progress", "plain")}
    out: list[str] = []
    for flags, allowed, head in ((cmd.global_flags, SIMULATED_FLAGS[""], "docker compose"),
                                 (cmd.flags, SIMULATED_FLAGS[cmd.command],
                                  f"docker compose {cmd.command}")):
        for name, value in flags:
            text = f"{head} --{name}"
            if name not in allowed and (name, value) not in harmless and text not in out:
                out.append(text)
    return out


class ComposeUsageError(Exception):
    """A command line the Compose plugin refuses before loading the project (its text)."""


@dataclass(frozen=True)
class ComposeCommand:
    """A parsed ``docker compose`` command line."""

    command: str
    flags: tuple[tuple[str, str], ...]
    args: tuple[str, ...]
    global_flags: tuple[tuple[str, str], ...]

    def get(self, name: str) -> str | None:
        """The last value of the command's flag ``name``."""
        found = [v for k, v in self.flags if k == name]
        return found[-1] if found else None

    def get_all(self, name: str) -> list[str]:
        """Every value of the command's flag ``name``."""
        return [v for k, v in self.flags if k == name]

    def true(self, name: str) -> bool:
        """Whether the boolean flag ``name`` is set."""
        return self.get(name) == "true"

    def option(self, name: str) -> str | None:
        """The last value of the global option ``name``."""
        found = [v for k, v in self.global_flags if k == name]
        return found[-1] if found else None

    def options(self, name: str) -> list[str]:
        """Every value of the global option ``name``."""
        return [v for k, v in self.global_flags if k == name]


def _flags(parser: FlagParser) -> tuple[tuple[str, str], ...]:
    return tuple((f.long, v) for f, v in parser.sets)


@cache
def _with_help(name: str) -> FlagSet:
    """A subcommand's flags with the -h/--help cobra gives every command (made once: FlagSet.of
    caches by the table's identity)."""
    return FlagSet.of((*COMMANDS[name][0], bool_flag("help", "h")))


def parse(argv: Sequence[str]) -> ComposeCommand:
    """``docker compose ARGV…`` read as the plugin reads it; ComposeUsageError with cobra's
    or pflag's text."""
    run = Invocation(daemon=None)
    root = FlagParser(FlagSet.of(GLOBAL), run, interspersed=False)
    try:
        root.parse(argv)
    except FlagError as err:
        raise ComposeUsageError(str(err)) from None
    if not root.args:
        raise ComposeUsageError("netsim: 'docker compose' without a command prints its help, "
                                "which netsim does not reproduce")
    name, rest = root.args[0], root.args[1:]
    if name not in COMMANDS:
        # cobra's text for an unknown subcommand of a plugin
        raise ComposeUsageError(f"unknown docker command: \"compose {name}\"")
    _, least, most = COMMANDS[name]
    # cobra gives every command -h/--help
    sub = FlagParser(_with_help(name), run, interspersed=name not in ("exec", "run"))
    try:
        sub.parse(rest)
    except FlagError as err:
        raise ComposeUsageError(str(err)) from None
    n = len(sub.args)
    if ("help", "true") in _flags(sub):  # cobra prints the help before checking arguments
        return ComposeCommand(name, _flags(sub), tuple(sub.args), _flags(root))
    # cobra's Args validators as cmd/compose declares them (cobra.MinimumNArgs, ExactArgs …)
    if n < least:
        if most == least:
            raise ComposeUsageError(f"accepts {least} arg(s), received {n}")
        raise ComposeUsageError(f"requires at least {least} arg(s), only received {n}")
    if most is not None and n > most:
        if most == least:
            raise ComposeUsageError(f"accepts {least} arg(s), received {n}")
        raise ComposeUsageError(f"accepts at most {most} arg(s), received {n}")
    if name == "scale":
        _scale_args(sub.args)
    return ComposeCommand(name, _flags(sub), tuple(sub.args), _flags(root))


def _scale_args(args: Sequence[str]) -> None:
    """cmd/compose/scale.go parseServicesReplicasArgs, before the project is read: each
    argument SERVICE=REPLICAS, REPLICAS as strconv.Atoi reads it."""
    for arg in args:
        key, eq, value = arg.partition("=")
        if not eq or not key or not value:
            raise ComposeUsageError(f"invalid scale specifier: {arg}")
        if not re.fullmatch(r"[+-]?[0-9]+", value) or not -(2 ** 63) <= int(value) < 2 ** 63:
            raise ComposeUsageError("invalid scale specifier: can't parse replica value as "
                                    f"int: {arg}")
