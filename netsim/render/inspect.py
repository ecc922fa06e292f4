"""``docker inspect`` and ``docker network inspect`` as JSON-ready dicts (API 1.52 shapes).

Field names and order follow moby's ``api/types`` as Engine 29.1 serialises them. Times come
from netsim's logical clock, counted from :data:`EPOCH`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from netsim.images import lookup
from netsim.state import ContainerState, NetworkState, State

__all__ = ["EPOCH", "any_object", "container", "network", "timestamp"]

#: netsim's clock starts here (a fixed instant, so outputs never depend on the wall clock)
EPOCH = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
_ZERO_TIME = "0001-01-01T00:00:00Z"


def timestamp(seconds: int | None) -> str:
    """RFC 3339 with nanoseconds, as Go marshals ``time.Time`` in UTC."""
    if seconds is None:
        return _ZERO_TIME
    t = EPOCH + dt.timedelta(seconds=seconds)
    return t.strftime("%Y-%m-%dT%H:%M:%S.000000000Z")


def _find_network(state: State, host: str, ref: str) -> NetworkState:
    nets = state.host(host).networks
    if ref in nets:
        return nets[ref]
    for n in nets.values():
        if n.id == ref:
            return n
    matches = [n for n in nets.values() if n.id.startswith(ref)]
    if len(matches) == 1 and ref:
        return matches[0]
    raise KeyError(ref)


def network(state: State, host: str, ref: str) -> dict[str, Any]:
    """``docker network inspect NAME`` (one element of the printed list)."""
    n = _find_network(state, host, ref)
    hs = state.host(host)
    containers: dict[str, Any] = {}
    for c in sorted(hs.containers.values(), key=lambda c: c.id):
        ep = c.endpoint(n.name)
        if ep is None or not ep.active:
            continue
        containers[c.id] = {
            "Name": c.name,
            "EndpointID": ep.endpoint_id,
            "MacAddress": ep.mac or "",
            "IPv4Address": str(ep.ipv4) if ep.ipv4 else "",
            "IPv6Address": str(ep.ipv6) if ep.ipv6 else "",
        }
    config = []
    for s in n.subnets:
        entry: dict[str, Any] = {"Subnet": str(s.subnet)}
        if s.ip_range is not None:
            entry["IPRange"] = str(s.ip_range)
        if s.gateway is not None:
            entry["Gateway"] = str(s.gateway)
        if s.aux_addresses:
            entry["AuxiliaryAddresses"] = {k: str(v) for k, v in s.aux_addresses.items()}
        config.append(entry)
    spec = n.spec
    return {
        "Name": n.name,
        "Id": n.id,
        "Created": timestamp(n.created),
        "Scope": n.scope,
        "Driver": n.driver,
        "EnableIPv4": spec.ipv4 if spec is not None else n.driver not in ("host", "null"),
        "EnableIPv6": spec.ipv6 if spec is not None else False,
        "IPAM": {
            "Driver": spec.ipam_driver if spec is not None else "default",
            "Options": dict(spec.ipam_options) if spec is not None else None,
            "Config": config,
        },
        "Internal": n.internal if spec is None or spec.internal else False,
        "Attachable": n.attachable,
        "Ingress": spec.ingress if spec is not None else False,
        "ConfigFrom": {"Network": (spec.config_from or "") if spec is not None else ""},
        "ConfigOnly": spec.config_only if spec is not None else False,
        "Containers": containers,
        "Options": dict(n.options),
        "Labels": dict(n.labels),
    }


def _ports(c: ContainerState) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key in c.exposed_ports:
        out[key] = None
    for m in c.port_mappings:
        lst = out.get(m.port_key) or []
        lst.append({"HostIp": m.host_ip, "HostPort": str(m.host_port)})
        out[m.port_key] = lst
    return out


def container(state: State, c: ContainerState) -> dict[str, Any]:
    """``docker inspect CONTAINER`` (one element of the printed list)."""
    info = lookup(c.spec.image)
    entrypoint = list(c.spec.entrypoint) if c.spec.entrypoint is not None else (
        list(info.entrypoint) if info is not None else []
    )
    cmd = list(c.spec.command) or (list(info.cmd) if info is not None else [])
    argv = entrypoint + cmd
    networks: dict[str, Any] = {}
    for ep in c.endpoints:
        networks[ep.network] = {
            "IPAMConfig": (
                {"IPv4Address": str(ep.config.ipv4_address)} if ep.config.ipv4_address else None
            ),
            "Links": list(ep.config.links) or None,
            "Aliases": list(ep.config.aliases) or None,
            "MacAddress": ep.mac or "",
            "DriverOpts": dict(ep.config.driver_opts) or None,
            "GwPriority": ep.config.gw_priority,
            "NetworkID": ep.network_id,
            "EndpointID": ep.endpoint_id,
            "Gateway": str(ep.gateway) if ep.gateway else "",
            "IPAddress": str(ep.ipv4.ip) if ep.ipv4 else "",
            "IPPrefixLen": ep.ipv4.network.prefixlen if ep.ipv4 else 0,
            "IPv6Gateway": "",
            "GlobalIPv6Address": "",
            "GlobalIPv6PrefixLen": 0,
            "DNSNames": list(ep.dns_names) or None,
        }
    running = c.running
    return {
        "Id": c.id,
        "Created": timestamp(c.created),
        "Path": argv[0] if argv else "",
        "Args": argv[1:],
        "State": {
            "Status": c.status,
            "Running": running,
            "Paused": False,
            "Restarting": False,
            "OOMKilled": False,
            "Dead": False,
            "Pid": 0,
            "ExitCode": c.exit_code,
            "Error": "",
            "StartedAt": timestamp(c.started),
            "FinishedAt": timestamp(c.finished),
        },
        "Image": c.image_id,
        "Name": "/" + c.name,
        "RestartCount": c.restart_count,
        "HostConfig": {
            "NetworkMode": c.network_mode,
            "PortBindings": _port_bindings(c),
            "PublishAllPorts": c.spec.publish_all,
            "Links": [f"/{t}:/{c.name}/{a}" for t, a in c.legacy_links] or None,
            "Dns": list(c.spec.dns),
            "DnsOptions": list(c.spec.dns_options),
            "DnsSearch": list(c.spec.dns_search),
            "ExtraHosts": list(c.spec.add_hosts) or None,
            "AutoRemove": c.spec.auto_remove,
            "RestartPolicy": {"Name": c.spec.restart.split(":")[0], "MaximumRetryCount": 0},
        },
        "Config": {
            "Hostname": c.hostname,
            "Domainname": c.spec.domainname or "",
            "AttachStdin": c.spec.interactive and not c.spec.detach,
            "ExposedPorts": {k: {} for k in c.exposed_ports} or None,
            "Tty": c.spec.tty,
            "OpenStdin": c.spec.interactive,
            "Env": list(c.spec.env) or None,
            "Cmd": cmd or None,
            "Image": c.spec.image,
            "Entrypoint": entrypoint or None,
            "Labels": dict(lbl.partition("=")[::2] for lbl in c.spec.labels),
        },
        "NetworkSettings": {
            "SandboxID": "",
            "SandboxKey": "",
            "Ports": _ports(c) if running else {},
            "Networks": networks,
        },
        "netsim": {"options": [list(kv) for kv in c.spec.options]},
    }


def _port_bindings(c: ContainerState) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for b in c.spec.port_bindings():
        port = "" if b.host_port_start == 0 else (
            str(b.host_port_start) if b.host_port_start == b.host_port_end
            else f"{b.host_port_start}-{b.host_port_end}"
        )
        out.setdefault(b.port_key, []).append({"HostIp": b.host_ip, "HostPort": port})
    return out


def any_object(state: State, host: str, ref: str, kind: str = "") -> dict[str, Any] | None:
    """``docker inspect [--type T] REF``: a container first, then a network."""
    if kind in ("", "container"):
        try:
            return container(state, state.container(ref, host))
        except KeyError:
            pass
    if kind in ("", "network"):
        try:
            return network(state, host, ref)
        except KeyError:
            pass
    return None
