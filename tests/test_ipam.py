"""IPAM: Docker's pools, first-fit subnets and lowest-free addresses."""

from __future__ import annotations

import ipaddress

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netsim.daemon.ipam import AddressSpace, SubnetPool, interface_in
from netsim.errors import DaemonError


def test_pool_sequence_is_dockers() -> None:
    """The 31 local subnets come in Docker's order: 172.17–31/16 then 192.168.x.0/20."""
    space = AddressSpace()
    got = [str(space.request_predefined()) for _ in range(31)]
    assert got[:3] == ["172.17.0.0/16", "172.18.0.0/16", "172.19.0.0/16"]
    assert got[14] == "172.31.0.0/16"
    assert got[15] == "192.168.0.0/20"
    assert got[16] == "192.168.16.0/20"
    assert got[30] == "192.168.240.0/20"
    with pytest.raises(DaemonError) as err:
        space.request_predefined()
    assert err.value.text == "all predefined address pools have been fully subnetted"


def test_first_fit_reuses_a_freed_subnet() -> None:
    """Engine ≥ 27: a deleted network's subnet is the next one handed out."""
    space = AddressSpace()
    _a, b, _c = (space.request_predefined() for _ in range(3))
    space.release(b)
    assert space.request_predefined() == b


def test_rotating_allocation_before_27() -> None:
    """Engine ≤ 26 rotates: a freed subnet is not reused at once."""
    space = AddressSpace(rotating=True)
    _a, b, _c = (space.request_predefined() for _ in range(3))
    space.release(b)
    assert str(space.request_predefined()) == "172.20.0.0/16"


def test_reserved_host_network_is_skipped() -> None:
    """A pool overlapping the host's LAN is skipped (172.18.0.0/16 LAN → 172.19 next)."""
    space = AddressSpace()
    reserved = [ipaddress.IPv4Network("172.18.0.0/16")]
    assert str(space.request_predefined(reserved)) == "172.17.0.0/16"
    assert str(space.request_predefined(reserved)) == "172.19.0.0/16"


def test_user_subnet_overlap_is_refused() -> None:
    space = AddressSpace()
    space.request(ipaddress.IPv4Network("192.168.0.0/16"))
    with pytest.raises(DaemonError) as err:
        space.request(ipaddress.IPv4Network("192.168.128.0/17"))
    assert err.value.text == (
        "invalid pool request: Pool overlaps with other one on this address space"
    )


def test_predefined_skips_user_subnets() -> None:
    space = AddressSpace()
    space.request(ipaddress.IPv4Network("172.17.5.0/24"))
    assert str(space.request_predefined()) == "172.18.0.0/16"


def test_lowest_free_address_and_reuse() -> None:
    pool = SubnetPool(ipaddress.IPv4Network("172.18.0.0/16"))
    assert str(pool.allocate_any()) == "172.18.0.1"
    assert str(pool.allocate_any()) == "172.18.0.2"
    assert str(pool.allocate_any()) == "172.18.0.3"
    pool.release(ipaddress.IPv4Address("172.18.0.2"))
    assert str(pool.allocate_any()) == "172.18.0.2"
    assert str(pool.allocate_any()) == "172.18.0.4"


def test_ip_range_first_address_is_allocatable() -> None:
    """docker/for-linux#170: the range's own first address is handed out."""
    pool = SubnetPool(
        ipaddress.IPv4Network("10.243.0.0/16"), ipaddress.IPv4Network("10.243.3.0/24")
    )
    pool.allocate(ipaddress.IPv4Address("10.243.3.1"))
    assert str(pool.allocate_any()) == "10.243.3.0"
    assert str(pool.allocate_any()) == "10.243.3.2"


def test_exhaustion_and_in_use() -> None:
    pool = SubnetPool(ipaddress.IPv4Network("10.0.0.0/30"))
    assert str(pool.allocate_any()) == "10.0.0.1"
    assert str(pool.allocate_any()) == "10.0.0.2"
    with pytest.raises(DaemonError) as err:
        pool.allocate_any()
    assert err.value.text == "no available addresses on this pool"
    with pytest.raises(DaemonError) as err:
        pool.allocate(ipaddress.IPv4Address("10.0.0.1"))
    assert err.value.text == "Address already in use"


def test_serial_allocation_does_not_reuse_at_once() -> None:
    """Swarm pools are serial: a freed address comes back only after the cursor wraps."""
    pool = SubnetPool(ipaddress.IPv4Network("10.0.1.0/29"), serial=True)
    got = [str(pool.allocate_any()) for _ in range(3)]
    assert got == ["10.0.1.1", "10.0.1.2", "10.0.1.3"]
    pool.release(ipaddress.IPv4Address("10.0.1.2"))
    assert str(pool.allocate_any()) == "10.0.1.4"
    assert [str(pool.allocate_any()) for _ in range(2)] == ["10.0.1.5", "10.0.1.6"]
    assert str(pool.allocate_any()) == "10.0.1.2"  # wrapped around


@given(st.integers(0, 32), st.integers(0, 2**32 - 1))
def test_interface_in_is_the_stdlib_interface_v4(prefix: int, value: int) -> None:
    """interface_in builds what ipaddress.IPv4Interface((address, prefix)) does."""
    network = ipaddress.IPv4Network((value, prefix), strict=False)
    address = ipaddress.IPv4Address(value)
    made, std = interface_in(address, network), ipaddress.IPv4Interface((value, prefix))
    assert type(made) is type(std) and made == std and hash(made) == hash(std)
    assert (str(made), repr(made), made.ip, made.network, made.netmask, made.with_netmask,
            made.hostmask) == (str(std), repr(std), std.ip, std.network, std.netmask,
                               std.with_netmask, std.hostmask)
    assert made.network is network


@given(st.integers(0, 128), st.integers(0, 2**128 - 1))
def test_interface_in_is_the_stdlib_interface_v6(prefix: int, value: int) -> None:
    network = ipaddress.IPv6Network((value, prefix), strict=False)
    address = ipaddress.IPv6Address(value)
    made, std = interface_in(address, network), ipaddress.IPv6Interface((value, prefix))
    assert type(made) is type(std) and made == std and hash(made) == hash(std)
    assert (str(made), repr(made), made.ip, made.network, made.with_prefixlen,
            made.scope_id) == (str(std), repr(std), std.ip, std.network, std.with_prefixlen,
                               std.scope_id)
