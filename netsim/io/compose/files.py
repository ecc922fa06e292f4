"""Which files and variables a ``docker compose`` command reads, as Compose 2.40 chooses
them (compose-go ``cli/options.go``: ``-f``, ``COMPOSE_FILE``, the default names in the
directory or a parent, the override file, ``--env-file``, ``.env``, ``COMPOSE_*`` variables),
the :class:`Files` it reads them through, and the one error of the reader,
:class:`ComposeError`, carrying Compose's text.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from netsim.io.compose.dotenv import DotenvError, read_env_files

__all__ = ["DEFAULT_FILES", "OVERRIDE_FILES", "ComposeError", "DiskFiles", "Files",
           "LoadOptions", "Resolved", "find_files", "go_open_error", "is_file", "read_env",
           "resolve_options"]

#: compose-go cli/options.go DefaultFileNames and DefaultOverrideFileNames (the override
#: names are tried ``.yml`` first)
DEFAULT_FILES = ("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml")
OVERRIDE_FILES = ("compose.override.yml", "compose.override.yaml",
                  "docker-compose.override.yml", "docker-compose.override.yaml")

class ComposeError(ValueError):
    """Compose refuses the project; ``str()`` is the text ``docker compose`` prints;
    ``file`` and ``line`` say where, when netsim knows (Compose itself does not say)."""

    def __init__(self, text: str, *, file: str | None = None, line: int | None = None,
                 path: tuple[str | int, ...] = ()) -> None:
        super().__init__(text)
        self.file = file
        self.line = line
        self.path = path  # the value it is about, when known

    def where(self) -> str:
        """``file:line``, ``file`` or ""."""
        if self.file is None:
            return ""
        return f"{self.file}:{self.line}" if self.line is not None else self.file


class Files(Protocol):
    """Where compose files are read from (a script's workspace, or the disk)."""

    def read_text(self, path: str) -> str:
        """The file's text; FileNotFoundError/IsADirectoryError as ``open`` raises them."""

    def exists(self, path: str) -> bool:
        """Whether ``path`` names a file or directory."""


class DiskFiles:
    """The real disk, read-only; files are read as a script's workspace reads them
    (:meth:`netsim.io.workspace.Workspace.read_text`: undecodable bytes replaced, line ends
    kept as they are), so that a file gives the same project either way."""

    def read_text(self, path: str) -> str:
        with open(path, encoding="utf-8", errors="replace", newline="") as f:
            return f.read()

    def exists(self, path: str) -> bool:
        return posixpath.exists(path)


@dataclass(frozen=True)
class LoadOptions:
    """The options of ``docker compose`` that choose and read the project."""

    cwd: str
    files: tuple[str, ...] = ()  # -f, as given
    project_name: str | None = None  # -p
    project_directory: str | None = None  # --project-directory
    profiles: tuple[str, ...] = ()  # --profile
    env_files: tuple[str, ...] = ()  # --env-file
    environ: Mapping[str, str] = field(default_factory=dict)  # the shell's environment


def go_open_error(path: str, err: OSError) -> ComposeError:
    # os.ReadFile: a directory opens, then its read fails
    if isinstance(err, IsADirectoryError):
        return ComposeError(f"read {path}: is a directory")
    return ComposeError(f"open {path}: no such file or directory")


def _abs(cwd: str, path: str) -> str:
    """filepath.Abs: ``path`` against the process's directory, cleaned."""
    return posixpath.normpath(posixpath.join(cwd, path))


def is_file(files: Files, path: str) -> bool:
    try:
        files.read_text(path)
    except OSError:
        return False
    return True


def _go_bool(value: str) -> bool:
    """strconv.ParseBool."""
    if value in ("1", "t", "T", "TRUE", "true", "True"):
        return True
    if value in ("0", "f", "F", "FALSE", "false", "False"):
        return False
    raise ComposeError(f'strconv.ParseBool: parsing "{value}": invalid syntax')


def _default_files(files: Files, directory: str, warnings: list[str]) -> list[str]:
    """cli/options.go WithDefaultConfigPath: the first default name found in ``directory`` or
    a parent, with its override file; several candidates are warned about."""
    while True:
        found = [posixpath.join(directory, n) for n in DEFAULT_FILES
                 if files.exists(posixpath.join(directory, n))]
        if found:
            if len(found) > 1:
                warnings.append("Found multiple config files with supported names: "
                                + ", ".join(found))
                warnings.append(f"Using {found[0]}")
            overrides = [posixpath.join(directory, n) for n in OVERRIDE_FILES
                         if files.exists(posixpath.join(directory, n))]
            if len(overrides) > 1:
                warnings.append("Found multiple override files with supported names: "
                                + ", ".join(overrides))
                warnings.append(f"Using {overrides[0]}")
            return found[:1] + overrides[:1]
        parent = posixpath.dirname(directory)
        if parent == directory:
            return []
        directory = parent


def _env_files(files: Files, opts: LoadOptions, directory: str) -> list[str]:
    """cli/options.go WithEnvFiles: each ``--env-file`` (against the current directory), else
    ``DIRECTORY/.env`` when it is a file (unless COMPOSE_DISABLE_ENV_FILE)."""
    if opts.env_files:
        return [_abs(opts.cwd, f) for f in opts.env_files]
    disable = opts.environ.get("COMPOSE_DISABLE_ENV_FILE")
    if disable is not None and _go_bool(disable):
        return []
    dotenv = posixpath.join(directory, ".env")
    return [dotenv] if is_file(files, dotenv) else []


def read_env(files: Files, paths: list[str], environ: Mapping[str, str]) -> dict[str, str]:
    """dotenv/env.go GetEnvFromFile: the files' variables in one map (a later file wins)."""
    texts = []
    for path in paths:
        try:
            texts.append((path, files.read_text(path)))
        except OSError as err:
            if isinstance(err, IsADirectoryError) or files.exists(path):
                raise ComposeError(f"{path} is a directory") from None
            raise ComposeError(f"couldn't find env file: {path}") from None
    try:
        return read_env_files(texts, environ=environ)
    except DotenvError as err:
        raise ComposeError(str(err)) from None


@dataclass(frozen=True)
class Resolved:
    """What ``docker compose``'s options resolve to before any file is parsed."""

    files: tuple[str, ...]
    working_dir: str
    environment: dict[str, str]
    warnings: tuple[str, ...] = ()


def resolve_options(files: Files, opts: LoadOptions) -> Resolved:
    """The compose files, the project directory and the environment, as docker/compose
    cmd/compose/compose.go toProjectOptions chains compose-go's cli/options.go: the OS
    environment, then the ``.env`` of the directory known so far (``--project-directory``,
    the first ``-f`` file's, else the current one), COMPOSE_FILE (which that ``.env`` may
    set; split on COMPOSE_PATH_SEPARATOR, against the current directory), the default files
    (searched upwards), then the ``.env`` of the project directory. A variable already set
    wins over every later file (types.Mapping.Merge)."""
    project_dir = _abs(opts.cwd, opts.project_directory) if opts.project_directory else None
    # -f paths are against the current directory, --project-directory or not
    # (loader/loader.go LoadConfigFiles: filepath.Abs)
    paths = [f if f == "-" else _abs(opts.cwd, f) for f in opts.files]

    def working_dir() -> str:  # cli/options.go GetWorkingDir
        if project_dir is not None:
            return project_dir
        return next((posixpath.dirname(p) for p in paths if p != "-"), opts.cwd)

    env = dict(opts.environ)
    first = _env_files(files, opts, working_dir())
    env = {**read_env(files, first, env), **env}
    warnings: list[str] = []
    if not paths and "COMPOSE_FILE" in env:  # cli/options.go WithConfigFileEnv
        sep = env.get("COMPOSE_PATH_SEPARATOR") or ":"
        for f in env["COMPOSE_FILE"].split(sep):
            if f != "-":
                f = _abs(opts.cwd, f)
                if not files.exists(f):  # absolutePaths: os.Stat
                    raise ComposeError(f"stat {f}: no such file or directory")
            paths.append(f)
    if not paths:
        paths = _default_files(files, working_dir(), warnings)
    if not paths:  # loader/loader.go LoadConfigFiles
        raise ComposeError("no configuration file provided: not found")
    second = _env_files(files, opts, working_dir())
    if second != first:
        env = {**read_env(files, second, env), **env}
    return Resolved(tuple(paths), working_dir(), env, tuple(warnings))


def find_files(files: Files, opts: LoadOptions) -> list[str]:
    """The compose files ``opts`` choose (:func:`resolve_options`)."""
    return list(resolve_options(files, opts).files)
