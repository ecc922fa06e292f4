"""A daemon's image store (the images it built, tagged, committed or loaded; its build cache)
and the facts an image made from another carries (:func:`info_with_config`): the data of
:mod:`netsim.daemon.images`, apart so that every concern of the engine can read it."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass, field

from netsim.api import ImageDecl
from netsim.api.trusted import evolve
from netsim.images import ImageInfo
from netsim.images.build import ImageConfig

__all__ = ["ImageStore", "LocalImage", "RegistryData", "config_of", "image_digest",
           "info_with_config", "short_id"]


@dataclass(frozen=True)
class LocalImage:
    """One image in a daemon's store: ``id`` (``sha256:…``), its config and the facts its
    containers follow (``info``: the catalogue's model of the base with the config's command,
    ports and tools; None: a base netsim does not know), when it was made, its size in bytes
    (None: not known), author, parent (the legacy builder's step images) and whether it is one
    of those intermediate images."""

    id: str
    config: ImageConfig
    info: ImageInfo | None
    created: int
    size: int | None = None
    author: str = ""
    parent: str = ""
    intermediate: bool = False
    comment: str = ""
    #: its layers, bottom first (stand-ins for their digests: a pushed layer shows the short
    #: form of one, a pulled layer the short form of its compressed blob's)
    layers: tuple[str, ...] = ()


@dataclass
class ImageStore:
    """A daemon's images by ID and its tags (canonical reference → ID), in creation order."""

    images: dict[str, LocalImage] = field(default_factory=dict)
    tags: dict[str, str] = field(default_factory=dict)
    #: BuildKit's (and the legacy builder's) cache: step key → the ID of the image it made
    cache: dict[str, str] = field(default_factory=dict)

    def tags_of(self, image_id: str) -> list[str]:
        return [t for t, i in self.tags.items() if i == image_id]


@dataclass
class RegistryData:
    """What a registry container holds: its repositories' tags (each an image, as pushed) and
    the layers it has, with the repository each came with (a push to another repository
    mounts it from there)."""

    repos: dict[str, dict[str, LocalImage]] = field(default_factory=dict)
    blobs: dict[str, str] = field(default_factory=dict)


def config_of(info: ImageInfo | ImageDecl | None) -> ImageConfig:
    """The image config netsim knows of a catalogued or declared image."""
    if isinstance(info, ImageInfo):
        return ImageConfig(
            env=tuple(info.env or ()), cmd=info.cmd or None,
            entrypoint=info.entrypoint or None, exposed=tuple(sorted(info.exposed)),
            labels=tuple(sorted(info.labels.items())),
            user="" if info.user == "root" else info.user, stop_signal=info.stop_signal)
    if isinstance(info, ImageDecl):
        return ImageConfig(exposed=tuple(sorted(info.expose)))
    return ImageConfig()


def info_with_config(base: ImageInfo | None, config: ImageConfig,
                     tools: Mapping[str, str] | None = None) -> ImageInfo | None:
    """The facts of an image made from ``base`` with ``config``: its command, ports, labels,
    user and environment are the config's; what listens and whether it keeps running follow
    the new default command (netsim.images rules); ``tools`` installed are added."""
    if base is None:
        return None
    from netsim.images import effective_argv, listening_ports
    from netsim.images.programs import argv_runs

    update: dict[str, object] = {
        "exposed": tuple(sorted(config.exposed, key=lambda p: (int(p.split("/")[0]),
                                                                p.split("/")[1]))),
        "env": config.env, "labels": dict(config.labels),
        "user": config.user or "root", "stop_signal": config.stop_signal,
    }
    new_command = (config.cmd or (), config.entrypoint or ())
    old_command = (base.cmd, base.entrypoint)
    if new_command != old_command:
        entry_changed = (config.entrypoint or ()) != base.entrypoint
        probe = evolve(base,
            cmd=tuple(config.cmd or ()), entrypoint=tuple(config.entrypoint or ()),
            **({"entrypoint_execs_args": False, "option_prefix": ()} if entry_changed else {}),
        )
        listening = listening_ports(base, tuple(config.cmd or ()),
                                    entrypoint=config.entrypoint) if not entry_changed \
            else listening_ports(None, tuple(config.cmd or ()), entrypoint=config.entrypoint)
        argv = effective_argv(probe, ())  # the new default command's verdict
        keeps = bool(argv) and argv_runs(argv, False, False)
        keeps_tty = bool(argv) and argv_runs(argv, True, True)
        update.update(cmd=probe.cmd, entrypoint=probe.entrypoint,
                      entrypoint_execs_args=probe.entrypoint_execs_args,
                      option_prefix=probe.option_prefix,
                      listening=tuple(sorted(set(listening), key=lambda p: (
                          int(p.split("/")[0]), p.split("/")[1]))),
                      runs="server" if keeps else ("shell" if keeps_tty else "exits"),
                      exit_code=None if keeps or keeps_tty else (base.exit_code or 0))
    if tools:
        update["tools"] = {**base.tools, **tools}
        if base.programs is not None:  # an image whose files netsim knows: the new programs
            programs = dict(base.programs)
            programs["/usr/bin"] = frozenset(programs.get("/usr/bin", frozenset()) | set(tools))
            update["programs"] = programs
    return base.model_copy(update=update)


def short_id(digest: str) -> str:
    """The 12 hex characters Docker shows of an image ID or digest (stringid.TruncateID)."""
    return digest.removeprefix("sha256:")[:12]


def image_digest(*parts: object) -> str:
    """A content-addressed stand-in ID: ``sha256:`` and the hash of what the image is made of."""
    return "sha256:" + hashlib.sha256(repr(parts).encode()).hexdigest()
