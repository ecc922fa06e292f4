"""Load a Compose project as ``docker compose`` 2.40 does: find the files, read the
environment, parse, interpolate, extend, include, merge, validate, canonicalise and check.

The steps follow compose-go's loader (``cli/options.go`` ProjectOptions and
``loader/loader.go`` ``loadYamlModel``/``loadYamlFile``): for each file in order, its YAML
(every document), interpolation with typed casts, ``extends``, ``include``, the merge onto
the files before it, the schema check (``validating FILE: …``) and the canonical form; then
the project's name, its normalisation (the default network, network names) and the
consistency checks (undefined networks or services, ``network_mode`` with ``networks``,
dependency cycles). Every refusal is a :class:`ComposeError` carrying Compose's text, or
netsim's own ``netsim: … not simulated`` where netsim's reader stops short of Compose's.

Files are read through a :class:`Files` (a script's workspace, or the disk).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from netsim.golang.quote import go_quote
from netsim.io.compose import canonical, schema
from netsim.io.compose.canonical import CanonicalError
from netsim.io.compose.consistency import check, cycle, normalize
from netsim.io.compose.dotenv import DotenvError, parse_dotenv
from netsim.io.compose.extends import apply_extends
from netsim.io.compose.files import (
    ComposeError,
    DiskFiles,
    Files,
    LoadOptions,
    go_open_error,
    is_file,
    read_env,
    resolve_options,
)
from netsim.io.compose.interpolation import InterpolationError, path_text, substitute
from netsim.io.compose.merge import (
    MergeError,
    enforce_unicity,
    go_kind,
    go_type,
    go_verb,
    merge,
    strip_markers,
)
from netsim.io.compose.model import (
    ComposeNetwork,
    Dependency,
    Port,
    Project,
    Service,
    ServiceNetwork,
)
from netsim.io.compose.project import ProjectNameError, project_name
from netsim.io.compose.yamlfile import ComposeYamlError, Document, load_documents

__all__ = ["ComposeError", "DiskFiles", "Files", "LoadOptions", "load_project"]

#: keys of a service netsim reads and simulates; any other key is accepted, printed by
#: ``config`` and listed once as not simulated
SIMULATED = frozenset({
    "image", "command", "entrypoint", "container_name", "hostname", "domainname", "networks",
    "network_mode", "links", "external_links", "ports", "expose", "deploy", "scale",
    "depends_on", "profiles", "environment", "labels", "dns", "extra_hosts", "mac_address",
    "user", "working_dir", "tty", "stdin_open", "restart", "privileged", "extends",
})

# ----------------------------------------------------------------------------- interpolation

def _bool(value: str) -> bool:
    low = value.lower()
    if low in ("true", "y", "yes", "on"):
        return True
    if low in ("false", "n", "no", "off"):
        return False
    raise ValueError(f"invalid boolean: {value}")


def _go_int(value: str, func: str) -> int:
    """Go's strconv.Atoi / ParseInt(s, 10, 64): decimal digits after an optional sign (no
    spaces, no ``_``), within int64; Go's texts otherwise."""
    if not re.fullmatch(r"[+-]?[0-9]+", value):
        raise ValueError(f'strconv.{func}: parsing "{value}": invalid syntax')
    number = int(value, 10)
    if not -(2 ** 63) <= number < 2 ** 63:
        raise ValueError(f'strconv.{func}: parsing "{value}": value out of range')
    return number


def _int(value: str) -> int:
    return _go_int(value, "Atoi")


def _int64(value: str) -> int:
    return _go_int(value, "ParseInt")


#: what Go's strconv.ParseFloat reads in base 10 (Python's float() also takes spaces and
#: ``_``): a decimal number, or inf/infinity/nan in any case
_GO_FLOAT = re.compile(r"[+-]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
                       r"|(?i:inf|infinity))|(?i:nan)")


def _float(value: str) -> float:
    if not _GO_FLOAT.fullmatch(value):
        raise ValueError(f'strconv.ParseFloat: parsing "{value}": invalid syntax')
    return float(value)


