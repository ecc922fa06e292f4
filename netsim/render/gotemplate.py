"""Go's ``text/template``, as the docker CLI runs it for ``--format`` and ``inspect -f``.

A re-implementation (no code copied) of Go 1.24/1.25's ``text/template`` and
``text/template/parse`` (lexer, parser, executor, the builtin functions) plus docker/cli's
``templates`` functions (``json``, ``split``, ``join``, ``title``, ``lower``, ``upper``, ``pad``,
``truncate``), to the extent docker users write templates: fields and map keys, variables
(``$x := …``, ``range $k, $v := …``), pipelines, parenthesised pipelines and chains
(``(index .M "k").Field``), ``if``/``else if``/``with``/``range``/``else``/``break``/``continue``,
comments and trim markers (``{{- … -}}``), string/raw-string/char/number/bool/nil literals and
the builtins ``and or not eq ne lt le gt ge len index slice print printf println html js
urlquery``. ``define``/``template``/``block`` and ``call`` raise :class:`UnsupportedTemplate`.

Errors are Go's own texts: a parse error is ``template: :1: unclosed action`` (:class:`ParseError`),
an execution error ``template: :1:2: executing "" at <.Nope>: map has no entry for key "Nope"``
(:class:`ExecError`; the context is the whole node: Go ≥ 1.20 no longer cuts it at 20 bytes).

Values: decoded JSON (``dict``/``list``/``str``/``int``/``float``/``bool``/``None``), where a
:class:`GoMap` is a Go map and a plain ``dict`` a Go struct, and :class:`GoStruct` for the
formatter contexts of ``docker ps``/``docker network ls`` (a Go type with methods).

docker inspect (cli/command/inspect/inspector.go) executes the template on the typed API object
first and, when that fails, once more on the raw JSON decoded into ``map[string]any`` with
``missingkey=error`` (:func:`render`). netsim has the JSON only; it tells maps from structs by
the field a dict hangs off (:func:`typed`): a key missing from a *map* is Go's invalid value
(``<no value>``), a key missing from a *struct* fails the typed run, and the raw run then says
``map has no entry for key``::

    >>> render('{{.Name}} {{range $k, $v := .Networks}}{{$k}}={{$v.IP}} {{end}}',
    ...        {"Name": "/web", "Networks": {"b": {"IP": "10.0.0.2"}, "a": {"IP": "10.0.1.2"}}})
    '/web a=10.0.1.2 b=10.0.0.2 '
    >>> try:
    ...     render('{{.Nope}}', {"Name": "/web"})
    ... except ExecError as err:
    ...     print(err)
    template: :1:2: executing "" at <.Nope>: map has no entry for key "Nope"
    >>> parse('{{.Name')
    Traceback (most recent call last):
        ...
    netsim.render.gotemplate.ParseError: template: :1: unclosed action
"""

from __future__ import annotations

import contextlib
import html as _html
import json
import math
import re
import urllib.parse
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "DOCKER_FUNCS",
    "HEADER_FUNCS",
    "INVALID",
    "ExecError",
    "GoMap",
    "GoStruct",
    "MissingKey",
    "ParseError",
    "Template",
    "TemplateError",
    "UnsupportedTemplate",
    "go_json",
    "go_quote",
    "parse",
    "render",
    "typed",
]


class TemplateError(ValueError):
    """A template that Go rejects: the text is Go's error message."""


class ParseError(TemplateError):
    """The template does not parse (``template: :1: …``)."""


class ExecError(TemplateError):
    """Executing the template failed (``template: :1:2: executing "" at <…>: …``)."""


#: the name earlier netsim versions used for an execution error
MissingKey = ExecError


class UnsupportedTemplate(ValueError):
    """The template uses something netsim's implementation does not have."""


# ============================================================================================
# Values
# ============================================================================================


class _Invalid:
    """Go's invalid ``reflect.Value`` (a missing map entry): prints ``<no value>``."""

    _instance: _Invalid | None = None

    def __new__(cls) -> _Invalid:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "INVALID"


INVALID: Any = _Invalid()


class GoMap(dict[str, Any]):
    """A Go map (``map[string]…``): a missing key is no error in a typed run; ``index`` gives
    ``zero`` for it (the element type's zero value: ``""`` for ``map[string]string``)."""

    zero: Any = None


class JsonNumber(str):
    """``json.Number``: a number of the raw (``dec.UseNumber()``) decoding, kept as its text."""


@dataclass(frozen=True)
class GoStruct:
    """A Go value with methods (docker/cli's formatter contexts): ``type_name`` as Go prints it
    in errors (``*formatter.ContainerContext``), ``fields`` the methods without arguments (or
    values), ``methods`` those taking arguments (``Label``), ``as_json`` what ``{{json .}}``
    prints. ``is_map``: a map type with methods (a missing key is Go's invalid value)."""

    type_name: str
    fields: Mapping[str, Any]
    methods: Mapping[str, Callable[..., Any]] = field(default_factory=dict)
    #: a Go map type with methods (formatter.SubHeaderContext): a missing key is no error
    is_map: bool = False
    as_json: Any = None


@dataclass(frozen=True)
class _GoFunc:
    """A template function: its Go parameter types (for arity and argument checks)."""

    fn: Callable[..., Any]
    params: tuple[str, ...]  # "any", "string", "int", "[]string", "bool"
    variadic: bool = False  # the last parameter is ...T


#: maps in Docker's API objects (keys of a JSON object that decodes into a Go map)
_MAP_KEYS = frozenset({
    "Labels", "Options", "Networks", "Ports", "ExposedPorts", "Containers", "DriverOpts",
    "AuxiliaryAddresses", "Volumes", "PortBindings", "Sysctls", "StorageOpt", "Tmpfs",
    "Annotations", "Services", "Data",
})
#: the maps among them whose values are strings
_STRING_MAPS = frozenset({"Labels", "Options", "DriverOpts", "Data", "AuxiliaryAddresses",
                          "Sysctls", "StorageOpt", "Tmpfs", "Annotations", "Config"})
#: keys that are maps only under a given parent (``LogConfig.Config``; a container's ``Config``
#: and ``IPAM.Config`` are not)
_MAP_UNDER = {("LogConfig", "Config"), ("Log", "Config")}
#: keys holding Go slices: a null there prints ``[]`` in a typed run
_SLICE_KEYS = frozenset({
    "Args", "Aliases", "Links", "DNSNames", "Env", "Cmd", "Entrypoint", "Binds", "CapAdd",
    "CapDrop", "Dns", "DnsOptions", "DnsSearch", "ExtraHosts", "GroupAdd", "SecurityOpt",
    "SecondaryIPAddresses", "SecondaryIPv6Addresses", "Mounts", "ExecIDs", "VolumesFrom",
    "OnBuild", "Devices", "DeviceCgroupRules", "DeviceRequests", "Ulimits", "Config", "Peers",
    "ConsoleSize", "MaskedPaths", "ReadonlyPaths", "BlkioWeightDevice", "BlkioDeviceReadBps",
    "BlkioDeviceWriteBps", "BlkioDeviceReadIOps", "BlkioDeviceWriteIOps", "Shell",
})


class NilOf:
    """A typed nil (a JSON ``null`` in a typed run): how Go prints it depends on its type."""

    __slots__ = ("kind",)

    def __init__(self, kind: str) -> None:
        self.kind = kind  # "slice", "map" or "pointer"

    def __repr__(self) -> str:
        return f"nil {self.kind}"


def typed(data: Any, key: str = "", parent: str = "") -> Any:
    """JSON data as a typed run sees it: Go maps become :class:`GoMap`, nulls typed nils."""
    if isinstance(data, dict):
        items = {k: typed(v, k, key) for k, v in data.items()}
        if key in _MAP_KEYS or (parent, key) in _MAP_UNDER:
            m = GoMap(items)
            if key in _STRING_MAPS:
                m.zero = ""
            return m
        return items
    if isinstance(data, list):
        if (parent, key) == ("IPAM", "Config"):  # network.IPAMConfig, every field printed
            return [_ipam_config(v) if isinstance(v, dict) else typed(v) for v in data]
        return [typed(v, "", key) for v in data]
    if data is None:
        if key in _MAP_KEYS or (parent, key) in _MAP_UNDER:
            return NilOf("map")
        return NilOf("slice" if key in _SLICE_KEYS else "pointer")
    return data


def _ipam_config(entry: dict[str, Any]) -> dict[str, Any]:
    """network.IPAMConfig as Go holds it: ``AuxAddress`` (the JSON's ``AuxiliaryAddresses``, so
    ``{{.AuxiliaryAddresses}}`` fails the typed run as in Go) and the fields JSON left out
    (measured: ``{{.IPAM.Config}}`` prints ``[{10.7.0.0/16 10.7.1.0/24  map[]}]``)."""
    aux = GoMap(entry.get("AuxiliaryAddresses") or {})
    aux.zero = ""
    struct = _Struct({"Subnet": entry.get("Subnet", ""), "IPRange": entry.get("IPRange", ""),
                      "Gateway": entry.get("Gateway", ""), "AuxAddress": aux})
    struct.as_json = entry
    return struct


