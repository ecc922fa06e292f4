"""The normalizations of the conformance comparison: what is random or clock-bound in Docker
and its tools, removed from both sides before they are compared (:data:`NORMALIZATIONS`, each
with its name and reason)."""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

__all__ = ["NORMALIZATIONS", "Context", "Normalization", "name_created", "normalize"]

# --------------------------------------------------------------------------- normalizations


class _Namer:
    """Numbers the distinct values of one kind in order of first appearance, per script and side,
    so that a value used twice must be the same value twice on both sides."""

    def __init__(self, label: str) -> None:
        self.label = label
        self.seen: dict[str, str] = {}
        self.numbered = 0

    def __call__(self, value: str) -> str:
        key = value.lower()
        if key not in self.seen:
            self.numbered += 1
            self.seen[key] = f"<{self.label}{self.numbered}>"
        return self.seen[key]

    def name(self, value: str, label: str) -> None:
        """Call ``value`` by the name of what it identifies (``<ID:web>``), so that an ID one
        side printed and the other did not renumbers nothing after it."""
        self.seen.setdefault(value.lower(), f"<{self.label}:{label}>")


@dataclass
class Context:
    """The per-script, per-side state of the normalizations."""

    ids: _Namer = field(default_factory=lambda: _Namer("ID"))
    macs: _Namer = field(default_factory=lambda: _Namer("MAC"))
    link_locals: _Namer = field(default_factory=lambda: _Namer("LL"))
    tokens: _Namer = field(default_factory=lambda: _Namer("TOKEN"))
    veths: _Namer = field(default_factory=lambda: _Namer("veth"))
    random_macs: bool = True
    port_map_order: bool = False  # EngineProfile.cli_port_map_order
    wait_race: bool = False  # EngineProfile.cli_run_logs_wait_canceled


@dataclass(frozen=True)
class Normalization:
    """One named rewrite applied to both sides' outputs before they are compared."""

    name: str
    why: str
    apply: Callable[[str, str, Context], str]  # (text, command, context) -> text


_ENTRY = re.compile(r'^( *)"[0-9a-f]{64}": [{\[]$')


def _id_keyed_order(text: str, command: str, ctx: Context) -> str:
    """Sort the entries of indented JSON objects keyed by IDs (``"Containers": {"<id>": …}``)
    by their content with the IDs left out: Go's encoder orders map keys, so these entries come
    in the order of random IDs."""
    if "{" not in text:
        return text
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        m = _ENTRY.match(lines[i])
        if m is None:
            out.append(lines[i])
            i += 1
            continue
        indent = m.group(1)
        entries: list[list[str]] = []
        while i < len(lines) and (m := _ENTRY.match(lines[i])) and m.group(1) == indent:
            j = i + 1
            while j < len(lines) and not re.match(rf"^{indent}[}}\]],?$", lines[j]):
                j += 1
            entries.append(lines[i:j + 1])
            i = j + 1
        for e in entries:
            e[-1] = e[-1].rstrip(",")
        entries.sort(key=lambda e: _HEX64.sub("", "\n".join(e)))
        for n, e in enumerate(entries):
            out.extend(e[:-1])
            out.append(e[-1] + ("," if n < len(entries) - 1 else ""))
    return "\n".join(out)


_HEX64 = re.compile(r"\b[0-9a-f]{64}\b")
_HEX12 = re.compile(r"(?<![0-9A-Za-z])[0-9a-f]{12}(?![0-9A-Za-z])")  # also gateway_<id12>
_SWARM_ID = re.compile(r"\b[0-9a-z]{25}\b")


_SWARM_SHORT = re.compile(r"^[0-9a-z]{12}(?=   )", re.MULTILINE)
_LISTINGS = re.compile(r"\b(network|node|service|stack|secret|config) (ls|list)\b")
#: commands whose whole output is the new object's ID, and where its name is
_CREATES = re.compile(
    r"^docker (?:-H \S+ |--host[= ]\S+ )*(?:container )?(?:run|create)\b.*?--name[= ]?(\S+)"
    r"|^docker (?:-H \S+ |--host[= ]\S+ )*network create\b.*?(\S+)$")


