"""The CLI's request memos (container_opts._SPECS, convert._CONNECTS) give what computing the
request afresh gives: a ``docker run``/``create`` whose flags differ only in ``--name``, and a
``docker network connect`` whose container differs, get the request made for another one, with
only the name (the container) changed, and the checks that read the name still run."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from netsim.dockercli import container_opts, convert
from netsim.dockercli.container_opts import container_spec
from netsim.dockercli.convert import network_connect
from netsim.dockercli.parse import parse_docker_argv
from netsim.errors import DockerError
from netsim.versions import PROFILES

#: flags of docker run, each one or two words (a few of them read by the daemon's checks)
RUN_FLAGS: list[tuple[str, ...]] = [
    ("-d",), ("--network", "front"), ("--network", "back"), ("--net", "host"),
    ("--network", "container:web"), ("--network", "none"), ("-p", "8080:80"),
    ("-p", "127.0.0.1:53:53/udp"), ("--expose", "9000"), ("--ip", "10.0.0.9"),
    ("--ip", "not-an-ip"), ("--network-alias", "db"), ("--link", "web:w"),
    ("--restart", "always"), ("--rm",), ("-e", "A=1"), ("--hostname", "h"),
    ("--dns", "127.0.0.1"), ("--mac-address", "02:42:ac:11:00:09"), ("-it",),
    ("--entrypoint", "sh"), ("--network", "name=front,alias=a,ip=10.0.0.7"),
    ("--cap-add", "NET_ADMIN"), ("--memory", "64m"), ("-v", "/data:/data"),
]
NAMES = ["c1", "web", "/slash", "db.1", "-bad", "x", ""]
IMAGES = ["nginx", "alpine:3.19", "a" * 64, "registry.lab:5000/app"]


def _spec_or_error(argv: list[str], profile: str) -> object:
    """The request for ``docker ARGV`` under this profile, or the error's type and text."""
    prof = PROFILES[profile]
    try:
        p = parse_docker_argv(argv, profile=prof)
        return container_spec(p, profile=prof)
    except (DockerError, ValueError) as err:
        return type(err).__name__, str(err)


def _argv(flags: list[tuple[str, ...]], name: str, image: str) -> list[str]:
    words = ["run", *(w for f in flags for w in f)]
    if name:
        words += ["--name", name]
    return [*words, image, "echo", "hi"]


@settings(max_examples=150, deadline=None)
@given(flags=st.lists(st.sampled_from(RUN_FLAGS), max_size=5),
       first=st.sampled_from(NAMES), then=st.sampled_from(NAMES),
       image=st.sampled_from(IMAGES), profile=st.sampled_from(sorted(PROFILES)))
def test_a_remembered_request_is_the_fresh_one(flags: list[tuple[str, ...]], first: str,
                                               then: str, image: str, profile: str) -> None:
    container_opts._SPECS.clear()
    fresh = _spec_or_error(_argv(flags, then, image), profile)
    container_opts._SPECS.clear()
    _spec_or_error(_argv(flags, first, image), profile)  # remembered (when it succeeds)
    remembered = _spec_or_error(_argv(flags, then, image), profile)
    assert remembered == fresh
    if not isinstance(fresh, tuple):
        assert type(remembered) is type(fresh)
        assert remembered.model_dump() == fresh.model_dump()  # type: ignore[attr-defined]


def test_a_request_is_remembered_for_its_profile_only() -> None:
    """The memo's key holds the profile (by identity, kept with the request): what differs
    between CLI releases (here whether --network-alias without --network is dropped,
    EngineProfile.cli_network_opts_need_network) is never taken from another's request."""
    argv = ["run", "-d", "--name", "a1", "--network-alias", "db", "nginx"]
    container_opts._SPECS.clear()
    dropped = _spec_or_error(argv, "20.10")  # remembered
    assert getattr(dropped, "NetworkingConfig", None) is not None and len(container_opts._SPECS)
    assert _spec_or_error(argv, "29.1") == (
        "DockerCliError", "network-scoped aliases are only supported for user-defined networks")


