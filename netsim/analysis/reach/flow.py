"""One flow, followed hop by hop the way the kernel and Docker's rules would: :func:`reach`.

The walk starts at a vantage (:mod:`netsim.analysis.vantage`) and reads the topology index
(:mod:`netsim.analysis.index`); each hop names the rule that decided it
(:data:`~netsim.analysis.reach.trace.RULES`). What the LAN, its router and netsim's internet
answer is said in :mod:`netsim.analysis.reach`. A flow to an IPv6 address is walked by
:mod:`netsim.analysis.reach.flow6`, with this module's arrival and host-input steps.
"""

from __future__ import annotations

import ipaddress
from typing import Any, Literal

from netsim.analysis.graph import INTERNET, LAN, ROUTER, host_node, sandbox_node
from netsim.analysis.index import (
    Domain,
    HostNs,
    Iface,
    Iface6,
    Sandbox,
    TopologyIndex,
    private_pair,
    topology_index,
)
from netsim.analysis.reach.flow6 import LOOPBACK6, from_host6, from_outside6, from_sandbox6
from netsim.analysis.reach.trace import SYMPTOMS, Disposition, Hop, Proto, Symptom, Trace
from netsim.analysis.vantage import resolve_vantage
from netsim.daemon.drivers import get as driver_of
from netsim.errors import InputError
from netsim.state import ContainerState, State

__all__ = ["reach"]

IPv4 = ipaddress.IPv4Address
IPv6 = ipaddress.IPv6Address

#: the documentation ranges (RFC 5737) stand for internet machines, like public addresses
#: (the conformance lab's internet holds 203.0.113.0/24 and 198.51.100.0/24); a LAN on one of
#: them is the LAN, not the internet (on-link addresses are looked at first)
_INTERNET_NETS = (ipaddress.IPv4Network("192.0.2.0/24"), ipaddress.IPv4Network("198.51.100.0/24"),
                  ipaddress.IPv4Network("203.0.113.0/24"))
_INTERNET_PORTS = frozenset({"80/tcp", "443/tcp", "53/udp", "53/tcp"})
#: the LAN router is the LAN's DNS server (the hosts' resolv.conf names it), over UDP and TCP
_ROUTER_PORTS = frozenset({"53/udp", "53/tcp"})
_LOOPBACK = ipaddress.IPv4Network("127.0.0.0/8")


def _is_internet(ip: IPv4) -> bool:
    return ip.is_global or any(ip in n for n in _INTERNET_NETS)


# --------------------------------------------------------------------------------------------
# One flow


