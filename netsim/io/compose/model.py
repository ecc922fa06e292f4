"""A loaded Compose project, typed: what :mod:`.loader` gives and :mod:`.convert` turns into
Docker API calls (compose-go ``types.Project``, ``types.ServiceConfig``,
``types.NetworkConfig``, in the words of the Compose Specification).

The canonical model (the plain mapping ``docker compose config`` prints) is kept beside the
typed view: :attr:`Project.model`. The typed view holds what netsim simulates; a key it
does not simulate is listed in :attr:`Project.not_simulated` (and printed once).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["ComposeNetwork", "Dependency", "Port", "Project", "Service", "ServiceNetwork"]


@dataclass(frozen=True)
class Port:
    """One published (or only declared) port, long syntax."""

    target: int
    published: str = ""  # "" : an ephemeral host port; "8000-8010": a range
    host_ip: str = ""
    protocol: str = "tcp"
    mode: str = "ingress"


@dataclass(frozen=True)
class ServiceNetwork:
    """A service's attachment to one network (services.X.networks.Y)."""

    aliases: tuple[str, ...] = ()
    ipv4_address: str = ""
    ipv6_address: str = ""
    mac_address: str = ""
    priority: int = 0
    gw_priority: int = 0
    driver_opts: tuple[tuple[str, str], ...] = ()
    interface_name: str = ""


@dataclass(frozen=True)
class Dependency:
    """One ``depends_on`` entry."""

    condition: str = "service_started"
    required: bool = True
    restart: bool = False


@dataclass(frozen=True)
class Service:
    """One service of the project (enabled or not by its profiles)."""

    name: str
    image: str = ""
    command: tuple[str, ...] | None = None
    entrypoint: tuple[str, ...] | None = None
    container_name: str = ""
    hostname: str = ""
    domainname: str = ""
    networks: tuple[tuple[str, ServiceNetwork], ...] = ()  # by key, sorted (a Go map)
    network_mode: str = ""
    links: tuple[str, ...] = ()
    external_links: tuple[str, ...] = ()
    ports: tuple[Port, ...] = ()
    expose: tuple[str, ...] = ()
    replicas: int = 1
    depends_on: tuple[tuple[str, Dependency], ...] = ()
    profiles: tuple[str, ...] = ()
    environment: tuple[tuple[str, str | None], ...] = ()
    labels: tuple[tuple[str, str], ...] = ()
    dns: tuple[str, ...] = ()
    extra_hosts: tuple[str, ...] = ()
    mac_address: str = ""
    user: str = ""
    working_dir: str = ""
    tty: bool = False
    stdin_open: bool = False
    restart: str = ""
    privileged: bool = False
    has_healthcheck: bool = False

    def networks_by_priority(self) -> list[str]:
        """The service's networks, the highest ``priority`` first, then by name (compose-go
        types.ServiceConfig.NetworksByPriority)."""
        return [k for k, _ in sorted(self.networks, key=lambda kv: (-kv[1].priority, kv[0]))]

    def network(self, key: str) -> ServiceNetwork | None:
        """The attachment to the network ``key`` (None: not attached)."""
        for k, v in self.networks:
            if k == key:
                return v
        return None


@dataclass(frozen=True)
class ComposeNetwork:
    """A top-level network: ``key`` in the file, ``name`` in Docker."""

    key: str
    name: str
    driver: str = ""
    driver_opts: tuple[tuple[str, str], ...] = ()
    ipam_driver: str = ""
    ipam_config: tuple[dict[str, Any], ...] = ()
    ipam_options: tuple[tuple[str, str], ...] = ()
    external: bool = False
    internal: bool = False
    attachable: bool = False
    enable_ipv6: bool | None = None
    enable_ipv4: bool | None = None
    labels: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Project:
    """A loaded project: its name, directory, files, services (all of them, with
    ``disabled`` naming those its profiles leave out), networks and canonical model."""

    name: str
    working_dir: str
    config_files: tuple[str, ...]
    services: dict[str, Service]
    networks: dict[str, ComposeNetwork]
    model: dict[str, Any]
    environment: dict[str, str] = field(default_factory=dict)
    disabled: frozenset[str] = frozenset()
    warnings: tuple[str, ...] = ()
    #: the keys netsim reads but does not simulate, as paths (``services.*.healthcheck``,
    #: ``volumes``)
    not_simulated: tuple[str, ...] = ()
    #: the ``--env-file`` values as given (the com.docker.compose.project.environment_file
    #: label)
    env_files: tuple[str, ...] = ()

    @property
    def enabled(self) -> list[str]:
        """The enabled services' names, in the file's order."""
        return [s for s in self.services if s not in self.disabled]

    def dependency_order(self, names: list[str] | None = None) -> list[str]:
        """Services (``names``, default: the enabled ones) in the order Compose walks them:
        each one's dependencies first, names sorted (compose-go graph.go InDependencyOrder as
        ``config --services`` prints it); a dependency not among ``names`` orders but is not
        listed."""
        chosen = sorted(self.enabled if names is None else names)
        wanted = set(chosen)
        seen: set[str] = set()
        out: list[str] = []
        for root in chosen:
            # a depth-first walk with an explicit stack (no recursion limit on a long chain):
            # each service and the dependencies still to visit before it is listed
            stack: list[tuple[str, list[str]]] = []
            if root not in seen and root in self.services:
                seen.add(root)
                stack.append((root, sorted(self.dependencies(root), reverse=True)))
            while stack:
                name, deps = stack[-1]
                if deps:
                    dep = deps.pop()
                    if dep not in seen and dep in self.services:
                        seen.add(dep)
                        stack.append((dep, sorted(self.dependencies(dep), reverse=True)))
                    continue
                stack.pop()
                if name in wanted:
                    out.append(name)
        return out

    def dependencies(self, name: str) -> list[str]:
        """The services ``name`` needs started first: ``depends_on``, links and
        ``network_mode: service:…`` (compose-go types.ServiceConfig.GetDependencies)."""
        svc = self.services[name]
        deps = [d for d, _ in svc.depends_on]
        for link in svc.links:
            deps.append(link.split(":", 1)[0])
        if svc.network_mode.startswith("service:"):
            deps.append(svc.network_mode.removeprefix("service:"))
        return list(dict.fromkeys(d for d in deps if d in self.services))
