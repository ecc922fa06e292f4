"""Two recordings of the same corpus must differ only in what the comparison normalizes.

    python conformance/stability.py DIR_A DIR_B

For each recording in DIR_A with a namesake in DIR_B (same script), every command's exit status,
stdout and stderr are normalized as netsim's comparison does (netsim/conformance/normalize.py
NORMALIZATIONS, and the shuffled DNS answers netsim's replay reports for that command) and must
then be equal, except commands conformance/allowed.yaml allows (some allow Docker's own
randomness). Prints each difference and exits 1 if there is one; 0 when the two agree.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

import yaml  # noqa: E402

from netsim.conformance import (  # noqa: E402
    Allowance,
    context_for,
    normalized_side,
    parse_allowlist,
    replay,
)
from netsim.errors import InputError  # noqa: E402
from netsim.io.recording import Recording, read_recording  # noqa: E402


def differences(a: Recording, b: Recording, allowed: tuple[Allowance, ...] = ()) -> list[str]:
    """What differs between two recordings of one script, after normalization."""
    if a.script != b.script:
        return [f"{a.name}: the two recordings are of different scripts"]
    try:
        shuffled = {line: s.shuffled for line, s in replay(a, seed=0).items()}
    except InputError:
        shuffled = {}
    ca, cb = context_for(a.engine.profile), context_for(a.engine.profile)
    out = []
    lines_b = {s.line: s for s in b.steps}
    for sa in a.steps:
        sb = lines_b.pop(sa.line, None)
        if sb is None:
            out.append(f"{a.name}:{sa.line}: only in the first recording")
            continue
        if any(x.matches(a, sa.command) for x in allowed):
            continue
        groups = shuffled.get(sa.line, ())
        na = normalized_side(sa.exit_code, sa.stdout, sa.stderr, sa.command, ca, groups)
        nb = normalized_side(sb.exit_code, sb.stdout, sb.stderr, sb.command, cb, groups)
        for field in ("exit_code", "stdout", "stderr"):
            va, vb = getattr(na, field), getattr(nb, field)
            if va != vb:
                out.append(f"{a.name}:{sa.line} {field} ({sa.command}):\n  first:  {va!r}\n"
                           f"  second: {vb!r}")
    out += [f"{a.name}:{line}: only in the second recording" for line in sorted(lines_b)]
    return out


def main() -> None:
    if len(sys.argv) != 3:
        print(__doc__.strip().split("\n\n")[1], file=sys.stderr)
        sys.exit(2)
    first, second = Path(sys.argv[1]), Path(sys.argv[2])
    allowed_file = HERE / "allowed.yaml"
    allowed = parse_allowlist(yaml.safe_load(allowed_file.read_text())
                              if allowed_file.exists() else None)
    found = []
    compared = 0
    for pa in sorted(first.glob("*.json")):
        pb = second / pa.name
        if not pb.exists():
            continue
        compared += 1
        found += differences(read_recording(pa), read_recording(pb), allowed)
    for line in found:
        print(line)
    print(f"{compared} recordings compared, {len(found)} differences")
    sys.exit(1 if found or not compared else 0)


if __name__ == "__main__":
    main()
