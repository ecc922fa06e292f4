"""The engine's rules as measured on real Docker Engine 28.5.2 (the conformance lab,
conformance/recorded/28.5 and experiments run with conformance/lab/lab.sh, 2026-12-04): every
expected text below is what the daemon printed there, replayed here on the lab's topology."""

from __future__ import annotations

import ipaddress

import pytest

from netsim.analysis.reach import Disposition, matrix, reach
from netsim.api import (
    ContainerConfig,
    ContainerCreate,
    ContainerSpec,
    EndpointIPAMConfig,
    EndpointSettings,
    Host,
    HostConfig,
    Lan,
    NetworkingConfig,
)
from netsim.daemon.engine import Engine
from netsim.dockercli.output import inspect as render_inspect
from netsim.errors import DaemonError
from netsim.images import (
    SMALL_NC_USAGE,
    bind_failure,
    lookup,
    signal_number,
    stop_exit_code,
    usage_failure,
)
from netsim.lab import Lab, Step, run_script
from netsim.versions import PROFILES

_HOSTS = [Host(name=n, address=ipaddress.IPv4Address(a), dns=(ipaddress.IPv4Address(
    "192.168.0.1"),), nic="veth", nic_peer=4 + i)
          for i, (n, a) in enumerate((("server1", "192.168.0.100"),
                                      ("server2", "192.168.0.101")))]
_LAN = Lan(subnet=ipaddress.IPv4Network("192.168.0.0/24"),
           gateway=ipaddress.IPv4Address("192.168.0.1"))


def lab(script: str, engine: str = "28.5") -> tuple[Lab, list[Step]]:
    """Replay ``script`` as the conformance does: the lab's two hosts, Docker 28.5."""
    return run_script(script, hosts=_HOSTS, lan=_LAN, profile=engine)


def statuses(the_lab: Lab, host: str = "server1") -> dict[str, str]:
    return {c.name: c.status + (f" ({c.exit_code})" if c.status == "exited" else "")
            for c in the_lab.state.hosts[host].containers.values()}


def err(step: Step) -> str:
    return step.stderr.removeprefix("docker: ").split("\n\nRun 'docker")[0].rstrip("\n")


# ------------------------------------------------------------------------------ stop and kill


def test_stop_exit_codes_by_program() -> None:
    """Measured: only programs with a SIGTERM handler exit 0 on docker stop; PID 1 without one
    ignores it and is killed (137); with --init, tini forwards it and the program dies (143)."""
    the_lab, _ = lab(
        "docker run -d --name web netsim-lab/nginx\n"                       # BusyBox httpd -f
        "docker run -d --name sl netsim-lab/alpine sleep 1000\n"
        "docker run -d --name nc netsim-lab/alpine nc -l -p 7000\n"
        "docker run -d --name dnc netsim-lab/debian nc -lu 51820\n"
        "docker run -d --name pi netsim-lab/alpine ping 192.168.0.1\n"
        "docker run -d --name ta netsim-lab/alpine tail -f /dev/null\n"
        "docker run -dit --name sh netsim-lab/alpine sh\n"
        "docker run -d --name loop netsim-lab/alpine sh -c 'while true; do sleep 1; done'\n"
        "docker run -d --name ex netsim-lab/alpine sh -c 'exec sleep 1000'\n"
        "docker run -d --name in --init netsim-lab/debian sleep 1000\n"
        "docker run -d --name ng nginx\n"
        "docker run -d --name pg -e POSTGRES_PASSWORD=x postgres\n"
        "docker run -d --name ap httpd\n"
        "docker stop -t 1 web sl nc dnc pi ta sh loop ex in ng pg ap\n")
    assert statuses(the_lab) == {
        "web": "exited (137)", "sl": "exited (137)", "nc": "exited (137)",
        "dnc": "exited (137)", "pi": "exited (137)", "ta": "exited (137)", "sh": "exited (137)",
        "loop": "exited (137)", "ex": "exited (137)", "in": "exited (143)",
        "ng": "exited (0)", "pg": "exited (0)", "ap": "exited (0)"}


def test_kill_with_a_signal_the_program_ignores() -> None:
    """Measured: docker kill -s TERM of sleep and -s HUP of BusyBox httpd leave them running;
    docker kill (SIGKILL) gives 137."""
    the_lab, steps = lab("docker run -d --name aa netsim-lab/alpine sleep 1000\n"
                         "docker kill -s TERM aa\n"
                         "docker run -d --name bb netsim-lab/nginx\n"
                         "docker kill -s HUP bb\n"
                         "docker run -d --name cc netsim-lab/nginx\n"
                         "docker kill cc\n")
    assert [s.stdout for s in steps[1::2]] == ["aa\n", "bb\n", "cc\n"]
    assert statuses(the_lab) == {"aa": "running", "bb": "running", "cc": "exited (137)"}


@pytest.mark.parametrize(("argv", "signal", "kill", "code"), [
    (("sleep", "9"), None, False, 137),
    (("sleep", "9"), "SIGKILL", True, 137),
    (("sleep", "9"), "term", True, None),
    (("nginx", "-g", "daemon off;"), "QUIT", False, 0),
    (("nginx", "-g", "daemon off;"), "HUP", True, None),
    (("nginx", "-g", "daemon off;"), "HUP", False, 137),
    (("tini", "--", "sleep", "9"), None, False, 143),
    (("tini", "--", "sleep", "9"), "2", True, 130),
])
def test_stop_exit_code_rules(argv: tuple[str, ...], signal: str | None, kill: bool,
                              code: int | None) -> None:
    """docker stop / kill -s outcomes: handlers exit 0 on TERM/INT/QUIT only; a forwarding init
    lets the default action kill the program (128+signal)."""
    assert stop_exit_code(None, argv, signal=signal, kill=kill) == code


