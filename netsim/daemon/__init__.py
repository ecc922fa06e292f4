"""The Docker daemon netsim models: its rules, operation by operation (issue 13: from engine.py).

:class:`~netsim.daemon.engine.Engine` is the facade (``execute``, ``state``, :func:`apply`,
:func:`apply_scenario`). Behind it, one module per concern of the daemon:

* :mod:`.core` -- the world the concerns share (hosts, swarm, the ID counter) and its lookups;
* :mod:`.networks` -- ``network create/rm/prune``, IPAM's subnets and gateways;
* :mod:`.containers` -- create, start, stop, pause, rm, rename, exit codes;
* :mod:`.processes` -- what a container's main program does (images' facts);
* :mod:`.endpoints` -- join/leave a network (addresses, MACs, interfaces, DNS names),
  ``network connect/disconnect``;
* :mod:`.links` -- legacy ``--link``;
* :mod:`.volumes` -- the volume store, containers' mounts (``-v``, ``--mount``,
  ``--volumes-from``);
* :mod:`.publishing` -- published ports on the gateway endpoint (:mod:`.ports`: the allocator);
* :mod:`.swarm`, :mod:`.overlay` -- swarm membership, the swarm's overlay networks;
* :mod:`.netns` -- the kernel's interface indexes and netns ids; :mod:`.ipam`, :mod:`.ids`;
* :mod:`.drivers` -- one module per network driver, behind one protocol;
* :mod:`.fork` -- a copy of the engine (or of a lab) made on write, to try commands on
  (``netsim whatif``).

Why mixins: the concerns are one state machine. Every one reads and writes the same per-host
runtime (networks, containers, address pools, namespaces, port bindings) and they call one
another in both directions (a start joins networks, a join attaches to an overlay, a swarm
join creates docker_gwbridge, an overlay-only sandbox joins docker_gwbridge). So each concern
is a mixin class over :class:`~netsim.daemon.core.EngineCore`, which holds the shared state and
declares (abstract) the operations one concern calls in another, and
:class:`~netsim.daemon.engine.Engine` combines them: each module type-checks on its own, and
the daemon's rules read as in one class, as libnetwork's and the daemon's own code does.
"""

from __future__ import annotations

from typing import Any

__all__ = ["Engine", "Outcome", "apply", "apply_scenario", "runc_start_error"]


def __getattr__(name: str) -> Any:
    # lazily: importing netsim.daemon.ids or .ipam does not load the engine
    if name in __all__:
        from netsim.daemon import engine

        return getattr(engine, name)
    raise AttributeError(f"module 'netsim.daemon' has no attribute {name!r}")
