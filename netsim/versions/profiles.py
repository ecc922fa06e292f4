"""The values of the four engines netsim models (29.1, 28.5, 26.1, 20.10): :data:`PROFILES` and
:data:`DEFAULT_PROFILE`, with the moby sources of each value."""

from __future__ import annotations

from netsim.versions.engine_profile import EngineProfile

__all__ = ["DEFAULT_PROFILE", "PROFILES"]

# --------------------------------------------------------------------------- inspect keys

# docker-v29.1.5:api/types/network/network.go Network + inspect.go Inspect (Containers,
# Services omitempty, Status omitempty after the embedded Network)
_NETWORK_29 = ("Name", "Id", "Created", "Scope", "Driver", "EnableIPv4", "EnableIPv6", "IPAM",
               "Internal", "Attachable", "Ingress", "ConfigFrom", "ConfigOnly", "Options",
               "Labels", "Peers", "Containers", "Services", "Status")
# v28.5.2:api/types/network/network.go:74-93 Inspect: Containers before Options, no Status
_NETWORK_28 = ("Name", "Id", "Created", "Scope", "Driver", "EnableIPv4", "EnableIPv6", "IPAM",
               "Internal", "Attachable", "Ingress", "ConfigFrom", "ConfigOnly", "Containers",
               "Options", "Labels", "Peers", "Services")
# v26.1.5:api/types/types.go:427-447, v20.10.24:api/types/types.go:430-448 NetworkResource:
# no EnableIPv4 (API 1.48, v28.0.0, added it)
_NETWORK_20 = tuple(k for k in _NETWORK_28 if k != "EnableIPv4")

# docker-v29.1.5:api/types/container/network_settings.go:8-16
_SETTINGS_29 = ("SandboxID", "SandboxKey", "Ports", "Networks")
# the deprecated DefaultNetworkSettings: the "bridge" endpoint's values repeated at the top
# (v28.5.2:daemon/inspect.go:234-250 getDefaultNetworkSettings)
_DEFAULT_NETWORK_SETTINGS = ("EndpointID", "Gateway", "GlobalIPv6Address", "GlobalIPv6PrefixLen",
                             "IPAddress", "IPPrefixLen", "IPv6Gateway", "MacAddress")
# v28.5.2:api/types/container/network_settings.go:9-79 and v26.1.5:api/types/types.go:333-380:
# NetworkSettingsBase, DefaultNetworkSettings, Networks
_SETTINGS_26 = ("Bridge", "SandboxID", "SandboxKey", "Ports", "HairpinMode",
                "LinkLocalIPv6Address", "LinkLocalIPv6PrefixLen", "SecondaryIPAddresses",
                "SecondaryIPv6Addresses", *_DEFAULT_NETWORK_SETTINGS, "Networks")
# v20.10.24:api/types/types.go:377-414 (NetworkSettingsBase in its older order)
_SETTINGS_20 = ("Bridge", "SandboxID", "HairpinMode", "LinkLocalIPv6Address",
                "LinkLocalIPv6PrefixLen", "Ports", "SandboxKey", "SecondaryIPAddresses",
                "SecondaryIPv6Addresses", *_DEFAULT_NETWORK_SETTINGS, "Networks")

# docker-v29.1.5:api/types/network/endpoint.go:10-40
_ENDPOINT_29 = ("IPAMConfig", "Links", "Aliases", "DriverOpts", "GwPriority", "NetworkID",
                "EndpointID", "Gateway", "IPAddress", "MacAddress", "IPPrefixLen", "IPv6Gateway",
                "GlobalIPv6Address", "GlobalIPv6PrefixLen", "DNSNames")
# v28.5.2:api/types/network/endpoint.go:10-37: MacAddress after Aliases
_ENDPOINT_28 = ("IPAMConfig", "Links", "Aliases", "MacAddress", "DriverOpts", "GwPriority",
                "NetworkID", "EndpointID", "Gateway", "IPAddress", "IPPrefixLen", "IPv6Gateway",
                "GlobalIPv6Address", "GlobalIPv6PrefixLen", "DNSNames")
