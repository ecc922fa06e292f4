"""The "runs" rules: code that decides from its arguments whether a program, started as a
container's main process, keeps running.

``catalogue.yaml`` names them in its ``programs`` section (``nginx: {runs: nginx_foreground}``);
:data:`RUN_RULES` is where those names are looked up. Each rule takes the program's arguments and
whether the container's stdin is open (``docker run -i``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import Final

__all__ = ["RUN_RULES", "RunRule", "apache_foreground", "file_args", "short_flag"]

#: a rule: (the program's arguments, stdin open) → it keeps running
RunRule = Callable[[Sequence[str], bool], bool]


def short_flag(args: Sequence[str], letter: str) -> bool:
    """Whether a short option cluster holds ``letter`` (``-c``, ``-c3``, ``-lk``, ``-fn10``)."""
    for arg in args:
        if len(arg) < 2 or not arg.startswith("-") or arg.startswith("--"):
            continue
        m = re.match(r"[A-Za-z]*", arg[1:])
        if m is not None and letter in m.group(0):
            return True
    return False


def file_args(args: Sequence[str]) -> list[str]:
    """The operands of a command line (what is neither ``-`` nor an option)."""
    return [a for a in args if a != "-" and not a.startswith("-")]


def apache_foreground(args: Sequence[str]) -> bool:
    """Apache's ``httpd -DFOREGROUND`` (or ``-D FOREGROUND``): it stays in the foreground."""
    joined = " ".join(args)
    return "-DFOREGROUND" in joined or "-D FOREGROUND" in joined


def tail_follows(args: Sequence[str], interactive: bool) -> bool:
    """``tail -f``/``-F``/``--follow`` waits for more; plain ``tail`` prints and ends."""
    return short_flag(args, "f") or short_flag(args, "F") or any(
        x.startswith("--follow") for x in args)


def ping_unbounded(args: Sequence[str], interactive: bool) -> bool:
    """``ping`` without ``-c`` (count) or ``-w`` (deadline) pings for ever."""
    return not (short_flag(args, "c") or short_flag(args, "w"))


def nc_listens(args: Sequence[str], interactive: bool) -> bool:
    """``nc -l`` (``--listen``) waits for a connection; a client ends."""
    return short_flag(args, "l") or "--listen" in args


def reads_stdin(args: Sequence[str], interactive: bool) -> bool:
    """``cat`` with no file reads stdin: open only with ``-i``."""
    return interactive and not file_args(args)


def stdin_open(args: Sequence[str], interactive: bool) -> bool:
    """``tee`` reads stdin whatever its arguments: open only with ``-i``."""
    return interactive


def stress_untimed(args: Sequence[str], interactive: bool) -> bool:
    """``stress``/``stress-ng`` run until stopped unless given ``-t``/``--timeout``."""
    return not (short_flag(args, "t") or any(a.startswith("--timeout") for a in args))


def tcpdump_uncounted(args: Sequence[str], interactive: bool) -> bool:
    """``tcpdump`` captures for ever unless ``-c`` counts the packets."""
    return not short_flag(args, "c")


def iperf_server(args: Sequence[str], interactive: bool) -> bool:
    """``iperf -s`` serves for ever; the client ends."""
    return short_flag(args, "s")


def nginx_foreground(args: Sequence[str], interactive: bool) -> bool:
    """nginx keeps PID 1 only with ``daemon off;`` (``-v``, ``-t`` … print and end)."""
    if any(short_flag(args, f) for f in "vVtTq") or "-h" in args:
        return False
    # without `daemon off;` nginx forks into the background and PID 1 exits
    return "daemon off" in " ".join(" ".join(args).split())


def httpd_foreground(args: Sequence[str], interactive: bool) -> bool:
    """Apache's ``httpd -DFOREGROUND``, or BusyBox's ``httpd -f``, stays in the foreground."""
    if apache_foreground(args):
        return True
    # BusyBox httpd: -f "Don't daemonize" (networking/httpd.c); Apache's -f takes a config file,
    # so only an -f followed by another option or by nothing is BusyBox's
    return any(a == "-f" and (i + 1 == len(args) or args[i + 1].startswith("-"))
               for i, a in enumerate(args))


def registry_serves(args: Sequence[str], interactive: bool) -> bool:
    """``registry serve CONFIG`` (or a config file alone) serves; its other commands end."""
    if args and args[0] in {"garbage-collect", "help"}:
        return False
    return "serve" in args or any(a.endswith((".yml", ".yaml")) for a in args)


def traefik_serves(args: Sequence[str], interactive: bool) -> bool:
    """traefik serves, except for its ``version`` and ``healthcheck`` commands."""
    return not (args and args[0] in {"version", "healthcheck"})


#: the rules ``catalogue.yaml`` may name, by name
RUN_RULES: Final[Mapping[str, RunRule]] = MappingProxyType({
    rule.__name__: rule
    for rule in (tail_follows, ping_unbounded, nc_listens, reads_stdin, stdin_open,
                 stress_untimed, tcpdump_uncounted, iperf_server, nginx_foreground,
                 httpd_foreground, registry_serves, traefik_serves)
})
