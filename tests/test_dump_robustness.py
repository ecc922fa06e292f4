"""Malformed ``docker inspect`` dumps never crash netsim: each gives one line on stderr (where,
what is wrong, what is accepted) and exit 2, or, where Docker itself would run on, exit 0 and
one ``netsim: …`` warning; never a traceback nor an internal error.

The dumps are the real ones of the 28.5 recordings (``conformance/snapshots/recorded/28.5``),
mutated: by hand for each case of the list below, at random by hypothesis for the rest.
"""

from __future__ import annotations

import atexit
import copy
import json
import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netsim.analysis.reach.matrix import matrix
from netsim.cli import main
from netsim.conformance.snapshots import write_dump
from netsim.dockercli.output import inspect as render
from netsim.errors import InputError
from netsim.io.dump import load_dump
from netsim.io.recording import read_recording

ROOT = Path(__file__).resolve().parents[1]
RECORDED = ROOT / "conformance" / "snapshots" / "recorded" / "28.5"

#: a container ID no dump holds
NOBODY = "f" * 64


def _build_dumps(out: Path) -> Path:
    for f in sorted(RECORDED.glob("*.json")):
        rec = read_recording(f)
        write_dump(rec, out / rec.name)
    return out


_DUMPS = _build_dumps(Path(tempfile.mkdtemp(prefix="netsim-dumps-")))
atexit.register(shutil.rmtree, _DUMPS, True)
NAMES = sorted(p.name for p in _DUMPS.iterdir())


# ------------------------------------------------------------------------------- helpers


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """``netsim ARGV…`` in this process: its exit status, stdout and stderr."""
    with pytest.raises(SystemExit) as stop:
        main(list(argv))
        raise SystemExit(0)
    code = stop.value.code
    out, err = capsys.readouterr()
    return (code if isinstance(code, int) else 1), out, err


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    """``netsim ARGV…`` in this process: its exit status and what it printed on stderr."""
    code, _out, err = run(capsys, *argv)
    return code, err


def copy_dump(name: str, tmp_path: Path, *, quiet: bool = True) -> Path:
    """A copy of the dump ``name``; ``quiet``: hosts.yaml without the hosts that have no dump
    (their note would be a second line on stderr)."""
    d = tmp_path / name
    shutil.copytree(_DUMPS / name, d)
    hosts_yaml = d / "hosts.yaml"
    if quiet and hosts_yaml.exists():
        data = yaml.safe_load(hosts_yaml.read_text())
        dumped = {f.name.split(".")[0] for f in d.glob("*.json")}
        data["hosts"] = {k: v for k, v in data["hosts"].items() if k in dumped}
        hosts_yaml.write_text(yaml.safe_dump(data))
    return d


def objects(d: Path, host: str = "server1") -> list[dict[str, Any]]:
    return list(json.loads((d / f"{host}.json").read_text()))


def save(d: Path, objs: Any, host: str = "server1") -> None:
    (d / f"{host}.json").write_text(json.dumps(objs, indent=4))


def named(objs: list[dict[str, Any]], name: str, kind: str = "C") -> dict[str, Any]:
    """The container (``/NAME``) or network (``NAME``) of the dump."""
    for o in objs:
        if kind == "C" and "State" in o and o["Name"] == f"/{name}":
            return o
        if kind == "N" and "IPAM" in o and o["Name"] == name:
            return o
    raise LookupError(name)


Edit = Callable[[list[dict[str, Any]]], None]


def edited(name: str, edit: Edit, host: str = "server1") -> Callable[[Path], Path]:
    """A case: the dump ``name`` with ``edit`` applied to ``host``'s objects."""
    def make(tmp_path: Path) -> Path:
        d = copy_dump(name, tmp_path)
        objs = objects(d, host)
        edit(objs)
        save(d, objs, host)
        return d
    return make


def written(name: str, files: dict[str, str | bytes | None]) -> Callable[[Path], Path]:
    """A case: the dump ``name`` with files replaced (None: removed)."""
    def make(tmp_path: Path) -> Path:
        d = copy_dump(name, tmp_path)
        for fname, content in files.items():
            f = d / fname
            if content is None:
                f.unlink()
            elif isinstance(content, bytes):
                f.write_bytes(content)
            else:
                f.write_text(content)
        return d
    return make


def set_at(kind: str, obj: str, path: str, value: Any) -> Edit:
    """An edit: the field ``path`` (dots; ``-`` deletes) of a container or network set."""
    def edit(objs: list[dict[str, Any]]) -> None:
        target: Any = named(objs, obj, kind)
        *parents, last = path.split(".")
        for key in parents:
            target = target[key]
        if value == "-":
            del target[last]
        else:
            target[last] = value
    return edit


def container(obj: str, path: str, value: Any) -> Edit:
    return set_at("C", obj, path, value)


def network(obj: str, path: str, value: Any) -> Edit:
    return set_at("N", obj, path, value)


def both(*edits: Edit) -> Edit:
    def edit(objs: list[dict[str, Any]]) -> None:
        for e in edits:
            e(objs)
    return edit


def one_line(err: str) -> str:
    lines = [line for line in err.splitlines() if line.strip()]
    assert "Traceback" not in err and "internal error" not in err, err
    assert len(lines) == 1, err
    return lines[0]


