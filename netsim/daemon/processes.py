"""What a container's main program does, from the image's facts (:mod:`netsim.images`): the ports
it listens on, whether it keeps running or exits (and with what), whether runc can exec it,
and the status ``docker stop``/``kill`` leave."""

from __future__ import annotations

from functools import cached_property

from netsim.api import ContainerConfig, ContainerDecl, ContainerSpec, ImageDecl
from netsim.api.trusted import evolve
from netsim.daemon.core import EngineCore
from netsim.daemon.errors import runc_start_error
from netsim.daemon.runtime import HostRuntime
from netsim.images import (
    ImageInfo,
    bind_failure,
    default_command_runs,
    effective_argv,
    exec_failure,
    listening_ports,
    lookup,
    stop_exit_code,
    unmet_env,
    usage_failure,
)
from netsim.state import ContainerState

__all__ = ["ProcessesMixin", "image_exposed"]


class ProcessesMixin(EngineCore):
    """Containers' main programs, as the images netsim knows (or is told of) run them."""

    #: main programs, by image facts and program settings (``_program``)
    _program_memo: dict[tuple[object, ...], _Program]

    def declare_image(self, decl: ImageDecl) -> None:
        """Facts about an image netsim does not know (``# netsim: image …``): containers
        started from now on follow them."""
        self.images[decl.name] = decl
        self._image_cache.clear()

    def declare_container(self, decl: ContainerDecl) -> None:
        """Facts about the container named ``decl.name`` on ``decl.host``, whatever its image
        (``# netsim: container …``): the one there now and any created later with that name.
        ``listen`` and ``tools`` apply at once to a running container; ``runs`` decides from
        its next start (a declaration before the ``docker run`` covers the first)."""
        self.container_decls[(decl.host, decl.name)] = decl
        rt = self._rt(decl.host)
        c = rt.containers.get(decl.name)
        if c is not None and c.running and decl.listen is not None:
            rt.containers[c.name] = evolve(c, listening=decl.listen)

    def _image_seen(self, host: str, name: str, reference: str) -> None:
        """A container of ``reference`` was created: keep the image when nothing is known of
        it (``_note_image``, its facts looked up here)."""
        if reference in self.unknown_images or (host, name) in self.container_decls:
            return
        try:
            info = self._facts(reference, host=host)
        except ValueError:  # not a valid reference: the daemon refused it before
            return
        self._note_image(host, name, reference, info)

    def _note_image(self, host: str, name: str, reference: str,
                    info: ImageInfo | ImageDecl | None) -> None:
        """A container of ``reference``, whose image's facts are ``info``, was created: keep
        the image when nothing is known of it (neither the catalogue nor a declaration of the
        image or of that container)."""
        if info is None and (host, name) not in self.container_decls:
            self.unknown_images[reference] = None

    def _declared_tools(self) -> dict[str, tuple[str, ...]]:
        """The tools declared for each container (by ID): its own declaration's, else its
        image's (State.declared_tools)."""
        if not any(d.tools is not None for d in self.container_decls.values()) and not any(
                d.tools is not None for d in self.images.values()):
            return {}
        out: dict[str, tuple[str, ...]] = {}
        for host, rt in self._hosts.items():
            for c in rt.containers.values():
                own = self.container_decls.get((host, c.name))
                if own is not None and own.tools is not None:
                    out[c.id] = own.tools
                    continue
                info = self._image(c.spec.Config.Image)
                if isinstance(info, ImageDecl) and info.tools is not None:
                    out[c.id] = info.tools
        return out

    def _image(self, reference: str) -> ImageInfo | ImageDecl | None:
        if reference in self.images:
            return self.images[reference]
        if reference not in self._image_cache:
            self._image_cache[reference] = self._lookup_image(reference)
        return self._image_cache[reference]

    def _lookup_image(self, reference: str) -> ImageInfo | ImageDecl | None:
        if reference in self.images:
            return self.images[reference]
        base = reference.split("@")[0]
        repo = base.rsplit(":", 1)[0] if ":" in base.rsplit("/", 1)[-1] else base
        if repo in self.images:
            return self.images[repo]
        return lookup(reference)

    def _program(self, cfg: ContainerConfig, image_id: str = "") -> _Program:
        """The main program ``cfg`` runs in a container made from ``image_id`` (its image's
        facts: ``_facts``). One per image facts and main-program settings: what the images'
        rules say of a main program (its argv, ports, whether it runs, refuses or cannot be
        exec'd) depends on nothing else, and 10,000 ``docker run nginx`` ask the same; the
        memo's key is the facts' id and every ContainerConfig field _Program reads. The facts
        are kept with the answers, so their id is not reused while they are."""
        info = self._facts(cfg.Image, image_id=image_id)
        key = (id(info), cfg.Cmd, cfg.Entrypoint, cfg.Env, cfg.OpenStdin, cfg.Tty)
        hit = self._program_memo.get(key)
        if hit is not None and hit.info is info:
            return hit
        program = self._program_memo[key] = _Program(info, cfg)
        return program

    def _listening(self, spec: ContainerSpec, where: tuple[str, str] | None = None,
                   image_id: str = "") -> tuple[str, ...]:
        """The ports the container's processes listen on (images.listening_ports); ``where``
        (host, name): a ``# netsim: container NAME listens …`` declaration wins."""
        own = self.container_decls.get(where) if where is not None else None
        if own is not None and own.listen is not None:
            return own.listen
        return self._program(spec.Config, image_id).listening

    def _main_process(self, rt: HostRuntime, c: ContainerState,
                      owner: ContainerState | None) -> tuple[int | None, str, tuple[str, ...]]:
        """The start of ``c``'s main program, once its networking is up: Docker's error if
        runc cannot exec it; else its exit code if it ends at once (None: it keeps running),
        what it printed on stderr then, and the ports it listens on. A ``# netsim: container
        NAME`` declaration's ``listens`` and ``runs`` win over the image's facts."""
        cfg = c.spec.Config
        program = self._program(cfg, c.image_id)
        # runc cannot start the main program (images.exec_failure): the start fails once the
        # networking is set up (daemon/start.go: the task is created after
        # initializeNetworking), with containerd's and runc's words; docker run turns them
        # into 127 or 126
        failed = program.exec_failure
        if failed is not None:
            raise runc_start_error(self.profile, *failed)
        own = self.container_decls.get((rt.host.name, c.name))
        listening = (own.listen if own is not None and own.listen is not None
                     else program.listening)
        if self.hold_foreground:
            return None, "", listening
        if own is not None and own.runs is not None:
            keeps = own.runs == "server" or (own.runs == "shell" and (cfg.OpenStdin or cfg.Tty))
            exit_code = None if keeps else 0
        else:
            exit_code = program.outcome
        if exit_code is not None:
            return exit_code, "", listening
        return (*self._early_exit(rt, c, owner, program, listening), listening)

    def _early_exit(self, rt: HostRuntime, c: ContainerState, owner: ContainerState | None,
                    program: _Program, listening: tuple[str, ...]) -> tuple[int | None, str]:
        """A main program that starts and ends at once: one refusing its options
        (images.usage_failure), or a server whose port another process of its network
        namespace already holds (images.bind_failure; measured: BusyBox httpd -f and nc -l
        beside a host-network server or a published port, 20-host-network-service)."""
        info = program.info
        if not isinstance(info, ImageInfo):
            return None, ""
        argv, refused = program.usage
        if refused is not None:
            return 1, refused
        held = self._namespace_ports(rt, c, owner)
        if held and any(k.endswith("/tcp") and k in held for k in listening):
            return 1, bind_failure(info, argv)
        return None, ""

    def _namespace_ports(self, rt: HostRuntime, c: ContainerState,
                         owner: ContainerState | None) -> set[str]:
        """The TCP ports already held in the network namespace ``c`` is joining: the host's
        (host-network containers' listeners, and every published host port, which the daemon
        binds for docker-proxy) or a ``container:`` owner's (its and its joiners' listeners)."""
        host_ns = c.network_mode == "host" or (owner is not None and owner.network_mode == "host")
        held: set[str] = set()
        if host_ns:
            for other in rt.containers.values():
                if other.id != c.id and other.running and (
                        other.network_mode == "host" or self._in_host_ns(rt, other)):
                    held.update(other.listening)
            held.update(f"{port}/{proto}" for (_a, proto, port) in rt.ports.bound)
        elif owner is not None:
            for other in rt.containers.values():
                if other.id != c.id and other.running and (
                        other.id == owner.id or other.sandbox_owner == owner.id):
                    held.update(other.listening)
        return held

    def _in_host_ns(self, rt: HostRuntime, c: ContainerState) -> bool:
        if c.sandbox_owner is None:
            return False
        owner = rt.containers.get(rt.names_by_id.get(c.sandbox_owner, ""))
        return owner is not None and owner.network_mode == "host"

    def _stop_exit_code(self, spec: ContainerSpec, *, signal: str | None = None,
                        kill: bool = False, image_id: str = "") -> int | None:
        """The status ``docker stop`` leaves: 0 if the main program handles the stop signal,
        137 if PID 1 ignores it and is killed after the timeout (images.stop_exit_code); for
        ``docker kill -s`` also None: the signal is ignored and the container runs on."""
        cfg = spec.Config
        info = self._facts(cfg.Image, image_id=image_id)
        init = spec.HostConfig.Init is True  # --init: docker-init is PID 1 (tini)
        if isinstance(info, ImageDecl):
            if cfg.Cmd or cfg.Entrypoint is not None:
                info = None
            elif info.runs == "shell":  # a declared image: a shell ignores SIGTERM
                return stop_exit_code(None, ("sh",), interactive=True, init=init,
                                      signal=signal, kill=kill)
            else:  # a declared server is assumed to handle it
                return stop_exit_code(None, ("server",), init=init, signal=signal, kill=kill)
        return stop_exit_code(info, cfg.Cmd, entrypoint=cfg.Entrypoint,
                              interactive=cfg.OpenStdin, tty=cfg.Tty, init=init,
                              signal=signal, kill=kill)


