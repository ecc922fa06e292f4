"""Bad input never crashes: random scripts, commands and scenario files give Docker's words
or one InputError, never another exception."""

from __future__ import annotations

import contextlib

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netsim.errors import InputError, ScenarioError
from netsim.io.scenario import parse_scenario
from netsim.lab import Lab, run_script

WORDS = [
    "docker", "run", "create", "start", "stop", "rm", "-f", "network", "create", "connect",
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
]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=9), min_size=1,
                max_size=12))
def test_random_scripts_never_crash(lines: list[list[str]]) -> None:
    text = "# netsim: host h1\n# netsim: host h2\n" + "\n".join(" ".join(w) for w in lines)
    with contextlib.suppress(InputError):
        _lab, steps = run_script(text, source="fuzz.sh")
        for s in steps:
            assert isinstance(s.exit_code, int)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS[1:]), min_size=1, max_size=10))
def test_random_docker_commands_never_crash(words: list[str]) -> None:
    lab = Lab()
    lab.docker("network create n1")
    lab.docker("run -d --name web nginx")
    with contextlib.suppress(InputError):
        step = lab.docker(" ".join(words) or "ps")
        assert step.exit_code >= 0


JSONISH = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 70000) | st.sampled_from(WORDS),
    lambda children: st.lists(children, max_size=4)
    | st.dictionaries(st.sampled_from([
        "version", "steps", "hosts", "lan", "images", "op", "network", "container", "name",
        "driver", "image", "networks", "ipam", "subnet", "publish", "host", "address",
        "endpoint", "aliases", "ipv4_address", "engine_version", "gateway",
    ]), children, max_size=5),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(JSONISH)
def test_random_scenarios_give_one_clear_error(data: object) -> None:
    text = yaml.safe_dump(data)
    try:
        parse_scenario(text, source="fuzz.yaml")
    except ScenarioError as err:
        line = err.line()
        assert line.startswith("fuzz.yaml") and "\n" not in line


PROBE_WORDS = [
    "ping", "-c", "2", "0", "-q", "-w", "-z", "curl", "-s", "-S", "-m", "5", "wget", "-qO-",
    "nc", "-zv", "-v", "ip", "addr", "a", "route", "r", "show", "eth0", "eth9", "ifconfig",
    "-a", "hostname", "-i", "-I", "busybox", "web", "db", "localhost", "8.8.8.8", "10.9.9.9",
    "172.17.0.2", "172.18.0.2", "http://web/", "http://172.17.0.2:81/", "https://x:99999/",
    "http://", "://", "80", "65536", "abc", "dig", "cat", "/etc/hosts", "", "-",
    "nslookup", "host", "getent", "hosts", "+short", "-x", "-t", "AAAA", "PTR", "MX", "@8.8.8.8",
    "@x", "/etc/resolv.conf", "web.n1", "db.n1", "example.org", "x.invalid", "apt-get", "apk",
    "install", "add", "update", "dnsutils", "bind-tools", "::1", "fe80::1",
]
PLACES = ["web", "db", "sidecar", "solo", "none1", "shoot", "@host", "@h2", "@lan", "@internet",
          "@nope", "h2/web", "nope", "", "/", "h9/x", "172.17.0.2", "localhost"]


def _fuzz_state():  # type: ignore[no-untyped-def]
    lab, _ = run_script(
        "# netsim: host host\n# netsim: host h2\n"
        "docker network create n1\n"
        "docker network create --internal n2\n"
        "docker run -d --name web -p 8080:80 nginx\n"
        "docker run -d --name db --network n1 redis\n"
        "docker network connect n2 db\n"
        "docker run -d --name sidecar --network container:web alpine sleep 1d\n"
        "docker run -d --name solo --network host nginx\n"
        "docker run -d --name none1 --network none alpine sleep 1d\n"
        "docker run -d --name shoot --network n1 --network-alias db nicolaka/netshoot sleep 1d\n"
        "docker -H h2 run -d --name web nginx\n", source="fuzz.sh")
    return lab.state


FUZZ_STATE = _fuzz_state()


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(PLACES), st.lists(st.sampled_from(PROBE_WORDS), min_size=0,
                                         max_size=6))
def test_random_probes_never_crash(where: str, words: list[str]) -> None:
    """Any command at any place gives the tool's own words or one InputError."""
    from netsim.probes import Packages, install, probe

    with contextlib.suppress(InputError):
        r = probe(FUZZ_STATE, where, words)
        assert isinstance(r.exit_code, int) and isinstance(r.stdout, str)
        r, _ = install(FUZZ_STATE, where, words or ["apt-get"], Packages())
        assert isinstance(r.exit_code, int) and isinstance(r.stdout, str)


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(PLACES), st.sampled_from(PLACES),
       st.none() | st.integers(-3, 70000), st.sampled_from([None, "tcp", "udp", "icmp"]))
def test_random_flows_never_crash(src: str, dst: str, port: int | None, proto: str | None
                                  ) -> None:
    """reach() with any source, destination and port: a Trace or one InputError."""
    from netsim.analysis.reach import reach

    try:
        t = reach(FUZZ_STATE, src, dst, port=port, proto=proto)  # type: ignore[arg-type]
    except InputError as err:
        assert "\n" not in err.line()
        return
    assert t.hops and t.disposition


EXPECT_WORDS = ["web", "db", "@host", "@lan", "@internet", "8.8.8.8", "reaches", "does", "not",
                "cannot", "reach", "resolves", "resolve", "to", "on", "80", "53/udp", "x/y",
                "because", "ISOLATED_NETWORKS", "BOGUS", "runs", "ping", "-c", "1", "and",
                "exits", "0", "nosuch", "10.0.0.1,10.0.0.2", ""]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(EXPECT_WORDS), min_size=0, max_size=8))
def test_random_expectations_never_crash(words: list[str]) -> None:
    """Any expectation text is parsed and checked, or rejected with one InputError."""
    from netsim.analysis.check import evaluate, parse_expectation

    with contextlib.suppress(InputError):
        exp = parse_expectation(words, "fuzz")
        result = evaluate(FUZZ_STATE, exp, 1)
        assert isinstance(result.ok, bool) and result.outcome
