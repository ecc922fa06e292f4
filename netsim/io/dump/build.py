"""A dump made into a lab: the hosts of its files, their networks and containers restored in an
engine (:mod:`netsim.daemon.restore`) as the dump shows them, and the notes to say once (the
engine chosen, the fields not used, what Docker would run on with but netsim cannot place).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Literal

from netsim.api import EndpointSettings, Host, Lan
from netsim.daemon import drivers
from netsim.daemon.engine import Engine
from netsim.daemon.restore import RestoredOverlay
from netsim.errors import DaemonError, InputError
from netsim.io.dump.convert import (
    ImportedContainer,
    ImportedNetwork,
    Unused,
    clock_of,
    convert_container,
    convert_network,
    engine_of,
)
from netsim.io.dump.reader import Dump, HostDump, read_dump
from netsim.state import EndpointState, NetworkState, SubnetState, SwarmNode, gc_paused
from netsim.versions import DEFAULT_PROFILE, EngineProfile

if TYPE_CHECKING:
    from netsim.lab import Lab

__all__ = ["load_dump"]

#: the default address pools (daemon/libnetwork/ipamutils: 172.17.0.0/16 … 172.31.0.0/16 and
#: 192.168.0.0/16 in /20s; the swarm's 10.0.0.0/8 in /24s): a subnet IPAM shows with a gateway
#: is taken as IPAM's choice inside them, as the user's outside them (a dump does not say)
_LOCAL_POOLS = ((ipaddress.IPv4Network("172.16.0.0/12"), 16),
                (ipaddress.IPv4Network("192.168.0.0/16"), 20))
#: inside 172.16.0.0/12, the pool starts at 172.17.0.0/16 (ipamutils: "172.17.0.0/16" base)
_NOT_POOLED = ipaddress.IPv4Network("172.16.0.0/16")
_SWARM_POOLS = ((ipaddress.IPv4Network("10.0.0.0/8"), 24),)


def load_dump(path: str, *, seed: int = 0, profile: EngineProfile | None = None,
              workdir: str | None = None) -> Lab:
    """The lab of the dump at ``path`` (a directory or one file: :mod:`.reader`); its ``notes``
    say what to tell the user once. ``profile`` (``--engine``) overrides the engine the dump
    shows."""
    with gc_paused():  # a large dump is millions of small acyclic objects (state.gc_paused)
        return _load_dump(path, seed=seed, profile=profile, workdir=workdir)


def _load_dump(path: str, *, seed: int, profile: EngineProfile | None,
               workdir: str | None) -> Lab:
    from netsim.lab import Lab

    dump = read_dump(path)
    notes: list[str] = []
    chosen = profile or _engine(dump, notes)
    hosts = _hosts(dump, chosen)
    lan = _lan(dump, notes)
    try:
        engine = Engine(hosts=hosts, lan=lan, seed=seed, profile=chosen,
                        images={d.name: d for d in dump.hosts_file.images})
    except ValueError as err:
        raise InputError(f"{path}: hosts.yaml", str(err)) from None
    unused = Unused()
    for h in dump.hosts:
        # a host without a dump: a machine on the LAN with no networks or containers netsim
        # knows of (not even the predefined ones: nothing is assumed)
        engine.restore_begin(h.name, known=h.dumped)
        if not h.dumped:
            notes.append(f"{h.name}: in hosts.yaml without a dump: a machine on the LAN whose "
                         "containers netsim does not know (none are assumed)")
    networks = {h.name: [convert_network(loc.where, loc.obj, unused) for loc in h.networks]
                for h in dump.hosts}
    _restore_swarm(engine, dump, networks, notes)
    for h in dump.hosts:
        if h.dumped:
            _restore_host(engine, h, networks[h.name], unused, notes)
    state = engine.state()
    for h in dump.hosts:
        gone = [n.name for n in networks[h.name]
                if n.scope == "swarm" and h.dumped and n.name not in state.host(h.name).networks]
        if gone:
            # a worker keeps an overlay while a container of its uses it; a dump taken as the
            # last one left can still show it
            notes.append(f"{h.name}: shows overlays none of its running containers is on "
                         f"({', '.join(gone)}): left off, as Docker does when the last leaves")
    clocks = [c for h in dump.hosts if (c := clock_of(h)) is not None]
    latest = [t for c in state.containers()
              for t in (c.created, c.started, c.finished) if t is not None]
    engine.clock = max(clocks) if clocks else max(latest, default=0)
    if unused.counts:
        notes.append("not used (netsim does not simulate them): "
                     + ", ".join(unused.summary()))
    lab = Lab(engine=engine, workdir=workdir, images=dump.hosts_file.images)
    lab.notes.extend(f"{dump.path}: {n}" for n in notes)  # "<stdin>" for "-"
    return lab


def _engine(dump: Dump, notes: list[str]) -> EngineProfile:
    """The engine of the dump's hosts: the first host that tells; hosts that disagree are
    said."""
    found = [(h.name, *engine_of(h)) for h in dump.hosts]
    told = [(name, p, how) for name, p, how in found if p is not None]
    if not told:
        notes.append(f"the dump does not tell its engine: {DEFAULT_PROFILE.name}'s rules")
        return DEFAULT_PROFILE
    name, chosen, how = told[0]
    assert chosen is not None
    if "not modelled" in how or "shape" in how:
        notes.append(f"{name}: {how}")
    others = sorted({p.name for _, p, _ in told if p is not None and p.name != chosen.name})
    if others:
        notes.append(f"the hosts run different engines ({chosen.name}, {', '.join(others)}): "
                     f"{chosen.name}'s rules for all")
    return chosen


def _lan(dump: Dump, notes: list[str]) -> Lan | None:
    hf = dump.hosts_file
    if hf.lan is None:
        notes.append(f"no hosts.yaml gives the LAN: taken as {Lan().subnet}, the hosts at "
                     f"its .10, .11 … (docs/live-systems.md: hosts.yaml)")
        return None
    return Lan(subnet=hf.lan, gateway=hf.gateway, internet_hops=hf.internet_hops)


def _hosts(dump: Dump, profile: EngineProfile) -> list[Host]:
    """The Docker hosts: named by their files, their addresses from hosts.yaml, what the
    kernel supports from ``docker info`` (else from the containers)."""
    out = []
    hf = dump.hosts_file
    if hf.addresses and hf.lan is None:
        raise InputError(f"{dump.path}: hosts.yaml", "the hosts' addresses need the LAN",
                         accepted="lan: CIDR beside hosts:")
    for h in dump.hosts:
        fields: dict[str, Any] = {"name": h.name}
        if h.name in hf.addresses:
            fields["address"] = hf.addresses[h.name]
        if h.name in hf.parents:
            fields["interface"] = hf.parents[h.name]
        if h.name in hf.dns:
            fields["dns"] = hf.dns[h.name]
        info = h.info or {}
        if isinstance(info.get("Name"), str) and info["Name"]:
            fields["hostname"] = info["Name"]
        security = info.get("SecurityOptions")
        if isinstance(security, list):
            fields["apparmor"] = any(str(s) == "name=apparmor" for s in security)
        else:
            profiles = [loc.obj.get("AppArmorProfile") for loc in h.containers
                        if isinstance(loc.obj.get("State"), dict)
                        and loc.obj["State"].get("Running")]
            if profiles:
                fields["apparmor"] = any(p for p in profiles)
        if info.get("CgroupVersion") in ("1", "2"):
            fields["cgroup"] = "v" + str(info["CgroupVersion"])
        try:
            out.append(Host(**fields))
        except ValueError as err:
            raise InputError(h.source, f"not a usable Docker host: {err}") from None
    return out


def _in_default_pools(subnet: ipaddress.IPv4Network | ipaddress.IPv6Network,
                      pools: tuple[tuple[ipaddress.IPv4Network, int], ...]) -> bool:
    return subnet != _NOT_POOLED and any(
        isinstance(subnet, ipaddress.IPv4Network) and subnet.subnet_of(base)
        and subnet.prefixlen == size for base, size in pools)


def _network_state(n: ImportedNetwork, host: str | None, profile: EngineProfile,
                   pinned: frozenset[ipaddress.IPv4Address | ipaddress.IPv6Address] = frozenset()
                   ) -> NetworkState:
    """A network of the dump as the engine holds it; ``pinned``: the addresses its endpoints
    asked for (``--ip``: only a user's subnet takes one, so theirs is the user's)."""
    try:
        driver = drivers.get(n.driver)
    except KeyError:
        raise InputError(f"{n.where}.Driver", "a network driver netsim does not simulate",
                         got=n.driver, accepted=", ".join(drivers.registered())) from None
    spec = n.spec
    pools = _SWARM_POOLS if n.scope == "swarm" else _LOCAL_POOLS
    subnets = []
    for cfg in spec.IPAM.Config:
        assert cfg.Subnet is not None
        subnet = cfg.Subnet.network
        shown = n.gateways.get(str(subnet))
        user = shown is None or not _in_default_pools(subnet, pools) or any(
            a in subnet for a in pinned)
        if n.predefined:
            user = False
        subnets.append(SubnetState(
            subnet=subnet, ip_range=cfg.IPRange.network if cfg.IPRange is not None else None,
            gateway=shown, aux_addresses=dict(cfg.AuxiliaryAddresses), user_subnet=user))
    return NetworkState.model_construct(
        id=n.id, name=n.name, driver=n.driver,
        scope="swarm" if n.scope == "swarm" else "local", host=host,
        predefined=n.predefined, spec=None if n.predefined else spec,
        default_ipv6=n.predefined and spec.EnableIPv6, subnets=tuple(subnets),
        interface="docker0" if n.predefined and n.name == "bridge"
        else driver.interface(spec, n.id),
        internal=driver.internal(spec), attachable=spec.Attachable, icc=driver.icc(spec),
        masquerade=driver.masquerade(spec), options=dict(n.options), labels=dict(n.labels),
        created=n.created or 0, ifindex=None, link_local=False, fractions=n.fractions)


def _role(h: HostDump, networks: list[ImportedNetwork]) -> Literal["manager", "worker"]:
    """A swarm node's role, told by the overlays it lists: one besides ingress that none of
    its running containers uses is shown to a manager only (docs/reference/swarm-overlay.md)."""
    used: set[str] = set()
    for loc in h.containers:
        state, ns = loc.obj.get("State"), loc.obj.get("NetworkSettings")
        if isinstance(state, dict) and state.get("Running") and isinstance(ns, dict) \
                and isinstance(ns.get("Networks"), dict):
            used.update(str(ep.get("NetworkID")) for ep in ns["Networks"].values()
                        if isinstance(ep, dict))
    idle = [n for n in networks if n.scope == "swarm" and not n.spec.Ingress
            and n.id not in used]
    return "manager" if idle else "worker"


def _restore_swarm(engine: Engine, dump: Dump,
                   networks: Mapping[str, list[ImportedNetwork]], notes: list[str]) -> None:
    """The swarm, when a host's ``docker info`` says it is in one or its dump has overlays:
    the nodes from ``docker info``'s ``Swarm``, each overlay once (by ID), each node's
    load-balancer and ingress gateway addresses from the networks' ``Containers``."""
    overlays: dict[str, tuple[ImportedNetwork, dict[str, ipaddress.IPv4Address]]] = {}
    gateways: dict[str, ipaddress.IPv4Address] = {}
    nodes: dict[str, SwarmNode] = {}
    by_name: dict[str, str] = {}
    cluster = ""
    for h in dump.hosts:
        swarm = (h.info or {}).get("Swarm")
        if isinstance(swarm, dict) and swarm.get("LocalNodeState") == "active":
            addr = str(swarm.get("NodeAddr") or "")
            nodes[h.name] = SwarmNode(
                node_id=str(swarm.get("NodeID") or ""),
                role="manager" if swarm.get("ControlAvailable") else "worker",
                address=f"{addr}:2377")
            info_cluster = swarm.get("Cluster")
            if isinstance(info_cluster, dict) and info_cluster.get("ID"):
                cluster = str(info_cluster["ID"])
        for n in networks[h.name]:
            if n.name == "docker_gwbridge":
                member = n.members.get("ingress-sbox")
                if member is not None and member[1] is not None:
                    gateways[h.name] = member[1].ip
            if n.scope != "swarm":
                continue
            seen = overlays.setdefault(n.id, (n, {}))
            if (seen[0].name, seen[0].spec.IPAM) != (n.name, n.spec.IPAM):
                raise InputError(n.where, "another host's dump shows this swarm network "
                                 "otherwise",
                                 got=f"{_shown(n)}; {seen[0].where}: {_shown(seen[0])}",
                                 accepted="one name and IPAM of a swarm network on every node")
            if overlays[by_name.setdefault(n.name, n.id)][0].where != seen[0].where:
                raise InputError(f"{n.where}.Name", "two networks have this name", got=n.name)
            key = "ingress-sbox" if n.spec.Ingress else f"lb-{n.name}"
            member = n.members.get(key)
            if member is not None and member[1] is not None:
                seen[1][h.name] = member[1].ip
    if not nodes and not overlays:
        return
    for h in dump.hosts:
        outside = next((n for n in networks[h.name] if n.scope == "swarm"), None)
        if outside is None or h.name in nodes:
            continue
        if isinstance((h.info or {}).get("Swarm"), dict):
            raise InputError(f"{outside.where}.Scope", "a swarm network on a host that is not "
                             "in the swarm (its docker info says)", got=outside.name,
                             accepted="the host's docker info (HOST.info.json) with its Swarm "
                                      "active beside its dump")
        # no docker info: the node is in a swarm (it shows its networks); a worker shows only
        # the overlays its containers use (and ingress), a manager every one
        nodes[h.name] = SwarmNode(node_id="", role=_role(h, networks[h.name]),
                                  address=f"{engine.host_rt(h.name).host.address}:2377")
        notes.append(f"{h.name}: no docker info beside its dump: a swarm {nodes[h.name].role} "
                     "(by the overlays it shows) at its LAN address")
    engine.restore_swarm(
        cluster, nodes,
        [RestoredOverlay(state=_network_state(n, None, engine.profile), lb=lb,
                         allocated=n.allocated) for n, lb in overlays.values()],
        gateways)


