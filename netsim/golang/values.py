"""Go's parsing of values: strconv (ParseBool, Atoi, ParseInt, ParseUint, ParseFloat),
time.ParseDuration, go-units RAMInBytes and math/big's Rat.SetString.

Each function behaves as the Go one does on a 64-bit platform (Go 1.25), including its error:
:class:`NumError` (a :class:`GoError`) whose text is Go's ``Error()``, e.g.
``strconv.ParseBool: parsing "yes": invalid syntax``.  :func:`go_int` and
:func:`go_parse_uint` raise ValueError with that text instead.

    >>> parse_bool("T"), atoi("-12"), parse_int("0x1_0", 0, 64), parse_duration("1.5s")
    (True, -12, 16, 1500000000)
    >>> parse_bool("yes")
    Traceback (most recent call last):
        ...
    netsim.golang.values.NumError: strconv.ParseBool: parsing "yes": invalid syntax
"""

from __future__ import annotations

import math
import re
from fractions import Fraction

from netsim.golang.quote import go_quote, time_quote
from netsim.golang.text import from_bytes, to_bytes

__all__ = [
    "BINARY_UNITS",
    "DURATION_UNITS",
    "ERR_RANGE",
    "ERR_SYNTAX",
    "GoError",
    "NumError",
    "atoi",
    "float_to_int64",
    "go_big_int",
    "go_int",
    "go_parse_uint",
    "parse_bool",
    "parse_duration",
    "parse_float",
    "parse_int",
    "parse_uint",
    "ram_in_bytes",
    "rat_set_string",
    "underscore_ok",
]


class GoError(Exception):
    """An error value of the Go code being reproduced; ``str()`` is its ``Error()`` text."""


class NumError(GoError):
    """strconv.NumError: ``strconv.{func}: parsing {quoted num}: {err}``."""

    def __init__(self, func: str, num: str, err: str) -> None:
        self.func = func
        self.num = num
        self.err = err
        super().__init__(f"strconv.{func}: parsing {go_quote(num)}: {err}")


#: strconv.ErrSyntax's text
ERR_SYNTAX = "invalid syntax"
#: strconv.ErrRange's text
ERR_RANGE = "value out of range"


def lower_ascii(c: int) -> int:
    """The lower-case of an ASCII letter byte (strconv's ``lower``)."""
    return c | 0x20


def underscore_ok(s: bytes) -> bool:
    """strconv's underscoreOK: whether the underscores of a number literal are well placed."""
    saw = "^"
    i = 0
    if len(s) >= 1 and s[0] in b"+-":
        s = s[1:]
    hexa = False
    if len(s) >= 2 and s[0] == 0x30 and lower_ascii(s[1]) in b"box":
        i = 2
        saw = "0"
        hexa = lower_ascii(s[1]) == ord("x")
    while i < len(s):
        c = s[i]
        if 0x30 <= c <= 0x39 or (hexa and ord("a") <= lower_ascii(c) <= ord("f")):
            saw = "0"
        elif c == ord("_"):
            if saw != "0":
                return False
            saw = "_"
        else:
            if saw == "_":
                return False
            saw = "!"
        i += 1
    return saw != "_"


def parse_uint(s: str, base: int, bit_size: int, func: str = "ParseUint") -> int:
    """strconv.ParseUint."""
    if s == "":
        raise NumError(func, s, ERR_SYNTAX)
    b = to_bytes(s)
    base0 = base == 0
    if base == 0:
        base = 10
        if b[0] == 0x30:
            if len(b) >= 3 and lower_ascii(b[1]) == ord("b"):
                base, b = 2, b[2:]
            elif len(b) >= 3 and lower_ascii(b[1]) == ord("o"):
                base, b = 8, b[2:]
            elif len(b) >= 3 and lower_ascii(b[1]) == ord("x"):
                base, b = 16, b[2:]
            else:
                base, b = 8, b[1:]
    max_val = (1 << bit_size) - 1
    cutoff = ((1 << 64) - 1) // base + 1
    underscores = False
    n = 0
    for c in b:
        if c == ord("_") and base0:
            underscores = True
            continue
        if 0x30 <= c <= 0x39:
            d = c - 0x30
        elif ord("a") <= lower_ascii(c) <= ord("z"):
            d = lower_ascii(c) - ord("a") + 10
        else:
            raise NumError(func, s, ERR_SYNTAX)
        if d >= base:
            raise NumError(func, s, ERR_SYNTAX)
        if n >= cutoff:
            raise NumError(func, s, ERR_RANGE)
        n *= base
        n1 = n + d
        if n1 > max_val:
            raise NumError(func, s, ERR_RANGE)
        n = n1
    if underscores and not underscore_ok(to_bytes(s)):
        raise NumError(func, s, ERR_SYNTAX)
    return n


