"""Where each container, network and endpoint of a State came from: the input line that made it.

A State does not remember the commands that built it; the replay's steps do (each has the line
it starts on, the Docker host it ran on and its text). :func:`origins` reads the steps again
with the docker CLI's own parser (:func:`netsim.dockercli.parse.parse_docker_argv`, as
:mod:`netsim.hints` does) and keeps, for each object, the line of the command that created
it:

* ``docker run|create --name C`` (or, without ``--name``, the ID the command printed, else the
  next container created without a name) a container and its endpoints;
* ``docker network create N`` a network; ``docker network connect [--alias …] N C`` an
  endpoint; ``docker rename A B`` carries A's line over to B;
* ``docker compose … up`` (and ``docker-compose``) what Compose created: where the compose
  file can be read (``read_text``), the line of the service's (or network's) key in it, which
  is where a reader fixes it; else the ``up`` line;
* a scenario's steps are written as docker commands (:func:`netsim.lab.describe`), so the same
  reading gives their lines.

A failed command keeps a line only for a name no other command made (``docker run -p …``
that could not start still created its container). What no step made (a ``docker inspect``
dump) has no line: its place is the input file itself.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from netsim.errors import NetsimError
from netsim.state import ContainerState, State

__all__ = ["Origins", "ReadStep", "StepLike", "compose_key_line", "origins", "parse_docker",
           "read_steps", "step_argv"]

#: a Docker host's file, read as the replay's commands saw it (None: it cannot be read)
ReadText = Callable[[str, str], str | None]

_ID = re.compile(r"\b[0-9a-f]{64}\b")

#: the labels Compose puts on what it creates (docker/compose pkg/api/labels.go)
_PROJECT = "com.docker.compose.project"
_SERVICE = "com.docker.compose.service"
_CONFIG_FILES = "com.docker.compose.project.config_files"
_NETWORK = "com.docker.compose.network"


class StepLike(Protocol):
    """What lint reads of a replay's step (:class:`netsim.lab.Step`)."""

    @property
    def line(self) -> int: ...
    @property
    def host(self) -> str: ...
    @property
    def command(self) -> str: ...
    @property
    def where(self) -> str: ...
    @property
    def exit_code(self) -> int: ...
    @property
    def stdout(self) -> str: ...
    @property
    def stderr(self) -> str: ...


@dataclass(frozen=True, slots=True)
class ReadStep:
    """A step with its words (:func:`step_argv`) and, for a docker command lint looks at, the
    CLI's reading of them: (command, flags, args), None otherwise."""

    step: StepLike
    argv: tuple[str, ...]
    docker: tuple[str, tuple[tuple[str, str], ...], tuple[str, ...]] | None = None


#: the docker commands lint reads (any other docker line is not parsed)
_READ = frozenset({"run", "create", "connect", "disconnect", "rename", "exec", "rm", "stop",
                   "kill", "start", "restart"})

#: what ``docker compose up|run|create`` prints on stderr for each object it makes
#: (docker/compose pkg/progress: `` Container NAME  Created``; a recreated one
#: ``Recreated``)
_MADE = re.compile(r"^\s*(?:[✔✓]\s*)?(?P<kind>Container|Network)\s+(?P<name>\S+)\s+"
                   r"(?:Created|Recreated)\s*$", re.MULTILINE)


def read_steps(steps: Iterable[StepLike], state: State) -> list[ReadStep]:
    """Each step's words, and the docker CLI's reading of the commands lint looks at (each
    line parsed once for every rule)."""
    out = []
    for step in steps:
        argv = step_argv(step.command)
        parsed = None
        if (argv and argv[0] == "docker" and not step.where.startswith("container:")
                and not _is_compose_up(argv) and _READ.intersection(argv)):
            parsed = parse_docker(argv, state)
        out.append(ReadStep(step, argv, parsed))
    return out


