"""What the Docker daemon answers to the requests ``docker compose`` sends when a value is
one netsim's typed API objects cannot carry at all: Compose passes a service's strings to
the daemon unparsed (docker/compose v2.40.3 ``pkg/compose/create.go``
``getCreateConfigs``, ``createEndpointSettings``, ``buildContainerPortBindingOptions``,
``resolveOrCreateNetwork``), so an address that does not parse or a port out of range is
refused by the daemon, in the daemon's words. A value the daemon would take but netsim
cannot represent (a container port 0, a protocol other than tcp, udp and sctp, ``expose``
of a range) is said to be not simulated (status 126).

The texts are the daemon's (moby v28.5.2, cited beside each); Compose prints them after
``Error response from daemon:``. None of them was measured through Compose (unmeasured
wording for the Compose side: the progress line and the prefix are those of a measured
daemon refusal).
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Iterable
from typing import Any

from pydantic import ValidationError

from netsim.api import ContainerSpec, EndpointSettings
from netsim.composecli.project import Context, Failed
from netsim.dockercli.commands.context import NOT_SIMULATED
from netsim.dockercli.commands.endpoints import endpoint_setting_errors, go_parse_ip
from netsim.errors import DaemonError
from netsim.io.compose.convert import container_spec
from netsim.io.compose.model import ComposeNetwork, Service

__all__ = ["check_container_names", "check_endpoint", "check_image", "check_ipam",
           "check_ports", "checked_spec"]

_Address = ipaddress.IPv4Address | ipaddress.IPv6Address
_Prefix = ipaddress.IPv4Interface | ipaddress.IPv6Interface


def check_container_names(ctx: Context, services: Iterable[str]) -> None:
    """compose-go types/project.go CheckContainerNameUnicity, the first thing
    pkg/compose/create.go create does: two services of the selected project with the same
    ``container_name``. Its text names the earlier service as ``{}`` (a ``utils.Set`` value,
    an empty struct, printed with %s) and ends in a stray quote, as compose-go writes it;
    Go's map order picks which service is named, netsim takes the file's order."""
    names: set[str] = set()
    for name in services:
        wanted = ctx.project.services[name].container_name
        if not wanted:
            continue
        if wanted in names:
            raise Failed(f'services.{name}: container name "{wanted}" is already in use by '
                         'service {}"')
        names.add(wanted)


def check_image(ctx: Context, services: Iterable[str]) -> None:
    """pkg/compose/build.go getLocalImagesDigests, before any network is created: the
    daemon's image inspect of each service's image, refused when the reference does not
    parse (daemon/images/image.go GetImage: reference.ParseAnyReference, whose text
    netsim.images gives), wrapped by images.go getImageSummaries."""
    from netsim.images import parse_image_ref

    project = ctx.project
    for name in services:
        image = project.services[name].image or f"{project.name}-{name}"
        if re.fullmatch(r"[a-f0-9]{64}", image):  # ParseAnyReference: an image ID
            continue
        try:
            parse_image_ref(image)
        except ValueError as err:
            raise Failed(f"unable to get image '{image}': Error response from daemon: "
                         f"{err}") from None


def _parse_uint16(text: str) -> bool:
    """strconv.ParseUint(text, 10, 16) succeeds."""
    return bool(re.fullmatch(r"[0-9]+", text)) and int(text) <= 65535


def _host_port_ok(text: str) -> bool:
    """go-connections v0.5.0 nat.NewPort(nat.SplitProtoPort(HostPort)) succeeds."""
    port = text.split("/")[0]
    if not text or not port:
        return True
    if "-" not in port:
        return _parse_uint16(port)
    parts = port.split("-")
    return _parse_uint16(parts[0]) and _parse_uint16(parts[1]) and (
        int(parts[1]) >= int(parts[0]))


def _not_simulated(service: Service, what: str) -> Failed:
    return Failed(f"netsim: services.{service.name}.{what} is not simulated", NOT_SIMULATED)


def check_ports(service: Service) -> None:
    """The service's ports and ``expose`` as the create request carries them: the daemon's
    validatePortBindings (daemon/container.go: ``invalid port specification: "X"`` for a
    container port or host port go-connections cannot parse), then what netsim cannot
    represent."""
    for p in service.ports:
        if not _parse_uint16(str(p.target)):
            raise DaemonError(f'invalid port specification: "{p.target}"', status=400)
        if not _host_port_ok(p.published):
            raise DaemonError(f'invalid port specification: "{p.published}"', status=400)
    for p in service.ports:
        if p.target == 0 or p.protocol not in ("tcp", "udp", "sctp"):
            raise _not_simulated(service, f"ports: container port {p.target}/{p.protocol}")
        if p.host_ip and _address(p.host_ip) is None:
            raise _not_simulated(service, f"ports: host_ip {p.host_ip!r}, not an IP address,")
    for e in service.expose:
        port, _, proto = e.partition("/")
        if not (re.fullmatch(r"[0-9]+", port) and 0 < int(port) <= 65535
                and proto in ("", "tcp", "udp", "sctp")):
            raise _not_simulated(service, f"expose: {e!r}")


def _address(text: str) -> _Address | None:
    """Go's net.ParseIP (an IPv4-mapped IPv6 address is the IPv4 one; no zone)."""
    found: _Address | None = go_parse_ip(text)
    return found


