"""The endpoint path's shortcuts give what the longer way did: the IDs, MACs and veth names of
netsim.daemon.ids byte for byte, and a network's JoinPlan (netsim.daemon.endpoints
``_join_plan``) made again whenever anything it is read from changes."""

from __future__ import annotations

import hashlib
import ipaddress

from hypothesis import given
from hypothesis import strategies as st

from netsim.api import (
    IPAM,
    ContainerConfig,
    ContainerCreate,
    ContainerSpec,
    HostConfig,
    IPAMConfig,
    NetworkCreate,
    NetworkSpec,
)
from netsim.daemon import drivers, ids
from netsim.daemon.drivers.bridge import BridgeDriver
from netsim.daemon.engine import Engine
from netsim.daemon.fork import fork
from netsim.state import NetworkState
from netsim.versions import EngineProfile, profile

# ------------------------------------------------------------------ ids: the same bytes


def _reference_digest(seed: int, parts: tuple[object, ...]) -> bytes:
    """The digest as first written: SHA-256 of the parts' str() joined by US."""
    return hashlib.sha256("\x1f".join([str(seed), *map(str, parts)]).encode()).digest()


def _reference_hex_id(seed: int, *parts: object) -> str:
    salt = 0
    while True:
        value = _reference_digest(seed, (*parts, salt) if salt else parts).hex()
        if not value[:12].isdigit():
            return value
        salt += 1


def _reference_mac(seed: int, *parts: object, docker_prefix: bool = False) -> str:
    raw = bytearray(_reference_digest(seed, ("mac", *parts))[:6])
    raw[0] = (raw[0] & 0xFE) | 0x02
    if docker_prefix:
        raw[:2] = b"\x02\x42"
    return raw.hex(":")


PARTS = st.lists(st.one_of(st.text(max_size=70), st.integers(), st.booleans(), st.none(),
                           st.tuples(st.text(max_size=3), st.integers())), max_size=12)


@given(st.integers(0, 2**40), PARTS)
def test_ids_are_the_reference_bytes(seed: int, parts: list[object]) -> None:
    """Every number of parts (each format :func:`ids._digest` makes once), every kind of part."""
    key = tuple(parts)
    assert ids._digest(seed, key) == _reference_digest(seed, key)
    assert ids.hex_id(seed, *key) == _reference_hex_id(seed, *key)
    assert ids.mac_address(seed, *key) == _reference_mac(seed, *key)
    assert ids.mac_address(seed, *key, docker_prefix=True) == _reference_mac(
        seed, *key, docker_prefix=True)
    assert ids.veth_name(seed, *key) == "veth" + _reference_digest(seed, ("veth", *key)).hex()[:7]


def test_ids_pinned() -> None:
    """Values the first implementation gave."""
    cid = ids.hex_id(0, "container", "c1", 1)
    assert cid == "210ba3b9ba377d4f0102539bf70abe9d423846a86d36a670b40b308de52b6ddf"
    assert ids.mac_address(0, cid, "n", 1) == "e2:8b:2f:f7:e9:06"
    assert ids.mac_address(3, "x", docker_prefix=True) == "02:42:d6:c3:c4:34"
    assert ids.veth_name(7, "a", "b", 1) == "veth0192986"


# ------------------------------------------------------------------ the join plan's key


def _network(engine: Engine, name: str, subnet: str, *, internal: bool = False) -> None:
    engine.execute(NetworkCreate(network=NetworkSpec(
        Name=name, Internal=internal, IPAM=IPAM(Config=(IPAMConfig(Subnet=subnet),)))))


def _run(engine: Engine, name: str, network: str) -> tuple[str | None, str | None]:
    """Run a container on ``network``: its address and gateway there."""
    engine.execute(ContainerCreate(container=ContainerSpec(
        name=name, Config=ContainerConfig(Image="nginx"),
        HostConfig=HostConfig(NetworkMode=network))))
    ep = engine.state().container(name).endpoint(network)
    assert ep is not None
    return (str(ep.ipv4.ip) if ep.ipv4 else None, str(ep.gateway) if ep.gateway else None)


def test_plan_follows_the_network_state() -> None:
    """``netsim whatif --internal`` replaces the network's state: the next endpoint has no
    gateway (a plan kept for the old state would give it one)."""
    engine = Engine()
    _network(engine, "n1", "10.9.0.0/24")
    assert _run(engine, "c1", "n1") == ("10.9.0.2", "10.9.0.1")
    assert _run(engine, "c2", "n1") == ("10.9.0.3", "10.9.0.1")
    engine.reshape_network("host", "n1", internal=True)
    assert _run(engine, "c3", "n1") == ("10.9.0.4", None)


def test_plan_follows_the_profile() -> None:
    """An internal bridge network's endpoints have a gateway on 20.10, none on 28.5
    (EngineProfile.bridge_internal_gateway): the same network, the profile swapped."""
    old, new = profile("20.10"), profile("28.5")
    assert old.bridge_internal_gateway and not new.bridge_internal_gateway
    engine = Engine(profile=new)
    _network(engine, "n1", "10.9.0.0/24", internal=True)
    # (c1's the bridge's first port: its state changes, link_local; c2's plan is kept)
    assert _run(engine, "c1", "n1") == ("10.9.0.2", None)
    assert _run(engine, "c2", "n1") == ("10.9.0.3", None)
    engine.profile = old
    assert _run(engine, "c3", "n1") == ("10.9.0.4", "10.9.0.1")


class _NoGateway(BridgeDriver):
    def endpoint_gateway(self, net: NetworkState, profile: EngineProfile) -> bool:
        return False


def test_plan_follows_the_driver() -> None:
    """A driver registered again under the network's driver name is the one asked."""
    engine = Engine()
    _network(engine, "n1", "10.9.0.0/24")
    assert _run(engine, "c1", "n1") == ("10.9.0.2", "10.9.0.1")
    assert _run(engine, "c2", "n1") == ("10.9.0.3", "10.9.0.1")
    original = drivers.get("bridge")
    drivers.register(_NoGateway(), replace=True)
    try:
        assert _run(engine, "c3", "n1") == ("10.9.0.4", None)
    finally:
        drivers.register(original, replace=True)
    assert _run(engine, "c4", "n1") == ("10.9.0.5", "10.9.0.1")


def test_a_fork_joins_from_its_own_pools() -> None:
    """A plan made before a fork is shared by it (a value): it names its pools by index, so
    the fork's endpoints take addresses from the fork's pools, not the original's."""
    engine = Engine()
    _network(engine, "n1", "10.9.0.0/24")
    assert _run(engine, "c1", "n1")[0] == "10.9.0.2"
    assert engine._rt("host").networks["n1"].plan is not None
    twin = fork(engine)
    assert _run(twin, "c2", "n1")[0] == "10.9.0.3"
    assert _run(twin, "c3", "n1")[0] == "10.9.0.4"
    assert _run(engine, "c2", "n1")[0] == "10.9.0.3"
    assert ipaddress.IPv4Address("10.9.0.4") not in engine._rt("host").networks["n1"].pools[0]