def test_signal_names() -> None:
    """moby's ParseSignal: a name with or without SIG, any case, or a number."""
    assert [signal_number(s) for s in ("SIGTERM", "term", "15", "KILL", "bogus")] == [
        15, 15, 15, 9, None]


# ------------------------------------------------------------------ programs that end at once


def test_small_busybox_nc_refuses_options_it_lacks() -> None:
    """Measured: the lab's BusyBox nc (no NC_EXTRA) exits 1 on -k/-u with its usage; -ll and
    -e are its own."""
    the_lab, steps = lab("docker run -d --name kk netsim-lab/busybox nc -lk -p 5432 -e echo\n"
                         "docker run -d --name uu netsim-lab/busybox nc -lu -p 51820\n"
                         "docker run -d --name ll netsim-lab/alpine nc -ll -p 5434 -e echo hi\n"
                         "docker logs kk\n")
    assert statuses(the_lab) == {"kk": "exited (1)", "uu": "exited (1)", "ll": "running"}
    assert steps[3].stderr == ("nc: unrecognized option: k\nBusyBox v1.38.0 (netsim-lab musl "
                               f"static) multi-call binary.\n\n{SMALL_NC_USAGE}")
    assert usage_failure(lookup("busybox"), ("nc", "-lk", "-p", "1")) is None  # NC_EXTRA


def test_probes_and_images_agree_on_the_small_nc_usage() -> None:
    """The engine's copy of BusyBox's small nc usage is the probes' text."""
    from netsim.probes import BUSYBOX_USAGE as _BUSYBOX_USAGE

    assert _BUSYBOX_USAGE["nc"] == SMALL_NC_USAGE


def test_host_network_server_on_a_taken_port() -> None:
    """Measured (20-host-network-service, lab experiments): a second host-network server, or
    one on a published port (docker-proxy holds it), cannot bind: BusyBox's words, exit 1."""
    the_lab, steps = lab(
        "docker run -d --name web --network host netsim-lab/nginx\n"
        "docker run --rm --network host netsim-lab/nginx httpd -f -p 80\n"
        "docker run -d --name pub -p 8080:80 netsim-lab/nginx\n"
        "docker run --rm --network host netsim-lab/alpine nc -l -p 8080\n"
        "docker run --rm --network host netsim-lab/debian nc -l 8080\n"
        "docker run -d --name twin --network container:pub netsim-lab/nginx\n"
        "docker logs twin\n"
        "docker run -d --name lo -p 127.0.0.1:8090:80 netsim-lab/nginx\n"
        "docker run --rm --network host netsim-lab/nginx httpd -f -p 127.0.0.1:8090\n")
    assert [(s.exit_code, s.stderr) for s in steps if s.command.startswith(
        "docker run --rm")] == [(1, "httpd: bind: Address in use\n"),
                                (1, "nc: bind: Address in use\n"),
                                (1, "nc: Address already in use\n"),
                                (1, "httpd: bind: Address in use\n")]
    assert steps[6].stderr == "httpd: bind: Address in use\n"
    assert statuses(the_lab) == {"web": "running", "pub": "running", "twin": "exited (1)",
                                 "lo": "running"}
    assert bind_failure(lookup("busybox:glibc"), ("httpd", "-f")) == (
        "httpd: bind: Address already in use")


def test_missing_program_fails_the_start() -> None:
    """Measured (49-run-create-image-name-errors): runc's words, 127; the container stays
    Created, and the next start fails the same way; --rm removes it."""
    the_lab, steps = lab("docker run -d --name e1 netsim-lab/alpine nosuchcmd\n"
                         "docker start e1\n"
                         "docker run --rm --name e2 netsim-lab/alpine /etc\n")
    text = ('failed to create task for container: failed to create shim task: OCI runtime '
            'create failed: runc create failed: unable to start container process: error during '
            'container init: exec: "nosuchcmd": executable file not found in $PATH')
    assert (steps[0].exit_code, err(steps[0])) == (127, f"Error response from daemon: {text}")
    assert steps[1].stderr.startswith(f"Error response from daemon: {text}\n")
    assert steps[2].exit_code == 126
    assert statuses(the_lab) == {"e1": "created"}


# --------------------------------------------------------------------------------- ports


def test_published_port_errors() -> None:
    """Measured: an address of the LAN the host lacks (an address outside every subnet netsim
    knows may be on a NIC it does not model: taken as the host's), a port a host-network server
    holds, the existing
    binding named on a conflict, a range passing over a taken port, a full range."""
    the_lab, steps = lab(
        "docker run -d --name far -p 192.168.0.50:8089:80 netsim-lab/nginx\n"
        "docker run -d --name gw -p 172.17.0.1:8095:80 netsim-lab/nginx\n"
        "docker run -d --name hh --network host netsim-lab/nginx httpd -f -p 8081\n"
        "docker run -d --name p2 -p 8081:80 netsim-lab/nginx\n"
        "docker run -d --name p3 -p 8087-8088:80 netsim-lab/nginx\n"
        "docker run -d --name h2 --network host netsim-lab/nginx httpd -f -p 8090\n"
        "docker run -d --name p4 -p 8090-8091:80 netsim-lab/nginx\n"
        "docker run -d --name l1 -p 127.0.0.1:8082:80 netsim-lab/nginx\n"
        "docker run -d --name l2 -p 8082:80 netsim-lab/nginx\n"
        "docker run -d --name ww -p 8083:80 netsim-lab/nginx\n"
        "docker run -d --name l3 -p 127.0.0.1:8083:80 netsim-lab/nginx\n"
        "docker run -d --name r1 -p 9000-9001:80 netsim-lab/nginx\n"
        "docker run -d --name r2 -p 9000-9001:80 netsim-lab/nginx\n"
        "docker run -d --name r3 -p 9000-9001:80 netsim-lab/nginx\n")
    tail = [err(s).rsplit("): ", 1)[-1] for s in steps]
    assert tail[0] == ("failed to bind host port for 192.168.0.50:8089:172.17.0.2:80/tcp: "
                       "cannot assign requested address")
    assert steps[1].exit_code == 0
    assert tail[3] == ("failed to bind host port for 0.0.0.0:8081:172.17.0.3:80/tcp: address "
                       "already in use")
    assert tail[8] == "Bind for 127.0.0.1:8082 failed: port is already allocated"
    assert tail[10] == "Bind for 0.0.0.0:8083 failed: port is already allocated"
    assert tail[13] == "all ports are allocated"
    mappings = {c.name: {m.host_port for m in c.port_mappings}
                for c in the_lab.state.hosts["server1"].containers.values()}
    assert mappings["p3"] == {8087} and mappings["p4"] == {8091}  # 8090 is h2's
    assert statuses(the_lab)["far"] == "created"


