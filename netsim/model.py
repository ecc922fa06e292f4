"""What the user declared: Docker hosts, their LAN, networks, containers and the operations on them.

These are the *inputs* of the engine, exactly as a person gives them to ``docker network create``
and ``docker run`` (or writes them in a scenario file). Nothing here is resolved: no address is
chosen, no ID drawn. :mod:`netsim.engine` applies :data:`Operation` values, in order, to produce a
:class:`netsim.state.State`.

All models are strict, closed (``extra="forbid"``) and frozen. Addresses use :mod:`ipaddress`
types; subnets are kept as *interfaces* (``10.1.2.3/24`` stays as given) because Docker's daemon,
not its model, rejects host bits with its own words (``invalid subnet 10.1.2.3/24: it should be
10.1.2.0/24``), and netsim must report exactly that.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Mapping
from typing import Annotated, Literal, TypeAlias

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from netsim import versions
from netsim.errors import InputError

__all__ = [
    "DEFAULT_HOST",
    "PREDEFINED_NETWORKS",
    "BridgeNetwork",
    "ContainerCreate",
    "ContainerPause",
    "ContainerPrune",
    "ContainerRemove",
    "ContainerRename",
    "ContainerRestart",
    "ContainerSpec",
    "ContainerStart",
    "ContainerStop",
    "EndpointConfig",
    "Host",
    "ImageDecl",
    "IpamConfig",
    "IpvlanNetwork",
    "Lan",
    "MacvlanNetwork",
    "NetworkConnect",
    "NetworkCreate",
    "NetworkDisconnect",
    "NetworkPrune",
    "NetworkRemove",
    "NetworkSpec",
    "Operation",
    "OverlayNetwork",
    "PortBinding",
    "Scenario",
    "SwarmInit",
    "SwarmJoin",
    "SwarmLeave",
    "parse_go_bool",
    "parse_port_spec",
    "parse_port_specs",
]

IPAddress: TypeAlias = ipaddress.IPv4Address | ipaddress.IPv6Address
IPInterface: TypeAlias = ipaddress.IPv4Interface | ipaddress.IPv6Interface

#: The name netsim gives the Docker host when a setup declares none.
DEFAULT_HOST = "host"

#: Networks every Docker host has from the start (``docker network ls`` on a fresh engine).
PREDEFINED_NETWORKS = ("bridge", "host", "none")


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, strict=False)


def parse_go_bool(value: str) -> bool:
    """Go's ``strconv.ParseBool``, which Docker uses for boolean driver options."""
    if value in ("1", "t", "T", "TRUE", "true", "True"):
        return True
    if value in ("0", "f", "F", "FALSE", "false", "False"):
        return False
    raise ValueError(f'strconv.ParseBool: parsing "{value}": invalid syntax')


# --------------------------------------------------------------------------------------------
# Hosts and the LAN


class Lan(_Model):
    """The physical segment the Docker hosts share (what macvlan containers join)."""

    subnet: ipaddress.IPv4Network = ipaddress.IPv4Network("198.51.100.0/24")
    #: the router; by default the subnet's first address
    gateway: ipaddress.IPv4Address | None = None
    #: how many routers lie between the LAN router and netsim's internet, which sets the TTL
    #: of the internet's replies (64 minus every router on the way); unset: the internet is far
    #: away and its replies arrive with TTL 117. The conformance lab's internet is 0 routers
    #: beyond its LAN router.
    internet_hops: int | None = Field(default=None, ge=0, le=60, repr=False)

    @model_validator(mode="before")
    @classmethod
    def _default_gateway(cls, data: object) -> object:
        if isinstance(data, dict) and data.get("gateway") is None and "gateway" not in data:
            subnet = ipaddress.IPv4Network(str(data.get("subnet", "198.51.100.0/24")),
                                           strict=False)
            data = {**data, "gateway": subnet.network_address + 1}
        return data

    @model_validator(mode="after")
    def _gateway_inside(self) -> Lan:
        if self.gateway is not None and self.gateway not in self.subnet:
            raise ValueError(f"gateway {self.gateway} is not inside the LAN {self.subnet}")
        return self