class _Flow:
    """The walk of one packet, collecting hops."""

    __slots__ = ("expect", "hops", "icmp_from", "ix", "lan_machine", "port", "proto", "routers",
                 "symptom")

    def __init__(self, ix: TopologyIndex, port: int | None, proto: Proto) -> None:
        self.ix = ix
        self.port = port
        self.proto = proto
        self.hops: list[Hop] = []
        self.expect: Sandbox | None = None  # the container the flow is meant for
        self.routers = 0
        #: the address ``@lan`` stands for, when it is the destination (see :func:`_stand_in`)
        self.lan_machine: IPv4 | None = None
        #: what the client sees, when the deciding hop says (else the disposition's), and the
        #: address an ICMP error comes from (Symptom.ROUTER_NO_ROUTE)
        self.symptom: Symptom | None = None
        self.icmp_from: str | None = None

    def hop(self, node: str, text: str, rule: str) -> None:
        self.hops.append(Hop(node, text, rule))

    def end(self, d: Disposition, node: str, text: str, rule: str) -> Disposition:
        self.hop(node, text, rule)
        return d

    @property
    def what(self) -> str:
        return f"port {self.port}/{self.proto}" if self.port else "ICMP echo"

    # ---------------------------------------------------------------- arrival

    def arrive(self, sb: Sandbox, ip: IPv4 | IPv6, how: str) -> Disposition:
        names = "/".join(c.name for c in sb.containers)
        if self.expect is not None and sb is not self.expect:
            return self.end(Disposition.SHADOWED_ADDRESS, sb.node,
                            f"{how}: {ip} is {names}'s address on {sb.host}, not "
                            f"{self.expect.name}'s on {self.expect.host}", "shadowed")
        if self.port is None:
            return self.end(Disposition.DELIVERED, sb.node,
                            f"{how}; {names} answers the echo request", "icmp")
        key = f"{self.port}/{self.proto}"
        if key in sb.listening:
            return self.end(Disposition.DELIVERED, sb.node,
                            f"{how}; a process in {names} listens on {key}", "listen")
        return self.end(Disposition.NOTHING_LISTENING, sb.node,
                        f"{how}; nothing in {names} listens on {key}: refused", "listen")

    def host_input(self, h: HostNs, ip: IPv4 | IPv6, *, via: str,
                   proxied: bool = False) -> Disposition:
        """A packet for one of host ``h``'s own addresses (or its loopback from the host:
        ``proxied``, a published TCP port is docker-proxy's). An IPv6 connection takes only the
        bindings on ``::`` or that address; IPv4 ones those on ``0.0.0.0`` or it: a binding on
        ``::`` is IPv6-only on every engine (publish.family)."""
        if self.port is None:
            return self.end(Disposition.DELIVERED, h.node,
                            f"{via}; host {h.name} answers the echo request for {ip}", "icmp")
        key = f"{self.port}/{self.proto}"
        binding = None
        only: str | None = None  # the port is published only elsewhere (loopback, IPv4)
        wanted, other = (("::", str(ip)), "0.0.0.0") if ip.version == 6 else (
            ("0.0.0.0", str(ip)), "::")
        for host_ip, c, cport in h.published.get((self.port, self.proto), ()):
            if host_ip in wanted:
                binding = (host_ip, c, cport)
                break
            if host_ip.startswith("127.") or host_ip in ("::1", other):
                only = host_ip
        if binding is not None:
            return self._published(h, ip, binding, via=via, proxied=proxied)
        if key in h.listening:
            names = ", ".join(c.name for c in h.host_mode if key in c.listening)
            return self.end(Disposition.DELIVERED, h.node,
                            f"{via}; {names} (host network) listens on {key}", "host.process")
        if only is not None:
            family = {"0.0.0.0": "on IPv4 only", "::": "on IPv6 only ([::], IPV6_V6ONLY)"}
            where = family.get(only, f"only on {only}")
            return self.end(Disposition.PORT_NOT_PUBLISHED, h.node,
                            f"{via}; {self.port}/{self.proto} is published {where} "
                            f"of {h.name}, not on {ip}: refused",
                            "publish.family" if only in family else "publish.localhost")
        return self.end(Disposition.PORT_NOT_PUBLISHED, h.node,
                        f"{via}; no container publishes {key} on {h.name} and no host process "
                        "listens: refused", "publish.none")

    def _published(self, h: HostNs, ip: IPv4 | IPv6, binding: tuple[str, ContainerState, int],
                   *, via: str, proxied: bool) -> Disposition:
        """A published port takes the connection to the container: over IPv6 to the
        container's IPv6 address when it has one, else (docker-proxy) to its IPv4 address
        (v28.5.2:libnetwork/drivers/bridge/port_mapping_linux.go:135-160; v26.1.5:…:62-70)."""
        host_ip, c, cport = binding
        sb = self.ix.sandbox_of.get((h.name, c.name))
        mapping = (f"[{host_ip}]" if ":" in host_ip else host_ip) + \
            f":{self.port}->{cport}/{self.proto}"
        target: Iface | Iface6 | None = sb.default if sb is not None else None
        if sb is not None and (ip.version == 6 or target is None):
            ep = target.ep if target is not None else None
            six = next((i for i in sb.ifaces6 if i.ep is ep), None) if ep is not None else \
                sb.default6
            if self.ix.state.profile.gateway_per_family and sb.default6 is not None:
                # ≥ 28: the IPv6 bindings are the IPv6 gateway endpoint's (default_gateway.go
                # selectGatewayEndpoint; port_mapping_linux.go configurePortBindingIPv6)
                six = sb.default6
            target = six if six is not None else target
        if sb is None or target is None:  # pragma: no cover - mappings need a gateway
            return self.end(Disposition.CONTAINER_NOT_RUNNING, h.node,
                            f"{via}; {c.name} publishes {mapping} but is not running",
                            "not-running")
        to = f"[{target.ip}]:{cport}" if target.ip.version == 6 else f"{target.ip}:{cport}"
        if proxied and self.proto == "tcp":
            self.hop(h.node, f"{via}; {c.name} publishes {mapping}: docker-proxy accepts "
                             f"the connection and opens one to {to}", "publish.proxy")
        else:
            self.hop(h.node, f"{via}; {c.name} publishes {mapping}: DNAT/docker-proxy send "
                             f"it to {to}", "publish")
        saved, expect = self.port, self.expect
        self.port, self.expect = cport, None
        try:
            return self.arrive(sb, target.ip, f"it enters {c.name} through {target.ep.ifname}")
        finally:
            self.port, self.expect = saved, expect

    # ---------------------------------------------------------------- from a container

    def from_sandbox(self, sb: Sandbox, ip: IPv4) -> Disposition:
        ix = self.ix
        if ip in _LOOPBACK:
            return self.arrive(sb, ip, f"{ip} is loopback: it stays in {sb.name}'s namespace "
                                       "(lo)")
        own = next((i for i in sb.ifaces if i.ip == ip), None)
        if own is not None:
            return self.arrive(sb, ip, f"{ip} is {sb.name}'s own address ({own.ep.ifname}): "
                                       "delivered locally")
        out = next((i for i in sb.ifaces if ip in i.subnet), None)
        if out is not None:
            self.hop(out.node, f"{ip} is on-link: {sb.name} sends it out of {out.ep.ifname} "
                               f"({out.ip}/{out.subnet.prefixlen}, network {out.net.name})",
                     "route.onlink")
            return self.on_link(ix.domains[out.domain], ip, src=out)
        gw = sb.default
        if gw is None:
            if not sb.ifaces:
                if sb.ifaces6:
                    return self.end(Disposition.NO_ROUTE, sb.node,
                                    f"{sb.name}'s networks are IPv6-only: it has no IPv4 "
                                    f"address and no route to {ip} (Network is unreachable)",
                                    "route.none")
                return self.end(Disposition.NO_INTERFACE, sb.node,
                                f"{sb.name} has only lo: no network to send {ip} on",
                                "none")
            internal = [i for i in sb.ifaces if i.net.internal]
            if internal:
                nets = ", ".join(i.net.name for i in internal)
                return self.end(Disposition.INTERNAL_NETWORK, sb.node,
                                f"{ip} is off-subnet and {sb.name} has no default route: "
                                f"{nets} is --internal (Network is unreachable)", "internal")
            return self.end(Disposition.NO_ROUTE, sb.node,
                            f"{ip} is off-subnet and {sb.name} has no default route "
                            "(Network is unreachable)", "route.none")
        via = f" via {gw.ep.gateway}" if gw.ep.gateway else ""
        self.hop(gw.node, f"{ip} is off-subnet: {sb.name} sends it out of {gw.ep.ifname} "
                          f"(network {gw.net.name}){via}, its default route", "route.default")
        dom = ix.domains[gw.domain]
        if dom.kind == "bridge":  # the bridge's address is the host's: it routes
            h = ix.hosts[sb.host]
            return self.host_forward(h, ip, ingress=gw)
        if dom.kind == "l3":
            sib = dom.owners.get(ip)
            if sib is not None and sib.iface is not None:
                return self.arrive(sib.iface.sandbox, ip,
                                   f"the ipvlan l3 parent routes it to {sib.iface.sandbox.name}")
            return self.end(Disposition.NOT_MASQUERADED, dom.node,
                            f"it leaves {dom.node} with source {gw.ip}; ipvlan l3 does no NAT "
                            "and the LAN has no route back", "ipvlan.l3")
        # macvlan / ipvlan l2: the gateway must be a router on the parent's segment
        router = dom.owners.get(gw.ep.gateway) if gw.ep.gateway else None
        if router is None or router.kind != "router":
            return self.end(Disposition.HOST_UNREACHABLE, dom.node,
                            f"no machine on the segment answers ARP for the gateway "
                            f"{gw.ep.gateway}", "lan.arp")
        self.hop(ROUTER, f"the LAN router {gw.ep.gateway} takes it", "lan.router")
        return self.beyond_router(ip, masq_ok=True, src_addr=gw.ip)

    def on_link(self, dom: Domain, ip: IPv4, *, src: Iface | None,
                from_host: str | None = None) -> Disposition:
        owner = dom.owners.get(ip)
        if owner is None and ip == self.lan_machine and dom.key == "lan":
            what = ("answers the echo request" if self.port is None else
                    f"accepts the connection on {self.port}/{self.proto}")
            return self.end(Disposition.DELIVERED, LAN,
                            f"{ip} is netsim's machine on the LAN (@lan): it answers ARP on "
                            f"the segment and {what}", "lan.machine")
        if owner is None:
            return self.end(Disposition.HOST_UNREACHABLE, dom.node,
                            f"nobody on {dom.node} holds {ip}: no ARP reply", "lan.arp")
        if owner.kind == "router":
            self.hop(ROUTER, f"{ip} is the LAN's router", "lan.router")
            if self.port is None:
                return self.end(Disposition.DELIVERED, ROUTER,
                                "the router answers the echo request", "icmp")
            if f"{self.port}/{self.proto}" in _ROUTER_PORTS:
                return self.end(Disposition.DELIVERED, ROUTER,
                                "the router is the LAN's DNS server", "lan.router")
            return self.end(Disposition.NOTHING_LISTENING, ROUTER,
                            f"the router does not listen on {self.port}/{self.proto}: refused",
                            "listen")
        if owner.kind == "host":
            assert owner.host is not None
            h = self.ix.hosts[owner.host]
            parent_host = src.sandbox.host if src is not None else from_host
            if dom.kind != "bridge" and parent_host == h.name:
                return self.end(Disposition.MACVLAN_HOST_ISOLATION, dom.node,
                                f"{ip} is {h.name}'s own address on the parent NIC; the kernel "
                                "does not pass traffic between a macvlan parent and its "
                                "children", "macvlan.host")
            rule_text = (f"{ip} is {h.name}'s address on {h.addresses.get(ip, 'its NIC')}")
            return self.host_input(h, ip, via=rule_text)
        target = owner.iface
        assert target is not None
        if dom.kind == "bridge":
            net = dom.net
            assert net is not None
            same = src is not None and target.sandbox is src.sandbox
            if src is not None and not net.icc and not same and not self._link_open(src,
                                                                                     target):
                return self.end(Disposition.ICC_DISABLED, dom.node,
                                f"bridge {net.interface} ({net.name}) has ICC off: it drops "
                                f"{src.sandbox.name} -> {target.sandbox.name}", "bridge.icc")
            how = (f"bridge {net.interface} ({net.name}) forwards it to "
                   f"{target.sandbox.name}'s {target.ep.ifname}")
            rule = "bridge.same" if net.icc or same else "bridge.link"
            self.hop(dom.node, how, rule)
            return self.arrive(target.sandbox, ip, f"{ip} is {target.sandbox.name}'s address")
        if dom.kind == "overlay":
            self.hop(dom.node, f"the overlay {dom.node.split(':', 1)[1]} carries it (VXLAN) to "
                               f"{target.sandbox.name} on {target.sandbox.host}",
                     "overlay.same")
            return self.arrive(target.sandbox, ip, f"{ip} is {target.sandbox.name}'s address")
        # a LAN or a macvlan/ipvlan segment: target is a macvlan/ipvlan child
        if src is None and from_host == target.sandbox.host:
            return self.end(Disposition.MACVLAN_HOST_ISOLATION, dom.node,
                            f"{ip} is a {target.net.driver} child of {from_host}'s own NIC; "
                            "the kernel keeps the parent and its children apart",
                            "macvlan.host")
        if src is not None and private_pair(src, target):
            mode_of = src if src.private else target
            return self.end(Disposition.MACVLAN_PRIVATE_MODE, dom.node,
                            f"{src.sandbox.name} and {target.sandbox.name} are macvlan children "
                            f"of the same parent on {target.sandbox.host} and "
                            f"{mode_of.net.name} is in private mode: no ARP reply for {ip}",
                            "macvlan.private")
        self.hop(dom.node, f"{target.sandbox.name} ({target.net.driver} on "
                           f"{target.sandbox.host}) answers ARP for {ip} on the segment",
                 driver_of(target.net.driver).segment_rule)
        return self.arrive(target.sandbox, ip, f"{ip} is {target.sandbox.name}'s address")

    def _link_open(self, src: Iface, dst: Iface) -> bool:
        """ICC off: a legacy link opens the linked container's exposed ports (bridge.link)."""
        if self.port is None:
            return False
        key = f"{self.port}/{self.proto}"
        a, b = src.sandbox.containers[0], dst.sandbox.containers[0]
        linked = any(t == b.name for t, _ in a.legacy_links) or any(
            t == a.name for t, _ in b.legacy_links)
        target = b if any(t == b.name for t, _ in a.legacy_links) else a
        return linked and key in target.exposed_ports

    def host_forward(self, h: HostNs, ip: IPv4, *, ingress: Iface | None) -> Disposition:
        """The packet is in host ``h``'s namespace (from a bridge, or the host's own)."""
        came = (f"it enters {h.name} through {ingress.net.interface} "
                f"({ingress.net.name})") if ingress else f"{h.name} routes it"
        if ip in h.addresses:
            return self.host_input(h, ip, via=f"{came}; {ip} is {h.name}'s own address "
                                              f"({h.addresses[ip]})")
        found = h.bridge_for(ip)
        if found is not None:
            _subnet, dom = found
            net = dom.net
            assert net is not None
            if ingress is None:  # the host itself: on-link on that bridge
                self.hop(dom.node, f"{h.name} reaches {ip} on-link through "
                                   f"{net.interface} ({net.name})", "host.reaches")
                owner = dom.owners.get(ip)
                if owner is None or owner.iface is None:
                    return self.end(Disposition.HOST_UNREACHABLE, dom.node,
                                    f"nobody on {net.interface} holds {ip}: no ARP reply",
                                    "lan.arp")
                return self.arrive(owner.iface.sandbox, ip,
                                   f"{ip} is {owner.iface.sandbox.name}'s address")
            return self.end(Disposition.ISOLATED_NETWORKS, dom.node,
                            f"{came}; {ip} is on {net.name} ({net.interface}), another "
                            f"network: Docker drops traffic into {net.interface} that does "
                            "not come from it", "bridge.isolation")
        if ingress is not None and ingress.net.internal:
            # a gateway on an --internal bridge (EngineProfile.bridge_internal_gateway): the
            # FORWARD rules drop what leaves its subnet; only the host's own addresses answer
            return self.end(Disposition.INTERNAL_NETWORK, h.node,
                            f"{came}; {ingress.net.name} is --internal: Docker drops what "
                            f"leaves {ingress.subnet} (no reply)", "bridge.internal-drop")
        masq_ok = ingress is None or ingress.net.masquerade
        if ingress is not None:
            self.routers += 1
            rule = "nat.masquerade" if masq_ok else "nat.masquerade-off"
            text = (f"{came}; it leaves {h.name} by {h.nic.split('/')[-1]}, masqueraded to "
                    f"{h.lan_ip}" if masq_ok else
                    f"{came}; it leaves {h.name} by {h.nic.split('/')[-1]} with source "
                    f"{ingress.ip} (masquerade off)")
            self.hop(h.nic, text, rule)
        elif ip in self.ix.lan.subnet:
            self.hop(h.nic, f"{ip} is on the LAN: {came} out of {h.nic.split('/')[-1]}",
                     "route.onlink")
        else:
            self.hop(h.nic, f"{came} out of {h.nic.split('/')[-1]} to its default gateway "
                            f"{self.ix.lan.gateway}", "route.default")
        src_addr = ingress.ip if ingress is not None else h.lan_ip
        for subnet, dom in self.ix.overlay_subnets():
            if ip in subnet:
                return self.end(Disposition.ISOLATED_NETWORKS, dom.node,
                                f"{ip} is on the overlay {dom.node.split(':', 1)[1]}, which "
                                "the sender is not attached to: nothing routes into it",
                                "overlay.isolation")
        if ip in self.ix.lan.subnet:
            if not masq_ok:
                return self.end(Disposition.NOT_MASQUERADED, LAN,
                                f"{ip} on the LAN would answer {src_addr}, which the LAN "
                                "does not route back", "nat.masquerade-off")
            return self.on_link(self.ix.domains["lan"], ip, src=None, from_host=h.name)
        self.hop(ROUTER, f"the LAN router {self.ix.lan.gateway} takes it ({h.name}'s default "
                         "route)", "lan.router")
        return self.beyond_router(ip, masq_ok=masq_ok, src_addr=src_addr)

    def beyond_router(self, ip: IPv4, *, masq_ok: bool, src_addr: IPv4 | None) -> Disposition:
        self.routers += 1
        if not _is_internet(ip):
            return self.end(Disposition.UNKNOWN_DESTINATION, ROUTER,
                            f"no simulated machine holds {ip}; the router has nowhere to send "
                            "it", "internet.unknown")
        if not masq_ok:
            return self.end(Disposition.NOT_MASQUERADED, INTERNET,
                            f"{ip} answers {src_addr}, a private address nobody routes back",
                            "nat.masquerade-off")
        if self.port is not None and f"{self.port}/{self.proto}" not in _INTERNET_PORTS:
            return self.end(Disposition.NOTHING_LISTENING, INTERNET,
                            f"{ip} is on the internet; netsim's internet listens only on 80, "
                            "443/tcp and 53/udp+tcp: refused", "internet")
        return self.end(Disposition.DELIVERED, INTERNET,
                        f"{ip} on the internet answers through NAT", "internet")

    # ---------------------------------------------------------------- from vantage points

    def from_lan(self, ip: IPv4) -> Disposition:
        self.hop(LAN, f"a machine on the LAN ({self.ix.lan.subnet}) sends to {ip}", "vantage")
        if ip in self.ix.lan.subnet:
            return self.on_link(self.ix.domains["lan"], ip, src=None)
        for h in self.ix.hosts.values():
            found = h.bridge_for(ip)
            if found is not None:
                return self.end(Disposition.NO_ROUTE, ROUTER,
                                f"{ip} is inside {found[0]}, a network private to "
                                f"{h.name}; the LAN has no route to it", "lan.noroute")
        self.hop(ROUTER, "the LAN router takes it", "lan.router")
        return self.beyond_router(ip, masq_ok=True, src_addr=None)

    def from_internet(self, ip: IPv4) -> Disposition:
        self.hop(INTERNET, f"a client on the internet sends to {ip}", "vantage")
        for h in self.ix.hosts.values():
            if h.lan_ip == ip:
                self.hop(ROUTER, f"the router passes it to {h.name}", "internet.inbound")
                return self.host_input(h, ip, via=f"{ip} is {h.name}'s address")
        # the LAN first: on a documentation range (the default 198.51.100.0/24) it is the LAN
        if _is_internet(ip) and ip not in self.ix.lan.subnet:
            return self.end(Disposition.DELIVERED if self.port is None or
                            f"{self.port}/{self.proto}" in _INTERNET_PORTS
                            else Disposition.NOTHING_LISTENING, INTERNET,
                            f"{ip} is another machine on the internet", "internet")
        return self.end(Disposition.NO_ROUTE, ROUTER,
                        f"{ip} is not a public address of any Docker host: the internet has no "
                        "route to it", "internet.inbound")


