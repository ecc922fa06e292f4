"""Swarm mode and attachable overlays for standalone containers across hosts.

Expected values follow docs/reference/swarm-overlay.md (sources in moby/swarmkit at 29.1).
"""

from __future__ import annotations

from conftest import SCENARIOS

from netsim.lab import Lab, run_script

TWO_HOSTS = (
    "# netsim: lan 172.31.32.0/20\n"
    "# netsim: host host1 address=172.31.47.252\n"
    "# netsim: host host2 address=172.31.40.10\n"
)


def swarm_lab(extra: str = "") -> Lab:
    lab, steps = run_script(
        TWO_HOSTS
        + "docker -H host1 swarm init\n"
        "docker -H host2 swarm join --token $(docker -H host1 swarm join-token -q worker) "
        "172.31.47.252:2377\n"
        "docker -H host1 network create --driver=overlay --attachable test-net\n" + extra
    )
    assert all(s.exit_code == 0 for s in steps), [s.stderr for s in steps if s.exit_code]
    return lab


def test_init_prints_the_join_command() -> None:
    lab, steps = run_script(TWO_HOSTS + "docker -H host1 swarm init\n")
    swarm = lab.state.swarm
    assert swarm is not None
    node = swarm.nodes["host1"]
    assert len(node.node_id) == 25 and node.node_id.isalnum() and node.node_id.islower()
    assert len(swarm.worker_token) == 85 and swarm.worker_token.startswith("SWMTKN-1-")
    assert swarm.worker_token[:59] == swarm.manager_token[:59]  # same CA digest part
    assert steps[0].stdout == (
        f"Swarm initialized: current node ({node.node_id}) is now a manager.\n\n"
        "To add a worker to this swarm, run the following command:\n\n"
        f"    docker swarm join --token {swarm.worker_token} 172.31.47.252:2377\n\n"
        "To add a manager to this swarm, run 'docker swarm join-token manager' and follow the "
        "instructions.\n"
    )


def test_networks_after_init_and_join() -> None:
    lab = swarm_lab()
    state = lab.state
    for host in ("host1", "host2"):
        nets = state.host(host).networks
        assert str(nets["ingress"].subnets[0].subnet) == "10.0.0.0/24"
        assert nets["ingress"].options["com.docker.network.driver.overlay.vxlanid_list"] == "4096"
        gw = nets["docker_gwbridge"]
        assert str(gw.subnets[0].subnet) == "172.18.0.0/16"
        assert gw.options == {
            "com.docker.network.bridge.enable_icc": "false",
            "com.docker.network.bridge.enable_ip_masquerade": "true",
            "com.docker.network.bridge.name": "docker_gwbridge",
        }
    assert state.host("host1").networks["ingress"].id == state.host("host2").networks[
        "ingress"].id
    assert state.swarm is not None
    assert {h: str(ip) for h, ip in state.swarm.lb_addresses["ingress"].items()} == {
        "host1": "10.0.0.2", "host2": "10.0.0.3"}
    test_net = state.host("host1").networks["test-net"]
    assert str(test_net.subnets[0].subnet) == "10.0.1.0/24"
    assert test_net.options["com.docker.network.driver.overlay.vxlanid_list"] == "4097"
    assert len(test_net.id) == 25
    # a worker sees the overlay only once one of its containers uses it
    assert "test-net" not in state.host("host2").networks


def test_tutorial_addresses_are_serial_with_lb_endpoints() -> None:
    """alpine1 .2, host1 LB .3, alpine2 .4, host2 LB .5; freed addresses are not reused."""
    lab = swarm_lab(
        "docker -H host1 run -dit --name alpine1 --network test-net alpine\n"
        "docker -H host2 run -dit --name alpine2 --network test-net alpine\n"
        "docker -H host2 run -dit --name alpine3 --network test-net alpine\n"
        "docker -H host2 rm -f alpine3\n"
        "docker -H host2 run -dit --name alpine4 --network test-net alpine\n"
    )
    state = lab.state
    a1 = state.container("alpine1", "host1")
    a2 = state.container("alpine2", "host2")
    a4 = state.container("alpine4", "host2")
    assert [str(e.ipv4) for e in a1.active_endpoints()] == ["10.0.1.2/24", "172.18.0.3/16"]
    assert [(e.network, e.ifname) for e in a1.active_endpoints()] == [
        ("test-net", "eth0"), ("docker_gwbridge", "eth1")]
    assert a1.endpoints[0].mac == "02:42:0a:00:01:02"
    assert a1.endpoints[0].gateway is None and str(a1.endpoints[1].gateway) == "172.18.0.1"
    assert str(a2.endpoints[0].ipv4.ip) == "10.0.1.4"
    assert str(a4.endpoints[0].ipv4.ip) == "10.0.1.7"  # .6 was alpine3's: serial
    assert state.swarm is not None
    assert {h: str(ip) for h, ip in state.swarm.lb_addresses["test-net"].items()} == {
        "host1": "10.0.1.3", "host2": "10.0.1.5"}
    assert "test-net" in state.host("host2").networks


