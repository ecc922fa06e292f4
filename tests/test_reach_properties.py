"""Properties of reachability over random setups: the matrix, reach() and a path search agree."""

from __future__ import annotations

import contextlib
import ipaddress

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import LAN_HOSTS, lan_programs, reach_programs

from netsim.analysis.graph import forwarding
from netsim.analysis.reach import forwarding_pairs, matrix, reach
from netsim.api import Host, Lan, NetworkDisconnect, Operation
from netsim.daemon.engine import Engine
from netsim.errors import DaemonError
from netsim.state import State

SETTINGS = settings(max_examples=150, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])


def build(program: list[Operation], *, lan: bool = False) -> State:
    engine = (Engine(seed=7, lan=Lan(subnet=ipaddress.IPv4Network("192.168.0.0/24")),
                     hosts=[Host(name=h, address=ipaddress.IPv4Address(f"192.168.0.{10 + i}"))
                            for i, h in enumerate(LAN_HOSTS)])
              if lan else Engine(seed=7))
    for op in program:
        with contextlib.suppress(DaemonError):
            engine.execute(op)
    return engine.state()


def assert_matrix_is_reach(state: State, ports: tuple[int | None, ...]) -> None:
    for port in ports:
        m = matrix(state, port=port)
        for src, row in m.rows():
            for dst, cell in zip(m.destinations, row, strict=True):
                t = reach(state, src, dst, port=port)
                assert (cell == ".") == t.delivered, (src, dst, port, str(t), row)


def assert_matrix_is_path_search(state: State) -> None:
    g = forwarding(state)
    m = matrix(state, vantage=False)
    pairs = forwarding_pairs(state)
    for (src_node, _), (src, row) in zip(pairs, m.rows(), strict=True):
        for (_, dst_node), dst, cell in zip(pairs, m.destinations, row, strict=True):
            found = (bool(src_node) and bool(dst_node) and src_node in g and dst_node in g
                     and nx.has_path(g, src_node, dst_node))
            assert found == (cell == "."), (src, dst, src_node, dst_node)


@SETTINGS
@given(reach_programs())
def test_matrix_equals_reach_cell_by_cell(program: list[Operation]) -> None:
    """Every cell of the matrix (ping, and two ports) is what reach() says for that pair."""
    assert_matrix_is_reach(build(program), (None, 80, 8080))


@SETTINGS
@given(reach_programs())
def test_matrix_equals_path_search_on_the_forwarding_graph(program: list[Operation]) -> None:
    """The ping matrix equals a per-pair path search over graph.forwarding()."""
    assert_matrix_is_path_search(build(program))


@SETTINGS
@given(reach_programs())
def test_shared_icc_bridge_is_symmetric(program: list[Operation]) -> None:
    """Two running containers on one user bridge with ICC on reach each other both ways."""
    state = build(program)
    for net in state.networks():
        if net.driver != "bridge" or net.predefined or not net.icc:
            continue
        members = [c.name for c in state.containers()
                   if c.running and (ep := c.endpoint(net.name)) is not None and ep.active]
        for a in members:
            for b in members:
                assert reach(state, a, b).delivered == reach(state, b, a).delivered
                assert reach(state, a, b).delivered


@SETTINGS
@given(reach_programs())
def test_container_joiner_has_its_owners_row(program: list[Operation]) -> None:
    """A container: joiner's matrix row is its owner's row, whatever the port."""
    state = build(program)
    by_id = {c.id: c for c in state.containers()}
    for port in (None, 80):
        m = matrix(state, port=port)
        for c in state.containers():
            owner = by_id.get(c.sandbox_owner or "")
            if (c.running and owner is not None and owner.running
                    and owner.sandbox_id == c.sandbox_id):
                assert m.row(c.name) == m.row(owner.name)


