"""``docker inspect`` / ``docker network inspect`` shapes at API 1.52 (Engine + CLI 29.1).

Expected values come from docs/reference/docker-cli-output.md §1.5 and §4 (moby
docker-v29.1.0, docker/cli v29.1.0). IDs, MACs and times are checked for their form only.
"""

from __future__ import annotations

import doctest
import json
import re
from typing import Any

import pytest

from netsim.dockercli.output import inspect as render
from netsim.lab import Lab
from netsim.state import EndpointState

HEX64 = re.compile(r"[0-9a-f]{64}")
MAC = re.compile(r"[0-9a-f]{2}(:[0-9a-f]{2}){5}")
TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d*[1-9])?Z")
ZERO_TIME = "0001-01-01T00:00:00Z"

TOP_KEYS = [
    "Id", "Created", "Path", "Args", "State", "Image", "ResolvConfPath", "HostnamePath",
    "HostsPath", "LogPath", "Name", "RestartCount", "Driver", "Platform", "MountLabel",
    "ProcessLabel", "AppArmorProfile", "ExecIDs", "HostConfig", "Storage", "Mounts", "Config",
    "NetworkSettings",
]
STATE_KEYS = [
    "Status", "Running", "Paused", "Restarting", "OOMKilled", "Dead", "Pid", "ExitCode", "Error",
    "StartedAt", "FinishedAt",
]
HOSTCONFIG_KEYS = [
    "Binds", "ContainerIDFile", "LogConfig", "NetworkMode", "PortBindings", "RestartPolicy",
    "AutoRemove", "VolumeDriver", "VolumesFrom", "ConsoleSize", "CapAdd", "CapDrop",
    "CgroupnsMode", "Dns", "DnsOptions", "DnsSearch", "ExtraHosts", "GroupAdd", "IpcMode",
    "Cgroup", "Links", "OomScoreAdj", "PidMode", "Privileged", "PublishAllPorts",
    "ReadonlyRootfs", "SecurityOpt", "UTSMode", "UsernsMode", "ShmSize", "Runtime", "Isolation",
    "CpuShares", "Memory", "NanoCpus", "CgroupParent", "BlkioWeight", "BlkioWeightDevice",
    "BlkioDeviceReadBps", "BlkioDeviceWriteBps", "BlkioDeviceReadIOps", "BlkioDeviceWriteIOps",
    "CpuPeriod", "CpuQuota", "CpuRealtimePeriod", "CpuRealtimeRuntime", "CpusetCpus",
    "CpusetMems", "Devices", "DeviceCgroupRules", "DeviceRequests", "MemoryReservation",
    "MemorySwap", "MemorySwappiness", "OomKillDisable", "PidsLimit", "Ulimits", "CpuCount",
    "CpuPercent", "IOMaximumIOps", "IOMaximumBandwidth", "MaskedPaths", "ReadonlyPaths",
]
CONFIG_KEYS = [
    "Hostname", "Domainname", "User", "AttachStdin", "AttachStdout", "AttachStderr",
    "ExposedPorts", "Tty", "OpenStdin", "StdinOnce", "Env", "Cmd", "Image", "Volumes",
    "WorkingDir", "Entrypoint", "Labels", "StopSignal",
]
ENDPOINT_KEYS = [
    "IPAMConfig", "Links", "Aliases", "DriverOpts", "GwPriority", "NetworkID", "EndpointID",
    "Gateway", "IPAddress", "MacAddress", "IPPrefixLen", "IPv6Gateway", "GlobalIPv6Address",
    "GlobalIPv6PrefixLen", "DNSNames",
]
NETWORK_KEYS = [
    "Name", "Id", "Created", "Scope", "Driver", "EnableIPv4", "EnableIPv6", "IPAM", "Internal",
    "Attachable", "Ingress", "ConfigFrom", "ConfigOnly", "Options", "Labels", "Containers",
    "Status",
]
MASKED_PATHS = [
    "/proc/acpi", "/proc/asound", "/proc/interrupts", "/proc/kcore", "/proc/keys",
    "/proc/latency_stats", "/proc/sched_debug", "/proc/scsi", "/proc/timer_list",
    "/proc/timer_stats", "/sys/devices/virtual/powercap", "/sys/firmware",
    "/sys/devices/system/cpu/cpu0/thermal_throttle",
]
READONLY_PATHS = ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"]


def ok(lab: Lab, command: str) -> None:
    step = lab.docker(command)
    assert step.exit_code == 0, step.stderr


def inspect_container(lab: Lab, name: str) -> dict[str, Any]:
    return render.container(lab.state, lab.state.container(name))


def inspect_network(lab: Lab, name: str) -> dict[str, Any]:
    return render.network(lab.state, lab.state.host().name, name)


# --------------------------------------------------------------------------------------------
# docker-cli-output.md §4.3: docker run -d --name web -p 8080:80 nginx


@pytest.fixture
def web() -> tuple[Lab, dict[str, Any]]:
    lab = Lab()
    ok(lab, "run -d --name web -p 8080:80 nginx")
    return lab, inspect_container(lab, "web")


