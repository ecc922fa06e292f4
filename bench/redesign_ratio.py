"""Benchmark: is the reshaped code (issue 13) as fast as the code before it, measured in one run.

Two trees run side by side: this checkout, and the package as it was at ``--base`` (a git
revision; by default the last commit before the redesign), extracted with ``git archive`` into a
temporary directory. Each measurement is a fresh ``python -m netsim`` process with
``PYTHONPATH`` set to one tree, alternating base/new so that drift of the machine hits both alike:

- ``netsim run`` on each of the seed's scenarios (``scenarios/seed-*.sh``), the whole set timed;
- ``netsim matrix`` on a synthetic docker script of N containers (bench/engine_build.py's setup).

    python bench/redesign_ratio.py               # 10,000 containers, 5 rounds
    python bench/redesign_ratio.py --smoke       # 300 containers, 1 round (CI smoke run)

Prints the median seconds of each tree and the ratio new/base per measurement. A full run exits 1
when a ratio exceeds ``--limit`` (1.05: "no slower", with 5 % for the machine's noise); --smoke
does not enforce. Both trees must print the same bytes; a difference is an error in any mode.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from io import BytesIO
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from engine_build import synthetic

ROOT = Path(__file__).resolve().parent.parent
#: the last commit before the redesign of issue 13
BASE = "8bdf670"


def extract(rev: str, into: Path) -> Path:
    """The ``netsim`` package as it was at ``rev``, under ``into`` (returned: the PYTHONPATH)."""
    try:
        blob = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", rev, "netsim"],
                              check=True, capture_output=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        detail = e.stderr.decode(errors="replace").strip() if isinstance(
            e, subprocess.CalledProcessError) else str(e)
        sys.exit(f"redesign_ratio: cannot extract {rev} with git archive ({detail}); "
                 "run from a git clone or pass --base REV")
    with tarfile.open(fileobj=BytesIO(blob)) as tar:
        tar.extractall(into, filter="data")
    return into


#: where the measured processes run: a directory with no ``netsim`` package in it (``python -m``
#: puts its working directory before PYTHONPATH, so from the checkout both trees would be it)
NEUTRAL = Path(tempfile.gettempdir())


def timed(pythonpath: Path, argv: list[str]) -> tuple[float, bytes]:
    """Seconds of one ``python -m netsim ARGV`` process and what it printed."""
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "netsim", *argv], capture_output=True,
                          env={"PYTHONPATH": str(pythonpath), "PATH": "/usr/bin:/bin",
                               "PYTHONHASHSEED": "0"}, cwd=NEUTRAL, check=False)
    return time.perf_counter() - start, proc.stdout + b"\0" + proc.stderr + bytes([proc.returncode])


def measure(name: str, runs: list[list[str]], trees: dict[str, Path], rounds: int
            ) -> tuple[str, float, float]:
    """Alternate the trees ``rounds`` times over ``runs`` (each a netsim argv, timed together)."""
    seconds: dict[str, list[float]] = {k: [] for k in trees}
    outputs: dict[str, list[bytes]] = {k: [] for k in trees}
    for which in trees:  # warm-up, untimed: the extracted tree compiles its .pyc files here
        for argv in runs:
            timed(trees[which], argv)
    for r in range(rounds):
        order = list(trees) if r % 2 == 0 else list(reversed(trees))
        for which in order:
            total, out = 0.0, []
            for argv in runs:
                t, printed = timed(trees[which], argv)
                total += t
                out.append(printed)
            seconds[which].append(total)
            outputs[which] = out
    if outputs["base"] != outputs["new"]:
        diff = next(i for i, (a, b) in enumerate(zip(outputs["base"], outputs["new"], strict=True))
                    if a != b)
        sys.exit(f"redesign_ratio: {name}: the trees print different bytes for "
                 f"netsim {' '.join(runs[diff])}")
    base, new = statistics.median(seconds["base"]), statistics.median(seconds["new"])
    print(f"{name + ':':<34}base {base:8.3f} s   new {new:8.3f} s   ratio {new / base:5.3f}",
          flush=True)
    return name, base, new


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="small sizes, one round, no targets")
    parser.add_argument("--containers", type=int, default=None)
    parser.add_argument("--rounds", type=int, default=None)
    parser.add_argument("--base", default=BASE, help=f"git revision to compare with ({BASE})")
    parser.add_argument("--limit", type=float, default=1.05, help="largest ratio new/base")
    args = parser.parse_args()
    n = args.containers or (300 if args.smoke else 10_000)
    rounds = args.rounds or (1 if args.smoke else 5)

    seeds = sorted(str(p) for p in (ROOT / "scenarios").glob("seed-*.sh"))
    with tempfile.TemporaryDirectory() as tmp:
        trees = {"base": extract(args.base, Path(tmp) / "base"), "new": ROOT}
        script = Path(tmp) / "setup.sh"
        script.write_text("\n".join(synthetic(n)[1]) + "\n", encoding="utf-8")
        print(f"base {args.base}, new {ROOT}; {len(seeds)} seed scenarios, matrix of {n:,} "
              f"containers, {rounds} round(s), median of each", flush=True)
        results = [
            measure(f"netsim run seed-*.sh ({len(seeds)})", [["run", s] for s in seeds], trees,
                    rounds),
            measure(f"netsim matrix ({n:,} containers)", [["matrix", str(script)]], trees,
                    rounds),
        ]
    failed = [name for name, base, new in results if new / base > args.limit]
    for name, base, new in results:
        verdict = "PASS" if new / base <= args.limit else "FAIL"
        print(f"{verdict}  {name}: ratio {new / base:.3f} (target <= {args.limit})")
    if failed and not args.smoke:
        sys.exit(1)


if __name__ == "__main__":
    main()
