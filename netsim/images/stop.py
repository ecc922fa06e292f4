"""How a container's main process ends, or refuses to start: ``docker stop``/``docker kill``
exit statuses, a server whose port is taken, a program refusing its options.

``docker stop`` sends the stop signal (the image's StopSignal, else SIGTERM) and, after the
timeout (10 s), SIGKILL (moby daemon/stop.go containerStop). The kernel delivers a signal sent
from outside to a PID namespace's init only if that process installed a handler for it
(kernel/signal.c sig_task_ignored: SIGNAL_UNKILLABLE); SIGKILL always kills: exit 128+9. Which
programs install a handler for the stop signals is data (``catalogue.yaml``, ``programs``:
``stop: handles`` or ``stop: ignores``).
"""

from __future__ import annotations

import shlex
from collections.abc import Mapping, Sequence
from types import MappingProxyType
from typing import Final

from netsim.images.catalogue import load_catalogue
from netsim.images.models import ImageInfo
from netsim.images.programs import SHELLS, effective_argv, main_program, strip_launchers
from netsim.images.rules import apache_foreground, httpd_foreground

__all__ = ["SMALL_NC_USAGE", "bind_failure", "signal_number", "stop_exit_code", "usage_failure"]

_KILLED: Final = 137  # 128 + SIGKILL


#: signal numbers (Linux x86-64) of the names ``docker stop -s`` / ``docker kill -s`` take
_SIGNALS: Final[Mapping[str, int]] = MappingProxyType({
    "HUP": 1, "INT": 2, "QUIT": 3, "ILL": 4, "TRAP": 5, "ABRT": 6, "BUS": 7, "FPE": 8,
    "KILL": 9, "USR1": 10, "SEGV": 11, "USR2": 12, "PIPE": 13, "ALRM": 14, "TERM": 15,
    "STKFLT": 16, "CHLD": 17, "CONT": 18, "STOP": 19, "TSTP": 20, "TTIN": 21, "TTOU": 22,
    "URG": 23, "XCPU": 24, "XFSZ": 25, "VTALRM": 26, "PROF": 27, "WINCH": 28, "IO": 29,
    "PWR": 30, "SYS": 31})
