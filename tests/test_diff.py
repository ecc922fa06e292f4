"""netsim.analysis.diff: what differs between two States of one deployment, and only that."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netsim.analysis.diff import Change, StateDiff, deciding_rule, diff_states
from netsim.analysis.reach import reach
from netsim.api import Host
from netsim.errors import InputError
from netsim.lab import Lab, run_script
from netsim.state import State


def state_of(text: str, *, seed: int = 0) -> State:
    lab, steps = run_script(text, source="test.sh", seed=seed)
    failed = [s for s in steps if s.exit_code != 0]
    assert not failed, failed[0].stderr
    return lab.state


BASE = """\
docker network create --subnet 10.5.0.0/24 front
docker network create back
docker run -d --name web --network front --ip 10.5.0.5 --network-alias www -p 8080:80 nginx
docker run -d --name db --network back alpine sleep 1d
"""


def changes(d: StateDiff, section: str | None = None) -> list[tuple[object, ...]]:
    return [(c.host, c.container, c.network, c.field, c.a, c.b) for c in d.changes
            if section is None or c.section == section]


def test_identical_scripts_are_empty_with_the_counts() -> None:
    """The same script twice: no differences, and the one line says what was compared."""
    d = diff_states(state_of(BASE), state_of(BASE))
    assert d.empty
    # bridge, host, none, front, back; web and db; web->db and db->web
    assert str(d) == "no differences (5 networks, 2 containers, 2 pairs compared)"
    assert d.to_dict()["compared"] == {"networks": 5, "containers": 2, "pairs": 2}


def test_ids_macs_and_times_are_never_reported() -> None:
    """Another seed gives other IDs, MACs and short IDs in the DNS names: still no difference."""
    a, b = state_of(BASE), state_of(BASE, seed=7)
    assert a.container("web").id != b.container("web").id
    assert a.container("web").endpoints[0].mac != b.container("web").endpoints[0].mac
    assert a.container("web").short_id in a.container("web").endpoints[0].dns_names
    assert diff_states(a, b).empty


def test_single_hosts_match_whatever_their_names() -> None:
    """A script's default host ``host`` is the dump's ``server1`` when each side has one."""
    a = state_of(BASE)
    b = state_of("# netsim: host server1\n" + BASE)
    assert list(a.hosts) == ["host"] and list(b.hosts) == ["server1"]
    d = diff_states(a, b, a_name="plan", b_name="server1")
    assert d.empty, str(d)
    assert d.to_dict()["hosts"] == [{"a": "host", "b": "server1"}]


def test_single_hosts_match_through_the_lab_api() -> None:
    """The same, with the host declared through Lab(hosts=…)."""
    lab = Lab(hosts=[Host(name="server1")])
    for line in BASE.splitlines():
        assert lab.docker(line).exit_code == 0
    assert diff_states(state_of(BASE), lab.state).empty


def test_several_hosts_match_by_name() -> None:
    """With two hosts on a side, a host without its namesake is reported, not guessed."""
    two = "# netsim: host h1\n# netsim: host h2\ndocker -H h1 run -d --name web nginx\n"
    one_other = "# netsim: host h1\n# netsim: host h3\ndocker -H h1 run -d --name web nginx\n"
    d = diff_states(state_of(two), state_of(one_other))
    assert changes(d, "hosts") == [("h2", None, None, "present", True, False),
                                   ("h3", None, None, "present", False, True)]
    assert changes(d) == changes(d, "hosts")  # h1 is the same on both sides
    assert "host h2: present: A: true / B: false" in str(d)


def test_a_container_missing_on_one_side() -> None:
    """A container only in B: one line, and its pairs are not compared."""
    d = diff_states(state_of(BASE), state_of(BASE + "docker run -d --name extra nginx\n"),
                    a_name="plan", b_name="real")
    assert changes(d) == [("host", "extra", None, "present", False, True)]
    assert d.reachability == ()
    assert d.pairs == 2
    assert "  host container extra: present: plan: false / real: true" in str(d).splitlines()


def test_a_different_address() -> None:
    """``--ip`` on a ``--subnet`` network: the address with its prefix, on both sides."""
    d = diff_states(state_of(BASE), state_of(BASE.replace("--ip 10.5.0.5", "--ip 10.5.0.9")))
    assert changes(d) == [("host", "web", "front", "ipv4", "10.5.0.5/24", "10.5.0.9/24")]
    assert "addresses:\n  host container web on front: ipv4: A: 10.5.0.5/24 / B: 10.5.0.9/24" \
        in str(d)


def test_different_aliases() -> None:
    """Aliases (and so the DNS names) compared as sets."""
    b = BASE.replace("--network-alias www", "--network-alias www --network-alias api")
    d = diff_states(state_of(BASE), state_of(b))
    assert changes(d, "aliases") == [
        ("host", "web", "front", "aliases", ("www",), ("api", "www")),
        ("host", "web", "front", "dns names", ("web", "www"), ("api", "web", "www"))]
    assert changes(d) == changes(d, "aliases")


def test_a_different_published_port() -> None:
    """Published ports as a set of host_ip:host_port->port/proto."""
    d = diff_states(state_of(BASE), state_of(BASE.replace("-p 8080:80", "-p 127.0.0.1:8081:80")))
    assert changes(d) == [("host", "web", None, "published ports",
                           ("0.0.0.0:8080->80/tcp", "[::]:8080->80/tcp"),
                           ("127.0.0.1:8081->80/tcp",))]


def test_network_fields() -> None:
    """A network's flags, options and labels, field by field; a network on one side only."""
    b = BASE.replace("network create back",
                     "network create --internal --label tier=db "
                     "-o com.docker.network.bridge.enable_icc=false back")
    d = diff_states(state_of(BASE), state_of(b + "docker network create spare\n"))
    got = changes(d, "networks")
    assert ("host", None, "back", "internal", False, True) in got
    assert ("host", None, "back", "icc", True, False) in got
    assert ("host", None, "back", "label tier", None, "db") in got
    assert ("host", None, "back", "option com.docker.network.bridge.enable_icc", None,
            "false") in got
    assert ("host", None, "spare", "present", False, True) in got
    assert "host network back: label tier: A: (none) / B: db" in str(d)


