"""The netsim page in Firefox (issue 20: current Chromium and Firefox): Debian's ``firefox-esr``,
headless, driven through its own Marionette protocol with Mozilla's ``marionette_driver``
(Debian packages no geckodriver, and Selenium needs one for Firefox). The Chromium tests
(tests/test_page_browser.py) use the page thoroughly; these check that the same page works in
Gecko: it opens, clicking a container marks its matrix row, a trace lists netsim's hops, the DNS
panel answers as netsim does and the step slider shows each step.

Skipped without firefox-esr or marionette_driver unless NETSIM_REQUIRE_BROWSER=1 (CI).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from conftest import need_browser

from netsim.analysis.reach import reach
from netsim.lab import Lab
from netsim.page.document import build_document
from netsim.page.render import page_html

SCENARIOS = Path(__file__).resolve().parent.parent / "scenarios"
FIREFOX = shutil.which("firefox-esr") or shutil.which("firefox") or "/usr/bin/firefox-esr"


def _missing() -> str:
    if importlib.util.find_spec("marionette_driver") is None:
        return "marionette_driver is not installed (pip install 'marionette_driver>=3.7')"
    try:  # (its mozrunner imports telnetlib, which Python 3.13 removed)
        importlib.import_module("marionette_driver.marionette")
    except ImportError as err:
        return f"marionette_driver cannot be imported here: {err}"
    if not os.access(FIREFOX, os.X_OK):
        return f"{FIREFOX} is missing (apt-get install firefox-esr)"
    return ""


need_browser(_missing())

from marionette_driver.marionette import Marionette  # noqa: E402


@pytest.fixture(scope="module")
def firefox() -> Iterator[Any]:
    """A headless Firefox of its own (a fresh profile, Marionette on a free local port),
    stopped by its pid at the end."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with tempfile.TemporaryDirectory() as profile:
        Path(profile, "user.js").write_text(f'user_pref("marionette.port", {port});\n')
        proc = subprocess.Popen([FIREFOX, "--headless", "--marionette", "--no-remote",
                                 "--profile", profile],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            client = Marionette(host="127.0.0.1", port=port)
            client.start_session(timeout=90)
            try:
                yield client
            finally:
                client.delete_session()
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()


@cache
def _page(name: str) -> Path:
    out = Path(tempfile.mkdtemp()) / f"{name}.html"
    out.write_text(page_html(build_document(str(SCENARIOS / f"{name}.sh"))), encoding="utf-8")
    return out


@cache
def _lab(name: str) -> Lab:
    return Lab.from_file(str(SCENARIOS / f"{name}.sh"))


def _open(ff: Any, name: str) -> None:
    ff.navigate(_page(name).as_uri())
    deadline = time.monotonic() + 20
    while ff.execute_script("return document.body.getAttribute('data-ready')") != "1":
        assert time.monotonic() < deadline, "the page never got ready"
        time.sleep(0.05)


def _js(ff: Any, body: str, *args: Any) -> Any:
    return ff.execute_script(body, script_args=list(args))


_CHOOSE = """
const [id, value] = arguments;
const s = document.getElementById(id);
s.value = value;
s.dispatchEvent(new Event("change", {bubbles: true}));
return s.value;
"""


@pytest.mark.parametrize("name", ["seed-alias", "stack-reverse-proxy"])
def test_clicking_a_container_marks_its_matrix_row(firefox: Any, name: str) -> None:
    _open(firefox, name)
    assert "Firefox" in _js(firefox, "return navigator.userAgent")
    m = _lab(name).matrix()
    running = {c.name for c in _lab(name).state.containers() if c.running}
    for src in m.sources:
        if src not in running:
            continue
        marks = _js(firefox, """
            const [src] = arguments;
            const box = document.querySelector(
              `#picture g.box.kind-container[data-node="sandbox:host/${src}"]`);
            box.dispatchEvent(new MouseEvent("click", {bubbles: true}));
            const out = {};
            for (const g of document.querySelectorAll("#picture g.box.kind-container")) {
              out[g.dataset.node] = ["reaches", "blocked"].filter(c => g.classList.contains(c));
            }
            return out;""", src)
        for dst in m.destinations:
            want = ["reaches"] if m.reaches(src, dst) else ["blocked"]
            assert marks[f"sandbox:host/{dst}"] == want, (src, dst)


def test_a_trace_lists_netsims_hops(firefox: Any) -> None:
    name = "stack-reverse-proxy"
    _open(firefox, name)
    state = _lab(name).state
    for src, dst, service in (("proxy", "app", "ping"), ("proxy", "app", "80/tcp"),
                              ("app", "db", "5432/tcp"), ("proxy", "db", "5432/tcp"),
                              ("@internet", "proxy", "ping")):
        assert _js(firefox, _CHOOSE, "trace-src", src) == src
        assert _js(firefox, _CHOOSE, "trace-dst", dst) == dst
        assert _js(firefox, _CHOOSE, "trace-service", service) == service
        texts = _js(firefox, """return [...document.querySelectorAll("#trace-hops .hop-text")]
                                  .map(e => e.textContent);""")
        port = None if service == "ping" else int(service.split("/")[0])
        trace = reach(state, src, dst, port=port, family=4)
        assert texts == [h.text for h in trace.hops], (src, dst, service)
        drawn = _js(firefox, """return document.querySelectorAll(
                                  "#picture g.netsim-overlay polyline").length""")
        assert drawn == len([s for s in _page_doc(name)["flows"][src][dst][service]["path"]])


@cache
def _page_doc(name: str) -> dict[str, Any]:
    return build_document(str(SCENARIOS / f"{name}.sh"))


def test_the_dns_panel_answers_as_netsim(firefox: Any) -> None:
    name = "seed-alias"
    _open(firefox, name)
    lab = _lab(name)
    orders = set()
    for _ in range(40):  # Docker reorders the alias's answer on every query
        _js(firefox, _CHOOSE, "dns-client", "network_alias_container1")
        _js(firefox, _CHOOSE, "dns-name", "alicek106")
        values = _js(firefox, """document.getElementById("dns-ask").click();
            return [...document.querySelectorAll("#dns-answer .dns-records li")]
              .map(li => li.dataset.value);""")
        want = lab.dns("alicek106", from_="network_alias_container1").answers[0].addresses
        assert sorted(values) == sorted(want)
        orders.add(tuple(values))
        if len(orders) > 1:
            break
    assert len(orders) > 1


def test_the_slider_shows_each_step(firefox: Any) -> None:
    name = "tutorial-bridge"
    _open(firefox, name)
    steps = _lab(name).steps
    doc = _page_doc(name)
    for k, step in enumerate(steps, start=1):
        shown = _js(firefox, """
            const [k] = arguments;
            const s = document.getElementById("step");
            s.value = String(k);
            s.dispatchEvent(new Event("input", {bubbles: true}));
            return [document.querySelector("#step-detail code.command").textContent,
                    document.getElementById("picture").dataset.frame];""", k)
        assert shown == ["$ " + step.command, str(doc["steps"][k - 1]["frame"])], k
