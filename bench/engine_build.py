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
from typing import Literal

from netsim.api import (
    DEFAULT_HOST,
    BridgeNetwork,
    ContainerConfig,
    ContainerCreate,
    ContainerSpec,
    Host,
    HostConfig,
    IPAMConfig,
    Lan,
    NetworkConnect,
    NetworkCreate,
    Operation,
)
from netsim.daemon.engine import Engine
from netsim.dockercli.publish import port_map
from netsim.lab import run_script

#: the LAN of a setup on several Docker hosts (``synthetic(hosts=2)``): outside 10.0.0.0/8
LAN = Lan(subnet=ipaddress.IPv4Network("192.168.0.0/24"),
          gateway=ipaddress.IPv4Address("192.168.0.1"))


def lan_hosts(hosts: int) -> list[Host]:
    """The Docker hosts ``host1`` … ``hostN`` of ``synthetic(hosts=N)``, at 192.168.0.11 … on
    :data:`LAN` (for an ``Engine(hosts=…, lan=LAN)`` applying its operations)."""
    return [Host(name=f"host{h + 1}", address=ipaddress.IPv4Address(f"192.168.0.{11 + h}"))
            for h in range(hosts)]


def synthetic(containers: int, seed: int = 1, *, ipv6: bool = False, hosts: int = 1,
              via: Literal["flag", "directive"] = "flag") -> tuple[list[Operation], list[str]]:
    """The operations and the equivalent docker command lines; ``ipv6``: every network is
    dual-stack (``--ipv6`` and an IPv6 /64 of fd00:0:0:N::/64 beside its IPv4 /22). Container I
    publishes ``-p 20000+I:80`` when I is a multiple of 10 (``20000+I/10`` over 45,536
    containers, where 20000+I would pass 65535).

    ``hosts`` > 1: the same setup spread over that many Docker hosts on one LAN (:data:`LAN`,
    :func:`lan_hosts`): network N lives on host N mod hosts, container I on host I mod hosts,
    joined only to networks of its own host; the lines start with the ``# netsim: lan`` and
    ``# netsim: host`` declarations, and every command says ``docker -H HOST`` (``via="flag"``)
    or, with ``via="directive"``, is a plain ``docker …`` after a ``# netsim: on HOST`` line
    whenever the host changes (the same commands, in the same order). With the default
    ``hosts=1`` the output is the single-host setup, unchanged."""
    if hosts < 1:
        raise ValueError(f"hosts must be at least 1, got {hosts}")
    rng = random.Random(seed)
    networks = max(1, containers // 10)
    ops: list[Operation] = []
    lines: list[str] = []
    names = [DEFAULT_HOST]  # each host's name, by index
    docker = ["docker"]  # "docker" or "docker -H hostN", by index
    if hosts > 1:
        declared = lan_hosts(hosts)
        lines.append(f"# netsim: lan {LAN.subnet} gateway={LAN.gateway}")
        lines += [f"# netsim: host {h.name} address={h.address}" for h in declared]
        names = [h.name for h in declared]
        docker = [f"docker -H {h.name}" for h in declared] if via == "flag" else \
            ["docker"] * hosts
    current = -1  # the host the last line ran on (``via="directive"``)

    def on(h: int) -> str:
        """``docker`` for a command on host h, after its ``# netsim: on`` line if needed."""
        nonlocal current
        if hosts > 1 and via == "directive" and h != current:
            lines.append(f"# netsim: on {names[h]}")
            current = h
        return docker[h]

    # host port 20000 + I, or 20000 + I/10 when that would pass 65535 (over 45,536 containers)
    wide = 20000 + containers - 1 <= 65535
    base = int(ipaddress.IPv4Address("10.0.0.0"))
    base6 = int(ipaddress.IPv6Address("fd00::"))
    for n in range(networks):
        h = n % hosts
        subnet = ipaddress.IPv4Network((base + n * 1024, 22))
        pools = [IPAMConfig(Subnet=ipaddress.IPv4Interface(str(subnet)))]
        flags = f"--subnet {subnet}"
        if ipv6:
            subnet6 = ipaddress.IPv6Network((base6 + (n << 64), 64))
            pools.append(IPAMConfig(Subnet=ipaddress.IPv6Interface(str(subnet6))))
            flags = f"--ipv6 {flags} --subnet {subnet6}"
        ops.append(NetworkCreate(network=BridgeNetwork(name=f"net{n}", ipv6=ipv6,
                                                       ipam=tuple(pools)), host=names[h]))
        lines.append(f"{on(h)} network create {flags} net{n}")
    for i in range(containers):
        h = i % hosts if networks >= hosts else 0
        k = rng.choice((1, 1, 2, 3))
        mine = range(h, networks, hosts)  # range(networks) itself when hosts == 1
        nets = rng.sample(mine, k=min(k, len(mine)))
        publish = (f"{20000 + (i if wide else i // 10)}:80",) if i % 10 == 0 else ()
        spec = ContainerSpec(name=f"c{i}", Config=ContainerConfig(Image="nginx"),
                             HostConfig=HostConfig(NetworkMode=f"net{nets[0]}",
                                                   PortBindings=port_map(publish)))
        ops.append(ContainerCreate(container=spec, host=names[h]))
        pub = f" -p {publish[0]}" if publish else ""
        lines.append(f"{on(h)} run -d --name c{i} --network net{nets[0]}{pub} nginx")
        for extra in nets[1:]:
            ops.append(NetworkConnect(network=f"net{extra}", Container=f"c{i}",
                                      host=names[h]))
            lines.append(f"{on(h)} network connect net{extra} c{i}")
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
