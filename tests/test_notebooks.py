"""The teaching notebooks run (nbclient) without an error cell, and what they print equals the
committed outputs (pictures excepted); they are what notebooks/make_notebooks.py writes."""

from __future__ import annotations

import copy
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
TEXT = ("text/plain", "text/html")


def texts(nb: Any) -> list[list[tuple[str, str]]]:
    """Per code cell: its text outputs (streams, text/plain, text/html), images left out."""
    out = []
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        items: list[tuple[str, str]] = []
        for o in cell.outputs:
            if o.output_type == "stream":
                items.append((o.name, o.text))
            elif o.output_type in ("execute_result", "display_data"):
                items += [(k, o.data[k]) for k in TEXT if k in o.data]
            elif o.output_type == "error":
                items.append(("error", f"{o.ename}: {o.evalue}"))
        out.append(items)
    return out


def test_at_least_six_notebooks() -> None:
    """Ten lessons: bridges and ports; host, none, container; aliases and DNS; macvlan;
    links; predict and explain; a Compose project; a live system; IPv6 and dual-stack; images
    and a registry."""
    assert [p.stem[:2] for p in NOTEBOOKS] == ["01", "02", "03", "04", "05", "06", "07",
                                                  "08", "09", "10"]


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.stem for p in NOTEBOOKS])
def test_notebook_runs_and_matches_its_outputs(path: Path) -> None:
    """Executed again, the notebook has no error and prints what is committed; every code cell
    has run; the last one checks an exercise with lab.expect and every answer is ok."""
    committed = nbformat.read(path, as_version=4)
    fresh = copy.deepcopy(committed)
    for cell in fresh.cells:
        if cell.cell_type == "code":
            cell.outputs = []
    nbclient.NotebookClient(fresh, timeout=120, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}}).execute()
    got, want = texts(fresh), texts(committed)
    assert not any(kind == "error" for cell in got for kind, _ in cell)
    assert got == want
    exercise = [c for c in fresh.cells if c.cell_type == "code"][-1]
    assert "lab.expect(" in exercise.source
    printed = "".join(o.get("text", "") for o in exercise.outputs)
    assert printed and all(line.startswith("ok: ") for line in printed.splitlines())


def test_notebooks_are_what_the_maker_writes() -> None:
    """The committed cells are the ones notebooks/make_notebooks.py defines (no hand edits that
    a rebuild would lose)."""
    sys.path.insert(0, str(ROOT / "notebooks"))
    try:
        import make_notebooks
    finally:
        sys.path.pop(0)
    for path in NOTEBOOKS:
        nb = nbformat.read(path, as_version=4)
        cells = [(c.cell_type, c.source) for c in nb.cells]
        assert cells == [("markdown" if k == "markdown" else "code", s)
                         for k, s in make_notebooks.NOTEBOOKS[path.stem]]
