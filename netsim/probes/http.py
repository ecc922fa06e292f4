"""HTTP clients: curl 8.14 and BusyBox's ``wget``, and what answers at the other end of a
connection.

Measured against the conformance lab (Docker Engine 28.5.2; curl 8.14.1 in netsim-lab/debian,
BusyBox 1.38 wget in netsim-lab/alpine; conformance/recorded/28.5/31-probes-wget-curl.json).
Transfers are printed as the lab prints an instant local one: curl's meter with the speeds of
1 ms (size × 1000 bytes/s), wget's bar at "0:00:00 ETA"; Date is the simulated clock. They print
what the server serves when netsim knows it (:attr:`netsim.images.ImageInfo.web`: nginx, httpd,
the lab's nginx stand-in; :func:`netsim.images.internet_site`), and a one-line netsim note
otherwise; of the files they save only the names are kept.
"""

from __future__ import annotations

import datetime as dt
import ipaddress
import posixpath
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from netsim.analysis.graph import INTERNET
from netsim.analysis.reach import Symptom, Trace
from netsim.images import (
    HTTP_DATE,
    HttpResponse,
    WebSite,
    container_image,
    internet_site,
    served_site,
)
from netsim.probes.busybox import busybox_usage
from netsim.probes.context import (
    MUSL_ERRNO,
    SCOPED_ACCEPTED,
    IPv4,
    IPv6,
    ProbeResult,
    Where,
    connect,
    jitter,
    needs_scope,
    not_simulated,
    prefer_ipv4,
    resolve_any,
    source_address,
)
from netsim.probes.registry import Need, Program, Tool, register
from netsim.state import EPOCH, ContainerState, State

__all__ = ["CURL", "TOOL", "WGET"]

#: curl (whichever the image's is); BusyBox has no curl applet
CURL = Need("curl", "curl", debian="curl", busybox=False)
#: BusyBox's wget (GNU wget's texts are not simulated); not in a Debian-like image
WGET = Need("wget", "wget", busybox=True)


def _split_url(url: str) -> tuple[str, int, str] | None:
    """A URL's host (an IPv6 literal without its brackets: ``http://[fd00:1::4]:8080/``),
    port and scheme; None when it has no host or a bad port."""
    scheme = url.partition("://")[0] if "://" in url else "http"
    hostport = _hostport(url)
    if not hostport:
        return None
    if hostport.startswith("["):
        inside, bracket, after = hostport[1:].partition("]")
        try:
            ipaddress.IPv6Address(inside)
        except ValueError:
            return None
        if not bracket or (after and not after.startswith(":")):
            return None
        host, sep, port = inside, after[:1], after[1:]
    else:
        host, sep, port = hostport.rpartition(":") if hostport.count(":") == 1 else (
            hostport, "", "")
    if not sep:
        host = host if hostport.startswith("[") else hostport
        port = "443" if scheme == "https" else "80"
    if not port.isdigit() or not 0 < int(port) < 65536:
        return None
    return host, int(port), scheme


def _hostport(url: str) -> str:
    """The host and port of a URL as typed (``[fd00:1::4]:8080``)."""
    return url.split("://", 1)[-1].split("/", 1)[0]


def _bracketed(host: str) -> str:
    """A host as a URL and an HTTP Host header write it: an IPv6 literal in brackets."""
    return f"[{host}]" if ":" in host else host


#: curl's version in the User-Agent of ``curl -v`` (Debian trixie's, as in the lab)
_CURL_VERSION = "8.14.1"
_CURL_METER_HEAD = (
    "  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n"
    "                                 Dload  Upload   Total   Spent    Left  Speed\n")


def _url_path(url: str) -> str:
    """The path of a URL as the client requests it ("/" when the URL has none)."""
    rest = url.split("://", 1)[-1]
    _, slash, path = rest.partition("/")
    return "/" + path if slash else "/"


