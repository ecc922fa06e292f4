"""What clients ask: :func:`query` (what ``dig`` gets from one server), :func:`lookup` (what a
program's ``getaddrinfo`` returns: files first, then DNS, as nsswitch's ``hosts: files dns``),
:func:`query_series` (a query repeated, for ``netsim dns``), MX and other types, reverse names.

Randomness (the shuffle of a multi-address answer) comes only from the ``random.Random`` passed
in.
"""

from __future__ import annotations

import ipaddress
import random
from typing import Literal

from netsim.analysis.dns.hosts import etc_hosts, host_hosts
from netsim.analysis.dns.records import (
    EMBEDDED_DNS,
    LOCAL_TTL,
    DnsAnswer,
    DnsSeries,
    IPAddr,
    Lookup,
    QType,
    Rcode,
    Record,
)
from netsim.analysis.dns.resolv import MAX_EXT_DNS, ResolvConf, host_servers, resolv_conf
from netsim.analysis.dns.server import (
    Client,
    client_of,
    embedded_ptr,
    embedded_resolve,
    forward,
    internet_answer,
    ptr_name,
    server_reachable,
    server_refuses,
)
from netsim.errors import InputError
from netsim.state import ContainerState, State

__all__ = [
    "gethostbyname",
    "lookup",
    "mx_query",
    "query",
    "query_series",
    "reverse_name",
    "unserved_query",
]

IPv4 = ipaddress.IPv4Address

# --------------------------------------------------------------------------------------------
# Queries


def query(state: State, client: str, name: str, qtype: QType = "A", *,
          rng: random.Random, server: str | None = None) -> DnsAnswer:
    """What the first nameserver of ``client``'s resolv.conf (or ``server``) answers.

    ``client`` is a running container (NAME or HOST/NAME) or a vantage point (``@host``,
    ``@NAME``, ``@lan``, ``@internet``). ``rng`` draws the shuffle of a multi-address answer.
    For a PTR query ``name`` is the address.
    """
    cl = client_of(state, client)
    return _query(cl, name, qtype, rng, server)


def _client_resolv(cl: Client) -> ResolvConf:
    """The resolv.conf a client's resolver reads."""
    if cl.container is not None and cl.host is not None:
        return resolv_conf(cl.state, cl.host, cl.container)
    if cl.host is not None:
        return ResolvConf(host_servers(cl.state, cl.host), (), (), transform="")
    gw = cl.state.lan.gateway  # @lan: the router; @internet: a public resolver
    return ResolvConf((str(gw),) if cl.label == "@lan" and gw else ("8.8.8.8",), (), (),
                      transform="")


