"""The flags of the network commands (docker/cli v29.1.0 cli/command/network/*.go)."""

from __future__ import annotations

from netsim.dockercli.flags.spec import (
    bool_flag,
    list_flag,
    min_api,
    num_flag,
    str_flag,
    val_flag,
)

__all__ = [
    "NETWORK_CONNECT_FLAGS",
    "NETWORK_CREATE_FLAGS",
    "NETWORK_LS_FLAGS",
]

NETWORK_CONNECT_FLAGS = (
    val_flag("ip", vtype="ip", check="ip"),
    val_flag("ip6", vtype="ip", check="ip"),
    list_flag("link", check="link"),
    list_flag("alias", vtype="strings", check="stringSlice"),
    list_flag("link-local-ip", vtype="ipSlice", check="ipSlice"),
    list_flag("driver-opt", vtype="strings", check="stringSlice"),
    num_flag("gw-priority"),
)
NETWORK_CREATE_FLAGS = (
    str_flag("driver", "d", default="bridge"),
    list_flag("opt", "o", vtype="map"),
    list_flag("label", check="label"),
    bool_flag("internal"),
    bool_flag("ipv4", default="true"),
    bool_flag("ipv6"),
    bool_flag("attachable", ann=min_api("1.25")),
    bool_flag("ingress", ann=min_api("1.29")),
    str_flag("scope", ann=min_api("1.30")),
    bool_flag("config-only", ann=min_api("1.30")),
    str_flag("config-from", ann=min_api("1.30")),
    str_flag("ipam-driver", default="default"),
    list_flag("subnet", vtype="strings", check="stringSlice"),
    list_flag("ip-range", vtype="ipNetSlice", check="ipNetSlice"),
    list_flag("gateway", vtype="ipSlice", check="ipSlice"),
    list_flag("aux-address", vtype="map"),
    list_flag("ipam-opt", vtype="map"),
)
NETWORK_LS_FLAGS = (
    bool_flag("quiet", "q"),
    bool_flag("no-trunc"),
    str_flag("format"),
    list_flag("filter", "f", vtype="filter", check="filter"),
)
