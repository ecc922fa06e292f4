"""``nc -z``: OpenBSD netcat (Debian's build) and BusyBox's applet (Alpine's NC_110_COMPAT build,
or the conformance lab's small nc), as measured on the lab (tests/test_probes_dns_ping.py,
conformance/corpus/32-probes-nc.sh)."""

from __future__ import annotations

from typing import Literal

from netsim.analysis.dns import Lookup
from netsim.analysis.reach import Symptom, Trace
from netsim.probes.busybox import busybox_usage
from netsim.probes.context import (
    ARP_GIVES_UP,
    MUSL_ERRNO,
    NOT_SIMULATED,
    SCOPED_ACCEPTED,
    IPv4,
    IPv6,
    ProbeResult,
    Where,
    gai_error,
    has_loopback6,
    needs_scope,
    not_simulated,
    parse_seconds,
    prefer_ipv4,
    resolve_any,
    trace_to,
)
from netsim.probes.registry import Need, Program, Tool, register

__all__ = ["NC", "TOOL"]

#: OpenBSD nc (netcat-openbsd, and any other nc the catalogue knows) or BusyBox's applet; how
#: much of BusyBox's nc there is: :attr:`netsim.probes.toolbox.Toolbox.nc_extra`
NC = Need("nc", "nc", {"busybox": "busybox", "*": "openbsd"}, debian="netcat-openbsd",
          busybox="busybox")

#: glibc's strerror for a failed connect (OpenBSD nc)
_GLIBC_ERRNO = {
    Symptom.REFUSED: "Connection refused",
    Symptom.TIMEOUT: "Connection timed out",
    Symptom.HOST_UNREACHABLE: "No route to host",
    Symptom.NETWORK_UNREACHABLE: "Network is unreachable",
}


#: the /etc/services names OpenBSD nc prints (``getservbyport``), where the image has the file
_SERVICES = {21: "ftp", 22: "ssh", 23: "telnet", 25: "smtp", 53: "domain", 80: "http",
             110: "pop3", 143: "imap2", 443: "https", 3306: "mysql", 5432: "postgresql",
             8080: "http-alt"}


def _nc_ports(text: str) -> list[int] | None:
    """``PORT`` or ``LO-HI`` (OpenBSD nc's port ranges)."""
    lo, sep, hi = text.partition("-")
    if not lo.isdigit() or (sep and not hi.isdigit()):
        return None
    first, last = int(lo), int(hi) if sep else int(lo)
    if not 0 < first <= last < 65536:
        return None
    return list(range(first, last + 1))


