"""From a parsed ``docker …`` command line to the request the docker CLI sends the daemon.

This is the docker CLI's own work, done as docker/cli v29.1 does it: consolidating
``--subnet/--ip-range/--gateway/--aux-address`` into IPAM configs, ``network connect``'s
endpoint. (``docker run``/``create``: :mod:`netsim.dockercli.container_opts`.) Errors are the
CLI's exact words (:class:`netsim.errors.DockerCliError`).
"""

from __future__ import annotations

import csv
import ipaddress
from collections.abc import Callable, Iterable
from typing import Any

from pydantic import ValidationError

from netsim.api import (
    IPAM,
    ConfigReference,
    EndpointConfig,
    EndpointSettings,
    IPAMConfig,
    NetworkConnect,
    NetworkCreate,
    NetworkSpec,
)
from netsim.api.trusted import build
from netsim.dockercli.container_values import kv_map
from netsim.dockercli.parse import ParsedCommand
from netsim.errors import DaemonError, DockerCliError
from netsim.golang.values import go_int

__all__ = [
    "EndpointCheck",
    "network_connect",
    "network_create",
    "split_values",
]

def split_values(values: Iterable[str]) -> list[str]:
    """pflag StringSlice/IPSlice: each value is CSV-split on commas."""
    out: list[str] = []
    for v in values:
        if v == "":
            continue
        out.extend(next(csv.reader([v])))
    return out


def _cli_error(text: str) -> DockerCliError:
    return DockerCliError(text, exit_code=1)