_Src = tuple[Literal["sandbox"], Sandbox] | tuple[Literal["host"], HostNs] | tuple[
    Literal["lan", "internet"], None] | tuple[Literal["dead"], str]


def _source(ix: TopologyIndex, src: str, flow: _Flow) -> _Src | Disposition:
    """Where the flow starts, or a disposition when it cannot start at all."""
    v = resolve_vantage(ix.state, src, role="source", index=ix)
    if v.kind == "lan":
        return ("lan", None)
    if v.kind == "internet":
        return ("internet", None)
    assert v.host is not None
    if v.kind == "host":
        return ("host", ix.hosts[v.host])
    assert v.name is not None
    host, c = v.host, ix.state.hosts[v.host].containers[v.name]
    if not c.running:
        return flow.end(Disposition.CONTAINER_NOT_RUNNING, sandbox_node(host, c.name),
                        f"{c.name} is {c.status}: it has no network namespace", "not-running")
    if (host, c.name) in ix.host_members:
        flow.hop(host_node(host), f"{c.name} uses the host's network namespace: its packets "
                                  f"are {host}'s own", "host.process")
        return ("host", ix.hosts[host])
    sb = ix.sandbox_of.get((host, c.name))
    if sb is None:
        flow.hop(sandbox_node(host, c.name), f"{c.name} joined a namespace that is gone (its "
                                             "owner stopped or restarted): only lo is left",
                 "sandbox.gone")
        return ("dead", c.name)
    if sb.name != c.name:
        flow.hop(sb.node, f"{c.name} shares {sb.name}'s network namespace "
                          f"(--network container:{sb.name})", "container-mode")
    return ("sandbox", sb)