@SETTINGS
@given(reach_programs())
def test_nothing_flows_over_a_network_after_disconnect(program: list[Operation]) -> None:
    """After `network disconnect`, no peer on that network reaches the container over it."""
    state = build(program)
    for net in ("n0", "n1", "bridge"):
        for c in list(state.containers()):
            ep = c.endpoint(net)
            if not c.running or ep is None or ep.ipv4 is None:
                continue
            old = str(ep.ipv4.ip)
            peers = [p.name for p in state.containers() if p.running and p.name != c.name
                     and (pe := p.endpoint(net)) is not None and pe.active]
            engine = Engine(seed=7)
            for op in program:
                with contextlib.suppress(DaemonError):
                    engine.execute(op)
            engine.execute(NetworkDisconnect(network=net, container=c.name))
            after = engine.state()
            for p in peers:
                t = reach(after, p, old)
                assert not (t.delivered and t.hops[-1].node.endswith("/" + c.name)), str(t)
                assert all(h.node != f"if:host/{c.name}/{ep.ifname}" for h in t.hops)


@SETTINGS
@given(lan_programs())
def test_two_hosts_on_a_lan_matrix_reach_and_path_search_agree(program: list[Operation]
                                                               ) -> None:
    """Two Docker hosts with macvlan networks on one LAN, bridges and host-mode containers:
    the matrix equals reach() per cell and the path search over the forwarding graph."""
    state = build(program, lan=True)
    assert_matrix_is_reach(state, (None, 80))
    assert_matrix_is_path_search(state)


def assert_streamed_rows_are_kept_rows(state: State) -> None:
    """A matrix whose rows are made when read and drawn from their terms (MatrixParts.draw,
    as for 100,000 columns: here from 1; each term's columns set one by one, then through a
    mask) prints what the kept rows do, table and JSON, with and without a port; its ints
    (reaches, count) are the same too."""
    import importlib
    import io

    mod = importlib.import_module("netsim.analysis.reach.matrix")
    for port, share in ((None, 0), (80, 0), (None, 10**9), (80, 10**9)):
        kept = matrix(state, port=port)
        with pytest.MonkeyPatch.context() as mp:
            mp.setattr(mod, "_LAZY_AT", 1)
            mp.setattr(mod, "_NUMPY_AT", 1)
            mp.setattr(mod, "_DENSE_SHARE", share)
            made = matrix(state, port=port)
            assert type(made._rows).__name__ == "_LazyRows"
            for as_json in (False, True):
                a, b = io.BytesIO(), io.BytesIO()
                kept.write(a, as_json=as_json)
                made.write(b, as_json=as_json)
                assert b.getvalue() == a.getvalue()
            assert list(made._rows) == list(kept._rows) and made.count == kept.count


@SETTINGS
@given(reach_programs())
def test_rows_drawn_when_read_are_the_kept_rows(program: list[Operation]) -> None:
    """Bridges with and without ICC, links, aliases, host and container: modes, ports."""
    assert_streamed_rows_are_kept_rows(build(program))


@SETTINGS
@given(lan_programs())
def test_rows_drawn_when_read_are_the_kept_rows_on_a_lan(program: list[Operation]) -> None:
    """Two Docker hosts with macvlan networks on one LAN (segments, host-mode containers,
    the vantage points' rows)."""
    assert_streamed_rows_are_kept_rows(build(program, lan=True))


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 9000), st.data())
def test_wide_rows_render_as_narrow_ones(width: int, data: st.DataObject) -> None:
    """A matrix row renders the same cells whichever way it is drawn: numpy from 4,096
    columns, str.format and str.translate below."""
    from netsim.analysis.reach.matrix import Matrix

    rows = [0, (1 << width) - 1, *data.draw(st.lists(st.integers(0, (1 << width) - 1),
                                                     max_size=3))]
    m = Matrix(sources=tuple(f"s{i}" for i in range(len(rows))),
               destinations=tuple(f"d{j}" for j in range(width)), port=None, proto="icmp")
    m._rows = rows
    assert [text for _, text in m.rows()] == [
        format(bits, f"0{width}b")[::-1].replace("1", ".").replace("0", "X") for bits in rows]


