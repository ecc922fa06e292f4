"""The policy for tests that need root: skipped on a laptop, required in CI."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path


def test_skipped_root_test_fails_when_required(tmp_path: Path) -> None:
    """A ``root`` test that skips is reported as a failure under NETSIM_REQUIRE_ROOT_TESTS=1."""
    conftest = Path(__file__).with_name("conftest.py").read_text()
    (tmp_path / "conftest.py").write_text(conftest.replace(
        'ROOT = Path(__file__).resolve().parent.parent',
        f'ROOT = Path({str(Path(__file__).resolve().parent.parent)!r})'))
    (tmp_path / "test_x.py").write_text(textwrap.dedent('''
        import pytest

        @pytest.mark.root
        def test_needs_namespaces():
            pytest.skip("no namespaces here")
    '''))
    ini = tmp_path / "pytest.ini"
    ini.write_text("[pytest]\nmarkers =\n    root: needs root\n")
    base = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(tmp_path)]
    required = subprocess.run(base, capture_output=True, text=True, cwd=tmp_path,
                              env={"NETSIM_REQUIRE_ROOT_TESTS": "1", "PATH": "/usr/bin:/bin"})
    optional = subprocess.run(base, capture_output=True, text=True, cwd=tmp_path,
                              env={"PATH": "/usr/bin:/bin"})
    assert required.returncode == 1, required.stdout
    assert "1 failed" in required.stdout
    assert optional.returncode == 0, optional.stdout
    assert "1 skipped" in optional.stdout
