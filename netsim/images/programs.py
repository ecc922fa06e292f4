"""Does the container keep running? What PID 1 ends up running (ENTRYPOINT, CMD and the user's
command), the environment an entrypoint insists on, and whether that command keeps running.

Which programs end, run for ever or decide from their arguments is data (``catalogue.yaml``,
section ``programs``; the deciding rules are :mod:`netsim.images.rules`); shells, ``sh -c``
scripts and launchers (``exec``, ``env``, ``timeout``, ``tini``, ``gosu`` …) are handled here.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Mapping, Sequence
from typing import Final

from netsim.images.catalogue import load_catalogue
from netsim.images.models import EnvRequirement, ImageInfo
from netsim.images.rules import RUN_RULES, file_args

__all__ = [
    "INFO_ARGS",
    "SHELLS",
    "argv_runs",
    "default_command_runs",
    "effective_argv",
    "is_command",
    "main_program",
    "strip_launchers",
    "unmet_env",
]

#: the shells a container may run as its main program
SHELLS: Final = frozenset({"sh", "bash", "ash", "zsh", "dash", "ksh", "mksh"})
#: arguments that make a program print something and end (``--version``, ``--help`` …)
INFO_ARGS: Final = frozenset(
    {"--version", "-version", "-v", "-V", "--help", "-h", "-help", "help", "version"}
)
#: launchers (programs that start another one) that :func:`is_command` knows
_LAUNCHERS: Final = frozenset({"exec", "nohup", "timeout", "tini", "dumb-init", "gosu", "su-exec"})


def is_command(word: str) -> bool:
    """Whether ``word`` names a program (a path, or a command netsim knows)."""
    if "://" in word:
        return False
    if word.startswith(("/", "./", "../")):
        return True
    facts = load_catalogue().programs.get(word)
    return word in SHELLS or word in _LAUNCHERS or (facts is not None and facts.runs is not None)


def strip_launchers(argv: Sequence[str]) -> list[str]:
    """Drop ``exec``/``nohup``/``env …``/``timeout …``/``tini --``/``gosu user``/``VAR=x``."""
    out = list(argv)
    while out:
        head = out[0].rsplit("/", 1)[-1]
        if head in {"exec", "nohup"} or re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*=.*", out[0]):
            out = out[1:]
        elif head == "env" and len(out) > 1:
            rest = out[1:]
            while rest and (rest[0].startswith("-") or "=" in rest[0]):
                rest = rest[2:] if rest[0] in {"-u", "--unset", "-C", "--chdir"} else rest[1:]
            if not rest:
                return ["env"]
            out = rest
        elif head == "timeout" and len(out) > 1:
            rest = out[1:]
            while rest and rest[0].startswith("-"):
                rest = rest[2:] if rest[0] in {"-s", "-k"} else rest[1:]
            out = rest[1:]  # drop the duration
        elif head in {"tini", "dumb-init", "catatonit"}:
            rest = out[1:]
            while rest and rest[0].startswith("-"):
                dash_dash = rest[0] == "--"
                rest = rest[1:]
                if dash_dash:
                    break
            out = rest
        elif head in {"gosu", "su-exec"} and len(out) > 2:
            out = out[2:]
        else:
            break
    return out


def _script_runs(script: str, interactive: bool, tty: bool, depth: int) -> bool:
    """``sh -c SCRIPT``: an endless loop or any long-running simple command keeps it up."""
    endless = (
        r"\bwhile\s+(?:true|:|\[\s*1\s*\]|/bin/true)(?=[\s;]|$)"
        r"|\buntil\s+(?:false|/bin/false)(?=[\s;]|$)"
    )
    if re.search(endless, script):
        return True
    lexer = shlex.shlex(script.replace("\n", ";"), posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    try:
        tokens = list(lexer)
    except ValueError:
        return True  # unbalanced quotes: unknown, assume running
    commands: list[list[str]] = [[]]
    for tok in tokens:
        if tok and set(tok) <= set(";&|()"):
            commands.append([])
        else:
            commands[-1].append(tok)
    keywords = {"do", "then", "else", "{", "}", "!", "done", "fi", "if", "elif", "while", "until"}
    for words in commands:
        while words and words[0] in keywords:
            words = words[1:]
        if words and words[0] in {"for", "case", "esac", "in"}:
            continue  # loop headers and case labels run nothing themselves
        if words and argv_runs(words, interactive, tty, depth + 1):
            return True
    return False


def _shell_runs(args: Sequence[str], interactive: bool, tty: bool, depth: int) -> bool:
    for i, arg in enumerate(args):
        if arg.startswith("-") and not arg.startswith("--") and "c" in arg[1:]:
            if i + 1 >= len(args):
                return False  # "-c: option requires an argument"
            return _script_runs(args[i + 1], interactive, tty, depth)
    if file_args(args):
        return True  # `sh script.sh`: an unknown script, assume it keeps running
    # an interactive shell reads stdin: /dev/null (EOF at once) unless -i or a tty is given
    return interactive or tty


def argv_runs(argv: Sequence[str], interactive: bool, tty: bool, depth: int = 0) -> bool:
    """Whether ``argv``, run as PID 1 (launchers seen through), keeps running."""
    if depth > 8:
        return True
    words = strip_launchers(argv)
    if not words:
        return False
    prog, args = words[0].rsplit("/", 1)[-1], words[1:]
    if prog in SHELLS:
        return _shell_runs(args, interactive, tty, depth)
    if args and all(a in INFO_ARGS for a in args):
        return False  # --version / --help: print and exit
    facts = load_catalogue().programs.get(prog)
    runs = facts.runs if facts is not None else None
    if runs == "ends":
        return False
    if runs == "forever" or runs is None:
        return True  # anything unknown: assume it keeps running
    return RUN_RULES[runs](args, interactive)


def effective_argv(
    info: ImageInfo | None,
    cmd: Sequence[str],
    *,
    entrypoint: Sequence[str] | None = None,
) -> tuple[str, ...]:
    """The command PID 1 ends up running: ENTRYPOINT + (user command or CMD).

    A user command replaces CMD and keeps ENTRYPOINT. ``entrypoint`` (``docker run
    --entrypoint``) replaces ENTRYPOINT and drops the image's CMD, as Docker does. Wrapper
    entrypoints that ``exec "$@"`` (``docker-entrypoint.sh`` …) are seen through: what is left is
    the command they exec, with ``option_prefix`` added where the wrapper adds it.
    """
    user = tuple(cmd)
    if entrypoint is not None:
        return tuple(entrypoint) + user
    if info is None:
        return user
    args = user or info.cmd
    if not info.entrypoint_execs_args:
        return info.entrypoint + args
    if args and info.option_prefix:
        first = args[0]
        if (
            first.startswith("-")
            or (info.prefix_suffixes and first.endswith(info.prefix_suffixes))
            or first in info.prefix_subcommands
            or (info.prefix_unless_command and not is_command(first))
        ):
            return info.option_prefix + args
    return args


def unmet_env(
    info: ImageInfo, argv: Sequence[str], env: Mapping[str, str]
) -> EnvRequirement | None:
    """The first environment requirement the entrypoint would refuse to start ``argv`` without."""
    if not argv:
        return None
    prog, args = argv[0].rsplit("/", 1)[-1], argv[1:]
    if any(a in INFO_ARGS for a in args):
        return None
    for req in info.required_env:
        if prog in req.applies_to and not req.satisfied_by(env):
            return req
    return None


def default_command_runs(
    info: ImageInfo | None,
    cmd: Sequence[str],
    interactive: bool,
    tty: bool,
    *,
    env: Mapping[str, str] | None = None,
    entrypoint: Sequence[str] | None = None,
) -> bool:
    """Whether a container of this image, started with ``cmd`` (may be empty), stays running.

    Rules, deliberately simple:

    * No user command: the catalogue's ``runs`` decides (``server`` → up, ``exits`` → down,
      ``shell`` → up only with ``-i`` or ``-t``). An unknown image (``info is None``) with no
      command is assumed to keep running.
    * A user command replaces CMD, ENTRYPOINT is kept (see :func:`effective_argv`); then:
      shells (sh, bash, ash, zsh, dash …) stay up only with ``-i`` (stdin open) or ``-t`` (tty),
      otherwise they read EOF and exit 0; ``sh -c SCRIPT`` is judged by its commands (an endless
      ``while true`` loop, or any long-running command in it, keeps it up).
    * Known finite commands exit: ``echo``, ``true``, ``false``, ``ls``, ``cat FILE``,
      ``hostname``, ``date``, ``env``, ``ip addr``, ``nslookup``, ``curl``, ``wget``,
      ``ping -c N`` / ``ping -w N``, ``nc`` without ``-l``, ``tail`` without ``-f``, any command
      given only ``--version``/``--help`` …
    * Long-running ones stay up: ``sleep N`` (modelled as running whatever N), ``tail -f``,
      ``top``, ``ping`` without ``-c``, ``nc -l``, ``stress …`` (unless ``--timeout``),
      ``cat`` with no file and ``-i``, server binaries (``nginx -g 'daemon off;'``, ``mysqld``,
      ``postgres``, ``redis-server``, ``httpd-foreground`` …). Plain ``nginx`` daemonizes, so
      its PID 1 exits.
    * Anything else is unknown and assumed to keep running.

    ``env`` (the container's environment) enables the ``required_env`` check: ``docker run
    mysql`` without ``MYSQL_ROOT_PASSWORD`` & co. exits 1. With ``env=None`` the check is
    skipped. ``entrypoint`` is ``docker run --entrypoint`` (it also drops the image's CMD).
    """
    argv = effective_argv(info, cmd, entrypoint=entrypoint)
    if info is not None and env is not None and unmet_env(info, argv, env) is not None:
        return False
    if not cmd and entrypoint is None:
        if info is None:
            return True
        if info.runs == "server":
            return True
        if info.runs == "exits":
            return False
        return interactive or tty
    return argv_runs(argv, interactive, tty)


def main_program(argv: Sequence[str]) -> tuple[str, list[str]]:
    """The program PID 1 runs in the end and its arguments (launchers and ``busybox APPLET``
    seen through): ``("", [])`` for nothing."""
    words = strip_launchers(argv)
    if not words:
        return "", []
    prog, args = words[0].rsplit("/", 1)[-1], list(words[1:])
    if prog == "busybox" and args:
        prog, args = args[0], args[1:]
    return prog, args