def refused(capsys: pytest.CaptureFixture[str], target: Path, *extra: str) -> str:
    """``validate`` and ``matrix`` both refuse ``target`` with one line and exit 2; the line."""
    lines = []
    for command in ("validate", "matrix"):
        code, err = cli(capsys, command, str(target), *extra)
        lines.append(one_line(err).removeprefix(f"netsim {command}: "))  # the command's name
        assert code == 2, err
    assert lines[0] == lines[1]
    return lines[0]


def warned(capsys: pytest.CaptureFixture[str], target: Path, *extra: str) -> str:
    """``validate`` and ``matrix`` both take ``target`` with one warning line; the line."""
    lines = []
    for command in ("validate", "matrix"):
        code, err = cli(capsys, command, str(target), *extra)
        lines.append(one_line(err))
        assert code == 0, err
        assert lines[-1].startswith("netsim: "), err
    assert lines[0] == lines[1]
    return lines[0]


def test_the_real_dumps_are_taken_quietly(capsys: pytest.CaptureFixture[str],
                                          tmp_path: Path) -> None:
    """The cases below start from dumps that import without a word on stderr."""
    assert NAMES == ["s1-bridges", "s2-internal-icc", "s3-modes", "s4-macvlan-two-hosts",
                     "s5-overlay", "s6-compose"]
    for name in NAMES:
        d = copy_dump(name, tmp_path)
        for command in ("validate", "matrix"):
            code, err = cli(capsys, command, str(d))
            assert (code, err) == (0, "")


# ------------------------------------------------------------------------------- refused