def test_bind_error_texts_by_engine() -> None:
    """The refusal of an address the host lacks: docker-proxy's words (≤ 26.1), the whole
    binding (28.5), the address and port (29.1)."""
    script = "docker run -d --name far -p 192.168.0.50:8089:80 nginx\n"
    texts = {v: err(lab(script, v)[1][0]).rsplit("): ", 1)[-1] for v in ("26.1", "29.1")}
    assert texts == {
        # the 26.1 CLI's reportError ends the line with a period (recorded on 26.1.5)
        "26.1": "Error starting userland proxy: listen tcp4 192.168.0.50:8089: bind: cannot "
                "assign requested address.",
        "29.1": "failed to bind host port 192.168.0.50:8089/tcp: cannot assign requested "
                "address"}


def test_internal_only_container_reports_no_ports() -> None:
    """Measured (11-proxy-stack): the PORTS column of a container only on an --internal
    network is empty (no gateway endpoint, no ProgramExternalConnectivity)."""
    _, steps = lab("docker network create --internal back\n"
                   "docker run -d --name db --network back netsim-lab/nginx\n"
                   "docker ps --format '{{.Names}}:{{.Ports}}'\n")
    assert steps[2].stdout == "db:\n"


# ------------------------------------------------------------------------------- networks


def test_macvlan_and_ipvlan_create_rules() -> None:
    """Measured (26-macvlan-modes-errors, 27-ipvlan, 48-network-macvlan-ipvlan-errors): a shared
    subnet's gateway, missing parents, IDs in the parent-in-use errors, the ipvlan flag checked
    before the parent."""
    the_lab, steps = lab(
        "docker network create -d macvlan -o parent=eth0 --subnet 192.168.0.0/24 --gateway "
        "192.168.0.1 --ip-range 192.168.0.160/28 mvb\n"
        "docker network create -d macvlan -o parent=eth0 --subnet 192.168.0.0/24 --gateway "
        "192.168.0.1 --ip-range 192.168.0.176/28 mv2\n"
        "docker network create -d macvlan -o parent=eth9 --subnet 10.10.5.0/24 m9\n"
        "docker network create -d macvlan -o parent=eth0.x --subnet 10.10.8.0/24 m3\n"
        "docker network create -d macvlan -o parent=.10 --subnet 10.10.9.0/24 m4\n"
        "docker network create -d macvlan -o parent=eth0.1.2 --subnet 10.10.10.0/24 m5\n"
        "docker network create -d macvlan -o parent=eth0 -o macvlan_mode=passthru "
        "--subnet 10.10.3.0/24 mvt\n"
        "docker network create -d ipvlan -o parent=eth0 --subnet 10.20.0.0/24 ipl2\n"
        "docker network create -d ipvlan -o parent=eth0 -o ipvlan_flag=bogus --subnet "
        "10.60.0.0/24 ff\n"
        "docker network create -d ipvlan -o parent=eth0 -o ipvlan_mode=l3 --subnet "
        "10.30.0.0/24 ipl3\n")
    nets = the_lab.state.hosts["server1"].networks
    mvb, ipl2 = nets["mvb"].id, nets["ipl2"].id
    assert [s.stderr.removeprefix("Error response from daemon: ").rstrip("\n")
            for s in steps] == [
        "",
        "failed to allocate gateway (192.168.0.1): Address already in use",
        "invalid subinterface vlan name eth9, example formatting is eth0.10",
        "unable to parse a valid vlan id from: x (ex. eth0.10 for vlan 10)",
        "-o parent interface was not found on the host:",
        "required interface name format is: name.vlan_id, ex. eth0.10 for vlan 10, instead "
        "received eth0.1.2",
        f"cannot use mode passthru, macvlan network {mvb} is already using parent interface eth0",
        "",
        "requested ipvlan flag 'bogus' is not valid, 'bridge' is the ipvlan driver default",
        f"network di-{ipl2[:12]} is already using parent interface eth0"]
    assert set(nets) == {"bridge", "host", "none", "mvb", "ipl2"}


def test_shared_subnet_bitmap_is_given_back() -> None:
    """Two --ip-range networks on one --subnet share its addresses until one is removed."""
    _, steps = lab("docker network create --subnet 10.9.0.0/24 --ip-range 10.9.0.0/25 a\n"
                   "docker network create --subnet 10.9.0.0/24 --ip-range 10.9.0.128/25 "
                   "--gateway 10.9.0.1 b\n"
                   "docker network rm a\n"
                   "docker network create --subnet 10.9.0.0/24 --ip-range 10.9.0.128/25 "
                   "--gateway 10.9.0.1 b\n"
                   "docker network create --subnet 10.9.0.0/24 --ip-range 10.9.0.128/25 c\n")
    assert [s.exit_code for s in steps] == [0, 1, 0, 0, 1]
    assert "Pool overlaps with other one" in steps[4].stderr


