"""The probes are a registry (netsim.probes.registry): one module per tool family, each declaring
what its programs need from the image; probe() dispatches through it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from netsim import apply
from netsim.api import ContainerConfig, ContainerCreate, ContainerSpec
from netsim.images import DIG_VERSIONS, TOOL_NAMES
from netsim.probes import (
    Need,
    ProbeResult,
    Program,
    Tool,
    probe,
    register,
    simulates,
    toolbox_for,
    unregister,
)
from netsim.probes.context import Where
from netsim.probes.registry import needs, program, tools
from netsim.probes.shell import SHELLS
from netsim.probes.toolbox import busybox_applets, debian_like
from netsim.state import State

#: the programs probes.py's dispatch table ran before the registry (issue 13)
OLD_DISPATCH = ("true", "false", "ping", "curl", "wget", "nc", "ip", "ifconfig", "route",
                "netstat", "hostname", "cat", "dig", "nslookup", "host", "getent")


@pytest.fixture(scope="module")
def state() -> State:
    return apply([ContainerCreate(container=ContainerSpec(
        name=n, Config=ContainerConfig(Image=image, Cmd=("sleep", "1d"))))
                  for n, image in (("a1", "alpine"), ("d1", "debian"))])


def test_every_program_of_the_old_dispatch_is_registered_once() -> None:
    names = [p.name for t in tools() for p in t.programs]
    # and the programs registered since: ping6 (issue 17)
    assert sorted(names) == sorted((*OLD_DISPATCH, "ping6"))
    assert all(program(name) is not None and simulates([name]) for name in OLD_DISPATCH)
    # the shells and BusyBox's multi-call binary are the dispatch's own, not programs
    assert not set(names) & (SHELLS | {"busybox"})
    assert simulates(["sh", "-c", "true"]) and simulates(["busybox", "ping"])
    with pytest.raises(ValueError, match="already registered"):
        register(Tool("ping-again", (Program("ping", lambda w, a: ProbeResult("", "", 0)),)))
    assert "ping-again" not in [t.family for t in tools()]


@pytest.fixture
def fake() -> Iterator[Tool]:
    """A family registered from here, as a new module would: a program and what it needs."""
    need = Need("fakeslot", "faketool", {"busybox": "tiny", "*": "full"}, debian=None,
                busybox="tiny")

    def run(w: Where, args: list[str]) -> ProbeResult:
        return ProbeResult(f"fake {' '.join(args)} at {w.label}: {w.tools.get('fakeslot')}\n",
                           "", 0)

    def anywhere(w: Where, args: list[str]) -> ProbeResult:
        return ProbeResult("", "", 3)

    tool = register(Tool("fake", (Program("fakeprobe", run, need),
                                  Program("fakeanywhere", anywhere))))
    yield tool
    unregister("fake")


def test_a_family_registered_outside_netsim_is_dispatched(state: State, fake: Tool) -> None:
    assert simulates(["fakeprobe", "x"]) and program("fakeprobe") is fake.programs[0]
    # the image lacks what it needs: Docker's exec error, as for any tool
    r = probe(state, "a1", "fakeprobe x")
    assert r.exit_code == 127 and "executable file not found" in r.stdout
    assert probe(state, "a1", "fakeprobe", shell=("sh", 1)).stderr == "sh: fakeprobe: not found\n"
    # installed in the container (netsim.probes.install's Packages.tools), it runs
    r = probe(state, "a1", ["fakeprobe", "x", "y"], installed={"faketool": "curl"})
    assert (r.stdout, r.exit_code) == ("fake x y at a1: full\n", 0)
    assert probe(state, "d1", "busybox fakeprobe").stdout == "fake  at d1: tiny\n"
    assert toolbox_for("alpine", {"faketool": "busybox"}).get("fakeslot") == "tiny"
    # without needs it runs everywhere; sh -c reaches it too
    assert probe(state, "@host", "fakeanywhere").exit_code == 3
    assert probe(state, "a1", ["sh", "-c", "fakeanywhere || echo failed"]).stdout == "failed\n"


def test_an_unregistered_family_is_gone(state: State) -> None:
    assert program("fakeprobe") is None and not simulates(["fakeprobe"])
    r = probe(state, "a1", "fakeprobe")
    assert (r.stderr, r.exit_code) == ("netsim: 'fakeprobe' inside a container is not simulated "
                                       "yet\n", 126)
    assert "fakeslot" not in {n.slot for n in needs()}


def test_each_family_declares_what_it_needs_from_the_image() -> None:
    for tool in tools():
        assert tool.needs, tool.family
        for p in tool.programs:
            # every program the old code checked the image for (all but true and false)
            assert (p.need is None) == (p.name in ("true", "false")), p.name
    assert {n.tool for n in needs()} <= set(TOOL_NAMES)
    slots = [n.slot for n in needs()]
    assert len(slots) == len(set(slots))
    # dig and host share BIND's need; a Debian-like vantage point has all but BusyBox's wget
    assert program("dig").need is program("host").need  # type: ignore[union-attr]
    debian = debian_like()
    assert [s for s in slots if not debian.get(s)] == ["wget"]
    assert debian.bind == DIG_VERSIONS["debian"] and debian.ping == "iputils"
    # BusyBox's multi-call binary: its applets where it has them
    bb = busybox_applets(debian)
    assert {s for s in slots if not bb.get(s)} == {"curl", "bind", "getent"}
    assert toolbox_for("alpine").ping == "busybox" and toolbox_for("alpine").bind is None
