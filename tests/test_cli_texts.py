"""The docker CLI's own texts, per engine profile: error wording, deprecation notices, -H,
argument-count errors, address flags, port specs, content trust, missing programs and users.

Every 28.5 text here was measured on the conformance lab (Debian's docker.io 28.5.2+dfsg4,
CLI 28.5.2: conformance/recorded/28.5, scripts 36- to 56-, and lab runs made while writing these
rules); the 29.1 texts are read from docker/cli v29.1.5 and moby docker-v29.1.5 (the paths are
in netsim/versions/ beside each ``cli_*`` field).
"""

from __future__ import annotations

import pytest

from netsim.api import Host, Lan
from netsim.lab import Step, run_script

OCI = "OCI runtime exec failed: exec failed: unable to start container process: "
TASK = ("failed to create task for container: failed to create shim task: OCI runtime create "
        "failed: runc create failed: unable to start container process: error during container "
        "init: ")
RUN_HELP = "\n\nRun 'docker run --help' for more information\n"


def run(text: str, engine: str = "28.5") -> list[Step]:
    """The steps of a script on the lab's two hosts, under ``engine``."""
    hosts = [Host(name="server1", address="192.168.0.100"),
             Host(name="server2", address="192.168.0.101")]
    _, steps = run_script(text, hosts=hosts, lan=Lan(subnet="192.168.0.0/24"), profile=engine)
    return steps


def last(text: str, engine: str = "28.5") -> tuple[int, str, str]:
    step = run(text, engine)[-1]
    return step.exit_code, step.stdout, step.stderr


WEB = "docker run -d --name web -p 8080:80 netsim-lab/nginx\n"


# ------------------------------------------------------------------ docker/cli's own errors

@pytest.mark.parametrize(("command", "legacy", "current"), [
    ("docker start missing",
     "Error response from daemon: No such container: missing\n"
     "Error: failed to start containers: missing\n",
     "Error response from daemon: No such container: missing\n"
     "failed to start containers: missing\n"),
    ("docker port web 81", "Error: No public port '81' published for web\n",
     "no public port '81' published for web\n"),
    ("docker port web 80/udp", "Error: No public port '80/udp' published for web\n",
     "no public port '80/udp' published for web\n"),
    ("docker port web abc",
     'Error: invalid port (abc): strconv.ParseUint: parsing "abc": invalid syntax\n',
     "invalid port 'abc': invalid syntax\n"),
    ("docker port web 99999",
     'Error: invalid port (99999): strconv.ParseUint: parsing "99999": value out of range\n',
     "invalid port '99999': value out of range\n"),
    ("docker inspect nosuch", "Error: No such object: nosuch\n",
     "error: no such object: nosuch\n"),
    ("docker rename web web",
     "Error response from daemon: Renaming a container with the same name as its current name\n"
     "Error: failed to rename container named web\n",
     "failed to rename container: Error response from daemon: Renaming a container with the "
     "same name as its current name\n"),
    ("docker rename web ''", "Error: Neither old nor new names may be empty\n",
     "failed to rename container: new name cannot be blank\n"),
])
def test_cli_error_texts(command: str, legacy: str, current: str) -> None:
    """docker/cli ≤ 28.x says ``Error: …`` in capitals (measured); 29.x lower-cased it."""
    assert last(WEB + command, "28.5")[::2] == (1, legacy)
    assert last(WEB + command, "29.1")[::2] == (1, current)


def test_inspect_prints_found_objects_then_the_errors() -> None:
    """Measured: what was found goes to stdout, each missing object's error to stderr."""
    assert last(WEB + "docker inspect -f '{{.Name}}' web nosuch") == (
        1, "/web\n", "Error: No such object: nosuch\n")
    assert last("docker inspect nosuch") == (1, "[]\n", "Error: No such object: nosuch\n")
    assert last("docker inspect --type bogus web") == (
        1, "", 'unknown type: "bogus": must be one of "config", "container", "image", '
        '"network", "node", "plugin", "secret", "service", "task", "volume"\n')