class _Struct(dict[str, Any]):
    """A Go struct whose fields differ from its JSON (``as_json``: what ``json`` writes)."""

    as_json: Any = None


def _raw(data: Any) -> Any:
    """JSON data as ``json.Decoder.UseNumber`` decodes it into ``any``."""
    if isinstance(data, dict):
        return GoMap({k: _raw(v) for k, v in data.items()})
    if isinstance(data, list):
        return [_raw(v) for v in data]
    if isinstance(data, bool) or data is None or isinstance(data, str):
        return data
    if isinstance(data, (int, float)):
        return JsonNumber(json.dumps(data))
    return data


# ============================================================================================
# Go formatting
# ============================================================================================


def go_quote(s: str) -> str:
    """Go's ``strconv.Quote``."""
    out = ['"']
    for ch in s:
        cp = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch.isprintable() and ch != "\x7f":
            out.append(ch)
        elif ch in "\a\b\f\n\r\t\v":
            out.append({"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r",
                        "\t": "\\t", "\v": "\\v"}[ch])
        elif cp < 0x80 or (0xD800 <= cp <= 0xDFFF):
            out.append(f"\\x{cp:02x}")
        elif cp < 0x10000:
            out.append(f"\\u{cp:04x}")
        else:
            out.append(f"\\U{cp:08x}")
    out.append('"')
    return "".join(out)


