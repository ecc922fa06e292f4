"""A namespace's interfaces and routes as the tools print them: ``ip addr``/``ip link``/``ip
route`` (iproute2 6.15, 7.3 on a host that declares it, and BusyBox's ``ip``), ``ifconfig``
(net-tools, net-tools 1.60 and BusyBox), ``route`` and ``netstat -r`` (net-tools and BusyBox).
The interfaces themselves: :mod:`netsim.probes.interfaces`; counters in ``ifconfig`` are 0
(docker0's 2 dropped packets excepted)."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Sequence
from typing import Literal

from netsim.probes.context import (
    NOT_SIMULATED,
    ProbeResult,
    Where,
    in_host_ns,
    ipv6_addresses,
)
from netsim.probes.interfaces import Link, eui64_link_local, links_of, routes6_of, routes_of
from netsim.probes.registry import Need, Program, Tool, register

__all__ = ["IFCONFIG", "IP", "NETSTAT", "ROUTE", "TOOL"]

#: iproute2's ip or BusyBox's applet (which iproute2: :attr:`.Toolbox.ip_zero_qlen`)
IP = Need("ip", "ip", {"busybox": "busybox", "*": "iproute2"}, debian="iproute2",
          busybox="busybox")
#: net-tools' ifconfig (1.60: the old "inet addr:" layout, as BusyBox's) or BusyBox's
IFCONFIG = Need("ifconfig", "ifconfig",
                {"busybox": "busybox", "net-tools-1.60": "net-tools-1.60", "*": "net-tools"},
                debian="net-tools", busybox="busybox")
#: net-tools' route or BusyBox's
ROUTE = Need("route", "route", {"busybox": "busybox", "*": "net-tools"}, debian="net-tools",
             busybox="busybox")
#: net-tools' netstat or BusyBox's
NETSTAT = Need("netstat", "netstat", {"busybox": "busybox", "*": "net-tools"},
               debian="net-tools", busybox="busybox")


def _link_header(link: Link, links: Sequence[Link], w: Where, family: str | None,
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


def _ip_show(links: Sequence[Link], w: Where, family: str | None,
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
        v6 = ((link.kind == "lo" and link.loopback6) or link.link_local
              or link.addr6 is not None) and show == "addr" and family != "inet"
        if (family == "inet" and not v4) or (family == "inet6" and not v6):
            continue
        # iproute2 asks a named device's link with RTM_GETLINK (ipaddr_link_get), which the
        # kernel answers in full (rtnl_fill_ifinfo) whatever the family: the -4 header
        header = "inet" if impl == "iproute2" and family == "inet6" and only else family
        out.append(_link_header(link, links, w, header, show))
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
                out.append("       valid_lft forever preferred_lft forever")
                continue
            # the global address first: addrconf.c ipv6_link_dev_addr keeps an interface's
            # addresses by scope, global (0) before link (0x20)
            if link.addr6 is not None:
                # Docker adds it with IFA_F_NODAD (libnetwork osl/interface_linux.go
                # setInterfaceIPv6): iproute2 print_addrinfo names the flag, BusyBox prints
                # the flags byte (ipaddress.c)
                flags = "nodad " if impl == "iproute2" else "flags 02 "
                out.append(f"    inet6 {link.addr6.with_prefixlen} scope global " + flags)
                out.append("       valid_lft forever preferred_lft forever")
            if link.link_local:
                proto = "proto kernel_ll " if impl == "iproute2" else ""
                out.append(f"    inet6 {eui64_link_local(link.mac)}/64 scope link " + proto)
                out.append("       valid_lft forever preferred_lft forever")
    return ProbeResult("".join(line + "\n" for line in out), "", 0)


def _ip_route6(w: Where, impl: str) -> ProbeResult:
    """``ip -6 route``: iproute2 print_route (``proto kernel`` for the kernel's routes, the
    metric, ``pref medium``); BusyBox iproute.c print_route (no proto, pref or scope; a space
    before and after the metric)."""
    routes = routes6_of(w)
    if routes is None:
        return ProbeResult("", "netsim: 'ip -6 route' in a Docker host's namespace is not "
                               "simulated\n", NOT_SIMULATED)
    lines = []
    for dst, via, dev in routes:
        if impl == "iproute2":
            lines.append(f"default via {via} dev {dev} metric 1024 pref medium" if via
                         else f"{dst} dev {dev} proto kernel metric 256 pref medium")
        else:
            lines.append(f"default via {via} dev {dev}  metric 1024 " if via
                         else f"{dst} dev {dev}  metric 256 ")
    return ProbeResult("".join(line + "\n" for line in lines), "", 0)


def _ip_route(w: Where, impl: str) -> ProbeResult:
    down = {link.name for link in links_of(w) or () if not link.up}
    lines = []
    for dst, via, dev, src in routes_of(w):
        if dst == "default":
            lines.append(f"default via {via} dev {dev} " if via else f"default dev {dev} ")
        elif impl == "iproute2":
            # a route through an interface without carrier is flagged (RTNH_F_LINKDOWN)
            lines.append(f"{dst} dev {dev} proto kernel scope link src {src} "
                         + ("linkdown " if dev in down else ""))
        else:
            lines.append(f"{dst} dev {dev} scope link  src {src} ")
    return ProbeResult("".join(line + "\n" for line in lines), "", 0)


def _ip(w: Where, args: list[str]) -> ProbeResult:
    impl = w.tools.ip
    assert impl is not None  # probe() checked the need
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
        if links_of(w) is None:
            return ProbeResult("", "netsim: 'ip' at @lan or @internet is not simulated\n",
                               NOT_SIMULATED)
        return _ip_route6(w, impl) if family == "inet6" else _ip_route(w, impl)
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
    links = links_of(w)
    if links is None:
        return ProbeResult("", "netsim: 'ip' at @lan or @internet is not simulated\n",
                           NOT_SIMULATED)
    if show == "addr" and _host_ipv6(w):
        return _host_ipv6_note("ip addr")
    return _ip_show(links, w, family, show, rest[0] if rest else None)


def _host_ipv6(w: Where) -> bool:
    """A Docker host's namespace (or a --network host container's) with an IPv6 bridge: how
    the kernel shows a bridge's IPv6 address there (nodad or not, DAD's state) is not
    recorded, so the addresses are not shown as if known."""
    return (w.container is None or in_host_ns(w)) and bool(ipv6_addresses(w))


def _host_ipv6_note(what: str) -> ProbeResult:
    return ProbeResult("", f"netsim: '{what}' in a Docker host's namespace with IPv6 bridges "
                           "is not simulated\n", NOT_SIMULATED)


def _natural(name: str) -> list[int | str]:
    """net-tools and busybox list interfaces in this order (nstrcmp: eth2 before eth10)."""
    return [int(p) if p.isdigit() else p for p in _DIGITS.split(name)]


_DIGITS = re.compile(r"(\d+)")


def _ifconfig(w: Where, args: list[str]) -> ProbeResult:
    impl = w.tools.ifconfig
    assert impl is not None  # probe() checked the need
    links = links_of(w)
    if links is None:
        return ProbeResult("", "netsim: 'ifconfig' at @lan or @internet is not simulated\n",
                           NOT_SIMULATED)
    if _host_ipv6(w):
        return _host_ipv6_note("ifconfig")
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


def _ifconfig_block(link: Link, impl: str) -> list[str]:
    # the IPv6 addresses come from /proc/net/if_inet6, in the order of a hash of each address
    # mixed with a random per-namespace value (addrconf.c if6_seq_next, inet6_addr_hash): not
    # predictable, netsim prints the global one first (not measured)
    addr = link.addr
    ll = eui64_link_local(link.mac) if link.link_local and link.kind != "lo" else None
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
            if link.addr6 is not None:
                lines.append(f"          inet6 addr: {link.addr6.with_prefixlen} Scope:Global")
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
        if link.addr6 is not None:
            lines.append(f"        inet6 {link.addr6.ip}  prefixlen {link.addr6.network.prefixlen}"
                         "  scopeid 0x0<global>")
        if ll is not None:
            lines.append(f"        inet6 {ll}  prefixlen 64  scopeid 0x20<link>")
        lines.append(f"        ether {link.mac}  txqueuelen {link.qlen}  (Ethernet)")
    return [*lines,
            "        RX packets 0  bytes 0 (0.0 B)",
            "        RX errors 0  dropped 0  overruns 0  frame 0",
            "        TX packets 0  bytes 0 (0.0 B)",
            f"        TX errors 0  dropped {link.tx_dropped} overruns 0  carrier 0  "
            "collisions 0", ""]


def _route_table(w: Where, impl: str, *, numeric: bool, netstat: bool) -> ProbeResult:
    """``route [-n]`` and ``netstat -r[n]`` (net-tools lib/inet_gr.c; busybox route.c, which
    prints ``*`` for no gateway when not numeric)."""
    if netstat:
        out = ["Kernel IP routing table",
               "Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface"]
    else:
        out = ["Kernel IP routing table",
               "Destination     Gateway         Genmask         Flags Metric Ref    Use Iface"]
    for dst, via, dev, _src in routes_of(w):
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


def _route(w: Where, args: list[str]) -> ProbeResult:
    impl = w.tools.route
    assert impl is not None  # probe() checked the need
    if any(a != "-n" for a in args):
        return ProbeResult("", f"netsim: 'route {' '.join(args)}' is not simulated (route [-n] "
                               "is)\n", NOT_SIMULATED)
    if w.host is None:
        return ProbeResult("", "netsim: 'route' at @lan or @internet is not simulated\n",
                           NOT_SIMULATED)
    return _route_table(w, impl, numeric="-n" in args, netstat=False)


def _netstat(w: Where, args: list[str]) -> ProbeResult:
    impl = w.tools.netstat
    assert impl is not None  # probe() checked the need
    letters = "".join(a[1:] for a in args if a.startswith("-") and not a.startswith("--"))
    if "r" not in letters or set(letters) - {"r", "n"} or any(
            not a.startswith("-") or a.startswith("--") for a in args):
        return ProbeResult("", f"netsim: 'netstat {' '.join(args)}' is not simulated (netstat "
                               "-r[n] is)\n", NOT_SIMULATED)
    if w.host is None:
        return ProbeResult("", "netsim: 'netstat' at @lan or @internet is not simulated\n",
                           NOT_SIMULATED)
    return _route_table(w, impl, numeric="n" in letters, netstat=True)


TOOL = register(Tool("iproute", (Program("ip", _ip, IP),
                                 Program("ifconfig", _ifconfig, IFCONFIG),
                                 Program("route", _route, ROUTE),
                                 Program("netstat", _netstat, NETSTAT))))
