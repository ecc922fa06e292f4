"""netsim's name tools against the real ones: the real dig, nslookup, host, busybox nslookup
and getent, run in a network namespace of their own (``netsim-dns-…``) with the resolv.conf and
/etc/hosts netsim predicts, asking a server on 127.0.0.11 that sends the answers netsim
predicts, encoded as Docker's resolver encodes them (tests/dns_responder.py). What the real
tool prints must be what netsim prints for the same answers (the version, query id, date and
query time masked).

Safety: everything happens in a namespace this test creates (only its ``lo``, no packet leaves
it) and in ``/etc/netns/<that namespace>/``, which ``ip netns exec`` mounts over /etc; both are
removed afterwards, also on failure.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import netsim.analysis.dns as dns
from netsim.analysis.dns import queries
from netsim.lab import Lab, run_script
from netsim.probes import probe

pytestmark = pytest.mark.root

TOOLS = ("dig", "nslookup", "host", "getent", "busybox", "ip")
RESPONDER = Path(__file__).with_name("dns_responder.py")

SETUP = """
docker network create app
docker network create --internal secret
docker run -d --name web --network app --network-alias api nginx
docker run -d --name web2 --network app --network-alias api nginx
docker run -d --name shoot --network app nicolaka/netshoot sleep 1d
docker run -d --name vault --network secret nicolaka/netshoot sleep 1d
docker run -d --name bb --network app alpine sleep 1d
docker run -d --name deb --network app debian sleep 1d
docker run -d --name noble --network app ubuntu:24.04 sleep 1d
docker exec noble apt-get update
docker exec noble apt-get install -y dnsutils
"""


@pytest.fixture(scope="module")
def lab() -> Lab:
    lab, steps = run_script(SETUP, source="setup.sh")
    assert all(s.exit_code == 0 for s in steps), [s.stderr for s in steps if s.exit_code]
    return lab


@pytest.fixture(scope="module")
def netns() -> Iterator[str]:
    if os.geteuid() != 0:
        pytest.skip("needs root")
    missing = [t for t in TOOLS if shutil.which(t) is None]
    if missing:
        pytest.skip(f"not installed: {', '.join(missing)} (Debian: bind9-dnsutils busybox)")
    name = f"netsim-dns-{os.getpid()}"
    etc = Path("/etc/netns") / name
    subprocess.run(["ip", "netns", "add", name], check=True)
    try:
        subprocess.run(["ip", "-n", name, "link", "set", "lo", "up"], check=True)
        etc.mkdir(parents=True)
        yield name
    finally:
        pids = subprocess.run(["ip", "netns", "pids", name], capture_output=True, text=True,
                              check=False).stdout.split()
        for pid in pids:
            subprocess.run(["kill", "-9", pid], check=False)
        subprocess.run(["ip", "netns", "del", name], check=False)
        shutil.rmtree(etc, ignore_errors=True)
        if not any(Path("/etc/netns").iterdir()):
            Path("/etc/netns").rmdir()


class Recorder:
    """Wraps netsim.analysis.dns.queries._query: every answer netsim's probe received, in order."""

    def __init__(self) -> None:
        self.answers: list[dns.DnsAnswer] = []
        self.original = queries._query

    def __call__(self, *args: Any, **kwargs: Any) -> dns.DnsAnswer:
        answer = self.original(*args, **kwargs)
        self.answers.append(answer)
        return answer


def table(answers: list[dns.DnsAnswer]) -> dict[str, list[dict[str, object]]]:
    out: dict[str, list[dict[str, object]]] = {}
    for a in answers:
        assert a.rcode is not None, "a timeout cannot be served"
        key = a.name.removesuffix(".").lower()
        entry = {"rcode": a.rcode.number, "ra": a.recursion_available,
                 "compress": a.answered_by == "upstream",
                 "records": [[r.rtype, r.ttl, r.data] for r in a.records]}
        out.setdefault(f"{key} {a.qtype}", []).append(entry)
        if a.qtype == "A":  # host also asks MX: Docker's implicit MX for a name it knows
            mx = {**entry, "records": []} if a.answered_by == "embedded" else entry
            out.setdefault(f"{key} MX", []).append(mx)
    return out