#: compose-go loader/interpolate.go interpolateTypeCastMapping: paths whose interpolated text
#: is read as a number or a boolean ("*" : any key or list item)
_CASTS: dict[tuple[str, ...], Callable[[str], Any]] = {
    **{("services", "*", k): _int64 for k in ("cpu_count", "cpu_period", "cpu_quota",
                                               "cpu_rt_period", "cpu_rt_runtime", "cpu_shares",
                                               "oom_score_adj", "pids_limit")},
    ("services", "*", "cpu_percent"): _float, ("services", "*", "cpus"): _float,
    **{("services", "*", k): _bool for k in ("init", "oom_kill_disable", "privileged",
                                              "read_only", "stdin_open", "tty")},
    ("services", "*", "deploy", "replicas"): _int, ("services", "*", "scale"): _int,
    **{("services", "*", "deploy", k, "parallelism"): _int
       for k in ("update_config", "rollback_config")},
    **{("services", "*", "deploy", k, "max_failure_ratio"): _float
       for k in ("update_config", "rollback_config")},
    ("services", "*", "deploy", "restart_policy", "max_attempts"): _int,
    ("services", "*", "deploy", "placement", "max_replicas_per_node"): _int,
    ("services", "*", "healthcheck", "retries"): _int,
    ("services", "*", "healthcheck", "disable"): _bool,
    ("services", "*", "ports", "*", "target"): _int,
    ("services", "*", "ulimits", "*"): _int,
    ("services", "*", "ulimits", "*", "hard"): _int,
    ("services", "*", "ulimits", "*", "soft"): _int,
    ("services", "*", "volumes", "*", "read_only"): _bool,
    ("services", "*", "volumes", "*", "volume", "nocopy"): _bool,
    **{("networks", "*", k): _bool for k in ("external", "internal", "attachable",
                                              "enable_ipv4", "enable_ipv6")},
    **{(k, "*", "external"): _bool for k in ("volumes", "secrets", "configs")},
}


def _cast_for(path: tuple[str | int, ...]) -> Callable[[str], Any] | None:
    for pattern, cast in _CASTS.items():
        if len(pattern) == len(path) and all(p == "*" or p == q for p, q in zip(pattern, path,
                                                                             strict=True)):
            return cast
    return None


def interpolate(value: Any, env: Mapping[str, str], warnings: list[str],
                path: tuple[str | int, ...] = ()) -> Any:
    """Every string of ``value`` with its variables replaced (Compose's texts on failure)."""
    if isinstance(value, dict):
        return {k: interpolate(v, env, warnings, (*path, k)) for k, v in value.items()}
    if isinstance(value, list):
        return [interpolate(v, env, warnings, (*path, i)) for i, v in enumerate(value)]
    if not isinstance(value, str):
        return value
    where = path_text(path)
    try:
        result = substitute(value, env, where)
    except InterpolationError as err:
        raise ComposeError(str(err), path=path) from None
    for w in result.warnings:
        if w not in warnings:
            warnings.append(w)
    cast = _cast_for(path)
    if cast is None:
        return result.value
    try:
        return cast(result.value)
    except ValueError as err:
        raise ComposeError(f"error while interpolating {where}: failed to cast to "
                           f"expected type: {err}", path=path) from None


# ----------------------------------------------------------------------------- files

@dataclass
class _State:
    files: Files
    opts: LoadOptions
    env: dict[str, str]
    warnings: list[str] = field(default_factory=list)
    working_dir: str = ""  # the project directory (an include's own, while it loads)
    included: list[str] = field(default_factory=list)
    #: each file's documents as parsed (their lines), for netsim's own file:line
    documents: dict[str, list[Document]] = field(default_factory=dict)

    def locate(self, path: tuple[str | int, ...]) -> tuple[str | None, int | None]:
        """The last file that sets ``path`` and the line of its value there."""
        for file in reversed(list(self.documents)):
            for doc in self.documents[file]:
                value: Any = doc.value
                for part in path:
                    found, value = _child(value, part)
                    if not found:
                        break
                else:
                    return file, doc.line_of(path)
        return (next(iter(self.documents), None), None)


def _child(value: Any, part: str | int) -> tuple[bool, Any]:
    """``value[part]`` when it has it (a mapping's key, a list's index)."""
    if isinstance(value, dict) and part in value:
        return True, value[part]
    if isinstance(value, list) and isinstance(part, int) and 0 <= part < len(value):
        return True, value[part]
    return False, None


def _read_model(state: _State, path: str) -> list[dict[str, Any]]:
    """A file's documents, each a mapping, interpolated."""
    if path == "-":  # cli/options.go: the model read from standard input
        raise ComposeError("netsim: a compose file read from standard input (-f -) is not "
                           "simulated")
    try:
        text = state.files.read_text(path)
    except OSError as err:
        raise go_open_error(path, err) from None
    try:
        docs = load_documents(text, path)
    except ComposeYamlError as err:
        raise ComposeError(str(err), file=path, line=err.line) from None
    state.documents[path] = docs
    out = []
    for doc in docs:
        if doc.value is None:
            continue
        if not isinstance(doc.value, dict):
            raise ComposeError("top-level object must be a mapping")
        try:
            out.append(interpolate(doc.value, state.env, state.warnings))
        except ComposeError as err:
            raise ComposeError(str(err), file=path, line=doc.line_of(err.path)) from None
    return out