def test_inspect_template_errors_per_object_and_parse_errors() -> None:
    """Measured: a template error is kept per object, in order with the not-found ones, after
    the output (an empty line when nothing printed); a parse error is exit 64."""
    steps = run("docker network create n1\n"
                "docker network inspect -f '{{.Name}} {{.Nope}}' n1 nosuch bridge\n"
                "docker inspect -f '{{.Name' n1\n"
                "docker inspect --format json n1 bridge\n")
    err = 'template parsing error: template: :1:12: executing "" at <.Nope>: map has no entry ' \
          'for key "Nope"'
    assert (steps[1].exit_code, steps[1].stdout, steps[1].stderr) == (
        1, "\n", f"{err}\nError response from daemon: network nosuch not found\n{err}\n")
    assert (steps[2].exit_code, steps[2].stdout, steps[2].stderr) == (
        64, "", "template parsing error: template: :1: unclosed action\n")
    assert steps[3].stdout.startswith('[{"Name":"n1"') and steps[3].stdout.count("\n") == 1


def test_rename_trims_and_checks_the_name() -> None:
    """Measured: 28.5 trims both names; the daemon refuses a name with a space."""
    steps = run(WEB + "docker rename ' web ' web2\ndocker rename web2 'b c'\n"
                "docker rename web2 /a2\ndocker ps --format '{{.Names}}'\n")
    assert [s.exit_code for s in steps[1:]] == [0, 1, 0, 0]
    assert steps[2].stderr == (
        "Error response from daemon: Error when allocating new name: Invalid container name "
        "(/b c), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed\n"
        "Error: failed to rename container named web2\n")
    assert steps[4].stdout == "a2\n"


def test_attach_to_a_stopped_container() -> None:
    """Measured: 28.5 "You cannot attach …"; 29.1 lower-cased it."""
    text = "docker create --name cc netsim-lab/alpine\ndocker attach cc\n"
    assert last(text, "28.5")[2] == "You cannot attach to a stopped container, start it first\n"
    assert last(text, "29.1")[2] == "cannot attach to a stopped container, start it first\n"


def test_port_listing_and_protocol_case() -> None:
    """Measured: no port lists every mapping; 28.5 matches the protocol as typed."""
    assert last(WEB + "docker port web ''")[1] == (
        "80/tcp -> 0.0.0.0:8080\n80/tcp -> [::]:8080\n")
    assert last(WEB + "docker port web 80/TCP")[2] == (
        "Error: No public port '80/TCP' published for web\n")
    assert last(WEB + "docker port web 80/TCP", "29.1")[1] == "0.0.0.0:8080\n[::]:8080\n"


def test_max_args_typo_of_28() -> None:
    """Measured: cli.RequiresMaxArgs wrote "SRun" from docker/cli v28.0.0 to v29.0.0."""
    usage = "docker: 'docker images' requires at most 1 argument\n\nUsage:  docker images " \
            "[OPTIONS] [REPOSITORY[:TAG]]\n\n"
    assert last("docker images a b", "28.5") == (
        1, "", usage + "SRun 'docker images --help' for more information\n")
    assert last("docker images a b", "29.1")[2] == (
        usage + "Run 'docker images --help' for more information\n")


# ------------------------------------------------------------------ deprecations

def test_deprecation_notices_by_cli_release() -> None:
    """Measured: 28.5 deprecates only --time (notice on stdout) and -h (on stderr when given
    before the command); 29.0 added --kernel-memory and --disable-content-trust."""
    km = "docker run -d --name k1 --kernel-memory 10m netsim-lab/alpine sleep 1000"
    code, out, err = last(km, "28.5")
    assert code == 0 and "deprecated" not in out + err
    assert last(km, "29.1")[1].startswith(
        "Flag --kernel-memory has been deprecated, and no longer supported by the kernel\n")
    stop = "docker run -d --name k1 netsim-lab/alpine sleep 1000\ndocker stop --time 1 k1"
    assert last(stop)[1] == "Flag --time has been deprecated, use --timeout instead\nk1\n"
    code, out, err = last("docker -h ps")
    assert err.startswith("Flag shorthand -h has been deprecated, use --help\n")
    assert out.startswith("Usage:  docker ps [OPTIONS]")


