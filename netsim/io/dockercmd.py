"""From a parsed ``docker …`` command line to the request the docker CLI sends the daemon.

This is the docker CLI's own work, done as docker/cli v29.1 does it: consolidating
``--subnet/--ip-range/--gateway/--aux-address`` into IPAM configs, folding the legacy
``--ip/--network-alias/--link`` flags into the first ``--network``, parsing ``--network
name=…,alias=…``, ``-p`` and ``--expose``. Errors are the CLI's exact words
(:class:`netsim.errors.DockerCliError`).
"""

from __future__ import annotations

import csv
import ipaddress
import re
from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError

from netsim.errors import DaemonError, DockerCliError
from netsim.io.dockerargs import ParsedCommand
from netsim.model import (
    BridgeNetwork,
    ContainerSpec,
    EndpointConfig,
    IpamConfig,
    IpvlanNetwork,
    MacvlanNetwork,
    NetworkConnect,
    NetworkCreate,
    OverlayNetwork,
    parse_expose,
    parse_port_spec,
)

__all__ = [
    "KNOWN_DRIVERS",
    "container_spec",
    "network_connect",
    "network_create",
    "split_values",
]

KNOWN_DRIVERS = ("bridge", "macvlan", "ipvlan", "overlay", "host", "null")


def split_values(values: Iterable[str]) -> list[str]:
    """pflag StringSlice/IPSlice: each value is CSV-split on commas."""
    out: list[str] = []
    for v in values:
        if v == "":
            continue
        out.extend(next(csv.reader([v])))
    return out


def _kv(values: Iterable[str]) -> dict[str, str]:
    """opts.MapOpts / ConvertKVStringsToMap: ``k=v`` (a bare ``k`` maps to "")."""
    out: dict[str, str] = {}
    for v in values:
        key, _, val = v.partition("=")
        out[key] = val
    return out


def _cli_error(text: str) -> DockerCliError:
    return DockerCliError(text, exit_code=1)


def _net(text: str) -> ipaddress.IPv4Network | ipaddress.IPv6Network:
    return ipaddress.ip_network(text, strict=False)


def network_create(p: ParsedCommand, *, host: str) -> NetworkCreate:
    """``docker network create`` → the request (cli/command/network/create.go)."""
    name = p.args[0]
    driver = p.get("driver") or "bridge"
    subnets = split_values(p.get_all("subnet"))
    ranges = split_values(p.get_all("ip-range"))
    gateways = split_values(p.get_all("gateway"))
    aux = p.get_all("aux-address")
    configs = _ipam_configs(subnets, ranges, gateways, aux)
    fields = dict(
        name=name,
        ipam=tuple(configs),
        ipam_driver=p.get("ipam-driver") or "default",
        ipam_options=_kv(p.get_all("ipam-opt")),
        internal=p.get("internal") == "true",
        attachable=p.get("attachable") == "true",
        ingress=p.get("ingress") == "true",
        ipv4=p.get("ipv4") != "false",
        ipv6=p.get("ipv6") == "true",
        options=_kv(p.get_all("opt")),
        labels=_kv(p.get_all("label")),
        config_only=p.get("config-only") == "true",
        config_from=p.get("config-from") or None,
    )
    scope = p.get("scope")
    if scope:
        fields["scope"] = scope
    model = {
        "bridge": BridgeNetwork,
        "macvlan": MacvlanNetwork,
        "ipvlan": IpvlanNetwork,
        "overlay": OverlayNetwork,
    }.get(driver)
    if model is None:
        if driver in ("host", "null"):
            # daemon/network.go: only one instance of the host/null network is allowed
            raise DaemonError(f'only one instance of "{driver}" network is allowed', status=403)
        raise DaemonError(
            f'plugin "{driver}" not found', status=404
        )
    try:
        network = model(**fields)
    except ValidationError as err:
        raise _cli_error(_first_validation_message(err)) from None
    return NetworkCreate(host=host, network=network)


