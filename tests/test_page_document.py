"""The interactive page's embedded document (netsim-page/1, docs/page.md): made of netsim's own
answers, checked here against them (the browser tests check what the page shows)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from netsim.analysis.reach import reach
from netsim.lab import Lab
from netsim.page.document import SCHEMA, build_document
from netsim.replay import replay_file

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"


def _sourceless(trace: dict, rules: dict[str, str]) -> dict:
    """A trace as the page keeps it: each hop's source once per rule, in ``rules``."""
    for hop in trace["hops"]:
        assert rules[hop["rule"]] == hop.pop("source")
    return trace


@pytest.fixture(scope="module")
def alias_doc() -> dict:
    return build_document(str(SCENARIOS / "seed-alias.sh"))


def test_the_steps_are_netsim_runs_and_each_has_a_picture(alias_doc: dict) -> None:
    _lab, steps = replay_file(str(SCENARIOS / "seed-alias.sh"))
    assert alias_doc["schema"] == SCHEMA
    assert [{k: v for k, v in s.items() if k not in ("frame", "made", "made_nodes")}
            for s in alias_doc["steps"]] == [s.to_dict() for s in steps]
    frames = [s["frame"] for s in alias_doc["steps"]]
    assert frames == sorted(frames) and frames[-1] == alias_doc["final"]
    assert alias_doc["final"] == len(alias_doc["frames"]) - 1
    assert len(set(alias_doc["frames"])) == len(alias_doc["frames"])  # distinct pictures
    text = (SCENARIOS / "seed-alias.sh").read_text().split("\n")
    assert alias_doc["source"]["lines"] == text[:len(alias_doc["source"]["lines"])]


def test_a_step_that_makes_something_shows_it_in_its_picture(alias_doc: dict) -> None:
    made = {s["line"]: s for s in alias_doc["steps"] if s["made"]}
    create = made[5]  # docker network create --driver bridge mybridge
    assert create["made"] == ["network mybridge"]
    assert create["made_nodes"] == ["bridge:host/mybridge"]
    node = 'data-node="bridge:host/mybridge"'
    assert node in alias_doc["frames"][create["frame"]]
    assert node not in alias_doc["frames"][create["frame"] - 1]
    run = made[6]
    assert run["made"] == ["container network_alias_container1"]
    assert 'data-node="sandbox:host/network_alias_container1"' in alias_doc["frames"][run["frame"]]
    # a step that makes nothing (network inspect) keeps the picture before it
    inspect = next(s for s in alias_doc["steps"] if s["line"] == 9)
    assert inspect["made"] == [] and inspect["frame"] == made[8]["frame"]


def test_matrix_flows_and_containers_are_netsims_answers(alias_doc: dict) -> None:
    lab = Lab.from_file(str(SCENARIOS / "seed-alias.sh"))
    m = lab.matrix().to_dict()
    assert alias_doc["matrix"] == m
    assert [c["label"] for c in alias_doc["containers"]] == m["destinations"]
    for src, row in zip(m["sources"], m["rows"], strict=True):
        for dst, cell in zip(m["destinations"], row, strict=True):
            flow = alias_doc["flows"][src][dst]["ping"]
            assert flow["trace"] == _sourceless(reach(lab.state, src, dst, family=4).to_dict(),
                                                alias_doc["rules"])
            assert flow["trace"]["delivered"] is (cell == ".")
            assert all(len(p["points"]) >= 2 for p in flow["path"])
            if cell == "." and src != dst:  # a delivered flow is drawn, green all the way
                assert flow["path"] and all(p["ok"] for p in flow["path"])


def test_every_exposed_port_has_its_flow() -> None:
    doc = build_document(str(SCENARIOS / "stack-reverse-proxy.sh"))
    lab = Lab.from_file(str(SCENARIOS / "stack-reverse-proxy.sh"))
    for c in doc["containers"]:
        assert c["ports"], c  # every container of this stack listens somewhere
        for src in doc["matrix"]["sources"]:
            services = doc["flows"][src][c["label"]]
            assert list(services) == ["ping", *c["ports"]]
            for key in c["ports"]:
                port, _, proto = key.partition("/")
                assert services[key]["trace"] == _sourceless(reach(
                    lab.state, src, c["label"], port=int(port), proto=proto,  # type: ignore[arg-type]
                    family=4).to_dict(), doc["rules"])


def test_dns_answers_are_the_embedded_dns_answers(alias_doc: dict) -> None:
    lab = Lab.from_file(str(SCENARIOS / "seed-alias.sh"))
    running = [c["label"] for c in alias_doc["containers"] if c["status"] == "running"]
    assert sorted(alias_doc["dns"]) == sorted(running)
    names = {c["name"] for c in alias_doc["containers"]} | {"alicek106"}
    for client in running:
        assert set(alias_doc["dns"][client]) == names
        for name, answer in alias_doc["dns"][client].items():
            series = lab.dns(name, from_=client, times=1).to_dict()
            assert answer["rcode"] == series["answers"][0]["rcode"]
            got = sorted(r["data"] for r in answer["records"])
            assert got == sorted(series["answers"][0]["addresses"])
            assert answer["shuffle"] is (name == "alicek106")  # the alias answers 2 addresses


def test_a_large_setup_gets_a_summary_and_how_to_filter() -> None:
    doc = build_document(str(SCENARIOS / "seed-alias.sh"), limit=3)
    assert doc["summary"]["containers"] == 5 and doc["summary"]["limit"] == 3
    assert "--only" in doc["summary"]["how"]
    assert doc["flows"] == {} and doc["dns"] == {} and doc["matrix"] is None
    # no picture: the page says how to choose what to show
    assert doc["frames"] == [] and doc["final"] is None
    assert all(s["frame"] is None for s in doc["steps"])
    assert [s["made"] for s in doc["steps"]][:2] == [["network mybridge"],
                                                    ["container network_alias_container1"]]


