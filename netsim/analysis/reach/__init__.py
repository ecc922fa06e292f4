"""Who reaches whom: one flow explained hop by hop (:func:`reach`), and all pairs (:func:`matrix`).

A flow starts at a container or a vantage point (``@host`` / ``@NAME`` a Docker host, ``@lan`` a
machine on the hosts' LAN, ``@internet`` a client beyond the LAN's router) and goes to a
container, an IP address, a Docker host's address, ``@internet`` (a machine on the internet,
203.0.113.1: the trace names the NAT on the way) or ``@lan`` (netsim's machine on the LAN, at
its highest free address), optionally to a port. netsim follows the
packet the way the kernel and Docker's rules would (Engine 29.1 defaults: ``gateway_mode=nat``,
userland proxy on, ICC on unless the network says otherwise) and returns a :class:`Trace`: the
*disposition* (a closed set, :class:`Disposition`), what the client sees (:class:`Symptom`), and
the hops, each with one sentence and the Docker rule that decided it.

Each rule names where Docker documents or implements it in :data:`RULES`. What netsim
simplifies is said in README ("Simplifications"): gateway modes other than ``nat`` are treated as
``nat``; macvlan ``vepa`` mode as ``bridge`` (``private`` mode is modelled); the LAN's machines
have no routes to
container subnets; ``@internet`` reaches the Docker hosts' LAN addresses as if they were public;
every public address (and the documentation ranges 192.0.2.0/24, 203.0.113.0/24) is "the
internet", which answers ping and listens on 80/tcp, 443/tcp and 53 (udp and tcp); the LAN's
router serves DNS on 53 (udp and tcp) and nothing else.

The matrix is computed from the same facts with sets (Python ints as bitsets), never a path
search per pair; tests check that it equals :func:`reach` cell by cell and the path search over
:func:`netsim.analysis.graph.forwarding`.

IPv6: a flow to an IPv6 address (or ``family=6``: a container's IPv6 addresses) follows Docker's
rules for IPv6 (:mod:`~netsim.analysis.reach.flow6`): containers on one bridge reach each other,
a bridge's IPv6 address is the host's; between bridges ip6tables isolates the networks where the
daemon programs it (the default from Engine 27.0; before, the host routes IPv6 between its
bridges, and ICC off does not apply to IPv6); netsim's LAN and internet are IPv4 only, so
nothing beyond a host's bridges has an IPv6 route.

The package: :mod:`~netsim.analysis.reach.trace` (dispositions, symptoms, rules, :class:`Trace`),
:mod:`~netsim.analysis.reach.flow` (the walk, :func:`reach`), :mod:`~netsim.analysis.reach.flow6`
(its IPv6 part), :mod:`~netsim.analysis.reach.matrix` (:func:`matrix`) and
:mod:`~netsim.analysis.reach.matrix6` (its IPv6 rows); the index they read is
:mod:`netsim.analysis.index`, the vantages they take are parsed by :mod:`netsim.analysis.vantage`.
"""

from netsim.analysis.index import TopologyIndex, topology_index
from netsim.analysis.reach.flow import reach
from netsim.analysis.reach.matrix import Matrix, MatrixParts, forwarding_pairs, matrix
from netsim.analysis.reach.trace import (
    DISPOSITIONS,
    RULES,
    SYMPTOMS,
    Disposition,
    Hop,
    Proto,
    Symptom,
    Trace,
)

__all__ = [
    "DISPOSITIONS",
    "RULES",
    "SYMPTOMS",
    "Disposition",
    "Hop",
    "Matrix",
    "MatrixParts",
    "Proto",
    "Symptom",
    "TopologyIndex",
    "Trace",
    "forwarding_pairs",
    "matrix",
    "reach",
    "topology_index",
]
