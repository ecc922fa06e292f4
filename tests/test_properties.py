"""Properties of the engine and the scenario format over random programs."""

from __future__ import annotations

import contextlib

from hypothesis import HealthCheck, given, settings
from strategies import programs

from netsim.api import Operation, Scenario
from netsim.daemon.engine import Engine
from netsim.errors import DaemonError
from netsim.io.scenario import dump_scenario, parse_scenario
from netsim.state import State


def check_addresses(state: State) -> None:
    """Unique per network, inside the subnet (and range), never the gateway or an aux address."""
    for net in state.networks():
        sub = net.ipv4_subnet
        seen: dict[str, str] = {}
        for c in state.containers():
            ep = c.endpoint(net.name)
            if ep is None or not ep.active:
                continue
            assert c.running, f"{c.name} is {c.status} but holds an endpoint on {net.name}"
            if sub is None:  # host / none: no addresses at all
                assert ep.ipv4 is None
                continue
            assert ep.ipv4 is not None
            ip = ep.ipv4.ip
            assert ip in sub.subnet
            assert ip not in (sub.subnet.network_address, sub.subnet.broadcast_address)
            if ep.config.ipv4_address is None and sub.ip_range is not None:
                assert ip in sub.ip_range
            if ep.config.ipv4_address is not None:
                assert ip == ep.config.ipv4_address
            assert ip != sub.gateway
            assert ip not in sub.aux_addresses.values()
            assert str(ip) not in seen, f"{ip} given to {seen.get(str(ip))} and {c.name}"
            seen[str(ip)] = c.name


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programs())
def test_addresses_stay_valid(ops: list[Operation]) -> None:
    """Any sequence of operations keeps every network's addresses valid and unique."""
    engine = Engine()
    for op in ops:
        with contextlib.suppress(DaemonError):  # refused: the state must stay consistent
            engine.execute(op)
        check_addresses(engine.state())


@settings(max_examples=200, deadline=None)
@given(programs())
def test_scenario_round_trip(ops: list[Operation]) -> None:
    """scenario → YAML → scenario is equal, and so is JSON."""
    scenario = Scenario(steps=tuple(ops))
    assert parse_scenario(dump_scenario(scenario)) == scenario
    assert parse_scenario(dump_scenario(scenario, fmt="json")) == scenario
