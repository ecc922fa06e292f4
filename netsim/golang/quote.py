"""strconv.Quote and QuoteRune (Go's ``%q``), and package time's private quote."""

from __future__ import annotations

from netsim.golang.text import to_bytes

__all__ = ["GO_ESCAPES", "escape_rune", "go_quote", "go_quote_rune", "time_quote"]

#: the one-letter escapes of Go string literals
GO_ESCAPES = {"\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t",
              "\v": "\\v"}


def escape_rune(ch: str, quote: str) -> str:
    """strconv's appendEscapedRune for one character inside ``quote`` quotes."""
    cp = ord(ch)
    if 0xDC80 <= cp <= 0xDCFF:  # an undecodable byte kept by surrogateescape
        return f"\\x{cp - 0xDC00:02x}"
    if ch == quote or ch == "\\":
        return "\\" + ch
    if ch.isprintable() and not 0xD800 <= cp <= 0xDFFF:
        return ch
    if ch in GO_ESCAPES:
        return GO_ESCAPES[ch]
    if cp < 0x20 or cp == 0x7F:
        return f"\\x{cp:02x}"
    if 0xD800 <= cp <= 0xDFFF:
        cp = 0xFFFD
    if cp < 0x10000:
        return f"\\u{cp:04x}"
    return f"\\U{cp:08x}"


def go_quote(s: str) -> str:
    """strconv.Quote (what Go's ``%q`` does with a string)."""
    return '"' + "".join(escape_rune(ch, '"') for ch in s) + '"'


def go_quote_rune(cp: int) -> str:
    """strconv.QuoteRune (what Go's ``%q`` does with a rune)."""
    return "'" + escape_rune(chr(cp), "'") + "'"


def time_quote(s: str) -> str:
    """The private ``quote`` of package time (used by ParseDuration errors)."""
    out = ['"']
    for ch in s:
        cp = ord(ch)
        if cp >= 0x80 or cp < 0x20:
            out.extend(f"\\x{b:02x}" for b in to_bytes(ch))
        else:
            if ch in '"\\':
                out.append("\\")
            out.append(ch)
    out.append('"')
    return "".join(out)
