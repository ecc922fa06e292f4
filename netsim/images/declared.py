"""What an input declares about an image (or one container) that the catalogue does not tell:
the ports it listens on and exposes, whether it keeps running, and which probe tools it has.

The words are those of the ``# netsim: image NAME …`` and ``# netsim: container NAME …``
directives and of a scenario's ``images:``/``containers:`` entries:

* ports: ``9090`` (TCP) or ``9090/tcp``, ``53/udp``, ``132/sctp``, comma-separated;
* tools: names of :data:`netsim.images.TOOL_NAMES` or of a shell (``sh``, ``bash`` …),
  comma-separated; ``NAME=IMPL`` picks the implementation (``ping=iputils``), a bare name takes
  the first of :data:`TOOL_IMPLS` (BusyBox's applet where BusyBox has one: an image whose
  tools one lists by hand is most often a small BusyBox-based one, as ``prom/prometheus``).

A declared tool list is the whole list: a tool not in it is missing (``docker exec`` prints
runc's ``executable file not found in $PATH``, a shell its ``not found``), as in a catalogued
image that lacks it. Without a tool list, an image netsim does not know is taken to have a
Debian-like set (:func:`netsim.probes.toolbox.debian_like`: iputils ping, curl, OpenBSD nc,
BIND's dig, iproute2 … but no wget).

>>> parse_tools("sh,wget,ping=iputils")
('ping=iputils', 'sh', 'wget=busybox')
>>> declared_toolset(parse_tools("sh,wget"))
({'wget': 'busybox'}, frozenset({'sh'}))
>>> parse_ports("9090,53/udp")
('53/udp', '9090/tcp')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Final, cast, get_args

from netsim.images.models import TOOL_NAMES, ToolImpl, check_ports
from netsim.images.programs import SHELLS

if TYPE_CHECKING:
    from netsim.api.scenario import ContainerDecl, ImageDecl

__all__ = [
    "CONTAINER_FORM",
    "DECLARABLE_SHELLS",
    "IMAGE_FORM",
    "TOOL_IMPLS",
    "container_decl",
    "declared_toolset",
    "image_decl",
    "parse_ports",
    "parse_tools",
    "read_settings",
    "unknown_image_note",
]

#: the implementations a declared tool may name, the default (a bare name) first: those the
#: catalogue's images and packages have (netsim simulates each; see netsim.probes' needs)
TOOL_IMPLS: Final[Mapping[str, tuple[ToolImpl, ...]]] = {
    "ping": ("busybox", "iputils"),
    "curl": ("curl",),
    "wget": ("busybox", "wget"),
    "nc": ("busybox", "netcat-openbsd"),
    "dig": ("bind",),
    "nslookup": ("busybox", "bind"),
    "host": ("bind",),
    "getent": ("glibc", "musl"),
    "ip": ("busybox", "iproute2"),
    "ifconfig": ("busybox", "net-tools", "net-tools-1.60"),
    "hostname": ("busybox", "hostname"),
    "route": ("busybox", "net-tools", "net-tools-1.60"),
    "netstat": ("busybox", "net-tools", "net-tools-1.60"),
    "cat": ("busybox", "gnu"),
}
assert tuple(TOOL_IMPLS) == TOOL_NAMES  # one entry per tool, in TOOL_NAMES' order
assert all(set(v) <= set(get_args(ToolImpl)) for v in TOOL_IMPLS.values())

#: the shells a tool list may name (``sh -c``, ``docker exec -it C bash``)
DECLARABLE_SHELLS: Final = tuple(sorted(SHELLS))

#: what a tool list accepts, for error messages
TOOLS_ACCEPTED: Final = (", ".join(TOOL_NAMES) + ", " + ", ".join(DECLARABLE_SHELLS)
                         + " (NAME=IMPL for another implementation, e.g. ping=iputils)")


def parse_ports(text: str) -> tuple[str, ...]:
    """Comma-separated ports (``9090``, ``53/udp``) as the catalogue writes them: ``9090/tcp``,
    unique, sorted; ValueError naming the first that is not one."""
    out: set[str] = set()
    for word in text.split(","):
        word = word.strip()
        if not word:
            continue
        spec = word if "/" in word else f"{word}/tcp"
        try:
            check_ports((spec,))
        except ValueError:
            raise ValueError(f"{word!r} is not a port (accepted: 1-65535, optionally "
                             "/tcp, /udp or /sctp)") from None
        out.add(spec)
    if not out:
        raise ValueError("no port given (accepted: PORT[/tcp|udp|sctp],…)")
    return tuple(sorted(out, key=lambda s: (int(s.split("/")[0]), s.split("/")[1])))


def parse_tools(text: str | Iterable[str]) -> tuple[str, ...]:
    """A tool list (``sh,wget,ping=iputils``, or its words) as entries ``NAME=IMPL`` (a tool)
    or ``NAME`` (a shell), sorted by name; ValueError naming the first wrong entry."""
    words = text.split(",") if isinstance(text, str) else list(text)
    chosen: dict[str, str] = {}
    for word in words:
        word = word.strip()
        if not word:
            continue
        name, sep, impl = word.partition("=")
        if name in SHELLS and not sep:
            entry = name
        elif name in TOOL_IMPLS:
            allowed = TOOL_IMPLS[name]
            if sep and impl not in allowed:
                raise ValueError(f"{word!r}: netsim knows {name} as "
                                 + ", ".join(allowed))
            entry = f"{name}={impl or allowed[0]}"
        else:
            raise ValueError(f"unknown tool {word!r} (accepted: {TOOLS_ACCEPTED})")
        if chosen.setdefault(name, entry) != entry:
            raise ValueError(f"{name} is given twice ({chosen[name]!r} and {entry!r})")
    return tuple(chosen[k] for k in sorted(chosen))


#: a directive's setting words (both forms: ``listens 80`` and ``listen=80``) → the field
_SETTINGS: Final = {"listens": "listen", "listen": "listen", "exposes": "expose",
                    "expose": "expose", "runs": "runs", "tools": "tools"}
_RUNS: Final = ("server", "shell", "exits")


def read_settings(words: Sequence[str], fields: Sequence[str]) -> dict[str, Any]:
    """A directive's settings after its NAME: ``listens 9090/tcp tools sh,wget`` (a keyword,
    then its comma list; a list may go on after a word ending in ``,``) or the older
    ``listen=9090 runs=server``, as fields ``listen``/``expose`` (ports), ``runs`` (server,
    shell or exits) and ``tools`` (:func:`parse_tools`); only ``fields`` are accepted.
    ValueError naming the first wrong word.

    >>> read_settings(["listens", "9090", "tools", "sh,", "wget"], ["listen", "tools"])
    {'listen': ('9090/tcp',), 'tools': ('sh', 'wget=busybox')}
    >>> read_settings(["expose=80/tcp", "runs=shell"], ["expose", "listen", "runs", "tools"])
    {'expose': ('80/tcp',), 'runs': 'shell'}
    """
    accepted = ", ".join(k for k in ("listens", "exposes", "runs", "tools")
                         if _SETTINGS[k] in fields)
    out: dict[str, Any] = {}
    i = 0
    while i < len(words):
        word = words[i]
        key, sep, value = word.partition("=")
        field = _SETTINGS.get(key)
        if field is None or field not in fields:
            raise ValueError(f"unknown setting {word!r} (accepted: {accepted})")
        i += 1
        if not sep:
            if i == len(words):
                raise ValueError(f"{key!r} needs a value")
            value = words[i]
            i += 1
        while value.endswith(",") and i < len(words):  # "sh, wget": one list
            value += words[i]
            i += 1
        if field in out:
            raise ValueError(f"{key!r} is given twice")
        if field in ("listen", "expose"):
            out[field] = parse_ports(value)
        elif field == "tools":
            out[field] = parse_tools(value)
        elif value in _RUNS:
            out[field] = value
        else:
            raise ValueError(f"runs {value!r}: accepted: {', '.join(_RUNS)}")
    return out


#: the directives' forms, for their error messages
IMAGE_FORM: Final = ("# netsim: image NAME [listens PORT[/tcp|udp],…] [exposes PORT,…] "
                     "[runs server|shell|exits] [tools TOOL[=IMPL],…] (or expose=… listen=… "
                     "runs=…)")
CONTAINER_FORM: Final = ("# netsim: container NAME [listens PORT[/tcp|udp],…] "
                         "[runs server|shell|exits] [tools TOOL[=IMPL],…]")


def _named(kind: str, words: Sequence[str], fields: Sequence[str]) -> tuple[str, dict[str, Any]]:
    if not words or words[0].partition("=")[0] in _SETTINGS:
        raise ValueError(f"an {kind} directive needs the {kind} name first"
                         if kind[0] in "aeiou" else
                         f"a {kind} directive needs the {kind} name first")
    return words[0], read_settings(words[1:], fields)


def image_decl(words: Sequence[str]) -> ImageDecl:
    """``# netsim: image NAME [listens …] [exposes …] [runs …] [tools …]`` (or the older
    ``expose=… listen=… runs=…``), its words after ``image``; ValueError when malformed."""
    from netsim.api.scenario import ImageDecl
    from netsim.images.reference import parse_image_ref

    name, settings = _named("image", words, ("listen", "expose", "runs", "tools"))
    parse_image_ref(name)  # ValueError with Docker's words for a name Docker refuses
    return ImageDecl(name=name, **settings)


def container_decl(words: Sequence[str], host: str) -> ContainerDecl:
    """``# netsim: container NAME [listens …] [runs …] [tools …]``, its words after
    ``container``, for the container of that name on ``host``; ValueError when malformed."""
    from netsim.api.scenario import ContainerDecl

    name, settings = _named("container", words, ("listen", "runs", "tools"))
    return ContainerDecl(name=name.lstrip("/"), host=host, **settings)


def declared_toolset(entries: Iterable[str]) -> tuple[dict[str, ToolImpl], frozenset[str]]:
    """The tools (name → implementation, as ``ImageInfo.tools``) and the shells of entries
    :func:`parse_tools` made."""
    tools: dict[str, ToolImpl] = {}
    shells: set[str] = set()
    for entry in entries:
        name, sep, impl = entry.partition("=")
        if sep:
            tools[name] = cast(ToolImpl, impl)
        else:
            shells.add(name)
    return tools, frozenset(shells)


def unknown_image_note(image: str, *, scenario: bool = False, dump: bool = False) -> str:
    """What a run says once about an image the catalogue does not know and no directive
    declares (printed as ``netsim: …`` on stderr). How to declare it is the input's own way:
    a comment line in a script or compose file, an ``images:`` entry in a ``scenario`` or, for
    a ``dump``, in its hosts.yaml.

    >>> print(unknown_image_note("prom/prometheus"))
    image prom/prometheus is not in netsim's catalogue: it is taken to keep running, listening \
on no port, with Debian's network tools (ping, curl, nc, dig, ip; no wget); declare what it \
has: # netsim: image prom/prometheus listens PORT/tcp,… tools TOOL,…
    >>> print(unknown_image_note("prom/prometheus", scenario=True).split("; ")[-1])
    declare what it has: images: [{name: prom/prometheus, listen: [PORT/tcp, …], tools: \
[TOOL, …]}]
    """
    how = (f"images: [{{name: {image}, listen: [PORT/tcp, …], tools: [TOOL, …]}}]"
           if scenario or dump else f"# netsim: image {image} listens PORT/tcp,… tools TOOL,…")
    if dump:
        how = f"hosts.yaml {how}"
    return (f"image {image} is not in netsim's catalogue: it is taken to keep running, "
            "listening on no port, with Debian's network tools (ping, curl, nc, dig, ip; no "
            f"wget); declare what it has: {how}")
