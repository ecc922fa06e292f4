"""Benchmark: who reaches whom — the full matrix, single queries, and a naive path search.

Synthetic setup (the one issue 3 asks for, from bench/engine_build.py): N containers on N/10
user-defined bridge networks, each container on 1–3 networks, one in ten publishing a port.

    python bench/reach_matrix.py            # 10,000 containers; naive search at 1,000
    python bench/reach_matrix.py --smoke    # 500 containers; naive at 100 (CI smoke run)

Prints one `name: value` line per measurement: building the State, the topology index, the full
matrix (ping, and port 80), random single queries (median/p90/p99), the naive per-pair path
search over graph.forwarding() at a smaller size (checked cell by cell against the matrix) and
the speed-up, `netsim matrix` end to end on a docker script, and the run's peak RSS; then each
target with PASS/FAIL. A full run exits 1 when a target is missed (--smoke does not enforce them).
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

sys.path.insert(0, str(Path(__file__).parent))

from engine_build import synthetic  # noqa: E402

from netsim.engine import Engine  # noqa: E402
from netsim.graph import forwarding  # noqa: E402
from netsim.model import Operation  # noqa: E402
from netsim.reach import forwarding_pairs, matrix, reach, topology_index  # noqa: E402
from netsim.state import State  # noqa: E402

NAIVE_BUDGET_S = 240.0  # run the naive search in full only if it is expected to fit this
NAIVE_SAMPLE = 5_000  # pairs timed first, to extrapolate the full naive search
PORTS: tuple[int | None, ...] = (None, 80, 8080)


@dataclass
class Target:
    name: str
    value: float
    limit: float
    unit: str
    at_least: bool = False  # the value must be >= limit (else <=)

    @property
    def ok(self) -> bool:
        return self.value >= self.limit if self.at_least else self.value <= self.limit

    def line(self) -> str:
        op = ">=" if self.at_least else "<="
        verdict = "PASS" if self.ok else "FAIL"
        return (f"{verdict}  {self.name}: {self.value:,.3f} {self.unit} "
                f"(target {op} {self.limit:,g} {self.unit}; "
                f"{self.value / self.limit:.2f}× the target)")


def show(name: str, value: str) -> None:
    print(f"{name + ':':<34}{value}", flush=True)


def build(ops: Sequence[Operation]) -> tuple[Engine, State]:
    engine = Engine()
    for op in ops:
        engine.execute(op)
    return engine, engine.state()


def naive_found(g: nx.DiGraph[str], src_node: str, dst_node: str) -> bool:
    """What the forwarding graph says for one pair: a path search (the naive way)."""
    return (bool(src_node) and bool(dst_node) and src_node in g and dst_node in g
            and nx.has_path(g, src_node, dst_node))


def bench_state(n: int) -> tuple[Engine, State, list[str], list[Target]]:
    ops, lines = synthetic(n)
    t0 = time.perf_counter()
    engine, state = build(ops)
    t1 = time.perf_counter()
    show("containers", f"{n} on {max(1, n // 10)} networks ({len(ops)} operations)")
    show("state build", f"{t1 - t0:.3f} s (engine apply + state())")

    t0 = time.perf_counter()
    topology_index(state)
    t1 = time.perf_counter()
    m = matrix(state)
    t2 = time.perf_counter()
    fresh = engine.state()  # a new snapshot: no index cached on it yet
    t3 = time.perf_counter()
    m_fresh = matrix(fresh)
    t4 = time.perf_counter()
    del fresh, m_fresh
    m80 = matrix(state, port=80)
    t5 = time.perf_counter()
    containers = sum(1 for s in m.sources if not s.startswith("@"))
    assert containers == n == len(m.destinations), (containers, n, len(m.destinations))
    show("index build", f"{t1 - t0:.3f} s")
    show("matrix ping (excl. index)", f"{t2 - t1:.3f} s")
    show("matrix ping (incl. index)", f"{t4 - t3:.3f} s (on a fresh snapshot)")
    show("matrix ping shape", f"{len(m.sources)} × {len(m.destinations)}, "
                              f"{m.count:,} '.' cells")
    show("matrix 80/tcp (excl. index)", f"{t5 - t2 - (t4 - t3) - (t3 - t2):.3f} s"
         if False else f"{t5 - t4:.3f} s")
    show("matrix 80/tcp shape", f"{len(m80.sources)} × {len(m80.destinations)}, "
                                f"{m80.count:,} '.' cells")
    targets = [Target("full matrix ping, index included", t4 - t3, 1.0, "s")]
    return engine, state, lines, targets
