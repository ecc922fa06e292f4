"""What network tools print when run at a vantage point: ``ping``, ``curl``, ``wget``, ``nc -z``,
``dig``, ``nslookup``, ``host``, ``getent hosts``, ``cat`` of the resolver files, ``ip addr``,
``ip link``, ``ip route``, ``ifconfig``, ``route``, ``netstat -r``, ``hostname``; and package
managers that install more of them.

:func:`probe` runs one command line inside a container (what ``docker exec NAME …`` runs) or at a
vantage point (``@host``/``@NAME``: a shell on that Docker host; ``@lan``, ``@internet``) and
returns a :class:`ProbeResult`: stdout, stderr and exit status as the real tool would give them.
Reachability comes from :func:`netsim.reach.reach`, names from :mod:`netsim.dns` (a program's
``getaddrinfo``: /etc/hosts, then the nameservers of resolv.conf); the texts follow
``docs/reference/probe-output.md`` (iputils 20240905 and busybox 1.37 ``ping``, curl 8.14,
busybox ``wget``/``nc``, OpenBSD ``nc``, iproute2 6.15 (7.3 on a host that declares it) and
busybox ``ip``, net-tools and busybox ``ifconfig``, ``route`` and ``netstat``, Debian and busybox
``hostname``; the interface texts measured on the conformance lab,
tests/test_probes_interfaces.py) and ``docs/reference/dns-tools.md`` (BIND 9.20 and
9.9 ``dig``/``nslookup``/``host``, busybox ``nslookup``, glibc and musl ``getent``). Which
implementation runs is the image's fact (:mod:`netsim.images`); an image netsim does not know is
assumed to be Debian-like with iputils, iproute2, net-tools, curl, OpenBSD nc and BIND's tools. A
tool the image does not have gets Docker's ``executable file not found`` (exit 127), or in an
interactive shell that shell's own message; :func:`install` (``apt-get install dnsutils``, ``apk
add bind-tools`` …) adds tools to a container. Docker hosts and the LAN/internet vantage points
are Debian-like too.

Simplifications (README): round-trip times and DNS query times are invented (deterministic from
the seed), a reply's TTL is 64 minus the routers on the way (the internet answers with 117);
counters in ``ifconfig`` are 0 (docker0's 2 dropped packets excepted); an HTTP exchange is not
simulated (a connection that succeeds prints a netsim note instead of a page); ``ping`` without
``-c`` is shown as if stopped after 4 packets; package managers print a note instead of their
download log.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import ipaddress
import math
import random
import re
import shlex
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from netsim.dns import (
    EMBEDDED_DNS,
    DnsAnswer,
    Lookup,
    QType,
    Rcode,
    Record,
    etc_hosts,
    gethostbyname,
    host_hosts,
    hosts_text,
    lookup,
    query,
    resolv_conf,
    reverse_name,
    unserved_query,
)
from netsim.graph import INTERNET, sandbox_owner
from netsim.images import (
    DIG_VERSIONS,
    HTTP_DATE,
    PACKAGES,
    HttpResponse,
    ImageInfo,
    PackageManager,
    ToolImpl,
    WebSite,
    image_release,
    internet_site,
    package_manager,
    served_site,
)
from netsim.images import lookup as image_lookup
from netsim.reach import Symptom, Trace, reach
from netsim.state import EPOCH, ContainerState, EndpointState, State

__all__ = ["NOT_SIMULATED", "PACKAGE_MANAGERS", "Packages", "ProbeResult", "Toolbox", "install",
           "probe", "toolbox_for"]

#: the commands :func:`install` handles
PACKAGE_MANAGERS = ("apt-get", "apt", "apk", "yum", "dnf", "microdnf")

#: exit status of something netsim does not simulate (as a shell's "cannot execute")
NOT_SIMULATED = 126

IPv4 = ipaddress.IPv4Address


@dataclass(frozen=True)
class ProbeResult:
    """What a command printed and its exit status (``trace``: the flow it tested, if any)."""

    stdout: str
    stderr: str
    exit_code: int
    trace: Trace | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"stdout": self.stdout, "stderr": self.stderr, "exit_code": self.exit_code,
                "trace": self.trace.to_dict() if self.trace is not None else None}


@dataclass(frozen=True)
class Toolbox:
    """Which implementation of each tool a vantage point has (None: not installed)."""

    ping: Literal["busybox", "iputils"] | None = "iputils"
    curl: bool = True
    wget: bool = False
    nc: Literal["busybox", "openbsd"] | None = "openbsd"
    ip: Literal["busybox", "iproute2"] | None = "iproute2"
    ifconfig: Literal["busybox", "net-tools", "net-tools-1.60"] | None = "net-tools"
    route: Literal["busybox", "net-tools"] | None = "net-tools"
    netstat: Literal["busybox", "net-tools"] | None = "net-tools"
    hostname: Literal["busybox", "debian"] | None = "debian"
    #: ISC BIND's dig/host/nslookup, by the version string dig prints (None: not installed)
    bind: str | None = DIG_VERSIONS["debian"]
    nslookup: Literal["busybox", "bind"] | None = "bind"
    getent: Literal["glibc", "musl"] | None = "glibc"
    cat: Literal["busybox", "gnu"] | None = "gnu"
    #: the package manager, to install a missing tool (``apt-get install dnsutils``)
    packages: PackageManager | None = "apt-get"
    #: the C library (how a shell and getaddrinfo behave)
    libc: Literal["glibc", "musl"] = "glibc"
    #: iproute2 7.x (Debian sid's 7.3) prints ``qlen 0`` for a zero txqueuelen; 6.15 does not
    ip_zero_qlen: bool = False
    #: the first line of BusyBox's usage texts (the image's build, :mod:`netsim.images`)
    busybox_banner: str = "BusyBox v1.37.0 multi-call binary."
    #: BusyBox nc has -z/-v (NC_110_COMPAT, NC_EXTRA); the lab's small nc does not
    nc_extra: bool = True
    #: /etc/services exists (OpenBSD nc's ``[tcp/http]`` rather than ``[tcp/*]``)
    services: bool = False


_DEBIAN_LIKE = Toolbox()
_DEBIAN_LIKE_TOOLS: Mapping[str, ToolImpl] = {
    "ping": "iputils", "curl": "curl", "nc": "netcat-openbsd", "ip": "iproute2",
    "ifconfig": "net-tools", "hostname": "hostname", "dig": "bind", "nslookup": "bind",
    "host": "bind", "getent": "glibc", "cat": "gnu", "route": "net-tools", "netstat": "net-tools",
}


def toolbox_for(image: str, installed: Mapping[str, ToolImpl] | None = None) -> Toolbox:
    """The tools of an image, from the catalogue (a Debian-like full set when unknown), plus
    the ones installed in the container since (``installed``)."""
    try:
        info: ImageInfo | None = image_lookup(image)
    except ValueError:
        info = None
    if info is None:
        if not installed:
            return _DEBIAN_LIKE
        tools: Mapping[str, ToolImpl] = {**_DEBIAN_LIKE_TOOLS, **installed}
        release = "debian"
        manager: PackageManager | None = "apt-get"
        libc: Literal["glibc", "musl"] = "glibc"
    else:
        tools = {**info.tools, **(installed or {})}
        release, manager, libc = image_release(info), package_manager(info), info.libc

    def pick(name: str, mapping: dict[str, Any]) -> Any:
        impl = tools.get(name)
        return None if impl is None else mapping.get(impl, mapping.get("*"))

    return Toolbox(
        ping=pick("ping", {"busybox": "busybox", "*": "iputils"}),
        curl="curl" in tools,
        wget="wget" in tools,
        nc=pick("nc", {"busybox": "busybox", "*": "openbsd"}),
        ip=pick("ip", {"busybox": "busybox", "*": "iproute2"}),
        ifconfig=pick("ifconfig", {"busybox": "busybox", "net-tools-1.60": "net-tools-1.60",
                                   "*": "net-tools"}),
        route=pick("route", {"busybox": "busybox", "*": "net-tools"}),
        netstat=pick("netstat", {"busybox": "busybox", "*": "net-tools"}),
        hostname=pick("hostname", {"busybox": "busybox", "*": "debian"}),
        bind=DIG_VERSIONS.get(release, DIG_VERSIONS["debian"]) if "dig" in tools else None,
        nslookup=pick("nslookup", {"busybox": "busybox", "*": "bind"}),
        getent=pick("getent", {"musl": "musl", "*": "glibc"}),
        cat=pick("cat", {"busybox": "busybox", "*": "gnu"}),
        packages=manager,
        libc=libc,
        busybox_banner=_DEBIAN_LIKE.busybox_banner if info is None else info.busybox_banner,
        nc_extra=info is None or info.busybox_nc_extra,
        services=info is not None and (info.etc_services if info.etc_services is not None
                                       else info.libc == "musl"),
    )


# --------------------------------------------------------------------------------------------
# Where the probe runs


@dataclass
class _Where:
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


def _where(state: State, where: str, seed: int,
           rng: random.Random) -> _Where | ProbeResult:
    from netsim.reach import topology_index

    if where in ("@lan", "@internet"):
        return _Where(state, where, None, None, _DEBIAN_LIKE, seed, rng)
    if where.startswith("@"):
        name = where[1:]
        if name == "host" and "host" not in state.hosts:
            name = next(iter(state.hosts))
        if name not in state.hosts:
            return ProbeResult("", f"netsim: unknown vantage point {where} (Docker hosts: "
                                   f"{', '.join(state.hosts)}; or @lan, @internet)\n", 2)
        # the host's own tools: Debian's, with the host's iproute2 (model.Host.iproute2)
        tools = (_DEBIAN_LIKE if state.hosts[name].host.iproute2 == "6.15"
                 else dataclasses.replace(_DEBIAN_LIKE, ip_zero_qlen=True))
        return _Where(state, f"@{name}", name, None, tools, seed, rng)
    host, c = topology_index(state).find(where)
    if not c.running:
        return ProbeResult("", f"Error response from daemon: container {c.id} is not running\n",
                           1)
    label = where
    return _Where(state, label, host, c, toolbox_for(c.spec.image), seed, rng)


def _missing(w: _Where, tool: str) -> ProbeResult:
    """A program the image does not have: Docker's exec error, or the shell's own message."""
    if w.shell is None:
        # moby daemon/server/router/container/exec.go: the OCI error goes to the exec's stdout
        # with \r\n; daemon/errors.go maps "executable file not found" to 127
        return ProbeResult(
            "OCI runtime exec failed: exec failed: unable to start container process: exec: "
            f'"{tool}": executable file not found in $PATH: unknown\r\n', "", 127)
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


def _jitter(w: _Where, *parts: object) -> int:
    """A deterministic small number from the seed and the parts (0..999)."""
    digest = hashlib.sha256(repr((w.seed, *parts)).encode()).digest()
    return int.from_bytes(digest[:4], "big") % 1000


# --------------------------------------------------------------------------------------------
# Names: getaddrinfo through netsim.dns


def _resolve(w: _Where, name: str) -> Lookup:
    """What the program's ``getaddrinfo`` gives for ``name`` (IPv4): /etc/hosts, then DNS."""
    return lookup(w.state, w.label, name, rng=w.rng, libc=w.tools.libc)


