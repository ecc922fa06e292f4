"""The shape of an engine profile: :class:`EngineProfile`, one named field per rule where Docker
Engines differ, each documented with the moby sources it was read from."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

__all__ = ["EngineProfile", "LocalhostDnsWarning", "PortBindingOrder", "VlanGateway"]

#: how macvlan/ipvlan networks get an IPAM gateway when ``--gateway`` is not given
VlanGateway = Literal["always", "unless_internal_or_l3", "only_when_given"]
#: the order a container's port bindings are allocated in (EngineProfile.port_binding_order)
PortBindingOrder = Literal["sort_port_map", "driver"]
#: when the CLI warns of a loopback ``--dns`` (EngineProfile.cli_localhost_dns_warning)
LocalhostDnsWarning = Literal["", "before_create", "after_create"]


class EngineProfile(BaseModel):
    """What one Docker Engine does where engines differ: one named field per rule."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    #: the name netsim knows it by (``# netsim: engine 28.5``, ``--engine 28.5``)
    name: str
    #: the full version it models (``docker version``'s server version)
    version: str
    #: the daemon's API version (its ``DefaultVersion``/``MaxAPIVersion``)
    api_version: str
    #: the moby tag the rules below were read at
    moby_tag: str

    # ---------------------------------------------------------------- IPAM
    #: the search for a free predefined subnet starts after the last one handed out and
    #: wraps (≤ 26.x), instead of first fit from the first pool (≥ 27.0)
    rotating_subnet_allocation: bool
    #: pools exhausted: "could not find an available, non-overlapping IPv4 address pool among
    #: the defaults to assign to the network" (≤ 26.x) instead of "all predefined address pools
    #: have been fully subnetted" (≥ 27.0)
    legacy_pool_exhausted_message: bool
    #: ``--ipv6`` without an IPv6 subnet takes a /64 of a default ULA pool (≥ 27.0) instead of
    #: failing: "could not find an available, non-overlapping IPv6 address pool among the
    #: defaults to assign to the network" (≤ 26.x, which have no IPv6 default pools)
    default_ipv6_pool: bool
    #: the default bridge's IPv6 addresses (``--fixed-cidr-v6`` of 80 bits or fewer) are the
    #: subnet's prefix and the endpoint's MAC (fd00:d0c::242:ac11:2), its IPAM config shows no
    #: gateway, and ``--ipv6`` needs ``--fixed-cidr-v6`` (≤ 26.x: v26.1.5:daemon/daemon_unix.go
    #: deferIPv6Alloc, libnetwork/drivers/bridge/bridge_linux.go:1081-1099); ≥ 27.0 IPAM hands
    #: them out in order and the default pools serve a bridge without one
    default_bridge_ipv6_from_mac: bool
    #: dockerd programs ip6tables rules (isolation, ICC, --internal for IPv6 as for IPv4)
    #: unless ``--ip6tables=false``: on by default from 27.0 (v27.0.1:cmd/dockerd/
    #: config_unix.go:31), off (experimental) before (v26.1.5:…:31, v20.10.24:…:38)
    ip6tables_default: bool
    #: ``network inspect`` lists the configured pools of both families before those IPAM
    #: chose (v26.1.5:daemon/network.go buildIPAMResources); 20.10 lists IPv4 (configured, else
    #: chosen) then IPv6 (v20.10.24:daemon/network.go:675-730 buildIpamResources)
    ipam_config_configured_first: bool
    #: ``network inspect`` lists the configs of a family the network does not enable (an IPv6
    #: ``--subnet`` without ``--ipv6``), which IPAM did not allocate (v28.5.2:daemon/network.go
    #: buildIPAMResources:718-743; v20.10.24:…:685-720); 29.x only the allocated ones
    #: (docker-v29.1.5:daemon/network.go buildIPAMResources: ``if len(ipv6Info) > 0``)
    ipam_config_lists_unallocated: bool
    #: ``--add-host NAME:host-gateway`` names both of the default bridge's gateways when it is
    #: dual-stack (≥ 28.0: v28.5.2:daemon/daemon_unix.go:909-924 HostGatewayIPs); before,
    #: only its IPv4 one (v26.1.5:daemon/daemon_unix.go:895-907)
    host_gateway_both_families: bool
    #: the refusal of a multicast IPv6 bridge subnet and of one overlapping fe80::/64 without
    #: being it; ``{addr}`` is the bridge's address and prefix (ff00::1/64). ≥ 27.0 check them
    #: first (v28.5.2:libnetwork/drivers/bridge/bridge_linux.go:216-228 validateIPv6Subnet);
    #: 26.1 checks the link-local clash in its own words, and the kernel refuses the rest when
    #: the address is put on the bridge (measured: 82-ipv6-review)
    ipv6_multicast_subnet_message: str
    ipv6_link_local_subnet_message: str
    #: an IPv4-mapped IPv6 ``--subnet`` (::ffff:10.0.0.0/104) is an invalid prefix to IPAM
    #: (≥ 27.0: "failed to allocate gateway (): cannot find address pool for poolID:…/invalid
    #: Prefix"); before, Go's net.ParseCIDR takes it as an IPv4 subnet, so an --ipv6 network
    #: has no IPv6 pool (measured: 82-ipv6-review)
    ipv4_mapped_subnet_is_ipv4: bool
    #: ``--ip`` on a network whose subnet IPAM chose is refused ("user specified IP address is
    #: supported only when connecting to networks with user configured subnets")
    static_ip_needs_user_subnet: bool
    #: the refusal of a ``--ip`` outside every subnet of the network; ``{ip}`` is the address
    static_ip_outside_subnet_message: str

    # ---------------------------------------------------------------- drivers
    #: a second macvlan network on the same parent interface is refused ("network … is already
    #: using parent interface …"); from 27.0 only passthru mode conflicts
    macvlan_exclusive_parent: bool
    #: when IPAM reserves a gateway address for a macvlan/ipvlan network without --gateway:
    #: ``always`` (≤ 27.x), ``unless_internal_or_l3`` (28.x: not for --internal or a missing
    #: parent, nor ipvlan l3/l3s), ``only_when_given`` (≥ 29.0)
    vlan_gateway: VlanGateway
    #: bridge/macvlan endpoints get a random locally administered MAC (≥ 28.0) instead of one
    #: derived from the IPv4 address (``02:42:ac:11:00:02``)
    random_macs: bool
    #: a MAC Docker picks at random (a bridge's: docker0, br-…) keeps Docker's ``02:42`` and
    #: draws only the last 4 bytes (≤ 27.x: v26.1.5:libnetwork/netutils/utils.go:68-90 genMAC,
    #: bridge_linux setup_device_linux.go:38 GenerateRandomMAC; recorded on 26.1.5:
    #: 21-host-network-probes, 34-probes-ip-ifconfig ``02:42:3b:6b:a1:70``); moby a900e0b5bb
    #: (v28.0.0) draws 46 bits
    random_mac_docker_prefix: bool = False
    #: the ipvlan driver knows mode ``l3s`` and the ``ipvlan_flag`` option (bridge, private,
    #: vepa: moby f70a9788c5, v23.0.0); v20.10.24:vendor/github.com/docker/libnetwork/drivers/
    #: ipvlan/ipvlan_network.go:43-52 accepts only l2 and l3 and never reads a flag (recorded:
    #: 20.10, 27-ipvlan:12,20,23)
    ipvlan_l3s_and_flags: bool = True
    #: the overlay driver's first network sandbox per daemon run (sync.Once) makes a
    #: ``testvxlan`` link in the host's namespace and deletes it, so host interface indexes
    #: after it are one higher (v20.10.24:vendor/github.com/docker/libnetwork/drivers/overlay/
    #: ov_network.go:309,459-495 networkOnceInit; measured: ``ip monitor link`` shows
    #: ``4: testvxlan`` at swarm init, then docker_gwbridge as 8); moby 8ed900263e (v24.0.0)
    #: removed the host-mode probe (recorded: 20.10, 28-swarm-overlay-tutorial:20,
    #: 29-swarm-overlay-inspect:29)
    overlay_test_vxlan: bool = False
    #: ``network create -d overlay`` on a swarm worker reaches libnetwork, which refuses it:
    #: ``Cannot create a multi-host network from a worker node. Please create the network from
    #: a manager node.`` (v20.10.24:vendor/github.com/docker/libnetwork/controller.go:777-785);
    #: moby 21dcbada2d (v25.0.0) makes the daemon refuse an overlay on any non-manager first,
    #: in the non-swarm node's words (recorded: 20.10, 29-swarm-overlay-inspect:11)
    overlay_worker_refused_by_libnetwork: bool = False

    # ---------------------------------------------------------------- endpoints and ports
    #: the refusal of ``--network-alias`` on a predefined network (bridge, host, none)
    predefined_alias_message: str
    #: the refusal of a published port the kernel will not bind (an address the host does not
    #: have, a port a host process holds); placeholders ``{host_ip}`` (``[…]`` for IPv6)
    #: ``{host_port}`` (the port bound) ``{binding_port}`` (as requested: ``8000-8002``)
    #: ``{container_ip}`` ``{container_port}`` ``{proto}`` ``{family}`` (4 or 6)
    #: ``{reason}``: docker-proxy's text
    #: (≤ 26.x), the daemon binding for the proxy (28.x: the whole binding), or its port
    #: allocator (29.x: the host address and port)
    host_port_bind_error: str
    #: the order a container's port bindings get their host ports in (which of ``-P``'s ports
    #: gets the first ephemeral one): ``sort_port_map``, the daemon's nat.SortPortMap (≤ 26.x:
    #: v26.1.5:daemon/container_operations.go:110-155, larger container port first; recorded:
    #: 26.1 and 20.10, 15-ports:17), or ``driver``, the bridge driver's own sort (moby
    #: 043db3be68, v27.0.0: v28.5.2:libnetwork/drivers/bridge/port_mapping_linux.go:208-262,
    #: exact host ports first, then container port ascending)
    port_binding_order: PortBindingOrder = "driver"
    #: the port allocator keeps one map per host address and checks only the address asked
    #: for (v26.1.5:libnetwork/portallocator/portallocator.go:118-160): a port held on
    #: 0.0.0.0 is free for 127.0.0.1 there, and the kernel refuses docker-proxy's bind instead
    #: (recorded: 26.1 and 20.10, 15-ports:37); moby d6620915db (v28.3.0) also checks the
    #: unspecified address's map (``Bind for 0.0.0.0:8082 failed: port is already allocated``)
    port_allocator_per_address: bool = False
    #: an endpoint's addresses and aliases are checked against its network only when the
    #: daemon sets it up (every start, and ``network connect``), in bare words: the first
    #: refusal of validateNetworkingConfig (v20.10.24:daemon/container_operations.go:631-677,
    #: from updateNetworkConfig), then IPAM's ``Invalid address X: It does not belong to any of
    #: this network's subnets`` for a running container; create checks no network
    #: (v20.10.24:daemon/create.go:331-361), so ``docker run -d`` prints the ID and fails at the
    #: start. moby ff503882f7/4bd0553274 (v25.0.0) check at create and ``network connect``, all
    #: problems under ``invalid endpoint settings:`` (recorded: 20.10, 14-aliases:37,
    #: 17-ipam:20,39)
    endpoint_settings_checked_at_start: bool = False
    #: ``--mac-address`` is the container's ``Config.MacAddress`` (API < 1.44), which the daemon
    #: refuses beside a ``container:`` or ``host`` network mode (``conflicting options:
    #: mac-address and the network mode``: v20.10.24:runconfig/hostconfig.go:67-69
    #: validateNetContainerMode); docker/cli v25.0.0 sends it in the first network's endpoint
    #: settings instead (recorded: 20.10, 24-container-network-errors:16,
    #: 50-run-create-network-errors:41)
    mac_address_per_container: bool = False

    # ---------------------------------------------------------------- inspect shapes
    #: the keys of ``docker network inspect``, in the order the engine's Go struct writes them
    network_inspect_keys: tuple[str, ...]
    #: the keys of a container's ``NetworkSettings``, in order (≤ 28.x also the deprecated
    #: top-level fields: ``Bridge``, ``IPAddress``, ``Gateway``, ``MacAddress``, …)
    network_settings_keys: tuple[str, ...]
    #: the keys of one ``NetworkSettings.Networks`` entry (``EndpointSettings``), in order
    endpoint_settings_keys: tuple[str, ...]
    #: an empty ``IPRange``/``Gateway`` of an ``IPAM.Config`` entry is left out (Go
    #: ``omitempty`` on a string, ≤ 28.x) instead of printed as ``""`` (29.1's netip types);
    #: likewise the empty ``IPv4Address``/``IPv6Address`` of an endpoint's ``IPAMConfig``
    #: (``{}`` for a ``network connect`` without ``--ip``; EndpointIPAMConfig: v20.10.24:
    #: api/types/network/network.go:28-32, v26.1.5 and v28.5.2:api/types/network/endpoint.go,
    #: strings with omitempty; docker-v29.1.5:api/types/network/endpoint.go:60-64, netip.Addr)
    ipam_config_omits_empty: bool
    #: ``IPAM.Config`` of a network created with ``--subnet`` but no ``--gateway`` shows the
    #: gateway IPAM chose (29.x) instead of only what the user configured (≤ 28.x)
    ipam_config_shows_allocated_gateway: bool
    #: a local network without subnets (host, none) shows ``"Config": []``: buildIpamResources
    #: starts from an empty slice (v20.10.24:daemon/network.go:684); moby 437ced91ec (v25.0.0)
    #: appends to a nil one (``null``; recorded: 20.10, 37-network-ls-inspect:23)
    ipam_config_empty_list: bool = False
    #: the image store the daemon uses by default: the graph driver's (``"Driver":
    #: "overlay2"`` and a ``GraphDriver`` block in ``docker inspect``, ≤ 28.x, where the
    #: containerd store is the opt-in ``containerd-snapshotter`` feature: v28.5.2:daemon/
    #: daemon.go:839-844) or containerd's (``"Driver": "overlayfs"`` and ``Storage``, the
    #: default from 29.0: docker-v29.0.0:daemon/image_store_choice.go:88-92
    #: determineImageStoreChoice)
    image_store: Literal["graphdriver", "containerd"]
    #: the keys of a container's ``GraphDriver.Data`` (overlay2 ``GetMetadata``: LowerDir,
    #: MergedDir, UpperDir, WorkDir; from 28.0 also ``ID``, the container's ID, added by
    #: layer/mounted_layer.go Metadata, moby 8c58934106 "Implement mount from image")
    graph_driver_data_keys: tuple[str, ...]
    #: a container's ``Config`` prints ``"OnBuild": null`` (no omitempty, ≤ 28.x:
    #: v28.5.2:api/types/container/config.go:68); 29.x leaves it out (docker-v29.1.5:
    #: api/types/container/config.go:45, omitempty)
    config_prints_onbuild: bool
    #: the fixed part of ``HostConfig.MaskedPaths``, in the engine's order (oci/defaults.go)
    masked_paths: tuple[str, ...]
    #: ``MaskedPaths`` also lists the ``/sys/devices/system/cpu/cpuN/thermal_throttle``
    #: directories the host has (GHSA-6fw5-f8r9-fgfm: 28.x and 29.x, not ≤ 26.x)
    masks_thermal_throttle: bool
    #: ``HostConfig.ConsoleSize`` comes after ``Runtime`` (≤ 20.10: v20.10.24:api/types/
    #: container/host_config.go:427-430, a Windows-only field) instead of after
    #: ``VolumesFrom`` (moby 85a7f5a09a, v23.0.0)
    host_config_console_size_late: bool = False
    #: ``HostConfig`` prints ``KernelMemory`` and ``KernelMemoryTCP`` (``0``) after
    #: ``DeviceRequests`` (no omitempty ≤ 20.10: v20.10.24:api/types/container/host_config.go:
    #: 364-365; moby 427b0cd636, v23.0.0, made them omitempty)
    host_config_kernel_memory: bool = False
    #: ``HostConfig.NetworkMode`` stays ``default`` for a container created without
    #: ``--network`` (v20.10.24:runconfig/hostconfig.go:26-35 SetDefaultNetModeIfBlank); from
    #: moby 4eed3dcdfe (v26.1.0: api/server/router/container/container_routes.go:483) the API
    #: turns it into the daemon's default network, ``bridge`` (recorded: 20.10,
    #: 38-container-inspect:8,23)
    network_mode_default_kept: bool = False
    #: a user-defined network's endpoint lists the container's short ID (and its hostname,
    #: when another) among its ``Aliases`` once the daemon has set it up (at start, or on
    #: ``network connect``: v20.10.24:daemon/container_operations.go:695-720
    #: updateNetworkConfig); moby 7a9b680a9c (v25.0.0) moved them to ``DNSNames`` (recorded:
    #: 20.10, 14-aliases:25,33, 38-container-inspect:17)
    aliases_list_short_id: bool = False

    #: a container's /etc/hosts spells ``fe00::0``/``ff00::0`` (strings in libnetwork/etchosts
    #: ≤ 27.x: v26.1.5:libnetwork/etchosts/etchosts.go:33-34) instead of netip's ``fe00::``/
    #: ``ff00::`` (moby 80e4631998, v28.0.0)
    hosts_ipv6_zero_spelled: bool = False
    #: the IPv6 block of /etc/hosts is written even when the container has IPv6 off
    #: (``--sysctl net.ipv6.conf.all.disable_ipv6=1``): etchosts.Build always writes its
    #: defaultContent (v20.10.24:vendor/github.com/docker/libnetwork/etchosts/etchosts.go:
    #: 29-35, 98-99); BuildNoIPv6 came later (v26.1.5:libnetwork/etchosts/etchosts.go:78-80;
    #: recorded 20.10: 58-reference-examples:32)
    hosts_ipv6_block_always: bool = False
    #: bridge endpoints' veth pair is made in the host's namespace and its peer moved into the
    #: container's (v26.1.5:libnetwork/drivers/bridge/bridge_linux.go:1000-1006 d.nlh.LinkAdd),
    #: so eth0 keeps the host's index (``4: eth0@if5``); from moby 65120d586b (v28.0.0)
    #: createVeth makes the peer in the container's namespace (``2: eth0@if4``)
    veth_created_in_host_netns: bool = False
    #: a sandbox names its interfaces from a counter that only goes up (``eth2`` for a network
    #: reconnected after two others: v26.1.5:libnetwork/osl/interface_linux.go:172-173
    #: nextIfIndex); moby 5a703c2eda (v28.0.0) takes the lowest free ``ethN``
    ifname_counter_per_sandbox: bool = False
    #: a container's namespace starts with IPv6 off on every interface, lo's ``::1`` included,
    #: and gets it back only with an interface that has an IPv6 address
    #: (v20.10.24:vendor/github.com/docker/libnetwork/osl/namespace_linux.go:282-286
    #: GetSandboxForExternalKey ``setIPv6(all, false)``, :585-610 checkLoV6); moby a8f7c5ee48
    #: (v26.0.0) turns it off only on interfaces without an IPv6 address (recorded: 20.10,
    #: 22-none-network:5,10, 34-probes-ip-ifconfig:8; measured: ``ping ::1`` then fails with
    #: ``Cannot assign requested address``)
    netns_ipv6_off: bool = False

    #: the daemon wraps a container's network set-up failures in ``failed to set up container
    #: networking: …`` (errSetupNetworking, v28.5.2:daemon/container_operations.go:41; not in
    #: v26.1.5's daemon)
    setup_networking_prefix: bool = True
    #: ``invalid pool request: Pool overlaps …`` (v28.5.2:libnetwork/ipams/defaultipam/
    #: allocator.go:172); v26.1.5:libnetwork/ipam/allocator.go returns ErrPoolOverlap bare
    pool_errors_prefixed: bool = True
    #: removing a network in use lists its endpoints (``has active endpoints (name:"a"
    #: id:"…")``) instead of ``network NAME id ID has active endpoints``
    #: (v26.1.5:libnetwork/error.go:81, network.go:977)
    active_endpoints_listed: bool = True
    #: ``docker rm`` of a running container names it by container.Name (``"/c1"``,
    #: v26.1.5:daemon/delete.go:96) instead of as the user typed it
    rm_error_names_container: bool = False
    #: ``docker rm`` of a running container: ``You cannot remove a running container ID. Stop
    #: the container before attempting removal or force remove`` (v20.10.24:daemon/delete.go:
    #: 80-90; moby 2b583c0923, v25.0.0, reworded it ``cannot remove container …``)
    rm_running_legacy_text: bool = False
    #: the daemon's errNotRunning, ``{id}`` the container's ID (v26.1.5:daemon/errors.go:19;
    #: v20.10.24:daemon/errors.go:13-15 ``Container … is not running``): exec, kill, pause
    not_running_message: str = "container {id} is not running"
    #: what ``docker kill``'s failure starts with before ``: REF: …`` (v26.1.5:api/server/
    #: router/container/container_routes.go:240; v20.10.24: :268 ``Cannot kill container``)
    kill_error_prefix: str = "cannot kill container"
    #: a stopped container's ``NetworkSettings`` keeps the ``SandboxID``/``SandboxKey`` of its
    #: last start (v26.1.5:daemon/container_operations.go:974-1022 releaseNetwork, and
    #: v20.10.24:1012-1050, leave them; recorded on 26.1.5: 38-container-inspect:34); moby
    #: 955b923352 (v27.0.0) clears them
    stopped_keeps_sandbox: bool = False
    #: a ``--network container:X`` start fails in getNetworkedContainer's older words
    #: (v26.1.5:daemon/container_operations.go:957-971, v20.10.24: :994-1010): ``cannot join
    #: network of a non running container: X`` (X as the mode stores it: the ID),
    #: ``cannot join own network`` and a bare ``No such container: X``; moby 513fd86710
    #: (v28.0.0) says ``cannot join network namespace of a non running container: container
    #: NAME is STATE``, ``cannot join own network namespace``, ``joining network namespace of
    #: container: …`` (recorded: 26.1 and 20.10, 24-container-network-errors:7,8,27,28)
    netns_join_legacy_texts: bool = False
    #: validateNetContainerMode's refusal of ``container:`` without a name (capitalised
    #: ≤ 27.x: v26.1.5:runconfig/hostconfig.go:26; moby 586556eda7, v28.0.0, lower-cased it)
    invalid_container_mode_message: str = (
        "invalid network mode: invalid container format container:<name|id>")
    #: connecting a container not in host mode to the host network, and disconnecting a host
    #: mode container from it: one runconfig.ErrConflictHostNetwork for both ≤ 28.0.1
    #: (v26.1.5:runconfig/errors.go:9, daemon/container_operations.go:226,1085); moby
    #: 90a83063ee (v28.0.2) split it (v28.5.2:runconfig/errors.go:9-11)
    host_connect_refusal: str = (
        "cannot connect container to host network - container must be created in host "
        "network mode")
    host_disconnect_refusal: str = (
        "cannot disconnect container from host network - container was created in host "
        "network mode")
    #: a legacy link to a container without a default-bridge endpoint fails while the
    #: container's bridge endpoint is set up, whether the target runs or not: ``Cannot link to
    #: /X, as it does not belong to the default network`` (v26.1.5:daemon/container_operations.go:
    #: 169-172 buildSandboxOptions isLinkable, before createSpec's setupLinkedContainers);
    #: from moby 4c553defce/e601e71681 (v28.0.0) setupLinkedContainers comes first: ``Cannot
    #: link to a non running container``, then ``container ID not attached to default bridge
    #: network`` (recorded: 26.1 and 28.5, 50-run-create-network-errors:56)
    link_needs_default_network_first: bool = False

    #: the embedded DNS server queries only the host's loopback upstreams from the host's
    #: namespace, so resolv.conf's ``# ExtServers:`` marks only those ``host(…)``
    #: (v26.1.5:libnetwork/internal/resolvconf/resolvconf.go:268 HostLoopback); moby
    #: d29767431c (v28.0.0) marks every server from the host's file
    ext_dns_host_loopback_only: bool = False
    #: the embedded DNS server forwards nothing from a sandbox without external access (its
    #: networks all --internal: moby 790c3039d0, v26.0.0, SetForwardingPolicy); before, it
    #: forwards every unknown name (v20.10.24:vendor/github.com/docker/libnetwork/
    #: sandbox_dns_unix.go:31 ``NewResolver(resolverIPSandbox, true, …)``)
    resolver_internal_policy: bool = True
    #: the embedded DNS server answers SERVFAIL when no upstream server answered (moby
    #: e6258e6590, v24.0.0); v20.10.24:vendor/github.com/docker/libnetwork/resolver.go ServeDNS
    #: sends nothing (``if resp == nil { return }``), so the client times out (recorded: 20.10,
    #: 16-internal-and-icc:16,17)
    resolver_servfail_on_failure: bool = True
    #: a container's resolv.conf is written by libnetwork/resolvconf (≤ 25.x): host mode gets
    #: a copy of the host's file; the default bridge and ``none`` the host's file with its
    #: loopback nameservers cut out (FilterResolvDNS; none left: ``8.8.8.8`` and ``8.8.4.4``
    #: appended); the embedded server and ``--dns*`` rewrite it as ``search``, ``nameserver``
    #: and ``options`` lines (Build): no header, no comments (v20.10.24:vendor/github.com/
    #: docker/libnetwork/sandbox_dns_unix.go:184-420, resolvconf/resolvconf.go:147-169,
    #: 256-284); moby beb97f7fdf (v26.0.0) generates the commented file (recorded: 20.10,
    #: 03-seed-modes:24, 13-user-bridges:28, 35-probes-hostname-files:23)
    legacy_resolv_conf: bool = False
    #: the bridge driver's ``com.docker.network.bridge.gateway_mode_ipv4``/``_ipv6`` values
    #: (``isolated`` from moby 9fdcde7618, v28.0.0: v28.5.2:libnetwork/drivers/bridge/
    #: bridge_linux.go:635-673); none: a driver without gateway modes (≤ 26.x, v26.1.5:
    #: libnetwork/drivers/bridge/labels.go has no such label) ignores the options (recorded:
    #: 26.1, 46-network-create-daemon-errors:18)
    bridge_gateway_modes: tuple[str, ...] = ("nat", "nat-unprotected", "routed", "isolated")

    # ---------------------------------------------------------------- network create
    #: the daemon validates ``IPAM.Config`` before creating a network (``invalid network
    #: config:`` + host bits in --subnet, an --ip-range bigger than its subnet …: api/types/
    #: network/ipam.go ValidateIPAM, moby 4f47013feb, v25.0.0); v20.10.24 only parses each
    #: subnet (daemon/network.go:409-427 getIpamConfig: ``Invalid subnet X : invalid CIDR
    #: address: X``) and lets IPAM take the rest as given: host bits stay, a bigger range is
    #: cut to its subnet (vendor/github.com/docker/libnetwork/ipam/allocator.go getAddressRange;
    #: recorded: 20.10, 45-network-create-cli-errors:10-12, 46-network-create-daemon-errors:14-17)
    ipam_config_validated: bool = True
    #: a ``--scope`` other than local or swarm has no datastore on a standalone daemon:
    #: ``This node is not a swarm manager. …`` (v20.10.24:vendor/github.com/docker/libnetwork/
    #: store.go:212 ErrDataStoreNotInitialized, daemon/network.go:362-366); v26.1.5 takes any
    #: word (recorded: 45-network-create-cli-errors:34 on 20.10, 26.1 and 28.5)
    unknown_scope_refused: bool = False
    #: a bridge network named like the default bridge's Linux bridge (``-o com.docker.network.
    #: bridge.name=docker0``) is no conflict: the driver takes the default network for a stale
    #: one and forgets it (v20.10.24:vendor/github.com/docker/libnetwork/drivers/bridge/
    #: bridge.go:630-676 checkConflict, defaultBridgeNetworkConflict; netsim models only that
    #: the create succeeds; recorded: 20.10, 46-network-create-daemon-errors:30)
    default_bridge_conflict_stale: bool = False
    #: the refusal of a network name that is empty or only blanks (libnetwork NewNetwork's
    #: first check, strings.TrimSpace(name) == ""; ``{name}`` as given, the client trims the
    #: text's end): ``invalid name: name is empty`` (v28.5.2:libnetwork/controller.go:520-521;
    #: docker-v29.1.5:daemon/libnetwork/controller.go:512-513); before, ErrInvalidName
    #: ``invalid name: X`` (v26.1.5:libnetwork/controller.go:474-475, error.go:42;
    #: v20.10.24:vendor/github.com/docker/libnetwork/controller.go:726-727, config/config.go:
    #: 266 IsValidName). Recorded: 57-error-sites-more:9-10 (20.10: :10 only)
    invalid_network_name_message: str = "invalid name: name is empty"
    #: ``network create ''`` looks the name up first and the lookup takes "" for the default
    #: network, so the name is a duplicate: ``network with name  already exists``
    #: (v20.10.24:daemon/network.go:110-112 GetNetworkByName, 299-310 createNetwork with the
    #: CLI's CheckDuplicate); v26.1.5 has no such lookup (daemon/network.go:293-306).
    #: Recorded: 20.10, 57-error-sites-more:9
    empty_network_name_is_default: bool = False
    #: the macvlan driver's refusal of a missing parent's base link, ``{parent}`` (v26.1.5:
    #: libnetwork/drivers/macvlan/macvlan_setup.go:154; v20.10.24: vendor/…/macvlan_setup.go:
    #: 155 says ``does was not found``)
    macvlan_missing_parent_message: str = "-o parent interface was not found on the host: {parent}"
    #: distribution/reference names the repository in ``invalid reference format: repository
    #: name (X) must be lowercase`` (v26.1.5:vendor/github.com/distribution/reference/
    #: normalize.go:68); v20.10.24's vendored docker/distribution (normalize.go:45) does not
    reference_error_names_repository: bool = True
    #: a bridge endpoint on an ``--internal`` network still gets the bridge as its gateway
    #: (v20.10.24:vendor/github.com/docker/libnetwork/drivers/bridge/bridge.go:1285 Join
    #: SetGateway), so a sandbox whose other networks give none routes ``default via`` it
    #: (sandbox.go:1208-1264 Endpoint.Less: internal networks last) and iptables drops what
    #: leaves the subnet (setup_ip_tables.go setINC: ``-i br ! -d SUBNET -j DROP`` in
    #: DOCKER-ISOLATION-STAGE-1, a FORWARD chain: a timeout, not ``Network is unreachable``;
    #: the host's own addresses answer); moby cbc2a71c27 (v25.0.0) sets no gateway (recorded:
    #: 20.10, 16-internal-and-icc:14,15,17,20)
    bridge_internal_gateway: bool = False
    #: a sandbox's IPv4 and IPv6 default routes may go through different endpoints: the first
    #: dual-stack endpoint serves both, else the first with an IPv4 gateway IPv4 and the first
    #: with an IPv6 one IPv6 (v28.5.2:libnetwork/default_gateway.go:188-216
    #: selectGatewayEndpoint), and Endpoint.Less ranks by the number of families with a
    #: gateway or default route (dual-stack 2, single 1: v28.5.2:libnetwork/sandbox.go:658-672
    #: gwCount). Before 28.0 one gateway endpoint, the first with an IPv4 gateway (v26.1.5:
    #: libnetwork/default_gateway.go:177-187 getGatewayEndpoint), gives both, IPv6 only from
    #: its own IPv6 gateway (v26.1.5:libnetwork/sandbox_linux.go:74-101 updateGateway), and
    #: Less weighs the join info's gateways IPv4 1, IPv6 2 (v26.1.5:libnetwork/sandbox.go:
    #: 713-735; v20.10.24:vendor/github.com/docker/libnetwork/sandbox.go:1240-1262).
    #: netsim.state.gateway_endpoints
    gateway_per_family: bool = True

    # ---------------------------------------------------------------- docker build
    #: ``docker build`` is the legacy builder (its "Step 1/5 : FROM …" on stdout): the 20.10
    #: CLI without DOCKER_BUILDKIT=1 (docker-ce 20.10 shipped buildx but did not alias build to
    #: it); from 23.0 the CLI runs buildx's BuildKit build when the plugin is installed, as
    #: docker-ce packages and the lab's 26.1 and 28.5 roots have it (conformance/recorded/*/83)
    build_legacy: bool = False
    #: BuildKit's error line starts "ERROR: failed to build: failed to solve: …" (buildx ≥ 0.26,
    #: recorded on 28.5 with buildx 0.29.1); buildx 0.13 (26.1) prints "ERROR: failed to solve: …"
    build_failed_to_build: bool = True
    #: the Dockerfile checks (BuildKit ≥ 0.14, frontend/dockerfile/linter): "#1 WARN: …" lines
    #: and the summary after the build; dockerd 26.1 vendors BuildKit 0.13.2, with none
    build_lint: bool = True
    #: EXPOSE's bad port: "invalid containerPort: 99999" (BuildKit ≥ 0.2x convert_expose.go);
    #: older ones use go-connections nat.ParsePortSpec's "Invalid containerPort"
    build_port_error_lower: bool = True
    #: the parse error names the line with "on" and suggests the nearest instruction
    #: ("dockerfile parse error on line 1: unknown instruction: FROMM (did you mean FROM?)");
    #: 20.10's builder: "dockerfile parse error line 1: unknown instruction: FROMM"
    build_parse_error_suggests: bool = True
    #: a dispatch error (a bad EXPOSE) is reported after BuildKit loaded .dockerignore
    #: (measured on 28.5; on 26.1 the error came first, conformance/recorded/26.1/83)
    build_dockerignore_before_dispatch_error: bool = True
    #: how COPY --from's refusals are worded: "buildkit" (≥ 0.2x), "buildkit-0.13" (26.1: a
    #: variable read as an image name), "legacy" (20.10: "invalid from flag value")
    build_from_flag: str = "buildkit"
    #: here-documents (RUN <<EOF): BuildKit's parser reads them; 20.10's builder does not
    #: (its lines are instructions: "unknown instruction: MKDIR"; 91-build-refusals-review)
    build_heredocs: bool = True
    #: --target of a stage that does not exist suggests the nearest name (BuildKit ≥ 0.14
    #: wraps it with util/suggest; 26.1's 0.13 does not: 91-build-refusals-review)
    build_target_suggests: bool = True

    #: a pull reports "Verifying Checksum" for each layer before "Download complete" (20.10,
    #: conformance/recorded/20.10/89-registry-push-pull; 26.1 and 28.5 do not)
    pull_verifying_checksum: bool = False
    #: the 20.10 CLI looks an image up itself for ``image inspect`` and ``rmi`` and prints
    #: "Error: No such image: x" (conformance/recorded/20.10/84-build-stages)
    cli_image_not_found_client: bool = False

    # ---------------------------------------------------------------- runtime errors
    #: an OCI runtime error passed back through containerd ends in its gRPC code
    #: (``…executable file not found in $PATH: unknown``); the lab's 28.5 (Debian's docker.io
    #: and containerd) prints the error without it (conformance/recorded/28.5, 33-probes-dns)
    runtime_errors_end_in_unknown: bool = True
    #: ``docker exec`` of a missing program exits 127 (moby c866a7e5f8 "daemon/exec: don't
    #: overwrite exit code if set"); v26.1.5:daemon/exec.go:186 overwrites it with 126
    exec_not_found_127: bool = True
    #: runc 1.2 and later put ``error during container init: `` before the init's failure
    #: (``…unable to start container process: error during container init: exec: "X": …``);
    #: Debian's runc for 26.1 (trixie, 1.1) and 20.10 (bookworm, 1.1) does not (recorded:
    #: conformance/recorded/26.1 and 28.5, 19-exec-and-foreground:38)
    runc_init_error_context: bool = True
    #: ``docker exec -u NAME`` of a user the image lacks is refused when the exec is created
    #: (``Error response from daemon: unable to find user …``, exit 1: moby b54a038bec,
    #: v28.2.0); before, the user is looked up when it starts (v26.1.5:daemon/exec.go:254
    #: execSetPlatformOpt in ContainerExecStart), so the error goes to the exec's stream with
    #: ``\r\n`` and the exec exits 126 (:181-186; recorded: 26.1, 54-exec-inspect-errors:25)
    exec_user_checked_at_create: bool = True
    #: containerd's error passed on by the daemon starts ``failed to create task for
    #: container: `` (v26.1.5:libcontainerd/remote/client.go:233, errors.Wrap); v20.10.24's
    #: client.go passes ``failed to create shim task: …`` on bare (recorded: 20.10,
    #: 49-run-create-image-name-errors:40)
    create_task_error_prefix: bool = True
    #: runc says ``is a directory`` for a directory as the program (runc built with Go ≥ 1.20:
    #: exec.LookPath's EISDIR) and the daemon adds ``: permission denied`` for the CLI's exit
    #: status (moby 713e02e03e, v24.0.0: v26.1.5:daemon/errors.go:146-155); Debian bookworm's runc
    #: 1.1.5 for 20.10 (Go 1.19) says ``permission denied`` (recorded: 20.10,
    #: 49-run-create-image-name-errors:38, 54-exec-inspect-errors:15)
    runc_reports_eisdir: bool = True
    #: ``--kernel-memory`` gets the daemon's warning ``Specifying a kernel memory limit is
    #: deprecated and will be removed in a future release.`` (v20.10.24:daemon/daemon_unix.go:
    #: 469-474 verifyPlatformContainerResources); API 1.42 dropped the option (moby af6307fbda,
    #: v22.06: the daemon clears it without a word)
    kernel_memory_warning: bool = False
    #: a reply of the embedded DNS that cannot be packed (a PTR answer naming a container whose
    #: name is a label over 63 bytes) becomes a bare SERVFAIL, no RA, no OPT (moby 5eaf898fcb,
    #: v25.0.0: v28.5.2:libnetwork/resolver.go:442-460 reply); before, WriteMsg's error was only
    #: logged and no reply was sent (v20.10.24:vendor/github.com/docker/libnetwork/
    #: resolver.go:545-547), so the client times out (recorded 28.5/26.1:
    #: 58-reference-examples:46)
    dns_unpackable_reply_servfail: bool = True

    # ---------------------------------------------------------------- the docker CLI
    # (the CLI of the same release: docker/cli at the engine's tag; the 28.5 profile is the
    # lab's Debian docker.io 28.5.2+dfsg4, which links Debian's own Go libraries)
    #: the CLI's own error texts of docker/cli ≤ 28.x: ``Error: failed to start containers:
    #: x``, ``Error: No public port '81' published for web``, ``Error: invalid port (abc):
    #: strconv.ParseUint: …``, ``Error: No such object: x``, ``docker rename``'s ``Error:
    #: failed to rename container named x`` after the daemon's error, ``You cannot attach to a
    #: stopped container, …``; docker/cli 29.0 lower-cased them without the prefix
    #: (v28.5.2 vs v29.1.5: cli/command/container/{start,port,rename,attach}.go,
    #: cli/command/system/inspect.go)
    cli_legacy_error_texts: bool = False
    #: ``--rm`` with a ``--restart`` policy other than ``no`` is refused in the older words
    #: ``Conflicting options: --restart and --rm`` (v20.10.24:cli/command/container/opts.go:
    #: 657-659, v26.1.5:706-708), not ``conflicting options: cannot specify both --restart and
    #: --rm`` (v28.5.2:706-708, v29.1.5:715-717; recorded: 28.5, 58-reference-examples:155)
    cli_restart_rm_legacy_text: bool = False
    #: ``cli.RequiresMaxArgs`` ends in ``SRun '… --help' for more information`` (a typo in
    #: cli/required.go from docker/cli c60b360c33, v28.0.0, until e069ded4c3, v29.0.0)
    cli_max_args_typo: bool = False
    #: argument-count and flag errors in docker/cli's pre-28 layout: ``"docker ps" accepts no
    #: arguments.`` / ``See 'docker ps --help'.`` then the usage line and the command's Short;
    #: a flag error is ``<error>`` / ``See '… --help'.`` (with the usage template of a command
    #: that has subcommands); an unknown command is ``docker: 'x' is not a docker command.``
    #: (v20.10.24 and v26.1.5: cli/required.go, cli/cobra.go FlagErrorFunc, cmd/docker/
    #: docker.go RunE); docker/cli 90058df305 (v28.0.0) moved to ``Usage:`` / ``Run '…'``
    cli_see_help_errors: bool = False
    #: commands whose ``Short`` (shown in usage texts) this CLI words otherwise than docker/cli
    #: 26.1-29.1, as (command path, Short)
    cli_shorts: tuple[tuple[str, str], ...] = ()
    #: sizes (``--memory``, ``--shm-size``, tmpfs ``size=``…) are parsed by go-units ≤ 0.4's
    #: regular expression (``^(\d+(\.\d+)*) ?([kKmMgGtTpP])?[iI]?[bB]?$``: ``invalid size:
    #: '10x'`` for anything else; v20.10.24:vendor/github.com/docker/go-units/size.go:34-107;
    #: Debian's 26.1.5+dfsg1 links trixie's go-units, which does the same, as recorded in
    #: 42-cli-flag-values-numbers); go-units 0.5 parses by hand (``invalid suffix: 'x'``)
    cli_units_regex: bool = False
    #: ``--gpus count=x``: ``count must be an integer: strconv.Atoi: …`` (v26.1.5:opts/
    #: gpus.go:17-24); v28.0.0 ``invalid count (x): value must be either "all" or an integer``
    cli_gpus_count_wrapped: bool = False
    #: the ``gw-priority=`` field of ``--network`` (docker/cli v28.0.0: opts/network.go)
    cli_gw_priority: bool = True
    #: flags this CLI release does not have, as ``"COMMAND --FLAG"`` (netsim's command names):
    #: an ``unknown flag`` there (git grep of the flag definitions in cli/command/ at each tag)
    cli_absent_flags: tuple[str, ...] = ()
    #: commands this CLI release does not have (``docker volume update``: docker/cli v22.06,
    #: absent from v20.10.24:cli/command/volume/cmd.go)
    cli_absent_commands: tuple[str, ...] = ()
    #: ``docker stop``/``restart`` take ``-t, --time`` (v26.1.5:cli/command/container/stop.go:
    #: 45, restart.go:44); v28.0.0 renamed it ``--timeout`` and kept ``--time`` deprecated
    cli_stop_time_flag: bool = False
    #: the flags whose deprecation notice (``Flag --time has been deprecated, …``) this CLI
    #: prints; v29.0 deprecated --kernel-memory, --disable-content-trust and commit --pause
    #: (MarkDeprecated in cli/command/container/{opts,run,create,update,commit}.go)
    cli_deprecated_flags: tuple[str, ...] = ("time", "kernel-memory", "disable-content-trust",
                                             "pause")
    #: what follows ``Flag shorthand -h has been deprecated, `` (cli/cobra.go)
    cli_help_shorthand_deprecation: str = "use --help"
    #: the CLI parses addresses itself: ``--ip``/``--ip6`` (run, create, network connect),
    #: ``--link-local-ip`` (network connect), ``--ip-range``/``--gateway`` (network create)
    #: are pflag IP/IPSlice/IPNetSlice values and ``--network ip=…`` a netip.Addr, so a bad
    #: address is a flag error (29.x); ≤ 28.x keeps the strings and the daemon refuses them
    #: (``invalid IPv4 address: bad`` among the endpoint-settings errors)
    cli_parses_addresses: bool = True
    #: ``--disable-content-trust=false`` turns Docker Content Trust on for run/create (≤ 28.x):
    #: the CLI asks notary.docker.io for the tag before anything else; 29.0 removed it
    cli_content_trust: bool = False
    #: with content trust on, a docker.io image first gets ``WARNING: Docker is retiring DCT
    #: for Docker Official Images (DOI).`` (docker/cli 0351ece9e5, v28.5.0: cli/trust/
    #: trust.go:111-125); not in v26.1.5 (recorded: 40-cli-unknown-commands-flags:49-50)
    cli_dct_retirement_warning: bool = False
    #: ``network create --ip-range`` must parse as a CIDR (``invalid CIDR address: bad``,
    #: docker/cli 8fca0a1f28, v28.0.0: v28.5.2:cli/command/network/create.go:171); before, a
    #: range without ``/`` is net.ParseIP'd and matches no subnet (v26.1.5:cli/command/
    #: network/create.go:157-177: ``no matching subnet for range bad``)
    cli_ip_range_must_be_cidr: bool = True
    #: -p/--expose are parsed by go-connections ≤ 0.4 (Debian's golang-github-docker-go-
    #: connections, which its docker.io 28.5.2+dfsg links): capitalised texts (``Invalid proto:
    #: xyz``), the protocol checked last, ``[addr]`` split by net.SplitHostPort, strconv errors
    #: in ``--expose`` texts and no protocol check there; docker/cli vendors go-connections
    #: 0.6 (nat/nat.go ParsePortSpec, lowercase)
    cli_legacy_port_spec: bool = False
    #: ``HostConfig.Dns`` without ``--dns`` is ``[]`` (the CLI sends ``GetAllOrEmpty()``,
    #: ≤ 28.x: v28.5.2:cli/command/container/opts.go:674) instead of ``null`` (v29.1.5:
    #: opts.go:683 converts it with toNetipAddrSlice, which gives nil for none)
    cli_dns_empty_list: bool = False
    #: a loopback ``--dns`` gets a CLI warning on stderr: ≤ 26.x ``WARNING: Localhost DNS
    #: setting (--dns=127.0.0.1) may fail in containers.`` before the create (regexp
    #: ``((127\.([0-9]{1,3}\.){2}[0-9]{1,3})|(::1)$)``: v26.1.5:cli/command/container/
    #: create.go:193-194, 293-312); 28.x ``WARNING: Localhost DNS (127.0.0.1) may fail in
    #: containers.`` after the daemon's own warnings (netip IsLoopback: v28.5.2:cli/command/
    #: container/create.go:373-375, 401-409); docker/cli c06c08531a (v29.0.0) removed it
    cli_localhost_dns_warning: LocalhostDnsWarning = ""
    #: ``HostConfig.BlkioDevice{Read,Write}{Bps,IOps}`` and ``Ulimits`` without their flags
    #: are ``null``: the CLI appends to a nil slice (v20.10.24:opts/throttledevice.go:95-100,
    #: opts/ulimit.go:46-55); docker/cli d0dee3cebe (v25.0.0) pre-allocates them (``[]``)
    cli_unset_lists_null: bool = False
    #: ``--mount …,bind-nonrecursive[=BOOL]``: ``accepted`` (≤ 20.10), ``warned`` (a logrus
    #: warning on stderr, 23.0–28.x: opts/mount.go), ``refused`` as deprecated (29.0)
    cli_bind_nonrecursive: Literal["accepted", "warned", "refused"] = "refused"
    #: ``docker ps`` PORTS brackets an IPv6 host address (``[::]:80->80/tcp``, docker/cli
    #: 964155cd27 and 3e271461e6, v28.0.0); v26.1.5:cli/command/formatter/container.go:334,
    #: 363-380 join it with a bare colon (``:::80->80/tcp``)
    cli_ps_brackets_ipv6: bool = True
    #: ``docker port`` brackets an IPv6 host address (``80/tcp -> [::]:8080``, net.JoinHostPort
    #: from docker/cli 168173a3f1, v22.06); v20.10.24:cli/command/container/port.go:64,73
    #: print ``80/tcp -> :::8080``
    cli_port_brackets_ipv6: bool = True
    #: ``docker port C`` walks NetworkSettings.Ports, a Go map, so the ports come in random
    #: order (v20.10.24:cli/command/container/port.go:70-74); docker/cli 1768240bcd (v23.0)
    #: sorts the lines
    cli_port_map_order: bool = False
    #: a container is created on one network at most: more ``--network``s are refused with
    #: ``Container cannot be connected to network endpoints: a, b`` (a Go map order;
    #: v20.10.24:daemon/create.go:331-341 verifyNetworkingConfig); moby bbcd662532 (v25.0,
    #: API 1.44) creates a container on several
    single_network_at_create: bool = False
    #: ``--link`` goes into the endpoint settings of the first ``--network`` unless that is
    #: ``default`` (v26.1.5:cli/command/container/opts.go:834-837 applyContainerOptions), so
    #: with ``bridge``, ``host``, ``none`` or ``container:X`` the CLI refuses it: ``links are
    #: only supported for user-defined networks`` (:858-864 parseNetworkAttachmentOpt); docker/cli
    #: 2c35778a63 (v28.0.0) moves it only for a user-defined network, leaving the rest to the
    #: daemon (recorded: 26.1 and 20.10, 24-container-network-errors:15,17; 26.1,
    #: 50-run-create-network-errors:42,49,53)
    cli_links_follow_any_network: bool = False
    #: ``docker inspect --type``: ≤ 28.1 accepts container, image, node, network, service,
    #: volume, task, plugin and secret and refuses the rest with ``"X" is not a valid value for
    #: --type`` (v26.1.5:cli/command/system/inspect.go:52-57); docker/cli 52752f3aa2 (v28.2.0)
    #: adds config and lists every type (``unknown type: "X": must be one of …``)
    cli_inspect_legacy_type_check: bool = False
    #: ``docker run``/``create`` errors go through reportError (≤ 27.x: v26.1.5:cli/command/
    #: container/run.go:295-301): ``docker: <error>.`` (one final period ensured) and, except
    #: for a failed start (run.go:205), ``See 'docker run --help'.`` on the next line; docker/cli
    #: 90058df305 (v28.0.0) prints a blank line and ``Run 'docker run --help' for more
    #: information``
    cli_run_error_see_help: bool = False
    #: ``docker network rm`` ends a failure with ``exit status 1`` (a StatusError with that
    #: Status, ≥ 28.0); v26.1.5:cli/command/network/remove.go:70-71 sets only the code
    cli_network_rm_exit_status_line: bool = True
    #: ``docker swarm init`` ends with a blank line (``…follow the instructions.\n\n``:
    #: v26.1.5:cli/command/swarm/init.go:110, v20.10.24:106 Fprint); docker/cli 8c5e85d4cf
    #: (v28.0.0) prints the last line with Fprintln
    cli_swarm_init_blank_line: bool = False
    #: ``docker swarm init`` without ``--default-addr-pool`` sends no pool list (JSON null:
    #: v20.10.24:cli/command/swarm/init.go:63-76 ``var defaultAddrPool []string``), so the
    #: daemon neither checks ``--default-addr-pool-mask-length`` (daemon/cluster/listen_addr.go:
    #: 93-97) nor uses it (swarmkit's allocator keeps its /24 defaults: vendor/github.com/docker/
    #: swarmkit/manager/allocator/network.go:75-88); docker/cli d0dee3cebe (v25.0.0) sends an
    #: empty list, which it checks (recorded: 20.10, 55-swarm-errors:15)
    cli_swarm_init_pools_null: bool = False
    #: an attached ``docker run`` (no -d, no --rm) whose start fails also logs ``time=…
    #: level=error msg="error waiting for container: context canceled"``: run.go cancels the
    #: wait it started (v20.10.24:cli/command/container/run.go:168-181, utils.go:46-48); with
    #: --rm it waits for the removal instead (measured on 20.10: 8 of 8 runs; recorded: 20.10,
    #: 39-port-and-cli-errors:48, 19-exec-and-foreground:39); docker/cli 840016ea05
    #: (v26.1.1) ignores context.Canceled there
    cli_run_logs_wait_canceled: bool = False
    #: gRPC's dial failure reads ``transport: Error while dialing: dial tcp …`` (grpc-go
    #: vendored by v26.1.5: internal/transport/http2_client.go:221); v20.10.24's (:178) has no
    #: colon after ``dialing`` (recorded: 20.10, 55-swarm-errors:29)
    grpc_dialing_colon: bool = True
    #: a second ``-H``: docker/cli ≥ 28.0 refuses it as a flag error (``specify only one -H``,
    #: v28.5.2:cli/flags/options.go:81); older CLIs keep -H as a list and fail with this text
    #: (exit 1) once the command needs the daemon (v26.1.5:cli/command/cli.go:115, 480, 549:
    #: ``Failed to initialize: unable to resolve docker endpoint: Please specify only one -H``)
    cli_multiple_hosts_error: str = ""
    #: ``--context`` with ``--host`` (v28.5.2:cli/command/cli.go:246; v26.1.5:264 says
    #: ``either specify --host or --context, not both``, v20.10.24:515 ``Conflicting …``)
    cli_host_context_conflict: str = "conflicting options: cannot specify both --host and --context"
    #: ``--context NAME`` of a context that does not exist; ``{name}``, ``{digest}`` (the
    #: SHA-256 of the name: the metadata directory); v26.1.5/v28.5.2:cli/context/store/
    #: metadatastore.go (the open fails), v20.10.24:cli/context/store/store.go:483 and
    #: cli/command/cli.go:249 (errdefs.NotFound ``context "X" does not exist``)
    cli_missing_context_error: str = (
        'Failed to initialize: unable to resolve docker endpoint: context "{name}": context not '
        "found: open /root/.docker/contexts/meta/{digest}/meta.json: no such file or directory")
    #: opts.ValidateIPAddress's refusal (``--dns``); ``{value}`` as typed (v26.1.5:opts/
    #: opts.go; v20.10.24:opts/opts.go:232-238 ``8.8.8 is not an ip address``)
    cli_ip_address_error: str = "IP address is not correctly formatted: {value}"
    #: ``--add-host NAME=IP`` and a bracketed ``[IPv6]`` (docker/cli a682b8e655, v25.0.0);
    #: v20.10.24:opts/hosts.go:163-176 splits at the first ``:`` only
    cli_add_host_equals: bool = True
    #: opts.ValidateSysctl's refusal; ``{value}`` as typed (v20.10.24:opts/opts.go:310,321
    #: ``is not whitelisted``)
    cli_sysctl_refusal: str = "sysctl '{value}' is not allowed"
    #: ``--mount`` keys this CLI does not know (``unexpected key 'K' in 'K=V'``):
    #: opts/mount.go at each tag (v20.10.24 has no bind-recursive, volume-subpath, image-subpath;
    #: v26.1.5 no image-subpath)
    cli_mount_keys_absent: tuple[str, ...] = ()
    #: ``docker port C PORT`` parses the port with go-connections' nat.NewPort (strconv's bare
    #: error for ``abc``) and names it with its protocol (``No public port '81/tcp' …``):
    #: v20.10.24:cli/command/container/port.go:45-63;
    #: docker/cli 58487e088a (v23.0.0) checks it with strconv.ParseUint (``Error: invalid
    #: port (abc): …``) and names it as typed
    cli_port_nat_new_port: bool = False
    #: ``--ip``, ``--ip6``, ``--network-alias`` and ``--link-local-ip`` apply only to the first
    #: ``--network``: without one the CLI drops them (v20.10.24:cli/command/container/opts.go:
    #: 693-737 parseNetworkOpts loops over the --network values only); docker/cli f1048e1a3a
    #: (v25.0.0) gives them to a ``default`` endpoint
    cli_network_opts_need_network: bool = False
    #: ``docker ps -q --format …`` warns ``Ignoring custom format, because both --format and
    #: --quiet are set.`` and prints IDs (docker/cli 37e02ff211, v24.0.0: container/list.go);
    #: v20.10.24:cli/command/container/list.go:112-125 uses the format and says nothing
    cli_ps_quiet_ignores_format: bool = True
    #: ``docker container prune`` answered "no" still prints ``Total reclaimed space: 0B``
    #: (v20.10.24:cli/command/container/prune.go:38-51 prints it after runPrune returns 0);
    #: docker/cli 7c722c08d0 (v26.1.0) returns a Cancelled error before it
    cli_prune_cancel_prints_total: bool = False
    #: the moby client ≤ 20.10 rewords a 404 of the calls it wraps (container/network/image/
    #: volume inspect and remove, container logs): ``Error: No such container: X`` instead of
    #: the daemon's text (v20.10.24:client/errors.go:51-72 wrapResponseError; removed by moby
    #: 45067cda33, v22.06)
    client_not_found_wrapped: bool = False

    # ---------------------------------------------------------------- volumes
    #: anonymous volumes carry the label ``com.docker.volume.anonymous`` and ``volume prune``
    #: removes only those unless asked for all (``-a``: the filter ``all=true``, added by the
    #: daemon for API < 1.42): moby 618f26ccbc, v24.0.0 (v26.1.5:volume/service/service.go:
    #: 62-78, convert.go withPrune; api/server/router/volume/volume_routes.go
    #: postVolumesPrune); v20.10.24:volume/service/service.go Create and Prune: no label, and
    #: every unused local volume goes (recorded: 85-volumes:29)
    anonymous_volume_label: bool = True
    #: ``docker volume create`` sends its labels and driver options as ``{}`` when it has none
    #: (v20.10.24:api/types/volume/volume_create.go:21-25: no omitempty), which the daemon keeps
    #: and inspect prints; from v23 omitempty leaves them out and they are ``null``
    #: (v26.1.5:api/types/volume/create_options.go:21,24; recorded: 85-volumes:9)
    volume_create_empty_maps: bool = False
    #: ``docker volume create --name A B`` (v28.5.2:cli/command/volume/create.go:55;
    #: v26.1.5 and v20.10.24: ``conflicting options: either specify --name or provide
    #: positional arg, not both``)
    cli_volume_name_conflict: str = ("conflicting options: cannot specify a volume-name through "
                                     "both --name and as a positional arg")

    def __str__(self) -> str:
        return f"Docker Engine {self.version} (API {self.api_version})"
