"""What ``docker build`` makes of a Dockerfile: its stages, the steps each runs (the vertices
BuildKit shows, the steps the legacy builder numbers), the lint warnings, and the image config
the target stage ends with.

No step is run: ``RUN`` is shown and cached, and what it installs with ``apt-get install`` or
``apk add`` becomes the image's tools (the catalogue's ``packages``); ``COPY`` and ``ADD`` copy
nothing netsim reads. The dispatch rules are BuildKit's (frontend/dockerfile/dockerfile2llb/
convert.go dispatch*, convert_expose.go; instructions/parse.go), the same ones the legacy
builder applies (moby builder/dockerfile/dispatchers.go) for what netsim keeps.
"""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from netsim.images.dockerfile import (
    Dockerfile,
    DockerfileError,
    Instruction,
    expand_word,
    expand_words,
    name_values,
    shown_word,
    split_words,
    suggest,
)

__all__ = [
    "BuildPlan",
    "ImageConfig",
    "LintWarning",
    "Stage",
    "Step",
    "apply_changes",
    "exposed_ports",
    "installed_packages",
    "plan_build",
]

#: BuildKit's predefined platform ARGs, what an ``ARG TARGETARCH`` without a default gets
#: (frontend/dockerfile/docs/reference.md "Automatic platform ARGs"): the lab's and netsim's
#: hosts are linux/amd64
PLATFORM_ARGS = {"TARGETPLATFORM": "linux/amd64", "TARGETOS": "linux", "TARGETARCH": "amd64",
                 "TARGETVARIANT": "", "BUILDPLATFORM": "linux/amd64", "BUILDOS": "linux",
                 "BUILDARCH": "amd64", "BUILDVARIANT": ""}

#: the instructions that make a step of their own in BuildKit's graph (a vertex it shows);
#: the others only change the image config
_VERTEX = ("from", "run", "copy", "add", "workdir")


@dataclass(frozen=True)
class ImageConfig:
    """The parts of an image's config (``docker image inspect … .Config``) netsim keeps."""

    env: tuple[str, ...] = ()
    cmd: tuple[str, ...] | None = None
    entrypoint: tuple[str, ...] | None = None
    exposed: tuple[str, ...] = ()  # "80/tcp", in Go's JSON map order (sorted strings)
    labels: tuple[tuple[str, str], ...] = ()  # sorted by name
    user: str = ""
    working_dir: str = ""
    stop_signal: str = ""
    volumes: tuple[str, ...] = ()
    shell: tuple[str, ...] | None = None
    healthcheck: tuple[str, ...] | None = None
    onbuild: tuple[str, ...] = ()

    def env_map(self) -> dict[str, str]:
        return dict(e.partition("=")[::2] for e in self.env)


@dataclass(frozen=True)
class LintWarning:
    """One of BuildKit's Dockerfile checks (linter/ruleset.go): rule name, message, line."""

    rule: str
    message: str
    line: int

    def text(self) -> str:
        return f"{self.rule}: {self.message} (line {self.line})"


@dataclass(frozen=True)
class Step:
    """One step of a stage: the instruction, its number among the stage's vertices (0: it makes
    none) and the cache key of the state it leaves."""

    instruction: Instruction
    vertex: int
    key: str
    #: the legacy builder's cache key: every instruction, with the config it leaves (its
    #: commit is keyed on the expanded instruction: builder/dockerfile/internals.go)
    legacy_key: str = ""
    #: how BuildKit names the step: its keyword upper-cased, the rest through the lexer with
    #: the environment before it (convert.go uppercaseCmd(processCmdEnv(…)))
    label: str = ""


@dataclass(frozen=True)
class Stage:
    """A stage as built: its name (``AS build``; None: none given), index, base (an image
    reference, normalized by the caller's ``base``, or another stage's index), steps, the
    config it ends with and the packages its RUNs install (by package manager)."""

    index: int
    name: str | None
    base: str
    base_stage: int | None
    steps: tuple[Step, ...]
    config: ImageConfig
    vertices: int
    packages: tuple[tuple[str, str], ...] = ()
    depends: tuple[int, ...] = ()
    key: str = ""
    warnings: tuple[LintWarning, ...] = ()
    #: the ARGs in scope at its end and whether it set a WORKDIR: a stage built FROM this one
    #: starts with both (BuildKit's dispatch state)
    args: tuple[tuple[str, str], ...] = ()
    workdir_set: bool = False

    @property
    def from_image(self) -> bool:
        """It starts from an image, not another stage or scratch: its FROM is a step."""
        return self.base_stage is None and self.base != "scratch"


