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
``netsim dns``. This package reads :mod:`netsim.analysis.reach` to decide whether an upstream
server can be reached.

The package: :mod:`~netsim.analysis.dns.records` (what a query returns),
:mod:`~netsim.analysis.dns.hosts` (/etc/hosts), :mod:`~netsim.analysis.dns.resolv`
(/etc/resolv.conf), :mod:`~netsim.analysis.dns.server` (the embedded server and the upstream
ones), :mod:`~netsim.analysis.dns.queries` (what clients ask).
"""


from netsim.analysis.dns.hosts import (
    HostsEntry,
    etc_hosts,
    host_hosts,
    host_hosts_text,
    hosts_text,
)
from netsim.analysis.dns.queries import (
    gethostbyname,
    lookup,
    mx_query,
    query,
    query_series,
    reverse_name,
    unserved_query,
)
from netsim.analysis.dns.records import (
    DNS_RULES,
    EMBEDDED_DNS,
    DnsAnswer,
    DnsSeries,
    Lookup,
    QType,
    Rcode,
    Record,
)
from netsim.analysis.dns.resolv import (
    HostResolv,
    ResolvConf,
    host_resolv_file,
    host_resolv_text,
    resolv_conf,
)
from netsim.analysis.dns.server import internet_answer

__all__ = [
    "DNS_RULES",
    "EMBEDDED_DNS",
    "DnsAnswer",
    "DnsSeries",
    "HostResolv",
    "HostsEntry",
    "Lookup",
    "QType",
    "Rcode",
    "Record",
    "ResolvConf",
    "etc_hosts",
    "gethostbyname",
    "host_hosts",
    "host_hosts_text",
    "host_resolv_file",
    "host_resolv_text",
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
