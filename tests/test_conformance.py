"""Conformance: recordings of real engines replayed through netsim, and the comparison itself."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from netsim.cli import main
from netsim.conformance import (
    NORMALIZATIONS,
    Context,
    compare,
    compare_all,
    normalize,
    parse_allowlist,
)
from netsim.errors import InputError
from netsim.io.recording import parse_recording, read_recording

ROOT = Path(__file__).resolve().parent.parent
CONF = ROOT / "conformance"
RECORDED = sorted((CONF / "recorded").rglob("*.json"))
CORPUS = sorted((CONF / "corpus").glob("*.sh"))
#: every command that disagrees today, as "<engine> <script>:<line>": a ratchet. A new
#: disagreement fails, and so does a fixed one still listed (remove its line).
PENDING = CONF / "disagreements.txt"


def _recording(script: str, steps: list[dict[str, Any]], engine: str = "28.5") -> str:
    return json.dumps({
        "format": 1, "name": "t", "script": script,
        "script_sha256": hashlib.sha256(script.encode()).hexdigest(),
        "engine": {"profile": engine, "version": engine + ".0"},
        "recorded": "2026-12-04T00:00:00Z",
        "lab": {"lan": "192.168.0.0/24", "gateway": "192.168.0.1",
                "hosts": {"server1": "192.168.0.100", "server2": "192.168.0.101"}},
        "steps": steps,
    })


def _step(line: int, command: str, stdout: str = "", stderr: str = "", code: int = 0,
          host: str = "server1") -> dict[str, Any]:
    return {"line": line, "command": command, "host": host, "exit_code": code,
            "stdout": stdout, "stderr": stderr}


# ------------------------------------------------------------------ the comparison itself


def test_agreement_and_disagreement_are_told_apart() -> None:
    """A step agrees only when exit status, stdout and stderr all match after normalization."""
    ls = ("NETWORK ID     NAME      DRIVER    SCOPE\n"
          "0123456789ab   bridge    bridge    local\n"
          "123456789abc   host      host      local\n"
          "23456789abcd   none      null      local\n")
    script = "docker network ls\ndocker network create a\ndocker network create a\n"
    rec = parse_recording(_recording(script, [
        _step(1, "docker network ls", ls),
        _step(2, "docker network create a", "f" * 64 + "\n"),
        _step(3, "docker network create a", "", "wrong text\n", 1),
    ]))
    result = compare(rec)
    assert [s.verdict for s in result.steps] == ["agree", "agree", "disagree"]
    assert result.steps[2].differs == ("stderr",)
    assert result.steps[2].predicted is not None
    assert result.steps[2].predicted.stderr == (
        "Error response from daemon: network with name a already exists\n")


def test_allowlist_turns_a_disagreement_into_allowed() -> None:
    """An allowance matching the command (and engine) marks the step allowed, with its reason."""
    script = "docker network create a\ndocker network create a\n"
    rec = parse_recording(_recording(script, [
        _step(1, "docker network create a", "a" * 64 + "\n"),
        _step(2, "docker network create a", "", "wrong\n", 1),
    ]))
    allow = parse_allowlist([{"command": r"create a$", "reason": "because", "engines": ["28.5"]}])
    result = compare(rec, allow)
    assert [s.verdict for s in result.steps] == ["agree", "allowed"]
    assert result.steps[1].reason == "because"
    other_engine = parse_allowlist([{"command": "create", "reason": "r", "engines": ["26.1"]}])
    assert compare(rec, other_engine).steps[1].verdict == "disagree"


def test_missing_and_extra_commands_disagree() -> None:
    """A recorded command netsim did not run (or the reverse) is a disagreement."""
    rec = parse_recording(_recording("docker network ls\n", [
        _step(1, "docker network ls", "x\n"), _step(7, "docker ps", ""),
    ]))
    result = compare(rec)
    assert [s.verdict for s in result.steps] == ["disagree", "disagree"]
    assert result.steps[1].reason == "netsim ran no command on this line"


def test_ids_are_numbered_so_reuse_must_match() -> None:
    """IDs become <IDn> by first use: the same ID twice must be the same twice on both sides."""
    ctx = Context()
    a, b = "ab" * 32, "cd" * 32
    text = normalize(f"{a}\n{b[:12]}\n{a[:12]}\n", "docker ps", ctx)
    assert text == "<ID1>\n<ID2>\n<ID1>\n"


def test_derived_macs_compared_random_ones_named() -> None:
    """Before 28.0 an endpoint's MAC is 02:42 and its IPv4 address (compared as printed); the
    kernel's MACs (no 02:42: a host's NIC, a veth's host end) and a bridge's (02:42 and 4 random
    bytes, recorded on 26.1.5: 21-host-network-probes:7) are random, as are the link-local
    addresses made from them."""
    ctx = Context(random_macs=False)
    host = ("2: eth0@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP\n"
            "    link/ether 7e:5c:fe:6d:09:11 brd ff:ff:ff:ff:ff:ff link-netnsid 0\n"
            "    inet6 fe80::7c5c:feff:fe6d:911/64 scope link proto kernel_ll \n"
            "3: docker0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP\n"
            "    link/ether 02:42:3b:6b:a1:70 brd ff:ff:ff:ff:ff:ff\n"
            "    inet6 fe80::42:3bff:fe6b:a170/64 scope link proto kernel_ll \n"
            "docker0   Link encap:Ethernet  HWaddr 02:42:3B:6B:A1:70  \n"
            "          inet6 addr: fe80::42:3bff:fe6b:a170/64 Scope:Link\n")
    assert normalize(host, "ip addr", ctx) == (
        "2: eth0@if4: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP\n"
        "    link/ether <MAC1> brd ff:ff:ff:ff:ff:ff link-netnsid 0\n"
        "    inet6 <LL1>/64 scope link proto kernel_ll \n"
        "3: docker0: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP\n"
        "    link/ether <MAC2> brd ff:ff:ff:ff:ff:ff\n"
        "    inet6 <LL2>/64 scope link proto kernel_ll \n"
        "docker0   Link encap:Ethernet  HWaddr <MAC2>  \n"
        "          inet6 addr: <LL2>/64 Scope:Link\n")
    endpoint = ("8: eth0@if9: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 state UP\n"
                "    link/ether 02:42:ac:12:00:03 brd ff:ff:ff:ff:ff:ff link-netnsid 0\n"
                "    inet6 fe80::42:acff:fe12:3/64 scope link \n"
                "    inet6 fe80::1/64 scope link \n"
                "eth1      Link encap:Ethernet  HWaddr 02:42:0A:01:00:02  \n"
                '        "MacAddress": "02:42:ac:11:00:02",\n')
    assert normalize(endpoint, "ip addr", ctx) == endpoint


def test_normalizations_keep_behaviour() -> None:
    """Normalizations rewrite only random or clock-bound parts: addresses, names, counts stay."""
    ctx = Context(random_macs=True)
    ping = ("PING a1 (172.18.0.2): 56 data bytes\n"
            "64 bytes from 172.18.0.2: seq=0 ttl=64 time=0.205 ms\n"
            "round-trip min/avg/max = 0.089/0.147/0.205 ms\n")
    assert normalize(ping, "ping", ctx) == (
        "PING a1 (172.18.0.2): 56 data bytes\n"
        "64 bytes from 172.18.0.2: seq=0 ttl=64 time=<T> ms\n"
        "round-trip min/avg/max = <T> ms\n")
    mac = normalize("link/ether 92:51:7c:ab:30:f6 brd ff:ff:ff:ff:ff:ff", "ip link", ctx)
    assert mac == "link/ether <MAC1> brd ff:ff:ff:ff:ff:ff"
    derived = Context(random_macs=False)
    assert normalize("02:42:ac:11:00:02", "x", derived) == "02:42:ac:11:00:02"
    assert normalize("Up 3 seconds", "docker ps", ctx) == "Up <AGE>"
    assert normalize("Created 2 minutes ago", "docker ps", ctx) == "Created <AGE> ago"
    created = '"Created": "2026-12-04T12:28:10.123456789Z"'
    assert normalize(created, "x", ctx) == '"Created": "<TIME>"'
    dig = "a.\t600\tIN\tA\t172.18.0.3\na.\t600\tIN\tA\t172.18.0.2\n"
    assert normalize(dig, "dig a", ctx) == (
        "a.\t600\tIN\tA\t172.18.0.2\na.\t600\tIN\tA\t172.18.0.3\n")
    assert normalize(dig, "cat x", ctx) == dig  # only DNS tools' answers are multisets
    hosts = "172.18.0.3\n172.18.0.2\n"
    assert normalize(hosts, "cat /etc/hosts", ctx) == hosts
    assert {n.name for n in NORMALIZATIONS} == {
        "id-keyed-order", "ids", "tokens", "random-macs", "clock", "timings", "http-timing",
        "dad", "counters", "pids", "veth-names", "endpoint-lists", "map-orders", "nslookup-race",
        "shuffle", "wait-race", "compose-progress", "compose-services-order", "volume-orders",
        "buildkit-progress", "manifest-size"}
    assert all(n.why for n in NORMALIZATIONS)
    # BuildKit's vertices: a multiset of blocks, without numbers, times, a FROM's status and
    # the context's transfer size; a step's CACHED is kept
    one = ("#0 building with \"default\" instance using docker driver\n\n"
           "#1 [2/2] RUN x\n#1 CACHED\n\n#2 [1/2] FROM docker.io/library/a:latest\n"
           "#2 DONE 0.3s\n\n#3 exporting to image\n#3 exporting layers 0.1s done\n#3 DONE 0.0s")
    two = ("#0 building with \"default\" instance using docker driver\n\n"
           "#1 [1/2] FROM docker.io/library/a:latest\n#1 CACHED\n\n#2 [2/2] RUN x\n"
           "#2 CACHED\n\n#3 exporting to image\n#3 exporting layers done\n#3 DONE 0.0s")
    assert normalize(one, "docker build .", ctx) == normalize(two, "docker build .", ctx)
    assert normalize(one, "docker build .", ctx) != normalize(
        two.replace("#2 CACHED", "#2 DONE 0.1s"), "docker build .", ctx)
    # an anonymous volume's random name sorts anywhere in volume ls; prune's names and a
    # volume's users are in Go map order
    anon = "b" * 64
    assert normalize(f"DRIVER    VOLUME NAME\nlocal     {anon}\nlocal     a1\n",
                     "docker volume ls", Context()) == (
        "DRIVER    VOLUME NAME\nlocal     <ID1>\nlocal     a1\n")
    assert normalize(f"a1\n{anon}\n", "docker volume ls -q", Context()) == "<ID1>\na1\n"
    assert normalize("b1\na1\n", "docker volume ls -q", Context()) == "b1\na1\n"
    assert normalize("Deleted Volumes:\nz\na\n\nTotal reclaimed space: 0B\n",
                     "docker volume prune -f", Context()) == (
        "Deleted Volumes:\na\nz\n\nTotal reclaimed space: 0B\n")
    assert normalize("remove d: volume is in use - [b, a]", "docker volume rm d",
                     Context()) == "remove d: volume is in use - [a, b]"
    # Compose's concurrent progress lines: ordered by object, each object's lines in order
    up = (" Container b-1  Creating\n Container a-1  Creating\n Container a-1  Created\n"
          " Container b-1  Created\nError: x\n Network n  Removed\n")
    assert normalize(up, "docker compose up -d", ctx) == (
        " Container a-1  Creating\n Container a-1  Created\n Container b-1  Creating\n"
        " Container b-1  Created\nError: x\n Network n  Removed\n")
    assert normalize(up, "docker ps", ctx) == up
    assert normalize("web\ndb\n", "docker compose config --services", ctx) == "db\nweb\n"
    # 20.10's cancelled-wait log line: dropped only where it races a --rm removal
    line = ('time="2026-12-04T12:00:00Z" level=error msg="error waiting for container: '
            'context canceled"\n')
    racy = Context(wait_race=True)
    assert normalize("docker: x.\n" + line, "docker run --rm a", racy) == "docker: x.\n"
    assert normalize("docker: x.\n" + line, "docker run a", racy).endswith("canceled\"\n")


def test_bad_recordings_and_allowlists_are_one_line() -> None:
    """A malformed recording or allowlist is an InputError naming where and what."""
    with pytest.raises(InputError) as err:
        parse_recording("{", source="r.json")
    assert err.value.line().startswith("r.json:1: not JSON:")
    with pytest.raises(InputError) as err:
        parse_recording(json.dumps({"format": 1}), source="r.json")
    assert err.value.line().startswith("r.json: name: Field required")
    with pytest.raises(InputError) as err:
        parse_allowlist([{"command": "x"}])
    assert err.value.line() == "allowed.yaml: [0].reason: every allowance needs its reason"
    with pytest.raises(InputError) as err:
        parse_allowlist([{"command": "(", "reason": "r"}])
    assert "not a regular expression" in err.value.line()
    with pytest.raises(InputError):
        parse_allowlist({"command": "x"})


def test_cli_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """netsim conformance: exit 0 when all agree, 1 on a disagreement, 2 on bad input."""
    good = tmp_path / "good.json"
    good.write_text(_recording("docker network create a\n",
                               [_step(1, "docker network create a", "1" * 64 + "\n")]))
    bad = tmp_path / "bad.json"
    bad.write_text(_recording("docker network create a\n",
                              [_step(1, "docker network create a", "", "no\n", 1)]))
    for args, code in (([str(good)], 0), ([str(bad)], 1), ([str(tmp_path / "none.json")], 2),
                       ([str(good), "--engine", "26.1"], 2)):
        with pytest.raises(SystemExit) as ex:
            main(["conformance", *args, "--allowed", ""])
        assert ex.value.code == code, args
    out = capsys.readouterr().out
    assert "ENGINE  VERSIONS  SCRIPTS  COMMANDS  AGREEING  ALLOWED  DISAGREEING" in out
    with pytest.raises(SystemExit):
        main(["conformance", str(bad), "--json", "--allowed", ""])
    data = json.loads(capsys.readouterr().out)
    assert data["ok"] is False
    assert data["table"][0]["disagreeing"] == 1


# ------------------------------------------------------------------ the committed recordings


def test_every_corpus_script_has_fresh_recordings() -> None:
    """Each corpus script is recorded on 28.5; every recording holds the script's current text."""
    recorded = {(p.parent.name, p.stem): read_recording(p) for p in RECORDED}
    for script in CORPUS:
        rec = recorded.get(("28.5", script.stem))
        assert rec is not None, f"{script.name} has no 28.5 recording"
    by_name = {s.stem: s.read_text() for s in CORPUS}
    for (engine, name), rec in recorded.items():
        assert rec.fresh, f"{engine}/{name}: the recording's hash does not match its script"
        assert rec.engine.profile == engine
        assert by_name.get(name) == rec.script, (
            f"{engine}/{name}: the corpus script changed since it was recorded; re-record it")


