"""The native scenario format (YAML or JSON): read with line numbers in errors, write losslessly.

``parse_scenario(text, source=…)`` is pure; ``read_scenario(path)`` wraps it. A validation
problem is reported as one :class:`netsim.errors.ScenarioError` naming ``file:line`` and the
field's dotted path, e.g. ``lab.yaml:7: steps.1.network.ipam.0.subnet: …``. The file's own
words for a container (:mod:`netsim.io.scenario_v1`) become Docker's API objects as the docker
CLI makes them; :func:`dump_scenario` writes them back in those words where they say the
container exactly.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from netsim.api import Scenario
from netsim.api.network import DRIVERS_CONTEXT
from netsim.daemon import drivers
from netsim.errors import ScenarioError
from netsim.io.scenario_v1 import ScenarioFile

__all__ = [
    "dump_scenario",
    "parse_scenario",
    "read_scenario",
    "scenario_json_schema",
    "step_lines",
]

# the discriminators that exclude_defaults would drop (op; a network's driver, written even
# when it is the default, bridge)
_DISCRIMINATORS = ("op", "driver")


def _node_for(root: yaml.Node | None, loc: tuple[int | str, ...]) -> yaml.Node | None:
    """Follow a pydantic error location through the YAML node tree (for its line number)."""
    node = root
    for part in loc:
        if isinstance(node, yaml.MappingNode):
            nxt = None
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and key.value == str(part):
                    nxt = value
                    break
            if nxt is None:
                return node
            node = nxt
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if part >= len(node.value):
                return node
            node = node.value[part]
        else:
            # tagged-union member names (e.g. "network-create") are not in the document
            continue
    return node


def _clean_loc(loc: tuple[int | str, ...]) -> tuple[int | str, ...]:
    """Drop the union-member tags pydantic inserts (``steps.0.network-create.network``)."""
    out: list[int | str] = []
    for i, part in enumerate(loc):
        prev = loc[i - 1] if i else None
        prev2 = loc[i - 2] if i > 1 else None
        if prev2 == "steps" and isinstance(prev, int) and isinstance(part, str):
            continue  # the operation tag
        if prev == "container" and part in ("fields", "request"):
            continue  # how the container is given (netsim.io.scenario_v1.ContainerStep)
        out.append(part)
    return tuple(out)


#: the characters str.splitlines() breaks a line at
_LINE_BREAKS = frozenset("\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029")


def _one_line(text: str) -> str:
    """``text`` with its line breaks escaped as ``repr`` writes them: a value the message
    quotes (Docker's ``Invalid container name (a\\nb)``, a key of the file) must not split the
    CLI's one line per problem.

    >>> _one_line("Invalid container name (a\\nb)")
    'Invalid container name (a\\\\nb)'
    """
    if not _LINE_BREAKS.intersection(text):
        return text
    return "".join(repr(c)[1:-1] if c in _LINE_BREAKS else c for c in text)


def _describe(err: dict[str, Any]) -> tuple[str, str | None]:
    msg = str(err.get("msg", "invalid value")).removeprefix("Value error, ")
    kind = err.get("type", "")
    accepted = None
    if kind == "extra_forbidden":
        msg = "unknown field"
    elif kind == "missing":
        msg = "required field is missing"
    elif kind == "union_tag_invalid":
        ctx = err.get("ctx", {})
        msg = f"unknown {ctx.get('discriminator', 'kind')}"
        accepted = str(ctx.get("expected_tags", ""))
    elif kind == "literal_error":
        accepted = str(err.get("ctx", {}).get("expected", ""))
    elif "accepted" in err.get("ctx", {}):  # netsim's own errors (e.g. unknown_engine)
        accepted = str(err["ctx"]["accepted"])
    return msg, accepted


def parse_scenario(text: str, *, source: str = "<scenario>") -> Scenario:
    """Read a scenario from YAML or JSON text; one ScenarioError for the first problem."""
    text = text.removeprefix("\ufeff")  # a byte order mark (netsim.io.inputs.decode_text)
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"{source}:{mark.line + 1}" if mark is not None else source
        problem = getattr(err, "problem", None) or str(err)
        raise ScenarioError(where, f"not valid YAML/JSON: {problem}") from None
    if not isinstance(data, dict):
        raise ScenarioError(source, "a scenario must be a mapping", got=type(data).__name__,
                            accepted="keys version, lan, hosts, images, steps")
    try:
        # a network's driver is one of those registered (else "unknown 'driver'")
        found = ScenarioFile.model_validate(data, context={DRIVERS_CONTEXT: drivers.creatable()})
    except ValidationError as err:
        first = err.errors()[0]
        loc = _clean_loc(tuple(first["loc"]))
        node = _node_for(root, loc)
        if first["type"] == "extra_forbidden" and loc:  # an unknown key: its own line
            parent = _node_for(root, loc[:-1])
            if isinstance(parent, yaml.MappingNode):
                node = next((k for k, _ in parent.value if isinstance(k, yaml.ScalarNode)
                             and k.value == str(loc[-1])), node)
        line = f":{node.start_mark.line + 1}" if node is not None else ""
        path = _one_line(".".join(str(p) for p in loc) or "(top)")
        msg, accepted = _describe(dict(first))
        got = first.get("input")
        shown = got if isinstance(got, str | int | float | bool) else None
        raise ScenarioError(f"{source}{line}: {path}", _one_line(msg), got=shown,
                            accepted=accepted and _one_line(accepted)) from None
    try:
        return found.to_api()
    except ValueError as err:  # pydantic's ValidationError too
        raise ScenarioError(source, str(err).splitlines()[0]) from None


def step_lines(text: str) -> list[int]:
    """The 1-based line on which each of a scenario's steps starts (for step lists)."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return []
    steps = _node_for(root, ("steps",))
    if not isinstance(steps, yaml.SequenceNode):
        return []
    return [item.start_mark.line + 1 for item in steps.value]


def read_scenario(path: str | Path) -> Scenario:
    from netsim.io.inputs import decode_text

    p = Path(path)
    try:
        text = decode_text(p.read_bytes(), str(p))  # a BOM dropped, CRLF read as LF
    except OSError as err:
        raise ScenarioError(str(p), f"cannot read the file: {err.strerror}") from None
    except UnicodeDecodeError:
        raise ScenarioError(str(p), "the file is not UTF-8 text") from None
    return parse_scenario(text, source=str(p))


def _dump(model: BaseModel) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in _DISCRIMINATORS:
        if key in type(model).model_fields:
            out[key] = getattr(model, key)
    data = model.model_dump(mode="json", exclude_defaults=True)
    for name in type(model).model_fields:
        value = getattr(model, name)
        if name not in data:
            continue
        if isinstance(value, BaseModel):
            data[name] = _dump(value)
        elif isinstance(value, tuple) and value and isinstance(value[0], BaseModel):
            data[name] = [_dump(v) for v in value]
    out.update(data)
    return out


def dump_scenario(scenario: Scenario, *, fmt: str = "yaml") -> str:
    """Write a scenario; reading the text back gives an equal Scenario."""
    data = _dump(ScenarioFile.of(scenario))
    data = {"version": scenario.version, **data}
    if fmt == "json":
        return json.dumps(data, indent=2) + "\n"
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=False)


def scenario_json_schema() -> str:
    """The JSON Schema of the native format, as committed in netsim/schema/."""
    return json.dumps(ScenarioFile.model_json_schema(), indent=2, sort_keys=True) + "\n"
