"""Read a script of what a person types: docker commands, host commands and ``# netsim:`` lines.

:func:`parse_script` is pure: text in, a list of :class:`ScriptLine` out. It handles what notes
and runbooks contain: ``\\`` continuations, quotes, comments, a leading ``$`` prompt, and the
typographic dashes and quotes that word processors put in place of ``--`` and ``"`` (read as
ASCII, with a warning, so nothing is silently changed). It does not interpret docker commands;
:mod:`netsim.lab` does.

A command line is split as bash splits it (bash(1) "QUOTING", "REDIRECTION", "ENVIRONMENT"),
and what the shell does around the command is kept beside its words: ``NAME=value`` prefixes,
redirections of its streams (``> f``, ``>> f``, ``2>/dev/null``, ``2>&1``, ``&> f``, ``< f``),
and a here-document (``<<EOF``, ``<<'EOF'``, ``<<-EOF``), whose lines up to the delimiter
belong to the command, as the conformance lab's runner groups them
(conformance/lab/bin/runscript.py). netsim expands nothing (``$VAR``, globs, ``$(…)`` but
``$(docker …)``); a line whose words hold such an expansion, or a list or pipeline (``&&``,
``;``, ``|``), says so in :attr:`ScriptLine.unsupported`.
"""

from __future__ import annotations

import re
import shlex
from dataclasses import dataclass, field
from pathlib import Path

from netsim.errors import ScriptError

__all__ = ["Command", "Directive", "HeredocOperator", "Redirect", "ScriptLine", "parse_script",
           "read_script", "split_command"]

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
class Redirect:
    """One redirection of a command's descriptor, in the order typed (bash(1)
    "REDIRECTION": they apply left to right, so ``>f 2>&1`` and ``2>&1 >f`` differ)."""

    fd: int  # 0 stdin, 1 stdout, 2 stderr (3 and up: opened, nothing written)
    target: str  # a file name as typed, or "&1" / "&2": a copy of that descriptor
    append: bool = False  # ``>>``


@dataclass(frozen=True)
class ScriptLine:
    """One command (possibly continued over several lines, or with a here-document) or one
    directive.

    A command's words are split as bash splits them, and what bash does before running the
    command is kept apart from ``argv``: ``NAME=value`` prefixes (``env``), redirections
    (``redirects``) and a here-document (``heredoc``). ``$VAR``, ``$(…)`` other than
    ``$(docker …)``, globs and brace expansions are left as typed (netsim expands nothing);
    ``unsupported`` then says what, and the host's builtins refuse to guess.

    A line of assignments only (``X=1``) has ``env`` and an empty ``argv``: bash sets shell
    variables (not exported) for the following lines.
    """

    line: int  # 1-based line where it starts
    #: the text as typed (continuations joined, after typographic fixes); with a
    #: here-document, its body lines and its delimiter line follow, as the conformance lab
    #: records the command (conformance/lab/bin/runscript.py read_script)
    text: str
    argv: tuple[str, ...] = ()
    directive: Directive | None = None
    warnings: tuple[str, ...] = field(default=())
    #: the here-document's text (each line ends in a newline), or None: the command's stdin
    heredoc: str | None = None
    #: ``NAME=value`` words before the command: its environment (bash(1) "ENVIRONMENT")
    env: tuple[tuple[str, str], ...] = ()
    redirects: tuple[Redirect, ...] = ()
    #: the shell syntax on the line netsim does not run (e.g. "the control operator '&&'",
    #: "parameter expansion ($HOME)"), or None; with a control operator or an unusual
    #: redirection the words are kept as typed, redirections and assignments included
    unsupported: str | None = None

    @property
    def is_docker(self) -> bool:
        return bool(self.argv) and self.argv[0] == "docker"

    @property
    def command(self) -> str:
        """The command line itself: :attr:`text` without the here-document."""
        return self.text.split("\n", 1)[0] if self.heredoc is not None else self.text

    @property
    def stdout_to(self) -> str | None:
        """The file stdout goes to in the end (``/dev/null`` included), None: the terminal."""
        return _final(self.redirects)[1][0]

    @property
    def append(self) -> bool:
        """Whether stdout's file is appended to (``>>``)."""
        return _final(self.redirects)[1][1]

    @property
    def stderr_to(self) -> str | None:
        """Where stderr goes in the end: ``"&1"`` where stdout goes (``2>&1``, ``>f 2>&1``,
        ``&>f``), a file, or None: a terminal stream (see :attr:`redirects` for
        ``2>&1 >f``)."""
        final = _final(self.redirects)
        return "&1" if final[2] == final[1] else final[2][0]

    @property
    def stdin_from(self) -> str | None:
        """The file stdin is read from (``< FILE``), None: the terminal or the here-document."""
        return _final(self.redirects)[0][0]