def parse_int(s: str, base: int, bit_size: int) -> int:
    """strconv.ParseInt."""
    if s == "":
        raise NumError("ParseInt", s, ERR_SYNTAX)
    neg = False
    body = s
    if s[0] == "+":
        body = s[1:]
    elif s[0] == "-":
        neg, body = True, s[1:]
    try:
        un = parse_uint(body, base, bit_size)
    except NumError as e:
        if e.err != ERR_RANGE:
            raise NumError("ParseInt", s, e.err) from None
        un = (1 << bit_size) - 1
    cutoff = 1 << (bit_size - 1)
    if not neg and un >= cutoff:
        raise NumError("ParseInt", s, ERR_RANGE)
    if neg and un > cutoff:
        raise NumError("ParseInt", s, ERR_RANGE)
    return -un if neg else un


def go_int(s: str) -> int:
    """A pflag ``int`` flag's value (strconv.ParseInt base 0: ``0x1``, ``0o7``, ``1_000``);
    ValueError for what pflag refuses."""
    try:
        return parse_int(s, 0, 64)
    except NumError as e:
        raise ValueError(str(e)) from None


def go_parse_uint(s: str, bit_size: int = 64) -> int:
    """strconv.ParseUint(s, 10, bit_size); ValueError with Go's text (``strconv.ParseUint:
    parsing "abc": invalid syntax``)."""
    try:
        return parse_uint(s, 10, bit_size)
    except NumError as e:
        raise ValueError(str(e)) from None


def atoi(s: str) -> int:
    """strconv.Atoi on a 64-bit platform."""
    b = to_bytes(s)
    if 0 < len(b) < 19:
        body = b
        if b[0] in b"+-":
            body = b[1:]
            if len(body) < 1:
                raise NumError("Atoi", s, ERR_SYNTAX)
        n = 0
        for c in body:
            if not 0x30 <= c <= 0x39:
                raise NumError("Atoi", s, ERR_SYNTAX)
            n = n * 10 + c - 0x30
        return -n if b[0] == ord("-") else n
    try:
        return parse_int(s, 10, 64)
    except NumError as e:
        raise NumError("Atoi", s, e.err) from None


def parse_bool(s: str) -> bool:
    """strconv.ParseBool."""
    if s in ("1", "t", "T", "TRUE", "true", "True"):
        return True
    if s in ("0", "f", "F", "FALSE", "false", "False"):
        return False
    raise NumError("ParseBool", s, ERR_SYNTAX)


def parse_float(s: str) -> float:
    """strconv.ParseFloat(s, 64)."""
    b = to_bytes(s)
    i = 0
    n = len(b)
    if i < n and b[i] in b"+-":
        i += 1
    rest = b[i:].lower()
    if rest in (b"inf", b"infinity"):
        return -math.inf if b[:1] == b"-" else math.inf
    if i == 0 and rest == b"nan":
        return math.nan
    base = 10
    if i + 2 < n and b[i] == 0x30 and lower_ascii(b[i + 1]) == ord("x"):
        base = 16
        i += 2
    exp_char = ord("p") if base == 16 else ord("e")
    underscores = saw_dot = saw_digits = False
    while i < n:
        c = b[i]
        if c == ord("_"):
            underscores = True
        elif c == ord("."):
            if saw_dot:
                break
            saw_dot = True
        elif 0x30 <= c <= 0x39 or (base == 16 and ord("a") <= lower_ascii(c) <= ord("f")):
            saw_digits = True
        else:
            break
        i += 1
    if not saw_digits:
        raise NumError("ParseFloat", s, ERR_SYNTAX)
    if i < n and lower_ascii(b[i]) == exp_char:
        i += 1
        if i >= n:
            raise NumError("ParseFloat", s, ERR_SYNTAX)
        if b[i] in b"+-":
            i += 1
        if i >= n or not 0x30 <= b[i] <= 0x39:
            raise NumError("ParseFloat", s, ERR_SYNTAX)
        while i < n and (0x30 <= b[i] <= 0x39 or b[i] == ord("_")):
            if b[i] == ord("_"):
                underscores = True
            i += 1
    elif base == 16:
        raise NumError("ParseFloat", s, ERR_SYNTAX)
    if i != n or (underscores and not underscore_ok(b[:i])):
        raise NumError("ParseFloat", s, ERR_SYNTAX)
    clean = b.replace(b"_", b"").decode("ascii")
    value = float.fromhex(clean) if base == 16 else float(clean)
    if math.isinf(value):
        raise NumError("ParseFloat", s, ERR_RANGE)
    return value


