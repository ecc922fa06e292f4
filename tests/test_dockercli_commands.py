"""The docker command line's commands (netsim.dockercli.commands) and what they print
(netsim.dockercli.output): the dispatch table, the Session a handler works with, the output
modules' examples, and the old paths that still lead there."""

from __future__ import annotations

import ast
import doctest
import importlib
import random
from pathlib import Path
from typing import Any

import pytest

from netsim.api import Operation
from netsim.daemon.engine import Engine
from netsim.dockercli.commands import HANDLERS, run_docker
from netsim.dockercli.commands.context import Output, Session, Shell
from netsim.probes import Packages
from netsim.state import State
from netsim.versions import EngineProfile

ROOT = Path(__file__).resolve().parent.parent
COMMANDS_DIR = ROOT / "netsim" / "dockercli" / "commands"

OUTPUT_MODULES = ["netsim.dockercli.output.inspect", "netsim.dockercli.output.inspect_common",
                  "netsim.dockercli.output.inspect_mounts", "netsim.dockercli.output.port"]


@pytest.mark.parametrize("name", OUTPUT_MODULES)
def test_output_doctests(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0


def test_every_handled_command_is_a_docker_command() -> None:
    from netsim.dockercli.flags import COMMANDS

    assert sorted(set(HANDLERS) - set(COMMANDS)) == []


def test_handlers_use_only_the_session_interface() -> None:
    """No command reaches into the session's private members (``session._x``)."""
    found = []
    for path in sorted(COMMANDS_DIR.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name)
                    and node.value.id == "session" and node.attr.startswith("_")):
                found.append(f"{path.name}:{node.lineno}: session.{node.attr}")
    assert found == []


class _MiniSession:
    """A Session that is not a Lab: an engine and what the commands keep."""

    def __init__(self) -> None:
        self.engine = Engine()
        self.seed = 0
        self.dns_rng = random.Random(0)
        self.packages: dict[str, Packages] = {}
        self.operations: list[Operation] = []
        self.shell: Shell | None = None

    @property
    def state(self) -> State:
        return self.engine.state()

    @property
    def profile(self) -> EngineProfile:
        return self.engine.profile

    def apply_operation(self, op: Operation) -> Any:
        outcome = self.engine.execute(op)
        self.record_operation(op)
        return outcome

    def record_operation(self, op: Operation) -> None:
        self.operations.append(op)
        self.engine.tick()

    def open_shell(self, shell: Shell) -> None:
        self.shell = shell


def _run(session: Session, line: str) -> tuple[str, Output]:
    return run_docker(session, ["docker", *line.split()], "host")


def test_commands_run_against_any_session() -> None:
    session = _MiniSession()
    host, out = _run(session, "network create mybridge")
    assert (host, out.code, out.stderr_text) == ("host", 0, "")
    assert out.stdout_text == session.state.host("host").networks["mybridge"].id + "\n"
    _, out = _run(session, "run -d --name web --network mybridge nginx")
    assert out.code == 0
    assert [op.op for op in session.operations] == ["network-create", "run"]
    _, out = _run(session, "ps --format {{.Names}}")
    assert out.stdout_text == "web\n"
    _, out = _run(session, "exec -it web sh")
    assert out.code == 0 and session.shell is not None and session.shell.container == "web"
    _, out = _run(session, "rm nope")
    assert (out.code, out.stderr_text) == (1, "Error response from daemon: No such container: "
                                              "nope\n")
    _, out = _run(session, "frobnicate")
    assert out.code != 0 and out.stdout_text == ""


def test_the_lab_is_a_session() -> None:
    from netsim.lab import Lab

    lab: Session = Lab()
    assert lab.profile is lab.engine.profile
