"""A Compose project as the Docker API requests ``docker compose up`` sends: the networks it
creates and the containers it creates, with the labels by which Compose finds them again.

Followed: docker/compose v2.40.3 ``pkg/compose/create.go`` (``getCreateConfigs``,
``defaultNetworkSettings``, ``createEndpointSettings``, ``getAliases``,
``buildContainerPorts``, ``buildContainerPortBindingOptions``, ``getRestartPolicy``,
``resolveOrCreateNetwork``) and ``pkg/compose/convergence.go`` (``getContainerName``,
``getLinks``); the label names are ``pkg/api/labels.go``'s.

What is not reproduced: the ``com.docker.compose.config-hash`` and ``…image`` labels (digests
of Compose's own serialisation and of the image); volumes, secrets and configs (not
simulated).

>>> from netsim.io.compose.model import Project, Service
>>> p = Project("shop", "/srv/shop", ("/srv/shop/compose.yaml",), {"web": Service("web", "nginx")},
...             {}, {})
>>> container_name(p, p.services["web"], 1)
'shop-web-1'
"""

from __future__ import annotations

import ipaddress
from collections.abc import Callable

from netsim.api import (
    ContainerConfig,
    ContainerSpec,
    EndpointIPAMConfig,
    EndpointSettings,
    HostConfig,
    NetworkingConfig,
    NetworkSpec,
    PortBinding,
)
from netsim.api.hostconfig import RestartPolicy
from netsim.api.network import IPAM, IPAMConfig
from netsim.io.compose.model import ComposeNetwork, Project, Service

__all__ = ["COMPOSE_VERSION", "LABEL", "container_name", "container_spec", "links",
           "network_spec"]

#: the Docker Compose release modelled (com.docker.compose.version)
COMPOSE_VERSION = "2.40.3"

#: docker/compose pkg/api/labels.go
LABEL = {
    "project": "com.docker.compose.project",
    "service": "com.docker.compose.service",
    "number": "com.docker.compose.container-number",
    "oneoff": "com.docker.compose.oneoff",
    "network": "com.docker.compose.network",
    "version": "com.docker.compose.version",
    "working_dir": "com.docker.compose.project.working_dir",
    "config_files": "com.docker.compose.project.config_files",
    "depends_on": "com.docker.compose.depends_on",
    "replace": "com.docker.compose.replace",
    "env_file": "com.docker.compose.project.environment_file",
    "slug": "com.docker.compose.slug",
}


def container_name(project: Project, service: Service, number: int) -> str:
    """``container_name:``, else ``<project>-<service>-<number>`` (convergence.go
    getContainerName)."""
    return service.container_name or f"{project.name}-{service.name}-{number}"


def network_spec(project: Project, net: ComposeNetwork) -> NetworkSpec:
    """The network create request (create.go resolveOrCreateNetwork): the network's labels
    and Compose's (project, network key, version), its driver, options and IPAM."""
    labels = dict(net.labels)
    labels.update({LABEL["network"]: net.key, LABEL["project"]: project.name,
                   LABEL["version"]: COMPOSE_VERSION})
    pools = tuple(IPAMConfig(Subnet=c.get("subnet"), IPRange=c.get("ip_range"),
                             Gateway=c.get("gateway"),
                             AuxiliaryAddresses=dict(c.get("aux_addresses") or {}))
                  for c in net.ipam_config)
    # create.go resolveOrCreateNetwork builds the request's IPAM from the driver and the pools
    # only: ipam.options are never sent (a nil map)
    ipam = IPAM(Driver=net.ipam_driver or "default", Options=None, Config=pools)
    return NetworkSpec(
        Name=net.name, Driver=net.driver or "bridge", Options=dict(net.driver_opts),
        Internal=net.internal, Attachable=net.attachable, IPAM=ipam,
        EnableIPv6=bool(net.enable_ipv6),
        EnableIPv4=net.enable_ipv4 if net.enable_ipv4 is not None else True,
        Labels=labels)