def _fmt_v(value: Any, top: bool = True) -> str:
    """Go's ``%v`` of a value (``fmt.Fprint``)."""
    if value is INVALID:
        return "<no value>" if top else "<invalid reflect.Value>"
    if isinstance(value, NilOf):
        return {"slice": "[]", "map": "map[]"}.get(value.kind, "<nil>")
    if value is None:
        return "<nil>"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return _float_v(value)
    if isinstance(value, GoMap):
        return "map[" + " ".join(f"{_fmt_v(k, False)}:{_fmt_v(v, False)}"
                                 for k, v in sorted(value.items())) + "]"
    if isinstance(value, dict):  # a struct
        return "{" + " ".join(_fmt_v(v, False) for v in value.values()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + " ".join(_fmt_v(v, False) for v in value) + "]"
    if isinstance(value, GoStruct):
        return "&{" + " ".join(_fmt_v(v, False) for v in value.fields.values()) + "}"
    return str(value)


def _shortest(f: float) -> tuple[str, int]:
    """The shortest decimal digits that read back as ``abs(f)``, and the decimal point's place
    (``0.0125`` → ``("125", -1)``)."""
    m = re.fullmatch(r"(\d+)(?:\.(\d+))?(?:e([+-]\d+))?", repr(abs(f)))
    assert m is not None
    digits = m.group(1) + (m.group(2) or "")
    dp = len(m.group(1)) + int(m.group(3) or 0)
    stripped = digits.lstrip("0")
    dp -= len(digits) - len(stripped)
    return stripped.rstrip("0") or "0", dp


def _plain(digits: str, dp: int) -> str:
    if dp <= 0:
        return f"0.{'0' * -dp}{digits}"
    if dp >= len(digits):
        return digits + "0" * (dp - len(digits))
    return f"{digits[:dp]}.{digits[dp:]}"


def _float_v(f: float) -> str:
    """``%v`` of a float64: strconv's shortest ``'g'`` (exponent when it is < -4 or >= 6)."""
    if math.isinf(f):
        return "+Inf" if f > 0 else "-Inf"
    if math.isnan(f):
        return "NaN"
    if f == 0:
        return "-0" if math.copysign(1, f) < 0 else "0"
    sign = "-" if f < 0 else ""
    digits, dp = _shortest(f)
    x = dp - 1
    if x < -4 or x >= 6:  # strconv/ftoa.go: with the shortest precision, eprec is 6
        tail = "." + digits[1:] if len(digits) > 1 else ""
        return f"{sign}{digits[0]}{tail}e{'-' if x < 0 else '+'}{abs(x):02d}"
    return sign + _plain(digits, dp)


def _json_float(f: float) -> str:
    """encoding/json's float64: ``'f'`` unless below 1e-6 or from 1e21 (then ``1e+21``)."""
    if f == 0:
        return "0" if math.copysign(1, f) > 0 else "-0"
    sign = "-" if f < 0 else ""
    digits, dp = _shortest(f)
    if abs(f) < 1e-6 or abs(f) >= 1e21:
        x = dp - 1
        tail = "." + digits[1:] if len(digits) > 1 else ""
        return f"{sign}{digits[0]}{tail}e{'-' if x < 0 else '+'}{abs(x)}"
    return sign + _plain(digits, dp)


def _json_string(s: str) -> str:
    """encoding/json's string encoding with ``SetEscapeHTML(false)``."""
    out = ['"']
    for ch in s:
        cp = ord(ch)
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\r":
            out.append("\\r")
        elif ch == "\t":
            out.append("\\t")
        elif cp < 0x20 or ch in "\u2028\u2029":
            out.append(f"\\u{cp:04x}")
        elif 0xD800 <= cp <= 0xDFFF:
            out.append("\ufffd")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def go_json(value: Any) -> str:
    """docker/cli's ``json`` template function: compact, no HTML escaping, no newline."""
    if value is INVALID or value is None or isinstance(value, NilOf):
        return "null"
    if isinstance(value, GoStruct | _Struct):
        return go_json(value.as_json)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, JsonNumber):
        return str(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _json_float(value)
    if isinstance(value, str):
        return _json_string(value)
    if isinstance(value, dict):
        items = sorted(value.items()) if isinstance(value, GoMap) else list(value.items())
        return "{" + ",".join(f"{_json_string(k)}:{go_json(v)}" for k, v in items) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ",".join(go_json(v) for v in value) + "]"
    return _json_string(str(value))


def _type_name(value: Any, raw: bool) -> str:
    """The Go type an error message names."""
    if raw:
        return "interface {}"
    if isinstance(value, GoStruct):
        return value.type_name
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int"
    if isinstance(value, float):
        return "float64"
    if isinstance(value, str):
        return "string"
    if isinstance(value, GoMap):
        return "map[string]interface {}"
    if isinstance(value, dict):
        return "struct"
    if isinstance(value, (list, tuple)):
        return "[]interface {}"
    return "interface {}"


# ============================================================================================
# Lexer (text/template/parse/lex.go)
# ============================================================================================

# item types
_ERROR, _BOOL, _CHAR, _CHARCONST, _COMPLEX, _ASSIGN, _DECLARE, _EOF, _FIELD, _IDENT, \
    _LDELIM, _LPAREN, _NUMBER, _PIPE, _RAWSTRING, _RDELIM, _RPAREN, _SPACE, _STRING, _TEXT, \
    _VARIABLE, _KEYWORD, _BLOCK, _BREAK, _CONTINUE, _DOT, _DEFINE, _ELSE, _END, _IF, _NIL, \
    _RANGE, _TEMPLATE, _WITH = range(34)

_KEYWORDS = {".": _DOT, "block": _BLOCK, "break": _BREAK, "continue": _CONTINUE,
             "define": _DEFINE, "else": _ELSE, "end": _END, "if": _IF, "range": _RANGE,
             "nil": _NIL, "template": _TEMPLATE, "with": _WITH}
_SPACES = " \t\r\n"


@dataclass(frozen=True)
class _Item:
    typ: int
    pos: int
    val: str
    line: int

    def __str__(self) -> str:
        if self.typ == _EOF:
            return "EOF"
        if self.typ == _ERROR:
            return self.val
        if self.typ > _KEYWORD:
            return f"<{self.val}>"
        if len(self.val) > 10:
            return go_quote(self.val[:10]) + "..."
        return go_quote(self.val)


def _is_alnum(ch: str) -> bool:
    return ch == "_" or ch.isalpha() or ch.isdigit()


class _Lexer:
    def __init__(self, text: str) -> None:
        self.input = text
        self.items: list[_Item] = []
        self.pos = 0
        self.start = 0
        self.paren_depth = 0
        self.done = False
        self._run()

    # -- helpers
    def _line(self, pos: int) -> int:
        return 1 + self.input.count("\n", 0, pos)

    def _emit(self, typ: int) -> None:
        self.items.append(_Item(typ, self.start, self.input[self.start:self.pos],
                                self._line(self.start)))
        self.start = self.pos

    def _error(self, msg: str) -> None:
        self.items.append(_Item(_ERROR, self.start, msg, self._line(self.start)))
        self.done = True

    def _peek(self) -> str:
        return self.input[self.pos] if self.pos < len(self.input) else ""

    def _next(self) -> str:
        ch = self._peek()
        if ch:
            self.pos += 1
        return ch

    def _at_right_delim(self) -> tuple[bool, bool]:
        rest = self.input[self.pos:]
        if rest.startswith("}}"):
            return True, False
        if rest.startswith(" -}}"):
            return True, True
        return False, False

    def _at_terminator(self) -> bool:
        ch = self._peek()
        return ch == "" or ch in _SPACES or ch in ".,|:)(" or self.input.startswith("}}", self.pos)

    # -- states
    def _run(self) -> None:
        while not self.done:
            self._lex_text()

    def _lex_text(self) -> None:
        x = self.input.find("{{", self.pos)
        if x < 0:
            self.pos = len(self.input)
            if self.pos > self.start:
                self._emit(_TEXT)
            self._emit(_EOF)
            self.done = True
            return
        self.pos = x
        trim = 0
        if self.input.startswith("- ", x + 2):
            text = self.input[self.start:x]
            trim = len(text) - len(text.rstrip(_SPACES))
        self.pos -= trim
        if self.pos > self.start:
            self._emit(_TEXT)
        self.pos = x
        self.start = self.pos
        self._lex_left_delim()

    def _lex_left_delim(self) -> None:
        self.pos += 2
        trim = self.input.startswith("- ", self.pos)
        after = 2 if trim else 0
        if self.input.startswith("/*", self.pos + after):
            self.pos += after
            self.start = self.pos
            self._lex_comment()
            return
        self._emit(_LDELIM)
        self.pos += after
        self.start = self.pos
        self.paren_depth = 0
        self._lex_inside_action()

    def _lex_comment(self) -> None:
        self.pos += 2
        i = self.input.find("*/", self.pos)
        if i < 0:
            self._error("unclosed comment")
            return
        self.pos = i + 2
        delim, trim = self._at_right_delim()
        if not delim:
            self._error("comment ends before closing delimiter")
            return
        if trim:
            self.pos += 2
        self.pos += 2
        if trim:
            rest = self.input[self.pos:]
            self.pos += len(rest) - len(rest.lstrip(_SPACES))
        self.start = self.pos

    def _lex_right_delim(self) -> None:
        trim = self.input.startswith(" -", self.pos)
        if trim:
            self.pos += 2
            self.start = self.pos
        self.pos += 2
        self._emit(_RDELIM)
        if trim:
            rest = self.input[self.pos:]
            self.pos += len(rest) - len(rest.lstrip(_SPACES))
            self.start = self.pos

    def _lex_inside_action(self) -> None:
        while not self.done:
            delim, _ = self._at_right_delim()
            if delim:
                if self.paren_depth == 0:
                    self._lex_right_delim()
                    return
                self._error("unclosed left paren")
                return
            ch = self._next()
            if ch == "":
                self._error("unclosed action")
                return
            if ch in _SPACES:
                self.pos -= 1
                self._lex_space()
            elif ch == "=":
                self._emit(_ASSIGN)
            elif ch == ":":
                if self._next() != "=":
                    self._error("expected :=")
                    return
                self._emit(_DECLARE)
            elif ch == "|":
                self._emit(_PIPE)
            elif ch == '"':
                self._lex_quote()
            elif ch == "`":
                self._lex_raw_quote()
            elif ch == "$":
                self._lex_variable()
            elif ch == "'":
                self._lex_char()
            elif ch == "." and self._peek() and not "0" <= self._peek() <= "9":
                self._lex_field_or_variable(_FIELD)
            elif ch in "+-." or "0" <= ch <= "9":
                self.pos -= 1
                self._lex_number()
            elif _is_alnum(ch):
                self.pos -= 1
                self._lex_identifier()
            elif ch == "(":
                self._emit(_LPAREN)
                self.paren_depth += 1
            elif ch == ")":
                self._emit(_RPAREN)
                self.paren_depth -= 1
                if self.paren_depth < 0:
                    self._error("unexpected right paren")
                    return
            elif ord(ch) < 0x80 and ch.isprintable():
                self._emit(_CHAR)
            else:
                self._error(f"unrecognized character in action: {_go_unicode(ch)}")
                return

    def _lex_space(self) -> None:
        n = 0
        while self._peek() and self._peek() in _SPACES:
            self._next()
            n += 1
        # a space before "-}}" belongs to the trim marker
        if self.input.startswith(" -}}", self.pos - 1):
            self.pos -= 1
            if n == 1:
                return
        self._emit(_SPACE)

    def _lex_identifier(self) -> None:
        while _is_alnum(self._peek()):
            self._next()
        word = self.input[self.start:self.pos]
        if not self._at_terminator():
            self._error(f"bad character {_go_unicode(self._peek())}")
            return
        if word in _KEYWORDS and _KEYWORDS[word] > _KEYWORD:
            self._emit(_KEYWORDS[word])
        elif word[0] == ".":
            self._emit(_FIELD)
        elif word in ("true", "false"):
            self._emit(_BOOL)
        else:
            self._emit(_IDENT)

    def _lex_variable(self) -> None:
        if self._at_terminator():
            self._emit(_VARIABLE)
            return
        self._lex_field_or_variable(_VARIABLE)

    def _lex_field_or_variable(self, typ: int) -> None:
        if self._at_terminator():
            self._emit(_VARIABLE if typ == _VARIABLE else _DOT)
            return
        while _is_alnum(self._peek()):
            self._next()
        if not self._at_terminator():
            self._error(f"bad character {_go_unicode(self._peek())}")
            return
        self._emit(typ)

    def _lex_char(self) -> None:
        while True:
            ch = self._next()
            if ch == "\\":
                nxt = self._next()
                if nxt not in ("", "\n"):
                    continue
                ch = ""
            if ch in ("", "\n"):
                self._error("unterminated character constant")
                return
            if ch == "'":
                break
        self._emit(_CHARCONST)

    def _lex_number(self) -> None:
        if not self._scan_number():
            self._error(f"bad number syntax: {go_quote(self.input[self.start:self.pos])}")
            return
        if self._peek() in ("+", "-") and self._peek():
            if not self._scan_number() or self.input[self.pos - 1] != "i":
                self._error(f"bad number syntax: {go_quote(self.input[self.start:self.pos])}")
                return
            self._emit(_COMPLEX)
        else:
            self._emit(_NUMBER)

    def _accept(self, valid: str) -> bool:
        ch = self._peek()
        if ch and ch in valid:
            self.pos += 1
            return True
        return False

    def _accept_run(self, valid: str) -> None:
        while self._accept(valid):
            pass

    def _scan_number(self) -> bool:
        self._accept("+-")
        digits = "0123456789_"
        if self._accept("0"):
            if self._accept("xX"):
                digits = "0123456789abcdefABCDEF_"
            elif self._accept("oO"):
                digits = "01234567_"
            elif self._accept("bB"):
                digits = "01_"
        self._accept_run(digits)
        if self._accept("."):
            self._accept_run(digits)
        if len(digits) == 11 and self._accept("eE"):
            self._accept("+-")
            self._accept_run("0123456789_")
        if len(digits) == 23 and self._accept("pP"):
            self._accept("+-")
            self._accept_run("0123456789_")
        self._accept("i")
        if _is_alnum(self._peek()):
            self._next()
            return False
        return True

    def _lex_quote(self) -> None:
        while True:
            ch = self._next()
            if ch == "\\":
                nxt = self._next()
                if nxt not in ("", "\n"):
                    continue
                ch = ""
            if ch in ("", "\n"):
                self._error("unterminated quoted string")
                return
            if ch == '"':
                break
        self._emit(_STRING)

    def _lex_raw_quote(self) -> None:
        i = self.input.find("`", self.pos)
        if i < 0:
            self._error("unterminated raw quoted string")
            return
        self.pos = i + 1
        self._emit(_RAWSTRING)


def _go_unicode(ch: str) -> str:
    """Go's ``%#U``: ``U+0021 '!'``."""
    if not ch:
        return "U+FFFFFFFFFFFFFFFF"
    cp = ord(ch)
    return f"U+{cp:04X} '{ch}'" if ch.isprintable() else f"U+{cp:04X}"


# ============================================================================================
# Parse tree (text/template/parse/node.go, parse.go)
# ============================================================================================


@dataclass
class _Node:
    pos: int

    def __str__(self) -> str:  # pragma: no cover - every node overrides it
        return ""


@dataclass
class _Text(_Node):
    text: str

    def __str__(self) -> str:
        return go_quote(self.text)


@dataclass
class _Field(_Node):
    ident: list[str]

    def __str__(self) -> str:
        return "".join("." + i for i in self.ident)


@dataclass
class _Variable(_Node):
    ident: list[str]

    def __str__(self) -> str:
        return ".".join(self.ident)


@dataclass
class _Identifier(_Node):
    name: str

    def __str__(self) -> str:
        return self.name


@dataclass
class _Dot(_Node):
    def __str__(self) -> str:
        return "."


@dataclass
class _Nil(_Node):
    def __str__(self) -> str:
        return "nil"


@dataclass
class _Bool(_Node):
    value: bool

    def __str__(self) -> str:
        return "true" if self.value else "false"


@dataclass
class _Number(_Node):
    text: str
    value: int | float
    is_int: bool
    is_float: bool

    def __str__(self) -> str:
        return self.text


@dataclass
class _String(_Node):
    quoted: str
    text: str

    def __str__(self) -> str:
        return self.quoted


@dataclass
class _Command(_Node):
    args: list[_Node]

    def __str__(self) -> str:
        return " ".join(f"({a})" if isinstance(a, _Pipe) else str(a) for a in self.args)


@dataclass
class _Pipe(_Node):
    line: int
    is_assign: bool = False
    decl: list[_Variable] = field(default_factory=list)
    cmds: list[_Command] = field(default_factory=list)

    def __str__(self) -> str:
        s = ""
        if self.decl:
            s = ", ".join(str(v) for v in self.decl) + (" = " if self.is_assign else " := ")
        return s + " | ".join(str(c) for c in self.cmds)


@dataclass
class _Chain(_Node):
    node: _Node
    fields: list[str]

    def __str__(self) -> str:
        s = f"({self.node})" if isinstance(self.node, _Pipe) else str(self.node)
        return s + "".join("." + f for f in self.fields)


@dataclass
class _List(_Node):
    nodes: list[_Node]

    def __str__(self) -> str:
        return "".join(str(n) for n in self.nodes)


@dataclass
class _Action(_Node):
    line: int
    pipe: _Pipe

    def __str__(self) -> str:
        return "{{" + str(self.pipe) + "}}"


@dataclass
class _Control(_Node):
    kind: str  # "if", "range", "with"
    line: int
    pipe: _Pipe
    body: _List
    else_list: _List | None

    def __str__(self) -> str:
        s = "{{" + self.kind + " " + str(self.pipe) + "}}" + str(self.body)
        if self.else_list is not None:
            s += "{{else}}" + str(self.else_list)
        return s + "{{end}}"


@dataclass
class _Break(_Node):
    def __str__(self) -> str:
        return "{{break}}"


@dataclass
class _Continue(_Node):
    def __str__(self) -> str:
        return "{{continue}}"


@dataclass
class _End(_Node):
    def __str__(self) -> str:
        return "{{end}}"


@dataclass
class _Else(_Node):
    line: int

    def __str__(self) -> str:
        return "{{else}}"


class _Abort(Exception):
    """Unwinds the parser (Go's panic in ``errorf``)."""


def _go_unquote(text: str) -> str:
    """``strconv.Unquote`` of a Go string literal (interpreted or raw)."""
    if text.startswith("`"):
        if "`" in text[1:-1]:
            raise ValueError("invalid syntax")
        return text[1:-1].replace("\r", "")
    body = text[1:-1]
    out: list[str] = []
    i = 0
    quote = text[0]
    while i < len(body):
        ch = body[i]
        if ch == quote or ch == "\n":
            raise ValueError("invalid syntax")
        if ch != "\\":
            out.append(ch)
            i += 1
            continue
        i += 1
        if i >= len(body):
            raise ValueError("invalid syntax")
        c = body[i]
        simple = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v",
                  "\\": "\\"}
        if c in simple:
            out.append(simple[c])
            i += 1
        elif c == quote:
            out.append(c)
            i += 1
        elif c in "xuU":
            n = {"x": 2, "u": 4, "U": 8}[c]
            hexdigits = body[i + 1:i + 1 + n]
            if len(hexdigits) != n or not all(h in "0123456789abcdefABCDEF" for h in hexdigits):
                raise ValueError("invalid syntax")
            v = int(hexdigits, 16)
            if c == "x":
                out.append(chr(v) if v < 0x80 else bytes([v]).decode("latin-1"))
            else:
                if v > 0x10FFFF or 0xD800 <= v <= 0xDFFF:
                    raise ValueError("invalid syntax")
                out.append(chr(v))
            i += 1 + n
        elif c in "01234567":
            octal = body[i:i + 3]
            if len(octal) != 3 or not all(o in "01234567" for o in octal) or int(octal, 8) > 255:
                raise ValueError("invalid syntax")
            out.append(chr(int(octal, 8)))
            i += 3
        else:
            raise ValueError("invalid syntax")
    result = "".join(out)
    if quote == "'" and len(result) != 1:
        raise ValueError("invalid syntax")
    return result


