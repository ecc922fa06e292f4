"""Conformance: netsim's prediction of each command set beside what a real Docker Engine printed.

A :class:`~netsim.io.recording.Recording` holds a script and, per command, the exit status,
stdout and stderr that an engine in the conformance lab (``conformance/lab/``) printed.
:func:`compare` replays the same script in netsim, on the lab's topology and under the
recording's engine profile, and compares command by command.

Before comparing, both sides pass through the same **normalizations**, each of which removes only
what is random or clock-bound in Docker and the tools themselves (never a difference in
behaviour): see :data:`NORMALIZATIONS` for each one's name and reason. A difference that remains
is a disagreement, unless the allowlist (``conformance/allowed.yaml``, :class:`Allowance`) names
the command with a reason: then it is *allowed*, and the docs publish it as a known
simplification. netsim's hints (``netsim: did you mean web?`` under Docker's ``No such container:
wbe``, :mod:`netsim.hints`) are left out of netsim's side, exactly the lines its step lists in
``Step.hints``: they comment on Docker's answer; other ``netsim:`` lines (what is not simulated)
are compared, and disagree.

Results are values: :class:`ConformanceReport` prints as the table and the list of disagreements
(``__str__``) and serializes with :meth:`ConformanceReport.to_dict`.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from netsim.conformance.normalize import (
    NORMALIZATIONS,
    Context,
    Normalization,
    name_created,
    normalize,
)
from netsim.errors import InputError
from netsim.hints import strip_hints
from netsim.io.recording import RecordedStep, Recording

__all__ = [
    "NORMALIZATIONS",
    "Allowance",
    "ConformanceReport",
    "Normalization",
    "ScriptResult",
    "StepResult",
    "compare",
    "compare_all",
    "compare_step",
    "parse_allowlist",
]

Verdict = Literal["agree", "allowed", "disagree"]

# --------------------------------------------------------------------------- the allowlist


@dataclass(frozen=True)
class Allowance:
    """A disagreement netsim keeps on purpose: which commands, on which engines, and why."""

    command: str  # a regular expression searched in the command text
    reason: str
    engines: tuple[str, ...] = ()  # empty: every engine
    script: str = "*"  # a glob on the recording's name

    def matches(self, recording: Recording, command: str) -> bool:
        if self.engines and recording.engine.profile not in self.engines:
            return False
        if not fnmatch.fnmatchcase(recording.name, self.script):
            return False
        return re.search(self.command, command) is not None


def parse_allowlist(data: object, *, source: str = "allowed.yaml") -> tuple[Allowance, ...]:
    """The allowlist from loaded YAML (a list of mappings); InputError naming the entry."""
    if data is None:
        return ()
    if not isinstance(data, list):
        raise InputError(source, "the allowlist must be a list of entries", got=type(data).__name__,
                         accepted="- {command: REGEX, reason: TEXT, engines: [28.5], script: GLOB}")
    out = []
    for i, entry in enumerate(data):
        where = f"{source}: [{i}]"
        if not isinstance(entry, dict):
            raise InputError(where, "an entry must be a mapping", got=entry)
        unknown = set(entry) - {"command", "reason", "engines", "script"}
        if unknown:
            raise InputError(where, "unknown key", got=sorted(unknown)[0],
                             accepted="command, reason, engines, script")
        command, reason = entry.get("command"), entry.get("reason")
        if not isinstance(command, str) or not command:
            raise InputError(f"{where}.command", "a regular expression is required", got=command)
        try:
            re.compile(command)
        except re.error as err:
            raise InputError(f"{where}.command", f"not a regular expression: {err}",
                             got=command) from None
        if not isinstance(reason, str) or not reason.strip():
            raise InputError(f"{where}.reason", "every allowance needs its reason", got=reason)
        engines = entry.get("engines", [])
        if not isinstance(engines, list) or not all(isinstance(e, str | float) for e in engines):
            raise InputError(f"{where}.engines", "a list of engine profiles", got=engines,
                             accepted="[28.5, 26.1]")
        script = entry.get("script", "*")
        if not isinstance(script, str):
            raise InputError(f"{where}.script", "a glob on the recording's name", got=script)
        out.append(Allowance(command, reason.strip(), tuple(str(e) for e in engines), script))
    return tuple(out)


# --------------------------------------------------------------------------- results


@dataclass(frozen=True)
class Output:
    """One side of a comparison, normalized."""

    exit_code: int | None
    stdout: str
    stderr: str

    def to_dict(self) -> dict[str, Any]:
        return {"exit_code": self.exit_code, "stdout": self.stdout, "stderr": self.stderr}


@dataclass(frozen=True)
class StepResult:
    """One command: both sides (normalized) and the verdict."""

    line: int
    host: str
    command: str
    verdict: Verdict
    recorded: Output
    predicted: Output | None
    #: which of exit status, stdout and stderr differ
    differs: tuple[str, ...] = ()
    reason: str = ""  # the allowance's reason, or why a step could not be paired

    def to_dict(self) -> dict[str, Any]:
        return {
            "line": self.line, "host": self.host, "command": self.command,
            "verdict": self.verdict, "differs": list(self.differs), "reason": self.reason,
            "recorded": self.recorded.to_dict(),
            "predicted": self.predicted.to_dict() if self.predicted is not None else None,
        }


@dataclass(frozen=True)
class ScriptResult:
    """One recording replayed."""

    name: str
    engine: str  # the profile
    engine_version: str
    recorded: str
    steps: tuple[StepResult, ...]
    #: a replay that could not run at all (a netsim input error): its one line
    error: str = ""

    def count(self, verdict: Verdict) -> int:
        return sum(1 for s in self.steps if s.verdict == verdict)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "engine": self.engine, "engine_version": self.engine_version,
                "recorded": self.recorded, "error": self.error,
                "steps": [s.to_dict() for s in self.steps]}


@dataclass(frozen=True)
class ConformanceReport:
    """Every recording compared: a table per engine and the disagreements."""

    scripts: tuple[ScriptResult, ...]

    def table(self) -> list[dict[str, Any]]:
        rows: dict[str, dict[str, Any]] = {}
        for s in self.scripts:
            r = rows.setdefault(s.engine, {"engine": s.engine, "versions": set(), "scripts": 0,
                                           "commands": 0, "agreeing": 0, "allowed": 0,
                                           "disagreeing": 0})
            r["versions"].add(s.engine_version)
            r["scripts"] += 1
            r["commands"] += len(s.steps)
            r["agreeing"] += s.count("agree")
            r["allowed"] += s.count("allowed")
            r["disagreeing"] += s.count("disagree") + (1 if s.error else 0)
        out = []
        for key in sorted(rows, key=lambda v: tuple(int(x) for x in v.split("."))):
            r = rows[key]
            r["versions"] = ", ".join(sorted(r["versions"]))
            out.append(r)
        return out

    @property
    def disagreements(self) -> list[tuple[ScriptResult, StepResult]]:
        return [(s, st) for s in self.scripts for st in s.steps if st.verdict == "disagree"]

    @property
    def ok(self) -> bool:
        return not self.disagreements and not any(s.error for s in self.scripts)

    def to_dict(self) -> dict[str, Any]:
        return {"table": self.table(), "ok": self.ok,
                "normalizations": [{"name": n.name, "why": n.why} for n in NORMALIZATIONS],
                "scripts": [s.to_dict() for s in self.scripts]}

    def __str__(self) -> str:
        head = ("engine", "versions", "scripts", "commands", "agreeing", "allowed", "disagreeing")
        rows = [[str(r[h]) for h in head] for r in self.table()]
        widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h)
                  for i, h in enumerate(head)]
        lines = ["  ".join(h.upper().ljust(w) for h, w in zip(head, widths, strict=True)).rstrip()]
        lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
                  for r in rows]
        for s in self.scripts:
            if s.error:
                lines += ["", f"{s.name} [{s.engine}]: the replay failed: {s.error}"]
        for s, st in self.disagreements:
            lines += ["", f"{s.name}:{st.line} [{s.engine}] {st.host}$ {st.command}",
                      f"  differs: {', '.join(st.differs) or st.reason}"]
            for label, side in (("docker", st.recorded), ("netsim", st.predicted)):
                if side is None:
                    lines.append(f"  {label}: (no such command: {st.reason})")
                    continue
                lines.append(f"  {label}: exit {side.exit_code}")
                for stream in ("stdout", "stderr"):
                    text: str = getattr(side, stream)
                    if text:
                        lines.append(f"  {label} {stream}:")
                        lines += ["    | " + t for t in text.rstrip("\n").split("\n")]
        return "\n".join(lines) + "\n"


# --------------------------------------------------------------------------- comparing


def replay(rec: Recording, *, seed: int) -> dict[int, Any]:
    """netsim's steps for the recording's script on the lab's topology, by line."""
    from netsim.api import Host, Lan
    from netsim.lab import run_script

    # the lab's hosts name the LAN router as their DNS server, their eth0 is a veth whose peer
    # is lan-srvN in netsim-lan (index 4, 5, … there: lo, br0, wan0 come first), and their
    # userland is Debian trixie's, whatever the engine (conformance/lab/lab.sh, linerun.sh);
    # their kernel has no AppArmor, runs cgroup v1 and has no CPU thermal_throttle directories
    # (measured: docker inspect, conformance/recorded/28.5/38-container-inspect.json)
    hosts = [Host(name=name, address=addr, dns=(rec.lab.gateway,), nic="veth", nic_peer=4 + i,
                  apparmor=False, cgroup="v1", thermal_throttle=(),
                  engine_id=rec.lab.engine_ids.get(name))
             for i, (name, addr) in enumerate(rec.lab.hosts.items())]
    lan = Lan(subnet=rec.lab.lan, gateway=rec.lab.gateway, internet_hops=rec.lab.internet_hops)
    _, steps = run_script(rec.script, source=rec.name, seed=seed, hosts=hosts, lan=lan,
                          profile=rec.engine.profile)
    return {s.line: s for s in steps}


