"""The Docker host's shell: what a script's lines other than ``docker …`` do to files, the working
directory and the environment, and where every command's output goes.

The conformance lab runs each line of a script as ``/bin/bash -c 'cd DIR && eval LINE'`` on a
Debian trixie userland with ``LANG=C.UTF-8`` (conformance/lab/bin/linerun.sh); netsim answers
as that shell and its GNU coreutils do, on the host's :class:`~netsim.io.workspace.Workspace`:

* :func:`redirected` applies a line's redirections (bash(1) "REDIRECTION": left to right, the
  files opened, and truncated, before the command runs; a file that cannot be opened stops the
  command with bash's message and status 1) and feeds the command its here-document;
* :data:`BUILTINS` are ``cd``, ``pwd``, ``export``, ``unset``, ``true``, ``false``, ``:``,
  ``echo`` and ``printf`` (bash's builtins), and ``mkdir``, ``cat``, ``rm``, ``ls`` (coreutils);
* lines that only set up the shell are accepted quietly (``set -euo pipefail``, ``shopt``,
  ``trap``, ``umask``, ``ulimit``, ``alias``, ``wait``, ``clear``): netsim, like the lab, runs
  each line by itself, so they change nothing it shows (``set -e`` stops nothing: ``--strict``
  does); their forms that print are not simulated. ``sleep N`` moves the clock N seconds;
* :func:`not_simulated` reads netsim's answer for a whole command it has no model of, which
  the lab turns into one note (:func:`unsimulated_note`) and a step that succeeds quietly.

bash names itself in its messages by the name it was started as (``/bin/bash``), with the line
of the ``-c`` script (``line 1``, or the here-document's last line). coreutils quote names as
the lab's locale makes them: ``mkdir`` with ‘…’ (gnulib quote(), locale quoting in UTF-8),
``rm`` and ``ls`` with '…' (shell-escape quoting). All measured on the lab's userland (bash
5.2.37, coreutils 9.7).

A ``cat`` or ``ls`` of the host's own files (``/etc/hosts`` …: under :data:`SYSTEM_DIRS`, and
not written by the script) is not answered here: :func:`run_builtin` returns None and netsim's
probes answer, as for any program netsim does not run as a builtin.

>>> ws = new_workspace("/root", sandboxed=True)
>>> print(run_builtin(ws, ["mkdir", "a/b"], None, 1).stderr_text, end="")
mkdir: cannot create directory ‘a/b’: No such file or directory
>>> run_builtin(ws, ["printf", r"%s=%d\\n", "a", "1", "b"], None, 1).stdout_text
'a=1\\nb=0\\n'
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from netsim.dockercli.commands.context import NOT_SIMULATED, Output
from netsim.io.script import Redirect
from netsim.io.workspace import Workspace

__all__ = ["BUILTINS", "SHELL", "SYSTEM_DIRS", "new_workspace", "not_simulated", "redirected",
           "run_builtin", "unsimulated_note"]

#: the shell's name in its messages: linerun.sh starts it as /bin/bash (argv[0])
SHELL = "/bin/bash"
#: where a Docker host's own files are: netsim's probes answer for them, not the workspace
SYSTEM_DIRS = ("/etc", "/proc", "/sys", "/dev", "/run", "/var", "/usr", "/bin", "/sbin", "/lib",
               "/boot")
#: the top-level directories of a Debian root (a sandboxed workspace starts with them, empty)
_ROOT_DIRS = ("/bin", "/boot", "/dev", "/etc", "/home", "/lib", "/media", "/mnt", "/opt",
              "/proc", "/root", "/run", "/sbin", "/srv", "/sys", "/tmp", "/usr", "/var")
#: the environment linerun.sh gives each line (env -i …), but the lab's own plumbing
_ENV = {"HOME": "/root", "LANG": "C.UTF-8",
        "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "TERM": "xterm"}
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def new_workspace(cwd: str, *, sandboxed: bool) -> Workspace:
    """A Docker host's workspace as a script finds it: home ``/root``, the lab's environment
    and, sandboxed, an empty Debian root."""
    return Workspace(cwd, home="/root", env=_ENV, sandboxed=sandboxed,
                     dirs=_ROOT_DIRS if sandboxed else ())


def _bash(line: int, text: str) -> str:
    return f"{SHELL}: line {line}: {text}"


def _shown(ws: Workspace, word: str) -> str:
    """A word as bash shows it after tilde expansion (bash(1) "Tilde Expansion")."""
    return ws.home + word[1:] if word == "~" or word.startswith("~/") else word


# ------------------------------------------------------------------ redirections


@dataclass(frozen=True)
class _Sink:
    kind: str  # "tty" (a terminal stream: stdout 1, stderr 2), "null" or "file"
    stream: int = 0
    path: str = ""


def redirected(ws: Workspace | None, redirects: Sequence[Redirect], heredoc: str | None,
               line: int, run: Callable[[str | None], Output]) -> Output:
    """Run ``run(stdin)`` with ``redirects`` applied: what reaches the terminal comes back,
    what goes to files is written to ``ws`` (None: only ``/dev/null`` and ``N>&M`` occur)."""
    sinks = {1: _Sink("tty", 1), 2: _Sink("tty", 2)}
    stdin = heredoc
    for r in redirects:
        try:
            if r.target.startswith("&"):
                src = int(r.target[1:])
                if src not in sinks:
                    return _failed(_bash(line, f"{src}: Bad file descriptor"))
                sinks[r.fd] = sinks[src]
            elif r.target == "/dev/null":
                if r.fd == 0:
                    stdin = ""
                sinks[r.fd] = _Sink("null")
            elif r.target in ("/dev/stdout", "/dev/stderr"):  # bash(1): duplicated, as >&N
                sinks[r.fd] = sinks[1 if r.target == "/dev/stdout" else 2]
            elif ws is None:
                return _failed(f"netsim: the redirection to {r.target} is not simulated",
                               NOT_SIMULATED)
            elif r.fd == 0:
                stdin = ws.read_text(r.target)
            else:
                ws.write_text(r.target, "", append=True)
                if not r.append:
                    ws.write_text(r.target, "")  # '>' truncates before the command runs
                sinks[r.fd] = _Sink("file", r.fd, ws.path(r.target))
        except OSError as err:
            return _failed(_bash(line, f"{_shown(ws, r.target) if ws else r.target}: "
                                       f"{err.strerror}"))
    out = run(stdin)
    shown = Output(code=out.code)
    for fd, text in ((1, out.stdout_text), (2, out.stderr_text)):
        sink = sinks[fd]
        if not text or sink.kind == "null":
            continue
        if sink.kind == "tty":
            (shown.stdout if sink.stream == 1 else shown.stderr).append(text)
        elif ws is not None:
            with contextlib.suppress(OSError):  # the command removed its own output file
                ws.write_text(sink.path, text, append=True)
    return shown


def _failed(text: str, code: int = 1) -> Output:
    out = Output()
    out.err(text, code)
    return out


# ------------------------------------------------------------------ the builtins


@dataclass
class _Call:
    ws: Workspace
    args: list[str]
    stdin: str | None
    line: int  # bash's line number for its messages
    out: Output
    tick: Callable[[int], None] | None = None  # moves the hosts' clock (sleep)

    def bash_err(self, text: str, code: int = 1) -> None:
        self.out.err(_bash(self.line, text), code)


def run_builtin(ws: Workspace, argv: Sequence[str], stdin: str | None,
                line: int, *, tick: Callable[[int], None] | None = None) -> Output | None:
    """Run ``argv`` if it is a builtin netsim answers for here (None: it is not, or it reads
    the host's own files: a probe's business). ``tick(seconds)`` moves the clock (``sleep``)."""
    fn = BUILTINS.get(argv[0]) if argv else None
    if fn is None:
        return None
    args = [_shown(ws, a) for a in argv[1:]]  # tilde expansion (unquoted words, we assume)
    call = _Call(ws, args, stdin, line, Output(), tick)
    return call.out if fn(call) is not False else None


#: the one line of netsim's answer for a whole command it has no model of: a docker command
#: (netsim.dockercli: no handler, or a real command outside the model) or a program
#: (netsim.probes.dispatch), on a host or in a container
_NOT_SIMULATED = re.compile(r"netsim: '(?P<command>[^'\n]+)' (?:is not simulated|"
                            r"(?:at @\S+|inside a container) is not simulated yet)\n")


def not_simulated(out: Output) -> str:
    """The command ``out`` says netsim does not simulate as a whole (``docker login``,
    ``terraform``), or "" when it is another answer (a part of a command netsim does not
    simulate, such as a filter, is said where it is, with exit status 126)."""
    if out.code != NOT_SIMULATED or any(out.stdout):
        return ""
    m = _NOT_SIMULATED.fullmatch(out.stderr_text)
    return m.group("command") if m else ""


def unsimulated_note(command: str, *, strict: bool = False) -> str:
    """What netsim says of a line whose ``command`` it does not simulate: a note (the run goes
    on), or under ``--strict`` the error (netsim.lab.run_script adds ``FILE:LINE: ``)."""
    if strict:
        return (f"'{command}' is not simulated (--strict: an error; without --strict, the run "
                "goes on as if it succeeded)")
    return f"'{command}' is not simulated; the run goes on as if it succeeded (--strict: an error)"


def _system(ws: Workspace, p: str) -> bool:
    full = ws.path(p)
    return not ws.written(full) and (full == "/" or any(
        full == d or full.startswith(d + "/") for d in SYSTEM_DIRS))


def _cd(c: _Call) -> None:
    if len(c.args) > 1:
        return c.bash_err("cd: too many arguments")
    target = c.args[0] if c.args else c.ws.env.get("HOME")
    if target is None:
        return c.bash_err("cd: HOME not set")
    if target == "-":
        target = c.ws.env.get("OLDPWD")
        if target is None:
            return c.bash_err("cd: OLDPWD not set")
        c.out.out(target)
    if target == "":
        return None  # bash: an empty directory name changes nothing
    before = c.ws.cwd
    try:
        c.ws.chdir(target)
    except OSError as err:
        c.out.stdout.clear()
        return c.bash_err(f"cd: {target}: {err.strerror}")
    c.ws.env["OLDPWD"] = before  # bash exports OLDPWD once cd has run
    return None


def _pwd(c: _Call) -> None:
    c.out.out(c.ws.cwd)


def _true(c: _Call) -> None:
    pass


def _false(c: _Call) -> None:
    c.out.code = 1


def _export(c: _Call) -> None:
    args = c.args
    unexport = False
    while args and args[0] in ("-p", "-n", "--"):
        unexport = unexport or args[0] == "-n"
        if args.pop(0) == "--":
            break
    if not args:
        for name in sorted(c.ws.env):
            value = re.sub(r'([\\"$`])', r"\\\1", c.ws.env[name])
            c.out.out(f'declare -x {name}="{value}"')
        return
    for a in args:
        name, eq, value = a.partition("=")
        if not _NAME.fullmatch(name):
            c.bash_err(f"export: `{a}': not a valid identifier")
            continue
        if unexport:
            if name in c.ws.env:
                c.ws.variables[name] = c.ws.env.pop(name)
        elif eq:
            c.ws.env[name] = value
            c.ws.variables.pop(name, None)
        elif name in c.ws.variables:
            c.ws.env[name] = c.ws.variables.pop(name)


def _unset(c: _Call) -> None:
    for name in c.args:
        if name in ("-v", "-f", "--"):
            continue
        c.ws.env.pop(name, None)
        c.ws.variables.pop(name, None)


# ------------------------------------------------------------------ echo and printf

_SIMPLE = {"a": "\a", "b": "\b", "e": "\x1b", "E": "\x1b", "f": "\f", "n": "\n", "r": "\r",
           "t": "\t", "v": "\v", "\\": "\\"}
_ESCAPE = re.compile(r"\\(?:(?P<simple>[abeEfnrtv\\\"'?c])|(?P<oct>[0-7]{1,3})|x(?P<hex>[0-9a-fA-F]"
                     r"{1,2})|u(?P<u>[0-9a-fA-F]{1,4})|U(?P<U>[0-9a-fA-F]{1,8}))")


_ECHO_OCTAL = re.compile(r"\\0(?P<oct>[0-7]{0,3})")


def _unescape(text: str, *, echo: bool,
              missing: list[str] | None = None) -> tuple[str, bool]:
    """Backslash escapes: ``echo -e``'s and ``%b``'s (``\\0NNN`` octal, ``\\c`` stops the
    output) or printf's format's (``\\NNN`` octal); the text and whether ``\\c`` stopped it.
    printf's complaints about a ``\\x``, ``\\u`` or ``\\U`` without digits go to
    ``missing``."""
    out: list[str] = []
    i = 0
    while i < len(text):
        j = text.find("\\", i)
        if j < 0:
            out.append(text[i:])
            break
        out.append(text[i:j])
        m = _ESCAPE.match(text, j)
        octal = _ECHO_OCTAL.match(text, j) if echo else None
        if octal is not None:  # echo: \0NNN only (bash(1) "echo")
            out.append(chr(int(octal.group("oct") or "0", 8) & 0xFF))
            i = octal.end()
            continue
        if m is None or (echo and (m.group("oct") is not None
                                   or m.group("simple") in ('"', "'", "?"))):
            kind = text[j + 1:j + 2]
            if m is None and missing is not None and kind in ("x", "u", "U"):
                missing.append(f"missing {'hex' if kind == 'x' else 'unicode'} digit for "
                               f"\\{kind}")
            out.append("\\")
            i = j + 1
            continue
        if m.group("simple") == "c":
            if echo:
                return "".join(out), True
            out.append("\\c")
        elif m.group("simple"):
            out.append(_SIMPLE.get(m.group("simple"), m.group("simple")))
        elif m.group("oct") is not None:
            out.append(chr(int(m.group("oct"), 8) & 0xFF))
        else:
            code = int(m.group("hex") or m.group("u") or m.group("U"), 16)
            out.append(chr(code) if code < 0x110000 else "\ufffd")
        i = m.end()
    return "".join(out), False


def _echo(c: _Call) -> None:
    args, newline, escapes = c.args, True, False
    while args and re.fullmatch(r"-[neE]+", args[0]):  # only words of these letters are options
        for flag in args.pop(0)[1:]:
            newline = newline and flag != "n"
            escapes = flag == "e" if flag in "eE" else escapes
    text = " ".join(args)
    stopped = False
    if escapes:
        text, stopped = _unescape(text, echo=True)
    c.out.stdout.append(text + ("\n" if newline and not stopped else ""))


_SPEC = re.compile(r"%(?P<flags>[-+ #0']*)(?P<width>\*|\d+)?(?:\.(?P<prec>\*|\d*))?"
                   r"[hjlLtz]*(?P<conv>.?)", re.S)
_INT = re.compile(r"\s*(?P<num>[+-]?(?:0[xX][0-9a-fA-F]+|0[0-7]*|[1-9][0-9]*))")
_FLOAT = re.compile(r"\s*(?P<num>[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?"
                    r"|inf(?:inity)?|nan))", re.I)
_SAFE = re.compile(r"[A-Za-z0-9_./,:=+@%^-]")


#: the widest field netsim's printf formats (bash would pad to any width)
_PRINTF_LIMIT = 100_000


class _PrintfTooLarge(Exception):
    """A printf field netsim will not pad (its text names it)."""


class _Printf:
    """bash's printf builtin (bash(1) "printf"; builtins/printf.def)."""

    def __init__(self, c: _Call, args: list[str]) -> None:
        self.c = c
        self.args = args
        self.k = 0  # the next argument
        self.stop = False  # a %b argument's \c: no further output

    def next_arg(self) -> str | None:
        if self.k >= len(self.args):
            return None
        self.k += 1
        return self.args[self.k - 1]

    def number(self, arg: str | None, *, real: bool = False) -> float | int:
        if arg is None or arg == "":
            return 0.0 if real else 0
        if arg[0] in "'\"":  # the character's code (POSIX printf)
            return ord(arg[1]) if len(arg) > 1 else 0
        m = (_FLOAT if real else _INT).match(arg)
        value: float | int = 0
        if m is not None:
            num = m.group("num")
            value = float(num) if real else int(num, 0) if not re.fullmatch(
                r"[+-]?0[0-7]+", num) else int(num, 8)
        if m is None or m.end() != len(arg):
            rest = arg[m.end():] if m is not None else ""
            num = m.group("num") if m is not None and not real else ""
            kind = ("octal " if re.fullmatch(r"[+-]?0[0-7]*", num) and rest[:1] in ("8", "9")
                    else "hex " if num == "0" and rest[:1] in ("x", "X")
                    else "")  # 08, 0xg: strtoimax's base (builtins/printf.def)
            self.c.bash_err(f"printf: {arg}: invalid {kind}number")
        return value

    def convert(self, spec: re.Match[str]) -> str | None:
        flags, conv = spec.group("flags").replace("'", ""), spec.group("conv")
        width, prec = spec.group("width"), spec.group("prec")
        if width == "*":
            width = str(int(self.number(self.next_arg())))
        if prec == "*":
            prec = str(int(self.number(self.next_arg())))
        if any(v not in (None, "") and abs(int(v)) > _PRINTF_LIMIT for v in (width, prec)):
            # bash would try to format it (gigabytes of padding); netsim does not
            raise _PrintfTooLarge(f"a printf width or precision over {_PRINTF_LIMIT}")
        form = "%" + flags + (width or "") + ("." + prec if prec is not None else "")
        if conv in "sbqc":
            arg = self.next_arg() or ""
            if conv == "b":
                missing: list[str] = []
                arg, self.stop = _unescape(arg, echo=True, missing=missing)
                for complaint in missing:
                    self.c.bash_err(f"printf: {complaint}", self.c.out.code)
            elif conv == "q":
                arg = _shell_quote(arg)
            elif conv == "c":
                arg, form = arg[:1] or "\0", "%" + flags + (width or "")
            return (form + "s") % arg
        if conv in "diouxX":
            n = int(self.number(self.next_arg()))
            if conv in "ouxX" and n < 0:
                n += 1 << 64
            return (form + ("d" if conv in "iu" else conv)) % n
        if conv in "eEfFgG":
            return (form + conv) % self.number(self.next_arg(), real=True)
        return None

    def run(self, fmt: str) -> None:
        pieces: list[str] = []
        while True:
            start = self.k
            i = 0
            while i < len(fmt):
                j = fmt.find("%", i)
                missing: list[str] = []
                literal, _ = _unescape(fmt[i:] if j < 0 else fmt[i:j], echo=False,
                                       missing=missing)
                for complaint in missing:
                    self.c.bash_err(f"printf: {complaint}", self.c.out.code)
                pieces.append(literal)
                if j < 0:
                    break
                if fmt.startswith("%%", j):
                    pieces.append("%")
                    i = j + 2
                    continue
                spec = _SPEC.match(fmt, j)
                assert spec is not None
                text = self.convert(spec) if spec.group("conv") else None
                if text is None:
                    what = (f"`{spec.group('conv')}': invalid format character"
                            if spec.group("conv") else f"`{spec.group()}': missing format "
                            "character")
                    self.c.out.stdout.append("".join(pieces))
                    return self.c.bash_err(f"printf: {what}")
                pieces.append(text)
                if self.stop:
                    break
                i = spec.end()
            if self.stop or self.k >= len(self.args) or self.k == start:
                break
        self.c.out.stdout.append("".join(pieces))


