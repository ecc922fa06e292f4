"""Compose files merged (netsim.io.compose.merge) and ``extends:`` (netsim.io.compose.extends)
as compose-go v2.9.1 does them (override/merge.go, override/uncity.go, loader/reset.go,
loader/extends.go). Results marked "recorded" agree with what Docker Compose 2.40.3's
``config`` printed in the conformance lab (conformance/recorded/28.5/65-compose-multi-file);
the others are derived from reading compose-go."""

from __future__ import annotations

import copy
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from netsim.io.compose.extends import ExtendsError, apply_extends
from netsim.io.compose.merge import (
    MergeError,
    Override,
    Reset,
    enforce_unicity,
    extend_service,
    merge,
    strip_markers,
)


class _Loader(yaml.SafeLoader):
    """PyYAML with the two tags a loader is expected to turn into markers."""


def _override(loader: yaml.SafeLoader, node: yaml.Node) -> Override:
    if isinstance(node, yaml.MappingNode):
        return Override(loader.construct_mapping(node, deep=True))
    if isinstance(node, yaml.SequenceNode):
        return Override(loader.construct_sequence(node, deep=True))
    return Override(loader.construct_scalar(node))  # type: ignore[arg-type]


_Loader.add_constructor("!reset", lambda loader, node: Reset())
_Loader.add_constructor("!override", _override)


def load(text: str) -> dict[str, Any]:
    value: dict[str, Any] = yaml.load(text, Loader=_Loader)
    return value


def files(*texts: str) -> dict[str, Any]:
    """The model after each file is merged in, as loader.go loadYamlFile goes."""
    model: dict[str, Any] = {}
    for text in texts:
        model = enforce_unicity(merge(model, load(text)))
    return model


BASE = """
services:
  web:
    image: nginx
    ports: ["8080:80"]
    networks: [front]
  api:
    image: nginx
    networks: [front]
networks:
  front:
"""


def test_an_override_file_adds_ports_and_a_service() -> None:
    """compose.override.yaml's port is added after compose.yaml's, its new service joins
    (recorded: both ports, ``debug``)."""
    got = files(BASE, """
services:
  web:
    ports: ["8081:80"]
  debug:
    image: alpine
    command: sleep 3600
""")
    assert got["services"]["web"] == {"image": "nginx", "ports": ["8080:80", "8081:80"],
                                      "networks": ["front"]}
    assert got["services"]["debug"] == {"image": "alpine", "command": "sleep 3600"}


def test_a_later_file_replaces_the_image_and_adds_networks_with_aliases() -> None:
    """-f compose.yaml -f compose.prod.yaml: image replaced; a network list met by a list is
    appended, met by a mapping becomes a mapping (recorded: web on back+front, api's
    ``back`` with its alias, the new top-level network)."""
    got = files(BASE, """
services:
  web:
    image: netsim-lab/nginx
    networks: [back]
  api:
    networks:
      back:
        aliases: [backend]
networks:
  back:
    internal: true
""")
    assert got["services"]["web"] == {"image": "netsim-lab/nginx", "ports": ["8080:80"],
                                      "networks": {"front": None, "back": None}}
    assert got["services"]["api"] == {"image": "nginx", "networks": {
        "front": None, "back": {"aliases": ["backend"]}}}
    assert got["networks"] == {"front": None, "back": {"internal": True}}


def test_network_settings_merge_and_aliases_stay_unique() -> None:
    """Two mappings for one network merge; aliases are appended then made unique."""
    got = files("""
services:
  api:
    networks:
      back: {aliases: [a, b], ipv4_address: 10.0.0.2}
""", """
services:
  api:
    networks:
      back: {aliases: [b, c], ipv4_address: 10.0.0.3}
""")
    assert got["services"]["api"]["networks"] == {
        "back": {"aliases": ["a", "b", "c"], "ipv4_address": "10.0.0.3"}}


