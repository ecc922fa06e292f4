"""What ``docker build`` prints: BuildKit's plain progress (buildx's ``--progress=plain``, the
shape docker build shows when its output is not a terminal: docker/buildx util/progress,
moby/buildkit util/progressui/printer.go) or the legacy builder's steps (moby
builder/dockerfile/builder.go, its JSON stream as the CLI prints it: docker/cli
cli/command/image/build.go), and the excerpt of the Dockerfile an error points at
(moby/buildkit solver/errdefs/source.go Source.Print).

The times BuildKit prints (``DONE 0.1s``) are netsim's ``0.0s``: a build's steps take no time
here. The step a build runs is shown, with ``CACHED`` when this daemon's cache has it; what a
``RUN`` prints is not simulated (a note says so).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from netsim.images.build import BuildPlan, LintWarning

__all__ = ["BuildKitProgress", "excerpt", "human_size", "legacy_context_size"]


def human_size(size: float, precision: int = 4) -> str:
    """go-units HumanSizeWithPrecision: decimal units, ``precision`` significant digits
    (``2.048kB``, ``963kB``, ``156MB``)."""
    units = ("B", "kB", "MB", "GB", "TB", "PB", "EB", "ZB", "YB")
    i = 0
    while size >= 1000 and i < len(units) - 1:
        size /= 1000.0
        i += 1
    return f"{size:.{precision}g}{units[i]}"


def legacy_context_size(files: Sequence[tuple[str, int]], dirs: int = 0) -> int:
    """The size of the tar the legacy builder's CLI sends: a 512-byte header per file and
    directory, each file's data padded to 512 bytes, and the two zero blocks that end it (Go's
    archive/tar; measured: a lone 124-byte Dockerfile sends 2.048kB)."""
    total = 512 * dirs
    for _name, size in files:
        total += 512 + -(-size // 512) * 512
    return total + 1024


def excerpt(name: str, source: str, start: int, end: int) -> str:
    """The lines around an error, ``>>>`` on the ones it is about (Source.Print)."""
    lines = source.split("\n")
    if start < 1 or start > len(lines):
        return ""
    end = min(max(end, start), len(lines))
    pad = 4 if end == start else 2
    first, last, p = start, end, 0
    while p < pad:
        if first > 1:
            first -= 1
            p += 1
        if last != len(lines):
            last += 1
            p += 1
        p += 1
    out = f"{name}:{start}\n--------------------\n"
    for i in range(first, last + 1):
        mark = ">>>" if start <= i <= end else "   "
        out += f" {i:3d} | {mark} {lines[i - 1]}\n"
    return out + "--------------------\n"


@dataclass
class BuildKitProgress:
    """BuildKit's plain progress, vertex by vertex (``#N …`` blocks, a blank line after each)."""

    lines: list[str] = field(default_factory=list)
    n: int = 0
    #: ``docker build -q``: nothing is shown (``text`` stays empty)
    quiet: bool = False

    def start(self) -> None:
        self.lines.append('#0 building with "default" instance using docker driver\n\n')

    def vertex(self, name: str, *logs: str, cached: bool = False,
               close: bool = True) -> None:
        self.n += 1
        text = f"#{self.n} {name}\n" + "".join(f"#{self.n} {log}\n" for log in logs)
        text += f"#{self.n} CACHED\n" if cached else f"#{self.n} DONE 0.0s\n"
        self.lines.append(text + ("\n" if close else ""))

    def definition(self, dockerfile: str, size: int, warnings: Sequence[LintWarning],
                   *, close: bool = True) -> None:
        self.vertex(f"[internal] load build definition from {dockerfile}",
                    f"transferring dockerfile: {size}B done",
                    *(f"WARN: {w.text()}" for w in warnings), close=close)

    @property
    def text(self) -> str:
        return "" if self.quiet else "".join(self.lines)


def warnings_summary(warnings: Sequence[LintWarning]) -> str:
    """The summary of the Dockerfile's check warnings after the build (buildx
    commands/build.go printWarnings: yellow on a terminal and off one alike)."""
    if not warnings:
        return ""
    n = len(warnings)
    head = f"{n} warning{'s' if n != 1 else ''} found (use docker --debug to expand):"
    return (f" \x1b[33m{head}\n\x1b[0m"
            + "".join(f" - {w.text()}\n" for w in warnings))


def stage_label(plan: BuildPlan, index: int, vertex: int) -> str:
    """A step's label: ``[1/1]`` in a one-stage Dockerfile, ``[build 2/4]`` or
    ``[stage-1 1/3]`` when it has several (dockerfile2llb convert.go prefixCommand)."""
    stage = plan.stages[index]
    total = stage.vertices
    step = f"{vertex:>{len(str(total))}}/{total}"  # "%*d/%d": [ 1/11]
    if len(plan.stages) == 1:
        return f"[{step}]"
    return f"[{stage.name or f'stage-{index}'} {step}]"
