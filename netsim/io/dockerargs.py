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
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass, field
from fractions import Fraction
from types import MappingProxyType
from typing import Literal

from netsim.errors import DockerCliError, InputError
from netsim.versions import DEFAULT_PROFILE, EngineProfile

__all__ = [
    "COMMANDS",
    "GLOBAL_FLAGS",
    "CommandSpec",
    "DaemonInfo",
    "DockerCliError",
    "FlagSpec",
    "ParsedCommand",
    "UnsupportedCommandError",
    "go_int",
    "go_parse_uint",
    "parse_docker_argv",
]

# --------------------------------------------------------------------------------------------
# Public data types
# --------------------------------------------------------------------------------------------

FlagKind = Literal["bool", "value", "list"]
ArgsRule = Literal["arbitrary", "none", "min", "max", "exact", "range"]


@dataclass(frozen=True, slots=True)
class FlagSpec:
    """One pflag flag of a docker command.

    ``kind``: ``bool`` (takes no separate value), ``value`` (last one wins) or ``list`` (may be
    repeated and accumulates: ListOpts, MapOpts, FilterOpt, NetworkOpt, pflag slices...).
    ``value_type`` is pflag's type name as shown in ``--help`` (``bool`` for booleans, which
    help shows without a type).  ``check`` names the parse-time validator of the value type
    (empty: none).  ``alias_of`` names the flag whose storage this flag shares (``--net`` and
    ``--network``).  ``annotations`` are the cobra flag annotations docker checks against the
    daemon (``version``, ``ostype``, ``experimental``, ``swarm``, ``experimentalCLI``).
    """

    long: str
    short: str | None
    kind: FlagKind
    value_type: str
    hidden: bool = False
    deprecated: str | None = None
    default: str = ""
    check: str = ""
    alias_of: str | None = None
    shorthand_deprecated: str | None = None
    annotations: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class CommandSpec:
    """A docker command netsim understands.

    ``name`` is the canonical name (``"run"``, ``"network create"``, ``"ps"``); ``paths`` are all
    the ways to invoke it (``"container ls"``, ``"container list"``...).  ``usage`` is what docker
    prints after ``Usage:  `` for the canonical path; ``use`` is the cobra ``Use`` string from
    which the usage line of any path is derived.  ``args_rule`` names the cobra ``Args``
    validator (``none`` = ``cli.NoArgs``, ``min`` = ``cli.RequiresMinArgs``, ``max`` =
    ``cli.RequiresMaxArgs``, ``exact`` = ``cli.ExactArgs``, ``range`` = ``cli.RequiresRangeArgs``).
    ``flags`` are the command's own flags; every command except ``run``/``create`` also accepts
    the inherited, hidden ``--help``/``-h`` (see :data:`GLOBAL_FLAGS`).
    """

    name: str
    usage: str
    short: str
    flags: tuple[FlagSpec, ...]
    interspersed: bool
    min_args: int
    max_args: int | None
    args_rule: ArgsRule
    use: str
    paths: tuple[str, ...]
    group: bool = False
    annotations: tuple[tuple[str, str], ...] = ()

    def flag(self, long: str) -> FlagSpec | None:
        """The flag with this long name, if the command has it."""
        for f in self.flags:
            if f.long == long:
                return f
        return None


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
        names = _storage_group(self.command, long)
        return [v for (k, v) in self.flags if k in names]

    def global_get(self, long: str) -> str | None:
        """The last value of a global option (``host``, ``context``, ``log-level``...)."""
        found = [v for (k, v) in self.global_flags if k == long]
        return found[-1] if found else None


class UnsupportedCommandError(InputError):
    """A real docker command (or a common CLI plugin) that netsim does not simulate."""

    def __init__(self, path: str) -> None:
        self.command_path = path
        super().__init__(f"docker {path}", "netsim does not simulate this docker command")


@dataclass(frozen=True, slots=True)
class DaemonInfo:
    """What the CLI learns from the daemon for ``isSupported`` (Docker Engine 29.1 on Linux)."""

    os_type: str = "linux"
    api_version: str = "1.52"
    experimental: bool = False


# --------------------------------------------------------------------------------------------
# Go standard library behaviour needed for exact error texts
# --------------------------------------------------------------------------------------------


def _to_bytes(s: str) -> bytes:
    return s.encode("utf-8", "surrogateescape")


def _from_bytes(b: bytes) -> str:
    return b.decode("utf-8", "surrogateescape")


_GO_ESCAPES = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t",
               "\v": "\\v"}


def _escape_rune(ch: str, quote: str) -> str:
    cp = ord(ch)
    if 0xDC80 <= cp <= 0xDCFF:  # an undecodable byte kept by surrogateescape
        return f"\\x{cp - 0xDC00:02x}"
    if ch == quote or ch == "\\":
        return "\\" + ch
    if ch.isprintable() and not 0xD800 <= cp <= 0xDFFF:
        return ch
    if ch in _GO_ESCAPES:
        return _GO_ESCAPES[ch]
    if cp < 0x20 or cp == 0x7F:
        return f"\\x{cp:02x}"
    if 0xD800 <= cp <= 0xDFFF:
        cp = 0xFFFD
    if cp < 0x10000:
        return f"\\u{cp:04x}"
    return f"\\U{cp:08x}"


def _go_quote(s: str) -> str:
    """strconv.Quote (what Go's ``%q`` does with a string)."""
    return '"' + "".join(_escape_rune(ch, '"') for ch in s) + '"'


def _go_quote_rune(cp: int) -> str:
    """strconv.QuoteRune (what Go's ``%q`` does with a rune)."""
    return "'" + _escape_rune(chr(cp), "'") + "'"


def _time_quote(s: str) -> str:
    """The private ``quote`` of package time (used by ParseDuration errors)."""
    out = ['"']
    for ch in s:
        cp = ord(ch)
        if cp >= 0x80 or cp < 0x20:
            out.extend(f"\\x{b:02x}" for b in _to_bytes(ch))
        else:
            if ch in '"\\':
                out.append("\\")
            out.append(ch)
    out.append('"')
    return "".join(out)


_GO_SPACE = frozenset("\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
                      "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")


def _go_trim_space(s: str) -> str:
    """strings.TrimSpace (Go's notion of white space, not Python's)."""
    i, j = 0, len(s)
    while i < j and s[i] in _GO_SPACE:
        i += 1
    while j > i and s[j - 1] in _GO_SPACE:
        j -= 1
    return s[i:j]


class _GoError(Exception):
    """An error value of the Go code being reproduced; ``str()`` is its ``Error()`` text."""


class _NumError(_GoError):
    def __init__(self, func: str, num: str, err: str) -> None:
        self.func = func
        self.num = num
        self.err = err
        super().__init__(f"strconv.{func}: parsing {_go_quote(num)}: {err}")


_SYNTAX = "invalid syntax"
_RANGE = "value out of range"


def _lower(c: int) -> int:
    return c | 0x20


def _underscore_ok(s: bytes) -> bool:
    saw = "^"
    i = 0
    if len(s) >= 1 and s[0] in b"+-":
        s = s[1:]
    hexa = False
    if len(s) >= 2 and s[0] == 0x30 and _lower(s[1]) in b"box":
        i = 2
        saw = "0"
        hexa = _lower(s[1]) == ord("x")
    while i < len(s):
        c = s[i]
        if 0x30 <= c <= 0x39 or (hexa and ord("a") <= _lower(c) <= ord("f")):
            saw = "0"
        elif c == ord("_"):
            if saw != "0":
                return False
            saw = "_"
        else:
            if saw == "_":
                return False
            saw = "!"
        i += 1
    return saw != "_"


def _parse_uint(s: str, base: int, bit_size: int, func: str = "ParseUint") -> int:
    """strconv.ParseUint."""
    if s == "":
        raise _NumError(func, s, _SYNTAX)
    b = _to_bytes(s)
    base0 = base == 0
    if base == 0:
        base = 10
        if b[0] == 0x30:
            if len(b) >= 3 and _lower(b[1]) == ord("b"):
                base, b = 2, b[2:]
            elif len(b) >= 3 and _lower(b[1]) == ord("o"):
                base, b = 8, b[2:]
            elif len(b) >= 3 and _lower(b[1]) == ord("x"):
                base, b = 16, b[2:]
            else:
                base, b = 8, b[1:]
    max_val = (1 << bit_size) - 1
    cutoff = ((1 << 64) - 1) // base + 1
    underscores = False
    n = 0
    for c in b:
        if c == ord("_") and base0:
            underscores = True
            continue
        if 0x30 <= c <= 0x39:
            d = c - 0x30
        elif ord("a") <= _lower(c) <= ord("z"):
            d = _lower(c) - ord("a") + 10
        else:
            raise _NumError(func, s, _SYNTAX)
        if d >= base:
            raise _NumError(func, s, _SYNTAX)
        if n >= cutoff:
            raise _NumError(func, s, _RANGE)
        n *= base
        n1 = n + d
        if n1 > max_val:
            raise _NumError(func, s, _RANGE)
        n = n1
    if underscores and not _underscore_ok(_to_bytes(s)):
        raise _NumError(func, s, _SYNTAX)
    return n


def _parse_int(s: str, base: int, bit_size: int) -> int:
    """strconv.ParseInt."""
    if s == "":
        raise _NumError("ParseInt", s, _SYNTAX)
    neg = False
    body = s
    if s[0] == "+":
        body = s[1:]
    elif s[0] == "-":
        neg, body = True, s[1:]
    try:
        un = _parse_uint(body, base, bit_size)
    except _NumError as e:
        if e.err != _RANGE:
            raise _NumError("ParseInt", s, e.err) from None
        un = (1 << bit_size) - 1
    cutoff = 1 << (bit_size - 1)
    if not neg and un >= cutoff:
        raise _NumError("ParseInt", s, _RANGE)
    if neg and un > cutoff:
        raise _NumError("ParseInt", s, _RANGE)
    return -un if neg else un


def go_int(s: str) -> int:
    """A pflag ``int`` flag's value (strconv.ParseInt base 0: ``0x1``, ``0o7``, ``1_000``);
    ValueError for what pflag refuses."""
    try:
        return _parse_int(s, 0, 64)
    except _NumError as e:
        raise ValueError(str(e)) from None


def go_parse_uint(s: str, bit_size: int = 64) -> int:
    """strconv.ParseUint(s, 10, bit_size); ValueError with Go's text (``strconv.ParseUint:
    parsing "abc": invalid syntax``)."""
    try:
        return _parse_uint(s, 10, bit_size)
    except _NumError as e:
        raise ValueError(str(e)) from None


def _atoi(s: str) -> int:
    """strconv.Atoi on a 64-bit platform."""
    b = _to_bytes(s)
    if 0 < len(b) < 19:
        body = b
        if b[0] in b"+-":
            body = b[1:]
            if len(body) < 1:
                raise _NumError("Atoi", s, _SYNTAX)
        n = 0
        for c in body:
            if not 0x30 <= c <= 0x39:
                raise _NumError("Atoi", s, _SYNTAX)
            n = n * 10 + c - 0x30
        return -n if b[0] == ord("-") else n
    try:
        return _parse_int(s, 10, 64)
    except _NumError as e:
        raise _NumError("Atoi", s, e.err) from None


def _parse_bool(s: str) -> bool:
    """strconv.ParseBool."""
    if s in ("1", "t", "T", "TRUE", "true", "True"):
        return True
    if s in ("0", "f", "F", "FALSE", "false", "False"):
        return False
    raise _NumError("ParseBool", s, _SYNTAX)