class _Program:
    """What the images' rules say of one main program (``cfg``'s Cmd, Entrypoint, Env,
    OpenStdin and Tty, only those) in a container whose image has the facts ``info``: each
    answer computed at its first use, and kept."""

    def __init__(self, info: ImageInfo | ImageDecl | None, cfg: ContainerConfig) -> None:
        self.info = info
        self.cfg = cfg

    @cached_property
    def listening(self) -> tuple[str, ...]:
        """The ports it listens on (images.listening_ports)."""
        info, cfg = self.info, self.cfg
        if isinstance(info, ImageDecl):
            if cfg.Cmd or cfg.Entrypoint is not None:
                return listening_ports(None, cfg.Cmd, entrypoint=cfg.Entrypoint)
            return info.listen if info.listen is not None else info.expose
        return listening_ports(info, cfg.Cmd, entrypoint=cfg.Entrypoint)

    @cached_property
    def outcome(self) -> int | None:
        """None if it keeps running, else its exit code."""
        return _outcome(self.info, self.cfg)

    @cached_property
    def exec_failure(self) -> tuple[str, str] | None:
        """The program runc cannot exec and why (images.exec_failure), if so."""
        info, cfg = self.info, self.cfg
        if not isinstance(info, ImageInfo):
            return None
        argv = effective_argv(info, cfg.Cmd, entrypoint=cfg.Entrypoint)
        found = exec_failure(info, argv[0]) if argv else None
        return (argv[0], found[1]) if found is not None else None

    @cached_property
    def usage(self) -> tuple[tuple[str, ...], str | None]:
        """Its argv, and what it prints refusing its options (None: it starts); an image
        netsim has facts of (ImageInfo) only."""
        assert isinstance(self.info, ImageInfo)
        return _usage(self.info, self.cfg)


