"""Network drivers (issue 13: a driver is one module): the registry, no module outside the
drivers comparing driver names, one network model whatever the driver, and a driver defined in
this file (registered only) that the daemon, the CLI, reach, the matrix and the drawing all take."""

from __future__ import annotations

import ast
import ipaddress
import json
from collections.abc import Iterator
from itertools import pairwise
from pathlib import Path

import pytest

from netsim.analysis.reach import RULES, matrix, reach
from netsim.api import (
    IPAM,
    BridgeNetwork,
    ContainerConfig,
    ContainerCreate,
    ContainerSpec,
    HostConfig,
    IPAMConfig,
    MacvlanNetwork,
    NetworkCreate,
    NetworkSpec,
    OverlayNetwork,
)
from netsim.cli import main
from netsim.daemon import drivers
from netsim.daemon.drivers import CONTAINER_MODE, DriverDefaults, NetworkDriver
from netsim.daemon.engine import Engine
from netsim.daemon.netns import Netns
from netsim.daemon.runtime import HostRuntime
from netsim.diagram.layout import layout
from netsim.errors import DaemonError, ScenarioError
from netsim.io.scenario import parse_scenario
from netsim.lab import Lab, run_scenario
from netsim.state import NetworkState
from netsim.versions import EngineProfile

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "netsim"
DRIVERS = PACKAGE / "daemon" / "drivers"
BUILTIN = ("bridge", "host", "null", "macvlan", "ipvlan", "overlay")
#: the model's network classes and constructors: discriminating on them is comparing driver
#: names by other means
NETWORK_CLASSES = {"NetworkSpec", "BridgeNetwork", "MacvlanNetwork", "IpvlanNetwork",
                   "OverlayNetwork"}
#: comparisons of a ``driver`` that are not of a network driver: ``docker run -v``/``--mount``
#: volume drivers (inspect's Mounts), by file, function and expression
NOT_NETWORK_DRIVERS = {
    ("netsim/daemon/volumes.py", "_local", "driver == 'local'"),
    ("netsim/dockercli/commands/volume.py", "create", "driver != 'local'"),
}


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


def _functions(tree: ast.AST) -> dict[int, str]:
    """The innermost function (or class) around each line."""
    around: dict[int, tuple[int, str]] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            end = node.end_lineno or node.lineno
            for line in range(node.lineno, end + 1):
                if line not in around or around[line][0] < node.lineno:
                    around[line] = (node.lineno, node.name)
    return {line: name for line, (_, name) in around.items()}


def driver_comparisons(source: str, where: str = "<source>") -> list[tuple[str, int, str, str]]:
    """``driver ==``/``!=``/``in (…)``/``not in (…)`` a name, and isinstance() of a network
    spec class: deciding by a network's driver name instead of asking its driver. Each as
    (file, line, enclosing function, expression)."""
    tree = ast.parse(source)
    funcs = _functions(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare):
            operands = [node.left, *node.comparators]
            for op, (a, b) in zip(node.ops, pairwise(operands), strict=True):
                if isinstance(op, ast.Eq | ast.NotEq | ast.In | ast.NotIn) and (
                        (_is_driver(a) and _is_names(b)) or (_is_driver(b) and _is_names(a))):
                    found.append((where, node.lineno, funcs.get(node.lineno, ""),
                                  ast.unparse(node)))
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
              and node.func.id == "isinstance" and len(node.args) == 2
              and NETWORK_CLASSES & {n.id for n in ast.walk(node.args[1])
                                     if isinstance(n, ast.Name)}):
            found.append((where, node.lineno, funcs.get(node.lineno, ""), ast.unparse(node)))
    return found