def served_by(state: State, trace: Trace) -> tuple[ContainerState, int] | None:
    """The container a delivered TCP flow reached and its port (through a published port:
    the container's), when one of its processes listens there; None: not a container's."""
    from netsim.analysis.reach import topology_index

    hop, port = trace.deciding, trace.port
    if port is None:
        return None
    ix = topology_index(state)
    cport = port
    if hop.rule == "listen":
        sb = next((s for s in ix.sandboxes if s.node == hop.node), None)
        if sb is None:
            return None
        names = {c.name for c in sb.containers}
        if any(h.rule in ("publish", "publish.proxy") for h in trace.hops):
            cport = next((cp for _ip, c, cp in ix.hosts[sb.host].published.get((port, "tcp"), ())
                          if c.name in names), port)
        candidates: Sequence[ContainerState] = sb.containers
    elif hop.rule == "host.process":
        h = next((h for h in ix.hosts.values() if h.node == hop.node), None)
        if h is None:
            return None
        candidates = h.host_mode
    else:
        return None
    for c in candidates:
        if f"{cport}/tcp" in c.listening:
            return c, cport
    return None


def _http_site(w: Where, trace: Trace, path: str = "/") -> WebSite | None:
    """What answers HTTP at the end of a delivered TCP flow: the image's own web server
    (:func:`netsim.images.served_site`) or its registry API (:func:`registry_site`) in the
    container the flow reached (through a published port: on the container's port), netsim's
    internet, or None (netsim does not know)."""
    hop, port = trace.deciding, trace.port
    if port is None:
        return None
    if hop.rule == "internet" and hop.node == INTERNET:
        return internet_site(trace.address or trace.dst) if port == 80 else None
    found = served_by(w.state, trace)
    if found is None:
        return None
    c, cport = found
    info = container_image(w.state, c)
    if info is not None and info.registry_api:
        return registry_site(w.state.registries.get(c.id, {}), path, port=cport)
    return served_site(info, c.spec.Config.Cmd, entrypoint=c.spec.Config.Entrypoint, port=cport)


def registry_site(repos: Mapping[str, Sequence[str]], path: str, *, port: int) -> WebSite:
    """The Docker Registry HTTP API v2 of a registry holding ``repos`` (repository → tags), as
    its answer to ``path``: ``/v2/`` ``{}``, ``/v2/_catalog`` the repositories (sorted),
    ``/v2/NAME/tags/list`` a repository's tags (distribution registry/handlers: api.go,
    catalog.go, tags.go; bodies measured: conformance/recorded/*/88, 89; headers as the
    handlers set them, not recorded)."""
    path = path.split("?", 1)[0].split("#", 1)[0]
    json_type = ("Content-Type", "application/json; charset=utf-8")
    head = (("Docker-Distribution-Api-Version", "registry/2.0"),
            ("X-Content-Type-Options", "nosniff"))

    def answer(status: str, body: str, kind: tuple[str, str] = json_type) -> WebSite:
        r = HttpResponse(status=status, headers=(kind, *head, ("Date", HTTP_DATE),
                                                 ("Content-Length", str(len(body)))),
                         body=body)
        return WebSite(port=port, index=r, index_paths=(path,))

    if path == "/v2/":
        return answer("HTTP/1.1 200 OK", "{}")
    if path == "/v2/_catalog":
        listed = ",".join(f'"{r}"' for r in sorted(repos))
        return answer("HTTP/1.1 200 OK", f'{{"repositories":[{listed}]}}\n')
    if path.startswith("/v2/") and path.endswith("/tags/list"):
        name = path[len("/v2/"):-len("/tags/list")]
        if name in repos:
            tags = ",".join(f'"{t}"' for t in repos[name])
            return answer("HTTP/1.1 200 OK", f'{{"name":"{name}","tags":[{tags}]}}\n')
        return answer("HTTP/1.1 404 Not Found",
                      '{"errors":[{"code":"NAME_UNKNOWN","message":"repository name not known '
                      f'to registry","detail":{{"name":"{name}"}}}}]}}\n')
    return answer("HTTP/1.1 404 Not Found", "404 page not found\n",
                  ("Content-Type", "text/plain; charset=utf-8"))


def _http_date(w: Where) -> str:
    """An HTTP date (RFC 9110 IMF-fixdate) of the simulated clock."""
    t = EPOCH + dt.timedelta(seconds=w.state.clock)
    return t.strftime("%a, %d %b %Y %H:%M:%S GMT")


def _http_head_lines(w: Where, r: HttpResponse) -> list[str]:
    """The status line and the header lines of a response, as sent."""
    date = _http_date(w)
    return [r.status, *(f"{k}: {date if v == HTTP_DATE else v}" for k, v in r.headers)]


def _arp_ms(w: Where, name: str) -> int:
    """When a connect to an address nobody answers ARP for fails (the kernel's 3 probes)."""
    return 3060 + jitter(w, "arp", name) % 40


