"""The fields set of the containers and endpoints the engine makes (``__pydantic_fields_set__``,
which ``model_dump(exclude_unset=True)`` reads and a State's repr does not show): the same
whether a model is built at once or built and then evolved (a running container's ``network
connect`` builds its joined endpoint in one go; a start evolves the created one)."""

from netsim.lab import run_script

SCRIPT = """\
docker network create --subnet 10.9.0.0/24 n1
docker network create n2
docker run -d --name web --network n1 -p 8080:80 nginx
docker network connect n2 web
docker create --name box --network n1 nginx
docker network connect n2 box
docker start box
docker stop web
docker network connect bridge web
docker start web
docker run -d --name hst --network host nginx
docker create --name gone --network n9 nginx
docker network connect n2 gone
docker start gone
docker run -d --name live --network n1 -p 8081:80 nginx
docker network connect n2 live
"""

CREATED_EP = {"config", "network", "network_id"}
JOINED_EP = CREATED_EP | {
    "dns_names", "endpoint_id", "gateway", "gateway6", "host_netnsid", "host_veth", "ifindex",
    "ifname", "ipv4", "ipv6", "link_ifindex", "link_netnsid", "mac"}
CREATED = {"created", "endpoints", "exposed_ports", "host", "hostname", "id", "image_id",
           "inherited_mounts", "legacy_links", "name", "network_mode", "spec"}
STARTED = CREATED | {"embedded_dns", "error", "exit_code", "listening", "port_mappings",
                     "sandbox_id", "started", "status"}


def test_fields_sets_of_containers_and_endpoints() -> None:
    lab, steps = run_script(SCRIPT, source="t.sh")
    assert [s.command for s in steps if s.exit_code] == ["docker start gone"]
    got = {c.name: (c.__pydantic_fields_set__,
                    [(e.network, e.__pydantic_fields_set__) for e in c.endpoints])
           for c in lab.state.containers()}
    assert got == {
        "web": (STARTED | {"finished", "paused"},
                [("n1", JOINED_EP), ("n2", JOINED_EP), ("bridge", JOINED_EP)]),
        "box": (STARTED, [("n1", JOINED_EP), ("n2", JOINED_EP)]),
        "hst": (STARTED, [("host", CREATED_EP | {"endpoint_id"})]),
        "gone": (CREATED | {"error", "exit_code"}, [("n9", CREATED_EP), ("n2", CREATED_EP)]),
        "live": (STARTED, [("n1", JOINED_EP), ("n2", JOINED_EP)]),
    }