def test_content_trust_needs_notary() -> None:
    """Measured: with --disable-content-trust=false the 28.5 CLI asks notary.docker.io first;
    netsim's internet answers TLS with plain HTTP, as the lab's does."""
    warning = ("WARNING: Docker is retiring DCT for Docker Official Images (DOI).\n"
               "         For details, refer to https://docs.docker.com/go/dct-deprecation/\n\n")
    error = "Error: error contacting notary server: tls: first record does not look like a TLS " \
            "handshake"
    assert last("docker run --disable-content-trust=false --rm netsim-lab/alpine true") == (
        125, "", f"{warning}docker: {error}{RUN_HELP}")
    assert last("docker create --disable-content-trust=false netsim-lab/alpine true") == (
        1, "", f"{warning}{error}\n")
    assert last("docker pull --disable-content-trust=false netsim-lab/alpine") == (
        1, "Using default tag: latest\n", f"{warning}{error}\n")
    code, out, _ = last("docker run --disable-content-trust=false --rm netsim-lab/alpine true",
                        "29.1")
    assert code == 0 and out.startswith("Flag --disable-content-trust has been deprecated")


# ------------------------------------------------------------------ -H

@pytest.mark.parametrize(("ref", "shown"), [
    ("tcp://192.168.0.101:2375", "tcp://192.168.0.101:2375"),
    ("192.168.0.101", "tcp://192.168.0.101:2375"),
    ("tcp://127.0.0.1", "tcp://127.0.0.1:2375"),
    ("127.0.0.1:2375", "tcp://127.0.0.1:2375"),
    ("unix:///nope.sock", "unix:///nope.sock"),
])
def test_no_daemon_listens_on_tcp(ref: str, shown: str) -> None:
    """Measured: dockerd listens on its socket only; an address is "Cannot connect"."""
    assert last(f"docker -H {ref} ps") == (
        1, "", f"Cannot connect to the Docker daemon at {shown}. Is the docker daemon "
        "running?\n")


def test_unknown_context() -> None:
    """Measured: a context that does not exist (its metadata path is sha256 of the name)."""
    assert last("docker --context nosuch ps") == (
        1, "", 'Failed to initialize: unable to resolve docker endpoint: context "nosuch": '
        "context not found: open /root/.docker/contexts/meta/9e62f93eb7d2499903ac66232f187c56fc"
        "050eb74c765f90eb214360b21f0e96/meta.json: no such file or directory\n")
    assert last("docker --context default ps --format '{{.Names}}'") == (0, "", "")


def test_host_names_and_the_local_socket_work() -> None:
    """-H NAME (netsim's hosts) and the daemon's own socket reach a daemon."""
    steps = run("docker -H server2 run -d --name bb netsim-lab/alpine sleep 1000\n"
                "docker -H server2 ps --format '{{.Names}}'\n"
                "docker -H unix:///var/run/docker.sock ps --format '{{.Names}}'\n")
    assert (steps[1].stdout, steps[2].stdout) == ("bb\n", "")


# ------------------------------------------------------------------ address flags as strings

def test_bad_ip_is_the_daemons_error_on_28() -> None:
    """Measured (39-, 50-): 28.5 passes --ip as a string; the daemon lists every problem."""
    assert last("docker run --ip bad netsim-lab/alpine true") == (
        125, "", "docker: Error response from daemon: invalid config for network bridge: invalid "
        "endpoint settings:\n* user specified IP address is supported on user defined networks "
        "only\n* invalid IPv4 address: bad\n* no configured subnet or ip-range contain the IP "
        f"address bad{RUN_HELP}")
    code, _, err = last("docker run --ip bad netsim-lab/alpine true", "29.1")
    assert (code, err.splitlines()[0]) == (
        125, 'invalid argument "bad" for "--ip" flag: failed to parse IP: "bad"')


