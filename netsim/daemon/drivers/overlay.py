"""The overlay driver: swarm-scoped networks spanning the Docker hosts over VXLAN
(libnetwork/drivers/overlay; the swarm side, allocation and attachment, is
:mod:`netsim.daemon.overlay`)."""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING

from netsim.daemon.drivers.base import Attachment, DrawnAs, DriverDefaults, mac_from_ipv4, register

if TYPE_CHECKING:
    from netsim.daemon.netns import Netns
    from netsim.daemon.runtime import HostRuntime
    from netsim.state import NetworkState
    from netsim.versions import EngineProfile

__all__ = ["OVERLAY", "OverlayDriver"]


class OverlayDriver(DriverDefaults):
    """``-d overlay`` (attachable overlays for standalone containers; services are out of
    scope: docs/reference/swarm-overlay.md)."""

    name = "overlay"
    scope = "swarm"
    segment_rule = "overlay.same"
    drawn_as: DrawnAs = "band"
    draw_rank = 3

    def endpoint_gateway(self, net: NetworkState, profile: EngineProfile) -> bool:
        """Overlay endpoints get no gateway: docker_gwbridge provides it (default_gateway.go)."""
        return False

    def endpoint_mac(self, ipv4: ipaddress.IPv4Interface | None, parent_mac: str,
                     profile: EngineProfile) -> str | None:
        """Derived from the IPv4 address, on every engine."""
        return mac_from_ipv4(ipv4) if ipv4 is not None else None

    def plug(self, rt: HostRuntime, sandbox: Netns, net: NetworkState, *, gateway_only: bool,
             profile: EngineProfile) -> tuple[int, int, str]:
        """The veth is made in the host's namespace and moved (drivers/overlay ``Join``), its
        other end into the network's own namespace. Measured: 13: eth0@if14 / 15: eth1@if16
        on a swarm node."""
        host = rt.netns
        inner, link = host.passing(), host.passing()
        return sandbox.move_in(inner), link, f"overlay:{net.name}"

    def attachment(self, net: NetworkState) -> Attachment:
        """A VXLAN segment across the swarm's hosts."""
        return "overlay"

    def endpoint_mtu(self, net: NetworkState) -> int:
        """VXLAN's 50 bytes off the NIC's 1500 (drivers/overlay ov_network.go: the VXLAN
        link's MTU is the host's minus the overlay header)."""
        return 1450


#: the registered overlay driver
OVERLAY = register(OverlayDriver())
