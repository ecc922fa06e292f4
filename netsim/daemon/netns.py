"""Network namespaces as the kernel numbers them: interface indexes and peer netns ids."""

from __future__ import annotations

from dataclasses import dataclass, field

from netsim.api import Host

__all__ = ["Netns"]


@dataclass
class Netns:
    """A network namespace as the kernel numbers it: interface indexes and peer netns ids.

    Linux gives a namespace's interfaces indexes from a counter that only goes up
    (``net/core/dev.c`` ``dev_index_reserve``: ``xa_alloc_cyclic`` from ``net->ifindex``); a device
    moved into a namespace keeps its index when no device there has it, else it gets the next
    (``dev_change_net_namespace``). Another namespace gets an id (``link-netnsid``) the first
    time a device links to it or moves to it: the lowest free one, freed when that namespace
    dies (``net_namespace.c`` ``alloc_netid``, ``peernet2id_alloc``). Measured on the lab
    (Docker 28.5, Linux 6.18): see tests/test_probes_interfaces.py.
    """

    next: int = 2  # lo is 1
    live: set[int] = field(default_factory=lambda: {1})
    nsids: dict[str, int] = field(default_factory=dict)
    #: the N of the next ``ethN`` (EngineProfile.ifname_counter_per_sandbox)
    next_eth: int = 0
    #: :meth:`nsid`'s index: the ids in use, the lowest that may be free, and how many ids
    #: there were after its last change (another count: some were freed or set elsewhere,
    #: the index is rebuilt; the empty index is that of no ids)
    _used: set[int] = field(default_factory=set, repr=False, compare=False)
    _low: int = field(default=0, repr=False, compare=False)
    _count: int = field(default=0, repr=False, compare=False)

    @classmethod
    def of_host(cls, host: Host) -> Netns:
        """A Docker host at boot: lo 1, its NIC 2, docker0 3 (the daemon's first bridge); a
        veth NIC links to its peer's namespace, which takes id 0."""
        return cls(next=4, live={1, 2, 3}, nsids={"nic-peer": 0} if host.nic == "veth" else {})

    def alloc(self) -> int:
        """The next free index: a device created here."""
        idx = self.next
        while idx in self.live:
            idx += 1
        self.next = idx + 1
        self.live.add(idx)
        return idx

    def passing(self) -> int:
        """An index taken by a device created here and moved to another namespace at once."""
        idx = self.alloc()
        self.live.discard(idx)
        return idx

    def move_in(self, idx: int) -> int:
        """A device arriving from another namespace with index ``idx``: its index here."""
        if idx in self.live:
            return self.alloc()
        self.live.add(idx)
        return idx

    def nsid(self, key: str) -> int:
        """This namespace's id for another one (``key``), allocated on first use."""
        found = self.nsids.get(key)
        if found is not None:
            return found
        if self._count != len(self.nsids):  # ids were freed (or set) elsewhere: re-index
            self._used = set(self.nsids.values())
            self._low = 0
        i = self._low
        while i in self._used:
            i += 1
        self.nsids[key] = i
        self._used.add(i)
        self._low = i + 1  # every id below i is in use
        self._count = len(self.nsids)
        return i
