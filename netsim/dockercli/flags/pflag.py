"""pflag's parsing of a flag set (spf13/pflag v1.0.10 ``flag.go``, ``errors.go`` and the typed
values, as vendored by docker/cli v29.1.0), with the flag-value checks docker's types run while
parsing, and the state one docker invocation shares between its flag sets."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from netsim.dockercli.flags.root import GLOBAL_FLAGS, HELP_PERSISTENT
from netsim.dockercli.flags.spec import CommandSpec, DaemonInfo, FlagSpec, num_flag
from netsim.dockercli.flags.validators import STRING_ADDRESS_CHECKS, VALIDATORS, validate_mount
from netsim.golang.quote import go_quote, go_quote_rune
from netsim.golang.text import from_bytes, to_bytes
from netsim.golang.values import GoError, parse_bool
from netsim.versions import EngineProfile

if TYPE_CHECKING:
    from netsim.dockercli.flags.tree import CommandNode

__all__ = [
    "TIME_FLAG",
    "FlagError",
    "FlagParser",
    "FlagSet",
    "Invocation",
    "command_flagset",
    "flag_name_for_error",
    "has_no_opt_def_val",
    "is_flag_arg",
    "release_flags",
    "short_has_no_opt_def_val",
]


class FlagError(Exception):
    """An error from pflag's FlagSet.Parse; ``str()`` is its text."""


_FLAGSET_CACHE: dict[int, tuple[Sequence[FlagSpec], FlagSet]] = {}


@dataclass(slots=True)
class FlagSet:
    """A pflag FlagSet: its flags by long name and by shorthand byte.

    ``by_word`` is a shortcut for the parser: the flag that a whole word ``--name`` or ``-x``
    (no ``=``, no other shorthand) names, for the names and shorthands whose reading involves
    nothing else (see :meth:`build`); a word not in it takes pflag's full route.
    """

    by_long: dict[str, FlagSpec]
    by_short: dict[int, FlagSpec]
    by_word: dict[str, FlagSpec] = field(default_factory=dict)

    @classmethod
    def of(cls, flags: Sequence[FlagSpec]) -> FlagSet:
        """The flag set of a flag table (cached: the tables are constants)."""
        # flag tables are module constants: cache by identity (hashing 100 specs is slow);
        # the entry keeps the sequence alive so its id cannot be reused
        hit = _FLAGSET_CACHE.get(id(flags))
        if hit is not None and hit[0] is flags:
            return hit[1]
        built = cls.build(flags)
        _FLAGSET_CACHE[id(flags)] = (flags, built)
        return built

    @classmethod
    def build(cls, flags: Sequence[FlagSpec]) -> FlagSet:
        """A new flag set (the first flag of a name wins)."""
        by_long: dict[str, FlagSpec] = {}
        by_short: dict[int, FlagSpec] = {}
        for f in flags:
            if f.long in by_long:  # cobra merges inherited flags only when the name is free
                continue
            by_long[f.long] = f
            if f.short:
                by_short[ord(f.short)] = f
        by_word: dict[str, FlagSpec] = {}
        for long, f in by_long.items():
            # ``--long``: pflag's parseLongArg finds exactly this flag (a name that starts with
            # "-" or "=" or holds "=" is read otherwise)
            if long and long[0] not in "-=" and "=" not in long:
                by_word["--" + long] = f
        for code, f in by_short.items():
            # ``-x`` alone: parseShortArg's one turn for an ASCII shorthand (its one byte);
            # "-" and "=" read otherwise, a deprecated shorthand warns
            if code < 0x80 and chr(code) not in "-=" and not f.shorthand_deprecated:
                by_word["-" + chr(code)] = f
        return cls(by_long, by_short, by_word)


@dataclass(slots=True)
class Invocation:
    """Mutable state of one docker invocation (values shared between flag sets)."""

    daemon: DaemonInfo | None
    profile: EngineProfile | None = None
    host_set: bool = False
    help: bool = False  # the root's persistent --help, shared by every command inheriting it
    global_flags: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    stderr_prefix: list[str] = field(default_factory=list)
    log_warnings: list[str] = field(default_factory=list)
    #: the command the words went to, once parsed without an error (parse.py sets it)
    node: CommandNode | None = None


def flag_name_for_error(f: FlagSpec) -> str:
    """How pflag names a flag in ``invalid argument`` errors (``-p, --publish``)."""
    if f.short and not f.shorthand_deprecated:
        return f"-{f.short}, --{f.long}"
    return f"--{f.long}"


