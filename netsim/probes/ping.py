"""``ping``: iputils 20240905 (Debian-like images, the Docker hosts) and BusyBox 1.37/1.38's applet,
as docs/reference/probe-output.md shows them and the conformance lab measured them
(tests/test_probes_dns_ping.py). Round-trip times are invented, deterministic from the seed; a
reply's TTL is 64 less the routers on the way (the internet answers with 117); ``ping`` without
``-c`` is shown as if stopped after 4 packets."""

from __future__ import annotations

import ipaddress
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from netsim.analysis.dns import Lookup, reverse_name
from netsim.analysis.reach import Symptom, Trace
from netsim.probes.busybox import busybox_usage
from netsim.probes.context import (
    ARP_GIVES_UP,
    SCOPED_ACCEPTED,
    IPv4,
    IPv6,
    ProbeResult,
    Where,
    gai_error,
    has_loopback6,
    jitter,
    needs_scope,
    not_simulated,
    parse_seconds,
    prefer_ipv4,
    resolve_any,
    source_address,
    trace_to,
)
from netsim.probes.registry import Need, Program, Tool, register

__all__ = ["PING", "TOOL"]

#: iputils' ping (any image's ping that is not BusyBox's applet: Debian's, Ubuntu's, inetutils')
#: or BusyBox's
PING = Need("ping", "ping", {"busybox": "busybox", "*": "iputils"}, debian="iputils",
            busybox="busybox")


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


