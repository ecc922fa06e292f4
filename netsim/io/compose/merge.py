"""Several Compose files merged into one model, as compose-go's ``override`` package does it.

Followed: compose-go v2.9.1 (vendored by Docker Compose 2.40.3) ``override/merge.go`` (the
merge and its table of special paths), ``override/uncity.go`` (``EnforceUnicity``),
``override/extends.go`` (a service merged onto the one it extends), ``loader/reset.go`` (the
``!reset`` and ``!override`` tags) and ``loader/loader.go`` ``loadYamlFile`` (the order).

Values are plain YAML data (dict/list/str/int/float/bool/None, already interpolated).
A file ``F`` is added to the model ``M`` built so far as compose-go does::

    M = enforce_unicity(merge(M, F))        # then Canonical, then enforce_unicity again

**The rule everywhere**: a key of ``F`` missing from ``M`` is added; a key in both is merged:
mappings key by key, sequences appended (``M``'s items first), a scalar replaced, and
``null`` in ``F`` keeps ``M``'s value. A mapping met by a non-mapping (or a sequence by a
non-sequence) is ``cannot override services.web.ports``.

**Special paths** (merge.go ``mergeSpecials``), used when both files have the key:

* replaced whole (even by ``null``): ``services.*.command``, ``services.*.entrypoint``,
  ``services.*.healthcheck.test``, each ``services.*.ulimits.*``;
* turned into ``KEY=value`` sequences (a mapping's items sorted, ``KEY`` alone for ``null``)
  then appended: ``services.*.environment``, ``labels``, ``annotations``, ``sysctls``,
  ``tmpfs``, ``dns``, ``dns_opt``, ``dns_search``, ``env_file``, ``label_file``,
  ``deploy.labels``, ``build.args``, ``build.labels``, ``build.additional_contexts``,
  ``services.*.volumes.*.volume.labels``, ``networks.*.labels`` and ``volumes.*.labels``;
* ``services.*.extra_hosts`` and ``services.*.build.extra_hosts``: the same, ``F``'s items
  already in ``M`` dropped;
* turned into mappings then merged: ``services.*.networks`` and ``services.*.models`` (a
  name alone → ``null``), ``services.*.depends_on`` (a name alone →
  ``{condition: service_started, required: true}``);
* ``services.*.build``: a string is ``{context: …}``, then merged;
* ``services.*.logging``: merged when both name the same driver (or one names none), else
  ``F``'s replaces ``M``'s;
* ``networks.*.ipam.config``: entries paired by ``subnet`` (merge.go ``mergeIPAMConfig``).

Everything else (``image``, ``ports``, ``expose``, ``volumes``, ``secrets``, ``configs``,
``cap_add``, ``profiles`` …) follows the rule: sequences are appended, and
:func:`enforce_unicity` then keeps one entry per key (the first one's place, the last one's
value): ``ports`` by the text itself (a mapping: ``host_ip:published:target/protocol``, the
canonical form), ``volumes`` and ``devices`` by target, ``secrets`` by
``/run/secrets/SOURCE`` or target, ``configs`` by ``/SOURCE`` or target, ``expose`` by the
port, ``env_file`` by path, ``environment``/``labels``/``dns``/``cap_add``/``profiles``/
``links``/``networks.*.aliases``… by the text before ``=``.

**!reset and !override**: the YAML reader puts :class:`Reset` where a node was tagged
``!reset`` and ``Override(value)`` where it was tagged ``!override``. :func:`merge` then does
what reset.go's ResetProcessor does: every such key's path is deleted from ``M`` before the
merge (a ``*`` key matches any), ``Reset`` keys are dropped from ``F`` and ``Override`` values
are inserted as written. A marker inside a sequence only drops (``Reset``) or unwraps its item:
compose-go records sequence places in a form that never matches. Markers found in ``M`` are
unwrapped without effect.

>>> merge({"services": {"web": {"image": "nginx", "ports": ["8080:80"]}}},
...       {"services": {"web": {"image": "httpd", "ports": ["8081:80"]}}})
{'services': {'web': {'image': 'httpd', 'ports': ['8080:80', '8081:80']}}}
>>> merge({"services": {"web": {"image": "nginx", "ports": ["8080:80"]}}},
...       {"services": {"web": {"ports": Override(["9090:80"]), "image": Reset()}}})
{'services': {'web': {'ports': ['9090:80']}}}
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["MergeError", "Override", "Reset", "enforce_unicity", "extend_service", "go_kind",
           "go_type", "go_verb", "merge", "strip_markers"]

#: a place in the model: its keys, a sequence item as ``[i]`` (compose-go tree.Path)
Path = tuple[str, ...]


class MergeError(ValueError):
    """Two files Compose cannot merge; ``str()`` is compose-go's text."""