def test_environment_list_and_mapping_become_one_sorted_list() -> None:
    """merge.go turns both forms into ``KEY=value`` texts (a mapping's sorted, ``KEY`` for
    null, Go's ``%v`` for numbers and booleans); uncity.go keeps one per key, the later value
    in the earlier place."""
    got = files("""
services:
  web:
    environment: [B=1, A=0, KEEP=yes]
""", """
services:
  web:
    environment: {A: 2, C: null, D: true, E: 1.5, F: 1000000.0}
""")
    assert got["services"]["web"]["environment"] == [
        "B=1", "A=2", "KEEP=yes", "C", "D=true", "E=1.5", "F=1e+06"]


def test_one_file_keeps_its_own_form() -> None:
    """A key only one file has is left as written (no list conversion)."""
    got = files("services:\n  web:\n    labels: {a: 1}\n", "services:\n  web:\n    image: x\n")
    assert got["services"]["web"]["labels"] == {"a": 1}


def test_labels_and_sysctls_become_lists_too() -> None:
    """labels (mapping + mapping) and sysctls: the same list conversion."""
    got = files("""
services:
  web:
    labels: {com.x: a, com.y: b}
    sysctls: {net.core.somaxconn: 1024}
""", """
services:
  web:
    labels: {com.x: z}
    sysctls: [net.ipv4.tcp_syncookies=0]
""")
    assert got["services"]["web"]["labels"] == ["com.x=z", "com.y=b"]
    assert got["services"]["web"]["sysctls"] == ["net.core.somaxconn=1024",
                                                 "net.ipv4.tcp_syncookies=0"]


def test_depends_on_short_and_long_forms() -> None:
    """A name alone becomes ``{condition: service_started, required: true}``, then the
    later file's settings merge into it."""
    got = files("""
services:
  app:
    depends_on: [db, cache]
""", """
services:
  app:
    depends_on:
      db: {condition: service_healthy}
      queue: {condition: service_started, restart: true}
""")
    assert got["services"]["app"]["depends_on"] == {
        "db": {"condition": "service_healthy", "required": True},
        "cache": {"condition": "service_started", "required": True},
        "queue": {"condition": "service_started", "restart": True}}


def test_command_entrypoint_and_healthcheck_test_are_replaced() -> None:
    """Replaced whole, even a list by a string; ``null`` replaces them too, while ``null``
    elsewhere keeps the earlier value."""
    got = files("""
services:
  web:
    image: nginx
    command: [nginx, -g, daemon off;]
    entrypoint: [/docker-entrypoint.sh]
    healthcheck: {test: [CMD, curl, -f, localhost], interval: 5s}
""", """
services:
  web:
    image: null
    command: nginx -T
    entrypoint: null
    healthcheck: {test: [CMD-SHELL, "true"]}
""")
    assert got["services"]["web"] == {
        "image": "nginx", "command": "nginx -T", "entrypoint": None,
        "healthcheck": {"test": ["CMD-SHELL", "true"], "interval": "5s"}}


def test_extra_hosts_drop_what_is_already_there() -> None:
    """extra_hosts: the later file's entries already present are not repeated."""
    got = merge(load("services:\n  w:\n    extra_hosts: [a=1.1.1.1, b=2.2.2.2]\n"),
                load("services:\n  w:\n    extra_hosts: {a: 1.1.1.1, c: [3.3.3.3, 4.4.4.4]}\n"))
    assert got["services"]["w"]["extra_hosts"] == ["a=1.1.1.1", "b=2.2.2.2", "c=3.3.3.3",
                                                   "c=4.4.4.4"]


