"""IPv6 and dual-stack networks in the engine (issue 17): IPAM per family, the engine's own ULA
pool, the default bridge with dockerd --ipv6, --ip6, and the `# netsim: daemon` directive. The
expected values are those recorded in conformance/recorded/*/7[89]-*.json and 8[01]-*.json."""

from __future__ import annotations

import ipaddress

import pytest

from netsim.api import DaemonOptions, Host
from netsim.daemon.ipam import ula_pool
from netsim.directives import daemon_options
from netsim.errors import InputError, ScriptError
from netsim.lab import Lab, run_script

#: the lab's srv1 (conformance/recorded/28.5/78-ipv6-dual-stack.json lab.engine_ids)
LAB_ID = "2216bfb6-f0ec-4116-858d-32649f4f2288"


def lab(profile: str = "28.5", **host: object) -> Lab:
    return Lab(hosts=[Host(name="h", **host)], profile=profile)  # type: ignore[arg-type]


def out(lab_: Lab, command: str) -> str:
    step = lab_.docker(command)
    assert step.exit_code == 0, step.stderr
    return step.stdout


def test_the_ula_pool_derives_from_the_engine_id() -> None:
    """moby daemon/daemon.go deriveULABaseNetwork: measured fd76:b82b:758e::/64 on srv1."""
    pool = ula_pool(LAB_ID)
    assert (str(pool.base), pool.size) == ("fd76:b82b:758e::/48", 64)


def test_a_user_ipv6_subnet_is_listed_before_the_ipv4_default() -> None:
    lab_ = lab()
    lab_.docker("network create --ipv6 --subnet fd00:1::/64 v6")
    assert out(lab_, "network inspect -f '{{.EnableIPv6}} {{range .IPAM.Config}}{{.Subnet}} "
                     "{{.Gateway}} {{end}}' v6") == "true fd00:1::/64  172.18.0.0/16 172.18.0.1 \n"
    for name in ("a6", "d6"):
        lab_.docker(f"run -itd --name {name} --network v6 alpine")
    got = out(lab_, "inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}} "
                    "{{.GlobalIPv6Address}}/{{.GlobalIPv6PrefixLen}} {{.IPv6Gateway}}{{end}}' "
                    "a6 d6")
    assert got == "172.18.0.2 fd00:1::2/64 fd00:1::1\n172.18.0.3 fd00:1::3/64 fd00:1::1\n"


def test_ipv6_without_a_subnet_takes_a_64_of_the_engines_ula_pool() -> None:
    lab_ = lab(engine_id=LAB_ID)
    lab_.docker("network create --ipv6 auto6")
    assert out(lab_, "network inspect -f '{{json .IPAM.Config}}' auto6") == (
        '[{"Subnet":"172.18.0.0/16","Gateway":"172.18.0.1"},'
        '{"Subnet":"fd76:b82b:758e::/64","Gateway":"fd76:b82b:758e::1"}]\n')
    lab_.docker("network create --ipv6 --ipv4=false next6")
    assert out(lab_, "network inspect -f '{{json .IPAM.Config}}' next6") == (
        '[{"Subnet":"fd76:b82b:758e:1::/64","Gateway":"fd76:b82b:758e:1::1"}]\n')


@pytest.mark.parametrize("profile", ["26.1", "20.10"])
def test_engines_before_27_have_no_ipv6_pool(profile: str) -> None:
    lab_ = lab(profile)
    step = lab_.docker("network create --ipv6 auto6")
    assert (step.exit_code, step.stderr) == (1, (
        "Error response from daemon: could not find an available, non-overlapping IPv6 address "
        "pool among the defaults to assign to the network\n"))
    assert "auto6" not in lab_.state.hosts["h"].networks


