"""Lint rules about published ports: collisions, ports Docker discards or cannot publish, and
database or admin ports open to every interface or to the internet.

Where a port can be reached from is netsim's own reachability (:func:`netsim.analysis.reach.
reach` and :func:`~netsim.analysis.reach.matrix` from the ``@internet`` vantage point), never
a rule of this module.
"""

from __future__ import annotations

from netsim.analysis.lint.context import MACVLAN_DRIVERS, Binding, Context
from netsim.analysis.reach import Matrix, Trace
from netsim.state import ContainerState

__all__ = ["conflicts", "exposure", "ignored"]

_EVERY = frozenset({"0.0.0.0", "::"})


def _mode(c: ContainerState) -> str:
    """``host``, ``none``, ``container`` or ``network`` (a bridge, macvlan … network)."""
    mode = c.spec.HostConfig.NetworkMode
    if mode in ("host", "none"):
        return mode
    return "container" if mode.startswith("container:") else "network"


def _effective(ctx: Context, c: ContainerState) -> bool:
    """Docker programs the container's published ports: it is on networks, one of which gives
    a gateway endpoint that is not macvlan/ipvlan (docs: network/port-publishing.md; macvlan
    and ipvlan have no port mapper, an internal network no gateway endpoint)."""
    if _mode(c) != "network":
        return False
    net = ctx.port_network(c)
    return net is not None and net.driver not in MACVLAN_DRIVERS


def ignored(ctx: Context) -> None:
    """``publish-host-network``, ``publish-internal-network`` and ``macvlan-publish``: ``-p``
    or ``-P`` that publish nothing.

    * host network: the daemon discards them with a warning ("Published ports are discarded
      when using host network mode", moby daemon/daemon_unix.go verifyPlatformContainerSettings;
      docs: network/drivers/host.md);
    * only ``--internal`` networks: no endpoint is the gateway endpoint, and the bridge driver
      programs port mappings only on it (daemon/libnetwork/drivers/bridge/bridge_linux.go
      ProgramExternalConnectivity; docs: network/drivers/bridge.md ``--internal``);
    * macvlan/ipvlan as the gateway network: no port mapper, no iptables rules (docs:
      network/packet-filtering-firewalls.md).
    """
    for c in ctx.containers():
        if not ctx.publishes(c):
            continue
        who = ctx.shown(c.host, c.name)
        asked = _asked(c)
        mode = _mode(c)
        if mode == "host":
            heard = ctx.listening(c)
            listens = (f"; it listens on {', '.join(heard)} of every address of {c.host} "
                       "itself" if heard else "")
            ctx.add("publish-host-network", ctx.at_container(c), c.host, f"{who} {asked}",
                    f"with --network host Docker discards published ports (it warns: "
                    f"\"Published ports are discarded when using host network mode\"): the "
                    f"container's programs bind {c.host}'s own ports directly{listens}",
                    "drop -p/-P (the program's port is already the host's); to choose the host "
                    "port or its address, run it on a bridge network with -p instead")
            continue
        if mode != "network" or not c.endpoints:
            continue
        net = ctx.port_network(c)
        if net is None:
            joined = ctx.networks_of(c)
            if not joined or not all(n.internal for n in joined):
                continue  # (networks a dump does not describe: nothing to say)
            names = ", ".join(n.name for n in joined)
            outer = next((n.name for n in sorted(ctx.state.hosts[c.host].networks.values(),
                                                 key=lambda n: n.name)
                          if not n.predefined and not n.internal
                          and n.driver not in MACVLAN_DRIVERS), None)
            connect = (f"docker network connect {outer} {c.name}" if outer is not None else
                       f"docker network create front; docker network connect front {c.name}")
            ctx.add("publish-internal-network", ctx.at_container(c), c.host, f"{who} {asked}",
                    f"{who} is only on --internal networks ({names}): none gives it a "
                    "gateway endpoint, and Docker publishes ports only through that one, so "
                    f"nothing listens on {c.host}'s port{_verdict(ctx, c)}",
                    f"connect {c.name} to a non-internal network as well ({connect}: it "
                    f"carries the published ports), or drop -p if only containers on {names} "
                    "use it")
        elif net.driver in MACVLAN_DRIVERS:
            addr = next((str(e.ipv4.ip) for e in c.endpoints
                         if e.network == net.name and e.ipv4 is not None), "")
            at, own = (f" at {addr}", f" ({addr})") if addr else ("", "")
            ctx.add("macvlan-publish", ctx.at_container(c), c.host, f"{who} {asked}",
                    f"{who}'s ports go out through the {net.driver} network {net.name}, which "
                    "has no port mapper: Docker ignores -p/-P there; the container is a machine "
                    f"of its own on the LAN{at}, and its own host {c.host} cannot reach it at "
                    "all (macvlan isolation)",
                    f"drop -p/-P and reach it at its own address{own} from other machines; to "
                    "publish ports on the host, put it on a bridge network instead")


