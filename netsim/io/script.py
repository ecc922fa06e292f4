"""Read a script of what a person types: docker commands, host commands and ``# netsim:`` lines.

:func:`parse_script` is pure: text in, a list of :class:`ScriptLine` out. It handles what notes
and runbooks contain: ``\\`` continuations, quotes, comments, a leading ``$`` prompt, and the
typographic dashes and quotes that word processors put in place of ``--`` and ``"`` (read as
ASCII, with a warning, so nothing is silently changed). It does not interpret docker commands;
:mod:`netsim.lab` does.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

from netsim.errors import ScriptError

__all__ = ["Directive", "ScriptLine", "parse_script", "read_script"]

_DASHES = "\u2014\u2013\u2012\u2015\u2212"  # em, en, figure dash, horizontal bar, minus sign
_QUOTES = {"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2018": "'", "\u2019": "'"}
_PLAIN = re.compile(r"[^'\"\\#$`;&|<>(){}*?~\[\]!]*")
_WS = " \t\r\n"  # the shell's blanks; NBSP and the like are part of words
_SHELL_SPACE = re.compile(r"[ \t\r\n]+")  # shlex's whitespace (not NBSP)
_DIRECTIVE = re.compile(r"^#\s*netsim:\s*(?P<body>.*)$")
_WORD_DASH = re.compile(rf"(?<![^\s=])[{_DASHES}](?P<rest>[A-Za-z][\w.-]*)")


@dataclass(frozen=True)
class Directive:
    """A ``# netsim: KIND ARGS…`` line: what docker commands cannot say."""

    kind: str
    args: tuple[str, ...]


@dataclass(frozen=True)
class ScriptLine:
    """One command (possibly continued over several lines) or one directive."""

    line: int  # 1-based line where it starts
    text: str  # the text as typed (continuations joined), after typographic fixes
    argv: tuple[str, ...] = ()
    directive: Directive | None = None
    warnings: tuple[str, ...] = field(default=())

    @property
    def is_docker(self) -> bool:
        return bool(self.argv) and self.argv[0] == "docker"


_ANSI_C_ESCAPES = {"a": "\a", "b": "\b", "e": "\x1b", "E": "\x1b", "f": "\f", "n": "\n",
                   "r": "\r", "t": "\t", "v": "\v", "\\": "\\", "'": "'", '"': '"', "?": "?"}


def _ansi_c_quotes(line: str) -> str:
    r"""bash's ``$'…'`` (ANSI-C quoting: ``\n``, ``\t``, ``\xHH``, ``\NNN`` …) rewritten as a
    single-quoted word shlex reads the same; other quoting is left as it is.

    >>> _ansi_c_quotes(r"docker x $'a\nb' 'c'")
    "docker x 'a\nb' 'c'"
    """
    if "$'" not in line:
        return line
    out: list[str] = []
    i, quote = 0, ""
    while i < len(line):
        ch = line[i]
        if quote:
            out.append(ch)
            if ch == "\\" and quote == '"' and i + 1 < len(line):
                out.append(line[i + 1])
                i += 1
            elif ch == quote:
                quote = ""
            i += 1
            continue
        if ch == "\\" and i + 1 < len(line):
            out.append(line[i:i + 2])
            i += 2
            continue
        if ch in "'\"":
            quote = ch
            out.append(ch)
            i += 1
            continue
        if ch == "$" and line.startswith("$'", i):
            j, text = i + 2, []
            while j < len(line) and line[j] != "'":
                c = line[j]
                if c == "\\" and j + 1 < len(line):
                    e = line[j + 1]
                    if e in _ANSI_C_ESCAPES:
                        text.append(_ANSI_C_ESCAPES[e])
                        j += 2
                    elif e == "x":
                        m = re.match(r"[0-9a-fA-F]{1,2}", line[j + 2:])
                        text.append(chr(int(m.group(), 16)) if m else "\\x")
                        j += 2 + (len(m.group()) if m else 0)
                    elif e in "01234567":
                        m = re.match(r"[0-7]{1,3}", line[j + 1:])
                        assert m is not None
                        text.append(chr(int(m.group(), 8) & 0xFF))
                        j += 1 + len(m.group())
                    else:
                        text.append(c + e)
                        j += 2
                    continue
                text.append(c)
                j += 1
            out.append("'" + "".join(text).replace("'", "'\"'\"'") + "'")
            i = j + 1
            continue
        out.append(ch)
        i += 1
    return "".join(out)


def _fix_typography(text: str, where: str) -> tuple[str, list[str]]:
    warnings: list[str] = []

    def dash(m: re.Match[str]) -> str:
        rest = m.group("rest")
        fixed = ("--" if len(rest) > 1 else "-") + rest
        warnings.append(
            f'{where}: read "{m.group(0)}" as "{fixed}" (a typographic dash in place of '
            f'"{"--" if len(rest) > 1 else "-"}")'
        )
        return fixed

    text = _WORD_DASH.sub(dash, text)
    if any(q in text for q in _QUOTES):
        fixed = "".join(_QUOTES.get(ch, ch) for ch in text)
        warnings.append(f"{where}: read typographic quotes as ASCII quotes")
        text = fixed
    return text, warnings


def parse_script(text: str, *, source: str = "<script>") -> list[ScriptLine]:
    """Split a script into commands and directives.

    >>> [s.argv for s in parse_script("docker network create \\\\\\n  mybridge\\n")]
    [('docker', 'network', 'create', 'mybridge')]
    """
    out: list[ScriptLine] = []
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        start = i + 1
        raw = lines[i]
        i += 1
        stripped = raw.strip()
        if not stripped:
            continue
        m = _DIRECTIVE.match(stripped)
        if m:
            body = m.group("body").strip()
            try:
                words = shlex.split(body, comments=False)
            except ValueError as err:
                raise ScriptError(f"{source}:{start}", f"cannot read directive: {err}",
                                  got=stripped) from None
            if not words:
                raise ScriptError(f"{source}:{start}", "empty netsim directive", got=stripped,
                                  accepted="# netsim: KIND ARGS…")
            out.append(ScriptLine(line=start, text=stripped,
                                  directive=Directive(words[0].lower(), tuple(words[1:]))))
            continue
        if stripped.startswith("#"):
            continue
        # join continuation lines
        buf = raw.rstrip(_WS)
        while buf.endswith("\\") and not buf.endswith("\\\\"):
            buf = buf[:-1].rstrip(_WS)
            if i >= len(lines):
                break
            buf += " " + lines[i].strip(_WS)
            i += 1
        where = f"{source}:{start}"
        fixed, warnings = _fix_typography(buf.strip(_WS), where)
        if fixed.startswith("$ "):
            fixed = fixed[2:].lstrip(_WS)
        try:
            # plain words need no shell lexer (the common case, and much faster)
            argv = tuple(w for w in _SHELL_SPACE.split(fixed) if w) if _PLAIN.fullmatch(
                fixed) else tuple(shlex.split(_ansi_c_quotes(fixed), comments=True))
        except ValueError as err:
            raise ScriptError(where, f"cannot split the command into words: {err}",
                              got=fixed, accepted="a shell command line") from None
        if not argv:
            continue
        out.append(ScriptLine(line=start, text=fixed, argv=argv, warnings=tuple(warnings)))
    return out


def read_script(path: str | Path) -> list[ScriptLine]:
    """Read a script file; an unreadable file is an InputError naming it."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except OSError as err:
        raise ScriptError(str(p), f"cannot read the file: {err.strerror}") from None
    except UnicodeDecodeError:
        raise ScriptError(str(p), "the file is not UTF-8 text") from None
    return parse_script(text, source=str(p))
