"""conformance/error_sites.py: the error sites it finds, its line tracer, and that every site no
recording reaches has its reason in conformance/error-sites-reasons.yaml.

The committed conformance/corpus/ERROR-SITES.md is not compared here (it goes stale with every
edit of netsim's sources; ``python conformance/error_sites.py --check`` tells): only the reasons
file must be complete.
"""

from __future__ import annotations

import importlib.util
import sys
import textwrap
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "conformance" / "error_sites.py"


@pytest.fixture(scope="module")
def es() -> ModuleType:
    spec = importlib.util.spec_from_file_location("conformance_error_sites", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def _tree(tmp_path: Path, es: ModuleType, files: dict[str, str]) -> Path:
    for rel in es.SOURCES:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(files.get(rel, "")))
    return tmp_path


def test_sites_templates_and_kinds(tmp_path: Path, es: ModuleType) -> None:
    """Each kind of site, its template as written, and netsim's own messages told apart."""
    root = _tree(tmp_path, es, {
        "netsim/daemon/engine.py": '''
            ERR_GONE = "it is gone"

            def a(x, p):
                if x:
                    raise DaemonError(f"bad {x!r} here", status=400)
                raise DaemonError(ERR_GONE)

            def b(p, c):
                raise DaemonError(p.not_running_message.format(id=c.id), status=409)

            def c(text):
                err = DaemonError(text, status=500)
                raise InputError("where", f"netsim's own {text}")
            ''',
        "netsim/lab.py": '''
            def h(out, ref, e):
                out.err("Error: No such thing: " + ref, 1)
                out.err(f"netsim: {ref} is not simulated", NOT_SIMULATED)
                wrap = lambda r, e: f"Error response from daemon: cannot do {r}: {e.text}"
                plain = f"Error response from daemon: {e.text}"
            ''',
    })
    found = es.find_sites(root)
    sites = {(s.file, s.line): s for s in found.sites}
    engine = "netsim/daemon/engine.py"
    assert sites[(engine, 6)].template == "bad {x!r} here"
    assert sites[(engine, 6)].kind == "raise"
    assert sites[(engine, 7)].template == "ERR_GONE = it is gone"
    assert sites[(engine, 10)].template == "{p.not_running_message}"
    assert sites[(engine, 13)].template == "DaemonError(text, status=500)"  # no literal text
    assert sites[(engine, 13)].kind == "error"
    assert sites[(engine, 14)].own and sites[(engine, 14)].template == "netsim's own {text}"
    lab = "netsim/lab.py"
    assert sites[(lab, 3)].template == "Error: No such thing: {ref}"
    assert sites[(lab, 3)].kind == "out.err"
    assert sites[(lab, 4)].own
    assert sites[(lab, 5)].kind == "prefixed"
    assert (lab, 6) not in sites  # Docker's framing alone is no error text
    constants = {c.name: c for c in found.constants}
    assert set(constants) == {"ERR_GONE"}
    assert (engine, 7, "a") in constants["ERR_GONE"].uses
    fields = {p.field_name for p in found.profile_texts}
    assert "not_running_message" in fields
    texts = [p for p in found.profile_texts if p.field_name == "not_running_message"]
    assert any((engine, 10, "b") in p.uses for p in texts)


def test_sources_come_from_the_roots_less_exclusions_and_shims(tmp_path: Path,
                                                               es: ModuleType) -> None:
    """A module split or added under a root is read; a shim left at an old path, the excluded
    code and files outside the roots are not; settings naming what moved away are reported."""
    files = {
        "netsim/daemon/engine.py": "def f():\n    pass\n",
        "netsim/daemon/drivers/new.py": "",
        "netsim/daemon/old.py": '"""Shim (issue 13 wave 1): moved to netsim.daemon."""\n',
        "netsim/golang/template/parse.py": "",
        "netsim/cli.py": "",
    }
    for rel, text in files.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(text)
    assert es.source_files(tmp_path) == ("netsim/daemon/drivers/new.py",
                                         "netsim/daemon/engine.py")
    problems = es.config_problems(tmp_path)
    assert "SOURCE_ROOTS: netsim/lab.py does not exist" in problems
    assert any(p.startswith("TEXT_FUNCTIONS: netsim/daemon/publishing.py ") for p in problems)


def test_the_settings_name_what_the_sources_define(es: ModuleType) -> None:
    """Every file and function of TEXT_FUNCTIONS and OWN_SCOPES exists where they say (a
    module moved or split since leaves them pointing at nothing: its sites would be lost)."""
    assert es.config_problems() == []


def test_tracer_notes_the_key_of_each_watched_line(tmp_path: Path, es: ModuleType) -> None:
    """The tracer (sys.monitoring or sys.settrace, whichever this Python has) notes watched lines
    only, under the key current when they ran, and leaves no tracing behind."""
    module = tmp_path / "traced_mod.py"
    module.write_text("def f(x):\n    y = x + 1\n    if x:\n        y = 0\n    return y\n")
    spec = importlib.util.spec_from_file_location("traced_mod", module)
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    tracer = es.LineTracer({str(module): {2, 4}})
    before = sys.gettrace()
    with tracer.running():
        tracer.key = ("28.5", "01", 3)
        mod.f(0)
        tracer.key = ("26.1", "02", 7)
        mod.f(1)
    assert sys.gettrace() is before
    assert tracer.hits == {
        (str(module), 2): {("28.5", "01", 3), ("26.1", "02", 7)},
        (str(module), 4): {("26.1", "02", 7)},
    }


def test_reached_text_lists_28_5_first_and_counts_the_rest(es: ModuleType) -> None:
    keys = {("28.5", "46", 18), ("26.1", "46", 18), ("26.1", "12", 3), ("28.5", "50", 2),
            ("20.10", "40", 9), ("28.5", "45", 1)}
    text, n = es.reached_text(keys, {("28.5", "50", 2)})
    assert text == "45:1, 46:18, 50:2 ≠ (+2)"
    assert n == 5
    assert es.reached_text({("26.1", "12", 3), ("20.10", "12", 3)}, set())[0] == (
        "12:3 [26.1, 20.10]")


def test_every_unreached_site_has_a_reason(es: ModuleType) -> None:
    """Every Docker error site, error constant and profile text that no recording reaches has
    its reason in conformance/error-sites-reasons.yaml (the whole corpus traced, some seconds:
    the 29.1 evidence replay is left out)."""
    sources = es.find_sites()
    assert len(sources.sites) > 300  # the finder still finds the sources' sites
    reach = es.trace_recordings(sources, evidence=False)
    listing = es.render(sources, reach, es.read_reasons())
    assert listing.missing == [], (
        "add a reason to conformance/error-sites-reasons.yaml for:\n" + "\n".join(listing.missing))