def test_bad_addresses_on_user_networks_on_28() -> None:
    """Measured (44-, 50-, 53-): --network ip=, --ip6 and network connect's --ip and
    --link-local-ip, against networks with and without a configured subnet."""
    steps = run("docker network create lab1\n"
                "docker network create --subnet 10.2.0.0/16 lab2\n"
                "docker run -d --name ca netsim-lab/alpine sleep 1000\n"
                "docker run --rm --network name=lab1,ip=1.2.3 netsim-lab/alpine true\n"
                "docker run -d --name x36 --network lab2 --ip6 bad netsim-lab/alpine sleep 1\n"
                "docker network connect --ip 1.2.3 lab2 ca\n"
                "docker network connect --link-local-ip bad lab2 ca\n")
    no_subnet = "user specified IP address is supported only when connecting to networks with " \
                "user configured subnets"
    assert steps[3].stderr == (
        "docker: Error response from daemon: invalid config for network lab1: invalid endpoint "
        f"settings:\n* invalid IPv4 address: 1.2.3\n* {no_subnet}{RUN_HELP}")
    assert steps[4].stderr == (
        "docker: Error response from daemon: invalid config for network lab2: invalid endpoint "
        f"settings:\n* invalid IPv6 address: bad\n* {no_subnet}{RUN_HELP}")
    assert (steps[5].exit_code, steps[5].stderr) == (
        1, "Error response from daemon: invalid endpoint settings:\n* invalid IPv4 address: "
        "1.2.3\n* no configured subnet or ip-range contain the IP address 1.2.3\n")
    assert steps[6].stderr == ("Error response from daemon: invalid endpoint settings:\n"
                               "invalid link-local IP address: bad\n")


@pytest.mark.parametrize(("flags", "code", "expected"), [
    ("--subnet 10.1.0.0", 1,
     "Error response from daemon: invalid network config:\ninvalid subnet 10.1.0.0: invalid "
     "CIDR block notation\n"),
    ("--subnet 10.1.0.0/24 --aux-address a=bad", 1, "no matching subnet for aux-address bad\n"),
    ("--subnet 10.1.0.0/24 --ip-range bad", 1, "invalid CIDR address: bad\n"),
    ("--subnet 10.1.0.0/24 --ip-range 10.1.0.0/40", 1, "invalid CIDR address: 10.1.0.0/40\n"),
    ("--subnet 10.1.0.0/24 --gateway 10.1.0.300", 1,
     "no matching subnet for gateway 10.1.0.300\n"),
    ("--subnet 10.1.0.0/24 --gateway 10.1.0.1,bad", 1,
     "every ip-range or gateway must have a corresponding subnet\n"),
])
def test_network_create_addresses_on_28(flags: str, code: int, expected: str) -> None:
    """Measured (45-network-create-cli-errors): 28.5's string IPAM options."""
    assert last(f"docker network create {flags} n1") == (code, "", expected)


# ------------------------------------------------------------------ -p, --expose, --mount

@pytest.mark.parametrize(("flag", "code", "expected"), [
    ("-p 80/xyz", 125, "Invalid proto: xyz"),
    ("-p '[::1:80:80'", 125, "Invalid ip address [::1: address [::1:: missing ']' in address"),
    ("-p 1.2.3:80:80", 125, "Invalid ip address: 1.2.3"),
    ("-p 8080:", 125, "No port specified: 8080:<empty>"),
    ("-p 8080:abc", 125, "Invalid containerPort: abc"),
    ("-p 70000:80", 125, "Invalid hostPort: 70000"),
    ("-p 8000-8002:80-81", 125,
     "Invalid ranges specified for container and host Ports: 80-81 and 8000-8002"),
    ("--expose abc", 125,
     'invalid range format for --expose: abc, error: strconv.ParseUint: parsing "abc": '
     "invalid syntax"),
    ("--expose 90-80", 125,
     "invalid range format for --expose: 90-80, error: Invalid range specified for the Port: "
     "90-80"),
    ("--expose 80/xyz", 0, ""),
])
def test_port_specs_of_debians_28(flag: str, code: int, expected: str) -> None:
    """Measured (51-run-port-errors): go-connections 0.4's words, --expose unchecked."""
    got = last(f"docker run --rm {flag} netsim-lab/alpine true")
    assert got == (code, "", f"docker: {expected}{RUN_HELP}" if expected else "")


