"""One test per reachability rule (each rule's Docker source is in netsim.analysis.reach.RULES): the
disposition and the rule of the hop that decided it."""

from __future__ import annotations

import json

import pytest
from conftest import SCENARIOS

from netsim.analysis.reach import RULES, Disposition, Symptom, matrix, reach
from netsim.errors import InputError
from netsim.lab import run_script
from netsim.state import State

D = Disposition


def state_of(text: str) -> State:
    lab, steps = run_script(text, source="test.sh")
    failed = [s for s in steps if s.exit_code != 0]
    assert not failed, failed[0].stderr
    return lab.state


def check(state: State, src: str, dst: str, disposition: Disposition, rule: str, *,
          port: int | None = None) -> None:
    t = reach(state, src, dst, port=port)
    assert t.disposition is disposition, str(t)
    assert t.deciding.rule == rule, str(t)
    assert t.deciding.rule in RULES


TWO_BRIDGES = """
docker network create a
docker network create b
docker run -d --name a1 --network a nginx
docker run -d --name a2 --network a nginx
docker run -d --name b1 --network b nginx
docker run -d --name d1 nginx
docker run -d --name d2 alpine sleep 1d
"""


@pytest.fixture(scope="module")
def two_bridges() -> State:
    return state_of(TWO_BRIDGES)


def test_same_user_bridge_all_ports(two_bridges: State) -> None:
    """Containers on one user-defined bridge reach each other (ping and a listening port)."""
    check(two_bridges, "a1", "a2", D.DELIVERED, "icmp")
    check(two_bridges, "a1", "a2", D.DELIVERED, "listen", port=80)


def test_listening_versus_closed_port(two_bridges: State) -> None:
    """A closed port is refused (RST), a filtered one times out (dropped)."""
    t = reach(two_bridges, "a1", "a2", port=81)
    assert t.disposition is D.NOTHING_LISTENING and t.symptom is Symptom.REFUSED
    t = reach(two_bridges, "a1", "b1", port=80)
    assert t.disposition is D.ISOLATED_NETWORKS and t.symptom is Symptom.TIMEOUT


def test_different_bridges_are_isolated(two_bridges: State) -> None:
    """Bridge to bridge: dropped by Docker's isolation rules, also towards the default bridge."""
    check(two_bridges, "a1", "b1", D.ISOLATED_NETWORKS, "bridge.isolation")
    check(two_bridges, "b1", "d1", D.ISOLATED_NETWORKS, "bridge.isolation")
    check(two_bridges, "d1", "a1", D.ISOLATED_NETWORKS, "bridge.isolation")


def test_default_bridge_icc_on(two_bridges: State) -> None:
    """Two containers on the default bridge reach each other by IP."""
    check(two_bridges, "d1", "d2", D.DELIVERED, "icmp")
    check(two_bridges, "d2", "d1", D.DELIVERED, "listen", port=80)


def test_host_is_reachable_at_the_gateway(two_bridges: State) -> None:
    """A container reaches its bridge's gateway (the host) and the host's other addresses."""
    check(two_bridges, "a1", "172.18.0.1", D.DELIVERED, "icmp")
    check(two_bridges, "a1", "172.17.0.1", D.DELIVERED, "icmp")  # another bridge's gateway
    check(two_bridges, "a1", "@host", D.DELIVERED, "icmp")


def test_internet_through_nat(two_bridges: State) -> None:
    """A public address is reached through MASQUERADE; a TCP port the internet serves too."""
    t = reach(two_bridges, "a1", "8.8.8.8")
    assert t.delivered and any(h.rule == "nat.masquerade" for h in t.hops), str(t)
    check(two_bridges, "a1", "203.0.113.7", D.DELIVERED, "internet", port=443)
    check(two_bridges, "a1", "10.99.0.1", D.UNKNOWN_DESTINATION, "internet.unknown")


