"""The image commands: ``docker images`` (``image ls``), ``tag``, ``rmi`` (``image rm``),
``commit``, ``save``, ``load`` and ``image inspect``, over each daemon's image store
(:mod:`netsim.daemon.images`). ``docker build`` is :mod:`netsim.dockercli.commands.build`.

``docker save`` writes a file netsim reads back with ``docker load`` (JSON of the images'
facts, not a tar: no other program can read it; a note says so once).
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any

from netsim.daemon.imagestore import LocalImage, short_id
from netsim.dockercli.commands.context import NOT_SIMULATED, Output, Session
from netsim.dockercli.commands.inspect import inspect_refs
from netsim.dockercli.output import tables
from netsim.dockercli.output.build import human_size
from netsim.dockercli.output.inspect_common import timestamp
from netsim.dockercli.parse import ParsedCommand
from netsim.errors import DaemonError, DockerCliError
from netsim.images import parse_image_ref
from netsim.images.build import ImageConfig
from netsim.images.dockerfile import DockerfileError

__all__ = ["commit", "image_inspect", "image_object", "images", "load", "rmi", "save", "tag"]

_HEADERS = {"Repository": "REPOSITORY", "Tag": "TAG", "ID": "IMAGE ID",
            "CreatedSince": "CREATED", "CreatedAt": "CREATED AT", "Size": "SIZE",
            "Digest": "DIGEST", "Containers": "CONTAINERS", "SharedSize": "SHARED SIZE",
            "UniqueSize": "UNIQUE SIZE", "VirtualSize": "VIRTUAL SIZE"}
_DEFAULT = "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}"
_SAVED = "netsim-image-archive/1"
#: what ``docker commit --change`` accepts (moby builder/dockerfile/builder.go
#: validCommitCommands)
_COMMIT_CHANGES = ("cmd", "entrypoint", "healthcheck", "env", "expose", "label", "onbuild",
                   "stopsignal", "user", "volume", "workdir")


def _rows(session: Session, host: str, p: ParsedCommand) -> list[tuple[str, str, LocalImage]]:
    """``docker images``'s rows: (repository, tag, image), newest image first."""
    engine = session.engine
    store = engine.image_store(host)
    want = p.args[0] if p.args else None
    dangling: bool | None = None
    for f in p.get_all("filter"):
        key, _, value = f.partition("=")
        if key == "dangling":
            dangling = value.lower() in ("true", "1")
        elif key == "reference":
            want = value
        else:
            raise tables.UnsupportedFilter(key)
    rows: list[tuple[str, str, LocalImage]] = []
    # newest first (daemon/images/images.go Images: sort.Reverse(byCreated)); an image's tags
    # in the reference store's sorted order (both recorded: 83, 90)
    images = sorted(store.images.values(), key=lambda i: -i.created)
    for image in images:
        if image.intermediate and p.get("all") != "true":
            continue
        tags = sorted(store.tags_of(image.id))
        if dangling is True and tags:
            continue
        if dangling is False and not tags:
            continue
        if not tags:
            if want is None:
                rows.append(("<none>", "<none>", image))
            continue
        for t in tags:
            ref = parse_image_ref(t)
            if want is not None and not _matches(want, ref.familiar_name, ref.tag):
                continue
            rows.append((ref.familiar_name, ref.tag, image))
    return rows


def _matches(want: str, repo: str, tag: str) -> bool:
    from fnmatch import fnmatchcase

    name, sep, want_tag = want.rpartition(":") if ":" in want.rsplit("/", 1)[-1] else (
        want, "", "")
    if not sep:
        name = want
    return fnmatchcase(repo, name) and (not want_tag or fnmatchcase(tag, want_tag))


def images(session: Session, p: ParsedCommand, host: str, out: Output) -> None:
    """``docker images [REPOSITORY[:TAG]]`` (``-q``, ``-a``, ``--filter dangling|reference``,
    ``--format``)."""
    from netsim.golang.template import GoStruct

    try:
        rows = _rows(session, host, p)
    except tables.UnsupportedFilter as err:
        out.err(f"netsim: the images filter '{err}' is not simulated", NOT_SIMULATED)
        return
    now = session.engine.clock
    if p.get("quiet") == "true":  # one ID per row: an image with two tags twice (recorded)
        out.stdout.extend(f"{i.id if p.get('no-trunc') == 'true' else short_id(i.id)}\n"
                          for _r, _t, i in rows)
        return
    unknown = [i for _r, _t, i in rows if i.size is None]
    structs = [GoStruct("*formatter.imageContext", {
        "Repository": repo, "Tag": tag,
        "ID": i.id if p.get("no-trunc") == "true" else short_id(i.id),
        "CreatedSince": tables.human_duration(now - i.created) + " ago",
        "CreatedAt": timestamp(i.created), "Size": human_size(i.size or 0, 3),
        "Digest": "<none>", "Containers": "N/A", "SharedSize": "N/A", "UniqueSize": "N/A",
        "VirtualSize": human_size(i.size or 0, 3)}) for repo, tag, i in rows]
    try:
        out.stdout.append(tables.format_rows(structs, p.get("format") or _DEFAULT, _HEADERS))
    except tables.FormatError as err:
        out.err(str(err), 1)
        return
    if unknown:
        session.engine.notes.setdefault(
            "docker images: an image whose size netsim does not know (built on an image "
            "netsim knows no size of) is shown as 0B", None)


