"""curl and wget talking to the web servers netsim knows (netsim.images: WebSite, served_site,
internet_site), pinned to what the conformance lab printed: Docker Engine 28.5.2 on 2026-12-04,
netsim-lab/debian's curl 8.14.1, netsim-lab/alpine's BusyBox 1.38 wget, netsim-lab/nginx
(BusyBox httpd serving conformance/lab/images/nginx-index.html) and the lab's internet
(conformance/lab/bin/inetweb.py), recorded twice (lab.sh run --fresh).

What varies between two lab runs is left out of the pins, each test says where: the ``Date``
header (the lab's wall clock; netsim prints its simulated clock, checked on its own), curl's
two speed columns (netsim prints the speeds of a 1 ms transfer, ``178k`` for 183 bytes, a value
the lab printed), the ``after N ms`` of a refused connect (0-10 ms on the lab, 0 in netsim) and
the ephemeral port of ``curl -v``'s failed connect.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from pathlib import Path

import pytest

from netsim.api import Host, Lan
from netsim.images import HTTP_DATE, internet_site, lookup, served_site
from netsim.lab import Step, run_script
from netsim.probes import probe
from netsim.state import EPOCH

ROOT = Path(__file__).resolve().parent.parent

#: the lab's topology, as netsim.conformance replays a recording on it
HOSTS = [Host(name=n, address=a, dns=("192.168.0.1",), nic="veth", nic_peer=4 + i)
         for i, (n, a) in enumerate((("server1", "192.168.0.100"), ("server2", "192.168.0.101")))]
LAN = Lan(subnet="192.168.0.0/24", gateway="192.168.0.1")

SETUP = """\
docker network create net1
docker run -d --name web --network net1 netsim-lab/nginx
docker run -d --name a1 --network net1 netsim-lab/alpine sleep 1000
docker run -d --name d1 --network net1 netsim-lab/debian sleep 1000
docker run -d --name pub -p 8080:80 netsim-lab/nginx
"""

#: the lab's nginx stand-in page (183 bytes) and BusyBox httpd's 404 page (124 bytes)
PAGE = ("<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!</title>\n</head>\n<body>\n"
        "<h1>Welcome to nginx!</h1>\n"
        "<p>netsim-lab stand-in: this is BusyBox httpd, not nginx.</p>\n</body>\n</html>\n")
NOT_FOUND = ("<HTML><HEAD><TITLE>404 Not Found</TITLE></HEAD>\n<BODY><H1>404 Not Found</H1>\n"
             "The requested URL was not found\n</BODY></HTML>\n")
#: BusyBox httpd's headers, as sent (CRLF) and as wget -S shows them
HEADERS = ["HTTP/1.1 200 OK", "Date: <DATE>", "Connection: close", "Content-type: text/html",
           "Accept-Ranges: bytes", "Last-Modified: Fri, 04 Dec 2026 12:26:47 GMT",
           'ETag: "6b12b187-b7"', "Content-Length: 183"]
HEADERS_404 = ["HTTP/1.1 404 Not Found", "Date: <DATE>", "Connection: close",
               "Content-type: text/html"]
INET_HEADERS = ["HTTP/1.0 200 OK", "Server: netsim-lab-internet ", "Date: <DATE>",
                "Content-Type: text/plain", "Content-Length: 35"]
GOOGLE = "netsim-lab internet: 203.0.113.213\n"

METER = ("  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n"
         "                                 Dload  Upload   Total   Spent    Left  Speed\n"
         "\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0")
ZERO = "\r  0     0    0     0    0     0      0      0 --:--:-- --:--:-- --:--:--     0"
BAR = "|********************************|"

_DATE = re.compile(r"(?<=Date: )\w{3}, \d\d \w{3} \d{4} \d\d:\d\d:\d\d GMT")


def crlf(lines: list[str]) -> str:
    return "".join(line + "\r\n" for line in lines) + "\r\n"


def shown(lines: list[str]) -> str:
    """What BusyBox wget -S prints for the headers."""
    return "".join(f"  {line}\n" for line in lines) + "  \n"


def run(*commands: str) -> list[tuple[str, str, int]]:
    """The commands after SETUP on the lab's topology: (stdout, stderr, exit) with the Date
    header's value as <DATE>."""
    _, steps = run_script(SETUP + "".join(c + "\n" for c in commands), source="http.sh",
                          hosts=HOSTS, lan=LAN, profile="28.5")
    assert all(s.exit_code == 0 for s in steps[:5]), [s.stderr for s in steps[:5]]
    return [_result(s) for s in steps[5:]]


