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

from netsim.dockercli import argv_memo
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
from netsim.dockercli.flags.spec import CommandSpec, DaemonInfo, FlagSpec
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


@dataclass(frozen=True)
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

    Each flag's last value is kept in the instance's dict under ``_last`` once read (outside
    the fields: no part of ``repr``, equality or hashing; the instance is frozen).
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

    def _last_values(self) -> dict[str, str]:
        """Each flag's last value (built on first use, then kept)."""
        last: dict[str, str] | None = self.__dict__.get("_last")
        if last is None:  # (a later pair of a name replaces an earlier one)
            last = self.__dict__["_last"] = dict(self.flags)
        return last

    def get(self, long: str) -> str | None:
        """The last value given for exactly this flag, else None."""
        return self._last_values().get(long)

    def get_all(self, long: str) -> list[str]:
        """Every value given for exactly this flag, in command-line order."""
        return [v for k, v in self.flags if k == long]  # a new list, as callers may edit it

    def has(self, long: str) -> bool:
        """Whether this exact flag was given."""
        return bool(self.flags) and long in self._last_values()

    def shared(self, long: str) -> list[str]:
        """Values of this flag and of the flags sharing its storage, in command-line order.

        Docker stores ``--net`` and ``--network`` (likewise ``--net-alias``/``--network-alias``,
        ``--dns-opt``/``--dns-option``, ``--time``/``--timeout``) in the same variable, so
        ``shared("network")`` is the list docker itself sees.
        """
        names = storage_group(self.command, long)
        if len(names) == 1:  # no other name: exactly that flag's values
            (name,) = names
            return self.get_all(name)
        return [v for (k, v) in self.flags if k in names]

    def global_get(self, long: str) -> str | None:
        """The last value of a global option (``host``, ``context``, ``log-level``...)."""
        found = [v for (k, v) in self.global_flags if k == long]
        return found[-1] if found else None


def _parsed(command: str, flags: tuple[tuple[str, str], ...], args: tuple[str, ...],
            global_flags: tuple[tuple[str, str], ...], path: str, help_: bool,
            warnings: tuple[str, ...], stderr_warnings: int,
            log_warnings: tuple[str, ...]) -> ParsedCommand:
    """``ParsedCommand(command, flags, …)`` at half the cost.  A frozen dataclass's
    ``__init__`` stores each field with ``object.__setattr__(self, name, value)``; this fills
    the instance's dict at once (ParsedCommand has no ``__post_init__`` and converts nothing,
    so the instance is the same: tests/test_argv_memo.py checks every field)."""
    parsed: ParsedCommand = object.__new__(ParsedCommand)
    parsed.__dict__.update(command=command, flags=flags, args=args, global_flags=global_flags,
                           path=path, help=help_, warnings=warnings,
                           stderr_warnings=stderr_warnings, log_warnings=log_warnings)
    return parsed


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


def _short_is_bool(fs: FlagSet, code: int) -> bool:
    """cobra's shortHasNoOptDefVal for the shorthand whose (only) byte is ``code``."""
    f = fs.by_short.get(code)
    return f is not None and f.kind == "bool"


def _record_globals(run: Invocation, parser: FlagParser) -> None:
    for f, value in parser.sets:
        if f.long != "help":
            run.global_flags.append((f.long, value))



_DEFAULT_DAEMON = DaemonInfo()
#: the root's flag set (FlagSet.of caches it: the same object every time)
_GLOBAL_FLAGSET = FlagSet.of(GLOBAL_FLAGS)

#: docker's management commands and CLI plugins whose words are subcommands (docker/cli
#: cli/command/commands.go AddCommands): the subcommand of one netsim does not simulate is
#: named with it (``docker system prune``), not taken for an argument
_GROUPS = frozenset(("builder", "buildx", "checkpoint", "config", "container", "context",
                     "image", "manifest", "network", "node", "plugin", "secret", "service",
                     "stack", "swarm", "system", "trust", "volume", "compose"))
_SUBCOMMAND = re.compile(r"[a-z][a-z0-9-]*")


def _has_dash_word(words: list[str]) -> bool:
    """Whether a word starts with "-" (pflag reads no other word as a flag)."""
    for word in words:  # noqa: SIM110 - a loop: twice as fast as any() over a generator
        if word.startswith("-"):
            return True
    return False


#: no words (a level with no flag before its subcommand)
_NO_WORDS: tuple[str, ...] = ()


