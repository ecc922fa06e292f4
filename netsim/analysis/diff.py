"""Plan against reality: what differs between two States of the same deployment (``netsim diff``).

Two inputs that describe one deployment (a script and the ``docker inspect`` dump of the host it
was typed on, a compose file and a scenario) never agree on what Docker draws at random or counts:
IDs, MAC addresses (random in real Docker), creation times, endpoint IDs, veth and bridge names,
interface indexes. :func:`diff_states` therefore compares only what a person declared or Docker
decided by rule: the networks (driver, subnets, flags, options, labels), the containers (status,
network mode, attachments, addresses, aliases, DNS names, published ports, legacy links), and, for
every pair of containers, who reaches whom, with the rule that decides it on each side
(:func:`netsim.analysis.reach.reach`'s deciding hop). The result, a :class:`StateDiff`, is a value
with two faces (``str()`` the report, :meth:`StateDiff.to_dict` the JSON), sorted by host, name
and field so that the same two inputs always give the same output.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from operator import itemgetter
from typing import Any, Literal

from netsim.analysis.reach import Proto, Trace, matrix, reach
from netsim.errors import InputError
from netsim.state import ContainerState, EndpointState, HostState, NetworkState, State

__all__ = ["SECTIONS", "Change", "ReachChange", "StateDiff", "Value", "deciding_rule",
           "diff_states"]

#: the report's sections, in the order they are printed
SECTIONS: tuple[str, ...] = ("hosts", "networks", "containers", "addresses", "aliases", "ports")

#: a compared value as reported: None where the object or key is absent on that side
Value = str | bool | tuple[str, ...] | None

Section = Literal["hosts", "networks", "containers", "addresses", "aliases", "ports"]


def _natural(text: str) -> tuple[tuple[int, int | str], ...]:
    """Natural order (``web2`` before ``web10``), as every listing of netsim sorts names."""
    return tuple((0, int(t)) if t.isdigit() else (1, t) for t in re.split(r"(\d+)", text) if t)


# the order fields are listed in, within one object (anything else after these, by name)
_FIELDS = ("present", "attached", "status", "network mode", "links", "driver", "internal",
           "attachable", "icc", "masquerade", "ipv4 subnets", "ipv4 ip ranges",
           "ipv4 gateways", "ipv6 subnets", "ipv6 ip ranges", "ipv6 gateways", "ipv4", "ipv6",
           "gateway", "aliases", "dns names", "published ports")


@dataclass(frozen=True, slots=True)
class Change:
    """One compared field that differs: where it is and its value on each side.

    ``container`` is None for a network's own fields; ``network`` names the network of an
    endpoint's field (and the network itself in the ``networks`` section).
    """

    section: Section
    host: str
    container: str | None
    network: str | None
    field: str
    a: Value
    b: Value

    def sort_key(self) -> tuple[Any, ...]:
        rank = _FIELDS.index(self.field) if self.field in _FIELDS else len(_FIELDS)
        return (SECTIONS.index(self.section), _natural(self.host),
                self.container is not None, _natural(self.container or ""),
                _natural(self.network or ""), rank, self.field)

    def where(self) -> str:
        """``HOST network NAME`` / ``HOST container NAME [on NETWORK]``."""
        if self.section == "hosts":
            return f"host {self.host}"
        if self.container is None:
            return f"{self.host} network {self.network}"
        on = f" on {self.network}" if self.network is not None else ""
        return f"{self.host} container {self.container}{on}"

    def line(self, a_name: str, b_name: str) -> str:
        return (f"{self.where()}: {self.field}: {a_name}: {_show(self.a)} / "
                f"{b_name}: {_show(self.b)}")

    def to_dict(self) -> dict[str, Any]:
        return {"section": self.section, "host": self.host, "container": self.container,
                "network": self.network, "field": self.field, "a": _json(self.a),
                "b": _json(self.b)}


@dataclass(frozen=True, slots=True)
class ReachChange:
    """A pair of containers whose verdict differs: the trace on each side (``trace.deciding``
    is the hop whose rule decided it)."""

    src_host: str
    src: str
    dst_host: str
    dst: str
    a: Trace
    b: Trace

    def sort_key(self) -> tuple[Any, ...]:
        return (_natural(self.src_host), _natural(self.src), _natural(self.dst_host),
                _natural(self.dst))

    def line(self, a_name: str, b_name: str, qualified: bool) -> str:
        src = f"{self.src_host}/{self.src}" if qualified else self.src
        dst = f"{self.dst_host}/{self.dst}" if qualified else self.dst
        return f"{src} -> {dst}: {a_name}: {_verdict(self.a)} / {b_name}: {_verdict(self.b)}"

    def to_dict(self) -> dict[str, Any]:
        return {"src_host": self.src_host, "src": self.src, "dst_host": self.dst_host,
                "dst": self.dst, "a": _side(self.a), "b": _side(self.b)}


def deciding_rule(trace: Trace) -> str:
    """The id of the rule that decided a flow (its last hop's; :data:`~netsim.analysis.reach.
    RULES` says where Docker documents it)."""
    return trace.deciding.rule if trace.hops else ""


def _verdict(t: Trace) -> str:
    word = "reachable" if t.delivered else "not reachable"
    return f"{word} [{t.disposition.value}] ({deciding_rule(t)})"


def _side(t: Trace) -> dict[str, Any]:
    last = t.hops[-1] if t.hops else None
    return {"reaches": t.delivered, "disposition": t.disposition.value,
            "rule": deciding_rule(t), "text": last.text if last else "",
            "trace": t.to_dict()}


def _show(v: Value) -> str:
    if v is None:
        return "(none)"
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, tuple):
        return ", ".join(v) if v else "(none)"
    return v


def _json(v: Value) -> Any:
    return list(v) if isinstance(v, tuple) else v


@dataclass(frozen=True, slots=True)
class StateDiff:
    """What differs between two States: field changes and reachability changes, sorted.

    ``str()`` is the report ``netsim diff`` prints, :meth:`to_dict` its JSON. ``hosts`` pairs
    each host of A with its counterpart in B (None where it has none); the counts say how much
    was compared (matched networks, matched containers, container pairs).
    """

    a_name: str
    b_name: str
    port: int | None
    proto: Proto
    hosts: tuple[tuple[str | None, str | None], ...]
    changes: tuple[Change, ...]
    reachability: tuple[ReachChange, ...]
    networks: int
    containers: int
    pairs: int
    #: whether what IPAM chose where A does not pin it was compared: always, never, or (None)
    #: except for what Compose created
    ipam: bool | None = True
    #: how many networks and containers had IPAM's choices left out
    unpinned: tuple[int, int] = (0, 0)
    #: hosts one side knows only by their address (a dump's hosts.yaml without their dump)
    unknown_hosts: tuple[str, ...] = ()

    @property
    def empty(self) -> bool:  # (what was not compared is said, not counted)
        """Nothing differs."""
        return not self.changes and not self.reachability

    def _qualified(self) -> bool:
        return len(self.hosts) > 1

    def lines(self) -> Iterator[str]:
        nets, ctrs = self.unpinned
        if nets or ctrs:
            why = ("" if self.ipam is False else
                   " (Compose creates them in an order Docker does not fix; --ipam compares them)")
            yield (f"not compared: the subnets and addresses IPAM chose for {nets} networks "
                   f"and {ctrs} containers {self.a_name} does not pin{why}")
        for h in self.unknown_hosts:
            yield f"not compared: {h}, known only by its address (no dump of it)"
        if self.empty:
            yield (f"no differences ({self.networks} networks, {self.containers} containers, "
                   f"{self.pairs} pairs compared)")
            return
        a, b = self.a_name, self.b_name
        for ha, hb in self.hosts:
            if ha is not None and hb is not None and ha != hb:
                yield (f"hosts matched: {ha} ({a}) is {hb} ({b}), the only host on each side; "
                       f"named {ha} below")
        for section in SECTIONS:
            rows = [c for c in self.changes if c.section == section]
            if rows:
                yield f"{section}:"
                yield from (f"  {c.line(a, b)}" for c in rows)
        if self.reachability:
            what = f"{self.port}/{self.proto}" if self.port is not None else "ping"
            yield f"reachability ({what}):"
            q = self._qualified()
            yield from (f"  {r.line(a, b, q)}" for r in self.reachability)
        yield (f"{len(self.changes) + len(self.reachability)} differences ({self.networks} "
               f"networks, {self.containers} containers, {self.pairs} pairs compared)")

    def __str__(self) -> str:
        return "\n".join(self.lines())

    def to_dict(self) -> dict[str, Any]:
        return {
            "a": self.a_name, "b": self.b_name, "empty": self.empty,
            "port": self.port, "proto": self.proto, "ipam": self.ipam,
            "unpinned": {"networks": self.unpinned[0], "containers": self.unpinned[1]},
            "unknown_hosts": list(self.unknown_hosts),
            "compared": {"networks": self.networks, "containers": self.containers,
                         "pairs": self.pairs},
            "hosts": [{"a": ha, "b": hb} for ha, hb in self.hosts],
            "changes": [c.to_dict() for c in self.changes],
            "reachability": [r.to_dict() for r in self.reachability],
        }


# --------------------------------------------------------------------------------------------
# Matching and comparing


def _match_hosts(a: State, b: State) -> list[tuple[str | None, str | None]]:
    """Hosts by name; a lone host on each side is the same host whatever its name (a script's
    default host is ``host``, a dump's is named after its file)."""
    if len(a.hosts) == 1 and len(b.hosts) == 1:
        return [(next(iter(a.hosts)), next(iter(b.hosts)))]
    pairs: list[tuple[str | None, str | None]] = [(n, n if n in b.hosts else None)
                                                  for n in a.hosts]
    pairs += [(None, n) for n in b.hosts if n not in a.hosts]
    pairs.sort(key=lambda p: _natural(p[0] if p[0] is not None else p[1] or ""))
    return pairs


class _Collector:
    def __init__(self) -> None:
        self.changes: list[Change] = []
        #: networks and containers whose IPAM choices were left out
        self.unpinned = [0, 0]

    def cmp(self, section: Section, host: str, container: str | None, network: str | None,
            field: str, a: Value, b: Value) -> None:
        if a != b:
            self.changes.append(Change(section, host, container, network, field, a, b))

    def cmp_dict(self, section: Section, host: str, network: str, prefix: str,
                 a: Mapping[str, str], b: Mapping[str, str]) -> None:
        for key in sorted(a.keys() | b.keys()):
            self.cmp(section, host, None, network, f"{prefix} {key}", a.get(key), b.get(key))


def _pools(net: NetworkState, version: int) -> tuple[tuple[str, ...], tuple[str, ...],
                                                    tuple[str, ...]]:
    """The subnets, ip ranges and gateways of one IP version, in address order."""
    subs = sorted((s for s in net.subnets if s.subnet.version == version),
                  key=lambda s: (int(s.subnet.network_address), s.subnet.prefixlen))
    return (tuple(str(s.subnet) for s in subs),
            tuple(str(s.ip_range) for s in subs if s.ip_range is not None),
            tuple(str(s.gateway) for s in subs if s.gateway is not None))


#: labels a tool computes from its own serialisation, which netsim does not reproduce: a
#: digest of Compose's view of the network (docker/compose pkg/compose/create.go
#: resolveOrCreateNetwork, api.ConfigHashLabel)
_UNREPRODUCED_LABELS = frozenset({"com.docker.compose.config-hash"})


#: the label Compose puts on every network and container it creates (pkg/api/labels.go)
_COMPOSE_PROJECT = "com.docker.compose.project"


def _skip_ipam(ipam: bool | None, labels: Mapping[str, str]) -> bool:
    """Whether IPAM's choices for an object of A are left out: ``--no-ipam``, or by default
    one Compose created."""
    return not ipam if ipam is not None else _COMPOSE_PROJECT in labels


def _compare_network(out: _Collector, host: str, na: NetworkState, nb: NetworkState, *,
                     ipam: bool | None) -> None:
    n = na.name
    out.cmp("networks", host, None, n, "driver", na.driver, nb.driver)
    skip = not any(s.user_subnet for s in na.subnets) and _skip_ipam(ipam, na.labels)
    out.unpinned[0] += skip
    for v in (4, 6):
        if skip:
            continue
        pa, pb = _pools(na, v), _pools(nb, v)
        for field, x, y in zip(("subnets", "ip ranges", "gateways"), pa, pb, strict=True):
            out.cmp("networks", host, None, n, f"ipv{v} {field}", x, y)
    for field in ("internal", "attachable", "icc", "masquerade"):
        out.cmp("networks", host, None, n, field, getattr(na, field), getattr(nb, field))
    # options compared as dicts, key by key: a default the engine writes (the predefined
    # bridge's) is written by both sides' engines alike
    out.cmp_dict("networks", host, n, "option", na.options, nb.options)
    out.cmp_dict("networks", host, n, "label",
                 {k: v for k, v in na.labels.items() if k not in _UNREPRODUCED_LABELS},
                 {k: v for k, v in nb.labels.items() if k not in _UNREPRODUCED_LABELS})


def _mode(hs: HostState, c: ContainerState) -> str:
    """The network mode, a ``container:`` target by its name (IDs differ between sides)."""
    mode = c.network_mode
    if not mode.startswith("container:"):
        return mode
    ref = mode.removeprefix("container:")
    for other in hs.containers.values():
        if ref and (other.id == ref or other.name == ref):
            return f"container:{other.name}"
    for other in hs.containers.values():
        if ref and other.id.startswith(ref):
            return f"container:{other.name}"
    return mode


def _ports(c: ContainerState) -> tuple[str, ...]:
    def show(ip: str, port: int) -> str:
        return f"[{ip}]:{port}" if ":" in ip else f"{ip}:{port}"

    maps = sorted({(m.container_port, m.proto, m.host_ip, m.host_port)
                   for m in c.port_mappings})
    return tuple(f"{show(ip, hp)}->{cp}/{pr}" for cp, pr, ip, hp in maps)


def _names(names: Iterable[str], c: ContainerState) -> tuple[str, ...]:
    """A set of names without the container's own short ID (it differs between sides)."""
    return tuple(sorted(set(names) - {c.short_id}, key=_natural))


def _endpoints(c: ContainerState) -> dict[str, EndpointState]:
    # docker_gwbridge's default-gateway endpoint is not in NetworkSettings.Networks: a dump
    # cannot show it, so it is not compared (reachability still sees it)
    return {e.network: e for e in c.endpoints if not e.gateway_only}


def _compare_container(out: _Collector, host: str, ha: HostState, hb: HostState,
                       ca: ContainerState, cb: ContainerState, *, ipam: bool | None) -> None:
    name = ca.name
    out.cmp("containers", host, name, None, "status", ca.state_string, cb.state_string)
    out.cmp("containers", host, name, None, "network mode", _mode(ha, ca), _mode(hb, cb))
    out.cmp("containers", host, name, None, "links",
            tuple(sorted(f"{t}:{al}" for t, al in set(ca.legacy_links))),
            tuple(sorted(f"{t}:{al}" for t, al in set(cb.legacy_links))))
    out.cmp("ports", host, name, None, "published ports", _ports(ca), _ports(cb))
    ea, eb = _endpoints(ca), _endpoints(cb)
    skip = _skip_ipam(ipam, ca.spec.Config.Labels)
    counted = 0
    # addresses and DNS names exist only while a container runs: where one side runs and the
    # other does not, the status says it once
    live = ca.running and cb.running
    for net in sorted(ea.keys() | eb.keys(), key=_natural):
        x, y = ea.get(net), eb.get(net)
        if x is None or y is None:
            out.cmp("containers", host, name, net, "attached", x is not None, y is not None)
            continue
        # Aliases without the short ID: engines before 26 added it there (moby#45922)
        out.cmp("aliases", host, name, net, "aliases", _names(x.config.Aliases, ca),
                _names(y.config.Aliases, cb))
        if not live:
            continue
        if x.config.ipv4_address is None and skip:
            out.unpinned[1] += counted == 0
            counted += 1
        if not skip or x.config.ipv4_address is not None:
            out.cmp("addresses", host, name, net, "ipv4", _str(x.ipv4), _str(y.ipv4))
        if not skip or x.config.ipv6_address is not None:
            out.cmp("addresses", host, name, net, "ipv6", _str(x.ipv6), _str(y.ipv6))
        if not skip or _pinned(ha, net):
            out.cmp("addresses", host, name, net, "gateway", _str(x.gateway),
                    _str(y.gateway))
        out.cmp("aliases", host, name, net, "dns names", _names(x.dns_names, ca),
                _names(y.dns_names, cb))


def _pinned(hs: HostState, network: str) -> bool:
    """Whether the plan gave the network's subnet (then its gateway is the plan's too)."""
    net = hs.networks.get(network)
    return net is not None and any(s.user_subnet for s in net.subnets)


def _str(v: object | None) -> str | None:
    return None if v is None else str(v)


def _compare_host(out: _Collector, host: str, ha: HostState, hb: HostState, *,
                  ipam: bool | None) -> tuple[int, int]:
    networks = containers = 0
    for n in sorted(ha.networks.keys() | hb.networks.keys(), key=_natural):
        na, nb = ha.networks.get(n), hb.networks.get(n)
        if na is None or nb is None:
            out.cmp("networks", host, None, n, "present", na is not None, nb is not None)
            continue
        networks += 1
        _compare_network(out, host, na, nb, ipam=ipam)
    for c in sorted(ha.containers.keys() | hb.containers.keys(), key=_natural):
        ca, cb = ha.containers.get(c), hb.containers.get(c)
        if ca is None or cb is None:
            out.cmp("containers", host, c, None, "present", ca is not None, cb is not None)
            continue
        containers += 1
        _compare_container(out, host, ha, hb, ca, cb, ipam=ipam)
    return networks, containers


# --------------------------------------------------------------------------------------------
# Reachability


def _labels(state: State, labels: Iterable[str]) -> dict[tuple[str, str], str]:
    """(host, name) -> the matrix's label for it: ``NAME``, or ``HOST/NAME`` where a name is on
    several hosts (a container name never holds ``/``)."""
    where: dict[str, str] = {}
    for hname, hs in state.hosts.items():
        for cname in hs.containers:
            where.setdefault(cname, hname)
    out: dict[tuple[str, str], str] = {}
    for label in labels:
        if "/" in label:
            hname, cname = label.rsplit("/", 1)
        else:
            hname, cname = where[label], label
        out[(hname, cname)] = label
    return out


def _rows(state: State, port: int | None, proto: Proto) -> tuple[dict[tuple[str, str], str],
                                                                 dict[str, str],
                                                                 dict[str, int]]:
    """The matrix of one side: labels by (host, name), rows by label, columns by label."""
    m = matrix(state, port=port, proto=proto, vantage=False)
    labels = _labels(state, m.destinations)
    return labels, dict(m.rows()), {d: j for j, d in enumerate(m.destinations)}


def _pick(indexes: list[int], row: str) -> tuple[str, ...]:
    if not indexes:
        return ()
    got = itemgetter(*indexes)(row)
    return (got,) if len(indexes) == 1 else tuple(got)


def _compare_reach(a: State, b: State, hosts: list[tuple[str | None, str | None]],
                   port: int | None, proto: Proto) -> tuple[list[ReachChange], int]:
    """Pairs whose verdict differs (the matrix finds them, :func:`reach` explains them) and the
    number of pairs compared: both ends on both sides, both running on at least one side."""
    common: list[tuple[str, str, str, ContainerState, ContainerState]] = []
    for ha, hb in hosts:
        if ha is None or hb is None:
            continue
        sa, sb = a.hosts[ha], b.hosts[hb]
        for name in sorted(sa.containers.keys() & sb.containers.keys(), key=_natural):
            common.append((ha, hb, name, sa.containers[name], sb.containers[name]))
    run_a = sum(1 for t in common if t[3].running)
    run_b = sum(1 for t in common if t[4].running)
    both = sum(1 for t in common if t[3].running and t[4].running)
    pairs = run_a * (run_a - 1) + run_b * (run_b - 1) - both * (both - 1)
    if not common:
        return [], pairs
    lab_a, rows_a, col_a = _rows(a, port, proto)
    lab_b, rows_b, col_b = _rows(b, port, proto)
    la = [lab_a[(ha, n)] for ha, _, n, _, _ in common]
    lb = [lab_b[(hb, n)] for _, hb, n, _, _ in common]
    ia, ib = [col_a[x] for x in la], [col_b[x] for x in lb]
    out: list[ReachChange] = []
    for i, (ha, _, src, ca, cb) in enumerate(common):
        ra, rb = _pick(ia, rows_a[la[i]]), _pick(ib, rows_b[lb[i]])
        if ra == rb:
            continue
        for j, (xa, yb) in enumerate(zip(ra, rb, strict=True)):
            if xa == yb or j == i:
                continue
            hd, _, dst, da, db = common[j]
            if not ((ca.running and da.running) or (cb.running and db.running)):
                continue
            ta = reach(a, la[i], la[j], port=port, proto=proto)
            tb = reach(b, lb[i], lb[j], port=port, proto=proto)
            out.append(ReachChange(ha, src, hd, dst, ta, tb))
    return out, pairs


# --------------------------------------------------------------------------------------------


def _proto(port: int | None, proto: str | None) -> tuple[int | None, Proto]:
    if port is not None and not 0 < port < 65536:
        raise InputError("diff", "port out of range", got=str(port), accepted="1-65535")
    if proto is not None and proto not in ("tcp", "udp", "icmp"):
        raise InputError("diff", "unknown protocol", got=proto, accepted="tcp, udp")
    if port is None or proto == "icmp":
        return None, "icmp"
    return port, "udp" if proto == "udp" else "tcp"


def diff_states(a: State, b: State, *, port: int | None = None, proto: str | None = None,
                a_name: str = "A", b_name: str = "B", ipam: bool | None = None) -> StateDiff:
    """Compare two States of one deployment; what differs, sorted by host, name and field.

    Hosts are matched by name (a lone host on each side whatever its names), networks and
    containers by name on their host. Never compared: IDs, MACs, creation times, endpoint IDs,
    veth/bridge names, interface indexes. Reachability is compared for every ordered pair of
    distinct containers on both sides, ICMP without ``port``, else ``port``/``proto`` (TCP
    unless ``"udp"``). Raises :class:`~netsim.errors.InputError` for a bad port or protocol.
    ``ipam`` False leaves out what IPAM chose where A does not pin it: the subnets of networks
    A creates without one, the addresses of endpoints A gives none; None (the default) leaves
    them out for what Compose created on A's side (Compose creates its networks ranging over a
    Go map, and a dependency level's containers concurrently: docker/compose v2.40.3
    pkg/compose/create.go ensureNetworks, convergence.go), so Docker does not fix them.

    >>> from netsim.lab import run_script
    >>> plan = run_script("docker run -d --name web nginx")[0].state
    >>> str(diff_states(plan, plan))
    'no differences (3 networks, 1 containers, 0 pairs compared)'
    """
    port, p = _proto(port, proto)
    hosts = _match_hosts(a, b)
    out = _Collector()
    networks = containers = 0
    unknown: list[str] = []
    for ha, hb in hosts:
        if ha is None or hb is None:
            name = ha if ha is not None else hb
            assert name is not None
            out.cmp("hosts", name, None, None, "present", ha is not None, hb is not None)
            continue
        if not (a.hosts[ha].known and b.hosts[hb].known):
            unknown.append(ha)  # a machine one side knows only by its address
            continue
        n, c = _compare_host(out, ha, a.hosts[ha], b.hosts[hb], ipam=ipam)
        networks, containers = networks + n, containers + c
    reach_changes, pairs = _compare_reach(a, b, hosts, port, p)
    return StateDiff(
        a_name=a_name, b_name=b_name, port=port, proto=p, hosts=tuple(hosts),
        changes=tuple(sorted(out.changes, key=Change.sort_key)),
        reachability=tuple(sorted(reach_changes, key=ReachChange.sort_key)),
        networks=networks, containers=containers, pairs=pairs, ipam=ipam,
        unpinned=(out.unpinned[0], out.unpinned[1]), unknown_hosts=tuple(unknown))