class FlagParser:
    """pflag's ``FlagSet.Parse`` for one flag set (spf13/pflag v1.0.10, flag.go)."""

    __slots__ = ("args", "fs", "interspersed", "run", "sets", "warnings")

    def __init__(self, fs: FlagSet, run: Invocation, *, interspersed: bool) -> None:
        self.fs = fs
        self.run = run
        self.interspersed = interspersed
        self.sets: list[tuple[FlagSpec, str]] = []
        self.args: list[str] = []
        self.warnings: list[str] = []

    def _set(self, f: FlagSpec, value: str) -> None:
        check = f.check
        kind = f.kind
        if not check and kind != "bool":
            shown = value  # nothing to check and nothing to rewrite (what _checked would do)
        elif check == "bool" and kind == "bool" and (value == "true" or value == "false"):
            # the usual ``-d``/``--rm``: strconv.ParseBool accepts both spellings and gives back
            # the same one, so neither the check nor the rewrite changes anything (no
            # address-check rewrite applies to "bool", and such a flag is not --host)
            shown = value
        else:
            shown = self._checked(f, value)
        if f is HELP_PERSISTENT:
            self.run.help = shown == "true"
        self.sets.append((f, shown))
        if f.deprecated:
            profile = self.run.profile
            if profile is None or f.long in profile.cli_deprecated_flags:
                self.warnings.append(f"Flag --{f.long} has been deprecated, {f.deprecated}")

    def _checked(self, f: FlagSpec, value: str) -> str:
        """Run the flag type's parse-time check; the value as pflag records it."""
        shown = value
        try:
            if f.check == "host":
                profile = self.run.profile
                if self.run.host_set and (profile is None or not profile.cli_multiple_hosts_error):
                    # v28.5.2:cli/flags/options.go:81 (older CLIs keep a list: _multiple_hosts)
                    raise GoError("specify only one -H")
                self.run.host_set = True
            elif f.check:
                check = f.check
                profile = self.run.profile
                if profile is not None and not profile.cli_parses_addresses:
                    check = STRING_ADDRESS_CHECKS.get((f.long, check), check)
                if check == "mount" and profile is not None:
                    validate_mount(value, nonrecursive=profile.cli_bind_nonrecursive,
                             log=self.run.log_warnings)
                elif check:
                    VALIDATORS[check](value)
            if f.kind == "bool":
                shown = "true" if parse_bool(value) else "false"
        except GoError as e:
            raise FlagError(f"invalid argument {go_quote(value)} for "
                             f"{go_quote(flag_name_for_error(f))} flag: {e}") from None
        return shown

    def _long(self, s: str, rest: Sequence[str], i: int) -> int:
        """One ``--name[=value]`` word; ``rest[i:]`` are the words after it.  Returns the index
        of the next word to parse."""
        name = s[2:]
        if not name or name[0] in "-=":
            raise FlagError(f"bad flag syntax: {s}")
        name, eq, value = name.partition("=")
        f = self.fs.by_long.get(name)
        if f is None:
            raise FlagError(f"unknown flag: --{name}")
        if eq:
            pass
        elif f.kind == "bool":
            value = "true"
        elif i < len(rest):
            value = rest[i]
            i += 1
        else:
            raise FlagError(f"flag needs an argument: --{name}")
        self._set(f, value)
        return i

    def _short(self, s: str, rest: Sequence[str], i: int) -> int:
        """One ``-abc`` word of shorthands; ``rest[i:]`` are the words after it.  Returns the
        index of the next word to parse."""
        shorthands = to_bytes(s)[1:]
        nxt_i = i
        while shorthands:
            if shorthands.startswith(b"test."):
                break
            c = shorthands[0]
            f = self.fs.by_short.get(c)
            if f is None:
                raise FlagError(f"unknown shorthand flag: {go_quote_rune(c)} in "
                                 f"-{from_bytes(shorthands)}")
            if len(shorthands) > 2 and shorthands[1] == ord("="):
                value, nxt = from_bytes(shorthands[2:]), b""
            elif f.kind == "bool":
                value, nxt = "true", shorthands[1:]
            elif len(shorthands) > 1:
                value, nxt = from_bytes(shorthands[1:]), b""
            elif i < len(rest):
                # pflag takes the value from the words after this one: always the first of them
                # (a value-taking shorthand ends the word, so this happens at most once)
                value, nxt = rest[i], b""
                nxt_i = i + 1
            else:
                raise FlagError(f"flag needs an argument: {go_quote_rune(c)} in "
                                 f"-{from_bytes(shorthands)}")
            if f.shorthand_deprecated:
                self._shorthand_deprecated(f)
            self._set(f, value)
            shorthands = nxt
        return nxt_i

    def _shorthand_deprecated(self, f: FlagSpec) -> None:
        text = (f.shorthand_deprecated if self.run.profile is None
                else self.run.profile.cli_help_shorthand_deprecation)
        self.warnings.append(f"Flag shorthand -{f.short} has been deprecated, {text}")

    def parse(self, arguments: Sequence[str]) -> None:
        """Parse the arguments: the flags go to ``sets``, the rest to ``args``."""
        # pflag consumes its argument list from the front; walking an index over the (never
        # modified) sequence reads the same words in the same order without copying the tail
        args = self.args
        by_word = self.fs.by_word
        i, n = 0, len(arguments)
        while i < n:
            s = arguments[i]
            i += 1
            f = by_word.get(s)
            if f is not None and (f.kind == "bool" or i < n):
                # ``--name`` or ``-x`` naming a flag (FlagSet.by_word), with its value if it
                # takes one: what _long and _short do with such a word
                if f.kind == "bool":
                    self._set(f, "true")
                else:
                    self._set(f, arguments[i])
                    i += 1
                continue
            if not s.startswith("-") or s == "-":  # len(s) == 0 || s[0] != '-' || len(s) == 1
                args.append(s)
                if not self.interspersed:
                    args.extend(arguments[i:])
                    return
                continue
            if s[1] == "-":
                if s == "--":
                    args.extend(arguments[i:])
                    return
                i = self._long(s, arguments, i)
            else:
                i = self._short(s, arguments, i)


