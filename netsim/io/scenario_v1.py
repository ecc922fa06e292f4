"""The scenario format's own words for a container (version 1): ``name``, ``image``,
``command``, ``networks: [{network, aliases, ipv4_address, …}]``, ``publish: ["80:80"]``,
``env``, ``links`` … as a person writes them, and the steps of a scenario file.

A reader like the docker CLI: :meth:`ScenarioContainer.to_api` turns these fields into the
create request with the very functions ``docker run`` uses
(:func:`netsim.dockercli.container_opts.build_spec`), so a scenario and a command line give the
same API objects for the same container. A ``run``/``create`` step may also give the request
itself (``container: {name, Config, HostConfig, NetworkingConfig}`` in Docker's names), which
is how :func:`scenario_container` writes a container the fields cannot say.

A network, too, is written in the format's words (:class:`ScenarioNetwork`: ``name``,
``driver``, ``internal``, ``ipam: [{subnet, ip_range, gateway, aux_addresses}]``, ``options``
…) and a ``network-connect`` step names its attachment as ``endpoint: {network, aliases, …}``
(:class:`ConnectStep`); both become Docker's requests (:class:`netsim.api.NetworkSpec`,
:class:`netsim.api.NetworkConnect`) and are written back from them.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    Discriminator,
    Field,
    Tag,
    ValidationInfo,
    field_validator,
    model_validator,
)

from netsim.api import (
    ApiModel,
    ContainerCreate,
    ContainerPause,
    ContainerPrune,
    ContainerRemove,
    ContainerRename,
    ContainerRestart,
    ContainerSpec,
    ContainerStart,
    ContainerStop,
    EndpointConfig,
    EndpointSettings,
    Expect,
    NetworkConnect,
    NetworkCreate,
    NetworkDisconnect,
    NetworkPrune,
    NetworkRemove,
    NetworkSpec,
    Operation,
    Scenario,
    SwarmInit,
    SwarmJoin,
    SwarmLeave,
    valid_container_name,
)
from netsim.api.base import IPAddress, IPInterface
from netsim.api.hosts import DEFAULT_HOST
from netsim.api.network import IPAM, ConfigReference, IPAMConfig, check_driver

__all__ = ["ConnectStep", "ContainerStep", "FileStep", "NetworkStep", "ScenarioContainer",
           "ScenarioFile", "ScenarioIpam", "ScenarioNetwork", "scenario_container"]

#: how the fields of :class:`ScenarioContainer` become ``docker run`` flags (the others:
#: ``networks``, ``command``, ``entrypoint``, ``mac_address``, ``options``)
_LIST_FLAGS = {"links": "link", "publish": "publish", "expose": "expose", "add_hosts": "add-host",
               "dns": "dns", "dns_search": "dns-search", "dns_options": "dns-option",
               "env": "env", "labels": "label"}
_BOOL_FLAGS = {"publish_all": "publish-all", "interactive": "interactive", "tty": "tty",
               "detach": "detach", "auto_remove": "rm"}
_TEXT_FLAGS = {"hostname": "hostname", "domainname": "domainname"}


class ScenarioContainer(ApiModel):
    """A container as the scenario format declares it (``docker run``'s words).

    ``networks`` lists the ``--network`` attachments in the order given (empty: Docker's
    default, the default bridge); ``links`` are the legacy ``--link`` values
    (``name[:alias]``); ``options`` any other ``docker run`` flags, as ``[long name, value]``
    pairs (read as the docker CLI reads them).
    """

    name: str | None = None
    image: str = Field(min_length=1)
    command: tuple[str, ...] = ()
    entrypoint: tuple[str, ...] | None = None
    hostname: str | None = None
    domainname: str | None = None
    networks: tuple[EndpointConfig, ...] = ()
    links: tuple[str, ...] = ()
    publish: tuple[str, ...] = ()
    publish_all: bool = False
    expose: tuple[str, ...] = ()
    add_hosts: tuple[str, ...] = ()
    dns: tuple[str, ...] = ()
    dns_search: tuple[str, ...] = ()
    dns_options: tuple[str, ...] = ()
    mac_address: str | None = None
    interactive: bool = False
    tty: bool = False
    detach: bool = False
    auto_remove: bool = False
    restart: str = "no"
    env: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    options: tuple[tuple[str, str], ...] = ()

    @field_validator("name")
    @classmethod
    def _valid_name(cls, name: str | None) -> str | None:
        return valid_container_name(name)

    @field_validator("image")
    @classmethod
    def _valid_image(cls, image: str) -> str:
        from netsim.images import parse_image_ref

        parse_image_ref(image)  # distribution/reference's own words on a bad reference
        return image

    @field_validator("publish")
    @classmethod
    def _valid_publish(cls, publish: tuple[str, ...]) -> tuple[str, ...]:
        from netsim.dockercli.publish import port_map

        port_map(publish)  # go-connections' own words
        return publish

    @field_validator("expose")
    @classmethod
    def _valid_expose(cls, expose: tuple[str, ...]) -> tuple[str, ...]:
        from netsim.dockercli.publish import exposed_ports

        for value in expose:
            exposed_ports(value)
        return expose

    def to_api(self) -> ContainerSpec:
        """The create request ``docker run`` would send for this container."""
        from netsim.dockercli.container_opts import ContainerOptions, build_spec

        flags: list[tuple[str, str]] = []
        for field, flag in _TEXT_FLAGS.items():
            value = getattr(self, field)
            if value:
                flags.append((flag, value))
        for field, flag in _BOOL_FLAGS.items():
            if getattr(self, field):
                flags.append((flag, "true"))
        for field, flag in _LIST_FLAGS.items():
            flags.extend((flag, value) for value in getattr(self, field))
        flags.append(("restart", self.restart))
        flags.extend(self.options)
        spec = build_spec(ContainerOptions(
            image=self.image, name=self.name, args=self.command, flags=tuple(flags),
            networks=self.networks, explicit_networks=bool(self.networks),
            entrypoint=self.entrypoint))
        if self.mac_address:  # the container-wide MAC (API < 1.44)
            spec = spec.model_copy(update={"Config": spec.Config.model_copy(
                update={"MacAddress": self.mac_address})})
        return spec


def _publish_text(key: str, host_ip: str, host_port: str) -> str:
    """A ``-p`` value for one PortBindings entry."""
    key = key.removesuffix("/tcp")
    if not host_ip and not host_port:
        return key
    ip = f"[{host_ip}]" if ":" in host_ip else host_ip
    return f"{ip}:{host_port}:{key}" if host_ip else f"{host_port}:{key}"


def _fields_of(spec: ContainerSpec) -> ScenarioContainer | None:
    """The scenario fields that say ``spec``, if they can (they give it back exactly)."""
    cfg, hc = spec.Config, spec.HostConfig
    configs = spec.NetworkingConfig.EndpointsConfig
    implicit = hc.NetworkMode == "default" and configs == {"default": EndpointSettings()}
    try:
        networks = () if implicit else tuple(EndpointConfig.of(name, s)
                                             for name, s in spec.attachments())
    except ValueError:
        return None
    publish = tuple(_publish_text(key, b.HostIp, b.HostPort)
                    for key, b in hc.port_bindings())
    restart = hc.RestartPolicy.Name + (f":{hc.RestartPolicy.MaximumRetryCount}"
                                       if hc.RestartPolicy.MaximumRetryCount else "")
    try:
        fields = ScenarioContainer(
            name=spec.name, image=cfg.Image, command=cfg.Cmd, entrypoint=cfg.Entrypoint,
            hostname=cfg.Hostname or None, domainname=cfg.Domainname or None,
            networks=networks, links=hc.Links, publish=publish,
            publish_all=hc.PublishAllPorts,
            expose=tuple(k for k in cfg.ExposedPorts if k not in hc.PortBindings),
            add_hosts=hc.ExtraHosts, dns=hc.Dns, dns_search=hc.DnsSearch,
            dns_options=hc.DnsOptions, mac_address=cfg.MacAddress or None,
            interactive=cfg.OpenStdin, tty=cfg.Tty,
            detach=not (cfg.AttachStdin or cfg.AttachStdout or cfg.AttachStderr),
            auto_remove=hc.AutoRemove, restart=restart, env=cfg.Env,
            labels=tuple(f"{k}={v}" for k, v in cfg.Labels.items()))
        return fields if fields.to_api() == spec else None
    except ValueError:  # pydantic's ValidationError too
        return None


def scenario_container(spec: ContainerSpec) -> ScenarioContainer | ContainerSpec:
    """How a scenario file writes a container: in the format's fields when they say it
    exactly, else as the request itself."""
    return _fields_of(spec) or spec


def _container_kind(value: Any) -> str:
    """``request`` for a container given as Docker's create request, ``fields`` otherwise."""
    if isinstance(value, ContainerSpec) or (isinstance(value, dict) and "Config" in value):
        return "request"
    return "fields"


class ScenarioIpam(ApiModel):
    """One address pool as the scenario format writes it: a ``--subnet`` with its
    ``--ip-range``, ``--gateway`` and ``--aux-address`` entries."""

    subnet: IPInterface | None = None
    ip_range: IPInterface | None = None
    gateway: IPAddress | None = None
    aux_addresses: dict[str, IPAddress] = {}  # noqa: RUF012 (a pydantic field: copied per model)

    def to_api(self) -> IPAMConfig:
        return IPAMConfig(Subnet=self.subnet, IPRange=self.ip_range, Gateway=self.gateway,
                          AuxiliaryAddresses=dict(self.aux_addresses))

    @classmethod
    def of(cls, config: IPAMConfig) -> ScenarioIpam:
        return cls(subnet=config.Subnet, ip_range=config.IPRange, gateway=config.Gateway,
                   aux_addresses=dict(config.AuxiliaryAddresses))


class ScenarioNetwork(ApiModel):
    """A network as the scenario format declares it (``docker network create``'s words):
    ``name``, ``driver``, ``ipam: [{subnet, ip_range, gateway, aux_addresses}]``,
    ``ipam_driver``, ``ipam_options``, ``internal``, ``ipv6``, ``options`` (``-o``),
    ``labels``, ``config_from`` …; :meth:`to_api` gives Docker's create request."""

    name: str
    ipam: tuple[ScenarioIpam, ...] = ()
    ipam_driver: str = "default"
    ipam_options: dict[str, str] = {}  # noqa: RUF012 (a pydantic field: copied per model)
    internal: bool = False
    attachable: bool = False
    ingress: bool = False
    ipv4: bool = True
    ipv6: bool = False
    options: dict[str, str] = {}  # noqa: RUF012 (a pydantic field: copied per model)
    labels: dict[str, str] = {}  # noqa: RUF012 (a pydantic field: copied per model)
    #: ``--scope``: local, swarm or global
    scope: str | None = None
    config_only: bool = False
    config_from: str | None = None
    #: ``-d``: the name of a registered network driver (netsim.daemon.drivers)
    driver: str = "bridge"

    @model_validator(mode="before")
    @classmethod
    def _known_driver(cls, data: Any, info: ValidationInfo) -> Any:
        return check_driver(data, "driver", info)

    def to_api(self) -> NetworkSpec:
        """The create request ``docker network create`` would send for this network."""
        return NetworkSpec(
            Name=self.name, Driver=self.driver, Scope=self.scope, EnableIPv4=self.ipv4,
            EnableIPv6=self.ipv6,
            IPAM=IPAM(Driver=self.ipam_driver, Options=dict(self.ipam_options),
                      Config=tuple(c.to_api() for c in self.ipam)),
            Internal=self.internal, Attachable=self.attachable, Ingress=self.ingress,
            ConfigOnly=self.config_only,
            ConfigFrom=None if self.config_from is None else ConfigReference(
                Network=self.config_from),
            Options=dict(self.options), Labels=dict(self.labels))

    @classmethod
    def of(cls, spec: NetworkSpec) -> ScenarioNetwork:
        """How the format writes ``spec`` (the inverse of :meth:`to_api`)."""
        return cls(
            name=spec.Name, ipam=tuple(ScenarioIpam.of(c) for c in spec.IPAM.Config),
            ipam_driver=spec.IPAM.Driver, ipam_options=dict(spec.IPAM.Options or {}),
            internal=spec.Internal, attachable=spec.Attachable, ingress=spec.Ingress,
            ipv4=spec.EnableIPv4, ipv6=spec.EnableIPv6, options=dict(spec.Options),
            labels=dict(spec.Labels), scope=spec.Scope, config_only=spec.ConfigOnly,
            config_from=spec.ConfigFrom.Network if spec.ConfigFrom is not None else None,
            driver=spec.Driver)


class NetworkStep(ApiModel):
    """A ``network-create`` step: ``docker network create``."""

    host: str = DEFAULT_HOST
    op: Literal["network-create"] = "network-create"
    network: ScenarioNetwork

    def to_api(self) -> NetworkCreate:
        return NetworkCreate(host=self.host, network=self.network.to_api())


class ConnectStep(ApiModel):
    """A ``network-connect`` step: ``docker network connect``, the attachment in the format's
    words (``endpoint: {network, aliases, ipv4_address, …}``)."""

    host: str = DEFAULT_HOST
    op: Literal["network-connect"] = "network-connect"
    container: str
    endpoint: EndpointConfig

    def to_api(self) -> NetworkConnect:
        return NetworkConnect(host=self.host, network=self.endpoint.network,
                              Container=self.container, EndpointConfig=self.endpoint.settings())


class ContainerStep(ApiModel):
    """A ``run``/``create`` step: ``docker create`` (``op: create``) or ``docker run``."""

    host: str = DEFAULT_HOST
    op: Literal["run", "create"] = "run"
    container: Annotated[
        Annotated[ScenarioContainer, Tag("fields")] | Annotated[ContainerSpec, Tag("request")],
        Discriminator(_container_kind),
    ]

    def to_api(self) -> ContainerCreate:
        c = self.container
        return ContainerCreate(host=self.host, op=self.op,
                               container=c.to_api() if isinstance(c, ScenarioContainer) else c)


FileStep = Annotated[
    NetworkStep
    | NetworkRemove
    | NetworkPrune
    | ConnectStep
    | NetworkDisconnect
    | ContainerStep
    | ContainerStart
    | ContainerStop
    | ContainerRestart
    | ContainerPause
    | ContainerRemove
    | ContainerRename
    | ContainerPrune
    | SwarmInit
    | SwarmJoin
    | SwarmLeave
    | Expect,
    Field(discriminator="op"),
]
"""A step as a scenario file writes it (a container in the format's own fields)."""


class ScenarioFile(Scenario):
    """A scenario as its file says it: :class:`netsim.api.Scenario` with the file's steps."""

    steps: tuple[FileStep, ...] = ()  # type: ignore[assignment]

    def to_api(self) -> Scenario:
        """The scenario of API operations."""
        steps: list[Operation] = [
            s.to_api() if isinstance(s, ContainerStep | NetworkStep | ConnectStep) else s
            for s in self.steps]
        data = {name: getattr(self, name) for name in type(self).model_fields if name != "steps"}
        return Scenario.model_validate({**data, "steps": steps})

    @classmethod
    def of(cls, scenario: Scenario) -> ScenarioFile:
        """How a file writes ``scenario`` (containers in the format's fields where they can)."""
        steps: list[Any] = [_file_step(s) for s in scenario.steps]
        data = {name: getattr(scenario, name) for name in type(scenario).model_fields
                if name != "steps"}
        return cls.model_validate({**data, "steps": steps})



def _file_step(op: Operation) -> Any:
    """How a file writes one operation (a container, a network or an attachment in the
    format's words)."""
    if isinstance(op, ContainerCreate):
        return ContainerStep(host=op.host, op=op.op, container=scenario_container(op.container))
    if isinstance(op, NetworkCreate):
        return NetworkStep(host=op.host, network=ScenarioNetwork.of(op.network))
    if isinstance(op, NetworkConnect):
        return ConnectStep(host=op.host, container=op.Container,
                           endpoint=EndpointConfig.of(op.network, op.EndpointConfig))
    return op
