"""Which implementation of each tool a vantage point has: :class:`Toolbox`, built from the image
catalogue (:mod:`netsim.images`) by the needs the tool families declare
(:mod:`netsim.probes.registry`). An image netsim does not know is assumed to be Debian-like
(:attr:`netsim.probes.registry.Need.debian`), as are the Docker hosts and the LAN/internet
vantage points."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from netsim.images import (
    ImageInfo,
    PackageManager,
    ToolImpl,
    image_release,
    package_manager,
)
from netsim.images import lookup as image_lookup
from netsim.images.declared import declared_toolset
from netsim.probes.registry import SlotValue, needs

__all__ = ["Toolbox", "busybox_applets", "debian_like", "toolbox_for"]


@dataclass(frozen=True)
class Toolbox:
    """Which implementation of each tool a vantage point has (None: not installed).

    The slots from ``ping`` to ``cat`` are the registered needs' (:mod:`netsim.probes.registry`);
    a family registered later keeps its slots in ``extra`` (:meth:`get` reads both)."""

    ping: Literal["busybox", "iputils"] | None
    curl: bool
    wget: bool
    nc: Literal["busybox", "openbsd"] | None
    ip: Literal["busybox", "iproute2"] | None
    ifconfig: Literal["busybox", "net-tools", "net-tools-1.60"] | None
    route: Literal["busybox", "net-tools"] | None
    netstat: Literal["busybox", "net-tools"] | None
    hostname: Literal["busybox", "debian"] | None
    #: ISC BIND's dig/host/nslookup, by the version string dig prints (None: not installed)
    bind: str | None
    nslookup: Literal["busybox", "bind"] | None
    getent: Literal["glibc", "musl"] | None
    cat: Literal["busybox", "gnu"] | None
    #: the package manager, to install a missing tool (``apt-get install dnsutils``)
    packages: PackageManager | None = "apt-get"
    #: the C library (how a shell and getaddrinfo behave)
    libc: Literal["glibc", "musl"] = "glibc"
    #: iproute2 7.x (Debian sid's 7.3) prints ``qlen 0`` for a zero txqueuelen; 6.15 does not
    ip_zero_qlen: bool = False
    #: the first line of BusyBox's usage texts (the image's build, :mod:`netsim.images`)
    busybox_banner: str = "BusyBox v1.37.0 multi-call binary."
    #: BusyBox nc has -z/-v (NC_110_COMPAT, NC_EXTRA); the lab's small nc does not
    nc_extra: bool = True
    #: /etc/services exists (OpenBSD nc's ``[tcp/http]`` rather than ``[tcp/*]``)
    services: bool = False
    #: the slots of the families registered beyond the attributes above: (slot, value)
    extra: tuple[tuple[str, SlotValue], ...] = ()

    def get(self, slot: str) -> SlotValue:
        """A need's slot: one of the attributes above, or a registered family's own."""
        if slot in _SLOTS:
            value: SlotValue = getattr(self, slot)
            return value
        return dict(self.extra).get(slot)


#: the Toolbox attributes a need's slot may name
_SLOTS = frozenset(f.name for f in dataclasses.fields(Toolbox)) - {"extra"}


def _slots(values: Mapping[str, SlotValue]) -> dict[str, Any]:
    """Keyword arguments of a Toolbox: the attributes, the other slots in ``extra``."""
    own: dict[str, Any] = {k: v for k, v in values.items() if k in _SLOTS}
    own["extra"] = tuple((k, v) for k, v in values.items() if k not in _SLOTS)
    return own


def _toolbox(tools: Mapping[str, ToolImpl], release: str, **facts: Any) -> Toolbox:
    """The Toolbox of a vantage point with these catalogue tools: each need picks its slot."""
    return Toolbox(**_slots({n.slot: n.pick(tools, release) for n in needs()}), **facts)


def debian_like(installed: Mapping[str, ToolImpl] | None = None) -> Toolbox:
    """The tools of a Debian-like vantage point (what each need has there), plus the ones
    installed since (``installed``)."""
    tools: dict[str, ToolImpl] = {n.tool: n.debian for n in needs() if n.debian is not None}
    return _toolbox({**tools, **(installed or {})}, "debian", packages="apt-get", libc="glibc")


def toolbox_for(image: str, installed: Mapping[str, ToolImpl] | None = None,
                declared: Sequence[str] | None = None, *,
                info: ImageInfo | None = None) -> Toolbox:
    """The tools of an image, from the catalogue (a Debian-like full set when unknown), plus
    the ones installed in the container since (``installed``). ``declared``: the tools an
    input declared for the container (State.declared_tools: ``# netsim: image|container …
    tools …``), which are then all it has; its other facts stay the image's (Debian's when
    netsim does not know it)."""
    if info is None:  # a built image's facts (State.image_infos) win over the catalogue's
        try:
            info = image_lookup(image)
        except ValueError:
            info = None
    if declared is not None:
        tools, _shells = declared_toolset(declared)
        if info is None:
            return _toolbox({**tools, **(installed or {})}, "debian", packages="apt-get",
                            libc="glibc")
        info = info.model_copy(update={"tools": tools})
    if info is None:
        return debian_like(installed)
    return _toolbox(
        {**info.tools, **(installed or {})}, image_release(info),
        packages=package_manager(info), libc=info.libc, busybox_banner=info.busybox_banner,
        nc_extra=info.busybox_nc_extra,
        services=info.etc_services if info.etc_services is not None else info.libc == "musl")


def busybox_applets(tools: Toolbox) -> Toolbox:
    """``busybox APPLET …``: each need's slot as BusyBox's multi-call binary has it
    (:attr:`netsim.probes.registry.Need.busybox`); the rest of the vantage point's facts stay."""
    return dataclasses.replace(tools, **_slots({n.slot: n.busybox for n in needs()}))