def _result(s: Step) -> tuple[str, str, int]:
    return _DATE.sub("<DATE>", s.stdout), _DATE.sub("<DATE>", s.stderr), s.exit_code


def one(command: str) -> tuple[str, str, int]:
    return run(command)[0]


# -------------------------------------------------------------------------------- the catalogue


def test_catalogued_pages_are_the_servers_own() -> None:
    """The lab stand-in's page is conformance/lab/images/nginx-index.html; nginx 1.29.8's
    docs/html/index.html (896 bytes) and httpd 2.4's docs/docroot/index.html are byte for byte
    the files at release-1.29.8 and apache/httpd 2.4.x (sha256 of the stored files)."""
    lab = lookup("netsim-lab/nginx")
    assert lab is not None and lab.web is not None
    page = (ROOT / "conformance/lab/images/nginx-index.html").read_text(encoding="utf-8")
    assert lab.web.index.body == page == PAGE
    nginx, httpd = lookup("nginx"), lookup("httpd:2.4")
    assert nginx is not None and nginx.web is not None
    assert httpd is not None and httpd.web is not None
    assert len(nginx.web.index.body) == 896
    assert hashlib.sha256(nginx.web.index.body.encode()).hexdigest() == (
        "201cd1bf3d32e7f5fd8aa22c6de5370852fe03fb654ee22d345dd82f16a246a0")
    assert httpd.web.index.body == "<html><body><h1>It works!</h1></body></html>\n"
    assert hashlib.sha256(httpd.web.index.body.encode()).hexdigest() == (
        "f2dcc96deec8bca2facba9ad0db55c89f3c4937cd6d2d28e5c4869216ffa81cf")
    for image in ("nginx:alpine", "nginx:alpine-slim", "httpd:alpine"):
        info = lookup(image)
        assert info is not None and info.web is not None, image
    getting_started = lookup("docker/getting-started")
    assert getting_started is not None and getting_started.web is None


def test_only_the_images_own_server_serves_its_site() -> None:
    """The default command (or one naming the same program) serves the catalogued site, and so
    does BusyBox httpd started by hand on its directory; another listener or port does not."""
    lab = lookup("netsim-lab/nginx")
    nginx = lookup("nginx")
    assert served_site(lab, (), port=80) is not None
    assert served_site(lab, ("httpd", "-f", "-p", "80", "-h", "/usr/share/nginx/html"),
                       port=80) is not None
    assert served_site(lab, ("httpd", "-f", "-p", "80"), port=80) is None
    # BusyBox httpd started by hand on the page's directory serves it on its port
    # (conformance/corpus/09-stack-reverse-proxy.sh: "db" on 5432, measured: wget -q exits 0)
    moved = served_site(lab, ("httpd", "-f", "-p", "5432", "-h", "/usr/share/nginx/html"),
                        port=5432)
    assert moved is not None and moved.port == 5432 and moved.index.body == PAGE
    assert served_site(lab, ("sleep", "1000"), port=80) is None
    assert served_site(lab, (), port=8080) is None
    assert served_site(nginx, ("nginx", "-g", "daemon off;"), port=80) is not None
    assert served_site(None, (), port=80) is None


def test_the_internet_answers_every_path_and_not_head() -> None:
    """netsim's made-up internet (inetweb.py in the lab): HTTP/1.0, any path, HEAD gets 501."""
    site = internet_site("203.0.113.7")
    got = site.response("GET", "/any/path?x=1")
    assert (got.status, got.body) == ("HTTP/1.0 200 OK", "netsim-lab internet: 203.0.113.7\n")
    assert got.header("Content-Length") == "33" and got.header("Date") == HTTP_DATE
    head = site.response("HEAD", "/")
    assert head.status == "HTTP/1.0 501 Unsupported method ('HEAD')" and head.body == ""


# ------------------------------------------------------------------------------------- wget


