"""The flags of the volume commands (docker/cli v29.1.0 cli/command/volume/*.go)."""

from __future__ import annotations

from netsim.dockercli.flags.spec import (
    SWARM_142,
    bool_flag,
    bytes_flag,
    list_flag,
    min_api,
    str_flag,
)

__all__ = [
    "VOLUME_CREATE_FLAGS",
    "VOLUME_LS_FLAGS",
    "VOLUME_PRUNE_FLAGS",
]

VOLUME_CREATE_FLAGS = (
    str_flag("driver", "d", default="local"),
    str_flag("name", hidden=True),
    list_flag("opt", "o", vtype="map"),
    list_flag("label", check="label"),
    str_flag("group", ann=SWARM_142),
    str_flag("scope", default="single", ann=SWARM_142),
    str_flag("sharing", default="none", ann=SWARM_142),
    str_flag("availability", default="active", ann=SWARM_142),
    str_flag("type", default="block", ann=SWARM_142),
    list_flag("secret", vtype="map", ann=SWARM_142),
    bytes_flag("limit-bytes", ann=SWARM_142),
    bytes_flag("required-bytes", ann=SWARM_142),
    list_flag("topology-required", ann=SWARM_142),
    list_flag("topology-preferred", ann=SWARM_142),
)
VOLUME_LS_FLAGS = (
    bool_flag("quiet", "q"),
    str_flag("format"),
    list_flag("filter", "f", vtype="filter", check="filter"),
    bool_flag("cluster", ann=SWARM_142),
)
VOLUME_PRUNE_FLAGS = (
    bool_flag("all", "a", ann=min_api("1.42")),
    bool_flag("force", "f"),
    list_flag("filter", vtype="filter", check="filter"),
)
