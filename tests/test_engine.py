"""Engine rules beyond the error strings of test_error_texts_pinned.py: IPAM choices, ports,
lifecycle, version switches."""

from __future__ import annotations

import pytest

from netsim.lab import Lab


def ip(lab: Lab, name: str, network: str | None = None) -> str:
    c = lab.state.container(name)
    ep = c.endpoint(network) if network else c.endpoints[0]
    assert ep is not None and ep.ipv4 is not None
    return str(ep.ipv4.ip)


def run(lab: Lab, *commands: str) -> None:
    for c in commands:
        step = lab.docker(c)
        assert step.exit_code == 0, (c, step.stderr)


def test_default_bridge_and_first_user_network() -> None:
    lab = Lab()
    run(lab, "run -d --name web1 nginx", "network create n1",
        "run -d --name web2 --network n1 nginx")
    assert ip(lab, "web1") == "172.17.0.2"
    assert ip(lab, "web2") == "172.18.0.2"
    assert str(lab.state.container("web1").endpoints[0].gateway) == "172.17.0.1"


def test_address_released_at_stop_and_reused() -> None:
    """Lowest free address at start; a stopped container's address goes to the next one."""
    lab = Lab()
    run(lab, "run -d --name aa nginx", "run -d --name bb nginx", "stop aa",
        "run -d --name cc nginx", "start aa")
    assert ip(lab, "cc") == "172.17.0.2"
    assert ip(lab, "bb") == "172.17.0.3"
    assert ip(lab, "aa") == "172.17.0.4"  # not stable across restarts (moby/moby#2801)


def test_ephemeral_ports_in_sequence() -> None:
    lab = Lab()
    run(lab, "run -d --name aa -p 80 nginx", "run -d --name bb -P nginx",
        "run -d --name cc -p 127.0.0.1::80 nginx")
    ports = {n: sorted({(m.host_ip, m.host_port) for m in lab.state.container(n).port_mappings})
             for n in ("aa", "bb", "cc")}
    assert ports == {
        "aa": [("0.0.0.0", 32768), ("::", 32768)],
        "bb": [("0.0.0.0", 32769), ("::", 32769)],
        "cc": [("127.0.0.1", 32770)],
    }


def test_port_range_takes_first_free() -> None:
    lab = Lab()
    run(lab, "run -d --name aa -p 8000-8002:80 nginx", "run -d --name bb -p 8000-8002:80 nginx")
    assert {m.host_port for m in lab.state.container("bb").port_mappings} == {8001}


def test_different_addresses_do_not_conflict() -> None:
    lab = Lab()
    run(lab, "run -d --name aa -p 127.0.0.1:8080:80 nginx",
        "run -d --name bb -p 127.0.0.2:8080:80 nginx",
        "run -d --name cc -p 8080:80/udp nginx")
    step = lab.docker("run -d --name dd -p 8080:80 nginx")
    # the daemon names a binding that holds the port (portallocator.go RequestPortsInRange;
    # measured on 28.5: 15-ports, 51-run-port-errors)
    assert step.exit_code == 125 and "Bind for 127.0.0.1:8080 failed" in step.stderr


def test_dash_p_publish_all_uses_image_expose_and_expose_flag() -> None:
    lab = Lab()
    run(lab, "run -d --name db -P --expose 9000 -e MYSQL_ROOT_PASSWORD=pw mysql:5.7")
    keys = sorted({m.port_key for m in lab.state.container("db").port_mappings})
    assert keys == ["3306/tcp", "33060/tcp", "9000/tcp"]


def test_connect_order_names_interfaces() -> None:
    lab = Lab()
    run(lab, "network create front", "network create back",
        "run -d --name app --network front nginx", "network connect back app")
    c = lab.state.container("app")
    assert [(e.network, e.ifname) for e in c.active_endpoints()] == [
        ("front", "eth0"), ("back", "eth1")]


def test_connect_stopped_container_applies_at_start() -> None:
    lab = Lab()
    run(lab, "network create n1", "create --name app nginx", "network connect n1 app")
    c = lab.state.container("app")
    assert [e.network for e in c.endpoints] == ["bridge", "n1"] and not c.running
    run(lab, "start app")
    assert ip(lab, "app", "n1") == "172.18.0.2"


