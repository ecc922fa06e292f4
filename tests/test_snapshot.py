"""`netsim snapshot` (netsim/io/dump/snapshot.py): the Engine API asked over a unix socket or
TCP, the snapshot directory written, every failure one line and exit 2.

A fake Engine API in this process answers from the real recordings of
conformance/snapshots/recorded/28.5 (what `docker inspect $(docker ps -aq) $(docker network ls
-q)`, `docker version` and `docker info` printed on Engine 28.5.2), so the files written must
equal what docker printed. The lab test (`-k lab`, marked ``root``) asks the real 28.5 daemons
of the conformance lab and compares with `docker inspect` run there.
"""

from __future__ import annotations

import http.client
import json
import os
import re
import shutil
import socket
import socketserver
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cmp_to_key
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any

import pytest

from netsim.errors import InputError
from netsim.io.dump.snapshot import (
    EngineClient,
    LanFacts,
    natural_less,
    parse_host,
    parse_host_option,
    snapshot_command,
)

ROOT = Path(__file__).resolve().parent.parent
RECORDED = ROOT / "conformance" / "snapshots" / "recorded" / "28.5"
RECORDINGS = sorted(p.stem for p in RECORDED.glob("*.json"))


# ---------------------------------------------------------------- canned answers


@dataclass
class Canned:
    """What one recorded daemon answered: /version, /info and the inspect dump."""

    version: dict[str, Any]
    info: dict[str, Any]
    dump: list[dict[str, Any]]

    @property
    def containers(self) -> list[dict[str, Any]]:
        return [o for o in self.dump if "State" in o]

    @property
    def networks(self) -> list[dict[str, Any]]:
        return [o for o in self.dump if "IPAM" in o]


def canned(recording: str, host: str = "server1") -> Canned:
    """The answers of ``host`` in a recording (server2's commands start `docker -H server2`)."""
    steps = json.loads((RECORDED / f"{recording}.json").read_text())["steps"]
    docker = "docker" if host == "server1" else f"docker -H {host}"

    def out(command: str) -> Any:
        (step,) = [s for s in steps if s["command"].startswith(command)]
        assert step["exit_code"] == 0
        return json.loads(step["stdout"])

    info = out(f"{docker} info --format")
    for key in ("ClientInfo", "ServerErrors"):  # the CLI's own, not the daemon's
        info.pop(key, None)
    return Canned(version=out(f"{docker} version --format")["Server"], info=info,
                  dump=out(f"{docker} inspect $("))


# ---------------------------------------------------------------- the fake Engine API


@dataclass
class FakeEngine:
    """A Docker Engine API answering GET requests from canned JSON, on a unix socket (or TCP).

    ``override`` maps a path (without the /vX.Y prefix) to (status, body); ``hang`` holds the
    paths it never answers; ``gone`` the object ids listed but answered 404 when inspected.
    """

    answers: Canned
    override: dict[str, tuple[int, bytes]] = field(default_factory=dict)
    hang: set[str] = field(default_factory=set)
    gone: set[str] = field(default_factory=set)
    requests: list[str] = field(default_factory=list)
    connections: int = 0
    url: str = ""
    released: threading.Event = field(default_factory=threading.Event)
    server: socketserver.BaseServer | None = None

    def route(self, path: str) -> tuple[int, Any]:
        bare = re.sub(r"^/v\d+\.\d+(?=/)", "", path)
        base, _, query = bare.partition("?")
        a = self.answers
        if base == "/_ping":
            return 200, "OK"
        if base == "/version":
            return 200, a.version
        if base == "/info":
            return 200, a.info
        if base == "/containers/json":
            every = "all=1" in query.split("&")
            return 200, [{"Id": c["Id"], "Names": [c["Name"]], "Image": c["Config"]["Image"],
                          "State": c["State"]["Status"]}
                         for c in a.containers if every or c["State"]["Running"]]
        if base == "/networks":  # in an order of its own: the client sorts
            return 200, [{k: v for k, v in n.items() if k != "Containers"}
                         for n in sorted(a.networks, key=lambda n: n["Id"], reverse=True)]
        m = re.fullmatch(r"/containers/([0-9a-z]+)/json", base) or re.fullmatch(
            r"/networks/([0-9a-z]+)", base)
        if m and m[1] not in self.gone:
            for obj in a.dump:
                if obj["Id"] == m[1] and (("State" in obj) == base.startswith("/containers")):
                    return 200, obj
        if m:
            return 404, {"message": f"No such object: {m[1]}"}
        return 404, {"message": "page not found"}

    def stop(self) -> None:
        self.released.set()
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as dockerd

    def setup(self) -> None:
        super().setup()
        self.server.engine.connections += 1  # type: ignore[attr-defined]

    def do_GET(self) -> None:
        engine: FakeEngine = self.server.engine  # type: ignore[attr-defined]
        engine.requests.append(self.path)
        bare = re.sub(r"^/v\d+\.\d+(?=/)", "", self.path)
        if bare in engine.hang:
            engine.released.wait(30)
            return
        if bare in engine.override:
            status, body = engine.override[bare]
        else:
            status, data = engine.route(self.path)
            body = data.encode() if isinstance(data, str) else json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass


class _UnixServer(socketserver.ThreadingUnixStreamServer):
    daemon_threads = True


class _TCPServer(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True


@pytest.fixture
def start_engine() -> Iterator[Callable[..., FakeEngine]]:
    """Start fake engines on short unix socket paths (or on 127.0.0.1 with tcp=True)."""
    started: list[tuple[FakeEngine, str]] = []

    def start(answers: Canned, *, tcp: bool = False, **kw: Any) -> FakeEngine:
        engine = FakeEngine(answers, **kw)
        folder = tempfile.mkdtemp(prefix="netsim-snap-", dir="/tmp")
        server: socketserver.BaseServer
        if tcp:
            server = _TCPServer(("127.0.0.1", 0), _Handler)
            engine.url = f"tcp://127.0.0.1:{server.server_address[1]}"
        else:
            path = os.path.join(folder, "docker.sock")
            server = _UnixServer(path, _Handler)
            engine.url = f"unix://{path}"
        server.engine = engine  # type: ignore[attr-defined]
        engine.server = server
        threading.Thread(target=server.serve_forever, daemon=True).start()
        started.append((engine, folder))
        return engine

    yield start
    for engine, folder in started:
        engine.stop()
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(autouse=True)
def _snapshot_registered(monkeypatch: pytest.MonkeyPatch) -> None:
    """`netsim snapshot` is a command of netsim's group (for this test only, until
    netsim/cli.py registers it)."""
    from netsim.cli import cli

    if "snapshot" not in cli.commands:
        monkeypatch.setitem(cli.commands, "snapshot", snapshot_command)


def netsim(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """`netsim snapshot ARGS` through netsim.cli.main: (exit status, stdout, stderr)."""
    from netsim.cli import main

    try:
        main(["snapshot", *args])
        code = 0
    except SystemExit as err:
        code = int(err.code or 0)
    out, err_text = capsys.readouterr()
    return code, out, err_text


def one_line(err: str) -> str:
    """The single line of a failure, after the command's name: no traceback, nothing else."""
    assert "Traceback" not in err
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert err.startswith("netsim snapshot: "), err
    return err.rstrip("\n").removeprefix("netsim snapshot: ")


# ---------------------------------------------------------------- one host, as docker prints


@pytest.mark.parametrize("recording", RECORDINGS)
def test_one_host_writes_what_docker_inspect_printed(
        recording: str, start_engine: Callable[..., FakeEngine], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The dump equals the recorded `docker inspect $(docker ps -aq) $(docker network ls -q)`
    (containers in the daemon's order, then networks sorted by name), the version and info
    files the daemon's answers, named after /info Name; /version asked unversioned first."""
    answers = canned(recording)
    engine = start_engine(answers)
    out_dir = tmp_path / "snap"
    code, out, err = netsim(capsys, "-H", engine.url, "-o", str(out_dir))
    assert (code, err) == (0, "")
    assert sorted(p.name for p in out_dir.iterdir()) == [
        "server1.info.json", "server1.json", "server1.version.json"]
    dump_text = (out_dir / "server1.json").read_text()
    assert json.loads(dump_text) == answers.dump
    assert dump_text == json.dumps(answers.dump, indent=4, ensure_ascii=False) + "\n"
    assert dump_text.startswith("[\n    {\n        \"Id\": ")
    assert json.loads((out_dir / "server1.version.json").read_text()) == answers.version
    assert json.loads((out_dir / "server1.info.json").read_text()) == answers.info
    assert out == (f"server1: {len(answers.containers)} containers, {len(answers.networks)} "
                   f"networks -> {out_dir}/server1.json\n")
    assert engine.requests[0] == "/version"
    assert all(r.startswith("/v1.51/") for r in engine.requests[1:])
    assert engine.requests[1:3] == ["/v1.51/info", "/v1.51/containers/json?all=1"]


def test_the_same_answers_give_the_same_bytes(start_engine: Callable[..., FakeEngine],
                                               tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """Two snapshots of the same answers are byte for byte the same files."""
    engine = start_engine(canned("s1-bridges"))
    for d in ("a", "b"):
        assert netsim(capsys, "-H", engine.url, "-o", str(tmp_path / d))[0] == 0
    for name in ("server1.json", "server1.version.json", "server1.info.json"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def test_an_object_gone_between_list_and_inspect_is_left_out(
        start_engine: Callable[..., FakeEngine], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    """A container removed after the list (inspect answers 404) is not in the dump."""
    answers = canned("s1-bridges")
    gone = answers.containers[1]["Id"]
    engine = start_engine(answers, gone={gone})
    code, out, _ = netsim(capsys, "-H", engine.url, "-o", str(tmp_path / "s"))
    assert code == 0 and out.startswith("server1: 4 containers, 5 networks")
    dump = json.loads((tmp_path / "s" / "server1.json").read_text())
    assert [o["Id"] for o in dump] == [o["Id"] for o in answers.dump if o["Id"] != gone]


def test_docker_host_is_used_without_h(start_engine: Callable[..., FakeEngine],
                                       tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    """Without -H the daemon is $DOCKER_HOST's, as for the docker CLI."""
    engine = start_engine(canned("s2-internal-icc"))
    monkeypatch.setenv("DOCKER_HOST", engine.url)
    code, out, err = netsim(capsys, "-o", str(tmp_path / "s"))
    assert (code, err) == (0, "") and out.startswith("server1: 5 containers, 5 networks -> ")
    assert engine.requests[0] == "/version"


def test_tcp_hosts_are_plain_http(start_engine: Callable[..., FakeEngine], tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """tcp://HOST:PORT is asked over plain HTTP; with DOCKER_TLS_VERIFY set it is refused
    (TLS is not supported), while a unix socket is still asked."""
    answers = canned("s3-modes")
    engine = start_engine(answers, tcp=True)
    monkeypatch.delenv("DOCKER_TLS_VERIFY", raising=False)
    monkeypatch.delenv("DOCKER_TLS", raising=False)
    code, _, err = netsim(capsys, "-H", engine.url, "-o", str(tmp_path / "s"))
    assert (code, err) == (0, "")
    assert json.loads((tmp_path / "s" / "server1.json").read_text()) == answers.dump
    monkeypatch.setenv("DOCKER_TLS_VERIFY", "1")
    code, out, err = netsim(capsys, "-H", engine.url, "-o", str(tmp_path / "t"))
    assert (code, out) == (2, "")
    assert one_line(err) == (
        f"-H: TLS is not supported (DOCKER_TLS_VERIFY is set): netsim speaks plain HTTP to "
        f"tcp:// hosts; unset it, or reach the daemon by its unix socket (got "
        f"'{engine.url}'; accepted: unix:///PATH or tcp://HOST[:PORT] (plain HTTP), "
        "optionally NAME=HOST)")
    assert not (tmp_path / "t").exists()
    unix = start_engine(answers)
    assert netsim(capsys, "-H", unix.url, "-o", str(tmp_path / "u"))[0] == 0


# ---------------------------------------------------------------- several hosts


def test_several_hosts_by_their_own_names_and_by_given_names(
        start_engine: Callable[..., FakeEngine], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    """Two -H: one dump per host, named by /info Name or by NAME=; one line each, in order."""
    one, two = canned("s4-macvlan-two-hosts"), canned("s4-macvlan-two-hosts", "server2")
    e1, e2 = start_engine(one), start_engine(two)
    code, out, err = netsim(capsys, "-H", e2.url, "-H", e1.url, "-o", str(tmp_path / "a"))
    assert (code, err) == (0, "")
    assert out == (f"server2: 1 containers, 4 networks -> {tmp_path}/a/server2.json\n"
                   f"server1: 2 containers, 4 networks -> {tmp_path}/a/server1.json\n")
    assert json.loads((tmp_path / "a" / "server2.json").read_text()) == two.dump
    assert json.loads((tmp_path / "a" / "server1.json").read_text()) == one.dump
    code, out, err = netsim(capsys, "-H", f"left={e1.url}", "-H", f"right={e2.url}",
                            "-o", str(tmp_path / "b"))
    assert (code, err) == (0, "")
    assert sorted(p.name for p in (tmp_path / "b").iterdir()) == [
        "left.info.json", "left.json", "left.version.json",
        "right.info.json", "right.json", "right.version.json"]
    assert json.loads((tmp_path / "b" / "right.json").read_text()) == two.dump


def test_two_hosts_with_one_name_are_refused(start_engine: Callable[..., FakeEngine],
                                             tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """Two daemons that both call themselves server1: one line, exit 2, nothing written."""
    e1, e2 = start_engine(canned("s1-bridges")), start_engine(canned("s2-internal-icc"))
    code, out, err = netsim(capsys, "-H", e1.url, "-H", e2.url, "-o", str(tmp_path / "s"))
    assert (code, out) == (2, "")
    assert one_line(err) == (f"-H: two hosts are named 'server1' ({e1.url} and {e2.url}); "
                             "name them with -H NAME=HOST")
    assert not (tmp_path / "s").exists()


def test_hosts_yaml_says_what_no_daemon_knows(start_engine: Callable[..., FakeEngine],
                                              tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    """--lan, --gateway, --address and --parent are written to hosts.yaml, hosts in natural
    order; without them there is no hosts.yaml."""
    e1 = start_engine(canned("s4-macvlan-two-hosts"))
    e2 = start_engine(canned("s4-macvlan-two-hosts", "server2"))
    code, _, err = netsim(capsys, "-H", e1.url, "-H", e2.url, "-o", str(tmp_path / "s"),
                          "--lan", "192.168.0.0/24", "--gateway", "192.168.0.1",
                          "--address", "server2=192.168.0.101", "--address",
                          "server1=192.168.0.100", "--parent", "server1=eth0")
    assert (code, err) == (0, "")
    assert (tmp_path / "s" / "hosts.yaml").read_text() == (
        "lan: 192.168.0.0/24\ngateway: 192.168.0.1\nhosts:\n"
        "  server1:\n    address: 192.168.0.100\n    parent: eth0\n"
        "  server2:\n    address: 192.168.0.101\n")


# ---------------------------------------------------------------- failures: one line, exit 2


def test_no_such_socket(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A socket path where nothing is: which host, and what to check."""
    code, out, err = netsim(capsys, "-H", f"unix://{tmp_path}/nope.sock", "-o",
                            str(tmp_path / "s"))
    assert (code, out) == (2, "")
    assert one_line(err) == (f"unix://{tmp_path}/nope.sock: cannot connect: no such socket; "
                             "is the Docker daemon running, and is this its socket? "
                             "(-H unix:///PATH)")
    assert not (tmp_path / "s").exists()


def test_a_socket_nobody_listens_on(capsys: pytest.CaptureFixture[str],
                                    tmp_path: Path) -> None:
    """A stale socket (bound, not listening): connection refused, one line."""
    folder = tempfile.mkdtemp(prefix="netsim-snap-", dir="/tmp")
    path = os.path.join(folder, "docker.sock")
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(path)
    try:
        code, _, err = netsim(capsys, "-H", f"unix://{path}", "-o", str(tmp_path / "s"))
    finally:
        sock.close()
        shutil.rmtree(folder)
    assert code == 2
    assert one_line(err) == (f"unix://{path}: cannot connect: connection refused (nothing "
                             "listens on this socket); is the Docker daemon running?")


def test_a_directory_that_is_not_empty(start_engine: Callable[..., FakeEngine],
                                       tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    """A non-empty DIR is refused before any daemon is asked; --force writes into it."""
    engine = start_engine(canned("s1-bridges"))
    (tmp_path / "notes.txt").write_text("mine\n")
    code, out, err = netsim(capsys, "-H", engine.url, "-o", str(tmp_path))
    assert (code, out) == (2, "")
    assert one_line(err) == (f"-o: the directory is not empty (--force writes into it anyway) "
                             f"(got '{tmp_path}')")
    assert engine.requests == []
    code, _, err = netsim(capsys, "-H", engine.url, "-o", str(tmp_path), "--force")
    assert (code, err) == (0, "")
    assert (tmp_path / "notes.txt").read_text() == "mine\n"
    assert (tmp_path / "server1.json").exists()


def test_an_http_error_prints_the_daemons_message(start_engine: Callable[..., FakeEngine],
                                                  tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """HTTP 500 {"message": "boom"}: the request, the status and the daemon's message."""
    engine = start_engine(canned("s1-bridges"),
                          override={"/info": (500, b'{"message": "boom"}')})
    code, out, err = netsim(capsys, "-H", engine.url, "-o", str(tmp_path / "s"))
    assert (code, out) == (2, "")
    assert one_line(err) == (f"{engine.url}: GET /v1.51/info: the daemon answered HTTP 500: "
                             "boom")
    assert not (tmp_path / "s").exists()


def test_a_body_that_is_not_json(start_engine: Callable[..., FakeEngine], tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    """A 200 answer that is not JSON (not a Docker daemon): one line with what came."""
    engine = start_engine(canned("s1-bridges"),
                          override={"/version": (200, b"<html>hello</html>\n")})
    code, _, err = netsim(capsys, "-H", engine.url, "-o", str(tmp_path / "s"))
    assert code == 2
    assert one_line(err) == (f"{engine.url}: GET /version: the answer is not JSON (got "
                             "'<html>hello</html>'; accepted: the Docker Engine API's JSON)")


def test_a_daemon_that_never_answers(start_engine: Callable[..., FakeEngine], tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    """No answer within --timeout: one line naming the request, in about that time."""
    engine = start_engine(canned("s1-bridges"), hang={"/version"})
    t0 = time.monotonic()
    code, _, err = netsim(capsys, "-H", engine.url, "-o", str(tmp_path / "s"),
                          "--timeout", "0.5")
    assert time.monotonic() - t0 < 5
    assert code == 2
    assert one_line(err) == (f"{engine.url}: no answer to GET /version within 0.5 s; is the "
                             "daemon hung or busy? (--timeout SECONDS)")


@pytest.mark.parametrize(("args", "line"), [
    (["--address", "server1=192.168.0.300"],
     "--address: not an IPv4 address: '192.168.0.300' (got 'server1=192.168.0.300'; "
     "accepted: NAME=IPv4 address)"),
    (["--address", "192.168.0.10"],
     "--address: not NAME=VALUE (got '192.168.0.10'; accepted: NAME=IPv4 address)"),
    (["--lan", "192.168.0.0/24", "--address", "server1=10.0.0.1"],
     "--address: 10.0.0.1 is not in --lan 192.168.0.0/24 (got 'server1=10.0.0.1'; accepted: "
     "NAME=IPv4 address)"),
    (["--lan", "192.168.0.1/24"],
     "--lan: not an IPv4 subnet (got '192.168.0.1/24'; accepted: an IPv4 CIDR such as "
     "192.168.0.0/24)"),
    (["--gateway", "10.0.0.1", "--lan", "192.168.0.0/24"],
     "--gateway: not in --lan 192.168.0.0/24 (got '10.0.0.1')"),
    (["--parent", "server1=a/b"],
     "--parent: not an interface name: 'a/b' (got 'server1=a/b'; accepted: NAME=interface "
     "(1 to 15 characters, no '/', ':' or spaces))"),
    (["-H", "ssh://me@server1"],
     "-H: ssh:// hosts are not supported; forward the daemon's socket (ssh -nNT -L "
     "/tmp/docker.sock:/var/run/docker.sock USER@HOST) and give -H unix:///tmp/docker.sock "
     "(got 'ssh://me@server1'; accepted: unix:///PATH or tcp://HOST[:PORT] (plain HTTP), "
     "optionally NAME=HOST)"),
    (["-H", "npipe:////./pipe/docker_engine"],
     "-H: npipe:// hosts are not supported (got 'npipe:////./pipe/docker_engine'; accepted: "
     "unix:///PATH or tcp://HOST[:PORT] (plain HTTP), optionally NAME=HOST)"),
    (["--timeout", "0"],
     "Invalid value for '--timeout': 0.0 is not in the range x>0. "
     "(see 'netsim snapshot --help')"),
])
def test_bad_options_are_one_line(args: list[str], line: str, tmp_path: Path,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    """A bad option value: one line in the project's template, exit 2, before any request."""
    code, out, err = netsim(capsys, "-H", "unix:///nonexistent/docker.sock", *args,
                            "-o", str(tmp_path / "s"))
    assert (code, out) == (2, "")
    assert one_line(err) == line


def test_an_address_for_a_host_not_in_the_snapshot(start_engine: Callable[..., FakeEngine],
                                                   tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    """--address NAME= must name one of the snapshot's hosts."""
    engine = start_engine(canned("s1-bridges"))
    code, _, err = netsim(capsys, "-H", engine.url, "--address", "server9=192.168.0.9",
                          "-o", str(tmp_path / "s"))
    assert code == 2
    assert one_line(err) == ("--address: no host of this snapshot has that name (got "
                             "'server9'; accepted: server1)")


class _Raising:
    """A connection whose every request fails with one exception."""

    def __init__(self, exc: BaseException) -> None:
        self.exc = exc

    def request(self, *args: Any, **kwargs: Any) -> None:
        raise self.exc

    def close(self) -> None:
        pass


@pytest.mark.parametrize(("url", "exc", "what"), [
    ("unix:///var/run/docker.sock", PermissionError(13, "Permission denied"),
     "cannot connect: permission denied on the socket; run as root or as a member of the "
     "docker group"),
    ("tcp://10.0.0.5:2375", ConnectionRefusedError(111, "Connection refused"),
     "cannot connect: connection refused (nothing listens on this address); is the Docker "
     "daemon running?"),
    ("tcp://nosuch.example:2375", socket.gaierror(-2, "Name or service not known"),
     "cannot connect: unknown host (Name or service not known)"),
    ("tcp://10.0.0.5:2376", http.client.RemoteDisconnected("closed"),
     "GET /version: the connection closed without an answer; is this a Docker daemon, "
     "without TLS?"),
    ("tcp://10.0.0.5:2375", http.client.BadStatusLine("\x16\x03"),
     "GET /version: not an HTTP answer (BadStatusLine); is this a Docker daemon, without "
     "TLS?"),
    ("tcp://10.0.0.5:2375", ConnectionResetError(104, "Connection reset by peer"),
     "GET /version: Connection reset by peer"),
])
def test_connection_failures_are_one_line(url: str, exc: BaseException, what: str,
                                          tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Each way a connection fails is one line naming the daemon's URL and what to do."""
    monkeypatch.delenv("DOCKER_TLS_VERIFY", raising=False)
    monkeypatch.delenv("DOCKER_TLS", raising=False)
    monkeypatch.setattr(EngineClient, "_connection", lambda self: _Raising(exc))
    code, out, err = netsim(capsys, "-H", url, "-o", str(tmp_path / "s"))
    assert (code, out) == (2, "")
    assert one_line(err) == f"{url}: {what}"


def test_a_tls_port_asked_in_plain_http(start_engine: Callable[..., FakeEngine],
                                        tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    """Go's answer to plain HTTP on a TLS port (400, not JSON) says TLS is not supported."""
    engine = start_engine(canned("s1-bridges"), override={
        "/version": (400, b"Client sent an HTTP request to an HTTPS server.\n")})
    code, _, err = netsim(capsys, "-H", engine.url, "-o", str(tmp_path / "s"))
    assert code == 2
    assert one_line(err) == (f"{engine.url}: GET /version: the daemon answered HTTP 400: Client "
                             "sent an HTTP request to an HTTPS server. (a TLS port: not "
                             "supported)")


# ---------------------------------------------------------------- pieces


def test_host_forms_as_the_docker_cli_reads_them() -> None:
    """-H forms: unix:// alone is the default socket, a bare HOST[:PORT] is tcp on 2375,
    NAME= names the host; an IPv6 host keeps its brackets in the URL."""
    assert parse_host("unix://").url == "unix:///var/run/docker.sock"
    assert parse_host("").url == "unix:///var/run/docker.sock"
    assert parse_host("tcp://10.0.0.5", environ={}).url == "tcp://10.0.0.5:2375"
    assert parse_host("10.0.0.5:2380", environ={}).port == 2380
    assert parse_host("tcp://[::1]:2375", environ={}).host == "::1"
    assert parse_host("tcp://[::1]:2375", environ={}).url == "tcp://[::1]:2375"
    e = parse_host_option("edge=tcp://10.0.0.5:2375", environ={})
    assert (e.name, e.host, e.port) == ("edge", "10.0.0.5", 2375)
    assert parse_host_option("unix:///run/a=b.sock").socket_path == "/run/a=b.sock"
    with pytest.raises(InputError, match="not a name for a snapshot's host"):
        parse_host_option("x.version=unix:///run/docker.sock")
    with pytest.raises(InputError, match="a tcp:// host is HOST"):
        parse_host("tcp://10.0.0.5:2375/prefix", environ={})


def test_networks_sort_as_docker_network_ls_sorts() -> None:
    """NaturalLess (fvbommel/sortorder): digits as numbers, fewer leading zeros first,
    byte order otherwise (upper case first), digits before other bytes."""
    names = ["net10", "net2", "Net", "net02", "net", "bridge", "docker_gwbridge", "1a", "a1"]

    def cmp(a: str, b: str) -> int:
        return -1 if natural_less(a, b) else 1 if natural_less(b, a) else 0

    assert sorted(names, key=cmp_to_key(cmp)) == [
        "1a", "Net", "a1", "bridge", "docker_gwbridge", "net", "net2", "net02", "net10"]
    assert not natural_less("net2", "net2")


def test_lan_facts_without_options_write_no_hosts_yaml() -> None:
    """No --lan/--gateway/--address/--parent: nothing to say (falsy), and twice is refused."""
    assert not LanFacts.from_options(None, None, [], [])
    with pytest.raises(InputError, match="given twice for a"):
        LanFacts.from_options(None, None, ["a=10.0.0.1", "a=10.0.0.2"], [])


def test_the_client_keeps_one_connection(start_engine: Callable[..., FakeEngine]) -> None:
    """The client asks several paths over one keep-alive connection (as dockerd allows),
    decodes JSON, and answers None for a 404 only when asked with find_object."""
    engine = start_engine(canned("s1-bridges"))
    from netsim.io.dump.snapshot import parse_host as ph

    with EngineClient(ph(engine.url), timeout=5) as api:
        assert api.get_object("/version")["ApiVersion"] == "1.51"
        assert api.find_object("/networks/0000") is None
        assert len(api.get_list("/containers/json")) == 4  # running only, without all=1
    assert engine.connections == 1


# ---------------------------------------------------------------- the live lab

LAB = ROOT / "conformance" / "lab" / "lab.sh"
STATE = Path(os.environ.get("NETSIM_LAB_STATE", "/var/lib/netsim-lab"))
#: the lab daemons' sockets (conformance/lab/lab.sh's header), reached through the filesystem
LAB_SOCKETS = {"server1": "/run/netsim-srv1/docker.sock", "server2": "/run/netsim-srv2/docker.sock"}


def _lab(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(LAB), "--engine", "28.5", *args], capture_output=True, text=True,
                          timeout=timeout, check=False)


@pytest.fixture
def lab_machine() -> None:
    """Root, an installed lab and no lab running (this test starts and stops its own)."""
    if os.geteuid() != 0:
        pytest.skip("needs root")
    if not ((STATE / "root-28.5" / "usr" / "sbin" / "dockerd").exists()
            and (STATE / "images" / "build" / "done").exists()):
        pytest.skip("the conformance lab is not installed (conformance/lab/lab.sh install)")
    if Path("/run/netsim-lab/engine").exists():
        pytest.skip("a lab is running: this test starts and stops its own")


@pytest.mark.root
def test_lab_snapshot_equals_docker_inspect(lab_machine: None, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """On the lab's two 28.5 daemons: a user network and two containers on server1; netsim
    snapshot of both sockets equals, object for object and in order, what `docker inspect
    $(docker ps -aq) $(docker network ls -q)` prints on each host."""
    script = tmp_path / "deploy.sh"
    probes = ["docker exec client wget -q -O /dev/null -T 2 http://www/",
              "docker exec client ping -c 1 -W 1 203.0.113.10",
              "docker exec client nslookup web",
              "docker exec web ping -c 1 -W 1 nosuch"]
    script.write_text(
        "docker network create snapnet\n"
        "docker run -d --name web --network snapnet --network-alias www netsim-lab/nginx\n"
        "docker run -d --name client --network snapnet netsim-lab/alpine sleep 600\n"
        "docker inspect $(docker ps -aq) $(docker network ls -q)\n"
        "docker -H server2 inspect $(docker -H server2 network ls -q)\n"
        + "".join(p + "\n" for p in probes))
    try:
        run = _lab("run", "--reset", str(script))
        assert run.returncode == 0, run.stderr
        steps = json.loads(run.stdout)
        assert [s["exit_code"] for s in steps] == [0, 0, 0, 0, 0, 0, 0, 0, 1], steps
        printed = {"server1": json.loads(steps[3]["stdout"]),
                   "server2": json.loads(steps[4]["stdout"])}
        out_dir = tmp_path / "snap"
        hosts = [a for p in LAB_SOCKETS.values() for a in ("-H", f"unix://{p}")]
        t0 = time.monotonic()
        code, out, err = netsim(capsys, *hosts, "-o", str(out_dir))
        took = time.monotonic() - t0
        assert (code, err) == (0, ""), err
        assert out == (f"server1: 2 containers, 4 networks -> {out_dir}/server1.json\n"
                       f"server2: 0 containers, 3 networks -> {out_dir}/server2.json\n")
        for host, objects in printed.items():
            dump = json.loads((out_dir / f"{host}.json").read_text())
            assert [(o["Id"], o["Name"]) for o in dump] == [
                (o["Id"], o["Name"]) for o in objects]
            assert dump == objects
            info = json.loads((out_dir / f"{host}.info.json").read_text())
            assert info["Name"] == host
            version = json.loads((out_dir / f"{host}.version.json").read_text())
            assert version["Version"].startswith("28.5.")
        assert took < 10, f"the snapshot of two daemons took {took:.2f} s"
        assert [o["Name"] for o in printed["server1"]] == [
            "/client", "/web", "bridge", "host", "none", "snapnet"]
        # the live snapshot imported: the probes run in the real containers above, asked of
        # the import, print the same (normalized as the conformance comparison does)
        (out_dir / "hosts.yaml").write_text(
            "lan: 192.168.0.0/24\ngateway: 192.168.0.1\ninternet_hops: 0\nhosts:\n"
            "  server1: {address: 192.168.0.100, dns: [192.168.0.1]}\n"
            "  server2: {address: 192.168.0.101, dns: [192.168.0.1]}\n")
        from netsim.conformance import context_for, normalized_side
        from netsim.io.dump import load_dump
        from netsim.io.script import parse_script

        lab = load_dump(str(out_dir), workdir="/root")
        assert lab.state.profile.name == "28.5"
        for step, probe in zip(steps[5:], probes, strict=True):
            mine = lab.run_lines(parse_script(probe))[0]
            real = normalized_side(step["exit_code"], step["stdout"], step["stderr"], probe,
                                   context_for("28.5"))
            got = normalized_side(mine.exit_code, mine.stdout, mine.stderr, probe,
                                  context_for("28.5"), mine.shuffled)
            assert got == real, probe
    finally:
        stop = _lab("stop")
    assert stop.returncode == 0, stop.stderr
    namespaces = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True,
                                check=False).stdout
    assert "netsim-" not in namespaces
