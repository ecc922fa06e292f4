"""``sh -c SCRIPT`` inside a container: lists of simple commands joined by ``&&``, ``||`` and ``;``.

What is simulated is what runbooks put in ``docker exec C sh -c '…'``: commands run in order,
``&&`` runs the next one only after a success and ``||`` only after a failure (POSIX "AND-OR
lists"), the status is the last command's, and the redirections that only silence a stream
(``>/dev/null``, ``2>/dev/null``, ``2>&1``, ``&>/dev/null``, ``>>/dev/null``). The builtins
``echo``, ``true``, ``false``, ``:``, ``exit [N]`` and ``sleep N`` (which takes no simulated
time) are the shell's; every other word is run as a probe (:func:`netsim.probes.probe`), and a
program the image lacks gets the shell's own message. Pipelines, other redirections, variables,
command substitution and control flow are not simulated: the whole script then prints one
``netsim:`` line and exits 126, never a guess.

The shells' words for a missing program, as each prints them for ``-c``: BusyBox ash
``sh: foo: not found`` (shell/ash.c), dash ``sh: 1: foo: not found`` (the line within the
script), bash ``bash: line 1: foo: command not found`` (bash 5.1 and later print the line for
``-c`` scripts).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

__all__ = ["ShellSyntaxError", "Unsupported", "parse", "run"]

SHELLS = frozenset({"sh", "ash", "bash", "dash"})
_OPERATORS = ("&&", "||", ";", "\n")


class ShellSyntaxError(ValueError):
    """The script ends inside a list (``foo &&``) or a quoted string."""


class Unsupported(ValueError):
    """A shell feature netsim does not simulate."""


@dataclass(frozen=True)
class Simple:
    """One simple command: its words and where its two streams go."""

    words: tuple[str, ...]
    line: int  # 1-based line of the script it starts on
    quiet_out: bool = False
    quiet_err: bool = False
    err_to_out: bool = False


def _tokens(script: str) -> list[tuple[str, bool, int]]:
    """Words and operators: (text, is_operator, line)."""
    out: list[tuple[str, bool, int]] = []
    i, n, line = 0, len(script), 1
    word: list[str] = []
    in_word = False

    def flush() -> None:
        nonlocal in_word
        if in_word:
            out.append(("".join(word), False, line))
            word.clear()
            in_word = False

    while i < n:
        c = script[i]
        if c in " \t":
            flush()
            i += 1
        elif c == "\n":
            flush()
            out.append(("\n", True, line))
            line += 1
            i += 1
        elif c == "#" and not in_word:
            while i < n and script[i] != "\n":
                i += 1
        elif c == "'":
            j = script.find("'", i + 1)
            if j < 0:
                raise Unsupported("an unterminated quoted string")
            word.append(script[i + 1:j])
            in_word = True
            i = j + 1
        elif c == '"':
            j = i + 1
            buf = []
            while j < n and script[j] != '"':
                if script[j] == "\\" and j + 1 < n and script[j + 1] in '"\\$`':
                    buf.append(script[j + 1])
                    j += 2
                    continue
                if script[j] in "$`":
                    raise Unsupported("variables and command substitution")
                buf.append(script[j])
                j += 1
            if j >= n:
                raise Unsupported("an unterminated quoted string")
            word.append("".join(buf))
            in_word = True
            i = j + 1
        elif c == "\\" and i + 1 < n:
            word.append(script[i + 1])
            in_word = True
            i += 2
        elif c in "$`":
            raise Unsupported("variables and command substitution")
        elif script.startswith(("&&", "||"), i):
            flush()
            out.append((script[i:i + 2], True, line))
            i += 2
        elif script.startswith("&>", i):
            flush()
            out.append(("&>", True, line))
            i += 2
        elif c in ";|&<>()":
            if c in "><" and in_word and "".join(word).isdigit():  # 2> 1>> 2>&1
                fd = "".join(word)
                word.clear()
                in_word = False
            else:
                flush()
                fd = ""
            if c == ">" and script.startswith(">>", i):
                out.append((fd + ">>", True, line))
                i += 2
            elif c == ">" and script.startswith(">&", i):
                out.append((fd + ">&", True, line))
                i += 2
            else:
                out.append((fd + c, True, line))
                i += 1
        else:
            word.append(c)
            in_word = True
            i += 1
    flush()
    return out


def parse(script: str) -> list[tuple[str, Simple]]:
    """The script as (operator before it, command) pairs; the first operator is ``;``.

    Raises :class:`ShellSyntaxError` or :class:`Unsupported`.
    """
    items: list[tuple[str, Simple]] = []
    op = ";"
    words: list[str] = []
    quiet_out = quiet_err = err_to_out = False
    start = 1
    toks = _tokens(script)
    k = 0

    def end(next_op: str) -> None:
        nonlocal op, words, quiet_out, quiet_err, err_to_out
        if not words:
            if next_op in ("&&", "||") or (next_op == ";" and op in ("&&", "||")):
                raise Unsupported(f"a misplaced {next_op!r}")
            if op in ("&&", "||"):
                return  # a newline after && continues the list
        else:
            items.append((op, Simple(tuple(words), start, quiet_out, quiet_err, err_to_out)))
        op = next_op if next_op != "\n" else ";"
        words, quiet_out, quiet_err, err_to_out = [], False, False, False

    while k < len(toks):
        text, is_op, line = toks[k]
        if not words:
            start = line
        if not is_op:
            words.append(text)
            k += 1
            continue
        if text in _OPERATORS:
            end(text)
            k += 1
            continue
        if text in (">", ">>", "1>", "1>>", "2>", "2>>", "&>"):
            target = toks[k + 1] if k + 1 < len(toks) else None
            if target is None or target[1]:
                raise ShellSyntaxError("syntax error: a redirection needs a file")
            if target[0] != "/dev/null":
                raise Unsupported(f"redirection to {target[0]}")
            if text.startswith("2"):
                quiet_err = True
            elif text == "&>":
                quiet_out = quiet_err = True
            else:
                quiet_out = True
            k += 2
            continue
        if text == "2>&" and k + 1 < len(toks) and toks[k + 1][0] == "1":
            err_to_out = True
            k += 2
            continue
        if text == "|":
            if k + 1 == len(toks):
                raise ShellSyntaxError("a pipe with nothing after it")
            raise Unsupported("pipelines")
        raise Unsupported(f"the shell operator {text!r}")
    if op in ("&&", "||") and not words:
        raise ShellSyntaxError("the list ends after " + op)
    if words:
        items.append((op, Simple(tuple(words), start, quiet_out, quiet_err, err_to_out)))
    return items


@dataclass(frozen=True)
class Result:
    stdout: str
    stderr: str
    exit_code: int


def _prefix(shell: str, line: int, busybox: bool) -> str:
    """How each shell starts an error of a ``-c`` script: BusyBox 1.38 ash counts the script's
    lines from 0 (``sh: line 0: …``, seen on the lab's engine for one-line scripts; the count
    for later lines is read from shell/ash.c, not measured), dash from 1 (``sh: 1: …``), bash
    prints ``bash: line 1: …`` (5.1 and later)."""
    base = shell.rsplit("/", 1)[-1]
    if base == "bash":
        return f"{shell}: line {line}: "
    if base == "ash" or busybox:
        return f"{shell}: line {line - 1}: "
    return f"{shell}: {line}: "


def not_found(shell: str, prog: str, line: int, busybox: bool) -> str:
    """The shell's message for a program it cannot find (``-c`` scripts)."""
    if shell.rsplit("/", 1)[-1] == "bash":
        return f"{_prefix(shell, line, busybox)}{prog}: command not found\n"
    return f"{_prefix(shell, line, busybox)}{prog}: not found\n"


