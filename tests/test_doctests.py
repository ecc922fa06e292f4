"""The examples in docstrings run (doctest)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = ["netsim", "netsim.daemon.engine", "netsim.lab", "netsim.api", "netsim.io.script",
           "netsim.analysis.reach.flow", "netsim.probes", "netsim.analysis.dns.queries",
           "netsim.analysis.vantage", "netsim.versions"]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0


def _all_modules() -> list[str]:
    import pkgutil

    import netsim

    found = (m.name for m in pkgutil.walk_packages(netsim.__path__, "netsim."))
    return sorted(["netsim", *(m for m in found if m != "netsim.__main__")])  # __main__ runs


@pytest.mark.parametrize("name", _all_modules())
def test_every_module_s_examples_pass(name: str) -> None:
    """Every module's docstring examples pass (the modules above must also have some)."""
    if name.startswith(("netsim.diagram.mpl", "netsim.diagram.notebook")):
        pytest.importorskip("matplotlib")
    module = importlib.import_module(name)
    assert doctest.testmod(module, optionflags=doctest.ELLIPSIS).failed == 0


def test_core_imports_no_edge_modules() -> None:
    """The pure core (netsim/__init__) loads no reader, renderer or CLI module."""
    import subprocess
    import sys

    code = ("import sys, netsim; "
            "print(sorted(m for m in sys.modules if m.startswith(('netsim.io', 'netsim.render', "
            "'netsim.cli', 'netsim.lab', 'netsim.diagram', 'netsim.dockercli', 'click', 'yaml'))))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert r.stdout.strip() == "[]"


def test_every_public_name_resolves() -> None:
    """netsim's lazily loaded public names all exist."""
    import netsim

    for name in netsim.__all__:
        assert getattr(netsim, name) is not None


def test_cli_import_is_quick() -> None:
    """``import netsim.cli`` does not load the engine, pydantic models or the image catalogue."""
    import subprocess
    import sys

    code = ("import sys, netsim.cli; print(sorted(m for m in sys.modules if m in "
            "('netsim.daemon.engine', 'netsim.images', 'netsim.api', 'pydantic')))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert r.stdout.strip() == "[]"
