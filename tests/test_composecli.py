"""docker compose in netsim: the plugin's commands in a lab, a compose file as netsim's input
(``netsim run|reach|matrix … compose.yaml``, ``Lab.from_file``, ``Lab.compose``), and the
one-line errors of a file Compose refuses."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from netsim.lab import Lab, run_script

ROOT = Path(__file__).resolve().parent.parent

THREE_TIER = """\
services:
  proxy:
    image: nginx
    ports:
      - "8080:80"
    networks: [front]
  app:
    image: nginx
    networks: [front, back]
  db:
    image: postgres
    environment:
      POSTGRES_PASSWORD: example
    networks:
      back:
        aliases: [database]
networks:
  front:
  back:
    internal: true
"""


def netsim(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "netsim", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=120)


def lab_with(text: str, directory: str = "/root/shop") -> Lab:
    lab = Lab(sandboxed=True)
    ws = lab.workspace(lab.current_host)
    ws.mkdir(directory, parents=True)
    ws.chdir(directory)
    ws.write_text("compose.yaml", text)
    return lab


def test_up_creates_networks_and_containers_with_compose_names() -> None:
    """up -d: <project>_<network>, <project>-<service>-1, the progress lines on stderr."""
    lab = lab_with(THREE_TIER)
    step = lab.docker("compose up -d")
    assert step.exit_code == 0 and step.stdout == ""
    assert " Network shop_back  Created\n" in step.stderr
    assert " Container shop-db-1  Started\n" in step.stderr
    state = lab.state
    assert {c.name for c in state.hosts["host"].containers.values()} == {
        "shop-proxy-1", "shop-app-1", "shop-db-1"}
    db = state.container("shop-db-1")
    assert db.endpoints[0].network == "shop_back"
    assert set(db.endpoints[0].dns_names) >= {"db", "database", "shop-db-1"}


def test_reachability_of_a_compose_project() -> None:
    """The proxy reaches the app, not the database (isolated networks); the app reaches the
    database by its alias."""
    lab = lab_with(THREE_TIER)
    lab.docker("compose up -d")
    assert lab.reach("shop-proxy-1", "shop-app-1", port=80).trace.delivered
    assert not lab.reach("shop-proxy-1", "shop-db-1").trace.delivered
    assert lab.docker("compose exec app getent hosts database").exit_code == 0


def test_ps_port_down_and_scale() -> None:
    """ps lists the project's containers; port names the binding; --scale adds replicas;
    down removes containers and networks."""
    lab = lab_with("services:\n  web:\n    image: nginx\n    ports: [\"8080:80\"]\n"
                   "  worker:\n    image: alpine\n    command: sleep 3600\n")
    lab.docker("compose up -d")
    ps = lab.docker("compose ps --format '{{.Name}} {{.Service}} {{.State}}'")
    assert ps.stdout == "shop-web-1 web running\nshop-worker-1 worker running\n"
    assert lab.docker("compose port web 80").stdout == "0.0.0.0:8080\n"
    lab.docker("compose up -d --scale worker=3")
    assert lab.docker("compose ps -q").stdout.count("\n") == 4
    down = lab.docker("compose down")
    assert down.exit_code == 0 and " Network shop_default  Removed\n" in down.stderr
    assert lab.state.hosts["host"].containers == {}
    assert "shop_default" not in lab.state.hosts["host"].networks


def test_run_rm_and_exec() -> None:
    """run --rm runs a one-off container with the service's networks and removes it; exec
    runs in the service's container; a service that is not running is Compose's error."""
    lab = lab_with("services:\n  web:\n    image: nginx\n  tool:\n    image: alpine\n"
                   "    command: sleep 3600\n    depends_on: [web]\n")
    assert lab.docker("compose exec web ls").stderr == 'service "web" is not running\n'
    lab.docker("compose up -d web")
    step = lab.docker("compose run --rm tool ping -c 1 web")
    assert step.exit_code == 0 and "1 packets received" in step.stdout
    assert " Container shop-web-1  Running\n" in step.stderr
    assert all(not n.startswith("shop-tool-run-") for n in lab.state.hosts["host"].containers)


def test_errors_are_composes_own_lines() -> None:
    """A command Compose refuses prints Compose's text and exits 1."""
    lab = lab_with("services:\n  web:\n    image: nginx\n    networks: [nope]\n")
    step = lab.docker("compose up -d")
    assert (step.exit_code, step.stderr) == (
        1, 'service "web" refers to undefined network nope: invalid compose project\n')
    assert lab.docker("compose exec web").stderr == \
        "requires at least 2 arg(s), only received 1\n"


def test_not_simulated_keys_are_named_once() -> None:
    """A key netsim reads but does not simulate is named once per lab on stderr."""
    lab = lab_with("services:\n  web:\n    image: nginx\n    healthcheck:\n"
                   "      test: [\"CMD\", \"true\"]\n")
    first = lab.docker("compose config --services")
    again = lab.docker("compose config --services")
    note = "netsim: services.*.healthcheck is read but not simulated\n"
    assert note in first.stderr and note not in again.stderr


