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

import ipaddress
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
from netsim.api.trusted import evolve
from netsim.daemon import drivers
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
from netsim.errors import DaemonError, InputError
from netsim.state import HostState, NetworkState, State
from netsim.versions import DEFAULT_PROFILE, EngineProfile

__all__ = ["Engine", "Outcome", "apply", "apply_scenario", "runc_start_error"]

#: the bridge driver's ICC option (docs: engine/network/drivers/bridge.md)
_ICC = "com.docker.network.bridge.enable_icc"


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
        self._program_memo = {}
        self.clock = 0
        self._drawn = {}
        self.last_created = None
        self.hold_foreground = False
        self.swarm = None
        self._last_stderr = ""
        self._pending_join = set()
        self._last_state: State | None = None
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
        match op:  # the operation classes are disjoint: the most frequent ones tested first
            case ContainerCreate():
                return self._container_create(rt, op.container, start=op.start)
            case NetworkConnect():
                return self._network_connect(rt, op.Container, op.network, op.EndpointConfig)
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
            case NetworkDisconnect():
                return self._network_disconnect(rt, op.network, op.container, op.force)
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

    # ------------------------------------------------------------------ what if

    def reshape_network(self, host: str, network: str, *, icc: bool | None = None,
                        internal: bool = False,
                        members: Iterable[str] | None = None) -> NetworkState:
        """Make a user-defined bridge network what it would be had it been created with
        ``-o com.docker.network.bridge.enable_icc=false`` (``icc`` False; True: ``=true``,
        where the option was given) or ``--internal`` (``netsim whatif``: Docker cannot
        change these once a network exists, so this is a hypothesis, not a command). Its
        endpoints follow as they would have been made: on an internal network they have no
        gateway (``driver.endpoint_gateway``), and the containers' published ports move to
        their gateway endpoint (``_rebind``: DaemonError where a port they publish was
        taken since by another container). ``members``: names of containers that include
        every one attached to it, when the caller knows them (else every container is
        looked at). Raises DaemonError for an unknown network and InputError for one that is
        not a user-defined bridge."""
        rt = self._rt(host)
        net = self._find_network(rt, network)
        st = net.state
        spec = st.spec
        driver = drivers.get(st.driver)
        if not driver.bridge_options or st.predefined or spec is None:
            kind = ("predefined " if st.predefined else "") + st.driver
            raise InputError("network", "applies to a user-defined bridge network only",
                             got=f"{network} ({kind})", accepted="a network created with "
                             "docker network create (driver bridge)")
        was_internal = st.internal
        options, given = dict(st.options), dict(spec.Options)
        if icc is not None and (not icc or _ICC in given):
            options[_ICC] = given[_ICC] = "true" if icc else "false"
        spec = evolve(spec, Options=given, Internal=spec.Internal or internal)
        net.state = st = evolve(st,
            spec=spec, options=options, icc=driver.icc(spec),
            internal=driver.internal(spec))
        if not internal or was_internal:
            return st
        sub, sub6 = st.ipv4_subnet, st.ipv6_subnet
        gives = driver.endpoint_gateway(st, self.profile)
        name = st.name
        found = []
        for c in (rt.containers.values() if members is None else
                  [rt.containers[m] for m in members if m in rt.containers]):
            for e in c.endpoints:
                if e.network == name:
                    found.append(c)
                    break
        for c in found:
            ep = c.endpoint(name)
            if ep is None or not ep.active or not c.running:
                continue
            gw = (sub.gateway if gives and sub is not None and ep.ipv4 is not None
                  and isinstance(sub.gateway, ipaddress.IPv4Address) else None)
            gw6 = (sub6.gateway if gives and sub6 is not None and ep.ipv6 is not None
                   and isinstance(sub6.gateway, ipaddress.IPv6Address) else None)
            eps = [evolve(e, gateway=gw, gateway6=gw6) if e is ep else e
                   for e in c.endpoints]
            updated = evolve(c, endpoints=tuple(eps))
            updated = evolve(updated,
                endpoints=self._default_gateway(rt, updated, list(updated.endpoints)))
            rt.containers[c.name] = self._rebind(rt, updated)
        return st

    # ------------------------------------------------------------------ snapshot

    def state(self) -> State:
        """A frozen snapshot of every host.

        It only reads the networks' states: ``dict.items`` leaves a fork's networks
        (:class:`netsim.daemon.fork.CowDict`) uncopied. When nothing changed since the last
        snapshot, that snapshot is returned again, so that what was derived from it
        (:meth:`State.memo`: the topology index, the DNS records) is not derived again: a
        script's probes between two changes share one."""
        snapshot = State(
            lan=self.lan,
            hosts={
                name: HostState(
                    host=rt.host,
                    networks={**{n: net.state for n, net in dict.items(rt.networks)},
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
        last = self._last_state
        if last is not None and last == snapshot:  # (unchanged objects: by identity)
            return last
        self._last_state = snapshot
        return snapshot


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