@pytest.fixture(scope="module")
def report() -> Any:
    allow = parse_allowlist(yaml.safe_load((CONF / "allowed.yaml").read_text())
                            if (CONF / "allowed.yaml").exists() else None)
    return compare_all([read_recording(p) for p in RECORDED], allow)


def test_recordings_agree_or_are_listed(report: Any) -> None:
    """Every recorded command agrees with netsim, is allowed, or is listed as pending."""
    disagreeing = {f"{s.engine} {s.name}:{st.line}" for s, st in report.disagreements}
    disagreeing |= {f"{s.engine} {s.name}: replay failed" for s in report.scripts if s.error}
    listed = set()
    if PENDING.exists():
        listed = {ln.split("#")[0].strip() for ln in PENDING.read_text().splitlines()}
        listed.discard("")
    new = sorted(disagreeing - listed)
    fixed = sorted(listed - disagreeing)
    assert not new, "new disagreements with the real engines:\n" + "\n".join(new)
    assert not fixed, ("these now agree: remove them from conformance/disagreements.txt:\n"
                       + "\n".join(fixed))


def test_allowlist_is_small_and_reasoned(report: Any) -> None:
    """The allowlist covers at most 3 % of the recorded commands, each entry with a reason."""
    commands = sum(len(s.steps) for s in report.scripts)
    allowed = sum(s.count("allowed") for s in report.scripts)
    assert allowed <= 0.03 * max(commands, 1), (allowed, commands)