def test_reachability_differs_with_the_rule_of_each_side() -> None:
    """One side connects web to back: the pair's verdict and the deciding rules, as reach()
    gives them on each side."""
    a = state_of(BASE)
    b = state_of(BASE + "docker network connect back web\n")
    d = diff_states(a, b, a_name="plan", b_name="real")
    pairs = [(r.src, r.dst) for r in d.reachability]
    assert pairs == [("db", "web"), ("web", "db")]
    for r in d.reachability:
        ta, tb = reach(a, r.src, r.dst), reach(b, r.src, r.dst)
        assert not ta.delivered and tb.delivered
        assert (r.a.disposition, deciding_rule(r.a)) == (ta.disposition, ta.deciding.rule)
        assert (r.b.disposition, deciding_rule(r.b)) == (tb.disposition, tb.deciding.rule)
        line = (f"  {r.src} -> {r.dst}: plan: not reachable [{ta.disposition.value}] "
                f"({ta.deciding.rule}) / real: reachable [{tb.disposition.value}] "
                f"({tb.deciding.rule})")
        assert line in str(d).splitlines()
        side = r.to_dict()["a"]
        assert side["rule"] == ta.deciding.rule and side["trace"] == ta.to_dict()
    assert ("host", "web", "back", "attached", False, True) in changes(d)


