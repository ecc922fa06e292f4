"""netsim whatif: what changes would change, derived from the lab's State without rebuilding it,
equal to a full rebuild's answers; the lab never changes."""

from __future__ import annotations

import contextlib
import copy
import json
import os
import random
from collections.abc import Iterator
from typing import Any

import pytest
from conftest import ROOT
from hypothesis import HealthCheck, assume, event, given, settings
from hypothesis import strategies as st
from strategies import WhatIfCase, whatif_cases

from netsim.analysis.diff import deciding_rule
from netsim.analysis.dns import query
from netsim.analysis.dns.server import _build_registry, _registry, derive_records
from netsim.analysis.index import TopologyIndex, derive_index
from netsim.analysis.reach import matrix, reach
from netsim.analysis.whatif.names import asked_names
from netsim.cli import main
from netsim.daemon.fork import CowDict, fork
from netsim.errors import DaemonError, DockerError, InputError
from netsim.lab import Lab, run_script
from netsim.state import State
from netsim.whatif import ChangeRefused, baseline, changed

SETUP = """\
docker network create front
docker network create back
docker run -d --name web --network front --network-alias www nginx
docker run -d --name db --network back redis
docker run -d --name app --network front -p 8080:80 nginx
docker network connect back app
"""


def lab_of(text: str) -> Lab:
    return run_script(text, source="setup.sh")[0]


# --------------------------------------------------------------------------------------------
# the reference: full rebuilds, every pair and every question


Cell = tuple[tuple[str, str], tuple[str, str]]


def _keys(state: State) -> dict[str, tuple[str, str]]:
    """Each label the matrix may use (NAME where unique, HOST/NAME) -> (host, name)."""
    count: dict[str, int] = {}
    for c in state.containers():
        count[c.name] = count.get(c.name, 0) + 1
    out = {}
    for h, hs in state.hosts.items():
        for name in hs.containers:
            out[f"{h}/{name}"] = (h, name)
            if count[name] == 1:
                out[name] = (h, name)
    return out


def _grid(state: State, port: int | None) -> dict[Cell, bool]:
    """Every cell of the full matrix, by (source, destination) keys; vantage points as
    ("@", label)."""
    m = matrix(state, port=port)
    keys = _keys(state)
    out: dict[Cell, bool] = {}
    for src, row in m.rows():
        s = ("@", src) if src.startswith("@") else keys[src]
        for dst, cell in zip(m.destinations, row, strict=True):
            out[(s, keys[dst])] = cell == "."
    return out


def _label(key: tuple[str, str], qualified: bool) -> str:
    return key[1] if key[0] == "@" or not qualified else f"{key[0]}/{key[1]}"


def _exists(state: State, key: tuple[str, str]) -> bool:
    return key[0] == "@" or key[1] in state.hosts[key[0]].containers


def reference_pairs(before: State, after: State, port: int | None) -> set[tuple[Any, ...]]:
    """(src, dst, rule before, rule after, disposition before, disposition after) of every
    pair whose cell differs between the two full matrices, each side's trace by reach()."""
    gb, ga = _grid(before, port), _grid(after, port)
    qualified = len(before.hosts) > 1
    out = set()
    for cell in gb.keys() | ga.keys():
        src, dst = cell
        if src == dst or gb.get(cell, False) == ga.get(cell, False):
            continue
        s, d = _label(src, qualified), _label(dst, qualified)
        sides = []
        for state in (before, after):
            if _exists(state, src) and _exists(state, dst):
                t = reach(state, s, d, port=port, family=4)
                sides.append((deciding_rule(t), t.disposition.value))
            else:
                sides.append((None, None))
        out.add((s, d, sides[0][0], sides[1][0], sides[0][1], sides[1][1]))
    return out


def reference_names(before: State, after: State) -> set[tuple[Any, ...]]:
    """(client, name, addresses before, after, rule before, after) of every question, of
    every running client and every name any container brings, whose addresses differ."""
    qualified = len(before.hosts) > 1
    names = {n for state in (before, after) for c in state.containers()
             for n in asked_names(c)}
    clients = {(h, c.name) for state in (before, after) for h, hs in state.hosts.items()
               for c in hs.containers.values()}
    rng = random.Random(0)
    out = set()
    for key in clients:
        label = _label(key, qualified)
        for name in names:
            answers = []
            for state in (before, after):
                c = state.hosts[key[0]].containers.get(key[1])
                answers.append(query(state, label, name, rng=rng)
                               if c is not None and c.running else None)
            addrs = [frozenset(a.addresses) if a is not None else frozenset() for a in answers]
            if addrs[0] != addrs[1]:
                out.add((label, name, addrs[0], addrs[1],
                         *(a.rule if a is not None else None for a in answers)))
    return out


def rebuilt(case: WhatIfCase) -> State:
    """The full rebuild: the script and the changes replayed from scratch, the networks then
    made as the hypothetical options would have created them (the containers' past kept),
    then the stops; no fork, nothing derived."""
    lab = lab_of(case.script() + "".join(f"{c}\n" for c in case.changes))
    for name, on in case.icc:
        lab.engine.reshape_network(lab.current_host, name, icc=on)
    for name in case.internal:
        lab.engine.reshape_network(lab.current_host, name, internal=True)
    for name in case.stop:
        lab.docker(f"stop {name}")
    return lab.state


