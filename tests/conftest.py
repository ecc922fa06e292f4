"""Shared fixtures: labs built from docker command lines."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from netsim.lab import Lab, Step, run_script

ROOT = Path(__file__).resolve().parent.parent
SCENARIOS = ROOT / "scenarios"


@pytest.fixture
def lab() -> Lab:
    return Lab()


@pytest.fixture
def script() -> Callable[[str], tuple[Lab, list[Step]]]:
    def run(text: str) -> tuple[Lab, list[Step]]:
        return run_script(text, source="test.sh")

    return run