def test_no_module_outside_the_drivers_compares_driver_names() -> None:
    """Outside netsim/daemon/drivers/, no module of netsim compares a driver to a name or
    discriminates on a network spec's class: each asks the network's driver (volume drivers
    excepted, by name). The checker itself is tried on the comparisons netsim had."""
    found = [hit for path in sorted(PACKAGE.rglob("*.py"))
             if DRIVERS not in path.parents
             for hit in driver_comparisons(path.read_text(encoding="utf-8"),
                                           path.relative_to(ROOT).as_posix())]
    exempt = {(f, func, expr) for f, _, func, expr in found} & NOT_NETWORK_DRIVERS
    assert exempt == NOT_NETWORK_DRIVERS  # each exemption still names a comparison
    assert [h for h in found if (h[0], h[2], h[3]) not in NOT_NETWORK_DRIVERS] == []
    sample = '''
def f():
    if net.driver == "bridge" or st.driver in ("host", "null") or "overlay" != o.driver:
        pass
    if isinstance(spec, MacvlanNetwork | IpvlanNetwork) and spec.ipam_driver not in ("d",):
        pass
l3 = driver.scope == "swarm" and drivers.get(net.driver).publishes_ports
'''
    assert [(line, func) for _, line, func, _ in driver_comparisons(sample)] == [
        (3, "f"), (3, "f"), (3, "f"), (5, "f")]


# ------------------------------------------------------------------ one model


def test_one_network_model_whatever_the_driver() -> None:
    """NetworkSpec is Docker's network.CreateRequest for every driver; the per-driver names are
    constructors that only fix the driver (no class to branch on), and a spec shows itself as
    the one that makes it."""
    spec = MacvlanNetwork(name="m", options={"parent": "eth0"})
    assert type(spec) is NetworkSpec
    assert spec == NetworkSpec(Name="m", Driver="macvlan", Options={"parent": "eth0"})
    assert repr(spec).startswith("MacvlanNetwork(Name='m', ")
    assert repr(spec).endswith("Driver='macvlan', Options={'parent': 'eth0'})")
    assert BridgeNetwork(name="b").Driver == "bridge" == NetworkSpec(Name="b").Driver
    assert OverlayNetwork(name="o").Driver == "overlay"
    assert not isinstance(BridgeNetwork, type)
    assert NetworkSpec(Name="x", Driver="anything").Driver == "anything"  # the daemon decides


def test_the_daemon_refuses_a_driver_it_does_not_have() -> None:
    """Through the engine's API, in Docker's words (what ``docker network create -d`` prints)."""
    engine = Engine()
    with pytest.raises(DaemonError, match=r'^plugin "nope" not found$') as err:
        engine.execute(NetworkCreate(network=NetworkSpec(Name="x", Driver="nope")))
    assert err.value.status == 404
    for name in ("host", "null"):
        with pytest.raises(DaemonError, match=rf'^only one instance of "{name}" network is '
                                              r"allowed$"):
            engine.execute(NetworkCreate(network=NetworkSpec(Name="x", Driver=name)))
    lab = Lab()
    step = lab.docker("network create -d nope x")
    assert (step.exit_code, step.stderr) == (
        1, 'Error response from daemon: plugin "nope" not found\n')
    engine.execute(NetworkCreate(network=NetworkSpec(Name="dflt", Driver="")))
    assert engine.state().network("dflt").driver == "bridge"  # the daemon's default driver


# ------------------------------------------------------------------ a driver of one's own


class FauxDriver(DriverDefaults):
    """A test-only driver: a local network without a gateway route, its links on a dummy
    parent of its own; it records what the daemon asked it. Nothing of the analysis side is
    overridden: it inherits the protocol's defaults."""

    name = "faux"

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


@pytest.fixture
def faux() -> Iterator[FauxDriver]:
    driver = FauxDriver()
    drivers.register(driver)
    yield driver
    drivers.unregister(driver.name)


def test_a_driver_of_ones_own_registers(faux: FauxDriver) -> None:
    """Registered only (no edit of netsim): the daemon finds it by its name, and ``docker
    network create -d`` (and a scenario file) takes it."""
    assert drivers.get("faux") is faux
    assert drivers.registered()["faux"] is faux
    assert drivers.creatable() == ("bridge", "macvlan", "ipvlan", "overlay", "faux")