def test_docs_table_and_pending_list_are_current(report: Any) -> None:
    """docs/conformance.md shows the table of the committed recordings (conformance/update.py)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("conformance_update", CONF / "update.py")
    assert spec is not None and spec.loader is not None
    update = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(update)
    doc = ROOT / "docs" / "conformance.md"
    assert doc.read_text() == update.render_doc(doc.read_text(), report), (
        "docs/conformance.md is stale: run python conformance/update.py")


def test_order_normalizations() -> None:
    """Entries keyed by random IDs, Go map orders and BusyBox's answer race compare as sets."""
    ctx = Context()
    a, b = "a" * 64, "b" * 64
    one = (f'    "Containers": {{\n        "{b}": {{\n            "Name": "x"\n        }},\n'
           f'        "{a}": {{\n            "Name": "y"\n        }}\n    }}')
    two = (f'    "Containers": {{\n        "{a}": {{\n            "Name": "y"\n        }},\n'
           f'        "{b}": {{\n            "Name": "x"\n        }}\n    }}')
    assert normalize(one, "docker network inspect n", Context()) == normalize(
        two, "docker network inspect n", Context())
    err = "error while removing network: network n has active endpoints (b, a)"
    assert normalize(err, "docker network rm n", ctx).endswith("(a, b)")
    ns = "Server:\t\t127.0.0.11\n\nName:\tx\nAddress: ::1\n\nName:\tx\nAddress: 1.2.3.4\n"
    swapped = "Server:\t\t127.0.0.11\n\nName:\tx\nAddress: 1.2.3.4\n\nName:\tx\nAddress: ::1\n"
    assert normalize(ns, "nslookup x", ctx) == normalize(swapped, "nslookup x", ctx)


