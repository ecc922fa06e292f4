"""The examples in docstrings run (doctest)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["netsim", "netsim.engine", "netsim.lab", "netsim.model", "netsim.io.script"]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0


def test_core_imports_no_edge_modules() -> None:
    """The pure core (netsim/__init__) loads no reader, renderer or CLI module."""
    import subprocess
    import sys

    code = ("import sys, netsim; "
            "print(sorted(m for m in sys.modules if m.startswith(('netsim.io', 'netsim.render', "
            "'netsim.cli', 'netsim.lab', 'click', 'yaml'))))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert r.stdout.strip() == "[]"
