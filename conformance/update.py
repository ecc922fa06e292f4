"""Refresh what the comparison of the committed recordings produces, after netsim or the
recordings changed:

    python conformance/update.py

* ``conformance/disagreements.txt``: every command that disagrees today (the ratchet that
  tests/test_conformance.py holds netsim to: a new disagreement fails, and so does a listed one
  that now agrees);
* the table in ``docs/conformance.md`` between its ``conformance-table`` markers.

It prints the table. It never touches a recording.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from netsim.conformance import ConformanceReport, compare_all, parse_allowlist  # noqa: E402
from netsim.io.recording import read_recording  # noqa: E402

DOC = HERE.parent / "docs" / "conformance.md"
PENDING = HERE / "disagreements.txt"
_MARK = re.compile(r"(<!-- conformance-table -->\n).*?(<!-- /conformance-table -->)", re.S)
_ALLOWED = re.compile(r"(<!-- allowed-list -->\n).*?(<!-- /allowed-list -->)", re.S)


def report() -> ConformanceReport:
    allowed = HERE / "allowed.yaml"
    allow = parse_allowlist(yaml.safe_load(allowed.read_text()) if allowed.exists() else None)
    recs = [read_recording(p) for p in sorted((HERE / "recorded").rglob("*.json"))]
    return compare_all(recs, allow)


def table_markdown(rep: ConformanceReport) -> str:
    head = "| engine | versions | scripts | commands | agreeing | allowed | disagreeing |\n"
    head += "|---|---|---:|---:|---:|---:|---:|\n"
    for r in rep.table():
        head += (f"| {r['engine']} | {r['versions']} | {r['scripts']} | {r['commands']} | "
                 f"{r['agreeing']} | {r['allowed']} | {r['disagreeing']} |\n")
    return head


def allowed_markdown() -> str:
    allowed = HERE / "allowed.yaml"
    entries = parse_allowlist(yaml.safe_load(allowed.read_text()) if allowed.exists() else None)
    if not entries:
        return "(none)\n"
    out = "| command (pattern) | engines | reason |\n|---|---|---|\n"
    for a in entries:
        engines = ", ".join(a.engines) or "all"
        pattern = a.command.replace("|", "\\|")  # a pipe would end the table's cell
        out += f"| `{pattern}` | {engines} | {a.reason} |\n"
    return out


def render_doc(text: str, rep: ConformanceReport) -> str:
    """docs/conformance.md with its generated parts made current."""
    text = _MARK.sub(lambda m: m.group(1) + table_markdown(rep) + m.group(2), text)
    return _ALLOWED.sub(lambda m: m.group(1) + allowed_markdown() + m.group(2), text)


def pending_text(rep: ConformanceReport) -> str:
    lines = ["# Commands that disagree with the recordings today (conformance/update.py writes",
             "# this file; tests/test_conformance.py fails on any other disagreement and on a",
             "# listed one that agrees). Each is a bug to fix or, after review, an allowance",
             "# in allowed.yaml.", ""]
    for s, st in rep.disagreements:
        cmd = st.command if len(st.command) <= 70 else st.command[:67] + "..."
        lines.append(f"{s.engine} {s.name}:{st.line}  # {', '.join(st.differs) or st.reason}: "
                     f"{cmd}")
    for s in rep.scripts:
        if s.error:
            lines.append(f"{s.engine} {s.name}: replay failed  # {s.error}")
    return "\n".join(lines) + "\n"


def main() -> None:
    rep = report()
    PENDING.write_text(pending_text(rep))
    if DOC.exists():
        DOC.write_text(render_doc(DOC.read_text(), rep))
    print(str(rep).split("\n\n")[0])
    print(f"{len(rep.disagreements)} disagreements listed in {PENDING.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