REFUSED: dict[str, tuple[Callable[[Path], Path], str]] = {
    # files that are not JSON of the right shape
    "not JSON": (written("s1-bridges", {"server1.json": "this is not JSON\n"}),
                 "server1.json:1:1: not valid JSON: Expecting value"),
    "JSON with a syntax error": (written("s1-bridges", {"server1.json": '[{"Id": 1,}]'}),
                                 "server1.json:1:11: not valid JSON"),
    "an object of neither kind where the array should be": (
        written("s1-bridges", {"server1.json": '{"Containers": [], "Networks": []}'}),
        "server1.json: neither a container nor a network (got 'keys Containers, "
        "Networks'; accepted: a container (with State and Config) or a network (with Scope "
        "and IPAM)"),
    "a number": (written("s1-bridges", {"server1.json": "42"}),
                 "server1.json: must be a JSON array of containers and networks (got 'a "
                 "number'"),
    "a string": (written("s1-bridges", {"server1.json": '"docker inspect"'}),
                 "must be a JSON array of containers and networks (got 'a string'"),
    "null": (written("s1-bridges", {"server1.json": "null"}),
             "must be a JSON array of containers and networks (got 'null'"),
    "an array of strings": (written("s1-bridges", {"server1.json": '["web", "db"]'}),
                            "server1.json: [0]: must be a container or a network (a JSON "
                            "object) (got 'a string')"),
    "an array of arrays": (written("s1-bridges", {"server1.json": "[[]]"}),
                           "[0]: must be a container or a network (a JSON object) (got 'an "
                           "array')"),
    "an object that is neither container nor network": (
        edited("s1-bridges", lambda objs: objs.append({"Id": "x", "Name": "y"})),
        "server1.json: [10]: neither a container nor a network (got 'keys Id, Name'"),
    "an empty object": (edited("s1-bridges", lambda objs: objs.append({})),
                        "server1.json: [10]: neither a container nor a network (got '{}'"),
    "JSON nested too deeply": (written("s1-bridges", {"server1.json": "[" * 100_000}),
                               "server1.json: not valid JSON: nested too deeply"),
    "NaN for a number": (
        edited("s1-bridges", container("web", "NetworkSettings.Networks.frontend.IPPrefixLen",
                                       float("nan"))),
        ".IPPrefixLen: must be an integer (got nan)"),
    "not UTF-8": (written("s1-bridges", {"server1.json": b'[{"Name": "\xff\xfe"}]'}),
                  "server1.json: not UTF-8 text"),
    "an empty file": (written("s1-bridges", {"server1.json": ""}),
                      "server1.json: the file is empty"),
    "a file of blanks": (written("s1-bridges", {"server1.json": " \n\n"}),
                         "server1.json: the file is empty"),
    "a version file that is an array": (
        written("s1-bridges", {"server1.version.json": "[]"}),
        "server1.version.json: must be a JSON object (got 'an array'"),
    "an info file that is a string": (written("s1-bridges", {"server1.info.json": '"x"'}),
                                      "server1.info.json: must be a JSON object (got 'a string'"),
    "an info file that is not JSON": (written("s1-bridges", {"server1.info.json": "{"}),
                                      "server1.info.json:1:2: the JSON ends too early"),
    "a version that is no version": (
        written("s1-bridges", {"server1.version.json": '{"Server": {"Version": "latest"}}'}),
        "server1.version.json: Server.Version: not a Docker Engine version (got 'latest'"),
    "an info SystemTime that is no time": (
        written("s1-bridges", {"server1.info.json": '{"SystemTime": "noon"}'}),
        "server1.info.json: SystemTime: not an RFC 3339 time (got 'noon'"),
    # directories
    "an empty directory": (lambda tmp: (tmp / "empty").mkdir() or tmp / "empty",
                           "empty: no dump in the directory (got 'nothing'"),
    "a directory of unrelated files": (
        written("s1-bridges", {"server1.json": None, "server1.version.json": None,
                               "server1.info.json": None, "hosts.yaml": None,
                               "README.txt": "notes", "compose.yaml": "services: {}\n"}),
        "no dump in the directory (got 'README.txt, compose.yaml'"),
    "a host's info without its dump": (
        written("s4-macvlan-two-hosts", {"server2.json": None}),
        "server2.info.json: no dump of this host beside it (accepted: server2.json)"),
    "a host's dump given twice": (
        written("s1-bridges", {"server1.containers.json": "[]"}),
        "the host's dump is given twice"),
    # hosts.yaml
    "hosts.yaml not YAML": (written("s1-bridges", {"hosts.yaml": "lan: [192.168.0.0/24\n"}),
                            "hosts.yaml:2: not valid YAML (accepted: hosts.yaml: {lan: CIDR"),
    "hosts.yaml not UTF-8": (written("s1-bridges", {"hosts.yaml": b"lan: \xff\n"}),
                             "hosts.yaml: not valid YAML"),
    "hosts.yaml with unknown keys": (
        written("s1-bridges", {"hosts.yaml": "lan: 192.168.0.0/24\nrouter: 192.168.0.1\n"}),
        "hosts.yaml: unknown or malformed keys (got 'lan, router'"),
    "hosts.yaml that is a list": (written("s1-bridges", {"hosts.yaml": "- server1\n"}),
                                  "hosts.yaml: unknown or malformed keys"),
    "hosts.yaml with a bad CIDR": (written("s1-bridges", {"hosts.yaml": "lan: 192.168.0.0/33\n"}),
                                   "hosts.yaml: lan: not an IPv4 network (got '192.168.0.0/33'"),
    "hosts.yaml with a host LAN": (written("s1-bridges", {"hosts.yaml": "lan: 192.168.0.1/24\n"}),
                                   "hosts.yaml: lan: not an IPv4 network"),
    "hosts.yaml with a bad gateway": (
        written("s1-bridges", {"hosts.yaml": "lan: 192.168.0.0/24\ngateway: 10.0.0.1\n"}),
        "hosts.yaml: gateway: not inside the LAN (got '10.0.0.1 (lan 192.168.0.0/24)')"),
    "hosts.yaml with an address outside the LAN": (
        written("s1-bridges", {"hosts.yaml": "lan: 192.168.0.0/24\n"
                                             "hosts: {server1: {address: 10.0.0.5}}\n"}),
        "hosts.yaml: hosts.server1.address: not inside the LAN"),
    "hosts.yaml with an address that is none": (
        written("s1-bridges", {"hosts.yaml": "lan: 192.168.0.0/24\n"
                                             "hosts: {server1: {address: 192.168.0.300}}\n"}),
        "hosts.yaml: hosts.server1.address: not an IPv4 address"),
    "hosts.yaml with two hosts on one address": (
        written("s4-macvlan-two-hosts", {"hosts.yaml": (
            "lan: 192.168.0.0/24\nhosts:\n  server1: {address: 192.168.0.100}\n"
            "  server2: {address: 192.168.0.100}\n")}),
        "hosts.yaml: hosts.server2.address: two hosts claim one address (got '192.168.0.100 "
        "(also server1)')"),
    "hosts.yaml hosts that is a list": (
        written("s1-bridges", {"hosts.yaml": "lan: 192.168.0.0/24\nhosts: [server1]\n"}),
        "hosts.yaml: hosts: must be a mapping of host names"),
    "hosts.yaml with an unknown host key": (
        written("s1-bridges", {"hosts.yaml": "lan: 192.168.0.0/24\n"
                                             "hosts: {server1: {ip: 192.168.0.5}}\n"}),
        "hosts.yaml: hosts.server1: unknown or malformed keys"),
    "hosts.yaml with a bad host name": (
        written("s1-bridges", {"hosts.yaml": "lan: 192.168.0.0/24\nhosts: {-x: {}}\n"}),
        "hosts.yaml: hosts.-x: not a host name"),
    "hosts.yaml with dns that is no list": (
        written("s1-bridges", {"hosts.yaml": "lan: 192.168.0.0/24\n"
                                             "hosts: {server1: {dns: 192.168.0.1}}\n"}),
        "hosts.yaml: hosts.server1.dns: must be a list of addresses"),
    "hosts.yaml with bad internet_hops": (
        written("s1-bridges", {"hosts.yaml": "lan: 192.168.0.0/24\ninternet_hops: -1\n"}),
        "hosts.yaml: internet_hops: not a number of routers (got -1; accepted: 0 to 60)"),
    "hosts.yaml with addresses but no LAN": (
        written("s1-bridges", {"hosts.yaml": "hosts: {server1: {address: 192.168.0.5}}\n"}),
        "hosts.yaml: the hosts' addresses need the LAN"),
    # the dump's objects disagree
    "a running container on a network not in the dump": (
        edited("s2-internal-icc", lambda objs: objs.remove(named(objs, "quiet", "N"))),
        "server1.json: [2].NetworkSettings.Networks: the running container is on a network "
        "that is not in the dump (got 'quiet'"),
    "two containers with one IP on one network": (
        edited("s1-bridges", container("db", "NetworkSettings.Networks.backend.IPAddress",
                                       "10.10.0.2")),
        "both have 10.10.0.2 on backend"),
    "a container address outside its network": (
        edited("s1-bridges", container("db", "NetworkSettings.Networks.backend.IPAddress",
                                       "192.0.2.5")),
        "server1.json: [3]: 192.0.2.5 is outside the subnets of network backend"),
    "two containers publishing one host port": (
        edited("s2-internal-icc", container("q1", "NetworkSettings.Ports", {
            "80/tcp": [{"HostIp": "0.0.0.0", "HostPort": "9090"}]})),
        "both publish 0.0.0.0:9090/tcp"),
    "duplicate container names": (edited("s1-bridges", container("tool", "Name", "/web")),
                                  'two containers are named "web"'),
    "duplicate container IDs": (
        edited("s1-bridges", lambda objs: container("tool", "Id", named(objs, "web")["Id"])(
            objs)),
        "two containers have the ID"),
    "duplicate network IDs": (
        edited("s1-bridges", lambda objs: network("frontend", "Id", named(
            objs, "backend", "N")["Id"])(objs)),
        ".Id: two networks have this ID"),
    "duplicate network names": (edited("s1-bridges", network("frontend", "Name", "backend")),
                                ".Name: two networks have this name (got 'backend')"),
    # bad values at their field
    "a bad IP": (
        edited("s1-bridges", container("web", "NetworkSettings.Networks.frontend.IPAddress",
                                       "172.18.0.300")),
        "server1.json: [4].NetworkSettings.Networks.frontend.IPAddress: not an IPv4 address "
        "(got '172.18.0.300')"),
    "an IPv6 address as IPAddress": (
        edited("s1-bridges", container("web", "NetworkSettings.Networks.frontend.IPAddress",
                                       "fd00::2")),
        ".IPAddress: not an IPv4 address (got 'fd00::2')"),
    "a bad endpoint gateway": (
        edited("s1-bridges", container("web", "NetworkSettings.Networks.frontend.Gateway",
                                       "gw")),
        "[4].NetworkSettings.Networks.frontend.Gateway: not an IPv4 address (got 'gw')"),
    "a bad IPAMConfig address": (
        edited("s1-bridges", container("web", "NetworkSettings.Networks.frontend.IPAMConfig",
                                       {"IPv4Address": "10.0.0"})),
        ".IPAMConfig.IPv4Address: not an IPv4 address (got '10.0.0')"),
    "a bad subnet": (edited("s1-bridges", network("backend", "IPAM.Config", [
        {"Subnet": "10.10.0.0/33", "Gateway": "10.10.0.1"}])),
        "server1.json: [5].IPAM.Config[0].Subnet: not a subnet (CIDR) (got '10.10.0.0/33')"),
    "a missing subnet": (edited("s1-bridges", network("backend", "IPAM.Config", [{}])),
                         "[5].IPAM.Config[0].Subnet: is missing"),
    "an IP range outside its subnet": (
        edited("s1-bridges", network("backend", "IPAM.Config", [
            {"Subnet": "10.10.0.0/24", "IPRange": "10.20.0.0/25"}])),
        "[5].IPAM.Config[0].IPRange: not inside the subnet 10.10.0.0/24"),
    "a bad IPAM gateway": (
        edited("s1-bridges", network("backend", "IPAM.Config", [
            {"Subnet": "10.10.0.0/24", "Gateway": "fd00::1"}])),
        "[5].IPAM.Config[0].Gateway: not an IPv4 address (got 'fd00::1')"),
    "a subnet listed twice": (
        edited("s1-bridges", network("backend", "IPAM.Config", [
            {"Subnet": "10.10.0.0/24"}, {"Subnet": "10.10.0.0/24"}])),
        "[5].IPAM.Config[1].Subnet: the subnet is listed twice"),
    "a prefix length too long": (
        edited("s1-bridges", container("web", "NetworkSettings.Networks.frontend.IPPrefixLen",
                                       33)),
        ".IPPrefixLen: not an IPv4 prefix length (got 33; accepted: 1 to 32)"),
    "a prefix length of 0": (
        edited("s1-bridges", container("web", "NetworkSettings.Networks.frontend.IPPrefixLen",
                                       0)),
        ".IPPrefixLen: not an IPv4 prefix length (got 0"),
    "a prefix length as a string": (
        edited("s1-bridges", container("web", "NetworkSettings.Networks.frontend.IPPrefixLen",
                                       "16")),
        ".IPPrefixLen: must be an integer (got '16')"),
    "a bad MAC": (
        edited("s1-bridges", container("web", "NetworkSettings.Networks.frontend.MacAddress",
                                       "02:42:zz:12:00:02")),
        ".MacAddress: not a MAC address (got '02:42:zz:12:00:02')"),
    "a short MAC": (
        edited("s1-bridges", container("web", "NetworkSettings.Networks.frontend.MacAddress",
                                       "02:42")),
        ".MacAddress: not a MAC address"),
    "a bad Created": (edited("s1-bridges", container("web", "Created", "yesterday")),
                      "server1.json: [4].Created: not an RFC 3339 time (got 'yesterday'; "
                      "accepted: 2006-01-02T15:04:05.999999999Z)"),
    "an impossible StartedAt": (
        edited("s1-bridges", container("web", "State.StartedAt", "2024-13-45T99:00:00Z")),
        "[4].State.StartedAt: not an RFC 3339 time"),
    "a FinishedAt as a number": (edited("s1-bridges", container("web", "State.FinishedAt", 0)),
                                 "[4].State.FinishedAt: must be a string (got 0)"),
    "a network's bad Created": (
        edited("s1-bridges", network("backend", "Created", "2024-01-01")),
        "[5].Created: not an RFC 3339 time"),
    "a bad port key": (
        edited("s1-bridges", container("web", "NetworkSettings.Ports", {
            "http": [{"HostIp": "0.0.0.0", "HostPort": "8080"}]})),
        "[4].NetworkSettings.Ports.http: not a port (got 'http'; accepted: PORT/tcp, "
        "PORT/udp, PORT/sctp)"),
    "a port key of an unknown protocol": (
        edited("s1-bridges", container("web", "NetworkSettings.Ports", {"80/icmp": None})),
        "NetworkSettings.Ports.80/icmp: not a port"),
    "a HostPort out of range": (
        edited("s1-bridges", container("web", "NetworkSettings.Ports", {
            "80/tcp": [{"HostIp": "0.0.0.0", "HostPort": "99999"}]})),
        "[4].NetworkSettings.Ports.80/tcp[0].HostPort: not a port number (got '99999'; "
        "accepted: 1 to 65535)"),
    "a HostPort of letters": (
        edited("s1-bridges", container("web", "NetworkSettings.Ports", {
            "80/tcp": [{"HostIp": "0.0.0.0", "HostPort": "http"}]})),
        "HostPort: not a port number (got 'http'"),
    "a HostPort as a number": (
        edited("s1-bridges", container("web", "NetworkSettings.Ports", {
            "80/tcp": [{"HostIp": "0.0.0.0", "HostPort": 8080}]})),
        "[4].NetworkSettings.Ports.80/tcp[0].HostPort: must be a string (got 8080)"),
    "a bad HostIp": (
        edited("s1-bridges", container("web", "NetworkSettings.Ports", {
            "80/tcp": [{"HostIp": "localhost", "HostPort": "8080"}]})),
        "80/tcp[0].HostIp: not an IP address (got 'localhost')"),
    "bindings that are no list": (
        edited("s1-bridges", container("web", "NetworkSettings.Ports", {"80/tcp": "8080"})),
        "NetworkSettings.Ports.80/tcp: must be a list of bindings"),
    "a bad PortBindings key": (
        edited("s1-bridges", container("web", "HostConfig.PortBindings", {"x/tcp": []})),
        "[4].HostConfig.PortBindings"),
    "an exposed port that is no port": (
        edited("s1-bridges", container("web", "Config.ExposedPorts", {"80-90000/tcp": {}})),
        "[4].Config.ExposedPorts.80-90000/tcp: not a port (got '80-90000/tcp'"),
    "an endpoint with another network's ID": (
        edited("s1-bridges", lambda objs: container(
            "web", "NetworkSettings.Networks.frontend.NetworkID",
            named(objs, "backend", "N")["Id"])(objs)),
        "[4].NetworkSettings.Networks.frontend.NetworkID: the ID of the network backend, not "
        "frontend"),
    # wrong types
    "State as a string": (edited("s1-bridges", container("web", "State", "running")),
                          "[4].State: must be a JSON object (got 'running')"),
    "Config as a number": (edited("s1-bridges", container("web", "Config", 5)),
                           "[4].Config: must be a JSON object (got 5)"),
    "NetworkSettings as a list": (edited("s1-bridges", container("web", "NetworkSettings", [])),
                                  "[4].NetworkSettings: must be a JSON object (got 'list')"),
    "Networks as a string": (
        edited("s1-bridges", container("web", "NetworkSettings.Networks", "frontend")),
        "[4].NetworkSettings.Networks: must be a JSON object (got 'frontend')"),
    "an endpoint as a list": (
        edited("s1-bridges", container("web", "NetworkSettings.Networks.frontend", [])),
        "[4].NetworkSettings.Networks.frontend: must be a JSON object"),
    "Aliases as a string": (
        edited("s1-bridges", container("web", "NetworkSettings.Networks.frontend.Aliases",
                                       "web")),
        ".Aliases: must be a list of strings (got 'web')"),
    "Aliases of numbers": (
        edited("s1-bridges", container("web", "NetworkSettings.Networks.frontend.Aliases",
                                       [1])),
        ".Aliases: must be a list of strings (got 'list')"),
    "a Name that is a number": (edited("s1-bridges", container("web", "Name", 5)),
                                "[4].Name: must be a string (got 5)"),
    "a missing Id": (edited("s1-bridges", container("web", "Id", "-")),
                     "[4].Id: is missing"),
    "a null Id": (edited("s1-bridges", container("web", "Id", None)),
                  "[4].Id: must be a string"),
    "an Id that is no ID": (edited("s1-bridges", container("web", "Id", "web")),
                            "[4].Id: not a container ID (64 hexadecimal digits)"),
    "a name that is no name": (edited("s1-bridges", container("web", "Name", "/my web")),
                               "[4].Name: not a container name (got '/my web'"),
    "a RestartCount that is a string": (
        edited("s1-bridges", container("web", "RestartCount", "0")),
        "[4].RestartCount: must be an integer"),
    "HostConfig.Links as a string": (
        edited("s1-bridges", container("web", "HostConfig.Links", "/db:/web/db")),
        "[4].HostConfig.Links"),
    "a link that is no link": (
        edited("s1-bridges", container("web", "HostConfig.Links", ["db"])),
        "[4].HostConfig.Links[0]: not a link (got 'db'; accepted: /TARGET:/NAME/ALIAS)"),
    "a bind with an empty source": (
        edited("s1-bridges", container("web", "HostConfig.Binds", [":/data"])),
        "[4].HostConfig.Binds[0]: not a bind"),
    "Config.Env as a string": (edited("s1-bridges", container("web", "Config.Env", "A=1")),
                               "[4].Config.Env"),
    "IPAM as a list": (edited("s1-bridges", network("backend", "IPAM", [])),
                       "[5].IPAM: must be a JSON object (got 'list')"),
    "IPAM.Options as a string": (edited("s1-bridges", network("backend", "IPAM.Options", "x")),
                                 "[5].IPAM.Options: must be a JSON object (got 'x')"),
    "IPAM.Config as an object": (edited("s1-bridges", network("backend", "IPAM.Config", {})),
                                 "[5].IPAM.Config: must be a list"),
    "an IPAM config as a string": (
        edited("s1-bridges", network("backend", "IPAM.Config", ["10.10.0.0/24"])),
        "[5].IPAM.Config[0]: must be a JSON object (got '10.10.0.0/24')"),
    "network Options as a list": (edited("s1-bridges", network("backend", "Options", [])),
                                  "[5].Options: must be a JSON object"),
    "a network label that is a number": (
        edited("s1-bridges", network("backend", "Labels", {"a": 1})),
        "[5].Labels.a: must be a string (got 1)"),
    "Internal as a string": (edited("s1-bridges", network("backend", "Internal", "false")),
                             "[5].Internal: must be true or false (got 'false')"),
    "a network Name that is empty": (edited("s1-bridges", network("backend", "Name", "")),
                                     "[5].Name: is empty"),
    "a network Id that is null": (edited("s1-bridges", network("backend", "Id", None)),
                                  "[5].Id: must be a string"),
    "network Containers as a list": (
        edited("s1-bridges", network("backend", "Containers", [])),
        "[5].Containers: must be a JSON object"),
    # unknown words
    "an unknown network driver": (
        edited("s1-bridges", network("backend", "Driver", "weave")),
        "server1.json: [5].Driver: a network driver netsim does not simulate (got 'weave'; "
        "accepted: bridge, host, ipvlan, macvlan, null, overlay)"),
    "an unknown scope": (edited("s1-bridges", network("backend", "Scope", "planet")),
                         "[5].Scope: unknown scope (got 'planet'; accepted: local, swarm"),
    "an unknown State.Status": (edited("s1-bridges", container("web", "State.Status", "asleep")),
                                "[4].State.Status: unknown container status (got 'asleep'; "
                                "accepted: created, running"),
    "a bridge option that is no boolean": (
        edited("s1-bridges", network("backend", "Options", {
            "com.docker.network.bridge.enable_icc": "maybe"})),
        "[5].Options: failed to parse com.docker.network.bridge.enable_icc value: maybe "
        "(strconv.ParseBool: parsing \"maybe\": invalid syntax)"),
    # the swarm
    "overlay networks on a host that left the swarm": (
        written("s5-overlay", {"server2.info.json": json.dumps(
            {"Swarm": {"LocalNodeState": "inactive"}})}),
        "server2.json: [4].Scope: a swarm network on a host that is not in the swarm"),
    "two overlays of one name": (
        edited("s5-overlay", lambda objs: objs.append(
            {**named(objs, "ov", "N"), "Id": "zzzzzzzzzzzzzzzzzzzzzzzzz"})),
        "server1.json: [9].Name: two networks have this name (got 'ov')"),
    "an overlay two hosts show otherwise": (
        edited("s5-overlay", network("ov", "IPAM.Config", [{"Subnet": "10.9.0.0/24"}]),
               host="server2"),
        "server2.json: [6]: another host's dump shows this swarm network otherwise (got 'ov "
        "10.9.0.0/24; "),
}


