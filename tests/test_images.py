"""Tests for netsim.images: the image catalogue, reference parsing, and "does it keep running"."""

from __future__ import annotations

import pydantic
import pytest

from netsim.images import (
    KNOWN,
    TOOL_NAMES,
    ImageInfo,
    ImageRef,
    default_command_runs,
    effective_argv,
    lookup,
    parse_image_ref,
    unmet_env,
)


def info_of(ref: str) -> ImageInfo:
    info = lookup(ref)
    assert info is not None, ref
    return info


# ------------------------------------------------------------------------------- pinned facts


@pytest.mark.parametrize(
    ("ref", "exposed", "listening"),
    [
        ("nginx", ("80/tcp",), ("80/tcp",)),
        ("nginx:alpine", ("80/tcp",), ("80/tcp",)),
        ("httpd", ("80/tcp",), ("80/tcp",)),
        ("mysql", ("3306/tcp", "33060/tcp"), ("3306/tcp", "33060/tcp")),
        ("mysql:8.4", ("3306/tcp", "33060/tcp"), ("3306/tcp", "33060/tcp")),
        ("mysql:5.7", ("3306/tcp", "33060/tcp"), ("3306/tcp",)),
        ("mariadb", ("3306/tcp",), ("3306/tcp",)),
        ("postgres", ("5432/tcp",), ("5432/tcp",)),
        ("redis", ("6379/tcp",), ("6379/tcp",)),
        ("mongo", ("27017/tcp",), ("27017/tcp",)),
        ("wordpress", ("80/tcp",), ("80/tcp",)),
        ("wordpress:fpm", ("9000/tcp",), ("9000/tcp",)),
        ("registry", ("5000/tcp",), ("5000/tcp", "5001/tcp")),
        ("registry:2", ("5000/tcp",), ("5000/tcp",)),
        ("registry:2.6", ("5000/tcp",), ("5000/tcp",)),
        ("registry:2.6.2", ("5000/tcp",), ("5000/tcp",)),
        ("traefik", ("80/tcp",), ("80/tcp",)),
        ("docker/getting-started", ("80/tcp",), ("80/tcp",)),
        ("alpine", (), ()),
        ("busybox", (), ()),
        ("hello-world", (), ()),
    ],
)
def test_ports(ref: str, exposed: tuple[str, ...], listening: tuple[str, ...]) -> None:
    info = info_of(ref)
    assert info.exposed == exposed
    assert info.listening == listening


def test_nginx_defaults() -> None:
    info = info_of("nginx")
    assert info.entrypoint == ("/docker-entrypoint.sh",)
    assert info.cmd == ("nginx", "-g", "daemon off;")
    assert info.runs == "server"
    assert info.libc == "glibc"
    assert info.tools["curl"] == "curl"
    assert "ping" not in info.tools and "ip" not in info.tools


def test_registry_26_is_the_seed_image() -> None:
    info = info_of("registry:2.6")
    assert info.cmd == ("/etc/docker/registry/config.yml",)
    assert info.entrypoint == ("/entrypoint.sh",)
    assert info.runs == "server"
    assert info.libc == "musl"
    assert info_of("registry").cmd == ("/etc/distribution/config.yml",)


def test_getting_started_is_nginx_alpine() -> None:
    info = info_of("docker/getting-started")
    assert info.cmd == ("nginx", "-g", "daemon off;")
    assert info.libc == "musl"
    assert info.tools["curl"] == "curl"
    assert info.tools["ping"] == "busybox"


def test_alpine_is_busybox_and_musl() -> None:
    info = info_of("alpine")
    assert info.libc == "musl"
    assert info.cmd == ("/bin/sh",)
    assert info.runs == "shell"
    for tool in ("ping", "wget", "nc", "nslookup", "ip", "ifconfig", "hostname", "route",
                 "netstat", "cat"):  # fmt: skip
        assert info.tools[tool] == "busybox", tool
    assert info.tools["getent"] == "musl"
    assert "curl" not in info.tools and "dig" not in info.tools