def links(project: Project, service: Service, number: int,
          containers_of: Callable[[str], list[str]]) -> tuple[str, ...]:
    """HostConfig.Links (convergence.go getLinks): for each ``links:`` entry, every container
    of that service under the alias, ``<service>-<number>`` and ``<project>-<service>-<number>``;
    then the ``external_links`` as given. ``containers_of`` names a service's containers."""
    out: list[str] = []
    for raw in service.links:
        # strings.Split(raw, ":"): an alias only when there are exactly two parts
        parts = raw.split(":")
        target = parts[0]
        alias = parts[1] if len(parts) == 2 else target
        for c in containers_of(target):
            out += [f"{c}:{alias}", f"{c}:{target}-{number}",
                    f"{c}:{project.name}-{target}-{number}"]
    for raw in service.external_links:
        parts = raw.split(":")
        out.append(f"{parts[0]}:{parts[1] if len(parts) == 2 else parts[0]}")
    return tuple(out)


def _ipv4(text: str) -> ipaddress.IPv4Address:
    """An IPv4 address as the daemon reads one (net.ParseIP, then To4: ``::ffff:a.b.c.d`` is
    ``a.b.c.d``); ValueError when it is none (composecli.refusals says what the daemon
    answers then)."""
    ip = ipaddress.ip_address(text)
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return ip.ipv4_mapped
    if not isinstance(ip, ipaddress.IPv4Address):
        raise ValueError(f"not an IPv4 address: {text}")
    return ip


def _endpoint(project: Project, service: Service, name: str, key: str,
              link_list: tuple[str, ...], use_aliases: bool) -> EndpointSettings:
    """create.go createEndpointSettings: the aliases (getAliases: the container's name, then,
    with ``use_aliases``, the service's name and the network's ``aliases``), the fixed
    addresses, the gateway priority."""
    cfg = service.network(key)
    aliases = [name, service.name] if use_aliases else [name]
    ipam = None
    mac = ""
    opts: dict[str, str] = {}
    priority = 0
    if cfg is not None:
        if use_aliases:
            aliases += cfg.aliases
        v4 = _ipv4(cfg.ipv4_address) if cfg.ipv4_address else None
        v6 = ipaddress.IPv6Address(cfg.ipv6_address) if cfg.ipv6_address else None
        ipam = EndpointIPAMConfig(IPv4Address=v4, IPv6Address=v6)
        mac = cfg.mac_address
        opts = dict(cfg.driver_opts)
        if cfg.interface_name:
            opts["com.docker.network.endpoint.ifname"] = cfg.interface_name
        priority = cfg.gw_priority
    return EndpointSettings(Aliases=tuple(aliases), Links=link_list, IPAMConfig=ipam,
                            MacAddress=mac, DriverOpts=opts, GwPriority=priority)


#: create.go mapRestartPolicyCondition (deploy.restart_policy's words → the engine's)
_RESTART_NAMES = {"none": "no", "no": "no", "on-failure": "on-failure",
                  "unless-stopped": "unless-stopped", "any": "always", "always": "always"}


def _restart(service: Service) -> RestartPolicy:
    """create.go getRestartPolicy: ``restart: NAME[:COUNT]`` (or deploy.restart_policy, as the
    loader folds it), the name mapped, a count that is not a number read as 0."""
    if not service.restart:
        return RestartPolicy()
    parts = service.restart.split(":")
    name = _RESTART_NAMES.get(parts[0], parts[0])
    count = parts[1] if len(parts) > 1 else ""
    try:
        retries = int(count)
    except ValueError:
        retries = 0
    return RestartPolicy(Name=name, MaximumRetryCount=retries)