def float_to_int64(x: float) -> int:
    """Go's int64(float64) on amd64 (out-of-range and NaN give the minimum int64)."""
    if math.isnan(x) or x >= 2.0**63 or x < -(2.0**63):
        return -(1 << 63)
    return int(x)


#: time.ParseDuration's units, in nanoseconds
DURATION_UNITS = {"ns": 1, "us": 1000, "\u00b5s": 1000, "\u03bcs": 1000, "ms": 1000_000,
                   "s": 1000_000_000, "m": 60 * 1000_000_000, "h": 3600 * 1000_000_000}


def parse_duration(orig: str) -> int:
    """time.ParseDuration (returns nanoseconds)."""
    invalid = GoError("time: invalid duration " + time_quote(orig))
    s = to_bytes(orig)
    neg = False
    if s and s[0] in b"+-":
        neg = s[0] == ord("-")
        s = s[1:]
    if s == b"0":
        return 0
    if not s:
        raise invalid
    total = 0
    while s:
        if not (s[0] == ord(".") or 0x30 <= s[0] <= 0x39):
            raise invalid
        i = 0
        v = 0
        while i < len(s) and 0x30 <= s[i] <= 0x39:
            if v > (1 << 63) // 10:
                raise invalid
            v = v * 10 + s[i] - 0x30
            if v > 1 << 63:
                raise invalid
            i += 1
        pre = i > 0
        s = s[i:]
        post = False
        f, scale = 0, 1.0
        if s and s[0] == ord("."):
            s = s[1:]
            i = 0
            overflow = False
            while i < len(s) and 0x30 <= s[i] <= 0x39:
                if not overflow:
                    if f > ((1 << 63) - 1) // 10:
                        overflow = True
                    else:
                        y = f * 10 + s[i] - 0x30
                        if y > 1 << 63:
                            overflow = True
                        else:
                            f = y
                            scale *= 10
                i += 1
            post = i > 0
            s = s[i:]
        if not pre and not post:
            raise invalid
        i = 0
        while i < len(s) and not (s[i] == ord(".") or 0x30 <= s[i] <= 0x39):
            i += 1
        if i == 0:
            raise GoError("time: missing unit in duration " + time_quote(orig))
        unit_text = from_bytes(s[:i])
        s = s[i:]
        unit = DURATION_UNITS.get(unit_text)
        if unit is None:
            raise GoError("time: unknown unit " + time_quote(unit_text) + " in duration "
                           + time_quote(orig))
        if v > (1 << 63) // unit:
            raise invalid
        v *= unit
        if f > 0:
            v += int(float(f) * (float(unit) / scale))
            if v > 1 << 63:
                raise invalid
        total += v
        if total > 1 << 63:
            raise invalid
    if neg:
        return -total
    if total > (1 << 63) - 1:
        raise invalid
    return total