@pytest.mark.parametrize("case", list(REFUSED))
def test_a_malformed_dump_is_refused_in_one_line(case: str, capsys: pytest.CaptureFixture[str],
                                                tmp_path: Path) -> None:
    make, expected = REFUSED[case]
    line = refused(capsys, make(tmp_path))
    assert expected in line


@pytest.mark.parametrize("name", ["s1-bridges/server1.json", "s3-modes/server1.json",
                                  "s5-overlay/server2.json", "s5-overlay/server1.info.json"])
@pytest.mark.parametrize("fraction", [0.1, 0.37, 0.5, 0.73, 0.99])
def test_a_truncated_file_is_said_to_be_truncated(name: str, fraction: float,
                                                  capsys: pytest.CaptureFixture[str],
                                                  tmp_path: Path) -> None:
    """A dump cut anywhere (in a string, a number, a word, between two): ``the JSON ends too
    early (a truncated dump?)`` at the line and column where it stops making sense."""
    dump, fname = name.split("/")
    d = copy_dump(dump, tmp_path)
    text = (d / fname).read_text()
    (d / fname).write_text(text[:int(len(text) * fraction)])
    line = refused(capsys, d)
    assert f"{fname}:" in line and "the JSON ends too early (a truncated dump?)" in line


def test_every_cut_of_a_dump_is_said_to_be_truncated(tmp_path: Path) -> None:
    f = tmp_path / "server1.json"
    text = (_DUMPS / "s3-modes" / "server1.json").read_text()
    for cut in range(1, len(text) - 1, 7):
        f.write_text(text[:cut])
        with pytest.raises(InputError, match=r"the JSON ends too early \(a truncated dump\?\)"):
            load_dump(str(f))


