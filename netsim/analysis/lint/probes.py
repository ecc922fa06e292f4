"""Lint rules about what a script tries: probes and expectations that show the author expected
a path Docker does not give (a macvlan container talking to its own host, a container name
used on the default bridge).

The probes are the replay's steps: ``docker exec C PROGRAM ARGS…``, lines typed in a
container's shell, and lines typed on a Docker host; an argument names a target when it is an
address or name, or a URL's host (``http://web:8080/``). The verdicts are netsim's own
(:func:`netsim.analysis.reach.reach`, :func:`netsim.analysis.dns.lookup`) on the final State.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass

from netsim.analysis.lint.context import MACVLAN_DRIVERS, Context
from netsim.analysis.reach import Disposition
from netsim.state import ContainerState

__all__ = ["Probe", "default_bridge_names", "macvlan_host", "probes"]

#: the host part of an argument: ``ADDR``, ``NAME:PORT``, ``http://user@NAME:8080/path``
_TARGET = re.compile(r"^(?:[A-Za-z][\w+.-]*://)?(?:[^@/\s]*@)?(?P<host>[^:/\s\[\]]+)")


@dataclass(frozen=True, slots=True)
class Probe:
    """One command a script ran: where (a container, or None for the Docker host itself),
    on which host, at which line, and the words that may name a target."""

    line: int
    host: str
    container: ContainerState | None
    targets: tuple[str, ...]


def _targets(words: tuple[str, ...]) -> tuple[str, ...]:
    """The words that may name a target; a word holding a command line (``sh -c "ping -c 1
    db"``) is read as the words of that line."""
    import shlex

    out: list[str] = []
    for w in words:
        if any(ch.isspace() for ch in w):
            try:
                inner = tuple(shlex.split(w))
            except ValueError:
                inner = tuple(w.split())
            out.extend(_targets(inner))
            continue
        m = _TARGET.match(w)
        if m is not None and not w.startswith("-"):
            out.append(m.group("host"))
    return tuple(out)


def probes(ctx: Context) -> Iterator[Probe]:
    """The probes of the replay, in order."""
    for read in ctx.steps:
        step, argv = read.step, read.argv
        if not argv:
            continue
        hs = ctx.state.hosts.get(step.host)
        if hs is None:
            continue
        if step.where.startswith("container:"):
            c = hs.containers.get(step.where.removeprefix("container:"))
            if c is not None:
                yield Probe(step.line, step.host, c, _targets(argv[1:]))
            continue
        if argv[0] != "docker":
            if argv[0] != "docker-compose":
                yield Probe(step.line, step.host, None, _targets(argv[1:]))
            continue
        parsed = read.docker
        if parsed is None or parsed[0] != "exec" or len(parsed[2]) < 2:
            continue
        ref = parsed[2][0]
        c = hs.containers.get(ref) or next(
            (x for x in hs.containers.values() if ref and x.id.startswith(ref)), None)
        if c is not None:
            yield Probe(step.line, step.host, c, _targets(parsed[2][2:]))


def _macvlan(ctx: Context, c: ContainerState) -> tuple[str, str] | None:
    """The macvlan/ipvlan network (with a parent NIC) of a container and its parent, if any."""
    nets = ctx.state.hosts[c.host].networks
    for e in c.endpoints:
        n = nets.get(e.network)
        if n is not None and n.driver in MACVLAN_DRIVERS and n.options.get("parent"):
            return n.name, n.options["parent"]
    return None


def _shims(ctx: Context) -> dict[tuple[str, str], int]:
    """The macvlan/ipvlan interfaces the script gave a Docker host on a parent NIC, by (host,
    parent), with the first line that did: ``ip link add mv-shim link eth0 type macvlan mode
    bridge`` typed on the host. That is the documented way for a host to talk to its own
    macvlan containers (moby daemon/libnetwork/docs/macvlan.md; docs network/drivers/
    macvlan.md), which netsim does not simulate (its reach still answers
    MACVLAN_HOST_ISOLATION): a probe after it is what the author meant to work."""
    out: dict[tuple[str, str], int] = {}
    for read in ctx.steps:
        step, argv = read.step, list(read.argv)
        if step.where.startswith("container:") or not argv:
            continue
        if argv[0] == "sudo":
            argv = argv[1:]
        if len(argv) < 3 or argv[0] != "ip" or argv[1] not in ("link", "l", "li", "lin") \
                or argv[2] not in ("add", "a", "ad"):
            continue
        rest = argv[3:]
        kind = parent = None
        for i, word in enumerate(rest[:-1]):
            if word == "type":
                kind = rest[i + 1]
            elif word == "link":
                parent = rest[i + 1]
        if kind in MACVLAN_DRIVERS and parent is not None:
            out.setdefault((step.host, parent), step.line)
    return out


def macvlan_host(ctx: Context) -> None:
    """``macvlan-host-isolation``: a probe between a macvlan/ipvlan container and its own
    Docker host (either way), or an expectation that one reaches the other. The kernel keeps
    a macvlan parent and its children apart (moby daemon/libnetwork/docs/macvlan.md: "the
    containers can NOT ping the underlying host interfaces"; moby/libnetwork#1915; docs:
    network/drivers/ipvlan.md says the same of ipvlan); netsim's reach gives
    MACVLAN_HOST_ISOLATION."""
    from netsim.analysis.reach import reach

    seen: set[tuple[int, str]] = set()
    shims = _shims(ctx)

    def add(line: int, host: str, subject: str, why: str, parent: str = "eth0") -> None:
        shim = shims.get((host, parent))
        if shim is not None and shim < line:
            return  # the host has its own macvlan interface on that parent by then
        if (line, subject) in seen:
            return
        seen.add((line, subject))
        ctx.add("macvlan-host-isolation", (line, ctx.origins.where(line)), host, subject,
                why + ": the kernel keeps a macvlan/ipvlan parent and its children apart, both "
                "ways",
                f"give the host its own macvlan interface on the same parent (ip link add "
                f"mv-shim link {parent} type macvlan mode bridge, an address and a route to "
                "the containers' range), or talk to the container from another machine or "
                "over a bridge network")

    for p in probes(ctx):
        hs = ctx.state.hosts[p.host]
        address = str(hs.host.address) if hs.host.address is not None else None
        if p.container is not None:
            found = _macvlan(ctx, p.container)
            if found is None or address is None or address not in p.targets:
                continue
            net, parent = found
            who = ctx.shown(p.host, p.container.name)
            if p.container.running:
                t = reach(ctx.state, ctx.label(p.host, p.container.name), address)
                if t.disposition is not Disposition.MACVLAN_HOST_ISOLATION:
                    continue
            add(p.line, p.host, f"{who} -> @{p.host} ({address})",
                f"{who} is on {net}, a child of {p.host}'s own NIC, and probes {p.host}'s "
                f"address {address} (netsim: MACVLAN_HOST_ISOLATION)", parent)
            continue
        for c in hs.containers.values():
            found = _macvlan(ctx, c)
            if found is None:
                continue
            net, parent = found
            for e in c.endpoints:
                ip = str(e.ipv4.ip) if e.ipv4 is not None else None
                if e.network != net or ip is None or ip not in p.targets:
                    continue
                t = reach(ctx.state, f"@{p.host}", ip)
                if t.disposition is Disposition.MACVLAN_HOST_ISOLATION:
                    add(p.line, p.host, f"@{p.host} -> {ctx.shown(c.host, c.name)} ({ip})",
                        f"{p.host} probes {ip}, its own macvlan container {c.name} on {net} "
                        "(netsim: MACVLAN_HOST_ISOLATION)", parent)
    for r in ctx.checks:
        exp = r.expectation
        if exp.kind == "reach" and not exp.negate and \
                r.outcome == Disposition.MACVLAN_HOST_ISOLATION.value:
            host = _host_of(ctx, exp.src)
            hs = ctx.state.hosts[host]
            parent = next((found[1] for ref in (exp.src, exp.target)
                           if (end := hs.containers.get(ref.rpartition("/")[2])) is not None
                           and (found := _macvlan(ctx, end)) is not None), "eth0")
            add(r.line, host, exp.text,
                f"the expectation '{exp.text}' asks a macvlan/ipvlan container and its own "
                "host to talk (netsim: MACVLAN_HOST_ISOLATION)", parent)


def _host_of(ctx: Context, src: str) -> str:
    """The Docker host a vantage point or container label stands for (else the first)."""
    first = next(iter(ctx.state.hosts))
    if src.startswith("@") and src[1:] in ctx.state.hosts:
        return src[1:]
    host, sep, _ = src.partition("/")
    if sep and host in ctx.state.hosts:
        return host
    return next((h for h, hs in ctx.state.hosts.items() if src in hs.containers), first)


def _no_dns(ctx: Context, c: ContainerState) -> bool:
    """The container is on networks, none of them user-defined: its resolver is the host's,
    which knows no container names (docs: network/drivers/bridge.md, "Differences between
    user-defined bridges and the default bridge")."""
    if c.spec.HostConfig.NetworkMode in ("host", "none") or \
            c.spec.HostConfig.NetworkMode.startswith("container:"):
        return False
    nets = ctx.state.hosts[c.host].networks
    eps = [e for e in c.endpoints if e.network in nets]
    return bool(eps) and all(nets[e.network].predefined for e in eps)


def _hosts_names(c: ContainerState) -> set[str]:
    """The names a container's ``/etc/hosts`` gives (lower case): a legacy link's alias and
    the linked container's name (``<ip> <alias> <hostname> <name>``: daemon/
    container_operations_unix.go addLegacyLinks; docs: network/links.md) and each
    ``--add-host NAME:IP``. What netsim's resolver answers while the container runs, for one
    that does not."""
    names = {n.lower() for link in c.legacy_links for n in link}
    for entry in c.spec.HostConfig.ExtraHosts:
        names.update(n.lower() for n in re.split(r"[:=]", entry, maxsplit=1)[0].split())
    return names


def default_bridge_names(ctx: Context) -> None:
    """``default-bridge-dns``: a container on the default bridge only that uses another
    container's name (a probe, or an expectation that it resolves or reaches it) which does
    not resolve there. Docker's embedded DNS serves user-defined networks only (daemon/
    network.go: the default bridge's endpoints have resolution disabled; docs:
    network/tutorials/standalone.md, ``ping alpine2`` → bad address); netsim's resolver
    (:func:`netsim.analysis.dns.lookup`) finds no address."""
    from netsim.analysis.dns import lookup

    rng = random.Random(0)
    seen: set[tuple[int, str]] = set()

    def check(line: int, c: ContainerState, name: str) -> None:
        hs = ctx.state.hosts[c.host]
        if name == c.name or name not in hs.containers or not _no_dns(ctx, c):
            return
        if c.running and lookup(ctx.state, ctx.label(c.host, c.name), name, rng=rng).ok:
            return
        if not c.running and name.lower() in _hosts_names(c):
            return  # its /etc/hosts will have it, once it runs again
        who = ctx.shown(c.host, c.name)
        subject = f"{who} -> {name}"
        if (line, subject) in seen:
            return
        seen.add((line, subject))
        ctx.add("default-bridge-dns", (line, ctx.origins.where(line)), c.host, subject,
                f"{who} is only on the default bridge, whose containers ask the host's "
                f"nameservers: Docker's embedded DNS serves user-defined networks only, so "
                f"the container name {name} does not resolve there",
                f"put both on a user-defined network (docker network create app; docker "
                f"network connect app {c.name}; docker network connect app {name}) and use "
                f"the name {name}")

    for p in probes(ctx):
        if p.container is not None:
            for t in p.targets:
                check(p.line, p.container, t)
    for r in ctx.checks:
        exp = r.expectation
        if exp.negate or r.ok or exp.kind not in ("reach", "resolve"):
            continue
        host = _host_of(ctx, exp.src)
        c = ctx.state.hosts[host].containers.get(exp.src.rpartition("/")[2])
        if c is not None:
            check(r.line, c, exp.target)
