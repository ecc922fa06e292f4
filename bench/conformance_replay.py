"""Benchmark: replaying the whole conformance corpus through netsim and comparing (target ≤ 10 s).

    python bench/conformance_replay.py            # every recording under conformance/recorded
    python bench/conformance_replay.py --smoke    # the first three (CI smoke run)

Prints the number of recordings and commands, the time to read them, the time to replay and
compare them all (best and median of three runs), and the per-engine table.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import yaml

from netsim.conformance import Allowance, compare_all, parse_allowlist
from netsim.io.recording import read_recording

CONF = Path(__file__).resolve().parent.parent / "conformance"


def recording_files(smoke: bool) -> list[Path]:
    """Every recording under conformance/recorded, in order (the first three with ``smoke``)."""
    files = sorted((CONF / "recorded").rglob("*.json"))
    return files[:3] if smoke else files


def allowances() -> tuple[Allowance, ...]:
    """conformance/allowed.yaml: the reviewed differences a comparison allows."""
    allowed = CONF / "allowed.yaml"
    return parse_allowlist(
        yaml.safe_load(allowed.read_text(encoding="utf-8")) if allowed.exists() else None)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--smoke", action="store_true", help="three recordings, one run")
    args = ap.parse_args()
    files = recording_files(args.smoke)
    if not files:
        print("no recordings")
        return
    t0 = time.perf_counter()
    recordings = [read_recording(f) for f in files]
    t_read = time.perf_counter() - t0
    allow = allowances()
    times = []
    report = None
    for _ in range(1 if args.smoke else 3):
        t0 = time.perf_counter()
        report = compare_all(recordings, allow)
        times.append(time.perf_counter() - t0)
    assert report is not None
    commands = sum(len(r.steps) for r in recordings)
    print(f"recordings: {len(recordings)}, commands: {commands}")
    print(f"read: {t_read:.2f} s")
    print(f"replay and compare: best {min(times):.2f} s, median {statistics.median(times):.2f} s "
          f"(target <= 10 s for the whole corpus)")
    print(str(report).split("\n\n")[0])


if __name__ == "__main__":
    main()