class Host(_Model):
    """A machine running a Docker Engine, with one NIC on the LAN."""

    name: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
    hostname: str | None = None  # defaults to ``name``
    address: ipaddress.IPv4Address | None = None  # on the LAN; default: the LAN's .10, .11, …
    interface: str = "eth0"
    #: the nameservers of the host's /etc/resolv.conf; none means Docker's fallback, 8.8.8.8
    #: and 8.8.4.4 (libnetwork internal/resolvconf: a host with only 127.0.0.53 and no
    #: systemd-resolved upstream file has no usable server for containers)
    dns: tuple[ipaddress.IPv4Address, ...] = ()
    #: what the NIC is: a physical Ethernet card (``eth0``, qdisc fq_codel), or one end of a veth
    #: pair whose peer is in another namespace, as for a Docker host that is itself a container
    #: or a namespace (the conformance lab's hosts): ``eth0@ifN``, qdisc noqueue, and the peer's
    #: namespace takes netns id 0, so the host numbers its containers' namespaces from 1
    nic: Literal["physical", "veth"] = "physical"
    #: a veth NIC's peer's interface index in its own namespace (the N of ``eth0@ifN``)
    nic_peer: int = Field(default=2, ge=1)
    #: the release of the host's own ``ip`` (iproute2): 7.3 (Debian sid) prints ``qlen 0`` for
    #: an interface whose txqueuelen is 0 (docker0, veths), 6.15 (Debian 13) prints no qlen
    #: for them (measured in the conformance lab)
    iproute2: Literal["6.15", "7.3"] = "6.15"
    #: the kernel has AppArmor enabled: a started container shows ``"AppArmorProfile":
    #: "docker-default"`` (``""`` without it: v28.5.2:daemon/oci_linux.go WithApparmor sets
    #: the profile only if apparmor.HostSupports(); the conformance lab's kernel has none)
    apparmor: bool = True
    #: the host's cgroup version: on v1 the daemon's default cgroupns mode is ``host`` and
    #: ``OomKillDisable`` stays ``false`` after start; on v2 the default is ``private``
    #: (v28.5.2:daemon/config/config_linux.go:26-30,151-155) and the daemon drops
    #: ``OomKillDisable`` at start (cgroup v2 has no such setting)
    cgroup: Literal["v1", "v2"] = "v2"
    #: the CPUs with ``/sys/devices/system/cpu/cpuN/thermal_throttle``, which Docker ≥ 28 masks
    #: (oci/defaults.go defaultLinuxMaskedPaths); ``thermal_throttle=`` for none
    thermal_throttle: tuple[int, ...] = (0,)

    @field_validator("dns", "thermal_throttle", mode="before")
    @classmethod
    def _split_dns(cls, value: object) -> object:
        if isinstance(value, str):  # "# netsim: host h1 dns=192.168.0.1,1.1.1.1"
            return tuple(v for v in value.split(",") if v)
        return value

    @property
    def effective_hostname(self) -> str:
        return self.hostname or self.name


class ImageDecl(_Model):
    """What netsim should assume about an image it does not know (``# netsim: image …``)."""

    name: str
    expose: tuple[str, ...] = ()
    listen: tuple[str, ...] | None = None  # None: what it exposes
    runs: Literal["server", "shell", "exits"] = "server"


# --------------------------------------------------------------------------------------------
# Networks


class IpamConfig(_Model):
    """One ``--subnet`` with its ``--ip-range``, ``--gateway`` and ``--aux-address`` entries."""

    subnet: IPInterface | None = None
    ip_range: IPInterface | None = None
    gateway: IPAddress | None = None
    aux_addresses: dict[str, IPAddress] = {}


class _NetworkBase(_Model):
    #: any string: the daemon refuses an empty or blank one in its own words (Engine._check_name)
    name: str
    ipam: tuple[IpamConfig, ...] = ()
    ipam_driver: str = "default"
    ipam_options: dict[str, str] = {}
    internal: bool = False
    attachable: bool = False
    ingress: bool = False
    ipv4: bool = True
    ipv6: bool = False
    options: dict[str, str] = {}
    labels: dict[str, str] = {}
    #: ``--scope``: local, swarm or global; the daemon takes any other word as it is (a
    #: local network: libnetwork/network.go NetworkOptionScope)
    scope: str | None = None
    config_only: bool = False
    config_from: str | None = None

    def _bool_option(self, key: str, default: bool) -> bool:
        value = self.options.get(key)
        return default if value is None else parse_go_bool(value)


