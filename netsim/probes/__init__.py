"""What network tools print when run at a vantage point: ``ping``, ``curl``, ``wget``, ``nc -z``,
``dig``, ``nslookup``, ``host``, ``getent hosts``, ``cat`` of the resolver files, ``ip addr``,
``ip link``, ``ip route``, ``ifconfig``, ``route``, ``netstat -r``, ``hostname``; and package
managers that install more of them.

:func:`probe` runs one command line inside a container (what ``docker exec NAME …`` runs) or at a
vantage point (``@host``/``@NAME``: a shell on that Docker host; ``@lan``, ``@internet``) and
returns a :class:`ProbeResult`: stdout, stderr and exit status as the real tool would give them.
Reachability comes from :func:`netsim.analysis.reach.reach`, names
from :mod:`netsim.analysis.dns` (a program's
``getaddrinfo``: /etc/hosts, then the nameservers of resolv.conf); the texts follow
``docs/reference/probe-output.md`` (iputils 20240905 and busybox 1.37 ``ping``, curl 8.14,
busybox ``wget``/``nc``, OpenBSD ``nc``, iproute2 6.15 (7.3 on a host that declares it) and
busybox ``ip``, net-tools and busybox ``ifconfig``, ``route`` and ``netstat``, Debian and busybox
``hostname``; the interface texts measured on the conformance lab,
tests/test_probes_interfaces.py) and ``docs/reference/dns-tools.md`` (BIND 9.20 and
9.9 ``dig``/``nslookup``/``host``, busybox ``nslookup``, glibc and musl ``getent``). Which
implementation runs is the image's fact (:mod:`netsim.images`); an image netsim does not know is
assumed to be Debian-like with iputils, iproute2, net-tools, curl, OpenBSD nc and BIND's tools. A
tool the image does not have gets Docker's ``executable file not found`` (exit 127), or in an
interactive shell that shell's own message; :func:`install` (``apt-get install dnsutils``, ``apk
add bind-tools`` …) adds tools to a container. Docker hosts and the LAN/internet vantage points
are Debian-like too. BusyBox's usage texts start with the image's own banner (real Alpine's
1.37, the conformance lab's 1.38 build); ping, nc, nslookup, dig, hostname and the resolver
files are pinned as measured on the lab in tests/test_probes_dns_ping.py.

Simplifications (README): round-trip times and DNS query times are invented (deterministic from
the seed), a reply's TTL is 64 minus the routers on the way (the internet answers with 117);
counters in ``ifconfig`` are 0 (docker0's 2 dropped packets excepted); ``curl`` and ``wget``
print what the server serves when netsim knows it (:attr:`netsim.images.ImageInfo.web`: nginx,
httpd, the lab's nginx stand-in; :func:`netsim.images.internet_site`), with the simulated clock
as the ``Date`` and the meter of an instant transfer, and a one-line netsim note otherwise (of
the files they save only the names are kept); ``ping`` without ``-c`` is shown as if stopped
after 4 packets; package managers print a note instead of their download log.

The package is a registry (:mod:`netsim.probes.registry`): one module per tool family, each
declaring as data what its programs need from the image (:class:`~netsim.probes.registry.Need`)
and registering them; :func:`probe` (:mod:`netsim.probes.dispatch`) runs a command through it.
The families: :mod:`~netsim.probes.ping`, :mod:`~netsim.probes.http` (curl, wget),
:mod:`~netsim.probes.netcat` (nc), :mod:`~netsim.probes.iproute` (ip, ifconfig, route, netstat;
the interfaces: :mod:`~netsim.probes.interfaces`), :mod:`~netsim.probes.dnstools` (dig, nslookup,
host, getent), :mod:`~netsim.probes.coreutils` (true, false, cat, hostname). Beside them:
:mod:`~netsim.probes.context` (where a probe runs, what it prints), :mod:`~netsim.probes.toolbox`
(a vantage point's tools), :mod:`~netsim.probes.busybox` (BusyBox's usage texts),
:mod:`~netsim.probes.packages` (package managers) and :mod:`~netsim.probes.shell` (``sh -c``).
"""

from __future__ import annotations

# the tool families: importing one registers it (a new family: its module, and one name here)
from netsim.probes import coreutils, dnstools, http, iproute, netcat, ping  # noqa: F401
from netsim.probes.busybox import BUSYBOX_USAGE
from netsim.probes.context import NOT_SIMULATED, ProbeResult
from netsim.probes.dispatch import probe, simulates
from netsim.probes.packages import PACKAGE_MANAGERS, Packages, install
from netsim.probes.registry import Need, Program, Tool, register, unregister
from netsim.probes.toolbox import Toolbox, toolbox_for

__all__ = ["BUSYBOX_USAGE", "NOT_SIMULATED", "PACKAGE_MANAGERS", "Need", "Packages",
           "ProbeResult", "Program", "Tool", "Toolbox", "install", "probe", "register",
           "simulates", "toolbox_for", "unregister"]

#: the doctests of what is re-exported here (doctest looks only at this module's own objects)
__test__ = {"probe": probe}
