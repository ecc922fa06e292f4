"""The flags of the swarm commands (docker/cli v29.1.0 cli/command/swarm/{init,join,leave,
join_token,opts}.go)."""

from __future__ import annotations

from netsim.dockercli.flags.spec import (
    bool_flag,
    duration_flag,
    list_flag,
    min_api,
    num_flag,
    str_flag,
)

__all__ = [
    "SWARM_COMMON_FLAGS",
    "SWARM_INIT_FLAGS",
    "SWARM_JOIN_FLAGS",
]

# cli/command/swarm/init.go, join.go, leave.go, join_token.go, opts.go addSwarmFlags
SWARM_COMMON_FLAGS = (
    str_flag("listen-addr", default="0.0.0.0:2377"),
    str_flag("advertise-addr"),
    str_flag("data-path-addr", ann=min_api("1.31")),
    str_flag("availability", default="active"),
)
SWARM_INIT_FLAGS = (
    *SWARM_COMMON_FLAGS,
    num_flag("data-path-port", vtype="uint32", check="uint32", ann=min_api("1.40")),
    bool_flag("force-new-cluster"),
    bool_flag("autolock"),
    list_flag("default-addr-pool", vtype="ipNetSlice", check="ipNetSlice", ann=min_api("1.39")),
    num_flag("default-addr-pool-mask-length", vtype="uint32", check="uint64", default="24",
         ann=min_api("1.39")),
    num_flag("task-history-limit", vtype="int64", default="5"),
    duration_flag("dispatcher-heartbeat"),
    num_flag("max-snapshots", vtype="uint64", check="uint64", ann=min_api("1.25")),
    num_flag("snapshot-interval", vtype="uint64", check="uint64", default="10000",
             ann=min_api("1.25")),
    duration_flag("cert-expiry"),
    list_flag("external-ca", vtype="external-ca"),
)
SWARM_JOIN_FLAGS = (*SWARM_COMMON_FLAGS, str_flag("token"))
