"""What a running container listens on, and what answers HTTP there: an image's own web
server (the catalogue's :attr:`ImageInfo.web`) or a listener started by hand, and netsim's
internet.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence
from typing import Final

from netsim.images.models import HTTP_DATE, HttpResponse, ImageInfo, WebSite
from netsim.images.programs import SHELLS, effective_argv, strip_launchers
from netsim.images.rules import short_flag

__all__ = ["internet_site", "listening_ports", "served_site"]


def _listen_option(args: Sequence[str], flag: str) -> str | None:
    for i, arg in enumerate(args):
        if arg == flag and i + 1 < len(args):
            return args[i + 1]
        if arg.startswith(flag) and len(arg) > len(flag) and arg[1] != "-":
            return arg[len(flag):]
    return None


def _ad_hoc_listener(argv: Sequence[str]) -> tuple[str, ...]:
    """Ports of the few listeners people start by hand: ``nc -l``, ``python -m http.server``,
    busybox ``httpd -p``, ``socat TCP-LISTEN:``."""
    words = strip_launchers(argv)
    if words and words[0].rsplit("/", 1)[-1] in SHELLS and "-c" in words[1:-1]:
        words = strip_launchers(shlex.split(words[words.index("-c") + 1]))
    if not words:
        return ()
    prog, args = words[0].rsplit("/", 1)[-1], list(words[1:])
    if prog == "busybox" and args:
        prog, args = args[0], args[1:]
    port: str | None = None
    proto = "tcp"
    if prog in ("nc", "ncat", "netcat") and short_flag(args, "l"):
        port = _listen_option(args, "-p") or next((a for a in args if a.isdigit()), None)
        proto = "udp" if short_flag(args, "u") else "tcp"
    elif prog.startswith("python") and args[:2] == ["-m", "http.server"]:
        port = next((a for a in args[2:] if a.isdigit()), "8000")
    elif prog == "httpd" and args[:1] != ["-DFOREGROUND"]:
        value = _listen_option(args, "-p")
        port = (value.rsplit(":", 1)[-1] if value else "80") if "-f" in args or value else None
    elif prog == "socat":
        for arg in args:
            m = re.match(r"(?i)(TCP|UDP)(?:4|6)?-LISTEN:(\d+)", arg)
            if m:
                port, proto = m.group(2), m.group(1).lower()
    if port is None or not port.isdigit() or not 0 < int(port) < 65536:
        return ()
    return (f"{int(port)}/{proto}",)


def listening_ports(
    info: ImageInfo | None,
    cmd: Sequence[str],
    *,
    entrypoint: Sequence[str] | None = None,
) -> tuple[str, ...]:
    """The ports (``"80/tcp"``) a running container of this image listens on.

    The image's own server listens on its catalogued ports when it runs its default program
    (``docker run nginx``, or a command naming the same program, such as ``nginx -g 'daemon
    off;'``). A few hand-started listeners are recognised in any image (``nc -l -p 8080``,
    ``python3 -m http.server``, ``httpd -f -p 8080``, ``socat TCP-LISTEN:…``). Anything else
    listens on nothing netsim knows of; say otherwise with ``# netsim: image NAME listen=…``.
    """
    argv = effective_argv(info, cmd, entrypoint=entrypoint)
    adhoc = _ad_hoc_listener(argv)
    if adhoc:
        return adhoc
    if info is None or not info.listening:
        return ()
    default = effective_argv(info, ())
    if not cmd and entrypoint is None:
        return info.listening
    if argv and default and argv[0].rsplit("/", 1)[-1] == default[0].rsplit("/", 1)[-1]:
        return info.listening
    return ()


def served_site(
    info: ImageInfo | None,
    cmd: Sequence[str],
    *,
    entrypoint: Sequence[str] | None = None,
    port: int,
) -> WebSite | None:
    """The web site a container of this image serves on ``port`` (None: not known).

    Only the image's own server, running as the image starts it (the default command, or one
    naming the same program, as :func:`listening_ports` decides), serves the catalogued site,
    and a BusyBox ``httpd -h DIR`` started by hand on the site's directory
    (:attr:`WebSite.httpd_home`) on whatever port it is given; any other hand-started listener
    (``httpd -f -p 8080``, ``nc -l``) serves nothing netsim knows.
    """
    if info is None or info.web is None:
        return None
    if f"{port}/tcp" not in listening_ports(info, cmd, entrypoint=entrypoint):
        return None
    argv = effective_argv(info, cmd, entrypoint=entrypoint)
    if (cmd or entrypoint is not None) and argv != effective_argv(info, ()) \
            and _ad_hoc_listener(argv):
        words = list(argv[1:] if argv[0].rsplit("/", 1)[-1] == "busybox" else argv)
        home = _listen_option(words[1:], "-h") if words and \
            words[0].rsplit("/", 1)[-1] == "httpd" else None
        if home is None or home.rstrip("/") != (info.web.httpd_home or "").rstrip("/"):
            return None
        return info.web.model_copy(update={"port": port})
    return info.web if info.web.port == port else None


#: what :func:`internet_site` answers to HEAD (Python's http.server without do_HEAD:
#: send_error(501); Content-Length is the length of its HTML error page, as measured)
_INTERNET_HEAD: Final = HttpResponse(
    status="HTTP/1.0 501 Unsupported method ('HEAD')",
    headers=(("Server", "netsim-lab-internet "), ("Date", HTTP_DATE), ("Connection", "close"),
             ("Content-Type", "text/html;charset=utf-8"), ("Content-Length", "357")),
)


def internet_site(address: str) -> WebSite:
    """What every address of netsim's internet serves on port 80.

    This is netsim's made-up internet, not the real one: every internet address answers every
    GET, whatever the path, with the short page ``netsim-lab internet: <address>`` over
    HTTP/1.0; a HEAD gets 501. The conformance lab's internet matches it
    (``conformance/lab/bin/inetweb.py``, a Python ``http.server`` whose Server header,
    ``server_version + " " + sys_version``, ends in a space), so what netsim predicts for
    ``curl http://example.com/`` is what the lab prints.
    """
    body = f"netsim-lab internet: {address}\n"
    return WebSite(
        index=HttpResponse(status="HTTP/1.0 200 OK", headers=(
            ("Server", "netsim-lab-internet "), ("Date", HTTP_DATE),
            ("Content-Type", "text/plain"), ("Content-Length", str(len(body)))), body=body),
        head=_INTERNET_HEAD,
        sources=("conformance/lab/bin/inetweb.py",),
    )