@dataclass(frozen=True)
class BuildPlan:
    """A Dockerfile's build: every stage in order (``built`` the ones the target needs, in
    order), the target's index, the global ARG steps (the legacy builder counts them), the
    lint warnings and the external images the built stages start from."""

    stages: tuple[Stage, ...]
    built: tuple[int, ...]
    target: int
    global_args: tuple[Instruction, ...]
    warnings: tuple[LintWarning, ...]
    bases: tuple[str, ...] = field(default=())

    @property
    def final(self) -> Stage:
        return self.stages[self.target]


@dataclass(frozen=True)
class BaseImage:
    """What a stage starts from: the reference as BuildKit shows it, a key for the cache,
    its config."""

    reference: str
    key: str
    config: ImageConfig


def _digest(*parts: object) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()


def port_error(lower: bool) -> Callable[[str, str, str], str]:
    """The text of a bad EXPOSE port: BuildKit ≥ 0.2x's own parser (convert_expose.go,
    ``lower``) or go-connections nat.ParsePortSpec's that older builders use ("Invalid
    containerPort: 99999", "Invalid proto: xyz"; recorded on 26.1 and 20.10)."""
    def text(what: str, value: str, raw: str) -> str:
        if what == "noport":  # nat.ParsePortSpec: "No port specified: %s<empty>"
            return f'invalid port: "{raw}": no port specified' if lower \
                else f"No port specified: {raw}<empty>"
        if what == "proto":
            return f'invalid port: "{raw}": invalid proto: {value}' if lower \
                else f"Invalid proto: {value}"
        return f"{'invalid' if lower else 'Invalid'} containerPort: {value}"
    return text


_BUILDKIT_PORT_ERROR = port_error(True)


def exposed_ports(words: Sequence[str],
                  ports_error: Callable[[str, str, str], str] | None = None) -> list[str]:
    """EXPOSE's words as ``80/tcp``, ranges expanded (convert_expose.go parsePort); a bad
    port is refused with ``ports_error(what, value, word)`` (the engine's text; by default
    BuildKit's)."""
    ports_error = ports_error or _BUILDKIT_PORT_ERROR
    out: list[str] = []
    for raw in words:
        parts = raw.split(":")
        container = parts[-1]
        port, _, proto = container.partition("/")
        if not port:
            raise DockerfileError(ports_error("noport", "", raw), kind="dispatch")
        if proto.lower() not in ("", "tcp", "udp", "sctp"):
            raise DockerfileError(ports_error("proto", proto, raw), kind="dispatch")
        start, sep, end = port.partition("-")
        digits = bool(re.fullmatch(r"[0-9]+", start)) and (
            not sep or bool(re.fullmatch(r"[0-9]+", end)))  # Go's ParseInt: ASCII digits
        first = int(start) if digits else -1
        last = int(end) if digits and sep and end != start else first
        if not (0 <= first <= 65535 and 0 <= last <= 65535) or last < first:
            raise DockerfileError(ports_error("containerPort", port, raw), kind="dispatch")
        out += [f"{p}/{(proto or 'tcp').lower()}" for p in range(first, last + 1)]
    return out


_INSTALL = re.compile(r"(?:^|[;&|(]\s*)(apt-get|apt|apk|yum|dnf|microdnf)\s+([^;&|)]*)")


def installed_packages(command: str) -> list[tuple[str, str]]:
    """The packages a RUN's shell command installs: (manager, package) for each ``apt-get
    install …``, ``apk add …``, ``yum install …`` in it (options and versions left out)."""
    out: list[tuple[str, str]] = []
    for m in _INSTALL.finditer(command):
        manager = {"apt": "apt-get", "dnf": "yum"}.get(m.group(1), m.group(1))
        words = [w for w in m.group(2).split() if not w.startswith("-")]
        if not words or words[0] not in ("install", "add"):
            continue
        for w in words[1:]:
            if "\\" in w or "$" in w:
                continue
            out.append((manager, re.split(r"[=<>~]", w, maxsplit=1)[0]))
    return out