def _shell_quote(s: str) -> str:
    """printf ``%q``: a word the shell reads back as ``s`` (backslashes, as bash writes it)."""
    if not s:
        return "''"
    if not s.isprintable():
        return "$'" + "".join(c if c.isprintable() and c not in "'\\" else
                              f"\\x{ord(c):02x}" if ord(c) < 256 else c for c in s) + "'"
    return "".join(c if _SAFE.fullmatch(c) else "\\" + c for c in s)


def _printf(c: _Call) -> None:
    args = list(c.args)
    if args[:1] == ["--"]:
        args.pop(0)
    if not args:
        c.out.err("printf: usage: printf [-v var] format [arguments]", 2)
        return None
    if args[0] == "-v":
        c.out.err("netsim: printf -v is not simulated", NOT_SIMULATED)
        return None
    try:
        _Printf(c, args[1:]).run(args[0])
    except _PrintfTooLarge as err:
        c.out.err(f"netsim: {err} is not simulated", NOT_SIMULATED)
    return None


# ------------------------------------------------------------------ coreutils


def _options(c: _Call, prog: str, short: str, long: dict[str, str]) -> tuple[set[str], list[str]]:
    """GNU getopt for options without arguments: the flags (as short letters) and the
    operands; an unknown option prints coreutils' two lines (status 1, or 2 for ls)."""
    flags: set[str] = set()
    operands: list[str] = []
    args = iter(c.args)
    for a in args:
        if a == "--":
            operands += list(args)
            break
        if a.startswith("--"):
            if a not in long:
                c.out.err(f"{prog}: unrecognized option '{a}'")
                c.out.err(f"Try '{prog} --help' for more information.", 2 if prog == "ls"
                          else 1)
                raise _Usage
            flags.add(long[a])
        elif a.startswith("-") and a != "-":
            for ch in a[1:]:
                if ch not in short:
                    c.out.err(f"{prog}: invalid option -- '{ch}'")
                    c.out.err(f"Try '{prog} --help' for more information.", 2 if prog == "ls"
                              else 1)
                    raise _Usage
                flags.add(ch)
        else:
            operands.append(a)
    return flags, operands


