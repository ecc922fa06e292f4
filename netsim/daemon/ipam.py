"""Docker's default IPAM: address pools, subnet choice, gateways and container addresses.

Two levels, as in libnetwork's ``defaultipam``:

* :class:`AddressSpace` hands out *subnets*. Each Docker host has one local address space
  (the pools below); the swarm has one global space (``10.0.0.0/8`` split into ``/24``).
  A subnet the user gives (``--subnet``) must not overlap one already allocated; one chosen by
  IPAM is the lowest free subnet in pool order (first fit, Engine ≥ 27), skipping subnets that
  overlap the host's own on-link networks.
* :class:`SubnetPool` hands out *addresses* inside one subnet: the lowest free address of the
  range (``--ip-range``, else the whole subnet), never the subnet's network or broadcast address.

Both are plain, fast, mutable allocators used by the engine; they are not part of the State.
"""

from __future__ import annotations

import bisect
import hashlib
import heapq
import ipaddress
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, overload

from netsim.errors import DaemonError

__all__ = [
    "GLOBAL_SCOPE_POOLS",
    "LOCAL_SCOPE_POOLS",
    "AddressSpace",
    "PoolToSplit",
    "SubnetPool",
    "interface_in",
    "nets_overlap",
    "ula_pool",
]

IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network
IPAddr = ipaddress.IPv4Address | ipaddress.IPv6Address
IPIface = ipaddress.IPv4Interface | ipaddress.IPv6Interface


@overload
def interface_in(address: IPAddr | int,
                 network: ipaddress.IPv4Network) -> ipaddress.IPv4Interface: ...
@overload
def interface_in(address: IPAddr | int,
                 network: ipaddress.IPv6Network) -> ipaddress.IPv6Interface: ...
def interface_in(address: IPAddr | int, network: IPNetwork) -> IPIface:
    """``ip_interface((address, network.prefixlen))`` for an address (or its integer) of
    ``network``, sharing ``network`` as its ``.network``: what the stdlib constructor makes
    (equal, same hash and text; tests/test_ipam.py compares them) without parsing a new network
    per endpoint, 3.5 µs of each join's ~4, and one network object per subnet instead of per
    endpoint. It sets the attributes ``ipaddress.IPv4Interface.__init__`` sets (CPython
    3.11-3.13)."""
    iface: Any
    if isinstance(network, ipaddress.IPv4Network):
        iface = object.__new__(ipaddress.IPv4Interface)
    else:
        iface = object.__new__(ipaddress.IPv6Interface)
        iface._scope_id = None
    iface._ip = int(address)
    iface.network = network
    iface.netmask = network.netmask
    iface._prefixlen = network.prefixlen
    return iface  # type: ignore[no-any-return]  # (cast() would be a call per endpoint)


@dataclass(frozen=True, slots=True)
class PoolToSplit:
    """A base prefix split into subnets of ``size`` bits (daemon ``default-address-pools``)."""

    base: ipaddress.IPv4Network | ipaddress.IPv6Network
    size: int


# source: moby daemon/libnetwork/ipamutils/utils.go localScopeDefaultNetworks (docker-v29.1.0)
LOCAL_SCOPE_POOLS: tuple[PoolToSplit, ...] = (
    PoolToSplit(ipaddress.IPv4Network("172.17.0.0/16"), 16),
    PoolToSplit(ipaddress.IPv4Network("172.18.0.0/16"), 16),
    PoolToSplit(ipaddress.IPv4Network("172.19.0.0/16"), 16),
    PoolToSplit(ipaddress.IPv4Network("172.20.0.0/14"), 16),
    PoolToSplit(ipaddress.IPv4Network("172.24.0.0/14"), 16),
    PoolToSplit(ipaddress.IPv4Network("172.28.0.0/14"), 16),
    PoolToSplit(ipaddress.IPv4Network("192.168.0.0/16"), 20),
)
# source: same file, globalScopeDefaultNetworks
GLOBAL_SCOPE_POOLS: tuple[PoolToSplit, ...] = (
    PoolToSplit(ipaddress.IPv4Network("10.0.0.0/8"), 24),
)

# ipamapi/contract.go
ERR_POOL_OVERLAP = "invalid pool request: Pool overlaps with other one on this address space"
ERR_NO_MORE_SUBNETS = "all predefined address pools have been fully subnetted"
ERR_NO_MORE_SUBNETS_LEGACY = (
    "could not find an available, non-overlapping IPv4 address pool among the defaults to "
    "assign to the network"
)
ERR_NO_MORE_SUBNETS_V6 = (
    "could not find an available, non-overlapping IPv6 address pool among the defaults to "
    "assign to the network"
)
ERR_NO_AVAILABLE_IPS = "no available addresses on this pool"

