"""The repository stands on its own: nothing in it cites a document that lives outside it, and no
code or test reads a path of one particular machine."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
THIS = Path(__file__).resolve()

#: A notes file that was never part of the repository; its name is split so this file does not
#: match itself.
OUTSIDE_DOC = ("docker-" + "semantics").encode()
#: An absolute path into a machine's work area or home directories.
MACHINE_PATH = re.compile(r"(?<![\w.~-])/(?:" + "work" + "|" + "home" + r")/")


def files(*tops: str) -> Iterator[Path]:
    """Every file under the given files and folders, without caches and hidden folders."""
    for top in tops:
        path = ROOT / top
        if path.is_file():
            yield path
            continue
        for p in sorted(path.rglob("*")):
            rel = p.relative_to(ROOT).parts
            if p.is_file() and p.resolve() != THIS and not any(
                    part == "__pycache__" or part.startswith(".") for part in rel):
                yield p


def test_no_file_cites_the_outside_notes() -> None:
    found = [str(p.relative_to(ROOT)) for p in files("netsim", "tests", "docs", "README.md")
             if OUTSIDE_DOC in p.read_bytes().lower()]
    assert found == []


def test_no_python_file_reads_a_machine_path() -> None:
    found = [f"{p.relative_to(ROOT)}:{n}: {line.strip()}"
             for p in files("netsim", "tests") if p.suffix == ".py"
             for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
             if MACHINE_PATH.search(line)]
    assert found == []


def test_the_checks_catch_what_they_look_for() -> None:
    assert OUTSIDE_DOC in b"see shared/" + OUTSIDE_DOC + b".md section 2"
    assert MACHINE_PATH.search('REPO = Path("/' + 'work/.mirror/docker+cli/repo")')
    assert MACHINE_PATH.search("open('/" + "home/someone/notes.txt')")
    assert not MACHINE_PATH.search("WORKDIR /srv/work/app")
