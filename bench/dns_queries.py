"""Benchmark: Docker's embedded DNS as netsim answers it — building the records, single
queries, alias shuffles and ``netsim dns`` end to end.

Synthetic setup: bench/engine_build.py's N containers on N/10 user-defined networks (1–3
networks each), plus 50 containers sharing the alias ``pool`` on net0.

    python bench/dns_queries.py            # 10,000 containers
    python bench/dns_queries.py --smoke    # 500 containers (CI smoke run)

Prints one ``name: value`` line per measurement, then each of netsim's own design targets with
PASS/FAIL (the issue names none): the records of 10,000 containers built in at most 1 s, a
single query's median at most 100 µs. A full run exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from netsim.analysis.dns import DnsAnswer, query, query_series
from netsim.analysis.reach import topology_index
from netsim.api import (
    ContainerConfig,
    ContainerCreate,
    ContainerSpec,
    EndpointSettings,
    HostConfig,
    NetworkingConfig,
)
from netsim.daemon.engine import Engine
from netsim.state import State

sys.path.insert(0, str(Path(__file__).parent))
from engine_build import synthetic

POOL = 50


def show(name: str, value: str) -> None:
    print(f"{name + ':':<40}{value}", flush=True)


def timed(state: State, pairs: list[tuple[str, str]],
          rng: random.Random) -> tuple[float, float, float, list[DnsAnswer]]:
    """Ask each (client, name) once: median, p90, p99 in µs, and the answers."""
    times, answers = [], []
    for client, name in pairs:
        t = time.perf_counter()
        answers.append(query(state, client, name, rng=rng))
        times.append(time.perf_counter() - t)
    times.sort()
    return (statistics.median(times) * 1e6, times[int(0.9 * len(times))] * 1e6,
            times[int(0.99 * len(times))] * 1e6, answers)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--containers", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=100_000)
    parser.add_argument("--smoke", action="store_true", help="a small run for CI")
    args = parser.parse_args()
    n = 500 if args.smoke else args.containers
    queries = 2_000 if args.smoke else args.queries
    ops, lines = synthetic(n)
    for i in range(POOL):
        ops.append(ContainerCreate(container=ContainerSpec(
            name=f"pool{i}", Config=ContainerConfig(Image="nginx"),
            HostConfig=HostConfig(NetworkMode="net0"),
            NetworkingConfig=NetworkingConfig(
                EndpointsConfig={"net0": EndpointSettings(Aliases=("pool",))}))))
        lines.append(f"docker run -d --name pool{i} --network net0 --network-alias pool nginx")
    engine = Engine()
    for op in ops:
        engine.execute(op)
    state = engine.state()
    topology_index(state)  # reach's index (the client lookup), measured in reach_matrix.py
    show("containers", f"{n + POOL:,}")

    rng = random.Random(1)
    t0 = time.perf_counter()
    first = query(state, "c0", "c1", rng=rng)
    build_s = time.perf_counter() - t0
    show("records built + first query", f"{build_s:.3f} s ({first.rcode})")

    names = [c.name for c in state.containers()]
    pick = random.Random(2)
    pairs = [(pick.choice(names), pick.choice(names)) for _ in range(queries)]
    median_us, p90, p99, answers = timed(state, pairs, rng)
    local = sum(a.answered_by == "embedded" for a in answers)
    show(f"{queries:,} queries, random names", f"median {median_us:.1f} µs, p90 {p90:.1f} µs, "
         f"p99 {p99:.1f} µs ({local:,} answered by the embedded DNS)")

    members: dict[str, list[str]] = {}
    for c in state.containers():
        for e in c.endpoints:
            members.setdefault(e.network, []).append(c.name)
    by_name = {c.name: c for c in state.containers()}
    peer_pairs = []
    for _ in range(queries):
        client = by_name[pick.choice(names)]
        net = pick.choice(client.endpoints).network
        peer_pairs.append((client.name, pick.choice(members[net])))
    peer_median_us, p90, p99, answers = timed(state, peer_pairs, rng)
    local = sum(a.answered_by == "embedded" for a in answers)
    show(f"{queries:,} queries of a peer's name", f"median {peer_median_us:.1f} µs, p90 "
         f"{p90:.1f} µs, p99 {p99:.1f} µs ({local:,} answered by the embedded DNS)")

    pool_us, _, _, answers = timed(state, [("pool0", "pool")] * min(queries, 10_000), rng)
    assert all(len(a.addresses) == POOL for a in answers)
    show(f"alias of {POOL}, shuffled", f"median {pool_us:.1f} µs")

    t = time.perf_counter()
    series = query_series(state, "pool0", "pool", 3000, seed=3)
    show("query_series 3,000 (alias of 50)", f"{time.perf_counter() - t:.3f} s, "
         f"{len(series.first)} distinct first addresses")

    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "setup.sh"
        script.write_text("\n".join(lines) + "\n")
        t = time.perf_counter()
        r = subprocess.run([sys.executable, "-m", "netsim", "dns", str(script), "pool0", "pool",
                            "--times", "10000"], capture_output=True, text=True, check=False)
        e2e = time.perf_counter() - t
    assert r.returncode == 0, r.stderr
    show("netsim dns --times 10000 (end to end)", f"{e2e:.2f} s, "
         f"{len(r.stdout.splitlines()):,} lines")

    targets = [("records built + first query", build_s, 1.0, "s"),
               ("single query median", median_us, 100.0, "µs"),
               ("peer's name query median", peer_median_us, 100.0, "µs")]
    failed = False
    for name, value, limit, unit in targets:
        ok = value <= limit
        failed |= not ok
        print(f"{'PASS' if ok else 'FAIL'}  {name}: {value:,.3f} {unit} (target <= {limit:g} "
              f"{unit})")
    if failed and not args.smoke:
        sys.exit(1)


if __name__ == "__main__":
    main()
