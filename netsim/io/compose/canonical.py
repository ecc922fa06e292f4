"""A compose file's values in their canonical form, as compose-go's ``transform`` package and
its type decoding give them (what ``docker compose config`` prints and the rest of netsim
reads): short syntaxes become long ones, lists of ``KEY=VALUE`` become mappings, a command
string becomes its words.

Each function takes and returns plain values (dicts, lists, strings, numbers) and raises
:class:`CanonicalError` with Compose's text.

>>> ports([\"8080:80\", \"53:53/udp\"])[0]
{'mode': 'ingress', 'target': 80, 'published': '8080', 'protocol': 'tcp'}
>>> command("httpd -f -p '5432'")
['httpd', '-f', '-p', '5432']
"""

from __future__ import annotations

import posixpath
import shlex
from typing import Any

from netsim.dockercli.publish import legacy_port_spec, parse_port_spec
from netsim.errors import DockerCliError

__all__ = ["CanonicalError", "command", "depends_on", "extra_hosts", "mapping", "networks",
           "ports", "string_list", "volumes"]


class CanonicalError(ValueError):
    """A value Compose refuses while reading it into its model (Compose's text)."""


def _text(value: Any) -> str:
    """A scalar as Go's fmt prints it (compose-go decodes scalars of string fields so)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def ports(items: list[Any]) -> list[dict[str, Any]]:
    """``ports:`` in the long syntax: one entry per container port (compose-go types.go
    ParsePortConfig, which reads a short entry with go-connections' ``nat.ParsePortSpecs``
    and sorts the container ports; the texts are that go-connections' own)."""
    out: list[dict[str, Any]] = []
    for item in items:
        if isinstance(item, dict):
            entry: dict[str, Any] = {}
            for key in ("name", "mode", "host_ip", "target", "published", "protocol",
                        "app_protocol"):
                if key in item and item[key] not in (None, ""):
                    entry[key] = item[key]
            entry.setdefault("mode", "ingress")
            if "target" in entry:
                entry["target"] = int(entry["target"])
            if "published" in entry:
                entry["published"] = _text(entry["published"])
            entry.setdefault("protocol", "tcp")
            keys = ("name", "mode", "host_ip", "target", "published", "protocol", "app_protocol")
            ordered: dict[str, Any] = {k: entry[k] for k in keys if k in entry}
            ordered.update({k: v for k, v in item.items() if k.startswith("x-")})
            out.append(ordered)
            continue
        spec = _text(item)
        try:
            legacy_port_spec(spec)
            parsed = parse_port_spec(spec)
        except DockerCliError as err:
            raise CanonicalError(err.text) from None
        except ValueError as err:
            raise CanonicalError(str(err)) from None
        for key, binding in sorted(parsed, key=lambda kb: kb[0]):
            port, proto = key.split("/")
            entry = {"mode": "ingress"}
            if binding.HostIp:
                entry["host_ip"] = binding.HostIp
            entry["target"] = int(port)
            if binding.HostPort:
                entry["published"] = binding.HostPort
            entry["protocol"] = proto
            out.append(entry)
    return out


def command(value: Any) -> list[str] | None:
    """``command``/``entrypoint``: a string is split into words as a POSIX shell would
    (compose-go types ShellCommand, via shellwords); a list is kept."""
    if value is None:
        return None
    if isinstance(value, list):
        return [_text(v) for v in value]
    try:
        return shlex.split(_text(value))
    except ValueError as err:
        raise CanonicalError(f"invalid command line string: {err}") from None


def mapping(value: Any, *, none_values: bool = True) -> dict[str, str | None]:
    """``environment``, ``labels`` and the like: a list of ``KEY=VALUE`` (``KEY`` alone: no
    value) or a mapping, as a mapping of strings (compose-go types MappingWithEquals)."""
    out: dict[str, str | None] = {}
    if isinstance(value, dict):
        for k, v in value.items():
            out[k] = None if v is None and none_values else ("" if v is None else _text(v))
        return out
    for item in value or []:
        text = _text(item)
        key, eq, val = text.partition("=")
        out[key] = val if eq else (None if none_values else "")
    return out


def string_list(value: Any) -> list[str]:
    """A string-or-list value as a list."""
    if value is None:
        return []
    if isinstance(value, list):
        return [_text(v) for v in value]
    return [_text(value)]


def networks(value: Any) -> dict[str, dict[str, Any] | None]:
    """A service's ``networks:``: a list of names becomes a mapping to null."""
    if isinstance(value, list):
        return {_text(n): None for n in value}
    return {k: (dict(v) if isinstance(v, dict) else None) for k, v in (value or {}).items()}


def depends_on(value: Any) -> dict[str, dict[str, Any]]:
    """``depends_on``: the short list becomes ``{condition: service_started, required:
    true}`` for each (compose-go transform/dependson.go); the long form gets those defaults."""
    if isinstance(value, list):
        return {_text(n): {"condition": "service_started", "required": True} for n in value}
    out: dict[str, dict[str, Any]] = {}
    for name, spec in (value or {}).items():
        spec = dict(spec or {})
        entry: dict[str, Any] = {"condition": spec.get("condition") or "service_started"}
        if spec.get("restart"):
            entry["restart"] = True
        entry.update({k: v for k, v in spec.items() if k.startswith("x-")})
        entry["required"] = spec.get("required", True)
        out[name] = entry
    return out


def volumes(items: list[Any], working_dir: str) -> list[dict[str, Any]]:
    """``volumes:`` in the long syntax (compose-go format/volume.go ParseVolume): a source
    that is a path (``./x``, ``/x``, ``~``) is a bind, made absolute against the project's
    directory, with ``bind: {create_host_path: true}``; a name is a named volume; a lone
    target an anonymous one; ``:ro`` sets ``read_only``, ``:nocopy`` ``volume.nocopy``."""
    out: list[dict[str, Any]] = []
    for item in items:
        if isinstance(item, dict):
            long = dict(item)
            if long.get("type") == "bind":  # paths/resolve.go absVolumeMount
                if "source" not in long:
                    raise CanonicalError('invalid mount config for type "bind": field Source '
                                         "must not be empty")
                source = long["source"]
                if isinstance(source, str):  # maybeUnixPath: ~ expanded, then absolute
                    if source == "~" or source.startswith("~/"):
                        source = "/root" + source[1:]
                    long["source"] = posixpath.normpath(posixpath.join(working_dir, source))
            out.append(long)
            continue
        parts = _text(item).split(":")
        if len(parts) == 1:
            out.append({"type": "volume", "target": parts[0], "volume": {}})
            continue
        source, target, *modes = parts
        flags = ",".join(modes).split(",") if modes else []
        bind = source.startswith((".", "/", "~"))
        entry: dict[str, Any] = {"type": "bind" if bind else "volume"}
        if bind:
            if source.startswith("~"):
                source = "/root" + source[1:]
            source = posixpath.normpath(posixpath.join(working_dir, source))
        entry["source"] = source
        entry["target"] = target
        if "ro" in flags:
            entry["read_only"] = True
        if bind:
            entry["bind"] = {"create_host_path": True}
        else:
            entry["volume"] = {"nocopy": True} if "nocopy" in flags else {}
        out.append(entry)
    return out


def extra_hosts(value: Any) -> list[str]:
    """``extra_hosts`` as compose-go's HostsList prints it: ``NAME=IP`` entries (a list in
    ``NAME:IP`` or ``NAME=IP`` form, or a mapping)."""
    if isinstance(value, dict):
        pairs = [(k, v) for k, vs in value.items()
                 for v in (vs if isinstance(vs, list) else [vs])]
    else:
        pairs = []
        for item in value or []:
            text = _text(item)
            sep = "=" if "=" in text else ":"
            name, _, address = text.partition(sep)
            pairs.append((name, address))
    return [f"{k}={_text(v)}" for k, v in pairs]