#: where a descriptor ends up: (file or None for a terminal, append, terminal stream number)
_Sink = tuple[str | None, bool, int]


def _final(redirects: tuple[Redirect, ...]) -> dict[int, _Sink]:
    fds: dict[int, _Sink] = {0: (None, False, 0), 1: (None, False, 1), 2: (None, False, 2)}
    for r in redirects:
        if r.target.startswith("&"):
            fds[r.fd] = fds.get(int(r.target[1:]), (None, False, r.fd))
        else:
            fds[r.fd] = (r.target, r.append, r.fd)
    return fds


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


def _fix_typography(text: str, source: str, line: int) -> tuple[str, list[str]]:
    warnings: list[str] = []
    if text.isascii():  # typographic dashes and quotes are not ASCII
        return text, warnings
    where = f"{source}:{line}"

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


# ------------------------------------------------------------------ one command's words

_ASSIGNMENT = re.compile(r"(?P<name>[A-Za-z_][A-Za-z0-9_]*)=")
_PARAMETER = re.compile(r"\$(?:\{[^}]*\}?|[A-Za-z_][A-Za-z0-9_]*|[0-9?#@*$!-])")
_CONTROL = ("&&", "||", ";;", "|&", ";", "|", "&", "(", ")")
#: ``$(docker …)``: the lab runs it and puts its words in place (netsim.lab)
_DOCKER_SUBST = re.compile(r"\$\(docker\s[^()]*\)")
_BRACES = re.compile(r"\{[^{}]*(?:,|\.\.)[^{}]*\}")


@dataclass(frozen=True)
class HeredocOperator:
    """A ``<<WORD`` operator: its delimiter, whether it was quoted (then bash keeps the
    body as written) and whether it is ``<<-`` (leading tabs stripped)."""

    delimiter: str
    quoted: bool
    strip_tabs: bool


@dataclass(frozen=True)
class Command:
    """One command line split as bash splits it (:func:`split_command`)."""

    argv: tuple[str, ...]
    env: tuple[tuple[str, str], ...] = ()
    redirects: tuple[Redirect, ...] = ()
    heredoc: HeredocOperator | None = None
    unsupported: str | None = None


@dataclass
class _Word:
    value: str
    raw: str
    unquoted: str  # the characters outside quotes (for globs and braces)


