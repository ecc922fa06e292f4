"""Hypothesis strategies shared by the property tests: programs of Docker operations."""

from __future__ import annotations

import dataclasses
import functools
import ipaddress
from pathlib import Path

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


# --------------------------------------------------------------------------------------------
# Contract fuzzing (tests/test_contract_fuzz.py): what a person types or writes — scripts,
# native scenarios (YAML/JSON), expectation lines — drawn from the bundled examples, with
# real Docker flags, then mutated the way hands and editors mutate text: a token dropped,
# doubled or swapped, a bad flag, address or CIDR, an unknown name, a quote left open, odd
# unicode, huge numbers, empty lines, CRLF, a BOM, bytes that are not UTF-8.

SCENARIO_DIR = Path(__file__).resolve().parent.parent / "scenarios"


@functools.cache
def example_script_lines() -> tuple[str, ...]:
    """Every physical line of the bundled scripts (commands, continuations, comments,
    directives, expectations, lines typed inside a container), in file order."""
    seen: dict[str, None] = {}
    for path in sorted(SCENARIO_DIR.glob("*.sh")):
        for line in path.read_text(encoding="utf-8").splitlines():
            seen.setdefault(line, None)
    return tuple(seen)


@functools.cache
def bundled_scripts() -> tuple[str, ...]:
    """The text of every bundled script."""
    return tuple(p.read_text(encoding="utf-8") for p in sorted(SCENARIO_DIR.glob("*.sh")))


#: docker commands netsim knows, with real flags, beside those of the bundled examples
EXTRA_COMMANDS = (
    "docker network create n1",
    "docker network create --subnet 10.0.0.0/24 --gateway 10.0.0.1 n2",
    "docker network create --internal --subnet=10.1.0.0/16 --ip-range=10.1.2.0/24 n3",
    "docker network create -d macvlan --subnet 192.168.0.0/24 -o parent=eth0 mv",
    "docker network create --driver ipvlan -o ipvlan_mode=l2 -o parent=eth0 iv",
    "docker network create --aux-address a=10.0.0.2 --subnet 10.0.0.0/24 n4",
    "docker network create -o com.docker.network.bridge.enable_icc=false quiet",
    "docker network create --ipv6 --subnet fd00::/64 v6",
    "docker run -d --name web --network n1 -p 8080:80 nginx",
    "docker run -d --name db --network n1 --network-alias database redis",
    "docker run -d --name api --network n2 --ip 10.0.0.5 -p 127.0.0.1::80 nginx",
    "docker run -dit --name c1 --network n1 alpine ash",
    "docker run -d --name side --network container:web alpine sleep 1d",
    "docker run -d --name hostnet --network host nginx",
    "docker run -d --name lonely --network none alpine sleep 1d",
    "docker run -d -P --name pub --expose 9000/udp nginx",
    "docker run -d --name linked --link db:mysql --dns 8.8.8.8 -h box alpine sleep 1d",
    "docker run -d --name mac --mac-address 02:42:ac:11:00:99 --add-host x:10.9.9.9 nginx",
    "docker create --name later --network n1 nginx",
    "docker start later",
    "docker stop web",
    "docker restart db",
    "docker pause db",
    "docker unpause db",
    "docker rename c1 c2",
    "docker rm -f web",
    "docker network connect --alias api --ip 10.0.0.9 n2 web",
    "docker network connect n1 c1",
    "docker network disconnect -f n1 c1",
    "docker network rm n1",
    "docker network prune -f",
    "docker container prune -f",
    "docker network ls --filter driver=bridge -q",
    "docker network inspect --format '{{json .IPAM}}' n1",
    "docker ps -a --format '{{.Names}} {{.Ports}}'",
    "docker port web 80/tcp",
    "docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' web",
    "docker exec web ping -c 1 db",
    "docker exec -it c1 curl -s http://web/",
    "docker exec db getent hosts web",
    "docker swarm init --advertise-addr 10.0.0.1",
    "docker network create -d overlay --attachable ov",
    "ping -c 1 172.17.0.2",
    "curl -s localhost:8080",
    "ip addr",
    "echo hello > note.txt",
    "cat /etc/hosts",
    "# netsim: image mybuild expose=80/tcp",
    "# netsim: host h2 address=192.168.0.52",
    "# netsim: lan 192.168.0.0/24 gateway=192.168.0.1",
    "# netsim: engine 28.5",
    "# netsim: expect web reaches db on 6379",
    "# netsim: expect @internet reaches @host on 8080",
    "# netsim: expect c1 resolves database",
)

