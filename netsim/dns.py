"""Names: Docker's embedded DNS server, a container's ``/etc/hosts`` and ``/etc/resolv.conf``.

What a container's resolver answers (Engine 29.1; moby ``docker-v29.1.0``: daemon/libnetwork/
resolver.go, sandbox.go ResolveName, daemon/container_operations.go buildEndpointDNSNames; Docker's
networking overview https://docs.docker.com/engine/network/; ``docs/reference/dns-docker.md``):

* A container with at least one endpoint on a user-defined network gets the embedded DNS server
  ``127.0.0.11`` (:func:`resolv_conf`); one with only the default bridge, ``host`` or ``none``
  keeps the host's nameservers, which know no container names.
* On each user-defined network the daemon registers, for every running endpoint, the container
  name, its network aliases, the 12-hex short ID and the hostname (the engine's
  ``EndpointState.dns_names``); names are case-insensitive and also answer as
  ``NAME.NETWORK``. The container's endpoints are searched in sandbox order; the **first
  network that knows the name wins and only its addresses are returned**, every one of them,
  in a freshly shuffled order on each query (``rand.Shuffle`` in ``resolver.go``), TTL 600.
* ``--link`` on a user-defined network is a name only the linking container resolves; on the
  default bridge it is an ``/etc/hosts`` line of the linking container (:func:`etc_hosts`).
* Names the embedded server does not know are forwarded upstream, except for a container whose
  networks are all ``--internal``.

netsim's internet has a deterministic DNS (README, "Simplifications"): every name of two or more
labels under a two-letter country-code TLD or a common generic TLD (``com``, ``net``, ``org``,
``io``, ``dev`` …), outside the special-use domains (``.test``, ``.invalid``, ``.local``,
``.localhost``, ``.internal``, ``.home.arpa``, ``.example``), has one A record in 203.0.113.0/24
chosen from a hash of the name, TTL 300, and no AAAA record; everything else is NXDOMAIN. Its
answers carry no EDNS record and no SOA.

Randomness (the shuffle) comes only from the ``random.Random`` passed in. :func:`query` is what
``dig`` gets from one server; :func:`lookup` is what a program's ``getaddrinfo`` returns (files
first, then DNS, as nsswitch's ``hosts: files dns``); :func:`query_series` repeats a query for
``netsim dns``. This module reads :mod:`netsim.reach` to decide whether an upstream server can be
reached.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
import random
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from enum import StrEnum
from typing import Any, Literal

from netsim.errors import InputError
from netsim.graph import sandbox_owner
from netsim.state import (
    ContainerState,
    EndpointState,
    NetworkState,
    State,
    gc_paused,
    sandbox_order,
)

__all__ = [
    "DNS_RULES",
    "EMBEDDED_DNS",
    "DnsAnswer",
    "DnsSeries",
    "HostsEntry",
    "Lookup",
    "Rcode",
    "Record",
    "ResolvConf",
    "etc_hosts",
    "gethostbyname",
    "host_hosts",
    "host_hosts_text",
    "hosts_text",
    "internet_answer",
    "lookup",
    "mx_query",
    "query",
    "query_series",
    "resolv_conf",
    "reverse_name",
    "unserved_query",
]

IPv4 = ipaddress.IPv4Address
IPv6 = ipaddress.IPv6Address
IPAddr = IPv4 | IPv6

#: the embedded DNS server's address inside every container that uses it (doc ``dns.md``)
EMBEDDED_DNS = "127.0.0.11"
#: TTL of every record the embedded server makes (``resolver.go`` ``respTTL``)
LOCAL_TTL = 600
#: TTL of netsim's internet records (an assumption, README)
UPSTREAM_TTL = 300
#: what Docker writes when the host has no usable nameserver (``internal/resolvconf``
#: ``defaultIPv4NSs``)
FALLBACK_SERVERS = ("8.8.8.8", "8.8.4.4")
#: the embedded server forwards to at most three servers (``resolver.go`` ``maxExtDNS``)
MAX_EXT_DNS = 3

_SPECIAL_USE = ("test", "invalid", "local", "localhost", "internal", "home.arpa", "example")
#: generic top-level domains netsim's internet has (besides every two-letter country code)
_GENERIC_TLDS = frozenset((
    "com", "net", "org", "info", "biz", "edu", "gov", "mil", "int", "dev", "app", "io", "cloud",
    "tech", "online", "site", "xyz", "page", "blog", "shop", "news", "pro", "name", "mobi",
))
_INTERNET_NET = ipaddress.IPv4Network("203.0.113.0/24")

QType = Literal["A", "AAAA", "PTR"]


class Rcode(StrEnum):
    """A DNS response code (RFC 1035 §4.1.1)."""

    NOERROR = "NOERROR"
    NXDOMAIN = "NXDOMAIN"
    SERVFAIL = "SERVFAIL"
    REFUSED = "REFUSED"

    @property
    def number(self) -> int:
        return {"NOERROR": 0, "SERVFAIL": 2, "NXDOMAIN": 3, "REFUSED": 5}[self.value]


#: where each answer's rule comes from (doc page or moby path)
DNS_RULES: dict[str, str] = {
    "dns.name": "moby daemon/container_operations.go buildEndpointDNSNames; "
                "daemon/libnetwork/sandbox.go ResolveName (first network in sandbox order wins)",
    "dns.alias": "moby daemon/libnetwork/network.go ResolveName: every address under the name on "
                 "that network; resolver.go handleIPQuery: rand.Shuffle, TTL 600",
    "dns.link": "moby daemon/libnetwork/sandbox.go resolveName(lookupAlias=true): a --link on a "
                "user-defined network is a name only the linking container resolves",
    "dns.qualified": "moby daemon/libnetwork/sandbox.go ResolveName: NAME.NETWORK",
    "dns.nodata": "moby daemon/libnetwork/network.go ResolveName: the name exists without an "
                  "address of that family: NOERROR, no answer",
    "dns.ptr": "moby daemon/libnetwork/network.go ResolveIP: <name>.<network>",
    "dns.forward": "moby daemon/libnetwork/resolver.go forwardExtDNS (up to 3 servers, in order)",
    "dns.ndots": "moby daemon/libnetwork/resolver.go serveDNS: with an ndots option from the "
                 "host or --dns-option, a single-label unknown name gets NOERROR, no answer",
    "dns.internal": "moby daemon/libnetwork/sandbox_dns_unix.go: no external DNS for a container "
                    "whose networks are all --internal",
    "dns.unreachable": "moby daemon/libnetwork/resolver.go forwardExtDNS: no server answered",
    "dns.silent": "moby v20.10.24 libnetwork resolver.go ServeDNS: no server answered and the "
                  "embedded server sends nothing (SERVFAIL from v24.0, moby e6258e6590)",
    "dns.direct": "docs network/_index.md: containers on the default bridge use the host's "
                  "nameservers (resolv.conf copied from the host)",
    "dns.no-server": "a resolver that cannot reach its nameserver times out",
    "dns.mx": "moby daemon/libnetwork/resolver.go handleMXQuery: a name with an address gets "
              "NOERROR and no records (implicit MX); others are forwarded",
    "dns.unpackable": "moby daemon/libnetwork/resolver.go serveDNS reply: a reply WriteMsg "
                      "cannot pack (a label over 63 bytes) becomes SERVFAIL (none before v25.0)",
    "dns.refused": "a nameserver address whose machine has nothing on 53/udp: its ICMP port "
                   "unreachable fails the client's next send or receive (ECONNREFUSED)",
    "dns.hosts": "docs network/_index.md: /etc/hosts (localhost, hostname, --add-host, legacy "
                 "links) is read before DNS",
    "dns.internet": "netsim's internet DNS (README, Simplifications)",
}


# --------------------------------------------------------------------------------------------
# Results


@dataclass(frozen=True, slots=True)
class Record:
    """One resource record of an answer section."""

    name: str  # the owner name, absolute ("alicek106.")
    rtype: QType
    ttl: int
    data: str  # an address, or a domain name for PTR

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "type": self.rtype, "ttl": self.ttl, "data": self.data}


@dataclass(frozen=True)
class DnsAnswer:
    """What one DNS server answered one query (or that none answered: ``rcode`` None)."""

    client: str
    name: str
    qtype: QType
    server: str  # the server asked: 127.0.0.11 or an upstream address; "" when there is none
    rcode: Rcode | None
    records: tuple[Record, ...]
    answered_by: Literal["embedded", "upstream", "none"]
    network: str | None  # the network whose records answered (embedded answers)
    reason: str  # one plain sentence
    rule: str  # a key of DNS_RULES
    #: the RA flag: Docker sets it on its answers, not on the SERVFAIL it makes itself
    recursion_available: bool = True

    @property
    def addresses(self) -> tuple[str, ...]:
        return tuple(r.data for r in self.records if r.rtype in ("A", "AAAA"))

    def to_dict(self) -> dict[str, Any]:
        return {
            "client": self.client, "name": self.name, "type": self.qtype, "server": self.server,
            "rcode": self.rcode.value if self.rcode is not None else None,
            "answered_by": self.answered_by, "network": self.network,
            "records": [r.to_dict() for r in self.records], "reason": self.reason,
            "rule": self.rule, "source": DNS_RULES[self.rule],
            "recursion_available": self.recursion_available,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2)

    def __str__(self) -> str:
        status = self.rcode.value if self.rcode is not None else "no answer (timed out)"
        head = f"{self.client} asks {self.server or 'no server'} for {self.name} {self.qtype}: "
        lines = [head + status, f"  {self.reason}"]
        lines += [f"  {r.name}\t{r.ttl}\tIN\t{r.rtype}\t{r.data}" for r in self.records]
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        from html import escape

        rows = "".join(f"<tr><td>{escape(r.name)}</td><td>{r.ttl}</td><td>{r.rtype}</td>"
                       f"<td>{escape(r.data)}</td></tr>" for r in self.records)
        status = self.rcode.value if self.rcode is not None else "no answer"
        return (f"<p><b>{escape(self.client)}</b> → {escape(self.server or 'no server')}: "
                f"<code>{escape(self.name)} {self.qtype}</code> <b>{status}</b><br>"
                f"{escape(self.reason)}</p>"
                + (f"<table><tr><th>name</th><th>TTL</th><th>type</th><th>data</th></tr>{rows}"
                   "</table>" if rows else ""))


@dataclass(frozen=True)
class Lookup:
    """What ``getaddrinfo`` returns to a program: addresses in the order it would use them."""

    name: str
    addresses: tuple[IPAddr, ...]
    source: Literal["literal", "hosts", "dns"]
    #: the DNS exchange that decided (None for literals and /etc/hosts)
    answer: DnsAnswer | None = None
    #: the canonical name (``ai_canonname``): the first name of a matching /etc/hosts line,
    #: else the name asked
    canonical: str = ""
    #: every name of the matching /etc/hosts line (``h_aliases`` after the canonical name)
    names: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return bool(self.addresses)

    @property
    def failure(self) -> Literal["unknown", "temporary"] | None:
        """Why there is no address: the name does not exist (NXDOMAIN/NODATA: EAI_NONAME) or no
        server answered (SERVFAIL/REFUSED/timeout: EAI_AGAIN)."""
        if self.addresses:
            return None
        rcode = self.answer.rcode if self.answer is not None else Rcode.NXDOMAIN
        return "unknown" if rcode in (Rcode.NXDOMAIN, Rcode.NOERROR) else "temporary"


@dataclass(frozen=True)
class DnsSeries:
    """The answers of N identical queries, and how often each address came first."""

    client: str
    name: str
    answers: tuple[DnsAnswer, ...]
    #: address -> the containers (NAME or HOST/NAME) or "" behind it
    owners: dict[str, str] = field(default_factory=dict)

    @property
    def first(self) -> Counter[str]:
        return Counter(a.addresses[0] for a in self.answers if a.addresses)

    def tally(self) -> list[tuple[str, int]]:
        """(address, times first) for every address seen, in address order."""
        seen = sorted({ip for a in self.answers for ip in a.addresses}, key=_ip_key)
        first = self.first
        return [(ip, first.get(ip, 0)) for ip in seen]

    def to_dict(self) -> dict[str, Any]:
        return {
            "client": self.client, "name": self.name, "queries": len(self.answers),
            "answers": [{"rcode": a.rcode.value if a.rcode is not None else None,
                         "addresses": list(a.addresses)} for a in self.answers],
            "first": [{"address": ip, "container": self.owners.get(ip, ""), "count": n}
                      for ip, n in self.tally()],
            "server": self.answers[0].server if self.answers else "",
            "reason": self.answers[0].reason if self.answers else "",
            "rule": self.answers[0].rule if self.answers else "",
        }

    def lines(self) -> Iterable[str]:
        n = len(self.answers)
        if self.answers:
            a = self.answers[0]
            yield (f"{self.client} asks {a.server or 'no server'} for {self.name}, {n} "
                   f"time{'s' if n != 1 else ''}")
            yield f"  {a.reason}"
        width = len(str(n))
        for i, a in enumerate(self.answers, 1):
            status = a.rcode.value if a.rcode is not None else "timed out"
            body = " ".join(a.addresses) if a.addresses else status
            yield f"{i:>{width}}  {body}"
        tally = self.tally()
        if tally:
            yield ""
            yield f"first address over {n} queries:"
            ow = max(len(self.owners.get(ip, "")) for ip, _ in tally)
            iw = max(len(ip) for ip, _ in tally)
            for ip, count in tally:
                owner = self.owners.get(ip, "")
                yield (f"  {ip:<{iw}}  {owner:<{ow}}  {count:>{width}}  "
                       f"{100 * count / n:5.1f}%").rstrip()

    def __str__(self) -> str:
        return "\n".join(self.lines())

    def __repr__(self) -> str:
        return (f"DnsSeries(client={self.client!r}, name={self.name!r}, "
                f"{len(self.answers)} queries)")

    def _repr_html_(self) -> str:
        from html import escape

        n = len(self.answers)
        rows = "".join(f"<tr><td>{ip}</td><td>{escape(self.owners.get(ip, ''))}</td>"
                       f"<td>{c}</td><td>{100 * c / n:.1f}%</td></tr>" for ip, c in self.tally())
        return (f"<p><b>{escape(self.client)}</b>: <code>{escape(self.name)}</code>, {n} "
                "queries</p><table><tr><th>address</th><th>container</th><th>first</th>"
                f"<th>share</th></tr>{rows}</table>")


@dataclass(frozen=True)
class ResolvConf:
    """A container's /etc/resolv.conf, and the servers its embedded resolver forwards to
    (``docs/reference/dns-docker.md`` §2)."""

    nameservers: tuple[str, ...]
    search: tuple[str, ...]
    options: tuple[str, ...]
    #: the host file it was generated from
    based_on: str = "/etc/resolv.conf"
    #: how: "internal resolver" (127.0.0.11), "legacy" (default bridge, none) or "" (host mode)
    transform: Literal["internal resolver", "legacy", ""] = "legacy"
    #: the embedded server's upstream servers (empty when it is not used)
    ext_servers: tuple[str, ...] = ()
    #: whether the upstreams are queried from the host's namespace (the host's servers) or the
    #: container's (``--dns``)
    ext_from_host: bool = True
    #: the embedded server forwards unknown names through the host's servers (not when all the
    #: container's networks are --internal; ``--dns`` servers are still tried)
    forwards: bool = True
    #: which of nameservers/search/options the container's flags replaced
    overrides: tuple[str, ...] = ()
    #: where an ndots option came from (host, override, internal), if there is one
    ndots_from: str | None = None
    #: the host or the user set ndots: the embedded server answers an unknown single-label
    #: name with an empty NOERROR instead of forwarding it (``resolver.go`` serveDNS)
    ndots_set: bool = False
    #: Docker used its fallback servers (the host file had none it could use)
    defaulted: bool = False
    #: ``host(…)`` marks only loopback upstreams (EngineProfile.ext_dns_host_loopback_only)
    host_marks_loopback_only: bool = False
    #: the file as libnetwork/resolvconf wrote it, when that wrote it
    #: (EngineProfile.legacy_resolv_conf: no header, no comments)
    legacy_text: str | None = None
    #: the embedded server says nothing when no upstream answered
    #: (EngineProfile.resolver_servfail_on_failure off)
    silent_on_failure: bool = False

    @property
    def embedded(self) -> bool:
        return self.transform == "internal resolver"

    def text(self) -> str:
        """The file as Docker writes it (``internal/resolvconf/resolvconf.go`` ``Generate``)."""
        if self.legacy_text is not None:
            return self.legacy_text
        lines = ["# Generated by Docker Engine.",
                 "# This file can be edited; Docker Engine will not make further changes once it",
                 "# has been modified.", ""]
        lines += [f"nameserver {ns}" for ns in self.nameservers]
        if self.search:
            lines.append("search " + " ".join(self.search))
        if self.options:
            lines.append("options " + " ".join(self.options))
        suffix = f" ({self.transform})" if self.transform else ""
        lines += ["", f"# Based on host file: '{self.based_on}'{suffix}"]
        if self.defaulted:
            lines.append("# Used default nameservers.")
        if self.embedded and not self.ext_servers:
            lines.append("# NO EXTERNAL NAMESERVERS DEFINED")
        if self.embedded and self.ext_servers:
            ext = [f"host({s})" if self.ext_from_host and not (
                self.host_marks_loopback_only and not ipaddress.ip_address(s).is_loopback) else s
                for s in self.ext_servers]
            lines.append(f"# ExtServers: [{' '.join(ext)}]")
        lines.append(f"# Overrides: [{' '.join(self.overrides)}]")
        if self.ndots_from:
            lines.append(f"# Option ndots from: {self.ndots_from}")
        return "\n".join(lines) + "\n"


@dataclass(frozen=True, slots=True)
class HostsEntry:
    """One line of /etc/hosts."""

    address: IPAddr
    names: tuple[str, ...]
    #: the address as the file spells it, when not Python's (and Go netip's) canonical form
    spelling: str | None = None

    def line(self) -> str:
        return f"{self.spelling or self.address}\t{' '.join(self.names)}"


# --------------------------------------------------------------------------------------------
# The client: a container (its sandbox) or a Docker host


@dataclass(frozen=True)
class _Client:
    state: State
    label: str
    host: str | None  # the Docker host (None: @lan, @internet)
    container: ContainerState | None
    #: the container whose sandbox the client's network namespace is (joiners: the owner); None
    #: for a joiner whose owner's namespace is gone
    owner: ContainerState | None


def _client(state: State, client: str) -> _Client:
    from netsim.reach import topology_index

    if client in ("@lan", "@internet"):
        return _Client(state, client, None, None, None)
    if client.startswith("@"):
        name = client[1:]
        if name == "host" and "host" not in state.hosts:
            name = next(iter(state.hosts))
        if name not in state.hosts:
            raise InputError("client", "unknown vantage point", got=client,
                             accepted="a container, @host, @NAME of a Docker host, @lan, "
                                      "@internet")
        return _Client(state, f"@{name}", name, None, None)
    try:
        host, c = topology_index(state).find(client)
    except InputError as err:
        raise InputError("client", err.what, got=client,
                         accepted="a container (NAME or HOST/NAME), @host, @NAME of a Docker "
                                  "host, @lan or @internet") from None
    if not c.running:
        raise InputError("client", f"container {c.name} is not running", got=c.status,
                         accepted="a running container")
    owner = sandbox_owner(state, host, c)
    return _Client(state, client, host, c, owner)


def _networks(state: State, host: str) -> dict[str, NetworkState]:
    return state.hosts[host].networks


def _endpoints(cl: _Client) -> list[EndpointState]:
    """The client sandbox's joined endpoints in libnetwork's order."""
    if cl.owner is None or cl.host is None:
        return []
    nets = _networks(cl.state, cl.host)
    return sandbox_order([e for e in cl.owner.endpoints if e.active and not e.gateway_only],
                         nets.get)


# --------------------------------------------------------------------------------------------
# /etc/hosts and /etc/resolv.conf


_IPV6_BLOCK = (
    HostsEntry(IPv6("::1"), ("localhost", "ip6-localhost", "ip6-loopback")),
    HostsEntry(IPv6("fe00::"), ("ip6-localnet",)),
    HostsEntry(IPv6("ff00::"), ("ip6-mcastprefix",)),
    HostsEntry(IPv6("ff02::1"), ("ip6-allnodes",)),
    HostsEntry(IPv6("ff02::2"), ("ip6-allrouters",)),
)
#: the same block as the engines with ``EngineProfile.hosts_ipv6_zero_spelled`` write it
_IPV6_BLOCK_SPELLED = tuple(
    HostsEntry(e.address, e.names, f"{e.address}0") if str(e.address).endswith("::") else e
    for e in _IPV6_BLOCK)


def _ipv6_disabled(c: ContainerState) -> bool:
    return any(k == "sysctl" and v.replace(" ", "") in (
        "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.lo.disable_ipv6=1")
        for k, v in c.spec.options)


def etc_hosts(state: State, host: str, c: ContainerState) -> tuple[HostsEntry, ...]:
    """The lines of a container's /etc/hosts (``docs/reference/dns-docker.md`` §1).

    ``etchosts.Build``: localhost, the IPv6 block (present unless IPv6 is off in the container,
    whatever its networks: libnetwork checks ``lo``), every ``--add-host`` in order, legacy
    ``--link`` lines (``alias hostname [name]``); then each joined endpoint appends the
    container's own line (``hostname[.domain] [short]``; none for ``--network none``). Host mode
    copies the host's file (without ``--add-host``). ``container:`` joiners share the owner's
    file (HostsPath is the owner's), also once the owner restarted with a new namespace: the
    joiner then reads what the owner's start wrote.
    """
    hs = state.hosts[host]
    owner = sandbox_owner(state, host, c)
    if owner is None:
        first = next((o for o in hs.containers.values() if o.id == c.sandbox_owner), None)
        owner = first if first is not None and first.running and (
            first.sandbox_owner is None) else c
    if owner.network_mode == "host" and not owner.spec.add_hosts:
        return host_hosts(state, host)
    # EngineProfile.hosts_ipv6_block_always: 20.10 writes it whatever the sysctl
    ipv6 = state.profile.hosts_ipv6_block_always or not _ipv6_disabled(owner)
    out = [HostsEntry(IPv4("127.0.0.1"), ("localhost",))]
    if ipv6:
        out += _IPV6_BLOCK_SPELLED if state.profile.hosts_ipv6_zero_spelled else _IPV6_BLOCK
    for entry in owner.spec.add_hosts:
        # HOST:IP or HOST=IP (docker/cli opts/hosts.go ValidateExtraHost)
        name, sep, addr = entry.partition("=") if "=" in entry else entry.partition(":")
        if not sep:
            continue
        if addr == "host-gateway":  # the default bridge's gateway (daemon_unix.go)
            bridge = hs.networks.get("bridge")
            sub = bridge.ipv4_subnet if bridge is not None else None
            if sub is not None and sub.gateway is not None:
                out.append(HostsEntry(sub.gateway, (name,)))
            continue
        try:
            addr_ip = ipaddress.ip_address(addr.strip("[]"))
        except ValueError:
            continue
        if addr_ip.version == 4 or ipv6:
            out.append(HostsEntry(addr_ip, (name,)))
    for target, alias in owner.legacy_links:
        # container_operations_unix.go: "<alias> <child hostname>" + " <child name>" if it
        # differs from the alias
        child = hs.containers.get(target)
        link_ep = child.endpoint("bridge") if child is not None and child.running else None
        if child is not None and link_ep is not None and link_ep.ipv4 is not None:
            names = (alias, child.hostname) + ((child.name,) if child.name != alias else ())
            out.append(HostsEntry(link_ep.ipv4.ip, names))
    if owner.network_mode == "host":
        return tuple(out)
    # sandbox_dns_unix.go: hostname plus "." + domainname; a dotted name adds its first label
    full = owner.hostname + (f".{owner.spec.domainname}" if owner.spec.domainname else "")
    names = (full, full.split(".", 1)[0]) if "." in full else (full,)
    for ep in owner.active_endpoints():
        if ep.network == "docker_gwbridge":
            # no line for the docker_gwbridge endpoint an overlay-only sandbox gets (or one
            # run on it): v28.5.2:libnetwork/endpoint.go getEtcHostsAddrs (v20.10.24:
            # vendor/github.com/docker/libnetwork/endpoint.go doUpdateHostsFile)
            continue
        for iface in (ep.ipv4, ep.ipv6):
            if iface is not None:
                out.append(HostsEntry(iface.ip, names))
    return tuple(out)


#: the IPv6 lines of Debian's /etc/hosts (netcfg, base-files), spaces as Debian writes them
_DEBIAN_IPV6_BLOCK = (
    (HostsEntry(IPv6("::1"), ("localhost", "ip6-localhost", "ip6-loopback")), "::1     "),
    (HostsEntry(IPv6("ff02::1"), ("ip6-allnodes",)), "ff02::1 "),
    (HostsEntry(IPv6("ff02::2"), ("ip6-allrouters",)), "ff02::2 "),
)


def host_hosts(state: State, host: str) -> tuple[HostsEntry, ...]:
    """A Docker host's own /etc/hosts: Debian's, as the installer writes it for a host with a
    static address (localhost, the hostname on 127.0.1.1, the IPv6 lines), measured on the
    conformance lab's hosts (:func:`host_hosts_text`)."""
    return (HostsEntry(IPv4("127.0.0.1"), ("localhost",)),
            HostsEntry(IPv4("127.0.1.1"), (state.hosts[host].host.effective_hostname,)),
            *(e for e, _ in _DEBIAN_IPV6_BLOCK))


def host_hosts_text(state: State, host: str) -> str:
    """``cat /etc/hosts`` on a Docker host, byte for byte (Debian's file)."""
    v4 = host_hosts(state, host)[:2]
    return ("".join(e.line() + "\n" for e in v4)
            + "\n# The following lines are desirable for IPv6 capable hosts\n"
            + "".join(f"{prefix}{' '.join(e.names)}\n" for e, prefix in _DEBIAN_IPV6_BLOCK))


def hosts_text(state: State, host: str, c: ContainerState) -> str:
    """``cat /etc/hosts`` inside a container (a ``--network host`` container without
    ``--add-host`` has a copy of the host's file, ``sandbox_dns_unix.go`` buildHostsFile)."""
    entries = etc_hosts(state, host, c)
    if entries == host_hosts(state, host):
        return host_hosts_text(state, host)
    return "".join(e.line() + "\n" for e in entries)


@dataclass(frozen=True)
class _HostResolv:
    path: str
    nameservers: tuple[str, ...]
    search: tuple[str, ...] = ()
    options: tuple[str, ...] = ()


def host_resolv_file(state: State, host: str) -> _HostResolv:
    """A Docker host's /etc/resolv.conf: the servers of ``Host.dns``, else the LAN's router
    (netsim's assumption, README: a Debian host with a static address and no
    systemd-resolved, whose file is only ``nameserver`` lines, as on the conformance lab's
    hosts; no search domains, no options)."""
    declared = tuple(str(s) for s in state.hosts[host].host.dns)
    gw = state.lan.gateway
    return _HostResolv("/etc/resolv.conf", declared or ((str(gw),) if gw else ()))


def host_resolv_text(state: State, host: str) -> str:
    """``cat /etc/resolv.conf`` on a Docker host (:func:`host_resolv_file`)."""
    src = host_resolv_file(state, host)
    return ("".join(f"nameserver {s}\n" for s in src.nameservers)
            + (f"search {' '.join(src.search)}\n" if src.search else "")
            + (f"options {' '.join(src.options)}\n" if src.options else ""))


def _legacy_resolv_text(state: State, host: str, rc: ResolvConf) -> str:
    """A container's resolv.conf as libnetwork/resolvconf writes it (≤ 25.x,
    EngineProfile.legacy_resolv_conf): sandbox_dns_unix.go setupDNS copies the host's file for
    host mode; FilterResolvDNS cuts the loopback ``nameserver`` lines out of it (none left:
    Google's two servers appended after a blank line, without a final newline); Build writes
    ``search``, ``nameserver`` and ``options`` lines for ``--dns*`` and the embedded server
    (rebuildDNS)."""
    if rc.transform == "" and not rc.overrides:
        return host_resolv_text(state, host)
    if rc.overrides or rc.embedded:
        out = f"search {' '.join(rc.search)}\n" if rc.search else ""
        out += "".join(f"nameserver {ns}\n" for ns in rc.nameservers)
        return out + (f"options {' '.join(rc.options)}\n" if rc.options else "")
    kept = [line for line in host_resolv_text(state, host).splitlines(keepends=True)
            if not (line.startswith("nameserver ")
                    and ipaddress.ip_address(line.split()[1]).is_loopback)]
    text = "".join(kept)
    if rc.defaulted:
        text += "\n" + "\n".join(f"nameserver {ns}" for ns in FALLBACK_SERVERS)
    return text


def _host_servers(state: State, host: str) -> tuple[str, ...]:
    """The servers a Docker host's own programs ask (its /etc/resolv.conf)."""
    return host_resolv_file(state, host).nameservers


def _overrides(spec_dns: bool, spec_search: bool, spec_options: bool) -> tuple[str, ...]:
    return tuple(name for name, given in (("nameservers", spec_dns), ("search", spec_search),
                                          ("options", spec_options)) if given)


def resolv_conf(state: State, host: str, c: ContainerState) -> ResolvConf:
    """A container's /etc/resolv.conf (``sandbox_dns_unix.go`` ``setupDNS``/``rebuildDNS``).

    ``--dns``, ``--dns-search`` and ``--dns-option`` each replace the host's values. A container
    in which a user-defined endpoint joined since its start gets the embedded server (the
    internal-resolver transform, which appends ``ndots:0`` when no ndots is set); the default
    bridge and ``none`` get the legacy
    transform (loopback servers removed; none left: 8.8.8.8 and 8.8.4.4); host mode the host's
    file as it is. ``container:`` joiners share their owner's file.
    """
    owner = sandbox_owner(state, host, c) or c
    spec = owner.spec
    nets = _networks(state, host)
    joined = [e for e in owner.endpoints if e.active and not e.gateway_only
              and e.network in nets]
    # (a host with systemd-resolved's stub would make Docker read its uplink file for the
    # default bridge and none: internal/resolvconf/resolvconf_path.go; netsim's hosts have none)
    src = host_resolv_file(state, host)
    overrides = _overrides(bool(spec.dns), bool(spec.dns_search), bool(spec.dns_options))
    transform: Literal["internal resolver", "legacy", ""] = "legacy"
    if owner.network_mode == "host":
        transform = ""
    elif owner.embedded_dns:
        transform = "internal resolver"
    servers = tuple(spec.dns) or src.nameservers
    search = tuple(x for x in spec.dns_search if x != ".") if spec.dns_search else src.search
    options = tuple(spec.dns_options) if spec.dns_options else src.options
    has_ndots = any(o.startswith("ndots:") for o in options)
    ndots_from = ("override" if spec.dns_options else "host") if has_ndots else None
    profile = state.profile
    if transform == "internal resolver":
        opts = options if has_ndots else (*options, "ndots:0")
        # sandbox.go: no external DNS when every network is --internal (no gateway)
        forwards = (any(not nets[e.network].internal for e in joined)
                    or not profile.resolver_internal_policy)
        rc = ResolvConf((EMBEDDED_DNS,), search, opts, src.path, transform,
                        servers[:MAX_EXT_DNS], not spec.dns, forwards, overrides,
                        ndots_from or "internal", has_ndots,
                        host_marks_loopback_only=profile.ext_dns_host_loopback_only,
                        silent_on_failure=not profile.resolver_servfail_on_failure)
    else:
        defaulted = False
        if transform == "legacy" and not spec.dns:
            # TransformForLegacyNw: no loopback servers in a container's own namespace
            servers = tuple(ns for ns in servers if not ipaddress.ip_address(ns).is_loopback)
            if not servers:
                servers, defaulted = FALLBACK_SERVERS, True
        rc = ResolvConf(servers, search, options, src.path, transform, overrides=overrides,
                        ndots_from=ndots_from, ndots_set=has_ndots, defaulted=defaulted)
    if profile.legacy_resolv_conf:
        rc = replace(rc, legacy_text=_legacy_resolv_text(state, host, rc))
    return rc


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
                    pairs = [(a.ip, owner) for a in (ep.ipv4, ep.ipv6) if a is not None]
                    for name in names:
                        lowered = name.lower()
                        entries = table.get(lowered)
                        if entries is None:
                            table[lowered] = list(pairs)
                        else:
                            entries += pairs
                    ptr = reg.ptr[key]
                    primary = f"{names[0]}.{net.name}"
                    for ip, _ in pairs:
                        ptr.setdefault(ip, primary)
    return reg


def _registry(state: State) -> _Registry:
    return state.memo("_netsim_dns", _build_registry)


def _ip_key(ip: str) -> tuple[int, int]:
    addr = ipaddress.ip_address(ip)
    return addr.version, int(addr)


@dataclass(frozen=True)
class _Found:
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
    for link in ep.config.links:
        target, _, alias = link.partition(":")
        target = target.lstrip("/")
        out[alias or target] = target
    return out


def _embedded_resolve(cl: _Client, name: str, qtype: QType) -> _Found | None:
    """``Sandbox.ResolveName``: for ``a.b.c`` try ``a.b.c`` on every network, then ``a.b`` on
    network ``c``, then ``a`` on ``b.c``; at each step the container's link aliases first, then
    the networks' names, endpoint by endpoint in sandbox order."""
    assert cl.host is not None
    name = name.removesuffix(".")
    reg = _registry(cl.state)
    nets = _networks(cl.state, cl.host)
    eps = [(ep, nets[ep.network]) for ep in _endpoints(cl) if ep.network in nets]
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
                    return _Found(tuple(ip for ip, _ in found), net.name, rule,
                                  tuple(o for _, o in found))
                if other and nodata is None:
                    nodata = net.name
            if nodata is not None:
                return _Found((), nodata, "dns.nodata")
    return None


def _embedded_ptr(cl: _Client, ip: IPAddr) -> tuple[str, str] | None:
    """``Sandbox.ResolveIP``: (``<name>.<network>``, network) from the first network of the
    client's that has the address."""
    assert cl.host is not None
    reg = _registry(cl.state)
    nets = _networks(cl.state, cl.host)
    for ep in _endpoints(cl):
        net = nets.get(ep.network)
        if net is None:
            continue
        found = reg.ptr.get(_net_key(cl.host, net), {}).get(ip)
        if found is not None:
            return found, net.name
    return None


# --------------------------------------------------------------------------------------------
# Upstream servers and netsim's internet


def _ptr_name(ip: IPAddr) -> str:
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


def _server_reachable(state: State, source: str, server: str) -> bool:
    """Whether a DNS query from ``source`` (a container or @HOST) reaches ``server``:53/udp."""
    from netsim.reach import Disposition, reach

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


def _server_refuses(state: State, source: str, server: str) -> bool:
    """Whether ``server`` is reached but nothing listens on 53/udp there (a container that
    serves no DNS): the kernel's port unreachable (:attr:`Symptom.REFUSED`), not silence."""
    from netsim.reach import Symptom, reach

    lan_gw = state.lan.gateway
    if ipaddress.ip_address(server).is_loopback or (lan_gw is not None and
                                                    server == str(lan_gw)):
        return False
    try:
        trace = reach(state, source, server, port=53, proto="udp")
    except InputError:
        return False
    return trace.symptom is Symptom.REFUSED


def _forward(cl: _Client, rc: ResolvConf, name: str, qtype: QType,
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
        if _server_reachable(cl.state, source, ext):
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


# --------------------------------------------------------------------------------------------
# Queries


def query(state: State, client: str, name: str, qtype: QType = "A", *,
          rng: random.Random, server: str | None = None) -> DnsAnswer:
    """What the first nameserver of ``client``'s resolv.conf (or ``server``) answers.

    ``client`` is a running container (NAME or HOST/NAME) or a vantage point (``@host``,
    ``@NAME``, ``@lan``, ``@internet``). ``rng`` draws the shuffle of a multi-address answer.
    For a PTR query ``name`` is the address.
    """
    cl = _client(state, client)
    return _query(cl, name, qtype, rng, server)


def _client_resolv(cl: _Client) -> ResolvConf:
    """The resolv.conf a client's resolver reads."""
    if cl.container is not None and cl.host is not None:
        return resolv_conf(cl.state, cl.host, cl.container)
    if cl.host is not None:
        return ResolvConf(_host_servers(cl.state, cl.host), (), (), transform="")
    gw = cl.state.lan.gateway  # @lan: the router; @internet: a public resolver
    return ResolvConf((str(gw),) if cl.label == "@lan" and gw else ("8.8.8.8",), (), (),
                      transform="")


def _query(cl: _Client, name: str, qtype: QType, rng: random.Random,
           server: str | None) -> DnsAnswer:
    if qtype == "PTR":
        try:
            ip = ipaddress.ip_address(name)
        except ValueError:
            raise InputError("dns", "a reverse lookup needs an address", got=name,
                             accepted="an IPv4 or IPv6 address") from None
        qname = _ptr_name(ip)
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
        ptr = _embedded_ptr(cl, ip)
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
        return _forward(cl, rc, qname, qtype, target)
    found = _embedded_resolve(cl, name, qtype)
    if found is None:
        return _forward(cl, rc, name, qtype, target)
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


def _upstream_only(cl: _Client, qname: str, qtype: QType, server: str) -> DnsAnswer:
    """A query straight to an upstream server (no embedded DNS on the way)."""
    # @lan and @internet: their resolver works
    reachable = cl.host is None or _server_reachable(cl.state, cl.label, server)
    if not reachable and _server_refuses(cl.state, cl.label, server):
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
    cl = _client(state, client)
    rc = _client_resolv(cl)
    target = server or (rc.nameservers[0] if rc.nameservers else "")
    if cl.container is not None and target == EMBEDDED_DNS and rc.embedded:
        found = next((f for f in (_embedded_resolve(cl, name, t) for t in ("A", "AAAA"))
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
    cl = _client(state, client)
    rc = _client_resolv(cl)
    target = server or (rc.nameservers[0] if rc.nameservers else "")
    if cl.container is not None and target == EMBEDDED_DNS and rc.embedded:
        answer = _forward(cl, rc, name, "A", target, served=False)
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
    cl = _client(state, client)
    return _lookup(cl, name, rng, libc)


def _lookup(cl: _Client, name: str, rng: random.Random,
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
    return _lookup(_client(state, client), name, rng, "musl", qtype)


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
    cl = _client(state, client)
    return _reverse(cl, ip, rng)


def _reverse(cl: _Client, ip: str, rng: random.Random) -> str | None:
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
    cl = _client(state, client)
    rng = random.Random(seed)
    answers = tuple(_query(cl, name, qtype, rng, None) for _ in range(times))
    owners: dict[str, str] = {}
    if answers[0].answered_by == "embedded" and qtype != "PTR":
        found = _embedded_resolve(cl, name, qtype)
        if found is not None:
            owners = {str(ip): o for ip, o in zip(found.addresses, found.owners, strict=True)}
    return DnsSeries(cl.label, name, answers, owners)
