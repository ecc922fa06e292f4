"""The daemon's errors that several of its concerns raise, in Docker's words."""

from __future__ import annotations

from netsim.errors import DaemonError
from netsim.images import runtime_reason
from netsim.versions import EngineProfile

__all__ = ["attach_timeout", "not_found_container", "not_found_network", "runc_start_error"]


def not_found_container(ref: str) -> DaemonError:
    """No container by that reference (daemon/errors.go containerNotFound)."""
    return DaemonError(f"No such container: {ref}", status=404)


def attach_timeout() -> DaemonError:
    """swarmkit's allocator could not give a container's attachment (or the node's load
    balancer) an address: the attachment never becomes ready and the daemon gives up
    (daemon/cluster/networks.go AttachNetwork; measured: 56-swarm-overlay-errors, a /30)."""
    return DaemonError("attaching to network failed, make sure your network options are "
                       "correct and check manager logs: context deadline exceeded")


def not_found_network(ref: str) -> DaemonError:
    """No network by that reference."""
    # daemon/libnetwork/error.go ErrNoSuchNetwork
    return DaemonError(f"network {ref} not found", status=404)


def runc_start_error(profile: EngineProfile, program: str, reason: str) -> DaemonError:
    """The daemon's error when runc cannot start a container's main program (containerd's and
    runc's words, as each engine's packaged runtime prints them)."""
    context = "error during container init: " if profile.runc_init_error_context else ""
    tail = ": unknown" if profile.runtime_errors_end_in_unknown else ""
    # EngineProfile.create_task_error_prefix, runc_reports_eisdir
    prefix = "failed to create task for container: " if profile.create_task_error_prefix else ""
    return DaemonError(
        f"{prefix}failed to create shim task: OCI runtime create "
        f"failed: runc create failed: unable to start container process: {context}"
        f'exec: "{program}": {runtime_reason(reason, tail, eisdir=profile.runc_reports_eisdir)}',
        status=500)
