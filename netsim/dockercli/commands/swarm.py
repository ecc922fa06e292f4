"""``docker swarm init``, ``join``, ``leave`` and ``join-token``."""

from __future__ import annotations

from netsim.api import SwarmInit, SwarmJoin, SwarmLeave
from netsim.dockercli.commands.context import NOT_SIMULATED, Output, Session
from netsim.dockercli.convert import split_values
from netsim.dockercli.parse import ParsedCommand
from netsim.errors import DaemonError, DockerCliError
from netsim.golang.values import go_int

__all__ = ["init", "join", "join_token", "leave"]


def init(session: Session, p: ParsedCommand, host: str, out: Output) -> None:
    """cli/command/swarm/init.go: the join command, indented four spaces, on one line."""
    import ipaddress

    size = go_int(p.get("default-addr-pool-mask-length") or "24") or 24
    texts = [v.strip() for v in split_values(p.get_all("default-addr-pool"))]
    swarm = session.state.swarm
    member = (swarm is not None and host in swarm.nodes) or session.engine.pending_join(host)
    if member:
        texts = []  # daemon/cluster/swarm.go Init: errSwarmExists first (the engine says it)
    else:
        # swarm.go Init resolves the advertise address before it checks the pools
        session.engine.advertise_address(host, p.get("advertise-addr") or None)
        if not texts and session.profile.cli_swarm_init_pools_null:
            size = 24  # no pool list: the size is neither checked nor used
    if texts:
        # daemon/cluster/listen_addr.go validateDefaultAddrPool (v28.5.2 and docker-v29.1.5)
        if size > 29:
            raise DaemonError(f"subnet size is out of range: {size}", status=400)
        for text in texts:
            net = ipaddress.ip_network(text, strict=False)
            if size < net.prefixlen:
                raise DaemonError(f'invalid CIDR: "{text}". Subnet size is too small for pool: '
                                  f"{size}", status=400)
    try:
        pools = tuple(ipaddress.IPv4Network(v, strict=False) for v in texts)
    except ValueError:
        out.err("netsim: IPv6 default address pools are not simulated", NOT_SIMULATED)
        return
    op = SwarmInit(host=host, advertise_addr=p.get("advertise-addr") or None,
                   default_addr_pools=pools, default_addr_pool_mask_length=size)
    outcome = session.apply_operation(op)
    swarm = session.state.swarm
    assert swarm is not None
    node = swarm.nodes[host]
    out.stdout.append(
        f"Swarm initialized: current node ({outcome.id}) is now a manager.\n\n"
        "To add a worker to this swarm, run the following command:\n\n"
        f"    docker swarm join --token {swarm.worker_token} {node.address}\n\n"
        "To add a manager to this swarm, run 'docker swarm join-token manager' and follow "
        "the instructions.\n" + ("\n" if session.profile.cli_swarm_init_blank_line else ""))


def join(session: Session, p: ParsedCommand, host: str, out: Output) -> None:
    """``docker swarm join``: the role the node joined as."""
    session.apply_operation(SwarmJoin(host=host, token=p.get("token") or "", remote=p.args[0]))
    swarm = session.state.swarm
    assert swarm is not None
    out.out(f"This node joined a swarm as a {swarm.nodes[host].role}.")


def leave(session: Session, p: ParsedCommand, host: str, out: Output) -> None:
    """``docker swarm leave``."""
    session.apply_operation(SwarmLeave(host=host, force=p.get("force") == "true"))
    out.out("Node left the swarm.")


def join_token(session: Session, p: ParsedCommand, host: str, out: Output) -> None:
    """cli/command/swarm/join_token.go (manager only)."""
    swarm = session.state.swarm
    node = swarm.nodes.get(host) if swarm is not None else None
    if session.engine.pending_join(host):  # a join going on in the background: not a manager
        raise DaemonError(
            "This node is not a swarm manager. Worker nodes can't be used to view or modify "
            "cluster state. Please run this command on a manager node or promote the current "
            "node to a manager.", status=503)
    if swarm is None or node is None:  # daemon/cluster/cluster.go errNoManager
        raise DaemonError('This node is not a swarm manager. Use "docker swarm init" or '
                          '"docker swarm join" to connect this node to swarm and try again.',
                          status=503)
    if node.role != "manager":
        raise DaemonError(
            "This node is not a swarm manager. Worker nodes can't be used to view or modify "
            "cluster state. Please run this command on a manager node or promote the current "
            "node to a manager.", status=503)
    role = p.args[0]
    if role not in ("worker", "manager"):
        raise DockerCliError("unknown role " + role, exit_code=1)
    token = swarm.worker_token if role == "worker" else swarm.manager_token
    if p.get("quiet") == "true":
        out.out(token)
        return
    out.stdout.append(f"To add a {role} to this swarm, run the following command:\n\n"
                      f"    docker swarm join --token {token} {node.address}\n\n")
