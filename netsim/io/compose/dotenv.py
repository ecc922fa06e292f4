"""``.env`` files (the project's ``.env`` and ``--env-file``), read as compose-go reads them.

Followed: compose-go v2.9.1 (vendored by Docker Compose 2.40.3) ``dotenv/parser.go`` (the
statement scanner), ``dotenv/godotenv.go`` (the byte-order mark, ``expandVariables``),
``dotenv/env.go`` (``GetEnvFromFile``: several files into one map, the error's
``failed to read PATH:`` prefix), ``dotenv/format.go`` (the same prefix for a service's
``env_file:``) and ``cli/options.go`` (``WithDotEnv``: the OS environment wins over the files).

The rules, as the scanner applies them:

* blank lines and lines whose first non-space character is ``#`` are skipped; a leading
  ``export`` followed by white space is dropped;
* a name may hold letters, digits, ``_ . - [ ]`` (any other character is an error) and ends at
  ``=`` or ``:`` (``KEY: value`` is accepted); a name followed by a newline (``KEY`` alone) takes
  its value from the environment, and is left unset when that has none;
* an unquoted value runs to the end of the line, loses what follows ``" #"`` and its trailing
  white space, then has its variables expanded;
* a single-quoted value is literal (only ``\\'`` is unescaped); a double-quoted value has its
  shell escapes (``\\n \\t \\\\ \\" \\$ \\0NNN`` …) replaced, then its variables expanded; both
  may span lines;
* ``$VAR``, ``${VAR}``, ``${VAR:-default}`` … are :mod:`.interpolation`'s forms, looked up in
  the environment FIRST and only then among the keys read so far (compose-go's order: a key of
  the shell beats the same key defined earlier in the file).

Errors are compose-go's texts behind Compose's prefix, e.g.
``failed to read /root/p/.env: line 2: unexpected character "@" in variable name "a@b=1"``.

>>> parse_dotenv('A=1\\nexport B="x $A"  # c\\nC=${A:-z}\\nHOME\\n', source="/p/.env",
...              lookup={"HOME": "/root", "A": "9"}.get)
{'A': '1', 'B': 'x 9', 'C': '9', 'HOME': '/root'}
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator, Mapping, Sequence

from netsim.golang.quote import go_quote
from netsim.io.compose.interpolation import InterpolationError, substitute

__all__ = ["DotenvError", "parse_dotenv", "read_env_files"]

#: unicode.IsSpace (Go): what ends a key and what is trimmed from values
_GO_SPACE = ("\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
             "\u2009\u200a\u2028\u2029\u202f\u205f\u3000")
#: compose-go dotenv/parser.go isSpace: white space that is not a line break
_LINE_SPACE = "\t\v\f\r \x85\xa0"
#: compose-go dotenv/parser.go exportRegex (RE2's \s is [\t\n\f\r ])
_EXPORT = re.compile(r"export[\t\n\f\r ]+")
#: compose-go dotenv/parser.go escapeSeqRegex (the escapes a double-quoted value knows)
_ESCAPE = re.compile(r'\\(?:[abcfnrtv$"\\]|0[0-9]{0,3})')
_ONE_LETTER = {"a": "\a", "b": "\b", "c": "\\c", "f": "\f", "n": "\n", "r": "\r", "t": "\t",
               "v": "\v", '"': '"', "\\": "\\"}
#: what substitute() puts before its texts (they are rebuilt without the path)
_PATH = "<dotenv>"
_REQUIRED = f"error while interpolating {_PATH}: "
_INVALID = f"invalid interpolation format for {_PATH}."


class DotenvError(ValueError):
    """A ``.env`` file Compose refuses; ``str()`` is Compose's whole text."""


class _Environment(Mapping[str, str]):
    """What ``$VAR`` sees: ``lookup`` first, then the keys read so far (godotenv.go
    expandVariables)."""

    def __init__(self, lookup: Callable[[str], str | None], read: dict[str, str]) -> None:
        self._lookup, self._read = lookup, read

    def __getitem__(self, key: str) -> str:
        value = self._lookup(key)
        return self._read[key] if value is None else value

    def __iter__(self) -> Iterator[str]:
        return iter(self._read)

    def __len__(self) -> int:
        return len(self._read)


def _unescape(value: str) -> str:
    """A double-quoted value's shell escapes replaced (parser.go expandEscapes)."""

    def one(m: re.Match[str]) -> str:
        text = m.group(0)
        if text == "\\$":  # kept for the expansion as its own escape, $$
            return "$$"
        if text[1] != "0":
            return _ONE_LETTER[text[1]]
        # \0NNN is rewritten \NNN and read as a Go octal escape: exactly three octal digits up
        # to 255, else the rewritten text stays (strconv.UnquoteChar fails)
        digits = text[2:]
        if len(digits) == 3 and set(digits) <= set("01234567") and int(digits, 8) <= 255:
            return chr(int(digits, 8))
        return "\\" + digits

    return _ESCAPE.sub(one, value)


def _is_name_char(ch: str) -> bool:
    # compose-go dotenv/parser.go locateKeyName: unicode.IsLetter, unicode.IsNumber, _ . - [ ]
    return ch in "_.-[]" or unicodedata.category(ch)[0] in "LN"