@dataclass(frozen=True)
class Origins:
    """The lines that made each object, by (host, name) and (host, container, network).

    ``places`` holds the objects Compose made whose compose file names them: (file, line).
    """

    source: str
    containers: Mapping[tuple[str, str], int] = field(default_factory=dict)
    networks: Mapping[tuple[str, str], int] = field(default_factory=dict)
    endpoints: Mapping[tuple[str, str, str], int] = field(default_factory=dict)
    places: Mapping[tuple[str, str, str], tuple[str, int]] = field(default_factory=dict)
    #: the containers the replay stopped last (``docker stop|kill``, not started since), by
    #: (host, name)
    stopped: frozenset[tuple[str, str]] = frozenset()

    def where(self, line: int, file: str | None = None) -> str:
        """``FILE:LINE``, ``FILE`` (no line), ``line N`` (no file) or ``(no line)``."""
        name = file if file is not None else self.source
        if name and line:
            return f"{name}:{line}"
        if name:
            return name
        return f"line {line}" if line else "(no line)"

    def container(self, host: str, name: str) -> tuple[int, str]:
        """(line, where) of the command that created the container."""
        placed = self.places.get(("container", host, name))
        if placed is not None:
            return placed[1], self.where(placed[1], placed[0])
        line = self.containers.get((host, name), 0)
        return line, self.where(line)

    def endpoint(self, host: str, name: str, network: str) -> tuple[int, str]:
        """(line, where) of the command that attached the container to the network: its
        ``network connect``, else the command that created it."""
        line = self.endpoints.get((host, name, network))
        if line is None:
            return self.container(host, name)
        return line, self.where(line)

    def network(self, host: str, name: str) -> tuple[int, str]:
        """(line, where) of the command that created the network (a swarm-scoped one: on
        whichever host it was created)."""
        placed = self.places.get(("network", host, name))
        if placed is not None:
            return placed[1], self.where(placed[1], placed[0])
        line = self.networks.get((host, name))
        if line is None:
            line = next((n for (_, net), n in sorted(self.networks.items()) if net == name), 0)
        return line, self.where(line)


def step_argv(command: str) -> tuple[str, ...]:
    """The words of a step's command line, as the replay split them (continuations joined,
    typographic dashes read as ``--``); () when it is no command."""
    from netsim.io.script import parse_script

    try:
        lines = parse_script(command, source="lint")
    except NetsimError:
        return ()
    return next((sl.argv for sl in lines if sl.directive is None and sl.argv), ())


def parse_docker(argv: Sequence[str], state: State) -> tuple[str, tuple[tuple[str, str], ...],
                                                          tuple[str, ...]] | None:
    """(command, flags, args) of ``docker …`` words, None when the CLI refuses them."""
    from netsim.dockercli.parse import parse_docker_argv

    try:
        p = parse_docker_argv(list(argv[1:]), daemon=None, profile=state.profile)
    except (NetsimError, ValueError):
        return None
    if p.help:
        return None
    return p.command, p.flags, p.args


def _is_compose_up(argv: Sequence[str]) -> bool:
    """``docker [global options] compose … up|run|create|scale …`` (``docker-compose …``)."""
    words = list(argv)
    if words and words[0] == "docker-compose":
        words = ["docker", "compose", *words[1:]]
    if "compose" not in words[1:]:
        return False
    rest = words[words.index("compose") + 1:]
    return any(w in ("up", "run", "create", "scale") for w in rest)


def _resolve(state: State, host: str, ref: str) -> str | None:
    """The name of the container ``ref`` (a name or an ID prefix) on ``host``."""
    hs = state.hosts.get(host)
    if hs is None:
        return None
    if ref in hs.containers:
        return ref
    found = [c.name for c in hs.containers.values() if ref and c.id.startswith(ref)]
    return found[0] if len(found) == 1 else None