_COMMAND_FLAGSETS: dict[tuple[str | None, str | None], FlagSet] = {}


#: ``-t, --time`` of docker/cli ≤ 27.x's stop and restart (EngineProfile.cli_stop_time_flag)
TIME_FLAG = num_flag("time", "t")


def release_flags(name: str, flags: tuple[FlagSpec, ...], profile: EngineProfile | None
                   ) -> tuple[FlagSpec, ...]:
    """A command's flags as the profile's CLI release defines them."""
    if profile is None:
        return flags
    absent = {a.rpartition(" --")[2] for a in profile.cli_absent_flags
              if a.rpartition(" --")[0] == name}
    if absent:
        flags = tuple(f for f in flags if f.long not in absent)
    if profile.cli_stop_time_flag and any(f.long == "timeout" for f in flags):
        flags = tuple(TIME_FLAG if f.long == "timeout" else f for f in flags
                      if f.long != "time")
    return flags


def command_flagset(spec: CommandSpec | None, *, root: bool,
                     profile: EngineProfile | None = None) -> FlagSet:
    """The flags a command parses: the root's global options, or the command's own (as the
    profile's CLI release has them) and the inherited ``--help``."""
    if root:
        return FlagSet.of(GLOBAL_FLAGS)
    key = (spec.name if spec is not None else None, profile.name if profile else None)
    found = _COMMAND_FLAGSETS.get(key)
    if found is None:
        own = release_flags(spec.name, spec.flags, profile) if spec is not None else ()
        found = _COMMAND_FLAGSETS[key] = FlagSet.build((*own, HELP_PERSISTENT))
    return found



def has_no_opt_def_val(fs: FlagSet, name: str) -> bool:
    """cobra's hasNoOptDefVal: whether the long flag takes no separate value (a bool)."""
    f = fs.by_long.get(name)
    return f is not None and f.kind == "bool"


def short_has_no_opt_def_val(fs: FlagSet, name: bytes) -> bool:
    """cobra's shortHasNoOptDefVal: the same for a shorthand."""
    if not name:
        return False
    f = fs.by_short.get(name[0])
    return f is not None and f.kind == "bool"


def is_flag_arg(arg: bytes) -> bool:
    """cobra's isFlagArg: whether the word is a flag (``--x`` or ``-x``)."""
    return (len(arg) >= 3 and arg[:2] == b"--") or (len(arg) >= 2 and arg[0] == ord("-")
                                                      and arg[1] != ord("-"))