def _address6(dst: str) -> IPv6 | None:
    """An IPv6 address as a destination (``fd00::2``, ``[fd00::2]``); None: something else
    (container names and ``@`` vantages never hold a colon)."""
    if ":" not in dst:
        return None
    try:
        return IPv6(dst[1:-1] if dst.startswith("[") and dst.endswith("]") else dst)
    except ValueError:
        return None


def _destination(ix: TopologyIndex, dst: str, origin: _Src, flow: _Flow, family: int | None
                 ) -> list[IPv4] | list[IPv6] | Disposition:
    """The addresses a destination stands for, best first (the one sharing a network with the
    source), or a disposition when it has none. ``family`` 6: a container's IPv6 addresses
    (``localhost``: ``::1``); 4: its IPv4 ones only; None (a name, as a program resolves it):
    its IPv4 addresses, else (no IPv4 address, or a source without one) its IPv6 ones
    (name.ipv6)."""
    six = _address6(dst)
    if six is not None:
        return [six]
    if family == 6:
        if dst == "localhost":
            return [LOOPBACK6]
        return _destination6(ix, dst, origin, flow)
    where = origin[1]
    # "@host" without a host named host: the source's own host (else the first)
    near = (where.host if isinstance(where, Sandbox) else
            where.name if isinstance(where, HostNs) else None)
    v = resolve_vantage(ix.state, dst, role="destination", near=near, index=ix)
    if v.kind == "address":
        assert v.address is not None
        return [v.address]
    if v.kind == "internet":
        return [_stand_in(ix, "internet")]
    if v.kind == "lan":
        flow.lan_machine = _stand_in(ix, "lan")
        return [flow.lan_machine]
    assert v.host is not None
    if v.kind == "host":
        lan_ip = ix.hosts[v.host].lan_ip
        assert lan_ip is not None  # resolve_vantage checked it
        return [lan_ip]
    assert v.name is not None
    host, c = v.host, ix.state.hosts[v.host].containers[v.name]
    node = sandbox_node(host, c.name)
    if not c.running:
        return flow.end(Disposition.CONTAINER_NOT_RUNNING, node,
                        f"{c.name} is {c.status}: it has no address", "not-running")
    if (host, c.name) in ix.host_members:
        h = ix.hosts[host]
        if h.lan_ip is None:  # pragma: no cover - every host has a LAN address
            return flow.end(Disposition.NO_INTERFACE, h.node, f"{host} has no address",
                            "host.process")
        return [h.lan_ip]
    sb = ix.sandbox_of.get((host, c.name))
    src_sb = origin[1] if isinstance(origin[1], Sandbox) else None
    if family is None and sb is not None and sb.ifaces6 and (not sb.ifaces or (
            src_sb is not None and not src_sb.ifaces and src_sb.ifaces6)):
        who = (f"{c.name} has no IPv4 address" if not sb.ifaces or src_sb is None else
               f"{src_sb.name} has no IPv4 address, so {c.name}'s are unusable")
        flow.hop(_origin_node(origin), f"{who}: the name resolves to {c.name}'s IPv6 address "
                                       "(AAAA) and the flow goes over IPv6", "name.ipv6")
        return _destination6(ix, dst, origin, flow)
    if sb is None or not sb.ifaces:
        why = ("its network namespace is gone" if sb is None else
               "it has only IPv6 addresses (family=6)" if sb.ifaces6 else "it has only lo")
        return flow.end(Disposition.NO_INTERFACE, node,
                        f"{c.name} has no address to send to: {why}",
                        "sandbox.gone" if sb is None else "none")
    flow.expect = sb
    return _nearest_first(sb, origin, family=4)  # type: ignore[return-value]


