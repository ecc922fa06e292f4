"""Go's printing of template values: fmt's ``%v`` and ``Sprint``/``Sprintf``/``Sprintln``,
strconv.Quote as text/template uses it, and encoding/json's ``Marshal`` (docker's ``json``)."""

from __future__ import annotations

import math
import re
from typing import Any

from netsim.golang.quote import go_quote
from netsim.golang.template.values import INVALID, GoMap, GoStruct, JsonNumber, JsonStruct, NilOf

__all__ = ["float_v", "fmt_v", "go_json", "go_quote", "sprint", "sprintf", "sprintln", "type_name"]


def fmt_v(value: Any, top: bool = True) -> str:
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
        return float_v(value)
    if isinstance(value, GoMap):
        return "map[" + " ".join(f"{fmt_v(k, False)}:{fmt_v(v, False)}"
                                 for k, v in sorted(value.items())) + "]"
    if isinstance(value, dict):  # a struct
        return "{" + " ".join(fmt_v(v, False) for v in value.values()) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + " ".join(fmt_v(v, False) for v in value) + "]"
    if isinstance(value, GoStruct):
        return "&{" + " ".join(fmt_v(v, False) for v in value.fields.values()) + "}"
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


def float_v(f: float) -> str:
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
    if isinstance(value, GoStruct | JsonStruct):
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


def type_name(value: Any, raw: bool) -> str:
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



def sprint(*args: Any) -> str:
    """``fmt.Sprint``: a space between operands when neither is a string."""
    out: list[str] = []
    for i, a in enumerate(args):
        if i > 0 and not isinstance(a, str) and not isinstance(args[i - 1], str):
            out.append(" ")
        out.append(fmt_v(a, False))
    return "".join(out)


def sprintln(*args: Any) -> str:
    """``fmt.Sprintln``: the operands with spaces between, and a newline."""
    return " ".join(fmt_v(a, False) for a in args) + "\n"


_VERB = re.compile(r"%([-+# 0]*)(\*|\d+)?(?:\.(\*|\d+)?)?([a-zA-Z%])")


def sprintf(fmt: str, *args: Any) -> str:
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
        extra = ", ".join(f"{_go_type_name(a)}={fmt_v(a, False)}" for a in args[argi:])
        out.append(f"%!(EXTRA {extra})")
    return "".join(out)


def _go_type_name(a: Any) -> str:
    return type_name(a, False) if not isinstance(a, JsonNumber) else "json.Number"


def _fmt_verb(verb: str, a: Any, flags: str, prec: int | None) -> str:
    bad = f"%!{verb}({_go_type_name(a)}={fmt_v(a, False)})"
    if verb == "v":
        return fmt_v(a, False) if a is not INVALID else "<invalid reflect.Value>"
    if verb == "T":
        return "<nil>" if a is None or a is INVALID else _go_type_name(a)
    if verb == "s":
        if isinstance(a, (int, float)) and not isinstance(a, bool):
            return bad
        s = fmt_v(a, False)
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
        return float_v(a) if prec is None else f"{a:.{prec}g}"
    return bad
