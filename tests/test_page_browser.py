"""The netsim page in a real browser: headless Chromium driven by Selenium (issue 20).

For three bundled scenarios the page (``netsim.page.document.build_document`` then
``netsim.page.render.page_html``) is opened from a file and used as a reader would: click a
container, pick two endpoints, step through the script, ask the DNS panel, sort the matrix, and
reach a container with the keyboard. What the page shows is checked against netsim's own
answers, computed here from the replay (``Lab.from_file``, ``reach``, ``lab.matrix()``,
``lab.dns``), not from the page's document.

Needs Debian's ``chromium`` and ``chromium-driver`` and ``selenium``; skipped without them
unless NETSIM_REQUIRE_BROWSER=1 (CI), which turns a missing piece into a failure. Screenshots go
to $NETSIM_ARTIFACTS (default ``artifacts/page/`` in the repository).
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

import pytest
from conftest import need_browser

from netsim.analysis.reach import reach
from netsim.diagram.layout import layout
from netsim.lab import Lab
from netsim.page.render import page_html

REPO = Path(__file__).resolve().parent.parent
SCENARIOS = ("seed-alias", "stack-reverse-proxy", "tutorial-bridge")
#: the scenarios whose final state has containers (tutorial-bridge removes everything)
WITH_CONTAINERS = ("seed-alias", "stack-reverse-proxy")
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


def _missing() -> str:
    if importlib.util.find_spec("selenium") is None:
        return "selenium is not installed (pip install 'selenium>=4.20')"
    for path, package in ((CHROMIUM, "chromium"), (CHROMEDRIVER, "chromium-driver")):
        if not os.access(path, os.X_OK):
            return f"{path} is missing (apt-get install {package})"
    return ""


need_browser(_missing())

from selenium import webdriver  # noqa: E402  (only once the browser is known to be there)
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.remote.webelement import WebElement  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

Driver = webdriver.Chrome


# ------------------------------------------------------------------------------ fixtures

@pytest.fixture(scope="module")
def browser() -> Iterator[Driver]:
    opts = webdriver.ChromeOptions()
    opts.binary_location = CHROMIUM
    for arg in ("--headless=new", "--window-size=1280,800", "--disable-gpu",
                "--disable-dev-shm-usage", "--hide-scrollbars=false"):
        opts.add_argument(arg)
    if os.geteuid() == 0:  # Chromium refuses to run as root with its sandbox
        opts.add_argument("--no-sandbox")
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = webdriver.ChromeService(executable_path=CHROMEDRIVER)
    driver = webdriver.Chrome(service=service, options=opts)
    driver.set_window_size(1280, 800)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], Path]:
    """The page of a scenario, written once per module."""
    from netsim.page.document import build_document

    out = tmp_path_factory.mktemp("pages")

    @cache
    def page(name: str) -> Path:
        path = out / f"{name}.html"
        # the input as a reader names it (the page shows it): relative to where pytest runs
        doc = build_document(os.path.relpath(scenario(name)))
        path.write_text(page_html(doc), encoding="utf-8")
        return path

    return page


@cache
def lab_of(name: str) -> Lab:
    """netsim's own replay of a scenario: the answers the page is checked against."""
    return Lab.from_file(str(scenario(name)))


@cache
def doc_of(name: str) -> dict[str, Any]:
    from netsim.page.document import build_document
    return build_document(str(scenario(name)))


def scenario(name: str) -> Path:
    return REPO / "scenarios" / f"{name}.sh"


def artifacts() -> Path:
    path = Path(os.environ.get("NETSIM_ARTIFACTS") or REPO / "artifacts" / "page")
    path.mkdir(parents=True, exist_ok=True)
    return path


