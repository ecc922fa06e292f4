"""Benchmark: who reaches whom — the full matrix, single queries, and a naive path search.

Synthetic setup (the one issue 3 asks for, from bench/engine_build.py): N containers on N/10
user-defined bridge networks, each container on 1–3 networks, one in ten publishing a port.

    python bench/reach_matrix.py            # 10,000 containers; naive search at 1,000
    python bench/reach_matrix.py --smoke    # 500 containers; naive at 100 (CI smoke run)

Prints one ``name: value`` line per measurement: building the State, the topology index, the
full matrix (ping, and port 80), random single queries (median/p90/p99), the naive per-pair path
search over graph.forwarding() at a smaller size (checked cell by cell against the matrix) and
the speed-up, ``netsim matrix`` end to end on a docker script, and the run's peak RSS; then each
target with PASS/FAIL. A full run exits 1 when a target is missed (--smoke does not enforce).
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from netsim.analysis.graph import forwarding
from netsim.analysis.reach import Matrix, forwarding_pairs, matrix, reach, topology_index
from netsim.api import Operation
from netsim.daemon.engine import Engine
from netsim.state import State

sys.path.insert(0, str(Path(__file__).parent))
from engine_build import synthetic

NAIVE_BUDGET_S = 240.0  # the naive search runs in full only when expected to take at most this
NAIVE_SAMPLE = 5_000  # pairs searched first, to extrapolate the full naive search
PORTS: tuple[int | None, ...] = (None, 80, 8080)


@dataclass
class Target:
    """One of the issue's targets: ``value`` must be <= ``limit`` (>= with ``at_least``)."""

    name: str
    value: float
    limit: float
    unit: str
    at_least: bool = False

    @property
    def ok(self) -> bool:
        return self.value >= self.limit if self.at_least else self.value <= self.limit

    def line(self) -> str:
        op = ">=" if self.at_least else "<="
        return (f"{'PASS' if self.ok else 'FAIL'}  {self.name}: {self.value:,.3f} {self.unit} "
                f"(target {op} {self.limit:,g} {self.unit}; "
                f"{self.value / self.limit:.2f}× the limit)")


def judge(targets: Sequence[Target], *, smoke: bool, title: str | None = "targets") -> None:
    """Print each target's line (under ``title``); exit 1 when one is missed, unless this is a
    smoke run."""
    if title is not None:
        print(title + (" (smoke run: not enforced):" if smoke else ":"))
    for t in targets:
        print("  " + t.line())
    if not smoke and not all(t.ok for t in targets):
        sys.exit(1)


def show(name: str, value: str) -> None:
    print(f"{name + ':':<36}{value}", flush=True)


def build(ops: Sequence[Operation]) -> tuple[Engine, State]:
    engine = Engine()
    for op in ops:
        engine.execute(op)
    return engine, engine.state()


def naive_found(g: nx.DiGraph[str], src_node: str, dst_node: str) -> bool:
    """One cell the naive way: a path search (False when either end has no node)."""
    return (bool(src_node) and bool(dst_node) and src_node in g and dst_node in g
            and nx.has_path(g, src_node, dst_node))


def shape(m: Matrix) -> str:
    return f"{len(m.sources)} × {len(m.destinations)}, {m.count:,} '.' cells"


def full(state: State, *, port: int | None = None, vantage: bool = True) -> Matrix:
    """``matrix(state, …)`` with every cell computed: from 4,096 columns a matrix's rows are
    made when read (netsim.analysis.reach.matrix._LAZY_AT), and its count reads each."""
    m = matrix(state, port=port, vantage=vantage)
    _ = m.count
    return m


