"""The matrices' columns: each namespace's (its containers' column numbers) and bitsets of
them. A row is an int whose bit j is column j (Python ints as bitsets)."""

from __future__ import annotations

from collections import ChainMap
from collections.abc import Iterable, Iterator, Mapping, MutableMapping, Sequence

from netsim.analysis.index import Sandbox

__all__ = ["SandboxColumns", "bitset", "sandbox_cols"]


def sandbox_cols(sb: Sandbox, col_of: Mapping[tuple[str, str], int]) -> tuple[int, ...]:
    """The columns of a namespace: its owner's and its joiners'."""
    return tuple(col_of[(sb.host, c.name)] for c in sb.containers)


class SandboxColumns(Mapping[int, int]):
    """Each namespace's columns (by ``id``) as a bitset, made when asked from the column
    numbers kept (:meth:`numbers`). Kept as bitsets, 100,000 namespaces of 100,000 columns
    were 100,000 ints of up to 12.5 KB: 0.6 GB made one by one, two seconds of a 100,000
    matrix (bench/scale.py); a row asks for a few."""

    def __init__(self, numbers: MutableMapping[int, tuple[int, ...]]) -> None:
        self._numbers = numbers

    @classmethod
    def of(cls, sandboxes: Iterable[Sandbox],
           col_of: Mapping[tuple[str, str], int]) -> SandboxColumns:
        return cls({id(sb): sandbox_cols(sb, col_of) for sb in sandboxes})

    def numbers(self, key: int) -> tuple[int, ...]:
        """The column numbers of namespace ``key`` (an ``id``)."""
        return self._numbers[key]

    def with_new(self, numbers: dict[int, tuple[int, ...]]) -> SandboxColumns:
        """These columns, with the namespaces of ``numbers`` added or replaced."""
        return SandboxColumns(ChainMap(numbers, self._numbers)) if numbers else self

    def __getitem__(self, key: int) -> int:
        bits = 0
        for j in self._numbers[key]:
            bits |= 1 << j
        return bits

    def __iter__(self) -> Iterator[int]:
        return iter(self._numbers)

    def __len__(self) -> int:
        return len(self._numbers)


def bitset(numbers: Sequence[int], width: int) -> int:
    """The int whose bits ``numbers`` (each below ``width``) are set: past a few, through one
    buffer of ``width`` bits (an OR per number would copy a ``width``-bit int each time)."""
    if len(numbers) < 8:
        bits = 0
        for j in numbers:
            bits |= 1 << j
        return bits
    buf = bytearray((width + 7) >> 3)
    for j in numbers:
        buf[j >> 3] |= 1 << (j & 7)
    return int.from_bytes(buf, "little")