def open_page(browser: Driver, pages: Callable[[str], Path], name: str) -> None:
    browser.get(pages(name).as_uri())
    WebDriverWait(browser, 10).until(
        lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "1")
    errors = [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors


def shot(browser: Driver, name: str) -> None:
    """A screenshot of the whole window, the picture fitted to its pane, nothing focused."""
    browser.find_element(By.ID, "zoom-fit").click()
    browser.execute_script("document.activeElement.blur(); window.scrollTo(0, 0)")
    browser.save_screenshot(str(artifacts() / f"{name}.png"))


# ------------------------------------------------------------------------------ page helpers

def box(browser: Driver, node: str) -> WebElement:
    return browser.find_element(By.CSS_SELECTOR, f'#picture g.box[data-node="{node}"]')


def classes(el: WebElement) -> set[str]:
    return set((el.get_attribute("class") or "").split())


def click_box(browser: Driver, el: WebElement) -> None:
    """A real click in the box's top line (its name), where no interface box lies."""
    browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", el)
    height = el.rect["height"]
    ActionChains(browser).move_to_element_with_offset(el, 0, -height / 2 + 4).click().perform()


def tooltip(el: WebElement) -> str:
    return str(el.get_property("firstElementChild").get_attribute("textContent") or "")


def container_sources(name: str) -> list[str]:
    m = lab_of(name).matrix()
    return [s for s in m.sources if not s.startswith("@")]


def node_of(name: str, container: str) -> str:
    c = lab_of(name).state.container(container)
    return f"sandbox:{c.host}/{c.name}"


def set_step(browser: Driver, k: int) -> None:
    """Move the slider to step k with the keyboard (Home, then Right k times)."""
    slider = browser.find_element(By.ID, "step")
    slider.send_keys(Keys.HOME)
    for _ in range(k):
        slider.send_keys(Keys.ARROW_RIGHT)
    assert slider.get_attribute("value") == str(k)


# ------------------------------------------------------------------------------ Reach

@pytest.mark.parametrize("name", WITH_CONTAINERS)
def test_click_marks_what_a_container_reaches(browser: Driver, pages: Callable[[str], Path],
                                              name: str) -> None:
    open_page(browser, pages, name)
    lab = lab_of(name)
    m = lab.matrix()
    running = {c.name for c in lab.state.containers()}
    for src in container_sources(name):
        click_box(browser, box(browser, node_of(name, src)))
        assert "source" in classes(box(browser, node_of(name, src)))
        for dst in m.destinations:
            el = box(browser, node_of(name, dst))
            got = classes(el) & {"reaches", "blocked"}
            assert got == {"reaches" if m.reaches(src, dst) else "blocked"}, (src, dst)
            # the deciding rule on hover: the last hop of netsim's own trace
            last = reach(lab.state, src, dst).hops[-1]
            assert last.text in tooltip(el) and last.rule in tooltip(el), (src, dst)
        # a container that is no destination is not marked
        for other in running - set(m.destinations):
            assert not classes(box(browser, node_of(name, other))) & {"reaches", "blocked"}
        listed = browser.find_elements(By.CSS_SELECTOR, "#reach-list li.reaches")
        assert [li.get_attribute("data-dst") for li in listed] == [
            d for d in m.destinations if m.reaches(src, d)]
    # a click on one of a container's interface lines (a box drawn over it) is a click on it
    src = container_sources(name)[0]
    iface = browser.find_element(
        By.CSS_SELECTOR, f'#picture g.box[data-node^="if:{node_of(name, src)[8:]}/"]')
    iface.click()
    assert "source" in classes(box(browser, node_of(name, src)))
    click_box(browser, box(browser, node_of(name, container_sources(name)[-1])))
    shot(browser, f"{name}-reach")


def test_reach_of_a_source_without_a_box(browser: Driver, pages: Callable[[str], Path]) -> None:
    """@host is chosen in the select: the containers it reaches are marked all the same."""
    name = "stack-reverse-proxy"
    open_page(browser, pages, name)
    m = lab_of(name).matrix()
    Select(browser.find_element(By.ID, "reach-src")).select_by_value("@host")
    for dst in m.destinations:
        want = "reaches" if m.reaches("@host", dst) else "blocked"
        assert want in classes(box(browser, node_of(name, dst)))


# ------------------------------------------------------------------------------ Trace

def pick_trace(browser: Driver, src: str, dst: str, service: str = "ping") -> None:
    Select(browser.find_element(By.ID, "trace-src")).select_by_value(src)
    Select(browser.find_element(By.ID, "trace-dst")).select_by_value(dst)
    Select(browser.find_element(By.ID, "trace-service")).select_by_value(service)


def check_trace(browser: Driver, name: str, src: str, dst: str, port: int | None) -> None:
    state = lab_of(name).state
    trace = reach(state, src, dst, port=port)
    texts = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#trace-hops .hop-text")]
    assert texts == [h.text for h in trace.hops], (src, dst, port)
    rules = [e.text for e in browser.find_elements(By.CSS_SELECTOR, "#trace-hops .hop-rule")]
    assert rules == [h.rule for h in trace.hops]
    verdict = browser.find_element(By.ID, "trace-verdict").text
    assert trace.disposition.value in verdict
    # the path on the picture: netsim's own drawing of the flow, step for step
    drawn = browser.find_elements(By.CSS_SELECTOR, "#picture g.netsim-overlay polyline")
    want = ["ok" if s.ok else "stop" for s in layout(state, highlight=trace).path]
    assert [("ok" if "ok" in classes(p) else "stop") for p in drawn] == want
    for h in trace.hops:  # every hop's node that the picture draws is marked
        for el in browser.find_elements(By.CSS_SELECTOR, f'#picture [data-node="{h.node}"]'):
            assert "hop" in classes(el), h.node


@pytest.mark.parametrize("name", WITH_CONTAINERS)
def test_two_endpoints_show_the_trace(browser: Driver, pages: Callable[[str], Path],
                                      name: str) -> None:
    open_page(browser, pages, name)
    m = lab_of(name).matrix()
    for src in m.sources:
        for dst in m.destinations:
            pick_trace(browser, src, dst)
            check_trace(browser, name, src, dst, None)


def test_trace_on_a_port(browser: Driver, pages: Callable[[str], Path]) -> None:
    name = "stack-reverse-proxy"
    open_page(browser, pages, name)
    for src, dst, port in (("proxy", "app", 80), ("app", "db", 5432), ("proxy", "db", 5432)):
        pick_trace(browser, src, dst, f"{port}/tcp")
        check_trace(browser, name, src, dst, port)
    pick_trace(browser, "proxy", "db", "5432/tcp")
    shot(browser, f"{name}-trace")


# ------------------------------------------------------------------------------ steps

@pytest.mark.parametrize("name", SCENARIOS)
def test_the_slider_replays_the_script(browser: Driver, pages: Callable[[str], Path],
                                       name: str) -> None:
    open_page(browser, pages, name)
    steps = lab_of(name).steps
    doc = doc_of(name)
    slider = browser.find_element(By.ID, "step")
    assert slider.get_attribute("max") == str(len(steps))
    assert slider.get_attribute("value") == str(len(steps))  # the page opens at the end
    pane = browser.find_element(By.ID, "picture")
    set_step(browser, 0)
    assert pane.get_attribute("data-frame") == "0"
    for k, step in enumerate(steps, start=1):
        slider.send_keys(Keys.ARROW_RIGHT)
        shown = browser.find_element(By.CSS_SELECTOR, "#step-detail code.command").text
        assert shown == "$ " + step.command, k
        exit_code = browser.find_element(By.CSS_SELECTOR, "#step-detail [data-exit]")
        assert exit_code.get_attribute("data-exit") == str(step.exit_code)
        assert pane.get_attribute("data-frame") == str(doc["steps"][k - 1]["frame"])
        current = browser.find_element(By.CSS_SELECTOR, "#source li.current")
        assert current.get_attribute("id") == f"line-{step.line}"
        for what in doc["steps"][k - 1]["made"]:  # what a step made is marked
            kind, _, made = what.partition(" ")
            if kind == "container":
                assert "made" in classes(box(browser, f"sandbox:{step.host}/{made}"))
        if k == len(steps) // 2:
            shot(browser, f"{name}-step")
    # the panels describe the final state: said when the slider is elsewhere
    assert browser.find_element(By.ID, "final-note").is_displayed() is False
    set_step(browser, 1)
    assert browser.find_element(By.ID, "final-note").is_displayed()


@pytest.mark.parametrize("name", SCENARIOS)
def test_a_source_line_moves_the_slider(browser: Driver, pages: Callable[[str], Path],
                                        name: str) -> None:
    open_page(browser, pages, name)
    steps = lab_of(name).steps
    first: dict[int, int] = {}
    for k, step in enumerate(steps, start=1):
        first.setdefault(step.line, k)
    buttons = browser.find_elements(By.CSS_SELECTOR, "#source button.line-step")
    assert len(buttons) == len(first)
    slider = browser.find_element(By.ID, "step")
    for b in reversed(buttons):
        line = int(b.find_element(By.XPATH, "..").get_attribute("id").removeprefix("line-"))
        b.send_keys(Keys.ENTER)  # a button: the keyboard activates it as a click does
        assert slider.get_attribute("value") == str(first[line]), line


def test_the_story_of_a_setup_that_removes_everything(
        browser: Driver, pages: Callable[[str], Path]) -> None:
    """tutorial-bridge ends with nothing: the final picture has no container; the steps show
    alpine1-4, and alpine4 on both networks once `docker network connect bridge alpine4` ran."""
    name = "tutorial-bridge"
    open_page(browser, pages, name)
    assert not browser.find_elements(By.CSS_SELECTOR, '#picture g.box[data-kind="container"]')
    steps = lab_of(name).steps
    k = next(i for i, s in enumerate(steps, 1) if s.command == "docker network connect bridge "
             "alpine4")
    set_step(browser, k)
    shown = {b.get_attribute("data-node") for b in browser.find_elements(
        By.CSS_SELECTOR, '#picture g.box[data-kind="container"]')}
    assert shown == {f"sandbox:host/alpine{i}" for i in range(1, 5)}
    # clicking a container of a past step: the panels speak of the final state, and say so
    click_box(browser, box(browser, "sandbox:host/alpine1"))
    assert "final state" in browser.find_element(By.ID, "reach-summary").text


# ------------------------------------------------------------------------------ DNS

def ask(browser: Driver, client: str, name: str) -> tuple[str, list[str]]:
    Select(browser.find_element(By.ID, "dns-client")).select_by_value(client)
    Select(browser.find_element(By.ID, "dns-name")).select_by_value(name)
    browser.find_element(By.ID, "dns-ask").click()
    rcode = browser.find_element(By.CSS_SELECTOR, "#dns-answer .dns-rcode").text
    values = [str(li.get_attribute("data-value")) for li in
              browser.find_elements(By.CSS_SELECTOR, "#dns-answer .dns-records li")]
    return rcode, values


@pytest.mark.parametrize("name", WITH_CONTAINERS)
def test_dns_answers_as_netsim(browser: Driver, pages: Callable[[str], Path], name: str) -> None:
    open_page(browser, pages, name)
    lab = lab_of(name)
    doc = doc_of(name)
    assert doc["dns"], "no DNS answers to check"
    shuffled = 0
    for client, names in doc["dns"].items():
        for qname in names:
            want = lab.dns(qname, from_=client).answers[0]
            rcode, values = ask(browser, client, qname)
            assert str(want.rcode.value if want.rcode else "no answer") in rcode
            assert sorted(values) == sorted(want.addresses), (client, qname)
            if len(want.addresses) > 1:  # Docker shuffles: several asks, several orders
                shuffled += 1
                orders = {tuple(values)}
                for _ in range(60):
                    orders.add(tuple(ask(browser, client, qname)[1]))
                    if len(orders) > 1:
                        break
                assert len(orders) > 1, (client, qname)
                assert "new random order" in browser.find_element(By.ID, "dns-answer").text
    if name == "seed-alias":  # the alias alicek106 answers with two or three addresses
        assert shuffled > 0


# ------------------------------------------------------------------------------ Matrix

def table_sources(browser: Driver) -> list[str]:
    return [str(tr.get_attribute("data-source"))
            for tr in browser.find_elements(By.CSS_SELECTOR, "#matrix tbody tr")]


@pytest.mark.parametrize("name", SCENARIOS)
def test_matrix_table_and_its_sort(browser: Driver, pages: Callable[[str], Path],
                                   name: str) -> None:
    open_page(browser, pages, name)
    m = lab_of(name).matrix()
    assert table_sources(browser) == list(m.sources)
    for tr in browser.find_elements(By.CSS_SELECTOR, "#matrix tbody tr"):
        src = str(tr.get_attribute("data-source"))
        cells = [td.text for td in tr.find_elements(By.CSS_SELECTOR, "td.cell")]
        assert "".join(cells) == m.row(src)
        assert tr.find_element(By.CSS_SELECTOR, "td.count").text == str(m.row(src).count("."))
    header = browser.find_elements(By.CSS_SELECTOR, "#matrix thead button.sort")
    assert [b.get_attribute("data-sort") for b in header] == [
        "source", *map(str, range(len(m.destinations))), "count"]
    for j, dst in enumerate(m.destinations):  # a column: who reaches it first, then the rest
        button = browser.find_element(By.CSS_SELECTOR, f'#matrix button[data-sort="{j}"]')
        button.click()
        yes = [s for s in m.sources if m.reaches(s, dst)]
        no = [s for s in m.sources if not m.reaches(s, dst)]
        assert table_sources(browser) == yes + no, dst
        browser.find_element(By.CSS_SELECTOR, f'#matrix button[data-sort="{j}"]').click()
        assert table_sources(browser) == no + yes, dst
    by_name = browser.find_element(By.CSS_SELECTOR, '#matrix button[data-sort="source"]')
    by_name.click()
    assert table_sources(browser) == sorted(m.sources)
    browser.find_element(By.CSS_SELECTOR, '#matrix button[data-sort="source"]').click()
    assert table_sources(browser) == sorted(m.sources, reverse=True)
    browser.find_element(By.CSS_SELECTOR, '#matrix button[data-sort="count"]').click()
    counts = [m.row(s).count(".") for s in table_sources(browser)]
    assert counts == sorted(counts, reverse=True)
    heat = browser.find_element(By.ID, "heatmap")
    if m.destinations:
        assert int(heat.get_attribute("width") or 0) > 0


# ------------------------------------------------------------------------------ keyboard

def test_keyboard_reaches_a_container(browser: Driver, pages: Callable[[str], Path]) -> None:
    """Tab from the top of the page gets to a container box; Enter marks its reach set."""
    name = "stack-reverse-proxy"
    open_page(browser, pages, name)
    m = lab_of(name).matrix()
    body = browser.find_element(By.TAG_NAME, "body")
    body.click()
    focused: WebElement | None = None
    for _ in range(200):
        ActionChains(browser).send_keys(Keys.TAB).perform()
        active = browser.switch_to.active_element
        if active.get_attribute("data-kind") == "container":
            focused = active
            break
    assert focused is not None, "Tab never reached a container box"
    assert focused.get_attribute("role") == "button"
    assert (focused.get_attribute("aria-label") or "").startswith("container ")
    node = str(focused.get_attribute("data-node"))
    src = next(s for s in m.sources if not s.startswith("@") and node_of(name, s) == node)
    ActionChains(browser).send_keys(Keys.ENTER).perform()
    for dst in m.destinations:
        want = "reaches" if m.reaches(src, dst) else "blocked"
        assert want in classes(box(browser, node_of(name, dst))), (src, dst)
    # every control of the panels is a native, focusable control
    for sel in ("#reach-src", "#trace-src", "#trace-dst", "#trace-service", "#dns-client",
                "#dns-name", "#dns-ask", "#step", "#zoom-fit", "#zoom-100"):
        el = browser.find_element(By.CSS_SELECTOR, sel)
        assert el.get_attribute("tabindex") in (None, "0"), sel
        assert el.tag_name in ("select", "button", "input"), sel


def test_no_network_access(browser: Driver, pages: Callable[[str], Path]) -> None:
    """The page fetches nothing: no resource loaded beyond the page itself, and its code has
    no way to ask for one (nor eval)."""
    open_page(browser, pages, "seed-alias")
    entries = browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)")
    assert entries == []
    from importlib import resources

    assets = resources.files("netsim.page").joinpath("assets")
    for asset in ("page.html", "page.css", "page.js"):
        text = assets.joinpath(asset).read_text(encoding="utf-8")
        for word in ("fetch(", "XMLHttpRequest", "import(", "eval(", "<link", " src=", "http:",
                     "https:"):
            assert word not in text.replace('"http://www.w3.org/2000/svg"', ""), (asset, word)
        assert not re.search(r"url\((?!#)", text), asset  # only the picture's own markers