def _with_env(env: tuple[str, ...], key: str, value: str) -> tuple[str, ...]:
    """addEnv: replace NAME=… in place, else append."""
    out = list(env)
    for i, e in enumerate(out):
        if e.partition("=")[0] == key:
            out[i] = f"{key}={value}"
            return tuple(out)
    return (*out, f"{key}={value}")


def _shell_form(config: ImageConfig, text: str) -> tuple[str, ...]:
    return (*(config.shell or ("/bin/sh", "-c")), text)


class _StageBuilder:
    def __init__(self, df: Dockerfile, build_args: Mapping[str, str],
                 global_args: Mapping[str, str],
                 lint: list[LintWarning], ports_error: Callable[[str, str, str], str],
                 legacy: bool = False) -> None:
        self.df = df
        self.build_args = build_args
        self.global_args = global_args
        self.lint = lint
        self.ports_error = ports_error
        self.legacy = legacy
        self.args: dict[str, str] = {}
        self.cmd_set = False
        self.workdir_set = False
        self.packages: list[tuple[str, str]] = []
        self.depends: list[int] = []

    def scope(self, config: ImageConfig) -> dict[str, str]:
        env = dict(self.args)
        env.update(config.env_map())
        return env

    def word(self, text: str, config: ImageConfig) -> str:
        return expand_word(text, self.scope(config), self.df.escape, legacy=self.legacy)

    def apply(self, ins: Instruction, config: ImageConfig) -> ImageConfig:
        """One instruction's change to the stage's config."""
        k = ins.keyword
        esc = self.df.escape
        if k == "env":  # names and values expanded against the env before the instruction
            env = config.env
            before = config
            for name, value, legacy in name_values(k, ins.rest, esc):
                if legacy:
                    self.lint.append(LintWarning("LegacyKeyValueFormat", '"ENV key=value" '
                                                 'should be used instead of legacy "ENV key '
                                                 'value" format', ins.start))
                env = _with_env(env, self.word(name, before), self.word(value, before))
            return replace(config, env=env)
        if k == "label":
            labels = dict(config.labels)
            for name, value, legacy in name_values(k, ins.rest, esc):
                if legacy:
                    self.lint.append(LintWarning("LegacyKeyValueFormat", '"LABEL key=value" '
                                                 'should be used instead of legacy "LABEL key '
                                                 'value" format', ins.start))
                labels[self.word(name, config)] = self.word(value, config)
            return replace(config, labels=tuple(sorted(labels.items())))
        if k == "arg":
            for word in split_words(ins.rest, esc):
                name, sep, default = word.partition("=")
                if name in self.build_args:
                    self.args[name] = self.build_args[name]
                elif sep:
                    self.args[name] = self.word(default, config)
                elif name in self.global_args:
                    self.args[name] = self.global_args[name]
                elif name in PLATFORM_ARGS and not self.legacy:
                    self.args[name] = PLATFORM_ARGS[name]
            return config
        if k == "expose":
            words = expand_words(ins.rest, self.scope(config), esc, legacy=self.legacy)
            ports = set(config.exposed) | set(exposed_ports(words, self.ports_error))
            return replace(config, exposed=tuple(sorted(ports)))
        if k in ("cmd", "entrypoint"):
            if ins.exec_form is not None:
                argv = ins.exec_form
            else:
                if config.shell is None:
                    self.lint.append(LintWarning(
                        "JSONArgsRecommended", f"JSON arguments recommended for {k.upper()} "
                        "to prevent unintended behavior related to OS signals", ins.start))
                argv = _shell_form(config, ins.rest)
            if k == "cmd":
                self.cmd_set = True
                return replace(config, cmd=argv)
            # dispatchEntrypoint: an ENTRYPOINT drops the CMD not set in this stage
            return replace(config, entrypoint=argv, cmd=config.cmd if self.cmd_set else None)
        if k == "workdir":
            path = self.word(ins.rest, config)
            if not self.workdir_set and not path.startswith("/"):
                self.lint.append(LintWarning("WorkdirRelativePath", f'Relative workdir "{path}" '
                                             "can have unexpected results if the base image "
                                             "changes", ins.start))
            self.workdir_set = True
            return replace(config, working_dir=posixpath.normpath(
                posixpath.join("/", config.working_dir or "/", path)))
        if k == "user":
            return replace(config, user=self.word(ins.rest, config))
        if k == "stopsignal":
            return replace(config, stop_signal=self.word(ins.rest, config))
        if k == "volume":
            vols = ins.exec_form if ins.exec_form is not None else tuple(ins.rest.split())
            return replace(config, volumes=tuple(sorted(set(config.volumes) | set(vols))))
        if k == "shell":  # its JSON form checked before (check_instructions)
            return replace(config, shell=ins.exec_form)
        if k == "healthcheck":  # NONE or CMD (checked before: check_instructions)
            rest = ins.rest
            if rest.upper() == "NONE":
                return replace(config, healthcheck=("NONE",))
            command = rest.partition(" ")[2].strip()
            if command.startswith("["):
                from json import loads
                try:
                    return replace(config, healthcheck=("CMD", *loads(command)))
                except ValueError:
                    pass
            return replace(config, healthcheck=("CMD-SHELL", command))
        if k == "maintainer":
            self.lint.append(LintWarning("MaintainerDeprecated", "Maintainer instruction is "
                                         "deprecated in favor of using label", ins.start))
            return config
        if k == "onbuild":
            return replace(config, onbuild=(*config.onbuild, ins.rest))
        if k == "run":
            command = " ".join(ins.exec_form) if ins.exec_form is not None else ins.rest
            for _name, body in ins.heredocs:  # RUN <<EOF: the script is the body
                command += "\n" + body
            self.packages += installed_packages(command.replace("\n", ";"))
        return config


