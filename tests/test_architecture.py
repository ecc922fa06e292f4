"""The code's shape (issue 13): no module uses another module's private names."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: the package and the project's own scripts (tests may reach into what they test)
SOURCES = sorted([*ROOT.joinpath("netsim").rglob("*.py"),
                  *ROOT.joinpath("conformance").rglob("*.py"),
                  *ROOT.joinpath("bench").glob("*.py")])


def _module_name(path: Path, root: Path) -> str:
    parts = path.relative_to(root).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_netsim_module(name: str, root: Path) -> bool:
    rel = Path(*name.split("."))
    return (root / rel).with_suffix(".py").exists() or (root / rel / "__init__.py").exists()


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def private_uses(path: Path, root: Path = ROOT) -> list[str]:
    """``from netsim.x import _y`` and ``x._y`` (x a netsim module) in another module."""
    here = _module_name(path, root)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    modules: dict[str, str] = {}  # local name → netsim module it names
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("netsim"):
            assert node.module is not None
            for alias in node.names:
                if _private(alias.name) and node.module != here:
                    found.append(f"{path.relative_to(root)}:{node.lineno}: from {node.module} "
                                 f"import {alias.name}")
                full = f"{node.module}.{alias.name}"
                if _is_netsim_module(full, root):
                    modules[alias.asname or alias.name] = full
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("netsim") and alias.asname:
                    modules[alias.asname] = alias.name
    for node in ast.walk(tree):
        if (isinstance(node, ast.Attribute) and _private(node.attr)
                and isinstance(node.value, ast.Name) and node.value.id in modules
                and modules[node.value.id] != here):
            found.append(f"{path.relative_to(root)}:{node.lineno}: {node.value.id}.{node.attr}")
    return found


def test_no_private_name_crosses_a_module(tmp_path: Path) -> None:
    """Each module uses only the public names of the others (the checker itself is tried on a
    module that breaks the rule both ways)."""
    assert [u for p in SOURCES for u in private_uses(p)] == []
    for name in ("netsim/__init__.py", "netsim/lab.py", "netsim/render/__init__.py",
                 "netsim/render/inspect.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("", encoding="utf-8")
    probe = tmp_path / "netsim" / "probe.py"
    probe.write_text("from netsim.lab import _helper\nfrom netsim.render import inspect\n"
                     "inspect._thing()\nfrom netsim.lab import run_script\n", encoding="utf-8")
    assert private_uses(probe, tmp_path) == [
        "netsim/probe.py:1: from netsim.lab import _helper", "netsim/probe.py:3: inspect._thing"]


#: the largest a module of the package may grow (issue 13: a newcomer reads one in a sitting)
MAX_LINES = 800


def test_no_module_is_over_800_lines() -> None:
    """Every module of the package has at most 800 lines."""
    sizes = {str(p.relative_to(ROOT)): len(p.read_text(encoding="utf-8").splitlines())
             for p in ROOT.joinpath("netsim").rglob("*.py")}
    assert {p: n for p, n in sizes.items() if n > MAX_LINES} == {}
    assert len(sizes) > 100  # the walk found the package


def test_the_package_docstring_draws_every_subpackage() -> None:
    """netsim/__init__.py's docstring names every subpackage and top-level module, so that a
    newcomer finds the room for a change."""
    import netsim

    doc = netsim.__doc__ or ""
    rooms = sorted(p.name if p.is_dir() else p.stem
                   for p in ROOT.joinpath("netsim").iterdir()
                   if (p.is_dir() and (p / "__init__.py").exists())
                   or (p.suffix == ".py" and not p.name.startswith("_")))
    assert [r for r in rooms if f"{r}/" not in doc and f"{r}.py" not in doc] == []


#: the CLI's own framing of what it prints (docker/cli cli/command/utils.go, cmd/docker/docker.go)
CLI_FRAMING = ("Error response from daemon", "docker: ", "See 'docker", "Run 'docker",
               "Usage:  docker")


def test_the_daemon_side_never_formats_cli_text() -> None:
    """The engine, its API objects and its State hold the daemon's words only; the CLI's
    framing of them is dockercli/'s (a string literal check over their sources)."""
    daemon_side = [*ROOT.joinpath("netsim", "daemon").rglob("*.py"),
                   *ROOT.joinpath("netsim", "api").rglob("*.py"), ROOT / "netsim" / "state.py"]
    found = []
    for path in daemon_side:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str)
                    and any(f in node.value for f in CLI_FRAMING)):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value[:60]!r}")
    assert found == []
    assert len(daemon_side) > 20
