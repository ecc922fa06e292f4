"""Benchmark: what the replay would cost without each of its largest single costs, in one run.

Issue 19 asks for at most 50 µs per docker command at 10,000 containers. After the cuts measured
by bench/replay_speed.py and bench/replay_lines.py, what is left is spread over ~640 lines of
Python a command; three costs stand out in the profiles, and this bench measures each one's
*upper bound* by removing it outright in a throw-away child process (none of these is a change
netsim could make: each breaks something netsim promises):

- ``ids``: identifiers without SHA-256 (a counter instead: container, endpoint and sandbox IDs,
  MACs and veth names; netsim's IDs are SHA-256 of the seed and what they name, so the same
  input gives the same bytes: netsim.daemon.ids);
- ``hook``: pydantic's ``BaseModel.__getattr__`` deleted. Its presence makes every attribute
  read of every pydantic model take CPython 3.11's generic path (``slot_tp_getattr_hook``, no
  specialised LOAD_ATTR: ~35 against ~7 ns a read, timeit), about 110 reads a command; pydantic
  needs it for private attributes, so it cannot go;
- ``records``: the engine's state records (netsim.state's SubnetState … ContainerState) made as
  plain objects of look-alike classes instead of frozen pydantic models: the bound of a
  "mutable records during a replay" redesign of the engine's write path;
- ``all``: the three at once.

Each variant replays bench/engine_build.py's synthetic setup (``netsim.lab.run_script``, as
bench/replay_speed.py times it) in a fresh process, the variants alternating, ``--rounds``
times; it prints the median µs per command and the ratio to the replay as it is. Every replay
must run every command with exit status 0. Nothing is enforced: this explains a figure, it is
not one of the issue's.

    python bench/replay_bounds.py              # 10,000 containers, 3 rounds
    python bench/replay_bounds.py --smoke      # 300 containers, 1 round (CI smoke run)
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from engine_build import synthetic

ROOT = Path(__file__).resolve().parent.parent
#: the replay's target (issue 19), for the last line
TARGET_US = 50.0

_PRELUDE = """import sys, time
VARIANT = sys.argv[2]
if VARIANT in ("hook", "all"):
    import pydantic
    del pydantic.BaseModel.__getattr__
if VARIANT in ("ids", "all"):
    import itertools
    import netsim.daemon.ids as ids
    _n = itertools.count(1)
    ids._hex_id_of = lambda text: f"a{next(_n):063x}"
    ids._mac_of = lambda text, docker_prefix=False: "02:00:00:%02x:%02x:%02x" % tuple(
        next(_n).to_bytes(3, "big"))
    ids._veth_of = lambda text: f"veth{next(_n) & 0xFFFFFFF:07x}"
if VARIANT in ("records", "all"):
    from pydantic import BaseModel
    import netsim.api.trusted as trusted
    import netsim.state as S
    RECORDS = {S.SubnetState, S.NetworkState, S.EndpointState, S.PortMapping, S.MountState,
               S.ContainerState}
    SKIP = {"model_config", "model_fields", "__dict__", "__weakref__", "__slots__",
            "__module__", "__qualname__", "__doc__", "__annotations__", "__class_vars__",
            "__private_attributes__", "__signature__", "__abstractmethods__", "_abc_impl",
            "__init__", "__new__", "__eq__", "__hash__", "__repr__", "__str__", "__getattr__",
            "__setattr__", "__delattr__", "__init_subclass__", "__class_getitem__"}
    LOOKALIKE = {}

    def lookalike(cls):
        found = LOOKALIKE.get(cls)
        if found is None:
            ns = {}
            for k in reversed(cls.__mro__):  # the model's own methods and properties
                if issubclass(k, BaseModel) and k is not BaseModel:
                    ns.update({a: v for a, v in vars(k).items()
                               if a not in SKIP and not a.startswith("__pydantic")})
            ns["__slots__"] = ("__dict__", "__pydantic_fields_set__")
            ns["__eq__"] = lambda a, b: type(a) is type(b) and a.__dict__ == b.__dict__
            ns["__hash__"] = lambda a: hash(tuple(a.__dict__.values()))
            found = LOOKALIKE[cls] = type(cls.__name__, (), ns)
            LOOKALIKE[found] = found
        return found

    _made = trusted._made
    _new = object.__new__

    def made(cls, fields, fields_set):
        if cls in RECORDS or cls in LOOKALIKE:
            obj = _new(lookalike(cls))
            obj.__dict__ = fields
            obj.__pydantic_fields_set__ = fields_set
            return obj
        return _made(cls, fields, fields_set)

    trusted._made = made
from netsim.lab import run_script
text = open(sys.argv[1], encoding="utf-8").read()
start = time.perf_counter()
_lab, steps = run_script(text, source="bench.sh")
seconds = time.perf_counter() - start
failed = [s for s in steps if s.exit_code != 0]
assert not failed, f"{VARIANT}: {len(failed)} commands failed, the first: {failed[0]}"
print(seconds)
"""

VARIANTS = ("as is", "ids", "hook", "records", "all")


def replay_seconds(script: Path, variant: str) -> float:
    """One replay of ``script`` with ``variant``'s cost removed, in a fresh python."""
    done = subprocess.run([sys.executable, "-c", _PRELUDE, str(script), variant],
                          capture_output=True, text=True, cwd=tempfile.gettempdir(),
                          check=False, env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin",
                                            "PYTHONHASHSEED": "0"})
    if done.returncode != 0:
        sys.exit(f"replay_bounds: the {variant!r} replay failed: {done.stderr.strip()[-600:]}")
    return float(done.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--smoke", action="store_true", help="a small run for CI")
    parser.add_argument("--containers", type=int, default=None)
    parser.add_argument("--rounds", type=int, default=None)
    args = parser.parse_args()
    n = args.containers or (300 if args.smoke else 10_000)
    rounds = args.rounds or (1 if args.smoke else 3)
    lines = synthetic(n)[1]
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "setup.sh"
        script.write_text("\n".join(lines) + "\n", encoding="utf-8")
        times: dict[str, list[float]] = {v: [] for v in VARIANTS}
        for _ in range(rounds):
            for v in VARIANTS:
                times[v].append(replay_seconds(script, v))
    per = {v: statistics.median(t) / len(lines) * 1e6 for v, t in times.items()}
    print(f"containers={n:,} commands={len(lines):,} rounds={rounds} (median of fresh processes)")
    labels = {"as is": "the replay as it is",
              "ids": "IDs without SHA-256",
              "hook": "pydantic without __getattr__",
              "records": "engine records as plain objects",
              "all": "all three removed"}
    for v in VARIANTS:
        ratio = per[v] / per["as is"]
        print(f"  {labels[v]:34s} {per[v]:6.1f} µs per command  ({ratio:.3f}x the replay "
              "as it is)")
    print(f"against the target of {TARGET_US:.0f} µs: {per['as is'] / TARGET_US:.2f}x as it is, "
          f"{per['all'] / TARGET_US:.2f}x with all three removed")


if __name__ == "__main__":
    main()