def test_busybox_latest_is_glibc_variant() -> None:
    assert info_of("busybox").libc == "glibc"
    assert info_of("busybox:musl").libc == "musl"
    assert info_of("busybox:1.37-glibc").libc == "glibc"
    assert "getent" not in info_of("busybox").tools
    assert lookup("busybox:uclibc") is None


def test_ubuntu_1404_versus_current() -> None:
    trusty = info_of("ubuntu:14.04")
    assert trusty.tools["ping"] == "iputils"
    assert trusty.tools["ifconfig"] == "net-tools-1.60"
    assert trusty.tools["route"] == "net-tools-1.60"
    assert trusty.tools["netstat"] == "net-tools-1.60"
    assert trusty.tools["ip"] == "iproute2"
    assert trusty.tools["nc"] == "netcat-openbsd"
    assert "curl" not in trusty.tools and "wget" not in trusty.tools
    assert info_of("ubuntu:trusty") == trusty

    current = info_of("ubuntu")
    assert current == info_of("ubuntu:latest") == info_of("ubuntu:24.04")
    for tool in ("ping", "ip", "ifconfig", "route", "netstat", "nc", "curl", "wget", "dig"):
        assert tool not in current.tools, tool
    assert current.tools == {"hostname": "hostname", "getent": "glibc", "cat": "gnu"}
    assert current.cmd == trusty.cmd == ("/bin/bash",)


def test_centos7_has_ping_and_curl_but_no_ip() -> None:
    info = info_of("centos:7")
    assert info.tools["ping"] == "iputils"
    assert info.tools["curl"] == "curl"
    assert "ip" not in info.tools and "dig" not in info.tools and "ifconfig" not in info.tools


def test_debian_and_servers_built_on_it() -> None:
    assert info_of("debian").tools == {"hostname": "hostname", "getent": "glibc", "cat": "gnu"}
    assert "curl" not in info_of("httpd").tools
    assert "curl" not in info_of("postgres").tools
    assert info_of("wordpress").tools["curl"] == "curl"
    assert info_of("mysql").tools == {"curl": "curl", "getent": "glibc", "cat": "gnu"}


def test_netshoot_tools() -> None:
    info = info_of("nicolaka/netshoot")
    assert info.tools["ping"] == "iputils"
    assert info.tools["dig"] == "bind"
    assert info.tools["ip"] == "iproute2"
    assert info.tools["nc"] == "netcat-openbsd"
    assert info.tools["ifconfig"] == "busybox"
    assert info.runs == "shell" and info.cmd == ("zsh",)


def test_exiting_images() -> None:
    hello = info_of("hello-world")
    assert hello.runs == "exits" and hello.exit_code == 0 and hello.tools == {}
    curl = info_of("curlimages/curl")
    assert curl.runs == "exits" and curl.exit_code == 2 and curl.user == "curl_user"


def test_required_env() -> None:
    mysql = info_of("mysql")
    assert mysql.required_env[0].any_of == (
        "MYSQL_ROOT_PASSWORD",
        "MYSQL_ALLOW_EMPTY_PASSWORD",
        "MYSQL_RANDOM_ROOT_PASSWORD",
    )
    assert mysql.required_env[0].exit_code == 1
    assert "MYSQL_ROOT_PASSWORD" in info_of("mariadb").required_env[0].any_of
    assert info_of("postgres").required_env[0].satisfied_by({"POSTGRES_HOST_AUTH_METHOD": "trust"})
    assert not info_of("postgres").required_env[0].satisfied_by({"POSTGRES_PASSWORD": ""})
    assert info_of("redis").required_env == ()


# ------------------------------------------------------------------------ catalogue integrity


def _all_infos() -> list[tuple[str, ImageInfo]]:
    out = []
    for repo, entry in KNOWN.items():
        for rule in entry.rules:
            if rule.info is not None:
                out.append((f"{repo}:{rule.patterns[0]}", rule.info))
    return out


