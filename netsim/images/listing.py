"""``netsim images [FILE]``: what netsim knows of images, as a table or JSON.

The catalogue's fact sets (one row per repository and tag family: the tags a fact set applies
to are shell patterns, ``*`` every other tag), then, for a FILE, the images and containers it
declares (``# netsim: image|container …``, a scenario's ``images:``/``containers:``) and the
images its containers use that netsim does not know.

>>> print(render(listing(declared=[ImageDecl(name="prom/prometheus", listen=("9090/tcp",),
...                                          tools=("sh", "wget=busybox"))]),
...              catalogue=False))
DECLARED IMAGE    EXPOSES   LISTENS    RUNS     TOOLS
prom/prometheus   -         9090/tcp   server   sh,wget
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from netsim.api.scenario import ContainerDecl, ImageDecl
from netsim.images.catalogue import load_catalogue
from netsim.images.declared import declared_toolset
from netsim.images.models import TOOL_NAMES, ToolImpl

__all__ = ["listing", "render"]


def _tools(tools: Mapping[str, ToolImpl]) -> dict[str, str]:
    return {t: tools[t] for t in TOOL_NAMES if t in tools}


def _declared_tools(entries: Sequence[str] | None) -> dict[str, str] | None:
    if entries is None:
        return None
    tools, shells = declared_toolset(entries)
    return {**{s: "shell" for s in sorted(shells)}, **_tools(tools)}


def listing(declared: Iterable[ImageDecl] = (), containers: Iterable[ContainerDecl] = (),
            unknown: Iterable[str] = ()) -> dict[str, Any]:
    """The catalogue's fact sets and, when given, a file's declarations and unknown images, as
    the JSON ``netsim images --json`` prints: ``catalogue`` (image, tags, exposes, listens,
    runs, tools: name → implementation), ``declared`` and ``containers`` (tools None: not
    declared, a Debian-like set), ``unknown`` (image names)."""
    rows: list[dict[str, Any]] = []
    repositories = load_catalogue().repositories
    for repo in sorted(repositories, key=lambda r: r.removeprefix("library/")):
        for rule in repositories[repo].rules:
            if rule.info is None:  # a tag family known to differ and left out (Windows …)
                continue
            info = rule.info
            rows.append({
                "image": repo.removeprefix("library/"),
                "tags": list(rule.patterns),
                "exposes": list(info.exposed),
                "listens": list(info.listening),
                "runs": info.runs,
                "tools": _tools(info.tools),
            })
    last: dict[str, ImageDecl] = {}
    for d in declared:  # a later declaration of a name replaces an earlier one
        last[d.name] = d
    mine: dict[tuple[str, str], ContainerDecl] = {}
    for c in containers:
        mine[(c.host, c.name)] = c
    return {
        "catalogue": rows,
        "declared": [{
            "image": d.name,
            "exposes": list(d.expose),
            "listens": list(d.listen if d.listen is not None else d.expose),
            "runs": d.runs,
            "tools": _declared_tools(d.tools),
        } for d in last.values()],
        "containers": [{
            "container": c.name,
            "host": c.host,
            "listens": list(c.listen) if c.listen is not None else None,
            "runs": c.runs,
            "tools": _declared_tools(c.tools),
        } for c in mine.values()],
        "unknown": list(unknown),
    }


def _cell(value: Any, none: str) -> str:
    if value is None:
        return none
    if isinstance(value, dict):
        return ",".join(value) or "-"
    if isinstance(value, list):
        return ",".join(value) or "-"
    return str(value)


def _table(head: list[str], rows: list[list[str]]) -> str:
    widths = [max(len(r[i]) for r in [head, *rows]) for i in range(len(head))]
    lines = ["   ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip()
             for r in [head, *rows]]
    return "\n".join(lines)


def render(data: Mapping[str, Any], *, catalogue: bool = True) -> str:
    """The text ``netsim images`` prints for :func:`listing`'s data: one table per part that
    has rows (``catalogue=False``: without the catalogue's)."""
    parts: list[str] = []
    if catalogue:
        parts.append(_table(["IMAGE", "TAGS", "EXPOSES", "LISTENS", "RUNS", "TOOLS"], [
            [r["image"], ",".join(r["tags"]), _cell(r["exposes"], "-"),
             _cell(r["listens"], "-"), r["runs"], _cell(r["tools"], "-")]
            for r in data["catalogue"]]))
    if data["declared"]:
        parts.append(_table(["DECLARED IMAGE", "EXPOSES", "LISTENS", "RUNS", "TOOLS"], [
            [r["image"], _cell(r["exposes"], "-"), _cell(r["listens"], "-"), r["runs"],
             _cell(r["tools"], "(not declared: Debian-like)")]
            for r in data["declared"]]))
    if data["containers"]:
        parts.append(_table(["DECLARED CONTAINER", "HOST", "LISTENS", "RUNS", "TOOLS"], [
            [r["container"], r["host"], _cell(r["listens"], "(its image's)"),
             _cell(r["runs"], "(its image's)"), _cell(r["tools"], "(its image's)")]
            for r in data["containers"]]))
    if data["unknown"]:
        parts.append(_table(["NOT KNOWN (used, not declared)", "ASSUMED"], [
            [name, "keeps running, listens on nothing, Debian-like tools"]
            for name in data["unknown"]]))
    return "\n\n".join(parts)
