"""The engine: Docker's rules, operation by operation, from declarations to a resolved State.

:class:`Engine` holds the mutable world of one or more Docker hosts (each with its own daemon:
networks, containers, address space and port allocator) and applies :data:`netsim.model.Operation`
values one at a time, raising :class:`netsim.errors.DaemonError` with the daemon's own words when
Docker would refuse. :func:`apply` runs a whole list and returns the final :class:`State`.

The rules are Engine 29.1's; where an older engine differs, the engine reads a named field of its
:class:`netsim.versions.EngineProfile` (``Engine(profile=…)``), never a version number.
Source paths without a tag are in moby/moby at ``docker-v29.1.0``; ``docs/reference/*.md`` are
this repository's reference notes.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from netsim import ids
from netsim.errors import DaemonError
from netsim.images import (
    ImageInfo,
    bind_failure,
    default_command_runs,
    effective_argv,
    exec_failure,
    listening_ports,
    lookup,
    runtime_reason,
    stop_exit_code,
    unmet_env,
    usage_failure,
)
from netsim.ipam import (
    ERR_POOL_OVERLAP,
    GLOBAL_SCOPE_POOLS,
    AddressSpace,
    PoolToSplit,
    SubnetPool,
)
from netsim.model import (
    BridgeNetwork,
    ContainerCreate,
    ContainerPause,
    ContainerPrune,
    ContainerRemove,
    ContainerRename,
    ContainerRestart,
    ContainerSpec,
    ContainerStart,
    ContainerStop,
    EndpointConfig,
    Expect,
    Host,
    ImageDecl,
    IpamConfig,
    IpvlanNetwork,
    Lan,
    MacvlanNetwork,
    NetworkConnect,
    NetworkCreate,
    NetworkDisconnect,
    NetworkPrune,
    NetworkRemove,
    NetworkSpec,
    Operation,
    OverlayNetwork,
    PortBinding,
    Scenario,
    SwarmInit,
    SwarmJoin,
    SwarmLeave,
    parse_go_bool,
    parse_port_specs,
)
from netsim.state import (
    ContainerState,
    EndpointState,
    HostLink,
    HostState,
    NetworkState,
    PortMapping,
    State,
    SubnetState,
    SwarmNode,
    SwarmState,
    default_route_endpoint,
)
from netsim.versions import DEFAULT_PROFILE, EngineProfile, PortBindingOrder

__all__ = ["Engine", "Outcome", "apply", "apply_scenario"]

#: Linux's default ``ip_local_port_range``; Docker's ephemeral host ports come from it
#: (daemon/libnetwork/portallocator/portallocator_linux.go getDynamicPortRange).
EPHEMERAL_PORTS = (32768, 60999)

_IPAddr = ipaddress.IPv4Address | ipaddress.IPv6Address
_IPNet = ipaddress.IPv4Network | ipaddress.IPv6Network


@dataclass(frozen=True)
class Outcome:
    """What one operation did: the ID it created (if any) and the warnings Docker prints."""

    id: str | None = None
    warnings: tuple[str, ...] = ()
    names: tuple[str, ...] = ()  # e.g. the networks/containers a prune removed
    #: set when a started container's main process ended at once (``echo``, ``true``…)
    exit_code: int | None = None
    #: what that process printed on stderr, where netsim knows it
    stderr: str = ""


_ALREADY_IN_SWARM = ('This node is already part of a swarm. Use "docker swarm leave" to leave '
                     "this swarm and join another one.")
_TOKEN = re.compile(r"SWMTKN-1-[0-9a-z]{50}-[0-9a-z]{25}")


def _not_found_container(ref: str) -> DaemonError:
    return DaemonError(f"No such container: {ref}", status=404)


def _attach_timeout() -> DaemonError:
    """swarmkit's allocator could not give a container's attachment (or the node's load
    balancer) an address: the attachment never becomes ready and the daemon gives up
    (daemon/cluster/networks.go AttachNetwork; measured: 56-swarm-overlay-errors, a /30)."""
    return DaemonError("attaching to network failed, make sure your network options are "
                       "correct and check manager logs: context deadline exceeded")


def _not_found_network(ref: str) -> DaemonError:
    # daemon/libnetwork/error.go ErrNoSuchNetwork
    return DaemonError(f"network {ref} not found", status=404)


def _is_user_defined_mode(mode: str) -> bool:
    # api/types/container NetworkMode.IsUserDefined
    return mode not in ("default", "bridge", "host", "none") and not mode.startswith("container:")


@dataclass
class _PortAllocator:
    """Per-host port bindings (libnetwork portallocator): explicit and ephemeral host ports."""

    #: (host_ip, proto, port) -> container id
    bound: dict[tuple[str, str, int], str] = field(default_factory=dict)
    #: (proto, port) -> the host addresses bound to it (an index for conflict checks)
    by_port: dict[tuple[str, int], set[str]] = field(default_factory=dict)
    last: dict[str, int] = field(default_factory=dict)
    owned: dict[str, set[tuple[str, str, int]]] = field(default_factory=dict)

    def _conflict(self, host_ip: str, proto: str, port: int, per_address: bool = False) -> bool:
        """Same address, or the unspecified address of the same family on either side
        (``per_address``: only the same address, EngineProfile.port_allocator_per_address)."""
        addrs = self.by_port.get((proto, port))
        if not addrs:
            return False
        if per_address:
            return host_ip in addrs
        fam6 = ":" in host_ip
        if host_ip in ("0.0.0.0", "::"):
            return any((":" in a) == fam6 for a in addrs)
        return host_ip in addrs or ("::" if fam6 else "0.0.0.0") in addrs

    def _bind(self, cid: str, addrs: Sequence[str], proto: str, port: int) -> None:
        for a in addrs:
            self.bound[(a, proto, port)] = cid
            self.owned.setdefault(cid, set()).add((a, proto, port))
            self.by_port.setdefault((proto, port), set()).add(a)

    def allocate(self, cid: str, addrs: Sequence[str], proto: str, start: int, end: int,
                 skip: frozenset[int] = frozenset(), *, per_address: bool = False) -> int:
        """Bind one port number on every address of ``addrs``; Docker's error on conflict.
        ``skip``: ports the kernel refused to bind for this request (a host process holds
        them), which a range or an ephemeral request passes over (port_mapping_linux.go
        bindHostPorts retries up to maxAllocatePortAttempts). ``per_address``: an allocator
        with one map per address (≤ 26.x: EngineProfile.port_allocator_per_address), which
        also searches for an ephemeral port from where that address's map left off."""
        if start == 0:  # ephemeral: after the last port handed out, wrapping (portallocator.go)
            lo, hi = EPHEMERAL_PORTS
            key = f"{addrs[0]}/{proto}" if per_address else proto
            last = self.last.get(key, hi)
            span = hi - lo + 1
            for i in range(1, span + 1):
                cand = lo + (last - lo + i) % span
                if cand in skip:
                    continue
                if not any(self._conflict(a, proto, cand, per_address) for a in addrs):
                    self.last[key] = cand
                    self._bind(cid, addrs, proto, cand)
                    return cand
            raise DaemonError("all ports are allocated")
        for cand in range(start, end + 1):
            if cand in skip and start != end:
                continue
            clash = next((a for a in addrs if self._conflict(a, proto, cand, per_address)),
                         None)
            if clash is None:
                self._bind(cid, addrs, proto, cand)
                return cand
            if start == end:
                # portallocator.go RequestPortsInRange (v28.5.2:204-210): the address whose
                # map already holds the port (the existing binding), not the one asked for
                raise DaemonError(f"Bind for {self._holder(addrs, proto, cand)}:{cand} failed: "
                                  "port is already allocated")
        # a range with no port free in it (portallocator.go:257 errAllPortsAllocated)
        raise DaemonError("all ports are allocated")

    def _holder(self, addrs: Sequence[str], proto: str, port: int) -> str:
        """The bound address a request for ``addrs`` collides with: the same address, else the
        unspecified address of its family, else (for an unspecified request) a specific one."""
        held = self.by_port.get((proto, port), set())
        for a in addrs:
            if a in held:
                return a
            unspec = "::" if ":" in a else "0.0.0.0"
            if unspec in held:
                return unspec
            same = sorted(h for h in held if (":" in h) == (":" in a))
            if same and a == unspec:
                return same[0]
        return addrs[0]

    def kernel_clash(self, host_ip: str, proto: str, port: int) -> bool:
        """Another binding holds ``port`` on an address of ``host_ip``'s family that a socket on
        ``host_ip`` collides with in the kernel: one of the two is the unspecified address
        (docker-proxy's listen fails with EADDRINUSE; IPv6 sockets are V6ONLY)."""
        fam6 = ":" in host_ip
        unspec = ("::" if fam6 else "0.0.0.0")
        return any(a != host_ip and (":" in a) == fam6 and unspec in (a, host_ip)
                   for a in self.by_port.get((proto, port), ()))

    def release_port(self, cid: str, addrs: Sequence[str], proto: str, port: int) -> None:
        """Give back one port of a request (its bind failed)."""
        for a in addrs:
            key = (a, proto, port)
            if self.bound.get(key) == cid:
                del self.bound[key]
                self.owned.get(cid, set()).discard(key)
                self.by_port.get((proto, port), set()).discard(a)

    def release(self, cid: str) -> None:
        keys = self.owned.pop(cid, None)
        if keys is None:
            keys = {k for k, v in self.bound.items() if v == cid}
        for key in keys:
            if self.bound.get(key) == cid:
                del self.bound[key]
                addrs = self.by_port.get((key[1], key[2]))
                if addrs is not None:
                    addrs.discard(key[0])


@dataclass
class _Net:
    """Mutable runtime of one network: its state plus the address pools of its subnets."""

    state: NetworkState
    pools: list[SubnetPool]


@dataclass
class _Overlay:
    """Swarm-side bookkeeping of one overlay network (the subnet pool is in its _Net)."""

    attachable: bool
    #: False when the allocator could not give it its subnet (an overlapping --subnet)
    allocated: bool = True
    #: the per-node load-balancer address (``lb-<net>``; ``ingress-sbox`` for ingress)
    lb: dict[str, ipaddress.IPv4Address] = field(default_factory=dict)
    #: running users per host (container IDs)
    users: dict[str, set[str]] = field(default_factory=dict)


@dataclass
class _Swarm:
    cluster_id: str
    space: AddressSpace
    mask: int
    nodes: dict[str, SwarmNode] = field(default_factory=dict)
    networks: dict[str, _Net] = field(default_factory=dict)  # overlays by name
    overlays: dict[str, _Overlay] = field(default_factory=dict)
    next_vni: int = 4096  # ovmanager hands out VNIs serially from 4096
    ingress_gateways: dict[str, ipaddress.IPv4Address] = field(default_factory=dict)
    worker_token: str = ""
    manager_token: str = ""


@dataclass
class _Netns:
    """A network namespace as the kernel numbers it: interface indexes and peer netns ids.

    Linux gives a namespace's interfaces indexes from a counter that only goes up
    (``net/core/dev.c`` ``dev_index_reserve``: ``xa_alloc_cyclic`` from ``net->ifindex``); a device
    moved into a namespace keeps its index when no device there has it, else it gets the next
    (``dev_change_net_namespace``). Another namespace gets an id (``link-netnsid``) the first
    time a device links to it or moves to it: the lowest free one, freed when that namespace
    dies (``net_namespace.c`` ``alloc_netid``, ``peernet2id_alloc``). Measured on the lab
    (Docker 28.5, Linux 6.18): see tests/test_probes_interfaces.py.
    """

    next: int = 2  # lo is 1
    live: set[int] = field(default_factory=lambda: {1})
    nsids: dict[str, int] = field(default_factory=dict)
    #: the N of the next ``ethN`` (EngineProfile.ifname_counter_per_sandbox)
    next_eth: int = 0

    @classmethod
    def of_host(cls, host: Host) -> _Netns:
        """A Docker host at boot: lo 1, its NIC 2, docker0 3 (the daemon's first bridge); a
        veth NIC links to its peer's namespace, which takes id 0."""
        return cls(next=4, live={1, 2, 3}, nsids={"nic-peer": 0} if host.nic == "veth" else {})

    def alloc(self) -> int:
        while self.next in self.live:
            self.next += 1
        idx = self.next
        self.next += 1
        self.live.add(idx)
        return idx

    def passing(self) -> int:
        """An index taken by a device created here and moved to another namespace at once."""
        idx = self.alloc()
        self.live.discard(idx)
        return idx

    def move_in(self, idx: int) -> int:
        """A device arriving from another namespace with index ``idx``: its index here."""
        if idx in self.live:
            return self.alloc()
        self.live.add(idx)
        return idx

    def nsid(self, key: str) -> int:
        """This namespace's id for another one (``key``), allocated on first use."""
        if key not in self.nsids:
            used = set(self.nsids.values())
            self.nsids[key] = next(i for i in range(len(used) + 1) if i not in used)
        return self.nsids[key]


@dataclass
class _Host:
    host: Host
    space: AddressSpace
    networks: dict[str, _Net] = field(default_factory=dict)  # by name, creation order
    network_names_by_id: dict[str, str] = field(default_factory=dict)
    containers: dict[str, ContainerState] = field(default_factory=dict)  # by name
    names_by_id: dict[str, str] = field(default_factory=dict)
    ports: _PortAllocator = field(default_factory=_PortAllocator)
    #: the host's network namespace, and each running container's (by container ID)
    netns: _Netns = field(default_factory=_Netns)
    sandboxes: dict[str, _Netns] = field(default_factory=dict)
    #: the host end of the swarm ingress sandbox's docker_gwbridge veth
    links: list[HostLink] = field(default_factory=list)
    #: the overlay driver's once-per-daemon set-up has run (EngineProfile.overlay_test_vxlan)
    overlay_once: bool = False


def runc_start_error(profile: EngineProfile, program: str, reason: str) -> DaemonError:
    """The daemon's error when runc cannot start a container's main program (containerd's and
    runc's words, as each engine's packaged runtime prints them)."""
    context = "error during container init: " if profile.runc_init_error_context else ""
    tail = ": unknown" if profile.runtime_errors_end_in_unknown else ""
    # EngineProfile.create_task_error_prefix, runc_reports_eisdir
    prefix = "failed to create task for container: " if profile.create_task_error_prefix else ""
    return DaemonError(
        f"{prefix}failed to create shim task: OCI runtime create "
        f"failed: runc create failed: unable to start container process: {context}"
        f'exec: "{program}": {runtime_reason(reason, tail, eisdir=profile.runc_reports_eisdir)}',
        status=500)