def _asked(c: ContainerState) -> str:
    """The ``-p``/``-P`` a container was given, as typed in spirit (``-p 8080:80``)."""
    words = []
    for key, b in c.spec.HostConfig.port_bindings():
        port, _, proto = key.partition("/")
        parts = [f"[{b.HostIp}]" if ":" in b.HostIp else b.HostIp] if b.HostIp else []
        if b.HostIp or b.HostPort:
            parts.append(b.HostPort)
        parts.append(port if proto in ("", "tcp") else key)
        words.append("-p " + ":".join(parts))
    if c.spec.HostConfig.PublishAllPorts:
        words.append("-P")
    return " ".join(words)


def _verdict(ctx: Context, c: ContainerState) -> str:
    """What netsim's ``@internet`` gets at the first explicit host port (for a running
    container), as ``; netsim: …``."""
    from netsim.analysis.reach import reach

    if not c.running:
        return ""
    for b in ctx.bindings(c):
        if b.host_port is not None:
            t = reach(ctx.state, "@internet", f"@{c.host}", port=b.host_port,
                      proto="udp" if b.proto == "udp" else "tcp")
            return f" (netsim: @internet to {c.host}:{b.host_port}/{b.proto} is " \
                   f"{t.disposition.value})"
    return ""


def _family(ip: str) -> int:
    return 6 if ":" in ip else 4


def _clash(a: Binding, b: Binding) -> bool:
    """Two claims on one host port: the same port and protocol, on the same address or on
    every address of its family (0.0.0.0 against 127.0.0.1 too: docs network/port-publishing
    .md; libnetwork portallocator)."""
    if a.host_port is None or a.host_port != b.host_port or a.proto != b.proto:
        return False
    return any(_family(x) == _family(y) and (x == y or x in _EVERY or y in _EVERY)
               for x in a.ips for y in b.ips)


def _claims(ctx: Context, c: ContainerState) -> list[tuple[Binding, bool]]:
    """The host ports a container takes: its published ports with an explicit host port
    (where Docker programs them), or for a host-network container the ports its programs
    listen on, on every address (the flag: a host-network listener). A container stopped
    for good (:meth:`Context.active`: not ``--restart always``) takes none: Docker releases
    its ports when it stops (daemon/container_operations.go releaseNetwork), and the one
    that replaced it (blue/green, a new version) is the one meant to hold them."""
    if not ctx.active(c):
        return []
    if _mode(c) == "host":
        out = []
        for key in ctx.listening(c):
            number, _, proto = key.partition("/")
            out.append((Binding(int(number), proto, _EVERY, int(number)), True))
        return out
    if not _effective(ctx, c):
        return []
    return [(b, False) for b in ctx.bindings(c) if b.host_port is not None]