class _Scanner:
    """bash's word splitting and quote removal for one line (bash(1) "QUOTING"), with the
    redirection operators and control operators found outside quotes."""

    def __init__(self, text: str) -> None:
        self.s = text
        self.i = 0
        self.unsupported: str | None = None
        self.compound = False

    def note(self, why: str, *, compound: bool = False) -> None:
        """Keep the first reason netsim cannot run the line as typed (a control operator or
        an unusual redirection first: then the words are kept as typed)."""
        if self.unsupported is None or (compound and not self.compound):
            self.unsupported = why
        self.compound = self.compound or compound

    def blanks(self) -> None:
        while self.i < len(self.s) and self.s[self.i] in _WS:
            self.i += 1

    def at_operator(self) -> bool:
        return self.i < len(self.s) and self.s[self.i] in "<>;&|()"

    def dollar(self, j: int) -> int:
        """The end of the expansion starting with ``$`` at ``j`` (kept as typed)."""
        s = self.s
        if s.startswith("$(", j):
            depth, k, quote = 0, j + 1, ""
            while k < len(s):
                ch = s[k]
                if quote:
                    quote = "" if ch == quote else quote
                elif ch in "'\"":
                    quote = ch
                elif ch == "(":
                    depth += 1
                elif ch == ")":
                    depth -= 1
                    if depth == 0:
                        if not _DOCKER_SUBST.fullmatch(s, j, k + 1):
                            self.note("command substitution ($(…))")
                        return k + 1
                k += 1
            self.note("command substitution ($(…))")
            return j + 1
        m = _PARAMETER.match(s, j)
        if m:
            self.note(f"parameter expansion ({m.group()})")
            return m.end()
        return j + 1

    def word(self) -> _Word:
        s, n = self.s, len(self.s)
        start = self.i
        value: list[str] = []
        unquoted: list[str] = []
        i = self.i
        while i < n:
            c = s[i]
            if c in _WS or c in "<>;&|()":
                break
            if c == "'":
                j = s.find("'", i + 1)
                if j < 0:
                    raise ValueError("No closing quotation")
                value.append(s[i + 1:j])
                i = j + 1
            elif c == '"':
                j, buf = i + 1, []
                while True:
                    if j >= n:
                        raise ValueError("No closing quotation")
                    d = s[j]
                    if d == '"':
                        break
                    if d == "\\" and j + 1 < n and s[j + 1] in '$`"\\\n':
                        buf.append(s[j + 1])  # in double quotes only these are escaped
                        j += 2
                    elif d == "$":
                        k = self.dollar(j)
                        buf.append(s[j:k])
                        j = k
                    else:
                        if d == "`":
                            self.note("command substitution (`…`)")
                        buf.append(d)
                        j += 1
                value.append("".join(buf))
                i = j + 1
            elif c == "\\":
                value.append(s[i + 1:i + 2] or "\\")
                i += 2
            elif c == "$":
                k = self.dollar(i)
                value.append(s[i:k])
                unquoted.append(s[i:k])
                i = k
            else:
                if c == "`":
                    self.note("command substitution (`…`)")
                value.append(c)
                unquoted.append(c)
                i += 1
        self.i = i
        return _Word("".join(value), s[start:i], "".join(unquoted))

    def target(self, op: str) -> _Word:
        self.blanks()
        if self.i >= len(self.s) or self.at_operator() or self.s[self.i] == "#":
            raise ValueError(f"the redirection {op!r} needs a file name")
        return self.word()


