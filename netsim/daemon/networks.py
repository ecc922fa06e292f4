"""Networks: ``docker network create``, ``rm`` and ``prune``, the predefined networks, IPAM's
subnets and gateways, and the daemon's IPAM validation. What depends on the driver is the
driver's (:mod:`netsim.daemon.drivers`); overlays are the swarm's (:mod:`netsim.daemon.overlay`).
"""

from __future__ import annotations

from netsim.api import IPAMConfig, NetworkSpec
from netsim.api.trusted import build, evolve
from netsim.daemon import drivers, ids
from netsim.daemon.core import EngineCore, Outcome
from netsim.daemon.ipam import ERR_POOL_OVERLAP, SubnetPool, nets_overlap
from netsim.daemon.runtime import HostRuntime, IPAddr, IPNet, NetworkRuntime
from netsim.errors import DaemonError, InputError
from netsim.state import ContainerState, NetworkState, SubnetState

__all__ = ["NetworksMixin", "validate_ipam"]


class NetworksMixin(EngineCore):
    """``docker network create/rm/prune`` on one host's daemon."""

    def _create_predefined(self, rt: HostRuntime) -> None:
        # docker0: the first default pool that does not overlap the host's own networks
        # (daemon/daemon_unix.go getDefaultBridgeIPAMConf, netutils.InferReservedNetworks)
        try:
            subnet = rt.space.request_predefined(self._reserved())
        except DaemonError as err:  # the daemon's pools hold no subnet for docker0
            raise InputError(f"host {rt.host.name}", f"dockerd refuses to start: {err.text}",
                             accepted="default address pools with a subnet free of the LAN's"
                             ) from None
        pool = SubnetPool(subnet)
        gw = pool.allocate_any()
        nid = ids.hex_id(self.seed, "network", rt.host.name, "bridge")
        subnets = [SubnetState(subnet=subnet, gateway=gw)]
        pools = [pool]
        if rt.host.daemon.ipv6:
            sub6, pool6 = self._default_bridge_ipv6(rt)
            subnets.append(sub6)
            pools.append(pool6)
        rt.add_network(NetworkRuntime(
            NetworkState(
                id=nid,
                name="bridge",
                driver="bridge",
                host=rt.host.name,
                predefined=True,
                subnets=tuple(subnets),
                interface="docker0",
                ifindex=3,
                # doc: engine/network/tutorials/standalone.md (network inspect bridge)
                options={
                    "com.docker.network.bridge.default_bridge": "true",
                    "com.docker.network.bridge.enable_icc": "true",
                    "com.docker.network.bridge.enable_ip_masquerade": "true",
                    "com.docker.network.bridge.host_binding_ipv4": "0.0.0.0",
                    "com.docker.network.bridge.name": "docker0",
                    "com.docker.network.driver.mtu": "1500",
                },
                default_ipv6=rt.host.daemon.ipv6,
            ),
            pools,
        ))
        for name, driver in (("host", "host"), ("none", "null")):
            rt.networks[name] = NetworkRuntime(
                NetworkState(
                    id=ids.hex_id(self.seed, "network", rt.host.name, name),
                    name=name,
                    driver=driver,
                    host=rt.host.name,
                    predefined=True,
                ),
                [],
            )

    def _default_bridge_ipv6(self, rt: HostRuntime) -> tuple[SubnetState, SubnetPool]:
        """docker0's IPv6 subnet (dockerd ``--ipv6``): ``--fixed-cidr-v6``, else (≥ 27.0) one
        of the default pools; its gateway ``::1``. ≥ 27.0 show the fixed CIDR as the config's
        IPRange too, ≤ 26.x do not (v28.5.2 and v26.1.5:daemon/daemon_unix.go
        initBridgeDriver; measured: 81-ipv6-default-bridge)."""
        opts = rt.host.daemon
        fixed = opts.fixed_cidr_v6
        if fixed is None and self.profile.default_bridge_ipv6_from_mac:
            # v26.1.5:daemon/daemon_unix.go:1006-1007: dockerd does not start
            raise InputError(f"host {rt.host.name}", "dockerd refuses to start: IPv6 is "
                             "enabled for the default bridge, but no subnet is configured. "
                             "Specify an IPv6 subnet using --fixed-cidr-v6",
                             accepted="# netsim: daemon --ipv6 --fixed-cidr-v6=CIDR")
        if fixed is not None:
            subnet6: IPNet = rt.space.request(fixed)
        else:
            subnet6 = rt.space.request_predefined6()
        pool6 = SubnetPool(subnet6, subnet6 if fixed is not None else None)
        gw6 = pool6.allocate_any()
        # the config names a gateway only when docker0 already held one in the subnet as
        # dockerd started (daemon_unix.go: nw6List); a fresh host's has none (measured on
        # 28.5: shown after a run that left docker0 with fd00:d0c::1, not on a fresh lab)
        # (without --fixed-cidr-v6 the config is IPAM's, gateway and all: buildIPAMResources
        # lists the allocated pool)
        return SubnetState(subnet=subnet6, gateway=gw6, user_subnet=fixed is not None,
                           ip_range=None if self.profile.default_bridge_ipv6_from_mac
                           or fixed is None else subnet6), pool6

    def _index_predefined(self, rt: HostRuntime) -> None:
        for name, net in rt.networks.items():
            rt.network_names_by_id[net.state.id] = name

    def _network_create(self, rt: HostRuntime, spec: NetworkSpec) -> Outcome:
        if not spec.Driver:
            # the daemon's default driver (v28.5.2:daemon/network.go createNetwork)
            spec = evolve(spec, Driver="bridge")
        driver = self._network_driver(spec.Driver)
        if spec.Name in ("bridge", "host", "none", "default"):
            # daemon/network.go:292 (the trailing space of Docker's text is trimmed by the CLI)
            raise DaemonError(f"operation is not permitted on predefined {spec.Name} network",
                              status=403)
        if spec.Name in rt.networks or (
                spec.Name == "" and self.profile.empty_network_name_is_default):
            # daemon/libnetwork/error.go NetworkNameError (EngineProfile.
            # empty_network_name_is_default: "" is the default network's name there)
            raise DaemonError(f"network with name {spec.Name} already exists", status=409)
        # EngineProfile.ipam_config_validated: no ValidateIPAM before v25.0
        errors = validate_ipam(spec) if self.profile.ipam_config_validated else []
        if driver.scope == "swarm":
            return self._overlay_create(rt, spec, errors)
        if errors:
            # daemon/network.go validateIPAMConfig + daemon/internal/multierror: one error alone,
            # several as "* " bullets
            body = errors[0] if len(errors) == 1 else "\n".join(f"* {e}" for e in errors)
            raise DaemonError("invalid network config:\n" + body, status=400)
        self._check_name(spec.Name)
        self._check_new_network(rt, spec)
        driver.check_options(spec, self.profile)
        if spec.IPAM.Driver not in ("default", "null"):
            # libnetwork/controller.go getIPAMDriver (plugins.Get): no such IPAM plugin
            raise DaemonError(f'plugin "{spec.IPAM.Driver}" not found', status=404)

        if spec.Scope == "swarm":
            # a manager's libnetwork refuses it with ManagerRedirectError and the API creates it
            # in the cluster (v28.5.2:libnetwork/controller.go:602-609, api/server/router/
            # network/network_routes.go:226-237): swarmkit names it (identity.NewID)
            nid = self._swarm_id("network", spec.Name)
        else:
            nid = ids.hex_id(self.seed, "network", rt.host.name, spec.Name,
                             self._nth("network", rt.host.name, spec.Name))
        subnets: list[SubnetState] = []
        pools: list[SubnetPool] = []
        requested: list[IPNet] = []  # given back if anything below fails
        try:
            for version, cfg in self._ipam_requests(spec):
                if cfg is not None and cfg.Subnet is not None:
                    subnet: IPNet = cfg.Subnet.network
                    mapped = (subnet.network_address.ipv4_mapped if subnet.version == 6
                              else None)
                    if mapped is not None and not self.profile.ipv4_mapped_subnet_is_ipv4:
                        # ≥ 27: netip's prefix is invalid to IPAM; the gateway's allocation
                        # fails (measured: 82-ipv6-review)
                        raise DaemonError(
                            "failed to allocate gateway (): cannot find address pool for "
                            f"poolID:::ffff:{mapped}/{subnet.prefixlen}/invalid Prefix",
                            status=500)
                    rt.space.request(subnet, check_overlap=cfg.IPRange is None)
                    user_subnet = True
                elif version == 6:
                    # no IPv6 default pool on ≤ 26.x (EngineProfile.default_ipv6_pool):
                    # v26.1.5:libnetwork/ipam/allocator.go getPredefinedPool
                    subnet = rt.space.request_predefined6(
                        legacy_message=self.profile.legacy_pool_exhausted_message
                        or not self.profile.default_ipv6_pool)
                    user_subnet = False
                else:
                    subnet = rt.space.request_predefined(
                        self._reserved(),
                        legacy_message=self.profile.legacy_pool_exhausted_message,
                    )
                    user_subnet = False
                requested.append(subnet)
                ip_range = cfg.IPRange.network if cfg is not None and cfg.IPRange else None
                # a range bigger than its subnet (only unvalidated IPAM configs have one) covers
                # the subnet (v20.10.24:vendor/github.com/docker/libnetwork/ipam/allocator.go
                # getAddressRange: the range's host part in the subnet's mask)
                drawn = subnet if ip_range is not None and nets_overlap(
                    ip_range, subnet) and ip_range.prefixlen < subnet.prefixlen else ip_range
                pool = SubnetPool(subnet, drawn, shared=self._same_subnet_pool(
                    rt, subnet, drawn) if user_subnet else None)
                pools.append(pool)
                gateway = self._gateway(spec, pool, cfg.Gateway if cfg is not None else None)
                aux = dict(cfg.AuxiliaryAddresses) if cfg is not None else {}
                for key, addr in aux.items():
                    # libnetwork/network.go ipamAllocateVersion: after the gateway, every aux
                    # address of the subnet is reserved (not only those inside --ip-range)
                    if addr.version != subnet.version or addr not in subnet:
                        raise DaemonError(f"auxiliary address: ({key}:{addr}) must belong to "
                                          f"the master pool: {subnet}", status=403)
                    try:
                        pool.allocate(addr)
                    except DaemonError as err:
                        raise DaemonError(f"failed to allocate secondary ip address "
                                          f"({key}:{addr}): {err.text}", status=500) from None
                subnets.append(
                    build(
                        SubnetState,
                        subnet=subnet,
                        ip_range=ip_range,
                        gateway=gateway,
                        aux_addresses=aux,
                        user_subnet=user_subnet,
                    )
                )
            # the driver's CreateNetwork, once IPAM is done (libnetwork/controller.go
            # NewNetwork: ipamAllocate, then addNetwork)
            driver.create(rt, spec, nid, subnets, self.profile)
            if self.profile.unknown_scope_refused and spec.Scope not in (None, "", "local",
                                                                          "swarm"):
                # then the store of that scope (EngineProfile.unknown_scope_refused)
                raise DaemonError('This node is not a swarm manager. Use "docker swarm init" or '
                                  '"docker swarm join" to connect this node to swarm and try '
                                  "again.", status=503)
        except DaemonError:
            for sub in requested:
                rt.space.release(sub)
            for pool in pools:
                pool.detach()
            raise

        interface = driver.interface(spec, nid)
        icc, masquerade = driver.icc(spec), driver.masquerade(spec)
        internal = driver.internal(spec)
        ifindex = driver.network_link(rt, spec)
        state = build(
            NetworkState,
            id=nid,
            name=spec.Name,
            driver=spec.Driver,
            host=rt.host.name,
            spec=spec,
            subnets=tuple(subnets),
            interface=interface,
            internal=internal,
            attachable=spec.Attachable,
            icc=icc,
            masquerade=masquerade,
            options=dict(spec.Options),
            labels=dict(spec.Labels),
            created=self.clock,
            ifindex=ifindex,
        )
        rt.add_network(NetworkRuntime(state, pools))
        rt.network_names_by_id[nid] = spec.Name
        return Outcome(id=nid)

    def _ipam_requests(self, spec: NetworkSpec) -> list[tuple[int, IPAMConfig | None]]:
        """The pools IPAM is asked for, in the order ``network inspect`` lists them.

        ≥ 27: the IPv4 configs given, the IPv6 ones, then one from the default pools for an
        enabled family that has none; a family that is not enabled is not allocated
        (v28.5.2:libnetwork/network.go ipamAllocate, daemon/network.go buildIPAMResources).
        ≤ 26.x (no IPv6 default pool): the configs given, in their order (IPv6 ones only
        with IPv6 enabled), then the defaults. ``network inspect`` still lists the configs of
        a family that is not enabled (EngineProfile.ipam_config_lists_unallocated).
        """
        def family(c: IPAMConfig) -> int:
            if c.Subnet is None or (c.Subnet.version == 6 and c.Subnet.ip.ipv4_mapped is not None
                                    and self.profile.ipv4_mapped_subnet_is_ipv4):
                return 4  # Go's net.ParseCIDR reads ::ffff:10.0.0.0/104 as IPv4 (≤ 26.x)
            return c.Subnet.version

        v4 = [c for c in spec.IPAM.Config if family(c) == 4]
        v6 = [c for c in spec.IPAM.Config if family(c) == 6]
        if not self.profile.default_ipv6_pool:
            # IPv6 configs are allocated only on a network with IPv6 enabled
            # (v26.1.5:libnetwork/network.go:1499-1510, v20.10.24 vendor …/network.go:1547-1558)
            out: list[tuple[int, IPAMConfig | None]] = [
                (family(c), c) for c in spec.IPAM.Config if family(c) == 4 or spec.EnableIPv6]
            if not v4:
                out.append((4, None))
            if spec.EnableIPv6 and not v6:
                out.append((6, None))
            return out
        out = [(4, c) for c in v4] if spec.EnableIPv4 else []
        out += [(6, c) for c in v6] if spec.EnableIPv6 else []
        if spec.EnableIPv4 and not v4:
            out.append((4, None))
        if spec.EnableIPv6 and not v6:
            out.append((6, None))
        return out

    @staticmethod
    def _network_driver(name: str) -> drivers.NetworkDriver:
        """The driver of a network to create, or Docker's refusal: no such driver (libnetwork
        resolveDriver finds no plugin of that name: v28.5.2:plugin/errors.go errNotFound), or
        one whose only network is predefined (v28.5.2:libnetwork/drivers/host/host.go,
        null/null.go CreateNetwork). netsim refuses both before anything else is checked, as
        it always has (Docker checks a predefined or taken name and the IPAM config first)."""
        try:
            driver = drivers.get(name)
        except KeyError:
            raise DaemonError(f'plugin "{name}" not found', status=404) from None
        if not driver.user_networks:
            raise DaemonError(f'only one instance of "{name}" network is allowed', status=403)
        return driver

    def _gateway(
        self, spec: NetworkSpec, pool: SubnetPool, given: IPAddr | None
    ) -> IPAddr | None:
        """The gateway address IPAM reserves (daemon/libnetwork/network.go ipamAllocateVersion;
        drivers/{macvlan,ipvlan} GetSkipGwAlloc)."""
        if given is not None:
            if given in pool.own:
                return given
            try:
                return pool.allocate(given)
            except DaemonError as err:
                # libnetwork/network.go ipamAllocateVersion (v28.5.2:1603-1605)
                raise DaemonError(f"failed to allocate gateway ({given}): {err.text}",
                                  status=500) from None
        if pool.subnet.version == 6 and spec.Driver == "bridge":
            # bridge_linux.go GetSkipGwAlloc (v28.5.2:712-725): IPv6 skips it only in isolated
            # mode (an --internal network keeps its IPv6 gateway: measured, 80-ipv6-ports)
            if spec.Options.get("com.docker.network.bridge.gateway_mode_ipv6") == "isolated" \
                    and "isolated" in self.profile.bridge_gateway_modes:
                return None
            return pool.allocate_any()
        if drivers.get(spec.Driver).skip_gateway(spec, self.profile):
            # the driver's GetSkipGwAlloc (bridge: an isolated network; macvlan, ipvlan:
            # EngineProfile.vlan_gateway)
            return None
        return pool.allocate_any()

    def _same_subnet_pool(self, rt: HostRuntime, subnet: IPNet,
                          ip_range: IPNet | None) -> SubnetPool | None:
        """A pool of another network on this very subnet, whose bitmap a new ``--ip-range``
        shares; the same subnet with no range, or with the same range again, overlaps
        (defaultipam/address_space.go allocateSubnet: ErrPoolOverlap)."""
        for pool in rt.pools_by_subnet.get(subnet, ()):
            if ip_range is None or pool.range == ip_range:
                raise DaemonError(ERR_POOL_OVERLAP, status=403)
            return pool
        return None

    def _check_new_network(self, rt: HostRuntime, spec: NetworkSpec) -> None:
        """libnetwork/controller.go NewNetwork's checks before any allocation (v28.5.2:
        510-628): an ingress network must be a swarm one, a --config-from network must exist,
        a swarm-scoped network needs a swarm."""
        if spec.Ingress:
            raise DaemonError("Ingress network can only be global scope network", status=403)
        if spec.ConfigFrom is not None:
            source = rt.networks.get(spec.ConfigFrom.Network)
            if source is None or source.state.spec is None or not source.state.spec.ConfigOnly:
                raise DaemonError(
                    f'configuration network "{spec.ConfigFrom.Network}" does not exist',
                    status=404)
        if spec.Scope == "swarm":
            node = self._node(rt)
            if node is None:
                raise DaemonError("cannot create a swarm scoped network when swarm is not "
                                  "active", status=403)
            if node.role != "manager":
                raise DaemonError("Cannot create a multi-host network from a worker node. "
                                  "Please create the network from a manager node.", status=403)

    def _attached(self, rt: HostRuntime, net: NetworkState) -> list[ContainerState]:
        return [
            c
            for c in rt.containers.values()
            if (ep := c.endpoint(net.name)) is not None and ep.active
        ]

    def _network_rm(self, rt: HostRuntime, ref: str) -> Outcome:
        if self._node(rt) is not None:
            overlay = self._overlay_lookup(ref)
            # found by exact name or ID; it must be instantiated on (visible to) this node
            if overlay is not None and overlay.state.name in self._visible_overlays(rt):
                return self._overlay_rm(rt, overlay)
        net = self._find_network(rt, ref)
        if net.state.predefined:
            # daemon/network.go:647
            raise DaemonError(f"{net.state.name} is a pre-defined network and cannot be removed",
                              status=403)
        active = self._attached(rt, net.state)
        if active:
            # daemon/network.go:662, libnetwork/network.go:1046 (name:%q id:%q, endpoint ID/12)
            names = ", ".join(
                f'name:"{c.name}" id:"{ep.endpoint_id[:12]}"'
                for c in sorted(active, key=lambda c: c.name)
                if (ep := c.endpoint(net.state.name)) is not None
            )
            if not self.profile.active_endpoints_listed:  # v26.1.5:libnetwork/error.go:81
                raise DaemonError("error while removing network: network "
                                  f"{net.state.name} id {net.state.id} has active endpoints",
                                  status=403)
            raise DaemonError(
                "error while removing network: network "
                f"{net.state.name} has active endpoints ({names})",
                status=403,
            )
        for s in net.state.subnets:
            rt.space.release(s.subnet)
        for pool in net.pools:
            pool.detach()
        drivers.get(net.state.driver).delete(rt, net.state)
        rt.remove_network(net.state.name)
        rt.network_names_by_id.pop(net.state.id, None)
        # stopped containers keep their endpoint configuration for a removed network; it is
        # reported by Docker at their next start
        return Outcome(id=net.state.id)

    def _network_prune(self, rt: HostRuntime) -> Outcome:
        removed = []
        for name, net in list(rt.networks.items()):
            if net.state.predefined:
                continue
            if self._attached(rt, net.state):  # only running containers have endpoints
                continue
            for s in net.state.subnets:
                rt.space.release(s.subnet)
            for pool in net.pools:
                pool.detach()
            drivers.get(net.state.driver).delete(rt, net.state)
            rt.remove_network(name)
            rt.network_names_by_id.pop(net.state.id, None)
            removed.append(name)
        return Outcome(names=tuple(sorted(removed)))