@settings(max_examples=40, deadline=None)
@given(st.sampled_from([0, 1, 7, 4095, 4096, 4097, 9001]), st.data())
def test_written_bytes_are_the_text_and_json(width: int, data: st.DataObject) -> None:
    """What ``netsim matrix`` writes (Matrix.write, bytes out of one buffer for a wide row)
    is :meth:`Matrix.lines` line by line, or :meth:`Matrix.to_json` and a newline, byte for
    byte, either side of the 4,096 columns where numpy draws the rows; IPv6's header too."""
    import importlib
    import io

    from netsim.analysis.reach.matrix import Matrix

    mod = importlib.import_module("netsim.analysis.reach.matrix")
    count = data.draw(st.integers(0, 4))
    rows = [data.draw(st.integers(0, (1 << width) - 1)) for _ in range(count)]
    names = data.draw(st.lists(st.text("abc-@", min_size=1, max_size=9),
                               min_size=count, max_size=count))
    m = Matrix(sources=tuple(names), destinations=tuple(f"d{j}" for j in range(width)),
               port=data.draw(st.sampled_from([None, 80])), proto="tcp",
               family=data.draw(st.sampled_from([4, 6])))
    m._rows = rows
    threaded = data.draw(st.booleans())
    with pytest.MonkeyPatch.context() as mp:
        if threaded:  # written from a second thread, as from 2^28 cells
            mp.setattr(mod, "_THREADED_AT", 0)
            mp.setattr(mod, "_WRITE_SIZE", 1 << 12)  # several buffers in flight
        for as_json, want in ((False, "".join(line + "\n" for line in m.lines())),
                              (True, m.to_json() + "\n")):
            out = io.BytesIO()
            m.write(out, as_json=as_json)
            assert out.getvalue() == want.encode()


class _Breaks:
    """A stream whose reader goes away after ``writes`` writes."""

    def __init__(self, writes: int) -> None:
        self.writes = writes
        self.broken = 0  # writes asked for once broken

    def write(self, data: object) -> int:
        if self.writes <= 0:
            self.broken += 1
            raise BrokenPipeError(32, "Broken pipe")
        self.writes -= 1
        return 0


@pytest.mark.parametrize("threaded", [False, True])
@pytest.mark.parametrize("writes", [0, 1, 3])
def test_a_write_that_fails_stops_the_matrix(threaded: bool, writes: int) -> None:
    """netsim matrix | head: the error of a write (the reader gone) reaches the caller, from
    the second thread too, and nothing waits for it forever."""
    import importlib

    from netsim.analysis.reach.matrix import Matrix

    mod = importlib.import_module("netsim.analysis.reach.matrix")
    width = 5000
    m = Matrix(sources=tuple(f"s{i}" for i in range(40)),
               destinations=tuple(f"d{j}" for j in range(width)), port=None, proto="icmp")
    m._rows = [(1 << width) - 1 - i for i in range(40)]
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(mod, "_THREADED_AT", 0 if threaded else 1 << 60)
        mp.setattr(mod, "_WRITE_SIZE", 1 << 13)
        out = _Breaks(writes)
        with pytest.raises(BrokenPipeError):
            m.write(out, as_json=True)  # type: ignore[arg-type]
        assert out.broken == 1  # nothing more written once the reader is gone


def test_a_wide_matrix_made_when_read_is_the_same(monkeypatch: pytest.MonkeyPatch) -> None:
    """From _LAZY_AT columns a matrix's rows are made when read, not kept: the same table,
    JSON, count and cells as when they are kept."""
    import importlib

    from conftest import SCENARIOS

    from netsim.lab import run_script

    mod = importlib.import_module("netsim.analysis.reach.matrix")
    text = (SCENARIOS / "stack-reverse-proxy.sh").read_text(encoding="utf-8")
    state = run_script(text, source="t.sh")[0].state
    kept = matrix(state, port=80)
    monkeypatch.setattr(mod, "_LAZY_AT", 1)
    made = matrix(state, port=80)
    assert type(made._rows).__name__ == "_LazyRows"
    assert str(made) == str(kept) and made.to_json() == kept.to_json()
    assert made.count == kept.count and made.to_dict() == kept.to_dict()
    assert all(made.reaches(s, d) == kept.reaches(s, d)
               for s in kept.sources for d in kept.destinations)