def test_stopped_container() -> None:
    """A stopped container neither sends nor receives; its old address is nobody's."""
    st = state_of(TWO_BRIDGES + "docker stop a2\n")
    check(st, "a1", "a2", D.CONTAINER_NOT_RUNNING, "not-running")
    check(st, "a2", "a1", D.CONTAINER_NOT_RUNNING, "not-running")
    check(st, "a1", "172.18.0.3", D.HOST_UNREACHABLE, "lan.arp")


INTERNAL = """
docker network create --internal secret
docker network create other
docker run -d --name s1 --network secret nginx
docker run -d --name s2 --network secret nginx
docker run -d --name o1 --network other nginx
"""


def test_internal_network() -> None:
    """--internal: peers and the gateway yes; off-subnet Network is unreachable."""
    st = state_of(INTERNAL)
    check(st, "s1", "s2", D.DELIVERED, "listen", port=80)
    check(st, "s1", "172.18.0.1", D.DELIVERED, "icmp")
    t = reach(st, "s1", "8.8.8.8")
    assert t.disposition is D.INTERNAL_NETWORK and t.deciding.rule == "internal"
    assert t.symptom is Symptom.NETWORK_UNREACHABLE
    check(st, "s1", "172.19.0.1", D.INTERNAL_NETWORK, "internal")  # other bridge's gateway
    check(st, "s1", "o1", D.INTERNAL_NETWORK, "internal")
    check(st, "o1", "s1", D.ISOLATED_NETWORKS, "bridge.isolation")
    check(st, "@host", "s1", D.DELIVERED, "listen", port=80)  # the host reaches it


ICC_OFF = """
docker network create -o com.docker.network.bridge.enable_icc=false quiet
docker run -d --name q1 --network quiet nginx
docker run -d --name q2 --network quiet -p 8080:80 nginx
"""


def test_icc_off() -> None:
    """ICC off: peers dropped; host, internet and a peer's published port still reachable."""
    st = state_of(ICC_OFF)
    check(st, "q1", "q2", D.ICC_DISABLED, "bridge.icc")
    check(st, "q1", "q2", D.ICC_DISABLED, "bridge.icc", port=80)
    check(st, "q1", "172.18.0.1", D.DELIVERED, "icmp")
    check(st, "q1", "1.1.1.1", D.DELIVERED, "internet")
    check(st, "q1", "172.18.0.1", D.DELIVERED, "listen", port=8080)  # via docker-proxy


def test_icc_off_legacy_link_opens_exposed_ports() -> None:
    """On a default bridge with ICC off, --link opens the linked container's exposed ports."""
    from netsim.api import ContainerConfig, ContainerCreate, ContainerSpec, HostConfig
    from netsim.daemon.engine import Engine

    engine = Engine()
    net = engine._hosts["host"].networks["bridge"]
    net.state = net.state.model_copy(update={"icc": False})
    engine.execute(ContainerCreate(container=ContainerSpec(name="db", Config=ContainerConfig(
        Image="mysql:5.7", Env=("MYSQL_ROOT_PASSWORD=x",)))))
    engine.execute(ContainerCreate(container=ContainerSpec(
        name="web", Config=ContainerConfig(Image="nginx"),
        HostConfig=HostConfig(Links=("db:mysql",)))))
    engine.execute(ContainerCreate(container=ContainerSpec(
        name="other", Config=ContainerConfig(Image="nginx"))))
    st = engine.state()
    check(st, "web", "db", D.DELIVERED, "listen", port=3306)
    check(st, "web", "db", D.ICC_DISABLED, "bridge.icc")  # ping is not an exposed port
    check(st, "other", "db", D.ICC_DISABLED, "bridge.icc", port=3306)


