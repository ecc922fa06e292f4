"""Lint rules about networks and names: overlapping subnets, shared aliases, ``--link``."""

from __future__ import annotations

import ipaddress
import random
from collections.abc import Iterator

from netsim.analysis.lint.context import MACVLAN_DRIVERS, Context
from netsim.daemon.drivers import get as driver_of
from netsim.state import ContainerState, NetworkState

__all__ = ["aliases", "default_bridge_links", "subnets", "user_network_links"]

Net = ipaddress.IPv4Network | ipaddress.IPv6Network


def _order(n: NetworkState) -> tuple[bool, int, str]:
    """Networks in the order they were made (the predefined ones first)."""
    return (not n.predefined, n.created, n.name)


def _overlap(a: Net, b: Net) -> Net | None:
    """The addresses two subnets share (the smaller one: CIDR blocks nest or are disjoint)."""
    if a.version != b.version or not a.overlaps(b):
        return None
    return a if a.prefixlen >= b.prefixlen else b


def _pairs(nets: list[NetworkState]) -> Iterator[tuple[NetworkState, NetworkState, Net, Net]]:
    """Each (earlier, later) pair of networks (``nets`` in creation order) with overlapping
    subnets, and those subnets: a sweep over the subnets in address order, so that a host
    with a thousand disjoint networks costs a sort, not a million comparisons."""
    items = sorted(((s.subnet.version, int(s.subnet.network_address),
                     int(s.subnet.broadcast_address), i, s.subnet)
                    for i, n in enumerate(nets) for s in n.subnets),
                   key=lambda t: (t[0], t[1], -t[2], t[3]))
    found: list[tuple[int, int, Net, Net]] = []
    active: list[tuple[int, int, int, int, Net]] = []
    for item in items:
        version, start = item[0], item[1]
        active = [a for a in active if a[0] == version and a[2] >= start]
        for a in active:
            if a[3] != item[3]:
                first, second = (a, item) if a[3] < item[3] else (item, a)
                found.append((second[3], first[3], first[4], second[4]))
        active.append(item)
    for later, earlier, sa, sb in sorted(found, key=lambda f: (f[0], f[1])):
        yield nets[earlier], nets[later], sa, sb


def subnets(ctx: Context) -> None:
    """``subnet-overlap`` and ``subnet-lan-overlap``.

    On one Docker host two networks whose subnets overlap leave the host (and a container on
    both) with two routes for the same addresses. Docker's IPAM refuses an overlapping
    ``--subnet`` ("Pool overlaps with other one on this address space", libnetwork
    ipams/defaultipam/allocator.go) except where it does not check: with ``--ip-range`` the
    parent subnet is not checked (moby/moby#46756), and other hosts or a restored daemon may
    hold anything. macvlan/ipvlan networks sit on a LAN segment, not on the host's routes: two
    of them on one parent (one segment, on any hosts) clash when their allocation ranges
    overlap, since each daemon's IPAM hands addresses out on its own (docs: network/drivers/
    macvlan.md, ``--ip-range`` and ``--aux-address``). Any other network overlapping the
    hosts' LAN makes its host route those LAN addresses into the network instead of out of its
    NIC (a bridge's subnet is a connected route: docs network/drivers/bridge.md; an
    overlay's, its containers'); and a macvlan/ipvlan network on the LAN whose pool holds a
    LAN machine's address may give a container that address (:func:`_lan_pool`).
    """
    state = ctx.state
    lan = state.lan.subnet
    reported: set[frozenset[str]] = set()
    for hname, hs in state.hosts.items():
        nets = sorted((n for n in hs.networks.values() if n.subnets), key=_order)
        for a, b, sa, sb in _pairs(nets):
            shared = _overlap(sa, sb)
            macvlan = a.driver in MACVLAN_DRIVERS or b.driver in MACVLAN_DRIVERS
            if (a.driver in MACVLAN_DRIVERS and b.driver in MACVLAN_DRIVERS) or (
                    macvlan and shared is not None and shared.version == 4
                    and shared.subnet_of(lan)):
                continue  # one LAN segment (_segments), or the LAN's overlap (_lan)
            key = frozenset({a.id, b.id})
            if key in reported:
                continue
            reported.add(key)
            ctx.add("subnet-overlap", ctx.at_network(hname, b), hname,
                    f"{b.name} {sb} overlaps {a.name} {sa}",
                    f"both networks are on {hname}: neither {hname} nor a container on both "
                    f"can tell which network an address in {shared} belongs to (each takes one "
                    f"route), so the other network's addresses there are out of reach; "
                    f"Docker's IPAM refuses such a subnet unless --ip-range hides the overlap "
                    f"(moby/moby#46756)",
                    f"give {b.name} a subnet no other network of {hname} uses "
                    f"(docker network create --subnet … {b.name}), or remove one of them")
    _segments(ctx, reported)
    _lan(ctx)
    _lan_pool(ctx)