def test_an_ipv6_only_network() -> None:
    lab_ = lab()
    lab_.docker("network create --ipv6 --ipv4=false --subnet fd00:3::/64 v6only")
    assert out(lab_, "network inspect -f '{{.EnableIPv4}} {{.EnableIPv6}} {{json .IPAM.Config}}'"
                     " v6only") == 'false true [{"Subnet":"fd00:3::/64"}]\n'
    lab_.docker("run -itd --name o1 --network v6only alpine")
    assert out(lab_, "inspect -f '{{range .NetworkSettings.Networks}}[{{.IPAddress}}] "
                     "{{.GlobalIPv6Address}} {{.IPv6Gateway}}{{end}}' o1") == \
        "[] fd00:3::2 fd00:3::1\n"
    step = lab_.docker("network create --ipv4=false v4off")
    assert step.stderr == "Error response from daemon: IPv4 or IPv6 must be enabled\n"


def test_ip6_is_checked_as_docker_checks_it() -> None:
    lab_ = lab()
    lab_.docker("network create --ipv6 --subnet fd00:10::/64 p6")
    lab_.docker("network create v4only")
    outside = lab_.docker("run -itd --name e1 --network p6 --ip6 fd00:99::5 alpine")
    assert "no configured subnet or ip-range contain the IP address fd00:99::5" in outside.stderr
    no_v6 = lab_.docker("run -itd --name e2 --network v4only --ip6 fd00:10::50 alpine")
    assert ("user specified IP address is supported only when connecting to networks with user "
            "configured subnets") in no_v6.stderr
    lab_.docker("run -itd --name s6 --network p6 --ip6 fd00:10::99 alpine")
    assert out(lab_, "inspect -f '{{range .NetworkSettings.Networks}}{{.GlobalIPv6Address}}"
                     "{{end}}' s6") == "fd00:10::99\n"
    taken = lab_.docker("run -itd --name e3 --network p6 --ip6 fd00:10::99 alpine")
    assert taken.exit_code == 125 and "Address already in use" in taken.stderr
    clash = lab_.docker("network create --ipv6 --subnet fd00:10::/64 clash6")
    assert clash.stderr == ("Error response from daemon: invalid pool request: Pool overlaps "
                            "with other one on this address space\n")


def test_an_ipv6_address_is_given_back_when_its_container_leaves() -> None:
    lab_ = lab()
    lab_.docker("network create --ipv6 --subnet fd00:1::/64 v6")
    lab_.docker("run -itd --name aa --network v6 alpine")
    lab_.docker("rm -f aa")
    lab_.docker("run -itd --name bb --network v6 alpine")
    assert out(lab_, "inspect -f '{{range .NetworkSettings.Networks}}{{.GlobalIPv6Address}}"
                     "{{end}}' bb") == "fd00:1::2\n"


@pytest.mark.parametrize(("profile", "config", "address"), [
    ("28.5", '{"Subnet":"fd00:d0c::/64","IPRange":"fd00:d0c::/64"}', "fd00:d0c::2"),
    ("26.1", '{"Subnet":"fd00:d0c::/64"}', "fd00:d0c::242:ac11:2"),
    ("20.10", '{"Subnet":"fd00:d0c::/64"}', "fd00:d0c::242:ac11:2"),
])
def test_the_default_bridge_with_dockerd_ipv6(profile: str, config: str, address: str) -> None:
    """dockerd --ipv6 --fixed-cidr-v6: ≤ 26.x derive the address from the MAC."""
    lab_ = lab(profile, daemon=DaemonOptions(ipv6=True, fixed_cidr_v6="fd00:d0c::/64"))
    assert out(lab_, "network inspect -f '{{.EnableIPv6}} {{json .IPAM.Config}}' bridge") == (
        f'true [{{"Subnet":"172.17.0.0/16","Gateway":"172.17.0.1"}},{config}]\n')
    lab_.docker("run -itd --name b1 alpine")
    assert out(lab_, "inspect -f '{{.NetworkSettings.GlobalIPv6Address}} "
                     "{{.NetworkSettings.IPv6Gateway}}' b1") == f"{address} fd00:d0c::1\n"


def test_engines_before_27_need_a_fixed_cidr_for_the_default_bridge() -> None:
    with pytest.raises(InputError, match="Specify an IPv6 subnet using --fixed-cidr-v6"):
        lab("26.1", daemon=DaemonOptions(ipv6=True))
    newer = lab("28.5", engine_id=LAB_ID, daemon=DaemonOptions(ipv6=True))
    assert out(newer, "network inspect -f '{{range .IPAM.Config}}{{.Subnet}} {{end}}' bridge") \
        == "172.17.0.0/16 fd76:b82b:758e::/64 \n"


