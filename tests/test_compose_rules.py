"""The rules by which Docker Compose 2.40.3 turns a project into Docker API objects, one small
test each: the requests netsim builds (:func:`netsim.io.compose.convert.container_spec`,
``network_spec``) and what ``docker compose`` does in a sandboxed lab. The sources are
docker/compose v2.40.3 ``pkg/compose/create.go``, ``convergence.go``, ``down.go``, ``run.go``,
``cmd/compose/*.go`` and compose-go v2.9.1 ``cli/options.go``, ``loader/*.go``; texts Compose
printed are pinned from conformance/recorded/28.5/6*-compose-*.json, 7*-compose-*.json."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netsim.api import ContainerSpec
from netsim.golang.yamlv3 import marshal
from netsim.io.compose.convert import LABEL, container_spec, network_spec
from netsim.io.compose.loader import ComposeError, LoadOptions, load_project
from netsim.io.compose.model import Project
from netsim.lab import Lab, Step


class Mem:
    """Files in memory, by absolute path."""

    def __init__(self, files: dict[str, str]) -> None:
        self.files = files

    def read_text(self, path: str) -> str:
        if path not in self.files:
            raise FileNotFoundError(path)
        return self.files[path]

    def exists(self, path: str) -> bool:
        return path in self.files or any(k.startswith(path.rstrip("/") + "/")
                                         for k in self.files)


def load(text: str | None, *, cwd: str = "/root/shop", extra: dict[str, str] | None = None,
         **opts: Any) -> Project:
    files = {f"{cwd}/compose.yaml": text} if text is not None else {}
    return load_project(Mem({**files, **(extra or {})}), LoadOptions(cwd=cwd, **opts))


def error(text: str | None, **kw: Any) -> str:
    with pytest.raises(ComposeError) as exc:
        load(text, **kw)
    return str(exc.value)


def spec(project: Project, service: str, number: int = 1, **kw: Any) -> ContainerSpec:
    return container_spec(project, project.services[service], number, **kw)[0]


def lab_with(text: str, directory: str = "/root/shop") -> Lab:
    lab = Lab(sandboxed=True)
    ws = lab.workspace(lab.current_host)
    ws.mkdir(directory, parents=True)
    ws.chdir(directory)
    ws.write_text("compose.yaml", text)
    return lab


def ok(lab: Lab, command: str) -> Step:
    step = lab.docker(command)
    assert step.exit_code == 0, (command, step.stderr)
    return step


def names(lab: Lab) -> set[str]:
    return {c.name for c in lab.state.hosts["host"].containers.values()}


def lines(stderr: str, word: str) -> list[str]:
    """The containers of the progress lines ending in ``word``, in order."""
    return [ln.split()[1] for ln in stderr.splitlines()
            if ln.startswith(" Container ") and ln.endswith(f"  {word}")]


# ----------------------------------------------------------------------------- links

LINKS = """\
services:
  app:
    image: netsim-lab/alpine
    command: sleep 3600
    links: [db, "cache:redis"]
    external_links: ["legacy-db:olddb", plain]
  db:
    image: netsim-lab/nginx
    deploy: {replicas: 2}
  cache:
    image: netsim-lab/nginx