def test_older_engines_connect_extra_networks_after_create() -> None:
    """On an engine with API < 1.44 (20.10) Compose creates the container on its first network
    and connects the others one by one; the result is the same attachment."""
    lab = Lab(sandboxed=True, profile="20.10")
    ws = lab.workspace(lab.current_host)
    ws.write_text("compose.yaml", THREE_TIER)
    assert lab.docker("compose up -d").exit_code == 0
    # the project is named after the directory, /root
    assert [e.network for e in lab.state.container("root-app-1").endpoints] == [
        "root_back", "root_front"]


def test_scripts_write_the_file_then_bring_it_up() -> None:
    """A script that writes compose.yaml with a here-document and runs docker compose in
    that directory, as the lab's recordings do."""
    script = ("mkdir -p /root/p1\ncd /root/p1\ncat > compose.yaml <<'EOF'\n"
              + THREE_TIER + "EOF\ndocker compose up -d\ndocker compose ps --services\n")
    _, steps = run_script(script, sandboxed=True)
    assert steps[-1].stdout == "app\ndb\nproxy\n"


def test_lab_from_file_and_compose(tmp_path: Path) -> None:
    """Lab.from_file brings a compose.yaml up in its directory; Lab.compose writes a file and
    runs a command."""
    f = tmp_path / "compose.yaml"
    f.write_text(THREE_TIER)
    lab = Lab.from_file(str(f))
    project = tmp_path.name.lower()
    assert f"{project}-db-1" in lab.state.hosts["host"].containers
    lab2 = Lab(sandboxed=True)
    step = lab2.compose("up", "-d", text=THREE_TIER, directory="/root/demo")
    assert step.exit_code == 0 and "demo-app-1" in lab2.state.hosts["host"].containers


def test_netsim_run_matrix_and_validate_on_a_compose_file(tmp_path: Path) -> None:
    """netsim run/matrix/validate read compose.yaml by its name; the project is the
    directory's."""
    d = tmp_path / "shop"
    d.mkdir()
    (d / "compose.yaml").write_text(THREE_TIER)
    r = netsim("run", "compose.yaml", cwd=d)
    assert r.returncode == 0, r.stderr
    assert "docker compose -f compose.yaml up -d" in r.stdout + r.stderr
    assert " Container shop-proxy-1  Started" in r.stdout + r.stderr
    m = netsim("matrix", "compose.yaml", cwd=d)
    assert m.returncode == 0 and "shop-db-1" in m.stdout
    v = netsim("validate", "compose.yaml", cwd=d)
    assert v.stdout == "compose.yaml: ok (Compose project shop, 3 services)\n"


@pytest.mark.parametrize(("text", "line"), [
    ("services:\n  web:\n    image: nginx\n   ports: [\"80:80\"]\n",
     "compose.yaml:4: yaml: line 1: did not find expected key"),
    ("services:\n  web:\n    image: nginx\n    prots: [\"80:80\"]\n",
     "compose.yaml:4: validating {dir}/compose.yaml: services.web additional properties "
     "'prots' not allowed"),
    ("services:\n  web:\n    image: nginx\n    depends_on: [ghost]\n",
     'compose.yaml:4: service "web" depends on undefined service "ghost": invalid compose '
     "project"),
    ("services:\n  web:\n    image: \"nginx:${TAG:?set TAG}\"\n",
     "compose.yaml:3: error while interpolating services.web.image: required variable TAG is "
     "missing a value: set TAG"),
])
def test_a_malformed_compose_file_is_one_line_and_exit_2(tmp_path: Path, text: str,
                                                         line: str) -> None:
    """A file Compose refuses: one line, FILE:LINE and Compose's text, exit 2, no
    traceback."""
    d = tmp_path / "bad"
    d.mkdir()
    f = d / "compose.yaml"
    f.write_text(text)
    r = netsim("run", str(f))
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr == f"netsim run: {d}/" + line.format(dir=d) + "\n"


def test_the_standalone_docker_compose_binary() -> None:
    """`docker-compose …` lines (Compose v2's standalone binary) are the same plugin."""
    script = ("mkdir -p /root/x\ncd /root/x\nprintf 'services:\\n  web:\\n    image: nginx\\n'"
              " > compose.yaml\ndocker-compose up -d\ndocker-compose ps --services\n")
    _, steps = run_script(script, sandboxed=True)
    assert steps[-2].exit_code == 0 and " Container x-web-1  Started\n" in steps[-2].stderr
    assert steps[-1].stdout == "web\n"


def test_netsim_check_reads_a_compose_files_expectations(tmp_path: Path) -> None:
    """netsim check on a compose file: its x-netsim expectations, checked once the project is
    up (the bundled scenarios/shop/compose.yaml holds); a malformed extension is one line."""
    r = netsim("check", "scenarios/shop/compose.yaml")
    assert r.returncode == 0 and "4 expectations: all hold" in r.stdout
    (tmp_path / "shop").mkdir()
    f = tmp_path / "shop" / "compose.yaml"
    f.write_text(THREE_TIER + "x-netsim:\n  expect:\n    - shop-proxy-1 reaches shop-db-1\n")
    r = netsim("check", str(f))
    assert r.returncode == 1 and "FAIL" in r.stdout
    f.write_text(THREE_TIER + "x-netsim:\n  expct: []\n")
    r = netsim("check", str(f))
    assert r.returncode == 2 and r.stderr.startswith(
        f"netsim check: {f}: x-netsim: unknown or malformed")