def test_masquerade_off() -> None:
    """Masquerade off: the internet never answers (the source is a private address)."""
    st = state_of("docker network create -o com.docker.network.bridge.enable_ip_masquerade="
                  "false nomasq\ndocker run -d --name m1 --network nomasq nginx\n")
    check(st, "m1", "8.8.8.8", D.NOT_MASQUERADED, "nat.masquerade-off")
    check(st, "m1", "172.18.0.1", D.DELIVERED, "icmp")


MODES = """
docker network create --internal secret
docker run -d --name web nginx
docker run -d --name s1 --network secret nginx
docker run -d --name h1 --network host nginx
docker run -d --name n1 --network none nginx
docker run -d --name side --network container:web alpine sleep 1d
"""


@pytest.fixture(scope="module")
def modes() -> State:
    return state_of(MODES)


def test_host_mode_is_the_host(modes: State) -> None:
    """A host-mode container reaches every container IP, internal networks included."""
    check(modes, "h1", "web", D.DELIVERED, "listen", port=80)
    check(modes, "h1", "s1", D.DELIVERED, "icmp")
    check(modes, "web", "h1", D.DELIVERED, "host.process", port=80)  # the host's nginx
    check(modes, "h1", "localhost", D.DELIVERED, "host.process", port=80)


def test_none_has_only_lo(modes: State) -> None:
    """--network none: nothing in, nothing out; its own lo works."""
    check(modes, "n1", "web", D.NO_INTERFACE, "none")
    check(modes, "web", "n1", D.NO_INTERFACE, "none")
    check(modes, "n1", "127.0.0.1", D.DELIVERED, "listen", port=80)


def test_container_mode_shares_the_namespace(modes: State) -> None:
    """container: joiners share IP and lo: localhost reaches the owner's server."""
    check(modes, "side", "localhost", D.DELIVERED, "listen", port=80)
    check(modes, "side", "web", D.DELIVERED, "listen", port=80)
    assert reach(modes, "side", "8.8.8.8").delivered
    m = matrix(modes)
    assert m.row("side") == m.row("web")


def test_container_mode_after_the_owner_restarts() -> None:
    """A joiner whose owner restarted keeps the old namespace: only lo."""
    st = state_of(MODES + "docker restart web\n")
    t = reach(st, "side", "8.8.8.8")
    assert t.disposition is D.NO_INTERFACE and t.hops[0].rule == "sandbox.gone", str(t)
    check(st, "side", "127.0.0.1", D.NOTHING_LISTENING, "lo", port=80)


def test_published_ports() -> None:
    """-p from the internet, the LAN, the host (localhost and its addresses), other networks;
    127.0.0.1 bindings only from the host; an unpublished port is refused."""
    st = state_of("""
docker network create other
docker run -d --name web -p 8080:80 nginx
docker run -d --name local -p 127.0.0.1:8081:80 nginx
docker run -d --name client --network other alpine sleep 1d
""")
    check(st, "@internet", "@host", D.DELIVERED, "listen", port=8080)
    check(st, "@lan", "198.51.100.10", D.DELIVERED, "listen", port=8080)
    check(st, "@host", "localhost", D.DELIVERED, "listen", port=8080)
    check(st, "@host", "198.51.100.10", D.DELIVERED, "listen", port=8080)
    check(st, "client", "172.17.0.1", D.DELIVERED, "listen", port=8080)
    check(st, "client", "@host", D.DELIVERED, "listen", port=8080)
    check(st, "@host", "localhost", D.DELIVERED, "listen", port=8081)
    check(st, "@lan", "@host", D.PORT_NOT_PUBLISHED, "publish.localhost", port=8081)
    check(st, "@internet", "@host", D.PORT_NOT_PUBLISHED, "publish.none", port=9999)
    t = reach(st, "client", "web", port=80)  # by container IP from another network: dropped
    assert t.disposition is D.ISOLATED_NETWORKS
    t = reach(st, "@lan", "web", port=80)
    assert t.disposition is D.NO_ROUTE and t.deciding.rule == "lan.noroute"


