"""`netsim draw FILE -o OUT.{png,svg,pdf,dot,mmd} [--highlight SRC DST]` and `netsim run --draw`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, SCENARIOS

pytest.importorskip("matplotlib")

TUTORIAL = (SCENARIOS / "tutorial-bridge.sh").read_text().split("docker container ls")[0]


def test_netsim_draw_cli(tmp_path: Path) -> None:
    """`netsim draw FILE -o OUT` writes each format; --highlight draws a flow; a wrong
    extension is one line, exit 2."""
    script = tmp_path / "t.sh"
    script.write_text(TUTORIAL)
    for ext in ("png", "svg", "pdf", "dot", "mmd"):
        out = tmp_path / f"t.{ext}"
        r = subprocess.run([sys.executable, "-m", "netsim", "draw", str(script), "-o", str(out),
                            "--highlight", "alpine1", "alpine3"], capture_output=True,
                           text=True, cwd=ROOT, check=False)
        assert r.returncode == 0, r.stderr
        assert out.stat().st_size > 100
    r = subprocess.run([sys.executable, "-m", "netsim", "draw", str(script), "-o",
                        str(tmp_path / "t.gif")], capture_output=True, text=True, cwd=ROOT,
                       check=False)
    assert r.returncode == 2 and r.stderr.count("\n") == 1 and "unknown picture format" in r.stderr
    r = subprocess.run([sys.executable, "-m", "netsim", "run", str(script), "--draw",
                        str(tmp_path / "run.svg")], capture_output=True, text=True, cwd=ROOT,
                       check=False)
    assert r.returncode == 0 and (tmp_path / "run.svg").read_bytes().startswith(b"<?xml")
