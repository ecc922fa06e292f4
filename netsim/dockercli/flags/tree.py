"""docker's cobra command tree (docker/cli v29.1.0: cmd/docker/docker.go and the
cli/command/*/cmd.go that register the commands): the simulated commands with their flags,
usage and argument rules, and the real commands netsim does not simulate."""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from netsim.dockercli.flags.container import (
    ATTACH_FLAGS,
    CONTAINER_INSPECT_FLAGS,
    CREATE_FLAGS,
    EXEC_FLAGS,
    KILL_FLAGS,
    LOGS_FLAGS,
    PRUNE_FLAGS,
    PS_FLAGS,
    RM_FLAGS,
    RUN_FLAGS,
    START_FLAGS,
    STOP_FLAGS,
    UPDATE_FLAGS,
)
from netsim.dockercli.flags.image import (
    BUILD_FLAGS,
    COMMIT_FLAGS,
    IMAGE_INSPECT_FLAGS,
    IMAGES_FLAGS,
    LOAD_FLAGS,
    PULL_FLAGS,
    PUSH_FLAGS,
    RMI_FLAGS,
    SAVE_FLAGS,
    SYSTEM_INSPECT_FLAGS,
)
from netsim.dockercli.flags.network import (
    NETWORK_CONNECT_FLAGS,
    NETWORK_CREATE_FLAGS,
    NETWORK_LS_FLAGS,
)
from netsim.dockercli.flags.spec import (
    SWARM_142,
    Annotations,
    ArgsRule,
    CommandSpec,
    FlagSpec,
    bool_flag,
    min_api,
    str_flag,
)
from netsim.dockercli.flags.swarm import SWARM_INIT_FLAGS, SWARM_JOIN_FLAGS
from netsim.dockercli.flags.volume import VOLUME_CREATE_FLAGS, VOLUME_LS_FLAGS, VOLUME_PRUNE_FLAGS

__all__ = ["COMMANDS", "ROOT", "CommandNode", "storage_group"]


@dataclass(frozen=True, slots=True)
class CommandNode:
    """A node of docker's cobra command tree (``spec`` None: exists but not simulated)."""

    use: str
    aliases: tuple[str, ...] = ()
    spec: CommandSpec | None = None
    children: tuple[CommandNode, ...] = ()
    short: str = ""
    #: the command's name (the first word of its Use)
    name: str = field(init=False, repr=False, compare=False)
    #: the children by name and alias (the first child named or aliased so wins)
    _by_name: Mapping[str, CommandNode] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        named: dict[str, CommandNode] = {}
        for child in self.children:
            for key in (child.name, *child.aliases):
                named.setdefault(key, child)
        # frozen: set once here, derived from the fields above
        object.__setattr__(self, "name", self.use.split(" ", 1)[0])
        object.__setattr__(self, "_by_name", named)

    def find_next(self, word: str) -> CommandNode | None:
        """cobra's findNext: the child named (or aliased) ``word``."""
        return self._by_name.get(word)


@dataclass(frozen=True, slots=True)
class _Def:
    """The definition of a simulated command, before its paths are known."""

    name: str
    use: str
    short: str
    flags: tuple[FlagSpec, ...]
    rule: ArgsRule
    lo: int = 0
    hi: int | None = None
    interspersed: bool = True
    group: bool = False
    annotations: Annotations = ()


