"""The daemon taking in networks and containers that already exist, as ``dockerd`` does when it
starts on a host with containers (daemon/daemon.go ``restore``: each container's stored config
is loaded, its IPAM addresses and published ports are claimed again, nothing is re-chosen).

netsim's source of such objects is a ``docker inspect`` dump (:mod:`netsim.io.dump`): the
states arrive complete (IDs, addresses, MACs, aliases, DNS names are the dump's); what the
daemon adds is its own bookkeeping, so that later commands on the restored engine behave as on
the real one: the subnets taken in the host's address space, each address taken in its pool,
each published port in the port allocator, and the kernel's numbers for the interfaces
(:class:`netsim.daemon.netns.Netns`), given in creation order as the engine would have.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from dataclasses import dataclass

from netsim.api.trusted import evolve
from netsim.daemon import drivers, ids
from netsim.daemon.core import EngineCore
from netsim.daemon.drivers.container import CONTAINER_MODE
from netsim.daemon.endpoints import dns_names
from netsim.daemon.ipam import AddressSpace, SubnetPool
from netsim.daemon.netns import Netns
from netsim.daemon.runtime import HostRuntime, NetworkRuntime, OverlayRuntime, SwarmRuntime
from netsim.errors import DaemonError
from netsim.state import ContainerState, EndpointState, NetworkState, SwarmNode, reassemble

__all__ = ["RestoreMixin", "RestoredOverlay"]


@dataclass(frozen=True)
class RestoredOverlay:
    """A swarm overlay as the hosts' dumps show it: its state, and each node's load-balancer
    address on it (``lb-NAME``; ``ingress-sbox`` on ingress)."""

    state: NetworkState
    lb: dict[str, ipaddress.IPv4Address]
    allocated: bool = True


class RestoreMixin(EngineCore):
    """Networks and containers that exist already, taken in without re-running IPAM."""

    def restore_swarm(self, cluster_id: str, nodes: dict[str, SwarmNode],
                      overlays: Sequence[RestoredOverlay],
                      ingress_gateways: dict[str, ipaddress.IPv4Address]) -> None:
        """The swarm the hosts form, with its overlays (before any container is restored)."""
        space = AddressSpace(rotating=False)
        swarm = SwarmRuntime(cluster_id=cluster_id, space=space, mask=24, nodes=dict(nodes),
                             ingress_gateways=dict(ingress_gateways))
        vnis = [4095]
        for ov in overlays:
            st = ov.state
            pools = []
            for sub in st.subnets:
                if ov.allocated:
                    space.request(sub.subnet, check_overlap=False)
                pool = SubnetPool(sub.subnet, sub.ip_range, serial=True)
                if sub.gateway is not None and sub.gateway in sub.subnet:
                    pool.allocate(sub.gateway)
                for addr in ov.lb.values():
                    if addr in sub.subnet:
                        pool.allocate(addr)
                pools.append(pool)
            swarm.networks[st.name] = NetworkRuntime(st, pools)
            swarm.overlays[st.name] = OverlayRuntime(
                attachable=st.attachable and not (st.spec is not None and st.spec.Ingress),
                allocated=ov.allocated, lb=dict(ov.lb))
            vni = st.options.get("com.docker.network.driver.overlay.vxlanid_list", "")
            vnis += [int(v) for v in vni.split(",") if v.isdigit()]
        swarm.next_vni = max(vnis) + 1
        self.swarm = swarm

    def restore_network(self, host: str, state: NetworkState) -> None:
        """A local network: its subnets taken in the host's address space, the gateway and
        auxiliary addresses in its pools, its bridge or parent link numbered."""
        rt = self._rt(host)
        pools = []
        subnets = []
        for sub in state.subnets:
            rt.space.request(sub.subnet, check_overlap=False)
            pool = SubnetPool(sub.subnet, sub.ip_range)
            if sub.gateway is None and state.spec is not None and not state.predefined:
                # a gateway IPAM chose that the network's IPAM config does not show (≤ 28.x
                # show a --subnet's config as given): the one IPAM gives (NetworksMixin)
                sub = evolve(sub, gateway=self._gateway(state.spec, pool, None))
            for addr in (sub.gateway, *sub.aux_addresses.values()):
                if addr is not None and addr in sub.subnet and addr not in pool:
                    pool.allocate(addr)
            pools.append(pool)
            subnets.append(sub)
        state = evolve(state, subnets=tuple(subnets))
        if state.name == "bridge" and state.predefined:
            ifindex: int | None = 3  # docker0: the daemon's first bridge (Netns.of_host)
        elif state.spec is not None and drivers.get(state.driver).sandbox_interface:
            ifindex = drivers.get(state.driver).network_link(rt, state.spec)
        else:
            ifindex = None
        state = evolve(state, ifindex=ifindex)
        rt.add_network(NetworkRuntime(state, pools))
        rt.network_names_by_id[state.id] = state.name

    def restore_container(self, host: str, c: ContainerState) -> ContainerState:
        """A container: its running endpoints' addresses taken in their pools, interfaces named
        and numbered, its published ports bound; DaemonError where two claim one thing."""
        rt = self._rt(host)
        if c.name in rt.containers:
            raise DaemonError(f'two containers are named "{c.name}"')
        if c.id in rt.names_by_id:
            raise DaemonError(f"two containers have the ID {c.id}")
        update: dict[str, object] = {"host": host}
        if c.running and not CONTAINER_MODE.applies(c.network_mode):
            endpoints = []
            index = 0
            for ep in c.endpoints:
                if not ep.active:
                    endpoints.append(ep)
                    continue
                endpoints.append(self._restore_endpoint(rt, c, ep, index))
                if endpoints[-1].ifname is not None:
                    index += 1
            update["endpoints"] = tuple(endpoints)
            update["embedded_dns"] = any(self._needs_resolver(rt, e) for e in endpoints
                                         if e.active and not e.gateway_only)
        if c.running:
            cfg = c.spec.Config
            key = (cfg.Image, cfg.Cmd, cfg.Entrypoint)
            listening = self._restored_listening.get(key)
            if listening is None:  # one look at the image per command line
                listening = self._restored_listening[key] = self._listening(c.spec)
            update["listening"] = listening
            for m in c.port_mappings:
                try:
                    rt.ports.allocate(c.id, [m.host_ip], m.proto, m.host_port, m.host_port,
                                      per_address=True)
                except DaemonError:
                    other = rt.ports.bound.get((m.host_ip, m.proto, m.host_port), "")
                    raise DaemonError(
                        f"{c.name} and {rt.names_by_id.get(other, other)} both publish "
                        f"{m.host_ip}:{m.host_port}/{m.proto}") from None
            if CONTAINER_MODE.applies(c.network_mode):
                update["sandbox_owner"] = CONTAINER_MODE.target(c.network_mode)
        c = reassemble(c, update)
        rt.containers[c.name] = c
        self._image_seen(host, c.name, c.spec.Config.Image)
        rt.names_by_id[c.id] = c.name
        if c.network_mode == "host":
            rt.host_mode.add(c.id)
        return c

    def _restore_endpoint(self, rt: HostRuntime, c: ContainerState, ep: EndpointState,
                          index: int) -> EndpointState:
        net = rt.networks.get(rt.network_names_by_id.get(ep.network_id, ep.network))
        if net is None and self.swarm is not None:
            net = self.swarm.networks.get(ep.network)
        if net is None:
            raise DaemonError(f"network {ep.network} ({ep.network_id}) is not in the dump")
        st = net.state
        driver = drivers.get(st.driver)
        for iface in (ep.ipv4, ep.ipv6):
            if iface is None:
                continue
            addr = iface.ip
            pool = next((p for p in net.pools if addr in p.subnet), None)
            if pool is None:
                raise DaemonError(f"{addr} is outside the subnets of network {st.name}")
            if addr in pool:
                holder = next((o.name for o in self._all_containers(rt, st.name)
                               for e in o.endpoints if e.network == st.name
                               and e.active and e.ipv4 is not None and e.ipv4.ip == addr),
                              None)
                raise DaemonError(f"{c.name} and {holder or 'the network itself'} both have "
                                  f"{addr} on {st.name}")
            pool.allocate(addr)
        if driver.scope == "swarm" and self.swarm is not None:
            info = self.swarm.overlays.get(st.name)
            if info is not None:
                info.users.setdefault(rt.host.name, set()).add(c.id)
                self._overlay_once(rt)
        if not driver.sandbox_interface:
            return ep
        names = ep.dns_names
        if not names and not st.predefined:
            # engines before 25.0 (API 1.44) show no DNSNames: the names the daemon registers
            # for the endpoint are the ones netsim's own engine gives it
            names = dns_names(c, st, ep.config)
        return reassemble(ep, {
            "dns_names": names,
            "ifname": f"eth{index}",
            "host_veth": ids.veth_name(self.seed, c.id, st.id, 1) if driver.host_veth else None,
            **self._plug(rt, c, st, gateway_only=ep.gateway_only),
        })

    def _all_containers(self, rt: HostRuntime, network: str) -> list[ContainerState]:
        """The containers restored so far that may hold an address on ``network`` (an overlay:
        on every host)."""
        if self.swarm is not None and network in self.swarm.networks:
            return [c for h in self._hosts.values() for c in h.containers.values()]
        return list(rt.containers.values())

    #: what each (image, command, entrypoint) listens on, looked up once per restore
    _restored_listening: dict[tuple[object, ...], tuple[str, ...]]

    def restore_begin(self, host: str, *, known: bool = True) -> None:
        """Forget the predefined networks the engine made for ``host``: the dump's replace
        them (``known`` False: no dump of it; nothing replaces them)."""
        self._restored_listening = {}
        rt = self._rt(host)
        rt.known = known
        rt.networks.clear()
        rt.network_names_by_id.clear()
        rt.space = self._address_space(rt.host)
        rt.netns = Netns.of_host(rt.host)