def _gai_error(look: Lookup) -> str:
    """glibc's gai_strerror for a failed lookup (EAI_NONAME or EAI_AGAIN)."""
    if look.failure == "temporary":
        return "Temporary failure in name resolution"
    return "Name or service not known"


# --------------------------------------------------------------------------------------------
# ping


def _ms(us: int) -> str:
    return f"{us // 1000}.{us % 1000:03d}"


def _iputils_ms(us: int) -> str:
    """iputils' reply time: 3 decimals below 1 ms, 2 below 10, 1 below 100 (ping_common.c)."""
    if us < 1000:
        return _ms(us)
    if us < 10000:
        return f"{us // 1000}.{us % 1000 // 10:02d}"
    if us < 100000:
        return f"{us // 1000}.{us % 1000 // 100}"
    return str(us // 1000)


def _rtts(w: _Where, target: str, trace: Trace, count: int) -> list[int]:
    """Invented, deterministic round-trip times in µs: ~0.1 ms on a host, ~12 ms to the
    internet."""
    internet = bool(trace.hops) and trace.hops[-1].rule == "internet"
    base, spread = (11000, 4000) if internet else (40 + 25 * trace.routers, 90)
    return [base + _jitter(w, "ping", target, n) * spread // 1000 for n in range(count)]


def _ping(w: _Where, args: list[str]) -> ProbeResult:
    impl = w.tools.ping
    if impl is None:
        return _missing(w, "ping")
    count: int | None = None
    quiet = False
    target: str | None = None
    i = 0
    while i < len(args):
        a = args[i]
        if a in ("-c", "-w", "-W", "-i", "-s", "-t", "-I"):
            if i + 1 >= len(args):
                return _ping_usage(impl, f"option requires an argument -- '{a[1]}'"
                                   if impl == "iputils" else f"option requires an argument: {a[1]}")
            value = args[i + 1]
            if a == "-c":
                if not value.isdigit() or int(value) == 0:
                    if impl == "iputils":
                        return ProbeResult("", f"ping: invalid argument: '{value}'\n", 1)
                    return ProbeResult("", f"ping: invalid number '{value}'\n", 1)
                count = int(value)
            i += 2
            continue
        if a.startswith("-c") and a[2:].isdigit():
            count = int(a[2:])
        elif a in ("-q",):
            quiet = True
        elif a in ("-4", "-n", "-v", "-D", "-O"):
            pass
        elif a.startswith("-") and a != "-":
            return _ping_usage(impl, f"invalid option -- '{a[1:2]}'" if impl == "iputils"
                               else f"unrecognized option: {a[1:2]}")
        elif target is None:
            target = a
        i += 1
    if target is None:
        if impl == "iputils":
            return ProbeResult("", "ping: usage error: Destination address required\n", 2)
        return _ping_usage(impl, None)
    note = ""
    if count is None:
        count = 4
        note = ("netsim: ping without -c runs until interrupted; shown as if stopped with "
                "Ctrl-C after 4 packets\n")
    look = _resolve(w, target)
    if not look.ok:
        if impl == "iputils":
            return ProbeResult("", f"{note}ping: {target}: {_gai_error(look)}\n", 2)
        return ProbeResult("", f"{note}ping: bad address '{target}'\n", 1)
    ip = look.addresses[0]
    assert isinstance(ip, IPv4)
    trace = reach(w.state, w.label, str(ip))
    out = _ping_text(w, impl, target, ip, count, quiet, trace, look)
    return ProbeResult(out.stdout, note + out.stderr, out.exit_code, trace)


def _ping_usage(impl: str, error: str | None) -> ProbeResult:
    if impl == "iputils":
        return ProbeResult("", f"ping: {error}\n\nUsage\n  ping [options] <destination>\n\n"
                               "For more details see ping(8).\n", 2)
    head = f"ping: {error}\n" if error else ""
    return ProbeResult("", head + "BusyBox v1.37.0 multi-call binary.\n\nUsage: ping [OPTIONS] "
                                  "HOST\n\nSend ICMP ECHO_REQUESTs to HOST\n", 1)


def _ttl(w: _Where, trace: Trace) -> int:
    """The TTL of a reply: 64 less each router on the way (Linux's default initial TTL); the
    internet's replies arrive with 117 unless the LAN says how far the internet is."""
    if trace.hops and trace.hops[-1].rule == "internet":
        hops = w.state.lan.internet_hops
        return 117 if hops is None else 64 - trace.routers - hops
    return 64 - trace.routers


def _ping_text(w: _Where, impl: str, target: str, ip: IPv4, count: int, quiet: bool,
               trace: Trace, look: Lookup) -> ProbeResult:
    s = trace.symptom
    src_ip = _source_address(w, ip)
    lines: list[str] = []
    if impl == "iputils":
        if s is Symptom.NETWORK_UNREACHABLE:
            return ProbeResult("", "ping: connect: Network is unreachable\n", 2, trace)
        # iputils: the header and statistics name the canonical name; with a name (not an
        # address) as target every address printed goes through getnameinfo (files, then PTR):
        # ping/ping.c _pr_addr prints "name (address)" when a name is found
        name = look.canonical or target
        numeric = look.source == "literal"
        lines.append(f"PING {name} ({ip}) 56(84) bytes of data.")
        times = _rtts(w, target, trace, count)
        if s is Symptom.OK:
            if not quiet:
                peer = _pr_addr(w, ip, numeric)
                lines += [f"64 bytes from {peer}: icmp_seq={n + 1} ttl={_ttl(w, trace)} "
                          f"time={_iputils_ms(t)} ms" for n, t in enumerate(times)]
            lines += ["", f"--- {name} ping statistics ---",
                      f"{count} packets transmitted, {count} received, 0% packet loss, "
                      f"time {(count - 1) * 1001}ms", _rtt_line(times)]
            return ProbeResult("\n".join(lines) + "\n", "", 0, trace)
        if s is Symptom.HOST_UNREACHABLE:
            if not quiet:
                src = _pr_addr(w, src_ip, numeric) if isinstance(src_ip, IPv4) else src_ip
                lines += [f"From {src} icmp_seq={n + 1} Destination Host Unreachable"
                          for n in range(count)]
            lines += ["", f"--- {name} ping statistics ---",
                      f"{count} packets transmitted, 0 received, +{count} errors, 100% packet "
                      f"loss, time {(count - 1) * 1001}ms"]
            if count > 1:
                lines.append(f"pipe {min(count, 3)}")
            return ProbeResult("\n".join(lines) + "\n", "", 1, trace)
        lines += ["", f"--- {name} ping statistics ---",
                  f"{count} packets transmitted, 0 received, 100% packet loss, "
                  f"time {(count - 1) * 1010}ms", ""]
        return ProbeResult("\n".join(lines) + "\n", "", 1, trace)
    # busybox
    head = f"PING {target} ({ip}): 56 data bytes"
    if s is Symptom.NETWORK_UNREACHABLE:
        return ProbeResult(head + "\n", "ping: sendto: Network unreachable\n", 1, trace)
    lines.append(head)
    times = _rtts(w, target, trace, count)
    if s is Symptom.OK:
        if not quiet:
            lines += [f"64 bytes from {ip}: seq={n} ttl={_ttl(w, trace)} time={_ms(t)} ms"
                      for n, t in enumerate(times)]
        avg = sum(times) // count
        lines += ["", f"--- {target} ping statistics ---",
                  f"{count} packets transmitted, {count} packets received, 0% packet loss",
                  f"round-trip min/avg/max = {_ms(min(times))}/{_ms(avg)}/{_ms(max(times))} ms"]
        return ProbeResult("\n".join(lines) + "\n", "", 0, trace)
    lines += ["", f"--- {target} ping statistics ---",
              f"{count} packets transmitted, 0 packets received, 100% packet loss"]
    return ProbeResult("\n".join(lines) + "\n", "", 1, trace)


def _pr_addr(w: _Where, ip: IPv4, numeric: bool) -> str:
    """iputils' ``pr_addr``: the address, or ``name (address)`` when a reverse lookup finds a
    name (never for a numeric target)."""
    if numeric:
        return str(ip)
    name = reverse_name(w.state, w.label, str(ip), rng=w.rng)
    return f"{name} ({ip})" if name and name != str(ip) else str(ip)


def _rtt_line(times: Sequence[int]) -> str:
    n = len(times)
    avg = sum(times) // n
    mdev = math.isqrt(max(0, sum(t * t for t in times) // n - (sum(times) // n) ** 2))
    return (f"rtt min/avg/max/mdev = {_ms(min(times))}/{_ms(avg)}/{_ms(max(times))}/"
            f"{_ms(mdev)} ms")


def _source_address(w: _Where, dst: IPv4) -> IPv4 | str:
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
# curl, wget, nc


def _split_url(url: str) -> tuple[str, int, str] | None:
    scheme = "http"
    rest = url
    if "://" in url:
        scheme, _, rest = url.partition("://")
    hostport = rest.split("/", 1)[0]
    if not hostport:
        return None
    host, sep, port = hostport.rpartition(":") if hostport.count(":") == 1 else (hostport, "",
                                                                                  "")
    if not sep:
        host = hostport
        port = "443" if scheme == "https" else "80"
    if not port.isdigit() or not 0 < int(port) < 65536:
        return None
    return host, int(port), scheme


def _connect(w: _Where, ip: IPv4 | ipaddress.IPv6Address, port: int) -> Trace:
    return reach(w.state, w.label, str(ip), port=port)


def _curl(w: _Where, args: list[str]) -> ProbeResult:
    if not w.tools.curl:
        return _missing(w, "curl")
    silent = show_error = False
    timeout: str | None = None
    url: str | None = None
    i = 0
    while i < len(args):
        a = args[i]
        if a in ("-m", "--max-time", "--connect-timeout", "-o", "--output", "-H", "--header",
                 "-X", "--request", "-d", "--data", "-u", "--user", "-A", "--user-agent",
                 "-w", "--write-out", "-e", "--referer", "--resolve", "-x", "--proxy"):
            if a in ("-m", "--max-time", "--connect-timeout") and i + 1 < len(args):
                timeout = args[i + 1]
            i += 2
            continue
        if a.startswith("-") and not a.startswith("--") and len(a) > 2:
            letters = a[1:]
            silent = silent or "s" in letters
            show_error = show_error or "S" in letters
        elif a in ("-s", "--silent"):
            silent = True
        elif a in ("-S", "--show-error"):
            show_error = True
        elif not a.startswith("-") and url is None:
            url = a
        i += 1
    if url is None:
        return ProbeResult("", "curl: try 'curl --help' or 'curl --manual' for more "
                               "information\n", 2)
    parts = _split_url(url)
    if parts is None:
        return ProbeResult("", "curl: (3) URL rejected: Bad hostname\n", 3)
    name, port, _scheme = parts
    err_on = not silent or show_error
    look = _resolve(w, name)
    if not look.ok:
        return ProbeResult("", f"curl: (6) Could not resolve host: {name}\n" if err_on else "",
                           6)
    ip = look.addresses[0]
    trace = _connect(w, ip, port)
    s = trace.symptom
    if s is Symptom.OK:
        return ProbeResult("", f"netsim: curl connected to {ip}:{port}; the HTTP exchange is "
                               "not simulated\n", 0, trace)
    where = f"Failed to connect to {name} port {port}"
    if s is Symptom.TIMEOUT:
        if timeout is not None:
            ms = int(float(timeout) * 1000) + 2 if _is_number(timeout) else 0
            line, code = f"curl: (28) Connection timed out after {ms} milliseconds", 28
        else:
            ms = 133000 + _jitter(w, "curl", name, port)
            line, code = f"curl: (28) {where} after {ms} ms: Could not connect to server", 28
    else:
        ms = {Symptom.REFUSED: 0, Symptom.NETWORK_UNREACHABLE: 0,
              Symptom.HOST_UNREACHABLE: 3060 + _jitter(w, "arp", name) % 40}.get(s, 0)
        line, code = f"curl: (7) {where} after {ms} ms: Could not connect to server", 7
    return ProbeResult("", line + "\n" if err_on else "", code, trace)


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


_MUSL_ERRNO = {
    Symptom.REFUSED: "Connection refused",
    Symptom.TIMEOUT: "Operation timed out",
    Symptom.HOST_UNREACHABLE: "Host is unreachable",
    Symptom.NETWORK_UNREACHABLE: "Network unreachable",
}
_GLIBC_ERRNO = {
    Symptom.REFUSED: "Connection refused",
    Symptom.TIMEOUT: "Connection timed out",
    Symptom.HOST_UNREACHABLE: "No route to host",
    Symptom.NETWORK_UNREACHABLE: "Network is unreachable",
}


def _wget(w: _Where, args: list[str]) -> ProbeResult:
    if not w.tools.wget:
        return _missing(w, "wget")
    quiet = any(a == "-q" or (a.startswith("-q") and not a.startswith("--")) for a in args)
    urls = [a for i, a in enumerate(args) if not a.startswith("-")
            and (i == 0 or args[i - 1] not in ("-O", "-T", "-U", "--header", "-P"))]
    if not urls:
        return ProbeResult("", "BusyBox v1.37.0 multi-call binary.\n\nUsage: wget [-cqS] "
                               "[--spider] [-O FILE] [-o LOGFILE] [--header STR]\n", 1)
    parts = _split_url(urls[0])
    if parts is None:
        return ProbeResult("", f"wget: bad address '{urls[0]}'\n", 1)
    name, port, _ = parts
    look = _resolve(w, name)
    if not look.ok:
        return ProbeResult("", f"wget: bad address '{name}'\n", 1)
    ip = look.addresses[0]
    trace = _connect(w, ip, port)
    shown = name if ":" not in urls[0].split("://")[-1].split("/")[0] else f"{name}:{port}"
    head = "" if quiet else f"Connecting to {shown} ({ip}:{port})\n"
    if trace.symptom is Symptom.OK:
        return ProbeResult("", head + f"netsim: wget connected to {ip}:{port}; the HTTP exchange "
                                      "is not simulated\n", 0, trace)
    return ProbeResult("", head + f"wget: can't connect to remote host ({ip}): "
                                  f"{_MUSL_ERRNO[trace.symptom]}\n", 1, trace)


def _nc(w: _Where, args: list[str]) -> ProbeResult:
    impl = w.tools.nc
    if impl is None:
        return _missing(w, "nc")
    verbose = 0
    zero = False
    timeout: str | None = None
    rest: list[str] = []
    i = 0
    while i < len(args):
        a = args[i]
        if a in ("-w", "-p", "-s", "-i", "-q"):
            if a == "-w" and i + 1 < len(args):
                timeout = args[i + 1]
            i += 2
            continue
        if a.startswith("-") and len(a) > 1:
            for ch in a[1:]:
                if ch == "v":
                    verbose += 1
                elif ch == "z":
                    zero = True
                elif ch == "w":
                    timeout = args[i + 1] if i + 1 < len(args) else None
                    i += 1
        else:
            rest.append(a)
        i += 1
    if not zero or len(rest) != 2 or not rest[1].isdigit():
        return ProbeResult("", "netsim: only 'nc -z [-v] [-w N] HOST PORT' is simulated\n",
                           NOT_SIMULATED)
    name, port = rest[0], int(rest[1])
    look = _resolve(w, name)
    if not look.ok:
        if impl == "busybox":
            return ProbeResult("", f"nc: bad address '{name}'\n", 1)
        return ProbeResult("", f'nc: getaddrinfo for host "{name}" port {port}: '
                               f"{_gai_error(look)}\n", 1)
    ip = look.addresses[0]
    trace = _connect(w, ip, port)
    s = trace.symptom
    shown = str(ip) if name == str(ip) else f"{name} ({ip})"
    if impl == "busybox":
        if s is Symptom.OK:
            return ProbeResult("", f"{name} ({ip}:{port}) open\n" if verbose else "", 0, trace)
        if verbose == 0 or (s is Symptom.REFUSED and verbose < 2):
            return ProbeResult("", "", 1, trace)
        text = _MUSL_ERRNO[s]
        tail = "sent 0, rcvd 0\n" if verbose >= 2 else ""
        return ProbeResult("", f"nc: {name} ({ip}:{port}): {text}\n{tail}", 1, trace)
    if s is Symptom.OK:
        service = {80: "http", 443: "https", 22: "ssh", 53: "domain"}.get(port, "*")
        return ProbeResult("", f"Connection to {shown} {port} port [tcp/{service}] succeeded!\n"
                           if verbose else "", 0, trace)
    if not verbose:
        return ProbeResult("", "", 1, trace)
    if s is Symptom.TIMEOUT and timeout is not None:
        return ProbeResult("", f"nc: connect to {shown} port {port} (tcp) timed out: Operation "
                               "now in progress\n", 1, trace)
    return ProbeResult("", f"nc: connect to {shown} port {port} (tcp) failed: "
                           f"{_GLIBC_ERRNO[s]}\n", 1, trace)


# --------------------------------------------------------------------------------------------
# Interfaces: ip addr/link/route, ifconfig, route, netstat -r, hostname
#
# Measured on the conformance lab (Docker 28.5, Linux 6.18; iproute2 6.15 in Debian 13 images,
# 7.3 on the lab's Debian sid hosts; BusyBox 1.38): tests/test_probes_interfaces.py pins the
# texts. The interface indexes, peers and netns ids are the engine's (netsim.engine ``_Netns``).


@dataclass
class _Link:
    index: int
    name: str  # eth0, docker0, vethabc1234
    peer: int | None  # IFLA_LINK: the N of @ifN (a veth's peer, a macvlan's or VLAN's parent)
    mac: str
    mtu: int
    addr: ipaddress.IPv4Interface | None
    kind: Literal["lo", "ether"]
    master: str | None = None
    up: bool = True  # carrier (a bridge with no port is NO-CARRIER, DOWN)
    #: IFLA_LINK_NETNSID: the peer is in the namespace with this id
    netns_id: int | None = None
    qlen: int = 0  # txqueuelen: 1000 for lo and a NIC; Docker makes its veths with 0
    qdisc: str = "noqueue"
    #: an IPv6 link-local address (EUI-64 of the MAC): a host's interfaces once they have had
    #: carrier; containers have IPv6 off (Docker sets disable_ipv6 unless the network has it)
    link_local: bool = False
    tx_dropped: int = 0


def _lo() -> _Link:
    return _Link(1, "lo", None, "00:00:00:00:00:00", 65536,
                 ipaddress.IPv4Interface("127.0.0.1/8"), "lo", qlen=1000)


def _eui64_link_local(mac: str) -> str:
    """The kernel's link-local address for a MAC (addrconf EUI-64: U/L bit flipped, ff:fe)."""
    b = bytes.fromhex(mac.replace(":", ""))
    return str(ipaddress.IPv6Address(b"\xfe\x80" + bytes(6) + bytes([b[0] ^ 2]) + b[1:3]
                                     + b"\xff\xfe" + b[3:]))


def _endpoint_mtu(state: State, host: str, ep: EndpointState) -> int:
    """An endpoint's MTU: an overlay's is 1450 (VXLAN's 50 bytes off the NIC's 1500); a
    bridge network may set its own (``com.docker.network.driver.mtu``)."""
    net = state.hosts[host].networks.get(ep.network)
    if net is None:
        return 1500
    if net.driver == "overlay":
        return 1450
    mtu = net.options.get("com.docker.network.driver.mtu", "")
    return int(mtu) if mtu.isdigit() and int(mtu) > 0 else 1500


def _host_links(state: State, host: str) -> list[_Link]:
    """A Docker host's interfaces, by ifindex: lo, its NIC, the bridges and the VLAN links
    Docker created, the host ends of its containers' veths."""
    hs = state.hosts[host]
    h = hs.host
    from netsim import ids

    links = [_lo()]
    nic_mac = ids.mac_address(state.seed, "host-nic", host)
    lan = state.lan.subnet
    nic_addr = (ipaddress.IPv4Interface(f"{h.address}/{lan.prefixlen}") if h.address
                else None)
    if h.nic == "veth":
        links.append(_Link(2, h.interface, h.nic_peer, nic_mac, 1500, nic_addr, "ether",
                           netns_id=0, qlen=1000, link_local=True))
    else:
        links.append(_Link(2, h.interface, None, nic_mac, 1500, nic_addr, "ether", qlen=1000,
                           qdisc="fq_codel", link_local=True))
    veths: list[_Link] = []
    ports: dict[str, int] = {}
    fallback = 0
    for c in hs.containers.values():
        if not c.running:
            continue
        fallback += 1
        for ep in c.active_endpoints():
            if ep.host_veth is None:
                continue
            bridge = hs.networks.get(ep.network)
            master = bridge.interface if bridge is not None else None
            ports[master or ""] = ports.get(master or "", 0) + 1
            peer = ep.ifindex if ep.ifindex is not None else _container_ifindex(ep)
            index = ep.link_ifindex if ep.link_ifindex is not None else 1000 + len(veths)
            veths.append(_Link(index, ep.host_veth, peer,
                               ids.mac_address(state.seed, "veth", ep.endpoint_id),
                               _endpoint_mtu(state, host, ep), None, "ether", master=master,
                               netns_id=ep.host_netnsid if ep.host_netnsid is not None
                               else fallback - 1, link_local=True))
    for hl in hs.links:
        ports[hl.master] = ports.get(hl.master, 0) + 1
        veths.append(_Link(hl.ifindex, hl.name, hl.link_ifindex, hl.mac, 1500, None, "ether",
                           master=hl.master, netns_id=hl.link_netnsid, link_local=True))
    seen: set[int] = set()
    for net in hs.networks.values():
        if net.ifindex is None or net.ifindex in seen or net.host != host:
            continue
        if net.driver == "bridge" and net.interface:
            seen.add(net.ifindex)
            sub = net.ipv4_subnet
            addr = (ipaddress.IPv4Interface(f"{sub.gateway}/{sub.subnet.prefixlen}")
                    if sub is not None and isinstance(sub.gateway, IPv4) else None)
            links.append(_Link(net.ifindex, net.interface,
                               None, ids.mac_address(state.seed, "bridge", net.id), 1500, addr,
                               "ether", up=ports.get(net.interface, 0) > 0,
                               link_local=net.link_local,
                               # the daemon's first bridge drops the IPv6 packets sent while it
                               # has no carrier (measured: TX dropped 2 on every lab host)
                               tx_dropped=2 if net.name == "bridge" else 0))
        elif net.driver in ("macvlan", "ipvlan") and "." in (net.interface or ""):
            seen.add(net.ifindex)
            links.append(_Link(net.ifindex, net.interface or "", 2, nic_mac, 1500, None,
                               "ether", link_local=True))
    return sorted(links + veths, key=lambda link: link.index)


def _container_ifindex(ep: EndpointState) -> int:
    """An interface's index when the State carries none (eth0 2, eth1 3, …)."""
    return 2 + int((ep.ifname or "eth0").removeprefix("eth") or 0)


def _container_links(state: State, host: str, c: ContainerState) -> list[_Link]:
    owner = sandbox_owner(state, host, c)
    links = [_lo()]
    if owner is None:
        return links
    host_index: dict[str, int] | None = None
    for ep in owner.active_endpoints():
        if ep.ifname is None:
            continue
        peer = ep.link_ifindex
        if peer is None:  # a State without the kernel's numbers: the host's view decides
            if host_index is None:
                host_index = {link.name: link.index for link in _host_links(state, host)}
            peer = host_index.get(ep.host_veth or "", 2)
        links.append(_Link(ep.ifindex if ep.ifindex is not None else _container_ifindex(ep),
                           ep.ifname, peer, ep.mac or "", _endpoint_mtu(state, host, ep),
                           ep.ipv4, "ether",
                           netns_id=ep.link_netnsid if ep.link_netnsid is not None else 0))
    return sorted(links, key=lambda link: link.index)


def _links_of(w: _Where) -> list[_Link] | None:
    if w.host is None:
        return None
    if w.container is None or _in_host_ns(w):
        return _host_links(w.state, w.host)
    return _container_links(w.state, w.host, w.container)


def _in_host_ns(w: _Where) -> bool:
    from netsim.reach import topology_index

    return w.container is not None and w.host is not None and (
        (w.host, w.container.name) in topology_index(w.state).host_members)


def _link_header(link: _Link, links: Sequence[_Link], w: _Where, family: str | None,
                 show: Literal["addr", "link"]) -> str:
    """The first line of an interface in ``ip addr``/``ip link`` (iproute2 print_linkinfo,
    busybox ipaddress.c)."""
    impl = w.tools.ip
    peer = ""
    mdown = False
    if link.peer is not None:
        if impl == "iproute2" and link.netns_id is not None and family != "inet6":
            peer = f"@if{link.peer}"
        else:
            # the index is looked up in this namespace (an AF_INET6 dump carries no netns id):
            # busybox shows whatever has that index here, and M-DOWN when nothing has it
            there = next((x for x in links if x.index == link.peer), None)
            peer = f"@{there.name}" if there is not None else f"@if{link.peer}"
            mdown = there is None and impl == "busybox"
    if link.kind == "lo":
        flags, state = "LOOPBACK,UP,LOWER_UP", "UNKNOWN"
    elif link.up:
        flags, state = "BROADCAST,MULTICAST,UP,LOWER_UP", "UP"
    else:
        flags, state = "NO-CARRIER,BROADCAST,MULTICAST,UP", "DOWN"
    if mdown:
        flags += ",M-DOWN"
    head = f"{link.index}: {link.name}{peer}: <{flags}> mtu {link.mtu} "
    zero_qlen = impl == "iproute2" and w.tools.ip_zero_qlen
    if family == "inet6":
        # an AF_INET6 link dump (inet6_fill_ifinfo) has no qdisc, master, group or txqlen:
        # iproute2 6.15 and busybox ask the txqlen by ioctl, 7.3 no longer does
        qlen = f"qlen {link.qlen}" if link.qlen and not zero_qlen else ""
        return head + f"state {state} " + qlen
    head += f"qdisc {link.qdisc} " + (f"master {link.master} " if link.master else "")
    head += f"state {state} "
    if impl != "iproute2":
        return head + (f"qlen {link.qlen}" if link.qlen else "")
    head += ("mode DEFAULT " if show == "link" else "") + "group default "
    # iproute2 7.3 prints the kernel's txqlen even when 0; 6.15 only when not 0
    head += f"qlen {link.qlen}" if link.qlen or zero_qlen else ""
    if family == "inet" and link.netns_id is not None:
        head += f" link-netnsid {link.netns_id}"
    return head


def _ip_show(links: Sequence[_Link], w: _Where, family: str | None,
             show: Literal["addr", "link"], only: str | None) -> ProbeResult:
    impl = w.tools.ip
    if only is not None and all(link.name != only for link in links):
        if impl == "iproute2":
            return ProbeResult("", f'Device "{only}" does not exist.\n', 1)
        return ProbeResult("", f"ip: can't find device '{only}'\n", 2 if show == "link" else 1)
    out: list[str] = []
    for link in links:
        if only is not None and link.name != only:
            continue
        v4 = link.addr is not None and show == "addr" and family != "inet6"
        v6 = (link.kind == "lo" or link.link_local) and show == "addr" and family != "inet"
        if (family == "inet" and not v4) or (family == "inet6" and not v6):
            continue
        out.append(_link_header(link, links, w, family, show))
        if family is None:
            if link.kind == "lo":
                out.append("    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00")
            else:
                nsid = (f" link-netnsid {link.netns_id}"
                        if impl == "iproute2" and link.netns_id is not None else "")
                out.append(f"    link/ether {link.mac} brd ff:ff:ff:ff:ff:ff{nsid}")
        if v4 and link.addr is not None:
            if link.kind == "lo":
                out.append("    inet 127.0.0.1/8 scope host lo")
            else:
                out.append(f"    inet {link.addr.with_prefixlen} brd "
                           f"{link.addr.network.broadcast_address} scope global {link.name}")
            out.append("       valid_lft forever preferred_lft forever")
        if v6:
            # Linux 6.x tags the kernel's own addresses (IFA_PROTO); busybox does not print it
            if link.kind == "lo":
                proto = "proto kernel_lo " if impl == "iproute2" else ""
                out.append("    inet6 ::1/128 scope host " + proto)
            else:
                proto = "proto kernel_ll " if impl == "iproute2" else ""
                out.append(f"    inet6 {_eui64_link_local(link.mac)}/64 scope link " + proto)
            out.append("       valid_lft forever preferred_lft forever")
    return ProbeResult("".join(line + "\n" for line in out), "", 0)


def _routes(w: _Where) -> list[tuple[str, str, str, IPv4 | None]]:
    """(destination, via, dev, src) in the order ip route prints them."""
    if w.host is None:
        return []
    from netsim.reach import topology_index

    ix = topology_index(w.state)
    routes: list[tuple[str, str, str, IPv4 | None]] = []
    if w.container is None or _in_host_ns(w):
        hs = w.state.hosts[w.host]
        routes.append(("default", str(w.state.lan.gateway), hs.host.interface, None))
        for link in _host_links(w.state, w.host):
            if link.addr is not None and link.kind == "ether":
                routes.append((str(link.addr.network), "", link.name, link.addr.ip))
        return routes[:1] + sorted(routes[1:], key=lambda r: ipaddress.IPv4Network(r[0]))
    sb = ix.sandbox_of.get((w.host, w.container.name))
    if sb is None:
        return []
    if sb.default is not None:
        gw = sb.default.ep.gateway
        routes.append(("default", str(gw) if gw else "", sb.default.ep.ifname or "eth0", None))
    for i in sorted(sb.ifaces, key=lambda i: i.subnet):
        routes.append((str(i.subnet), "", i.ep.ifname or "eth0", i.ip))
    return routes


def _ip_route(w: _Where, impl: str) -> ProbeResult:
    down = {link.name for link in _links_of(w) or () if not link.up}
    lines = []
    for dst, via, dev, src in _routes(w):
        if dst == "default":
            lines.append(f"default via {via} dev {dev} " if via else f"default dev {dev} ")
        elif impl == "iproute2":
            # a route through an interface without carrier is flagged (RTNH_F_LINKDOWN)
            lines.append(f"{dst} dev {dev} proto kernel scope link src {src} "
                         + ("linkdown " if dev in down else ""))
        else:
            lines.append(f"{dst} dev {dev} scope link  src {src} ")
    return ProbeResult("".join(line + "\n" for line in lines), "", 0)


def _ip(w: _Where, args: list[str]) -> ProbeResult:
    impl = w.tools.ip
    if impl is None:
        return _missing(w, "ip")
    family: str | None = None
    words: list[str] = []
    if impl == "iproute2" and args and args[0] in ("-V", "-Version"):
        version = ("iproute2-7.3.0, libbpf 1.7.0" if w.tools.ip_zero_qlen
                   else "iproute2-6.15.0, libbpf 1.5.0")
        return ProbeResult(f"ip utility, {version}\n", "", 0)
    for a in args:
        if a == "-4":
            family = "inet"
        elif a == "-6":
            family = "inet6"
        elif a.startswith("-"):
            return ProbeResult("", f"netsim: 'ip {' '.join(args)}': option {a} is not "
                                   "simulated (-4 and -6 are)\n", NOT_SIMULATED)
        else:
            words.append(a)
    obj, rest = (words[0], words[1:]) if words else ("", [])
    show: Literal["addr", "link"] | None = None
    if obj and "address".startswith(obj):
        show = "addr"
    elif obj and "link".startswith(obj):
        show = "link"
    elif obj and "route".startswith(obj):
        if rest and not any(v.startswith(rest[0]) for v in ("show", "list")):
            return ProbeResult("", f"netsim: 'ip {' '.join(args)}' is not simulated (ip route "
                                   "[show] is)\n", NOT_SIMULATED)
        if _links_of(w) is None:
            return ProbeResult("", "netsim: 'ip' at @lan or @internet is not simulated\n",
                               NOT_SIMULATED)
        return _ip_route(w, impl)
    if show is None:
        return ProbeResult("", f"netsim: 'ip {' '.join(args)}' is not simulated (ip addr, ip "
                               "link and ip route are)\n", NOT_SIMULATED)
    if rest and any(v.startswith(rest[0]) for v in ("show", "list", "lst")):
        rest = rest[1:]
    if rest and rest[0] == "dev":
        rest = rest[1:]
    if len(rest) > 1:
        return ProbeResult("", f"netsim: 'ip {' '.join(args)}' is not simulated (ip addr|link "
                               "[show [dev] DEV] is)\n", NOT_SIMULATED)
    links = _links_of(w)
    if links is None:
        return ProbeResult("", "netsim: 'ip' at @lan or @internet is not simulated\n",
                           NOT_SIMULATED)
    return _ip_show(links, w, family, show, rest[0] if rest else None)


def _natural(name: str) -> list[int | str]:
    """net-tools and busybox list interfaces in this order (nstrcmp: eth2 before eth10)."""
    return [int(p) if p.isdigit() else p for p in _DIGITS.split(name)]


_DIGITS = re.compile(r"(\d+)")


def _ifconfig(w: _Where, args: list[str]) -> ProbeResult:
    impl = w.tools.ifconfig
    if impl is None:
        return _missing(w, "ifconfig")
    links = _links_of(w)
    if links is None:
        return ProbeResult("", "netsim: 'ifconfig' at @lan or @internet is not simulated\n",
                           NOT_SIMULATED)
    names = [a for a in args if not a.startswith("-")]
    if len(names) > 1 or any(a not in ("-a",) for a in args if a.startswith("-")):
        return ProbeResult("", f"netsim: 'ifconfig {' '.join(args)}' is not simulated "
                               "(ifconfig [-a] [IFACE] is)\n", NOT_SIMULATED)
    only = names[0] if names else None
    # without -a, the interfaces that are up (IFF_UP): all of these, with carrier or not
    chosen = sorted((link for link in links if only is None or link.name == only),
                    key=lambda link: _natural(link.name))
    if only is not None and not chosen:
        prefix = "ifconfig: " if impl == "busybox" else ""
        return ProbeResult("", f"{prefix}{only}: error fetching interface information: "
                               "Device not found\n", 1)
    out: list[str] = []
    for link in chosen:
        out += _ifconfig_block(link, impl)
    return ProbeResult("".join(line + "\n" for line in out), "", 0)


def _ifconfig_block(link: _Link, impl: str) -> list[str]:
    addr = link.addr
    ll = _eui64_link_local(link.mac) if link.link_local and link.kind != "lo" else None
    if impl in ("busybox", "net-tools-1.60"):
        # busybox copies net-tools 1.60's layout; 1.60 prints the MAC in lower case
        if link.kind == "lo":
            lines = ["lo        Link encap:Local Loopback  ",
                     "          inet addr:127.0.0.1  Mask:255.0.0.0",
                     "          inet6 addr: ::1/128 Scope:Host",
                     "          UP LOOPBACK RUNNING  MTU:65536  Metric:1"]
        else:
            mac = link.mac.upper() if impl == "busybox" else link.mac
            lines = [f"{link.name:<9} Link encap:Ethernet  HWaddr {mac}  "]
            if addr is not None:
                lines.append(f"          inet addr:{addr.ip}  Bcast:"
                             f"{addr.network.broadcast_address}  Mask:{addr.netmask}")
            if ll is not None:
                lines.append(f"          inet6 addr: {ll}/64 Scope:Link")
            running = "RUNNING " if link.up else ""
            lines.append(f"          UP BROADCAST {running}MULTICAST  MTU:{link.mtu}  Metric:1")
        return [*lines,
                "          RX packets:0 errors:0 dropped:0 overruns:0 frame:0",
                f"          TX packets:0 errors:0 dropped:{link.tx_dropped} overruns:0 "
                "carrier:0",
                f"          collisions:0 txqueuelen:{link.qlen} ",
                "          RX bytes:0 (0.0 B)  TX bytes:0 (0.0 B)", ""]
    if link.kind == "lo":
        lines = ["lo: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536",
                 "        inet 127.0.0.1  netmask 255.0.0.0",
                 "        inet6 ::1  prefixlen 128  scopeid 0x10<host>",
                 "        loop  txqueuelen 1000  (Local Loopback)"]
    else:
        flags = "4163<UP,BROADCAST,RUNNING,MULTICAST>" if link.up else \
            "4099<UP,BROADCAST,MULTICAST>"
        lines = [f"{link.name}: flags={flags}  mtu {link.mtu}"]
        if addr is not None:
            lines.append(f"        inet {addr.ip}  netmask {addr.netmask}  broadcast "
                         f"{addr.network.broadcast_address}")
        if ll is not None:
            lines.append(f"        inet6 {ll}  prefixlen 64  scopeid 0x20<link>")
        lines.append(f"        ether {link.mac}  txqueuelen {link.qlen}  (Ethernet)")
    return [*lines,
            "        RX packets 0  bytes 0 (0.0 B)",
            "        RX errors 0  dropped 0  overruns 0  frame 0",
            "        TX packets 0  bytes 0 (0.0 B)",
            f"        TX errors 0  dropped {link.tx_dropped} overruns 0  carrier 0  "
            "collisions 0", ""]


def _route_table(w: _Where, impl: str, *, numeric: bool, netstat: bool) -> ProbeResult:
    """``route [-n]`` and ``netstat -r[n]`` (net-tools lib/inet_gr.c; busybox route.c, which
    prints ``*`` for no gateway when not numeric)."""
    if netstat:
        out = ["Kernel IP routing table",
               "Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface"]
    else:
        out = ["Kernel IP routing table",
               "Destination     Gateway         Genmask         Flags Metric Ref    Use Iface"]
    for dst, via, dev, _src in _routes(w):
        if dst == "default":
            net, mask = "0.0.0.0", "0.0.0.0"
        else:
            n = ipaddress.IPv4Network(dst)
            net, mask = str(n.network_address), str(n.netmask)
        gw = via or "0.0.0.0"
        if not numeric:
            net = "default" if net == "0.0.0.0" else net
            gw = "*" if gw == "0.0.0.0" and impl == "busybox" else gw
        flags = "UG" if via else "U"
        if netstat:
            out.append(f"{net:<15} {gw:<15} {mask:<15} {flags:<5} {0:>5} {0:<6} {0:>5} {dev}")
        else:
            out.append(f"{net:<15} {gw:<15} {mask:<15} {flags:<5} {0:<6} {0:<2} {0:>7} {dev}")
    return ProbeResult("".join(line + "\n" for line in out), "", 0)


def _route(w: _Where, args: list[str]) -> ProbeResult:
    impl = w.tools.route
    if impl is None:
        return _missing(w, "route")
    if any(a != "-n" for a in args):
        return ProbeResult("", f"netsim: 'route {' '.join(args)}' is not simulated (route [-n] "
                               "is)\n", NOT_SIMULATED)
    if w.host is None:
        return ProbeResult("", "netsim: 'route' at @lan or @internet is not simulated\n",
                           NOT_SIMULATED)
    return _route_table(w, impl, numeric="-n" in args, netstat=False)


def _netstat(w: _Where, args: list[str]) -> ProbeResult:
    impl = w.tools.netstat
    if impl is None:
        return _missing(w, "netstat")
    letters = "".join(a[1:] for a in args if a.startswith("-") and not a.startswith("--"))
    if "r" not in letters or set(letters) - {"r", "n"} or any(
            not a.startswith("-") or a.startswith("--") for a in args):
        return ProbeResult("", f"netsim: 'netstat {' '.join(args)}' is not simulated (netstat "
                               "-r[n] is)\n", NOT_SIMULATED)
    if w.host is None:
        return ProbeResult("", "netsim: 'netstat' at @lan or @internet is not simulated\n",
                           NOT_SIMULATED)
    return _route_table(w, impl, numeric="n" in letters, netstat=True)


def _hostname(w: _Where, args: list[str]) -> ProbeResult:
    impl = w.tools.hostname
    if impl is None:
        return _missing(w, "hostname")
    if w.host is None:
        return ProbeResult("", "netsim: 'hostname' at @lan or @internet is not simulated\n",
                           NOT_SIMULATED)
    hs = w.state.hosts[w.host]
    if w.container is None:
        name = hs.host.effective_hostname
        entries = host_hosts(w.state, w.host)
    else:
        name = w.container.hostname
        entries = etc_hosts(w.state, w.host, w.container)
    if not args:
        return ProbeResult(name + "\n", "", 0)
    if args == ["-i"]:
        # the addresses of the host name: /etc/hosts (a host's own says 127.0.1.1), else DNS
        addrs = [str(e.address) for e in entries if name in e.names
                 and (e.address.version == 4 or impl == "debian")]
        if not addrs:
            look = _resolve(w, name)
            if not look.ok:
                if impl == "busybox":
                    why = "Try again" if look.failure == "temporary" else "Unknown host"
                    return ProbeResult("", f"hostname: {name}: {why}\n", 1)
                return ProbeResult("", f"hostname: {_gai_error(look)}\n", 1)
            addrs = [str(a) for a in look.addresses]
        return ProbeResult(" ".join(addrs) + "\n", "", 0)
    if args == ["-I"] and impl == "debian":
        # every address of every interface that is up, lo excepted (carrier or not)
        links = _links_of(w) or []
        ips = [str(link.addr.ip) for link in links if link.addr is not None
               and link.kind != "lo"]
        return ProbeResult("".join(ip + " " for ip in ips) + "\n", "", 0)
    if impl == "busybox":
        return ProbeResult("", f"hostname: unrecognized option: {args[0].lstrip('-')[:1]}\n"
                               "BusyBox v1.37.0 multi-call binary.\n\nUsage: hostname [-sidf] "
                               "[HOSTNAME | -F FILE]\n\nShow or set hostname or DNS domain name"
                               "\n\n\t-s\tShort\n\t-i\tAddresses for the hostname\n\t-d\t"
                               "DNS domain name\n\t-f\tFully qualified domain name\n\t-F FILE"
                               "\tUse FILE's content as hostname\n", 1)
    return ProbeResult("", f"netsim: 'hostname {' '.join(args)}' is not simulated\n",
                       NOT_SIMULATED)


# --------------------------------------------------------------------------------------------
# DNS tools: dig, nslookup, host, getent (docs/reference/dns-tools.md)

def _wire_len(name: str) -> int:
    """A domain name's length on the wire (labels with length bytes, the root's zero)."""
    bare = name.removesuffix(".")
    return len(bare) + 2 if bare else 1


def _msg_size(answer: DnsAnswer) -> int:
    """The reply's size: Docker's own replies are not compressed; forwarded replies are
    (re-encoded with compression: every owner is a 2-byte pointer) (dns-tools.md §1)."""
    w = _wire_len(answer.name)
    size = 12 + w + 4
    for r in answer.records:
        rdlen = {"A": 4, "AAAA": 16}.get(r.rtype, 0) or _wire_len(r.data)
        owner = 2 if answer.answered_by == "upstream" else w
        size += owner + 10 + rdlen
    return size


def _dig_pad(column: int, stop: int) -> tuple[str, int]:
    """BIND's column padding: tabs to the stop (tab width 8), or one space when past it."""
    if column < stop:
        return "\t" * (stop // 8 - column // 8), stop
    return " ", column + 1


def _dig_rr(r: Record) -> str:
    text, col = r.name, len(r.name)
    for stop, field_ in ((24, str(r.ttl)), (32, "IN"), (40, r.rtype), (48, r.data)):
        pad, col = _dig_pad(col, stop)
        text += pad + field_
        col += len(field_)
    return text


def _dig_question(name: str, qtype: str) -> str:
    text, col = ";" + name, len(name)
    for stop, field_ in ((32, "IN"), (40, qtype)):
        pad, col = _dig_pad(col, stop)
        text += pad + field_
        col += len(field_)
    return text


def _bind_version(version: str) -> tuple[int, int, int]:
    parts = [*(int(p) for p in version.split("-")[0].split(".")[:3] if p.isdigit()), 0, 0, 0]
    return parts[0], parts[1], parts[2]


def _when(w: _Where) -> str:
    t = EPOCH + dt.timedelta(seconds=w.state.clock)
    return t.strftime("%a %b %d %H:%M:%S UTC %Y")


def _query_ms(w: _Where, answer: DnsAnswer) -> int:
    if answer.answered_by == "upstream":
        return 11 + _jitter(w, "dns", answer.name) % 9
    if answer.rule == "dns.unreachable" and w.container is not None and w.host is not None:
        # resolver.go: 4 s per upstream server that does not answer
        tried = len(resolv_conf(w.state, w.host, w.container).ext_servers)
        return 4000 * max(1, tried) + _jitter(w, "dns", answer.name) % 3
    return 0


def _dns_query(w: _Where, name: str, qtype: QType, server: str | None) -> DnsAnswer:
    return query(w.state, w.label, name, qtype, rng=w.rng, server=server)


def _dig(w: _Where, args: list[str]) -> ProbeResult:
    version = w.tools.bind
    if version is None:
        return _missing(w, "dig")
    server: str | None = None
    name: str | None = None
    qtype: QType = "A"
    short = False
    i = 0
    while i < len(args):
        a = args[i]
        if a.startswith("@"):
            server = a[1:]
        elif a == "-x" and i + 1 < len(args):
            name, qtype = args[i + 1], "PTR"
            i += 1
        elif a == "-t" and i + 1 < len(args):
            t = args[i + 1].upper()
            if t not in ("A", "AAAA", "PTR"):
                return _not_simulated(f"dig -t {args[i + 1]}", "only A, AAAA and PTR queries")
            qtype = t  # type: ignore[assignment]
            i += 1
        elif a in ("+short",):
            short = True
        elif a in ("+search", "+nosearch", "+nocmd", "+cmd", "-4"):
            pass
        elif a.startswith(("+", "-")):
            return _not_simulated(f"dig {a}", "dig NAME [A|AAAA] [@SERVER] [+short], dig -x ADDR")
        elif a.upper() in ("A", "AAAA", "PTR") and name is not None:
            qtype = a.upper()  # type: ignore[assignment]
        elif a.upper() in ("MX", "TXT", "NS", "SOA", "CNAME", "SRV", "ANY", "HTTPS", "CAA"):
            return _not_simulated(f"dig {a}", "only A, AAAA and PTR queries")
        elif name is None:
            name = a
        else:
            return _not_simulated(f"dig {' '.join(args)}", "one name per dig")
        i += 1
    if name is None:
        return _not_simulated("dig without a name (the root's NS records)", "dig NAME")
    if server is not None and not _is_address(server):
        return _not_simulated(f"dig @{server}", "a server given by its address")
    answer = _dns_query(w, name, qtype, server)
    target = answer.server
    modern = _bind_version(version) >= (9, 17, 0)
    greeting = ["", f"; <<>> DiG {version} <<>> {' '.join(args)}", ";; global options: +cmd"]
    if answer.rcode is None:  # no reply: dighost.c recv_done / 9.9's connection timed out
        refused = target == EMBEDDED_DNS
        why = "connection refused" if refused else "timed out"
        if short:
            lines = [f";; communications error to {target}#53: {why}"] * 3
            return ProbeResult("\n".join([*lines, ";; no servers could be reached"]) + "\n", "",
                               9)
        if modern:
            lines = [f";; communications error to {target}#53: {why}"] * 3
            return ProbeResult("\n".join([*lines, *greeting, ";; no servers could be reached"])
                               + "\n", "", 9)
        return ProbeResult("\n".join([*greeting, ";; connection timed out; no servers could be "
                                                 "reached"]) + "\n", "", 9)
    if short:
        return ProbeResult("".join(r.data + "\n" for r in answer.records), "", 0)
    qname = answer.name if answer.name.endswith(".") else answer.name + "."
    flags = "qr rd ra" if answer.recursion_available else "qr rd"
    n = len(answer.records)
    lines = [*greeting, ";; Got answer:",
             f";; ->>HEADER<<- opcode: QUERY, status: {answer.rcode.value}, "
             f"id: {w.rng.getrandbits(16)}",
             f";; flags: {flags}; QUERY: 1, ANSWER: {n}, AUTHORITY: 0, ADDITIONAL: 0"]
    if not answer.recursion_available:
        lines.append(";; WARNING: recursion requested but not available")
    lines += ["", ";; QUESTION SECTION:", _dig_question(qname, qtype), ""]
    if answer.records:
        lines += [";; ANSWER SECTION:", *(_dig_rr(r) for r in answer.records), ""]
    lines += [f";; Query time: {_query_ms(w, answer)} msec",
              f";; SERVER: {target}#53({target})" + (" (UDP)" if modern else ""),
              f";; WHEN: {_when(w)}", f";; MSG SIZE  rcvd: {_msg_size(answer)}", ""]
    return ProbeResult("\n".join(lines) + "\n", "", 0)


def _is_address(text: str) -> bool:
    try:
        ipaddress.ip_address(text)
    except ValueError:
        return False
    return True


def _not_simulated(what: str, accepted: str) -> ProbeResult:
    return ProbeResult("", f"netsim: {what} is not simulated (simulated: {accepted})\n",
                       NOT_SIMULATED)


def _nslookup(w: _Where, args: list[str]) -> ProbeResult:
    impl = w.tools.nslookup
    if impl is None:
        return _missing(w, "nslookup")
    words = [a for a in args if not a.startswith("-")]
    if len(words) not in (1, 2) or len(words) != len(args):
        return _not_simulated(f"nslookup {' '.join(args)}", "nslookup NAME [SERVER]")
    name = words[0]
    server = words[1] if len(words) == 2 else None
    if server is not None and not _is_address(server):
        return _not_simulated(f"nslookup {name} {server}", "a server given by its address")
    is_ptr = _is_address(name)
    if impl == "busybox":
        return _busybox_nslookup(w, name, server, is_ptr)
    first = _dns_query(w, name, "PTR" if is_ptr else "A", server)
    target = first.server
    head = [f"Server:\t\t{target}", f"Address:\t{target}#53", ""]
    if first.rcode is None:
        lines = [f";; communications error to {target}#53: timed out"] * 3
        return ProbeResult("\n".join([*lines, ";; no servers could be reached", ""]) + "\n",
                           "", 1)
    if is_ptr:
        if first.rcode is not Rcode.NOERROR:
            return ProbeResult("\n".join([*head, f"** server can't find {first.name}: "
                                                  f"{first.rcode.value}", ""]) + "\n", "", 1)
        lines = [f"{r.name.removesuffix('.')}\tname = {r.data}" for r in first.records]
        return ProbeResult("\n".join([*lines, "", "Authoritative answers can be found from:",
                                       ""]) + "\n", "", 0)
    if first.rcode is not Rcode.NOERROR:
        pre = [f";; Got SERVFAIL reply from {target}"] if first.rcode is Rcode.SERVFAIL else []
        return ProbeResult("\n".join([*pre, *head, f"** server can't find {name}: "
                                                    f"{first.rcode.value}", ""]) + "\n", "", 1)
    second = _dns_query(w, name, "AAAA", server)
    records = [*first.records, *(second.records if second.rcode is Rcode.NOERROR else ())]
    lines = [*head, "Non-authoritative answer:"]
    if not records:
        lines += [f"*** Can't find {name}: No answer"]
    for r in records:
        lines += [f"Name:\t{r.name.removesuffix('.')}", f"Address: {r.data}"]
    return ProbeResult("\n".join([*lines, ""]) + "\n", "", 0)


def _busybox_nslookup(w: _Where, name: str, server: str | None, is_ptr: bool) -> ProbeResult:
    """busybox 1.37 (FEATURE_NSLOOKUP_BIG): A and AAAA together, each reply printed."""
    rc = resolv_conf(w.state, w.host, w.container) if w.container is not None and \
        w.host is not None else None
    names = [name]
    if rc is not None and rc.search and "." not in name and not is_ptr:
        # nslookup.c add_query_with_search: only NAME.DOMAIN for each search domain
        names = [f"{name}.{d}" for d in rc.search]
    queries: list[tuple[str, QType]] = (
        [(name, "PTR")] if is_ptr else [(n, t) for n in names for t in ("A", "AAAA")])
    answers = [_dns_query(w, n, t, server) for n, t in queries]
    target = answers[0].server
    if all(a.rcode is None for a in answers):
        return ProbeResult(";; connection timed out; no servers could be reached\n\n", "", 1)
    lines = [f"Server:\t\t{target}", f"Address:\t{target}:53", ""]
    code = 0
    for (qname, _t), a in zip(queries, answers, strict=True):
        if a.rcode is None:
            continue
        if a.rcode is not Rcode.NOERROR:
            lines += [f"** server can't find {qname}: {a.rcode.value}", ""]
            code = 1
            continue
        lines.append("Non-authoritative answer:")
        for r in a.records:
            if r.rtype == "PTR":
                lines.append(f"{r.name.removesuffix('.')}\tname = {r.data.removesuffix('.')}")
            else:
                lines += [f"Name:\t{r.name.removesuffix('.')}", f"Address: {r.data}"]
        lines.append("")
    return ProbeResult("\n".join(lines) + "\n", "", code)


def _host(w: _Where, args: list[str]) -> ProbeResult:
    version = w.tools.bind
    if version is None:
        return _missing(w, "host")
    qtype: QType | None = None
    words: list[str] = []
    i = 0
    while i < len(args):
        if args[i] == "-t" and i + 1 < len(args):
            t = args[i + 1].upper()
            if t not in ("A", "AAAA", "PTR"):
                return _not_simulated(f"host -t {args[i + 1]}", "host [-t A|AAAA] NAME")
            qtype = t  # type: ignore[assignment]
            i += 2
            continue
        if args[i].startswith("-"):
            return _not_simulated(f"host {args[i]}", "host [-t A|AAAA] NAME [SERVER]")
        words.append(args[i])
        i += 1
    if len(words) not in (1, 2):
        return _not_simulated(f"host {' '.join(args)}", "host [-t A|AAAA] NAME [SERVER]")
    name, server = words[0], (words[1] if len(words) == 2 else None)
    if server is not None and not _is_address(server):
        return _not_simulated(f"host {name} {server}", "a server given by its address")
    if _is_address(name):
        qtype = "PTR"
    first = _dns_query(w, name, qtype or "A", server)
    if first.rcode is None:
        lines = [f";; communications error to {first.server}#53: timed out"] * 2
        return ProbeResult("\n".join([*lines, ";; no servers could be reached"]) + "\n", "", 1)
    if first.rcode is not Rcode.NOERROR:
        return ProbeResult(f"Host {name} not found: {first.rcode.number}({first.rcode.value})\n",
                           "", 1)
    out = [_host_line(r) for r in first.records]
    if qtype is not None and not first.records:
        out.append(f"{name} has no {qtype} record")
    if qtype is None:
        second = _dns_query(w, name, "AAAA", server)
        if second.rcode is Rcode.NOERROR:
            out += [_host_line(r) for r in second.records]
        if _bind_version(version) >= (9, 20, 7):
            # host.c since 9.20.7 also asks HTTPS (type 65), which Docker forwards upstream
            https = unserved_query(w.state, w.label, name, server=server)
            if https.rcode not in (None, Rcode.NOERROR):
                out.append(f"Host {name} not found: {https.rcode.number}({https.rcode.value})")
                return ProbeResult("\n".join(out) + "\n", "", 1)
    code = 0 if out else 1
    return ProbeResult("".join(x + "\n" for x in out), "", code)


def _host_line(r: Record) -> str:
    owner = r.name.removesuffix(".")
    if r.rtype == "A":
        return f"{owner} has address {r.data}"
    if r.rtype == "AAAA":
        return f"{owner} has IPv6 address {r.data}"
    return f"{owner} domain name pointer {r.data}"


def _getent(w: _Where, args: list[str]) -> ProbeResult:
    impl = w.tools.getent
    if impl is None:
        return _missing(w, "getent")
    if len(args) < 2 or args[0] != "hosts":
        return _not_simulated(f"getent {' '.join(args)}", "getent hosts NAME…")
    out: list[str] = []
    for name in args[1:]:
        try:
            ipaddress.ip_address(name)
            reverse = reverse_name(w.state, w.label, name, rng=w.rng)
            if reverse is None:
                return ProbeResult("".join(out), "", 2)
            out.append(_getent_line(impl, name, reverse, ()))
            continue
        except ValueError:
            pass
        # getent.c: gethostbyname2(AF_INET6) first, then AF_INET
        found = None
        families: tuple[QType, ...] = ("AAAA", "A")
        for qtype in families:
            look = gethostbyname(w.state, w.label, name, rng=w.rng, qtype=qtype)
            if look.addresses:
                found = look
                break
        if found is None:
            return ProbeResult("".join(out), "", 2)
        canonical = found.canonical or name
        aliases = found.names[1:] if found.source == "hosts" else ()
        addrs = found.addresses if impl == "glibc" else found.addresses[:1]
        out += [_getent_line(impl, str(a), canonical, aliases, name) for a in addrs]
    return ProbeResult("".join(out), "", 0)


def _getent_line(impl: str, ip: str, canonical: str, aliases: tuple[str, ...],
                 typed: str | None = None) -> str:
    if impl == "glibc":  # nss/getent.c print_hosts: "%-15s %s" + " alias"…
        return f"{ip:<15} {canonical}" + "".join(" " + a for a in aliases) + "\n"
    # Alpine musl-utils getent: "%-16s  %s" then "  alias"; musl puts the canonical name (and
    # the typed one, if different) into h_aliases
    musl_aliases = [canonical] + ([typed] if typed and typed != canonical else [])
    return f"{ip:<16}  {canonical}" + "".join("  " + a for a in musl_aliases) + "\n"


# --------------------------------------------------------------------------------------------
# cat: the files Docker writes into a container


def _file(w: _Where, path: str) -> str | None:
    """The text of a file netsim knows at ``w`` (None: not simulated)."""
    if w.host is None:
        return None
    if w.container is None:  # a Docker host: Debian's files with systemd-resolved's stub
        hs = w.state.hosts[w.host]
        if path == "/etc/hosts":
            return "".join(e.line() + "\n" for e in host_hosts(w.state, w.host))
        if path == "/etc/resolv.conf":
            servers = [str(s) for s in hs.host.dns] or ["127.0.0.53"]
            return "".join(f"nameserver {s}\n" for s in servers) + "options edns0 trust-ad\n" \
                "search .\n"
        if path == "/etc/hostname":
            return hs.host.effective_hostname + "\n"
        return None
    if path == "/etc/hosts":
        return hosts_text(w.state, w.host, w.container)
    if path == "/etc/resolv.conf":
        return resolv_conf(w.state, w.host, w.container).text()
    if path == "/etc/hostname":
        return w.container.hostname + "\n"
    return None


def _cat(w: _Where, args: list[str]) -> ProbeResult:
    impl = w.tools.cat
    if impl is None:
        return _missing(w, "cat")
    paths = [a for a in args if not a.startswith("-") or a == "-"]
    out: list[str] = []
    for path in paths:
        text = _file(w, path)
        if text is None:
            return ProbeResult("".join(out), f"netsim: cat {path}: only /etc/hosts, "
                               "/etc/resolv.conf and /etc/hostname are simulated\n",
                               NOT_SIMULATED)
        out.append(text)
    return ProbeResult("".join(out), "", 0)


# --------------------------------------------------------------------------------------------
# Package managers (the seed installs dnsutils to get dig)

#: where each package manager downloads from (the name is resolved and reached like any other)
_MIRRORS = {"apt-get": "deb.debian.org", "apk": "dl-cdn.alpinelinux.org",
            "yum": "mirrorlist.centos.org", "microdnf": "yum.oracle.com"}


@dataclass(frozen=True)
class Packages:
    """What was installed in one container since it was created (its filesystem keeps it)."""

    lists_updated: bool = False  # apt-get update ran (apt needs the package lists)
    tools: Mapping[str, ToolImpl] = field(default_factory=dict)


def install(state: State, where: str, argv: Sequence[str], before: Packages, *,
            rng: random.Random | None = None,
            shell: tuple[str, int] | None = None) -> tuple[ProbeResult, Packages]:
    """``apt-get update``/``apt-get install``, ``apk add``, ``yum install`` in a container.

    The download is not simulated: the mirror's name must resolve and its port 80 be reachable
    from the container; then the tools of the packages netsim knows (:data:`PACKAGES`) are
    there for the next commands. Returns what the command prints and the container's packages.
    """
    found = _where(state, where, 0, rng if rng is not None else random.Random(0))
    if isinstance(found, ProbeResult):
        return found, before
    found.shell = shell
    if found.container is None:
        return ProbeResult("", "netsim: installing packages on a Docker host is not simulated\n",
                           NOT_SIMULATED), before
    found.tools = toolbox_for(found.container.spec.image, before.tools)
    tool = argv[0].rsplit("/", 1)[-1] if argv else ""
    manager = found.tools.packages
    aliases = {"apt": "apt-get", "dnf": "yum"}
    if manager is None or aliases.get(tool, tool) != manager:
        return _missing(found, argv[0] if argv else tool), before
    args = [a for a in argv[1:] if not a.startswith("-")]
    action = args[0] if args else ""
    names = args[1:]
    if found.container.spec.options and any(k == "user" and v not in ("root", "0")
                                             for k, v in found.container.spec.options):
        user = "non-root"
    else:
        image = image_lookup(found.container.spec.image)
        user = "root" if image is None or image.user in ("root", "0") else "non-root"
    if user != "root":
        if manager == "apk":
            return ProbeResult("", "ERROR: Unable to lock database: Permission denied\nERROR: "
                                   "Failed to open apk database: Permission denied\n", 99), before
        if manager == "apt-get":
            return ProbeResult("", "E: Could not open lock file /var/lib/dpkg/lock-frontend - "
                                   "open (13: Permission denied)\n", 100), before
    info = image_lookup(found.container.spec.image)
    ubuntu = info is not None and image_release(info).startswith("ubuntu")
    mirror = "archive.ubuntu.com" if ubuntu else _MIRRORS[manager]
    look = _resolve(found, mirror)
    reachable = look.ok and _connect(found, look.addresses[0], 80).symptom is Symptom.OK
    installs = {"apt-get": "install", "apk": "add", "yum": "install", "microdnf": "install"}
    if manager in ("apt-get", "apk") and action == "update":
        if not reachable:
            why = (f"Temporary failure resolving '{mirror}'" if not look.ok
                   else f"Could not connect to {mirror}:80")
            return ProbeResult("", f"netsim: {tool} update: the package index cannot be "
                                   f"downloaded ({why})\n", 100 if manager == "apt-get" else 1
                               ), before
        return (ProbeResult("", f"netsim: {tool} update: package index downloaded from {mirror} "
                                "(its output is not simulated)\n", 0),
                Packages(True, before.tools))
    if action != installs[manager] or not names:
        return ProbeResult("", f"netsim: only '{tool} update' and '{tool} {installs[manager]} "
                               "PACKAGE…' are simulated\n", NOT_SIMULATED), before
    known = PACKAGES[manager]
    if manager == "apt-get" and not before.lists_updated:
        # a fresh image has no package lists (/var/lib/apt/lists is emptied by the image build)
        return ProbeResult("Reading package lists... Done\nBuilding dependency tree... Done\n"
                           "Reading state information... Done\n",
                           f"E: Unable to locate package {names[0]}\n", 100), before
    if not reachable:
        return ProbeResult("", f"netsim: {tool} {action}: {mirror} cannot be reached from this "
                               "container, nothing installed\n", 100 if manager == "apt-get"
                           else 1), before
    tools = dict(before.tools)
    added: list[str] = []
    for name in names:
        for t, impl in known.get(name, {}).items():
            tools[t] = impl
            added.append(t)
    unknown = [n for n in names if n not in known]
    note = f"netsim: {tool} {action} {' '.join(names)}: downloaded from {mirror}"
    note += f"; now installed: {', '.join(sorted(set(added)))}" if added else ""
    if unknown:
        note += f"; netsim simulates no tool of {', '.join(unknown)}"
    return ProbeResult("", note + " (the package manager's output is not simulated)\n", 0), \
        Packages(before.lists_updated, tools)


# --------------------------------------------------------------------------------------------

_PROBES: dict[str, Callable[[_Where, list[str]], ProbeResult]] = {
    "ping": _ping,
    "curl": _curl,
    "wget": _wget,
    "nc": _nc,
    "ip": _ip,
    "ifconfig": _ifconfig,
    "route": _route,
    "netstat": _netstat,
    "hostname": _hostname,
    "cat": _cat,
    "dig": _dig,
    "nslookup": _nslookup,
    "host": _host,
    "getent": _getent,
}


_SHELL_PROGRAMS = frozenset({"sh", "ash", "bash", "dash"})


def simulates(argv: Sequence[str]) -> bool:
    """Whether :func:`probe` simulates this command (a tool it knows, or ``sh -c``)."""
    if not argv:
        return False
    prog = argv[0].rsplit("/", 1)[-1]
    if prog == "busybox" and len(argv) > 1:
        prog = argv[1]
    if prog in _SHELL_PROGRAMS:
        return len(argv) > 2 and argv[1] == "-c"
    return prog in _PROBES


def _shell_c(state: State, where: str, words: list[str], *, seed: int, rng: random.Random,
             installed: Mapping[str, ToolImpl] | None, busybox: bool) -> ProbeResult:
    """``sh -c SCRIPT`` (netsim.shell): each simple command is a probe at the same place."""
    from netsim import shell

    def execute(argv: tuple[str, ...], line: int) -> shell.Result:
        r = probe(state, where, list(argv), seed=seed, rng=rng, shell=(words[0], line),
                  installed=installed)
        if r.exit_code == 127:  # the program is missing: the shell says so in its -c words
            return shell.Result("", "", 127)
        return shell.Result(r.stdout, r.stderr, r.exit_code)

    # words[3:] are the script's $0, $1 …: they change nothing netsim simulates
    r = shell.run(words[0], words[2], busybox=busybox, execute=execute)
    return ProbeResult(r.stdout, r.stderr, r.exit_code)


def probe(state: State, where: str, argv: Sequence[str] | str, *, seed: int = 0,
          rng: random.Random | None = None, shell: tuple[str, int] | None = None,
          installed: Mapping[str, ToolImpl] | None = None) -> ProbeResult:
    """Run one command at ``where`` (a container: ``NAME`` or ``HOST/NAME``; ``@host``,
    ``@NAME``, ``@lan``, ``@internet``) and return what it prints.

    >>> from netsim import apply
    >>> from netsim.model import ContainerCreate, ContainerSpec
    >>> st = apply([ContainerCreate(container=ContainerSpec(name=n, image="alpine",
    ...             command=("sleep", "1d"))) for n in ("a1", "a2")])
    >>> print(probe(st, "a1", "ping -c 1 172.17.0.3").stdout, end="")
    PING 172.17.0.3 (172.17.0.3): 56 data bytes
    64 bytes from 172.17.0.3: seq=0 ttl=64 time=0.083 ms
    <BLANKLINE>
    --- 172.17.0.3 ping statistics ---
    1 packets transmitted, 1 packets received, 0% packet loss
    round-trip min/avg/max = 0.083/0.083/0.083 ms
    """
    words = shlex.split(argv) if isinstance(argv, str) else list(argv)
    found = _where(state, where, seed, rng if rng is not None else random.Random(seed))
    if isinstance(found, ProbeResult):
        return found
    found.shell = shell
    if installed and found.container is not None:
        found.tools = toolbox_for(found.container.spec.image, installed)
    if not words:
        return ProbeResult("", "", 0)
    prog = words[0].rsplit("/", 1)[-1]
    if prog == "busybox" and len(words) > 1:
        prog, words = words[1], words[1:]
        found.tools = Toolbox(ping="busybox", curl=False, wget=True, nc="busybox",
                              ip="busybox", ifconfig="busybox", route="busybox",
                              netstat="busybox", hostname="busybox", bind=None,
                              nslookup="busybox", getent=None, cat="busybox",
                              packages=found.tools.packages, libc=found.tools.libc,
                              busybox_banner=found.tools.busybox_banner,
                              nc_extra=found.tools.nc_extra, services=found.tools.services)
    if prog in _SHELL_PROGRAMS and len(words) > 2 and words[1] == "-c":
        return _shell_c(state, where, words, seed=seed, rng=found.rng, installed=installed,
                        busybox=found.tools.cat == "busybox")
    handler = _PROBES.get(prog)
    where_text = "inside a container" if found.container is not None else "at " + found.label
    if handler is None:
        return ProbeResult("", f"netsim: '{prog}' {where_text} is not simulated yet\n",
                           NOT_SIMULATED)
    return handler(found, list(words[1:]))