def context_for(profile: str) -> Context:
    """A fresh normalization state for one side of a script recorded on ``profile``: whether
    the engine gives endpoints random MACs (then they are named), and whether its CLI lists
    ``docker port`` in Go map order."""
    from netsim.versions import profile as engine_profile

    p = engine_profile(profile)
    return Context(random_macs=p.random_macs, port_map_order=p.cli_port_map_order,
                    wait_race=p.cli_run_logs_wait_canceled)


def compare(rec: Recording, allowlist: Sequence[Allowance] = (), *, seed: int = 0) -> ScriptResult:
    """Replay one recording's script in netsim and compare each command."""
    try:
        predicted = replay(rec, seed=seed)
        error = ""
    except InputError as err:
        predicted, error = {}, err.line()
    except Exception as err:  # a bug in netsim: that script fails, the others are compared
        predicted, error = {}, f"netsim: internal error: {type(err).__name__}: {err}"
    ctx_rec, ctx_net = context_for(rec.engine.profile), context_for(rec.engine.profile)
    results = []
    for st in rec.steps:
        mine = predicted.pop(st.line, None)
        results.append(compare_step(rec, st, mine, ctx_rec, ctx_net, allowlist, error))
    for line in sorted(predicted):  # commands netsim ran that the lab did not
        s = predicted[line]
        mine = normalized_side(s.exit_code, s.stdout, strip_hints(s.stderr, s.hints), s.command,
                               ctx_net)
        results.append(StepResult(line, s.host, s.command, "disagree", Output(None, "", ""),
                                  mine, ("command",), "the lab ran no command on this line"))
    return ScriptResult(rec.name, rec.engine.profile, rec.engine.version, rec.recorded,
                        tuple(results), error)


