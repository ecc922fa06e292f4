"""The IP-level outcomes of the seed's examples and of Docker's tutorials, as netsim predicts
them (reach, matrix and the probes people type)."""

from __future__ import annotations

from conftest import SCENARIOS

from netsim.analysis.reach import Disposition, matrix, reach
from netsim.lab import Lab, run_script
from netsim.probes import probe


def replay(text: str) -> Lab:
    lab, steps = run_script(text, source="example.sh")
    assert all(s.exit_code == 0 for s in steps if s.command.startswith("docker")), [
        (s.command, s.stderr) for s in steps if s.exit_code and s.command.startswith("docker")]
    return lab


def test_tutorial_default_bridge() -> None:
    """standalone.md, default bridge: alpine1 pings alpine2's IP and the internet; the name
    alpine2 is a bad address."""
    lab = replay("docker run -dit --name alpine1 alpine ash\n"
                 "docker run -dit --name alpine2 alpine ash\n")
    st = lab.state
    out = probe(st, "alpine1", "ping -c 2 172.17.0.3").stdout
    assert "2 packets transmitted, 2 packets received, 0% packet loss" in out
    assert probe(st, "alpine1", "ping -c 2 8.8.8.8").exit_code == 0
    assert probe(st, "alpine1", "ping -c 2 alpine2").stderr == "ping: bad address 'alpine2'\n"


def test_tutorial_user_defined_bridge() -> None:
    """standalone.md, user-defined bridge: alpine1 cannot reach alpine3 (default bridge) by
    IP; alpine4, on both, reaches everyone; all reach the internet."""
    text = (SCENARIOS / "tutorial-bridge.sh").read_text().split("docker container ls")[0]
    st = replay(text).state
    out = probe(st, "alpine1", "ping -c 2 172.17.0.2")
    assert out.exit_code == 1 and "2 packets transmitted, 0 packets received, 100% packet " \
                                  "loss" in out.stdout
    assert reach(st, "alpine1", "alpine3").disposition is Disposition.ISOLATED_NETWORKS
    assert probe(st, "alpine4", "ping -c 2 172.17.0.2").exit_code == 0
    assert probe(st, "alpine4", "ping -c 2 172.18.0.2").exit_code == 0
    for name in ("alpine1", "alpine2", "alpine3", "alpine4"):
        assert reach(st, name, "8.8.8.8").delivered
    m = matrix(st, vantage=False)
    assert m.destinations == ("alpine1", "alpine2", "alpine3", "alpine4")
    assert dict(m.rows()) == {"alpine1": "..X.", "alpine2": "..X.", "alpine3": "XX..",
                              "alpine4": "...."}


def test_tutorial_host_networking() -> None:
    """host.md: nginx in the host's namespace answers on the host's port 80; no new
    interface appears on the host."""
    lab = replay("docker run --rm -d --network host --name my_nginx nginx\n")
    st = lab.state
    assert reach(st, "@host", "localhost", port=80).delivered
    assert reach(st, "@lan", "@host", port=80).delivered
    out = probe(st, "@host", "ip addr").stdout
    assert "veth" not in out and "docker0: <NO-CARRIER,BROADCAST,MULTICAST,UP>" in out


def test_tutorial_overlay_across_hosts() -> None:
    """overlay tutorial: alpine1 (host1) and alpine2 (host2) ping each other on test-net."""
    text = (SCENARIOS / "overlay-two-hosts.sh").read_text()
    st = replay(text.split("docker -H host2 container stop alpine2")[0]).state
    ip2 = st.container("alpine2", "host2").endpoint("test-net").ipv4.ip  # type: ignore[union-attr]
    out = probe(st, "alpine1", f"ping -c 2 {ip2}")
    assert out.exit_code == 0 and "2 packets received" in out.stdout