def test_port_specs_of_29() -> None:
    """docker/cli v29.1.5 vendors go-connections 0.6: lower case, the protocol first."""
    assert last("docker run --rm -p 80/xyz netsim-lab/alpine true", "29.1")[2] == (
        f"docker: invalid proto: xyz{RUN_HELP}")


def test_bind_nonrecursive() -> None:
    """Measured (44-): 28.5 takes it (a bare one is a bind option on a volume mount) and
    logs a deprecation warning; 29.1 refuses it."""
    bare = "docker run --rm --mount bind-nonrecursive,target=/x netsim-lab/alpine true"
    assert last(bare)[2].startswith(
        "invalid argument \"bind-nonrecursive,target=/x\" for \"--mount\" flag: cannot mix "
        "'bind-*' options with mount type 'volume'\n")
    full = ("docker run --rm --mount type=bind,src=/tmp,dst=/x,bind-nonrecursive=true "
            "netsim-lab/alpine true")
    code, _, err = last(full)
    assert code == 0 and err.endswith(
        ' level=warning msg="bind-nonrecursive is deprecated, use bind-recursive=disabled '
        'instead"\n') and err.startswith('time="')
    assert "bind-nonrecursive is deprecated" in last(full, "29.1")[2]


# ------------------------------------------------------------------ missing programs, users

@pytest.mark.parametrize(("argv", "code", "reason"), [
    ("nosuchcmd", 127, 'exec: "nosuchcmd": executable file not found in $PATH'),
    ("curl -s http://example.com", 127, 'exec: "curl": executable file not found in $PATH'),
    ("/etc", 126, 'exec: "/etc": is a directory: permission denied'),
    ("/etc/hostname", 126, 'exec: "/etc/hostname": permission denied'),
    ("/nosuch", 127, 'exec: "/nosuch": stat /nosuch: no such file or directory'),
    ("./nosuch", 127, 'exec: "./nosuch": stat ./nosuch: no such file or directory'),
])
def test_exec_of_a_missing_program(argv: str, code: int, reason: str) -> None:
    """Measured (39-, 54-): runc's error on the exec's stdout, no ": unknown" on the lab's
    28.5; 29.1 (upstream containerd) ends it in ": unknown", before the daemon's own ":
    permission denied" for a directory (daemon/errors.go; recorded on 26.1.5, 54-:15)."""
    text = f"docker run -d --name ca netsim-lab/alpine sleep 1000\ndocker exec ca {argv}"
    assert last(text) == (code, f"{OCI}{reason}\r\n", "")
    upstream = (reason.replace("is a directory: permission denied",
                               "is a directory: unknown: permission denied")
                if "is a directory" in reason else f"{reason}: unknown")
    assert last(text, "29.1") == (code, f"{OCI}{upstream}\r\n", "")


def test_exec_in_debian_and_exec_options() -> None:
    """Measured: the Debian stand-in's programs; -w and -u checked before the program."""
    steps = run("docker run -d --name deb netsim-lab/debian sleep 1000\n"
                "docker exec deb nosuchcmd arg\ndocker exec deb wget -qO- http://x\n"
                "docker exec -w /nosuch deb pwd\ndocker exec -u nosuchuser deb id\n"
                "docker exec -u root:nosuchgroup deb id\n")
    assert steps[1].stdout == f'{OCI}exec: "nosuchcmd": executable file not found in $PATH\r\n'
    assert steps[2].exit_code == 127
    assert (steps[3].exit_code, steps[3].stdout) == (
        127, f'{OCI}chdir to cwd ("/nosuch") set in config.json failed: no such file or '
        "directory\r\n")
    assert (steps[4].exit_code, steps[4].stderr) == (
        1, "Error response from daemon: unable to find user nosuchuser: no matching entries in "
        "passwd file\n")
    assert steps[5].stderr == ("Error response from daemon: unable to find group nosuchgroup: "
                               "no matching entries in group file\n")