def test_macvlan_private_mode_isolates_siblings() -> None:
    """Measured (26-macvlan-modes-errors): containers on a macvlan_mode=private network do not
    reach each other (no ARP reply); the matrix says the same."""
    the_lab, steps = lab(
        "docker network create -d macvlan -o parent=eth0 -o macvlan_mode=private --subnet "
        "10.10.1.0/24 mvp\n"
        "docker run -d --name p1 --network mvp netsim-lab/alpine sleep 1000\n"
        "docker run -d --name p2 --network mvp netsim-lab/alpine sleep 1000\n"
        "docker exec p2 ping -c 1 -W 1 p1\n")
    assert steps[3].exit_code == 1 and "0 packets received" in steps[3].stdout
    trace = reach(the_lab.state, "p1", "p2")
    assert trace.disposition is Disposition.MACVLAN_PRIVATE_MODE
    assert trace.hops[-1].rule == "macvlan.private"
    m = matrix(the_lab.state)
    assert not m.reaches("p1", "p2") and not m.reaches("p2", "p1")


def test_network_create_daemon_refusals() -> None:
    """Measured (45-network-create-cli-errors, 46-network-create-daemon-errors)."""
    _, steps = lab("docker network create --ipam-driver nosuchipam n22\n"
                   "docker network create --ipv4=false --ipv6=false n23\n"
                   "docker network create --config-from nosuch n24\n"
                   "docker network create --scope swarm n25\n"
                   "docker network create --ingress n26\n"
                   "docker network create -o com.docker.network.bridge.enable_icc=maybe n20\n"
                   "docker network create --scope bogus n27\n"
                   "docker network create --subnet 10.1.0.5/24 --ip-range 10.1.0.0/16 b3\n"
                   "docker network create --internal -o "
                   "com.docker.network.bridge.gateway_mode_ipv4=isolated iso1\n"
                   "docker network inspect -f '{{json .IPAM.Config}}' iso1\n")
    assert [s.stderr.removeprefix("Error response from daemon: ") for s in steps[:8]] == [
        'plugin "nosuchipam" not found\n',
        "IPv4 or IPv6 must be enabled\n",
        'configuration network "nosuch" does not exist\n',
        "cannot create a swarm scoped network when swarm is not active\n",
        "Ingress network can only be global scope network\n",
        "failed to parse com.docker.network.bridge.enable_icc value: maybe "
        '(strconv.ParseBool: parsing "maybe": invalid syntax)\n',
        "",
        "invalid network config:\n* invalid subnet 10.1.0.5/24: it should be 10.1.0.0/24\n"
        "* invalid ip-range 10.1.0.0/16: CIDR block is bigger than its parent subnet "
        "10.1.0.5/24\n"]
    assert steps[9].stdout == '[{"Subnet":"172.19.0.0/16"}]\n'  # isolated: no gateway


# ------------------------------------------------------------------ containers and links


def test_links_are_checked_only_on_the_default_bridge() -> None:
    """Measured (50-run-create-network-errors, 12-default-bridge-links): --network none
    --link runs; a target off the default bridge; rm -l; an exec after the target went."""
    the_lab, steps = lab("docker network create lab2\n"
                         "docker run -d --name ok1 --network lab2 netsim-lab/alpine sleep 1000\n"
                         "docker run -d --name x19 --network none --link ok1:db "
                         "netsim-lab/alpine sleep 1000\n"
                         "docker run -d --name x24 --link ok1:db netsim-lab/alpine sleep 1000\n"
                         "docker run -d --name db netsim-lab/nginx\n"
                         "docker run -itd --name web2 --link db:database netsim-lab/alpine\n"
                         "docker run -itd --name web --link db netsim-lab/alpine\n"
                         "docker rm -l web2/database\n"
                         "docker rm -f db\n"
                         "docker exec web cat /etc/hosts\n"
                         "docker exec web2 cat /etc/hosts\n")
    ok1 = the_lab.state.hosts["server1"].containers["ok1"].id
    assert steps[2].exit_code == 0
    assert err(steps[3]) == (f"Error response from daemon: container {ok1} not attached to "
                             "default bridge network")
    assert steps[7].stdout == "web2/database\n"
    assert steps[9].stderr == ("Error response from daemon: Cannot link to a non running "
                               "container: /db AS /web/db\n")
    assert steps[10].exit_code == 0 and "database" not in steps[10].stdout
    assert statuses(the_lab)["x19"] == "running"


def test_joiner_stores_its_owner_by_id() -> None:
    """Measured (52-container-lifecycle-errors): after the owner is removed, starting the
    joiner names the owner's ID; a never-started container's removed network by its name."""
    _, steps = lab("docker run -d --name owner netsim-lab/alpine sleep 1000\n"
                         "docker run -d --name joiner --network container:owner netsim-lab/alpine"
                         " sleep 1000\n"
                         "docker stop -t 1 owner joiner\n"
                         "docker rm owner\n"
                         "docker start joiner\n"
                         "docker network create lab1\n"
                         "docker create --name cd --network lab1 netsim-lab/alpine sleep 1000\n"
                         "docker network rm lab1\n"
                         "docker start cd\n")
    owner = steps[0].stdout.strip()
    assert steps[4].stderr.startswith("Error response from daemon: joining network namespace of "
                                      f"container: No such container: {owner}\n")
    assert steps[8].stderr.startswith("Error response from daemon: failed to set up container "
                                      "networking: network lab1 not found\n")


