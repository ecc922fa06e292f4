"""What every tool family shares: where a probe runs (:class:`Where`, found by :func:`locate`),
what it prints (:class:`ProbeResult`), and the vantage point's facts several tools read (names
through ``getaddrinfo``, /etc/hosts, IPv6, the source address, Docker's error for a missing
program)."""

from __future__ import annotations

import dataclasses
import hashlib
import ipaddress
import random
from dataclasses import dataclass
from typing import Any

from netsim.analysis.dns import (
    HostsEntry,
    Lookup,
    etc_hosts,
    gethostbyname,
    host_hosts,
    lookup,
)
from netsim.analysis.graph import sandbox_owner
from netsim.analysis.reach import Proto, Symptom, Trace, reach
from netsim.probes.toolbox import Toolbox, debian_like, toolbox_for
from netsim.state import (
    ContainerState,
    EndpointState,
    State,
    default_route_endpoint6,
)

__all__ = ["ARP_GIVES_UP", "MUSL_ERRNO", "NOT_SIMULATED", "IPv4", "IPv6", "ProbeResult",
           "ProbeSite", "Where", "connect", "gai_error", "has_global_ipv6", "has_ipv4",
           "has_loopback6", "hosts_entries", "in_host_ns", "ipv6_addresses", "ipv6_source",
           "jitter", "locate", "missing", "not_simulated", "parse_seconds", "prefer_ipv4",
           "resolve", "resolve_any", "source_address", "trace_to", "vantage_of"]

#: exit status of something netsim does not simulate (as a shell's "cannot execute")
NOT_SIMULATED = 126

IPv4 = ipaddress.IPv4Address
IPv6 = ipaddress.IPv6Address


@dataclass(frozen=True)
class ProbeResult:
    """What a command printed and its exit status (``trace``: the flow it tested, if any)."""

    stdout: str
    stderr: str
    exit_code: int
    trace: Trace | None = None
    #: files the command created in the container (absolute paths), which it keeps
    written: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"stdout": self.stdout, "stderr": self.stderr, "exit_code": self.exit_code,
                "trace": self.trace.to_dict() if self.trace is not None else None}


# --------------------------------------------------------------------------------------------
# Where the probe runs


@dataclass
class Where:
    """Where a probe runs: the vantage point, the tools it has there, the seed of what netsim
    invents, and the shell session the command is typed into."""

    state: State
    label: str  # what reach() calls it: a container name, HOST/NAME or @vantage
    host: str | None  # the Docker host whose namespace it is in (None: @lan/@internet)
    container: ContainerState | None  # None: a vantage point
    tools: Toolbox
    seed: int
    rng: random.Random
    #: the interactive shell the command is typed into (program as started, line number in
    #: the session), None for ``docker exec``
    shell: tuple[str, int] | None = None
    #: the files earlier commands created in the container (:attr:`Packages.files`)
    files: frozenset[str] = frozenset()


@dataclass(frozen=True)
class ProbeSite:
    """A place named on a probe's command line: what reach() calls it, the Docker host whose
    namespace it is in (None: @lan/@internet) and its container (None: a vantage point)."""

    label: str
    host: str | None
    container: ContainerState | None


def vantage_of(state: State, where: str) -> ProbeSite | ProbeResult:
    """The place ``where`` names, read by the one vantage parser
    (:func:`netsim.analysis.vantage.resolve_vantage`), or netsim's error for an unknown
    ``@NAME`` (exit 2, as a result: a probe prints it rather than raising)."""
    from netsim.analysis.vantage import UnknownVantage, resolve_vantage

    try:
        v = resolve_vantage(state, where, role="probe")
    except UnknownVantage as err:
        return ProbeResult("", f"netsim: {err.line()}\n", 2)
    if v.kind == "host":
        return ProbeSite(f"@{v.host}", v.host, None)
    if v.kind != "container":  # @lan, @internet
        return ProbeSite(where, None, None)
    assert v.host is not None and v.name is not None
    return ProbeSite(where, v.host, state.container(v.name, v.host))