def test_wget_quiet_prints_the_page() -> None:
    """Measured: wget -qO- prints the body only, from a container, a published port and the
    internet (any path)."""
    assert run("docker exec a1 wget -qO- http://web/",
               "docker exec a1 wget -qO- http://web",
               "docker exec a1 wget -q -O- http://web/index.html",
               "docker exec a1 wget -qO- -T 2 http://192.168.0.100:8080/",
               "docker exec a1 wget -qO- -T 2 http://google.com/",
               "docker exec a1 wget -qO- http://google.com/any/path") == [
        (PAGE, "", 0), (PAGE, "", 0), (PAGE, "", 0), (PAGE, "", 0), (GOOGLE, "", 0),
        (GOOGLE, "", 0)]


def test_wget_to_stdout_shows_its_progress() -> None:
    """Measured: -O- (also -O -) prints Connecting, writing to stdout, the bar named "-" with
    the size and "0:00:00 ETA" (no \\r: stderr is not a terminal), written to stdout."""
    def err(shown_as: str, ip: str, size: int) -> str:
        return (f"Connecting to {shown_as} ({ip})\nwriting to stdout\n"
                f"-                    100% {BAR}{size:6d}  0:00:00 ETA\nwritten to stdout\n")

    assert run("docker exec a1 wget -O- -T 2 http://web/",
               "docker exec a1 wget -O - http://web/",
               "docker exec a1 wget -O- http://web:80/",
               "docker exec a1 wget -O- http://192.168.0.100:8080/",
               "docker exec a1 wget -T 2 -O- http://example.com/",
               "docker exec a1 wget -O- http://203.0.113.7/") == [
        (PAGE, err("web", "172.18.0.2:80", 183), 0),
        (PAGE, err("web", "172.18.0.2:80", 183), 0),
        (PAGE, err("web:80", "172.18.0.2:80", 183), 0),
        (PAGE, err("192.168.0.100:8080", "192.168.0.100:8080", 183), 0),
        ("netsim-lab internet: 203.0.113.164\n", err("example.com", "203.0.113.164:80", 35), 0),
        ("netsim-lab internet: 203.0.113.7\n", err("203.0.113.7", "203.0.113.7:80", 33), 0)]


def test_wget_saves_a_file() -> None:
    """Measured: without -O, index.html (or the URL's last path component) is saved: "saving
    to 'F'", the bar named by the file's base name, "'F' saved"; -q prints nothing. The file
    stays: a later download into the same name without -O fails (recorded:
    58-reference-examples:94)."""
    def err(target: str, host: str, size: int) -> str:
        name = target.rsplit("/", 1)[-1]
        return (f"Connecting to {host}\nsaving to '{target}'\n"
                f"{name:<20} 100% {BAR}{size:6d}  0:00:00 ETA\n'{target}' saved\n")

    exists = "wget: can't open 'index.html': File exists\n"

    web, google = "web (172.18.0.2:80)", "google.com (203.0.113.213:80)"
    assert run("docker exec a1 wget -T 2 http://web/",
               "docker exec a1 wget -q http://web/",
               "docker exec a1 wget http://web/index.html",
               "docker exec a1 wget -O /tmp/page http://web/",
               "docker exec a1 wget -q -O /tmp/page2 http://web/",
               "docker exec a1 wget -qO /tmp/f http://web/",
               "docker exec a1 wget -O /dev/null http://web/",
               "docker exec a1 wget http://google.com/",
               "docker exec a1 wget http://google.com/page.txt") == [
        ("", err("index.html", web, 183), 0), ("", exists, 1),
        ("", f"Connecting to {web}\n{exists}", 1),
        ("", err("/tmp/page", web, 183), 0), ("", "", 0), ("", "", 0),
        ("", err("/dev/null", web, 183), 0), ("", f"Connecting to {google}\n{exists}", 1),
        ("", err("page.txt", google, 35), 0)]