def test_rename_refusals() -> None:
    """Measured (52-container-lifecycle-errors): a name outside [a-zA-Z0-9][a-zA-Z0-9_.-]+ is
    refused while reserving it; a leading slash is dropped."""
    the_lab, steps = lab("docker run -d --name ca netsim-lab/alpine sleep 1000\n"
                         "docker rename ca 'b c'\n"
                         "docker rename ca /a2\n")
    assert "Error when allocating new name: Invalid container name (/b c), only " \
           "[a-zA-Z0-9][a-zA-Z0-9_.-] are allowed" in steps[1].stderr
    assert steps[2].exit_code == 0 and "a2" in the_lab.state.hosts["server1"].containers


def test_disconnect_force_of_missing_things() -> None:
    """Measured (53-network-connect-rm-errors): -f with no such container asks the network for
    an endpoint of that name; -f with no such network, the stored settings."""
    the_lab, steps = lab("docker run -d --name ca netsim-lab/alpine sleep 1000\n"
                         "docker network disconnect -f bridge nosuch\n"
                         "docker network disconnect -f nosuch ca\n")
    ca = the_lab.state.hosts["server1"].containers["ca"].id
    assert [s.stderr for s in steps[1:]] == [
        "Error response from daemon: endpoint nosuch not found\n",
        f"Error response from daemon: container {ca} is not connected to the network nosuch\n"]


def test_endpoint_settings_errors_are_all_listed() -> None:
    """An address and an alias on the default bridge: every refusal, as bullets
    (validateEndpointSettings), the alias in each engine daemon's words; measured for 28.5
    (53-network-connect-rm-errors)."""
    spec = ContainerSpec(
        Config=ContainerConfig(Image="nginx"), HostConfig=HostConfig(NetworkMode="bridge"),
        NetworkingConfig=NetworkingConfig(EndpointsConfig={"bridge": EndpointSettings(
            Aliases=("x",),
            IPAMConfig=EndpointIPAMConfig(IPv4Address=ipaddress.IPv4Address("10.0.0.5")))}))
    texts = {}
    for name in ("28.5", "29.1"):
        with pytest.raises(DaemonError) as caught:
            Engine(profile=PROFILES[name]).execute(ContainerCreate(container=spec))
        texts[name] = caught.value.text
    assert texts["28.5"] == (
        "invalid config for network bridge: invalid endpoint settings:\n"
        "* user specified IP address is supported on user defined networks only\n"
        "* network-scoped alias is supported only for containers in user defined networks\n"
        "* no configured subnet or ip-range contain the IP address 10.0.0.5")
    assert texts["29.1"].endswith(
        "* network-scoped aliases are only supported for user-defined networks\n"
        "* no configured subnet contains IP address 10.0.0.5")
    text = "docker network create nn\ndocker create --name cc nginx\n" \
           "docker network connect --alias x bridge cc\n"
    assert lab(text)[1][2].stderr == ("Error response from daemon: invalid endpoint settings:\n"
                                      "network-scoped alias is supported only for containers in "
                                      "user defined networks\n")


# ------------------------------------------------------------------------------ swarm


SWARM = ("docker swarm init --advertise-addr 192.168.0.100\n"
         "docker -H server2 swarm join --token $(docker swarm join-token -q worker) "
         "192.168.0.100:2377\n")


def test_overlay_inspect_cluster_view_and_peers() -> None:
    """Measured (29-swarm-overlay-inspect): a manager not using the overlay answers with the
    cluster's view (nulls); a node using it lists the peers."""
    _, steps = lab(SWARM + "docker network create -d overlay --attachable --subnet "
                         "10.10.0.0/24 ov\n"
                         "docker network inspect -f '{{json .IPAM.Options}} {{json .Containers}} "
                         "{{json .Labels}} {{json .IPAM.Config}}' ov\n"
                         "docker run -d --name a1 --network ov netsim-lab/alpine sleep 1000\n"
                         "docker -H server2 run -d --name a2 --network ov netsim-lab/alpine "
                         "sleep 1000\n"
                         "docker -H server2 network inspect -f '{{range .Peers}}{{.IP}} {{end}}' "
                         "ov\n"
                         "docker network connect ov a1\n")
    assert steps[3].stdout == 'null null null [{"Subnet":"10.10.0.0/24","Gateway":"10.10.0.1"}]\n'
    assert steps[6].stdout == "192.168.0.100 192.168.0.101 \n"
    assert steps[7].stderr == "Error response from daemon: a1 is already attached to network ov\n"


def test_overlay_allocation_failures() -> None:
    """Measured (56-swarm-overlay-errors): an overlay on ingress's subnet is never allocated
    (no driver, null IPAM config, not listed by driver); a /30 has no address for a
    container and the node's load balancer."""
    _, steps = lab(SWARM + "docker network create -d overlay --attachable --subnet 10.0.0.0/24 "
                   "ov6\n"
                   "docker network inspect -f '{{.Driver}}|{{json .IPAM.Config}}' ov6\n"
                   "docker network ls --filter driver=overlay --format '{{.Name}}'\n"
                   "docker network create -d overlay --attachable --subnet 10.61.0.0/30 tiny\n"
                   "docker run -d --name cg --network tiny netsim-lab/alpine sleep 1000\n"
                   "docker -H server2 swarm join --token x 192.168.0.1:2377\n")
    assert steps[3].stdout == "|null\n"
    assert steps[4].stdout == "ingress\n"
    assert err(steps[6]) == ("Error response from daemon: failed to set up container networking: "
                             "attaching to network failed, make sure your network options are "
                             "correct and check manager logs: context deadline exceeded")