class BridgeNetwork(_NetworkBase):
    """A user-defined bridge network (``docker network create [-d bridge]``)."""

    driver: Literal["bridge"] = "bridge"

    @property
    def icc(self) -> bool:
        # docs: engine/network/drivers/bridge.md, option table
        return self._bool_option("com.docker.network.bridge.enable_icc", True)

    @property
    def masquerade(self) -> bool:
        return self._bool_option("com.docker.network.bridge.enable_ip_masquerade", True)

    @property
    def bridge_name(self) -> str | None:
        return self.options.get("com.docker.network.bridge.name")

    @property
    def gateway_mode_ipv4(self) -> str:
        return self.options.get("com.docker.network.bridge.gateway_mode_ipv4", "nat")

    @property
    def host_binding_ipv4(self) -> str | None:
        return self.options.get("com.docker.network.bridge.host_binding_ipv4")


class MacvlanNetwork(_NetworkBase):
    """A macvlan network: containers appear as machines on the parent NIC's LAN."""

    driver: Literal["macvlan"] = "macvlan"

    @property
    def parent(self) -> str | None:
        return self.options.get("parent") or None

    @property
    def mode(self) -> str:
        return self.options.get("macvlan_mode") or "bridge"


class IpvlanNetwork(_NetworkBase):
    """An ipvlan network (l2, l3 or l3s); containers share the parent's MAC."""

    driver: Literal["ipvlan"] = "ipvlan"

    @property
    def parent(self) -> str | None:
        return self.options.get("parent") or None

    @property
    def mode(self) -> str:
        return self.options.get("ipvlan_mode") or "l2"


class OverlayNetwork(_NetworkBase):
    """A swarm-scoped overlay network spanning Docker hosts."""

    driver: Literal["overlay"] = "overlay"


NetworkSpec = Annotated[
    BridgeNetwork | MacvlanNetwork | IpvlanNetwork | OverlayNetwork,
    Field(discriminator="driver"),
]

# --------------------------------------------------------------------------------------------
# Ports

_PROTOS = ("tcp", "udp", "sctp")


class PortBinding(_Model):
    """One container port and where it is published (``-p``), after Docker's own parsing.

    ``host_port_start == 0`` means "an ephemeral port"; a range ``host_port_start..host_port_end``
    longer than one port means "the first free port of the range".
    """

    container_port: int = Field(ge=1, le=65535)
    proto: Literal["tcp", "udp", "sctp"] = "tcp"
    host_ip: str = ""  # "" = every address (0.0.0.0 and ::)
    host_port_start: int = Field(default=0, ge=0, le=65535)
    host_port_end: int = Field(default=0, ge=0, le=65535)

    @property
    def port_key(self) -> str:
        return f"{self.container_port}/{self.proto}"


def _split_proto(raw: str) -> tuple[str, str]:
    if "/" in raw:
        port, proto = raw.rsplit("/", 1)
        return port, proto
    return raw, "tcp"


def _parse_port_range(text: str) -> tuple[int, int]:
    """go-connections ``nat.ParsePortRange``; raises ValueError('') on bad input."""
    if "-" in text:
        low_s, high_s = text.split("-", 1)
    else:
        low_s = high_s = text
    if not (low_s.isdigit() and high_s.isdigit()):
        raise ValueError(text)
    low, high = int(low_s), int(high_s)
    if low > 65535 or high > 65535 or high < low:
        raise ValueError(text)
    return low, high