_DEFS: tuple[_Def, ...] = (
    _Def("container", "container", "Manage containers", (), "none", group=True),
    _Def("image", "image", "Manage images", (), "none", group=True),
    _Def("network", "network", "Manage networks", (), "none", group=True,
         annotations=min_api("1.21")),
    _Def("volume", "volume COMMAND", "Manage volumes", (), "none", group=True,
         annotations=min_api("1.21")),
    _Def("run", "run [OPTIONS] IMAGE [COMMAND] [ARG...]",
         "Create and run a new container from an image", RUN_FLAGS, "min", 1,
         interspersed=False),
    _Def("create", "create [OPTIONS] IMAGE [COMMAND] [ARG...]", "Create a new container",
         CREATE_FLAGS, "min", 1, interspersed=False),
    _Def("exec", "exec [OPTIONS] CONTAINER COMMAND [ARG...]",
         "Execute a command in a running container", EXEC_FLAGS, "min", 2, interspersed=False),
    _Def("ps", "ps [OPTIONS]", "List containers", PS_FLAGS, "none"),
    _Def("attach", "attach [OPTIONS] CONTAINER",
         "Attach local standard input, output, and error streams to a running container",
         ATTACH_FLAGS, "exact", 1, 1),
    _Def("kill", "kill [OPTIONS] CONTAINER [CONTAINER...]", "Kill one or more running containers",
         KILL_FLAGS, "min", 1),
    _Def("logs", "logs [OPTIONS] CONTAINER", "Fetch the logs of a container", LOGS_FLAGS,
         "exact", 1, 1),
    _Def("pause", "pause CONTAINER [CONTAINER...]",
         "Pause all processes within one or more containers", (), "min", 1),
    _Def("port", "port CONTAINER [PRIVATE_PORT[/PROTO]]",
         "List port mappings or a specific mapping for the container", (), "range", 1, 2),
    _Def("rename", "rename CONTAINER NEW_NAME", "Rename a container", (), "exact", 2, 2),
    _Def("restart", "restart [OPTIONS] CONTAINER [CONTAINER...]", "Restart one or more containers",
         STOP_FLAGS, "min", 1),
    _Def("rm", "rm [OPTIONS] CONTAINER [CONTAINER...]", "Remove one or more containers",
         RM_FLAGS, "min", 1),
    _Def("start", "start [OPTIONS] CONTAINER [CONTAINER...]",
         "Start one or more stopped containers", START_FLAGS, "min", 1),
    _Def("stop", "stop [OPTIONS] CONTAINER [CONTAINER...]", "Stop one or more running containers",
         STOP_FLAGS, "min", 1),
    _Def("top", "top CONTAINER [ps OPTIONS]", "Display the running processes of a container", (),
         "min", 1, interspersed=False),
    _Def("unpause", "unpause CONTAINER [CONTAINER...]",
         "Unpause all processes within one or more containers", (), "min", 1),
    _Def("update", "update [OPTIONS] CONTAINER [CONTAINER...]",
         "Update configuration of one or more containers", UPDATE_FLAGS, "min", 1),
    _Def("container inspect", "inspect [OPTIONS] CONTAINER [CONTAINER...]",
         "Display detailed information on one or more containers", CONTAINER_INSPECT_FLAGS,
         "min", 1),
    _Def("container prune", "prune [OPTIONS]", "Remove all stopped containers", PRUNE_FLAGS,
         "none", annotations=min_api("1.25")),
    _Def("inspect", "inspect [OPTIONS] NAME|ID [NAME|ID...]",
         "Return low-level information on Docker objects", SYSTEM_INSPECT_FLAGS, "min", 1),
    _Def("pull", "pull [OPTIONS] NAME[:TAG|@DIGEST]", "Download an image from a registry",
         PULL_FLAGS, "exact", 1, 1),
    _Def("images", "images [OPTIONS] [REPOSITORY[:TAG]]", "List images", IMAGES_FLAGS, "max",
         0, 1),
    _Def("build", "build [OPTIONS] PATH | URL | -", "Build an image from a Dockerfile",
         BUILD_FLAGS, "exact", 1, 1),
    _Def("push", "push [OPTIONS] NAME[:TAG]", "Upload an image to a registry", PUSH_FLAGS,
         "exact", 1, 1),
    _Def("tag", "tag SOURCE_IMAGE[:TAG] TARGET_IMAGE[:TAG]",
         "Create a tag TARGET_IMAGE that refers to SOURCE_IMAGE", (), "exact", 2, 2),
    _Def("rmi", "rmi [OPTIONS] IMAGE [IMAGE...]", "Remove one or more images", RMI_FLAGS,
         "min", 1),
    _Def("commit", "commit [OPTIONS] CONTAINER [REPOSITORY[:TAG]]",
         "Create a new image from a container's changes", COMMIT_FLAGS, "range", 1, 2),
    _Def("save", "save [OPTIONS] IMAGE [IMAGE...]",
         "Save one or more images to a tar archive (streamed to STDOUT by default)",
         SAVE_FLAGS, "min", 1),
    _Def("load", "load [OPTIONS]", "Load an image from a tar archive or STDIN", LOAD_FLAGS,
         "none"),
    _Def("image inspect", "inspect [OPTIONS] IMAGE [IMAGE...]",
         "Display detailed information on one or more images", IMAGE_INSPECT_FLAGS, "min", 1),
    _Def("network connect", "connect [OPTIONS] NETWORK CONTAINER",
         "Connect a container to a network", NETWORK_CONNECT_FLAGS, "exact", 2, 2),
    _Def("network create", "create [OPTIONS] NETWORK", "Create a network", NETWORK_CREATE_FLAGS,
         "exact", 1, 1),
    _Def("network disconnect", "disconnect [OPTIONS] NETWORK CONTAINER",
         "Disconnect a container from a network", (bool_flag("force", "f"),), "exact", 2, 2),
    _Def("network inspect", "inspect [OPTIONS] NETWORK [NETWORK...]",
         "Display detailed information on one or more networks",
         (str_flag("format", "f"), bool_flag("verbose", "v")), "min", 1),
    _Def("network ls", "ls [OPTIONS]", "List networks", NETWORK_LS_FLAGS, "none"),
    _Def("network prune", "prune [OPTIONS]", "Remove all unused networks", PRUNE_FLAGS, "none",
         annotations=min_api("1.25")),
    _Def("network rm", "rm NETWORK [NETWORK...]", "Remove one or more networks",
         (bool_flag("force", "f"),), "min", 1),
    _Def("volume create", "create [OPTIONS] [VOLUME]", "Create a volume", VOLUME_CREATE_FLAGS,
         "max", 0, 1),
    _Def("volume inspect", "inspect [OPTIONS] VOLUME [VOLUME...]",
         "Display detailed information on one or more volumes", (str_flag("format", "f"),), "min",
         1),
    _Def("volume ls", "ls [OPTIONS]", "List volumes", VOLUME_LS_FLAGS, "none"),
    _Def("volume prune", "prune [OPTIONS]", "Remove unused local volumes", VOLUME_PRUNE_FLAGS,
         "none", annotations=min_api("1.25")),
    _Def("volume rm", "rm [OPTIONS] VOLUME [VOLUME...]", "Remove one or more volumes",
         (bool_flag("force", "f", ann=min_api("1.25")),), "min", 1),
    _Def("swarm", "swarm", "Manage Swarm", (), "none", group=True,
         annotations=(("version", "1.24"), ("swarm", ""))),
    _Def("swarm init", "init [OPTIONS]", "Initialize a swarm", SWARM_INIT_FLAGS, "none"),
    _Def("swarm join", "join [OPTIONS] HOST:PORT", "Join a swarm as a node and/or manager",
         SWARM_JOIN_FLAGS, "exact", 1, 1),
    _Def("swarm leave", "leave [OPTIONS]", "Leave the swarm", (bool_flag("force", "f"),), "none"),
    _Def("swarm join-token", "join-token [OPTIONS] (worker|manager)",
         "Manage join tokens", (bool_flag("quiet", "q"), bool_flag("rotate")), "exact", 1, 1),
    _Def("volume update", "update [OPTIONS] [VOLUME]", "Update a volume (cluster volumes only)",
         (str_flag("availability", default="active", ann=SWARM_142),), "exact", 1, 1,
         annotations=SWARM_142),
)

