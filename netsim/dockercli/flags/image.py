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
    "BUILD_FLAGS",
    "COMMIT_FLAGS",
    "IMAGES_FLAGS",
    "IMAGE_INSPECT_FLAGS",
    "LOAD_FLAGS",
    "PULL_FLAGS",
    "PUSH_FLAGS",
    "RMI_FLAGS",
    "SAVE_FLAGS",
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

# docker build: BuildKit's (buildx build, the CLI plugin docker build runs when it is
# installed: docker/buildx commands/build.go) together with the legacy builder's
# (docker/cli cli/command/image/build.go) — netsim reads -t, -f, --build-arg, --target,
# --label, --no-cache, --progress, -q; the others are accepted and change nothing it models
BUILD_FLAGS = (
    list_flag("tag", "t"),
    str_flag("file", "f"),
    list_flag("build-arg"),
    str_flag("target"),
    list_flag("label"),
    bool_flag("no-cache"),
    bool_flag("pull"),
    bool_flag("quiet", "q"),
    str_flag("progress", default="auto"),
    list_flag("cache-from"),
    list_flag("cache-to"),
    str_flag("network", default="default"),
    str_flag("platform"),
    list_flag("add-host"),
    str_flag("iidfile"),
    list_flag("output", "o"),
    bool_flag("load"),
    bool_flag("push"),
    list_flag("secret"),
    list_flag("ssh"),
    bool_flag("rm", default="true"),
    bool_flag("force-rm"),
    str_flag("shm-size"),
    str_flag("memory", "m"),
    str_flag("isolation"),
    str_flag("cgroup-parent"),
    list_flag("ulimit"),
    list_flag("build-context"),
    str_flag("metadata-file"),
    str_flag("builder"),
    list_flag("no-cache-filter"),
)
PUSH_FLAGS = (
    bool_flag("all-tags", "a"),
    bool_flag("quiet", "q"),
    bool_flag("disable-content-trust", default="true", deprecated=DCT_DEPRECATED),
    str_flag("platform", ann=min_api("1.46")),
)
COMMIT_FLAGS = (
    str_flag("author", "a"),
    list_flag("change", "c"),
    str_flag("message", "m"),
    bool_flag("pause", "p", default="true"),
)
RMI_FLAGS = (bool_flag("force", "f"), bool_flag("no-prune"))
SAVE_FLAGS = (str_flag("output", "o"), list_flag("platform"))
LOAD_FLAGS = (str_flag("input", "i"), bool_flag("quiet", "q"), list_flag("platform"))
IMAGE_INSPECT_FLAGS = (str_flag("format", "f"),)