def _pool(n: NetworkState) -> list[Net]:
    """The addresses a network's IPAM hands out: its ip-ranges, else its subnets."""
    return [s.ip_range if s.ip_range is not None else s.subnet for s in n.subnets]


def _segments(ctx: Context, reported: set[frozenset[str]]) -> None:
    """macvlan/ipvlan networks on one parent (one LAN segment, on any host) whose allocation
    ranges overlap: two daemons (or two networks) hand out the same addresses."""
    found: list[tuple[str, NetworkState]] = []
    for hname, hs in ctx.state.hosts.items():
        for n in sorted(hs.networks.values(), key=_order):
            if n.driver in MACVLAN_DRIVERS and n.options.get("parent"):
                found.append((hname, n))
    for i, (hb, b) in enumerate(found):
        for ha, a in found[:i]:
            if a.options["parent"] != b.options["parent"] or frozenset({a.id, b.id}) in reported:
                continue
            shared = next((x for ra in _pool(a) for rb in _pool(b)
                           if (x := _overlap(ra, rb)) is not None), None)
            if shared is None:
                continue
            reported.add(frozenset({a.id, b.id}))
            where_a = f"{a.name} on {ha}" if ctx.several_hosts else a.name
            where_b = f"{b.name} on {hb}" if ctx.several_hosts else b.name
            ctx.add("subnet-overlap", ctx.at_network(hb, b), hb,
                    f"{where_b} hands out {shared}, as {where_a} does",
                    f"both are {b.driver} networks on parent {b.options['parent']}, one LAN "
                    f"segment, and each IPAM allocates from {shared} without knowing the "
                    "other's containers: two containers can get the same address (docs: "
                    "network/drivers/macvlan.md, --ip-range/--aux-address)",
                    "give each network a disjoint --ip-range inside the subnet (as "
                    "scenarios/seed-macvlan.sh does), and keep the LAN's own machines out of "
                    "them with --aux-address")


def _lan(ctx: Context) -> None:
    """Networks other than macvlan/ipvlan whose subnet overlaps the hosts' LAN."""
    lan = ctx.state.lan
    seen: set[str] = set()
    for hname, hs in ctx.state.hosts.items():
        lan_machines = {lan.gateway: "the LAN's router"} if lan.gateway is not None else {}
        for other in ctx.state.hosts.values():
            if other.host.address is not None:
                lan_machines[other.host.address] = f"Docker host {other.name}"
        for n in sorted(hs.networks.values(), key=_order):
            if n.driver in MACVLAN_DRIVERS or n.id in seen:
                continue
            overlay = n.scope == "swarm" or driver_of(n.driver).scope == "swarm"
            for s in n.subnets:
                shared = _overlap(s.subnet, lan.subnet)
                if shared is None:
                    continue
                seen.add(n.id)
                # (a bridge's own host keeps its address on the NIC; an overlay's containers
                # lose every LAN machine in the subnet, their own host's address too)
                cut = [f"{who} {ip}" for ip, who in sorted(lan_machines.items())
                       if ip is not None and ip in shared
                       and (overlay or who != f"Docker host {hname}")]
                also = f", among them {', '.join(cut)}" if cut else ""
                if overlay:
                    # an overlay lives in a namespace of its own (the host has no route to
                    # it): the subnet is the on-link route of its containers' interface, and
                    # swarm's allocator takes its pool (10.0.0.0/8) without looking at the
                    # hosts' routes (docs: engine/swarm/networking.md, --default-addr-pool)
                    why = (f"the containers on {n.name} route {shared} into the overlay (the "
                           f"subnet of their interface on it) instead of to the LAN: the "
                           f"LAN's machines in it cannot be reached from them{also}")
                    fix = (f"give {n.name} a subnet outside {lan.subnet} (docker network "
                           f"create --subnet …), or a swarm address pool outside it (docker "
                           f"swarm init --default-addr-pool)")
                else:
                    why = (f"{hname} routes {shared} into {n.interface or n.name} instead of "
                           f"out of its NIC: the LAN's machines in it cannot be reached from "
                           f"{hname} or its containers{also}")
                    fix = (f"give {n.name} a subnet outside {lan.subnet} (--subnet), or set "
                           "the daemon's default-address-pools so that IPAM never picks one "
                           "there" if not n.predefined else
                           f"move the default bridge off the LAN: dockerd --bip (or "
                           f"default-address-pools) outside {lan.subnet}")
                ctx.add("subnet-lan-overlap", ctx.at_network(hname, n), hname,
                        f"{n.name} {s.subnet} overlaps the LAN {lan.subnet}", why, fix)
                break