def _created_ns(n: ImportedNetwork) -> int:
    """A network's Created to the nanosecond (its fraction as the dump gave it)."""
    seconds = n.created or 0
    known = n.fractions.get("Created")
    frac = int(known[1].ljust(9, "0")) if known is not None and known[0] == seconds else 0
    return seconds * 1_000_000_000 + frac


def _shown(n: ImportedNetwork) -> str:
    subnets = ", ".join(str(c.Subnet) for c in n.spec.IPAM.Config)
    return f"{n.name} {subnets}" if subnets else n.name


def _restore_host(engine: Engine, h: HostDump, networks: list[ImportedNetwork],
                  unused: Unused, notes: list[str]) -> None:
    """One host's local networks (in creation order), then its containers (likewise)."""
    by_id: dict[str, str] = {}
    by_name: dict[str, str] = {}
    # in creation order, to the nanosecond (the kernel numbers interfaces in that order)
    ordered = sorted(networks, key=lambda n: (not n.predefined, _created_ns(n), n.id))
    for n in ordered:
        if n.id in by_id:
            raise InputError(f"{n.where}.Id", "two networks have this ID", got=n.id)
        if n.name in by_name and n.scope != "swarm":
            raise InputError(f"{n.where}.Name", "two networks have this name", got=n.name)
        by_id[n.id] = n.name
        by_name[n.name] = n.id
    swarm_ids = ({st.state.id: name for name, st in engine.swarm.networks.items()}
                 if engine.swarm is not None else {})
    imported: list[ImportedContainer] = []
    for loc in h.containers:
        imported.append(convert_container(
            loc.where, loc.obj, unused, lambda nid: by_id.get(nid) or swarm_ids.get(nid),
            engine.profile))
    pinned: dict[str, set[ipaddress.IPv4Address | ipaddress.IPv6Address]] = {}
    for ic in imported:
        for e in ic.state.endpoints:
            for a in (e.config.ipv4_address, e.config.ipv6_address):
                if a is not None:
                    pinned.setdefault(e.network, set()).add(a)
    for n in ordered:
        if n.scope == "swarm":
            continue
        try:
            engine.restore_network(h.name, _network_state(
                n, h.name, engine.profile, frozenset(pinned.get(n.name, ()))))
        except DaemonError as err:
            raise InputError(n.where, err.text) from None
    gateway_eps = _gateway_endpoints(networks)
    ids = {ic.state.id: ic for ic in imported}
    tasks: list[str] = []
    for ic in sorted(imported, key=lambda ic: (ic.state.created_ns, ic.state.id)):
        c = ic.state
        if ic.unknown_networks:
            missing = ", ".join(ic.unknown_networks)
            if c.running:
                raise InputError(f"{ic.where}.NetworkSettings.Networks",
                                 "the running container is on a network that is not in the "
                                 "dump", got=missing,
                                 accepted="a dump with every network: docker inspect $(docker "
                                          "ps -aq) $(docker network ls -q)")
            # Docker keeps a stopped container's endpoint config for a removed network; its
            # start would fail (network … not found)
            notes.append(f"{c.name}: stopped, on networks that are not in the dump "
                         f"({missing}): its start would fail as Docker's does")
        if c.running and not c.endpoints and not c.network_mode.startswith("container:"):
            notes.append(f"{c.name}: running, with no networks in its NetworkSettings: taken "
                         "as having only lo")
        if "com.docker.swarm.service.name" in c.spec.Config.Labels:
            tasks.append(c.name)
        idle = [e.network for e in c.endpoints if not e.endpoint_id]
        if c.running and idle:
            # a running container has an endpoint on each of its networks; a dump taken while
            # one is joined or left can show none
            notes.append(f"{c.name}: running, with no EndpointID on {', '.join(idle)}: taken "
                         "as not attached there")
        if ic.owner is not None:
            owner = ids.get(ic.owner)
            if owner is None:
                notes.append(f"{c.name}: its network mode's container:{ic.owner[:12]} is not "
                             "in the dump: it is taken to have only lo")
            elif c.running and owner.state.running and owner.started_ns is not None \
                    and ic.started_ns is not None and owner.started_ns <= ic.started_ns:
                # Docker shows no SandboxID for a joiner: it runs in its owner's namespace,
                # unless the owner has restarted since (then in the old, dead one: only lo)
                c = c.model_copy(update={"sandbox_id": owner.state.sandbox_id})
        if c.id in gateway_eps:
            c = c.model_copy(update={"endpoints": (*c.endpoints, gateway_eps[c.id])})
        try:
            engine.restore_container(h.name, c)
        except DaemonError as err:
            raise InputError(ic.where, err.text) from None
    if tasks:
        notes.append(f"{h.name}: {_some(tasks)} swarm service tasks: imported as containers; "
                     "services' virtual IPs and the routing mesh are not simulated")


