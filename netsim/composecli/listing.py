"""``docker compose config``, ``ps``, ``port`` and ``ls``: what Compose prints about a project
(docker/compose v2.40.3 ``cmd/compose/config.go``, ``ps.go``, ``port.go``, ``list.go`` and
``cmd/formatter/container.go``)."""

from __future__ import annotations

import json
from typing import Any

from netsim.composecli.lifecycle import selected
from netsim.composecli.options import ComposeCommand
from netsim.composecli.project import Context, check_services, specified_container
from netsim.composecli.refusals import check_container_names
from netsim.dockercli.commands.context import Output, Session
from netsim.golang.quote import go_quote
from netsim.golang.yamlv3 import marshal
from netsim.io.compose.convert import LABEL
from netsim.io.compose.loader import ComposeError
from netsim.state import ContainerState

__all__ = ["config", "ls", "port", "printed_model", "ps"]

#: compose-go types.ServiceConfig's fields in declaration order (yaml.v3 writes a struct so)
SERVICE_ORDER = (
    "name", "profiles", "annotations", "attach", "build", "develop", "blkio_config",
    "cap_add", "cap_drop", "cgroup_parent", "cgroup", "cpu_count", "cpu_percent",
    "cpu_period", "cpu_quota", "cpu_rt_period", "cpu_rt_runtime", "cpus", "cpuset",
    "cpu_shares", "command", "configs", "container_name", "credential_spec", "depends_on",
    "deploy", "device_cgroup_rules", "devices", "dns", "dns_opt", "dns_search", "dockerfile",
    "domainname", "entrypoint", "provider", "environment", "env_file", "expose", "extends",
    "external_links", "extra_hosts", "group_add", "gpus", "hostname", "healthcheck", "image",
    "init", "ipc", "isolation", "labels", "label_file", "links", "logging", "log_driver",
    "log_opt", "mem_limit", "mem_reservation", "memswap_limit", "mem_swappiness",
    "mac_address", "models", "net", "network_mode", "networks", "oom_kill_disable",
    "oom_score_adj", "pid", "pids_limit", "platform", "ports", "privileged", "pull_policy",
    "read_only", "restart", "runtime", "scale", "secrets", "security_opt", "shm_size",
    "stdin_open", "stop_grace_period", "stop_signal", "storage_opt", "sysctls", "tmpfs",
    "tty", "ulimits", "use_api_socket", "user", "userns_mode", "uts", "volume_driver",
    "volumes", "volumes_from", "working_dir", "post_start", "pre_stop")
NETWORK_ORDER = ("name", "driver", "driver_opts", "ipam", "external", "internal",
                 "attachable", "labels", "enable_ipv4", "enable_ipv6")
SERVICE_NETWORK_ORDER = ("aliases", "driver_opts", "gw_priority", "interface_name",
                         "ipv4_address", "ipv6_address", "link_local_ips", "mac_address",
                         "priority")
IPAM_ORDER = ("driver", "config", "options")
POOL_ORDER = ("subnet", "gateway", "ip_range", "aux_addresses")
HEALTHCHECK_ORDER = ("test", "timeout", "interval", "retries", "start_period", "start_interval",
                     "disable")
VOLUME_ORDER = ("type", "source", "target", "read_only", "consistency", "bind", "volume",
                "tmpfs", "image")
DEPLOY_ORDER = ("mode", "replicas", "labels", "update_config", "rollback_config",
                "resources", "restart_policy", "placement", "endpoint_mode")


def _ordered(d: dict[str, Any], order: tuple[str, ...]) -> dict[str, Any]:
    """A struct's fields in their declared order, then its ``x-`` extensions by name."""
    out = {k: d[k] for k in order if k in d}
    out.update({k: d[k] for k in sorted(d) if k not in out})
    return out


def _escape(value: Any) -> Any:
    """Literal ``$`` written back as ``$$`` (compose-go re-escapes when it prints a model
    it interpolated)."""
    if isinstance(value, str):
        return value.replace("$", "$$")
    if isinstance(value, list):
        return [_escape(v) for v in value]
    if isinstance(value, dict):
        return {k: _escape(v) for k, v in value.items()}
    return value


def _sorted_map(d: dict[str, Any]) -> dict[str, Any]:
    return {k: d[k] for k in sorted(d)}