#: IPv6 spans are kept beside IPv4 ones, shifted above every IPv4 integer
_V6 = 1 << 128


def ula_pool(engine_id: str) -> PoolToSplit:
    """The IPv6 pool an engine ≥ 27 adds when its address pools hold none: a ULA /48 whose
    Global ID is the low 40 bits of the first 8 bytes of sha256(engine ID), split into /64s
    (moby daemon/daemon.go deriveULABaseNetwork, docker-v29.1.0; the ID is the daemon's
    ``engine-id``, ``docker info``'s ID: measured fd76:b82b:758e::/64 on the lab's srv1)."""
    digest = hashlib.sha256(engine_id.encode()).digest()
    gid = int.from_bytes(digest[:8], "big") & ((1 << 40) - 1)
    base = ipaddress.IPv6Network(((0xFD << 120) | (gid << 80), 48))
    return PoolToSplit(base, 64)


def _bounds(net: IPNetwork) -> tuple[int, int]:
    """A subnet's first and last address as integers (``network_address``,
    ``broadcast_address``), without making the broadcast address and host mask objects."""
    first = int(net.network_address)
    return first, first | ((1 << (net.max_prefixlen - net.prefixlen)) - 1)


def _span(net: IPNetwork) -> tuple[int, int]:
    first, last = _bounds(net)
    off = _V6 if net.version == 6 else 0
    return first + off, last + off
ERR_IP_IN_USE = "Address already in use"


def nets_overlap(a: IPNetwork, b: IPNetwork) -> bool:
    """Two subnets of the same family share an address."""
    return a.version == b.version and a.overlaps(b)


