"""The image catalogue as data (netsim/images/catalogue.yaml): it loads and validates, it holds
the facts it held as Python constants, and a broken catalogue is refused in one line that
names the place of the problem."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from netsim.images import (
    DIG_VERSIONS,
    KNOWN,
    PACKAGES,
    CatalogueError,
    ImageInfo,
    inspect_facts,
    load_catalogue,
    lookup,
    package_mirror,
)
from netsim.images.rules import RUN_RULES

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE = ROOT / "netsim" / "images" / "catalogue.yaml"


def info_of(ref: str) -> ImageInfo:
    info = lookup(ref)
    assert info is not None, ref
    return info


def all_infos() -> list[tuple[str, ImageInfo]]:
    return [(f"{repo}:{rule.patterns[0]}", rule.info) for repo, entry in KNOWN.items()
            for rule in entry.rules if rule.info is not None]


# --------------------------------------------------------------------------- loading


def test_the_shipped_catalogue_loads_once() -> None:
    catalogue = load_catalogue()
    assert load_catalogue() is catalogue  # cached
    assert len(catalogue.repositories) == 24
    assert len({id(i) for _, i in all_infos()}) == 36  # every fact set is reached by a tag


def test_loading_is_lazy() -> None:
    """``import netsim.images`` reads nothing; the first look-up reads the file, once."""
    code = ("import sys, netsim.images as i; c = i.load_catalogue.cache_info; "
            "print('yaml' in sys.modules, c().currsize); i.lookup('nginx'); i.lookup('alpine'); "
            "print(c().currsize, c().misses)")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert r.stdout.split() == ["False", "0", "1", "1"]


@pytest.mark.parametrize(("name", "info"), all_infos())
def test_every_fact_set_names_its_sources(name: str, info: ImageInfo) -> None:
    sources = [*info.sources, *(info.web.sources if info.web is not None else ())]
    assert info.sources, name
    for source in sources:
        if not source.startswith("https://"):
            assert (ROOT / source).exists(), (name, source)  # a file of this repository


@pytest.mark.parametrize(("name", "info"), [(n, i) for n, i in all_infos() if i.web is not None])
def test_web_pages_are_what_their_headers_say(name: str, info: ImageInfo) -> None:
    assert info.web is not None
    for response in (info.web.index, info.web.not_found):
        if response is not None and response.header("Content-Length") is not None:
            assert response.header("Content-Length") == str(len(response.body)), name


def test_programs_name_known_rules() -> None:
    programs = load_catalogue().programs
    assert {p.runs for p in programs.values()} - {None, "ends", "forever"} == set(RUN_RULES)
    assert programs["nginx"].runs == "nginx_foreground" and programs["sleep"].stop == "ignores"
    assert programs["true"].runs == "ends" and programs["yes"].runs == "forever"  # quoted keys


# ------------------------------------------------------ the facts the constants held

#: (reference, EXPOSE, what listens, ENTRYPOINT, CMD, runs, libc, tools), from the constants
#: netsim/images/ held before the catalogue became data (one row per fact set)
PINNED = [
    ("nginx:alpine-slim", "80/tcp", "80/tcp", "/docker-entrypoint.sh", "nginx -g|daemon off;",
     "server", "musl", "cat getent hostname ifconfig ip nc netstat nslookup ping route wget"),
    ("nginx:alpine", "80/tcp", "80/tcp", "/docker-entrypoint.sh", "nginx -g|daemon off;",
     "server", "musl", "cat curl getent hostname ifconfig ip nc netstat nslookup ping route wget"),
    ("nginx", "80/tcp", "80/tcp", "/docker-entrypoint.sh", "nginx -g|daemon off;", "server",
     "glibc", "cat curl getent hostname"),
    ("httpd:alpine", "80/tcp", "80/tcp", "", "httpd-foreground", "server", "musl",
     "cat getent hostname ifconfig ip nc netstat nslookup ping route wget"),
    ("httpd", "80/tcp", "80/tcp", "", "httpd-foreground", "server", "glibc",
     "cat getent hostname"),
    ("mysql:5.7", "3306/tcp 33060/tcp", "3306/tcp", "docker-entrypoint.sh", "mysqld", "server",
     "glibc", "cat getent"),
    ("mysql", "3306/tcp 33060/tcp", "3306/tcp 33060/tcp", "docker-entrypoint.sh", "mysqld",
     "server", "glibc", "cat curl getent"),
    ("mariadb", "3306/tcp", "3306/tcp", "docker-entrypoint.sh", "mariadbd", "server", "glibc",
     "cat getent hostname"),
    ("postgres:alpine", "5432/tcp", "5432/tcp", "docker-entrypoint.sh", "postgres", "server",
     "musl", "cat getent hostname ifconfig ip nc netstat nslookup ping route wget"),
    ("postgres", "5432/tcp", "5432/tcp", "docker-entrypoint.sh", "postgres", "server", "glibc",
     "cat getent hostname"),
    ("redis:alpine", "6379/tcp", "6379/tcp", "docker-entrypoint.sh", "redis-server", "server",
     "musl", "cat getent hostname ifconfig ip nc netstat nslookup ping route wget"),
    ("redis", "6379/tcp", "6379/tcp", "docker-entrypoint.sh", "redis-server", "server",
     "glibc", "cat getent hostname"),
    ("mongo", "27017/tcp", "27017/tcp", "docker-entrypoint.sh", "mongod", "server", "glibc",
     "cat getent hostname"),
    ("wordpress:fpm-alpine", "9000/tcp", "9000/tcp", "docker-entrypoint.sh", "php-fpm",
     "server", "musl",
     "cat curl getent hostname ifconfig ip nc netstat nslookup ping route wget"),
    ("wordpress:fpm", "9000/tcp", "9000/tcp", "docker-entrypoint.sh", "php-fpm", "server",
     "glibc", "cat curl getent hostname"),
    ("wordpress", "80/tcp", "80/tcp", "docker-entrypoint.sh", "apache2-foreground", "server",
     "glibc", "cat curl getent hostname"),
    ("registry:2.6", "5000/tcp", "5000/tcp", "/entrypoint.sh",
     "/etc/docker/registry/config.yml", "server", "musl",
     "cat getent hostname ifconfig ip nc netstat nslookup ping route wget"),
    ("registry:2", "5000/tcp", "5000/tcp", "/entrypoint.sh",
     "/etc/docker/registry/config.yml", "server", "musl",
     "cat getent hostname ifconfig ip nc netstat nslookup ping route wget"),
    ("registry", "5000/tcp", "5000/tcp 5001/tcp", "/entrypoint.sh",
     "/etc/distribution/config.yml", "server", "musl",
     "cat getent hostname ifconfig ip nc netstat nslookup ping route wget"),
    ("traefik", "80/tcp", "80/tcp", "/entrypoint.sh", "traefik", "server", "musl",
     "cat getent hostname ifconfig ip nc netstat nslookup ping route wget"),
    ("docker/getting-started", "80/tcp", "80/tcp", "/docker-entrypoint.sh",
     "nginx -g|daemon off;", "server", "musl",
     "cat curl getent hostname ifconfig ip nc netstat nslookup ping route wget"),
    ("alpine", "", "", "", "/bin/sh", "shell", "musl",
     "cat getent hostname ifconfig ip nc netstat nslookup ping route wget"),
    ("busybox:musl", "", "", "", "sh", "shell", "musl",
     "cat hostname ifconfig ip nc netstat nslookup ping route wget"),
    ("busybox", "", "", "", "sh", "shell", "glibc",
     "cat hostname ifconfig ip nc netstat nslookup ping route wget"),
    ("ubuntu:14.04", "", "", "", "/bin/bash", "shell", "glibc",
     "cat getent hostname ifconfig ip nc netstat ping route"),
    ("ubuntu:24.04", "", "", "", "/bin/bash", "shell", "glibc", "cat getent hostname"),
    ("debian:13", "", "", "", "bash", "shell", "glibc", "cat getent hostname"),
    ("centos:7", "", "", "", "/bin/bash", "shell", "glibc", "cat curl getent hostname ping"),
    ("nicolaka/netshoot", "", "", "", "zsh", "shell", "musl",
     "cat curl dig getent host hostname ifconfig ip nc netstat nslookup ping route wget"),
    ("curlimages/curl", "", "", "/entrypoint.sh", "curl", "exits", "musl",
     "cat curl getent hostname ifconfig ip nc netstat nslookup ping route wget"),
    ("hello-world", "", "", "", "/hello", "exits", "musl", ""),
    ("netsim-lab/alpine", "", "", "", "/bin/sh", "shell", "musl",
     "cat hostname ifconfig ip nc netstat nslookup ping route wget"),
    ("netsim-lab/busybox", "", "", "", "sh", "shell", "musl",
     "cat hostname ifconfig ip nc netstat nslookup ping route wget"),
    ("netsim-lab/nginx", "80/tcp", "80/tcp", "", "httpd -f -p 80 -h /usr/share/nginx/html",
     "server", "musl", "cat hostname ifconfig ip nc netstat nslookup ping route wget"),
    ("netsim-lab/debian", "", "", "", "bash", "shell", "glibc",
     "cat curl dig getent host hostname ifconfig ip nc netstat nslookup ping route"),
    ("netsim-lab/registry", "5000/tcp", "5000/tcp", "/usr/bin/docker-registry serve",
     "/etc/docker/registry/config.yml", "server", "glibc",
     "cat curl dig getent host hostname ifconfig ip nc netstat nslookup ping route"),
]


def _words(text: str) -> tuple[str, ...]:
    """``"nginx -g|daemon off;"`` → ("nginx", "-g", "daemon off;"): "|" ends a word with
    spaces."""
    head, _, tail = text.partition("|")
    return (*head.split(), *((tail,) if tail else ()))


@pytest.mark.parametrize(("ref", "exposed", "listening", "entrypoint", "cmd", "runs", "libc",
                          "tools"), PINNED)
def test_each_fact_set_is_what_the_constants_were(ref: str, exposed: str, listening: str,
                                                  entrypoint: str, cmd: str, runs: str,
                                                  libc: str, tools: str) -> None:
    info = info_of(ref)
    assert info.exposed == tuple(exposed.split())
    assert info.listening == tuple(listening.split())
    assert info.entrypoint == tuple(entrypoint.split())
    assert info.cmd == _words(cmd)
    assert (info.runs, info.libc) == (runs, libc)
    assert sorted(info.tools) == tools.split()


def test_pinned_rows_cover_every_fact_set() -> None:
    assert {id(info_of(row[0])) for row in PINNED} == {id(i) for _, i in all_infos()}


def test_pinned_details() -> None:
    assert info_of("nginx").tools["curl"] == "curl"
    assert info_of("busybox").tools["ping"] == "busybox"
    assert info_of("ubuntu:14.04").tools["ifconfig"] == "net-tools-1.60"
    mysql = info_of("mysql").required_env
    assert [r.any_of for r in mysql] == [
        ("MYSQL_ROOT_PASSWORD", "MYSQL_ALLOW_EMPTY_PASSWORD", "MYSQL_RANDOM_ROOT_PASSWORD")]
    assert mysql[0].applies_to == ("mysqld",) and mysql[0].exit_code == 1
    assert info_of("mariadb").required_env[0].applies_to == ("mariadbd", "mysqld")
    assert info_of("postgres").required_env[0].any_of == (
        "POSTGRES_PASSWORD", "POSTGRES_HOST_AUTH_METHOD=trust")
    assert info_of("redis").prefix_suffixes == (".conf",)
    assert info_of("registry").prefix_subcommands == ("serve", "garbage-collect", "help")
    curl = info_of("curlimages/curl")
    assert (curl.user, curl.exit_code, curl.prefix_unless_command) == ("curl_user", 2, True)
    assert info_of("hello-world").exit_code == 0 and not info_of("hello-world").tools
    assert info_of("docker/getting-started").web is None
    # the web sites (sizes of the pages the constants held)
    nginx, httpd, lab = info_of("nginx").web, info_of("httpd").web, info_of("netsim-lab/nginx").web
    assert nginx is not None and httpd is not None and lab is not None
    assert [len(nginx.index.body), len(nginx.not_found.body if nginx.not_found else "")] == [896,
                                                                                            153]
    assert nginx.index.header("ETag") == '"69d4ec68-380"' and "\r\n" in (
        nginx.not_found.body if nginx.not_found else "")
    assert nginx.index.body.count(" \n") == 2  # two lines of the page end in a space
    assert [len(httpd.index.body), len(lab.index.body)] == [45, 183]
    assert lab.httpd_home == "/usr/share/nginx/html" and lab.not_found is not None
    assert lab.not_found.header("Content-Length") is None
    # the lab's stand-ins: their files, accounts and environment
    debian, alpine = info_of("netsim-lab/debian"), info_of("netsim-lab/alpine")
    assert debian.programs is not None and alpine.programs is not None
    assert debian.programs["/bin"] == debian.programs["/usr/bin"]
    assert "curl" in debian.programs["/bin"]
    assert [len(alpine.programs[d]) for d in ("/bin", "/sbin", "/usr/bin", "/usr/sbin")] == [
        79, 50, 130, 20]
    bb = info_of("netsim-lab/busybox").programs
    assert bb is not None and bb["/bin"] == frozenset().union(*alpine.programs.values(),
                                                              {"linuxrc"})
    assert {"true", "false", "yes", "["} <= debian.programs["/usr/bin"]
    assert debian.users is not None and len(debian.users) == 18 and "_apt" in debian.users
    assert alpine.groups == frozenset({"root", "daemon", "www-data", "nogroup", "nobody"})
    assert alpine.env == ("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",)
    assert (alpine.busybox_nc_extra, alpine.etc_services, debian.etc_services) == (False, True,
                                                                                   False)
    assert info_of("netsim-lab/nginx").stop_signal == "SIGQUIT"


@pytest.mark.parametrize(("ref", "stop_signal", "labels"), [
    ("nginx", "SIGQUIT", {"maintainer": "NGINX Docker Maintainers <docker-maint@nginx.com>"}),
    ("nginx:alpine-slim", "SIGQUIT",
     {"maintainer": "NGINX Docker Maintainers <docker-maint@nginx.com>"}),
    ("docker/getting-started", "SIGQUIT",
     {"maintainer": "NGINX Docker Maintainers <docker-maint@nginx.com>"}),
    ("httpd:alpine", "SIGWINCH", {}),
    ("postgres:16-alpine", "SIGINT", {}),
    ("wordpress", "SIGWINCH", {}),
    ("wordpress:6-fpm-alpine", "SIGQUIT", {}),
    ("netsim-lab/nginx", "SIGQUIT", {}),
    ("alpine", "", {}),
    ("nginx:1.27-windowsservercore", "", {}),  # not catalogued: nothing known
    ("ghcr.io/x/nginx", "", {}),
    ("Nginx", "", {}),  # not a valid name
])
def test_inspect_facts(ref: str, stop_signal: str, labels: dict[str, str]) -> None:
    """What render/inspect's own table held: Dockerfile STOPSIGNAL and LABEL."""
    _, extras = inspect_facts(ref)
    assert (extras.stop_signal, dict(extras.labels)) == (stop_signal, labels)