class _Usage(Exception):
    """A command line the program refuses (its message is printed already)."""


def _quoted(name: str) -> str:
    """A name as rm and ls quote it (shell-escape-always: '…', or "…" around a ')."""
    return f'"{name}"' if "'" in name else f"'{name}'"


def _quotef(name: str) -> str:
    """A name as cat writes it: bare, unless the shell would need quotes."""
    return name if name and all(_SAFE.fullmatch(ch) for ch in name) else _quoted(name)


def _component(ws: Workspace, operand: str, full: str) -> str:
    """The part of ``operand`` that names ``full`` (mkdir -p reports the file in the way)."""
    parts = operand.split("/")
    for n in range(1, len(parts) + 1):
        prefix = "/".join(parts[:n]) or "/"
        if ws.path(prefix) == full:
            return prefix
    return full


def _mkdir(c: _Call) -> None:
    long = {"--parents": "p", "--verbose": "v"}
    args, kept = iter(c.args), []
    for a in args:  # the mode is accepted and ignored (netsim keeps no permissions)
        if a in ("-m", "--mode"):
            next(args, None)
        elif not a.startswith(("-m", "--mode=")):
            kept.append(a)
    c.args = kept
    try:
        flags, operands = _options(c, "mkdir", "pv", long)
    except _Usage:
        return None
    if not operands:
        c.out.err("mkdir: missing operand")
        c.out.err("Try 'mkdir --help' for more information.", 1)
        return None
    for op in operands:
        missing = []
        p = c.ws.path(op)
        while not c.ws.exists(p) and p != "/":
            missing.append(p)
            p = p.rsplit("/", 1)[0] or "/"
        try:
            c.ws.mkdir(op, parents="p" in flags)
        except OSError as err:
            name = (_component(c.ws, op, str(err.filename))
                    if isinstance(err, NotADirectoryError) and "p" in flags else op)
            c.out.err(f"mkdir: cannot create directory ‘{name}’: {err.strerror}", 1)
            continue
        if "v" in flags:
            for q in reversed(missing if "p" in flags else missing[:1]):
                c.out.out(f"mkdir: created directory ‘{_component(c.ws, op, q)}’")
    return None