def test_join_to_nobody_stays_pending() -> None:
    """Measured (55-swarm-errors): a join to the router is refused at once; one to an address
    nobody holds times out and goes on in the background, so the next join is refused as
    'already part of a swarm' and the node is no manager until it leaves."""
    _, steps = lab("docker swarm init --advertise-addr 192.168.0.100\n"
                   "docker -H server2 swarm join --token $(docker swarm join-token -q worker) "
                   "192.168.0.1:2377\n"
                   "docker -H server2 swarm join --token $(docker swarm join-token -q worker) "
                   "192.168.0.77:2377\n"
                   "docker -H server2 swarm join --token $(docker swarm join-token -q worker) "
                   "192.168.0.100:2377\n"
                   "docker -H server2 swarm join-token worker\n"
                   "docker -H server2 swarm leave\n"
                   "docker -H server2 swarm join --token $(docker swarm join-token -q worker) "
                   "192.168.0.100:2377\n")
    assert steps[1].stderr == (
        'Error response from daemon: rpc error: code = Unavailable desc = connection error: '
        'desc = "transport: Error while dialing: dial tcp 192.168.0.1:2377: connect: connection '
        'refused"\n')
    assert steps[2].stderr.startswith("Error response from daemon: Timeout was reached")
    assert "already part of a swarm" in steps[3].stderr
    assert "Worker nodes can't be used" in steps[4].stderr
    assert (steps[5].stdout, steps[6].stdout) == ("Node left the swarm.\n",
                                                  "This node joined a swarm as a worker.\n")


# ------------------------------------------------------------------------------ Docker 20.10


def test_internal_bridge_routes_via_its_gateway_on_20_10() -> None:
    """Recorded (20.10, 16-internal-and-icc) and measured on 20.10.24: an --internal bridge
    is still its containers' gateway, so off-subnet packets leave and are dropped (a timeout,
    not Network is unreachable), the host's own addresses answer, and the embedded DNS, which
    forwards from the container, sends nothing back; 26.1 gives no default route at all."""
    script = ("docker network create --internal intnet\n"
              "docker run -d --name i1 --network intnet -p 8090:80 netsim-lab/alpine sleep 1000\n"
              "docker run -d --name i2 --network intnet netsim-lab/debian sleep 1000\n"
              "docker exec i1 ip route\n"
              "docker exec i1 ping -c 1 -W 1 203.0.113.10\n"
              "docker exec i1 ping -c 1 -W 1 192.168.0.100\n"
              "docker exec i1 nslookup google.com\n"
              "docker exec i2 dig +short google.com\n"
              "docker exec i2 curl -s -m 2 http://203.0.113.10/\n"
              "docker inspect -f '{{range .NetworkSettings.Networks}}{{.Gateway}}{{end}}' i1\n"
              "docker port i1\n"
              "docker network connect bridge i1\n"
              "docker exec i1 ip route\n"
              "docker exec i1 nslookup example.com\n")
    _, steps = lab(script, "20.10")
    assert steps[3].stdout == ("default via 172.18.0.1 dev eth0 \n"
                               "172.18.0.0/16 dev eth0 scope link  src 172.18.0.2 \n")
    assert (steps[4].exit_code, steps[4].stderr) == (1, "")
    assert "100% packet loss" in steps[4].stdout
    assert steps[5].exit_code == 0
    assert steps[6].stdout == ";; connection timed out; no servers could be reached\n\n"
    assert (steps[7].exit_code, steps[7].stdout.splitlines()[0]) == (
        9, ";; communications error to 127.0.0.11#53: timed out")
    assert steps[8].exit_code == 28
    assert steps[9].stdout == "172.18.0.1\n"
    assert steps[10].stdout == ""
    # another network's gateway wins (Endpoint.Less: internal networks last)
    assert steps[12].stdout.startswith("default via 172.17.0.1 dev eth1 \n")
    assert steps[13].exit_code == 0
    _, steps = lab(script, "26.1")
    assert steps[3].stdout == "172.18.0.0/16 dev eth0 scope link  src 172.18.0.2 \n"
    assert steps[4].stderr == "ping: sendto: Network unreachable\n"
    assert "SERVFAIL" in steps[6].stdout


def test_namespace_ipv6_off_on_20_10() -> None:
    """Recorded (20.10, 22-none-network, 34-probes-ip-ifconfig) and measured on 20.10.24: a
    container's lo has no ::1 (IPv6 is off in its namespace), so ping and nc use 127.0.0.1
    first and ::1 fails; /etc/hosts keeps its IPv6 lines. 26.1 keeps ::1."""
    script = ("docker run -d --name n1 --network none netsim-lab/alpine sleep 1000\n"
              "docker run -d --name n2 --network none netsim-lab/debian sleep 1000\n"
              "docker exec n1 ip addr\n"
              "docker exec n2 ping -c 1 localhost\n"
              "docker exec n2 ping -c 1 ::1\n"
              "docker exec n1 ping -c 1 ip6-localhost\n"
              "docker exec n2 nc -z -v -w 2 localhost 80\n"
              "docker exec n1 ifconfig\n")
    _, steps = lab(script, "20.10")
    assert "inet6" not in steps[2].stdout + steps[7].stdout
    assert steps[3].stdout.startswith("PING localhost (127.0.0.1) 56(84) bytes of data.\n")
    assert (steps[4].exit_code, steps[4].stderr) == (
        2, "ping: connect: Cannot assign requested address\n")
    assert (steps[5].exit_code, steps[5].stdout, steps[5].stderr) == (
        1, "PING ip6-localhost (::1): 56 data bytes\n", "ping: sendto: Address not available\n")
    assert steps[6].stderr == (
        "nc: connect to localhost (127.0.0.1) port 80 (tcp) failed: Connection refused\n"
        "nc: connect to localhost (::1) port 80 (tcp) failed: Cannot assign requested address\n")
    _, steps = lab(script, "26.1")
    assert "inet6 ::1/128 scope host" in steps[2].stdout
    assert steps[3].stdout.startswith("PING localhost (::1) 56 data bytes\n")