def name_created(stdout: str, command: str, ctx: Context) -> None:
    """An ID printed by ``docker run/create --name N`` or ``docker network create N`` is N's."""
    m = _CREATES.search(command)
    if m is None:
        return
    words = stdout.split()
    if len(words) == 1 and _HEX64.fullmatch(words[0]):
        name = (m.group(1) or m.group(2) or "").strip("'\"")
        if name:
            ctx.ids.name(words[0][:12], name)


def _mixed(token: str) -> bool:
    return any(c.isdigit() for c in token) and any(c.isalpha() for c in token)


def _ids(text: str, command: str, ctx: Context) -> str:
    def long(m: re.Match[str]) -> str:
        return ctx.ids(m.group(0)[:12])

    text = _HEX64.sub(long, text)
    text = _HEX12.sub(lambda m: ctx.ids(m.group(0)), text)
    # swarm IDs (25 characters of [0-9a-z]); a table's first column shows their first 12
    text = _SWARM_ID.sub(lambda m: ctx.ids(m.group(0)[:12]) if _mixed(m.group(0))
                         else m.group(0), text)
    if not _LISTINGS.search(command):
        return text
    return _SWARM_SHORT.sub(lambda m: ctx.ids(m.group(0)), text)


_MAC = re.compile(r"\b(?:[0-9a-f]{2}:){5}[0-9a-f]{2}\b", re.IGNORECASE)
_LINK_LOCAL = re.compile(r"\bfe80::[0-9a-f:]+(?=/|\b)", re.IGNORECASE)


#: the first line of an interface in ip addr/link (``3: docker0: <…``, ``5: vethab@if4: <…``)
#: and ifconfig (``docker0   Link encap:…``, ``docker0: flags=…``); its other lines are indented
_IFACE_HEAD = re.compile(r"^(?:\d+: )?([^\s:@]+)(?:@\S+)?(?::\s| +Link encap:)")
_ENDPOINT_IFNAME = re.compile(r"eth\d+")


def _eui64_mac(address: str) -> str | None:
    """The MAC an EUI-64 IPv6 address was made from (U/L bit flipped back, ff:fe dropped)."""
    try:
        b = ipaddress.IPv6Address(address).packed
    except ValueError:
        return None
    if b[11:13] != b"\xff\xfe":
        return None
    return ":".join(f"{x:02x}" for x in (b[8] ^ 2, b[9], b[10], b[13], b[14], b[15]))


def _macs(text: str, command: str, ctx: Context) -> str:
    if ctx.random_macs:
        def mac(m: re.Match[str]) -> str:
            v = m.group(0).lower()
            if v in ("ff:ff:ff:ff:ff:ff", "00:00:00:00:00:00"):
                return m.group(0)
            return ctx.macs(v)

        text = _MAC.sub(mac, text)
        return _LINK_LOCAL.sub(lambda m: ctx.link_locals(m.group(0)), text)
    return _random_macs_only(text, ctx)


def _random_macs_only(text: str, ctx: Context) -> str:
    """Engines before 28.0 derive an endpoint's MAC from its IPv4 address (02:42 and the
    address: compared as printed). A MAC without Docker's 02:42 is the kernel's random one (a
    veth's host end, the lab's NICs), and in an interface listing one of an interface that is no
    container endpoint (ethN) is random too: a bridge's (GenerateRandomMAC: 02:42 and 4 random
    bytes). Link-local addresses go with the MAC they are made from."""
    listed = False  # the line belongs to a listed interface that is no endpoint

    def random(v: str) -> bool:
        return v not in ("ff:ff:ff:ff:ff:ff", "00:00:00:00:00:00") and (
            listed or not v.startswith("02:42:"))

    def mac(m: re.Match[str]) -> str:
        v = m.group(0).lower()
        return ctx.macs(v) if random(v) else m.group(0)

    def link_local(m: re.Match[str]) -> str:
        made_from = _eui64_mac(m.group(0))
        return (ctx.link_locals(m.group(0)) if made_from is not None and random(made_from)
                else m.group(0))

    lines = text.split("\n")
    iface: str | None = None
    for i, line in enumerate(lines):
        head = _IFACE_HEAD.match(line)
        if head is not None:
            iface = head.group(1)
        elif not line.startswith((" ", "\t")):
            iface = None
        listed = iface is not None and not _ENDPOINT_IFNAME.fullmatch(iface)
        lines[i] = _LINK_LOCAL.sub(link_local, _MAC.sub(mac, line))
    return "\n".join(lines)