@dataclass(frozen=True)
class Reset:
    """A node tagged ``!reset``: the key is removed from what earlier files set."""


@dataclass(frozen=True)
class Override:
    """A node tagged ``!override``: ``value`` replaces what earlier files set, unmerged."""

    value: Any


def _path(text: str) -> Path:
    return tuple(text.split("."))


def _text(path: Path) -> str:
    return ".".join(path)


def _matches(path: Path, pattern: Path) -> bool:
    """compose-go tree/path.go Matches: same length, ``*`` matches any one key."""
    return len(path) == len(pattern) and all(q in ("*", p) for p, q in zip(path, pattern,
                                                                             strict=True))


def strip_markers(value: Any) -> Any:
    """A deep copy of ``value`` with :class:`Reset` keys and items dropped and
    :class:`Override` values unwrapped."""
    if isinstance(value, Override):
        return strip_markers(value.value)
    if isinstance(value, dict):
        return {k: strip_markers(v) for k, v in value.items() if not isinstance(v, Reset)}
    if isinstance(value, list):
        return [strip_markers(v) for v in value if not isinstance(v, Reset)]
    return value


def _marker_paths(value: Any, path: Path) -> list[Path]:
    """The paths of the markers in ``value``'s mappings (loader/reset.go resolveReset; a
    marker's own value is not searched, nor sequences: see the module's note)."""
    found: list[Path] = []
    if isinstance(value, dict):
        for k, v in value.items():
            here = (*path, str(k))
            if isinstance(v, Reset | Override):
                found.append(here)
            else:
                found.extend(_marker_paths(v, here))
    return found


def _delete_paths(value: Any, path: Path, patterns: list[Path]) -> None:
    """Delete from ``value`` whatever sits at one of ``patterns`` (reset.go
    applyNullOverrides; a sequence item is never deleted)."""
    if not patterns:
        return
    if isinstance(value, dict):
        for k in list(value):
            here = (*path, str(k))
            if any(_matches(here, p) for p in patterns):
                del value[k]
            else:
                _delete_paths(value[k], here, patterns)
    elif isinstance(value, list):
        for i, item in enumerate(value):
            here = (*path, f"[{i}]")
            if not any(_matches(here, p) for p in patterns):
                _delete_paths(item, here, patterns)


# --- Go's printing, where compose-go formats a value into a key or a text -----------------

def _go_v(value: Any) -> str:
    """Go's ``%v`` of a decoded YAML value (a mapping is a Go map: its keys sorted)."""
    from netsim.golang.template.fmt import fmt_v
    from netsim.golang.template.values import GoMap

    def go(v: Any) -> Any:
        if isinstance(v, dict):
            return GoMap({str(k): go(x) for k, x in v.items()})
        if isinstance(v, list):
            return [go(x) for x in v]
        return v

    return fmt_v(go(value), False)


