"""Docker's own tutorials replay with the addresses and outputs their pages show."""

from __future__ import annotations

import json

from conftest import SCENARIOS

from netsim.lab import run_script


def replay(name: str):  # type: ignore[no-untyped-def]
    path = SCENARIOS / name
    lab, steps = run_script(path.read_text(), source=str(path))
    assert all(s.exit_code == 0 for s in steps), [(s.command, s.stderr) for s in steps
                                                  if s.exit_code]
    return lab, steps


def test_standalone_bridge_tutorial_addresses() -> None:
    """alpine-net 172.18.0.0/16: alpine1 .2, alpine2 .3, alpine4 .4; bridge: alpine3 .2,
    alpine4 .3 (engine/network/tutorials/standalone.md)."""
    _lab, steps = replay("tutorial-bridge.sh")
    inspects = [json.loads(s.stdout)[0] for s in steps if s.command.startswith(
        "docker network inspect")]
    empty, bridge, alpine_net = inspects
    assert empty["Containers"] == {}
    assert empty["IPAM"]["Config"] == [
        {"Subnet": "172.18.0.0/16", "IPRange": "", "Gateway": "172.18.0.1"}]
    by_name = {c["Name"]: c["IPv4Address"] for c in alpine_net["Containers"].values()}
    assert by_name == {"alpine1": "172.18.0.2/16", "alpine2": "172.18.0.3/16",
                       "alpine4": "172.18.0.4/16"}
    by_name = {c["Name"]: c["IPv4Address"] for c in bridge["Containers"].values()}
    assert by_name == {"alpine3": "172.17.0.2/16", "alpine4": "172.17.0.3/16"}
    ls = next(s for s in steps if s.command == "docker container ls")
    assert ls.stdout.splitlines()[0] == (
        "CONTAINER ID   IMAGE     COMMAND   CREATED         STATUS         PORTS     NAMES")
    assert [line.split()[-1] for line in ls.stdout.splitlines()[1:]] == [
        "alpine4", "alpine3", "alpine2", "alpine1"]
    assert '"ash"' in ls.stdout


def test_macvlan_tutorial() -> None:
    """bridge mode and an 802.1Q sub-interface: the container gets 172.16.86.2."""
    lab, steps = replay("tutorial-macvlan.sh")
    printed = [s.stdout for s in steps if "inspect -f" in s.command]
    assert printed == ["172.16.86.2 172.16.86.1\n", "map[parent:eth0.10]\n", "172.16.86.2\n"]
    create = steps[0].command
    assert "--gateway=172.16.86.1 -o parent=eth0 my-macvlan-net" in create  # one space
    assert lab.state.host().containers == {}  # --rm containers went away at stop
