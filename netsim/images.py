"""A small, curated catalogue of well-known images, and Docker's image-reference grammar.

What the simulator needs to know about an image is what a container of it exposes (``EXPOSE``),
what it really listens on, what it runs by default, whether that keeps running, and which network
tools a user finds inside (``ping``, ``curl``, ``nc`` …, and *which implementation*, since busybox
``ping`` and iputils ``ping`` print different things).

Every fact below was read from the image's own build recipe or from the package list that
``docker-library/repo-info`` records for the published image; each entry names its sources in
``sources`` and in a comment. Images whose facts could not be found are left out on purpose:
:func:`lookup` returns ``None`` for them (e.g. ``alicek106/stress``, whose Dockerfile is not
public; see :func:`default_command_runs` for how its ``stress …`` commands are still handled).

Reference parsing follows ``github.com/distribution/reference`` (``ParseNormalizedNamed``) as the
Docker CLI uses it, including its error texts. What ``docker ps`` shows in its IMAGE column is
what the user typed, made "familiar": docker/cli ``formatter.ContainerContext.Image`` parses the
container's ``Config.Image``, strips a digest but keeps a tag *only if one was given*, and drops
``docker.io/`` and ``library/``. So ``docker run nginx`` lists ``nginx``, ``docker run
nginx:latest`` lists ``nginx:latest`` and ``docker run docker.io/library/nginx@sha256:…`` lists
``nginx`` (:attr:`ImageRef.familiar`). (The daemon replaces the name by the image ID once the
name no longer resolves to the image the container was created from: moby ``daemon/list.go``
``refreshImage``; that is the engine's business, not this module's.)
"""

from __future__ import annotations

import posixpath
import re
import shlex
from collections.abc import Callable, Mapping, Sequence
from fnmatch import fnmatchcase
from types import MappingProxyType
from typing import Final, Literal

from pydantic import BaseModel, field_validator

__all__ = [
    "DIG_VERSIONS",
    "HTTP_DATE",
    "KNOWN",
    "PACKAGES",
    "SMALL_NC_USAGE",
    "TOOL_NAMES",
    "CatalogEntry",
    "EnvRequirement",
    "HttpResponse",
    "ImageInfo",
    "ImageRef",
    "Libc",
    "PackageManager",
    "Runs",
    "TagRule",
    "ToolImpl",
    "WebSite",
    "bind_failure",
    "default_command_runs",
    "effective_argv",
    "exec_failure",
    "image_release",
    "internet_site",
    "lookup",
    "missing_directory",
    "package_manager",
    "parse_image_ref",
    "runtime_reason",
    "served_site",
    "signal_number",
    "stop_exit_code",
    "unmet_env",
    "usage_failure",
    "user_failure",
]

# ============================================================================================
# Image references (github.com/distribution/reference, as vendored by docker/cli)
# ============================================================================================

DEFAULT_DOMAIN: Final = "docker.io"
LEGACY_DEFAULT_DOMAIN: Final = "index.docker.io"
OFFICIAL_REPO_PREFIX: Final = "library/"
DEFAULT_TAG: Final = "latest"
REPOSITORY_NAME_TOTAL_LENGTH_MAX: Final = 255

# Error texts, verbatim from distribution/reference and opencontainers/go-digest. The Docker CLI
# prints them after "docker: " (docker run/create) and adds a "Run 'docker run --help'" line.
ERR_REFERENCE_INVALID_FORMAT: Final = "invalid reference format"
ERR_NAME_CONTAINS_UPPERCASE: Final = "repository name must be lowercase"
ERR_NAME_EMPTY: Final = "repository name must have at least one component"
ERR_NAME_TOO_LONG: Final = (
    f"repository name must not be more than {REPOSITORY_NAME_TOTAL_LENGTH_MAX} characters"
)
ERR_DIGEST_INVALID_FORMAT: Final = "invalid checksum digest format"
ERR_DIGEST_INVALID_LENGTH: Final = "invalid checksum digest length"
ERR_DIGEST_UNSUPPORTED: Final = "unsupported digest algorithm"

# The grammar of distribution/reference regexp.go. Go's RE2 `\w` and `[[:xdigit:]]` are ASCII
# classes, spelled out here; patterns are applied with fullmatch (Go anchors with ^…$).
_ALNUM = r"[a-z0-9]+"
_SEPARATOR = r"(?:[._]|__|[-]+)"
_DOMAIN_COMPONENT = r"(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
_OPTIONAL_PORT = r"(?::[0-9]+)?"
_TAG = r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}"
_DIGEST = r"[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9A-Fa-f]{32,}"
_IPV6 = r"\[(?:[a-fA-F0-9:]+)\]"
_DOMAIN_NAME = _DOMAIN_COMPONENT + r"(?:\." + _DOMAIN_COMPONENT + r")*"
_HOST = r"(?:" + _DOMAIN_NAME + r"|" + _IPV6 + r")"
_DOMAIN_AND_PORT = _HOST + _OPTIONAL_PORT
_PATH_COMPONENT = _ALNUM + r"(?:" + _SEPARATOR + _ALNUM + r")*"
_REMOTE_NAME = _PATH_COMPONENT + r"(?:/" + _PATH_COMPONENT + r")*"
_NAME = r"(?:" + _DOMAIN_AND_PORT + r"/)?" + _REMOTE_NAME

_REFERENCE_RE: Final = re.compile(
    r"(" + _NAME + r")(?::(" + _TAG + r"))?(?:@(" + _DIGEST + r"))?"
)
_ANCHORED_NAME_RE: Final = re.compile(r"(?:(" + _DOMAIN_AND_PORT + r")/)?(" + _REMOTE_NAME + r")")
_IDENTIFIER_RE: Final = re.compile(r"[a-f0-9]{64}")
# go-digest: DigestRegexpAnchored, and the hex length of each registered algorithm.
_GO_DIGEST_RE: Final = re.compile(r"[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+")
_DIGEST_HEX_LEN: Final[Mapping[str, int]] = MappingProxyType(
    {"sha256": 64, "sha384": 96, "sha512": 128}
)
_LOWER_HEX_RE: Final = re.compile(r"[a-f0-9]+")


class ImageRef(BaseModel, frozen=True):
    """A parsed, normalized image reference (``ParseNormalizedNamed``).

    ``tag`` follows Docker's ``TagNameOnly`` rule: ``"latest"`` when the user gave neither a tag
    nor a digest; ``""`` for a digest-only reference (Docker pulls by digest then, no tag is
    involved). ``tag_explicit`` says whether the user typed the tag.
    """

    registry: str  # "docker.io", "localhost:5000", "ghcr.io"
    repository: str  # "library/nginx", "docker/getting-started", "alicek106/stress"
    tag: str
    digest: str | None = None  # "sha256:…" when the reference pins one
    tag_explicit: bool = False

    @property
    def name(self) -> str:
        """Fully qualified name without tag or digest: ``docker.io/library/nginx``."""
        return f"{self.registry}/{self.repository}"

    @property
    def familiar_name(self) -> str:
        """The name as Docker's UI shows it: ``nginx``, ``alicek106/stress``, ``ghcr.io/o/x``."""
        if self.registry != DEFAULT_DOMAIN:
            return self.name
        path = self.repository
        if path.startswith(OFFICIAL_REPO_PREFIX):
            rest = path[len(OFFICIAL_REPO_PREFIX) :]
            if "/" not in rest:
                return rest
        return path

    @property
    def familiar(self) -> str:
        """What ``docker ps`` prints in its IMAGE column for a container created from this.

        The reference as typed, familiarized: digest stripped, tag kept only when the user gave
        one (``nginx`` → ``nginx``; ``nginx:latest`` → ``nginx:latest``;
        ``docker.io/library/nginx:1.29@sha256:…`` → ``nginx:1.29``).
        """
        if self.tag_explicit:
            return f"{self.familiar_name}:{self.tag}"
        return self.familiar_name

    @property
    def familiar_tagged(self) -> str:
        """Familiar form with the implied tag: ``nginx:latest``, ``nginx@sha256:…``."""
        out = self.familiar_name
        if self.tag:
            out += f":{self.tag}"
        if self.digest:
            out += f"@{self.digest}"
        return out

    @property
    def canonical(self) -> str:
        """``ParseDockerRef``: ``docker.io/library/nginx:latest``; digested refs lose the tag."""
        if self.digest:
            return f"{self.name}@{self.digest}"
        return f"{self.name}:{self.tag}"


def _split_docker_domain(name: str) -> tuple[str, str]:
    """distribution/reference ``splitDockerDomain``."""
    maybe_domain, sep, maybe_remote = name.partition("/")
    if not sep:
        return DEFAULT_DOMAIN, OFFICIAL_REPO_PREFIX + name
    if maybe_domain == "localhost":
        domain, remote = maybe_domain, maybe_remote
    elif maybe_domain == LEGACY_DEFAULT_DOMAIN:
        domain, remote = DEFAULT_DOMAIN, maybe_remote
    elif "." in maybe_domain or ":" in maybe_domain:
        domain, remote = maybe_domain, maybe_remote
    elif maybe_domain.lower() != maybe_domain:
        # uppercase namespaces are not allowed, so an uppercase first element is a domain
        domain, remote = maybe_domain, maybe_remote
    else:
        domain, remote = DEFAULT_DOMAIN, name
    if domain == DEFAULT_DOMAIN and "/" not in remote:
        remote = OFFICIAL_REPO_PREFIX + remote
    return domain, remote


def _validate_digest(value: str) -> None:
    """opencontainers/go-digest ``Digest.Validate`` (sha256, sha384, sha512 registered)."""
    algorithm, sep, encoded = value.partition(":")
    if not algorithm or not sep or not encoded:
        raise ValueError(ERR_DIGEST_INVALID_FORMAT)
    size = _DIGEST_HEX_LEN.get(algorithm)
    if size is None:
        if not _GO_DIGEST_RE.fullmatch(value):
            raise ValueError(ERR_DIGEST_INVALID_FORMAT)
        raise ValueError(ERR_DIGEST_UNSUPPORTED)
    if len(encoded) != size:
        raise ValueError(ERR_DIGEST_INVALID_LENGTH)
    if not _LOWER_HEX_RE.fullmatch(encoded):
        raise ValueError(ERR_DIGEST_INVALID_FORMAT)


def parse_image_ref(text: str) -> ImageRef:
    """Parse an image name the way ``docker run``/``docker pull`` do, or raise ``ValueError``.

    The ``ValueError`` carries Docker's own text, e.g. ``invalid reference format``,
    ``invalid reference format: repository name (library/Nginx) must be lowercase``,
    ``invalid checksum digest length``. A bare 64-hex string is an image *ID*, not a name
    (``docker run`` accepts it through ``ParseAnyReference``); as a name it is refused with
    ``invalid repository name (…), cannot specify 64-byte hexadecimal strings``.
    """
    if _IDENTIFIER_RE.fullmatch(text):
        raise ValueError(
            f"invalid repository name ({text}), cannot specify 64-byte hexadecimal strings"
        )
    domain, remainder = _split_docker_domain(text)
    remote = remainder.split(":", 1)[0]
    if remote.lower() != remote:
        raise ValueError(uppercase_error(remote))
    return _parse(f"{domain}/{remainder}")


def uppercase_error(remote: str, *, named: bool = True) -> str:
    """ParseNormalizedNamed's refusal of a repository with capitals; ``named`` false: the
    older vendored docker/distribution's words, without the name (EngineProfile.
    reference_error_names_repository).

    >>> uppercase_error("library/Alpine")
    'invalid reference format: repository name (library/Alpine) must be lowercase'
    >>> uppercase_error("x/A", named=False)
    'invalid reference format: repository name must be lowercase'
    """
    if not named:
        return f"{ERR_REFERENCE_INVALID_FORMAT}: {ERR_NAME_CONTAINS_UPPERCASE}"
    return f"{ERR_REFERENCE_INVALID_FORMAT}: repository name ({remote}) must be lowercase"


def uppercase_repository(text: str) -> str | None:
    """The repository path of an image name that ParseNormalizedNamed refuses for capitals
    (``library/Alpine`` for ``Alpine``), else None."""
    if _IDENTIFIER_RE.fullmatch(text):
        return None
    remote = _split_docker_domain(text)[1].split(":", 1)[0]
    return remote if remote.lower() != remote else None


def _parse(s: str) -> ImageRef:
    """distribution/reference ``Parse`` on an already domain-qualified string."""
    if not s:
        raise ValueError(ERR_NAME_EMPTY)
    m = _REFERENCE_RE.fullmatch(s)
    if m is None:
        low = s.lower()
        if low != s and _REFERENCE_RE.fullmatch(low):
            raise ValueError(ERR_NAME_CONTAINS_UPPERCASE)
        raise ValueError(ERR_REFERENCE_INVALID_FORMAT)
    name, tag, digest = m.group(1), m.group(2), m.group(3)
    nm = _ANCHORED_NAME_RE.fullmatch(name)
    assert nm is not None  # the reference grammar embeds the name grammar
    domain, path = nm.group(1) or "", nm.group(2)
    if len(path) > REPOSITORY_NAME_TOTAL_LENGTH_MAX:
        raise ValueError(ERR_NAME_TOO_LONG)
    if digest:
        _validate_digest(digest)
    return ImageRef(
        registry=domain,
        repository=path,
        tag=tag if tag else ("" if digest else DEFAULT_TAG),
        digest=digest or None,
        tag_explicit=bool(tag),
    )


# ============================================================================================
# What an image holds
# ============================================================================================

Runs = Literal["server", "shell", "exits"]
Libc = Literal["musl", "glibc"]
ToolImpl = Literal[
    "busybox",  # a busybox applet
    "iputils",  # iputils ping
    "gnu",  # GNU coreutils (cat)
    "inetutils",  # GNU inetutils (ping, hostname …)
    "bind",  # ISC BIND tools (dig, nslookup, host: bind9-dnsutils / bind-tools / bind-utils)
    "curl",  # curl
    "wget",  # GNU wget
    "netcat-openbsd",  # OpenBSD netcat
    "iproute2",  # iproute2 ip
    "net-tools",  # net-tools ifconfig, route, netstat
    "net-tools-1.60",  # the old net-tools (Ubuntu 14.04): ifconfig in the "inet addr:" layout
    "glibc",  # glibc getent (libc-bin / glibc-common)
    "musl",  # musl getent (Alpine musl-utils)
    "hostname",  # the standalone hostname package (Debian's, also used by Ubuntu and CentOS)
]