def _parse_float(s: str) -> float:
    """strconv.ParseFloat(s, 64)."""
    b = _to_bytes(s)
    i = 0
    n = len(b)
    if i < n and b[i] in b"+-":
        i += 1
    rest = b[i:].lower()
    if rest in (b"inf", b"infinity"):
        return -math.inf if b[:1] == b"-" else math.inf
    if i == 0 and rest == b"nan":
        return math.nan
    base = 10
    if i + 2 < n and b[i] == 0x30 and _lower(b[i + 1]) == ord("x"):
        base = 16
        i += 2
    exp_char = ord("p") if base == 16 else ord("e")
    underscores = saw_dot = saw_digits = False
    while i < n:
        c = b[i]
        if c == ord("_"):
            underscores = True
        elif c == ord("."):
            if saw_dot:
                break
            saw_dot = True
        elif 0x30 <= c <= 0x39 or (base == 16 and ord("a") <= _lower(c) <= ord("f")):
            saw_digits = True
        else:
            break
        i += 1
    if not saw_digits:
        raise _NumError("ParseFloat", s, _SYNTAX)
    if i < n and _lower(b[i]) == exp_char:
        i += 1
        if i >= n:
            raise _NumError("ParseFloat", s, _SYNTAX)
        if b[i] in b"+-":
            i += 1
        if i >= n or not 0x30 <= b[i] <= 0x39:
            raise _NumError("ParseFloat", s, _SYNTAX)
        while i < n and (0x30 <= b[i] <= 0x39 or b[i] == ord("_")):
            if b[i] == ord("_"):
                underscores = True
            i += 1
    elif base == 16:
        raise _NumError("ParseFloat", s, _SYNTAX)
    if i != n or (underscores and not _underscore_ok(b[:i])):
        raise _NumError("ParseFloat", s, _SYNTAX)
    clean = b.replace(b"_", b"").decode("ascii")
    value = float.fromhex(clean) if base == 16 else float(clean)
    if math.isinf(value):
        raise _NumError("ParseFloat", s, _RANGE)
    return value


def _go_float_to_int64(x: float) -> int:
    """Go's int64(float64) on amd64 (out-of-range and NaN give the minimum int64)."""
    if math.isnan(x) or x >= 2.0**63 or x < -(2.0**63):
        return -(1 << 63)
    return int(x)


_DURATION_UNITS = {"ns": 1, "us": 1000, "\u00b5s": 1000, "\u03bcs": 1000, "ms": 1000_000,
                   "s": 1000_000_000, "m": 60 * 1000_000_000, "h": 3600 * 1000_000_000}


def _parse_duration(orig: str) -> int:
    """time.ParseDuration (returns nanoseconds)."""
    invalid = _GoError("time: invalid duration " + _time_quote(orig))
    s = _to_bytes(orig)
    neg = False
    if s and s[0] in b"+-":
        neg = s[0] == ord("-")
        s = s[1:]
    if s == b"0":
        return 0
    if not s:
        raise invalid
    total = 0
    while s:
        if not (s[0] == ord(".") or 0x30 <= s[0] <= 0x39):
            raise invalid
        i = 0
        v = 0
        while i < len(s) and 0x30 <= s[i] <= 0x39:
            if v > (1 << 63) // 10:
                raise invalid
            v = v * 10 + s[i] - 0x30
            if v > 1 << 63:
                raise invalid
            i += 1
        pre = i > 0
        s = s[i:]
        post = False
        f, scale = 0, 1.0
        if s and s[0] == ord("."):
            s = s[1:]
            i = 0
            overflow = False
            while i < len(s) and 0x30 <= s[i] <= 0x39:
                if not overflow:
                    if f > ((1 << 63) - 1) // 10:
                        overflow = True
                    else:
                        y = f * 10 + s[i] - 0x30
                        if y > 1 << 63:
                            overflow = True
                        else:
                            f = y
                            scale *= 10
                i += 1
            post = i > 0
            s = s[i:]
        if not pre and not post:
            raise invalid
        i = 0
        while i < len(s) and not (s[i] == ord(".") or 0x30 <= s[i] <= 0x39):
            i += 1
        if i == 0:
            raise _GoError("time: missing unit in duration " + _time_quote(orig))
        unit_text = _from_bytes(s[:i])
        s = s[i:]
        unit = _DURATION_UNITS.get(unit_text)
        if unit is None:
            raise _GoError("time: unknown unit " + _time_quote(unit_text) + " in duration "
                           + _time_quote(orig))
        if v > (1 << 63) // unit:
            raise invalid
        v *= unit
        if f > 0:
            v += int(float(f) * (float(unit) / scale))
            if v > 1 << 63:
                raise invalid
        total += v
        if total > 1 << 63:
            raise invalid
    if neg:
        return -total
    if total > (1 << 63) - 1:
        raise invalid
    return total


class _AddrError(_GoError):
    def __init__(self, text: str, msg: str, at: bytes = b"") -> None:
        full = f"ParseAddr({_go_quote(text)}): {msg}"
        if at:
            full += f" (at {_go_quote(_from_bytes(at))})"
        super().__init__(full)


def _parse_ipv4_fields(text: str, b: bytes) -> None:
    val = pos = dig_len = 0
    for i, c in enumerate(b):
        if 0x30 <= c <= 0x39:
            if dig_len == 1 and val == 0:
                raise _AddrError(text, "IPv4 field has octet with leading zero")
            val = val * 10 + c - 0x30
            dig_len += 1
            if val > 255:
                raise _AddrError(text, "IPv4 field has value >255")
        elif c == ord("."):
            if i == 0 or i == len(b) - 1 or b[i - 1] == ord("."):
                raise _AddrError(text, "IPv4 field must have at least one digit", b[i:])
            if pos == 3:
                raise _AddrError(text, "IPv4 address too long")
            pos += 1
            val = dig_len = 0
        else:
            raise _AddrError(text, "unexpected character", b[i:])
    if pos < 3:
        raise _AddrError(text, "IPv4 address too short")


def _parse_ipv6(text: str) -> str:
    """netip.parseIPv6; returns the zone."""
    s = _to_bytes(text)
    zone = b""
    pct = s.find(b"%")
    if pct != -1:
        s, zone = s[:pct], s[pct + 1:]
        if not zone:
            raise _AddrError(text, "zone must be a non-empty string")
    ellipsis = -1
    if len(s) >= 2 and s[0] == ord(":") and s[1] == ord(":"):
        ellipsis = 0
        s = s[2:]
        if not s:
            return _from_bytes(zone)
    i = 0
    while i < 16:
        off = 0
        acc = 0
        while off < len(s):
            c = s[off]
            if 0x30 <= c <= 0x39:
                acc = (acc << 4) + c - 0x30
            elif ord("a") <= c <= ord("f"):
                acc = (acc << 4) + c - ord("a") + 10
            elif ord("A") <= c <= ord("F"):
                acc = (acc << 4) + c - ord("A") + 10
            else:
                break
            if off > 3:
                raise _AddrError(text, "each group must have 4 or less digits", s)
            if acc > 0xFFFF:
                raise _AddrError(text, "IPv6 field has value >=2^16", s)
            off += 1
        if off == 0:
            raise _AddrError(text, "each colon-separated field must have at least one digit", s)
        if off < len(s) and s[off] == ord("."):
            if ellipsis < 0 and i != 12:
                raise _AddrError(
                    text, "embedded IPv4 address must replace the final 2 fields of the address",
                    s)
            if i + 4 > 16:
                raise _AddrError(
                    text, "too many hex fields to fit an embedded IPv4 at the end of the address",
                    s)
            _parse_ipv4_fields(text, s)
            s = b""
            i += 4
            break
        i += 2
        s = s[off:]
        if not s:
            break
        if s[0] != ord(":"):
            raise _AddrError(text, "unexpected character, want colon", s)
        if len(s) == 1:
            raise _AddrError(text, "colon must be followed by more characters", s)
        s = s[1:]
        if s[0] == ord(":"):
            if ellipsis >= 0:
                raise _AddrError(text, "multiple :: in address", s)
            ellipsis = i
            s = s[1:]
            if not s:
                break
    if s:
        raise _AddrError(text, "trailing garbage after address", s)
    if i < 16:
        if ellipsis < 0:
            raise _AddrError(text, "address string too short")
    elif ellipsis >= 0:
        raise _AddrError(text, "the :: must expand to at least one field of zeros")
    return _from_bytes(zone)


def _netip_parse_addr(text: str) -> tuple[int, str]:
    """netip.ParseAddr; returns (4 or 6, zone)."""
    for c in _to_bytes(text):
        if c == ord("."):
            _parse_ipv4_fields(text, _to_bytes(text))
            return 4, ""
        if c == ord(":"):
            return 6, _parse_ipv6(text)
        if c == ord("%"):
            raise _AddrError(text, "missing IPv6 address")
    raise _AddrError(text, "unable to parse IP")


def _net_parse_ip(text: str) -> bool:
    """Whether net.ParseIP accepts the text."""
    try:
        _, zone = _netip_parse_addr(text)
    except _AddrError:
        return False
    return zone == ""


def _net_parse_cidr(text: str) -> bool:
    """Whether net.ParseCIDR accepts the text."""
    addr, sep, mask = text.partition("/")
    if not sep:
        return False
    try:
        family, zone = _netip_parse_addr(addr)
    except _AddrError:
        return False
    if zone:
        return False
    mb = _to_bytes(mask)
    n = i = 0
    while i < len(mb) and 0x30 <= mb[i] <= 0x39:
        n = n * 10 + mb[i] - 0x30
        if n >= 0xFFFFFF:
            return False
        i += 1
    if i == 0 or i != len(mb):
        return False
    return n <= (32 if family == 4 else 128)


class _EOF(_GoError):
    def __init__(self) -> None:
        super().__init__("EOF")


_ERR_BARE_QUOTE = 'bare " in non-quoted-field'
_ERR_QUOTE = 'extraneous or missing " in quoted-field'


def _csv_error(start_line: int, line: int, col: int, err: str) -> _GoError:
    if start_line != line:
        return _GoError(f"record on line {start_line}; parse error on line {line}, "
                        f"column {col}: {err}")
    return _GoError(f"parse error on line {line}, column {col}: {err}")


def _csv_read(value: str) -> list[str]:
    """The first record that csv.NewReader(strings.NewReader(value)).Read() returns."""
    data = _to_bytes(value)
    state = {"pos": 0, "line": 0}

    def read_line() -> tuple[bytes, bool]:
        start = state["pos"]
        if start >= len(data):
            state["line"] += 1
            return b"", True
        nl = data.find(b"\n", start)
        if nl == -1:
            line = data[start:]
            state["pos"] = len(data)
            if line.endswith(b"\r"):
                line = line[:-1]
        else:
            line = data[start:nl + 1]
            state["pos"] = nl + 1
        state["line"] += 1
        if len(line) >= 2 and line[-2:] == b"\r\n":
            line = line[:-2] + b"\n"
        return line, False

    def len_nl(b: bytes) -> int:
        return 1 if b.endswith(b"\n") else 0

    eof = False
    line = b""
    while not eof:
        line, eof = read_line()
        if not eof and len(line) == len_nl(line):
            continue
        break
    if eof:
        raise _EOF()
    fields: list[bytes] = []
    buf = bytearray()
    rec_line = state["line"]
    pos_line, pos_col = state["line"], 1
    while True:
        if not line or line[0] != ord('"'):
            i = line.find(b",")
            fld = line[:i] if i >= 0 else line[:len(line) - len_nl(line)]
            j = fld.find(b'"')
            if j >= 0:
                raise _csv_error(rec_line, state["line"], pos_col + j, _ERR_BARE_QUOTE)
            fields.append(bytes(fld))
            if i >= 0:
                line = line[i + 1:]
                pos_col += i + 1
                continue
            break
        line = line[1:]
        pos_col += 1
        buf.clear()
        done = False
        while True:
            i = line.find(b'"')
            if i >= 0:
                buf += line[:i]
                line = line[i + 1:]
                pos_col += i + 1
                nxt = line[:1]
                if nxt == b'"':
                    buf += b'"'
                    line = line[1:]
                    pos_col += 1
                elif nxt == b",":
                    line = line[1:]
                    pos_col += 1
                    fields.append(bytes(buf))
                    break
                elif len_nl(line) == len(line):
                    fields.append(bytes(buf))
                    done = True
                    break
                else:
                    raise _csv_error(rec_line, state["line"], pos_col - 1, _ERR_QUOTE)
            elif line:
                buf += line
                pos_col += len(line)
                line, eof = read_line()
                if line:
                    pos_line += 1
                    pos_col = 1
            else:
                raise _csv_error(rec_line, pos_line, pos_col, _ERR_QUOTE)
        if done:
            break
    return [_from_bytes(f) for f in fields]


#: the engine profile whose CLI release parses the command being parsed (for the value checks
#: that differ between releases; None: docker/cli v29.1)
_CLI_PROFILE: ContextVar[EngineProfile | None] = ContextVar("_CLI_PROFILE", default=None)

_BINARY_UNITS = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40, "p": 1 << 50}
_SIZE_RE_04 = re.compile(r"(\d+(?:\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?\Z", re.ASCII)