def _origin_node(origin: _Src) -> str:
    kind, where = origin
    if isinstance(where, (Sandbox, HostNs)):
        return where.node
    return LAN if kind == "lan" else INTERNET if kind == "internet" else f"sandbox:?/{where}"


def _destination6(ix: TopologyIndex, dst: str, origin: _Src, flow: _Flow
                  ) -> list[IPv4] | list[IPv6] | Disposition:
    """A destination's IPv6 addresses: a container's (the one on a network shared with the
    source first); a Docker host, the LAN and the internet have none in netsim."""
    where = origin[1]
    near = (where.host if isinstance(where, Sandbox) else
            where.name if isinstance(where, HostNs) else None)
    v = resolve_vantage(ix.state, dst, role="destination", near=near, index=ix)
    if v.kind == "address":  # an IPv4 address is walked over IPv4
        assert v.address is not None
        return [v.address]
    if v.kind in ("lan", "internet", "host") or (
            v.kind == "container" and v.host is not None and
            (v.host, v.name) in ix.host_members):
        what = {"lan": "netsim's LAN", "internet": "netsim's internet"}.get(
            v.kind, f"Docker host {v.host}'s LAN")
        node = {"lan": LAN, "internet": INTERNET}.get(v.kind, host_node(v.host or ""))
        return flow.end(Disposition.NO_ROUTE, node,
                        f"{dst} has no IPv6 address: {what} is IPv4 only", "ip6.noroute")
    assert v.host is not None and v.name is not None
    host, c = v.host, ix.state.hosts[v.host].containers[v.name]
    node = sandbox_node(host, c.name)
    if not c.running:
        return flow.end(Disposition.CONTAINER_NOT_RUNNING, node,
                        f"{c.name} is {c.status}: it has no address", "not-running")
    sb = ix.sandbox_of.get((host, c.name))
    if sb is None or not sb.ifaces6:
        why = ("its network namespace is gone" if sb is None else
               "it has only lo" if not sb.ifaces else "none of its networks has IPv6 enabled")
        return flow.end(Disposition.NO_INTERFACE, node,
                        f"{c.name} has no IPv6 address to send to: {why}",
                        "sandbox.gone" if sb is None else "none")
    flow.expect = sb
    return _nearest_first(sb, origin, family=6)  # type: ignore[return-value]


