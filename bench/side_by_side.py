"""Benchmark: netsim beside the real Docker Engine on the conformance corpus (≥ 1,000× faster).

Each recording under conformance/recorded/<engine>/*.json holds a script and, per command,
what a real Docker Engine in the conformance lab printed and how long the command took there
(``duration_s``, its wall time as the recorder ran it). netsim replays the same scripts the way
the conformance comparison does (:func:`netsim.conformance.replay`: the lab's hosts and LAN,
the recording's engine profile, seed 0), timed on its own; then replay and compare together
(:func:`netsim.conformance.compare` with conformance/allowed.yaml), whose verdicts say whether
netsim gave the same answers (0 disagreements).

    python bench/side_by_side.py            # every recording, netsim's best of 3 runs
    python bench/side_by_side.py --smoke    # the first three recordings, one run (CI)

The real engine's time is split three ways:

* sleep: the steps whose command is a shell ``sleep N`` (the script waits on purpose);
* waiting: the other steps that took at least 1 s. In this corpus each is a timer running out,
  not the engine working: ``docker stop``'s 10 s grace period (also ``compose down``/``stop``/
  ``restart``), ``ping``'s 1 s interval or ``-W``, ``curl -m``/``wget -T``/``nc -w``
  timeouts, the resolver's 5 s timeouts (dig/nslookup/host/getent), the CLI's 15 s plugin
  lookup (``network create -d nosuchdriver``), a swarm join's or an overlay attachment's wait;
* work: the rest (< 1 s each).

Prints one ``name: value`` line per measurement for each engine and overall (commands, the real
engine's wall time and its sleep/waiting share, netsim's replay and replay+compare, best of 3,
the speed-up with all the real time, without sleep, and on work alone, and the verdicts), a
table, then the targets: the overall speed-up of the replay over the real engine's whole wall
time ≥ 1,000× and 0 disagreements (enforced: a full run exits 1 when one is missed; --smoke
does not enforce), and the speed-up on work alone (printed, not enforced). netsim's speed-up
is its replay alone against the real engine, which also only ran the commands; the time to
compare is shown beside it.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from netsim.conformance import (
    ConformanceReport,
    ScriptResult,
    compare,
    replay,
)
from netsim.io.recording import RecordedStep, Recording, read_recording

sys.path.insert(0, str(Path(__file__).parent))
from conformance_replay import allowances, recording_files

GOAL = 1_000.0  # netsim at least this many times faster than the real engine
WAIT_S = 1.0  # a step at least this long waited on a timer (see the module docstring)
RUNS = 3


def show(name: str, value: str) -> None:
    print(f"{name + ':':<34}{value}", flush=True)


def kind(step: RecordedStep) -> str:
    """"sleep", "waiting" or "work" (the module docstring says why)."""
    words = step.command.split()
    if words and words[0] == "sleep":
        return "sleep"
    return "waiting" if (step.duration_s or 0.0) >= WAIT_S else "work"


@dataclass
class Tally:
    """One engine's recordings (or all of them): the real engine's times, netsim's, and the
    comparison's verdicts."""

    recordings: int = 0
    commands: int = 0
    real: dict[str, float] = field(default_factory=lambda: {"sleep": 0.0, "waiting": 0.0,
                                                             "work": 0.0})
    steps: dict[str, int] = field(default_factory=lambda: {"sleep": 0, "waiting": 0,
                                                            "work": 0})
    missing: int = 0  # steps without duration_s (counted as 0 s)
    replay_runs: list[float] = field(default_factory=list)  # per run, summed over recordings
    compare_runs: list[float] = field(default_factory=list)
    results: list[ScriptResult] = field(default_factory=list)

    def add(self, rec: Recording) -> None:
        self.recordings += 1
        self.commands += len(rec.steps)
        for st in rec.steps:
            k = kind(st)
            self.steps[k] += 1
            self.real[k] += st.duration_s or 0.0
            self.missing += st.duration_s is None

    @property
    def real_s(self) -> float:
        return sum(self.real.values())

    @property
    def replay_s(self) -> float:
        return min(self.replay_runs)

    @property
    def compare_s(self) -> float:
        return min(self.compare_runs)

    def ratio(self, without: Sequence[str] = ()) -> float:
        real = self.real_s - sum(self.real[k] for k in without)
        return real / self.replay_s

    def verdicts(self) -> tuple[int, int, int]:
        """Commands agreeing, allowed, disagreeing (a replay that failed counts as one)."""
        agree = sum(r.count("agree") for r in self.results)
        allowed = sum(r.count("allowed") for r in self.results)
        disagree = sum(r.count("disagree") + (1 if r.error else 0) for r in self.results)
        return agree, allowed, disagree