def test_an_internal_network_changes_the_rule() -> None:
    """An --internal network on one side: its container no longer reaches a host-mode one
    (the host's address is off its subnet); each side's rule is its trace's."""
    text = ("docker network create {flag}back\n"
            "docker run -d --name db --network back alpine sleep 1d\n"
            "docker run -d --name proxy --network host nginx\n")
    a, b = state_of(text.format(flag="")), state_of(text.format(flag="--internal "))
    for port in (None, 80):
        d = diff_states(a, b, port=port)
        assert changes(d) == [
            ("host", None, "back", "internal", False, True),
            ("host", "db", "back", "gateway", "172.18.0.1", None)]
        assert [(r.src, r.dst) for r in d.reachability] == [("db", "proxy")]
        r = d.reachability[0]
        ta, tb = reach(a, "db", "proxy", port=port), reach(b, "db", "proxy", port=port)
        assert ta.delivered and not tb.delivered
        assert r.a.to_dict() == ta.to_dict() and r.b.to_dict() == tb.to_dict()
        assert (f"db -> proxy: A: reachable [{ta.disposition.value}] ({ta.deciding.rule}) / "
                f"B: not reachable [{tb.disposition.value}] ({tb.deciding.rule})") in str(d)


def test_port_diff_only_with_a_port() -> None:
    """nginx listens on 80, alpine sleeping does not: the same for ping, not for 80/tcp."""
    text = ("docker network create front\n"
            "docker run -d --name client --network front alpine sleep 1d\n"
            "docker run -d --name web --network front {image}\n")
    a = state_of(text.format(image="nginx"))
    b = state_of(text.format(image="alpine sleep 1d"))
    assert diff_states(a, b).empty
    d = diff_states(a, b, port=80)
    assert [(r.src, r.dst) for r in d.reachability] == [("client", "web")]
    r = d.reachability[0]
    assert r.a.delivered and not r.b.delivered
    assert deciding_rule(r.b) == reach(b, "client", "web", port=80).deciding.rule
    assert "reachability (80/tcp):" in str(d)
    assert d.to_dict()["port"] == 80 and d.to_dict()["proto"] == "tcp"
    assert diff_states(a, b, port=80, proto="udp").to_dict()["proto"] == "udp"


def test_container_mode_compared_by_the_target_name() -> None:
    """``container:<id>`` on each side names the same container by name, IDs differing."""
    text = ("docker run -d --name web nginx\ndocker run -d --name db nginx\n"
            "docker run -d --name side --network container:{t} alpine sleep 1d\n")
    a, b = state_of(text.format(t="web")), state_of(text.format(t="web"), seed=3)
    assert a.container("side").network_mode != b.container("side").network_mode
    assert diff_states(a, b).empty
    c = state_of(text.format(t="db"))
    got = [x for x in changes(diff_states(a, c)) if x[3] == "network mode"]
    assert got == [("host", "side", None, "network mode", "container:web", "container:db")]


def test_a_stopped_container_reports_its_status_not_its_addresses() -> None:
    """A container that runs on one side only: its status, and the pairs it breaks."""
    a, b = state_of(BASE), state_of(BASE + "docker stop db\n")
    d = diff_states(a, b)
    assert changes(d) == [("host", "db", None, "status", "running", "exited")]
    assert d.pairs == 2


def test_to_dict_is_json_and_deterministic() -> None:
    """to_dict dumps to JSON, the same for two diffs built apart; the changes are the same
    whatever the seeds (the traces' texts name the bridges, whose names derive from IDs)."""
    b = BASE.replace("--ip 10.5.0.5", "--ip 10.5.0.9") + "docker network connect back web\n"
    one = json.dumps(diff_states(state_of(BASE), state_of(b)).to_dict())
    assert one == json.dumps(diff_states(state_of(BASE), state_of(b)).to_dict())
    other = diff_states(state_of(BASE, seed=4), state_of(b, seed=9)).to_dict()
    data = json.loads(one)
    assert other["changes"] == data["changes"]
    assert [{k: v for k, v in r.items() if k not in ("a", "b")} for r in other["reachability"]] \
        == [{k: v for k, v in r.items() if k not in ("a", "b")} for r in data["reachability"]]
    assert data["empty"] is False and data["a"] == "A" and data["b"] == "B"
    assert {c["section"] for c in data["changes"]} == {"addresses", "containers"}