def normalized_side(code: int | None, stdout: str, stderr: str, command: str, ctx: Context,
          shuffled: Sequence[Sequence[tuple[str, Sequence[str]]]] = ()) -> Output:
    name_created(stdout, command, ctx)
    return Output(code, normalize(stdout.replace("\r\n", "\n"), command, ctx, shuffled),
                  normalize(stderr.replace("\r\n", "\n"), command, ctx, shuffled))


def compare_step(rec: Recording, st: RecordedStep, mine: Any, ctx_rec: Context,
                  ctx_net: Context, allowlist: Sequence[Allowance], error: str) -> StepResult:
    shuffled = mine.shuffled if mine is not None else ()
    # a line run on the recorder's pseudo-terminal (conformance/lab/bin/runscript.py: stdout
    # only): without -i the CLI leaves it cooked (docker/cli hijack.go setupInput), so its
    # ONLCR adds a \r before each \n of what docker wrote (``run -t … echo hi``: hi\r\r\n)
    stdout = st.stdout.replace("\r\n", "\n") if st.tty else st.stdout
    recorded = normalized_side(st.exit_code, stdout, st.stderr, st.command, ctx_rec, shuffled)
    if mine is None:
        reason = error or "netsim ran no command on this line"
        verdict: Verdict = "disagree"
        for a in allowlist:
            if a.matches(rec, st.command):
                verdict, reason = "allowed", a.reason
                break
        return StepResult(st.line, st.host, st.command, verdict, recorded, None, ("command",),
                          reason)
    # netsim's own hint lines under Docker's errors (Step.hints: ``netsim: did you mean web?``)
    # comment on Docker's answer rather than predict it: left out, exactly those lines
    predicted = normalized_side(mine.exit_code, mine.stdout, strip_hints(mine.stderr, mine.hints),
                                st.command, ctx_net, shuffled)
    differs = tuple(k for k, a, b in (
        ("exit status", recorded.exit_code, predicted.exit_code),
        ("stdout", recorded.stdout, predicted.stdout),
        ("stderr", recorded.stderr, predicted.stderr),
    ) if a != b)
    if not differs:
        return StepResult(st.line, st.host, st.command, "agree", recorded, predicted)
    for a in allowlist:
        if a.matches(rec, st.command):
            return StepResult(st.line, st.host, st.command, "allowed", recorded, predicted,
                              differs, a.reason)
    return StepResult(st.line, st.host, st.command, "disagree", recorded, predicted, differs)


def compare_all(recordings: Iterable[Recording], allowlist: Sequence[Allowance] = (), *,
                seed: int = 0, engine: str | None = None) -> ConformanceReport:
    """Every recording (of one engine profile, when given) compared."""
    return ConformanceReport(tuple(
        compare(r, allowlist, seed=seed) for r in recordings
        if engine is None or r.engine.profile == engine))
