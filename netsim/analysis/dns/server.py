"""Docker's embedded DNS server as a client sees it, and the upstream servers beyond it.

The client (:class:`Client`: a container's sandbox, a Docker host, ``@lan`` or ``@internet``, as
:func:`netsim.analysis.vantage.resolve_vantage` reads it), every network's records
(``buildEndpointDNSNames``), the embedded server's answers (:func:`embedded_resolve`,
:func:`embedded_ptr`), forwarding unknown names upstream (:func:`forward`) and netsim's
internet DNS (:func:`internet_answer`). What clients ask is in
:mod:`netsim.analysis.dns.queries`.
"""

from __future__ import annotations

import hashlib
import ipaddress
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from netsim.analysis.dns.records import (
    UPSTREAM_TTL,
    DnsAnswer,
    IPAddr,
    QType,
    Rcode,
    Record,
)
from netsim.analysis.dns.resolv import ResolvConf
from netsim.analysis.graph import sandbox_owner
from netsim.analysis.vantage import resolve_vantage
from netsim.errors import InputError
from netsim.state import (
    ContainerState,
    EndpointState,
    HostState,
    NetworkState,
    State,
    gc_paused,
    sandbox_order,
)

__all__ = [
    "Client",
    "Found",
    "TableChange",
    "client_of",
    "derive_records",
    "embedded_ptr",
    "embedded_resolve",
    "endpoints",
    "forward",
    "internet_address",
    "internet_answer",
    "network_names",
    "ptr_name",
    "server_reachable",
    "server_refuses",
]

IPv4 = ipaddress.IPv4Address

_SPECIAL_USE = ("test", "invalid", "local", "localhost", "internal", "home.arpa", "example")
#: generic top-level domains netsim's internet has (besides every two-letter country code)
_GENERIC_TLDS = frozenset((
    "com", "net", "org", "info", "biz", "edu", "gov", "mil", "int", "dev", "app", "io", "cloud",
    "tech", "online", "site", "xyz", "page", "blog", "shop", "news", "pro", "name", "mobi",
))
_INTERNET_NET = ipaddress.IPv4Network("203.0.113.0/24")


# --------------------------------------------------------------------------------------------
# The client: a container (its sandbox) or a Docker host


@dataclass(frozen=True)
class Client:
    state: State
    label: str
    host: str | None  # the Docker host (None: @lan, @internet)
    container: ContainerState | None
    #: the container whose sandbox the client's network namespace is (joiners: the owner); None
    #: for a joiner whose owner's namespace is gone
    owner: ContainerState | None


def client_of(state: State, client: str) -> Client:
    """The client a NAME, HOST/NAME, ``@host``, ``@NAME``, ``@lan`` or ``@internet`` names
    (:func:`netsim.analysis.vantage.resolve_vantage`); InputError when unknown or, for a
    container, not running."""
    v = resolve_vantage(state, client, role="client")
    if v.kind in ("lan", "internet"):
        return Client(state, client, None, None, None)
    assert v.host is not None
    if v.kind == "host":
        return Client(state, f"@{v.host}", v.host, None, None)
    assert v.name is not None
    host, c = v.host, state.hosts[v.host].containers[v.name]
    if not c.running:
        raise InputError("client", f"container {c.name} is not running", got=c.status,
                         accepted="a running container")
    owner = sandbox_owner(state, host, c)
    return Client(state, client, host, c, owner)


def _networks(state: State, host: str) -> dict[str, NetworkState]:
    return state.hosts[host].networks


def endpoints(cl: Client) -> list[EndpointState]:
    """The client sandbox's joined endpoints in libnetwork's order."""
    if cl.owner is None or cl.host is None:
        return []
    nets = _networks(cl.state, cl.host)
    return sandbox_order([e for e in cl.owner.endpoints if e.active and not e.gateway_only],
                         nets.get, cl.state.profile)


# --------------------------------------------------------------------------------------------
# The embedded server's records