def _some(names: list[str]) -> str:
    """``web, db and 3 more have`` for a note."""
    shown = ", ".join(names[:3]) + (f" and {len(names) - 3} more" if len(names) > 3 else "")
    return f"{shown} {'has' if len(names) == 1 else 'have'}"


def _gateway_endpoints(networks: list[ImportedNetwork]) -> dict[str, EndpointState]:
    """The ``gateway_<sandbox>`` endpoints on docker_gwbridge, by container ID: an overlay-only
    container's default route (libnetwork default_gateway.go), listed by the network only."""
    out: dict[str, EndpointState] = {}
    for n in networks:
        if n.name != "docker_gwbridge":
            continue
        sub = n.spec.IPAM.Config[0] if n.spec.IPAM.Config else None
        gateway = n.gateways.get(str(sub.Subnet.network)) if sub is not None \
            and sub.Subnet is not None else None
        for key, (name, iface, mac, endpoint_id) in n.members.items():
            if not name.startswith("gateway_") or key == "ingress-sbox" or iface is None:
                continue
            out[key] = EndpointState.model_construct(
                network="docker_gwbridge", network_id=n.id, config=EndpointSettings(),
                endpoint_id=endpoint_id or key, ifname=None, ipv4=iface, ipv6=None,
                gateway=gateway if isinstance(gateway, ipaddress.IPv4Address) else None,
                mac=mac or None, host_veth=None, dns_names=(), gateway_only=True,
                ifindex=None, link_ifindex=None, link_netnsid=None, host_netnsid=None)
    return out