def test_wget_server_response() -> None:
    """Measured: -S prints the status and headers indented by two spaces and a "  " line, also
    with -q; the Date header is the lab's clock (<DATE> here)."""
    connecting = "Connecting to web (172.18.0.2:80)\n"
    assert run("docker exec a1 wget -S -qO- -T 2 http://web/",
               "docker exec a1 wget -S -O /dev/null -T 2 http://web/",
               "docker exec a1 wget -S http://web/",
               "docker exec a1 wget -S -O- http://google.com/",
               "docker exec a1 wget -S -qO- http://google.com/") == [
        (PAGE, shown(HEADERS), 0),
        ("", connecting + shown(HEADERS) + "saving to '/dev/null'\n"
             f"null                 100% {BAR}   183  0:00:00 ETA\n'/dev/null' saved\n", 0),
        ("", connecting + shown(HEADERS) + "saving to 'index.html'\n"
             f"index.html           100% {BAR}   183  0:00:00 ETA\n'index.html' saved\n", 0),
        (GOOGLE, "Connecting to google.com (203.0.113.213:80)\n" + shown(INET_HEADERS)
         + f"writing to stdout\n-                    100% {BAR}    35  0:00:00 ETA\n"
           "written to stdout\n", 0),
        (GOOGLE, shown(INET_HEADERS), 0)]


def test_wget_spider() -> None:
    """Measured: --spider asks with GET (the internet answers 200) and says "remote file
    exists"; -q says nothing; -S shows the headers first."""
    assert run("docker exec a1 wget --spider http://web/",
               "docker exec a1 wget -q --spider http://web/",
               "docker exec a1 wget -S --spider http://web/",
               "docker exec a1 wget --spider http://google.com/",
               "docker exec a1 wget -S --spider http://google.com/") == [
        ("", "Connecting to web (172.18.0.2:80)\nremote file exists\n", 0),
        ("", "", 0),
        ("", "Connecting to web (172.18.0.2:80)\n" + shown(HEADERS) + "remote file exists\n",
         0),
        ("", "Connecting to google.com (203.0.113.213:80)\nremote file exists\n", 0),
        ("", "Connecting to google.com (203.0.113.213:80)\n" + shown(INET_HEADERS)
         + "remote file exists\n", 0)]


def test_wget_not_found() -> None:
    """Measured: a 404 is an error (exit 1) printed even with -q; -S shows only the status
    line before it."""
    error = "wget: server returned error: HTTP/1.1 404 Not Found\n"
    connecting = "Connecting to web (172.18.0.2:80)\n"
    assert run("docker exec a1 wget -qO- -T 2 http://web/missing.html",
               "docker exec a1 wget -O- -T 2 http://web/missing.html",
               "docker exec a1 wget http://web/missing",
               "docker exec a1 wget http://web/missing -O- -q",
               "docker exec a1 wget -S -O- http://web/missing",
               "docker exec a1 wget -S -q http://web/missing",
               "docker exec a1 wget -S -O- -q http://web/a/b/",
               "docker exec a1 wget --spider http://web/missing",
               "docker exec a1 wget -q --spider http://web/missing",
               "docker exec a1 wget --spider -S http://web/missing") == [
        ("", error, 1), ("", connecting + error, 1), ("", connecting + error, 1),
        ("", error, 1), ("", connecting + "  HTTP/1.1 404 Not Found\n" + error, 1),
        ("", "  HTTP/1.1 404 Not Found\n" + error, 1),
        ("", "  HTTP/1.1 404 Not Found\n" + error, 1),
        ("", connecting + error, 1), ("", error, 1),
        ("", connecting + "  HTTP/1.1 404 Not Found\n" + error, 1)]


def test_wget_failures() -> None:
    """Measured: refused, an unknown name, and -T N shorter than the connect (no ARP answer,
    dropped by another network): "download timed out"."""
    assert run("docker exec a1 wget -T 2 -O- http://web:81/",
               "docker exec a1 wget -qO- -T 2 http://nosuch/",
               "docker exec a1 wget -T 2 http://172.18.0.99/",
               "docker exec a1 wget -T 1 -O- http://172.18.0.99/") == [
        ("", "Connecting to web:81 (172.18.0.2:81)\nwget: can't connect to remote host "
             "(172.18.0.2): Connection refused\n", 1),
        ("", "wget: bad address 'nosuch'\n", 1),
        ("", "Connecting to 172.18.0.99 (172.18.0.99:80)\nwget: download timed out\n", 1),
        ("", "Connecting to 172.18.0.99 (172.18.0.99:80)\nwget: download timed out\n", 1)]
    assert run("docker network create net2",
               "docker run -d --name far --network net2 netsim-lab/nginx",
               "docker exec a1 wget -qO- -T 2 http://172.19.0.2/")[2] == (
        "", "wget: download timed out\n", 1)


