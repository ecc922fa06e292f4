"""Commands about images and the like, which change no networking: ``docker pull`` (Docker
Content Trust's refusal) and the ones netsim only notes (``docker images``)."""

from __future__ import annotations

from netsim.dockercli.commands.context import NOT_SIMULATED, Output, Session
from netsim.dockercli.commands.run import content_trust
from netsim.dockercli.parse import ParsedCommand

__all__ = ["noop", "pull"]


def pull(session: Session, p: ParsedCommand, host: str, out: Output) -> None:
    """``docker pull``: only Docker Content Trust's refusal (≤ 28.x) is simulated."""
    from netsim.dockercli.commands.registry import registry_pull
    from netsim.images import parse_image_ref

    if registry_pull(session, p, host, out):  # a registry on the network (not Docker Hub)
        return
    image = p.args[0]
    if session.profile.cli_content_trust and p.get("disable-content-trust") == "false":
        try:
            ref = parse_image_ref(image)
        except ValueError:
            ref = None
        if ref is not None and not ref.tag_explicit and not ref.digest:
            out.out("Using default tag: latest")  # cli/command/image/pull.go
        if content_trust(session, p, image, out):
            return
    noop(session, p, host, out)


def noop(session: Session, p: ParsedCommand, host: str, out: Output) -> None:
    """A command that changes nothing netsim models (``docker images`` …): not simulated (the
    replay makes it a quiet step and one note: netsim.hostshell.not_simulated)."""
    out.err(f"netsim: 'docker {p.path}' is not simulated", NOT_SIMULATED)
