"""README's examples hold: every `netsim …` line of its sh blocks runs without a bad-input error,
and every text block that starts with `$ netsim …` is exactly what that command prints."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

README = (ROOT / "README.md").read_text()
BLOCKS = re.findall(r"```(\w*)\n(.*?)```", README, flags=re.S)
SHOWN = [body for lang, body in BLOCKS if lang == "text" and body.startswith("$ netsim ")]
COMMANDS = [line.split(" #")[0].strip() for lang, body in BLOCKS if lang == "sh"
            for line in body.splitlines() if line.startswith("netsim ")]


def netsim(argv: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "netsim", *argv], capture_output=True,
                          text=True, cwd=ROOT, check=False)


@pytest.mark.parametrize("body", SHOWN, ids=[b.splitlines()[0][2:60] for b in SHOWN])
def test_shown_output_is_real(body: str) -> None:
    """A `$ netsim …` block shows that command's output, byte for byte."""
    first, _, shown = body.partition("\n")
    r = netsim(shlex.split(first[2:])[1:])
    assert r.stdout == shown


def test_commands_run(tmp_path: Path) -> None:
    """Every `netsim …` line of the tour, in README order, in a directory holding the bundled
    scenarios (and a runbook of the reader's own, here a copy of one): none is bad input (exit
    2), and a file one command writes is read by the next."""
    (tmp_path / "scenarios").symlink_to(ROOT / "scenarios")
    (tmp_path / "conformance").symlink_to(ROOT / "conformance")
    shutil.copy(ROOT / "scenarios" / "seed-basics.sh", tmp_path / "my-runbook.sh")
    (tmp_path / "docs" / "pictures").mkdir(parents=True)
    assert COMMANDS
    for command in COMMANDS:
        r = subprocess.run([sys.executable, "-m", "netsim", *shlex.split(command)[1:]],
                           capture_output=True, text=True, cwd=tmp_path, check=False)
        assert r.returncode != 2, (command, r.stderr)
