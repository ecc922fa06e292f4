"""A small subset of Go's text/template, enough for ``docker inspect -f``.

Supported actions: ``{{.A.B.C}}`` (field and map-key paths), ``{{json .A}}``, and
``{{range .A}}…{{end}}`` over lists and maps (``.`` is the element; for maps the value).
Anything else raises :class:`UnsupportedTemplate` so the caller can say so plainly.
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["UnsupportedTemplate", "render"]

_ACTION = re.compile(r"\{\{-?\s*(.*?)\s*-?\}\}", re.S)
_PATH = re.compile(r"^\.(?:[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w.-]*)*)?$")


class UnsupportedTemplate(ValueError):
    """The template uses something netsim's subset does not implement."""


def _lookup(data: Any, path: str) -> Any:
    if path == ".":
        return data
    cur = data
    for part in path[1:].split("."):
        if isinstance(cur, dict):
            if part not in cur:
                return None
            cur = cur[part]
        else:
            return None
    return cur


def _fmt(value: Any) -> str:
    """Go's default formatting of a decoded JSON value."""
    if value is None:
        return "<no value>"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "map[" + " ".join(f"{k}:{_fmt(v)}" for k, v in sorted(value.items())) + "]"
    if isinstance(value, list):
        return "[" + " ".join(_fmt(v) for v in value) + "]"
    return str(value)


def _eval(expr: str, data: Any) -> str:
    words = expr.split()
    if len(words) == 1 and _PATH.match(words[0]):
        return _fmt(_lookup(data, words[0]))
    if len(words) == 2 and words[0] == "json" and _PATH.match(words[1]):
        return json.dumps(_lookup(data, words[1]), separators=(",", ":"))
    raise UnsupportedTemplate(expr)


def render(template: str, data: Any) -> str:
    """Render ``template`` against ``data`` (a decoded inspect object)."""
    out: list[str] = []
    pos = 0
    tokens = list(_ACTION.finditer(template))
    i = 0
    while i < len(tokens):
        m = tokens[i]
        out.append(template[pos : m.start()])
        expr = m.group(1)
        if expr.startswith("range "):
            depth, j = 1, i + 1
            while j < len(tokens) and depth:
                e = tokens[j].group(1)
                if e.startswith("range ") or e.startswith("if "):
                    depth += 1
                elif e == "end":
                    depth -= 1
                j += 1
            if depth:
                raise UnsupportedTemplate("range without end")
            body = template[m.end() : tokens[j - 1].start()]
            seq = _lookup(data, expr.split(None, 1)[1].strip())
            items = list(seq.values()) if isinstance(seq, dict) else (seq or [])
            out.extend(render(body, item) for item in items)
            pos = tokens[j - 1].end()
            i = j
            continue
        out.append(_eval(expr, data))
        pos = m.end()
        i += 1
    out.append(template[pos:])
    return "".join(out)
