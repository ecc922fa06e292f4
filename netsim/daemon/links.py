"""Legacy links (``--link``, the default bridge only): registered at create, checked at every
start and exec, removed with ``docker rm -l`` (daemon/daemon_unix.go registerLinks,
container_operations_unix.go setupLinkedContainers, delete.go rmLink)."""

from __future__ import annotations

from netsim.api import ContainerSpec
from netsim.api.trusted import evolve
from netsim.daemon.core import EngineCore, Outcome
from netsim.daemon.drivers import CONTAINER_MODE
from netsim.daemon.runtime import HostRuntime
from netsim.errors import DaemonError
from netsim.state import ContainerState

__all__ = ["LinksMixin"]


def _is_user_defined_mode(mode: str) -> bool:
    # api/types/container NetworkMode.IsUserDefined
    return mode not in ("default", "bridge", "host", "none") and not CONTAINER_MODE.applies(mode)


class LinksMixin(EngineCore):
    """Legacy links between containers of one host."""

    def _register_links(
        self, rt: HostRuntime, spec: ContainerSpec, mode: str
    ) -> list[tuple[str, str]]:
        """Legacy links (default bridge only): daemon/daemon_unix.go registerLinks."""
        if not spec.HostConfig.Links or _is_user_defined_mode(mode):
            return []
        out = []
        for link in spec.HostConfig.Links:
            target, _, alias = link.partition(":")
            target = target.lstrip("/")
            try:
                child = self._find_container(rt, target)
            except DaemonError as err:
                raise DaemonError(f"could not get container for {target}: {err.text}",
                                  status=400) from None
            if child.network_mode == "host":
                raise DaemonError(
                    "conflicting options: host type networking can't be used with links. This "
                    "would result in undefined behavior",
                    status=400,
                )
            out.append((child.name, alias or child.name))
        return out

    def _check_links(self, rt: HostRuntime, c: ContainerState) -> None:
        """Legacy links, when the container is on the default bridge (v28.5.2:daemon/
        container_operations_unix.go:32-60 setupLinkedContainers, at every start and every
        exec): each target must run and have a default-bridge endpoint. A container on
        ``none`` or a user-defined network keeps its links unchecked (measured:
        50-run-create-network-errors, ``--network none --link`` runs)."""
        if not c.legacy_links or c.endpoint("bridge") is None:
            return
        for child_name, alias in c.legacy_links:
            child = rt.containers.get(child_name)
            if child is None or not child.running:
                raise DaemonError(
                    f"Cannot link to a non running container: /{child_name} AS /{c.name}/{alias}"
                )
            if child.endpoint("bridge") is None:
                raise DaemonError(f"container {child.id} not attached to default bridge network")

    def _check_linkable(self, rt: HostRuntime, c: ContainerState) -> None:
        """≤ 27.x: once the default-bridge endpoint is made, the sandbox's options refuse a link
        target without a default-bridge endpoint, running or not (v26.1.5:daemon/
        container_operations.go:159-172 buildSandboxOptions isLinkable;
        EngineProfile.link_needs_default_network_first)."""
        if not c.legacy_links or c.endpoint("bridge") is None:
            return
        for child_name, _alias in c.legacy_links:
            child = rt.containers.get(child_name)
            if child is not None and child.endpoint("bridge") is None:
                raise DaemonError(f"Cannot link to /{child_name}, as it does not belong to the "
                                  "default network")

    def _link_rm(self, rt: HostRuntime, ref: str) -> Outcome:
        """``docker rm -l PARENT/ALIAS``: the parent forgets the link, its /etc/hosts entry and
        environment go (v28.5.2:daemon/delete.go:63-86 rmLink)."""
        child = self._find_container(rt, ref)  # a link name resolves to its target
        name = ref if ref.startswith("/") else "/" + ref
        parent, _, alias = name.rpartition("/")
        if not parent:
            raise DaemonError("Conflict, cannot remove the default link name of the container")
        owner = rt.containers.get(parent.lstrip("/"))
        if owner is None:
            raise DaemonError(f"Cannot get parent {parent} for link name {name}")
        kept = tuple(link for link in owner.legacy_links if link[1] != alias)
        rt.containers[owner.name] = evolve(owner, legacy_links=kept)
        return Outcome(id=child.id)