def _query(cl: Client, name: str, qtype: QType, rng: random.Random,
           server: str | None) -> DnsAnswer:
    if qtype == "PTR":
        try:
            ip = ipaddress.ip_address(name)
        except ValueError:
            raise InputError("PTR", "a reverse lookup needs an address", got=name,
                             accepted="an IPv4 or IPv6 address") from None
        qname = ptr_name(ip)
    else:
        ip = None
        qname = name
    rc = _client_resolv(cl)
    target = server or (rc.nameservers[0] if rc.nameservers else "")
    if not target:
        return DnsAnswer(cl.label, qname, qtype, "", None, (), "none", None,
                         "resolv.conf names no nameserver", "dns.no-server")
    if cl.container is None or target != EMBEDDED_DNS:
        return _upstream_only(cl, qname, qtype, target)
    if not rc.embedded:
        # 127.0.0.11 asked by hand in a container that does not use it: nothing listens
        return DnsAnswer(cl.label, qname, qtype, target, None, (), "none", None,
                         "nothing listens on 127.0.0.11 in a container without a user-defined "
                         "network", "dns.no-server")
    if ip is not None:
        ptr = embedded_ptr(cl, ip)
        if ptr is not None:
            found_name, network = ptr
            if any(len(label.encode()) > 63 for label in found_name.split(".")):
                # miekg/dns cannot pack the answer (a container name over 63 bytes is one
                # label): resolver.go reply (EngineProfile.dns_unpackable_reply_servfail)
                servfail = cl.state.profile.dns_unpackable_reply_servfail
                return DnsAnswer(cl.label, qname, qtype, target,
                                 Rcode.SERVFAIL if servfail else None, (), "embedded", network,
                                 f"{ip} is {found_name}, whose first label is over 63 bytes: "
                                 "the reply cannot be packed", "dns.unpackable",
                                 recursion_available=False)
            rec = Record(qname, "PTR", LOCAL_TTL, found_name + ".")
            return DnsAnswer(cl.label, qname, qtype, target, Rcode.NOERROR, (rec,), "embedded",
                             network, f"{ip} is {found_name} on network {network}", "dns.ptr")
        return forward(cl, rc, qname, qtype, target)
    found = embedded_resolve(cl, name, qtype)
    if found is None:
        return forward(cl, rc, name, qtype, target)
    fqdn = name if name.endswith(".") else name + "."
    if not found.addresses:
        return DnsAnswer(cl.label, name, qtype, target, Rcode.NOERROR, (), "embedded",
                         found.network, f"'{name}' exists on network {found.network} but has "
                         f"no {'IPv6' if qtype == 'AAAA' else 'IPv4'} address there",
                         "dns.nodata")
    addrs = list(found.addresses)
    rng.shuffle(addrs)  # resolver.go handleIPQuery: rand.Shuffle on every query
    records = tuple(Record(fqdn, qtype, LOCAL_TTL, str(a)) for a in addrs)
    n = len(addrs)
    why = {
        "dns.link": f"'{name}' is a --link alias of this container on network {found.network}",
        "dns.qualified": f"'{name}' names {n} container{'s' if n > 1 else ''} on network "
                         f"{found.network}",
        "dns.alias": f"{n} containers answer to '{name}' on network {found.network}, in a "
                     "new random order on each query",
        "dns.name": f"'{name}' names one container on network {found.network}",
    }[found.rule]
    return DnsAnswer(cl.label, name, qtype, target, Rcode.NOERROR, records, "embedded",
                     found.network, why, found.rule)


def _upstream_only(cl: Client, qname: str, qtype: QType, server: str) -> DnsAnswer:
    """A query straight to an upstream server (no embedded DNS on the way)."""
    # @lan and @internet: their resolver works
    reachable = cl.host is None or server_reachable(cl.state, cl.label, server)
    if not reachable and server_refuses(cl.state, cl.label, server):
        return DnsAnswer(cl.label, qname, qtype, server, None, (), "none", None,
                         f"nothing listens on {server}:53/udp; it answers with ICMP port "
                         "unreachable", "dns.refused")
    if not reachable:
        return DnsAnswer(cl.label, qname, qtype, server, None, (), "none", None,
                         f"the nameserver {server} cannot be reached from {cl.label}",
                         "dns.no-server")
    rcode, records = internet_answer(qname, qtype)
    why = ("this resolver asks the host's nameserver, which knows no container names"
           if cl.container is not None else "a public nameserver")
    return DnsAnswer(cl.label, qname, qtype, server, rcode, records, "upstream", None,
                     f"{why}: {server} answers {rcode.value}",
                     "dns.direct" if cl.container is not None else "dns.internet")


def mx_query(state: State, client: str, name: str, *, server: str | None = None) -> DnsAnswer:
    """An MX query (resolver.go handleMXQuery): a name the embedded server has an address for,
    of either family, gets NOERROR with no records ("implicit MX", RFC 5321 §5.1; createRespMsg:
    RA set, no OPT); any other name is forwarded like an unserved type (:func:`unserved_query`).
    The answer's ``qtype`` says A: netsim's records have no MX type."""
    cl = client_of(state, client)
    rc = _client_resolv(cl)
    target = server or (rc.nameservers[0] if rc.nameservers else "")
    if cl.container is not None and target == EMBEDDED_DNS and rc.embedded:
        found = next((f for f in (embedded_resolve(cl, name, t) for t in ("A", "AAAA"))
                      if f is not None and f.addresses), None)
        if found is not None:
            return DnsAnswer(cl.label, name, "A", target, Rcode.NOERROR, (), "embedded",
                             found.network, f"'{name}' is a name on network {found.network}: "
                             "Docker answers MX with no records (implicit MX)", "dns.mx")
    return unserved_query(state, client, name, server=server)


