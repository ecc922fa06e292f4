"""The networking errors and warnings users meet most, each string pinned whole (moby
docker-v29.1.0: daemon/daemon_unix.go, daemon/internal/runconfig/hostconfig.go and
hostconfig_unix.go, daemon/container_operations.go, daemon/libnetwork/ipamapi/contract.go,
portallocator/portallocator.go, network.go, error.go).

Each test types the commands a user would and compares the complete stderr of the failing
command with what docker 29.1 prints (daemon errors are prefixed by the CLI).
"""

from __future__ import annotations

import pytest

from netsim.daemon import ids
from netsim.lab import Lab

RUN_HELP = "\n\nRun 'docker run --help' for more information\n"


def last(lab: Lab, *commands: str) -> tuple[int, str, str]:
    step = None
    for c in commands:
        step = lab.docker(c)
    assert step is not None
    return step.exit_code, step.stdout, step.stderr


def test_host_mode_discards_published_ports() -> None:
    """docker run --network host -p 80:80 warns and publishes nothing."""
    lab = Lab()
    code, _out, err = last(lab, "run -d --name web --network host -p 80:80 nginx")
    assert code == 0
    assert err == "WARNING: Published ports are discarded when using host network mode\n"
    assert lab.state.container("web").port_mappings == ()


@pytest.mark.parametrize(
    ("flags", "message"),
    [
        ("-h myhost", "conflicting options: hostname and the network mode"),
        ("--link a:b", "conflicting options: container type network can't be used with links. "
                       "This would result in undefined behavior"),
        ("--dns 8.8.8.8", "conflicting options: dns and the network mode"),
        ("--add-host x:10.0.0.1", "conflicting options: custom host-to-IP mapping and the "
                                  "network mode"),
        ("-p 80:80", "conflicting options: port publishing and the container type network mode"),
        ("-P", "conflicting options: port publishing and the container type network mode"),
        ("--expose 80", "conflicting options: port exposing and the container type network "
                        "mode"),
    ],
)
def test_container_mode_conflicts(flags: str, message: str) -> None:
    """container:<x> mode refuses the options that would need its own sandbox."""
    lab = Lab()
    code, _out, err = last(
        lab, "run -d --name a1 nginx", f"run -d --network container:a1 {flags} alpine"
    )
    assert code == 125
    assert err == f"docker: Error response from daemon: {message}{RUN_HELP}"


def test_host_mode_with_links() -> None:
    lab = Lab()
    code, _out, err = last(lab, "run -d --name a1 nginx", "run -d --network host --link a1 alpine")
    assert code == 125
    assert err == (
        "docker: Error response from daemon: conflicting options: host type networking can't be "
        f"used with links. This would result in undefined behavior{RUN_HELP}"
    )


@pytest.mark.parametrize("network", ["bridge", "host", "none"])
def test_alias_on_predefined_networks_run(network: str) -> None:
    """The CLI refuses --network-alias on bridge/host/none before calling the daemon."""
    lab = Lab()
    code, _out, err = last(lab, f"run -d --network {network} --network-alias x alpine")
    assert code == 125
    assert err == (
        f"docker: network-scoped aliases are only supported for user-defined networks{RUN_HELP}"
    )


def test_alias_on_default_bridge_connect() -> None:
    lab = Lab()
    code, _out, err = last(
        lab, "network create n", "run -d --name c1 --network n nginx",
        "network connect --alias x bridge c1",
    )
    assert code == 1
    # the daemon wraps endpoint-setting errors (daemon/container_operations.go:563)
    assert err == (
        "Error response from daemon: invalid endpoint settings:\nnetwork-scoped aliases are "
        "only supported for user-defined networks\n"
    )


def test_static_ip_on_default_bridge() -> None:
    lab = Lab()
    code, _out, err = last(lab, "run -d --ip 172.17.0.9 nginx")
    assert code == 125
    # docker-v29.1.0 daemon/container_operations.go:533 has no hyphens (the hyphenated text
    # is docker-v29.2.0's and later); daemon/create.go:376 adds the network prefix
    assert err == (
        "docker: Error response from daemon: invalid config for network bridge: invalid "
        "endpoint settings:\nuser specified IP address is supported on user defined networks "
        f"only{RUN_HELP}"
    )


def test_static_ip_outside_subnets() -> None:
    lab = Lab()
    code, _out, err = last(
        lab, "network create --subnet 10.5.0.0/24 n", "run -d --network n --ip 10.6.0.9 nginx"
    )
    assert code == 125
    assert err == (
        "docker: Error response from daemon: invalid config for network n: invalid endpoint "
        f"settings:\nno configured subnet contains IP address 10.6.0.9{RUN_HELP}"
    )


