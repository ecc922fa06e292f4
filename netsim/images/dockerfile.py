"""The Dockerfile as BuildKit's parser reads it: lines, parser directives, comments, line
continuations and instructions, and the shell-like word expansion of ``$VAR`` and ``${VAR:-x}``.

netsim reads a Dockerfile for the image it describes (what :mod:`netsim.images.build` makes of
the instructions); it never runs a ``RUN``. The rules are BuildKit's
(moby/buildkit frontend/dockerfile/parser/parser.go, line_parsers.go, shell/lex.go; the engine
profiles' dockerd vendor BuildKit v0.25.2 for 28.5 and v0.13.2 for 26.1, whose parser reads the
same). Written here, not imported: no Python library reads Dockerfiles as BuildKit does (the
``dockerfile-parse`` package splits lines but keeps no line ranges, flags or errors).

>>> df = parse_dockerfile("FROM alpine AS base\\nENV A=1 \\\\\\n    B=2\\nCMD [\\"sh\\"]\\n")
>>> [(i.keyword, i.start, i.end) for i in df.instructions]
[('from', 1, 1), ('env', 2, 3), ('cmd', 4, 4)]
>>> df.instructions[1].text, df.instructions[2].exec_form
('ENV A=1     B=2', ('sh',))
>>> expand_word('"${A:-x}"-$B', {"B": "b"})
'x-b'
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar

__all__ = [
    "INSTRUCTIONS",
    "Dockerfile",
    "DockerfileError",
    "ErrorKind",
    "Instruction",
    "edit_distance",
    "expand_word",
    "expand_words",
    "name_values",
    "parse_dockerfile",
    "shown_word",
    "split_words",
    "suggest",
]

#: the instructions BuildKit knows (frontend/dockerfile/command/command.go), in its order
INSTRUCTIONS = ("add", "arg", "cmd", "copy", "entrypoint", "env", "expose", "from",
                "healthcheck", "label", "maintainer", "onbuild", "run", "shell",
                "stopsignal", "user", "volume", "workdir")

#: parser directives (parser/directives.go): ``# syntax=…``, ``# escape=…``, ``# check=…``
_DIRECTIVE = re.compile(r"^#[ \t]*([a-zA-Z][a-zA-Z0-9]*)[ \t]*=[ \t]*(.+?)[ \t]*$")
_DIRECTIVES = ("syntax", "escape", "check")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
#: a here-document's marker in an instruction (parser.go reHeredoc: ``<<EOF``, ``<<-EOF``,
#: ``<<"EOF"``) and the instructions that take them
_HEREDOC = re.compile(r"(?<![<\w])\d*<<(-?)\s*([\"']?)([A-Za-z_][A-Za-z0-9_]*)\2")
_HEREDOC_INSTRUCTIONS = ("run", "copy", "add", "onbuild")
_BRACED_NAME = re.compile(r"[A-Za-z0-9_]+")
_T = TypeVar("_T")
_WHITESPACE = re.compile(r"[\t\v\f\r ]+")
_FLAG = re.compile(r"--([a-zA-Z][a-zA-Z0-9-]*)(?:=(\S*))?")


#: where in the builder a refusal comes from, which decides how it is shown:
#: ``parse`` the parser's line parsers (parser/line_parsers.go: no "dockerfile parse error"
#: prefix; 20.10 "failed to parse FILE: …"), ``instruction`` instructions.Parse ("dockerfile
#: parse error on line N: …"), ``stage`` the missing FROM, ``dispatch`` the conversion of an
#: instruction (word expansion, ports: after the steps before it), ``target`` --target
ErrorKind = Literal["parse", "instruction", "stage", "dispatch", "target"]


class DockerfileError(ValueError):
    """A Dockerfile the builder refuses: its message, the lines it points at (1-based; 0: no
    line) and where in the builder it comes from (:data:`ErrorKind`)."""

    def __init__(self, message: str, start: int = 0, end: int = 0, *,
                 kind: ErrorKind = "parse") -> None:
        super().__init__(message)
        self.message = message
        self.start = start
        self.end = end or start
        self.kind: ErrorKind = kind


@dataclass(frozen=True)
class Instruction:
    """One instruction: ``keyword`` lower-case; ``text`` the line as BuildKit shows it (the
    continuation characters removed, the keyword as typed); ``rest`` what follows the flags;
    ``flags`` the ``--name=value`` words before it (``COPY --from=build``); ``exec_form`` the
    JSON array of a CMD/ENTRYPOINT/RUN/SHELL/COPY/ADD/VOLUME written in exec form."""

    keyword: str
    text: str
    rest: str
    flags: tuple[str, ...]
    start: int
    end: int
    exec_form: tuple[str, ...] | None = None
    #: its here-documents (``RUN <<EOF`` …), (name, body), in order
    heredocs: tuple[tuple[str, str], ...] = ()

    def flag(self, name: str) -> str | None:
        """A flag's value (``--from=build`` → ``build``; ``--link`` → ``""``), or None."""
        for f in self.flags:
            m = _FLAG.fullmatch(f)
            if m is not None and m.group(1) == name:
                return m.group(2) or ""
        return None