# Where each simulated command appears: (path, cobra Use of that node, aliases, canonical name).
_PLACES: tuple[tuple[str, str, tuple[str, ...], str], ...] = (
    ("run", "", (), "run"), ("container run", "", (), "run"),
    ("create", "", (), "create"), ("container create", "", (), "create"),
    ("exec", "", (), "exec"), ("container exec", "", (), "exec"),
    ("ps", "", (), "ps"), ("container ls", "ls [OPTIONS]", ("ps", "list"), "ps"),
    ("attach", "", (), "attach"), ("container attach", "", (), "attach"),
    ("kill", "", (), "kill"), ("container kill", "", (), "kill"),
    ("logs", "", (), "logs"), ("container logs", "", (), "logs"),
    ("pause", "", (), "pause"), ("container pause", "", (), "pause"),
    ("port", "", (), "port"), ("container port", "", (), "port"),
    ("rename", "", (), "rename"), ("container rename", "", (), "rename"),
    ("restart", "", (), "restart"), ("container restart", "", (), "restart"),
    ("rm", "", (), "rm"), ("container rm", "", ("rm", "remove"), "rm"),
    ("start", "", (), "start"), ("container start", "", (), "start"),
    ("stop", "", (), "stop"), ("container stop", "", (), "stop"),
    ("top", "", (), "top"), ("container top", "", (), "top"),
    ("unpause", "", (), "unpause"), ("container unpause", "", (), "unpause"),
    ("update", "", (), "update"), ("container update", "", (), "update"),
    ("container inspect", "", (), "container inspect"),
    ("container prune", "", (), "container prune"),
    ("inspect", "", (), "inspect"),
    ("pull", "", (), "pull"), ("image pull", "", (), "pull"),
    ("images", "", (), "images"),
    ("build", "", (), "build"), ("image build", "", (), "build"),
    ("tag", "", (), "tag"), ("image tag", "", (), "tag"),
    ("push", "", (), "push"), ("image push", "", (), "push"),
    ("rmi", "", (), "rmi"), ("image rm", "rm [OPTIONS] IMAGE [IMAGE...]", ("rmi", "remove"),
                             "rmi"),
    ("commit", "", (), "commit"), ("container commit", "", (), "commit"),
    ("save", "", (), "save"), ("image save", "", (), "save"),
    ("load", "", (), "load"), ("image load", "", (), "load"),
    ("image inspect", "", (), "image inspect"),
    ("image ls", "ls [OPTIONS] [REPOSITORY[:TAG]]", ("list",), "images"),
    ("container", "", (), "container"), ("image", "", (), "image"),
    ("network", "", (), "network"), ("volume", "", (), "volume"),
    ("network connect", "", (), "network connect"),
    ("network create", "", (), "network create"),
    ("network disconnect", "", (), "network disconnect"),
    ("network inspect", "", (), "network inspect"),
    ("network ls", "", ("list",), "network ls"),
    ("network prune", "", (), "network prune"),
    ("network rm", "", ("remove",), "network rm"),
    ("volume create", "", (), "volume create"),
    ("volume inspect", "", (), "volume inspect"),
    ("volume ls", "", ("list",), "volume ls"),
    ("volume prune", "", (), "volume prune"),
    ("volume rm", "", ("remove",), "volume rm"),
    ("volume update", "", (), "volume update"),
    ("swarm", "", (), "swarm"),
    ("swarm init", "", (), "swarm init"),
    ("swarm join", "", (), "swarm join"),
    ("swarm leave", "", (), "swarm leave"),
    ("swarm join-token", "", (), "swarm join-token"),
)