def test_the_daemon_directive() -> None:
    opts = daemon_options(("--ipv6", "--fixed-cidr-v6=fd00:d0c::/64", "--ip6tables=false",
                           "--default-address-pool=base=10.10.0.0/16,size=24"))
    assert opts.ipv6 and opts.ip6tables is False
    assert str(opts.fixed_cidr_v6) == "fd00:d0c::/64"
    assert [(str(p.base), p.size) for p in opts.default_address_pools] == [("10.10.0.0/16", 24)]
    lab_, steps = run_script("# netsim: daemon --default-address-pool=base=10.10.0.0/16,size=24\n"
                             "docker network create a\n"
                             "docker network inspect -f '{{range .IPAM.Config}}{{.Subnet}}"
                             "{{end}}' a\n", profile="28.5")
    assert steps[-1].stdout == "10.10.1.0/24\n"  # docker0 took 10.10.0.0/24
    assert lab_.state.network("bridge").subnets[0].subnet == ipaddress.ip_network("10.10.0.0/24")


@pytest.mark.parametrize(("line", "problem"), [
    ("# netsim: daemon --iptables=false", "unknown or incomplete daemon option '--iptables=false'"),
    ("# netsim: daemon --ipv6=maybe", "--ipv6 takes true or false, not 'maybe'"),
    ("# netsim: daemon --default-address-pool=10.0.0.0/8", "expected base=CIDR,size=N"),
    ("# netsim: daemon --default-address-pool=base=10.0.0.0/16,size=8", "invalid pool size 8"),
    ("# netsim: daemon --fixed-cidr-v6=10.0.0.0/8", "fixed_cidr_v6"),
])
def test_a_bad_daemon_directive_is_one_clear_error(line: str, problem: str) -> None:
    with pytest.raises(ScriptError) as err:
        run_script(line + "\ndocker network ls\n")
    text = err.value.line()
    assert text.startswith("<script>:1: bad 'daemon' directive") and problem in text
    assert "# netsim: daemon [--ipv6]" in text  # what is accepted


def test_a_bridge_takes_one_subnet_per_family() -> None:
    """bridge_linux.go processIPAM (v28.5.2:604): two IPv6 subnets are refused too."""
    step = lab().docker("network create --ipv6 --subnet fd00:7::/64 --subnet fd00:8::/64 two6")
    assert step.stderr == "Error response from daemon: bridge driver doesn't support multiple " \
                          "subnets\n"


@pytest.mark.parametrize(("profile", "config"), [
    ("20.10", '[{"Subnet":"172.18.0.0/16","Gateway":"172.18.0.1"},{"Subnet":"fd00:5::/64"}]'),
    ("26.1", '[{"Subnet":"fd00:5::/64"},{"Subnet":"172.18.0.0/16","Gateway":"172.18.0.1"}]'),
    ("28.5", '[{"Subnet":"fd00:5::/64"},{"Subnet":"172.18.0.0/16","Gateway":"172.18.0.1"}]'),
    ("29.1", '[{"Subnet":"172.18.0.0/16","IPRange":"","Gateway":"172.18.0.1"}]'),
])
def test_an_ipv6_subnet_without_ipv6_is_listed_not_allocated(profile: str, config: str) -> None:
    """IPAM allocates IPv6 only with --ipv6 (v26.1.5:libnetwork/network.go:1510); inspect
    lists the config before 29.0 (EngineProfile.ipam_config_lists_unallocated)."""
    lab_ = lab(profile)
    lab_.docker("network create --subnet fd00:5::/64 nov6")
    assert out(lab_, "network inspect -f '{{json .IPAM.Config}}' nov6") == config + "\n"
    # nothing was taken: the same subnet with IPv6 is free
    assert lab_.docker("network create --ipv6 --subnet fd00:5::/64 withv6").exit_code == 0