def test_published_port_with_nothing_listening() -> None:
    """A published port whose container does not listen: DNAT succeeds, then RST."""
    st = state_of("docker run -d --name srv -p 8080:8080 nginx\n")
    check(st, "@lan", "@host", D.NOTHING_LISTENING, "listen", port=8080)


MACVLAN = (SCENARIOS / "seed-macvlan.sh").read_text()


@pytest.fixture(scope="module")
def macvlan() -> State:
    return state_of(MACVLAN)


def test_macvlan_same_network_and_other_hosts(macvlan: State) -> None:
    """Two servers' macvlan containers meet on the LAN; other LAN machines reach them."""
    check(macvlan, "c1", "c2", D.DELIVERED, "icmp")
    check(macvlan, "@lan", "c1", D.DELIVERED, "icmp")
    check(macvlan, "@server2", "c1", D.DELIVERED, "icmp")
    check(macvlan, "c1", "192.168.0.51", D.DELIVERED, "icmp")  # the other server
    check(macvlan, "c1", "192.168.0.1", D.DELIVERED, "icmp")  # the LAN router
    assert reach(macvlan, "c1", "8.8.8.8").delivered


def test_macvlan_parent_host_excluded_both_ways(macvlan: State) -> None:
    """The parent host and its macvlan children cannot talk, either way."""
    check(macvlan, "@server1", "c1", D.MACVLAN_HOST_ISOLATION, "macvlan.host")
    check(macvlan, "c1", "192.168.0.50", D.MACVLAN_HOST_ISOLATION, "macvlan.host")
    assert reach(macvlan, "c1", "192.168.0.50").symptom is Symptom.HOST_UNREACHABLE


def test_macvlan_without_parent_is_internal() -> None:
    """A parent-less macvlan network is a private segment with no way out."""
    st = state_of("docker network create -d macvlan --subnet 10.5.0.0/24 solo\n"
                  "docker run -d --name m1 --network solo nginx\n"
                  "docker run -d --name m2 --network solo nginx\n")
    check(st, "m1", "m2", D.DELIVERED, "icmp")
    assert not reach(st, "m1", "8.8.8.8").delivered


def test_bridge_container_and_macvlan_on_its_own_host() -> None:
    """A bridge container on the parent host cannot reach the host's macvlan children either."""
    st = state_of("# netsim: lan 192.168.0.0/24 gateway=192.168.0.1\n"
                  "docker network create -d macvlan --subnet 192.168.0.0/24 --gateway "
                  "192.168.0.1 -o parent=eth0 mv\n"
                  "docker run -d --name mv1 --network mv nginx\n"
                  "docker run -d --name br1 nginx\n")
    check(st, "br1", "mv1", D.MACVLAN_HOST_ISOLATION, "macvlan.host")
    check(st, "mv1", "192.168.0.1", D.DELIVERED, "icmp")


def test_ipvlan_l2_like_macvlan() -> None:
    """ipvlan l2: same network reaches; the parent host is excluded."""
    st = state_of("# netsim: lan 192.168.1.0/24 gateway=192.168.1.1\n"
                  "docker network create -d ipvlan --subnet 192.168.1.0/24 --gateway "
                  "192.168.1.1 -o parent=eth0 iv\n"
                  "docker run -d --name i1 --network iv nginx\n"
                  "docker run -d --name i2 --network iv nginx\n")
    check(st, "i1", "i2", D.DELIVERED, "icmp")
    check(st, "@host", "i1", D.MACVLAN_HOST_ISOLATION, "macvlan.host")


def test_overlay_across_hosts() -> None:
    """Docker's overlay tutorial: alpine1 on host1 reaches alpine2 on host2; the internet
    through docker_gwbridge."""
    text = (SCENARIOS / "overlay-two-hosts.sh").read_text()
    text = text.split("docker -H host2 container stop alpine2")[0]
    lab, _steps = run_script(text)
    st = lab.state
    check(st, "alpine1", "alpine2", D.DELIVERED, "icmp")
    check(st, "alpine2", "alpine1", D.DELIVERED, "icmp")
    t = reach(st, "alpine1", "8.8.8.8")
    assert t.delivered and "docker_gwbridge" in t.hops[0].text, str(t)


