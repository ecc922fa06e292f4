"""A container's ``/etc/hosts`` and a Docker host's own (``docs/reference/dns-docker.md`` §1)."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from netsim.analysis.dns.records import IPAddr
from netsim.analysis.graph import sandbox_owner
from netsim.state import ContainerState, State

__all__ = ["HostsEntry", "etc_hosts", "host_hosts", "host_hosts_text", "hosts_text"]

IPv4 = ipaddress.IPv4Address
IPv6 = ipaddress.IPv6Address


@dataclass(frozen=True, slots=True)
class HostsEntry:
    """One line of /etc/hosts."""

    address: IPAddr
    names: tuple[str, ...]
    #: the address as the file spells it, when not Python's (and Go netip's) canonical form
    spelling: str | None = None

    def line(self) -> str:
        return f"{self.spelling or self.address}\t{' '.join(self.names)}"




_IPV6_BLOCK = (
    HostsEntry(IPv6("::1"), ("localhost", "ip6-localhost", "ip6-loopback")),
    HostsEntry(IPv6("fe00::"), ("ip6-localnet",)),
    HostsEntry(IPv6("ff00::"), ("ip6-mcastprefix",)),
    HostsEntry(IPv6("ff02::1"), ("ip6-allnodes",)),
    HostsEntry(IPv6("ff02::2"), ("ip6-allrouters",)),
)
#: the same block as the engines with ``EngineProfile.hosts_ipv6_zero_spelled`` write it
_IPV6_BLOCK_SPELLED = tuple(
    HostsEntry(e.address, e.names, f"{e.address}0") if str(e.address).endswith("::") else e
    for e in _IPV6_BLOCK)


def _ipv6_disabled(c: ContainerState) -> bool:
    """``--sysctl net.ipv6.conf.{all,lo}.disable_ipv6=1`` (HostConfig.Sysctls)."""
    return any(f"{k}={v}".replace(" ", "") in (
        "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.lo.disable_ipv6=1")
        for k, v in c.spec.HostConfig.Sysctls.items())


def etc_hosts(state: State, host: str, c: ContainerState) -> tuple[HostsEntry, ...]:
    """The lines of a container's /etc/hosts (``docs/reference/dns-docker.md`` §1).

    ``etchosts.Build``: localhost, the IPv6 block (present unless IPv6 is off in the container,
    whatever its networks: libnetwork checks ``lo``), every ``--add-host`` in order, legacy
    ``--link`` lines (``alias hostname [name]``); then each joined endpoint appends the
    container's own line (``hostname[.domain] [short]``; none for ``--network none``). Host mode
    copies the host's file (without ``--add-host``). ``container:`` joiners share the owner's
    file (HostsPath is the owner's), also once the owner restarted with a new namespace: the
    joiner then reads what the owner's start wrote.
    """
    hs = state.hosts[host]
    owner = sandbox_owner(state, host, c)
    if owner is None:
        first = next((o for o in hs.containers.values() if o.id == c.sandbox_owner), None)
        owner = first if first is not None and first.running and (
            first.sandbox_owner is None) else c
    if owner.network_mode == "host" and not owner.spec.HostConfig.ExtraHosts:
        return host_hosts(state, host)
    # EngineProfile.hosts_ipv6_block_always: 20.10 writes it whatever the sysctl
    ipv6 = state.profile.hosts_ipv6_block_always or not _ipv6_disabled(owner)
    out = [HostsEntry(IPv4("127.0.0.1"), ("localhost",))]
    if ipv6:
        out += _IPV6_BLOCK_SPELLED if state.profile.hosts_ipv6_zero_spelled else _IPV6_BLOCK
    for entry in owner.spec.HostConfig.ExtraHosts:
        # HOST:IP or HOST=IP (docker/cli opts/hosts.go ValidateExtraHost)
        name, sep, addr = entry.partition("=") if "=" in entry else entry.partition(":")
        if not sep:
            continue
        if addr == "host-gateway":  # the default bridge's gateway(s) (daemon_unix.go)
            bridge = hs.networks.get("bridge")
            subs = [bridge.ipv4_subnet] if bridge is not None else []
            if bridge is not None and bridge.ipv6_enabled and ipv6 and \
                    state.profile.host_gateway_both_families:
                subs.append(bridge.ipv6_subnet)
            out += [HostsEntry(sub.gateway, (name,)) for sub in subs
                    if sub is not None and sub.gateway is not None]
            continue
        try:
            addr_ip = ipaddress.ip_address(addr.strip("[]"))
        except ValueError:
            continue
        if addr_ip.version == 4 or ipv6:
            out.append(HostsEntry(addr_ip, (name,)))
    for target, alias in owner.legacy_links:
        # container_operations_unix.go: "<alias> <child hostname>" + " <child name>" if it
        # differs from the alias
        child = hs.containers.get(target)
        link_ep = child.endpoint("bridge") if child is not None and child.running else None
        if child is not None and link_ep is not None:
            names = (alias, child.hostname) + ((child.name,) if child.name != alias else ())
            # its IPv4 address, then its IPv6 one on a dual-stack default bridge
            # (v28.5.2:daemon/container_operations_unix.go:103-113)
            out += [HostsEntry(a.ip, names) for a in (link_ep.ipv4, link_ep.ipv6)
                    if a is not None]
    if owner.network_mode == "host":
        return tuple(out)
    # sandbox_dns_unix.go: hostname plus "." + domainname; a dotted name adds its first label
    domain = owner.spec.Config.Domainname
    full = owner.hostname + (f".{domain}" if domain else "")
    names = (full, full.split(".", 1)[0]) if "." in full else (full,)
    for ep in owner.active_endpoints():
        if ep.network == "docker_gwbridge":
            # no line for the docker_gwbridge endpoint an overlay-only sandbox gets (or one
            # run on it): v28.5.2:libnetwork/endpoint.go getEtcHostsAddrs (v20.10.24:
            # vendor/github.com/docker/libnetwork/endpoint.go doUpdateHostsFile)
            continue
        for iface in (ep.ipv4, ep.ipv6):
            if iface is not None:
                out.append(HostsEntry(iface.ip, names))
    return tuple(out)


#: the IPv6 lines of Debian's /etc/hosts (netcfg, base-files), spaces as Debian writes them
_DEBIAN_IPV6_BLOCK = (
    (HostsEntry(IPv6("::1"), ("localhost", "ip6-localhost", "ip6-loopback")), "::1     "),
    (HostsEntry(IPv6("ff02::1"), ("ip6-allnodes",)), "ff02::1 "),
    (HostsEntry(IPv6("ff02::2"), ("ip6-allrouters",)), "ff02::2 "),
)


def host_hosts(state: State, host: str) -> tuple[HostsEntry, ...]:
    """A Docker host's own /etc/hosts: Debian's, as the installer writes it for a host with a
    static address (localhost, the hostname on 127.0.1.1, the IPv6 lines), measured on the
    conformance lab's hosts (:func:`host_hosts_text`)."""
    return (HostsEntry(IPv4("127.0.0.1"), ("localhost",)),
            HostsEntry(IPv4("127.0.1.1"), (state.hosts[host].host.effective_hostname,)),
            *(e for e, _ in _DEBIAN_IPV6_BLOCK))


def host_hosts_text(state: State, host: str) -> str:
    """``cat /etc/hosts`` on a Docker host, byte for byte (Debian's file)."""
    v4 = host_hosts(state, host)[:2]
    return ("".join(e.line() + "\n" for e in v4)
            + "\n# The following lines are desirable for IPv6 capable hosts\n"
            + "".join(f"{prefix}{' '.join(e.names)}\n" for e, prefix in _DEBIAN_IPV6_BLOCK))


def hosts_text(state: State, host: str, c: ContainerState) -> str:
    """``cat /etc/hosts`` inside a container (a ``--network host`` container without
    ``--add-host`` has a copy of the host's file, ``sandbox_dns_unix.go`` buildHostsFile)."""
    entries = etc_hosts(state, host, c)
    if entries == host_hosts(state, host):
        return host_hosts_text(state, host)
    return "".join(e.line() + "\n" for e in entries)
