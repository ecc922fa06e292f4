"""Published ports on a Docker host: how the daemon reads a container's
``HostConfig.PortBindings`` (:class:`PortRequest`), libnetwork's port allocator and the order a
container's bindings are allocated in."""

from __future__ import annotations

import ipaddress
from collections.abc import Sequence
from dataclasses import dataclass, field

from netsim.api import PortMap, Proto, port_key_parts
from netsim.errors import DaemonError
from netsim.versions import PortBindingOrder

__all__ = ["EPHEMERAL_PORTS", "PortAllocator", "PortRequest", "order_bindings", "port_requests",
           "port_sort_key"]

#: Linux's default ``ip_local_port_range``; Docker's ephemeral host ports come from it
#: (daemon/libnetwork/portallocator/portallocator_linux.go getDynamicPortRange).
EPHEMERAL_PORTS = (32768, 60999)


@dataclass(frozen=True)
class PortRequest:
    """One container port to publish, as the daemon reads a PortBindings entry (libnetwork
    types.PortBinding): ``host_port_start == 0`` an ephemeral port; a range longer than one
    port, the first free port of the range."""

    container_port: int
    proto: Proto
    host_ip: str = ""  # "" = every address (0.0.0.0 and ::)
    host_port_start: int = 0
    host_port_end: int = 0

    @property
    def port_key(self) -> str:
        return f"{self.container_port}/{self.proto}"


def port_requests(bindings: PortMap) -> list[PortRequest]:
    """HostConfig.PortBindings → the requests, port by port (``HostPort`` "" ephemeral,
    ``8000-8010`` a range: nat.ParsePortRangeToInt)."""
    out: list[PortRequest] = []
    for key, entries in bindings.items():
        port, proto = port_key_parts(key)
        for b in entries:
            low, _, high = b.HostPort.partition("-")
            start = int(low) if low else 0
            out.append(PortRequest(container_port=port, proto=proto, host_ip=b.HostIp,
                                   host_port_start=start,
                                   host_port_end=int(high) if high else start))
    return out


@dataclass
class PortAllocator:
    """Per-host port bindings (libnetwork portallocator): explicit and ephemeral host ports."""

    #: (host_ip, proto, port) -> container id
    bound: dict[tuple[str, str, int], str] = field(default_factory=dict)
    #: (proto, port) -> the host addresses bound to it (an index for conflict checks)
    by_port: dict[tuple[str, int], set[str]] = field(default_factory=dict)
    last: dict[str, int] = field(default_factory=dict)
    owned: dict[str, set[tuple[str, str, int]]] = field(default_factory=dict)

    def _conflict(self, host_ip: str, proto: str, port: int, per_address: bool = False) -> bool:
        """Same address, or the unspecified address of the same family on either side
        (``per_address``: only the same address, EngineProfile.port_allocator_per_address)."""
        addrs = self.by_port.get((proto, port))
        if not addrs:
            return False
        if per_address:
            return host_ip in addrs
        fam6 = ":" in host_ip
        if host_ip in ("0.0.0.0", "::"):
            return any((":" in a) == fam6 for a in addrs)
        return host_ip in addrs or ("::" if fam6 else "0.0.0.0") in addrs

    def _bind(self, cid: str, addrs: Sequence[str], proto: str, port: int) -> None:
        for a in addrs:
            self.bound[(a, proto, port)] = cid
            self.owned.setdefault(cid, set()).add((a, proto, port))
            self.by_port.setdefault((proto, port), set()).add(a)

    def allocate(self, cid: str, addrs: Sequence[str], proto: str, start: int, end: int,
                 skip: frozenset[int] = frozenset(), *, per_address: bool = False) -> int:
        """Bind one port number on every address of ``addrs``; Docker's error on conflict.
        ``skip``: ports the kernel refused to bind for this request (a host process holds
        them), which a range or an ephemeral request passes over (port_mapping_linux.go
        bindHostPorts retries up to maxAllocatePortAttempts). ``per_address``: an allocator
        with one map per address (≤ 26.x: EngineProfile.port_allocator_per_address), which
        also searches for an ephemeral port from where that address's map left off."""
        if start == 0:  # ephemeral: after the last port handed out, wrapping (portallocator.go)
            lo, hi = EPHEMERAL_PORTS
            key = f"{addrs[0]}/{proto}" if per_address else proto
            last = self.last.get(key, hi)
            span = hi - lo + 1
            for i in range(1, span + 1):
                cand = lo + (last - lo + i) % span
                if cand in skip:
                    continue
                if not any(self._conflict(a, proto, cand, per_address) for a in addrs):
                    self.last[key] = cand
                    self._bind(cid, addrs, proto, cand)
                    return cand
            raise DaemonError("all ports are allocated")
        for cand in range(start, end + 1):
            if cand in skip and start != end:
                continue
            clash = next((a for a in addrs if self._conflict(a, proto, cand, per_address)),
                         None)
            if clash is None:
                self._bind(cid, addrs, proto, cand)
                return cand
            if start == end:
                # portallocator.go RequestPortsInRange (v28.5.2:204-210): the address whose
                # map already holds the port (the existing binding), not the one asked for
                raise DaemonError(f"Bind for {self._holder(addrs, proto, cand)}:{cand} failed: "
                                  "port is already allocated")
        # a range with no port free in it (portallocator.go:257 errAllPortsAllocated)
        raise DaemonError("all ports are allocated")

    def _holder(self, addrs: Sequence[str], proto: str, port: int) -> str:
        """The bound address a request for ``addrs`` collides with: the same address, else the
        unspecified address of its family, else (for an unspecified request) a specific one."""
        held = self.by_port.get((proto, port), set())
        for a in addrs:
            if a in held:
                return a
            unspec = "::" if ":" in a else "0.0.0.0"
            if unspec in held:
                return unspec
            same = sorted(h for h in held if (":" in h) == (":" in a))
            if same and a == unspec:
                return same[0]
        return addrs[0]

    def kernel_clash(self, host_ip: str, proto: str, port: int) -> bool:
        """Another binding holds ``port`` on an address of ``host_ip``'s family that a socket on
        ``host_ip`` collides with in the kernel: one of the two is the unspecified address
        (docker-proxy's listen fails with EADDRINUSE; IPv6 sockets are V6ONLY)."""
        fam6 = ":" in host_ip
        unspec = ("::" if fam6 else "0.0.0.0")
        return any(a != host_ip and (":" in a) == fam6 and unspec in (a, host_ip)
                   for a in self.by_port.get((proto, port), ()))

    def release_port(self, cid: str, addrs: Sequence[str], proto: str, port: int) -> None:
        """Give back one port of a request (its bind failed)."""
        for a in addrs:
            key = (a, proto, port)
            if self.bound.get(key) == cid:
                del self.bound[key]
                self.owned.get(cid, set()).discard(key)
                self.by_port.get((proto, port), set()).discard(a)

    def release(self, cid: str) -> None:
        """Give back every port the container holds."""
        keys = self.owned.pop(cid, None)
        if keys is None:
            keys = {k for k, v in self.bound.items() if v == cid}
        for key in keys:
            if self.bound.get(key) == cid:
                del self.bound[key]
                addrs = self.by_port.get((key[1], key[2]))
                if addrs is not None:
                    addrs.discard(key[0])


