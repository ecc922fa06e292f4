"""The seed's networking examples replay with the addresses Docker 29.1 gives."""

from __future__ import annotations

import json

from conftest import SCENARIOS

from netsim.lab import run_script


def replay(name: str):  # type: ignore[no-untyped-def]
    path = SCENARIOS / name
    return run_script(path.read_text(), source=str(path))


def test_alias_lesson_addresses() -> None:
    """mybridge is 172.18.0.0/16; the three alias containers get .2, .3, .4."""
    lab, steps = replay("seed-alias.sh")
    state = lab.state
    net = state.network("mybridge")
    assert str(net.subnets[0].subnet) == "172.18.0.0/16"
    assert str(net.subnets[0].gateway) == "172.18.0.1"
    # (container 2 is stopped at the end of the lesson: its address is released)
    ips = [str(state.container(f"network_alias_container{i}").endpoints[0].ipv4.ip)
           for i in (1, 3)]
    assert ips == ["172.18.0.2", "172.18.0.4"]
    for i in (1, 2, 3):
        assert state.container(f"network_alias_container{i}").endpoints[0].aliases == (
            "alicek106",
        )
    # the typographic dashes of the notes are read as "--", with a warning
    assert "read \"—name\" as \"--name\"" in steps[1].stderr
    assert all(s.exit_code == 0 for s in steps if s.command.startswith("docker"))


def test_alias_inspect_lists_three_containers() -> None:
    _lab, steps = replay("seed-alias.sh")
    inspect = next(s for s in steps if s.command == "docker network inspect mybridge")
    data = json.loads(inspect.stdout)
    addrs = sorted(c["IPv4Address"] for c in data[0]["Containers"].values())
    assert addrs == ["172.18.0.2/16", "172.18.0.3/16", "172.18.0.4/16"]


def test_alias_lesson_names() -> None:
    """The seed's round robin: every `ping -c 1 alicek106` reaches one of the three; `dig`
    (after installing dnsutils, as the book does) lists all three with TTL 600; after
    network_alias_container2 stops, the pings reach only .2 and .4."""
    _lab, steps = replay("seed-alias.sh")
    pings = [s for s in steps if s.command == "ping -c 1 alicek106"]
    assert len(pings) == 6 and all(p.exit_code == 0 for p in pings)
    first = {p.stdout.split("(")[1].split(")")[0] for p in pings[:3]}
    after = {p.stdout.split("(")[1].split(")")[0] for p in pings[3:]}
    assert first <= {"172.18.0.2", "172.18.0.3", "172.18.0.4"}
    assert after <= {"172.18.0.2", "172.18.0.4"}
    digs = [s for s in steps if s.command == "dig alicek106"]
    assert digs[0].stderr == "bash: dig: command not found\n" and digs[0].exit_code == 127
    answer = [line for line in digs[1].stdout.splitlines() if line.startswith("alicek106.\t")]
    assert sorted(answer) == [f"alicek106.\t\t600\tIN\tA\t172.18.0.{i}" for i in (2, 3, 4)]
    assert "; <<>> DiG 9.9.5-3ubuntu0.19-Ubuntu <<>> alicek106" in digs[1].stdout


def test_custom_subnet_first_container() -> None:
    """--subnet=172.72.0.0/16 --ip-range=172.72.0.0/24 --gateway=172.72.0.1 → 172.72.0.2."""
    lab, steps = replay("seed-subnet.sh")
    state = lab.state
    net = state.network("my_custom_network")
    assert str(net.subnets[0].ip_range) == "172.72.0.0/24"
    assert str(net.subnets[0].gateway) == "172.72.0.1"
    ip_step = next(s for s in steps if s.command.startswith("docker inspect -f"))
    assert ip_step.stdout == "172.72.0.2\n"
    c = state.container("mynetwork_container")
    assert c.endpoints == ()  # disconnected from both; only lo remains
    last = steps[-1]
    assert last.exit_code == 1
    assert last.stderr == (
        f"Error response from daemon: container {c.id} is not connected to network none\n"
    )


def test_macvlan_two_servers() -> None:
    """--ip-range=192.168.0.64/28 gives server1's first container 192.168.0.64."""
    lab, steps = replay("seed-macvlan.sh")
    state = lab.state
    c1 = state.container("c1", "server1")
    c2 = state.container("c2", "server2")
    assert str(c1.endpoints[0].ipv4) == "192.168.0.64/24"
    assert str(c2.endpoints[0].ipv4) == "192.168.0.128/24"
    assert str(c1.endpoints[0].gateway) == "192.168.0.1"
    assert state.network("my_macvlan", "server1").interface == "eth0"
    printed = [s.stdout for s in steps if s.command.startswith("docker -H server1 inspect -f")]
    assert printed == ["192.168.0.64\n"]


def test_modes_host_none_container() -> None:
    lab, _steps = replay("seed-modes.sh")
    state = lab.state
    host = state.container("network_host")
    (ep,) = host.endpoints
    assert host.network_mode == "host" and ep.network == "host"
    assert ep.active and ep.ifname is None and ep.ipv4 is None  # the host's own namespace
    assert host.hostname == "host"  # the Docker host's hostname
    none = state.container("network_none")
    (ep,) = none.endpoints
    assert none.network_mode == "none" and ep.network == "none"
    assert ep.active and ep.ifname is None and ep.ipv4 is None  # only lo
    assert none.active_endpoints() == []
    owner = state.container("network_container_1")
    joiner = state.container("network_cotainer_2")
    assert joiner.sandbox_owner == owner.id
    assert joiner.hostname == owner.hostname and joiner.endpoints == ()
    assert str(owner.endpoints[0].ipv4) == "172.17.0.2/16"


def test_image_chapter() -> None:
    """The seed's image chapter on two servers: every docker command succeeds; -P publishes
    the Dockerfile's EXPOSE; the registry pushed to from server1 is pulled from server2."""
    _lab, steps = replay("seed-images.sh")
    docker = [s for s in steps if s.command.startswith("docker")]
    assert all(s.exit_code == 0 for s in docker), [
        (s.command, s.stderr) for s in docker if s.exit_code]
    port = next(s for s in steps if s.command == "docker port myserver")
    assert port.stdout == "80/tcp -> 0.0.0.0:32768\n80/tcp -> [::]:32768\n"
    catalog = next(s for s in steps if s.command.endswith("/v2/_catalog"))
    assert catalog.stdout == '{"repositories":["mybuild"]}\n'
    pull = next(s for s in steps if s.command.startswith("docker pull"))
    assert pull.host == "server2" and "Status: Downloaded newer image for " in pull.stdout
