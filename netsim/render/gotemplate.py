"""A small subset of Go's text/template, enough for ``docker inspect -f``.

Supported actions: ``{{.A.B.C}}`` (field and map-key paths), ``{{json .A}}``, and
``{{range .A}}…{{end}}`` over lists and maps (``.`` is the element; for maps the value).
Anything else raises :class:`UnsupportedTemplate` so the caller can say so plainly.

Missing keys behave as in docker/cli's inspector (cli/command/inspect/inspector.go): a key
missing from a *map-typed* field at the end of a path prints ``<no value>``; any other missing
key fails the way the CLI's retry on raw JSON with ``missingkey=error`` does, e.g. the 29.x
favourite ``{{.NetworkSettings.IPAddress}}``::

    template: :1:18: executing "" at <.NetworkSettings.IPA...>: map has no entry for key "IPAddress"
"""

from __future__ import annotations

import json
import re
from typing import Any

__all__ = ["MissingKey", "UnsupportedTemplate", "render"]

_ACTION = re.compile(r"\{\{-?\s*(.*?)\s*-?\}\}", re.S)
_PATH = re.compile(r"^\.(?:[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w.-]*)*)?$")

#: fields that are Go maps in Docker's API types: a missing key there is a zero value
_MAP_FIELDS = frozenset({
    "Labels", "Options", "Networks", "Ports", "ExposedPorts", "Containers", "DriverOpts",
    "AuxiliaryAddresses", "Subnets", "Volumes", "Config", "PortBindings", "Sysctls",
    "StorageOpt", "Tmpfs", "Annotations",
})


class UnsupportedTemplate(ValueError):
    """The template uses something netsim's subset does not implement."""


class MissingKey(ValueError):
    """A key is missing where Go's template (with ``missingkey=error``) fails."""


def _lookup(data: Any, path: str, pos: int, template: str) -> Any:
    if path == ".":
        return data
    parts = path[1:].split(".")
    cur = data
    parent_field = ""
    for i, part in enumerate(parts):
        if isinstance(cur, dict) and part in cur:
            parent_field = part
            cur = cur[part]
            continue
        if isinstance(cur, dict) and parent_field in _MAP_FIELDS and i == len(parts) - 1:
            return None  # typed execution: the zero value, printed as <no value>
        # the node's position: the second field token when there are several (Go's parser
        # makes a chain at that token), else the first
        node_pos = pos + (len(parts[0]) + 1 if len(parts) > 1 else 0)
        line = 1 + template.count("\n", 0, node_pos)
        col = node_pos - (template.rfind("\n", 0, node_pos) + 1)
        context = path if len(path) <= 20 else path[:20] + "..."
        if isinstance(cur, dict):
            raise MissingKey(f'template: :{line}:{col}: executing "" at <{context}>: map has no '
                             f'entry for key "{part}"')
        raise MissingKey(f'template: :{line}:{col}: executing "" at <{context}>: nil pointer '
                         f'evaluating interface {{}}.{part}')
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


def _eval(expr: str, data: Any, pos: int, template: str) -> str:
    words = expr.split()
    if len(words) == 1 and _PATH.match(words[0]):
        return _fmt(_lookup(data, words[0], pos, template))
    if len(words) == 2 and words[0] == "json" and _PATH.match(words[1]):
        arg_pos = pos + expr.index(words[1])
        return json.dumps(_lookup(data, words[1], arg_pos, template), separators=(",", ":"))
    raise UnsupportedTemplate(expr)


def render(template: str, data: Any, *, _base: int = 0, _full: str | None = None) -> str:
    """Render ``template`` against ``data`` (a decoded inspect object)."""
    full = template if _full is None else _full
    out: list[str] = []
    pos = 0
    tokens = list(_ACTION.finditer(template))
    i = 0
    while i < len(tokens):
        m = tokens[i]
        out.append(template[pos : m.start()])
        expr = m.group(1)
        expr_pos = _base + m.start(1)
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
            body_start = m.end()
            body = template[body_start : tokens[j - 1].start()]
            arg = expr.split(None, 1)[1].strip()
            seq = _lookup(data, arg, expr_pos + expr.index(arg), full)
            items = list(seq.values()) if isinstance(seq, dict) else (seq or [])
            out.extend(render(body, item, _base=_base + body_start, _full=full)
                       for item in items)
            pos = tokens[j - 1].end()
            i = j
            continue
        out.append(_eval(expr, data, expr_pos, full))
        pos = m.end()
        i += 1
    out.append(template[pos:])
    return "".join(out)