#: signals whose default action is not to end the process
_HARMLESS: Final = frozenset({"CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "WINCH"})
#: the signals a program with a stop handler ends cleanly on
_STOP_SIGNALS: Final = frozenset({"TERM", "INT", "QUIT"})


def signal_number(name: str) -> int | None:
    """moby pkg/signal ParseSignal: ``SIGTERM``, ``term`` or ``15`` → 15 (None: unknown)."""
    text = name.strip().upper().removeprefix("SIG")
    if text.isdigit():
        return int(text) if 0 < int(text) < 65 else None
    return _SIGNALS.get(text)


def stop_exit_code(
    info: ImageInfo | None,
    cmd: Sequence[str],
    *,
    entrypoint: Sequence[str] | None = None,
    interactive: bool = False,
    tty: bool = False,
    init: bool = False,
    signal: str | None = None,
    kill: bool = False,
) -> int | None:
    """The exit status ``docker stop`` leaves (``Exited (N)``), or what ``docker kill -s
    SIGNAL`` (``kill=True``) does: the same, or None when the container goes on running.

    0 when the main program handles the stop signal and exits cleanly (nginx, postgres, Apache
    ``httpd -DFOREGROUND`` …); 137 when it installs no handler, so that PID 1 ignores the signal
    and is killed after the timeout (``sleep``, ``tail -f``, BusyBox ``httpd -f``, ``nc -l``,
    ``ping``, shells, ``sh -c …`` scripts); with ``docker run --init`` (or tini/dumb-init in the
    image) the init forwards the signal to a program that is then not PID 1 and dies of it:
    128 + the signal, 143 for SIGTERM (an interactive shell ignores SIGTERM: 137). ``docker stop
    -t N`` changes nothing of this; SIGKILL always gives 137. ``docker kill -s TERM`` of a PID 1
    without a handler does nothing. A program netsim does not know is assumed to handle the
    stop signals (0). Measured in the conformance lab (sleep, tail -f, BusyBox and iputils
    ping, BusyBox and OpenBSD nc -l, BusyBox httpd -f, sh/bash -it, ``sh -c`` loops,
    ``--init sleep``; ``kill -s TERM sleep`` and ``kill -s HUP httpd`` keep them running).
    """
    name = (signal or "TERM").strip().upper().removeprefix("SIG")
    number = signal_number(name)
    if number is not None:
        name = next((k for k, v in _SIGNALS.items() if v == number), name)
    if name == "KILL":
        return _KILLED
    argv = list(effective_argv(info, cmd, entrypoint=entrypoint))
    if not argv and info is not None and not cmd and entrypoint is None:
        argv = list(info.entrypoint + info.cmd)
    if argv and argv[0].rsplit("/", 1)[-1] in {"tini", "dumb-init", "catatonit"}:
        init = True
    if _handles_stop(argv) and name in _STOP_SIGNALS:
        return 0
    if init:  # the init forwards it: the program, not PID 1, gets the default action
        ignored = name in _HARMLESS or (name in _STOP_SIGNALS and (interactive or tty)
                                        and main_program(argv)[0] in SHELLS)
        if not ignored:
            return 128 + (number or 15)
    return None if kill else _KILLED


def _handles_stop(argv: Sequence[str]) -> bool:
    """Whether the main program installs handlers for the stop signals (False: as PID 1 it
    ignores them)."""
    words = strip_launchers(argv)
    for _ in range(4):  # `sh -c 'exec prog …'`: the shell is replaced by prog
        if not words or words[0].rsplit("/", 1)[-1] not in SHELLS:
            break
        args = words[1:]
        script = next((args[i + 1] for i, a in enumerate(args[:-1])
                       if a.startswith("-") and "c" in a[1:]), None)
        if script is None:
            break
        try:
            inner = shlex.split(script)
        except ValueError:
            break
        if not inner or inner[0] != "exec" or any(t in script for t in (";", "&", "|", "\n")):
            break
        words = strip_launchers(inner)
    if not words:
        return True
    prog, args = words[0].rsplit("/", 1)[-1], words[1:]
    if prog == "busybox" and args:
        prog, args = args[0], args[1:]
    if prog in SHELLS:
        return False  # a shell as PID 1 installs no SIGTERM handler (interactive: ignores it)
    if prog in ("httpd", "apache2"):
        # Apache (httpd -DFOREGROUND) stops gracefully; BusyBox httpd -f has no handler
        return apache_foreground(args) or not httpd_foreground(args, False)
    facts = load_catalogue().programs.get(prog)
    if facts is not None and facts.stop == "handles":
        return True
    return not ((facts is not None and facts.stop == "ignores")
                or (prog.startswith("python") and prog[6:].replace(".", "").isdigit()))


def bind_failure(info: ImageInfo | None, argv: Sequence[str]) -> str:
    """What a server prints when its listening port is taken in its network namespace
    (EADDRINUSE), before it exits 1: BusyBox's ``bb_perror_msg_and_die("bind")`` with the C
    library's text (musl: ``Address in use``, glibc: ``Address already in use``), OpenBSD
    nc's ``err(1, NULL)``; "" for a program whose words netsim does not know. Measured in the
    conformance lab (BusyBox httpd -f, BusyBox and OpenBSD nc -l)."""
    prog, _args = main_program(argv)
    libc = info.libc if info is not None else "glibc"
    in_use = "Address in use" if libc == "musl" else "Address already in use"
    impl = info.tools.get(prog) if info is not None else None
    if prog == "httpd" and not apache_foreground(_args):
        return f"httpd: bind: {in_use}"  # BusyBox httpd (networking/httpd.c)
    if prog in ("nc", "netcat"):
        if impl == "netcat-openbsd":
            return "nc: Address already in use"
        if impl == "busybox":
            return f"nc: bind: {in_use}"
    return ""


#: BusyBox 1.38's small nc (nc.c, no NC_110_COMPAT): its options (getopt32 "lp:f:e:w:i:")
#: and usage text, as the lab's stand-ins print it (measured; the same text as the probes')
_SMALL_NC_OPTIONS: Final = frozenset("lpfewi")
SMALL_NC_USAGE: Final = (
    "Usage: nc [-iN] [-wN] [-l] [-p PORT] [-f FILE|IPADDR PORT] [-e PROG]\n\n"
    "Open a pipe to IP:PORT or FILE\n\n\t-l\tListen mode, for inbound connects\n"
    "\t\t(use -ll with -e for persistent server)\n\t-p PORT\tLocal port\n"
    "\t-w SEC\tConnect timeout\n\t-i SEC\tDelay interval for lines sent\n"
    "\t-f FILE\tUse file (ala /dev/ttyS0) instead of network\n"
    "\t-e PROG\tRun PROG after connect\n")


def usage_failure(info: ImageInfo | None, argv: Sequence[str]) -> str | None:
    """What a main program that refuses its options prints on stderr before it exits 1 (None:
    it starts). Known: BusyBox's small nc given an option it lacks (``nc -lk``, ``nc -lu``:
    ``nc: unrecognized option: k`` and the usage; measured in the conformance lab)."""
    if info is None or info.busybox_nc_extra:
        return None
    prog, args = main_program(argv)
    if prog not in ("nc", "netcat") or info.tools.get("nc") != "busybox":
        return None
    i = 0
    while i < len(args):  # getopt stops at the first operand (musl: no permutation)
        arg = args[i]
        if arg == "--" or not arg.startswith("-") or len(arg) < 2:
            break
        for j, ch in enumerate(arg[1:], 1):
            if ch not in _SMALL_NC_OPTIONS:
                return (f"nc: unrecognized option: {ch}\n{info.busybox_banner}\n\n"
                        f"{SMALL_NC_USAGE}")
            if ch in "pfewi":  # takes a value: the rest of the word, or the next word
                if j == len(arg) - 1:
                    i += 1
                break
        i += 1
    return None