def image_exposed(info: ImageInfo | ImageDecl | None) -> tuple[str, ...]:
    """The image's exposed ports."""
    if info is None:
        return ()
    if isinstance(info, ImageDecl):
        return info.expose
    return info.exposed


def _outcome(info: ImageInfo | ImageDecl | None, cfg: ContainerConfig) -> int | None:
    """None if the main program keeps running, else its exit code, by the image's facts."""
    if isinstance(info, ImageDecl):
        if cfg.Cmd:
            runs = default_command_runs(None, cfg.Cmd, cfg.OpenStdin, cfg.Tty)
        else:
            runs = info.runs == "server" or (
                info.runs == "shell" and (cfg.OpenStdin or cfg.Tty))
        return None if runs else 0
    env = dict(e.partition("=")[::2] for e in cfg.Env)
    if default_command_runs(info, cfg.Cmd, cfg.OpenStdin, cfg.Tty, env=env,
                            entrypoint=cfg.Entrypoint):
        return None
    if info is None:
        return 0
    argv = effective_argv(info, cfg.Cmd, entrypoint=cfg.Entrypoint)
    if argv and argv[-1].rsplit("/", 1)[-1] == "false" and len(cfg.Cmd) == 1:
        return 1  # `false` fails, as it does everywhere
    missing = unmet_env(info, argv, env)
    if missing is not None:  # the entrypoint refuses to start (e.g. MYSQL_ROOT_PASSWORD)
        return missing.exit_code
    return info.exit_code or 0


def _usage(info: ImageInfo, cfg: ContainerConfig) -> tuple[tuple[str, ...], str | None]:
    """The main program's argv, and what it prints refusing its options (None: it starts)."""
    argv = effective_argv(info, cfg.Cmd, entrypoint=cfg.Entrypoint)
    return argv, usage_failure(info, argv)