def _lan_pool(ctx: Context) -> None:
    """macvlan/ipvlan networks on the LAN itself (a parent NIC without a VLAN suffix, a
    subnet overlapping the LAN's) whose IPAM may hand a container the address of a LAN
    machine netsim knows: the LAN's router or a Docker host. Docker's IPAM knows nothing of
    the LAN; only ``--gateway`` and ``--aux-address`` keep an address out of its pool
    (docs: network/drivers/macvlan.md; moby daemon/libnetwork/docs/macvlan.md: the aux
    address "blacklists" the host's own address), so the container and the machine answer
    ARP for one address."""
    lan = ctx.state.lan
    #: address -> (who, the name for --aux-address)
    machines = {lan.gateway: ("the LAN's router", "router")} if lan.gateway is not None else {}
    for hs in ctx.state.hosts.values():
        if hs.host.address is not None:
            machines[hs.host.address] = (f"Docker host {hs.name}", hs.name)
    for hname, hs in ctx.state.hosts.items():
        for n in sorted(hs.networks.values(), key=_order):
            parent = n.options.get("parent", "")
            if n.driver not in MACVLAN_DRIVERS or not parent or "." in parent or n.internal:
                continue
            for sub in n.subnets:
                if sub.subnet.version != 4 or not sub.subnet.overlaps(lan.subnet):
                    continue
                pool = sub.ip_range if sub.ip_range is not None else sub.subnet
                kept = {sub.gateway, *sub.aux_addresses.values()}
                hit = [(ip, who) for ip, who in sorted(machines.items())
                       if ip in pool and ip not in kept
                       and ip not in (sub.subnet.network_address,
                                      sub.subnet.broadcast_address)]
                if not hit:
                    continue
                ips = ", ".join(f"{who} {ip}" for ip, (who, _) in hit)
                aux = " ".join(f"--aux-address {short}={ip}" for ip, (_, short) in hit)
                ctx.add("subnet-lan-overlap", ctx.at_network(hname, n), hname,
                        f"{n.name} hands out {pool}, with {', '.join(str(i) for i, _ in hit)}",
                        f"{n.name} is a {n.driver} network on {hname}'s {parent}, the LAN "
                        f"{lan.subnet} itself, and Docker's IPAM hands out any address of "
                        f"{pool} but its gateway and aux addresses, without knowing the LAN's "
                        f"machines: a container can get the address of {ips}",
                        f"keep them out of the pool ({aux}), or hand out a --ip-range that "
                        "no machine of the LAN uses (outside the DHCP server's range too)")
                break


def aliases(ctx: Context) -> None:
    """``alias-mixed-images``: a name (network alias or container name) that containers of
    different images answer to on one user-defined network. The embedded DNS answers such a
    name with every address, shuffled on each query (daemon/libnetwork/resolver.go
    ``rand.Shuffle``; docs: network/#dns-services), so a client reaches one of different
    programs at random; round robin is for replicas of one service. Images of one repository
    count as one program (``nginx:1.25`` beside ``nginx:1.27`` is a rolling update or a
    canary, ``nginx`` beside ``nginx:latest`` the same image); a container that does not
    run and will not (stopped, not ``--restart always``: :meth:`Context.active`) answers
    nothing: its names leave the DNS with its endpoint (daemon/container_operations.go
    releaseNetwork)."""
    groups: dict[tuple[str, str], list[tuple[tuple[int, str], ContainerState, str]]] = {}
    for c in ctx.containers():
        if not ctx.active(c):
            continue
        nets = ctx.state.hosts[c.host].networks
        for e in c.endpoints:
            net = nets.get(e.network)
            if net is None or net.predefined or e.gateway_only:
                continue
            names = {a for a in e.config.Aliases if a != c.short_id} | {c.name}
            for name in names:
                groups.setdefault((net.id, name.lower()), []).append(
                    (ctx.at_endpoint(c, e.network), c, e.network))
    for (_, name), members in groups.items():
        if len({ctx.repository(c) for _, c, _ in members}) < 2:
            continue
        members.sort(key=lambda m: (m[0][0], m[1].created_ns))
        first = ctx.repository(members[0][1])
        at, culprit, network = next(m for m in members if ctx.repository(m[1]) != first)
        who = ", ".join(f"{ctx.shown(c.host, c.name)} ({ctx.image(c)})" for _, c, _ in members)
        ctx.add("alias-mixed-images", at, culprit.host, f"{name} on {network}",
                f"{name} answers for {who}: Docker's embedded DNS returns every address in a "
                f"new random order on each query, so a client of {name} reaches different "
                "programs at random",
                "give each service its own alias (--network-alias at docker run, --alias at "
                "docker network connect); share one only between replicas of one image")