@dataclass
class AddressSpace:
    """The subnets allocated in one address space (one Docker host's local space, or swarm's)."""

    pools: Sequence[PoolToSplit] = LOCAL_SCOPE_POOLS
    #: allocated IPv4 subnets as sorted (first address, last address) integer pairs
    _spans: list[tuple[int, int]] = field(default_factory=list)
    _nets: dict[tuple[int, int], list[IPNetwork]] = field(default_factory=dict)
    #: ≤ 26.x engines rotate the start of the search (moby v26.0.0 ipam/allocator.go
    #: updatePredefinedStartIndex); ≥ 27 use first fit
    rotating: bool = False
    #: where the rotating search starts: an index into the pools split into subnets
    _start_index: int = 0
    _split: list[ipaddress.IPv4Network] | None = None
    #: some allocated subnet overlaps another (the --ip-range quirk): spans may nest
    _nested: bool = False

    def _find_overlap(self, lo: int, hi: int) -> tuple[int, int] | None:
        i = bisect.bisect_right(self._spans, (hi, 1 << 260))
        # while spans are disjoint, the last one that starts at or before ``hi`` is the only
        # one that can reach ``lo``
        if i and self._spans[i - 1][1] >= lo:
            return self._spans[i - 1]
        if self._nested:  # a span inside another (the --ip-range quirk): any may reach lo
            return next((s for s in self._spans[:i] if s[1] >= lo), None)
        return None

    def _add(self, net: IPNetwork, key: tuple[int, int] | None = None) -> None:
        """Allocate ``net`` (``key``: its :func:`_span`, when known)."""
        if key is None:
            key = _span(net)
        if key not in self._nets:
            bisect.insort(self._spans, key)
            self._nets[key] = []
        self._nets[key].append(net)

    def overlaps(self, net: IPNetwork) -> bool:
        return self._find_overlap(*_span(net)) is not None

    def request(self, subnet: IPNetwork, *, check_overlap: bool = True) -> IPNetwork:
        """Allocate a subnet the user gave; Docker's error if it overlaps an allocated one.

        ``check_overlap=False`` reproduces the ``--ip-range`` quirk: when a sub-pool is given,
        the parent subnet is not checked (moby daemon/libnetwork/ipams/defaultipam/
        address_space.go allocateSubnetL, moby/moby#46756).
        """
        key = _span(subnet)
        if self._find_overlap(*key) is not None:
            if check_overlap:
                raise DaemonError(ERR_POOL_OVERLAP, status=403)
            # kept beside the subnet it overlaps: a later subnet is still checked against
            # every allocated one (addrSpace.overlaps walks them all)
            self._nested = True
        self._add(subnet, key)
        return subnet

    def request_predefined(
        self, reserved: Iterable[ipaddress.IPv4Network] = (), *, legacy_message: bool = False
    ) -> ipaddress.IPv4Network:
        """The lowest free IPv4 subnet of the pools, in pool order, avoiding ``reserved``
        networks.

        source: defaultipam/address_space.go allocatePredefinedPool (first fit since 27.0).
        """
        reserved_spans = sorted(
            (int(r.network_address), int(r.broadcast_address)) for r in reserved
        )
        if self.rotating:
            return self._request_rotating(reserved_spans, legacy_message)
        for pool in self.pools:
            if pool.base.version != 4:
                continue
            found = self._first_free_in(pool, reserved_spans)
            if found is not None:
                assert isinstance(found, ipaddress.IPv4Network)
                self._add(found)
                return found
        raise DaemonError(
            ERR_NO_MORE_SUBNETS_LEGACY if legacy_message else ERR_NO_MORE_SUBNETS, status=400
        )

    def request_predefined6(self, *, legacy_message: bool = False) -> ipaddress.IPv6Network:
        """The lowest free IPv6 subnet of the pools' IPv6 ones (first fit: defaultipam/
        address_space.go allocatePredefinedPool, docker-v29.1.0); an engine without an IPv6
        pool (≤ 26.x unless the daemon's default-address-pools give one) has none to give."""
        for pool in self.pools:
            if pool.base.version != 6:
                continue
            found = self._first_free_in(pool, [])
            if found is not None:
                assert isinstance(found, ipaddress.IPv6Network)
                self._add(found)
                return found
        # v26.1.5:libnetwork/ipam/allocator.go getPredefinedPool (ipamapi ErrNoMoreSubnets is
        # the ≥ 27 text when a pool exists and is full)
        if legacy_message or not any(p.base.version == 6 for p in self.pools):
            raise DaemonError(ERR_NO_MORE_SUBNETS_V6, status=404)
        raise DaemonError(ERR_NO_MORE_SUBNETS, status=400)

    def _request_rotating(self, reserved: list[tuple[int, int]],
                          legacy_message: bool) -> ipaddress.IPv4Network:
        """≤ 26.x: the pools split into one list of subnets (ipamutils SplitNetworks), searched
        from the start index for the first not overlapping an allocated one; the index then
        moves past it (``start + i + 1``, back to 0 at the end of the list: v26.1.5:libnetwork/
        ipam/allocator.go:184-231, v20.10.24:vendor/github.com/docker/libnetwork/ipam/
        allocator.go:400-448). A subnet on one of the host's routes is held while IPAM is asked
        again (so it, too, moves the index on) and given back at the end (v26.1.5:libnetwork/
        network.go:1531-1568 FindAvailableNetwork, tmpPoolLeases)."""
        if self._split is None:
            self._split = [net for pool in self.pools if isinstance(pool.base,
                                                                    ipaddress.IPv4Network)
                           for net in pool.base.subnets(new_prefix=pool.size)]
        split = self._split
        held: list[ipaddress.IPv4Network] = []
        try:
            while True:
                start = self._start_index if self._start_index < len(split) else 0
                found = None
                for i in range(len(split)):
                    net = split[(start + i) % len(split)]
                    if self._find_overlap(int(net.network_address),
                                          int(net.broadcast_address)) is None:
                        found = net
                        break
                if found is None:
                    raise DaemonError(ERR_NO_MORE_SUBNETS_LEGACY if legacy_message
                                      else ERR_NO_MORE_SUBNETS, status=400)
                nxt = start + i + 1
                self._start_index = nxt if nxt < len(split) else 0
                self._add(found)
                lo, hi = int(found.network_address), int(found.broadcast_address)
                if any(r[0] <= hi and r[1] >= lo for r in reserved):
                    held.append(found)
                    continue
                return found
        finally:
            for net in held:
                self.release(net)

    def _first_free_in(
        self, pool: PoolToSplit, reserved: list[tuple[int, int]]
    ) -> IPNetwork | None:
        base = pool.base
        step = 1 << (base.max_prefixlen - pool.size)
        cur, end = _span(base)
        off = _V6 if base.version == 6 else 0
        while cur + step - 1 <= end:
            lo, hi = cur, cur + step - 1
            blocker = self._find_overlap(lo, hi)
            if blocker is None:
                blocker = next((r for r in reserved if r[0] <= hi and r[1] >= lo), None)
            if blocker is None:
                if base.version == 6:
                    return ipaddress.IPv6Network((lo - off, pool.size))
                return ipaddress.IPv4Network((lo, pool.size))
            # jump to the first aligned candidate after the blocking span
            nxt = ((blocker[1] + 1 + step - 1) // step) * step
            cur = max(nxt, cur + step)
        return None

    def release(self, subnet: IPNetwork) -> None:
        key = _span(subnet)
        nets = self._nets.get(key)
        if not nets:
            return
        nets.remove(subnet)
        if not nets:
            del self._nets[key]
            self._spans.remove(key)


class SubnetPool:
    """Addresses of one subnet: lowest free first (``AddAny(serial=false)``).

    ``ip_range`` restricts dynamic allocation (and the automatic gateway) to a sub-range whose
    own first address *is* allocatable; only the subnet's network and broadcast addresses are
    reserved (defaultipam/allocator.go newPoolData; docker/for-linux#170).
    """

    __slots__ = ("_cursor", "_freed", "_next", "_siblings", "allocated", "hi", "lo", "own",
                 "range", "serial", "subnet")

    def __init__(self, subnet: IPNetwork, ip_range: IPNetwork | None = None, *,
                 serial: bool = False, shared: SubnetPool | None = None) -> None:
        self.subnet = subnet
        self.range = ip_range or subnet
        #: the addresses this pool handed out (the gateway, aux addresses, endpoints)
        self.own: set[int] = set()
        if shared is not None:
            # another network's --ip-range on the very same --subnet: both draw from one
            # bitmap (defaultipam/address_space.go allocateSubnetL adds a child range to the
            # existing parent pool, whose addrs are shared), so a --gateway or --ip one of them
            # holds is "already in use" for the other (measured: 26-macvlan-modes-errors)
            self.allocated: set[int] = shared.allocated
            self._siblings: list[SubnetPool] = shared._siblings
        else:
            self.allocated = set()
            self._siblings = []
            first, last = _bounds(subnet)
            if subnet.version == 4 and subnet.prefixlen < 31:
                self.allocated.add(first)
                self.allocated.add(last)
            elif subnet.version == 6 and subnet.prefixlen < 127:
                self.allocated.add(first)  # the subnet-router anycast address
        self._siblings.append(self)
        self.lo, self.hi = _bounds(self.range)
        self._next = self.lo
        self._freed: list[int] = []
        #: swarm's serial allocation (``com.docker.network.ipam.serial``): the search starts
        #: after the last address handed out and wraps, so freed addresses are not reused at
        #: once (bitmap/sequence.go; docs/reference/swarm-overlay.md §5.2)
        self.serial = serial
        self._cursor = self.lo

    def allocate_any(self) -> IPAddr:
        """The lowest free address in the range (or the next one, serially); Docker's error
        when none is left."""
        return self._addr(self.allocate_int())

    def allocate_int(self) -> int:
        """:meth:`allocate_any`'s address as its integer (an endpoint's goes straight into
        its interface: :func:`interface_in`)."""
        if self.serial:
            span = self.hi - self.lo + 1
            for i in range(span):
                cand = self.lo + (self._cursor - self.lo + i) % span
                if cand not in self.allocated:
                    self._take(cand)
                    self._cursor = cand + 1 if cand < self.hi else self.lo
                    return cand
            raise DaemonError(ERR_NO_AVAILABLE_IPS, status=503)
        allocated = self.allocated
        while self._freed:
            cand = heapq.heappop(self._freed)
            if cand < self._next and cand not in allocated:
                self._take(cand)
                return cand
        cand, hi = self._next, self.hi
        while cand <= hi and cand in allocated:
            cand += 1
        if cand > hi:
            self._next = cand
            raise DaemonError(ERR_NO_AVAILABLE_IPS, status=503)
        self._next = cand + 1
        self._take(cand)
        return cand

    def _take(self, value: int) -> None:
        self.allocated.add(value)
        self.own.add(value)

    def _addr(self, value: int) -> IPAddr:
        if self.subnet.version == 4:
            return ipaddress.IPv4Address(value)
        return ipaddress.IPv6Address(value)

    def allocate(self, address: IPAddr) -> IPAddr:
        """A specific address (``--ip``, ``--gateway``, ``--aux-address``)."""
        value = int(address)
        if value in self.allocated:
            raise DaemonError(ERR_IP_IN_USE, status=403)
        self._take(value)
        return address

    def release(self, address: IPAddr) -> None:
        value = int(address)
        if value not in self.allocated:
            return
        self.allocated.discard(value)
        self.own.discard(value)
        for pool in self._siblings:  # each range that passed it by may hand it out again
            if pool.lo <= value <= pool.hi and value < pool._next:
                heapq.heappush(pool._freed, value)

    def detach(self) -> None:
        """The network is gone: what it held goes back to the bitmap it shares (if any)."""
        for value in sorted(self.own):
            self.release(self._addr(value))
        if self in self._siblings:
            self._siblings.remove(self)

    def __contains__(self, address: IPAddr) -> bool:
        return int(address) in self.allocated
