"""The docker command's global options (cli/flags/options.go InstallFlags,
cmd/docker/docker.go ``--version``, cli/cobra.go ``--help``; docker/cli v29.1.0)."""

from __future__ import annotations

from netsim.dockercli.flags.spec import (
    FlagSpec,
    bool_flag,
    str_flag,
)

__all__ = [
    "GLOBAL_FLAGS",
    "HELP_LOCAL",
    "HELP_PERSISTENT",
]

# cli/flags/options.go InstallFlags, cmd/docker/docker.go (--version), cli/cobra.go (--help).
GLOBAL_FLAGS: tuple[FlagSpec, ...] = (
    str_flag("config", default="~/.docker"),
    bool_flag("debug", "D"),
    str_flag("log-level", "l", default="info"),
    bool_flag("tls"),
    bool_flag("tlsverify"),
    str_flag("tlscacert", default="~/.docker/ca.pem"),
    str_flag("tlscert", default="~/.docker/cert.pem"),
    str_flag("tlskey", default="~/.docker/key.pem"),
    FlagSpec("host", "H", "value", "string", check="host"),
    str_flag("context", "c"),
    bool_flag("version", "v"),
    FlagSpec("help", "h", "bool", "bool", hidden=True, default="false", check="bool",
             shorthand_deprecated="use --help"),
)

#: the root's persistent, hidden ``--help``/``-h`` that every command inherits
HELP_PERSISTENT = GLOBAL_FLAGS[-1]
HELP_LOCAL = bool_flag("help")  # run/create define their own --help so that -h means --hostname
