"""The small programs every image has a version of: ``true`` and ``false``, ``cat`` of the files
Docker writes into a container (/etc/hosts, /etc/resolv.conf, /etc/hostname; a Docker host's
own), and ``hostname`` (Debian's and BusyBox's), as measured on the conformance lab
(tests/test_probes_dns_ping.py, tests/test_probes_interfaces.py)."""

from __future__ import annotations

from netsim.analysis.dns import (
    etc_hosts,
    host_hosts,
    host_hosts_text,
    host_resolv_file,
    hosts_text,
    resolv_conf,
)
from netsim.probes.busybox import busybox_usage
from netsim.probes.context import NOT_SIMULATED, ProbeResult, Where, gai_error, resolve
from netsim.probes.interfaces import links_of
from netsim.probes.registry import Need, Program, Tool, register

__all__ = ["CAT", "HOSTNAME", "TOOL"]

#: GNU coreutils' cat or BusyBox's
CAT = Need("cat", "cat", {"busybox": "busybox", "*": "gnu"}, debian="gnu", busybox="busybox")
#: the hostname package's hostname (Debian's, also Ubuntu's and CentOS's) or BusyBox's
HOSTNAME = Need("hostname", "hostname", {"busybox": "busybox", "*": "debian"},
                debian="hostname", busybox="busybox")


def _true(w: Where, args: list[str]) -> ProbeResult:
    return ProbeResult("", "", 0)


def _false(w: Where, args: list[str]) -> ProbeResult:
    return ProbeResult("", "", 1)


def _file(w: Where, path: str) -> str | None:
    """The text of a file netsim knows at ``w`` (None: not simulated)."""
    if w.host is None:
        return None
    if w.container is None:  # a Docker host: Debian's files (static address, no resolved)
        hs = w.state.hosts[w.host]
        if path == "/etc/hosts":
            return host_hosts_text(w.state, w.host)
        if path == "/etc/resolv.conf":
            servers = host_resolv_file(w.state, w.host).nameservers
            return "".join(f"nameserver {s}\n" for s in servers)
        if path == "/etc/hostname":
            return hs.host.effective_hostname + "\n"
        return None
    if path == "/etc/hosts":
        return hosts_text(w.state, w.host, w.container)
    if path == "/etc/resolv.conf":
        return resolv_conf(w.state, w.host, w.container).text()
    if path == "/etc/hostname":
        return w.container.hostname + "\n"
    return None


def _cat(w: Where, args: list[str]) -> ProbeResult:
    impl = w.tools.cat
    assert impl is not None  # probe() checked the need
    paths = [a for a in args if not a.startswith("-") or a == "-"]
    out: list[str] = []
    errors: list[str] = []
    for path in paths:
        text = _file(w, path)
        if text is None and _certainly_missing(w, path):
            # cat goes on to the next file and exits 1: BusyBox (coreutils/cat.c, open_or_warn:
            # "can't open '%s'") and GNU coreutils (cat.c: "%s" and strerror) word it otherwise
            errors.append(f"cat: can't open '{path}': No such file or directory\n"
                          if impl == "busybox" else f"cat: {path}: No such file or directory\n")
            continue
        if text is None:
            return ProbeResult("".join(out), f"netsim: cat {path}: only /etc/hosts, "
                               "/etc/resolv.conf and /etc/hostname are simulated\n",
                               NOT_SIMULATED)
        out.append(text)
    return ProbeResult("".join(out), "".join(errors), 1 if errors else 0)


def _certainly_missing(w: Where, path: str) -> bool:
    """Whether ``path`` is certainly absent from the container: an absolute path under a
    top-level name the image's root does not have (:func:`netsim.images.missing_directory`)."""
    from netsim.images import container_image, missing_directory

    if w.container is None:
        return False
    info = container_image(w.state, w.container)
    return missing_directory(info, path)


def _hostname(w: Where, args: list[str]) -> ProbeResult:
    impl = w.tools.hostname
    assert impl is not None  # probe() checked the need
    if w.host is None:
        return ProbeResult("", "netsim: 'hostname' at @lan or @internet is not simulated\n",
                           NOT_SIMULATED)
    hs = w.state.hosts[w.host]
    if w.container is None:
        name = hs.host.effective_hostname
        entries = host_hosts(w.state, w.host)
    else:
        name = w.container.hostname
        entries = etc_hosts(w.state, w.host, w.container)
    if not args:
        return ProbeResult(name + "\n", "", 0)
    if args == ["-i"]:
        # the addresses of the host name: /etc/hosts (a host's own says 127.0.1.1), else DNS
        addrs = [str(e.address) for e in entries if name in e.names
                 and (e.address.version == 4 or impl == "debian")]
        if not addrs:
            look = resolve(w, name)
            if not look.ok:
                if impl == "busybox":
                    why = "Try again" if look.failure == "temporary" else "Unknown host"
                    return ProbeResult("", f"hostname: {name}: {why}\n", 1)
                return ProbeResult("", f"hostname: {gai_error(look)}\n", 1)
            addrs = [str(a) for a in look.addresses]
        return ProbeResult(" ".join(addrs) + "\n", "", 0)
    if args == ["-I"] and impl == "debian":
        # every address of every interface that is up, lo excepted (carrier or not), in
        # getifaddrs' order: the IPv4 ones, then the IPv6 ones (link-local ones skipped)
        links = [link for link in links_of(w) or [] if link.kind != "lo"]
        ips = [str(link.addr.ip) for link in links if link.addr is not None]
        ips += [str(link.addr6.ip) for link in links if link.addr6 is not None
                and not link.addr6.ip.is_link_local]
        return ProbeResult("".join(ip + " " for ip in ips) + "\n", "", 0)
    if impl == "busybox":
        return busybox_usage(w, "hostname",
                             f"unrecognized option: {args[0].lstrip('-')[:1]}")
    return ProbeResult("", f"netsim: 'hostname {' '.join(args)}' is not simulated\n",
                       NOT_SIMULATED)


TOOL = register(Tool("coreutils", (Program("true", _true), Program("false", _false),
                                   Program("cat", _cat, CAT),
                                   Program("hostname", _hostname, HOSTNAME))))