def test_ordering_is_natural_and_independent_of_creation_order() -> None:
    """Sections in order, names in natural order (web2 before web10), whatever the order the
    containers were made in."""
    names = ["web10", "web2", "web1"]

    def script(order: list[str], alias: str) -> str:
        return "docker network create --subnet 10.9.0.0/24 front\n" + "".join(
            f"docker run -d --name {n} --network front --ip 10.9.0.{100 + int(n[3:])} "
            f"--network-alias {alias}{n} nginx\n" for n in order)
    a = state_of(script(names, "a"))
    d1 = diff_states(a, state_of(script(names[::-1], "b")))
    d2 = diff_states(a, state_of(script(sorted(names), "b")))
    assert str(d1) == str(d2)
    assert [c.container for c in d1.changes if c.field == "aliases"] == ["web1", "web2", "web10"]
    assert list(d1.changes) == sorted(d1.changes, key=Change.sort_key)


def test_bad_port_or_protocol() -> None:
    """A port out of range or an unknown protocol is an input error."""
    s = state_of(BASE)
    with pytest.raises(InputError, match="port out of range"):
        diff_states(s, s, port=70000)
    with pytest.raises(InputError, match="unknown protocol"):
        diff_states(s, s, port=80, proto="sctp")


# --------------------------------------------------------------------------------------------
# properties


@st.composite
def scripts(draw: st.DrawFn) -> str:
    """A few bridges (some internal or without ICC) and containers on them, some connected to a
    second network, some published, some stopped."""
    nets = draw(st.lists(st.sampled_from(["front", "back", "mid"]), unique=True, max_size=3))
    lines = []
    for n in nets:
        flags = draw(st.sampled_from(["", "--internal ",
                                      "-o com.docker.network.bridge.enable_icc=false "]))
        lines.append(f"docker network create {flags}{n}")
    choices = ["bridge", *nets]
    count = draw(st.integers(0, 4))
    for i in range(count):
        net = draw(st.sampled_from(choices))
        image = draw(st.sampled_from(["nginx", "alpine sleep 1d"]))
        publish = f"-p {8000 + i}:80 " if draw(st.booleans()) else ""
        lines.append(f"docker run -d --name c{i} --network {net} {publish}{image}")
        other = draw(st.sampled_from(choices))
        if other != net and net != "bridge" and other != "bridge":
            lines.append(f"docker network connect {other} c{i}")
        if draw(st.booleans()) and i:
            lines.append(f"docker stop c{i}")
    return "\n".join(lines) + "\n"


def mirrored(d: StateDiff) -> list[tuple[object, ...]]:
    return sorted((c.section, c.host, repr(c.container), repr(c.network), c.field, repr(c.b),
                   repr(c.a))
                  for c in d.changes)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scripts())
def test_a_state_against_itself_is_empty(text: str) -> None:
    """diff(s, s) is empty, also when the other side was built with another seed."""
    s = state_of(text)
    assert diff_states(s, s).empty
    assert diff_states(s, state_of(text, seed=11), port=80).empty


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scripts(), scripts())
def test_diff_is_symmetric(one: str, two: str) -> None:
    """diff(a, b) is empty iff diff(b, a) is; and it is the same diff, sides swapped."""
    a, b = state_of(one), state_of(two)
    ab, ba = diff_states(a, b), diff_states(b, a)
    assert ab.empty == ba.empty
    assert mirrored(ab) == sorted((c.section, c.host, repr(c.container), repr(c.network), c.field,
                                   repr(c.a), repr(c.b)) for c in ba.changes)
    assert [(r.src, r.dst, r.a.delivered, r.b.delivered) for r in ab.reachability] == \
        [(r.src, r.dst, r.b.delivered, r.a.delivered) for r in ba.reachability]
    assert (ab.networks, ab.containers, ab.pairs) == (ba.networks, ba.containers, ba.pairs)
    assert all(r.a.delivered != r.b.delivered for r in ab.reachability)