def test_ipv6_on_a_swarm_overlay_is_said_not_simulated() -> None:
    lab_ = lab()
    lab_.docker("swarm init --advertise-addr 198.51.100.10")
    step = lab_.docker("network create -d overlay --attachable --ipv6 --subnet 10.50.0.0/24 "
                       "--subnet fd00:78::/64 ov46")
    assert (step.exit_code, step.stderr) == (
        126, "netsim: IPv6 on a swarm overlay network is not simulated\n")
    assert lab_.docker("network inspect ov46").exit_code == 1  # not created


def test_daemon_lines_add_up_and_a_daemon_without_a_free_pool_does_not_start() -> None:
    opts = daemon_options(("--default-address-pool=base=fd99::/48,size=64",),
                          daemon_options(("--default-address-pool=base=10.10.0.0/16,size=24",)))
    assert [str(p.base) for p in opts.default_address_pools] == ["10.10.0.0/16", "fd99::/48"]
    with pytest.raises(InputError) as err:
        run_script("# netsim: lan 10.10.0.0/16\n"
                   "# netsim: daemon --default-address-pool=base=10.10.0.0/16,size=24\n"
                   "docker network ls\n")
    assert err.value.line() == (
        "host host: dockerd refuses to start: all predefined address pools have been "
        "fully subnetted (accepted: default address pools with a subnet free of the LAN's)")


@pytest.mark.parametrize(("profile", "lines"), [
    ("28.5", ["172.17.0.1\thg", "fd00:d0c::1\thg"]), ("26.1", ["172.17.0.1\thg"])])
def test_links_and_host_gateway_on_a_dual_stack_default_bridge(profile: str,
                                                              lines: list[str]) -> None:
    """A link names the child's IPv6 address too (container_operations_unix.go:103-113);
    host-gateway both of docker0's gateways from 28.0 (daemon_unix.go setHostGatewayIP)."""
    _, steps = run_script(
        "# netsim: daemon --ipv6 --fixed-cidr-v6=fd00:d0c::/64\n"
        "docker run -d --name web netsim-lab/nginx\n"
        "docker run -itd --name cli --link web:w --add-host hg:host-gateway netsim-lab/alpine\n"
        "docker exec cli cat /etc/hosts\n", profile=profile)
    hosts = steps[-1].stdout.splitlines()
    assert [h for h in hosts if h.endswith("\thg")] == lines
    web6 = "fd00:d0c::2" if profile == "28.5" else "fd00:d0c::242:ac11:2"
    assert [h.split("\t")[0] for h in hosts if h.endswith(" web")] == ["172.17.0.2", web6]


@pytest.mark.parametrize(("profile", "subnet", "error"), [
    ("28.5", "ff00::/64", "multicast subnet 'ff00::1/64' is not allowed"),
    ("28.5", "fe80::/80", "'fe80::1/80' clashes with the Link-Local prefix 'fe80::/64'"),
    ("28.5", "::ffff:10.0.0.0/104", "failed to allocate gateway (): cannot find address pool "
                                   "for poolID:::ffff:10.0.0.0/104/invalid Prefix"),
    ("26.1", "ff00::/64", "failed to add IPv6 address ff00::1/64 to bridge: cannot assign "
                         "requested address"),
    ("26.1", "fe80::/80", "clash with the Link-Local prefix 'fe80::/64'"),
    ("26.1", "::ffff:10.0.0.0/104", "could not find an available, non-overlapping IPv6 address "
                                   "pool among the defaults to assign to the network"),
    ("20.10", "fe80::/80", "failed to add IPv6 address fe80::1/80 to bridge: file exists"),
])
def test_ipv6_bridge_subnets_docker_refuses(profile: str, subnet: str, error: str) -> None:
    """Measured: 82-ipv6-review (the driver's checks from 27.0, the kernel's before)."""
    step = lab(profile).docker(f"network create --ipv6 --subnet {subnet} n6")
    assert step.stderr == f"Error response from daemon: {error}\n"
    assert lab(profile).docker("network create --ipv6 --subnet fe80::/64 ll").exit_code == 0
