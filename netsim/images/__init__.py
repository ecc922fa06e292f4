"""A small, curated catalogue of well-known images, and Docker's image-reference grammar.

What the simulator needs to know about an image is what a container of it exposes (``EXPOSE``),
what it really listens on, what it runs by default, whether that keeps running, and which network
tools a user finds inside (``ping``, ``curl``, ``nc`` …, and *which implementation*, since busybox
``ping`` and iputils ``ping`` print different things).

The facts are data: ``catalogue.yaml`` in this package, each fact set with its sources (the
image's own build recipe, or the package list ``docker-library/repo-info`` records for the
published image). Images whose facts could not be found are left out on purpose: :func:`lookup`
returns ``None`` for them (e.g. ``alicek106/stress``, whose Dockerfile is not public; see
:func:`default_command_runs` for how its ``stress …`` commands are still handled).

* :mod:`netsim.images.reference` — image references (``github.com/distribution/reference``):
  :func:`parse_image_ref`, :class:`ImageRef`, Docker's error texts.
* :mod:`netsim.images.models` — the shapes of the facts (:class:`ImageInfo`, :class:`WebSite` …).
* :mod:`netsim.images.catalogue` — the loader (:func:`load_catalogue`, read once, on first use)
  and the look-ups (:func:`lookup`, :func:`inspect_facts`, the package managers' facts).
* :mod:`netsim.images.rules` — the "runs" rules the catalogue's programs name.
* :mod:`netsim.images.programs` — what PID 1 runs and whether it keeps running.
* :mod:`netsim.images.stop` — ``docker stop``/``kill`` exit statuses, start-up failures.
* :mod:`netsim.images.runtime` — what runc refuses (missing program, user, directory).
* :mod:`netsim.images.serving` — what a container listens on and serves over HTTP.
"""

from __future__ import annotations

from netsim.images.catalogue import (
    DIG_VERSIONS,
    KNOWN,
    PACKAGES,
    Catalogue,
    CatalogueError,
    container_image,
    image_release,
    inspect_facts,
    load_catalogue,
    lookup,
    package_manager,
    package_mirror,
)
from netsim.images.models import (
    HTTP_DATE,
    TOOL_NAMES,
    CatalogEntry,
    EnvRequirement,
    HttpResponse,
    ImageExtras,
    ImageInfo,
    Libc,
    PackageManager,
    ProgramFacts,
    Runs,
    TagRule,
    ToolImpl,
    WebSite,
)
from netsim.images.programs import default_command_runs, effective_argv, unmet_env
from netsim.images.reference import (
    ImageRef,
    parse_image_ref,
    uppercase_error,
    uppercase_repository,
)
from netsim.images.runtime import exec_failure, missing_directory, runtime_reason, user_failure
from netsim.images.serving import internet_site, listening_ports, served_site
from netsim.images.stop import (
    SMALL_NC_USAGE,
    bind_failure,
    signal_number,
    stop_exit_code,
    usage_failure,
)

__all__ = [
    "DIG_VERSIONS",
    "HTTP_DATE",
    "KNOWN",
    "PACKAGES",
    "SMALL_NC_USAGE",
    "TOOL_NAMES",
    "CatalogEntry",
    "Catalogue",
    "CatalogueError",
    "EnvRequirement",
    "HttpResponse",
    "ImageExtras",
    "ImageInfo",
    "ImageRef",
    "Libc",
    "PackageManager",
    "ProgramFacts",
    "Runs",
    "TagRule",
    "ToolImpl",
    "WebSite",
    "bind_failure",
    "container_image",
    "default_command_runs",
    "effective_argv",
    "exec_failure",
    "image_release",
    "inspect_facts",
    "internet_site",
    "listening_ports",
    "load_catalogue",
    "lookup",
    "missing_directory",
    "package_manager",
    "package_mirror",
    "parse_image_ref",
    "runtime_reason",
    "served_site",
    "signal_number",
    "stop_exit_code",
    "unmet_env",
    "uppercase_error",
    "uppercase_repository",
    "usage_failure",
    "user_failure",
]