#: words of docker command lines, shuffled into commands that are nearly right (the first
#: fuzz tests' word list)
DOCKER_WORDS = (
    "run", "create", "start", "stop", "rm", "-f", "network", "create", "connect",
    "disconnect", "inspect", "ls", "ps", "-a", "port", "exec", "attach", "rename", "swarm",
    "init", "join", "leave", "--name", "web", "db", "n1", "n2", "--network", "--net",
    "container:web", "host", "none", "bridge", "-p", "80", "8080:80", "127.0.0.1::80", "-P",
    "--ip", "10.0.0.5", "172.18.0.9", "--subnet", "10.0.0.0/24", "10.1.2.3/24", "--ip-range",
    "10.0.0.128/25", "--gateway", "10.0.0.1", "--aux-address", "a=10.0.0.2", "--internal",
    "-d", "-it", "--alias", "--network-alias", "x", "--link", "db:mysql", "nginx", "alpine",
    "ubuntu:14.04", "macvlan", "-o", "parent=eth0", "parent=eth0.4095", "--driver", "overlay",
    "--attachable", "-H", "h2", "--rm", "--expose", "9000/udp", "-h", "name", "--dns",
    "8.8.8.8", "--mac-address", "02:42:ac:11:00:99", "ping", "exit", "—name", "”1g”",
    "$(docker ps -q)", "'", '"', "\\", "#", "=", "", "::", "[::1]:80:80", "--format",
    "{{.Name}}", "{{json .}}", "{{range .X}}", "--filter", "name=w", "prune", "-q",
)

#: names the examples use (containers, networks, hosts), vantage points, and some that exist
#: nowhere
NAMES = (
    "web", "db", "api", "c1", "c2", "n1", "n2", "alpine1", "alpine2", "alpine3", "alpine4",
    "proxy", "app", "client", "vpn", "peer", "wordpress", "wordpressdb", "mysql", "database",
    "my_nginx", "custom_network_container", "server1/c1", "server2/c2", "host1/alpine1",
    "network_none", "network_host", "alicek106", "my-macvlan-alpine", "tool", "legacy",
    "@host", "@lan", "@internet", "@server1", "@h2", "localhost", "8.8.8.8", "172.17.0.2",
    "172.18.0.3", "10.10.0.3", "google.com", "nosuch", "@nosuch", "h9/web", "",
)

#: tokens a careless hand or a broken editor puts where a good one was
BAD_TOKENS = (
    "--nosuchflag", "-Z", "--network", "--ip=300.1.2.3", "999.0.0.1", "10.0.0.0/33",
    "10.0.0.1/24", "fe80::/129", "::ffff:1.2.3.4", "1.2.3", "nosuch", "'unterminated",
    '"unterminated', "—name", "–net", "”1g”", "\u200b", "é", "\U0001f433", "\u202e", "\x00",
    "\x1b[31m", "\ufeff", "\t", "99999999999999999999", "-1", "0", "65536", "8080:99999",
    "$(", "$(docker ps -q)", "`", "\\", ";", "|", "&&", ">", ">>out.txt", "2>&1", "<", "#",
    "=", ":", "::", "[::1]:80:80", "{{", "{{.Name}}", "{{range .X}}", "--format", "-p", "-o",
    "-H", "nosuchhost", "container:nosuch", "''", "\"\"", "*", "~", "..", "/", "-", "--",
)

DISPOSITION_WORDS = (
    "DELIVERED", "NOTHING_LISTENING", "PORT_NOT_PUBLISHED", "CONTAINER_NOT_RUNNING",
    "NO_INTERFACE", "NO_ROUTE", "INTERNAL_NETWORK", "ISOLATED_NETWORKS", "ICC_DISABLED",
    "MACVLAN_HOST_ISOLATION", "NAME_NOT_RESOLVED", "BOGUS", "delivered",
)