@dataclass
class _Registry:
    """Every network's DNS records: (host or "" for swarm networks, network) -> name -> IPs."""

    names: dict[tuple[str, str], dict[str, list[tuple[IPAddr, str]]]] = field(
        default_factory=dict)
    ptr: dict[tuple[str, str], dict[IPAddr, str]] = field(default_factory=dict)


def _net_key(host: str, net: NetworkState) -> tuple[str, str]:
    return ("" if net.scope == "swarm" else host, net.name)


def _build_registry(state: State) -> _Registry:
    """The records of every running endpoint on a user-defined network (the engine computed
    its ``dns_names``, ``buildEndpointDNSNames``)."""
    reg = _Registry()
    with gc_paused():  # many small acyclic objects (as reach's index)
        for host, hs in state.hosts.items():
            for c in hs.containers.values():
                if c.status != "running":
                    continue
                for ep in c.endpoints:
                    names = ep.dns_names
                    if not names or not ep.endpoint_id:
                        continue
                    net = hs.networks.get(ep.network)
                    if net is None:
                        continue
                    swarm = net.scope == "swarm"
                    key = ("" if swarm else host, net.name)
                    table = reg.names.get(key)
                    if table is None:
                        table = reg.names[key] = {}
                        reg.ptr[key] = {}
                    owner = f"{host}/{c.name}" if swarm else c.name
                    _add_records(table, reg.ptr[key], ep, names, owner, net.name)
    return reg


def _add_records(table: dict[str, list[tuple[IPAddr, str]]], ptr: dict[IPAddr, str],
                 ep: EndpointState, names: Sequence[str], owner: str, network: str) -> None:
    """An endpoint's A/AAAA records under each of its DNS names (lower-cased, in the order
    the endpoints joined) and its addresses' PTR, the first name on the network."""
    pairs = [(a.ip, owner) for a in (ep.ipv4, ep.ipv6) if a is not None]
    for name in names:
        lowered = name.lower()
        entries = table.get(lowered)
        if entries is None:
            table[lowered] = list(pairs)
        else:
            entries += pairs
    primary = f"{names[0]}.{network}"
    for ip, _ in pairs:
        ptr.setdefault(ip, primary)


def _registry(state: State) -> _Registry:
    return state.memo("_netsim_dns", _build_registry)


def network_names(state: State, host: str, network: str) -> tuple[str, ...]:
    """The names (lower case) the embedded DNS knows on network ``network`` of host ``host``:
    its running endpoints' DNS names."""
    net = state.hosts[host].networks.get(network)
    if net is None:
        return ()
    return tuple(_registry(state).names.get(_net_key(host, net), {}))


#: a table of records that changed: the names (lower case) whose records changed, and the
#: containers (host, name) with records in it, before or after
TableChange = tuple[set[str], set[tuple[str, str]]]