def origins(state: State, steps: Iterable[ReadStep], *, source: str = "",
            read_text: ReadText | None = None) -> Origins:
    """Where each object of ``state`` was made, from the replay's steps (:func:`read_steps`).

    ``source`` names the input in ``where`` (``FILE:LINE``); ``read_text(host, path)`` reads a
    compose file as that host's commands saw it (None: the ``up`` line stands for what
    Compose made).
    """
    containers: dict[tuple[str, str], int] = {}
    networks: dict[tuple[str, str], int] = {}
    endpoints: dict[tuple[str, str, str], int] = {}
    unnamed: dict[str, list[int]] = {}
    compose_up: dict[str, int] = {}
    composed: dict[tuple[str, str, str], int] = {}  # (kind, host, name) -> its up line
    by_id = {c.id: (c.host, c.name) for c in state.containers()}
    #: the IDs the replay's commands printed, with the name of the container they made (one
    #: removed since is not in the final state)
    printed: dict[tuple[str, str], str] = {}

    def keep(table: dict[tuple[str, str], int], key: tuple[str, str], line: int,
             ok: bool) -> bool:
        if ok or key not in table:
            table[key] = line
            return True
        return False

    def named(host: str, ref: str) -> str:
        """A container reference of a command (a name, or an ID or its prefix) as a name."""
        found = _resolve(state, host, ref)
        if found is not None:
            return found
        hits = {n for (h, i), n in printed.items() if h == host and ref and i.startswith(ref)}
        return hits.pop() if len(hits) == 1 else ref

    stopped: set[tuple[str, str]] = set()

    def forget(host: str, name: str) -> None:
        """The container is gone (``docker rm``): a later one of that name is another."""
        stopped.discard((host, name))
        containers.pop((host, name), None)
        for key in [k for k in endpoints if k[:2] == (host, name)]:
            del endpoints[key]

    for read in steps:
        step, argv, parsed = read.step, read.argv, read.docker
        if step.where.startswith("container:"):
            continue  # typed inside a container's shell: no docker command
        if not argv or argv[0] not in ("docker", "docker-compose"):
            continue
        host, line, ok = step.host, step.line, step.exit_code == 0
        if _is_compose_up(argv):
            compose_up.setdefault(host, line)
            for m in _MADE.finditer(step.stderr):
                composed[(m.group("kind").lower(), host, m.group("name"))] = line
            continue
        if parsed is None:
            continue
        command, flags, args = parsed
        if command in ("run", "create"):
            name = next((v for k, v in reversed(flags) if k == "name"), None)
            found = _ID.search(step.stdout)
            if name is None and found is not None and found.group(0) in by_id:
                name = by_id[found.group(0)][1]
            if name is None:
                unnamed.setdefault(host, []).append(line)
            elif keep(containers, (host, name), line, ok):
                # a new container of that name: its endpoints are its own (a `network
                # connect` of a container removed since does not place them)
                for key in [k for k in endpoints if k[:2] == (host, name)]:
                    del endpoints[key]
            if name is not None and found is not None:
                printed[(host, found.group(0))] = name
            if name is not None:
                stopped.discard((host, name))
        elif command == "network create" and args:
            keep(networks, (host, args[0]), line, ok)
        elif command == "network connect" and len(args) >= 2:
            target = _resolve(state, host, args[1])
            if target is not None and ok:
                endpoints[(host, target, args[0])] = line
        elif command == "network disconnect" and len(args) >= 2 and ok:
            endpoints.pop((host, named(host, args[1]), args[0]), None)
        elif command == "rm" and ok:
            for ref in args:
                forget(host, named(host, ref))
        elif command in ("stop", "kill", "start", "restart"):
            # (a failed one may have done part of its list: each name that is a container)
            for ref in args:
                if command in ("stop", "kill"):
                    stopped.add((host, named(host, ref)))
                else:
                    stopped.discard((host, named(host, ref)))
        elif command == "rename" and len(args) == 2 and ok:
            old = named(host, args[0])
            if (host, old) in containers:
                containers[(host, args[1])] = containers.pop((host, old))
            for key in [k for k in endpoints if k[:2] == (host, old)]:
                endpoints[(host, args[1], key[2])] = endpoints.pop(key)
            for seen in [k for k, n in printed.items() if k[0] == host and n == old]:
                printed[seen] = args[1]
            if (host, old) in stopped:
                stopped.discard((host, old))
                stopped.add((host, args[1]))
    _unnamed(state, containers, unnamed)
    places: dict[tuple[str, str, str], tuple[str, int]] = {}
    for c in state.containers():
        project = c.spec.Config.Labels.get(_PROJECT)
        if project is None or (c.host, c.name) in containers:
            continue
        containers[(c.host, c.name)] = composed.get(("container", c.host, c.name),
                                                    compose_up.get(c.host, 0))
        placed = _compose_place(c, read_text, source) if read_text is not None else None
        if placed is not None:
            places[("container", c.host, c.name)] = placed
    for hname, hs in state.hosts.items():
        for net in hs.networks.values():
            project = net.labels.get(_PROJECT)
            if project is None or (hname, net.name) in networks:
                continue
            networks[(hname, net.name)] = composed.get(("network", hname, net.name),
                                                       compose_up.get(hname, 0))
            owner = next((c for c in hs.containers.values()
                          if c.spec.Config.Labels.get(_PROJECT) == project), None)
            entry = net.labels.get(_NETWORK)
            if owner is not None and entry is not None and read_text is not None:
                placed = _file_key(owner, "networks", entry, read_text, source)
                if placed is not None:
                    places[("network", hname, net.name)] = placed
    return Origins(source, containers, networks, endpoints, places, frozenset(stopped))