def _nearest_first(sb: Sandbox, origin: _Src, *, family: int) -> list[IPv4 | IPv6]:
    """The destination's addresses of one family, those on a network the source shares first
    (a program tries the address its own subnet holds before one it must route to)."""
    def of(box: Sandbox) -> list[Any]:
        return list(box.ifaces) if family == 4 else list(box.ifaces6)

    ifaces = of(sb)
    if origin[0] == "sandbox":
        src_sb = origin[1]
        assert isinstance(src_sb, Sandbox)
        shared = {i.domain for i in of(src_sb)}
        ifaces.sort(key=lambda i: i.domain not in shared)
    return [i.ip for i in ifaces]


def _stand_in(ix: TopologyIndex, kind: Literal["lan", "internet"]) -> IPv4:
    """The address ``@internet`` or ``@lan`` stands for as a destination.

    ``@internet``: the first address of 203.0.113.0/24 (the range netsim's embedded DNS answers
    internet names from), or of the next documentation range (RFC 5737) that neither the LAN
    nor a Docker network's subnet holds.
    ``@lan``: netsim's LAN machine, the highest address of the LAN's subnet that neither the
    router, a Docker host nor a macvlan/ipvlan container holds. The walk to either is the walk
    to that address: off the source's subnet by its default route, masqueraded by its Docker
    host (nat.masquerade), then the LAN, or the LAN router and the internet.
    """
    if kind == "internet":  # (nor a range a Docker network holds: that would be on-link)
        taken = [ix.lan.subnet, *(s.subnet for n in ix.state.networks() for s in n.subnets
                                  if s.subnet.version == 4)]
        for net in reversed(_INTERNET_NETS):
            if not any(net.overlaps(t) for t in taken):
                return net.network_address + 1
        return IPv4("9.9.9.9")  # pragma: no cover - a LAN holding all three ranges
    subnet = ix.lan.subnet
    held = ix.domains["lan"].owners
    last = int(subnet.broadcast_address) - 1
    for n in range(last, max(int(subnet.network_address), last - 4096), -1):
        if IPv4(n) not in held:
            return IPv4(n)
    return IPv4(max(last, int(subnet.network_address)))  # pragma: no cover - a full LAN