def test_mounts_ports_and_expose_are_unique_by_their_key() -> None:
    """volumes and devices by target, secrets by /run/secrets/SOURCE (or target), configs
    by /SOURCE, expose by port, cap_add by text; ports only by the same text before the
    canonical form."""
    got = files("""
services:
  web:
    volumes: [data:/data, ./conf:/etc/nginx]
    devices: [/dev/a:/dev/x]
    secrets: [tls, {source: db, target: /run/secrets/db}]
    configs: [site]
    expose: [80, "443"]
    cap_add: [NET_ADMIN]
    ports: ["80:80"]
""", """
services:
  web:
    volumes: [{type: volume, source: other, target: /data}]
    devices: [/dev/b:/dev/x]
    secrets: [db, {source: tls}]
    configs: [{source: site, target: /site}]
    expose: ["80", 443]
    cap_add: [NET_ADMIN, SYS_TIME]
    ports: ["80:80", "0.0.0.0:80:80"]
""")
    web = got["services"]["web"]
    assert web["volumes"] == [{"type": "volume", "source": "other", "target": "/data"},
                              "./conf:/etc/nginx"]
    assert web["devices"] == ["/dev/b:/dev/x"]
    assert web["secrets"] == [{"source": "tls"}, "db"]
    assert web["configs"] == [{"source": "site", "target": "/site"}]
    assert web["expose"] == ["80", 443]
    assert web["cap_add"] == ["NET_ADMIN", "SYS_TIME"]
    assert web["ports"] == ["80:80", "0.0.0.0:80:80"]


def test_canonical_ports_are_unique_by_host_published_target_protocol() -> None:
    """The second pass (after Canonical) keys a port mapping ``host_ip:published:target/
    protocol``, 0.0.0.0 and tcp by default (uncity.go portIndexer)."""
    ports = [{"mode": "ingress", "target": 80, "published": "8080", "protocol": "tcp"},
             {"mode": "ingress", "target": 80, "published": "8080", "host_ip": "0.0.0.0"},
             {"mode": "ingress", "target": 80, "published": "8080", "protocol": "udp"},
             {"mode": "ingress", "target": 80, "published": "8080", "host_ip": "127.0.0.1"}]
    got = enforce_unicity({"services": {"web": {"ports": ports}}})["services"]["web"]["ports"]
    assert got == [ports[1], ports[2], ports[3]]


def test_build_logging_and_ulimits() -> None:
    """build: a string is the context; logging: options merge for the same driver, another
    driver replaces; a ulimit: the later value replaces."""
    got = files("""
services:
  web:
    build: ./app
    logging: {driver: json-file, options: {max-size: 1m}}
    ulimits: {nofile: {soft: 1024, hard: 2048}}
  api:
    logging: {driver: json-file, options: {max-size: 1m}}
""", """
services:
  web:
    build: {dockerfile: Dockerfile.dev, args: {A: 1}}
    logging: {options: {max-file: "3"}}
    ulimits: {nofile: {soft: 4096}}
  api:
    logging: {driver: syslog}
""")
    web = got["services"]["web"]
    assert web["build"] == {"context": "./app", "dockerfile": "Dockerfile.dev",
                            "args": {"A": 1}}
    assert web["logging"] == {"driver": "json-file",
                              "options": {"max-size": "1m", "max-file": "3"}}
    assert web["ulimits"] == {"nofile": {"soft": 4096}}
    assert got["services"]["api"]["logging"] == {"driver": "syslog"}


def test_ipam_configs_pair_by_subnet() -> None:
    """networks.*.ipam.config: an entry for the same subnet merges, another is added."""
    got = merge(load("""
networks:
  lan:
    ipam:
      config: [{subnet: 10.1.0.0/24, gateway: 10.1.0.1}]
"""), load("""
networks:
  lan:
    ipam:
      config: [{subnet: 10.1.0.0/24, ip_range: 10.1.0.128/25}, {subnet: 10.2.0.0/24}]
"""))
    assert got["networks"]["lan"]["ipam"]["config"] == [
        {"subnet": "10.1.0.0/24", "gateway": "10.1.0.1", "ip_range": "10.1.0.128/25"},
        {"subnet": "10.2.0.0/24"}]