def _scan(node: CommandNode, args: list[str], profile: EngineProfile | None
          ) -> tuple[CommandNode | None, int, list[str], FlagSet | None]:
    """One level of cobra's Traverse (command.go): the words before the first one that is
    neither a flag nor a flag's value, and the child that word names.  Returns that child (None
    if none), the word's index, the flag words before it and the level's flag set if it was
    looked up (the parse of a flag word needs it)."""
    fs: FlagSet | None = None
    pending: list[str] = []
    in_flag = False
    for i, arg in enumerate(args):
        if arg.isascii():
            # cobra compares bytes; on an ASCII word str gives the same answers (one byte per
            # character), and needs no encoding.  The tests below are those of the other
            # branch, in the same order; those that need a leading "-" are skipped for a word
            # without one.
            if arg[:1] == "-":
                if "=" not in arg:
                    if fs is None:
                        fs = command_flagset(node.spec, root=node is ROOT, profile=profile)
                    if arg[1:2] == "-":
                        in_flag = not has_no_opt_def_val(fs, arg[2:])
                        pending.append(arg)
                        continue
                    if len(arg) == 2 and not _short_is_bool(fs, ord(arg[1])):
                        in_flag = True
                        pending.append(arg)
                        continue
                if in_flag:
                    in_flag = False
                    pending.append(arg)
                    continue
                # isFlagArg (``--x…``, or ``-x…`` but not ``--``): a word starting with "-"
                # other than "-" and "--"
                if arg != "-" and arg != "--":
                    pending.append(arg)
                    continue
            elif in_flag:
                in_flag = False
                pending.append(arg)
                continue
        else:
            # a word with other characters: the byte tests themselves (its length in bytes
            # matters, and encoding it may fail just as it does for cobra's Go strings)
            b = to_bytes(arg)
            if fs is None:
                fs = command_flagset(node.spec, root=node is ROOT, profile=profile)
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
        return node.find_next(arg), i, pending, fs
    return None, 0, pending, fs


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
    known = argv_memo.lookup(argv, profile, daemon)
    if known is not None:
        return _from_template(known, argv)
    token = CLI_PROFILE.set(profile)
    run = Invocation(daemon, profile)
    try:
        parsed = _parse(argv, run)
    finally:
        CLI_PROFILE.reset(token)
    leaf = run.node
    if leaf is not None and not parsed.help and parsed.command:
        fs = command_flagset(leaf.spec, root=False, profile=profile)
        tpl, free = argv_memo.template(argv, parsed, fs.by_long, not leaf.children)
        argv_memo.remember(argv, profile, daemon, tpl, free)
    return parsed


def _from_template(tpl: argv_memo.Template, argv: Sequence[str]) -> ParsedCommand:
    """A remembered parse (argv_memo) with ``argv``'s words in its free places."""
    parsed: ParsedCommand = object.__new__(ParsedCommand)
    values = parsed.__dict__
    values.update(tpl.fields)  # (all but flags and args: those of every such argv)
    values["flags"] = tuple([(k, argv[i] if i >= 0 else v) for k, v, i in tpl.flags])
    values["args"] = tuple([argv[i] if i >= 0 else v for v, i in tpl.args])
    return parsed


