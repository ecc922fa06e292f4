"""``netsim snapshot``: ask running Docker Engines for what netsim imports.

For each Docker host (``-H``, as the docker CLI takes it), a few GET requests to its Engine
API (https://docs.docker.com/reference/api/engine/) and three files in the snapshot
directory::

    NAME.json           what `docker inspect $(docker ps -aq) $(docker network ls -q)` prints:
                        every container (newest first, as `docker ps -a`), then every network
                        (sorted by name in natural order, as `docker network ls`)
    NAME.version.json   GET /version
    NAME.info.json      GET /info
    hosts.yaml          (only with --lan/--gateway/--address/--parent) what no daemon knows:
                        lan: CIDR, gateway: ADDR, hosts: {NAME: {address: ADDR, parent: IFACE}}

The Engine API is reached with the standard library alone (``http.client`` over an
``AF_UNIX`` socket, or over TCP without TLS), imported inside the functions that talk, so
that ``netsim --help`` stays fast. Every failure is an :class:`~netsim.errors.InputError`:
one line, exit status 2 (``netsim.cli.main``).

API version: the first request, ``GET /version``, is unversioned; the rest are prefixed with
the ``ApiVersion`` it reports (``/v1.51/info``): the daemon's own version, which is what it
serves unversioned paths at and what a docker CLI of the same release negotiates, so the
objects are the ones ``docker inspect`` shows. The prefix is spelled out because unversioned
paths are deprecated ("Versioned API and SDK",
https://docs.docker.com/reference/api/engine/#versioned-api-and-sdk).
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cmp_to_key
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from netsim.errors import InputError

if TYPE_CHECKING:
    import http.client
    from ipaddress import IPv4Address, IPv4Network
    from types import TracebackType

__all__ = [
    "DEFAULT_HOST",
    "Endpoint",
    "EngineClient",
    "HostSnapshot",
    "LanFacts",
    "check_directory",
    "natural_less",
    "parse_host",
    "parse_host_option",
    "snapshot_command",
    "take_snapshot",
    "write_snapshot",
]

#: where the docker CLI looks without -H or DOCKER_HOST (docker/cli opts/hosts.go)
DEFAULT_HOST = "unix:///var/run/docker.sock"
#: dockerd's plain-HTTP TCP port (docker/cli opts/hosts.go DefaultHTTPPort)
DEFAULT_TCP_PORT = 2375
_ACCEPTED_HOSTS = "unix:///PATH or tcp://HOST[:PORT] (plain HTTP), optionally NAME=HOST"
#: a snapshot's host name: a file name without a separator (a hostname's characters)
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")
#: the snapshot's other files per host: a host may not be named so that its dump is one
#: what a host's name must not end in: the reader takes HOST.SUFFIX.json as a part of HOST's
#: dump (netsim/io/dump/reader.py)
_RESERVED_SUFFIXES = (".version", ".info", ".containers", ".networks", ".inspect")
_ACCEPTED_NAME = ("letters, digits, '.', '_', '-', not ending in .version, .info, .containers, "
                  ".networks or .inspect")
#: Linux's IFNAMSIZ less the NUL (include/uapi/linux/if.h)
_IFNAME_MAX = 15


# ---------------------------------------------------------------- where the daemons are


@dataclass(frozen=True)
class Endpoint:
    """Where one Docker daemon listens: a unix socket, or a host and port over TCP.

    ``name`` is the snapshot's name for the host when ``-H NAME=HOST`` gave one.
    """

    url: str
    socket_path: str | None = None
    host: str | None = None
    port: int | None = None
    name: str | None = None


def _tls_wanted(environ: Mapping[str, str]) -> str | None:
    """The environment variable that asks the docker CLI for TLS, if one does."""
    for var in ("DOCKER_TLS_VERIFY", "DOCKER_TLS"):
        if environ.get(var):
            return var
    return None


def parse_host(value: str, *, where: str = "-H",
               environ: Mapping[str, str] | None = None) -> Endpoint:
    """A ``-H`` value as the docker CLI reads it (docker/cli opts/hosts.go ParseHost).

    ``unix:///PATH`` (``unix://`` alone is the default socket), ``tcp://HOST[:PORT]`` (port
    2375), ``HOST[:PORT]`` without a scheme (tcp). ``ssh://``, ``npipe://``, ``fd://`` and
    TCP with TLS (``DOCKER_TLS_VERIFY`` or ``DOCKER_TLS`` set) are refused.

    >>> parse_host("unix://").socket_path
    '/var/run/docker.sock'
    >>> parse_host("10.0.0.5", environ={}).url
    'tcp://10.0.0.5:2375'
    """
    env = os.environ if environ is None else environ
    text = value.strip() or DEFAULT_HOST
    scheme, sep, rest = text.partition("://")
    if not sep:
        scheme, rest = "tcp", text
    scheme = scheme.lower()
    if scheme == "unix":
        path = rest or DEFAULT_HOST.removeprefix("unix://")
        if "://" in path:
            raise InputError(where, "not a Docker host address", got=value,
                             accepted=_ACCEPTED_HOSTS)
        return Endpoint(url=f"unix://{path}", socket_path=path)
    if scheme == "tcp":
        return _tcp_endpoint(value, rest, where=where, environ=env)
    if scheme == "ssh":
        raise InputError(where, "ssh:// hosts are not supported; forward the daemon's socket "
                         "(ssh -nNT -L /tmp/docker.sock:/var/run/docker.sock USER@HOST) and "
                         "give -H unix:///tmp/docker.sock", got=value, accepted=_ACCEPTED_HOSTS)
    raise InputError(where, f"{scheme}:// hosts are not supported", got=value,
                     accepted=_ACCEPTED_HOSTS)


def _tcp_endpoint(value: str, rest: str, *, where: str,
                  environ: Mapping[str, str]) -> Endpoint:
    from urllib.parse import urlsplit

    tls = _tls_wanted(environ)
    if tls is not None:
        raise InputError(where, f"TLS is not supported ({tls} is set): netsim speaks plain "
                         "HTTP to tcp:// hosts; unset it, or reach the daemon by its unix "
                         "socket", got=value, accepted=_ACCEPTED_HOSTS)
    try:
        parts = urlsplit(f"tcp://{rest}")
        port = parts.port
    except ValueError:
        raise InputError(where, "not a Docker host address", got=value,
                         accepted=_ACCEPTED_HOSTS) from None
    if parts.path not in ("", "/") or parts.query or parts.fragment or parts.username:
        raise InputError(where, "a tcp:// host is HOST[:PORT], nothing more", got=value,
                         accepted=_ACCEPTED_HOSTS)
    host = parts.hostname or "localhost"
    port = DEFAULT_TCP_PORT if port is None else port
    shown = f"[{host}]" if ":" in host else host
    return Endpoint(url=f"tcp://{shown}:{port}", host=host, port=port)


def parse_host_option(value: str, *, where: str = "-H",
                      environ: Mapping[str, str] | None = None) -> Endpoint:
    """``-H [NAME=]HOST``: the host, and the snapshot's name for it when given.

    >>> e = parse_host_option("server1=unix:///run/netsim-srv1/docker.sock")
    >>> e.name, e.socket_path
    ('server1', '/run/netsim-srv1/docker.sock')
    """
    head, sep, tail = value.partition("=")
    if sep and _NAME.fullmatch(head):
        _check_name(head, where=where, got=value)
        endpoint = parse_host(tail, where=where, environ=environ)
        return Endpoint(url=endpoint.url, socket_path=endpoint.socket_path,
                        host=endpoint.host, port=endpoint.port, name=head)
    return parse_host(value, where=where, environ=environ)


def _check_name(name: str, *, where: str, got: str) -> None:
    if not _NAME.fullmatch(name) or name.endswith(_RESERVED_SUFFIXES):
        raise InputError(where, "not a name for a snapshot's host", got=got,
                         accepted=_ACCEPTED_NAME)


# ---------------------------------------------------------------- talking to one daemon


def _unix_connection(path: str, timeout: float) -> http.client.HTTPConnection:
    """An HTTP connection over the unix socket at ``path`` (opened on the first request)."""
    import http.client
    import socket

    class UnixHTTPConnection(http.client.HTTPConnection):
        def connect(self) -> None:
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.settimeout(self.timeout)
            try:
                sock.connect(path)
            except BaseException:
                sock.close()
                raise
            self.sock = sock

    return UnixHTTPConnection("localhost", timeout=timeout)


class EngineClient:
    """GET requests to one Docker Engine API, answers decoded from JSON.

    Every failure (no socket, refused, permission, timeout, an HTTP error status, a body that
    is not JSON) is an :class:`InputError` whose ``where`` is the daemon's URL.
    """

    def __init__(self, endpoint: Endpoint, *, timeout: float = 10.0) -> None:
        self.endpoint = endpoint
        self.timeout = timeout
        self._conn: http.client.HTTPConnection | None = None

    def __enter__(self) -> EngineClient:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (the next request opens a new one)."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def _connection(self) -> http.client.HTTPConnection:
        if self._conn is None:
            import http.client

            ep = self.endpoint
            if ep.socket_path is not None:
                self._conn = _unix_connection(ep.socket_path, self.timeout)
            else:
                assert ep.host is not None
                self._conn = http.client.HTTPConnection(ep.host, ep.port, timeout=self.timeout)
        return self._conn

    def _fail(self, what: str, *, got: object = None, accepted: str | None = None
              ) -> InputError:
        self.close()
        return InputError(self.endpoint.url, what, got=got, accepted=accepted)

    def _request(self, path: str) -> tuple[int, bytes]:
        import http.client
        import socket

        conn = self._connection()
        try:
            conn.request("GET", path, headers={"Accept": "application/json",
                                               "User-Agent": "netsim-snapshot"})
            response = conn.getresponse()
            return response.status, response.read()
        except TimeoutError:
            raise self._fail(f"no answer to GET {path} within {self.timeout:g} s; is the "
                             "daemon hung or busy? (--timeout SECONDS)") from None
        except FileNotFoundError:
            raise self._fail("cannot connect: no such socket; is the Docker daemon running, "
                             "and is this its socket? (-H unix:///PATH)") from None
        except PermissionError as err:
            if self.endpoint.socket_path is None:  # EPERM/EACCES on TCP: a local firewall
                raise self._fail(f"cannot connect: {err.strerror}") from None
            raise self._fail("cannot connect: permission denied on the socket; run as root "
                             "or as a member of the docker group") from None
        except ConnectionRefusedError:
            listener = "this socket" if self.endpoint.socket_path else "this address"
            raise self._fail(f"cannot connect: connection refused (nothing listens on "
                             f"{listener}); is the Docker daemon running?") from None
        except socket.gaierror as err:
            raise self._fail(f"cannot connect: unknown host ({err.strerror})") from None
        except http.client.RemoteDisconnected:
            raise self._fail(f"GET {path}: the connection closed without an answer; is this "
                             "a Docker daemon, without TLS?") from None
        except http.client.HTTPException as err:
            raise self._fail(f"GET {path}: not an HTTP answer ({type(err).__name__}); is "
                             "this a Docker daemon, without TLS?") from None
        except OSError as err:
            raise self._fail(f"GET {path}: {err.strerror or err}") from None

    def get(self, path: str, *, missing_ok: bool = False) -> Any:
        """The decoded JSON answer to ``GET path`` (``None`` for a 404 when ``missing_ok``)."""
        status, body = self._request(path)
        if status == 404 and missing_ok:
            return None
        if status != 200:
            raise self._fail(f"GET {path}: the daemon answered HTTP {status}: "
                             f"{_error_message(body)}")
        try:
            return json.loads(body.decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError):
            raise self._fail(f"GET {path}: the answer is not JSON", got=_snippet(body),
                             accepted="the Docker Engine API's JSON") from None

    def get_object(self, path: str) -> dict[str, Any]:
        """``get`` of an endpoint that answers one JSON object."""
        return self._object(path, self.get(path))

    def find_object(self, path: str) -> dict[str, Any] | None:
        """``get_object``, or ``None`` when the daemon answers 404 (no such object)."""
        value = self.get(path, missing_ok=True)
        return None if value is None else self._object(path, value)

    def _object(self, path: str, value: Any) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self._fail(f"GET {path}: not a Docker Engine API answer",
                             got=_snippet(json.dumps(value).encode()),
                             accepted="a JSON object")
        return value

    def get_list(self, path: str) -> list[dict[str, Any]]:
        """``get`` of a list endpoint: JSON objects that each have an ``Id``."""
        value = self.get(path)
        if not isinstance(value, list) or not all(
                isinstance(v, dict) and isinstance(v.get("Id"), str) and v["Id"]
                for v in value):
            raise self._fail(f"GET {path}: not a Docker Engine API answer",
                             got=_snippet(json.dumps(value).encode()),
                             accepted="a JSON array of objects with an Id")
        return value


def _snippet(body: bytes, limit: int = 60) -> str:
    text = " ".join(body.decode("utf-8", errors="replace").split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _error_message(body: bytes) -> str:
    """The daemon's ``{"message": …}`` (the Engine API's error body), else the body itself."""
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        data = None
    if isinstance(data, dict) and isinstance(data.get("message"), str):
        return " ".join(data["message"].split())
    text = _snippet(body)
    if "HTTPS server" in text:  # Go's net/http answering plain HTTP on a TLS port
        return f"{text} (a TLS port: not supported)"
    return text or "(no message)"


# ---------------------------------------------------------------- one host's snapshot


def natural_less(a: str, b: str) -> bool:
    """``a`` before ``b`` in the docker CLI's natural order (github.com/fvbommel/sortorder
    NaturalLess, which ``docker network ls`` sorts with): byte-wise, except that runs of
    digits compare as numbers (fewer leading zeros first), and digits before other bytes.

    >>> sorted(["net10", "net2", "Net", "net02"], key=cmp_to_key(_natural_cmp))
    ['Net', 'net2', 'net02', 'net10']
    """
    return _natural_cmp(a, b) < 0


def _natural_cmp(a: str, b: str) -> int:
    x, y = a.encode("utf-8"), b.encode("utf-8")
    i = j = 0
    while i < len(x) and j < len(y):
        dx, dy = x[i:i + 1].isdigit(), y[j:j + 1].isdigit()
        if dx != dy:
            return -1 if dx else 1
        if not dx:
            if x[i] != y[j]:
                return -1 if x[i] < y[j] else 1
            i, j = i + 1, j + 1
            continue
        zi, zj = i, j  # a run of digits: skip leading zeros, then compare as numbers
        while i < len(x) and x[i] == 0x30:
            i += 1
        while j < len(y) and y[j] == 0x30:
            j += 1
        si, sj = i, j
        while i < len(x) and x[i:i + 1].isdigit():
            i += 1
        while j < len(y) and y[j:j + 1].isdigit():
            j += 1
        nx, ny = x[si:i], y[sj:j]
        if len(nx) != len(ny):
            return -1 if len(nx) < len(ny) else 1
        if nx != ny:
            return -1 if nx < ny else 1
        if si - zi != sj - zj:
            return -1 if si - zi < sj - zj else 1
    return (i < len(x)) - (j < len(y))  # equal so far: the one that goes on sorts last


@dataclass(frozen=True)
class HostSnapshot:
    """What one daemon answered: its /version, /info, containers and networks, inspected."""

    name: str
    url: str
    version: dict[str, Any]
    info: dict[str, Any]
    containers: list[dict[str, Any]] = field(default_factory=list)
    networks: list[dict[str, Any]] = field(default_factory=list)

    def dump(self) -> list[dict[str, Any]]:
        """The objects as ``docker inspect $(docker ps -aq) $(docker network ls -q)`` lists
        them: the containers, then the networks."""
        return [*self.containers, *self.networks]


def _api_prefix(version: dict[str, Any]) -> str:
    """``/v1.51`` from /version's ApiVersion; unversioned paths when it has none."""
    api = version.get("ApiVersion")
    return f"/v{api}" if isinstance(api, str) and re.fullmatch(r"\d+\.\d+", api) else ""