_RFC3339 = re.compile(r"\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)")
_GO_TIME = re.compile(r"\b\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)? [+-]\d{4} \w+")
_AGO = re.compile(r"\b(?:Less than a second|About a minute|About an hour|\d+ (?:seconds?|minutes?|"
                  r"hours?|days?|weeks?|months?|years?))(?= ago\b)|"
                  r"(?<=Up )(?:Less than a second|About a minute|About an hour|\d+ (?:seconds?|"
                  r"minutes?|hours?|days?|weeks?|months?|years?))|"
                  r"(?<=Exited \(\d\) )(?:Less than a second|About a minute|\d+ (?:seconds?|"
                  r"minutes?|hours?)) ago")


_GAP = re.compile(r" {2,}")


def _clock(text: str, command: str, ctx: Context) -> str:
    text = _RFC3339.sub("<TIME>", text)
    text = _GO_TIME.sub("<TIME>", text)
    aged = _AGO.sub("<AGE>", text)
    if aged != text:
        # a table with ages (docker ps): its columns are as wide as the widest age's text,
        # so the gaps between cells are compared as gaps, not as widths
        aged = _GAP.sub("   ", aged)
    return aged


_IFCONFIG_COUNTS = re.compile(r"^(\s+[RT]X packets:)\d+", re.MULTILINE)
_IFCONFIG_BYTES = re.compile(r"RX bytes:\d+ \([^)]*\)  TX bytes:\d+ \([^)]*\)")
_NET_TOOLS_COUNTS = re.compile(r"^(\s+[RT]X packets )\d+  bytes \d+ \([^)]*\)", re.MULTILINE)


def _counters(text: str, command: str, ctx: Context) -> str:
    text = _IFCONFIG_COUNTS.sub(r"\1<N>", text)
    text = _IFCONFIG_BYTES.sub("RX bytes:<N>  TX bytes:<N>", text)
    return _NET_TOOLS_COUNTS.sub(r"\1<N>  bytes <N>", text)


_PID = re.compile(r'("Pid": )[1-9]\d*')


def _pids(text: str, command: str, ctx: Context) -> str:
    return _PID.sub(r"\1<PID>", text)


_TENTATIVE = re.compile(r"(?<= scope link) tentative(?= )")


def _dad(text: str, command: str, ctx: Context) -> str:
    return _TENTATIVE.sub("", text)


_PING_TIME = re.compile(r"\btime[=<][0-9.]+ ?ms\b")
_PING_TOTAL = re.compile(r"(?<=, time )\d+ms\b")
_PING_RTT = re.compile(r"^(rtt|round-trip) (min/avg/max(?:/mdev)?) = [0-9./]+ ms$", re.MULTILINE)
_DIG_META = re.compile(r"^;; (Query time: \d+ msec|WHEN: .*)$", re.MULTILINE)
_DIG_QID = re.compile(r"(?<=status: )(\w+), id: \d+")


def _timings(text: str, command: str, ctx: Context) -> str:
    text = _PING_TIME.sub("time=<T> ms", text)
    text = _PING_TOTAL.sub("<T>ms", text)
    text = _PING_RTT.sub(r"\1 \2 = <T> ms", text)
    text = _DIG_META.sub(lambda m: ";; " + m.group(1).split(":")[0] + ": <T>", text)
    return _DIG_QID.sub(r"\1, id: <QID>", text)


_METER_ROW = re.compile(
    r"^(\s*\d+\s+\S+\s+\d+\s+\S+\s+\d+\s+\S+)\s+\S+\s+\S+\s+\S+\s+\S+\s+\S+\s+\S+$")
_CURL_AFTER = re.compile(r"\bafter \d+ (ms|milliseconds)\b")
_CURL_PORT = re.compile(r"(\bfrom \S+ port )\d+")
_CURL_OPTIONAL = re.compile(
    r"^\* (Request completely sent off|we are done reading and this is set to close, stop "
    r"send|abort upload)\n", re.MULTILINE)
_HTTP_DATES = re.compile(r"^([<\s]*)(Date|Last-Modified|ETag): .*$", re.MULTILINE | re.IGNORECASE)


