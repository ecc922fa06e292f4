"""Rules where 26.1 (and 20.10) differ from 28.5/29.1, each as recorded on the conformance lab
(conformance/recorded/26.1): port allocation order and per-address allocation, rotation of
predefined subnets through the split pool list, gateway modes, the CLI's -H/--context, swarm
init and network create texts; and the engine-independent reset from docker-proxy."""

from __future__ import annotations

import ipaddress
import re

import pytest

from netsim.daemon.ipam import AddressSpace
from netsim.lab import Step, run_script
from netsim.versions import PROFILES

_SERVER1 = "# netsim: lan 192.168.0.0/24\n# netsim: host server1 address=192.168.0.100\n"


def _steps(script: str, engine: str) -> list[Step]:
    return run_script(script, profile=engine)[1]


# ------------------------------------------------------------------------------------ ports


def test_publish_all_order_by_engine() -> None:
    """-P with EXPOSE 80 and --expose 9000: ≤ 26.x nat.SortPortMap gives the larger container
    port the first ephemeral port (15-ports:17); from 27.0 the bridge driver sorts ascending."""
    script = ("docker run -d --name p3 -p 80 netsim-lab/nginx\n"
              "docker run -d --name p5 --expose 9000 -P netsim-lab/nginx\n"
              "docker port p5\n")
    old = _steps(script, "26.1")[2].stdout
    assert old.splitlines()[0] == "80/tcp -> 0.0.0.0:32770"
    assert "9000/tcp -> 0.0.0.0:32769" in old
    new = _steps(script, "28.5")[2].stdout
    assert new.splitlines()[0] == "80/tcp -> 0.0.0.0:32769"
    assert "9000/tcp -> 0.0.0.0:32770" in new


@pytest.mark.parametrize(("first", "second", "host_ip", "port"), [
    ("-p 8082:80", "-p 127.0.0.1:8082:80", "127.0.0.1", 8082),
    ("-p 127.0.0.1:8081:80", "-p 8081:80", "0.0.0.0", 8081),
])
def test_port_held_on_another_address(first: str, second: str, host_ip: str,
                                      port: int) -> None:
    """≤ 26.x the allocator has one map per address: the kernel refuses docker-proxy's bind
    (15-ports:37, 51-run-port-errors:26); 28.5's allocator refuses the port itself."""
    script = (f"docker run -d --name c1 {first} netsim-lab/nginx\n"
              f"docker run -d --name c2 {second} netsim-lab/nginx\n")
    old = _steps(script, "26.1")[1]
    assert old.exit_code == 125
    assert old.stderr.endswith(f"Error starting userland proxy: listen tcp4 {host_ip}:{port}: "
                               "bind: address already in use.\n")
    new = _steps(script, "28.5")[1]
    assert f"Bind for {'0.0.0.0' if host_ip == '127.0.0.1' else '127.0.0.1'}:{port} failed: " \
           "port is already allocated" in new.stderr


def test_ephemeral_port_passes_over_a_proxy_held_one() -> None:
    """26.1: 127.0.0.1's own map starts at 32768, which 0.0.0.0 holds: docker-proxy's bind
    fails and the allocator tries the next port."""
    script = ("docker run -d --name c1 -p 80 netsim-lab/nginx\n"
              "docker run -d --name c2 -p 127.0.0.1::80 netsim-lab/nginx\n"
              "docker port c2\n")
    steps = _steps(script, "26.1")
    assert steps[1].exit_code == 0
    assert steps[2].stdout == "80/tcp -> 127.0.0.1:32769\n"


@pytest.mark.parametrize("engine", ["20.10", "26.1", "28.5", "29.1"])
def test_curl_to_localhost_published_port_nothing_listens(engine: str) -> None:
    """From the host to 127.0.0.1: docker-proxy accepts, the container refuses it, the proxy
    closes: curl exits 56 (recorded on 20.10, 26.1 and 28.5: 15-ports:33); through the DNAT
    rules (the host's LAN address) the container's RST comes back: 7."""
    script = ("docker run -d --name p7 -p 8443:443 netsim-lab/nginx\n"
              "curl -s -m 2 http://localhost:8443/\n"
              "curl -m 2 http://localhost:8443/\n"
              "curl -s -m 2 http://192.168.0.100:8443/\n"
              "nc -z -w 2 localhost 8443\n")
    lab, steps = run_script(_SERVER1 + script,
                            profile=engine)
    assert steps[1].exit_code == 56 and steps[1].stderr == ""
    assert steps[2].stderr.endswith("curl: (56) Recv failure: Connection reset by peer\n")
    assert steps[3].exit_code == 7
    assert steps[4].exit_code == 0  # nc -z: the connection was made
    trace = lab.reach("@server1", "127.0.0.1", port=8443).trace
    assert trace.symptom.value == "reset" and trace.deciding.rule == "listen"
    assert trace.hops[0].rule == "publish.proxy"


# ------------------------------------------------------------------------------------ IPAM


