"""``docker network create``, ``rm``, ``prune``, ``connect``, ``disconnect``, ``ls`` and
``inspect``."""

from __future__ import annotations

from typing import Any

from netsim.api import NetworkDisconnect, NetworkPrune, NetworkRemove
from netsim.dockercli.commands.common import client_text, listing, not_found_network
from netsim.dockercli.commands.context import NOT_SIMULATED, Output, Session
from netsim.dockercli.commands.endpoints import string_addresses
from netsim.dockercli.commands.inspect import inspect_refs
from netsim.dockercli.convert import network_connect, network_create
from netsim.dockercli.output import tables
from netsim.dockercli.parse import ParsedCommand
from netsim.errors import DaemonError, DockerError

__all__ = ["connect", "create_network", "disconnect", "inspect_network", "ls", "prune_networks",
           "rm_network"]


def create_network(session: Session, p: ParsedCommand, host: str, out: Output) -> None:
    """``docker network create``: the new network's ID."""
    profile = session.profile
    op = network_create(
        p, host=host, string_addresses=not profile.cli_parses_addresses,
        range_must_be_cidr=profile.cli_ip_range_must_be_cidr,
        ipam_validated=profile.ipam_config_validated)
    spec = op.network
    if spec.Driver == "overlay" and (spec.EnableIPv6 or any(
            c.Subnet is not None and c.Subnet.version == 6 for c in spec.IPAM.Config)):
        # the swarm allocator takes every config, the overlay driver needs an IPv4 one, and
        # 28.5/29.1's allocator fails an IPv6 pool (moby 1da3cec59c, after v29.1.5): none of
        # it is recorded, so it is said rather than guessed
        out.err("netsim: IPv6 on a swarm overlay network is not simulated", NOT_SIMULATED)
        return
    if profile.ipv4_mapped_subnet_is_ipv4 and not spec.EnableIPv6 and any(
            c.Subnet is not None and c.Subnet.version == 6 and c.Subnet.ip.ipv4_mapped
            is not None for c in spec.IPAM.Config):
        # ≤ 26.x read ::ffff:a.b.c.d/N as an IPv4 subnet (Go's net.ParseCIDR): what IPAM then
        # makes of it is not recorded (with --ipv6 it is: no IPv6 pool, 82-ipv6-review)
        out.err("netsim: an IPv4-mapped IPv6 --subnet is not simulated on this engine",
                NOT_SIMULATED)
        return
    outcome = session.apply_operation(op)
    out.out(outcome.id)


def rm_network(session: Session, p: ParsedCommand, host: str, out: Output) -> None:
    """Errors print as they happen; any failure adds ``exit status 1`` (network/remove.go)."""
    from netsim.dockercli.output.inspect import network

    force = p.get("force") == "true"
    failed = False
    for ref in p.args:
        try:
            ingress = bool(network(session.state, host, ref).get("Ingress"))
        except (KeyError, DockerError):
            ingress = False
        if ingress:
            # the routing-mesh warning, then no answer (a script has no terminal): skipped
            # (v28.5.2:cli/command/network/remove.go, internal/prompt/prompt.go Confirm;
            # v20.10.24:cli/command/utils.go PromptForConfirmation), even with --force
            out.stdout.append(
                "WARNING! Before removing the routing-mesh network, make sure all the nodes in "
                "your swarm run the same docker engine version. Otherwise, removal may not be "
                "effective and functionality of newly create ingress networks will be impaired."
                "\nAre you sure you want to continue? [y/N] ")
            continue
        try:
            session.apply_operation(NetworkRemove(host=host, name=ref, force=force))
            out.out(ref)
        except DaemonError as err:
            if force and err.status == 404:
                continue
            out.err(client_text(session, err, "network", ref))
            failed = True
    if failed:  # EngineProfile.cli_network_rm_exit_status_line
        if session.profile.cli_network_rm_exit_status_line:
            out.err("exit status 1", 1)
        else:
            out.code = 1


def prune_networks(session: Session, p: ParsedCommand, host: str, out: Output) -> None:
    """``docker network prune``: without ``-f`` the prompt, which a script never answers."""
    if p.get("force") != "true":
        # the prompt, then no answer (a script has no terminal): cancelled, exit 0
        out.stdout.append("WARNING! This will remove all custom networks not used by at least "
                          "one container.\nAre you sure you want to continue? [y/N] ")
        return
    outcome = session.apply_operation(NetworkPrune(host=host))
    if outcome.names:
        # cli/command/network/prune.go: Fprintln of a text that already ends in "\n" (a blank
        # line after the names, on every version)
        out.stdout.append("Deleted Networks:\n" + "".join(n + "\n" for n in outcome.names)
                          + "\n")


def connect(session: Session, p: ParsedCommand, host: str, out: Output) -> None:
    """``docker network connect``."""
    session.apply_operation(network_connect(p, host=host,
                                            endpoint_check=string_addresses(session, host)))


def disconnect(session: Session, p: ParsedCommand, host: str, out: Output) -> None:
    """``docker network disconnect``."""
    session.apply_operation(NetworkDisconnect(host=host, network=p.args[0], container=p.args[1],
                                              force=p.get("force") == "true"))


def ls(session: Session, p: ParsedCommand, host: str, out: Output) -> None:
    """``docker network ls``: the table (``-q``, ``--no-trunc``, ``--filter``, ``--format``)."""
    listing(out, lambda: tables.network_ls(
        session.state, host, quiet=p.get("quiet") == "true",
        no_trunc=p.get("no-trunc") == "true", filters=p.get_all("filter"),
        fmt=p.get("format") or None))


def inspect_network(session: Session, p: ParsedCommand, host: str, out: Output) -> None:
    """``docker network inspect``."""
    from netsim.dockercli.output.inspect import network

    state = session.state

    def get(ref: str) -> dict[str, Any]:
        try:
            return network(state, host, ref)
        except KeyError:
            raise not_found_network(session, ref) from None

    inspect_refs(p.args, p.get("format"), get, out)
