"""Live systems: docker inspect dumps (reader, builder) and snapshots of running engines.

:func:`load_dump` makes a dump (a directory of ``HOST.json`` files, or one
``NAME.inspect.json``) into a :class:`~netsim.lab.Lab` whose engine holds the dump's networks
and containers as they are (:mod:`netsim.daemon.restore`); docs/live-systems.md says what is
read and what is not.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from netsim.io.dump.build import load_dump

__all__ = ["load_dump"]


def __getattr__(name: str) -> Any:
    if name == "load_dump":
        from netsim.io.dump.build import load_dump

        return load_dump
    raise AttributeError(name)