def test_shadowed_address_on_another_host() -> None:
    """Two hosts each with 172.17.0.2: a container never reaches the other host's one."""
    st = state_of("# netsim: host h1\n# netsim: host h2\n"
                  "docker -H h1 run -d --name x1 nginx\ndocker -H h1 run -d --name y1 nginx\n"
                  "docker -H h2 run -d --name z1 nginx\n")
    t = reach(st, "y1", "z1")
    assert t.disposition is D.SHADOWED_ADDRESS and t.address == "172.17.0.2", str(t)
    assert not matrix(st).reaches("y1", "z1")


def test_user_bridge_pings_default_bridge_ip_like_the_tutorial() -> None:
    """Tutorial: alpine1 (alpine-net) cannot reach alpine3 (bridge) by IP: dropped."""
    text = (SCENARIOS / "tutorial-bridge.sh").read_text().split("docker container ls")[0]
    st = state_of(text)
    t = reach(st, "alpine1", "alpine3")
    assert t.disposition is D.ISOLATED_NETWORKS and t.symptom is Symptom.TIMEOUT
    assert reach(st, "alpine4", "alpine3").delivered  # alpine4 is on both
    assert reach(st, "alpine4", "alpine1").delivered
    assert reach(st, "alpine1", "8.8.8.8").delivered


def test_unknown_names_are_input_errors(two_bridges: State) -> None:
    """An unknown container or vantage point is one clear InputError."""
    with pytest.raises(InputError, match="no such container"):
        reach(two_bridges, "zz", "a1")
    with pytest.raises(InputError, match="unknown vantage point"):
        reach(two_bridges, "@mars", "a1")
    with pytest.raises(InputError, match="port out of range"):
        reach(two_bridges, "a1", "a2", port=0)


def test_every_disposition_is_documented() -> None:
    """The closed set: every disposition has a one-line meaning and a symptom."""
    from netsim.analysis.reach import DISPOSITIONS
    from netsim.analysis.reach import SYMPTOMS as _SYMPTOM

    assert set(DISPOSITIONS) == set(Disposition) == set(_SYMPTOM)


def test_trace_faces(two_bridges: State) -> None:
    """A Trace prints its verdict and numbered hops, and has HTML and JSON faces."""
    t = reach(two_bridges, "a1", "b1")
    text = str(t)
    assert text.startswith("a1 -> b1 172.19.0.2 (icmp): not reachable [ISOLATED_NETWORKS]")
    assert "  1. " in text and "bridge.isolation" in text
    assert "<table>" in t._repr_html_()
    d = t.to_dict()
    assert d["disposition"] == "ISOLATED_NETWORKS" and d["hops"][-1]["rule"] == \
        "bridge.isolation"


def test_matrix_text_and_json(two_bridges: State) -> None:
    """The matrix prints a ./X table (rows sources, columns destinations) and JSON rows."""
    m = matrix(two_bridges)
    assert m.destinations == ("a1", "a2", "b1", "d1", "d2")
    assert m.row("a1") == "..XXX"
    assert m.row("@host") == "....."
    assert m.row("@lan") == "XXXXX"
    assert m.to_dict()["rows"][0] == "..XXX"
    assert json.loads(m.to_json()) == m.to_dict()  # streamed JSON is the same document
    assert str(m).splitlines()[2].startswith("a1")


