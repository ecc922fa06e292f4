"""``netsim lint FILE``: setup mistakes, each with where, why and a fix (issue 19).

The command is registered by :mod:`netsim.cli` (the last lines of that module add it to the
``netsim`` group). It takes the options every replaying command has (``--seed``,
``--engine``, ``--strict``, ``--format``) from ``netsim check``, the very same option objects,
so that they read and mean the same everywhere; what they keep for the replay
(``--strict`` and ``--format``, in the click context) is read here as :mod:`netsim.cli` does.

Exit status: 0 no finding, 1 findings, 2 bad input (:func:`netsim.cli.main`).
"""

from __future__ import annotations

import json
import sys

import click

__all__ = ["lint"]


@click.command(name="lint")
@click.argument("file")
@click.option("--json", "as_json", is_flag=True,
              help='Print {"findings": [{"kind", "where", "line", "host", "subject", "why", '
                   '"fix"}, …], "count": N} (docs/lint.md).')
def lint(file: str, as_json: bool, seed: int, engine: str | None) -> None:
    """Setup mistakes in FILE: overlapping subnets, colliding or needlessly open published
    ports, ports Docker discards, macvlan host isolation, mixed aliases, legacy links.

    Each finding says where (FILE:LINE of the command that introduced it), why it matters and
    a fix, sorted by line, then kind. Exit status 0 when there is none, 1 when there are.
    """
    from netsim.replay import replay_file
    from netsim.versions import profile

    ctx = click.get_current_context()
    chosen = profile(engine, where="--engine") if engine is not None else None
    lab, _ = replay_file(file, seed=seed, strict=bool(ctx.meta.get("netsim.strict")),
                         profile=chosen, format=ctx.meta.get("netsim.format"))
    for note in lab.notes:  # said once, as every replaying command says them
        click.echo(f"netsim: {note}", err=True)
    result = lab.lint(source="<stdin>" if file == "-" else file)
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=2))
    else:
        click.echo(str(result))
    sys.exit(1 if result.findings else 0)


def _share_options() -> None:
    """Give ``lint`` the replaying commands' ``--seed``, ``--engine``, ``--strict`` and
    ``--format`` (``netsim check``'s own option objects; imported here, at the end, because
    :mod:`netsim.cli` imports this module at its own end)."""
    from netsim.cli import cli

    wanted = ("seed", "engine", "strict", "input_format")
    lint.params.extend(p for p in cli.commands["check"].params if p.name in wanted)


_share_options()
