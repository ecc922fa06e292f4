"""``docker inspect`` and ``docker network inspect`` as JSON-ready dicts (API 1.52 shapes).

Each function returns one element of the JSON list the docker CLI 29.1 prints. Keys are inserted
in the order Engine 29.1 serialises its Go structs (moby ``api/types`` v1.52, vendored at
``moby@docker-v29.1.0:vendor/github.com/moby/moby/api/types/``), and the keys of every Go *map*
are inserted sorted, as ``encoding/json`` writes them; so ``json.dumps(obj, indent=4)`` prints
what the CLI prints (``docs/reference/docker-cli-output.md`` §1.5 and §4).

Where older engines shape these objects differently, the State's
:class:`netsim.versions.EngineProfile` says how: the keys (and their order) of the network
object, of ``NetworkSettings`` (≤ 28.x: with the deprecated top-level ``Bridge``, ``IPAddress``,
``Gateway``, ``MacAddress``… of the ``bridge`` endpoint) and of each ``EndpointSettings``;
whether an empty ``IPRange``/``Gateway`` of ``IPAM.Config`` is left out; whether that config
shows the gateway IPAM chose; the image store (``GraphDriver`` or ``Storage``), the order of
``MaskedPaths``, ``Dns`` without ``--dns``, ``Config.OnBuild``. The rest of the container object
is 29.1's for every engine (e.g. 28.x's ``Config.MacAddress`` is not modelled).

Times come from netsim's logical clock, counted in seconds from :data:`EPOCH`, and are written
as Go's ``time.RFC3339Nano`` in UTC (fraction trimmed: ``2026-01-01T00:00:05Z``; unset:
``0001-01-01T00:00:00Z``).

>>> timestamp(5.25), timestamp(None)
('2026-01-01T00:00:05.25Z', '0001-01-01T00:00:00Z')

The daemon this models: Linux, no SELinux; cgroup v2 and AppArmor unless the host says otherwise
(:class:`netsim.api.Host` ``cgroup``, ``apparmor``); the profile's image store (29.x: containerd,
``"Driver": "overlayfs"`` and ``Storage``; ≤ 28.x: ``overlay2`` and ``GraphDriver``), the
default ``runc`` runtime,
``json-file`` logging, default IPC mode ``private``, a CLI whose stdout is not a terminal.

Deterministic stand-ins for what Docker draws at random or reads from the host:

* ``NetworkSettings.SandboxID``: the engine's per-start sandbox ID
  (:attr:`netsim.state.ContainerState.sandbox_id`, derived from the seed); ``SandboxKey``:
  ``/var/run/docker/netns/`` + its first 12 characters (``/var/run/docker/netns/default`` for
  ``--network host``, libnetwork ``sandbox.go``).
  Both are set only while the container runs.
* ``State.Pid``: 0 unless running; while running, ``1000 + n % 99000`` where ``n`` is the first
  32 bits of SHA-256(container ID + ``"pid"`` + the start time), so a restart changes it.
* An anonymous volume (``-v /data``) is named SHA-256(container ID + ``"volume"`` + target).
* ``MaskedPaths`` ends (≥ 28.0) with the ``thermal_throttle`` directories of the host's
  :attr:`netsim.api.Host.thermal_throttle` CPUs (Docker adds one per host CPU that has it;
  docker-cli-output.md §4.3 shows one).
* ``GraphDriver`` (graph-driver image store, ≤ 28.x): the layer IDs in its directories are
  SHA-256-derived from the seed, the host and the container (its RW and ``-init`` layers) or
  the image (one image layer).

Simplifications (what netsim does not know):

* The image's ``ENV`` is known only for the conformance lab's stand-ins
  (:attr:`netsim.images.ImageInfo.env`); for other images ``Config.Env`` is only the ``-e``
  values (``null`` without any). ``WORKDIR``, ``VOLUME``, ``HEALTHCHECK`` and ``ONBUILD`` are
  unknown: ``WorkingDir`` is only ``-w``, ``Volumes`` only anonymous ``-v``. ``ENTRYPOINT``,
  ``CMD``, ``EXPOSE`` and ``USER`` come from :mod:`netsim.images`; ``STOPSIGNAL`` from there
  (the stand-ins) or, with ``LABEL``, from :mod:`netsim.dockercli.output.inspect_image` for
  the catalogued images whose Dockerfiles were read.
* ``--env-file``, ``--label-file`` and a seccomp profile file cannot be read: they add nothing.
* Go map iteration is random where Docker builds a list from a map (``Binds``, ``Mounts``,
  ``Ulimits``, ``HostConfig.Links``): netsim keeps command-line order.
* A failed start leaves ``State.Error`` empty; ``ExecIDs`` is always ``null``; a health check
  stays ``"starting"`` (no probe runs); ``ImageManifestDescriptor`` (containerd store, content
  unknown) is left out.
* An endpoint added by ``docker network connect`` is recognised as one whose network is not in
  the ``docker run``/``create`` ``--network`` list; it shows the CLI's empty ``IPAMConfig``,
  ``Aliases`` and ``DriverOpts`` (docker-cli-output.md §1.3).
"""

from __future__ import annotations

from typing import Any

from netsim.dockercli.output.inspect_common import EPOCH, find_container, timestamp
from netsim.dockercli.output.inspect_container import container
from netsim.dockercli.output.inspect_network import network
from netsim.state import State

__all__ = ["EPOCH", "any_object", "container", "everything", "network", "timestamp"]


def any_object(state: State, host: str, ref: str, kind: str = "") -> dict[str, Any] | None:
    """``docker inspect [--type T] REF``: a container first, then a network; None if neither.

    ``kind`` is ``"container"``, ``"network"`` or ``""`` (any). Images, volumes and the swarm
    objects Docker also tries are not simulated.
    """
    hs = state.host(host)
    if kind in ("", "container"):
        try:
            return container(state, find_container(hs, ref))
        except KeyError:
            pass
    if kind in ("", "network"):
        try:
            return network(state, host, ref)
        except KeyError:
            pass
    return None


def everything(state: State, host: str) -> list[dict[str, Any]]:
    """What ``docker inspect $(docker ps -aq) $(docker network ls -q)`` prints on ``host``:
    every container, the newest first (``docker ps``), then every network by name in the
    CLI's natural order (``docker network ls``)."""
    from netsim.dockercli.output.tables import natural_key

    hs = state.host(host)
    out = [container(state, c) for c in sorted(hs.containers.values(),
                                                 key=lambda c: (c.created_ns, c.id),
                                                 reverse=True)]
    out += [network(state, host, n.name) for n in sorted(hs.networks.values(),
                                                         key=lambda n: natural_key(n.name))]
    return out