def unserved_query(state: State, client: str, name: str, *,
                   server: str | None = None) -> DnsAnswer:
    """A query of a type the embedded server does not serve (HTTPS, TXT …): forwarded upstream
    like an unknown name (``resolver.go`` serveDNS default case). netsim's internet has no such
    records: NOERROR without data for a name that exists, else NXDOMAIN."""
    cl = client_of(state, client)
    rc = _client_resolv(cl)
    target = server or (rc.nameservers[0] if rc.nameservers else "")
    if cl.container is not None and target == EMBEDDED_DNS and rc.embedded:
        answer = forward(cl, rc, name, "A", target, served=False)
    elif target:
        answer = _upstream_only(cl, name, "A", target)
    else:
        return DnsAnswer(cl.label, name, "A", "", None, (), "none", None,
                         "resolv.conf names no nameserver", "dns.no-server")
    return DnsAnswer(answer.client, answer.name, answer.qtype, answer.server, answer.rcode, (),
                     answer.answered_by, answer.network, answer.reason, answer.rule,
                     answer.recursion_available)


def lookup(state: State, client: str, name: str, *, rng: random.Random,
           libc: Literal["glibc", "musl"] = "musl") -> Lookup:
    """What ``getaddrinfo(name)`` returns at ``client`` (IPv4), in the order a program uses.

    /etc/hosts first, then each nameserver of resolv.conf in order until one answers. musl keeps
    the DNS order of IPv4 answers (``lookup_name.c``): the program uses the first address of the
    shuffled answer. glibc sorts (:func:`_rfc6724`): its own address first, and on a network
    with IPv6 the closest address always wins.
    """
    cl = client_of(state, client)
    return _lookup(cl, name, rng, libc)


def _lookup(cl: Client, name: str, rng: random.Random,
            libc: Literal["glibc", "musl"] = "musl", qtype: QType = "A") -> Lookup:
    version = 6 if qtype == "AAAA" else 4
    try:
        literal = ipaddress.ip_address(name)
        if literal.version == version:
            return Lookup(name, (literal,), "literal", canonical=name)
    except ValueError:
        pass
    if name == "localhost" and cl.host is None and version == 4:
        return Lookup(name, (IPv4("127.0.0.1"),), "hosts", canonical=name, names=(name,))
    if cl.host is not None:
        hosts = (etc_hosts(cl.state, cl.host, cl.container) if cl.container is not None
                 else host_hosts(cl.state, cl.host))
        wanted = name.lower().removesuffix(".")
        for e in hosts:
            if e.address.version == version and wanted in (n.lower() for n in e.names):
                return Lookup(name, (e.address,), "hosts", canonical=e.names[0], names=e.names)
    rc = _client_resolv(cl)
    answers = [_query(cl, name, qtype, rng, None)] if not rc.nameservers else []
    for server in rc.nameservers[:MAX_EXT_DNS]:
        answers.append(_query(cl, name, qtype, rng, server))
        if answers[-1].rcode not in (None, Rcode.SERVFAIL):
            break
    answer = answers[-1]
    addrs = [ipaddress.ip_address(a) for a in answer.addresses]
    if libc == "glibc" and len(addrs) > 1 and cl.owner is not None:
        addrs = _rfc6724(addrs, cl.owner)
    return Lookup(name, tuple(addrs), "dns", answer, name)


def gethostbyname(state: State, client: str, name: str, *, rng: random.Random,
                  qtype: QType = "A") -> Lookup:
    """``gethostbyname2`` for one family (``getent hosts``): /etc/hosts lines of that family,
    then DNS of that type; no sorting."""
    return _lookup(client_of(state, client), name, rng, "musl", qtype)