PORT_WORDS = ("80", "8080", "53/udp", "6379/tcp", "5432", "0", "65536", "-1", "80/sctp",
              "x/y", "99999999999999999999", "")


def _mutate_tokens(tokens: list[str], draw: st.DrawFn) -> list[str]:
    """One mutation of a line's words: drop, double, swap, replace or insert a token."""
    kind = draw(st.sampled_from(["drop", "dup", "swap", "replace", "insert"]))
    if not tokens:
        return [draw(st.sampled_from(BAD_TOKENS))]
    i = draw(st.integers(0, len(tokens) - 1))
    if kind == "drop":
        return tokens[:i] + tokens[i + 1:]
    if kind == "dup":
        return tokens[:i + 1] + tokens[i:]
    if kind == "swap" and len(tokens) > 1:
        j = min(i + 1, len(tokens) - 1)
        i = j - 1
        return [*tokens[:i], tokens[j], tokens[i], *tokens[j + 1:]]
    bad = draw(st.sampled_from(BAD_TOKENS + NAMES))
    if kind == "replace":
        return [*tokens[:i], bad, *tokens[i + 1:]]
    return [*tokens[:i], bad, *tokens[i:]]


@st.composite
def mutated_line(draw: st.DrawFn, line: str) -> str:
    """``line`` as it is (often), or with a few word mutations, or cut short."""
    how = draw(st.integers(0, 5))
    if how <= 1:
        return line
    if how == 5:
        return line[:draw(st.integers(0, len(line)))]
    tokens = line.split(" ")
    for _ in range(draw(st.integers(1, 2))):
        tokens = _mutate_tokens(tokens, draw)
    return " ".join(tokens)


def expectation_texts(names: tuple[str, ...] = ()) -> st.SearchStrategy[str]:
    """The words after ``# netsim: expect``: every form of the grammar
    (netsim.analysis.check.FORMS) with names (``names``: those of the input, drawn more
    often), ports and dispositions good and bad, and some of them mutated."""
    name = st.sampled_from(NAMES)
    if names:
        name = st.sampled_from(names) | name
    neg = st.sampled_from(["", "does not ", "cannot "])
    on = st.sampled_from(PORT_WORDS).map(lambda p: f" on {p}") | st.just("")
    because = st.sampled_from(DISPOSITION_WORDS).map(lambda d: f" because {d}") | st.just("")
    reach = st.builds(lambda s, n, d, o, b: f"{s} {n}{'reach' if n else 'reaches'} {d}{o}{b}",
                      name, neg, name, on, because)
    addrs = st.lists(st.sampled_from(["172.18.0.2", "172.18.0.3", "10.10.0.3", "1.2.3",
                                      "::1", ""]), min_size=1, max_size=3).map(",".join)
    resolve = st.builds(lambda s, n, t, a: f"{s} {n}{'resolve' if n else 'resolves'} {t}"
                        + (f" to {a}" if a and not n else ""), name, neg, name,
                        st.none() | addrs)
    command = st.sampled_from(["ping -c 1 db", "ifconfig eth0", "getent hosts example.org",
                               "hostname -i", "curl -s http://web/", "dig +short db",
                               "nc -zv db 6379", "nosuchtool", "ping"])
    runs = st.builds(lambda s, c, n: f"{s} runs {c} and exits {n}", name, command,
                     st.sampled_from(["0", "1", "2", "6", "-1", "x", "256",
                                      "99999999999999999999"]))
    free = st.lists(st.sampled_from(["reaches", "does", "not", "resolves", "runs", "and",
                                     "exits", "on", "to", "because", *NAMES[:8]]),
                    max_size=7).map(" ".join)
    text = st.one_of(reach, reach, resolve, runs, free)

    @st.composite
    def maybe_mutated(draw: st.DrawFn) -> str:
        return draw(mutated_line(draw(text)))

    return maybe_mutated()


