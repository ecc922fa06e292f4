"""Hypothesis strategies shared by the property tests: programs of Docker operations."""

from __future__ import annotations

import ipaddress

from hypothesis import strategies as st

from netsim.api import (
    BridgeNetwork,
    ContainerConfig,
    ContainerCreate,
    ContainerRemove,
    ContainerRestart,
    ContainerSpec,
    ContainerStart,
    ContainerStop,
    EndpointConfig,
    HostConfig,
    IPAMConfig,
    NetworkConnect,
    NetworkCreate,
    NetworkDisconnect,
    NetworkingConfig,
    NetworkRemove,
    Operation,
)

NETWORKS = ("n0", "n1", "n2", "n3")
CONTAINERS = tuple(f"c{i}" for i in range(8))


def container(name: str, image: str, nets: tuple[EndpointConfig, ...] = (),
              command: tuple[str, ...] = (), publish: tuple[str, ...] = ()) -> ContainerSpec:
    """The create request of ``docker run --name NAME [--network …] [-p …] IMAGE COMMAND``:
    the first network is the network mode, every one has its endpoint settings."""
    from netsim.dockercli.publish import port_map

    return ContainerSpec(
        name=name, Config=ContainerConfig(Image=image, Cmd=command),
        HostConfig=HostConfig(NetworkMode=nets[0].network if nets else "default",
                              PortBindings=port_map(publish)),
        NetworkingConfig=NetworkingConfig(
            EndpointsConfig={e.network: e.settings() for e in nets}))


@st.composite
def ipam_configs(draw: st.DrawFn) -> tuple[IPAMConfig, ...]:
    """No config (pools), or a small /28–/24 subnet with an optional range, gateway and aux."""
    if draw(st.booleans()):
        return ()
    third = draw(st.integers(0, 3))
    prefix = draw(st.integers(24, 28))
    subnet = ipaddress.IPv4Network(f"10.{draw(st.integers(0, 1))}.{third}.0/{prefix}")
    cfg: dict[str, object] = {"Subnet": ipaddress.IPv4Interface(str(subnet))}
    hosts = list(subnet.hosts())
    if draw(st.booleans()):
        sub_prefix = draw(st.integers(prefix + 1, 30))
        ranges = list(subnet.subnets(new_prefix=sub_prefix))
        rng = draw(st.sampled_from(ranges))
        cfg["IPRange"] = ipaddress.IPv4Interface(str(rng))
    if draw(st.booleans()):
        cfg["Gateway"] = draw(st.sampled_from(hosts))
    if draw(st.booleans()):
        cfg["AuxiliaryAddresses"] = {"router": draw(st.sampled_from(hosts))}
    return (IPAMConfig(**cfg),)  # type: ignore[arg-type]


def network_creates() -> st.SearchStrategy[Operation]:
    return st.builds(
        lambda name, ipam, internal: NetworkCreate(
            network=BridgeNetwork(name=name, ipam=ipam, internal=internal)
        ),
        st.sampled_from(NETWORKS),
        ipam_configs(),
        st.booleans(),
    )


@st.composite
def endpoint_configs(draw: st.DrawFn, network: str) -> EndpointConfig:
    ip = None
    if draw(st.integers(0, 4)) == 0:
        ip = ipaddress.IPv4Address(f"10.{draw(st.integers(0, 1))}.{draw(st.integers(0, 3))}."
                                   f"{draw(st.integers(1, 254))}")
    aliases = ("web",) if draw(st.booleans()) else ()
    return EndpointConfig(network=network, ipv4_address=ip, aliases=aliases)


@st.composite
def runs(draw: st.DrawFn) -> Operation:
    name = draw(st.sampled_from(CONTAINERS))
    choice = draw(st.sampled_from(["default", "user", "user2"]))
    nets: tuple[EndpointConfig, ...] = ()
    if choice != "default":
        first = draw(st.sampled_from(NETWORKS))
        nets = (draw(endpoint_configs(first)),)
        if choice == "user2":
            second = draw(st.sampled_from([n for n in NETWORKS if n != first]))
            nets += (draw(endpoint_configs(second)),)
    start = draw(st.integers(0, 3)) > 0
    return ContainerCreate(
        op="run" if start else "create",
        container=container(name, "nginx", nets),
    )


def container_ops() -> st.SearchStrategy[Operation]:
    name = st.sampled_from(CONTAINERS)
    net = st.sampled_from(NETWORKS)
    return st.one_of(
        runs(),
        st.builds(lambda c: ContainerStop(container=c), name),
        st.builds(lambda c: ContainerStart(container=c), name),
        st.builds(lambda c: ContainerRestart(container=c), name),
        st.builds(lambda c, f: ContainerRemove(container=c, force=f), name, st.booleans()),
        st.builds(lambda n, c, e: NetworkConnect(network=e.network, Container=c,
                                                    EndpointConfig=e.settings()), net, name,
                  net.flatmap(endpoint_configs)),
        st.builds(lambda n, c: NetworkDisconnect(network=n, container=c), net, name),
        st.builds(lambda n: NetworkRemove(name=n), net),
    )


def programs() -> st.SearchStrategy[list[Operation]]:
    """A few networks, then a mix of container and network operations."""
    return st.tuples(
        st.lists(network_creates(), min_size=1, max_size=4),
        st.lists(container_ops(), min_size=1, max_size=30),
    ).map(lambda t: [*t[0], *t[1]])


