"""The files a script writes and reads on a Docker host: a directory tree kept in memory, over
the real disk.

A :class:`Workspace` is one Docker host's shell state that outlives a command: the working
directory (``cd``), the home directory (``~``), the exported environment (``export``), the
shell's own variables (``NAME=value`` on a line of its own), and the files and directories the
script made (``mkdir``, ``cat > compose.yaml <<'EOF'``, ``docker compose config > out.yaml``).

Writes never touch the real disk: what a script writes lives in memory, and shadows whatever
the disk has at that path; removing it hides the disk's file too. A read of a path the script
never wrote falls through to the real disk, so that ``netsim run my-runbook.sh`` reads the
``compose.yaml`` beside it, unless the workspace is *sandboxed*: then only memory exists
(conformance replays, whose lab starts each script in an empty ``/root``).

Paths are POSIX paths: absolute, or relative to :attr:`Workspace.cwd`; ``~`` and ``~/x`` are
the home directory's (bash(1) "Tilde Expansion"). Errors are the ``OSError`` subclasses a real
file system raises (:class:`FileNotFoundError`, :class:`IsADirectoryError`,
:class:`NotADirectoryError`, :class:`FileExistsError`), each with the path as ``filename``.

>>> ws = Workspace("/root", sandboxed=True)
>>> ws.mkdir("shop")
>>> ws.chdir("shop")
>>> ws.write_text("compose.yaml", "services: {}\\n")
>>> ws.read_text("/root/shop/compose.yaml")
'services: {}\\n'
>>> ws.listdir("~"), ws.path("../x/./y")
(['shop'], '/root/x/y')
>>> ws.read_text("nope")
Traceback (most recent call last):
    ...
FileNotFoundError: [Errno 2] No such file or directory: '/root/shop/nope'
"""

from __future__ import annotations

import contextlib
import errno
import os
import posixpath
from collections.abc import Iterable, Mapping
from typing import Literal

__all__ = ["Workspace"]

Kind = Literal["file", "dir"]


def _error(cls: type[OSError], code: int, path: str) -> OSError:
    return cls(code, os.strerror(code), path)