def _rtts(w: Where, target: str, trace: Trace, count: int) -> list[int]:
    """Invented, deterministic round-trip times in µs: ~0.1 ms on a host, ~12 ms to the
    internet."""
    internet = bool(trace.hops) and trace.hops[-1].rule == "internet"
    base, spread = (11000, 4000) if internet else (40 + 25 * trace.routers, 90)
    return [base + jitter(w, "ping", target, n) * spread // 1000 for n in range(count)]


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


def _ping(w: Where, args: list[str]) -> ProbeResult:
    impl = w.tools.ping
    assert impl is not None  # probe() checked the need
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
                timeout = parse_seconds(value)
            elif a[:2] == "-w":
                secs = parse_seconds(value)
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
    if ip.version == 6 and not has_loopback6(w):
        # IPv6 is off in the namespace (EngineProfile.netns_ipv6_off): no source address
        # (measured on 20.10: iputils' connect(), BusyBox's sendto(); 58-reference-examples:75)
        if impl == "iputils":
            return ProbeResult("", note + "ping: connect: Cannot assign requested address\n", 2)
        return ProbeResult(f"PING {target} ({ip}): 56 data bytes\n",
                           note + "ping: sendto: Address not available\n", 1)
    trace = trace_to(w, ip)
    opts = _PingOpts(count, quiet, timeout, deadline)
    out = _ping_text(w, impl, target, ip, opts, trace, look)
    return ProbeResult(out.stdout, note + out.stderr, out.exit_code, trace)


def _ping_usage(w: Where, impl: str, error: str | None) -> ProbeResult:
    if impl == "iputils":
        return ProbeResult("", f"ping: {error}\n{_IPUTILS_USAGE}", 2)
    return busybox_usage(w, "ping", error)


def _ping_target(w: Where, impl: str, target: str,
                 family: int | None) -> tuple[IPv4 | IPv6, Lookup] | ProbeResult:
    """The address ping uses, with the lookup behind it (:func:`resolve_any`).

    iputils (ping/ping.c main: getaddrinfo always AF_UNSPEC, iputils#252; ``-4``/``-6`` then
    skip the other family, EAI_ADDRFAMILY when nothing is left) pings the first address of
    glibc's sorted answer: ``::1`` before 127.0.0.1 for ``localhost`` (unless lo lacks ::1),
    a name's IPv6 address before its IPv4 one when the container has an IPv6 address
    (measured: 78-ipv6-dual-stack ``ping w6``). BusyBox
    (networking/ping.c xhost_and_af2sockaddr, libbb/xconnect.c str2sockaddr with
    FEATURE_PREFER_IPV4_ADDRESS) takes the first IPv4 address when there is one (measured:
    ``ping w6`` pings 172.18.0.4), else the first; ``-6`` asks for IPv6 only."""
    if needs_scope(target):
        return not_simulated(f"ping {target}", SCOPED_ACCEPTED)
    look = resolve_any(w, target, family)
    if look.ok:
        ip = prefer_ipv4(look) if impl == "busybox" else look.addresses[0]
        return ip, look
    if impl == "busybox":
        return ProbeResult("", f"ping: bad address '{target}'\n", 1)
    if look.source == "literal" or (family is not None and resolve_any(w, target).ok):
        # -4/-6 and only addresses of the other family: glibc's EAI_ADDRFAMILY
        return ProbeResult("", f"ping: {target}: Address family for hostname not "
                               "supported\n", 2)
    return ProbeResult("", f"ping: {target}: {gai_error(look)}\n", 2)


def _ttl(w: Where, trace: Trace) -> int:
    """The TTL of a reply: 64 less each router on the way (Linux's default initial TTL); the
    internet's replies arrive with 117 unless the LAN says how far the internet is."""
    if trace.hops and trace.hops[-1].rule == "internet":
        hops = w.state.lan.internet_hops
        return 117 if hops is None else 64 - trace.routers - hops
    return 64 - trace.routers


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
        if opts.deadline <= ARP_GIVES_UP:
            return opts.deadline, [], [], 0
        return 4, [1, 2, 3], [4], 3
    seqs = range(1, opts.count + 1)
    failed = [n for n in seqs if n % 4 == 0]
    errors = [n for n in seqs if n not in failed]
    if opts.timeout is not None:
        end = opts.count - 1 + opts.timeout
        errors = [n for n in errors if 4 * ((n - 1) // 4) + ARP_GIVES_UP < end]
    pipe = min(opts.count, 3) if errors else 0
    return opts.count, errors, failed, pipe


def _ping_text(w: Where, impl: str, target: str, ip: IPv4 | IPv6, opts: _PingOpts,
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
            src_ip = source_address(w, ip)
            # ping6_common.c print_icmp: ICMP6_DST_UNREACH_ADDR (neighbour discovery failed)
            why = ("Destination Host Unreachable" if ip.version == 4 else
                   "Destination unreachable: Address unreachable")
            if not quiet:
                src = (_pr_addr(w, src_ip, numeric) if isinstance(src_ip, (IPv4, IPv6))
                       else src_ip)
                lines += [f"From {src} icmp_seq={n} {why}" for n in errors]
            plus = f", +{len(errors)} errors" if errors else ""
            # finish(): the rtt/pipe line, then always "\n": an empty line when neither
            lines += ["", f"--- {name} ping statistics ---",
                      f"{sent} packets transmitted, 0 received{plus}, 100% packet loss, "
                      f"time {(sent - 1) * 1001}ms", f"pipe {pipe}" if pipe > 1 else ""]
            return ProbeResult("\n".join(lines) + "\n",
                               "ping: sendmsg: No route to host\n" * len(failed), 1, trace)
        if s is Symptom.ROUTER_NO_ROUTE and trace.icmp_from is not None:
            # the router's ICMPv6 "no route" for each probe (ping6_common.c print_icmp:
            # ICMP6_DST_UNREACH_NOROUTE), counted as errors (ping_common.c finish)
            if not quiet:
                src = _pr_addr(w, ipaddress.ip_address(trace.icmp_from), numeric)
                lines += [f"From {src} icmp_seq={n + 1} Destination unreachable: No route"
                          for n in range(count)]
            lines += ["", f"--- {name} ping statistics ---",
                      f"{count} packets transmitted, 0 received, +{count} errors, 100% packet "
                      f"loss, time {(count - 1) * 1001}ms", ""]
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
    # no reply, or ARP fails: busybox's raw socket never reports the ICMP errors
    lines += ["", f"--- {target} ping statistics ---",
              f"{count} packets transmitted, 0 packets received, 100% packet loss"]
    return ProbeResult("\n".join(lines) + "\n", "", 1, trace)


def _pr_addr(w: Where, ip: IPv4 | IPv6, numeric: bool) -> str:
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


def _ping6(w: Where, args: list[str]) -> ProbeResult:
    """``ping6``: iputils' ``ping`` under that name (Debian's iputils-ping links it; ping.c
    main: argv[0] ending in 6 sets AF_INET6) and BusyBox's ping6 applet (ping.c ping6_main:
    IPv6 only): ``ping -6``."""
    return _ping(w, ["-6", *args])


TOOL = register(Tool("ping", (Program("ping", _ping, PING), Program("ping6", _ping6, PING))))