# ------------------------------------------------------------------------------------- curl


def test_curl_silent_prints_the_body() -> None:
    """Measured: -s/-sS print the body only (a 404 page too: curl exits 0 without -f)."""
    assert run("docker exec d1 curl -s http://web/",
               "docker exec d1 curl -sS http://web/",
               "docker exec d1 curl -s http://web",
               "docker exec d1 curl -s -m 5 'http://web/?x=1'",
               "docker exec d1 curl -s http://web/missing",
               "docker exec d1 curl -s http://web/a/b/",
               "docker exec d1 curl -s -m 2 http://google.com/",
               "docker exec d1 curl -s -m 2 http://203.0.113.7/",
               "docker exec d1 curl -s -m 2 http://192.168.0.100:8080/",
               "curl -s -m 2 http://localhost:8080/",
               "curl -s -m 2 http://172.18.0.2/",
               "curl -s http://localhost:8080/missing") == [
        (PAGE, "", 0), (PAGE, "", 0), (PAGE, "", 0), (PAGE, "", 0), (NOT_FOUND, "", 0),
        (NOT_FOUND, "", 0), (GOOGLE, "", 0), ("netsim-lab internet: 203.0.113.7\n", "", 0),
        (PAGE, "", 0), (PAGE, "", 0), (PAGE, "", 0), (NOT_FOUND, "", 0)]


def test_curl_progress_meter() -> None:
    """Measured: stdout is not a terminal under docker exec, so the meter goes to stderr: two
    heading lines, a zero row, the final row (100% of the size; 0% received of a body without
    Content-Length) and a newline. The lab's two speed columns vary from run to run (45375
    and 61000, 3822 and 3893, 115k and 178k for the same 183 bytes); netsim prints a 1 ms
    transfer's."""
    def done(size: str, got_pct: str, speed: str) -> str:
        return (METER + f"\r100 {size}  {got_pct} {size}    0     0  {speed}      0 --:--:-- "
                f"--:--:-- --:--:-- {speed}\n")

    assert run("docker exec d1 curl http://web/",
               "docker exec d1 curl -m 2 http://web/",
               "docker exec d1 curl http://google.com/",
               "docker exec d1 curl http://web/missing",
               "docker exec d1 curl -o /tmp/x http://web/",
               "docker exec d1 curl -s -o /tmp/x http://web/",
               "docker exec d1 curl -sSo /dev/null http://web/",
               "curl http://192.168.0.100:8080/") == [
        (PAGE, done("  183", "100", " 178k"), 0), (PAGE, done("  183", "100", " 178k"), 0),
        (GOOGLE, done("   35", "100", "35000"), 0), (NOT_FOUND, done("  124", "  0", " 121k"), 0),
        ("", done("  183", "100", " 178k"), 0), ("", "", 0), ("", "", 0),
        (PAGE, done("  183", "100", " 178k"), 0)]


def test_curl_headers() -> None:
    """Measured: -i puts the headers (CRLF) before the body, -I/--head asks HEAD and prints
    them alone (the meter's last row: 0% of Content-Length); the internet answers HEAD with
    501; -i -o FILE puts both in the file."""
    head_meter = METER + "\r  0   183    0     0    0     0      0      0 --:--:-- --:--:-- " \
                         "--:--:--     0\n"
    assert run("docker exec d1 curl -i http://web/",
               "docker exec d1 curl -si http://web/",
               "docker exec d1 curl -si http://web/index.html",
               "docker exec d1 curl -si http://web/missing",
               "docker exec d1 curl -I http://web/",
               "docker exec d1 curl --head http://web/",
               "docker exec d1 curl -s -m 2 -I http://web/",
               "docker exec d1 curl -sI http://web/missing",
               "docker exec d1 curl -I http://web/missing",
               "docker exec d1 curl -si http://google.com/some/path",
               "docker exec d1 curl -sI -m 2 http://example.com/",
               "docker exec d1 curl -s -i -o /tmp/h http://web/",
               "curl -sI -m 2 http://192.168.0.100:8080/") == [
        (crlf(HEADERS) + PAGE, METER + "\r100   183  100   183    0     0   178k      0 "
                                       "--:--:-- --:--:-- --:--:--  178k\n", 0),
        (crlf(HEADERS) + PAGE, "", 0), (crlf(HEADERS) + PAGE, "", 0),
        (crlf(HEADERS_404) + NOT_FOUND, "", 0),
        (crlf(HEADERS), head_meter, 0), (crlf(HEADERS), head_meter, 0), (crlf(HEADERS), "", 0),
        (crlf(HEADERS_404), "", 0), (crlf(HEADERS_404), METER + ZERO + "\n", 0),
        (crlf(INET_HEADERS) + GOOGLE, "", 0),
        (crlf(["HTTP/1.0 501 Unsupported method ('HEAD')", "Server: netsim-lab-internet ",
               "Date: <DATE>", "Connection: close", "Content-Type: text/html;charset=utf-8",
               "Content-Length: 357"]), "", 0),
        ("", "", 0), (crlf(HEADERS), "", 0)]