@pytest.mark.parametrize(("name", "info"), _all_infos())
def test_catalogue_entries_are_consistent(name: str, info: ImageInfo) -> None:
    assert info.sources, name
    assert set(info.tools) <= set(TOOL_NAMES)
    assert (info.exit_code is not None) == (info.runs == "exits")
    # the generic command rules agree with the catalogue's own verdict on the default command
    argv = effective_argv(info, [])
    for interactive in (False, True):
        for tty in (False, True):
            want = {"server": True, "exits": False, "shell": interactive or tty}[info.runs]
            got = default_command_runs(None, argv, interactive, tty)
            assert got == want, (name, argv, interactive, tty)


def test_unknown_and_foreign_images() -> None:
    assert lookup("alicek106/stress") is None  # no public Dockerfile: left out on purpose
    assert lookup("example/unknown:1") is None
    assert lookup("localhost:5000/nginx") is None  # another registry: could be anything
    assert lookup("ubuntu:22.04") is None  # not verified
    assert lookup("mongo:8.0-windowsservercore-ltsc2022") is None
    assert lookup("hello-world:nanoserver") is None
    assert lookup("mariadb:11.4-ubi") is None


def test_lookup_forms() -> None:
    nginx = info_of("nginx")
    assert lookup(parse_image_ref("docker.io/library/nginx:1.29")) == nginx
    assert lookup("index.docker.io/library/nginx") == nginx
    assert lookup("nginx@sha256:" + "a" * 64) == nginx
    assert info_of("nginx:1.29-alpine").tools["curl"] == "curl"
    assert "curl" not in info_of("nginx:alpine-slim").tools
    with pytest.raises(ValueError, match="invalid reference format"):
        lookup("Nginx")


def test_models_are_strict_and_frozen() -> None:
    info = info_of("nginx")
    with pytest.raises(pydantic.ValidationError):
        info.model_copy(update={}).__class__(**{**info.model_dump(), "bogus": 1})
    with pytest.raises(pydantic.ValidationError):
        ImageInfo(**{**info.model_dump(), "exposed": ("80",)})
    with pytest.raises(pydantic.ValidationError):
        ImageInfo(**{**info.model_dump(), "exposed": ("443/tcp", "80/tcp")})
    with pytest.raises(pydantic.ValidationError):
        ImageInfo(**{**info.model_dump(), "tools": {"telnet": "busybox"}})
    with pytest.raises(pydantic.ValidationError):
        info.runs = "exits"  # type: ignore[misc]


# -------------------------------------------------------------------------- reference parsing


