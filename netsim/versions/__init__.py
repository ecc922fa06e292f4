"""The Docker Engines netsim models: one :class:`EngineProfile` per supported engine.

Every rule that differs between engines reads a named field of the profile the engine was built
under (:attr:`netsim.state.State.profile`); no other module compares version numbers. The
default is :data:`DEFAULT_PROFILE`, Engine 29.1; the older
ones are the engines the conformance lab records (``conformance/lab/lab.sh``: Debian's
``docker.io`` 28.5.2, 26.1.5 and 20.10.24).

Sources are cited as ``<moby tag>:<path>:<lines>`` in the moby/moby repository. The profile
named 29.1 models the 29.1 release line (``docker-v29.1.0`` … ``docker-v29.1.5``, API 1.52).
moby's newest 29.x tag when this was written, ``docker-v29.7.2``, speaks API 1.55 and already
differs in shape (its ``api/types/network/ipam.go`` omits an empty ``IPRange``/``Gateway``
with ``omitzero``; 29.1 prints ``""``), so "29" still means the 29.1 that the rest of netsim
(flag tables, error texts, inspect shapes) was read from.

>>> profile("28").name, profile("28.5.2").version, profile("29").api_version
('28.5', '28.5.2', '1.52')
>>> profile("31")
Traceback (most recent call last):
    ...
netsim.errors.InputError: unknown engine version (got '31'; accepted: 20.10, 26.1, 28.5, 29.1)
"""

from __future__ import annotations

import re

from netsim.errors import InputError
from netsim.versions.engine_profile import (
    EngineProfile,
    LocalhostDnsWarning,
    PortBindingOrder,
    VlanGateway,
)
from netsim.versions.profiles import DEFAULT_PROFILE, PROFILES

__all__ = [
    "DEFAULT_PROFILE",
    "PROFILES",
    "EngineProfile",
    "LocalhostDnsWarning",
    "PortBindingOrder",
    "VlanGateway",
    "profile",
]


_VERSION = re.compile(r"(\d+)(?:\.(\d+)(?:\.(\d+))?)?")


def _number(name: str) -> tuple[int, int]:
    major, minor = name.split(".")
    return int(major), int(minor)


def profile(text: str | EngineProfile, *, where: str = "") -> EngineProfile:
    """The profile a version names: ``28.5``, ``28.5.2`` (any 28.5.x), ``28`` (the newest 28.x).

    ``where`` places the error (``setup.sh:1``, ``--engine``). Raises InputError for a version
    netsim does not model, naming the supported ones.

    >>> profile("20.10.24").name, profile("26").name, profile(DEFAULT_PROFILE).name
    ('20.10', '26.1', '29.1')
    """
    if isinstance(text, EngineProfile):
        return text
    m = _VERSION.fullmatch(text.strip())
    if m is not None:
        major = int(m.group(1))
        if m.group(2) is None:  # "28": the newest supported 28.x
            same = [p for p in PROFILES.values() if _number(p.name)[0] == major]
            if same:
                return max(same, key=lambda p: _number(p.name))
        else:
            for p in PROFILES.values():
                if _number(p.name) == (major, int(m.group(2))):
                    return p
    raise InputError(where, "unknown engine version", got=text,
                     accepted=", ".join(PROFILES))