def _ram_in_bytes(size_str: str) -> int:
    """go-units RAMInBytes (0.4's regular expression where EngineProfile.cli_units_regex)."""
    profile = _CLI_PROFILE.get()
    if profile is not None and profile.cli_units_regex:
        m = _SIZE_RE_04.match(size_str)
        if m is None:
            raise _GoError(f"invalid size: '{size_str}'")
        value = _parse_float(m.group(1))
        return _go_float_to_int64(value * _BINARY_UNITS.get((m.group(2) or "").lower(), 1))
    b = _to_bytes(size_str)
    sep = max(b.rfind(bytes([c])) for c in b"0123456789. ")
    if sep == -1:
        raise _GoError(f"invalid size: '{size_str}'")
    if b[sep] != ord(" "):
        num, sfx = b[:sep + 1], b[sep + 1:]
    else:
        num, sfx = b[:sep], b[sep + 1:]
    size = _parse_float(_from_bytes(num))
    if size < 0:
        raise _GoError(f"invalid size: '{size_str}'")
    if not sfx:
        return _go_float_to_int64(size)
    if len(sfx) > 3:
        raise _GoError(f"invalid suffix: '{_from_bytes(sfx)}'")
    low = _from_bytes(sfx).lower()
    bad = _GoError(f"invalid suffix: '{low}'")
    if low[0] == "b":
        if len(low) > 1:
            raise bad
        return _go_float_to_int64(size)
    mul = _BINARY_UNITS.get(low[0])
    if mul is None:
        raise bad
    size *= mul
    if (len(low) == 2 and low[1] != "b") or (len(low) == 3 and low[1:] != "ib"):
        raise bad
    return _go_float_to_int64(size)


_RAT_INT = r"(?:0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|[0-9][0-9_]*)"
_RAT_FRACTION = re.compile(rf"([+-]?)({_RAT_INT})/({_RAT_INT})\Z", re.ASCII)
_RAT_FLOAT = re.compile(r"([+-]?)(?:(0[xX])([0-9a-fA-F_]*\.?[0-9a-fA-F_]*)|(0[bB])([01_]*\.?[01_]*)"
                        r"|(0[oO])([0-7_]*\.?[0-7_]*)|([0-9_]*\.?[0-9_]*))"
                        r"(?:([eEpP])([+-]?[0-9_]+))?\Z", re.ASCII)


def _go_big_int(text: str) -> int | None:
    """big.Int.SetString(text, 0) for an unsigned integer literal."""
    if "_" in text and not _underscore_ok(_to_bytes(text)):
        return None
    clean = text.replace("_", "")
    try:
        if clean[:2].lower() in ("0x", "0b", "0o"):
            return int(clean, 0)
        if len(clean) > 1 and clean[0] == "0":
            return int(clean[1:], 8)
        return int(clean, 10)
    except ValueError:
        return None


def _rat_set_string(text: str) -> Fraction | None:
    """big.Rat.SetString for the forms docker users write (a/b, decimals, exponents)."""
    m = _RAT_FRACTION.match(text)
    if m:
        num = _go_big_int(m.group(2))
        den = _go_big_int(m.group(3))
        if num is None or den is None or den == 0:
            return None
        value = Fraction(num, den)
        return -value if m.group(1) == "-" else value
    m = _RAT_FLOAT.match(text)
    if not m:
        return None
    groups = m.groups()
    sign = groups[0]
    if groups[1]:
        base, mant = 16, groups[2]
    elif groups[3]:
        base, mant = 2, groups[4]
    elif groups[5]:
        base, mant = 8, groups[6]
    else:
        base, mant = 10, groups[7]
    mant = mant or ""
    if "_" in mant:
        check = mant if base == 10 else "0" + "xbo"[[16, 2, 8].index(base)] + mant
        if not _underscore_ok(_to_bytes(check.replace(".", "!"))):
            return None
    digits = mant.replace("_", "")
    int_part, _, frac_part = digits.partition(".")
    if not int_part and not frac_part:
        return None
    mantissa = int((int_part + frac_part) or "0", base)
    exp_char, exp_text = groups[8], groups[9]
    exponent = 0
    if exp_char:
        if "_" in exp_text and not _underscore_ok(_to_bytes(exp_text)):
            return None
        exponent = int(exp_text.replace("_", ""))
    if mantissa == 0:
        return Fraction(0)
    # big.Rat splits the scaling into powers of 5 and 2 and refuses huge exponents
    d = len(frac_part)
    exp5 = -d if base == 10 else 0
    exp2 = -d * {10: 1, 2: 1, 8: 3, 16: 4}[base]
    if exp_char in ("e", "E"):
        exp5 += exponent
        exp2 += exponent
    elif exp_char:
        exp2 += exponent
    if abs(exp5) > 1_000_000 or not -10_000_000 <= exp2 <= 10_000_000:
        return None
    value = Fraction(mantissa) * Fraction(5) ** exp5 * Fraction(2) ** exp2
    return -value if sign == "-" else value


# --------------------------------------------------------------------------------------------
# Parse-time validators of the flag value types (docker/cli opts package and pflag)
# --------------------------------------------------------------------------------------------

_ALPHA_RE = re.compile(r"[a-zA-Z]")
_DOMAIN_RE = re.compile(
    r"(:?(:?[a-zA-Z0-9]|(:?[a-zA-Z0-9][a-zA-Z0-9\-]*[a-zA-Z0-9]))"
    r"(:?\.(:?[a-zA-Z0-9]|(:?[a-zA-Z0-9][a-zA-Z0-9\-]*[a-zA-Z0-9])))*)\.?[\t\n\f\r ]*\Z")
_DEVICE_CGROUP_RULE_RE = re.compile(r"[acb] ([0-9]+|\*):([0-9]+|\*) [rwm]{1,3}\Z")
_NETWORK_LONG_SYNTAX_RE = re.compile(r"\w+=\w+(,\w+=\w+)*", re.ASCII)
_SYSCTL_NAMES = frozenset({"kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem",
                           "kernel.shmall", "kernel.shmmax", "kernel.shmmni",
                           "kernel.shm_rmid_forced"})
_ULIMIT_NAMES = frozenset({"core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue",
                           "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending",
                           "stack"})


def _v_bool(v: str) -> None:
    _parse_bool(v)


def _v_int(v: str) -> None:
    _parse_int(v, 0, 64)


def _v_uint16(v: str) -> None:
    _parse_uint(v, 0, 16)


def _v_uint32(v: str) -> None:
    _parse_uint(v, 0, 32)


def _v_uint64(v: str) -> None:
    _parse_uint(v, 0, 64)


def _v_duration(v: str) -> None:
    _parse_duration(v)


def _v_ip(v: str) -> None:
    if v != "" and not _net_parse_ip(_go_trim_space(v)):
        raise _GoError(f"failed to parse IP: {_go_quote(v)}")


def _read_as_csv(v: str) -> list[str]:
    return [] if v == "" else _csv_read(v)


def _v_string_slice(v: str) -> None:
    _read_as_csv(v)


def _unquoted_csv(v: str) -> list[str]:
    stripped = v.replace('"', "").replace("'", "").replace("`", "")
    try:
        return _read_as_csv(stripped)
    except _EOF:
        return []


def _v_ip_slice(v: str) -> None:
    for item in _unquoted_csv(v):
        if not _net_parse_ip(_go_trim_space(item)):
            raise _GoError(f"invalid string being converted to IP address: {item}")


def _v_ipnet_slice(v: str) -> None:
    for item in _unquoted_csv(v):
        if not _net_parse_cidr(_go_trim_space(item)):
            raise _GoError(f"invalid string being converted to CIDR: {item}")


def _v_bytes(v: str) -> None:
    _ram_in_bytes(v)


def _v_swap_bytes(v: str) -> None:
    if v != "-1":
        _ram_in_bytes(v)


def _v_decimal(v: str) -> None:
    value = _rat_set_string(v)
    if value is None:
        raise _GoError(f"failed to parse {v} as a rational number")
    if (value * 1_000_000_000).denominator != 1:
        raise _GoError("value is too precise")


def _v_filter(v: str) -> None:
    if v != "" and "=" not in v:
        raise _GoError("bad format of filter (expected name=value)")


def _v_attach(v: str) -> None:
    if v.lower() not in ("stdin", "stdout", "stderr"):
        raise _GoError("valid streams are STDIN, STDOUT and STDERR")


def _v_device_cgroup_rule(v: str) -> None:
    if not _DEVICE_CGROUP_RULE_RE.match(v):
        raise _GoError(f"invalid device cgroup format '{v}'")


def _v_env(v: str) -> None:
    if v.partition("=")[0] == "":
        raise _GoError("invalid environment variable: " + v)


def _v_label(v: str) -> None:
    key = v.partition("=")[0].lstrip(" \t")
    if key == "":
        raise _GoError(f"invalid label '{v}': empty name")
    if " " in key or "\t" in key:
        raise _GoError(f"label '{key}' contains whitespaces")


def _v_link(v: str) -> None:
    if v == "":
        raise _GoError("empty string specified for links")
    if len(v.split(":", 2)) > 2:
        raise _GoError("bad format for links: " + v)


def _v_ip_address(v: str) -> None:
    if not _net_parse_ip(_go_trim_space(v)):
        profile = _CLI_PROFILE.get()  # EngineProfile.cli_ip_address_error
        text = (profile.cli_ip_address_error if profile is not None
                else "IP address is not correctly formatted: {value}")
        raise _GoError(text.format(value=v))


def _v_dns_search(v: str) -> None:
    v = v.strip(" ")
    if v == ".":
        return
    if not _ALPHA_RE.search(v):
        raise _GoError(f"{v} is not a valid domain")
    m = _DOMAIN_RE.match(v)
    if m and len(_to_bytes(m.group(1))) < 255:
        return
    raise _GoError(f"{v} is not a valid domain")


def _v_extra_host(v: str) -> None:
    profile = _CLI_PROFILE.get()
    if profile is not None and not profile.cli_add_host_equals:
        # v20.10.24:opts/hosts.go:163-176: NAME:IP only (EngineProfile.cli_add_host_equals)
        k, sep, val = v.partition(":")
        if not sep or k == "":
            raise _GoError(f"bad format for add-host: {_go_quote(v)}")
        if val != "host-gateway" and not _net_parse_ip(_go_trim_space(val)):
            raise _GoError(f"invalid IP address in add-host: {_go_quote(val)}")
        return
    k, sep, val = v.partition("=")
    if not sep:
        k, sep, val = v.partition(":")
    if not sep or k == "" or ":" in k:
        raise _GoError(f"bad format for add-host: {_go_quote(v)}")
    if val != "host-gateway":
        if len(_to_bytes(val)) > 2 and val[0] == "[" and val[-1] == "]":
            val = val[1:-1]
        if not _net_parse_ip(_go_trim_space(val)):
            raise _GoError(f"invalid IP address in add-host: {_go_quote(val)}")


def _v_sysctl(v: str) -> None:
    profile = _CLI_PROFILE.get()  # EngineProfile.cli_sysctl_refusal
    refusal = (profile.cli_sysctl_refusal if profile is not None
               else "sysctl '{value}' is not allowed").format(value=v)
    k, sep, _ = v.partition("=")
    if not sep or k == "":
        raise _GoError(refusal)
    if k in _SYSCTL_NAMES or k.startswith(("net.", "fs.mqueue.")):
        return
    raise _GoError(refusal)


def _v_ulimit(v: str) -> None:
    parts = v.split("=", 1)
    if len(parts) != 2:
        raise _GoError(f"invalid ulimit argument: {v}")
    if parts[0] not in _ULIMIT_NAMES:
        raise _GoError(f"invalid ulimit type: {parts[0]}")
    limits = parts[1].split(":")
    if len(limits) > 2:
        raise _GoError(f"too many limit value arguments - {parts[1]}, can only have up to two, "
                       "`soft[:hard]`")
    hard: int | None = None
    if len(limits) == 2:
        hard = _parse_int(limits[1], 10, 64)
    soft = _parse_int(limits[0], 10, 64)
    if hard is None:
        hard = soft
    if hard != -1:
        if soft == -1:
            raise _GoError("ulimit soft limit must be less than or equal to hard limit: "
                           f"soft: -1 (unlimited), hard: {hard}")
        if soft > hard:
            raise _GoError("ulimit soft limit must be less than or equal to hard limit: "
                           f"{soft} > {hard}")


def _device_path(v: str) -> str:
    k, sep, rest = v.partition(":")
    if not sep or k == "":
        raise _GoError(f"bad format: {v}")
    if not k.startswith("/dev/"):
        raise _GoError(f"bad format for device path: {v}")
    return rest