def _parse(argv: Sequence[str], run: Invocation) -> ParsedCommand:
    # 1. HandleGlobalFlags: the root's flags, stopping at the first non-flag word.
    n_err = 0
    if not argv or argv[0][:1] != "-" or argv[0] == "-":
        # no global option: pflag would stop at the first word having set nothing (so no
        # warning, nothing for _initialize to refuse) and hand back every word
        args = list(argv)
    else:
        gparser = FlagParser(_GLOBAL_FLAGSET, run, interspersed=False)
        try:
            gparser.parse(argv)
        except FlagError as e:
            run.stderr_prefix.extend(w + "\n" for w in gparser.warnings)
            _record_globals(run, gparser)
            _initialize(run)
            raise _fail(run, flag_error_text(str(e), [], ROOT, run.profile), 125) from None
        if gparser.warnings:
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
    chain_annotated = False  # whether a command on the path has annotations (isSupported)
    absent = run.profile.cli_absent_commands if run.profile is not None else ()
    while True:
        if not node.children and all(map(str.isascii, args)):
            # a command without subcommands: the scan could only end with nxt None, and on
            # ASCII words it cannot fail either, so it would change nothing
            break
        first = args[0] if args else None
        fs: FlagSet | None = None
        pending: Sequence[str]
        if first is not None and first.isascii() and not first.startswith("-"):
            # the usual case, the subcommand first: the scan would go straight to findNext
            # with this word (no flag before it, and without a leading "-" it is no flag)
            nxt, consumed, pending = node.find_next(first), 0, _NO_WORDS
        else:
            nxt, consumed, pending, fs = _scan(node, args, run.profile)
        if nxt is not None and absent and " ".join([*path, nxt.name]) in absent:
            nxt = None  # this CLI release has no such command
        if nxt is None:
            break
        if node.spec is None and node is not ROOT:
            raise UnsupportedCommandError(" ".join([*path, nxt.name]))
        if pending:  # parsing no words would set nothing and warn of nothing
            if fs is None:
                fs = command_flagset(node.spec, root=node is ROOT, profile=run.profile)
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
        if nxt.spec is not None and nxt.spec.annotations:
            chain_annotated = True
        args = args[consumed + 1:]

    spec = node.spec
    if spec is None and node is not ROOT:
        if path[-1] in _GROUPS and args and _SUBCOMMAND.fullmatch(args[0]):
            path.append(args[0])  # name what was typed: 'docker system prune'
        raise UnsupportedCommandError(" ".join(path))

    # 3. cobra execute on the command found.
    is_root = node is ROOT
    sets: list[tuple[FlagSpec, str]] = []
    words = args  # the command's arguments
    if _has_dash_word(args):  # else pflag would take each word as an argument, setting nothing
        fs = command_flagset(spec, root=is_root, profile=run.profile)
        parser = FlagParser(fs, run, interspersed=spec.interspersed if spec is not None else True)
        try:
            parser.parse(args)
        except FlagError as e:
            unsupported = is_supported(chain, path, [f for f, _ in parser.sets], run.daemon)
            if unsupported is not None:
                raise _fail(run, unsupported, 1) from None
            raise _fail(run, flag_error_text(str(e), path, node, run.profile), 125) from None
        sets, words = parser.sets, parser.args
        run.warnings.extend(parser.warnings)
        if is_root:
            _record_globals(run, parser)
    own_help: str | None = None  # the last value of run/create's own --help
    flags: tuple[tuple[str, str], ...] = ()
    annotated: list[FlagSpec] = []  # the flags set that isSupported looks at (it skips others)
    if sets:
        own: list[tuple[str, str]] = []
        for f, v in sets:
            if f.long != "help":
                own.append((f.long, v))
            elif f is HELP_LOCAL:
                own_help = v
            if f.annotations:
                annotated.append(f)
        flags = tuple(own)
    if own_help is not None:
        help_requested = own_help == "true"
    elif run.help:  # the root's persistent --help, if this command inherits it (not run/create)
        own_fs = command_flagset(spec, root=is_root, profile=run.profile)
        help_requested = own_fs.by_long.get("help") is HELP_PERSISTENT
    else:
        help_requested = False
    gflags = tuple(run.global_flags)
    warnings = tuple(run.warnings)
    logged = tuple(run.log_warnings)
    if help_requested:
        return ParsedCommand(spec.name if spec else "", flags, tuple(words), gflags,
                             path=" ".join(path), help=True, warnings=warnings,
                             stderr_warnings=n_err, log_warnings=logged)
    if is_root:
        version = [v for k, v in run.global_flags if k == "version"]
        if version and version[-1] == "true":
            return ParsedCommand("", (), tuple(words), gflags, warnings=warnings,
                                 stderr_warnings=n_err, log_warnings=logged)
        if words:
            if run.profile is not None and run.profile.cli_see_help_errors:
                # v26.1.5:cmd/docker/docker.go:76 (the root's RunE)
                raise _fail(run, f"docker: '{words[0]}' is not a docker command.\n"
                                 "See 'docker --help'", 1)
            raise _fail(run, f"docker: unknown command: docker {words[0]}\n\n"
                             "Run 'docker --help' for more information", 1)
        return ParsedCommand("", (), (), gflags, help=True, warnings=warnings,
                             stderr_warnings=n_err, log_warnings=logged)
    assert spec is not None
    if chain_annotated or annotated:  # else isSupported finds nothing to check
        unsupported = is_supported(chain, path, annotated, run.daemon)
        if unsupported is not None:
            raise _fail(run, unsupported, 1)
    error = args_error(spec, path, node, words, run.profile)
    if error is not None:
        raise _fail(run, error, 1)
    if run.host_set:  # no -H was parsed: no "host" option to count
        _multiple_hosts(run)
    if spec.group:  # command.ShowHelp
        return ParsedCommand(spec.name, flags, (), gflags, path=" ".join(path), help=True,
                             warnings=warnings, stderr_warnings=n_err,
                             log_warnings=logged)
    run.node = node  # (argv_memo: the command the words went to)
    return _parsed(spec.name, flags, tuple(words), gflags, " ".join(path), False, warnings,
                   n_err, logged)