# v26.1.5:api/types/network/endpoint.go:12-34: no GwPriority (API 1.48), DriverOpts late
_ENDPOINT_26 = ("IPAMConfig", "Links", "Aliases", "MacAddress", "NetworkID", "EndpointID",
                "Gateway", "IPAddress", "IPPrefixLen", "IPv6Gateway", "GlobalIPv6Address",
                "GlobalIPv6PrefixLen", "DriverOpts", "DNSNames")
# v20.10.24:api/types/network/network.go:49-65: no DNSNames (API 1.44), MacAddress late
_ENDPOINT_20 = ("IPAMConfig", "Links", "Aliases", "NetworkID", "EndpointID", "Gateway",
                "IPAddress", "IPPrefixLen", "IPv6Gateway", "GlobalIPv6Address",
                "GlobalIPv6PrefixLen", "MacAddress", "DriverOpts")

# GraphDriver.Data of an overlay2 container: daemon/graphdriver/overlay2/overlay.go GetMetadata
# (v20.10.24:288-310, v26.1.5:276-298, v28.5.2:281-303), a Go map (keys sorted); "ID" from
# v28.0.0 (v28.5.2:layer/mounted_layer.go:57-71)
_GRAPH_DATA_20 = ("LowerDir", "MergedDir", "UpperDir", "WorkDir")
_GRAPH_DATA_28 = ("ID", *_GRAPH_DATA_20)

# HostConfig.MaskedPaths: v20.10.24:oci/defaults.go:97-108, v26.1.5:oci/defaults.go:105-117
# (/sys/devices/virtual/powercap added), v28.5.2:oci/defaults.go:196-221 (/proc/interrupts,
# then the thermal_throttle directories), docker-v29.1.5:daemon/pkg/oci/defaults.go:193-218
# (the same paths, sorted)
_MASKED_20 = ("/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats",
              "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi",
              "/sys/firmware")
_MASKED_26 = (*_MASKED_20, "/sys/devices/virtual/powercap")
_MASKED_28 = ("/proc/asound", "/proc/acpi", "/proc/interrupts", "/proc/kcore", "/proc/keys",
              "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug",
              "/proc/scsi", "/sys/firmware", "/sys/devices/virtual/powercap")
_MASKED_29 = tuple(sorted(_MASKED_28))

# "no configured subnet" texts: v20.10.24 checks nothing at create; the endpoint's address
# request fails (vendor/github.com/docker/libnetwork/endpoint.go:1153-1155); 26.1 and 28.5
# validate at create (v28.5.2:api/types/network/endpoint.go:103-124); 29.1 rewrote it
# (docker-v29.1.5:daemon/container_operations.go:611-622)
#: the bridge's IPv6 subnet refused: by the kernel as the address is put on the bridge (≤ 26.x;
#: 20.10 the link-local clash too), by the driver's own checks (26.1's link-local one; ≥ 27.0
#: v28.5.2:libnetwork/drivers/bridge/bridge_linux.go:216-228); measured: 82-ipv6-review
_V6_MCAST_KERNEL = "failed to add IPv6 address {addr} to bridge: cannot assign requested address"
_V6_LL_KERNEL = "failed to add IPv6 address {addr} to bridge: file exists"
_V6_LL_26 = "clash with the Link-Local prefix 'fe80::/64'"
_V6_MCAST_27 = "multicast subnet '{addr}' is not allowed"
_V6_LL_27 = "'{addr}' clashes with the Link-Local prefix 'fe80::/64'"
_OUTSIDE_20 = "Invalid address {ip}: It does not belong to any of this network's subnets"
_OUTSIDE_26 = "no configured subnet or ip-range contain the IP address {ip}"
_OUTSIDE_29 = "no configured subnet contains IP address {ip}"


# a predefined network refusing --network-alias: runconfig/errors.go ErrUnsupportedNetworkAndAlias
# (v20.10.24:31, v26.1.5:31, v28.5.2:33); docker-v29.1.5:daemon/container_operations.go:536
_ALIAS_20 = "network-scoped alias is supported only for containers in user defined networks"
_ALIAS_29 = "network-scoped aliases are only supported for user-defined networks"

