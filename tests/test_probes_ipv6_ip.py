"""What ``ip addr`` and ``ip -6 route`` print in containers on IPv6 networks, pinned as recorded
on the conformance lab (conformance/recorded/{28.5,26.1,20.10}/78-ipv6-dual-stack,
79-ipv6-only, 80-ipv6-ports-isolation, 81-ipv6-default-bridge; iproute2 6.15 in
netsim-lab/debian, BusyBox 1.38 in netsim-lab/alpine).

The expected texts are the recordings' with the kernel's DAD-dependent `` tentative`` removed
(as the conformance normalizations do). Before 28.0 a container's MAC comes from its IPv4
address (02:42:ac:…), so its link-local address is exact; on 28.5 MACs are random: MACs and
link-local addresses are numbered in order of appearance (<MACn>, <LLn>) on both sides.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from pathlib import Path

import pytest

from netsim.api import Host, Lan
from netsim.lab import Step, run_script

#: the lab's topology, as netsim.conformance replays recordings on it
LAB_HOSTS = (
    Host(name="server1", address=ipaddress.IPv4Address("192.168.0.100"),
         dns=(ipaddress.IPv4Address("192.168.0.1"),), nic="veth", nic_peer=4, iproute2="7.3"),
    Host(name="server2", address=ipaddress.IPv4Address("192.168.0.101"),
         dns=(ipaddress.IPv4Address("192.168.0.1"),), nic="veth", nic_peer=5, iproute2="7.3"),
)
LAB_LAN = Lan(subnet=ipaddress.IPv4Network("192.168.0.0/24"),
              gateway=ipaddress.IPv4Address("192.168.0.1"))

CORPUS = Path(__file__).resolve().parent.parent / "conformance" / "corpus"


def _corpus(name: str, engine: str) -> dict[int, Step]:
    """A corpus script replayed on the lab's topology, by line (the recordings' numbers)."""
    text = (CORPUS / f"{name}.sh").read_text()
    _, steps = run_script(text, source=name, hosts=LAB_HOSTS, lan=LAB_LAN, profile=engine)
    return {s.line: s for s in steps}


_MAC = re.compile(r"\b(?:[0-9a-f]{2}:){5}[0-9a-f]{2}\b")
_LINK_LOCAL = re.compile(r"\bfe80::[0-9a-f:]+(?=/)")


def _numbered(text: str) -> str:
    """MACs and link-local addresses numbered in order of appearance."""
    seen: dict[str, str] = {}

    def number(kind: str) -> Callable[[re.Match[str]], str]:
        def sub(m: re.Match[str]) -> str:
            v = m.group(0)
            if v in ("ff:ff:ff:ff:ff:ff", "00:00:00:00:00:00"):
                return v
            if v not in seen:
                seen[v] = f"<{kind}{sum(x.startswith('<' + kind) for x in seen.values()) + 1}>"
            return seen[v]
        return sub

    return _LINK_LOCAL.sub(number("LL"), _MAC.sub(number("MAC"), text))


def _replay(script: str, engine: str) -> dict[str, Step]:
    _, steps = run_script(script, hosts=LAB_HOSTS, lan=LAB_LAN, profile=engine)
    return {s.command: s for s in steps}


def _line(*lines: str) -> str:
    return "".join(line + "\n" for line in lines)


LFT = "       valid_lft forever preferred_lft forever"


# -- 26.1 and 20.10: the same texts (MACs from the IPv4 address) ------------------------------

@pytest.mark.parametrize("engine", ["26.1", "20.10"])
def test_dual_stack_before_28(engine: str) -> None:
    """78-ipv6-dual-stack lines 12, 13, 14, 15, 41, 42 as recorded on 26.1 and 20.10."""
    out = _corpus("78-ipv6-dual-stack", engine)
    # docker exec a6 ip addr show eth0 -- BusyBox: IFA_F_NODAD as "flags 02", no IFA_PROTO;
    # the global address before the link-local one
    assert out[12].stdout == _line(
        "5: eth0@if6: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue state UP ",
        "    link/ether 02:42:ac:12:00:02 brd ff:ff:ff:ff:ff:ff",
        "    inet 172.18.0.2/16 brd 172.18.255.255 scope global eth0", LFT,
        "    inet6 fd00:1::2/64 scope global flags 02 ", LFT,
        "    inet6 fe80::42:acff:fe12:2/64 scope link ", LFT)
    # docker exec d6 ip -6 addr show eth0 -- iproute2 with a device: the full link header
    # (RTM_GETLINK), link-netnsid on it
    assert out[13].stdout == _line(
        "7: eth0@if8: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group "
        "default  link-netnsid 0",
        "    inet6 fd00:1::3/64 scope global nodad ", LFT,
        "    inet6 fe80::42:acff:fe12:3/64 scope link proto kernel_ll ", LFT)
    # docker exec d6 ip -6 route
    assert out[14].stdout == _line(
        "fd00:1::/64 dev eth0 proto kernel metric 256 pref medium",
        "fe80::/64 dev eth0 proto kernel metric 256 pref medium",
        "default via fd00:1::1 dev eth0 metric 1024 pref medium")
    # docker exec a6 ip -6 route
    assert out[15].stdout == _line(
        "fd00:1::/64 dev eth0  metric 256 ",
        "fe80::/64 dev eth0  metric 256 ",
        "default via fd00:1::1 dev eth0  metric 1024 ")
    # docker exec d6 ip -6 addr -- two networks: interfaces in index order; the AF_INET6 link
    # dump's short header
    assert out[41].stdout == _line(
        "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 state UNKNOWN qlen 1000",
        "    inet6 ::1/128 scope host proto kernel_lo ", LFT,
        "7: eth0@if8: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 state UP ",
        "    inet6 fd00:1::3/64 scope global nodad ", LFT,
        "    inet6 fe80::42:acff:fe12:3/64 scope link proto kernel_ll ", LFT,
        "14: eth1@if15: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 state UP ",
        "    inet6 fd00:2::20/64 scope global nodad ", LFT,
        "    inet6 fe80::42:acff:fe1e:2/64 scope link proto kernel_ll ", LFT)
    # docker exec d6 ip -6 route -- the trie walk: the subnets, then fe80::/64 per interface in
    # the order added, the default last, through the network that carries the IPv4 default
    # route too ("dual" before "v6")
    assert out[42].stdout == _line(
        "fd00:1::/64 dev eth0 proto kernel metric 256 pref medium",
        "fd00:2::/64 dev eth1 proto kernel metric 256 pref medium",
        "fe80::/64 dev eth0 proto kernel metric 256 pref medium",
        "fe80::/64 dev eth1 proto kernel metric 256 pref medium",
        "default via fd00:2::fe dev eth1 metric 1024 pref medium")


def test_dual_stack_28() -> None:
    """78-ipv6-dual-stack lines 12, 13, 14, 41, 42, 46 on 28.5 (random MACs: numbered)."""
    out = _corpus("78-ipv6-dual-stack", "28.5")
    assert _numbered(out[12].stdout) == _line(
        "2: eth0@if5: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue state UP ",
        "    link/ether <MAC1> brd ff:ff:ff:ff:ff:ff",
        "    inet 172.18.0.2/16 brd 172.18.255.255 scope global eth0", LFT,
        "    inet6 fd00:1::2/64 scope global flags 02 ", LFT,
        "    inet6 <LL1>/64 scope link ", LFT)
    assert _numbered(out[13].stdout) == _line(
        "2: eth0@if6: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group "
        "default  link-netnsid 0",
        "    inet6 fd00:1::3/64 scope global nodad ", LFT,
        "    inet6 <LL1>/64 scope link proto kernel_ll ", LFT)
    assert out[14].stdout == _line(
        "fd00:1::/64 dev eth0 proto kernel metric 256 pref medium",
        "fe80::/64 dev eth0 proto kernel metric 256 pref medium",
        "default via fd00:1::1 dev eth0 metric 1024 pref medium")
    assert _numbered(out[41].stdout) == _line(
        "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 state UNKNOWN qlen 1000",
        "    inet6 ::1/128 scope host proto kernel_lo ", LFT,
        "2: eth0@if6: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 state UP ",
        "    inet6 fd00:1::3/64 scope global nodad ", LFT,
        "    inet6 <LL1>/64 scope link proto kernel_ll ", LFT,
        "3: eth1@if10: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 state UP ",
        "    inet6 fd00:2::20/64 scope global nodad ", LFT,
        "    inet6 <LL2>/64 scope link proto kernel_ll ", LFT)
    assert out[42].stdout.splitlines()[-1] == (
        "default via fd00:2::fe dev eth1 metric 1024 pref medium")
    # docker exec u6 ip -6 addr show eth0 -- BusyBox dumps AF_INET6 links even for one device;
    # the subnet is the engine's random ULA /64 (recorded: fd76:b82b:758e::/64)
    assert re.fullmatch(_line(
        re.escape("2: eth0@if12: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 state UP "),
        r"    inet6 fd[0-9a-f]{2}:[0-9a-f]{1,4}:[0-9a-f]{1,4}::2/64 scope global flags 02 ", LFT,
        r"    inet6 <LL1>/64 scope link ", LFT), _numbered(out[46].stdout))


def test_ipv4_unchanged_next_to_ipv6() -> None:
    """``ip -4 addr`` and ``ip route`` in a dual-stack container show IPv4 only."""
    out = _replay("""docker network create --ipv6 --subnet fd00:1::/64 v6
