"""What if: changes tried on a fork of a lab, and what they would change (``netsim whatif``,
:meth:`netsim.lab.Lab.whatif`).

:func:`whatif` forks the lab (:func:`netsim.daemon.fork.fork`, copied on write: the lab
itself never changes), types each change into the fork as a docker command line after the script,
then makes the hypothetical changes Docker has no command for, and compares the State after
with the lab's own (:mod:`netsim.analysis.whatif`), from a baseline of the lab's State kept
for the next what-if while the lab does not change.

The order: the docker commands as given, then ``icc`` and ``internal`` (each network as it
would be had it been created with ``-o com.docker.network.bridge.enable_icc=false``/``=true``
or ``--internal``: :meth:`netsim.daemon.engine.Engine.reshape_network`), then ``stop``
(``docker stop`` of each).

A change Docker refuses is :class:`ChangeRefused`, a :class:`~netsim.errors.DockerError` whose
text is the change and Docker's own words (the CLI prints it and exits 1, as for a command
that fails); a network or container that ``icc``, ``internal`` or ``stop`` name and the lab
does not have is an :class:`~netsim.errors.InputError` (exit 2).
"""

from __future__ import annotations

import shlex
import weakref
from collections.abc import Iterable, Mapping, Sequence
from itertools import compress
from operator import is_not
from typing import TYPE_CHECKING

from netsim.analysis.whatif import Baseline, WhatIf, compare
from netsim.daemon.fork import fork
from netsim.errors import DaemonError, DockerError, InputError
from netsim.hints import did_you_mean
from netsim.io.script import parse_script
from netsim.state import State

if TYPE_CHECKING:
    from netsim.lab import Lab, Step

__all__ = ["ChangeRefused", "baseline", "whatif"]

#: the baselines kept for each lab, by (port, protocol): reused while the lab's State is the
#: one they were computed for
_BASELINES: weakref.WeakKeyDictionary[Lab, dict[tuple[int | None, str | None], Baseline]] = (
    weakref.WeakKeyDictionary())

#: docker commands whose non-zero exit status is their program's, not Docker's refusal
_OWN_STATUS = frozenset({"run", "exec", "start"})


class ChangeRefused(DockerError):
    """Docker refused a change: ``text`` is the change, then Docker's words (and netsim's
    hint under them, if any). ``step`` is the command's, when the change was one."""

    def __init__(self, change: str, step: Step | None = None, *, said: str = "") -> None:
        hints = step.hints if step is not None else ()
        if step is not None:
            said = _refusal(step.stderr, hints) or f"exit status {step.exit_code}"
        super().__init__(f"{change}: {said}" + "".join(f"\n{h}" for h in hints),
                         exit_code=1)
        self.change = change
        self.step = step


def _refusal(stderr: str, hints: Sequence[str]) -> str:
    """The line of a failed command's stderr that says why: the first that names an error
    (``docker compose up`` and ``docker build`` print their progress before it), else the
    first."""
    lines = [x.strip() for x in stderr.splitlines() if x.strip() and x not in hints]
    return next((x for x in lines if "error" in x.lower()), lines[0] if lines else "")