def _load_file(state: _State, path: str, merged: dict[str, Any]) -> dict[str, Any]:
    """loader/loader.go loadYamlFile: each document of the file interpolated, its services'
    ``extends`` applied (ApplyExtends, which also refuses a ``services`` or a service that
    is not a mapping, null included), its ``include`` imported, then merged onto the files
    before it and validated."""
    for cfg in _read_model(state, path):
        if "services" in cfg:
            base_dir = posixpath.dirname(path)

            def load_other(name: str, _dir: str = base_dir) -> dict[str, Any]:
                other = posixpath.normpath(posixpath.join(_dir, name))
                docs = _read_model(state, other)
                model = docs[0] if docs else {}
                _absolute_extends(model, posixpath.dirname(other))
                return model

            def locate(name: str, _dir: str = base_dir) -> str:
                return posixpath.normpath(posixpath.join(_dir, name))

            try:
                cfg["services"] = apply_extends(cfg["services"], load_file=load_other,
                                                where=path, locate=locate)
            except ValueError as err:
                raise ComposeError(str(err), path=("services",)) from None
        if "include" in cfg:
            _apply_include(state, path, cfg.pop("include"), cfg)
        try:  # loader/loader.go loadYamlFile: merge, then EnforceUnicity
            merged = enforce_unicity(strip_markers(merge(merged, cfg)))
        except MergeError as err:
            raise ComposeError(str(err)) from None
        problem = schema.check_where(merged)
        if problem is not None:
            file, line = state.locate(tuple(int(p) if p.isdigit() else p
                                            for p in problem[1]))
            raise ComposeError(f"validating {path}: {problem[0]}", file=file, line=line)
        if "version" in merged:
            # compose-go loader/loader.go warnObsoleteVersion
            state.warnings.append(f"{path}: the attribute `version` is obsolete, it will be "
                                  "ignored, please remove it to avoid potential confusion")
            del merged["version"]
        _canonical(merged, state.working_dir)
        try:  # the canonical form can reveal duplicates (a port range and its override)
            merged = enforce_unicity(merged)
        except MergeError as err:
            raise ComposeError(str(err)) from None
    return merged


def _absolute_extends(model: dict[str, Any], directory: str) -> None:
    """Another file's ``extends.file`` entries made absolute against that file's directory
    (compose-go paths/resolve.go, as loader/extends.go getExtendsBaseFromFile loads the
    file with ResolvePaths), so that a chain of files in several directories resolves."""
    services = model.get("services")
    for svc in services.values() if isinstance(services, dict) else ():
        ext = svc.get("extends") if isinstance(svc, dict) else None
        if isinstance(ext, dict) and isinstance(ext.get("file"), str):
            ext["file"] = posixpath.normpath(posixpath.join(directory, ext["file"]))


def _apply_include(state: _State, path: str, includes: Any, cfg: dict[str, Any]) -> None:
    """``include:`` (compose-go loader/include.go ApplyInclude): each included project is
    loaded on its own (paths against its directory; its ``.env``, or the entry's
    ``env_file``, under the including project's variables) and its resources imported into
    the including file's own model (``cfg``, before that is merged onto the files before it);
    a resource the file defines otherwise is an error (importResource)."""
    state.included.append(path)  # processRawYaml: the file itself counts for a cycle
    try:
        for spec in _include_entries(includes):
            _include_one(state, path, spec, cfg)
    finally:
        state.included.pop()