def _cat(c: _Call) -> bool | None:
    try:
        _, operands = _options(c, "cat", "u", {})
    except _Usage:
        return False  # cat's options (-n, -A …) are the probe's to refuse
    if any(op != "-" and _system(c.ws, op) for op in operands):
        return False
    stdin = c.stdin or ""
    for op in operands or ["-"]:
        if op == "-":
            c.out.stdout.append(stdin)
            stdin = ""
            continue
        try:
            c.out.stdout.append(c.ws.read_text(op))
        except OSError as err:
            c.out.err(f"cat: {_quotef(op)}: {err.strerror}", 1)
    return None


def _rm(c: _Call) -> None:
    long = {"--force": "f", "--recursive": "r", "--dir": "d", "--verbose": "v"}
    try:
        flags, operands = _options(c, "rm", "fiIrRdv", long)
    except _Usage:
        return None
    force, recursive = "f" in flags, bool(flags & {"r", "R"})
    if not operands and not force:
        c.out.err("rm: missing operand")
        c.out.err("Try 'rm --help' for more information.", 1)
    for op in operands:
        if recursive and op.rstrip("/").rsplit("/", 1)[-1] in (".", ".."):
            c.out.err(f"rm: refusing to remove '.' or '..' directory: skipping {_quoted(op)}", 1)
            continue
        if recursive and c.ws.path(op) == "/":
            c.out.err("rm: it is dangerous to operate recursively on '/'")
            c.out.err("rm: use --no-preserve-root to override this failsafe", 1)
            continue
        try:
            kind = c.ws.kind(op)
            if kind is None:
                c.ws.read_text(op)  # the reason: no such file, or a file on the way
            if kind == "dir" and not recursive and ("d" not in flags or c.ws.listdir(op)):
                c.out.err(f"rm: cannot remove {_quoted(op)}: "
                          + ("Is a directory" if "d" not in flags else "Directory not empty"), 1)
                continue
            c.ws.remove(op)
            if "v" in flags:
                c.out.out(f"removed {'directory ' if kind == 'dir' else ''}{_quoted(op)}")
        except OSError as err:
            if not (force and isinstance(err, FileNotFoundError)):
                c.out.err(f"rm: cannot remove {_quoted(op)}: {err.strerror}", 1)