def verdict(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def block(name: str, t: Tally) -> None:
    real = t.real_s
    show(f"{name} recordings", f"{t.recordings} ({t.commands:,} commands)")
    show(f"{name} real engine", f"{real:,.1f} s wall time (sum of duration_s"
                                + (f"; {t.missing} steps without one" if t.missing else "")
                                + ")")
    for k in ("sleep", "waiting", "work"):
        show(f"{name}   {k}", f"{t.real[k]:,.1f} s ({t.real[k] / real:.0%}) in "
                              f"{t.steps[k]:,} steps")
    show(f"{name} netsim replay", f"{t.replay_s:.3f} s (best of {len(t.replay_runs)}; "
                                  f"{t.replay_s / t.commands * 1e6:,.0f} µs/command)")
    show(f"{name} netsim replay + compare", f"{t.compare_s:.3f} s (best of "
                                            f"{len(t.compare_runs)})")
    show(f"{name} speed-up", f"{t.ratio():,.0f}× ({verdict(t.ratio() >= GOAL)} against "
                             f"{GOAL:,.0f}×); without sleep {t.ratio(['sleep']):,.0f}×; "
                             f"work alone {t.ratio(['sleep', 'waiting']):,.0f}× "
                             f"({verdict(t.ratio(['sleep', 'waiting']) >= GOAL)})")
    show(f"{name} speed-up incl. compare", f"{real / t.compare_s:,.0f}×")
    agree, allowed, disagree = t.verdicts()
    show(f"{name} same answers", f"{agree:,} agree, {allowed:,} allowed, {disagree:,} disagree"
                                 f" ({verdict(disagree == 0)})")


def table(rows: Sequence[tuple[str, Tally]]) -> None:
    print(f"  {'engine':<8}{'scripts':>8}{'commands':>9}{'real s':>9}{'sleep s':>8}"
          f"{'wait s':>8}{'netsim s':>9}{'+cmp s':>8}{'ratio':>8}{'-sleep':>8}{'work':>7}"
          f"{'goal':>6}{'disagree':>9}")
    for name, t in rows:
        print(f"  {name:<8}{t.recordings:>8}{t.commands:>9,}{t.real_s:>9,.1f}"
              f"{t.real['sleep']:>8,.1f}{t.real['waiting']:>8,.1f}{t.replay_s:>9.3f}"
              f"{t.compare_s:>8.3f}{t.ratio():>7,.0f}×{t.ratio(['sleep']):>7,.0f}×"
              f"{t.ratio(['sleep', 'waiting']):>6,.0f}×{verdict(t.ratio() >= GOAL):>6}"
              f"{t.verdicts()[2]:>9}")


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--smoke", action="store_true",
                    help="three recordings, one run (targets printed, not enforced)")
    args = ap.parse_args()
    files = recording_files(args.smoke)
    if not files:
        print("no recordings")
        return
    recordings = [read_recording(f) for f in files]
    allow = allowances()

    engines: dict[str, Tally] = {}
    for rec in recordings:
        engines.setdefault(rec.engine.profile, Tally()).add(rec)
    for _ in range(1 if args.smoke else RUNS):
        replay_t = dict.fromkeys(engines, 0.0)
        compare_t = dict.fromkeys(engines, 0.0)
        for rec in recordings:
            t0 = time.perf_counter()
            replay(rec, seed=0)
            replay_t[rec.engine.profile] += time.perf_counter() - t0
        results: list[ScriptResult] = []
        for rec in recordings:
            t0 = time.perf_counter()
            results.append(compare(rec, allow, seed=0))
            compare_t[rec.engine.profile] += time.perf_counter() - t0
        for name, t in engines.items():
            t.replay_runs.append(replay_t[name])
            t.compare_runs.append(compare_t[name])
            t.results = [r for r in results if r.engine == name]

    overall = Tally()
    for t in engines.values():
        overall.recordings += t.recordings
        overall.commands += t.commands
        overall.missing += t.missing
        for k in overall.real:
            overall.real[k] += t.real[k]
            overall.steps[k] += t.steps[k]
        overall.results += t.results
    overall.replay_runs = [sum(r) for r in zip(*(t.replay_runs for t in engines.values()),
                                               strict=True)]
    overall.compare_runs = [sum(r) for r in zip(*(t.compare_runs for t in engines.values()),
                                                strict=True)]

    order = sorted(engines, key=lambda v: tuple(int(x) for x in v.split(".")))
    for name in order:
        block(name, engines[name])
    block("overall", overall)
    print("side by side (ratio: the real engine's wall time / netsim's replay; -sleep: without "
          "sleep steps; work: without sleep and waiting steps):")
    table([*((name, engines[name]) for name in order), ("overall", overall)])
    print(str(ConformanceReport(tuple(overall.results))).split("\n\n")[0])

    work = overall.ratio(["sleep", "waiting"])
    disagree = overall.verdicts()[2]
    print("targets" + (" (smoke run: not enforced):" if args.smoke else ":"))
    print(f"  {verdict(overall.ratio() >= GOAL)}  netsim replay vs the real engine, whole wall "
          f"time: {overall.ratio():,.0f}× (target >= {GOAL:,.0f}×)")
    print(f"  {verdict(disagree == 0)}  same answers: {disagree} disagreements (target 0)")
    print(f"  {verdict(work >= GOAL)}  (not enforced) the same on work alone, without sleep "
          f"and waiting: {work:,.0f}× (target >= {GOAL:,.0f}×)")
    if not args.smoke and (overall.ratio() < GOAL or disagree):
        sys.exit(1)


if __name__ == "__main__":
    main()
