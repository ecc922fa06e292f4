"""The Docker hosts and the LAN they share (the machines under the engines)."""

from __future__ import annotations

import ipaddress
from typing import Literal

from pydantic import Field, field_validator, model_validator

from netsim.api.base import ApiModel

__all__ = ["DEFAULT_HOST", "AddressPool", "DaemonOptions", "Host", "Lan"]

#: The name netsim gives the Docker host when a setup declares none.
DEFAULT_HOST = "host"


class AddressPool(ApiModel):
    """One of the daemon's ``default-address-pools``: a base prefix split into subnets of
    ``size`` bits (``--default-address-pool base=172.30.0.0/16,size=24``)."""

    base: ipaddress.IPv4Network | ipaddress.IPv6Network
    size: int = Field(ge=1, le=128)

    @model_validator(mode="after")
    def _fits(self) -> AddressPool:
        if not self.base.prefixlen <= self.size <= self.base.max_prefixlen:
            # v28.5.2:libnetwork/ipamutils/utils.go SplitNetworks
            raise ValueError(f"invalid pool size {self.size} for base {self.base}")
        return self


class DaemonOptions(ApiModel):
    """The networking options of a host's dockerd (its flags or ``daemon.json``): what the
    default bridge gets and which address pools IPAM draws from (``# netsim: daemon …``)."""

    #: ``--ipv6``: the default bridge is dual-stack (it needs ``fixed_cidr_v6`` on ≤ 26.x)
    ipv6: bool = False
    #: ``--fixed-cidr-v6``: the default bridge's IPv6 subnet
    fixed_cidr_v6: ipaddress.IPv6Network | None = None
    #: ``--ip6tables``: None is the engine's default (on since 27.0, off before)
    ip6tables: bool | None = None
    #: ``--default-address-pool``: replaces the built-in pools when given
    default_address_pools: tuple[AddressPool, ...] = ()
    #: ``--insecure-registry HOST:PORT``: registries the daemon speaks plain HTTP to (besides
    #: loopback ones, always insecure: moby registry/config.go)
    insecure_registries: tuple[str, ...] = ()


class Lan(ApiModel):
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


class Host(ApiModel):
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
    #: the daemon's ID (``docker info``'s ID: a UUID in ``/var/lib/docker/engine-id`` since
    #: 23.0, the trust key's ID ``XBEF:LXKI:…`` on 20.10), from which an engine ≥ 27 derives its
    #: IPv6 ULA pool; none: one made from the seed and the host's name
    engine_id: str | None = Field(default=None, pattern=r"^[A-Za-z0-9][A-Za-z0-9:-]*$")
    #: the daemon's networking options (``# netsim: daemon …`` lines)
    daemon: DaemonOptions = DaemonOptions()

    @field_validator("dns", "thermal_throttle", mode="before")
    @classmethod
    def _split_dns(cls, value: object) -> object:
        if isinstance(value, str):  # "# netsim: host h1 dns=192.168.0.1,1.1.1.1"
            return tuple(v for v in value.split(",") if v)
        return value

    @property
    def effective_hostname(self) -> str:
        return self.hostname or self.name
