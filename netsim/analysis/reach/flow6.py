"""The IPv6 walk: one flow to an IPv6 address, hop by hop (what :func:`~netsim.analysis.reach.reach`
follows for an IPv6 destination).

It reads the IPv6 half of the topology index (:attr:`~netsim.analysis.index.Sandbox.ifaces6`,
:attr:`~netsim.analysis.index.Domain.owners6`, :meth:`~netsim.analysis.index.HostNs.bridge_for6`)
and decides as Docker's rules do for IPv6:

- on one bridge, containers reach each other as over IPv4 (bridge.same); with ICC off the DROP
  rule is ip6tables' too, and it drops the Neighbor Solicitations as well (bridge.icc6);
- a bridge's IPv6 address is the host's: answered from any network (INPUT);
- between two bridges, ip6tables isolates the networks where the daemon programs it (on by
  default from 27.0: :func:`~netsim.analysis.index.ip6tables_on`; bridge.isolation6); without
  it the host routes IPv6 between its bridges (ip6tables.off), and the destination must have a
  route back to the source: on-link, or an IPv6 default route through a bridge (ip6.noreturn:
  an --internal network's containers have none from 25.0);
- a bridge without an IPv6 address (``gateway_mode_ipv6=isolated``) gives the host no route
  into its subnet;
- netsim's LAN and internet are IPv4 only: an IPv6 address beyond the host's bridges has no
  route (ip6.noroute; the host answers a container's packet with ICMPv6 no route,
  :attr:`~netsim.analysis.reach.trace.Symptom.ROUTER_NO_ROUTE`), and the LAN has no IPv6
  router for a macvlan/ipvlan gateway.

The walk's state (the hops, the port, the container the flow is meant for) is the IPv4 walk's
(:class:`Walker`: :mod:`netsim.analysis.reach.flow` passes its own), so arriving at a sandbox and
at a host's own address (published ports, docker-proxy) is decided in one place for both.
"""

from __future__ import annotations

import ipaddress
from typing import Protocol

from netsim.analysis.graph import INTERNET, LAN
from netsim.analysis.index import Domain, HostNs, Iface6, Sandbox, TopologyIndex, private_pair
from netsim.analysis.reach.trace import Disposition, Proto, Symptom
from netsim.daemon.drivers import get as driver_of
from netsim.state import NetworkState

__all__ = ["LOOPBACK6", "Walker", "from_host6", "from_outside6", "from_sandbox6", "routes_back6"]

IPv4 = ipaddress.IPv4Address
IPv6 = ipaddress.IPv6Address
LOOPBACK6 = IPv6("::1")
_LINK_LOCAL = ipaddress.IPv6Network("fe80::/10")


class Walker(Protocol):
    """What the IPv6 walk needs of the flow it extends (the IPv4 walk's ``_Flow``)."""

    ix: TopologyIndex
    port: int | None
    proto: Proto
    expect: Sandbox | None
    routers: int
    symptom: Symptom | None
    icmp_from: str | None

    def hop(self, node: str, text: str, rule: str) -> None: ...

    def end(self, d: Disposition, node: str, text: str, rule: str) -> Disposition: ...

    def arrive(self, sb: Sandbox, ip: IPv4 | IPv6, how: str) -> Disposition: ...

    def host_input(self, h: HostNs, ip: IPv4 | IPv6, *, via: str,
                   proxied: bool = False) -> Disposition: ...


# --------------------------------------------------------------------------------------------
# From a container


