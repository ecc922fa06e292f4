"""Read a conformance recording: what a real Docker Engine printed for each command of a script.

A recording is JSON written by ``conformance/lab/record.py`` (format 1)::

    {"format": 1, "name": "…", "script": "<the script's text>", "script_sha256": "…",
     "engine": {"profile": "28.5", "version": "28.5.2", "package": "28.5.2+dfsg4-5"},
     "recorded": "2026-12-04T12:34:56Z",
     "lab": {"lan": "192.168.0.0/24", "gateway": "192.168.0.1",
             "hosts": {"server1": "192.168.0.100", "server2": "192.168.0.101"}},
     "steps": [{"line": 3, "command": "docker network ls", "host": "server1", "exit_code": 0,
                "stdout": "…", "stderr": "…", "tty": false, "timed_out": false}, …]}

:func:`parse_recording` is pure; :func:`read_recording` reads a file. Both raise
:class:`~netsim.errors.InputError` with the field path of what is wrong.
"""

from __future__ import annotations

import hashlib
import ipaddress
import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from netsim.errors import InputError

__all__ = ["LabTopology", "RecordedStep", "Recording", "parse_recording", "read_recording"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EngineInfo(_Model):
    """The engine a recording was made on."""

    #: the netsim engine profile it is compared under (``28.5``, ``26.1``, ``20.10``, ``29.1``)
    profile: str = Field(pattern=r"^\d+\.\d+$")
    #: ``docker version``'s server version (``28.5.2``)
    version: str
    #: the Debian package it came from, when known
    package: str | None = None


class LabTopology(_Model):
    """The lab's LAN and Docker hosts, as netsim declares them for the replay."""

    lan: ipaddress.IPv4Network
    gateway: ipaddress.IPv4Address
    hosts: dict[str, ipaddress.IPv4Address]
    #: routers between the LAN router and the lab's internet (conformance/lab: netsim-inet is
    #: directly behind it)
    internet_hops: int = 0
    #: each host's daemon ID (``docker info``'s ID), from which an engine ≥ 27 derives its IPv6
    #: ULA pool (recorded since issue 17; older recordings leave netsim to make one up)
    engine_ids: dict[str, str] = {}


class RecordedStep(_Model):
    """One command as the lab ran it."""

    line: int = Field(ge=1)
    command: str
    host: str
    #: None when the lab could not run it (its daemon was down)
    exit_code: int | None
    stdout: str
    stderr: str
    tty: bool = False
    timed_out: bool = False
    duration_s: float | None = None


class Recording(_Model):
    """A script and what one engine printed for each of its commands."""

    format: Literal[1] = 1
    name: str
    script: str
    script_sha256: str
    engine: EngineInfo
    recorded: str
    lab: LabTopology
    steps: tuple[RecordedStep, ...]

    @property
    def fresh(self) -> bool:
        """Whether ``script_sha256`` is the hash of ``script`` (the text was not edited)."""
        return hashlib.sha256(self.script.encode()).hexdigest() == self.script_sha256


def parse_recording(text: str, *, source: str = "<recording>") -> Recording:
    """A :class:`Recording` from JSON text; InputError naming the field path when malformed."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise InputError(f"{source}:{err.lineno}", f"not JSON: {err.msg}",
                         accepted="a recording written by conformance/lab/record.py") from None
    try:
        return Recording.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        path = ".".join(str(x) for x in first["loc"]) or "(top level)"
        raise InputError(f"{source}: {path}", str(first["msg"]),
                         got=first.get("input") if not isinstance(first.get("input"), dict | list)
                         else None,
                         accepted="a recording of format 1") from None


def read_recording(path: str | Path) -> Recording:
    """Read and parse one recording file."""
    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except IsADirectoryError:
        raise InputError(str(path), "is a directory, not a file") from None
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(str(path), f"cannot read the file: {err}") from None
    return parse_recording(text, source=str(path))