def printed_model(ctx: Context, names: list[str] | None = None) -> dict[str, Any]:
    """The project as ``config`` prints it: the enabled services (or ``names``), Go's field
    order for structs, sorted keys for maps, ``$`` escaped."""
    model = ctx.project.model
    services: dict[str, Any] = {}
    for name in sorted(ctx.project.enabled if names is None else names):
        svc = dict(model["services"][name])
        svc.pop("extends", None)
        if "networks" in svc and isinstance(svc["networks"], dict):
            svc["networks"] = {k: (_ordered(v, SERVICE_NETWORK_ORDER) if isinstance(v, dict)
                                   else v) for k, v in sorted(svc["networks"].items())}
        for key in ("environment", "labels", "depends_on", "sysctls", "annotations"):
            if isinstance(svc.get(key), dict):
                svc[key] = _sorted_map(svc[key])
        if isinstance(svc.get("deploy"), dict):
            svc["deploy"] = _ordered(svc["deploy"], DEPLOY_ORDER)
        if isinstance(svc.get("healthcheck"), dict):
            svc["healthcheck"] = _ordered(svc["healthcheck"], HEALTHCHECK_ORDER)
        if isinstance(svc.get("volumes"), list):
            svc["volumes"] = [_ordered(v, VOLUME_ORDER) if isinstance(v, dict) else v
                              for v in svc["volumes"]]
        services[name] = _ordered(svc, SERVICE_ORDER)
    out: dict[str, Any] = {"name": model["name"], "services": services}
    used = {k for s in services.values() for k in (s.get("networks") or {})}
    nets = {}
    for key, net in sorted((model.get("networks") or {}).items()):
        if key not in used:
            continue
        net = dict(net)
        if isinstance(net.get("ipam"), dict):
            ipam = dict(net["ipam"])
            if "config" in ipam:
                ipam["config"] = [_ordered(dict(c), POOL_ORDER) for c in ipam["config"]]
            net["ipam"] = _ordered(ipam, IPAM_ORDER)
        nets[key] = _ordered(net, NETWORK_ORDER)
    if nets:
        out["networks"] = nets
    for key in ("volumes", "secrets", "configs", "models"):
        if model.get(key):
            out[key] = _sorted_map(model[key])
    # extensions are map[string]any: every level's keys sorted
    out.update({k: _deep_sorted(model[k]) for k in sorted(model) if k.startswith("x-")})
    escaped: dict[str, Any] = _escape(out)
    return escaped


def _deep_sorted(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _deep_sorted(value[k]) for k in sorted(value)}
    if isinstance(value, list):
        return [_deep_sorted(v) for v in value]
    return value


def _json_model(model: dict[str, Any]) -> dict[str, Any]:
    """``config --format json`` (measured: 67): the project's top-level keys sorted, each
    struct's fields in their declared order as encoding/json writes them, a service's
    ``command`` and ``entrypoint`` always there (their JSON tags have no omitempty), a
    network's ``ipam`` too."""
    out = {k: model[k] for k in sorted(model)}
    services = {}
    for name, svc in model["services"].items():
        svc = {"command": None, "entrypoint": None, **svc}
        services[name] = _ordered(svc, SERVICE_ORDER)
    out["services"] = services
    if "networks" in out:
        out["networks"] = {k: _ordered({"ipam": {}, **v}, NETWORK_ORDER)
                           for k, v in out["networks"].items()}
    return out


def config(ctx: Context, cmd: ComposeCommand) -> None:
    """``docker compose config [--services|--networks|--profiles|--images|--format]``."""
    project = ctx.project
    if cmd.true("services"):
        for name in project.dependency_order():
            ctx.out.out(name)
        return
    if cmd.true("networks"):
        for key in sorted(project.networks):
            ctx.out.out(key)
        return
    if cmd.true("volumes"):
        for key in sorted(project.model.get("volumes") or {}):
            ctx.out.out(key)
        return
    if cmd.true("profiles"):
        for p in sorted({p for s in project.services.values() for p in s.profiles}):
            ctx.out.out(p)
        return
    # cmd/compose/config.go: the project narrowed to the services named and their
    # dependencies (ProjectOptions.ToProject → WithSelectedServices), for the images and the
    # model
    names = selected(ctx, cmd.args) if cmd.args else None
    if cmd.true("images"):
        for name in names if names is not None else project.dependency_order():
            svc = project.services[name]
            ctx.out.out(svc.image or f"{project.name}-{name}")
        return
    # runConfigInterpolate: the names' unicity (unless --no-consistency, not simulated), then
    # the format; --quiet only silences the output
    check_container_names(ctx, names if names is not None else project.enabled)
    fmt = cmd.get("format") or "yaml"
    if fmt not in ("yaml", "json"):
        raise ComposeError(f"unsupported format {go_quote(fmt)}")  # unmeasured wording
    if cmd.true("quiet"):
        return
    model = printed_model(ctx, names)
    if fmt == "json":
        ctx.out.stdout.append(json.dumps(_json_model(model), indent=2, ensure_ascii=False))
        return
    ctx.out.stdout.append(marshal(model))