@pytest.mark.parametrize(("first", "second", "text"), [
    ("services:\n  w:\n    ports: [80]\n", "services:\n  w:\n    ports: '80'\n",
     "cannot override services.w.ports"),
    ("services:\n  w:\n    deploy: {}\n", "services:\n  w:\n    deploy: [x]\n",
     "cannot override services.w.deploy"),
    ("services:\n  w:\n    networks: {n: {}}\n", "services:\n  w:\n    networks: {n: x}\n",
     "cannot override services.w.networks.n"),
    ("networks:\n  n:\n    ipam: {config: {}}\n", "networks:\n  n:\n    ipam: {config: []}\n",
     "networks.n.ipam.config: unexpected type map[string]interface {}"),
])
def test_what_cannot_be_merged(first: str, second: str, text: str) -> None:
    """A mapping or a list met by another kind: compose-go's text, whole."""
    with pytest.raises(MergeError) as info:
        merge(load(first), load(second))
    assert str(info.value) == text


def test_reset_and_override_tags() -> None:
    """``!reset`` removes the earlier value (a key of a mapping too), ``!override`` replaces
    it unmerged (compose-go's Test_LoadWithReset case, and ports)."""
    got = files("""
services:
  foo:
    build: {context: ., dockerfile: foo.Dockerfile}
    environment: {FOO: BAR, KEEP: 1}
    ports: ["80:80", "443:443"]
    dns: [1.1.1.1]
""", """
services:
  foo:
    image: foo
    build: !reset
    environment:
      FOO: !reset
    ports: !override ["8080:80"]
    dns: !reset []
""")
    # both files have ``environment``: it is merged, hence a list
    assert got["services"]["foo"] == {"environment": ["KEEP=1"], "ports": ["8080:80"],
                                      "image": "foo"}


def test_reset_a_whole_service_and_markers_in_lists() -> None:
    """A whole service can be reset; in a list a ``!reset`` item is dropped and an
    ``!override`` item kept, neither touching the earlier list."""
    got = files("services:\n  a: {image: x}\n  b: {image: y, dns: [1.1.1.1]}\n", """
services:
  a: !reset
  b:
    dns: [!reset 8.8.8.8, !override 9.9.9.9]
""")
    assert got["services"] == {"b": {"image": "y", "dns": ["1.1.1.1", "9.9.9.9"]}}


def test_markers_in_the_earlier_model_do_nothing() -> None:
    """Markers on the earlier side are unwrapped (Reset dropped), and inputs are not changed."""
    base = {"services": {"a": {"image": Override("x"), "dns": Reset()}}}
    kept = copy.deepcopy(base)
    assert merge(base, {}) == {"services": {"a": {"image": "x"}}}
    assert base == kept


@pytest.mark.parametrize(("service", "text"), [
    ({"volumes": [{"type": "tmpfs"}]},
     "service volume services.w.volumes.[0] is missing a mount target"),
    ({"volumes": ["a:/b", ""]}, "invalid empty volume spec"),
    ({"volumes": ["ab::/b"]}, "invalid spec: ab::/b: empty section between colons"),
    ({"volumes": ["ab:/b:ro:x"]}, "invalid spec: ab:/b:ro:x: too many colons"),
    ({"devices": [{"source": "/dev/a"}]},
     "service device services.w.devices.[0] is missing a mount target"),
    ({"ports": [{"published": "80"}]},
     "service ports services.w.ports.[0] is missing a target port"),
    ({"expose": [1.5]}, "services.w.expose.[0]: unsupported expose value %!s(float64=1.5)"),
    ({"secrets": [True]}, "services.w.secrets.[0]: unsupported expose value %!s(bool=true)"),
    ({"env_file": [{"required": False}]},
     "environment path attribute services.w.env_file.[0] is missing"),
    ({"dns": ["1.1.1.1", 8]}, "services.w.dns.[1]: unexpected type int"),
])
def test_unicity_refusals(service: dict[str, Any], text: str) -> None:
    """An entry uncity.go cannot key: its text, whole."""
    with pytest.raises(MergeError) as info:
        enforce_unicity({"services": {"w": service}})
    assert str(info.value) == text


