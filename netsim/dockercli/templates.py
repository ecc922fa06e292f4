"""docker/cli's templates (``templates/templates.go`` at v29.1.0) over Go's text/template
(:mod:`netsim.golang.template`): docker's functions (``json``, ``split``, ``join``, ``title``,
``lower``, ``upper``, ``pad``, ``truncate``), the header functions of its tables, and
``docker inspect``'s typed-then-raw run of a template over an object's JSON.

docker inspect (cli/command/inspect/inspector.go) executes the template on the typed API object
first and, when that fails, once more on the raw JSON decoded into ``map[string]any`` with
``missingkey=error`` (:func:`render`). netsim has the JSON only; it tells maps from structs by
the field a dict hangs off (:func:`typed`): a key missing from a *map* is Go's invalid value
(``<no value>``), a key missing from a *struct* fails the typed run, and the raw run then says
``map has no entry for key``::

    >>> render('{{.Name}} {{range $k, $v := .Networks}}{{$k}}={{$v.IP}} {{end}}',
    ...        {"Name": "/web", "Networks": {"b": {"IP": "10.0.0.2"}, "a": {"IP": "10.0.1.2"}}})
    '/web a=10.0.1.2 b=10.0.0.2 '
    >>> try:
    ...     render('{{.Nope}}', {"Name": "/web"})
    ... except ExecError as err:
    ...     print(err)
    template: :1:2: executing "" at <.Nope>: map has no entry for key "Nope"
    >>> parse('{{.Name')
    Traceback (most recent call last):
        ...
    netsim.golang.template.errors.ParseError: template: :1: unclosed action
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from netsim.golang.template import (
    BUILTINS,
    ExecError,
    GoFunc,
    GoMap,
    JsonNumber,
    JsonStruct,
    NilOf,
    Template,
    go_json,
)
from netsim.golang.template import parse as go_parse

__all__ = ["DOCKER_FUNCS", "HEADER_FUNCS", "parse", "render", "typed"]


#: maps in Docker's API objects (keys of a JSON object that decodes into a Go map)
_MAP_KEYS = frozenset({
    "Labels", "Options", "Networks", "Ports", "ExposedPorts", "Containers", "DriverOpts",
    "AuxiliaryAddresses", "Volumes", "PortBindings", "Sysctls", "StorageOpt", "Tmpfs",
    "Annotations", "Services", "Data",
})
#: the maps among them whose values are strings
_STRING_MAPS = frozenset({"Labels", "Options", "DriverOpts", "Data", "AuxiliaryAddresses",
                          "Sysctls", "StorageOpt", "Tmpfs", "Annotations", "Config"})
#: keys that are maps only under a given parent (``LogConfig.Config``; a container's ``Config``
#: and ``IPAM.Config`` are not)
_MAP_UNDER = {("LogConfig", "Config"), ("Log", "Config")}
#: keys holding Go slices: a null there prints ``[]`` in a typed run
_SLICE_KEYS = frozenset({
    "Args", "Aliases", "Links", "DNSNames", "Env", "Cmd", "Entrypoint", "Binds", "CapAdd",
    "CapDrop", "Dns", "DnsOptions", "DnsSearch", "ExtraHosts", "GroupAdd", "SecurityOpt",
    "SecondaryIPAddresses", "SecondaryIPv6Addresses", "Mounts", "ExecIDs", "VolumesFrom",
    "OnBuild", "Devices", "DeviceCgroupRules", "DeviceRequests", "Ulimits", "Config", "Peers",
    "ConsoleSize", "MaskedPaths", "ReadonlyPaths", "BlkioWeightDevice", "BlkioDeviceReadBps",
    "BlkioDeviceWriteBps", "BlkioDeviceReadIOps", "BlkioDeviceWriteIOps", "Shell",
})



def typed(data: Any, key: str = "", parent: str = "") -> Any:
    """JSON data as a typed run sees it: Go maps become :class:`GoMap`, nulls typed nils."""
    if isinstance(data, dict):
        items = {k: typed(v, k, key) for k, v in data.items()}
        if key in _MAP_KEYS or (parent, key) in _MAP_UNDER:
            m = GoMap(items)
            if key in _STRING_MAPS:
                m.zero = ""
            return m
        return items
    if isinstance(data, list):
        if (parent, key) == ("IPAM", "Config"):  # network.IPAMConfig, every field printed
            return [_ipam_config(v) if isinstance(v, dict) else typed(v) for v in data]
        return [typed(v, "", key) for v in data]
    if data is None:
        if key in _MAP_KEYS or (parent, key) in _MAP_UNDER:
            return NilOf("map")
        return NilOf("slice" if key in _SLICE_KEYS else "pointer")
    return data


def _ipam_config(entry: dict[str, Any]) -> dict[str, Any]:
    """network.IPAMConfig as Go holds it: ``AuxAddress`` (the JSON's ``AuxiliaryAddresses``, so
    ``{{.AuxiliaryAddresses}}`` fails the typed run as in Go) and the fields JSON left out
    (measured: ``{{.IPAM.Config}}`` prints ``[{10.7.0.0/16 10.7.1.0/24  map[]}]``)."""
    aux = GoMap(entry.get("AuxiliaryAddresses") or {})
    aux.zero = ""
    struct = JsonStruct({"Subnet": entry.get("Subnet", ""), "IPRange": entry.get("IPRange", ""),
                      "Gateway": entry.get("Gateway", ""), "AuxAddress": aux})
    struct.as_json = entry
    return struct


def _raw(data: Any) -> Any:
    """JSON data as ``json.Decoder.UseNumber`` decodes it into ``any``."""
    if isinstance(data, dict):
        return GoMap({k: _raw(v) for k, v in data.items()})
    if isinstance(data, list):
        return [_raw(v) for v in data]
    if isinstance(data, bool) or data is None or isinstance(data, str):
        return data
    if isinstance(data, (int, float)):
        return JsonNumber(json.dumps(data))
    return data



def _title(s: str) -> str:
    """``strings.Title``: upper-case the first letter of each word."""
    out = []
    prev = " "
    for ch in s:
        out.append(ch.upper() if not (prev.isalnum() or prev == "_" or prev == "'") else ch)
        prev = ch
    return "".join(out)


def _split(s: str, sep: str) -> list[str]:
    if sep == "":
        return list(s)
    return s.split(sep)


def _join(elems: Any, sep: str) -> str:
    return sep.join(str(e) for e in elems or [])


def _pad(source: str, prefix: int, suffix: int) -> str:
    return source if source == "" else " " * prefix + source + " " * suffix


def _truncate(source: str, length: int) -> str:
    b = source.encode()
    return source if len(b) < length else b[:length].decode(errors="replace")



#: docker/cli templates.basicFunctions, over the builtins
DOCKER_FUNCS: dict[str, GoFunc] = {
    **BUILTINS,
    "json": GoFunc(go_json, ("any",)),
    "split": GoFunc(_split, ("string", "string")),
    "join": GoFunc(_join, ("[]string", "string")),
    "title": GoFunc(_title, ("string",)),
    "lower": GoFunc(str.lower, ("string",)),
    "upper": GoFunc(str.upper, ("string",)),
    "pad": GoFunc(_pad, ("string", "int", "int")),
    "truncate": GoFunc(_truncate, ("string", "int")),
}

#: templates.HeaderFunctions: a table header keeps the column names as they are
HEADER_FUNCS: dict[str, GoFunc] = {
    **DOCKER_FUNCS,
    "json": GoFunc(lambda v: v, ("string",)),
    "split": GoFunc(lambda v, _: v, ("string", "string")),
    "join": GoFunc(lambda v, _: v, ("string", "string")),
    "title": GoFunc(lambda v: v, ("string",)),
    "lower": GoFunc(lambda v: v, ("string",)),
    "upper": GoFunc(lambda v: v, ("string",)),
    "truncate": GoFunc(lambda v, _: v, ("string", "int")),
}


def parse(text: str, funcs: Mapping[str, GoFunc] = DOCKER_FUNCS) -> Template:
    """Parse like docker's ``templates.Parse``; ParseError with Go's text when it fails."""
    return go_parse(text, funcs)


def render(template: str | Template, data: Any) -> str:
    """What ``docker inspect -f`` prints for one object (without the newline).

    The typed run first; when it fails, the raw run with ``missingkey=error``, whose error is
    the one docker reports (cli/command/inspect/inspector.go ``tryRawInspectFallback``).
    """
    tmpl = parse(template) if isinstance(template, str) else template
    try:
        return tmpl.execute(typed(data))
    except ExecError:
        return tmpl.execute(_raw(data), raw=True, missingkey_error=True)
