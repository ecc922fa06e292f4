"""Containers: ``docker create/run/start/stop/kill/restart/pause/unpause/rm/rename`` and
``exec``'s checks -- names, IDs, the network mode, the start (networking, then the program)
and what a failed start or a stop leaves (exit codes, endpoints kept for the next start).
"""

from __future__ import annotations

import re
from functools import cache

from netsim.api import ContainerSpec
from netsim.api.trusted import build, evolve
from netsim.daemon import ids
from netsim.daemon.core import EngineCore, Outcome
from netsim.daemon.drivers import CONTAINER_MODE
from netsim.daemon.drivers.container import mac_of
from netsim.daemon.endpoints import dns_names
from netsim.daemon.ports import port_sort_key
from netsim.daemon.processes import image_exposed
from netsim.daemon.runtime import HostRuntime
from netsim.errors import DaemonError
from netsim.state import ContainerState, EndpointState

__all__ = ["ContainersMixin"]


class ContainersMixin(EngineCore):
    """Containers of one host's daemon."""

    def _container_create(self, rt: HostRuntime, spec: ContainerSpec, *, start: bool) -> Outcome:
        name = spec.name
        host = rt.host.name
        # daemon/create.go containerCreate: verifyContainerSettings (a bind's source) before
        # the name is reserved
        self._check_mounts(rt, spec)
        if name is not None and name in rt.containers:
            other = rt.containers[name]
            # daemon/errors.go nameConflictError
            raise DaemonError(
                f'Conflict. The container name "/{name}" is already in use by container '
                f'"{other.id}". You have to remove (or rename) that container to be able to '
                "reuse that name.",
                status=409,
            )
        mode = spec.network_mode
        warnings: list[str] = []
        self._validate_network_mode(rt, spec, mode)
        endpoints_config = spec.NetworkingConfig.EndpointsConfig
        if self.profile.single_network_at_create and len(endpoints_config) > 1:
            # v20.10.24:daemon/create.go:331-341 (EngineProfile.single_network_at_create); the
            # names are the EndpointsConfig keys as given, in Go map order
            names = ", ".join(endpoints_config)
            raise DaemonError(f"Container cannot be connected to network endpoints: {names}",
                              status=400)
        if CONTAINER_MODE.applies(mode):
            # daemon_unix.go adaptSharedNamespaceContainer (v28.5.2:407-412): a target that
            # exists is stored by ID (a later error names the ID once it is removed)
            target = self.container(host, CONTAINER_MODE.target(mode))
            if target is not None:
                mode = CONTAINER_MODE.of(target.id)
        endpoints = self._initial_endpoints(rt, spec, mode)
        legacy_links = self._register_links(rt, spec, mode)
        if name is None:
            name = self._generate_name(rt)
        idx = self._nth("container", host, name)
        cid = ids.hex_id(self.seed, "container", host, name, idx)
        inherited = self._mount_volumes(rt, spec, cid)  # daemon/volumes.go registerMountPoints
        image = spec.Config.Image
        image_id, info = self._created_image(host, image)
        exposed = sorted(
            set(image_exposed(info))
            | set(spec.Config.ExposedPorts)
            | set(spec.HostConfig.PortBindings),
            key=port_sort_key,
        )
        if self.profile.kernel_memory_warning and (spec.HostConfig.KernelMemory or 0) > 0:
            # v20.10.24:daemon/daemon_unix.go:469-474 (EngineProfile.kernel_memory_warning)
            warnings.append("Specifying a kernel memory limit is deprecated and will be removed "
                            "in a future release.")
        if mode == "host" and spec.HostConfig.PortBindings:
            # daemon/daemon_unix.go verifyPlatformContainerSettings
            warnings.append("Published ports are discarded when using host network mode")
        # daemon/container.go: the short ID; host mode: the host's (container: mode takes the
        # owner's at start, initializeNetworkingPaths)
        hostname = spec.Config.Hostname or cid[:12]
        if mode == "host" and not spec.Config.Hostname:
            hostname = rt.host.effective_hostname
        state = build(
            ContainerState,
            id=cid,
            name=name,
            host=host,
            spec=spec,
            hostname=hostname,
            network_mode=mode,
            endpoints=tuple(endpoints),
            exposed_ports=tuple(exposed),
            legacy_links=tuple(legacy_links),
            inherited_mounts=inherited,
            created=self.clock,
            image_id=image_id or _catalogue_image_id(image.split("@")[0]),
        )
        rt.containers[name] = state
        rt.names_by_id[cid] = name
        if state.network_mode == "host":
            rt.host_mode.add(cid)
        self.last_created = cid
        self._note_image(host, name, image, info)
        if start:
            # a failed start leaves the container created, as Docker does
            exited = self._start(rt, state)
            return Outcome(id=cid, warnings=tuple(warnings), exit_code=exited,
                           stderr=self._last_stderr if exited is not None else "")
        return Outcome(id=cid, warnings=tuple(warnings))

    def _generate_name(self, rt: HostRuntime) -> str:
        retry = 0
        index = self._nth("anonymous", rt.host.name)
        while True:
            name = ids.generated_name(self.seed, index, retry)
            if name not in rt.containers:
                return name
            retry += 1

    def _validate_network_mode(self, rt: HostRuntime, spec: ContainerSpec, mode: str) -> None:
        """Create-time checks of HostConfig/NetworkingConfig (daemon/internal/runconfig)."""
        # daemon/internal/runconfig/hostconfig.go validateNetContainerMode
        CONTAINER_MODE.validate(spec, mode, self.profile)
        if mode != "host":
            return
        if self.profile.mac_address_per_container and mac_of(spec):
            # v20.10.24:runconfig/hostconfig.go:67-69 (EngineProfile.mac_address_per_container)
            raise DaemonError("conflicting options: mac-address and the network mode", status=400)
        if spec.HostConfig.Links:
            # daemon/daemon_unix.go registerLinks
            raise DaemonError(
                "conflicting options: host type networking can't be used with links. This would "
                "result in undefined behavior",
                status=400,
            )

    def _container_start(self, rt: HostRuntime, ref: str) -> Outcome:
        c = self._find_container(rt, ref)
        if c.paused:
            # daemon/start.go ContainerStart: checked before Running (v20.10.24:31, v28.5.2)
            raise DaemonError("cannot start a paused container, try unpause instead",
                              status=409)
        if c.running:
            return Outcome(id=c.id)  # docker start on a running container: a no-op
        exited = self._start(rt, c)  # set: the main process ended at once (start -a's status)
        return Outcome(id=c.id, exit_code=exited,
                       stderr=self._last_stderr if exited is not None else "")

    def _container_pause(self, rt: HostRuntime, ref: str, *, pause: bool) -> Outcome:
        """``docker pause``/``unpause`` (daemon/pause.go containerPause: not running, then
        errNotPaused's "already paused"; daemon/unpause.go: "not paused" first, running or
        not). The freezer leaves the sandbox, endpoints and port mappings as they are."""
        c = self._find_container(rt, ref)
        if not pause and not c.paused:
            raise DaemonError(f"Container {c.id} is not paused", status=500)
        if pause and not c.running:
            raise DaemonError(self.profile.not_running_message.format(id=c.id), status=409)
        if pause and c.paused:
            raise DaemonError(f"Container {c.id} is already paused", status=409)
        rt.containers[c.name] = evolve(c, paused=pause)
        return Outcome(id=c.id)

    def _start(self, rt: HostRuntime, c: ContainerState) -> int | None:
        """Start a container: join its sandbox's networks, bind its ports
        (daemon/container_operations.go allocateNetwork)."""
        shared = CONTAINER_MODE.applies(c.network_mode)
        owner = None
        if shared:
            owner = CONTAINER_MODE.owner(c, lambda ref: self._find_container(rt, ref),
                                         self.profile)
        joined: list[EndpointState] = []
        try:
            if not shared:
                for ep in c.endpoints:
                    if not ep.gateway_only:
                        joined.append(self._join(rt, c, ep, len(joined)))
                joined = list(self._default_gateway(rt, c, joined))
            if self.profile.link_needs_default_network_first:
                self._check_linkable(rt, c)
            mappings = self._bind_ports(rt, c, joined)
            # the OCI spec is made once the networking is up (daemon/start.go createSpec)
            self._check_links(rt, c)
            exit_code, stderr, listening = self._main_process(rt, c, owner)
        except DaemonError as err:
            for ep in joined:
                self._release_endpoint(rt, ep, c.id)
            self._sandbox_gone(rt, c.id)
            rt.ports.release(c.id)
            if self.profile.setup_networking_prefix and not err.text.startswith((
                    "failed to set up container networking", "failed to create task")) and not (
                    shared or "non running" in err.text
                    or err.text.endswith("not attached to default bridge network")):
                # daemon/start_linux.go: errSetupNetworking wraps network set-up failures
                err = DaemonError(f"failed to set up container networking: {err.text}",
                                  status=err.status)
            self._start_failed(rt, c, err.text)
            if c.spec.HostConfig.AutoRemove:
                # daemon/start.go containerStart (v28.5.2:119-126): a failed start of an
                # AutoRemove container removes it
                self._remove(rt, rt.containers.get(c.name, c))
            raise err from None
        self._last_stderr = stderr
        # libnetwork creates a sandbox per start (controller.go NewSandbox: a random ID); a
        # container: joiner shares its owner's current one
        changes = ({"sandbox_owner": owner.id, "hostname": owner.hostname,
                    "sandbox_id": owner.sandbox_id} if owner else
                   {"sandbox_id": ids.hex_id(self.seed, "sandbox", c.id,
                                             self._nth("sandbox", c.id))})
        if stderr:
            changes["main_stderr"] = stderr
        new = evolve(c,
            **changes,
            status="running",
            endpoints=tuple(joined) if joined else c.endpoints,
            embedded_dns=any(self._needs_resolver(rt, e) for e in joined),
            port_mappings=tuple(mappings),
            listening=listening,
            started=self.clock,
            # FinishedAt keeps the last stop (daemon/container/state.go SetRunning)
            exit_code=0,
            error="",  # container/state.go setRunning: ErrorMsg = ""
        )
        rt.containers[c.name] = new
        if exit_code is not None:  # the main process ended by itself
            self._stop(rt, new, exit_code=exit_code)
        return exit_code

    def _start_failed(self, rt: HostRuntime, c: ContainerState, text: str) -> None:
        """A failed start's State: Error is the error's text, ExitCode 126/127 where the
        runtime could not exec the program (daemon/errors.go setExitCodeFromError; v20.10.24
        translateContainerdStartErr), else 128 (exitUnknown) unless a code is already set;
        the status stays (v28.5.2:daemon/start.go:106-113, v20.10.24:daemon/start.go:121-127)."""
        low = text.lower()
        code = c.exit_code
        if "oci runtime" in low and ("permission denied" in low or "is a directory" in low):
            code = 126
        elif "oci runtime" in low and ("no such file or directory" in low
                                       or "executable file not found" in low
                                       or "not a directory" in low):
            code = 127
        elif code == 0:
            code = 128
        rt.containers[c.name] = evolve(c, error=text, exit_code=code)

    def exec_create(self, host: str, ref: str) -> ContainerState:
        """``docker exec``'s daemon checks (v28.5.2:daemon/exec.go ContainerExecCreate): the
        container must run, and its legacy links must still hold (setupLinkedContainers: a
        removed or stopped link target makes every exec fail). Returns the container."""
        rt = self._rt(host)
        c = self._find_container(rt, ref)
        if not c.running:
            raise DaemonError(self.profile.not_running_message.format(id=c.id), status=409)
        if c.paused:  # getActiveContainer: errExecPaused(name), the reference as given
            raise DaemonError(f"Container {ref} is paused, unpause the container before exec",
                              status=409)
        self._check_links(rt, c)
        return c

    def _container_stop(self, rt: HostRuntime, ref: str, exit_code: int | None = None, *,
                        signal: str | None = None, kill: bool = False) -> Outcome:
        c = self._find_container(rt, ref)
        if c.running:
            if exit_code is None:
                exit_code = self._stop_exit_code(c.spec, signal=signal, kill=kill,
                                                 image_id=c.image_id)
                if exit_code is None:  # docker kill -s: the main process ignored the signal
                    return Outcome(id=c.id)
            self._stop(rt, c, exit_code=exit_code)
        return Outcome(id=c.id)

    def _stop(self, rt: HostRuntime, c: ContainerState, exit_code: int | None = None) -> None:
        """Stop: release addresses and ports; keep the endpoint configuration
        (container_operations.go releaseNetwork)."""
        for ep in c.endpoints:
            self._release_endpoint(rt, ep, c.id)
        self._sandbox_gone(rt, c.id)
        rt.ports.release(c.id)
        if exit_code is None:
            exit_code = self._stop_exit_code(c.spec, image_id=c.image_id) or 0
        cleared = tuple(
            build(EndpointState, network=e.network, network_id=e.network_id, config=e.config)
            for e in c.endpoints
            if not e.gateway_only
        )
        new = evolve(c,
            status="exited",
            paused=False,  # container/state.go SetStopped (stop/kill thaw it first)
            embedded_dns=False,
            exit_code=exit_code,
            # ≤ 26.x releaseNetwork leaves a stopped container's SandboxID (inspect)
            sandbox_id=c.sandbox_id if (self.profile.stopped_keeps_sandbox
                                           and c.sandbox_owner is None) else "",
            endpoints=cleared,
            port_mappings=(),
            finished=self.clock,
        )
        rt.containers[c.name] = new
        if c.spec.HostConfig.AutoRemove:
            self._remove(rt, new)

    def _container_rm(self, rt: HostRuntime, ref: str, force: bool) -> Outcome:
        c = self._find_container(rt, ref)
        if c.running and not force:
            # daemon/delete.go containerRm + cleanupContainer (a paused one: "Unpause and then
            # stop…", v20.10.24:84-88; "must be unpaused first", v26.1.5:93-94, v28.5.2:93-94)
            if self.profile.rm_running_legacy_text:  # EngineProfile.rm_running_legacy_text
                if c.paused:
                    raise DaemonError(
                        f"You cannot remove a paused container {c.id}. Unpause and then stop "
                        "the container before attempting removal or force remove", status=409)
                raise DaemonError(
                    f"You cannot remove a running container {c.id}. Stop the container before "
                    "attempting removal or force remove", status=409)
            # EngineProfile.rm_error_names_container
            shown = f"/{c.name}" if self.profile.rm_error_names_container else ref
            if c.paused:
                raise DaemonError(f'cannot remove container "{shown}": container is paused and '
                                  "must be unpaused first", status=409)
            raise DaemonError(
                f'cannot remove container "{shown}": container is running: stop the container '
                "before removing or force remove",
                status=409,
            )
        if c.running:
            self._stop(rt, c, exit_code=137)
            c = rt.containers.get(c.name, c)
        self._remove(rt, c)
        return Outcome(id=c.id)

    def _remove(self, rt: HostRuntime, c: ContainerState) -> None:
        # --rm removes its anonymous volumes too (daemon/monitor.go: RemoveVolume)
        self._release_volumes(rt, c, remove_anonymous=c.spec.HostConfig.AutoRemove)
        rt.containers.pop(c.name, None)
        rt.names_by_id.pop(c.id, None)
        rt.host_mode.discard(c.id)

    def _container_rename(self, rt: HostRuntime, ref: str, new_name: str) -> Outcome:
        c = self._find_container(rt, ref)
        new_name = new_name.removeprefix("/")
        if new_name == c.name:
            raise DaemonError("Renaming a container with the same name as its current name",
                              status=400)
        # daemon/rename.go:52 wraps what daemon/names.go reserveName refuses
        if not re.fullmatch(r"[a-zA-Z0-9][a-zA-Z0-9_.-]+", new_name):
            raise DaemonError(
                f"Error when allocating new name: Invalid container name (/{new_name}), only "
                "[a-zA-Z0-9][a-zA-Z0-9_.-] are allowed", status=400)
        if new_name in rt.containers:
            other = rt.containers[new_name]
            raise DaemonError(
                f'Error when allocating new name: Conflict. The container name "/{new_name}" '
                f'is already in use by container "{other.id}". You have to remove (or rename) '
                "that container to be able to reuse that name.",
                status=409,
            )
        spec = evolve(c.spec, name=new_name)
        renamed = evolve(c, name=new_name, spec=spec)
        # daemon/rename.go: the DNS names are rebuilt
        eps = tuple(
            evolve(e, dns_names=dns_names(renamed, rt.networks[e.network].state, e.config))
            if e.active and e.network in rt.networks
            else e
            for e in c.endpoints
        )
        renamed = evolve(renamed, endpoints=eps)
        del rt.containers[c.name]
        rt.containers[new_name] = renamed
        rt.names_by_id[c.id] = new_name
        return Outcome(id=c.id)


@cache
def _catalogue_image_id(reference: str) -> str:
    """The ID netsim gives an image it has only facts of (not in the host's store)."""
    return "sha256:" + ids.hex_id(0, "image", reference)