# Real commands (registered in cli/command/*/cmd.go at v29.1.0, plus cobra's own) that are not
# simulated, as (path, aliases).  "buildx" and "compose" are CLI plugins, listed so that a script
# using them is reported as not simulated rather than as an unknown command.
_NOT_SIMULATED: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("builder", ()), ("bake", ()), ("checkpoint", ()), ("config", ()),
    ("cp", ()), ("diff", ()), ("export", ()), ("stats", ()), ("wait", ()), ("context", ()),
    ("history", ()), ("import", ()),
    ("manifest", ()), ("node", ()), ("plugin", ()), ("login", ()),
    ("logout", ()), ("search", ()), ("secret", ()), ("service", ()), ("stack", ()),
    ("swarm ca", ()), ("swarm unlock", ()), ("swarm unlock-key", ()), ("swarm update", ()),
    ("system", ()), ("version", ()), ("info", ()), ("events", ()),
    ("help", ()), ("completion", ()), ("__complete", ()), ("__completeNoDesc", ()),
    ("buildx", ()), ("compose", ()),
    ("container cp", ()), ("container diff", ()),
    ("container export", ()), ("container stats", ()), ("container wait", ()),
    ("image history", ()), ("image import", ()),
    ("image prune", ()),
)

# The Short of the commands above that a command group's usage text lists (docker/cli
# v26.1.5 and v29.1.5 alike: cli/command/{container,image,swarm}/*.go).
_NOT_SIMULATED_SHORTS: Mapping[str, str] = MappingProxyType({
    "container cp": "Copy files/folders between a container and the local filesystem",
    "container diff": "Inspect changes to files or directories on a container's filesystem",
    "container export": "Export a container's filesystem as a tar archive",
    "container stats": "Display a live stream of container(s) resource usage statistics",
    "container wait": "Block until one or more containers stop, then print their exit codes",
    "image history": "Show the history of an image",
    "image import": "Import the contents from a tarball to create a filesystem image",
    "image prune": "Remove unused images",
    "swarm ca": "Display and rotate the root CA",
    "swarm unlock": "Unlock swarm",
    "swarm unlock-key": "Manage the unlock key",
    "swarm update": "Update the swarm",
})