def _http(text: str, command: str, ctx: Context) -> str:
    text = _HTTP_DATES.sub(lambda m: f"{m.group(1)}{m.group(2)}: <{m.group(2).upper()}>", text)
    if "curl" not in command:
        return text
    text = _CURL_AFTER.sub(r"after <T> \1", text)
    text = _CURL_PORT.sub(r"\1<PORT>", text)
    text = _CURL_OPTIONAL.sub("", text)
    if "% Total" not in text:
        return text
    lines = text.split("\n")
    out = []
    for line in lines:
        rows = line.split("\r")
        kept: list[str] = []
        for row in rows:
            m = _METER_ROW.match(row)
            norm = (m.group(1) + " <RATES>") if m else row
            if m and kept and kept[-1] == norm:
                continue  # a row repeated as the seconds tick
            kept.append(norm)
        out.append("\r".join(kept))
    return "\n".join(out)


_TOKEN = re.compile(r"\bSWMTKN-1-[0-9a-z]+-[0-9a-z]+\b")


def _tokens(text: str, command: str, ctx: Context) -> str:
    return _TOKEN.sub(lambda m: ctx.tokens(m.group(0)), text)


_VETH = re.compile(r"\bveth[0-9a-f]{7}\b")


def _veths(text: str, command: str, ctx: Context) -> str:
    return _VETH.sub(lambda m: ctx.veths(m.group(0)), text)


_DNS_TOOLS = re.compile(r"\b(dig|nslookup|host|getent)\b")


def _shuffle(text: str, command: str, ctx: Context) -> str:
    """Sort the runs of consecutive answer lines of a DNS tool (lines that name an address)."""
    if not _DNS_TOOLS.search(command):
        return text
    out: list[str] = []
    run: list[str] = []
    answer = re.compile(r"(\d+\.\d+\.\d+\.\d+|has address|Address: )")
    for line in text.split("\n"):
        if answer.search(line) and "#53" not in line and "Server:" not in line:
            run.append(line)
            continue
        out.extend(sorted(run))
        run = []
        out.append(line)
    out.extend(sorted(run))
    return "\n".join(out)


_ACTIVE = re.compile(r"(has active endpoints \()([^)]*)(\))")


def _endpoint_lists(text: str, command: str, ctx: Context) -> str:
    return _ACTIVE.sub(lambda m: m.group(1) + ", ".join(sorted(m.group(2).split(", ")))
                       + m.group(3), text)


_BIND_FOR = re.compile(r"\bBind for (?:0\.0\.0\.0|::):(\d+) failed")
_ENDPOINTS_LIST = re.compile(r"(cannot be connected to network endpoints: )([^\n]*?)"
                             r"(?=\.?\n|\.?\Z)")
_PORT_LISTING = re.compile(r"docker (?:container )?port \S+\s*\Z")
_LINK_LINE = re.compile(r"^\S+\t\S+ \S+ \S+$")


def _map_orders(text: str, command: str, ctx: Context) -> str:
    """More Go map orders: which binding of a port (0.0.0.0 or ::) a conflict names, the order
    of a container's legacy links in its /etc/hosts (one line per link), the networks 20.10
    lists when refusing several at create (sorted), and the order of the ports in ``docker port
    C`` where the CLI walks NetworkSettings.Ports (20.10: the lines are compared grouped by
    port, each port's bindings in the order printed)."""
    text = _BIND_FOR.sub(r"Bind for <ALL>:\1 failed", text)
    text = _ENDPOINTS_LIST.sub(lambda m: m.group(1) + ", ".join(sorted(m.group(2).split(", "))),
                               text)
    if ctx.port_map_order and _PORT_LISTING.match(command):
        lines = text.split("\n")
        body = sorted(lines[:-1], key=lambda ln: ln.split(" -> ", 1)[0])  # stable
        return "\n".join([*body, lines[-1]])
    if "/etc/hosts" not in command and "hosts" not in command:
        return text
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        if _LINK_LINE.match(lines[i]):
            j = i
            while j < len(lines) and _LINK_LINE.match(lines[j]):
                j += 1
            lines[i:j] = sorted(lines[i:j])
            i = j
        else:
            i += 1
    return "\n".join(lines)


_WAIT_CANCELED = re.compile(r'^time="[^"\n]*" level=error msg="error waiting for container: '
                            r'context canceled"\n', re.M)


