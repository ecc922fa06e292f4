"""The image catalogue's loader, and the look-ups over what it holds.

``catalogue.yaml`` (beside this module, shipped in the package) is read once, on first use
(:func:`load_catalogue`, cached), and validated by the models of :mod:`netsim.images.models`:
an unknown key, a wrong value or a name that points nowhere is a :class:`CatalogueError` whose
one line names the file and the place in it (``catalogue.yaml: images.nginx.exposed[0]: …``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from netsim.images.models import (
    CatalogEntry,
    ImageExtras,
    ImageInfo,
    PackageManager,
    ProgramFacts,
    TagRule,
    ToolImpl,
)
from netsim.images.reference import DEFAULT_DOMAIN, DEFAULT_TAG, ImageRef, parse_image_ref

if TYPE_CHECKING:
    from netsim.state import ContainerState, State

__all__ = [
    "DIG_VERSIONS",
    "KNOWN",
    "PACKAGES",
    "Catalogue",
    "CatalogueError",
    "container_image",
    "image_release",
    "inspect_facts",
    "load_catalogue",
    "lookup",
    "package_manager",
    "package_mirror",
]

#: the catalogue shipped with netsim
CATALOGUE_FILE = "catalogue.yaml"


class CatalogueError(ValueError):
    """A catalogue file that cannot be read or is not valid (one line: file, place, problem)."""


class _ToolSetDecl(BaseModel, frozen=True, extra="forbid"):
    extends: str | None = None
    tools: dict[str, ToolImpl] = {}


class _RuleDecl(BaseModel, frozen=True, extra="forbid"):
    tags: tuple[str, ...]
    image: str | None


class _MirrorsDecl(BaseModel, frozen=True, extra="forbid"):
    by_manager: dict[PackageManager, str]
    by_release: dict[str, str] = {}


class _CatalogueFile(BaseModel, frozen=True, extra="forbid"):
    """The file's sections (``images`` are validated one by one, once their ``extends`` and
    toolset names are resolved)."""

    toolsets: dict[str, _ToolSetDecl] = {}
    images: dict[str, dict[str, Any]]
    common_rules: tuple[_RuleDecl, ...] = ()
    repositories: dict[str, tuple[_RuleDecl, ...]]
    programs: dict[str, ProgramFacts] = {}
    dig_versions: dict[str, str]
    packages: dict[PackageManager, dict[str, dict[str, ToolImpl]]]
    package_mirrors: _MirrorsDecl


@dataclass(frozen=True)
class Catalogue:
    """A loaded, validated catalogue: the repositories' tag rules, the programs' behaviour and
    the package managers' facts (see ``catalogue.yaml`` for what each holds)."""

    repositories: Mapping[str, CatalogEntry]
    programs: Mapping[str, ProgramFacts]
    dig_versions: Mapping[str, str]
    packages: Mapping[str, Mapping[str, Mapping[str, ToolImpl]]]
    mirrors_by_manager: Mapping[PackageManager, str]
    mirrors_by_release: Mapping[str, str]


# --------------------------------------------------------------------------------------------
# Loading


