"""The shape of a compose file, checked as Docker Compose checks it before anything else.

Compose validates each file (after interpolation and merging) against the Compose
Specification's JSON schema (compose-go ``schema/compose-spec.json``) and prints the most
specific failure (compose-go ``schema/schema.go``: the deepest path wins; an unknown key
counts one level deeper than its object) in one of these forms::

    services.web additional properties 'prots' not allowed
    services.web.image must be a string
    services.web.ports must be a array
    services.web.deploy.replicas must be a integer or string

The table below is netsim's own description of that schema: every key the specification
allows (so an unknown key is refused as Compose refuses it) with the types it accepts. Where
the specification allows several shapes (a list or a mapping), both are described; values
netsim does not read are checked for their type only. A JSON-schema library would need the
specification's schema file itself; the table keeps netsim's copy of the facts small, typed
and next to the rules that read them.

>>> check({"services": {"web": {"image": "nginx", "prots": ["80:80"]}}})
"services.web additional properties 'prots' not allowed"
>>> check({"services": {"web": {"image": ["nginx"]}}})
'services.web.image must be a string'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from netsim.golang.quote import go_quote

__all__ = ["check", "check_where"]


@dataclass(frozen=True)
class Obj:
    """A mapping: known ``props``, and ``each`` for the values of other keys matching
    ``keys`` (a pattern; None: no other keys); ``x-`` keys are allowed when ``x``."""

    props: dict[str, Spec] = field(default_factory=dict)
    each: Spec | None = None
    keys: str = ".+"
    x: bool = True
    null: bool = False  # null accepted too (type ["object", "null"])
    required: tuple[str, ...] = ()  # "required": these keys must be there
    open: bool = False  # keys other than ``props`` take any value (netsim checks no more)


@dataclass(frozen=True)
class Arr:
    """A list of ``items``; ``unique``: "uniqueItems" (no two items equal)."""

    items: Spec | None = None
    unique: bool = False


@dataclass(frozen=True)
class Str:
    """A string that matches ``pattern`` (searched, as JSON schema does) or is one of
    ``enum``."""

    pattern: str | None = None
    enum: tuple[str, ...] = ()


@dataclass(frozen=True)
class OneOf:
    """One of several shapes."""

    alts: tuple[Spec, ...]


Scalar = tuple[str, ...]  # JSON types: string, integer, number, boolean, null
Spec = Obj | Arr | OneOf | Str | Scalar | None  # None: anything

S: Scalar = ("string",)
INT_S: Scalar = ("integer", "string")
NUM_S: Scalar = ("number", "string")
BOOL_S: Scalar = ("boolean", "string")
LIST_OF_STRINGS = Arr(S, unique=True)
STRING_OR_LIST = OneOf((S, LIST_OF_STRINGS))
LIST_OR_DICT = OneOf((Obj(each=("string", "number", "boolean", "null"), x=False),
                      Arr(S, unique=True)))
COMMAND = OneOf((("null",), S, Arr(S)))
NAME_KEYS = r"^[a-zA-Z0-9._-]+$"

_PORT = Obj({"name": S, "mode": S, "host_ip": S, "target": INT_S, "published": INT_S,
             "protocol": S, "app_protocol": S}, x=True)
_SERVICE_NETWORK = OneOf((Obj({"aliases": LIST_OF_STRINGS, "interface_name": S,
                               "ipv4_address": S, "ipv6_address": S,
                               "link_local_ips": LIST_OF_STRINGS, "mac_address": S,
                               "driver_opts": Obj(each=("string", "number"), x=False),
                               "priority": ("number",), "gw_priority": ("number",)}),
                          ("null",)))
_DEPENDS_ON = OneOf((LIST_OF_STRINGS, Obj(each=Obj(
    {"restart": BOOL_S, "required": ("boolean",),
     "condition": Str(enum=("service_started", "service_healthy",
                            "service_completed_successfully"))},
    required=("condition",)), keys=NAME_KEYS, x=False)))
_DEPLOY = Obj({"mode": S, "endpoint_mode": S, "replicas": INT_S, "labels": LIST_OR_DICT,
               "rollback_config": Obj(each=None), "update_config": Obj(each=None),
               "resources": Obj(each=None), "restart_policy": Obj(each=None),
               "placement": Obj(each=None)}, null=True)
_HEALTHCHECK = Obj({"disable": BOOL_S, "interval": S, "retries": NUM_S, "test": STRING_OR_LIST,
                    "timeout": S, "start_period": S, "start_interval": S})
_ANY_OBJ = Obj(each=None)
_VOLUME = Obj({"type": Str(enum=("bind", "volume", "tmpfs", "cluster", "npipe", "image"))},
              required=("type",), open=True)

#: every service key of the Compose Specification (compose-go v2.9.1 schema), with its types
SERVICE = Obj({
    "develop": None, "deploy": _DEPLOY, "annotations": LIST_OR_DICT, "attach": BOOL_S,
    "build": OneOf((S, _ANY_OBJ)), "blkio_config": _ANY_OBJ, "cap_add": LIST_OF_STRINGS,
    "cap_drop": LIST_OF_STRINGS, "cgroup": Str(enum=("host", "private")), "cgroup_parent": S,
    "command": COMMAND, "configs": Arr(None),
    "container_name": Str(pattern="[a-zA-Z0-9][a-zA-Z0-9_.-]+"), "cpu_count": INT_S,
    "cpu_percent": INT_S,
    "cpu_shares": NUM_S, "cpu_quota": NUM_S, "cpu_period": NUM_S, "cpu_rt_period": NUM_S,
    "cpu_rt_runtime": NUM_S, "cpus": NUM_S, "cpuset": S, "credential_spec": _ANY_OBJ,
    "depends_on": _DEPENDS_ON, "device_cgroup_rules": LIST_OF_STRINGS, "devices": Arr(None),
    "dns": STRING_OR_LIST, "dns_opt": LIST_OF_STRINGS, "dns_search": STRING_OR_LIST,
    "domainname": S, "entrypoint": COMMAND,
    "env_file": OneOf((S, Arr(OneOf((S, Obj(required=("path",), open=True)))))),
    "label_file": STRING_OR_LIST, "environment": LIST_OR_DICT,
    "expose": Arr(("string", "number"), unique=True),
    "extends": OneOf((S, Obj({"service": S, "file": S}, x=False, required=("service",)))),
    "provider": Obj(required=("type",), open=True),
    "external_links": LIST_OF_STRINGS, "extra_hosts": OneOf((_ANY_OBJ, Arr(S, unique=True))),
    "gpus": None, "group_add": Arr(("string", "number"), unique=True), "healthcheck": _HEALTHCHECK,
    "hostname": S, "image": S, "init": BOOL_S, "ipc": S, "isolation": S,
    "labels": LIST_OR_DICT, "links": LIST_OF_STRINGS, "logging": _ANY_OBJ, "mac_address": S,
    "mem_limit": NUM_S, "mem_reservation": ("string", "integer"),
    "mem_swappiness": INT_S, "memswap_limit": NUM_S, "network_mode": S,
    "models": None, "networks": OneOf((LIST_OF_STRINGS, Obj(each=_SERVICE_NETWORK,
                                                            keys=NAME_KEYS, x=False))),
    "oom_kill_disable": BOOL_S, "oom_score_adj": INT_S, "pid": ("string", "null"),
    "pids_limit": NUM_S, "platform": S,
    "ports": Arr(OneOf((("number",), S, _PORT)), unique=True),
    "post_start": Arr(None), "pre_stop": Arr(None), "privileged": BOOL_S,
    "profiles": LIST_OF_STRINGS,
    "pull_policy": Str(pattern="always|never|build|if_not_present|missing|refresh|daily|weekly|"
                           "every_([0-9]+[wdhms])+"), "pull_refresh_after": S,
    "read_only": BOOL_S, "restart": S, "runtime": S, "scale": INT_S,
    "security_opt": LIST_OF_STRINGS, "shm_size": NUM_S, "secrets": Arr(None),
    "sysctls": LIST_OR_DICT, "stdin_open": BOOL_S, "stop_grace_period": S, "stop_signal": S,
    "storage_opt": _ANY_OBJ, "tmpfs": STRING_OR_LIST, "tty": BOOL_S, "ulimits": _ANY_OBJ,
    "use_api_socket": ("boolean",), "user": S, "uts": S, "userns_mode": S,
    "volumes": Arr(OneOf((S, _VOLUME)), unique=True), "volumes_from": LIST_OF_STRINGS,
    "working_dir": S,
})

_IPAM = Obj({"driver": S, "config": Arr(Obj({"subnet": S, "ip_range": S, "gateway": S,
                                             "aux_addresses": Obj(each=S, x=False)})),
             "options": Obj(each=S, x=False)})
NETWORK = Obj({"name": S, "driver": S, "driver_opts": Obj(each=("string", "number"), x=False),
               "ipam": _IPAM, "external": OneOf((("boolean", "string"), _ANY_OBJ)),
               "internal": BOOL_S, "enable_ipv4": BOOL_S, "enable_ipv6": BOOL_S,
               "attachable": BOOL_S, "labels": LIST_OR_DICT}, null=True)

TOP = Obj({
    "version": S, "name": S,
    "include": Arr(OneOf((S, Obj({"path": STRING_OR_LIST, "env_file": STRING_OR_LIST,
                                  "project_directory": S}, x=False)))),
    "services": Obj(each=SERVICE, keys=NAME_KEYS, x=False),
    "models": Obj(each=None, keys=NAME_KEYS),
    "networks": Obj(each=NETWORK, keys=NAME_KEYS),
    "volumes": Obj(each=Obj(each=None, null=True), keys=NAME_KEYS, x=False),
    "secrets": Obj(each=_ANY_OBJ, keys=NAME_KEYS, x=False),
    "configs": Obj(each=_ANY_OBJ, keys=NAME_KEYS, x=False),
})


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "integer" if value.is_integer() else "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


def _type_name(kinds: tuple[str, ...]) -> str:
    """compose-go schema/schema.go humanReadableType: "object" reads "mapping"; several types
    sorted and joined with "or"."""
    names = sorted("mapping" if k == "object" else k for k in kinds)
    if len(names) == 1:
        return names[0]
    return ", ".join(names[:-1]) + " or " + names[-1]


def _accepts(kinds: tuple[str, ...], value: Any) -> bool:
    k = _kind(value)
    return k in kinds or (k == "integer" and "number" in kinds)


@dataclass(order=True)
class _Failure:
    depth: int
    text: str = field(compare=False)
    path: tuple[str, ...] = field(compare=False, default=())


def _errors(value: Any, spec: Spec, path: tuple[str, ...]) -> list[_Failure]:
    where = ".".join(path)
    if spec is None:
        return []
    if isinstance(spec, tuple):
        if _accepts(spec, value):
            return []
        return [_Failure(len(path), f"{where} must be a {_type_name(spec)}", path)]
    if isinstance(spec, Str):
        if not isinstance(value, str):
            return [_Failure(len(path), f"{where} must be a string", path)]
        if spec.enum and value not in spec.enum:
            # santhosh-tekuri/jsonschema v6 kind.Enum (schema.go: the path, a space, the text)
            names = ", ".join(_quote(e) for e in spec.enum)
            return [_Failure(len(path), f"{where} value must be one of {names}", path)]
        if spec.pattern is not None and not re.search(spec.pattern, value):
            return [_Failure(len(path), f"{where} {_quote(value)} does not match pattern "
                             f"{_quote(spec.pattern)}", path)]
        return []
    if isinstance(spec, Arr):
        if not isinstance(value, list):
            return [_Failure(len(path), f"{where} must be a array", path)]
        out: list[_Failure] = []
        twins = _duplicates(value) if spec.unique else None
        if twins is not None:  # kind.UniqueItems, before the items' own problems
            out.append(_Failure(len(path), f"{where} items at {twins[0]} and {twins[1]} are "
                                "equal", path))
        for i, item in enumerate(value):
            out += _errors(item, spec.items, (*path, str(i)))
        return out
    if isinstance(spec, OneOf):
        failures: list[_Failure] = []
        for alt in spec.alts:
            found = _errors(value, alt, path)
            if not found:
                return []
            failures += found
        return failures
    if value is None and spec.null:
        return []
    if not isinstance(value, dict):
        kinds = ("object", "null") if spec.null else ("object",)
        return [_Failure(len(path), f"{where} must be a {_type_name(kinds)}", path)]
    out = []
    missing = [k for k in spec.required if k not in value]
    if missing:  # kind.Required
        names = ", ".join(_quote(k) for k in missing)
        noun = "property" if len(missing) == 1 else "properties"
        out.append(_Failure(len(path), f"{where} missing {noun} {names}", path))
    extra: list[str] = []
    for key, item in value.items():
        if key in spec.props:
            out += _errors(item, spec.props[key], (*path, key))
        elif (spec.x and key.startswith("x-")) or spec.open:
            continue
        elif spec.each is not None or (spec.props == {} and spec.each is None
                                       and spec.keys == ".+"):
            if not re.search(spec.keys, key):
                extra.append(key)
            else:
                out += _errors(item, spec.each, (*path, key))
        else:
            extra.append(key)
    if extra:
        names = ", ".join(f"'{k}'" for k in extra)
        # santhosh-tekuri/jsonschema kind.AdditionalProperties (always "properties"),
        # counted one level deeper; schema.go joins the (empty, at the top) path and the text
        # with a space
        out.append(_Failure(len(path) + 1, f"{where} additional properties {names} not "
                            "allowed", (*path, extra[0])))
    return out


def _quote(text: str) -> str:
    """santhosh-tekuri/jsonschema v6 kind/kind.go quote: Go's %q, in single quotes."""
    inner = go_quote(text)[1:-1].replace('\\"', '"').replace("'", "\\'")
    return f"'{inner}'"


def _same(a: Any, b: Any) -> bool:
    """JSON equality (santhosh-tekuri/jsonschema util.go equals): numbers by value, a boolean
    only equal to a boolean."""
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, int | float) and isinstance(b, int | float):
        return a == b
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    return type(a) is type(b) and a == b


def _duplicates(items: list[Any]) -> tuple[int, int] | None:
    """util.go duplicates: the first item equal to an earlier one, and that earlier one."""
    for i in range(1, len(items)):
        for j in range(i):
            if _same(items[i], items[j]):
                return j, i
    return None


def check(model: dict[str, Any]) -> str | None:
    """The text of the first (most specific) way ``model`` breaks the Compose Specification,
    or None when it conforms."""
    found = check_where(model)
    return found[0] if found is not None else None


def check_where(model: dict[str, Any]) -> tuple[str, tuple[str, ...]] | None:
    """:func:`check`'s text and the path of the value it is about."""
    failures = _errors(model, TOP, ())
    if not failures:
        return None
    best = failures[0]
    for f in failures[1:]:
        if f.depth > best.depth:
            best = f
    return best.text, best.path