def test_the_memo_is_used_and_the_name_checks_still_run() -> None:
    container_opts._SPECS.clear()
    spec = _spec_or_error(["run", "-d", "--name", "a1", "--network", "n", "nginx"], "29.1")
    assert len(container_opts._SPECS) == 1
    other = _spec_or_error(["run", "-d", "--name", "/b2", "--network", "n", "nginx"], "29.1")
    assert len(container_opts._SPECS) == 1  # a hit
    assert getattr(other, "name", None) == "b2" and getattr(spec, "name", None) == "a1"
    assert other.HostConfig is spec.HostConfig  # type: ignore[attr-defined]
    assert _spec_or_error(["run", "-d", "--name", "-x", "--network", "n", "nginx"], "29.1") == (
        "DaemonError", "Invalid container name (-x), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed")


@pytest.mark.parametrize("flags", [[], ["--alias", "db"], ["--ip", "10.1.0.9"],
                                   ["--ip", "bad"], ["--link", "web:w", "--alias", "a,b"]])
@pytest.mark.parametrize("profile", sorted(PROFILES))
def test_a_remembered_connect_is_the_fresh_one(flags: list[str], profile: str) -> None:
    prof = PROFILES[profile]

    def connect(container: str, network: str = "front") -> object:
        try:
            p = parse_docker_argv(["network", "connect", *flags, network, container],
                                  profile=prof)
            return network_connect(p, host="h1")
        except (DockerError, ValueError) as err:
            return type(err).__name__, str(err)

    for network in ("front", "back", ""):  # (remembered on another network, or on none)
        convert._CONNECTS.clear()
        fresh = connect("db", network)
        convert._CONNECTS.clear()
        connect("web")
        assert connect("db", network) == fresh
    checked: list[str] = []

    def check(ep: object, is_connect: bool) -> None:
        checked.append(getattr(ep, "network", ""))

    try:
        p = parse_docker_argv(["network", "connect", *flags, "front", "db"], profile=prof)
    except DockerError:
        return  # the CLI's own parse refused it (29.x parses --ip)
    with contextlib.suppress(DockerError):  # the model refuses what the check let through
        network_connect(p, host="h1", endpoint_check=check)
    assert checked == ["front"]  # the session's check runs on a remembered request too


PORTS = ["8080", "8081", "1", "65535", "70000", "99999"]


@settings(max_examples=150, deadline=None)
@given(flags=st.lists(st.sampled_from(RUN_FLAGS), max_size=4),
       ports=st.lists(st.tuples(st.sampled_from(PORTS), st.sampled_from(PORTS),
                                st.sampled_from(["80", "53", "70000"])), min_size=1,
                      max_size=3),
       names=st.tuples(st.sampled_from(NAMES), st.sampled_from(NAMES)),
       image=st.sampled_from(IMAGES), profile=st.sampled_from(sorted(PROFILES)))
@example(flags=[], ports=[("8080", "70000", "80")], names=("c1", "c2"), image="nginx",
         profile="29.1")  # a bad host port after a good one: the CLI's error, not the model's
@example(flags=[("-p", "9000:90")], ports=[("8080", "8081", "80"), ("1", "65535", "53")],
         names=("c1", "c2"), image="nginx", profile="20.10")
def test_a_request_remembered_for_other_host_ports_is_the_fresh_one(
        flags: list[tuple[str, ...]], ports: list[tuple[str, str, str]],
        names: tuple[str, str], image: str, profile: str) -> None:
    """``-p HOST:PORT`` values that differ only in HOST share a remembered request: what is
    made from it, the bindings made again, is the fresh request (or its error), valid host
    ports or not, beside any other flags."""
    first = [*flags, *(("-p", f"{a}:{port}") for a, _, port in ports)]
    then = [*flags, *(("-p", f"{b}:{port}") for _, b, port in ports)]
    container_opts._SPECS.clear()
    fresh = _spec_or_error(_argv(then, names[1], image), profile)
    container_opts._SPECS.clear()
    _spec_or_error(_argv(first, names[0], image), profile)
    remembered = _spec_or_error(_argv(then, names[1], image), profile)
    assert remembered == fresh
    if not isinstance(fresh, tuple):
        assert type(remembered) is type(fresh)
        assert remembered.model_dump() == fresh.model_dump()  # type: ignore[attr-defined]
        assert remembered.HostConfig.model_fields_set == (  # type: ignore[attr-defined]
            fresh.HostConfig.model_fields_set)  # type: ignore[attr-defined]


