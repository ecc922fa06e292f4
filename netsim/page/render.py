"""The page's HTML: the template with its CSS, its script and the netsim-page/1 document inlined.

The page is one file that works offline: nothing is fetched, so the assets (``assets/``) are
read from the installed package and written into the page (with the pictures' one style
sheet, :data:`netsim.diagram.svg.CSS`: the document's SVGs leave it out), and the document is
the text of a ``<script type="application/json">`` element (docs/page.md). The same document
gives the same bytes.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Mapping
from importlib import resources
from typing import Any

from netsim.diagram.svg import CSS as SVG_CSS

__all__ = ["embed_json", "page_html"]

_SLOT = re.compile(r"@@(TITLE|CSS|SVGCSS|JS|DATA)@@")


def _asset(name: str) -> str:
    return resources.files("netsim.page").joinpath("assets", name).read_text(encoding="utf-8")


def embed_json(doc: Mapping[str, Any]) -> str:
    """The document as JSON text that cannot end its script element: in a ``<script>``, the
    HTML parser ends the element at ``</script`` and enters a "double escaped" state after
    ``<!--`` (HTML Living Standard, "script data" states); both only occur inside JSON strings,
    where ``<\\/`` and ``\\u003c!--`` are escapes JSON.parse reads back as ``</`` and ``<!--``."""
    text = json.dumps(doc, separators=(",", ":"), ensure_ascii=False)
    return text.replace("<!--", "\\u003c!--").replace("</", "<\\/")


def page_html(doc: Mapping[str, Any]) -> str:
    """The page of a netsim-page/1 document (:func:`netsim.page.document.build_document`)."""
    parts = {
        "TITLE": html.escape(str(doc.get("title") or "netsim page")),
        "CSS": _asset("page.css"),
        "SVGCSS": SVG_CSS,
        "JS": _asset("page.js"),
        "DATA": embed_json(doc),
    }
    # one pass: what a slot receives is not searched for slots again
    return _SLOT.sub(lambda m: parts[m[1]], _asset("page.html"))