def _publishers(ctx: Context, c: ContainerState) -> str:
    """The PORTS column as docker ps shows it (cmd/formatter/container.go: the same
    DisplayablePorts over the container summary's ports)."""
    from netsim.dockercli.output.tables import ports_column

    return ports_column(c, ctx.session.state)


def _created_at(seconds: int) -> str:
    """Go's ``time.Time.String()`` in UTC (``{{.CreatedAt}}``)."""
    import datetime as dt

    from netsim.state import EPOCH

    return (EPOCH + dt.timedelta(seconds=seconds)).strftime("%Y-%m-%d %H:%M:%S +0000 UTC")


def _row(ctx: Context, c: ContainerState, no_trunc: bool) -> Any:
    """cmd/formatter/container.go ContainerContext for one container."""
    from netsim.dockercli.output.tables import container_command, human_duration, status
    from netsim.golang.template import GoStruct

    now = ctx.session.engine.clock
    command = container_command(c, ctx.session.state.image_infos.get(c.id))
    shown = f'"{command}"' if no_trunc else (
        f'"{command[:19]}…"' if len(command) > 20 else f'"{command}"')
    fields: dict[str, Any] = {
        "ID": c.id if no_trunc else c.id[:12], "Name": c.name, "Names": c.name,
        "Image": c.spec.Config.Image, "Command": shown,
        "Service": c.spec.Config.Labels.get(LABEL["service"], ""),
        "Project": c.spec.Config.Labels.get(LABEL["project"], ""),
        "RunningFor": human_duration(now - c.created) + " ago",
        "CreatedAt": _created_at(c.created), "State": c.status, "Status": status(c, now),
        "Health": "", "ExitCode": str(c.exit_code), "Ports": _publishers(ctx, c),
        "Networks": ",".join(e.network for e in c.endpoints),
        "Labels": ",".join(f"{k}={v}" for k, v in sorted(c.spec.Config.Labels.items())),
        "LocalVolumes": "0", "Mounts": "", "Size": "0B",
    }
    labels = c.spec.Config.Labels
    # {{json .}}: every field by name, ExitCode a number, and the Publishers list
    # (cmd/formatter/container.go ContainerContext.MarshalJSON); {{.Publishers}} prints the
    # list of structs as Go's %v does ([{0.0.0.0 80 8080 tcp} …], measured: 77)
    publishers = [{"URL": m.host_ip, "TargetPort": m.container_port,
                   "PublishedPort": m.host_port, "Protocol": m.proto}
                  for m in (c.port_mappings if fields["Ports"] else ())]
    fields["Publishers"] = publishers
    as_json: dict[str, Any] = {k: fields[k] for k in fields}
    as_json.update({"ExitCode": c.exit_code, "Publishers": publishers})
    return GoStruct("*formatter.ContainerContext", fields,
                    {"Label": lambda name: labels.get(name, "")},
                    as_json={k: as_json[k] for k in sorted(as_json)})


_PS_HEADERS = {"ID": "CONTAINER ID", "Name": "NAME", "Names": "NAMES", "Image": "IMAGE",
               "Command": "COMMAND", "Service": "SERVICE", "Project": "PROJECT",
               "RunningFor": "CREATED", "CreatedAt": "CREATED AT", "State": "STATE",
               "Status": "STATUS", "Health": "HEALTH", "ExitCode": "EXIT CODE",
               "Ports": "PORTS", "Networks": "NETWORKS", "Labels": "LABELS",
               "LocalVolumes": "LOCAL VOLUMES", "Mounts": "MOUNTS", "Size": "SIZE"}
_PS_DEFAULT = ("table {{.Name}}\t{{.Image}}\t{{.Command}}\t{{.Service}}\t{{.RunningFor}}\t"
               "{{.Status}}\t{{.Ports}}")