def locate(state: State, where: str, seed: int, rng: random.Random) -> Where | ProbeResult:
    """Where a probe at ``where`` runs, with the tools there (:func:`vantage_of`); Docker's
    error for a container that is not running."""
    found = vantage_of(state, where)
    if isinstance(found, ProbeResult):
        return found
    c = found.container
    if c is None:
        if found.host is None:
            return Where(state, found.label, None, None, debian_like(), seed, rng)
        # the host's own tools: Debian's, with the host's iproute2 (model.Host.iproute2), and
        # netbase's /etc/services as on any installed Debian (OpenBSD nc prints [tcp/http])
        tools = dataclasses.replace(debian_like(), services=True,
                                    ip_zero_qlen=state.hosts[found.host].host.iproute2 != "6.15")
        return Where(state, found.label, found.host, None, tools, seed, rng)
    if not c.running:
        return ProbeResult("", "Error response from daemon: "
                           f"{state.profile.not_running_message.format(id=c.id)}\n", 1)
    return Where(state, found.label, found.host, c,
                 toolbox_for(c.spec.Config.Image, declared=state.declared_tools.get(c.id),
                             info=state.image_infos.get(c.id)),
                 seed, rng)


def missing(w: Where, tool: str) -> ProbeResult:
    """A program the image does not have: Docker's exec error, or the shell's own message."""
    if w.shell is None:
        # moby daemon/server/router/container/exec.go: the OCI error goes to the exec's stdout
        # with \r\n; daemon/errors.go maps "executable file not found" to 127
        code = ": unknown" if w.state.profile.runtime_errors_end_in_unknown else ""
        return ProbeResult(
            "OCI runtime exec failed: exec failed: unable to start container process: exec: "
            f'"{tool}": executable file not found in $PATH{code}\r\n', "",
            127 if w.state.profile.exec_not_found_127 else 126)
    shell, line = w.shell
    base = shell.rsplit("/", 1)[-1]
    if base == "bash":
        text = f"bash: {tool}: command not found"
    elif base == "zsh":
        text = f"zsh: command not found: {tool}"
    elif base == "ash" or w.tools.cat == "busybox":  # busybox ash: "<argv0>: <cmd>: not found"
        text = f"{shell}: {tool}: not found"
    else:  # dash counts the lines typed in the session
        text = f"{shell}: {line}: {tool}: not found"
    return ProbeResult("", text + "\n", 127)


def jitter(w: Where, *parts: object) -> int:
    """A deterministic small number from the seed and the parts (0..999)."""
    digest = hashlib.sha256(repr((w.seed, *parts)).encode()).digest()
    return int.from_bytes(digest[:4], "big") % 1000


# --------------------------------------------------------------------------------------------
# Names: getaddrinfo through netsim.analysis.dns


def resolve(w: Where, name: str) -> Lookup:
    """What the program's ``getaddrinfo`` gives for ``name`` (IPv4): /etc/hosts, then DNS."""
    return lookup(w.state, w.label, name, rng=w.rng, libc=w.tools.libc)


def gai_error(look: Lookup) -> str:
    """glibc's gai_strerror for a failed lookup (EAI_NONAME or EAI_AGAIN)."""
    if look.failure == "temporary":
        return "Temporary failure in name resolution"
    return "Name or service not known"


# --------------------------------------------------------------------------------------------
# The vantage point


def hosts_entries(w: Where) -> tuple[HostsEntry, ...]:
    """The /etc/hosts lines at ``w`` (none at @lan/@internet)."""
    if w.host is None:
        return ()
    if w.container is None:
        return host_hosts(w.state, w.host)
    return etc_hosts(w.state, w.host, w.container)


def _owner_endpoints(w: Where) -> list[EndpointState]:
    """The endpoints of the namespace a container probe runs in (none for a host, a container
    in the host's namespace, @lan and @internet)."""
    if w.container is None or w.host is None or in_host_ns(w):
        return []
    owner = sandbox_owner(w.state, w.host, w.container)
    return owner.active_endpoints() if owner is not None else []


