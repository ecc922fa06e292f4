"""Vantages: where a flow, a DNS query or a probe starts, or where a flow goes (the one parser).

The forms ``netsim reach``, ``netsim matrix``, ``netsim dns``, ``netsim probe`` and
``# netsim: expect`` lines take:

==============  ===========================================================================
``NAME``        a container: its name, or an ID prefix of at least 4 characters, on whichever
                Docker host has it (a name used on several hosts must be written HOST/NAME)
``HOST/NAME``   a container on that Docker host (NAME may be an ID prefix)
``@host``       the Docker host named ``host``; without one, the first host (as a flow's
                destination: the source's own host)
``@NAME``       the Docker host NAME (a shell on it; as a destination its LAN address)
``@lan``        a machine on the hosts' LAN (as a destination: netsim's LAN machine, an
                address of the LAN no simulated machine holds)
``@internet``   a client on the internet (as a destination: a machine on the internet)
``ADDRESS``     an IPv4 address, or ``localhost`` (127.0.0.1): destinations only; elsewhere
                such a word is a container name
==============  ===========================================================================

An IPv6 address (``fd00::2``, ``[fd00::2]``) is a destination too, read before these forms by
:func:`netsim.analysis.reach.reach` (a container name never holds a colon);
:func:`address_family` tells which family an address is written in.

:func:`parse_vantage` reads the text alone (it never fails: every text is one of the forms);
:func:`resolve_vantage` also checks it against a State, finds the container or host, and raises
:class:`~netsim.errors.InputError` with the wording of the caller (:data:`Role`): ``source`` and
``destination`` for :func:`netsim.analysis.reach.reach`, ``client`` for :mod:`netsim.analysis.dns`,
``probe`` for :mod:`netsim.probes`. A :class:`Vantage` is a frozen value; ``str()`` gives its
canonical text, which parses back to the same value.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass
from typing import Literal

from netsim.analysis.index import TopologyIndex, topology_index
from netsim.errors import InputError
from netsim.hints import closest, did_you_mean
from netsim.state import ContainerState, State

__all__ = [
    "NoSuchVantage",
    "Role",
    "UnknownVantage",
    "Vantage",
    "VantageKind",
    "address_family",
    "find_container",
    "parse_vantage",
    "resolve_vantage",
]

IPv4 = ipaddress.IPv4Address

VantageKind = Literal["container", "host", "lan", "internet", "address"]
#: who asks, which decides the syntax (``destination``: addresses too) and the wording of
#: the errors
Role = Literal["source", "destination", "client", "probe"]

_LOCALHOST = IPv4("127.0.0.1")


@dataclass(frozen=True, slots=True)
class Vantage:
    """Where a flow, query or probe starts, or where a flow goes.

    ``kind`` says which fields are set: ``container``: ``name`` (and ``host``: as written, or
    once resolved the host that has it); ``host``: ``host``; ``address``: ``address``;
    ``lan`` and ``internet``: none.

    >>> parse_vantage("srv1/web")
    Vantage(kind='container', host='srv1', name='web', address=None)
    >>> str(parse_vantage("@lan")), str(parse_vantage("localhost", role="destination"))
    ('@lan', '127.0.0.1')
    """

    kind: VantageKind
    host: str | None = None
    name: str | None = None
    address: IPv4 | None = None

    def __str__(self) -> str:
        if self.kind == "container":
            return f"{self.host}/{self.name}" if self.host is not None else f"{self.name}"
        if self.kind == "host":
            return f"@{self.host}"
        if self.kind == "address":
            return str(self.address)
        return f"@{self.kind}"


class UnknownVantage(InputError):
    """``@NAME`` names no Docker host (its text depends on the :data:`Role`)."""


class NoSuchVantage(InputError):
    """A container (``NAME``, ``HOST/NAME``) no Docker host has. ``name`` and ``host`` (None:
    written without one) say which, for a caller that knows why it is missing
    (:func:`netsim.hints.explained`: a command that failed to create it); the ``hint`` is
    ``did you mean …?`` when a close name exists."""

    def __init__(self, where: str, what: str, *, name: str, host: str | None = None,
                 got: object = None, accepted: str | None = None,
                 hint: str | None = None) -> None:
        self.name = name
        self.host = host
        super().__init__(where, what, got=got, accepted=accepted, hint=hint)


def _ipv4(text: str) -> IPv4 | None:
    if not text or not "0" <= text[0] <= "9":
        return None  # no dotted quad (and no exception to raise and catch: a hot path)
    try:
        return IPv4(text)
    except ValueError:
        return None


def address_family(text: str) -> Literal[4, 6] | None:
    """4 or 6 when ``text`` is an IPv4 or an IPv6 address (``[fd00::2]`` too), else None (a
    container, a vantage point, ``localhost``, a name).

    >>> address_family("172.18.0.2"), address_family("[fd00:1::2]"), address_family("web")
    (4, 6, None)
    """
    inner = text[1:-1] if text.startswith("[") and text.endswith("]") else text
    try:
        return 6 if ipaddress.ip_address(inner).version == 6 else 4
    except ValueError:
        return None


def _form(text: str, role: Role) -> tuple[VantageKind, str | None, str | None, IPv4 | None]:
    """The grammar: (kind, host, name, address) of ``text`` (a tuple: :func:`resolve_vantage`
    builds one :class:`Vantage`, the resolved one)."""
    if role == "destination":
        ip = _ipv4(text)
        if ip is not None:
            return "address", None, None, ip
        if text == "localhost":
            return "address", None, None, _LOCALHOST
    if text == "@lan":  # for every role: the LAN and the internet are places, not hosts
        return "lan", None, None, None
    if text == "@internet":
        return "internet", None, None, None
    if text.startswith("@"):
        return "host", text[1:], None, None
    host, sep, name = text.partition("/")
    if sep:
        return "container", host, name, None
    return "container", None, text, None


def parse_vantage(text: str, *, role: Role = "source") -> Vantage:
    """The form ``text`` is written in (no State needed, never fails).

    >>> parse_vantage("@srv2")
    Vantage(kind='host', host='srv2', name=None, address=None)
    >>> parse_vantage("10.0.0.5", role="destination").kind, parse_vantage("10.0.0.5").kind
    ('address', 'container')
    """
    return Vantage(*_form(text, role))


def resolve_vantage(state: State, text: str, *, role: Role = "source",
                    near: str | None = None, index: TopologyIndex | None = None) -> Vantage:
    """:func:`parse_vantage`, checked against ``state``: a container's ``host`` and ``name``
    are where it is and its name (``NAME`` may be an ID prefix), ``@host`` becomes the host it
    stands for (``near`` when there is no host named ``host`` and ``near`` is given, else the
    first host). Raises :class:`UnknownVantage` for an ``@NAME`` that is no Docker host (as a
    ``destination``: or one without a LAN address) and :class:`~netsim.errors.InputError` for
    an unknown container, each worded for ``role``. ``index``: the State's topology index, when
    the caller has it at hand.
    """
    kind, host, _name, address = _form(text, role)
    if kind == "container":
        ix = index if index is not None else topology_index(state)
        if role == "client":
            accepted = ("a container (NAME or HOST/NAME), @host, @NAME of a Docker host, @lan "
                        "or @internet")
            try:
                host, c = find_container(ix, text)
            except NoSuchVantage as err:
                raise NoSuchVantage("client", err.what, name=err.name, host=err.host, got=text,
                                    accepted=accepted, hint=err.hint) from None
            except InputError as err:
                raise InputError("client", err.what, got=text, accepted=accepted,
                                 hint=err.hint) from None
        else:
            host, c = find_container(ix, text)
        return Vantage("container", host, c.name)
    if kind != "host":
        return Vantage(kind, None, None, address)
    hosts = state.hosts
    if host == "host" and "host" not in hosts:
        host = near if near is not None else next(iter(hosts))
    found = hosts.get(host) if host is not None else None
    if found is None or (role == "destination" and found.host.address is None):
        raise _unknown_host(text, role, list(hosts))
    return Vantage("host", host)


def _unknown_host(text: str, role: Role, hosts: list[str]) -> UnknownVantage:
    """Each caller's words for an ``@NAME`` that is no Docker host (and, as its hint, ``did
    you mean @h1?`` for a close one)."""
    # (@lan and @internet are destinations too: netsim.analysis.reach.flow._stand_in)
    hint = did_you_mean(text, [f"@{h}" for h in hosts] + ["@host", "@lan", "@internet"])
    if role == "destination":
        return UnknownVantage("", "unknown Docker host", got=text,
                              accepted="@host, @lan, @internet or @NAME for one of: "
                                       + ", ".join(hosts), hint=hint)
    if role == "client":
        return UnknownVantage("client", "unknown vantage point", got=text,
                              accepted="a container, @host, @NAME of a Docker host, @lan, "
                                       "@internet", hint=hint)
    if role == "probe":
        # line(): "unknown vantage point @x (Docker hosts: a, b; or @lan, @internet)"; the
        # caller names itself (a probe's "netsim: ", the CLI's "netsim exec: ")
        return UnknownVantage("", f"unknown vantage point {text} (Docker hosts: "
                                        f"{', '.join(hosts)}; or @lan, @internet)", hint=hint)
    return UnknownVantage("", "unknown vantage point", got=text,
                          accepted="@host, @lan, @internet or @NAME for one of: "
                                   + ", ".join(hosts), hint=hint)


def find_container(ix: TopologyIndex, ref: str) -> tuple[str, ContainerState]:
    """A container by NAME or HOST/NAME (or an ID prefix): (its host, it); InputError when
    unknown or, written as NAME, on several Docker hosts."""
    state = ix.state
    host, sep, name = ref.partition("/")
    if sep:
        if host not in state.hosts:
            guess = closest(host, state.hosts)
            raise InputError(ref, "unknown Docker host", got=host,
                             accepted=", ".join(state.hosts),
                             hint=f"did you mean {guess}/{name}?" if guess else None)
        try:
            return host, state.container(name, host)
        except KeyError:
            guess = closest(name, state.hosts[host].containers)
            raise NoSuchVantage(ref, "no such container on that host", name=name, host=host,
                                got=name,
                                hint=f"did you mean {host}/{guess}?" if guess else None) from None
    found = ix.containers.get(ref)
    if not found:
        found = [(h, c) for h, hs in state.hosts.items() for c in hs.containers.values()
                 if len(ref) >= 4 and c.id.startswith(ref)]
    if not found:
        # what the user may have meant: a vantage point without its @ (``lan``), else a close
        # container name on any host (a close @word is no suggestion: ``ghost`` is not @host)
        vantages = ("host", "lan", "internet", *state.hosts)
        hint = (f"did you mean @{ref}?" if ref in vantages
                else did_you_mean(ref, ix.containers))
        raise NoSuchVantage("", "no such container, address or vantage point", name=ref,
                            got=ref, accepted="a container name, HOST/NAME, an IPv4 address, "
                                              "@host, @NAME, @lan or @internet", hint=hint)
    if len(found) > 1:
        raise InputError("", "the name is used on several Docker hosts", got=ref,
                         accepted=" or ".join(f"{h}/{c.name}" for h, c in found))
    return found[0]