def test_curl_write_out_and_fail() -> None:
    """Measured: -w prints its variables after the body (000 when nothing answered, exit as the
    error); an unknown variable is warned about; -f turns a 404 into exit 22."""
    fail = "curl: (22) The requested URL returned error: 404\n"
    assert run("docker exec d1 curl -s -w '%{http_code}' http://web/",
               "docker exec d1 curl -s -w '%{http_code}\\n' http://google.com/",
               "docker exec d1 curl -s -m 2 -o /dev/null -w '%{http_code}\\n' http://web/missing",
               "docker exec d1 curl -s -o /dev/null -w '%{http_code}\\n' http://web:81/",
               "docker exec d1 curl -s -o /dev/null -w '%{http_code}\\n' http://nosuch/",
               "docker exec d1 curl -sS -w '%{http_code}\\n' http://web:81/",
               "docker exec d1 curl -s -o /dev/null -w '%{http_code} %{remote_ip}:%{remote_port}"
               " %{size_download} %{response_code}\\n' http://web/",
               "docker exec d1 curl -s -o /dev/null -w '%{foo}\\n' http://web/",
               "docker exec d1 curl -s -w '%{http_code}' -I http://google.com/",
               "docker exec d1 curl -f http://web/missing",
               "docker exec d1 curl -sf http://web/missing",
               "docker exec d1 curl -sSf http://web/missing",
               "docker exec d1 curl -fsS -o /dev/null -w '%{http_code}\\n' http://web/missing") == [
        (PAGE + "200", "", 0), (GOOGLE + "200\n", "", 0), ("404\n", "", 0), ("000\n", "", 7),
        ("000\n", "", 6),
        ("000\n", "curl: (7) Failed to connect to web port 81 after 0 ms: Could not connect to "
                  "server\n", 7),
        ("200 172.18.0.2:80 183 200\n", "", 0),
        ("\n", "curl: unknown --write-out variable: 'foo'\n", 0),
        (crlf(["HTTP/1.0 501 Unsupported method ('HEAD')", "Server: netsim-lab-internet ",
               "Date: <DATE>", "Connection: close", "Content-Type: text/html;charset=utf-8",
               "Content-Length: 357"]) + "501", "", 0),
        ("", METER + ZERO + "\n" + fail, 22), ("", "", 22), ("", fail, 22), ("404\n", fail, 22)]