def test_legacy_resolv_conf_on_20_10() -> None:
    """Recorded (20.10: 03-seed-modes, 13-user-bridges, 35-probes-hostname-files): 20.10 writes
    resolv.conf with libnetwork/resolvconf: the host's file (host mode, default bridge), or
    search/nameserver/options lines; no header or comments (26.1 generates those)."""
    script = ("docker run -d --name bb netsim-lab/alpine sleep 1000\n"
              "docker run -d --name hh --network host netsim-lab/alpine sleep 1000\n"
              "docker network create u\n"
              "docker run -d --name u1 --network u netsim-lab/alpine sleep 1000\n"
              "docker run -d --name u2 --network u --dns-search example.com "
              "netsim-lab/alpine sleep 1000\n"
              "docker run -d --name dd --dns 9.9.9.9 --dns-option ndots:2 netsim-lab/alpine "
              "sleep 1000\n"
              "docker exec bb cat /etc/resolv.conf\n"
              "docker exec hh cat /etc/resolv.conf\n"
              "docker exec u1 cat /etc/resolv.conf\n"
              "docker exec u2 cat /etc/resolv.conf\n"
              "docker exec dd cat /etc/resolv.conf\n")
    _, steps = lab(script, "20.10")
    assert [s.stdout for s in steps[6:]] == [
        "nameserver 192.168.0.1\n", "nameserver 192.168.0.1\n",
        "nameserver 127.0.0.11\noptions ndots:0\n",
        "search example.com\nnameserver 127.0.0.11\noptions ndots:0\n",
        "nameserver 9.9.9.9\noptions ndots:2\n"]
    _, steps = lab(script, "26.1")
    assert steps[6].stdout.startswith("# Generated by Docker Engine.\n")


# ------------------------------------------------------------------------------ Docker 20.10


def test_20_aliases_list_the_short_id_once_set_up() -> None:
    """Recorded on 20.10 (14-aliases:25,33, 38-container-inspect:17): updateNetworkConfig adds
    the short ID (and a --hostname) to a user-defined network's aliases at the start or on
    connect; a container never started has only its own; 26.1 keeps them in DNSNames."""
    script = ("docker network create n\n"
              "docker create --name a1 --network n --network-alias web netsim-lab/alpine\n"
              "docker run -d --name b1 --network n --network-alias web -h bee netsim-lab/alpine "
              "sleep 1000\n"
              "docker run -d --name c1 netsim-lab/alpine sleep 1000\n"
              "docker network connect --alias kv n c1\n"
              "docker inspect -f '{{json .NetworkSettings.Networks.n.Aliases}}' a1 b1 c1\n"
              "docker inspect -f '{{json .NetworkSettings.Networks.bridge.Aliases}}' c1\n")
    the_lab, steps = lab(script, "20.10")
    ids = {c.name: c.id[:12] for c in the_lab.state.hosts["server1"].containers.values()}
    assert steps[5].stdout == (f'["web"]\n["web","{ids["b1"]}","bee"]\n'
                               f'["kv","{ids["c1"]}"]\n')
    assert steps[6].stdout == "null\n"
    assert lab(script, "26.1")[1][5].stdout == '["web"]\n["web"]\n["kv"]\n'


def test_20_host_config_shape() -> None:
    """Recorded on 20.10 (38-container-inspect:8,23): NetworkMode "default" without --network,
    ConsoleSize after Runtime, KernelMemory(TCP) 0 after DeviceRequests, unset blkio throttle
    lists and Ulimits null; 26.1 says "bridge", ConsoleSize after VolumesFrom, [] lists."""
    script = ("docker run -d --name w1 netsim-lab/alpine sleep 1000\n"
              "docker run -d --name b1 --network bridge --ulimit nofile=10:20 netsim-lab/alpine "
              "sleep 1000\n")
    old, new = (lab(script, v)[0].state for v in ("20.10", "26.1"))
    hc = render_inspect.container(old, old.container("w1"))["HostConfig"]
    keys = list(hc)
    assert hc["NetworkMode"] == "default"
    assert keys.index("ConsoleSize") == keys.index("Runtime") + 1
    assert keys[keys.index("DeviceRequests") + 1:][:2] == ["KernelMemory", "KernelMemoryTCP"]
    assert (hc["BlkioDeviceReadBps"], hc["BlkioDeviceWriteIOps"], hc["Ulimits"]) == (
        None, None, None)
    hc_b = render_inspect.container(old, old.container("b1"))["HostConfig"]
    assert (hc_b["NetworkMode"], hc_b["Ulimits"]) == (
        "bridge", [{"Name": "nofile", "Hard": 20, "Soft": 10}])
    hc = render_inspect.container(new, new.container("w1"))["HostConfig"]
    keys = list(hc)
    assert hc["NetworkMode"] == "bridge" and "KernelMemory" not in hc
    assert keys.index("ConsoleSize") == keys.index("VolumesFrom") + 1
    assert (hc["BlkioDeviceReadBps"], hc["Ulimits"]) == ([], [])