class _Scanner:
    """compose-go's parser: one pass over the text, counting lines for the error texts."""

    def __init__(self, env: _Environment, warnings: list[str]) -> None:
        self.line = 1
        self.env = env
        self.warnings = warnings

    def statement_start(self, src: str) -> str:
        """``src`` from its next statement (blank lines and comments skipped), or ""."""
        while True:
            pos = -1
            for i, ch in enumerate(src):
                if ch == "\n":
                    self.line += 1
                if ch not in _GO_SPACE:
                    pos = i
                    break
            if pos < 0:
                return ""
            src = src[pos:]
            if src[0] != "#":
                return src
            end = src.find("\n")
            if end < 0:
                return ""
            src = src[end:]

    def key(self, src: str) -> tuple[str, str, bool]:
        """The key, what follows it, and whether it stands alone (``KEY`` then a newline)."""
        if _EXPORT.match(src):
            src = src[len("export"):].lstrip(_LINE_SPACE)
        key, offset, alone = "", 0, False
        for i, ch in enumerate(src):
            if ch in _LINE_SPACE:
                continue
            if ch in "=:\n":
                key, offset, alone = src[:i], i + 1, ch == "\n"
                break
            if not _is_name_char(ch):
                raise DotenvError(f"line {self.line}: unexpected character {go_quote(ch)} in "
                                  f"variable name {go_quote(src.split(chr(10))[0])}")
        # (a last line without "=" and without a newline ends the loop unbroken: its key is
        # "" and the whole line is its value — parser.go as written)
        if not src:
            raise DotenvError("zero length string")
        if alone and " " not in key:
            self.line += 1
        return key.rstrip(_GO_SPACE), src[offset:].lstrip(_LINE_SPACE), alone

    def value(self, src: str) -> tuple[str, str]:
        """The value at the start of ``src`` and what follows it."""
        quote = src[:1]
        if quote not in ("'", '"'):
            value, _, rest = src.partition("\n")
            self.line += 1
            value = value.split(" #", 1)[0].rstrip(_GO_SPACE)
            return self.expand(value), rest
        chars: list[str] = []
        escaped = False
        for i in range(1, len(src)):
            ch = src[i]
            if ch == "\n":
                self.line += 1
            if ch != quote:
                if not escaped and ch == "\\":
                    escaped = True
                    continue
                if escaped:  # a backslash before anything but the quote is kept
                    escaped = False
                    chars.append("\\")
                chars.append(ch)
                continue
            if escaped:  # \" in "…", \' in '…'
                escaped = False
                chars.append(ch)
                continue
            value = "".join(chars)
            if quote == '"':
                value = self.expand(_unescape(value))
            return value, src[i + 1:]
        # the line count has run to the end of the text by now (parser.go extractVarValue)
        end = src.find("\n")
        shown = src if end < 0 else src[:end]
        raise DotenvError(f"line {self.line}: unterminated quoted value {shown}")

    def expand(self, value: str) -> str:
        """``value`` with its variables replaced; template errors in compose-go's words."""
        try:
            result = substitute(value, self.env, _PATH)
        except InterpolationError as err:
            text = str(err)
            if text.startswith(_REQUIRED):  # template/template.go MissingRequiredError
                raise DotenvError(text[len(_REQUIRED):]) from None
            if text.startswith(_INVALID):  # template/template.go InvalidTemplateError (%#v)
                raise DotenvError(f"Invalid template: {go_quote(value)}") from None
            raise DotenvError(text) from None
        self.warnings.extend(result.warnings)
        return result.value


def parse_dotenv(text: str, *, source: str, lookup: Callable[[str], str | None],
                 into: dict[str, str] | None = None,
                 warnings: list[str] | None = None) -> dict[str, str]:
    """The variables of the ``.env`` file ``text`` (``source``: its path, as Compose names it
    in errors); ``lookup`` answers ``KEY``-alone lines and ``$VAR`` before the keys already
    read. ``into`` (several files, one map) receives the values and is returned; unset
    variables' warnings go to ``warnings``. Raises :class:`DotenvError`."""
    out: dict[str, str] = {} if into is None else into
    scanner = _Scanner(_Environment(lookup, out), [] if warnings is None else warnings)
    src = text.removeprefix("\ufeff")  # godotenv.go parseWithLookup drops a UTF-8 BOM
    try:
        while True:
            src = scanner.statement_start(src)
            if not src:
                return out
            key, src, alone = scanner.key(src)
            if " " in key:
                raise DotenvError(f"line {scanner.line}: key cannot contain a space")
            if alone:  # KEY alone: from the environment, else not set at all
                if key in scanner.env:
                    out[key] = scanner.env[key]
                continue
            out[key], src = scanner.value(src)
    except DotenvError as err:
        # compose-go dotenv/env.go GetEnvFromFile and dotenv/format.go: the file's path first
        raise DotenvError(f"failed to read {source}: {err}") from None


def read_env_files(files: Sequence[tuple[str, str]], *, environ: Mapping[str, str],
                   warnings: list[str] | None = None) -> dict[str, str]:
    """The values of the project's env files (``(absolute path, text)`` in order: ``.env`` or
    each ``--env-file``), read into one map as compose-go's ``GetEnvFromFile`` does (a later
    file's key wins; ``$VAR`` sees ``environ`` first, then every key read so far).

    The project environment is then ``{**values, **environ}`` (cli/options.go WithDotEnv:
    the OS environment wins). Finding the files is the caller's: compose-go's texts for that
    are ``couldn't find env file: PATH`` and ``PATH is a directory`` (dotenv/env.go).

    >>> read_env_files([("/p/a.env", "H=a\\nU=http://$H"), ("/p/b.env", "H=b\\nV=$H")],
    ...                environ={"H": "os"})
    {'H': 'b', 'U': 'http://os', 'V': 'os'}
    """
    out: dict[str, str] = {}
    for path, text in files:
        parse_dotenv(text, source=path, lookup=environ.get, into=out, warnings=warnings)
    return out
