"""Snapshots of real deployments as the judge of netsim's import of live systems (issue 15).

A snapshot recording (``conformance/snapshots/recorded/<engine>/``) is a lab script that builds
a deployment, dumps it as a user would (``docker inspect $(docker ps -aq) $(docker network ls
-q)`` per host, ``docker version``, ``docker info``), then probes it from inside the real
containers. Here the dump alone is imported (:func:`netsim.io.dump.load_dump`, never a replay
of the script), and the probes run on the imported lab are compared, command by command and
with the conformance normalizations, to what the real engine printed.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netsim.conformance import Allowance, ScriptResult, StepResult, compare_step, context_for
from netsim.io.recording import Recording

if TYPE_CHECKING:
    from netsim.analysis.diff import StateDiff
    from netsim.lab import Lab

__all__ = ["DUMP_COMMAND", "compare_snapshot", "diff_snapshot", "dump_lines", "plan_lab",
           "write_dump"]

#: a line of a snapshot script that dumps a host: ``docker [-H HOST] inspect|version|info``
DUMP_COMMAND = re.compile(r"docker (?:-H (?P<host>\S+) )?(?P<kind>inspect|version|info)\b")


def dump_lines(rec: Recording) -> list[int]:
    """The lines of the recording that dump a host."""
    return [st.line for st in rec.steps if DUMP_COMMAND.match(st.command)]


def write_dump(rec: Recording, directory: Path) -> Path:
    """The recording's dump as ``netsim snapshot`` writes it: ``HOST.json``, ``HOST.version.json``,
    ``HOST.info.json`` and ``hosts.yaml`` (the lab's LAN and hosts) in ``directory``."""
    import yaml

    directory.mkdir(parents=True, exist_ok=True)
    hosts: set[str] = set()
    for st in rec.steps:
        m = DUMP_COMMAND.match(st.command)
        if m is None:
            continue
        host = m.group("host") or st.host
        kind = m.group("kind")
        name = f"{host}.json" if kind == "inspect" else f"{host}.{kind}.json"
        (directory / name).write_text(st.stdout, encoding="utf-8")
        hosts.add(host)
    data: dict[str, Any] = {
        "lan": str(rec.lab.lan), "gateway": str(rec.lab.gateway),
        "internet_hops": rec.lab.internet_hops,
        # the lab's hosts name the LAN router as their nameserver (conformance/lab/lab.sh)
        "hosts": {h: {"address": str(a), "dns": [str(rec.lab.gateway)]}
                  for h, a in rec.lab.hosts.items()},
    }
    (directory / "hosts.yaml").write_text(yaml.safe_dump(data, sort_keys=False),
                                          encoding="utf-8")
    return directory


def compare_snapshot(rec: Recording, directory: Path, allowlist: Sequence[Allowance] = (), *,
                     seed: int = 0) -> ScriptResult:
    """Import the recording's dump (written to ``directory``) and run the probes that follow
    it on the imported lab; each compared with what the engine printed."""
    from netsim.io.dump import load_dump
    from netsim.io.script import parse_script

    write_dump(rec, directory)
    lab = load_dump(str(directory), seed=seed, workdir="/root")
    last = max(dump_lines(rec))
    lines = [sl for sl in parse_script(rec.script, source=rec.name) if sl.line > last]
    predicted = {s.line: s for s in lab.run_lines(lines)}
    ctx_rec, ctx_net = context_for(rec.engine.profile), context_for(rec.engine.profile)
    results: list[StepResult] = []
    for st in rec.steps:
        if st.line <= last:
            continue
        results.append(compare_step(rec, st, predicted.get(st.line), ctx_rec, ctx_net,
                                     allowlist, ""))
    return ScriptResult(rec.name, rec.engine.profile, rec.engine.version, rec.recorded,
                        tuple(results), "")


def plan_lab(rec: Recording, *, seed: int = 0) -> Lab:
    """The deployment as the script that built it says: its lines before the dump, replayed
    on the lab's topology (the plan ``netsim diff`` compares with the snapshot)."""
    from netsim.api import Host, Lan
    from netsim.lab import run_script

    first = min(dump_lines(rec))
    kept = "\n".join(text for i, text in enumerate(rec.script.split("\n"), 1) if i < first)
    hosts = [Host(name=name, address=addr, dns=(rec.lab.gateway,))
             for name, addr in rec.lab.hosts.items()]
    lan = Lan(subnet=rec.lab.lan, gateway=rec.lab.gateway, internet_hops=rec.lab.internet_hops)
    lab, _ = run_script(kept, source=rec.name, seed=seed, hosts=hosts, lan=lan,
                        profile=rec.engine.profile)
    return lab


def diff_snapshot(rec: Recording, directory: Path, *, seed: int = 0,
                  port: int | None = None) -> StateDiff:
    """``netsim diff`` between the script that built the deployment and its snapshot."""
    from netsim.analysis.diff import diff_states
    from netsim.io.dump import load_dump

    write_dump(rec, directory)
    reality = load_dump(str(directory), seed=seed)
    return diff_states(plan_lab(rec, seed=seed).state, reality.state, port=port,
                       a_name="script", b_name="snapshot")