def whatif(lab: Lab, changes: Sequence[str] = (), *, icc: Mapping[str, bool] | None = None,
           internal: Iterable[str] = (), stop: Iterable[str] = (), port: int | None = None,
           proto: str | None = None) -> WhatIf:
    """What ``changes`` (docker command lines, typed after the lab's commands) and the
    hypothetical ``icc`` (network -> ICC on or off), ``internal`` (networks) and ``stop``
    (containers) would change in who reaches whom (ping, or ``port``/``proto`` as ``netsim
    matrix``) and in what the containers' names resolve to. ``lab`` does not change.
    Networks and containers are ``NAME`` on the lab's current host or ``HOST/NAME``.
    Raises :class:`ChangeRefused` and :class:`~netsim.errors.InputError` (see the module)."""
    for change in changes:
        if not change.strip():
            raise InputError("change", "an empty command", got=change,
                             accepted="a docker command line")
    base = baseline(lab, port=port, proto=proto)
    trial = fork(lab)  # (copied on write: the lab itself never changes)
    said: list[str] = []
    for change in changes:
        _type(trial, change)
        said.append(change)
    for name, on in (icc or {}).items():
        _reshape(trial, name, "--icc", icc=on)
        said.append(f"--icc {'on' if on else 'off'} {name}")
    for name in internal:
        _reshape(trial, name, "--internal", internal=True, members=_members(base, trial, name))
        said.append(f"--internal {name}")
    for name in stop:
        host, ref = _where(trial, name)
        if trial.engine.container(host, ref) is None:
            names = [c.name for c in trial.engine.containers(host)]
            raise InputError("--stop", f"no such container on {host}", got=name,
                             accepted="a container of the lab (NAME or HOST/NAME)",
                             hint=did_you_mean(ref, names))
        step = trial.docker(shlex.join(["stop", ref]), host=host)
        if step.exit_code:
            raise ChangeRefused(f"--stop {name}", step)
        said.append(f"--stop {name}")
    after = trial.state
    containers, networks = changed(base.state, after)
    return compare(base, after, containers, networks, changes=said)


def _type(trial: Lab, change: str) -> None:
    """Type a change into the trial: docker command lines as a script's lines are typed
    (:meth:`netsim.lab.Lab.run_line`: ``$(docker …)``, ``NAME=value`` before the command, a
    redirection, a ``#`` comment after it), else the words of one docker command without
    its leading ``docker`` (``network connect front db``). Raises ChangeRefused for the first
    command Docker refuses, ScriptError for words that do not split."""
    lines = parse_script(change, source="change") if trial.shell is None else []
    if not lines or any(sl.directive is not None or sl.argv[:1] != ("docker",)
                        for sl in lines):
        step = trial.docker(change)
        if _refused(change, step):
            raise ChangeRefused(change, step)
        return
    for sl in lines:
        typed = trial.run_line(sl)
        assert typed is not None  # (a command, not a directive)
        if _refused(shlex.join(sl.argv), typed):
            raise ChangeRefused(change if len(lines) == 1 else sl.command, typed)


def baseline(lab: Lab, *, port: int | None = None, proto: str | None = None) -> Baseline:
    """The lab's baseline for what-ifs on ``port``/``proto``: kept on the lab and reused
    while its State is the one it was computed for (every container and network the same)."""
    kept = _BASELINES.setdefault(lab, {})
    now = lab.state
    if kept and not _same(next(iter(kept.values())).state, now):
        kept.clear()  # (the lab changed: every kept baseline is stale)
    found = kept.get((port, proto))
    if found is None:
        found = kept[(port, proto)] = Baseline(now, port=port, proto=proto)
    return found


def changed(before: State, after: State) -> tuple[set[tuple[str, str]], set[tuple[str, str]]]:
    """The containers and networks (host, name) that differ between two States of one setup:
    by identity, as :func:`netsim.analysis.whatif.compare` takes them (what a fork did not
    touch is the very same object; an object made anew counts as changed, even if equal)."""
    containers: set[tuple[str, str]] = set()
    networks: set[tuple[str, str]] = set()
    for h in before.hosts.keys() | after.hosts.keys():
        hb, ha = before.hosts.get(h), after.hosts.get(h)
        containers.update((h, n) for n in _differ(hb.containers if hb is not None else {},
                                                  ha.containers if ha is not None else {}))
        networks.update((h, n) for n in _differ(hb.networks if hb is not None else {},
                                                ha.networks if ha is not None else {}))
    return containers, networks


def _differ(a: Mapping[str, object], b: Mapping[str, object], *,
            equal: bool = False) -> list[str]:
    """The keys whose values are not the same object (with ``equal``: not equal), or that
    one side lacks; where the keys are in the same order (nothing removed, new ones last),
    compared by identity at C speed."""
    ka, kb = list(a), list(b)
    if kb[:len(ka)] == ka:
        rest = kb[len(ka):]
        suspects = list(compress(ka, map(is_not, a.values(), b.values())))
    else:
        rest = [k for k in ka if k not in b] + [k for k in kb if k not in a]
        suspects = [k for k in ka if k in b and a[k] is not b[k]]
    return rest + [k for k in suspects if not equal or a[k] != b[k]]