def _ask(lab: Lab, case: WhatIfCase, port: int | None = None) -> Any:
    return lab.whatif(*case.changes, icc=dict(case.icc), internal=case.internal,
                      stop=case.stop, port=port)


#: how many random cases the property tests try (``WHATIF_EXAMPLES=2000`` for a long run)
EXAMPLES = int(os.environ.get("WHATIF_EXAMPLES", "120"))


@settings(max_examples=EXAMPLES, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(whatif_cases(), st.sampled_from([None, None, 80]))
def test_whatif_equals_a_full_rebuild(case: WhatIfCase, port: int | None) -> None:
    """On random setups and changes, the what-if's flows and names are exactly those a full
    rebuild (the script with the changes replayed from scratch, the networks created with the
    hypothetical options) finds by comparing every cell of two full matrices and every
    question of every client, with the same deciding rules; the lab does not change."""
    lab = lab_of(case.script())
    was = lab.state
    kept = baseline(lab, port=port)
    facts = index_facts(kept.ix)
    try:
        result = _ask(lab, case, port)
    except ChangeRefused as err:  # the same command fails in the replay
        event("refused")
        if err.step is None:  # (a hypothesis whose ports cannot be programmed again)
            with pytest.raises(DaemonError):
                rebuilt(case)
        else:
            _, steps = run_script(case.replayed(created_so=False), source="r.sh")
            assert any(s.command == err.change and s.exit_code for s in steps)
        assert lab.state == was
        return
    except InputError as err:  # a container or network the lab does not have (then)
        event(f"no such object for {err.where}")
        changed_lab = run_script(case.script() + "".join(f"{c}\n" for c in case.changes),
                                 source="r.sh")[0]
        hs = changed_lab.state.hosts[changed_lab.current_host]
        if err.where == "--stop":
            assert not all(c in hs.containers for c in case.stop)
        else:
            names = [n for n, _ in case.icc] if err.where == "--icc" else case.internal
            assert not all(n in hs.networks for n in names)
        assert lab.state == was
        return
    assert lab.state == was  # (before the references keep their indexes on ``was``)
    assert baseline(lab, port=port) is kept and index_facts(kept.ix) == facts
    after = rebuilt(case)
    got = {(p.src, p.dst, *(deciding_rule(t) if t is not None else None
                            for t in (p.before, p.after)),
            *(t.disposition.value if t is not None else None for t in (p.before, p.after)))
           for p in result.reachability}
    assert got == reference_pairs(was, after, port)
    names = {(n.client, n.name, frozenset(n.addresses[0]), frozenset(n.addresses[1]),
              *(a.rule if a is not None else None for a in (n.before, n.after)))
             for n in result.names}
    assert names == reference_names(was, after)
    event(f"answered: {'some' if result.reachability else 'no'} flows, "
          f"{'some' if result.names else 'no'} names change")
    # and the lab's engine is intact: the changes typed into it give the full replay's State
    for line in [*case.changes, *(f"docker stop {c}" for c in case.stop)]:
        lab.run(line)
    assert lab.state == run_script(case.replayed(created_so=False), source="r.sh")[0].state


# --------------------------------------------------------------------------------------------
# what the what-if is derived with: the fork, the index, the records


def _iface(i: Any) -> Any:
    if i is None:
        return None
    return (i.sandbox.host, i.sandbox.name, i.ep, i.net, str(i.ip), str(i.subnet), i.domain,
            i.node, i.private)


def _owner(o: Any) -> Any:
    return o.kind, o.host, _iface(o.iface), _iface(o.iface6)


def index_facts(ix: TopologyIndex) -> dict[str, Any]:
    """Everything an index holds, as plain comparable values."""
    return {
        "hosts": {n: (h.name, h.node, h.lan_ip, h.nic, sorted(h.addresses.items()),
                      [(s, d.key) for s, d in h.bridges],
                      {p: {k: (v[0], v[1].key) for k, v in t.items()}
                       for p, t in h.bridge_index.items()},
                      {k: [(ip, c.name, c, cp) for ip, c, cp in v]
                       for k, v in h.published.items()},
                      [c.name for c in h.host_mode], sorted(h.listening),
                      sorted(h.addresses6.items()), [(s, d.key) for s, d in h.bridges6],
                      h.ip6tables) for n, h in ix.hosts.items()},
        "domains": {k: (d.kind, d.node, d.net, d.host,
                        [(str(ip), _owner(o)) for ip, o in d.owners.items()],
                        [(str(ip), _owner(o)) for ip, o in d.owners6.items()])
                    for k, d in ix.domains.items()},
        "sandboxes": sorted((sb.host, sb.name, sb.node, [c.name for c in sb.containers],
                             [_iface(i) for i in sb.ifaces], _iface(sb.default),
                             sorted(sb.listening), [_iface(i) for i in sb.ifaces6],
                             _iface(sb.default6)) for sb in ix.sandboxes),
        "sandbox_of": {k: None if v is None else (v.host, v.name)
                       for k, v in ix.sandbox_of.items()},
        "containers": {k: [(h, c.name, c) for h, c in v] for k, v in ix.containers.items()},
        "host_members": sorted(ix.host_members),
    }


def _trial(case: WhatIfCase) -> tuple[Lab, Lab]:
    lab = lab_of(case.script())
    trial = fork(lab)
    for line in case.changes:
        trial.docker(line)
    for name, on in case.icc:  # (where the network exists and its ports can move)
        with contextlib.suppress(DaemonError, InputError):
            trial.engine.reshape_network(trial.current_host, name, icc=on)
    for name in case.internal:
        with contextlib.suppress(DaemonError, InputError):
            trial.engine.reshape_network(trial.current_host, name, internal=True)
    for name in case.stop:
        trial.docker(f"stop {name}")
    return lab, trial


@settings(max_examples=EXAMPLES * 2 // 3, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(whatif_cases())
def test_derived_index_and_records_equal_full_builds(case: WhatIfCase) -> None:
    """The index and the embedded DNS's records derived from the State before equal the ones
    built from scratch on the State after, field by field."""
    lab, trial = _trial(case)
    before, after = lab.state, trial.state
    containers, networks = changed(before, after)
    derived = derive_index(before, after, containers, networks)
    assert index_facts(derived) == index_facts(TopologyIndex(after))
    derive_records(before, after, containers, networks)
    reg, full = _registry(after), _build_registry(after)
    assert reg.names == full.names and reg.ptr == full.ptr


@settings(max_examples=EXAMPLES // 2, deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(whatif_cases())
def test_a_reshaped_network_is_one_created_so(case: WhatIfCase) -> None:
    """--icc and --internal make the State a script creating the networks so gives (the
    containers' endpoints and published ports included), except for published ports drawn
    from the ephemeral range, which follow the order of allocation."""
    if not (case.icc or case.internal):
        case = WhatIfCase(case.networks, case.lines, (), (("n0", False),), ("n1",), (),
                          case.hosts, case.engine, case.shared_range)
    bare = WhatIfCase(case.networks, case.lines, (), case.icc, case.internal, (), case.hosts,
                      case.engine, case.shared_range)
    lab, trial = _trial(bare)
    so, steps = run_script(bare.script(created_so=True), source="so.sh")
    # (where a network so created would have changed the past, a start that failed on a
    # published port that is never programmed on an internal network, the past is kept)
    assume([s.exit_code for s in steps] == [s.exit_code for s in lab.steps])
    assert trial.state == so.state


class _Box:
    def __init__(self) -> None:
        self.n = 1

    def get(self) -> int:
        return self.n


def test_a_fork_is_a_deep_copy_copied_on_write() -> None:
    """Changing a fork never changes the original; shared objects stay shared once (one
    memo), a bound method follows its object, a large dict copies a value when read."""
    box = _Box()
    world = {"big": {i: [i] for i in range(200)}, "a": box, "b": box, "t": (1, "x"),
             "f": box.get}
    twin = fork(world)
    assert isinstance(twin["big"], CowDict)
    twin["big"][3].append(4)
    twin["a"].n = 2
    assert world["big"][3] == [3] and box.n == 1
    assert twin["b"] is twin["a"] and twin["t"] is world["t"]
    assert twin["f"]() == 2 and world["f"]() == 1
    assert dict(twin["big"])[3] == [3, 4] and {**twin["big"]}[5] == [5]
    assert all(v is not world["big"][k] for k, v in twin["big"].items())
    deep = copy.deepcopy(world)
    deep["big"][3].append(4)
    deep["a"].n = 2
    assert dict(twin["big"]) == deep["big"] and twin["f"]() == deep["f"]()


def test_a_forked_lab_takes_commands_without_changing_the_lab() -> None:
    """A command on a fork changes the fork only; the lab then replays as it would have."""
    lab = lab_of(SETUP)
    was = lab.state
    trial = fork(lab)
    assert trial.docker("network connect front db").exit_code == 0
    assert trial.docker("run -d --name xx --network back nginx").exit_code == 0
    assert trial.state.container("db").endpoint("front") is not None
    assert lab.state == was
    assert lab.docker("network connect front db").exit_code == 0
    assert lab.docker("run -d --name xx --network back nginx").exit_code == 0
    assert lab.state == trial.state


def _snapshot(lab: Lab) -> bytes:
    """Every object the lab holds (engine, workspaces, steps …), as bytes: a State as its
    fields (what is derived and kept on it is no part of it), a set in a fixed order."""
    import io
    import pickle

    class Pickler(pickle.Pickler):
        def reducer_override(self, obj: Any) -> Any:
            if isinstance(obj, State):
                return dict, (dict(obj.__dict__),)
            if type(obj) is set:
                return set, (sorted(obj, key=repr),)
            return NotImplemented

    out = io.BytesIO()
    Pickler(out, protocol=4).dump(lab)
    return out.getvalue()


def test_what_ifs_leave_every_object_of_the_lab_as_it_was() -> None:
    """Several what-ifs in a row (a network removed, containers made with volumes, ports and
    links, a network made and joined) leave every object of the lab as it was: its engine's
    pools, ports, namespaces, counters, volumes and images, its workspaces' files; the lab
    then takes the same commands as a lab that never asked."""
    text = SETUP + ("docker volume create vv\ndocker run -d --name old nginx\n"
                    "docker run -d --name legacy --link old:o nginx\n"
                    "cat > compose.yaml <<'EOF'\nservices:\n  api:\n    image: nginx\nEOF\n")
    lab = lab_of(text)
    assert all(s.exit_code == 0 for s in lab.steps)
    _ = lab.state
    was = _snapshot(lab)
    asks = [("docker network disconnect back app", "docker network disconnect back db",
             "docker network rm back"),
            ("docker run -d --name v1 -v vv:/d -v nv:/e -p 9000:80 --network front nginx",),
            ("docker rm -f web", "docker run -d --name web --link legacy:lg -p 8081:80 nginx"),
            ("docker network create mid", "docker network connect mid db",
             "docker volume rm vv", "docker compose up -d"),
            ("docker stop app", "docker start app", "docker rename db db2")]
    for changes in asks:
        lab.whatif(*changes, port=80)
        lab.whatif(*changes)
        assert _snapshot(lab) == was, changes
    fresh = lab_of(text)
    for line in (*asks[0], *asks[1], "docker network create mid", "docker compose up -d"):
        assert lab.docker(line).exit_code == fresh.docker(line).exit_code == 0, line
    assert lab.state == fresh.state


# --------------------------------------------------------------------------------------------
# whole outputs


CONNECT_TEXT = """\
what if: docker network connect front db
reachability (ping):
  db -> web: before: not reachable [ISOLATED_NETWORKS] (bridge.isolation) / after: \
reachable [DELIVERED] (icmp)
  web -> db: before: not reachable [ISOLATED_NETWORKS] (bridge.isolation) / after: \
reachable [DELIVERED] (icmp)
names (A):
  db asks web: before: not resolved: NXDOMAIN (dns.forward) / after: 172.18.0.2 (dns.name)
  db asks www: before: not resolved: NXDOMAIN (dns.forward) / after: 172.18.0.2 (dns.name)
  web asks db: before: not resolved: NXDOMAIN (dns.forward) / after: 172.18.0.4 (dns.name)
2 flows and 3 names change"""


def test_connect_prints_the_flows_and_names_that_change() -> None:
    """A network connect: the two flows it opens and the names it makes resolve, each with
    its rule before and after, in natural order."""
    assert str(lab_of(SETUP).whatif("docker network connect front db")) == CONNECT_TEXT


def test_options_and_stop_print_their_changes() -> None:
    """--icc off, --internal and --stop, on one lab, one after another (the lab unchanged)."""
    lab = lab_of(SETUP)
    assert str(lab.whatif(icc={"front": False})) == (
        "what if: --icc off front\n"
        "reachability (ping):\n"
        "  app -> web: before: reachable [DELIVERED] (icmp) / after: not reachable "
        "[ICC_DISABLED] (bridge.icc)\n"
        "  web -> app: before: reachable [DELIVERED] (icmp) / after: not reachable "
        "[ICC_DISABLED] (bridge.icc)\n"
        "2 flows and 0 names change")
    assert str(lab.whatif(internal=["back"])) == (  # (libnetwork: non-internal networks first)
        "what if: --internal back\n"
        "names (A):\n"
        "  app asks app: before: 172.19.0.3 (dns.name) / after: 172.18.0.3 (dns.name)\n"
        "0 flows and 1 name change")
    assert str(lab.whatif(stop=["db"], port=6379)) == (
        "what if: --stop db\n"
        "reachability (6379/tcp):\n"
        "  app -> db: before: reachable [DELIVERED] (listen) / after: not reachable "
        "[CONTAINER_NOT_RUNNING] (not-running)\n"
        "  @host -> db: before: reachable [DELIVERED] (listen) / after: not reachable "
        "[CONTAINER_NOT_RUNNING] (not-running)\n"
        "names (A):\n"
        "  app asks db: before: 172.19.0.2 (dns.name) / after: not resolved: NXDOMAIN "
        "(dns.forward)\n"
        "  db asks app: before: 172.19.0.3 (dns.name) / after: asks nothing (db does not run)\n"
        "  db asks db: before: 172.19.0.2 (dns.name) / after: asks nothing (db does not run)\n"
        "2 flows and 3 names change")


def test_a_new_container_is_absent_before() -> None:
    """docker run: the new container's flows were absent before; an alias it shares now
    answers with both addresses."""
    result = lab_of(SETUP).whatif(
        "docker run -d --name new --network front --network-alias www nginx")
    lines = str(result).splitlines()
    assert "  new -> web: before: absent (new does not exist) / after: reachable [DELIVERED] " \
           "(icmp)" in lines
    assert "  web asks www: before: 172.18.0.2 (dns.name) / after: 172.18.0.2, 172.18.0.4 " \
           "(dns.alias)" in lines
    assert "  new asks web: before: asks nothing (new does not exist) / after: 172.18.0.2 " \
           "(dns.name)" in lines
    assert lines[1] == "reachability (ping):"


def test_the_json_is_stable_and_documented() -> None:
    """--json: the documented keys, each side with its rule, disposition and whole trace."""
    data = lab_of(SETUP).whatif("docker network connect front db").to_dict()
    assert list(data) == ["changes", "port", "proto", "empty", "reachability", "names",
                          "compared"]
    assert data["changes"] == ["docker network connect front db"]
    assert (data["port"], data["proto"], data["empty"]) == (None, "icmp", False)
    first = data["reachability"][0]
    assert {k: first[k] for k in ("src", "src_host", "dst", "dst_host")} == {
        "src": "db", "src_host": "host", "dst": "web", "dst_host": "host"}
    assert {k: v for k, v in first["before"].items() if k != "trace"} == {
        "exists": True, "reaches": False, "disposition": "ISOLATED_NETWORKS",
        "rule": "bridge.isolation",
        "text": first["before"]["trace"]["hops"][-1]["text"]}
    assert first["after"]["rule"] == "icmp" and first["after"]["reaches"] is True
    assert data["names"][0] == {
        "client": "db", "host": "host", "name": "web",
        "before": {"running": True, "addresses": [], "rcode": "NXDOMAIN", "network": None,
                   "rule": "dns.forward", "text": data["names"][0]["before"]["text"]},
        "after": {"running": True, "addresses": ["172.18.0.2"], "rcode": "NOERROR",
                  "network": "front", "rule": "dns.name",
                  "text": "'web' names one container on network front"}}
    assert data["compared"]["questions"] >= 3
    absent = lab_of(SETUP).whatif("docker run -d --name nn --network back nginx").to_dict()
    side = absent["reachability"][0]["before"]
    assert side == {"exists": False, "reaches": False, "disposition": None, "rule": None,
                    "text": "nn does not exist", "trace": None}


def test_a_protocol_without_a_port_is_ping() -> None:
    """proto="udp" without a port asks ping, and says so (proto "icmp", as for no protocol)."""
    lab = lab_of(SETUP)
    result = lab.whatif(stop=["web"], proto="udp")
    assert (result.port, result.proto) == (None, "icmp")
    assert result.to_dict() == lab.whatif(stop=["web"]).to_dict()


def test_nothing_changes() -> None:
    """A change that changes nothing says so; it is a value with an HTML face too."""
    result = lab_of(SETUP).whatif("docker network create other")
    assert result.empty and str(result).endswith("no change in reachability or names")
    assert "no change" in result._repr_html_()
    assert "<table>" in lab_of(SETUP).whatif(stop=["web"])._repr_html_()


def test_the_baseline_is_kept_until_the_lab_changes() -> None:
    """A second what-if reuses the lab's baseline; a command on the lab makes a new one."""
    lab = lab_of(SETUP)
    first = baseline(lab)
    assert baseline(lab) is first
    lab.whatif("docker stop web")
    assert baseline(lab) is first
    lab.docker("stop web")
    assert baseline(lab) is not first
    assert str(lab.whatif("docker start web")).splitlines()[0] == "what if: docker start web"


def test_several_hosts_are_labelled_by_host() -> None:
    """With two Docker hosts, containers are HOST/NAME and each host is a vantage point."""
    lab = lab_of("# netsim: host h1\n# netsim: host h2\n"
                 "docker -H h1 network create nn\n"
                 "docker -H h1 run -d --name ww --network nn nginx\n"
                 "docker -H h2 run -d --name ww --network host nginx\n")
    text = str(lab.whatif("docker -H h1 run -d --name xx --network nn nginx"))
    assert "  h1/xx -> h1/ww: before: absent (h1/xx does not exist) / after: reachable " \
           "[DELIVERED] (icmp)" in text.splitlines()
    assert any(line.startswith("  @h1 -> h1/xx:") for line in text.splitlines())


def _flow_facts(result: Any) -> set[tuple[Any, ...]]:
    """(src, dst, rule before, rule after, disposition before, after) of each flow that turns
    over, as reference_pairs gives them."""
    return {(p.src, p.dst, *(deciding_rule(t) if t is not None else None
                             for t in (p.before, p.after)),
             *(t.disposition.value if t is not None else None for t in (p.before, p.after)))
            for p in result.reachability}


def _name_facts(result: Any) -> set[tuple[Any, ...]]:
    """(client, name, addresses before, after, rule before, after), as reference_names."""
    return {(n.client, n.name, frozenset(n.addresses[0]), frozenset(n.addresses[1]),
             *(a.rule if a is not None else None for a in (n.before, n.after)))
            for n in result.names}


SHADOWED = """\
# netsim: lan 192.168.0.0/24 gateway=192.168.0.1
# netsim: host server1 address=192.168.0.50
# netsim: host server2 address=192.168.0.51
# netsim: host server3 address=192.168.0.52
docker -H server2 network create -d macvlan --subnet 192.168.0.0/24 --gateway 192.168.0.1 \
  --ip-range 192.168.0.64/28 -o parent=eth0 lan
docker -H server3 network create -d macvlan --subnet 192.168.0.0/24 --gateway 192.168.0.1 \
  --ip-range 192.168.0.64/27 -o parent=eth0 lan
docker -H server2 run -dit --name c2 --network lan alpine
docker -H server3 run -dit --name c3 --network lan alpine
"""


@pytest.mark.parametrize("change", ["docker -H server2 stop c2", "docker -H server2 rm -f c2",
                                    "docker -H server2 network disconnect lan c2"])
def test_a_shadowed_address_answers_once_its_holder_goes(change: str) -> None:
    """Two hosts' macvlan ranges overlap and both give out 192.168.0.64 (the second holder
    shadowed on the LAN): once the first holder goes, the second answers there. The derived
    index has it as the owner, and the what-if lists the flows that turn over as a full
    rebuild does."""
    lab = lab_of(SHADOWED)
    trial = fork(lab)
    trial.docker(change)
    derived = derive_index(lab.state, trial.state, *changed(lab.state, trial.state))
    assert index_facts(derived) == index_facts(TopologyIndex(trial.state))
    result = lab.whatif(change)
    after = lab_of(SHADOWED + change + "\n").state
    assert _flow_facts(result) == reference_pairs(lab.state, after, None)
    assert _name_facts(result) == reference_names(lab.state, after)
    assert ("@lan", "server3/c3", "shadowed", "icmp", "SHADOWED_ADDRESS", "DELIVERED") in \
        _flow_facts(result)


MACVLAN = ("docker network create front\n"
           + "".join(f"docker run -d --name w{i} --network front nginx\n" for i in range(30))
           + "docker network create -d macvlan --subnet 198.51.100.0/24 "
             "--ip-range 198.51.100.128/25 -o parent=eth0 mv\n"
             "docker run -d --name m1 --network mv nginx\n")


@pytest.mark.parametrize("change", ["docker run -d --name m2 --network mv nginx",
                                    "docker stop m1", "docker network disconnect mv m1"])
def test_a_change_on_the_lan_computes_the_rows_it_can_change(change: str) -> None:
    """A container joining or leaving a macvlan network on the LAN: no bridge container of
    the host reaches the host's own macvlan children (macvlan isolation), so only the rows of
    the containers on the LAN and of the vantage points are computed, and no client's
    forwarding is asked again but the touched ones'; the answer is a full rebuild's."""
    lab = lab_of(MACVLAN)
    result = lab.whatif(change)
    after = lab_of(MACVLAN + change + "\n").state
    assert _flow_facts(result) == reference_pairs(lab.state, after, None)
    assert _name_facts(result) == reference_names(lab.state, after)
    assert result.compared[0] <= 2 + 3  # (m1, m2; @host, @lan, @internet)
    assert result.compared[1] <= 4


def test_a_change_is_typed_as_a_script_line() -> None:
    """A change is typed as a script's line is: ``$(docker …)`` substituted (the swarm join
    of the bundled overlay script), a ``#`` comment after the command ignored; the answer is
    a full rebuild's."""
    text = ("# netsim: host h1 address=198.51.100.10\n# netsim: host h2 address=198.51.100.11\n"
            "docker -H h1 swarm init\ndocker -H h1 network create -d overlay --attachable ov\n"
            "docker -H h1 run -d --name o1 --network ov nginx\n")
    join = ("docker -H h2 swarm join --token $(docker -H h1 swarm join-token -q worker) "
            "198.51.100.10:2377")
    run = "docker -H h2 run -d --name o2 --network ov nginx"
    lab = lab_of(text)
    result = lab.whatif(join, f"{run}  # on the new node")
    assert "  h2/o2 -> h1/o1: before: absent (h2/o2 does not exist) / after: reachable " \
           "[DELIVERED] (icmp)" in str(result).splitlines()
    after = lab_of(text + f"{join}\n{run}\n").state
    assert _flow_facts(result) == reference_pairs(lab.state, after, None)
    assert _name_facts(result) == reference_names(lab.state, after)


def test_a_change_that_changes_nothing_compares_nothing() -> None:
    """Commands that change nothing (docker ps, docker network inspect): the engine gives the
    lab's very State again, and the answer is at once empty (no row, no question)."""
    result = lab_of(SETUP).whatif("docker ps", "docker network inspect front")
    assert result.empty and result.compared == (3, 0)
    assert str(result) == ("what if: docker ps\nwhat if: docker network inspect front\n"
                           "no change in reachability or names")


# --------------------------------------------------------------------------------------------
# refusals and bad input


def test_a_refused_change_carries_dockers_words() -> None:
    """Docker refuses a change: a ChangeRefused (a DockerError) naming the change, with
    Docker's text and netsim's hint; the lab is unchanged."""
    lab = lab_of(SETUP)
    was = lab.state
    with pytest.raises(ChangeRefused) as caught:
        lab.whatif("docker network connect front dbb")
    assert isinstance(caught.value, DockerError)
    assert caught.value.text == ("docker network connect front dbb: Error response from "
                                 "daemon: No such container: dbb\nnetsim: did you mean db?")
    with pytest.raises(ChangeRefused, match="already exists in network front"):
        lab.whatif("docker network connect front web")
    assert lab.state == was


def test_a_refusal_quotes_dockers_error_not_its_progress() -> None:
    """docker compose up prints its progress before Docker's error (docker build too): the
    refusal quotes the error."""
    lab = lab_of(SETUP + "cat > compose.yaml <<'EOF'\nservices:\n  web:\n    image: nginx\n"
                 "    ports: [\"8080:80\"]\nEOF\n")
    with pytest.raises(ChangeRefused) as caught:
        lab.whatif("docker compose up -d")
    text = caught.value.text
    assert text.startswith("docker compose up -d: Error response from daemon: failed to set up "
                           "container networking: driver failed programming external "
                           "connectivity on endpoint ")
    assert text.endswith("Bind for 0.0.0.0:8080 failed: port is already allocated")


def test_an_empty_change_is_bad_input() -> None:
    """A change that is no command at all (an empty argument) is bad input, not a what-if."""
    with pytest.raises(InputError) as caught:
        lab_of(SETUP).whatif("docker stop web", "  ")
    assert caught.value.line() == ("change: an empty command (got '  '; accepted: a docker "
                                   "command line)")


def test_a_program_failing_is_not_a_refusal() -> None:
    """docker run whose program exits 1 is a change (a stopped container), not a refusal."""
    result = lab_of(SETUP).whatif("docker run --name tt --network front alpine false")
    assert result.empty or all(p.after is not None for p in result.reachability)


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"internal": ["nosuch"]}, "--internal: no such network on host (got 'nosuch'; accepted: "
                               "a user-defined bridge network of the lab (NAME or HOST/NAME))"),
    ({"icc": {"bridge": False}}, "--icc: applies to a user-defined bridge network only (got "
                                 "'bridge (predefined bridge)'; accepted: a network created "
                                 "with docker network create (driver bridge))"),
    ({"stop": ["nope"]}, "--stop: no such container on host (got 'nope'; accepted: a "
                         "container of the lab (NAME or HOST/NAME))"),
    ({"port": 0}, "--port: port out of range (got '0'; accepted: 1-65535)"),
])
def test_bad_options_are_input_errors(kwargs: dict[str, Any], message: str) -> None:
    """A network or container the lab does not have, a network that is no user-defined
    bridge, a bad port: an InputError in the one template."""
    with pytest.raises(InputError) as caught:
        lab_of(SETUP).whatif(**kwargs)
    assert caught.value.line() == message


