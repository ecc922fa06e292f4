"""What every lint rule reads: the State, where things came from, and a few derived facts
(published bindings, what a container listens on, the network that carries its ports)."""

from __future__ import annotations

import ipaddress
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from netsim.analysis.check import CheckResult
from netsim.analysis.lint.origins import Origins, ReadStep
from netsim.analysis.lint.result import Finding
from netsim.state import ContainerState, EndpointState, NetworkState, State

__all__ = ["MACVLAN_DRIVERS", "PRIVATE_PORTS", "Binding", "Context"]

#: the drivers whose containers sit on the host's NIC (no port mapper, host isolation)
MACVLAN_DRIVERS = frozenset({"macvlan", "ipvlan"})

#: well-known ports of services meant for a private network, with the service's name (IANA's
#: service registry names these numbers; netsim's image catalogue says which images listen on
#: them: postgres 5432, mysql/mariadb 3306 and 33060, redis 6379, mongo 27017; Microsoft SQL
#: Server 1433, Elasticsearch's REST API 9200 and Memcached 11211 are the other data stores
#: found open on the internet most often, with no authentication by default for the last
#: two); the Docker Engine's own API ports are dockerd's (docs: engine/security/
#: protect-access)
PRIVATE_PORTS: dict[int, str] = {
    1433: "Microsoft SQL Server",
    2375: "the Docker Engine API without TLS",
    2376: "the Docker Engine API",
    3306: "MySQL/MariaDB",
    5432: "PostgreSQL",
    6379: "Redis",
    9200: "Elasticsearch",
    11211: "Memcached",
    27017: "MongoDB",
    33060: "MySQL's X Protocol",
}

#: the host addresses a binding takes: "" is every address of both families
_EVERY = frozenset({"0.0.0.0", "::"})


@dataclass(frozen=True, slots=True)
class Binding:
    """One published port: container port and protocol, the host addresses it takes
    (``0.0.0.0`` and ``::`` stand for every address of their family) and the host port (None:
    ephemeral or a range, chosen by Docker)."""

    port: int
    proto: str
    ips: frozenset[str]
    host_port: int | None

    @property
    def everywhere(self) -> bool:
        """Bound on every address of a family (``-p 80:80``, ``-p 0.0.0.0:80:80``, ``-p
        [::]:80:80``: ``::`` is every IPv6 address of the host, docs network/
        port-publishing.md)."""
        return bool(self.ips & _EVERY)

    def shown(self) -> str:
        """``0.0.0.0:5432->5432/tcp`` as docker ps shows it (the IPv4 side first)."""
        ip = "0.0.0.0" if "0.0.0.0" in self.ips else sorted(self.ips)[0]
        host = f"[{ip}]" if ":" in ip else ip
        hp = str(self.host_port) if self.host_port is not None else "(ephemeral)"
        return f"{host}:{hp}->{self.port}/{self.proto}"


