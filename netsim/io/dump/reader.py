"""Reading ``docker inspect`` dumps from the disk: which files, which host each belongs to, and
JSON that is JSON of the right shape, before anything is converted (:mod:`.convert`).

A dump is chosen by its name (:mod:`netsim.io.inputs`), never by its content:

* a directory: one host per ``HOST.json`` (what ``docker inspect $(docker ps -aq) $(docker
  network ls -q)`` prints on that host), or per pair ``HOST.containers.json`` and
  ``HOST.networks.json``; beside them, optionally, ``HOST.version.json`` and ``HOST.info.json``
  (``docker version``/``docker info --format '{{json .}}'``, or the Engine API's ``GET
  /version``/``GET /info``) and ``hosts.yaml`` (the LAN and the hosts' addresses);
* a file named ``NAME.inspect.json`` (or any file with ``--format inspect``): one host, named
  ``NAME``.

In the array, an object is a container or a network by what ``docker inspect`` itself tells
apart (cli/command/system/inspect.go inspectAll asks for each reference in turn): a container
has ``State`` and ``Config``, a network ``Scope`` and ``IPAM``.
"""

from __future__ import annotations

import ipaddress
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from netsim.api import DEFAULT_HOST, ImageDecl
from netsim.errors import InputError
from netsim.io.inputs import decode_text

__all__ = ["Dump", "HostDump", "HostsFile", "read_dump"]

#: the names of a dump directory's files: HOST.json, HOST.containers.json, HOST.networks.json,
#: HOST.version.json, HOST.info.json
_PART = re.compile(r"(?P<host>[A-Za-z0-9][A-Za-z0-9_.-]*?)"
                   r"(?:\.(?P<part>containers|networks|version|info|inspect))?\.json")

_HOSTS_FORM = ("hosts.yaml: {lan: CIDR, gateway: ADDRESS, internet_hops: N, hosts: {NAME: "
               "{address: ADDRESS, parent: INTERFACE, dns: [ADDRESS, …]}}, images: [{name: "
               "IMAGE, listen: [PORT/tcp, …], expose: […], runs: server, tools: [TOOL, …]}]}")

#: the keys that make an object a container, or a network, of docker inspect's array
CONTAINER_KEYS = ("State", "Config")
NETWORK_KEYS = ("Scope", "IPAM")


@dataclass(frozen=True)
class Located:
    """One object of a dump with where it came from: ``server1.json: [3]``."""

    where: str
    obj: dict[str, Any]


@dataclass(frozen=True)
class HostDump:
    """What one host's files hold: its containers and networks (in the dump's order), and its
    ``docker version``/``docker info`` if given."""

    name: str
    source: str
    containers: tuple[Located, ...]
    networks: tuple[Located, ...]
    version: dict[str, Any] | None = None
    info: dict[str, Any] | None = None
    #: False for a machine hosts.yaml names without a dump beside it (another machine on the
    #: LAN: netsim knows its address, not its containers)
    dumped: bool = True


@dataclass(frozen=True)
class HostsFile:
    """``hosts.yaml``: the LAN and each host's address and parent interface."""

    lan: ipaddress.IPv4Network | None = None
    gateway: ipaddress.IPv4Address | None = None
    #: routers between the LAN's router and the internet (netsim.api.Lan.internet_hops)
    internet_hops: int | None = None
    addresses: dict[str, ipaddress.IPv4Address] = field(default_factory=dict)
    parents: dict[str, str] = field(default_factory=dict)
    #: the nameservers of each host's own /etc/resolv.conf
    dns: dict[str, tuple[ipaddress.IPv4Address, ...]] = field(default_factory=dict)
    #: facts about images netsim does not know, as a scenario's ``images:`` declares them (a
    #: dump has no comment lines for ``# netsim: image``)
    images: tuple[ImageDecl, ...] = ()


@dataclass(frozen=True)
class Dump:
    """A whole dump: one or more hosts, and ``hosts.yaml``."""

    path: str
    hosts: tuple[HostDump, ...]
    hosts_file: HostsFile = field(default_factory=HostsFile)