def _same(a: State, b: State) -> bool:
    """Whether two States of a lab are the same setup (a baseline of one serves the other)."""
    if (a.lan != b.lan or a.swarm != b.swarm or a.profile is not b.profile
            or list(a.hosts) != list(b.hosts)):
        return False
    for h, ha in a.hosts.items():
        hb = b.hosts[h]
        if ha.host != hb.host or ha.links != hb.links or ha.known != hb.known:
            return False
        if (_differ(ha.containers, hb.containers, equal=True)
                or _differ(ha.networks, hb.networks, equal=True)):
            return False
    return (a.declared_tools == b.declared_tools and a.image_infos == b.image_infos
            and a.registries == b.registries)


def _refused(change: str, step: Step) -> bool:
    """Whether Docker refused the change: a non-zero status, except the status of the
    container's own program (``docker run``, ``exec``, ``start -a``: not 125-127, no daemon
    error)."""
    if step.exit_code == 0:
        return False
    try:
        words = shlex.split(change)
    except ValueError:
        return True
    words = words[1:] if words[:1] == ["docker"] else words
    while words and words[0].startswith("-"):  # -H NAME, --context NAME, -D …
        words = words[2:] if words[0] in ("-H", "--host", "-c", "--context") else words[1:]
    if words[:1] == ["container"]:
        words = words[1:]
    return not (words[:1] and words[0] in _OWN_STATUS and step.exit_code not in (125, 126, 127)
                and "Error response from daemon" not in step.stderr)


def _where(lab: Lab, name: str) -> tuple[str, str]:
    """``HOST/NAME`` or ``NAME`` (on the lab's current host)."""
    host, sep, ref = name.rpartition("/")
    if sep and host in lab.engine.host_names:
        return host, ref
    return lab.current_host, name


def _members(base: Baseline, trial: Lab, name: str) -> set[str] | None:
    """Names of containers that include every one attached to network ``name`` in the
    trial: those the baseline's index has on it, and those the trial changed so far (None
    when ``name`` is not a network's name: every container is looked at)."""
    host, ref = _where(trial, name)
    dom = base.ix.domains.get(f"bridge:{host}/{ref}")
    if dom is None or host not in base.state.hosts:
        return None
    out = {o.iface.sandbox.name for o in dom.owners.values() if o.iface is not None}
    out |= {o.iface6.sandbox.name for o in dom.owners6.values() if o.iface6 is not None}
    out.update(_differ(base.state.hosts[host].containers,
                       trial.engine.host_rt(host).containers))
    return out


def _reshape(lab: Lab, name: str, option: str, *, icc: bool | None = None,
             internal: bool = False, members: set[str] | None = None) -> None:
    """A network as it would be had it been created with the option (see the module)."""
    host, ref = _where(lab, name)
    rt = lab.engine.host_rt(host)
    if ref not in rt.networks and not any(i.startswith(ref) for i in rt.network_names_by_id):
        names = list(rt.network_names_by_id.values())
        raise InputError(option, f"no such network on {host}", got=name,
                         accepted="a user-defined bridge network of the lab (NAME or "
                                  "HOST/NAME)", hint=did_you_mean(ref, names))
    try:
        lab.engine.reshape_network(host, ref, icc=icc, internal=internal, members=members)
    except InputError as err:  # (not a user-defined bridge: the option says so)
        raise InputError(option, err.what, got=name + (str(err.got)[len(ref):]
                                                       if err.got is not None else ""),
                         accepted=err.accepted) from None
    except DaemonError as err:  # (a port its containers publish, taken since)
        said = f"{option} {name}" if icc is None else f"--icc {'on' if icc else 'off'} {name}"
        raise ChangeRefused(said, said=err.text) from None
