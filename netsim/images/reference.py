"""Docker's image-reference grammar: ``github.com/distribution/reference`` as docker/cli vendors it.

Reference parsing follows ``ParseNormalizedNamed`` as the Docker CLI uses it, including its error
texts. What ``docker ps`` shows in its IMAGE column is what the user typed, made "familiar":
docker/cli ``formatter.ContainerContext.Image`` parses the container's ``Config.Image``, strips a
digest but keeps a tag *only if one was given*, and drops ``docker.io/`` and ``library/``. So
``docker run nginx`` lists ``nginx``, ``docker run nginx:latest`` lists ``nginx:latest`` and
``docker run docker.io/library/nginx@sha256:…`` lists ``nginx`` (:attr:`ImageRef.familiar`).
(The daemon replaces the name by the image ID once the name no longer resolves to the image the
container was created from: moby ``daemon/list.go`` ``refreshImage``; that is the engine's
business, not this module's.)
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from types import MappingProxyType
from typing import Final

from pydantic import BaseModel

__all__ = [
    "DEFAULT_DOMAIN",
    "DEFAULT_TAG",
    "ImageRef",
    "parse_image_ref",
    "uppercase_error",
    "uppercase_repository",
]


DEFAULT_DOMAIN: Final = "docker.io"
LEGACY_DEFAULT_DOMAIN: Final = "index.docker.io"
OFFICIAL_REPO_PREFIX: Final = "library/"
DEFAULT_TAG: Final = "latest"
REPOSITORY_NAME_TOTAL_LENGTH_MAX: Final = 255

# Error texts, verbatim from distribution/reference and opencontainers/go-digest. The Docker CLI
# prints them after "docker: " (docker run/create) and adds a "Run 'docker run --help'" line.
ERR_REFERENCE_INVALID_FORMAT: Final = "invalid reference format"
ERR_NAME_CONTAINS_UPPERCASE: Final = "repository name must be lowercase"
ERR_NAME_EMPTY: Final = "repository name must have at least one component"
ERR_NAME_TOO_LONG: Final = (
    f"repository name must not be more than {REPOSITORY_NAME_TOTAL_LENGTH_MAX} characters"
)
ERR_DIGEST_INVALID_FORMAT: Final = "invalid checksum digest format"
ERR_DIGEST_INVALID_LENGTH: Final = "invalid checksum digest length"
ERR_DIGEST_UNSUPPORTED: Final = "unsupported digest algorithm"

# The grammar of distribution/reference regexp.go. Go's RE2 `\w` and `[[:xdigit:]]` are ASCII
# classes, spelled out here; patterns are applied with fullmatch (Go anchors with ^…$).
_ALNUM = r"[a-z0-9]+"
_SEPARATOR = r"(?:[._]|__|[-]+)"
_DOMAIN_COMPONENT = r"(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])"
_OPTIONAL_PORT = r"(?::[0-9]+)?"
_TAG = r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}"
_DIGEST = r"[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9A-Fa-f]{32,}"
_IPV6 = r"\[(?:[a-fA-F0-9:]+)\]"
_DOMAIN_NAME = _DOMAIN_COMPONENT + r"(?:\." + _DOMAIN_COMPONENT + r")*"
_HOST = r"(?:" + _DOMAIN_NAME + r"|" + _IPV6 + r")"
_DOMAIN_AND_PORT = _HOST + _OPTIONAL_PORT
_PATH_COMPONENT = _ALNUM + r"(?:" + _SEPARATOR + _ALNUM + r")*"
_REMOTE_NAME = _PATH_COMPONENT + r"(?:/" + _PATH_COMPONENT + r")*"
_NAME = r"(?:" + _DOMAIN_AND_PORT + r"/)?" + _REMOTE_NAME

_REFERENCE_RE: Final = re.compile(
    r"(" + _NAME + r")(?::(" + _TAG + r"))?(?:@(" + _DIGEST + r"))?"
)
_ANCHORED_NAME_RE: Final = re.compile(r"(?:(" + _DOMAIN_AND_PORT + r")/)?(" + _REMOTE_NAME + r")")
_IDENTIFIER_RE: Final = re.compile(r"[a-f0-9]{64}")
# go-digest: DigestRegexpAnchored, and the hex length of each registered algorithm.
_GO_DIGEST_RE: Final = re.compile(r"[a-z0-9]+(?:[.+_-][a-z0-9]+)*:[a-zA-Z0-9=_-]+")
_DIGEST_HEX_LEN: Final[Mapping[str, int]] = MappingProxyType(
    {"sha256": 64, "sha384": 96, "sha512": 128}
)
_LOWER_HEX_RE: Final = re.compile(r"[a-f0-9]+")


class ImageRef(BaseModel, frozen=True):
    """A parsed, normalized image reference (``ParseNormalizedNamed``).

    ``tag`` follows Docker's ``TagNameOnly`` rule: ``"latest"`` when the user gave neither a tag
    nor a digest; ``""`` for a digest-only reference (Docker pulls by digest then, no tag is
    involved). ``tag_explicit`` says whether the user typed the tag.
    """

    registry: str  # "docker.io", "localhost:5000", "ghcr.io"
    repository: str  # "library/nginx", "docker/getting-started", "alicek106/stress"
    tag: str
    digest: str | None = None  # "sha256:…" when the reference pins one
    tag_explicit: bool = False

    @property
    def name(self) -> str:
        """Fully qualified name without tag or digest: ``docker.io/library/nginx``."""
        return f"{self.registry}/{self.repository}"

    @property
    def familiar_name(self) -> str:
        """The name as Docker's UI shows it: ``nginx``, ``alicek106/stress``, ``ghcr.io/o/x``."""
        if self.registry != DEFAULT_DOMAIN:
            return self.name
        path = self.repository
        if path.startswith(OFFICIAL_REPO_PREFIX):
            rest = path[len(OFFICIAL_REPO_PREFIX) :]
            if "/" not in rest:
                return rest
        return path

    @property
    def familiar(self) -> str:
        """What ``docker ps`` prints in its IMAGE column for a container created from this.

        The reference as typed, familiarized: digest stripped, tag kept only when the user gave
        one (``nginx`` → ``nginx``; ``nginx:latest`` → ``nginx:latest``;
        ``docker.io/library/nginx:1.29@sha256:…`` → ``nginx:1.29``).
        """
        if self.tag_explicit:
            return f"{self.familiar_name}:{self.tag}"
        return self.familiar_name

    @property
    def familiar_tagged(self) -> str:
        """Familiar form with the implied tag: ``nginx:latest``, ``nginx@sha256:…``."""
        out = self.familiar_name
        if self.tag:
            out += f":{self.tag}"
        if self.digest:
            out += f"@{self.digest}"
        return out

    @property
    def canonical(self) -> str:
        """``ParseDockerRef``: ``docker.io/library/nginx:latest``; digested refs lose the tag."""
        if self.digest:
            return f"{self.name}@{self.digest}"
        return f"{self.name}:{self.tag}"