def test_network_missing_at_run_fails_at_start() -> None:
    lab = Lab()
    step = lab.docker("run -d --name app --network nosuch nginx")
    c = lab.state.container("app")
    assert step.stdout == c.id + "\n"  # created; the ID is printed before the start
    assert step.stderr == (
        "docker: Error response from daemon: failed to set up container networking: network "
        "nosuch not found\n\nRun 'docker run --help' for more information\n"
    )
    assert c.status == "created"


def test_ip_range_and_static_ip_outside_range() -> None:
    lab = Lab()
    run(lab, "network create --subnet 10.1.0.0/16 --ip-range 10.1.5.0/24 n1",
        "run -d --name aa --network n1 nginx",
        "run -d --name bb --network n1 --ip 10.1.9.9 nginx")
    net = lab.state.network("n1").subnets[0]
    assert str(net.gateway) == "10.1.5.0"  # the auto gateway comes from the range too
    assert ip(lab, "aa") == "10.1.5.1"
    assert ip(lab, "bb") == "10.1.9.9"


def test_aux_address_is_skipped() -> None:
    lab = Lab()
    run(lab, "network create --subnet 10.2.0.0/24 --aux-address router=10.2.0.2 n1",
        "run -d --name aa --network n1 nginx")
    assert ip(lab, "aa") == "10.2.0.3"


def test_ip_range_quirk_and_bridge_conflict() -> None:
    """With --ip-range IPAM skips the overlap check, but the bridge driver still refuses."""
    lab = Lab()
    run(lab, "network create --subnet 10.3.0.0/16 n1")
    step = lab.docker("network create --subnet 10.3.0.0/16 --ip-range 10.3.1.0/24 n2")
    n1 = lab.state.network("n1")
    assert step.exit_code == 1
    assert step.stderr.startswith("Error response from daemon: cannot create network ")
    assert step.stderr.endswith(
        f"(br-{step.stderr.split('cannot create network ')[1][:12]}): conflicts with network "
        f"{n1.id} (br-{n1.id[:12]}): networks have overlapping IPv4\n")
    # nothing was kept: the next network gets the first free pool
    run(lab, "network create n3")
    assert str(lab.state.network("n3").subnets[0].subnet) == "172.18.0.0/16"


def test_same_bridge_name_conflicts() -> None:
    lab = Lab()
    step = lab.docker("network create -o com.docker.network.bridge.name=docker0 n1")
    assert step.exit_code == 1
    assert step.stderr.endswith("(docker0): networks have same bridge name\n")


def test_host_lan_overlap_skips_pool() -> None:
    """A host on 172.18.0.0/16: IPAM skips that pool for the first user network."""
    from netsim.lab import run_script

    lab, _ = run_script("# netsim: lan 172.18.0.0/16\ndocker network create n1\n")
    assert str(lab.state.network("n1").subnets[0].subnet) == "172.19.0.0/16"


def test_create_start_rename_rm() -> None:
    lab = Lab()
    run(lab, "run -d --name old nginx", "rename old new")
    c = lab.state.container("new")
    assert c.name == "new"
    step = lab.docker("rm new")
    assert step.exit_code == 1 and step.stderr == (
        'Error response from daemon: cannot remove container "new": container is running: '
        "stop the container before removing or force remove\n")
    run(lab, "rm -f new")
    assert lab.state.host().containers == {}


def test_shell_images_exit_without_tty() -> None:
    lab = Lab()
    run(lab, "run -d --name s1 ubuntu:14.04", "run -dit --name s2 ubuntu:14.04")
    assert lab.state.container("s1").status == "exited"
    assert lab.state.container("s1").endpoints[0].ipv4 is None
    assert lab.state.container("s2").running


def test_engine_26_rotates_subnets_and_old_message() -> None:
    from netsim.lab import run_script

    lab, _steps = run_script(
        "# netsim: engine 26.1\n"
        "docker network create n1\ndocker network create n2\ndocker network rm n1\n"
        "docker network create n3\n"
    )
    assert str(lab.state.network("n3").subnets[0].subnet) == "172.20.0.0/16"


def test_engine_26_derives_mac_from_ip() -> None:
    """Before 28.0 (here 26.1) a bridge endpoint's MAC is derived from its IPv4 address."""
    from netsim.lab import run_script

    lab, _ = run_script("# netsim: engine 26.1\ndocker run -d --name web nginx\n")
    assert lab.state.container("web").endpoints[0].mac == "02:42:ac:11:00:02"