def test_curl_failures_with_the_meter() -> None:
    """Measured: an unknown name ends the zero row with the error on the same line; refused
    adds a zero row and a newline; a timeout (-m) one row a second ("after 2002 milliseconds"
    was 2001 in one run; one run had a second zero row before the 0:00:01 one)."""
    def waiting(spent: str) -> str:
        return f"\r  0     0    0     0    0     0      0      0 --:--:-- {spent} --:--:--     0"

    assert run("docker exec d1 curl -m 2 http://nosuch/",
               "docker exec d1 curl -s -m 2 http://nosuch/",
               "docker exec d1 curl -sS -m 2 http://nosuch/",
               "docker exec d1 curl -m 2 http://web:81/",
               "docker exec d1 curl -s -m 2 http://web:81/",
               "docker exec d1 curl -sS -m 2 http://web:81/",
               "docker exec d1 curl -I http://web:81/",
               "docker exec d1 curl -m 2 http://172.18.0.99/",
               "docker exec d1 curl -m 1 http://172.18.0.99/",
               "docker exec d1 curl -sS -m 2 http://172.18.0.99/") == [
        ("", METER + "curl: (6) Could not resolve host: nosuch\n", 6), ("", "", 6),
        ("", "curl: (6) Could not resolve host: nosuch\n", 6),
        ("", METER + ZERO + "\ncurl: (7) Failed to connect to web port 81 after 0 ms: Could not "
             "connect to server\n", 7),
        ("", "", 7),
        ("", "curl: (7) Failed to connect to web port 81 after 0 ms: Could not connect to "
             "server\n", 7),
        ("", METER + ZERO + "\ncurl: (7) Failed to connect to web port 81 after 0 ms: Could not "
             "connect to server\n", 7),
        ("", METER + waiting(" 0:00:01") + waiting(" 0:00:02")
         + "\ncurl: (28) Connection timed out after 2002 milliseconds\n", 28),
        ("", METER + waiting(" 0:00:01") + "\ncurl: (28) Connection timed out after 1002 "
                                            "milliseconds\n", 28),
        ("", "curl: (28) Connection timed out after 2002 milliseconds\n", 28)]


def test_curl_verbose() -> None:
    """Measured: -v between the meter's zero row and its last row: resolution (not for an
    address), the request with curl/8.14.1, the response headers, the data, the close; -sv
    without the meter. Lines the lab printed in some runs only are left out ("* Request
    completely sent off" before an HTTP/1.0 answer; "* we are done reading …" and "* abort
    upload" after a GET). A refused connect names the source port (random on the lab)."""
    request = ("> GET / HTTP/1.1\r\n> Host: {host}\r\n> User-Agent: curl/8.14.1\r\n"
               "> Accept: */*\r\n> \r\n")
    resolved = "* Host web:80 was resolved.\n* IPv6: (none)\n* IPv4: 172.18.0.2\n"
    web = (resolved + "*   Trying 172.18.0.2:80...\n* Connected to web (172.18.0.2) port 80\n"
           "* using HTTP/1.x\n" + request.format(host="web") + "* Request completely sent off\n"
           + "".join(f"< {h}\r\n" for h in HEADERS) + "< \r\n{ [183 bytes data]\n")
    out = run("docker exec d1 curl -v -m 2 http://web/",
              "docker exec d1 curl -sv http://web/",
              "docker exec d1 curl -sv http://172.18.0.2/",
              "docker exec d1 curl -v -I http://web/",
              "docker exec d1 curl -sv http://web/missing",
              "docker exec d1 curl -v -m 2 http://web:81/",
              "docker exec d1 curl -sv http://web:81/")
    closing = "* shutting down connection #0\n"
    assert out[0] == (PAGE, METER + web + "\r100   183  100   183    0     0   178k      0 "
                                          "--:--:-- --:--:-- --:--:--  178k\n" + closing, 0)
    assert out[1] == (PAGE, web + closing, 0)
    assert out[2] == (PAGE, web.replace(resolved, "").replace(
        "to web (172.18.0.2)", "to 172.18.0.2 (172.18.0.2)").replace(
        "Host: web", "Host: 172.18.0.2") + closing, 0)
    assert out[3] == (crlf(HEADERS), METER + web.replace("GET", "HEAD").replace(
        "* Request completely sent off\n", "") + "* we are done reading and this is set to "
        "close, stop send\n* abort upload\n\r  0   183    0     0    0     0      0      0 "
        "--:--:-- --:--:-- --:--:--     0\n" + closing, 0)
    assert out[4] == (NOT_FOUND, web.split("* Request")[0].replace("GET /", "GET /missing")
                      + "".join(f"< {h}\r\n" for h in HEADERS_404)
                      + "< \r\n{ [124 bytes data]\n* abort upload\n{ [0 bytes data]\n"
                      + closing, 0)
    refused = ("* Host web:81 was resolved.\n* IPv6: (none)\n* IPv4: 172.18.0.2\n"
               "*   Trying 172.18.0.2:81...\n* connect to 172.18.0.2 port 81 from 172.18.0.4 "
               "port <P> failed: Connection refused\n* Failed to connect to web port 81 after 0 "
               "ms: Could not connect to server\n")
    port = re.compile(r"(?<=port )\d+(?= failed)")
    assert (out[5][0], port.sub("<P>", out[5][1]), out[5][2]) == (
        "", METER + refused + ZERO + "\n* closing connection #0\ncurl: (7) Failed to connect to "
            "web port 81 after 0 ms: Could not connect to server\n", 7)
    assert (out[6][0], port.sub("<P>", out[6][1]), out[6][2]) == (
        "", refused + "* closing connection #0\n", 7)


