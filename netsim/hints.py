"""netsim's hints: why a name is unknown, said under Docker's own error.

Docker answers a name it does not know in its own words (``Error response from daemon: No such
container: c``), which netsim keeps byte-exact. Under such a line netsim may add one line of its
own, always prefixed ``netsim:``, so that it is never mistaken for Docker's:

* ``netsim: container c was never created: line 3 failed (docker run -d --name c busybox:
  <Docker's error>)`` when an earlier command meant to create ``c`` and was refused, and no later
  one created it (:class:`Failure`);
* ``netsim: did you mean web?`` when a close name exists (:func:`did_you_mean`).

The lab (:mod:`netsim.lab`) keeps the failures and annotates each step (:func:`annotate`: the
lines go into the step's stderr, right under the error they explain, and are listed in
``Step.hints``); the analysis commands (``netsim reach``/``dns``/``exec``/``draw``,
:meth:`netsim.lab.Lab.reach`) add the same words to their one-line error as its
:attr:`~netsim.errors.InputError.hint` (:func:`explained`), which the CLI prints on a second line
(a ``# netsim: expect`` row that cannot be checked ends its reason with them; ``netsim inspect``
prints them under ``Error: No such object: X``: :func:`missing_hint`).
The conformance comparison removes exactly a step's hint lines from netsim's side before it
compares (:func:`strip_hints`): they comment on Docker's answer; they do not predict it.
"""

from __future__ import annotations

import contextlib
import dataclasses
import difflib
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from netsim.api import ContainerCreate, ContainerRename, NetworkCreate, Operation
from netsim.errors import DockerError, InputError

if TYPE_CHECKING:
    from netsim.lab import Lab, Step

__all__ = ["CUTOFF", "Failure", "Kind", "annotate", "closest", "did_you_mean", "explained",
           "intents", "missing_hint", "missing_ref", "strip_hints", "why_missing"]

Kind = Literal["container", "network"]

#: how close a name must be to be suggested (difflib's ratio: 2*matches/total length): a
#: little over difflib's default 0.6, so that ``wbe`` (0.67) is taken for ``web`` and ``frnt``
#: (0.89) for ``front``, but ``ghost`` (0.6) is not for ``shoot``, nor ``db`` for ``web``
CUTOFF = 0.65

#: the longest command and Docker error quoted in a hint (longer ones end in …)
_COMMAND_MAX = 80
_ERROR_MAX = 160


@dataclass(frozen=True, slots=True)
class Failure:
    """A command that meant to create a container or network, which Docker refused."""

    kind: Kind
    name: str
    host: str
    #: the script line of the command (0: a command given without one, as Lab.docker's)
    line: int
    command: str
    #: Docker's first line of error, without ``docker:`` and ``Error response from daemon:``
    error: str
    #: how many operations the lab had applied after it (later ones may create the name)
    after: int

    def text(self) -> str:
        """``container c was never created: line 3 failed (docker run …: <error>)``."""
        where = f"line {self.line} failed" if self.line else "an earlier command failed"
        return (f"{self.kind} {self.name} was never created: {where} "
                f"({_cut(self.command, _COMMAND_MAX)}: {_cut(self.error, _ERROR_MAX)})")


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def intents(argv: Sequence[str] | None, op: Operation | None, lab: Lab) -> list[tuple[Kind, str]]:
    """What a command meant to create: ``docker run|create --name C`` a container,
    ``docker network create N`` a network (read by the docker CLI's own parser,
    :mod:`netsim.dockercli.parse`; a line it rejects, such as an unknown flag, names nothing);
    a scenario's step, its operation's object."""
    if isinstance(op, ContainerCreate):
        return [("container", op.container.name)] if op.container.name else []
    if isinstance(op, NetworkCreate):
        return [("network", op.network.Name)]
    if not argv or argv[0] != "docker" or len(argv) < 2:
        return []
    from netsim.dockercli.parse import parse_docker_argv

    try:
        p = parse_docker_argv(list(argv[1:]), daemon=None, profile=lab.profile)
    except (DockerError, InputError):
        return []
    if p.help:
        return []
    if p.command in ("run", "create"):
        name = p.get("name")
        return [("container", name)] if name else []
    if p.command == "network create" and p.args:
        return [("network", p.args[0])]
    return []


