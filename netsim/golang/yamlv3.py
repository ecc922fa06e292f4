"""YAML as Go's ``gopkg.in/yaml.v3`` writes it (``Encoder.SetIndent(2)``, as Docker Compose's
``config`` command uses it): the scalar styles yaml.v3 and its libyaml emitter choose, and the
block layout of mappings and sequences.

Mappings are written in the order of the dict given (a caller orders a Go struct's fields as
the struct declares them, a Go map's keys sorted). PyYAML's emitter differs in the details that
show: it would quote ``"8080"`` with single quotes, write ``yes`` plain and indent sequences
differently.

Scalar rules (yaml.v3 ``encode.go`` ``stringv``; libyaml ``emitter.c``
``yaml_emitter_analyze_scalar`` and ``yaml_emitter_select_scalar_style``):

* a string that would read back as another type (``"8080"``, ``"true"``, ``""``, ``"1.5"``) or
  as a YAML 1.1 boolean (``"yes"``, ``"off"``) is double-quoted;
* a string with a line break is a literal block (``|-`` without a final newline, ``|`` with
  one);
* a string plain style cannot carry (a leading indicator such as ``*``, ``&``, ``-`` + space,
  ``: `` or `` #`` inside, leading or trailing spaces) is single-quoted, or double-quoted when
  it holds characters single quotes cannot;
* ``None`` is ``null``, booleans ``true``/``false``.

>>> print(marshal({"name": "shop", "ports": [{"target": 80, "published": "8080"}],
...                "env": {"A": "yes", "B": "a: b", "C": ""}}), end="")
name: shop
ports:
  - target: 80
    published: "8080"
env:
  A: "yes"
  B: 'a: b'
  C: ""
"""

from __future__ import annotations

import math
import re
from typing import Any

__all__ = ["marshal", "quote_scalar", "resolve_plain"]

_OLD_BOOL = {"y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO",
             "on", "On", "ON", "off", "Off", "OFF"}
_RESOLVES = re.compile(
    r"""(?x)
    |~|null|Null|NULL|true|True|TRUE|false|False|FALSE
    |[-+]?(0|[1-9][0-9_]*)
    |0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+
    |[-+]?(\.[0-9]+|[0-9][0-9_]*(\.[0-9_]*)?)([eE][-+]?[0-9]+)?
    |[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)
    |<<
    """)
_BASE60 = re.compile(r"[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?")
_INDICATORS = set("#,[]{}&*!|>'\"%@`")


# yaml.v3 resolve.go: what a plain scalar decodes to in an interface{}
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False,
         "FALSE": False}
_NULL = {"", "~", "null", "Null", "NULL"}
_SPECIAL_FLOAT = {".inf": float("inf"), "+.inf": float("inf"), "-.inf": float("-inf"),
                  ".Inf": float("inf"), "+.Inf": float("inf"), "-.Inf": float("-inf"),
                  ".INF": float("inf"), "+.INF": float("inf"), "-.INF": float("-inf"),
                  ".nan": float("nan"), ".NaN": float("nan"), ".NAN": float("nan")}
_GO_INT = re.compile(r"[-+]?(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)")
_GO_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?")


def _go_parse_int(text: str) -> int | None:
    """Go's ``strconv.ParseInt(text, 0, 64)``: a sign, then ``0x``, ``0o``, ``0b`` or a
    leading ``0`` (octal) or decimal digits; None when it does not parse."""
    if not _GO_INT.fullmatch(text):
        return None
    sign = -1 if text[0] == "-" else 1
    body = text.lstrip("+-")
    if len(body) > 1 and body[0] == "0":
        base = {"x": 16, "o": 8, "b": 2}.get(body[1].lower(), 8)
        digits = body[2:] if base != 8 or body[1] in "oO" else body[1:]
        value = int(digits or "0", base)
    else:
        value = int(body)
    value *= sign
    return value if -(2 ** 63) <= value < 2 ** 63 else None