def test_ids_are_named_after_what_created_them() -> None:
    """An ID printed by run --name N / network create N is <ID:N>: one missing ID on one side
    does not renumber the others."""
    ctx = Context()
    from netsim.conformance import normalized_side

    out = normalized_side(0, "c" * 64 + "\n", "", "docker run -d --name web netsim-lab/nginx", ctx)
    assert out.stdout == "<ID:web>\n"
    out = normalized_side(0, "d" * 64 + "\n", "", "docker network create mynet", ctx)
    assert out.stdout == "<ID:mynet>\n"
    out = normalized_side(0, "e" * 64 + "\n", "", "docker run -d netsim-lab/nginx", ctx)
    assert out.stdout == "<ID1>\n"


def test_shuffle_choice_accepts_any_address_of_the_answer() -> None:
    """ping of an alias may pick any address netsim saw in that answer, and no other."""
    groups = ((("172.18.0.2", ("c1.net", "c1")), ("172.18.0.3", ("c2.net", "c2"))),)
    real = "64 bytes from c1.net (172.18.0.2): icmp_seq=1"
    mine = "64 bytes from c2.net (172.18.0.3): icmp_seq=1"
    other = "64 bytes from c9.net (172.18.0.9): icmp_seq=1"
    assert normalize(real, "ping", Context(), groups) == normalize(mine, "ping", Context(),
                                                                    groups)
    assert normalize(other, "ping", Context(), groups) != normalize(mine, "ping", Context(),
                                                                     groups)