_ROOT_USE = "docker [OPTIONS] COMMAND [ARG...]"
_ROOT_SHORT = "A self-sufficient runtime for containers"


def _build() -> tuple[CommandNode, dict[str, CommandSpec]]:
    defs = {d.name: d for d in _DEFS}
    paths_of: dict[str, list[str]] = {}
    for path, _use, aliases, canon in _PLACES:
        paths_of.setdefault(canon, []).append(path)
        for alias in aliases:
            paths_of[canon].append(path.rsplit(" ", 1)[0] + " " + alias)
    specs: dict[str, CommandSpec] = {}
    for d in _DEFS:
        specs[d.name] = CommandSpec(
            name=d.name,
            usage="docker " + (d.name.rsplit(" ", 1)[0] + " " if " " in d.name else "") + d.use,
            short=d.short,
            flags=d.flags,
            interspersed=d.interspersed,
            min_args=d.lo,
            max_args=d.hi if d.rule in ("exact", "range", "max") else (0 if d.rule == "none"
                                                                      else None),
            args_rule=d.rule,
            use=d.use,
            paths=tuple(paths_of[d.name]),
            group=d.group,
            annotations=d.annotations,
        )
    # assemble nodes: children per parent path
    entries: dict[str, tuple[str, tuple[str, ...], CommandSpec | None]] = {}
    for path, use, aliases, canon in _PLACES:
        entries[path] = (use or defs[canon].use, aliases, specs[canon])
    for path, aliases in _NOT_SIMULATED:
        entries[path] = (path.rsplit(" ", 1)[-1], aliases, None)

    def node(path: str) -> CommandNode:
        use, aliases, spec = entries[path]
        prefix = path + " "
        kids = tuple(node(p) for p in entries if p.startswith(prefix)
                     and " " not in p[len(prefix):])
        short = spec.short if spec is not None else _NOT_SIMULATED_SHORTS.get(path, "")
        return CommandNode(use, aliases, spec, kids, short)

    root_kids = tuple(node(p) for p in entries if " " not in p)
    return CommandNode(_ROOT_USE, (), None, root_kids), specs


#: the root of the command tree (``docker``)
ROOT, _SPECS = _build()

#: the simulated commands by canonical name
COMMANDS: Mapping[str, CommandSpec] = MappingProxyType(_SPECS)


@functools.lru_cache(maxsize=1024)
def storage_group(command: str, long: str) -> frozenset[str]:
    """The long names of ``command``'s flags that share ``long``'s storage (``net``/``network``)."""
    spec = _SPECS.get(command)
    if spec is None:
        return frozenset({long})
    target = long
    for f in spec.flags:
        if f.long == long and f.alias_of:
            target = f.alias_of
    return frozenset({target} | {f.long for f in spec.flags if f.alias_of == target})
