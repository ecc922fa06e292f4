"""What a flow's explanation is made of: dispositions, symptoms, the rules, hops and traces.

:class:`Disposition` is the closed set of why a flow ended the way it did (README lists it with
the same words), :class:`Symptom` what the client program sees; :data:`RULES` names, for every
rule a hop can cite, where Docker documents or implements it. A :class:`Trace` is one flow,
explained hop by hop (what :func:`netsim.analysis.reach.reach` returns).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Literal

__all__ = [
    "DISPOSITIONS",
    "RULES",
    "SYMPTOMS",
    "Disposition",
    "Hop",
    "Proto",
    "Symptom",
    "Trace",
]

Proto = Literal["icmp", "tcp", "udp"]


class Disposition(StrEnum):
    """Why a flow ended the way it did: a closed set (README lists it with the same words)."""

    DELIVERED = "DELIVERED"
    NOTHING_LISTENING = "NOTHING_LISTENING"
    PORT_NOT_PUBLISHED = "PORT_NOT_PUBLISHED"
    CONTAINER_NOT_RUNNING = "CONTAINER_NOT_RUNNING"
    NO_INTERFACE = "NO_INTERFACE"
    NO_ROUTE = "NO_ROUTE"
    INTERNAL_NETWORK = "INTERNAL_NETWORK"
    ISOLATED_NETWORKS = "ISOLATED_NETWORKS"
    ICC_DISABLED = "ICC_DISABLED"
    MACVLAN_HOST_ISOLATION = "MACVLAN_HOST_ISOLATION"
    MACVLAN_PRIVATE_MODE = "MACVLAN_PRIVATE_MODE"
    HOST_UNREACHABLE = "HOST_UNREACHABLE"
    NOT_MASQUERADED = "NOT_MASQUERADED"
    UNKNOWN_DESTINATION = "UNKNOWN_DESTINATION"
    NAME_NOT_RESOLVED = "NAME_NOT_RESOLVED"
    SHADOWED_ADDRESS = "SHADOWED_ADDRESS"


#: One line per disposition: what it means.
DISPOSITIONS: dict[Disposition, str] = {
    Disposition.DELIVERED: "the packet arrived and (for a port) a process accepted it",
    Disposition.NOTHING_LISTENING: "it arrived, but nothing listens on that port: refused",
    Disposition.PORT_NOT_PUBLISHED: "a Docker host's address, and no container publishes that "
                                    "port there (nor does a host process listen): refused",
    Disposition.CONTAINER_NOT_RUNNING: "the source or destination container is not running",
    Disposition.NO_INTERFACE: "the namespace has only lo (--network none, or no network left)",
    Disposition.NO_ROUTE: "no route to the address: Network is unreachable, or the LAN cannot "
                          "route to it",
    Disposition.INTERNAL_NETWORK: "an --internal network: no way off its subnet",
    Disposition.ISOLATED_NETWORKS: "dropped between two networks: Docker isolates them",
    Disposition.ICC_DISABLED: "dropped on a bridge with inter-container communication off",
    Disposition.MACVLAN_HOST_ISOLATION: "between a macvlan/ipvlan container and its parent "
                                        "host: the kernel keeps them apart",
    Disposition.MACVLAN_PRIVATE_MODE: "between two macvlan containers on the same parent of one "
                                      "host, one of them in macvlan_mode=private: the kernel "
                                      "passes nothing between them",
    Disposition.HOST_UNREACHABLE: "nobody on that segment holds the address (no ARP reply)",
    Disposition.NOT_MASQUERADED: "it left with a container address nobody routes back: no reply",
    Disposition.UNKNOWN_DESTINATION: "no simulated machine holds that address: dropped upstream",
    Disposition.NAME_NOT_RESOLVED: "the name does not resolve",
    Disposition.SHADOWED_ADDRESS: "the destination's address is held by another container on "
                                  "the source's side (e.g. 172.17.0.2 on two hosts): the packet "
                                  "goes there",
}


class Symptom(StrEnum):
    """What the client program sees, which decides what ``ping``/``curl`` print."""

    OK = "ok"  # a reply / a connection
    REFUSED = "refused"  # TCP RST, ICMP port unreachable
    TIMEOUT = "timeout"  # silently dropped
    HOST_UNREACHABLE = "host-unreachable"  # ICMP host unreachable after ARP fails
    NETWORK_UNREACHABLE = "network-unreachable"  # ENETUNREACH at once, nothing sent
    NO_NAME = "no-name"  # the resolver found nothing
    #: a connection, then a reset: docker-proxy accepted it and, the container refusing its own
    #: connection, closed it with the client's request unread (a TCP RST)
    RESET = "reset"
    #: a router on the way (a Docker host forwarding for a container) has no route and answers
    #: an ICMPv6 Destination Unreachable, code 0 "no route" (Linux net/ipv6/route.c
    #: ip6_pkt_discard: icmpv6_send ICMPV6_NOROUTE), from its address on the sender's network:
    #: iputils ping prints ``From GW icmp_seq=N Destination unreachable: No route`` and exits 1.
    #: Only an ICMP echo gets it (a TCP connection sees ENETUNREACH: NETWORK_UNREACHABLE)
    ROUTER_NO_ROUTE = "router-no-route"


#: What the client sees for each disposition (a trace may refine it: see
#: :func:`netsim.analysis.reach.reach`).
SYMPTOMS: dict[Disposition, Symptom] = {
    Disposition.DELIVERED: Symptom.OK,
    Disposition.NOTHING_LISTENING: Symptom.REFUSED,
    Disposition.PORT_NOT_PUBLISHED: Symptom.REFUSED,
    Disposition.CONTAINER_NOT_RUNNING: Symptom.NETWORK_UNREACHABLE,
    Disposition.NO_INTERFACE: Symptom.NETWORK_UNREACHABLE,
    Disposition.NO_ROUTE: Symptom.NETWORK_UNREACHABLE,
    Disposition.INTERNAL_NETWORK: Symptom.NETWORK_UNREACHABLE,
    Disposition.ISOLATED_NETWORKS: Symptom.TIMEOUT,
    Disposition.ICC_DISABLED: Symptom.TIMEOUT,
    Disposition.MACVLAN_HOST_ISOLATION: Symptom.HOST_UNREACHABLE,
    Disposition.MACVLAN_PRIVATE_MODE: Symptom.HOST_UNREACHABLE,
    Disposition.HOST_UNREACHABLE: Symptom.HOST_UNREACHABLE,
    Disposition.NOT_MASQUERADED: Symptom.TIMEOUT,
    Disposition.UNKNOWN_DESTINATION: Symptom.TIMEOUT,
    Disposition.NAME_NOT_RESOLVED: Symptom.NO_NAME,
    Disposition.SHADOWED_ADDRESS: Symptom.OK,
}

_D = "https://docs.docker.com/engine/network/"
_M = "moby daemon/libnetwork/"
#: The rules a hop can cite: id -> where Docker documents or implements it.
RULES: dict[str, str] = {
    "lo": "kernel: 127.0.0.0/8 is the namespace's own loopback",
    "local": "kernel: an address of the namespace itself is delivered locally",
    "route.onlink": "kernel: an address inside an interface's subnet is on-link (ARP on it)",
    "route.default": f"{_M}sandbox.go (Endpoint.Less picks the gateway endpoint); "
                     "drivers/bridge/bridge_linux.go Join (SetGateway)",
    "route.none": "kernel: no route matches: sendto/connect fails with Network is unreachable",
    "internal": f"{_D}drivers/bridge/ (--internal: no default route; "
                f"{_M}drivers/bridge/bridge_linux.go Join); moby test TestInternalNwConnectivity",
    "none": f"{_D}drivers/none/ (only lo)",
    "container-mode": f"{_D}#container-networks; moby daemon/container_operations.go "
                      "initializeNetworking (the joiner shares the owner's namespace)",
    "sandbox.gone": "moby daemon/container_operations.go: a joiner keeps the namespace it "
                    "joined; after its owner restarts that one has only lo",
    "not-running": "moby daemon: a stopped container has no sandbox and no addresses",
    "bridge.same": f"{_D}drivers/bridge/ (containers on the same bridge expose all ports to "
                   "each other); moby test TestBridgeICC",
    "bridge.icc": f"{_D}drivers/bridge/ (enable_icc=false); {_M}drivers/bridge/internal/"
                  "iptabler (icc=false: -i br -o br -j DROP)",
    "bridge.link": f"{_M}drivers/bridge/bridge_linux.go link(): with ICC off a legacy --link "
                   "opens the linked container's exposed ports",
    "bridge.gateway": f"{_D}drivers/bridge/ (the bridge's address is the host's); "
                      f"{_D}port-publishing/",
    "bridge.isolation": f"{_M}drivers/bridge/internal/iptabler (raw PREROUTING -d C ! -i br "
                        "-j DROP; DOCKER chain ! -i br -o br -j DROP); moby tests TestBridgeINC, "
                        "TestInterNetworkDirectRouting",
    "bridge.internal-drop": f"{_M}drivers/bridge/internal/iptabler (DOCKER-INTERNAL); before "
                            "25.0 an internal bridge was its containers' gateway and "
                            "setup_ip_tables.go setINC dropped what left the subnet "
                            "(DOCKER-ISOLATION-STAGE-1 -i br ! -d S -j DROP)",
    "nat.masquerade": f"{_M}drivers/bridge/internal/iptabler (POSTROUTING -s S ! -o br -j "
                      f"MASQUERADE); {_D}packet-filtering-firewalls/ (enable_ip_masquerade, "
                      "on by default: what leaves the host carries the host's address)",
    "nat.masquerade-off": f"{_D}drivers/bridge/ (enable_ip_masquerade=false: packets leave "
                          "with the container's address)",
    "publish": f"{_D}port-publishing/ (DNAT and docker-proxy); moby test "
               "TestAccessToPublishedPort",
    "publish.localhost": f"{_D}port-publishing/ (ports bound to 127.0.0.1 are only for the "
                         "host; raw PREROUTING since 28.0, moby#45610)",
    "publish.none": "kernel: no socket and no DNAT rule for that port: TCP RST",
    "publish.proxy": f"{_D}port-publishing/ (the host's own connections to 127.0.0.0/8 skip "
                     "the DNAT rules, OUTPUT ! -d 127.0.0.0/8: docker-proxy accepts them and "
                     "connects to the container; if that fails it closes the client's "
                     "connection: cmd/docker-proxy tcp_proxy.go clientLoop)",
    "host.process": f"{_D}drivers/host/ (a host-mode container is a process of the host)",
    "host.reaches": f"{_D}drivers/bridge/ (the host reaches every container on its bridges, "
                    "internal ones too: the bridge's address is in the host's namespace); "
                    "moby test TestInternalNwConnectivity",
    "listen": "kernel: a socket listening on the port accepts; none: TCP RST / ICMP port "
              "unreachable",
    "icmp": "kernel: every namespace answers ICMP echo",
    "macvlan.same": f"{_D}drivers/macvlan/ (containers appear as machines on the parent's "
                    "segment)",
    "macvlan.host": f"{_M}docs/macvlan.md (the parent and its children cannot talk: filtered "
                    "by Linux); moby/libnetwork#1915",
    "macvlan.private": f"{_D}drivers/macvlan/ (macvlan_mode=private); Linux "
                       "drivers/net/macvlan.c macvlan_queue_xmit (only bridge-mode children "
                       "reach each other inside the host; a private one's frames, ARP included, "
                       "go out of the parent and are never delivered to a sibling)",
    "segment.same": "kernel: on a network's own segment (a driver's children of one link), "
                    "the child holding the address answers ARP and takes the packet",
    "ipvlan.l3": f"{_D}drivers/ipvlan/ (l3: siblings route to each other; the upstream needs "
                 "routes back)",
    "overlay.same": f"{_D}drivers/overlay/ (containers on the same overlay talk across hosts)",
    "overlay.isolation": f"{_D}drivers/overlay/ (overlay networks are isolated from each "
                         "other; only attached containers reach one: the hosts have no route "
                         "into it)",
    "overlay.gwbridge": f"{_M}default_gateway.go (docker_gwbridge gives overlay containers "
                        "their way out)",
    "lan.arp": "kernel: on-link delivery needs an ARP reply; nobody holds the address",
    "lan.router": "netsim's LAN: the router forwards to the internet",
    "lan.machine": "netsim's LAN: @lan as a destination is a machine on the LAN at an address "
                   "no simulated machine holds; it answers ping and accepts a connection on any "
                   "port (a stand-in for a server on the LAN)",
    "lan.noroute": "netsim's LAN: its machines have no routes to container subnets (and in "
                   "nat mode Docker ≥28 drops direct routing anyway: raw PREROUTING)",
    "internet": "netsim's internet: public addresses answer ping and listen on 80/443/tcp, "
                "53/udp and 53/tcp",
    "internet.unknown": "no simulated machine holds this address",
    "vantage": "netsim's vantage points: a machine on the LAN, a client on the internet",
    "shadowed": "kernel: the most specific local route wins; another host's container with the "
                "same address is never reached",
    "internet.inbound": "netsim's internet: it reaches the Docker hosts' LAN addresses as if "
                        "public, and nothing else on the LAN",
    # IPv6 (netsim.analysis.reach.flow6)
    "ndp": "kernel: on-link IPv6 delivery needs a Neighbor Advertisement (RFC 4861 address "
           "resolution, IPv6's ARP); nobody holds the address: Address unreachable",
    "bridge.icc6": "v28.5.2:libnetwork/drivers/bridge/internal/iptabler/network.go:395-421 "
                   "setIcc (icc=false: the same -i br -o br -j DROP in ip6tables' "
                   "DOCKER-FORWARD); v28.5.2:libnetwork/drivers/bridge/bridge_linux.go:861,909 "
                   "(icc=false turns on bridge-nf-call-ip6tables, so bridged IPv6 frames, the "
                   "Neighbor Solicitations included, pass that rule: neighbour discovery "
                   "fails, No route to host); with ip6tables, the default from 27.0",
    "bridge.isolation6": "v28.5.2:libnetwork/drivers/bridge/internal/iptabler/network.go:53-54 "
                         "(the rules of bridge.isolation, programmed for IPv6 too); ip6tables "
                         "on by default from 27.0 (v27.0.1:cmd/dockerd/config_unix.go:31)",
    "ip6tables.off": "moby ≤ 26.x: --ip6tables is off by default (v26.1.5:cmd/dockerd/"
                     "config_unix.go:31, experimental; v20.10.24: :38): no IPv6 isolation, ICC "
                     "or internal rules are programmed (v26.1.5:libnetwork/drivers/bridge/"
                     "bridge_linux.go:801,807 setupIP6Tables only with EnableIP6Tables), and "
                     "the daemon turns IPv6 forwarding on (setupIPv6Forwarding): the host routes "
                     "IPv6 between its bridges",
    "ip6.noroute": "netsim's LAN and internet are IPv4 only: a Docker host has no IPv6 route "
                   "beyond its bridges, and the LAN, the internet and the hosts' LAN addresses "
                   "have no IPv6 address. The host's own packet fails at once (Network is "
                   "unreachable); one it forwards for a container is answered with ICMPv6 "
                   "Destination Unreachable, no route (Linux net/ipv6/route.c ip6_pkt_discard: "
                   "ICMPV6_NOROUTE; iputils ping6_common.c print_icmp \"No route\"; a TCP "
                   "connect in SYN_SENT ends with ENETUNREACH, tcp_ipv6.c tcp_v6_err; UDP "
                   "ignores it without IPV6_RECVERR, udp.c __udp6_lib_err: no reply)",
    "bridge.isolated6": "v28.5.2:libnetwork/drivers/bridge/setup_ipv6_linux.go:19-28 "
                        "(gateway_mode_ipv6=isolated: Docker sets disable_ipv6 on the bridge, "
                        "which gets no IPv6 address, so the host has no route into the "
                        "network's IPv6 subnet; its containers have no IPv6 gateway); a host "
                        "forwarding for a container answers ICMPv6 no route (see ip6.noroute)",
    "ip6.noreturn": "kernel: a reply is routed like any packet (icmpv6_echo_reply, a TCP "
                    "SYN-ACK or RST); the destination has no route back to an off-subnet source "
                    "without an IPv6 default route, and drops it (no reply). An --internal "
                    "network gives none (v26.1.5:libnetwork/drivers/bridge/bridge_linux.go:1262-"
                    "1269 Join: no SetGatewayIPv6 when Internal; recorded 26.1 "
                    "80-ipv6-ports-isolation:24 "
                    "ia ip -6 route); 20.10 gives one (EngineProfile.bridge_internal_gateway)",
    "name.ipv6": "v28.5.2:libnetwork/resolver.go:313-336 handleIPQuery (Docker's DNS answers "
                 "AAAA with a container's IPv6 address); getaddrinfo (AF_UNSPEC) returns it "
                 "when the name has no IPv4 address, or first when the source has none itself "
                 "(RFC 6724 rule 1, glibc rfc3484_sort, musl lookup_name.c): the flow goes over "
                 "IPv6",
    "publish.family": "a published port listens in one family only: -p [::]:P:C binds an "
                      "IPv6-only socket (IPV6_V6ONLY: v28.5.2:libnetwork/drivers/bridge/"
                      "port_mapping_linux.go:604; docker-v29.1.5:daemon/libnetwork/portallocator/"
                      "osallocator_linux.go:203; ≤26 docker-proxy listens on \"tcp6\", which Go "
                      "opens IPV6_V6ONLY: v26.1.5:cmd/docker-proxy/tcp_proxy.go:21-25, libnetwork "
                      "05b93e0d cmd/proxy/tcp_proxy.go for 20.10, Go net/ipsock_posix.go "
                      "favoriteAddrFamily) and programs no IPv4 DNAT (v28.5.2 "
                      "configurePortBindingIPv4:301-304; v26.1.5:…/port_mapping_linux.go:86-90 "
                      "validatePortBindingIPv4); "
                      "-p 0.0.0.0:P:C is IPv4 only. "
                      "Recorded on 20.10, 26.1 and 28.5: 82-ipv6-review:35 (refused)",
    "ip6.linklocal": "netsim: link-local IPv6 addresses (fe80::/10) need an interface scope "
                     "(%eth0) and are not followed",
    "netns.ipv6-off": "v20.10.24:vendor/github.com/docker/libnetwork/osl/namespace_linux.go:"
                      "282-286 (setIPv6(all, false); EngineProfile.netns_ipv6_off): lo has no "
                      "::1 in a namespace without an IPv6 interface",
}

# --------------------------------------------------------------------------------------------
# Results



@dataclass(frozen=True, slots=True)
class Hop:
    """One step of a flow: where (a :mod:`netsim.analysis.graph` node id), what happened, which
    rule."""

    node: str
    text: str
    rule: str

    @property
    def source(self) -> str:
        return RULES[self.rule]


@dataclass(frozen=True, slots=True)
class Trace:
    """One flow, explained. ``hops[-1]`` is the step that decided it.

    A frozen value: ``str()`` is what ``netsim reach`` prints, ``_repr_html_`` what Jupyter
    shows, :meth:`to_dict`/:meth:`to_json` the JSON. (A plain dataclass, not a pydantic model:
    a query builds one in a few microseconds.)
    """

    src: str
    dst: str
    address: str | None  # the IPv4 or IPv6 address the packet was sent to
    port: int | None
    proto: Proto
    disposition: Disposition
    symptom: Symptom
    hops: tuple[Hop, ...]
    #: routers that forwarded the packet on its way (a Docker host between two networks, the
    #: LAN's router); a reply's TTL is 64 minus this
    routers: int = 0
    #: the address an ICMP error comes from (:attr:`Symptom.ROUTER_NO_ROUTE`: the router's
    #: address on the sender's network), else None
    icmp_from: str | None = None

    @property
    def delivered(self) -> bool:
        return self.disposition is Disposition.DELIVERED

    @property
    def deciding(self) -> Hop:
        return self.hops[-1]

    def target(self) -> str:
        where = self.address or self.dst
        if self.port and ":" in where:  # an IPv6 address: [fd00::2]:80/tcp
            return f"[{where}]:{self.port}/{self.proto}"
        return f"{where}:{self.port}/{self.proto}" if self.port else f"{where} ({self.proto})"

    def __str__(self) -> str:
        verdict = "reachable" if self.delivered else "not reachable"
        lines = [f"{self.src} -> {self.dst} {self.target()}: {verdict} "
                 f"[{self.disposition.value}]"]
        for i, hop in enumerate(self.hops, 1):
            lines.append(f"  {i}. {hop.text}")
            lines.append(f"     ({hop.rule}: {hop.source})")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        from html import escape

        colour = "#1a7f37" if self.delivered else "#cf222e"
        rows = "".join(
            f"<tr><td>{i}</td><td><code>{escape(h.node)}</code></td><td>{escape(h.text)}</td>"
            f"<td title='{escape(h.source)}'>{escape(h.rule)}</td></tr>"
            for i, h in enumerate(self.hops, 1))
        return (f"<p><b>{escape(self.src)} → {escape(self.dst)}</b> {escape(self.target())}: "
                f"<b style='color:{colour}'>{self.disposition.value}</b></p>"
                f"<table><tr><th>#</th><th>node</th><th>what happened</th><th>rule</th></tr>"
                f"{rows}</table>")

    def to_dict(self) -> dict[str, Any]:
        return {
            "src": self.src, "dst": self.dst, "address": self.address, "port": self.port,
            "proto": self.proto, "disposition": self.disposition.value,
            "symptom": self.symptom.value, "delivered": self.delivered,
            "routers": self.routers,
            **({"icmp_from": self.icmp_from} if self.icmp_from is not None else {}),
            "hops": [{"node": h.node, "text": h.text, "rule": h.rule, "source": h.source}
                     for h in self.hops],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2)
