"""Benchmark: import a ``docker inspect`` dump of 10,000 containers (issue 15: at most 2 s).

The dump is made by netsim itself (not timed): ``--containers`` containers on ``--networks``
user-defined bridges (every third also connected to the next network with an alias, every
tenth publishing a port, every fiftieth stopped), on Docker 28.5's rules, printed by netsim's
``docker inspect`` as the real engine prints it (the round trip of tests/test_live_import.py
holds it to that), into ``HOST.json`` in a temporary directory. Timed, best of ``--rounds``:
:func:`netsim.io.dump.load_dump` of that directory, from reading the file to the lab whose
state is built (``lab.state``).

    python bench/import_dump.py              # 10,000 containers, 3 rounds; exit 1 above --limit
    python bench/import_dump.py --smoke      # 300 containers, 1 round (CI smoke run)
"""

from __future__ import annotations

import argparse
import gc
import json
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def make_dump(directory: Path, containers: int, networks: int) -> int:
    """Build the deployment in netsim and write its dump; the number of objects."""
    from netsim.dockercli.output import inspect as render
    from netsim.lab import Lab

    lab = Lab(profile="28.5")
    for n in range(networks):
        lab.docker(f"network create --subnet 10.{n}.0.0/16 net{n}")
    for i in range(containers):
        net = f"net{i % networks}"
        publish = f" -p {20000 + i}:80" if i % 10 == 0 else ""
        step = lab.docker(f"run -d --name c{i} --network {net}{publish} nginx")
        assert step.exit_code == 0, step.stderr
        if i % 3 == 0:
            lab.docker(f"network connect --alias a{i} net{(i + 1) % networks} c{i}")
        if i % 50 == 49:
            lab.docker(f"stop c{i}")
    state = lab.state
    host = state.host()
    objects = [render.container(state, c) for c in
               sorted(host.containers.values(), key=lambda c: c.created, reverse=True)]
    objects += [render.network(state, host.name, n) for n in sorted(host.networks)]
    (directory / f"{host.name}.json").write_text(json.dumps(objects, indent=4) + "\n",
                                                 encoding="utf-8")
    return len(objects)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--containers", type=int, default=10_000)
    parser.add_argument("--networks", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--limit", type=float, default=2.0, help="seconds (best round)")
    parser.add_argument("--smoke", action="store_true", help="a small run for CI")
    args = parser.parse_args()
    if args.smoke:
        args.containers, args.networks, args.rounds = 300, 5, 1

    from netsim.io.dump import load_dump

    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        t0 = time.perf_counter()
        count = make_dump(directory, args.containers, args.networks)
        made = time.perf_counter() - t0
        size = (directory / "host.json").stat().st_size
        times = []
        got = 0
        for _ in range(args.rounds):
            gc.collect()  # the previous round's lab is freed outside the timing
            t0 = time.perf_counter()
            lab = load_dump(str(directory))
            state = lab.state
            times.append(time.perf_counter() - t0)
            got = sum(1 for _ in state.containers())
            del lab, state
    best = min(times)
    print(f"dump: {args.containers} containers, {args.networks} networks, {count} objects, "
          f"{size / 1e6:.1f} MB (made in {made:.1f} s)")
    print(f"import: best {best:.3f} s of {args.rounds} "
          f"({', '.join(f'{t:.3f}' for t in times)}); {got} containers imported; "
          f"limit {args.limit} s")
    if got != args.containers:
        print("FAIL: not every container was imported")
        return 1
    if not args.smoke and best > args.limit:
        print("FAIL: above the limit")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
