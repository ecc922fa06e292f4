"""What runc and the daemon refuse when a container starts or a process is exec'ed in it: a
program that is not in the image, a user or group its /etc/passwd and /etc/group lack, a working
directory it cannot have.

What an image holds (its PATH directories' programs, its users and groups) is the catalogue's
(:attr:`ImageInfo.programs`, :attr:`ImageInfo.users`, :attr:`ImageInfo.groups`); an image
whose files netsim does not know gets no refusal.
"""

from __future__ import annotations

import posixpath
from typing import Final

from netsim.images.models import ImageInfo

__all__ = ["exec_failure", "missing_directory", "runtime_reason", "user_failure"]

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

    >>> from netsim.images import lookup
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