@st.composite
def script_texts(draw: st.DrawFn) -> str:
    """A short script: lines of the bundled examples and extra docker commands, some mutated,
    some new expectations, with empty lines, CRLF, a BOM or a final continuation."""
    pool = example_script_lines() + EXTRA_COMMANDS
    lines: list[str] = []
    if draw(st.integers(0, 2)) == 0:  # a bundled script, cut short, a line or two mutated
        whole = draw(st.sampled_from(bundled_scripts())).splitlines()
        lines = whole[:draw(st.integers(1, len(whole)))]
        for _ in range(draw(st.integers(0, 2))):
            i = draw(st.integers(0, len(lines) - 1))
            lines[i] = draw(mutated_line(lines[i]))
    n = draw(st.integers(0 if lines else 1, 4 if lines else 8))
    for _ in range(n):
        kind = draw(st.integers(0, 9))
        if kind == 0:
            lines.append("")
        elif kind == 1:
            lines.append("# netsim: expect " + draw(expectation_texts()))
        elif kind == 2:
            words = draw(st.lists(st.sampled_from(DOCKER_WORDS), min_size=1, max_size=9))
            lines.append(" ".join(["docker", *words]))
        else:
            lines.append(draw(mutated_line(draw(st.sampled_from(pool)))))
    newline = draw(st.sampled_from(["\n", "\n", "\n", "\r\n", "\r"]))
    text = newline.join(lines)
    ending = draw(st.sampled_from(["\n"] * 6 + ["", " \\\n", "\\", "'"]))
    bom = draw(st.sampled_from(["", "", "", "\ufeff"]))
    return bom + text + ending


def _nodes(data: object, path: tuple[object, ...] = ()) -> list[tuple[object, ...]]:
    """The path of every node of a parsed YAML document (the root first)."""
    out = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            out += _nodes(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            out += _nodes(value, (*path, i))
    return out


SCENARIO_KEYS = ("version", "engine_version", "lan", "hosts", "images", "steps", "op",
                 "network", "container", "name", "driver", "image", "networks", "ipam",
                 "subnet", "ip_range", "gateway", "publish", "host", "address", "endpoint",
                 "aliases", "ipv4_address", "internal", "options", "text", "command", "links",
                 "Config", "HostConfig", "NetworkMode", "nosuchkey")

SCENARIO_VALUES: tuple[object, ...] = (
    None, True, 0, -1, 1, 2, 99999999999999999999, 1.5, "", "nosuch", "bridge", "macvlan",
    "overlay", "run", "network-create", "expect", "10.0.0.0/33", "10.0.0.1/24",
    "300.1.2.3", "172.18.0.0/16", "8080:80", "80:80:80", "web", "29.1", "99.9", "\u202e",
    "é🐳", "a\nb", [], {}, ["x"], {"nosuchkey": 1},
)


@st.composite
def mutated_data(draw: st.DrawFn, data: object) -> object:
    """``data`` (parsed YAML) with one node removed, replaced, retyped or given a new key."""
    import copy

    data = copy.deepcopy(data)
    paths = _nodes(data)
    path = paths[draw(st.integers(0, len(paths) - 1))]
    new = draw(st.sampled_from(SCENARIO_VALUES))
    if not path:
        return new if draw(st.integers(0, 9)) == 0 else data
    parent: object = data
    for part in path[:-1]:
        parent = parent[part]  # type: ignore[index]
    last = path[-1]
    kind = draw(st.sampled_from(["delete", "replace", "add", "dup"]))
    if isinstance(parent, dict):
        if kind == "delete":
            del parent[last]
        elif kind == "add":
            parent[draw(st.sampled_from(SCENARIO_KEYS))] = new
        else:
            parent[last] = new
    elif isinstance(parent, list):
        assert isinstance(last, int)
        if kind == "delete":
            del parent[last]
        elif kind == "dup":
            parent.insert(last, copy.deepcopy(parent[last]))
        elif kind == "add":
            parent.insert(last, new)
        else:
            parent[last] = new
    return data


@functools.cache
def example_scenarios() -> tuple[str, ...]:
    """The bundled native scenarios and every bundled script exported to the native format
    (YAML and JSON), as ``netsim export`` writes them."""
    from netsim.io.scenario import dump_scenario
    from netsim.lab import run_script

    texts = [p.read_text(encoding="utf-8") for p in sorted(SCENARIO_DIR.glob("*.yaml"))]
    for path in sorted(SCENARIO_DIR.glob("*.sh")):
        lab, _ = run_script(path.read_text(encoding="utf-8"), source=path.name)
        scenario = lab.scenario()
        texts.append(dump_scenario(scenario))
        texts.append(dump_scenario(scenario, fmt="json"))
    return tuple(texts)


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 70000) | st.sampled_from(BAD_TOKENS + NAMES),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from(SCENARIO_KEYS), children, max_size=5),
    max_leaves=25,
)