class _Addr(ipaddress.IPv4Address):
    """An IPv4 address that formats itself once: a trace's sentences name it many times."""

    __slots__ = ("_text",)

    def __init__(self, address: int) -> None:
        super().__init__(address)
        self._text = super().__str__()

    def __str__(self) -> str:
        return self._text

    def __format__(self, fmt: str) -> str:
        return self._text if not fmt else super().__format__(fmt)


def _walk6(origin: _Src, ip: IPv6, flow: _Flow) -> Disposition:
    kind, where = origin
    if kind == "sandbox":
        assert isinstance(where, Sandbox)
        return from_sandbox6(flow, where, ip)
    if kind == "host":
        assert isinstance(where, HostNs)
        return from_host6(flow, where, ip)
    if kind in ("lan", "internet"):
        return from_outside6(flow, kind, ip)
    if ip == LOOPBACK6:  # a dead joiner: only lo
        return flow.end(Disposition.DELIVERED if flow.port is None else
                        Disposition.NOTHING_LISTENING, f"sandbox:?/{where}",
                        f"{ip} is its own lo", "lo")
    return flow.end(Disposition.NO_INTERFACE, f"sandbox:?/{where}",
                    f"only lo is left: no network to send {ip} on", "sandbox.gone")


def _walk(ix: TopologyIndex, origin: _Src, ip: IPv4 | IPv6, flow: _Flow) -> Disposition:
    if isinstance(ip, IPv6):
        return _walk6(origin, ip, flow)
    ip = _Addr(int(ip))
    kind, where = origin
    if kind == "sandbox":
        assert isinstance(where, Sandbox)
        return flow.from_sandbox(where, ip)
    if kind == "host":
        assert isinstance(where, HostNs)
        if ip in _LOOPBACK:
            return flow.host_input(where, ip, via=f"{ip} is {where.name}'s loopback",
                                   proxied=True)
        return flow.host_forward(where, ip, ingress=None)
    if kind == "lan":
        return flow.from_lan(ip)
    if kind == "internet":
        return flow.from_internet(ip)
    # a dead joiner: only lo
    if ip in _LOOPBACK:
        return flow.end(Disposition.DELIVERED if flow.port is None else
                        Disposition.NOTHING_LISTENING, f"sandbox:?/{where}",
                        f"{ip} is its own lo", "lo")
    return flow.end(Disposition.NO_INTERFACE, f"sandbox:?/{where}",
                    f"only lo is left: no network to send {ip} on", "sandbox.gone")


