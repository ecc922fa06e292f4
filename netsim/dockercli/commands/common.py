"""What several commands share: the CLI's wording of errors, the container or network a command
names, a listing's refusals."""

from __future__ import annotations

from collections.abc import Callable

from netsim.dockercli.commands.context import NOT_SIMULATED, Output, Session
from netsim.dockercli.output import tables
from netsim.errors import DaemonError, DockerCliError, DockerError
from netsim.images import ImageInfo
from netsim.state import ContainerState

__all__ = ["client_text", "daemon_text", "find_container", "inspected", "listing",
           "not_found_network"]


def image_info(session: Session, host: str, ref: str) -> ImageInfo | None:
    """What netsim knows of the image ``ref`` names on ``host``: the daemon's stored image
    (built, committed, loaded) or the catalogue's (``ValueError`` for a bad reference)."""
    facts = session.engine.image_facts(host, ref)
    return facts if isinstance(facts, ImageInfo) else None


def daemon_text(err: DockerError) -> str:
    """An error as the docker CLI prints it: a daemon's prefixed ``Error response from daemon:``."""
    return f"Error response from daemon: {err.text}" if isinstance(err, DaemonError) else err.text


def client_text(session: Session, err: DockerError, kind: str, ref: str) -> str:
    """An error of a client call the moby client ≤ 20.10 wraps: a 404 reads ``Error: No such
    KIND: REF`` (REF as passed; EngineProfile.client_not_found_wrapped)."""
    if (session.profile.client_not_found_wrapped and isinstance(err, DaemonError)
            and err.status == 404):
        return f"Error: No such {kind}: {ref}"
    return daemon_text(err)


def inspected(session: Session, host: str, ref: str) -> ContainerState:
    """The container a CLI command inspects first (ContainerInspect): a 404 in the client's
    words (:func:`client_text`)."""
    try:
        return find_container(session, host, ref)
    except DaemonError as err:
        if session.profile.client_not_found_wrapped and err.status == 404:
            raise DockerCliError(client_text(session, err, "container", ref)) from None
        raise


def find_container(session: Session, host: str, ref: str) -> ContainerState:
    """A container by ID, name or ID prefix, without building a whole snapshot."""
    return session.engine.find_container(host, ref)


def not_found_network(session: Session, ref: str) -> DockerError:
    """NetworkInspect of a network the daemon does not have (:func:`client_text`)."""
    err = DaemonError(f"network {ref} not found", status=404)
    if session.profile.client_not_found_wrapped:
        return DockerCliError(client_text(session, err, "network", ref))
    return err


def listing(out: Output, make: Callable[[], str]) -> None:
    """A table, or a plain note when it uses a filter or template netsim does not simulate."""
    from netsim.golang.template import UnsupportedTemplate

    try:
        out.stdout.append(make())
    except tables.UnsupportedFilter as err:
        out.err(f"netsim: the filter '{err}' is not simulated", NOT_SIMULATED)
    except UnsupportedTemplate as err:
        out.err(f"netsim: this --format template is not simulated: {err}", NOT_SIMULATED)
    except tables.FormatError as err:
        out.err(str(err), 1)