def test_volume_targets_follow_parse_volume() -> None:
    """Short volume specs keyed as format/volume.go reads them: an anonymous volume, a
    Windows drive, ``${…}`` holding a colon, a one-letter source read as a drive."""
    vols = ["/anon", "C:\\data:/anon", "${SRC:-./x}:/cfg", "./y:/cfg:ro", "a:/b", "a:/b"]
    got = enforce_unicity({"services": {"w": {"volumes": vols}}})["services"]["w"]["volumes"]
    assert got == ["C:\\data:/anon", "./y:/cfg:ro", "a:/b"]


# --- extends ---------------------------------------------------------------------------------

MAIN = "/root/ext2/compose.yaml"
OTHER = {"base.yaml": load("""
services:
  common:
    image: nginx
    environment:
      LEVEL: base
    networks: [default]
  chained:
    extends: common
    command: sleep 1
  empty:
"""), "nosvc.yaml": {"networks": {}}, "badsvc.yaml": {"services": ["x"]}}


def extends(services: str) -> dict[str, Any]:
    return apply_extends(load(services)["services"], load_file=lambda p: OTHER[p], where=MAIN,
                         locate=lambda p: f"/root/ext2/{p}")


def refused(services: str) -> str:
    with pytest.raises(ExtendsError) as info:
        extends(services)
    return str(info.value)


def test_extends_in_the_file_and_from_another_file() -> None:
    """conformance/corpus/70's services: web takes common from base.yaml (its environment
    merged into a list, its network list kept as written), web2 extends web and adds a port;
    ``extends`` is gone."""
    got = enforce_unicity({"services": extends("""
services:
  web:
    extends: {file: base.yaml, service: common}
    environment:
      LEVEL: web
  web2:
    extends: web
    ports: ["8082:80"]
""")})["services"]
    assert got["web"] == {"image": "nginx", "environment": ["LEVEL=web"],
                          "networks": ["default"]}
    assert got["web2"] == {"image": "nginx", "environment": ["LEVEL=web"],
                           "networks": ["default"], "ports": ["8082:80"]}


def test_extends_chains_and_inherits_everything() -> None:
    """A chain in the other file is followed; depends_on, links, volumes_from and
    network_mode are inherited (compose-go keeps them all)."""
    got = extends("""
services:
  a:
    image: x
    depends_on: [db]
    links: [db]
    volumes_from: [db]
    network_mode: service:db
  b:
    extends: a
  c:
    extends: {file: base.yaml, service: chained}
  d:
    extends: {file: base.yaml, service: empty}
    image: y
""")
    assert got["b"] == {"image": "x", "depends_on": ["db"], "links": ["db"],
                        "volumes_from": ["db"], "network_mode": "service:db"}
    assert got["c"] == {"image": "nginx", "environment": {"LEVEL": "base"},
                        "networks": ["default"], "command": "sleep 1"}
    # a null base leaves the service as written, extends included (extends.go)
    assert got["d"] == {"extends": {"file": "base.yaml", "service": "empty"}, "image": "y"}


def test_the_extending_service_s_markers_act_on_its_base_and_stay() -> None:
    """``!reset`` / ``!override`` in an extending service remove or replace the base's
    value, and remain for the merge of the file onto earlier ones."""
    got = extends("""
services:
  a: {image: x, ports: ["80:80"], dns: [1.1.1.1]}
  b:
    extends: a
    ports: !reset []
    dns: !override [9.9.9.9]
  c:
    extends: b
""")
    assert got["b"] == {"image": "x", "dns": Override(["9.9.9.9"]), "ports": Reset()}
    assert got["c"] == {"image": "x", "dns": ["9.9.9.9"]}
    earlier = {"services": {"b": {"ports": ["81:81"], "dns": ["8.8.8.8"], "user": "u"}}}
    assert merge(earlier, {"services": got})["services"]["b"] == {
        "user": "u", "image": "x", "dns": ["9.9.9.9"]}


