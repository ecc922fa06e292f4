"""Go's encoding/csv ``Reader.Read`` (default settings), with its error texts (a GoError).

    >>> read_record('a,"b,c",d')
    ['a', 'b,c', 'd']
    >>> read_record('a"b')
    Traceback (most recent call last):
        ...
    netsim.golang.values.GoError: parse error on line 1, column 2: bare " in non-quoted-field
"""

from __future__ import annotations

from netsim.golang.text import from_bytes, to_bytes
from netsim.golang.values import GoError

__all__ = ["EOF", "ERR_BARE_QUOTE", "ERR_QUOTE", "read_record"]


class EOF(GoError):
    """io.EOF: the input holds no record."""

    def __init__(self) -> None:
        super().__init__("EOF")


#: csv.ErrBareQuote's text
ERR_BARE_QUOTE = 'bare " in non-quoted-field'
#: csv.ErrQuote's text
ERR_QUOTE = 'extraneous or missing " in quoted-field'


def _csv_error(start_line: int, line: int, col: int, err: str) -> GoError:
    if start_line != line:
        return GoError(f"record on line {start_line}; parse error on line {line}, "
                        f"column {col}: {err}")
    return GoError(f"parse error on line {line}, column {col}: {err}")


def read_record(value: str) -> list[str]:
    """The first record that csv.NewReader(strings.NewReader(value)).Read() returns."""
    data = to_bytes(value)
    state = {"pos": 0, "line": 0}

    def read_line() -> tuple[bytes, bool]:
        start = state["pos"]
        if start >= len(data):
            state["line"] += 1
            return b"", True
        nl = data.find(b"\n", start)
        if nl == -1:
            line = data[start:]
            state["pos"] = len(data)
            if line.endswith(b"\r"):
                line = line[:-1]
        else:
            line = data[start:nl + 1]
            state["pos"] = nl + 1
        state["line"] += 1
        if len(line) >= 2 and line[-2:] == b"\r\n":
            line = line[:-2] + b"\n"
        return line, False

    def len_nl(b: bytes) -> int:
        return 1 if b.endswith(b"\n") else 0

    eof = False
    line = b""
    while not eof:
        line, eof = read_line()
        if not eof and len(line) == len_nl(line):
            continue
        break
    if eof:
        raise EOF()
    fields: list[bytes] = []
    buf = bytearray()
    rec_line = state["line"]
    pos_line, pos_col = state["line"], 1
    while True:
        if not line or line[0] != ord('"'):
            i = line.find(b",")
            fld = line[:i] if i >= 0 else line[:len(line) - len_nl(line)]
            j = fld.find(b'"')
            if j >= 0:
                raise _csv_error(rec_line, state["line"], pos_col + j, ERR_BARE_QUOTE)
            fields.append(bytes(fld))
            if i >= 0:
                line = line[i + 1:]
                pos_col += i + 1
                continue
            break
        line = line[1:]
        pos_col += 1
        buf.clear()
        done = False
        while True:
            i = line.find(b'"')
            if i >= 0:
                buf += line[:i]
                line = line[i + 1:]
                pos_col += i + 1
                nxt = line[:1]
                if nxt == b'"':
                    buf += b'"'
                    line = line[1:]
                    pos_col += 1
                elif nxt == b",":
                    line = line[1:]
                    pos_col += 1
                    fields.append(bytes(buf))
                    break
                elif len_nl(line) == len(line):
                    fields.append(bytes(buf))
                    done = True
                    break
                else:
                    raise _csv_error(rec_line, state["line"], pos_col - 1, ERR_QUOTE)
            elif line:
                buf += line
                pos_col += len(line)
                line, eof = read_line()
                if line:
                    pos_line += 1
                    pos_col = 1
            else:
                raise _csv_error(rec_line, pos_line, pos_col, ERR_QUOTE)
        if done:
            break
    return [from_bytes(f) for f in fields]
