"""Swarm rules measured by 58-reference-examples (lines 162-187): the advertise address, a new
cluster's tokens, an overlay endpoint's IPAMConfig, /etc/hosts without docker_gwbridge, the
ingress checks of swarmkit's controlapi, and the CLI's prompt before removing ingress."""

from __future__ import annotations

import json

import pytest

from netsim.lab import run_script

HOSTS = (
    "# netsim: lan 192.168.0.0/24\n"
    "# netsim: host server1 address=192.168.0.100\n"
    "# netsim: host server2 address=192.168.0.101\n"
)
BAD_ADVERTISE = ("Error response from daemon: advertise address must be a non-zero IP address "
                 "or network interface (with optional port number)\n")


@pytest.mark.parametrize("addr", ["0.0.0.0", "0.0.0.0:2377", "::", "[::]:2377", "nosuchif",
                                  "fe80::1%eth0"])
def test_bad_advertise_address_is_refused_and_no_swarm_is_made(addr: str) -> None:
    _, steps = run_script(HOSTS + f"docker swarm init --advertise-addr {addr}\n"
                            "docker swarm init\n")
    assert (steps[0].exit_code, steps[0].stdout, steps[0].stderr) == (1, "", BAD_ADVERTISE)
    assert steps[1].exit_code == 0 and " 192.168.0.100:2377\n" in steps[1].stdout


def test_bad_advertise_address_comes_before_the_pool_checks() -> None:
    _, steps = run_script(HOSTS + "docker swarm init --advertise-addr 0.0.0.0 "
                          "--default-addr-pool 10.20.0.0/16 --default-addr-pool-mask-length 30\n")
    assert steps[0].stderr == BAD_ADVERTISE


@pytest.mark.parametrize(("addr", "shown"), [("eth0", "192.168.0.100:2377"),
                                             ("lo", "127.0.0.1:2377"),
                                             ("10.9.9.9:4000", "10.9.9.9:4000"),
                                             ("[2001:db8::1]:2377", "[2001:db8::1]:2377")])
def test_advertise_address_resolves_interfaces_and_keeps_ports(addr: str, shown: str) -> None:
    _, steps = run_script(HOSTS + f"docker swarm init --advertise-addr {addr}\n")
    assert steps[0].exit_code == 0, steps[0].stderr
    assert f" {shown}\n" in steps[0].stdout


def test_init_after_leave_makes_a_new_cluster_with_new_tokens() -> None:
    lab, steps = run_script(HOSTS + "docker swarm init\n"
                            "docker swarm join-token -q worker\n"
                            "docker swarm leave --force\n"
                            "docker swarm init --advertise-addr 192.168.0.100\n"
                            "docker swarm join-token -q worker\n")
    assert all(s.exit_code == 0 for s in steps), [s.stderr for s in steps]
    first, second = steps[1].stdout.strip(), steps[4].stdout.strip()
    assert first != second and first.startswith("SWMTKN-1-") and second.startswith("SWMTKN-1-")
    swarm = lab.state.swarm
    assert swarm is not None and swarm.worker_token == second


def test_overlay_endpoint_shows_the_allocated_address_as_ipam_config() -> None:
    _, steps = run_script(
        HOSTS + "docker swarm init\n"
        "docker network create -d overlay --attachable test-net\n"
        "docker run -d --name alpine1 --network test-net netsim-lab/alpine sleep 1000\n"
        "docker inspect -f '{{json .NetworkSettings.Networks}}' alpine1\n"
        "docker stop -t 1 alpine1\n"
        "docker inspect -f '{{json .NetworkSettings.Networks}}' alpine1\n")
    assert all(s.exit_code == 0 for s in steps), [s.stderr for s in steps]
    running = json.loads(steps[3].stdout)["test-net"]
    assert running["IPAMConfig"]["IPv4Address"] == running["IPAddress"] == "10.0.1.2"
    # a stop clears it: the address was the allocator's, not the user's (IPAMOperational)
    assert json.loads(steps[5].stdout)["test-net"]["IPAMConfig"] is None


def test_etc_hosts_of_an_overlay_container_leaves_out_docker_gwbridge() -> None:
    _, steps = run_script(
        HOSTS + "docker swarm init\n"
        "docker network create -d overlay --attachable --subnet 10.63.0.0/24 "
        "--gateway 10.63.0.99 gwnet\n"
        "docker run --rm --network gwnet netsim-lab/alpine hostname -i\n")
    assert steps[-1].stdout == "10.63.0.1\n"


def test_ingress_network_checks() -> None:
    lab, steps = run_script(
        HOSTS + "docker swarm init\n"
        "docker network create -d overlay --attachable --ingress ing2\n"
        "docker network create -d overlay --ingress ing2\n")
    ingress = lab.state.host("server1").networks["ingress"]
    assert steps[1].exit_code == 1 and steps[1].stderr == (
        "Error response from daemon: rpc error: code = InvalidArgument desc = ingress network "
        "cannot be attachable\n")
    assert steps[2].exit_code == 1 and steps[2].stderr == (
        "Error response from daemon: rpc error: code = AlreadyExists desc = ingress network "
        f"({ingress.id}) is already present\n")


@pytest.mark.parametrize("flags", ["", "-f "])
def test_network_rm_ingress_prompts_and_a_script_does_not_answer(flags: str) -> None:
    lab, steps = run_script(HOSTS + "docker swarm init\n"
                            f"docker network rm {flags}ingress\n")
    assert (steps[1].exit_code, steps[1].stderr) == (0, "")
    assert steps[1].stdout.startswith("WARNING! Before removing the routing-mesh network, ")
    assert steps[1].stdout.endswith(" will be impaired.\nAre you sure you want to continue? "
                                    "[y/N] ")
    assert "ingress" in lab.state.host("server1").networks