def tag(session: Session, p: ParsedCommand, host: str, out: Output) -> None:
    """``docker tag SOURCE TARGET``."""
    try:
        target = parse_image_ref(p.args[1])
    except ValueError as err:  # cli/command/image/tag.go, via the client's ImageTag
        raise DockerCliError(f'Error parsing reference: "{p.args[1]}" is not a valid '
                             f"repository/tag: {_reference_text(session, p.args[1], err)}",
                             exit_code=1) from None
    session.engine.tag_image(host, p.args[0], target)


def _reference_text(session: Session, ref: str, err: ValueError) -> str:
    """A reference's refusal in this engine's words (20.10's omit the repository's name:
    EngineProfile.reference_error_names_repository)."""
    from netsim.images import uppercase_error, uppercase_repository

    remote = uppercase_repository(ref)
    if remote is not None and not session.profile.reference_error_names_repository:
        return uppercase_error(remote, named=False)
    return str(err)


def rmi(session: Session, p: ParsedCommand, host: str, out: Output) -> None:
    """``docker rmi IMAGE…``: each image's lines; the errors after, exit 1."""
    errors: list[str] = []
    for ref in p.args:
        try:
            lines = session.engine.remove_image(host, ref, force=p.get("force") == "true",
                                                prune=p.get("no-prune") != "true")
        except DaemonError as err:
            text = err.text
            if err.status == 404 and session.profile.cli_image_not_found_client:
                errors.append(f"Error: No such image: {ref}")  # 20.10's CLI: the ref as typed
            else:
                errors.append(f"Error response from daemon: {text}")
            continue
        out.stdout.extend(line + "\n" for line in lines)
    for e in errors:
        out.err(e, 1)


def commit(session: Session, p: ParsedCommand, host: str, out: Output) -> None:
    """``docker commit [-a] [-c INSTRUCTION] CONTAINER [REPOSITORY[:TAG]]``: the container's
    image config, its own settings and the ``-c`` changes (daemon/commit.go merge)."""
    from netsim.dockercli.commands.common import find_container
    from netsim.images.build import apply_changes
    from netsim.images.dockerfile import parse_dockerfile

    c = find_container(session, host, p.args[0])
    target = None
    if len(p.args) > 1:
        try:
            target = parse_image_ref(p.args[1])
        except ValueError as err:
            raise DockerCliError(_reference_text(session, p.args[1], err), exit_code=1) from None
    store = session.engine.image_store(host)
    base = store.images.get(c.image_id)
    cfg = c.spec.Config
    config = base.config if base is not None else ImageConfig()
    exposed = set(config.exposed) | set(c.exposed_ports)
    config = replace(config, exposed=tuple(sorted(exposed)),
                     env=tuple(dict.fromkeys((*config.env, *cfg.Env))),
                     cmd=tuple(cfg.Cmd) or config.cmd,
                     entrypoint=tuple(cfg.Entrypoint) if cfg.Entrypoint is not None
                     else config.entrypoint)
    for change in p.get_all("change"):
        try:
            df = parse_dockerfile(change + "\n", strict=False)
            for ins in df.instructions:
                if ins.keyword not in _COMMIT_CHANGES:  # builder/dockerfile/builder.go
                    word = ins.text.split()[0]
                    if session.profile.build_legacy:  # 20.10's parser lowered it
                        word = word.lower()
                    raise DockerfileError(f"{word} is not a valid change command")
            config = apply_changes(df, config)
        except DockerfileError as err:  # the daemon's dispatch of the changes (commit.go)
            raise DaemonError(err.message, status=400) from None
    image = session.engine.commit_container(host, p.args[0], config=config,
                                            author=p.get("author") or "",
                                            comment=p.get("message") or "", target=target)
    out.out(image.id)


def save(session: Session, p: ParsedCommand, host: str, out: Output) -> None:
    """``docker save -o FILE IMAGE…``: netsim's own archive of the images (read back by
    ``docker load``)."""
    path = p.get("output")
    if not path:
        out.err("netsim: docker save to standard output is not simulated", NOT_SIMULATED)
        return
    engine = session.engine
    store = engine.image_store(host)
    saved: list[tuple[str, LocalImage]] = []
    for ref in p.args:
        # moby image/tarexport/save.go parseNames: a repository without a tag saves every
        # tag it has; an ID (or its prefix) saves the image with no reference
        try:
            parsed = parse_image_ref(ref)
        except ValueError:
            parsed = None
        if parsed is not None and not parsed.tag_explicit and not parsed.digest:
            tagged = [(t, store.images[i]) for t, i in store.tags.items()
                      if parse_image_ref(t).name == parsed.name]
            if tagged:
                saved += tagged
                continue
        image = engine.pull_known(host, ref)
        if image is None:
            raise DaemonError(f"No such image: {ref}", status=404)
        by_name = parsed is not None and store.tags.get(parsed.canonical) == image.id
        saved.append((parsed.canonical if by_name and parsed is not None else "", image))
    data = {"format": _SAVED, "images": [{"name": name, **_dump(image)}
                                         for name, image in saved]}
    session.workspace(host).write_text(path, json.dumps(data, sort_keys=True) + "\n")
    engine.notes.setdefault("docker save writes netsim's own archive (JSON of the images' "
                            "facts), which docker load reads back: not a tar other programs "
                            "read", None)


