"""Shared fixtures: labs built from docker command lines."""

from __future__ import annotations

import os

# every model the engine builds without validation is validated as well (netsim.api.trusted)
os.environ["NETSIM_CHECK_TRUSTED"] = "1"

from collections.abc import Callable
from pathlib import Path

import pytest

from netsim.lab import Lab, Step, run_script

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"


def load_bundled(path: Path):  # type: ignore[no-untyped-def]
    """The final State of a bundled script or scenario file."""
    if path.suffix in (".yaml", ".yml", ".json"):
        from netsim.io.scenario import parse_scenario
        from netsim.lab import run_scenario

        return run_scenario(parse_scenario(path.read_text(), source=str(path)))[0].state
    return run_script(path.read_text(), source=str(path))[0].state


BUNDLED = sorted([*SCENARIOS.glob("*.sh"), *SCENARIOS.glob("*.yaml")])


@pytest.fixture
def lab() -> Lab:
    return Lab()


@pytest.fixture
def script() -> Callable[[str], tuple[Lab, list[Step]]]:
    def run(text: str) -> tuple[Lab, list[Step]]:
        return run_script(text, source="test.sh")

    return run


def need_browser(missing: str) -> None:
    """Skip the calling test module for the reason ``missing`` (a browser, its driver or their
    Python package is absent), or fail it when NETSIM_REQUIRE_BROWSER=1 (CI): the page's
    browser tests (tests/test_page_browser.py, tests/test_page_firefox.py)."""
    if not missing:
        return
    if os.environ.get("NETSIM_REQUIRE_BROWSER") == "1":
        pytest.fail(f"NETSIM_REQUIRE_BROWSER=1 but {missing}", pytrace=False)
    pytest.skip(missing, allow_module_level=True)


def _root_tests_required() -> bool:
    import os

    return os.environ.get("NETSIM_REQUIRE_ROOT_TESTS") == "1"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests marked ``root`` need root and Linux namespaces: elsewhere they skip."""
    import os

    can_run = hasattr(os, "geteuid") and os.geteuid() == 0 and Path("/proc/self/ns/net").exists()
    if can_run or _root_tests_required():
        return
    for item in items:
        if item.get_closest_marker("root") is not None:
            item.add_marker(pytest.mark.skip(reason="needs root and Linux network namespaces"))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    """With NETSIM_REQUIRE_ROOT_TESTS=1 (.ci/run sets it) a skipped ``root`` test fails."""
    outcome = yield
    report = outcome.get_result()
    if report.skipped and _root_tests_required() and item.get_closest_marker("root"):
        report.outcome = "failed"
        report.longrepr = f"skipped, but NETSIM_REQUIRE_ROOT_TESTS=1 requires it: {report.longrepr}"