#: libnetwork types.Protocol numbers, the order cmpPortBinding sorts protocols in
_PROTO_NUMBERS = {"tcp": 6, "udp": 17, "sctp": 132}


def order_bindings(bindings: list[PortRequest],
                   rule: PortBindingOrder) -> list[PortRequest]:
    """The order a container's port bindings are allocated in (EngineProfile.
    port_binding_order), which decides which gets the first ephemeral port."""
    if len(bindings) < 2:
        return bindings
    if rule == "sort_port_map":
        # go-connections nat.SortPortMap (v26.1.5:vendor/github.com/docker/go-connections/nat/
        # sort.go:47-90): larger host port, then larger container port, then tcp first; then
        # the bindings of each port together, the ports in the order they first appear. (Its
        # Less is no strict order when a larger host port has a smaller container port; the
        # daemon's input is a Go map's order: netsim takes the host port first.)
        ranked = sorted(bindings, key=lambda b: (-b.host_port_start, -b.container_port,
                                                 b.proto != "tcp"))
        groups: dict[str, list[PortRequest]] = {}
        for b in ranked:
            groups.setdefault(b.port_key, []).append(b)
        return [b for group in groups.values() for b in group]

    def host_ip(text: str) -> tuple[int, int]:  # netip.Addr.Compare: none < IPv4 < IPv6
        if not text:
            return (0, 0)
        addr = ipaddress.ip_address(text)
        if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped is not None:
            addr = addr.ipv4_mapped
        return (addr.version, int(addr))

    # v28.5.2:libnetwork/drivers/bridge/port_mapping_linux.go:208-262 sortAndNormPBs,
    # cmpPortBinding: exact host ports before ranges, then container port, protocol, host
    # port(s) and host address
    return sorted(bindings, key=lambda b: (
        b.host_port_start == 0 or b.host_port_start != b.host_port_end, b.container_port,
        _PROTO_NUMBERS.get(b.proto, 0), b.host_port_start, b.host_port_end,
        host_ip(b.host_ip)))


def port_sort_key(key: str) -> tuple[int, str]:
    """``PORT/PROTO`` keys in port order."""
    port, _, proto = key.partition("/")
    return int(port), proto