def _rfc6724(addrs: list[IPAddr], owner: ContainerState) -> list[IPAddr]:
    """glibc getaddrinfo's sort of IPv4 answers (``nss/getaddrinfo.c`` rfc3484_sort).

    The container's own address goes first (rule 1, same address). Rule 9 (longest matching
    prefix) counts only inside the source's subnet and only when the container has an IPv6
    address (``check_pf.c`` keeps interface prefixes only then); otherwise the DNS order stays
    (rule 10). ``docs/reference/dns-tools.md`` §8.
    """
    own = [e.ipv4 for e in owner.active_endpoints() if e.ipv4 is not None]
    dual = any(e.ipv6 is not None for e in owner.active_endpoints())

    def key(a: IPAddr) -> tuple[int, int]:
        if any(a == i.ip for i in own):
            return (0, 0)
        if dual and isinstance(a, IPv4):
            for i in own:
                if a in i.network:
                    common = 32 - (int(a) ^ int(i.ip)).bit_length()
                    return (1, -common)
        return (1, 0)

    return sorted(addrs, key=key)  # stable: ties keep Docker's shuffled order


def reverse_name(state: State, client: str, ip: str, *, rng: random.Random) -> str | None:
    """The name a PTR lookup of ``ip`` gives at ``client`` (``getnameinfo``), without the final
    dot; None when there is none (iputils then prints the bare address)."""
    cl = client_of(state, client)
    return _reverse(cl, ip, rng)


def _reverse(cl: Client, ip: str, rng: random.Random) -> str | None:
    addr = ipaddress.ip_address(ip)
    if cl.host is not None:
        hosts = (etc_hosts(cl.state, cl.host, cl.container) if cl.container is not None
                 else host_hosts(cl.state, cl.host))
        for e in hosts:
            if e.address == addr:
                return e.names[0]
    answer = _query(cl, ip, "PTR", rng, None)
    for r in answer.records:
        if r.rtype == "PTR":
            return r.data.removesuffix(".")
    return None


def query_series(state: State, client: str, name: str, times: int, *, seed: int = 0,
                 qtype: QType = "A") -> DnsSeries:
    """``times`` queries of ``name`` from ``client``, shuffled by ``random.Random(seed)``.

    >>> from netsim.lab import Lab
    >>> lab = Lab()
    >>> _ = lab.docker("network create net1")
    >>> for n in (1, 2, 3):
    ...     _ = lab.docker(f"run -d --name web{n} --network net1 --network-alias web nginx")
    >>> _ = lab.docker("run -d --name client --network net1 alpine sleep 1d")
    >>> print(query_series(lab.state, "client", "web", 4, seed=1))
    client asks 127.0.0.11 for web, 4 times
      3 containers answer to 'web' on network net1, in a new random order on each query
    1  172.18.0.3 172.18.0.4 172.18.0.2
    2  172.18.0.4 172.18.0.2 172.18.0.3
    3  172.18.0.2 172.18.0.4 172.18.0.3
    4  172.18.0.2 172.18.0.4 172.18.0.3
    <BLANKLINE>
    first address over 4 queries:
      172.18.0.2  web1  2   50.0%
      172.18.0.3  web2  1   25.0%
      172.18.0.4  web3  1   25.0%
    """
    if times < 1:
        raise InputError("--times", "the number of queries must be at least 1", got=str(times),
                         accepted="a whole number ≥ 1")
    cl = client_of(state, client)
    rng = random.Random(seed)
    answers = tuple(_query(cl, name, qtype, rng, None) for _ in range(times))
    owners: dict[str, str] = {}
    if answers[0].answered_by == "embedded" and qtype != "PTR":
        found = embedded_resolve(cl, name, qtype)
        if found is not None:
            owners = {str(ip): o for ip, o in zip(found.addresses, found.owners, strict=True)}
    return DnsSeries(cl.label, name, answers, owners)