def _check_from_flag(src: str, built: int, ins: Instruction, how: str) -> None:
    """COPY --from's refusals, in each builder's words (recorded: 91-build-refusals-review):
    BuildKit ≥ 0.2x refuses a variable and an index it has not built, with no excerpt;
    BuildKit 0.13 (``buildkit-0.13``) reads a variable as an image name; the legacy builder
    (``legacy``) says "invalid from flag value"."""
    from netsim.images.reference import parse_image_ref

    index = re.fullmatch(r"-?[0-9]+", src) is not None
    if how == "legacy":
        if index and not 0 <= int(src) < built:
            raise DockerfileError(f"invalid from flag value {src}: index out of bounds",
                                  ins.start, ins.end, kind="dispatch")
        if not index:
            try:
                parse_image_ref(src)
            except ValueError as err:
                text = str(err).replace(f" ({_library(src)})", "")
                raise DockerfileError(f"invalid from flag value {src}: {text}", ins.start,
                                      ins.end, kind="dispatch") from None
        return
    if "$" in src:
        if how == "buildkit-0.13":
            try:
                parse_image_ref(src)
            except ValueError as err:
                raise DockerfileError(f'failed to parse stage name "{src}": {err}',
                                      ins.start, ins.end, kind="dispatch") from None
        raise DockerfileError("variable expansion is not supported for --from, define a new "
                              "stage with FROM using ARG from global scope as a workaround",
                              kind="dispatch")
    if index and not 0 <= int(src) < built:
        raise DockerfileError(f"invalid stage index {src}", kind="dispatch")


def _library(name: str) -> str:
    return name if "/" in name else f"library/{name}"


def apply_changes(df: Dockerfile, config: ImageConfig) -> ImageConfig:
    """``docker commit --change``'s instructions applied to a config, as a build's stage
    applies them (the daemon dispatches them the same way: moby daemon/commit.go, builder/
    dockerfile BuildFromConfig)."""
    check_instructions(df)
    if not df.instructions:
        return config
    b = _StageBuilder(df, {}, {}, [], _BUILDKIT_PORT_ERROR)
    for ins in df.instructions:
        config = b.apply(ins, config)
    return config


