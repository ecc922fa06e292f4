"""Any input file, replayed in a :class:`~netsim.lab.Lab`: what ``netsim run|reach|matrix …
FILE`` and :meth:`Lab.from_file` start from.

The reader is chosen by the file's name or ``--format`` (:mod:`netsim.io.inputs`), never by
its content: a script is replayed line by line, a scenario step by step, a Compose project
is brought up as ``docker compose -f FILE up -d`` in the file's directory (after its
``# netsim: image|container …`` comment lines are declared), then its
``x-netsim: {expect: […]}`` expectations are checked, and a ``docker inspect`` dump is
restored as it is (:mod:`netsim.io.dump`: no step is run).
"""

from __future__ import annotations

import os
import posixpath
import re
import shlex
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from netsim.errors import InputError, ScriptError
from netsim.lab import Lab, Step, run_scenario, run_script
from netsim.versions import DEFAULT_PROFILE, EngineProfile

if TYPE_CHECKING:
    from netsim.io.compose.model import Project

__all__ = ["read_compose_file", "replay_file", "up_compose_file"]


def replay_file(path: str, *, seed: int = 0, strict: bool = False,
                profile: EngineProfile | str | None = None,
                format: str | None = None,
                stop_on_failure: bool | None = None,
                on_step: Callable[[Lab, Step | None], None] | None = None,
                ) -> tuple[Lab, list[Step]]:
    """Replay the input ``path`` (``-``: standard input); the lab and one Step per command.
    ``on_step``: a script's :func:`netsim.lab.run_script` hook (other inputs do not call it).

    ``strict``: a line netsim does not simulate is an error, not a note
    (:func:`netsim.lab.run_script`); ``stop_on_failure`` (default: ``strict``): the replay
    stops after the first command that fails. What the reader had to decide (CRLF line ends
    read as LF …) comes first in the lab's :attr:`~netsim.lab.Lab.notes`.
    """
    from netsim.io.inputs import input_format, read_input

    fmt = input_format(path, format)
    if fmt == "compose":
        if path == "-":  # Compose reads a project's directory, .env and files beside it
            raise InputError("<stdin>", "a Compose project cannot be read from standard input",
                             accepted="the compose file's path: netsim run compose.yaml")
        return up_compose_file(path, seed=seed, profile=profile)
    if fmt == "inspect":
        from netsim.io.dump import load_dump
        from netsim.versions import profile as engine_profile

        chosen = engine_profile(profile, where="profile") if profile is not None else None
        return load_dump(path, seed=seed, profile=chosen), []
    notes: list[str] = []
    text = read_input(path, notes)
    source = "<stdin>" if path == "-" else path
    stop = strict if stop_on_failure is None else stop_on_failure
    if fmt == "scenario":
        from netsim.io.scenario import parse_scenario, step_lines

        lab, steps = run_scenario(parse_scenario(text, source=source), seed=seed, strict=stop,
                                  lines=step_lines(text), profile=profile)
    else:
        lab, steps = run_script(text, source=source, seed=seed, strict=strict, profile=profile,
                                stop_on_failure=stop, on_step=on_step)
    lab.notes[:0] = notes
    return lab, steps


def read_compose_file(path: str) -> Project:
    """The Compose project of the file ``path`` (read from the disk, in its directory, with
    its ``.env``; the shell environment is not read but the one a lab's host gives every
    command, as :func:`up_compose_file`'s ``docker compose`` sees it, so the same file always
    gives the same project); InputError ``FILE[:LINE]: <Compose's text>`` when Compose would
    refuse it."""
    from netsim.hostshell import new_workspace
    from netsim.io.compose.loader import ComposeError, DiskFiles, LoadOptions, load_project

    full = os.path.abspath(path).replace(os.sep, "/")
    directory = posixpath.dirname(full)
    environ = {**new_workspace(directory, sandboxed=False).env, "PWD": directory}
    try:
        return load_project(DiskFiles(), LoadOptions(cwd=directory,
                                                     files=(posixpath.basename(full),),
                                                     environ=environ))
    except ComposeError as err:
        raise InputError(err.where() or path, str(err).replace("\n", " ")) from None


def up_compose_file(path: str, *, seed: int = 0,
                    profile: EngineProfile | str | None = None) -> tuple[Lab, list[Step]]:
    """``docker compose -f FILE up -d`` in the file's directory, in a new lab (what ``netsim
    run compose.yaml`` shows); a file Compose would refuse is an InputError first."""
    project = read_compose_file(path)
    expectations = _compose_expectations(path, project.model.get("x-netsim"))
    full = os.path.abspath(path).replace(os.sep, "/")
    lab = Lab(seed=seed, profile=profile if profile is not None else DEFAULT_PROFILE,
              workdir=posixpath.dirname(full))
    _declare_from_comments(lab, path)
    step = lab.docker(shlex.join(["compose", "-f", posixpath.basename(full), "up", "-d"]),
                      line=1)
    for line, text in expectations:
        try:
            lab.keep_expectation(text, line)
        except ScriptError as err:
            raise InputError(f"{path}:{line}", err.what, got=err.got,
                             accepted=err.accepted) from None
    return lab, [step]


#: a comment line of a compose file that declares an image's or a container's facts
_DECLARATION = re.compile(r"\s*#\s*netsim:\s*(?:image|container)(?:\s|$)", re.IGNORECASE)


def _declare_from_comments(lab: Lab, path: str) -> None:
    """The ``# netsim: image …`` and ``# netsim: container …`` comment lines of a compose file
    (YAML comments: Compose ignores them), declared before the project comes up, as a
    script's would be; a malformed one is an InputError ``FILE:LINE: …``."""
    from netsim.io.inputs import decode_text
    from netsim.io.script import parse_script

    try:
        text = decode_text(Path(path).read_bytes(), path)
    except (OSError, UnicodeDecodeError):
        return  # (read_compose_file read it: this cannot happen but for a race)
    for number, raw in enumerate(text.splitlines(), 1):
        if _DECLARATION.match(raw) is None:
            continue
        try:
            for sl in parse_script(raw.strip(), source=path):
                lab.run_line(sl)
        except ScriptError as err:
            raise InputError(f"{path}:{number}", err.what, got=err.got,
                             accepted=err.accepted) from None


def _compose_expectations(path: str, ext: Any) -> list[tuple[int, str]]:
    """The ``x-netsim: {expect: [...]}`` extension of a compose file (Compose ignores ``x-``
    keys): the expectations ``netsim check`` verifies once the project is up, with their
    lines."""
    if ext is None:
        return []
    form = "x-netsim: {expect: [\"SRC reaches DST [on PORT]\", …]}"
    if not isinstance(ext, dict) or set(ext) - {"expect"}:
        raise InputError(f"{path}: x-netsim", "unknown or malformed netsim extension",
                         got=ext if not isinstance(ext, dict) else ", ".join(sorted(ext)),
                         accepted=form)
    items = ext.get("expect") or []
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise InputError(f"{path}: x-netsim.expect", "must be a list of expectations",
                         got=items, accepted=form)
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except OSError:
        lines = []
    out = []
    for text in items:
        line = next((i for i, t in enumerate(lines, 1) if text in t), 0)
        out.append((line, text))
    return out