def check_endpoint(ctx: Context, network: str, v4: str, v6: str) -> None:
    """api/types/network/endpoint.go EndpointIPAMConfig.Validate and
    daemon/container_operations.go validateEndpointSettings, when an address does not parse
    as its family (addresses that parse are the engine's to check): every problem of the
    endpoint, listed (``* `` bullets when several), behind ``invalid config for network
    NAME: invalid endpoint settings:`` (daemon/create.go). Engines that check endpoints only
    at their set-up (EngineProfile.endpoint_settings_checked_at_start) name the address
    alone (v20.10 daemon/create.go verifyNetworkingConfig). Compose's endpoints always carry
    aliases (create.go getAliases: the container's name at least)."""
    bad4 = bool(v4) and ((ip := _address(v4)) is None or ip.version != 4 or ip.is_unspecified)
    bad6 = bool(v6) and ((ip := _address(v6)) is None or ip.version != 6 or ip.is_unspecified)
    if not (bad4 or bad6):
        return
    profile = ctx.session.profile
    if profile.endpoint_settings_checked_at_start:
        raise DaemonError(f"invalid IPv4 address: {v4}" if bad4 else
                          f"invalid IPv6 address: {v6}")
    found = [n for n in ctx.session.engine.network_states(ctx.host) if n.name == network]
    net = found[0] if found else None
    # Compose's endpoints always carry aliases (create.go getAliases)
    errors = endpoint_setting_errors(profile, net, network, v4, v6, v4_bad=bad4, v6_bad=bad6,
                                     aliases=True)
    listed = errors[0] if len(errors) == 1 else "\n".join(f"* {e}" for e in errors)
    raise DaemonError(f"invalid config for network {network}: invalid endpoint settings:\n"
                      f"{listed}", status=400)


def _netip(text: str) -> _Address | None:
    """Go's netip.ParseAddr (an IPv4-mapped IPv6 address stays IPv6)."""
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def _prefix(text: str) -> _Prefix | None:
    """Go's netip.ParsePrefix: ADDRESS/BITS, no zone, BITS decimal without a leading zero
    and within the family's length; the host bits kept."""
    addr, slash, bits = text.partition("/")
    if not slash or "%" in addr or not re.fullmatch(r"0|[1-9][0-9]*", bits):
        return None
    try:
        ip = ipaddress.ip_address(addr)
    except ValueError:
        return None
    if int(bits) > ip.max_prefixlen:
        return None
    return ipaddress.ip_interface(f"{addr}/{bits}")


