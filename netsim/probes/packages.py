"""Package managers that install more tools into a container (``apt-get install dnsutils``,
``apk add bind-tools`` …): :func:`install`. The download is not simulated (the manager prints a
note instead of its log): the mirror's name must resolve and its port 80 be reachable. They are
no probe of the registry: they change the container (:class:`Packages`), which the next
commands' tools then come from (:func:`netsim.probes.toolbox.toolbox_for`)."""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from netsim.analysis.reach import Symptom
from netsim.images import PACKAGES, ToolImpl, container_image, package_mirror
from netsim.probes.context import NOT_SIMULATED, ProbeResult, connect, locate, missing, resolve
from netsim.probes.toolbox import toolbox_for
from netsim.state import State

__all__ = ["PACKAGE_MANAGERS", "Packages", "install"]

#: the commands :func:`install` handles
PACKAGE_MANAGERS = ("apt-get", "apt", "apk", "yum", "dnf", "microdnf")


@dataclass(frozen=True)
class Packages:
    """What was installed in one container since it was created (its filesystem keeps it)."""

    lists_updated: bool = False  # apt-get update ran (apt needs the package lists)
    tools: Mapping[str, ToolImpl] = field(default_factory=dict)
    #: files its commands created (:attr:`ProbeResult.written`)
    files: frozenset[str] = frozenset()


def install(state: State, where: str, argv: Sequence[str], before: Packages, *,
            rng: random.Random | None = None,
            shell: tuple[str, int] | None = None) -> tuple[ProbeResult, Packages]:
    """``apt-get update``/``apt-get install``, ``apk add``, ``yum install`` in a container.

    The download is not simulated: the mirror's name must resolve and its port 80 be reachable
    from the container; then the tools of the packages netsim knows (:data:`PACKAGES`) are
    there for the next commands. Returns what the command prints and the container's packages.
    """
    found = locate(state, where, 0, rng if rng is not None else random.Random(0))
    if isinstance(found, ProbeResult):
        return found, before
    found.shell = shell
    if found.container is None:
        return ProbeResult("", "netsim: installing packages on a Docker host is not simulated\n",
                           NOT_SIMULATED), before
    image = container_image(state, found.container)
    found.tools = toolbox_for(found.container.spec.Config.Image, before.tools, info=image,
                              declared=state.declared_tools.get(found.container.id))
    tool = argv[0].rsplit("/", 1)[-1] if argv else ""
    manager = found.tools.packages
    aliases = {"apt": "apt-get", "dnf": "yum"}
    if manager is None or aliases.get(tool, tool) != manager:
        return missing(found, argv[0] if argv else tool), before
    args = [a for a in argv[1:] if not a.startswith("-")]
    action = args[0] if args else ""
    names = args[1:]
    if found.container.spec.Config.User not in ("", "root", "0"):  # -u
        user = "non-root"
    else:
        user = "root" if image is None or image.user in ("root", "0") else "non-root"
    if user != "root":
        if manager == "apk":
            return ProbeResult("", "ERROR: Unable to lock database: Permission denied\nERROR: "
                                   "Failed to open apk database: Permission denied\n", 99), before
        if manager == "apt-get":
            return ProbeResult("", "E: Could not open lock file /var/lib/dpkg/lock-frontend - "
                                   "open (13: Permission denied)\n", 100), before
    info = image
    # where the manager downloads from (the catalogue's package_mirrors); the name is resolved
    # and reached like any other
    mirror = package_mirror(info, manager)
    look = resolve(found, mirror)
    reachable = look.ok and connect(found, look.addresses[0], 80).symptom is Symptom.OK
    installs = {"apt-get": "install", "apk": "add", "yum": "install", "microdnf": "install"}
    if manager in ("apt-get", "apk") and action == "update":
        if not reachable:
            why = (f"Temporary failure resolving '{mirror}'" if not look.ok
                   else f"Could not connect to {mirror}:80")
            return ProbeResult("", f"netsim: {tool} update: the package index cannot be "
                                   f"downloaded ({why})\n", 100 if manager == "apt-get" else 1
                               ), before
        return (ProbeResult("", f"netsim: {tool} update: package index downloaded from {mirror} "
                                "(its output is not simulated)\n", 0),
                Packages(True, before.tools, before.files))
    if action != installs[manager] or not names:
        return ProbeResult("", f"netsim: only '{tool} update' and '{tool} {installs[manager]} "
                               "PACKAGE…' are simulated\n", NOT_SIMULATED), before
    known = PACKAGES[manager]
    if manager == "apt-get" and not before.lists_updated:
        # a fresh image has no package lists (/var/lib/apt/lists is emptied by the image build)
        return ProbeResult("Reading package lists... Done\nBuilding dependency tree... Done\n"
                           "Reading state information... Done\n",
                           f"E: Unable to locate package {names[0]}\n", 100), before
    if not reachable:
        return ProbeResult("", f"netsim: {tool} {action}: {mirror} cannot be reached from this "
                               "container, nothing installed\n", 100 if manager == "apt-get"
                           else 1), before
    tools = dict(before.tools)
    added: list[str] = []
    for name in names:
        for t, impl in known.get(name, {}).items():
            tools[t] = impl
            added.append(t)
    unknown = [n for n in names if n not in known]
    note = f"netsim: {tool} {action} {' '.join(names)}: downloaded from {mirror}"
    note += f"; now installed: {', '.join(sorted(set(added)))}" if added else ""
    if unknown:
        note += f"; netsim simulates no tool of {', '.join(unknown)}"
    return ProbeResult("", note + " (the package manager's output is not simulated)\n", 0), \
        Packages(before.lists_updated, tools, before.files)
