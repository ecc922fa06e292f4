"""A service's ``extends:``, resolved as compose-go's loader does it.

Followed: compose-go v2.9.1 (vendored by Docker Compose 2.40.3) ``loader/extends.go``
(``ApplyExtends``, ``applyServiceExtends``, ``getExtendsBaseFromFile``), ``loader/loader.go``
(``cycleTracker``: the circular-reference text) and ``override/extends.go`` (the merge, the
same as between files: :func:`netsim.io.compose.merge.extend_service`).

``extends: base`` takes ``base`` from the same file; ``extends: {file: F, service: S}`` takes
``S`` from ``F`` (``{service: S}`` alone is the same file). The base is resolved first (a
chain), then the extending service is merged onto a copy of it and loses its ``extends`` key.
Every key is inherited: compose-go keeps ``depends_on``, ``links``, ``volumes_from``,
``network_mode: service:…`` … (they must then name services of the project; the loader's
checks say so). A base that is ``null`` leaves the extending service as written.

Errors (compose-go's texts; ``FILE`` is the file being loaded, as the loader names it)::

    cannot extend service "web" in FILE: service "nope" not found
    cannot extend service "web" in FILE: service "nope" not found in base.yaml
    extends.web.service is required
    services.web must be a mapping
    Circular reference:
      a in FILE
      extends b in FILE
      extends a in FILE

Where compose-go's result depends on Go's random map order this module takes the services in
the file's order: the first service of a cycle met is the one the text starts with.

>>> apply_extends({"base": {"image": "nginx", "ports": ["80"]},
...                "web": {"extends": "base", "ports": ["81"]}},
...               load_file=lambda path: {}, where="/p/compose.yaml")["web"]
{'image': 'nginx', 'ports': ['80', '81']}
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from netsim.golang.quote import go_quote
from netsim.io.compose.merge import Override, Reset, extend_service

__all__ = ["ExtendsError", "apply_extends"]

#: the services met on the way, as (file, service) — loader/loader.go serviceRef
_Trail = tuple[tuple[str, str], ...]


class ExtendsError(ValueError):
    """An ``extends:`` Compose refuses; ``str()`` is compose-go's text."""


def _follow(trail: _Trail, filename: str, service: str) -> _Trail:
    """``trail`` with one more step, or compose-go's circular-reference error."""
    step = (filename, service)
    if step in trail:
        lines = ["Circular reference:", f"  {trail[0][1]} in {trail[0][0]}"]
        lines += [f"  extends {s} in {f}" for f, s in (*trail[1:], step)]
        raise ExtendsError("\n".join(lines))
    return (*trail, step)


def _plain(value: Any) -> Any:
    """A service entry without its own marker (``!override`` on a whole service)."""
    return value.value if isinstance(value, Override) else value


class _Resolver:
    """One file's services, resolved in place as applyServiceExtends does."""

    def __init__(self, load_file: Callable[[str], dict[str, Any]], where: str,
                 locate: Callable[[str], str]) -> None:
        self.load_file, self.where, self.locate = load_file, where, locate

    def resolve(self, name: str, services: dict[str, Any], trail: _Trail) -> Any:
        """``services[name]`` with its ``extends`` applied (also stored back there)."""
        entry = services.get(name)
        if isinstance(entry, Reset):
            return entry
        service = _plain(entry)
        if service is None:
            return None
        if not isinstance(service, dict):
            raise ExtendsError(f"services.{name} must be a mapping")
        if "extends" not in service or isinstance(service["extends"], Reset):
            return entry
        extends = _plain(service["extends"])
        filename, ref, file = self.where, "", None
        if isinstance(extends, dict):
            named = extends.get("service")
            if not isinstance(named, str):
                raise ExtendsError(f"extends.{name}.service is required")
            ref, file = named, extends.get("file")
        elif isinstance(extends, str):
            ref = extends
        base_services = services
        if file is not None:
            filename = str(file)
            base_services = self.from_file(name, ref, filename)
        elif ref not in services:
            raise ExtendsError(f"cannot extend service {go_quote(name)} in {self.where}: "
                               f"service {go_quote(ref)} not found")
        # compose-go records the extending service under the file its base comes from
        trail = _follow(trail, filename, name)
        base = _plain(self.resolve(ref, base_services, trail))
        if base is None or isinstance(base, Reset):
            return entry
        merged = extend_service(base, service)
        merged.pop("extends", None)
        result = Override(merged) if isinstance(entry, Override) else merged
        services[name] = result
        return result

    def from_file(self, name: str, ref: str, path: str) -> dict[str, Any]:
        """The services of the file ``path`` (loader/extends.go getExtendsBaseFromFile)."""
        model = copy.deepcopy(self.load_file(path))
        local = self.locate(path)
        if "services" not in model:
            raise ExtendsError(f"cannot extend service {go_quote(name)} in {local}: "
                               "no services section")
        services = model["services"]
        if not isinstance(services, dict):
            raise ExtendsError(f"cannot extend service {go_quote(name)} in {local}: "
                               "services must be a mapping")
        if ref not in services:
            raise ExtendsError(f"cannot extend service {go_quote(name)} in {self.where}: "
                               f"service {go_quote(ref)} not found in {path}")
        return services


def apply_extends(services: dict[str, Any], *, load_file: Callable[[str], dict[str, Any]],
                  where: str, locate: Callable[[str], str] | None = None) -> dict[str, Any]:
    """The file's ``services`` (left untouched) with every ``extends`` resolved.

    ``where``: the file's name as Compose names it in errors; ``load_file(path)``: the
    top-level mapping of another file, ``path`` as written under ``extends.file`` (interpolated,
    its own ``!reset``/``!override`` markers kept, its relative paths resolved as compose-go's
    ``ResolveRelativePaths`` does, so that a further ``extends.file`` in it is absolute);
    ``locate(path)``: that file's absolute path, for the texts that name it (default: ``path``).
    Markers of an extending service act on its base and stay in the result (see
    :func:`netsim.io.compose.merge.extend_service`). Raises :class:`ExtendsError`, or
    :class:`netsim.io.compose.merge.MergeError` when the two cannot be merged."""
    if not isinstance(services, dict):
        raise ExtendsError("services must be a mapping")
    resolver = _Resolver(load_file, where, locate or (lambda path: path))
    work = dict(services)
    for name in list(work):
        work[name] = resolver.resolve(name, work, ())
    return work
