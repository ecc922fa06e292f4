"""The native scenario format: lossless round trips, a committed JSON Schema, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SCENARIOS

from netsim.errors import ScenarioError
from netsim.io.scenario import dump_scenario, parse_scenario, scenario_json_schema
from netsim.lab import run_scenario, run_script

SCHEMA = Path(__file__).resolve().parent.parent / "netsim" / "schema" / "scenario.schema.json"


def test_committed_schema_is_current() -> None:
    """netsim/schema/scenario.schema.json is what the models generate (regenerate if not)."""
    assert SCHEMA.read_text() == scenario_json_schema()


def test_schema_names_every_operation() -> None:
    schema = json.loads(SCHEMA.read_text())
    ops = {d["properties"]["op"].get("const") or tuple(d["properties"]["op"].get("enum", ()))
           for d in schema["$defs"].values() if "op" in d.get("properties", {})}
    flat = {o for x in ops for o in ((x,) if isinstance(x, str) else x)}
    assert {"network-create", "run", "create", "network-connect", "rm"} <= flat


@pytest.mark.parametrize("name", ["seed-alias.sh", "seed-macvlan.sh", "seed-modes.sh",
                                  "seed-subnet.sh", "seed-basics.sh", "overlay-two-hosts.sh"])
def test_script_export_replays_to_the_same_state(name: str) -> None:
    """A script exported to YAML replays to an equal State (IDs, addresses, MACs, ports)."""
    lab, _ = run_script((SCENARIOS / name).read_text(), source=name)
    text = dump_scenario(lab.scenario())
    again, _ = run_scenario(parse_scenario(text, source="x.yaml"))
    assert again.state == lab.state


def test_yaml_error_names_the_line() -> None:
    with pytest.raises(ScenarioError) as err:
        parse_scenario("version: 1\nsteps:\n  - op: run\n    container: {image: nginx, "
                       "publish: ['80:abc']}\n", source="lab.yaml")
    # "80:abc" is host port 80, container port "abc": go-connections' own words
    assert err.value.line() == "lab.yaml:4: steps.0.container.publish: invalid containerPort: abc"


def test_not_a_mapping() -> None:
    with pytest.raises(ScenarioError) as err:
        parse_scenario("- 1\n- 2\n", source="x.yaml")
    assert err.value.line() == (
        "x.yaml: a scenario must be a mapping (got 'list'; accepted: keys version, lan, hosts, "
        "images, steps)"
    )