def test_container_key_order(web: tuple[Lab, dict[str, Any]]) -> None:
    _lab, d = web
    assert list(d) == TOP_KEYS
    assert list(d["State"]) == STATE_KEYS
    assert list(d["HostConfig"]) == HOSTCONFIG_KEYS
    assert list(d["HostConfig"]["LogConfig"]) == ["Type", "Config"]
    assert list(d["HostConfig"]["RestartPolicy"]) == ["Name", "MaximumRetryCount"]
    assert list(d["Config"]) == CONFIG_KEYS
    assert list(d["NetworkSettings"]) == ["SandboxID", "SandboxKey", "Ports", "Networks"]
    assert list(d["NetworkSettings"]["Networks"]) == ["bridge"]
    assert list(d["NetworkSettings"]["Networks"]["bridge"]) == ENDPOINT_KEYS
    assert d["Storage"] == {"RootFS": {"Snapshot": {"Name": "overlayfs"}}}


def test_container_default_bridge_nginx_values(web: tuple[Lab, dict[str, Any]]) -> None:
    lab, d = web
    c = lab.state.container("web")
    cid = c.id
    assert HEX64.fullmatch(d["Id"]) and d["Id"] == cid
    assert TIME.fullmatch(d["Created"])
    assert d["Path"] == "/docker-entrypoint.sh"
    assert d["Args"] == ["nginx", "-g", "daemon off;"]
    state = d["State"]
    assert {k: v for k, v in state.items() if k not in ("Pid", "StartedAt")} == {
        "Status": "running", "Running": True, "Paused": False, "Restarting": False,
        "OOMKilled": False, "Dead": False, "ExitCode": 0, "Error": "",
        "FinishedAt": ZERO_TIME,
    }
    assert state["Pid"] > 0 and TIME.fullmatch(state["StartedAt"])
    assert d["Image"] == c.image_id and re.fullmatch(r"sha256:[0-9a-f]{64}", d["Image"])
    root = f"/var/lib/docker/containers/{cid}"
    assert d["ResolvConfPath"] == f"{root}/resolv.conf"
    assert d["HostnamePath"] == f"{root}/hostname"
    assert d["HostsPath"] == f"{root}/hosts"
    assert d["LogPath"] == f"{root}/{cid}-json.log"
    assert d["Name"] == "/web"
    assert d["RestartCount"] == 0
    assert d["Driver"] == "overlayfs"
    assert d["Platform"] == "linux"
    assert d["MountLabel"] == "" and d["ProcessLabel"] == ""
    assert d["AppArmorProfile"] == "docker-default"
    assert d["ExecIDs"] is None
    assert d["Mounts"] == []
    assert d["HostConfig"] == {
        "Binds": None,
        "ContainerIDFile": "",
        "LogConfig": {"Type": "json-file", "Config": {}},
        "NetworkMode": "bridge",
        "PortBindings": {"80/tcp": [{"HostIp": "", "HostPort": "8080"}]},
        "RestartPolicy": {"Name": "no", "MaximumRetryCount": 0},
        "AutoRemove": False,
        "VolumeDriver": "",
        "VolumesFrom": None,
        "ConsoleSize": [0, 0],
        "CapAdd": None,
        "CapDrop": None,
        "CgroupnsMode": "private",
        "Dns": None,
        "DnsOptions": [],
        "DnsSearch": [],
        "ExtraHosts": None,
        "GroupAdd": None,
        "IpcMode": "private",
        "Cgroup": "",
        "Links": None,
        "OomScoreAdj": 0,
        "PidMode": "",
        "Privileged": False,
        "PublishAllPorts": False,
        "ReadonlyRootfs": False,
        "SecurityOpt": None,
        "UTSMode": "",
        "UsernsMode": "",
        "ShmSize": 67108864,
        "Runtime": "runc",
        "Isolation": "",
        "CpuShares": 0,
        "Memory": 0,
        "NanoCpus": 0,
        "CgroupParent": "",
        "BlkioWeight": 0,
        "BlkioWeightDevice": [],
        "BlkioDeviceReadBps": [],
        "BlkioDeviceWriteBps": [],
        "BlkioDeviceReadIOps": [],
        "BlkioDeviceWriteIOps": [],
        "CpuPeriod": 0,
        "CpuQuota": 0,
        "CpuRealtimePeriod": 0,
        "CpuRealtimeRuntime": 0,
        "CpusetCpus": "",
        "CpusetMems": "",
        "Devices": [],
        "DeviceCgroupRules": None,
        "DeviceRequests": None,
        "MemoryReservation": 0,
        "MemorySwap": 0,
        "MemorySwappiness": None,
        "OomKillDisable": None,
        "PidsLimit": None,
        "Ulimits": [],
        "CpuCount": 0,
        "CpuPercent": 0,
        "IOMaximumIOps": 0,
        "IOMaximumBandwidth": 0,
        "MaskedPaths": MASKED_PATHS,
        "ReadonlyPaths": READONLY_PATHS,
    }
    assert d["Config"] == {
        "Hostname": cid[:12],
        "Domainname": "",
        "User": "",
        "AttachStdin": False,
        "AttachStdout": False,
        "AttachStderr": False,
        "ExposedPorts": {"80/tcp": {}},
        "Tty": False,
        "OpenStdin": False,
        "StdinOnce": False,
        "Env": None,  # image ENV is not simulated (module docstring)
        "Cmd": ["nginx", "-g", "daemon off;"],
        "Image": "nginx",
        "Volumes": None,
        "WorkingDir": "",
        "Entrypoint": ["/docker-entrypoint.sh"],
        "Labels": {"maintainer": "NGINX Docker Maintainers <docker-maint@nginx.com>"},
        "StopSignal": "SIGQUIT",
    }
    ns = d["NetworkSettings"]
    sandbox = lab.state.container("web").sandbox_id  # the engine's, new at each start
    assert len(sandbox) == 64
    assert ns["SandboxID"] == sandbox
    assert ns["SandboxKey"] == f"/var/run/docker/netns/{sandbox[:12]}"
    assert ns["Ports"] == {
        "80/tcp": [{"HostIp": "0.0.0.0", "HostPort": "8080"}, {"HostIp": "::", "HostPort": "8080"}]
    }
    ep = ns["Networks"]["bridge"]
    assert HEX64.fullmatch(ep.pop("NetworkID")) and HEX64.fullmatch(ep.pop("EndpointID"))
    assert MAC.fullmatch(ep.pop("MacAddress"))
    assert ep == {
        "IPAMConfig": None, "Links": None, "Aliases": None, "DriverOpts": None, "GwPriority": 0,
        "Gateway": "172.17.0.1", "IPAddress": "172.17.0.2", "IPPrefixLen": 16,
        "IPv6Gateway": "", "GlobalIPv6Address": "", "GlobalIPv6PrefixLen": 0, "DNSNames": None,
    }