docker run -itd --name d6 --network v6 netsim-lab/debian
docker exec d6 ip -4 addr show eth0
docker exec d6 ip route
""", "26.1")
    assert "inet6" not in out["docker exec d6 ip -4 addr show eth0"].stdout
    assert out["docker exec d6 ip route"].stdout == _line(
        "default via 172.18.0.1 dev eth0 ",
        "172.18.0.0/16 dev eth0 proto kernel scope link src 172.18.0.2 ")


def test_link_local_is_eui64_of_the_mac() -> None:
    """The link-local address is the EUI-64 of the interface's MAC (recorded on 28.5: eth0
    ca:5e:34:7a:58:81 has fe80::c85e:34ff:fe7a:5881)."""
    out = _corpus("78-ipv6-dual-stack", "28.5")[12].stdout
    mac = re.search(r"link/ether (\S+)", out)
    ll = re.search(r"inet6 (fe80::\S+)/64", out)
    assert mac is not None and ll is not None
    b = bytes.fromhex(mac.group(1).replace(":", ""))
    eui = bytes([b[0] ^ 2]) + b[1:3] + b"\xff\xfe" + b[3:]
    assert ipaddress.IPv6Address(ll.group(1)) == ipaddress.IPv6Address(
        b"\xfe\x80" + bytes(6) + eui)


def test_ipv6_only_network() -> None:
    """79-ipv6-only lines 9, 10, 11 (28.5): no inet line on eth0, no IPv4 route."""
    out = _replay("""docker network create --ipv6 --ipv4=false --subnet fd00:3::/64 v6only