@dataclass(frozen=True)
class Dockerfile:
    """A parsed Dockerfile: its instructions, the escape character and its source (an error's
    excerpt quotes it). An empty continuation line is skipped, as BuildKit skips it (its
    NoEmptyContinuation warning is not modelled)."""

    instructions: tuple[Instruction, ...]
    escape: str = "\\"
    source: str = ""


def _is_comment(line: str) -> bool:
    return line.lstrip(" \t").startswith("#")


def parse_dockerfile(text: str, *, strict: bool = True, heredocs: bool = True) -> Dockerfile:
    """Parse a Dockerfile's text as BuildKit's parser.Parse does (an unknown instruction is
    refused here, with BuildKit's suggestion of the nearest known one, unless ``strict`` is
    false: ``docker commit --change`` checks the words itself)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    lines = [ln[:-1] if ln.endswith("\r") else ln for ln in lines]
    escape = "\\"
    i = 0
    # parser directives: comment lines of the form `# name=value` at the very top
    seen: dict[str, int] = {}
    while i < len(lines):
        m = _DIRECTIVE.match(lines[i].lstrip(" \t"))
        if m is None or m.group(1).lower() not in _DIRECTIVES:
            break
        name = m.group(1).lower()
        if name in seen:  # shown at the first one (recorded: 86-build-refusals)
            raise DockerfileError(f"only one {name} parser directive can be used", seen[name])
        seen[name] = i + 1
        if name == "escape":
            if m.group(2) not in ("`", "\\"):
                raise DockerfileError(f"invalid escape token '{m.group(2)}' does not match ` "
                                      "or \\")
            escape = m.group(2)
        i += 1
    cont = re.compile(r"(?:^|(?<=[^" + re.escape(escape) + r"]))" + re.escape(escape)
                      + r"[ \t]*$")
    out: list[Instruction] = []
    while i < len(lines):
        line = lines[i].lstrip(" \t\v\f\r")
        i += 1
        start = i
        if _is_comment(line) or not line.strip():
            continue
        joined, ended = _trim_continuation(line, cont)
        while not ended and i < len(lines):
            raw = lines[i]
            i += 1
            if _is_comment(raw) or not raw.strip():  # comments and empty lines are skipped
                continue
            piece, ended = _trim_continuation(raw, cont)
            joined += piece
        if not joined.strip():
            continue
        ins = _instruction(joined, start, i, strict)
        if heredocs and ins.keyword in _HEREDOC_INSTRUCTIONS and ins.exec_form is None \
                and "<<" in joined:
            # parser.go: the lines after a RUN/COPY/ADD naming here-documents are their
            # bodies, each up to its terminator (<<- strips leading tabs first)
            docs: list[tuple[str, str]] = []
            for m in _HEREDOC.finditer(ins.rest):
                body, found = "", False
                while i < len(lines):
                    raw = lines[i]
                    i += 1
                    if (raw.lstrip("\t") if m.group(1) else raw) == m.group(3):
                        found = True
                        break
                    body += raw + "\n"
                if not found:
                    raise DockerfileError("unterminated heredoc", start, i)
                docs.append((m.group(3), body))
            if docs:
                from dataclasses import replace as _replace

                ins = _replace(ins, end=i, heredocs=tuple(docs))
        out.append(ins)
    return Dockerfile(tuple(out), escape, text)


def _trim_continuation(line: str, cont: re.Pattern[str]) -> tuple[str, bool]:
    """The line without its continuation character, and whether the instruction ends here."""
    m = cont.search(line)
    if m is None:
        return line, True
    return line[:m.start()], False


def _instruction(line: str, start: int, end: int, strict: bool = True) -> Instruction:
    parts = _WHITESPACE.split(line.strip(), maxsplit=1)
    word = parts[0]
    rest = parts[1] if len(parts) > 1 else ""
    keyword = word.lower()
    if keyword not in INSTRUCTIONS and strict:
        raise DockerfileError(f"unknown instruction: {word}{_suggest(word)}", start, end,
                              kind="instruction")
    flags: list[str] = []
    while rest.startswith("--"):  # extractBuilderFlags: leading --name[=value] words
        head, _, tail = rest.partition(" ")
        if head == "--":
            break
        flags.append(head)
        rest = tail.lstrip(" \t")
    exec_form: tuple[str, ...] | None = None
    if keyword in ("cmd", "entrypoint", "run", "shell", "copy", "add", "volume") \
            and rest.startswith("["):
        try:
            value = json.loads(rest)
        except ValueError:
            value = None
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            exec_form = tuple(value)
    return Instruction(keyword, line.strip(), rest.strip(), tuple(flags), start, end,
                       exec_form)


def edit_distance(a: str, b: str) -> int:
    """Levenshtein's distance (util/suggest uses agext/levenshtein)."""
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def suggest(word: str, options: Sequence[str]) -> str:
    """util/suggest Search (case-insensitive): the option nearest to ``word`` when fewer than
    3 edits away, in the typed word's case; "" when none is, or one is the word itself."""
    best, dist = "", 3
    low = word.lower()
    for option in options:
        d = edit_distance(low, option.lower())
        if d == 0:
            return ""
        if d < dist:
            best, dist = option.lower(), d
    if best and word == word.upper():
        return best.upper()
    return best