class Workspace:
    """One Docker host's working directory, environment and files (memory over the disk)."""

    def __init__(self, cwd: str = "/root", *, home: str = "/root",
                 env: Mapping[str, str] | None = None, sandboxed: bool = False,
                 dirs: Iterable[str] = ()) -> None:
        """``cwd`` and ``home`` are absolute paths; ``env`` the exported variables at start;
        ``dirs`` directories that exist at start besides ``/``, ``home`` and ``cwd`` (which a
        sandboxed workspace creates, empty, with their parents)."""
        if not cwd.startswith("/") or not home.startswith("/"):
            raise ValueError(f"the working and home directories must be absolute: {cwd!r}, "
                             f"{home!r}")
        self.home: str = posixpath.normpath(home)
        self.cwd: str = posixpath.normpath(cwd)
        #: the exported variables (what a program started from the shell sees)
        self.env: dict[str, str] = dict(env or {})
        #: the shell's variables that are not exported (``NAME=value`` alone on a line)
        self.variables: dict[str, str] = {}
        self.sandboxed: bool = sandboxed
        self._files: dict[str, str] = {}
        self._dirs: set[str] = {"/"}
        #: paths removed in memory: the disk's entries there (and below) are hidden for good
        self._gone: set[str] = set()
        for d in (*dirs, *((self.home, self.cwd) if sandboxed else ())):
            p = self.path(d)
            while p not in self._dirs:
                self._dirs.add(p)
                p = posixpath.dirname(p)
        self._initial = frozenset(self._dirs)  # the directories there from the start

    # ------------------------------------------------------------------ paths

    def path(self, path: str) -> str:
        """``path`` as an absolute, normalized path (``~`` is the home directory).

        >>> Workspace("/srv/app").path("~/x/../y"), Workspace("/srv/app").path("a//b/")
        ('/root/y', '/srv/app/a/b')
        """
        if path == "~" or path.startswith("~/"):
            path = self.home + path[1:]
        full = posixpath.normpath(posixpath.join(self.cwd, path))
        return "/" + full.lstrip("/")  # normpath keeps a leading "//"

    def kind(self, path: str) -> Kind | None:
        """What is at ``path``: ``"file"``, ``"dir"`` or None (nothing, or a file on the way)."""
        full = self.path(path)
        if full in self._files:
            return "file"
        if full in self._dirs:
            return "dir"
        parent = posixpath.dirname(full)
        if parent != full and self.kind(parent) != "dir":
            return None
        disk = self._disk(full)
        if disk is None:
            return None
        return "dir" if os.path.isdir(disk) else "file" if os.path.isfile(disk) else None

    def exists(self, path: str) -> bool:
        """Whether a file or directory is at ``path``."""
        return self.kind(path) is not None

    def is_file(self, path: str) -> bool:
        """Whether a (regular) file is at ``path``."""
        return self.kind(path) == "file"

    def is_dir(self, path: str) -> bool:
        """Whether a directory is at ``path``."""
        return self.kind(path) == "dir"

    def written(self, path: str) -> bool:
        """Whether ``path`` is (or is in) something this workspace made or removed, rather than
        the real disk's (the host shell asks, to leave a host's own files to netsim's probes).

        >>> ws = Workspace("/root", sandboxed=True, dirs=["/etc"])
        >>> ws.written("/etc"), ws.written("/etc/hosts"), ws.written("/root")
        (False, False, False)
        >>> ws.mkdir("/etc/docker")
        >>> ws.written("/etc/docker/daemon.json")
        True
        """
        p = self.path(path)
        while True:
            if p in self._files or (p in self._dirs and p not in self._initial) or p in self._gone:
                return True
            if p == "/":
                return False
            p = posixpath.dirname(p)

    # ------------------------------------------------------------------ reading

    def read_text(self, path: str) -> str:
        """The text of the file at ``path`` (undecodable bytes replaced)."""
        full = self.path(path)
        if full in self._files:
            return self._files[full]
        self._check_dirs_on_way(full)
        kind = self.kind(full)
        if kind == "dir":
            raise _error(IsADirectoryError, errno.EISDIR, full)
        disk = self._disk(full) if kind == "file" else None
        if disk is None:
            raise _error(FileNotFoundError, errno.ENOENT, full)
        with open(disk, encoding="utf-8", errors="replace", newline="") as f:
            return f.read()

    def _directory(self, path: str) -> str:
        """``path`` made absolute, when it names an existing directory (else the OSError a
        file system raises)."""
        full = self.path(path)
        self._check_dirs_on_way(full)
        kind = self.kind(full)
        if kind is None:
            raise _error(FileNotFoundError, errno.ENOENT, full)
        if kind == "file":
            raise _error(NotADirectoryError, errno.ENOTDIR, full)
        return full

    def listdir(self, path: str = ".") -> list[str]:
        """The names in the directory at ``path``, sorted (bytewise, as ``ls`` in C.UTF-8)."""
        full = self._directory(path)
        names = {posixpath.basename(q) for q in (*self._files, *self._dirs)
                 if q != "/" and posixpath.dirname(q) == full}
        disk = self._disk(full)
        if disk is not None and os.path.isdir(disk):
            with contextlib.suppress(OSError):  # an unreadable directory: memory's names
                names.update(n for n in os.listdir(disk)
                             if not self._hidden(posixpath.join(full, n)))
        return sorted(names, key=lambda n: n.encode("utf-8", "surrogateescape"))

    # ------------------------------------------------------------------ writing (memory only)

    def write_text(self, path: str, text: str, append: bool = False) -> None:
        """Write (or, with ``append``, add to) the file at ``path``; its directory must exist."""
        full = self.path(path)
        self._check_dirs_on_way(full)
        kind = self.kind(full)
        if kind == "dir":
            raise _error(IsADirectoryError, errno.EISDIR, full)
        if self.kind(posixpath.dirname(full)) != "dir":
            raise _error(FileNotFoundError, errno.ENOENT, full)
        before = self.read_text(full) if append and kind == "file" else ""
        self._files[full] = before + text

    def mkdir(self, path: str, parents: bool = False) -> None:
        """Make the directory ``path``. With ``parents``, its missing parents too, and no error
        when it exists already; a file in the way is then a NotADirectoryError naming that
        file (as ``mkdir -p`` reports it)."""
        full = self.path(path)
        if parents:
            chain = [full]
            while chain[-1] != "/":
                chain.append(posixpath.dirname(chain[-1]))
            for q in reversed(chain[:-1]):
                kind = self.kind(q)
                if kind == "file":
                    raise (_error(FileExistsError, errno.EEXIST, q) if q == full
                           else _error(NotADirectoryError, errno.ENOTDIR, q))
                if kind is None:
                    self._dirs.add(q)
            return
        if self.kind(full) is not None:
            raise _error(FileExistsError, errno.EEXIST, full)
        self._check_dirs_on_way(full)
        if self.kind(posixpath.dirname(full)) != "dir":
            raise _error(FileNotFoundError, errno.ENOENT, full)
        self._dirs.add(full)

    def remove(self, path: str) -> None:
        """Remove the file or directory (with all it holds) at ``path``; a file of the real disk
        is only hidden."""
        full = self.path(path)
        self._check_dirs_on_way(full)
        if full == "/" or self.kind(full) is None:
            raise _error(FileNotFoundError, errno.ENOENT, full)
        prefix = full + "/"
        self._files = {q: t for q, t in self._files.items()
                       if q != full and not q.startswith(prefix)}
        self._dirs = {q for q in self._dirs if q != full and not q.startswith(prefix)}
        if not self.sandboxed:
            self._gone.add(full)

    def chdir(self, path: str) -> None:
        """Make ``path`` the working directory."""
        full = self._directory(path)
        self.cwd = full

    # ------------------------------------------------------------------ internals

    def _hidden(self, full: str) -> bool:
        p = full
        while True:
            if p in self._gone:
                return True
            up = posixpath.dirname(p)
            if up == p:
                return False
            p = up

    def _disk(self, full: str) -> str | None:
        """Where to read ``full`` on the real disk; None when it is not to be read there."""
        if self.sandboxed or self._hidden(full):
            return None
        return full if os.sep == "/" else None  # the tree is a POSIX one

    def _check_dirs_on_way(self, full: str) -> None:
        """NotADirectoryError when a file stands where a directory of ``full`` should be."""
        p = posixpath.dirname(full)
        chain = []
        while p != "/":
            chain.append(p)
            p = posixpath.dirname(p)
        for q in reversed(chain):
            kind = self.kind(q)
            if kind is None:
                return
            if kind == "file":
                raise _error(NotADirectoryError, errno.ENOTDIR, full)