def go_verb(verb: str, value: Any) -> str:
    """Go's ``%s`` or ``%d`` of a decoded YAML value, ``%!s(int=80)`` when the type is not
    the verb's."""
    if isinstance(value, dict):
        return "map[" + " ".join(f"{go_verb(verb, k)}:{go_verb(verb, v)}" for k, v in
                                 sorted(value.items(), key=lambda kv: str(kv[0]))) + "]"
    if isinstance(value, list):
        return "[" + " ".join(go_verb(verb, v) for v in value) + "]"
    if value is None:
        return f"%!{verb}(<nil>)"
    if verb == "s" and isinstance(value, str):
        return value
    if verb == "d" and isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return f"%!{verb}({go_type(value)}={_go_v(value)})"


def go_kind(value: Any) -> str:
    """The reflect.Kind of a decoded YAML value, as Go prints it (``int``, ``slice``, …)."""
    for kind, name in ((bool, "bool"), (int, "int"), (float, "float64"), (str, "string"),
                       (dict, "map"), (list, "slice")):
        if isinstance(value, kind):
            return name
    return "invalid" if value is None else type(value).__name__


def go_type(value: Any) -> str:
    """Go's ``%T`` of a decoded YAML value."""
    if value is None:
        return "<nil>"
    for kind, name in ((bool, "bool"), (int, "int"), (float, "float64"), (str, "string"),
                       (dict, "map[string]interface {}"), (list, "[]interface {}")):
        if isinstance(value, kind):
            return name
    return type(value).__name__


# --- the merge ------------------------------------------------------------------------------

def _to_sequence(value: Any) -> list[Any]:
    """merge.go convertIntoSequence: a mapping as sorted ``KEY=value`` texts (``KEY`` for
    null, one text per item of a sequence value), a string as one item, else nothing."""
    if isinstance(value, dict):
        seq: list[str] = []
        for k, v in value.items():
            if v is None:
                seq.append(str(k))
            elif isinstance(v, list):
                seq.extend(f"{k}={_go_v(item)}" for item in v)
            else:
                seq.append(f"{k}={_go_v(v)}")
        return sorted(seq)
    if isinstance(value, list):
        return value
    if isinstance(value, str):
        return [value]
    return []


def _to_mapping(value: Any, default: dict[str, Any] | None) -> dict[Any, Any]:
    """merge.go convertIntoMapping: a sequence of names as a mapping, each name to a copy of
    ``default``. (compose-go gives a nil map for anything else and would crash writing into
    it; an empty mapping is used here.)"""
    if isinstance(value, dict):
        return value
    if isinstance(value, list):
        return {s: (dict(default) if default is not None else None) for s in value}
    return {}


def _merge_yaml(base: Any, other: Any, path: Path) -> Any:
    """merge.go mergeYaml: the special rule for ``path`` if any, else the general one."""
    for pattern, merger in _SPECIALS.items():
        if _matches(path, pattern):
            return merger(base, other, path)
    if other is None:
        return base
    if isinstance(base, dict):
        if not isinstance(other, dict):
            raise MergeError(f"cannot override {_text(path)}")
        return _merge_mappings(base, other, path)
    if isinstance(base, list):
        if not isinstance(other, list):
            raise MergeError(f"cannot override {_text(path)}")
        return base + other
    return other


def _merge_mappings(base: dict[Any, Any], other: dict[Any, Any], path: Path) -> dict[Any, Any]:
    for k, v in other.items():
        base[k] = _merge_yaml(base[k], v, (*path, str(k))) if k in base else v
    return base


def _replace(_base: Any, other: Any, _path: Path) -> Any:
    return other


def _sequences(base: Any, other: Any, _path: Path) -> Any:
    return [*_to_sequence(base), *_to_sequence(other)]


def _extra_hosts(base: Any, other: Any, _path: Path) -> Any:
    first = _to_sequence(base)
    return [*first, *(item for item in _to_sequence(other) if item not in first)]