def test_only_keeps_the_named_containers() -> None:
    doc = build_document(str(SCENARIOS / "seed-alias.sh"), only=["network_alias_container*"])
    labels = [c["label"] for c in doc["containers"]]
    assert labels == [f"network_alias_container{i}" for i in (1, 2, 3)]
    assert doc["matrix"]["sources"][:3] == labels
    assert all(s.startswith("@") for s in doc["matrix"]["sources"][3:])
    final = doc["frames"][doc["final"]]
    assert "sandbox:host/network_alias_container1" in final
    assert "sandbox:host/network_alias_ping" not in final
    assert set(doc["flows"]) == set(doc["matrix"]["sources"])
    # the DNS panel asks for the kept containers' names (and aliases) only
    assert set(doc["dns"]) == {c["label"] for c in doc["containers"] if c["status"] == "running"}
    assert all(set(names) == {*labels, "alicek106"} for names in doc["dns"].values())
    # no picture a step: each step shows the kept containers' picture
    assert len(doc["frames"]) == 1 and {s["frame"] for s in doc["steps"]} == {0}


def test_the_same_input_gives_the_same_bytes() -> None:
    a = build_document(str(SCENARIOS / "stack-reverse-proxy.sh"), seed=3)
    b = build_document(str(SCENARIOS / "stack-reverse-proxy.sh"), seed=3)
    assert json.dumps(a) == json.dumps(b)


def test_a_notebooks_lab_pages_its_commands() -> None:
    lab = Lab()
    lab.docker("network create front")
    lab.docker("run -d --name web --network front -p 8080:80 nginx")
    lab.docker("run -d --name client --network front alpine sleep 1d")
    doc = lab.page().doc
    assert doc["source"]["lines"] == [s.command for s in lab.steps]
    assert [s["line"] for s in doc["steps"]] == [1, 2, 3]
    assert [c["label"] for c in doc["containers"]] == ["client", "web"]
    assert doc["flows"]["client"]["web"]["80/tcp"]["trace"]["delivered"] is True
    assert re.search(r'data-node="sandbox:host/web"', doc["frames"][doc["final"]])


def test_a_compose_files_service_and_network_lines_link_to_what_they_made() -> None:
    path = SCENARIOS / "shop" / "compose.yaml"
    doc = build_document(str(path))
    lines = path.read_text().split("\n")
    links = {link["line"]: link["nodes"] for link in doc["source"]["links"]}
    lab = Lab.from_file(str(path))
    for c in lab.state.containers():
        service = c.spec.Config.Labels["com.docker.compose.service"]
        line = next(n for n, text in enumerate(lines, 1) if text.strip() == f"{service}:")
        assert f"sandbox:host/{c.name}" in links[line]
    nets = [n for n in lab.state.hosts["host"].networks.values() if n.is_user_defined]
    assert nets and all(any(f"bridge:host/{n.name}" in v for v in links.values()) for n in nets)
    for link in doc["source"]["links"]:  # every node linked is in the picture
        assert all(f'data-node="{node}"' in doc["frames"][doc["final"]] for node in link["nodes"])


def test_a_scripts_lines_link_to_what_their_steps_made(alias_doc: dict) -> None:
    links = {link["line"]: link["nodes"] for link in alias_doc["source"]["links"]}
    made = {s["line"]: s["made_nodes"] for s in alias_doc["steps"] if s["made_nodes"]}
    assert links == made


def test_a_labs_page_shows_inline_in_jupyter(tmp_path: Path) -> None:
    import html

    lab = Lab()
    lab.docker("run -d --name web nginx")
    page = lab.page()
    shown = page._repr_html_()
    m = re.fullmatch(r'<iframe srcdoc="([^"]*)" style="[^"]*" title="netsim page"></iframe>',
                     shown)
    assert m is not None
    assert html.unescape(m.group(1)) == page.html  # the whole page, its script its own
    assert page.save(tmp_path / "p.html").read_text(encoding="utf-8") == page.html


def test_at_a_line_the_panels_answer_for_the_state_after_it() -> None:
    path = str(SCENARIOS / "tutorial-bridge.sh")
    end = build_document(path)
    assert end["containers"] == [] and not any(end["flows"].values())  # all removed
    doc = build_document(path, at=10)  # after `docker network connect bridge alpine4`
    assert doc["at"] == 10
    assert [c["name"] for c in doc["containers"]] == ["alpine1", "alpine2", "alpine3", "alpine4"]
    step = max((s for s in doc["steps"] if s["line"] <= 10), key=lambda s: s["line"])
    assert doc["final"] == step["frame"]  # the picture of that moment, in the story
    assert doc["frames"] == end["frames"] and doc["steps"] == end["steps"]
    # what netsim answers after line 10: a replay of the lines up to it
    lines = (SCENARIOS / "tutorial-bridge.sh").read_text().split("\n")[:10]
    from netsim.lab import run_script

    lab, _ = run_script("\n".join(lines) + "\n")
    assert doc["matrix"] == lab.matrix().to_dict()
    assert doc["flows"]["alpine1"]["alpine3"]["ping"]["trace"]["disposition"] == (
        reach(lab.state, "alpine1", "alpine3", family=4).disposition.value)


def test_at_is_for_scripts() -> None:
    from netsim.errors import InputError

    with pytest.raises(InputError, match="--at"):
        build_document(str(SCENARIOS / "shop" / "compose.yaml"), at=3)
