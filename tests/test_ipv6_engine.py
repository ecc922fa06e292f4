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