def _error_of(stderr: str) -> str:
    """What a failed command's stderr says is wrong: its first paragraph of Docker's (a
    daemon's list of endpoint errors spans lines: they are joined), without ``docker:`` and
    ``Error response from daemon:``."""
    lines = [t for t in stderr.splitlines() if not t.startswith(("netsim:", "WARNING:"))]
    while lines and not lines[0].strip():
        del lines[0]
    first = lines.index("") if "" in lines else len(lines)
    chosen = " ".join(t.strip() for t in lines[:first])
    for prefix in ("docker: ", "Error response from daemon: "):
        chosen = chosen.removeprefix(prefix)
    return chosen


#: Docker's words for a name it does not know, at the end of an error line (an older engine
#: ends some with "."): daemon/errors.go containerNotFound ``No such container: X``,
#: libnetwork ErrNoSuchNetwork ``network X not found``, docker/cli system/inspect.go
#: ``No such object: X`` (``error: no such object: X`` from docker-v29.1), the 20.10 client's
#: ``No such network: X`` (client/errors.go wrapResponseError)
_MISSING: tuple[tuple[re.Pattern[str], tuple[Kind, ...]], ...] = (
    (re.compile(r"No such container: (?P<ref>\S+?)\.?$"), ("container",)),
    (re.compile(r"No such network: (?P<ref>\S+?)\.?$"), ("network",)),
    (re.compile(r"[Nn]o such object: (?P<ref>\S+?)\.?$"), ("container", "network")),
    (re.compile(r"(?:^|: )network (?P<ref>\S+?) not found\.?$"), ("network",)),
)


def missing_ref(line: str) -> tuple[tuple[Kind, ...], str] | None:
    """The kinds and name an error line says Docker does not know, else None.

    >>> missing_ref("Error response from daemon: No such container: wbe")
    (('container',), 'wbe')
    >>> missing_ref("docker: Error response from daemon: network frnt not found.")
    (('network',), 'frnt')
    """
    for pattern, kinds in _MISSING:
        m = pattern.search(line)
        if m is not None:
            return kinds, m.group("ref")
    return None


def did_you_mean(ref: str, candidates: Iterable[str]) -> str | None:
    """``did you mean NAME?`` for the closest candidate (:data:`CUTOFF`), else None.

    >>> did_you_mean("wbe", ["db", "web"])
    'did you mean web?'
    >>> did_you_mean("xyz", ["db", "web"]) is None
    True
    """
    found = closest(ref, candidates)
    return f"did you mean {found}?" if found is not None else None


