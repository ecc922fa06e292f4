"""Benchmark: read a large Compose project and bring it up (issue 14: 1,000 services on 10
networks, with replicas, in at most 1 s).

A synthetic project: ``--services`` services, each on one or two of ``--networks`` networks
(with an alias on one), every tenth with ``deploy.replicas: 3``, every fifth publishing a port,
every seventh depending on the one before. Timed separately, best of ``--rounds``:

- *read*: :func:`netsim.io.compose.loader.load_project` (parse, interpolate, validate,
  canonicalise, check);
- *read + up*: ``docker compose up -d`` in a fresh lab (the read again, then every network and
  container created and started through the engine).

    python bench/compose_up.py              # 1,000 services, 3 rounds; exit 1 above --limit
    python bench/compose_up.py --smoke      # 50 services, 1 round (CI smoke run)
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def project(services: int, networks: int) -> str:
    """The synthetic compose file."""
    lines = ["name: bench", "services:"]
    for i in range(services):
        lines += [f"  svc{i}:", "    image: nginx", "    networks:",
                  f"      net{i % networks}:", "        aliases:", f"          - alias{i}"]
        if i % 3 == 0:
            lines.append(f"      net{(i + 1) % networks}:")
        if i % 10 == 3:  # (not one with a fixed published port: replicas would conflict)
            lines += ["    deploy:", "      replicas: 3"]
        if i % 5 == 0:
            lines += ["    ports:", f'      - "{10000 + i}:80"']
        if i % 7 == 1:
            lines += ["    depends_on:", f"      - svc{i - 1}"]
    lines.append("networks:")
    for n in range(networks):
        lines.append(f"  net{n}:")
    return "\n".join(lines) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--services", type=int, default=1000)
    ap.add_argument("--networks", type=int, default=10)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--limit", type=float, default=1.0, help="seconds allowed for read + up")
    ap.add_argument("--smoke", action="store_true")
    args = ap.parse_args()
    if args.smoke:
        args.services, args.rounds = 50, 1
    from netsim.io.compose.loader import LoadOptions, load_project
    from netsim.io.workspace import Workspace
    from netsim.lab import Lab

    text = project(args.services, args.networks)
    read, up = [], []
    containers = 0
    for _ in range(args.rounds):
        ws = Workspace("/root/bench", sandboxed=True)
        ws.write_text("/root/bench/compose.yaml", text)
        t0 = time.perf_counter()
        load_project(ws, LoadOptions(cwd="/root/bench"))
        read.append(time.perf_counter() - t0)
        lab = Lab(sandboxed=True, workdir="/root/bench")
        lab.workspace(lab.current_host).write_text("/root/bench/compose.yaml", text)
        t0 = time.perf_counter()
        step = lab.docker("compose up -d")
        up.append(time.perf_counter() - t0)
        if step.exit_code != 0:
            print(step.stderr[-2000:], file=sys.stderr)
            return 2
        containers = len(lab.engine.containers(lab.current_host))
    best_up = min(up)
    print(f"compose project: {args.services} services, {args.networks} networks, "
          f"{containers} containers")
    print(f"read:      best {min(read):.3f} s of {args.rounds}")
    print(f"read + up: best {best_up:.3f} s of {args.rounds} (limit {args.limit:.1f} s)")
    if not args.smoke and best_up > args.limit:
        print("over the limit", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