def read_dump(path: str) -> Dump:
    """The dump at ``path`` (a directory, or one file): InputError, one line, when a file is
    missing, not JSON, or JSON of the wrong shape."""
    if path == "-":  # standard input: one host's array (netsim … --format inspect -)
        containers, networks = _split("<stdin>", _load_json("-"))
        return Dump(path="<stdin>", hosts=(HostDump(name=DEFAULT_HOST, source="<stdin>",
                                                    containers=containers,
                                                    networks=networks),))
    p = Path(path)
    if p.is_dir():
        return _read_directory(p)
    if not p.exists():
        raise InputError(path, "no such file or directory")
    name = p.name
    for suffix in (".json", ".inspect"):
        name = name.removesuffix(suffix)
    if not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", name):
        name = "host"
    containers, networks = _split(path, _load_json(path))
    return Dump(path=path, hosts=(HostDump(name=name, source=path, containers=containers,
                                           networks=networks),))


def _read_directory(d: Path) -> Dump:
    parts: dict[str, dict[str, Path]] = {}
    others: list[str] = []
    for f in sorted(d.iterdir()):
        if f.name in ("hosts.yaml", "hosts.yml") or f.name.startswith("."):
            continue
        m = _PART.fullmatch(f.name)
        if m is None or not f.is_file():
            others.append(f.name)
            continue
        part = m.group("part")
        # HOST.inspect.json is HOST.json (the name a one-host dump has on its own)
        parts.setdefault(m.group("host"), {})[
            "all" if part in (None, "inspect") else part] = f
    where = str(d)
    if not parts:
        raise InputError(where, "no dump in the directory", got=", ".join(others) or "nothing",
                         accepted="HOST.json (docker inspect $(docker ps -aq) $(docker network "
                                  "ls -q)) for each host, or HOST.containers.json and "
                                  "HOST.networks.json")
    hosts = []
    for host, files in parts.items():
        if "all" in files and ({"containers", "networks"} & set(files)):
            raise InputError(str(files["all"]), "the host's dump is given twice",
                             got=", ".join(sorted(f.name for f in files.values())),
                             accepted="HOST.json, or HOST.containers.json and "
                                      "HOST.networks.json")
        if not ({"all", "containers", "networks"} & set(files)):
            only = next(iter(files.values()))
            raise InputError(str(only), "no dump of this host beside it",
                             accepted=f"{host}.json")
        containers: list[Located] = []
        networks: list[Located] = []
        for part in ("all", "containers", "networks"):
            if part in files:
                cs, ns = _split(str(files[part]), _load_json(str(files[part])))
                containers += cs
                networks += ns
        version = _load_object(str(files["version"])) if "version" in files else None
        info = _load_object(str(files["info"])) if "info" in files else None
        source = str(files.get("all") or files.get("containers") or files["networks"])
        hosts.append(HostDump(name=host, source=source, containers=tuple(containers),
                              networks=tuple(networks), version=version, info=info))
    hosts_file = HostsFile()
    for name in ("hosts.yaml", "hosts.yml"):
        if (d / name).is_file():
            hosts_file = _read_hosts_file(d / name)
    dumped = {h.name for h in hosts}
    for name in hosts_file.addresses:
        if name not in dumped:
            hosts.append(HostDump(name=name, source=str(d / "hosts.yaml"), containers=(),
                                  networks=(), dumped=False))
    return Dump(path=str(d), hosts=tuple(hosts), hosts_file=hosts_file)


