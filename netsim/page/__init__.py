"""``netsim page``: one self-contained HTML file to explore a setup (docs/page.md): the document
it embeds (:mod:`netsim.page.document`) and the page around it (:mod:`netsim.page.render`).

Nothing heavy is imported here (:class:`netsim.lab.Lab` imports :class:`Page`)."""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from netsim.lab import Lab

__all__ = ["Page"]


class Page:
    """An interactive page: its document (``doc``, docs/page.md) and its HTML (``html``); in
    Jupyter it shows inline, in an iframe (the page's script and styles stay its own)."""

    def __init__(self, doc: Mapping[str, Any]) -> None:
        self.doc = doc

    @classmethod
    def of_lab(cls, lab: Lab, *, only: Iterable[str] = ()) -> Page:
        """A lab's page now: its commands so far as the source, one per line (a notebook's
        lab has no file), and the current state's picture and answers."""
        from netsim.page.document import document_of

        steps = list(lab.steps)
        lines = [s.command for s in steps]
        doc = document_of(lab, steps, title="lab", fmt="commands", lines=lines,
                          seed=lab.seed, only=tuple(only))
        for i, row in enumerate(doc["steps"], start=1):
            row["line"] = i  # the commands are the source's lines
        return cls(doc)

    @property
    def html(self) -> str:
        from netsim.page.render import page_html

        return page_html(self.doc)

    def save(self, path: str | Path) -> Path:
        """Write the page to ``path`` (UTF-8); returns the path."""
        out = Path(path)
        out.write_text(self.html, encoding="utf-8")
        return out

    def _repr_html_(self) -> str:
        return (f'<iframe srcdoc="{html.escape(self.html, quote=True)}" '
                'style="width:100%;height:820px;border:1px solid #ddd" '
                'title="netsim page"></iframe>')
