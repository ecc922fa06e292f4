"""``docker port CONTAINER [PRIVATE_PORT[/PROTO]]``: the container's published ports, or the
CLI's refusal, as each docker/cli version words it."""

from __future__ import annotations

from collections.abc import Callable

from netsim.dockercli.output.tables import join_host_port
from netsim.state import ContainerState, PortMapping

__all__ = ["port"]


def _nat_new_port_lookup(mappings: list[PortMapping], spec: str, name: str,
                         join: Callable[[str, str], str]) -> tuple[str, str | None]:
    """``docker port C PORT[/PROTO]`` of docker/cli 20.10 (:func:`port`, ``nat_new_port``)."""
    from netsim.golang.template import go_quote

    port_s, sep, proto = spec.partition("/")
    if not sep or not proto:
        port_s, proto = spec, "tcp"

    def number(text: str) -> int:  # strconv.ParseUint(text, 10, 16)
        if not text or not text.isascii() or not text.isdigit():
            raise ValueError(f"strconv.ParseUint: parsing {go_quote(text)}: invalid syntax")
        if int(text) > 65535:
            raise ValueError(f"strconv.ParseUint: parsing {go_quote(text)}: value out of range")
        return int(text)

    try:  # nat.NewPort → ParsePortRangeToInt
        if port_s == "":
            low = high = 0
        elif "-" not in port_s:
            low = high = number(port_s)
        else:
            pieces = port_s.split("-")
            low, high = number(pieces[0]), number(pieces[1])
            if high < low:
                raise ValueError(f"Invalid range specified for the Port: {port_s}")
    except ValueError as err:
        return "", str(err)
    key = f"{low}/{proto}" if low == high else f"{low}-{high}/{proto}"
    found = [m for m in mappings if m.port_key == key]
    if not found:
        return "", f"Error: No public port '{port_s}/{proto}' published for {name}"
    return "".join(join(m.host_ip, str(m.host_port)) + "\n" for m in found), None


def port(c: ContainerState, spec: str | None, *, ref: str | None = None,
         legacy: bool = False, brackets: bool = True,
         nat_new_port: bool = False) -> tuple[str, str | None]:
    """``docker port CONTAINER [PRIVATE_PORT[/PROTO]]`` → (stdout, error or None).

    cli/command/container/port.go: docker/cli 29.x parses the port with moby's
    ``network.ParsePort`` (``invalid port 'abc': invalid syntax``; the protocol lower-cased)
    and says ``no public port '81' published for web``; ≤ 28.x (``legacy``) checks the number
    with strconv.ParseUint (``Error: invalid port (abc): strconv.ParseUint: parsing "abc":
    invalid syntax``), matches the protocol as typed and says ``Error: No public port '81'
    published for web`` (measured: conformance/recorded/28.5, 39-port-and-cli-errors). ``ref``
    is the container as the user named it (the message repeats it). ``brackets``: an IPv6
    host address is bracketed (net.JoinHostPort, docker/cli 168173a3f1, v22.06); v20.10.24:
    cli/command/container/port.go:64,73 print ``:::32768`` (EngineProfile.cli_port_brackets_ipv6).
    ``nat_new_port``: v20.10.24:cli/command/container/port.go:45-63 splits ``PORT[/PROTO]`` at
    the first ``/`` (an empty protocol leaves the whole text as the port), parses the port
    with go-connections' nat.NewPort (strconv's own error, ranges allowed) and names it
    ``PORT/PROTO`` (``tcp`` by default) in ``Error: No public port '81/tcp' published for web``
    (EngineProfile.cli_port_nat_new_port; recorded: 20.10, 39-port-and-cli-errors:8,10).

    >>> from netsim.state import ContainerState
    >>> c = ContainerState.model_construct(name="web", port_mappings=())
    >>> port(c, "81", legacy=True, nat_new_port=True)[1]
    "Error: No public port '81/tcp' published for web"
    >>> port(c, "abc", legacy=True, nat_new_port=True)[1]
    'strconv.ParseUint: parsing "abc": invalid syntax'
    """
    from netsim.golang.template import go_quote

    def join(h: str, p: str) -> str:
        return join_host_port(h, p) if brackets else f"{h}:{p}"

    name = ref if ref is not None else c.name
    mappings = sorted(c.port_mappings, key=lambda m: (m.container_port, m.proto, m.host_ip))
    if not spec:
        lines = [f"{m.port_key} -> {join(m.host_ip, str(m.host_port))}" for m in mappings]
        return "".join(line + "\n" for line in lines), None
    if nat_new_port:
        return _nat_new_port_lookup(mappings, spec, name, join)
    port_s, _, proto = spec.partition("/")
    problem = None
    if not port_s.isdigit() or not port_s.isascii():
        problem = "invalid syntax"
    elif int(port_s) > 65535:
        problem = "value out of range"
    if problem is not None:
        if legacy:
            return "", (f"Error: invalid port ({port_s}): strconv.ParseUint: parsing "
                        f"{go_quote(port_s)}: {problem}")
        return "", f"invalid port '{port_s}': {problem}"
    if not legacy:
        proto = proto.lower()
        port_s = str(int(port_s))
    key = f"{port_s}/{proto or 'tcp'}"
    found = [m for m in mappings if m.port_key == key]
    if not found:
        if legacy:
            return "", f"Error: No public port '{spec}' published for {name}"
        return "", f"no public port '{spec}' published for {name}"
    return "".join(join(m.host_ip, str(m.host_port)) + "\n" for m in found), None