def _ls(c: _Call) -> bool | None:
    try:
        flags, operands = _options(c, "ls", "1aA", {"--all": "a", "--almost-all": "A"})
    except _Usage:
        return False  # ls's other options (-l, -R …) are the probe's to refuse
    operands = operands or ["."]
    if any(_system(c.ws, op) for op in operands):
        return False
    files: list[str] = []
    dirs: list[str] = []
    for op in operands:
        kind = c.ws.kind(op)
        if kind is None:
            try:
                c.ws.read_text(op)
            except OSError as err:
                c.out.err(f"ls: cannot access {_quoted(op)}: {err.strerror}", 2)
            continue
        (dirs if kind == "dir" else files).append(op)
    blocks = ["".join(f + "\n" for f in sorted(files))] if files else []
    for d in sorted(dirs):
        names = c.ws.listdir(d)
        if "a" in flags:
            names = [".", "..", *names]
        elif "A" not in flags:
            names = [n for n in names if not n.startswith(".")]
        head = f"{d}:\n" if len(operands) > 1 else ""
        blocks.append(head + "".join(n + "\n" for n in names))
    c.out.stdout.append("\n".join(blocks))
    return None


# ------------------------------------------------------------------ the shell's own settings
# bash(1) "SHELL BUILTIN COMMANDS": nothing to show; False where the form prints (not simulated)