def test_other_host_ports_hit_the_memo() -> None:
    container_opts._SPECS.clear()
    a = _spec_or_error(["run", "-d", "--name", "a1", "-p", "20000:80", "nginx"], "29.1")
    b = _spec_or_error(["run", "-d", "--name", "b2", "-p", "20010:80", "nginx"], "29.1")
    assert len(container_opts._SPECS) == 1  # a hit
    assert a.HostConfig.PortBindings["80/tcp"][0].HostPort == "20000"  # type: ignore[attr-defined]
    assert b.HostConfig.PortBindings["80/tcp"][0].HostPort == "20010"  # type: ignore[attr-defined]


NETS = ["front", "back", "n1", "n2", "bridge", "host", "none", "container:web",
        "name=front,alias=a", "default"]


@settings(max_examples=200, deadline=None)
@given(flags=st.lists(st.sampled_from([f for f in RUN_FLAGS if f[0] not in (
           "--network", "--net")]), max_size=4),
       nets=st.lists(st.tuples(st.sampled_from(NETS), st.sampled_from(NETS)), max_size=3),
       publish=st.sampled_from([(), (("-p", "8080:80"),), (("-p", "9000:80"),)]),
       names=st.tuples(st.sampled_from(NAMES), st.sampled_from(NAMES)),
       image=st.sampled_from(IMAGES), profile=st.sampled_from(sorted(PROFILES)))
@example(flags=[("--network-alias", "db")], nets=[("front", "back")], publish=(),
         names=("c1", "c2"), image="nginx", profile="29.1")
@example(flags=[], nets=[("n1", "n2"), ("back", "n2")], publish=(), names=("c1", "c2"),
         image="nginx", profile="29.1")  # a network given twice: the CLI's error
@example(flags=[("--ip", "10.0.0.9")], nets=[("n1", "front"), ("n2", "back")], publish=(),
         names=("c1", "c2"), image="nginx", profile="26.1")
def test_a_request_remembered_on_other_networks_is_the_fresh_one(
        flags: list[tuple[str, ...]], nets: list[tuple[str, str]],
        publish: tuple[tuple[str, str], ...], names: tuple[str, str], image: str,
        profile: str) -> None:
    """``--network NAME`` flags that differ only in the user-defined networks' names share a
    remembered request: what is made from it, the names put in their places, is the fresh
    request (or its error), beside any other flags; the session's check sees the new names."""
    first = [*flags, *(("--network", a) for a, _ in nets), *publish]
    then = [*flags, *(("--network", b) for _, b in nets), *publish]
    seen: list[list[str]] = []

    def check(ep: object, _connect: bool) -> None:
        seen[-1].append(getattr(ep, "network", ""))

    def spec_seen(argv: list[str]) -> tuple[object, list[str]]:
        seen.append([])
        prof = PROFILES[profile]
        try:
            p = parse_docker_argv(argv, profile=prof)
            got: object = container_spec(p, endpoint_check=check, profile=prof)
        except (DockerError, ValueError) as err:
            got = (type(err).__name__, str(err))
        return got, seen[-1]

    container_opts._SPECS.clear()
    fresh = spec_seen(_argv(then, names[1], image))
    container_opts._SPECS.clear()
    spec_seen(_argv(first, names[0], image))
    remembered = spec_seen(_argv(then, names[1], image))
    assert remembered == fresh
    if not isinstance(fresh[0], tuple):
        assert remembered[0].model_dump() == fresh[0].model_dump()  # type: ignore[attr-defined]


def test_other_networks_hit_the_memo() -> None:
    container_opts._SPECS.clear()
    a = _spec_or_error(["run", "-d", "--name", "a1", "--network", "n1", "nginx"], "29.1")
    b = _spec_or_error(["run", "-d", "--name", "b2", "--network", "n2", "--network", "n3",
                        "nginx"], "29.1")
    c = _spec_or_error(["run", "-d", "--name", "c3", "--network", "n4", "--network", "n5",
                        "nginx"], "29.1")
    assert len(container_opts._SPECS) == 2  # the second two: one shape
    assert a.HostConfig.NetworkMode == "n1"  # type: ignore[attr-defined]
    assert list(c.NetworkingConfig.EndpointsConfig) == ["n4", "n5"]  # type: ignore[attr-defined]
    assert list(b.NetworkingConfig.EndpointsConfig) == ["n2", "n3"]  # type: ignore[attr-defined]