def _wait_race(text: str, command: str, ctx: Context) -> str:
    """20.10's CLI logs a cancelled wait after ``docker run`` (EngineProfile.
    cli_run_logs_wait_canceled); with ``--rm`` its wait races the removal, and two recordings
    of one script disagreed on the line: there it is dropped on both sides."""
    if ctx.wait_race and "--rm" in command:
        return _WAIT_CANCELED.sub("", text)
    return text


def _nslookup_race(text: str, command: str, ctx: Context) -> str:
    if "nslookup" not in command or "\n\n" not in text:
        return text
    body = text.rstrip("\n")
    ending = text[len(body):]
    head, *blocks = body.split("\n\n")
    return "\n\n".join([head, *sorted(blocks)]) + ending


_COMPOSE = re.compile(r"\bdocker(?: |-)compose\b")
_PROGRESS = re.compile(r"^ (Network|Container|Volume|Image) (\S+)  ")


def _compose_progress(text: str, command: str, ctx: Context) -> str:
    """Each run of Compose progress lines, ordered by object (stable: an object's own lines
    keep their order)."""
    if not _COMPOSE.search(command) or (" Container " not in text and " Network " not in text):
        return text
    lines = text.split("\n")
    out: list[str] = []
    run: list[str] = []

    def flush() -> None:
        def key(line: str) -> tuple[str, str]:
            m = _PROGRESS.match(line)
            assert m is not None
            return m.group(1), m.group(2)

        out.extend(sorted(run, key=key))
        run.clear()

    for line in lines:
        if _PROGRESS.match(line):
            run.append(line)
            continue
        flush()
        out.append(line)
    flush()
    return "\n".join(out)


_BUILD = re.compile(r"^docker (?:image |buildx )?build\b")
_VERTEX_NO = re.compile(r"^#\d+ ", re.MULTILINE)
_VERTEX_TIME = re.compile(r"^(#· (?:.*? )?)DONE \d+\.\d+s$", re.MULTILINE)
_LAYERS_TIME = re.compile(r"^(#· exporting layers) \d+\.\d+s done$", re.MULTILINE)
_FROM_STATUS = re.compile(r"^(#· \[[^\]]*\] FROM [^\n]*\n)#· (?:CACHED|DONE <T>)$",
                          re.MULTILINE)
_CONTEXT_SIZE = re.compile(r"^(#· \[internal\] load build context\n#· transferring "
                           r"context: )\d+B done$", re.MULTILINE)


def _buildkit_progress(text: str, command: str, ctx: Context) -> str:
    """BuildKit's plain progress: vertices compared as a multiset of blocks, without their
    numbers and times, a FROM's status (CACHED or DONE) and the build context's transfer size
    left out."""
    if not _BUILD.match(command) or "#0 building with" not in text:
        return text
    text = _VERTEX_NO.sub("#· ", text)
    text = _VERTEX_TIME.sub(r"\1DONE <T>", text)
    text = _LAYERS_TIME.sub(r"\1 done", text)
    text = _FROM_STATUS.sub(r"\1#· <FROM-STATUS>", text)
    text = _CONTEXT_SIZE.sub(r"\1<N>B done", text)
    blocks = text.split("\n\n")
    head, tail = blocks[:1], blocks[1:]
    steps = [b for b in tail if b.startswith("#· ")]
    rest = [b for b in tail if not b.startswith("#· ")]
    return "\n\n".join(head + sorted(steps) + rest)


_MANIFEST_SIZE = re.compile(r"^(\S+: digest: \S+ size: )\d+$", re.MULTILINE)


def _manifest_size(text: str, command: str, ctx: Context) -> str:
    """The size of the manifest a ``docker push`` reports, compared as a number."""
    if " push " not in f" {command} ":
        return text
    return _MANIFEST_SIZE.sub(r"\1<N>", text)


def _compose_services(text: str, command: str, ctx: Context) -> str:
    if _COMPOSE.search(command) and ("--services" in command or "--images" in command):
        body = text.rstrip("\n")
        return "\n".join(sorted(body.split("\n"))) + text[len(body):]
    return text