def test_lab_prints_the_same_json(web: tuple[Lab, dict[str, Any]]) -> None:
    lab, d = web
    step = lab.docker("inspect web")
    assert step.exit_code == 0
    assert step.stdout == json.dumps([d], indent=4, ensure_ascii=False) + "\n"
    assert '"maintainer": "NGINX Docker Maintainers <docker-maint@nginx.com>"' in step.stdout


def test_pid_is_deterministic_and_positive(web: tuple[Lab, dict[str, Any]]) -> None:
    lab, d = web
    again = inspect_container(lab, "web")
    assert d["State"]["Pid"] == again["State"]["Pid"]
    assert 1000 <= d["State"]["Pid"] < 100000


def test_ports_keys_sorted_as_strings() -> None:
    lab = Lab()
    ok(lab, "run -d --name web -p 8443:443 -p 8080:80 --expose 9000 nginx")
    d = inspect_container(lab, "web")
    assert list(d["Config"]["ExposedPorts"]) == ["443/tcp", "80/tcp", "9000/tcp"]
    assert list(d["HostConfig"]["PortBindings"]) == ["443/tcp", "80/tcp"]
    ports = d["NetworkSettings"]["Ports"]
    assert list(ports) == ["443/tcp", "80/tcp", "9000/tcp"]
    assert ports["9000/tcp"] is None
    assert ports["443/tcp"][0] == {"HostIp": "0.0.0.0", "HostPort": "8443"}


# --------------------------------------------------------------------------------------------
# Other container states and network modes


def test_user_defined_network_dns_names() -> None:
    lab = Lab()
    ok(lab, "network create mynet")
    ok(lab, "run -d --name web --network mynet --network-alias www nginx")
    d = inspect_container(lab, "web")
    cid = d["Id"]
    assert d["HostConfig"]["NetworkMode"] == "mynet"
    ep = d["NetworkSettings"]["Networks"]["mynet"]
    assert ep["Aliases"] == ["www"]
    assert ep["DNSNames"] == ["web", "www", cid[:12]]
    assert ep["IPAddress"] == "172.18.0.2" and ep["Gateway"] == "172.18.0.1"
    assert ep["IPAMConfig"] is None and ep["DriverOpts"] is None


def test_stopped_container() -> None:
    lab = Lab()
    ok(lab, "network create mynet")
    ok(lab, "run -d --name web --network mynet -p 8080:80 nginx")
    net_id = lab.state.network("mynet").id
    ok(lab, "stop web")
    d = inspect_container(lab, "web")
    cid = d["Id"]
    assert d["State"]["Status"] == "exited" and d["State"]["Running"] is False
    assert d["State"]["Pid"] == 0
    assert TIME.fullmatch(d["State"]["FinishedAt"]) and d["State"]["FinishedAt"] != ZERO_TIME
    assert d["NetworkSettings"]["SandboxID"] == ""
    assert d["NetworkSettings"]["SandboxKey"] == ""
    assert d["NetworkSettings"]["Ports"] == {}
    assert d["HostConfig"]["PortBindings"] == {"80/tcp": [{"HostIp": "", "HostPort": "8080"}]}
    ep = d["NetworkSettings"]["Networks"]["mynet"]
    assert list(ep) == ENDPOINT_KEYS
    assert ep["NetworkID"] == net_id
    assert ep["DNSNames"] == ["web", cid[:12]]
    assert (ep["EndpointID"], ep["Gateway"], ep["IPAddress"], ep["MacAddress"]) == ("",) * 4
    assert ep["IPPrefixLen"] == 0
    # paths stay; the container keeps its AppArmor profile
    assert d["ResolvConfPath"].endswith(f"{cid}/resolv.conf")
    assert d["AppArmorProfile"] == "docker-default"


