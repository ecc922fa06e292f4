"""Inputs are chosen by name or --format, never by content; a wrong or empty one is one line and
exit 2 (issue 13, point 6)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from netsim.errors import InputError
from netsim.io.inputs import input_format

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = "docker network create n\ndocker network ls --format '{{.Name}}'\n"
SCENARIO = "version: 1\nsteps:\n  - op: network-create\n    network: {driver: bridge, name: n}\n"


def netsim(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "netsim", *args], capture_output=True,
                          text=True, input=stdin, cwd=ROOT, timeout=120)


@pytest.mark.parametrize(("name", "fmt"), [
    ("a.sh", "script"), ("notes", "script"), ("dir.d/setup", "script"), ("-", "script"),
    ("a.yaml", "scenario"), ("a.YML", "scenario"), ("a.json", "scenario")])
def test_format_by_name(name: str, fmt: str) -> None:
    """The name decides: .sh or no extension a script, .yaml/.yml/.json a scenario."""
    assert input_format(name) == fmt


def test_format_option_and_unknown_names() -> None:
    """--format overrides the name; an unknown extension or format is an InputError."""
    assert input_format("a.yaml", "script") == "script"
    assert input_format("a.txt", "scenario") == "scenario"
    with pytest.raises(InputError, match=r"^a\.txt: cannot tell the input's format"):
        input_format("a.txt")
    with pytest.raises(InputError, match=r"^--format: unknown input format \(got 'yml'"):
        input_format("a.sh", "yml")


def test_a_yaml_that_is_no_scenario_exits_2(tmp_path: Path) -> None:
    """A .yaml file not named as a compose file is read as a scenario whatever it holds: a
    compose-like file is one line (the name, not the content, chooses the reader)."""
    f = tmp_path / "stack.yaml"
    f.write_text("services:\n  web:\n    image: nginx\n")
    r = netsim("run", str(f))
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr == f"netsim run: {f}:1: services: unknown field\n"
    # and a script whose content looks like YAML stays a script
    s = tmp_path / "setup.sh"
    s.write_text("version: 1\n")
    r = netsim("run", str(s))
    assert r.returncode == 0 and "netsim: 'version:' is not a command" not in r.stderr


def test_empty_input_and_stdin(tmp_path: Path) -> None:
    """An empty input is an error; '-' reads standard input (a script, or --format)."""
    empty = tmp_path / "empty.sh"
    empty.write_text("\n  \n")
    r = netsim("run", str(empty))
    assert (r.returncode, r.stderr) == (2, f"netsim run: {empty}: the input is empty "
                                           "(accepted: a script of docker commands or a "
                                           "scenario)\n")
    r = netsim("run", "-", stdin=SCRIPT)
    assert r.returncode == 0 and r.stdout.endswith("$ docker network ls --format '{{.Name}}'\n"
                                                   "bridge\nhost\nn\nnone\n")
    r = netsim("validate", "-", "--format", "scenario", stdin=SCENARIO)
    assert (r.returncode, r.stdout) == (0, "<stdin>: ok (scenario, 1 steps)\n")
    r = netsim("run", "-", stdin="")
    assert (r.returncode, r.stderr) == (2, "netsim run: <stdin>: the input is empty (accepted: "
                                           "a script of docker commands or a scenario)\n")


def test_the_name_not_the_content_decides(tmp_path: Path) -> None:
    """A scenario in a .sh file is a script (and fails as one); --format scenario reads it."""
    f = tmp_path / "stack.sh"
    f.write_text(SCENARIO)
    assert netsim("validate", str(f)).stdout.startswith(f"{f}: ok (script")
    assert netsim("validate", str(f), "--format", "scenario").stdout == (
        f"{f}: ok (scenario, 1 steps)\n")
    g = tmp_path / "stack.txt"
    g.write_text(SCENARIO)
    r = netsim("inspect", str(g))
    assert r.returncode == 2 and r.stderr.startswith(
        f"netsim inspect: {g}: cannot tell the input's format")
