"""Benchmark: how many lines of Python a replay runs per docker command, and where.

Wall-clock figures on a shared 2-core machine drift by 10-35 % within an hour, more than most
single changes to the replay's path are worth; the lines of Python a replay executes do not
drift (the same script and code give the same count, bar iteration orders of sets of str under
another PYTHONHASHSEED). This counts them with a ``sys.settrace`` line hook over
bench/engine_build.py's synthetic setup as a docker script (N containers on N/10 networks,
``netsim.lab.run_script`` after a small warm-up replay that fills the CLI's memos and imports
what a replay imports lazily), and prints the lines and calls per command, by part of netsim
(the engine, the docker CLI, the API objects' construction, the lab, …) and by function.

Lines are not time: a line calling into C (SHA-256, numpy, dict copies) costs more than one
that does not, so a change is judged by both (this count, and bench/replay_speed.py's time).

    python bench/replay_lines.py                 # 10,000 containers (~1 minute)
    python bench/replay_lines.py --containers 2000 --top 40
    python bench/replay_lines.py --smoke         # 300 containers (CI smoke run)
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path
from types import FrameType
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from engine_build import synthetic

from netsim.lab import run_script

PACKAGE = str(Path(__file__).resolve().parent.parent / "netsim")


def part_of(filename: str) -> str:
    """Which part of netsim (or what else) a code object's file is."""
    if filename.startswith(PACKAGE + "/"):
        rest = filename[len(PACKAGE) + 1:]
        top = rest.split("/")[0]
        return f"netsim/{top}"
    if filename == "<string>":
        return "<string> (dataclass __init__ and the like)"
    return "outside netsim (stdlib, libraries)"


def count(text: str) -> tuple[Counter[tuple[str, str]], Counter[tuple[str, str]]]:
    """The lines executed and the calls made, by (file, function), replaying ``text``."""
    lines: Counter[tuple[str, str]] = Counter()
    calls: Counter[tuple[str, str]] = Counter()

    def local(frame: FrameType, event: str, arg: Any) -> Any:
        if event == "line":
            code = frame.f_code
            lines[(code.co_filename, code.co_name)] += 1
        return local

    def tracer(frame: FrameType, event: str, arg: Any) -> Any:
        if event == "call":
            code = frame.f_code
            calls[(code.co_filename, code.co_name)] += 1
            return local
        return None

    sys.settrace(tracer)
    try:
        run_script(text, source="bench.sh")
    finally:
        sys.settrace(None)
    return lines, calls


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--containers", type=int, default=None)
    parser.add_argument("--top", type=int, default=25, help="functions listed (25)")
    parser.add_argument("--smoke", action="store_true", help="300 containers (CI smoke run)")
    args = parser.parse_args()
    n = args.containers or (300 if args.smoke else 10_000)
    commands = synthetic(n)[1]
    run_script("\n".join(synthetic(50, seed=7)[1]) + "\n", source="warm-up.sh")
    lines, calls = count("\n".join(commands) + "\n")
    m = len(commands)
    total = sum(lines.values())
    print(f"containers={n:,} networks={max(1, n // 10):,} commands={m:,}")
    print(f"lines per command:  {total / m:8.1f}")
    print(f"calls per command:  {sum(calls.values()) / m:8.1f}")
    parts: Counter[str] = Counter()
    for (filename, _), k in lines.items():
        parts[part_of(filename)] += k
    print("by part (lines per command, share):")
    for name, k in parts.most_common():
        print(f"  {k / m:8.1f} {k / total * 100:5.1f} %  {name}")
    print(f"top {args.top} functions (lines per command, calls per command):")
    for (filename, func), k in lines.most_common(args.top):
        where = filename.removeprefix(PACKAGE + "/")
        print(f"  {k / m:8.1f} {calls[(filename, func)] / m:6.2f}  {where}:{func}")


if __name__ == "__main__":
    main()
