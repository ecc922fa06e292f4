"""What the docker CLI prints as text: ``docker ps``, ``docker network ls``, ``docker port``.

Formats follow docker/cli v29.1 ``cli/command/formatter`` (Go ``text/tabwriter`` with
minwidth 10, tabwidth 1, padding 3; ``DisplayablePorts``; ``Ellipsis``) and go-units
``HumanDuration``. Times come from netsim's logical clock, never the wall clock.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

from netsim.images import lookup, parse_image_ref
from netsim.state import ContainerState, PortMapping, State

__all__ = ["human_duration", "network_ls", "port", "ps", "status", "tabwrite"]


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
        return "Up " + human_duration(now - (c.started or 0))
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


def container_command(c: ContainerState) -> str:
    """The ``Command`` of the container list API: path and args joined by spaces."""
    info = lookup(c.spec.image)
    entrypoint = list(c.spec.entrypoint) if c.spec.entrypoint is not None else (
        list(info.entrypoint) if info is not None else []
    )
    cmd = list(c.spec.command) or (
        list(info.cmd) if info is not None and c.spec.entrypoint is None else []
    )
    # daemon/container/view.go: arguments holding a space are shown in single quotes
    argv = entrypoint + cmd
    shown = [argv[0], *(f"'{a}'" if " " in a else a for a in argv[1:])] if argv else []
    return " ".join(shown)


def _join_host_port(ip: str, port: str) -> str:
    return f"[{ip}]:{port}" if ":" in ip else f"{ip}:{port}"


def displayable_ports(mappings: Sequence[PortMapping], exposed: Sequence[str]) -> str:
    """docker/cli ``formatter.DisplayablePorts`` over the container's port summaries."""
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
            group = f"{_join_host_port(ip, group)}->{group}"
        return f"{group}/{proto}"

    for private, ip, public, proto in summaries:
        key = proto
        if ip:
            if public != private:
                host_mappings.append(f"{_join_host_port(ip, str(public))}->{private}/{proto}")
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


def _ports_column(c: ContainerState) -> str:
    # host / none / container: modes have no port information (NetworkSettings.Ports is empty)
    if not c.running or c.network_mode in ("host", "none") or c.network_mode.startswith(
        "container:"
    ):
        return ""
    return displayable_ports(c.port_mappings, c.exposed_ports)


def _natural_key(text: str) -> list[object]:
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", text)]


_PS_HEADERS = {
    "ID": "CONTAINER ID", "Image": "IMAGE", "Command": "COMMAND", "CreatedAt": "CREATED AT",
    "RunningFor": "CREATED", "Ports": "PORTS", "State": "STATE", "Status": "STATUS",
    "Size": "SIZE", "Names": "NAMES", "Labels": "LABELS", "Mounts": "MOUNTS",
    "Networks": "NETWORKS",
}
_NETWORK_HEADERS = {
    "ID": "NETWORK ID", "Name": "NAME", "Driver": "DRIVER", "Scope": "SCOPE", "IPv6": "IPV6",
    "Internal": "INTERNAL", "Labels": "LABELS", "CreatedAt": "CREATED AT",
}
_PS_DEFAULT = "table {{.ID}}\t{{.Image}}\t{{.Command}}\t{{.RunningFor}}\t{{.Status}}\t" \
    "{{.Ports}}\t{{.Names}}"
_NETWORK_DEFAULT = "table {{.ID}}\t{{.Name}}\t{{.Driver}}\t{{.Scope}}"


class UnsupportedFilter(ValueError):
    """A ``--filter`` netsim does not simulate."""


def _format(rows: Sequence[dict[str, str]], fmt: str, headers: dict[str, str]) -> str:
    """docker/cli formatter: ``table`` formats get a header and tabwriter alignment.

    ``\\t`` and ``\\n`` typed in the format become a tab and a newline (formatter.go).
    """
    from netsim.render.gotemplate import render

    fmt = fmt.replace("\\t", "\t").replace("\\n", "\n")
    table = fmt.startswith("table")
    if table:
        fmt = fmt[len("table"):].strip()
    lines = [render(fmt, row) for row in rows]
    if not table:
        return "".join(line + "\n" for line in lines)
    header = render(fmt, {k: headers.get(k, k.upper()) for k in (rows[0] if rows else headers)})
    return tabwrite([line.split("\t") for line in [header, *lines]])