def _first_validation_message(err: ValidationError) -> str:
    first = err.errors()[0]
    msg = str(first.get("msg", "invalid value"))
    return msg.removeprefix("Value error, ")


def _ipam_configs(
    subnets: list[str], ranges: list[str], gateways: list[str], aux: list[str]
) -> list[IpamConfig]:
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
    for name, value in _kv(aux).items():
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
    return [IpamConfig(**d) for d in data.values()]


# ------------------------------------------------------------------------------ containers

_LONG_SYNTAX = re.compile(r"\w+=\w+(,\w+=\w+)*")
_VALID_NAME = re.compile(r"^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$")


def _network_opt(value: str) -> EndpointConfig:
    """opts.NetworkOpt.Set: ``NAME`` or ``name=NAME,alias=A,ip=…,driver-opt=k=v,…``."""
    if not _LONG_SYNTAX.search(value):
        return EndpointConfig.model_construct(network=value)
    fields = next(csv.reader([value]))
    target = ""
    aliases: list[str] = []
    extra: dict[str, Any] = {}
    for fld in fields:
        key, sep, val = fld.lower().partition("=")
        if not sep or not key:
            raise _cli_error(
                f'invalid argument "{value}" for "--network" flag: invalid field {fld}'
            )
        key, val = key.strip(), val.strip()
        if key == "name":
            target = val
        elif key == "alias":
            aliases.append(val)
        elif key == "ip":
            extra["ipv4_address"] = val
        elif key == "ip6":
            extra["ipv6_address"] = val
        elif key == "mac-address":
            extra["mac_address"] = val
        elif key == "link-local-ip":
            extra.setdefault("link_local_ips", []).append(val)
        elif key == "driver-opt":
            k, _, v = val.partition("=")
            extra.setdefault("driver_opts", {})[k] = v
        elif key == "gw-priority":
            extra["gw_priority"] = int(val)
        else:
            raise _cli_error(
                f'invalid argument "{value}" for "--network" flag: invalid field key {key}'
            )
    if not target:
        raise _cli_error(
            f'invalid argument "{value}" for "--network" flag: network name/id is not specified'
        )
    return EndpointConfig.model_construct(network=target, aliases=tuple(aliases), **extra)


def _user_defined(mode: str) -> bool:
    return mode not in ("default", "bridge", "host", "none") and not mode.startswith("container:")


_CONSUMED = {
    "name", "hostname", "domainname", "network", "net", "network-alias", "net-alias",
    "ip", "ip6", "link", "link-local-ip", "mac-address", "publish", "publish-all", "expose",
    "add-host", "dns", "dns-search", "dns-option", "dns-opt", "interactive", "tty", "detach",
    "rm", "restart", "env", "label", "entrypoint",
}


