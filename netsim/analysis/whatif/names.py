"""Names whose resolution a change turns over, found without asking every name of every
client (10,000 containers ask 10,000 names: 10⁸ questions).

What a running container's resolver answers for a name (an A query, :func:`netsim.analysis.dns.
query`) depends on three things only:

* the client's **embedded part**: its resolv.conf's first server and whether it is the
  embedded one, and its namespace's endpoints in libnetwork's order with their ``--link``
  aliases (:func:`netsim.analysis.dns.server.endpoints`);
* the **records** of the networks it is on (each network's table: name -> addresses), of
  which the first network that knows the name answers;
* for a name no network of its knows, the **forwarding**: whether the upstream servers are
  reached (from the container or its host), which gives every such name the answer netsim's
  internet gives it (or none). A name the internet does not resolve (one label, an unknown
  top-level domain …) resolves to nothing whether it is forwarded or not.

So a question can change only where one of these does: the tables a change rebuilt
(:func:`netsim.analysis.dns.server.derive_records` says which names changed in which table,
and who holds records there); the clients the change touched (their embedded part or their
forwarding compared before and after: a forwarding is one question, of a probe name only the
internet knows, :data:`PROBE`); and, when something every client's forwarding goes through
changes (a container holding an upstream server's address, a host-mode process or a
published 53/udp where a server is its host's address, a bridge whose subnet holds a server;
not the LAN as such: a macvlan child changes no other client's way to a server unless it holds
the server's address), every client's forwarding. Only those questions are asked, on both
sides.
"""

from __future__ import annotations

import ipaddress
import random
from collections.abc import Iterable, Iterator
from typing import NamedTuple

from netsim.analysis.dns import DnsAnswer, internet_answer, query, resolv_conf
from netsim.analysis.dns.resolv import host_servers
from netsim.analysis.dns.server import client_of, derive_records, endpoints, network_names
from netsim.analysis.index import TopologyIndex
from netsim.daemon.drivers import get as driver_of
from netsim.errors import InputError
from netsim.state import ContainerState, State

__all__ = ["PROBE", "Names", "asked_names", "tries"]

Key = tuple[str, str]

#: a name only netsim's internet knows (no container name starts with ``_``): what a client's
#: forwarding answers, for every such name alike
PROBE = "_netsim-whatif.com"


def tries(name: str) -> list[str]:
    """The names the embedded server looks up for ``name``, lower case (``a.b.c``: ``a.b.c``,
    then ``a.b`` on network ``c``, then ``a`` on ``b.c``: ``Sandbox.ResolveName``)."""
    name = name.removesuffix(".").lower()
    out = [name]
    rest = name
    while "." in rest:
        rest = rest[:rest.rindex(".")]
        out.append(rest)
    return out


def asked_names(c: ContainerState) -> set[str]:
    """The names a container brings to the questions: its name, its network aliases, its
    ``--link`` aliases (user-defined networks' and the legacy ones)."""
    out = {c.name}
    for ep in c.endpoints:
        out.update(ep.config.Aliases)
        out.update(_link_names(ep.config.Links))
    out.update(alias for _, alias in c.legacy_links)
    return {n for n in out if n}


def _link_names(links: Iterable[str]) -> Iterator[str]:
    for link in links:
        target, _, alias = link.partition(":")
        yield alias or target.lstrip("/")


class Names:
    """The names the containers of one State could ask, indexed by what the embedded server
    looks up (:func:`tries`), with those the internet resolves, and the upstream servers any
    client forwards to (the hosts' and ``--dns`` ones)."""

    def __init__(self, state: State | None = None) -> None:
        self.asked: set[str] = set()
        self.by_key: dict[str, set[str]] = {}
        self.internet: set[str] = set()
        self.servers: set[str] = set()
        if state is None:
            return
        for h in state.hosts:
            self.servers.update(host_servers(state, h))
        for c in state.containers():
            self.servers.update(c.spec.HostConfig.Dns)
            for name in asked_names(c):
                self._add(name)

    def _add(self, name: str) -> None:
        if name in self.asked:
            return
        self.asked.add(name)
        for key in tries(name):
            self.by_key.setdefault(key, set()).add(name)
        if internet_answer(name, "A")[1]:
            self.internet.add(name)

    def extended(self, containers: Iterable[ContainerState]) -> Names:
        """The names of ``containers`` that are new here (asked besides these)."""
        more = Names()
        for c in containers:
            more.servers.update(s for s in c.spec.HostConfig.Dns if s not in self.servers)
            for name in asked_names(c):
                if name not in self.asked:
                    more._add(name)
        return more


