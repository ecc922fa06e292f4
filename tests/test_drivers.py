"""Network drivers (issue 13: a driver is one module): the registry, the daemon asking drivers
instead of comparing names, and a driver defined outside netsim."""

from __future__ import annotations

import ast
import ipaddress
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path
from typing import Literal

import pytest
from pydantic import ValidationError

from netsim.api import (
    ContainerCreate,
    ContainerSpec,
    EndpointConfig,
    IpamConfig,
    NetworkCreate,
    NetworkSpec,
    OverlayNetwork,
)
from netsim.daemon import drivers
from netsim.daemon.drivers import CONTAINER_MODE, DriverDefaults, NetworkDriver
from netsim.daemon.engine import Engine
from netsim.daemon.netns import Netns
from netsim.daemon.runtime import HostRuntime
from netsim.state import NetworkState
from netsim.versions import EngineProfile

ROOT = Path(__file__).resolve().parent.parent
DAEMON = ROOT / "netsim" / "daemon"
BUILTIN = ("bridge", "host", "null", "macvlan", "ipvlan", "overlay")
#: the model's network classes: discriminating on them is comparing driver names by other means
NETWORK_CLASSES = {"BridgeNetwork", "MacvlanNetwork", "IpvlanNetwork", "OverlayNetwork"}


# ------------------------------------------------------------------ the registry


def test_every_builtin_driver_is_registered() -> None:
    """Each driver netsim models is registered under its name and has the whole protocol."""
    members = [m for m in dir(NetworkDriver) if not m.startswith("_")]
    assert {"name", "scope", "check_options", "create", "plug"} <= set(members)
    for name in BUILTIN:
        driver = drivers.get(name)
        assert driver.name == name
        assert drivers.BUILTIN[name] is driver
        for member in members:
            assert hasattr(driver, member), (name, member)
    assert set(BUILTIN) <= set(drivers.registered())


def test_container_mode_is_a_mode_not_a_driver() -> None:
    """``--network container:NAME`` shares a namespace: no network, hence no registered
    driver."""
    assert "container" not in drivers.registered()
    assert CONTAINER_MODE.applies("container:web")
    assert CONTAINER_MODE.target("container:web") == "web"
    assert not CONTAINER_MODE.applies("host")


def test_unknown_driver_and_double_registration() -> None:
    with pytest.raises(KeyError):
        drivers.get("no-such-driver")
    with pytest.raises(ValueError, match="already registered"):
        drivers.register(drivers.get("bridge"))


# ------------------------------------------------------------------ no names compared


def _is_driver(node: ast.expr) -> bool:
    return (isinstance(node, ast.Name) and node.id == "driver") or (
        isinstance(node, ast.Attribute) and node.attr == "driver")


def _is_names(node: ast.expr) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.Tuple | ast.List | ast.Set):
        return bool(node.elts) and all(
            isinstance(e, ast.Constant) and isinstance(e.value, str) for e in node.elts)
    return False


