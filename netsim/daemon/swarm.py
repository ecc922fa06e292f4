"""Swarm membership: ``docker swarm init``, ``join`` and ``leave``, the nodes, their advertised
addresses and join tokens, and what a node gets on joining (docker_gwbridge, the ingress
sandbox). The swarm's networks are :mod:`netsim.daemon.overlay`'s.
"""

from __future__ import annotations

import ipaddress
import re

from netsim.api import BridgeNetwork, OverlayNetwork, SwarmInit, SwarmJoin
from netsim.api.trusted import evolve
from netsim.daemon import drivers, ids
from netsim.daemon.core import EngineCore, Outcome
from netsim.daemon.ipam import GLOBAL_SCOPE_POOLS, AddressSpace, PoolToSplit
from netsim.daemon.runtime import HostRuntime, SwarmRuntime
from netsim.errors import DaemonError
from netsim.state import HostLink, SwarmNode, SwarmState

__all__ = ["SwarmMixin"]

_ALREADY_IN_SWARM = ('This node is already part of a swarm. Use "docker swarm leave" to leave '
                     "this swarm and join another one.")
_TOKEN = re.compile(r"SWMTKN-1-[0-9a-z]{50}-[0-9a-z]{25}")


class SwarmMixin(EngineCore):
    """Swarm membership of the hosts' daemons."""

    def advertise_address(self, host: str, given: str | None) -> str:
        """The ``ADDR:PORT`` a node advertises (daemon/cluster/listen_addr.go
        resolveAdvertiseAddr), or the daemon's error for a bad ``--advertise-addr``."""
        return self._advertise(self._rt(host), given)

    def _advertise(self, rt: HostRuntime, given: str | None) -> str:
        if not given:
            # autodetection: the one UP "device" link's global address; a veth NIC (the lab's)
            # is no device, so the fallback looks at every UP interface outside Docker's
            # subnets (resolveSystemAddrViaSubnetCheck): the host's one NIC either way
            # (v28.5.2:daemon/cluster/listen_addr_linux.go, listen_addr.go)
            return f"{rt.host.address}:2377"
        # net.SplitHostPort, else the whole text is the host and the port the listen port's
        m = re.fullmatch(r"\[([^\[\]]*)\]:([^:\[\]]*)|([^:\[\]]*):([^:\[\]]*)", given)
        host, port = ((m.group(1) or m.group(3) or "", m.group(2) or m.group(4) or "")
                      if m else (given, ""))
        # resolveInputIPAddr: an interface's address first (IPv4 preferred), then a literal IP
        # that is not unspecified; anything else is errBadAdvertiseAddr (listen_addr.go:16)
        ip: ipaddress.IPv4Address | ipaddress.IPv6Address | None = None
        if host == rt.host.interface:
            ip = rt.host.address
        elif host == "lo":
            ip = ipaddress.IPv4Address("127.0.0.1")
        else:
            bridge = next((n.state for n in rt.networks.values()
                           if drivers.get(n.state.driver).gateway_on_host
                           and n.state.interface == host), None)
            sub = bridge.ipv4_subnet if bridge is not None else None
            if sub is not None and isinstance(sub.gateway, ipaddress.IPv4Address):
                ip = sub.gateway
            elif "%" not in host:  # Go's net.ParseIP takes no IPv6 zone
                try:
                    ip = ipaddress.ip_address(host)
                except ValueError:
                    ip = None
        if ip is None or ip.is_unspecified:
            raise DaemonError("advertise address must be a non-zero IP address or network "
                              "interface (with optional port number)", status=400)
        return f"{ip if ip.version == 4 else f'[{ip}]'}:{port or '2377'}"

    def _swarm_init(self, rt: HostRuntime, op: SwarmInit) -> Outcome:
        if self._node(rt) is not None or rt.host.name in self._pending_join:
            raise DaemonError(_ALREADY_IN_SWARM, status=503)
        address = self._advertise(rt, op.advertise_addr)  # before the pools (swarm.go Init)
        if op.default_addr_pool_mask_length > 29:
            # daemon/cluster/listen_addr.go:108
            raise DaemonError(f"subnet size is out of range: {op.default_addr_pool_mask_length}")
        pools = [PoolToSplit(p, op.default_addr_pool_mask_length) for p in op.default_addr_pools]
        for p in pools:
            if p.size < p.base.prefixlen:
                raise DaemonError(f'invalid CIDR: "{p.base}". Subnet size is too small for '
                                  f"pool: {p.size}")
        # a new cluster each init, with new join tokens (swarmkit ca.GenerateJoinToken; measured:
        # 58-reference-examples, init after leave prints another token)
        n = self._nth("cluster", rt.host.name)
        cluster = ids.base36(self.seed, 25, "cluster", rt.host.name, *((n,) if n > 1 else ()))
        self.swarm = SwarmRuntime(
            cluster_id=cluster,
            space=AddressSpace(pools=tuple(pools) or GLOBAL_SCOPE_POOLS),
            mask=op.default_addr_pool_mask_length,
            worker_token=ids.join_token(self.seed, cluster, "worker"),
            manager_token=ids.join_token(self.seed, cluster, "manager"),
        )
        self._add_node(rt, "manager", address)
        # the ingress network takes the pool's first subnet (swarmkit allocator doNetworkInit)
        self._overlay_create(rt, OverlayNetwork(name="ingress", ingress=True), [],
                             ingress=True)
        self._swarm_node_setup(rt)
        node = self._node(rt)
        assert node is not None
        return Outcome(id=node.node_id)

    def _add_node(self, rt: HostRuntime, role: str, address: str) -> None:
        assert self.swarm is not None
        self.swarm.nodes[rt.host.name] = SwarmNode(
            node_id=self._swarm_id("node", rt.host.name), role=role,
            address=address)

    def _swarm_node_setup(self, rt: HostRuntime) -> None:
        """What a node gets on init/join: docker_gwbridge, and its ingress-sbox addresses."""
        assert self.swarm is not None
        # the ingress network's namespace gets its vxlan link, the ingress sandbox the veth of
        # its ingress endpoint (made in the host's namespace and moved); then docker_gwbridge
        # and the sandbox's veth on it, whose host end stays (measured: 7: docker_gwbridge,
        # 9: vethXXX@if8 on a fresh node)
        ns = rt.netns
        self._overlay_once(rt)
        ns.passing()
        ns.nsid("overlay:ingress")
        ns.passing()
        ns.passing()
        ns.nsid("sandbox:ingress-sbox")
        if "docker_gwbridge" not in rt.networks:
            # libnetwork/default_gateway_linux.go: exactly these three options
            self._network_create(rt, BridgeNetwork(name="docker_gwbridge", options={
                "com.docker.network.bridge.enable_icc": "false",
                "com.docker.network.bridge.enable_ip_masquerade": "true",
                "com.docker.network.bridge.name": "docker_gwbridge",
            }))
        gw = rt.networks["docker_gwbridge"]
        inner = ns.passing()
        n = self._nth("ingress-sbox", rt.host.name)
        rt.links.append(HostLink(
            ifindex=ns.alloc(), name=ids.veth_name(self.seed, "ingress-sbox", rt.host.name, n),
            link_ifindex=inner, link_netnsid=ns.nsid("sandbox:ingress-sbox"),
            master=gw.state.interface or "docker_gwbridge",
            mac=ids.mac_address(self.seed, "ingress-sbox", rt.host.name, n)))
        if not gw.state.link_local:
            gw.state = evolve(gw.state, link_local=True)
        # gateway_ingress-sbox takes the first container address
        self.swarm.ingress_gateways[rt.host.name] = ipaddress.IPv4Address(
            int(gw.pools[0].allocate_any()))
        ingress = self.swarm.networks["ingress"]
        self.swarm.overlays["ingress"].lb[rt.host.name] = ipaddress.IPv4Address(
            int(ingress.pools[0].allocate_any()))

    def pending_join(self, host: str) -> bool:
        """The host's join timed out and goes on in the background (neither member nor not)."""
        return host in self._pending_join

    def _swarm_join(self, rt: HostRuntime, op: SwarmJoin) -> Outcome:
        if self._node(rt) is not None or rt.host.name in self._pending_join:
            raise DaemonError(_ALREADY_IN_SWARM, status=503)
        if not _TOKEN.fullmatch(op.token):
            raise DaemonError("invalid join token", status=400)
        remote = op.remote if ":" in op.remote else f"{op.remote}:2377"
        manager = None
        if self.swarm is not None:
            for host, node in self.swarm.nodes.items():
                h = self._hosts[host].host
                names = {node.address, f"{h.name}:2377", f"{h.effective_hostname}:2377"}
                if node.role == "manager" and remote in names:
                    manager = node
        if manager is None or self.swarm is None:
            host_part, _, port = remote.rpartition(":")
            if self._answers_refused(host_part):
                # a machine that is there but has no swarm manager listening: gRPC's dial
                # error at once (measured: 55-swarm-errors, the LAN's router)
                dialing = "dialing:" if self.profile.grpc_dialing_colon else "dialing"
                raise DaemonError(
                    'rpc error: code = Unavailable desc = connection error: desc = "transport: '
                    f"Error while {dialing} dial tcp {host_part}:{port}: connect: connection "
                    'refused"', status=500)
            # daemon/cluster/errors.go: nothing answered at that address within 20 s; the node
            # goes on trying in the background, a member-to-be until it leaves (measured:
            # 55-swarm-errors, the next join is "already part of a swarm")
            self._pending_join.add(rt.host.name)
            raise DaemonError(
                "Timeout was reached before node joined. The attempt to join the swarm will "
                'continue in the background. Use the "docker info" command to see the current '
                "swarm status of your node.", status=500)
        if op.token == self.swarm.worker_token:
            role = "worker"
        elif op.token == self.swarm.manager_token:
            role = "manager"
        elif op.token[9:59] != self.swarm.worker_token[9:59]:
            raise DaemonError(
                "remote CA does not match fingerprint. Expected: "
                + ids.hex_id(self.seed, "ca", self.swarm.cluster_id), status=400)
        else:
            raise DaemonError("rpc error: code = InvalidArgument desc = A valid join token is "
                              "necessary to join this cluster", status=400)
        self._add_node(rt, role, self._advertise(rt, None))
        self._swarm_node_setup(rt)
        return Outcome(id=self.swarm.nodes[rt.host.name].node_id)

    def _answers_refused(self, address: str) -> bool:
        """An address on the LAN that a machine holds (the router, a Docker host): a TCP
        connection to a port nothing listens on is refused there, not left to time out."""
        try:
            ip = ipaddress.ip_address(address)
        except ValueError:
            return any(address in (h.host.name, h.host.effective_hostname)
                       for h in self._hosts.values())
        return ip == self.lan.gateway or any(h.host.address == ip for h in self._hosts.values())

    def _swarm_leave(self, rt: HostRuntime, force: bool) -> Outcome:
        node = self._node(rt)
        if rt.host.name in self._pending_join:  # it stops trying
            self._pending_join.discard(rt.host.name)
            return Outcome()
        if node is None or self.swarm is None:
            raise DaemonError("This node is not part of a swarm", status=503)
        managers = [n for n in self.swarm.nodes.values() if n.role == "manager"]
        if node.role == "manager" and not force:
            # daemon/cluster/swarm.go:380-398
            text = ("You are attempting to leave the swarm on a node that is participating as a "
                    "manager. ")
            if len(managers) == 1:
                text += ("Removing the last manager erases all current state of the swarm. Use "
                         "`--force` to ignore this message.")
            else:
                text += ("The only way to restore a swarm that has lost consensus is to "
                         "reinitialize it with `--force-new-cluster`. Use `--force` to suppress "
                         "this message.")
            raise DaemonError(text, status=503)
        leaving = [rt.host.name]
        if node.role == "manager" and len(managers) == 1:
            leaving = list(self.swarm.nodes)  # netsim: the swarm ends with its last manager
        for host in leaving:
            self._node_leave(self._hosts[host])
        if not self.swarm.nodes:
            self.swarm = None
        return Outcome()

    def _node_leave(self, rt: HostRuntime) -> None:
        """Detach this node's containers from every overlay, drop ingress (swarm.go:400-428)."""
        assert self.swarm is not None
        for c in list(rt.containers.values()):
            overlay_eps = [e for e in c.endpoints if e.network in self.swarm.networks]
            if not overlay_eps:
                continue
            for ep in overlay_eps:
                if ep.active:
                    self._release_endpoint(rt, ep, c.id)
            rest = [e for e in c.endpoints if e.network not in self.swarm.networks]
            updated = evolve(c, endpoints=tuple(rest))
            if c.running:
                updated = evolve(updated,
                    endpoints=self._default_gateway(rt, updated, rest))
                updated = self._rebind(rt, updated)
            rt.containers[c.name] = updated
        for name, info in self.swarm.overlays.items():
            lb = info.lb.pop(rt.host.name, None)
            if lb is not None:
                self.swarm.networks[name].pools[0].release(lb)
            info.users.pop(rt.host.name, None)
            self._overlay_gone(rt, name)
        rt.netns.nsids.pop("sandbox:ingress-sbox", None)
        for link in rt.links:
            rt.netns.live.discard(link.ifindex)
        rt.links.clear()
        self.swarm.ingress_gateways.pop(rt.host.name, None)  # (the address stays taken)
        del self.swarm.nodes[rt.host.name]  # docker_gwbridge stays (nothing deletes it)

    def _swarm_state(self) -> SwarmState | None:
        if self.swarm is None:
            return None
        return SwarmState(
            cluster_id=self.swarm.cluster_id, nodes=dict(self.swarm.nodes),
            worker_token=self.swarm.worker_token, manager_token=self.swarm.manager_token,
            lb_addresses={n: dict(o.lb) for n, o in self.swarm.overlays.items()},
            ingress_gateways=dict(self.swarm.ingress_gateways),
            unallocated=tuple(n for n, o in self.swarm.overlays.items() if not o.allocated),
        )