class Fingerprint(NamedTuple):
    """What a client's answers depend on besides the records: its resolver (first server,
    embedded or not), its endpoints in libnetwork's order with their ``--link`` aliases, and
    what its forwarding answers (:data:`PROBE`'s answer)."""

    resolver: tuple[tuple[str, ...], bool]
    networks: tuple[tuple[str, tuple[str, ...]], ...]
    forwarding: tuple[object, ...]


def _addresses(a: DnsAnswer | None) -> frozenset[str]:
    return frozenset(a.addresses) if a is not None else frozenset()


class NameQuestions:
    """The questions of one what-if: for each client (host, name), the names it asks."""

    def __init__(self, base: Names, extra: Names, before: State, after: State,
                 ix_before: TopologyIndex, ix_after: TopologyIndex) -> None:
        self.base, self.extra = base, extra
        self.states = (before, after)
        self.indexes = (ix_before, ix_after)
        self.qualified = len(before.hosts) > 1
        self.rng = random.Random(0)
        self.asks: dict[Key, set[str]] = {}
        self._fingerprints: dict[tuple[int, Key], Fingerprint | None] = {}

    def label(self, key: Key) -> str:
        return f"{key[0]}/{key[1]}" if self.qualified else key[1]

    def keyed(self, keys: Iterable[str]) -> set[str]:
        """The asked names that look up any of ``keys``."""
        out: set[str] = set()
        for k in keys:
            out |= self.base.by_key.get(k, set())
            out |= self.extra.by_key.get(k, set())
        return out

    def internet(self) -> set[str]:
        return self.base.internet | self.extra.internet

    def ask(self, key: Key, names: Iterable[str]) -> None:
        self.asks.setdefault(key, set()).update(names)

    def sharing(self, key: Key) -> set[Key]:
        """The clients sharing ``key``'s namespace on either side (itself included)."""
        out = {key}
        for ix in self.indexes:
            sb = ix.sandbox_of.get(key)
            if sb is not None:
                out.update((sb.host, c.name) for c in sb.containers)
        return out

    def links(self, key: Key) -> set[str]:
        """The ``--link`` aliases of client ``key``'s namespace (its owner's endpoints: a
        ``container:`` joiner asks through them), on either side."""
        out: set[str] = set()
        for state, ix in zip(self.states, self.indexes, strict=True):
            sb = ix.sandbox_of.get(key)
            hs = state.hosts.get(key[0])
            c = sb.containers[0] if sb is not None else (
                hs.containers.get(key[1]) if hs is not None else None)
            if c is not None:
                for ep in c.endpoints:
                    out.update(_link_names(ep.config.Links))
        return out

    def fingerprint(self, side: int, key: Key) -> Fingerprint | None:
        """Client ``key``'s fingerprint on one side (None: it does not run there)."""
        if (side, key) in self._fingerprints:
            return self._fingerprints[(side, key)]
        state = self.states[side]
        value: Fingerprint | None = None
        if self.runs(side, key):
            label = self.label(key)
            cl = client_of(state, label)
            assert cl.container is not None
            rc = resolv_conf(state, key[0], cl.container)
            probe = query(state, label, PROBE, rng=self.rng)
            value = Fingerprint(
                (rc.nameservers[:1], rc.embedded),
                tuple((e.network, tuple(e.config.Links)) for e in endpoints(cl)),
                (probe.rcode, probe.rule, probe.server, probe.records, probe.reason))
        self._fingerprints[(side, key)] = value
        return value

    def own(self, key: Key) -> None:
        """Client ``key`` was touched: what of its answers may change. Where only the order
        of its networks changed, only a name two of them know can; where its networks
        changed, a name one of those knows too; where its resolver changed, any."""
        fb, fa = self.fingerprint(0, key), self.fingerprint(1, key)
        if fb is None and fa is None:
            return
        if fb is None or fa is None or fb[:2] != fa[:2]:
            whole = fb is None or fa is None or fb.resolver != fa.resolver
            sides = [set(f.networks) if f is not None else set() for f in (fb, fa)]
            known: set[str] = set()
            for side, state in enumerate(self.states):
                counted: dict[str, int] = {}
                for network, links in sides[side]:
                    names = network_names(state, key[0], network)
                    if whole or (network, links) not in sides[1 - side]:
                        known.update(names)
                    for n in names:
                        counted[n] = counted.get(n, 0) + 1
                known.update(n for n, k in counted.items() if k > 1)  # (order decides)
            self.ask(key, self.keyed(known) | self.links(key))
        if fb is None or fa is None or fb.forwarding != fa.forwarding:
            self.ask(key, self.internet())

    def runs(self, side: int, key: Key) -> bool:
        hs = self.states[side].hosts.get(key[0])
        c = hs.containers.get(key[1]) if hs is not None else None
        return c is not None and c.running

    def answer(self, side: int, key: Key, name: str) -> DnsAnswer | None:
        if not self.runs(side, key):
            return None
        try:
            return query(self.states[side], self.label(key), name, rng=self.rng)
        except InputError:  # (a client that does not run: fingerprint says so first)
            return None

    def changes(self) -> Iterator[tuple[Key, str, DnsAnswer | None, DnsAnswer | None]]:
        """Each question whose answer's addresses differ: (client, name, before, after)."""
        for key, names in self.asks.items():
            if not self.runs(0, key) and not self.runs(1, key):
                continue
            for name in names:
                b, a = self.answer(0, key, name), self.answer(1, key, name)
                if _addresses(b) != _addresses(a):
                    yield key, name, b, a

    @property
    def count(self) -> int:
        return sum(len(v) for v in self.asks.values())