# --------------------------------------------------------------------------------------------
# Reachability: programs mixing every network mode and the bridge options that change who
# reaches whom (internal, ICC off, masquerade off), with published ports and listeners.

REACH_NETWORKS = ("n0", "n1", "n2")
REACH_CONTAINERS = tuple(f"c{i}" for i in range(7))


@st.composite
def reach_network_creates(draw: st.DrawFn, name: str) -> Operation:
    options: dict[str, str] = {}
    if draw(st.integers(0, 3)) == 0:
        options["com.docker.network.bridge.enable_icc"] = "false"
    if draw(st.integers(0, 4)) == 0:
        options["com.docker.network.bridge.enable_ip_masquerade"] = "false"
    return NetworkCreate(network=BridgeNetwork(
        name=name, internal=draw(st.integers(0, 3)) == 0,
        options=options))


@st.composite
def reach_runs(draw: st.DrawFn) -> Operation:
    name = draw(st.sampled_from(REACH_CONTAINERS))
    mode = draw(st.sampled_from(["default", "user", "user2", "host", "none", "container"]))
    nets: tuple[EndpointConfig, ...] = ()
    if mode in ("user", "user2"):
        first = draw(st.sampled_from(REACH_NETWORKS))
        nets = (EndpointConfig(network=first),)
        if mode == "user2":
            nets += (EndpointConfig(network=draw(st.sampled_from(
                [n for n in REACH_NETWORKS if n != first]))),)
    elif mode in ("host", "none"):
        nets = (EndpointConfig(network=mode),)
    elif mode == "container":
        owner = draw(st.sampled_from(REACH_CONTAINERS))
        nets = (EndpointConfig(network=f"container:{owner}"),)
    image, command = draw(st.sampled_from([
        ("nginx", ()), ("alpine", ("sleep", "1d")), ("alpine", ("nc", "-lk", "-p", "8080")),
        ("redis", ()),
    ]))
    publish: tuple[str, ...] = ()
    if mode not in ("host", "container") and draw(st.integers(0, 2)) == 0:
        publish = (draw(st.sampled_from(["8080:80", "127.0.0.1:8081:80", "9090:8080",
                                         "8082:6379"])),)
    return ContainerCreate(op="run", container=container(name, image, nets, command, publish))


def reach_ops() -> st.SearchStrategy[Operation]:
    name = st.sampled_from(REACH_CONTAINERS)
    net = st.sampled_from((*REACH_NETWORKS, "bridge"))
    return st.one_of(
        reach_runs(), reach_runs(),
        st.builds(lambda c: ContainerStop(container=c), name),
        st.builds(lambda c: ContainerRestart(container=c), name),
        st.builds(lambda n, c: NetworkConnect(network=n, Container=c),
                  net, name),
        st.builds(lambda n, c: NetworkDisconnect(network=n, container=c), net, name),
    )


def reach_programs() -> st.SearchStrategy[list[Operation]]:
    """Three networks, several containers started, then a few more operations."""
    return st.tuples(
        st.tuples(*(reach_network_creates(n) for n in REACH_NETWORKS)),
        st.lists(reach_runs(), min_size=2, max_size=8),
        st.lists(reach_ops(), max_size=6),
    ).map(lambda t: [*t[0], *t[1], *t[2]])


# Two Docker hosts on one LAN, each with a macvlan network on its NIC (one subnet, two ranges,
# as in the seed's macvlan lesson), a user bridge, and containers of every mode.

LAN_HOSTS = ("h1", "h2")


@st.composite
def lan_runs(draw: st.DrawFn) -> Operation:
    host = draw(st.sampled_from(LAN_HOSTS))
    name = draw(st.sampled_from(REACH_CONTAINERS))
    mode = draw(st.sampled_from(["mv", "mv", "br", "default", "host", "mv+br"]))
    nets: tuple[EndpointConfig, ...] = {
        "mv": (EndpointConfig(network="mv"),),
        "br": (EndpointConfig(network="br"),),
        "default": (),
        "host": (EndpointConfig(network="host"),),
        "mv+br": (EndpointConfig(network="mv"), EndpointConfig(network="br")),
    }[mode]
    publish = ("8080:80",) if mode in ("br", "default") and draw(st.booleans()) else ()
    return ContainerCreate(op="run", host=host,
                           container=container(name, "nginx", nets, publish=publish))


def lan_programs() -> st.SearchStrategy[list[Operation]]:
    from netsim.api import MacvlanNetwork

    setup: list[Operation] = []
    for i, host in enumerate(LAN_HOSTS):
        setup.append(NetworkCreate(host=host, network=MacvlanNetwork(
            name="mv", options={"parent": "eth0"}, ipam=(IPAMConfig(
                Subnet=ipaddress.IPv4Interface("192.168.0.0/24"),
                IPRange=ipaddress.IPv4Interface(f"192.168.0.{64 * (i + 1)}/26"),
                Gateway=ipaddress.IPv4Address("192.168.0.1")),))))
        setup.append(NetworkCreate(host=host, network=BridgeNetwork(name="br")))
    return st.tuples(st.lists(lan_runs(), min_size=2, max_size=10),
                     st.lists(st.builds(lambda h, c: ContainerStop(host=h, container=c),
                                        st.sampled_from(LAN_HOSTS),
                                        st.sampled_from(REACH_CONTAINERS)), max_size=2)
                     ).map(lambda t: [*setup, *t[0], *t[1]])