def closest(ref: str, candidates: Iterable[str]) -> str | None:
    """The candidate closest to ``ref`` (difflib's ratio, at least :data:`CUTOFF`; of equals,
    the last in sorted order: difflib's choice), else None. A typo changes a few characters,
    not the length by much: a candidate longer or shorter by more than a third of ``ref`` (at
    least 1) is none (``nosuchnet`` is not ``none``).

    >>> closest("nosuchnet", ["none", "bridge"]) is None
    True
    """
    slack = max(1, len(ref) // 3)
    pool = sorted({c for c in candidates if c and c != ref and abs(len(c) - len(ref)) <= slack})
    found = difflib.get_close_matches(ref, pool, n=1, cutoff=CUTOFF)
    return found[0] if found else None


def _created_since(f: Failure, operations: Sequence[Operation]) -> bool:
    """Whether an operation after the failure made the name (a later ``run --name``, a
    ``rename`` to it, a ``network create``)."""
    for op in operations[f.after:]:
        if op.host != f.host:
            continue
        if f.kind == "container" and (
                (isinstance(op, ContainerCreate) and op.container.name == f.name)
                or (isinstance(op, ContainerRename) and op.new_name == f.name)):
            return True
        if f.kind == "network" and isinstance(op, NetworkCreate) and op.network.Name == f.name:
            return True
    return False


def why_missing(lab: Lab, kinds: Sequence[Kind], name: str, host: str | None) -> Failure | None:
    """The last failed command that meant to create ``name`` (one of ``kinds``; on ``host``,
    or on any host when None) and that nothing created since, else None."""
    for f in reversed(lab.failures):
        if f.name == name and f.kind in kinds and (host is None or f.host == host):
            return None if _created_since(f, lab.operations) else f
    return None


def _names(lab: Lab, host: str | None, kinds: Sequence[Kind]) -> list[str]:
    """The names a host's daemon (None: any host's) knows, of ``kinds``: the candidates of a
    suggestion."""
    names: list[str] = []
    for h in lab.engine.host_names if host is None else [host]:
        try:
            rt = lab.engine.host_rt(h)
        except KeyError:
            continue
        if "container" in kinds:
            names += list(rt.containers)
        if "network" in kinds:
            names += list(rt.networks)
    return names


def missing_hint(lab: Lab, host: str | None, kinds: Sequence[Kind], ref: str) -> str | None:
    """Why ``ref`` (a name of one of ``kinds``) is unknown on ``host`` (None: on any host): the
    failed command that meant to create it, else ``did you mean …?``, else None."""
    failed = why_missing(lab, kinds, ref, host)
    if failed is not None:
        return failed.text()
    return did_you_mean(ref, _names(lab, host, kinds))


def annotate(lab: Lab, step: Step, argv: Sequence[str] | None = None,
             op: Operation | None = None) -> Step:
    """``step`` with netsim's hints under each of Docker's "no such …" lines in its stderr,
    and the failure it is, if it meant to create something and Docker refused (kept in
    ``lab.failures``, for the hints of later steps)."""
    if step.exit_code == 0:
        return step
    hints: list[str] = []
    out: list[str] = []
    for text in step.stderr.splitlines(keepends=True):
        out.append(text)
        found = missing_ref(text.rstrip("\n"))
        hint = missing_hint(lab, step.host, *found) if found is not None else None
        if hint is not None:
            hints.append(f"netsim: {hint}")
            out.append(("" if text.endswith("\n") else "\n") + hints[-1] + "\n")
    meant = intents(argv, op, lab)
    if meant:
        rt = lab.engine.host_rt(step.host) if step.host in lab.engine.host_names else None
        error = _error_of(step.stderr)
        for kind, name in meant:
            exists = rt is not None and name in (rt.containers if kind == "container"
                                                 else rt.networks)
            if not exists:  # (a container made and then not started exists: no failure)
                lab.failures.append(Failure(kind, name, step.host, step.line, step.command,
                                            error, len(lab.operations)))
    if not hints:
        return step
    return dataclasses.replace(step, stderr="".join(out), hints=tuple(hints))


def strip_hints(stderr: str, hints: Sequence[str]) -> str:
    """``stderr`` without the hint lines :func:`annotate` added (each once)."""
    if not hints:
        return stderr
    left = list(hints)
    kept: list[str] = []
    for text in stderr.splitlines(keepends=True):
        if text.rstrip("\n") in left:
            left.remove(text.rstrip("\n"))
        else:
            kept.append(text)
    return "".join(kept)


@contextlib.contextmanager
def explained(lab: Lab) -> Iterator[None]:
    """Around an analysis of ``lab``'s state: an unknown container's error
    (:class:`netsim.analysis.vantage.NoSuchVantage`) gets, as its hint, the failed command that
    meant to create it, over the vantage parser's own ``did you mean``."""
    from netsim.analysis.vantage import NoSuchVantage

    try:
        yield
    except NoSuchVantage as err:
        failed = why_missing(lab, ("container",), err.name, err.host)
        if failed is not None:
            err.hint = failed.text()
        raise