docker run -itd --name o1 --network v6only netsim-lab/alpine
docker run -itd --name o2 --network v6only netsim-lab/debian
docker exec o1 ip addr
docker exec o1 ip route
docker exec o2 ip -6 route
docker exec o2 ip -4 addr
""", "28.5")
    assert _numbered(out["docker exec o1 ip addr"].stdout) == _line(
        "1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000",
        "    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00",
        "    inet 127.0.0.1/8 scope host lo", LFT,
        "    inet6 ::1/128 scope host ", LFT,
        "2: eth0@if5: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue state UP ",
        "    link/ether <MAC1> brd ff:ff:ff:ff:ff:ff",
        "    inet6 fd00:3::2/64 scope global flags 02 ", LFT,
        "    inet6 <LL1>/64 scope link ", LFT)
    assert out["docker exec o1 ip route"].stdout == ""
    assert out["docker exec o2 ip -6 route"].stdout == _line(
        "fd00:3::/64 dev eth0 proto kernel metric 256 pref medium",
        "fe80::/64 dev eth0 proto kernel metric 256 pref medium",
        "default via fd00:3::1 dev eth0 metric 1024 pref medium")
    assert out["docker exec o2 ip -4 addr"].stdout.count(": <") == 1  # lo only


@pytest.mark.parametrize(("engine", "default"), [
    ("28.5", ""), ("26.1", ""),
    # 20.10 gives an --internal network's endpoints a gateway (bridge_internal_gateway)
    ("20.10", "default via fd00:12::1 dev eth0 metric 1024 pref medium\n")])
def test_internal_network_has_no_default_route(engine: str, default: str) -> None:
    """80-ipv6-ports-isolation line 24."""
    out = _replay("""docker network create --ipv6 --internal --subnet fd00:12::/64 i6