def test_run_of_a_missing_program_leaves_a_created_container() -> None:
    """Measured (49-): the start fails (127/126), -d printed the ID first, the container stays
    Created (removed with --rm); start and restart fail alike."""
    steps = run("docker run --rm netsim-lab/alpine nosuchcmd\n"
                "docker run -d --name e1 netsim-lab/alpine nosuchcmd\n"
                "docker run --rm netsim-lab/debian /etc/hostname\n"
                "docker start e1\ndocker restart e1\n"
                "docker run --rm -u nosuchuser netsim-lab/alpine id\n"
                "docker ps -a --format '{{.Names}} {{.Status}}'\n")
    missing = f'{TASK}exec: "nosuchcmd": executable file not found in $PATH'
    assert (steps[0].exit_code, steps[0].stderr) == (
        127, f"docker: Error response from daemon: {missing}{RUN_HELP}")
    assert (steps[1].exit_code, len(steps[1].stdout)) == (127, 65)
    assert steps[2].exit_code == 126 and 'exec: "/etc/hostname": permission denied' in \
        steps[2].stderr
    assert steps[3].stderr == (f"Error response from daemon: {missing}\n"
                               "Error: failed to start containers: e1\n")
    assert steps[4].stderr == f"Error response from daemon: Cannot restart container e1: " \
                              f"{missing}\n"
    assert (steps[5].exit_code, steps[5].stderr) == (
        125, "docker: Error response from daemon: unable to find user nosuchuser: no matching "
        f"entries in passwd file{RUN_HELP}")
    assert steps[6].stdout == "e1 Created\n"


def test_image_references() -> None:
    """Measured (49-): an empty reference; 64 hex digits are an image ID the daemon lacks."""
    assert last("docker run --rm '' true") == (125, "", f"docker: invalid reference format"
                                                        f"{RUN_HELP}")
    hex64 = "0123456789abcdef" * 4
    assert last(f"docker run --rm {hex64} true") == (
        125, "", f"docker: Error response from daemon: No such image: sha256:{hex64}"
        f"{RUN_HELP}")


# ------------------------------------------------------------------ listings and others

def test_ps_formats_and_errors() -> None:
    """Measured: ps checks a --format on an empty container first; -n/-l; the publish and
    expose filters; json; a table header of a label is its name."""
    steps = run(WEB + "docker run -d --name ca netsim-lab/alpine sleep 1000\n"
                "docker ps --format '{{.Nope}}'\ndocker ps --format '{{foo}}'\n"
                "docker ps --format '{{.Names \"x\"}}'\n"
                "docker network ls --format '{{.Nope}}'\n"
                "docker ps -n 1 --format '{{.Names}}'\ndocker ps -l -q\n"
                "docker ps --filter publish=8080 --format '{{.Names}}'\n"
                "docker ps --format 'table {{.Names}}\\t{{.Label \"a\"}}'\n"
                "docker ps -l --format json\n"
                "docker network ls --format 'table {{.Name}}\\t{{.IPv4}}' --filter name=host\n")
    assert steps[2].stderr == (
        'failed to execute template: template: :1:2: executing "" at <.Nope>: can\'t evaluate '
        "field Nope in type *formatter.ContainerContext\n")
    assert steps[3].stderr == 'failed to parse template: template: :1: function "foo" not ' \
                              'defined\n'
    assert steps[4].stderr.endswith("wrong number of args for Names: want 0 got 1\n")
    assert steps[5].stderr == (
        'template parsing error: template: :1:2: executing "" at <.Nope>: can\'t evaluate '
        "field Nope in type *network.networkContext\n")
    assert steps[6].stdout == "ca\n" and len(steps[7].stdout) == 13
    assert steps[8].stdout == "web\n"
    assert steps[9].stdout == "NAMES     a\nca        \nweb       \n"
    assert steps[10].stdout.startswith('{"Command":"\\"sleep 1000\\"","CreatedAt":')
    assert '"Platform":null' in steps[10].stdout and '"LocalVolumes":"0"' in steps[10].stdout
    assert steps[11].stdout == "NAME      IPV4\nhost      true\n"