def test_20_endpoint_settings_checked_at_start() -> None:
    """Recorded on 20.10 (17-ipam:20,39, 14-aliases:37): create checks no endpoint against its
    network, so run -d prints the ID and fails at the start with IPAM's bare words (the
    container stays Created); network connect refuses in the bare words too. 26.1 refuses at
    create, under "invalid endpoint settings:"."""
    script = ("docker network create --subnet 10.10.0.0/24 n\n"
              "docker run -d --name e1 --network n --ip 10.99.0.5 netsim-lab/alpine sleep 1000\n"
              "docker run -d --name x1 netsim-lab/alpine sleep 1000\n"
              "docker network connect --ip 10.99.9.9 n x1\n"
              "docker network connect --alias cache bridge x1\n"
              "docker ps -a --format '{{.Names}} {{.Status}}'\n")
    the_lab, steps = lab(script, "20.10")
    e1 = the_lab.state.hosts["server1"].containers["e1"]
    assert (steps[1].exit_code, steps[1].stdout) == (125, e1.id + "\n")
    assert steps[1].stderr == ("docker: Error response from daemon: Invalid address 10.99.0.5: "
                               "It does not belong to any of this network's subnets.\n")
    assert steps[3].stderr == ("Error response from daemon: Invalid address 10.99.9.9: It does "
                               "not belong to any of this network's subnets\n")
    assert steps[4].stderr == ("Error response from daemon: network-scoped alias is supported "
                               "only for containers in user defined networks\n")
    assert "e1 Created" in steps[5].stdout
    new = lab(script, "26.1")[1]
    assert (new[1].stdout, new[1].stderr.split("\n")[0]) == (
        "", "docker: Error response from daemon: invalid config for network n: invalid "
            "endpoint settings:")
    assert new[3].stderr.startswith("Error response from daemon: invalid endpoint settings:\n")


def test_20_cli_drops_endpoint_flags_without_network() -> None:
    """Recorded on 20.10 (14-aliases:38, 17-ipam:22): without --network the CLI makes no
    endpoint, so --network-alias and --ip are dropped; 26.1 gives them to "default"."""
    script = ("docker run -d --name d1 --network-alias x netsim-lab/alpine sleep 1000\n"
              "docker run -d --name e1 --ip 172.17.0.50 netsim-lab/alpine sleep 1000\n"
              "docker inspect -f '{{.NetworkSettings.IPAddress}}' e1\n")
    steps = lab(script, "20.10")[1]
    assert [s.exit_code for s in steps] == [0, 0, 0]
    assert steps[2].stdout == "172.17.0.3\n"
    assert [s.exit_code for s in lab(script, "26.1")[1][:2]] == [125, 125]


def test_20_ipvlan_without_l3s_and_flags() -> None:
    """Recorded on 20.10 (27-ipvlan:12,20,23): the ipvlan driver knows l2 and l3 only and
    never reads ipvlan_flag."""
    script = ("docker network create -d ipvlan --subnet 10.30.0.0/24 -o parent=eth0 "
              "-o ipvlan_mode=l3s ia\n"
              "docker network create -d ipvlan --subnet 10.50.0.0/24 -o parent=eth0 "
              "-o ipvlan_mode=l3 -o ipvlan_flag=bogus ib\n")
    steps = lab(script, "20.10")[1]
    assert steps[0].stderr == ("Error response from daemon: requested ipvlan mode 'l3s' is not "
                               "valid, 'l2' mode is the ipvlan driver default\n")
    assert steps[1].exit_code == 0
    new = lab(script, "26.1")[1]
    assert new[0].exit_code == 0 and "ipvlan flag 'bogus' is not valid" in new[1].stderr


def test_20_overlay_probe_link_and_worker_refusal() -> None:
    """Measured on 20.10 (ip monitor link: 4: testvxlan, then 8: docker_gwbridge; recorded:
    29-swarm-overlay-inspect:11,29): the overlay driver's once-per-daemon vxlan probe takes a
    host index; a worker's overlay create is refused by libnetwork."""
    script = SWARM + ("docker network create -d overlay --attachable ov\n"
                      "docker -H server2 network create -d overlay --attachable w1\n"
                      "docker run -d --name a1 --network ov netsim-lab/alpine sleep 1000\n"
                      "docker exec a1 ip -4 addr show eth0\n")
    old, new = lab(script, "20.10")[1], lab(script, "26.1")[1]
    assert old[3].stderr == ("Error response from daemon: Cannot create a multi-host network "
                             "from a worker node. Please create the network from a manager "
                             "node.\n")
    assert new[3].stderr.startswith("Error response from daemon: This node is not a swarm "
                                    "manager.")
    assert old[5].stdout.startswith("14: eth0@if15:")
    assert new[5].stdout.startswith("13: eth0@if14:")


def test_20_network_without_subnets_lists_no_ipam_config() -> None:
    """Recorded on 20.10 (37-network-ls-inspect:23): buildIpamResources starts from []."""
    script = "docker network inspect -f '{{json .IPAM.Config}}' host none\n"
    assert lab(script, "20.10")[1][0].stdout == "[]\n[]\n"
    assert lab(script, "26.1")[1][0].stdout == "null\nnull\n"


def test_legacy_resolv_conf_fallback_servers() -> None:
    """v20.10.24 libnetwork/resolvconf FilterResolvDNS: the host's loopback servers are cut
    out; with none left, Google's are appended after a newline, without a final one."""
    host = _HOSTS[0].model_copy(update={"dns": (ipaddress.IPv4Address("127.0.0.1"),)})
    _, steps = run_script("docker run -d --name bb netsim-lab/alpine sleep 1000\n"
                          "docker exec bb cat /etc/resolv.conf\n",
                          hosts=[host], lan=_LAN, profile="20.10")
    assert steps[1].stdout == "\nnameserver 8.8.8.8\nnameserver 8.8.4.4"


def test_20_one_network_at_create() -> None:
    """Recorded on 20.10 (24-container-network-errors:19): verifyNetworkingConfig refuses a
    container on several networks at create (names in Go map order); API 1.44 allows it."""
    script = ("docker network create n1\ndocker network create n2\n"
              "docker run -d --name two --network n1 --network n2 netsim-lab/alpine sleep 1000\n")
    step = lab(script, "20.10")[1][-1]
    assert (step.exit_code, step.stdout) == (125, "")
    assert step.stderr == ("docker: Error response from daemon: Container cannot be connected to "
                           "network endpoints: n1, n2.\nSee 'docker run --help'.\n")
    assert lab(script, "26.1")[1][-1].exit_code == 0
