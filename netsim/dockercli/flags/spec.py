"""The data types of docker's command line (pflag flags, cobra commands) and the helpers that
build the flag tables (docker/cli v29.1.0; ``vendor/github.com/spf13/pflag`` v1.0.10)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = [
    "SWARM_142",
    "Annotations",
    "ArgsRule",
    "CommandSpec",
    "DaemonInfo",
    "FlagKind",
    "FlagSpec",
    "bool_flag",
    "bytes_flag",
    "duration_flag",
    "list_flag",
    "min_api",
    "num_flag",
    "str_flag",
    "val_flag",
]

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
class DaemonInfo:
    """What the CLI learns from the daemon for ``isSupported`` (Docker Engine 29.1 on Linux)."""

    os_type: str = "linux"
    api_version: str = "1.52"
    experimental: bool = False



#: cobra flag/command annotations, as (key, value) pairs
Annotations = tuple[tuple[str, str], ...]


def bool_flag(long: str, short: str | None = None, *, default: str = "false", hidden: bool = False,
          deprecated: str | None = None, ann: Annotations = ()) -> FlagSpec:
    """A boolean flag (pflag BoolVarP; ``deprecated`` hides it)."""
    return FlagSpec(long, short, "bool", "bool", hidden=hidden or deprecated is not None,
                    deprecated=deprecated, default=default, check="bool", annotations=ann)


def str_flag(long: str, short: str | None = None, *, default: str = "", hidden: bool = False,
         ann: Annotations = ()) -> FlagSpec:
    """A string flag (pflag StringVarP)."""
    return FlagSpec(long, short, "value", "string", hidden=hidden, default=default,
                    annotations=ann)


def num_flag(long: str, short: str | None = None, *, vtype: str = "int", default: str = "0",
         check: str = "int", hidden: bool = False, deprecated: str | None = None,
         alias_of: str | None = None, ann: Annotations = ()) -> FlagSpec:
    """A number flag (pflag IntVarP and kin: ``vtype`` its type, ``check`` its parse)."""
    return FlagSpec(long, short, "value", vtype, hidden=hidden or deprecated is not None,
                    deprecated=deprecated, default=default, check=check, alias_of=alias_of,
                    annotations=ann)


def val_flag(long: str, short: str | None = None, *, vtype: str, check: str = "",
         default: str = "", hidden: bool = False, deprecated: str | None = None,
         ann: Annotations = ()) -> FlagSpec:
    """A single-valued flag of another type (opts types: ``vtype``, ``check``)."""
    return FlagSpec(long, short, "value", vtype, hidden=hidden or deprecated is not None,
                    deprecated=deprecated, default=default, check=check, annotations=ann)


def list_flag(long: str, short: str | None = None, *, vtype: str = "list", check: str = "",
          hidden: bool = False, alias_of: str | None = None, ann: Annotations = ()) -> FlagSpec:
    """A repeatable flag (ListOpts, MapOpts, pflag slices...)."""
    return FlagSpec(long, short, "list", vtype, hidden=hidden, check=check, alias_of=alias_of,
                    annotations=ann)


def min_api(version: str) -> Annotations:
    """The ``version`` annotation: the flag or command needs this daemon API version."""
    return (("version", version),)


def duration_flag(long: str, *, ann: Annotations = ()) -> FlagSpec:
    """A time.Duration flag (opts.DurationOpt, default ``0s``)."""
    return val_flag(long, vtype="duration", check="duration", default="0s", ann=ann)


def bytes_flag(long: str, short: str | None = None, *, deprecated: str | None = None,
           ann: Annotations = ()) -> FlagSpec:
    """A size flag (opts.MemBytes: go-units RAMInBytes)."""
    return val_flag(long, short, vtype="bytes", check="bytes", deprecated=deprecated, ann=ann)


#: the annotations of docker/cli's cluster-volume flags and commands (API 1.42, swarm manager)
SWARM_142: Annotations = (("version", "1.42"), ("swarm", "manager"))