def derive_records(before: State, after: State, containers: Iterable[tuple[str, str]],
                   networks: Iterable[tuple[str, str]]) -> dict[tuple[str, str], TableChange]:
    """Keep on ``after`` the embedded DNS's records, derived from ``before``'s where
    ``after`` differs only in ``containers`` and ``networks`` (host, name; every other one the
    very same object): the tables of the networks they are on are built again, the others
    shared. Returns each table that changed (by ``(host, network)``, host ``""`` for a swarm
    network) with the names whose records changed and who holds records in it."""
    old = _registry(before)
    keys: set[tuple[str, str]] = set()
    touched: dict[str, set[str]] = {}
    for host, name in containers:
        versions = [hs.containers.get(name) if (hs := state.hosts.get(host)) is not None
                    else None for state in (before, after)]
        if versions[0] is versions[1] or (
                versions[0] is not None and versions[1] is not None
                and _record_facts(versions[0]) == _record_facts(versions[1])):
            continue  # (its records are what they were: they are its endpoints')
        touched.setdefault(host, set()).add(name)
        for state, c in zip((before, after), versions, strict=True):
            if c is None or c.status != "running":
                continue
            nets = state.hosts[host].networks
            for ep in c.endpoints:
                net = nets.get(ep.network)
                if net is not None and ep.dns_names and ep.endpoint_id:
                    keys.add(_net_key(host, net))
    for host, name in networks:  # records name a network, never read its options
        was = before.hosts[host].networks.get(name) if host in before.hosts else None
        now = after.hosts[host].networks.get(name) if host in after.hosts else None
        if was is None or now is None or was.scope != now.scope:
            keys.update(((host, name), ("", name)))
    reg = _Registry(dict(old.names), dict(old.ptr))
    hosts = {h: i for i, h in enumerate(after.hosts)}
    positions: dict[str, dict[str, int]] = {}
    changes: dict[tuple[str, str], TableChange] = {}
    for key in keys:
        members: set[tuple[str, str]] = set()
        for entries in old.names.get(key, {}).values():
            for _, owner in entries:
                where, _, name = owner.rpartition("/")
                members.add((key[0] or where, name))
        holders = set(members)
        for host, names in touched.items():
            if not key[0] or key[0] == host:
                members.update((host, n) for n in names)
        for h in {h for h, _ in members} - positions.keys():
            if h in after.hosts:
                held = after.hosts[h].containers
                positions[h] = dict(zip(held, range(len(held)), strict=True))
        order = positions
        table: dict[str, list[tuple[IPAddr, str]]] = {}
        ptr: dict[IPAddr, str] = {}
        for host, name in sorted((m for m in members if m[1] in order.get(m[0], {})),
                                 key=lambda m: (hosts[m[0]], order[m[0]][m[1]])):
            hs = after.hosts[host]
            if _records(hs, host, hs.containers[name], key, table, ptr):
                holders.add((host, name))
        if table:
            reg.names[key], reg.ptr[key] = table, ptr
        else:
            reg.names.pop(key, None)
            reg.ptr.pop(key, None)
        earlier = old.names.get(key, {})
        diff = {n for n in earlier.keys() | table.keys() if earlier.get(n) != table.get(n)}
        if diff:
            changes[key] = (diff, holders)
    after.memo("_netsim_dns", lambda _state: reg)
    return changes


def _record_facts(c: ContainerState) -> tuple[object, ...]:
    """What a container's records are made of."""
    return c.name, c.status, tuple((e.network, e.dns_names, e.endpoint_id, e.ipv4, e.ipv6)
                                   for e in c.endpoints)


def _records(hs: HostState, host: str, c: ContainerState, key: tuple[str, str],
             table: dict[str, list[tuple[IPAddr, str]]], ptr: dict[IPAddr, str]) -> bool:
    """Container ``c``'s records in the table ``key`` (as :func:`_build_registry` adds
    them); whether it has any."""
    if c.status != "running":
        return False
    found = False
    for ep in c.endpoints:
        names = ep.dns_names
        net = hs.networks.get(ep.network)
        if not names or not ep.endpoint_id or net is None or _net_key(host, net) != key:
            continue
        owner = f"{host}/{c.name}" if net.scope == "swarm" else c.name
        _add_records(table, ptr, ep, names, owner, net.name)
        found = True
    return found



@dataclass(frozen=True)
class Found:
    addresses: tuple[IPAddr, ...]  # empty with nodata: the name exists, not in that family
    network: str
    rule: str
    owners: tuple[str, ...] = ()


def _network_resolve(reg: _Registry, key: tuple[str, str], name: str,
                     qtype: QType) -> tuple[list[tuple[IPAddr, str]], bool]:
    """``Network.ResolveName``: (entries, other-family-only)."""
    entries = reg.names.get(key, {}).get(name.lower(), [])
    version = 6 if qtype == "AAAA" else 4
    want = [(ip, owner) for ip, owner in entries if ip.version == version]
    if want:
        seen: dict[IPAddr, str] = {}
        for ip, owner in want:
            seen.setdefault(ip, owner)
        return list(seen.items()), False
    return [], bool(entries)


def _link_aliases(ep: EndpointState) -> dict[str, str]:
    """A user-defined endpoint's ``--link target[:alias]`` entries: alias -> target."""
    out: dict[str, str] = {}
    for link in ep.config.Links:
        target, _, alias = link.partition(":")
        target = target.lstrip("/")
        out[alias or target] = target
    return out


