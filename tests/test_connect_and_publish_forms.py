"""docker network connect / disconnect, case by case (moby docker-v29.1.0
daemon/container_operations.go ConnectToNetwork, DisconnectFromNetwork; docker/cli v29.1.0
cli/command/container/opts.go), and every -p form (docker/cli v29.1.0
vendor/github.com/docker/go-connections/nat/nat.go ParsePortSpec;
https://docs.docker.com/engine/network/port-publishing/)."""

from __future__ import annotations

import pytest

from netsim.lab import Lab


def run(lab: Lab, *commands: str) -> str:
    """Run commands; all but the last must succeed; returns the last one's stderr."""
    for c in commands[:-1]:
        step = lab.docker(c)
        assert step.exit_code == 0, (c, step.stderr)
    return lab.docker(commands[-1]).stderr


def test_connect_running_gets_next_interface_and_dns_names() -> None:
    lab = Lab()
    run(lab, "network create n1", "run -d --name web nginx",
        "network connect --alias www n1 web")
    ep = lab.state.container("web").endpoint("n1")
    assert ep is not None and ep.ifname == "eth1" and str(ep.ipv4) == "172.18.0.2/16"
    c = lab.state.container("web")
    assert c.hostname == c.id[:12]  # so the hostname adds no name of its own
    assert ep.dns_names == ("web", "www", c.id[:12])


def test_connect_stopped_container_twice_is_a_no_op() -> None:
    lab = Lab()
    step = run(lab, "network create n1", "create --name web --network n1 nginx",
               "network connect n1 web")
    assert step == ""


def test_static_ip_on_default_bridge_at_connect() -> None:
    lab = Lab()
    err = run(lab, "network create n1", "run -d --name web --network n1 nginx",
              "network connect --ip 172.17.0.50 bridge web")
    assert err == (
        "Error response from daemon: invalid endpoint settings:\nuser specified IP address is "
        "supported on user defined networks only\n")


def test_disconnect_host_mode_from_host() -> None:
    lab = Lab()
    err = run(lab, "run -d --name hh --network host nginx", "network disconnect host hh")
    assert err == (
        "Error response from daemon: cannot disconnect container from host network - container "
        "was created in host network mode\n")


def test_disconnect_stopped_not_connected() -> None:
    lab = Lab()
    err = run(lab, "network create n1", "create --name web nginx", "network disconnect n1 web")
    c = lab.state.container("web")
    assert err == (f"Error response from daemon: container {c.id} is not connected to the "
                   "network n1\n")


def test_disconnect_last_network_leaves_only_lo() -> None:
    lab = Lab()
    run(lab, "run -d --name web nginx", "network disconnect bridge web")
    c = lab.state.container("web")
    assert c.running and c.endpoints == () and c.active_endpoints() == []


def test_rm_predefined_network() -> None:
    lab = Lab()
    err = run(lab, "network rm bridge")
    assert err == ("Error response from daemon: bridge is a pre-defined network and cannot be "
                   "removed\nexit status 1\n")


def test_connect_container_mode() -> None:
    lab = Lab()
    err = run(lab, "network create n1", "run -d --name owner nginx",
              "run -d --name side --network container:owner alpine sleep 1000",
              "network connect n1 side")
    assert err == (
        "Error response from daemon: container sharing network namespace with another container "
        "or host cannot be connected to any other network\n")


def test_network_run_twice_and_mixed_modes() -> None:
    lab = Lab()
    err = run(lab, "network create n1", "run -d --network n1 --network n1 nginx")
    assert err == ('docker: network "n1" is specified multiple times\n\n'
                   "Run 'docker run --help' for more information\n")
    err = run(lab, "run -d --network n1 --network bridge nginx")
    assert err == ("docker: conflicting options: cannot attach both user-defined and "
                   "non-user-defined network-modes\n\nRun 'docker run --help' for more "
                   "information\n")


def test_gateway_and_ports_follow_the_gateway_endpoint() -> None:
    """Multi-homed: the default gateway sorts by name; ports are programmed on it (moby
    daemon/libnetwork/sandbox.go Endpoint.Less, drivers/bridge/bridge_linux.go
    ProgramExternalConnectivity)."""
    lab = Lab()
    run(lab, "network create zeta", "network create alpha",
        "run -d --name web --network zeta -p 8080:80 nginx", "network connect alpha web")
    c = lab.state.container("web")
    assert c.port_mappings and all(m.host_port == 8080 for m in c.port_mappings)
    assert {e.network: str(e.gateway) for e in c.active_endpoints()} == {
        "zeta": "172.18.0.1", "alpha": "172.19.0.1"}


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("80", [("0.0.0.0", 32768, 80, "tcp"), ("::", 32768, 80, "tcp")]),
        ("8080:80", [("0.0.0.0", 8080, 80, "tcp"), ("::", 8080, 80, "tcp")]),
        ("192.168.1.100:8080:80", [("192.168.1.100", 8080, 80, "tcp")]),
        ("127.0.0.1:8080:80", [("127.0.0.1", 8080, 80, "tcp")]),
        ("[::1]:8080:80", [("::1", 8080, 80, "tcp")]),
        ("127.0.0.1::80", [("127.0.0.1", 32768, 80, "tcp")]),
        ("8080:80/udp", [("0.0.0.0", 8080, 80, "udp"), ("::", 8080, 80, "udp")]),
        ("8000-9000:5000", [("0.0.0.0", 8000, 5000, "tcp"), ("::", 8000, 5000, "tcp")]),
        ("8000-8001:80-81", [("0.0.0.0", 8000, 80, "tcp"), ("0.0.0.0", 8001, 81, "tcp"),
                             ("::", 8000, 80, "tcp"), ("::", 8001, 81, "tcp")]),
        ("80-81", [("0.0.0.0", 32768, 80, "tcp"), ("0.0.0.0", 32769, 81, "tcp"),
                   ("::", 32768, 80, "tcp"), ("::", 32769, 81, "tcp")]),
        ("[::]::80", [("::", 32768, 80, "tcp")]),
    ],
)
def test_every_publish_form(spec: str, expected: list[tuple[str, int, int, str]]) -> None:
    lab = Lab()
    run(lab, f"run -d --name web -p {spec} nginx")
    got = sorted((m.host_ip, m.host_port, m.container_port, m.proto)
                 for m in lab.state.container("web").port_mappings)
    assert got == sorted(expected)


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("8080:80-81", "invalid ranges specified for container and host Ports: 80-81 and 8080"),
        ("abc", "invalid containerPort: abc"),
        ("x:80", "invalid hostPort: x"),
        ("80/foo", "invalid proto: foo"),
        ("1.2.3:80:80", "invalid IP address: 1.2.3"),
        ("8080:", "no port specified: 8080:<empty>"),
    ],
)
def test_publish_errors(spec: str, message: str) -> None:
    err = run(Lab(), f"run -d -p {spec} nginx")
    assert err == f"docker: {message}\n\nRun 'docker run --help' for more information\n"