class _Parser:
    def __init__(self, text: str, funcs: Mapping[str, Any]) -> None:
        self.text = text
        self.funcs = funcs
        self.items = _Lexer(text).items
        self.index = 0
        self.token: list[_Item] = []  # peeked-back tokens (the last is next)
        self.last: _Item | None = None  # the most recently lexed item (Go's token[0])
        self.vars = ["$"]
        self.action_line = 0
        self.range_depth = 0

    # -- tokens
    def _lex(self) -> _Item:
        item = self.items[min(self.index, len(self.items) - 1)]
        self.index += 1
        self.last = item
        return item

    def next(self) -> _Item:
        if self.token:
            return self.token.pop()
        return self._lex()

    def backup(self, *items: _Item) -> None:
        """Push back items (the first given is the next returned)."""
        self.token.extend(reversed(items))

    def peek(self) -> _Item:
        item = self.next()
        self.backup(item)
        return item

    def next_non_space(self) -> _Item:
        while True:
            item = self.next()
            if item.typ != _SPACE:
                return item

    def peek_non_space(self) -> _Item:
        item = self.next_non_space()
        self.backup(item)
        return item

    # -- errors
    def errorf(self, msg: str) -> None:
        line = self.last.line if self.last is not None else 1
        raise ParseError(f"template: :{line}: {msg}")

    def unexpected(self, item: _Item, context: str) -> None:
        if item.typ == _ERROR:
            extra = ""
            if self.action_line and self.action_line != item.line:
                extra = f" in action started at :{self.action_line}"
                if item.val.endswith(" action"):
                    extra = extra[len(" in action"):]
            self.errorf(f"{item}{extra}")
        self.errorf(f"unexpected {item} in {context}")

    def expect(self, typ: int, context: str) -> _Item:
        item = self.next_non_space()
        if item.typ != typ:
            self.unexpected(item, context)
        return item

    # -- grammar
    def parse(self) -> _List:
        root = _List(self.peek().pos, [])
        while self.peek().typ != _EOF:
            if self.peek().typ == _LDELIM:
                delim = self.next()
                keyword = self.next_non_space()
                if keyword.typ == _DEFINE:
                    raise UnsupportedTemplate("{{define}}")
                self.backup(delim, keyword)
            n = self.text_or_action()
            if isinstance(n, (_End, _Else)):
                self.errorf(f"unexpected {n}")
            root.nodes.append(n)
        return root

    def item_list(self) -> tuple[_List, _Node]:
        lst = _List(self.peek_non_space().pos, [])
        while self.peek_non_space().typ != _EOF:
            n = self.text_or_action()
            if isinstance(n, (_End, _Else)):
                return lst, n
            lst.nodes.append(n)
        self.errorf("unexpected EOF")
        raise AssertionError

    def text_or_action(self) -> _Node:
        item = self.next_non_space()
        if item.typ == _TEXT:
            return _Text(item.pos, item.val)
        if item.typ == _LDELIM:
            self.action_line = item.line
            try:
                return self.action()
            finally:
                self.action_line = 0
        self.unexpected(item, "input")
        raise AssertionError

    def action(self) -> _Node:
        item = self.next_non_space()
        if item.typ in (_BLOCK, _TEMPLATE):
            raise UnsupportedTemplate("{{" + item.val + "}}")
        if item.typ in (_BREAK, _CONTINUE):
            nxt = self.next_non_space()
            if nxt.typ != _RDELIM:
                self.unexpected(nxt, "{{" + item.val + "}}")
            if self.range_depth == 0:
                self.errorf("{{" + item.val + "}} outside {{range}}")
            return _Break(item.pos) if item.typ == _BREAK else _Continue(item.pos)
        if item.typ == _ELSE:
            peek = self.peek_non_space()
            if peek.typ in (_IF, _WITH):
                return _Else(peek.pos, peek.line)
            tok = self.expect(_RDELIM, "else")
            return _Else(tok.pos, tok.line)
        if item.typ == _END:
            return _End(self.expect(_RDELIM, "end").pos)
        if item.typ in (_IF, _RANGE, _WITH):
            return self.control(item.val)
        self.backup(item)
        tok = self.peek()
        return _Action(tok.pos, tok.line, self.pipeline("command", _RDELIM))

    def control(self, context: str) -> _Control:
        mark = len(self.vars)
        try:
            pipe = self.pipeline(context, _RDELIM)
            if context == "range":
                self.range_depth += 1
            body, nxt = self.item_list()
            if context == "range":
                self.range_depth -= 1
            else_list: _List | None = None
            if isinstance(nxt, _Else):
                if context in ("if", "with") and self.peek().typ == (
                        _IF if context == "if" else _WITH):
                    self.next()
                    else_list = _List(nxt.pos, [self.control(context)])
                else:
                    else_list, end = self.item_list()
                    if not isinstance(end, _End):
                        self.errorf(f"expected end; found {end}")
            return _Control(pipe.pos, context, pipe.line, pipe, body, else_list)
        finally:
            del self.vars[mark:]

    def pipeline(self, context: str, end: int) -> _Pipe:
        tok = self.peek_non_space()
        pipe = _Pipe(tok.pos, tok.line)
        while True:  # declarations: "$x :=", "$x =", "range $k, $v :="
            v = self.peek_non_space()
            if v.typ != _VARIABLE:
                break
            self.next()
            after = self.peek()
            nxt = self.peek_non_space()
            if nxt.typ in (_ASSIGN, _DECLARE):
                pipe.is_assign = nxt.typ == _ASSIGN
                self.next_non_space()
                pipe.decl.append(_Variable(v.pos, [v.val]))
                self.vars.append(v.val)
            elif nxt.typ == _CHAR and nxt.val == ",":
                self.next_non_space()
                pipe.decl.append(_Variable(v.pos, [v.val]))
                self.vars.append(v.val)
                if context == "range" and len(pipe.decl) < 2:
                    if self.peek_non_space().typ in (_VARIABLE, _RDELIM, _RPAREN):
                        continue  # the second variable of a range
                    self.errorf("range can only initialize variables")
                self.errorf(f"too many declarations in {context}")
            elif after.typ == _SPACE:
                self.backup(v, after)  # "$x foo": $x is an argument after all
            else:
                self.backup(v)
            break
        while True:
            tok = self.next_non_space()
            if tok.typ == end:
                self.check_pipeline(pipe, context)
                return pipe
            if tok.typ in (_BOOL, _CHARCONST, _COMPLEX, _DOT, _FIELD, _IDENT, _NUMBER, _NIL,
                           _RAWSTRING, _STRING, _VARIABLE, _LPAREN):
                self.backup(tok)
                pipe.cmds.append(self.command())
            else:
                self.unexpected(tok, context)

    def check_pipeline(self, pipe: _Pipe, context: str) -> None:
        if not pipe.cmds:
            self.errorf(f"missing value for {context}")
        for i, c in enumerate(pipe.cmds[1:]):
            if isinstance(c.args[0], (_Bool, _Dot, _Nil, _Number, _String)):
                self.errorf(f"non executable command in pipeline stage {i + 2}")

    def command(self) -> _Command:
        cmd = _Command(self.peek_non_space().pos, [])
        while True:
            self.peek_non_space()
            operand = self.operand()
            if operand is not None:
                cmd.args.append(operand)
            tok = self.next()
            if tok.typ == _SPACE:
                continue
            if tok.typ in (_RDELIM, _RPAREN):
                self.backup(tok)
            elif tok.typ == _PIPE:
                pass
            else:
                self.unexpected(tok, "operand")
            break
        if not cmd.args:
            self.errorf("empty command")
        return cmd

    def operand(self) -> _Node | None:
        node = self.term()
        if node is None:
            return None
        if self.peek().typ == _FIELD:
            pos = self.peek().pos
            fields: list[str] = []
            while self.peek().typ == _FIELD:
                fields.append(self.next().val[1:])
            if isinstance(node, _Field):
                return _Field(pos, node.ident + fields)
            if isinstance(node, _Variable):
                return _Variable(pos, node.ident + fields)
            if isinstance(node, (_Bool, _String, _Number, _Nil, _Dot)):
                self.errorf(f"unexpected . after term {go_quote(str(node))}")
            return _Chain(pos, node, fields)
        return node

    def term(self) -> _Node | None:
        tok = self.next_non_space()
        if tok.typ == _IDENT:
            if tok.val not in self.funcs:
                self.errorf(f"function {go_quote(tok.val)} not defined")
            return _Identifier(tok.pos, tok.val)
        if tok.typ == _DOT:
            return _Dot(tok.pos)
        if tok.typ == _NIL:
            return _Nil(tok.pos)
        if tok.typ == _VARIABLE:
            if tok.val not in self.vars:
                self.errorf(f"undefined variable {go_quote(tok.val)}")
            return _Variable(tok.pos, [tok.val])
        if tok.typ == _FIELD:
            return _Field(tok.pos, [tok.val[1:]])
        if tok.typ == _BOOL:
            return _Bool(tok.pos, tok.val == "true")
        if tok.typ in (_CHARCONST, _COMPLEX, _NUMBER):
            return self.number(tok)
        if tok.typ == _LPAREN:
            return self.pipeline("parenthesized pipeline", _RPAREN)
        if tok.typ in (_STRING, _RAWSTRING):
            try:
                text = _go_unquote(tok.val)
            except ValueError:
                self.errorf("invalid syntax")
            return _String(tok.pos, tok.val, text)
        self.backup(tok)
        return None

    def number(self, tok: _Item) -> _Number:
        text = tok.val
        if tok.typ == _CHARCONST:
            try:
                ch = _go_unquote(text)
            except ValueError:
                self.errorf(f"malformed character constant: {text}")
            return _Number(tok.pos, text, ord(ch), True, True)
        if tok.typ == _COMPLEX or text.endswith("i"):
            raise UnsupportedTemplate(f"complex constant {text}")
        clean = text.replace("_", "")
        ivalue: int | None = None
        try:
            ivalue = int(clean, 0)
        except ValueError:
            if re.fullmatch(r"[+-]?0[0-7]+", clean):  # Go's octal 017
                ivalue = int(clean, 8)
        fvalue: float | None = None
        with contextlib.suppress(ValueError):
            fvalue = float.fromhex(clean) if "x" in clean.lower() else float(clean)
        if ivalue is not None:
            return _Number(tok.pos, text, ivalue, True, True)
        if fvalue is None:
            self.errorf(f"illegal number syntax: {go_quote(text)}")
        assert fvalue is not None
        integral = math.isfinite(fvalue) and fvalue == int(fvalue) and abs(fvalue) < 2**63
        return _Number(tok.pos, text, fvalue, integral, True)