def parse_port_spec(spec: str) -> list[PortBinding]:
    """Parse one ``-p`` value the way docker/cli does (go-connections ``nat.ParsePortSpec``).

    Raises ValueError with Docker's exact message.

    >>> [b.port_key for b in parse_port_spec("8000-8001:80-81")]
    ['80/tcp', '81/tcp']
    """
    # source: docker/go-connections nat/nat.go ParsePortSpec, splitParts
    raw_port, proto = _split_proto(spec)
    proto = proto.lower()
    if proto not in _PROTOS:
        raise ValueError(f"invalid proto: {proto}")
    host_ip = ""
    host_port = ""
    if raw_port.startswith("["):  # [ipv6]:host:container
        close = raw_port.find("]")
        if close < 0:
            raise ValueError(f"invalid IP address: {raw_port}")
        host_ip = raw_port[1:close]
        rest = raw_port[close + 1 :].lstrip(":")
        parts = rest.split(":")
        if len(parts) == 2:
            host_port, container_port = parts
        else:
            container_port = parts[-1]
    else:
        parts = raw_port.split(":")
        if len(parts) == 1:
            container_port = parts[0]
        elif len(parts) == 2:
            host_port, container_port = parts
        elif len(parts) == 3:
            host_ip, host_port, container_port = parts
        else:  # an IPv6 address without brackets: everything before the last two parts
            host_ip = ":".join(parts[:-2])
            host_port, container_port = parts[-2], parts[-1]
    if host_ip:
        try:
            ipaddress.ip_address(host_ip)
        except ValueError:
            raise ValueError(f"invalid IP address: {host_ip}") from None
    if container_port == "":
        raise ValueError(f"no port specified: {spec}<empty>")
    try:
        c_low, c_high = _parse_port_range(container_port)
    except ValueError:
        raise ValueError(f"invalid containerPort: {container_port}") from None
    h_low = h_high = 0
    if host_port:
        try:
            h_low, h_high = _parse_port_range(host_port)
        except ValueError:
            raise ValueError(f"invalid hostPort: {host_port}") from None
    c_len, h_len = c_high - c_low, h_high - h_low
    if host_port and c_len != h_len and c_len != 0:
        raise ValueError(
            "invalid ranges specified for container and host Ports: "
            f"{container_port} and {host_port}"
        )
    out: list[PortBinding] = []
    for i in range(c_len + 1):
        if not host_port:
            start = end = 0
        elif c_len == 0 and h_len != 0:  # one container port, a host range: first free in range
            start, end = h_low, h_high
        else:
            start = end = h_low + i
        out.append(
            PortBinding(
                container_port=c_low + i,
                proto=proto,
                host_ip=host_ip,
                host_port_start=start,
                host_port_end=end,
            )
        )
    return out


def parse_port_specs(specs: tuple[str, ...] | list[str]) -> list[PortBinding]:
    return [b for spec in specs for b in parse_port_spec(spec)]


def parse_expose(value: str) -> list[str]:
    """``--expose 80``, ``--expose 8000-8002/udp`` → ``["80/tcp"]`` …; Docker's message on error."""
    port, proto = _split_proto(value)
    proto = proto.lower()
    if proto not in _PROTOS:
        raise ValueError(f"invalid proto: {proto}")
    try:
        low, high = _parse_port_range(port)
    except ValueError:
        raise ValueError(f"invalid range format for --expose: {value}, error: {port}") from None
    return [f"{p}/{proto}" for p in range(low, high + 1)]


# --------------------------------------------------------------------------------------------
# Containers


class EndpointConfig(_Model):
    """How a container joins one network: ``--network NAME`` plus its per-network settings."""

    network: str = Field(min_length=1)
    aliases: tuple[str, ...] = ()
    ipv4_address: ipaddress.IPv4Address | None = None
    ipv6_address: ipaddress.IPv6Address | None = None
    links: tuple[str, ...] = ()  # on a user-defined network: container-private DNS aliases
    mac_address: str | None = None
    driver_opts: dict[str, str] = {}
    gw_priority: int = 0
    link_local_ips: tuple[IPAddress, ...] = ()


_NAME_RE = re.compile(r"^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$")


