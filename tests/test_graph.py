"""The State as a networkx graph: every Docker object is a node named after it, the same
input gives the same graph, and the forwarding view keeps Docker's rules."""

from __future__ import annotations

import networkx as nx
from conftest import SCENARIOS

from netsim.analysis.graph import forwarding, topology
from netsim.lab import run_script

SETUP = """
docker network create n1
docker run -d --name web -p 8080:80 nginx
docker run -d --name db --network n1 redis
docker network connect bridge db
docker run -d --name side --network container:web alpine sleep 1d
docker run -d --name hostly --network host nginx
docker run -d --name lonely --network none alpine sleep 1d
"""


def test_topology_nodes_and_edges() -> None:
    """Hosts, NICs, bridges, veth pairs, sandboxes, eth/lo interfaces, the LAN, the internet."""
    lab, _ = run_script(SETUP)
    st = lab.state
    g = topology(st)
    n1 = st.network("n1")
    db = st.container("db")
    assert {"internet", "router", "lan", "host:host", "nic:host/eth0", "bridge:host/bridge",
            "bridge:host/n1", "sandbox:host/web", "sandbox:host/db", "if:host/db/eth0",
            "if:host/db/eth1", "if:host/db/lo", "sandbox:host/lonely"} <= set(g.nodes)
    assert g.nodes["bridge:host/n1"]["label"].startswith(n1.interface or "")
    for ep in db.active_endpoints():
        veth = f"veth:host/{ep.host_veth}"
        assert g.has_edge(f"if:host/db/{ep.ifname}", veth)
        assert g.has_edge(veth, f"bridge:host/{ep.network}")
    assert g.nodes["sandbox:host/web"]["joiners"] == ["side"]
    assert "sandbox:host/side" not in g
    assert g.nodes["host:host"]["containers"] == ["hostly"]
    assert list(g.neighbors("sandbox:host/lonely")) == ["if:host/lonely/lo"]
    assert nx.has_path(g, "sandbox:host/web", "internet")


def test_topology_is_deterministic() -> None:
    """The same script gives the same nodes, attributes and edges, in the same order."""
    g1 = topology(run_script(SETUP)[0].state)
    g2 = topology(run_script(SETUP)[0].state)
    assert list(g1.nodes(data=True)) == list(g2.nodes(data=True))
    assert list(g1.edges(data=True)) == list(g2.edges(data=True))


def test_macvlan_and_overlay_nodes() -> None:
    """macvlan children hang off their host's NIC; an overlay is one node across hosts."""
    st = run_script((SCENARIOS / "seed-macvlan.sh").read_text())[0].state
    g = topology(st)
    assert g.has_edge("if:server1/c1/eth0", "nic:server1/eth0")
    assert g.has_edge("if:server2/c2/eth0", "nic:server2/eth0")
    text = (SCENARIOS / "overlay-two-hosts.sh").read_text()
    st = run_script(text.split("docker -H host2 container stop alpine2")[0])[0].state
    g = topology(st)
    assert g.has_edge("if:host1/alpine1/eth0", "overlay:test-net")
    assert g.has_edge("if:host2/alpine2/eth0", "overlay:test-net")


def test_forwarding_keeps_isolation() -> None:
    """No path from one bridge network's container into another's; the host is a sink."""
    st = run_script("docker network create a\ndocker network create b\n"
                    "docker run -d --name a1 --network a nginx\n"
                    "docker run -d --name b1 --network b nginx\n")[0].state
    g = forwarding(st)
    assert not nx.has_path(g, "from:host/a1", "sandbox:host/b1")
    assert nx.has_path(g, "from:host/a1", "host:host")
    assert nx.has_path(g, "hostsrc:host", "sandbox:host/b1")
    assert g.out_degree("host:host") == 0