def from_sandbox6(f: Walker, sb: Sandbox, ip: IPv6) -> Disposition:
    """A container's namespace sends to ``ip``: loopback, its own, on-link, or its IPv6 default
    route."""
    ix = f.ix
    if ip == LOOPBACK6:
        if not sb.ifaces6 and ix.state.profile.netns_ipv6_off:
            return f.end(Disposition.NO_INTERFACE, sb.node,
                         f"the engine turned IPv6 off in {sb.name}'s namespace and no interface "
                         "has an IPv6 address: lo has no ::1 (Cannot assign requested address)",
                         "netns.ipv6-off")
        return f.arrive(sb, ip, f"{ip} is loopback: it stays in {sb.name}'s namespace (lo)")
    own = next((i for i in sb.ifaces6 if i.ip == ip), None)
    if own is not None:
        return f.arrive(sb, ip, f"{ip} is {sb.name}'s own address ({own.ep.ifname}): "
                                "delivered locally")
    if ip in _LINK_LOCAL:
        return f.end(Disposition.NO_ROUTE, sb.node,
                     f"{ip} is link-local: it needs an interface (%eth0), and netsim follows "
                     "only global and unique local IPv6 addresses", "ip6.linklocal")
    out = next((i for i in sb.ifaces6 if ip in i.subnet), None)
    if out is not None:
        f.hop(out.node, f"{ip} is on-link: {sb.name} sends it out of {out.ep.ifname} "
                        f"({out.ip}/{out.subnet.prefixlen}, network {out.net.name})",
              "route.onlink")
        return on_link6(f, ix.domains[out.domain], ip, src=out)
    gw = sb.default6
    if gw is None:
        if not sb.ifaces6 and not sb.ifaces:
            return f.end(Disposition.NO_INTERFACE, sb.node,
                         f"{sb.name} has only lo: no network to send {ip} on", "none")
        if not sb.ifaces6:
            return f.end(Disposition.NO_ROUTE, sb.node,
                         f"{sb.name} has no IPv6 address, so no IPv6 route to {ip} (Network "
                         "is unreachable): none of its networks has IPv6 enabled",
                         "route.none")
        internal = [i for i in sb.ifaces6 if i.net.internal]
        if internal:
            nets = ", ".join(i.net.name for i in internal)
            return f.end(Disposition.INTERNAL_NETWORK, sb.node,
                         f"{ip} is off-subnet and {sb.name} has no IPv6 default route: {nets} "
                         "is --internal (Network is unreachable)", "internal")
        return f.end(Disposition.NO_ROUTE, sb.node,
                     f"{ip} is off-subnet and {sb.name} has no IPv6 default route (Network is "
                     "unreachable)", "route.none")
    via = f" via {gw.ep.gateway6}" if gw.ep.gateway6 else ""
    f.hop(gw.node, f"{ip} is off-subnet: {sb.name} sends it out of {gw.ep.ifname} (network "
                   f"{gw.net.name}){via}, its IPv6 default route", "route.default")
    dom = ix.domains[gw.domain]
    if dom.kind == "bridge":  # the bridge's address is the host's: it routes
        return host_forward6(f, ix.hosts[sb.host], ip, ingress=gw)
    if dom.kind == "l3":
        sib = dom.owners6.get(ip)
        if sib is not None and sib.iface6 is not None:
            return f.arrive(sib.iface6.sandbox, ip,
                            f"the ipvlan l3 parent routes it to {sib.iface6.sandbox.name}")
        return f.end(Disposition.NO_ROUTE, dom.node,
                     f"it leaves {dom.node}; netsim's LAN has no IPv6 router: nothing routes "
                     f"{ip}", "ip6.noroute")
    return f.end(Disposition.HOST_UNREACHABLE, dom.node,
                 f"no machine on the segment answers the Neighbor Solicitation for the gateway "
                 f"{gw.ep.gateway6}: netsim's LAN has no IPv6 router", "ndp")