def _ps_filter(containers: list[ContainerState], f: str) -> list[ContainerState]:
    key, _, value = f.partition("=")
    if key == "name":
        return [c for c in containers if re.search(value, c.name)]
    if key == "id":
        return [c for c in containers if c.id.startswith(value)]
    if key == "status":
        return [c for c in containers if c.status == value]
    if key == "network":
        return [c for c in containers
                if any(value in (e.network, e.network_id) for e in c.endpoints)]
    if key == "ancestor":
        return [c for c in containers if familiar_image(c.spec.image).split(":")[0]
                == familiar_image(value).split(":")[0]]
    if key == "label":
        k, _, v = value.partition("=")
        return [c for c in containers
                if any(lbl.partition("=")[0] == k and (not v or lbl.partition("=")[2] == v)
                       for lbl in c.spec.labels)]
    raise UnsupportedFilter(key)


def ps(state: State, host: str, *, all_: bool = False, quiet: bool = False,
       no_trunc: bool = False, fmt: str | None = None, filters: Sequence[str] = ()) -> str:
    """``docker ps [-a] [-q] [--no-trunc] [--format F] [--filter K=V]``: newest first."""
    hs = state.host(host)
    containers = [c for c in hs.containers.values()
                  if all_ or c.running or any(f.startswith("status=") for f in filters)]
    for f in filters:
        containers = _ps_filter(containers, f)
    containers.sort(key=lambda c: (c.created, c.id), reverse=True)
    if quiet:
        return "".join((c.id if no_trunc else c.id[:12]) + "\n" for c in containers)
    rows = []
    for c in containers:
        command = container_command(c)
        rows.append({
            "ID": c.id if no_trunc else c.id[:12],
            "Image": familiar_image(c.spec.image),
            "Command": _go_quote(command if no_trunc else _ellipsis(command, 20)),
            "CreatedAt": _created_at(c.created),
            "RunningFor": human_duration(state.clock - c.created) + " ago",
            "Ports": _ports_column(c),
            "State": c.status,
            "Status": status(c, state.clock),
            "Size": "0B",
            "Names": c.name,
            "Labels": ",".join(sorted(c.spec.labels)),
            "Mounts": "",
            "Networks": ",".join(e.network for e in c.endpoints),
        })
    return _format(rows, fmt or _PS_DEFAULT, _PS_HEADERS)


def _created_at(seconds: int) -> str:
    """Go's ``time.Time.String()`` in UTC, as ``{{.CreatedAt}}`` prints it."""
    from netsim.render.inspect import EPOCH

    t = EPOCH + dt.timedelta(seconds=seconds)
    return t.strftime("%Y-%m-%d %H:%M:%S +0000 UTC")


def network_ls(state: State, host: str, *, quiet: bool = False, no_trunc: bool = False,
               filters: Sequence[str] = (), fmt: str | None = None) -> str:
    """``docker network ls``: sorted by name in natural order (cli/command/network/list.go)."""
    nets = sorted(state.host(host).networks.values(), key=lambda n: _natural_key(n.name))
    for f in filters:
        key, _, value = f.partition("=")
        if key == "driver":
            nets = [n for n in nets if n.driver == value]
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
    rows = [{
        "ID": n.id if no_trunc else n.id[:12], "Name": n.name, "Driver": n.driver,
        "Scope": n.scope, "IPv6": str(bool(n.spec and n.spec.ipv6)).lower(),
        "Internal": str(n.internal).lower(),
        "Labels": ",".join(f"{k}={v}" for k, v in sorted(n.labels.items())),
        "CreatedAt": _created_at(n.created),
    } for n in nets]
    return _format(rows, fmt or _NETWORK_DEFAULT, _NETWORK_HEADERS)


def port(c: ContainerState, spec: str | None) -> tuple[str, str | None]:
    """``docker port CONTAINER [PRIVATE_PORT[/PROTO]]`` → (stdout, error or None)."""
    mappings = sorted(c.port_mappings, key=lambda m: (m.container_port, m.proto, m.host_ip))
    if spec is None:
        lines = [f"{m.port_key} -> {_join_host_port(m.host_ip, str(m.host_port))}"
                 for m in mappings]
        return "".join(line + "\n" for line in lines), None
    port_s, _, proto = spec.partition("/")
    key = f"{port_s}/{proto or 'tcp'}"
    found = [m for m in mappings if m.port_key == key]
    if not found:
        # cli/command/container/port.go: the port as typed, lowercase, no prefix
        return "", f"no public port '{spec}' published for {c.name}"
    return "".join(_join_host_port(m.host_ip, str(m.host_port)) + "\n" for m in found), None