def _v_weight_device(v: str) -> None:
    rest = _device_path(v)
    try:
        weight = _parse_uint(rest, 10, 16)
    except _NumError:
        raise _GoError(f"invalid weight for device: {v}") from None
    if weight > 0 and (weight < 10 or weight > 1000):
        raise _GoError(f"invalid weight for device: {v}")


def _v_throttle_bps(v: str) -> None:
    rest = _device_path(v)
    msg = (f"invalid rate for device: {v}. The correct format is <device-path>:<number>[<unit>]. "
           "Number must be a positive integer. Unit is optional and can be kb, mb, or gb")
    try:
        rate = _ram_in_bytes(rest)
    except _GoError:
        raise _GoError(msg) from None
    if rate < 0:
        raise _GoError(msg)


def _v_throttle_iops(v: str) -> None:
    rest = _device_path(v)
    try:
        _parse_uint(rest, 10, 64)
    except _NumError:
        raise _GoError(f"invalid rate for device: {v}. The correct format is "
                       "<device-path>:<number>. Number must be a positive integer") from None


def _gpu_count(s: str) -> None:
    if s == "all":
        return
    try:
        _atoi(s)
    except _NumError as e:
        profile = _CLI_PROFILE.get()
        if profile is not None and profile.cli_gpus_count_wrapped:
            raise _GoError(f"count must be an integer: {e}") from None
        raise _GoError(f'invalid count ({s}): value must be either "all" or an integer: '
                       f"{e.err}") from None


def _v_gpus(v: str) -> None:
    seen: set[str] = set()
    for fld in _csv_read(v):
        key, sep, val = fld.partition("=")
        if key in seen:
            raise _GoError(f"gpu request key '{key}' can be specified only once")
        seen.add(key)
        if not sep:
            seen.add("count")
            _gpu_count(key)
            continue
        if key == "count":
            _gpu_count(val)
        elif key == "options":
            try:
                _csv_read(val)
            except _GoError as e:
                raise _GoError(f"failed to read gpu options: {e}") from None
        elif key not in ("driver", "device", "capabilities"):
            raise _GoError(f"unexpected key '{key}' in '{fld}'")


def _v_mount(v: str, *, nonrecursive: str = "refused", log: list[str] | None = None) -> None:
    """opts.MountOpt.Set; ``nonrecursive``: EngineProfile.cli_bind_nonrecursive (≤ 28.x sets
    the bind option, 23.0+ logging a warning into ``log``; 29.x refuses it)."""
    mount_type = "volume"
    target = ""
    read_only = False
    uses: set[str] = set()
    propagation = ""
    bind_recursive = ""
    profile = _CLI_PROFILE.get()
    absent = profile.cli_mount_keys_absent if profile is not None else ()
    for fld in _csv_read(v):
        key, sep, val = fld.partition("=")
        key = key.lower()
        if sep and key in absent:  # EngineProfile.cli_mount_keys_absent
            raise _GoError(f"unexpected key '{key}' in '{fld}'")
        if not sep:
            if key in ("readonly", "ro"):
                read_only = True
                continue
            if key == "volume-nocopy":
                uses.add("volume")
                continue
            if key == "bind-nonrecursive":
                if nonrecursive == "refused":
                    raise _GoError("bind-nonrecursive is deprecated, use bind-recursive=disabled "
                                   "instead")
                uses.add("bind")
                continue
            raise _GoError(f"invalid field '{fld}' must be a key=value pair")
        if key == "type":
            mount_type = val.lower()
        elif key in ("source", "src", "consistency"):
            pass
        elif key in ("target", "dst", "destination"):
            target = val
        elif key in ("readonly", "ro"):
            try:
                read_only = _parse_bool(val)
            except _NumError:
                raise _GoError(f"invalid value for {key}: {val}") from None
        elif key == "bind-propagation":
            uses.add("bind")
            propagation = val.lower()
        elif key == "bind-nonrecursive":
            if nonrecursive == "refused":
                raise _GoError("bind-nonrecursive is deprecated, use bind-recursive=disabled "
                               "instead")
            try:
                _parse_bool(val)
            except _NumError:
                raise _GoError(f"invalid value for {key}: {val}") from None
            uses.add("bind")
            if nonrecursive == "warned" and log is not None:
                log.append("bind-nonrecursive is deprecated, use bind-recursive=disabled instead")
        elif key == "bind-recursive":
            if val not in ("enabled", "disabled", "writable", "readonly"):
                raise _GoError(f'invalid value for {key}: {val} (must be "enabled", "disabled", '
                               '"writable", or "readonly")')
            if val != "enabled":
                uses.add("bind")
            bind_recursive = val
        elif key in ("volume-subpath", "volume-label", "volume-driver", "volume-opt"):
            uses.add("volume")
        elif key == "volume-nocopy":
            uses.add("volume")
            try:
                _parse_bool(val)
            except _NumError:
                raise _GoError(f"invalid value for volume-nocopy: {val}") from None
        elif key == "image-subpath":
            uses.add("image")
        elif key == "tmpfs-size":
            try:
                _ram_in_bytes(val)
            except _GoError:
                raise _GoError(f"invalid value for {key}: {val}") from None
            uses.add("tmpfs")
        elif key == "tmpfs-mode":
            try:
                _parse_uint(val, 8, 32)
            except _NumError:
                raise _GoError(f"invalid value for {key}: {val}") from None
            uses.add("tmpfs")
        else:
            raise _GoError(f"unexpected key '{key}' in '{fld}'")
    if mount_type == "":
        raise _GoError("type is required")
    if target == "":
        raise _GoError("target is required")
    for kind in ("volume", "image", "bind", "tmpfs"):
        if kind in uses and mount_type != kind:
            raise _GoError(f"cannot mix '{kind}-*' options with mount type '{mount_type}'")
    if "bind" in uses:
        if bind_recursive == "writable" and not read_only:
            raise _GoError("option 'bind-recursive=writable' requires 'readonly' to be "
                           "specified in conjunction")
        if bind_recursive == "readonly":
            if not read_only:
                raise _GoError("option 'bind-recursive=readonly' requires 'readonly' to be "
                               "specified in conjunction")
            if propagation != "rprivate":
                raise _GoError("option 'bind-recursive=readonly' requires "
                               "'bind-propagation=rprivate' to be specified in conjunction")


def _gw_priority() -> bool:
    profile = _CLI_PROFILE.get()
    return profile is None or profile.cli_gw_priority


def _v_network(v: str, *, parse_addresses: bool = True) -> None:
    """opts.NetworkOpt.Set; ``parse_addresses``: ip=/ip6=/link-local-ip= are netip.Addr
    (docker/cli ≥ 29.0, opts/network.go) rather than strings passed on (≤ 28.x)."""
    if not _NETWORK_LONG_SYNTAX_RE.search(v):
        return
    target = ""
    for fld in _csv_read(v):
        key, sep, val = fld.lower().partition("=")
        if not sep or key == "":
            raise _GoError(f"invalid field {fld}")
        key = _go_trim_space(key)
        val = _go_trim_space(val)
        if key == "name":
            target = val
        elif key in ("ip", "ip6", "link-local-ip"):
            if parse_addresses:
                _netip_parse_addr(val)
        elif key == "driver-opt":
            dkey, dsep, _ = val.partition("=")
            if not dsep or dkey == "":
                raise _GoError("invalid key value pair format in driver options")
        elif key == "gw-priority" and _gw_priority():
            try:
                _atoi(val)
            except _NumError as e:
                raise _GoError(f"invalid gw-priority ({val}): {e.err}") from None
        elif key not in ("alias", "mac-address"):
            raise _GoError("invalid field key " + key)
    if target == "":
        raise _GoError("network name/id is not specified")


_VALIDATORS: Mapping[str, Callable[[str], None]] = MappingProxyType({
    "bool": _v_bool,
    "int": _v_int,
    "uint16": _v_uint16,
    "uint32": _v_uint32,
    "uint64": _v_uint64,
    "duration": _v_duration,
    "ip": _v_ip,
    "stringSlice": _v_string_slice,
    "ipSlice": _v_ip_slice,
    "ipNetSlice": _v_ipnet_slice,
    "bytes": _v_bytes,
    "swap-bytes": _v_swap_bytes,
    "decimal": _v_decimal,
    "filter": _v_filter,
    "attach": _v_attach,
    "device-cgroup-rule": _v_device_cgroup_rule,
    "env": _v_env,
    "label": _v_label,
    "link": _v_link,
    "ip-address": _v_ip_address,
    "dns-search": _v_dns_search,
    "extra-host": _v_extra_host,
    "sysctl": _v_sysctl,
    "ulimit": _v_ulimit,
    "weight-device": _v_weight_device,
    "throttle-bps": _v_throttle_bps,
    "throttle-iops": _v_throttle_iops,
    "gpus": _v_gpus,
    "mount": _v_mount,
    "network": _v_network,
    "network-strings": functools.partial(_v_network, parse_addresses=False),
})

#: the address flags docker/cli ≤ 28.x keeps as strings (pflag String/StringSlice), with the
#: check they get then (EngineProfile.cli_parses_addresses)
_STRING_ADDRESS_CHECKS: Mapping[tuple[str, str], str] = MappingProxyType({
    ("ip", "ip"): "", ("ip6", "ip"): "", ("link-local-ip", "ipSlice"): "stringSlice",
    ("ip-range", "ipNetSlice"): "stringSlice", ("gateway", "ipSlice"): "stringSlice",
    ("network", "network"): "network-strings", ("net", "network"): "network-strings",
})

# --------------------------------------------------------------------------------------------
# Flag tables (read from the docker/cli v29.1.0 sources named in the module docstring)
# --------------------------------------------------------------------------------------------

_Ann = tuple[tuple[str, str], ...]


def _bool(long: str, short: str | None = None, *, default: str = "false", hidden: bool = False,
          deprecated: str | None = None, ann: _Ann = ()) -> FlagSpec:
    return FlagSpec(long, short, "bool", "bool", hidden=hidden or deprecated is not None,
                    deprecated=deprecated, default=default, check="bool", annotations=ann)


def _str(long: str, short: str | None = None, *, default: str = "", hidden: bool = False,
         ann: _Ann = ()) -> FlagSpec:
    return FlagSpec(long, short, "value", "string", hidden=hidden, default=default,
                    annotations=ann)


def _num(long: str, short: str | None = None, *, vtype: str = "int", default: str = "0",
         check: str = "int", hidden: bool = False, deprecated: str | None = None,
         alias_of: str | None = None, ann: _Ann = ()) -> FlagSpec:
    return FlagSpec(long, short, "value", vtype, hidden=hidden or deprecated is not None,
                    deprecated=deprecated, default=default, check=check, alias_of=alias_of,
                    annotations=ann)


def _val(long: str, short: str | None = None, *, vtype: str, check: str = "",
         default: str = "", hidden: bool = False, deprecated: str | None = None,
         ann: _Ann = ()) -> FlagSpec:
    return FlagSpec(long, short, "value", vtype, hidden=hidden or deprecated is not None,
                    deprecated=deprecated, default=default, check=check, annotations=ann)


def _list(long: str, short: str | None = None, *, vtype: str = "list", check: str = "",
          hidden: bool = False, alias_of: str | None = None, ann: _Ann = ()) -> FlagSpec:
    return FlagSpec(long, short, "list", vtype, hidden=hidden, check=check, alias_of=alias_of,
                    annotations=ann)


def _v(version: str) -> _Ann:
    return (("version", version),)


def _dur(long: str, *, ann: _Ann = ()) -> FlagSpec:
    return _val(long, vtype="duration", check="duration", default="0s", ann=ann)


def _bytes(long: str, short: str | None = None, *, deprecated: str | None = None,
           ann: _Ann = ()) -> FlagSpec:
    return _val(long, short, vtype="bytes", check="bytes", deprecated=deprecated, ann=ann)


# cli/flags/options.go InstallFlags, cmd/docker/docker.go (--version), cli/cobra.go (--help).
GLOBAL_FLAGS: tuple[FlagSpec, ...] = (
    _str("config", default="~/.docker"),
    _bool("debug", "D"),
    _str("log-level", "l", default="info"),
    _bool("tls"),
    _bool("tlsverify"),
    _str("tlscacert", default="~/.docker/ca.pem"),
    _str("tlscert", default="~/.docker/cert.pem"),
    _str("tlskey", default="~/.docker/key.pem"),
    FlagSpec("host", "H", "value", "string", check="host"),
    _str("context", "c"),
    _bool("version", "v"),
    FlagSpec("help", "h", "bool", "bool", hidden=True, default="false", check="bool",
             shorthand_deprecated="use --help"),
)

