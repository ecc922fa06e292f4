"""A DNS server on 127.0.0.11:53/udp that answers as Docker's embedded server does, from a
table of answers netsim predicted (for tests/test_dns_real_tools.py).

Run inside a network namespace: ``python dns_responder.py ANSWERS.json READY_FILE``. The table
maps ``"<lower-case name without final dot> <TYPE>"`` to a list of answers, used in turn (the
last one repeats): ``{"rcode": 0|2|3, "ra": bool, "compress": bool, "records": [[type, ttl,
data], …]}``. Replies are built like moby's resolver.go: miekg SetReply (id, opcode, RD, CD and
the question copied; QR set; AA never), RA as given, no EDNS record, owner names as asked,
uncompressed (Docker's own answers) or with pointers (forwarded ones). Unknown questions get
NXDOMAIN. Standard library only.
"""

from __future__ import annotations

import ipaddress
import json
import socket
import struct
import sys
from pathlib import Path

TYPES = {"A": 1, "PTR": 12, "MX": 15, "AAAA": 28, "HTTPS": 65}
NAMES = {v: k for k, v in TYPES.items()}


def encode_name(name: str) -> bytes:
    out = b""
    for label in name.rstrip(".").split("."):
        if label:
            out += bytes([len(label)]) + label.encode()
    return out + b"\0"


def parse_question(data: bytes) -> tuple[int, int, bytes, str, int]:
    """(id, flags, question bytes, name as sent, qtype)."""
    qid, flags = struct.unpack("!HH", data[:4])
    i = 12
    labels = []
    while data[i]:
        n = data[i]
        labels.append(data[i + 1:i + 1 + n].decode())
        i += 1 + n
    qtype = struct.unpack("!H", data[i + 1:i + 3])[0]
    return qid, flags, data[12:i + 5], ".".join(labels), qtype


def reply(query: bytes, table: dict[str, list[dict[str, object]]],
          used: dict[str, int]) -> bytes:
    qid, qflags, question, name, qtype = parse_question(query)
    key = f"{name.lower()} {NAMES.get(qtype, str(qtype))}"
    answers = table.get(key) or [{"rcode": 3, "ra": True, "compress": True, "records": []}]
    n = used.get(key, 0)
    used[key] = n + 1
    answer = answers[min(n, len(answers) - 1)]
    rd, cd = qflags & 0x0100, qflags & 0x0010
    flags = 0x8000 | (qflags & 0x7800) | rd | cd | (0x0080 if answer["ra"] else 0)
    flags |= int(answer["rcode"])  # type: ignore[call-overload]
    records = list(answer["records"])  # type: ignore[call-overload]
    out = struct.pack("!HHHHHH", qid, flags, 1, len(records), 0, 0) + question
    owner = b"\xc0\x0c" if answer["compress"] else question[:-4]
    for rtype, ttl, data in records:
        if rtype == "A":
            rdata = ipaddress.IPv4Address(data).packed
        elif rtype == "AAAA":
            rdata = ipaddress.IPv6Address(data).packed
        else:
            rdata = encode_name(data)
        out += owner + struct.pack("!HHIH", TYPES[rtype], 1, ttl, len(rdata)) + rdata
    return out


def main() -> None:
    table = json.loads(Path(sys.argv[1]).read_text())
    used: dict[str, int] = {}
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    sock.bind(("127.0.0.11", 53))
    Path(sys.argv[2]).write_text("ready")
    while True:
        data, peer = sock.recvfrom(4096)
        if data[:2] == b"\0\0" and data[2:] == b"quit":
            return
        sock.sendto(reply(data, table, used), peer)


if __name__ == "__main__":
    main()