def conflicts(ctx: Context) -> None:
    """``port-conflict``: two containers of one host that claim the same host address, port
    and protocol (running, created, or stopped with ``--restart always``). Only one of them
    can run: the second to start fails ("Bind for 0.0.0.0:8080 failed: port is already
    allocated", daemon/libnetwork/portallocator; a host-network program finds the port
    taken: "address already in use")."""
    by_host: dict[str, list[ContainerState]] = {}
    for c in ctx.containers():
        by_host.setdefault(c.host, []).append(c)
    for cs in by_host.values():
        seen: dict[tuple[int | None, str], list[tuple[ContainerState, Binding, bool]]] = {}
        for c in cs:
            for b, hostnet in _claims(ctx, c):
                same = seen.setdefault((b.host_port, b.proto), [])
                rivals = [(o, ob, oh) for o, ob, oh in same if o.id != c.id and _clash(ob, b)]
                if rivals:
                    _conflict(ctx, c, b, hostnet, rivals)
                same.append((c, b, hostnet))


def _conflict(ctx: Context, c: ContainerState, b: Binding, hostnet: bool,
              rivals: list[tuple[ContainerState, Binding, bool]]) -> None:
    who = ctx.shown(c.host, c.name)

    def claim(o: ContainerState, ob: Binding, oh: bool) -> str:
        what = (f"listens on {ob.port}/{ob.proto} of every address (host network)" if oh
                else f"publishes {ob.shown()}")
        return f"{ctx.shown(o.host, o.name)} ({o.state_string}) {what}"

    mine = (f"{who} ({c.state_string}) listens on {b.port}/{b.proto} of every address (host "
            "network)" if hostnet else f"{who} ({c.state_string}) publishes {b.shown()}")
    others = "; ".join(claim(*r) for r in rivals)
    first = rivals[0][0].name
    subject = (f"{who} {b.port}/{b.proto} (host network)" if hostnet
               else f"{who} {b.shown()}")
    ctx.add("port-conflict", ctx.at_container(c), c.host, subject,
            f"{mine}, but {others}: Docker host {c.host} binds an address and port once, so "
            "only one of them can run; the second to start fails (\"port is already "
            "allocated\", or \"address already in use\" for a host-network program)",
            f"publish {c.name} on another host port (-p {(b.host_port or 0) + 1}:{b.port}), "
            f"or remove the container that is not needed (docker rm -f {first})"
            if not hostnet else
            f"change the port the host-network program of {c.name} listens on, or publish "
            f"the other container on another host port")