def split_command(text: str) -> tuple[Command, tuple[int, int] | None]:
    """Split one command line (no continuation, no here-document body) into its words, its
    ``NAME=value`` prefixes and its redirections; with the span of a here-document operator
    (in the text after ``$'…'`` is rewritten).

    ValueError for an open quote or a redirection without its file.

    >>> cmd, span = split_command("TAG= docker compose config >out.yaml 2>&1")
    >>> cmd.env, cmd.argv, cmd.redirects[0].target, cmd.redirects[1].target
    ((('TAG', ''),), ('docker', 'compose', 'config'), 'out.yaml', '&1')
    """
    s = _ansi_c_quotes(text)
    sc = _Scanner(s)
    words: list[_Word] = []
    redirects: list[Redirect] = []
    heredoc: HeredocOperator | None = None
    span: tuple[int, int] | None = None
    while True:
        sc.blanks()
        if sc.i >= len(s) or s[sc.i] == "#":  # a comment starts a word (bash(1) "COMMENTS")
            break
        fd: int | None = None
        if not sc.at_operator():
            w = sc.word()
            if sc.i < len(s) and s[sc.i] in "<>" and w.raw.isdigit():
                fd = int(w.raw)  # 2>file, 2>&1: the digits name the descriptor
            else:
                words.append(w)
                continue
        op_start = sc.i if fd is None else sc.i - len(str(fd))
        if s.startswith(("&>>", "&>"), sc.i) and fd is None:
            app = s.startswith("&>>", sc.i)
            sc.i += 3 if app else 2
            t = sc.target("&>")
            redirects += [Redirect(1, t.value, app), Redirect(2, "&1")]
        elif s.startswith("<<<", sc.i) or s.startswith(("<>", "<&"), sc.i):
            op = "<<<" if s.startswith("<<<", sc.i) else s[sc.i:sc.i + 2]
            sc.note(f"the redirection {op!r}", compound=True)
            sc.i += len(op)
        elif s.startswith("<<", sc.i):
            dash = s.startswith("<<-", sc.i)
            sc.i += 3 if dash else 2
            w = sc.target("<<")
            if heredoc is None:
                heredoc = HeredocOperator(w.value, any(q in w.raw for q in "'\"\\"), dash)
                span = (op_start, sc.i)
            else:
                sc.note("a second here-document", compound=True)
        elif s[sc.i] == "<":
            sc.i += 1
            t = sc.target("<")
            if fd not in (None, 0):
                sc.note(f"the redirection '{fd}<'", compound=True)
            redirects.append(Redirect(0, t.value))
        elif s[sc.i] == ">":
            op = next(o for o in (">>", ">&", ">|", ">") if s.startswith(o, sc.i))
            sc.i += len(op)
            t = sc.target(op)
            if op == ">&" and (t.value.isdigit() or t.value == "-"):
                redirects.append(Redirect(1 if fd is None else fd,
                                          "/dev/null" if t.value == "-" else "&" + t.value))
            elif op == ">&" and fd is None:  # >&FILE is &>FILE (bash(1) "REDIRECTION")
                redirects += [Redirect(1, t.value), Redirect(2, "&1")]
            else:
                redirects.append(Redirect(1 if fd is None else fd, t.value, op == ">>"))
        else:  # ; & | ( ): lists, pipelines, background jobs, subshells
            op = next(o for o in _CONTROL if s.startswith(o, sc.i))
            sc.note(f"the control operator {op!r}", compound=True)
            sc.i += len(op)
    if sc.compound:  # the words as typed, as netsim always read such lines
        rest = s if span is None else s[:span[0]] + " " + s[span[1]:]
        return Command(tuple(shlex.split(rest, comments=True)), heredoc=heredoc,
                       unsupported=sc.unsupported), span
    env: list[tuple[str, str]] = []
    while words and (m := _ASSIGNMENT.match(words[0].raw)):
        env.append((m.group("name"), words.pop(0).value[m.end():]))
    for w in words:
        if any(ch in w.unquoted for ch in "*?["):
            sc.note(f"pathname expansion ({w.raw})")
        elif _BRACES.search(w.unquoted):
            sc.note(f"brace expansion ({w.raw})")
    return Command(tuple(w.value for w in words), tuple(env), tuple(redirects), heredoc,
                   sc.unsupported), span


def _plain_line(line: int, text: str, warnings: tuple[str, ...]) -> ScriptLine | None:
    """A line without shell syntax (no here-document, no redirection): blanks split it (the
    common case, and much faster); None: no word to run."""
    # (stripped of blanks: no empty word; in printable ASCII the only blank is a space, where
    # str.split splits too)
    words = text.split() if text.isascii() and text.isprintable() else (
        _SHELL_SPACE.split(text) if text else [])
    env: list[tuple[str, str]] = []
    while words and "=" in words[0] and (m := _ASSIGNMENT.match(words[0])):
        env.append((m.group("name"), words.pop(0)[m.end():]))
    if not words and not env:
        return None
    return _command_line(line, text, tuple(words), warnings, None, tuple(env), (), None)


def _heredoc_body(lines: list[str], i: int, op: HeredocOperator) -> tuple[list[str], int, bool]:
    """The body's lines as typed from ``lines[i]`` on, the index after the delimiter line, and
    whether that line was found (bash(1) "Here Documents")."""
    body: list[str] = []
    while i < len(lines):
        raw = lines[i]
        i += 1
        if (raw.lstrip("\t") if op.strip_tabs else raw) == op.delimiter:
            return body, i, True
        body.append(raw)
    return body, i, False


