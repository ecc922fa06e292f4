"""The engine: Docker's rules, operation by operation, from declarations to a resolved State.

:class:`Engine` holds the mutable world of one or more Docker hosts (each with its own daemon:
networks, containers, address space and port allocator) and applies :data:`netsim.api.Operation`
values one at a time, raising :class:`netsim.errors.DaemonError` with the daemon's own words when
Docker would refuse. :func:`apply` runs a whole list and returns the final :class:`State`.

The rules are Engine 29.1's; where an older engine differs, the engine reads a named field of its
:class:`netsim.versions.EngineProfile` (``Engine(profile=…)``), never a version number.
Source paths without a tag are in moby/moby at ``docker-v29.1.0``; ``docs/reference/*.md`` are
this repository's reference notes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from netsim.api import (
    ContainerCreate,
    ContainerDecl,
    ContainerPause,
    ContainerPrune,
    ContainerRemove,
    ContainerRename,
    ContainerRestart,
    ContainerStart,
    ContainerStop,
    Expect,
    Host,
    ImageDecl,
    Lan,
    NetworkConnect,
    NetworkCreate,
    NetworkDisconnect,
    NetworkPrune,
    NetworkRemove,
    Operation,
    Scenario,
    SwarmInit,
    SwarmJoin,
    SwarmLeave,
)
from netsim.daemon.containers import ContainersMixin
from netsim.daemon.core import Outcome
from netsim.daemon.endpoints import EndpointsMixin
from netsim.daemon.errors import runc_start_error
from netsim.daemon.images import ImagesMixin
from netsim.daemon.ipam import ERR_POOL_OVERLAP
from netsim.daemon.links import LinksMixin
from netsim.daemon.netns import Netns
from netsim.daemon.networks import NetworksMixin
from netsim.daemon.overlay import OverlayMixin
from netsim.daemon.processes import ProcessesMixin
from netsim.daemon.publishing import PublishingMixin
from netsim.daemon.restore import RestoreMixin
from netsim.daemon.runtime import HostRuntime
from netsim.daemon.swarm import SwarmMixin
from netsim.daemon.volumes import VolumesMixin
from netsim.errors import DaemonError
from netsim.state import HostState, State
from netsim.versions import DEFAULT_PROFILE, EngineProfile

__all__ = ["Engine", "Outcome", "apply", "apply_scenario", "runc_start_error"]


class Engine(NetworksMixin, OverlayMixin, SwarmMixin, ContainersMixin, ProcessesMixin,
             EndpointsMixin, LinksMixin, PublishingMixin, RestoreMixin, ImagesMixin,
             VolumesMixin):
    """A set of Docker hosts whose daemons apply operations one at a time.

    >>> from netsim.api import NetworkCreate, BridgeNetwork
    >>> e = Engine()
    >>> _ = e.execute(NetworkCreate(network=BridgeNetwork(name="mybridge")))
    >>> str(e.state().network("mybridge").subnets[0].subnet)
    '172.18.0.0/16'
    """

    def __init__(
        self,
        *,
        hosts: Sequence[Host] = (),
        lan: Lan | None = None,
        images: Mapping[str, ImageDecl] | None = None,
        seed: int = 0,
        profile: EngineProfile = DEFAULT_PROFILE,
        containers: Iterable[ContainerDecl] = (),
    ) -> None:
        self.lan = lan or Lan()
        self.seed = seed
        self.profile = profile
        self.images = dict(images or {})
        self.container_decls = {(d.host, d.name): d for d in containers}
        self.unknown_images = {}
        self.notes = {}
        self._stores = {}
        self._registries = {}
        self._image_cache = {}
        self.clock = 0
        self._drawn = {}
        self.last_created = None
        self.hold_foreground = False
        self.swarm = None
        self._last_stderr = ""
        self._pending_join = set()
        self.host_paths = None
        hosts = Scenario(lan=self.lan, hosts=tuple(hosts)).effective_hosts()
        self._hosts = {}
        for h in hosts:
            rt = HostRuntime(host=h, space=self._address_space(h), netns=Netns.of_host(h))
            self._hosts[h.name] = rt
            self._create_predefined(rt)
            self._index_predefined(rt)

    # ------------------------------------------------------------------ dispatch

    def execute(self, op: Operation) -> Outcome:
        """Apply one operation; raise :class:`DaemonError` with Docker's text if refused."""
        rt = self._rt(op.host)
        match op:
            case NetworkCreate():
                try:
                    return self._network_create(rt, op.network)
                except DaemonError as err:
                    if err.text == ERR_POOL_OVERLAP and not self.profile.pool_errors_prefixed:
                        raise DaemonError(err.text.removeprefix("invalid pool request: "),
                                          status=err.status) from None
                    raise
            case NetworkRemove():
                return self._network_rm(rt, op.name)
            case NetworkPrune():
                return self._network_prune(rt)
            case NetworkConnect():
                return self._network_connect(rt, op.Container, op.network, op.EndpointConfig)
            case NetworkDisconnect():
                return self._network_disconnect(rt, op.network, op.container, op.force)
            case ContainerCreate():
                return self._container_create(rt, op.container, start=op.start)
            case ContainerStart():
                return self._container_start(rt, op.container)
            case ContainerStop():
                return self._container_stop(rt, op.container, op.exit_code,
                                            signal=op.signal, kill=op.kill)
            case ContainerRestart():
                c = self._find_container(rt, op.container)
                if c.running:
                    self._stop(rt, c)
                return self._container_start(rt, c.id)
            case ContainerPause():
                return self._container_pause(rt, op.container, pause=op.op == "pause")
            case ContainerRemove():
                if op.link:
                    return self._link_rm(rt, op.container)
                return self._container_rm(rt, op.container, op.force)
            case ContainerRename():
                return self._container_rename(rt, op.container, op.new_name)
            case Expect():
                return Outcome()  # checked by netsim.analysis.check, not by the daemon
            case SwarmInit():
                return self._swarm_init(rt, op)
            case SwarmJoin():
                return self._swarm_join(rt, op)
            case SwarmLeave():
                return self._swarm_leave(rt, op.force)
            case ContainerPrune():
                removed = [c for c in rt.containers.values() if not c.running]
                for c in removed:
                    self._remove(rt, c)
                return Outcome(names=tuple(c.id for c in removed))
        raise AssertionError(f"unhandled operation {op!r}")  # pragma: no cover

    # ------------------------------------------------------------------ snapshot

    def state(self) -> State:
        """A frozen snapshot of every host."""
        return State(
            lan=self.lan,
            hosts={
                name: HostState(
                    host=rt.host,
                    networks={**{n: net.state for n, net in rt.networks.items()},
                              **self._visible_overlays(rt)},
                    containers=dict(rt.containers),
                    links=tuple(rt.links),
                    known=rt.known,
                )
                for name, rt in self._hosts.items()
            },
            swarm=self._swarm_state(),
            clock=self.clock,
            seed=self.seed,
            profile=self.profile,
            declared_tools=self._declared_tools(),
            image_infos=self._container_image_infos(),
            registries={cid: {repo: tuple(tags) for repo, tags in data.repos.items()}
                        for cid, data in self._registries.items()},
        )


def apply(
    operations: Iterable[Operation],
    *,
    seed: int = 0,
    hosts: Sequence[Host] = (),
    lan: Lan | None = None,
    images: Mapping[str, ImageDecl] | None = None,
    profile: EngineProfile = DEFAULT_PROFILE,
    containers: Iterable[ContainerDecl] = (),
) -> State:
    """Apply operations in order and return the final State; the first refusal raises.

    ``profile`` is the Docker Engine whose rules apply (:mod:`netsim.versions`).
    """
    engine = Engine(hosts=hosts, lan=lan, images=images, seed=seed, profile=profile,
                    containers=containers)
    for op in operations:
        engine.execute(op)
        engine.tick()
    return engine.state()


def apply_scenario(scenario: Scenario, *, seed: int = 0,
                   profile: EngineProfile | None = None) -> State:
    """The State a scenario's steps produce on its hosts, under its ``engine_version`` (or
    ``profile``, when given)."""
    return apply(
        scenario.steps,
        seed=seed,
        hosts=scenario.hosts,
        lan=scenario.lan,
        images=scenario.image_decls(),
        profile=profile or scenario.profile,
        containers=scenario.containers,
    )
