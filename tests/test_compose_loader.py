"""The Compose reader: each rule of loading a project, and Compose's texts for the files it
refuses (measured on Docker Compose 2.40.3: conformance/recorded/28.5/6*-compose-*.json,
7*-compose-*.json)."""

from __future__ import annotations

import string
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netsim.golang.yamlv3 import marshal
from netsim.io.compose.convert import container_spec, network_spec
from netsim.io.compose.loader import ComposeError, LoadOptions, load_project
from netsim.io.compose.model import Project


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


def load(text: str, *, cwd: str = "/root/shop", extra: dict[str, str] | None = None,
         **opts: Any) -> Project:
    files = {f"{cwd}/compose.yaml": text, **(extra or {})}
    return load_project(Mem(files), LoadOptions(cwd=cwd, **opts))


def error(text: str, **kw: Any) -> str:
    with pytest.raises(ComposeError) as exc:
        load(text, **kw)
    return str(exc.value)


def printed(project: Project) -> str:
    from netsim.composecli.listing import printed_model

    class Ctx:
        pass

    ctx: Any = Ctx()
    ctx.project = project
    return marshal(printed_model(ctx))


WEB_DB = """\
services:
  web:
    image: nginx
    ports:
      - "8080:80"
    depends_on:
      - db
  db:
    image: netsim-lab/nginx
    command: httpd -f -p 5432 -h /usr/share/nginx/html
    environment:
      POSTGRES_PASSWORD: example
"""


def test_config_prints_what_compose_printed() -> None:
    """`config` of the web + db project is byte-for-byte what Compose 2.40.3 printed (60)."""
    assert printed(load(WEB_DB)) == """\
name: shop
services:
  db:
    command:
      - httpd
      - -f
      - -p
      - "5432"
      - -h
      - /usr/share/nginx/html
    environment:
      POSTGRES_PASSWORD: example
    image: netsim-lab/nginx
    networks:
      default: null
  web:
    depends_on:
      db:
        condition: service_started
        required: true
    image: nginx
    networks:
      default: null
    ports:
      - mode: ingress
        target: 80
        published: "8080"
        protocol: tcp
networks:
  default:
    name: shop_default
"""


def test_project_name_from_directory_name_and_options() -> None:
    """The directory's name normalised, then name:, COMPOSE_PROJECT_NAME and -p win."""
    body = "services:\n  web:\n    image: nginx\n"
    assert load(body, cwd="/root/My_App.v2").name == "my_appv2"
    assert load("name: named\n" + body).name == "named"
    assert load("name: named\n" + body, environ={"COMPOSE_PROJECT_NAME": "third"}).name == \
        "third"
    assert load(body, project_name="other").name == "other"


def test_names_of_networks_and_containers() -> None:
    """<project>_<network>, a network's name:, an external network's own name, and
    <project>-<service>-<n> or container_name."""
    p = load("services:\n  a:\n    image: nginx\n    container_name: the-app\n"
             "    networks: [front, shared, named]\n  b:\n    image: nginx\n"
             "networks:\n  front:\n  shared:\n    external: true\n  named:\n    name: x-net\n")
    assert {k: n.name for k, n in p.networks.items()} == {
        "front": "shop_front", "shared": "shared", "named": "x-net", "default": "shop_default"}
    spec, _ = container_spec(p, p.services["a"], 1)
    assert spec.name == "the-app"
    assert container_spec(p, p.services["b"], 2)[0].name == "shop-b-2"


def test_endpoint_aliases_and_network_order() -> None:
    """Aliases are the container's name, the service's and its own (create.go getAliases);
    the first network by priority then name is the container's NetworkMode."""
    p = load("services:\n  app:\n    image: nginx\n    networks:\n      front:\n"
             "      back:\n        aliases: [api]\n        priority: 10\n"
             "networks:\n  front:\n  back:\n")
    spec, later = container_spec(p, p.services["app"], 1)
    assert spec.HostConfig.NetworkMode == "shop_back"
    eps = spec.NetworkingConfig.EndpointsConfig
    assert eps["shop_back"].Aliases == ("shop-app-1", "app", "api")
    assert eps["shop_front"].Aliases == ("shop-app-1", "app")
    assert later == []
    spec, later = container_spec(p, p.services["app"], 1, all_networks_at_create=False)
    assert [n for n, _ in later] == ["shop_front"]