# a host port the kernel refuses: v20.10.24:vendor/github.com/docker/libnetwork/portmapper/
# proxy.go:62 and v26.1.5:libnetwork/portmapper/proxy_linux.go:92 (docker-proxy's own words);
# v28.5.2:libnetwork/drivers/bridge/port_mapping_linux.go:624 (types.PortBinding.String);
# docker-v29.1.5:daemon/libnetwork/portallocator/osallocator_linux.go:222
_BIND_PROXY = ("Error starting userland proxy: listen {proto}{family} {host_ip}:{host_port}: "
               "bind: {reason}")
_BIND_28 = ("failed to bind host port for {host_ip}:{binding_port}:{container_ip}:"
            "{container_port}/{proto}: {reason}")
_BIND_29 = "failed to bind host port {host_ip}:{host_port}/{proto}: {reason}"


# ≤ 27.x daemon texts: v26.1.5:runconfig/hostconfig.go:26 validateNetContainerMode and
# runconfig/errors.go:9 ErrConflictHostNetwork (v20.10.24: hostconfig.go:47, errors.go:9)
_CONTAINER_MODE_26 = "Invalid network mode: invalid container format container:<name|id>"
_HOST_CONFLICT_26 = ("container cannot be disconnected from host network or connected to host "
                     "network")

# docker/cli v28.0.0 added network create --ipv4, network connect --gw-priority, run/create
# --use-api-socket and images --tree (absent from v26.1.5:cli/command/{network,container,image})
_ABSENT_FLAGS_26 = ("network create --ipv4", "network connect --gw-priority",
                    "run --use-api-socket", "create --use-api-socket", "images --tree")
# and what v26.1.5 has that v20.10.24 does not (cli/command/container/{run,create,opts,stop,
# restart}.go, network/remove.go, volume/{create,list,prune}.go: cluster volumes, API 1.42)
_ABSENT_FLAGS_20 = (*_ABSENT_FLAGS_26, "run --quiet", "create --quiet", "run --annotation",
                    "create --annotation", "run --health-start-interval",
                    "create --health-start-interval", "stop --signal", "restart --signal",
                    "network rm --force", "volume ls --cluster", "volume prune --all",
                    *(f"volume create --{f}" for f in (
                        "availability", "group", "limit-bytes", "required-bytes", "scope",
                        "secret", "sharing", "topology-preferred", "topology-required", "type")))

# docker/cli before 28.0 (v26.1.5 and v20.10.24:cli/command/volume/create.go:55)
_VOLUME_NAME_CONFLICT_26 = ("conflicting options: either specify --name or provide positional "
                            "arg, not both")

# --------------------------------------------------------------------------- the profiles

