"""The world the daemon's concerns share, and its lookups.

:class:`EngineCore` is the base of every concern's mixin (netsim.daemon's docstring says why
mixins): it declares the engine's state, set by :class:`netsim.daemon.engine.Engine`, finds
hosts, networks, containers and swarm nodes as the daemon does, and declares (abstract) the
operations one concern calls in another, so that each module type-checks on its own.
"""

from __future__ import annotations

import ipaddress
from abc import ABC, abstractmethod
from collections.abc import Sequence
from dataclasses import dataclass

from netsim.api import ContainerDecl, ContainerSpec, Host, ImageDecl, Lan, NetworkSpec
from netsim.daemon import ids
from netsim.daemon.errors import not_found_container, not_found_network
from netsim.daemon.imagestore import ImageStore, LocalImage, RegistryData
from netsim.daemon.ipam import LOCAL_SCOPE_POOLS, AddressSpace, PoolToSplit, SubnetPool, ula_pool
from netsim.daemon.runtime import HostRuntime, NetworkRuntime, SwarmRuntime
from netsim.errors import DaemonError
from netsim.images import ImageInfo, parse_image_ref
from netsim.state import (
    ContainerState,
    EndpointState,
    MountState,
    NetworkState,
    PortMapping,
    SwarmNode,
)
from netsim.versions import EngineProfile

__all__ = ["EngineCore", "Outcome"]


@dataclass(frozen=True, init=False)
class Outcome:
    """What one operation did: the ID it created (if any) and the warnings Docker prints.

    One per operation: its ``__init__`` is written out (a frozen dataclass's own sets each
    field through ``object.__setattr__``: 0.77 against 0.52 µs, timeit; 1 % of a replay's
    instructions); tests/test_engine.py checks it takes the fields, in order, with their
    defaults."""

    id: str | None = None
    warnings: tuple[str, ...] = ()
    names: tuple[str, ...] = ()  # e.g. the networks/containers a prune removed
    #: set when a started container's main process ended at once (``echo``, ``true``…)
    exit_code: int | None = None
    #: what that process printed on stderr, where netsim knows it
    stderr: str = ""

    def __init__(self, id: str | None = None, warnings: tuple[str, ...] = (),
                 names: tuple[str, ...] = (), exit_code: int | None = None,
                 stderr: str = "") -> None:
        # the instance's dict, filled at once (frozen: setattr refuses)
        self.__dict__.update(id=id, warnings=warnings, names=names, exit_code=exit_code,
                             stderr=stderr)


