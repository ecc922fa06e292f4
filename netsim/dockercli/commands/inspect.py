"""``docker inspect`` / ``container inspect``, and the inspector every ``… inspect`` command
prints through (``--format`` templates, JSON, errors after the output)."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

from netsim.dockercli.commands.common import client_text, daemon_text, not_found_network
from netsim.dockercli.commands.context import NOT_SIMULATED, Output, Session
from netsim.dockercli.parse import ParsedCommand
from netsim.errors import DaemonError, DockerCliError, DockerError

__all__ = ["inspect", "inspect_refs"]

_INSPECT_TYPES = ("config", "container", "image", "network", "node", "plugin", "secret",
                  "service", "task", "volume")


def inspect(session: Session, p: ParsedCommand, host: str, out: Output) -> None:
    """``docker inspect``: a container first, then a network, then a volume
    (cli/command/system/inspect.go inspectAll)."""
    from netsim.dockercli.output.inspect import any_object

    state = session.state
    kind = p.get("type") or ""
    if p.command == "container inspect":
        kind = "container"
    if session.profile.cli_inspect_legacy_type_check:
        # ≤ 28.1: no "config" (EngineProfile.cli_inspect_legacy_type_check)
        if kind not in ("", *(t for t in _INSPECT_TYPES if t != "config")):
            out.err(f'"{kind}" is not a valid value for --type', 1)
            return
    elif kind not in ("", *_INSPECT_TYPES):
        types = '", "'.join(_INSPECT_TYPES)
        out.err(f'unknown type: "{kind}": must be one of "{types}"', 1)
        return
    if kind not in ("", "container", "image", "network", "volume"):
        out.err(f'netsim: inspecting objects of type "{kind}" is not simulated', NOT_SIMULATED)
        return
    legacy = session.profile.cli_legacy_error_texts

    def get(ref: str) -> dict[str, Any]:
        from netsim.dockercli.commands.images import image_object, not_found_image
        from netsim.dockercli.commands.volume import volume_object

        if kind == "volume":
            return volume_object(session, host, ref)
        if kind == "image":
            image = session.engine.pull_known(host, ref)
            if image is None:
                raise not_found_image(session, ref)
            return image_object(session, host, image)
        obj = any_object(state, host, ref, kind) if kind != "image" else None
        if obj is not None:
            return obj
        if not kind and any_object(state, host, ref, "container") is None:
            # after a container, an image (cli/command/system/inspect.go inspectAll)
            image = session.engine.find_image(host, ref)
            if image is not None:
                return image_object(session, host, image)
        if not kind and ref in {v.name for v in session.engine.volumes(host)}:
            return volume_object(session, host, ref)  # after a network (inspectAll)
        if kind == "container":
            err = DaemonError(f"No such container: {ref}", status=404)
            if session.profile.client_not_found_wrapped:
                raise DockerCliError(client_text(session, err, "container", ref))
            raise err
        if kind == "network":
            raise not_found_network(session, ref)
        # v28.5.2 "Error: No such object: x", docker-v29.1.5 "error: no such object: x"
        raise DockerCliError(("Error: No such object: " if legacy else "error: no such object: ")
                             + ref, exit_code=1)

    inspect_refs(p.args, p.get("format"), get, out)


def inspect_refs(refs: Sequence[str], fmt: str | None,
                 get: Callable[[str], dict[str, Any]], out: Output) -> None:
    """cli/command/inspect/inspector.go Inspect: the template is parsed first (an error: exit
    64, nothing on stdout); each object is fetched and printed, its error (not found, or the
    template failing on it) kept; then the output (``[]`` or an empty line when there is none)
    and every error, in order, joined by newlines (exit 1)."""
    from netsim.dockercli.templates import parse, render
    from netsim.golang.template import ExecError, ParseError, UnsupportedTemplate

    template = None
    if fmt and fmt != "json":
        try:
            template = parse(fmt)
        except ParseError as err:
            out.err(f"template parsing error: {err}", 64)
            return
        except UnsupportedTemplate as err:
            out.err(f"netsim: this --format template is not simulated: {err}", NOT_SIMULATED)
            return
    found: list[dict[str, Any]] = []
    lines: list[str] = []
    errors: list[str] = []
    for ref in refs:
        try:
            obj = get(ref)
        except DockerError as err:
            errors.append(daemon_text(err))
            continue
        found.append(obj)
        if template is None:
            continue
        try:
            lines.append(render(template, obj) + "\n")
        except ExecError as err:
            errors.append(f"template parsing error: {err}")
        except UnsupportedTemplate as err:
            out.err(f"netsim: this --format template is not simulated: {err}", NOT_SIMULATED)
            return
    if template is not None:
        out.stdout.append("".join(lines) or "\n")
    elif fmt == "json":  # one compact JSON array (NewJSONInspector)
        out.stdout.append(json.dumps(found, separators=(",", ":"), ensure_ascii=False) + "\n")
    else:
        out.stdout.append(json.dumps(found, indent=4, ensure_ascii=False) + "\n")
    if errors:
        out.err("\n".join(errors), 1)
