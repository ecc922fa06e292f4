"""The document an interactive page embeds (``netsim-page/1``, docs/page.md): an input's steps,
a picture after each one, and the final state's answers, all made of netsim's own JSON
outputs (``netsim run --json``'s steps, ``netsim reach --json``'s traces, ``netsim matrix
--json``, ``netsim dns --json``'s answers).

The pictures are :mod:`netsim.diagram.svg` drawings of the same :func:`netsim.diagram.layout.
layout` the PNG uses. Every pair of the matrix gets its ping trace and one per port the
destination exposes, each also as a path on the final picture; every running container gets
the embedded DNS's answer for every name a container, alias or link gives. That is quadratic:
above :data:`LIMIT` containers the document holds a summary instead (what to filter with
``only``), and a script's pictures stop once the setup passes the limit.
"""

from __future__ import annotations

import fnmatch
import random
from collections.abc import Iterable, Mapping
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from netsim.analysis.graph import overlay_node, sandbox_node

if TYPE_CHECKING:
    from netsim.lab import Lab, Step
    from netsim.state import ContainerState, State
    from netsim.versions import EngineProfile

__all__ = ["LIMIT", "SCHEMA", "build_document", "document_of"]

SCHEMA = "netsim-page/1"
#: containers above which the page holds a summary: its flows and DNS answers grow as the
#: square (50 containers exposing a port each: 5,400 traces, 4.4 MB of the page's JSON)
LIMIT = 60
#: the bytes of SVG kept for a script's pictures (one per step that changed the picture; 50
#: containers made in 92 steps: 3.4 MB); the steps after have none
FRAME_BYTES = 8_000_000


def _netsim_version() -> str:
    try:
        return version("netsim")
    except PackageNotFoundError:  # a checkout on PYTHONPATH
        return "unknown"


def _picture(state: State) -> str:
    from netsim.diagram.layout import layout
    from netsim.diagram.svg import to_svg

    return to_svg(layout(state), css=False)  # the page has netsim.diagram.svg.CSS once


class _Frames:
    """The distinct pictures of a replay, and what each step made (``on_step`` of
    :func:`netsim.lab.run_script`). Pictures stop past ``limit`` containers or
    :data:`FRAME_BYTES` of them (the steps after have no frame: None)."""

    def __init__(self, limit: int, at: int | None = None, *, pictures: bool = True) -> None:
        self.limit = limit
        #: the line whose state is analysed (``at``), and that state once seen
        self.at = at
        self.at_state: State | None = None
        self.frames: list[str] = []
        self.size = 0
        self.steps: list[tuple[int | None, list[str], list[str]]] = []  # frame, made, nodes
        self.stopped = not pictures
        self._names: set[tuple[str, str, str]] = set()

    def __call__(self, lab: Lab, step: Step | None) -> None:
        if self.at is not None and (step is None or step.line <= self.at):
            # the state after the last step at or before the line (a snapshot a step: 3 ms
            # at 10,000 containers, README Speed)
            self.at_state = lab.state
        if self.stopped:
            if step is not None:
                self.steps.append((None, [], []))
            return
        state = lab.state
        if sum(len(hs.containers) for hs in state.hosts.values()) > self.limit:
            self.stopped = True
            if step is not None:
                self.steps.append((None, [], []))
            return
        picture = _picture(state)
        if not self.frames or self.frames[-1] != picture:
            if self.size + len(picture) > FRAME_BYTES:
                self.stopped = True
                self.steps.append((None, [], []))
                return
            self.frames.append(picture)
            self.size += len(picture)
        names = _names(state)
        if step is not None:
            made = sorted(names - self._names, key=lambda t: (t[0] != "network", t[2], t[1]))
            self.steps.append((len(self.frames) - 1, [f"{k} {n}" for k, _, n in made],
                               [_node(state, k, h, n) for k, h, n in made]))
        self._names = names