def _nc(w: Where, args: list[str]) -> ProbeResult:
    """``nc -z``: BusyBox (Alpine's NC_110_COMPAT build) and OpenBSD nc (Debian's build).

    Measured on the lab (``tests/test_probes_dns_ping.py``): the lab's BusyBox has the small
    nc (no ``-z``: usage, exit 1); Debian's OpenBSD nc prints ``Connection to … succeeded!``
    with ``-z`` alone too, ``[tcp/*]`` without /etc/services, tries every address of a name
    (``localhost``: ``::1``, then ``127.0.0.1``), scans ``LO-HI`` port ranges, and with
    ``-u`` reports a UDP port as open unless an ICMP error comes back. An on-link address
    nobody holds fails with ``No route to host`` once ARP gives up (3 s): a shorter ``-w``
    times out first."""
    impl = w.tools.nc
    assert impl is not None  # probe() checked the need
    small = impl == "busybox" and not w.tools.nc_extra
    verbose = 0
    zero = udp = False
    family: int | None = None
    timeout: float | None = None
    rest: list[str] = []
    i = 0
    while i < len(args):
        a = args[i]
        if a.startswith("-") and len(a) > 1:
            j = 1
            while j < len(a):
                ch = a[j]
                if ch in "wpsiqef":
                    value = a[j + 1:] or (args[i + 1] if i + 1 < len(args) else "")
                    if not a[j + 1:]:
                        i += 1
                    if ch == "w":
                        timeout = parse_seconds(value)
                    break
                if small and ch not in "l":
                    return busybox_usage(w, "nc", f"unrecognized option: {ch}")
                if ch == "v":
                    verbose += 1
                elif ch == "z":
                    zero = True
                elif ch == "u":
                    udp = True
                elif ch in "46" and impl != "busybox":
                    family = int(ch)  # netcat.c: -4/-6 set hints.ai_family
                j += 1
        else:
            rest.append(a)
        i += 1
    if small and not rest:
        return busybox_usage(w, "nc")
    ports = _nc_ports(rest[1]) if len(rest) == 2 else None
    if not zero or ports is None or (impl == "busybox" and len(ports) > 1):
        return ProbeResult("", "netsim: only 'nc -z [-v] [-u] [-w N] HOST PORT' is simulated\n",
                           NOT_SIMULATED)
    name = rest[0]
    if needs_scope(name):
        return not_simulated(f"nc {name}", SCOPED_ACCEPTED)
    addrs = _nc_addresses(w, name, family)
    if isinstance(addrs, Lookup):
        if impl == "busybox":
            return ProbeResult("", f"nc: bad address '{name}'\n", 1)
        # -4/-6 and only addresses of the other family: glibc's EAI_ADDRFAMILY, as for ping
        why = ("Address family for hostname not supported"
               if family is not None and resolve_any(w, name).ok else gai_error(addrs))
        return ProbeResult("", f'nc: getaddrinfo for host "{name}" port {rest[1]}: {why}\n', 1)
    if impl == "busybox":
        return _busybox_nc(w, name, addrs[0], ports[0], verbose, timeout)
    proto: Literal["tcp", "udp"] = "udp" if udp else "tcp"
    out: list[str] = []
    code = 1
    trace: Trace | None = None
    loopback6 = has_loopback6(w)
    for port in ports:
        for ip in addrs:
            if ip.version == 6 and not loopback6:
                # IPv6 off in the namespace (EngineProfile.netns_ipv6_off; measured on 20.10)
                if verbose:
                    out.append(f"nc: connect to {name if name == str(ip) else f'{name} ({ip})'}"
                               f" port {port} ({proto}) failed: Cannot assign requested address")
                continue
            trace = trace_to(w, ip, port, proto)
            s = _with_timeout(trace.symptom, timeout)
            shown = str(ip) if name == str(ip) else f"{name} ({ip})"
            if udp and s in (Symptom.OK, Symptom.TIMEOUT):
                s = Symptom.OK  # udptest(): nothing came back, so the port counts as open
            if s is Symptom.OK:
                service = _SERVICES.get(port, "*") if w.tools.services else "*"
                out.append(f"Connection to {shown} {port} port [{proto}/{service}] "
                           "succeeded!")
                code = 0
                break
            if not verbose or (udp and s is Symptom.REFUSED):
                continue
            if s is Symptom.TIMEOUT:
                out.append(f"nc: connect to {shown} port {port} ({proto}) timed out: "
                           "Operation now in progress")
            else:
                out.append(f"nc: connect to {shown} port {port} ({proto}) failed: "
                           f"{_GLIBC_ERRNO[s]}")
    return ProbeResult("", "".join(x + "\n" for x in out), code, trace)


def _with_timeout(s: Symptom, timeout: float | None) -> Symptom:
    """A connect to an on-link address nobody holds fails when ARP gives up (3 s); a shorter
    ``-w`` ends it first, as a timeout (measured). A connection docker-proxy accepted counts
    as made (``nc -z`` sends nothing)."""
    if s is Symptom.RESET:
        return Symptom.OK
    if s is Symptom.HOST_UNREACHABLE and timeout is not None and timeout < ARP_GIVES_UP:
        return Symptom.TIMEOUT
    return s


def _nc_addresses(w: Where, name: str, family: int | None = None
                  ) -> list[IPv4 | IPv6] | Lookup:
    """The addresses nc tries, in order (a failed lookup: the Lookup, for its error).

    OpenBSD nc (netcat.c main: getaddrinfo AF_UNSPEC, then each address in turn) gets glibc's
    sorted list (:func:`resolve_any`): ``::1`` first for ``localhost`` (last when lo lacks
    it: RFC 6724 rule 1), a name's IPv6 address first in a container with IPv6. BusyBox nc
    (xhost2sockaddr) uses one address, an IPv4 one when there is one."""
    look = resolve_any(w, name, family)
    if not look.ok:
        return look
    if w.tools.nc == "busybox":
        return [prefer_ipv4(look)]
    return list(look.addresses)


def _busybox_nc(w: Where, name: str, ip: IPv4 | IPv6, port: int, verbose: int,
                timeout: float | None) -> ProbeResult:
    trace = trace_to(w, ip, port)
    s = _with_timeout(trace.symptom, timeout)
    if s is Symptom.OK:
        return ProbeResult("", f"{name} ({ip}:{port}) open\n" if verbose else "", 0, trace)
    if verbose == 0 or (s is Symptom.REFUSED and verbose < 2):
        return ProbeResult("", "", 1, trace)
    text = MUSL_ERRNO[s]
    tail = "sent 0, rcvd 0\n" if verbose >= 2 else ""
    return ProbeResult("", f"nc: {name} ({ip}:{port}): {text}\n{tail}", 1, trace)


TOOL = register(Tool("netcat", (Program("nc", _nc, NC),)))
