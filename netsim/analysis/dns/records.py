"""What a DNS query returns: response codes, records, answers, lookups and series of answers.

Also the constants every part of :mod:`netsim.analysis.dns` shares (the embedded server's address,
TTLs) and :data:`DNS_RULES`, where each answer's rule comes from.
"""

from __future__ import annotations

import ipaddress
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Literal

__all__ = [
    "DNS_RULES",
    "EMBEDDED_DNS",
    "LOCAL_TTL",
    "UPSTREAM_TTL",
    "DnsAnswer",
    "DnsSeries",
    "IPAddr",
    "Lookup",
    "QType",
    "Rcode",
    "Record",
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



def _ip_key(ip: str) -> tuple[int, int]:
    addr = ipaddress.ip_address(ip)
    return addr.version, int(addr)