def take_snapshot(endpoint: Endpoint, *, timeout: float = 10.0) -> HostSnapshot:
    """Ask one daemon for its version, info, containers and networks.

    The requests, each documented at https://docs.docker.com/reference/api/engine/version/
    v1.51/ (the 28.5 engine's API; the same paths since 1.24):

    - ``GET /version`` (#tag/System/operation/SystemVersion), unversioned: its ApiVersion
      prefixes the rest;
    - ``GET /info`` (#tag/System/operation/SystemInfo): ``Name`` is the host's name unless
      ``-H NAME=HOST`` gave one;
    - ``GET /containers/json?all=1`` (#tag/Container/operation/ContainerList): every
      container, newest first (``docker ps -a``), then ``GET /containers/{id}/json``
      (#tag/Container/operation/ContainerInspect) for each;
    - ``GET /networks`` (#tag/Network/operation/NetworkList), sorted by name as
      ``docker network ls`` sorts it (docker/cli cli/command/network/list.go: NaturalLess;
      equal names by Id), then ``GET /networks/{id}`` (#tag/Network/operation/NetworkInspect)
      for each, without ``verbose`` or ``scope``, as ``docker inspect`` asks.

    An object removed between the list and its inspect (HTTP 404) is left out, as it is no
    longer there.
    """
    from urllib.parse import quote

    with EngineClient(endpoint, timeout=timeout) as api:
        version = api.get_object("/version")
        prefix = _api_prefix(version)
        info = api.get_object(f"{prefix}/info")
        name = endpoint.name or info.get("Name")
        if not isinstance(name, str) or not name:
            raise InputError(endpoint.url, "the daemon's /info has no Name; name the host "
                             "with -H NAME=HOST")
        if endpoint.name is None and (not _NAME.fullmatch(name)
                                      or name.endswith(_RESERVED_SUFFIXES)):
            raise InputError(endpoint.url, "the daemon's name (/info Name) cannot name the "
                             "snapshot's files; name the host with -H NAME=HOST", got=name,
                             accepted=_ACCEPTED_NAME)
        containers = []
        for summary in api.get_list(f"{prefix}/containers/json?all=1"):
            found = api.find_object(f"{prefix}/containers/{quote(summary['Id'], safe='')}/json")
            if found is not None:
                containers.append(found)
        listed = api.get_list(f"{prefix}/networks")
        listed.sort(key=lambda n: n["Id"])
        listed.sort(key=cmp_to_key(lambda m, n: _natural_cmp(str(m.get("Name", "")),
                                                             str(n.get("Name", "")))))
        networks = []
        for summary in listed:
            found = api.find_object(f"{prefix}/networks/{quote(summary['Id'], safe='')}")
            if found is not None:
                networks.append(found)
    return HostSnapshot(name=name, url=endpoint.url, version=version, info=info,
                        containers=containers, networks=networks)


