"""What every ``docker compose`` command starts from: the project its options choose (read
through the session's workspace), the containers and networks Compose finds for it by their
labels, and the progress lines and warnings it prints.
"""

from __future__ import annotations

from dataclasses import dataclass

from netsim.composecli.options import ComposeCommand
from netsim.dockercli.commands.context import Output, Session
from netsim.io.compose.convert import LABEL
from netsim.io.compose.loader import ComposeError, LoadOptions, load_project
from netsim.io.compose.model import Project
from netsim.state import ContainerState, NetworkState

__all__ = ["Context", "Failed", "load", "log_warning", "progress", "specified_container"]


class Failed(Exception):
    """An error that ends the command: a daemon's refusal as Compose prints it (status 1),
    or what netsim does not simulate (``netsim: …``, status 126)."""

    def __init__(self, text: str, code: int = 1) -> None:
        super().__init__(text)
        self.text = text
        self.code = code


@dataclass
class Context:
    """One command's project, host and session."""

    session: Session
    host: str
    project: Project
    out: Output
    #: the project's container names by (service, one-off), read once per command
    _index: dict[tuple[str, bool], list[str]] | None = None

    def containers(self, service: str | None = None, *, all_: bool = True,
                   oneoff: bool = False) -> list[ContainerState]:
        """The project's containers (of ``service``), by service then number (Compose's
        ``getContainers`` filters on the project, service and one-off labels)."""
        if self._index is None:
            self._index = {}
            for c in self.session.engine.containers(self.host):
                labels = c.spec.Config.Labels
                if labels.get(LABEL["project"]) == self.project.name:
                    self.added(labels.get(LABEL["service"], ""), c.name,
                               oneoff=labels.get(LABEL["oneoff"]) == "True")
        keys = [(service, oneoff)] if service is not None else [
            k for k in self._index if k[1] == oneoff]
        found: list[ContainerState] = []
        for key in keys:
            for name in self._index.get(key, ()):
                got = self.session.engine.container(self.host, name)
                if got is not None and (all_ or got.running):
                    found.append(got)
        return sorted(found, key=lambda c: (c.spec.Config.Labels.get(LABEL["service"], ""),
                                            _number(c), c.name))

    def added(self, service: str, name: str, *, oneoff: bool = False) -> None:
        """Note a container the command created (the index of :meth:`containers`)."""
        if self._index is not None:
            self._index.setdefault((service, oneoff), []).append(name)

    def removed(self, name: str) -> None:
        """Forget a container the command removed."""
        if self._index is not None:
            for names in self._index.values():
                if name in names:
                    names.remove(name)

    def networks(self) -> list[NetworkState]:
        """The project's networks on the host (by their project label)."""
        return [n for n in self.session.engine.network_states(self.host)
                if n.labels.get(LABEL["project"]) == self.project.name]


def _number(c: ContainerState) -> int:
    try:
        return int(c.spec.Config.Labels.get(LABEL["number"], "0"))
    except ValueError:
        return 0


def progress(out: Output, kind: str, name: str, status: str) -> None:
    """One progress line as Compose prints it when stderr is not a terminal (pkg/progress
    plain writer: `` <Kind> <name>  <status>``)."""
    out.err(f" {kind} {name}  {status}")


def log_warning(session: Session, out: Output, text: str) -> None:
    """A logrus warning in its text format (stderr not a terminal)."""
    from netsim.dockercli.output.inspect_common import timestamp

    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    out.err(f'time="{timestamp(session.engine.clock)}" level=warning msg="{escaped}"')


def _env_files_default(env: dict[str, str]) -> list[str]:
    """--env-file's default: COMPOSE_ENV_FILES, comma-separated (cmd/compose/compose.go
    defaultStringArrayVar)."""
    return [f for f in env.get("COMPOSE_ENV_FILES", "").split(",") if f]


def load(session: Session, host: str, cmd: ComposeCommand, out: Output) -> Context:
    """The project of ``cmd``'s options in the host's current directory, its interpolation
    warnings printed; ComposeError with Compose's text."""
    ws = session.workspace(host)
    env = dict(session.environ(host))
    opts = LoadOptions(
        cwd=ws.cwd, files=tuple(cmd.options("file")),
        project_name=cmd.option("project-name") or None,
        # compose.go: the deprecated --workdir is --project-directory
        project_directory=cmd.option("project-directory") or cmd.option("workdir") or None,
        profiles=tuple(p for v in cmd.options("profile") for p in [v] if p),
        env_files=tuple(cmd.options("env-file") or _env_files_default(env)), environ=env)
    project = load_project(ws, opts)
    for w in project.warnings:
        log_warning(session, out, w)
    return Context(session, host, project, out)


def check_services(ctx: Context, names: tuple[str, ...]) -> None:
    """Every name is a service of the project (pkg/compose: ``no such service: X``)."""
    for name in names:
        if name not in ctx.project.services:
            raise ComposeError(f"no such service: {name}")


def specified_container(ctx: Context, service: str, index: int) -> ContainerState:
    """The running container ``exec`` and ``port`` act on (containers.go
    getSpecifiedContainer): number ``index`` when it is given (> 0), else the lowest number,
    one-off containers last; Compose's texts when there is none."""
    found = [c for c in ctx.containers(service) + ctx.containers(service, oneoff=True)
             if c.running]
    if index > 0:
        found = [c for c in found if c.spec.Config.Labels.get(LABEL["number"]) == str(index)]
    if not found:
        if index > 0:
            raise ComposeError(f'service "{service}" is not running container #{index}')
        raise ComposeError(f'service "{service}" is not running')
    return min(found, key=lambda c: (c.spec.Config.Labels.get(LABEL["oneoff"]) == "True",
                                     _number(c)))