#: go-units' binary multipliers (RAMInBytes)
BINARY_UNITS = {"k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40, "p": 1 << 50}
#: go-units 0.4's sizeRegex
SIZE_RE_04 = re.compile(r"(\d+(?:\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?\Z", re.ASCII)


def ram_in_bytes(size_str: str, *, units_regex: bool = False) -> int:
    """go-units RAMInBytes; ``units_regex``: go-units 0.4's regular expression (the CLI
    releases where EngineProfile.cli_units_regex).  GoError with go-units' text.

    >>> ram_in_bytes("1.5g"), ram_in_bytes("10 KiB"), ram_in_bytes("512")
    (1610612736, 10240, 512)
    """
    if units_regex:
        m = SIZE_RE_04.match(size_str)
        if m is None:
            raise GoError(f"invalid size: '{size_str}'")
        value = parse_float(m.group(1))
        return float_to_int64(value * BINARY_UNITS.get((m.group(2) or "").lower(), 1))
    b = to_bytes(size_str)
    sep = max(b.rfind(bytes([c])) for c in b"0123456789. ")
    if sep == -1:
        raise GoError(f"invalid size: '{size_str}'")
    if b[sep] != ord(" "):
        num, sfx = b[:sep + 1], b[sep + 1:]
    else:
        num, sfx = b[:sep], b[sep + 1:]
    size = parse_float(from_bytes(num))
    if size < 0:
        raise GoError(f"invalid size: '{size_str}'")
    if not sfx:
        return float_to_int64(size)
    if len(sfx) > 3:
        raise GoError(f"invalid suffix: '{from_bytes(sfx)}'")
    low = from_bytes(sfx).lower()
    bad = GoError(f"invalid suffix: '{low}'")
    if low[0] == "b":
        if len(low) > 1:
            raise bad
        return float_to_int64(size)
    mul = BINARY_UNITS.get(low[0])
    if mul is None:
        raise bad
    size *= mul
    if (len(low) == 2 and low[1] != "b") or (len(low) == 3 and low[1:] != "ib"):
        raise bad
    return float_to_int64(size)


_RAT_INT = r"(?:0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|[0-9][0-9_]*)"
_RAT_FRACTION = re.compile(rf"([+-]?)({_RAT_INT})/({_RAT_INT})\Z", re.ASCII)
_RAT_FLOAT = re.compile(r"([+-]?)(?:(0[xX])([0-9a-fA-F_]*\.?[0-9a-fA-F_]*)|(0[bB])([01_]*\.?[01_]*)"
                        r"|(0[oO])([0-7_]*\.?[0-7_]*)|([0-9_]*\.?[0-9_]*))"
                        r"(?:([eEpP])([+-]?[0-9_]+))?\Z", re.ASCII)


def go_big_int(text: str) -> int | None:
    """big.Int.SetString(text, 0) for an unsigned integer literal."""
    if "_" in text and not underscore_ok(to_bytes(text)):
        return None
    clean = text.replace("_", "")
    try:
        if clean[:2].lower() in ("0x", "0b", "0o"):
            return int(clean, 0)
        if len(clean) > 1 and clean[0] == "0":
            return int(clean[1:], 8)
        return int(clean, 10)
    except ValueError:
        return None


def rat_set_string(text: str) -> Fraction | None:
    """big.Rat.SetString for the forms docker users write (a/b, decimals, exponents)."""
    m = _RAT_FRACTION.match(text)
    if m:
        num = go_big_int(m.group(2))
        den = go_big_int(m.group(3))
        if num is None or den is None or den == 0:
            return None
        value = Fraction(num, den)
        return -value if m.group(1) == "-" else value
    m = _RAT_FLOAT.match(text)
    if not m:
        return None
    groups = m.groups()
    sign = groups[0]
    if groups[1]:
        base, mant = 16, groups[2]
    elif groups[3]:
        base, mant = 2, groups[4]
    elif groups[5]:
        base, mant = 8, groups[6]
    else:
        base, mant = 10, groups[7]
    mant = mant or ""
    if "_" in mant:
        check = mant if base == 10 else "0" + "xbo"[[16, 2, 8].index(base)] + mant
        if not underscore_ok(to_bytes(check.replace(".", "!"))):
            return None
    digits = mant.replace("_", "")
    int_part, _, frac_part = digits.partition(".")
    if not int_part and not frac_part:
        return None
    mantissa = int((int_part + frac_part) or "0", base)
    exp_char, exp_text = groups[8], groups[9]
    exponent = 0
    if exp_char:
        if "_" in exp_text and not underscore_ok(to_bytes(exp_text)):
            return None
        exponent = int(exp_text.replace("_", ""))
    if mantissa == 0:
        return Fraction(0)
    # big.Rat splits the scaling into powers of 5 and 2 and refuses huge exponents
    d = len(frac_part)
    exp5 = -d if base == 10 else 0
    exp2 = -d * {10: 1, 2: 1, 8: 3, 16: 4}[base]
    if exp_char in ("e", "E"):
        exp5 += exponent
        exp2 += exponent
    elif exp_char:
        exp2 += exponent
    if abs(exp5) > 1_000_000 or not -10_000_000 <= exp2 <= 10_000_000:
        return None
    value = Fraction(mantissa) * Fraction(5) ** exp5 * Fraction(2) ** exp2
    return -value if sign == "-" else value
