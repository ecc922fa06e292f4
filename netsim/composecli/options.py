"""``docker compose``'s command line: its global options, each command's flags (pflag, as the
Compose plugin's cobra commands declare them: docker/compose v2.40.3 ``cmd/compose/*.go``),
and the project those options choose.

A command line is parsed by :func:`parse`: the global options up to the command's name, then
the command's own flags and arguments (interspersed). pflag's own texts report a bad flag.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from netsim.dockercli.flags.pflag import FlagError, FlagParser, FlagSet, Invocation
from netsim.dockercli.flags.spec import FlagSpec, bool_flag, list_flag, num_flag, str_flag

__all__ = ["COMMANDS", "ComposeCommand", "ComposeUsageError", "parse"]

#: cmd/compose/compose.go ProjectOptions and the root's persistent flags
GLOBAL = (
    list_flag("file", "f"), str_flag("project-name", "p"), str_flag("project-directory"),
    list_flag("profile"), list_flag("env-file"), str_flag("ansi", default="auto"),
    str_flag("progress"), num_flag("parallel", default="-1"), bool_flag("dry-run"),
    bool_flag("compatibility"), bool_flag("all-resources"), str_flag("workdir"),
    bool_flag("help", "h"), bool_flag("verbose"),
)

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
    flags, least, most = COMMANDS[name]
    sub = FlagParser(FlagSet.of(flags), run, interspersed=name not in ("exec", "run"))
    try:
        sub.parse(rest)
    except FlagError as err:
        raise ComposeUsageError(str(err)) from None
    n = len(sub.args)
    # cobra's Args validators as cmd/compose declares them (cobra.MinimumNArgs, ExactArgs …)
    if n < least:
        if most == least:
            raise ComposeUsageError(f"accepts {least} arg(s), received {n}")
        raise ComposeUsageError(f"requires at least {least} arg(s), only received {n}")
    if most is not None and n > most:
        if most == least:
            raise ComposeUsageError(f"accepts {least} arg(s), received {n}")
        raise ComposeUsageError(f"accepts at most {most} arg(s), received {n}")
    return ComposeCommand(name, _flags(sub), tuple(sub.args), _flags(root))
