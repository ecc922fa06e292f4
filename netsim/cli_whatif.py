"""``netsim whatif``: what a few changes would change (a part of the command line kept apart
from netsim/cli.py, which registers it; it prints and exits only through click and cli.main).

Exit status, as design.md's contract has it: 0 when the what-if is answered (whether anything
changes or not: the answer is the report, not a verdict); 1 when Docker refuses one of the
changes, with Docker's words on stderr, as for a command that fails (``netsim run --strict``
stops there with 1 too); 2 for bad input (a file that does not read, a bad ``--port``, an
``--icc`` that is neither on nor off, a network or container the setup does not have).

The options every command replaying FILE has (``--seed``, ``--engine``, ``--strict``,
``--format``) mean here what they mean there (netsim/cli.py), written again because that
module's helpers are its own.
"""

from __future__ import annotations

import json
import shlex

import click

from netsim.errors import InputError

__all__ = ["whatif"]

_ENGINES = "20.10, 26.1, 28.5, 29.1"


@click.command(name="whatif")
@click.argument("file")
@click.argument("changes", nargs=-1)
@click.option("--icc", "icc", nargs=2, multiple=True, metavar="on|off NETWORK",
              help="NETWORK as it would be had it been created with -o "
                   "com.docker.network.bridge.enable_icc=false (off) or =true (on) "
                   "(repeatable).")
@click.option("--internal", "internal", multiple=True, metavar="NETWORK",
              help="NETWORK as it would be had it been created with --internal "
                   "(repeatable).")
@click.option("--stop", "stop", multiple=True, metavar="C",
              help="Container C stopped, as by docker stop (repeatable).")
@click.option("--port", "port", default=None,
              help="N[/tcp|udp]: flows to this port; without it: ping (ICMP).")
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
@click.option("--seed", default=0, show_default=True, help="Seed for IDs, MACs and shuffles.")
@click.option("--engine", "engine", default=None, metavar="V",
              help=f"The Docker Engine to model ({_ENGINES}), over the file's "
                   "'# netsim: engine' line. Default: the file's, else 29.1.")
@click.option("--strict", "strict", is_flag=True,
              help="A line of FILE netsim does not simulate is an error (exit 2), not a "
                   "note.")
@click.option("--format", "input_format", default=None, metavar="F",
              help="Read FILE as 'script', 'scenario', 'compose' or 'inspect' (default: by "
                   "its name, as for netsim run).")
def whatif(file: str, changes: tuple[str, ...], icc: tuple[tuple[str, str], ...],
           internal: tuple[str, ...], stop: tuple[str, ...], port: str | None,
           as_json: bool, seed: int, engine: str | None, strict: bool,
           input_format: str | None) -> None:
    """What CHANGES would change: the flows whose verdict turns over (sources: the
    containers, @HOST, @lan, @internet, as in netsim matrix) and the names whose resolution
    changes (what each container's resolver answers for the container names, aliases and
    link names), each with the rule that decides it before and after.

    FILE is replayed; each CHANGE is a docker command line typed after it, one argument each
    (netsim whatif setup.sh -- 'docker network connect front db' 'docker stop web'; words
    none of which holds a space are one command); then --icc, --internal and --stop.
    Exit status 0 when answered, 1 when Docker refuses a change (its words on stderr), 2 for
    bad input.
    """
    from netsim.replay import replay_file
    from netsim.versions import profile

    switches: dict[str, bool] = {}
    for value, network in icc:
        if value not in ("on", "off"):
            raise InputError("--icc", "not on or off", got=value,
                             accepted="--icc on NETWORK or --icc off NETWORK")
        switches[network] = value == "on"
    from netsim.cli import port_option

    number, proto = port_option(port)
    if len(changes) > 1 and not any(any(c.isspace() for c in word) for word in changes):
        changes = (shlex.join(changes),)  # one command typed unquoted: its words
    if not (changes or switches or internal or stop):
        raise InputError("", "nothing to try",
                         accepted="docker command lines after --, or --icc, --internal, "
                                  "--stop")
    chosen = profile(engine, where="--engine") if engine is not None else None
    lab, _ = replay_file(file, seed=seed, strict=strict, profile=chosen, format=input_format)
    for note in lab.notes:
        click.echo(f"netsim: {note}", err=True)
    result = lab.whatif(*changes, icc=switches, internal=internal, stop=stop, port=number,
                        proto="udp" if proto == "udp" else None)
    click.echo(json.dumps(result.to_dict(), indent=2) if as_json else str(result))
