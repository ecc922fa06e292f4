"""Endpoint addresses given as strings (docker/cli ≤ 28.x sends them unparsed): the daemon's
checks of them, as ``docker run``/``create`` and ``network connect`` report them."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from netsim.api import EndpointConfig
from netsim.daemon.drivers import get as driver_of
from netsim.dockercli.commands.context import Session
from netsim.dockercli.convert import EndpointCheck
from netsim.errors import DaemonError

if TYPE_CHECKING:
    from netsim.state import NetworkState
    from netsim.versions import EngineProfile

__all__ = ["endpoint_setting_errors", "go_parse_ip", "string_addresses"]


def string_addresses(session: Session, host: str) -> EndpointCheck | None:
    """The daemon's validateEndpointSettings for addresses given as strings (docker/cli ≤ 28.x,
    EngineProfile.cli_parses_addresses false): when one does not parse as its family, the
    daemon lists every problem of the endpoint (v28.5.2:daemon/container_operations.go:
    534-607, api/types/network/endpoint.go:86-150): a predefined network refuses addresses,
    then ``invalid IPv4 address: X`` …, then whether the network's configured subnets contain
    them. Valid addresses are left to the engine. Measured: conformance/recorded/28.5,
    39-port-and-cli-errors, 44-, 50-, 53-…"""
    profile = session.profile
    if profile.cli_parses_addresses:
        return None
    import ipaddress

    def parse(text: str | None, version: int) -> bool:
        if not text:
            return True
        try:
            ip = ipaddress.ip_address(str(text))
        except ValueError:
            return False
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
            ip = ip.ipv4_mapped
        return ip.version == version and not ip.is_unspecified

    def check(ep: EndpointConfig, connect: bool) -> None:
        if profile.endpoint_settings_checked_at_start:
            _legacy_address_check(session, host, ep, connect)
            return
        v4 = str(ep.ipv4_address) if ep.ipv4_address else ""
        v6 = str(ep.ipv6_address) if ep.ipv6_address else ""
        llips = [str(a) for a in ep.link_local_ips]
        bad_ll = [a for a in llips if not _parses_as_ip(a)]
        if parse(v4, 4) and parse(v6, 6) and not bad_ll:
            return
        name = "bridge" if ep.network == "default" else ep.network
        nets = list(session.state.host(host).networks.values())
        found = ([n for n in nets if n.name == name] or [n for n in nets if n.id == name]
                 or [n for n in nets if n.id.startswith(name)])
        net = found[0] if len(found) == 1 else None
        errors = endpoint_setting_errors(
            profile, net, name, v4, v6, v4_bad=bool(v4) and not parse(v4, 4),
            v6_bad=bool(v6) and not parse(v6, 6), aliases=bool(ep.aliases),
            bad_link_local=bad_ll)
        listed = errors[0] if len(errors) == 1 else "\n".join(f"* {e}" for e in errors)
        prefix = "" if connect else f"invalid config for network {name}: "
        raise DaemonError(f"{prefix}invalid endpoint settings:\n{listed}", status=400)

    return check


def endpoint_setting_errors(profile: EngineProfile, net: NetworkState | None, name: str,
                            v4: str, v6: str, *, v4_bad: bool, v6_bad: bool, aliases: bool,
                            bad_link_local: Sequence[str] = ()) -> list[str]:
    """Every problem the daemon's validateEndpointSettings lists for an endpoint on the
    network ``name`` (``net``: it, when it exists) once one of its addresses does not parse
    (v28.5.2:daemon/container_operations.go:534-607, api/types/network/endpoint.go:86-150):
    a predefined network refuses addresses and aliases, then each unparsable address, then
    whether the network's configured subnets hold the others (net.ParseIP: an IPv4-mapped
    address is IPv4). The docker CLI's and Compose's requests share it."""
    errors: list[str] = []
    predefined = name in ("bridge", "host", "none") if net is None else (
        not net.is_user_defined or not driver_of(net.driver).user_networks)
    if predefined:
        if v4 or v6:
            errors.append("user specified IP address is supported on user defined networks "
                          "only")
        if aliases:
            errors.append(profile.predefined_alias_message)
    if v4_bad:
        errors.append(f"invalid IPv4 address: {v4}")
    if v6_bad:
        errors.append(f"invalid IPv6 address: {v6}")
    errors += [f"invalid link-local IP address: {a}" for a in bad_link_local]
    if net is not None:
        for addr, version in ((v4, 4), (v6, 6)):
            if not addr:
                continue
            subnets = [s for s in net.subnets if s.subnet.version == version]
            static = [s for s in subnets if driver_of(net.driver).configured_subnet(net, s)]
            ip = go_parse_ip(addr)
            if static and not any(ip is not None and ip in s.subnet for s in static):
                errors.append(profile.static_ip_outside_subnet_message.format(ip=addr))
            elif not static:
                errors.append("user specified IP address is supported only when connecting "
                              "to networks with user configured subnets")
    return errors


def go_parse_ip(text: str) -> Any:
    """Go's net.ParseIP: an IPv4-mapped IPv6 address is the IPv4 one; no zone."""
    import ipaddress

    if "%" in text:
        return None
    try:
        ip = ipaddress.ip_address(text)
    except ValueError:
        return None
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    return ip


