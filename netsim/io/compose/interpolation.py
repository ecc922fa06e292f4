"""Compose's variable interpolation, as compose-go's ``template`` package does it.

Forms (Compose Specification, "Interpolation"; compose-go ``template/template.go``, whose
``DefaultPattern`` reads names case-insensitively):
``$VAR`` and ``${VAR}`` (unset: a warning and ""), ``${VAR:-default}`` (unset or empty),
``${VAR-default}`` (unset), ``${VAR:?err}`` / ``${VAR?err}`` (an error), ``${VAR:+alt}`` /
``${VAR+alt}``, nesting inside the default, error or alternative, and ``$$`` for a literal
``$``. A ``$`` followed by no name (``x$``, ``$1``, ``a$-b``) stays as it is; a brace that
holds no valid expression (``${}``, ``${A B}``) is Compose's "invalid interpolation format".

The texts below were printed by Docker Compose 2.40.3 (conformance lab, 2026-12-04)::

    invalid interpolation format for services.web.command.[].
    You may need to escape any $ with another $.
    ${A B}
    error while interpolating services.web.command.[]: required variable REQ is missing a value:
    must be set    (one line; cut here)
    The "F" variable is not set. Defaulting to a blank string.

>>> substitute("${A:-da} ${B-db} $$E $F x$", {"B": ""}).value
'da  $E  x$'
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = ["InterpolationError", "Substitution", "path_text", "substitute"]

#: a variable name, as compose-go's template package reads it (case-insensitive)
_NAME = re.compile(r"[_a-zA-Z][_a-zA-Z0-9]*")


class InterpolationError(ValueError):
    """A value Compose refuses to interpolate; ``str()`` is Compose's text for ``path``."""


@dataclass
class Substitution:
    """An interpolated value and the warnings Compose prints for it (unset variables)."""

    value: str
    warnings: list[str] = field(default_factory=list)


def path_text(parts: tuple[str | int, ...]) -> str:
    """A value's place as Compose names it: keys joined by ``.``, a list item as ``[]``
    (``services.web.command.[]``)."""
    return ".".join("[]" if isinstance(p, int) else p for p in parts)


def substitute(template: str, env: Mapping[str, str], path: str = "") -> Substitution:
    """``template`` with its variables replaced from ``env``; raises
    :class:`InterpolationError` with Compose's text (``path``: where the value is)."""
    out = Substitution("")
    out.value = _expand(template, template, env, path, out.warnings)
    return out


def _invalid(template: str, path: str) -> InterpolationError:
    # compose-go interpolation/interpolation.go newPathError (InvalidTemplateError)
    return InterpolationError(f"invalid interpolation format for {path}.\n"
                              f"You may need to escape any $ with another $.\n{template}")


def _closing_brace(text: str, start: int) -> int:
    """The index of the ``}`` that closes the ``${`` before ``start`` (nested ``${…}`` count)."""
    depth, i = 1, start
    while i < len(text):
        if text.startswith("${", i):
            depth, i = depth + 1, i + 2
            continue
        if text[i] == "}":
            depth -= 1
            if depth == 0:
                return i
        i += 1
    return -1


def _expand(text: str, template: str, env: Mapping[str, str], path: str,
            warnings: list[str]) -> str:
    parts: list[str] = []
    i = 0
    while i < len(text):
        ch = text[i]
        if ch != "$":
            parts.append(ch)
            i += 1
            continue
        nxt = text[i + 1] if i + 1 < len(text) else ""
        if nxt == "$":  # $$: a literal $
            parts.append("$")
            i += 2
            continue
        if nxt == "{":
            end = _closing_brace(text, i + 2)
            if end < 0:
                raise _invalid(template, path)
            parts.append(_braced(text[i + 2:end], template, env, path, warnings))
            i = end + 1
            continue
        m = _NAME.match(text, i + 1)
        if m is None:  # no name after $: kept as written
            parts.append("$")
            i += 1
            continue
        parts.append(_lookup(m.group(0), env, warnings))
        i = m.end()
    return "".join(parts)


def _lookup(name: str, env: Mapping[str, str], warnings: list[str]) -> str:
    if name in env:
        return env[name]
    # compose-go template/template.go: a logrus warning, then "" (the CLI prints it on stderr)
    warnings.append(f'The "{name}" variable is not set. Defaulting to a blank string.')
    return ""


def _braced(inner: str, template: str, env: Mapping[str, str], path: str,
            warnings: list[str]) -> str:
    m = _NAME.match(inner)
    if m is None:
        raise _invalid(template, path)
    name, rest = m.group(0), inner[m.end():]
    if not rest:
        return _lookup(name, env, warnings)
    colon = rest.startswith(":")
    op = rest[1:2] if colon else rest[:1]
    arg = rest[2:] if colon else rest[1:]
    if op not in ("-", "?", "+"):
        raise _invalid(template, path)
    value = env.get(name)
    present = value is not None and (value != "" or not colon)
    if op == "-":
        return value if present and value is not None else _expand(
            arg, template, env, path, warnings)
    if op == "+":
        return _expand(arg, template, env, path, warnings) if present else ""
    if present and value is not None:
        return value
    message = _expand(arg, template, env, path, warnings)
    # compose-go template/template.go MissingRequiredError, wrapped by
    # interpolation/interpolation.go newPathError
    detail = f": {message}" if message else ""
    raise InterpolationError(f"error while interpolating {path}: required variable {name} "
                             f"is missing a value{detail}")