PROFILES: dict[str, EngineProfile] = {
    p.name: p
    for p in (
        EngineProfile(
            name="20.10", version="20.10.24", api_version="1.41", moby_tag="v20.10.24",
            # vendor/github.com/docker/libnetwork/sandbox.go:1208-1262 Endpoint.Less,
            # default_gateway.go:191-201 getGatewayEndpoint (one gateway endpoint, IPv4's)
            gateway_per_family=False,
            build_legacy=True, build_failed_to_build=False, build_lint=False,
            cli_image_not_found_client=True, pull_verifying_checksum=True,
            build_from_flag="legacy", build_heredocs=False,
            build_port_error_lower=False, build_parse_error_suggests=False,
            # the CLI: v20.10.24:cli/cobra.go ("please use --help"), no MarkDeprecated on run flags
            cli_legacy_error_texts=True, cli_see_help_errors=True,
            cli_units_regex=True, cli_gpus_count_wrapped=True, cli_gw_priority=False,
            cli_stop_time_flag=True, cli_absent_flags=_ABSENT_FLAGS_20,
            cli_absent_commands=("volume update",),
            cli_deprecated_flags=(),
            cli_help_shorthand_deprecation="please use --help", cli_parses_addresses=False,
            cli_content_trust=True, cli_legacy_port_spec=True, cli_bind_nonrecursive="accepted",
            # v20.10.24:cli/command/container/{run,exec}.go, image/{pull,push}.go, volume/prune.go
            cli_shorts=(("run", "Run a command in a new container"),
                        ("exec", "Run a command in a running container"),
                        ("pull", "Pull an image or a repository from a registry"),
                        ("push", "Push an image or a repository to a registry"),
                        ("image push", "Push an image or a repository to a registry"),
                        ("volume prune", "Remove all unused local volumes")),
            # vendor/github.com/docker/libnetwork/ipam/allocator.go:387-447 (updateStartIndex)
            rotating_subnet_allocation=True, legacy_pool_exhausted_message=True,
            # getPredefinedPool: no IPv6 predefined pool, NotFoundErrorf("… IPv%d …") (recorded
            # on 20.10 and 26.1:
            # conformance/recorded/{20.10,26.1}/78-ipv6-dual-stack)
            default_ipv6_pool=False, default_bridge_ipv6_from_mac=True,
            ip6tables_default=False, ipam_config_configured_first=False,
            ipam_config_lists_unallocated=True,
            host_gateway_both_families=False,
            ipv6_multicast_subnet_message=_V6_MCAST_KERNEL,
            ipv6_link_local_subnet_message=_V6_LL_KERNEL,
            ipv4_mapped_subnet_is_ipv4=True,
            # daemon/container_operations.go:632-674 validateNetworkingConfig
            static_ip_needs_user_subnet=True, static_ip_outside_subnet_message=_OUTSIDE_20,
            # vendor/github.com/docker/libnetwork/drivers/macvlan/macvlan_network.go:83
            macvlan_exclusive_parent=True,
            # vendor/github.com/docker/libnetwork/network.go:1663 (`|| d.Gateway == nil`)
            vlan_gateway="always", ipvlan_l3s_and_flags=False, overlay_test_vxlan=True,
            # controller.go:777-785 (a worker's overlay create)
            overlay_worker_refused_by_libnetwork=True,
            # vendor/github.com/docker/libnetwork/drivers/bridge/bridge.go:1578;
            # vendor/github.com/docker/libnetwork/netutils/utils.go genMAC (02:42 + 4 random)
            random_macs=False, random_mac_docker_prefix=True,
            # daemon/container_operations.go:1012-1050 releaseNetwork
            stopped_keeps_sandbox=True,
            predefined_alias_message=_ALIAS_20, host_port_bind_error=_BIND_PROXY,
            network_inspect_keys=_NETWORK_20, network_settings_keys=_SETTINGS_20,
            endpoint_settings_keys=_ENDPOINT_20,
            # api/types/network/network.go:20-25; daemon/network.go:675-733 buildIpamResources
            ipam_config_omits_empty=True, ipam_config_shows_allocated_gateway=False,
            ipam_config_empty_list=True,
            image_store="graphdriver", graph_driver_data_keys=_GRAPH_DATA_20,
            masked_paths=_MASKED_20, masks_thermal_throttle=False, cli_dns_empty_list=True,
            cli_localhost_dns_warning="before_create",
            config_prints_onbuild=True,
            # api/types/container/host_config.go:364-365,427-430; runconfig/hostconfig.go:26-35;
            # daemon/container_operations.go:695-720 updateNetworkConfig; the CLI:
            # opts/throttledevice.go:95-100, opts/ulimit.go:46-55, container/opts.go:694-738
            host_config_console_size_late=True, host_config_kernel_memory=True,
            network_mode_default_kept=True, aliases_list_short_id=True,
            cli_unset_lists_null=True,
            # vendor/github.com/docker/libnetwork/etchosts/etchosts.go:32, drivers/bridge/
            # bridge.go (veth by d.nlh.LinkAdd); the CLI: cli/command/container/run.go:282-288
            # reportError, formatter/container.go (no brackets)
            hosts_ipv6_zero_spelled=True, veth_created_in_host_netns=True,
            hosts_ipv6_block_always=True,
            cli_ps_brackets_ipv6=False, cli_port_brackets_ipv6=False, cli_port_map_order=True,
            single_network_at_create=True,
            cli_run_error_see_help=True,
            cli_network_rm_exit_status_line=False, setup_networking_prefix=False,
            pool_errors_prefixed=False, active_endpoints_listed=False,
            rm_error_names_container=True, ext_dns_host_loopback_only=True,
            exec_not_found_127=False, runc_init_error_context=False,
            ifname_counter_per_sandbox=True,
            # vendor/github.com/docker/libnetwork/osl/namespace_linux.go:282-286, resolver.go
            # ServeDNS, sandbox_dns_unix.go:31 and 184-420, drivers/bridge/bridge.go:1285
            netns_ipv6_off=True, resolver_internal_policy=False,
            resolver_servfail_on_failure=False, legacy_resolv_conf=True,
            bridge_internal_gateway=True,
            # the CLI: cli/command/swarm/init.go:106 (Fprint "…instructions.\n\n"); cli/command/
            # cli.go:247-249, 494 (Initialize wraps getServerHost's error), 515; network/
            # create.go (subnetMatches only)
            cli_swarm_init_blank_line=True,
            cli_multiple_hosts_error=("unable to resolve docker endpoint: Please specify only "
                                      "one -H"),
            cli_host_context_conflict=("Conflicting options: either specify --host or --context, "
                                       "not both"),
            cli_ip_range_must_be_cidr=False,
            # daemon/container_operations.go:143-150 (nat.SortPortMap); vendor/github.com/docker/
            # libnetwork/portallocator/portallocator.go (a map per address); no gateway modes
            port_binding_order="sort_port_map", port_allocator_per_address=True,
            # daemon/container_operations.go:631-720 (validateNetworkingConfig at the start)
            endpoint_settings_checked_at_start=True,
            bridge_gateway_modes=(),
            # daemon/container_operations.go:994-1010 getNetworkedContainer, :204 (isLinkable);
            # runconfig/hostconfig.go:47, errors.go (ErrConflictHostNetwork); daemon/exec.go:239
            # (the user at exec start); the CLI: container/opts.go:741-790, system/inspect.go:52
            netns_join_legacy_texts=True, invalid_container_mode_message=_CONTAINER_MODE_26,
            host_connect_refusal=_HOST_CONFLICT_26, host_disconnect_refusal=_HOST_CONFLICT_26,
            link_needs_default_network_first=True, exec_user_checked_at_create=False,
            cli_links_follow_any_network=True, cli_inspect_legacy_type_check=True,
            # the CLI: cli/context/store/store.go:483; opts/opts.go:232-238, 310-321; opts/
            # hosts.go:163-176; opts/mount.go:90-175; container/port.go:45-63, opts.go:693-737,
            # list.go:112-125, prune.go:38-51; the client: client/errors.go:51-72
            cli_missing_context_error=(
                'unable to resolve docker endpoint: context "{name}" does not exist'),
            cli_ip_address_error="{value} is not an ip address", cli_add_host_equals=False,
            cli_sysctl_refusal="sysctl '{value}' is not whitelisted",
            cli_mount_keys_absent=("bind-recursive", "volume-subpath", "image-subpath"),
            cli_port_nat_new_port=True, cli_network_opts_need_network=True,
            cli_ps_quiet_ignores_format=False, cli_prune_cancel_prints_total=True,
            client_not_found_wrapped=True,
            # volume/service/service.go Create, Prune; api/types/volume/volume_create.go:21-25;
            # the CLI: cli/command/volume/create.go:55
            anonymous_volume_label=False, volume_create_empty_maps=True,
            cli_volume_name_conflict=_VOLUME_NAME_CONFLICT_26,
            # runconfig/hostconfig.go:67-69 (Config.MacAddress)
            mac_address_per_container=True,
            # daemon/network.go:409-427, 362-366; vendor/github.com/docker/libnetwork/store.go:
            # 212, drivers/bridge/bridge.go:630-676, drivers/macvlan/macvlan_setup.go:155; the
            # CLI: vendor/github.com/docker/distribution/reference/normalize.go:45
            ipam_config_validated=False, unknown_scope_refused=True,
            default_bridge_conflict_stale=True,
            # daemon/network.go:110-112, 299-310; vendor/github.com/docker/libnetwork/
            # controller.go:726-727, error.go:75-77 (ErrInvalidName)
            empty_network_name_is_default=True, invalid_network_name_message="invalid name: {name}",
            macvlan_missing_parent_message=(
                "-o parent interface does was not found on the host: {parent}"),
            reference_error_names_repository=False,
            # cli/command/swarm/init.go:63-76; vendor/google.golang.org/grpc/internal/
            # transport/http2_client.go:178
            cli_swarm_init_pools_null=True, grpc_dialing_colon=False,
            # the CLI: cli/command/container/run.go:168-181, utils.go:46-48
            cli_run_logs_wait_canceled=True,
            # the daemon: daemon/delete.go:80-90, errors.go:13-15, api/server/router/container/
            # container_routes.go:268, libcontainerd/remote/client.go, daemon/daemon_unix.go:
            # 469-474; bookworm's runc 1.1.5 (Go 1.19)
            rm_running_legacy_text=True, not_running_message="Container {id} is not running",
            cli_restart_rm_legacy_text=True,
            kill_error_prefix="Cannot kill container", create_task_error_prefix=False,
            runc_reports_eisdir=False, kernel_memory_warning=True,
            dns_unpackable_reply_servfail=False,
        ),
        EngineProfile(
            name="26.1", version="26.1.5", api_version="1.45", moby_tag="v26.1.5",
            # libnetwork/sandbox.go:713-735 Endpoint.Less, default_gateway.go:177-187
            # getGatewayEndpoint (one gateway endpoint, IPv4's), sandbox_linux.go:74-101
            gateway_per_family=False,
            # buildx 0.13.1 (Debian trixie's docker-buildx) over dockerd's BuildKit 0.13.2
            build_failed_to_build=False, build_lint=False, build_port_error_lower=False,
            build_dockerignore_before_dispatch_error=False, build_from_flag="buildkit-0.13",
            build_target_suggests=False,
            # the CLI: v26.1.5:cli/cobra.go ("please use --help"), no MarkDeprecated on run flags
            cli_legacy_error_texts=True, cli_see_help_errors=True,
            cli_units_regex=True, cli_gpus_count_wrapped=True, cli_gw_priority=False,
            cli_stop_time_flag=True, cli_absent_flags=_ABSENT_FLAGS_26,
            cli_deprecated_flags=(),
            cli_help_shorthand_deprecation="please use --help", cli_parses_addresses=False,
            cli_content_trust=True, cli_legacy_port_spec=True, cli_bind_nonrecursive="warned",
            cli_restart_rm_legacy_text=True,
            # cli/command/volume/create.go:55
            cli_volume_name_conflict=_VOLUME_NAME_CONFLICT_26,
            # libnetwork/ipam/allocator.go:193-232 (updatePredefinedStartIndex, NotFoundErrorf)
            rotating_subnet_allocation=True, legacy_pool_exhausted_message=True,
            # getPredefinedPool: no IPv6 predefined pool, NotFoundErrorf("… IPv%d …") (recorded
            # on 20.10 and 26.1:
            # conformance/recorded/{20.10,26.1}/78-ipv6-dual-stack)
            default_ipv6_pool=False, default_bridge_ipv6_from_mac=True,
            ip6tables_default=False, ipam_config_configured_first=True,
            ipam_config_lists_unallocated=True,
            host_gateway_both_families=False,
            ipv6_multicast_subnet_message=_V6_MCAST_KERNEL,
            ipv6_link_local_subnet_message=_V6_LL_26,
            ipv4_mapped_subnet_is_ipv4=True,
            # api/types/network/endpoint.go:103-119 validateEndpointIPAddress
            static_ip_needs_user_subnet=True, static_ip_outside_subnet_message=_OUTSIDE_26,
            # libnetwork/drivers/macvlan/macvlan_network.go:57-65 createNetwork
            macvlan_exclusive_parent=True,
            # libnetwork/network.go:1628 (no GetSkipGwAlloc before 28.0)
            vlan_gateway="always",
            # libnetwork/drivers/bridge/bridge_linux.go:1536 GenerateMACFromIP;
            # libnetwork/netutils/utils.go:68-90 genMAC (02:42 + 4 random bytes)
            random_macs=False, random_mac_docker_prefix=True,
            # daemon/container_operations.go:974-1022 releaseNetwork
            stopped_keeps_sandbox=True,
            predefined_alias_message=_ALIAS_20, host_port_bind_error=_BIND_PROXY,
            network_inspect_keys=_NETWORK_20, network_settings_keys=_SETTINGS_26,
            endpoint_settings_keys=_ENDPOINT_26,
            # api/types/network/ipam.go:19-24; daemon/network.go:689 buildIPAMResources
            ipam_config_omits_empty=True, ipam_config_shows_allocated_gateway=False,
            image_store="graphdriver", graph_driver_data_keys=_GRAPH_DATA_20,
            masked_paths=_MASKED_26, masks_thermal_throttle=False, cli_dns_empty_list=True,
            cli_localhost_dns_warning="before_create",
            config_prints_onbuild=True,
            # libnetwork/etchosts/etchosts.go:33-34; bridge_linux.go:1000-1006 (recorded on
            # 26.1.5: 01-seed-basics, 03-seed-modes); the CLI: formatter/container.go:334,
            # container/run.go:295-301
            hosts_ipv6_zero_spelled=True, veth_created_in_host_netns=True,
            cli_ps_brackets_ipv6=False, cli_run_error_see_help=True,
            cli_network_rm_exit_status_line=False, setup_networking_prefix=False,
            pool_errors_prefixed=False, active_endpoints_listed=False,
            rm_error_names_container=True, ext_dns_host_loopback_only=True,
            exec_not_found_127=False, runc_init_error_context=False,
            ifname_counter_per_sandbox=True,
            # the CLI: cli/command/swarm/init.go:110 (Fprint "…instructions.\n\n"); cli/command/
            # cli.go:115, 480, 549 and 264; network/create.go:157-177 (recorded: 40-cli-unknown-
            # commands-flags:31, 33; 45-network-create-cli-errors:20)
            cli_swarm_init_blank_line=True,
            cli_multiple_hosts_error=("Failed to initialize: unable to resolve docker endpoint: "
                                      "Please specify only one -H"),
            cli_host_context_conflict=("conflicting options: either specify --host or --context, "
                                       "not both"),
            cli_ip_range_must_be_cidr=False,
            # daemon/container_operations.go:110-115 (nat.SortPortMap); libnetwork/portallocator/
            # portallocator.go:118-160 (a map per address); drivers/bridge (no gateway modes)
            port_binding_order="sort_port_map", port_allocator_per_address=True,
            bridge_gateway_modes=(),
            # daemon/container_operations.go:957-971 getNetworkedContainer, :169-172
            # (isLinkable); runconfig/hostconfig.go:26, errors.go:9; daemon/exec.go:254 (the user
            # at exec start); the CLI: container/opts.go:834-864, system/inspect.go:52-57
            netns_join_legacy_texts=True, invalid_container_mode_message=_CONTAINER_MODE_26,
            host_connect_refusal=_HOST_CONFLICT_26, host_disconnect_refusal=_HOST_CONFLICT_26,
            link_needs_default_network_first=True, exec_user_checked_at_create=False,
            cli_links_follow_any_network=True, cli_inspect_legacy_type_check=True,
            # the CLI: opts/mount.go (no image-subpath before docker/cli v28.0.0)
            cli_mount_keys_absent=("image-subpath",),
            # libnetwork/controller.go:474-475, error.go:42-44 (ErrInvalidName)
            invalid_network_name_message="invalid name: {name}",
        ),
        EngineProfile(
            name="28.5", version="28.5.2", api_version="1.51", moby_tag="v28.5.2",
            # libnetwork/default_gateway.go:188-216 selectGatewayEndpoint, sandbox.go:658-672
            gateway_per_family=True,
            # libnetwork/ipams/defaultipam/address_space.go:137 allocatePredefinedPool (first
            # fit); libnetwork/ipamapi/contract.go:38 ErrNoMoreSubnets
            rotating_subnet_allocation=False, legacy_pool_exhausted_message=False,
            # a /64 of a ULA prefix (recorded on 28.5: conformance/recorded/28.5/78-ipv6-dual-stack)
            default_ipv6_pool=True, default_bridge_ipv6_from_mac=False,
            ip6tables_default=True, ipam_config_configured_first=True,
            ipam_config_lists_unallocated=True,
            host_gateway_both_families=True,
            ipv6_multicast_subnet_message=_V6_MCAST_27,
            ipv6_link_local_subnet_message=_V6_LL_27,
            ipv4_mapped_subnet_is_ipv4=False,
            # api/types/network/endpoint.go:103-124
            static_ip_needs_user_subnet=True, static_ip_outside_subnet_message=_OUTSIDE_26,
            # libnetwork/drivers/macvlan/macvlan_network.go createNetwork: passthru only
            macvlan_exclusive_parent=False,
            # libnetwork/drivers/macvlan/macvlan_network.go:64-71, ipvlan/ipvlan_network.go:
            # 125-137 GetSkipGwAlloc; libnetwork/network.go:1599
            vlan_gateway="unless_internal_or_l3",
            # libnetwork/drivers/bridge/bridge_linux.go:1189 GenerateRandomMAC (since v28.0.0)
            random_macs=True,
            predefined_alias_message=_ALIAS_20, host_port_bind_error=_BIND_28,
            network_inspect_keys=_NETWORK_28, network_settings_keys=_SETTINGS_26,
            endpoint_settings_keys=_ENDPOINT_28,
            # api/types/network/ipam.go:18-23 (string, omitempty); daemon/network.go:712-757
            ipam_config_omits_empty=True, ipam_config_shows_allocated_gateway=False,
            runtime_errors_end_in_unknown=False,
            # the CLI: v28.5.2:cli/required.go:57 (SRun), cli/command/container/stop.go:57
            # (only --time deprecated), container/opts.go:243-246, network/connect.go:53-57,
            # network/create.go:93-97 (strings), cli/trust/trust.go:111-245 (notary)
            cli_legacy_error_texts=True, cli_max_args_typo=True, cli_deprecated_flags=("time",),
            cli_parses_addresses=False, cli_content_trust=True, cli_legacy_port_spec=True,
            cli_dct_retirement_warning=True,
            cli_bind_nonrecursive="warned", cli_dns_empty_list=True,
            cli_localhost_dns_warning="after_create",
            image_store="graphdriver", graph_driver_data_keys=_GRAPH_DATA_28,
            masked_paths=_MASKED_28, masks_thermal_throttle=True, config_prints_onbuild=True,
        ),
        EngineProfile(
            name="29.1", version="29.1.5", api_version="1.52", moby_tag="docker-v29.1.5",
            # daemon/libnetwork/default_gateway.go:187-214 getGatewayEndpoint,
            # sandbox.go:658-672 (gwCount)
            gateway_per_family=True,
            # daemon/libnetwork/ipams/defaultipam/address_space.go allocatePredefinedPool
            rotating_subnet_allocation=False, legacy_pool_exhausted_message=False,
            # a /64 of a ULA prefix (recorded on 28.5: conformance/recorded/28.5/78-ipv6-dual-stack)
            default_ipv6_pool=True, default_bridge_ipv6_from_mac=False,
            ip6tables_default=True, ipam_config_configured_first=True,
            ipam_config_lists_unallocated=False,
            host_gateway_both_families=True,
            ipv6_multicast_subnet_message=_V6_MCAST_27,
            ipv6_link_local_subnet_message=_V6_LL_27,
            ipv4_mapped_subnet_is_ipv4=False,
            # daemon/container_operations.go:611-622 (29.0.0 still had 28.5's check and text)
            static_ip_needs_user_subnet=False, static_ip_outside_subnet_message=_OUTSIDE_29,
            # daemon/libnetwork/drivers/macvlan/macvlan_network.go:73 createNetwork
            macvlan_exclusive_parent=False,
            # daemon/libnetwork/drivers/macvlan/macvlan_network.go:65-70,
            # ipvlan/ipvlan_network.go:124-130 GetSkipGwAlloc: always skip
            vlan_gateway="only_when_given",
            # daemon/libnetwork/drivers/bridge/bridge_linux.go:1172 GenerateRandomMAC
            random_macs=True,
            predefined_alias_message=_ALIAS_29, host_port_bind_error=_BIND_29,
            network_inspect_keys=_NETWORK_29, network_settings_keys=_SETTINGS_29,
            endpoint_settings_keys=_ENDPOINT_29,
            # api/types/network/ipam.go:15-20 (netip types: omitempty never omits);
            # daemon/network.go:811-871 buildIPAMResources fills the allocated gateway
            ipam_config_omits_empty=False, ipam_config_shows_allocated_gateway=True,
            image_store="containerd", graph_driver_data_keys=_GRAPH_DATA_28,
            masked_paths=_MASKED_29, masks_thermal_throttle=True, config_prints_onbuild=False,
        ),
    )
}

#: the engine netsim models unless told otherwise
DEFAULT_PROFILE = PROFILES["29.1"]