def _suggest(word: str) -> str:
    """BuildKit's ``(did you mean FROM?)`` after an unknown instruction."""
    near = suggest(word, INSTRUCTIONS)
    return f" (did you mean {near}?)" if near else ""


# ---------------------------------------------------------------------------- words

def split_words(text: str, escape: str = "\\") -> list[str]:
    """Whitespace-separated words, quotes kept and honoured (line_parsers.go parseWords):
    ``a="b c" d`` → ``['a="b c"', 'd']``."""
    words: list[str] = []
    cur = ""
    quote = ""
    i = 0
    while i < len(text):
        ch = text[i]
        if not quote and ch in " \t":
            if cur:
                words.append(cur)
                cur = ""
            i += 1
            continue
        if ch == escape and i + 1 < len(text) and quote != "'":
            cur += ch + text[i + 1]
            i += 2
            continue
        if quote and ch == quote:
            quote = ""
        elif not quote and ch in "'\"":
            quote = ch
        cur += ch
        i += 1
    if cur:
        words.append(cur)
    return words


def name_values(keyword: str, rest: str, escape: str = "\\") -> list[tuple[str, str, bool]]:
    """ENV and LABEL's ``name=value`` pairs, unexpanded (line_parsers.go parseNameVal); the
    legacy ``ENV NAME value`` form is one pair marked True."""
    words = split_words(rest, escape)
    if not words:
        raise DockerfileError(f"{keyword.upper()} requires at least one argument",
                              kind="instruction")
    if "=" not in words[0]:
        parts = _WHITESPACE.split(rest.strip(), maxsplit=1)
        if len(parts) < 2:
            raise DockerfileError(f"{keyword.upper()} must have two arguments")
        return [(parts[0], parts[1], True)]
    pairs = []
    for w in words:
        name, sep, value = w.partition("=")
        if not sep:
            raise DockerfileError(f"Syntax error - can't find = in \"{w}\". Must be of the "
                                  "form: name=value")
        if not name:
            raise DockerfileError(f"{keyword.upper()} names can not be blank",
                                  kind="instruction")
        pairs.append((name, value, False))
    return pairs