def test_never_started_container() -> None:
    lab = Lab()
    ok(lab, "network create mynet")
    ok(lab, "create --name web --network mynet --ip 172.18.0.50 nginx")
    d = inspect_container(lab, "web")
    assert d["State"]["Status"] == "created"
    assert d["State"]["StartedAt"] == ZERO_TIME and d["State"]["FinishedAt"] == ZERO_TIME
    assert [d[k] for k in ("ResolvConfPath", "HostnamePath", "HostsPath", "LogPath")] == [""] * 4
    assert d["AppArmorProfile"] == ""
    assert d["HostConfig"]["OomKillDisable"] is False
    # docker create has no -d: stdout and stderr are attached
    assert d["Config"]["AttachStdout"] is True and d["Config"]["AttachStderr"] is True
    ns = d["NetworkSettings"]
    assert ns["Ports"] == {} and ns["SandboxID"] == ""
    ep = ns["Networks"]["mynet"]
    assert ep["NetworkID"] == "" and ep["EndpointID"] == "" and ep["DNSNames"] is None
    assert ep["IPAMConfig"] == {"IPv4Address": "172.18.0.50", "IPv6Address": ""}


def test_container_mode() -> None:
    lab = Lab()
    ok(lab, "run -d --name web nginx")
    ok(lab, "run -d --name side --network container:web alpine sleep 1000")
    web_id = lab.state.container("web").id
    d = inspect_container(lab, "side")
    assert d["HostConfig"]["NetworkMode"] == f"container:{web_id}"
    assert d["NetworkSettings"] == {"SandboxID": "", "SandboxKey": "", "Ports": {},
                                    "Networks": {}}
    # the sandbox's files are the owner's
    assert d["ResolvConfPath"] == f"/var/lib/docker/containers/{web_id}/resolv.conf"
    assert d["Config"]["Hostname"] == web_id[:12]
    assert d["Path"] == "sleep" and d["Args"] == ["1000"]
    assert d["Config"]["Entrypoint"] is None and d["Config"]["Cmd"] == ["sleep", "1000"]


def test_host_and_none_modes() -> None:
    lab = Lab()
    ok(lab, "run -d --name hostweb --network host nginx")
    ok(lab, "run -d --name loner --network none alpine sleep 1000")
    h = inspect_container(lab, "hostweb")
    assert h["HostConfig"]["NetworkMode"] == "host"
    assert h["NetworkSettings"]["SandboxKey"] == "/var/run/docker/netns/default"
    assert h["NetworkSettings"]["Ports"] == {}
    ep = h["NetworkSettings"]["Networks"]["host"]
    assert ep["NetworkID"] == lab.state.network("host").id
    assert HEX64.fullmatch(ep["EndpointID"])
    assert (ep["Gateway"], ep["IPAddress"], ep["MacAddress"], ep["IPPrefixLen"]) == ("", "", "", 0)
    n = inspect_container(lab, "loner")
    assert list(n["NetworkSettings"]["Networks"]) == ["none"]
    assert n["NetworkSettings"]["Networks"]["none"]["IPAddress"] == ""
    assert n["NetworkSettings"]["Ports"] == {}


def test_network_connect_endpoint_shape() -> None:
    lab = Lab()
    ok(lab, "network create mynet")
    ok(lab, "run -d --name web nginx")
    ok(lab, "network connect mynet web")
    nets = inspect_container(lab, "web")["NetworkSettings"]["Networks"]
    assert list(nets) == ["bridge", "mynet"]
    assert nets["bridge"]["IPAMConfig"] is None and nets["bridge"]["Aliases"] is None
    ep = nets["mynet"]
    assert ep["IPAMConfig"] == {"IPv4Address": "", "IPv6Address": ""}
    assert ep["Aliases"] == [] and ep["DriverOpts"] == {} and ep["Links"] is None
    assert ep["IPAddress"] == "172.18.0.2"


def test_interactive_run_attaches() -> None:
    lab = Lab()
    ok(lab, "run -d -it --name sh alpine")
    d = inspect_container(lab, "sh")["Config"]
    assert (d["AttachStdin"], d["AttachStdout"], d["OpenStdin"], d["StdinOnce"], d["Tty"]) == (
        False, False, True, False, True)
    assert d["Cmd"] == ["/bin/sh"] and d["Entrypoint"] is None


# --------------------------------------------------------------------------------------------
# docker run flags → HostConfig / Config