# ---------------------------------------------------------------- hosts.yaml


@dataclass(frozen=True)
class LanFacts:
    """What no daemon knows and hosts.yaml says: the hosts' LAN, its gateway, each host's
    address on it and the interface macvlan/ipvlan networks use as their parent."""

    lan: IPv4Network | None = None
    gateway: IPv4Address | None = None
    addresses: dict[str, IPv4Address] = field(default_factory=dict)
    parents: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_options(cls, lan: str | None, gateway: str | None, addresses: Sequence[str],
                     parents: Sequence[str]) -> LanFacts:
        """Read ``--lan``, ``--gateway``, ``--address NAME=ADDR``, ``--parent NAME=IFACE``."""
        from ipaddress import IPv4Address, IPv4Network

        net = None
        if lan is not None:
            try:
                net = IPv4Network(lan)
            except ValueError:
                raise InputError("--lan", "not an IPv4 subnet", got=lan,
                                 accepted="an IPv4 CIDR such as 192.168.0.0/24") from None
        gw = None
        if gateway is not None:
            try:
                gw = IPv4Address(gateway)
            except ValueError:
                raise InputError("--gateway", "not an IPv4 address", got=gateway,
                                 accepted="an IPv4 address such as 192.168.0.1") from None
            if net is not None and gw not in net:
                raise InputError("--gateway", f"not in --lan {net}", got=gateway)
        addrs: dict[str, IPv4Address] = {}
        for item in addresses:
            name, value = _name_value(item, "--address", "NAME=IPv4 address")
            if name in addrs:
                raise InputError("--address", f"given twice for {name}", got=item,
                                 accepted="NAME=IPv4 address, once per host")
            try:
                addrs[name] = IPv4Address(value)
            except ValueError:
                raise InputError("--address", f"not an IPv4 address: {value!r}", got=item,
                                 accepted="NAME=IPv4 address") from None
            if net is not None and addrs[name] not in net:
                raise InputError("--address", f"{value} is not in --lan {net}", got=item,
                                 accepted="NAME=IPv4 address")
        ifaces: dict[str, str] = {}
        for item in parents:
            name, value = _name_value(item, "--parent", "NAME=interface")
            if name in ifaces:
                raise InputError("--parent", f"given twice for {name}", got=item,
                                 accepted="NAME=interface, once per host")
            if (not value or len(value) > _IFNAME_MAX or value in (".", "..")
                    or any(c in value for c in "/: \t")):
                raise InputError("--parent", f"not an interface name: {value!r}", got=item,
                                 accepted="NAME=interface (1 to 15 characters, no '/', ':' or "
                                          "spaces)")
            ifaces[name] = value
        return cls(lan=net, gateway=gw, addresses=addrs, parents=ifaces)

    def __bool__(self) -> bool:
        return bool(self.lan or self.gateway or self.addresses or self.parents)

    def check_names(self, names: Sequence[str]) -> None:
        """Every host named by ``--address``/``--parent`` is one of the snapshot's."""
        for opt, given in (("--address", self.addresses), ("--parent", self.parents)):
            for name in given:
                if name not in names:
                    raise InputError(opt, "no host of this snapshot has that name", got=name,
                                     accepted=", ".join(sorted(names, key=cmp_to_key(
                                         _natural_cmp))))

    def to_yaml(self) -> str:
        """hosts.yaml's text (lan, gateway, hosts sorted by name in natural order)."""
        import yaml

        data: dict[str, Any] = {}
        if self.lan is not None:
            data["lan"] = str(self.lan)
        if self.gateway is not None:
            data["gateway"] = str(self.gateway)
        names = sorted({*self.addresses, *self.parents}, key=cmp_to_key(_natural_cmp))
        if names:
            hosts: dict[str, dict[str, str]] = {}
            for name in names:
                entry = hosts.setdefault(name, {})
                if name in self.addresses:
                    entry["address"] = str(self.addresses[name])
                if name in self.parents:
                    entry["parent"] = self.parents[name]
            data["hosts"] = hosts
        return yaml.safe_dump(data, sort_keys=False, default_flow_style=False)