#: set's option letters and -o names (bash 5.2 builtins/set.def)
_SET_LETTERS = frozenset("abefhkmnptuvxBCEHPT")
_SET_NAMES = frozenset((
    "allexport", "braceexpand", "emacs", "errexit", "errtrace", "functrace", "hashall",
    "histexpand", "history", "ignoreeof", "interactive-comments", "keyword", "monitor",
    "noclobber", "noexec", "noglob", "nolog", "notify", "nounset", "onecmd", "physical",
    "pipefail", "posix", "privileged", "verbose", "vi", "xtrace"))
_SET_USAGE = "set: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]"


def _set(c: _Call) -> bool | None:
    """``set -euo pipefail``, ``set +x``, ``set -- ARGS``; bash 5.2's errors (measured),
    status 2: an unknown letter (with the usage line), an unknown ``-o`` name."""
    args = c.args
    if not args:
        return False  # set alone prints every variable and function
    i = 0
    while i < len(args):
        a = args[i]
        i += 1
        if a in ("-", "--") or a[:1] not in ("-", "+") or len(a) < 2:
            return None  # the rest are positional parameters ($1 …)
        for ch in a[1:]:
            if ch == "o":
                if i >= len(args):
                    return False  # set -o / set +o print the options
                name = args[i]
                i += 1
                if name not in _SET_NAMES:
                    c.bash_err(f"set: {name}: invalid option name", 2)
                    return None
            elif ch not in _SET_LETTERS:
                c.bash_err(f"set: {a[0]}{ch}: invalid option", 2)
                c.out.err(_SET_USAGE)
                return None
    return None


