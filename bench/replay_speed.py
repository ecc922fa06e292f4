"""Benchmark: the engine's replay of a docker script, against the code before issue 19, in one run.

Issue 19 asks for the path from a script line to the State to be at least 5x faster, with the
same bytes out: at most 50 µs per docker command at 10,000 containers, ``netsim matrix`` end to
end in at most 2 s, in at most 1 GiB. This bench measures, on bench/engine_build.py's synthetic
setup (N containers on N/10 networks, 18,400 commands at 10,000):

- the replay alone (``netsim.lab.run_script``), each round in a fresh process: seconds and µs
  per command, best of ``--rounds``;
- ``netsim matrix`` end to end, each a fresh ``python -m netsim`` process, alternating this tree
  and the package at ``--base`` (the last commit before issue 19's work, extracted with
  ``git archive``), median of ``--rounds``: the two must print the same bytes (an error in any
  mode), and the ratio base/new is the speed-up;
- the peak RSS of this tree's ``netsim matrix`` process (``ru_maxrss`` of the child).

    python bench/replay_speed.py                # 10,000 containers, 3 rounds
    python bench/replay_speed.py --smoke        # 300 containers, 1 round (CI smoke run)

A full run exits 1 when a target is missed; --smoke does not enforce. A change that rightly
changes what ``netsim matrix`` prints for this setup moves ``BASE`` to the commit before it.
(This replaces bench/redesign_ratio.py, which ran both of its trees from the checkout, where
``python -m netsim`` imports the checkout whatever PYTHONPATH says.)
"""

from __future__ import annotations

import argparse
import hashlib
import os
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
from reach_matrix import Target, judge

#: the last commit before issue 19's speed work
BASE = "c239603"
ROOT = Path(__file__).resolve().parent.parent
#: where the measured processes run: a directory with no ``netsim`` package in it (``python -m``
#: puts its working directory before PYTHONPATH: from the checkout both trees would be it)
NEUTRAL = Path(tempfile.gettempdir())


def extract(rev: str, into: Path) -> Path:
    """The ``netsim`` package as it was at ``rev``, under ``into`` (returned: the PYTHONPATH)."""
    try:
        blob = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", rev, "netsim"],
                              check=True, capture_output=True).stdout
    except (OSError, subprocess.CalledProcessError) as e:
        detail = e.stderr.decode(errors="replace").strip() if isinstance(
            e, subprocess.CalledProcessError) else str(e)
        sys.exit(f"replay_speed: cannot extract {rev} with git archive ({detail}); "
                 "run from a git clone or pass --base REV")
    with tarfile.open(fileobj=BytesIO(blob)) as tar:
        tar.extractall(into, filter="data")
    return into


def child_run(pythonpath: Path, argv: list[str]) -> tuple[float, bytes, int]:
    """Seconds, what it printed (a SHA-256 of stdout, stderr and the status, and stdout's size)
    and peak RSS (KiB: the child's own ru_maxrss, from wait4) of one ``python -m netsim``."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, "-m", "netsim", *argv], stdout=out, stderr=err,
                                env={"PYTHONPATH": str(pythonpath), "PATH": "/usr/bin:/bin",
                                     "PYTHONHASHSEED": "0"}, cwd=NEUTRAL)
        _pid, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        # a digest, not the bytes: a parent holding 100 MB would lend its pages to the next
        # child's peak RSS (fork before exec)
        digest = hashlib.sha256()
        for stream in (out, err):
            stream.seek(0)
            while chunk := stream.read(1 << 20):
                digest.update(chunk)
            digest.update(b"\0")
        digest.update(bytes([proc.returncode & 0xFF]))
        size = out.tell()
    return seconds, digest.digest() + size.to_bytes(8, "big"), usage.ru_maxrss


REPLAY = """import sys, time
from netsim.lab import run_script
text = open(sys.argv[1], encoding="utf-8").read()
start = time.perf_counter()
_lab, steps = run_script(text, source="bench.sh")
seconds = time.perf_counter() - start
assert all(s.exit_code == 0 for s in steps), "a command failed"
print(seconds)
"""


def replay_seconds(script: Path) -> float:
    """``run_script`` of the script, timed in a fresh ``python`` of this tree."""
    done = subprocess.run([sys.executable, "-c", REPLAY, str(script)], capture_output=True,
                          text=True, cwd=NEUTRAL, check=False,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin",
                               "PYTHONHASHSEED": "0"})
    if done.returncode != 0:
        sys.exit(f"replay_speed: the replay failed: {done.stderr.strip()[-500:]}")
    return float(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="small sizes, one round, no targets")
    parser.add_argument("--containers", type=int, default=None)
    parser.add_argument("--rounds", type=int, default=None)
    parser.add_argument("--base", default=BASE, help=f"git revision to compare with ({BASE})")
    args = parser.parse_args()
    n = args.containers or (300 if args.smoke else 10_000)
    rounds = args.rounds or (1 if args.smoke else 3)
    lines = synthetic(n)[1]
    text = "\n".join(lines) + "\n"

    with tempfile.TemporaryDirectory() as tmp:
        trees = {"base": extract(args.base, Path(tmp) / "base"), "new": ROOT}
        script = Path(tmp) / "setup.sh"
        script.write_text(text, encoding="utf-8")
        times: dict[str, list[float]] = {"base": [], "new": []}
        outputs: dict[str, bytes] = {}
        peak_kib = 0
        for _ in range(rounds):
            for tree in ("base", "new"):
                seconds, out, peak = child_run(trees[tree], ["matrix", str(script)])
                times[tree].append(seconds)
                if tree == "new":
                    peak_kib = max(peak_kib, peak)
                if outputs.setdefault(tree, out) != out:
                    sys.exit(f"replay_speed: the {tree} tree printed different bytes in two runs")
        # the replay alone, each round in a fresh process: what a netsim command meets (a second
        # replay in one process finds the CLI's request memos full, hiding what filling costs)
        replay = [replay_seconds(script) for _ in range(rounds)]
    best = min(replay)
    per_command = best / len(lines) * 1e6
    if outputs["base"] != outputs["new"]:
        sys.exit(f"replay_speed: netsim matrix prints different bytes than at {args.base}")
    base_s, new_s = statistics.median(times["base"]), statistics.median(times["new"])
    speedup = base_s / new_s
    print(f"containers={n:,} networks={n // 10:,} commands={len(lines):,} rounds={rounds}")
    print(f"replay (this tree):          {best:8.3f} s  ({per_command:.1f} µs per command)")
    print(f"netsim matrix, base {args.base}: {base_s:8.3f} s (median)")
    size = int.from_bytes(outputs["new"][-8:], "big")
    print(f"netsim matrix, this tree:    {new_s:8.3f} s (median); the same bytes "
          f"({size:,}); speed-up {speedup:.2f}x")
    if peak_kib:
        print(f"netsim matrix peak RSS:      {peak_kib / 1024:8.1f} MiB")
    targets = [
        Target("replay per command", per_command, 50.0, "µs"),
        Target("netsim matrix end to end", new_s, 2.0, "s"),
        Target("speed-up over the base, end to end", speedup, 5.0, "x", at_least=True),
        Target("peak RSS", peak_kib / 1024, 1024.0, "MiB"),
    ]
    judge(targets, smoke=args.smoke)

if __name__ == "__main__":
    main()
