"""netsim.daemon.ids: the deterministic stand-ins for Docker's random identifiers."""

from __future__ import annotations

import hashlib

import pytest

from netsim.daemon import ids


def _sha(*parts: object) -> bytes:
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).digest()


@pytest.mark.parametrize("seed", [0, 7, 123456])
@pytest.mark.parametrize("join_no", [1, 2, 15])
def test_endpoint_ids_are_the_three_ids_of_a_join(seed: int, join_no: int) -> None:
    cid, nid = ids.hex_id(seed, "container", "c1"), ids.hex_id(seed, "network", "n")
    assert ids.endpoint_ids(seed, cid, nid, join_no) == (
        ids.hex_id(seed, "endpoint", cid, nid, join_no),
        ids.mac_address(seed, cid, nid, join_no),
        ids.veth_name(seed, cid, nid, join_no),
    )


def test_ids_hash_the_seed_and_parts_joined_by_unit_separators() -> None:
    assert ids.hex_id(3, "endpoint", "a", "b", 1) == _sha(3, "endpoint", "a", "b", 1).hex()
    raw = bytearray(_sha(3, "mac", "a", "b", 1)[:6])
    raw[0] = (raw[0] & 0xFE) | 0x02
    assert ids.mac_address(3, "a", "b", 1) == raw.hex(":")
    assert ids.mac_address(3, "a", docker_prefix=True).startswith("02:42:")
    assert ids.veth_name(3, "a", "b", 1) == "veth" + _sha(3, "veth", "a", "b", 1).hex()[:7]


def test_an_all_digit_short_id_is_salted_as_docker_skips_it() -> None:
    # find parts whose first digest reads as a number: the ID is the salted one's
    n = next(i for i in range(100_000) if _sha(0, "x", i).hex()[:12].isdigit())
    salted = next(_sha(0, "x", n, s).hex() for s in range(1, 100)
                  if not _sha(0, "x", n, s).hex()[:12].isdigit())
    assert ids.hex_id(0, "x", n) == salted
