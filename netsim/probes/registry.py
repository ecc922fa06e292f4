"""The probes' registry: each tool family (one module of :mod:`netsim.probes`) registers the
programs it simulates and declares, as data, what each one needs from the image.

A :class:`Need` names the image catalogue's tool entry that provides a program
(:attr:`netsim.images.ImageInfo.tools`, the packages of :data:`netsim.images.PACKAGES`) and which
implementation netsim simulates for each one the catalogue knows; it also says what a Debian-like
vantage point has (an image netsim does not know, a Docker host, the LAN) and what BusyBox's
multi-call binary gives (``busybox ping``). :func:`netsim.probes.toolbox.toolbox_for` reads the
needs to give a vantage point its :class:`~netsim.probes.toolbox.Toolbox`;
:func:`netsim.probes.probe` runs a command's program through :func:`program`, after answering
Docker's ``executable file not found`` where the vantage point lacks what the program needs.

Adding a tool family is one module that builds a :class:`Tool` and calls :func:`register`, and
one import line in ``netsim/probes/__init__.py``. The package managers are no probe (they change
the container: :func:`netsim.probes.install`), nor are the shells (``sh -c``:
:mod:`netsim.probes.shell`) or BusyBox's multi-call binary, which :func:`netsim.probes.probe`
handles itself.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from netsim.images import ToolImpl

if TYPE_CHECKING:
    from netsim.probes.context import ProbeResult, Where

__all__ = ["Handler", "Need", "Program", "Tool", "needs", "program", "register", "tools",
           "unregister"]

#: a program's simulation: where it runs and its arguments (after the program's name)
Handler = Callable[["Where", list[str]], "ProbeResult"]

#: a slot's value in a :class:`~netsim.probes.toolbox.Toolbox`: the implementation (None: not
#: there), presence (True/False), or a version string
SlotValue = str | bool | None


@dataclass(frozen=True)
class Need:
    """What a program needs from the image, and how the image's facts become the implementation
    netsim simulates at a vantage point (a slot of its :class:`~netsim.probes.toolbox.Toolbox`)."""

    #: the Toolbox attribute that holds the implementation (several programs may share one:
    #: ``dig`` and ``host`` are BIND's)
    slot: str
    #: the image catalogue's tool entry that provides it (a key of ImageInfo.tools)
    tool: str
    #: the catalogue's implementation → the one simulated (``"*"``: any other); empty: the slot
    #: only says whether the tool is there (True/False)
    impls: Mapping[str, str] = field(default_factory=dict)
    #: the catalogue's implementation on a Debian-like vantage point (None: not installed there)
    debian: ToolImpl | None = None
    #: the slot's value under BusyBox's multi-call binary (``busybox APPLET``; None/False: no
    #: such applet)
    busybox: SlotValue = None
    #: the slot holds the tool's version by the image's release (dig's BIND), instead of impls
    versions: Mapping[str, str] | None = None

    def pick(self, tools: Mapping[str, ToolImpl], release: str) -> SlotValue:
        """The slot's value for an image with these catalogue tools, built on ``release`` (a key
        of :data:`netsim.images.DIG_VERSIONS`)."""
        if self.versions is not None:
            return self.versions.get(release, self.versions["debian"]) if self.tool in tools \
                else None
        if not self.impls:
            return self.tool in tools
        impl = tools.get(self.tool)
        return None if impl is None else self.impls.get(impl, self.impls.get("*"))


@dataclass(frozen=True)
class Program:
    """One program a family simulates: its name (the base name of ``argv[0]``), its simulation,
    and what it needs from the image (None: every vantage point has it)."""

    name: str
    run: Handler
    need: Need | None = None


@dataclass(frozen=True)
class Tool:
    """A tool family: the programs one module of :mod:`netsim.probes` simulates."""

    family: str
    programs: tuple[Program, ...]

    @property
    def needs(self) -> tuple[Need, ...]:
        """What the family's programs need from the image (each need once)."""
        out: list[Need] = []
        for p in self.programs:
            if p.need is not None and p.need not in out:
                out.append(p.need)
        return tuple(out)


_TOOLS: dict[str, Tool] = {}
_PROGRAMS: dict[str, Program] = {}


def register(tool: Tool) -> Tool:
    """Add a family: :func:`netsim.probes.probe` runs its programs from now on. A family or
    program name already registered, or a slot another family declares otherwise, is a
    ValueError."""
    if tool.family in _TOOLS:
        raise ValueError(f"the tool family {tool.family!r} is already registered")
    for p in tool.programs:
        if p.name in _PROGRAMS or sum(q.name == p.name for q in tool.programs) > 1:
            raise ValueError(f"the program {p.name!r} is already registered")
    slots = {n.slot: n for n in needs()}
    for n in tool.needs:
        if slots.setdefault(n.slot, n) != n:
            raise ValueError(f"the slot {n.slot!r} is declared otherwise by another family")
    _TOOLS[tool.family] = tool
    _PROGRAMS.update((p.name, p) for p in tool.programs)
    return tool


def unregister(family: str) -> None:
    """Remove a family registered before (a test's own)."""
    tool = _TOOLS.pop(family)
    for p in tool.programs:
        del _PROGRAMS[p.name]


def program(name: str) -> Program | None:
    """The registered program of that name (None: netsim does not simulate it)."""
    return _PROGRAMS.get(name)


def tools() -> tuple[Tool, ...]:
    """The registered families, in the order they were registered."""
    return tuple(_TOOLS.values())


def needs() -> tuple[Need, ...]:
    """Every registered need, each slot once."""
    out: dict[str, Need] = {}
    for tool in _TOOLS.values():
        for n in tool.needs:
            out.setdefault(n.slot, n)
    return tuple(out.values())