class ContainerSpec(_Model):
    """Everything ``docker run``/``docker create`` was told.

    ``networks`` lists the ``--network`` attachments in the order given; the first one is the
    network mode (``bridge``, ``host``, ``none``, ``container:<name|id>`` or a network name).
    Empty means Docker's default (the default bridge). ``links`` are the legacy ``--link``
    values (``name[:alias]``). ``options`` keeps every other flag as given, in order, so that
    ``inspect`` can show it and nothing the user wrote is lost.
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
        # source: moby daemon/names.go validContainerNamePattern
        if name is not None and not _NAME_RE.match(name):
            raise ValueError(
                f"Invalid container name ({name}), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed"
            )
        return name.lstrip("/") if name else name

    @field_validator("image")
    @classmethod
    def _valid_image(cls, image: str) -> str:
        from netsim.images import parse_image_ref

        parse_image_ref(image)  # distribution/reference's own words on a bad reference
        return image

    @field_validator("publish")
    @classmethod
    def _valid_publish(cls, publish: tuple[str, ...]) -> tuple[str, ...]:
        parse_port_specs(publish)
        return publish

    @field_validator("expose")
    @classmethod
    def _valid_expose(cls, expose: tuple[str, ...]) -> tuple[str, ...]:
        for value in expose:
            parse_expose(value)
        return expose

    @property
    def network_mode(self) -> str:
        """HostConfig.NetworkMode: the first ``--network``; ``bridge`` when none was given."""
        if not self.networks or self.networks[0].network == "default":
            return "bridge"
        return self.networks[0].network

    def port_bindings(self) -> list[PortBinding]:
        return parse_port_specs(self.publish)

    def exposed_ports(self) -> list[str]:
        return [p for value in self.expose for p in parse_expose(value)]


# --------------------------------------------------------------------------------------------
# Operations


class _Op(_Model):
    host: str = DEFAULT_HOST


class NetworkCreate(_Op):
    """``docker network create``."""

    op: Literal["network-create"] = "network-create"
    network: NetworkSpec


class NetworkRemove(_Op):
    """``docker network rm NAME``."""

    op: Literal["network-rm"] = "network-rm"
    name: str
    force: bool = False


class NetworkPrune(_Op):
    """``docker network prune -f``."""

    op: Literal["network-prune"] = "network-prune"


class NetworkConnect(_Op):
    """``docker network connect [--alias …] [--ip …] NETWORK CONTAINER``."""

    op: Literal["network-connect"] = "network-connect"
    container: str
    endpoint: EndpointConfig


class NetworkDisconnect(_Op):
    """``docker network disconnect [-f] NETWORK CONTAINER``."""

    op: Literal["network-disconnect"] = "network-disconnect"
    network: str
    container: str
    force: bool = False


class ContainerCreate(_Op):
    """``docker create`` (``start=False``) or ``docker run`` (``start=True``)."""

    op: Literal["run", "create"] = "run"
    container: ContainerSpec

    @property
    def start(self) -> bool:
        return self.op == "run"


class ContainerStart(_Op):
    op: Literal["start"] = "start"
    container: str


class ContainerStop(_Op):
    """``docker stop`` (also ``kill``: the same outcome for networking).

    ``exit_code`` set means the main process ended by itself with that code (a shell's
    ``exit``), rather than being stopped by a signal. ``docker stop`` ends the container
    whatever happens (SIGKILL after the timeout); ``docker kill -s SIG`` (``kill=True``) may
    leave it running when its main process ignores the signal.
    """

    op: Literal["stop"] = "stop"
    container: str
    exit_code: int | None = Field(default=None, ge=0, le=255)
    #: ``docker stop -s`` / ``docker kill -s``: the signal sent (None: the image's stop signal)
    signal: str | None = None
    #: ``docker kill``: only the signal, no SIGKILL after a timeout (the container may go on)
    kill: bool = False


class ContainerRestart(_Op):
    op: Literal["restart"] = "restart"
    container: str


class ContainerPause(_Op):
    """``docker pause`` (``op="unpause"``: ``docker unpause``): the freezer cgroup stops (or
    thaws) the container's processes; its sandbox, endpoints and published ports stay."""

    op: Literal["pause", "unpause"] = "pause"
    container: str


class ContainerRemove(_Op):
    op: Literal["rm"] = "rm"
    container: str
    force: bool = False
    #: ``docker rm -l PARENT/ALIAS``: remove that legacy link, not a container
    link: bool = False


class ContainerRename(_Op):
    op: Literal["rename"] = "rename"
    container: str
    new_name: str


