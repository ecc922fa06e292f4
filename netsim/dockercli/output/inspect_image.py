"""Image-config facts the catalogue does not record (``STOPSIGNAL``, ``LABEL``), read from the
images' Dockerfiles, for ``docker inspect``'s ``Config``. (Kept together here until the image
catalogue holds them.)"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fnmatch import fnmatchcase

from netsim.images import ImageInfo, lookup, parse_image_ref

__all__ = ["image_facts"]


@dataclass(frozen=True)
class _ImageExtras:
    """Image-config facts :mod:`netsim.images` does not record (read from the Dockerfiles)."""

    stop_signal: str = ""
    labels: Mapping[str, str] = field(default_factory=dict)


_NGINX_EXTRAS = _ImageExtras(
    # nginx/docker-nginx mainline/*/Dockerfile: LABEL maintainer=…, STOPSIGNAL SIGQUIT
    "SIGQUIT", {"maintainer": "NGINX Docker Maintainers <docker-maint@nginx.com>"}
)
#: repository → (tag pattern, extras), first match wins; used only for catalogued tags
_IMAGE_EXTRAS: Mapping[str, tuple[tuple[str, _ImageExtras], ...]] = {
    "library/nginx": (("*", _NGINX_EXTRAS),),
    "docker/getting-started": (("*", _NGINX_EXTRAS),),  # final stage FROM nginx:alpine
    "library/httpd": (("*", _ImageExtras("SIGWINCH")),),  # httpd 2.4/Dockerfile
    "library/postgres": (("*", _ImageExtras("SIGINT")),),  # postgres 18/trixie/Dockerfile
    "library/wordpress": (
        ("*fpm*", _ImageExtras("SIGQUIT")),  # php:*-fpm STOPSIGNAL SIGQUIT
        ("*", _ImageExtras("SIGWINCH")),  # php:*-apache STOPSIGNAL SIGWINCH
    ),
}


def image_facts(reference: str) -> tuple[ImageInfo | None, _ImageExtras]:
    """The catalogue's facts of an image reference, and the extras of its repository."""
    try:
        ref = parse_image_ref(reference)
    except ValueError:
        return None, _ImageExtras()
    info = lookup(ref)
    if info is None:
        return None, _ImageExtras()
    for pattern, extras in _IMAGE_EXTRAS.get(ref.repository, ()):
        if fnmatchcase(ref.tag or "latest", pattern):
            return info, extras
    return info, _ImageExtras()