def check_ipam(ctx: Context, net: ComposeNetwork) -> None:
    """api/types/network/ipam.go ValidateIPAM (daemon/network.go createNetwork, Engine ≥ 25:
    EngineProfile.ipam_config_validated) when one of the network's ``ipam.config`` strings
    does not parse: every problem of the pools, listed, behind ``invalid network config:``.
    Pools that parse are left to the engine's own check; an older engine's answer to an
    unparsable one is not simulated."""
    def parses(cfg: dict[str, Any]) -> bool:
        texts = [cfg.get("subnet"), cfg.get("ip_range")]
        aux = cfg.get("aux_addresses")
        addresses = [cfg.get("gateway"), *(aux.values() if isinstance(aux, dict) else ())]
        return (all(t is None or _prefix(str(t)) is not None for t in texts)
                and all(a is None or _netip(str(a)) is not None for a in addresses))

    if all(parses(c) for c in net.ipam_config):
        return
    if not ctx.session.profile.ipam_config_validated:
        raise Failed(f"netsim: networks.{net.key}.ipam.config holds an address that does not "
                     "parse; this engine's answer to it is not simulated", NOT_SIMULATED)
    errors: list[str] = []
    for cfg in net.ipam_config:
        errors += _pool_errors(cfg, bool(net.enable_ipv6))
    listed = errors[0] if len(errors) == 1 else "\n".join(f"* {e}" for e in errors)
    raise DaemonError(f"invalid network config:\n{listed}", status=400)


def _pool_errors(cfg: dict[str, Any], ipv6: bool) -> list[str]:
    """ipam.go ValidateIPAM's problems with one pool (validateIPRange, validateAddress)."""
    text = str(cfg.get("subnet") or "")
    subnet = _prefix(text)
    if subnet is None:
        return [f"invalid subnet {text}: invalid CIDR block notation"]
    family = f"IPv{subnet.version}"
    if subnet.version == 6 and not ipv6:
        return []
    errors: list[str] = []
    given = subnet.with_prefixlen
    if subnet.ip != subnet.network.network_address:
        errors.append(f"invalid subnet {given}: it should be {subnet.network}")
    if cfg.get("ip_range"):
        text = str(cfg["ip_range"])
        rng = _prefix(text)
        if rng is None:
            errors.append(f"invalid ip-range {text}: invalid CIDR block notation")
        elif rng.version != subnet.version:
            errors.append(f"invalid ip-range {text}: parent subnet is an {family} block")
        else:
            if rng.network.prefixlen < subnet.network.prefixlen:
                errors.append(f"invalid ip-range {rng.with_prefixlen}: CIDR block is bigger "
                              f"than its parent subnet {given}")
            if rng.ip != rng.network.network_address:
                errors.append(f"invalid ip-range {rng.with_prefixlen}: it should be "
                              f"{rng.network}")
            if not rng.network.overlaps(subnet.network):
                errors.append(f"invalid ip-range {rng.with_prefixlen}: parent subnet {given} "
                              "doesn't contain ip-range")
    checks = [("gateway", str(cfg["gateway"]), str(cfg["gateway"]))] if cfg.get(
        "gateway") else []
    aux = cfg.get("aux_addresses")
    checks += [("auxiliary address", str(k), str(v))
               for k, v in (aux.items() if isinstance(aux, dict) else ())]
    for what, label, value in checks:
        addr = _netip(value)
        if addr is None:
            errors.append(f"invalid {what} {label}: invalid address")
        elif addr.version != subnet.version:
            errors.append(f"invalid {what} {label}: parent subnet is an {family} block")
        elif addr not in subnet.network:
            errors.append(f"invalid {what} {label}: parent subnet {given} doesn't contain "
                          "this address")
    return errors


def checked_spec(ctx: Context, service: Service, number: int,
                 **options: Any) -> tuple[ContainerSpec, list[tuple[str, EndpointSettings]]]:
    """:func:`~netsim.io.compose.convert.container_spec` for ``service``, after the daemon's
    checks of what netsim's API objects cannot carry (DaemonError with the daemon's text:
    the port bindings first, daemon/container.go verifyContainerSettings, then the
    endpoints, validateNetworkingConfig); a container name the daemon refuses is its
    ``Invalid container name`` (daemon/names.go), anything else netsim's API refuses is not
    simulated."""
    check_ports(service)
    if not service.network_mode:
        for key in service.networks_by_priority():
            cfg = service.network(key)
            net = ctx.project.networks.get(key)
            if cfg is not None and net is not None:
                check_endpoint(ctx, net.name, cfg.ipv4_address, cfg.ipv6_address)
    try:
        return container_spec(ctx.project, service, number, **options)
    except ValidationError as err:
        first = err.errors()[0]
        message = str(first.get("msg", "invalid value")).removeprefix("Value error, ")
        if message.startswith("Invalid container name"):
            raise DaemonError(message, status=400) from None
        raise _not_simulated(service, f"{'.'.join(str(p) for p in first['loc'])} "
                             f"({message})") from None