# ============================================================================================
# Execution (text/template/exec.go, funcs.go)
# ============================================================================================


class _Break_(Exception):
    pass


class _Continue_(Exception):
    pass


_MISSING: Any = object()  # no final value from a previous pipeline stage


class _State:
    def __init__(self, tmpl: Template, raw: bool, missingkey_error: bool) -> None:
        self.tmpl = tmpl
        self.raw = raw
        self.missingkey_error = missingkey_error
        self.vars: list[tuple[str, Any]] = []
        self.node: _Node | None = None
        self.out: list[str] = []

    # -- errors
    def errorf(self, msg: str) -> None:
        text = self.tmpl.text
        if self.node is None:
            raise ExecError(f'template: : executing "" at <>: {msg}')
        pos = len(text[:self.node.pos].encode())
        before = text[:self.node.pos]
        line = 1 + before.count("\n")
        nl = before.rfind("\n")
        col = pos if nl < 0 else len(before[nl + 1:].encode())
        raise ExecError(f'template: :{line}:{col}: executing "" at <{self.node}>: {msg}')

    # -- variables
    def push(self, name: str, value: Any) -> None:
        self.vars.append((name, value))

    def set_var(self, name: str, value: Any) -> None:
        for i in range(len(self.vars) - 1, -1, -1):
            if self.vars[i][0] == name:
                self.vars[i] = (name, value)
                return
        self.errorf(f"undefined variable: {name}")

    def set_top_var(self, n: int, value: Any) -> None:
        self.vars[len(self.vars) - n] = (self.vars[len(self.vars) - n][0], value)

    def var_value(self, name: str) -> Any:
        for vname, value in reversed(self.vars):
            if vname == name:
                return value
        self.errorf(f"undefined variable: {name}")

    # -- walking
    def walk(self, dot: Any, node: _Node) -> None:
        self.node = node
        if isinstance(node, _Action):
            val = self.eval_pipeline(dot, node.pipe)
            if not node.pipe.decl:
                self.print_value(node, val)
        elif isinstance(node, _Text):
            self.out.append(node.text)
        elif isinstance(node, _List):
            for n in node.nodes:
                self.walk(dot, n)
        elif isinstance(node, _Control):
            if node.kind == "range":
                self.walk_range(dot, node)
            else:
                self.walk_if_or_with(dot, node)
        elif isinstance(node, _Break):
            raise _Break_()
        elif isinstance(node, _Continue):
            raise _Continue_()
        else:  # pragma: no cover
            self.errorf(f"unknown node: {node}")

    def walk_if_or_with(self, dot: Any, node: _Control) -> None:
        mark = len(self.vars)
        try:
            val = self.eval_pipeline(dot, node.pipe)
            if _truth(val):
                self.walk(val if node.kind == "with" else dot, node.body)
            elif node.else_list is not None:
                self.walk(dot, node.else_list)
        finally:
            del self.vars[mark:]

    def walk_range(self, dot: Any, r: _Control) -> None:
        self.node = r
        outer = len(self.vars)
        try:
            val = self.eval_pipeline(dot, r.pipe)
            mark = len(self.vars)
            if isinstance(val, dict) and not isinstance(val, GoMap) and not self.raw:
                self.errorf(f"range can't iterate over {_fmt_v(val)}")  # a struct
                items: list[tuple[Any, Any]] = []
            elif isinstance(val, dict):
                items = sorted(val.items())
            elif isinstance(val, (list, tuple)):
                items = list(enumerate(val))
            elif isinstance(val, int) and not isinstance(val, bool) and not self.raw:
                if len(r.pipe.decl) > 1:
                    self.errorf(f"can't use {val} to iterate over more than one variable")
                items = [(i, i) for i in range(val)]
            elif val is INVALID or val is None or isinstance(val, NilOf):
                items = []
            else:
                self.errorf(f"range can't iterate over {_fmt_v(val)}")
                items = []
            for index, elem in items:
                decl = r.pipe.decl
                if decl:
                    if r.pipe.is_assign:
                        self.set_var(decl[0].ident[0], index if len(decl) > 1 else elem)
                    else:
                        self.set_top_var(1, elem)
                if len(decl) > 1:
                    if r.pipe.is_assign:
                        self.set_var(decl[1].ident[0], elem)
                    else:
                        self.set_top_var(2, index)
                try:
                    self.walk(elem, r.body)
                except _Continue_:
                    pass
                finally:
                    del self.vars[mark:]
            if not items and r.else_list is not None:
                self.walk(dot, r.else_list)
        except _Break_:
            pass
        finally:
            del self.vars[outer:]

    def print_value(self, node: _Node, val: Any) -> None:
        self.node = node
        if isinstance(val, _GoFunc):
            self.errorf(f"can't print {node} of type func")
        if val is None and self.raw:  # a nil interface: evalPipeline digs it out, invalid
            val = INVALID
        self.out.append(_fmt_v(val))

    # -- evaluation
    def eval_pipeline(self, dot: Any, pipe: _Pipe) -> Any:
        self.node = pipe
        value = _MISSING
        for cmd in pipe.cmds:
            value = self.eval_command(dot, cmd, value)
        for var in pipe.decl:
            if pipe.is_assign:
                self.set_var(var.ident[0], value)
            else:
                self.push(var.ident[0], value)
        return value

    def not_a_function(self, args: list[_Node], final: Any) -> None:
        if len(args) > 1 or final is not _MISSING:
            self.errorf(f"can't give argument to non-function {args[0]}")

    def eval_command(self, dot: Any, cmd: _Command, final: Any) -> Any:
        first = cmd.args[0]
        if isinstance(first, _Field):
            return self.eval_field_node(dot, first, cmd.args, final)
        if isinstance(first, _Chain):
            return self.eval_chain_node(dot, first, cmd.args, final)
        if isinstance(first, _Identifier):
            return self.eval_function(dot, first, cmd, cmd.args, final)
        if isinstance(first, _Pipe):
            self.not_a_function(cmd.args, final)
            return self.eval_pipeline(dot, first)
        if isinstance(first, _Variable):
            return self.eval_variable_node(dot, first, cmd.args, final)
        self.node = first
        self.not_a_function(cmd.args, final)
        if isinstance(first, _Bool):
            return first.value
        if isinstance(first, _Dot):
            return dot
        if isinstance(first, _Nil):
            self.errorf("nil is not a command")
        if isinstance(first, _Number):
            return self.ideal_constant(first)
        if isinstance(first, _String):
            return first.text
        self.errorf(f"can't evaluate command {go_quote(str(first))}")
        raise AssertionError

    def ideal_constant(self, n: _Number) -> Any:
        self.node = n
        hex_int = n.text.lower().lstrip("+-").startswith("0x") and "p" not in n.text.lower()
        if (isinstance(n.value, float) and not hex_int and not n.text.startswith("'")
                and re.search(r"[.eEpP]", n.text)):
            return float(n.value)
        if n.is_int:
            return int(n.value)
        return float(n.value)

    def eval_field_node(self, dot: Any, f: _Field, args: list[_Node], final: Any) -> Any:
        self.node = f
        return self.eval_field_chain(dot, dot, f, f.ident, args, final)

    def eval_chain_node(self, dot: Any, chain: _Chain, args: list[_Node], final: Any) -> Any:
        self.node = chain
        if isinstance(chain.node, _Nil):
            self.errorf(f"indirection through explicit nil in {chain}")
        pipe = self.eval_arg(dot, "any", chain.node)
        return self.eval_field_chain(dot, pipe, chain, chain.fields, args, final)

    def eval_variable_node(self, dot: Any, v: _Variable, args: list[_Node], final: Any) -> Any:
        self.node = v
        value = self.var_value(v.ident[0])
        if len(v.ident) == 1:
            self.not_a_function(args, final)
            return value
        return self.eval_field_chain(dot, value, v, v.ident[1:], args, final)

    def eval_field_chain(self, dot: Any, receiver: Any, node: _Node, ident: list[str],
                         args: list[_Node], final: Any) -> Any:
        for i, name in enumerate(ident[:-1]):
            receiver = self.eval_field(dot, name, node, [], _MISSING, receiver, i == 0)
        return self.eval_field(dot, ident[-1], node, args, final, receiver, len(ident) == 1)

    def eval_field(self, dot: Any, name: str, node: _Node, args: list[_Node], final: Any,
                   receiver: Any, first: bool) -> Any:
        if receiver is INVALID:
            if self.missingkey_error:
                self.errorf(f"nil data; no entry for key {go_quote(name)}")
            return INVALID
        typ = ("map[string]interface {}" if self.raw and first and receiver is self.root
               else _type_name(receiver, self.raw))
        has_args = len(args) > 1 or final is not _MISSING
        if isinstance(receiver, GoStruct):
            if name in receiver.methods:
                fn = receiver.methods[name]
                return self.eval_call(dot, _GoFunc(fn, ("string",)), name, args, final,
                                      is_method=True)
            if receiver.is_map:
                if has_args:
                    self.errorf(f"{name} is not a method but has arguments")
                if name in receiver.fields:
                    return receiver.fields[name]
                if self.missingkey_error:
                    self.errorf(f"map has no entry for key {go_quote(name)}")
                return INVALID
            if name in receiver.fields:  # a method without parameters
                if has_args:
                    got = len(args) - 1 + (0 if final is _MISSING else 1)
                    self.errorf(f"wrong number of args for {name}: want 0 got {got}")
                return receiver.fields[name]
            self.errorf(f"can't evaluate field {name} in type {typ}")
        if receiver is None or isinstance(receiver, NilOf):
            kind = receiver.kind if isinstance(receiver, NilOf) else "interface"
            if kind == "map":
                if has_args:
                    self.errorf(f"{name} is not a method but has arguments")
                if self.missingkey_error:
                    self.errorf(f"map has no entry for key {go_quote(name)}")
                return INVALID
            self.errorf(f"nil pointer evaluating {typ}.{name}")
        if isinstance(receiver, GoMap) or (self.raw and isinstance(receiver, dict)):
            if has_args:
                self.errorf(f"{name} is not a method but has arguments")
            if name in receiver:
                return receiver[name]
            if self.missingkey_error:
                self.errorf(f"map has no entry for key {go_quote(name)}")
            return INVALID
        if isinstance(receiver, dict):  # a struct in a typed run
            if name in receiver:
                if has_args:
                    self.errorf(f"{name} has arguments but cannot be invoked as function")
                return receiver[name]
            # not a field netsim knows (or omitted by omitempty): the typed run fails and
            # docker retries on the raw JSON
            self.errorf(f"can't evaluate field {name} in type struct")
        self.errorf(f"can't evaluate field {name} in type {typ}")
        raise AssertionError

    root: Any = None

    def eval_function(self, dot: Any, node: _Identifier, cmd: _Node, args: list[_Node],
                      final: Any) -> Any:
        """A function call; its error names the whole command (``<index .Env 9>``)."""
        self.node = node
        fn = self.tmpl.funcs.get(node.name)
        if fn is None:
            self.errorf(f"{go_quote(node.name)} is not a defined function")
        assert fn is not None
        return self.eval_call(dot, fn, node.name, args, final, node=cmd)

    def eval_call(self, dot: Any, fn: _GoFunc, name: str, args: list[_Node], final: Any,
                  *, is_method: bool = False, node: _Node | None = None) -> Any:
        call_args = args[1:]
        num_in = len(call_args) + (0 if final is _MISSING else 1)
        params = fn.params
        if fn.variadic:
            num_fixed = len(params) - 1
            if num_in < num_fixed:
                self.errorf(f"wrong number of args for {name}: want at least {num_fixed} got "
                            f"{len(call_args)}")
        else:
            num_fixed = len(call_args)
            if num_in != len(params):
                self.errorf(f"wrong number of args for {name}: want {len(params)} got {num_in}")
        if name in ("and", "or") and not is_method:
            v: Any = INVALID
            for a in call_args:
                v = self.eval_arg(dot, "any", a)
                if _truth(v) == (name == "or"):
                    return v
            if final is not _MISSING:
                v = final
            return v
        argv: list[Any] = []
        i = 0
        while i < num_fixed and i < len(call_args):
            argv.append(self.eval_arg(dot, params[i], call_args[i]))
            i += 1
        if fn.variadic:
            while i < len(call_args):
                argv.append(self.eval_arg(dot, params[-1], call_args[i]))
                i += 1
        if final is not _MISSING:
            t = params[-1] if not fn.variadic or num_in - 1 >= num_fixed else params[num_in - 1]
            argv.append(self.validate_type(final, t))
        try:
            result = fn.fn(*argv)
        except _CallError as err:
            if node is not None:
                self.node = node
            self.errorf(f"error calling {name}: {err}")
            raise AssertionError from None
        return result

    def validate_type(self, value: Any, typ: str) -> Any:
        if value is INVALID:
            if typ == "any":
                return None
            self.errorf(f"invalid value; expected {typ}")
        if typ == "any":
            return value
        want = {"string": str, "int": int, "bool": bool, "[]string": list}[typ]
        ok = isinstance(value, want) and not (want is int and isinstance(value, bool))
        if want is str and isinstance(value, JsonNumber):
            ok = False
        if not ok:
            self.errorf(f"wrong type for value; expected {typ}; got {self._go_type(value)}")
        return value

    def _go_type(self, value: Any) -> str:
        if isinstance(value, JsonNumber):
            return "json.Number"
        if value is None:
            return "interface {}"
        if isinstance(value, NilOf):
            return {"map": "map[string]string", "slice": "[]string"}.get(value.kind, "*struct")
        return _type_name(value, False)

    def eval_arg(self, dot: Any, typ: str, n: _Node) -> Any:
        self.node = n
        if isinstance(n, _Dot):
            return self.validate_type(dot, typ)
        if isinstance(n, _Nil):
            if typ in ("any", "[]string"):
                return None
            self.errorf(f"cannot assign nil to {typ}")
        if isinstance(n, _Field):
            return self.validate_type(self.eval_field_node(dot, n, [n], _MISSING), typ)
        if isinstance(n, _Variable):
            return self.validate_type(self.eval_variable_node(dot, n, [], _MISSING), typ)
        if isinstance(n, _Pipe):
            return self.validate_type(self.eval_pipeline(dot, n), typ)
        if isinstance(n, _Identifier):
            return self.validate_type(self.eval_function(dot, n, n, [n], _MISSING), typ)
        if isinstance(n, _Chain):
            return self.validate_type(self.eval_chain_node(dot, n, [], _MISSING), typ)
        if typ == "any":
            if isinstance(n, _Bool):
                return n.value
            if isinstance(n, _Number):
                return self.ideal_constant(n)
            if isinstance(n, _String):
                return n.text
        if typ == "string" and isinstance(n, _String):
            return n.text
        if typ == "bool" and isinstance(n, _Bool):
            return n.value
        if typ == "int" and isinstance(n, _Number):
            if n.is_int:
                return int(n.value)
            self.errorf(f"expected integer; found {n}")
        if typ == "string":
            self.errorf(f"expected string; found {n}")
        if typ == "bool":
            self.errorf(f"expected bool; found {n}")
        if typ == "int":
            self.errorf(f"expected integer; found {n}")
        self.errorf(f"can't handle {n} for arg of type {typ}")
        raise AssertionError