def test_pause_unpause_top_refusals() -> None:
    """Measured (52-): the daemon's refusals; pausing itself is not simulated."""
    steps = run("docker run -d --name a2 netsim-lab/alpine sleep 1000\n"
                "docker pause nosuch\ndocker unpause a2\ndocker top nosuch\n")
    cid = steps[0].stdout.strip()
    assert [s.stderr for s in steps[1:]] == [
        "Error response from daemon: No such container: nosuch\n",
        f"Error response from daemon: Container {cid} is not paused\n",
        "Error response from daemon: No such container: nosuch\n"]
    steps = run("docker create --name st netsim-lab/alpine sleep 100\ndocker pause nosuch st\n"
                "docker top st\n")
    cid = steps[0].stdout.strip()
    assert steps[1].stderr == ("Error response from daemon: No such container: nosuch\n"
                               f"Error response from daemon: container {cid} is not running\n")
    assert steps[2].stderr == f"Error response from daemon: container {cid} is not running\n"


def test_swarm_texts() -> None:
    """Measured (42-, 55-): --data-path-port is a uint32; join-token off a swarm is the
    daemon's errNoManager; an IPv6 pool longer than the mask."""
    assert last("docker swarm init --data-path-port 5000000000")[2].startswith(
        'invalid argument "5000000000" for "--data-path-port" flag: strconv.ParseUint: parsing '
        '"5000000000": value out of range\n')
    assert last("docker swarm join-token worker")[2] == (
        'Error response from daemon: This node is not a swarm manager. Use "docker swarm init" '
        'or "docker swarm join" to connect this node to swarm and try again.\n')
    assert last("docker swarm init --default-addr-pool fd00::/64")[2] == (
        'Error response from daemon: invalid CIDR: "fd00::/64". Subnet size is too small for '
        "pool: 24\n")


def test_ansi_c_quoting_in_scripts() -> None:
    """Measured (44-): bash's $'…' reaches docker as the decoded word."""
    assert last("docker network create --subnet $'\"10.1\\n0.0/24\"x' lab1")[2].startswith(
        'invalid argument "\\"10.1\\n0.0/24\\"x" for "--subnet" flag: record on line 1; parse '
        'error on line 2, column 7: extraneous or missing " in quoted-field\n')


# ------------------------------------------------- docker/cli ≤ 27's layout (26.1 and 20.10)
# measured: conformance/recorded/26.1/40- to 44-*.json; the texts are cli/required.go,
# cli/cobra.go FlagErrorFunc and cmd/docker/docker.go at v26.1.5 (v20.10.24 alike)


def test_argument_count_errors_see_help_before_26() -> None:
    code, _, err = last("docker restart", "26.1")
    assert (code, err) == (1, "\"docker restart\" requires at least 1 argument.\n"
                              "See 'docker restart --help'.\n\n"
                              "Usage:  docker restart [OPTIONS] CONTAINER [CONTAINER...]\n\n"
                              "Restart one or more containers\n")
    # 20.10's own Short (v20.10.24:cli/command/container/run.go)
    assert last("docker run", "20.10")[2].endswith("\n\nRun a command in a new container\n")
    assert last("docker ps x", "26.1")[2].startswith('"docker ps" accepts no arguments.\n')
    assert last("docker rename a", "26.1")[2].startswith(
        '"docker rename" requires exactly 2 arguments.\n')
    assert last("docker port", "26.1")[2].startswith(
        '"docker port" requires at least 1 and at most 2 arguments.\n')
    assert last("docker restart", "28.5")[2].startswith(
        "docker: 'docker restart' requires at least 1 argument\n")