def _where(loc: tuple[int | str, ...]) -> str:
    """A place in the file: ``images.nginx.exposed[0]``."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _first_error(exc: ValidationError, prefix: tuple[int | str, ...], name: str) -> CatalogueError:
    errors = exc.errors(include_url=False)
    err = errors[0]
    loc = prefix + tuple(err["loc"])
    message = err["msg"].removeprefix("Value error, ")
    value = err.get("input")
    if loc[-1] == "[key]":  # a mapping's key is wrong, not its value
        loc, message = loc[:-2], f"key {value!r}: {message}"
    elif err["type"] != "missing" and isinstance(value, str | int | float | bool) \
            and repr(value) not in message:
        message += f" (got {value!r})"
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    return CatalogueError(f"{name}: {_where(loc)}: {message}{more}")


def _resolve(section: str, kind: str, table: Mapping[str, Any], key: str,
             parent: Callable[[Any], object], name: str) -> list[str]:
    """``key`` and its ``extends`` chain, root first (a cycle or a dangling name is an error)."""
    chain = [key]
    while (up := parent(table[chain[-1]])) is not None:
        where = f"{name}: {section}.{chain[-1]}.extends"
        if not isinstance(up, str) or up not in table:
            raise CatalogueError(f"{where}: no {kind} named {up!r}")
        if up in chain:
            raise CatalogueError(f"{where}: a cycle ({' → '.join([*chain[chain.index(up):], up])})")
        chain.append(up)
    return chain[::-1]


def _build(raw: object, name: str) -> Catalogue:
    if not isinstance(raw, dict):
        raise CatalogueError(f"{name}: the file must hold a mapping of sections")
    try:
        decl = _CatalogueFile.model_validate(raw)
    except ValidationError as exc:
        raise _first_error(exc, (), name) from None

    toolsets: dict[str, Mapping[str, ToolImpl]] = {}
    for key in decl.toolsets:
        merged: dict[str, ToolImpl] = {}
        for step in _resolve("toolsets", "toolset", decl.toolsets, key, lambda t: t.extends,
                             name):
            merged.update(decl.toolsets[step].tools)
        toolsets[key] = MappingProxyType(merged)

    infos: dict[str, ImageInfo] = {}
    for key in decl.images:
        chain = _resolve("images", "image", decl.images, key,
                         lambda f: f.get("extends") if isinstance(f, dict) else None, name)
        fields: dict[str, Any] = {}
        for step in chain:  # a base first: a bad value is reported where it is written
            fields.update(decl.images[step])
            fields.pop("extends", None)
            if step not in infos:
                infos[step] = _image(step, fields, toolsets, name)

    def rule(r: _RuleDecl, where: str) -> TagRule:
        if r.image is not None and r.image not in infos:
            raise CatalogueError(f"{name}: {where}.image: no image named {r.image!r}")
        return TagRule(patterns=r.tags, info=infos[r.image] if r.image is not None else None)

    common = tuple(rule(r, f"common_rules[{i}]") for i, r in enumerate(decl.common_rules))
    repositories = {
        repo: CatalogEntry(rules=(*common, *(rule(r, f"repositories.{repo}[{i}]")
                                             for i, r in enumerate(rules))))
        for repo, rules in decl.repositories.items()
    }
    return Catalogue(
        repositories=MappingProxyType(repositories),
        programs=MappingProxyType(dict(decl.programs)),
        dig_versions=MappingProxyType(dict(decl.dig_versions)),
        packages=MappingProxyType({
            manager: MappingProxyType({pkg: MappingProxyType(dict(tools))
                                       for pkg, tools in by_name.items()})
            for manager, by_name in decl.packages.items()}),
        mirrors_by_manager=MappingProxyType(dict(decl.package_mirrors.by_manager)),
        mirrors_by_release=MappingProxyType(dict(decl.package_mirrors.by_release)),
    )


def _image(key: str, fields: Mapping[str, Any], toolsets: Mapping[str, Mapping[str, ToolImpl]],
           name: str) -> ImageInfo:
    """One fact set, its ``extends`` chain merged, its toolset name resolved."""
    values = dict(fields)
    tools = values.get("tools")
    if isinstance(tools, str):
        if tools not in toolsets:
            raise CatalogueError(f"{name}: images.{key}.tools: no toolset named {tools!r}")
        values["tools"] = toolsets[tools]
    try:
        return ImageInfo.model_validate(values)
    except ValidationError as exc:
        raise _first_error(exc, ("images", key), name) from None


@functools.cache
def load_catalogue(path: Path | None = None) -> Catalogue:
    """The catalogue in ``path`` (None: the one shipped with netsim), read and validated once.

    Raises :class:`CatalogueError` naming the file and the place in it of the first problem.
    """
    import yaml

    if path is None:
        from importlib.resources import files

        name = CATALOGUE_FILE
        try:
            text = files("netsim.images").joinpath(CATALOGUE_FILE).read_text(encoding="utf-8")
        except OSError as exc:
            raise CatalogueError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    else:
        name = str(path)
        try:
            text = Path(path).read_text(encoding="utf-8")
        except OSError as exc:
            raise CatalogueError(f"{name}: cannot be read ({exc.strerror or exc})") from None
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        raw = yaml.load(text, Loader=loader)  # a safe loader (CSafeLoader or SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f"line {mark.line + 1}: " if mark is not None else ""
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        raise CatalogueError(f"{name}: {line}{problem}") from None
    return _build(raw, name)


# --------------------------------------------------------------------------------------------
# Look-ups

_K = TypeVar("_K")
_V = TypeVar("_V")


class _Lazy(Mapping[_K, _V], Generic[_K, _V]):
    """A read-only view of one table of the shipped catalogue, loaded on first use."""

    def __init__(self, table: Callable[[Catalogue], Mapping[_K, _V]]) -> None:
        self._table = table

    def _data(self) -> Mapping[_K, _V]:
        return self._table(load_catalogue())

    def __getitem__(self, key: _K) -> _V:
        return self._data()[key]

    def __iter__(self) -> Iterator[_K]:
        return iter(self._data())

    def __len__(self) -> int:
        return len(self._data())

    def __repr__(self) -> str:
        return repr(dict(self._data()))


#: Docker Hub repository (``library/nginx``) → its tag rules
KNOWN: Mapping[str, CatalogEntry] = _Lazy(lambda c: c.repositories)
#: the version string ``dig`` prints (``; <<>> DiG VERSION <<>> name``) for the BIND tools an
#: image has or installs, by release (:func:`image_release`)
DIG_VERSIONS: Mapping[str, str] = _Lazy(lambda c: c.dig_versions)
#: what installing a package adds, by package manager and package name
PACKAGES: Mapping[str, Mapping[str, Mapping[str, ToolImpl]]] = _Lazy(lambda c: c.packages)


def lookup(ref: str | ImageRef) -> ImageInfo | None:
    """Facts about an image, or ``None`` when it is not in the catalogue.

    A string is parsed with :func:`parse_image_ref` (``ValueError`` with Docker's text if it is
    not a valid reference). Only Docker Hub (``docker.io``) names are known: a copy pushed to
    another registry may be anything. A digest-only reference is looked up as ``latest``.
    """
    if isinstance(ref, str):
        return _lookup_name(ref)
    return _lookup_parsed(ref)


def container_image(state: State, c: ContainerState) -> ImageInfo | None:
    """The facts a container's image has: a daemon-built (or committed, loaded) image's
    (State.image_infos), else the catalogue's for its reference (None: not known)."""
    info = state.image_infos.get(c.id)
    if info is not None:
        return info
    try:
        return lookup(c.spec.Config.Image)
    except ValueError:
        return None


