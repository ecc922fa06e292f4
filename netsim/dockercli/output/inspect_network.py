"""``docker network inspect``: one network as the JSON-ready dict the CLI prints (API 1.52
shape; older engines' keys and order from the State's :class:`netsim.versions.EngineProfile`)."""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from typing import Any

from netsim.daemon.drivers import get as driver_of
from netsim.dockercli.output.inspect_common import (
    container_sandbox_id,
    exact_time,
    find_network,
    gateway_only,
    sha,
    shaped,
    sorted_map,
)
from netsim.state import HostState, NetworkState, State, SubnetState

__all__ = ["network"]

_U64_MAX = (1 << 64) - 1


def _endpoint_addresses(hs: HostState, n: NetworkState) -> list[ipaddress.IPv4Address
                                                            | ipaddress.IPv6Address]:
    out: list[ipaddress.IPv4Address | ipaddress.IPv6Address] = []
    for c in hs.containers.values():
        for ep in c.endpoints:
            if ep.network != n.name or ep.network_id != n.id or not ep.active:
                continue
            if ep.ipv4 is not None:
                out.append(ep.ipv4.ip)
            if ep.ipv6 is not None:
                out.append(ep.ipv6.ip)
    return out


def _subnet_status(
    s: SubnetState, used: Sequence[ipaddress.IPv4Address | ipaddress.IPv6Address]
) -> dict[str, int]:
    """IPAM pool status (defaultipam ``allocationStatus``, addrset ``AddrsInPrefix``).

    The pool's address set holds the network address (IPv4: unless /31 or /32; IPv6: always,
    the subnet-router anycast address), the IPv4 broadcast address (unless /31 or /32), the
    gateway, every auxiliary address (29.1 reserves each one inside the *subnet*:
    ``requestAddress`` only checks the subnet) and the containers' addresses.
    ``DynamicIPsAvailable`` is the size of the ip-range (or subnet) minus the addresses of the
    set that lie inside it; both saturate at 2**64 - 1 (``Uint64Sat``).
    """
    net = s.subnet
    host_bits = net.max_prefixlen - net.prefixlen
    taken: set[int] = set()
    if net.version == 6 or host_bits > 1:
        taken.add(int(net.network_address))
    if net.version == 4 and host_bits > 1:
        taken.add(int(net.broadcast_address))
    extra: list[ipaddress.IPv4Address | ipaddress.IPv6Address] = list(used)
    if s.gateway is not None:
        extra.append(s.gateway)
    extra.extend(s.aux_addresses.values())
    for a in extra:
        if a.version == net.version and a in net:
            taken.add(int(a))
    rng = s.ip_range if s.ip_range is not None else net
    lo, hi = int(rng.network_address), int(rng.broadcast_address)
    capacity = 1 << (rng.max_prefixlen - rng.prefixlen)
    in_range = sum(1 for a in taken if lo <= a <= hi)
    return {
        "IPsInUse": min(len(taken), _U64_MAX),
        "DynamicIPsAvailable": min(capacity - in_range, _U64_MAX),
    }


def _sandbox_entries(state: State, host: str, n: NetworkState) -> dict[str, Any]:
    """libnetwork's own sandboxes on a node: the overlay load balancer ``lb-<net>`` (endpoint
    ``<net>-endpoint``; ``ingress-sbox``/``ingress-endpoint`` on ingress) and, on
    docker_gwbridge, ``gateway_ingress-sbox`` (docs/reference/swarm-overlay.md §1.5, §5.7)."""
    swarm = state.swarm
    if swarm is None or host not in swarm.nodes:
        return {}
    if n.name == "docker_gwbridge" and host in swarm.ingress_gateways:
        ip = swarm.ingress_gateways[host]
        sub = n.ipv4_subnet
        prefix = sub.subnet.prefixlen if sub is not None else 16
        return {"ingress-sbox": {
            "Name": "gateway_ingress-sbox",
            "EndpointID": sha(host, n.id, "gateway_ingress-sbox"),
            "MacAddress": _random_mac(host, n.id),
            "IPv4Address": f"{ip}/{prefix}",
            "IPv6Address": "",
        }}
    lb = swarm.lb_addresses.get(n.name, {}).get(host)
    if driver_of(n.driver).scope != "swarm" or lb is None:  # the overlay's load balancer
        return {}
    sub = n.ipv4_subnet
    prefix = sub.subnet.prefixlen if sub is not None else 24
    key, name = (("ingress-sbox", "ingress-endpoint") if n.name == "ingress"
                 else (f"lb-{n.name}", f"{n.name}-endpoint"))
    return {key: {
        "Name": name,
        "EndpointID": sha(host, n.id, key),
        "MacAddress": "02:42:" + ":".join(f"{b:02x}" for b in lb.packed),
        "IPv4Address": f"{lb}/{prefix}",
        "IPv6Address": "",
    }}


