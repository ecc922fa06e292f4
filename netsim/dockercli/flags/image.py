"""The flags of the image commands and of ``docker inspect`` (docker/cli v29.1.0
cli/command/image/{pull,list}.go, cli/command/system/inspect.go)."""

from __future__ import annotations

from netsim.dockercli.flags.container import DCT_DEPRECATED
from netsim.dockercli.flags.spec import (
    bool_flag,
    list_flag,
    min_api,
    str_flag,
)

__all__ = [
    "IMAGES_FLAGS",
    "PULL_FLAGS",
    "SYSTEM_INSPECT_FLAGS",
]

SYSTEM_INSPECT_FLAGS = (str_flag("format", "f"), str_flag("type"), bool_flag("size", "s"))
PULL_FLAGS = (
    bool_flag("all-tags", "a"),
    bool_flag("quiet", "q"),
    bool_flag("disable-content-trust", default="true", deprecated=DCT_DEPRECATED),
    str_flag("platform", ann=min_api("1.32")),
)
IMAGES_FLAGS = (
    bool_flag("quiet", "q"),
    bool_flag("all", "a"),
    bool_flag("no-trunc"),
    bool_flag("digests"),
    str_flag("format"),
    list_flag("filter", "f", vtype="filter", check="filter"),
    bool_flag("tree", ann=(("version", "1.47"), ("experimentalCLI", ""))),
)
