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

from netsim.analysis.dns import HostsEntry, Lookup, etc_hosts, host_hosts, lookup
from netsim.analysis.graph import sandbox_owner
from netsim.analysis.reach import Symptom, Trace, reach
from netsim.probes.toolbox import Toolbox, debian_like, toolbox_for
from netsim.state import ContainerState, State

__all__ = ["ARP_GIVES_UP", "MUSL_ERRNO", "NOT_SIMULATED", "IPv4", "IPv6", "ProbeResult",
           "ProbeSite", "Where", "connect", "gai_error", "has_global_ipv6", "has_loopback6",
           "hosts_entries",
           "in_host_ns", "ipv6_network", "jitter", "locate", "missing", "not_simulated",
           "parse_seconds", "resolve", "source_address", "vantage_of"]

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
                 toolbox_for(c.spec.Config.Image, declared=state.declared_tools.get(c.id)),
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


def ipv6_network(w: Where) -> str | None:
    """An IPv6-enabled network (``--ipv6``) the container's sandbox is on, if any: Docker gives
    its endpoints IPv6 addresses (/etc/hosts lines, AAAA records, glibc's RFC 6724 choice),
    which netsim does not model, so commands there are not simulated."""
    if w.container is None or w.host is None:
        return None
    owner = sandbox_owner(w.state, w.host, w.container) or w.container
    nets = w.state.hosts[w.host].networks
    for ep in owner.active_endpoints():
        net = nets.get(ep.network)
        if net is not None and net.spec is not None and net.spec.EnableIPv6:
            return net.name
    return None


def has_global_ipv6(w: Where) -> bool:
    """Whether the vantage point has an IPv6 address beyond lo and link-local ones."""
    if w.container is None or w.host is None:
        return False  # netsim's Docker hosts have IPv4 on the LAN only
    owner = sandbox_owner(w.state, w.host, w.container) or w.container
    return any(e.ipv6 is not None for e in owner.active_endpoints())


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


def source_address(w: Where, dst: IPv4) -> IPv4 | str:
    """The address a probe's packets leave with (for iputils' ``From …`` lines)."""
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
# Connections, and what the tools say of them


def connect(w: Where, ip: IPv4 | ipaddress.IPv6Address, port: int) -> Trace:
    """A TCP connection from ``w`` to ``ip:port`` (:func:`netsim.analysis.reach.reach`)."""
    return reach(w.state, w.label, str(ip), port=port)


#: Linux ARP: 3 probes 1 s apart (mcast_solicit, retrans_time), then the queued packets fail
ARP_GIVES_UP = 3

#: musl's strerror for a failed connect (BusyBox wget and nc)
MUSL_ERRNO = {
    Symptom.REFUSED: "Connection refused",
    Symptom.TIMEOUT: "Operation timed out",
    Symptom.HOST_UNREACHABLE: "Host is unreachable",
    Symptom.NETWORK_UNREACHABLE: "Network unreachable",
}


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
