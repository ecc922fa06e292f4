"""Setup mistakes in a State (``netsim lint``): each finding with where, why and a fix.

A setup can replay without a single error and still be wrong: two networks whose subnets
overlap, a database published on every interface, ``-p`` on a container whose ports Docker
will never publish, an alias that round-robins between different programs. :func:`lint`
reads the final State (and, when given, the replay's steps and expectations: what the script
tried) and answers with a :class:`LintResult`, whose findings each name

* **where**: the input's ``FILE:LINE`` of the command that introduced the thing
  (:mod:`~netsim.analysis.lint.origins`; a compose file's service key; the file alone for a
  ``docker inspect`` dump),
* **why** it matters, in Docker's terms and with netsim's own verdicts (reachability from
  ``@internet`` is :func:`netsim.analysis.reach.reach`'s and ``matrix``'s, names are
  :func:`netsim.analysis.dns.lookup`'s), and
* **a fix**.

The kinds (:data:`KINDS`, stable ids; ``docs/lint.md`` describes each):

* :mod:`~netsim.analysis.lint.networks`: ``subnet-overlap``, ``subnet-lan-overlap``,
  ``alias-mixed-images``, ``link-user-network``, ``default-bridge-link``;
* :mod:`~netsim.analysis.lint.ports`: ``port-conflict``, ``publish-all-interfaces``,
  ``publish-host-network``, ``publish-internal-network``, ``internet-reachable``,
  ``macvlan-publish``;
* :mod:`~netsim.analysis.lint.probes`: ``macvlan-host-isolation``, ``default-bridge-dns``.

>>> from netsim.lab import run_script
>>> lab, steps = run_script("docker network create app\\n"
...                         "docker run -d --name db --network app postgres\\n"
...                         "docker run -d --name web --network app --link db nginx\\n",
...                         source="setup.sh")
>>> print(lint(lab.state, steps=steps, source="setup.sh").findings[0].where)
setup.sh:3
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from netsim.analysis.check import CheckResult
from netsim.analysis.lint.context import PRIVATE_PORTS, Context, Rule
from netsim.analysis.lint.networks import aliases, default_bridge_links, subnets, user_network_links
from netsim.analysis.lint.origins import Origins, ReadText, StepLike, origins, read_steps
from netsim.analysis.lint.ports import conflicts, exposure, ignored
from netsim.analysis.lint.probes import default_bridge_names, macvlan_host
from netsim.analysis.lint.result import KINDS, Finding, LintResult
from netsim.state import State

__all__ = ["KINDS", "PRIVATE_PORTS", "RULES", "Finding", "LintResult", "Origins", "lint"]

#: every rule, in the order they run (the result is sorted afterwards)
RULES: tuple[Rule, ...] = (subnets, conflicts, exposure, ignored, macvlan_host, aliases,
                           user_network_links, default_bridge_links, default_bridge_names)


def lint(state: State, *, steps: Iterable[StepLike] = (), checks: Sequence[CheckResult] = (),
         source: str = "", read_text: ReadText | None = None) -> LintResult:
    """Every finding of :data:`KINDS` in ``state``, sorted by file (``source`` first), line,
    kind and subject (:meth:`Finding.sort_key`).

    ``steps``: the replay's steps (:class:`netsim.lab.Step`), which say where each object was
    made and what the script probed; ``checks``: its ``# netsim: expect`` results; ``source``:
    the input's name, for ``where`` (``FILE:LINE``); ``read_text(host, path)``: reads a compose
    file as that host's commands saw it, so that what Compose made is placed at its service's
    line. Without steps, every finding's place is ``source`` (a dump has no lines).
    """
    read = read_steps(steps, state)
    ctx = Context(state, origins(state, read, source=source, read_text=read_text), read,
                  tuple(checks))
    for rule in RULES:
        rule(ctx)
    unique = {(f.kind, f.line, f.where, f.subject): f for f in ctx.found}
    return LintResult(tuple(sorted(unique.values(), key=lambda f: f.sort_key(source))))