TOOL_NAMES: Final = (
    "ping",
    "curl",
    "wget",
    "nc",
    "dig",
    "nslookup",
    "host",
    "getent",
    "ip",
    "ifconfig",
    "hostname",
    "route",
    "netstat",
    "cat",
)

_PORT_RE: Final = re.compile(r"([1-9][0-9]{0,4})/(tcp|udp|sctp)")


def _port_key(spec: str) -> tuple[int, str]:
    number, _, proto = spec.partition("/")
    return int(number), proto


def _check_ports(value: tuple[str, ...]) -> tuple[str, ...]:
    for spec in value:
        m = _PORT_RE.fullmatch(spec)
        if m is None or int(m.group(1)) > 65535:
            raise ValueError(f"port must look like '80/tcp', got {spec!r}")
    if list(value) != sorted(set(value), key=_port_key):
        raise ValueError("ports must be unique and sorted by (number, proto)")
    return value


def _ports(*specs: str) -> tuple[str, ...]:
    return tuple(sorted(set(specs), key=_port_key))


class EnvRequirement(BaseModel, frozen=True, extra="forbid"):
    """An entrypoint refusing to start the server without some environment.

    ``any_of`` entries are ``"NAME"`` (set to a non-empty value) or ``"NAME=value"`` (exactly
    that value); one satisfied entry is enough. The check only happens when the command the
    entrypoint sees is one of ``applies_to`` (the server; ``docker run mysql mysql -h db`` runs a
    client and is not checked) and, in reality, only on an empty data directory, which is what a
    fresh container has.
    """

    any_of: tuple[str, ...]
    applies_to: tuple[str, ...]
    message: str  # first line of the entrypoint's error
    exit_code: int = 1

    def satisfied_by(self, env: Mapping[str, str]) -> bool:
        for entry in self.any_of:
            key, sep, want = entry.partition("=")
            got = env.get(key)
            if sep and got == want:
                return True
            if not sep and got:
                return True
        return False


#: a header value that stands for the time the response is sent (``Date:``): the probes print
#: the simulated clock there
HTTP_DATE: Final = "<date>"


class HttpResponse(BaseModel, frozen=True, extra="forbid"):
    """One HTTP response as a server sends it: the status line, the headers in the server's
    order (:data:`HTTP_DATE` for the time of the response) and, for a GET, the body."""

    status: str  # "HTTP/1.1 200 OK"
    headers: tuple[tuple[str, str], ...]
    body: str = ""

    @property
    def version(self) -> str:
        return self.status.split(" ", 1)[0]

    @property
    def code(self) -> int:
        return int(self.status.split(" ")[1])

    def header(self, name: str) -> str | None:
        return next((v for k, v in self.headers if k.lower() == name.lower()), None)

    @property
    def closes(self) -> bool:
        """The server closes the connection after this response (HTTP/1.0, Connection: close)."""
        return self.version == "HTTP/1.0" or (self.header("Connection") or "").lower() == "close"


class WebSite(BaseModel, frozen=True, extra="forbid"):
    """What a web server answers on its port: ``index`` for the paths in ``index_paths``,
    ``not_found`` for any other (None: every path gets ``index``); a HEAD gets the same status
    and headers without the body unless ``head`` says otherwise. ``httpd_home``: the directory
    a BusyBox ``httpd`` serves it from (a hand-started ``httpd -f -p PORT -h DIR`` of that
    directory serves the same pages on its own port)."""

    port: int = 80
    index: HttpResponse
    index_paths: tuple[str, ...] = ("/", "/index.html")
    not_found: HttpResponse | None = None
    head: HttpResponse | None = None
    httpd_home: str | None = None
    sources: tuple[str, ...] = ()

    def response(self, method: Literal["GET", "HEAD"], path: str) -> HttpResponse:
        """The response to ``METHOD path`` (a query string or fragment does not matter)."""
        path = path.split("#", 1)[0].split("?", 1)[0] or "/"
        if method == "HEAD" and self.head is not None:
            return self.head
        found = self.index if self.not_found is None or path in self.index_paths \
            else self.not_found
        return found if method == "GET" else found.model_copy(update={"body": ""})