def _split_docker_domain(name: str) -> tuple[str, str]:
    """distribution/reference ``splitDockerDomain``."""
    maybe_domain, sep, maybe_remote = name.partition("/")
    if not sep:
        return DEFAULT_DOMAIN, OFFICIAL_REPO_PREFIX + name
    if maybe_domain == "localhost":
        domain, remote = maybe_domain, maybe_remote
    elif maybe_domain == LEGACY_DEFAULT_DOMAIN:
        domain, remote = DEFAULT_DOMAIN, maybe_remote
    elif "." in maybe_domain or ":" in maybe_domain:
        domain, remote = maybe_domain, maybe_remote
    elif maybe_domain.lower() != maybe_domain:
        # uppercase namespaces are not allowed, so an uppercase first element is a domain
        domain, remote = maybe_domain, maybe_remote
    else:
        domain, remote = DEFAULT_DOMAIN, name
    if domain == DEFAULT_DOMAIN and "/" not in remote:
        remote = OFFICIAL_REPO_PREFIX + remote
    return domain, remote


def _validate_digest(value: str) -> None:
    """opencontainers/go-digest ``Digest.Validate`` (sha256, sha384, sha512 registered)."""
    algorithm, sep, encoded = value.partition(":")
    if not algorithm or not sep or not encoded:
        raise ValueError(ERR_DIGEST_INVALID_FORMAT)
    size = _DIGEST_HEX_LEN.get(algorithm)
    if size is None:
        if not _GO_DIGEST_RE.fullmatch(value):
            raise ValueError(ERR_DIGEST_INVALID_FORMAT)
        raise ValueError(ERR_DIGEST_UNSUPPORTED)
    if len(encoded) != size:
        raise ValueError(ERR_DIGEST_INVALID_LENGTH)
    if not _LOWER_HEX_RE.fullmatch(encoded):
        raise ValueError(ERR_DIGEST_INVALID_FORMAT)