def _names(state: State) -> set[tuple[str, str, str]]:
    """(kind, host, name) of every container and user-defined network."""
    out = {("container", h, c) for h, hs in state.hosts.items() for c in hs.containers}
    out |= {("network", h, n.name) for h, hs in state.hosts.items()
            for n in hs.networks.values() if n.is_user_defined}
    return out


def _node(state: State, kind: str, host: str, name: str) -> str:
    """The picture's node of a container or network (a network's bar: its bridge, its
    segment on the parent NIC, or an overlay)."""
    from netsim.daemon.drivers import get as driver_of
    from netsim.diagram.layout import bar_node

    if kind == "container":
        return sandbox_node(host, name)
    net = state.hosts[host].networks[name]
    if driver_of(net.driver).attachment(net) == "overlay":
        return overlay_node(name)
    return bar_node(host, net)


def build_document(path: str, *, seed: int = 0, profile: EngineProfile | str | None = None,
                   format: str | None = None, only: Iterable[str] = (), strict: bool = False,
                   at: int | None = None, limit: int = LIMIT) -> dict[str, Any]:
    """The ``netsim-page/1`` document of the input ``path`` (any input ``netsim run`` reads,
    replayed as :func:`netsim.replay.replay_file` does; ``only``: shell-style patterns of the
    containers to show and analyse, the rest left out of the picture and the panels; ``at``: a
    script's line, the state after it analysed instead of the end's)."""
    from netsim.errors import InputError
    from netsim.io.inputs import input_format, read_input
    from netsim.replay import replay_file

    fmt = input_format(path, format)
    if at is not None and fmt != "script":
        raise InputError("--at", f"a {fmt} has no lines to stop at", got=str(at),
                         accepted="--at with a script")
    # with ``only`` no picture per step (a filtered picture of each would mislead, and the
    # setup may be large: a picture a step is a layout of the whole state)
    frames = _Frames(limit, at, pictures=not only)
    lab, steps = replay_file(path, seed=seed, profile=profile, format=format, strict=strict,
                             on_step=frames if fmt == "script" else None)
    lines = read_input(path).split("\n") if fmt != "inspect" and path != "-" else []
    if lines and lines[-1] == "":
        lines.pop()
    return document_of(lab, steps, title=path.rsplit("/", 1)[-1], source=path, fmt=fmt,
                       lines=lines, seed=seed, frames=frames, only=tuple(only), limit=limit,
                       state=frames.at_state, at=at)