def _depends_on(base: Any, other: Any, path: Path) -> Any:
    default = {"condition": "service_started", "required": True}
    return _merge_mappings(_to_mapping(base, default), _to_mapping(other, default), path)


def _named(base: Any, other: Any, path: Path) -> Any:
    return _merge_mappings(_to_mapping(base, None), _to_mapping(other, None), path)


def _build(base: Any, other: Any, path: Path) -> Any:
    def as_build(value: Any) -> dict[Any, Any]:
        if isinstance(value, str):
            return {"context": value}
        return value if isinstance(value, dict) else {}

    return _merge_mappings(as_build(base), as_build(other), path)


def _logging(base: Any, other: Any, path: Path) -> Any:
    # (compose-go crashes on a logging that is not a mapping; the general rule is used here)
    if not isinstance(base, dict) or not isinstance(other, dict):
        return base if other is None else other
    if "driver" not in other or "driver" not in base or other["driver"] == base["driver"]:
        return _merge_mappings(base, other, path)
    return other


def _ipam_config(base: Any, other: Any, path: Path) -> Any:
    if not isinstance(base, list) or not isinstance(other, list):
        # merge.go mergeIPAMConfig names the type of the first file's value in both cases
        raise MergeError(f"{_text(path)}: unexpected type {go_type(base)}")
    configs: list[dict[Any, Any]] = []
    for original in base:
        first = _to_mapping(original, None)
        for override in other:
            later = _to_mapping(override, None)
            if (later.get("subnet") != first.get("subnet")
                    and not any(c.get("subnet") == later.get("subnet") for c in configs)):
                configs.append(later)
                continue
            merged = _merge_mappings(first, later, path)
            same = [i for i, c in enumerate(configs) if c.get("subnet") == merged.get("subnet")]
            if same:
                configs[same[0]] = merged
            else:
                configs.append(merged)
    return configs


_Merger = Callable[[Any, Any, Path], Any]

#: compose-go override/merge.go mergeSpecials
_SPECIALS: dict[Path, _Merger] = {_path(p): m for p, m in [
    ("networks.*.ipam.config", _ipam_config),
    ("networks.*.labels", _sequences),
    ("volumes.*.labels", _sequences),
    ("services.*.annotations", _sequences),
    ("services.*.build", _build),
    ("services.*.build.args", _sequences),
    ("services.*.build.additional_contexts", _sequences),
    ("services.*.build.extra_hosts", _extra_hosts),
    ("services.*.build.labels", _sequences),
    ("services.*.command", _replace),
    ("services.*.depends_on", _depends_on),
    ("services.*.deploy.labels", _sequences),
    ("services.*.dns", _sequences),
    ("services.*.dns_opt", _sequences),
    ("services.*.dns_search", _sequences),
    ("services.*.entrypoint", _replace),
    ("services.*.env_file", _sequences),
    ("services.*.label_file", _sequences),
    ("services.*.environment", _sequences),
    ("services.*.extra_hosts", _extra_hosts),
    ("services.*.healthcheck.test", _replace),
    ("services.*.labels", _sequences),
    ("services.*.volumes.*.volume.labels", _sequences),
    ("services.*.logging", _logging),
    ("services.*.models", _named),
    ("services.*.networks", _named),
    ("services.*.sysctls", _sequences),
    ("services.*.tmpfs", _sequences),
    # merge.go mergeUlimit looks only at the later value: it replaces
    ("services.*.ulimits.*", _replace),
]}


def merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """``override`` (a later file) merged onto ``base`` (the model so far), both left
    untouched; raises :class:`MergeError` with compose-go's text."""
    earlier = strip_markers(base)
    _delete_paths(earlier, (), _marker_paths(override, ()))
    return _merge_mappings(earlier, strip_markers(override), ())