def _random_mac(*parts: str) -> str:
    raw = bytearray(bytes.fromhex(sha(*parts, "mac")[:12]))
    raw[0] = (raw[0] & 0xFE) | 0x02
    return ":".join(f"{b:02x}" for b in raw)


def _cluster_addresses(state: State, n: NetworkState) -> list[
        ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """A manager answers with the cluster allocator's counts: every node's users and LBs."""
    out: list[ipaddress.IPv4Address | ipaddress.IPv6Address] = []
    for hs in state.hosts.values():
        out += _endpoint_addresses(hs, n)
    if state.swarm is not None:
        out += list(state.swarm.lb_addresses.get(n.name, {}).values())
    return out


def _unallocated(state: State, n: NetworkState) -> list[SubnetState]:
    """The configs of a family the network does not enable (an IPv6 ``--subnet`` without
    ``--ipv6``): IPAM allocated none of them, ``network inspect`` lists them as given
    (EngineProfile.ipam_config_lists_unallocated)."""
    spec = n.spec
    if spec is None or n.scope == "swarm" or not state.profile.ipam_config_lists_unallocated:
        return []
    off = {6} if not spec.EnableIPv6 else set()
    if not spec.EnableIPv4:
        off.add(4)
    return [SubnetState(subnet=c.Subnet.network, ip_range=c.IPRange.network if c.IPRange
                        else None, gateway=c.Gateway, aux_addresses=dict(c.AuxiliaryAddresses),
                        user_subnet=True)
            for c in spec.IPAM.Config if c.Subnet is not None and c.Subnet.version in off
            and not any(x.subnet == c.Subnet.network for x in n.subnets)]


def network(state: State, host: str, ref: str) -> dict[str, Any]:
    """``docker network inspect REF`` (one element of the printed list); KeyError if absent."""
    hs = state.host(host)
    n = find_network(hs, ref)
    spec = n.spec
    driver = driver_of(n.driver)
    special = not driver.sandbox_interface  # host, none: no IPAM to report
    # the configured pools (IPv4, then IPv6), then those IPAM chose for a family with none
    # given (v28.5.2:daemon/network.go buildIPAMResources, docker-v29.1.0 alike)
    # (a predefined network's, as it was made: IPv4, then IPv6)
    subnets = sorted([*n.subnets, *_unallocated(state, n)], key=lambda s: (
        not s.user_subnet and not n.predefined and state.profile.ipam_config_configured_first,
        s.subnet.version))

    profile = state.profile
    config: list[dict[str, Any]] | None = None
    if subnets:
        config = []
        for s in subnets:
            gateway = s.gateway
            if (s.user_subnet and not profile.ipam_config_shows_allocated_gateway
                    and n.scope != "swarm"):
                # ≤ 28.x show a local network's IPAM config as given (daemon/network.go
                # buildIPAMResources): the --gateway, if any; a swarm network's comes from the
                # cluster's allocator, gateway included (daemon/cluster/convert/network.go)
                gateway = next((c.Gateway for c in (spec.IPAM.Config if spec is not None else ())
                                if c.Subnet is not None and c.Subnet.network == s.subnet), None)
            entry: dict[str, Any] = {
                "Subnet": str(s.subnet),
                "IPRange": str(s.ip_range) if s.ip_range is not None else "",
                "Gateway": str(gateway) if gateway is not None else "",
            }
            if profile.ipam_config_omits_empty:  # Go strings with omitempty (≤ 28.x)
                entry = {k: v for k, v in entry.items() if v != ""}
            if s.aux_addresses:
                entry["AuxiliaryAddresses"] = sorted_map(
                    (k, str(v)) for k, v in s.aux_addresses.items()
                )
            config.append(entry)

    containers: dict[str, Any] = {}
    for c in sorted(hs.containers.values(), key=lambda c: c.id):
        ep = c.endpoint(n.name)
        if ep is None or not ep.active or ep.network_id != n.id:
            continue
        containers[c.id] = {
            "Name": f"gateway_{container_sandbox_id(c)[:12]}" if gateway_only(ep) else c.name,
            "EndpointID": ep.endpoint_id,
            "MacAddress": ep.mac or "",
            "IPv4Address": str(ep.ipv4) if ep.ipv4 is not None else "",
            "IPv6Address": str(ep.ipv6) if ep.ipv6 is not None else "",
        }

    containers.update(_sandbox_entries(state, host, n))
    ipam_status: dict[str, Any] = {}
    if not special and subnets:
        used = _endpoint_addresses(hs, n) if n.scope != "swarm" else _cluster_addresses(state, n)
        used += [ipaddress.ip_interface(v["IPv4Address"]).ip
                 for k, v in containers.items() if k in ("ingress-sbox", f"lb-{n.name}")
                 and n.scope != "swarm"]
        ipam_status["Subnets"] = sorted_map((str(s.subnet), _subnet_status(s, used))
                                             for s in subnets)

    swarm = state.swarm
    overlay = n.scope == "swarm" and swarm is not None and driver.scope == "swarm"
    if overlay and swarm is not None:
        here = swarm.lb_addresses.get(n.name, {})
        if host not in here:
            # not instantiated on this node: the daemon answers with the cluster's view
            # (api/server/router/network/network_routes.go getNetwork falls back to the
            # cluster; daemon/cluster/convert/network.go BasicNetworkFromGRPC): no
            # Containers, nil maps where the spec has none, and nothing at all (not even the
            # driver) for a network the allocator could not allocate
            allocated = n.name not in swarm.unallocated
            return shaped({
                "Name": n.name, "Id": n.id,
                "Created": exact_time(n.created, n.fractions, "Created"), "Scope": n.scope,
                "Driver": n.driver if allocated else "",
                "EnableIPv4": True, "EnableIPv6": spec.EnableIPv6 if spec is not None else False,
                "IPAM": {
                    "Driver": (spec.IPAM.Driver if spec is not None else "default")
                    if allocated else "",
                    "Options": (sorted_map(spec.IPAM.Options or {}) or None)
                    if spec is not None and allocated else None,
                    "Config": config if allocated else None,
                },
                "Internal": n.internal, "Attachable": n.attachable,
                "Ingress": spec.Ingress if spec is not None else False,
                "ConfigFrom": {"Network": ""}, "ConfigOnly": False,
                "Containers": None,
                "Options": sorted_map(n.options) if allocated else None,
                "Labels": sorted_map(n.labels) or None,
            }, profile.network_inspect_keys)
    peers: list[dict[str, str]] | None = None
    if overlay and swarm is not None:
        # the nodes the network is instantiated on, as NetworkDB knows them: a random 12-hex
        # node name each (libnetwork/agent.go), and the advertise address
        peers = [{"Name": sha(node.node_id, "networkdb")[:12],
                  "IP": node.address.rsplit(":", 1)[0]}
                 for h, node in swarm.nodes.items()
                 if h in swarm.lb_addresses.get(n.name, {})]
    return shaped({
        "Name": n.name,
        "Id": n.id,
        "Created": exact_time(n.created, n.fractions, "Created"),
        "Scope": n.scope,
        "Driver": n.driver,
        # NewNetwork defaults enableIPv4 to true, also for host/none (docker-cli-output.md §1.5)
        "EnableIPv4": spec.EnableIPv4 if spec is not None else True,
        "EnableIPv6": n.ipv6_enabled,
        "IPAM": {
            "Driver": spec.IPAM.Driver if spec is not None else "default",
            # the CLI always sends a map; the predefined networks have none, nor has a swarm
            # network without --ipam-opt (the cluster's spec keeps a nil map), nor a network
            # Compose created (measured: 69-compose-ipam-static)
            "Options": (sorted_map(spec.IPAM.Options or {})
                        or (None if n.scope == "swarm" or spec.IPAM.Options is None else {}))
            if spec is not None else None,
            # (EngineProfile.ipam_config_empty_list)
            "Config": [] if config is None and profile.ipam_config_empty_list else config,
        },
        "Internal": spec.Internal if spec is not None else n.internal,
        "Attachable": n.attachable,
        "Ingress": spec.Ingress if spec is not None else False,
        "ConfigFrom": {"Network": spec.ConfigFrom.Network
                       if spec is not None and spec.ConfigFrom is not None else ""},
        "ConfigOnly": spec.ConfigOnly if spec is not None else False,
        "Options": sorted_map(n.options),
        "Labels": sorted_map(n.labels),
        "Containers": containers,
        **({"Peers": peers} if peers is not None else {}),
        "Status": {"IPAM": ipam_status},
    }, profile.network_inspect_keys)
