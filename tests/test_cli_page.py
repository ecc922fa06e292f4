"""``netsim page FILE -o OUT``: the command around the page (tests/test_page_document.py checks
the document, tests/test_page_browser.py what the page shows)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from conftest import SCENARIOS
from test_cli import netsim

from netsim.page.document import build_document


def _embedded(html: str) -> dict:
    m = re.search(r'<script type="application/json" id="netsim-data">(.*?)</script>', html,
                  re.S)
    assert m is not None
    return json.loads(m.group(1))  # (JSON reads back the page's <\/ and \u003c escapes)


def test_page_writes_one_html_file_with_the_document(tmp_path: Path) -> None:
    out = tmp_path / "alias.html"
    done = netsim("page", str(SCENARIOS / "seed-alias.sh"), "-o", str(out), "--seed", "2")
    assert done.returncode == 0, done.stderr
    assert done.stdout == f"{out}\n"
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert not re.search(r'(src|href)="https?:', html)  # nothing fetched
    doc = _embedded(html)
    assert doc == json.loads(json.dumps(build_document(str(SCENARIOS / "seed-alias.sh"),
                                                       seed=2)))
    assert done.stderr == ""


def test_what_netsim_does_not_simulate_is_said_once(tmp_path: Path) -> None:
    script = tmp_path / "login.sh"
    script.write_text("docker network create front\ndocker login -u me -p x\n"
                      "docker run -d --name web --network front nginx\n")
    done = netsim("page", str(script), "-o", str(tmp_path / "p.html"))
    assert done.returncode == 0
    assert done.stderr == (f"netsim: {script}:2: 'docker login' is not simulated; the run goes "
                           "on as if it succeeded (--strict: an error)\n")
    assert _embedded((tmp_path / "p.html").read_text())["notes"] == [
        done.stderr.removeprefix("netsim: ").rstrip("\n")]
    strict = netsim("page", "--strict", str(script), "-o", str(tmp_path / "q.html"))
    assert strict.returncode == 2 and not (tmp_path / "q.html").exists()


def test_engine_and_only_reach_the_document(tmp_path: Path) -> None:
    out = tmp_path / "p.html"
    done = netsim("page", str(SCENARIOS / "seed-alias.sh"), "-o", str(out), "--engine", "26.1",
                  "--only", "network_alias_container*")
    assert done.returncode == 0, done.stderr
    doc = _embedded(out.read_text(encoding="utf-8"))
    assert doc["engine"] == "26.1"
    assert [c["name"] for c in doc["containers"]] == [
        f"network_alias_container{i}" for i in (1, 2, 3)]


def test_bad_input_is_one_line_and_exit_2(tmp_path: Path) -> None:
    missing = netsim("page", str(tmp_path / "nope.sh"), "-o", str(tmp_path / "x.html"))
    assert missing.returncode == 2 and missing.stderr.count("\n") == 1, missing.stderr
    unwritable = netsim("page", str(SCENARIOS / "seed-alias.sh"), "-o",
                        str(tmp_path / "no-such-dir" / "x.html"))
    assert unwritable.returncode == 2, unwritable.stderr
    assert unwritable.stderr.splitlines()[-1].startswith(
        f"netsim page: {tmp_path / 'no-such-dir' / 'x.html'}: cannot write the page")
    no_output = netsim("page", str(SCENARIOS / "seed-alias.sh"))
    assert no_output.returncode == 2 and "-o" in no_output.stderr


def test_at_a_line(tmp_path: Path) -> None:
    out = tmp_path / "story.html"
    done = netsim("page", str(SCENARIOS / "tutorial-bridge.sh"), "--at", "10", "-o", str(out))
    assert done.returncode == 0, done.stderr
    doc = _embedded(out.read_text(encoding="utf-8"))
    assert doc["at"] == 10 and len(doc["containers"]) == 4
    compose = netsim("page", str(SCENARIOS / "shop" / "compose.yaml"), "--at", "3", "-o",
                     str(tmp_path / "x.html"))
    assert compose.returncode == 2
    assert compose.stderr == ("netsim page: --at: a compose has no lines to stop at (got '3'; "
                              "accepted: --at with a script)\n")
