"""Benchmark: building a large State with the engine and replaying it as a docker script.

Synthetic setup (the one issue 3 asks for): N containers on N/10 user-defined bridge networks
(explicit /22 subnets from 10.0.0.0/8, since Docker's 31 default pools cannot hold 1,000
networks), each container on 1–3 networks, one in ten publishing a port.

    python bench/engine_build.py            # 10,000 containers, 1,000 networks
    python bench/engine_build.py --smoke    # 500 containers (CI smoke run)

Prints one line per measurement: the engine applying operations, one State snapshot, and the
same setup replayed as a docker command script through the Lab (parse + engine).
"""

from __future__ import annotations

import argparse
import ipaddress
import random
import time
import tracemalloc

from netsim.api import (
    BridgeNetwork,
    ContainerConfig,
    ContainerCreate,
    ContainerSpec,
    HostConfig,
    IPAMConfig,
    NetworkConnect,
    NetworkCreate,
    Operation,
)
from netsim.daemon.engine import Engine
from netsim.dockercli.publish import port_map
from netsim.lab import run_script


def synthetic(containers: int, seed: int = 1, *,
              ipv6: bool = False) -> tuple[list[Operation], list[str]]:
    """The operations and the equivalent docker command lines; ``ipv6``: every network is
    dual-stack (``--ipv6`` and an IPv6 /64 of fd00:0:0:N::/64 beside its IPv4 /22)."""
    rng = random.Random(seed)
    networks = max(1, containers // 10)
    ops: list[Operation] = []
    lines: list[str] = []
    base = int(ipaddress.IPv4Address("10.0.0.0"))
    base6 = int(ipaddress.IPv6Address("fd00::"))
    for n in range(networks):
        subnet = ipaddress.IPv4Network((base + n * 1024, 22))
        pools = [IPAMConfig(Subnet=ipaddress.IPv4Interface(str(subnet)))]
        flags = f"--subnet {subnet}"
        if ipv6:
            subnet6 = ipaddress.IPv6Network((base6 + (n << 64), 64))
            pools.append(IPAMConfig(Subnet=ipaddress.IPv6Interface(str(subnet6))))
            flags = f"--ipv6 {flags} --subnet {subnet6}"
        ops.append(NetworkCreate(network=BridgeNetwork(name=f"net{n}", ipv6=ipv6,
                                                       ipam=tuple(pools))))
        lines.append(f"docker network create {flags} net{n}")
    for i in range(containers):
        k = rng.choice((1, 1, 2, 3))
        nets = rng.sample(range(networks), k=min(k, networks))
        publish = (f"{20000 + i}:80",) if i % 10 == 0 else ()
        spec = ContainerSpec(name=f"c{i}", Config=ContainerConfig(Image="nginx"),
                             HostConfig=HostConfig(NetworkMode=f"net{nets[0]}",
                                                   PortBindings=port_map(publish)))
        ops.append(ContainerCreate(container=spec))
        pub = f" -p {publish[0]}" if publish else ""
        lines.append(f"docker run -d --name c{i} --network net{nets[0]}{pub} nginx")
        for extra in nets[1:]:
            ops.append(NetworkConnect(network=f"net{extra}", Container=f"c{i}"))
            lines.append(f"docker network connect net{extra} c{i}")
    return ops, lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--containers", type=int, default=10_000)
    parser.add_argument("--smoke", action="store_true", help="a small run for CI")
    args = parser.parse_args()
    n = 500 if args.smoke else args.containers
    ops, lines = synthetic(n)

    t0 = time.perf_counter()
    engine = Engine()
    for op in ops:
        engine.execute(op)
    t1 = time.perf_counter()
    state = engine.state()
    t2 = time.perf_counter()
    # memory in a second pass: tracemalloc slows Python down several times
    tracemalloc.start()
    again = Engine()
    for op in ops:
        again.execute(op)
    again.state()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    running = sum(1 for c in state.containers() if c.running)
    assert running == n, (running, n)

    t3 = time.perf_counter()
    _lab, steps = run_script("\n".join(lines) + "\n", source="bench.sh")
    t4 = time.perf_counter()
    assert all(s.exit_code == 0 for s in steps)

    print(f"containers={n} networks={n // 10} operations={len(ops)}")
    print(f"engine apply:     {t1 - t0:8.3f} s  ({(t1 - t0) / len(ops) * 1e6:.1f} µs/op)")
    print(f"state snapshot:   {t2 - t1:8.3f} s")
    print(f"peak memory:      {peak / 2**20:8.1f} MiB (tracemalloc, engine + snapshot)")
    print(f"script replay:    {t4 - t3:8.3f} s  ({len(steps)} docker commands)")


if __name__ == "__main__":
    main()