def check_instructions(df: Dockerfile) -> None:
    """The refusals that come before any step runs, for the whole file in order: ENV and
    LABEL words (parser/line_parsers.go), FROM's arguments, SHELL's and HEALTHCHECK's forms
    (instructions/parse.go)."""
    for i in df.instructions:
        try:
            word = i.keyword.upper()
            args = i.exec_form if i.exec_form is not None else tuple(split_words(i.rest))
            if i.keyword in ("workdir", "user", "stopsignal", "maintainer") and not i.rest:
                raise DockerfileError(f"{word} requires exactly one argument",
                                      kind="instruction")
            if i.keyword in ("expose", "volume", "arg", "onbuild", "shell") and not args:
                raise DockerfileError(f"{word} requires at least one argument",
                                      kind="instruction")
            if i.keyword in ("copy", "add") and len(args) < 2 and not i.heredocs:
                raise DockerfileError(f"{word} requires at least two arguments, but only one "
                                      "was provided. Destination could not be determined",
                                      kind="instruction")
            if i.keyword == "from":
                words = split_words(i.rest, df.escape)
                if len(words) == 3 and not re.fullmatch(r"[a-z][a-z0-9-_.]*",
                                                        words[2].lower()):
                    raise DockerfileError(f'invalid name for build stage: "{words[2]}", name '
                                          "can't start with a number or contain symbols",
                                          kind="instruction")
            if i.keyword == "healthcheck" and i.rest.upper().startswith("CMD") and \
                    not i.rest[3:].strip():
                raise DockerfileError("Missing command after HEALTHCHECK CMD",
                                      kind="instruction")
            if i.keyword in ("env", "label"):
                name_values(i.keyword, i.rest, df.escape)
            elif i.keyword == "from":
                words = split_words(i.rest, df.escape)
                if len(words) not in (1, 3) or (len(words) == 3 and words[1].lower() != "as"):
                    raise DockerfileError("FROM requires either one or three arguments",
                                          kind="instruction")
            elif i.keyword == "shell" and i.exec_form is None:
                raise DockerfileError("SHELL requires the arguments to be in JSON form",
                                      kind="instruction")
            elif i.keyword == "healthcheck" and i.rest.upper() != "NONE":
                kind = i.rest.partition(" ")[0].upper()
                if kind != "CMD":
                    raise DockerfileError(f'Unknown type "{kind}" in HEALTHCHECK (try CMD)',
                                          kind="instruction")
        except DockerfileError as err:
            err.start, err.end = i.start, i.end
            raise