def test_containers_attach_to_a_network_of_ones_own_driver(faux: FauxDriver) -> None:
    """Through the engine's public API: a network of the test's driver, two containers on it."""
    engine = Engine()
    engine.execute(NetworkCreate(network=NetworkSpec(
        Name="faux1", Driver="faux",
        IPAM=IPAM(Config=(IPAMConfig(Subnet="10.99.0.0/24"),)))))
    for name in ("c1", "c2"):
        engine.execute(ContainerCreate(container=ContainerSpec(
            name=name, Config=ContainerConfig(Image="nginx"),
            HostConfig=HostConfig(NetworkMode="faux1"))))
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


FAUX_SCRIPT = """docker network create -d faux --subnet 10.99.0.0/24 f1
docker run -d --name c1 --network f1 nginx
docker run -d --name c2 --network f1 nginx
"""


def test_the_cli_reach_and_drawing_take_a_driver_of_ones_own(faux: FauxDriver,
                                                            tmp_path: Path,
                                                            capsys: pytest.CaptureFixture[str]
                                                            ) -> None:
    """``docker network create -d faux`` in a lab, then what netsim says of it: inspect and
    ``network ls`` name the driver, the containers have addresses on it, ``netsim reach``
    delivers between them citing a rule, the matrix agrees, and ``netsim draw`` draws the
    network as a bar its containers hang off."""
    lab = Lab()
    steps = [lab.docker(line) for line in FAUX_SCRIPT.splitlines()]
    assert [s.exit_code for s in steps] == [0, 0, 0]
    assert lab.docker("network inspect -f '{{.Driver}}' f1").stdout == "faux\n"
    assert "   f1        faux      local\n" in lab.docker("network ls").stdout
    shown = lab.docker("inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}"
                       "{{end}}' c1 c2").stdout
    assert shown == "10.99.0.2\n10.99.0.3\n"

    trace = reach(lab.state, "c1", "c2", port=80)
    assert trace.delivered
    assert all(h.rule in RULES for h in trace.hops)
    assert [h.rule for h in trace.hops] == ["route.onlink", "segment.same", "listen"]
    assert not reach(lab.state, "c1", "8.8.8.8").delivered  # no gateway route
    assert matrix(lab.state, vantage=False).row("c1") == ".."

    script = tmp_path / "faux.sh"
    script.write_text(FAUX_SCRIPT)
    with pytest.raises(SystemExit) as done:
        main(["reach", str(script), "c1", "c2", "--port", "80", "--json"])
    assert done.value.code == 0
    printed = json.loads(capsys.readouterr().out)
    assert printed["disposition"] == "DELIVERED"
    assert "segment.same" in {h["rule"] for h in printed["hops"]}

    picture = layout(lab.state)
    bar = next(b for b in picture.boxes if b.kind == "bar" and b.id.endswith("/f1"))
    label = next(b for b in picture.boxes if b.id == f"{bar.id}#label")
    assert label.lines[0] == "f1 faux"
    assert {e.src for e in picture.edges if e.dst == bar.id} >= {
        "if:host/c1/eth0", "if:host/c2/eth0"}
    out = tmp_path / "faux.dot"
    main(["draw", str(script), "-o", str(out)])
    assert '"segment:host/f1"' in out.read_text()


def test_a_scenario_names_a_registered_driver(faux: FauxDriver) -> None:
    """A scenario file's network may have the test's driver once it is registered; an unknown
    one is refused when the file is read, naming those it could be."""
    text = ("version: 1\nsteps:\n  - op: network-create\n    network: {name: f1, driver: faux}\n"
            "  - op: run\n    container: {name: c1, image: nginx, networks: [{network: f1}]}\n")
    lab, steps = run_scenario(parse_scenario(text))
    assert [s.exit_code for s in steps] == [0, 0]
    assert lab.state.network("f1").driver == "faux"
    with pytest.raises(ScenarioError, match=r"unknown 'driver'.*'overlay', 'faux'"):
        parse_scenario(text.replace("driver: faux", "driver: fake"))