def document_of(lab: Lab, steps: list[Step], *, title: str, source: str = "", fmt: str = "",
                lines: list[str] | None = None, seed: int = 0, frames: _Frames | None = None,
                only: tuple[str, ...] = (), limit: int = LIMIT, state: State | None = None,
                at: int | None = None) -> dict[str, Any]:
    """The document of a lab already replayed (``frames``: its script's pictures, if any;
    ``state``: the state to analyse, the lab's by default; ``at``: the line it is after)."""
    state = state if state is not None else lab.state
    keep = _kept(state, only)
    shown = _shown(state, keep) if only else state
    count = sum(1 for _ in shown.containers())
    pictures = list(frames.frames) if frames is not None and frames.frames else []
    summary: dict[str, Any] | None = None
    final_picture = ""
    if count > limit:
        summary = {"containers": count, "limit": limit, "how": (
            f"This setup has {count:,} containers; the page shows at most {limit:,} (the "
            f"flows and DNS answers of every pair grow as the square). Choose the containers "
            f"to show: netsim page {source or 'FILE'} --only 'web*' --only db -o page.html")}
        pictures = []  # (a script's first pictures: the start of a story the page cannot tell)
    else:
        final_picture = _picture(shown)
        if final_picture not in pictures:
            pictures.append(final_picture)
    step_rows = []
    for i, step in enumerate(steps):
        row = step.to_dict()
        if frames is not None and frames.frames and i < len(frames.steps):
            frame, made, nodes = frames.steps[i]
            frame = frame if pictures else None
        else:  # no picture a step (not a script, or --only): each shows the analysed one
            frame, made, nodes = (len(pictures) - 1 if pictures else None), [], []
        row.update(frame=frame, made=made, made_nodes=nodes)
        step_rows.append(row)
    doc: dict[str, Any] = {
        "schema": SCHEMA, "netsim": _netsim_version(), "engine": state.profile.name,
        "seed": seed, "title": title,
        "source": {"name": source, "format": fmt, "lines": list(lines or []),
                   "links": _links(state, step_rows, fmt, lines or [])},
        "steps": step_rows, "frames": pictures,
        "final": pictures.index(final_picture) if summary is None else None, "at": at,
        "summary": summary, "containers": [], "matrix": None, "flows": {}, "rules": {},
        "dns": {}, "notes": list(lab.notes),
    }
    if summary is not None:
        return doc
    from netsim.analysis.reach import matrix as all_pairs

    m = all_pairs(state).to_dict()
    labels = {label: c for label, c in _labelled(state)}
    m = _restricted(m, {lb for lb, c in labels.items() if (c.host, c.name) in keep})
    doc["matrix"] = m
    doc["containers"] = [_container(lb, labels[lb]) for lb in m["destinations"]]
    doc["flows"], doc["rules"] = _flows(state, shown, m, labels)
    kept = {lb: labels[lb] for lb in m["destinations"]}  # (the names of the kept ones only)
    doc["dns"] = _dns(state, [lb for lb, c in kept.items() if c.running], kept, seed)
    return doc


def _links(state: State, steps: list[dict[str, Any]], fmt: str, lines: list[str]
           ) -> list[dict[str, Any]]:
    """Each source line that made something, with the nodes of what it made: a script's
    steps' (``made_nodes``); in a Compose file, each service's key line with its containers
    and each network's with its bar (netsim.analysis.lint.origins.compose_key_line)."""
    links: dict[int, list[str]] = {}
    for row in steps:
        if row["made_nodes"]:
            links.setdefault(row["line"], []).extend(row["made_nodes"])
    if fmt == "compose":
        from netsim.analysis.lint.origins import compose_key_line

        text = "\n".join(lines)
        for c in state.containers():
            service = c.spec.Config.Labels.get("com.docker.compose.service")
            line = compose_key_line(text, "services", service) if service else 0
            if line:
                links.setdefault(line, []).append(sandbox_node(c.host, c.name))
        for h, hs in state.hosts.items():
            for net in hs.networks.values():
                key = net.labels.get("com.docker.compose.network")
                line = compose_key_line(text, "networks", key) if key else 0
                if line:
                    links.setdefault(line, []).append(_node(state, "network", h, net.name))
    return [{"line": n, "nodes": sorted(set(v))} for n, v in sorted(links.items())]


def _kept(state: State, only: tuple[str, ...]) -> set[tuple[str, str]]:
    """(host, name) of the containers ``only`` keeps (all without it)."""
    return {(c.host, c.name) for c in state.containers()
            if not only or any(fnmatch.fnmatchcase(c.name, p) for p in only)}


def _shown(state: State, keep: set[tuple[str, str]]) -> State:
    """The state with only the kept containers, and the networks they use (for the picture)."""
    hosts = {}
    for h, hs in state.hosts.items():
        containers = {n: c for n, c in hs.containers.items() if (h, n) in keep}
        used = {e.network for c in containers.values() for e in c.endpoints}
        networks = {n: net for n, net in hs.networks.items()
                    if net.name in used or not net.is_user_defined}
        hosts[h] = hs.model_copy(update={"containers": containers, "networks": networks})
    return state.model_copy(update={"hosts": hosts})


def _labelled(state: State) -> list[tuple[str, ContainerState]]:
    """Each container with its label in the matrix (HOST/NAME where names repeat)."""
    from netsim.analysis.reach.matrix import container_labels

    return [(label, c) for label, _h, c in container_labels(state)]