def _truth(val: Any) -> bool:
    """Go's ``isTrue``: zero values are false, structs always true."""
    if val is INVALID or val is None or isinstance(val, NilOf):
        return False
    if isinstance(val, JsonNumber):
        return len(val) > 0
    if isinstance(val, (bool, int, float)):
        return bool(val)
    if isinstance(val, (str, list, tuple, GoMap)):
        return len(val) > 0
    return True  # structs, GoStruct


# ============================================================================================
# Functions (text/template/funcs.go; docker/cli templates/templates.go)
# ============================================================================================


class _CallError(Exception):
    """A function's error: ``error calling NAME: …``."""


def _kind(v: Any) -> str:
    if v is INVALID or v is None:
        return "invalid"
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int"
    if isinstance(v, float):
        return "float"
    if isinstance(v, str):
        return "string"
    return "other"


def _eq(arg1: Any, *args: Any) -> bool:
    k1 = _kind(arg1)
    if not args:
        raise _CallError("missing argument for comparison")
    for arg in args:
        k2 = _kind(arg)
        if k1 == "other" and k2 == "other":
            if not isinstance(arg1, (dict, list)) and not isinstance(arg, (dict, list)):
                if arg1 == arg:
                    return True
                continue
            raise _CallError("non-comparable types "
                             f"{_type_name(arg1, False)}: {_type_name(arg, False)}")
        if k1 == "invalid" and k2 == "invalid":
            return True
        if k1 == "other" or k2 == "other":
            raise _CallError("invalid type for comparison")
        if k1 != k2:
            if k1 == "invalid" or k2 == "invalid":
                if arg1 is arg:
                    return True
                continue
            raise _CallError("incompatible types for comparison")
        if arg1 == arg:
            return True
    return False