_HELP_PERSISTENT = GLOBAL_FLAGS[-1]
_HELP_LOCAL = _bool("help")  # run/create define their own --help so that -h means --hostname

# cli/command/container/opts.go addFlags: 97 flags.
_CONTAINER_FLAGS: tuple[FlagSpec, ...] = (
    _list("attach", "a", check="attach"),
    _list("device-cgroup-rule", check="device-cgroup-rule"),
    _list("device"),
    _list("gpus", vtype="gpu-request", check="gpus", ann=_v("1.40")),
    _list("env", "e", check="env"),
    _list("env-file"),
    _str("entrypoint"),
    _list("group-add"),
    _str("hostname", "h"),
    _str("domainname"),
    _bool("interactive", "i"),
    _list("label", "l", check="label"),
    _list("label-file"),
    _bool("read-only"),
    _str("restart", default="no"),
    _str("stop-signal"),
    _num("stop-timeout", ann=_v("1.25")),
    _list("sysctl", vtype="map", check="sysctl"),
    _bool("tty", "t"),
    _list("ulimit", vtype="ulimit", check="ulimit"),
    _str("user", "u"),
    _str("workdir", "w"),
    _bool("rm"),
    _list("cap-add"),
    _list("cap-drop"),
    _bool("privileged"),
    _list("security-opt"),
    _str("userns"),
    _str("cgroupns", ann=_v("1.41")),
    _list("add-host", check="extra-host"),
    _list("dns", check="ip-address"),
    _list("dns-opt", hidden=True, alias_of="dns-option"),
    _list("dns-option"),
    _list("dns-search", check="dns-search"),
    _list("expose"),
    _val("ip", vtype="ip", check="ip"),
    _val("ip6", vtype="ip", check="ip"),
    _list("link", check="link"),
    _list("link-local-ip"),
    _str("mac-address"),
    _list("publish", "p"),
    _bool("publish-all", "P"),
    _list("net", vtype="network", check="network", hidden=True, alias_of="network"),
    _list("network", vtype="network", check="network"),
    _list("net-alias", hidden=True, alias_of="network-alias"),
    _list("network-alias"),
    _str("log-driver"),
    _str("volume-driver"),
    _list("log-opt"),
    _list("storage-opt"),
    _list("tmpfs"),
    _list("volumes-from"),
    _list("volume", "v"),
    _list("mount", vtype="mount", check="mount"),
    _str("health-cmd"),
    _dur("health-interval"),
    _num("health-retries"),
    _dur("health-timeout"),
    _dur("health-start-period", ann=_v("1.29")),
    _dur("health-start-interval", ann=_v("1.44")),
    _bool("no-healthcheck"),
    _num("blkio-weight", vtype="uint16", check="uint16"),
    _list("blkio-weight-device", check="weight-device"),
    _str("cidfile"),
    _str("cpuset-cpus"),
    _str("cpuset-mems"),
    _num("cpu-count", ann=(("ostype", "windows"),)),
    _num("cpu-percent", ann=(("ostype", "windows"),)),
    _num("cpu-period"),
    _num("cpu-quota"),
    _num("cpu-rt-period", ann=_v("1.25")),
    _num("cpu-rt-runtime", ann=_v("1.25")),
    _num("cpu-shares", "c"),
    _val("cpus", vtype="decimal", check="decimal", ann=_v("1.25")),
    _list("device-read-bps", check="throttle-bps"),
    _list("device-read-iops", check="throttle-iops"),
    _list("device-write-bps", check="throttle-bps"),
    _list("device-write-iops", check="throttle-iops"),
    _bytes("io-maxbandwidth", ann=(("ostype", "windows"),)),
    _num("io-maxiops", vtype="uint", check="uint64", ann=(("ostype", "windows"),)),
    _bytes("memory", "m"),
    _bytes("memory-reservation"),
    _val("memory-swap", vtype="bytes", check="swap-bytes"),
    _num("memory-swappiness", default="-1"),
    _bool("oom-kill-disable"),
    _num("oom-score-adj"),
    _num("pids-limit"),
    _str("cgroup-parent"),
    _str("ipc"),
    _str("isolation"),
    _str("pid"),
    _bytes("shm-size"),
    _str("uts"),
    _str("runtime"),
    _bool("init", ann=_v("1.25")),
    _list("annotation", vtype="map", ann=_v("1.43")),
    _bytes("kernel-memory", deprecated="and no longer supported by the kernel"),
)

_DCT_DEPRECATED = "support for docker content trust was removed"

# cli/command/container/run.go newRunCommand: 10 flags of its own + the 97 above.
_RUN_FLAGS: tuple[FlagSpec, ...] = (
    _bool("detach", "d"),
    _bool("sig-proxy", default="true"),
    _str("name"),
    _str("detach-keys"),
    _str("pull", default="missing"),
    _bool("quiet", "q"),
    _bool("use-api-socket"),
    _HELP_LOCAL,
    _str("platform", ann=_v("1.32")),
    _bool("disable-content-trust", default="true", deprecated=_DCT_DEPRECATED),
    *_CONTAINER_FLAGS,
)

# cli/command/container/create.go newCreateCommand: 7 flags of its own + the 97 above.
_CREATE_FLAGS: tuple[FlagSpec, ...] = (
    _str("name"),
    _str("pull", default="missing"),
    _bool("quiet", "q"),
    _bool("use-api-socket", ann=(("experimentalCLI", ""),)),
    _HELP_LOCAL,
    _str("platform", ann=_v("1.32")),
    _bool("disable-content-trust", default="true", deprecated=_DCT_DEPRECATED),
    *_CONTAINER_FLAGS,
)

_EXEC_FLAGS = (
    _str("detach-keys"),
    _bool("interactive", "i"),
    _bool("tty", "t"),
    _bool("detach", "d"),
    _str("user", "u"),
    _bool("privileged"),
    _list("env", "e", check="env", ann=_v("1.25")),
    _list("env-file", ann=_v("1.25")),
    _str("workdir", "w", ann=_v("1.35")),
)
_ATTACH_FLAGS = (_bool("no-stdin"), _bool("sig-proxy", default="true"), _str("detach-keys"))
_CONTAINER_INSPECT_FLAGS = (_str("format", "f"), _bool("size", "s"))
_KILL_FLAGS = (_str("signal", "s"),)
_LOGS_FLAGS = (
    _bool("follow", "f"),
    _str("since"),
    _str("until", ann=_v("1.35")),
    _bool("timestamps", "t"),
    _bool("details"),
    _str("tail", "n", default="all"),
)
_PRUNE_FLAGS = (_bool("force", "f"), _list("filter", vtype="filter", check="filter"))
_STOP_FLAGS = (
    _str("signal", "s"),
    _num("timeout", "t"),
    _num("time", deprecated="use --timeout instead", alias_of="timeout"),
)
_RM_FLAGS = (_bool("volumes", "v"), _bool("link", "l"), _bool("force", "f"))
_START_FLAGS = (
    _bool("attach", "a"),
    _bool("interactive", "i"),
    _str("detach-keys"),
    _str("checkpoint", ann=(("experimental", ""), ("ostype", "linux"))),
    _str("checkpoint-dir", ann=(("experimental", ""), ("ostype", "linux"))),
)
_UPDATE_FLAGS = (
    _num("blkio-weight", vtype="uint16", check="uint16"),
    _num("cpu-period"),
    _num("cpu-quota"),
    _num("cpu-rt-period", ann=_v("1.25")),
    _num("cpu-rt-runtime", ann=_v("1.25")),
    _str("cpuset-cpus"),
    _str("cpuset-mems"),
    _num("cpu-shares", "c"),
    _bytes("memory", "m"),
    _bytes("memory-reservation"),
    _val("memory-swap", vtype="bytes", check="swap-bytes"),
    _str("restart"),
    _num("pids-limit", ann=_v("1.40")),
    _val("cpus", vtype="decimal", check="decimal", ann=_v("1.29")),
    _bytes("kernel-memory", deprecated="and no longer supported by the kernel"),
)
_PS_FLAGS = (
    _bool("quiet", "q"),
    _bool("size", "s"),
    _bool("all", "a"),
    _bool("no-trunc"),
    _bool("latest", "l"),
    _num("last", "n", default="-1"),
    _str("format"),
    _list("filter", "f", vtype="filter", check="filter"),
)
_SYSTEM_INSPECT_FLAGS = (_str("format", "f"), _str("type"), _bool("size", "s"))
_PULL_FLAGS = (
    _bool("all-tags", "a"),
    _bool("quiet", "q"),
    _bool("disable-content-trust", default="true", deprecated=_DCT_DEPRECATED),
    _str("platform", ann=_v("1.32")),
)
_IMAGES_FLAGS = (
    _bool("quiet", "q"),
    _bool("all", "a"),
    _bool("no-trunc"),
    _bool("digests"),
    _str("format"),
    _list("filter", "f", vtype="filter", check="filter"),
    _bool("tree", ann=(("version", "1.47"), ("experimentalCLI", ""))),
)
_NETWORK_CONNECT_FLAGS = (
    _val("ip", vtype="ip", check="ip"),
    _val("ip6", vtype="ip", check="ip"),
    _list("link", check="link"),
    _list("alias", vtype="strings", check="stringSlice"),
    _list("link-local-ip", vtype="ipSlice", check="ipSlice"),
    _list("driver-opt", vtype="strings", check="stringSlice"),
    _num("gw-priority"),
)
_NETWORK_CREATE_FLAGS = (
    _str("driver", "d", default="bridge"),
    _list("opt", "o", vtype="map"),
    _list("label", check="label"),
    _bool("internal"),
    _bool("ipv4", default="true"),
    _bool("ipv6"),
    _bool("attachable", ann=_v("1.25")),
    _bool("ingress", ann=_v("1.29")),
    _str("scope", ann=_v("1.30")),
    _bool("config-only", ann=_v("1.30")),
    _str("config-from", ann=_v("1.30")),
    _str("ipam-driver", default="default"),
    _list("subnet", vtype="strings", check="stringSlice"),
    _list("ip-range", vtype="ipNetSlice", check="ipNetSlice"),
    _list("gateway", vtype="ipSlice", check="ipSlice"),
    _list("aux-address", vtype="map"),
    _list("ipam-opt", vtype="map"),
)
_NETWORK_LS_FLAGS = (
    _bool("quiet", "q"),
    _bool("no-trunc"),
    _str("format"),
    _list("filter", "f", vtype="filter", check="filter"),
)
_SWARM_142: _Ann = (("version", "1.42"), ("swarm", "manager"))
# cli/command/swarm/init.go, join.go, leave.go, join_token.go, opts.go addSwarmFlags
_SWARM_COMMON_FLAGS = (
    _str("listen-addr", default="0.0.0.0:2377"),
    _str("advertise-addr"),
    _str("data-path-addr", ann=_v("1.31")),
    _str("availability", default="active"),
)
_SWARM_INIT_FLAGS = (
    *_SWARM_COMMON_FLAGS,
    _num("data-path-port", vtype="uint32", check="uint32", ann=_v("1.40")),
    _bool("force-new-cluster"),
    _bool("autolock"),
    _list("default-addr-pool", vtype="ipNetSlice", check="ipNetSlice", ann=_v("1.39")),
    _num("default-addr-pool-mask-length", vtype="uint32", check="uint64", default="24",
         ann=_v("1.39")),
    _num("task-history-limit", vtype="int64", default="5"),
    _dur("dispatcher-heartbeat"),
    _num("max-snapshots", vtype="uint64", check="uint64", ann=_v("1.25")),
    _num("snapshot-interval", vtype="uint64", check="uint64", default="10000", ann=_v("1.25")),
    _dur("cert-expiry"),
    _list("external-ca", vtype="external-ca"),
)
_SWARM_JOIN_FLAGS = (*_SWARM_COMMON_FLAGS, _str("token"))
_VOLUME_CREATE_FLAGS = (
    _str("driver", "d", default="local"),
    _str("name", hidden=True),
    _list("opt", "o", vtype="map"),
    _list("label", check="label"),
    _str("group", ann=_SWARM_142),
    _str("scope", default="single", ann=_SWARM_142),
    _str("sharing", default="none", ann=_SWARM_142),
    _str("availability", default="active", ann=_SWARM_142),
    _str("type", default="block", ann=_SWARM_142),
    _list("secret", vtype="map", ann=_SWARM_142),
    _bytes("limit-bytes", ann=_SWARM_142),
    _bytes("required-bytes", ann=_SWARM_142),
    _list("topology-required", ann=_SWARM_142),
    _list("topology-preferred", ann=_SWARM_142),
)
_VOLUME_LS_FLAGS = (
    _bool("quiet", "q"),
    _str("format"),
    _list("filter", "f", vtype="filter", check="filter"),
    _bool("cluster", ann=_SWARM_142),
)
_VOLUME_PRUNE_FLAGS = (
    _bool("all", "a", ann=_v("1.42")),
    _bool("force", "f"),
    _list("filter", vtype="filter", check="filter"),
)

