"""DNS tools: ``dig``, ``nslookup`` and ``host`` (ISC BIND 9.20 and 9.9, BusyBox's
``nslookup``) and ``getent hosts``/``ahosts`` (glibc and musl), as docs/reference/dns-tools.md
shows them and the conformance lab measured them (tests/test_probes_dns_ping.py). Query times
are invented, deterministic from the seed; the answers are :mod:`netsim.analysis.dns`'s."""

from __future__ import annotations

import datetime as dt
import ipaddress

from netsim.analysis.dns import (
    EMBEDDED_DNS,
    DnsAnswer,
    QType,
    Rcode,
    Record,
    gethostbyname,
    mx_query,
    query,
    resolv_conf,
    reverse_name,
    unserved_query,
)
from netsim.images import DIG_VERSIONS
from netsim.probes.busybox import busybox_usage
from netsim.probes.context import (
    ProbeResult,
    Where,
    has_global_ipv6,
    has_ipv4,
    jitter,
    not_simulated,
    resolve_any,
)
from netsim.probes.registry import Need, Program, Tool, register
from netsim.state import EPOCH

__all__ = ["BIND", "GETENT", "NSLOOKUP", "TOOL"]

#: ISC BIND's dig and host (bind9-dnsutils, bind-tools, bind-utils), by the version dig prints
#: for the image's release; BusyBox has neither
BIND = Need("bind", "dig", versions=DIG_VERSIONS, debian="bind", busybox=None)
#: BIND's nslookup or BusyBox's applet
NSLOOKUP = Need("nslookup", "nslookup", {"busybox": "busybox", "*": "bind"}, debian="bind",
                busybox="busybox")
#: glibc's getent (libc-bin, glibc-common) or musl's (Alpine's musl-utils); BusyBox has none
GETENT = Need("getent", "getent", {"musl": "musl", "*": "glibc"}, debian="glibc", busybox=None)


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


def _when(w: Where) -> str:
    t = EPOCH + dt.timedelta(seconds=w.state.clock)
    return t.strftime("%a %b %d %H:%M:%S UTC %Y")


def _query_ms(w: Where, answer: DnsAnswer) -> int:
    if answer.answered_by == "upstream":
        return 11 + jitter(w, "dns", answer.name) % 9
    if answer.rule == "dns.unreachable" and w.container is not None and w.host is not None:
        # resolver.go: 4 s per upstream server that does not answer
        tried = len(resolv_conf(w.state, w.host, w.container).ext_servers)
        return 4000 * max(1, tried) + jitter(w, "dns", answer.name) % 3
    return 0


def _dns_query(w: Where, name: str, qtype: QType, server: str | None) -> DnsAnswer:
    return query(w.state, w.label, name, qtype, rng=w.rng, server=server)