@pytest.mark.parametrize(
    ("text", "registry", "repository", "tag", "digest", "familiar", "canonical"),
    [
        ("nginx", "docker.io", "library/nginx", "latest", None, "nginx",
         "docker.io/library/nginx:latest"),
        ("nginx:latest", "docker.io", "library/nginx", "latest", None, "nginx:latest",
         "docker.io/library/nginx:latest"),
        ("nginx:1.29-alpine", "docker.io", "library/nginx", "1.29-alpine", None,
         "nginx:1.29-alpine", "docker.io/library/nginx:1.29-alpine"),
        ("docker.io/library/redis", "docker.io", "library/redis", "latest", None, "redis",
         "docker.io/library/redis:latest"),
        ("docker.io/redis", "docker.io", "library/redis", "latest", None, "redis",
         "docker.io/library/redis:latest"),
        ("index.docker.io/library/redis:7", "docker.io", "library/redis", "7", None, "redis:7",
         "docker.io/library/redis:7"),
        ("alicek106/stress", "docker.io", "alicek106/stress", "latest", None,
         "alicek106/stress", "docker.io/alicek106/stress:latest"),
        ("docker/getting-started", "docker.io", "docker/getting-started", "latest", None,
         "docker/getting-started", "docker.io/docker/getting-started:latest"),
        ("registry:2.6", "docker.io", "library/registry", "2.6", None, "registry:2.6",
         "docker.io/library/registry:2.6"),
        ("localhost:5000/myapp:v1", "localhost:5000", "myapp", "v1", None,
         "localhost:5000/myapp:v1", "localhost:5000/myapp:v1"),
        ("localhost/myapp", "localhost", "myapp", "latest", None, "localhost/myapp",
         "localhost/myapp:latest"),
        ("ghcr.io/owner/img", "ghcr.io", "owner/img", "latest", None, "ghcr.io/owner/img",
         "ghcr.io/owner/img:latest"),
        ("[fc00::1]:5000/docker", "[fc00::1]:5000", "docker", "latest", None,
         "[fc00::1]:5000/docker", "[fc00::1]:5000/docker:latest"),
        ("DOCKER/docker", "DOCKER", "docker", "latest", None, "DOCKER/docker",
         "DOCKER/docker:latest"),
        ("nginx:Mixed_Case.tag", "docker.io", "library/nginx", "Mixed_Case.tag", None,
         "nginx:Mixed_Case.tag", "docker.io/library/nginx:Mixed_Case.tag"),
        ("nginx@sha256:" + "a" * 64, "docker.io", "library/nginx", "", "sha256:" + "a" * 64,
         "nginx", "docker.io/library/nginx@sha256:" + "a" * 64),
        ("docker.io/library/nginx:1.29@sha256:" + "b" * 64, "docker.io", "library/nginx",
         "1.29", "sha256:" + "b" * 64, "nginx:1.29", "docker.io/library/nginx@sha256:" + "b" * 64),
    ],
)  # fmt: skip
def test_parse(
    text: str,
    registry: str,
    repository: str,
    tag: str,
    digest: str | None,
    familiar: str,
    canonical: str,
) -> None:
    ref = parse_image_ref(text)
    assert (ref.registry, ref.repository, ref.tag, ref.digest) == (
        registry,
        repository,
        tag,
        digest,
    )
    assert ref.familiar == familiar
    assert ref.canonical == canonical


def test_familiar_forms() -> None:
    assert parse_image_ref("nginx").familiar_tagged == "nginx:latest"
    assert parse_image_ref("nginx").tag_explicit is False
    assert parse_image_ref("nginx:latest").tag_explicit is True
    assert parse_image_ref("alicek106/stress").familiar_tagged == "alicek106/stress:latest"
    assert parse_image_ref("docker.io/library/foo/bar").familiar_name == "library/foo/bar"
    assert parse_image_ref("nginx").name == "docker.io/library/nginx"
    assert isinstance(parse_image_ref("nginx"), ImageRef)


_LOWER = "invalid reference format: repository name ({}) must be lowercase"
_HEX64 = "invalid repository name ({}), cannot specify 64-byte hexadecimal strings"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("Nginx", _LOWER.format("library/Nginx")),
        ("Nginx:latest", _LOWER.format("library/Nginx")),
        ("docker/Docker", _LOWER.format("docker/Docker")),
        ("localhost:5000/Foo", _LOWER.format("Foo")),
        ("", "invalid reference format"),
        ("nginx:", "invalid reference format"),
        ("nginx:-bad", "invalid reference format"),
        ("nginx:" + "t" * 129, "invalid reference format"),
        ("-nginx", "invalid reference format"),
        ("ng inx", "invalid reference format"),
        ("docker///docker", "invalid reference format"),
        ("https://github.com/docker/docker", "invalid reference format"),
        ("[fc00::1]:5000", "invalid reference format"),
        ("nginx@sha256:abc", "invalid reference format"),
        ("x/" + "a" * 254, "repository name must not be more than 255 characters"),
        ("nginx@sha256:" + "a" * 63, "invalid checksum digest length"),
        ("nginx@sha256:" + "A" * 64, "invalid checksum digest format"),
        ("nginx@md5:" + "a" * 32, "unsupported digest algorithm"),
        ("a" * 64, _HEX64.format("a" * 64)),
    ],
)  # fmt: skip
def test_parse_errors(text: str, message: str) -> None:
    with pytest.raises(ValueError) as err:
        parse_image_ref(text)
    assert str(err.value) == message


def test_name_length_limit_is_on_the_path() -> None:
    assert parse_image_ref("x/" + "a" * 253).repository == "x/" + "a" * 253  # 255 exactly


# ----------------------------------------------------------------------- default_command_runs