# --------------------------------------------------------------------------------------------
# The command tree
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Cmd:
    """A node of docker's cobra command tree (``spec`` None: exists but not simulated)."""

    use: str
    aliases: tuple[str, ...] = ()
    spec: CommandSpec | None = None
    children: tuple[_Cmd, ...] = ()
    short: str = ""

    @property
    def name(self) -> str:
        return self.use.split(" ", 1)[0]

    def find_next(self, word: str) -> _Cmd | None:
        for child in self.children:
            if child.name == word or word in child.aliases:
                return child
        return None


@dataclass(frozen=True, slots=True)
class _Def:
    """The definition of a simulated command, before its paths are known."""

    name: str
    use: str
    short: str
    flags: tuple[FlagSpec, ...]
    rule: ArgsRule
    lo: int = 0
    hi: int | None = None
    interspersed: bool = True
    group: bool = False
    annotations: _Ann = ()


_DEFS: tuple[_Def, ...] = (
    _Def("container", "container", "Manage containers", (), "none", group=True),
    _Def("image", "image", "Manage images", (), "none", group=True),
    _Def("network", "network", "Manage networks", (), "none", group=True,
         annotations=_v("1.21")),
    _Def("volume", "volume COMMAND", "Manage volumes", (), "none", group=True,
         annotations=_v("1.21")),
    _Def("run", "run [OPTIONS] IMAGE [COMMAND] [ARG...]",
         "Create and run a new container from an image", _RUN_FLAGS, "min", 1,
         interspersed=False),
    _Def("create", "create [OPTIONS] IMAGE [COMMAND] [ARG...]", "Create a new container",
         _CREATE_FLAGS, "min", 1, interspersed=False),
    _Def("exec", "exec [OPTIONS] CONTAINER COMMAND [ARG...]",
         "Execute a command in a running container", _EXEC_FLAGS, "min", 2, interspersed=False),
    _Def("ps", "ps [OPTIONS]", "List containers", _PS_FLAGS, "none"),
    _Def("attach", "attach [OPTIONS] CONTAINER",
         "Attach local standard input, output, and error streams to a running container",
         _ATTACH_FLAGS, "exact", 1, 1),
    _Def("kill", "kill [OPTIONS] CONTAINER [CONTAINER...]", "Kill one or more running containers",
         _KILL_FLAGS, "min", 1),
    _Def("logs", "logs [OPTIONS] CONTAINER", "Fetch the logs of a container", _LOGS_FLAGS,
         "exact", 1, 1),
    _Def("pause", "pause CONTAINER [CONTAINER...]",
         "Pause all processes within one or more containers", (), "min", 1),
    _Def("port", "port CONTAINER [PRIVATE_PORT[/PROTO]]",
         "List port mappings or a specific mapping for the container", (), "range", 1, 2),
    _Def("rename", "rename CONTAINER NEW_NAME", "Rename a container", (), "exact", 2, 2),
    _Def("restart", "restart [OPTIONS] CONTAINER [CONTAINER...]", "Restart one or more containers",
         _STOP_FLAGS, "min", 1),
    _Def("rm", "rm [OPTIONS] CONTAINER [CONTAINER...]", "Remove one or more containers",
         _RM_FLAGS, "min", 1),
    _Def("start", "start [OPTIONS] CONTAINER [CONTAINER...]",
         "Start one or more stopped containers", _START_FLAGS, "min", 1),
    _Def("stop", "stop [OPTIONS] CONTAINER [CONTAINER...]", "Stop one or more running containers",
         _STOP_FLAGS, "min", 1),
    _Def("top", "top CONTAINER [ps OPTIONS]", "Display the running processes of a container", (),
         "min", 1, interspersed=False),
    _Def("unpause", "unpause CONTAINER [CONTAINER...]",
         "Unpause all processes within one or more containers", (), "min", 1),
    _Def("update", "update [OPTIONS] CONTAINER [CONTAINER...]",
         "Update configuration of one or more containers", _UPDATE_FLAGS, "min", 1),
    _Def("container inspect", "inspect [OPTIONS] CONTAINER [CONTAINER...]",
         "Display detailed information on one or more containers", _CONTAINER_INSPECT_FLAGS,
         "min", 1),
    _Def("container prune", "prune [OPTIONS]", "Remove all stopped containers", _PRUNE_FLAGS,
         "none", annotations=_v("1.25")),
    _Def("inspect", "inspect [OPTIONS] NAME|ID [NAME|ID...]",
         "Return low-level information on Docker objects", _SYSTEM_INSPECT_FLAGS, "min", 1),
    _Def("pull", "pull [OPTIONS] NAME[:TAG|@DIGEST]", "Download an image from a registry",
         _PULL_FLAGS, "exact", 1, 1),
    _Def("images", "images [OPTIONS] [REPOSITORY[:TAG]]", "List images", _IMAGES_FLAGS, "max",
         0, 1),
    _Def("network connect", "connect [OPTIONS] NETWORK CONTAINER",
         "Connect a container to a network", _NETWORK_CONNECT_FLAGS, "exact", 2, 2),
    _Def("network create", "create [OPTIONS] NETWORK", "Create a network", _NETWORK_CREATE_FLAGS,
         "exact", 1, 1),
    _Def("network disconnect", "disconnect [OPTIONS] NETWORK CONTAINER",
         "Disconnect a container from a network", (_bool("force", "f"),), "exact", 2, 2),
    _Def("network inspect", "inspect [OPTIONS] NETWORK [NETWORK...]",
         "Display detailed information on one or more networks",
         (_str("format", "f"), _bool("verbose", "v")), "min", 1),
    _Def("network ls", "ls [OPTIONS]", "List networks", _NETWORK_LS_FLAGS, "none"),
    _Def("network prune", "prune [OPTIONS]", "Remove all unused networks", _PRUNE_FLAGS, "none",
         annotations=_v("1.25")),
    _Def("network rm", "rm NETWORK [NETWORK...]", "Remove one or more networks",
         (_bool("force", "f"),), "min", 1),
    _Def("volume create", "create [OPTIONS] [VOLUME]", "Create a volume", _VOLUME_CREATE_FLAGS,
         "max", 0, 1),
    _Def("volume inspect", "inspect [OPTIONS] VOLUME [VOLUME...]",
         "Display detailed information on one or more volumes", (_str("format", "f"),), "min",
         1),
    _Def("volume ls", "ls [OPTIONS]", "List volumes", _VOLUME_LS_FLAGS, "none"),
    _Def("volume prune", "prune [OPTIONS]", "Remove unused local volumes", _VOLUME_PRUNE_FLAGS,
         "none", annotations=_v("1.25")),
    _Def("volume rm", "rm [OPTIONS] VOLUME [VOLUME...]", "Remove one or more volumes",
         (_bool("force", "f", ann=_v("1.25")),), "min", 1),
    _Def("swarm", "swarm", "Manage Swarm", (), "none", group=True,
         annotations=(("version", "1.24"), ("swarm", ""))),
    _Def("swarm init", "init [OPTIONS]", "Initialize a swarm", _SWARM_INIT_FLAGS, "none"),
    _Def("swarm join", "join [OPTIONS] HOST:PORT", "Join a swarm as a node and/or manager",
         _SWARM_JOIN_FLAGS, "exact", 1, 1),
    _Def("swarm leave", "leave [OPTIONS]", "Leave the swarm", (_bool("force", "f"),), "none"),
    _Def("swarm join-token", "join-token [OPTIONS] (worker|manager)",
         "Manage join tokens", (_bool("quiet", "q"), _bool("rotate")), "exact", 1, 1),
    _Def("volume update", "update [OPTIONS] [VOLUME]", "Update a volume (cluster volumes only)",
         (_str("availability", default="active", ann=_SWARM_142),), "exact", 1, 1,
         annotations=_SWARM_142),
)

# Where each simulated command appears: (path, cobra Use of that node, aliases, canonical name).
_PLACES: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    ("run", "", (), "run"), ("container run", "", (), "run"),
    ("create", "", (), "create"), ("container create", "", (), "create"),
    ("exec", "", (), "exec"), ("container exec", "", (), "exec"),
    ("ps", "", (), "ps"), ("container ls", "ls [OPTIONS]", ("ps", "list"), "ps"),
    ("attach", "", (), "attach"), ("container attach", "", (), "attach"),
    ("kill", "", (), "kill"), ("container kill", "", (), "kill"),
    ("logs", "", (), "logs"), ("container logs", "", (), "logs"),
    ("pause", "", (), "pause"), ("container pause", "", (), "pause"),
    ("port", "", (), "port"), ("container port", "", (), "port"),
    ("rename", "", (), "rename"), ("container rename", "", (), "rename"),
    ("restart", "", (), "restart"), ("container restart", "", (), "restart"),
    ("rm", "", (), "rm"), ("container rm", "", ("rm", "remove"), "rm"),
    ("start", "", (), "start"), ("container start", "", (), "start"),
    ("stop", "", (), "stop"), ("container stop", "", (), "stop"),
    ("top", "", (), "top"), ("container top", "", (), "top"),
    ("unpause", "", (), "unpause"), ("container unpause", "", (), "unpause"),
    ("update", "", (), "update"), ("container update", "", (), "update"),
    ("container inspect", "", (), "container inspect"),
    ("container prune", "", (), "container prune"),
    ("inspect", "", (), "inspect"),
    ("pull", "", (), "pull"), ("image pull", "", (), "pull"),
    ("images", "", (), "images"),
    ("image ls", "ls [OPTIONS] [REPOSITORY[:TAG]]", ("list",), "images"),
    ("container", "", (), "container"), ("image", "", (), "image"),
    ("network", "", (), "network"), ("volume", "", (), "volume"),
    ("network connect", "", (), "network connect"),
    ("network create", "", (), "network create"),
    ("network disconnect", "", (), "network disconnect"),
    ("network inspect", "", (), "network inspect"),
    ("network ls", "", ("list",), "network ls"),
    ("network prune", "", (), "network prune"),
    ("network rm", "", ("remove",), "network rm"),
    ("volume create", "", (), "volume create"),
    ("volume inspect", "", (), "volume inspect"),
    ("volume ls", "", ("list",), "volume ls"),
    ("volume prune", "", (), "volume prune"),
    ("volume rm", "", ("remove",), "volume rm"),
    ("volume update", "", (), "volume update"),
    ("swarm", "", (), "swarm"),
    ("swarm init", "", (), "swarm init"),
    ("swarm join", "", (), "swarm join"),
    ("swarm leave", "", (), "swarm leave"),
    ("swarm join-token", "", (), "swarm join-token"),
)

# Real commands (registered in cli/command/*/cmd.go at v29.1.0, plus cobra's own) that are not
# simulated, as (path, aliases).  "buildx" and "compose" are CLI plugins, listed so that a script
# using them is reported as not simulated rather than as an unknown command.
_NOT_SIMULATED: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("builder", ()), ("bake", ()), ("checkpoint", ()), ("config", ()), ("commit", ()),
    ("cp", ()), ("diff", ()), ("export", ()), ("stats", ()), ("wait", ()), ("context", ()),
    ("build", ()), ("push", ()), ("history", ()), ("import", ()), ("load", ()), ("rmi", ()),
    ("save", ()), ("tag", ()), ("manifest", ()), ("node", ()), ("plugin", ()), ("login", ()),
    ("logout", ()), ("search", ()), ("secret", ()), ("service", ()), ("stack", ()),
    ("swarm ca", ()), ("swarm unlock", ()), ("swarm unlock-key", ()), ("swarm update", ()),
    ("system", ()), ("version", ()), ("info", ()), ("events", ()),
    ("help", ()), ("completion", ()), ("__complete", ()), ("__completeNoDesc", ()),
    ("buildx", ()), ("compose", ()),
    ("container commit", ()), ("container cp", ()), ("container diff", ()),
    ("container export", ()), ("container stats", ()), ("container wait", ()),
    ("image build", ()), ("image history", ()), ("image import", ()), ("image load", ()),
    ("image push", ()), ("image save", ()), ("image tag", ()), ("image rm", ("rmi", "remove")),
    ("image inspect", ()), ("image prune", ()),
)