def _max5(n: int) -> str:
    """curl lib/progress.c max5data: a size or speed in at most 5 characters."""
    if n < 100000:
        return f"{n:5d}"
    if n < 10000 * 1024:
        return f"{n // 1024:4d}k"
    if n < 100 * 1024 * 1024:
        return f"{n // 1048576:2d}.{n % 1048576 // 104857}M"
    return f"{n // 1048576:4d}M"


def _curl_time(seconds: int) -> str:
    """curl's time2str: --:--:-- for nothing yet."""
    if seconds <= 0:
        return "--:--:--"
    return f"{seconds // 3600:2d}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"


def _meter_line(total_pct: int = 0, total: int = 0, dl_pct: int = 0, dl: int = 0,
                speed: int = 0, spent: int = 0) -> str:
    """One update of curl's progress meter (lib/progress.c progress_meter), with its \\r."""
    return (f"\r{total_pct:3d} {_max5(total)}  {dl_pct:3d} {_max5(dl)}  {0:3d} {_max5(0)}  "
            f"{_max5(speed)}  {_max5(0)} --:--:-- {_curl_time(spent)} --:--:-- {_max5(speed)}")


def _meter_wait(ms: int) -> str:
    """The meter's updates while a connect goes nowhere for ``ms``: one a second, and the last
    one when curl gives up (as the lab prints them: -m 2 gives 0:00:01, 0:00:02)."""
    ticks = [s for s in range(1, ms // 1000 + 1) if s * 1000 + 10 < ms]
    return "".join(_meter_line(spent=s) for s in ticks) + _meter_line(spent=ms // 1000) + "\n"


@dataclass
class _CurlArgs:
    url: str | None = None
    silent: bool = False
    show_error: bool = False
    head: bool = False
    include: bool = False
    verbose: bool = False
    fail: bool = False
    output: str | None = None
    timeout: str | None = None
    write_out: str | None = None
    method: str | None = None
    #: -4/--ipv4, -6/--ipv6: resolve names to that family only (CURLOPT_IPRESOLVE)
    family: int | None = None


#: curl's options that take a value (short letters and long names)
_CURL_VALUE_SHORT = frozenset("AbcCdeEFHKmorTuwxXYyzQt")
_CURL_VALUE_LONG = frozenset({
    "--max-time", "--connect-timeout", "--output", "--header", "--request", "--data",
    "--data-raw", "--data-binary", "--data-urlencode", "--user", "--user-agent", "--write-out",
    "--referer", "--resolve", "--connect-to", "--proxy", "--retry", "--retry-delay",
    "--retry-max-time", "--cacert", "--cert", "--key", "--cookie", "--cookie-jar", "--form",
    "--range", "--upload-file", "--interface", "--dns-servers", "--limit-rate",
    "--max-filesize", "--noproxy", "--unix-socket", "--url", "--config", "--max-redirs"})
_CURL_FLAGS = {"s": "silent", "--silent": "silent", "S": "show_error",
               "--show-error": "show_error", "I": "head", "--head": "head", "i": "include",
               "--include": "include", "v": "verbose", "--verbose": "verbose", "f": "fail",
               "--fail": "fail"}


def _curl_value(o: _CurlArgs, opt: str, value: str) -> None:
    if opt in ("-m", "--max-time", "--connect-timeout"):
        o.timeout = value
    elif opt in ("-o", "--output"):
        o.output = value
    elif opt in ("-w", "--write-out"):
        o.write_out = value
    elif opt in ("-X", "--request"):
        o.method = value
    elif opt == "--url":
        o.url = value


def _curl_args(args: list[str]) -> _CurlArgs:
    o = _CurlArgs()
    i = 0
    while i < len(args):
        a = args[i]
        i += 1
        if a.startswith("--"):
            if a in _CURL_VALUE_LONG:
                _curl_value(o, a, args[i] if i < len(args) else "")
                i += 1
            elif a in _CURL_FLAGS:
                setattr(o, _CURL_FLAGS[a], True)
            elif a in ("--ipv4", "--ipv6"):
                o.family = int(a[-1])
        elif a.startswith("-") and len(a) > 1:
            for j, ch in enumerate(a[1:], 2):
                if ch in "46":
                    o.family = int(ch)
                    continue
                if ch in _CURL_VALUE_SHORT:  # the rest of the word, or the next word
                    if j < len(a):
                        _curl_value(o, "-" + ch, a[j:])
                    else:
                        _curl_value(o, "-" + ch, args[i] if i < len(args) else "")
                        i += 1
                    break
                if ch in _CURL_FLAGS:
                    setattr(o, _CURL_FLAGS[ch], True)
        elif o.url is None:
            o.url = a
    return o


def _curl_write_out(o: _CurlArgs, values: Mapping[str, str]) -> tuple[str, str]:
    """``-w FORMAT``: its text (stdout) and curl's warnings (stderr) for unknown variables."""
    if o.write_out is None:
        return "", ""
    out: list[str] = []
    err = ""
    fmt = o.write_out
    i = 0
    escapes = {"n": "\n", "r": "\r", "t": "\t", "\\": "\\"}
    while i < len(fmt):
        if fmt.startswith("%{", i) and "}" in fmt[i:]:
            end = fmt.index("}", i)
            var = fmt[i + 2:end]
            if var in values:
                out.append(values[var])
            else:
                err += f"curl: unknown --write-out variable: '{var}'\n"
            i = end + 1
        elif fmt.startswith("%%", i):
            out.append("%")
            i += 2
        elif fmt[i] == "\\" and i + 1 < len(fmt) and fmt[i + 1] in escapes:
            out.append(escapes[fmt[i + 1]])
            i += 2
        else:
            out.append(fmt[i])
            i += 1
    return "".join(out), err


def _curl(w: Where, args: list[str]) -> ProbeResult:
    """curl 8 (http): the body on stdout (or in ``-o FILE``), headers with ``-i``/``-I``, and,
    stdout not being a terminal under ``docker exec``, the progress meter on stderr unless
    ``-s``; ``-S``, ``-v``, ``-f``, ``-m N``, ``-w FORMAT``."""
    o = _curl_args(args)
    if o.url is None:
        return ProbeResult("", "curl: try 'curl --help' or 'curl --manual' for more "
                               "information\n", 2)
    parts = _split_url(o.url)
    if parts is None:
        return ProbeResult("", "curl: (3) URL rejected: Bad hostname\n", 3)
    name, port, scheme = parts
    if needs_scope(name):
        return not_simulated(f"curl {o.url}", SCOPED_ACCEPTED)
    err_on = not o.silent or o.show_error
    meter = "" if o.silent else _CURL_METER_HEAD + _meter_line()
    values = {"http_code": "000", "response_code": "000", "remote_ip": "", "remote_port": "",
              "size_download": "0", "url_effective": o.url if "/" in o.url.split("://")[-1]
              else o.url + "/"}

    def failed(code: int, line: str, trace: Trace | None, progress: str = "",
               verbose: str = "") -> ProbeResult:
        values["exitcode"] = str(code)
        out, warn = _curl_write_out(o, values)
        text = meter + verbose + progress + (line + "\n" if err_on else "")
        return ProbeResult(out, text + warn, code, trace)

    look = resolve_any(w, name, o.family)
    if not look.ok:
        return failed(6, f"curl: (6) Could not resolve host: {name}", None)
    attempts = _eyeballs(w, look.addresses, port)
    ip, trace = attempts[-1]
    s = trace.symptom
    timeout_ms = int(float(o.timeout) * 1000) if o.timeout is not None and \
        _is_number(o.timeout) else None
    is_ip = look.source == "literal"
    v6 = ", ".join(str(a) for a in look.addresses if a.version == 6) or "(none)"
    v4 = ", ".join(str(a) for a in look.addresses if a.version == 4) or "(none)"
    resolved = "" if is_ip else (f"* Host {name}:{port} was resolved.\n* IPv6: {v6}\n"
                                 f"* IPv4: {v4}\n")
    trying = "".join(_curl_trying(w, a, port, t, name, t is not trace) for a, t in attempts)
    host_header = _bracketed(name) if port == 80 else f"{_bracketed(name)}:{port}"
    if s is Symptom.RESET:
        # docker-proxy accepted the connection and reset it, the request unread (measured:
        # conformance/recorded/*/15-ports:33, exit 56)
        values.update(remote_ip=str(ip), remote_port=str(port))
        verbose = ""
        if o.verbose:
            verb = "HEAD" if o.head or (o.method or "").upper() == "HEAD" else "GET"
            verbose = (resolved + trying + f"* Connected to {name} ({ip}) port {port}\n"
                       f"* using HTTP/1.x\n> {verb} {_url_path(o.url)} HTTP/1.1\r\n"
                       f"> Host: {host_header}\r\n> User-Agent: curl/{_CURL_VERSION}\r\n"
                       "> Accept: */*\r\n> \r\n* Request completely sent off\n"
                       "* Recv failure: Connection reset by peer\n")
        progress = _meter_wait(0) if meter else ""
        if verbose:
            progress += "* closing connection #0\n"
        return failed(56, "curl: (56) Recv failure: Connection reset by peer", trace,
                      progress, verbose)
    if s is not Symptom.OK:
        where = f"Failed to connect to {name} port {port}"
        arp = _arp_ms(w, name)
        if timeout_ms is not None and (s is Symptom.TIMEOUT or (
                s is Symptom.HOST_UNREACHABLE and timeout_ms < arp)):
            ms = timeout_ms + 2
            return failed(28, f"curl: (28) Connection timed out after {ms} milliseconds",
                          trace, _meter_wait(ms) if meter else "")
        if s is Symptom.TIMEOUT:
            ms = 133000 + jitter(w, "curl", name, port)
            return failed(28, f"curl: (28) {where} after {ms} ms: Could not connect to server",
                          trace, _meter_wait(ms) if meter else "")
        ms = arp if s is Symptom.HOST_UNREACHABLE else 0
        verbose = ""
        if o.verbose and s is Symptom.REFUSED:
            verbose = (resolved + trying + _curl_refused(w, ip, port, name)
                       + f"* {where} after {ms} ms: Could not connect to server\n")
        progress = _meter_wait(ms) if meter else ""
        if verbose:
            progress += "* closing connection #0\n"
        return failed(7, f"curl: (7) {where} after {ms} ms: Could not connect to server",
                      trace, progress, verbose)
    site = _http_site(w, trace, _url_path(o.url)) if scheme == "http" else None
    if site is None:
        what = "HTTP" if scheme == "http" else scheme.upper()
        return ProbeResult("", f"netsim: curl connected to {_bracketed(str(ip))}:{port}; the "
                               f"{what} exchange is not simulated\n", 0, trace)
    method: Literal["GET", "HEAD"] = "HEAD" if o.head or (o.method or "").upper() == "HEAD" \
        else "GET"
    path = _url_path(o.url)
    r = site.response(method, path)
    head_lines = _http_head_lines(w, r)
    head_text = "".join(line + "\r\n" for line in head_lines) + "\r\n"
    length = r.header("Content-Length")
    size = len(r.body.encode())
    values.update(http_code=str(r.code), response_code=str(r.code), remote_ip=str(ip),
                  remote_port=str(port), size_download=str(size))
    verbose = ""
    if o.verbose:
        verbose = (resolved + trying + f"* Connected to {name} ({ip}) port {port}\n"
                   f"* using HTTP/1.x\n> {method} {path} HTTP/1.1\r\n> Host: {host_header}\r\n"
                   f"> User-Agent: curl/{_CURL_VERSION}\r\n> Accept: */*\r\n> \r\n")
        if method == "GET" and length is not None:
            verbose += "* Request completely sent off\n"
        if r.version == "HTTP/1.0":
            verbose += "* HTTP 1.0, assume close after body\n"
        verbose += "".join(f"< {line}\r\n" for line in head_lines) + "< \r\n"
        if method == "HEAD":
            verbose += (f"{{ [{length or 0} bytes data]\n* we are done reading and this is set "
                        "to close, stop send\n* abort upload\n")
        elif length is None:
            verbose += f"{{ [{size} bytes data]\n* abort upload\n{{ [0 bytes data]\n"
        else:
            verbose += f"{{ [{size} bytes data]\n"
    end = ("* shutting down connection #0\n" if r.closes
           else f"* Connection #0 to host {name} left intact\n") if o.verbose else ""
    if o.fail and r.code >= 400:
        progress = _meter_line() + "\n" if meter else ""
        return failed(22, f"curl: (22) The requested URL returned error: {r.code}", trace,
                      progress, verbose)
    values["exitcode"] = "0"
    if method == "HEAD":
        text = head_text
        progress = _meter_line(total=int(length or 0)) + "\n"
    else:
        text = (head_text if o.include else "") + r.body
        progress = _meter_line(100, size, 100 if length is not None else 0, size,
                               size * 1000) + "\n"
    out, warn = _curl_write_out(o, values)
    stdout = ("" if o.output is not None else text) + out
    stderr = (meter + verbose + progress if meter else verbose) + end + warn
    return ProbeResult(stdout, stderr, 0, trace)


def _eyeballs(w: Where, addrs: Sequence[IPv4 | IPv6],
              port: int) -> list[tuple[IPv4 | IPv6, Trace]]:
    """The connections curl tries, the one that decides last.

    Happy eyeballs (curl lib/connect.c, cf_he_connect: RFC 8305): the addresses of the
    first address's family in order, the other family's started 200 ms later or as soon as
    the first family has failed; the first connection made wins (measured:
    78-ipv6-dual-stack ``curl http://w6/`` connects to fd00:1::4). When none is made, a
    connection that goes nowhere (dropped, or waiting for ARP/neighbour discovery) outlasts
    the refused ones and decides (measured: 80-ipv6-ports-isolation, ICC off: IPv6 refused,
    IPv4 dropped, curl times out)."""
    first = addrs[0].version
    order = [a for a in addrs if a.version == first] + [a for a in addrs if a.version != first]
    tried: list[tuple[IPv4 | IPv6, Trace]] = []
    for a in order:
        tried.append((a, connect(w, a, port)))
        if tried[-1][1].symptom in (Symptom.OK, Symptom.RESET):
            return tried
    slow = [k for k, (_a, t) in enumerate(tried)
            if t.symptom in (Symptom.TIMEOUT, Symptom.HOST_UNREACHABLE)]
    if slow:
        tried.append(tried.pop(slow[0]))
    return tried


def _curl_trying(w: Where, ip: IPv4 | IPv6, port: int, trace: Trace, name: str,
                 failed: bool) -> str:
    """``-v``'s line for one connection curl starts (an IPv6 address in brackets), and its
    failure when it failed before the one that decides."""
    line = f"*   Trying {_bracketed(str(ip))}:{port}...\n"
    if failed and trace.symptom is Symptom.REFUSED:
        line += _curl_refused(w, ip, port, name)
    return line


def _curl_refused(w: Where, ip: IPv4 | IPv6, port: int, name: str) -> str:
    """``-v``'s line for a refused connection: the source address and an ephemeral port."""
    eport = 32768 + jitter(w, "eport", name, port) * 28
    return (f"* connect to {ip} port {port} from {source_address(w, ip)} port {eport} failed: "
            "Connection refused\n")


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _wget_bar(name: str, size: int) -> str:
    """BusyBox's progress bar when stderr is not a terminal (libbb/progress.c: the name in 20
    columns, 32 stars), finished at once: "0:00:00 ETA" as the lab prints a local transfer."""
    unit = 0
    while size >= 100000:
        unit += 1
        size >>= 10
    return f"{name:<20.20}{100:4d}% |{'*' * 32}|{size:6d}{' kMGTPEZY'[unit]} 0:00:00 ETA\n"


def _wget_args(args: list[str]) -> tuple[dict[str, str | bool], list[str]]:
    """BusyBox wget's options (getopt32: bundled letters, a value glued or the next word)."""
    opts: dict[str, str | bool] = {}
    urls: list[str] = []
    takes = set("OoTUPY")
    i = 0
    while i < len(args):
        a = args[i]
        i += 1
        if a.startswith("--"):
            key, eq, value = a.partition("=")
            if key in ("--output-document", "--timeout", "--user-agent", "--header",
                       "--directory-prefix", "--output-file") and not eq:
                value = args[i] if i < len(args) else ""
                i += 1
            long = {"--output-document": "O", "--timeout": "T", "--quiet": "q",
                    "--server-response": "S", "--spider": "spider"}
            opts[long.get(key, key)] = value if key in long and long[key] in ("O", "T") \
                else True
        elif a.startswith("-") and a != "-":
            for j, ch in enumerate(a[1:], 2):
                if ch in takes:
                    if j < len(a):
                        opts[ch] = a[j:]
                    else:
                        opts[ch] = args[i] if i < len(args) else ""
                        i += 1
                    break
                opts[ch] = True
        else:
            urls.append(a)
    return opts, urls


def _wget(w: Where, args: list[str]) -> ProbeResult:
    """BusyBox wget: "Connecting to …", ``-S`` headers, "saving to 'index.html'" and the bar on
    stderr (``-q``: none of them), the body in the file or on stdout (``-O-``); ``--spider``;
    ``-T N``; ``server returned error`` for a status other than 2xx. A file an earlier wget
    saved stays (:attr:`Where.files`, relative names taken from ``/``): without ``-O`` a
    second download into it fails (wget.c opens it O_EXCL; ``-O FILE`` may overwrite)."""
    opts, urls = _wget_args(args)
    quiet = bool(opts.get("q"))
    unknown = next((k for k in opts if len(k) == 1 and k not in "cqSOoTUPY"), None)
    if unknown is not None:  # musl getopt's complaint, then the usage (measured)
        return busybox_usage(w, "wget", f"unrecognized option: {unknown}")
    if not urls:
        return busybox_usage(w, "wget")
    url = urls[0]
    parts = _split_url(url)
    if parts is None:
        return ProbeResult("", f"wget: bad address '{url}'\n", 1)
    name, port, scheme = parts
    if needs_scope(name):
        return not_simulated(f"wget {url}", SCOPED_ACCEPTED)
    look = resolve_any(w, name)
    if not look.ok:
        return ProbeResult("", f"wget: bad address '{name}'\n", 1)
    ip = prefer_ipv4(look)  # xhost2sockaddr: AF_UNSPEC, an IPv4 address when there is one
    trace = connect(w, ip, port)
    # wget.c: the URL's host[:port] as typed, and xmalloc_sockaddr2dotted ([v6]:port)
    hostport = _hostport(url)
    shown = (hostport if hostport.startswith("[") else name if ":" not in hostport
             else f"{name}:{port}")
    head = "" if quiet else f"Connecting to {shown} ({_bracketed(str(ip))}:{port})\n"
    timeout = opts.get("T")
    timeout_s = float(timeout) if isinstance(timeout, str) and _is_number(timeout) else None
    s = trace.symptom
    if s is Symptom.RESET:  # connected; the reply is a reset (BusyBox wget.c, bb_perror_msg)
        return ProbeResult("", head + "wget: error getting response: Connection reset by "
                                      "peer\n", 1, trace)
    if s is not Symptom.OK:
        if timeout_s is not None and (s is Symptom.TIMEOUT or (
                s is Symptom.HOST_UNREACHABLE and timeout_s * 1000 < _arp_ms(w, name))):
            return ProbeResult("", head + "wget: download timed out\n", 1, trace)
        return ProbeResult("", head + f"wget: can't connect to remote host ({ip}): "
                                      f"{MUSL_ERRNO[s]}\n", 1, trace)
    site = _http_site(w, trace, _url_path(url)) if scheme == "http" else None
    if site is None:
        what = "HTTP" if scheme == "http" else scheme.upper()
        return ProbeResult("", head + f"netsim: wget connected to {_bracketed(str(ip))}:{port};"
                                      f" the {what} exchange is not simulated\n", 0, trace)
    path = _url_path(url)
    r = site.response("GET", path)
    lines = _http_head_lines(w, r)
    ok = 200 <= r.code < 300
    if opts.get("S"):
        head += "".join(f"  {line}\n" for line in (lines if ok else lines[:1]))
        head += "  \n" if ok else ""
    if not ok:
        return ProbeResult("", head + f"wget: server returned error: {r.status}\n", 1, trace)
    if opts.get("spider"):
        return ProbeResult("", head + ("" if quiet else "remote file exists\n"), 0, trace)
    target = opts.get("O")
    if not isinstance(target, str):
        target = path.split("?", 1)[0].rsplit("/", 1)[-1] or "index.html"
    size = len(r.body.encode())
    if target == "-":
        tail = "" if quiet else "writing to stdout\n" + _wget_bar("-", size) + \
            "written to stdout\n"
        return ProbeResult(r.body, head + tail, 0, trace)
    written = posixpath.normpath(posixpath.join("/", target))
    if not isinstance(opts.get("O"), str) and written in w.files:
        return ProbeResult("", head + f"wget: can't open '{target}': File exists\n", 1, trace)
    tail = "" if quiet else (f"saving to '{target}'\n" + _wget_bar(target.rsplit("/", 1)[-1],
                                                                   size) + f"'{target}' saved\n")
    return ProbeResult("", head + tail, 0, trace, written=(written,))


TOOL = register(Tool("http", (Program("curl", _curl, CURL), Program("wget", _wget, WGET))))