def extend_service(base: dict[str, Any], service: dict[str, Any]) -> dict[str, Any]:
    """``service`` merged onto the service it extends (override/extends.go: the merge at path
    ``services.x``, so errors say ``cannot override services.x.ports``).

    ``service``'s markers act on ``base`` and are kept in the result for the later merge of
    its file: a reset key as :class:`Reset`, any other marked key as ``Override(value)``."""
    source = strip_markers(base)
    _delete_paths(source, (), _marker_paths(service, ()))
    merged = _merge_mappings(source, strip_markers(service), ("services", "x"))
    _carry_markers(merged, service)
    return merged


def _carry_markers(merged: dict[Any, Any], service: dict[Any, Any]) -> None:
    # loader/loader.go: the file's ResetProcessor still holds these paths when the extended
    # service is merged onto the earlier files
    for k, v in service.items():
        if isinstance(v, Reset | Override):
            merged[k] = Override(merged[k]) if k in merged else Reset()
        elif isinstance(v, dict) and isinstance(merged.get(k), dict):
            _carry_markers(merged[k], v)


# --- EnforceUnicity -------------------------------------------------------------------------

def _key_value(entry: Any, path: Path) -> str:
    if isinstance(entry, str):
        return entry.partition("=")[0]
    raise MergeError(f"{_text(path)}: unexpected type {go_type(entry)}")


def _volume(entry: Any, path: Path) -> str:
    if isinstance(entry, dict):
        target = entry.get("target")
        if not isinstance(target, str):
            raise MergeError(f"service volume {_text(path)} is missing a mount target")
        return target
    return _volume_target(entry) if isinstance(entry, str) else ""


def _device(entry: Any, path: Path) -> str:
    if isinstance(entry, dict):
        target = entry.get("target")
        if not isinstance(target, str):
            raise MergeError(f"service device {_text(path)} is missing a mount target")
        return target
    if isinstance(entry, str):
        parts = entry.split(":")
        return parts[1] if len(parts) > 1 else parts[0]
    return ""


def _expose(entry: Any, path: Path) -> str:
    if isinstance(entry, str):
        return entry
    if isinstance(entry, int) and not isinstance(entry, bool):
        return str(entry)
    raise MergeError(f"{_text(path)}: unsupported expose value {go_verb('s', entry)}")


def _mount(directory: str) -> Callable[[Any, Path], str]:
    def index(entry: Any, path: Path) -> str:
        if isinstance(entry, str):
            return f"{directory}/{entry}"
        if isinstance(entry, dict):
            if "target" in entry:
                return str(entry["target"])
            return f"{directory}/{go_verb('s', entry.get('source'))}"
        # (uncity.go mountIndexer reuses the expose text)
        raise MergeError(f"{_text(path)}: unsupported expose value {go_verb('s', entry)}")

    return index


def _port(entry: Any, path: Path) -> str:
    if isinstance(entry, int) and not isinstance(entry, bool):
        return str(entry)
    if isinstance(entry, dict):
        if "target" not in entry:
            raise MergeError(f"service ports {_text(path)} is missing a target port")
        host = entry.get("host_ip") if "host_ip" in entry else "0.0.0.0"
        protocol = entry.get("protocol") if "protocol" in entry else "tcp"
        return (f"{go_verb('s', host)}:{go_verb('s', entry.get('published'))}:"
                f"{go_verb('d', entry['target'])}/{go_verb('s', protocol)}")
    return entry if isinstance(entry, str) else ""


def _env_file(entry: Any, path: Path) -> str:
    if isinstance(entry, str):
        return entry
    if isinstance(entry, dict):
        if "path" not in entry:
            raise MergeError(f"environment path attribute {_text(path)} is missing")
        return str(entry["path"])
    return ""


