#!/usr/bin/env python3
"""The LAN's upstream DNS server (192.168.0.1:53 in netsim-lan), over UDP and TCP.

It serves the lab's internet by the rule netsim documents for its own (netsim/dns.py, README
"Where netsim simplifies"): a name of two or more labels under a two-letter TLD or a common
generic TLD, outside the special-use domains, has one A record in 203.0.113.0/24 chosen from a
SHA-256 of the lower-cased name, TTL 300, and no record of another type (NOERROR, no answer);
IANA's example.* has only its apex and www. Everything else is NXDOMAIN. No answer carries an SOA
(netsim's internet has none). It also serves port 53 of every address of netsim-inet, as netsim's
internet does. Those addresses are held by netsim-inet; nothing leaves the lab.
"""

import hashlib
import socket
import struct
import sys
import threading

BIND = sys.argv[1] if len(sys.argv) > 1 else "192.168.0.1"  # 0.0.0.0 in netsim-inet
TTL = 300
SPECIAL_USE = ("test", "invalid", "local", "localhost", "internal", "home.arpa", "example")
GENERIC_TLDS = frozenset(
    (
        "com",
        "net",
        "org",
        "info",
        "biz",
        "edu",
        "gov",
        "mil",
        "int",
        "dev",
        "app",
        "io",
        "cloud",
        "tech",
        "online",
        "site",
        "xyz",
        "page",
        "blog",
        "shop",
        "news",
        "pro",
        "name",
        "mobi",
    )
)
def exists(labels: list[str]) -> bool:
    name = ".".join(labels)
    if len(labels) < 2:
        return False
    if any(name == d or name.endswith("." + d) for d in SPECIAL_USE):
        return False
    tld = labels[-1]
    if not (tld in GENERIC_TLDS or (len(tld) == 2 and tld.isalpha())):
        return False
    return not (len(labels) > 2 and labels[-2] == "example" and labels[:-2] != ["www"])


def address(labels: list[str]) -> bytes:
    digest = hashlib.sha256(".".join(labels).encode()).digest()
    return bytes((203, 0, 113, 1 + digest[0] % 254))


def answer(q: bytes) -> bytes:
    if len(q) < 12:
        return b""
    qid, flags, qd, _, _, _ = struct.unpack(">HHHHHH", q[:12])
    i, labels = 12, []
    try:
        while q[i] != 0:
            labels.append(q[i + 1 : i + 1 + q[i]].decode("ascii", "replace").lower())
            i += q[i] + 1
        qtype = struct.unpack(">H", q[i + 1 : i + 3])[0]
        i += 5
    except (IndexError, struct.error):
        return b""
    question = q[12:i]
    opcode = (flags >> 11) & 0xF
    rd = flags & 0x0100
    an = b""
    if opcode != 0:
        rcode = 4  # NOTIMP
    elif exists(labels):
        rcode = 0
        if qtype == 1:  # A; any other type: NOERROR, no data
            an = b"\xc0\x0c" + struct.pack(">HHIH", 1, 1, TTL, 4) + address(labels)
    else:
        rcode = 3  # NXDOMAIN
    rflags = 0x8000 | (opcode << 11) | rd | 0x0080 | rcode
    return (
        struct.pack(">HHHHHH", qid, rflags, 1 if qd else 0, 1 if an else 0, 0, 0)
        + (question if qd else b"")
        + an
    )


def udp() -> None:
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((BIND, 53))
    while True:
        data, addr = s.recvfrom(4096)
        r = answer(data)
        if r:
            s.sendto(r, addr)


def tcp_client(c: socket.socket) -> None:
    try:
        c.settimeout(5)
        while True:
            hdr = c.recv(2)
            if len(hdr) < 2:
                break
            n = struct.unpack(">H", hdr)[0]
            data = b""
            while len(data) < n:
                chunk = c.recv(n - len(data))
                if not chunk:
                    return
                data += chunk
            r = answer(data)
            c.sendall(struct.pack(">H", len(r)) + r)
    except OSError:
        pass
    finally:
        c.close()


def tcp() -> None:
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((BIND, 53))
    s.listen(16)
    while True:
        c, _ = s.accept()
        threading.Thread(target=tcp_client, args=(c,), daemon=True).start()


if __name__ == "__main__":
    threading.Thread(target=tcp, daemon=True).start()
    udp()
