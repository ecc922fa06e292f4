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
from collections.abc import Callable, Iterable
from typing import Any

from pydantic import ValidationError

from netsim.api import (
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
from netsim.dockercli.parse import ParsedCommand
from netsim.errors import DaemonError, DockerCliError
from netsim.golang.values import go_int, go_parse_uint

__all__ = [
    "KNOWN_DRIVERS",
    "EndpointCheck",
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
    for value in _kv(aux).values():
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


#: a check of one endpoint's address strings before the model types them: it raises the
#: daemon's error when they do not parse (docker/cli ≤ 28.x passes them on as strings; the lab
#: supplies it, knowing the networks: netsim.lab._string_addresses)
EndpointCheck = Callable[[EndpointConfig, bool], None]


def _go_split_host_port(hostport: str) -> str:
    """Go's net.SplitHostPort for ``HOST:`` (what go-connections 0.4 asks of ``-p``'s address
    part): the host, or ValueError with Go's ``address X: why``."""
    def fail(why: str) -> ValueError:
        return ValueError(f"address {hostport}: {why}")

    i = hostport.rfind(":")
    if hostport.startswith("["):
        end = hostport.find("]")
        if end < 0:
            raise fail("missing ']' in address")
        if end + 1 != i:
            # Go's net/ipsock.go: no ':' behind the ']', or a ':' that is not the last one
            # (recorded: 57-error-sites-more:14-15, ``[::1]x:`` and ``[::1]:x:``)
            raise fail("missing port in address" if end + 1 == len(hostport)
                       or hostport[end + 1] != ":" else "too many colons in address")
        host = hostport[1:end]
        if "[" in hostport[1:] or "]" in hostport[end + 1:]:
            raise fail("unexpected '[' in address")
        return host
    host = hostport[:i]
    if ":" in host:
        raise fail("too many colons in address")
    if "[" in hostport:
        raise fail("unexpected '[' in address")
    if "]" in hostport:
        raise fail("unexpected ']' in address")
    return host


def _go_parse_port_range(ports: str) -> tuple[int, int]:
    """go-connections 0.4 nat.ParsePortRange: ValueError with its (or strconv's) text."""
    if ports == "":
        raise ValueError("Empty string specified for ports.")
    low_s, dash, high_s = ports.partition("-")
    if not dash:
        n = go_parse_uint(ports, 16)
        return n, n
    high_s = high_s.split("-")[0]
    low, high = go_parse_uint(low_s, 16), go_parse_uint(high_s, 16)
    if high < low:
        raise ValueError(f"Invalid range specified for the Port: {ports}")
    return low, high


def _legacy_port_spec(raw: str) -> None:
    """-p as go-connections 0.4.0 nat.ParsePortSpec checks it (Debian's docker.io 28.5.2+dfsg:
    EngineProfile.cli_legacy_port_spec): capitalised texts, the protocol checked last."""
    parts = raw.split(":")
    container = parts[-1]
    host_port = parts[-2] if len(parts) > 1 else ""
    raw_ip = ":".join(parts[:-2]) if len(parts) > 2 else ""
    pieces = container.split("/")  # nat.SplitProtoPort
    if not container or not pieces[0]:
        proto, container = "", ""
    elif len(pieces) == 1:
        proto = "tcp"
    else:
        proto, container = pieces[1] or "tcp", pieces[0]
    try:
        ip = _go_split_host_port(raw_ip + ":")
    except ValueError as err:
        raise _cli_error(f"Invalid ip address {raw_ip}: {err}") from None
    if ip and _go_parse_ip(ip) is None:
        raise _cli_error(f"Invalid ip address: {ip}")
    if container == "":
        raise _cli_error(f"No port specified: {raw}<empty>")
    try:
        start, end = _go_parse_port_range(container)
    except ValueError:
        raise _cli_error(f"Invalid containerPort: {container}") from None
    h_start = h_end = 0
    if host_port:
        try:
            h_start, h_end = _go_parse_port_range(host_port)
        except ValueError:
            raise _cli_error(f"Invalid hostPort: {host_port}") from None
    if host_port and end - start != h_end - h_start and end != start:
        raise _cli_error("Invalid ranges specified for container and host Ports: "
                         f"{container} and {host_port}")
    if proto.lower() not in ("tcp", "udp", "sctp"):
        raise _cli_error(f"Invalid proto: {proto}")


def _legacy_expose(value: str) -> bool:
    """--expose as docker/cli ≤ 28.x with go-connections 0.4 checks it (v28.5.2:cli/command/
    container/opts.go:444-466): no protocol check; True when its protocol is one netsim
    models (another, such as ``80/xyz``, is accepted and has no effect)."""
    if ":" in value:
        raise _cli_error(f"invalid port format for --expose: {value}")
    parts = value.split("/")
    if not value or not parts[0]:
        proto, port = "", ""
    elif len(parts) == 1:
        proto, port = "tcp", value
    else:
        proto, port = parts[1] or "tcp", parts[0]
    try:
        _go_parse_port_range(port)
    except ValueError as err:
        raise _cli_error(f"invalid range format for --expose: {value}, error: {err}") from None
    return proto in ("tcp", "udp", "sctp")


def container_spec(p: ParsedCommand, *, endpoint_check: EndpointCheck | None = None,
                   legacy_ports: bool = False,
                   links_follow_any_network: bool = False,
                   legacy_options_need_network: bool = False,
                   restart_rm_legacy_text: bool = False) -> ContainerSpec:
    """``docker run``/``create`` flags → ContainerSpec (cli/command/container/opts.go parse).

    ``endpoint_check`` (see :data:`EndpointCheck`) sees each endpoint after the CLI's own
    checks, as the daemon would next; ``legacy_ports``: -p/--expose are checked as
    go-connections 0.4 does (EngineProfile.cli_legacy_port_spec); ``links_follow_any_network``:
    ``--link`` goes to the first ``--network`` unless it is ``default``, so a predefined one
    refuses it (EngineProfile.cli_links_follow_any_network); ``legacy_options_need_network``:
    without ``--network`` the CLI makes no endpoint, so ``--network-alias``, ``--ip``,
    ``--ip6`` and ``--link-local-ip`` are dropped (EngineProfile.cli_network_opts_need_network);
    ``restart_rm_legacy_text``: EngineProfile.cli_restart_rm_legacy_text.
    """
    image = p.args[0]  # a bad reference is refused by the model in distribution's words
    if image == "":  # reference.ParseAnyReference (cli/command/container/create.go)
        raise _cli_error("invalid reference format")
    command = tuple(p.args[1:])
    networks = [_network_opt(v) for v in p.shared("network")]
    aliases = tuple(p.shared("network-alias"))
    links = tuple(p.get_all("link"))
    ip = p.get("ip")
    ip6 = p.get("ip6")
    mac = p.get("mac-address")
    llips = split_values(p.get_all("link-local-ip"))
    if legacy_options_need_network and not networks:
        aliases, ip, ip6, llips = (), None, None, []
    restart = p.get("restart") or "no"
    if p.get("rm") == "true" and restart.partition(":")[0] not in ("", "no"):
        # opts.go parse: AutoRemove with a policy that is not "no" (RestartPolicy.IsNone),
        # before parseNetworkOpts
        raise _cli_error("Conflicting options: --restart and --rm" if restart_rm_legacy_text
                         else "conflicting options: cannot specify both --restart and --rm")
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
    if links and (first.network != "default" if links_follow_any_network
                  else _user_defined(first.network)):
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
    exposed = list(p.get_all("expose"))
    if legacy_ports:
        for spec in p.get_all("publish"):
            _legacy_port_spec(spec)
        exposed = [value for value in exposed if _legacy_expose(value)]
    for spec in p.get_all("publish"):
        try:
            parse_port_spec(spec)
        except ValueError as err:
            raise _cli_error(str(err)) from None
    for value in exposed:
        try:
            parse_expose(value)
        except ValueError as err:
            raise _cli_error(str(err)) from None
    endpoints: list[EndpointConfig] = []
    if endpoint_check is not None:
        for ep in merged:
            endpoint_check(ep, False)
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
    if re.fullmatch(r"[a-f0-9]{64}", image):
        # ParseAnyReference takes 64 hex digits for an image ID; the daemon has none such
        # (measured: conformance/recorded/28.5, 49-run-create-image-name-errors)
        raise DaemonError(f"No such image: sha256:{image}", status=404)
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
            expose=tuple(exposed),
            add_hosts=tuple(p.get_all("add-host")),
            dns=tuple(p.get_all("dns")),
            dns_search=tuple(p.get_all("dns-search")),
            dns_options=tuple(p.shared("dns-option")),
            mac_address=None,
            interactive=p.get("interactive") == "true",
            tty=p.get("tty") == "true",
            detach=p.get("detach") == "true",
            auto_remove=p.get("rm") == "true",
            restart=restart,
            env=tuple(p.get_all("env")),
            labels=tuple(p.get_all("label")),
            options=options,
        )
    except ValidationError as err:
        raise _cli_error(_first_validation_message(err)) from None


def network_connect(p: ParsedCommand, *, host: str,
                    endpoint_check: EndpointCheck | None = None) -> NetworkConnect:
    """``docker network connect`` (cli/command/network/connect.go)."""
    network, container = p.args[0], p.args[1]
    driver_opts = _kv(split_values(p.get_all("driver-opt")))
    if endpoint_check is not None:
        raw: dict[str, Any] = {  # the strings as typed, before the model types them
            "network": network, "aliases": tuple(split_values(p.get_all("alias"))),
            "ipv4_address": p.get("ip") or None, "ipv6_address": p.get("ip6") or None,
            "link_local_ips": tuple(split_values(p.get_all("link-local-ip")))}
        endpoint_check(EndpointConfig.model_construct(**raw), True)
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
    return NetworkConnect(host=host, container=container, endpoint=endpoint)