def _shopt(c: _Call) -> bool | None:
    """``shopt -s|-u NAME…``: bash's optional behaviour."""
    flags = [a for a in c.args if a.startswith("-")]
    names = [a for a in c.args if not a.startswith("-")]
    if not names or not any(f in ("-s", "-u") for f in flags) or "-p" in flags:
        return False
    return None


def _trap(c: _Call) -> bool | None:
    """``trap ACTION SIGNAL…``: netsim runs each line by itself (no EXIT of a script)."""
    if len(c.args) < 2 or c.args[0] in ("-p", "-l"):
        return False
    return None


def _umask(c: _Call) -> bool | None:
    """``umask 022`` or ``umask u=rwx,g=rx,o=``: the mode of new files (netsim keeps none)."""
    modes = [a for a in c.args if a not in ("-S", "-p")]
    if not modes:
        return False
    mode = modes[0]
    if mode[:1].isdigit() and not re.fullmatch(r"[0-7]{1,4}", mode):
        c.bash_err(f"umask: {mode}: octal number out of range")  # measured on bash 5.2
    return None


def _ulimit(c: _Call) -> bool | None:
    """``ulimit -n 4096``: the shell's limits (a container's are ``docker run --ulimit``)."""
    if not any(not a.startswith("-") for a in c.args):
        return False
    return None


