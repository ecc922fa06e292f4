"""The round trip: a dump imported, then printed back by netsim's ``docker inspect``, compared
with the dump field by field. Every field netsim models compares equal; the others are listed
here, each with why (docs/live-systems.md publishes the list).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from netsim.io.dump.reader import read_dump
from netsim.state import State

__all__ = ["NOT_MODELED", "Difference", "round_trip"]

#: the fields netsim prints from its own stand-ins, not from the dump (regular expressions on
#: the path ``C.`` for a container, ``N.`` for a network, ``S.`` for a swarm network), and why
NOT_MODELED: dict[str, str] = {
    r"C\.State\.Pid": "the main process's pid: netsim draws one per start",
    r"C\.GraphDriver\.Data\.\w+": "the storage driver's layer directories: images' layers are "
                                  "not simulated",
    r"C\.Storage(\..+)?": "29.x's storage details of the container's root filesystem: images' "
                          "layers are not simulated",
    r"N\.Containers\.(lb-[^.]+|ingress-sbox)\.(EndpointID|MacAddress)":
        "the endpoint of libnetwork's own load-balancer and ingress sandboxes: drawn by netsim",
    r"N\.Peers\[\d+\]\.Name": "NetworkDB's random name for each swarm node",
    r"S\.Created": "a swarm network's Created as each node shows it: netsim keeps the first "
                   "host's (a local network's Created is kept exactly)",
}

_NOT_MODELED = [re.compile(p) for p in NOT_MODELED]


@dataclass(frozen=True)
class Difference:
    """One field that differs: where (file and object), its path, and both values."""

    where: str
    path: str
    dump: Any
    netsim: Any

    @property
    def modeled(self) -> bool:
        """A field netsim models (a difference there is a bug), not one of NOT_MODELED."""
        return not any(p.fullmatch(self.path) for p in _NOT_MODELED)


def round_trip(path: str, state: State) -> list[Difference]:
    """Every field where netsim's ``docker inspect`` of ``state`` (the dump at ``path``,
    imported) differs from the dump."""
    from netsim.dockercli.output import inspect as render

    out: list[Difference] = []
    for h in read_dump(path).hosts:
        for loc in h.containers:
            c = state.container(str(loc.obj["Id"]), h.name)
            out += _walk(loc.where, loc.obj, render.container(state, c), "C")
        for loc in h.networks:
            mine = render.network(state, h.name, str(loc.obj["Id"]))
            found = list(_walk(loc.where, loc.obj, mine, "N"))
            if loc.obj.get("Scope") == "swarm":  # S.: a pattern only a swarm network's path has
                found = [Difference(d.where, "S" + d.path[1:], d.dump, d.netsim)
                         if d.path == "N.Created" else d for d in found]
            out += found
    return out


def _walk(where: str, a: Any, b: Any, path: str) -> Iterator[Difference]:
    if isinstance(a, dict) and isinstance(b, dict):
        for k in a:
            if k not in b:
                yield Difference(where, f"{path}.{k}", a[k], "(absent)")
            else:
                yield from _walk(where, a[k], b[k], f"{path}.{k}")
        for k in b:
            if k not in a:
                yield Difference(where, f"{path}.{k}", "(absent)", b[k])
        if list(a) != list(b) and set(a) == set(b) and _ordered(path):
            yield Difference(where, f"{path} (key order)", list(a), list(b))
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            yield from _walk(where, x, y, f"{path}[{i}]")
    elif a != b:
        yield Difference(where, path, a, b)


def _ordered(path: str) -> bool:
    """Struct fields keep Go's declaration order; maps are sorted by the JSON encoder."""
    return path in ("C", "N") or (path.count(".") == 1 and path.split(".")[1] in (
        "State", "HostConfig", "Config", "NetworkSettings", "IPAM"))