def test_port_already_allocated() -> None:
    lab = Lab()
    first = lab.docker("run -d --name web1 -p 8080:80 nginx")
    code, _out, err = last(lab, "run -d --name web2 -p 8080:80 nginx")
    web2 = lab.state.container("web2")
    # the endpoint Docker had just created when the bind failed (ids are derived, not random)
    endpoint_id = ids.hex_id(0, "endpoint", web2.id, lab.state.network("bridge").id, 1)
    assert first.exit_code == 0
    assert code == 125
    assert err == (
        "docker: Error response from daemon: failed to set up container networking: driver "
        f"failed programming external connectivity on endpoint web2 ({endpoint_id}): "
        f"Bind for 0.0.0.0:8080 failed: port is already allocated{RUN_HELP}"
    )
    assert web2.status == "created"
    assert web2.endpoints[0].ipv4 is None  # the address was given back


def test_overlapping_subnet() -> None:
    lab = Lab()
    code, _out, err = last(
        lab,
        "network create --subnet 192.168.0.0/16 a",
        "network create --subnet 192.168.128.0/17 b",
    )
    assert code == 1
    assert err == (
        "Error response from daemon: invalid pool request: Pool overlaps with other one on this "
        "address space\n"
    )


def test_pools_exhausted() -> None:
    """docker0 takes the first of 31 default subnets; the 31st user network fails."""
    lab = Lab()
    for i in range(30):
        assert lab.docker(f"network create n{i}").exit_code == 0
    code, _out, err = last(lab, "network create n30")
    assert code == 1
    assert err == (
        "Error response from daemon: all predefined address pools have been fully subnetted\n"
    )


def test_ip_in_use() -> None:
    lab = Lab()
    code, _out, err = last(
        lab, "network create --subnet 10.5.0.0/24 n",
        "run -d --network n --ip 10.5.0.9 --name a1 nginx",
        "run -d --network n --ip 10.5.0.9 --name b1 nginx",
    )
    assert code == 125
    assert err == (
        "docker: Error response from daemon: failed to set up container networking: Address "
        f"already in use{RUN_HELP}"
    )


def test_connect_host_mode_container() -> None:
    lab = Lab()
    code, _out, err = last(
        lab, "network create n", "run -d --name h1 --network host nginx", "network connect n h1"
    )
    assert code == 1
    assert err == (
        "Error response from daemon: container sharing network namespace with another container "
        "or host cannot be connected to any other network\n"
    )


def test_connect_to_host_network() -> None:
    lab = Lab()
    code, _out, err = last(lab, "run -d --name c1 nginx", "network connect host c1")
    assert code == 1
    assert err == (
        "Error response from daemon: cannot connect container to host network - container must "
        "be created in host network mode\n"
    )


def test_none_and_another_network() -> None:
    lab = Lab()
    code, _out, err = last(
        lab, "network create n", "run -d --name c1 --network none nginx", "network connect n c1"
    )
    assert code == 1
    assert err == (
        "Error response from daemon: container cannot be connected to multiple networks with one "
        "of the networks in private (none) mode\n"
    )


def test_duplicate_connect() -> None:
    lab = Lab()
    code, _out, err = last(
        lab, "network create n", "run -d --name c1 --network n nginx", "network connect n c1"
    )
    assert code == 1
    assert err == "Error response from daemon: endpoint with name c1 already exists in network n\n"


def test_network_name_taken() -> None:
    lab = Lab()
    code, _out, err = last(lab, "network create n", "network create n")
    assert code == 1
    assert err == "Error response from daemon: network with name n already exists\n"


def test_rm_network_in_use() -> None:
    lab = Lab()
    code, _out, err = last(
        lab, "network create n", "run -d --name c1 --network n nginx",
        "run -d --name c2 --network n nginx", "network rm n",
    )
    assert code == 1
    ep1 = lab.state.container("c1").endpoint("n")
    ep2 = lab.state.container("c2").endpoint("n")
    assert ep1 is not None and ep2 is not None
    # libnetwork/network.go:1046: name and endpoint ID (12 hex) of each active endpoint
    assert err == (
        "Error response from daemon: error while removing network: network n has active "
        f'endpoints (name:"c1" id:"{ep1.endpoint_id[:12]}", name:"c2" '
        f'id:"{ep2.endpoint_id[:12]}")\nexit status 1\n'
    )
