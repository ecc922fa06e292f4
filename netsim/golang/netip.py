"""Go's IP address parsing: netip.ParseAddr, and net.ParseIP/net.ParseCIDR (which use it).

    >>> parse_addr("fe80::1%eth0")
    (6, 'eth0')
    >>> net_parse_ip("::ffff:1.2.3.4"), net_parse_ip("fe80::1%eth0"), net_parse_cidr("10.0.0.0/08")
    (True, False, True)
    >>> parse_addr("1.2.3.04")
    Traceback (most recent call last):
        ...
    netsim.golang.netip.AddrError: ParseAddr("1.2.3.04"): IPv4 field has octet with leading zero
"""

from __future__ import annotations

from netsim.golang.quote import go_quote
from netsim.golang.text import from_bytes, to_bytes
from netsim.golang.values import GoError

__all__ = ["AddrError", "net_parse_cidr", "net_parse_ip", "parse_addr"]


class AddrError(GoError):
    """netip.ParseAddr's error: ``ParseAddr("text"): why (at "rest")``."""

    def __init__(self, text: str, msg: str, at: bytes = b"") -> None:
        full = f"ParseAddr({go_quote(text)}): {msg}"
        if at:
            full += f" (at {go_quote(from_bytes(at))})"
        super().__init__(full)


def _parse_ipv4_fields(text: str, b: bytes) -> None:
    val = pos = dig_len = 0
    for i, c in enumerate(b):
        if 0x30 <= c <= 0x39:
            if dig_len == 1 and val == 0:
                raise AddrError(text, "IPv4 field has octet with leading zero")
            val = val * 10 + c - 0x30
            dig_len += 1
            if val > 255:
                raise AddrError(text, "IPv4 field has value >255")
        elif c == ord("."):
            if i == 0 or i == len(b) - 1 or b[i - 1] == ord("."):
                raise AddrError(text, "IPv4 field must have at least one digit", b[i:])
            if pos == 3:
                raise AddrError(text, "IPv4 address too long")
            pos += 1
            val = dig_len = 0
        else:
            raise AddrError(text, "unexpected character", b[i:])
    if pos < 3:
        raise AddrError(text, "IPv4 address too short")


def _parse_ipv6(text: str) -> str:
    """netip.parseIPv6; returns the zone."""
    s = to_bytes(text)
    zone = b""
    pct = s.find(b"%")
    if pct != -1:
        s, zone = s[:pct], s[pct + 1:]
        if not zone:
            raise AddrError(text, "zone must be a non-empty string")
    ellipsis = -1
    if len(s) >= 2 and s[0] == ord(":") and s[1] == ord(":"):
        ellipsis = 0
        s = s[2:]
        if not s:
            return from_bytes(zone)
    i = 0
    while i < 16:
        off = 0
        acc = 0
        while off < len(s):
            c = s[off]
            if 0x30 <= c <= 0x39:
                acc = (acc << 4) + c - 0x30
            elif ord("a") <= c <= ord("f"):
                acc = (acc << 4) + c - ord("a") + 10
            elif ord("A") <= c <= ord("F"):
                acc = (acc << 4) + c - ord("A") + 10
            else:
                break
            if off > 3:
                raise AddrError(text, "each group must have 4 or less digits", s)
            if acc > 0xFFFF:
                raise AddrError(text, "IPv6 field has value >=2^16", s)
            off += 1
        if off == 0:
            raise AddrError(text, "each colon-separated field must have at least one digit", s)
        if off < len(s) and s[off] == ord("."):
            if ellipsis < 0 and i != 12:
                raise AddrError(
                    text, "embedded IPv4 address must replace the final 2 fields of the address",
                    s)
            if i + 4 > 16:
                raise AddrError(
                    text, "too many hex fields to fit an embedded IPv4 at the end of the address",
                    s)
            _parse_ipv4_fields(text, s)
            s = b""
            i += 4
            break
        i += 2
        s = s[off:]
        if not s:
            break
        if s[0] != ord(":"):
            raise AddrError(text, "unexpected character, want colon", s)
        if len(s) == 1:
            raise AddrError(text, "colon must be followed by more characters", s)
        s = s[1:]
        if s[0] == ord(":"):
            if ellipsis >= 0:
                raise AddrError(text, "multiple :: in address", s)
            ellipsis = i
            s = s[1:]
            if not s:
                break
    if s:
        raise AddrError(text, "trailing garbage after address", s)
    if i < 16:
        if ellipsis < 0:
            raise AddrError(text, "address string too short")
    elif ellipsis >= 0:
        raise AddrError(text, "the :: must expand to at least one field of zeros")
    return from_bytes(zone)


def parse_addr(text: str) -> tuple[int, str]:
    """netip.ParseAddr; returns (4 or 6, zone)."""
    for c in to_bytes(text):
        if c == ord("."):
            _parse_ipv4_fields(text, to_bytes(text))
            return 4, ""
        if c == ord(":"):
            return 6, _parse_ipv6(text)
        if c == ord("%"):
            raise AddrError(text, "missing IPv6 address")
    raise AddrError(text, "unable to parse IP")


def net_parse_ip(text: str) -> bool:
    """Whether net.ParseIP accepts the text."""
    try:
        _, zone = parse_addr(text)
    except AddrError:
        return False
    return zone == ""


def net_parse_cidr(text: str) -> bool:
    """Whether net.ParseCIDR accepts the text."""
    addr, sep, mask = text.partition("/")
    if not sep:
        return False
    try:
        family, zone = parse_addr(addr)
    except AddrError:
        return False
    if zone:
        return False
    mb = to_bytes(mask)
    n = i = 0
    while i < len(mb) and 0x30 <= mb[i] <= 0x39:
        n = n * 10 + mb[i] - 0x30
        if n >= 0xFFFFFF:
            return False
        i += 1
    if i == 0 or i != len(mb):
        return False
    return n <= (32 if family == 4 else 128)
