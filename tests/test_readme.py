"""README's examples hold: every `netsim …` line of its sh blocks runs without a bad-input error,
and every text block that starts with `$ netsim …` is exactly what that command prints."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys

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


@pytest.mark.parametrize("command", COMMANDS)
def test_commands_run(command: str) -> None:
    """Each `netsim …` line of the tour reads its input (no exit 2); files it would write or
    that are the reader's own are skipped."""
    argv = shlex.split(command)[1:]
    if "-o" in argv or any(a.endswith(("my-runbook.sh", "alias.yaml")) for a in argv):
        pytest.skip("writes a file or needs the reader's own file")
    r = netsim(argv)
    assert r.returncode != 2, (command, r.stderr)