def test_option_mappings() -> None:
    lab = Lab()
    ok(lab, "run -d --name web --memory 1g -v /srv/www:/usr/share/nginx/html:ro -v data:/data "
            "-v /cache --log-driver syslog --log-opt tag=web --restart=always --cpu-shares 1024 "
            "--cpuset-cpus=2 --cpus 0.5 --device-write-bps /dev/xvda:1mb -w /work -u 101 "
            "--cap-add NET_ADMIN --cap-drop MKNOD --dns 8.8.8.8 --add-host db=10.0.0.9 "
            "--ulimit nofile=1024:2048 --pids-limit 100 --shm-size 128m -e A=1 -l tier=front "
            "nginx")
    d = inspect_container(lab, "web")
    hc, cfg = d["HostConfig"], d["Config"]
    assert list(hc) == HOSTCONFIG_KEYS
    assert hc["Memory"] == 1073741824
    assert hc["MemorySwap"] == 2 * 1073741824  # the daemon doubles Memory when unset
    assert hc["Binds"] == ["/srv/www:/usr/share/nginx/html:ro", "data:/data"]
    assert hc["LogConfig"] == {"Type": "syslog", "Config": {"tag": "web"}}
    assert d["LogPath"] == ""  # only json-file has a log path
    assert hc["RestartPolicy"] == {"Name": "always", "MaximumRetryCount": 0}
    assert hc["CpuShares"] == 1024
    assert hc["CpusetCpus"] == "2"
    assert hc["NanoCpus"] == 500000000
    assert hc["BlkioDeviceWriteBps"] == [{"Path": "/dev/xvda", "Rate": 1048576}]
    assert hc["CapAdd"] == ["NET_ADMIN"] and hc["CapDrop"] == ["MKNOD"]
    assert hc["Dns"] == ["8.8.8.8"]
    assert hc["ExtraHosts"] == ["db:10.0.0.9"]
    assert hc["Ulimits"] == [{"Name": "nofile", "Hard": 2048, "Soft": 1024}]
    assert hc["PidsLimit"] == 100
    assert hc["ShmSize"] == 134217728
    assert cfg["WorkingDir"] == "/work"
    assert cfg["User"] == "101"
    assert cfg["Env"] == ["A=1"]
    assert cfg["Labels"] == {
        "maintainer": "NGINX Docker Maintainers <docker-maint@nginx.com>", "tier": "front"}
    assert cfg["Volumes"] == {"/cache": {}}
    mounts = d["Mounts"]
    assert mounts[0] == {"Type": "bind", "Source": "/srv/www",
                         "Destination": "/usr/share/nginx/html", "Mode": "ro", "RW": False,
                         "Propagation": "rprivate"}
    assert mounts[1] == {"Type": "volume", "Name": "data",
                         "Source": "/var/lib/docker/volumes/data/_data", "Destination": "/data",
                         "Driver": "local", "Mode": "z", "RW": True, "Propagation": ""}
    anon = mounts[2]
    assert anon["Destination"] == "/cache" and HEX64.fullmatch(anon["Name"])
    assert anon["Source"] == f"/var/lib/docker/volumes/{anon['Name']}/_data"
    assert anon["Mode"] == ""


def test_privileged_and_restart_with_count() -> None:
    lab = Lab()
    ok(lab, "run -d --name priv --privileged --restart on-failure:3 --read-only --init nginx")
    d = inspect_container(lab, "priv")
    hc = d["HostConfig"]
    assert hc["Privileged"] is True
    assert hc["SecurityOpt"] == ["label=disable"]
    assert hc["MaskedPaths"] is None and hc["ReadonlyPaths"] is None
    assert hc["RestartPolicy"] == {"Name": "on-failure", "MaximumRetryCount": 3}
    assert hc["ReadonlyRootfs"] is True
    assert list(hc)[-1] == "Init" and hc["Init"] is True
    assert d["AppArmorProfile"] == "unconfined"


def test_flags_without_inspect_fields_are_invisible() -> None:
    lab = Lab()
    ok(lab, "run -d --name plain nginx")
    ok(lab, "run -d --name extra --pull missing --sig-proxy=false nginx")
    a, b = inspect_container(lab, "plain"), inspect_container(lab, "extra")
    assert a["HostConfig"] == b["HostConfig"]
    assert {k: v for k, v in a["Config"].items() if k != "Hostname"} == {
        k: v for k, v in b["Config"].items() if k != "Hostname"}


def test_entrypoint_override() -> None:
    lab = Lab()
    ok(lab, "run -d --name ep --entrypoint /bin/sh nginx -c 'sleep 1000'")
    d = inspect_container(lab, "ep")
    assert d["Config"]["Entrypoint"] == ["/bin/sh"]
    assert d["Config"]["Cmd"] == ["-c", "sleep 1000"]  # the image's CMD is dropped
    assert d["Path"] == "/bin/sh" and d["Args"] == ["-c", "sleep 1000"]


# --------------------------------------------------------------------------------------------
# docker network inspect


def test_network_inspect_user_network_with_one_container() -> None:
    lab = Lab()
    ok(lab, "network create mynet")
    ok(lab, "run -d --name web --network mynet nginx")
    d = inspect_network(lab, "mynet")
    cid = lab.state.container("web").id
    assert list(d) == NETWORK_KEYS
    assert HEX64.fullmatch(d["Id"]) and TIME.fullmatch(d["Created"])
    assert list(d["IPAM"]) == ["Driver", "Options", "Config"]
    assert d["IPAM"] == {
        "Driver": "default",
        "Options": {},
        "Config": [{"Subnet": "172.18.0.0/16", "IPRange": "", "Gateway": "172.18.0.1"}],
    }
    assert list(d["IPAM"]["Config"][0]) == ["Subnet", "IPRange", "Gateway"]
    rest = {k: d[k] for k in NETWORK_KEYS if k not in ("Id", "Created", "IPAM", "Containers")}
    assert rest == {
        "Name": "mynet", "Scope": "local", "Driver": "bridge", "EnableIPv4": True,
        "EnableIPv6": False, "Internal": False, "Attachable": False, "Ingress": False,
        "ConfigFrom": {"Network": ""}, "ConfigOnly": False, "Options": {}, "Labels": {},
        "Status": {"IPAM": {"Subnets": {
            "172.18.0.0/16": {"IPsInUse": 4, "DynamicIPsAvailable": 65532}}}},
    }
    assert list(d["Containers"]) == [cid]
    entry = d["Containers"][cid]
    assert list(entry) == ["Name", "EndpointID", "MacAddress", "IPv4Address", "IPv6Address"]
    assert entry["Name"] == "web" and HEX64.fullmatch(entry["EndpointID"])
    assert MAC.fullmatch(entry["MacAddress"])
    assert (entry["IPv4Address"], entry["IPv6Address"]) == ("172.18.0.2/16", "")