def _name_value(item: str, opt: str, accepted: str) -> tuple[str, str]:
    name, sep, value = item.partition("=")
    if not sep or not _NAME.fullmatch(name):
        raise InputError(opt, "not NAME=VALUE", got=item, accepted=accepted)
    return name, value


# ---------------------------------------------------------------- the directory


def check_directory(directory: str, *, force: bool) -> None:
    """DIR is missing or empty, or ``--force``: else one line, before any daemon is asked."""
    path = Path(directory)
    if path.exists() and not path.is_dir():
        raise InputError("-o", "not a directory", got=directory)
    if path.is_dir() and not force and any(path.iterdir()):
        raise InputError("-o", "the directory is not empty (--force writes into it anyway)",
                         got=directory)


def write_snapshot(directory: str, snapshots: Sequence[HostSnapshot],
                   facts: LanFacts | None = None) -> list[Path]:
    """Write each host's three files (and hosts.yaml when ``facts`` say anything) into
    ``directory``, made if missing; return the dump files, one per host.

    JSON as ``docker inspect`` indents it (4 spaces, non-ASCII as is) and a final newline.
    """
    root = Path(directory)
    files: dict[Path, str] = {}
    dumps = []
    for snap in snapshots:
        for suffix, data in (("", snap.dump()), (".version", snap.version),
                             (".info", snap.info)):
            target = root / f"{snap.name}{suffix}.json"
            files[target] = json.dumps(data, indent=4, ensure_ascii=False) + "\n"
        dumps.append(root / f"{snap.name}.json")
    if facts:
        files[root / "hosts.yaml"] = facts.to_yaml()
    try:
        root.mkdir(parents=True, exist_ok=True)
        for target, text in files.items():
            target.write_text(text, encoding="utf-8")
    except OSError as err:
        raise InputError("-o", f"cannot write the snapshot: {err.strerror or err}",
                         got=str(err.filename or directory)) from None
    return dumps