def _restricted(m: dict[str, Any], labels: set[str]) -> dict[str, Any]:
    """The matrix's rows and columns of the kept containers (and every vantage point)."""
    cols = [i for i, d in enumerate(m["destinations"]) if d in labels]
    rows = [(s, r) for s, r in zip(m["sources"], m["rows"], strict=True)
            if s in labels or s.startswith("@")]
    return {**m, "sources": [s for s, _ in rows],
            "destinations": [m["destinations"][i] for i in cols],
            "rows": ["".join(r[i] for i in cols) for _, r in rows]}


def _container(label: str, c: ContainerState) -> dict[str, Any]:
    return {
        "label": label, "name": c.name, "host": c.host, "node": sandbox_node(c.host, c.name),
        "image": c.spec.Config.Image, "status": c.status,
        "networks": [e.network for e in c.endpoints if not e.gateway_only],
        "addresses": [str(a.ip) for e in c.endpoints for a in (e.ipv4, e.ipv6)
                      if a is not None],
        "ports": list(c.exposed_ports),
    }


def _flows(state: State, shown: State, m: Mapping[str, Any],
           labels: Mapping[str, ContainerState]) -> tuple[dict[str, Any], dict[str, str]]:
    """Every pair's ping trace and one per port its destination exposes, each with its path
    on the final picture (:func:`netsim.diagram.layout.path_steps`). IPv4, as the matrix is
    (:func:`netsim.analysis.reach.matrix`). A hop's ``source`` is its rule's (trace.RULES):
    kept once per rule, in the second value, not in every hop (a third of the bytes)."""
    from netsim.analysis.reach import reach
    from netsim.diagram.layout import layout, path_steps

    lay = layout(shown)
    rules: dict[str, str] = {}
    out: dict[str, Any] = {}
    for src in m["sources"]:
        row: dict[str, Any] = {}
        for dst in m["destinations"]:
            services: dict[str, Any] = {}
            for key in ("ping", *labels[dst].exposed_ports):
                if key == "ping":
                    trace = reach(state, src, dst, family=4)
                else:
                    port, _, proto = key.partition("/")
                    trace = reach(state, src, dst, port=int(port),
                                  proto="udp" if proto == "udp" else "tcp", family=4)
                t = trace.to_dict()
                for hop in t["hops"]:
                    rules[hop["rule"]] = hop.pop("source")
                services[key] = {"trace": t, "path": [
                    {"points": [[_num(x), _num(y)] for x, y in p.points], "ok": p.ok}
                    for p in path_steps(lay, trace)]}
            row[dst] = services
        out[src] = row
    return out, dict(sorted(rules.items()))


def _num(v: float) -> float | int:
    """A coordinate as the SVG has it: one decimal, an integer when whole."""
    r = round(v, 1)
    return int(r) if r == int(r) else r


def _dns(state: State, clients: list[str], labels: Mapping[str, ContainerState],
         seed: int) -> dict[str, Any]:
    """Each running container's embedded DNS answer for every name a container, an alias or
    a link gives (``netsim dns --json``'s answer, and whether Docker reorders it on every
    query: a multi-address answer of the embedded server, libnetwork resolver.go
    handleIPQuery's rand.Shuffle)."""
    from netsim.analysis.dns import query

    names = sorted({c.name for c in labels.values()}
                   | {a for c in labels.values() for e in c.endpoints for a in e.aliases}
                   | {alias for c in labels.values() for _target, alias in c.legacy_links})
    rng = random.Random(seed)
    out: dict[str, Any] = {}
    for client in clients:
        answers = {}
        for name in names:
            a = query(state, client, name, rng=rng)
            answers[name] = {**a.to_dict(), "shuffle": a.answered_by == "embedded"
                             and len(a.addresses) > 1}
        out[client] = answers
    return out