class SwarmInit(_Op):
    """``docker swarm init``: this host becomes the first manager of a new swarm."""

    op: Literal["swarm-init"] = "swarm-init"
    advertise_addr: str | None = None
    default_addr_pools: tuple[ipaddress.IPv4Network, ...] = ()
    default_addr_pool_mask_length: int = Field(default=24, ge=1, le=32)


class SwarmJoin(_Op):
    """``docker swarm join --token T ADDR[:PORT]``."""

    op: Literal["swarm-join"] = "swarm-join"
    token: str
    remote: str


class SwarmLeave(_Op):
    """``docker swarm leave [--force]``."""

    op: Literal["swarm-leave"] = "swarm-leave"
    force: bool = False


class ContainerPrune(_Op):
    """``docker container prune -f``: removes every stopped container."""

    op: Literal["container-prune"] = "container-prune"


class Expect(_Op):
    """An expectation checked at this point of the replay (``# netsim: expect TEXT`` in a
    script; :mod:`netsim.check` gives the forms). The engine does nothing with it."""

    op: Literal["expect"] = "expect"
    text: str = Field(min_length=1)


Operation = Annotated[
    NetworkCreate
    | NetworkRemove
    | NetworkPrune
    | NetworkConnect
    | NetworkDisconnect
    | ContainerCreate
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


class Scenario(_Model):
    """A whole setup: the hosts, their LAN, image facts, and the operations in order.

    With no ``hosts``, one host named :data:`DEFAULT_HOST` exists.
    """

    version: Literal[1] = 1
    #: the Docker Engine whose rules apply: a supported profile of :mod:`netsim.versions`
    #: ("29.1" by default; "28.5", "28.5.2" and "28" all read as "28.5")
    engine_version: str = Field(default="29.1", description=(
        "The Docker Engine whose rules apply: 20.10, 26.1, 28.5 or 29.1 (a patch release or "
        "a major version names the same profile)"))
    lan: Lan = Field(default_factory=Lan)
    hosts: tuple[Host, ...] = ()
    images: tuple[ImageDecl, ...] = ()
    steps: tuple[Operation, ...] = ()

    @field_validator("engine_version")
    @classmethod
    def _known_engine(cls, value: str) -> str:
        try:
            return versions.profile(value).name
        except InputError as err:
            raise PydanticCustomError("unknown_engine", err.what,
                                      {"accepted": err.accepted or ""}) from None

    @model_validator(mode="after")
    def _check(self) -> Scenario:
        names = [h.name for h in self.hosts]
        for name in names:
            if names.count(name) > 1:
                raise ValueError(f"host {name!r} is declared twice")
        addresses = [h.address for h in self.hosts if h.address is not None]
        for addr in addresses:
            if addresses.count(addr) > 1:
                raise ValueError(f"two hosts have the LAN address {addr}")
            if addr not in self.lan.subnet:
                raise ValueError(f"host address {addr} is not on the LAN {self.lan.subnet}")
        known = set(names) if names else {DEFAULT_HOST}
        for i, step in enumerate(self.steps):
            if step.host not in known:
                raise ValueError(
                    f"steps.{i}.host: unknown Docker host {step.host!r} "
                    f"(declared: {', '.join(sorted(known))})"
                )
        return self

    def effective_hosts(self) -> tuple[Host, ...]:
        """The declared hosts, or the single default one; each with its LAN address."""
        hosts = self.hosts or (Host(name=DEFAULT_HOST),)
        taken = {h.address for h in hosts if h.address is not None}
        out = []
        candidates = (a for a in self.lan.subnet.hosts() if int(a) - int(self.lan.subnet[0]) >= 10)
        for h in hosts:
            if h.address is None:
                addr = next(a for a in candidates if a not in taken and a != self.lan.gateway)
                h = h.model_copy(update={"address": addr})
            out.append(h)
        return tuple(out)

    @property
    def profile(self) -> versions.EngineProfile:
        """The :class:`netsim.versions.EngineProfile` that ``engine_version`` names."""
        return versions.profile(self.engine_version)

    def image_decls(self) -> Mapping[str, ImageDecl]:
        return {d.name: d for d in self.images}