def mask(text: str) -> str:
    text = re.sub(r"id: \d+", "id: ID", text)
    text = re.sub(r"; <<>> DiG \S+ <<>>", "; <<>> DiG VERSION <<>>", text)
    text = re.sub(r";; Query time: \d+ msec", ";; Query time: N msec", text)
    return re.sub(r";; WHEN: .*", ";; WHEN: DATE", text)


def real_vs_netsim(lab: Lab, ns: str, client: str, command: str, work: Path,
                   monkeypatch: pytest.MonkeyPatch) -> tuple[tuple[str, int], tuple[str, int]]:
    """(real tool's stdout and status, netsim's) for one command typed in ``client``."""
    import random

    st = lab.state
    c = st.container(client)
    rec = Recorder()
    monkeypatch.setattr(queries, "_query", rec)
    installed = lab.packages[c.id].tools if c.id in lab.packages else None
    predicted = probe(st, client, command, rng=random.Random(11), installed=installed)
    monkeypatch.undo()
    etc = Path("/etc/netns") / ns
    (etc / "resolv.conf").write_text(dns.resolv_conf(st, "host", c).text())
    (etc / "hosts").write_text(dns.hosts_text(st, "host", c))
    answers = work / "answers.json"
    answers.write_text(json.dumps(table(rec.answers)))
    ready = work / "ready"
    ready.unlink(missing_ok=True)
    server = subprocess.Popen(["ip", "netns", "exec", ns, sys.executable, str(RESPONDER),
                               str(answers), str(ready)])
    try:
        deadline = time.monotonic() + 10
        while not ready.exists():
            assert server.poll() is None and time.monotonic() < deadline, "responder did not start"
            time.sleep(0.02)
        argv = command.split()
        if argv[0] == "nslookup" and client == "bb":
            argv = ["busybox", *argv]
        real = subprocess.run(["ip", "netns", "exec", ns, *argv], capture_output=True,
                              text=True, timeout=30, check=False)
    finally:
        server.kill()
        server.wait()
    return (mask(real.stdout), real.returncode), (mask(predicted.stdout), predicted.exit_code)


CASES = [
    ("shoot", "dig web"), ("shoot", "dig api"), ("shoot", "dig +short api"),
    ("shoot", "dig -x 172.18.0.3"), ("shoot", "dig web AAAA"), ("shoot", "dig nosuch"),
    ("shoot", "dig example.org"), ("shoot", "dig web.app"), ("vault", "dig example.org"),
    ("shoot", "nslookup web"), ("shoot", "nslookup api"), ("shoot", "nslookup nosuch"),
    ("shoot", "nslookup 172.18.0.2"), ("vault", "nslookup example.org"),
    ("bb", "nslookup web"), ("bb", "nslookup api"), ("bb", "nslookup nosuch"),
    ("noble", "host web"), ("noble", "host api"), ("noble", "host nosuch"),
    ("noble", "host 172.18.0.3"), ("noble", "host -t AAAA web"),
    ("deb", "getent hosts api"), ("deb", "getent hosts web"), ("deb", "getent hosts localhost"),
    ("deb", "getent hosts nosuch"),
]


@pytest.mark.parametrize(("client", "command"), CASES)
def test_real_tool_prints_what_netsim_prints(lab: Lab, netns: str, client: str, command: str,
                                             tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    """The real tool, fed netsim's answers and files, prints what netsim prints (BusyBox
    nslookup's A and AAAA blocks in either order: it prints them as they arrive, a race the
    conformance comparison also leaves open, netsim.conformance "nslookup-race")."""
    real, predicted = real_vs_netsim(lab, netns, client, command, tmp_path, monkeypatch)
    if client == "bb":
        from netsim.conformance import Context, normalize

        real = (normalize(real[0], command, Context()), real[1])
        predicted = (normalize(predicted[0], command, Context()), predicted[1])
    assert real == predicted


def test_cleanup_leaves_nothing(netns: str) -> None:
    """The namespace is there while the tests run, and only under the netsim- prefix."""
    listed = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True,
                            check=True).stdout
    assert netns in listed and netns.startswith("netsim-")