def _include_one(state: _State, path: str, spec: dict[str, Any], cfg: dict[str, Any]) -> None:
    base = posixpath.dirname(path)
    files = [posixpath.normpath(posixpath.join(base, p))
             for p in canonical.string_list(spec.get("path"))]
    for f in files[:1]:
        if f in state.included:
            chain = "\n include ".join([*state.included, f])
            raise ComposeError(f"include cycle detected:\n{chain}")
    project_dir = posixpath.dirname(files[0]) if files else base
    if spec.get("project_directory"):
        project_dir = posixpath.normpath(posixpath.join(state.working_dir,
                                                        str(spec["project_directory"])))
    env_files = []
    for f in canonical.string_list(spec.get("env_file") or []):
        if not posixpath.isabs(f):  # include.go ApplyInclude: a relative one is stat'ed
            f = posixpath.normpath(posixpath.join(state.working_dir, f))
            if not state.files.exists(f):
                raise ComposeError(f"stat {f}: no such file or directory")
            if not is_file(state.files, f):
                raise ComposeError(f"{f} is not a file")
        env_files.append(f)
    if not spec.get("env_file"):
        dotenv = posixpath.join(project_dir, ".env")
        env_files = [dotenv] if is_file(state.files, dotenv) else []
    saved_env, saved_dir = state.env, state.working_dir
    # types.Mapping.Merge: the including project's variables win over the include's files
    state.env = {**read_env(state.files, env_files, saved_env), **saved_env}
    state.working_dir = project_dir
    sub: dict[str, Any] = {}
    try:
        for f in files:
            sub = _load_file(state, f, sub)
    finally:
        state.env, state.working_dir = saved_env, saved_dir
    for section in ("services", "volumes", "networks", "secrets", "configs", "models"):
        if not sub.get(section):
            continue
        mine = cfg.get(section)
        if mine is None:
            mine = {}
        elif not isinstance(mine, dict):
            # include.go importResource asserts a mapping: Compose panics (a Go crash)
            raise ComposeError(f"netsim: {section} is not a mapping, and Compose crashes "
                               f"importing the {section} of {files[0]} into it; not "
                               "simulated", path=(section,))
        for key, value in sub[section].items():
            if key in mine and mine[key] != value:
                raise ComposeError(f"{section}.{key} conflicts with imported resource")
            mine[key] = value
        cfg[section] = mine


def _include_entries(includes: Any) -> list[dict[str, Any]]:
    """``include:`` as compose-go's loader/include.go loadIncludeConfig decodes it (a string
    is ``{path: …}``; mapstructure then fills types.IncludeConfig); its texts on a value of
    another type (mapstructure v2 ``Decoder.Decode``, types/stringOrList.go StringList;
    unmeasured wording)."""
    if includes is None:
        return []
    if not isinstance(includes, list):
        raise ComposeError(f"`include` must be a list, got {go_verb('s', includes)}")
    out = []
    for i, entry in enumerate(includes):
        spec = {"path": entry} if isinstance(entry, str) else entry
        problem = None
        if not isinstance(spec, dict):
            problem = f"'[{i}]' expected a map or struct, got {go_quote(go_kind(spec))}"
        else:
            for key in ("path", "env_file"):
                value = spec.get(key)
                if value is not None and not isinstance(value, str) and not (
                        isinstance(value, list) and all(isinstance(v, str) for v in value)):
                    problem = f"'[{i}].{key}' invalid type {go_type(value)} for string list"
                    break
            directory = spec.get("project_directory")
            if problem is None and directory is not None and not isinstance(directory, str):
                problem = (f"'[{i}].project_directory' expected type 'string', got "
                           f"unconvertible type '{go_type(directory)}'")
        if problem is not None:
            raise ComposeError("decoding failed due to the following error(s):\n\n" + problem,
                               path=("include", i))
        out.append(spec)
    return out


def _canonical(model: dict[str, Any], working_dir: str) -> None:
    """The canonical form of every service (in place); relative bind sources are made
    absolute against ``working_dir``."""
    for name, svc in (model.get("services") or {}).items():
        if not isinstance(svc, dict):
            continue
        try:
            if "ports" in svc:
                svc["ports"] = canonical.ports(svc["ports"])
            for key in ("command", "entrypoint"):
                if key in svc and not isinstance(svc[key], list):
                    svc[key] = canonical.command(svc[key])
            if "networks" in svc:
                svc["networks"] = canonical.networks(svc["networks"])
            if "depends_on" in svc:
                svc["depends_on"] = canonical.depends_on(svc["depends_on"])
            for key in ("environment", "labels", "annotations", "sysctls"):
                if key in svc:
                    # a label without a value is "" (types.Labels), a variable null
                    svc[key] = canonical.mapping(svc[key], none_values=key == "environment")
            if "volumes" in svc:
                svc["volumes"] = canonical.volumes(svc["volumes"], working_dir)
            if "extra_hosts" in svc:
                svc["extra_hosts"] = canonical.extra_hosts(svc["extra_hosts"])
            for key in ("dns", "dns_search", "tmpfs", "expose"):
                if key in svc:
                    svc[key] = canonical.string_list(svc[key])
        except CanonicalError as err:
            raise ComposeError(str(err), path=("services", name)) from None