def _eof(shell: str, busybox: bool) -> str:
    """The script ends inside a list or a quote (ash: parser.c raise_error_unexpected_syntax;
    dash: parser.c synexpect; bash: parse.y report_syntax_error)."""
    base = shell.rsplit("/", 1)[-1]
    if base == "bash":
        return f"{shell}: -c: line 1: syntax error: unexpected end of file\n"
    if base == "ash" or busybox:
        return f"{_prefix(shell, 1, busybox)}syntax error: unexpected end of file\n"
    return f"{shell}: 1: Syntax error: end of file unexpected\n"


def run(shell: str, script: str, *, busybox: bool,
        execute: Callable[[tuple[str, ...], int], Result]) -> Result:
    """Run ``SHELL -c SCRIPT``; ``execute(words, line)`` runs one simple command.

    ``execute`` returns exit status 127 with empty output for a missing program; the shell's
    message is written here.
    """
    try:
        items = parse(script)
    except Unsupported as err:
        return Result("", f"netsim: {shell} -c with {err} is not simulated\n", 126)
    except ShellSyntaxError:
        return Result("", _eof(shell, busybox), 2)
    out: list[str] = []
    err_out: list[str] = []
    status = 0
    for op, cmd in items:
        if (op == "&&" and status != 0) or (op == "||" and status == 0):
            continue
        prog = cmd.words[0]
        if prog == "exit":
            arg = cmd.words[1] if len(cmd.words) > 1 else None
            code = int(arg) % 256 if arg is not None and arg.isdigit() else status
            return Result("".join(out), "".join(err_out), code)
        if prog == "echo":
            args = list(cmd.words[1:])
            newline = "\n"
            if args[:1] == ["-n"]:
                args, newline = args[1:], ""
            r = Result(" ".join(args) + newline, "", 0)
        elif prog in ("true", ":"):
            r = Result("", "", 0)
        elif prog == "false":
            r = Result("", "", 1)
        elif prog == "sleep":
            r = Result("", "", 0)
        else:
            r = execute(cmd.words, cmd.line)
            if r.exit_code == 127 and not r.stdout and not r.stderr:
                r = Result("", not_found(shell, prog, cmd.line, busybox), 127)
        o, e = r.stdout, r.stderr
        if cmd.err_to_out:
            o, e = o + e, ""
        if cmd.quiet_out:
            o = ""
        if cmd.quiet_err:
            e = ""
        out.append(o)
        err_out.append(e)
        status = r.exit_code
    return Result("".join(out), "".join(err_out), status)
