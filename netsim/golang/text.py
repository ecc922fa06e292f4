"""Go strings as bytes, and Go's notion of white space (strings.TrimSpace)."""

from __future__ import annotations

__all__ = ["GO_SPACE", "from_bytes", "to_bytes", "trim_space"]


def to_bytes(s: str) -> bytes:
    """The bytes of a Go string held in a Python str (undecodable bytes kept by surrogateescape)."""
    return s.encode("utf-8", "surrogateescape")


def from_bytes(b: bytes) -> str:
    """The inverse of :func:`to_bytes`."""
    return b.decode("utf-8", "surrogateescape")


#: unicode.IsSpace
GO_SPACE = frozenset("\t\n\v\f\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
                     "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000")


def trim_space(s: str) -> str:
    """strings.TrimSpace (Go's notion of white space, not Python's)."""
    i, j = 0, len(s)
    while i < j and s[i] in GO_SPACE:
        i += 1
    while j > i and s[j - 1] in GO_SPACE:
        j -= 1
    return s[i:j]
