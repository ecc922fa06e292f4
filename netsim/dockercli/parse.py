"""Parse a ``docker`` command line the way the docker CLI v29.1 does.

This is a re-implementation (no code copied) of the command-line handling of docker/cli at
tag ``v29.1.0`` (the flag tables are unchanged through ``v29.1.5``).  Sources followed:

* ``cmd/docker/docker.go`` - ``runDocker``, the root command's ``RunE`` (unknown command),
  ``setFlagErrorFunc``/``setValidateArgs``/``isSupported`` and ``getExitCode``;
* ``cli/cobra.go`` - ``FlagErrorFunc`` (exit status 125), ``HandleGlobalFlags`` (global options
  are parsed first, non-interspersed); ``cli/required.go`` - the argument-count errors;
  ``cli/error.go`` - ``StatusError``; ``cli/command/cli.go`` - ``Initialize`` (log level,
  ``--host``/``--context`` conflict); ``cli/flags/options.go`` - the global options;
* ``cli/command/container/{opts,run,create,exec,attach,inspect,kill,logs,list,pause,port,
  prune,rename,restart,rm,start,stop,top,unpause,update,cmd}.go``, ``cli/command/network/*.go``,
  ``cli/command/volume/*.go``, ``cli/command/image/{pull,list,cmd}.go``,
  ``cli/command/system/inspect.go`` - commands, their ``Args`` validators and flags;
* ``opts/*.go`` - flag value types and the validators that run while flags are parsed;
* ``vendor/github.com/spf13/pflag`` (v1.0.10: ``flag.go``, ``errors.go``, typed values) and
  ``vendor/github.com/spf13/cobra`` (v1.10.1: ``command.go`` ``Traverse``/``execute``/``UseLine``,
  ``args.go``), ``vendor/github.com/docker/go-units`` (``size.go``, ``ulimit.go``);
* the Go 1.25 standard library behaviour those rely on (``strconv`` number parsing and
  ``Quote``, ``time.ParseDuration``, ``net.ParseIP``/``ParseCIDR`` via ``net/netip``,
  ``encoding/csv`` ``Reader.Read``) is reproduced so that error texts match.

Only what the CLI does *before* its command's ``RunE`` is modelled: global options, command
resolution, flag parsing (including the validators of the flag value types), help requests,
argument-count validation and, optionally, the daemon-feature check (``isSupported``) that
docker runs on changed flags.  Validation done inside ``RunE`` (e.g. ``--pull`` values, the
container-config checks of ``docker run``) is not part of this module.

Environment variables are not consulted (``DOCKER_HOST``, ``DOCKER_DEFAULT_PLATFORM``,
``DOCKER_HIDE_LEGACY_COMMANDS``...), no CLI plugins exist and no user aliases are configured.

The flag tables and pflag/cobra's machinery live in :mod:`netsim.dockercli.flags`; this module
is the top-level parse of a ``docker …`` argv and its result, :class:`ParsedCommand`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from netsim.dockercli.flags.cobra import args_error, flag_error_text, is_supported
from netsim.dockercli.flags.pflag import (
    FlagError,
    FlagParser,
    FlagSet,
    Invocation,
    command_flagset,
    has_no_opt_def_val,
    is_flag_arg,
    short_has_no_opt_def_val,
)
from netsim.dockercli.flags.root import GLOBAL_FLAGS, HELP_LOCAL, HELP_PERSISTENT
from netsim.dockercli.flags.spec import CommandSpec, DaemonInfo
from netsim.dockercli.flags.tree import ROOT, CommandNode, storage_group
from netsim.dockercli.flags.validators import CLI_PROFILE
from netsim.errors import DockerCliError, InputError
from netsim.golang.text import to_bytes
from netsim.versions import DEFAULT_PROFILE, EngineProfile

__all__ = [
    "DaemonInfo",
    "DockerCliError",
    "ParsedCommand",
    "UnsupportedCommandError",
    "parse_docker_argv",
]


@dataclass(frozen=True, slots=True)
class ParsedCommand:
    """A successfully parsed docker command line.

    ``command`` is the canonical command name (``""`` for the bare ``docker`` root command, which
    only ever prints its help or, with ``--version``, its version).  ``path`` is the command path
    docker shows (``"container ls"`` for ``docker container list``).  ``flags`` holds every flag
    as given, in order, under the long name actually used (``net`` stays ``net``; booleans are
    ``"true"``/``"false"``; ``--help`` is not listed).  ``help`` is true when docker
    would print the command's help and exit 0 instead of running it (``--help``/``-h``, or a
    management command such as ``docker network`` given without a subcommand).  ``warnings`` are
    the flag deprecation notices pflag prints (the ``-h`` one given before the command goes to
    stderr, the others to stdout).
    """

    command: str
    flags: tuple[tuple[str, str], ...]
    args: tuple[str, ...]
    global_flags: tuple[tuple[str, str], ...]
    path: str = ""
    help: bool = False
    warnings: tuple[str, ...] = ()
    #: the first of ``warnings`` that docker prints on stderr: those of the global options
    #: (``docker -h ps``: ``Flag shorthand -h has been deprecated, …``); the command's own go
    #: to stdout (measured: conformance/recorded/28.5, 40-cli-unknown-commands-flags)
    stderr_warnings: int = 0
    #: what the CLI logs at warning level while parsing (logrus: ``time="…" level=warning
    #: msg="…"`` on stderr), e.g. --mount's bind-nonrecursive on 23.0–28.x
    log_warnings: tuple[str, ...] = ()

    def get(self, long: str) -> str | None:
        """The last value given for exactly this flag, else None."""
        values = self.get_all(long)
        return values[-1] if values else None

    def get_all(self, long: str) -> list[str]:
        """Every value given for exactly this flag, in command-line order."""
        if not self.flags:
            return []
        return [v for (k, v) in self.flags if k == long]

    def has(self, long: str) -> bool:
        """Whether this exact flag was given."""
        return any(k == long for (k, _) in self.flags)

    def shared(self, long: str) -> list[str]:
        """Values of this flag and of the flags sharing its storage, in command-line order.

        Docker stores ``--net`` and ``--network`` (likewise ``--net-alias``/``--network-alias``,
        ``--dns-opt``/``--dns-option``, ``--time``/``--timeout``) in the same variable, so
        ``shared("network")`` is the list docker itself sees.
        """
        names = storage_group(self.command, long)
        return [v for (k, v) in self.flags if k in names]

    def global_get(self, long: str) -> str | None:
        """The last value of a global option (``host``, ``context``, ``log-level``...)."""
        found = [v for (k, v) in self.global_flags if k == long]
        return found[-1] if found else None


class UnsupportedCommandError(InputError):
    """A real docker command (or a common CLI plugin) that netsim does not simulate."""

    def __init__(self, path: str) -> None:
        self.command_path = path
        # the same words as a command netsim parses but has no handler for
        # (netsim.dockercli.commands.run_docker), which netsim.hostshell.not_simulated reads
        super().__init__(f"docker {path}", f"'docker {path}' is not simulated")



def _fail(run: Invocation, text: str, code: int) -> DockerCliError:
    return DockerCliError("".join(run.stderr_prefix) + text, exit_code=code)


_LOGRUS_LEVELS = frozenset({"panic", "fatal", "error", "warn", "warning", "info", "debug",
                            "trace"})


def _initialize(run: Invocation) -> None:
    """The parts of DockerCli.Initialize that can fail on the options alone."""
    level = None
    context = ""
    hosts = 0
    for long, value in run.global_flags:
        if long == "log-level":
            level = value
        elif long == "context":
            context = value
        elif long == "host":
            hosts = 1
    if level and level.lower() not in _LOGRUS_LEVELS:
        raise _fail(run, f"Unable to parse logging level: {level}", 1)
    if context != "" and hosts:
        conflict = (run.profile.cli_host_context_conflict if run.profile is not None
                    else DEFAULT_PROFILE.cli_host_context_conflict)
        raise _fail(run, conflict, 1)


def _multiple_hosts(run: Invocation) -> None:
    """A CLI that keeps ``-H`` as a list fails when the command first needs the daemon, after
    its arguments are checked (EngineProfile.cli_multiple_hosts_error)."""
    text = run.profile.cli_multiple_hosts_error if run.profile is not None else ""
    if text and sum(1 for long, _ in run.global_flags if long == "host") > 1:
        raise _fail(run, text, 1)


def _record_globals(run: Invocation, parser: FlagParser) -> None:
    for f, value in parser.sets:
        if f.long != "help":
            run.global_flags.append((f.long, value))



_DEFAULT_DAEMON = DaemonInfo()

#: docker's management commands and CLI plugins whose words are subcommands (docker/cli
#: cli/command/commands.go AddCommands): the subcommand of one netsim does not simulate is
#: named with it (``docker system prune``), not taken for an argument
_GROUPS = frozenset(("builder", "buildx", "checkpoint", "config", "container", "context",
                     "image", "manifest", "network", "node", "plugin", "secret", "service",
                     "stack", "swarm", "system", "trust", "volume", "compose"))
_SUBCOMMAND = re.compile(r"[a-z][a-z0-9-]*")


def parse_docker_argv(argv: Sequence[str], *,
                      daemon: DaemonInfo | None = _DEFAULT_DAEMON,
                      profile: EngineProfile | None = None) -> ParsedCommand:
    """Parse the words after ``docker`` as docker v29.1 does.

    Returns the parsed command, or raises :class:`DockerCliError` with the text docker prints on
    stderr and its exit status, or :class:`UnsupportedCommandError` for a real docker command
    that netsim does not simulate.  ``daemon`` describes the engine for docker's check of
    daemon-dependent flags (``None``: no daemon information, nothing is rejected). ``profile``
    is the engine whose CLI release is modelled where CLI releases differ (deprecations, the
    address flags, argument-count texts; :class:`netsim.versions.EngineProfile` ``cli_*``);
    None: docker/cli v29.1.
    """
    token = CLI_PROFILE.set(profile)
    try:
        return _parse(argv, Invocation(daemon, profile))
    finally:
        CLI_PROFILE.reset(token)


def _parse(argv: Sequence[str], run: Invocation) -> ParsedCommand:
    # 1. HandleGlobalFlags: the root's flags, stopping at the first non-flag word.
    gparser = FlagParser(FlagSet.of(GLOBAL_FLAGS), run, interspersed=False)
    try:
        gparser.parse(argv)
    except FlagError as e:
        run.stderr_prefix.extend(w + "\n" for w in gparser.warnings)
        _record_globals(run, gparser)
        _initialize(run)
        raise _fail(run, flag_error_text(str(e), [], ROOT, run.profile), 125) from None
    run.stderr_prefix.extend(w + "\n" for w in gparser.warnings)
    run.warnings.extend(gparser.warnings)
    n_err = len(gparser.warnings)
    _record_globals(run, gparser)
    _initialize(run)
    args = gparser.args

    # 2. cobra Traverse from the root: parse each parent's flags, descend into subcommands.
    node = ROOT
    path: list[str] = []
    chain: list[CommandSpec | None] = [None]
    while True:
        fs = command_flagset(node.spec, root=node is ROOT, profile=run.profile)
        pending: list[str] = []
        in_flag = False
        nxt: CommandNode | None = None
        consumed = 0
        for i, arg in enumerate(args):
            b = to_bytes(arg)
            if b.startswith(b"--") and b"=" not in b:
                in_flag = not has_no_opt_def_val(fs, arg[2:])
                pending.append(arg)
                continue
            if (b.startswith(b"-") and b"=" not in b and len(b) == 2
                    and not short_has_no_opt_def_val(fs, b[1:])):
                in_flag = True
                pending.append(arg)
                continue
            if in_flag:
                in_flag = False
                pending.append(arg)
                continue
            if is_flag_arg(b):
                pending.append(arg)
                continue
            nxt = node.find_next(arg)
            if (nxt is not None and run.profile is not None
                    and " ".join([*path, nxt.name]) in run.profile.cli_absent_commands):
                nxt = None  # this CLI release has no such command
            consumed = i
            break
        if nxt is None:
            break
        if node.spec is None and node is not ROOT:
            raise UnsupportedCommandError(" ".join([*path, nxt.name]))
        tparser = FlagParser(fs, run, interspersed=True)
        try:
            tparser.parse(pending)
        except FlagError as e:  # cobra returns this error as is: exit status 1, no usage
            raise _fail(run, str(e), 1) from None
        run.warnings.extend(tparser.warnings)
        if node is ROOT:
            _record_globals(run, tparser)
        node = nxt
        path.append(nxt.name)
        chain.append(nxt.spec)
        args = args[consumed + 1:]

    spec = node.spec
    if spec is None and node is not ROOT:
        if path[-1] in _GROUPS and args and _SUBCOMMAND.fullmatch(args[0]):
            path.append(args[0])  # name what was typed: 'docker system prune'
        raise UnsupportedCommandError(" ".join(path))

    # 3. cobra execute on the command found.
    is_root = node is ROOT
    fs = command_flagset(spec, root=is_root, profile=run.profile)
    parser = FlagParser(fs, run, interspersed=spec.interspersed if spec is not None else True)
    try:
        parser.parse(args)
    except FlagError as e:
        unsupported = is_supported(chain, path, [f for f, _ in parser.sets], run.daemon)
        if unsupported is not None:
            raise _fail(run, unsupported, 1) from None
        raise _fail(run, flag_error_text(str(e), path, node, run.profile), 125) from None
    run.warnings.extend(parser.warnings)
    if is_root:
        _record_globals(run, parser)
    own_help = [v for f, v in parser.sets if f is HELP_LOCAL]
    help_requested = (own_help[-1] == "true") if own_help else (
        run.help if fs.by_long.get("help") is HELP_PERSISTENT else False)
    flags = tuple((f.long, v) for f, v in parser.sets if f.long != "help")
    gflags = tuple(run.global_flags)
    warnings = tuple(run.warnings)
    logged = tuple(run.log_warnings)
    if help_requested:
        return ParsedCommand(spec.name if spec else "", flags, tuple(parser.args), gflags,
                             path=" ".join(path), help=True, warnings=warnings,
                             stderr_warnings=n_err, log_warnings=logged)
    if is_root:
        version = [v for k, v in run.global_flags if k == "version"]
        if version and version[-1] == "true":
            return ParsedCommand("", (), tuple(parser.args), gflags, warnings=warnings,
                                 stderr_warnings=n_err, log_warnings=logged)
        if parser.args:
            if run.profile is not None and run.profile.cli_see_help_errors:
                # v26.1.5:cmd/docker/docker.go:76 (the root's RunE)
                raise _fail(run, f"docker: '{parser.args[0]}' is not a docker command.\n"
                                 "See 'docker --help'", 1)
            raise _fail(run, f"docker: unknown command: docker {parser.args[0]}\n\n"
                             "Run 'docker --help' for more information", 1)
        return ParsedCommand("", (), (), gflags, help=True, warnings=warnings,
                             stderr_warnings=n_err, log_warnings=logged)
    assert spec is not None
    unsupported = is_supported(chain, path, [f for f, _ in parser.sets], run.daemon)
    if unsupported is not None:
        raise _fail(run, unsupported, 1)
    error = args_error(spec, path, node, parser.args, run.profile)
    if error is not None:
        raise _fail(run, error, 1)
    _multiple_hosts(run)
    if spec.group:  # command.ShowHelp
        return ParsedCommand(spec.name, flags, (), gflags, path=" ".join(path), help=True,
                             warnings=warnings, stderr_warnings=n_err,
                             log_warnings=logged)
    return ParsedCommand(spec.name, flags, tuple(parser.args), gflags, path=" ".join(path),
                         warnings=warnings, stderr_warnings=n_err,
                             log_warnings=logged)