def on_link6(f: Walker, dom: Domain, ip: IPv6, *, src: Iface6 | None) -> Disposition:
    """``ip`` is on the segment ``dom`` of the sender ``src``: who holds it answers the
    Neighbor Solicitation (NDP, IPv6's ARP) and takes the packet."""
    owner = dom.owners6.get(ip)
    if owner is None:
        where = (f"{dom.net.interface} ({dom.net.name})" if dom.kind == "bridge" and
                 dom.net is not None else dom.node)
        return f.end(Disposition.HOST_UNREACHABLE, dom.node,
                     f"nobody on {where} holds {ip}: no Neighbor Advertisement (Address "
                     "unreachable)", "ndp")
    if owner.kind == "host" and owner.host is not None:
        h = f.ix.hosts[owner.host]
        return f.host_input(h, ip, via=f"{ip} is {h.name}'s address on "
                                       f"{h.addresses6.get(ip, 'its bridge')}")
    target = owner.iface6
    assert target is not None
    if dom.kind == "bridge":
        net = dom.net
        assert net is not None and dom.host is not None
        same = src is not None and target.sandbox is src.sandbox
        if src is not None and not net.icc and not same:
            if f.ix.hosts[dom.host].ip6tables:
                return f.end(Disposition.ICC_DISABLED, dom.node,
                             f"bridge {net.interface} ({net.name}) has ICC off: ip6tables drops "
                             f"what it forwards between its ports ({src.sandbox.name} -> "
                             f"{target.sandbox.name}), the Neighbor Solicitation for {ip} "
                             "first: no neighbour entry (No route to host)", "bridge.icc6")
            f.hop(dom.node, f"bridge {net.interface} ({net.name}) has ICC off, but the daemon "
                            "programs no ip6tables rules: it forwards it to "
                            f"{target.sandbox.name}'s {target.ep.ifname}", "ip6tables.off")
        else:
            f.hop(dom.node, f"bridge {net.interface} ({net.name}) forwards it to "
                            f"{target.sandbox.name}'s {target.ep.ifname}", "bridge.same")
        return f.arrive(target.sandbox, ip, f"{ip} is {target.sandbox.name}'s address")
    if dom.kind == "overlay":
        f.hop(dom.node, f"the overlay {dom.node.split(':', 1)[1]} carries it (VXLAN) to "
                        f"{target.sandbox.name} on {target.sandbox.host}", "overlay.same")
        return f.arrive(target.sandbox, ip, f"{ip} is {target.sandbox.name}'s address")
    # a LAN or a macvlan/ipvlan segment: target is a macvlan/ipvlan child
    if src is not None and private_pair(src, target):
        mode_of = src if src.private else target
        return f.end(Disposition.MACVLAN_PRIVATE_MODE, dom.node,
                     f"{src.sandbox.name} and {target.sandbox.name} are macvlan children of "
                     f"the same parent on {target.sandbox.host} and {mode_of.net.name} is in "
                     f"private mode: no Neighbor Advertisement for {ip}", "macvlan.private")
    f.hop(dom.node, f"{target.sandbox.name} ({target.net.driver} on {target.sandbox.host}) "
                    f"answers the Neighbor Solicitation for {ip} on the segment",
          driver_of(target.net.driver).segment_rule)
    return f.arrive(target.sandbox, ip, f"{ip} is {target.sandbox.name}'s address")


def host_forward6(f: Walker, h: HostNs, ip: IPv6, *, ingress: Iface6 | None) -> Disposition:
    """The packet is in host ``h``'s namespace (from a bridge, or the host's own)."""
    came = (f"it enters {h.name} through {ingress.net.interface} "
            f"({ingress.net.name})") if ingress else f"{h.name} routes it"
    if ip in h.addresses6:
        return f.host_input(h, ip, via=f"{came}; {ip} is {h.name}'s own address "
                                       f"({h.addresses6[ip]})")
    found = h.bridge_for6(ip)
    if found is not None:
        _subnet, dom = found
        net = dom.net
        assert net is not None
        if ingress is None:  # the host itself: on-link on that bridge
            f.hop(dom.node, f"{h.name} reaches {ip} on-link through {net.interface} "
                            f"({net.name})", "host.reaches")
        elif h.ip6tables:
            return f.end(Disposition.ISOLATED_NETWORKS, dom.node,
                         f"{came}; {ip} is on {net.name} ({net.interface}), another network: "
                         f"ip6tables drops IPv6 traffic into {net.interface} that does not "
                         "come from it", "bridge.isolation6")
        else:
            f.routers += 1
            f.hop(dom.node, f"{came}; {ip} is on {net.name} ({net.interface}): the daemon "
                            "programs no ip6tables rules, so nothing isolates the networks "
                            f"and {h.name} routes it there", "ip6tables.off")
        owner = dom.owners6.get(ip)
        if owner is None or owner.iface6 is None:
            return f.end(Disposition.HOST_UNREACHABLE, dom.node,
                         f"nobody on {net.interface} holds {ip}: no Neighbor Advertisement "
                         "(Address unreachable)", "ndp")
        target = owner.iface6.sandbox
        if ingress is not None and not routes_back6(f.ix, target, ingress.ip):
            why = (f"{owner.iface6.net.name} is --internal" if owner.iface6.net.internal
                   else "none of its networks gives it one")
            return f.end(Disposition.NOT_MASQUERADED, target.node,
                         f"{ip} is {target.name}'s address, but {target.name} has no route back "
                         f"to {ingress.ip}: off its subnets, and no IPv6 default route ({why}); "
                         "its reply is dropped (no reply)", "ip6.noreturn")
        return f.arrive(target, ip, f"{ip} is {target.name}'s address")
    if ingress is not None and ingress.net.internal and h.ip6tables:
        # an IPv6 gateway on an --internal bridge (EngineProfile.bridge_internal_gateway)
        return f.end(Disposition.INTERNAL_NETWORK, h.node,
                     f"{came}; {ingress.net.name} is --internal: Docker drops what leaves "
                     f"{ingress.subnet} (no reply)", "bridge.internal-drop")
    dark = _dark_bridge6(f.ix, h, ip)
    if dark is not None:  # a subnet of an isolated bridge: no route into it
        why, rule = (f"{ip} is on {dark.name}, whose bridge {dark.interface} has no IPv6 address "
                     "(gateway_mode_ipv6=isolated turns IPv6 off on it), so no route leads "
                     "there", "bridge.isolated6")
    else:
        why, rule = ("beyond its bridges netsim's LAN and internet are IPv4 only",
                     "ip6.noroute")
    if ingress is None:
        return f.end(Disposition.NO_ROUTE, h.node, f"{came}; {h.name} has no IPv6 route for "
                     f"{ip}: {why} (Network is unreachable)", rule)
    # a router's answer: ICMPv6 no route, from its address on the sender's network
    router = ingress.ep.gateway6 or next(
        (a for a, _ in h.addresses6.items() if a in ingress.subnet), None)
    f.icmp_from = str(router) if router is not None else None
    f.symptom = (Symptom.ROUTER_NO_ROUTE if f.proto == "icmp" else
                 Symptom.TIMEOUT if f.proto == "udp" else Symptom.NETWORK_UNREACHABLE)
    return f.end(Disposition.NO_ROUTE, h.node,
                 f"{came}; {h.name} has no IPv6 route for {ip} ({why}): it answers ICMPv6 "
                 f"Destination unreachable, No route{f' from {router}' if router else ''}",
                 rule)