def test_rotation_walks_the_split_pool_list() -> None:
    """≤ 26.x rotates through the 31 predefined subnets one by one (not by pool entry): after
    172.20.0.0/16 comes 172.21.0.0/16, even when a create failed in between."""
    space = AddressSpace(rotating=True)
    got = [str(space.request_predefined()) for _ in range(5)]
    assert got == ["172.17.0.0/16", "172.18.0.0/16", "172.19.0.0/16", "172.20.0.0/16",
                   "172.21.0.0/16"]
    space.release(ipaddress.IPv4Network("172.21.0.0/16"))
    assert str(space.request_predefined()) == "172.22.0.0/16"


def test_rotation_skips_a_route_and_wraps() -> None:
    """The subnet on the host's LAN is held and skipped (it, too, moves the index); the list
    ends, the index goes back to 0 and a freed subnet is found again (47-network-pool-
    exhaustion on 26.1: p15 192.168.16.0/20, p29 192.168.240.0/20, then p3's 172.20 again)."""
    space = AddressSpace(rotating=True)
    lan = [ipaddress.IPv4Network("192.168.0.0/24")]
    got = [str(space.request_predefined(lan, legacy_message=True)) for _ in range(30)]
    assert got[14] == "172.31.0.0/16" and got[15] == "192.168.16.0/20"
    assert got[-1] == "192.168.240.0/20"
    with pytest.raises(Exception, match="could not find an available"):
        space.request_predefined(lan, legacy_message=True)
    space.release(ipaddress.IPv4Network("172.20.0.0/16"))
    assert str(space.request_predefined(lan, legacy_message=True)) == "172.20.0.0/16"


def test_gateway_mode_options_unknown_before_27() -> None:
    """26.1's bridge driver has no gateway modes: isolated on a non-internal network is
    accepted, and an internal one still gets a gateway (46-network-create-daemon-errors:18)."""
    script = ("docker network create -o com.docker.network.bridge.gateway_mode_ipv4=isolated n1\n"
              "docker network create --internal "
              "-o com.docker.network.bridge.gateway_mode_ipv4=isolated n2\n"
              "docker network inspect -f '{{json .IPAM.Config}}' n2\n")
    old = _steps(script, "26.1")
    assert old[0].exit_code == 0
    assert '"Gateway"' in old[2].stdout
    new = _steps(script, "28.5")
    assert new[0].stderr == ("Error response from daemon: gateway mode 'isolated' can only be "
                             "used for an internal network\n")
    assert '"Gateway"' not in new[2].stdout


# ------------------------------------------------------------------------------------ CLI


def test_two_hosts_and_host_with_context() -> None:
    """26.1's -H is a list: two fail when the client is needed (exit 1); 28.5 refuses the
    second -H as a flag error; --context with -H in each CLI's words."""
    two = "docker -H server2 -H server1 ps\n"
    step = _steps(two, "26.1")[0]
    assert (step.exit_code, step.stderr) == (
        1, "Failed to initialize: unable to resolve docker endpoint: Please specify only one "
           "-H\n")
    assert _steps(two, "28.5")[0].stderr.startswith(
        'invalid argument "server1" for "-H, --host" flag: specify only one -H')
    both = "docker --context nosuch -H server2 ps\n"
    assert _steps(both, "26.1")[0].stderr == (
        "conflicting options: either specify --host or --context, not both\n")
    assert _steps(both, "28.5")[0].stderr == (
        "conflicting options: cannot specify both --host and --context\n")


def test_ip_range_not_a_cidr() -> None:
    """docker/cli ≥ 28.0 parses --ip-range as a CIDR first; 26.1 matches it as an address."""
    script = "docker network create --subnet 10.1.0.0/24 --ip-range bad n13\n"
    assert _steps(script, "26.1")[0].stderr == "no matching subnet for range bad\n"
    assert _steps(script, "28.5")[0].stderr == "invalid CIDR address: bad\n"


def test_content_trust_warning_only_on_28() -> None:
    script = "docker create --disable-content-trust=false netsim-lab/alpine\n"
    assert _steps(script, "26.1")[0].stderr == (
        "Error: error contacting notary server: tls: first record does not look like a TLS "
        "handshake\n")
    assert _steps(script, "28.5")[0].stderr.startswith("WARNING: Docker is retiring DCT")


def test_swarm_init_blank_line_and_swarm_scoped_network_id() -> None:
    """26.1's swarm init ends with a blank line; a --scope swarm network is created by the
    cluster and has a swarmkit ID (56-swarm-overlay-errors:32, 26.1 and 28.5)."""
    script = (_SERVER1 + "docker swarm init --advertise-addr 192.168.0.100\n"
              "docker network create --scope swarm sw1\n")
    for engine in ("26.1", "28.5"):
        _lab, steps = run_script(script, profile=engine)
        assert steps[0].stdout.endswith("follow the instructions.\n" + (
            "\n" if PROFILES[engine].cli_swarm_init_blank_line else ""))
        assert re.fullmatch(r"[0-9a-z]{25}\n", steps[1].stdout)
    assert PROFILES["26.1"].cli_swarm_init_blank_line
    assert not PROFILES["28.5"].cli_swarm_init_blank_line