def validate_ipam(spec: NetworkSpec) -> list[str]:
    """Daemon-side IPAM checks, in Docker's words (v28.5.2:api/types/network/ipam.go:36-135
    ValidateIPAM): the subnet and the ip-range as given (host bits kept), every problem of an
    ip-range listed, an IPv6 subnet only checked on an IPv6 network."""
    errors: list[str] = []
    for cfg in spec.IPAM.Config:
        subnet = cfg.Subnet
        if subnet is None:
            continue
        net = subnet.network
        fam = f"IPv{net.version}"
        if net.version == 6 and not spec.EnableIPv6:
            continue
        given = subnet.with_prefixlen  # netip.Prefix as parsed: host bits kept
        if subnet.ip != net.network_address:
            errors.append(f"invalid subnet {given}: it should be {net}")
        if cfg.IPRange is not None:
            rng = cfg.IPRange
            if rng.version != net.version:
                errors.append(f"invalid ip-range {rng.with_prefixlen}: parent subnet is an "
                              f"{fam} block")
            else:
                if rng.network.prefixlen < net.prefixlen:
                    errors.append(f"invalid ip-range {rng.with_prefixlen}: CIDR block is bigger "
                                  f"than its parent subnet {given}")
                if rng.ip != rng.network.network_address:
                    errors.append(f"invalid ip-range {rng.with_prefixlen}: it should be "
                                  f"{rng.network}")
                if not rng.network.overlaps(net):
                    errors.append(f"invalid ip-range {rng.with_prefixlen}: parent subnet "
                                  f"{given} doesn't contain ip-range")
        checks = [("gateway", str(cfg.Gateway), cfg.Gateway)] if cfg.Gateway is not None else []
        checks += [("auxiliary address", key, addr) for key, addr in cfg.AuxiliaryAddresses.items()]
        for what, label, addr in checks:
            if addr.version != net.version:
                errors.append(f"invalid {what} {label}: parent subnet is an {fam} block")
            elif addr not in net:
                errors.append(f"invalid {what} {label}: parent subnet {given} doesn't contain "
                              "this address")
    return errors
