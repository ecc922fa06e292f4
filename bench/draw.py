"""Benchmark: drawing the topology — layout, then PNG through matplotlib, at 50 and 200
containers (issue 5's targets: 50 containers to PNG in at most 2 s, 200 in at most 10 s), plus
SVG, DOT and Mermaid at 200.

Setup: N containers on N/10 user-defined bridges, one in six also on a second network, one in
seven publishing a port, plus one host-mode and one ``none`` container.

    python bench/draw.py            # 50 and 200 containers; exits 1 when a target is missed
    python bench/draw.py --smoke    # 10 and 20 containers (CI smoke run, not enforced)
"""

from __future__ import annotations

import argparse
import sys
import time

from netsim.diagram.layout import layout, overlapping
from netsim.diagram.mpl import draw_layout, to_bytes
from netsim.lab import Lab
from netsim.state import State


def setup(n: int) -> State:
    lab = Lab()
    nets = max(1, n // 10)
    for k in range(nets):
        lab.docker(f"network create net{k}")
    for i in range(n - 2):
        pub = f" -p {8000 + i}:80" if i % 7 == 0 else ""
        lab.docker(f"run -d --name c{i} --network net{i % nets}{pub} nginx")
        if i % 6 == 0 and nets > 1:
            lab.docker(f"network connect net{(i + 1) % nets} c{i}")
    lab.docker("run -d --name hostmode --network host nginx")
    lab.docker("run -d --name isolated --network none alpine sleep 1d")
    return lab.state


def measure(n: int) -> dict[str, float]:
    st = setup(n)
    t0 = time.perf_counter()
    lay = layout(st)
    t1 = time.perf_counter()
    png = to_bytes(draw_layout(lay), "png")
    t2 = time.perf_counter()
    svg = to_bytes(draw_layout(lay), "svg")
    t3 = time.perf_counter()
    try:
        from netsim.diagram.dot import to_dot
        from netsim.diagram.mermaid import to_mermaid

        dot, mmd = to_dot(lay), to_mermaid(lay)
    except ImportError:
        dot = mmd = ""
    t4 = time.perf_counter()
    assert overlapping(lay.text_boxes()) == []
    print(f"{n} containers: layout {t1 - t0:.3f} s, PNG {t2 - t1:.3f} s ({len(png) / 1e6:.1f} MB,"
          f" {lay.width / 72:.0f}x{lay.height / 72:.0f} in), SVG {t3 - t2:.3f} s "
          f"({len(svg) / 1e6:.1f} MB), DOT+Mermaid {t4 - t3:.3f} s ({len(dot) + len(mmd):,} "
          "chars); no overlapping text", flush=True)
    return {"png_total": t2 - t0}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="a small run for CI")
    args = parser.parse_args()
    sizes = (10, 20) if args.smoke else (50, 200)
    limits = {50: 2.0, 200: 10.0}
    failed = False
    for n in sizes:
        total = measure(n)["png_total"]
        if n in limits:
            ok = total <= limits[n]
            failed |= not ok
            print(f"{'PASS' if ok else 'FAIL'}  {n} containers to PNG (layout + draw + encode): "
                  f"{total:.3f} s (target <= {limits[n]:g} s)")
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    main()