@pytest.mark.parametrize(
    ("image", "cmd", "i", "t", "runs"),
    [
        # default commands
        ("nginx", [], False, False, True),
        ("redis", [], False, False, True),
        ("registry:2.6", [], False, False, True),
        ("hello-world", [], False, False, False),
        ("curlimages/curl", [], False, False, False),
        ("alpine", [], False, False, False),
        ("alpine", [], True, False, True),
        ("alpine", [], False, True, True),
        ("ubuntu", [], False, False, False),
        ("ubuntu:14.04", [], True, True, True),
        ("nicolaka/netshoot", [], False, False, False),
        # user shells
        ("alpine", ["sh"], False, False, False),
        ("alpine", ["/bin/ash"], False, True, True),
        ("nginx", ["bash"], False, False, False),
        ("nginx", ["bash"], True, True, True),
        ("ubuntu", ["bash", "-c", "while true; do sleep 1; done"], False, False, True),
        ("alpine", ["sh", "-c", "echo hi; sleep 3600"], False, False, True),
        ("alpine", ["sh", "-c", "echo hi && hostname"], False, False, False),
        ("alpine", ["sh", "-c", "exec nginx -g 'daemon off;'"], False, False, True),
        ("alpine", ["sh", "script.sh"], False, False, True),  # unknown script: running
        ("alpine", ["sh", "-c", "while :; do date; done"], False, False, True),
        ("alpine", ["sh", "-c", "until true; do date; done"], False, False, False),
        ("alpine", ["sh", "-c", "for i in 1 2; do echo $i; done"], False, False, False),
        ("alpine", ["sh", "-c", "ip a | grep eth0"], False, False, False),
        ("alpine", ["sh", "-c"], False, False, False),  # "-c: option requires an argument"
        # finite commands
        ("alpine", ["echo", "hello"], False, False, False),
        ("alpine", ["true"], True, True, False),
        ("alpine", ["ls", "/"], False, False, False),
        ("alpine", ["cat", "/etc/hosts"], True, False, False),
        ("alpine", ["hostname"], False, False, False),
        ("alpine", ["date"], False, False, False),
        ("alpine", ["env"], False, False, False),
        ("alpine", ["ip", "addr"], False, False, False),
        ("alpine", ["/sbin/ip", "route"], False, False, False),
        ("alpine", ["ping", "-c", "3", "8.8.8.8"], False, False, False),
        ("alpine", ["ping", "-c3", "8.8.8.8"], False, False, False),
        ("alpine", ["nslookup", "web"], False, False, False),
        ("alpine", ["wget", "-qO-", "http://web"], False, False, False),
        ("alpine", ["nc", "-z", "web", "80"], False, False, False),
        ("alpine", ["tail", "/etc/hosts"], False, False, False),
        ("nginx", ["nginx", "-v"], False, False, False),
        ("redis", ["redis-server", "--version"], False, False, False),
        ("nginx", ["nginx"], False, False, False),  # daemonizes: PID 1 exits
        # long-running commands
        ("alpine", ["sleep", "3600"], False, False, True),
        ("alpine", ["sleep", "infinity"], False, False, True),
        ("ubuntu", ["/bin/sleep", "5"], False, False, True),
        ("alpine", ["tail", "-f", "/dev/null"], False, False, True),
        ("alpine", ["top"], False, False, True),
        ("alpine", ["ping", "8.8.8.8"], False, False, True),
        ("alpine", ["nc", "-lk", "-p", "8080"], False, False, True),
        ("alpine", ["cat"], True, False, True),
        ("alpine", ["cat"], False, False, False),
        ("ubuntu:14.04", ["stress", "--cpu", "1"], False, False, True),
        ("ubuntu:14.04", ["stress", "--cpu", "1", "--timeout", "10s"], False, False, False),
        ("nginx", ["nginx", "-g", "daemon off;"], False, False, True),
        ("httpd", ["httpd-foreground"], False, False, True),
        ("alpine", ["env", "A=1", "sleep", "60"], False, False, True),
        ("alpine", ["some-unknown-binary", "--flag"], False, False, True),
        # entrypoint wrappers
        ("redis", ["--appendonly", "yes"], False, False, True),
        ("redis", ["/etc/redis/redis.conf"], False, False, True),
        ("mysql", ["--character-set-server=utf8mb4"], False, False, True),
        ("registry", ["garbage-collect", "/etc/distribution/config.yml"], False, False, False),
        ("traefik", ["--api.insecure=true"], False, False, True),
        ("traefik", ["version"], False, False, False),
        ("curlimages/curl", ["-s", "http://web"], False, False, False),
        ("curlimages/curl", ["web.example"], False, False, False),
        ("curlimages/curl", ["sleep", "100"], False, False, True),
    ],
)
def test_default_command_runs(image: str, cmd: list[str], i: bool, t: bool, runs: bool) -> None:
    assert default_command_runs(lookup(image), cmd, i, t) is runs