def _unnamed(state: State, containers: dict[tuple[str, str], int],
             unnamed: Mapping[str, list[int]]) -> None:
    """Containers created without ``--name`` whose command printed no ID (``docker run -it``):
    the remaining ones of each host, in the order the engine created them, take the remaining
    lines of such commands, in order."""
    for host, lines in unnamed.items():
        hs = state.hosts.get(host)
        if hs is None:
            continue
        left = sorted((c for c in hs.containers.values()
                       if (host, c.name) not in containers
                       and _PROJECT not in c.spec.Config.Labels),
                      key=lambda c: (c.created, c.created_ns))
        for c, line in zip(left, lines, strict=False):
            containers[(host, c.name)] = line


def _compose_place(c: ContainerState, read_text: ReadText,
                   source: str) -> tuple[str, int] | None:
    """(file, line) of the service key of a container Compose made."""
    service = c.spec.Config.Labels.get(_SERVICE)
    if service is None:
        return None
    return _file_key(c, "services", service, read_text, source)


def _file_key(owner: ContainerState, section: str, key: str, read_text: ReadText,
              source: str) -> tuple[str, int] | None:
    """(file, line) of ``key`` under the top-level ``section`` of the project's compose files
    (the first file that has it), the file named as ``source`` when it is that file."""
    for path in owner.spec.Config.Labels.get(_CONFIG_FILES, "").split(","):
        if not path:
            continue
        try:
            text = read_text(owner.host, path)
        except (OSError, ValueError):
            text = None
        if text is None:
            continue
        line = compose_key_line(text, section, key)
        if line:
            return _shown(path, source), line
    return None


def _shown(path: str, source: str) -> str:
    """The file as the user named it (``source``) when it is the same file, else its path."""
    if source and source not in ("-", "<stdin>"):
        norm = posixpath.normpath(source.replace("\\", "/"))
        if path == norm or path.endswith("/" + norm.removeprefix("./")):
            return source
    return path


def compose_key_line(text: str, section: str, key: str) -> int:
    """The 1-based line of ``key`` directly under the top-level mapping key ``section`` of a
    compose file (a block mapping, as people write them), 0 when not found.

    >>> compose_key_line("services:\\n  web:\\n    image: nginx\\n  db:\\n    image: x\\n",
    ...                  "services", "db")
    4
    """
    inside = False
    child_indent: int | None = None
    pattern = re.compile(rf"""['"]?{re.escape(key)}['"]?\s*:(\s|$)""")
    for number, raw in enumerate(text.splitlines(), 1):
        body = raw.rstrip()
        if not body.strip() or body.lstrip().startswith("#"):
            continue
        indent = len(body) - len(body.lstrip())
        if indent == 0:
            inside = re.match(rf"""['"]?{re.escape(section)}['"]?\s*:""", body) is not None
            child_indent = None
            continue
        if not inside:
            continue
        if child_indent is None:
            child_indent = indent
        if indent == child_indent and pattern.match(body.lstrip()):
            return number
    return 0