class ImageInfo(BaseModel, frozen=True, extra="forbid"):
    """Facts about one image (one tag family)."""

    exposed: tuple[str, ...]  # EXPOSE, "80/tcp", sorted by (number, proto)
    listening: tuple[str, ...]  # what a fresh container with the default command listens on
    entrypoint: tuple[str, ...]
    cmd: tuple[str, ...]
    runs: Runs  # server: stays up; shell: stays up only with -i or -t; exits: runs and ends
    libc: Libc
    tools: Mapping[str, ToolImpl]  # only tools really in the image; keys from TOOL_NAMES
    required_env: tuple[EnvRequirement, ...] = ()
    exit_code: int | None = None  # for runs == "exits": the default command's exit status
    user: str = "root"
    # The first line of every BusyBox usage text (``bb_show_usage``): version and build
    # banner. Real images: netsim's text for Alpine 3.22's 1.37 (the build date left out).
    busybox_banner: str = "BusyBox v1.37.0 multi-call binary."
    # BusyBox nc built with NC_110_COMPAT/NC_EXTRA (Alpine's busyboxconfig, defconfig): -z,
    # -v, -u … exist; without them the small nc.c knows only -i -w -l -p -f -e.
    busybox_nc_extra: bool = True
    # /etc/services exists (netbase, alpine-baselayout-data): OpenBSD nc prints
    # ``[tcp/http]``, else ``[tcp/*]`` (getservbyport finds nothing). None: Alpine-based
    # (musl) images have it, glibc ones (Debian's minbase images, no netbase) do not.
    etc_services: bool | None = None
    # ENTRYPOINT is a wrapper script that ends in `exec "$@"`: the command is the CMD (or the
    # user's command) itself, not arguments to a program.
    entrypoint_execs_args: bool = False
    # What that wrapper puts in front of a first argument that starts with "-":
    # `docker run redis --port 7000` runs `redis-server --port 7000`. The wrapper also adds it
    # when the first argument ends in one of `prefix_suffixes` (redis: a .conf file), is one of
    # `prefix_subcommands` (registry: serve, garbage-collect …) or, with
    # `prefix_unless_command`, is not a command at all (curlimages/curl: a URL).
    option_prefix: tuple[str, ...] = ()
    prefix_suffixes: tuple[str, ...] = ()
    prefix_subcommands: tuple[str, ...] = ()
    prefix_unless_command: bool = False
    base: str = ""  # base image the facts were derived from (informational)
    sources: tuple[str, ...] = ()
    #: the image config's ``Env`` (Dockerfile ``ENV``), when netsim knows it all (the lab's
    #: stand-ins); None: not known
    env: tuple[str, ...] | None = None
    #: the image config's ``StopSignal`` (Dockerfile ``STOPSIGNAL``); "": none known (the real
    #: images' signals read from their Dockerfiles are in netsim.render.inspect)
    stop_signal: str = ""
    #: what the image's own web server answers (None: not known, or not a web server)
    web: WebSite | None = None
    #: every program in the image's PATH directories, by directory (``/usr/bin`` → names), when
    #: netsim knows them all (the lab's stand-ins); None: not known, so a program netsim has no
    #: probe for is "not simulated" rather than missing (:func:`exec_failure`)
    programs: Mapping[str, frozenset[str]] | None = None
    #: the user and group names of its /etc/passwd and /etc/group, when netsim knows them
    #: (``-u NAME[:GROUP]`` of another name fails: :func:`user_failure`)
    users: frozenset[str] | None = None
    groups: frozenset[str] | None = None

    @field_validator("exposed", "listening")
    @classmethod
    def _ports_valid(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return _check_ports(value)

    @field_validator("tools")
    @classmethod
    def _tools_known(cls, value: Mapping[str, ToolImpl]) -> Mapping[str, ToolImpl]:
        unknown = sorted(set(value) - set(TOOL_NAMES))
        if unknown:
            raise ValueError(f"unknown tool names: {unknown}")
        return value


class TagRule(BaseModel, frozen=True, extra="forbid"):
    """``info`` applies to tags matching any of ``patterns`` (shell-style, case-sensitive).

    ``info=None`` marks tag families known to differ and not catalogued (Windows images, UBI …).
    """

    patterns: tuple[str, ...]
    info: ImageInfo | None


class CatalogEntry(BaseModel, frozen=True, extra="forbid"):
    """Per-repository rules; the first rule whose pattern matches the tag wins."""

    rules: tuple[TagRule, ...]

    def for_tag(self, tag: str) -> ImageInfo | None:
        for rule in self.rules:
            if any(fnmatchcase(tag, p) for p in rule.patterns):
                return rule.info
        return None


# --------------------------------------------------------------------------------------------
# Tool sets (sources in the comments; "only what is really in the image")

# Alpine's busybox: CONFIG_PING, _WGET, _NC, _NSLOOKUP, _IP, _IFCONFIG, _HOSTNAME, _ROUTE,
# _NETSTAT all =y in aports main/busybox/busyboxconfig. docker-library/busybox builds
# `make defconfig`, which enables the same applets (busybox Dockerfile.builder).
_BUSYBOX: Final[Mapping[str, ToolImpl]] = MappingProxyType(
    {
        "ping": "busybox",
        "wget": "busybox",
        "nc": "busybox",
        "nslookup": "busybox",
        "ip": "busybox",
        "ifconfig": "busybox",
        "hostname": "busybox",
        "route": "busybox",
        "netstat": "busybox",
        "cat": "busybox",
    }
)
# Alpine minirootfs = busybox + musl-utils (getent) + ssl_client … (repo-info alpine/local/3.22.md)
_ALPINE: Final[Mapping[str, ToolImpl]] = MappingProxyType({**_BUSYBOX, "getent": "musl"})
_ALPINE_CURL: Final[Mapping[str, ToolImpl]] = MappingProxyType({**_ALPINE, "curl": "curl"})
# debian:trixie(-slim): hostname 3.25, libc-bin, coreutils; no iputils, iproute2, net-tools,
# netcat, curl, wget (repo-info debian/local/13.md). ubuntu:24.04 likewise: hostname
# 3.23+nmu2ubuntu2, libc-bin, coreutils, nothing in i*/n* for iputils/iproute2 (repo-info
# ubuntu/local/noble.md).
_DEBIANISH: Final[Mapping[str, ToolImpl]] = MappingProxyType(
    {"hostname": "hostname", "getent": "glibc", "cat": "gnu"}
)
_DEBIANISH_CURL: Final[Mapping[str, ToolImpl]] = MappingProxyType(
    {**_DEBIANISH, "curl": "curl"}
)

_RI: Final = "https://github.com/docker-library/repo-info/blob/master/repos"
_GH: Final = "https://github.com"
_SRC_DEBIAN13: Final = f"{_RI}/debian/local/13.md"
_SRC_NOBLE: Final = f"{_RI}/ubuntu/local/noble.md"
_SRC_ALPINE: Final = f"{_RI}/alpine/local/3.22.md"
_SRC_BUSYBOXCONFIG: Final = f"{_GH}/alpinelinux/aports/blob/master/main/busybox/busyboxconfig"

# --------------------------------------------------------------------------------------------
# What the web servers serve (GET / on their port; curl and wget print it)

# nginx 1.29.8 (docker-nginx mainline/debian/Dockerfile: ENV NGINX_VERSION 1.29.8; nginx.org's
# packages install the release's html/ = docs/html of the source): docs/html/index.html at tag
# release-1.29.8 (github.com/nginx/nginx), 896 bytes, byte for byte (two lines end in a space).
# 1.29.0-1.29.5 shipped the older 615-byte page; commit 717e707 (2026-02-20, in 1.29.6+)
# "Updating welcome page with links and more details".
_NGINX_VERSION: Final = "1.29.8"
_NGINX_INDEX: Final = (
    "<!DOCTYPE html>\n"
    "<html>\n"
    "<head>\n"
    "<title>Welcome to nginx!</title>\n"
    "<style>\n"
    "html { color-scheme: light dark; }\n"
    "body { width: 35em; margin: 0 auto;\n"
    "font-family: Tahoma, Verdana, Arial, sans-serif; }\n"
    "</style>\n"
    "</head>\n"
    "<body>\n"
    "<h1>Welcome to nginx!</h1>\n"
    "<p>If you see this page, nginx is successfully installed and working.\n"
    "Further configuration is required for the web server, reverse proxy, \n"
    "API gateway, load balancer, content cache, or other features.</p>\n"
    "\n"
    "<p>For online documentation and support please refer to\n"
    '<a href="https://nginx.org/">nginx.org</a>.<br/>\n'
    "To engage with the community please visit\n"
    '<a href="https://community.nginx.org/">community.nginx.org</a>.<br/>\n'
    "For enterprise grade support, professional services, additional \n"
    "security features and capabilities please refer to\n"
    '<a href="https://f5.com/nginx">f5.com/nginx</a>.</p>\n'
    "\n"
    "<p><em>Thank you for using nginx.</em></p>\n"
    "</body>\n"
    "</html>\n"
)
# src/http/ngx_http_special_response.c: ngx_http_error_404_page + ngx_http_error_full_tail
# (server_tokens on), CRLF line ends
_NGINX_404: Final = (
    "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n"
    "<center><h1>404 Not Found</h1></center>\r\n"
    f"<hr><center>nginx/{_NGINX_VERSION}</center>\r\n</body>\r\n</html>\r\n"
)
# Headers in ngx_http_header_filter_module.c's order (Server, Date, Content-Type,
# Content-Length, Last-Modified, Connection; then ETag and Accept-Ranges from the static and
# range modules). Last-Modified/ETag are the file's mtime in the package, which follows the
# release tag (1.25.3: tag 13:46:46, file 13:46:47): approximated by the tag's commit time,
# 2026-04-07 11:37:12 UTC (0x69d4ec68); ETag is "%xT-%xO" (mtime-size).
_NGINX_WEB: Final = WebSite(
    index=HttpResponse(status="HTTP/1.1 200 OK", headers=(
        ("Server", f"nginx/{_NGINX_VERSION}"), ("Date", HTTP_DATE),
        ("Content-Type", "text/html"), ("Content-Length", str(len(_NGINX_INDEX))),
        ("Last-Modified", "Tue, 07 Apr 2026 11:37:12 GMT"), ("Connection", "keep-alive"),
        ("ETag", f'"69d4ec68-{len(_NGINX_INDEX):x}"'), ("Accept-Ranges", "bytes")),
        body=_NGINX_INDEX),
    not_found=HttpResponse(status="HTTP/1.1 404 Not Found", headers=(
        ("Server", f"nginx/{_NGINX_VERSION}"), ("Date", HTTP_DATE),
        ("Content-Type", "text/html"), ("Content-Length", str(len(_NGINX_404))),
        ("Connection", "keep-alive")), body=_NGINX_404),
    sources=(f"https://github.com/nginx/nginx/blob/release-{_NGINX_VERSION}/docs/html/index.html",
             "https://github.com/nginx/nginx/blob/release-1.29.8/src/http/"
             "ngx_http_special_response.c",
             "https://github.com/nginx/nginx/blob/release-1.29.8/src/http/"
             "ngx_http_header_filter_module.c"),
)

# httpd 2.4.68 (docker-library/httpd 2.4/Dockerfile: ENV HTTPD_VERSION 2.4.68, built from the
# release tarball, htdocs untouched): docs/docroot/index.html of the 2.4.x branch, unchanged
# since commit d92f319 (2007-06-11 18:53:14 UTC, which is also its mtime in the tarball: the
# well-known Last-Modified, and ETag "%x-%x" of size and mtime in microseconds).
_HTTPD_VERSION: Final = "2.4.68"
_HTTPD_INDEX: Final = "<html><body><h1>It works!</h1></body></html>\n"
# modules/http/http_protocol.c ap_send_error_response: DOCTYPE_HTML_2_0, the title, the canned
# text of get_canned_error_string(404); ServerSignature is Off by default (no <hr> line)
_HTTPD_404: Final = (
    '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n'
    "<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n"
    "<p>The requested URL was not found on this server.</p>\n</body></html>\n"
)
_HTTPD_WEB: Final = WebSite(
    index=HttpResponse(status="HTTP/1.1 200 OK", headers=(
        ("Date", HTTP_DATE), ("Server", f"Apache/{_HTTPD_VERSION} (Unix)"),
        ("Last-Modified", "Mon, 11 Jun 2007 18:53:14 GMT"), ("ETag", '"2d-432a5e4a73a80"'),
        ("Accept-Ranges", "bytes"), ("Content-Length", str(len(_HTTPD_INDEX))),
        ("Content-Type", "text/html")), body=_HTTPD_INDEX),
    not_found=HttpResponse(status="HTTP/1.1 404 Not Found", headers=(
        ("Date", HTTP_DATE), ("Server", f"Apache/{_HTTPD_VERSION} (Unix)"),
        ("Content-Length", str(len(_HTTPD_404))),
        ("Content-Type", "text/html; charset=iso-8859-1")), body=_HTTPD_404),
    sources=("https://github.com/docker-library/httpd/blob/master/2.4/Dockerfile",
             "https://github.com/apache/httpd/blob/2.4.x/docs/docroot/index.html",
             "https://github.com/apache/httpd/blob/2.4.x/modules/http/http_protocol.c"),
)

# The conformance lab's nginx stand-in: BusyBox 1.38 httpd serving
# conformance/lab/images/nginx-index.html (183 bytes). Everything here was measured on the lab
# (Docker Engine 28.5.2, 2026-12-04: curl -si, curl -I, wget -S): BusyBox httpd answers
# HTTP/1.1 and closes; Last-Modified and ETag ("%llx-%llx" of mtime and size) are the page's
# mtime, i.e. when the lab's images were built (they change when the lab is reinstalled); a
# missing path gets BusyBox's 404 page without Content-Length.
_LAB_NGINX_INDEX: Final = (
    "<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n</head>\n<body>\n"
    "<h1>Welcome to nginx!</h1>\n"
    "<p>netsim-lab stand-in: this is BusyBox httpd, not nginx.</p>\n</body>\n</html>\n"
)
_BUSYBOX_HTTPD_404: Final = (
    "<HTML><HEAD><TITLE>404 Not Found</TITLE></HEAD>\n<BODY><H1>404 Not Found</H1>\n"
    "The requested URL was not found\n</BODY></HTML>\n"
)
_LAB_NGINX_WEB: Final = WebSite(
    index=HttpResponse(status="HTTP/1.1 200 OK", headers=(
        ("Date", HTTP_DATE), ("Connection", "close"), ("Content-type", "text/html"),
        ("Accept-Ranges", "bytes"), ("Last-Modified", "Fri, 04 Dec 2026 12:26:47 GMT"),
        ("ETag", f'"6b12b187-{len(_LAB_NGINX_INDEX):x}"'),
        ("Content-Length", str(len(_LAB_NGINX_INDEX)))), body=_LAB_NGINX_INDEX),
    not_found=HttpResponse(status="HTTP/1.1 404 Not Found", headers=(
        ("Date", HTTP_DATE), ("Connection", "close"), ("Content-type", "text/html")),
        body=_BUSYBOX_HTTPD_404),
    httpd_home="/usr/share/nginx/html",
    sources=("conformance/lab/images/nginx-index.html",
             "conformance/recorded/28.5/31-probes-wget-curl.json"),
)

# --------------------------------------------------------------------------------------------
# Servers

# nginx: mainline/debian/Dockerfile: FROM debian:trixie-slim, final apt-get install keeps
# gettext-base and curl; ENTRYPOINT /docker-entrypoint.sh (ends in exec "$@"), EXPOSE 80,
# CMD nginx -g "daemon off;". default.conf listens on 80 (and [::]:80 via
# 10-listen-on-ipv6-by-default.sh).
_NGINX_SRC = f"{_GH}/nginx/docker-nginx/blob/master/mainline/debian/Dockerfile"
_NGINX = ImageInfo(
    exposed=_ports("80/tcp"),
    listening=_ports("80/tcp"),
    entrypoint=("/docker-entrypoint.sh",),
    cmd=("nginx", "-g", "daemon off;"),
    runs="server",
    libc="glibc",
    tools=_DEBIANISH_CURL,
    entrypoint_execs_args=True,
    base="debian:trixie-slim",
    sources=(_NGINX_SRC, _SRC_DEBIAN13),
    web=_NGINX_WEB,
)
# nginx:alpine: FROM nginx:*-alpine-slim, then `apk add --no-cache curl ca-certificates`
# ("Bring in curl and ca-certificates …"); alpine-slim has no curl.
_NGINX_ALPINE_SRC = f"{_GH}/nginx/docker-nginx/blob/master/mainline/alpine/Dockerfile"
_NGINX_ALPINE = _NGINX.model_copy(
    update={
        "libc": "musl",
        "tools": _ALPINE_CURL,
        "base": "alpine",
        "sources": (_NGINX_ALPINE_SRC, _SRC_ALPINE, _SRC_BUSYBOXCONFIG),
    }
)
_NGINX_ALPINE_SLIM = _NGINX_ALPINE.model_copy(
    update={
        "tools": _ALPINE,
        "sources": (f"{_GH}/nginx/docker-nginx/blob/master/mainline/alpine-slim/Dockerfile",),
    }
)

# httpd: 2.4/Dockerfile: FROM debian:trixie-slim; wget/curl only as purged build deps;
# STOPSIGNAL SIGWINCH, EXPOSE 80, CMD httpd-foreground (exec httpd -DFOREGROUND).
_HTTPD = ImageInfo(
    exposed=_ports("80/tcp"),
    listening=_ports("80/tcp"),
    entrypoint=(),
    cmd=("httpd-foreground",),
    runs="server",
    libc="glibc",
    tools=_DEBIANISH,
    base="debian:trixie-slim",
    sources=(f"{_GH}/docker-library/httpd/blob/master/2.4/Dockerfile", _SRC_DEBIAN13),
    web=_HTTPD_WEB,
)
_HTTPD_ALPINE = _HTTPD.model_copy(
    update={
        "libc": "musl",
        "tools": _ALPINE,
        "base": "alpine",
        "sources": (f"{_GH}/docker-library/httpd/blob/master/2.4/alpine/Dockerfile",),
    }
)

# mysql: 8.4/Dockerfile.oracle (same for 9.x/innovation): FROM oraclelinux:9-slim,
# ENTRYPOINT docker-entrypoint.sh, EXPOSE 3306 33060, CMD mysqld. X Plugin (33060) is on by
# default since MySQL 8.0. Packages (repo-info mysql/local/8.4.md): curl 7.76.1,
# coreutils-single, glibc-common; no hostname, iputils, iproute. docker-entrypoint.sh:
# `if [ "${1:0:1}" = '-' ]; then set -- mysqld "$@"`; docker_verify_minimum_env exits 1 with
# "Database is uninitialized and password option is not specified" unless one of
# MYSQL_ROOT_PASSWORD, MYSQL_ALLOW_EMPTY_PASSWORD, MYSQL_RANDOM_ROOT_PASSWORD is set.
_MYSQL_ENV = EnvRequirement(
    any_of=("MYSQL_ROOT_PASSWORD", "MYSQL_ALLOW_EMPTY_PASSWORD", "MYSQL_RANDOM_ROOT_PASSWORD"),
    applies_to=("mysqld",),
    message="Database is uninitialized and password option is not specified",
)
_MYSQL = ImageInfo(
    exposed=_ports("3306/tcp", "33060/tcp"),
    listening=_ports("3306/tcp", "33060/tcp"),
    entrypoint=("docker-entrypoint.sh",),
    cmd=("mysqld",),
    runs="server",
    libc="glibc",
    tools=MappingProxyType({"curl": "curl", "getent": "glibc", "cat": "gnu"}),
    required_env=(_MYSQL_ENV,),
    entrypoint_execs_args=True,
    option_prefix=("mysqld",),
    base="oraclelinux:9-slim",
    sources=(
        f"{_GH}/docker-library/mysql/blob/master/8.4/Dockerfile.oracle",
        f"{_GH}/docker-library/mysql/blob/master/8.4/docker-entrypoint.sh",
        f"{_RI}/mysql/local/8.4.md",
    ),
)
# mysql:5.7 (removed from docker-library/mysql in 3e959c2, 2023-12): FROM oraclelinux:7-slim,
# same ENTRYPOINT/CMD and EXPOSE 3306 33060, but 5.7 does not load the X Plugin by default, so
# only 3306 listens. Tools: only coreutils/glibc verified.
_MYSQL57 = _MYSQL.model_copy(
    update={
        "listening": _ports("3306/tcp"),
        "tools": MappingProxyType({"getent": "glibc", "cat": "gnu"}),
        "base": "oraclelinux:7-slim",
        "sources": (f"{_GH}/docker-library/mysql/blob/3e959c2^/5.7/Dockerfile.oracle",),
    }
)

# mariadb: 12.3/Dockerfile: FROM ubuntu:noble (wget purged after fetching gosu),
# ENTRYPOINT docker-entrypoint.sh, EXPOSE 3306, CMD mariadbd. Entrypoint: "-…" → mariadbd;
# docker_verify_minimum_env exits 1 unless MARIADB_ROOT_PASSWORD(_HASH),
# MARIADB_ALLOW_EMPTY_ROOT_PASSWORD or MARIADB_RANDOM_ROOT_PASSWORD is set; the MYSQL_* names
# are copied to the MARIADB_* ones first (_mariadb_file_env and the ":=" lines).
_MARIADB = ImageInfo(
    exposed=_ports("3306/tcp"),
    listening=_ports("3306/tcp"),
    entrypoint=("docker-entrypoint.sh",),
    cmd=("mariadbd",),
    runs="server",
    libc="glibc",
    tools=_DEBIANISH,
    required_env=(
        EnvRequirement(
            any_of=(
                "MARIADB_ROOT_PASSWORD",
                "MYSQL_ROOT_PASSWORD",
                "MARIADB_ROOT_PASSWORD_HASH",
                "MARIADB_ALLOW_EMPTY_ROOT_PASSWORD",
                "MYSQL_ALLOW_EMPTY_PASSWORD",
                "MARIADB_RANDOM_ROOT_PASSWORD",
                "MYSQL_RANDOM_ROOT_PASSWORD",
            ),
            applies_to=("mariadbd", "mysqld"),
            message="Database is uninitialized and password option is not specified",
        ),
    ),
    entrypoint_execs_args=True,
    option_prefix=("mariadbd",),
    base="ubuntu:noble",
    sources=(
        f"{_GH}/MariaDB/mariadb-docker/blob/master/12.3/Dockerfile",
        f"{_GH}/MariaDB/mariadb-docker/blob/master/12.3/docker-entrypoint.sh",
        _SRC_NOBLE,
    ),
)

# postgres: 18/trixie/Dockerfile: FROM debian:trixie-slim (wget purged), ENTRYPOINT
# docker-entrypoint.sh, STOPSIGNAL SIGINT, EXPOSE 5432, CMD postgres. Entrypoint: "-…" →
# postgres; exits 1 with "Error: Database is uninitialized and superuser password is not
# specified." unless POSTGRES_PASSWORD is non-empty or POSTGRES_HOST_AUTH_METHOD=trust.
_POSTGRES = ImageInfo(
    exposed=_ports("5432/tcp"),
    listening=_ports("5432/tcp"),
    entrypoint=("docker-entrypoint.sh",),
    cmd=("postgres",),
    runs="server",
    libc="glibc",
    tools=_DEBIANISH,
    required_env=(
        EnvRequirement(
            any_of=("POSTGRES_PASSWORD", "POSTGRES_HOST_AUTH_METHOD=trust"),
            applies_to=("postgres",),
            message="Error: Database is uninitialized and superuser password is not specified.",
        ),
    ),
    entrypoint_execs_args=True,
    option_prefix=("postgres",),
    base="debian:trixie-slim",
    sources=(
        f"{_GH}/docker-library/postgres/blob/master/18/trixie/Dockerfile",
        f"{_GH}/docker-library/postgres/blob/master/docker-entrypoint.sh",
        _SRC_DEBIAN13,
    ),
)
_POSTGRES_ALPINE = _POSTGRES.model_copy(
    update={
        "libc": "musl",
        "tools": _ALPINE,
        "base": "alpine",
        "sources": (f"{_GH}/docker-library/postgres/blob/master/18/alpine3.22/Dockerfile",),
    }
)

# redis (now built from redis/docker-library-redis): debian/Dockerfile: FROM debian:*-slim,
# runtime deps tzdata only, protected-mode patched off, ENTRYPOINT docker-entrypoint.sh,
# EXPOSE 6379, CMD redis-server. Entrypoint: "-…" or "*.conf" → redis-server.
_REDIS = ImageInfo(
    exposed=_ports("6379/tcp"),
    listening=_ports("6379/tcp"),
    entrypoint=("docker-entrypoint.sh",),
    cmd=("redis-server",),
    runs="server",
    libc="glibc",
    tools=_DEBIANISH,
    entrypoint_execs_args=True,
    option_prefix=("redis-server",),
    prefix_suffixes=(".conf",),
    base="debian:*-slim",
    sources=(
        f"{_GH}/redis/docker-library-redis/blob/release/8.0/debian/Dockerfile",
        f"{_GH}/redis/docker-library-redis/blob/release/8.0/debian/docker-entrypoint.sh",
        _SRC_DEBIAN13,
    ),
)
_REDIS_ALPINE = _REDIS.model_copy(
    update={
        "libc": "musl",
        "tools": _ALPINE,
        "base": "alpine",
        "sources": (f"{_GH}/redis/docker-library-redis/blob/release/8.0/alpine/Dockerfile",),
    }
)

# mongo: 8.2/Dockerfile: FROM ubuntu:noble (+ ca-certificates jq numactl procps),
# ENTRYPOINT docker-entrypoint.sh ("-…" → mongod; adds --bind_ip_all), EXPOSE 27017,
# CMD mongod.
_MONGO = ImageInfo(
    exposed=_ports("27017/tcp"),
    listening=_ports("27017/tcp"),
    entrypoint=("docker-entrypoint.sh",),
    cmd=("mongod",),
    runs="server",
    libc="glibc",
    tools=_DEBIANISH,
    entrypoint_execs_args=True,
    option_prefix=("mongod",),
    base="ubuntu:noble",
    sources=(
        f"{_GH}/docker-library/mongo/blob/master/8.2/Dockerfile",
        f"{_GH}/docker-library/mongo/blob/master/docker-entrypoint.sh",
        _SRC_NOBLE,
    ),
)

# wordpress: latest/php8.3/apache/Dockerfile: FROM php:8.3-apache, ENTRYPOINT
# docker-entrypoint.sh (ends in exec "$@"), CMD apache2-foreground. php:*-apache: FROM
# debian:trixie-slim, persistent deps keep curl, STOPSIGNAL SIGWINCH, EXPOSE 80.
_WORDPRESS = ImageInfo(
    exposed=_ports("80/tcp"),
    listening=_ports("80/tcp"),
    entrypoint=("docker-entrypoint.sh",),
    cmd=("apache2-foreground",),
    runs="server",
    libc="glibc",
    tools=_DEBIANISH_CURL,
    entrypoint_execs_args=True,
    base="php:8.3-apache (debian:trixie-slim)",
    sources=(
        f"{_GH}/docker-library/wordpress/blob/master/latest/php8.3/apache/Dockerfile",
        f"{_GH}/docker-library/php/blob/master/8.3/trixie/apache/Dockerfile",
    ),
)
# wordpress:*-fpm: FROM php:8.3-fpm: EXPOSE 9000, CMD php-fpm, `listen = 9000` (zz-docker.conf).
_WORDPRESS_FPM = _WORDPRESS.model_copy(
    update={
        "exposed": _ports("9000/tcp"),
        "listening": _ports("9000/tcp"),
        "cmd": ("php-fpm",),
        "base": "php:8.3-fpm (debian:trixie-slim)",
        "sources": (
            f"{_GH}/docker-library/wordpress/blob/master/latest/php8.3/fpm/Dockerfile",
            f"{_GH}/docker-library/php/blob/master/8.3/trixie/fpm/Dockerfile",
        ),
    }
)
# php:*-fpm-alpine: FROM alpine, `apk add … curl …`.
_WORDPRESS_FPM_ALPINE = _WORDPRESS_FPM.model_copy(
    update={
        "libc": "musl",
        "tools": _ALPINE_CURL,
        "base": "php:8.3-fpm-alpine",
        "sources": (f"{_GH}/docker-library/php/blob/master/8.3/alpine3.24/fpm/Dockerfile",),
    }
)

# registry (3.x = latest): distribution-library-image Dockerfile: FROM alpine:3.21 (+
# ca-certificates), EXPOSE 5000, ENTRYPOINT /entrypoint.sh, CMD /etc/distribution/config.yml.
# entrypoint.sh: "*.yml" → registry serve, "-…" → registry. config-example.yml: http.addr :5000
# and http.debug.addr :5001 (prometheus /metrics), so 5001 listens but is not exposed.
_REGISTRY = ImageInfo(
    exposed=_ports("5000/tcp"),
    listening=_ports("5000/tcp", "5001/tcp"),
    entrypoint=("/entrypoint.sh",),
    cmd=("/etc/distribution/config.yml",),
    runs="server",
    libc="musl",
    tools=_ALPINE,
    entrypoint_execs_args=True,
    option_prefix=("registry",),
    prefix_suffixes=(".yml", ".yaml"),
    prefix_subcommands=("serve", "garbage-collect", "help"),
    base="alpine:3.21",
    sources=(
        f"{_GH}/distribution/distribution-library-image/blob/master/Dockerfile",
        f"{_GH}/distribution/distribution-library-image/blob/master/config-example.yml",
        f"{_GH}/distribution/distribution-library-image/blob/master/entrypoint.sh",
    ),
)
# registry:2.x (2.7, 2.8 …): alpine 3.11 … 3.18, CMD /etc/docker/registry/config.yml,
# config-example.yml: http.addr :5000 only (no debug listener).
_REGISTRY2 = _REGISTRY.model_copy(
    update={
        "listening": _ports("5000/tcp"),
        "cmd": ("/etc/docker/registry/config.yml",),
        "base": "alpine:3.11-3.18",
        "sources": (
            f"{_GH}/distribution/distribution-library-image/blob/aa54086/Dockerfile",
            f"{_GH}/distribution/distribution-library-image/blob/aa54086/config-example.yml",
        ),
    }
)
# registry:2.6 (2.6.2, release/2.6 commit fc40f1f): FROM alpine:3.8, apk add ca-certificates
# apache2-utils (htpasswd), EXPOSE 5000, ENTRYPOINT /entrypoint.sh, CMD
# /etc/docker/registry/config.yml; config http.addr :5000.
_REGISTRY26 = _REGISTRY2.model_copy(
    update={
        "base": "alpine:3.8",
        "sources": (
            f"{_GH}/distribution/distribution-library-image/blob/fc40f1f/Dockerfile",
            f"{_GH}/distribution/distribution-library-image/blob/fc40f1f/docker-entrypoint.sh",
            f"{_GH}/docker-library/official-images/blob/ca5a5ec2cd^/library/registry",
        ),
    }
)

# traefik: v3.7/alpine/Dockerfile: FROM alpine (+ ca-certificates tzdata), EXPOSE 80,
# ENTRYPOINT /entrypoint.sh ("-…" → traefik; traefik subcommands → traefik …), CMD traefik.
# With no static configuration Traefik creates entry point "http" on ":80"
# (pkg/config/static/static_config.go SetEffectiveConfiguration); 8080 only with --api.insecure.
_TRAEFIK = ImageInfo(
    exposed=_ports("80/tcp"),
    listening=_ports("80/tcp"),
    entrypoint=("/entrypoint.sh",),
    cmd=("traefik",),
    runs="server",
    libc="musl",
    tools=_ALPINE,
    entrypoint_execs_args=True,
    option_prefix=("traefik",),
    prefix_subcommands=("version", "healthcheck"),
    base="alpine",
    sources=(
        f"{_GH}/traefik/traefik-library-image/blob/master/v3.7/alpine/Dockerfile",
        f"{_GH}/traefik/traefik-library-image/blob/master/v3.7/alpine/entrypoint.sh",
        f"{_GH}/traefik/traefik/blob/master/pkg/config/static/static_config.go",
    ),
)

# docker/getting-started: Dockerfile final stage `FROM nginx:alpine` + static site: so nginx's
# ENTRYPOINT/CMD/EXPOSE 80 and nginx:alpine's tools (busybox, curl). Its pages (the tutorial)
# are not catalogued.
_GETTING_STARTED = _NGINX_ALPINE.model_copy(
    update={
        "web": None,
        "base": "nginx:alpine",
        "sources": (f"{_GH}/docker/getting-started/blob/master/Dockerfile", _NGINX_ALPINE_SRC),
    }
)

# --------------------------------------------------------------------------------------------
# Base images and tools

# alpine: CMD ["/bin/sh"] (repo-info alpine/local/3.22.md); busybox + musl-utils.
_ALPINE_INFO = ImageInfo(
    exposed=(),
    listening=(),
    entrypoint=(),
    cmd=("/bin/sh",),
    runs="shell",
    libc="musl",
    tools=_ALPINE,
    base="alpine",
    sources=(_SRC_ALPINE, _SRC_BUSYBOXCONFIG),
)

# busybox: latest = the glibc variant (official-images library/busybox: "latest" →
# latest/glibc), image-config.json Cmd ["sh"]; built with `make defconfig`. No getent applet.
_BUSYBOX_INFO = ImageInfo(
    exposed=(),
    listening=(),
    entrypoint=(),
    cmd=("sh",),
    runs="shell",
    libc="glibc",
    tools=_BUSYBOX,
    base="scratch",
    sources=(
        f"{_GH}/docker-library/busybox/blob/master/latest/glibc/amd64/image-config.json",
        f"{_GH}/docker-library/busybox/blob/master/latest/glibc/Dockerfile.builder",
        f"{_GH}/docker-library/official-images/blob/master/library/busybox",
    ),
)
_BUSYBOX_MUSL = _BUSYBOX_INFO.model_copy(update={"libc": "musl"})

# ubuntu:24.04 (noble; "latest" until 26.04): CMD ["/bin/bash"]; hostname, libc-bin,
# coreutils; no iputils-ping, iproute2, net-tools, netcat, curl, wget (repo-info noble.md).
_UBUNTU = ImageInfo(
    exposed=(),
    listening=(),
    entrypoint=(),
    cmd=("/bin/bash",),
    runs="shell",
    libc="glibc",
    tools=_DEBIANISH,
    base="ubuntu-base 24.04",
    sources=(_SRC_NOBLE,),
)
# ubuntu:14.04 (trusty-20191217): CMD ["/bin/bash"]; dpkg list has iputils-ping, iproute2,
# net-tools, netcat-openbsd, hostname, libc-bin, coreutils; curl only as libcurl3-gnutls, no
# wget, no bind9 tools (repo-info ubuntu/local/trusty-20191217.md).
_UBUNTU_TRUSTY = _UBUNTU.model_copy(
    update={
        "tools": MappingProxyType(
            {
                "ping": "iputils",
                "nc": "netcat-openbsd",
                "getent": "glibc",
                "ip": "iproute2",
                "ifconfig": "net-tools-1.60",
                "hostname": "hostname",
                "route": "net-tools-1.60",
                "netstat": "net-tools-1.60",
                "cat": "gnu",
            }
        ),
        # netbase=5.2 is in the image (repo-info trusty-20191217.md): /etc/services exists
        "etc_services": True,
        "base": "ubuntu 14.04 cloud image",
        "sources": (f"{_RI}/ubuntu/local/trusty-20191217.md", f"{_RI}/ubuntu/remote/14.04.md"),
    }
)

# debian:13 (trixie = latest = stable): CMD ["bash"]; hostname, libc-bin, coreutils.
_DEBIAN = ImageInfo(
    exposed=(),
    listening=(),
    entrypoint=(),
    cmd=("bash",),
    runs="shell",
    libc="glibc",
    tools=_DEBIANISH,
    base="debuerreotype trixie",
    sources=(_SRC_DEBIAN13,),
)

# centos:7 (7.9.2009): CMD ["/bin/bash"]. The kickstart installs bind-utils, iputils and
# iproute but its %post `yum remove`s bind-libs (taking bind-utils) and iproute; the rpm list
# keeps iputils, curl 7.29, hostname, glibc-common, coreutils (repo-info centos/local/7.md).
_CENTOS7 = ImageInfo(
    exposed=(),
    listening=(),
    entrypoint=(),
    cmd=("/bin/bash",),
    runs="shell",
    libc="glibc",
    tools=MappingProxyType(
        {
            "ping": "iputils",
            "curl": "curl",
            "hostname": "hostname",
            "getent": "glibc",
            "cat": "gnu",
        }
    ),
    base="centos 7.9.2009",
    sources=(
        f"{_RI}/centos/local/7.md",
        f"{_GH}/CentOS/sig-cloud-instance-build/blob/master/docker/centos-7-x86_64.ks",
    ),
)

# nicolaka/netshoot: Dockerfile: FROM alpine, apk add … bind-tools curl iproute2 iputils
# netcat-openbsd busybox-extras … (no net-tools, no GNU wget, no coreutils), CMD ["zsh"].
_NETSHOOT = ImageInfo(
    exposed=(),
    listening=(),
    entrypoint=(),
    cmd=("zsh",),
    runs="shell",
    libc="musl",
    tools=MappingProxyType(
        {
            "ping": "iputils",
            "curl": "curl",
            "wget": "busybox",
            "nc": "netcat-openbsd",
            "dig": "bind",
            "nslookup": "bind",
            "host": "bind",
            "getent": "musl",
            "ip": "iproute2",
            "ifconfig": "busybox",
            "hostname": "busybox",
            "route": "busybox",
            "netstat": "busybox",
            "cat": "busybox",
        }
    ),
    base="alpine",
    sources=(f"{_GH}/nicolaka/netshoot/blob/master/Dockerfile",),
)

# curlimages/curl: create_base_image.sh (FROM alpine, builds curl), ENTRYPOINT
# ["/entrypoint.sh"], CMD curl; create_appliance_image.sh: USER curl_user. etc/entrypoint.sh:
# a first argument starting with "-" or not naming a command gets `curl` in front. Plain
# `docker run curlimages/curl` runs curl without a URL: usage hint, exit 2.
_CURL = ImageInfo(
    exposed=(),
    listening=(),
    entrypoint=("/entrypoint.sh",),
    cmd=("curl",),
    runs="exits",
    libc="musl",
    tools=_ALPINE_CURL,
    exit_code=2,
    user="curl_user",
    entrypoint_execs_args=True,
    option_prefix=("curl",),
    prefix_unless_command=True,
    base="alpine",
    sources=(
        f"{_GH}/curl/curl-container/blob/main/create_base_image.sh",
        f"{_GH}/curl/curl-container/blob/main/create_appliance_image.sh",
        f"{_GH}/curl/curl-container/blob/main/etc/entrypoint.sh",
    ),
)

# hello-world: amd64/Dockerfile: FROM scratch, COPY hello /, CMD ["/hello"]; hello is a static
# musl binary (Makefile: musl-gcc -static). Prints its greeting and exits 0. No tools at all.
_HELLO_WORLD = ImageInfo(
    exposed=(),
    listening=(),
    entrypoint=(),
    cmd=("/hello",),
    runs="exits",
    libc="musl",
    tools=MappingProxyType({}),
    exit_code=0,
    base="scratch",
    sources=(
        f"{_GH}/docker-library/hello-world/blob/master/amd64/Dockerfile",
        f"{_GH}/docker-library/hello-world/blob/master/Makefile",
    ),
)

# The conformance lab's stand-ins (conformance/lab/lab.sh build_rootfs; docs/conformance.md
# lists how they differ from the real images): one BusyBox 1.38 built statically with musl,
# applets in Alpine's places (netsim-lab/alpine, with no getent: musl-utils is not there), all
# hard-linked in /bin (netsim-lab/busybox); netsim-lab/nginx is the alpine stand-in running
# BusyBox httpd -f -p 80 on a "Welcome to nginx!" page, EXPOSE 80; netsim-lab/debian is
# debootstrap minbase trixie plus iputils-ping, bind9-dnsutils, curl, iproute2, netcat-openbsd,
# procps, iputils-tracepath, net-tools.
_LAB_SRC: Final = "conformance/lab/lab.sh"
# import_images: `docker import --change "ENV $PATHENV"` for all four
_LAB_ENV: Final = ("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",)
# BusyBox as measured in the lab (conformance/recorded, 30-probes-ping, 35-probes-hostname-files):
# Debian's "static" config, so the small nc (no NC_110_COMPAT/NC_EXTRA: `nc -z` is
# "unrecognized option"), and its own banner; /etc/services copied from Debian's netbase.
_LAB_BUSYBOX_FACTS: Final = {
    "busybox_banner": "BusyBox v1.38.0 (netsim-lab musl static) multi-call binary.",
    "busybox_nc_extra": False, "etc_services": True}
def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


# netsim-lab/alpine and nginx: BusyBox 1.38's applets in Alpine's places (measured with ls of each
# PATH directory; `busybox --list` gives the same 280 names, linuxrc only outside PATH)
_LAB_ALPINE_PROGRAMS = MappingProxyType({
    "/bin": _names(
        "arch ash base64 busybox cat chattr chgrp chmod chown cp cpio cttyhack date dd df dmesg "
        "dnsdomainname dumpkmap echo ed egrep false fatattr fgrep getopt grep gunzip gzip "
        "hostname ionice ipcalc kill link linux32 linux64 ln login ls lsattr lzop mkdir mknod "
        "mktemp more mount mt mv netstat nuke pidof ping ping6 ps pwd resume rev rm rmdir rpm "
        "run-parts sed setpriv sh sleep stat stty su sync tar touch true umount uname "
        "uncompress usleep vi vmstat watch zcat"),
    "/sbin": _names(
        "acpid adjtimex arp blockdev depmod devmem fdisk findfs freeramdisk fstrim getty halt "
        "hwclock ifconfig ifdown ifup init insmod ip klogd loadkmap logread losetup lsmod mdev "
        "mkdosfs mke2fs mkswap modinfo modprobe nameif pivot_root poweroff reboot rmmod route "
        "run-init start-stop-daemon sulogin swapoff swapon switch_root sysctl syslogd tc tunctl "
        "udhcpc uevent vconfig watchdog"),
    "/usr/bin": _names(
        "[ [[ ar ascii awk basename bc blkdiscard bunzip2 bzcat bzip2 cal chvt clear cmp crc32 "
        "crontab cut dc deallocvt diff dirname dos2unix dpkg dpkg-deb du dumpleases env expand "
        "expr factor fallocate find fold free ftpget ftpput getfattr groups head hexdump hostid "
        "id install killall last less logger logname lsblk lsscsi lzcat lzma md5sum microcom "
        "mkfifo mkpasswd nc nl nproc nsenter nslookup od openvt passwd paste patch printf "
        "readlink realpath renice reset resize rpm2cpio seq setkeycodes setsid sha1sum "
        "sha256sum sha384sum sha3sum sha512sum shred shuf sort ssl_client ssl_server strings "
        "svc svok tac tail taskset tee telnet test tftp time timeout top tr traceroute "
        "traceroute6 truncate ts tty udhcpc6 unexpand uniq unix2dos unlink unlzma unshare unxz "
        "unzip uptime uudecode uuencode uuidgen w wc wget which who whoami xargs xxd xz xzcat "
        "yes"),
    "/usr/sbin": _names(
        "arping brctl chroot crond fsfreeze httpd i2cdetect i2cdump i2cget i2cset i2ctransfer "
        "loadfont mim nbd-client nologin partprobe rdate telnetd ubirename udhcpd"),
})
# netsim-lab/debian (debootstrap minbase trixie + the lab's packages): /bin and /sbin are
# symlinks to /usr/bin and /usr/sbin (merged /usr); /usr/local/{bin,sbin} are empty (measured)
_LAB_DEBIAN_PROGRAMS = MappingProxyType({
    "/usr/bin": _names(
        "[ apt apt-cache apt-cdrom apt-config apt-get apt-mark arch awk b2sum base32 base64 "
        "basename basenc bash bashbug c_rehash captoinfo cat chage chcon chfn chgrp chmod choom "
        "chown chrt chsh cksum clear clear_console cmp comm cp csplit ctstat curl cut dash date "
        "dd deb-systemd-helper deb-systemd-invoke debconf debconf-apt-progress "
        "debconf-communicate debconf-copydb debconf-escape debconf-set-selections debconf-show "
        "delv df diff diff3 dig dir dircolors dirname dmesg dnsdomainname dnstap-read "
        "domainname dpkg dpkg-deb dpkg-divert dpkg-maintscript-helper dpkg-query dpkg-realpath "
        "dpkg-split dpkg-statoverride dpkg-trigger du echo egrep env expand expiry expr factor "
        "fallocate false fgrep find findmnt flock fmt fold free getconf getent getopt gpasswd "
        "grep groups gunzip gzexe gzip hardlink head host hostid hostname i386 iconv id infocmp "
        "infotocap install ionice ip ipcmk ipcrm ipcs ischroot join kill ld.so ldd link linux32 "
        "linux64 ln lnstat locale localedef logger login logname ls lsblk lscpu lsipc lslocks "
        "lslogins lsmem lsns mawk mcookie md5sum mdig mkdir mkfifo mknod mktemp more mount "
        "mountpoint mv namei nawk nc nc.openbsd netcat netstat newgrp nice nisdomainname nl "
        "nohup nproc nsenter nslookup nstat nsupdate numfmt od openssl pager partx passwd paste "
        "pathchk perl perl5.40.1 pgrep pidof pidwait ping ping4 ping6 pinky pkill pldd pmap pr "
        "printenv printf prlimit ps ptx pwd pwdx rbash rdma readlink realpath rename.ul renice "
        "reset rev rgrep rm rmdir routel rtstat run-parts runcon savelog script scriptlive "
        "scriptreplay sdiff sed seq setarch setpriv setsid setterm sg sh sha1sum sha224sum "
        "sha256sum sha384sum sha512sum shred shuf skill slabtop sleep snice sort split sqv ss "
        "stat stdbuf stty su sum sync tabs tac tail tar taskset tee tempfile test tic timeout "
        "tload toe top touch tput tr tracepath true truncate tset tsort tty tzselect uclampset "
        "umount uname uncompress unexpand uniq unlink unshare update-alternatives uptime users "
        "vdir vmstat w wall watch wc wcurl wdctl whereis which which.debianutils who whoami "
        "x86_64 xargs yes ypdomainname zcat zcmp zdiff zdump zegrep zfgrep zforce zgrep zless "
        "zmore znew"),
    "/usr/sbin": _names(
        "add-shell agetty arp arpd blkdiscard blkid blkzone blockdev bridge capsh chcpu "
        "chgpasswd chmem chpasswd chroot dcb devlink dpkg-preconfigure dpkg-reconfigure "
        "faillock findfs fsck fsfreeze fstab-decode fstrim genl getcap getpcaps getty groupadd "
        "groupdel groupmod grpck grpconv grpunconv iconvconfig ifconfig installkernel "
        "invoke-rc.d ip ipmaddr iptunnel isosize killall5 ldattach ldconfig losetup mii-tool "
        "mkfs mkhomedir_helper mkswap nameif newusers nologin pam-auth-update pam_getenv "
        "pam_namespace_helper pam_timestamp_check pivot_root plipconfig pwck pwconv "
        "pwhistory_helper pwunconv rarp readprofile remove-shell rmt rmt-tar route rtacct "
        "rtcwake rtmon runuser service setcap shadowconfig slattach start-stop-daemon sulogin "
        "swaplabel swapoff swapon switch_root sysctl tarcat tc tipc unix_chkpwd unix_update "
        "update-ca-certificates update-passwd update-rc.d update-shells useradd userdel usermod "
        "vdpa vigr vipw wipefs zic zramctl"),
})
_LAB_ALPINE_PROGRAMS = MappingProxyType({
    **_LAB_ALPINE_PROGRAMS, "/usr/local/bin": frozenset(), "/usr/local/sbin": frozenset()})
_LAB_DEBIAN_PROGRAMS = MappingProxyType({
    **_LAB_DEBIAN_PROGRAMS, "/bin": _LAB_DEBIAN_PROGRAMS["/usr/bin"],
    "/sbin": _LAB_DEBIAN_PROGRAMS["/usr/sbin"], "/usr/local/bin": frozenset(),
    "/usr/local/sbin": frozenset()})
# the stand-ins' /etc/passwd and /etc/group (measured: cat of both files in each image)
_LAB_BUSYBOX_USERS = _names("root daemon nobody www-data")
_LAB_BUSYBOX_GROUPS = _names("root daemon www-data nogroup nobody")
_LAB_DEBIAN_USERS = _names("root daemon bin sys sync games man lp mail news uucp proxy www-data "
                           "backup list irc _apt nobody")
_LAB_DEBIAN_GROUPS = _names("root daemon bin sys adm tty disk lp mail news uucp man proxy kmem "
                            "dialout fax voice cdrom floppy tape sudo audio dip www-data backup "
                            "operator list irc src shadow utmp video sasl plugdev staff games "
                            "users nogroup")
# netsim-lab/busybox: every applet hard-linked in /bin, nothing else on PATH
_LAB_BUSYBOX_PROGRAMS: Final = MappingProxyType({
    "/bin": frozenset().union(*_LAB_ALPINE_PROGRAMS.values(), {"linuxrc"}),
    **{d: frozenset() for d in ("/sbin", "/usr/bin", "/usr/sbin", "/usr/local/bin",
                                "/usr/local/sbin")}})
_LAB_ALPINE = _ALPINE_INFO.model_copy(update={
    "tools": _BUSYBOX, "base": "scratch + BusyBox 1.38 (musl, static)", "sources": (_LAB_SRC,),
    "programs": _LAB_ALPINE_PROGRAMS, "users": _LAB_BUSYBOX_USERS,
    "groups": _LAB_BUSYBOX_GROUPS, "env": _LAB_ENV, **_LAB_BUSYBOX_FACTS})
_LAB_BUSYBOX = _BUSYBOX_MUSL.model_copy(update={
    "base": "scratch + BusyBox 1.38 (musl, static)", "sources": (_LAB_SRC,), "env": _LAB_ENV,
    "programs": _LAB_BUSYBOX_PROGRAMS, "users": _LAB_BUSYBOX_USERS,
    "groups": _LAB_BUSYBOX_GROUPS, **_LAB_BUSYBOX_FACTS})
_LAB_NGINX = _LAB_ALPINE.model_copy(update={
    "exposed": _ports("80/tcp"), "listening": _ports("80/tcp"),
    "cmd": ("httpd", "-f", "-p", "80", "-h", "/usr/share/nginx/html"), "runs": "server",
    "web": _LAB_NGINX_WEB, "stop_signal": "SIGQUIT"})  # --change 'STOPSIGNAL SIGQUIT'
_LAB_DEBIAN = _DEBIAN.model_copy(update={
    "tools": MappingProxyType({
        "ping": "iputils", "curl": "curl", "nc": "netcat-openbsd", "dig": "bind",
        "nslookup": "bind", "host": "bind", "getent": "glibc", "ip": "iproute2",
        "ifconfig": "net-tools", "hostname": "hostname", "route": "net-tools",
        "netstat": "net-tools", "cat": "gnu"}),
    # minbase has no netbase: nc prints [tcp/*] (measured, 32-probes-nc)
    "etc_services": False, "programs": _LAB_DEBIAN_PROGRAMS, "users": _LAB_DEBIAN_USERS,
    "groups": _LAB_DEBIAN_GROUPS, "env": _LAB_ENV,
    "base": "netsim-lab: debootstrap minbase trixie", "sources": (_LAB_SRC,)})

# --------------------------------------------------------------------------------------------

_WINDOWS: Final = TagRule(patterns=("*windowsservercore*", "*nanoserver*"), info=None)


def _entry(*rules: tuple[tuple[str, ...], ImageInfo | None]) -> CatalogEntry:
    return CatalogEntry(
        rules=(_WINDOWS, *(TagRule(patterns=p, info=i) for p, i in rules)),
    )


KNOWN: Final[Mapping[str, CatalogEntry]] = MappingProxyType(
    {
        "library/nginx": _entry(
            (("*alpine-slim*",), _NGINX_ALPINE_SLIM),
            (("*alpine*",), _NGINX_ALPINE),
            (("*",), _NGINX),
        ),
        "library/httpd": _entry((("*alpine*",), _HTTPD_ALPINE), (("*",), _HTTPD)),
        "library/mysql": _entry(
            (("5.7*", "5"), _MYSQL57),
            (("5.*", "*debian*"), None),  # older 5.x / Debian-based builds: not catalogued
            (("*",), _MYSQL),
        ),
        "library/mariadb": _entry((("*ubi*",), None), (("*",), _MARIADB)),
        "library/postgres": _entry((("*alpine*",), _POSTGRES_ALPINE), (("*",), _POSTGRES)),
        "library/redis": _entry((("*alpine*",), _REDIS_ALPINE), (("*",), _REDIS)),
        "library/mongo": _entry((("*",), _MONGO)),
        "library/wordpress": _entry(
            (("cli*", "*-cli*"), None),  # wp-cli images: not catalogued
            (("*fpm-alpine*",), _WORDPRESS_FPM_ALPINE),
            (("*fpm*",), _WORDPRESS_FPM),
            (("*",), _WORDPRESS),
        ),
        "library/registry": _entry(
            (("2.6", "2.6.*"), _REGISTRY26),
            (("2", "2.*"), _REGISTRY2),
            (("*",), _REGISTRY),
        ),
        "library/traefik": _entry((("*",), _TRAEFIK)),
        "docker/getting-started": _entry((("*",), _GETTING_STARTED)),
        "library/alpine": _entry((("*",), _ALPINE_INFO)),
        "library/busybox": _entry(
            (("*uclibc*",), None),
            (("*musl*",), _BUSYBOX_MUSL),
            (("*",), _BUSYBOX_INFO),
        ),
        "library/ubuntu": _entry(
            (("14.04", "14.04.*", "trusty", "trusty-*"), _UBUNTU_TRUSTY),
            (("24.04", "24.04.*", "noble", "noble-*", "latest"), _UBUNTU),
        ),
        "library/debian": _entry(
            (("13", "13.*", "trixie", "trixie-*", "latest", "stable", "stable-*"), _DEBIAN),
        ),
        "library/centos": _entry((("7", "7.*", "centos7", "centos7.*"), _CENTOS7)),
        "nicolaka/netshoot": _entry((("*",), _NETSHOOT)),
        "curlimages/curl": _entry((("*",), _CURL)),
        "library/hello-world": _entry((("*",), _HELLO_WORLD)),
        "netsim-lab/alpine": _entry((("latest",), _LAB_ALPINE)),
        "netsim-lab/busybox": _entry((("latest",), _LAB_BUSYBOX)),
        "netsim-lab/nginx": _entry((("latest",), _LAB_NGINX)),
        "netsim-lab/debian": _entry((("latest",), _LAB_DEBIAN)),
    }
)


def lookup(ref: str | ImageRef) -> ImageInfo | None:
    """Facts about an image, or ``None`` when it is not in the catalogue.

    A string is parsed with :func:`parse_image_ref` (``ValueError`` with Docker's text if it is
    not a valid reference). Only Docker Hub (``docker.io``) names are known: a copy pushed to
    another registry may be anything. A digest-only reference is looked up as ``latest``.
    """
    parsed = parse_image_ref(ref) if isinstance(ref, str) else ref
    if parsed.registry != DEFAULT_DOMAIN:
        return None
    entry = KNOWN.get(parsed.repository)
    if entry is None:
        return None
    return entry.for_tag(parsed.tag or DEFAULT_TAG)


# ============================================================================================
# Does the container keep running?
# ============================================================================================

_SHELLS: Final = frozenset({"sh", "bash", "ash", "zsh", "dash", "ksh", "mksh"})
_INFO_ARGS: Final = frozenset(
    {"--version", "-version", "-v", "-V", "--help", "-h", "-help", "help", "version"}
)
# Commands that do their job and end.
_FINITE: Final = frozenset(
    {
        "echo", "printf", "true", "false", "exit", "ls", "hostname", "date", "env", "printenv",
        "id", "whoami", "uname", "pwd", "ip", "ifconfig", "route", "netstat", "ss", "arp",
        "nslookup", "dig", "host", "getent", "curl", "wget", "ps", "df", "du", "free",
        "uptime", "which", "mkdir", "touch", "rm", "cp", "mv", "ln", "chmod", "chown", "stat",
        "find", "dmesg", "traceroute", "traceroute6", "tracepath", "nproc", "getconf",
        "sysctl", "mount", "apk", "apt", "apt-get", "yum", "dnf", "microdnf", "hello",
        "test", "[", ":", "grep", "sed", "awk", "head", "sort", "uniq", "wc", "cut", "tr",
    }
)  # fmt: skip
# Commands that run until stopped.
_FOREVER: Final = frozenset(
    {
        "sleep", "top", "htop", "watch", "yes", "socat", "httpd-foreground",
        "apache2-foreground", "mysqld", "mariadbd", "postgres", "redis-server", "mongod",
        "mongos", "php-fpm",
    }
)  # fmt: skip


def _short_flag(args: Sequence[str], letter: str) -> bool:
    """Whether a short option cluster holds ``letter`` (``-c``, ``-c3``, ``-lk``, ``-fn10``)."""
    for arg in args:
        if len(arg) < 2 or not arg.startswith("-") or arg.startswith("--"):
            continue
        m = re.match(r"[A-Za-z]*", arg[1:])
        if m is not None and letter in m.group(0):
            return True
    return False


def _file_args(args: Sequence[str]) -> list[str]:
    return [a for a in args if a != "-" and not a.startswith("-")]


def _nginx_runs(args: Sequence[str], interactive: bool) -> bool:
    if any(_short_flag(args, f) for f in "vVtTq") or "-h" in args:
        return False
    # without `daemon off;` nginx forks into the background and PID 1 exits
    return "daemon off" in " ".join(" ".join(args).split())


def _apache_runs(args: Sequence[str], interactive: bool) -> bool:
    joined = " ".join(args)
    if "-DFOREGROUND" in joined or "-D FOREGROUND" in joined:
        return True
    # BusyBox httpd: -f "Don't daemonize" (networking/httpd.c); Apache's -f takes a config file,
    # so only an -f followed by another option or by nothing is BusyBox's
    return any(a == "-f" and (i + 1 == len(args) or args[i + 1].startswith("-"))
               for i, a in enumerate(args))


def _registry_runs(args: Sequence[str], interactive: bool) -> bool:
    if args and args[0] in {"garbage-collect", "help"}:
        return False
    return "serve" in args or any(a.endswith((".yml", ".yaml")) for a in args)


def _stress_runs(args: Sequence[str], interactive: bool) -> bool:
    return not (_short_flag(args, "t") or any(a.startswith("--timeout") for a in args))


def _traefik_runs(args: Sequence[str], interactive: bool) -> bool:
    return not (args and args[0] in {"version", "healthcheck"})


_RULES: Final[Mapping[str, Callable[[Sequence[str], bool], bool]]] = MappingProxyType(
    {
        "tail": lambda a, i: _short_flag(a, "f")
        or _short_flag(a, "F")
        or any(x.startswith("--follow") for x in a),
        "ping": lambda a, i: not (_short_flag(a, "c") or _short_flag(a, "w")),
        "ping6": lambda a, i: not (_short_flag(a, "c") or _short_flag(a, "w")),
        "nc": lambda a, i: _short_flag(a, "l") or "--listen" in a,
        "netcat": lambda a, i: _short_flag(a, "l") or "--listen" in a,
        "ncat": lambda a, i: _short_flag(a, "l") or "--listen" in a,
        "cat": lambda a, i: i and not _file_args(a),  # reads stdin: open only with -i
        "tee": lambda a, i: i,
        "stress": _stress_runs,
        "stress-ng": _stress_runs,
        "tcpdump": lambda a, i: not _short_flag(a, "c"),
        "iperf": lambda a, i: _short_flag(a, "s"),
        "iperf3": lambda a, i: _short_flag(a, "s"),
        "nginx": _nginx_runs,
        "nginx-debug": _nginx_runs,
        "httpd": _apache_runs,
        "apache2": _apache_runs,
        "registry": _registry_runs,
        "traefik": _traefik_runs,
    }
)  # fmt: skip


def _is_command(word: str) -> bool:
    """Whether ``word`` names a program (a path, or a command this module knows)."""
    if "://" in word:
        return False
    if word.startswith(("/", "./", "../")):
        return True
    return word in _SHELLS or word in _FINITE or word in _FOREVER or word in _RULES or word in {
        "exec", "nohup", "timeout", "tini", "dumb-init", "gosu", "su-exec",
    }  # fmt: skip


def _strip_launchers(argv: Sequence[str]) -> list[str]:
    """Drop ``exec``/``nohup``/``env …``/``timeout …``/``tini --``/``gosu user``/``VAR=x``."""
    out = list(argv)
    while out:
        head = out[0].rsplit("/", 1)[-1]
        if head in {"exec", "nohup"} or re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*=.*", out[0]):
            out = out[1:]
        elif head == "env" and len(out) > 1:
            rest = out[1:]
            while rest and (rest[0].startswith("-") or "=" in rest[0]):
                rest = rest[2:] if rest[0] in {"-u", "--unset", "-C", "--chdir"} else rest[1:]
            if not rest:
                return ["env"]
            out = rest
        elif head == "timeout" and len(out) > 1:
            rest = out[1:]
            while rest and rest[0].startswith("-"):
                rest = rest[2:] if rest[0] in {"-s", "-k"} else rest[1:]
            out = rest[1:]  # drop the duration
        elif head in {"tini", "dumb-init", "catatonit"}:
            rest = out[1:]
            while rest and rest[0].startswith("-"):
                dash_dash = rest[0] == "--"
                rest = rest[1:]
                if dash_dash:
                    break
            out = rest
        elif head in {"gosu", "su-exec"} and len(out) > 2:
            out = out[2:]
        else:
            break
    return out


def _script_runs(script: str, interactive: bool, tty: bool, depth: int) -> bool:
    """``sh -c SCRIPT``: an endless loop or any long-running simple command keeps it up."""
    endless = (
        r"\bwhile\s+(?:true|:|\[\s*1\s*\]|/bin/true)(?=[\s;]|$)"
        r"|\buntil\s+(?:false|/bin/false)(?=[\s;]|$)"
    )
    if re.search(endless, script):
        return True
    lexer = shlex.shlex(script.replace("\n", ";"), posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    try:
        tokens = list(lexer)
    except ValueError:
        return True  # unbalanced quotes: unknown, assume running
    commands: list[list[str]] = [[]]
    for tok in tokens:
        if tok and set(tok) <= set(";&|()"):
            commands.append([])
        else:
            commands[-1].append(tok)
    keywords = {"do", "then", "else", "{", "}", "!", "done", "fi", "if", "elif", "while", "until"}
    for words in commands:
        while words and words[0] in keywords:
            words = words[1:]
        if words and words[0] in {"for", "case", "esac", "in"}:
            continue  # loop headers and case labels run nothing themselves
        if words and _argv_runs(words, interactive, tty, depth + 1):
            return True
    return False


def _shell_runs(args: Sequence[str], interactive: bool, tty: bool, depth: int) -> bool:
    for i, arg in enumerate(args):
        if arg.startswith("-") and not arg.startswith("--") and "c" in arg[1:]:
            if i + 1 >= len(args):
                return False  # "-c: option requires an argument"
            return _script_runs(args[i + 1], interactive, tty, depth)
    if _file_args(args):
        return True  # `sh script.sh`: an unknown script, assume it keeps running
    # an interactive shell reads stdin: /dev/null (EOF at once) unless -i or a tty is given
    return interactive or tty


def _argv_runs(argv: Sequence[str], interactive: bool, tty: bool, depth: int = 0) -> bool:
    if depth > 8:
        return True
    words = _strip_launchers(argv)
    if not words:
        return False
    prog, args = words[0].rsplit("/", 1)[-1], words[1:]
    if prog in _SHELLS:
        return _shell_runs(args, interactive, tty, depth)
    if args and all(a in _INFO_ARGS for a in args):
        return False  # --version / --help: print and exit
    rule = _RULES.get(prog)
    if rule is not None:
        return rule(args, interactive)
    if prog in _FOREVER:
        return True
    return prog not in _FINITE  # anything unknown: assume it keeps running


#: the PATH of every image netsim knows the programs of (their ENV PATH, measured)
_PATH: Final = ("/usr/local/sbin", "/usr/local/bin", "/usr/sbin", "/usr/bin", "/sbin", "/bin")
#: the top level of a Linux container's root (what ``/X`` can name)
_ROOT_DIRS: Final = frozenset({"bin", "dev", "etc", "home", "lib", "media", "mnt", "opt", "proc",
                               "root", "run", "sbin", "srv", "sys", "tmp", "usr", "var"})
_DIRECTORIES: Final = frozenset({"/", *(f"/{d}" for d in _ROOT_DIRS), *_PATH, "/usr/local",
                                 "/usr/lib", "/usr/share", "/var/lib", "/var/run", "/etc/ssl"})
#: files every container has that are not programs (docker mounts the first three)
_PLAIN_FILES: Final = frozenset({"/etc/hostname", "/etc/hosts", "/etc/resolv.conf",
                                 "/etc/passwd", "/etc/group", "/etc/shadow"})


def exec_failure(info: ImageInfo | None, program: str) -> tuple[int, str] | None:
    """Why runc cannot start ``program`` in the image: (exit status, the text after
    ``exec: "PROGRAM": ``), or None when it can, or when netsim does not know the image's files.

    runc resolves a bare name along PATH (``executable file not found in $PATH``, 127) and
    stats a name with a slash (``stat X: no such file or directory``, 127; a directory ``is a
    directory: permission denied``, a plain file ``permission denied``: 126); moby maps the
    texts to the exit statuses (daemon/errors.go translateContainerdStartErr). Measured on the
    lab's stand-ins (conformance/recorded/28.5, 49-run-create-image-name-errors, 54-exec-inspect-
    errors).

    >>> exec_failure(lookup("netsim-lab/alpine"), "curl")
    (127, 'executable file not found in $PATH')
    >>> exec_failure(lookup("netsim-lab/alpine"), "/etc"), exec_failure(lookup("alpine"), "curl")
    ((126, 'is a directory: permission denied'), None)
    """
    if info is None or info.programs is None:
        return None
    programs = info.programs
    if "/" not in program:
        if any(program in programs.get(d, ()) for d in _PATH):
            return None
        return 127, "executable file not found in $PATH"
    path = posixpath.normpath(posixpath.join("/", program))
    if path in _DIRECTORIES:
        return 126, "is a directory: permission denied"
    directory, name = posixpath.split(path)
    if name in programs.get(directory, ()):
        return None
    if path in _PLAIN_FILES:
        return 126, "permission denied"
    # the directories netsim knows every entry of: the root and the PATH directories
    if path.strip("/").split("/")[0] not in _ROOT_DIRS or directory in programs:
        return 127, f"stat {program}: no such file or directory"
    return None


def runtime_reason(reason: str, tail: str, *, eisdir: bool = True) -> str:
    """An :func:`exec_failure` reason as the daemon passes it on after the runtime's own
    ``tail`` (containerd's gRPC code, ``: unknown``, or nothing): the daemon appends ``:
    permission denied`` to a directory's error only after the runtime's whole message
    (daemon/errors.go setExitCodeFromError, v26.1.5:146-155, docker-v29.1.5:146-150; recorded:
    26.1, 49-run-create-image-name-errors and 54-exec-inspect-errors ``docker exec ca /etc``).
    ``eisdir`` false: a runc built with Go < 1.20 says only ``permission denied`` for a
    directory (EngineProfile.runc_reports_eisdir; recorded: 20.10, the same lines).

    >>> runtime_reason("is a directory: permission denied", ": unknown")
    'is a directory: unknown: permission denied'
    >>> runtime_reason("permission denied", ": unknown")
    'permission denied: unknown'
    >>> runtime_reason("is a directory: permission denied", ": unknown", eisdir=False)
    'permission denied: unknown'
    """
    fudge = ": permission denied"
    if reason.endswith("is a directory" + fudge):
        if not eisdir:
            return "permission denied" + tail
        return reason.removesuffix(fudge) + tail + fudge
    return reason + tail


def user_failure(info: ImageInfo | None, user: str) -> str | None:
    """The daemon's refusal of ``-u USER[:GROUP]`` whose name the image's /etc/passwd (or
    /etc/group) does not have (moby/sys/user GetExecUser, at container start and exec:
    ``unable to find user X: no matching entries in passwd file``); numeric IDs always do.
    None when it is fine, or netsim does not know the image's accounts."""
    if info is None or info.users is None or not user:
        return None
    name, _, group = user.partition(":")
    if name and not name.isdigit() and name not in info.users:
        return f"unable to find user {name}: no matching entries in passwd file"
    if group and not group.isdigit() and info.groups is not None and group not in info.groups:
        return f"unable to find group {group}: no matching entries in group file"
    return None


def missing_directory(info: ImageInfo | None, path: str) -> bool:
    """Whether ``path`` (an absolute directory, ``docker exec -w``) is certainly missing: its
    top-level directory is not one a container has (netsim knows no more of the tree)."""
    if info is None or info.programs is None or not path.startswith("/"):
        return False
    top = posixpath.normpath(path).strip("/").split("/")[0]
    return top != "" and top not in _ROOT_DIRS


def effective_argv(
    info: ImageInfo | None,
    cmd: Sequence[str],
    *,
    entrypoint: Sequence[str] | None = None,
) -> tuple[str, ...]:
    """The command PID 1 ends up running: ENTRYPOINT + (user command or CMD).

    A user command replaces CMD and keeps ENTRYPOINT. ``entrypoint`` (``docker run
    --entrypoint``) replaces ENTRYPOINT and drops the image's CMD, as Docker does. Wrapper
    entrypoints that ``exec "$@"`` (``docker-entrypoint.sh`` …) are seen through: what is left is
    the command they exec, with ``option_prefix`` added where the wrapper adds it.
    """
    user = tuple(cmd)
    if entrypoint is not None:
        return tuple(entrypoint) + user
    if info is None:
        return user
    args = user or info.cmd
    if not info.entrypoint_execs_args:
        return info.entrypoint + args
    if args and info.option_prefix:
        first = args[0]
        if (
            first.startswith("-")
            or (info.prefix_suffixes and first.endswith(info.prefix_suffixes))
            or first in info.prefix_subcommands
            or (info.prefix_unless_command and not _is_command(first))
        ):
            return info.option_prefix + args
    return args


def unmet_env(
    info: ImageInfo, argv: Sequence[str], env: Mapping[str, str]
) -> EnvRequirement | None:
    """The first environment requirement the entrypoint would refuse to start ``argv`` without."""
    if not argv:
        return None
    prog, args = argv[0].rsplit("/", 1)[-1], argv[1:]
    if any(a in _INFO_ARGS for a in args):
        return None
    for req in info.required_env:
        if prog in req.applies_to and not req.satisfied_by(env):
            return req
    return None


def default_command_runs(
    info: ImageInfo | None,
    cmd: Sequence[str],
    interactive: bool,
    tty: bool,
    *,
    env: Mapping[str, str] | None = None,
    entrypoint: Sequence[str] | None = None,
) -> bool:
    """Whether a container of this image, started with ``cmd`` (may be empty), stays running.

    Rules, deliberately simple:

    * No user command: the catalogue's ``runs`` decides (``server`` → up, ``exits`` → down,
      ``shell`` → up only with ``-i`` or ``-t``). An unknown image (``info is None``) with no
      command is assumed to keep running.
    * A user command replaces CMD, ENTRYPOINT is kept (see :func:`effective_argv`); then:
      shells (sh, bash, ash, zsh, dash …) stay up only with ``-i`` (stdin open) or ``-t`` (tty),
      otherwise they read EOF and exit 0; ``sh -c SCRIPT`` is judged by its commands (an endless
      ``while true`` loop, or any long-running command in it, keeps it up).
    * Known finite commands exit: ``echo``, ``true``, ``false``, ``ls``, ``cat FILE``,
      ``hostname``, ``date``, ``env``, ``ip addr``, ``nslookup``, ``curl``, ``wget``,
      ``ping -c N`` / ``ping -w N``, ``nc`` without ``-l``, ``tail`` without ``-f``, any command
      given only ``--version``/``--help`` …
    * Long-running ones stay up: ``sleep N`` (modelled as running whatever N), ``tail -f``,
      ``top``, ``ping`` without ``-c``, ``nc -l``, ``stress …`` (unless ``--timeout``),
      ``cat`` with no file and ``-i``, server binaries (``nginx -g 'daemon off;'``, ``mysqld``,
      ``postgres``, ``redis-server``, ``httpd-foreground`` …). Plain ``nginx`` daemonizes, so
      its PID 1 exits.
    * Anything else is unknown and assumed to keep running.

    ``env`` (the container's environment) enables the ``required_env`` check: ``docker run
    mysql`` without ``MYSQL_ROOT_PASSWORD`` & co. exits 1. With ``env=None`` the check is
    skipped. ``entrypoint`` is ``docker run --entrypoint`` (it also drops the image's CMD).
    """
    argv = effective_argv(info, cmd, entrypoint=entrypoint)
    if info is not None and env is not None and unmet_env(info, argv, env) is not None:
        return False
    if not cmd and entrypoint is None:
        if info is None:
            return True
        if info.runs == "server":
            return True
        if info.runs == "exits":
            return False
        return interactive or tty
    return _argv_runs(argv, interactive, tty)


# ============================================================================================
# How a container's main process ends on `docker stop`
# ============================================================================================

# `docker stop` sends the stop signal (the image's StopSignal, else SIGTERM) and, after the
# timeout (10 s), SIGKILL (moby daemon/stop.go containerStop). The kernel delivers a signal sent
# from outside to a PID namespace's init only if that process installed a handler for it
# (kernel/signal.c sig_task_ignored: SIGNAL_UNKILLABLE); SIGKILL always kills: exit 128+9.
# Programs that install a handler for TERM (and QUIT, INT, WINCH: the official images' stop
# signals) and exit cleanly:
_STOP_HANDLERS: Final = frozenset(
    {
        "nginx", "nginx-debug", "httpd-foreground", "apache2-foreground", "apache2", "mysqld",
        "mariadbd", "postgres", "redis-server", "mongod", "mongos", "php-fpm", "registry",
        "traefik", "haproxy", "caddy", "tcpdump", "dockerd", "containerd",
    }
)  # fmt: skip
# Programs with no handler for it (as measured in the conformance lab: sleep, BusyBox httpd -f,
# netcat-openbsd's nc -l, shells; and the same facts for the others from their sources:
# coreutils/BusyBox sleep, tail, cat; iputils and BusyBox ping handle only INT/ALRM/QUIT;
# Python installs only a SIGINT handler):
_STOP_IGNORED: Final = frozenset(
    {
        "sleep", "tail", "cat", "tee", "yes", "ping", "ping6", "nc", "netcat", "watch",
        "python", "python3", "node",
    }
)  # fmt: skip
_KILLED: Final = 137  # 128 + SIGKILL


#: signal numbers (Linux x86-64) of the names ``docker stop -s`` / ``docker kill -s`` take
_SIGNALS: Final[Mapping[str, int]] = MappingProxyType({
    "HUP": 1, "INT": 2, "QUIT": 3, "ILL": 4, "TRAP": 5, "ABRT": 6, "BUS": 7, "FPE": 8,
    "KILL": 9, "USR1": 10, "SEGV": 11, "USR2": 12, "PIPE": 13, "ALRM": 14, "TERM": 15,
    "STKFLT": 16, "CHLD": 17, "CONT": 18, "STOP": 19, "TSTP": 20, "TTIN": 21, "TTOU": 22,
    "URG": 23, "XCPU": 24, "XFSZ": 25, "VTALRM": 26, "PROF": 27, "WINCH": 28, "IO": 29,
    "PWR": 30, "SYS": 31})
#: signals whose default action is not to end the process
_HARMLESS: Final = frozenset({"CHLD", "CONT", "STOP", "TSTP", "TTIN", "TTOU", "URG", "WINCH"})
#: the signals a program with a stop handler ends cleanly on
_STOP_SIGNALS: Final = frozenset({"TERM", "INT", "QUIT"})


def signal_number(name: str) -> int | None:
    """moby pkg/signal ParseSignal: ``SIGTERM``, ``term`` or ``15`` → 15 (None: unknown)."""
    text = name.strip().upper().removeprefix("SIG")
    if text.isdigit():
        return int(text) if 0 < int(text) < 65 else None
    return _SIGNALS.get(text)


def stop_exit_code(
    info: ImageInfo | None,
    cmd: Sequence[str],
    *,
    entrypoint: Sequence[str] | None = None,
    interactive: bool = False,
    tty: bool = False,
    init: bool = False,
    signal: str | None = None,
    kill: bool = False,
) -> int | None:
    """The exit status ``docker stop`` leaves (``Exited (N)``), or what ``docker kill -s
    SIGNAL`` (``kill=True``) does: the same, or None when the container goes on running.

    0 when the main program handles the stop signal and exits cleanly (nginx, postgres, Apache
    ``httpd -DFOREGROUND`` …); 137 when it installs no handler, so that PID 1 ignores the signal
    and is killed after the timeout (``sleep``, ``tail -f``, BusyBox ``httpd -f``, ``nc -l``,
    ``ping``, shells, ``sh -c …`` scripts); with ``docker run --init`` (or tini/dumb-init in the
    image) the init forwards the signal to a program that is then not PID 1 and dies of it:
    128 + the signal, 143 for SIGTERM (an interactive shell ignores SIGTERM: 137). ``docker stop
    -t N`` changes nothing of this; SIGKILL always gives 137. ``docker kill -s TERM`` of a PID 1
    without a handler does nothing. A program netsim does not know is assumed to handle the
    stop signals (0). Measured in the conformance lab (sleep, tail -f, BusyBox and iputils
    ping, BusyBox and OpenBSD nc -l, BusyBox httpd -f, sh/bash -it, ``sh -c`` loops,
    ``--init sleep``; ``kill -s TERM sleep`` and ``kill -s HUP httpd`` keep them running).
    """
    name = (signal or "TERM").strip().upper().removeprefix("SIG")
    number = signal_number(name)
    if number is not None:
        name = next((k for k, v in _SIGNALS.items() if v == number), name)
    if name == "KILL":
        return _KILLED
    argv = list(effective_argv(info, cmd, entrypoint=entrypoint))
    if not argv and info is not None and not cmd and entrypoint is None:
        argv = list(info.entrypoint + info.cmd)
    if argv and argv[0].rsplit("/", 1)[-1] in {"tini", "dumb-init", "catatonit"}:
        init = True
    if _handles_stop(argv) and name in _STOP_SIGNALS:
        return 0
    if init:  # the init forwards it: the program, not PID 1, gets the default action
        ignored = name in _HARMLESS or (name in _STOP_SIGNALS and (interactive or tty)
                                        and _main_program(info, argv)[0] in _SHELLS)
        if not ignored:
            return 128 + (number or 15)
    return None if kill else _KILLED


def _handles_stop(argv: Sequence[str]) -> bool:
    """Whether the main program installs handlers for the stop signals (False: as PID 1 it
    ignores them)."""
    words = _strip_launchers(argv)
    for _ in range(4):  # `sh -c 'exec prog …'`: the shell is replaced by prog
        if not words or words[0].rsplit("/", 1)[-1] not in _SHELLS:
            break
        args = words[1:]
        script = next((args[i + 1] for i, a in enumerate(args[:-1])
                       if a.startswith("-") and "c" in a[1:]), None)
        if script is None:
            break
        try:
            inner = shlex.split(script)
        except ValueError:
            break
        if not inner or inner[0] != "exec" or any(t in script for t in (";", "&", "|", "\n")):
            break
        words = _strip_launchers(inner)
    if not words:
        return True
    prog, args = words[0].rsplit("/", 1)[-1], words[1:]
    if prog == "busybox" and args:
        prog, args = args[0], args[1:]
    if prog in _SHELLS:
        return False  # a shell as PID 1 installs no SIGTERM handler (interactive: ignores it)
    if prog in ("httpd", "apache2"):
        # Apache (httpd -DFOREGROUND) stops gracefully; BusyBox httpd -f has no handler
        return _apache_foreground(args) or not _apache_runs(args, False)
    if prog in _STOP_HANDLERS:
        return True
    return not (prog in _STOP_IGNORED or (prog.startswith("python")
                                          and prog[6:].replace(".", "").isdigit()))


def _main_program(info: ImageInfo | None, argv: Sequence[str]) -> tuple[str, list[str]]:
    words = _strip_launchers(argv)
    if not words:
        return "", []
    prog, args = words[0].rsplit("/", 1)[-1], list(words[1:])
    if prog == "busybox" and args:
        prog, args = args[0], args[1:]
    return prog, args


def bind_failure(info: ImageInfo | None, argv: Sequence[str]) -> str:
    """What a server prints when its listening port is taken in its network namespace
    (EADDRINUSE), before it exits 1: BusyBox's ``bb_perror_msg_and_die("bind")`` with the C
    library's text (musl: ``Address in use``, glibc: ``Address already in use``), OpenBSD
    nc's ``err(1, NULL)``; "" for a program whose words netsim does not know. Measured in the
    conformance lab (BusyBox httpd -f, BusyBox and OpenBSD nc -l)."""
    prog, _args = _main_program(info, argv)
    libc = info.libc if info is not None else "glibc"
    in_use = "Address in use" if libc == "musl" else "Address already in use"
    impl = info.tools.get(prog) if info is not None else None
    if prog == "httpd" and not _apache_foreground(_args):
        return f"httpd: bind: {in_use}"  # BusyBox httpd (networking/httpd.c)
    if prog in ("nc", "netcat"):
        if impl == "netcat-openbsd":
            return "nc: Address already in use"
        if impl == "busybox":
            return f"nc: bind: {in_use}"
    return ""


def _apache_foreground(args: Sequence[str]) -> bool:
    joined = " ".join(args)
    return "-DFOREGROUND" in joined or "-D FOREGROUND" in joined


#: BusyBox 1.38's small nc (nc.c, no NC_110_COMPAT): its options (getopt32 "lp:f:e:w:i:")
#: and usage text, as the lab's stand-ins print it (measured; the same text as the probes')
_SMALL_NC_OPTIONS: Final = frozenset("lpfewi")
SMALL_NC_USAGE: Final = (
    "Usage: nc [-iN] [-wN] [-l] [-p PORT] [-f FILE|IPADDR PORT] [-e PROG]\n\n"
    "Open a pipe to IP:PORT or FILE\n\n\t-l\tListen mode, for inbound connects\n"
    "\t\t(use -ll with -e for persistent server)\n\t-p PORT\tLocal port\n"
    "\t-w SEC\tConnect timeout\n\t-i SEC\tDelay interval for lines sent\n"
    "\t-f FILE\tUse file (ala /dev/ttyS0) instead of network\n"
    "\t-e PROG\tRun PROG after connect\n")


def usage_failure(info: ImageInfo | None, argv: Sequence[str]) -> str | None:
    """What a main program that refuses its options prints on stderr before it exits 1 (None:
    it starts). Known: BusyBox's small nc given an option it lacks (``nc -lk``, ``nc -lu``:
    ``nc: unrecognized option: k`` and the usage; measured in the conformance lab)."""
    if info is None or info.busybox_nc_extra:
        return None
    prog, args = _main_program(info, argv)
    if prog not in ("nc", "netcat") or info.tools.get("nc") != "busybox":
        return None
    i = 0
    while i < len(args):  # getopt stops at the first operand (musl: no permutation)
        arg = args[i]
        if arg == "--" or not arg.startswith("-") or len(arg) < 2:
            break
        for j, ch in enumerate(arg[1:], 1):
            if ch not in _SMALL_NC_OPTIONS:
                return (f"nc: unrecognized option: {ch}\n{info.busybox_banner}\n\n"
                        f"{SMALL_NC_USAGE}")
            if ch in "pfewi":  # takes a value: the rest of the word, or the next word
                if j == len(arg) - 1:
                    i += 1
                break
        i += 1
    return None


# ============================================================================================
# What a running container listens on
# ============================================================================================


def _listen_option(args: Sequence[str], flag: str) -> str | None:
    for i, arg in enumerate(args):
        if arg == flag and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith(flag) and len(arg) > len(flag) and arg[1] != "-":
            return arg[len(flag):]
    return None


def _ad_hoc_listener(argv: Sequence[str]) -> tuple[str, ...]:
    """Ports of the few listeners people start by hand: ``nc -l``, ``python -m http.server``,
    busybox ``httpd -p``, ``socat TCP-LISTEN:``."""
    words = _strip_launchers(argv)
    if words and words[0].rsplit("/", 1)[-1] in _SHELLS and "-c" in words[1:-1]:
        words = _strip_launchers(shlex.split(words[words.index("-c") + 1]))
    if not words:
        return ()
    prog, args = words[0].rsplit("/", 1)[-1], list(words[1:])
    if prog == "busybox" and args:
        prog, args = args[0], args[1:]
    port: str | None = None
    proto = "tcp"
    if prog in ("nc", "ncat", "netcat") and _short_flag(args, "l"):
        port = _listen_option(args, "-p") or next((a for a in args if a.isdigit()), None)
        proto = "udp" if _short_flag(args, "u") else "tcp"
    elif prog.startswith("python") and args[:2] == ["-m", "http.server"]:
        port = next((a for a in args[2:] if a.isdigit()), "8000")
    elif prog == "httpd" and args[:1] != ["-DFOREGROUND"]:
        value = _listen_option(args, "-p")
        port = (value.rsplit(":", 1)[-1] if value else "80") if "-f" in args or value else None
    elif prog == "socat":
        for arg in args:
            m = re.match(r"(?i)(TCP|UDP)(?:4|6)?-LISTEN:(\d+)", arg)
            if m:
                port, proto = m.group(2), m.group(1).lower()
    if port is None or not port.isdigit() or not 0 < int(port) < 65536:
        return ()
    return (f"{int(port)}/{proto}",)


def listening_ports(
    info: ImageInfo | None,
    cmd: Sequence[str],
    *,
    entrypoint: Sequence[str] | None = None,
) -> tuple[str, ...]:
    """The ports (``"80/tcp"``) a running container of this image listens on.

    The image's own server listens on its catalogued ports when it runs its default program
    (``docker run nginx``, or a command naming the same program, such as ``nginx -g 'daemon
    off;'``). A few hand-started listeners are recognised in any image (``nc -l -p 8080``,
    ``python3 -m http.server``, ``httpd -f -p 8080``, ``socat TCP-LISTEN:…``). Anything else
    listens on nothing netsim knows of; say otherwise with ``# netsim: image NAME listen=…``.
    """
    argv = effective_argv(info, cmd, entrypoint=entrypoint)
    adhoc = _ad_hoc_listener(argv)
    if adhoc:
        return adhoc
    if info is None or not info.listening:
        return ()
    default = effective_argv(info, ())
    if not cmd and entrypoint is None:
        return info.listening
    if argv and default and argv[0].rsplit("/", 1)[-1] == default[0].rsplit("/", 1)[-1]:
        return info.listening
    return ()


# ============================================================================================
# What answers HTTP: an image's own web server, and netsim's internet
# ============================================================================================


def served_site(
    info: ImageInfo | None,
    cmd: Sequence[str],
    *,
    entrypoint: Sequence[str] | None = None,
    port: int,
) -> WebSite | None:
    """The web site a container of this image serves on ``port`` (None: not known).

    Only the image's own server, running as the image starts it (the default command, or one
    naming the same program, as :func:`listening_ports` decides), serves the catalogued site,
    and a BusyBox ``httpd -h DIR`` started by hand on the site's directory
    (:attr:`WebSite.httpd_home`) on whatever port it is given; any other hand-started listener
    (``httpd -f -p 8080``, ``nc -l``) serves nothing netsim knows.
    """
    if info is None or info.web is None:
        return None
    if f"{port}/tcp" not in listening_ports(info, cmd, entrypoint=entrypoint):
        return None
    argv = effective_argv(info, cmd, entrypoint=entrypoint)
    if (cmd or entrypoint is not None) and argv != effective_argv(info, ()) \
            and _ad_hoc_listener(argv):
        words = list(argv[1:] if argv[0].rsplit("/", 1)[-1] == "busybox" else argv)
        home = _listen_option(words[1:], "-h") if words and \
            words[0].rsplit("/", 1)[-1] == "httpd" else None
        if home is None or home.rstrip("/") != (info.web.httpd_home or "").rstrip("/"):
            return None
        return info.web.model_copy(update={"port": port})
    return info.web if info.web.port == port else None


#: what :func:`internet_site` answers to HEAD (Python's http.server without do_HEAD:
#: send_error(501); Content-Length is the length of its HTML error page, as measured)
_INTERNET_HEAD: Final = HttpResponse(
    status="HTTP/1.0 501 Unsupported method ('HEAD')",
    headers=(("Server", "netsim-lab-internet "), ("Date", HTTP_DATE), ("Connection", "close"),
             ("Content-Type", "text/html;charset=utf-8"), ("Content-Length", "357")),
)


def internet_site(address: str) -> WebSite:
    """What every address of netsim's internet serves on port 80.

    This is netsim's made-up internet, not the real one: every internet address answers every
    GET, whatever the path, with the short page ``netsim-lab internet: <address>`` over
    HTTP/1.0; a HEAD gets 501. The conformance lab's internet matches it
    (``conformance/lab/bin/inetweb.py``, a Python ``http.server`` whose Server header,
    ``server_version + " " + sys_version``, ends in a space), so what netsim predicts for
    ``curl http://example.com/`` is what the lab prints.
    """
    body = f"netsim-lab internet: {address}\n"
    return WebSite(
        index=HttpResponse(status="HTTP/1.0 200 OK", headers=(
            ("Server", "netsim-lab-internet "), ("Date", HTTP_DATE),
            ("Content-Type", "text/plain"), ("Content-Length", str(len(body)))), body=body),
        head=_INTERNET_HEAD,
        sources=("conformance/lab/bin/inetweb.py",),
    )


# ============================================================================================
# Package managers: installing a tool into a running container (the seed installs dnsutils)
# ============================================================================================

PackageManager = Literal["apt-get", "apk", "yum", "microdnf"]

#: the version string ``dig`` prints (``; <<>> DiG VERSION <<>> name``) for the BIND tools an
#: image has or installs, by release (sources: the distributions' package versions)
DIG_VERSIONS: Final[Mapping[str, str]] = MappingProxyType({
    # Debian 13 trixie bind9-dnsutils (packages.debian.org/trixie/bind9-dnsutils)
    "debian": "9.20.15-1~deb13u1-Debian",
    # Ubuntu 24.04 noble-updates bind9-dnsutils (packages.ubuntu.com/noble-updates)
    "ubuntu-24.04": "9.18.39-0ubuntu0.24.04.2-Ubuntu",
    # Ubuntu 14.04 trusty-security dnsutils (launchpad.net/ubuntu/+source/bind9)
    "ubuntu-14.04": "9.9.5-3ubuntu0.19-Ubuntu",
    # Alpine 3.22 bind-tools (pkgs.alpinelinux.org/package/v3.22/main/x86_64/bind-tools)
    "alpine": "9.20.15",
    # CentOS 7.9 bind-utils (vault.centos.org 7.9.2009 updates)
    "centos-7": "9.11.4-P2-RedHat-9.11.4-26.P2.el7_9.16",
    # Oracle Linux 9 bind-utils (yum.oracle.com ol9 appstream)
    "oraclelinux": "9.16.23-RH",
    # the conformance lab's debian stand-in: trixie's bind9-dnsutils when the lab was built
    # (conformance/recorded/*: "DiG 9.20.30-1~deb13u1-Debian")
    "netsim-lab-debian": "9.20.30-1~deb13u1-Debian",
})

#: what installing a package adds, by package manager and package name
_PACKAGES: Final[Mapping[str, Mapping[str, Mapping[str, ToolImpl]]]] = MappingProxyType({
    "apt-get": MappingProxyType({
        # Debian/Ubuntu: dnsutils is the transitional name of bind9-dnsutils (since bullseye)
        "dnsutils": MappingProxyType({"dig": "bind", "nslookup": "bind", "host": "bind"}),
        "bind9-dnsutils": MappingProxyType({"dig": "bind", "nslookup": "bind", "host": "bind"}),
        "bind9-host": MappingProxyType({"host": "bind"}),
        "iputils-ping": MappingProxyType({"ping": "iputils"}),
        "curl": MappingProxyType({"curl": "curl"}),
        "netcat-openbsd": MappingProxyType({"nc": "netcat-openbsd"}),
        "netcat": MappingProxyType({"nc": "netcat-openbsd"}),
        "iproute2": MappingProxyType({"ip": "iproute2"}),
        "net-tools": MappingProxyType({"ifconfig": "net-tools", "route": "net-tools",
                                       "netstat": "net-tools"}),
    }),
    "apk": MappingProxyType({
        # Alpine: bind-tools gives dig, host, nslookup (aports main/bind APKBUILD)
        "bind-tools": MappingProxyType({"dig": "bind", "nslookup": "bind", "host": "bind"}),
        "iputils": MappingProxyType({"ping": "iputils"}),
        "iputils-ping": MappingProxyType({"ping": "iputils"}),
        "curl": MappingProxyType({"curl": "curl"}),
        "netcat-openbsd": MappingProxyType({"nc": "netcat-openbsd"}),
        "iproute2": MappingProxyType({"ip": "iproute2"}),
    }),
    "yum": MappingProxyType({
        "bind-utils": MappingProxyType({"dig": "bind", "nslookup": "bind", "host": "bind"}),
        "iputils": MappingProxyType({"ping": "iputils"}),
        "curl": MappingProxyType({"curl": "curl"}),
        "iproute": MappingProxyType({"ip": "iproute2"}),
        "net-tools": MappingProxyType({"ifconfig": "net-tools", "route": "net-tools",
                                       "netstat": "net-tools"}),
    }),
})
PACKAGES: Final[Mapping[str, Mapping[str, Mapping[str, ToolImpl]]]] = MappingProxyType(
    {**_PACKAGES, "microdnf": _PACKAGES["yum"]})


def image_release(info: ImageInfo) -> str:
    """The distribution release an image is built on (a key of :data:`DIG_VERSIONS`)."""
    base = info.base.lower()
    if base.startswith("netsim-lab"):
        return "netsim-lab-debian"
    if "alpine" in base:
        return "alpine"
    if "14.04" in base:
        return "ubuntu-14.04"
    if "ubuntu" in base:
        return "ubuntu-24.04"
    if "centos" in base:
        return "centos-7"
    if "oraclelinux" in base:
        return "oraclelinux"
    return "debian"


def package_manager(info: ImageInfo) -> PackageManager | None:
    """The package manager in an image (None: ``scratch`` images such as busybox)."""
    base = info.base.lower()
    if base.startswith("scratch"):
        return None
    release = image_release(info)
    if release == "alpine":
        return "apk"
    if release == "centos-7" or base.startswith("oraclelinux:7"):
        return "yum"
    if release == "oraclelinux":
        return "microdnf"
    return "apt-get"