docker run -itd --name ia --network i6 netsim-lab/debian
docker exec ia ip -6 route
""", engine)
    assert out["docker exec ia ip -6 route"].stdout == _line(
        "fd00:12::/64 dev eth0 proto kernel metric 256 pref medium",
        "fe80::/64 dev eth0 proto kernel metric 256 pref medium") + default


@pytest.mark.parametrize("engine", ["26.1", "20.10"])
def test_default_bridge_with_ipv6(engine: str) -> None:
    """81-ipv6-default-bridge lines 11, 12 (before 28.0 the address is made from the MAC)."""
    out = _replay("""# netsim: daemon --ipv6 --fixed-cidr-v6=fd00:d0c::/64
docker run -itd --name b1 netsim-lab/alpine
docker run -itd --name b2 netsim-lab/debian
docker exec b1 ip addr show eth0
docker exec b2 ip -6 route
""", engine)
    assert out["docker exec b1 ip addr show eth0"].stdout == _line(
        "4: eth0@if5: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue state UP ",
        "    link/ether 02:42:ac:11:00:02 brd ff:ff:ff:ff:ff:ff",
        "    inet 172.17.0.2/16 brd 172.17.255.255 scope global eth0", LFT,
        "    inet6 fd00:d0c::242:ac11:2/64 scope global flags 02 ", LFT,
        "    inet6 fe80::42:acff:fe11:2/64 scope link ", LFT)
    assert out["docker exec b2 ip -6 route"].stdout == _line(
        "fd00:d0c::/64 dev eth0 proto kernel metric 256 pref medium",
        "fe80::/64 dev eth0 proto kernel metric 256 pref medium",
        "default via fd00:d0c::1 dev eth0 metric 1024 pref medium")


def test_ipv4_only_container_has_no_ipv6_route() -> None:
    """A container on a network without IPv6: Docker turns IPv6 off on its interface, so the
    main IPv6 table is empty (``::1`` is in the local table)."""
    out = _replay("""docker network create n4
docker run -itd --name c4 --network n4 netsim-lab/debian
docker exec c4 ip -6 route
docker exec c4 ip -6 addr show eth0
""", "28.5")
    assert out["docker exec c4 ip -6 route"].stdout == ""
    assert out["docker exec c4 ip -6 addr show eth0"].stdout == ""


def test_host_ipv6_routes_are_not_simulated() -> None:
    """The Docker host's own IPv6 table is not modelled: netsim says so."""
    out = _replay("docker network create --ipv6 --subnet fd00:1::/64 v6\nip -6 route\n", "28.5")
    assert out["ip -6 route"].exit_code == 126
