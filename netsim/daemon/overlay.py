"""The swarm's overlay networks: created and allocated by the manager (swarmkit's allocator),
attached to by standalone containers, their per-node load balancers, and the docker_gwbridge
endpoint an overlay-only sandbox gets for its default route.

docs/reference/swarm-overlay.md (sources: moby daemon/cluster, swarmkit allocator, libnetwork
default_gateway.go, drivers/overlay) -- standalone containers on attachable overlays; services
are out of scope. The overlay driver's own part (interfaces, MACs) is
:mod:`netsim.daemon.drivers.overlay`.
"""

from __future__ import annotations

import ipaddress

from netsim.api import EndpointSettings, NetworkSpec
from netsim.api.trusted import build, evolve
from netsim.daemon import ids
from netsim.daemon.core import EngineCore, Outcome
from netsim.daemon.ipam import SubnetPool
from netsim.daemon.runtime import HostRuntime, IPNet, NetworkRuntime, OverlayRuntime
from netsim.errors import DaemonError
from netsim.state import ContainerState, EndpointState, NetworkState, SubnetState

__all__ = ["OverlayMixin"]


class OverlayMixin(EngineCore):
    """Overlay networks of the swarm, seen from one node's daemon."""

    def _overlay_create(self, rt: HostRuntime, spec: NetworkSpec, errors: list[str], *,
                        ingress: bool = False) -> Outcome:
        node = self._node(rt)
        if (node is not None and node.role != "manager"
                and self.profile.overlay_worker_refused_by_libnetwork):
            # v20.10.24:vendor/github.com/docker/libnetwork/controller.go:777-785
            raise DaemonError("Cannot create a multi-host network from a worker node. Please "
                              "create the network from a manager node.", status=403)
        if node is None or node.role != "manager" or self.swarm is None:
            # daemon/network.go:302 — a worker gets the same words as a non-swarm node
            raise DaemonError(
                'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" '
                "to connect this node to swarm and try again.", status=503)
        if spec.Name in self.swarm.networks:
            raise DaemonError(f"network with name {spec.Name} already exists", status=409)
        if errors:
            body = errors[0] if len(errors) == 1 else "\n".join(f"* {e}" for e in errors)
            raise DaemonError("invalid network config:\n" + body, status=400)
        if spec.Ingress and spec.Attachable:
            # swarmkit manager/controlapi/network.go validateNetworkSpec, its first check
            raise DaemonError("rpc error: code = InvalidArgument desc = ingress network cannot "
                              "be attachable", status=400)
        self._check_name(spec.Name)
        if not spec.EnableIPv4:
            raise DaemonError("IPv4 cannot be disabled in a Swarm scoped network", status=400)
        present = next((n.state.id for n in self.swarm.networks.values()
                        if n.state.spec is not None and n.state.spec.Ingress),
                       None)
        if spec.Ingress and present is not None:
            # controlapi/network.go CreateNetwork: one ingress network per swarm
            raise DaemonError("rpc error: code = AlreadyExists desc = ingress network "
                              f"({present}) is already present", status=409)
        cfg = spec.IPAM.Config[0] if spec.IPAM.Config else None
        allocated = True
        if cfg is not None and cfg.Subnet is not None:
            subnet: IPNet = cfg.Subnet.network
            if self.swarm.space.overlaps(subnet):
                allocated = False  # create succeeds; the allocator fails (inferred,
                # docs/reference/swarm-overlay.md §4.2)
            else:
                self.swarm.space.request(subnet)
        else:
            subnet = self.swarm.space.request_predefined()
        ip_range = cfg.IPRange.network if cfg is not None and cfg.IPRange else None
        pool = SubnetPool(subnet, ip_range, serial=True)
        gateway = pool.allocate(cfg.Gateway) if cfg is not None and cfg.Gateway else (
            pool.allocate_any())
        vni = self.swarm.next_vni
        self.swarm.next_vni += 1
        nid = self._swarm_id("network", spec.Name)
        options = {**spec.Options, "com.docker.network.driver.overlay.vxlanid_list": str(vni)}
        state = NetworkState(
            id=nid, name=spec.Name, driver=spec.Driver, scope="swarm", host=None, spec=spec,
            subnets=(SubnetState(subnet=subnet, ip_range=ip_range, gateway=gateway,
                                 user_subnet=cfg is not None and cfg.Subnet is not None),),
            internal=spec.Internal, attachable=spec.Attachable, options=options,
            labels=dict(spec.Labels), created=self.clock,
        )
        self.swarm.networks[spec.Name] = NetworkRuntime(state, [pool])
        self.swarm.overlays[spec.Name] = OverlayRuntime(attachable=spec.Attachable and not ingress,
                                                  allocated=allocated)
        return Outcome(id=nid)

    def _overlay_lookup(self, ref: str) -> NetworkRuntime | None:
        """swarmkit resourceapi: an exact ID or an exact name (no prefixes)."""
        if self.swarm is None:
            return None
        if ref in self.swarm.networks:
            return self.swarm.networks[ref]
        return next((n for n in self.swarm.networks.values() if n.state.id == ref), None)

    def _overlay_attach(self, rt: HostRuntime, ref: str) -> NetworkRuntime:
        """daemon/cluster/networks.go AttachNetwork + swarmkit resourceapi/allocator.go."""
        net = self._overlay_lookup(ref)
        if net is None:
            raise DaemonError(f"Could not attach to network {ref}: rpc error: code = NotFound "
                              f"desc = network {ref} not found", status=404)
        assert self.swarm is not None
        info = self.swarm.overlays[net.state.name]
        if not info.attachable:
            raise DaemonError(f"Could not attach to network {ref}: rpc error: code = "
                              f"PermissionDenied desc = network {ref} not manually attachable",
                              status=403)
        if not info.allocated:
            raise DaemonError("attaching to network failed, make sure your network options are "
                              "correct and check manager logs: context deadline exceeded")
        return net

    def _overlay_once(self, rt: HostRuntime) -> None:
        """The overlay driver's first network sandbox on a daemon: where it probes for vxlan
        with a link made and deleted in the host's namespace, one index goes
        (EngineProfile.overlay_test_vxlan)."""
        if self.profile.overlay_test_vxlan and not rt.overlay_once:
            rt.netns.passing()
        rt.overlay_once = True

    def _overlay_user(self, rt: HostRuntime, name: str, cid: str, pool: SubnetPool) -> None:
        """A task's address is allocated first, then the node's LB if it has none
        (docs/reference/swarm-overlay.md §5.2)."""
        assert self.swarm is not None
        info = self.swarm.overlays[name]
        if rt.host.name not in info.lb:
            lb = ipaddress.IPv4Address(int(pool.allocate_any()))
            info.users.setdefault(rt.host.name, set()).add(cid)
            info.lb[rt.host.name] = lb
            # the network's namespace on this node gets its vxlan link, and the load-balancer
            # sandbox its veth, both made in the host's namespace and moved (drivers/overlay)
            self._overlay_once(rt)
            rt.netns.passing()
            rt.netns.nsid(f"overlay:{name}")
            rt.netns.passing()
            rt.netns.passing()
            rt.netns.nsid(f"lb:{name}")
        info.users.setdefault(rt.host.name, set()).add(cid)

    def _overlay_unuse(self, rt: HostRuntime, name: str, cid: str) -> None:
        """The last local user gone: the node LB is freed, the network leaves this node."""
        assert self.swarm is not None
        info = self.swarm.overlays.get(name)
        if info is None:
            return
        users = info.users.get(rt.host.name, set())
        users.discard(cid)
        if not users and rt.host.name in info.lb:
            self.swarm.networks[name].pools[0].release(info.lb.pop(rt.host.name))
            info.users.pop(rt.host.name, None)
            self._overlay_gone(rt, name)

    def _overlay_gone(self, rt: HostRuntime, name: str) -> None:
        """The overlay's namespace and its load-balancer sandbox on this node are destroyed."""
        for ns in (rt.netns, *rt.sandboxes.values()):
            ns.nsids.pop(f"overlay:{name}", None)
            ns.nsids.pop(f"lb:{name}", None)

    def _default_gateway(self, rt: HostRuntime, c: ContainerState,
                         eps: list[EndpointState]) -> tuple[EndpointState, ...]:
        """libnetwork default_gateway.go: an overlay-only sandbox gets a docker_gwbridge
        endpoint for its default route; it goes once another network provides one."""
        current = [e for e in eps if not e.gateway_only]
        if self.swarm is None and len(current) == len(eps):
            return tuple(current)  # no overlay, no gateway endpoint: nothing to add or take away
        old = next((e for e in eps if e.gateway_only), None)
        overlays = [e for e in current if e.active and self.swarm is not None
                    and e.network in self.swarm.networks]
        # needDefaultGW skips internal networks (a 20.10 internal bridge has a gateway too)
        needed = bool(overlays) and not any(
            e.gateway is not None and not ((n := rt.networks.get(e.network)) is not None
                                           and n.state.internal)
            for e in current) and any(
            not self.swarm.networks[e.network].state.internal  # type: ignore[union-attr]
            for e in overlays)
        if not needed:
            if old is not None:
                self._release_endpoint(rt, old, c.id)
            return tuple(current)
        if old is not None:
            return (*current, old)
        gw = rt.networks.get("docker_gwbridge")
        if gw is None:
            return tuple(current)
        ep = build(EndpointState, network="docker_gwbridge", network_id=gw.state.id,
                   config=EndpointSettings())
        joined = self._join(rt, evolve(c, endpoints=tuple(current)), ep,
                            len([e for e in current if e.ifname]), gateway_only=True)
        return (*current, evolve(joined, gateway_only=True, dns_names=()))

    def _overlay_rm(self, rt: HostRuntime, net: NetworkRuntime) -> Outcome:
        """swarmkit controlapi removeNetwork: refused while any node runs a user of it."""
        assert self.swarm is not None
        node = self._node(rt)
        if node is None or node.role != "manager":
            raise DaemonError(
                "This node is not a swarm manager. Worker nodes can't be used to view or modify "
                "cluster state. Please run this command on a manager node or promote the current "
                "node to a manager.", status=503)
        name = net.state.name
        info = self.swarm.overlays[name]
        users = sorted((h, cid) for h, cids in info.users.items() for cid in cids)
        if users:
            _host, cid = users[0]
            task = ids.base36(self.seed, 25, "task", cid, net.state.id)
            raise DaemonError(f"rpc error: code = FailedPrecondition desc = network "
                              f"{net.state.id} is in use by task {task}", status=409)
        for sub in net.state.subnets:
            if info.allocated:
                self.swarm.space.release(sub.subnet)
        del self.swarm.networks[name]
        del self.swarm.overlays[name]
        return Outcome(id=net.state.id)

    def _visible_overlays(self, rt: HostRuntime) -> dict[str, NetworkState]:
        """Managers see every overlay; a worker only those its containers use (and ingress)."""
        node = self._node(rt)
        if node is None or self.swarm is None:
            return {}
        return {
            name: net.state
            for name, net in self.swarm.networks.items()
            if node.role == "manager" or name == "ingress"
            or self.swarm.overlays[name].users.get(rt.host.name)
        }