def driver_comparisons(source: str, where: str = "<source>") -> list[str]:
    """``driver ==``/``!=``/``in (…)``/``not in (…)`` a name, and isinstance() of a network
    spec class: the daemon deciding by a network's driver name instead of asking its driver."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            for op, (a, b) in zip(node.ops, pairwise(operands), strict=True):
                if isinstance(op, ast.Eq | ast.NotEq | ast.In | ast.NotIn) and (
                        (_is_driver(a) and _is_names(b)) or (_is_driver(b) and _is_names(a))):
                    found.append(f"{where}:{node.lineno}: {ast.unparse(node)}")
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
              and node.func.id == "isinstance" and len(node.args) == 2
              and NETWORK_CLASSES & {n.id for n in ast.walk(node.args[1])
                                     if isinstance(n, ast.Name)}):
            found.append(f"{where}:{node.lineno}: {ast.unparse(node)}")
    return found


def test_the_daemon_asks_drivers_instead_of_comparing_names() -> None:
    """Outside netsim/daemon/drivers/, no module of the daemon compares a driver's name (the
    checker itself is tried on the comparisons the engine had)."""
    found = [hit for path in sorted(DAEMON.rglob("*.py"))
             if "drivers" not in path.relative_to(DAEMON).parts
             for hit in driver_comparisons(path.read_text(encoding="utf-8"),
                                           str(path.relative_to(ROOT)))]
    assert found == []
    sample = '''
if net.driver == "bridge" or st.driver in ("host", "null") or "overlay" != o.driver:
    pass
if isinstance(spec, MacvlanNetwork | IpvlanNetwork) and spec.ipam_driver not in ("default",):
    pass
l3 = driver.scope == "swarm" and drivers.get(net.driver).publishes_ports
'''
    assert [h.split(": ", 1)[0] for h in driver_comparisons(sample)] == [
        "<source>:2", "<source>:2", "<source>:2", "<source>:4"]


# ------------------------------------------------------------------ a driver of one's own


class FauxDriver(DriverDefaults):
    """A test-only driver: a local network without a gateway route, its links on a dummy
    parent of its own; it records what the daemon asked it."""

    name = "faux-test"

    def __init__(self) -> None:
        self.asked: list[str] = []

    def check_options(self, spec: NetworkSpec, profile: EngineProfile) -> None:
        self.asked.append("check_options")

    def network_link(self, rt: HostRuntime, spec: NetworkSpec) -> int | None:
        self.asked.append("network_link")
        return rt.netns.alloc()

    def endpoint_gateway(self, net: NetworkState, profile: EngineProfile) -> bool:
        return False

    def plug(self, rt: HostRuntime, sandbox: Netns, net: NetworkState, *, gateway_only: bool,
             profile: EngineProfile) -> tuple[int, int, str]:
        self.asked.append("plug")
        return super().plug(rt, sandbox, net, gateway_only=gateway_only, profile=profile)


class FauxNetwork(OverlayNetwork):
    """A declaration of a network of the test's driver (the model has no open variant)."""

    driver: Literal["faux-test"] = "faux-test"  # type: ignore[assignment]


@pytest.fixture
def faux() -> Iterator[FauxDriver]:
    driver = FauxDriver()
    drivers.register(driver)
    yield driver
    drivers.unregister(driver.name)


def test_a_driver_of_ones_own_registers(faux: FauxDriver) -> None:
    """Registered only (no edit of netsim): the daemon finds it by its name."""
    assert drivers.get("faux-test") is faux
    assert drivers.registered()["faux-test"] is faux


@pytest.mark.xfail(strict=True, raises=ValidationError, reason=(
    "the model is closed to new drivers: NetworkSpec (netsim/api/, now netsim/api/"
    "network.py) is a union discriminated on a Literal driver, so NetworkCreate.network refuses "
    "a spec of another driver; netsim/state.py NetworkState.driver is a Literal of the six "
    "built-in names and NetworkState.spec a NetworkSpec; integration opens them (then remove "
    "this mark)"))
def test_containers_attach_to_a_network_of_ones_own_driver(faux: FauxDriver) -> None:
    """Through the engine's public API: a network of the test's driver, two containers on it."""
    engine = Engine()
    engine.execute(NetworkCreate(network=FauxNetwork(
        name="faux1", ipam=(IpamConfig(subnet="10.99.0.0/24"),))))
    for name in ("c1", "c2"):
        engine.execute(ContainerCreate(container=ContainerSpec(
            name=name, image="nginx", networks=(EndpointConfig(network="faux1"),))))
    st = engine.state()
    net = st.network("faux1")
    assert net.driver == faux.name
    assert str(net.subnets[0].subnet) == "10.99.0.0/24"
    a, b = st.container("c1"), st.container("c2")
    assert a.running and b.running
    eps = [c.endpoint("faux1") for c in (a, b)]
    assert [e.ifname for e in eps if e is not None] == ["eth0", "eth0"]
    assert [e.ipv4.ip for e in eps if e is not None and e.ipv4 is not None] == [
        ipaddress.IPv4Address("10.99.0.2"), ipaddress.IPv4Address("10.99.0.3")]
    assert all(e is not None and e.gateway is None for e in eps)
    assert faux.asked == ["check_options", "network_link", "plug", "plug"]