@st.composite
def scenario_texts(draw: st.DrawFn) -> str:
    """A native scenario: a bundled one (its first few steps), its data mutated and written as
    YAML or JSON, or its text mutated line by line; now and then any YAML at all."""
    import json

    import yaml

    if draw(st.integers(0, 9)) == 5:  # rare (0 is what hypothesis tries first)
        return yaml.safe_dump(draw(JSONISH))
    base = draw(st.sampled_from(example_scenarios()))
    data = yaml.safe_load(base)
    if isinstance(data, dict) and isinstance(data.get("steps"), list):
        data["steps"] = data["steps"][:draw(st.integers(0, 6))]
    for _ in range(draw(st.integers(0, 2))):
        data = draw(mutated_data(data))
    as_json = draw(st.booleans())
    text = (json.dumps(data, indent=2, ensure_ascii=False) + "\n" if as_json
            else yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
    if draw(st.integers(0, 2)) == 0:  # a hand at the text itself
        lines = text.split("\n")
        for _ in range(draw(st.integers(1, 3))):
            i = draw(st.integers(0, max(len(lines) - 1, 0)))
            kind = draw(st.sampled_from(["drop", "dup", "swap", "words", "cut", "tab"]))
            if kind == "drop":
                del lines[i:i + 1]
            elif kind == "dup":
                lines[i:i] = lines[i:i + 1]
            elif kind == "swap" and i + 1 < len(lines):
                lines[i], lines[i + 1] = lines[i + 1], lines[i]
            elif kind == "words":
                lines[i:i + 1] = [draw(mutated_line(line)) for line in lines[i:i + 1]]
            elif kind == "cut":
                lines = lines[:i + 1]
                lines[-1] = lines[-1][:draw(st.integers(0, len(lines[-1])))]
            elif lines:
                lines[min(i, len(lines) - 1)] = "\t" + lines[min(i, len(lines) - 1)]
        text = "\n".join(lines)
    newline = draw(st.sampled_from(["\n", "\n", "\n", "\r\n"]))
    bom = draw(st.sampled_from(["", "", "", "\ufeff"]))
    return bom + text.replace("\n", newline)


# --------------------------------------------------------------------------------------------
# What if (tests/test_whatif.py): a small setup as a script, and changes to it: docker command
# lines typed after it, and hypothetical network options (ICC, internal) and stops. A case
# writes the script as is, or with the hypothetical options as if the networks had been
# created with them (the full rebuild a what-if must agree with).

WHATIF_NETWORKS = ("n0", "n1", "n2")
WHATIF_CONTAINERS = tuple(f"c{i}" for i in range(6))
_ICC = "com.docker.network.bridge.enable_icc"


@dataclasses.dataclass(frozen=True)
class WhatIfCase:
    """A setup and the changes asked of it (``netsim whatif``'s arguments)."""

    #: each network: its name, whether it is internal, its ICC option (None: not given),
    #: whether it is dual-stack
    networks: tuple[tuple[str, bool, bool | None, bool], ...]
    #: the script's other lines (containers)
    lines: tuple[str, ...]
    changes: tuple[str, ...]
    icc: tuple[tuple[str, bool], ...] = ()
    internal: tuple[str, ...] = ()
    stop: tuple[str, ...] = ()
    #: the Docker hosts the script declares (none: the default one)
    hosts: tuple[str, ...] = ()
    #: the Docker Engine modelled (None: the default)
    engine: str | None = None
    #: the hosts' macvlan networks hand out one range (two containers may hold one LAN
    #: address, the second shadowed), not one range each
    shared_range: bool = False

    def script(self, *, created_so: bool = False) -> str:
        """The setup's script; ``created_so``: the networks as the hypothetical options would
        have created them."""
        icc, internal = dict(self.icc), set(self.internal)
        out = [f"# netsim: engine {self.engine}"] if self.engine else []
        out += [f"# netsim: host {h} address=198.51.100.{10 + i}" for i, h in
                enumerate(self.hosts)]
        out.append("# netsim: image dnsmasq listens 53/udp")  # (a DNS server for --dns)
        for name, is_internal, given, ipv6 in self.networks:
            for i, h in enumerate(self.hosts or ("",)):
                so = created_so and i == 0  # (the options name the lab's current host's)
                on = given
                if so and name in icc:
                    on = icc[name] if (given is not None or not icc[name]) else None
                flags = []
                if is_internal or (so and name in internal):
                    flags.append("--internal")
                if on is not None:
                    flags.append(f"-o {_ICC}={'true' if on else 'false'}")
                if ipv6:
                    flags.append("--ipv6")
                where = f"-H {h} " if h else ""
                out.append(f"docker {where}network create {' '.join([*flags, name])}")
        for i, h in enumerate(self.hosts):  # a macvlan network on the LAN, a range per host
            low = 64 if self.shared_range else 64 * (i + 1)
            out.append(f"docker -H {h} network create -d macvlan --subnet 198.51.100.0/24 "
                       f"--ip-range 198.51.100.{low}/26 --gateway 198.51.100.1 "
                       "-o parent=eth0 mv")
        return "\n".join([*out, *self.lines]) + "\n"

    def replayed(self, *, created_so: bool = True) -> str:
        """The full rebuild: the script with the networks created so, the changes, the
        stops (``created_so`` False: the networks as the script creates them)."""
        tail = [*self.changes, *(f"docker stop {c}" for c in self.stop)]
        return self.script(created_so=created_so) + "".join(f"{line}\n" for line in tail)


def _host_flag(draw: st.DrawFn, hosts: tuple[str, ...]) -> str:
    return f"-H {draw(st.sampled_from(hosts))} " if hosts else ""


@st.composite
def whatif_runs(draw: st.DrawFn, name: str, hosts: tuple[str, ...] = (),
                others: tuple[str, ...] = ()) -> str:
    """``docker run`` of container ``name`` in any network mode (``container:`` one of
    ``others``), with aliases, links, published ports, a ``--dns`` server, and an image that
    listens or not; maybe a second network connected."""
    modes = ["user", "user", "user", "user2", "user2", "default", "host", "none"]
    modes += ["container"] if others else []
    modes += ["mv", "mv"] if hosts else []
    mode = draw(st.sampled_from(modes))
    flags: list[str] = []
    if mode in ("user", "user2"):
        first = draw(st.sampled_from(WHATIF_NETWORKS))
        flags.append(f"--network {first}")
        server = first == "n0" and not hosts and draw(st.integers(0, 4)) == 0
        if server:
            flags.append("--ip 172.18.0.53")  # (the --dns server some containers ask)
        if draw(st.integers(0, 2)) == 0:
            alias = draw(st.sampled_from(['web', 'api', 'db', 'cdn.io']))
            flags.append(f"--network-alias {alias}")
        if others and draw(st.integers(0, 4)) == 0:
            flags.append(f"--link {draw(st.sampled_from(others))}:"
                         f"{draw(st.sampled_from(['db', 'peer']))}")
    elif mode == "container":
        flags.append(f"--network container:{draw(st.sampled_from(others))}")
    elif mode != "default":
        flags.append(f"--network {mode}")
    if mode not in ("host", "container", "none", "mv") and draw(st.integers(0, 3)) == 0:
        flags.append(f"-p {draw(st.sampled_from(['8080:80', '127.0.0.1:8081:80', '53:53/udp']))}")
    if mode != "container" and draw(st.integers(0, 4)) == 0:
        flags.append(f"--dns {draw(st.sampled_from(['172.18.0.53', '172.18.0.1']))}")
    image = draw(st.sampled_from(["nginx", "nginx", "alpine sleep 1d", "redis", "dnsmasq"]))
    if mode in ("user", "user2") and server:
        image = "dnsmasq"
    line = f"docker {_host_flag(draw, hosts)}run -d --name {name} {' '.join(flags)} {image}"
    if mode == "user2":
        second = draw(st.sampled_from(WHATIF_NETWORKS))
        alias = f" --alias {draw(st.sampled_from(['web', 'api']))}" if draw(
            st.booleans()) else ""
        line += f"\ndocker {_host_flag(draw, hosts)}network connect{alias} {second} {name}"
    return line


@st.composite
def whatif_changes(draw: st.DrawFn, names: tuple[str, ...],
                   hosts: tuple[str, ...] = ()) -> str:
    """One docker command line typed after the setup, mostly on its containers."""
    c = draw(st.sampled_from((*names, "c9") if draw(st.integers(0, 9)) == 0 else names))
    net = draw(st.sampled_from((*WHATIF_NETWORKS, "mv") if hosts else WHATIF_NETWORKS))
    h = _host_flag(draw, hosts)
    return draw(st.sampled_from([
        f"docker {h}network connect {net} {c}",
        f"docker {h}network connect --alias web {net} {c}",
        f"docker {h}network disconnect {net} {c}",
        f"docker {h}stop {c}",
        f"docker {h}stop {c}",
        f"docker {h}start {c}",
        f"docker {h}restart {c}",
        f"docker {h}rm -f {c}",
        f"docker {h}rename {c} {c}x",
        f"docker {h}network create n9",
        f"docker {h}run -d --name new --network {net} --network-alias web nginx",
        f"docker {h}run -d --name new2 --network container:{c} alpine sleep 1d",
        f"docker {h}run -d --name new3 --network host nginx",
        f"docker {h}run -d --name new4 -p 8080:80 nginx",
        f"docker {h}run -d --name new5 --link {c}:db --network {net} alpine sleep 1d",
        f"docker {h}run -d --name new6 --link {c}:peer nginx",
        f"docker {h}network rm {net}",
        f"docker {h}network connect n9 {c}",
        f"docker {h}pause {c}",
    ]))


@st.composite
def whatif_cases(draw: st.DrawFn) -> WhatIfCase:
    """A setup of three bridges (some internal, some with ICC off) and two to six
    containers, and one to three changes (docker command lines or hypothetical options)."""
    hosts: tuple[str, ...] = ("h1", "h2") if draw(st.integers(0, 4)) == 0 else ()
    networks = tuple((n, draw(st.integers(0, 4)) == 0,
                      draw(st.sampled_from([None, None, None, False, True])),
                      draw(st.integers(0, 4)) == 0)
                     for n in WHATIF_NETWORKS)
    names = WHATIF_CONTAINERS[:draw(st.integers(2, len(WHATIF_CONTAINERS)))]
    lines = [draw(whatif_runs(name, hosts, names[:i])) for i, name in enumerate(names)]
    for _ in range(draw(st.integers(0, 2))):
        lines.append(f"docker {_host_flag(draw, hosts)}stop {draw(st.sampled_from(names))}")
    changes = draw(st.lists(whatif_changes(names, hosts), max_size=2))
    icc = draw(st.lists(st.tuples(st.sampled_from(WHATIF_NETWORKS), st.booleans()),
                        max_size=1, unique_by=lambda t: t[0]))
    internal = draw(st.lists(st.sampled_from(WHATIF_NETWORKS), max_size=1))
    stop = draw(st.lists(st.sampled_from(names), max_size=1))
    if not (changes or icc or internal or stop):
        changes = [draw(whatif_changes(names, hosts))]
    engine = draw(st.sampled_from([None, None, None, "28.5", "26.1", "20.10"]))
    shared = bool(hosts) and draw(st.booleans())
    return WhatIfCase(networks, tuple("\n".join(lines).splitlines()), tuple(changes),
                      tuple(icc), tuple(internal), tuple(stop), hosts, engine, shared)