# ------------------------------------------------------------------------------- warned

WARNED: dict[str, tuple[Callable[[Path], Path], str]] = {
    "a stopped container on a network not in the dump": (
        edited("s1-bridges", container("old", "NetworkSettings.Networks.backend.NetworkID",
                                       NOBODY)),
        "netsim: {d}: old: stopped, on networks that are not in the dump (backend): its start "
        "would fail as Docker's does"),
    "a container whose container:<id> owner is missing": (
        edited("s3-modes", container("joiner", "HostConfig.NetworkMode", f"container:{NOBODY}")),
        "netsim: {d}: joiner: its network mode's container:ffffffffffff is not in the dump: it "
        "is taken to have only lo"),
    "a host in hosts.yaml without a dump": (
        written("s4-macvlan-two-hosts", {"hosts.yaml": (
            "lan: 192.168.0.0/24\nhosts: {server1: {address: 192.168.0.100}, "
            "server3: {address: 192.168.0.103}}\n")}),
        "netsim: {d}: server3: in hosts.yaml without a dump"),
    "fields netsim does not use": (
        edited("s1-bridges", container("web", "Config.OnBuild", ["RUN true"])),
        "netsim: {d}: not used (netsim does not simulate them): Config.OnBuild"),
    "a restarting container": (
        edited("s1-bridges", container("old", "State.Status", "restarting")),
        "netsim: {d}: not used (netsim does not simulate them): State.Status=restarting "
        "(taken as exited)"),
    "a worker showing an overlay none of its containers is on": (
        edited("s5-overlay", both(
            container("o2", "State.Status", "exited"), container("o2", "State.Running", False),
            container("o2", "NetworkSettings.Networks.ov.EndpointID", "")), host="server2"),
        "netsim: {d}: server2: shows overlays none of its running containers is on (ov): left "
        "off, as Docker does when the last leaves"),
    "a running container without an endpoint": (
        edited("s1-bridges", container("web", "NetworkSettings.Networks.backend.EndpointID",
                                       "")),
        "netsim: {d}: web: running, with no EndpointID on backend: taken as not attached "
        "there"),
    "a swarm node without its info file": (
        written("s5-overlay", {"server2.info.json": None}),
        "netsim: {d}: server2: no docker info beside its dump: a swarm worker (by the overlays "
        "it shows) at its LAN address"),
    "a version that netsim does not model": (
        written("s4-macvlan-two-hosts", {
            "server1.version.json": '{"Server": {"Version": "27.3.1"}}',
            "server2.version.json": '{"Server": {"Version": "27.3.1"}}'}),
        "netsim: {d}: server1: docker version says 27.3.1, not modelled: 26.1's rules"),
}