# The Short of the commands above that a command group's usage text lists (docker/cli
# v26.1.5 and v29.1.5 alike: cli/command/{container,image,swarm}/*.go).
_NOT_SIMULATED_SHORTS: Mapping[str, str] = MappingProxyType({
    "container commit": "Create a new image from a container's changes",
    "container cp": "Copy files/folders between a container and the local filesystem",
    "container diff": "Inspect changes to files or directories on a container's filesystem",
    "container export": "Export a container's filesystem as a tar archive",
    "container stats": "Display a live stream of container(s) resource usage statistics",
    "container wait": "Block until one or more containers stop, then print their exit codes",
    "image build": "Build an image from a Dockerfile",
    "image history": "Show the history of an image",
    "image import": "Import the contents from a tarball to create a filesystem image",
    "image load": "Load an image from a tar archive or STDIN",
    "image push": "Upload an image to a registry",
    "image save": "Save one or more images to a tar archive (streamed to STDOUT by default)",
    "image tag": "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE",
    "image rm": "Remove one or more images",
    "image inspect": "Display detailed information on one or more images",
    "image prune": "Remove unused images",
    "swarm ca": "Display and rotate the root CA",
    "swarm unlock": "Unlock swarm",
    "swarm unlock-key": "Manage the unlock key",
    "swarm update": "Update the swarm",
})

_ROOT_USE = "docker [OPTIONS] COMMAND [ARG...]"
_ROOT_SHORT = "A self-sufficient runtime for containers"


def _build() -> tuple[_Cmd, dict[str, CommandSpec]]:
    defs = {d.name: d for d in _DEFS}
    paths_of: dict[str, list[str]] = {}
    for path, _use, aliases, canon in _PLACES:
        paths_of.setdefault(canon, []).append(path)
        for alias in aliases:
            paths_of[canon].append(path.rsplit(" ", 1)[0] + " " + alias)
    specs: dict[str, CommandSpec] = {}
    for d in _DEFS:
        specs[d.name] = CommandSpec(
            name=d.name,
            usage="docker " + (d.name.rsplit(" ", 1)[0] + " " if " " in d.name else "") + d.use,
            short=d.short,
            flags=d.flags,
            interspersed=d.interspersed,
            min_args=d.lo,
            max_args=d.hi if d.rule in ("exact", "range", "max") else (0 if d.rule == "none"
                                                                      else None),
            args_rule=d.rule,
            use=d.use,
            paths=tuple(paths_of[d.name]),
            group=d.group,
            annotations=d.annotations,
        )
    # assemble nodes: children per parent path
    entries: dict[str, tuple[str, tuple[str, ...], CommandSpec | None]] = {}
    for path, use, aliases, canon in _PLACES:
        entries[path] = (use or defs[canon].use, aliases, specs[canon])
    for path, aliases in _NOT_SIMULATED:
        entries[path] = (path.rsplit(" ", 1)[-1], aliases, None)

    def node(path: str) -> _Cmd:
        use, aliases, spec = entries[path]
        prefix = path + " "
        kids = tuple(node(p) for p in entries if p.startswith(prefix)
                     and " " not in p[len(prefix):])
        short = spec.short if spec is not None else _NOT_SIMULATED_SHORTS.get(path, "")
        return _Cmd(use, aliases, spec, kids, short)

    root_kids = tuple(node(p) for p in entries if " " not in p)
    return _Cmd(_ROOT_USE, (), None, root_kids), specs


_ROOT, _SPECS = _build()

COMMANDS: Mapping[str, CommandSpec] = MappingProxyType(_SPECS)


@functools.lru_cache(maxsize=1024)
def _storage_group(command: str, long: str) -> frozenset[str]:
    spec = _SPECS.get(command)
    if spec is None:
        return frozenset({long})
    target = long
    for f in spec.flags:
        if f.long == long and f.alias_of:
            target = f.alias_of
    return frozenset({target} | {f.long for f in spec.flags if f.alias_of == target})


# --------------------------------------------------------------------------------------------
# pflag / cobra parsing
# --------------------------------------------------------------------------------------------


class _FlagError(Exception):
    """An error from pflag's FlagSet.Parse; ``str()`` is its text."""


_FLAGSET_CACHE: dict[int, tuple[Sequence[FlagSpec], _FlagSet]] = {}


@dataclass(slots=True)
class _FlagSet:
    by_long: dict[str, FlagSpec]
    by_short: dict[int, FlagSpec]

    @classmethod
    def of(cls, flags: Sequence[FlagSpec]) -> _FlagSet:
        # flag tables are module constants: cache by identity (hashing 100 specs is slow);
        # the entry keeps the sequence alive so its id cannot be reused
        hit = _FLAGSET_CACHE.get(id(flags))
        if hit is not None and hit[0] is flags:
            return hit[1]
        built = cls._build(flags)
        _FLAGSET_CACHE[id(flags)] = (flags, built)
        return built

    @classmethod
    def _build(cls, flags: Sequence[FlagSpec]) -> _FlagSet:
        by_long: dict[str, FlagSpec] = {}
        by_short: dict[int, FlagSpec] = {}
        for f in flags:
            if f.long in by_long:  # cobra merges inherited flags only when the name is free
                continue
            by_long[f.long] = f
            if f.short:
                by_short[ord(f.short)] = f
        return cls(by_long, by_short)


@dataclass(slots=True)
class _Run:
    """Mutable state of one docker invocation (values shared between flag sets)."""

    daemon: DaemonInfo | None
    profile: EngineProfile | None = None
    host_set: bool = False
    help: bool = False  # the root's persistent --help, shared by every command inheriting it
    global_flags: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    stderr_prefix: list[str] = field(default_factory=list)
    log_warnings: list[str] = field(default_factory=list)


def _flag_name_for_error(f: FlagSpec) -> str:
    if f.short and not f.shorthand_deprecated:
        return f"-{f.short}, --{f.long}"
    return f"--{f.long}"


class _Parser:
    """pflag's ``FlagSet.Parse`` for one flag set (spf13/pflag v1.0.10, flag.go)."""

    def __init__(self, fs: _FlagSet, run: _Run, *, interspersed: bool) -> None:
        self.fs = fs
        self.run = run
        self.interspersed = interspersed
        self.sets: list[tuple[FlagSpec, str]] = []
        self.args: list[str] = []
        self.warnings: list[str] = []

    def _set(self, f: FlagSpec, value: str) -> None:
        shown = value
        try:
            if f.check == "host":
                profile = self.run.profile
                if self.run.host_set and (profile is None or not profile.cli_multiple_hosts_error):
                    # v28.5.2:cli/flags/options.go:81 (older CLIs keep a list: _multiple_hosts)
                    raise _GoError("specify only one -H")
                self.run.host_set = True
            elif f.check:
                check = f.check
                profile = self.run.profile
                if profile is not None and not profile.cli_parses_addresses:
                    check = _STRING_ADDRESS_CHECKS.get((f.long, check), check)
                if check == "mount" and profile is not None:
                    _v_mount(value, nonrecursive=profile.cli_bind_nonrecursive,
                             log=self.run.log_warnings)
                elif check:
                    _VALIDATORS[check](value)
            if f.kind == "bool":
                shown = "true" if _parse_bool(value) else "false"
        except _GoError as e:
            raise _FlagError(f"invalid argument {_go_quote(value)} for "
                             f"{_go_quote(_flag_name_for_error(f))} flag: {e}") from None
        if f is _HELP_PERSISTENT:
            self.run.help = shown == "true"
        self.sets.append((f, shown))
        profile = self.run.profile
        if f.deprecated and (profile is None or f.long in profile.cli_deprecated_flags):
            self.warnings.append(f"Flag --{f.long} has been deprecated, {f.deprecated}")

    def _long(self, s: str, rest: list[str]) -> list[str]:
        name = s[2:]
        if not name or name[0] in "-=":
            raise _FlagError(f"bad flag syntax: {s}")
        name, eq, value = name.partition("=")
        f = self.fs.by_long.get(name)
        if f is None:
            raise _FlagError(f"unknown flag: --{name}")
        if eq:
            pass
        elif f.kind == "bool":
            value = "true"
        elif rest:
            value, rest = rest[0], rest[1:]
        else:
            raise _FlagError(f"flag needs an argument: --{name}")
        self._set(f, value)
        return rest

    def _short(self, s: str, rest: list[str]) -> list[str]:
        shorthands = _to_bytes(s)[1:]
        remaining = rest
        while shorthands:
            if shorthands.startswith(b"test."):
                break
            c = shorthands[0]
            f = self.fs.by_short.get(c)
            if f is None:
                raise _FlagError(f"unknown shorthand flag: {_go_quote_rune(c)} in "
                                 f"-{_from_bytes(shorthands)}")
            if len(shorthands) > 2 and shorthands[1] == ord("="):
                value, nxt = _from_bytes(shorthands[2:]), b""
            elif f.kind == "bool":
                value, nxt = "true", shorthands[1:]
            elif len(shorthands) > 1:
                value, nxt = _from_bytes(shorthands[1:]), b""
            elif rest:
                value, nxt = rest[0], b""
                remaining = rest[1:]
            else:
                raise _FlagError(f"flag needs an argument: {_go_quote_rune(c)} in "
                                 f"-{_from_bytes(shorthands)}")
            if f.shorthand_deprecated:
                text = (f.shorthand_deprecated if self.run.profile is None
                        else self.run.profile.cli_help_shorthand_deprecation)
                self.warnings.append(f"Flag shorthand -{f.short} has been deprecated, {text}")
            self._set(f, value)
            shorthands = nxt
        return remaining

    def parse(self, arguments: Sequence[str]) -> None:
        rest = list(arguments)
        while rest:
            s, rest = rest[0], rest[1:]
            if len(s) == 0 or s[0] != "-" or len(s) == 1:
                self.args.append(s)
                if not self.interspersed:
                    self.args.extend(rest)
                    return
                continue
            if s[1] == "-":
                if len(s) == 2:
                    self.args.extend(rest)
                    return
                rest = self._long(s, rest)
            else:
                rest = self._short(s, rest)


_COMMAND_FLAGSETS: dict[tuple[str | None, str | None], _FlagSet] = {}


#: ``-t, --time`` of docker/cli ≤ 27.x's stop and restart (EngineProfile.cli_stop_time_flag)
_TIME_FLAG = _num("time", "t")


def _release_flags(name: str, flags: tuple[FlagSpec, ...], profile: EngineProfile | None
                   ) -> tuple[FlagSpec, ...]:
    """A command's flags as the profile's CLI release defines them."""
    if profile is None:
        return flags
    absent = {a.rpartition(" --")[2] for a in profile.cli_absent_flags
              if a.rpartition(" --")[0] == name}
    if absent:
        flags = tuple(f for f in flags if f.long not in absent)
    if profile.cli_stop_time_flag and any(f.long == "timeout" for f in flags):
        flags = tuple(_TIME_FLAG if f.long == "timeout" else f for f in flags
                      if f.long != "time")
    return flags


def _command_flagset(spec: CommandSpec | None, *, root: bool,
                     profile: EngineProfile | None = None) -> _FlagSet:
    if root:
        return _FlagSet.of(GLOBAL_FLAGS)
    key = (spec.name if spec is not None else None, profile.name if profile else None)
    found = _COMMAND_FLAGSETS.get(key)
    if found is None:
        own = _release_flags(spec.name, spec.flags, profile) if spec is not None else ()
        found = _COMMAND_FLAGSETS[key] = _FlagSet._build((*own, _HELP_PERSISTENT))
    return found


def _use_line(path: list[str], node: _Cmd) -> str:
    """cobra's UseLine (every docker command sets DisableFlagsInUseLine)."""
    if not path:
        return node.use
    return " ".join(["docker", *path[:-1]]) + " " + node.use


def _command_path(path: list[str]) -> str:
    return " ".join(["docker", *path])


def _version_less(a: str, b: str) -> bool:
    """moby's versions.LessThan."""
    pa, pb = a.split("."), b.split(".")
    for i in range(max(len(pa), len(pb))):
        x = int(pa[i]) if i < len(pa) and pa[i].isdigit() else 0
        y = int(pb[i]) if i < len(pb) and pb[i].isdigit() else 0
        if x != y:
            return x < y
    return False