def test_map_orders() -> None:
    """Which port binding a conflict names, and the order of link lines, are Go map orders."""
    a = "Bind for 0.0.0.0:8080 failed: port is already allocated"
    b = "Bind for :::8080 failed: port is already allocated"
    assert normalize(a, "docker run", Context()) == normalize(b, "docker run", Context())
    one = "127.0.0.1\tlocalhost\n172.17.0.2\td1 aaa db\n172.17.0.3\tother bbb c1\n172.17.0.7\tx\n"
    two = "127.0.0.1\tlocalhost\n172.17.0.3\tother bbb c1\n172.17.0.2\td1 aaa db\n172.17.0.7\tx\n"
    cmd = "docker exec web cat /etc/hosts"
    assert normalize(one, cmd, Context()) == normalize(two, cmd, Context())
    assert normalize(one, "docker ps", Context()) != normalize(two, "docker ps", Context())
    # 20.10's docker port walks a Go map: ports grouped, each port's bindings in printed order
    one = "443/tcp -> 0.0.0.0:8443\n443/tcp -> :::8443\n80/tcp -> 0.0.0.0:8082\n80/tcp -> :::8082\n"
    two = "80/tcp -> 0.0.0.0:8082\n80/tcp -> :::8082\n443/tcp -> 0.0.0.0:8443\n443/tcp -> :::8443\n"
    swapped = ("80/tcp -> :::8082\n80/tcp -> 0.0.0.0:8082\n443/tcp -> 0.0.0.0:8443\n"
               "443/tcp -> :::8443\n")
    old = Context(port_map_order=True)
    assert normalize(one, "docker port p7", old) == normalize(two, "docker port p7", old)
    assert normalize(one, "docker port p7", old) != normalize(swapped, "docker port p7", old)
    assert normalize(one, "docker port p7", Context()) != normalize(two, "docker port p7",
                                                                      Context())