def ps(ctx: Context, cmd: ComposeCommand) -> None:
    """``docker compose ps [-a] [-q] [--services] [--format F] [SERVICE…]``: the project's
    containers sorted by name (cmd/compose/ps.go)."""
    from netsim.dockercli.output.tables import FormatError, format_rows

    check_services(ctx, cmd.args)
    containers = [c for c in ctx.containers(all_=cmd.true("all"))
                  if not cmd.args or c.spec.Config.Labels.get(LABEL["service"]) in cmd.args]
    for status in cmd.get_all("status"):
        containers = [c for c in containers if c.status == status]
    containers.sort(key=lambda c: c.name)
    if cmd.true("services"):
        for name in dict.fromkeys(c.spec.Config.Labels.get(LABEL["service"], "")
                                  for c in containers):
            ctx.out.out(name)
        return
    if cmd.true("quiet"):
        for c in containers:
            ctx.out.out(c.id)
        return
    fmt = cmd.get("format") or "table"
    rows = [_row(ctx, c, cmd.true("no-trunc")) for c in containers]
    if fmt == "json":  # one object a line, as json.Marshal writes it (HTML escaped)
        for row in rows:
            ctx.out.out(_json_html(row))
        return
    if fmt == "table":
        fmt = _PS_DEFAULT
    try:
        ctx.out.stdout.append(format_rows(rows, fmt, _PS_HEADERS))
    except FormatError as err:  # the template's own error, as the docker CLI prints it
        raise ComposeError(str(err)) from None


def _json_html(value: Any) -> str:
    """encoding/json.Marshal: compact, ``<``, ``>`` and ``&`` escaped."""
    from netsim.golang.template.fmt import go_json

    return go_json(value).replace("<", "\\u003c").replace(">", "\\u003e").replace(
        "&", "\\u0026")


def port(ctx: Context, cmd: ComposeCommand) -> None:
    """``docker compose port [--index N] SERVICE PRIVATE_PORT``: the first host address the
    container port is published on (cmd/compose/port.go, pkg/compose/port.go)."""
    service, private = cmd.args[:2]  # cobra.MinimumNArgs(2): the rest is ignored
    c = specified_container(ctx, service, int(cmd.get("index") or "0"))
    proto = (cmd.get("protocol") or "tcp").lower()
    for m in c.port_mappings:
        if str(m.container_port) == private and m.proto == proto:
            ctx.out.out(f"{m.host_ip}:{m.host_port}")
            return
    # pkg/compose/port.go portNotFoundError: each of the summary's ports as PUBLIC/PROTO (0
    # for one only exposed)
    listed = [f"{m.host_port}/{m.proto}" for m in c.port_mappings]
    mapped = {f"{m.container_port}/{m.proto}" for m in c.port_mappings}
    listed += [f"0/{e.partition('/')[2] or 'tcp'}" for e in c.exposed_ports if e not in mapped]
    raise ComposeError(f"no port {private}/{proto} for container {c.name}: "
                       + ", ".join(listed))


def ls(ctx_session: Session, host: str, cmd: ComposeCommand, out: Output) -> None:
    """``docker compose ls [-a]``: the projects of the host's containers, with their status
    and files (pkg/compose/ls.go), in a table, ``json`` (one array) or ``{{json.}}`` (a
    stack a line), as cmd/formatter/formatter.go Print chooses by the lowercased format;
    another format is its error."""
    from netsim.dockercli.output.tables import tabwrite
    from netsim.golang.template.fmt import go_json

    fmt = cmd.get("format") or "table"
    if fmt.lower() not in ("table", "pretty", "", "json", "{{json.}}"):
        out.err(f"format value {go_quote(fmt)} could not be parsed: parsing failed", 1)
        return

    projects: dict[str, list[ContainerState]] = {}
    for c in ctx_session.engine.containers(host):
        name = c.spec.Config.Labels.get(LABEL["project"])
        if name:
            projects.setdefault(name, []).append(c)
    rows = [["NAME", "STATUS", "CONFIG FILES"]]
    for name in sorted(projects):
        cs = projects[name]
        counts: dict[str, int] = {}
        for c in cs:
            counts[c.status] = counts.get(c.status, 0) + 1
        if not cmd.true("all") and "running" not in counts:
            continue
        state = ", ".join(f"{s}({n})" for s, n in sorted(counts.items()))
        files = cs[0].spec.Config.Labels.get(LABEL["config_files"], "")
        rows.append([name, state, files])
    if cmd.true("quiet"):
        for row in rows[1:]:
            out.out(row[0])
        return
    # cmd/compose/list.go: the stack views, through formatter.ToJSON (no HTML escaping)
    views = [{"Name": r[0], "Status": r[1], "ConfigFiles": r[2]} for r in rows[1:]]
    if fmt.lower() == "json":
        out.out(go_json(views))
        return
    if fmt.lower() == "{{json.}}":
        for view in views:
            out.out(go_json(view))
        return
    out.stdout.append(tabwrite(rows, minwidth=20, padding=3))