def test_network_inspect_lists_running_containers_only_sorted_by_id() -> None:
    lab = Lab()
    ok(lab, "network create mynet")
    for name in ("a1", "b2", "c3"):
        ok(lab, f"run -d --name {name} --network mynet nginx")
    ok(lab, "stop b2")
    d = inspect_network(lab, "mynet")
    ids = sorted(lab.state.container(n).id for n in ("a1", "c3"))
    assert list(d["Containers"]) == ids
    # network + broadcast + gateway + two running containers
    assert d["Status"]["IPAM"]["Subnets"]["172.18.0.0/16"] == {
        "IPsInUse": 5, "DynamicIPsAvailable": 65531}


def test_network_inspect_default_bridge() -> None:
    lab = Lab()
    d = inspect_network(lab, "bridge")
    assert list(d) == NETWORK_KEYS
    assert d["Driver"] == "bridge" and d["Scope"] == "local"
    assert d["IPAM"] == {
        "Driver": "default",
        "Options": None,
        "Config": [{"Subnet": "172.17.0.0/16", "IPRange": "", "Gateway": "172.17.0.1"}],
    }
    assert d["Options"] == {
        "com.docker.network.bridge.default_bridge": "true",
        "com.docker.network.bridge.enable_icc": "true",
        "com.docker.network.bridge.enable_ip_masquerade": "true",
        "com.docker.network.bridge.host_binding_ipv4": "0.0.0.0",
        "com.docker.network.bridge.name": "docker0",
        "com.docker.network.driver.mtu": "1500",
    }
    assert list(d["Options"]) == sorted(d["Options"])
    assert d["Containers"] == {}
    assert d["Status"] == {"IPAM": {"Subnets": {
        "172.17.0.0/16": {"IPsInUse": 3, "DynamicIPsAvailable": 65533}}}}


@pytest.mark.parametrize(("name", "driver"), [("host", "host"), ("none", "null")])
def test_network_inspect_host_and_none(name: str, driver: str) -> None:
    lab = Lab()
    d = inspect_network(lab, name)
    assert list(d) == NETWORK_KEYS
    assert d["Driver"] == driver and d["EnableIPv4"] is True and d["EnableIPv6"] is False
    assert d["IPAM"] == {"Driver": "default", "Options": None, "Config": None}
    assert d["Options"] == {} and d["Labels"] == {} and d["Containers"] == {}
    assert d["Status"] == {"IPAM": {}}


def test_network_inspect_host_lists_host_mode_containers() -> None:
    lab = Lab()
    ok(lab, "run -d --name hostweb --network host nginx")
    d = inspect_network(lab, "host")
    (entry,) = d["Containers"].values()
    assert entry["Name"] == "hostweb"
    assert (entry["MacAddress"], entry["IPv4Address"], entry["IPv6Address"]) == ("", "", "")
    assert d["Status"] == {"IPAM": {}}


def test_network_inspect_ip_range() -> None:
    """IPsInUse counts the whole subnet's reserved set: 172.72.0.0 (network), 172.72.255.255
    (broadcast), 172.72.0.1 (gateway) and the container's 172.72.0.2 = 4.
    DynamicIPsAvailable = 256 addresses of the ip-range minus those of the set that lie inside
    it: the network address, the gateway and the container (the range's own last address
    172.72.0.255 is not reserved, the subnet's broadcast is outside the range) → 256 - 3 = 253.
    """
    lab = Lab()
    ok(lab, "network create --subnet 172.72.0.0/16 --ip-range 172.72.0.0/24 "
            "--gateway 172.72.0.1 rng")
    ok(lab, "run -d --name c1 --network rng nginx")
    d = inspect_network(lab, "rng")
    assert d["IPAM"]["Config"] == [
        {"Subnet": "172.72.0.0/16", "IPRange": "172.72.0.0/24", "Gateway": "172.72.0.1"}]
    assert d["Status"]["IPAM"]["Subnets"] == {
        "172.72.0.0/16": {"IPsInUse": 4, "DynamicIPsAvailable": 253}}


def test_network_inspect_aux_addresses() -> None:
    """29.1 reserves every aux address inside the subnet (requestAddress checks the subnet
    only); only the one inside the ip-range reduces DynamicIPsAvailable."""
    lab = Lab()
    ok(lab, "network create --subnet 10.10.0.0/16 --ip-range 10.10.1.0/24 "
            "--aux-address b=10.10.5.5 --aux-address a=10.10.1.7 aux")
    d = inspect_network(lab, "aux")
    cfg = d["IPAM"]["Config"][0]
    assert list(cfg) == ["Subnet", "IPRange", "Gateway", "AuxiliaryAddresses"]
    assert cfg["AuxiliaryAddresses"] == {"a": "10.10.1.7", "b": "10.10.5.5"}
    assert list(cfg["AuxiliaryAddresses"]) == ["a", "b"]
    # network, broadcast, gateway (first of the range: 10.10.1.0), two aux addresses
    assert cfg["Gateway"] == "10.10.1.0"
    assert d["Status"]["IPAM"]["Subnets"]["10.10.0.0/16"] == {
        "IPsInUse": 5, "DynamicIPsAvailable": 256 - 2}