class Engine:
    """A set of Docker hosts whose daemons apply operations one at a time.

    >>> from netsim.model import NetworkCreate, BridgeNetwork
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
    ) -> None:
        self.lan = lan or Lan()
        self.seed = seed
        #: the engine whose rules apply (netsim.versions); the State carries it
        self.profile = profile
        self.images = dict(images or {})
        self._image_cache: dict[str, ImageInfo | ImageDecl | None] = {}
        self.clock = 0
        self._drawn: dict[tuple[object, ...], int] = {}
        #: the ID of the last container created (also when its start then failed)
        self.last_created: str | None = None
        #: set by the Lab around a foreground ``docker run`` whose command it simulates itself
        #: (a probe): the main process is then held running until the Lab stops it with the
        #: probe's exit status
        self.hold_foreground = False
        self.swarm: _Swarm | None = None
        #: what the main process of the container started last printed before it ended
        self._last_stderr = ""
        #: hosts whose swarm join timed out and goes on in the background
        self._pending_join: set[str] = set()
        hosts = Scenario(lan=self.lan, hosts=tuple(hosts)).effective_hosts()
        self._hosts: dict[str, _Host] = {}
        for h in hosts:
            rt = _Host(host=h, space=AddressSpace(
                rotating=profile.rotating_subnet_allocation), netns=_Netns.of_host(h))
            self._hosts[h.name] = rt
            self._create_predefined(rt)
            self._index_predefined(rt)

    # ------------------------------------------------------------------ helpers

    def _nth(self, *key: object) -> int:
        """How many times this key has been drawn (IDs stay put when unrelated steps change)."""
        n = self._drawn.get(key, 0) + 1
        self._drawn[key] = n
        return n

    def _rt(self, host: str) -> _Host:
        try:
            return self._hosts[host]
        except KeyError:
            raise DaemonError(f"unknown Docker host {host!r}") from None

    def tick(self, seconds: int = 1) -> None:
        """Advance netsim's logical clock (used for Created/StartedAt and ``docker ps`` ages)."""
        self.clock += seconds

    def _create_predefined(self, rt: _Host) -> None:
        # docker0: the first default pool that does not overlap the host's own networks
        # (daemon/daemon_unix.go getDefaultBridgeIPAMConf, netutils.InferReservedNetworks)
        subnet = rt.space.request_predefined(self._reserved())
        pool = SubnetPool(subnet)
        gw = pool.allocate_any()
        nid = ids.hex_id(self.seed, "network", rt.host.name, "bridge")
        rt.networks["bridge"] = _Net(
            NetworkState(
                id=nid,
                name="bridge",
                driver="bridge",
                host=rt.host.name,
                predefined=True,
                subnets=(SubnetState(subnet=subnet, gateway=gw),),
                interface="docker0",
                ifindex=3,
                # doc: engine/network/tutorials/standalone.md (network inspect bridge)
                options={
                    "com.docker.network.bridge.default_bridge": "true",
                    "com.docker.network.bridge.enable_icc": "true",
                    "com.docker.network.bridge.enable_ip_masquerade": "true",
                    "com.docker.network.bridge.host_binding_ipv4": "0.0.0.0",
                    "com.docker.network.bridge.name": "docker0",
                    "com.docker.network.driver.mtu": "1500",
                },
            ),
            [pool],
        )
        for name, driver in (("host", "host"), ("none", "null")):
            rt.networks[name] = _Net(
                NetworkState(
                    id=ids.hex_id(self.seed, "network", rt.host.name, name),
                    name=name,
                    driver=driver,
                    host=rt.host.name,
                    predefined=True,
                ),
                [],
            )

    def _index_predefined(self, rt: _Host) -> None:
        for name, net in rt.networks.items():
            rt.network_names_by_id[net.state.id] = name

    def _reserved(self) -> list[ipaddress.IPv4Network]:
        """Networks the hosts are on: IPAM never chooses a pool that overlaps them
        (daemon/libnetwork/netutils/utils_linux.go InferReservedNetworks)."""
        return [self.lan.subnet]

    def _find_network(self, rt: _Host, ref: str) -> _Net:
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
        raise _not_found_network(ref)

    def _find_container(self, rt: _Host, ref: str) -> ContainerState:
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
        raise _not_found_container(ref)

    def declare_image(self, decl: ImageDecl) -> None:
        """Facts about an image netsim does not know (``# netsim: image …``)."""
        self.images[decl.name] = decl
        self._image_cache.clear()

    def _image(self, reference: str) -> ImageInfo | ImageDecl | None:
        if reference in self.images:
            return self.images[reference]
        if reference not in self._image_cache:
            self._image_cache[reference] = self._lookup_image(reference)
        return self._image_cache[reference]

    def _lookup_image(self, reference: str) -> ImageInfo | ImageDecl | None:
        if reference in self.images:
            return self.images[reference]
        base = reference.split("@")[0]
        repo = base.rsplit(":", 1)[0] if ":" in base.rsplit("/", 1)[-1] else base
        if repo in self.images:
            return self.images[repo]
        return lookup(reference)

    def _image_exposed(self, reference: str) -> list[str]:
        info = self._image(reference)
        if info is None:
            return []
        if isinstance(info, ImageDecl):
            return list(info.expose)
        return list(info.exposed)

    def _listening(self, spec: ContainerSpec) -> tuple[str, ...]:
        """The ports the container's processes listen on (images.listening_ports)."""
        info = self._image(spec.image)
        if isinstance(info, ImageDecl):
            if spec.command or spec.entrypoint is not None:
                return listening_ports(None, spec.command, entrypoint=spec.entrypoint)
            return info.listen if info.listen is not None else info.expose
        return listening_ports(info, spec.command, entrypoint=spec.entrypoint)

    def _run_outcome(self, spec: ContainerSpec) -> int | None:
        """None if the container's main process keeps running, else its exit code."""
        if self.hold_foreground:
            return None
        info = self._image(spec.image)
        if isinstance(info, ImageDecl):
            if spec.command:
                runs = default_command_runs(None, spec.command, spec.interactive, spec.tty)
            else:
                runs = info.runs == "server" or (
                    info.runs == "shell" and (spec.interactive or spec.tty))
            return None if runs else 0
        env = dict(e.partition("=")[::2] for e in spec.env)
        if default_command_runs(info, spec.command, spec.interactive, spec.tty, env=env,
                                entrypoint=spec.entrypoint):
            return None
        if info is None:
            return 0
        argv = effective_argv(info, spec.command, entrypoint=spec.entrypoint)
        if argv and argv[-1].rsplit("/", 1)[-1] == "false" and len(spec.command) == 1:
            return 1  # `false` fails, as it does everywhere
        missing = unmet_env(info, argv, env)
        if missing is not None:  # the entrypoint refuses to start (e.g. MYSQL_ROOT_PASSWORD)
            return missing.exit_code
        return info.exit_code or 0

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
                return self._network_connect(rt, op.container, op.endpoint)
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
                return Outcome()  # checked by netsim.check, not by the daemon
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

    # ------------------------------------------------------------------ networks

    def _network_create(self, rt: _Host, spec: NetworkSpec) -> Outcome:
        if spec.name in ("bridge", "host", "none", "default"):
            # daemon/network.go:292 (the trailing space of Docker's text is trimmed by the CLI)
            raise DaemonError(f"operation is not permitted on predefined {spec.name} network",
                              status=403)
        if spec.name in rt.networks or (
                spec.name == "" and self.profile.empty_network_name_is_default):
            # daemon/libnetwork/error.go NetworkNameError (EngineProfile.
            # empty_network_name_is_default: "" is the default network's name there)
            raise DaemonError(f"network with name {spec.name} already exists", status=409)
        # EngineProfile.ipam_config_validated: no ValidateIPAM before v25.0
        errors = _validate_ipam(spec) if self.profile.ipam_config_validated else []
        if isinstance(spec, OverlayNetwork):
            return self._overlay_create(rt, spec, errors)
        if errors:
            # daemon/network.go validateIpamConfig + daemon/internal/multierror: one error alone,
            # several as "* " bullets
            body = errors[0] if len(errors) == 1 else "\n".join(f"* {e}" for e in errors)
            raise DaemonError("invalid network config:\n" + body, status=400)
        self._check_name(spec.name)
        self._check_new_network(rt, spec)
        if isinstance(spec, BridgeNetwork):
            _check_bridge_options(spec, self.profile.bridge_gateway_modes)
        if isinstance(spec, MacvlanNetwork | IpvlanNetwork):
            _check_vlan_options(spec, ipvlan_l3s_and_flags=self.profile.ipvlan_l3s_and_flags)
        if spec.ipam_driver not in ("default", "null"):
            # libnetwork/controller.go getIPAMDriver (plugins.Get): no such IPAM plugin
            raise DaemonError(f'plugin "{spec.ipam_driver}" not found', status=404)

        if spec.scope == "swarm":
            # a manager's libnetwork refuses it with ManagerRedirectError and the API creates it
            # in the cluster (v28.5.2:libnetwork/controller.go:602-609, api/server/router/
            # network/network_routes.go:226-237): swarmkit names it (identity.NewID)
            nid = self._swarm_id("network", spec.name)
        else:
            nid = ids.hex_id(self.seed, "network", rt.host.name, spec.name,
                             self._nth("network", rt.host.name, spec.name))
        subnets: list[SubnetState] = []
        pools: list[SubnetPool] = []
        configs: list[IpamConfig | None] = list(spec.ipam) or [None]
        requested: list[_IPNet] = []  # given back if anything below fails
        try:
            for cfg in configs:
                if cfg is not None and cfg.subnet is not None:
                    subnet: _IPNet = cfg.subnet.network
                    rt.space.request(subnet, check_overlap=cfg.ip_range is None)
                    user_subnet = True
                else:
                    subnet = rt.space.request_predefined(
                        self._reserved(),
                        legacy_message=self.profile.legacy_pool_exhausted_message,
                    )
                    user_subnet = False
                requested.append(subnet)
                ip_range = cfg.ip_range.network if cfg is not None and cfg.ip_range else None
                # a range bigger than its subnet (only unvalidated IPAM configs have one) covers
                # the subnet (v20.10.24:vendor/github.com/docker/libnetwork/ipam/allocator.go
                # getAddressRange: the range's host part in the subnet's mask)
                drawn = subnet if ip_range is not None and _overlap(
                    ip_range, subnet) and ip_range.prefixlen < subnet.prefixlen else ip_range
                pool = SubnetPool(subnet, drawn, shared=self._same_subnet_pool(
                    rt, subnet, drawn) if user_subnet else None)
                pools.append(pool)
                gateway = self._gateway(spec, pool, cfg.gateway if cfg is not None else None)
                aux = dict(cfg.aux_addresses) if cfg is not None else {}
                for key, addr in aux.items():
                    # libnetwork/network.go ipamAllocateVersion: after the gateway, every aux
                    # address of the subnet is reserved (not only those inside --ip-range)
                    if addr.version != subnet.version or addr not in subnet:
                        raise DaemonError(f"auxiliary address: ({key}:{addr}) must belong to "
                                          f"the master pool: {subnet}", status=403)
                    try:
                        pool.allocate(addr)
                    except DaemonError as err:
                        raise DaemonError(f"failed to allocate secondary ip address "
                                          f"({key}:{addr}): {err.text}", status=500) from None
                subnets.append(
                    SubnetState(
                        subnet=subnet,
                        ip_range=ip_range,
                        gateway=gateway,
                        aux_addresses=aux,
                        user_subnet=user_subnet,
                    )
                )
            # the driver's CreateNetwork, once IPAM is done (libnetwork/controller.go
            # NewNetwork: ipamAllocate, then addNetwork)
            self._driver_create(rt, spec, nid, subnets)
            if self.profile.unknown_scope_refused and spec.scope not in (None, "", "local",
                                                                          "swarm"):
                # then the store of that scope (EngineProfile.unknown_scope_refused)
                raise DaemonError('This node is not a swarm manager. Use "docker swarm init" or '
                                  '"docker swarm join" to connect this node to swarm and try '
                                  "again.", status=503)
        except DaemonError:
            for sub in requested:
                rt.space.release(sub)
            for pool in pools:
                pool.detach()
            raise

        interface: str | None
        icc = masquerade = True
        if isinstance(spec, BridgeNetwork):
            interface = spec.bridge_name or f"br-{nid[:12]}"
            icc, masquerade = spec.icc, spec.masquerade
        elif isinstance(spec, MacvlanNetwork | IpvlanNetwork):
            interface = spec.parent
        else:
            interface = None
        internal = spec.internal or (
            isinstance(spec, MacvlanNetwork | IpvlanNetwork) and spec.parent is None
        )
        ifindex = self._network_link(rt, spec)
        state = NetworkState(
            id=nid,
            name=spec.name,
            driver=spec.driver,
            host=rt.host.name,
            spec=spec,
            subnets=tuple(subnets),
            interface=interface,
            internal=internal,
            attachable=spec.attachable,
            icc=icc,
            masquerade=masquerade,
            options=dict(spec.options),
            labels=dict(spec.labels),
            created=self.clock,
            ifindex=ifindex,
        )
        rt.networks[spec.name] = _Net(state, pools)
        rt.network_names_by_id[nid] = spec.name
        return Outcome(id=nid)

    def _network_link(self, rt: _Host, spec: NetworkSpec) -> int | None:
        """The index of a new network's link in the host's namespace: the bridge it creates;
        for macvlan/ipvlan the NIC, the VLAN link it creates (``eth0.10``; shared with the
        networks already on it) or the dummy parent of a parentless one."""
        if isinstance(spec, BridgeNetwork):
            return rt.netns.alloc()
        if not isinstance(spec, MacvlanNetwork | IpvlanNetwork):
            return None
        if spec.parent is None:
            return rt.netns.alloc()
        if spec.parent == rt.host.interface:
            return 2
        for other in rt.networks.values():
            o = other.state
            if o.driver in ("macvlan", "ipvlan") and o.interface == spec.parent:
                return o.ifindex
        return rt.netns.alloc() if "." in spec.parent else None

    def _drop_network_link(self, rt: _Host, net: NetworkState) -> None:
        """A removed network's bridge (or VLAN/dummy link, when no other network uses it) is
        deleted."""
        if net.ifindex is None or net.ifindex == 2:
            return
        if any(o.state.ifindex == net.ifindex for o in rt.networks.values()
               if o.state.id != net.id):
            return
        rt.netns.live.discard(net.ifindex)

    def _check_bridge_conflict(
        self, rt: _Host, nid: str, bridge: str, subnets: list[SubnetState]
    ) -> None:
        """The bridge driver's own check (drivers/bridge/bridge_linux.go checkConflict).

        It catches what IPAM lets through: a reused Linux bridge name, and the overlapping
        subnets the ``--ip-range`` quirk allows (ipams/defaultipam/address_space.go allocateSubnetL
        skips the overlap check of the parent subnet when a range is given).
        """
        mine = next((x for x in subnets if x.subnet.version == 4), None)
        for other in rt.networks.values():
            o = other.state
            if o.driver != "bridge" or o.interface is None:
                continue
            if o.predefined and self.profile.default_bridge_conflict_stale:
                continue  # taken for a stale default network (EngineProfile.
                # default_bridge_conflict_stale)
            reason = None
            theirs = o.ipv4_subnet
            if o.interface == bridge:
                reason = "networks have same bridge name"
            elif mine is not None and theirs is not None and _overlap(mine.subnet, theirs.subnet):
                reason = "networks have overlapping IPv4"
            if reason:
                raise DaemonError(
                    f"cannot create network {nid} ({bridge}): conflicts with network {o.id} "
                    f"({o.interface}): {reason}",
                    status=403,
                )

    def _gateway(
        self, spec: NetworkSpec, pool: SubnetPool, given: _IPAddr | None
    ) -> _IPAddr | None:
        """The gateway address IPAM reserves (daemon/libnetwork/network.go ipamAllocateVersion;
        drivers/{macvlan,ipvlan} GetSkipGwAlloc)."""
        if given is not None:
            if given in pool.own:
                return given
            try:
                return pool.allocate(given)
            except DaemonError as err:
                # libnetwork/network.go ipamAllocateVersion (v28.5.2:1603-1605)
                raise DaemonError(f"failed to allocate gateway ({given}): {err.text}",
                                  status=500) from None
        if isinstance(spec, BridgeNetwork) and spec.gateway_mode_ipv4 == "isolated" and \
                "isolated" in self.profile.bridge_gateway_modes:
            # bridge_linux.go GetSkipGwAlloc (v28.5.2:712-725): an isolated network has none
            return None
        if isinstance(spec, MacvlanNetwork | IpvlanNetwork):
            # the drivers' GetSkipGwAlloc (netsim.versions EngineProfile.vlan_gateway)
            rule = self.profile.vlan_gateway
            if rule == "only_when_given":  # 29.0+: none unless --gateway
                return None
            if rule == "unless_internal_or_l3":  # 28.x
                if spec.internal or spec.parent is None:
                    return None  # internal (or parentless, hence internal) networks
                if isinstance(spec, IpvlanNetwork) and spec.mode in ("l3", "l3s"):
                    return None
        return pool.allocate_any()

    def _same_subnet_pool(self, rt: _Host, subnet: _IPNet,
                          ip_range: _IPNet | None) -> SubnetPool | None:
        """A pool of another network on this very subnet, whose bitmap a new ``--ip-range``
        shares; the same subnet with no range, or with the same range again, overlaps
        (defaultipam/address_space.go allocateSubnet: ErrPoolOverlap)."""
        for other in rt.networks.values():
            for pool in other.pools:
                if pool.subnet != subnet:
                    continue
                if ip_range is None or pool.range == ip_range:
                    raise DaemonError(ERR_POOL_OVERLAP, status=403)
                return pool
        return None

    def _check_new_network(self, rt: _Host, spec: NetworkSpec) -> None:
        """libnetwork/controller.go NewNetwork's checks before any allocation (v28.5.2:
        510-628): an ingress network must be a swarm one, a --config-from network must exist,
        a swarm-scoped network needs a swarm."""
        if spec.ingress:
            raise DaemonError("Ingress network can only be global scope network", status=403)
        if spec.config_from is not None:
            source = rt.networks.get(spec.config_from)
            if source is None or source.state.spec is None or not source.state.spec.config_only:
                raise DaemonError(f'configuration network "{spec.config_from}" does not exist',
                                  status=404)
        if spec.scope == "swarm":
            node = self._node(rt)
            if node is None:
                raise DaemonError("cannot create a swarm scoped network when swarm is not "
                                  "active", status=403)
            if node.role != "manager":
                raise DaemonError("Cannot create a multi-host network from a worker node. "
                                  "Please create the network from a manager node.", status=403)

    def _driver_create(self, rt: _Host, spec: NetworkSpec, nid: str,
                       subnets: list[SubnetState]) -> None:
        """The driver's own CreateNetwork checks, after IPAM allocated the subnets."""
        if isinstance(spec, BridgeNetwork):
            if len([x for x in subnets if x.subnet.version == 4]) > 1:
                # bridge_linux.go processIPAM (v28.5.2:603-606)
                raise DaemonError("bridge driver doesn't support multiple subnets", status=403)
            if not spec.ipv4 and not spec.ipv6:
                # libnetwork/drivers/bridge/bridge_linux.go:744 (v28.5.2)
                raise DaemonError("IPv4 or IPv6 must be enabled", status=400)
            if spec.bridge_name is not None or any(
                    c.subnet is not None and c.ip_range is not None for c in spec.ipam):
                # otherwise IPAM already kept the subnet apart and br-<id> names are unique
                self._check_bridge_conflict(rt, nid, spec.bridge_name or f"br-{nid[:12]}",
                                            subnets)
        elif isinstance(spec, MacvlanNetwork | IpvlanNetwork):
            self._check_vlan_parent(rt, spec)

    def _host_links(self, rt: _Host) -> set[str]:
        """The links of a Docker host's namespace that a macvlan/ipvlan parent may name: lo,
        its NIC, docker0 and the other bridges, and the VLAN links networks made."""
        links = {"lo", rt.host.interface}
        for net in rt.networks.values():
            if net.state.interface:
                links.add(net.state.interface)
        return links

    def _check_vlan_parent(self, rt: _Host, spec: MacvlanNetwork | IpvlanNetwork) -> None:
        """The drivers' createNetwork (v28.5.2:libnetwork/drivers/macvlan/macvlan_network.go:
        73-128, ipvlan/ipvlan_network.go:72-112): the parent used by another network of the
        driver, then a parent that does not exist, which must be a VLAN sub-interface to make
        (macvlan_setup.go createVlanLink, parseVlan)."""
        parent = spec.parent
        if parent is None:
            return  # a dummy link dm-/di-<id12> of its own
        # d.getNetworks() walks a Go map: any order; netsim names the newest network (the
        # one measured in 26-macvlan-modes-errors)
        for other in reversed(rt.networks.values()):
            o = other.state
            if o.driver != spec.driver or o.interface != parent:
                continue
            if isinstance(spec, IpvlanNetwork):
                # getDummyName(nw.config.ID): "di-" and the first 12 of the ID
                raise DaemonError(f"network di-{o.id[:12]} is already using parent interface "
                                  f"{parent}")
            if self.profile.macvlan_exclusive_parent:
                raise DaemonError(f"network dm-{o.id[:12]} is already using parent interface "
                                  f"{parent}")
            if spec.mode == "passthru":
                raise DaemonError(
                    f"cannot use mode passthru, macvlan network {o.id} is already using "
                    f"parent interface {parent}"
                )
            if o.options.get("macvlan_mode") == "passthru":
                raise DaemonError(
                    f"macvlan network {o.id} is already using parent interface {parent} in "
                    "mode passthru"
                )
        links = self._host_links(rt)
        if parent in links:
            return
        if "." not in parent:
            raise DaemonError(
                f"invalid subinterface vlan name {parent}, example formatting is eth0.10")
        parts = parent.split(".")
        if len(parts) != 2:
            raise DaemonError("required interface name format is: name.vlan_id, ex. eth0.10 "
                              f"for vlan 10, instead received {parent}")
        base, vid = parts
        if not re.fullmatch(r"[+-]?[0-9]+", vid):  # strconv.Atoi
            raise DaemonError(f"unable to parse a valid vlan id from: {vid} (ex. eth0.10 for "
                              "vlan 10)")
        if base not in links:
            # (the client trims the message: client/request.go checkResponseErr)
            text = (self.profile.macvlan_missing_parent_message if spec.driver == "macvlan"
                    else "-o parent interface was not found on the host: {parent}")
            raise DaemonError(text.format(parent=base).rstrip())
        if not 1 <= int(vid) <= 4094:
            raise DaemonError(f"vlan id must be between 1-4094, received: {int(vid)}")

    def _attached(self, rt: _Host, net: NetworkState) -> list[ContainerState]:
        return [
            c
            for c in rt.containers.values()
            if (ep := c.endpoint(net.name)) is not None and ep.active
        ]

    def _network_rm(self, rt: _Host, ref: str) -> Outcome:
        if self._node(rt) is not None:
            overlay = self._overlay_lookup(ref)
            # found by exact name or ID; it must be instantiated on (visible to) this node
            if overlay is not None and overlay.state.name in self._visible_overlays(rt):
                return self._overlay_rm(rt, overlay)
        net = self._find_network(rt, ref)
        if net.state.predefined:
            # daemon/network.go:647
            raise DaemonError(f"{net.state.name} is a pre-defined network and cannot be removed",
                              status=403)
        active = self._attached(rt, net.state)
        if active:
            # daemon/network.go:662, libnetwork/network.go:1046 (name:%q id:%q, endpoint ID/12)
            names = ", ".join(
                f'name:"{c.name}" id:"{ep.endpoint_id[:12]}"'
                for c in sorted(active, key=lambda c: c.name)
                if (ep := c.endpoint(net.state.name)) is not None
            )
            if not self.profile.active_endpoints_listed:  # v26.1.5:libnetwork/error.go:81
                raise DaemonError("error while removing network: network "
                                  f"{net.state.name} id {net.state.id} has active endpoints",
                                  status=403)
            raise DaemonError(
                "error while removing network: network "
                f"{net.state.name} has active endpoints ({names})",
                status=403,
            )
        for s in net.state.subnets:
            rt.space.release(s.subnet)
        for pool in net.pools:
            pool.detach()
        self._drop_network_link(rt, net.state)
        del rt.networks[net.state.name]
        rt.network_names_by_id.pop(net.state.id, None)
        # stopped containers keep their endpoint configuration for a removed network; it is
        # reported by Docker at their next start
        return Outcome(id=net.state.id)

    def _network_prune(self, rt: _Host) -> Outcome:
        removed = []
        for name, net in list(rt.networks.items()):
            if net.state.predefined:
                continue
            if self._attached(rt, net.state):  # only running containers have endpoints
                continue
            for s in net.state.subnets:
                rt.space.release(s.subnet)
            for pool in net.pools:
                pool.detach()
            self._drop_network_link(rt, net.state)
            del rt.networks[name]
            rt.network_names_by_id.pop(net.state.id, None)
            removed.append(name)
        return Outcome(names=tuple(sorted(removed)))

    # ------------------------------------------------------------------ containers

    def _container_create(self, rt: _Host, spec: ContainerSpec, *, start: bool) -> Outcome:
        name = spec.name
        if name is not None and name in rt.containers:
            other = rt.containers[name]
            # daemon/errors.go nameConflictError
            raise DaemonError(
                f'Conflict. The container name "/{name}" is already in use by container '
                f'"{other.id}". You have to remove (or rename) that container to be able to '
                "reuse that name.",
                status=409,
            )
        mode = spec.network_mode
        warnings: list[str] = []
        self._validate_network_mode(rt, spec, mode)
        if self.profile.single_network_at_create and len(spec.networks) > 1:
            # v20.10.24:daemon/create.go:331-341 (EngineProfile.single_network_at_create); the
            # names are the EndpointsConfig keys as given, in Go map order
            names = ", ".join(cfg.network for cfg in spec.networks)
            raise DaemonError(f"Container cannot be connected to network endpoints: {names}",
                              status=400)
        if mode.startswith("container:"):
            # daemon_unix.go adaptSharedNamespaceContainer (v28.5.2:407-412): a target that
            # exists is stored by ID (a later error names the ID once it is removed)
            target = self.container(rt.host.name, mode.partition(":")[2])
            if target is not None:
                mode = f"container:{target.id}"
        endpoints = self._initial_endpoints(rt, spec, mode)
        legacy_links = self._register_links(rt, spec, mode)
        if name is None:
            name = self._generate_name(rt)
        idx = self._nth("container", rt.host.name, name)
        cid = ids.hex_id(self.seed, "container", rt.host.name, name, idx)
        exposed = sorted(
            set(self._image_exposed(spec.image))
            | set(spec.exposed_ports())
            | {b.port_key for b in spec.port_bindings()},
            key=_port_sort_key,
        )
        if self.profile.kernel_memory_warning and any(
                k == "kernel-memory" and _positive_size(v) for k, v in spec.options):
            # v20.10.24:daemon/daemon_unix.go:469-474 (EngineProfile.kernel_memory_warning)
            warnings.append("Specifying a kernel memory limit is deprecated and will be removed "
                            "in a future release.")
        if mode == "host" and spec.publish:
            # daemon/daemon_unix.go verifyPlatformContainerSettings
            warnings.append("Published ports are discarded when using host network mode")
        # daemon/container.go: the short ID; host mode: the host's (container: mode takes the
        # owner's at start, initializeNetworkingPaths)
        hostname = spec.hostname or cid[:12]
        if mode == "host" and not spec.hostname:
            hostname = rt.host.effective_hostname
        state = ContainerState(
            id=cid,
            name=name,
            host=rt.host.name,
            spec=spec,
            hostname=hostname,
            network_mode=mode,
            endpoints=tuple(endpoints),
            exposed_ports=tuple(exposed),
            legacy_links=tuple(legacy_links),
            created=self.clock,
            image_id="sha256:" + ids.hex_id(0, "image", spec.image.split("@")[0]),
        )
        rt.containers[name] = state
        rt.names_by_id[cid] = name
        self.last_created = cid
        if start:
            # a failed start leaves the container created, as Docker does
            exited = self._start(rt, state)
            return Outcome(id=cid, warnings=tuple(warnings), exit_code=exited,
                           stderr=self._last_stderr if exited is not None else "")
        return Outcome(id=cid, warnings=tuple(warnings))

    def _generate_name(self, rt: _Host) -> str:
        retry = 0
        index = self._nth("anonymous", rt.host.name)
        while True:
            name = ids.generated_name(self.seed, index, retry)
            if name not in rt.containers:
                return name
            retry += 1

    def _validate_network_mode(self, rt: _Host, spec: ContainerSpec, mode: str) -> None:
        """Create-time checks of HostConfig/NetworkingConfig (daemon/internal/runconfig)."""
        if mode == "container" or mode.startswith("container:"):
            # daemon/internal/runconfig/hostconfig.go validateNetContainerMode
            if not mode.partition(":")[2]:
                raise DaemonError(self.profile.invalid_container_mode_message, status=400)
            checks = (
                (spec.hostname, "conflicting options: hostname and the network mode"),
                (
                    spec.links,
                    "conflicting options: container type network can't be used with links. "
                    "This would result in undefined behavior",
                ),
                (spec.dns, "conflicting options: dns and the network mode"),
                (
                    spec.add_hosts,
                    "conflicting options: custom host-to-IP mapping and the network mode",
                ),
                (
                    spec.publish or spec.publish_all,
                    "conflicting options: port publishing and the container type network mode",
                ),
                (
                    spec.expose,
                    "conflicting options: port exposing and the container type network mode",
                ),
                (spec.mac_address or (self.profile.mac_address_per_container and _mac_of(spec)),
                 "conflicting options: mac-address and the network mode"),
            )
            for value, message in checks:
                if value:
                    raise DaemonError(message, status=400)
        if mode == "host" and self.profile.mac_address_per_container and _mac_of(spec):
            # v20.10.24:runconfig/hostconfig.go:67-69 (EngineProfile.mac_address_per_container)
            raise DaemonError("conflicting options: mac-address and the network mode", status=400)
        if mode == "host" and spec.links:
            # daemon/daemon_unix.go registerLinks
            raise DaemonError(
                "conflicting options: host type networking can't be used with links. This would "
                "result in undefined behavior",
                status=400,
            )

    def _initial_endpoints(
        self, rt: _Host, spec: ContainerSpec, mode: str
    ) -> list[EndpointState]:
        """The NetworkSettings.Networks a created container has (no addresses yet)."""
        if mode.startswith("container:"):
            # the joiner has no endpoints of its own (container_operations.go initializeNetworking)
            return []
        # host and none containers have an endpoint on the host/null network, with no address
        configs = list(spec.networks) or [EndpointConfig(network="bridge")]
        out = []
        for cfg in configs:
            netname = "bridge" if cfg.network == "default" else cfg.network
            try:
                net = self._find_network(rt, netname).state
            except DaemonError:
                # create succeeds; the start fails (daemon/create.go validates known networks)
                out.append(EndpointState(network=netname, network_id="", config=cfg))
                continue
            if cfg.network != net.name:
                cfg = cfg.model_copy(update={"network": net.name})
            try:
                if not self.profile.endpoint_settings_checked_at_start:
                    self._validate_endpoint(net, cfg)
            except DaemonError as err:
                # daemon/create.go:376 + container_operations.go:563
                raise DaemonError(
                    f"invalid config for network {net.name}: invalid endpoint settings:\n"
                    f"{err.text}", status=400) from None
            out.append(EndpointState(network=net.name, network_id=net.id, config=cfg))
        return out

    def _validate_endpoint(self, net: NetworkState, cfg: EndpointConfig, *,
                           ipam: bool = True) -> None:
        """daemon/container_operations.go validateEndpointSettings (create and connect): every
        problem is collected; several are listed as ``* `` bullets (v28.5.2:
        daemon/container_operations.go:534-579, docker-v29.1.5: :520-560). Where the daemon
        checks at the endpoint's set-up (EngineProfile.endpoint_settings_checked_at_start),
        the first problem alone; ``ipam`` false leaves out what only IPAM finds (an address
        outside the subnets: a stopped container's ``network connect`` there)."""
        errors: list[str] = []
        if not net.is_user_defined or net.driver in ("host", "null"):
            if cfg.ipv4_address or cfg.ipv6_address:
                # runconfig ErrUnsupportedNetworkAndIP (docker-v29.1.5: :533)
                errors.append(
                    "user specified IP address is supported on user defined networks only")
            if cfg.aliases:
                errors.append(self.profile.predefined_alias_message)
        if cfg.ipv4_address is not None:
            v4 = [s for s in net.subnets if s.subnet.version == 4]
            # the default bridge's subnet is configured (from docker0), hence "static"
            # (v28.5.2:api/types/network/endpoint.go:103-124 validateEndpointIPAddress)
            static = [s for s in v4 if s.user_subnet or (net.predefined and net.driver == "bridge")]
            if self.profile.static_ip_needs_user_subnet and not static:
                errors.append(
                    "user specified IP address is supported only when connecting to networks "
                    "with user configured subnets")
            elif ipam and not any(
                    cfg.ipv4_address in s.subnet
                    for s in (static if self.profile.static_ip_needs_user_subnet else v4)):
                errors.append(self.profile.static_ip_outside_subnet_message.format(
                    ip=cfg.ipv4_address))
        if errors and self.profile.endpoint_settings_checked_at_start:
            raise DaemonError(errors[0], status=400)
        if errors:
            text = errors[0] if len(errors) == 1 else "\n".join(f"* {e}" for e in errors)
            raise DaemonError(text, status=400)

    def _register_links(
        self, rt: _Host, spec: ContainerSpec, mode: str
    ) -> list[tuple[str, str]]:
        """Legacy links (default bridge only): daemon/daemon_unix.go registerLinks."""
        if _is_user_defined_mode(mode):
            return []
        out = []
        for link in spec.links:
            target, _, alias = link.partition(":")
            target = target.lstrip("/")
            try:
                child = self._find_container(rt, target)
            except DaemonError as err:
                raise DaemonError(f"could not get container for {target}: {err.text}",
                                  status=400) from None
            if child.network_mode == "host":
                raise DaemonError(
                    "conflicting options: host type networking can't be used with links. This "
                    "would result in undefined behavior",
                    status=400,
                )
            out.append((child.name, alias or child.name))
        return out

    # ------------------------------------------------------------------ start / stop

    def _container_start(self, rt: _Host, ref: str) -> Outcome:
        c = self._find_container(rt, ref)
        if c.paused:
            # daemon/start.go ContainerStart: checked before Running (v20.10.24:31, v28.5.2)
            raise DaemonError("cannot start a paused container, try unpause instead",
                              status=409)
        if c.running:
            return Outcome(id=c.id)  # docker start on a running container: a no-op
        exited = self._start(rt, c)  # set: the main process ended at once (start -a's status)
        return Outcome(id=c.id, exit_code=exited,
                       stderr=self._last_stderr if exited is not None else "")

    def _container_pause(self, rt: _Host, ref: str, *, pause: bool) -> Outcome:
        """``docker pause``/``unpause`` (daemon/pause.go containerPause: not running, then
        errNotPaused's "already paused"; daemon/unpause.go: "not paused" first, running or
        not). The freezer leaves the sandbox, endpoints and port mappings as they are."""
        c = self._find_container(rt, ref)
        if not pause and not c.paused:
            raise DaemonError(f"Container {c.id} is not paused", status=500)
        if pause and not c.running:
            raise DaemonError(self.profile.not_running_message.format(id=c.id), status=409)
        if pause and c.paused:
            raise DaemonError(f"Container {c.id} is already paused", status=409)
        rt.containers[c.name] = c.model_copy(update={"paused": pause})
        return Outcome(id=c.id)

    def _start(self, rt: _Host, c: ContainerState) -> int | None:
        """Start a container: join its sandbox's networks, bind its ports
        (daemon/container_operations.go allocateNetwork)."""
        mode = c.network_mode
        owner = None
        if mode.startswith("container:"):
            ref = mode.split(":", 1)[1]
            legacy = self.profile.netns_join_legacy_texts
            try:
                owner = self._find_container(rt, ref)
            except DaemonError as err:
                # daemon/container_operations.go getNetworkedContainer (v28.5.2:902; ≤ 27.x
                # bare: EngineProfile.netns_join_legacy_texts)
                if legacy:
                    raise
                raise DaemonError(f"joining network namespace of container: {err.text}",
                                  status=err.status) from None
            if owner.id == c.id:
                raise DaemonError("cannot join own network" if legacy
                                  else "cannot join own network namespace", status=400)
            if not owner.running:
                # daemon/container_operations.go getNetworkedContainer (≤ 27.x: the mode's
                # reference, which create stored as the owner's ID)
                raise DaemonError(
                    f"cannot join network of a non running container: {ref}" if legacy else
                    "cannot join network namespace of a non running container: container "
                    f"{owner.name} is {owner.status}",
                    status=409,
                )
        joined: list[EndpointState] = []
        try:
            if not mode.startswith("container:"):
                for ep in c.endpoints:
                    if not ep.gateway_only:
                        joined.append(self._join(rt, c, ep, len(joined)))
                joined = list(self._default_gateway(rt, c, joined))
            if self.profile.link_needs_default_network_first:
                self._check_linkable(rt, c)
            mappings = self._bind_ports(rt, c, joined)
            # the OCI spec is made once the networking is up (daemon/start.go createSpec)
            self._check_links(rt, c)
            self._check_exec(c.spec)
        except DaemonError as err:
            for ep in joined:
                self._release_endpoint(rt, ep, c.id)
            self._sandbox_gone(rt, c.id)
            rt.ports.release(c.id)
            if self.profile.setup_networking_prefix and not err.text.startswith((
                    "failed to set up container networking", "failed to create task")) and not (
                    mode.startswith("container:") or "non running" in err.text
                    or err.text.endswith("not attached to default bridge network")):
                # daemon/start_linux.go: errSetupNetworking wraps network set-up failures
                err = DaemonError(f"failed to set up container networking: {err.text}",
                                  status=err.status)
            self._start_failed(rt, c, err.text)
            if c.spec.auto_remove:
                # daemon/start.go containerStart (v28.5.2:119-126): a failed start of an
                # AutoRemove container removes it
                self._remove(rt, rt.containers.get(c.name, c))
            raise err from None
        exit_code = self._run_outcome(c.spec)
        self._last_stderr = ""
        if exit_code is None and not self.hold_foreground:
            exit_code, self._last_stderr = self._early_exit(rt, c, owner)
        # libnetwork creates a sandbox per start (controller.go NewSandbox: a random ID); a
        # container: joiner shares its owner's current one
        sandbox = ({"sandbox_owner": owner.id, "hostname": owner.hostname,
                    "sandbox_id": owner.sandbox_id} if owner else
                   {"sandbox_id": ids.hex_id(self.seed, "sandbox", c.id,
                                             self._nth("sandbox", c.id))})
        new = c.model_copy(
            update={
                **sandbox,
                "status": "running",
                "endpoints": tuple(joined) if joined else c.endpoints,
                "embedded_dns": any(self._needs_resolver(rt, e) for e in joined),
                "port_mappings": tuple(mappings),
                "listening": self._listening(c.spec),
                "started": self.clock,
                # FinishedAt keeps the last stop (daemon/container/state.go SetRunning)
                "exit_code": 0,
                "error": "",  # container/state.go setRunning: ErrorMsg = ""
            }
        )
        if self._last_stderr:
            new = new.model_copy(update={"main_stderr": self._last_stderr})
        rt.containers[c.name] = new
        if exit_code is not None:  # the main process ended by itself
            self._stop(rt, new, exit_code=exit_code)
        return exit_code

    def _start_failed(self, rt: _Host, c: ContainerState, text: str) -> None:
        """A failed start's State: Error is the error's text, ExitCode 126/127 where the
        runtime could not exec the program (daemon/errors.go setExitCodeFromError; v20.10.24
        translateContainerdStartErr), else 128 (exitUnknown) unless a code is already set;
        the status stays (v28.5.2:daemon/start.go:106-113, v20.10.24:daemon/start.go:121-127)."""
        low = text.lower()
        code = c.exit_code
        if "oci runtime" in low and ("permission denied" in low or "is a directory" in low):
            code = 126
        elif "oci runtime" in low and ("no such file or directory" in low
                                       or "executable file not found" in low
                                       or "not a directory" in low):
            code = 127
        elif code == 0:
            code = 128
        rt.containers[c.name] = c.model_copy(update={"error": text, "exit_code": code})

    def _check_links(self, rt: _Host, c: ContainerState) -> None:
        """Legacy links, when the container is on the default bridge (v28.5.2:daemon/
        container_operations_unix.go:32-60 setupLinkedContainers, at every start and every
        exec): each target must run and have a default-bridge endpoint. A container on
        ``none`` or a user-defined network keeps its links unchecked (measured:
        50-run-create-network-errors, ``--network none --link`` runs)."""
        if c.endpoint("bridge") is None:
            return
        for child_name, alias in c.legacy_links:
            child = rt.containers.get(child_name)
            if child is None or not child.running:
                raise DaemonError(
                    f"Cannot link to a non running container: /{child_name} AS /{c.name}/{alias}"
                )
            if child.endpoint("bridge") is None:
                raise DaemonError(f"container {child.id} not attached to default bridge network")

    def _check_linkable(self, rt: _Host, c: ContainerState) -> None:
        """≤ 27.x: once the default-bridge endpoint is made, the sandbox's options refuse a link
        target without a default-bridge endpoint, running or not (v26.1.5:daemon/
        container_operations.go:159-172 buildSandboxOptions isLinkable;
        EngineProfile.link_needs_default_network_first)."""
        if c.endpoint("bridge") is None:
            return
        for child_name, _alias in c.legacy_links:
            child = rt.containers.get(child_name)
            if child is not None and child.endpoint("bridge") is None:
                raise DaemonError(f"Cannot link to /{child_name}, as it does not belong to the "
                                  "default network")

    def exec_create(self, host: str, ref: str) -> ContainerState:
        """``docker exec``'s daemon checks (v28.5.2:daemon/exec.go ContainerExecCreate): the
        container must run, and its legacy links must still hold (setupLinkedContainers: a
        removed or stopped link target makes every exec fail). Returns the container."""
        rt = self._rt(host)
        c = self._find_container(rt, ref)
        if not c.running:
            raise DaemonError(self.profile.not_running_message.format(id=c.id), status=409)
        if c.paused:  # getActiveContainer: errExecPaused(name), the reference as given
            raise DaemonError(f"Container {ref} is paused, unpause the container before exec",
                              status=409)
        self._check_links(rt, c)
        return c

    def _check_exec(self, spec: ContainerSpec) -> None:
        """runc cannot start the main program (images.exec_failure): the start fails once the
        networking is set up (daemon/start.go: the task is created after initializeNetworking),
        with containerd's and runc's words; docker run turns them into 127 or 126."""
        info = self._image(spec.image)
        if not isinstance(info, ImageInfo):
            return
        argv = effective_argv(info, spec.command, entrypoint=spec.entrypoint)
        if not argv:
            return
        failure = exec_failure(info, argv[0])
        if failure is None:
            return
        raise runc_start_error(self.profile, argv[0], failure[1])

    def _early_exit(self, rt: _Host, c: ContainerState,
                    owner: ContainerState | None) -> tuple[int | None, str]:
        """A main program that starts and ends at once: one refusing its options
        (images.usage_failure), or a server whose port another process of its network
        namespace already holds (images.bind_failure; measured: BusyBox httpd -f and nc -l
        beside a host-network server or a published port, 20-host-network-service)."""
        info = self._image(c.spec.image)
        if not isinstance(info, ImageInfo):
            return None, ""
        argv = effective_argv(info, c.spec.command, entrypoint=c.spec.entrypoint)
        refused = usage_failure(info, argv)
        if refused is not None:
            return 1, refused
        mine = [k for k in self._listening(c.spec) if k.endswith("/tcp")]
        if mine and set(mine) & self._namespace_ports(rt, c, owner):
            return 1, bind_failure(info, argv)
        return None, ""

    def _namespace_ports(self, rt: _Host, c: ContainerState,
                         owner: ContainerState | None) -> set[str]:
        """The TCP ports already held in the network namespace ``c`` is joining: the host's
        (host-network containers' listeners, and every published host port, which the daemon
        binds for docker-proxy) or a ``container:`` owner's (its and its joiners' listeners)."""
        host_ns = c.network_mode == "host" or (owner is not None and owner.network_mode == "host")
        held: set[str] = set()
        if host_ns:
            for other in rt.containers.values():
                if other.id != c.id and other.running and (
                        other.network_mode == "host" or self._in_host_ns(rt, other)):
                    held.update(other.listening)
            held.update(f"{port}/{proto}" for (_a, proto, port) in rt.ports.bound)
        elif owner is not None:
            for other in rt.containers.values():
                if other.id != c.id and other.running and (
                        other.id == owner.id or other.sandbox_owner == owner.id):
                    held.update(other.listening)
        return held

    def _in_host_ns(self, rt: _Host, c: ContainerState) -> bool:
        if c.sandbox_owner is None:
            return False
        owner = rt.containers.get(rt.names_by_id.get(c.sandbox_owner, ""))
        return owner is not None and owner.network_mode == "host"

    def _join(self, rt: _Host, c: ContainerState, ep: EndpointState, index: int, *,
              gateway_only: bool = False) -> EndpointState:
        """Connect one endpoint: allocate its address and MAC, name its interface."""
        # the stored NetworkID is preferred over the name (container_operations.go:1131);
        # it is stored at the first start (network.go buildEndpointInfo), not at create: a
        # container never started looks its networks up by name (measured:
        # 52-container-lifecycle-errors, "network lab1 not found")
        network_id = ep.network_id if c.started is not None else ""
        by_id = rt.network_names_by_id.get(network_id)
        found = rt.networks[by_id] if by_id is not None else None
        if found is None and not network_id:
            found = rt.networks.get(ep.network)
        if found is None and self._node(rt) is not None:
            found = self._overlay_attach(rt, network_id or ep.network)
        if found is None:
            raise DaemonError(f"network {network_id or ep.network} not found", status=404)
        net = found
        st = net.state
        if ep.network_id != st.id:
            ep = ep.model_copy(update={"network": st.name, "network_id": st.id})
        if self.profile.endpoint_settings_checked_at_start:
            self._validate_endpoint(st, ep.config)  # updateNetworkConfig, then IPAM
        ipv4: ipaddress.IPv4Interface | None = None
        gateway = None
        sub = st.ipv4_subnet
        if sub is not None:
            pool = next(p for p in net.pools if p.subnet == sub.subnet)
            if ep.config.ipv4_address is not None:
                addr = pool.allocate(ep.config.ipv4_address)
            else:
                try:
                    addr = pool.allocate_any()
                except DaemonError:
                    if st.driver == "overlay":
                        raise _attach_timeout() from None
                    # libnetwork/endpoint.go assignAddressVersion
                    raise DaemonError(
                        "no available IPv4 addresses on this network's address pools: "
                        f"{st.name} ({st.id})", status=503) from None
            ipv4 = ipaddress.IPv4Interface((int(addr), sub.subnet.prefixlen))
            # overlay endpoints get no gateway: docker_gwbridge provides it (default_gateway.go)
            # nor ipvlan l3 ones, also where IPAM reserved a gateway (ipvlan_joinleave.go: a
            # default route via the interface)
            l3 = st.driver == "ipvlan" and st.options.get("ipvlan_mode") in ("l3", "l3s")
            # an --internal network gives none, but the bridge driver's did before 25.0
            # (EngineProfile.bridge_internal_gateway)
            open_ = not st.internal or (st.driver == "bridge"
                                        and self.profile.bridge_internal_gateway)
            if (open_ and st.driver in ("bridge", "macvlan", "ipvlan") and not l3
                    and isinstance(sub.gateway, ipaddress.IPv4Address)):
                gateway = sub.gateway
            if st.driver == "overlay":
                try:
                    self._overlay_user(rt, st.name, c.id, pool)
                except DaemonError:
                    pool.release(addr)
                    raise _attach_timeout() from None
        join_no = self._nth("join", c.id, st.id)
        endpoint_id = ids.hex_id(self.seed, "endpoint", c.id, st.id, join_no)
        if st.driver in ("host", "null"):
            # no interface of its own: the host's namespace, or one with only lo
            return ep.model_copy(update={"endpoint_id": endpoint_id})
        if ep.config.mac_address:
            mac = ep.config.mac_address.lower()
        elif st.driver == "ipvlan":
            mac = self._host_mac(rt)
        elif not self.profile.random_macs and ipv4 is not None:
            # before 28.0 the MAC was derived from the IPv4 address (02:42:ac:11:00:02)
            mac = "02:42:" + ":".join(f"{b:02x}" for b in ipv4.ip.packed)
        elif st.driver == "overlay" and ipv4 is not None:
            mac = "02:42:" + ":".join(f"{b:02x}" for b in ipv4.ip.packed)
        else:
            mac = ids.mac_address(self.seed, c.id, st.id, join_no)
        used = {e.ifname for e in c.endpoints if e.ifname}
        ifname = next(f"eth{i}" for i in range(index, index + 1 + len(used) + 1)
                      if f"eth{i}" not in used)
        if self.profile.ifname_counter_per_sandbox:
            sb = rt.sandboxes.setdefault(c.id, _Netns())
            ifname = f"eth{sb.next_eth}"
            sb.next_eth += 1
        return ep.model_copy(
            update={
                "endpoint_id": endpoint_id,
                "ifname": ifname,
                "ipv4": ipv4,
                "gateway": gateway,
                "mac": mac,
                "host_veth": ids.veth_name(self.seed, c.id, st.id, join_no)
                if st.driver == "bridge"
                else None,
                "dns_names": _dns_names(c, st, ep.config),
                **self._plug(rt, c, st, gateway_only=gateway_only),
            }
        )

    def _plug(self, rt: _Host, c: ContainerState, net: NetworkState, *,
              gateway_only: bool) -> dict[str, int | None]:
        """The kernel's numbers for a new endpoint's interface (:class:`_Netns`).

        bridge_linux.go ``createVeth`` creates the veth with its peer directly in the
        container's namespace (the next index there; the host end takes the host's next) --
        except for the docker_gwbridge endpoint libnetwork adds to an overlay-only sandbox,
        made in the host's namespace (the peer first: veth_newlink registers it first) and
        moved. A macvlan/ipvlan link and an overlay's veth are made in the host's namespace and
        moved too (drivers/macvlan, drivers/overlay ``Join``), the overlay's other end into the
        network's own namespace. Measured: 13: eth0@if14 / 15: eth1@if16 on a swarm node.
        """
        host = rt.netns
        sb = rt.sandboxes.setdefault(c.id, _Netns())
        key = f"sandbox:{c.id}"
        if net.driver == "bridge":
            # EngineProfile.veth_created_in_host_netns: every veth is made like the gateway's
            if gateway_only or self.profile.veth_created_in_host_netns:
                inner = host.passing()
                link = host.alloc()
                ifindex = sb.move_in(inner)
            else:
                ifindex = sb.alloc()
                link = host.alloc()
            bridge = rt.networks.get(net.name)
            if bridge is not None and not bridge.state.link_local:
                bridge.state = bridge.state.model_copy(update={"link_local": True})
            peer_ns = "host"
        elif net.driver == "overlay":
            inner, link = host.passing(), host.passing()
            ifindex = sb.move_in(inner)
            peer_ns = f"overlay:{net.name}"
        else:  # macvlan, ipvlan: the link's parent is the NIC or the VLAN/dummy link
            ifindex = sb.move_in(host.passing())
            link = net.ifindex if net.ifindex is not None else 2
            peer_ns = "host"
        return {"ifindex": ifindex, "link_ifindex": link, "link_netnsid": sb.nsid(peer_ns),
                "host_netnsid": host.nsid(key)}

    def _unplug(self, rt: _Host, ep: EndpointState, cid: str | None) -> None:
        """An endpoint's interface leaves its sandbox: libnetwork moves it back to the host's
        namespace (osl ``RemoveInterface``: a new index there when its own is taken, as eth0's
        2 always is) and deletes it, a veth with its host end."""
        if ep.ifindex is None:
            return
        host = rt.netns
        host.live.discard(host.move_in(ep.ifindex))
        if ep.host_veth is not None and ep.link_ifindex is not None:
            host.live.discard(ep.link_ifindex)
        sb = rt.sandboxes.get(cid) if cid is not None else None
        if sb is not None:
            sb.live.discard(ep.ifindex)

    def _sandbox_gone(self, rt: _Host, cid: str) -> None:
        """The container's namespace is destroyed: its id in the host's is freed."""
        rt.sandboxes.pop(cid, None)
        rt.netns.nsids.pop(f"sandbox:{cid}", None)

    def _host_mac(self, rt: _Host) -> str:
        return ids.mac_address(self.seed, "host-nic", rt.host.name)

    def _release_endpoint(self, rt: _Host, ep: EndpointState,
                          cid: str | None = None) -> None:
        self._unplug(rt, ep, cid)
        net = rt.networks.get(ep.network)
        if net is None and self.swarm is not None:
            net = self.swarm.networks.get(ep.network)
            if net is not None and cid is not None:
                self._overlay_unuse(rt, ep.network, cid)
        if net is None or ep.ipv4 is None:
            return
        for pool in net.pools:
            if ep.ipv4.ip in pool.subnet:
                pool.release(ep.ipv4.ip)

    def _bind_ports(
        self, rt: _Host, c: ContainerState, joined: Sequence[EndpointState]
    ) -> list[PortMapping]:
        """Publish ports on the gateway endpoint (bridge_linux.go ProgramExternalConnectivity)."""
        spec = c.spec
        if c.network_mode == "host" or c.network_mode.startswith("container:"):
            return []
        bindings: list[PortBinding] = parse_port_specs(spec.publish)
        if spec.publish_all:
            explicit = {b.port_key for b in bindings}
            for key in c.exposed_ports:
                if key not in explicit:
                    port, proto = key.split("/")
                    bindings.append(PortBinding(container_port=int(port), proto=proto))
        if not bindings:
            return []
        bindings = _order_bindings(bindings, self.profile.port_binding_order)
        gw = default_route_endpoint(
            joined, lambda name: net.state if (net := rt.networks.get(name)) else None)
        if gw is None:
            return []
        net = rt.networks[gw.network].state
        if net.driver != "bridge":
            return []  # macvlan/ipvlan: no port mapping (drivers/bridge/port_mapping_linux.go)
        if net.internal:
            # a gateway endpoint on an --internal network (EngineProfile.bridge_internal_gateway)
            # gets no external connectivity (v20.10.24:vendor/github.com/docker/libnetwork/
            # endpoint.go:586 ``if !n.internal``)
            return []
        out: list[PortMapping] = []
        default_ip = net.options.get("com.docker.network.bridge.host_binding_ipv4", "")
        try:
            for b in bindings:
                host_ip = b.host_ip or ("" if default_ip in ("", "0.0.0.0") else default_ip)
                addrs = [host_ip] if host_ip else ["0.0.0.0", "::"]
                ranged = b.host_port_start != b.host_port_end or b.host_port_start == 0
                skip: set[int] = set()
                while True:
                    host_port = rt.ports.allocate(
                        c.id, addrs, b.proto, b.host_port_start, b.host_port_end,
                        frozenset(skip), per_address=self.profile.port_allocator_per_address)
                    failed = next(((a, r) for a in addrs if (r := self._unbindable(
                        rt, a, b.proto, host_port, c.id)) is not None), None)
                    if failed is None:
                        break
                    if not ranged or failed[1] != "address already in use" or len(skip) >= 9:
                        raise DaemonError(self._bind_error(failed[0], host_port, b, gw,
                                                           failed[1]))
                    # another port of the range: the allocator moves on (up to 10 attempts)
                    rt.ports.release_port(c.id, addrs, b.proto, host_port)
                    skip.add(host_port)
                out.extend(
                    PortMapping(
                        container_port=b.container_port, proto=b.proto, host_ip=a,
                        host_port=host_port
                    )
                    for a in addrs
                )
        except DaemonError as err:
            rt.ports.release(c.id)
            # libnetwork/endpoint.go:661
            setup = ("failed to set up container networking: "
                     if self.profile.setup_networking_prefix else "")
            raise DaemonError(
                f"{setup}driver failed programming external "
                f"connectivity on endpoint {c.name} ({gw.endpoint_id}): {err.text}",
                status=500,
            ) from None
        return out

    def _host_addresses(self, rt: _Host) -> set[ipaddress.IPv4Address | ipaddress.IPv6Address]:
        """The addresses a process of the host may bind: its NIC's, its bridges' gateways."""
        out: set[ipaddress.IPv4Address | ipaddress.IPv6Address] = {
            ipaddress.ip_address("::1")}
        if rt.host.address is not None:
            out.add(rt.host.address)
        for net in rt.networks.values():
            if net.state.driver == "bridge":
                out.update(s.gateway for s in net.state.subnets if s.gateway is not None)
        return out

    def _unbindable(self, rt: _Host, addr: str, proto: str, port: int,
                    cid: str) -> str | None:
        """Why the kernel refuses to bind ``addr:port`` for a published port (None: it binds):
        an address the host does not have (EADDRNOTAVAIL), or a port a process in the host's
        namespace (a host-network container) already holds (EADDRINUSE)."""
        if addr not in ("0.0.0.0", "::"):
            ip = ipaddress.ip_address(addr)
            if not (ip.is_loopback or ip in self._host_addresses(rt)) and self._not_mine(rt, ip):
                return "cannot assign requested address"
        if any(self._holds(other, addr, f"{port}/{proto}") for other in rt.containers.values()
               if other.id != cid and other.running and other.network_mode == "host"):
            return "address already in use"
        if self.profile.port_allocator_per_address and rt.ports.kernel_clash(addr, proto, port):
            # another published port's docker-proxy holds it (EngineProfile.
            # port_allocator_per_address: the allocator let both through)
            return "address already in use"
        return None

    def _not_mine(self, rt: _Host, ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
        """An address netsim knows the host does not have: another one of the LAN's, or of a
        subnet of the host's Docker networks (its own there are the gateways). Any other may be
        on a NIC netsim does not model, so it is taken as the host's."""
        if ip in self.lan.subnet:
            return True
        return any(ip in s.subnet for net in rt.networks.values() for s in net.state.subnets)

    @staticmethod
    def _holds(c: ContainerState, addr: str, key: str) -> bool:
        """A host-network container's program listens on ``key`` on every address (netsim's
        listeners bind the unspecified address), so it holds ``addr`` of the same family."""
        return key in c.listening and ":" not in addr

    def _bind_error(self, addr: str, port: int, b: PortBinding, gw: EndpointState,
                    reason: str) -> str:
        """The refusal of a published port the kernel would not bind, in the engine's words
        (EngineProfile.host_port_bind_error)."""
        v6 = ":" in addr
        host_ip = f"[{addr}]" if v6 else addr
        ranged = b.host_port_end > b.host_port_start or b.host_port_start == 0
        text = self.profile.host_port_bind_error.format(
            host_ip=host_ip, host_port=port, binding_port=port if not ranged else
            (f"{b.host_port_start}-{b.host_port_end}" if b.host_port_start else ""),
            container_ip=gw.ipv4.ip if gw.ipv4 is not None else "",
            container_port=b.container_port, proto=b.proto, family="6" if v6 else "4",
            reason=reason)
        if ranged and text.startswith("failed to bind host port for "):
            # port_mapping_linux.go:626: a port picked from a range names itself first
            text = text.replace("failed to bind host port for ",
                                f"failed to bind host port {port} for ", 1)
        return text

    def _container_stop(self, rt: _Host, ref: str, exit_code: int | None = None, *,
                        signal: str | None = None, kill: bool = False) -> Outcome:
        c = self._find_container(rt, ref)
        if c.running:
            if exit_code is None:
                exit_code = self._stop_exit_code(c.spec, signal=signal, kill=kill)
                if exit_code is None:  # docker kill -s: the main process ignored the signal
                    return Outcome(id=c.id)
            self._stop(rt, c, exit_code=exit_code)
        return Outcome(id=c.id)

    def _stop(self, rt: _Host, c: ContainerState, exit_code: int | None = None) -> None:
        """Stop: release addresses and ports; keep the endpoint configuration
        (container_operations.go releaseNetwork)."""
        for ep in c.endpoints:
            self._release_endpoint(rt, ep, c.id)
        self._sandbox_gone(rt, c.id)
        rt.ports.release(c.id)
        if exit_code is None:
            exit_code = self._stop_exit_code(c.spec) or 0
        cleared = tuple(
            EndpointState(network=e.network, network_id=e.network_id, config=e.config)
            for e in c.endpoints
            if not e.gateway_only
        )
        new = c.model_copy(
            update={
                "status": "exited",
                "paused": False,  # container/state.go SetStopped (stop/kill thaw it first)
                "embedded_dns": False,
                "exit_code": exit_code,
                # ≤ 26.x releaseNetwork leaves a stopped container's SandboxID (inspect)
                "sandbox_id": c.sandbox_id if (self.profile.stopped_keeps_sandbox
                                               and c.sandbox_owner is None) else "",
                "endpoints": cleared,
                "port_mappings": (),
                "finished": self.clock,
            }
        )
        rt.containers[c.name] = new
        if c.spec.auto_remove:
            self._remove(rt, new)

    def _stop_exit_code(self, spec: ContainerSpec, *, signal: str | None = None,
                        kill: bool = False) -> int | None:
        """The status ``docker stop`` leaves: 0 if the main program handles the stop signal,
        137 if PID 1 ignores it and is killed after the timeout (images.stop_exit_code); for
        ``docker kill -s`` also None: the signal is ignored and the container runs on."""
        info = self._image(spec.image)
        init = any(k == "init" and v == "true" for k, v in spec.options)
        if isinstance(info, ImageDecl):
            if spec.command or spec.entrypoint is not None:
                info = None
            elif info.runs == "shell":  # a declared image: a shell ignores SIGTERM
                return stop_exit_code(None, ("sh",), interactive=True, init=init,
                                      signal=signal, kill=kill)
            else:  # a declared server is assumed to handle it
                return stop_exit_code(None, ("server",), init=init, signal=signal, kill=kill)
        return stop_exit_code(info, spec.command, entrypoint=spec.entrypoint,
                              interactive=spec.interactive, tty=spec.tty, init=init,
                              signal=signal, kill=kill)

    def _container_rm(self, rt: _Host, ref: str, force: bool) -> Outcome:
        c = self._find_container(rt, ref)
        if c.running and not force:
            # daemon/delete.go containerRm + cleanupContainer (a paused one: "Unpause and then
            # stop…", v20.10.24:84-88; "must be unpaused first", v26.1.5:93-94, v28.5.2:93-94)
            if self.profile.rm_running_legacy_text:  # EngineProfile.rm_running_legacy_text
                if c.paused:
                    raise DaemonError(
                        f"You cannot remove a paused container {c.id}. Unpause and then stop "
                        "the container before attempting removal or force remove", status=409)
                raise DaemonError(
                    f"You cannot remove a running container {c.id}. Stop the container before "
                    "attempting removal or force remove", status=409)
            # EngineProfile.rm_error_names_container
            shown = f"/{c.name}" if self.profile.rm_error_names_container else ref
            if c.paused:
                raise DaemonError(f'cannot remove container "{shown}": container is paused and '
                                  "must be unpaused first", status=409)
            raise DaemonError(
                f'cannot remove container "{shown}": container is running: stop the container '
                "before removing or force remove",
                status=409,
            )
        if c.running:
            self._stop(rt, c, exit_code=137)
            c = rt.containers.get(c.name, c)
        self._remove(rt, c)
        return Outcome(id=c.id)

    def _link_rm(self, rt: _Host, ref: str) -> Outcome:
        """``docker rm -l PARENT/ALIAS``: the parent forgets the link, its /etc/hosts entry and
        environment go (v28.5.2:daemon/delete.go:63-86 rmLink)."""
        child = self._find_container(rt, ref)  # a link name resolves to its target
        name = ref if ref.startswith("/") else "/" + ref
        parent, _, alias = name.rpartition("/")
        if not parent:
            raise DaemonError("Conflict, cannot remove the default link name of the container")
        owner = rt.containers.get(parent.lstrip("/"))
        if owner is None:
            raise DaemonError(f"Cannot get parent {parent} for link name {name}")
        kept = tuple(link for link in owner.legacy_links if link[1] != alias)
        rt.containers[owner.name] = owner.model_copy(update={"legacy_links": kept})
        return Outcome(id=child.id)

    def _remove(self, rt: _Host, c: ContainerState) -> None:
        rt.containers.pop(c.name, None)
        rt.names_by_id.pop(c.id, None)

    def _container_rename(self, rt: _Host, ref: str, new_name: str) -> Outcome:
        c = self._find_container(rt, ref)
        new_name = new_name.removeprefix("/")
        if new_name == c.name:
            raise DaemonError("Renaming a container with the same name as its current name",
                              status=400)
        # daemon/rename.go:52 wraps what daemon/names.go reserveName refuses
        if not re.fullmatch(r"[a-zA-Z0-9][a-zA-Z0-9_.-]+", new_name):
            raise DaemonError(
                f"Error when allocating new name: Invalid container name (/{new_name}), only "
                "[a-zA-Z0-9][a-zA-Z0-9_.-] are allowed", status=400)
        if new_name in rt.containers:
            other = rt.containers[new_name]
            raise DaemonError(
                f'Error when allocating new name: Conflict. The container name "/{new_name}" '
                f'is already in use by container "{other.id}". You have to remove (or rename) '
                "that container to be able to reuse that name.",
                status=409,
            )
        spec = c.spec.model_copy(update={"name": new_name})
        renamed = c.model_copy(update={"name": new_name, "spec": spec})
        # daemon/rename.go: the DNS names are rebuilt
        eps = tuple(
            e.model_copy(
                update={"dns_names": _dns_names(renamed, rt.networks[e.network].state, e.config)}
            )
            if e.active and e.network in rt.networks
            else e
            for e in c.endpoints
        )
        renamed = renamed.model_copy(update={"endpoints": eps})
        del rt.containers[c.name]
        rt.containers[new_name] = renamed
        rt.names_by_id[c.id] = new_name
        return Outcome(id=c.id)

    # ------------------------------------------------------------------ connect / disconnect

    def _network_connect(self, rt: _Host, ref: str, cfg: EndpointConfig) -> Outcome:
        """docker network connect (daemon/container_operations.go ConnectToNetwork)."""
        c = self._find_container(rt, ref)
        mode = c.network_mode
        try:
            net: _Net | None = self._find_network(rt, cfg.network)
        except DaemonError:
            net = None
            if c.running and self._node(rt) is not None:
                net = self._overlay_attach(rt, cfg.network)  # raises Docker's words
            elif c.running:
                raise
            # stopped: stored as given; the start will fail (inferred, :1043)
        if net is None:
            if c.endpoint(cfg.network) is None:
                ep = EndpointState(network=cfg.network, network_id="", config=cfg)
                rt.containers[c.name] = c.model_copy(update={"endpoints": (*c.endpoints, ep)})
            return Outcome(id=c.id)
        st = net.state
        existing_ep = c.endpoint(st.name)
        if (c.running and st.scope == "swarm" and existing_ep is not None
                and existing_ep.endpoint_id):
            # daemon/container_operations.go findAndAttachNetwork (v28.5.2:288-296): a
            # dynamic (swarm) network the container is attached to
            raise DaemonError(f"{c.name} is already attached to network {st.name}", status=409)
        if st.driver == "host" and mode != "host":
            raise DaemonError(self.profile.host_connect_refusal, status=403)
        if mode.startswith("container:") or (mode == "host" and st.name != "host"):
            raise DaemonError(
                "container sharing network namespace with another container or host cannot be "
                "connected to any other network",
                status=403,
            )
        if mode == "none" or st.driver == "null":
            raise DaemonError(
                "container cannot be connected to multiple networks with one of the networks in "
                "private (none) mode",
                status=403,
            )
        if cfg.network != st.name:
            cfg = cfg.model_copy(update={"network": st.name})
        try:
            self._validate_endpoint(st, cfg, ipam=c.running)
        except DaemonError as err:
            if self.profile.endpoint_settings_checked_at_start:
                raise
            raise DaemonError(f"invalid endpoint settings:\n{err.text}", status=400) from None
        existing = c.endpoint(st.name)
        if existing is not None:
            if not c.running:
                return Outcome(id=c.id)  # updateNetworkSettings returns early (:173-183)
            raise DaemonError(
                f"endpoint with name {c.name} already exists in network {st.name}", status=403
            )
        ep = EndpointState(network=st.name, network_id=st.id, config=cfg)
        if not c.running:
            rt.containers[c.name] = c.model_copy(update={"endpoints": (*c.endpoints, ep)})
            return Outcome(id=c.id)
        ep = self._join(rt, c, ep, len([e for e in c.endpoints if e.ifname]))
        updated = c.model_copy(update={
            "endpoints": (*c.endpoints, ep),
            "embedded_dns": c.embedded_dns or self._needs_resolver(rt, ep)})
        new_eps = self._default_gateway(rt, updated, list(updated.endpoints))
        updated = updated.model_copy(update={"endpoints": new_eps})
        # the gateway endpoint may change; port mappings follow it (sandbox.go Endpoint.Less,
        # bridge_linux.go ProgramExternalConnectivity)
        updated = self._rebind(rt, updated)
        rt.containers[c.name] = updated
        return Outcome(id=c.id)

    def _needs_resolver(self, rt: _Host, ep: EndpointState) -> bool:
        """An endpoint with name resolution enabled: a user-defined network's (not the default
        bridge, host or none; daemon/network.go CreateOptionDisableResolution)."""
        if ep.gateway_only:
            return False
        net = rt.networks.get(ep.network) or self._overlay_lookup(ep.network)
        return (net is not None and net.state.is_user_defined
                and net.state.driver not in ("host", "null"))

    def _rebind(self, rt: _Host, c: ContainerState) -> ContainerState:
        """Re-program published ports after the set of endpoints changed: they are programmed on the
        gateway endpoint only (bridge_linux.go ProgramExternalConnectivity)."""
        if not (c.spec.publish or c.spec.publish_all):
            return c
        rt.ports.release(c.id)
        mappings = self._bind_ports(rt, c, [e for e in c.endpoints if e.active])
        return c.model_copy(update={"port_mappings": tuple(mappings)})

    def _network_disconnect(self, rt: _Host, netref: str, ref: str, force: bool) -> Outcome:
        """docker network disconnect (container_operations.go DisconnectFromNetwork)."""
        try:
            c = self._find_container(rt, ref)
        except DaemonError:
            if force:
                # daemon/container_operations.go ForceEndpointDelete (v28.5.2:804-815): the
                # network must exist; then an endpoint named like the container (none is left
                # behind by netsim's containers)
                self._find_network(rt, netref)
                raise DaemonError(f"endpoint {ref} not found", status=404) from None
            raise
        try:
            net: _Net | None = self._find_network(rt, netref)
        except DaemonError:
            # an overlay the container is attached to (a swarm-scoped network)
            net = self._overlay_lookup(netref) if self._node(rt) is not None else None
            if net is None and c.running and not force:
                raise
        name = net.state.name if net is not None else netref
        ep = c.endpoint(name)
        if ep is None and net is not None:
            ep = next((e for e in c.endpoints if e.network_id == net.state.id), None)
        if c.running and net is not None:
            if net is not None and net.state.driver == "host" and c.network_mode == "host":
                raise DaemonError(self.profile.host_disconnect_refusal, status=403)
            if ep is None:
                raise DaemonError(f"container {c.id} is not connected to network {name}",
                                  status=403)
        elif ep is None:
            raise DaemonError(f"container {c.id} is not connected to the network {name}",
                              status=403)
        self._release_endpoint(rt, ep, c.id)
        rest = tuple(e for e in c.endpoints if e is not ep)
        updated = c.model_copy(update={"endpoints": rest})
        if c.running:
            updated = updated.model_copy(update={"endpoints": self._default_gateway(
                rt, updated, list(updated.endpoints))})
            updated = self._rebind(rt, updated)
        rt.containers[c.name] = updated
        return Outcome(id=c.id)

    # ------------------------------------------------------------------ swarm and overlays
    # docs/reference/swarm-overlay.md (sources: moby daemon/cluster, swarmkit allocator,
    # libnetwork default_gateway.go, drivers/overlay) — standalone containers on attachable
    # overlays; services are out of scope.

    def _node(self, rt: _Host) -> SwarmNode | None:
        return self.swarm.nodes.get(rt.host.name) if self.swarm is not None else None

    def _swarm_id(self, *parts: object) -> str:
        """swarmkit identity.NewID: 25 characters of [0-9a-z]."""
        return ids.base36(self.seed, 25, *parts, self._nth("swarm-id", *parts))

    def advertise_address(self, host: str, given: str | None) -> str:
        """The ``ADDR:PORT`` a node advertises (daemon/cluster/listen_addr.go
        resolveAdvertiseAddr), or the daemon's error for a bad ``--advertise-addr``."""
        return self._advertise(self._rt(host), given)

    def _advertise(self, rt: _Host, given: str | None) -> str:
        if not given:
            # autodetection: the one UP "device" link's global address; a veth NIC (the lab's)
            # is no device, so the fallback looks at every UP interface outside Docker's
            # subnets (resolveSystemAddrViaSubnetCheck): the host's one NIC either way
            # (v28.5.2:daemon/cluster/listen_addr_linux.go, listen_addr.go)
            return f"{rt.host.address}:2377"
        # net.SplitHostPort, else the whole text is the host and the port the listen port's
        m = re.fullmatch(r"\[([^\[\]]*)\]:([^:\[\]]*)|([^:\[\]]*):([^:\[\]]*)", given)
        host, port = ((m.group(1) or m.group(3) or "", m.group(2) or m.group(4) or "")
                      if m else (given, ""))
        # resolveInputIPAddr: an interface's address first (IPv4 preferred), then a literal IP
        # that is not unspecified; anything else is errBadAdvertiseAddr (listen_addr.go:16)
        ip: ipaddress.IPv4Address | ipaddress.IPv6Address | None = None
        if host == rt.host.interface:
            ip = rt.host.address
        elif host == "lo":
            ip = ipaddress.IPv4Address("127.0.0.1")
        else:
            bridge = next((n.state for n in rt.networks.values()
                           if n.state.driver == "bridge" and n.state.interface == host), None)
            sub = bridge.ipv4_subnet if bridge is not None else None
            if sub is not None and isinstance(sub.gateway, ipaddress.IPv4Address):
                ip = sub.gateway
            elif "%" not in host:  # Go's net.ParseIP takes no IPv6 zone
                try:
                    ip = ipaddress.ip_address(host)
                except ValueError:
                    ip = None
        if ip is None or ip.is_unspecified:
            raise DaemonError("advertise address must be a non-zero IP address or network "
                              "interface (with optional port number)", status=400)
        return f"{ip if ip.version == 4 else f'[{ip}]'}:{port or '2377'}"

    def _swarm_init(self, rt: _Host, op: SwarmInit) -> Outcome:
        if self._node(rt) is not None or rt.host.name in self._pending_join:
            raise DaemonError(_ALREADY_IN_SWARM, status=503)
        address = self._advertise(rt, op.advertise_addr)  # before the pools (swarm.go Init)
        if op.default_addr_pool_mask_length > 29:
            # daemon/cluster/listen_addr.go:108
            raise DaemonError(f"subnet size is out of range: {op.default_addr_pool_mask_length}")
        pools = [PoolToSplit(p, op.default_addr_pool_mask_length) for p in op.default_addr_pools]
        for p in pools:
            if p.size < p.base.prefixlen:
                raise DaemonError(f'invalid CIDR: "{p.base}". Subnet size is too small for '
                                  f"pool: {p.size}")
        # a new cluster each init, with new join tokens (swarmkit ca.GenerateJoinToken; measured:
        # 58-reference-examples, init after leave prints another token)
        n = self._nth("cluster", rt.host.name)
        cluster = ids.base36(self.seed, 25, "cluster", rt.host.name, *((n,) if n > 1 else ()))
        self.swarm = _Swarm(
            cluster_id=cluster,
            space=AddressSpace(pools=tuple(pools) or GLOBAL_SCOPE_POOLS),
            mask=op.default_addr_pool_mask_length,
            worker_token=ids.join_token(self.seed, cluster, "worker"),
            manager_token=ids.join_token(self.seed, cluster, "manager"),
        )
        self._add_node(rt, "manager", address)
        # the ingress network takes the pool's first subnet (swarmkit allocator doNetworkInit)
        self._overlay_create(rt, OverlayNetwork(name="ingress", ingress=True), [],
                             ingress=True)
        self._swarm_node_setup(rt)
        node = self._node(rt)
        assert node is not None
        return Outcome(id=node.node_id)

    def _add_node(self, rt: _Host, role: str, address: str) -> None:
        assert self.swarm is not None
        self.swarm.nodes[rt.host.name] = SwarmNode(
            node_id=self._swarm_id("node", rt.host.name), role=role,
            address=address)

    def _swarm_node_setup(self, rt: _Host) -> None:
        """What a node gets on init/join: docker_gwbridge, and its ingress-sbox addresses."""
        assert self.swarm is not None
        # the ingress network's namespace gets its vxlan link, the ingress sandbox the veth of
        # its ingress endpoint (made in the host's namespace and moved); then docker_gwbridge
        # and the sandbox's veth on it, whose host end stays (measured: 7: docker_gwbridge,
        # 9: vethXXX@if8 on a fresh node)
        ns = rt.netns
        self._overlay_once(rt)
        ns.passing()
        ns.nsid("overlay:ingress")
        ns.passing()
        ns.passing()
        ns.nsid("sandbox:ingress-sbox")
        if "docker_gwbridge" not in rt.networks:
            # libnetwork/default_gateway_linux.go: exactly these three options
            self._network_create(rt, BridgeNetwork(name="docker_gwbridge", options={
                "com.docker.network.bridge.enable_icc": "false",
                "com.docker.network.bridge.enable_ip_masquerade": "true",
                "com.docker.network.bridge.name": "docker_gwbridge",
            }))
        gw = rt.networks["docker_gwbridge"]
        inner = ns.passing()
        n = self._nth("ingress-sbox", rt.host.name)
        rt.links.append(HostLink(
            ifindex=ns.alloc(), name=ids.veth_name(self.seed, "ingress-sbox", rt.host.name, n),
            link_ifindex=inner, link_netnsid=ns.nsid("sandbox:ingress-sbox"),
            master=gw.state.interface or "docker_gwbridge",
            mac=ids.mac_address(self.seed, "ingress-sbox", rt.host.name, n)))
        if not gw.state.link_local:
            gw.state = gw.state.model_copy(update={"link_local": True})
        # gateway_ingress-sbox takes the first container address
        self.swarm.ingress_gateways[rt.host.name] = ipaddress.IPv4Address(
            int(gw.pools[0].allocate_any()))
        ingress = self.swarm.networks["ingress"]
        self.swarm.overlays["ingress"].lb[rt.host.name] = ipaddress.IPv4Address(
            int(ingress.pools[0].allocate_any()))

    def pending_join(self, host: str) -> bool:
        """The host's join timed out and goes on in the background (neither member nor not)."""
        return host in self._pending_join

    def _swarm_join(self, rt: _Host, op: SwarmJoin) -> Outcome:
        if self._node(rt) is not None or rt.host.name in self._pending_join:
            raise DaemonError(_ALREADY_IN_SWARM, status=503)
        if not _TOKEN.fullmatch(op.token):
            raise DaemonError("invalid join token", status=400)
        remote = op.remote if ":" in op.remote else f"{op.remote}:2377"
        manager = None
        if self.swarm is not None:
            for host, node in self.swarm.nodes.items():
                h = self._hosts[host].host
                names = {node.address, f"{h.name}:2377", f"{h.effective_hostname}:2377"}
                if node.role == "manager" and remote in names:
                    manager = node
        if manager is None or self.swarm is None:
            host_part, _, port = remote.rpartition(":")
            if self._answers_refused(host_part):
                # a machine that is there but has no swarm manager listening: gRPC's dial
                # error at once (measured: 55-swarm-errors, the LAN's router)
                dialing = "dialing:" if self.profile.grpc_dialing_colon else "dialing"
                raise DaemonError(
                    'rpc error: code = Unavailable desc = connection error: desc = "transport: '
                    f"Error while {dialing} dial tcp {host_part}:{port}: connect: connection "
                    'refused"', status=500)
            # daemon/cluster/errors.go: nothing answered at that address within 20 s; the node
            # goes on trying in the background, a member-to-be until it leaves (measured:
            # 55-swarm-errors, the next join is "already part of a swarm")
            self._pending_join.add(rt.host.name)
            raise DaemonError(
                "Timeout was reached before node joined. The attempt to join the swarm will "
                'continue in the background. Use the "docker info" command to see the current '
                "swarm status of your node.", status=500)
        if op.token == self.swarm.worker_token:
            role = "worker"
        elif op.token == self.swarm.manager_token:
            role = "manager"
        elif op.token[9:59] != self.swarm.worker_token[9:59]:
            raise DaemonError(
                "remote CA does not match fingerprint. Expected: "
                + ids.hex_id(self.seed, "ca", self.swarm.cluster_id), status=400)
        else:
            raise DaemonError("rpc error: code = InvalidArgument desc = A valid join token is "
                              "necessary to join this cluster", status=400)
        self._add_node(rt, role, self._advertise(rt, None))
        self._swarm_node_setup(rt)
        return Outcome(id=self.swarm.nodes[rt.host.name].node_id)

    def _answers_refused(self, address: str) -> bool:
        """An address on the LAN that a machine holds (the router, a Docker host): a TCP
        connection to a port nothing listens on is refused there, not left to time out."""
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return any(address in (h.host.name, h.host.effective_hostname)
                       for h in self._hosts.values())
        return ip == self.lan.gateway or any(h.host.address == ip for h in self._hosts.values())

    def _swarm_leave(self, rt: _Host, force: bool) -> Outcome:
        node = self._node(rt)
        if rt.host.name in self._pending_join:  # it stops trying
            self._pending_join.discard(rt.host.name)
            return Outcome()
        if node is None or self.swarm is None:
            raise DaemonError("This node is not part of a swarm", status=503)
        managers = [n for n in self.swarm.nodes.values() if n.role == "manager"]
        if node.role == "manager" and not force:
            # daemon/cluster/swarm.go:380-398
            text = ("You are attempting to leave the swarm on a node that is participating as a "
                    "manager. ")
            if len(managers) == 1:
                text += ("Removing the last manager erases all current state of the swarm. Use "
                         "`--force` to ignore this message.")
            else:
                text += ("The only way to restore a swarm that has lost consensus is to "
                         "reinitialize it with `--force-new-cluster`. Use `--force` to suppress "
                         "this message.")
            raise DaemonError(text, status=503)
        leaving = [rt.host.name]
        if node.role == "manager" and len(managers) == 1:
            leaving = list(self.swarm.nodes)  # netsim: the swarm ends with its last manager
        for host in leaving:
            self._node_leave(self._hosts[host])
        if not self.swarm.nodes:
            self.swarm = None
        return Outcome()

    def _node_leave(self, rt: _Host) -> None:
        """Detach this node's containers from every overlay, drop ingress (swarm.go:400-428)."""
        assert self.swarm is not None
        for c in list(rt.containers.values()):
            overlay_eps = [e for e in c.endpoints if e.network in self.swarm.networks]
            if not overlay_eps:
                continue
            for ep in overlay_eps:
                if ep.active:
                    self._release_endpoint(rt, ep, c.id)
            rest = [e for e in c.endpoints if e.network not in self.swarm.networks]
            updated = c.model_copy(update={"endpoints": tuple(rest)})
            if c.running:
                updated = updated.model_copy(update={
                    "endpoints": self._default_gateway(rt, updated, rest)})
                updated = self._rebind(rt, updated)
            rt.containers[c.name] = updated
        for name, info in self.swarm.overlays.items():
            lb = info.lb.pop(rt.host.name, None)
            if lb is not None:
                self.swarm.networks[name].pools[0].release(lb)
            info.users.pop(rt.host.name, None)
            self._overlay_gone(rt, name)
        rt.netns.nsids.pop("sandbox:ingress-sbox", None)
        for link in rt.links:
            rt.netns.live.discard(link.ifindex)
        rt.links.clear()
        self.swarm.ingress_gateways.pop(rt.host.name, None)  # (the address stays taken)
        del self.swarm.nodes[rt.host.name]  # docker_gwbridge stays (nothing deletes it)

    def _check_name(self, name: str) -> None:
        """libnetwork NewNetwork's first check: a name that is empty or only blanks
        (EngineProfile.invalid_network_name_message; the client trims the text's end)."""
        if not name.strip():
            raise DaemonError(self.profile.invalid_network_name_message.format(name=name).rstrip(),
                              status=400)

    def _overlay_create(self, rt: _Host, spec: OverlayNetwork, errors: list[str], *,
                        ingress: bool = False) -> Outcome:
        node = self._node(rt)
        if (node is not None and node.role != "manager"
                and self.profile.overlay_worker_refused_by_libnetwork):
            # v20.10.24:vendor/github.com/docker/libnetwork/controller.go:777-785
            raise DaemonError("Cannot create a multi-host network from a worker node. Please "
                              "create the network from a manager node.", status=403)
        if node is None or node.role != "manager" or self.swarm is None:
            # daemon/network.go:302 — a worker gets the same words as a non-swarm node
            raise DaemonError(
                'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" '
                "to connect this node to swarm and try again.", status=503)
        if spec.name in self.swarm.networks:
            raise DaemonError(f"network with name {spec.name} already exists", status=409)
        if errors:
            body = errors[0] if len(errors) == 1 else "\n".join(f"* {e}" for e in errors)
            raise DaemonError("invalid network config:\n" + body, status=400)
        if spec.ingress and spec.attachable:
            # swarmkit manager/controlapi/network.go validateNetworkSpec, its first check
            raise DaemonError("rpc error: code = InvalidArgument desc = ingress network cannot "
                              "be attachable", status=400)
        self._check_name(spec.name)
        if not spec.ipv4:
            raise DaemonError("IPv4 cannot be disabled in a Swarm scoped network", status=400)
        present = next((n.state.id for n in self.swarm.networks.values()
                        if isinstance(n.state.spec, OverlayNetwork) and n.state.spec.ingress),
                       None)
        if spec.ingress and present is not None:
            # controlapi/network.go CreateNetwork: one ingress network per swarm
            raise DaemonError("rpc error: code = AlreadyExists desc = ingress network "
                              f"({present}) is already present", status=409)
        cfg = spec.ipam[0] if spec.ipam else None
        allocated = True
        if cfg is not None and cfg.subnet is not None:
            subnet: _IPNet = cfg.subnet.network
            if self.swarm.space.overlaps(subnet):
                allocated = False  # create succeeds; the allocator fails (inferred,
                # docs/reference/swarm-overlay.md §4.2)
            else:
                self.swarm.space.request(subnet)
        else:
            subnet = self.swarm.space.request_predefined()
        ip_range = cfg.ip_range.network if cfg is not None and cfg.ip_range else None
        pool = SubnetPool(subnet, ip_range, serial=True)
        gateway = pool.allocate(cfg.gateway) if cfg is not None and cfg.gateway else (
            pool.allocate_any())
        vni = self.swarm.next_vni
        self.swarm.next_vni += 1
        nid = self._swarm_id("network", spec.name)
        options = {**spec.options, "com.docker.network.driver.overlay.vxlanid_list": str(vni)}
        state = NetworkState(
            id=nid, name=spec.name, driver="overlay", scope="swarm", host=None, spec=spec,
            subnets=(SubnetState(subnet=subnet, ip_range=ip_range, gateway=gateway,
                                 user_subnet=cfg is not None and cfg.subnet is not None),),
            internal=spec.internal, attachable=spec.attachable, options=options,
            labels=dict(spec.labels), created=self.clock,
        )
        self.swarm.networks[spec.name] = _Net(state, [pool])
        self.swarm.overlays[spec.name] = _Overlay(attachable=spec.attachable and not ingress,
                                                  allocated=allocated)
        return Outcome(id=nid)

    def _overlay_lookup(self, ref: str) -> _Net | None:
        """swarmkit resourceapi: an exact ID or an exact name (no prefixes)."""
        if self.swarm is None:
            return None
        if ref in self.swarm.networks:
            return self.swarm.networks[ref]
        return next((n for n in self.swarm.networks.values() if n.state.id == ref), None)

    def _overlay_attach(self, rt: _Host, ref: str) -> _Net:
        """daemon/cluster/networks.go AttachNetwork + swarmkit resourceapi/allocator.go."""
        net = self._overlay_lookup(ref)
        if net is None:
            raise DaemonError(f"Could not attach to network {ref}: rpc error: code = NotFound "
                              f"desc = network {ref} not found", status=404)
        assert self.swarm is not None
        info = self.swarm.overlays[net.state.name]
        if not info.attachable:
            raise DaemonError(f"Could not attach to network {ref}: rpc error: code = "
                              f"PermissionDenied desc = network {ref} not manually attachable",
                              status=403)
        if not info.allocated:
            raise DaemonError("attaching to network failed, make sure your network options are "
                              "correct and check manager logs: context deadline exceeded")
        return net

    def _overlay_once(self, rt: _Host) -> None:
        """The overlay driver's first network sandbox on a daemon: where it probes for vxlan
        with a link made and deleted in the host's namespace, one index goes
        (EngineProfile.overlay_test_vxlan)."""
        if self.profile.overlay_test_vxlan and not rt.overlay_once:
            rt.netns.passing()
        rt.overlay_once = True

    def _overlay_user(self, rt: _Host, name: str, cid: str, pool: SubnetPool) -> None:
        """A task's address is allocated first, then the node's LB if it has none
        (docs/reference/swarm-overlay.md §5.2)."""
        assert self.swarm is not None
        info = self.swarm.overlays[name]
        if rt.host.name not in info.lb:
            lb = ipaddress.IPv4Address(int(pool.allocate_any()))
            info.users.setdefault(rt.host.name, set()).add(cid)
            info.lb[rt.host.name] = lb
            # the network's namespace on this node gets its vxlan link, and the load-balancer
            # sandbox its veth, both made in the host's namespace and moved (drivers/overlay)
            self._overlay_once(rt)
            rt.netns.passing()
            rt.netns.nsid(f"overlay:{name}")
            rt.netns.passing()
            rt.netns.passing()
            rt.netns.nsid(f"lb:{name}")
        info.users.setdefault(rt.host.name, set()).add(cid)

    def _overlay_unuse(self, rt: _Host, name: str, cid: str) -> None:
        """The last local user gone: the node LB is freed, the network leaves this node."""
        assert self.swarm is not None
        info = self.swarm.overlays.get(name)
        if info is None:
            return
        users = info.users.get(rt.host.name, set())
        users.discard(cid)
        if not users and rt.host.name in info.lb:
            self.swarm.networks[name].pools[0].release(info.lb.pop(rt.host.name))
            info.users.pop(rt.host.name, None)
            self._overlay_gone(rt, name)

    def _overlay_gone(self, rt: _Host, name: str) -> None:
        """The overlay's namespace and its load-balancer sandbox on this node are destroyed."""
        for ns in (rt.netns, *rt.sandboxes.values()):
            ns.nsids.pop(f"overlay:{name}", None)
            ns.nsids.pop(f"lb:{name}", None)

    def _default_gateway(self, rt: _Host, c: ContainerState,
                         eps: list[EndpointState]) -> tuple[EndpointState, ...]:
        """libnetwork default_gateway.go: an overlay-only sandbox gets a docker_gwbridge
        endpoint for its default route; it goes once another network provides one."""
        current = [e for e in eps if not e.gateway_only]
        old = next((e for e in eps if e.gateway_only), None)
        overlays = [e for e in current if e.active and self.swarm is not None
                    and e.network in self.swarm.networks]
        # needDefaultGW skips internal networks (a 20.10 internal bridge has a gateway too)
        needed = bool(overlays) and not any(
            e.gateway is not None and not ((n := rt.networks.get(e.network)) is not None
                                           and n.state.internal)
            for e in current) and any(
            not self.swarm.networks[e.network].state.internal  # type: ignore[union-attr]
            for e in overlays)
        if not needed:
            if old is not None:
                self._release_endpoint(rt, old, c.id)
            return tuple(current)
        if old is not None:
            return (*current, old)
        gw = rt.networks.get("docker_gwbridge")
        if gw is None:
            return tuple(current)
        ep = EndpointState(network="docker_gwbridge", network_id=gw.state.id,
                           config=EndpointConfig(network="docker_gwbridge"))
        joined = self._join(rt, c.model_copy(update={"endpoints": tuple(current)}), ep,
                            len([e for e in current if e.ifname]), gateway_only=True)
        return (*current, joined.model_copy(update={"gateway_only": True, "dns_names": ()}))

    def _overlay_rm(self, rt: _Host, net: _Net) -> Outcome:
        """swarmkit controlapi removeNetwork: refused while any node runs a user of it."""
        assert self.swarm is not None
        node = self._node(rt)
        if node is None or node.role != "manager":
            raise DaemonError(
                "This node is not a swarm manager. Worker nodes can't be used to view or modify "
                "cluster state. Please run this command on a manager node or promote the current "
                "node to a manager.", status=503)
        name = net.state.name
        info = self.swarm.overlays[name]
        users = sorted((h, cid) for h, cids in info.users.items() for cid in cids)
        if users:
            _host, cid = users[0]
            task = ids.base36(self.seed, 25, "task", cid, net.state.id)
            raise DaemonError(f"rpc error: code = FailedPrecondition desc = network "
                              f"{net.state.id} is in use by task {task}", status=409)
        for sub in net.state.subnets:
            if info.allocated:
                self.swarm.space.release(sub.subnet)
        del self.swarm.networks[name]
        del self.swarm.overlays[name]
        return Outcome(id=net.state.id)

    def _visible_overlays(self, rt: _Host) -> dict[str, NetworkState]:
        """Managers see every overlay; a worker only those its containers use (and ingress)."""
        node = self._node(rt)
        if node is None or self.swarm is None:
            return {}
        return {
            name: net.state
            for name, net in self.swarm.networks.items()
            if node.role == "manager" or name == "ingress"
            or self.swarm.overlays[name].users.get(rt.host.name)
        }

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
                )
                for name, rt in self._hosts.items()
            },
            swarm=self._swarm_state(),
            clock=self.clock,
            seed=self.seed,
            profile=self.profile,
        )

    def _swarm_state(self) -> SwarmState | None:
        if self.swarm is None:
            return None
        return SwarmState(
            cluster_id=self.swarm.cluster_id, nodes=dict(self.swarm.nodes),
            worker_token=self.swarm.worker_token, manager_token=self.swarm.manager_token,
            lb_addresses={n: dict(o.lb) for n, o in self.swarm.overlays.items()},
            ingress_gateways=dict(self.swarm.ingress_gateways),
            unallocated=tuple(n for n, o in self.swarm.overlays.items() if not o.allocated),
        )

    @property
    def host_names(self) -> list[str]:
        return list(self._hosts)

    def find_container(self, host: str, ref: str) -> ContainerState:
        """A container as the daemon finds it; Docker's error (no such / ambiguous) if not."""
        return self._find_container(self._rt(host), ref)

    def container(self, host: str, ref: str) -> ContainerState | None:
        """A container by ID, name or unique ID prefix, or None (no snapshot is built)."""
        try:
            return self._find_container(self._rt(host), ref)
        except DaemonError:
            return None


