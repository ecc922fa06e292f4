"""The CLI's request memos (container_opts._SPECS, convert._CONNECTS) give what computing the
request afresh gives: a ``docker run``/``create`` whose flags differ only in ``--name``, and a
``docker network connect`` whose container differs, get the request made for another one, with
only the name (the container) changed, and the checks that read the name still run."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
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
        return container_spec(p, legacy_ports=prof.cli_legacy_port_spec,
                              links_follow_any_network=prof.cli_links_follow_any_network,
                              legacy_options_need_network=prof.cli_network_opts_need_network,
                              restart_rm_legacy_text=prof.cli_restart_rm_legacy_text,
                              profile=prof)
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

    def connect(container: str) -> object:
        try:
            p = parse_docker_argv(["network", "connect", *flags, "front", container],
                                  profile=prof)
            return network_connect(p, host="h1")
        except (DockerError, ValueError) as err:
            return type(err).__name__, str(err)

    convert._CONNECTS.clear()
    fresh = connect("db")
    convert._CONNECTS.clear()
    connect("web")
    assert connect("db") == fresh
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