"""


def test_links_name_every_container_three_ways() -> None:
    """links: each container of the service as <alias>, <svc>-<n> and <project>-<svc>-<n>
    (n: the linking container's number, convergence.go getLinks); external_links as given."""
    project = load(LINKS)
    running = {"db": ["shop-db-1", "shop-db-2"], "cache": ["shop-cache-1"]}
    made = spec(project, "app", 2, containers_of=lambda s: running[s])
    assert made.HostConfig.Links == (
        "shop-db-1:db", "shop-db-1:db-2", "shop-db-1:shop-db-2",
        "shop-db-2:db", "shop-db-2:db-2", "shop-db-2:shop-db-2",
        "shop-cache-1:redis", "shop-cache-1:cache-2", "shop-cache-1:shop-cache-2",
        "legacy-db:olddb", "plain:plain")
    assert made.NetworkingConfig.EndpointsConfig["shop_default"].Links == made.HostConfig.Links


def test_links_are_dependencies_restarted_with_their_target() -> None:
    """A linked service is an implicit depends_on (service_started, restart, required:
    compose-go loader/normalize.go): in config, in the depends_on label, and checked."""
    project = load(LINKS)
    labels = spec(project, "app").Config.Labels
    assert labels[LABEL["depends_on"]] == "db:service_started:true,cache:service_started:true"
    assert project.dependency_order() == ["cache", "db", "app"]
    assert error("services:\n  app:\n    image: nginx\n    links: [ghost]\n") == (
        'service "app" depends on undefined service "ghost": invalid compose project')


def test_link_alias_resolves_inside_the_container() -> None:
    """In a lab the link's alias (and the external link's) resolve in the linking container
    (measured: 68-compose-links-external)."""
    lab = Lab(sandboxed=True)
    ok(lab, "network create shared")
    ok(lab, "run -d --name legacy-db --network shared netsim-lab/nginx")
    ws = lab.workspace(lab.current_host)
    ws.mkdir("/root/ext", parents=True)
    ws.chdir("/root/ext")
    ws.write_text("compose.yaml", """\
services:
  app:
    image: netsim-lab/alpine
    command: sleep 3600
    container_name: the-app
    links: ["cache:redis"]
    external_links: ["legacy-db:olddb"]
    networks: [default, shared]
  cache:
    image: netsim-lab/nginx
networks:
  shared:
    external: true
""")
    ok(lab, "compose up -d")
    assert "1 packets received" in ok(lab, "compose exec app ping -c 1 redis").stdout
    assert "1 packets received" in ok(lab, "compose exec app ping -c 1 olddb").stdout


# ----------------------------------------------------------------------------- network_mode

def test_network_mode_host_none_and_container_are_kept_without_endpoints() -> None:
    """network_mode host, none and container:NAME go to HostConfig.NetworkMode as written,
    with no endpoint (create.go defaultNetworkSettings returns a nil NetworkingConfig)."""
    project = load("services:\n" + "".join(
        f"  {n}:\n    image: nginx\n    network_mode: \"{m}\"\n"
        for n, m in (("h", "host"), ("n", "none"), ("c", "container:legacy"))))
    for name, mode in (("h", "host"), ("n", "none"), ("c", "container:legacy")):
        made = spec(project, name)
        assert (made.HostConfig.NetworkMode, made.NetworkingConfig.EndpointsConfig) == (mode, {})
    assert project.networks == {}


def test_network_mode_service_is_the_first_container_of_that_service() -> None:
    """network_mode service:X becomes container:<ID of X's first container> (convergence.go
    resolveSharedNamespaces); X is a dependency; no container of X is Compose's error."""
    text = ("services:\n  app:\n    image: netsim-lab/nginx\n  side:\n"
            "    image: netsim-lab/alpine\n    command: sleep 3600\n"
            "    network_mode: service:app\n")
    lab = lab_with(text)
    step = lab.docker("compose up -d --no-deps side")
    assert step.exit_code == 1 and step.stderr.endswith(
        "\ncannot share network namespace with service app: container missing\n")
    ok(lab, "compose up -d")
    app, side = lab.state.container("shop-app-1"), lab.state.container("shop-side-1")
    assert side.spec.HostConfig.NetworkMode == f"container:{app.id}"
    assert side.spec.Config.Labels[LABEL["depends_on"]] == "app:service_started:true"


# ----------------------------------------------------------------------------- ports

def test_expose_and_ports_are_exposed_and_ports_bound() -> None:
    """expose and ports → Config.ExposedPorts; ports → HostConfig.PortBindings with the host
    address, a host port range kept whole, a range of both sides one port each, udp
    (create.go buildContainerPorts, buildContainerPortBindingOptions)."""
    project = load("""\
services:
  web:
    image: nginx
    expose: ["3000", "4000/udp"]
    ports: ["127.0.0.1:8080:80", "53:53/udp", "8000-8001:90-91", "9000-9010:100", "443"]
""")
    made = spec(project, "web")
    assert set(made.Config.ExposedPorts) == {"3000/tcp", "4000/udp", "80/tcp", "53/udp",
                                             "90/tcp", "91/tcp", "100/tcp", "443/tcp"}
    assert {k: [(b.HostIp, b.HostPort) for b in v]
            for k, v in made.HostConfig.PortBindings.items()} == {
        "80/tcp": [("127.0.0.1", "8080")], "53/udp": [("", "53")], "90/tcp": [("", "8000")],
        "91/tcp": [("", "8001")], "100/tcp": [("", "9000-9010")], "443/tcp": [("", "")]}


# ----------------------------------------------------------------------------- labels

def test_container_labels_are_composes_over_the_users() -> None:
    """A container carries the user's labels and Compose's: project, service, number, oneoff,
    version 2.40.3, working_dir, config_files (every file, comma-joined), depends_on; Compose's
    win (mergeLabels, prepareLabels). The hash and image labels are not reproduced."""
    extra = {"/root/shop/prod.yaml": "services:\n  web:\n    labels: [tier=front]\n"}
    project = load("services:\n  web:\n    image: nginx\n    depends_on: [db]\n"
                   "    labels: {team: web, com.docker.compose.project: mine}\n"
                   "  db:\n    image: nginx\n", extra=extra,
                   files=("compose.yaml", "prod.yaml"))
    assert spec(project, "web", 2).Config.Labels == {
        "team": "web", "tier": "front", "com.docker.compose.project": "shop",
        "com.docker.compose.service": "web", "com.docker.compose.oneoff": "False",
        "com.docker.compose.version": "2.40.3",
        "com.docker.compose.project.working_dir": "/root/shop",
        "com.docker.compose.project.config_files": "/root/shop/compose.yaml,"
                                                   "/root/shop/prod.yaml",
        "com.docker.compose.depends_on": "db:service_started:false",
        "com.docker.compose.container-number": "2"}


def test_network_labels_and_the_env_file_label() -> None:
    """A network gets its own labels and Compose's (network key, project, version); with
    --env-file the containers carry com.docker.compose.project.environment_file."""
    project = load("services:\n  web:\n    image: nginx\n    networks: [front]\n"
                   "networks:\n  front:\n    labels: [owner=ops]\n",
                   extra={"/root/shop/a.env": "X=1\n"}, env_files=("a.env",))
    assert network_spec(project, project.networks["front"]).Labels == {
        "owner": "ops", "com.docker.compose.network": "front",
        "com.docker.compose.project": "shop", "com.docker.compose.version": "2.40.3"}
    assert spec(project, "web").Config.Labels[
        "com.docker.compose.project.environment_file"] == "a.env"


# ----------------------------------------------------------------------------- container fields

def test_container_fields() -> None:
    """container_name, hostname, domainname, user, working_dir, tty, stdin_open and restart go
    to Config/HostConfig (create.go getCreateConfigs, getRestartPolicy)."""
    project = load("""\
services:
  a:
    image: nginx
    container_name: the-a
    hostname: ahost
    domainname: example.org
    user: "1000:1000"
    working_dir: /srv
    tty: true
    stdin_open: true
    restart: unless-stopped
  b:
    image: nginx
    restart: "on-failure:3"
  c:
    image: nginx
    deploy:
      restart_policy: {condition: any, max_attempts: 2}
""")
    a = spec(project, "a")
    assert a.name == "the-a"
    assert (a.Config.Hostname, a.Config.Domainname, a.Config.User, a.Config.WorkingDir,
            a.Config.Tty, a.Config.OpenStdin) == ("ahost", "example.org", "1000:1000", "/srv",
                                                  True, True)
    policies = [spec(project, n).HostConfig.RestartPolicy for n in "abc"]
    assert [(r.Name, r.MaximumRetryCount) for r in policies] == [
        ("unless-stopped", 0), ("on-failure", 3), ("always", 2)]
    assert a.NetworkingConfig.EndpointsConfig["shop_default"].Aliases == ("the-a", "a")


# ----------------------------------------------------------------------------- replicas

SCALED = """\
services:
  queue:
    image: netsim-lab/nginx
  worker:
    image: netsim-lab/alpine
    command: sleep 3600
    deploy: {replicas: 3}
"""


def test_replicas_answer_the_service_name() -> None:
    """replicas: <project>-<svc>-1..N, each answering the service's name on the network
    (measured: 62-compose-scaled-workers)."""
    lab = lab_with(SCALED, "/root/jobs")
    ok(lab, "compose up -d")
    assert names(lab) == {"jobs-queue-1", "jobs-worker-1", "jobs-worker-2", "jobs-worker-3"}
    for n in (1, 2, 3):
        ep = lab.state.container(f"jobs-worker-{n}").endpoints[0]
        assert {"worker", f"jobs-worker-{n}"} <= set(ep.dns_names)
    assert ok(lab, "compose exec queue nslookup worker").stdout.count("Name:\tworker") == 3


def test_scale_down_removes_the_highest_numbers() -> None:
    """--scale up numbers after the highest; down removes the highest numbers (as measured:
    62-compose-scaled-workers)."""
    lab = lab_with(SCALED, "/root/jobs")
    ok(lab, "compose up -d --scale worker=5")
    step = ok(lab, "compose up -d --scale worker=2")
    assert lines(step.stderr, "Removed") == ["jobs-worker-3", "jobs-worker-4", "jobs-worker-5"]
    assert names(lab) == {"jobs-queue-1", "jobs-worker-1", "jobs-worker-2"}


def test_scale_up_does_not_fill_gaps() -> None:
    """A missing replica is replaced by the next number after the highest
    (convergence.go nextContainerNumber)."""
    lab = lab_with(SCALED, "/root/jobs")
    ok(lab, "compose up -d")
    ok(lab, "rm -f jobs-worker-2")
    assert lines(ok(lab, "compose up -d").stderr, "Created") == ["jobs-worker-4"]


def test_scale_option_errors() -> None:
    """--scale's errors are cmd/compose's texts (measured: 77-compose-cli-errors)."""
    lab = lab_with(SCALED + "  tool:\n    image: netsim-lab/alpine\n    profiles: [x]\n",
                   "/root/jobs")
    for flag, text in (
            ("worker=x", 'strconv.Atoi: parsing "x": invalid syntax'),
            ("nosuch=2", "no such service: nosuch: not found"),
            ("tool=2", "no such service: tool: disabled"),
            ("worker", 'invalid --scale option "worker". Should be SERVICE=NUM')):
        step = lab.docker(f"compose up -d --scale {flag}")
        assert (step.exit_code, step.stderr) == (1, text + "\n")
    assert names(lab) == set()


def test_container_name_cannot_be_scaled() -> None:
    """container_name with replicas > 1 is refused by the loader (validate.go, its arguments
    swapped as compose-go prints them); with --scale by the convergence (getScale)."""
    text = "services:\n  web:\n    image: netsim-lab/nginx\n    container_name: solo\n"
    assert error(text + "    deploy: {replicas: 2}\n") == (
        "services.deploy.replicas: can't set container_name and web as container name must be "
        "unique: invalid compose project")
    step = lab_with(text).docker("compose up -d --scale web=2")
    assert (step.exit_code, step.stderr.splitlines()[-1]) == (1, (
        'WARNING: The "web" service is using the custom container name "solo". Docker requires '
        "each container to have a unique name. Remove the custom name to scale the service"))


# ----------------------------------------------------------------------------- depends_on

def test_depends_on_conditions_and_creation_order() -> None:
    """depends_on's conditions (service_started/healthy/completed_successfully, required
    false) are accepted; containers are created dependencies first."""
    project = load("""\
services:
  app:
    image: nginx
    depends_on:
      cache: {condition: service_healthy, required: false}
      init: {condition: service_completed_successfully}
      db: {condition: service_started}
  cache: {image: nginx, depends_on: [db]}
  init: {image: nginx}
  db: {image: nginx}
""")
    deps = dict(project.services["app"].depends_on)
    assert [(d, c.condition, c.required) for d, c in deps.items()] == [
        ("cache", "service_healthy", False), ("init", "service_completed_successfully", True),
        ("db", "service_started", True)]
    lab = lab_with("services:\n  web:\n    image: netsim-lab/nginx\n    depends_on: [api]\n"
                   "  api:\n    image: netsim-lab/nginx\n    depends_on: [db]\n"
                   "  db:\n    image: netsim-lab/nginx\n")
    assert lines(ok(lab, "compose up -d").stderr, "Created") == [
        "shop-db-1", "shop-api-1", "shop-web-1"]


def test_depends_on_a_disabled_service() -> None:
    """A dependency left out by the profiles is undefined unless required: false
    (validate.go checkConsistency runs on the enabled services)."""
    text = ("services:\n  web:\n    image: nginx\n    depends_on:\n      dbg:\n"
            "        condition: service_started\n        required: {req}\n"
            "  dbg:\n    image: nginx\n    profiles: [debug]\n")
    assert error(text.format(req="true")) == (
        'service "web" depends on undefined service "dbg": invalid compose project')
    assert load(text.format(req="false")).enabled == ["web"]
    assert load(text.format(req="true"), profiles=("debug",)).enabled == ["web", "dbg"]


# ----------------------------------------------------------------------------- profiles

PROFILES = """\
services:
  web:
    image: netsim-lab/nginx
  adminer:
    image: netsim-lab/nginx
    profiles: ["debug"]
  mailhog:
    image: netsim-lab/alpine
    command: sleep 3600
    profiles: ["debug", "mail"]
"""


def test_profiles_from_the_option_and_the_environment() -> None:
    """--profile, else COMPOSE_PROFILES from the shell or the .env file, choose the services
    (cli/options.go WithDefaultProfiles; measured: 66-compose-profiles)."""
    assert load(PROFILES).enabled == ["web"]
    assert load(PROFILES, profiles=("mail",)).enabled == ["web", "mailhog"]
    assert load(PROFILES, environ={"COMPOSE_PROFILES": "debug"}).enabled == [
        "web", "adminer", "mailhog"]
    assert load(PROFILES, extra={"/root/shop/.env": "COMPOSE_PROFILES=mail\n"}).enabled == [
        "web", "mailhog"]
    assert load(PROFILES, profiles=("*",)).enabled == ["web", "adminer", "mailhog"]


def test_a_service_named_on_the_command_line_starts_whatever_its_profiles() -> None:
    """up SERVICE enables that service's profiles (types.Project.WithServicesEnabled) and
    starts it alone."""
    lab = lab_with(PROFILES, "/root/prof")
    step = ok(lab, "compose up -d mailhog")
    assert lines(step.stderr, "Started") == ["prof-mailhog-1"]
    assert names(lab) == {"prof-mailhog-1"}


# ----------------------------------------------------------------------------- options

WEB = "services:\n  web:\n    image: nginx\n    ports: [\"${PORT:-80}:80\"]\n"


def test_dotenv_and_env_files() -> None:
    """.env of the project directory; --env-file instead (several: the later wins); the
    shell wins over both (cli/options.go WithDotEnv)."""
    extra = {"/root/shop/.env": "PORT=81\n", "/root/shop/a.env": "PORT=82\nX=1\n",
             "/root/shop/b.env": "PORT=83\n"}

    def port(**kw: Any) -> str:
        return load(WEB, extra=extra, **kw).services["web"].ports[0].published

    assert port() == "81"
    assert port(env_files=("a.env", "b.env")) == "83"
    assert port(env_files=("b.env", "./a.env")) == "82"
    assert port(environ={"PORT": "84"}) == "84"
    assert error(WEB, env_files=("./none.env",)) == (
        "couldn't find env file: /root/shop/none.env")


def test_compose_file_variable_and_its_separator() -> None:
    """COMPOSE_FILE (from the shell or .env) names the files, split on COMPOSE_PATH_SEPARATOR
    (':' by default), against the current directory (cli/options.go WithConfigFileEnv)."""
    extra = {"/root/shop/prod.yaml": "services:\n  api:\n    image: nginx\n"}
    both = load(WEB, extra=extra, environ={"COMPOSE_FILE": "compose.yaml:prod.yaml"})
    assert both.config_files == ("/root/shop/compose.yaml", "/root/shop/prod.yaml")
    semi = load(WEB, extra=extra, environ={"COMPOSE_FILE": "prod.yaml;compose.yaml",
                                           "COMPOSE_PATH_SEPARATOR": ";"})
    assert list(semi.services) == ["api", "web"]
    dotenv = load(WEB, extra={**extra, "/root/shop/.env": "COMPOSE_FILE=prod.yaml\n"})
    assert list(dotenv.services) == ["api"]
    assert error(WEB, environ={"COMPOSE_FILE": "nope.yaml"}) == (
        "stat /root/shop/nope.yaml: no such file or directory")


def test_project_name_and_directory_options() -> None:
    """COMPOSE_PROJECT_NAME (shell or .env), -p, --project-directory (its .env, its name;
    -f stays against the current directory) (measured: 75-compose-project-names)."""
    assert load(WEB, environ={"COMPOSE_PROJECT_NAME": "third"}).name == "third"
    assert load(WEB, extra={"/root/shop/.env": "COMPOSE_PROJECT_NAME=fromenv\n"}).name == \
        "fromenv"
    assert load(WEB, project_name="other").name == "other"
    other = {"/root/My_App.v2/compose.yaml": WEB, "/root/My_App.v2/.env": "PORT=90\n"}
    moved = load(None, cwd="/root", extra=other, project_directory="My_App.v2")
    assert (moved.name, moved.working_dir, moved.services["web"].ports[0].published) == (
        "my_appv2", "/root/My_App.v2", "90")
    both = load(None, cwd="/root", extra=other, project_directory="My_App.v2",
                files=("My_App.v2/compose.yaml",))
    assert both.config_files == ("/root/My_App.v2/compose.yaml",)
    assert error(WEB, project_name="Bad_Name") == (
        'invalid project name "Bad_Name": must consist only of lowercase alphanumeric '
        "characters, hyphens, and underscores as well as start with a letter or number")


def test_compose_file_found_in_a_parent_directory() -> None:
    """Without -f the default names are searched from the current directory upwards; the
    project is the file's directory, and a .env of the current one is read first
    (WithDefaultConfigPath, then WithEnvFiles twice)."""
    extra = {"/root/shop/.env": "PORT=81\n", "/root/shop/sub/deep/.env": "PORT=85\n"}
    project = load_project(Mem({"/root/shop/compose.yaml": WEB, **extra}),
                           LoadOptions(cwd="/root/shop/sub/deep"))
    assert (project.name, project.config_files, project.working_dir) == (
        "shop", ("/root/shop/compose.yaml",), "/root/shop")
    assert project.services["web"].ports[0].published == "85"
    assert error(None, cwd="/root/empty") == "no configuration file provided: not found"


def test_default_file_names_and_their_warnings() -> None:
    """Two default names in one directory: the first is used and both are warned about; the
    override names are tried .yml first (cli/options.go DefaultOverrideFileNames)."""
    extra = {"/root/shop/docker-compose.yml": WEB,
             "/root/shop/compose.override.yaml": "services:\n  web:\n    image: a\n",
             "/root/shop/compose.override.yml": "services:\n  web:\n    image: b\n"}
    project = load(WEB, extra=extra)
    assert project.config_files == ("/root/shop/compose.yaml",
                                    "/root/shop/compose.override.yml")
    assert project.services["web"].image == "b"
    assert project.warnings[:2] == (
        "Found multiple config files with supported names: /root/shop/compose.yaml, "
        "/root/shop/docker-compose.yml", "Using /root/shop/compose.yaml")


def test_env_file_errors_and_the_disabled_dotenv() -> None:
    """An --env-file that is a directory is refused; COMPOSE_DISABLE_ENV_FILE skips .env
    (cli/options.go WithEnvFiles, dotenv/env.go GetEnvFromFile)."""
    extra = {"/root/shop/.env": "PORT=81\n", "/root/shop/envs/a.env": "PORT=82\n"}
    assert error(WEB, extra=extra, env_files=("envs",)) == "/root/shop/envs is a directory"
    project = load(WEB, extra=extra, environ={"COMPOSE_DISABLE_ENV_FILE": "1"})
    assert project.services["web"].ports[0].published == "80"


# ----------------------------------------------------------------------------- files

def test_include_with_a_conflicting_resource() -> None:
    """A resource the including file defines otherwise than the included one is refused
    (compose-go loader/include.go importResource)."""
    sub = {"/root/shop/db/compose.yaml": "services:\n  db:\n    image: postgres\n"}
    text = "include: [db/compose.yaml]\nservices:\n  db:\n    image: mysql\n"
    assert error(text, extra=sub) == "services.db conflicts with imported resource"
    ok_text = "include: [db/compose.yaml]\nservices:\n  web:\n    image: nginx\n"
    assert list(load(ok_text, extra=sub).services) == ["web", "db"]


def test_include_reads_its_own_dotenv_under_the_projects() -> None:
    """An included project interpolates with its own .env, the including project's variables
    winning (include.go ApplyInclude: Environment.Clone().Merge(envFromFile))."""
    sub = {"/root/shop/db/compose.yaml": "services:\n  db:\n    image: \"postgres:${TAG}\"\n"
                                         "    ports: [\"${PORT}:5432\"]\n",
           "/root/shop/db/.env": "TAG=16\nPORT=5000\n", "/root/shop/.env": "PORT=6000\n"}
    project = load("include: [db/compose.yaml]\n", extra=sub)
    assert project.services["db"].image == "postgres:16"
    assert project.services["db"].ports[0].published == "6000"


def test_extends_from_another_file() -> None:
    """extends: {file, service} takes the other file's service, overridden by the local keys
    (measured: 70-compose-extends-anchors)."""
    base = {"/root/shop/base.yaml": "services:\n  common:\n    image: nginx\n"
                                    "    environment: {LEVEL: base, KEEP: x}\n"}
    project = load("services:\n  web:\n    extends: {file: base.yaml, service: common}\n"
                   "    environment: {LEVEL: web}\n", extra=base)
    assert project.services["web"].image == "nginx"
    assert dict(project.services["web"].environment) == {"LEVEL": "web", "KEEP": "x"}


def test_reset_and_override_tags_in_an_override_file() -> None:
    """!reset drops a value, !override replaces one instead of merging it."""
    extra = {"/root/shop/compose.override.yaml":
             "services:\n  web:\n    ports: !override [\"9090:80\"]\n"
             "    environment: !reset {}\n"}
    project = load("services:\n  web:\n    image: nginx\n    ports: [\"8080:80\"]\n"
                   "    environment: {A: '1'}\n", extra=extra)
    web = project.services["web"]
    assert ([p.published for p in web.ports], web.environment) == (["9090"], ())


# ----------------------------------------------------------------------------- networks

def test_macvlan_network_request() -> None:
    """A macvlan network with driver_opts parent and an IPAM config: the create request
    carries them (ipam.options are never sent, create.go resolveOrCreateNetwork)."""
    project = load("""\
services:
  printer:
    image: nginx
    networks:
      lan: {ipv4_address: 192.168.0.140}
networks:
  lan:
    driver: macvlan
    driver_opts: {parent: eth0}
    ipam:
      options: {foo: bar}
      config:
        - {subnet: 192.168.0.0/24, ip_range: 192.168.0.128/28, gateway: 192.168.0.1}
""", cwd="/root/lan")
    net = network_spec(project, project.networks["lan"])
    assert (net.Name, net.Driver, net.Options) == ("lan_lan", "macvlan", {"parent": "eth0"})
    assert net.IPAM.Options is None
    pool = net.IPAM.Config[0]
    assert (str(pool.Subnet), str(pool.IPRange), str(pool.Gateway)) == (
        "192.168.0.0/24", "192.168.0.128/28", "192.168.0.1")
    ep = spec(project, "printer").NetworkingConfig.EndpointsConfig["lan_lan"]
    assert ep.IPAMConfig is not None and str(ep.IPAMConfig.IPv4Address) == "192.168.0.140"


def test_external_network_missing_at_up() -> None:
    """An external network that does not exist stops up (measured: 73-compose-reference-
    errors)."""
    lab = lab_with("services:\n  web:\n    image: netsim-lab/nginx\n    networks: [outside]\n"
                   "networks:\n  outside:\n    external: true\n", "/root/refs")
    step = lab.docker("compose up -d")
    assert (step.exit_code, step.stderr) == (
        1, "network outside declared as external, but could not be found\n")


def test_a_same_named_network_not_made_by_compose_is_refused() -> None:
    """A network of the project's name without Compose's labels is warned about, then refused
    for its network label (create.go resolveOrCreateNetwork)."""
    lab = lab_with("services:\n  web:\n    image: netsim-lab/nginx\n")
    ok(lab, "network create shop_default")
    step = lab.docker("compose up -d")
    assert step.exit_code == 1
    assert "msg=\"a network with name shop_default exists but was not created by compose.\\n" \
        "Set `external: true` to use an existing network\"" in step.stderr
    assert step.stderr.endswith(
        'network shop_default was found but has incorrect label com.docker.compose.network '
        'set to "" (expected: "default")\n')


def test_a_network_the_daemon_refuses() -> None:
    """A network create the daemon refuses: its progress line says Error and Compose prints
    ``failed to create network …`` (create.go resolveOrCreateNetwork)."""
    lab = lab_with("services:\n  web:\n    image: netsim-lab/nginx\n    networks: [n]\n"
                   "networks:\n  n:\n    ipam:\n      config:\n        - subnet: 10.5.0.0/16\n")
    ok(lab, "network create --subnet 10.5.0.0/16 first")
    step = lab.docker("compose up -d")
    assert step.exit_code == 1
    assert step.stderr.startswith(" Network shop_n  Creating\n Network shop_n  Error\n"
                                  "failed to create network shop_n: Error response from "
                                  "daemon: ")


# ----------------------------------------------------------------------------- down

def test_down_keeps_external_networks_and_twice_prints_nothing() -> None:
    """down removes the containers and the project's own networks, not an external one; a
    second down finds nothing and prints nothing (down.go removeNetwork)."""
    lab = Lab(sandboxed=True)
    ok(lab, "network create shared")
    lab.workspace(lab.current_host).write_text("compose.yaml", """\
services:
  app:
    image: netsim-lab/nginx
    networks: [default, shared]
networks:
  shared:
    external: true
""")
    ok(lab, "compose up -d")
    down = ok(lab, "compose down")
    assert down.stderr == (
        " Container root-app-1  Stopping\n Container root-app-1  Stopped\n"
        " Container root-app-1  Removing\n Container root-app-1  Removed\n"
        " Network root_default  Removing\n Network root_default  Removed\n")
    assert set(lab.state.hosts["host"].networks) >= {"shared"}
    assert "root_default" not in lab.state.hosts["host"].networks
    again = lab.docker("compose down")
    assert (again.exit_code, again.stdout, again.stderr) == (0, "", "")


def test_down_of_a_service_keeps_its_dependencies() -> None:
    """down SERVICE removes that service's containers, not those it depends on; the shared
    network is then still in use (dependencies.go WithRootNodesAndDown)."""
    lab = lab_with("services:\n  web:\n    image: netsim-lab/nginx\n    depends_on: [db]\n"
                   "  db:\n    image: netsim-lab/nginx\n")
    ok(lab, "compose up -d")
    step = ok(lab, "compose down web")
    assert lines(step.stderr, "Removed") == ["shop-web-1"]
    assert step.stderr.endswith(" Network shop_default  Resource is still in use\n")
    assert names(lab) == {"shop-db-1"}


def test_down_leaves_the_disabled_profiles_containers() -> None:
    """down acts on the enabled services only: a running container of a disabled profile
    stays, and its network is still in use (down.go InReverseDependencyOrder)."""
    lab = lab_with(PROFILES, "/root/prof")
    ok(lab, "compose --profile mail up -d")
    down = ok(lab, "compose down")
    assert down.stderr.endswith(" Network prof_default  Removing\n"
                                " Network prof_default  Resource is still in use\n")
    assert names(lab) == {"prof-mailhog-1"}
    ok(lab, "compose --profile mail down")
    assert names(lab) == set()


def test_down_of_a_project_without_networks_warns_when_nothing_is_there() -> None:
    """Nothing to remove and no network to look for: Compose's warning."""
    lab = lab_with("services:\n  web:\n    image: netsim-lab/nginx\n    network_mode: host\n")
    step = ok(lab, "compose down")
    assert step.stderr.endswith(
        'level=warning msg="Warning: No resource found to remove for project \\"shop\\"."\n')


def test_orphans_are_warned_about_then_removed() -> None:
    """A container of a service the file no longer has is an orphan: warned about at up,
    removed with --remove-orphans (create.go create, containers.go isOrphaned)."""
    lab = lab_with(SCALED, "/root/jobs")
    ok(lab, "compose up -d")
    lab.workspace(lab.current_host).write_text(
        "compose.yaml", "services:\n  queue:\n    image: netsim-lab/nginx\n")
    step = ok(lab, "compose up -d")
    assert ("Found orphan containers ([jobs-worker-1 jobs-worker-2 jobs-worker-3]) for this "
            "project. If you removed or renamed this service in your compose file, you can "
            "run this command with the --remove-orphans flag to clean it up.") in step.stderr
    ok(lab, "compose up -d --remove-orphans")
    assert names(lab) == {"jobs-queue-1"}


# ----------------------------------------------------------------------------- exec, port, run

def test_exec_and_port_index_texts() -> None:
    """exec and port take the lowest-numbered running container, or number --index;
    Compose's texts otherwise (measured: 77-compose-cli-errors)."""
    lab = lab_with("services:\n  web:\n    image: netsim-lab/nginx\n    ports: [\"8080:80\"]\n"
                   "  worker:\n    image: netsim-lab/alpine\n    command: sleep 3600\n"
                   "    deploy:\n      replicas: 2\n", "/root/cli")
    ok(lab, "compose up -d")
    for command, text in (
            ("compose port --index 2 web 80", 'service "web" is not running container #2'),
            ("compose exec --index 3 worker hostname",
             'service "worker" is not running container #3')):
        step = lab.docker(command)
        assert (step.exit_code, step.stderr) == (1, text + "\n")
    step = lab.docker("compose port web 81")
    assert (step.exit_code, step.stderr) == (
        1, "no port 81/tcp for container cli-web-1: 8080/tcp, 8080/tcp\n")
    ok(lab, "stop cli-worker-1")
    worker2 = lab.state.container("cli-worker-2")
    assert ok(lab, "compose exec worker hostname").stdout == worker2.hostname + "\n"


def test_run_one_off_container() -> None:
    """run: <project>-<svc>-run-<12 hex>, no number, oneoff True, a slug, no restart policy,
    no published ports, and only its own name as alias without --use-aliases (run.go
    prepareRun, create.go getAliases)."""
    lab = lab_with("services:\n  tool:\n    image: netsim-lab/alpine\n    command: sleep 3600\n"
                   "    restart: always\n    ports: [\"8080:80\"]\n")
    name = ok(lab, "compose run -d tool sleep 100").stdout.strip()
    c = lab.state.container(name)
    assert name.startswith("shop-tool-run-") and len(name) == len("shop-tool-run-") + 12
    labels = c.spec.Config.Labels
    assert labels[LABEL["oneoff"]] == "True" and LABEL["number"] not in labels
    assert labels[LABEL["slug"]].startswith(name[-12:]) and len(labels[LABEL["slug"]]) == 64
    assert (c.spec.HostConfig.RestartPolicy.Name, c.spec.HostConfig.PortBindings) == ("", {})
    assert c.spec.NetworkingConfig.EndpointsConfig["shop_default"].Aliases == (name,)
    aliased = ok(lab, "compose run -d --use-aliases tool sleep 100").stdout.strip()
    assert lab.state.container(aliased).spec.NetworkingConfig.EndpointsConfig[
        "shop_default"].Aliases == (aliased, "tool")


def test_config_prints_implicit_dependencies() -> None:
    """config shows a link's and a shared network namespace's implied depends_on with
    restart: true (normalize.go)."""
    project = load("services:\n  app:\n    image: nginx\n  side:\n    image: nginx\n"
                   "    network_mode: service:app\n")
    from netsim.composecli.listing import printed_model

    class Ctx:
        pass

    ctx: Any = Ctx()
    ctx.project = project
    printed = marshal(printed_model(ctx)["services"]["side"])
    assert printed == ("depends_on:\n  app:\n    condition: service_started\n"
                       "    restart: true\n    required: true\nimage: nginx\n"
                       "network_mode: service:app\n")


# ----------------------------------------------------------------------------- property

NAME = st.sampled_from(["a", "b", "c", "d", "e"])


@st.composite
def projects(draw: st.DrawFn) -> str:
    """A valid project: services on random networks with ports, aliases, 0-3 replicas and
    depends_on chains without cycles (each service depends only on earlier ones)."""
    services = draw(st.lists(NAME, min_size=1, max_size=4, unique=True))
    nets = draw(st.lists(st.sampled_from(["front", "back", "data"]), max_size=3, unique=True))
    out = ["services:"]
    for i, svc in enumerate(services):
        out += [f"  {svc}:", "    image: netsim-lab/nginx"]
        out.append(f"    deploy: {{replicas: {draw(st.integers(0, 3))}}}")
        # host ports may clash (between services or replicas): the daemon refuses the start
        ports = draw(st.lists(st.sampled_from(["8000:80", "8001:80", "80", "127.0.0.1:8002:80",
                                               "5353:53/udp"]), max_size=2, unique=True))
        if ports:
            out.append(f"    ports: [{', '.join(repr(p) for p in ports)}]")
        chosen = draw(st.lists(st.sampled_from(nets), unique=True)) if nets else []
        if chosen:
            out.append("    networks:")
            for net in chosen:
                aliases = draw(st.lists(st.sampled_from(["x1", "x2", "api"]), max_size=2,
                                        unique=True))
                out.append(f"      {net}: {{aliases: [{', '.join(aliases)}]}}")
        deps = draw(st.lists(st.sampled_from(services[:i]), unique=True)) if i else []
        if deps:
            out.append(f"    depends_on: [{', '.join(deps)}]")
    if nets:
        out.append("networks:")
        out += [f"  {net}: {{}}" for net in nets]
    return "\n".join(out) + "\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(projects())
def test_any_valid_project_comes_up_and_goes_down(text: str) -> None:
    """up -d of a random valid project never raises: it exits 0, or 1 with a reason; down
    then leaves no container or network of the project."""
    lab = lab_with(text)
    step = lab.docker("compose up -d")
    assert step.exit_code in (0, 1)
    if step.exit_code == 1:
        assert step.stderr.strip()
    assert lab.docker("compose down").exit_code == 0
    state = lab.state.hosts["host"]
    assert not [c for c in state.containers.values()
                if c.spec.Config.Labels.get(LABEL["project"]) == "shop"]
    assert not [n for n in state.networks.values() if n.labels.get(LABEL["project"]) == "shop"]