def test_package_facts() -> None:
    assert DIG_VERSIONS["debian"] == "9.20.15-1~deb13u1-Debian"
    assert PACKAGES["microdnf"] == PACKAGES["yum"]
    assert dict(PACKAGES["apt-get"]["dnsutils"]) == {"dig": "bind", "nslookup": "bind",
                                                     "host": "bind"}
    assert package_mirror(info_of("ubuntu:14.04"), "apt-get") == "archive.ubuntu.com"
    assert package_mirror(info_of("debian"), "apt-get") == "deb.debian.org"
    assert package_mirror(info_of("mysql"), "microdnf") == "yum.oracle.com"


# --------------------------------------------------------------- a broken catalogue


def _broken(tmp_path: Path, change: str, old: str, new: str) -> Path:
    text = CATALOGUE.read_text(encoding="utf-8")
    assert old in text, change
    path = tmp_path / f"{change}.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


@pytest.mark.parametrize(("change", "old", "new", "message"), [
    ("port", "    exposed: [80/tcp]\n", "    exposed: [\"80\"]\n",
     "images.nginx.exposed: port must look like '80/tcp', got '80'"),
    ("literal", "    runs: server\n", "    runs: daemon\n",
     "images.nginx.runs: Input should be 'server', 'shell' or 'exits' (got 'daemon')"),
    ("unknown key", "    entrypoint_execs_args: true\n", "    entrypoint_exec_args: true\n",
     "images.nginx.entrypoint_exec_args: Extra inputs are not permitted (got True)"),
    ("nested", "        status: HTTP/1.1 200 OK\n", "        status: 200\n",
     "images.nginx.web.index.status: Input should be a valid string (got 200)"),
    ("list item", "    listening: [3306/tcp, 33060/tcp]\n", "    listening: [3306/tcp, 33060]\n",
     "images.mysql.listening[1]: Input should be a valid string (got 33060)"),
    ("extends", "    extends: nginx\n", "    extends: nginks\n",
     "images.nginx-alpine.extends: no image named 'nginks'"),
    ("toolset", "    tools: debianish-curl\n", "    tools: debian-curl\n",
     "images.nginx.tools: no toolset named 'debian-curl'"),
    ("tool", "    tools: {curl: curl, getent: glibc, cat: gnu}\n",
     "    tools: {curl: curl, getent: glibc, cat: coreutils}\n",
     "images.mysql.tools.cat: Input should be 'busybox', "),
    ("repository", "image: nginx-alpine-slim}", "image: nginx-slim}",
     "repositories.library/nginx[0].image: no image named 'nginx-slim'"),
    ("rule", "  nginx: {runs: nginx_foreground, stop: handles}\n",
     "  nginx: {runs: nginx_runs, stop: handles}\n",
     "programs.nginx.runs: runs must be 'ends', 'forever' or a rule of "),
    ("unquoted key", '  "true": {runs: ends}\n', "  true: {runs: ends}\n",
     "programs: key True: Input should be a valid string"),
    ("section", "\ndig_versions:\n", "\ndig_version:\n", "dig_versions: Field required"),
    ("syntax", "    exposed: [80/tcp]\n", "    exposed: [80/tcp\n",
     "did not find expected ',' or ']'"),
])
def test_a_broken_catalogue_is_refused_in_one_line(tmp_path: Path, change: str, old: str,
                                                   new: str, message: str) -> None:
    path = _broken(tmp_path, change, old, new)
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(path)
    text = str(caught.value)
    assert "\n" not in text
    assert text.startswith(f"{path}: ")
    assert message in text, text
    if change == "syntax":  # where the parser noticed it
        assert re.fullmatch(rf"{re.escape(str(path))}: line \d+: .*", text), text


def test_a_broken_catalogue_reports_the_first_problem_and_a_count(tmp_path: Path) -> None:
    path = _broken(tmp_path, "two", "        applies_to: [mysqld]\n", "        applies_to: 5\n"
                   "        exit_code: x\n")
    with pytest.raises(CatalogueError, match=r"^.*: images\.mysql\.required_env\[0\]\.applies_to:"
                       r" Input should be a valid tuple \(got 5\) \(and 1 more\)$"):
        load_catalogue(path)


def test_a_catalogue_that_is_not_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "list.yaml"
    path.write_text(yaml.safe_dump(["images"]), encoding="utf-8")
    with pytest.raises(CatalogueError, match="the file must hold a mapping of sections"):
        load_catalogue(path)
    with pytest.raises(CatalogueError, match="cannot be read"):
        load_catalogue(tmp_path / "missing.yaml")


def test_an_unknown_image_has_the_probes_debian_like_tools() -> None:
    """The tools of an image the catalogue does not know are held in one place: the probe
    families' own declarations (netsim.probes.toolbox.debian_like), not the catalogue."""
    from netsim.probes.toolbox import debian_like, toolbox_for

    assert toolbox_for("myorg/api:1.2") == debian_like()
    assert debian_like().get("ping") == "iputils"