def ipv6_addresses(w: Where) -> list[ipaddress.IPv6Interface]:
    """The global (and ULA) IPv6 addresses at ``w``: a container's endpoints' (``--ipv6``
    networks); a Docker host's are its bridges' gateway addresses (the LAN is IPv4-only);
    none at @lan/@internet."""
    if w.host is None:
        return []
    if w.container is not None and not in_host_ns(w):
        return [e.ipv6 for e in _owner_endpoints(w) if e.ipv6 is not None]
    from netsim.analysis.reach import topology_index

    h = topology_index(w.state).hosts[w.host]
    out = []
    for addr in h.addresses6:  # the bridges' addresses, each with its subnet's prefix
        net = next((n for n, _ in h.bridges6 if addr in n), None)
        if net is not None:
            out.append(ipaddress.IPv6Interface((int(addr), net.prefixlen)))
    return out


def has_global_ipv6(w: Where) -> bool:
    """Whether the vantage point has an IPv6 address beyond lo and link-local ones."""
    return bool(ipv6_addresses(w))


def has_ipv4(w: Where) -> bool:
    """Whether the vantage point has an IPv4 address beyond lo (not a container on
    IPv6-only networks, ``--ipv4=false``)."""
    if w.container is None or in_host_ns(w):
        return True
    return any(e.ipv4 is not None for e in _owner_endpoints(w))


def ipv6_source(w: Where, dst: IPv6) -> IPv6 | None:
    """The address the kernel sends from to ``dst`` (``ip route get``), None when no route
    leads there (connect() fails with ENETUNREACH): the interface whose subnet holds ``dst``,
    else the IPv6 default route's (a container's gateway endpoint in libnetwork's order; a
    Docker host has none: its LAN is IPv4-only)."""
    if dst == IPv6("::1"):
        return dst if has_loopback6(w) else None
    if ((not dst.is_global and not dst.is_private) or dst.is_link_local or dst.is_multicast
            or dst.is_unspecified):
        return None  # link-local, multicast, unspecified…: need a scope netsim does not model
    own = ipv6_addresses(w)
    for iface in own:
        if dst in iface.network:
            return iface.ip
    if w.container is None or w.host is None or in_host_ns(w):
        return None
    nets = w.state.hosts[w.host].networks
    # the IPv6 default route's endpoint (libnetwork default_gateway.go; state.py)
    gw = default_route_endpoint6(_owner_endpoints(w), nets.get, w.state.profile)
    return gw.ipv6.ip if gw is not None and gw.ipv6 is not None else None


def has_loopback6(w: Where) -> bool:
    """Whether lo has ``::1`` at ``w``: not in a container namespace of an engine that turns
    IPv6 off there (EngineProfile.netns_ipv6_off) unless an interface has an IPv6 address."""
    if (w.container is None or w.host is None or not w.state.profile.netns_ipv6_off
            or in_host_ns(w)):
        return True
    owner = sandbox_owner(w.state, w.host, w.container)
    return owner is not None and any(e.ipv6 is not None for e in owner.active_endpoints())


def in_host_ns(w: Where) -> bool:
    """Whether ``w`` is a container in its Docker host's namespace (``--network host``)."""
    from netsim.analysis.reach import topology_index

    return w.container is not None and w.host is not None and (
        (w.host, w.container.name) in topology_index(w.state).host_members)


def source_address(w: Where, dst: IPv4 | IPv6) -> IPv4 | IPv6 | str:
    """The address a probe's packets leave with (for iputils' ``From …`` lines, curl's
    ``connect to … from …``)."""
    if isinstance(dst, IPv6):
        return ipv6_source(w, dst) or "::"
    if w.container is None or w.host is None:
        return w.state.hosts[w.host].host.address or "0.0.0.0" if w.host else "0.0.0.0"
    owner = sandbox_owner(w.state, w.host, w.container) or w.container
    eps = [e for e in owner.active_endpoints() if e.ipv4 is not None]
    for e in eps:
        assert e.ipv4 is not None
        if dst in e.ipv4.network:
            return e.ipv4.ip
    return eps[0].ipv4.ip if eps and eps[0].ipv4 is not None else "0.0.0.0"


# --------------------------------------------------------------------------------------------
# getaddrinfo with both families