def parse_script(text: str, *, source: str = "<script>") -> list[ScriptLine]:
    """Split a script into commands and directives.

    >>> [s.argv for s in parse_script("docker network create \\\\\\n  mybridge\\n")]
    [('docker', 'network', 'create', 'mybridge')]
    >>> (s,) = parse_script("cat > compose.yaml <<'EOF'\\nservices: {}\\nEOF\\n")
    >>> s.argv, s.stdout_to, s.heredoc, s.text
    (('cat',), 'compose.yaml', 'services: {}\\n', "cat > compose.yaml <<'EOF'\\nservices: {}\\nEOF")
    """
    out: list[ScriptLine] = []
    # a byte order mark is no part of the first command (netsim.io.inputs.decode_text)
    lines = text.removeprefix("\ufeff").splitlines()
    i = 0
    while i < len(lines):
        start = i + 1
        raw = lines[i]
        i += 1
        stripped = raw.strip()
        if not stripped:
            continue
        if stripped[0] == "#":  # a comment, or a directive
            m = _DIRECTIVE.match(stripped)
            if m is None:
                continue
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
        # join continuation lines
        buf = raw.rstrip(_WS)
        while buf.endswith("\\") and not buf.endswith("\\\\"):
            buf = buf[:-1].rstrip(_WS)
            if i >= len(lines):
                break
            buf += " " + lines[i].strip(_WS)
            i += 1
        fixed, warnings = _fix_typography(buf.strip(_WS), source, start)
        if fixed.startswith("$ "):
            fixed = fixed[2:].lstrip(_WS)
        if _PLAIN.fullmatch(fixed):
            made = _plain_line(start, fixed, tuple(warnings))
            if made is not None:
                out.append(made)
            continue
        try:
            cmd = split_command(fixed)[0]
        except ValueError as err:
            raise ScriptError(f"{source}:{start}", f"cannot split the command into words: {err}",
                              got=fixed, accepted="a shell command line") from None
        heredoc: str | None = None
        if cmd.heredoc is not None:
            where = f"{source}:{start}"
            op = cmd.heredoc
            body, i, found = _heredoc_body(lines, i, op)
            heredoc = "".join((b.lstrip("\t") if op.strip_tabs else b) + "\n" for b in body)
            fixed += "\n" + "".join(b + "\n" for b in body) + op.delimiter
            if not found:
                warnings.append(f"{where}: the here-document has no line '{op.delimiter}' to "
                                "end it: it runs to the end of the script")
            if not op.quoted and any(c in heredoc for c in "$`\\"):
                warnings.append(f"{where}: the here-document's delimiter is not quoted: netsim "
                                "keeps its text as written (bash would expand $, ` and \\ in "
                                "it)")
        elif not cmd.argv and not cmd.env and not cmd.redirects:
            continue
        out.append(_command_line(start, fixed, cmd.argv, tuple(warnings), heredoc, cmd.env,
                                 cmd.redirects, cmd.unsupported))
    return out


def _command_line(line: int, text: str, argv: tuple[str, ...], warnings: tuple[str, ...],
                  heredoc: str | None, env: tuple[tuple[str, str], ...],
                  redirects: tuple[Redirect, ...], unsupported: str | None) -> ScriptLine:
    """``ScriptLine(line, text, argv, warnings=…, heredoc=…, env=…, …)`` at a third of the cost
    (one per command of a script): the frozen dataclass's ``__init__`` sets each field by
    ``object.__setattr__``, this fills its dict at once (no ``__post_init__``;
    tests/test_script.py checks every field)."""
    if argv[:1] == ("sudo",) and argv[1:2] in (("docker",), ("docker-compose",)):
        argv = argv[1:]  # `sudo docker …`: the same command, run as root (as the lab's are)
    made: ScriptLine = object.__new__(ScriptLine)
    made.__dict__.update(line=line, text=text, argv=argv, directive=None, warnings=warnings,
                         heredoc=heredoc, env=env, redirects=redirects, unsupported=unsupported)
    return made


def read_script(path: str | Path) -> list[ScriptLine]:
    """Read a script file; an unreadable file is an InputError naming it."""
    from netsim.io.inputs import decode_text

    p = Path(path)
    try:
        text = decode_text(p.read_bytes(), str(p))  # a BOM dropped, CRLF read as LF
    except OSError as err:
        raise ScriptError(str(p), f"cannot read the file: {err.strerror}") from None
    except UnicodeDecodeError:
        raise ScriptError(str(p), "the file is not UTF-8 text") from None
    return parse_script(text, source=str(p))