def bench_matrix(n: int) -> tuple[State, dict[int | None, Matrix], list[str], list[Target]]:
    """1. and 2.: the State, its index, the full matrix for ping and for port 80."""
    ops, lines = synthetic(n)
    show("containers", f"{n:,} on {max(1, n // 10):,} networks ({len(ops):,} operations)")
    t0 = time.perf_counter()
    engine, state = build(ops)
    t1 = time.perf_counter()
    show("state build", f"{t1 - t0:.3f} s (engine apply + state())")

    t0 = time.perf_counter()
    topology_index(state)
    t1 = time.perf_counter()
    ping = full(state)
    t2 = time.perf_counter()
    show("index build", f"{t1 - t0:.3f} s")
    show("matrix ping (excl. index)", f"{t2 - t1:.3f} s")
    fresh = engine.state()  # a new snapshot: nothing cached on it
    t0 = time.perf_counter()
    full(fresh)
    t1 = time.perf_counter()
    del fresh
    show("matrix ping (incl. index)", f"{t1 - t0:.3f} s (on a fresh snapshot)")
    show("matrix ping shape", shape(ping))
    t2 = time.perf_counter()
    m80 = full(state, port=80)
    t3 = time.perf_counter()
    show("matrix 80/tcp (excl. index)", f"{t3 - t2:.3f} s")
    show("matrix 80/tcp shape", shape(m80))
    assert ping.destinations == m80.destinations and len(ping.destinations) == n
    return state, {None: ping, 80: m80}, lines, [
        Target("full matrix ping, index included", t1 - t0, 1.0, "s")]


def bench_queries(state: State, matrices: dict[int | None, Matrix],
                  queries: int) -> list[Target]:
    """3.: random single queries, timed one by one; a sample checked against the matrix."""
    ping = matrices[None]
    containers = list(ping.destinations)
    sources = containers + [s for s in ping.sources if s.startswith("@")]
    rng = random.Random(1)
    asked = [(rng.choice(sources), rng.choice(containers), rng.choice(PORTS))
             for _ in range(queries)]
    took: list[int] = []
    tally: Counter[str] = Counter()
    delivered: list[bool] = []
    clock = time.perf_counter_ns
    for src, dst, port in asked:
        t0 = clock()
        trace = reach(state, src, dst, port=port)
        t1 = clock()
        took.append(t1 - t0)
        tally[trace.disposition.value] += 1
        delivered.append(trace.delivered)
    # the first 1,000 answers must agree with the matrix of their port
    matrices = {**matrices, 8080: matrix(state, port=8080)}
    row_of = {s: i for i, s in enumerate(ping.sources)}
    col_of = {d: j for j, d in enumerate(ping.destinations)}
    rows: dict[tuple[int | None, str], str] = {}
    for (src, dst, port), ok in list(zip(asked, delivered, strict=True))[:1_000]:
        row = rows.get((port, src))
        if row is None:
            row = rows[(port, src)] = matrices[port].row(src)
        assert (row[col_of[dst]] == ".") == ok, (src, dst, port, row_of[src])

    cuts = statistics.quantiles(took, n=100, method="inclusive")
    median = statistics.median(took) / 1e3
    show("queries", f"{queries:,} reach(src, dst, port) calls, port from {PORTS}")
    show("query median", f"{median:.1f} µs")
    show("query p90", f"{cuts[89] / 1e3:.1f} µs")
    show("query p99", f"{cuts[98] / 1e3:.1f} µs")
    show("queries total", f"{sum(took) / 1e9:.3f} s")
    top = ", ".join(f"{d} {k:,}" for d, k in tally.most_common(5))
    show("query dispositions", top + (f", {len(tally) - 5} more" if len(tally) > 5 else ""))
    return [Target("median single query", median, 50.0, "µs")]


