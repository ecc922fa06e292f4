"""Benchmark: ``netsim whatif`` at 10,000 containers, one change of each kind.

The synthetic setup of bench/engine_build.py (N containers on N/10 user-defined bridges, each
on 1-3 networks, one in ten publishing a port), built by the engine and taken into a Lab. Each
change is asked with :meth:`netsim.lab.Lab.whatif` (ping): a ``docker network connect``, a
``docker network disconnect``, ``--stop``, ``--icc off``, ``--internal`` and a ``docker run``
of a new container. The first what-if computes the lab's baseline (kept for the others: it is
timed apart); each change is then timed as a whole (the lab's State checked against the
baseline, the fork, the change, the comparison, the flows and names that turn over
explained), best of three. For comparison, the full rebuild a what-if replaces: the engine
applying every operation again with the change, and the two full matrices (every name of
every client, 10⁸ DNS questions, is not even tried).

    python bench/whatif.py            # 10,000 containers; target: <= 50 ms per change
    python bench/whatif.py --smoke    # 500 containers (CI smoke run: the target is not enforced)
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from engine_build import synthetic

from netsim.analysis.reach import matrix
from netsim.api import NetworkConnect, Operation
from netsim.daemon.engine import Engine
from netsim.lab import Lab

TARGET_MS = 50.0


def _lab(ops: list[Operation]) -> Lab:
    engine = Engine()
    for op in ops:
        engine.execute(op)
        engine.tick()
    return Lab(engine=engine)


def _picks(lab: Lab) -> dict[str, tuple[tuple[str, ...], dict[str, object]]]:
    """One change of each kind, on containers and networks of the setup."""
    state = lab.state
    nets = sorted((n.name for n in state.networks() if n.name.startswith("net")),
                  key=lambda n: int(n[3:]))
    single = next(c for c in state.containers() if len(c.endpoints) == 1)
    multi = next(c for c in state.containers() if len(c.endpoints) >= 2)
    other = next(n for n in nets if single.endpoint(n) is None)
    stopped = next(c for c in state.containers() if c.name not in (single.name, multi.name))
    return {
        "connect": ((f"docker network connect {other} {single.name}",), {}),
        "disconnect": ((f"docker network disconnect {multi.endpoints[-1].network} "
                        f"{multi.name}",), {}),
        "stop": ((), {"stop": [stopped.name]}),
        "icc off": ((), {"icc": {nets[7 % len(nets)]: False}}),
        "internal": ((), {"internal": [nets[8 % len(nets)]]}),
        "run": ((f"docker run -d --name whatif-new --network {nets[9 % len(nets)]} nginx",),
                {}),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--containers", type=int, default=10_000)
    parser.add_argument("--smoke", action="store_true", help="a small run for CI")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    n = 500 if args.smoke else args.containers
    ops, _lines = synthetic(n)
    t0 = time.perf_counter()
    lab = _lab(ops)
    t1 = time.perf_counter()
    picks = _picks(lab)
    first = lab.whatif(*picks["connect"][0])  # the baseline, computed once
    t2 = time.perf_counter()
    print(f"containers={n} networks={n // 10} operations={len(ops)}")
    print(f"engine build:        {t1 - t0:8.3f} s (once)")
    print(f"baseline + 1st ask:  {t2 - t1:8.3f} s (once per lab state)")
    worst = 0.0
    for kind, (changes, options) in picks.items():
        best = float("inf")
        answer = first
        for _ in range(args.repeat):
            start = time.perf_counter()
            answer = lab.whatif(*changes, **options)  # type: ignore[arg-type]
            best = min(best, time.perf_counter() - start)
        ms = best * 1e3
        worst = max(worst, ms)
        print(f"{kind:<12} {ms:8.1f} ms  ({len(answer.reachability)} flows, "
              f"{len(answer.names)} names change; {answer.compared[0]} rows, "
              f"{answer.compared[1]} questions)")
    # what one what-if replaces: the setup rebuilt with the change and two full matrices
    start = time.perf_counter()
    rebuilt = Engine()
    for op in ops:
        rebuilt.execute(op)
        rebuilt.tick()
    state = lab.state
    single = next(c for c in state.containers() if len(c.endpoints) == 1)
    other = next(x.name for x in state.networks() if x.name.startswith("net")
                 and single.endpoint(x.name) is None)
    rebuilt.execute(NetworkConnect(network=other, Container=single.name))
    _ = matrix(state).count  # (every row made: a wide matrix's are made when read)
    _ = matrix(rebuilt.state()).count
    full = time.perf_counter() - start
    print(f"full rebuild:        {full:8.3f} s (engine with the change, two full matrices; "
          "no names)")
    verdict = "PASS" if worst <= TARGET_MS else "FAIL"
    note = " (smoke run: not enforced)" if args.smoke else ""
    print(f"slowest change:      {worst:8.1f} ms  target <= {TARGET_MS:.0f} ms: {verdict}{note}")
    if verdict == "FAIL" and not args.smoke:
        sys.exit(1)


if __name__ == "__main__":
    main()
