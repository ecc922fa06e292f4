"""``netsim page FILE -o setup.html``: one self-contained, interactive HTML page of a setup
(issue 20; docs/page.md).

Registered by :mod:`netsim.cli` at its end, with the replaying commands' ``--seed``,
``--engine``, ``--strict`` and ``--format`` (``netsim check``'s own option objects, as
:mod:`netsim.cli_lint` takes them). Exit status 0, or 2 for bad input (one line).
"""

from __future__ import annotations

from pathlib import Path

import click

__all__ = ["page"]


@click.command(name="page")
@click.argument("file")
@click.option("-o", "--output", "out", required=True,
              help="The HTML file to write (one file: no server, no network access needed).")
@click.option("--only", multiple=True, metavar="PATTERN",
              help="Show and analyse only the containers whose names match PATTERN (a shell "
                   "pattern: 'web*'; repeatable): how a setup over the page's size limit "
                   "is explored.")
@click.option("--at", type=click.IntRange(min=0), default=None, metavar="LINE",
              help="A script's line: the panels answer for the state after it (the last "
                   "command at or before it), not the end's; the slider still plays it all.")
def page(file: str, out: str, only: tuple[str, ...], at: int | None, seed: int,
         engine: str | None) -> None:
    """Write FILE's setup as one interactive HTML page: the topology (click a container to see
    what it reaches and why not), a flow's trace hop by hop, the embedded DNS's answers, the
    matrix, and the input beside it (for a script, a step slider that replays it line by
    line). Open it in a browser, offline; docs/page.md documents the data it embeds."""
    from netsim.errors import InputError
    from netsim.page.document import build_document
    from netsim.page.render import page_html
    from netsim.versions import profile

    ctx = click.get_current_context()
    chosen = profile(engine, where="--engine") if engine is not None else None
    doc = build_document(file, seed=seed, profile=chosen, format=ctx.meta.get("netsim.format"),
                         only=only, strict=bool(ctx.meta.get("netsim.strict")), at=at)
    for note in doc["notes"]:  # said once, as every replaying command says them
        click.echo(f"netsim: {note}", err=True)
    try:
        Path(out).write_text(page_html(doc), encoding="utf-8")
    except OSError as err:
        raise InputError(out, f"cannot write the page: {err.strerror}") from None
    click.echo(out)


def _share_options() -> None:
    """``netsim check``'s ``--seed``, ``--engine``, ``--strict`` and ``--format`` (imported
    here, at the end: :mod:`netsim.cli` imports this module at its own end)."""
    from netsim.cli import cli

    wanted = ("seed", "engine", "strict", "input_format")
    page.params.extend(p for p in cli.commands["check"].params if p.name in wanted)


_share_options()
