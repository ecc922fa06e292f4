"""A Compose project's name, as Docker Compose v2 chooses it.

Precedence (compose-go ``loader/loader.go`` ``projectName``; docs: compose/how-tos/
project-name.md): ``-p``, then ``COMPOSE_PROJECT_NAME``, then the top-level ``name:``, then
the project directory's name. Measured with Compose 2.40.3 (conformance lab, 2026-12-04): the
file's ``name:`` and a directory's name are normalized (``My Proj`` → ``myproj``, ``Bad!`` →
``bad``, ``My Proj.X`` → ``myprojx``, ``9Lives_A-b`` → ``9lives_a-b``, ``_x`` → ``x``; a
directory ``...`` leaves nothing: ``project name must not be empty``); ``-p`` and
``COMPOSE_PROJECT_NAME`` must already be valid, else::

    invalid project name "Bad!": must consist only of lowercase alphanumeric characters,
    hyphens, and underscores as well as start with a letter or number    (one line; cut here)

>>> normalize_project_name("My Proj.X"), project_name(directory="/root/_x")
('myprojx', 'x')
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import PurePosixPath

__all__ = ["ProjectNameError", "normalize_project_name", "project_name"]

class ProjectNameError(ValueError):
    """A project name Compose refuses (the text is Compose's)."""


def normalize_project_name(name: str) -> str:
    """Lowercase, drop every character but ``a-z0-9_-``, then drop leading ``_`` and ``-``
    (compose-go loader/loader.go ``NormalizeProjectName``)."""
    kept = re.sub(r"[^a-z0-9_-]", "", name.lower())
    return kept.lstrip("_-")


def _checked(name: str) -> str:
    # compose-go loader/loader.go projectName: a name set imperatively must be its own
    # normal form, else InvalidProjectNameErr
    if normalize_project_name(name) != name:
        raise ProjectNameError(
            f'invalid project name "{name}": must consist only of lowercase alphanumeric '
            "characters, hyphens, and underscores as well as start with a letter or number")
    return name


def project_name(*, option: str | None = None, env: Mapping[str, str] | None = None,
                 name: str | None = None, directory: str = ".") -> str:
    """The project's name from ``-p`` (``option``), ``COMPOSE_PROJECT_NAME`` in ``env``, the
    file's ``name:`` (already interpolated) or the project ``directory``; raises
    :class:`ProjectNameError` with Compose's text."""
    if option:
        return _checked(option)
    from_env = (env or {}).get("COMPOSE_PROJECT_NAME")
    if from_env:
        return _checked(from_env)
    normalized = normalize_project_name(name or PurePosixPath(directory).name)
    if not normalized:  # compose-go loader/loader.go (loadYamlModel)
        raise ProjectNameError("project name must not be empty")
    return normalized
