"""Deterministic stand-ins for Docker's random identifiers.

Docker draws container and network IDs, endpoint IDs, veth names and (since 28.0) MAC addresses
at random. netsim derives each one from the seed and what it identifies (a SHA-256 of both), so
the same input and seed give the same output byte for byte, and an unrelated change elsewhere in
a setup does not renumber everything else.
"""

from __future__ import annotations

import hashlib
import random

__all__ = ["base36", "endpoint_ids", "engine_id", "generated_name", "hex_id", "join_token",
           "mac_address", "veth_name"]


def _text(seed: int, parts: tuple[object, ...]) -> str:
    """``"\x1f".join(map(str, (seed, *parts)))``, what is hashed: ``%s`` is ``str()`` of each,
    and a format per number of parts makes that text in about half the join's time."""
    return _FORMATS[len(parts)] % (seed, *parts)


def _digest(seed: int, parts: tuple[object, ...]) -> bytes:
    """SHA-256 of :func:`_text`."""
    return _sha256(_text(seed, parts).encode()).digest()


class _Formats(dict[int, str]):
    """:func:`_text`'s format for a number of parts (its key: the format depends on nothing
    else), made on first use."""

    def __missing__(self, n: int) -> str:
        form = self[n] = "\x1f".join(["%s"] * (n + 1))
        return form


_FORMATS = _Formats()
_sha256 = hashlib.sha256


def hex_id(seed: int, *parts: object) -> str:
    """A 64-hex ID like Docker's ``stringid.GenerateRandomID``.

    As Docker does, IDs whose 12-char short form is all digits are skipped (they would read as
    numbers; moby ``pkg/stringid``).
    """
    return _hex_id_of(_FORMATS[len(parts)] % (seed, *parts))  # (:func:`_text`, one call less)


def _hex_id_of(text: str) -> str:
    """:func:`hex_id` of what :func:`_text` made: a digit-only short form is salted (the
    salt is one more part)."""
    value = _sha256(text.encode()).hexdigest()
    salt = 0
    while value[:12].isdigit():
        salt += 1
        value = _sha256(f"{text}\x1f{salt}".encode()).hexdigest()
    return value


def mac_address(seed: int, *parts: object, docker_prefix: bool = False) -> str:
    """A random unicast, locally administered MAC (moby ``netutils.GenerateRandomMAC``);
    ``docker_prefix``: Docker's ``02:42`` and 4 random bytes (its genMAC before 28.0)."""
    return _mac_of(_text(seed, ("mac", *parts)), docker_prefix)


def _mac_of(text: str, docker_prefix: bool = False) -> str:
    """:func:`mac_address` of what :func:`_text` made."""
    raw = bytearray(_sha256(text.encode()).digest()[:6])
    raw[0] = (raw[0] & 0xFE) | 0x02
    if docker_prefix:
        raw[:2] = b"\x02\x42"
    return raw.hex(":")


def veth_name(seed: int, *parts: object) -> str:
    """A host-side veth name: ``veth`` + 7 hex characters (bridge driver ``vethLen``)."""
    return _veth_of(_text(seed, ("veth", *parts)))


def _veth_of(text: str) -> str:
    """:func:`veth_name` of what :func:`_text` made."""
    return "veth" + _sha256(text.encode()).hexdigest()[:7]


def endpoint_ids(seed: int, cid: str, nid: str, join_no: int) -> tuple[str, str, str]:
    """An endpoint's ID, random MAC and veth name at once: ``hex_id(seed, "endpoint", cid,
    nid, join_no)``, ``mac_address(seed, cid, nid, join_no)`` and ``veth_name(seed, cid, nid,
    join_no)``, their texts sharing one tail (what every join asks; tests/test_ids.py)."""
    tail = f"\x1f{cid}\x1f{nid}\x1f{join_no}"
    return (_hex_id_of(f"{seed}\x1fendpoint{tail}"), _mac_of(f"{seed}\x1fmac{tail}"),
            _veth_of(f"{seed}\x1fveth{tail}"))


# Docker's ``namesgenerator`` joins an adjective and a notable scientist's surname. netsim uses
# its own short lists in the same form (``adjective_surname``); see docs/simplifications.md.
_LEFT = (
    "admiring", "bold", "brave", "clever", "eager", "elegant", "focused", "gallant", "happy",
    "jolly", "keen", "loving", "modest", "nifty", "optimistic", "peaceful", "quirky", "relaxed",
    "serene", "sharp", "stoic", "tender", "upbeat", "vibrant", "wizardly", "youthful", "zealous",
)
_RIGHT = (
    "babbage", "bohr", "curie", "darwin", "einstein", "euler", "faraday", "fermi", "galileo",
    "gauss", "hopper", "hypatia", "kepler", "lamarr", "lovelace", "maxwell", "meitner", "newton",
    "noether", "pascal", "ritchie", "shannon", "tesla", "thompson", "turing", "wozniak", "yalow",
)


def generated_name(seed: int, index: int, retry: int = 0) -> str:
    """A container name for ``docker run`` without ``--name``, as ``adjective_surname``.

    Like Docker, a retry appends a digit (``namesgenerator.GetRandomName(retry)``).
    """
    rng = random.Random(_digest(seed, ("name", index, retry)))
    name = f"{rng.choice(_LEFT)}_{rng.choice(_RIGHT)}"
    if retry:
        name += str(rng.randrange(10))
    return name


_B36 = "0123456789abcdefghijklmnopqrstuvwxyz"


def base36(seed: int, length: int, *parts: object) -> str:
    """``length`` characters of ``[0-9a-z]`` (swarmkit ``identity.NewID`` is 25 of them)."""
    value = int.from_bytes(_digest(seed, ("b36", *parts)) * 2, "big")
    out = []
    for _ in range(length):
        value, r = divmod(value, 36)
        out.append(_B36[r])
    return "".join(out)


def join_token(seed: int, cluster: str, role: str) -> str:
    """``SWMTKN-1-<50 base36>-<25 base36>``: the CA digest part is shared by both roles
    (swarmkit ca/config.go)."""
    return f"SWMTKN-1-{base36(seed, 50, 'ca', cluster)}-{base36(seed, 25, 'secret', cluster, role)}"


def engine_id(seed: int, host: str) -> str:
    """A daemon's ID (its ``engine-id`` file: a random UUID, moby daemon/daemon.go
    loadOrCreateID) for a host that declares none."""
    raw = bytearray(_digest(seed, ("engine-id", host))[:16])
    raw[6] = (raw[6] & 0x0F) | 0x40  # version 4
    raw[8] = (raw[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = raw.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