class _Lexer:
    """BuildKit's shell lexer (frontend/dockerfile/shell/lex.go): quotes, the escape
    character and ``$NAME``/``${NAME}``/``${NAME:-word}``/``${NAME:+word}``/``${NAME:?msg}``."""

    def __init__(self, text: str, env: Mapping[str, str], escape: str,
                 legacy: bool = False, *, raw_quotes: bool = False,
                 skip_unset: bool = False) -> None:
        self.text = text
        self.env = env
        self.escape = escape
        self.legacy = legacy
        #: lex.go RawQuotes (quotes kept) and SkipUnsetEnv (an unset $NAME kept as typed):
        #: how BuildKit shows a RUN line
        self.raw_quotes = raw_quotes
        self.skip_unset = skip_unset
        self.pos = 0

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def next(self) -> str:
        ch = self.peek()
        self.pos += 1
        return ch

    def words(self) -> list[str]:
        words: list[str] = []
        cur = ""
        started = False
        while self.pos < len(self.text):
            ch = self.peek()
            if ch in " \t\n":
                self.pos += 1
                if started:
                    words.append(cur)
                    cur, started = "", False
                continue
            started = True
            if ch == "'":
                self.pos += 1
                cur += self.single()
            elif ch == '"':
                self.pos += 1
                cur += self.double()
            elif ch == "$":
                self.pos += 1
                value = self.variable()
                if value:
                    # an unquoted variable's value splits into words (lex.go processDollar)
                    parts = value.split()
                    if value[0].isspace() and started and cur:
                        words.append(cur)
                        cur = ""
                    for p in parts[:-1]:
                        words.append(cur + p)
                        cur = ""
                    cur += parts[-1] if parts else ""
                    if value[-1].isspace():
                        words.append(cur)
                        cur, started = "", False
            elif ch == self.escape:
                self.pos += 1
                cur += self.next()
            else:
                self.pos += 1
                cur += ch
        if started:
            words.append(cur)
        return words

    def word(self, stop: str = "") -> str:
        out = ""
        while self.pos < len(self.text):
            ch = self.peek()
            if stop and ch in stop:
                break
            self.pos += 1
            if ch == "'":
                inner = self.single()
                out += f"'{inner}'" if self.raw_quotes else inner
            elif ch == '"':
                inner = self.double()
                out += f'"{inner}"' if self.raw_quotes else inner
            elif ch == "$":
                start = self.pos - 1
                value = self.variable()
                unset = self.skip_unset and self.text[start + 1:self.pos].strip("{}") \
                    not in self.env
                out += self.text[start:self.pos] if unset else value
            elif ch == self.escape:
                nxt = self.next()
                out += ch + nxt if self.raw_quotes else nxt
            else:
                out += ch
        return out

    def single(self) -> str:
        end = self.text.find("'", self.pos)
        if end < 0:
            raise DockerfileError("unexpected end of statement while looking for matching "
                                  "single-quote")
        out = self.text[self.pos:end]
        self.pos = end + 1
        return out

    def double(self) -> str:
        out = ""
        while True:
            if self.pos >= len(self.text):
                raise DockerfileError("unexpected end of statement while looking for "
                                      "matching double-quote")
            ch = self.next()
            if ch == '"':
                return out
            if ch == "$":
                out += self.variable()
            elif ch == self.escape and self.peek() in ('"', "$", self.escape):
                out += self.next()
            else:
                out += ch

    def variable(self) -> str:
        """After a ``$``: the variable's value (lex.go processDollar)."""
        if self.peek() != "{":
            m = _NAME.match(self.text, self.pos)
            if m is None:
                return "$"
            self.pos = m.end()
            return self.env.get(m.group(0), "")
        self.pos += 1
        if self.legacy:
            return self._legacy_braced()
        ch = self.peek()
        if ch == "":
            raise DockerfileError("syntax error: missing '}'", kind="dispatch")
        if ch in "{}:":  # ${{x}, ${:x}, ${}
            raise DockerfileError("syntax error: bad substitution", kind="dispatch")
        m = _BRACED_NAME.match(self.text, self.pos)  # ${1}: a positional one, unset
        name = m.group(0) if m is not None else ""
        self.pos += len(name)
        op = self.next() or chr(0xFFFD)  # Go's EOF rune prints as U+FFFD
        value = self.env.get(name)
        if op == "}":
            return value or ""
        null_is_unset = op == ":"
        if null_is_unset:
            nxt = self.next()
            op += nxt or chr(0xFFFD)
            if nxt in ("#", "%") or nxt not in ("+", "-", "?"):
                raise DockerfileError(f"unsupported modifier ({op}) in substitution",
                                      kind="dispatch")
        if op[-1] in "+-?#%":
            word = self._until("}", "syntax error: missing '}'")
            empty = value is None or (null_is_unset and value == "")
            if op[-1] == "-":
                return word if empty else str(value)
            if op[-1] == "+":
                return "" if empty else word
            if op[-1] == "?":
                if value is None or empty:
                    why = word or ("is not allowed to be unset" if value is None
                                   else "is not allowed to be empty")
                    raise DockerfileError(f"{name}: {why}", kind="dispatch")
                return str(value)
            greedy = word.startswith(op)
            return _pattern(op * (2 if greedy else 1), value or "",
                            word[1:] if greedy else word)
        if op == "/":
            every = self.peek() == "/"
            if every:
                self.pos += 1
            pattern = self._until("/", "syntax error: missing '/' in ${}")
            replacement = self._until("}", "syntax error: missing '}'")
            return _pattern("//" if every else "/", value or "", f"{pattern}/{replacement}")
        raise DockerfileError(f"unsupported modifier ({op}) in substitution", kind="dispatch")

    def _until(self, stop: str, missing: str) -> str:
        """A word up to ``stop`` (lex.go processStopOn), expanded; ``missing`` at the end."""
        start = self.pos
        depth = 0
        while self.pos < len(self.text):
            ch = self.text[self.pos]
            if ch == self.escape:
                self.pos += 2
                continue
            if ch == "{":
                depth += 1
            elif ch == "}" and depth:
                depth -= 1
            elif ch == stop and not depth:
                raw = self.text[start:self.pos]
                self.pos += 1
                return _Lexer(raw, self.env, self.escape).word()
            self.pos += 1
        raise DockerfileError(missing, kind="dispatch")

    def _legacy_braced(self) -> str:
        """20.10's lexer after ``${``: ``}``, or ``:-``, ``:+``, ``:?`` and a word."""
        m = _BRACED_NAME.match(self.text, self.pos)  # ${1}: positional, unset (recorded)
        if m is None:
            raise DockerfileError(f"bad substitution: {self.text}", kind="dispatch")
        name = m.group(0)
        self.pos = m.end()
        op = self.next()
        if op == "}":
            return self.env.get(name, "")
        if op != ":":
            raise DockerfileError("missing ':' in substitution", kind="dispatch")
        op += self.next()
        if op not in (":-", ":+", ":?"):
            raise DockerfileError(f"unsupported modifier ({op[1:]}) in substitution",
                                  kind="dispatch")
        word = _Lexer(self._braced(), self.env, self.escape, True).word()
        value = self.env.get(name)
        empty = not value
        if op == ":-":
            return word if empty else str(value)
        if op == ":+":
            return "" if empty else word
        if empty:
            raise DockerfileError(f"{name}: {word or 'is not allowed to be unset'}",
                                  kind="dispatch")
        return str(value)

    def _braced(self) -> str:
        depth = 1
        start = self.pos
        while self.pos < len(self.text):
            ch = self.next()
            if ch == self.escape:
                self.pos += 1
            elif ch == "{":
                depth += 1
            elif ch == "}":
                depth -= 1
                if depth == 0:
                    return self.text[start:self.pos - 1]
        # the text ended inside the braces: Go's EOF rune where the modifier's end should be
        raise DockerfileError(f"unsupported modifier ({chr(0xFFFD)}) in substitution",
                              kind="dispatch")


