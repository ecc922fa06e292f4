"""Benchmark: the all-pairs matrix on dual-stack networks against the same setup on IPv4 only
(issue 17: within 2× of the IPv4-only time).

The synthetic setup of bench/engine_build.py (N containers on N/10 bridges, 1–3 networks each,
one in ten publishing a port), once IPv4-only and once with every network dual-stack
(``--ipv6 --subnet 10.x.y.0/22 --subnet fd00:0:0:N::/64``). Each matrix is timed on a fresh
State snapshot, so the topology index is built inside the measurement; the best of
``--rounds`` runs counts.

    python bench/dual_stack_matrix.py            # 10,000 containers
    python bench/dual_stack_matrix.py --smoke    # 500 containers (CI smoke run)

Prints the times, the ratios (dual-stack / IPv4-only, in this one run) and PASS/FAIL per
target; a full run exits 1 when a target is missed (--smoke does not enforce).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from netsim.analysis.reach import Matrix, matrix
from netsim.daemon.engine import Engine
from netsim.state import State

sys.path.insert(0, str(Path(__file__).parent))
from engine_build import synthetic

LIMIT = 2.0  # the bound on dual-stack / IPv4-only


def engine_for(n: int, *, ipv6: bool) -> Engine:
    ops, _ = synthetic(n, ipv6=ipv6)
    engine = Engine()
    for op in ops:
        engine.execute(op)
    return engine


def best(rounds: int, snapshot: Callable[[], State], run: Callable[[State], Matrix]
         ) -> tuple[float, Matrix]:
    """The best wall time of ``run`` on fresh snapshots (index included), and its matrix."""
    times = []
    m = None
    for _ in range(rounds):
        state = snapshot()
        t0 = time.perf_counter()
        m = run(state)
        times.append(time.perf_counter() - t0)
    assert m is not None
    return min(times), m


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--containers", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--smoke", action="store_true",
                        help="a small run for CI (targets printed, not enforced)")
    args = parser.parse_args()
    n, rounds = (500, 1) if args.smoke else (args.containers, args.rounds)

    v4 = engine_for(n, ipv6=False)
    dual = engine_for(n, ipv6=True)
    print(f"containers: {n:,} on {max(1, n // 10):,} networks; best of {rounds} "
          f"(index built inside each measurement)")
    rows = [
        ("IPv4-only setup, IPv4 matrix", v4, 4),
        ("dual-stack setup, IPv4 matrix", dual, 4),
        ("dual-stack setup, IPv6 matrix", dual, 6),
    ]
    times: dict[str, float] = {}
    for label, engine, family in rows:
        took, m = best(rounds, engine.state, lambda s, f=family: matrix(s, family=f))
        times[label] = took
        print(f"{label + ':':<34}{took:.3f} s ({len(m.sources)} × {len(m.destinations)}, "
              f"{m.count:,} '.' cells)")
    base = times[rows[0][0]]
    ok = True
    print("targets" + (" (smoke run: not enforced):" if args.smoke else ":"))
    for label, _, _ in rows[1:]:
        ratio = times[label] / base
        passed = ratio <= LIMIT
        ok &= passed
        print(f"  {'PASS' if passed else 'FAIL'}  {label} / IPv4-only: {ratio:.2f}× "
              f"(target <= {LIMIT:g}×)")
    if not args.smoke and not ok:
        sys.exit(1)


if __name__ == "__main__":
    main()
