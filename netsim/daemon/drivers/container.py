"""Container mode (``--network container:NAME``): sharing another container's network namespace.

This is no network driver in Docker's sense: libnetwork has no ``container`` driver, no network
and no endpoint for it. It is a network *mode* of the HostConfig (api/types/container
``NetworkMode.IsContainer``): the joiner gets no endpoint of its own and, at start, is put in
the sandbox of the container it names (daemon/container_operations.go
``getNetworkedContainer``, ``initializeNetworking``). So it is modelled as what it is, a
:class:`ContainerMode` the daemon consults where a mode decides (create-time validation, start,
connect, published ports), and it is not in the driver registry.
"""

from __future__ import annotations

from collections.abc import Callable

from netsim.api import ContainerSpec
from netsim.errors import DaemonError
from netsim.state import ContainerState
from netsim.versions import EngineProfile

__all__ = ["CONTAINER_MODE", "ContainerMode", "mac_of"]


def mac_of(spec: ContainerSpec) -> str | None:
    """``--mac-address``: the container's, or the first network's (where the CLI puts it)."""
    if spec.Config.MacAddress:
        return spec.Config.MacAddress
    return spec.attachments()[0][1].MacAddress or None


class ContainerMode:
    """``container:<name|id>``: the network namespace of another container."""

    prefix = "container:"

    def applies(self, mode: str) -> bool:
        """``mode`` shares another container's namespace."""
        return mode.startswith(self.prefix)

    def target(self, mode: str) -> str:
        """The container ``mode`` names (as given, or its ID once stored)."""
        return mode.partition(":")[2]

    def of(self, cid: str) -> str:
        """The mode that names container ``cid``."""
        return f"{self.prefix}{cid}"

    def validate(self, spec: ContainerSpec, mode: str, profile: EngineProfile) -> None:
        """daemon/internal/runconfig/hostconfig.go validateNetContainerMode: a target, and
        none of the options that belong to a namespace of one's own."""
        if mode != "container" and not self.applies(mode):
            return
        if not self.target(mode):
            raise DaemonError(profile.invalid_container_mode_message, status=400)
        hc = spec.HostConfig
        checks = (
            (spec.Config.Hostname, "conflicting options: hostname and the network mode"),
            (
                hc.Links,
                "conflicting options: container type network can't be used with links. "
                "This would result in undefined behavior",
            ),
            (hc.Dns, "conflicting options: dns and the network mode"),
            (
                hc.ExtraHosts,
                "conflicting options: custom host-to-IP mapping and the network mode",
            ),
            (
                hc.PortBindings or hc.PublishAllPorts,
                "conflicting options: port publishing and the container type network mode",
            ),
            (
                spec.Config.ExposedPorts,
                "conflicting options: port exposing and the container type network mode",
            ),
            (spec.Config.MacAddress or (profile.mac_address_per_container and mac_of(spec)),
             "conflicting options: mac-address and the network mode"),
        )
        for value, message in checks:
            if value:
                raise DaemonError(message, status=400)

    def owner(self, c: ContainerState, find: Callable[[str], ContainerState],
              profile: EngineProfile) -> ContainerState:
        """The running container whose namespace ``c`` joins at its start (``find`` looks a
        reference up as the daemon does); Docker's error if there is none."""
        ref = c.network_mode.split(":", 1)[1]
        legacy = profile.netns_join_legacy_texts
        try:
            owner = find(ref)
        except DaemonError as err:
            # daemon/container_operations.go getNetworkedContainer (v28.5.2:902; ≤ 27.x
            # bare: EngineProfile.netns_join_legacy_texts)
            if legacy:
                raise
            raise DaemonError(f"joining network namespace of container: {err.text}",
                              status=err.status) from None
        if owner.id == c.id:
            raise DaemonError("cannot join own network" if legacy
                              else "cannot join own network namespace", status=400)
        if not owner.running:
            # daemon/container_operations.go getNetworkedContainer (≤ 27.x: the mode's
            # reference, which create stored as the owner's ID)
            raise DaemonError(
                f"cannot join network of a non running container: {ref}" if legacy else
                "cannot join network namespace of a non running container: container "
                f"{owner.name} is {owner.status}",
                status=409,
            )
        return owner


#: the one container mode
CONTAINER_MODE = ContainerMode()