def _volume_target(spec: str) -> str:
    """The target of a short volume spec (compose-go format/volume.go ParseVolume)."""
    if not spec:
        raise MergeError("invalid empty volume spec")
    if len(spec.encode()) <= 2:  # one or two bytes: the target alone
        return spec
    source = target = ""
    buffer: list[str] = []
    depth = 0  # inside ${…}, a ':' does not split
    for i, ch in enumerate(spec + "\0"):
        if ch == "$" and i + 1 < len(spec) and spec[i + 1] == "{":
            depth += 1
            buffer.append(ch)
        elif ch == "}" and depth:
            depth -= 1
            buffer.append(ch)
        elif ch == ":" and len(buffer) == 1 and buffer[0].isalpha():  # a Windows drive (C:)
            buffer.append(ch)
        elif ch in ":\0" and not depth:
            part = "".join(buffer)
            buffer = []
            if not part:
                raise MergeError(f"invalid spec: {spec}: empty section between colons")
            if not source and ch == "\0":
                target = part
            elif not source:
                source = part
            elif not target:
                target = part
            elif ch == ":":
                raise MergeError(f"invalid spec: {spec}: too many colons")
        else:
            buffer.append(ch)
    return target


_Indexer = Callable[[Any, Path], str]

#: compose-go override/uncity.go unique (``services.*.devices`` is set twice there: the
#: device indexer, set last, is the one in use)
_UNIQUE: dict[Path, _Indexer] = {_path(p): i for p, i in [
    ("networks.*.labels", _key_value),
    ("networks.*.ipam.options", _key_value),
    ("services.*.annotations", _key_value),
    ("services.*.build.args", _key_value),
    ("services.*.build.additional_contexts", _key_value),
    ("services.*.build.platform", _key_value),
    ("services.*.build.tags", _key_value),
    ("services.*.build.labels", _key_value),
    ("services.*.cap_add", _key_value),
    ("services.*.cap_drop", _key_value),
    ("services.*.configs", _mount("")),
    ("services.*.deploy.labels", _key_value),
    ("services.*.dns", _key_value),
    ("services.*.dns_opt", _key_value),
    ("services.*.dns_search", _key_value),
    ("services.*.environment", _key_value),
    ("services.*.env_file", _env_file),
    ("services.*.expose", _expose),
    ("services.*.labels", _key_value),
    ("services.*.links", _key_value),
    ("services.*.networks.*.aliases", _key_value),
    ("services.*.networks.*.link_local_ips", _key_value),
    ("services.*.ports", _port),
    ("services.*.profiles", _key_value),
    ("services.*.secrets", _mount("/run/secrets")),
    ("services.*.sysctls", _key_value),
    ("services.*.tmpfs", _key_value),
    ("services.*.volumes", _volume),
    ("services.*.devices", _device),
]}


def _unique(value: Any, path: Path) -> Any:
    if isinstance(value, dict):
        for k in value:
            value[k] = _unique(value[k], (*path, str(k)))
        return value
    if isinstance(value, list):
        for pattern, indexer in _UNIQUE.items():
            if _matches(path, pattern):
                kept: list[Any] = []
                places: dict[str, int] = {}
                for i, entry in enumerate(value):
                    key = indexer(entry, (*path, f"[{i}]"))
                    if key in places:  # the first one's place, the last one's value
                        kept[places[key]] = entry
                    else:
                        places[key] = len(kept)
                        kept.append(entry)
                return kept
    return value


def enforce_unicity(model: dict[str, Any]) -> dict[str, Any]:
    """A copy of ``model`` where each sequence of compose-go's list keeps one entry per key
    (override/uncity.go EnforceUnicity); raises :class:`MergeError` with compose-go's text.

    >>> enforce_unicity({"services": {"web": {"ports": ["80:80", "81:81", "80:80"],
    ...     "environment": ["A=1", "B", "A=2"], "volumes": ["data:/d", "./x:/d:ro"]}}})
    {'services': {'web': {'ports': ['80:80', '81:81'], 'environment': ['A=2', 'B'], \
'volumes': ['./x:/d:ro']}}}
    """
    result: dict[str, Any] = _unique(strip_markers(model), ())
    return result