def _alias(c: _Call) -> bool | None:
    """``alias NAME=VALUE``: a non-interactive bash expands no alias (bash(1) "ALIASES")."""
    if not c.args or any("=" not in a for a in c.args if a != "--"):
        return False
    return None


def _wait(c: _Call) -> bool | None:
    """``wait``: netsim starts no background job (``&`` is not simulated)."""
    return False if c.args else None


def _clear(c: _Call) -> None:
    """``clear``: it clears the terminal; a transcript shows nothing."""


#: GNU sleep's suffixes (coreutils sleep.c apply_suffix)
_SLEEP_UNITS = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}
_SLEEP_NUMBER = re.compile(r"(?P<n>[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?P<unit>[smhd]?)")
_SLEEP_MAX = 365 * 86400  # the longest sleep netsim lets pass (a longer one never ends)


def _sleep(c: _Call) -> bool | None:
    """``sleep 5`` (``0.5``, ``2m``, ``1h 30m`` summed, as GNU sleep does): the clock moves
    on by the whole seconds; coreutils 9's errors (sleep.c, measured); ``sleep infinity`` and
    sleeps of more than a year are not simulated."""
    if not c.args:
        c.out.err("sleep: missing operand")
        c.out.err("Try 'sleep --help' for more information.", 1)
        return None
    total = 0.0
    bad = False
    for a in c.args:
        m = _SLEEP_NUMBER.fullmatch(a)
        if m is None:
            if a.lower().lstrip("+") in ("inf", "infinity"):
                return False
            c.out.err(f"sleep: invalid time interval ‘{a}’")
            bad = True
            continue
        total += float(m.group("n")) * _SLEEP_UNITS[m.group("unit")]
    if bad:
        c.out.err("Try 'sleep --help' for more information.", 1)
        return None
    if total > _SLEEP_MAX:
        return False
    if c.tick is not None:
        c.tick(int(total))  # Docker shows whole seconds (go-units HumanDuration)
    return None


#: the builtins by name: each writes to its call's Output; False: a probe's business
BUILTINS: dict[str, Callable[[_Call], bool | None]] = {
    "cd": _cd, "pwd": _pwd, "export": _export, "unset": _unset, "true": _true,
    "false": _false, ":": _true, "echo": _echo, "printf": _printf, "mkdir": _mkdir,
    "cat": _cat, "rm": _rm, "ls": _ls,
    "set": _set, "shopt": _shopt, "trap": _trap, "umask": _umask, "ulimit": _ulimit,
    "alias": _alias, "wait": _wait, "clear": _clear, "sleep": _sleep,
}
