"""``docker build PATH``: the Dockerfile and the context read from the host's files (the
script's workspace), the build planned (:mod:`netsim.images.build`), the image stored in the
daemon (:mod:`netsim.daemon.images`) and the progress printed as BuildKit or, for 20.10, the
legacy builder prints it (:mod:`netsim.dockercli.output.build`).

The build context is read for what netsim needs of it (the Dockerfile, ``.dockerignore``, the
files' sizes); ``RUN`` runs nothing: the packages it installs with ``apt-get install`` or ``apk
add`` become the image's tools, and the rest is said once, not simulated.
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass

from netsim.daemon.imagestore import LocalImage, image_digest, info_with_config
from netsim.dockercli.commands.context import NOT_SIMULATED, Output, Session
from netsim.dockercli.output.build import (
    BuildKitProgress,
    excerpt,
    human_size,
    legacy_context_size,
    stage_label,
    warnings_summary,
)
from netsim.dockercli.parse import ParsedCommand
from netsim.images import PACKAGES, ImageInfo, ImageRef, parse_image_ref
from netsim.images.build import BaseImage, BuildPlan, ImageConfig, plan_build, port_error
from netsim.images.dockerfile import Dockerfile, DockerfileError, parse_dockerfile
from netsim.versions import EngineProfile

__all__ = ["build"]

def _sent(name: str, size: int) -> int:
    """What BuildKit's file sync (tonistiigi/fsutil) sends for one file: its stat packet (25
    bytes of mode, times … besides the name and the size's varint), the name, and the data
    packet with its length's varint (measured: a 124-byte Dockerfile is "transferring
    dockerfile: 161B", a 378-byte one 417B, a 10-byte .dockerignore 50B)."""
    varint = max(1, -(-size.bit_length() // 7))
    return 25 + len(name) + 2 * varint + size


@dataclass
class _Context:
    """The build context as the CLI reads it: its directory, the Dockerfile's name and text,
    .dockerignore's text (None: none), the files sent (after .dockerignore)."""

    root: str
    dockerfile: str
    text: str
    ignore: str | None
    files: list[tuple[str, int]]
    dirs: int


def _patterns(ignore: str | None) -> list[str]:
    if not ignore:
        return []
    return [ln.strip().lstrip("/") for ln in ignore.splitlines()
            if ln.strip() and not ln.strip().startswith("#")]


def _ignored(rel: str, patterns: list[str]) -> bool:
    from fnmatch import fnmatchcase

    out = False
    for pat in patterns:  # moby/patternmatcher: the last matching pattern wins, ! negates
        neg = pat.startswith("!")
        body = pat[1:] if neg else pat
        if fnmatchcase(rel, body) or rel.startswith(body.rstrip("/") + "/"):
            out = not neg
    return out


def _read_context(session: Session, host: str, p: ParsedCommand) -> _Context | str:
    """The context, or the CLI's error text (``unable to prepare context: …``)."""
    ws = session.workspace(host)
    path = p.args[0]
    root = ws.path(path)
    if not ws.is_dir(root):
        return f'unable to prepare context: path "{path}" not found'
    name = p.get("file") or "Dockerfile"
    df_path = ws.path(name) if p.get("file") else posixpath.join(root, name)
    try:
        text = ws.read_text(df_path)
    except OSError:
        if session.profile.build_legacy:
            return ("unable to prepare context: unable to evaluate symlinks in Dockerfile "
                    f"path: lstat {df_path}: no such file or directory")
        return f"\x00{posixpath.basename(name)}"  # BuildKit's: after the definition's load
    ignore: str | None
    try:
        ignore = ws.read_text(posixpath.join(root, ".dockerignore"))
    except OSError:
        ignore = None
    patterns = _patterns(ignore)
    files: list[tuple[str, int]] = []
    dirs = 0

    def walk(d: str, rel: str) -> None:
        nonlocal dirs
        for entry in sorted(ws.listdir(d)):
            full = posixpath.join(d, entry)
            r = posixpath.join(rel, entry) if rel else entry
            keep = r in (".dockerignore", posixpath.relpath(df_path, root)) or not _ignored(
                r, patterns)
            if ws.is_dir(full):
                if keep:
                    dirs += 1
                    walk(full, r)
            elif keep:
                try:
                    files.append((r, len(ws.read_text(full).encode())))
                except (OSError, UnicodeDecodeError):
                    files.append((r, 0))

    walk(root, "")
    return _Context(root, posixpath.basename(name), text, ignore, files, dirs)


def buildx_text(text: str, profile: EngineProfile) -> str:
    """The docker CLI's refusal of a ``docker build`` line as buildx words it: ``docker
    build`` runs the ``buildx build`` plugin command (docker/buildx commands/build.go), whose
    cobra names itself so, says "Start a build", and prefixes its own errors (an argument
    count, not an unknown flag) with ``ERROR:`` (recorded: 90-image-cli on 26.1 and 28.5)."""
    unknown_flag = text.startswith(("unknown flag", "unknown shorthand flag"))
    text = (text.replace("docker build", "docker buildx build")
            .replace("docker image build", "docker buildx build")
            .replace("Build an image from a Dockerfile", "Start a build"))
    return text if unknown_flag else "ERROR: " + text


def _fail(session: Session, out: Output, text: str) -> None:
    if session.profile.build_legacy:
        out.err(text, 1)
    else:
        prefix = "ERROR: failed to build: " if session.profile.build_failed_to_build \
            else "ERROR: "
        out.err(prefix + text, 1)


def _solve_error(session: Session, text: str) -> str:
    return ("failed to build: failed to solve: " if session.profile.build_failed_to_build
            else "failed to solve: ") + text


def build(session: Session, p: ParsedCommand, host: str, out: Output) -> None:
    """``docker build [OPTIONS] PATH``."""
    if not (session.profile.build_legacy and p.get("quiet") == "true"):
        _build(session, p, host, out)
        return
    # the legacy builder's -q: the steps are kept and shown on stderr only when the build
    # fails; else the image's ID alone (docker/cli cli/command/image/build.go, progBuff)
    held = Output()
    _build(session, p, host, held)
    built = [ln for ln in held.stdout if ln.startswith("Successfully built ")]
    if held.code == 0 and built:
        image = session.engine.find_image(host, built[-1].split()[-1])
        out.out(image.id if image is not None else built[-1].split()[-1])
        return
    out.err(held.stdout_text + held.stderr_text, held.code)


def _build(session: Session, p: ParsedCommand, host: str, out: Output) -> None:
    path = p.args[0]
    if path == "-" or "://" in path or path.startswith("git@"):
        out.err("netsim: docker build from standard input or a URL is not simulated",
                NOT_SIMULATED)
        return
    legacy = session.profile.build_legacy
    # -q: the image's ID on stdout, no progress (the legacy builder's: build() above)
    quiet = p.get("quiet") == "true" and not legacy
    ctx = _read_context(session, host, p)
    progress = BuildKitProgress(quiet=quiet)
    if not legacy and not (isinstance(ctx, str) and not ctx.startswith("\x00")):
        progress.start()
    if isinstance(ctx, str):
        if ctx.startswith("\x00"):  # no Dockerfile: BuildKit tells after loading "it"
            progress.definition(ctx[1:], 2, (), close=False)
            if progress.text:
                out.err(progress.text, None)
            out.err("ERROR: " + _solve_error(session, f"failed to read dockerfile: open "
                                             f"{ctx[1:]}: no such file or directory"), 1)
            return
        _fail(session, out, ctx)
        return
    size = _sent(ctx.dockerfile, len(ctx.text.encode()))
    if legacy and not quiet:
        sent = legacy_context_size(ctx.files, ctx.dirs)
        out.out(f"Sending build context to Docker daemon {human_size(sent):>8}\r\r")
    try:
        df = parse_dockerfile(ctx.text, heredocs=session.profile.build_heredocs)
    except DockerfileError as err:
        _report(session, out, progress, ctx, size, err)
        return
    fetched: dict[str, LocalImage] = {}
    try:
        plan = _plan(session, host, p, df, ctx, fetched)
    except BaseUnavailable as err:
        _unavailable(session, out, progress, ctx, size, err, df)
        return
    except DockerfileError as err:
        if legacy and err.kind == "dispatch":
            _legacy_until(session, host, p, df, ctx, err, out)
        _report(session, out, progress, ctx, size, err)
        return
    if legacy:
        from netsim.dockercli.commands.build_legacy import legacy_build

        legacy_build(session, host, p, plan, out, fetched=fetched)
        return
    _buildkit(session, host, p, plan, ctx, size, progress, out, fetched)


def _unavailable(session: Session, out: Output, progress: BuildKitProgress, ctx: _Context,
                 size: int, err: BaseUnavailable, df: Dockerfile) -> None:
    """A base image the build cannot fetch from its registry (recorded: 90-image-cli): the
    legacy builder's steps up to that FROM and the daemon's pull error; BuildKit's failed
    metadata vertex, its summary, the FROM's excerpt and the error."""
    if session.profile.build_legacy:
        total = len(df.instructions)
        for i, ins in enumerate(df.instructions, 1):
            if ins.start > err.start:
                break
            out.out(f"Step {i}/{total} : {ins.text}")
        out.err(err.legacy, 1)
        return
    progress.definition(ctx.dockerfile, size, ())
    name = f"[internal] load metadata for {err.ref.canonical}"
    progress.vertex(name, close=False)
    progress.lines[-1] = progress.lines[-1].replace(
        f"#{progress.n} DONE 0.0s\n", f"#{progress.n} ERROR: {err.buildkit}\n")
    if progress.text:
        out.err(progress.text + f"------\n > {name}:\n------\n", None)
    out.err(excerpt(ctx.dockerfile, ctx.text, err.start, err.end), None)
    out.err("ERROR: " + _solve_error(session, err.message), 1)


class BaseUnavailable(DockerfileError):
    """A FROM image in a registry on the network that the build cannot get: what BuildKit
    says of the metadata it could not load (``failed to do request: Head "…/manifests/TAG":
    …``) and what the legacy builder's pull says (the daemon's words)."""

    def __init__(self, typed: str, ref: ImageRef, buildkit: str, legacy: str) -> None:
        super().__init__(f"{typed}: failed to resolve source metadata for {ref.canonical}: "
                         f"{buildkit}", kind="dispatch")
        self.ref, self.buildkit, self.legacy = ref, buildkit, legacy


def _from_registry(session: Session, host: str, typed: str) -> LocalImage | None:
    """The image a FROM names in a registry on the network, as the builder fetches it (None:
    not such a reference, or one netsim does not simulate, said once); BaseUnavailable when
    the registry cannot be reached or does not have it."""
    from netsim.dockercli.commands.registry import (
        NotSimulated,
        Unreachable,
        find_registry,
        wants_registry,
    )

    if not wants_registry(typed) or session.engine.find_image(host, typed) is not None:
        return None
    ref = parse_image_ref(typed)
    try:
        cid, _url = find_registry(session, host, ref)
    except NotSimulated as err:
        session.engine.notes.setdefault(f"docker build: a base image from {err} is not "
                                        "simulated", None)
        return None
    except Unreachable as err:
        raise BaseUnavailable(typed, ref, f'failed to do request: Head "{err.scheme}://'
                              f'{err.domain}/v2/{ref.repository}/manifests/{ref.tag}": '
                              f"{err.detail}", err.text) from None
    stored = session.engine.registry_data(cid).repos.get(ref.repository, {}).get(ref.tag)
    if stored is None:
        raise BaseUnavailable(typed, ref, f"{ref.canonical}: not found",
                              f"manifest for {ref.familiar_tagged} not found: manifest "
                              "unknown: manifest unknown")
    return stored


def _plan(session: Session, host: str, p: ParsedCommand, df: Dockerfile,
          ctx: _Context, fetched: dict[str, LocalImage] | None = None) -> BuildPlan:
    """The build's plan; ``fetched`` collects the base images pulled from a registry on the
    network (the builder's, not in the daemon's image list)."""
    args = dict(a.partition("=")[::2] for a in p.get_all("build-arg"))

    def base(ref: str) -> BaseImage:
        try:
            parsed = parse_image_ref(ref)
        except ValueError as err:  # dockerfile2llb convert.go: the stage's name as a reference
            if session.profile.build_legacy:  # 20.10: at its step, the reference's own words
                from netsim.images import uppercase_error, uppercase_repository

                upper = uppercase_repository(ref)
                raise DockerfileError(uppercase_error(upper, named=False) if upper
                                      else str(err), kind="dispatch") from None
            raise DockerfileError(f'failed to parse stage name "{ref}": {err}',
                                  kind="parse") from None
        remote = _from_registry(session, host, ref)
        if remote is not None:
            if fetched is not None:
                fetched[parsed.canonical] = remote
            return BaseImage(parsed.canonical, remote.id, remote.config)
        image = session.engine.pull_known(host, ref)
        if image is None:  # an image netsim does not know: taken to exist (said once)
            session.engine.notes.setdefault(
                f"image {parsed.familiar_tagged} is not in netsim's catalogue: built on as an "
                "image with an empty config", None)
            return BaseImage(parsed.canonical, image_digest("unknown", parsed.canonical),
                             ImageConfig())
        return BaseImage(parsed.canonical, image.id, image.config)

    return plan_build(df, build_args=args, target=p.get("target") or None, base=base,
                      context_key=repr(sorted(ctx.files)),
                      ports_error=port_error(session.profile.build_port_error_lower),
                      legacy=session.profile.build_legacy,
                      from_flag=session.profile.build_from_flag,
                      target_suggests=session.profile.build_target_suggests)


def _legacy_until(session: Session, host: str, p: ParsedCommand, df: Dockerfile,
                  ctx: _Context, err: DockerfileError, out: Output) -> None:
    """The legacy builder's steps before the one that failed, and that one's line."""
    from dataclasses import replace

    from netsim.dockercli.commands.build_legacy import legacy_build

    before = replace(df, instructions=tuple(i for i in df.instructions if i.end < err.start))
    failing = [i for i in df.instructions if i.start <= err.start <= i.end]
    total = len(df.instructions)
    n = len(before.instructions)
    if any(i.keyword == "from" for i in before.instructions):
        try:
            legacy_build(session, host, p, _plan(session, host, p, before, ctx), out,
                         total=total, finish=False)
        except DockerfileError:
            return
    else:
        for i, ins in enumerate(before.instructions, 1):
            out.out(f"Step {i}/{total} : {ins.text}")
    if failing:
        out.out(f"Step {n + 1}/{total} : {failing[0].text}")


def _report(session: Session, out: Output, progress: BuildKitProgress, ctx: _Context,
            size: int, err: DockerfileError) -> None:
    """A Dockerfile the builder refuses: where and why, as each builder shows it by where the
    refusal comes from (DockerfileError.kind; recorded: conformance/recorded/*/86)."""
    profile = session.profile
    message = err.message
    if err.kind == "instruction":
        if profile.build_parse_error_suggests:
            message = f"dockerfile parse error on line {err.start}: {message}"
        else:  # 20.10: "line N", no suggestion, the instruction's word upper-cased
            plain = message.split(" (did you mean")[0]
            if plain.startswith("unknown instruction: "):
                plain = "unknown instruction: " + plain.split(": ", 1)[1].upper()
            message = f"dockerfile parse error line {err.start}: {plain}"
    if profile.build_legacy:
        if err.kind == "dispatch":  # after the steps before it, on the build's stream
            out.err(message, 1)
        elif err.kind == "target":
            target = message.split('"')[1]
            out.err(f"Error response from daemon: failed to reach build target {target} in "
                    "Dockerfile", 1)
        elif err.kind == "parse":
            out.err(f"Error response from daemon: failed to parse {ctx.dockerfile}: {message}",
                    1)
        else:
            out.err(f"Error response from daemon: {message}", 1)
        return
    early = err.kind != "dispatch"
    progress.definition(ctx.dockerfile, size, (), close=not early)
    if not early:
        for ref in _bases_of(ctx.text):
            progress.vertex(f"[internal] load metadata for {ref}",
                            close=profile.build_dockerignore_before_dispatch_error)
        if profile.build_dockerignore_before_dispatch_error:
            progress.vertex("[internal] load .dockerignore", "transferring context: "
                            f"{_ignore_size(ctx)}B done", close=False)
    if progress.text:
        out.err(progress.text.rstrip("\n") + "\n", None)
    if err.start:
        out.err(excerpt(ctx.dockerfile, ctx.text, err.start, err.end), None)
    out.err("ERROR: " + _solve_error(session, message), 1)


def _bases_of(text: str) -> list[str]:
    """The external images a Dockerfile's FROMs name as BuildKit shows them (for a build that
    failed before its plan: the FROM lines read as they are, without the stages' own names,
    scratch and ARG-named images)."""
    out: list[str] = []
    stages: set[str] = set()
    for line in text.splitlines():
        words = [w for w in line.split() if not w.startswith("--")]
        if len(words) >= 2 and words[0].lower() == "from":
            image = words[1]
            if len(words) >= 4 and words[2].lower() == "as":
                stages.add(words[3].lower())
            if "$" in image or image.lower() in stages or image == "scratch":
                continue
            try:
                ref = parse_image_ref(image).canonical
            except ValueError:
                continue
            if ref not in out:
                out.append(ref)
    return out


def _ignore_size(ctx: _Context) -> int:
    if ctx.ignore is None:
        return 2
    return _sent(".dockerignore", len(ctx.ignore.encode()))


def _tags(p: ParsedCommand) -> list[str]:
    return p.get_all("tag")


def finish_image(session: Session, host: str, p: ParsedCommand, plan: BuildPlan,
                 parent: str = "", legacy_id: str = "",
                 fetched: Mapping[str, LocalImage] | None = None) -> LocalImage:
    """The image a build made: stored under its tags, its facts from its base's."""
    engine = session.engine
    stage = plan.final
    config = stage.config
    labels = dict(config.labels)
    labels.update(dict(lbl.partition("=")[::2] for lbl in p.get_all("label")))
    if labels != dict(config.labels):
        from dataclasses import replace

        config = replace(config, labels=tuple(sorted(labels.items())))
    root = stage
    while root.base_stage is not None:
        root = plan.stages[root.base_stage]
    base = engine.find_image(host, root.base) or (fetched or {}).get(root.base)
    base_info = base.info if base is not None else None
    tools: dict[str, str] = {}
    for s in plan.built:
        if s == plan.target or s in _ancestors(plan, plan.target):
            for manager, package in plan.stages[s].packages:
                tools.update(PACKAGES.get(manager, {}).get(package, {}))
    if any(plan.stages[s].packages for s in plan.built):
        engine.notes.setdefault("docker build: RUN steps are not run; the packages they "
                                "install with apt-get/apk/yum become the image's tools", None)
    elif any(st.instruction.keyword == "run" for s in plan.built
             for st in plan.stages[s].steps):
        engine.notes.setdefault("docker build: RUN steps are not run (what they print and "
                                "change in the image is not simulated)", None)
    info: ImageInfo | None = info_with_config(base_info, config, tools or None)
    image_id = legacy_id or image_digest("build", stage.key, config)
    store = engine.image_store(host)
    old = store.images.get(image_id)
    chain = [*sorted(_ancestors(plan, plan.target)), plan.target]
    layers = (*(base.layers if base is not None else ()),  # a layer per RUN, COPY and ADD
              *(image_digest("layer", st.key) for i in chain for st in plan.stages[i].steps
                if st.instruction.keyword in ("run", "copy", "add")))
    image = LocalImage(id=image_id, config=config, info=info,
                       created=old.created if old is not None else engine.clock,
                       size=base.size if base is not None else None, parent=parent,
                       layers=layers)
    store.images[image_id] = image  # a step image of the legacy builder becomes the image
    tags = []
    for t in _tags(p):
        try:
            tags.append(parse_image_ref(t).canonical)
        except ValueError:
            continue
    engine.add_image(host, image, tags)
    return image


def _ancestors(plan: BuildPlan, index: int) -> set[int]:
    out: set[int] = set()
    stage = plan.stages[index]
    while stage.base_stage is not None:
        out.add(stage.base_stage)
        stage = plan.stages[stage.base_stage]
    return out


def _buildkit(session: Session, host: str, p: ParsedCommand, plan: BuildPlan, ctx: _Context,
              size: int, progress: BuildKitProgress, out: Output,
              fetched: Mapping[str, LocalImage]) -> None:
    profile = session.profile
    store = session.engine.image_store(host)
    warnings = plan.warnings if profile.build_lint else ()
    progress.definition(ctx.dockerfile, size, warnings)
    for ref in plan.bases:
        progress.vertex(f"[internal] load metadata for {ref}")
    progress.vertex("[internal] load .dockerignore",
                    f"transferring context: {_ignore_size(ctx)}B done")
    for s in plan.built:  # the FROMs first: BuildKit resolves every base before the steps
        stage = plan.stages[s]
        if stage.from_image:
            progress.vertex(f"{stage_label(plan, s, 1)} {stage.steps[0].label}",
                            cached=f"from:{stage.base}" in store.cache)
    context_sent = False
    for s in plan.built:
        stage = plan.stages[s]
        for st in stage.steps[1:]:
            if not st.vertex:
                continue
            ins = st.instruction
            if (ins.keyword in ("copy", "add") and ins.flag("from") is None
                    and not context_sent):
                progress.vertex("[internal] load build context",
                                f"transferring context: {_context_size(ctx, plan)}B done")
                context_sent = True
            cached = st.key in store.cache and p.get("no-cache") != "true"
            progress.vertex(f"{stage_label(plan, s, st.vertex)} {st.label}", cached=cached)
            store.cache[st.key] = st.key
    for s in plan.built:
        if plan.stages[s].from_image:
            store.cache[f"from:{plan.stages[s].base}"] = ""
    image = finish_image(session, host, p, plan, fetched=fetched)
    logs = ["exporting layers done", f"writing image {image.id} done"]
    logs += [f"naming to {_named(t)} done" for t in _tags(p)]
    progress.vertex("exporting to image", *logs)
    if progress.quiet:
        out.out(image.id)
    elif warnings:  # the summary after a blank line; else the last block ends the output
        out.err(progress.text + warnings_summary(warnings), None)
    else:
        out.err(progress.text.removesuffix("\n"), None)
    out.code = 0


def _context_size(ctx: _Context, plan: BuildPlan) -> int:
    """What the build context's transfer sends: the files the built stages' COPY and ADD
    name (BuildKit's followpaths: only those are synced), each with its stat."""
    from fnmatch import fnmatchcase

    sources: list[str] = []
    for s in plan.built:
        for st in plan.stages[s].steps:
            ins = st.instruction
            if ins.keyword in ("copy", "add") and ins.flag("from") is None:
                words = list(ins.exec_form) if ins.exec_form is not None else ins.rest.split()
                sources += [w.removeprefix("./").rstrip("/") or "." for w in words[:-1]]

    def wanted(name: str) -> bool:
        return any(src == "." or fnmatchcase(name, src) or name.startswith(src + "/")
                   for src in sources)

    return sum(_sent(name, n) for name, n in ctx.files if wanted(name))


def _named(tag: str) -> str:
    """The name BuildKit's exporter writes: the tag normalized, without an implied
    ``:latest`` (``docker.io/library/msimg``, ``docker.io/library/mybuild:0.0``)."""
    try:
        ref = parse_image_ref(tag)
    except ValueError:
        return tag
    return ref.name + (f":{ref.tag}" if ref.tag_explicit else "")