def bench_naive(n: int) -> list[Target]:
    """5.: the per-pair path search over graph.forwarding() against the matrix, at n."""
    ops, _ = synthetic(n)
    _engine, state = build(ops)
    show("naive: containers", f"{n:,}")
    t0 = time.perf_counter()
    m = full(state, vantage=False)  # a fresh snapshot: the index build is included
    t1 = time.perf_counter()
    matrix_s = t1 - t0
    t0 = time.perf_counter()
    g = forwarding(state)
    t1 = time.perf_counter()
    show("naive: forwarding graph build", f"{t1 - t0:.3f} s "
                                          f"({g.number_of_nodes():,} nodes, "
                                          f"{g.number_of_edges():,} edges)")
    pairs = forwarding_pairs(state)
    rows = [row for _, row in m.rows()]
    assert len(pairs) == len(rows) == len(m.destinations) == n

    def search(which: Sequence[tuple[int, int]]) -> float:
        """Search each (i, j), check it against the matrix cell; the seconds it took."""
        start = time.perf_counter()
        found = [naive_found(g, pairs[i][0], pairs[j][1]) for i, j in which]
        took = time.perf_counter() - start
        for (i, j), ok in zip(which, found, strict=True):
            assert ok == (rows[i][j] == "."), (m.sources[i], m.destinations[j], pairs[i][0],
                                               pairs[j][1])
        return took

    total_pairs = n * n
    rng = random.Random(1)
    sample = [(rng.randrange(n), rng.randrange(n)) for _ in range(min(NAIVE_SAMPLE, total_pairs))]
    sample_s = search(sample)
    per_pair = sample_s / len(sample)
    expected = per_pair * total_pairs
    show("naive: sampled pairs", f"{len(sample):,} random pairs in {sample_s:.3f} s "
                                 f"({per_pair * 1e6:.1f} µs/pair), all agree with the matrix")
    if expected <= NAIVE_BUDGET_S:
        naive_s = search([(i, j) for i in range(n) for j in range(n)])
        show("naive: path search, all pairs", f"{naive_s:.3f} s ({total_pairs:,} pairs, "
                                              f"{naive_s / total_pairs * 1e6:.1f} µs/pair), "
                                              "all agree with the matrix")
        label = "measured"
    else:
        naive_s = expected
        show("naive: path search, all pairs", f"{naive_s:.3f} s (extrapolated from "
                                              f"{len(sample):,} pairs; over the "
                                              f"{NAIVE_BUDGET_S:g} s budget, not run)")
        label = f"extrapolated from {len(sample):,} pairs"
    show("naive: matrix (incl. index)", f"{matrix_s:.3f} s ({shape(m)})")
    ratio = naive_s / matrix_s
    show("naive: speed-up", f"{ratio:,.0f}× (path search {label} / matrix)")
    return [Target(f"speed-up over the naive search ({label})", ratio, 100.0, "×",
                   at_least=True)]


def vm_hwm_kib(pid: int) -> int:
    """The peak RSS so far of a running process (Linux /proc), 0 when unknown."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except OSError:
        return 0
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def bench_cli(lines: Sequence[str], n: int) -> list[Target]:
    """6.: ``netsim matrix`` end to end on the same setup written as a docker script."""
    with tempfile.TemporaryDirectory(prefix="netsim-bench-") as tmp:
        script = Path(tmp) / "setup.sh"
        script.write_text("\n".join(lines) + "\n", encoding="utf-8")
        out, err = Path(tmp) / "matrix.txt", Path(tmp) / "stderr.txt"
        peak = 0
        with out.open("wb") as stdout, err.open("wb") as stderr:
            t0 = time.perf_counter()
            proc = subprocess.Popen([sys.executable, "-m", "netsim", "matrix", str(script)],
                                    stdout=stdout, stderr=stderr)
            while True:  # poll its VmHWM (RUSAGE_CHILDREN would count our RSS at the fork)
                peak = max(peak, vm_hwm_kib(proc.pid))
                try:
                    code = proc.wait(timeout=0.02)
                    break
                except subprocess.TimeoutExpired:
                    pass
            t1 = time.perf_counter()
        assert code == 0, (code, err.read_text(encoding="utf-8")[-2000:])
        size = out.stat().st_size
    show("netsim matrix end to end", f"{t1 - t0:.3f} s ({n:,} containers, {len(lines):,} "
                                     f"command lines, exit 0, output {size / 1e6:.1f} MB)")
    show("netsim matrix peak RSS", f"{peak / 1024:.1f} MiB (the subprocess, sampled every "
                                   "20 ms)" if peak else "unknown (no /proc)")
    return [Target("netsim matrix end to end", t1 - t0, 10.0, "s")]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--containers", type=int, default=10_000)
    parser.add_argument("--naive-containers", type=int, default=1_000)
    parser.add_argument("--queries", type=int, default=100_000)
    parser.add_argument("--smoke", action="store_true",
                        help="a small run for CI (targets printed, not enforced)")
    args = parser.parse_args()
    n, naive_n, queries = ((500, 100, 2_000) if args.smoke else
                           (args.containers, args.naive_containers, args.queries))

    state, matrices, lines, targets = bench_matrix(n)
    targets += bench_queries(state, matrices, queries)
    del state, matrices
    targets += bench_naive(naive_n)
    targets += bench_cli(lines, n)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    show("peak RSS", f"{peak:.1f} MiB (this process, whole run)")
    targets.append(Target("peak memory (RSS)", peak, 1024.0, "MiB"))

    judge(targets, smoke=args.smoke)


if __name__ == "__main__":
    main()