def test_ipvlan_l3_siblings_and_no_nat() -> None:
    """ipvlan l3: containers on the parent route to each other; off the parent the packet
    leaves un-NATed and no reply comes back."""
    st = state_of("docker network create -d ipvlan --subnet 10.10.1.0/24 -o parent=eth0 "
                  "-o ipvlan_mode=l3 l3net\n"
                  "docker run -d --name x1 --network l3net nginx\n"
                  "docker run -d --name x2 --network l3net nginx\n")
    assert st.container("x1").endpoints[0].gateway is None  # l3: no gateway address
    check(st, "x1", "x2", D.DELIVERED, "listen", port=80)
    check(st, "x1", "8.8.8.8", D.NOT_MASQUERADED, "ipvlan.l3")


def test_joiner_of_a_joiner_shares_the_first_namespace() -> None:
    """container:c1 where c1 is itself container:web shares web's namespace (and a chain that
    ends in a host-mode container is the host)."""
    st = state_of("docker run -d --name web nginx\n"
                  "docker run -d --name j1 --network container:web alpine sleep 1d\n"
                  "docker run -d --name j2 --network container:j1 alpine sleep 1d\n"
                  "docker run -d --name hostly --network host alpine sleep 1d\n"
                  "docker run -d --name j3 --network container:hostly alpine sleep 1d\n"
                  "docker run -d --name j4 --network container:j3 alpine sleep 1d\n")
    check(st, "j2", "localhost", D.DELIVERED, "listen", port=80)
    m = matrix(st)
    assert m.row("j2") == m.row("web") == m.row("j1")
    assert m.row("j4") == m.row("hostly") == m.row("@host")


def test_overlays_are_isolated_from_each_other() -> None:
    """Two attachable overlays across two hosts: each reaches its own peers, not the other's."""
    st = state_of("# netsim: host host1\n# netsim: host host2\n"
                  "docker -H host1 swarm init\n"
                  "docker -H host2 swarm join --token $(docker -H host1 swarm join-token -q "
                  "worker) 198.51.100.10:2377\n"
                  "docker -H host1 network create -d overlay --attachable ov1\n"
                  "docker -H host1 network create -d overlay --attachable ov2\n"
                  "docker -H host1 run -dit --name a1 --network ov1 alpine ash\n"
                  "docker -H host2 run -dit --name a2 --network ov1 alpine ash\n"
                  "docker -H host2 run -dit --name b2 --network ov2 alpine ash\n")
    check(st, "a1", "a2", D.DELIVERED, "icmp")
    check(st, "a1", "b2", D.ISOLATED_NETWORKS, "overlay.isolation")
    overlay_ip = st.container("a1", "host1").endpoint("ov1").ipv4.ip  # type: ignore[union-attr]
    check(st, "@host1", str(overlay_ip), D.ISOLATED_NETWORKS, "overlay.isolation")
    check(st, "@host1", "a1", D.DELIVERED, "icmp")  # at its docker_gwbridge address


def test_vlans_are_separate_segments() -> None:
    """802.1Q: macvlan children on VLAN 10 of two hosts meet; VLAN 20 is another segment."""
    st = state_of("# netsim: host h1\n# netsim: host h2\n"
                  "docker -H h1 network create -d macvlan --subnet 10.10.0.0/24 "
                  "--ip-range 10.10.0.64/26 -o parent=eth0.10 v10\n"
                  "docker -H h2 network create -d macvlan --subnet 10.10.0.0/24 "
                  "--ip-range 10.10.0.128/26 -o parent=eth0.10 v10\n"
                  "docker -H h2 network create -d macvlan --subnet 10.20.0.0/24 "
                  "-o parent=eth0.20 v20\n"
                  "docker -H h1 run -d --name x1 --network v10 nginx\n"
                  "docker -H h2 run -d --name x2 --network v10 nginx\n"
                  "docker -H h2 run -d --name y2 --network v20 nginx\n")
    check(st, "x1", "x2", D.DELIVERED, "listen", port=80)
    assert not reach(st, "x1", "y2").delivered
    assert not reach(st, "@lan", "x1").delivered  # the untagged LAN is not VLAN 10