def test_network_inspect_macvlan_without_gateway() -> None:
    lab = Lab()
    ok(lab, "network create -d macvlan --subnet 192.168.1.0/24 -o parent=eth0 mv")
    d = inspect_network(lab, "mv")
    assert d["IPAM"]["Config"] == [{"Subnet": "192.168.1.0/24", "IPRange": "", "Gateway": ""}]
    assert d["Options"] == {"parent": "eth0"}
    assert d["Status"]["IPAM"]["Subnets"]["192.168.1.0/24"] == {
        "IPsInUse": 2, "DynamicIPsAvailable": 254}


@pytest.mark.skipif("gateway_only" not in EndpointState.model_fields,
                    reason="EndpointState.gateway_only not in this State model")
def test_gateway_only_endpoint() -> None:
    """The docker_gwbridge endpoint of an overlay-only container: ``network inspect`` lists it
    as ``gateway_<sandbox ID12>``; the container's own Networks do not show it."""
    lab = Lab()
    ok(lab, "network create gwb")
    ok(lab, "run -d --name web --network gwb nginx")
    state = lab.state
    hs = state.host()
    c = state.container("web")
    eps = tuple(e.model_copy(update={"gateway_only": True}) for e in c.endpoints)
    c = c.model_copy(update={"endpoints": eps})
    hs = hs.model_copy(update={"containers": {**hs.containers, "web": c}})
    state = state.model_copy(update={"hosts": {hs.name: hs}})
    d = render.container(state, c)
    assert d["NetworkSettings"]["Networks"] == {}
    sandbox = c.sandbox_id
    entry = render.network(state, hs.name, "gwb")["Containers"][c.id]
    assert entry["Name"] == f"gateway_{sandbox[:12]}"


def test_network_lookup_order() -> None:
    lab = Lab()
    ok(lab, "network create mynet")
    net = lab.state.network("mynet")
    host = lab.state.host().name
    assert render.network(lab.state, host, net.id)["Name"] == "mynet"
    assert render.network(lab.state, host, net.id[:6])["Name"] == "mynet"
    with pytest.raises(KeyError):
        render.network(lab.state, host, "nosuch")


# --------------------------------------------------------------------------------------------
# docker inspect (any object)


def test_any_object_prefers_container() -> None:
    lab = Lab()
    ok(lab, "network create dup")
    ok(lab, "run -d --name dup nginx")
    host = lab.state.host().name
    assert "State" in (render.any_object(lab.state, host, "dup") or {})
    assert "State" in (render.any_object(lab.state, host, "dup", "container") or {})
    assert (render.any_object(lab.state, host, "dup", "network") or {})["Driver"] == "bridge"
    assert render.any_object(lab.state, host, "nosuch") is None
    assert render.any_object(lab.state, host, "bridge", "container") is None
    cid = lab.state.container("dup").id
    assert (render.any_object(lab.state, host, cid[:8]) or {})["Id"] == cid


def test_timestamp() -> None:
    assert render.timestamp(None) == ZERO_TIME
    assert render.timestamp(0) == "2026-01-01T00:00:00Z"
    assert render.timestamp(65) == "2026-01-01T00:01:05Z"
    assert render.timestamp(1.25) == "2026-01-01T00:00:01.25Z"


