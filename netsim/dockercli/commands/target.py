"""Which daemon a command talks to: ``-H``/``--host`` and ``--context`` name one of netsim's
hosts, the local socket, or an address where no daemon listens."""

from __future__ import annotations

from netsim.dockercli.commands.context import Output, Session
from netsim.dockercli.parse import ParsedCommand

__all__ = ["target_host"]


def target_host(session: Session, p: ParsedCommand, out: Output,
                default: str) -> str | None:
    """The host ``-H``/``--context`` names: one of netsim's hosts by name (or hostname;
    ``ssh://[user@]NAME``), or the local daemon's socket (``unix:///var/run/docker.sock``).
    A daemon listens on no TCP port (dockerd's default): ``-H tcp://ADDR:PORT`` or a bare
    address is "Cannot connect" (measured: conformance/recorded/28.5, 40-cli-unknown-
    commands-flags), with the address as docker/cli's opts.ParseHost writes it."""
    ref = None
    context = False
    for key, value in p.global_flags:
        if key in ("host", "context"):
            ref, context = value, key == "context"
    if ref is None:
        return default
    engine = session.engine

    def host_named(word: str) -> str | None:
        for name in engine.host_names:
            if word in (name, engine.host_declaration(name).effective_hostname):
                return name
        return None

    if context:  # a context named after a host (netsim's), or the default one
        found = default if ref == "default" else host_named(ref)
        if found is None:  # cli/context/store/metadatastore.go (root's ~/.docker)
            import hashlib

            digest = hashlib.sha256(ref.encode()).hexdigest()
            out.err(session.profile.cli_missing_context_error.format(
                name=ref, digest=digest), 1)
        return found

    proto, sep, rest = ref.partition("://")
    if not sep:
        proto, rest = "", ref
    shown = ref
    if proto == "unix":
        if rest in ("/var/run/docker.sock", "/run/docker.sock"):
            return default
    elif proto == "ssh":
        found = host_named(rest.split("@")[-1].split(":")[0].split("/")[0])
        if found is not None:
            return found
    elif proto in ("", "tcp"):
        found = host_named(rest) if proto == "" else None
        if found is not None:  # netsim's way to address another host: -H NAME
            return found
        hostport = rest.split("/")[0]
        if hostport.startswith("["):
            shown = f"tcp://{hostport if ']:' in hostport else hostport + ':2375'}"
        elif ":" in hostport:
            host, _, port = hostport.rpartition(":")
            shown = f"tcp://{host or '127.0.0.1'}:{port or '2375'}"
        else:
            shown = f"tcp://{hostport}:2375"
    out.err(
        f"Cannot connect to the Docker daemon at {shown}. Is the docker daemon running?", 1
    )
    return None