def embedded_resolve(cl: Client, name: str, qtype: QType) -> Found | None:
    """``Sandbox.ResolveName``: for ``a.b.c`` try ``a.b.c`` on every network, then ``a.b`` on
    network ``c``, then ``a`` on ``b.c``; at each step the container's link aliases first, then
    the networks' names, endpoint by endpoint in sandbox order."""
    assert cl.host is not None
    name = name.removesuffix(".")
    reg = _registry(cl.state)
    nets = _networks(cl.state, cl.host)
    eps = [(ep, nets[ep.network]) for ep in endpoints(cl) if ep.network in nets]
    tries = [(name, "")]
    rest = name
    while "." in rest:
        i = rest.rindex(".")
        tries.append((name[:i], name[i + 1:]))
        rest = rest[:i]
    for req, net_name in tries:
        for lookup_alias in (True, False):
            nodata: str | None = None
            for ep, net in eps:
                if net_name and net_name != net.name:
                    continue
                aliases = _link_aliases(ep)
                target = req
                if lookup_alias:
                    # the link alias is matched as typed (a Go map lookup, no lower-casing)
                    if req not in aliases:
                        continue
                    target = aliases[req]
                elif req in aliases:
                    continue
                found, other = _network_resolve(reg, _net_key(cl.host, net), target, qtype)
                if found:
                    rule = ("dns.link" if lookup_alias else "dns.qualified" if net_name
                            else "dns.alias" if len(found) > 1 else "dns.name")
                    return Found(tuple(ip for ip, _ in found), net.name, rule,
                                  tuple(o for _, o in found))
                if other and nodata is None:
                    nodata = net.name
            if nodata is not None:
                return Found((), nodata, "dns.nodata")
    return None


def embedded_ptr(cl: Client, ip: IPAddr) -> tuple[str, str] | None:
    """``Sandbox.ResolveIP``: (``<name>.<network>``, network) from the first network of the
    client's that has the address."""
    assert cl.host is not None
    reg = _registry(cl.state)
    nets = _networks(cl.state, cl.host)
    for ep in endpoints(cl):
        net = nets.get(ep.network)
        if net is None:
            continue
        found = reg.ptr.get(_net_key(cl.host, net), {}).get(ip)
        if found is not None:
            return found, net.name
    return None


# --------------------------------------------------------------------------------------------
# Upstream servers and netsim's internet


def ptr_name(ip: IPAddr) -> str:
    return ip.reverse_pointer + "."


def _special_use(name: str) -> bool:
    lowered = name.lower().removesuffix(".")
    return any(lowered == d or lowered.endswith("." + d) for d in _SPECIAL_USE)


def internet_address(name: str) -> IPv4:
    """netsim's internet: the A record of an existing external name (a hash of the name)."""
    digest = hashlib.sha256(name.lower().removesuffix(".").encode()).digest()
    return _INTERNET_NET.network_address + 1 + digest[0] % 254


def internet_answer(name: str, qtype: QType) -> tuple[Rcode, tuple[Record, ...]]:
    """What an upstream (public) DNS server answers."""
    fqdn = name if name.endswith(".") else name + "."
    if qtype == "PTR":
        return Rcode.NXDOMAIN, ()
    labels = [x.lower() for x in name.removesuffix(".").split(".") if x]
    tld = labels[-1] if labels else ""
    known_tld = tld in _GENERIC_TLDS or (len(tld) == 2 and tld.isalpha())
    if len(labels) < 2 or _special_use(name) or not known_tld:
        return Rcode.NXDOMAIN, ()
    if len(labels) > 2 and labels[-2] == "example" and labels[:-2] != ["www"]:
        return Rcode.NXDOMAIN, ()  # IANA's example.com/net/org: only the apex and www
    if qtype == "AAAA":
        return Rcode.NOERROR, ()
    return Rcode.NOERROR, (Record(fqdn, "A", UPSTREAM_TTL, str(internet_address(name))),)