def load(session: Session, p: ParsedCommand, host: str, out: Output) -> None:
    """``docker load -i FILE``: the images a ``docker save`` of this run wrote."""
    path = p.get("input")
    if not path:
        out.err("netsim: docker load from standard input is not simulated", NOT_SIMULATED)
        return
    ws = session.workspace(host)
    try:
        data = json.loads(ws.read_text(path))
        saved = [(d["name"], _undump(d)) for d in data["images"]] \
            if data.get("format") == _SAVED else None
    except FileNotFoundError:
        out.err(f"open {ws.path(path)}: no such file or directory", 1)
        return
    except (OSError, ValueError, KeyError, TypeError, AttributeError):  # not netsim's archive
        saved = None
    if saved is None:
        out.err(f"netsim: {path} is not an archive netsim's docker save wrote: loading it is "
                "not simulated", NOT_SIMULATED)
        return
    for name, image in saved:  # moby tarexport/load.go: a reference, or the ID alone
        session.engine.add_image(host, image, [name] if name else [])
        if name:
            out.out(f"Loaded image: {parse_image_ref(name).familiar_tagged}")
        else:
            out.out(f"Loaded image ID: {image.id}")


def _dump(image: LocalImage) -> dict[str, Any]:
    from dataclasses import asdict

    out = asdict(image)
    out["info"] = image.info.model_dump(mode="json") if image.info is not None else None
    return out


def _undump(d: dict[str, Any]) -> LocalImage:
    from netsim.images import ImageInfo

    cfg: dict[str, Any] = {k: (tuple(tuple(x) if isinstance(x, list) else x for x in v)
                               if isinstance(v, list) else v)
                           for k, v in d["config"].items()}
    info = ImageInfo.model_validate(d["info"]) if d.get("info") is not None else None
    return LocalImage(id=d["id"], config=ImageConfig(**cfg), info=info, created=d["created"],
                      size=d.get("size"), author=d.get("author", ""),
                      parent=d.get("parent", ""), comment=d.get("comment", ""),
                      layers=tuple(d.get("layers", ())))


def image_object(session: Session, host: str, image: LocalImage) -> dict[str, Any]:
    """``docker image inspect``'s object (image.InspectResponse) for a stored image."""
    store = session.engine.image_store(host)
    cfg = image.config
    tags = sorted(parse_image_ref(t).familiar_tagged for t in store.tags_of(image.id))
    config: dict[str, Any] = {
        "Hostname": "", "Domainname": "", "User": cfg.user, "AttachStdin": False,
        "AttachStdout": False, "AttachStderr": False,
        "ExposedPorts": {p: {} for p in cfg.exposed} or None,
        "Tty": False, "OpenStdin": False, "StdinOnce": False, "Env": list(cfg.env) or None,
        "Cmd": list(cfg.cmd) if cfg.cmd is not None else None, "Image": "",
        "Volumes": {v: {} for v in cfg.volumes} or None, "WorkingDir": cfg.working_dir,
        "Entrypoint": list(cfg.entrypoint) if cfg.entrypoint is not None else None,
        "OnBuild": list(cfg.onbuild) or None, "Labels": dict(cfg.labels) or None,
    }
    if cfg.stop_signal:
        config["StopSignal"] = cfg.stop_signal
    return {
        "Id": image.id, "RepoTags": tags, "RepoDigests": [], "Parent": image.parent,
        "Comment": image.comment, "Created": timestamp(image.created), "DockerVersion": "",
        "Author": image.author, "Config": config, "Architecture": "amd64", "Os": "linux",
        "Size": image.size or 0,
    }


def image_inspect(session: Session, p: ParsedCommand, host: str, out: Output) -> None:
    """``docker image inspect IMAGE…``."""
    def get(ref: str) -> dict[str, Any]:
        image = session.engine.pull_known(host, ref)
        if image is None:
            raise not_found_image(session, ref)
        return image_object(session, host, image)

    inspect_refs(p.args, p.get("format"), get, out)


def not_found_image(session: Session, ref: str) -> DaemonError | DockerCliError:
    """"No such image": the daemon's (``nosuchimage:latest``), or 20.10's CLI's."""
    if session.profile.cli_image_not_found_client:  # 20.10's CLI: its own text
        return DockerCliError(f"Error: No such image: {ref}", exit_code=1)
    from netsim.daemon.images import no_such_image

    return no_such_image(ref)