@functools.lru_cache(maxsize=1024)
def parse_image_ref(text: str) -> ImageRef:
    """Parse an image name the way ``docker run``/``docker pull`` do, or raise ``ValueError``.

    The ``ValueError`` carries Docker's own text, e.g. ``invalid reference format``,
    ``invalid reference format: repository name (library/Nginx) must be lowercase``,
    ``invalid checksum digest length``. A bare 64-hex string is an image *ID*, not a name
    (``docker run`` accepts it through ``ParseAnyReference``); as a name it is refused with
    ``invalid repository name (…), cannot specify 64-byte hexadecimal strings``.
    """
    if _IDENTIFIER_RE.fullmatch(text):
        raise ValueError(
            f"invalid repository name ({text}), cannot specify 64-byte hexadecimal strings"
        )
    domain, remainder = _split_docker_domain(text)
    remote = remainder.split(":", 1)[0]
    if remote.lower() != remote:
        raise ValueError(uppercase_error(remote))
    return _parse(f"{domain}/{remainder}")


def uppercase_error(remote: str, *, named: bool = True) -> str:
    """ParseNormalizedNamed's refusal of a repository with capitals; ``named`` false: the
    older vendored docker/distribution's words, without the name (EngineProfile.
    reference_error_names_repository).

    >>> uppercase_error("library/Alpine")
    'invalid reference format: repository name (library/Alpine) must be lowercase'
    >>> uppercase_error("x/A", named=False)
    'invalid reference format: repository name must be lowercase'
    """
    if not named:
        return f"{ERR_REFERENCE_INVALID_FORMAT}: {ERR_NAME_CONTAINS_UPPERCASE}"
    return f"{ERR_REFERENCE_INVALID_FORMAT}: repository name ({remote}) must be lowercase"


def uppercase_repository(text: str) -> str | None:
    """The repository path of an image name that ParseNormalizedNamed refuses for capitals
    (``library/Alpine`` for ``Alpine``), else None."""
    if _IDENTIFIER_RE.fullmatch(text):
        return None
    remote = _split_docker_domain(text)[1].split(":", 1)[0]
    return remote if remote.lower() != remote else None


def _parse(s: str) -> ImageRef:
    """distribution/reference ``Parse`` on an already domain-qualified string."""
    if not s:
        raise ValueError(ERR_NAME_EMPTY)
    m = _REFERENCE_RE.fullmatch(s)
    if m is None:
        low = s.lower()
        if low != s and _REFERENCE_RE.fullmatch(low):
            raise ValueError(ERR_NAME_CONTAINS_UPPERCASE)
        raise ValueError(ERR_REFERENCE_INVALID_FORMAT)
    name, tag, digest = m.group(1), m.group(2), m.group(3)
    nm = _ANCHORED_NAME_RE.fullmatch(name)
    assert nm is not None  # the reference grammar embeds the name grammar
    domain, path = nm.group(1) or "", nm.group(2)
    if len(path) > REPOSITORY_NAME_TOTAL_LENGTH_MAX:
        raise ValueError(ERR_NAME_TOO_LONG)
    if digest:
        _validate_digest(digest)
    return ImageRef(
        registry=domain,
        repository=path,
        tag=tag if tag else ("" if digest else DEFAULT_TAG),
        digest=digest or None,
        tag_explicit=bool(tag),
    )