def _legacy_address_check(session: Session, host: str, ep: EndpointConfig, connect: bool) -> None:
    """Address strings where the daemon checks endpoints at their set-up (EngineProfile.
    endpoint_settings_checked_at_start, 20.10). ``docker run``/``create``: only that each
    parses as its family (v20.10.24:daemon/create.go:331-361 verifyNetworkingConfig: ``invalid
    IPv4 address: X``; To4 decides the family). ``network connect`` of a running container
    (netsim does the same for a stopped one, which the model cannot keep with an unparsable
    address): validateNetworkingConfig's first refusal (daemon/container_operations.go:
    631-677), then buildCreateEndpointOptions' parsing (daemon/network.go:805-827: ``Invalid
    link-local IP address: [X]``, ``Invalid IPv4 address: X)``), then IPAM, where an address
    of the other family lies in no pool (vendor/github.com/docker/libnetwork/endpoint.go:1154).
    Addresses that parse as their family are left to the engine. Recorded: 20.10,
    44-cli-flag-values-mount-network:33-51, 50-run-create-network-errors:44-46,
    53-network-connect-rm-errors:28-31."""
    import ipaddress

    def go_ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
        if "%" in text:  # net.ParseIP takes no zone
            return None
        try:
            return ipaddress.ip_address(text)
        except ValueError:
            return None

    def is_v4(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:  # To4() != nil
        return ip.version == 4 or (isinstance(ip, ipaddress.IPv6Address)
                                   and ip.ipv4_mapped is not None)

    v4 = str(ep.ipv4_address) if ep.ipv4_address else ""
    v6 = str(ep.ipv6_address) if ep.ipv6_address else ""
    ip4, ip6 = go_ip(v4), go_ip(v6)
    bad4 = bool(v4) and (ip4 is None or not is_v4(ip4))
    bad6 = bool(v6) and (ip6 is None or is_v4(ip6))
    if not connect:
        if bad4:
            raise DaemonError(f"invalid IPv4 address: {v4}")
        if bad6:
            raise DaemonError(f"invalid IPv6 address: {v6}")
        return
    llips = [str(a) for a in ep.link_local_ips]
    bad_ll = any(go_ip(a) is None for a in llips if a)
    if not (bad4 or bad6 or bad_ll):
        return
    nets = list(session.state.host(host).networks.values())
    name = ep.network
    found = ([n for n in nets if n.name == name] or [n for n in nets if n.id == name]
             or [n for n in nets if n.id.startswith(name)])
    net = found[0] if len(found) == 1 else None
    if net is None:
        return  # the engine says the network is missing
    if not net.is_user_defined or not driver_of(net.driver).user_networks:
        if v4 or v6:
            raise DaemonError("user specified IP address is supported on user defined networks "
                              "only", status=400)
        if ep.aliases:
            raise DaemonError(session.profile.predefined_alias_message, status=400)
    for addr, version in ((v4, 4), (v6, 6)):
        if addr and not any(s.user_subnet for s in net.subnets if s.subnet.version == version):
            raise DaemonError("user specified IP address is supported only when connecting to "
                              "networks with user configured subnets", status=400)
    if bad_ll:
        raise DaemonError(f"Invalid link-local IP address: [{' '.join(llips)}]")
    if v4 and ip4 is None:
        raise DaemonError(f"Invalid IPv4 address: {v4})")
    if v6 and ip6 is None:
        raise DaemonError(f"Invalid IPv6 address: {v6})")
    for ip in (ip4 if bad4 else None, ip6 if bad6 else None):
        if ip is not None:
            raise DaemonError(f"Invalid address {ip}: It does not belong to any of this "
                              "network's subnets", status=400)


def _parses_as_ip(text: str) -> bool:
    ip = _ip_or_none(text)
    return ip is not None and not ip.is_unspecified


def _ip_or_none(text: str) -> Any:
    import ipaddress

    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None