def _lt(a: Any, b: Any) -> bool:
    ka, kb = _kind(a), _kind(b)
    if ka not in ("int", "float", "string") or kb not in ("int", "float", "string"):
        raise _CallError("invalid type for comparison")
    if ka != kb:
        raise _CallError("incompatible types for comparison")
    return bool(a < b)


def _index(item: Any, *indexes: Any) -> Any:
    v = item
    if v is INVALID or v is None:
        raise _CallError("index of untyped nil")
    for ix in indexes:
        if isinstance(v, NilOf):
            if v.kind == "map":
                v = INVALID
                continue
            if v.kind == "slice":
                raise _CallError(f"index out of range: {ix}")
            raise _CallError("index of nil pointer")
        if isinstance(v, (list, tuple, str)):
            if ix is INVALID or ix is None:
                raise _CallError("cannot index slice/array with nil")
            if not isinstance(ix, int) or isinstance(ix, bool):
                raise _CallError(f"cannot index slice/array with type {_type_name(ix, False)}")
            if ix < 0 or ix >= len(v):
                raise _CallError(f"index out of range: {ix}")
            v = v[ix] if not isinstance(v, str) else ord(v[ix])
        elif isinstance(v, dict):
            if not isinstance(ix, str):
                raise _CallError(f"value has type {_type_name(ix, False)}; should be string")
            v = v[ix] if ix in v else getattr(v, "zero", None)
        elif v is INVALID:
            raise _CallError("index of untyped nil")
        else:
            raise _CallError(f"can't index item of type {_type_name(v, False)}")
    return v


def _len(item: Any) -> int:
    if item is INVALID or item is None:
        raise _CallError("len of nil pointer" if item is not INVALID else "len of untyped nil")
    if isinstance(item, NilOf):
        if item.kind in ("map", "slice"):
            return 0
        raise _CallError("len of nil pointer")
    if isinstance(item, (str, list, tuple, dict)):
        return len(item.encode()) if isinstance(item, str) else len(item)
    raise _CallError(f"len of type {_type_name(item, False)}")


def _slice(item: Any, *indexes: Any) -> Any:
    if not isinstance(item, (str, list, tuple)):
        raise _CallError(f"can't slice item of type {_type_name(item, False)}")
    if len(indexes) > 3:
        raise _CallError(f"too many slice indexes: {len(indexes)}")
    idx = [int(i) for i in indexes]
    n = len(item)
    start = idx[0] if idx else 0
    end = idx[1] if len(idx) > 1 else n
    if start < 0 or end > n or start > end:
        raise _CallError(f"index out of range: {end if end > n else start}")
    return item[start:end]


def _sprint(*args: Any) -> str:
    """``fmt.Sprint``: a space between operands when neither is a string."""
    out: list[str] = []
    for i, a in enumerate(args):
        if i > 0 and not isinstance(a, str) and not isinstance(args[i - 1], str):
            out.append(" ")
        out.append(_fmt_v(a, False))
    return "".join(out)


def _sprintln(*args: Any) -> str:
    return " ".join(_fmt_v(a, False) for a in args) + "\n"


_VERB = re.compile(r"%([-+# 0]*)(\*|\d+)?(?:\.(\*|\d+)?)?([a-zA-Z%])")


def _sprintf(fmt: str, *args: Any) -> str:
    """``fmt.Sprintf`` for the verbs templates use (``%s %d %v %q %t %x %X %f %g %e %c``)."""
    out: list[str] = []
    pos = 0
    argi = 0
    for m in _VERB.finditer(fmt):
        out.append(fmt[pos:m.start()])
        pos = m.end()
        flags, width_s, prec_s, verb = m.groups()
        if verb == "%":
            out.append("%")
            continue
        if argi >= len(args):
            out.append(f"%!{verb}(MISSING)")
            continue
        a = args[argi]
        argi += 1
        text = _fmt_verb(verb, a, flags, int(prec_s) if prec_s and prec_s != "*" else None)
        width = int(width_s) if width_s and width_s != "*" else 0
        if len(text) < width:
            if "-" in flags:
                text = text.ljust(width)
            elif "0" in flags and verb in "dfxXeg":
                sign = text[0] if text[:1] in "+-" else ""
                text = sign + text[len(sign):].rjust(width - len(sign), "0")
            else:
                text = text.rjust(width)
        out.append(text)
    out.append(fmt[pos:])
    if argi < len(args):
        extra = ", ".join(f"{_go_type_name(a)}={_fmt_v(a, False)}" for a in args[argi:])
        out.append(f"%!(EXTRA {extra})")
    return "".join(out)