def test_seed_published_ports() -> None:
    """The seed's -p 80:80, -p 80 (ephemeral) and the registry on 5000: reachable from the LAN
    and the internet at the host; -P publishes EXPOSEd ports."""
    text = (SCENARIOS / "seed-basics.sh").read_text().split("docker stop mycentos")[0]
    lab, _steps = run_script(text)  # one line is the seed's own typo (--mermory): it fails
    st = lab.state
    assert reach(st, "@lan", "@host", port=80).delivered  # docker/getting-started
    assert reach(st, "@internet", "@host", port=5000).delivered  # the private registry
    wordpress = st.container("wordpress")
    (mapping,) = [m for m in wordpress.port_mappings if m.host_ip == "0.0.0.0"]
    assert mapping.host_port == 32768
    assert reach(st, "@lan", "@host", port=32768).delivered
    t = reach(st, "@lan", "@host", port=8080)
    assert t.disposition is Disposition.PORT_NOT_PUBLISHED


def test_seed_link_wordpress_to_mysql() -> None:
    """--link wordpressdb:mysql: wordpress reaches MySQL's 3306 and pings it by its alias."""
    lab = replay("docker run -d --name wordpressdb -e MYSQL_ROOT_PASSWORD=password "
                 "-e MYSQL_DATABASE=wordpress mysql:5.7\n"
                 "docker run -d -e WORDPRESS_DB_PASSWORD=password --name wordpress "
                 "--link wordpressdb:mysql -p 80 wordpress\n")
    st = lab.state
    assert reach(st, "wordpress", "wordpressdb", port=3306).delivered
    assert reach(st, "wordpress", "wordpressdb", port=3307).disposition is \
        Disposition.NOTHING_LISTENING


def test_seed_network_modes() -> None:
    """The seed's host, none and container: modes: none reaches nothing, the joiner shares
    network_container_1's address and row, the host-mode one reaches the bridge."""
    st = replay((SCENARIOS / "seed-modes.sh").read_text()).state
    m = matrix(st)
    assert m.row("network_none") == "XXXX"
    assert m.row("network_cotainer_2") == m.row("network_container_1")
    assert reach(st, "network_host", "network_container_1").delivered
    assert reach(st, "network_cotainer_2", "network_container_1").address == "172.17.0.2"


def test_seed_macvlan_two_servers() -> None:
    """The seed's macvlan on two servers: c1 and c2 reach each other across the LAN; each
    server cannot reach its own container."""
    st = replay((SCENARIOS / "seed-macvlan.sh").read_text()).state
    assert reach(st, "c1", "c2").delivered and reach(st, "c2", "c1").delivered
    assert reach(st, "@server1", "c1").disposition is Disposition.MACVLAN_HOST_ISOLATION
    assert reach(st, "@server2", "c2").disposition is Disposition.MACVLAN_HOST_ISOLATION
    assert reach(st, "@server2", "c1").delivered
    out = probe(st, "c1", "ping -c 2 192.168.0.50")  # ubuntu:14.04 pings its own server
    assert out.exit_code == 1 and "Destination Host Unreachable" in out.stdout


def test_seed_alias_and_subnet_lessons() -> None:
    """The alias lesson's containers reach each other on mybridge; the subnet lesson's
    container, disconnected from both networks, is left with only lo."""
    st = replay((SCENARIOS / "seed-alias.sh").read_text()).state
    assert reach(st, "network_alias_container1", "network_alias_container3").delivered
    assert reach(st, "network_alias_ping", "network_alias_container1").disposition is \
        Disposition.CONTAINER_NOT_RUNNING  # it exited with its shell
    text = (SCENARIOS / "seed-subnet.sh").read_text()
    lab, _steps = run_script(text)  # its last line is the seed's own failing disconnect
    st = lab.state
    assert reach(st, "custom_network_container", "172.72.0.1").delivered
    t = reach(st, "mynetwork_container", "custom_network_container")
    assert t.disposition is Disposition.NO_INTERFACE
    assert probe(st, "mynetwork_container", "ip addr").stdout.count(": <") == 1  # only lo