def server_reachable(state: State, source: str, server: str) -> bool:
    """Whether a DNS query from ``source`` (a container or @HOST) reaches ``server``:53/udp."""
    from netsim.analysis.reach import Disposition, reach

    if ipaddress.ip_address(server).is_loopback:
        # a resolver on the host's own loopback (systemd-resolved, dnsmasq) answers the host;
        # inside a container nothing listens there
        return source.startswith("@")
    lan_gw = state.lan.gateway
    if lan_gw is not None and server == str(lan_gw):
        # the LAN's router relays DNS (netsim's assumption): it must be reachable at all
        return reach(state, source, server).disposition is Disposition.DELIVERED
    try:
        trace = reach(state, source, server, port=53, proto="udp")
    except InputError:
        return False
    return trace.disposition is Disposition.DELIVERED


def server_refuses(state: State, source: str, server: str) -> bool:
    """Whether ``server`` is reached but nothing listens on 53/udp there (a container that
    serves no DNS): the kernel's port unreachable (:attr:`Symptom.REFUSED`), not silence."""
    from netsim.analysis.reach import Symptom, reach

    lan_gw = state.lan.gateway
    if ipaddress.ip_address(server).is_loopback or (lan_gw is not None and
                                                    server == str(lan_gw)):
        return False
    try:
        trace = reach(state, source, server, port=53, proto="udp")
    except InputError:
        return False
    return trace.symptom is Symptom.REFUSED


def forward(cl: Client, rc: ResolvConf, name: str, qtype: QType,
             server: str, *, served: bool = True) -> DnsAnswer:
    """A name the embedded server does not know (``resolver.go`` ``serveDNS``,
    ``forwardExtDNS``): forwarded to up to three servers in order, NXDOMAIN passed through."""
    assert cl.host is not None
    single = "." not in name.removesuffix(".")
    if rc.ndots_set and single and served and qtype in ("A", "AAAA"):
        # an ndots option set by the host or --dns-option: the client walks its search list
        return DnsAnswer(cl.label, name, qtype, server, Rcode.NOERROR, (), "embedded", None,
                         f"'{name}' is no container name here; with an ndots option set, "
                         "Docker answers a single-label name with no data instead of "
                         "forwarding it", "dns.ndots")
    if not rc.forwards and rc.ext_from_host:
        return DnsAnswer(cl.label, name, qtype, server, Rcode.SERVFAIL, (), "embedded", None,
                         f"'{name}' is no container name on this container's networks, and "
                         "a container whose networks are all --internal gets no external DNS",
                         "dns.internal", recursion_available=False)
    if not rc.ext_servers:
        return DnsAnswer(cl.label, name, qtype, server, Rcode.SERVFAIL, (), "embedded", None,
                         f"'{name}' is unknown here and the host's resolv.conf names no "
                         "server to forward it to", "dns.unreachable",
                         recursion_available=False)
    for ext in rc.ext_servers:
        # the host's servers are asked from the host's namespace; only its loopback ones where
        # EngineProfile.ext_dns_host_loopback_only (the others from the container's)
        from_host = rc.ext_from_host and not (
            rc.host_marks_loopback_only and not ipaddress.ip_address(ext).is_loopback)
        source = f"@{cl.host}" if from_host else cl.label
        if server_reachable(cl.state, source, ext):
            rcode, records = internet_answer(name, qtype)
            where = "from the host" if from_host else "from the container"
            return DnsAnswer(cl.label, name, qtype, server, rcode, records, "upstream", None,
                             f"'{name}' is no container name on this container's networks: "
                             f"forwarded to {ext} ({where}), which answers {rcode.value}",
                             "dns.forward")
    if rc.silent_on_failure:
        return DnsAnswer(cl.label, name, qtype, server, None, (), "none", None,
                         f"'{name}' is unknown here and no upstream server "
                         f"({', '.join(rc.ext_servers)}) could be reached: the embedded server "
                         "sends no reply", "dns.silent")
    return DnsAnswer(cl.label, name, qtype, server, Rcode.SERVFAIL, (), "embedded", None,
                     f"'{name}' is unknown here and no upstream server "
                     f"({', '.join(rc.ext_servers)}) could be reached", "dns.unreachable",
                     recursion_available=False)