# ----------------------------------------------------------------------------- the project

def _resolve_env_files(state: _State, model: dict[str, Any]) -> None:
    """``env_file``: each file's variables under the service's own ``environment``, the key
    itself gone (measured: 76, ``config`` shows the merged ``environment`` only)."""
    for name, svc in (model.get("services") or {}).items():
        if "env_file" not in svc:
            continue
        entries = svc.pop("env_file")
        merged: dict[str, str | None] = {}
        for entry in entries if isinstance(entries, list) else [entries]:
            path = entry.get("path") if isinstance(entry, dict) else entry
            required = entry.get("required", True) if isinstance(entry, dict) else True
            full = posixpath.normpath(posixpath.join(state.working_dir, str(path)))
            try:
                text = state.files.read_text(full)
            except OSError:
                if not required:
                    continue
                # compose-go types/envfile.go (unmeasured wording)
                raise ComposeError(f"env file {full} not found: stat {full}: no such file or "
                                   "directory", path=("services", name, "env_file")) from None
            try:
                merged.update(parse_dotenv(text, source=full, lookup=state.env.get))
            except DotenvError as err:
                raise ComposeError(str(err), path=("services", name, "env_file")) from None
        merged.update(svc.get("environment") or {})
        svc["environment"] = {k: merged[k] for k in sorted(merged)}


def _service(name: str, svc: dict[str, Any]) -> Service:
    nets = []
    for key, spec in sorted((svc.get("networks") or {}).items()):  # a Go map: no order
        spec = spec or {}
        nets.append((key, ServiceNetwork(
            aliases=tuple(spec.get("aliases") or ()),
            ipv4_address=spec.get("ipv4_address") or "",
            ipv6_address=spec.get("ipv6_address") or "",
            mac_address=spec.get("mac_address") or "",
            priority=int(spec.get("priority") or 0),
            gw_priority=int(spec.get("gw_priority") or 0),
            driver_opts=tuple((k, str(v)) for k, v in (spec.get("driver_opts") or {}).items()),
            interface_name=spec.get("interface_name") or "")))
    deploy = svc.get("deploy") or {}
    # types.ServiceConfig.GetScale: scale, then deploy.replicas
    replicas = svc["scale"] if svc.get("scale") is not None else deploy.get("replicas", 1)
    restart = svc.get("restart") or ""
    policy = deploy.get("restart_policy")
    if isinstance(policy, dict):  # create.go getRestartPolicy: deploy.restart_policy wins
        attempts = policy.get("max_attempts")
        restart = f"{policy.get('condition') or ''}:{attempts}" if attempts else \
            str(policy.get("condition") or "")
    cmd = svc.get("command")
    entry = svc.get("entrypoint")
    return Service(
        name=name, image=svc.get("image") or "",
        command=tuple(cmd) if cmd is not None else None,
        entrypoint=tuple(entry) if entry is not None else None,
        container_name=svc.get("container_name") or "", hostname=svc.get("hostname") or "",
        domainname=svc.get("domainname") or "", networks=tuple(nets),
        network_mode=svc.get("network_mode") or "",
        links=tuple(svc.get("links") or ()), external_links=tuple(svc.get("external_links")
                                                                  or ()),
        ports=tuple(Port(target=int(p["target"]), published=str(p.get("published") or ""),
                         host_ip=p.get("host_ip") or "", protocol=p.get("protocol") or "tcp",
                         mode=p.get("mode") or "ingress") for p in svc.get("ports") or ()),
        expose=tuple(svc.get("expose") or ()),
        replicas=int(replicas if replicas is not None else 1),
        depends_on=tuple((d, Dependency(condition=v.get("condition", "service_started"),
                                        required=bool(v.get("required", True)),
                                        restart=bool(v.get("restart", False))))
                         for d, v in (svc.get("depends_on") or {}).items()),
        profiles=tuple(svc.get("profiles") or ()),
        environment=tuple((svc.get("environment") or {}).items()),
        labels=tuple((k, v or "") for k, v in (svc.get("labels") or {}).items()),
        dns=tuple(svc.get("dns") or ()), extra_hosts=tuple(
            svc.get("extra_hosts") or ()) if isinstance(svc.get("extra_hosts"), list) else (),
        mac_address=svc.get("mac_address") or "", user=str(svc.get("user") or ""),
        working_dir=svc.get("working_dir") or "", tty=bool(svc.get("tty")),
        stdin_open=bool(svc.get("stdin_open")), restart=restart,
        privileged=bool(svc.get("privileged")),
        has_healthcheck="healthcheck" in svc and not (svc["healthcheck"] or {}).get("disable"))


