"""Endpoints: a sandbox joining and leaving networks -- its addresses, MAC, interface (and the
kernel's numbers for it), DNS names -- and ``docker network connect/disconnect``. What depends
on the network's driver is asked of the driver (:mod:`netsim.daemon.drivers`).
"""

from __future__ import annotations

import ipaddress
from functools import cache

from netsim.api import ContainerSpec, EndpointSettings
from netsim.api.trusted import build, evolve
from netsim.daemon import drivers, ids
from netsim.daemon.core import EngineCore, Outcome
from netsim.daemon.drivers import CONTAINER_MODE
from netsim.daemon.errors import attach_timeout
from netsim.daemon.ipam import interface_in
from netsim.daemon.netns import Netns
from netsim.daemon.runtime import HostRuntime, JoinPlan, NetworkRuntime
from netsim.errors import DaemonError
from netsim.state import ContainerState, EndpointState, NetworkState, SubnetState

__all__ = ["EndpointsMixin", "dns_names"]


@cache
def _host_mac(seed: int, host: str) -> str:
    """A host NIC's MAC (ipvlan's endpoints take it; asked at every join)."""
    return ids.mac_address(seed, "host-nic", host)


class EndpointsMixin(EngineCore):
    """Endpoints of containers on one host's networks."""

    def _initial_endpoints(
        self, rt: HostRuntime, spec: ContainerSpec, mode: str
    ) -> list[EndpointState]:
        """The NetworkSettings.Networks a created container has (no addresses yet)."""
        if CONTAINER_MODE.applies(mode):
            # the joiner has no endpoints of its own (container_operations.go initializeNetworking)
            return []
        # host and none containers have an endpoint on the host/null network, with no address
        out = []
        for name, cfg in spec.attachments():
            netname = "bridge" if name == "default" else name
            try:
                net = self._find_network(rt, netname).state
            except DaemonError:
                # create succeeds; the start fails (daemon/create.go validates known networks)
                out.append(build(EndpointState, network=netname, network_id="", config=cfg))
                continue
            try:
                if not self.profile.endpoint_settings_checked_at_start:
                    self._validate_endpoint(net, cfg)
            except DaemonError as err:
                # daemon/create.go:376 + container_operations.go:563
                raise DaemonError(
                    f"invalid config for network {net.name}: invalid endpoint settings:\n"
                    f"{err.text}", status=400) from None
            out.append(build(EndpointState, network=net.name, network_id=net.id, config=cfg))
        return out

    def _validate_endpoint(self, net: NetworkState, cfg: EndpointSettings, *,
                           ipam: bool = True) -> None:
        """daemon/container_operations.go validateEndpointSettings (create and connect): every
        problem is collected; several are listed as ``* `` bullets (v28.5.2:
        daemon/container_operations.go:534-579, docker-v29.1.5: :520-560). Where the daemon
        checks at the endpoint's set-up (EngineProfile.endpoint_settings_checked_at_start),
        the first problem alone; ``ipam`` false leaves out what only IPAM finds (an address
        outside the subnets: a stopped container's ``network connect`` there)."""
        if cfg.IPAMConfig is None and not cfg.Aliases:
            return  # (no address and no alias: nothing below can object)
        errors: list[str] = []
        driver = drivers.get(net.driver)
        if not net.is_user_defined or not driver.sandbox_interface:
            if cfg.ipv4_address or cfg.ipv6_address:
                # runconfig ErrUnsupportedNetworkAndIP (docker-v29.1.5: :533)
                errors.append(
                    "user specified IP address is supported on user defined networks only")
            if cfg.Aliases:
                errors.append(self.profile.predefined_alias_message)
        for version, asked in ((4, cfg.ipv4_address), (6, cfg.ipv6_address)):
            if asked is None:
                continue
            # --ip over the IPv4 subnets, --ip6 over the IPv6 ones (a network without IPv6 has
            # none: measured, 80-ipv6-ports-isolation); a configured subnet is "static"
            # (v28.5.2:api/types/network/endpoint.go:103-124 validateEndpointIPAddress), the
            # bridge driver's default network's too
            subs = [s for s in net.subnets if s.subnet.version == version
                    and (version == 4 or net.ipv6_enabled)]
            static = [s for s in subs if driver.configured_subnet(net, s)]
            if self.profile.static_ip_needs_user_subnet and not static:
                errors.append(
                    "user specified IP address is supported only when connecting to networks "
                    "with user configured subnets")
            elif ipam and not any(
                    asked in s.subnet
                    for s in (static if self.profile.static_ip_needs_user_subnet else subs)):
                errors.append(self.profile.static_ip_outside_subnet_message.format(ip=asked))
        if errors and self.profile.endpoint_settings_checked_at_start:
            raise DaemonError(errors[0], status=400)
        if errors:
            text = errors[0] if len(errors) == 1 else "\n".join(f"* {e}" for e in errors)
            raise DaemonError(text, status=400)

    def _join(self, rt: HostRuntime, c: ContainerState, ep: EndpointState, index: int, *,
              gateway_only: bool = False) -> EndpointState:
        """Connect one endpoint: allocate its address and MAC, name its interface."""
        # the stored NetworkID is preferred over the name (container_operations.go:1131);
        # it is stored at the first start (network.go buildEndpointInfo), not at create: a
        # container never started looks its networks up by name (measured:
        # 52-container-lifecycle-errors, "network lab1 not found")
        network_id = ep.network_id if c.started is not None else ""
        if network_id:
            by_id = rt.network_names_by_id.get(network_id)
            found = rt.networks[by_id] if by_id is not None else None
        else:
            found = rt.networks.get(ep.network)
        if found is None and self._node(rt) is not None:
            found = self._overlay_attach(rt, network_id or ep.network)
        if found is None:
            raise DaemonError(f"network {network_id or ep.network} not found", status=404)
        net = found
        plan = self._join_plan(net)
        st, driver = plan.state, plan.driver
        if ep.network_id != st.id:
            ep = evolve(ep, network=st.name, network_id=st.id)
        cfg = ep.config
        profile = self.profile
        if profile.endpoint_settings_checked_at_start:
            self._validate_endpoint(st, cfg)  # updateNetworkConfig, then IPAM
        ipv4: ipaddress.IPv4Interface | None = None
        if plan.v4 is not None:
            sub, i = plan.v4
            pool = net.pools[i]
            if cfg.ipv4_address is not None:
                iface = interface_in(pool.allocate(cfg.ipv4_address), sub.subnet)
            else:
                try:
                    iface = interface_in(pool.allocate_int(), sub.subnet)
                except DaemonError:
                    if driver.scope == "swarm":
                        raise attach_timeout() from None
                    # libnetwork/endpoint.go assignAddressVersion
                    raise DaemonError(
                        "no available IPv4 addresses on this network's address pools: "
                        f"{st.name} ({st.id})", status=503) from None
            assert isinstance(iface, ipaddress.IPv4Interface)  # an IPv4 subnet's
            ipv4 = iface
            if driver.scope == "swarm":  # the node's load balancer on first use
                try:
                    self._overlay_user(rt, st.name, c.id, pool)
                except DaemonError:
                    pool.release(ipv4.ip)
                    raise attach_timeout() from None
        join_no = self._nth("join", c.id, st.id)
        if not driver.sandbox_interface:
            # no interface of its own: the host's namespace, or one with only lo
            return evolve(ep, endpoint_id=ids.hex_id(self.seed, "endpoint", c.id, st.id,
                                                     join_no))
        endpoint_id, random_mac, veth = ids.endpoint_ids(self.seed, c.id, st.id, join_no)
        if cfg.MacAddress:
            mac = cfg.MacAddress.lower()
        else:
            # the driver's (ipvlan: the parent's; before 28.0, and on an overlay, derived from
            # the IPv4 address: 02:42:ac:11:00:02), else a random one
            mac = driver.endpoint_mac(ipv4, _host_mac(self.seed, rt.host.name),
                                      profile) or random_mac
        ipv6 = None
        if plan.v6 is not None:
            try:
                ipv6 = self._join6(net, plan, plan.v6, cfg, mac)
            except DaemonError:
                if ipv4 is not None:
                    next(p for p in net.pools if ipv4.ip in p.subnet).release(ipv4.ip)
                raise
        if profile.ifname_counter_per_sandbox:
            sb = self._sandbox(rt, c.id)
            ifname = f"eth{sb.next_eth}"
            sb.next_eth += 1
        else:
            ifname = f"eth{index}"  # the first of ethINDEX, ethINDEX+1 … not in use
            for e in c.endpoints:
                if e.ifname == ifname:
                    used = {e.ifname for e in c.endpoints if e.ifname}
                    ifname = next(f"eth{i}" for i in range(index + 1, index + 1 + len(used) + 1)
                                  if f"eth{i}" not in used)
                    break
        ifindex, link, link_netnsid, host_netnsid = self._plugged(
            rt, c.id, st, driver, gateway_only=gateway_only)
        return evolve(ep,
            endpoint_id=endpoint_id,
            ifname=ifname,
            ipv4=ipv4,
            gateway=plan.gateway,
            ipv6=ipv6,
            gateway6=plan.gateway6,
            mac=mac,
            host_veth=veth if driver.host_veth else None,
            dns_names=dns_names(c, st, cfg),
            ifindex=ifindex,
            link_ifindex=link,
            link_netnsid=link_netnsid,
            host_netnsid=host_netnsid,
        )

    def _join_plan(self, net: NetworkRuntime) -> JoinPlan:
        """What every endpoint joining ``net`` takes from the network alone, made once per
        network state, engine profile and driver: the plan's key, everything it is read from
        (a state and a profile are frozen; a network's pools are made with it, never
        replaced, and the plan names them by index)."""
        st = net.state
        driver = drivers.get(st.driver)
        plan = net.plan
        if (plan is not None and plan.state is st and plan.profile is self.profile
                and plan.driver is driver):
            return plan
        v4 = net.family(4)
        # the default route, via the subnet's gateway where the driver gives one (not on an
        # overlay, an ipvlan l3 network, an --internal one)
        routed = driver.endpoint_gateway(st, self.profile)
        gateway = v4[0].gateway if v4 is not None and routed else None
        # IPv6 on a network with IPv6 enabled (_join6)
        v6 = net.family(6) if st.ipv6_enabled and driver.sandbox_interface else None
        gateway6 = v6[0].gateway if v6 is not None and routed else None
        net.plan = plan = JoinPlan(
            state=st, profile=self.profile, driver=driver,
            v4=v4, gateway=gateway if isinstance(gateway, ipaddress.IPv4Address) else None,
            v6=v6, gateway6=gateway6 if isinstance(gateway6, ipaddress.IPv6Address) else None,
            # v26.1.5:libnetwork/drivers/bridge/bridge_linux.go:1093-1099: on ≤ 26.x's default
            # bridge, an address from the subnet's prefix and the MAC (a /80 or wider)
            v6_from_mac=v6 is not None and st.predefined
            and self.profile.default_bridge_ipv6_from_mac and v6[0].subnet.prefixlen <= 80)
        return plan

    def _join6(self, net: NetworkRuntime, plan: JoinPlan, v6: tuple[SubnetState, int],
               cfg: EndpointSettings, mac: str) -> ipaddress.IPv6Interface:
        """The endpoint's IPv6 address on a network with IPv6 enabled (``v6``: the plan's
        subnet and pool): ``--ip6``, else the lowest free address of its first IPv6 subnet
        (libnetwork/endpoint.go assignAddressVersion; measured: ::2, ::3 … after the gateway
        ::1); on ≤ 26.x's default bridge, the subnet's prefix and the MAC
        (EngineProfile.default_bridge_ipv6_from_mac)."""
        st = plan.state
        sub, i = v6
        pool = net.pools[i]
        if plan.v6_from_mac:
            # v26.1.5:libnetwork/drivers/bridge/bridge_linux.go:1093-1099: the MAC's 6 bytes
            # over the address's last 6; libnetwork then reserves it with IPAM
            value = int(sub.subnet.network_address) | int(mac.replace(":", ""), 16)
            addr: ipaddress.IPv4Address | ipaddress.IPv6Address | int = pool.allocate(
                ipaddress.IPv6Address(value))
        elif cfg.ipv6_address is not None:
            addr = pool.allocate(cfg.ipv6_address)
        else:
            try:
                addr = pool.allocate_int()
            except DaemonError:
                raise DaemonError(
                    "no available IPv6 addresses on this network's address pools: "
                    f"{st.name} ({st.id})", status=503) from None
        iface = interface_in(addr, sub.subnet)
        assert isinstance(iface, ipaddress.IPv6Interface)  # an IPv6 subnet's
        return iface

    def _plug(self, rt: HostRuntime, c: ContainerState, net: NetworkState, *,
              gateway_only: bool) -> dict[str, int | None]:
        """:meth:`_plugged`'s numbers as the endpoint's fields (a restored endpoint's)."""
        ifindex, link, link_netnsid, host_netnsid = self._plugged(
            rt, c.id, net, drivers.get(net.driver), gateway_only=gateway_only)
        return {"ifindex": ifindex, "link_ifindex": link, "link_netnsid": link_netnsid,
                "host_netnsid": host_netnsid}

    def _plugged(self, rt: HostRuntime, cid: str, net: NetworkState,
                 driver: drivers.NetworkDriver, *,
                 gateway_only: bool) -> tuple[int, int, int, int]:
        """The kernel's numbers for a new endpoint's interface (:class:`Netns`): the driver
        makes it (its ``plug``: a veth made in the sandbox, or a link made in the host's
        namespace and moved there), then the sandbox and the host number each other's
        namespace: its index, its link's index, the sandbox's id for the link's namespace and
        the host's for the sandbox."""
        sb = rt.sandboxes.get(cid)
        if sb is None:  # (:meth:`_sandbox`)
            sb = rt.sandboxes[cid] = Netns()
        ifindex, link, peer_ns = driver.plug(
            rt, sb, net, gateway_only=gateway_only, profile=self.profile)
        return ifindex, link, sb.nsid(peer_ns), rt.netns.nsid(f"sandbox:{cid}")

    def _sandbox(self, rt: HostRuntime, cid: str) -> Netns:
        """The container's network namespace, made on first use."""
        sb = rt.sandboxes.get(cid)
        if sb is None:
            sb = rt.sandboxes[cid] = Netns()
        return sb

    def _unplug(self, rt: HostRuntime, ep: EndpointState, cid: str | None) -> None:
        """An endpoint's interface leaves its sandbox: libnetwork moves it back to the host's
        namespace (osl ``RemoveInterface``: a new index there when its own is taken, as eth0's
        2 always is) and deletes it, a veth with its host end."""
        if ep.ifindex is None:
            return
        host = rt.netns
        host.live.discard(host.move_in(ep.ifindex))
        if ep.host_veth is not None and ep.link_ifindex is not None:
            host.live.discard(ep.link_ifindex)
        sb = rt.sandboxes.get(cid) if cid is not None else None
        if sb is not None:
            sb.live.discard(ep.ifindex)

    def _sandbox_gone(self, rt: HostRuntime, cid: str) -> None:
        """The container's namespace is destroyed: its id in the host's is freed."""
        rt.sandboxes.pop(cid, None)
        rt.netns.nsids.pop(f"sandbox:{cid}", None)

    def _release_endpoint(self, rt: HostRuntime, ep: EndpointState,
                          cid: str | None = None) -> None:
        self._unplug(rt, ep, cid)
        net = rt.networks.get(ep.network)
        if net is None and self.swarm is not None:
            net = self.swarm.networks.get(ep.network)
            if net is not None and cid is not None:
                self._overlay_unuse(rt, ep.network, cid)
        if net is None:
            return
        for iface in (ep.ipv4, ep.ipv6):
            if iface is None:
                continue
            for pool in net.pools:
                if iface.ip in pool.subnet:
                    pool.release(iface.ip)

    def _network_connect(self, rt: HostRuntime, ref: str, network: str,
                         cfg: EndpointSettings) -> Outcome:
        """docker network connect (daemon/container_operations.go ConnectToNetwork)."""
        c = self._find_container(rt, ref)
        mode, running = c.network_mode, c.running
        try:
            net: NetworkRuntime | None = self._find_network(rt, network)
        except DaemonError:
            net = None
            if running and self._node(rt) is not None:
                net = self._overlay_attach(rt, network)  # raises Docker's words
            elif running:
                raise
            # stopped: stored as given; the start will fail (inferred, :1043)
        if net is None:
            if c.endpoint(network) is None:
                ep = build(EndpointState, network=network, network_id="", config=cfg)
                rt.containers[c.name] = evolve(c, endpoints=(*c.endpoints, ep))
            return Outcome(id=c.id)
        st = net.state
        existing = c.endpoint(st.name)
        if running and st.scope == "swarm" and existing is not None and existing.endpoint_id:
            # daemon/container_operations.go findAndAttachNetwork (v28.5.2:288-296): a
            # dynamic (swarm) network the container is attached to
            raise DaemonError(f"{c.name} is already attached to network {st.name}", status=409)
        driver = drivers.get(st.driver)
        if driver.host_namespace and mode != "host":
            raise DaemonError(self.profile.host_connect_refusal, status=403)
        if CONTAINER_MODE.applies(mode) or (mode == "host" and st.name != "host"):
            raise DaemonError(
                "container sharing network namespace with another container or host cannot be "
                "connected to any other network",
                status=403,
            )
        if mode == "none" or driver.private:
            raise DaemonError(
                "container cannot be connected to multiple networks with one of the networks in "
                "private (none) mode",
                status=403,
            )
        try:
            self._validate_endpoint(st, cfg, ipam=running)
        except DaemonError as err:
            if self.profile.endpoint_settings_checked_at_start:
                raise
            raise DaemonError(f"invalid endpoint settings:\n{err.text}", status=400) from None
        if existing is not None:
            if not running:
                return Outcome(id=c.id)  # updateNetworkSettings returns early (:173-183)
            raise DaemonError(
                f"endpoint with name {c.name} already exists in network {st.name}", status=403
            )
        ep = build(EndpointState, network=st.name, network_id=st.id, config=cfg)
        if not running:
            rt.containers[c.name] = evolve(c, endpoints=(*c.endpoints, ep))
            return Outcome(id=c.id)
        ep = self._join(rt, c, ep, len([e for e in c.endpoints if e.ifname]))
        embedded_dns = c.embedded_dns or self._needs_resolver(rt, ep)
        # (_default_gateway reads the container's names and ID, not its endpoints: c will do)
        updated = evolve(c, endpoints=self._default_gateway(rt, c, [*c.endpoints, ep]),
                         embedded_dns=embedded_dns)
        # the gateway endpoint may change; port mappings follow it (sandbox.go Endpoint.Less,
        # bridge_linux.go ProgramExternalConnectivity)
        updated = self._rebind(rt, updated)
        rt.containers[c.name] = updated
        return Outcome(id=c.id)

    def _needs_resolver(self, rt: HostRuntime, ep: EndpointState) -> bool:
        """An endpoint with name resolution enabled: a user-defined network's (not the default
        bridge, host or none; daemon/network.go CreateOptionDisableResolution)."""
        if ep.gateway_only:
            return False
        net = rt.networks.get(ep.network) or self._overlay_lookup(ep.network)
        return (net is not None and net.state.is_user_defined
                and drivers.get(net.state.driver).embedded_dns)

    def _network_disconnect(self, rt: HostRuntime, netref: str, ref: str, force: bool) -> Outcome:
        """docker network disconnect (container_operations.go DisconnectFromNetwork)."""
        try:
            c = self._find_container(rt, ref)
        except DaemonError:
            if force:
                # daemon/container_operations.go ForceEndpointDelete (v28.5.2:804-815): the
                # network must exist; then an endpoint named like the container (none is left
                # behind by netsim's containers)
                self._find_network(rt, netref)
                raise DaemonError(f"endpoint {ref} not found", status=404) from None
            raise
        try:
            net: NetworkRuntime | None = self._find_network(rt, netref)
        except DaemonError:
            # an overlay the container is attached to (a swarm-scoped network)
            net = self._overlay_lookup(netref) if self._node(rt) is not None else None
            if net is None and c.running and not force:
                raise
        name = net.state.name if net is not None else netref
        ep = c.endpoint(name)
        if ep is None and net is not None:
            ep = next((e for e in c.endpoints if e.network_id == net.state.id), None)
        if c.running and net is not None:
            if (net is not None and drivers.get(net.state.driver).host_namespace
                    and c.network_mode == "host"):
                raise DaemonError(self.profile.host_disconnect_refusal, status=403)
            if ep is None:
                raise DaemonError(f"container {c.id} is not connected to network {name}",
                                  status=403)
        elif ep is None:
            raise DaemonError(f"container {c.id} is not connected to the network {name}",
                              status=403)
        self._release_endpoint(rt, ep, c.id)
        rest = tuple(e for e in c.endpoints if e is not ep)
        updated = evolve(c, endpoints=rest)
        if c.running:
            updated = evolve(updated, endpoints=self._default_gateway(
                rt, updated, list(updated.endpoints)))
            updated = self._rebind(rt, updated)
        rt.containers[c.name] = updated
        return Outcome(id=c.id)


def dns_names(c: ContainerState, net: NetworkState, cfg: EndpointSettings) -> tuple[str, ...]:
    """daemon/container_operations.go buildEndpointDNSNames (user-defined networks only:
    updateNetworkConfig)."""
    if net.predefined:  # (not user-defined)
        return ()
    # each name once, where it first comes; no empty one
    return tuple(dict.fromkeys(filter(None, (c.name, *cfg.Aliases, c.id[:12], c.hostname))))
