"""The shapes of the image catalogue's facts: what an image holds, what its web server answers,
which tag family a fact set applies to, and how a program behaves as a container's PID 1.

The facts themselves are data (``catalogue.yaml`` beside this module, read by
:mod:`netsim.images.catalogue`); these models validate them (unknown keys are refused).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from fnmatch import fnmatchcase
from typing import Final, Literal

from pydantic import BaseModel, Field, field_validator

from netsim.images.rules import RUN_RULES

__all__ = [
    "HTTP_DATE",
    "TOOL_NAMES",
    "CatalogEntry",
    "EnvRequirement",
    "HttpResponse",
    "ImageExtras",
    "ImageInfo",
    "Libc",
    "PackageManager",
    "ProgramFacts",
    "Runs",
    "TagRule",
    "ToolImpl",
    "WebSite",
    "check_ports",
]

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


def check_ports(value: tuple[str, ...]) -> tuple[str, ...]:
    """Ports as the catalogue writes them: ``"80/tcp"`` …, unique, sorted by (number, proto)."""
    for spec in value:
        m = _PORT_RE.fullmatch(spec)
        if m is None or int(m.group(1)) > 65535:
            raise ValueError(f"port must look like '80/tcp', got {spec!r}")
    if list(value) != sorted(set(value), key=_port_key):
        raise ValueError("ports must be unique and sorted by (number, proto)")
    return value


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
    #: the image config's ``StopSignal`` (Dockerfile ``STOPSIGNAL``); "": none known
    stop_signal: str = ""
    #: the image config's ``Labels`` (Dockerfile ``LABEL``) that netsim knows; docker inspect
    #: shows them under ``Config.Labels`` with the container's own
    labels: Mapping[str, str] = Field(default_factory=dict)
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
    #: the image's size in bytes as ``docker images`` shows it, when measured (the lab's
    #: stand-ins); None: not known
    size: int | None = None
    #: its server speaks the Docker Registry HTTP API v2 on what it listens on (registry:2,
    #: distribution): ``docker push``/``pull`` store in and read from it, ``curl …/v2/…``
    #: answers with what was pushed
    registry_api: bool = False

    @field_validator("exposed", "listening")
    @classmethod
    def _ports_valid(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return check_ports(value)

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


class ImageExtras(BaseModel, frozen=True, extra="forbid"):
    """The image config's ``StopSignal`` and ``Labels`` as ``docker inspect`` shows them for a
    container of the image ("" and none: not known)."""

    stop_signal: str = ""
    labels: Mapping[str, str] = Field(default_factory=dict)


PackageManager = Literal["apt-get", "apk", "yum", "microdnf"]


class ProgramFacts(BaseModel, frozen=True, extra="forbid"):
    """How a program behaves as a container's main process (PID 1).

    ``runs``: ``ends`` (it does its job and ends), ``forever`` (it runs until stopped), or the
    name of a rule in :data:`netsim.images.rules.RUN_RULES` that decides from its arguments;
    None: not known (assumed to keep running). ``stop``: ``handles`` (it installs a handler for
    the stop signals and exits cleanly) or ``ignores`` (it installs none: as PID 1 it ignores
    them); None: not known (assumed to handle them).
    """

    runs: str | None = None
    stop: Literal["handles", "ignores"] | None = None

    @field_validator("runs")
    @classmethod
    def _known_rule(cls, value: str | None) -> str | None:
        if value is not None and value not in ("ends", "forever") and value not in RUN_RULES:
            raise ValueError(f"runs must be 'ends', 'forever' or a rule of "
                             f"netsim.images.rules.RUN_RULES ({', '.join(sorted(RUN_RULES))})")
        return value