#: libnetwork types.Protocol numbers, the order cmpPortBinding sorts protocols in
_PROTO_NUMBERS = {"tcp": 6, "udp": 17, "sctp": 132}


def _order_bindings(bindings: list[PortBinding],
                    rule: PortBindingOrder) -> list[PortBinding]:
    """The order a container's port bindings are allocated in (EngineProfile.
    port_binding_order), which decides which gets the first ephemeral port."""
    if rule == "sort_port_map":
        # go-connections nat.SortPortMap (v26.1.5:vendor/github.com/docker/go-connections/nat/
        # sort.go:47-90): larger host port, then larger container port, then tcp first; then
        # the bindings of each port together, the ports in the order they first appear. (Its
        # Less is no strict order when a larger host port has a smaller container port; the
        # daemon's input is a Go map's order: netsim takes the host port first.)
        ranked = sorted(bindings, key=lambda b: (-b.host_port_start, -b.container_port,
                                                 b.proto != "tcp"))
        groups: dict[str, list[PortBinding]] = {}
        for b in ranked:
            groups.setdefault(b.port_key, []).append(b)
        return [b for group in groups.values() for b in group]

    def host_ip(text: str) -> tuple[int, int]:  # netip.Addr.Compare: none < IPv4 < IPv6
        if not text:
            return (0, 0)
        addr = ipaddress.ip_address(text)
        if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
            addr = addr.ipv4_mapped
        return (addr.version, int(addr))

    # v28.5.2:libnetwork/drivers/bridge/port_mapping_linux.go:208-262 sortAndNormPBs,
    # cmpPortBinding: exact host ports before ranges, then container port, protocol, host
    # port(s) and host address
    return sorted(bindings, key=lambda b: (
        b.host_port_start == 0 or b.host_port_start != b.host_port_end, b.container_port,
        _PROTO_NUMBERS.get(b.proto, 0), b.host_port_start, b.host_port_end,
        host_ip(b.host_ip)))