def container_spec(project: Project, service: Service, number: int, *,
                   network_mode: str | None = None,
                   containers_of: Callable[[str], list[str]] = lambda s: [],
                   all_networks_at_create: bool = True, oneoff: bool = False,
                   name: str | None = None, use_aliases: bool = True,
                   extra_labels: dict[str, str] | None = None,
                   ) -> tuple[ContainerSpec, list[tuple[str, EndpointSettings]]]:
    """The create request for container ``number`` of ``service``, and the networks to
    connect after the create (API < 1.44: create.go connects every network but the first one
    by one). ``network_mode`` replaces a ``service:X`` mode by ``container:ID``. A one-off
    container (``run``) has number -1 (no container-number label; its links say
    ``<service>--1``, as convergence.go getLinks writes them), the network aliases only with
    ``use_aliases`` (``run --use-aliases``) and ``extra_labels`` (its slug)."""
    labels = dict(service.labels)
    labels.update({
        LABEL["project"]: project.name, LABEL["service"]: service.name,
        LABEL["oneoff"]: "True" if oneoff else "False", LABEL["version"]: COMPOSE_VERSION,
        LABEL["working_dir"]: project.working_dir,
        LABEL["config_files"]: ",".join(project.config_files),
        LABEL["depends_on"]: ",".join(f"{d}:{dep.condition}:{str(dep.restart).lower()}"
                                      for d, dep in service.depends_on),
    })
    if project.env_files:  # cmd/compose/compose.go ToProject: the --env-file values
        labels[LABEL["env_file"]] = ",".join(project.env_files)
    labels.update(extra_labels or {})
    if number > 0 and not oneoff:  # create.go prepareLabels: one-off containers have none
        labels[LABEL["number"]] = str(number)
    exposed = [e if "/" in e else f"{e}/tcp" for e in service.expose]
    exposed += [f"{p.target}/{p.protocol}" for p in service.ports]
    bindings: dict[str, list[PortBinding]] = {}
    for p in service.ports:
        bindings.setdefault(f"{p.target}/{p.protocol}", []).append(
            PortBinding(HostIp=p.host_ip, HostPort=p.published))
    env = tuple(f"{k}={v}" for k, v in service.environment if v is not None)
    config = ContainerConfig(
        Image=service.image or f"{project.name}-{service.name}",
        Cmd=service.command or (), Entrypoint=service.entrypoint,
        Hostname=service.hostname, Domainname=service.domainname, User=service.user,
        ExposedPorts=tuple(dict.fromkeys(exposed)), Tty=service.tty,
        OpenStdin=service.stdin_open, AttachStdout=True, AttachStderr=True,
        WorkingDir=service.working_dir, Env=env, Labels=labels,
        MacAddress="")
    link_list = links(project, service, number, containers_of)
    me = name or container_name(project, service, number)
    later: list[tuple[str, EndpointSettings]] = []
    if service.network_mode:
        mode = network_mode or service.network_mode
        networking = NetworkingConfig()
    elif not project.networks:
        mode, networking = "none", NetworkingConfig()
    else:
        keys = service.networks_by_priority() or ["default"]
        first = keys[0]
        endpoints = {project.networks[first].name: _endpoint(project, service, me, first,
                                                             link_list, use_aliases)}
        for key in keys[1:]:
            settings = _endpoint(project, service, me, key, link_list, use_aliases)
            if all_networks_at_create:
                endpoints[project.networks[key].name] = settings
            else:
                later.append((project.networks[key].name, settings))
        main = endpoints[project.networks[first].name]
        if not all_networks_at_create:
            # create.go prepareContainerMACAddress (API < 1.44): the container-wide MacAddress
            config = config.model_copy(update={
                "MacAddress": service.mac_address or main.MacAddress})
        elif not main.MacAddress and service.mac_address:  # API >= 1.44: moved to the endpoint
            endpoints[project.networks[first].name] = main.model_copy(
                update={"MacAddress": service.mac_address})
        mode = project.networks[first].name
        networking = NetworkingConfig(EndpointsConfig=endpoints)
    host = HostConfig(NetworkMode=mode, PortBindings=bindings, RestartPolicy=_restart(service),
                      Dns=service.dns,
                      # create.go: ExtraHosts.AsList(":") (config shows NAME=IP)
                      ExtraHosts=tuple(h.replace("=", ":", 1) for h in service.extra_hosts),
                      Links=link_list,
                      Privileged=service.privileged)
    spec = ContainerSpec(name=me, Config=config,
                         HostConfig=host, NetworkingConfig=networking)
    return spec, later