def _pattern(op: str, value: str, pattern: str) -> str:
    """``${NAME#p}``, ``##``, ``%``, ``%%`` (shortest/longest prefix/suffix removed, shell
    globs) and ``${NAME/p/r}``, ``//`` (first/every match replaced), as lex.go does them."""
    from fnmatch import fnmatchcase

    if op[0] == "/":
        pat, _, repl = pattern.partition("/")
        if not pat:
            return value
        out, i, done = "", 0, False
        while i <= len(value):
            hit = next((j for j in range(len(value), i, -1)
                        if not done and fnmatchcase(value[i:j], pat)), None)
            if hit is not None:
                out += repl
                i = hit
                done = op == "/"
                continue
            if i < len(value):
                out += value[i]
            i += 1
        return out
    cuts = range(len(value) + 1)
    if op[0] == "#":
        order = reversed(cuts) if op == "##" else cuts
        return next((value[k:] for k in order if fnmatchcase(value[:k], pattern)), value)
    order = cuts if op == "%%" else reversed(cuts)
    return next((value[:k] for k in order if fnmatchcase(value[k:], pattern)), value)


def shown_word(text: str, env: Mapping[str, str], escape: str = "\\", *,
               run: bool = False) -> str:
    """An instruction as BuildKit names its step (convert.go processCmdEnv): the text through
    the lexer — quotes removed and variables expanded, or for a RUN quotes kept and unset
    variables left as typed; the text itself when that fails."""
    try:
        return _Lexer(text, env, escape, raw_quotes=run, skip_unset=run).word()
    except DockerfileError:
        return text


def _wrapped(word: str, call: Callable[[], _T]) -> _T:
    """BuildKit's ``failed to process "WORD": …`` around a word's expansion error."""
    try:
        return call()
    except DockerfileError as err:
        if err.message.startswith("failed to process"):
            raise
        raise DockerfileError(f"failed to process {json.dumps(word, ensure_ascii=False)}: "
                              f"{err.message}", kind="dispatch") from None


def expand_word(text: str, env: Mapping[str, str], escape: str = "\\", *,
                legacy: bool = False) -> str:
    """One word with quotes removed and variables expanded (lex.go ProcessWord); ``legacy``:
    20.10's lexer, which knows only the ``:-``, ``:+`` and ``:?`` modifiers."""
    return _wrapped(text, lambda: _Lexer(text, env, escape, legacy).word())


def expand_words(text: str, env: Mapping[str, str], escape: str = "\\", *,
                 legacy: bool = False) -> list[str]:
    """Words, split on unquoted whitespace, quotes removed and variables expanded (lex.go
    ProcessWords: EXPOSE's ports)."""
    return _wrapped(text, lambda: _Lexer(text, env, escape, legacy).words())