def test_overlay_leaves_a_worker_with_its_last_container() -> None:
    lab = swarm_lab(
        "docker -H host2 run -dit --name alpine2 --network test-net alpine\n"
        "docker -H host2 stop alpine2\n"
    )
    assert "test-net" not in lab.state.host("host2").networks
    assert "test-net" in lab.state.host("host1").networks


def test_overlay_errors() -> None:
    lab = swarm_lab()
    step = lab.docker("-H host2 network create -d overlay other")
    assert step.stderr == (
        'Error response from daemon: This node is not a swarm manager. Use "docker swarm init" '
        'or "docker swarm join" to connect this node to swarm and try again.\n')
    lab.docker("-H host1 network create -d overlay svc-only")
    step = lab.docker("-H host1 run -d --name web --network svc-only nginx")
    assert step.exit_code == 125
    assert step.stderr == (
        "docker: Error response from daemon: failed to set up container networking: Could not "
        "attach to network svc-only: rpc error: code = PermissionDenied desc = network "
        "svc-only not manually attachable\n\nRun 'docker run --help' for more information\n")
    lab.docker("-H host2 run -dit --name alpine2 --network test-net alpine")
    step = lab.docker("-H host1 network rm test-net")
    net_id = lab.state.host("host1").networks["test-net"].id
    assert step.exit_code == 1
    assert step.stderr.startswith(
        "Error response from daemon: rpc error: code = FailedPrecondition desc = network "
        f"{net_id} is in use by task ")
    step = lab.docker("-H host2 swarm join --token bad 172.31.47.252:2377")
    assert step.stderr == (
        'Error response from daemon: This node is already part of a swarm. Use "docker swarm '
        'leave" to leave this swarm and join another one.\n')
    step = lab.docker("-H host1 swarm leave")
    assert step.stderr == (
        "Error response from daemon: You are attempting to leave the swarm on a node that is "
        "participating as a manager. Removing the last manager erases all current state of the "
        "swarm. Use `--force` to ignore this message.\n")


def test_worker_leave_detaches_overlay_endpoints() -> None:
    lab = swarm_lab("docker -H host2 run -dit --name alpine2 --network test-net alpine\n")
    step = lab.docker("-H host2 swarm leave")
    assert step.stdout == "Node left the swarm.\n"
    c = lab.state.container("alpine2", "host2")
    assert c.running and c.endpoints == ()  # only lo is left
    assert sorted(lab.state.host("host2").networks) == ["bridge", "docker_gwbridge", "host",
                                                        "none"]


def test_bundled_overlay_script_replays() -> None:
    path = SCENARIOS / "overlay-two-hosts.sh"
    _lab, steps = run_script(path.read_text(), source=str(path))
    assert all(s.exit_code == 0 for s in steps), [s.stderr for s in steps if s.exit_code]
    printed = [s.stdout for s in steps if "inspect -f" in s.command]
    assert printed == ["10.0.1.2 02:42:0a:00:01:02\n", "10.0.1.4\n"]


def test_network_inspect_shows_libnetwork_sandboxes() -> None:
    """lb-<net> on overlays, ingress-sbox on ingress and docker_gwbridge, counted in Status."""
    import json

    lab = swarm_lab("docker -H host1 run -dit --name alpine1 --network test-net alpine\n")
    step = lab.docker("-H host1 network inspect test-net docker_gwbridge ingress")
    test_net, gwbridge, ingress = json.loads(step.stdout)
    lb = test_net["Containers"]["lb-test-net"]
    assert (lb["Name"], lb["IPv4Address"], lb["MacAddress"]) == (
        "test-net-endpoint", "10.0.1.3/24", "02:42:0a:00:01:03")
    assert list(test_net["Containers"])[-1] == "lb-test-net"  # after the hex container IDs
    assert test_net["Status"]["IPAM"]["Subnets"]["10.0.1.0/24"] == {
        "IPsInUse": 5, "DynamicIPsAvailable": 251}
    sbox = gwbridge["Containers"]["ingress-sbox"]
    assert (sbox["Name"], sbox["IPv4Address"]) == ("gateway_ingress-sbox", "172.18.0.2/16")
    names = sorted(v["Name"] for v in gwbridge["Containers"].values())
    assert len(names) == 2 and "gateway_ingress-sbox" in names  # + alpine1's gateway_<sbox12>
    assert all(n.startswith("gateway_") for n in names)
    assert ingress["Containers"]["ingress-sbox"]["IPv4Address"] == "10.0.0.2/24"
