"""netsim.daemon.netns: a namespace's peer ids (the lowest free one, reused once freed)."""

from __future__ import annotations

from netsim.api import Host
from netsim.daemon.netns import Netns


def test_peer_ids_are_the_lowest_free_and_reused_once_freed_elsewhere() -> None:
    ns = Netns()
    assert [ns.nsid(k) for k in ("a", "b", "c", "a")] == [0, 1, 2, 0]
    ns.nsids.pop("b")  # freed by its owner (a sandbox or an overlay gone), not by nsid
    assert ns.nsid("d") == 1
    assert ns.nsid("e") == 3
    ns.nsids.pop("a")
    ns.nsids.pop("d")
    assert [ns.nsid("f"), ns.nsid("g"), ns.nsid("h")] == [0, 1, 4]


def test_a_hosts_preset_peer_id_is_taken() -> None:
    ns = Netns.of_host(Host(name="h", nic="veth"))
    assert ns.nsids == {"nic-peer": 0}
    assert ns.nsid("sandbox:x") == 1


def test_fresh_namespaces_do_not_share_their_sets() -> None:
    a, b = Netns(), Netns()
    a.alloc()
    assert a.live == {1, 2} and b.live == {1}
    assert a.alloc() == 3 and b.alloc() == 2