def test_macvlan_gateway_version_delta() -> None:
    """29.0+: no IPAM gateway without --gateway (first container .1); 28.x: .1 is the gateway."""
    from netsim.lab import run_script

    script = ("docker network create -d macvlan --subnet 192.168.7.0/24 -o parent=eth0 mv\n"
              "docker run -d --name web --network mv nginx\n")
    new, _ = run_script(script)
    old, _ = run_script("# netsim: engine 28.5\n" + script)
    assert new.state.network("mv").subnets[0].gateway is None
    assert str(new.state.container("web").endpoints[0].ipv4.ip) == "192.168.7.1"
    assert str(old.state.network("mv").subnets[0].gateway) == "192.168.7.1"
    assert str(old.state.container("web").endpoints[0].ipv4.ip) == "192.168.7.2"


def test_random_macs_are_locally_administered_and_seeded() -> None:
    a, b, c = Lab(seed=1), Lab(seed=1), Lab(seed=2)
    for lab in (a, b, c):
        run(lab, "run -d --name web nginx")
    mac = a.state.container("web").endpoints[0].mac
    assert mac is not None and int(mac[:2], 16) & 0b11 == 0b10
    assert mac == b.state.container("web").endpoints[0].mac
    assert mac != c.state.container("web").endpoints[0].mac
    assert len(a.state.container("web").id) == 64
    assert a.state.container("web").hostname == a.state.container("web").id[:12]


def test_entrypoint_refusing_to_start_exits_1() -> None:
    """mysql without MYSQL_ROOT_PASSWORD (or an alternative) exits 1 right after start."""
    lab = Lab()
    run(lab, "run -d --name db mysql", "run -d --name ok -e MYSQL_ROOT_PASSWORD=pw mysql")
    assert lab.state.container("db").status == "exited"
    assert lab.state.container("db").exit_code == 1
    assert lab.state.container("ok").running


def test_state_shows_itself() -> None:
    """A State prints a summary and renders an HTML table in notebooks."""
    lab = Lab()
    run(lab, "network create n1", "run -d --name web --network n1 -p 80:80 nginx")
    text = str(lab.state)
    assert "  host  n1  bridge  172.18.0.0/16  172.18.0.1" in text
    assert "  host  web  running  n1  eth0 n1 172.18.0.2/16" in text
    html = lab.state._repr_html_()
    assert "<td>172.18.0.2/16</td>" not in html and "eth0 n1 172.18.0.2/16" in html


def test_aux_address_outside_range_and_on_gateway() -> None:
    """Aux addresses are reserved anywhere in the subnet, after the gateway (network.go)."""
    lab = Lab()
    run(lab, "network create --subnet 10.4.0.0/24 --ip-range 10.4.0.128/25 "
             "--aux-address host=10.4.0.9 n1")
    step = lab.docker("run -d --network n1 --ip 10.4.0.9 --name aa nginx")
    assert step.exit_code == 125
    assert "failed to set up container networking: Address already in use" in step.stderr
    step = lab.docker("network create --subnet 10.5.0.0/24 --aux-address router=10.5.0.1 n2")
    assert step.stderr == (
        "Error response from daemon: failed to allocate secondary ip address "
        "(router:10.5.0.1): Address already in use\n")


def test_failed_create_gives_its_subnet_back() -> None:
    lab = Lab()
    lab.docker("network create --subnet 10.5.0.0/24 --aux-address router=10.5.0.1 n2")
    run(lab, "network create --subnet 10.5.0.0/24 n3")


def test_sandbox_is_new_at_each_start_and_shared_by_joiners() -> None:
    """A container: joiner shares its owner's sandbox; after the owner restarts, the joiner
    is left in the old namespace (Docker does not move it)."""
    lab = Lab()
    run(lab, "run -d --name owner nginx", "run -d --name side --network container:owner "
             "alpine sleep 1000")
    owner, side = lab.state.container("owner"), lab.state.container("side")
    assert owner.sandbox_id and side.sandbox_id == owner.sandbox_id
    run(lab, "restart owner")
    owner2, side2 = lab.state.container("owner"), lab.state.container("side")
    assert owner2.sandbox_id not in ("", owner.sandbox_id)
    assert side2.sandbox_id == owner.sandbox_id  # the old, dead one
    run(lab, "stop owner")
    assert lab.state.container("owner").sandbox_id == ""


def test_foreground_commands_print_and_exit() -> None:
    """docker run (attached) of a finite command: its output, its exit status; --rm removes."""
    lab = Lab()
    step = lab.docker("run --rm alpine echo hi")
    assert (step.exit_code, step.stdout) == (0, "hi\n")
    assert lab.state.host().containers == {}
    step = lab.docker("run --name f1 alpine false")
    assert step.exit_code == 1 and lab.state.container("f1").exit_code == 1
    step = lab.docker("run -d --name d1 alpine false")
    assert step.exit_code == 0 and step.stdout == lab.state.container("d1").id + "\n"


