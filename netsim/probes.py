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
are Debian-like too. BusyBox's usage texts start with the image's own banner (real Alpine's
1.37, the conformance lab's 1.38 build); ping, nc, nslookup, dig, hostname and the resolver
files are pinned as measured on the lab in tests/test_probes_dns_ping.py.

Simplifications (README): round-trip times and DNS query times are invented (deterministic from
the seed), a reply's TTL is 64 minus the routers on the way (the internet answers with 117);
counters in ``ifconfig`` are 0 (docker0's 2 dropped packets excepted); ``curl`` and ``wget``
print what the server serves when netsim knows it (:attr:`netsim.images.ImageInfo.web`: nginx,
httpd, the lab's nginx stand-in; :func:`netsim.images.internet_site`), with the simulated clock
as the ``Date`` and the meter of an instant transfer, and a one-line netsim note otherwise (of
the files they save only the names are kept); ``ping`` without ``-c`` is shown as if stopped
after 4 packets; package managers print a note instead of their download log.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import ipaddress
import math
import posixpath
import random
import re
import shlex
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from netsim.dns import (
    EMBEDDED_DNS,
    DnsAnswer,
    HostsEntry,
    Lookup,
    QType,
    Rcode,
    Record,
    etc_hosts,
    gethostbyname,
    host_hosts,
    host_hosts_text,
    host_resolv_file,
    hosts_text,
    lookup,
    mx_query,
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
    #: the files earlier commands created in the container (:attr:`Packages.files`)
    files: frozenset[str] = frozenset()


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
        # the host's own tools: Debian's, with the host's iproute2 (model.Host.iproute2), and
        # netbase's /etc/services as on any installed Debian (OpenBSD nc prints [tcp/http])
        tools = dataclasses.replace(_DEBIAN_LIKE, services=True,
                                    ip_zero_qlen=state.hosts[name].host.iproute2 != "6.15")
        return _Where(state, f"@{name}", name, None, tools, seed, rng)
    host, c = topology_index(state).find(where)
    if not c.running:
        return ProbeResult("", "Error response from daemon: "
                           f"{state.profile.not_running_message.format(id=c.id)}\n", 1)
    label = where
    return _Where(state, label, host, c, toolbox_for(c.spec.image), seed, rng)


def _missing(w: _Where, tool: str) -> ProbeResult:
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


#: BusyBox's usage texts (after the banner line) of the applets netsim simulates, as BusyBox
#: 1.38 prints them (FEATURE_VERBOSE_USAGE; measured on the conformance lab,
#: tests/test_probes_dns_ping.py); ``nc`` is the small nc.c (no NC_110_COMPAT)
_BUSYBOX_USAGE: Mapping[str, str] = {
    "ping": "Usage: ping [OPTIONS] HOST\n\nSend ICMP ECHO_REQUESTs to HOST\n\n"
            "\t-4,-6\t\tForce IP or IPv6 name resolution\n\t-c CNT\t\tSend only CNT pings\n"
            "\t-s SIZE\t\tSend SIZE data bytes in packets (default 56)\n\t-i SECS\t\tInterval\n"
            "\t-A\t\tPing as soon as reply is received\n\t-t TTL\t\tSet TTL\n"
            "\t-I IFACE/IP\tSource interface or IP address\n"
            "\t-W SEC\t\tSeconds to wait for the first response (default 10)\n"
            "\t\t\t(after all -c CNT packets are sent)\n"
            "\t-w SEC\t\tSeconds until ping exits (default:infinite)\n"
            "\t\t\t(can exit earlier with -c CNT)\n"
            "\t-q\t\tQuiet, only display output at start/finish\n\t-p HEXBYTE\tPayload pattern\n",
    "nc": "Usage: nc [-iN] [-wN] [-l] [-p PORT] [-f FILE|IPADDR PORT] [-e PROG]\n\n"
          "Open a pipe to IP:PORT or FILE\n\n\t-l\tListen mode, for inbound connects\n"
          "\t\t(use -ll with -e for persistent server)\n\t-p PORT\tLocal port\n"
          "\t-w SEC\tConnect timeout\n\t-i SEC\tDelay interval for lines sent\n"
          "\t-f FILE\tUse file (ala /dev/ttyS0) instead of network\n"
          "\t-e PROG\tRun PROG after connect\n",
    "wget": "Usage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n"
            "\t[--post-data STR | --post-file FILE] [-Y on/off]\n"
            "\t[--no-check-certificate] [-P DIR] [-U AGENT] [-T SEC] URL...\n\n"
            "Retrieve files via HTTP or FTP\n\n"
            "\t--spider\tOnly check URL existence: $? is 0 if exists\n"
            "\t--header STR\tAdd STR (of form 'header: value') to headers\n"
            "\t--post-data STR\tSend STR using POST method\n"
            "\t--post-file FILE\tSend FILE using POST method\n"
            "\t--no-check-certificate\tDon't validate the server's certificate\n"
            "\t-c\t\tContinue retrieval of aborted transfer\n\t-q\t\tQuiet\n"
            "\t-P DIR\t\tSave to DIR (default .)\n\t-S    \t\tShow server response\n"
            "\t-T SEC\t\tNetwork read timeout is SEC seconds\n"
            "\t-O FILE\t\tSave to FILE ('-' for stdout)\n\t-o LOGFILE\tLog messages to FILE\n"
            "\t-U STR\t\tUse STR for User-Agent header\n\t-Y on/off\tUse proxy\n",
    "nslookup": "Usage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\n"
                "Query DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any\n",
    "hostname": "Usage: hostname [-sidf] [HOSTNAME | -F FILE]\n\n"
                "Show or set hostname or DNS domain name\n\n\t-s\tShort\n"
                "\t-i\tAddresses for the hostname\n\t-d\tDNS domain name\n"
                "\t-f\tFully qualified domain name\n\t-F FILE\tUse FILE's content as hostname\n",
}


def _busybox_usage(w: _Where, applet: str, error: str | None = None) -> ProbeResult:
    """BusyBox's ``bb_show_usage``: musl getopt's ``APPLET: ERROR`` line if any, the image's
    banner (:attr:`Toolbox.busybox_banner`), a blank line and the applet's usage; stderr,
    exit 1."""
    head = f"{applet}: {error}\n" if error else ""
    return ProbeResult("", f"{head}{w.tools.busybox_banner}\n\n{_BUSYBOX_USAGE[applet]}", 1)


#: iputils 20240905's ``usage()`` text after ``ping: <getopt error>\n`` (measured)
_IPUTILS_USAGE = (
    "\nUsage\n  ping [options] <destination>\n\nOptions:\n"
    "  <destination>      DNS name or IP address\n"
    "  -3                 RTT precision (do not round up the result time)\n"
    "  -a                 use audible ping\n  -A                 use adaptive ping\n"
    "  -B                 sticky source address\n"
    "  -c <count>         stop after <count> replies\n"
    "  -C                 call connect() syscall on socket creation\n"
    "  -D                 print timestamps\n  -d                 use SO_DEBUG socket option\n"
    "  -e <identifier>    define identifier for ping session, default is random for\n"
    "                     SOCK_RAW and kernel defined for SOCK_DGRAM\n"
    "                     Imply using SOCK_RAW (for IPv4 only for identifier 0)\n"
    "  -f                 flood ping\n  -h                 print help and exit\n"
    "  -H                 force reverse DNS name resolution (useful for numeric\n"
    "                     destinations or for -f), override -n\n"
    "  -I <interface>     either interface name or address\n"
    "  -i <interval>      seconds between sending each packet\n"
    "  -L                 suppress loopback of multicast packets\n"
    "  -l <preload>       send <preload> number of packages while waiting replies\n"
    "  -m <mark>          tag the packets going out\n"
    "  -M <pmtud opt>     define path MTU discovery, can be one of <do|dont|want|probe>\n"
    "  -n                 no reverse DNS name resolution, override -H\n"
    "  -O                 report outstanding replies\n"
    "  -p <pattern>       contents of padding byte\n  -q                 quiet output\n"
    "  -Q <tclass>        use quality of service <tclass> bits\n"
    "  -s <size>          use <size> as number of data bytes to be sent\n"
    "  -S <size>          use <size> as SO_SNDBUF socket option value\n"
    "  -t <ttl>           define time to live\n"
    "  -U                 print user-to-user latency\n  -v                 verbose output\n"
    "  -V                 print version and exit\n"
    "  -w <deadline>      reply wait <deadline> in seconds\n"
    "  -W <timeout>       time to wait for response\n\nIPv4 options:\n"
    "  -4                 use IPv4\n  -b                 allow pinging broadcast\n"
    "  -R                 record route\n"
    "  -T <timestamp>     define timestamp, can be one of <tsonly|tsandaddr|tsprespec>\n\n"
    "IPv6 options:\n  -6                 use IPv6\n"
    "  -F <flowlabel>     define flow label, default is random\n"
    "  -N <nodeinfo opt>  use IPv6 node info query, try <help> as argument\n\n"
    "For more details see ping(8).\n")

_LLONG_MAX = 2**63 - 1


@dataclass(frozen=True)
class _PingOpts:
    count: int
    quiet: bool = False
    timeout: float | None = None  # -W: seconds to wait after the last probe (10 without it)
    deadline: int | None = None  # -w: seconds until ping exits


def _iputils_count(value: str) -> int | ProbeResult:
    """iputils' ``strtol_or_err(optarg, "invalid argument", 1, LLONG_MAX)`` (measured)."""
    bad = f"ping: invalid argument: '{value}'"
    if re.fullmatch(r"\s*[+-]?[0-9]+", value) is None:
        return ProbeResult("", bad + "\n", 1)
    n = int(value)
    if not -_LLONG_MAX - 1 <= n <= _LLONG_MAX:
        return ProbeResult("", f"{bad}: Numerical result out of range\n", 1)
    if n < 1:
        return ProbeResult("", f"{bad}: out of range: 1 <= value <= {_LLONG_MAX}\n", 1)
    return n


def _seconds(value: str) -> float | None:
    try:
        return float(value)
    except ValueError:
        return None


def _ping(w: _Where, args: list[str]) -> ProbeResult:
    impl = w.tools.ping
    if impl is None:
        return _missing(w, "ping")
    count: int | None = None
    quiet = False
    family: int | None = None  # -4 / -6
    timeout: float | None = None
    deadline: int | None = None
    target: str | None = None
    i = 0
    while i < len(args):
        a = args[i]
        if a[:2] in ("-c", "-w", "-W", "-i", "-s", "-t", "-I"):
            if len(a) > 2:
                value = a[2:]
            elif i + 1 < len(args):
                value = args[i + 1]
                i += 1
            else:
                return _ping_usage(w, impl, f"option requires an argument -- '{a[1]}'"
                                   if impl == "iputils" else f"option requires an argument: {a[1]}")
            if a[:2] == "-c":
                if impl == "iputils":
                    parsed = _iputils_count(value)
                    if isinstance(parsed, ProbeResult):
                        return parsed
                    count = parsed
                elif not value.isdigit():  # busybox: xatou, "-c 0" pings for ever
                    return ProbeResult("", f"ping: invalid number '{value}'\n", 1)
                else:
                    count = int(value) or None
            elif a[:2] == "-W":
                timeout = _seconds(value)
            elif a[:2] == "-w":
                secs = _seconds(value)
                deadline = None if secs is None else math.ceil(secs)
        elif a == "-q":
            quiet = True
        elif a in ("-4", "-6"):
            family = int(a[1])
        elif a in ("-n", "-v", "-D", "-O"):
            pass
        elif a.startswith("-") and a != "-":
            return _ping_usage(w, impl, f"invalid option -- '{a[1:2]}'" if impl == "iputils"
                               else f"unrecognized option: {a[1:2]}")
        elif target is None:
            target = a
        i += 1
    if target is None:
        if impl == "iputils":
            return ProbeResult("", "ping: usage error: Destination address required\n", 2)
        return _ping_usage(w, impl, None)
    note = ""
    if count is None and deadline is not None:
        count = deadline  # one probe a second until the deadline
    if count is None:
        count = 4
        note = ("netsim: ping without -c runs until interrupted; shown as if stopped with "
                "Ctrl-C after 4 packets\n")
    found = _ping_target(w, impl, target, family)
    if isinstance(found, ProbeResult):
        return ProbeResult(found.stdout, note + found.stderr, found.exit_code)
    ip, look = found
    if ip.version == 6 and not _loopback6(w):
        # IPv6 is off in the namespace (EngineProfile.netns_ipv6_off): no source address for
        # ::1 (measured on 20.10: iputils' connect(), BusyBox's sendto())
        if impl == "iputils":
            return ProbeResult("", note + "ping: connect: Cannot assign requested address\n", 2)
        return ProbeResult(f"PING {target} ({ip}): 56 data bytes\n",
                           note + "ping: sendto: Address not available\n", 1)
    # ::1 is the namespace's own loopback, as 127.0.0.1 is (reach follows IPv4 only)
    trace = reach(w.state, w.label, "127.0.0.1" if ip.version == 6 else str(ip))
    opts = _PingOpts(count, quiet, timeout, deadline)
    out = _ping_text(w, impl, target, ip, opts, trace, look)
    return ProbeResult(out.stdout, note + out.stderr, out.exit_code, trace)


def _ping_usage(w: _Where, impl: str, error: str | None) -> ProbeResult:
    if impl == "iputils":
        return ProbeResult("", f"ping: {error}\n{_IPUTILS_USAGE}", 2)
    return _busybox_usage(w, "ping", error)


def _hosts_entries(w: _Where) -> tuple[HostsEntry, ...]:
    """The /etc/hosts lines at ``w`` (none at @lan/@internet)."""
    if w.host is None:
        return ()
    if w.container is None:
        return host_hosts(w.state, w.host)
    return etc_hosts(w.state, w.host, w.container)


def _ipv6_network(w: _Where) -> str | None:
    """An IPv6-enabled network (``--ipv6``) the container's sandbox is on, if any: Docker gives
    its endpoints IPv6 addresses (/etc/hosts lines, AAAA records, glibc's RFC 6724 choice),
    which netsim does not model, so commands there are not simulated."""
    if w.container is None or w.host is None:
        return None
    owner = sandbox_owner(w.state, w.host, w.container) or w.container
    nets = w.state.hosts[w.host].networks
    for ep in owner.active_endpoints():
        net = nets.get(ep.network)
        if net is not None and net.spec is not None and net.spec.ipv6:
            return net.name
    return None


def _has_global_ipv6(w: _Where) -> bool:
    """Whether the vantage point has an IPv6 address beyond lo and link-local ones."""
    if w.container is None or w.host is None:
        return False  # netsim's Docker hosts have IPv4 on the LAN only
    owner = sandbox_owner(w.state, w.host, w.container) or w.container
    return any(e.ipv6 is not None for e in owner.active_endpoints())


def _ping_target(w: _Where, impl: str, target: str,
                 family: int | None) -> tuple[IPv4 | IPv6, Lookup] | ProbeResult:
    """The address ping uses (``getaddrinfo`` AF_UNSPEC), with the lookup behind it.

    glibc (iputils) sorts by RFC 6724: the /etc/hosts ``::1`` of ``localhost`` beats
    ``127.0.0.1`` (precedence 50 over 35), so iputils pings ``::1`` (measured: a container
    with IPv6 on lo, and a Debian host); ``-4`` keeps IPv4. BusyBox (FEATURE_PREFER_IPV4_ADDRESS)
    takes an IPv4 address when there is one, ``::1`` for ``ip6-localhost``. netsim follows IPv6
    only to ``::1``: DNS answers are IPv4 (:func:`_resolve`)."""
    loopback6 = IPv6("::1")
    try:
        literal = ipaddress.ip_address(target)
    except ValueError:
        literal = None
    if isinstance(literal, IPv6):
        if literal == loopback6:
            return literal, Lookup(target, (literal,), "literal", canonical=target)
        if not _has_global_ipv6(w) and not _loopback6(w):
            # IPv6 off in the whole namespace (EngineProfile.netns_ipv6_off): no source
            # address, as for ::1 (recorded 20.10: 58-reference-examples:75)
            if impl == "iputils":
                return ProbeResult("", "ping: connect: Cannot assign requested address\n", 2)
            return ProbeResult(f"PING {target} ({literal}): 56 data bytes\n",
                               "ping: sendto: Address not available\n", 1)
        if not _has_global_ipv6(w):
            # no IPv6 route: connect() of the route probe fails (measured)
            if impl == "iputils":
                return ProbeResult("", "ping: connect: Network is unreachable\n", 2)
            return ProbeResult(f"PING {target} ({literal}): 56 data bytes\n",
                               "ping: sendto: Network unreachable\n", 1)
        return _not_simulated(f"ping {target}", "IPv4 addresses, names and ::1")
    wanted = target.lower().removesuffix(".")
    v6 = next((e for e in _hosts_entries(w) if e.address == loopback6
               and wanted in (n.lower() for n in e.names)), None)
    v6_look = None if v6 is None else Lookup(target, (loopback6,), "hosts",
                                             canonical=v6.names[0], names=v6.names)
    if v6_look is not None and impl == "iputils" and (
            family == 6 or (family is None and _loopback6(w))):
        # without ::1 on lo, RFC 6724 rule 1 (unusable destination) puts 127.0.0.1 first
        return loopback6, v6_look
    look = _resolve(w, target) if family != 6 else None
    if look is not None and look.ok:
        ip = look.addresses[0]
        assert isinstance(ip, IPv4)
        return ip, look
    if v6_look is not None:
        return loopback6, v6_look
    if impl == "iputils":
        if look is None:  # -6 and no IPv6 address: the name has only IPv4 ones (or none)
            look = _resolve(w, target)
            if look.ok:
                return ProbeResult("", f"ping: {target}: Address family for hostname not "
                                       "supported\n", 2)
        return ProbeResult("", f"ping: {target}: {_gai_error(look)}\n", 2)
    return ProbeResult("", f"ping: bad address '{target}'\n", 1)


def _ttl(w: _Where, trace: Trace) -> int:
    """The TTL of a reply: 64 less each router on the way (Linux's default initial TTL); the
    internet's replies arrive with 117 unless the LAN says how far the internet is."""
    if trace.hops and trace.hops[-1].rule == "internet":
        hops = w.state.lan.internet_hops
        return 117 if hops is None else 64 - trace.routers - hops
    return 64 - trace.routers


#: Linux ARP: 3 probes 1 s apart (mcast_solicit, retrans_time), then the queued packets fail
_ARP_GIVES_UP = 3


def _arp_failure(opts: _PingOpts) -> tuple[int, list[int], list[int], int]:
    """iputils pinging an on-link address nobody holds, one probe a second (measured on the
    lab, ``tests/test_probes_dns_ping.py``): ``(transmitted, seqs that get "Destination Host
    Unreachable", seqs whose sendmsg fails, pipe)``.

    The kernel queues the probes while it ARPs; after 3 s it gives up and reports an error
    for each queued probe (``From SRC icmp_seq=N``), all at once. A probe sent just then (every
    fourth) fails at once with ``ping: sendmsg: No route to host``; the next one starts a new
    round. ``-W`` ends the wait after the last probe: with ``-c 1 -W 1`` (or ``-c 2 -W 1``)
    ping has exited before ARP gives up and prints no error at all. ``-w`` ends ping at the
    first error (or at the deadline). Near the 3 s boundary real runs vary (``-c 3 -W 1``
    printed one error once, none once; the fourth probe's sendmsg failed in 4 of 6 runs, the
    other two reported it with the next round): netsim takes the more common outcome.
    """
    if opts.deadline is not None:
        if opts.deadline <= _ARP_GIVES_UP:
            return opts.deadline, [], [], 0
        return 4, [1, 2, 3], [4], 3
    seqs = range(1, opts.count + 1)
    failed = [n for n in seqs if n % 4 == 0]
    errors = [n for n in seqs if n not in failed]
    if opts.timeout is not None:
        end = opts.count - 1 + opts.timeout
        errors = [n for n in errors if 4 * ((n - 1) // 4) + _ARP_GIVES_UP < end]
    pipe = min(opts.count, 3) if errors else 0
    return opts.count, errors, failed, pipe


def _ping_text(w: _Where, impl: str, target: str, ip: IPv4 | IPv6, opts: _PingOpts,
               trace: Trace, look: Lookup) -> ProbeResult:
    s = trace.symptom
    count, quiet = opts.count, opts.quiet
    lines: list[str] = []
    if impl == "iputils":
        if s is Symptom.NETWORK_UNREACHABLE:
            return ProbeResult("", "ping: connect: Network is unreachable\n", 2, trace)
        # iputils: the header and statistics name the canonical name; with a name (not an
        # address) as target every address printed goes through getnameinfo (files, then PTR):
        # ping/ping.c _pr_addr prints "name (address)" when a name is found. ping6 names the
        # target as typed and prints no packet sizes (measured)
        numeric = look.source == "literal"
        if ip.version == 6:
            name = target
            lines.append(f"PING {target} ({ip}) 56 data bytes")
        else:
            name = look.canonical or target
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
            sent, errors, failed, pipe = _arp_failure(opts)
            src_ip = _source_address(w, ip) if isinstance(ip, IPv4) else ip
            if not quiet:
                src = _pr_addr(w, src_ip, numeric) if isinstance(src_ip, IPv4) else src_ip
                lines += [f"From {src} icmp_seq={n} Destination Host Unreachable"
                          for n in errors]
            plus = f", +{len(errors)} errors" if errors else ""
            # finish(): the rtt/pipe line, then always "\n": an empty line when neither
            lines += ["", f"--- {name} ping statistics ---",
                      f"{sent} packets transmitted, 0 received{plus}, 100% packet loss, "
                      f"time {(sent - 1) * 1001}ms", f"pipe {pipe}" if pipe > 1 else ""]
            return ProbeResult("\n".join(lines) + "\n",
                               "ping: sendmsg: No route to host\n" * len(failed), 1, trace)
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
    # no reply, or ARP fails: busybox's raw socket never reports the ICMP errors
    lines += ["", f"--- {target} ping statistics ---",
              f"{count} packets transmitted, 0 packets received, 100% packet loss"]
    return ProbeResult("\n".join(lines) + "\n", "", 1, trace)


def _pr_addr(w: _Where, ip: IPv4 | IPv6, numeric: bool) -> str:
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


# --------------------------------------------------------------------------------------------
# HTTP: what answers at the other end of a connection, and how curl and wget print it.
# Measured against the conformance lab (Docker Engine 28.5.2; curl 8.14.1 in netsim-lab/debian,
# BusyBox 1.38 wget in netsim-lab/alpine; conformance/recorded/28.5/31-probes-wget-curl.json).
# Transfers are printed as the lab prints an instant local one: curl's meter with the speeds
# of 1 ms (size × 1000 bytes/s), wget's bar at "0:00:00 ETA"; Date is the simulated clock.

#: curl's version in the User-Agent of ``curl -v`` (Debian trixie's, as in the lab)
_CURL_VERSION = "8.14.1"
_CURL_METER_HEAD = (
    "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n"
    "                                 Dload  Upload   Total   Spent    Left  Speed\n")


def _url_path(url: str) -> str:
    """The path of a URL as the client requests it ("/" when the URL has none)."""
    rest = url.split("://", 1)[-1]
    _, slash, path = rest.partition("/")
    return "/" + path if slash else "/"


def _http_site(w: _Where, trace: Trace) -> WebSite | None:
    """What answers HTTP at the end of a delivered TCP flow: the image's own web server
    (:func:`netsim.images.served_site`) in the container the flow reached (through a published
    port: on the container's port), netsim's internet, or None (netsim does not know)."""
    from netsim.reach import topology_index

    hop, port = trace.deciding, trace.port
    if port is None:
        return None
    if hop.rule == "internet" and hop.node == INTERNET:
        return internet_site(trace.address or trace.dst) if port == 80 else None
    ix = topology_index(w.state)
    cport = port
    if hop.rule == "listen":
        sb = next((s for s in ix.sandboxes if s.node == hop.node), None)
        if sb is None:
            return None
        names = {c.name for c in sb.containers}
        if any(h.rule in ("publish", "publish.proxy") for h in trace.hops):
            cport = next((cp for _ip, c, cp in ix.hosts[sb.host].published.get((port, "tcp"), ())
                          if c.name in names), port)
        candidates: Sequence[ContainerState] = sb.containers
    elif hop.rule == "host.process":
        h = next((h for h in ix.hosts.values() if h.node == hop.node), None)
        if h is None:
            return None
        candidates = h.host_mode
    else:
        return None
    for c in candidates:
        if f"{cport}/tcp" in c.listening:
            try:
                info = image_lookup(c.spec.image)
            except ValueError:
                return None
            return served_site(info, c.spec.command, entrypoint=c.spec.entrypoint, port=cport)
    return None


def _http_date(w: _Where) -> str:
    """An HTTP date (RFC 9110 IMF-fixdate) of the simulated clock."""
    t = EPOCH + dt.timedelta(seconds=w.state.clock)
    return t.strftime("%a, %d %b %Y %H:%M:%S GMT")


def _http_head_lines(w: _Where, r: HttpResponse) -> list[str]:
    """The status line and the header lines of a response, as sent."""
    date = _http_date(w)
    return [r.status, *(f"{k}: {date if v == HTTP_DATE else v}" for k, v in r.headers)]


def _arp_ms(w: _Where, name: str) -> int:
    """When a connect to an address nobody answers ARP for fails (the kernel's 3 probes)."""
    return 3060 + _jitter(w, "arp", name) % 40


def _max5(n: int) -> str:
    """curl lib/progress.c max5data: a size or speed in at most 5 characters."""
    if n < 100000:
        return f"{n:5d}"
    if n < 10000 * 1024:
        return f"{n // 1024:4d}k"
    if n < 100 * 1024 * 1024:
        return f"{n // 1048576:2d}.{n % 1048576 // 104857}M"
    return f"{n // 1048576:4d}M"


def _curl_time(seconds: int) -> str:
    """curl's time2str: --:--:-- for nothing yet."""
    if seconds <= 0:
        return "--:--:--"
    return f"{seconds // 3600:2d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def _meter_line(total_pct: int = 0, total: int = 0, dl_pct: int = 0, dl: int = 0,
                speed: int = 0, spent: int = 0) -> str:
    """One update of curl's progress meter (lib/progress.c progress_meter), with its \\r."""
    return (f"\r{total_pct:3d} {_max5(total)}  {dl_pct:3d} {_max5(dl)}  {0:3d} {_max5(0)}  "
            f"{_max5(speed)}  {_max5(0)} --:--:-- {_curl_time(spent)} --:--:-- {_max5(speed)}")


def _meter_wait(ms: int) -> str:
    """The meter's updates while a connect goes nowhere for ``ms``: one a second, and the last
    one when curl gives up (as the lab prints them: -m 2 gives 0:00:01, 0:00:02)."""
    ticks = [s for s in range(1, ms // 1000 + 1) if s * 1000 + 10 < ms]
    return "".join(_meter_line(spent=s) for s in ticks) + _meter_line(spent=ms // 1000) + "\n"


@dataclass
class _CurlArgs:
    url: str | None = None
    silent: bool = False
    show_error: bool = False
    head: bool = False
    include: bool = False
    verbose: bool = False
    fail: bool = False
    output: str | None = None
    timeout: str | None = None
    write_out: str | None = None
    method: str | None = None


#: curl's options that take a value (short letters and long names)
_CURL_VALUE_SHORT = frozenset("AbcCdeEFHKmorTuwxXYyzQt")
_CURL_VALUE_LONG = frozenset({
    "--max-time", "--connect-timeout", "--output", "--header", "--request", "--data",
    "--data-raw", "--data-binary", "--data-urlencode", "--user", "--user-agent", "--write-out",
    "--referer", "--resolve", "--connect-to", "--proxy", "--retry", "--retry-delay",
    "--retry-max-time", "--cacert", "--cert", "--key", "--cookie", "--cookie-jar", "--form",
    "--range", "--upload-file", "--interface", "--dns-servers", "--limit-rate",
    "--max-filesize", "--noproxy", "--unix-socket", "--url", "--config", "--max-redirs"})
_CURL_FLAGS = {"s": "silent", "--silent": "silent", "S": "show_error",
               "--show-error": "show_error", "I": "head", "--head": "head", "i": "include",
               "--include": "include", "v": "verbose", "--verbose": "verbose", "f": "fail",
               "--fail": "fail"}


def _curl_value(o: _CurlArgs, opt: str, value: str) -> None:
    if opt in ("-m", "--max-time", "--connect-timeout"):
        o.timeout = value
    elif opt in ("-o", "--output"):
        o.output = value
    elif opt in ("-w", "--write-out"):
        o.write_out = value
    elif opt in ("-X", "--request"):
        o.method = value
    elif opt == "--url":
        o.url = value


def _curl_args(args: list[str]) -> _CurlArgs:
    o = _CurlArgs()
    i = 0
    while i < len(args):
        a = args[i]
        i += 1
        if a.startswith("--"):
            if a in _CURL_VALUE_LONG:
                _curl_value(o, a, args[i] if i < len(args) else "")
                i += 1
            elif a in _CURL_FLAGS:
                setattr(o, _CURL_FLAGS[a], True)
        elif a.startswith("-") and len(a) > 1:
            for j, ch in enumerate(a[1:], 2):
                if ch in _CURL_VALUE_SHORT:  # the rest of the word, or the next word
                    if j < len(a):
                        _curl_value(o, "-" + ch, a[j:])
                    else:
                        _curl_value(o, "-" + ch, args[i] if i < len(args) else "")
                        i += 1
                    break
                if ch in _CURL_FLAGS:
                    setattr(o, _CURL_FLAGS[ch], True)
        elif o.url is None:
            o.url = a
    return o


def _curl_write_out(o: _CurlArgs, values: Mapping[str, str]) -> tuple[str, str]:
    """``-w FORMAT``: its text (stdout) and curl's warnings (stderr) for unknown variables."""
    if o.write_out is None:
        return "", ""
    out: list[str] = []
    err = ""
    fmt = o.write_out
    i = 0
    escapes = {"n": "\n", "r": "\r", "t": "\t", "\\": "\\"}
    while i < len(fmt):
        if fmt.startswith("%{", i) and "}" in fmt[i:]:
            end = fmt.index("}", i)
            var = fmt[i + 2:end]
            if var in values:
                out.append(values[var])
            else:
                err += f"curl: unknown --write-out variable: '{var}'\n"
            i = end + 1
        elif fmt.startswith("%%", i):
            out.append("%")
            i += 2
        elif fmt[i] == "\\" and i + 1 < len(fmt) and fmt[i + 1] in escapes:
            out.append(escapes[fmt[i + 1]])
            i += 2
        else:
            out.append(fmt[i])
            i += 1
    return "".join(out), err


def _curl(w: _Where, args: list[str]) -> ProbeResult:
    """curl 8 (http): the body on stdout (or in ``-o FILE``), headers with ``-i``/``-I``, and,
    stdout not being a terminal under ``docker exec``, the progress meter on stderr unless
    ``-s``; ``-S``, ``-v``, ``-f``, ``-m N``, ``-w FORMAT``."""
    if not w.tools.curl:
        return _missing(w, "curl")
    o = _curl_args(args)
    if o.url is None:
        return ProbeResult("", "curl: try 'curl --help' or 'curl --manual' for more "
                               "information\n", 2)
    parts = _split_url(o.url)
    if parts is None:
        return ProbeResult("", "curl: (3) URL rejected: Bad hostname\n", 3)
    name, port, scheme = parts
    err_on = not o.silent or o.show_error
    meter = "" if o.silent else _CURL_METER_HEAD + _meter_line()
    values = {"http_code": "000", "response_code": "000", "remote_ip": "", "remote_port": "",
              "size_download": "0", "url_effective": o.url if "/" in o.url.split("://")[-1]
              else o.url + "/"}

    def failed(code: int, line: str, trace: Trace | None, progress: str = "",
               verbose: str = "") -> ProbeResult:
        values["exitcode"] = str(code)
        out, warn = _curl_write_out(o, values)
        text = meter + verbose + progress + (line + "\n" if err_on else "")
        return ProbeResult(out, text + warn, code, trace)

    look = _resolve(w, name)
    if not look.ok:
        return failed(6, f"curl: (6) Could not resolve host: {name}", None)
    ip = look.addresses[0]
    trace = _connect(w, ip, port)
    s = trace.symptom
    timeout_ms = int(float(o.timeout) * 1000) if o.timeout is not None and \
        _is_number(o.timeout) else None
    is_ip = name == str(ip)
    resolved = "" if is_ip else (f"* Host {name}:{port} was resolved.\n* IPv6: (none)\n"
                                 f"* IPv4: {', '.join(str(a) for a in look.addresses)}\n")
    trying = f"*   Trying {ip}:{port}...\n"
    if s is Symptom.RESET:
        # docker-proxy accepted the connection and reset it, the request unread (measured:
        # conformance/recorded/*/15-ports:33, exit 56)
        values.update(remote_ip=str(ip), remote_port=str(port))
        verbose = ""
        if o.verbose:
            verb = "HEAD" if o.head or (o.method or "").upper() == "HEAD" else "GET"
            host_header = name if port == 80 else f"{name}:{port}"
            verbose = (resolved + trying + f"* Connected to {name} ({ip}) port {port}\n"
                       f"* using HTTP/1.x\n> {verb} {_url_path(o.url)} HTTP/1.1\r\n"
                       f"> Host: {host_header}\r\n> User-Agent: curl/{_CURL_VERSION}\r\n"
                       "> Accept: */*\r\n> \r\n* Request completely sent off\n"
                       "* Recv failure: Connection reset by peer\n")
        progress = _meter_wait(0) if meter else ""
        if verbose:
            progress += "* closing connection #0\n"
        return failed(56, "curl: (56) Recv failure: Connection reset by peer", trace,
                      progress, verbose)
    if s is not Symptom.OK:
        where = f"Failed to connect to {name} port {port}"
        arp = _arp_ms(w, name)
        if timeout_ms is not None and (s is Symptom.TIMEOUT or (
                s is Symptom.HOST_UNREACHABLE and timeout_ms < arp)):
            ms = timeout_ms + 2
            return failed(28, f"curl: (28) Connection timed out after {ms} milliseconds",
                          trace, _meter_wait(ms) if meter else "")
        if s is Symptom.TIMEOUT:
            ms = 133000 + _jitter(w, "curl", name, port)
            return failed(28, f"curl: (28) {where} after {ms} ms: Could not connect to server",
                          trace, _meter_wait(ms) if meter else "")
        ms = arp if s is Symptom.HOST_UNREACHABLE else 0
        verbose = ""
        if o.verbose and s is Symptom.REFUSED:
            src = _source_address(w, ip) if isinstance(ip, IPv4) else "::"
            eport = 32768 + _jitter(w, "eport", name, port) * 28
            verbose = (resolved + trying + f"* connect to {ip} port {port} from {src} port "
                       f"{eport} failed: Connection refused\n* {where} after {ms} ms: Could "
                       "not connect to server\n")
        progress = _meter_wait(ms) if meter else ""
        if verbose:
            progress += "* closing connection #0\n"
        return failed(7, f"curl: (7) {where} after {ms} ms: Could not connect to server",
                      trace, progress, verbose)
    site = _http_site(w, trace) if scheme == "http" else None
    if site is None:
        what = "HTTP" if scheme == "http" else scheme.upper()
        return ProbeResult("", f"netsim: curl connected to {ip}:{port}; the {what} exchange is "
                               "not simulated\n", 0, trace)
    method: Literal["GET", "HEAD"] = "HEAD" if o.head or (o.method or "").upper() == "HEAD" \
        else "GET"
    path = _url_path(o.url)
    r = site.response(method, path)
    head_lines = _http_head_lines(w, r)
    head_text = "".join(line + "\r\n" for line in head_lines) + "\r\n"
    length = r.header("Content-Length")
    size = len(r.body.encode())
    values.update(http_code=str(r.code), response_code=str(r.code), remote_ip=str(ip),
                  remote_port=str(port), size_download=str(size))
    verbose = ""
    if o.verbose:
        host_header = name if port == 80 else f"{name}:{port}"
        verbose = (resolved + trying + f"* Connected to {name} ({ip}) port {port}\n"
                   f"* using HTTP/1.x\n> {method} {path} HTTP/1.1\r\n> Host: {host_header}\r\n"
                   f"> User-Agent: curl/{_CURL_VERSION}\r\n> Accept: */*\r\n> \r\n")
        if method == "GET" and length is not None:
            verbose += "* Request completely sent off\n"
        if r.version == "HTTP/1.0":
            verbose += "* HTTP 1.0, assume close after body\n"
        verbose += "".join(f"< {line}\r\n" for line in head_lines) + "< \r\n"
        if method == "HEAD":
            verbose += (f"{{ [{length or 0} bytes data]\n* we are done reading and this is set "
                        "to close, stop send\n* abort upload\n")
        elif length is None:
            verbose += f"{{ [{size} bytes data]\n* abort upload\n{{ [0 bytes data]\n"
        else:
            verbose += f"{{ [{size} bytes data]\n"
    end = ("* shutting down connection #0\n" if r.closes
           else f"* Connection #0 to host {name} left intact\n") if o.verbose else ""
    if o.fail and r.code >= 400:
        progress = _meter_line() + "\n" if meter else ""
        return failed(22, f"curl: (22) The requested URL returned error: {r.code}", trace,
                      progress, verbose)
    values["exitcode"] = "0"
    if method == "HEAD":
        text = head_text
        progress = _meter_line(total=int(length or 0)) + "\n"
    else:
        text = (head_text if o.include else "") + r.body
        progress = _meter_line(100, size, 100 if length is not None else 0, size,
                               size * 1000) + "\n"
    out, warn = _curl_write_out(o, values)
    stdout = ("" if o.output is not None else text) + out
    stderr = (meter + verbose + progress if meter else verbose) + end + warn
    return ProbeResult(stdout, stderr, 0, trace)


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


def _wget_bar(name: str, size: int) -> str:
    """BusyBox's progress bar when stderr is not a terminal (libbb/progress.c: the name in 20
    columns, 32 stars), finished at once: "0:00:00 ETA" as the lab prints a local transfer."""
    unit = 0
    while size >= 100000:
        unit += 1
        size >>= 10
    return f"{name:<20.20}{100:4d}% |{'*' * 32}|{size:6d}{' kMGTPEZY'[unit]} 0:00:00 ETA\n"


def _wget_args(args: list[str]) -> tuple[dict[str, str | bool], list[str]]:
    """BusyBox wget's options (getopt32: bundled letters, a value glued or the next word)."""
    opts: dict[str, str | bool] = {}
    urls: list[str] = []
    takes = set("OoTUPY")
    i = 0
    while i < len(args):
        a = args[i]
        i += 1
        if a.startswith("--"):
            key, eq, value = a.partition("=")
            if key in ("--output-document", "--timeout", "--user-agent", "--header",
                       "--directory-prefix", "--output-file") and not eq:
                value = args[i] if i < len(args) else ""
                i += 1
            long = {"--output-document": "O", "--timeout": "T", "--quiet": "q",
                    "--server-response": "S", "--spider": "spider"}
            opts[long.get(key, key)] = value if key in long and long[key] in ("O", "T") \
                else True
        elif a.startswith("-") and a != "-":
            for j, ch in enumerate(a[1:], 2):
                if ch in takes:
                    if j < len(a):
                        opts[ch] = a[j:]
                    else:
                        opts[ch] = args[i] if i < len(args) else ""
                        i += 1
                    break
                opts[ch] = True
        else:
            urls.append(a)
    return opts, urls


def _wget(w: _Where, args: list[str]) -> ProbeResult:
    """BusyBox wget: "Connecting to …", ``-S`` headers, "saving to 'index.html'" and the bar on
    stderr (``-q``: none of them), the body in the file or on stdout (``-O-``); ``--spider``;
    ``-T N``; ``server returned error`` for a status other than 2xx. A file an earlier wget
    saved stays (:attr:`_Where.files`, relative names taken from ``/``): without ``-O`` a
    second download into it fails (wget.c opens it O_EXCL; ``-O FILE`` may overwrite)."""
    if not w.tools.wget:
        return _missing(w, "wget")
    opts, urls = _wget_args(args)
    quiet = bool(opts.get("q"))
    unknown = next((k for k in opts if len(k) == 1 and k not in "cqSOoTUPY"), None)
    if unknown is not None:  # musl getopt's complaint, then the usage (measured)
        return _busybox_usage(w, "wget", f"unrecognized option: {unknown}")
    if not urls:
        return _busybox_usage(w, "wget")
    url = urls[0]
    parts = _split_url(url)
    if parts is None:
        return ProbeResult("", f"wget: bad address '{url}'\n", 1)
    name, port, scheme = parts
    look = _resolve(w, name)
    if not look.ok:
        return ProbeResult("", f"wget: bad address '{name}'\n", 1)
    ip = look.addresses[0]
    trace = _connect(w, ip, port)
    shown = name if ":" not in url.split("://")[-1].split("/")[0] else f"{name}:{port}"
    head = "" if quiet else f"Connecting to {shown} ({ip}:{port})\n"
    timeout = opts.get("T")
    timeout_s = float(timeout) if isinstance(timeout, str) and _is_number(timeout) else None
    s = trace.symptom
    if s is Symptom.RESET:  # connected; the reply is a reset (BusyBox wget.c, bb_perror_msg)
        return ProbeResult("", head + "wget: error getting response: Connection reset by "
                                      "peer\n", 1, trace)
    if s is not Symptom.OK:
        if timeout_s is not None and (s is Symptom.TIMEOUT or (
                s is Symptom.HOST_UNREACHABLE and timeout_s * 1000 < _arp_ms(w, name))):
            return ProbeResult("", head + "wget: download timed out\n", 1, trace)
        return ProbeResult("", head + f"wget: can't connect to remote host ({ip}): "
                                      f"{_MUSL_ERRNO[s]}\n", 1, trace)
    site = _http_site(w, trace) if scheme == "http" else None
    if site is None:
        what = "HTTP" if scheme == "http" else scheme.upper()
        return ProbeResult("", head + f"netsim: wget connected to {ip}:{port}; the {what} "
                                      "exchange is not simulated\n", 0, trace)
    path = _url_path(url)
    r = site.response("GET", path)
    lines = _http_head_lines(w, r)
    ok = 200 <= r.code < 300
    if opts.get("S"):
        head += "".join(f"  {line}\n" for line in (lines if ok else lines[:1]))
        head += "  \n" if ok else ""
    if not ok:
        return ProbeResult("", head + f"wget: server returned error: {r.status}\n", 1, trace)
    if opts.get("spider"):
        return ProbeResult("", head + ("" if quiet else "remote file exists\n"), 0, trace)
    target = opts.get("O")
    if not isinstance(target, str):
        target = path.split("?", 1)[0].rsplit("/", 1)[-1] or "index.html"
    size = len(r.body.encode())
    if target == "-":
        tail = "" if quiet else "writing to stdout\n" + _wget_bar("-", size) + \
            "written to stdout\n"
        return ProbeResult(r.body, head + tail, 0, trace)
    written = posixpath.normpath(posixpath.join("/", target))
    if not isinstance(opts.get("O"), str) and written in w.files:
        return ProbeResult("", head + f"wget: can't open '{target}': File exists\n", 1, trace)
    tail = "" if quiet else (f"saving to '{target}'\n" + _wget_bar(target.rsplit("/", 1)[-1],
                                                                   size) + f"'{target}' saved\n")
    return ProbeResult("", head + tail, 0, trace, written=(written,))


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


def _nc(w: _Where, args: list[str]) -> ProbeResult:
    """``nc -z``: BusyBox (Alpine's NC_110_COMPAT build) and OpenBSD nc (Debian's build).

    Measured on the lab (``tests/test_probes_dns_ping.py``): the lab's BusyBox has the small
    nc (no ``-z``: usage, exit 1); Debian's OpenBSD nc prints ``Connection to … succeeded!``
    with ``-z`` alone too, ``[tcp/*]`` without /etc/services, tries every address of a name
    (``localhost``: ``::1``, then ``127.0.0.1``), scans ``LO-HI`` port ranges, and with
    ``-u`` reports a UDP port as open unless an ICMP error comes back. An on-link address
    nobody holds fails with ``No route to host`` once ARP gives up (3 s): a shorter ``-w``
    times out first."""
    impl = w.tools.nc
    if impl is None:
        return _missing(w, "nc")
    small = impl == "busybox" and not w.tools.nc_extra
    verbose = 0
    zero = udp = False
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
                        timeout = _seconds(value)
                    break
                if small and ch not in "l":
                    return _busybox_usage(w, "nc", f"unrecognized option: {ch}")
                if ch == "v":
                    verbose += 1
                elif ch == "z":
                    zero = True
                elif ch == "u":
                    udp = True
                j += 1
        else:
            rest.append(a)
        i += 1
    if small and not rest:
        return _busybox_usage(w, "nc")
    ports = _nc_ports(rest[1]) if len(rest) == 2 else None
    if not zero or ports is None or (impl == "busybox" and len(ports) > 1):
        return ProbeResult("", "netsim: only 'nc -z [-v] [-u] [-w N] HOST PORT' is simulated\n",
                           NOT_SIMULATED)
    name = rest[0]
    addrs = _nc_addresses(w, name)
    if isinstance(addrs, Lookup):
        if impl == "busybox":
            return ProbeResult("", f"nc: bad address '{name}'\n", 1)
        return ProbeResult("", f'nc: getaddrinfo for host "{name}" port {rest[1]}: '
                               f"{_gai_error(addrs)}\n", 1)
    if impl == "busybox":
        return _busybox_nc(w, name, addrs[0], ports[0], verbose, timeout)
    proto: Literal["tcp", "udp"] = "udp" if udp else "tcp"
    out: list[str] = []
    code = 1
    trace: Trace | None = None
    loopback6 = _loopback6(w)
    for port in ports:
        for ip in addrs:
            if ip.version == 6 and not loopback6:
                # IPv6 off in the namespace (EngineProfile.netns_ipv6_off; measured on 20.10)
                if verbose:
                    out.append(f"nc: connect to {name if name == str(ip) else f'{name} ({ip})'}"
                               f" port {port} ({proto}) failed: Cannot assign requested address")
                continue
            # ::1 is the namespace's loopback: the listeners of 127.0.0.1 (dual-stack sockets)
            trace = reach(w.state, w.label, "127.0.0.1" if ip.version == 6 else str(ip),
                          port=port, proto=proto)
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
    if s is Symptom.HOST_UNREACHABLE and timeout is not None and timeout < _ARP_GIVES_UP:
        return Symptom.TIMEOUT
    return s


def _nc_addresses(w: _Where, name: str) -> list[IPv4 | IPv6] | Lookup:
    """The addresses nc tries, in order (a failed lookup: the Lookup, for its error)."""
    loopback6 = IPv6("::1")
    try:
        literal = ipaddress.ip_address(name)
    except ValueError:
        literal = None
    if literal == loopback6:
        return [loopback6]
    look = _resolve(w, name)
    if not look.ok:
        return look
    addrs: list[IPv4 | IPv6] = [a for a in look.addresses]
    wanted = name.lower().removesuffix(".")
    if w.tools.nc == "openbsd" and any(
            e.address == loopback6 and wanted in (n.lower() for n in e.names)
            for e in _hosts_entries(w)):
        # getaddrinfo AF_UNSPEC, RFC 6724: ::1 first, last when lo lacks it (rule 1)
        addrs.insert(0 if _loopback6(w) else len(addrs), loopback6)
    return addrs


def _busybox_nc(w: _Where, name: str, ip: IPv4 | IPv6, port: int, verbose: int,
                timeout: float | None) -> ProbeResult:
    trace = reach(w.state, w.label, "127.0.0.1" if ip.version == 6 else str(ip), port=port)
    s = _with_timeout(trace.symptom, timeout)
    if s is Symptom.OK:
        return ProbeResult("", f"{name} ({ip}:{port}) open\n" if verbose else "", 0, trace)
    if verbose == 0 or (s is Symptom.REFUSED and verbose < 2):
        return ProbeResult("", "", 1, trace)
    text = _MUSL_ERRNO[s]
    tail = "sent 0, rcvd 0\n" if verbose >= 2 else ""
    return ProbeResult("", f"nc: {name} ({ip}:{port}): {text}\n{tail}", 1, trace)


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
    #: lo has ``::1`` (IPv6 is not off in the namespace: EngineProfile.netns_ipv6_off)
    loopback6: bool = True


def _lo(loopback6: bool = True) -> _Link:
    return _Link(1, "lo", None, "00:00:00:00:00:00", 65536,
                 ipaddress.IPv4Interface("127.0.0.1/8"), "lo", qlen=1000, loopback6=loopback6)


def _loopback6(w: _Where) -> bool:
    """Whether lo has ``::1`` at ``w``: not in a container namespace of an engine that turns
    IPv6 off there (EngineProfile.netns_ipv6_off) unless an interface has an IPv6 address."""
    if (w.container is None or w.host is None or not w.state.profile.netns_ipv6_off
            or _in_host_ns(w)):
        return True
    owner = sandbox_owner(w.state, w.host, w.container)
    return owner is not None and any(e.ipv6 is not None for e in owner.active_endpoints())


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
            # the daemon gives a bridge a random MAC (GenerateRandomMAC: setup_device_linux.go)
            mac = ids.mac_address(state.seed, "bridge", net.id,
                                  docker_prefix=state.profile.random_mac_docker_prefix)
            links.append(_Link(net.ifindex, net.interface, None, mac, 1500, addr,
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
    # EngineProfile.netns_ipv6_off: lo keeps ::1 only next to an interface with IPv6
    links = [_lo(not state.profile.netns_ipv6_off or (owner is not None and any(
        e.ipv6 is not None for e in owner.active_endpoints())))]
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
        v6 = ((link.kind == "lo" and link.loopback6) or link.link_local) and show == "addr" \
            and family != "inet"
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
                     *(["          inet6 addr: ::1/128 Scope:Host"] if link.loopback6 else []),
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
                 *(["        inet6 ::1  prefixlen 128  scopeid 0x10<host>"] if link.loopback6
                   else []),
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
        return _busybox_usage(w, "hostname",
                              f"unrecognized option: {args[0].lstrip('-')[:1]}")
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
    mx = False  # an MX query (netsim.dns.mx_query)
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
            if t not in ("A", "AAAA", "PTR", "MX"):
                return _not_simulated(f"dig -t {args[i + 1]}",
                                      "only A, AAAA, PTR and MX queries")
            mx = t == "MX"
            if not mx:
                qtype = t  # type: ignore[assignment]
            i += 1
        elif a in ("+short",):
            short = True
        elif a in ("+search", "+nosearch", "+nocmd", "+cmd", "-4"):
            pass
        elif a.startswith(("+", "-")):
            return _not_simulated(f"dig {a}", "dig NAME [A|AAAA] [@SERVER] [+short], dig -x ADDR")
        elif a.upper() in ("A", "AAAA", "PTR"):  # a type word, before or after the name
            qtype = a.upper()  # type: ignore[assignment]
            mx = False
        elif a.upper() == "MX":
            mx = True
        elif a.upper() in ("TXT", "NS", "SOA", "CNAME", "SRV", "ANY", "HTTPS", "CAA"):
            return _not_simulated(f"dig {a}", "only A, AAAA, PTR and MX queries")
        elif name is None:
            name = a
        else:
            return _not_simulated(f"dig {' '.join(args)}", "one name per dig")
        i += 1
    if name is None:
        return _not_simulated("dig without a name (the root's NS records)", "dig NAME")
    if server is not None and not _is_address(server):
        return _not_simulated(f"dig @{server}", "a server given by its address")
    answer = (mx_query(w.state, w.label, name, server=server) if mx
              else _dns_query(w, name, qtype, server))
    target = answer.server
    modern = _bind_version(version) >= (9, 17, 0)
    # dig.c: a server given with @ adds "; (N server(s) found)" to the command line it echoes
    found = ["; (1 server found)"] if server is not None else []
    greeting = ["", f"; <<>> DiG {version} <<>> {' '.join(args)}", *found,
                ";; global options: +cmd"]
    if answer.rcode is None:  # no reply: dighost.c recv_done / 9.9's connection timed out
        # nothing listens on 127.0.0.11 without the embedded server; a silent one times out
        refused = ((target == EMBEDDED_DNS
                    and answer.rule not in ("dns.silent", "dns.unpackable"))
                   or answer.rule == "dns.refused")
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
    lines += ["", ";; QUESTION SECTION:", _dig_question(qname, "MX" if mx else qtype), ""]
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
    if impl == "busybox" and (not words or len(words) > 2 or any(
            a.startswith("-") and not a.startswith(_BUSYBOX_NSLOOKUP_OPTIONS) for a in args)):
        return _busybox_usage(w, "nslookup")  # no name, or an option it does not know
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
    if first.rcode is None:  # dighost.c, as dig's (a refusing server: connection refused)
        why = "connection refused" if first.rule == "dns.refused" else "timed out"
        lines = [f";; communications error to {target}#53: {why}"] * 3
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


#: the options BusyBox nslookup parses itself (``-type=``, ``-debug`` …); any other: usage
_BUSYBOX_NSLOOKUP_OPTIONS = ("-type=", "-query=", "-q=", "-t=", "-debug", "-d", "-port=",
                             "-retry=", "-timeout=")


def _aaaa_first(w: _Where, a: DnsAnswer) -> bool:
    """Whether BusyBox nslookup prints the AAAA reply before the A reply.

    It sends both queries at once and prints each reply as it arrives (``send_queries``).
    Measured on the lab (``tests/test_probes_dns_ping.py``): a server that answers in order
    (the LAN's) gives A first; Docker's embedded server answers each query in its own
    goroutine: for its own names either order (5 of 10 runs each), for forwarded names
    mostly AAAA first (5 of 6, the AAAA reply needing no answer record upstream). netsim
    draws the embedded server's own order from the seed, the name and the clock; the
    conformance comparison treats the blocks as a multiset (``nslookup-race``)."""
    if a.server != EMBEDDED_DNS or a.answered_by == "none":
        return False
    if a.answered_by == "upstream":
        return True
    return _jitter(w, "nslookup", a.name, w.state.clock) % 2 == 1


def _busybox_nslookup(w: _Where, name: str, server: str | None, is_ptr: bool) -> ProbeResult:
    """BusyBox nslookup (FEATURE_NSLOOKUP_BIG): A and AAAA together, each reply printed in
    the order it arrives (:func:`_aaaa_first`)."""
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
        # a server that refuses (port unreachable): nslookup.c send_queries reports the failed
        # write once, then waits out its retries (recorded: 58-reference-examples:61)
        refused = (f"nslookup: write to '{target}': Connection refused\n"
                   if answers[0].rule == "dns.refused" else "")
        return ProbeResult(";; connection timed out; no servers could be reached\n\n", refused,
                           1)
    replies = list(zip(queries, answers, strict=True))
    for k in range(0, len(replies) - 1, 2):
        if not is_ptr and _aaaa_first(w, replies[k][1]):
            replies[k], replies[k + 1] = replies[k + 1], replies[k]
    lines = [f"Server:\t\t{target}", f"Address:\t{target}:53", ""]
    code = 0
    for (qname, _t), a in replies:
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
    if first.rcode is None:  # dighost.c, as dig's (a refusing server: connection refused)
        why = "connection refused" if first.rule == "dns.refused" else "timed out"
        lines = [f";; communications error to {first.server}#53: {why}"] * 2
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
    if len(args) >= 2 and args[0] in ("ahosts", "ahostsv4") and impl == "glibc":
        return _getent_ahosts(w, args)
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


def _getent_ahosts(w: _Where, args: list[str]) -> ProbeResult:
    """glibc ``getent ahosts``/``ahostsv4`` (nss/getent.c ahosts_keys_int): getaddrinfo with
    AI_ADDRCONFIG|AI_CANONNAME and no socket type, so each address comes three times (STREAM,
    DGRAM, RAW), printed ``"%-15s %-6s %s"`` with ai_canonname on the first entry only; exit
    status 2 when a name has no address. In a container without IPv6 (lo's ::1 does not count
    for AI_ADDRCONFIG: sysdeps/unix/sysv/linux/check_pf.c) both give the IPv4 answer."""
    if w.container is None or _has_global_ipv6(w):
        return _not_simulated(f"getent {' '.join(args)}",
                              "getent ahosts NAME in a container without IPv6")
    out: list[str] = []
    code = 0
    for name in args[1:]:
        look = _resolve(w, name)
        if not look.ok:
            code = 2
            continue
        canonical = look.canonical or name
        for k, addr in enumerate(look.addresses):
            for j, kind in enumerate(("STREAM", "DGRAM", "RAW")):
                shown = canonical if k == 0 and j == 0 else ""
                out.append(f"{addr!s:<15} {kind:<6} {shown}\n")
    return ProbeResult("".join(out), "", code)


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
    if w.container is None:  # a Docker host: Debian's files (static address, no resolved)
        hs = w.state.hosts[w.host]
        if path == "/etc/hosts":
            return host_hosts_text(w.state, w.host)
        if path == "/etc/resolv.conf":
            servers = host_resolv_file(w.state, w.host).nameservers
            return "".join(f"nameserver {s}\n" for s in servers)
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
    errors: list[str] = []
    for path in paths:
        text = _file(w, path)
        if text is None and _certainly_missing(w, path):
            # cat goes on to the next file and exits 1: BusyBox (coreutils/cat.c, open_or_warn:
            # "can't open '%s'") and GNU coreutils (cat.c: "%s" and strerror) word it otherwise
            errors.append(f"cat: can't open '{path}': No such file or directory\n"
                          if impl == "busybox" else f"cat: {path}: No such file or directory\n")
            continue
        if text is None:
            return ProbeResult("".join(out), f"netsim: cat {path}: only /etc/hosts, "
                               "/etc/resolv.conf and /etc/hostname are simulated\n",
                               NOT_SIMULATED)
        out.append(text)
    return ProbeResult("".join(out), "".join(errors), 1 if errors else 0)


def _certainly_missing(w: _Where, path: str) -> bool:
    """Whether ``path`` is certainly absent from the container: an absolute path under a
    top-level name the image's root does not have (:func:`netsim.images.missing_directory`)."""
    from netsim.images import lookup, missing_directory

    if w.container is None:
        return False
    try:
        info = lookup(w.container.spec.image)
    except ValueError:
        return False
    return missing_directory(info, path)


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
    #: files its commands created (:attr:`ProbeResult.written`)
    files: frozenset[str] = frozenset()


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
                Packages(True, before.tools, before.files))
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
        Packages(before.lists_updated, tools, before.files)


# --------------------------------------------------------------------------------------------

def _true(w: _Where, args: list[str]) -> ProbeResult:
    return ProbeResult("", "", 0)


def _false(w: _Where, args: list[str]) -> ProbeResult:
    return ProbeResult("", "", 1)


_PROBES: dict[str, Callable[[_Where, list[str]], ProbeResult]] = {
    "true": _true,
    "false": _false,
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
        from netsim.images import exec_failure, lookup

        found = _where(state, where, seed, rng)
        if isinstance(found, _Where) and found.container is not None:
            try:
                info = lookup(found.container.spec.image)
            except ValueError:
                info = None
            failure = exec_failure(info, argv[0])
            if failure is not None and failure[0] == 127 and "/" not in argv[0]:
                return shell.Result("", "", 127)  # not on PATH: the shell's own words
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
          installed: Mapping[str, ToolImpl] | None = None,
          files: frozenset[str] = frozenset()) -> ProbeResult:
    """Run one command at ``where`` (a container: ``NAME`` or ``HOST/NAME``; ``@host``,
    ``@NAME``, ``@lan``, ``@internet``) and return what it prints. ``files``: what earlier
    commands created in the container (:attr:`ProbeResult.written`).

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
    found.files = files
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
    ipv6_net = _ipv6_network(found)
    if ipv6_net is not None:
        return ProbeResult("", f"netsim: '{prog}' in a container on the IPv6 network {ipv6_net} "
                               "is not simulated (netsim gives endpoints no IPv6 addresses)\n",
                           NOT_SIMULATED)
    handler = _PROBES.get(prog)
    where_text = "inside a container" if found.container is not None else "at " + found.label
    if handler is None:
        return ProbeResult("", f"netsim: '{prog}' {where_text} is not simulated yet\n",
                           NOT_SIMULATED)
    return handler(found, list(words[1:]))