def _load_json(path: str) -> Any:
    """The JSON value of a file; ``FILE:LINE:COLUMN: not valid JSON: …`` otherwise."""
    try:
        # a byte order mark is dropped (PowerShell's `docker inspect > x.json` writes one)
        text = (sys.stdin.read().removeprefix("\ufeff") if path == "-"
                else decode_text(Path(path).read_bytes(), path))
    except UnicodeDecodeError:
        raise InputError(path, "not UTF-8 text", accepted="the JSON docker inspect prints") \
            from None
    except OSError as err:
        raise InputError(path, f"cannot read the file: {err.strerror}") from None
    if not text or text.isspace():  # (strip() would copy a dump of 100 MB)
        raise InputError(path, "the file is empty",
                         accepted="the JSON array docker inspect prints") from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as err:
        # cut short: nothing after the error but a string or word the end cut off
        rest = text[err.pos:].rstrip()
        truncated = not rest or err.msg.startswith("Unterminated string") or \
            _CUT_WORD.fullmatch(rest) is not None
        what = "the JSON ends too early (a truncated dump?)" if truncated else \
            f"not valid JSON: {err.msg}"
        raise InputError(f"{path}:{err.lineno}:{err.colno}", what) from None
    except RecursionError:
        raise InputError(path, "not valid JSON: nested too deeply") from None


#: what remains of a word of JSON the end of the file cut: true, false, null, a number's sign,
#: fraction or exponent
_CUT_WORD = re.compile(r"t(?:r(?:u)?)?|f(?:a(?:l(?:s)?)?)?|n(?:u(?:l)?)?|-|\.|[eE][-+]?")


def _load_object(path: str) -> dict[str, Any]:
    value = _load_json(path)
    if not isinstance(value, dict):
        raise InputError(path, "must be a JSON object", got=_kind(value),
                         accepted="docker version/info --format '{{json .}}', or the Engine "
                                  "API's GET /version, GET /info")
    return value


def _split(path: str, value: Any) -> tuple[tuple[Located, ...], tuple[Located, ...]]:
    """The containers and networks of one file's array, in its order."""
    single = isinstance(value, dict)
    if single:
        value = [value]  # one object alone (docker inspect of one thing prints an array)
    if not isinstance(value, list):
        raise InputError(path, "must be a JSON array of containers and networks",
                         got=_kind(value), accepted="what docker inspect $(docker ps -aq) "
                                                    "$(docker network ls -q) prints")
    containers: list[Located] = []
    networks: list[Located] = []
    for i, obj in enumerate(value):
        where = f"{path}: [{i}]"
        if not isinstance(obj, dict):
            raise InputError(where, "must be a container or a network (a JSON object)",
                             got=_kind(obj))
        if all(k in obj for k in CONTAINER_KEYS):
            containers.append(Located(where, obj))
        elif all(k in obj for k in NETWORK_KEYS):
            networks.append(Located(where, obj))
        else:
            raise InputError(path if single else where, "neither a container nor a network",
                             got="keys " + ", ".join(list(obj)[:6]) if obj else "{}",
                             accepted="a container (with State and Config) or a network "
                                      "(with Scope and IPAM), as docker inspect prints them")
    return tuple(containers), tuple(networks)


def _kind(value: Any) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean",
            type(None): "null"}.get(type(value), "a number")


