"""Benchmark: the all-pairs matrix on dual-stack networks against the same setup on IPv4 only
(issue 17: within 2× of the IPv4-only time), on Engine 29.1 and on 26.1 (no ip6tables).

The synthetic setup of bench/engine_build.py (N containers on N/10 bridges, 1–3 networks each,
one in ten publishing a port), once IPv4-only and once with every network dual-stack
(``--ipv6 --subnet 10.x.y.0/22 --subnet fd00:0:0:N::/64``). Each matrix is timed on a fresh
State snapshot, so the topology index is built inside the measurement; the best of
``--rounds`` runs counts.

On 29.1 ip6tables isolates the bridges over IPv6 as iptables does over IPv4: the IPv6 matrix is
as sparse as the IPv4 one. On 26.1 (``EngineProfile.ip6tables_default`` off) the host routes
IPv6 between all its bridges, so the IPv6 matrix is dense (every container reaches every other:
N × N cells set); its target is the same bound, against the IPv4-only matrix and against the
IPv4 matrix of the same dual-stack setup.

    python bench/dual_stack_matrix.py            # 10,000 containers
    python bench/dual_stack_matrix.py --smoke    # 500 containers (CI smoke run)

Prints the times, the ratios (in this one run) and PASS/FAIL per target; a full run exits 1
when a target is missed (--smoke does not enforce).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Literal

from netsim.analysis.reach import Matrix, matrix
from netsim.daemon.engine import Engine
from netsim.state import State
from netsim.versions import profile

sys.path.insert(0, str(Path(__file__).parent))
from engine_build import synthetic

LIMIT = 2.0  # the bound on dual-stack / IPv4-only
PROFILES = ("29.1", "26.1")  # ip6tables on (bridges isolated over IPv6), off (routed: dense)



def engine_for(n: int, *, ipv6: bool, engine_profile: str = "29.1") -> Engine:
    ops, _ = synthetic(n, ipv6=ipv6)
    engine = Engine(profile=profile(engine_profile))
    for op in ops:
        engine.execute(op)
    return engine


def best(rounds: int, snapshot: Callable[[], State], run: Callable[[State], Matrix]
         ) -> tuple[float, Matrix]:
    """The best wall time of ``run`` on fresh snapshots (index included) with every cell
    computed (from 4,096 columns an IPv4 matrix's rows are made when read: its count reads
    each), and its matrix."""
    times = []
    m = None
    for _ in range(rounds):
        state = snapshot()
        t0 = time.perf_counter()
        m = run(state)
        _ = m.count
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

    print(f"containers: {n:,} on {max(1, n // 10):,} networks; best of {rounds} "
          f"(index built inside each measurement)")
    ok = True
    for name in PROFILES:
        ok &= run_profile(name, n, rounds, smoke=args.smoke)
    if not args.smoke and not ok:
        sys.exit(1)


def run_profile(name: str, n: int, rounds: int, *, smoke: bool) -> bool:
    """The three matrices on one engine profile, and its targets; whether they are met."""
    v4 = engine_for(n, ipv6=False, engine_profile=name)
    dual = engine_for(n, ipv6=True, engine_profile=name)
    routed = not profile(name).ip6tables_default
    how = ("no ip6tables: IPv6 routed between the bridges" if routed else
           "ip6tables: the bridges isolated over IPv6")
    print(f"Engine {name} ({how}):")
    rows: list[tuple[str, Engine, Literal[4, 6]]] = [
        ("IPv4-only setup, IPv4 matrix", v4, 4),
        ("dual-stack setup, IPv4 matrix", dual, 4),
        ("dual-stack setup, IPv6 matrix", dual, 6),
    ]
    times: dict[str, float] = {}
    for label, engine, family in rows:
        took, m = best(rounds, engine.state, partial(matrix, family=family))
        times[label] = took
        print(f"  {label + ':':<34}{took:.3f} s ({len(m.sources)} × {len(m.destinations)}, "
              f"{m.count:,} '.' cells)")
    base = rows[0][0]
    ratios = [(label, base, "IPv4-only") for label, _, _ in rows[1:]]
    if routed:  # the dense IPv6 matrix against the IPv4 one of the very same setup
        ratios.append((rows[2][0], rows[1][0], "dual-stack IPv4"))
    ok = True
    print("  targets" + (" (smoke run: not enforced):" if smoke else ":"))
    for label, against, short in ratios:
        ratio = times[label] / times[against]
        passed = ratio <= LIMIT
        ok &= passed
        print(f"    {'PASS' if passed else 'FAIL'}  {label} / {short}: {ratio:.2f}× "
              f"(target <= {LIMIT:g}×)")
    return ok


if __name__ == "__main__":
    main()