def test_removed_network_fails_the_next_start_by_id() -> None:
    lab = Lab()
    run(lab, "network create n1", "run -d --name web --network n1 nginx", "stop web")
    old_id = lab.state.network("n1").id
    run(lab, "network rm n1", "network create n1")
    step = lab.docker("start web")
    assert step.stderr == (
        f"Error response from daemon: failed to set up container networking: network {old_id} "
        "not found\nfailed to start containers: web\n")


def test_rename_rebuilds_dns_names() -> None:
    lab = Lab()
    run(lab, "network create n1", "run -d --name old --network n1 nginx", "rename old new")
    ep = lab.state.container("new").endpoint("n1")
    assert ep is not None and ep.dns_names[0] == "new" and "old" not in ep.dns_names


def test_legacy_link_needs_a_running_target() -> None:
    lab = Lab()
    run(lab, "run -d --name db nginx", "create --name web --link db:mysql nginx", "stop db")
    step = lab.docker("start web")
    assert step.stderr == (
        "Error response from daemon: Cannot link to a non running container: /db AS "
        "/web/mysql\nfailed to start containers: web\n")
    step = lab.docker("run -d --name web2 --link nosuch:x nginx")
    assert step.stderr == (
        "docker: Error response from daemon: could not get container for nosuch: No such "
        "container: nosuch\n\nRun 'docker run --help' for more information\n")


def test_none_mode_publishes_nothing() -> None:
    lab = Lab()
    run(lab, "run -d --name web --network none -p 80:80 nginx", "run -d --name w2 -P alpine")
    assert lab.state.container("web").port_mappings == ()
    assert lab.state.container("w2").port_mappings == ()


def test_a_host_network_container_holds_its_ports_until_removed() -> None:
    """A published port clashes with what a --network host container listens on (the kernel's
    EADDRINUSE), and binds once that container is gone (the host-mode index follows rm)."""
    lab = Lab()
    lab.docker("run -d --name hh --network host nginx")
    refused = lab.docker("run -d --name pp -p 80:80 nginx")
    assert "failed to bind host port 0.0.0.0:80/tcp: address already in use" in refused.stderr
    lab.docker("rm -f hh pp")
    assert lab.docker("run -d --name p2 -p 80:80 nginx").exit_code == 0


@pytest.mark.parametrize(("engine", "refused"), [("20.10", True), ("26.1", True),
                                                  ("28.5", False), ("29.1", False)])
def test_ipv6_without_a_subnet_needs_a_default_ipv6_pool(engine: str, refused: bool) -> None:
    """``--ipv6`` alone: engines before 27.0 have no IPv6 default pool and refuse the network
    (recorded on 20.10 and 26.1); later ones take a /64 of a ULA prefix."""
    lab = Lab(profile=engine)
    step = lab.docker("network create --ipv6 auto6")
    if refused:
        assert step.exit_code == 1
        assert step.stderr == ("Error response from daemon: could not find an available, "
                               "non-overlapping IPv6 address pool among the defaults to assign "
                               "to the network\n")
        assert "auto6" not in lab.state.host().networks
        # nothing half-made stays: the name is free, and given an IPv6 subnet it is made
        again = lab.docker("network create --ipv6 --subnet fd00:1::/64 auto6")
        assert again.exit_code == 0, again.stderr
    else:
        assert step.exit_code == 0, step.stderr


def test_outcome_init_takes_the_fields_in_order_with_their_defaults() -> None:
    """Outcome's __init__ is written out (netsim.daemon.core): it must stay the one a frozen
    dataclass would make -- every field, in order, with its default -- and stay frozen."""
    import dataclasses
    import inspect

    from netsim.daemon import Outcome

    params = list(inspect.signature(Outcome.__init__).parameters.values())[1:]
    fields = dataclasses.fields(Outcome)
    assert [(p.name, p.default) for p in params] == [(f.name, f.default) for f in fields]
    made = Outcome("abc", ("w",), exit_code=1)
    assert made == Outcome(id="abc", warnings=("w",), names=(), exit_code=1, stderr="")
    assert dataclasses.replace(made, stderr="x").stderr == "x"
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.id = "other"  # type: ignore[misc]