def test_flag_errors_and_groups_before_26() -> None:
    assert last("docker ps --bogus", "26.1") == (
        125, "", "unknown flag: --bogus\nSee 'docker ps --help'.\n")
    code, _, err = last("docker network nosuch", "26.1")
    assert code == 1
    assert err.startswith("\nUsage:  docker network COMMAND\n\nManage networks\n\nCommands:\n"
                          "  connect     Connect a container to a network\n")
    assert err.endswith("  rm          Remove one or more networks\n\n"
                        "Run 'docker network COMMAND --help' for more information on a "
                        "command.\n")
    code, _, err = last("docker container -x ls", "26.1")
    assert code == 125
    assert err.startswith("unknown shorthand flag: 'x' in -x\nSee 'docker container --help'.\n\n"
                          "Usage:  docker container COMMAND\n")
    assert "  commit      Create a new image from a container's changes\n" in err
    assert err.endswith("for more information on a command.\n\n")
    assert last("docker nosuchcmd", "26.1") == (
        1, "", "docker: 'nosuchcmd' is not a docker command.\nSee 'docker --help'\n")
    # the root's usage text is not reproduced, and netsim says so
    assert last("docker --bogus ps", "26.1")[2] == (
        "unknown flag: --bogus\nSee 'docker --help'.\n"
        "netsim: docker's usage text (docker --help) is not reproduced\n")


def test_flags_and_values_of_older_clis() -> None:
    err = last("docker stop -t abc kk", "26.1")[2]
    assert err.startswith('invalid argument "abc" for "-t, --time" flag')
    assert last("docker stop -t abc kk", "28.5")[2].startswith(
        'invalid argument "abc" for "-t, --timeout" flag')
    assert last("docker network create --ipv4=false n1", "26.1")[2].startswith(
        "unknown flag: --ipv4\n")
    assert last("docker network connect --gw-priority 1 bridge kk", "26.1")[2].startswith(
        "unknown flag: --gw-priority\n")
    assert last("docker run --rm -m 10x netsim-lab/alpine true", "26.1")[2].startswith(
        "invalid argument \"10x\" for \"-m, --memory\" flag: invalid size: '10x'\n")
    assert last("docker run --rm -m 10x netsim-lab/alpine true", "28.5")[2].startswith(
        "invalid argument \"10x\" for \"-m, --memory\" flag: invalid suffix: 'x'\n")
    assert last("docker run --rm --gpus two netsim-lab/alpine true", "26.1")[2].startswith(
        'invalid argument "two" for "--gpus" flag: count must be an integer: strconv.Atoi: '
        'parsing "two": invalid syntax\n')
    assert last("docker run --rm --network name=n,gw-priority=x netsim-lab/alpine true",
                "26.1")[2].startswith(
        'invalid argument "name=n,gw-priority=x" for "--network" flag: invalid field key '
        "gw-priority\n")
    assert last("docker run --rm --quiet netsim-lab/alpine true", "20.10")[2].startswith(
        "unknown flag: --quiet\n")


def test_commands_an_older_cli_lacks() -> None:
    """20.10's CLI has no ``volume update`` (docker/cli v22.06): the word is an argument of the
    volume group, whose flags refuse ``--availability``."""
    code, _, err = last("docker volume update --availability pause v", "20.10")
    assert code == 125
    assert err.startswith("unknown flag: --availability\nSee 'docker volume --help'.\n\n"
                          "Usage:  docker volume COMMAND\n")
    assert "  update " not in err
    # 26.1's CLI has it: netsim does not simulate it (the step succeeds quietly, a note)
    assert run("docker volume update --availability pause v", "26.1")[-1].unsimulated == \
        "docker volume update"
