"""The one parser of vantages (netsim.analysis.vantage): each form, each caller's error texts
(pinned to what reach, dns and the probes printed before they shared it), and round trips."""

from __future__ import annotations

import ipaddress
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netsim.analysis.dns import query
from netsim.analysis.reach import reach
from netsim.analysis.vantage import (
    Role,
    UnknownVantage,
    Vantage,
    parse_vantage,
    resolve_vantage,
)
from netsim.errors import InputError
from netsim.lab import run_script
from netsim.probes import probe
from netsim.state import State

ROLES: tuple[Role, ...] = ("source", "destination", "client", "probe")
IP = ipaddress.IPv4Address

TWO_HOSTS = """# netsim: host h1
# netsim: host h2
docker -H h1 run -d --name web nginx
docker -H h2 run -d --name web nginx
docker -H h1 run -d --name a1 nginx
docker -H h2 run -d --name b2 alpine sleep 1d
docker -H h1 run -d --name gone nginx
docker -H h1 stop gone
"""


@pytest.fixture(scope="module")
def two_hosts() -> State:
    lab, steps = run_script(TWO_HOSTS, source="vantage.sh")
    assert not [s for s in steps if s.exit_code], steps
    return lab.state


# --------------------------------------------------------------------------------------------
# The forms


@pytest.mark.parametrize(("text", "role", "expected"), [
    ("web", "source", Vantage("container", name="web")),
    ("h2/web", "source", Vantage("container", host="h2", name="web")),
    ("h2/a/b", "source", Vantage("container", host="h2", name="a/b")),
    ("@host", "source", Vantage("host", host="host")),
    ("@h2", "source", Vantage("host", host="h2")),
    ("@lan", "source", Vantage("lan")),
    ("@internet", "client", Vantage("internet")),
    ("@lan", "probe", Vantage("lan")),
    # an address is a destination only; elsewhere it is a (valid) container name
    ("10.0.0.5", "source", Vantage("container", name="10.0.0.5")),
    ("10.0.0.5", "destination", Vantage("address", address=IP("10.0.0.5"))),
    ("localhost", "destination", Vantage("address", address=IP("127.0.0.1"))),
    ("localhost", "source", Vantage("container", name="localhost")),
    # as a destination too, @lan and @internet are the LAN's machine and the internet
    ("@lan", "destination", Vantage("lan")),
    ("@internet", "destination", Vantage("internet")),
    ("10.0.0.0/8", "destination", Vantage("container", host="10.0.0.0", name="8")),
    ("@", "source", Vantage("host", host="")),
])
def test_parse_each_form(text: str, role: Role, expected: Vantage) -> None:
    v = parse_vantage(text, role=role)
    assert v == expected
    assert parse_vantage(str(v), role=role) == v


@pytest.mark.parametrize(("v", "text"), [
    (Vantage("container", name="web"), "web"),
    (Vantage("container", host="h1", name="web"), "h1/web"),
    (Vantage("host", host="h1"), "@h1"),
    (Vantage("lan"), "@lan"),
    (Vantage("internet"), "@internet"),
    (Vantage("address", address=IP("192.0.2.7")), "192.0.2.7"),
])
def test_str_is_the_canonical_text(v: Vantage, text: str) -> None:
    assert str(v) == text


def test_a_vantage_is_a_frozen_value() -> None:
    v = parse_vantage("h1/web")
    with pytest.raises(AttributeError):
        v.name = "other"  # type: ignore[misc]
    assert {v, parse_vantage("h1/web")} == {v}


# --------------------------------------------------------------------------------------------
# Resolution against a State


def test_resolve_finds_containers_and_hosts(two_hosts: State) -> None:
    st_ = two_hosts
    assert resolve_vantage(st_, "a1") == Vantage("container", host="h1", name="a1")
    assert resolve_vantage(st_, "h2/web") == Vantage("container", host="h2", name="web")
    prefix = st_.container("b2", "h2").id[:6]
    assert resolve_vantage(st_, prefix) == Vantage("container", host="h2", name="b2")
    # a stopped container is still a vantage (reach says CONTAINER_NOT_RUNNING)
    assert resolve_vantage(st_, "gone") == Vantage("container", host="h1", name="gone")
    # @host: the host named host, else the first; as a destination the source's (near)
    assert resolve_vantage(st_, "@host") == Vantage("host", host="h1")
    assert resolve_vantage(st_, "@host", role="destination", near="h2") == Vantage(
        "host", host="h2")
    assert resolve_vantage(st_, "@h2", role="probe") == Vantage("host", host="h2")
    assert resolve_vantage(st_, "@lan") == Vantage("lan")
    assert resolve_vantage(st_, "8.8.8.8", role="destination") == Vantage(
        "address", address=IP("8.8.8.8"))


def test_at_host_means_a_host_named_host_when_there_is_one() -> None:
    lab, _ = run_script("# netsim: host other\n# netsim: host host\n", source="h.sh")
    assert resolve_vantage(lab.state, "@host") == Vantage("host", host="host")
    assert resolve_vantage(lab.state, "@host", role="destination", near="other") == Vantage(
        "host", host="host")


UNKNOWN_HOST = {
    "source": "unknown vantage point (got '@mars'; accepted: @host, @lan, @internet or "
              "@NAME for one of: h1, h2)",
    "destination": "unknown Docker host (got '@mars'; accepted: @host, @lan, @internet or "
                   "@NAME for one of: h1, h2)",
    "client": "client: unknown vantage point (got '@mars'; accepted: a container, @host, @NAME "
              "of a Docker host, @lan, @internet)",
    "probe": "unknown vantage point @mars (Docker hosts: h1, h2; or @lan, @internet)",
}