def resolve_any(w: Where, name: str, family: int | None = None) -> Lookup:
    """What ``getaddrinfo(name)`` gives a program at ``w`` for AF_UNSPEC (``family`` None),
    AF_INET (4) or AF_INET6 (6), in the order the image's libc sorts them (:func:`_sorted`).

    A literal is itself (none for the other family). Files first: when /etc/hosts has the name
    in either family, DNS is not asked (glibc nss_files gethostbyname4, musl name_from_hosts);
    else both A (:func:`resolve`) and AAAA answers. A failed lookup keeps the A lookup's
    failure (EAI_NONAME or EAI_AGAIN)."""
    try:
        literal = ipaddress.ip_address(name)
    except ValueError:
        literal = None
    if literal is not None:
        fits = family is None or literal.version == family
        return Lookup(name, (literal,) if fits else (), "literal", canonical=name)
    v4 = resolve(w, name) if family != 6 else None
    v6 = (gethostbyname(w.state, w.label, name, rng=w.rng, qtype="AAAA")
          if family != 4 else None)
    # musl parses the AAAA reply before the A reply (lookup_name.c name_from_dns): that is
    # the order its sort keeps for ties
    found = [look for look in (v6, v4) if look is not None and look.ok]
    if any(look.source == "hosts" for look in found):
        found = [look for look in found if look.source == "hosts"]
    if not found:
        failed = v4 if v4 is not None else v6
        assert failed is not None
        return failed
    addrs = _sorted(w, [a for look in found for a in look.addresses])
    first = next(look for look in found if addrs[0] in look.addresses)
    return dataclasses.replace(first, addresses=tuple(addrs))


def prefer_ipv4(look: Lookup) -> IPv4 | IPv6:
    """The address BusyBox's applets use: ``xhost2sockaddr`` takes the first IPv4 address of
    the lookup, else the first (libbb/xconnect.c str2sockaddr, FEATURE_PREFER_IPV4_ADDRESS)."""
    return next((a for a in look.addresses if isinstance(a, IPv4)), look.addresses[0])


#: glibc's default precedence table (RFC 3484 §2.1, sysdeps/posix/getaddrinfo.c
#: default_precedence; no /etc/gai.conf in the images): ::1 50, 2002::/16 30, ::/96 20,
#: ::ffff:0:0/96 (IPv4) 10, anything else (ULA and global IPv6) 40
_GLIBC_PRECEDENCE = ((IPv6("::1"), 128, 50), (IPv6("2002::"), 16, 30), (IPv6("::"), 96, 20),
                     (IPv6("::ffff:0:0"), 96, 10), (IPv6("::"), 0, 40))
#: musl's table (RFC 6724 §2.1, src/network/lookup_name.c defpolicy): ULA fc00::/7 is 3,
#: below IPv4's 35
_MUSL_PRECEDENCE = ((IPv6("::1"), 128, 50), (IPv6("::ffff:0:0"), 96, 35),
                    (IPv6("2002::"), 16, 30), (IPv6("2001::"), 32, 5), (IPv6("fc00::"), 7, 3),
                    (IPv6("::"), 96, 1), (IPv6("fec0::"), 10, 1), (IPv6("3ffe::"), 16, 1),
                    (IPv6("::"), 0, 40))


def _precedence(table: tuple[tuple[IPv6, int, int], ...], a: IPv4 | IPv6) -> int:
    mapped = IPv6(int(IPv6("::ffff:0:0")) | int(a)) if isinstance(a, IPv4) else a
    return next(p for net, bits, p in table
                if int(mapped) >> (128 - bits) == int(net) >> (128 - bits) or bits == 0)


def _common_bits(a: IPv4 | IPv6, b: IPv4 | IPv6) -> int:
    width = a.max_prefixlen
    return width - (int(a) ^ int(b)).bit_length()