_BRIDGE_BOOLS = ("com.docker.network.bridge.default_bridge",
                 "com.docker.network.bridge.enable_icc",
                 "com.docker.network.bridge.enable_ip_masquerade",
                 "com.docker.network.bridge.inhibit_ipv4", "com.docker.network.enable_ipv4",
                 "com.docker.network.enable_ipv6")


def _check_bridge_options(spec: BridgeNetwork, gw_modes: tuple[str, ...]) -> None:
    """The bridge driver's parseNetworkOptions, run by GetSkipGwAlloc before IPAM (v28.5.2:
    libnetwork/drivers/bridge/bridge_linux.go:310-402 fromLabels, 635-673): each option's value
    (a Go map: any order; netsim takes them sorted), then isolated mode on a non-internal
    network. ``gw_modes``: the gateway modes the driver knows (EngineProfile.
    bridge_gateway_modes; none: the gateway_mode options are not the driver's and go unread)."""
    for key in sorted(spec.options):
        value = spec.options[key]
        reason = None
        if key in _BRIDGE_BOOLS:
            try:
                parse_go_bool(value)
            except ValueError as err:
                reason = str(err)
        elif key in ("com.docker.network.bridge.gateway_mode_ipv4",
                     "com.docker.network.bridge.gateway_mode_ipv6") and gw_modes and \
                value not in gw_modes:
            reason = f"unknown gateway mode {value}"
        elif key == "com.docker.network.driver.mtu" and not re.fullmatch(r"[+-]?[0-9]+", value):
            reason = f'strconv.Atoi: parsing "{value}": invalid syntax'
        if reason is not None:
            raise DaemonError(f"failed to parse {key} value: {value} ({reason})", status=400)
    modes = (spec.options.get("com.docker.network.bridge.gateway_mode_ipv4"),
             spec.options.get("com.docker.network.bridge.gateway_mode_ipv6"))
    if "isolated" in modes and "isolated" in gw_modes and not spec.internal:
        raise DaemonError("gateway mode 'isolated' can only be used for an internal network")