@dataclass
class Context:
    """The State under lint, the places of its objects and the replay it came from."""

    state: State
    origins: Origins
    #: the replay's steps, each read once (netsim.analysis.lint.origins.read_steps)
    steps: Sequence[ReadStep] = ()
    checks: Sequence[CheckResult] = ()
    found: list[Finding] = field(default_factory=list)
    _repeated: frozenset[str] | None = None

    def add(self, kind: str, at: tuple[int, str], host: str, subject: str, why: str,
            fix: str) -> None:
        self.found.append(Finding(kind, at[0], at[1], host, subject, why, fix))

    @property
    def several_hosts(self) -> bool:
        return len(self.state.hosts) > 1

    def label(self, host: str, name: str) -> str:
        """A container as ``netsim reach`` takes it: ``HOST/NAME`` (unambiguous), shown as
        ``NAME`` with one Docker host (:meth:`shown`)."""
        return f"{host}/{name}"

    def shown(self, host: str, name: str) -> str:
        """A container as the findings name it: ``NAME``, or ``HOST/NAME`` where several
        Docker hosts have a container of that name (as ``netsim matrix`` labels it)."""
        if self._repeated is None:
            seen: dict[str, int] = {}
            for c in self.state.containers():
                seen[c.name] = seen.get(c.name, 0) + 1
            self._repeated = frozenset(n for n, k in seen.items() if k > 1)
        return f"{host}/{name}" if name in self._repeated else name

    def at_container(self, c: ContainerState) -> tuple[int, str]:
        return self.origins.container(c.host, c.name)

    def at_endpoint(self, c: ContainerState, network: str) -> tuple[int, str]:
        return self.origins.endpoint(c.host, c.name, network)

    def at_network(self, host: str, net: NetworkState) -> tuple[int, str]:
        return self.origins.network(host, net.name)

    def networks_of(self, c: ContainerState) -> list[NetworkState]:
        """The networks of the container's endpoints (docker_gwbridge's left out)."""
        nets = self.state.hosts[c.host].networks
        return [nets[e.network] for e in c.endpoints
                if e.network in nets and not e.gateway_only]

    def port_network(self, c: ContainerState) -> NetworkState | None:
        """The network Docker programs the container's published ports on: its gateway
        endpoint's (``ProgramExternalConnectivity`` runs only there: moby daemon/libnetwork/
        drivers/bridge/bridge_linux.go), picked as the engine picks it
        (:func:`netsim.state.gateway_endpoints`: ``Endpoint.Less`` and
        ``selectGatewayEndpoint``, daemon/libnetwork/sandbox.go and default_gateway.go), so
        that a macvlan network without ``--gateway`` (no default route since 29.0) does not
        hide the bridge that does publish. A container that does not run has no addresses
        yet: each endpoint is given the gateways its network would give it. None: no
        endpoint gives a default route (every network ``--internal``, or a gateway-less
        macvlan/ipvlan one: then that network)."""
        from netsim.state import gateway_endpoints

        nets = self.state.hosts[c.host].networks
        eps = [e if c.running else self._as_joined(e, nets.get(e.network))
               for e in c.endpoints if e.network in nets]
        gw4, gw6 = gateway_endpoints(eps, nets.get, self.state.profile)
        gw = gw4 or gw6
        if gw is not None and not nets[gw.network].internal:
            return nets[gw.network]  # (an internal one maps nothing: EngineProfile.
            # bridge_internal_gateway gives it a gateway before 25.0, never external access)
        return next((n for n in self.networks_of(c)
                     if n.driver in MACVLAN_DRIVERS and not n.internal), None)

    def _as_joined(self, e: EndpointState, net: NetworkState | None) -> EndpointState:
        """A stopped container's endpoint with the addresses and gateways it gets when it
        starts (an internal network's endpoint gets no gateway, but where the engine gives
        one: EngineProfile.bridge_internal_gateway)."""
        if net is None or e.ipv4 is not None or e.ipv6 is not None:
            return e
        v4 = next((s for s in net.subnets if s.subnet.version == 4), None)
        v6 = next((s for s in net.subnets if s.subnet.version == 6), None)
        gw_ok = not net.internal or self.state.profile.bridge_internal_gateway
        update: dict[str, object] = {}
        if v4 is not None:
            update["ipv4"] = ipaddress.IPv4Interface((v4.subnet.network_address,
                                                      v4.subnet.prefixlen))
            if gw_ok and isinstance(v4.gateway, ipaddress.IPv4Address):
                update["gateway"] = v4.gateway
        if v6 is not None:
            update["ipv6"] = ipaddress.IPv6Interface((v6.subnet.network_address,
                                                      v6.subnet.prefixlen))
            if gw_ok and isinstance(v6.gateway, ipaddress.IPv6Address):
                update["gateway6"] = v6.gateway
        return e.model_copy(update=update)

    def bindings(self, c: ContainerState) -> list[Binding]:
        """What the container publishes: its port mappings while it runs, else what its
        ``-p``/``-P`` ask for (``HostConfig.PortBindings``, ``PublishAllPorts``)."""
        if c.running and c.port_mappings:
            grouped: dict[tuple[int, str, int], set[str]] = {}
            for m in c.port_mappings:
                grouped.setdefault((m.container_port, m.proto, m.host_port), set()).add(
                    m.host_ip)
            return [Binding(cp, pr, frozenset(ips), hp)
                    for (cp, pr, hp), ips in sorted(grouped.items())]
        out: list[Binding] = []
        hc = c.spec.HostConfig
        # a binding without an address takes the network's default one, else every address
        # (com.docker.network.bridge.host_binding_ipv4: docs network/drivers/bridge.md)
        net = self.port_network(c) if c.endpoints else None
        given = net.options.get("com.docker.network.bridge.host_binding_ipv4", "") \
            if net is not None else ""
        default = _EVERY if given in ("", "0.0.0.0") else frozenset({given})
        for key, b in hc.port_bindings():
            number, _, proto = key.partition("/")
            hp = int(b.HostPort) if b.HostPort.isdigit() else None
            ips = default if b.HostIp == "" else frozenset({b.HostIp})
            out.append(Binding(int(number), proto or "tcp", ips, hp))
        if hc.PublishAllPorts:  # every exposed port, on an ephemeral port of every address
            asked = {f"{b.port}/{b.proto}" for b in out}
            for key in c.exposed_ports:
                if key not in asked:
                    number, _, proto = key.partition("/")
                    out.append(Binding(int(number), proto or "tcp", default, None))
        return out

    def publishes(self, c: ContainerState) -> bool:
        """It asks for published ports (``-p`` or ``-P``)."""
        hc = c.spec.HostConfig
        return bool(hc.PortBindings) or hc.PublishAllPorts

    def listening(self, c: ContainerState) -> tuple[str, ...]:
        """What its processes listen on (``80/tcp``): the engine's answer while it runs, else
        what its image and command would listen on (netsim's image catalogue)."""
        if c.listening or c.running:
            return c.listening
        from netsim.images import container_image
        from netsim.images.serving import listening_ports

        cfg = c.spec.Config
        return listening_ports(container_image(self.state, c), cfg.Cmd,
                               entrypoint=cfg.Entrypoint)

    def image(self, c: ContainerState) -> str:
        """The container's image, as docker ps shows it (``nginx``, ``postgres:16``)."""
        from netsim.images.reference import parse_image_ref

        try:
            return parse_image_ref(c.spec.Config.Image).familiar
        except ValueError:
            return c.spec.Config.Image

    def repository(self, c: ContainerState) -> str:
        """The container's image without tag or digest (``nginx`` for ``nginx``,
        ``nginx:latest``, ``docker.io/library/nginx:1.27`` and ``nginx@sha256:…``): one
        program, whichever version."""
        from netsim.images.reference import parse_image_ref

        try:
            return parse_image_ref(c.spec.Config.Image).familiar_name
        except ValueError:
            return c.spec.Config.Image

    def active(self, c: ContainerState) -> bool:
        """The container runs (paused included) or is meant to: created and never started
        (or its start failed), ended by itself with an error (a program that could not
        bind its port), or stopped with ``--restart always``, which the daemon starts again
        when it restarts (docs: engine/containers/start-containers-automatically.md). One
        stopped on purpose (the replay's ``docker stop``/``kill``; where no step says so, as
        in a dump, exit status 137/143 of the signals ``docker stop`` sends) or that
        finished its work (exit status 0) holds no
        endpoint, name or port (daemon/container_operations.go releaseNetwork) until
        someone starts it again: an old version kept beside its replacement."""
        if c.status in ("running", "created"):
            return True
        if c.status != "exited":
            return False
        if c.spec.HostConfig.RestartPolicy.Name == "always":
            return True
        if (c.host, c.name) in self.origins.stopped:
            return False
        return c.exit_code not in (0, 137, 143)

    def private_service(self, c: ContainerState, port: int, proto: str) -> str | None:
        """The service a container port stands for when it is a database or admin port
        (:data:`PRIVATE_PORTS`) that the container listens on, or may (an image netsim knows
        nothing of listens on what it says: nothing); else None."""
        if proto != "tcp" or port not in PRIVATE_PORTS:
            return None
        heard = self.listening(c)
        if heard and f"{port}/tcp" not in heard:
            return None  # the catalogue knows the image, and it does not serve this port
        return PRIVATE_PORTS[port]

    def containers(self) -> list[ContainerState]:
        """Every container, in the order their hosts and the engine made them."""
        return [c for hs in self.state.hosts.values()
                for c in sorted(hs.containers.values(), key=lambda c: c.created_ns)]


Rule = Callable[[Context], None]