def reach(state: State, src: str, dst: str, *, port: int | None = None,
          proto: Proto | None = None, family: Literal[4, 6] | None = None) -> Trace:
    """Follow one flow from ``src`` to ``dst`` and explain it.

    ``src``: a container (``NAME`` or ``HOST/NAME``) or a vantage point (``@host``, ``@NAME``,
    ``@lan``, ``@internet``). ``dst``: a container, an IPv4 or IPv6 address, ``localhost``,
    ``@NAME`` (that Docker host's LAN address), ``@internet`` or ``@lan`` (the addresses they
    stand for: :func:`_stand_in`). Without ``port`` the flow is an ICMP echo (ping); with it,
    TCP unless ``proto="udp"``. A container destination is tried at each of its addresses, the
    one on a network shared with the source first; the first that delivers is returned, else the
    first tried. ``family=6`` takes a container's IPv6 addresses instead (``localhost`` is
    ``::1``; a Docker host, ``@lan`` and ``@internet`` have none: netsim's LAN is IPv4 only);
    ``family=4`` its IPv4 addresses only; without ``family`` a container is reached at its IPv4
    addresses, else (it has none, or the source has none) at its IPv6 ones, as a program
    resolving its name would (the first hop says so: name.ipv6). An IPv6 address is walked over
    IPv6 whatever ``family`` says. Raises :class:`InputError` for an unknown name.

    >>> from netsim import apply
    >>> from netsim.api import ContainerConfig, ContainerCreate, ContainerSpec
    >>> st = apply([ContainerCreate(container=ContainerSpec(
    ...             name=n, Config=ContainerConfig(Image="nginx"))) for n in ("web1", "web2")])
    >>> reach(st, "web1", "web2", port=80).disposition.value
    'DELIVERED'
    >>> reach(st, "web1", "web2", port=81).disposition.value
    'NOTHING_LISTENING'
    >>> [h.rule for h in reach(st, "web1", "@internet").hops]
    ['route.default', 'nat.masquerade', 'lan.router', 'internet']
    """
    if port is not None and not 0 < port < 65536:
        raise InputError("reach", "port out of range", got=str(port), accepted="1-65535")
    p: Proto = proto or ("tcp" if port is not None else "icmp")
    if p == "icmp":
        port = None
    ix = topology_index(state)
    first: Trace | None = None
    flow = _Flow(ix, port, p)
    started = _source(ix, src, flow)
    if isinstance(started, Disposition):
        return _trace(src, dst, None, flow, started)
    origin = started
    dest = _destination(ix, dst, origin, flow, family)
    if isinstance(dest, Disposition):
        return _trace(src, dst, None, flow, dest)
    prefix = list(flow.hops)
    for ip in dest:
        flow.hops = list(prefix)
        flow.routers = 0
        flow.symptom = flow.icmp_from = None
        d = _walk(ix, origin, ip, flow)
        t = _trace(src, dst, ip, flow, d)
        if t.delivered:
            return t
        if first is None:
            first = t
    assert first is not None
    return first


def _trace(src: str, dst: str, ip: IPv4 | IPv6 | None, flow: _Flow, d: Disposition) -> Trace:
    symptom = SYMPTOMS[d]
    if d is Disposition.NOTHING_LISTENING and any(h.rule == "publish.proxy" for h in flow.hops):
        symptom = Symptom.RESET  # docker-proxy had accepted the connection
    last = flow.hops[-1].rule if flow.hops else ""
    if last == "bridge.internal-drop":
        symptom = Symptom.TIMEOUT  # sent, then dropped by iptables: nothing comes back
    elif last == "bridge.icc6":
        symptom = Symptom.HOST_UNREACHABLE  # the neighbour solicitations were dropped too
    if flow.symptom is not None:  # the deciding hop said what the client sees
        symptom = flow.symptom
    return Trace(src, dst, str(ip) if ip is not None else None, flow.port, flow.proto, d,
                 symptom, tuple(flow.hops), flow.routers, flow.icmp_from)