def _net(text: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network:
    return ipaddress.ip_network(text, strict=False)


def network_create(p: ParsedCommand, *, host: str, string_addresses: bool = False,
                   range_must_be_cidr: bool = True,
                   ipam_validated: bool = True) -> NetworkCreate:
    """``docker network create`` → the request (cli/command/network/create.go).

    ``string_addresses``: docker/cli ≤ 28.x (EngineProfile.cli_parses_addresses false) keeps
    ``--subnet/--ip-range/--gateway/--aux-address`` as strings, consolidated by string rules,
    and a subnet it never parsed is refused by the daemon (:func:`_legacy_ipam_configs`);
    ``range_must_be_cidr``: there, an ``--ip-range`` must parse as a CIDR (EngineProfile.
    cli_ip_range_must_be_cidr); ``ipam_validated`` false: the daemon only parses each subnet
    (EngineProfile.ipam_config_validated)."""
    name = p.args[0]
    driver = p.get("driver") or "bridge"
    subnets = split_values(p.get_all("subnet"))
    ranges = split_values(p.get_all("ip-range"))
    gateways = split_values(p.get_all("gateway"))
    aux = p.get_all("aux-address")
    if string_addresses:
        _legacy_ipam_configs(subnets, ranges, gateways, aux,
                             range_must_be_cidr=range_must_be_cidr, validated=ipam_validated)
    configs = _ipam_configs(subnets, ranges, gateways, aux)
    fields: dict[str, Any] = dict(
        Name=name,
        Driver=driver,
        IPAM=IPAM(Driver=p.get("ipam-driver") or "default",
                  Options=kv_map(p.get_all("ipam-opt")), Config=tuple(configs)),
        Internal=p.get("internal") == "true",
        Attachable=p.get("attachable") == "true",
        Ingress=p.get("ingress") == "true",
        EnableIPv4=p.get("ipv4") != "false",
        EnableIPv6=p.get("ipv6") == "true",
        Options=kv_map(p.get_all("opt")),
        Labels=kv_map(p.get_all("label")),
        ConfigOnly=p.get("config-only") == "true",
        ConfigFrom=ConfigReference(Network=p.get("config-from")) if p.get("config-from")
        else None,
    )
    scope = p.get("scope")
    if scope:
        fields["Scope"] = scope
    # any driver: the daemon refuses one it does not know (netsim.daemon.networks)
    try:
        network = NetworkSpec(**fields)
    except ValidationError as err:
        raise _cli_error(_first_validation_message(err)) from None
    return NetworkCreate(host=host, network=network)


def _first_validation_message(err: ValidationError) -> str:
    first = err.errors()[0]
    msg = str(first.get("msg", "invalid value"))
    return msg.removeprefix("Value error, ")


def _go_parse_cidr(text: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network:
    """Go's net.ParseCIDR (host bits masked); ``invalid CIDR address: X`` otherwise."""
    addr, slash, bits = text.partition("/")
    try:
        if not slash or not bits.isdigit():
            raise ValueError
        ip = ipaddress.ip_address(addr)
        if int(bits) > ip.max_prefixlen:
            raise ValueError
        return ipaddress.ip_network(f"{addr}/{bits}", strict=False)
    except ValueError:
        raise _cli_error(f"invalid CIDR address: {text}") from None


def _go_parse_ip(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """Go's net.ParseIP (None when it is not an address)."""
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _legacy_ipam_configs(subnets: list[str], ranges: list[str], gateways: list[str],
                         aux: list[str], *, range_must_be_cidr: bool = True,
                         validated: bool = True) -> None:
    """createIPAMConfig of docker/cli ≤ 28.x over strings (v28.5.2:cli/command/network/
    create.go:140-272, subnetMatches), then the daemon's ValidateIPAM for what the CLI never
    parsed (v28.5.2:api/types/network/ipam.go: ``invalid network config:`` + ``invalid subnet
    X: invalid CIDR block notation``); measured: conformance/recorded/28.5,
    45-network-create-cli-errors. Returns quietly when the values are ones the typed path
    (:func:`_ipam_configs`) handles alike. ``validated`` false: the daemon has no ValidateIPAM
    and refuses the first subnet net.ParseCIDR refuses (v20.10.24:daemon/network.go:409-427
    getIpamConfig: ``Invalid subnet X : invalid CIDR address: X``)."""
    if len(subnets) < len(ranges) or len(subnets) < len(gateways):
        raise _cli_error("every ip-range or gateway must have a corresponding subnet")

    def subnet(s: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network:
        try:
            return _go_parse_cidr(s)
        except DockerCliError:
            raise _cli_error(f"invalid subnet: invalid CIDR address: {s}") from None

    def matches(s: str, data: str) -> bool:
        net = subnet(s)
        ip = _go_parse_cidr(data).network_address if "/" in data else _go_parse_ip(data)
        return ip is not None and ip.version == net.version and ip in net

    seen: list[str] = []
    for s in subnets:
        for k in seen:
            if matches(s, k) or matches(k, s):
                raise _cli_error("multiple overlapping subnet configuration is not supported")
        seen.append(s)
    for r in ranges:
        match = False
        for s in subnets:
            if range_must_be_cidr:  # docker/cli 8fca0a1f28 (v28.0.0)
                _go_parse_cidr(r)
            match = match or matches(s, r)
        if not match:
            raise _cli_error(f"no matching subnet for range {r}")
    for g in gateways:
        if not any(matches(s, g) for s in subnets):
            raise _cli_error(f"no matching subnet for gateway {g}")
    for value in kv_map(aux).values():
        if not any(matches(s, value) for s in subnets):
            raise _cli_error(f"no matching subnet for aux-address {value}")
    if not validated:
        for s in subnets:
            try:
                _go_parse_cidr(s)
            except DockerCliError as err:
                raise DaemonError(f"Invalid subnet {s} : {err.text}") from None
        return
    bad = []
    for s in subnets:
        try:
            ipaddress.ip_network(s, strict=False)
            if "/" not in s:
                raise ValueError
        except ValueError:
            bad.append(f"invalid subnet {s}: invalid CIDR block notation")
    if bad:
        listed = bad[0] if len(bad) == 1 else "\n".join(f"* {b}" for b in bad)
        raise DaemonError(f"invalid network config:\n{listed}", status=400)


def _ipam_configs(
    subnets: list[str], ranges: list[str], gateways: list[str], aux: list[str]
) -> list[IPAMConfig]:
    """createIPAMConfig (cli/command/network/create.go), with its errors."""
    if len(subnets) < len(ranges) or len(subnets) < len(gateways):
        raise _cli_error("every ip-range or gateway must have a corresponding subnet")
    parsed: dict[str, ipaddress.IPv4Interface | ipaddress.IPv6Interface] = {}
    for s in subnets:
        try:
            iface = ipaddress.ip_interface(s)
            if "/" not in s:
                raise ValueError
        except ValueError:
            raise _cli_error(f"invalid subnet: invalid CIDR address: {s}") from None
        for other in parsed.values():
            if iface.network.overlaps(other.network):
                raise _cli_error("multiple overlapping subnet configuration is not supported")
        parsed[s] = iface
    data: dict[str, dict[str, object]] = {s: {"subnet": parsed[s]} for s in subnets}
    for r in ranges:
        # pflag's IPNet flag keeps only the network (net.ParseCIDR masks host bits)
        rng = _net(r)
        rng_iface = ipaddress.ip_interface(f"{rng.network_address}/{rng.prefixlen}")
        match = False
        for s in subnets:
            if rng.network_address not in parsed[s].network:
                continue
            if "ip_range" in data[s]:
                raise _cli_error(
                    f"cannot configure multiple ranges ({rng}, {data[s]['ip_range']}) on the same "
                    f"subnet ({s})"
                )
            data[s]["ip_range"] = rng_iface
            match = True
        if not match:
            raise _cli_error(f"no matching subnet for range {rng}")
    for g in gateways:
        gw = ipaddress.ip_address(g)
        match = False
        for s in subnets:
            if gw not in parsed[s].network:
                continue
            if "gateway" in data[s]:
                raise _cli_error(
                    f"cannot configure multiple gateways ({gw}, {data[s]['gateway']}) for the same "
                    f"subnet ({s})"
                )
            data[s]["gateway"] = gw
            match = True
        if not match:
            raise _cli_error(f"no matching subnet for gateway {gw}")
    for name, value in kv_map(aux).items():
        if value == "":
            continue
        try:
            addr = ipaddress.ip_address(value)
        except ValueError:
            raise _cli_error(f"ParseAddr({value!r}): unable to parse IP") from None
        match = False
        for s in subnets:
            if addr in parsed[s].network:
                aux_map = data[s].setdefault("aux_addresses", {})
                assert isinstance(aux_map, dict)
                aux_map[name] = addr
                match = True
        if not match:
            raise _cli_error(f"no matching subnet for aux-address {value}")
    names = {"subnet": "Subnet", "ip_range": "IPRange", "gateway": "Gateway",
             "aux_addresses": "AuxiliaryAddresses"}
    return [IPAMConfig.model_validate({names[k]: v for k, v in d.items()})
            for d in data.values()]


# ------------------------------------------------------------------------ endpoints

#: a check of one endpoint's address strings before the model types them: it raises the
#: daemon's error when they do not parse (docker/cli ≤ 28.x passes them on as strings; the lab
#: supplies it, knowing the networks: netsim.lab._string_addresses)
EndpointCheck = Callable[[EndpointConfig, bool], None]


def network_connect(p: ParsedCommand, *, host: str,
                    endpoint_check: EndpointCheck | None = None) -> NetworkConnect:
    """``docker network connect`` (cli/command/network/connect.go)."""
    network, container = p.args[0], p.args[1]
    key = (p.flags, not network)  # (of the network, the model reads only that it has a name)
    known = _CONNECTS.get(key)
    if known is None:
        known = _connect_request(p, network, endpoint_check)
        if len(_CONNECTS) >= MEMO_ENTRIES:
            _CONNECTS.clear()
        _CONNECTS[key] = known
    elif endpoint_check is not None:  # the session's check, each time
        endpoint_check(EndpointConfig.model_construct(network=network, **known[0]), True)
    return build(NetworkConnect, host=host, network=network, Container=container,
                 EndpointConfig=known[1])


#: how many requests a CLI memo keeps before it starts over (the 10,000 networks of
#: bench/scale.py's 100,000 containers ask for ~20,000 shapes of ``docker run``; at 4,096 the
#: memos kept starting over: 149 → 125 µs a command there)
MEMO_ENTRIES = 1 << 16

#: network_connect's endpoints by the flags and whether the network is named (the container
#: and the network's name aside: the request's settings are the flags'): the strings as typed
#: but the network, for the session's check, and the request's EndpointConfig
_CONNECTS: dict[tuple[Any, ...], tuple[dict[str, Any], EndpointSettings]] = {}


def _connect_request(p: ParsedCommand, network: str, endpoint_check: EndpointCheck | None
                     ) -> tuple[dict[str, Any], EndpointSettings]:
    driver_opts = kv_map(split_values(p.get_all("driver-opt")))
    raw: dict[str, Any] = {  # the strings as typed, before the model types them
        "aliases": tuple(split_values(p.get_all("alias"))),
        "ipv4_address": p.get("ip") or None, "ipv6_address": p.get("ip6") or None,
        "link_local_ips": tuple(split_values(p.get_all("link-local-ip")))}
    if endpoint_check is not None:
        endpoint_check(EndpointConfig.model_construct(network=network, **raw), True)
    try:
        endpoint = EndpointConfig(
            network=network,
            aliases=tuple(split_values(p.get_all("alias"))),
            ipv4_address=p.get("ip") or None,
            ipv6_address=p.get("ip6") or None,
            links=tuple(p.get_all("link")),
            driver_opts=driver_opts,
            gw_priority=go_int(p.get("gw-priority") or "0"),
            link_local_ips=tuple(split_values(p.get_all("link-local-ip"))),
        )
    except ValidationError as err:
        raise _cli_error(_first_validation_message(err)) from None
    # connect.go: the request's EndpointConfig (an IPAMConfig only when an address is given,
    # as netsim has always sent it)
    return raw, endpoint.settings()