def _read_hosts_file(path: Path) -> HostsFile:
    """``hosts.yaml`` (YAML: PyYAML, imported here only)."""
    import yaml

    where = str(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (yaml.YAMLError, UnicodeDecodeError) as err:
        mark = getattr(err, "problem_mark", None)
        at = f"{where}:{mark.line + 1}" if mark is not None else where
        raise InputError(at, "not valid YAML", accepted=_HOSTS_FORM) from None
    if data is None:
        return HostsFile()
    if not isinstance(data, dict) or set(data) - {"lan", "gateway", "internet_hops", "hosts",
                                                  "images"}:
        raise InputError(where, "unknown or malformed keys",
                         got=", ".join(map(str, data)) if isinstance(data, dict) else data,
                         accepted=_HOSTS_FORM)

    def parsed(key: str, value: Any, kind: type[Any]) -> Any:
        try:
            return kind(str(value))
        except ValueError:
            raise InputError(f"{where}: {key}", "not an IPv4 " + (
                "network" if kind is ipaddress.IPv4Network else "address"), got=value,
                accepted=_HOSTS_FORM) from None

    lan = parsed("lan", data["lan"], ipaddress.IPv4Network) if data.get("lan") else None
    gateway = parsed("gateway", data["gateway"], ipaddress.IPv4Address) \
        if data.get("gateway") else None
    hops = data.get("internet_hops")
    if hops is not None and (isinstance(hops, bool) or not isinstance(hops, int)
                             or not 0 <= hops <= 60):
        raise InputError(f"{where}: internet_hops", "not a number of routers", got=hops,
                         accepted="0 to 60")
    addresses: dict[str, ipaddress.IPv4Address] = {}
    parents: dict[str, str] = {}
    dns: dict[str, tuple[ipaddress.IPv4Address, ...]] = {}
    entries = data.get("hosts") or {}
    if not isinstance(entries, dict):
        raise InputError(f"{where}: hosts", "must be a mapping of host names",
                         got=entries, accepted=_HOSTS_FORM)
    seen: dict[ipaddress.IPv4Address, str] = {}
    for name, entry in entries.items():
        key = f"hosts.{name}"
        if not isinstance(name, str) or not re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9_.-]*", name):
            raise InputError(f"{where}: {key}", "not a host name", got=name,
                             accepted="letters, digits, '_', '.', '-'")
        if not isinstance(entry, dict) or set(entry) - {"address", "parent", "dns"}:
            raise InputError(f"{where}: {key}", "unknown or malformed keys", got=entry,
                             accepted="{address: ADDRESS, parent: INTERFACE, dns: [ADDRESS]}")
        if entry.get("address") is not None:
            addr = parsed(f"{key}.address", entry["address"], ipaddress.IPv4Address)
            if addr in seen:
                raise InputError(f"{where}: {key}.address", "two hosts claim one address",
                                 got=f"{addr} (also {seen[addr]})")
            if lan is not None and addr not in lan:
                raise InputError(f"{where}: {key}.address", "not inside the LAN",
                                 got=f"{addr} (lan {lan})")
            if (lan is not None and addr in (lan.network_address, lan.broadcast_address)) \
                    or addr == gateway:
                raise InputError(f"{where}: {key}.address", "not a host's address on the LAN "
                                 "(the LAN's own, its broadcast or its router's)", got=str(addr))
            seen[addr] = str(name)
            addresses[str(name)] = addr
        if entry.get("parent") is not None:
            parent = entry["parent"]
            if not isinstance(parent, str) or not re.fullmatch(r"[A-Za-z0-9_.@-]{1,15}", parent):
                raise InputError(f"{where}: {key}.parent", "not an interface name", got=parent,
                                 accepted="a name such as eth0 (at most 15 characters)")
            parents[str(name)] = parent
        servers = entry.get("dns")
        if servers is not None:
            if not isinstance(servers, list):
                raise InputError(f"{where}: {key}.dns", "must be a list of addresses",
                                 got=servers, accepted="dns: [ADDRESS, …]")
            dns[str(name)] = tuple(parsed(f"{key}.dns", s, ipaddress.IPv4Address)
                                   for s in servers)
    if lan is not None and gateway is not None and gateway not in lan:
        raise InputError(f"{where}: gateway", "not inside the LAN", got=f"{gateway} (lan {lan})")
    return HostsFile(lan=lan, gateway=gateway, internet_hops=hops, addresses=addresses,
                     parents=parents, dns=dns, images=_images(where, data.get("images")))


def _images(where: str, entries: Any) -> tuple[ImageDecl, ...]:
    """``images:``: a list of image declarations, as a scenario's (netsim.api.ImageDecl)."""
    from pydantic import ValidationError

    if entries is None:
        return ()
    if not isinstance(entries, list):
        raise InputError(f"{where}: images", "must be a list of image declarations",
                         got=entries, accepted=_HOSTS_FORM)
    out = []
    for i, entry in enumerate(entries):
        try:
            out.append(ImageDecl.model_validate(entry))
        except ValidationError as err:
            first = err.errors()[0]
            at = ".".join(str(x) for x in first["loc"])
            raise InputError(f"{where}: images[{i}]" + (f".{at}" if at else ""),
                             str(first["msg"]).removeprefix("Value error, "), got=entry,
                             accepted="{name: IMAGE, listen: [PORT/tcp, …], expose: […], "
                                      "runs: server|shell|exits, tools: [TOOL, …]}") from None
    return tuple(out)