_DOCKER_VOLUME = r"^docker (?:-H \S+ |--host[= ]\S+ )*volume "
_VOLUME_LS = re.compile(_DOCKER_VOLUME + r"(?:ls|list)\b")
_VOLUME_PRUNE = re.compile(_DOCKER_VOLUME + r"prune\b")
_VOLUME_TABLE = re.compile(r"""--format[= ]['"]?table\b""")
_IN_USE = re.compile(r"(volume is in use - \[)([^\]\n]*)(\])")
_NAMED_ID = re.compile(r"<ID[^>\s]*>")


def _volume_orders(text: str, command: str, ctx: Context) -> str:
    """Volume lists in an order that is random (applied after ``ids``, so an anonymous
    volume's 64 hex digits are already ``<IDn>``): the containers a volume in use names (the
    store's refs map), ``volume prune``'s names (its Find over a map), and the lines of ``volume
    ls`` that name an anonymous volume, whose random name sorts anywhere among the others."""
    text = _IN_USE.sub(lambda m: m.group(1) + ", ".join(sorted(m.group(2).split(", ")))
                       + m.group(3), text)
    if _VOLUME_PRUNE.search(command) and "Deleted Volumes:\n" in text:
        head, mark, rest = text.partition("Deleted Volumes:\n")
        names, sep, tail = rest.partition("\n\n")
        return head + mark + "\n".join(sorted(names.split("\n"))) + sep + tail
    if not _VOLUME_LS.search(command) or not _NAMED_ID.search(text):
        return text
    lines = text.split("\n")
    quiet = re.search(r"(?:^| )(?:-q|--quiet)\b", command) is not None
    table = ("--format" not in command and not quiet) or _VOLUME_TABLE.search(command)
    start = 1 if table else 0  # a table's header stays first
    return "\n".join([*lines[:start], *sorted(lines[start:-1]), lines[-1]])