def test_the_document_survives_the_page(browser: Driver, tmp_path: Path) -> None:
    """Text that would end a script element (``</script>``, ``<!--``) stays text: the page
    reads back exactly the document it was given, and shows such output verbatim; the same
    document gives the same bytes."""
    import copy
    import json

    doc = copy.deepcopy(doc_of("stack-reverse-proxy"))
    nasty = "</script><!-- <script>document.title='x'</script> -->\u2028é"
    doc["steps"][-1]["stdout"] = nasty
    doc["title"] = "a </title><b> title"
    text = page_html(doc)
    assert text == page_html(copy.deepcopy(doc))
    path = tmp_path / "nasty.html"
    path.write_text(text, encoding="utf-8")
    browser.get(path.as_uri())
    WebDriverWait(browser, 10).until(
        lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "1")
    back = browser.execute_script(
        "return document.getElementById('netsim-data').textContent")
    assert json.loads(back) == json.loads(json.dumps(doc))
    shown = browser.find_element(By.CSS_SELECTOR, "#step-detail pre.stdout")
    assert shown.get_property("textContent") == nasty
    assert browser.title == "a </title><b> title — netsim"


def many_containers(tmp_path: Path, n: int) -> Path:
    """A script of n containers on two networks."""
    lines = ["docker network create front", "docker network create back"]
    lines += [f"docker run -d --name c{i:02d} --network {('back', 'front')[i % 2]} nginx"
              for i in range(n)]
    path = tmp_path / f"many-{n}.sh"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_fifty_containers_stay_readable(browser: Driver, tmp_path: Path) -> None:
    """At 50 containers the picture opens at a size where its text is readable (the pane
    scrolls), every box is reachable, and a click marks its row of the matrix."""
    from netsim.page.document import build_document

    script = many_containers(tmp_path, 50)
    page = tmp_path / "many.html"
    page.write_text(page_html(build_document(str(script))), encoding="utf-8")
    browser.get(page.as_uri())
    WebDriverWait(browser, 10).until(
        lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "1")
    boxes = browser.find_elements(By.CSS_SELECTOR, '#picture g.box[data-kind="container"]')
    assert len(boxes) == 50
    assert all(b.get_attribute("tabindex") == "0" for b in boxes)
    text_px = browser.execute_script(
        "return arguments[0].querySelector('text').getBoundingClientRect().height", boxes[0])
    assert text_px >= 9  # 7-point text drawn at 100% (4/3 px a point), not shrunk to fit
    lab = Lab.from_file(str(script))
    m = lab.matrix()
    click_box(browser, box(browser, "sandbox:host/c07"))
    for dst in m.destinations:
        want = "reaches" if m.reaches("c07", dst) else "blocked"
        assert want in classes(box(browser, f"sandbox:host/{dst}")), dst
    shot(browser, "fifty-containers")