def plan_build(df: Dockerfile, *, build_args: Mapping[str, str], target: str | None,
               base: Callable[[str], BaseImage], context_key: str = "",
               ports_error: Callable[[str, str, str], str] | None = None,
               legacy: bool = False, from_flag: str = "buildkit",
               target_suggests: bool = True) -> BuildPlan:
    """The build of ``df``: stages, steps and the target's config (``base`` gives an external
    base image's reference, cache key and config; ``context_key`` stands for the build
    context's files, for the cache keys of COPY and ADD; ``legacy``: 20.10's builder, its
    word lexer). The parser's and instructions.Parse's refusals come first, for the whole
    file, then the dispatch's, instruction by instruction, as the builders do."""
    check_instructions(df)
    ports_error = ports_error or _BUILDKIT_PORT_ERROR
    ins = list(df.instructions)
    global_args: dict[str, str] = {}
    pre: list[Instruction] = []
    while ins and ins[0].keyword == "arg":  # ARG before the first FROM: the meta args
        a = ins.pop(0)
        pre.append(a)
        for word in split_words(a.rest, df.escape):
            arg, sep, default = word.partition("=")
            if arg in build_args:
                global_args[arg] = build_args[arg]
            elif sep:
                global_args[arg] = expand_word(default, global_args, df.escape, legacy=legacy)
    if not ins or ins[0].keyword != "from":
        where = ins[0] if ins else (pre[-1] if pre else None)
        raise DockerfileError("no build stage in current context",
                              where.start if where else 0, where.end if where else 0,
                              kind="stage")
    groups: list[list[Instruction]] = []
    for i in ins:
        if i.keyword == "from":
            groups.append([i])
        else:
            groups[-1].append(i)
    names: dict[str, int] = {}
    stages: list[Stage] = []
    for index, group in enumerate(groups):
        head = group[0]
        words = split_words(head.rest, df.escape)
        name = words[2].lower() if len(words) == 3 else None
        lint: list[LintWarning] = []
        keyword = head.text.split()[0]
        if len(words) == 3 and (keyword.isupper() != words[1].isupper()):
            lint.append(LintWarning("FromAsCasing", f"'{words[1]}' and '{keyword}' keywords' "
                                    "casing do not match", head.start))
        try:
            image = expand_word(words[0], global_args, df.escape, legacy=legacy)
        except DockerfileError as err:
            err.start, err.end = head.start, head.end
            raise
        b = _StageBuilder(df, build_args, global_args, lint, ports_error, legacy)
        if image.lower() in names:
            parent = stages[names[image.lower()]]
            config, base_ref, base_stage, key = (parent.config, parent.base, parent.index,
                                                 parent.key)
            b.depends.append(parent.index)
            if not legacy:  # BuildKit's dispatch state carries on; 20.10's builder: not the ARGs
                b.args = dict(parent.args)
            b.workdir_set = parent.workdir_set
        elif image == "scratch":  # convert.go: an empty filesystem, no image to load
            config, base_ref, base_stage, key = ImageConfig(), "scratch", None, "scratch"
        else:
            if not image:
                raise DockerfileError("base name (" + words[0] + ") should not be blank",
                                      head.start, head.end, kind="dispatch")
            try:
                found = base(image)
            except DockerfileError as err:  # a base image that cannot be had: at its FROM
                if not err.start:
                    err.start, err.end = head.start, head.end
                raise
            config, base_ref, base_stage, key = found.config, found.reference, None, found.key
        # BuildKit counts the FROM as a step only when it loads an image (convert.go)
        vertex = 1 if base_stage is None and base_ref != "scratch" else 0
        steps = [Step(head, vertex, key, key, f"FROM {base_ref}")]
        lkey = key
        for i in group[1:]:
            env_before = b.scope(config)
            try:
                config = b.apply(i, config)
            except DockerfileError as err:  # the instruction's lines, for the excerpt
                if not err.start:
                    err.start, err.end = i.start, i.end
                raise
            if i.keyword in _VERTEX:
                vertex += 1
                src = i.flag("from") if i.keyword == "copy" else None
                if src is not None:
                    # --from=NAME, or --from=N: the Nth stage before this one (the seed's
                    # --from=0); convert.go refuses a variable and a stage index it has not
                    # built yet
                    _check_from_flag(src, len(stages), i, from_flag)
                    dep = int(src) if re.fullmatch(r"[0-9]+", src) \
                        else names.get(src.lower())
                    if dep is not None:
                        b.depends.append(dep)
                        src = stages[dep].key
                elif i.keyword in ("copy", "add"):
                    src = context_key
                # build args reach a RUN's environment only (and so its cache key)
                used = sorted(b.args.items()) if i.keyword == "run" else ()
                key = _digest(key, i.text, used, src, b.word(i.rest, config)
                              if i.keyword == "workdir" else "")
                lkey = _digest(lkey, i.text, used, src, config)
                shown = shown_word(i.text, env_before, df.escape, run=i.keyword == "run")
                word, _, rest = shown.partition(" ")
                label = f"{word.upper()} {rest}".rstrip()
                if i.heredocs:  # convert.go: the body's first line after the marker
                    body = i.heredocs[0][1].split("\n")
                    more = "..." if len([b for b in body if b]) > 1 else ""
                    label += f" ({body[0]}{more})"
                steps.append(Step(i, vertex, key, lkey, label))
            else:
                lkey = _digest(lkey, i.text, config)  # ARG: its declaration
                steps.append(Step(i, 0, key, lkey))
        stage = Stage(index, name, base_ref, base_stage, tuple(steps), config, vertex,
                      tuple(b.packages), tuple(b.depends), key, tuple(lint),
                      tuple(sorted(b.args.items())), b.workdir_set)
        stages.append(stage)
        if name is not None:
            names[name] = index
    if target is not None:
        if target.lower() not in names:  # convert.go: with suggest.WrapError's hint
            near = suggest(target, list(names)) if target_suggests else ""
            raise DockerfileError(f"target stage \"{target}\" could not be found"
                                  + (f" (did you mean {near}?)" if near else ""),
                                  kind="target")
        goal = names[target.lower()]
    else:
        goal = len(stages) - 1
    needed: set[int] = set()

    def need(i: int) -> None:
        if i in needed:
            return
        needed.add(i)
        for d in stages[i].depends:
            need(d)

    need(goal)
    warnings = sorted((w for s in sorted(needed) for w in stages[s].warnings),
                      key=lambda w: w.line)
    # BuildKit loads the metadata of the bases the target needs, not every stage's
    bases = list(dict.fromkeys(stages[i].base for i in sorted(needed)
                               if stages[i].from_image))
    return BuildPlan(tuple(stages), tuple(sorted(needed)), goal, tuple(pre), tuple(warnings),
                     tuple(bases))
