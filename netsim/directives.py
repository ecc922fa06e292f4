"""The directives a script sets its world up with before its first command: ``# netsim: host``,
``lan``, ``image``, ``engine`` and ``daemon`` lines (:func:`setup_from_directives`), and the
dockerd options a ``daemon`` line gives (:func:`daemon_options`)."""

from __future__ import annotations

import re

from pydantic import ValidationError

from netsim import versions
from netsim.api import AddressPool, DaemonOptions, Host, ImageDecl, Lan
from netsim.errors import InputError, ScriptError
from netsim.images import declared as image_facts
from netsim.io.script import ScriptLine
from netsim.versions import PROFILES, EngineProfile

__all__ = ["DAEMON_FORM", "Setup", "daemon_options", "setup_from_directives"]

#: the dockerd flags a ``# netsim: daemon`` line may give (the conformance lab's allowlist,
#: conformance/lab/lab.sh DAEMON_FLAGS, runs the same flags on real daemons)
DAEMON_FORM = ("# netsim: daemon [--ipv6] [--fixed-cidr-v6=CIDR] [--ip6tables=true|false] "
               "[--default-address-pool=base=CIDR,size=N] [--insecure-registry=HOST:PORT]…")
_BOOL = {"true": True, "1": True, "false": False, "0": False}
_POOL = re.compile(r"base=(?P<base>[^,]+),size=(?P<size>\d+)")


def daemon_options(args: tuple[str, ...], base: DaemonOptions | None = None) -> DaemonOptions:
    """The :class:`DaemonOptions` of a ``daemon`` line's flags (on top of ``base``); a
    ValueError names a flag netsim does not take."""
    fields = (base or DaemonOptions()).model_dump()
    pools: list[AddressPool] = []
    for arg in args:
        flag, eq, value = arg.partition("=")
        if flag in ("--ipv6", "--ip6tables"):
            if eq and value.lower() not in _BOOL:
                raise ValueError(f"{flag} takes true or false, not {value!r}")
            fields[flag[2:]] = _BOOL[value.lower()] if eq else True
        elif flag == "--fixed-cidr-v6" and eq:
            fields["fixed_cidr_v6"] = value
        elif flag == "--insecure-registry" and eq and value:
            fields["insecure_registries"] = (*fields["insecure_registries"], value)
        elif flag == "--default-address-pool" and eq:
            m = _POOL.fullmatch(value)
            if m is None:
                raise ValueError(f"{arg}: expected base=CIDR,size=N")
            pools.append(AddressPool(base=m["base"], size=int(m["size"])))
        else:
            raise ValueError(f"unknown or incomplete daemon option {arg!r}")
    if pools:  # each --default-address-pool adds one, over every daemon line
        fields["default_address_pools"] = (*fields["default_address_pools"], *pools)
    return DaemonOptions.model_validate(fields)


class Setup:
    """What the leading directives set up: hosts, LAN, images, the engine and dockerd's
    options (None when the script names none), and the lines that remain."""

    def __init__(self) -> None:
        self.hosts: list[Host] = []
        self.lan: Lan | None = None
        self.images: list[ImageDecl] = []
        self.engine: EngineProfile | None = None
        self.daemon: DaemonOptions | None = None
        self.rest: list[ScriptLine] = []


_FORMS = {
    "host": "# netsim: host NAME [address=IP] [hostname=H] [interface=eth0] [dns=IP,IP] "
            "[nic=physical|veth] [nic_peer=N] [iproute2=6.15|7.3] [apparmor=yes|no] "
            "[cgroup=v1|v2] [thermal_throttle=CPU,CPU]",
    "lan": "# netsim: lan SUBNET [gateway=IP]",
    "image": image_facts.IMAGE_FORM,
    "container": image_facts.CONTAINER_FORM,
    "engine": "# netsim: engine VERSION (" + ", ".join(PROFILES) + ")",
    "daemon": DAEMON_FORM,
}


#: the directives read before the first command (``container`` lines are the lab's, in order)
_SETUP = ("host", "lan", "image", "engine", "daemon")


def setup_from_directives(lines: list[ScriptLine], source: str) -> Setup:
    """Read the leading ``host``/``lan``/``image``/``engine``/``daemon`` directives; several
    ``daemon`` lines add up, and apply to every host's dockerd."""
    out = Setup()
    for i, sl in enumerate(lines):
        d = sl.directive
        if d is None:  # the first command: what follows is the script's body
            out.rest.extend(lines[i:])
            break
        if d.kind not in _SETUP:
            out.rest.append(sl)
            continue
        where = f"{source}:{sl.line}"
        kv = dict(a.split("=", 1) for a in d.args[1:] if "=" in a)
        try:
            if d.kind == "host":
                if not d.args:
                    raise ValueError("a host needs a name")
                out.hosts.append(Host(name=d.args[0], **kv))
            elif d.kind == "lan":
                if not d.args:
                    raise ValueError("the LAN needs a subnet")
                out.lan = Lan(subnet=d.args[0], **kv)
            elif d.kind == "image":
                out.images.append(image_facts.image_decl(d.args))
            elif d.kind == "daemon":
                out.daemon = daemon_options(d.args, out.daemon)
            elif d.kind == "engine":
                try:
                    out.engine = versions.profile(d.args[0] if d.args else "", where=where)
                except InputError as err:
                    raise ScriptError(where, err.what, got=err.got,
                                      accepted=err.accepted) from None
        except ValidationError as err:
            first = err.errors()[0]
            field_name = ".".join(str(x) for x in first["loc"])
            msg = str(first["msg"]).removeprefix("Value error, ")
            raise ScriptError(where, f"bad '{d.kind}' directive: "
                              + (f"{field_name}: {msg}" if field_name else msg),
                              got=sl.text, accepted=_FORMS[d.kind]) from None
        except (ValueError, TypeError) as err:
            raise ScriptError(where, f"bad '{d.kind}' directive: {err}",
                              got=sl.text, accepted=_FORMS[d.kind]) from None
    return out