def _check_vlan_options(spec: MacvlanNetwork | IpvlanNetwork, *,
                        ipvlan_l3s_and_flags: bool = True) -> None:
    """The drivers' parseNetworkOptions, run by GetSkipGwAlloc before IPAM allocates anything
    (v28.5.2:libnetwork/drivers/macvlan/macvlan_network.go:198-240, ipvlan/ipvlan_network.go:
    188-236): the mode, ipvlan's flag, the loopback as parent. ``ipvlan_l3s_and_flags``
    false: an ipvlan driver without mode l3s nor ``ipvlan_flag`` (left unread;
    EngineProfile.ipvlan_l3s_and_flags)."""
    if isinstance(spec, MacvlanNetwork):
        if spec.mode not in ("bridge", "private", "vepa", "passthru"):
            raise DaemonError(
                f"requested macvlan mode '{spec.mode}' is not valid, 'bridge' mode is the "
                "macvlan driver default"
            )
    else:
        if spec.mode not in (("l2", "l3", "l3s") if ipvlan_l3s_and_flags else ("l2", "l3")):
            raise DaemonError(
                f"requested ipvlan mode '{spec.mode}' is not valid, 'l2' mode is the ipvlan "
                "driver default"
            )
        flag = spec.options.get("ipvlan_flag") or "bridge"
        if ipvlan_l3s_and_flags and flag not in ("bridge", "private", "vepa"):
            raise DaemonError(
                f"requested ipvlan flag '{flag}' is not valid, 'bridge' is the ipvlan driver "
                "default"
            )
    if spec.parent == "lo":
        raise DaemonError(f"loopback interface is not a valid {spec.driver} parent link")