def _network(key: str, net: dict[str, Any]) -> ComposeNetwork:
    ipam = net.get("ipam") or {}
    return ComposeNetwork(
        key=key, name=net["name"], driver=net.get("driver") or "",
        driver_opts=tuple((k, str(v)) for k, v in (net.get("driver_opts") or {}).items()),
        ipam_driver=ipam.get("driver") or "",
        ipam_config=tuple(dict(c) for c in ipam.get("config") or ()),
        ipam_options=tuple((k, str(v)) for k, v in (ipam.get("options") or {}).items()),
        external=bool(net.get("external")), internal=bool(net.get("internal")),
        attachable=bool(net.get("attachable")), enable_ipv6=net.get("enable_ipv6"),
        enable_ipv4=net.get("enable_ipv4"),
        labels=tuple((k, v or "") for k, v in canonical.mapping(net.get("labels") or {}).items()))


def active_profiles(opts: LoadOptions, environment: Mapping[str, str] | None = None
                    ) -> tuple[str, ...]:
    """``--profile`` values, else ``COMPOSE_PROFILES`` (comma-separated) of the project
    environment, ``.env`` included (compose-go cli/options.go WithDefaultProfiles)."""
    if opts.profiles:
        return opts.profiles
    env = opts.environ if environment is None else environment
    return tuple(p.strip() for p in env.get("COMPOSE_PROFILES", "").split(",") if p.strip())


def _has_profile(svc: dict[str, Any], profiles: tuple[str, ...]) -> bool:
    """compose-go types.ServiceConfig.HasProfile."""
    own = svc.get("profiles") or ()
    return not own or "*" in profiles or bool(set(own) & set(profiles))


def load_project(files: Files, opts: LoadOptions) -> Project:
    """The project ``docker compose`` with these options would act on, or ComposeError."""
    resolved = resolve_options(files, opts)
    state = _State(files, opts, resolved.environment, warnings=list(resolved.warnings),
                   working_dir=resolved.working_dir)
    try:
        return _load(state, list(resolved.files), resolved.working_dir)
    except RecursionError:
        # extends and include are followed recursively, as compose-go does; Go's stack takes
        # thousands of levels, Python's fewer
        raise ComposeError("netsim: this project's chain of extends or include is too deep "
                           "for netsim's reader; not simulated") from None
    except ComposeError as err:
        if err.file is not None or not err.path:
            raise
        file, line = state.locate(err.path)
        raise ComposeError(str(err), file=file, line=line, path=err.path) from None


def _load(state: _State, paths: list[str], working_dir: str) -> Project:
    opts, env = state.opts, state.env
    model: dict[str, Any] = {}
    for path in paths:
        model = _load_file(state, path, model)
    if not model:
        raise ComposeError("empty compose file")
    try:
        name = project_name(option=opts.project_name, env=env,
                            name=model.get("name") if isinstance(model.get("name"), str)
                            else None, directory=working_dir)
    except ProjectNameError as err:
        raise ComposeError(str(err)) from None
    _resolve_env_files(state, model)
    normalize(model, name, env)
    profiles = active_profiles(opts, env)
    disabled = frozenset(n for n, s in (model.get("services") or {}).items()
                         if isinstance(s, dict) and not _has_profile(s, profiles))
    check(model, disabled)
    out: dict[str, Any] = {"name": name, "services": model.get("services") or {}}
    for key in ("networks", "volumes", "secrets", "configs", "models"):
        if model.get(key):
            out[key] = model[key]
    out.update({k: v for k, v in model.items() if k.startswith("x-")})
    services = {n: _service(n, s) for n, s in out["services"].items()}
    unsimulated = sorted({f"services.*.{k}" for s in out["services"].values() for k in s
                          if k not in SIMULATED and not k.startswith("x-")})
    unsimulated += [k for k in ("volumes", "secrets", "configs", "models") if out.get(k)]
    project = Project(
        name=name, working_dir=working_dir, config_files=tuple(paths), services=services,
        networks={k: _network(k, v) for k, v in (out.get("networks") or {}).items()},
        model=out, environment=env, disabled=disabled, warnings=tuple(state.warnings),
        not_simulated=tuple(unsimulated), env_files=opts.env_files)
    cycle(project)
    return project