def test_network_spec_labels_and_ipam() -> None:
    """A network's create request: driver, options, IPAM pools and Compose's labels."""
    p = load("services:\n  s:\n    image: nginx\n    networks: [lan]\nnetworks:\n  lan:\n"
             "    driver: macvlan\n    driver_opts:\n      parent: eth0\n    ipam:\n"
             "      config:\n        - subnet: 192.168.0.0/24\n          gateway: 192.168.0.1\n"
             "          ip_range: 192.168.0.128/28\n")
    spec = network_spec(p, p.networks["lan"])
    assert (spec.Name, spec.Driver, spec.Options) == ("shop_lan", "macvlan", {"parent": "eth0"})
    assert str(spec.IPAM.Config[0].Subnet) == "192.168.0.0/24"
    assert spec.Labels["com.docker.compose.network"] == "lan"
    assert spec.Labels["com.docker.compose.project"] == "shop"


def test_ports_short_and_long_syntax() -> None:
    """Short ports become long ones (ranges expanded, host IP kept); long ones get defaults."""
    p = load("services:\n  s:\n    image: nginx\n    ports:\n"
             "      - \"127.0.0.1:8000-8001:80-81\"\n"
             "      - 53/udp\n      - target: 443\n        published: 8443\n")
    got = [(x.host_ip, x.published, x.target, x.protocol) for x in p.services["s"].ports]
    assert got == [("127.0.0.1", "8000", 80, "tcp"), ("127.0.0.1", "8001", 81, "tcp"),
                   ("", "", 53, "udp"), ("", "8443", 443, "tcp")]


def test_interpolation_env_file_and_defaults() -> None:
    """.env under the shell's environment; ${X:-d}, ${X-d}; literal $$ printed back as $$."""
    p = load("services:\n  web:\n    image: \"nginx:${TAG}\"\n    ports: [\"${P:-9090}:80\"]\n"
             "    environment:\n      G: \"hi $$USER\"\n      E: \"${EMPTY-x}\"\n",
             extra={"/root/shop/.env": "TAG=latest\nEMPTY=\n"}, environ={"P": "7070"})
    assert p.services["web"].image == "nginx:latest"
    assert p.services["web"].ports[0].published == "7070"
    assert "G: hi $$USER" in printed(p) and 'E: ""' in printed(p)


def test_profiles_enable_services() -> None:
    """A service with profiles is left out unless one of them is active (or '*')."""
    body = ("services:\n  web:\n    image: nginx\n  adminer:\n    image: nginx\n"
            "    profiles: [debug]\n")
    assert load(body).enabled == ["web"]
    assert load(body, profiles=("debug",)).enabled == ["web", "adminer"]
    assert load(body, environ={"COMPOSE_PROFILES": "debug"}).enabled == ["web", "adminer"]
    assert load(body, profiles=("*",)).enabled == ["web", "adminer"]


def test_dependency_order() -> None:
    """config --services order: dependencies first, names sorted (70)."""
    p = load("services:\n  app:\n    image: a\n    depends_on: [cache, db]\n  cache:\n"
             "    image: a\n    depends_on: [db]\n  db:\n    image: a\n  web:\n    image: a\n"
             "  web2:\n    image: a\n")
    assert p.dependency_order() == ["db", "cache", "app", "web", "web2"]