def resolve_plain(text: str) -> Any:
    """A plain (unquoted, untagged) scalar as yaml.v3 decodes it into ``interface{}``: nulls,
    the YAML 1.2 booleans, then for text starting with a digit, sign or dot Go's
    ``ParseInt(…, 0, 64)`` then ``ParseFloat`` (after removing ``_``), then YAML's special
    floats; anything else (``yes``, ``on``, ``2024-01-01``) is a string."""
    if text in _NULL:
        return None
    if text in _BOOL:
        return _BOOL[text]
    if text in _SPECIAL_FLOAT:
        return _SPECIAL_FLOAT[text]
    if text and (text[0].isdigit() or text[0] in "+-."):
        plain = text.replace("_", "")
        number = _go_parse_int(plain)
        if number is not None:
            return number
        if _GO_FLOAT.fullmatch(plain):
            return float(plain)
    return text


def _plain_allowed(s: str) -> bool:
    """libyaml's analysis of a scalar for the plain style in block context."""
    if s.startswith(("---", "...")):
        return False
    if s[0] in _INDICATORS or s[0] in " \t":
        return False
    if s[0] in "-?:" and (len(s) == 1 or s[1] in " \t"):
        return False
    if s[-1] in " \t":
        return False
    if ": " in s or " #" in s or s.endswith(":") or "\t" in s:
        return False
    return all(ch.isprintable() for ch in s)


def _double(s: str) -> str:
    out = []
    for ch in s:
        if ch == '"':
            out.append('\\"')
        elif ch == "\\":
            out.append("\\\\")
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif not ch.isprintable():
            code = ord(ch)
            out.append(f"\\x{code:02X}" if code <= 0xFF else f"\\u{code:04X}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def quote_scalar(s: str) -> str:
    """A one-line string as yaml.v3 writes it (no line breaks; see :func:`marshal`)."""
    if (_RESOLVES.fullmatch(s) or s in _OLD_BOOL or _BASE60.fullmatch(s)
            or not isinstance(resolve_plain(s), str)):
        return _double(s)
    if _plain_allowed(s):
        return s
    if all(ch.isprintable() for ch in s):
        return "'" + s.replace("'", "''") + "'"
    return _double(s)


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        if math.isnan(value):
            return ".nan"
        return repr(value) if not value.is_integer() else str(int(value))
    return quote_scalar(str(value))


def _block_text(s: str, indent: str) -> list[str]:
    chomp = "" if s.endswith("\n") else "-"
    body = s[:-1] if s.endswith("\n") else s
    lead = "2" if body.startswith(" ") else ""
    return [f"|{lead}{chomp}", *[(indent + line) if line else "" for line in body.split("\n")]]


def _emit_map(d: dict[Any, Any], indent: int, out: list[str], first: str | None = None) -> None:
    """A mapping's entries at ``indent``; ``first`` is the text that starts the first line
    (``- `` for a mapping inside a sequence)."""
    for i, (k, v) in enumerate(d.items()):
        lead = first if i == 0 and first is not None else " " * indent
        _entry(f"{lead}{quote_scalar(str(k))}:", v, indent, out)


def _emit_list(items: list[Any], indent: int, out: list[str]) -> None:
    """A sequence's items at ``indent``."""
    for item in items:
        dash = " " * indent + "-"
        if isinstance(item, dict) and item:
            _emit_map(item, indent + 2, out, first=dash + " ")
        else:
            _entry(dash, item, indent + 2, out)


def _entry(head: str, value: Any, indent: int, out: list[str]) -> None:
    """``head`` (``key:`` or ``-``) followed by ``value``, whose own lines (if any) are at
    ``indent + 2``."""
    if isinstance(value, dict) and value:
        out.append(head)
        _emit_map(value, indent + 2, out)
    elif isinstance(value, list) and value:
        out.append(head)
        _emit_list(value, indent + 2, out)
    elif isinstance(value, dict):
        out.append(f"{head} {{}}")
    elif isinstance(value, list):
        out.append(f"{head} []")
    elif isinstance(value, str) and "\n" in value:
        lines = _block_text(value, " " * (indent + 2))
        out.append(f"{head} {lines[0]}")
        out.extend(lines[1:])
    else:
        out.append(f"{head} {_scalar(value)}")


def marshal(value: Any) -> str:
    """``value`` (dicts, lists, scalars) as yaml.v3 with indent 2 writes it, ending in a
    newline."""
    out: list[str] = []
    if isinstance(value, dict) and value:
        _emit_map(value, 0, out)
    elif isinstance(value, list) and value:
        _emit_list(value, 0, out)
    else:
        _entry("", value, 0, out)
        out[0] = out[0].lstrip()
    return "\n".join(out) + "\n"