def test_unknown_image_assumed_running() -> None:
    assert default_command_runs(None, [], False, False) is True
    assert default_command_runs(None, ["stress", "--cpu", "1"], False, False) is True
    assert default_command_runs(None, ["echo", "x"], False, False) is False
    assert default_command_runs(None, ["sh"], False, False) is False


def test_effective_argv() -> None:
    assert effective_argv(lookup("nginx"), []) == ("nginx", "-g", "daemon off;")
    assert effective_argv(lookup("redis"), ["--port", "7000"]) == (
        "redis-server",
        "--port",
        "7000",
    )
    assert effective_argv(lookup("registry"), []) == ("registry", "/etc/distribution/config.yml")
    assert effective_argv(lookup("curlimages/curl"), ["http://x"]) == ("curl", "http://x")
    assert effective_argv(lookup("nginx"), ["ls"], entrypoint=["sh", "-c"]) == ("sh", "-c", "ls")
    assert effective_argv(None, ["echo", "x"]) == ("echo", "x")


def test_entrypoint_override_drops_cmd() -> None:
    nginx = lookup("nginx")
    assert default_command_runs(nginx, [], False, False, entrypoint=["sh"]) is False
    assert default_command_runs(nginx, [], True, False, entrypoint=["sh"]) is True
    assert default_command_runs(nginx, ["-c", "sleep 9"], False, False, entrypoint=["sh"]) is True


def test_required_env_makes_the_server_exit() -> None:
    mysql = lookup("mysql")
    assert default_command_runs(mysql, [], False, False) is True  # env not given: not checked
    assert default_command_runs(mysql, [], False, False, env={}) is False
    assert default_command_runs(mysql, [], False, False, env={"MYSQL_ROOT_PASSWORD": "pw"}) is True
    assert default_command_runs(
        mysql, [], False, False, env={"MYSQL_RANDOM_ROOT_PASSWORD": "yes"}
    ) is True
    # options go to mysqld through the entrypoint: still checked
    assert default_command_runs(mysql, ["--port=3307"], False, False, env={}) is False
    # a client command is not the server: not checked
    assert default_command_runs(mysql, ["mysql", "-h", "db"], True, True, env={}) is True
    assert default_command_runs(lookup("mariadb"), [], False, False, env={}) is False
    assert (
        default_command_runs(lookup("mariadb"), [], False, False, env={"MYSQL_ROOT_PASSWORD": "x"})
        is True
    )
    postgres = lookup("postgres")
    assert default_command_runs(postgres, [], False, False, env={}) is False
    assert default_command_runs(postgres, [], False, False, env={"POSTGRES_PASSWORD": "x"}) is True
    assert (
        default_command_runs(
            postgres, [], False, False, env={"POSTGRES_HOST_AUTH_METHOD": "trust"}
        )
        is True
    )
    req = unmet_env(info_of("mysql"), ("mysqld",), {})
    assert req is not None
    assert req.message == "Database is uninitialized and password option is not specified"
    assert unmet_env(info_of("mysql"), ("mysqld", "--version"), {}) is None
    assert default_command_runs(lookup("redis"), [], False, False, env={}) is True
