"""Properties of the embedded DNS over random setups, against an oracle written from Docker's
name-resolution code (moby docker-v29.1.0: daemon/libnetwork/sandbox.go ResolveName, network.go
ResolveName, resolver.go handleIPQuery; daemon/container_operations.go buildEndpointDNSNames),
not from netsim.analysis.dns."""

from __future__ import annotations

import contextlib
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import reach_programs

from netsim.analysis.dns import Rcode, query, query_series
from netsim.api import Operation
from netsim.daemon.engine import Engine
from netsim.errors import DaemonError
from netsim.state import ContainerState, EndpointState, State

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def build(program: list[Operation]) -> State:
    engine = Engine(seed=7)
    for op in program:
        with contextlib.suppress(DaemonError):
            engine.execute(op)
    return engine.state()


def sandbox(st: State, c: ContainerState) -> ContainerState | None:
    """The running container whose namespace c uses (None: a joiner whose owner restarted)."""
    seen = set()
    while c.network_mode.startswith("container:"):
        if c.id in seen:
            return None
        seen.add(c.id)
        owner = st.by_id().get(c.sandbox_owner or "")
        if owner is None or not owner.running or owner.sandbox_id != c.sandbox_id:
            return None
        c = owner
    return c


def joined(c: ContainerState) -> list[EndpointState]:
    return [e for e in c.endpoints if e.ipv4 is not None and not e.gateway_only]


def oracle(st: State, client: ContainerState, target: ContainerState) -> set[str] | None:
    """The addresses Docker answers for target's name at client: None when the embedded DNS
    does not know it. The first network (by gw-priority, non-internal, with a gateway, name)
    that both share wins; only target's address there."""
    owner = sandbox(st, client)
    if owner is None or not target.running:
        return None
    nets = st.host().networks
    mine = {e.network: e for e in joined(owner) if nets[e.network].is_user_defined}
    if not mine:
        return None
    theirs = {e.network: e for e in joined(target)}
    shared = [n for n in mine if n in theirs]
    if not shared:
        return None
    first = min(shared, key=lambda n: (-mine[n].config.GwPriority, nets[n].internal,
                                       mine[n].gateway is None, n))
    ip = theirs[first].ipv4
    assert ip is not None
    return {str(ip.ip)}


@SETTINGS
@given(reach_programs(), st.integers(0, 2**16))
def test_names_resolve_exactly_where_the_rules_say(program: list[Operation], seed: int) -> None:
    """For every running client and every container's name: the embedded DNS answers the
    target's address on the first shared user-defined network, or nothing at all."""
    st = build(program)
    rng = random.Random(seed)
    for client in st.containers():
        if not client.running or sandbox(st, client) is None:
            continue
        for target in st.containers():
            expected = oracle(st, client, target)
            answer = query(st, client.name, target.name, rng=rng)
            if expected is None:
                assert not answer.addresses, (client.name, target.name, str(answer))
                assert answer.rcode in (Rcode.NXDOMAIN, Rcode.SERVFAIL, None), str(answer)
            else:
                assert set(answer.addresses) == expected, (client.name, target.name,
                                                           str(answer))


@SETTINGS
@given(reach_programs(), st.integers(0, 2**16))
def test_answers_are_permutations_of_one_set(program: list[Operation], seed: int) -> None:
    """Repeated queries give the same set of addresses, without duplicates, each time."""
    st = build(program)
    clients = [c for c in st.containers() if c.running and sandbox(st, c) is not None]
    for client in clients[:2]:
        for target in list(st.containers())[:3]:
            series = query_series(st, client.name, target.name, 5, seed=seed)
            sets = {frozenset(a.addresses) for a in series.answers}
            assert len(sets) == 1
            assert all(len(a.addresses) == len(set(a.addresses)) for a in series.answers)