def test_extend_service_errors_name_the_services_x_path() -> None:
    """override/extends.go merges at ``services.x``: that is the path in its text."""
    with pytest.raises(MergeError) as info:
        extend_service({"ports": ["80"]}, {"ports": "81"})
    assert str(info.value) == "cannot override services.x.ports"


@pytest.mark.parametrize(("services", "text"), [
    ("services:\n  web: {extends: nope}\n",
     f'cannot extend service "web" in {MAIN}: service "nope" not found'),
    ("services:\n  web: {extends: {service: nope}}\n",
     f'cannot extend service "web" in {MAIN}: service "nope" not found'),
    ("services:\n  web: {extends: {file: base.yaml, service: nope}}\n",
     f'cannot extend service "web" in {MAIN}: service "nope" not found in base.yaml'),
    ("services:\n  web: {extends: {file: nosvc.yaml, service: x}}\n",
     'cannot extend service "web" in /root/ext2/nosvc.yaml: no services section'),
    ("services:\n  web: {extends: {file: badsvc.yaml, service: x}}\n",
     'cannot extend service "web" in /root/ext2/badsvc.yaml: services must be a mapping'),
    ("services:\n  web: {extends: {file: base.yaml}}\n", "extends.web.service is required"),
    ("services:\n  web: [x]\n", "services.web must be a mapping"),
    ("services:\n  a: {extends: a}\n",
     f"Circular reference:\n  a in {MAIN}\n  extends a in {MAIN}"),
    ("services:\n  a: {extends: b}\n  b: {extends: c}\n  c: {extends: a}\n",
     f"Circular reference:\n  a in {MAIN}\n  extends b in {MAIN}\n  extends c in {MAIN}\n"
     f"  extends a in {MAIN}"),
])
def test_extends_refusals(services: str, text: str) -> None:
    """Unknown services, missing keys, cycles: compose-go's texts, whole."""
    assert refused(services) == text


def test_a_cycle_through_another_file_names_the_base_s_file() -> None:
    """compose-go records the extending service under the file its base comes from."""
    other = {"services": {"s": {"extends": {"file": "/root/ext2/compose.yaml", "service": "w"}}}}
    main = {"w": {"extends": {"file": "other.yaml", "service": "s"}}}
    loaded = {"other.yaml": other, "/root/ext2/compose.yaml": {"services": main}}
    with pytest.raises(ExtendsError) as info:
        apply_extends(main, load_file=lambda p: loaded[p], where=MAIN)
    assert str(info.value) == ("Circular reference:\n  w in other.yaml\n"
                               f"  extends s in {MAIN}\n  extends w in other.yaml")


# --- properties ------------------------------------------------------------------------------

KEYS = st.sampled_from(["services", "web", "ports", "image", "networks", "a", "b", "labels"])
LEAVES = st.one_of(st.none(), st.booleans(), st.integers(-5, 5), st.text(max_size=4))
TREES = st.recursive(LEAVES, lambda kids: st.one_of(st.lists(kids, max_size=3),
                                                    st.dictionaries(KEYS, kids, max_size=3)),
                     max_leaves=12)
MODELS = st.dictionaries(KEYS, TREES, max_size=4)


@given(MODELS)
def test_merging_with_nothing_is_the_model_itself(model: dict[str, Any]) -> None:
    """merge(x, {}) and merge({}, x) are x, and x is left as it was."""
    kept = copy.deepcopy(model)
    assert merge(model, {}) == model == merge({}, model) == strip_markers(model)
    assert model == kept


@given(st.dictionaries(st.sampled_from(["a", "b", "c"]),
                       st.dictionaries(st.sampled_from(["image", "ports"]), TREES, max_size=2),
                       max_size=3))
def test_services_without_extends_are_kept(services: dict[str, Any]) -> None:
    """apply_extends leaves services that extend nothing as they are."""
    assert apply_extends(services, load_file=lambda p: {}, where=MAIN) == services