def test_override_file_and_several_files() -> None:
    """compose.override.yaml is merged when no -f is given; -f files merge in order (65)."""
    base = "services:\n  web:\n    image: nginx\n    ports: [\"8080:80\"]\n"
    extra = {"/root/shop/compose.override.yaml":
             "services:\n  web:\n    ports: [\"8081:80\"]\n",
             "/root/shop/prod.yaml": "services:\n  web:\n    image: other\n"}
    p = load(base, extra=extra)
    assert [x.published for x in p.services["web"].ports] == ["8080", "8081"]
    p = load(base, extra=extra, files=("compose.yaml", "prod.yaml"))
    assert p.services["web"].image == "other"
    assert [x.published for x in p.services["web"].ports] == ["8080"]


def test_anchors_merge_keys_and_extensions() -> None:
    """YAML anchors and << merge keys are resolved; x- fields are kept and printed (70)."""
    p = load("x-d: &d\n  image: alpine\n  command: sleep 3600\nservices:\n  a:\n    <<: *d\n"
             "  b:\n    <<: *d\n    command: [\"sleep\", \"1\"]\n")
    assert p.services["a"].command == ("sleep", "3600")
    assert p.services["b"].command == ("sleep", "1")
    assert "x-d:\n  command: sleep 3600\n  image: alpine\n" in printed(p)


def test_include_another_project() -> None:
    """include: the other file's services and networks join the project (71)."""
    p = load("include:\n  - db/compose.yaml\nservices:\n  app:\n    image: nginx\n"
             "    networks: [data, default]\n",
             extra={"/root/shop/db/compose.yaml":
                    "services:\n  postgres:\n    image: pg\n    networks: [data]\n"
                    "networks:\n  data:\n"})
    assert sorted(p.services) == ["app", "postgres"]
    assert p.networks["data"].name == "shop_data"


@pytest.mark.parametrize(("text", "message"), [
    ("services:\n  web:\n    image: nginx\n   ports: [\"80:80\"]\n",
     "yaml: line 1: did not find expected key"),
    ("services:\n  web:\n    image: nginx\n    prots:\n      - \"80:80\"\n",
     "validating /root/shop/compose.yaml: services.web additional properties 'prots' not "
     "allowed"),
    ("services:\n  web:\n    image: nginx\nfoo: bar\n",
     "validating /root/shop/compose.yaml:  additional properties 'foo' not allowed"),
    ("services:\n  web:\n    image: nginx\n    ports: 80\n",
     "validating /root/shop/compose.yaml: services.web.ports must be a array"),
    ("services:\n  web:\n    image: [nginx]\n",
     "validating /root/shop/compose.yaml: services.web.image must be a string"),
    ("services:\n  web:\n    image: nginx\n    deploy:\n      replicas: two\n",
     "error while interpolating services.web.deploy.replicas: failed to cast to expected "
     "type: strconv.Atoi: parsing \"two\": invalid syntax"),
    ("services:\n  web:\n    image: nginx\n    networks:\n      - 42\n",
     "validating /root/shop/compose.yaml: services.web.networks.0 must be a string"),
    ("services: []\n", "services must be a mapping"),
    ("", "empty compose file"),
    ("services:\n  web:\n    image: nginx\n    ports:\n      - \"80:80:80:80\"\n",
     "Invalid ip address 80:80: address 80:80:: too many colons in address"),
    ("services:\n  web:\n    image: nginx\n    ports:\n      - \"99999:80\"\n",
     "Invalid hostPort: 99999"),
    ("services:\n  web:\n    image: nginx\n    network_mode: bridge\n    networks: [default]\n",
     "service web declares mutually exclusive `network_mode` and `networks`: invalid compose "
     "project"),
    ("services:\n  web:\n    image: nginx\n    networks:\n      - nope\n",
     'service "web" refers to undefined network nope: invalid compose project'),
    ("services:\n  web:\n    image: nginx\n    depends_on:\n      - ghost\n",
     'service "web" depends on undefined service "ghost": invalid compose project'),
    ("services:\n  a:\n    image: nginx\n    depends_on: [b]\n  b:\n    image: nginx\n"
     "    depends_on: [a]\n", "dependency cycle detected: a -> b -> a"),
    ("services:\n  web:\n    image: nginx\n    network_mode: \"service:ghost\"\n",
     'service "web" depends on undefined service "ghost": invalid compose project'),
])
def test_refused_files_get_composes_text(text: str, message: str) -> None:
    """Each file Compose refuses gets Compose's own text (72, 73)."""
    assert error(text) == message