@functools.lru_cache(maxsize=4096)
def _lookup_name(ref: str) -> ImageInfo | None:
    # the catalogue does not change while netsim runs: a dump names one image 10,000 times
    return _lookup_parsed(parse_image_ref(ref))


def _lookup_parsed(parsed: ImageRef) -> ImageInfo | None:
    if parsed.registry != DEFAULT_DOMAIN:
        return None
    entry = load_catalogue().repositories.get(parsed.repository)
    if entry is None:
        return None
    return entry.for_tag(parsed.tag or DEFAULT_TAG)


def inspect_facts(reference: str) -> tuple[ImageInfo | None, ImageExtras]:
    """What ``docker inspect`` shows of the image a container was created from: its catalogue
    facts (None: not catalogued, or not a valid name) and its ``StopSignal`` and ``Labels``.

    >>> inspect_facts("nginx:alpine")[1].stop_signal, inspect_facts("alpine")[1].labels
    ('SIGQUIT', {})
    """
    try:
        info = lookup(reference)
    except ValueError:
        return None, ImageExtras()
    if info is None:
        return None, ImageExtras()
    return info, ImageExtras(stop_signal=info.stop_signal, labels=info.labels)


def image_release(info: ImageInfo) -> str:
    """The distribution release an image is built on (a key of :data:`DIG_VERSIONS`)."""
    base = info.base.lower()
    if base.startswith("netsim-lab"):
        return "netsim-lab-debian"
    if "alpine" in base:
        return "alpine"
    if "14.04" in base:
        return "ubuntu-14.04"
    if "ubuntu" in base:
        return "ubuntu-24.04"
    if "centos" in base:
        return "centos-7"
    if "oraclelinux" in base:
        return "oraclelinux"
    return "debian"


def package_manager(info: ImageInfo) -> PackageManager | None:
    """The package manager in an image (None: ``scratch`` images such as busybox)."""
    base = info.base.lower()
    if base.startswith("scratch"):
        return None
    release = image_release(info)
    if release == "alpine":
        return "apk"
    if release == "centos-7" or base.startswith("oraclelinux:7"):
        return "yum"
    if release == "oraclelinux":
        return "microdnf"
    return "apt-get"


def package_mirror(info: ImageInfo | None, manager: PackageManager) -> str:
    """Where ``manager`` downloads from in this image (its release's own mirror, else the
    package manager's).

    >>> package_mirror(lookup("ubuntu"), "apt-get"), package_mirror(None, "apk")
    ('archive.ubuntu.com', 'dl-cdn.alpinelinux.org')
    """
    catalogue = load_catalogue()
    release = image_release(info) if info is not None else None
    if release is not None and release in catalogue.mirrors_by_release:
        return catalogue.mirrors_by_release[release]
    return catalogue.mirrors_by_manager[manager]