def test_module_doctests() -> None:
    result = doctest.testmod(render, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0 and result.attempted > 0


# --------------------------------------------------------------------------------------------
# Engine 28.5 on the conformance lab's hosts (conformance/recorded/28.5/38-container-inspect)


def _lab_28_5() -> Lab:
    from netsim.api import Host
    from netsim.versions import profile

    host = Host(name="server1", apparmor=False, cgroup="v1", thermal_throttle=())
    return Lab(hosts=[host], profile=profile("28.5"))


def test_28_5_graphdriver_block_and_lab_host_facts() -> None:
    """Measured on the lab, 28.5.2: the graph-driver store's ``overlay2`` and ``GraphDriver``
    (after HostConfig, Data's keys sorted with the container's ID), no AppArmor, cgroup v1
    (cgroupns ``host``, OomKillDisable kept), ``Dns: []``, 28.5's MaskedPaths order without
    thermal_throttle, ``OnBuild: null``, the stand-in's ENV and STOPSIGNAL."""
    lab = _lab_28_5()
    ok(lab, "run -d --name web -p 8080:80 netsim-lab/nginx")
    obj = inspect_container(lab, "web")
    keys = list(obj)
    assert "Storage" not in obj
    assert keys[keys.index("HostConfig") + 1:keys.index("Config")] == ["GraphDriver", "Mounts"]
    assert obj["Driver"] == "overlay2" and obj["AppArmorProfile"] == ""
    gd = obj["GraphDriver"]
    assert list(gd) == ["Data", "Name"] and gd["Name"] == "overlay2"
    data = gd["Data"]
    assert list(data) == ["ID", "LowerDir", "MergedDir", "UpperDir", "WorkDir"]
    assert data["ID"] == obj["Id"]
    m = re.fullmatch(r"/var/lib/docker/overlay2/([0-9a-f]{64})-init/diff:"
                     r"/var/lib/docker/overlay2/([0-9a-f]{64})/diff", data["LowerDir"])
    assert m is not None and m.group(1) != m.group(2)
    layer = m.group(1)
    assert data["MergedDir"] == f"/var/lib/docker/overlay2/{layer}/merged"
    assert data["UpperDir"] == f"/var/lib/docker/overlay2/{layer}/diff"
    assert data["WorkDir"] == f"/var/lib/docker/overlay2/{layer}/work"
    hc = obj["HostConfig"]
    assert hc["CgroupnsMode"] == "host" and hc["Dns"] == [] and hc["OomKillDisable"] is False
    assert hc["MaskedPaths"] == [
        "/proc/asound", "/proc/acpi", "/proc/interrupts", "/proc/kcore", "/proc/keys",
        "/proc/latency_stats", "/proc/timer_list", "/proc/timer_stats", "/proc/sched_debug",
        "/proc/scsi", "/sys/firmware", "/sys/devices/virtual/powercap"]
    config = obj["Config"]
    assert list(config)[-4:] == ["Entrypoint", "OnBuild", "Labels", "StopSignal"]
    assert config["OnBuild"] is None and config["StopSignal"] == "SIGQUIT"
    assert config["Env"] == ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]
    # a second container of the same image shares the image layer, not its own layers
    ok(lab, "run -d --name web2 netsim-lab/nginx")
    data2 = inspect_container(lab, "web2")["GraphDriver"]["Data"]
    assert data2["LowerDir"].split(":")[1] == data["LowerDir"].split(":")[1]
    assert data2["UpperDir"] != data["UpperDir"]


def test_28_5_connected_endpoint_ipam_config_is_empty_object() -> None:
    """Measured on the lab, 28.5.2: ``network connect`` of a stopped container gives
    ``"IPAMConfig": {}`` (EndpointIPAMConfig's strings are omitempty before 29.0)."""
    lab = _lab_28_5()
    ok(lab, "network create net1")
    ok(lab, "run -d --name a1 --network net1 --network-alias app netsim-lab/alpine sleep 1000")
    ok(lab, "network connect bridge a1")
    ok(lab, "stop -t 1 a1")
    nets = inspect_container(lab, "a1")["NetworkSettings"]["Networks"]
    assert nets["bridge"]["IPAMConfig"] == {} and nets["net1"]["IPAMConfig"] is None


def test_user_env_comes_before_the_image_env_it_does_not_override() -> None:
    """daemon/commit.go merge: the user's -e first, then the image's other variables."""
    lab = _lab_28_5()
    ok(lab, "create --name c1 -e A=1 netsim-lab/busybox")
    ok(lab, "create --name d1 -e PATH=/x netsim-lab/busybox")
    assert inspect_container(lab, "c1")["Config"]["Env"] == [
        "A=1", "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"]
    assert inspect_container(lab, "d1")["Config"]["Env"] == ["PATH=/x"]
    # a real image's ENV is not known: only -e
    ok(lab, "create --name e1 -e A=1 nginx")
    assert inspect_container(lab, "e1")["Config"]["Env"] == ["A=1"]


def test_older_graphdriver_data_has_no_id_and_29_1_keeps_storage() -> None:
    """20.10/26.1's overlay2 metadata has no ``ID`` (layer/mounted_layer.go added it in
    28.0); 29.1's containerd store prints ``overlayfs`` and ``Storage``."""
    from netsim.versions import profile

    for version in ("20.10", "26.1"):
        lab = Lab(profile=profile(version))
        ok(lab, "run -d --name web nginx")
        obj = inspect_container(lab, "web")
        assert obj["Driver"] == "overlay2" and "Storage" not in obj
        assert list(obj["GraphDriver"]["Data"]) == ["LowerDir", "MergedDir", "UpperDir",
                                                     "WorkDir"]
        assert "/proc/interrupts" not in obj["HostConfig"]["MaskedPaths"]
    lab = Lab()
    ok(lab, "run -d --name web nginx")
    obj = inspect_container(lab, "web")
    assert obj["Driver"] == "overlayfs" and "GraphDriver" not in obj
    assert obj["Storage"] == {"RootFS": {"Snapshot": {"Name": "overlayfs"}}}
    assert obj["AppArmorProfile"] == "docker-default"
    assert obj["HostConfig"]["CgroupnsMode"] == "private"


def test_host_directive_sets_apparmor_cgroup_and_thermal_throttle() -> None:
    from netsim.lab import run_script

    lab, _ = run_script("# netsim: host h1 apparmor=no cgroup=v1 thermal_throttle=0,2\n"
                        "docker run -d --name web nginx\n")
    host = lab.state.host("h1").host
    assert (host.apparmor, host.cgroup, host.thermal_throttle) == (False, "v1", (0, 2))
    masked = inspect_container(lab, "web")["HostConfig"]["MaskedPaths"]
    assert masked[-2:] == ["/sys/devices/system/cpu/cpu0/thermal_throttle",
                           "/sys/devices/system/cpu/cpu2/thermal_throttle"]
