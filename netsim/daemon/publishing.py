"""Published ports (``-p``, ``-P``): programmed on the sandbox's gateway endpoint when its
driver publishes ports (bridge_linux.go ProgramExternalConnectivity), each host port from the
host's allocator (:mod:`netsim.daemon.ports`) and bound by the kernel -- or refused in the
engine's words."""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence

from netsim.api import port_key_parts
from netsim.api.trusted import build, evolve
from netsim.daemon import drivers
from netsim.daemon.core import EngineCore
from netsim.daemon.drivers import CONTAINER_MODE
from netsim.daemon.ports import PortRequest, order_bindings, port_requests
from netsim.daemon.runtime import HostRuntime, IPAddr
from netsim.errors import DaemonError
from netsim.state import ContainerState, EndpointState, PortMapping, gateway_endpoints

__all__ = ["PublishingMixin"]


class PublishingMixin(EngineCore):
    """Port publishing of one host's containers."""

    def _bind_ports(
        self, rt: HostRuntime, c: ContainerState, joined: Sequence[EndpointState]
    ) -> list[PortMapping]:
        """Publish ports on the gateway endpoints (bridge_linux.go ProgramExternalConnectivity;
        netsim.state.gateway_endpoints)."""
        host_config = c.spec.HostConfig
        if not (host_config.PortBindings or host_config.PublishAllPorts) or (
                c.network_mode == "host" or CONTAINER_MODE.applies(c.network_mode)):
            return []
        bindings = port_requests(host_config.PortBindings)
        if host_config.PublishAllPorts:
            explicit = {b.port_key for b in bindings}
            for key in c.exposed_ports:
                if key not in explicit:
                    port, proto = port_key_parts(key)
                    bindings.append(PortRequest(container_port=port, proto=proto))
        if not bindings:
            return []
        bindings = order_bindings(bindings, self.profile.port_binding_order)
        gw4, gw6 = gateway_endpoints(
            joined, lambda name: net.state if (net := rt.networks.get(name)) else None,
            self.profile)
        # the driver programs the ports on each gateway endpoint (≥ 28.0 IPv4's and IPv6's may
        # differ: v28.5.2:libnetwork/endpoint.go:640-708 sbJoin; then the IPv4 one maps no
        # host IPv6 address, noProxy6To4)
        mine4 = gw4 if gw4 is not None and self._programs(rt, gw4) else None
        mine6 = gw6 if gw6 is not None and self._programs(rt, gw6) else None
        if gw6 is None or gw6 is gw4:
            mine6 = mine4  # one gateway endpoint maps both families' host addresses
        elif gw4 is None:
            mine4 = mine6
        if mine4 is None and mine6 is None:
            return []
        out: list[PortMapping] = []
        failed_ep = mine4 or mine6
        assert failed_ep is not None
        try:
            for b in bindings:
                targets = self._binding_targets(rt, b, mine4, mine6)
                if not targets:
                    continue
                addrs = [a for a, _ in targets]
                ranged = b.host_port_start != b.host_port_end or b.host_port_start == 0
                skip: set[int] = set()
                while True:
                    host_port = rt.ports.allocate(
                        c.id, addrs, b.proto, b.host_port_start, b.host_port_end,
                        frozenset(skip), per_address=self.profile.port_allocator_per_address)
                    failed = next(((a, ep, r) for a, ep in targets if (r := self._unbindable(
                        rt, a, b.proto, host_port, c.id)) is not None), None)
                    if failed is None:
                        break
                    if not ranged or failed[2] != "address already in use" or len(skip) >= 9:
                        failed_ep = failed[1]
                        raise DaemonError(self._bind_error(failed[0], host_port, b, failed[1],
                                                           failed[2]))
                    # another port of the range: the allocator moves on (up to 10 attempts)
                    rt.ports.release_port(c.id, addrs, b.proto, host_port)
                    skip.add(host_port)
                out.extend(
                    build(PortMapping,
                        container_port=b.container_port, proto=b.proto, host_ip=a,
                        host_port=host_port
                    )
                    for a in addrs
                )
        except DaemonError as err:
            rt.ports.release(c.id)
            # libnetwork/endpoint.go:661
            setup = ("failed to set up container networking: "
                     if self.profile.setup_networking_prefix else "")
            raise DaemonError(
                f"{setup}driver failed programming external "
                f"connectivity on endpoint {c.name} ({failed_ep.endpoint_id}): {err.text}",
                status=500,
            ) from None
        return out

    def _rebind(self, rt: HostRuntime, c: ContainerState) -> ContainerState:
        """Re-program published ports after the set of endpoints changed: they are programmed on the
        gateway endpoint only (bridge_linux.go ProgramExternalConnectivity)."""
        if not (c.spec.HostConfig.PortBindings or c.spec.HostConfig.PublishAllPorts):
            return c
        rt.ports.release(c.id)
        mappings = self._bind_ports(rt, c, [e for e in c.endpoints if e.active])
        return evolve(c, port_mappings=tuple(mappings))

    @staticmethod
    def _programs(rt: HostRuntime, ep: EndpointState) -> bool:
        """Whether the driver maps ports to a gateway endpoint: not macvlan/ipvlan
        (drivers/bridge/port_mapping_linux.go is the bridge's), not on an ``--internal``
        network (EngineProfile.bridge_internal_gateway: such an endpoint gets no external
        connectivity, v20.10.24:vendor/github.com/docker/libnetwork/endpoint.go:586
        ``if !n.internal``)."""
        net = rt.networks[ep.network].state
        return drivers.get(net.driver).publishes_ports and not net.internal

    @staticmethod
    def _binding_targets(rt: HostRuntime, b: PortRequest, ep4: EndpointState | None,
                         ep6: EndpointState | None) -> list[tuple[str, EndpointState]]:
        """The host addresses a port binding is bound on, each with the gateway endpoint it
        maps to: the one given, else the network's default binding address
        (``com.docker.network.bridge.host_binding_ipv4``), else ``0.0.0.0`` and ``::``. An
        IPv4 address needs the IPv4 gateway endpoint's IPv4 address; an IPv6 one the IPv6
        gateway endpoint's IPv6 address, else (one gateway endpoint for both families)
        docker-proxy takes it to the IPv4 address (v28.5.2:libnetwork/drivers/bridge/
        port_mapping_linux.go:130-165, 290-380 configurePortBindingIPv4/IPv6: an IPv6-only
        container gets ``[::]`` alone)."""
        def addresses(ep: EndpointState) -> list[str]:
            default_ip = rt.networks[ep.network].state.options.get(
                "com.docker.network.bridge.host_binding_ipv4", "")
            host_ip = b.host_ip or ("" if default_ip in ("", "0.0.0.0") else default_ip)
            return [host_ip] if host_ip else ["0.0.0.0", "::"]

        out: list[tuple[str, EndpointState]] = []
        if ep4 is not None and ep4.ipv4 is not None:
            out += [(a, ep4) for a in addresses(ep4) if ":" not in a]
        if ep6 is not None and (ep6.ipv6 is not None or (ep6 is ep4 and ep6.ipv4 is not None)):
            out += [(a, ep6) for a in addresses(ep6) if ":" in a]
        return out

    def _host_addresses(self, rt: HostRuntime) -> set[IPAddr]:
        """The addresses a process of the host may bind: its NIC's, its bridges' gateways."""
        out: set[ipaddress.IPv4Address | ipaddress.IPv6Address] = {
            ipaddress.ip_address("::1")}
        if rt.host.address is not None:
            out.add(rt.host.address)
        for net in rt.networks.values():
            if drivers.get(net.state.driver).gateway_on_host:
                out.update(s.gateway for s in net.state.subnets if s.gateway is not None)
        return out

    def _unbindable(self, rt: HostRuntime, addr: str, proto: str, port: int,
                    cid: str) -> str | None:
        """Why the kernel refuses to bind ``addr:port`` for a published port (None: it binds):
        an address the host does not have (EADDRNOTAVAIL), or a port a process in the host's
        namespace (a host-network container) already holds (EADDRINUSE)."""
        if addr not in ("0.0.0.0", "::"):
            ip = ipaddress.ip_address(addr)
            if not (ip.is_loopback or ip in self._host_addresses(rt)) and self._not_mine(rt, ip):
                return "cannot assign requested address"
        host_mode = (rt.containers[rt.names_by_id[i]] for i in rt.host_mode if i != cid)
        if any(self._holds(other, addr, f"{port}/{proto}") for other in host_mode
               if other.running):
            return "address already in use"
        if self.profile.port_allocator_per_address and rt.ports.kernel_clash(addr, proto, port):
            # another published port's docker-proxy holds it (EngineProfile.
            # port_allocator_per_address: the allocator let both through)
            return "address already in use"
        return None

    def _not_mine(self, rt: HostRuntime, ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
        """An address netsim knows the host does not have: another one of the LAN's, or of a
        subnet of the host's Docker networks (its own there are the gateways). Any other may be
        on a NIC netsim does not model, so it is taken as the host's."""
        if ip in self.lan.subnet:
            return True
        return any(ip in s.subnet for net in rt.networks.values() for s in net.state.subnets)

    @staticmethod
    def _holds(c: ContainerState, addr: str, key: str) -> bool:
        """A host-network container's program listens on ``key`` on every address (netsim's
        listeners bind the unspecified address), so it holds ``addr`` of the same family."""
        return key in c.listening and ":" not in addr

    def _bind_error(self, addr: str, port: int, b: PortRequest, gw: EndpointState,
                    reason: str) -> str:
        """The refusal of a published port the kernel would not bind, in the engine's words
        (EngineProfile.host_port_bind_error)."""
        v6 = ":" in addr
        host_ip = f"[{addr}]" if v6 else addr
        # the binding's container address (types.PortBinding.String: IPv6 in brackets)
        container_ip = (f"[{gw.ipv6.ip}]" if v6 and gw.ipv6 is not None
                        else str(gw.ipv4.ip) if gw.ipv4 is not None else "")
        ranged = b.host_port_end > b.host_port_start or b.host_port_start == 0
        text = self.profile.host_port_bind_error.format(
            host_ip=host_ip, host_port=port, binding_port=port if not ranged else
            (f"{b.host_port_start}-{b.host_port_end}" if b.host_port_start else ""),
            container_ip=container_ip,
            container_port=b.container_port, proto=b.proto, family="6" if v6 else "4",
            reason=reason)
        if ranged and text.startswith("failed to bind host port for "):
            # port_mapping_linux.go:626: a port picked from a range names itself first
            text = text.replace("failed to bind host port for ",
                                f"failed to bind host port {port} for ", 1)
        return text