# ---------------------------------------------------------------- the command


def _endpoints(hosts: Sequence[str]) -> list[Endpoint]:
    if hosts:
        return [parse_host_option(h) for h in hosts]
    from_env = os.environ.get("DOCKER_HOST", "")
    if from_env:
        return [parse_host(from_env, where="DOCKER_HOST")]
    return [parse_host(DEFAULT_HOST)]


@click.command("snapshot", context_settings={"help_option_names": ["-h", "--help"]})
@click.option("-H", "--host", "hosts", multiple=True, metavar="[NAME=]HOST",
              help="A Docker daemon: unix:///PATH or tcp://HOST[:PORT] (plain HTTP), as "
                   "docker -H takes it; repeat for several hosts. NAME (default: the "
                   "daemon's own, /info Name) names its files. Default: $DOCKER_HOST, else "
                   f"{DEFAULT_HOST}.")
@click.option("-o", "--output", "output", required=True, metavar="DIR",
              help="The snapshot directory (made if missing; must be empty).")
@click.option("--force", is_flag=True,
              help="Write into DIR even if it holds files (same names are replaced).")
@click.option("--lan", default=None, metavar="CIDR", help="hosts.yaml: the hosts' LAN.")
@click.option("--gateway", default=None, metavar="ADDR",
              help="hosts.yaml: the LAN's gateway (router).")