def _dig(w: Where, args: list[str]) -> ProbeResult:
    version = w.tools.bind
    assert version is not None  # probe() checked the need
    server: str | None = None
    name: str | None = None
    qtype: QType = "A"
    mx = False  # an MX query (netsim.analysis.dns.mx_query)
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
                return not_simulated(f"dig -t {args[i + 1]}",
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
            return not_simulated(f"dig {a}", "dig NAME [A|AAAA] [@SERVER] [+short], dig -x ADDR")
        elif a.upper() in ("A", "AAAA", "PTR"):  # a type word, before or after the name
            qtype = a.upper()  # type: ignore[assignment]
            mx = False
        elif a.upper() == "MX":
            mx = True
        elif a.upper() in ("TXT", "NS", "SOA", "CNAME", "SRV", "ANY", "HTTPS", "CAA"):
            return not_simulated(f"dig {a}", "only A, AAAA, PTR and MX queries")
        elif name is None:
            name = a
        else:
            return not_simulated(f"dig {' '.join(args)}", "one name per dig")
        i += 1
    if name is None:
        return not_simulated("dig without a name (the root's NS records)", "dig NAME")
    if server is not None and not _is_address(server):
        return not_simulated(f"dig @{server}", "a server given by its address")
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


def _nslookup(w: Where, args: list[str]) -> ProbeResult:
    impl = w.tools.nslookup
    assert impl is not None  # probe() checked the need
    words = [a for a in args if not a.startswith("-")]
    if impl == "busybox" and (not words or len(words) > 2 or any(
            a.startswith("-") and not a.startswith(_BUSYBOX_NSLOOKUP_OPTIONS) for a in args)):
        return busybox_usage(w, "nslookup")  # no name, or an option it does not know
    if len(words) not in (1, 2) or len(words) != len(args):
        return not_simulated(f"nslookup {' '.join(args)}", "nslookup NAME [SERVER]")
    name = words[0]
    server = words[1] if len(words) == 2 else None
    if server is not None and not _is_address(server):
        return not_simulated(f"nslookup {name} {server}", "a server given by its address")
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


def _aaaa_first(w: Where, a: DnsAnswer) -> bool:
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
    return jitter(w, "nslookup", a.name, w.state.clock) % 2 == 1


def _busybox_nslookup(w: Where, name: str, server: str | None, is_ptr: bool) -> ProbeResult:
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


def _host(w: Where, args: list[str]) -> ProbeResult:
    version = w.tools.bind
    assert version is not None  # probe() checked the need
    qtype: QType | None = None
    words: list[str] = []
    i = 0
    while i < len(args):
        if args[i] == "-t" and i + 1 < len(args):
            t = args[i + 1].upper()
            if t not in ("A", "AAAA", "PTR"):
                return not_simulated(f"host -t {args[i + 1]}", "host [-t A|AAAA] NAME")
            qtype = t  # type: ignore[assignment]
            i += 2
            continue
        if args[i].startswith("-"):
            return not_simulated(f"host {args[i]}", "host [-t A|AAAA] NAME [SERVER]")
        words.append(args[i])
        i += 1
    if len(words) not in (1, 2):
        return not_simulated(f"host {' '.join(args)}", "host [-t A|AAAA] NAME [SERVER]")
    name, server = words[0], (words[1] if len(words) == 2 else None)
    if server is not None and not _is_address(server):
        return not_simulated(f"host {name} {server}", "a server given by its address")
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


def _getent(w: Where, args: list[str]) -> ProbeResult:
    impl = w.tools.getent
    assert impl is not None  # probe() checked the need
    if len(args) >= 2 and args[0] in ("ahosts", "ahostsv4") and impl == "glibc":
        return _getent_ahosts(w, args)
    if len(args) < 2 or args[0] != "hosts":
        return not_simulated(f"getent {' '.join(args)}", "getent hosts NAME…")
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


def _getent_ahosts(w: Where, args: list[str]) -> ProbeResult:
    """glibc ``getent ahosts``/``ahostsv4`` (nss/getent.c ahosts_keys_int): getaddrinfo with
    AI_ADDRCONFIG|AI_CANONNAME and no socket type, so each address comes three times (STREAM,
    DGRAM, RAW), printed ``"%-15s %-6s %s"`` with ai_canonname on the first entry only; exit
    status 2 when a name has no address. AI_ADDRCONFIG asks for a family only where an
    interface other than lo has an address of it (sysdeps/unix/sysv/linux/check_pf.c: lo's ::1
    does not count), so a container without IPv6 gets the IPv4 answer; one with IPv6 gets
    both, sorted as for any program (:func:`resolve_any`: IPv6 first; measured:
    78-ipv6-dual-stack ``getent ahosts w6``). ``ahostsv4``: AF_INET."""
    if w.container is None:
        return not_simulated(f"getent {' '.join(args)}", "getent ahosts NAME in a container")
    v4, v6 = has_ipv4(w), has_global_ipv6(w)
    family = 4 if args[0] == "ahostsv4" or not v6 else 6 if not v4 else None
    out: list[str] = []
    code = 0
    for name in args[1:]:
        look = resolve_any(w, name, family)
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


TOOL = register(Tool("dnstools", (Program("dig", _dig, BIND),
                                  Program("nslookup", _nslookup, NSLOOKUP),
                                  Program("host", _host, BIND),
                                  Program("getent", _getent, GETENT))))