def _dns_names(c: ContainerState, net: NetworkState, cfg: EndpointConfig) -> tuple[str, ...]:
    """daemon/container_operations.go buildEndpointDNSNames (user-defined networks only:
    updateNetworkConfig)."""
    if not net.is_user_defined:
        return ()
    names = [c.name, *cfg.aliases, c.id[:12], c.hostname]
    out: list[str] = []
    for n in names:
        if n and n not in out:
            out.append(n)
    return tuple(out)


def _mac_of(spec: ContainerSpec) -> str | None:
    """``--mac-address``: the container's, or the first network's (where the CLI puts it)."""
    if spec.mac_address:
        return spec.mac_address
    return spec.networks[0].mac_address if spec.networks else None


def _positive_size(text: str) -> bool:
    """A size flag's value (go-units RAMInBytes, already checked by the CLI) is above 0."""
    m = re.match(r"\d+(?:\.\d+)?", text.strip())
    return m is not None and float(m.group()) > 0


def _overlap(a: _IPNet, b: _IPNet) -> bool:
    return a.version == b.version and a.overlaps(b)


def _port_sort_key(key: str) -> tuple[int, str]:
    port, _, proto = key.partition("/")
    return int(port), proto


def _validate_ipam(spec: NetworkSpec) -> list[str]:
    """Daemon-side IPAM checks, in Docker's words (v28.5.2:api/types/network/ipam.go:36-135
    ValidateIPAM): the subnet and the ip-range as given (host bits kept), every problem of an
    ip-range listed, an IPv6 subnet only checked on an IPv6 network."""
    errors: list[str] = []
    for cfg in spec.ipam:
        subnet = cfg.subnet
        if subnet is None:
            continue
        net = subnet.network
        fam = f"IPv{net.version}"
        if net.version == 6 and not spec.ipv6:
            continue
        given = subnet.with_prefixlen  # netip.Prefix as parsed: host bits kept
        if subnet.ip != net.network_address:
            errors.append(f"invalid subnet {given}: it should be {net}")
        if cfg.ip_range is not None:
            rng = cfg.ip_range
            if rng.version != net.version:
                errors.append(f"invalid ip-range {rng.with_prefixlen}: parent subnet is an "
                              f"{fam} block")
            else:
                if rng.network.prefixlen < net.prefixlen:
                    errors.append(f"invalid ip-range {rng.with_prefixlen}: CIDR block is bigger "
                                  f"than its parent subnet {given}")
                if rng.ip != rng.network.network_address:
                    errors.append(f"invalid ip-range {rng.with_prefixlen}: it should be "
                                  f"{rng.network}")
                if not rng.network.overlaps(net):
                    errors.append(f"invalid ip-range {rng.with_prefixlen}: parent subnet "
                                  f"{given} doesn't contain ip-range")
        checks = [("gateway", str(cfg.gateway), cfg.gateway)] if cfg.gateway is not None else []
        checks += [("auxiliary address", key, addr) for key, addr in cfg.aux_addresses.items()]
        for what, label, addr in checks:
            if addr.version != net.version:
                errors.append(f"invalid {what} {label}: parent subnet is an {fam} block")
            elif addr not in net:
                errors.append(f"invalid {what} {label}: parent subnet {given} doesn't contain "
                              "this address")
    return errors


def apply(
    operations: Iterable[Operation],
    *,
    seed: int = 0,
    hosts: Sequence[Host] = (),
    lan: Lan | None = None,
    images: Mapping[str, ImageDecl] | None = None,
    profile: EngineProfile = DEFAULT_PROFILE,
) -> State:
    """Apply operations in order and return the final State; the first refusal raises.

    ``profile`` is the Docker Engine whose rules apply (:mod:`netsim.versions`).
    """
    engine = Engine(hosts=hosts, lan=lan, images=images, seed=seed, profile=profile)
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
    )