def container_spec(p: ParsedCommand) -> ContainerSpec:
    """``docker run``/``create`` flags → ContainerSpec (cli/command/container/opts.go parse)."""
    image = p.args[0]  # a bad reference is refused by the model in distribution's words
    command = tuple(p.args[1:])
    networks = [_network_opt(v) for v in p.shared("network")]
    aliases = tuple(p.shared("network-alias"))
    links = tuple(p.get_all("link"))
    ip = p.get("ip")
    ip6 = p.get("ip6")
    mac = p.get("mac-address")
    llips = split_values(p.get_all("link-local-ip"))
    # parseNetworkOpts: legacy options apply to the first network
    first = networks[0] if networks else EndpointConfig.model_construct(network="default")
    if aliases and first.aliases:
        raise _cli_error(
            "conflicting options: cannot specify both --network-alias and per-network alias"
        )
    if links and first.links:
        raise _cli_error("conflicting options: cannot specify both --link and per-network links")
    if ip and first.ipv4_address:
        raise _cli_error(
            "conflicting options: cannot specify both --ip and per-network IPv4 address"
        )
    if ip6 and first.ipv6_address:
        raise _cli_error(
            "conflicting options: cannot specify both --ip6 and per-network IPv6 address"
        )
    update: dict[str, object] = {}
    if aliases:
        update["aliases"] = aliases
    if links and _user_defined(first.network):
        update["links"] = links
    if ip:
        update["ipv4_address"] = ip
    if ip6:
        update["ipv6_address"] = ip6
    if mac:
        update["mac_address"] = mac
    if llips:
        update["link_local_ips"] = tuple(llips)
    merged = [first.model_copy(update=update), *networks[1:]]
    seen: set[str] = set()
    user = non_user = False
    for ep in merged:
        if ep.network in seen:
            raise _cli_error(f'network "{ep.network}" is specified multiple times')
        seen.add(ep.network)
        if _user_defined(ep.network):
            user = True
        else:
            non_user = True
            if ep.aliases:
                raise _cli_error(
                    "network-scoped aliases are only supported for user-defined networks"
                )
            if ep.links:
                raise _cli_error("links are only supported for user-defined networks")
    if user and non_user:
        raise _cli_error(
            "conflicting options: cannot attach both user-defined and non-user-defined "
            "network-modes"
        )
    for spec in p.get_all("publish"):
        try:
            parse_port_spec(spec)
        except ValueError as err:
            raise _cli_error(str(err)) from None
    for value in p.get_all("expose"):
        try:
            parse_expose(value)
        except ValueError as err:
            raise _cli_error(str(err)) from None
    endpoints: list[EndpointConfig] = []
    for ep in merged:
        try:
            endpoints.append(EndpointConfig.model_validate(ep.model_dump(exclude_unset=False)))
        except ValidationError as err:
            raise _cli_error(_first_validation_message(err)) from None
    if not networks and endpoints[0] == EndpointConfig(network="default"):
        endpoints = []
    options = tuple((k, v) for k, v in p.flags if k not in _CONSUMED)
    entrypoint = p.get("entrypoint")
    name = p.get("name") or None
    if name is not None and not _VALID_NAME.match(name):
        # daemon/names.go:64 — a daemon error at create
        raise DaemonError(
            f"Invalid container name ({name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed",
            status=400,
        )
    try:
        return ContainerSpec(
            name=name,
            image=image,
            command=command,
            entrypoint=None if entrypoint is None else ((entrypoint,) if entrypoint else ()),
            hostname=p.get("hostname") or None,
            domainname=p.get("domainname") or None,
            networks=tuple(endpoints),
            links=links,
            publish=tuple(p.get_all("publish")),
            publish_all=p.get("publish-all") == "true",
            expose=tuple(p.get_all("expose")),
            add_hosts=tuple(p.get_all("add-host")),
            dns=tuple(p.get_all("dns")),
            dns_search=tuple(p.get_all("dns-search")),
            dns_options=tuple(p.shared("dns-option")),
            mac_address=None,
            interactive=p.get("interactive") == "true",
            tty=p.get("tty") == "true",
            detach=p.get("detach") == "true",
            auto_remove=p.get("rm") == "true",
            restart=p.get("restart") or "no",
            env=tuple(p.get_all("env")),
            labels=tuple(p.get_all("label")),
            options=options,
        )
    except ValidationError as err:
        raise _cli_error(_first_validation_message(err)) from None


def network_connect(p: ParsedCommand, *, host: str) -> NetworkConnect:
    """``docker network connect`` (cli/command/network/connect.go)."""
    network, container = p.args[0], p.args[1]
    driver_opts = _kv(split_values(p.get_all("driver-opt")))
    try:
        endpoint = EndpointConfig(
            network=network,
            aliases=tuple(split_values(p.get_all("alias"))),
            ipv4_address=p.get("ip") or None,
            ipv6_address=p.get("ip6") or None,
            links=tuple(p.get_all("link")),
            driver_opts=driver_opts,
            gw_priority=int(p.get("gw-priority") or 0),
            link_local_ips=tuple(split_values(p.get_all("link-local-ip"))),
        )
    except ValidationError as err:
        raise _cli_error(_first_validation_message(err)) from None
    return NetworkConnect(host=host, container=container, endpoint=endpoint)
