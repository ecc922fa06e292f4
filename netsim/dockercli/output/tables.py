"""What the docker CLI prints as tables and short texts: ``docker ps``, ``docker network ls``
(their ``--format`` templates and ``--filter`` s), container status and durations.

Formats follow docker/cli v29.1 ``cli/command/formatter`` (Go ``text/tabwriter`` with
minwidth 10, tabwidth 1, padding 3; ``DisplayablePorts``; ``Ellipsis``) and go-units
``HumanDuration``. Times come from netsim's logical clock, never the wall clock.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any

from netsim.daemon.drivers import get as driver_of
from netsim.images import ImageInfo, lookup, parse_image_ref
from netsim.state import EPOCH, ContainerState, NetworkState, PortMapping, State

__all__ = ["FormatError", "UnsupportedFilter", "container_command", "displayable_ports",
           "familiar_image", "format_rows", "human_duration", "join_host_port", "network_ls",
           "ports_column", "ps", "status", "tabwrite"]


def tabwrite(rows: Sequence[Sequence[str]], *, minwidth: int = 10, padding: int = 3) -> str:
    """Go's ``tabwriter.NewWriter(out, 10, 1, 3, ' ', 0)`` over tab-separated cells."""
    if not rows:
        return ""
    ncols = max(len(r) for r in rows)
    widths = [0] * ncols
    for r in rows:
        for i, cell in enumerate(r[:-1]):  # the last cell of a line is not aligned
            widths[i] = max(widths[i], len(cell) + padding, minwidth)
    lines = []
    for r in rows:
        parts = [cell.ljust(widths[i]) for i, cell in enumerate(r[:-1])]
        parts.append(r[-1] if r else "")
        lines.append("".join(parts))
    return "".join(line + "\n" for line in lines)


def human_duration(seconds: int) -> str:
    """go-units ``HumanDuration``."""
    if seconds < 1:
        return "Less than a second"
    if seconds == 1:
        return "1 second"
    if seconds < 60:
        return f"{seconds} seconds"
    minutes = seconds // 60
    if minutes == 1:
        return "About a minute"
    if minutes < 60:
        return f"{minutes} minutes"
    hours = int(seconds / 3600 + 0.5)
    if hours == 1:
        return "About an hour"
    if hours < 48:
        return f"{hours} hours"
    if hours < 24 * 7 * 2:
        return f"{hours // 24} days"
    if hours < 24 * 30 * 2:
        return f"{hours // 24 // 7} weeks"
    if hours < 24 * 365 * 2:
        return f"{hours // 24 // 30} months"
    return f"{hours // 24 // 365} years"


def status(c: ContainerState, now: int) -> str:
    """moby ``container.State.String``: ``Up 5 seconds``, ``Exited (0) 3 seconds ago``…"""
    if c.status == "running":
        paused = " (Paused)" if c.paused else ""  # container/state.go String
        return "Up " + human_duration(now - (c.started or 0)) + paused
    if c.status == "created":
        return "Created"
    if c.status == "removing":
        return "Removal In Progress"
    return f"Exited ({c.exit_code}) {human_duration(now - (c.finished or 0))} ago"