class EngineCore(ABC):
    """The engine's state and the lookups every concern uses (see the module docstring)."""

    #: the LAN the hosts share
    lan: Lan
    #: what netsim's stand-ins for Docker's random IDs are drawn from (netsim.daemon.ids)
    seed: int
    #: the engine whose rules apply (netsim.versions); the State carries it
    profile: EngineProfile
    #: images declared by the input (``# netsim: image …``), by reference
    images: dict[str, ImageDecl]
    #: containers declared by the input (``# netsim: container …``), by (host, name)
    container_decls: dict[tuple[str, str], ContainerDecl]
    #: images of created containers that neither the catalogue nor a declaration knows, in
    #: the order first met (the Lab says so once each: netsim.images.declared)
    unknown_images: dict[str, None]
    #: what the daemons did that netsim does not simulate in full, each said once (the Lab's
    #: notes: a build's RUN steps …)
    notes: dict[str, None]
    _image_cache: dict[str, ImageInfo | ImageDecl | None]
    #: netsim's logical clock (seconds)
    clock: int
    _drawn: dict[tuple[object, ...], int]
    #: the ID of the last container created (also when its start then failed)
    last_created: str | None
    #: set by the Lab around a foreground ``docker run`` whose command it simulates itself
    #: (a probe): the main process is then held running until the Lab stops it with the
    #: probe's exit status
    hold_foreground: bool
    #: the swarm, once a host inits one
    swarm: SwarmRuntime | None
    #: what the main process of the container started last printed before it ended
    _last_stderr: str
    #: hosts whose swarm join timed out and goes on in the background
    _pending_join: set[str]
    #: each Docker host's daemon, by host name
    _hosts: dict[str, HostRuntime]
    #: each daemon's images (the ones it built, tagged, committed or loaded), by host name
    _stores: dict[str, ImageStore]
    #: what each registry container holds (pushed images), by container ID
    _registries: dict[str, RegistryData]

    # ------------------------------------------------------------------ lookups

    @abstractmethod
    def _image(self, reference: str) -> ImageInfo | ImageDecl | None:
        """The catalogue's (or a declaration's) facts of an image reference."""

    def image_store(self, host: str) -> ImageStore:
        """Docker host ``host``'s images."""
        self._rt(host)
        store = self._stores.get(host)
        if store is None:
            store = self._stores[host] = ImageStore()
        return store

    def _facts(self, reference: str, *, host: str | None = None,
               image_id: str = "") -> ImageInfo | ImageDecl | None:
        """What netsim knows of a container's image: the stored image's facts (by the ID the
        container was made from, else by reference on ``host``), else the catalogue's or a
        declaration's."""
        if self._stores:
            if image_id:
                for store in self._stores.values():
                    stored = store.images.get(image_id)
                    if stored is not None and stored.info is not None:
                        return stored.info
            elif host is not None and self._stores.get(host):
                found = self.find_image(host, reference)
                if found is not None and found.info is not None:
                    return found.info
        return self._image(reference)

    def _store_images(self) -> dict[str, ImageInfo]:
        """The facts of every stored image by ID (what containers made from them follow)."""
        return {i.id: i.info for store in self._stores.values()
                for i in store.images.values() if i.info is not None}

    def _container_image_infos(self) -> dict[str, ImageInfo]:
        """State.image_infos: each container made from a stored image with facts, by ID."""
        infos = self._store_images()
        if not infos:
            return {}
        return {c.id: infos[c.image_id] for rt in self._hosts.values()
                for c in rt.containers.values() if c.image_id in infos}

    def image_facts(self, host: str, ref: str) -> ImageInfo | ImageDecl | None:
        """What netsim knows of the image ``ref`` names on ``host``: a stored image's facts,
        else the catalogue's or a declaration's."""
        return self._created_image(host, ref)[1]

    def _created_image(self, host: str,
                       ref: str) -> tuple[str | None, ImageInfo | ImageDecl | None]:
        """A container of ``ref`` created on ``host``: the ID of the stored image it is made
        from (None: the catalogue's image, not in the store) and what netsim knows of that
        image (image_facts)."""
        found = self.find_image(host, ref) if self._stores.get(host) else None
        if found is None:
            return None, self._image(ref)
        return found.id, found.info if found.info is not None else self._image(ref)

    def find_image(self, host: str, ref: str) -> LocalImage | None:
        """An image of the host's store by reference (``mybuild``, ``mybuild:0.0``), full or
        short ID (``60436ad6d7f6``, ``sha256:…``), as the daemon's GetImage looks it up."""
        store = self.image_store(host)
        try:  # a reference first, then an ID or its prefix (daemon/images/image.go GetImage)
            image_id = store.tags.get(parse_image_ref(ref).canonical)
        except ValueError:
            image_id = None
        if image_id is not None:
            return store.images.get(image_id)
        hexpart = ref.removeprefix("sha256:")
        if hexpart and len(hexpart) <= 64 and all(c in "0123456789abcdef" for c in hexpart):
            matches = [i for i in store.images.values()
                       if i.id.removeprefix("sha256:").startswith(hexpart)]
            if len(matches) == 1:
                return matches[0]
        return None


    def _nth(self, *key: object) -> int:
        """How many times this key has been drawn (IDs stay put when unrelated steps change)."""
        n = self._drawn.get(key, 0) + 1
        self._drawn[key] = n
        return n

    def _rt(self, host: str) -> HostRuntime:
        try:
            return self._hosts[host]
        except KeyError:
            raise DaemonError(f"unknown Docker host {host!r}") from None

    def tick(self, seconds: int = 1) -> None:
        """Advance netsim's logical clock (used for Created/StartedAt and ``docker ps`` ages)."""
        self.clock += seconds

    def _address_space(self, host: Host) -> AddressSpace:
        """A host's local address space: the daemon's default-address-pools, else Docker's
        built-in ones; an engine ≥ 27 adds a ULA /48 of its own when they hold no IPv6 pool
        (moby daemon/daemon.go networkOptions, docker-v29.1.0)."""
        opts = host.daemon
        pools: list[PoolToSplit] = ([PoolToSplit(p.base, p.size)
                                     for p in opts.default_address_pools]
                                    or list(LOCAL_SCOPE_POOLS))
        if self.profile.default_ipv6_pool and not any(p.base.version == 6 for p in pools):
            pools.append(ula_pool(host.engine_id or ids.engine_id(self.seed, host.name)))
        return AddressSpace(pools=tuple(pools),
                            rotating=self.profile.rotating_subnet_allocation)

    def _reserved(self) -> list[ipaddress.IPv4Network]:
        """Networks the hosts are on: IPAM never chooses a pool that overlaps them
        (daemon/libnetwork/netutils/utils_linux.go InferReservedNetworks)."""
        return [self.lan.subnet]

    def _find_network(self, rt: HostRuntime, ref: str) -> NetworkRuntime:
        """Look a network up as the daemon does: full name, then full ID, then ID prefix."""
        if ref in rt.network_names_by_id:
            return rt.networks[rt.network_names_by_id[ref]]
        if ref in rt.networks:
            return rt.networks[ref]
        matches = [n for n in rt.networks.values() if n.state.id.startswith(ref)]
        if len(matches) == 1 and ref:
            return matches[0]
        if len(matches) > 1:
            raise DaemonError(f"network {ref} is ambiguous ({len(matches)} matches found)")
        raise not_found_network(ref)

    def _find_container(self, rt: HostRuntime, ref: str) -> ContainerState:
        """Full ID, then name, then unique ID prefix (daemon/container.go GetContainer); a
        legacy link's name ``PARENT/ALIAS`` is a name of its target (the daemon's name index)."""
        ref = ref.lstrip("/") if ref.startswith("/") else ref
        if ref in rt.names_by_id:
            return rt.containers[rt.names_by_id[ref]]
        if ref in rt.containers:
            return rt.containers[ref]
        if "/" in ref:
            parent, _, alias = ref.rpartition("/")
            owner = rt.containers.get(parent.strip("/"))
            target = next((t for t, a in owner.legacy_links if a == alias), None) \
                if owner is not None else None
            if target is not None and target in rt.containers:
                return rt.containers[target]
        matches = [c for c in rt.containers.values() if c.id.startswith(ref)] if ref else []
        if len(matches) == 1:
            return matches[0]
        if len(matches) > 1:
            raise DaemonError(f"multiple IDs found with provided prefix: {ref}", status=400)
        raise not_found_container(ref)

    def _node(self, rt: HostRuntime) -> SwarmNode | None:
        return self.swarm.nodes.get(rt.host.name) if self.swarm is not None else None

    def _swarm_id(self, *parts: object) -> str:
        """swarmkit identity.NewID: 25 characters of [0-9a-z]."""
        return ids.base36(self.seed, 25, *parts, self._nth("swarm-id", *parts))

    def _check_name(self, name: str) -> None:
        """libnetwork NewNetwork's first check: a name that is empty or only blanks
        (EngineProfile.invalid_network_name_message; the client trims the text's end)."""
        if not name.strip():
            raise DaemonError(self.profile.invalid_network_name_message.format(name=name).rstrip(),
                              status=400)

    def find_container(self, host: str, ref: str) -> ContainerState:
        """A container as the daemon finds it; Docker's error (no such / ambiguous) if not."""
        return self._find_container(self._rt(host), ref)

    def container(self, host: str, ref: str) -> ContainerState | None:
        """A container by ID, name or unique ID prefix, or None (no snapshot is built)."""
        try:
            return self._find_container(self._rt(host), ref)
        except DaemonError:
            return None

    def containers(self, host: str) -> list[ContainerState]:
        """The host's containers, oldest first (no snapshot is built)."""
        return list(self._rt(host).containers.values())

    def network_states(self, host: str) -> list[NetworkState]:
        """The host's networks, in creation order (no snapshot is built)."""
        return [n.state for n in self._rt(host).networks.values()]

    def host_rt(self, name: str) -> HostRuntime:
        """A host's daemon, by the host's name (KeyError if none)."""
        return self._hosts[name]

    @property
    def host_names(self) -> list[str]:
        """The hosts' names, in the order they were declared."""
        return list(self._hosts)

    def host_declaration(self, name: str) -> Host:
        """A host as declared (its name, hostname, LAN address, daemon options), without a
        snapshot of the whole State."""
        return self._rt(name).host

    # ------------------------------------------------------------------ across concerns
    # (each is implemented by one mixin and called from another)

    @abstractmethod
    def _network_create(self, rt: HostRuntime, spec: NetworkSpec) -> Outcome:
        """networks: ``docker network create`` on ``rt``."""

    @abstractmethod
    def _overlay_create(self, rt: HostRuntime, spec: NetworkSpec, errors: list[str], *,
                        ingress: bool = False) -> Outcome:
        """overlay: a swarm network, created by the manager's allocator."""

    @abstractmethod
    def _overlay_lookup(self, ref: str) -> NetworkRuntime | None:
        """overlay: a swarm network by exact name or ID, or None."""

    @abstractmethod
    def _overlay_attach(self, rt: HostRuntime, ref: str) -> NetworkRuntime:
        """overlay: attach this node to a swarm network (or Docker's error)."""

    @abstractmethod
    def _overlay_user(self, rt: HostRuntime, name: str, cid: str, pool: SubnetPool) -> None:
        """overlay: a container of this node uses the network (its LB on first use)."""

    @abstractmethod
    def _overlay_unuse(self, rt: HostRuntime, name: str, cid: str) -> None:
        """overlay: a container stops using it (the last one frees the node's LB)."""

    @abstractmethod
    def _overlay_once(self, rt: HostRuntime) -> None:
        """overlay: the overlay driver's once-per-daemon set-up."""

    @abstractmethod
    def _overlay_gone(self, rt: HostRuntime, name: str) -> None:
        """overlay: the network's namespaces on this node are destroyed."""

    @abstractmethod
    def _overlay_rm(self, rt: HostRuntime, net: NetworkRuntime) -> Outcome:
        """overlay: ``docker network rm`` of a swarm network."""

    @abstractmethod
    def _visible_overlays(self, rt: HostRuntime) -> dict[str, NetworkState]:
        """overlay: the swarm networks this node shows."""

    @abstractmethod
    def _default_gateway(self, rt: HostRuntime, c: ContainerState,
                         eps: list[EndpointState]) -> tuple[EndpointState, ...]:
        """overlay: the docker_gwbridge endpoint an overlay-only sandbox gets (or loses)."""

    @abstractmethod
    def _initial_endpoints(
        self, rt: HostRuntime, spec: ContainerSpec, mode: str
    ) -> list[EndpointState]:
        """endpoints: the endpoints a created container has (no addresses yet)."""

    @abstractmethod
    def _join(self, rt: HostRuntime, c: ContainerState, ep: EndpointState, index: int, *,
              gateway_only: bool = False) -> EndpointState:
        """endpoints: connect one endpoint (address, MAC, interface)."""

    @abstractmethod
    def _release_endpoint(self, rt: HostRuntime, ep: EndpointState,
                          cid: str | None = None) -> None:
        """endpoints: an endpoint leaves: its interface and address go."""

    @abstractmethod
    def _sandbox_gone(self, rt: HostRuntime, cid: str) -> None:
        """endpoints: the container's namespace is destroyed."""

    @abstractmethod
    def _needs_resolver(self, rt: HostRuntime, ep: EndpointState) -> bool:
        """endpoints: the endpoint needs the embedded DNS server."""

    @abstractmethod
    def _register_links(
        self, rt: HostRuntime, spec: ContainerSpec, mode: str
    ) -> list[tuple[str, str]]:
        """links: a created container's legacy links."""

    @abstractmethod
    def _check_links(self, rt: HostRuntime, c: ContainerState) -> None:
        """links: the legacy links hold (at a start or an exec)."""

    @abstractmethod
    def _check_linkable(self, rt: HostRuntime, c: ContainerState) -> None:
        """links: ≤ 27.x, a link target must be on the default bridge."""

    @abstractmethod
    def _bind_ports(
        self, rt: HostRuntime, c: ContainerState, joined: Sequence[EndpointState]
    ) -> list[PortMapping]:
        """publishing: program the container's published ports."""

    @abstractmethod
    def _rebind(self, rt: HostRuntime, c: ContainerState) -> ContainerState:
        """publishing: re-program them after the container's endpoints changed."""

    @abstractmethod
    def _gateway(self, spec: NetworkSpec, pool: SubnetPool,
                 given: ipaddress.IPv4Address | ipaddress.IPv6Address | None
                 ) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
        """networks: the gateway address IPAM reserves in a new network's pool."""

    @abstractmethod
    def _plug(self, rt: HostRuntime, c: ContainerState, net: NetworkState, *,
              gateway_only: bool) -> dict[str, int | None]:
        """endpoints: the kernel's numbers for a new endpoint's interface."""

    @abstractmethod
    def _listening(self, spec: ContainerSpec, where: tuple[str, str] | None = None,
                   image_id: str = "") -> tuple[str, ...]:
        """processes: the ports the container's processes listen on (``where``: its host and
        name, for a ``# netsim: container`` declaration)."""

    @abstractmethod
    def _note_image(self, host: str, name: str, reference: str,
                    info: ImageInfo | ImageDecl | None) -> None:
        """processes: a container of this image (whose facts are ``info``) was created (the
        image is kept when nothing knows it)."""

    @abstractmethod
    def _image_seen(self, host: str, name: str, reference: str) -> None:
        """processes: ``_note_image``, the image's facts looked up."""

    @abstractmethod
    def _main_process(self, rt: HostRuntime, c: ContainerState,
                      owner: ContainerState | None) -> tuple[int | None, str, tuple[str, ...]]:
        """processes: the main program starts (else Docker's error): its exit code if it ends
        at once (None: it runs on), what it printed, the ports it listens on."""

    @abstractmethod
    def _stop_exit_code(self, spec: ContainerSpec, *, signal: str | None = None,
                        kill: bool = False, image_id: str = "") -> int | None:
        """processes: the status ``docker stop``/``kill`` leave."""

    @abstractmethod
    def _check_mounts(self, rt: HostRuntime, spec: ContainerSpec) -> None:
        """volumes: the create's checks of the container's mounts (a bind's source)."""

    @abstractmethod
    def _mount_volumes(self, rt: HostRuntime, spec: ContainerSpec,
                       cid: str) -> tuple[MountState, ...]:
        """volumes: a new container's volumes (made, referenced); its --volumes-from mounts."""

    @abstractmethod
    def _release_volumes(self, rt: HostRuntime, c: ContainerState, *,
                         remove_anonymous: bool = False) -> None:
        """volumes: a removed container's volume references go (and its anonymous volumes)."""