@click.option("--address", "addresses", multiple=True, metavar="NAME=ADDR",
              help="hosts.yaml: host NAME's address on the LAN (repeatable).")
@click.option("--parent", "parents", multiple=True, metavar="NAME=IFACE",
              help="hosts.yaml: host NAME's LAN interface, macvlan's parent (repeatable).")
@click.option("--timeout", default=10.0, show_default=True, metavar="SECONDS",
              type=click.FloatRange(min=0, min_open=True),
              help="How long to wait for each answer.")
def snapshot_command(hosts: tuple[str, ...], output: str, force: bool, lan: str | None,
                     gateway: str | None, addresses: tuple[str, ...], parents: tuple[str, ...],
                     timeout: float) -> None:
    """Ask running Docker daemons for their containers and networks, and write DIR: per host
    NAME.json (what `docker inspect $(docker ps -aq) $(docker network ls -q)` prints),
    NAME.version.json and NAME.info.json; hosts.yaml with --lan/--gateway/--address/--parent.
    See docs/snapshot.md."""
    endpoints = _endpoints(hosts)
    facts = LanFacts.from_options(lan, gateway, addresses, parents)
    check_directory(output, force=force)
    snapshots = [take_snapshot(e, timeout=timeout) for e in endpoints]
    by_name: dict[str, HostSnapshot] = {}
    for snap in snapshots:
        if snap.name in by_name:
            raise InputError("-H", f"two hosts are named {snap.name!r} ({by_name[snap.name].url}"
                             f" and {snap.url}); name them with -H NAME=HOST")
        by_name[snap.name] = snap
    facts.check_names(list(by_name))
    write_snapshot(output, snapshots, facts)
    for snap in snapshots:
        click.echo(f"{snap.name}: {len(snap.containers)} containers, {len(snap.networks)} "
                   f"networks -> {os.path.join(output, snap.name + '.json')}")