# --------------------------------------------------------------------------------------------
# the command line


@pytest.fixture
def setup_file(tmp_path: Any) -> str:
    path = tmp_path / "setup.sh"
    path.write_text(SETUP)
    return str(path)


def _cli(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as caught:
        main(argv)
        raise SystemExit(0)
    out = capsys.readouterr()
    return int(caught.value.code or 0), out.out, out.err


def test_cli_prints_the_text_and_exits_0(setup_file: str,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    """netsim whatif FILE -- CHANGE: the text, exit 0 (changes or not)."""
    code, out, err = _cli(["whatif", setup_file, "--", "docker network connect front db"],
                          capsys)
    assert (code, out, err) == (0, CONNECT_TEXT + "\n", "")
    code, out, _ = _cli(["whatif", setup_file, "--", "docker network create zz"], capsys)
    assert code == 0 and out.endswith("no change in reachability or names\n")


def test_cli_options_json_and_port(setup_file: str,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    """--icc off NET, --internal, --stop, --port and --json, as Lab.whatif gives them."""
    code, out, _ = _cli(["whatif", setup_file, "--icc", "off", "front", "--stop", "db",
                         "--port", "80", "--json"], capsys)
    data = json.loads(out)
    assert code == 0
    assert data["changes"] == ["--icc off front", "--stop db"]
    assert (data["port"], data["proto"]) == (80, "tcp")
    want = lab_of(SETUP).whatif(icc={"front": False}, stop=["db"], port=80).to_dict()
    assert data == json.loads(json.dumps(want))
    code, out, _ = _cli(["whatif", setup_file, "--internal", "back", "--seed", "3",
                         "--engine", "28.5"], capsys)
    assert code == 0 and out.startswith("what if: --internal back\n")


def test_cli_refused_change_exits_1(setup_file: str,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    """A change Docker refuses: its words on stderr, exit 1 (as a command that fails)."""
    code, out, err = _cli(["whatif", setup_file, "--", "docker network connect front nosuch"],
                          capsys)
    assert (code, out) == (1, "")
    assert err == ("netsim whatif: docker network connect front nosuch: Error response from "
                   "daemon: No such container: nosuch\n")


@pytest.mark.parametrize(("argv", "message"), [
    (["--icc", "maybe", "front"], "netsim whatif: --icc: not on or off (got 'maybe'; "
                                  "accepted: --icc on NETWORK or --icc off NETWORK)"),
    (["--internal", "nosuch"], "netsim whatif: --internal: no such network on host (got "
                               "'nosuch'; accepted: a user-defined bridge network of the lab "
                               "(NAME or HOST/NAME))"),
    (["--port", "http"], "netsim whatif: --port: not a port (got 'http'; accepted: N, N/tcp "
                         "or N/udp with N in 1-65535)"),
    ([], "netsim whatif: nothing to try (accepted: docker command lines after --, or --icc, "
         "--internal, --stop)"),
    (["--", ""], "netsim whatif: change: an empty command (got ''; accepted: a docker command "
                 "line)"),
])
def test_cli_bad_input_exits_2(setup_file: str, capsys: pytest.CaptureFixture[str],
                               argv: list[str], message: str) -> None:
    """Bad input: one line on stderr, exit 2."""
    code, out, err = _cli(["whatif", setup_file, *argv], capsys)
    assert (code, out, err) == (2, "", message + "\n")


def test_cli_help_names_the_options(capsys: pytest.CaptureFixture[str]) -> None:
    """netsim whatif --help lists every option."""
    code, out, _ = _cli(["whatif", "--help"], capsys)
    assert code == 0
    for option in ("--icc", "--internal", "--stop", "--port", "--json", "--seed", "--engine",
                   "--strict", "--format"):
        assert option in out


def _pairs(result: Any) -> Iterator[tuple[str, str]]:
    for p in result.reachability:
        yield p.src, p.dst


def test_sorted_in_natural_order_with_vantage_points_last() -> None:
    """Sources in natural order (c2 before c10), then @HOST, @lan, @internet."""
    lines = "".join(f"docker run -d --name c{i} --network n nginx\n" for i in (1, 2, 10))
    lab = lab_of("docker network create n\n" + lines)
    pairs = list(_pairs(lab.whatif(icc={"n": False})))
    assert pairs == [("c1", "c2"), ("c1", "c10"), ("c2", "c1"), ("c2", "c10"),
                     ("c10", "c1"), ("c10", "c2")]
    sources = [s for s, _ in _pairs(lab.whatif(stop=["c2"]))]
    assert sources == ["c1", "c2", "c2", "c10", "@host"]


def test_a_dns_server_that_stops_changes_what_its_clients_forward() -> None:
    """A container others use as --dns server stops: their forwarded names (one the
    internet knows) stop resolving, though the clients themselves did not change."""
    lab = lab_of("# netsim: image dnsmasq listens 53/udp\n"
                 "docker network create n0\ndocker network create n1\n"
                 "docker run -d --name dns --network n0 --ip 172.18.0.53 dnsmasq\n"
                 "docker run -d --name c1 --network n0 --dns 172.18.0.53 alpine sleep 1d\n"
                 "docker run -d --name cdn --network n1 --network-alias cdn.io nginx\n")
    lines = str(lab.whatif(stop=["dns"])).splitlines()
    assert [x for x in lines if " asks cdn.io" in x] == [
        "  c1 asks cdn.io: before: 203.0.113.99 (dns.forward) / after: not resolved: "
        "SERVFAIL (dns.unreachable)",
        "  dns asks cdn.io: before: 203.0.113.99 (dns.forward) / after: asks nothing (dns "
        "does not run)"]


def test_a_published_dns_server_that_stops_changes_what_the_hosts_clients_forward() -> None:
    """Containers whose --dns is the host's address reach a DNS server published on 53/udp;
    when that server stops, their forwarded names stop resolving (and a full rebuild
    agrees)."""
    text = ("# netsim: image dnsmasq listens 53/udp\n"
            "docker network create n0\ndocker network create n1\n"
            "docker run -d --name dns -p 53:53/udp --network n1 dnsmasq\n"
            "docker run -d --name c1 --network n0 --dns 172.18.0.1 alpine sleep 1d\n"
            "docker run -d --name cdn --network n1 --network-alias cdn.io nginx\n")
    lab = lab_of(text)
    was = lab.state
    result = lab.whatif(stop=["dns"])
    assert "  c1 asks cdn.io: before: 203.0.113.99 (dns.forward) / after: not resolved: " \
           "SERVFAIL (dns.unreachable)" in str(result).splitlines()
    after = lab_of(text + "docker stop dns\n").state
    assert {(n.client, n.name) for n in result.names} == {
        (c, n) for c, n, *_ in reference_names(was, after)}


# --------------------------------------------------------------------------------------------
# the bundled scripts: every mode, driver and host layout netsim knows


SCRIPTS = [*sorted((ROOT / "scenarios").glob("*.sh")), ROOT / "scenarios" / "proxy-stack.yaml",
           ROOT / "scenarios" / "shop" / "compose.yaml", ROOT / "scenarios" / "live-bridges"]


def _probes(lab: Lab) -> list[dict[str, Any]]:
    """A few changes to try on a setup: stop a container, disconnect one from a user network,
    ICC off and internal on a user bridge."""
    state = lab.state
    host = lab.current_host
    hs = state.hosts[host]
    running = [c for c in hs.containers.values() if c.running]
    bridges = [n.name for n in hs.networks.values() if n.driver == "bridge" and not n.predefined]
    out: list[dict[str, Any]] = []
    if running:
        out.append({"stop": [running[0].name]})
    attached = next(((c, e.network) for c in running for e in c.endpoints
                     if e.network in hs.networks and hs.networks[e.network].is_user_defined
                     and e.active), None)
    if attached is not None:
        out.append({"changes": [f"docker network disconnect {attached[1]} {attached[0].name}"]})
    if bridges:
        out.append({"icc": {bridges[0]: False}})
        out.append({"internal": [bridges[-1]]})
    return out


@pytest.mark.parametrize("path", SCRIPTS, ids=[p.name for p in SCRIPTS])
def test_bundled_inputs_agree_with_a_full_rebuild(path: Any) -> None:
    """On every bundled script, a scenario, a Compose project and a docker inspect dump, a
    few changes answer as a full rebuild (the input replayed, the change made on the new lab)
    compared cell by cell and question by question."""
    from netsim.replay import replay_file

    lab = replay_file(str(path))[0]
    was = lab.state
    for probe in _probes(lab):
        result = lab.whatif(*probe.get("changes", ()), icc=probe.get("icc"),
                            internal=probe.get("internal", ()), stop=probe.get("stop", ()))
        again = replay_file(str(path))[0]
        for line in probe.get("changes", ()):
            again.docker(line)
        for name, on in probe.get("icc", {}).items():
            again.engine.reshape_network(again.current_host, name, icc=on)
        for name in probe.get("internal", ()):
            again.engine.reshape_network(again.current_host, name, internal=True)
        for name in probe.get("stop", ()):
            again.docker(f"stop {name}")
        after = again.state
        got = {(p.src, p.dst, *(deciding_rule(t) if t is not None else None
                                for t in (p.before, p.after)),
                *(t.disposition.value if t is not None else None
                  for t in (p.before, p.after))) for p in result.reachability}
        assert got == reference_pairs(lab.state, after, None), probe
        names = {(n.client, n.name, frozenset(n.addresses[0]), frozenset(n.addresses[1]),
                  *(a.rule if a is not None else None for a in (n.before, n.after)))
                 for n in result.names}
        assert names == reference_names(lab.state, after), probe
        assert lab.state == was


def test_cli_names_the_engines_netsim_models() -> None:
    """--engine's help names the engines netsim.versions has (the module keeps its own list,
    as netsim/cli.py does, so that `netsim --help` loads no pydantic)."""
    from netsim import cli_whatif
    from netsim.versions import PROFILES

    assert ", ".join(PROFILES) == cli_whatif._ENGINES