def test_a_big_setup_shows_its_summary(browser: Driver, tmp_path: Path) -> None:
    """Over the page's limit the document has a summary: the page says how to filter instead
    of showing the analysis panels."""
    from netsim.page.document import build_document

    doc = build_document(str(many_containers(tmp_path, 61)))
    assert doc["summary"] is not None
    page = tmp_path / "big.html"
    page.write_text(page_html(doc), encoding="utf-8")
    browser.get(page.as_uri())
    WebDriverWait(browser, 10).until(
        lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "1")
    assert not [e for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    for panel in ("reach-panel", "trace-panel", "dns-panel", "matrix-panel"):
        assert not browser.find_element(By.ID, panel).is_displayed(), panel
    summary = browser.find_element(By.ID, "summary-panel")
    assert summary.is_displayed()
    how = browser.find_element(By.CSS_SELECTOR, "#summary pre.how")
    assert how.get_property("textContent") == doc["summary"]["how"]
    assert "61 containers" in summary.text


def test_at_a_line_the_page_opens_there_and_answers_for_it(browser: Driver,
                                                          tmp_path: Path) -> None:
    """``netsim page --at 10`` on a script that removes everything at its end: the slider
    opens at the step of line 10, whose picture the panels analyse, and a click marks what
    netsim answers after that line; moved elsewhere, the page says which state it analyses."""
    from netsim.lab import run_script
    from netsim.page.document import build_document

    path = scenario("tutorial-bridge")
    doc = build_document(str(path), at=10)
    page = tmp_path / "at.html"
    page.write_text(page_html(doc), encoding="utf-8")
    browser.get(page.as_uri())
    WebDriverWait(browser, 10).until(
        lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "1")
    k = len([s for s in doc["steps"] if s["line"] <= 10])
    assert browser.find_element(By.ID, "step").get_attribute("value") == str(k)
    assert browser.find_element(By.ID, "picture").get_attribute("data-frame") == str(doc["final"])
    assert not browser.find_element(By.ID, "final-note").is_displayed()
    lab, _ = run_script("\n".join(path.read_text().split("\n")[:10]) + "\n")
    m = lab.matrix()
    click_box(browser, box(browser, "sandbox:host/alpine1"))
    for dst in m.destinations:
        want = "reaches" if m.reaches("alpine1", dst) else "blocked"
        assert want in classes(box(browser, f"sandbox:host/{dst}")), dst
    set_step(browser, len(doc["steps"]))
    note = browser.find_element(By.ID, "final-note")
    assert note.is_displayed() and "the state after line 10" in note.text


def test_two_hosts_with_one_name(browser: Driver, tmp_path: Path) -> None:
    """Where two hosts each have a container ``web``, the matrix labels them HOST/NAME: each
    box is its own source and destination."""
    from netsim.page.document import build_document

    script = tmp_path / "dup.sh"
    script.write_text("# netsim: lan 198.51.100.0/24 gateway=198.51.100.1\n"
                      "# netsim: host host1 address=198.51.100.10\n"
                      "# netsim: host host2 address=198.51.100.11\n"
                      "docker -H host1 run -d --name web -p 8080:80 nginx\n"
                      "docker -H host2 run -d --name web nginx\n"
                      "docker -H host2 run -d --name client alpine sleep 1d\n")
    page = tmp_path / "dup.html"
    page.write_text(page_html(build_document(str(script))), encoding="utf-8")
    browser.get(page.as_uri())
    WebDriverWait(browser, 10).until(
        lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-ready") == "1")
    m = Lab.from_file(str(script)).matrix()
    assert {"host1/web", "host2/web"} <= set(m.destinations)
    for src in ("host1/web", "host2/web"):
        host, name = src.split("/")
        click_box(browser, box(browser, f"sandbox:{host}/{name}"))
        for dst in m.destinations:
            node = "sandbox:host2/client" if dst == "client" else "sandbox:{}/{}".format(
                *dst.split("/"))
            want = "reaches" if m.reaches(src, dst) else "blocked"
            assert want in classes(box(browser, node)), (src, dst)