def exposure(ctx: Context) -> None:
    """``publish-all-interfaces`` and ``internet-reachable``: a database or admin port
    (:data:`~netsim.analysis.lint.context.PRIVATE_PORTS`, when the container's image listens
    on it) published on every interface of the host, or reached by netsim's ``@internet``
    (``reach`` to the host's published port; the ``@internet`` row of ``matrix`` for a
    host-network container). Published ports bypass the host's INPUT firewall, ufw included
    (docs: network/packet-filtering-firewalls.md)."""
    from netsim.analysis.reach import matrix, reach

    matrices: dict[int, Matrix] = {}
    for c in ctx.containers():
        who = ctx.shown(c.host, c.name)
        if _mode(c) == "host":
            if not c.running:
                continue
            for key in ctx.listening(c):
                number, _, proto = key.partition("/")
                service = ctx.private_service(c, int(number), proto)
                if service is None:
                    continue
                port = int(number)
                m = matrices.get(port)
                if m is None:
                    m = matrices[port] = matrix(ctx.state, port=port)
                if _reaches(m, c):
                    ctx.add("internet-reachable", ctx.at_container(c), c.host,
                            f"{who} {key} (host network)",
                            f"{who} ({ctx.image(c)}) serves {service} on {port}/tcp of every "
                            f"address of {c.host} (host network), and netsim's @internet "
                            f"reaches it (netsim matrix --port {port}: @internet row)",
                            f"make {service} listen on 127.0.0.1 only (its own configuration), "
                            "or run it on a bridge network without publishing the port")
            continue
        if not _effective(ctx, c):
            continue
        for b in ctx.bindings(c):
            service = ctx.private_service(c, b.port, b.proto)
            if service is None:
                continue
            trace: Trace | None = None
            if c.running and b.host_port is not None:
                trace = reach(ctx.state, "@internet", f"@{c.host}", port=b.host_port,
                              proto="tcp")
            fix = _local_fix(ctx, c, b, service)
            if b.everywhere:
                seen = (f"; netsim's @internet reaches it (netsim reach @internet @{c.host} "
                        f"--port {b.host_port}: {trace.disposition.value})"
                        if trace is not None and trace.delivered else "")
                every = ("every address" if "0.0.0.0" in b.ips else "every IPv6 address")
                ctx.add("publish-all-interfaces", ctx.at_container(c), c.host,
                        f"{who} {b.shown()}",
                        f"{who} ({ctx.image(c)}) publishes {service} on {every} of "
                        f"{c.host}: any machine that reaches {c.host} can connect, and "
                        f"Docker's forwarding bypasses the host's firewall (ufw){seen}",
                        fix)
            elif trace is not None and trace.delivered and not any(
                    ip.startswith("127.") or ip == "::1" for ip in b.ips):
                ctx.add("internet-reachable", ctx.at_container(c), c.host,
                        f"{who} {b.shown()}",
                        f"{who} ({ctx.image(c)}) publishes {service} on {c.host}'s address "
                        f"{sorted(b.ips)[0]}, and netsim's @internet reaches it (netsim reach "
                        f"@internet @{c.host} --port {b.host_port}: "
                        f"{trace.disposition.value})",
                        fix)


#: the label Compose gives a container: its service (docker/compose pkg/api/labels.go)
_SERVICE = "com.docker.compose.service"


def _local_fix(ctx: Context, c: ContainerState, b: Binding, service: str) -> str:
    """How to publish a database or admin port to the host alone: the binding as the user
    wrote it (its host port, or none where Docker chose one: ``-p 127.0.0.1::5432``, the
    form for an ephemeral port, docs network/port-publishing.md) on the loopback address of
    its family, as a ``-p`` flag or, for a container Compose made, its service's ``ports:``
    entry; or no publishing and a shared network."""
    explicit = next((bb.HostPort for key, bb in c.spec.HostConfig.port_bindings()
                     if key in (f"{b.port}/{b.proto}", str(b.port)) and bb.HostPort), "")
    local = "127.0.0.1" if any(_family(ip) == 4 for ip in b.ips) else "[::1]"
    suffix = "" if b.proto == "tcp" else f"/{b.proto}"
    spec = f"{local}:{explicit}:{b.port}{suffix}"
    compose = c.spec.Config.Labels.get(_SERVICE)
    if compose is not None:
        return (f"bind it to the host only (ports: [\"{spec}\"] in service {compose}), or "
                f"publish nothing and let the services that need {service} share a network "
                f"with {compose} (they reach it at {compose}:{b.port})")
    instead = " instead of -P" if not explicit and c.spec.HostConfig.PublishAllPorts else ""
    net = ctx.port_network(c)
    if net is not None and net.predefined:  # the default bridge: no names (no embedded DNS)
        return (f"bind it to the host only (-p {spec}{instead}), or publish nothing and run "
                f"{c.name} and the containers that need {service} on a user-defined network "
                f"(docker network create app; --network app), where they reach it at "
                f"{c.name}:{b.port}")
    return (f"bind it to the host only (-p {spec}{instead}), or publish nothing and let the "
            f"containers that need {service} share a network with {c.name} (they reach it "
            f"at {c.name}:{b.port})")


def _reaches(m: Matrix, c: ContainerState) -> bool:
    """The ``@internet`` row of a matrix reaches the container (labelled NAME, or
    HOST/NAME where names repeat)."""
    for label in (c.name, f"{c.host}/{c.name}"):
        if label in m.destinations:
            return m.reaches("@internet", label)
    return False