def _dark_bridge6(ix: TopologyIndex, h: HostNs, ip: IPv6) -> NetworkState | None:
    """The network of host ``h`` whose IPv6 subnet holds ``ip`` but whose bridge has no IPv6
    address (gateway mode ``isolated``: not among :attr:`HostNs.bridges6`), if any."""
    for dom in ix.domains.values():
        net = dom.net
        if dom.kind == "bridge" and dom.host == h.name and net is not None and any(
                ip in s.subnet for s in net.subnets if s.subnet.version == 6):
            return net
    return None


def routes_back6(ix: TopologyIndex, sb: Sandbox, src: IPv6) -> bool:
    """Whether sandbox ``sb`` has a route for its reply to ``src`` (a container on another of
    its host's bridges): on-link on one of its networks, or its IPv6 default route through a
    bridge (the host routes it back; through a macvlan/ipvlan gateway it finds no IPv6 router:
    ndp). Else its reply has no route (ip6.noreturn)."""
    if any(src in i.subnet for i in sb.ifaces6):
        return True
    gw = sb.default6
    return gw is not None and ix.domains[gw.domain].kind == "bridge"


# --------------------------------------------------------------------------------------------
# From the other vantage points


def from_host6(f: Walker, h: HostNs, ip: IPv6) -> Disposition:
    """A process of host ``h`` (or a host-mode container) sends to ``ip``."""
    if ip == LOOPBACK6:
        return f.host_input(h, ip, via=f"{ip} is {h.name}'s loopback", proxied=True)
    if ip in _LINK_LOCAL:
        return f.end(Disposition.NO_ROUTE, h.node,
                     f"{ip} is link-local: it needs an interface (%br-…), and netsim follows "
                     "only global and unique local IPv6 addresses", "ip6.linklocal")
    return host_forward6(f, h, ip, ingress=None)


def from_outside6(f: Walker, where: str, ip: IPv6) -> Disposition:
    """A machine on the LAN (``@lan``) or the internet (``@internet``) sends to ``ip``."""
    node = LAN if where == "lan" else INTERNET
    what = ("a machine on the LAN" if where == "lan" else "a client on the internet")
    f.hop(node, f"{what} sends to {ip}", "vantage")
    return f.end(Disposition.NO_ROUTE, node,
                 f"netsim's LAN and internet are IPv4 only: no route to {ip}", "ip6.noroute")