def _ellipsis(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _go_quote(text: str) -> str:
    """Go's ``strconv.Quote`` for printable text."""
    out = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{out}"'


def container_command(c: ContainerState, info: ImageInfo | None = None) -> str:
    """The ``Command`` of the container list API: path and args joined by spaces (``info``:
    the image's facts when they are not the catalogue's: State.image_infos)."""
    cfg = c.spec.Config
    if info is None:
        info = lookup(cfg.Image)
    entrypoint = list(cfg.Entrypoint) if cfg.Entrypoint is not None else (
        list(info.entrypoint) if info is not None else []
    )
    cmd = list(cfg.Cmd) or (
        list(info.cmd) if info is not None and cfg.Entrypoint is None else []
    )
    # daemon/container/view.go: arguments holding a space are shown in single quotes
    argv = entrypoint + cmd
    shown = [argv[0], *(f"'{a}'" if " " in a else a for a in argv[1:])] if argv else []
    return " ".join(shown)


def join_host_port(ip: str, port: str, bracket: bool = True) -> str:
    """``IP:PORT``, an IPv6 address in brackets when ``bracket`` (Go's net.JoinHostPort)."""
    return f"[{ip}]:{port}" if bracket and ":" in ip else f"{ip}:{port}"


def displayable_ports(mappings: Sequence[PortMapping], exposed: Sequence[str], *,
                      bracket_ipv6: bool = True) -> str:
    """docker/cli ``formatter.DisplayablePorts`` over the container's port summaries;
    ``bracket_ipv6``: :attr:`EngineProfile.cli_ps_brackets_ipv6`."""
    published = {m.port_key for m in mappings}
    summaries: list[tuple[int, str, int, str]] = [
        (m.container_port, m.host_ip, m.host_port, m.proto) for m in mappings
    ]
    for key in exposed:
        if key not in published:
            port, _, proto = key.partition("/")
            summaries.append((int(port), "", 0, proto))
    summaries.sort(key=lambda s: (s[0], s[1], s[2], s[3]))
    groups: dict[str, list[int]] = {}
    order: list[str] = []
    result: list[str] = []
    host_mappings: list[str] = []

    def form(key: str, first: int, last: int) -> str:
        ip, _, proto = key.rpartition("/")
        group = str(first) if first == last else f"{first}-{last}"
        if ip:
            group = f"{join_host_port(ip, group, bracket_ipv6)}->{group}"
        return f"{group}/{proto}"

    for private, ip, public, proto in summaries:
        key = proto
        if ip:
            if public != private:
                host_mappings.append(
                    f"{join_host_port(ip, str(public), bracket_ipv6)}->{private}/{proto}")
                continue
            key = f"{ip}/{proto}"
        g = groups.get(key)
        if g is None:
            groups[key] = [private, private]
            order.append(key)
            continue
        if private == g[1] + 1:
            g[1] = private
            continue
        result.append(form(key, g[0], g[1]))
        groups[key] = [private, private]
    for key in order:
        result.append(form(key, *groups[key]))
    result.extend(host_mappings)
    return ", ".join(result)


def familiar_image(reference: str) -> str:
    """The IMAGE column: the reference as typed, in its short form (formatter/container.go)."""
    try:
        return parse_image_ref(reference).familiar
    except ValueError:
        return reference


def ports_column(c: ContainerState, state: State | None = None) -> str:
    """The PORTS column of a container (docker ps, docker compose ps)."""
    # host / none / container: modes have no port information (NetworkSettings.Ports is empty)
    if not c.running or c.network_mode in ("host", "none") or c.network_mode.startswith(
        "container:"
    ):
        return ""
    if state is not None and c.host in state.hosts:
        # only the gateway endpoint of a driver that publishes ports (bridge) reports them
        # (ProgramExternalConnectivity): a container on internal networks only has none
        # (measured: 11-proxy-stack; the same rule as inspect's NetworkSettings.Ports)
        nets = state.hosts[c.host].networks
        if not any(e.active and (n := nets.get(e.network)) is not None
                   and driver_of(n.driver).publishes_ports and not n.internal
                   for e in c.endpoints):
            return ""
    return displayable_ports(c.port_mappings, c.exposed_ports, bracket_ipv6=(
        state is None or state.profile.cli_ps_brackets_ipv6))


def natural_key(text: str) -> list[object]:
    """The docker CLI's sort of names: digits as numbers (``net2`` before ``net10``)."""
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", text)]


_natural_key = natural_key


_PS_HEADERS = {
    "ID": "CONTAINER ID", "Image": "IMAGE", "Command": "COMMAND", "CreatedAt": "CREATED AT",
    "RunningFor": "CREATED", "Ports": "PORTS", "State": "STATE", "Status": "STATUS",
    "Size": "SIZE", "Names": "NAMES", "Labels": "LABELS", "Mounts": "MOUNTS",
    "Networks": "NETWORKS",
}
_NETWORK_HEADERS = {
    "ID": "NETWORK ID", "Name": "NAME", "Driver": "DRIVER", "Scope": "SCOPE", "IPv4": "IPV4",
    "IPv6": "IPV6",
    "Internal": "INTERNAL", "Labels": "LABELS", "CreatedAt": "CREATED AT",
}
_PS_DEFAULT = "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t" \
    "{{.Ports}}\t{{.Names}}"
_NETWORK_DEFAULT = "table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}"


class UnsupportedFilter(ValueError):
    """A ``--filter`` netsim does not simulate."""


class FormatError(ValueError):
    """The docker CLI's refusal of a ``--format`` template: its whole message (exit 1)."""


def _label_header(name: str) -> str:
    """SubHeaderContext.Label (cli/command/formatter/custom.go): the label's last dotted part,
    ``-`` and ``_`` as spaces (``{{.Label "a"}}`` heads its column ``a``, measured)."""
    return name.split(".")[-1].replace("-", " ").replace("_", " ")


def _header_context(headers: dict[str, str]) -> Any:
    from netsim.golang.template import GoMap, GoStruct

    return GoStruct("formatter.SubHeaderContext", GoMap(headers),
                    {"Label": _label_header}, is_map=True)


def format_rows(rows: Sequence[Any], fmt: str, headers: dict[str, str]) -> str:
    """docker/cli formatter.Context.Write: ``table`` formats get a header (the template run on
    the column names with templates.HeaderFunctions, its errors ignored) and tabwriter
    alignment; ``json`` is ``{{json .}}``; ``\\t`` and ``\\n`` typed in the format become a tab
    and a newline (cli/command/formatter/formatter.go preFormat). A template error is
    ``template parsing error: …`` (:class:`FormatError`)."""
    from netsim.dockercli.templates import HEADER_FUNCS, parse
    from netsim.golang.template import TemplateError

    table = fmt.startswith("table")
    if table:
        fmt = fmt[len("table"):]
    elif fmt == "json":
        fmt = "{{json .}}"
    fmt = fmt.strip(" ").replace("\\t", "\t").replace("\\n", "\n")
    try:
        tmpl = parse(fmt)
        lines = [tmpl.execute(row) for row in rows]
    except TemplateError as err:
        raise FormatError(f"template parsing error: {err}") from None
    if not table:
        return "".join(line + "\n" for line in lines)
    head = tmpl.execute(_header_context(headers), funcs=HEADER_FUNCS, partial=True)
    text = head + "\n" + "".join(line + "\n" for line in lines)
    return tabwrite([line.split("\t") for line in text.split("\n")[:-1]])


def _port_filter(value: str) -> tuple[int, int, str]:
    port, _, proto = value.partition("/")
    low, _, high = port.partition("-")
    try:
        return int(low), int(high or low), proto or "tcp"
    except ValueError:
        raise UnsupportedFilter(f"{value} (not a port)") from None


def _ps_filter(containers: list[ContainerState], f: str) -> list[ContainerState]:
    key, _, value = f.partition("=")
    if key == "name":
        return [c for c in containers if re.search(value, c.name)]
    if key == "id":
        return [c for c in containers if c.id.startswith(value)]
    if key == "status":
        return [c for c in containers if c.state_string == value]
    if key == "network":
        return [c for c in containers
                if any(value in (e.network, e.network_id) for e in c.endpoints)]
    if key == "ancestor":
        return [c for c in containers if familiar_image(c.spec.Config.Image).split(":")[0]
                == familiar_image(value).split(":")[0]]
    if key == "label":
        k, _, v = value.partition("=")
        return [c for c in containers
                if any(key == k and (not v or val == v)
                       for key, val in c.spec.Config.Labels.items())]
    if key in ("publish", "expose"):  # daemon/list.go: host ports, or the exposed ports
        low, high, proto = _port_filter(value)

        def ports(c: ContainerState) -> set[tuple[int, str]]:
            if key == "publish":
                return {(m.host_port, m.proto) for m in c.port_mappings}
            return {(int(k.partition("/")[0]), k.partition("/")[2]) for k in c.exposed_ports}

        return [c for c in containers
                if any(low <= n <= high and pr == proto for n, pr in ports(c))]
    raise UnsupportedFilter(key)


def _container_context(c: ContainerState | None, state: State, no_trunc: bool) -> Any:
    """formatter.ContainerContext for one container (None: the empty one docker/cli runs a
    ``--format`` on before listing, cli/command/container/list.go)."""
    from netsim.golang.template import GoStruct, NilOf

    if c is None:
        fields: dict[str, Any] = {k: "" for k in _PS_FIELDS}
        fields["Platform"] = NilOf("pointer")
        return GoStruct("*formatter.ContainerContext", fields, {"Label": lambda _: ""})
    command = container_command(c, state.image_infos.get(c.id))
    labels = dict(c.spec.Config.Labels)
    fields = {
        "ID": c.id if no_trunc else c.id[:12],
        "Names": c.name,
        "Image": familiar_image(c.spec.Config.Image),
        "Command": _go_quote(command if no_trunc else _ellipsis(command, 20)),
        "CreatedAt": _created_at(c.created),
        "RunningFor": human_duration(state.clock - c.created) + " ago",
        "Platform": NilOf("pointer"),
        "Ports": ports_column(c, state),
        "State": c.state_string,
        "Status": status(c, state.clock),
        "Size": "0B",
        "Labels": ",".join(f"{k}={v}" for k, v in sorted(labels.items())),
        "Mounts": "",
        "LocalVolumes": "0",
        "Networks": ",".join(e.network for e in c.endpoints),
    }
    as_json = {k: (None if k == "Platform" else fields[k]) for k in sorted(fields)}
    return GoStruct("*formatter.ContainerContext", fields,
                    {"Label": lambda name: labels.get(name, "")}, as_json=as_json)


_PS_FIELDS = ("ID", "Names", "Image", "Command", "CreatedAt", "RunningFor", "Platform", "Ports",
              "State", "Status", "Size", "Labels", "Mounts", "LocalVolumes", "Networks")


def ps(state: State, host: str, *, all_: bool = False, quiet: bool = False,
       no_trunc: bool = False, fmt: str | None = None, filters: Sequence[str] = (),
       last: int = -1) -> str:
    """``docker ps [-a] [-q] [-n N|-l] [--no-trunc] [--format F] [--filter K=V]``: newest first.

    A ``--format`` is checked first on an empty container (``failed to parse template: …``,
    ``failed to execute template: …``: :class:`FormatError`, cli/command/container/list.go);
    ``-n``/``-l`` show the last created containers in any state (the daemon's limit).
    """
    from netsim.dockercli.templates import parse
    from netsim.golang.template import ExecError, ParseError

    if fmt:
        try:
            parse(fmt).execute(_container_context(None, state, no_trunc))
        except ParseError as err:
            raise FormatError(f"failed to parse template: {err}") from None
        except ExecError as err:
            raise FormatError(f"failed to execute template: {err}") from None
    hs = state.host(host)
    containers = [c for c in hs.containers.values()
                  if all_ or last > 0 or c.running or any(f.startswith("status=")
                                                          for f in filters)]
    for f in filters:
        containers = _ps_filter(containers, f)
    containers.sort(key=lambda c: (c.created_ns, c.id), reverse=True)
    if last > 0:
        containers = containers[:last]
    if quiet:
        return "".join((c.id if no_trunc else c.id[:12]) + "\n" for c in containers)
    rows = [_container_context(c, state, no_trunc) for c in containers]
    return format_rows(rows, fmt or _PS_DEFAULT, _PS_HEADERS)


def _created_at(seconds: int) -> str:
    """Go's ``time.Time.String()`` in UTC, as ``{{.CreatedAt}}`` prints it."""
    t = EPOCH + dt.timedelta(seconds=seconds)
    return t.strftime("%Y-%m-%d %H:%M:%S +0000 UTC")


def network_ls(state: State, host: str, *, quiet: bool = False, no_trunc: bool = False,
               filters: Sequence[str] = (), fmt: str | None = None) -> str:
    """``docker network ls``: sorted by name in natural order (cli/command/network/list.go)."""
    nets = sorted(state.host(host).networks.values(), key=lambda n: _natural_key(n.name))
    # an overlay swarmkit could not allocate has no driver state: its Driver is ""
    # (daemon/cluster/convert/network.go BasicNetworkFromGRPC)
    unallocated = set(state.swarm.unallocated) if state.swarm is not None else set()

    def driver(n: NetworkState) -> str:
        return "" if n.scope == "swarm" and n.name in unallocated else n.driver

    for f in filters:
        key, _, value = f.partition("=")
        if key == "driver":
            nets = [n for n in nets if driver(n) == value]
        elif key == "name":
            nets = [n for n in nets if value in n.name]
        elif key == "id":
            nets = [n for n in nets if n.id.startswith(value)]
        elif key == "scope":
            nets = [n for n in nets if n.scope == value]
        elif key == "type":
            nets = [n for n in nets if (n.predefined if value == "builtin" else not n.predefined)]
        elif key == "label":
            k, _, v = value.partition("=")
            nets = [n for n in nets if k in n.labels and (not v or n.labels[k] == v)]
        else:
            raise UnsupportedFilter(key)
    if quiet:
        return "".join((n.id if no_trunc else n.id[:12]) + "\n" for n in nets)
    rows = [_network_context({
        "ID": n.id if no_trunc else n.id[:12], "Name": n.name, "Driver": driver(n),
        "Scope": n.scope, "IPv4": str(not (n.spec is not None and not n.spec.EnableIPv4)).lower(),
        "IPv6": str(n.ipv6_enabled).lower(),
        "Internal": str(n.internal).lower(),
        "Labels": ",".join(f"{k}={v}" for k, v in sorted(n.labels.items())),
        "CreatedAt": _created_at(n.created),
    }, n.labels) for n in nets]
    return format_rows(rows, fmt or _NETWORK_DEFAULT, _NETWORK_HEADERS)


def _network_context(fields: dict[str, str], labels: dict[str, str]) -> Any:
    """cli/command/network/formatter.go networkContext."""
    from netsim.golang.template import GoStruct

    return GoStruct("*network.networkContext", fields,
                    {"Label": lambda name: labels.get(name, "")},
                    as_json={k: fields[k] for k in sorted(fields)})
