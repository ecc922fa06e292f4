"""conformance/corpus/REFERENCE-EXAMPLES.md: every example of docs/reference/*.md and the corpus
lines that exercise it. The index must not rot: each cited ``SCRIPT:LINE`` is a command of that
corpus script, each example points at a line of its reference file, and the summary counts the
rows."""

from __future__ import annotations

import re
from collections import Counter
from functools import cache
from pathlib import Path

from netsim.io.script import read_script

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "conformance" / "corpus"
REFERENCE = ROOT / "docs" / "reference"
INDEX = CORPUS / "REFERENCE-EXAMPLES.md"
NEW_SCRIPT = "58-reference-examples"  # written for the index, recorded later

CITATION = re.compile(r"(?<![\w.-])(\d\d-[a-z0-9-]+):(\d+)\b")
WHERE = re.compile(r"([a-z0-9-]+\.md):(\d+)")
STATUS = re.compile(r"corpus|58|no \((?P<category>[a-z0-9.-]+)\)")
CATEGORIES = {"29.x", "host", "image", "registry", "topology", "services", "timing", "unbounded",
              "interactive", "random", "unreachable", "old"}


def _cells(line: str) -> list[str]:
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _table_rows(text: str) -> list[tuple[int, list[str]]]:
    """(line number, cells) of every table row whose first cell is ``FILE.md:LINE``."""
    return [(n, _cells(line)) for n, line in enumerate(text.splitlines(), 1)
            if line.startswith("| ") and WHERE.fullmatch(_cells(line)[0])]


@cache
def _commands(script: str) -> frozenset[int]:
    """The lines where the corpus script's commands start (comments and blank lines are none)."""
    return frozenset(s.line for s in read_script(CORPUS / f"{script}.sh") if s.directive is None)


@cache
def _reference_lines(name: str) -> tuple[str, ...]:
    return tuple((REFERENCE / name).read_text().splitlines())


def _where(cells: list[str]) -> tuple[str, int]:
    """The reference file and line of a row."""
    match = WHERE.fullmatch(cells[0])
    assert match is not None, cells[0]
    return match.group(1), int(match.group(2))


def _examples() -> list[tuple[int, list[str]]]:
    """The index's example rows: five cells (where, section, example, status, corpus lines)."""
    return [(n, cells) for n, cells in _table_rows(INDEX.read_text()) if len(cells) == 5]


def test_every_cited_line_is_a_command_of_its_script() -> None:
    """Every ``SCRIPT:LINE`` in the index names a corpus script and a line where a command
    starts there."""
    text = INDEX.read_text()
    cited = [(n, m.group(1), int(m.group(2))) for n, line in enumerate(text.splitlines(), 1)
             for m in CITATION.finditer(line)]
    assert len(cited) > 500
    bad = []
    for n, script, line in cited:
        if not (CORPUS / f"{script}.sh").exists():
            bad.append(f"index line {n}: no script conformance/corpus/{script}.sh")
        elif line not in _commands(script):
            bad.append(f"index line {n}: {script}:{line} is not the first line of a command")
    assert not bad, "\n".join(bad)


def test_every_example_points_at_a_line_of_its_reference() -> None:
    """Each row's ``FILE.md:LINE`` (examples and differences alike) is a non-blank line of a file in
    docs/reference/, and every reference file has examples in the index."""
    rows = _table_rows(INDEX.read_text())
    bad = []
    for n, cells in rows:
        name, line = _where(cells)
        if not (REFERENCE / name).exists():
            bad.append(f"index line {n}: no docs/reference/{name}")
        elif not 1 <= line <= len(_reference_lines(name)):
            bad.append(f"index line {n}: {name} has {len(_reference_lines(name))} lines")
        elif not _reference_lines(name)[line - 1].strip():
            bad.append(f"index line {n}: {name}:{line} is blank")
    assert not bad, "\n".join(bad)
    indexed = {_where(cells)[0] for _, cells in _examples()}
    assert indexed == {p.name for p in REFERENCE.glob("*.md")}


def test_status_matches_the_lines_cited() -> None:
    """A ``corpus`` row cites a line of a recorded script (28.5), a ``58`` row a line of the script
    written for the index (recorded later: its rows may then become ``corpus`` rows)."""
    recorded = {p.stem for p in (ROOT / "conformance" / "recorded" / "28.5").glob("*.json")}
    bad = []
    for n, cells in _examples():
        scripts = {m.group(1) for m in CITATION.finditer(cells[4])}
        if cells[3] == "corpus" and not scripts & recorded:
            bad.append(f"index line {n}: a corpus row must cite a recorded script's line")
        if cells[3] == "58" and NEW_SCRIPT not in scripts:
            bad.append(f"index line {n}: a 58 row must cite {NEW_SCRIPT}")
    assert not bad, "\n".join(bad)


def test_uncoverable_examples_say_why() -> None:
    """A status is ``corpus``, ``58`` or ``no (CATEGORY)`` with a known category and a reason."""
    bad = []
    for n, cells in _examples():
        match = STATUS.fullmatch(cells[3])
        if match is None:
            bad.append(f"index line {n}: unknown status {cells[3]!r}")
        elif match.group("category") is not None:
            if match.group("category") not in CATEGORIES:
                bad.append(f"index line {n}: unknown category {match.group('category')!r}")
            if len(cells[4]) < 10:
                bad.append(f"index line {n}: no reason given")
    assert not bad, "\n".join(bad)


def test_summary_counts_the_rows() -> None:
    """The summary table (per file: examples, corpus, 58, no) and the per-category line agree with
    the rows."""
    text = INDEX.read_text()
    per_file: dict[str, Counter[str]] = {}
    categories: Counter[str] = Counter()
    for _, cells in _examples():
        name = _where(cells)[0]
        match = STATUS.fullmatch(cells[3])
        assert match is not None
        kind = "no" if match.group("category") else cells[3]
        per_file.setdefault(name, Counter())[kind] += 1
        if match.group("category"):
            categories[match.group("category")] += 1
    expected = {name: (sum(c.values()), c["corpus"], c["58"], c["no"])
                for name, c in per_file.items()}
    total = sum(per_file.values(), Counter())
    expected["all"] = (total.total(), total["corpus"], total["58"], total["no"])
    found = {}
    for line in text.split("## Summary", 1)[1].split("\n## ", 1)[0].splitlines():
        cells = _cells(line)
        if line.startswith("| ") and len(cells) == 5 and cells[1].isdigit():
            found[cells[0]] = tuple(int(c) for c in cells[1:])
    assert found == expected
    listed = dict(re.findall(r"`([a-z0-9.-]+)` (\d+)", text.split("Not coverable, by category:")[1]
                             .split("\n\n", 1)[0]))
    assert {k: int(v) for k, v in listed.items()} == dict(categories)