def _go_type_name(a: Any) -> str:
    return _type_name(a, False) if not isinstance(a, JsonNumber) else "json.Number"


def _fmt_verb(verb: str, a: Any, flags: str, prec: int | None) -> str:
    bad = f"%!{verb}({_go_type_name(a)}={_fmt_v(a, False)})"
    if verb == "v":
        return _fmt_v(a, False) if a is not INVALID else "<invalid reflect.Value>"
    if verb == "T":
        return "<nil>" if a is None or a is INVALID else _go_type_name(a)
    if verb == "s":
        if isinstance(a, (int, float)) and not isinstance(a, bool):
            return bad
        s = _fmt_v(a, False)
        return s[:prec] if prec is not None else s
    if verb == "q":
        if isinstance(a, str):
            return go_quote(a)
        if isinstance(a, int) and not isinstance(a, bool):
            return "'" + chr(a) + "'"
        return bad
    if verb == "t":
        return ("true" if a else "false") if isinstance(a, bool) else bad
    if verb in "dxXocb" and isinstance(a, int) and not isinstance(a, bool):
        if verb == "d":
            s = str(a)
            return ("+" + s if "+" in flags and a >= 0 else " " + s if " " in flags and a >= 0
                    else s)
        if verb == "c":
            return chr(a)
        base = {"x": "x", "X": "X", "o": "o", "b": "b"}[verb]
        s = format(a, base)
        return ("0x" if verb == "x" else "0X" if verb == "X" else "") + s if "#" in flags else s
    if verb in "xX" and isinstance(a, str):
        s = a.encode().hex()
        return s.upper() if verb == "X" else s
    if verb in "feEgG" and isinstance(a, (int, float)) and not isinstance(a, bool):
        if isinstance(a, int):
            return bad
        if verb == "f":
            return f"{a:.{6 if prec is None else prec}f}"
        if verb in "eE":
            s = f"{a:.{6 if prec is None else prec}e}"
            return s.upper() if verb == "E" else s
        return _float_v(a) if prec is None else f"{a:.{prec}g}"
    return bad


def _title(s: str) -> str:
    """``strings.Title``: upper-case the first letter of each word."""
    out = []
    prev = " "
    for ch in s:
        out.append(ch.upper() if not (prev.isalnum() or prev == "_" or prev == "'") else ch)
        prev = ch
    return "".join(out)


def _split(s: str, sep: str) -> list[str]:
    if sep == "":
        return list(s)
    return s.split(sep)


def _join(elems: Any, sep: str) -> str:
    return sep.join(str(e) for e in elems or [])


def _pad(source: str, prefix: int, suffix: int) -> str:
    return source if source == "" else " " * prefix + source + " " * suffix


def _truncate(source: str, length: int) -> str:
    b = source.encode()
    return source if len(b) < length else b[:length].decode(errors="replace")


def _js(*args: Any) -> str:
    s = _sprint(*args) if not (len(args) == 1 and isinstance(args[0], str)) else args[0]
    repl = {"\\": "\\\\", "'": "\\'", '"': "\\u0022", "<": "\\u003C", ">": "\\u003E",
            "&": "\\u0026", "=": "\\u003D", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
    return "".join(repl.get(ch, ch) for ch in s)


def _html_escape(*args: Any) -> str:
    s = _sprint(*args) if not (len(args) == 1 and isinstance(args[0], str)) else args[0]
    return _html.escape(s, quote=True).replace("&#x27;", "&#39;").replace("&quot;", "&#34;")


def _urlquery(*args: Any) -> str:
    s = _sprint(*args) if not (len(args) == 1 and isinstance(args[0], str)) else args[0]
    return urllib.parse.quote_plus(s, safe="")


def _not_supported(*_: Any) -> Any:
    raise UnsupportedTemplate("call")


#: text/template's builtins (funcs.go builtins)
BUILTINS: dict[str, _GoFunc] = {
    "and": _GoFunc(lambda *a: a[-1], ("any", "any"), variadic=True),
    "or": _GoFunc(lambda *a: a[-1], ("any", "any"), variadic=True),
    "not": _GoFunc(lambda a: not _truth(a), ("any",)),
    "call": _GoFunc(_not_supported, ("any", "any"), variadic=True),
    "eq": _GoFunc(_eq, ("any", "any"), variadic=True),
    "ne": _GoFunc(lambda a, b: not _eq(a, b), ("any", "any")),
    "lt": _GoFunc(_lt, ("any", "any")),
    "le": _GoFunc(lambda a, b: _lt(a, b) or _eq(a, b), ("any", "any")),
    "gt": _GoFunc(lambda a, b: not (_lt(a, b) or _eq(a, b)), ("any", "any")),
    "ge": _GoFunc(lambda a, b: not _lt(a, b), ("any", "any")),
    "index": _GoFunc(_index, ("any", "any"), variadic=True),
    "slice": _GoFunc(_slice, ("any", "any"), variadic=True),
    "len": _GoFunc(_len, ("any",)),
    "print": _GoFunc(_sprint, ("any",), variadic=True),
    "printf": _GoFunc(_sprintf, ("string", "any"), variadic=True),
    "println": _GoFunc(_sprintln, ("any",), variadic=True),
    "html": _GoFunc(_html_escape, ("any",), variadic=True),
    "js": _GoFunc(_js, ("any",), variadic=True),
    "urlquery": _GoFunc(_urlquery, ("any",), variadic=True),
}

#: docker/cli templates.basicFunctions, over the builtins
DOCKER_FUNCS: dict[str, _GoFunc] = {
    **BUILTINS,
    "json": _GoFunc(go_json, ("any",)),
    "split": _GoFunc(_split, ("string", "string")),
    "join": _GoFunc(_join, ("[]string", "string")),
    "title": _GoFunc(_title, ("string",)),
    "lower": _GoFunc(str.lower, ("string",)),
    "upper": _GoFunc(str.upper, ("string",)),
    "pad": _GoFunc(_pad, ("string", "int", "int")),
    "truncate": _GoFunc(_truncate, ("string", "int")),
}

#: templates.HeaderFunctions: a table header keeps the column names as they are
HEADER_FUNCS: dict[str, _GoFunc] = {
    **DOCKER_FUNCS,
    "json": _GoFunc(lambda v: v, ("string",)),
    "split": _GoFunc(lambda v, _: v, ("string", "string")),
    "join": _GoFunc(lambda v, _: v, ("string", "string")),
    "title": _GoFunc(lambda v: v, ("string",)),
    "lower": _GoFunc(lambda v: v, ("string",)),
    "upper": _GoFunc(lambda v: v, ("string",)),
    "truncate": _GoFunc(lambda v, _: v, ("string", "int")),
}


# ============================================================================================
# The API
# ============================================================================================


@dataclass
class Template:
    """A parsed template."""

    text: str
    root: _List
    funcs: Mapping[str, _GoFunc]

    def execute(self, data: Any, *, raw: bool = False, missingkey_error: bool = False,
                funcs: Mapping[str, _GoFunc] | None = None, partial: bool = False) -> str:
        """Run the template on ``data``; ExecError with Go's text when it fails (with
        ``partial``: what was written before the error, as Go leaves it in the writer)."""
        tmpl = self if funcs is None else Template(self.text, self.root, funcs)
        state = _State(tmpl, raw, missingkey_error)
        state.root = data
        state.push("$", data)
        try:
            state.walk(data, self.root)
        except (_Break_, _Continue_):  # pragma: no cover - the parser forbids them outside
            pass
        except ExecError:
            if not partial:
                raise
        return "".join(state.out)


def parse(text: str, funcs: Mapping[str, _GoFunc] = DOCKER_FUNCS) -> Template:
    """Parse like docker's ``templates.Parse``; ParseError with Go's text when it fails."""
    p = _Parser(text, funcs)
    try:
        root = p.parse()
    except ParseError:
        raise
    return Template(text, root, funcs)


def render(template: str | Template, data: Any) -> str:
    """What ``docker inspect -f`` prints for one object (without the newline).

    The typed run first; when it fails, the raw run with ``missingkey=error``, whose error is
    the one docker reports (cli/command/inspect/inspector.go ``tryRawInspectFallback``).
    """
    tmpl = parse(template) if isinstance(template, str) else template
    try:
        return tmpl.execute(typed(data))
    except ExecError:
        return tmpl.execute(_raw(data), raw=True, missingkey_error=True)