@pytest.mark.parametrize("case", list(WARNED))
def test_what_docker_runs_on_is_taken_with_one_warning(
        case: str, capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    make, expected = WARNED[case]
    d = make(tmp_path)
    assert warned(capsys, d).startswith(expected.format(d=d))


# ------------------------------------------------------------------------------- single files


def test_an_empty_single_file_is_refused(capsys: pytest.CaptureFixture[str],
                                         tmp_path: Path) -> None:
    f = tmp_path / "server1.inspect.json"
    f.write_text("")
    assert refused(capsys, f) == f"{f}: the file is empty (accepted: the JSON array docker " \
                                 "inspect prints)"


def test_a_missing_single_file_is_refused(capsys: pytest.CaptureFixture[str],
                                          tmp_path: Path) -> None:
    f = tmp_path / "server1.inspect.json"
    assert refused(capsys, f) == f"{f}: no such file or directory"


def test_a_single_file_is_one_host(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    f = tmp_path / "box.inspect.json"
    shutil.copy(_DUMPS / "s2-internal-icc" / "server1.json", f)
    assert run(capsys, "validate", str(f)) == (
        0, f"{f}: ok (docker inspect dump, 1 hosts, 5 containers, 5 networks)\n",
        f"netsim: {f}: box: no docker version beside the dump: engine 28.5's rules, as the "
        "dump's API shape tells\n"
        f"netsim: {f}: no hosts.yaml gives the LAN: taken as 198.51.100.0/24, the hosts at its "
        ".10, .11 … (docs/live-systems.md: hosts.yaml)\n")


@pytest.mark.parametrize("fname", ["dump.json", "inspect.txt", "server1"])
def test_format_inspect_reads_a_file_of_any_name(fname: str, capsys: pytest.CaptureFixture[str],
                                                 tmp_path: Path) -> None:
    f = tmp_path / fname
    shutil.copy(_DUMPS / "s2-internal-icc" / "server1.json", f)
    for command in ("validate", "matrix"):
        code, err = cli(capsys, command, "--format", "inspect", str(f))
        # said once: the engine the API shape tells, and the LAN no hosts.yaml gives
        assert code == 0 and len(err.splitlines()) == 2, err
        assert all(line.startswith(f"netsim: {f}: ") for line in err.splitlines())
    f.write_text("services:\n  web: {image: nginx}\n")
    assert refused(capsys, f, "--format", "inspect").startswith(f"{f}:1:1: not valid JSON")
    f.write_text("")
    assert refused(capsys, f, "--format", "inspect") == \
        f"{f}: the file is empty (accepted: the JSON array docker inspect prints)"


# ------------------------------------------------------------------------------- null lists


@pytest.mark.parametrize("edit", [
    container("web", "Config.Env", None),
    container("web", "Config.Cmd", None),
    container("web", "HostConfig.Binds", None),
    container("web", "HostConfig.PortBindings", None),
    container("web", "NetworkSettings.Ports", None),
    container("web", "NetworkSettings.Networks.frontend.Aliases", None),
    container("web", "NetworkSettings.Networks.frontend.DNSNames", None),
    container("web", "NetworkSettings.Networks.frontend.IPAMConfig", None),
    network("backend", "Options", None),
    network("backend", "Labels", None),
    network("backend", "Containers", None),
], ids=lambda e: "")
def test_null_where_go_prints_null_for_nothing_is_taken(edit: Edit,
                                                        capsys: pytest.CaptureFixture[str],
                                                        tmp_path: Path) -> None:
    """Go's encoding/json prints a nil slice or map as null: Docker's own dumps have them."""
    d = edited("s1-bridges", edit)(tmp_path)
    for command in ("validate", "matrix"):
        code, err = cli(capsys, command, str(d))
        assert code == 0 and err == "", err


# ------------------------------------------------------------------------------- fuzz

JSONPath = tuple[str | int, ...]


def _paths(value: Any, path: JSONPath = ()) -> Iterator[JSONPath]:
    if path:
        yield path
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, (*path, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, (*path, i))


def _at(value: Any, path: JSONPath) -> Any:
    for key in path:
        value = value[key]
    return value


#: values of the wrong type, or of the right type and a wrong content
ODD = [None, 0, -1, 2**64, 10**30, 1.5, True, False, "", "x", "weave", "running", "0",
       "172.18.0.300", "10.0.0.0/99", "fd00::1", "::", "0.0.0.0", "02:42:zz", "80/tcp",
       "container:" + NOBODY, "host", "none", "bridge", "2024-13-45T99:00:00Z",
       "0001-01-01T00:00:00Z", "65536", "-1", NOBODY, [], {}, [[[]]], ["a"], [1], {"a": 1},
       {"": None}]

#: the mutations: delete, null, an odd value, a random string, a huge int, a nested list,
#: a duplicated object, two values swapped, the value of another field of the same name (one
#: container's IP, name or network ID given to another)
OPS = ("delete", "null", "odd", "text", "huge", "nested", "duplicate", "swap", "borrow")


def _mutate(data: st.DataObject, doc: Any) -> Any:
    """``doc`` with one random mutation at a random path (a new object)."""
    doc = copy.deepcopy(doc)
    paths = list(_paths(doc))
    if not paths:
        return data.draw(st.sampled_from(ODD))
    path = data.draw(st.sampled_from(paths), label="path")
    parent, key = _at(doc, path[:-1]), path[-1]
    op = data.draw(st.sampled_from(OPS), label="op")
    if op == "delete":
        del parent[key]
    elif op == "null":
        parent[key] = None
    elif op == "odd":
        parent[key] = copy.deepcopy(data.draw(st.sampled_from(ODD), label="value"))
    elif op == "text":
        parent[key] = data.draw(st.text(max_size=20), label="value")
    elif op == "huge":
        parent[key] = data.draw(st.sampled_from([2**63, -(2**63) - 1, 10**40]), label="value")
    elif op == "nested":
        parent[key] = [[parent[key]]]
    elif op == "duplicate":
        if isinstance(parent, list):
            parent.insert(int(key), copy.deepcopy(parent[key]))
        else:
            parent[key] = [parent[key], copy.deepcopy(parent[key])]
    elif op == "borrow":
        alike = [p for p in paths if p[-1] == key and p != path]
        if alike:
            source = data.draw(st.sampled_from(alike), label="from")
            parent[key] = copy.deepcopy(_at(doc, source))
    else:
        other = data.draw(st.sampled_from(paths), label="other")
        if other[:len(path)] != path and path[:len(other)] != other:
            oparent, okey = _at(doc, other[:-1]), other[-1]
            parent[key], oparent[okey] = oparent[okey], parent[key]
    return doc


def _check(d: Path) -> None:
    """The dump at ``d`` either imports into a lab whose state, reach matrix and inspect
    output all work, or is refused with one InputError line; nothing else."""
    try:
        lab = load_dump(str(d))
    except InputError as err:
        assert err.line() and "\n" not in err.line()
        return
    state = lab.state
    matrix(state)
    for hs in state.hosts.values():
        for c in hs.containers.values():
            json.dumps(render.container(state, c))
        for n in hs.networks.values():
            json.dumps(render.network(state, hs.name, n.id))
    for note in lab.notes:
        assert "\n" not in note


def _fuzz(data: st.DataObject, mutations: int) -> None:
    name = data.draw(st.sampled_from(NAMES), label="dump")
    files = sorted(f.name for f in (_DUMPS / name).iterdir())
    with tempfile.TemporaryDirectory() as tmp:
        d = Path(tmp) / name
        shutil.copytree(_DUMPS / name, d)
        for _ in range(mutations):
            fname = data.draw(st.sampled_from(files), label="file")
            f = d / fname
            if fname == "hosts.yaml":
                f.write_text(yaml.safe_dump(_mutate(data, yaml.safe_load(f.read_text()))))
            else:
                f.write_text(json.dumps(_mutate(data, json.loads(f.read_text())), indent=4))
        _check(d)


@settings(max_examples=300, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_a_randomly_mutated_dump_imports_or_is_refused(data: st.DataObject) -> None:
    _fuzz(data, 1)


@settings(max_examples=300, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.data())
def test_a_dump_mutated_three_times_imports_or_is_refused(data: st.DataObject) -> None:
    _fuzz(data, 3)


def test_a_byte_order_mark_is_dropped(tmp_path: Path) -> None:
    """PowerShell's ``docker inspect > x.json`` writes UTF-8 with a byte order mark: read as
    without it."""
    plain = Path(__file__).resolve().parent.parent / "scenarios/live-bridges/server1.json"
    marked = tmp_path / "server1.inspect.json"
    marked.write_bytes(b"\xef\xbb\xbf" + plain.read_bytes())
    assert sorted(c.name for c in load_dump(str(marked)).state.containers()) == sorted(
        c.name for c in load_dump(str(plain.parent)).state.containers())