def test_missing_files() -> None:
    """No compose file: Compose's text; a missing -f file: Go's open error (72)."""
    with pytest.raises(ComposeError, match=r"^no configuration file provided: not found$"):
        load_project(Mem({}), LoadOptions(cwd="/root/bad"))
    assert error("services: {}\n", files=("nothere.yaml",)) == \
        "open /root/shop/nothere.yaml: no such file or directory"


def test_invalid_project_names() -> None:
    """-p and COMPOSE_PROJECT_NAME must already be valid names (73)."""
    body = "services:\n  web:\n    image: nginx\n"
    text = ('invalid project name "Bad_Name": must consist only of lowercase alphanumeric '
            "characters, hyphens, and underscores as well as start with a letter or number")
    assert error(body, project_name="Bad_Name") == text
    assert error(body, environ={"COMPOSE_PROJECT_NAME": "-x"}).startswith(
        'invalid project name "-x"')


def test_required_variable_missing() -> None:
    """${VAR:?msg} unset stops the load with Compose's text."""
    assert error("services:\n  web:\n    image: \"nginx:${TAG:?the tag must be set}\"\n") == (
        "error while interpolating services.web.image: required variable TAG is missing a "
        "value: the tag must be set")


# ----------------------------------------------------------------------------- properties

_names = st.text(string.ascii_lowercase, min_size=1, max_size=6).filter(
    lambda n: n not in ("true", "false", "null"))  # YAML keywords are not string keys


@st.composite
def projects(draw: st.DrawFn) -> str:
    """A random valid compose file: services on networks, with ports, aliases, deps."""
    nets = draw(st.lists(_names, max_size=3, unique=True))
    services = draw(st.lists(_names, min_size=1, max_size=5, unique=True))
    lines = ["services:"]
    for i, name in enumerate(services):
        lines += [f"  {name}:", "    image: nginx"]
        if nets and draw(st.booleans()):
            chosen = draw(st.lists(st.sampled_from(nets), min_size=1, unique=True))
            lines.append("    networks:")
            for n in chosen:
                alias = draw(st.sampled_from(["", "x", "api"]))
                lines.append(f"      {n}:" + (f"\n        aliases: [{alias}]" if alias else ""))
        if draw(st.booleans()):
            lines.append(f'    ports: ["{8000 + i}:80", "53/udp"]')
        if i and draw(st.booleans()):
            lines.append(f"    depends_on: [{services[i - 1]}]")
        if draw(st.booleans()):
            lines.append(f"    deploy:\n      replicas: {draw(st.integers(0, 3))}")
    if nets:
        lines.append("networks:")
        lines += [f"  {n}:" for n in nets]
    return "\n".join(lines) + "\n"


@settings(max_examples=60, deadline=None)
@given(projects())
def test_config_output_reads_back_as_the_same_project(text: str) -> None:
    """A random valid project loads, and `config`'s output read back is the same project."""
    first = load(text)
    again = load(printed(first))
    assert printed(again) == printed(first)
    assert again.services == first.services
    used = {k for s in first.services.values() for k, _ in s.networks}
    assert {k: n.name for k, n in again.networks.items()} == \
        {k: n.name for k, n in first.networks.items() if k in used}


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=200))
def test_any_text_loads_or_gets_one_compose_error(text: str) -> None:
    """Arbitrary text never crashes the reader: a project or one ComposeError."""
    try:
        load(text)
    except ComposeError as err:
        assert str(err)