@pytest.mark.parametrize("role", ROLES)
def test_unknown_host_error_per_role(two_hosts: State, role: Role) -> None:
    with pytest.raises(UnknownVantage) as info:
        resolve_vantage(two_hosts, "@mars", role=role)
    assert info.value.line() == UNKNOWN_HOST[role]
    assert isinstance(info.value, InputError)


REACH_ACCEPTS = ("a container name, HOST/NAME, an IPv4 address, @host, @NAME, @lan or "
                 "@internet")
CLIENT_ACCEPTS = "a container (NAME or HOST/NAME), @host, @NAME of a Docker host, @lan or @internet"
CONTAINER_ERRORS = [
    ("zz", f"no such container, address or vantage point (got 'zz'; accepted: "
           f"{REACH_ACCEPTS})",
     f"client: no such container, address or vantage point (got 'zz'; accepted: "
     f"{CLIENT_ACCEPTS})"),
    ("web", "the name is used on several Docker hosts (got 'web'; accepted: h1/web or "
            "h2/web)",
     f"client: the name is used on several Docker hosts (got 'web'; accepted: "
     f"{CLIENT_ACCEPTS})"),
    ("x/y", "x/y: unknown Docker host (got 'x'; accepted: h1, h2)",
     f"client: unknown Docker host (got 'x/y'; accepted: {CLIENT_ACCEPTS})"),
    ("h1/zz", "h1/zz: no such container on that host (got 'zz')",
     f"client: no such container on that host (got 'h1/zz'; accepted: {CLIENT_ACCEPTS})"),
    ("1.2.3.4", f"no such container, address or vantage point (got '1.2.3.4'; "
                f"accepted: {REACH_ACCEPTS})",
     f"client: no such container, address or vantage point (got '1.2.3.4'; accepted: "
     f"{CLIENT_ACCEPTS})"),
]


@pytest.mark.parametrize(("text", "reach_line", "client_line"), CONTAINER_ERRORS)
def test_unknown_container_errors(two_hosts: State, text: str, reach_line: str,
                                  client_line: str) -> None:
    roles: tuple[Role, ...] = ("source", "probe")
    if text != "1.2.3.4":  # an address, as a destination
        roles += ("destination",)
    for role in roles:
        with pytest.raises(InputError) as info:
            resolve_vantage(two_hosts, text, role=role)
        assert info.value.line() == reach_line
        assert not isinstance(info.value, UnknownVantage)
    with pytest.raises(InputError) as info:
        resolve_vantage(two_hosts, text, role="client")
    assert info.value.line() == client_line


# --------------------------------------------------------------------------------------------
# The callers print the same texts


def test_reach_dns_and_probes_give_the_parser_texts(two_hosts: State) -> None:
    with pytest.raises(InputError) as info:
        reach(two_hosts, "@mars", "a1")
    assert info.value.line() == UNKNOWN_HOST["source"]
    with pytest.raises(InputError) as info:
        reach(two_hosts, "a1", "@mars")
    assert info.value.line() == UNKNOWN_HOST["destination"]
    assert reach(two_hosts, "a1", "@lan").disposition.value == "DELIVERED"  # the LAN's machine
    with pytest.raises(InputError) as info:
        query(two_hosts, "@mars", "example.com", rng=random.Random(0))
    assert info.value.line() == UNKNOWN_HOST["client"]
    result = probe(two_hosts, "@mars", ["hostname"], rng=random.Random(0))
    assert (result.stdout, result.stderr, result.exit_code) == (
        "", "netsim: " + UNKNOWN_HOST["probe"] + "\n", 2)
    for text, reach_line, client_line in CONTAINER_ERRORS:
        with pytest.raises(InputError) as info:
            reach(two_hosts, text, "a1")
        assert info.value.line() == reach_line
        with pytest.raises(InputError) as info:
            query(two_hosts, text, "example.com", rng=random.Random(0))
        assert info.value.line() == client_line


def test_reach_at_host_as_destination_is_the_sources_host(two_hosts: State) -> None:
    assert reach(two_hosts, "a1", "@host").address == "198.51.100.10"
    assert reach(two_hosts, "b2", "@host").address == "198.51.100.11"
    assert reach(two_hosts, "@lan", "@host").address == "198.51.100.10"


def test_dns_client_must_be_running(two_hosts: State) -> None:
    with pytest.raises(InputError) as info:
        query(two_hosts, "gone", "example.com", rng=random.Random(0))
    assert info.value.line() == ("client: container gone is not running (got 'exited'; "
                                 "accepted: a running container)")


# --------------------------------------------------------------------------------------------
# Properties


@given(text=st.text(max_size=24) | st.sampled_from(
    ["@lan", "@internet", "@host", "@", "/", "h1/", "localhost", "10.1.2.3", "1.2.3.04",
     "a/b/c", "@lan/x"]), role=st.sampled_from(ROLES))
def test_str_parses_back_to_the_same_vantage(text: str, role: Role) -> None:
    """Whatever the text, the canonical text of what it parses to parses back to it."""
    v = parse_vantage(text, role=role)
    assert parse_vantage(str(v), role=role) == v
    assert str(parse_vantage(str(v), role=role)) == str(v)


REFS = ["a1", "b2", "h1/web", "h2/web", "h1/a1", "@host", "@h1", "@h2", "@lan", "@internet",
        "gone", "8.8.8.8", "localhost"]


@given(text=st.sampled_from(REFS), role=st.sampled_from(ROLES))
def test_resolved_vantages_resolve_to_themselves(two_hosts: State, text: str,
                                                 role: Role) -> None:
    """A resolved vantage's text names the same place."""
    try:
        v = resolve_vantage(two_hosts, text, role=role)
    except InputError:
        return
    assert resolve_vantage(two_hosts, str(v), role=role) == v