#: every normalization, in the order applied; each names what is random or clock-bound
NORMALIZATIONS: tuple[Normalization, ...] = (
    Normalization("id-keyed-order", "JSON objects keyed by IDs (a network's Containers) list "
                  "their entries in the order of the random IDs (Go's encoder sorts map keys): "
                  "entries are compared in an order of their own content", _id_keyed_order),
    Normalization("endpoint-lists", "a network's 'has active endpoints (…)' error lists them "
                  "in map order, which Go randomizes", _endpoint_lists),
    Normalization("tokens", "swarm join tokens are random (swarmkit ca.GenerateJoinToken)",
                  _tokens),
    Normalization("ids", "container, network, image and swarm IDs are random "
                  "(moby pkg/stringid GenerateRandomID, swarmkit identity.NewID); the ID that "
                  "docker run/create --name N or network create N prints becomes <ID:N>, any "
                  "other <IDn> in order of first use, so reuse must match", _ids),
    Normalization("volume-orders", "an anonymous volume's name is random (volume/service/"
                  "service.go Create: stringid.GenerateRandomID), so where it sorts among "
                  "the names volume ls lists is too: those lines are compared as a multiset "
                  "when one names such a volume; volume prune lists what it removed, and a "
                  "volume in use the containers using it, in Go map order (volume/service/"
                  "store.go): compared sorted", _volume_orders),
    Normalization("random-macs", "engines from 28.0 give bridge and macvlan endpoints random "
                  "MACs (libnetwork netutils.GenerateRandomMAC); older ones derive an "
                  "endpoint's from its IPv4 address (02:42 and the address, compared as "
                  "printed) but give a bridge a random one (02:42 and 4 random bytes), and the "
                  "kernel picks those of a veth's host end and of the lab's NICs; the IPv6 "
                  "link-local addresses derive from them; each distinct random MAC becomes "
                  "<MACn>", _macs),
    Normalization("clock", "creation and start times, and the ages docker ps prints, are the "
                  "wall clock", _clock),
    Normalization("timings", "round-trip times (ping), query times, dates and query IDs (dig) "
                  "are measured or random", _timings),
    Normalization("http-timing", "HTTP Date headers are the wall clock, a served file's "
                  "Last-Modified and ETag the time the lab's image was built; curl's progress "
                  "meter shows measured speeds and repeats rows as seconds tick, its errors say "
                  "how many ms a connect took, -v names the ephemeral port and adds some lines "
                  "only when timing allows", _http),
    Normalization("dad", "a new IPv6 link-local address is 'tentative' until duplicate "
                  "address detection ends about a second later (Linux addrconf): whether ip "
                  "addr shows the flag depends on when it runs", _dad),
    Normalization("counters", "interface packet and byte counters (ifconfig) include the "
                  "kernel's own timed traffic (IPv6 router solicitations, DAD, MLD reports)",
                  _counters),
    Normalization("pids", "a running container's process ID (inspect State.Pid) is the "
                  "kernel's next free PID; 0 (not running) stays", _pids),
    Normalization("veth-names", "the host side of a veth pair has a random name "
                  "(libnetwork netutils.GenerateIfaceName)", _veths),
    Normalization("map-orders", "Go map orders Docker prints: which binding of a port "
                  "(0.0.0.0 or ::) a conflict names, the order of legacy links in "
                  "/etc/hosts (one line per link), of the networks 20.10 refuses at create "
                  "and of the ports in 20.10's docker port", _map_orders),
    Normalization("wait-race", "20.10's docker run --rm may or may not log 'error waiting for "
                  "container: context canceled' (its wait races the removal; cli/command/"
                  "container/run.go): the line is dropped", _wait_race),
    Normalization("nslookup-race", "BusyBox nslookup sends its A and AAAA queries at once and "
                  "prints each answer block as it arrives (networking/nslookup.c): the blocks "
                  "after the server's are compared as a multiset", _nslookup_race),
    Normalization("buildkit-progress", "BuildKit solves a build's vertices concurrently and "
                  "numbers them as they start (moby/buildkit solver/jobs.go), so their blocks "
                  "come in a different order on each run; it times each one (DONE 0.1s), marks "
                  "a base image CACHED when its snapshot is already unpacked (which depends on "
                  "the daemon's past, not on the build), and sends the build context as a diff "
                  "against its previous transfer: blocks are compared as a multiset, without "
                  "those numbers, times, the FROM's status and the context's transfer size",
                  _buildkit_progress),
    Normalization("manifest-size", "docker push reports the size of the manifest it wrote, "
                  "which holds the image config's and each compressed layer's byte size "
                  "(distribution manifest/schema2): their digits depend on bytes netsim does "
                  "not model (the same image is 526 bytes on 28.5, 527 on 20.10): the size is "
                  "compared as a number", _manifest_size),
    Normalization("compose-progress", "Docker Compose works on independent services, "
                  "containers and networks concurrently (pkg/compose/convergence.go, an "
                  "errgroup), so its progress lines interleave differently on each run: a run "
                  "of them is compared ordered by object, each object's own lines in order",
                  _compose_progress),
    Normalization("compose-services-order", "docker compose config/ps --services (and "
                  "config --images) lists services that do not depend on each other in Go's "
                  "random map order: the lines are compared as a multiset",
                  _compose_services),
    Normalization("shuffle", "the embedded DNS shuffles the addresses of a name on each query "
                  "(libnetwork resolver.go, rand.Shuffle): a DNS tool's answer lines are "
                  "compared as a multiset", _shuffle),
)


def normalize(text: str, command: str, ctx: Context,
              shuffled: Sequence[Sequence[tuple[str, Sequence[str]]]] = ()) -> str:
    """Both sides' text through every normalization (``shuffled``: the step's shuffled DNS
    answers, from netsim's replay, for the shuffle-choice normalization)."""
    text = _shuffle_choice(text, shuffled)
    for n in NORMALIZATIONS:
        text = n.apply(text, command, ctx)
    return text


def _shuffle_choice(text: str, groups: Sequence[Sequence[tuple[str, Sequence[str]]]]) -> str:
    """Which address of a shuffled answer a program uses (ping, wget, curl take the first) is
    random in Docker (resolver.go rand.Shuffle): every address of such an answer, and the names
    it reverses to, become one token, so any choice within the answer agrees and a choice
    outside it does not."""
    for k, group in enumerate(groups, 1):
        names = sorted({n for _, ns in group for n in ns}, key=len, reverse=True)
        for name in names:
            text = re.sub(rf"(?<![\w.-]){re.escape(name)}(?![\w-])", f"<ONE-OF-{k}-NAME>",
                          text)
        for addr, _ in group:
            text = re.sub(rf"(?<![\d.]){re.escape(addr)}(?![\d])", f"<ONE-OF-{k}>", text)
    return text