def _sorted(w: Where, addrs: list[IPv4 | IPv6]) -> list[IPv4 | IPv6]:
    """Destination address selection (RFC 3484/6724 §6) as the image's libc does it.

    glibc (sysdeps/posix/getaddrinfo.c rfc3484_sort): rule 1, an address with no source
    (no route: :func:`ipv6_source`; no IPv4 address) goes last; rule 6, precedence: ULA and
    global IPv6 (40) before IPv4 (10), so a container with an IPv6 address uses a name's AAAA
    address first (measured: 78-ipv6-dual-stack ``ping w6``, ``curl http://w6/``); rule 9,
    the longest prefix shared with the source, among IPv6 addresses (measured:
    58-reference-examples ``ping ss``: the alias answer closest to fd00:58::5); IPv4
    addresses keep :func:`resolve`'s order. musl (lookup_name.c, only when an IPv6 address
    is among them): usable, precedence (IPv4 35 above ULA 3), then the longest prefix over
    the 128-bit (IPv4-mapped) address."""
    if len(addrs) < 2 or all(isinstance(a, IPv4) for a in addrs):
        return addrs
    v4_ok = has_ipv4(w)

    def source(a: IPv4 | IPv6) -> IPv4 | IPv6 | None:
        if isinstance(a, IPv6):
            return ipv6_source(w, a)
        if a.is_loopback:
            return IPv4("127.0.0.1")  # lo: in every namespace
        src = source_address(w, a) if v4_ok else None
        return src if isinstance(src, IPv4) else None

    if w.tools.libc == "musl":
        def musl_key(k: int) -> tuple[int, int, int, int]:
            a = addrs[k]
            src = source(a)
            bits = 0 if src is None else _common_bits(a, src) + (96 if a.version == 4 else 0)
            return (src is None, -_precedence(_MUSL_PRECEDENCE, a), -bits, k)

        return [addrs[k] for k in sorted(range(len(addrs)), key=musl_key)]

    def glibc_key(k: int) -> tuple[bool, int, int, int]:
        a = addrs[k]
        src = source(a)
        bits = _common_bits(a, src) if src is not None and a.version == 6 else 0
        return (src is None, -_precedence(_GLIBC_PRECEDENCE, a), -bits, k)

    return [addrs[k] for k in sorted(range(len(addrs)), key=glibc_key)]


# --------------------------------------------------------------------------------------------
# Connections, and what the tools say of them


def trace_to(w: Where, ip: IPv4 | IPv6, port: int | None = None,
             proto: Proto | None = None) -> Trace:
    """The flow from ``w`` to ``ip`` of either family (:func:`netsim.analysis.reach.reach`):
    an ICMP echo, or a connection to ``port``."""
    return reach(w.state, w.label, str(ip), port=port, proto=proto)


def connect(w: Where, ip: IPv4 | IPv6, port: int) -> Trace:
    """A TCP connection from ``w`` to ``ip:port`` (:func:`trace_to`)."""
    return trace_to(w, ip, port)


#: Linux ARP: 3 probes 1 s apart (mcast_solicit, retrans_time), then the queued packets fail
ARP_GIVES_UP = 3

#: musl's strerror for a failed connect (BusyBox wget and nc)
MUSL_ERRNO = {
    Symptom.REFUSED: "Connection refused",
    Symptom.TIMEOUT: "Operation timed out",
    Symptom.HOST_UNREACHABLE: "Host is unreachable",
    Symptom.NETWORK_UNREACHABLE: "Network unreachable",
}


#: the destinations the tools are simulated for (:func:`needs_scope` names the others)
SCOPED_ACCEPTED = "IPv4 addresses, names, ::1 and global or ULA IPv6 addresses"


def needs_scope(host: str) -> bool:
    """An IPv6 literal that needs an interface scope (link-local ``fe80::``, multicast), names
    one (``%eth0``) or is none (``::``): netsim models no scopes, so a tool says so rather than
    guess."""
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    # a zone (fd00::1%eth0) is a scope too: what each tool prints for it is not recorded
    return ip.version == 6 and (ip.is_link_local or ip.is_multicast or ip.is_unspecified
                                or ip.scope_id is not None)


def not_simulated(what: str, accepted: str) -> ProbeResult:
    """netsim's note for a form of a command it does not simulate, naming the ones it does."""
    return ProbeResult("", f"netsim: {what} is not simulated (simulated: {accepted})\n",
                       NOT_SIMULATED)


def parse_seconds(value: str) -> float | None:
    """A number of seconds as typed (``-W 1``, ``-w 2.5``); None: not a number."""
    try:
        return float(value)
    except ValueError:
        return None