def _is_supported(chain: list[CommandSpec | None], path: list[str],
                  changed: Sequence[FlagSpec], daemon: DaemonInfo | None) -> str | None:
    """docker.go isSupported: command annotations, then annotated flags that were set."""
    if daemon is None:
        return None
    cmd_path = _command_path(path)
    for spec in reversed(chain):
        ann = dict(spec.annotations) if spec is not None else {}
        if "version" in ann and _version_less(daemon.api_version, ann["version"]):
            return (f"{cmd_path} requires API version {ann['version']}, but the Docker daemon "
                    f"API version is {daemon.api_version}")
        if "ostype" in ann and daemon.os_type and ann["ostype"] != daemon.os_type:
            return (f"{cmd_path} is only supported on a Docker daemon running on "
                    f"{ann['ostype']}, but the Docker daemon is running on {daemon.os_type}")
        if "experimental" in ann and not daemon.experimental:
            return (f"{cmd_path} is only supported on a Docker daemon with experimental "
                    "features enabled")
    errs: list[str] = []
    for f in sorted({f.long: f for f in changed}.values(), key=lambda f: f.long):
        ann = dict(f.annotations)
        if "version" in ann and _version_less(daemon.api_version, ann["version"]):
            errs.append(f'"--{f.long}" requires API version {ann["version"]}, but the Docker '
                        f"daemon API version is {daemon.api_version}")
            continue
        if "ostype" in ann and daemon.os_type and ann["ostype"] != daemon.os_type:
            errs.append(f'"--{f.long}" is only supported on a Docker daemon running on '
                        f"{ann['ostype']}, but the Docker daemon is running on {daemon.os_type}")
            continue
        if "experimental" in ann and not daemon.experimental:
            errs.append(f'"--{f.long}" is only supported on a Docker daemon with experimental '
                        "features enabled")
    return "\n".join(errs) if errs else None


def _short(node: _Cmd, path: list[str], profile: EngineProfile | None) -> str:
    """The command's Short as this CLI release words it."""
    if profile is not None and profile.cli_shorts:
        key = node.spec.name if node.spec is not None else " ".join(path)
        return dict(profile.cli_shorts).get(key, node.short)
    return node.short


def _usage_string(path: list[str], node: _Cmd, profile: EngineProfile | None) -> str:
    """cobra's UsageString of a command group under docker/cli's usageTemplate (cli/cobra.go,
    v20.10.24 and v26.1.5 alike for a group: no flags but the hidden --help, no aliases): the
    group's Short and its operation subcommands, sorted, padded to cobra's NamePadding (at
    least 11, else the longest subcommand name).  Commands annotated ``swarm: manager`` are
    hidden, as hideUnsupportedFeatures does on a daemon that is not a swarm manager."""
    cmd_path = _command_path(path)
    pad = max(11, *(len(c.name) for c in node.children))
    lines = [f"Usage:  {cmd_path} COMMAND", "", _short(node, path, profile), "", "Commands:"]
    for child in sorted(node.children, key=lambda c: c.name):
        if child.children or not child.short:
            continue
        if child.spec is not None and ("swarm", "manager") in child.spec.annotations:
            continue
        if profile is not None and " ".join([*path, child.name]) in profile.cli_absent_commands:
            continue
        lines.append(f"  {child.name.ljust(pad)} {_short(child, [*path, child.name], profile)}")
    lines += ["", f"Run '{cmd_path} COMMAND --help' for more information on a command.", ""]
    return "\n".join(lines)


def _args_error(spec: CommandSpec, path: list[str], node: _Cmd, args: list[str],
                profile: EngineProfile | None) -> str | None:
    """cli/required.go (NoArgs, RequiresMinArgs, RequiresMaxArgs, RequiresRangeArgs,
    ExactArgs), in the layout of the profile's CLI release (EngineProfile.cli_see_help_errors:
    v26.1.5:cli/required.go; otherwise v28.0.0 and later)."""
    n = len(args)
    cmd_path = _command_path(path)
    usage = _use_line(path, node)
    see = profile is not None and profile.cli_see_help_errors

    def plural(k: int) -> str:
        return "argument" if k == 1 else "arguments"

    def old(what: str) -> str:
        return (f'"{cmd_path}" {what}.\nSee \'{cmd_path} --help\'.\n\nUsage:  {usage}\n\n'
                f"{_short(node, path, profile)}")

    if spec.args_rule == "none":
        if n == 0:
            return None
        if node.children:
            if see:
                return "\n" + _usage_string(path, node, profile).rstrip("\n")
            return (f"docker: unknown command: {cmd_path} {args[0]}\n\nUsage:  {usage}\n\n"
                    f"Run '{cmd_path} --help' for more information")
        if see:
            return old("accepts no arguments")
        return (f"docker: '{cmd_path}' accepts no arguments\n\nUsage:  {usage}\n\n"
                f"Run '{cmd_path} --help' for more information")
    lo, hi = spec.min_args, spec.max_args
    if spec.args_rule == "min" and n < lo:
        if see:
            return old(f"requires at least {lo} {plural(lo)}")
        return (f"docker: '{cmd_path}' requires at least {lo} {plural(lo)}\n\nUsage:  {usage}"
                f"\n\nSee '{cmd_path} --help' for more information")
    if spec.args_rule == "max" and hi is not None and n > hi:
        if see:
            return old(f"requires at most {hi} {plural(hi)}")
        run_ = "SRun" if profile is not None and profile.cli_max_args_typo else "Run"
        return (f"docker: '{cmd_path}' requires at most {hi} {plural(hi)}\n\nUsage:  {usage}"
                f"\n\n{run_} '{cmd_path} --help' for more information")
    if spec.args_rule == "range" and hi is not None and not lo <= n <= hi:
        if see:
            return old(f"requires at least {lo} and at most {hi} {plural(hi)}")
        return (f"docker: '{cmd_path}' requires at least {lo} and at most {hi} {plural(hi)}"
                f"\n\nUsage:  {usage}\n\nRun '{cmd_path} --help' for more information")
    if spec.args_rule == "exact" and n != lo:
        if see:
            return old(f"requires exactly {lo} {plural(lo)}")
        return (f"docker: '{cmd_path}' requires {lo} {plural(lo)}\n\nUsage:  {usage}\n\n"
                f"Run '{cmd_path} --help' for more information")
    return None


#: what netsim says where docker prints its root command's usage text (the list of every
#: command and the global options, which depends on the CLI plugins installed and swarm mode)
ROOT_USAGE_NOT_REPRODUCED = "netsim: docker's usage text (docker --help) is not reproduced"


def _flag_error_text(err: str, path: list[str], node: _Cmd,
                     profile: EngineProfile | None) -> str:
    """cli/cobra.go FlagErrorFunc (the profile's CLI release: EngineProfile.
    cli_see_help_errors)."""
    cmd_path = _command_path(path)
    if profile is not None and profile.cli_see_help_errors:
        text = f"{err}\nSee '{cmd_path} --help'."
        if node is _ROOT:
            return f"{text}\n{ROOT_USAGE_NOT_REPRODUCED}"
        if node.children:
            text += "\n\n" + _usage_string(path, node, profile)
        return text
    return (f"{err}\n\nUsage:  {_use_line(path, node)}\n\n"
            f"Run '{cmd_path} --help' for more information")


def _fail(run: _Run, text: str, code: int) -> DockerCliError:
    return DockerCliError("".join(run.stderr_prefix) + text, exit_code=code)


_LOGRUS_LEVELS = frozenset({"panic", "fatal", "error", "warn", "warning", "info", "debug",
                            "trace"})


def _initialize(run: _Run) -> None:
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


def _multiple_hosts(run: _Run) -> None:
    """A CLI that keeps ``-H`` as a list fails when the command first needs the daemon, after
    its arguments are checked (EngineProfile.cli_multiple_hosts_error)."""
    text = run.profile.cli_multiple_hosts_error if run.profile is not None else ""
    if text and sum(1 for long, _ in run.global_flags if long == "host") > 1:
        raise _fail(run, text, 1)


def _record_globals(run: _Run, parser: _Parser) -> None:
    for f, value in parser.sets:
        if f.long != "help":
            run.global_flags.append((f.long, value))


def _has_no_opt_def_val(fs: _FlagSet, name: str) -> bool:
    f = fs.by_long.get(name)
    return f is not None and f.kind == "bool"


def _short_has_no_opt_def_val(fs: _FlagSet, name: bytes) -> bool:
    if not name:
        return False
    f = fs.by_short.get(name[0])
    return f is not None and f.kind == "bool"


def _is_flag_arg(arg: bytes) -> bool:
    return (len(arg) >= 3 and arg[:2] == b"--") or (len(arg) >= 2 and arg[0] == ord("-")
                                                      and arg[1] != ord("-"))


_DEFAULT_DAEMON = DaemonInfo()


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
    token = _CLI_PROFILE.set(profile)
    try:
        return _parse(argv, _Run(daemon, profile))
    finally:
        _CLI_PROFILE.reset(token)


def _parse(argv: Sequence[str], run: _Run) -> ParsedCommand:
    # 1. HandleGlobalFlags: the root's flags, stopping at the first non-flag word.
    gparser = _Parser(_FlagSet.of(GLOBAL_FLAGS), run, interspersed=False)
    try:
        gparser.parse(argv)
    except _FlagError as e:
        run.stderr_prefix.extend(w + "\n" for w in gparser.warnings)
        _record_globals(run, gparser)
        _initialize(run)
        raise _fail(run, _flag_error_text(str(e), [], _ROOT, run.profile), 125) from None
    run.stderr_prefix.extend(w + "\n" for w in gparser.warnings)
    run.warnings.extend(gparser.warnings)
    n_err = len(gparser.warnings)
    _record_globals(run, gparser)
    _initialize(run)
    args = gparser.args

    # 2. cobra Traverse from the root: parse each parent's flags, descend into subcommands.
    node = _ROOT
    path: list[str] = []
    chain: list[CommandSpec | None] = [None]
    while True:
        fs = _command_flagset(node.spec, root=node is _ROOT, profile=run.profile)
        pending: list[str] = []
        in_flag = False
        nxt: _Cmd | None = None
        consumed = 0
        for i, arg in enumerate(args):
            b = _to_bytes(arg)
            if b.startswith(b"--") and b"=" not in b:
                in_flag = not _has_no_opt_def_val(fs, arg[2:])
                pending.append(arg)
                continue
            if (b.startswith(b"-") and b"=" not in b and len(b) == 2
                    and not _short_has_no_opt_def_val(fs, b[1:])):
                in_flag = True
                pending.append(arg)
                continue
            if in_flag:
                in_flag = False
                pending.append(arg)
                continue
            if _is_flag_arg(b):
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
        if node.spec is None and node is not _ROOT:
            raise UnsupportedCommandError(" ".join(path))
        tparser = _Parser(fs, run, interspersed=True)
        try:
            tparser.parse(pending)
        except _FlagError as e:  # cobra returns this error as is: exit status 1, no usage
            raise _fail(run, str(e), 1) from None
        run.warnings.extend(tparser.warnings)
        if node is _ROOT:
            _record_globals(run, tparser)
        node = nxt
        path.append(nxt.name)
        chain.append(nxt.spec)
        args = args[consumed + 1:]

    spec = node.spec
    if spec is None and node is not _ROOT:
        raise UnsupportedCommandError(" ".join(path))

    # 3. cobra execute on the command found.
    is_root = node is _ROOT
    fs = _command_flagset(spec, root=is_root, profile=run.profile)
    parser = _Parser(fs, run, interspersed=spec.interspersed if spec is not None else True)
    try:
        parser.parse(args)
    except _FlagError as e:
        unsupported = _is_supported(chain, path, [f for f, _ in parser.sets], run.daemon)
        if unsupported is not None:
            raise _fail(run, unsupported, 1) from None
        raise _fail(run, _flag_error_text(str(e), path, node, run.profile), 125) from None
    run.warnings.extend(parser.warnings)
    if is_root:
        _record_globals(run, parser)
    own_help = [v for f, v in parser.sets if f is _HELP_LOCAL]
    help_requested = (own_help[-1] == "true") if own_help else (
        run.help if fs.by_long.get("help") is _HELP_PERSISTENT else False)
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
    unsupported = _is_supported(chain, path, [f for f, _ in parser.sets], run.daemon)
    if unsupported is not None:
        raise _fail(run, unsupported, 1)
    error = _args_error(spec, path, node, parser.args, run.profile)
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
