"""Mermaid from the picture's layout: a flowchart with one subgraph per Docker host, which
GitHub renders in Markdown. Node ids are ``n0, n1, …`` in layout order; a ``%%`` comment maps
each to netsim's node id."""

from __future__ import annotations

from netsim.render.layout import Box, Layout

__all__ = ["to_mermaid"]

_LINK = {"veth": "---", "macvlan": "-.-", "overlay": "---", "uplink": "---", "parent": "-.-",
         "lan": "---", "wan": "---", "joiner": "-.-", "host-stack": "-.-"}


def _text(lines: tuple[str, ...]) -> str:
    body = "<br/>".join(line.strip() for line in lines if line.strip())
    return body.replace('"', "#quot;")


def to_mermaid(lay: Layout) -> str:
    """The layout as ``flowchart TB``: containers as boxes, networks as stadiums, the NIC, the
    LAN, the router and the internet; a highlighted flow's links coloured with linkStyle."""
    labels = {b.id.removesuffix("#label"): b for b in lay.boxes if b.kind == "label"}
    shown = [b for b in lay.boxes
             if b.kind in ("container", "bar", "nic", "lan", "router", "internet")]
    ids = {b.id: f"n{i}" for i, b in enumerate(shown)}
    out: list[str] = []
    if lay.title or lay.caption:
        out += ["---", f"title: {(lay.title or lay.caption.splitlines()[0])}", "---"]
    out.append("flowchart TB")
    out += [f"  %% {ids[b.id]} = {b.id}" for b in shown]
    if lay.caption:
        out += [f"  %% {line}" for line in lay.caption.splitlines()]

    def node(b: Box) -> str:
        if b.kind in ("bar", "lan"):
            lines = labels[b.id].text_lines() if b.id in labels else (b.id,)
            return f'{ids[b.id]}(["{_text(lines)}"])'
        if b.kind == "internet":
            return f'{ids[b.id]}(("{_text(b.lines)}"))'
        return f'{ids[b.id]}["{_text(b.text_lines())}"]'

    hosts = [b for b in lay.boxes if b.kind == "host"]
    placed: set[str] = set()
    for h in hosts:
        hname = h.id.removeprefix("host:")
        title = labels[h.id].lines[0] if h.id in labels else h.id
        members = [b for b in shown if b.id.startswith((f"sandbox:{hname}/", f"bridge:{hname}/",
                                                        f"nic:{hname}/", f"segment:{hname}/"))]
        out.append(f'  subgraph {hname.replace("-", "_")}_host["{_text((title,))}"]')
        for b in members:
            out.append(f"    {node(b)}")
            placed.add(b.id)
        out.append("  end")
    out += [f"  {node(b)}" for b in shown if b.id not in placed]

    def end(n: str) -> str | None:
        if n in ids:
            return ids[n]
        if n.startswith("if:"):
            container = "sandbox:" + n.removeprefix("if:").rsplit("/", 1)[0]
            return ids.get(container)
        return None

    links = 0
    for e in lay.edges:
        na, nb = end(e.src), end(e.dst)
        if na is None or nb is None or na == nb:
            continue
        if e.kind == "published":
            out.append(f'  {na} -->|"{_text((e.label,))}"| {nb}')
        else:
            out.append(f"  {na} {_LINK.get(e.kind, '---')} {nb}")
        links += 1
    styles = []
    for s in lay.path:
        na, nb = end(s.src), end(s.dst)
        if na is None or nb is None or na == nb:
            continue
        out.append(f"  {na} ==> {nb}")
        color = "#2ca02c" if s.ok else "#d62728"
        styles.append(f"  linkStyle {links} stroke:{color},stroke-width:3px")
        links += 1
    return "\n".join(out + styles) + "\n"