def user_network_links(ctx: Context) -> None:
    """``link-user-network``: ``--link`` on a user-defined network, where it only adds a name
    the linking container alone resolves (the endpoint's Links: daemon/libnetwork sandbox
    ResolveName; docs: network/links.md calls --link legacy). Every container on the network
    already resolves its peers by name and alias."""
    for c in ctx.containers():
        nets = ctx.state.hosts[c.host].networks
        for e in c.endpoints:
            net = nets.get(e.network)
            if net is None or net.predefined or not e.config.Links:
                continue
            service = c.spec.Config.Labels.get(_SERVICE)
            if service is not None:
                _compose_links(ctx, c, e.network, e.config.Links, service)
                continue
            links = ", ".join(e.config.Links)
            target, _, alias = e.config.Links[0].partition(":")
            alias = alias or target
            ctx.add("link-user-network", ctx.at_endpoint(c, e.network), c.host,
                    f"{ctx.shown(c.host, c.name)} --link {links} on {e.network}",
                    f"on the user-defined network {e.network} every container already "
                    f"resolves {target} by its name through Docker's embedded DNS; --link "
                    f"only adds a name that {c.name} alone resolves, and is a legacy feature",
                    f"drop --link and use the name {target}; for another name give {target} "
                    f"an alias on the network (docker network connect --alias {alias} "
                    f"{e.network} {target}, or --network-alias {alias} when it is run)")


#: the label Compose gives a container: its service (docker/compose pkg/api/labels.go)
_SERVICE = "com.docker.compose.service"


def _compose_links(ctx: Context, c: ContainerState, network: str, links: tuple[str, ...],
                   service: str) -> None:
    """``link-user-network`` of a service's ``links:``. Compose turns each entry into three
    links on the container's endpoint, ``CONTAINER:ALIAS``, ``CONTAINER:SERVICE-N`` and
    ``CONTAINER:PROJECT-SERVICE-N`` (docker/compose pkg/compose/create.go getLinks): the entry
    is the first of each target's, said in the file's words (``db:database``)."""
    hs = ctx.state.hosts[c.host]
    entries: dict[str, str] = {}
    for link in links:
        target, _, alias = link.partition(":")
        other = hs.containers.get(target)
        name = (other.spec.Config.Labels.get(_SERVICE, target) if other is not None
                else target)
        entries.setdefault(name, alias or name)
    shown = ", ".join(n if a == n else f"{n}:{a}" for n, a in entries.items())
    first, alias = next(iter(entries.items()))
    net = hs.networks.get(network)
    key = net.labels.get("com.docker.compose.network", network) if net is not None else network
    ctx.add("link-user-network", ctx.at_endpoint(c, network), c.host,
            f"{ctx.shown(c.host, c.name)} links: {shown} on {network}",
            f"on the user-defined network {network} every container of the project already "
            f"resolves {first} by its service name through Docker's embedded DNS; links: only "
            f"adds names that {c.name} alone resolves, and is a legacy feature",
            f"drop links: from service {service} and use the name {first}; for another name "
            f"give {first} an alias on the network (networks: {{{key}: {{aliases: [{alias}]}}}} "
            f"in service {first})"
            if alias != first else
            f"drop links: from service {service} and use the name {first}")


def default_bridge_links(ctx: Context) -> None:
    """``default-bridge-link``: a legacy ``--link`` on the default bridge. The default bridge
    has no embedded DNS (daemon/network.go creates its endpoints with resolution disabled), so
    the name works only through the ``/etc/hosts`` line Docker writes into the linking
    container (daemon/container_operations_unix.go addLegacyLinks): netsim's resolver
    (:func:`netsim.analysis.dns.lookup`) answers it from the hosts file, and for no other
    container."""
    from netsim.analysis.dns import lookup

    for c in ctx.containers():
        if not c.legacy_links:
            continue
        names = [alias for _, alias in c.legacy_links]
        if c.running:
            rng = random.Random(0)
            by_file = [a for a in names
                       if lookup(ctx.state, ctx.label(c.host, c.name), a, rng=rng).source
                       == "hosts"]
            names = by_file or names
        links = ", ".join(t if t == a else f"{t}:{a}" for t, a in c.legacy_links)
        shown = ", ".join(dict.fromkeys(names))
        target = c.legacy_links[0][0]
        ctx.add("default-bridge-link", ctx.at_container(c), c.host,
                f"{ctx.shown(c.host, c.name)} --link {links}",
                f"{shown} resolves at {c.name} only through the /etc/hosts line --link wrote: "
                "the default bridge has no DNS, so no other container resolves it and it "
                "fails as soon as the containers leave the default bridge; --link is legacy",
                f"create a network (docker network create app), run {c.name} and {target} on "
                f"it (--network app) and use the name {target}; another name: --network-alias")