# --------------------------------------------------------------- other servers, and the clock


def test_real_nginx_and_httpd_pages() -> None:
    """Not measured (the lab has only the stand-in): nginx 1.29.8 and httpd 2.4.68 serve their
    own pages with the headers of their sources (ngx_http_header_filter_module.c, Apache's
    core output), and their 404 pages."""
    lab, steps = run_script(
        "docker network create n\n"
        "docker run -d --name ng --network n nginx\n"
        "docker run -d --name ap --network n httpd\n"
        "docker exec ng curl -s http://localhost/\n"
        "docker exec ng curl -sI http://ap/\n"
        "docker exec ng curl -s http://ng/nothing\n"
        "docker exec ng curl -si http://ap/nothing\n")
    assert lab.state.clock > 0
    got = [_result(s) for s in steps[3:]]
    nginx = lookup("nginx")
    assert nginx is not None and nginx.web is not None
    assert got[0] == (nginx.web.index.body, "", 0)
    assert got[1] == (crlf(["HTTP/1.1 200 OK", "Date: <DATE>", "Server: Apache/2.4.68 (Unix)",
                            "Last-Modified: Mon, 11 Jun 2007 18:53:14 GMT",
                            'ETag: "2d-432a5e4a73a80"', "Accept-Ranges: bytes",
                            "Content-Length: 45", "Content-Type: text/html"]), "", 0)
    assert got[2] == ("<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n"
                      "<center><h1>404 Not Found</h1></center>\r\n"
                      "<hr><center>nginx/1.29.8</center>\r\n</body>\r\n</html>\r\n", "", 0)
    assert got[3][0].startswith("HTTP/1.1 404 Not Found\r\nDate: <DATE>\r\nServer: Apache/2.4.68 "
                                "(Unix)\r\nContent-Length: 196\r\n")
    assert got[3][0].endswith("\r\n\r\n<!DOCTYPE HTML PUBLIC \"-//IETF//DTD HTML 2.0//EN\">\n"
                              "<html><head>\n<title>404 Not Found</title>\n</head><body>\n"
                              "<h1>Not Found</h1>\n<p>The requested URL was not found on this "
                              "server.</p>\n</body></html>\n")


def test_an_unknown_server_is_a_note() -> None:
    """A listener netsim knows nothing about (busybox nc -l, an image without a catalogued
    page): one netsim note, exit 0 (after wget's Connecting line)."""
    assert run("docker run -d --name nc1 --network net1 netsim-lab/alpine nc -l -p 80",
               "docker exec d1 curl -s http://nc1/",
               "docker exec a1 wget -O- http://nc1/")[1:] == [
        ("", "netsim: curl connected to 172.18.0.5:80; the HTTP exchange is not simulated\n", 0),
        ("", "Connecting to nc1 (172.18.0.5:80)\nnetsim: wget connected to 172.18.0.5:80; the "
             "HTTP exchange is not simulated\n", 0)]


@pytest.mark.parametrize("cmd", ["curl -si http://web/", "curl -sI http://google.com/"])
def test_the_date_is_the_simulated_clock(cmd: str) -> None:
    """The Date header is netsim's clock (EPOCH + State.clock), in IMF-fixdate."""
    lab, _ = run_script(SETUP, source="http.sh", hosts=HOSTS, lan=LAN, profile="28.5")
    st = lab.state
    when = (EPOCH + dt.timedelta(seconds=st.clock)).strftime("%a, %d %b %Y %H:%M:%S GMT")
    assert f"\r\nDate: {when}\r\n" in probe(st, "d1", cmd).stdout