def name_questions(base: Names, before: State, after: State, ix_before: TopologyIndex,
                   ix_after: TopologyIndex, touched: set[Key], networks: set[Key], *,
                   everyone: bool) -> NameQuestions:
    """The questions whose answers may differ between ``before`` and ``after`` (see the
    module's docstring). ``touched``: the containers whose namespaces changed (and those
    sharing them); ``networks``: the networks that changed; ``everyone``: something every
    client's forwarding may go through changed (or the index was built in full)."""
    changed = [c for state in (before, after) for h, n in touched
               if h in state.hosts and (c := state.hosts[h].containers.get(n)) is not None]
    extra = base.extended(changed)
    q = NameQuestions(base, extra, before, after, ix_before, ix_after)
    tables = derive_records(before, after, touched, networks)
    for lowered, holders in tables.values():
        names = q.keyed(lowered)
        for holder in holders:
            for key in q.sharing(holder):
                q.ask(key, names | q.links(key))
    everyone = everyone or _through_upstream(base, extra, before, after, touched, networks)
    clients = touched
    if everyone:
        clients = {(h, c.name) for state in (before, after) for h, hs in state.hosts.items()
                   for c in hs.containers.values() if c.running}
    for key in clients:
        q.own(key)
    return q


def _through_upstream(base: Names, extra: Names, before: State, after: State,
                      touched: set[Key], networks: set[Key]) -> bool:
    """Whether a change may alter how clients that were not touched reach their upstream
    servers: a touched container holds a server's address, or runs in its host's namespace
    (a ``container:`` joiner of such a one is touched with it) or publishes 53/udp where a
    server is one of that host's addresses; a changed bridge network's subnet holds a
    server's address."""
    servers = set()
    for text in base.servers | extra.servers:
        try:
            servers.add(ipaddress.ip_address(text))
        except ValueError:
            continue
    hosted: dict[str, bool] = {}  # host -> whether a server is one of its addresses

    def serves(state: State, host: str) -> bool:
        if host not in hosted:
            hs = state.hosts[host]
            mine = {hs.host.address} | {s.gateway for n in hs.networks.values()
                                        for s in n.subnets}
            hosted[host] = bool(servers & mine)
        return hosted[host]

    for state in (before, after):
        for h, n in touched:
            hs = state.hosts.get(h)
            c = hs.containers.get(n) if hs is not None else None
            if c is None:
                continue
            if (c.network_mode == "host" or any(m.container_port == 53 and m.proto == "udp"
                                                for m in c.port_mappings)) and serves(state, h):
                return True
            for ep in c.endpoints:
                for iface in (ep.ipv4, ep.ipv6):
                    if iface is not None and iface.ip in servers:
                        return True
        for h, n in networks:
            net = state.hosts[h].networks.get(n) if h in state.hosts else None
            # (only a bridge's subnet is routed by the host: a macvlan, ipvlan or overlay
            # network on the LAN's subnet changes nobody's way out but its members')
            if net is not None and driver_of(net.driver).attachment(net) == "bridge" and any(
                    ip in s.subnet for s in net.subnets for ip in servers
                    if ip.version == s.subnet.version):
                return True
    return False
