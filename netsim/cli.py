"""The ``netsim`` command line: the only module that prints or exits.

Exit status: 0 success; 1 a command or probe that failed as the user asked; 2 bad input.
Bad input is one line on stderr (``where: what (got …; accepted: …)``), never a traceback;
an internal bug is one line too, with how to report it.

Heavy modules (matplotlib, pyroute2) are imported only inside the commands that draw or
emulate, so ``netsim --help`` stays fast.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, NoReturn, TypeVar

import click

from netsim.errors import DockerError, InputError, NetsimError

if TYPE_CHECKING:
    from netsim.lab import Lab, Step

__all__ = ["main"]

_F = TypeVar("_F", bound=Callable[..., Any])

_BUG = (
    "{prefix}: internal error: {err} — this is a bug in netsim; please report it with the "
    "input that caused it"
)


def _fail(message: str, code: int = 2) -> NoReturn:
    click.echo(message, err=True)
    sys.exit(code)


def _load(path: str, *, seed: int, stop_on_failure: bool = False,
          engine: str | None = None) -> tuple[Lab, list[Step]]:
    """Replay any supported input and return the lab and its steps.

    The format is chosen by the file's name or ``--format`` (netsim.io.inputs), never by its
    content. ``engine`` (``--engine``) is the Docker Engine modelled, over the file's own
    ``# netsim: engine`` line or ``engine_version``; an unknown one is an InputError.
    ``--strict`` (:data:`_strict_option`) makes a line netsim does not simulate an error;
    ``stop_on_failure`` (netsim run's ``--strict``) also stops the replay at the first command
    that fails.
    """
    from netsim.replay import replay_file
    from netsim.versions import profile

    chosen = profile(engine, where="--engine") if engine is not None else None
    lab, steps = replay_file(path, seed=seed, strict=_given_strict(), profile=chosen,
                             format=_given_format(), stop_on_failure=stop_on_failure)
    _LOADED[:] = [lab]
    for note in lab.notes:  # said once: what the reader did not use or had to choose
        click.echo(f"netsim: {note}", err=True)
    return lab, steps


#: the last lab loaded, kept until the process ends: a command returning would otherwise free
#: its State object by object before console_main's os._exit (0.1 s at 30,000 containers)
_LOADED: list[Lab] = []


def _given_format() -> str | None:
    """The ``--format`` of the command being run (kept by :data:`_format_option`)."""
    ctx = click.get_current_context(silent=True)
    return ctx.meta.get("netsim.format") if ctx is not None else None


def _keep_format(ctx: click.Context, _param: click.Parameter, value: str | None) -> None:
    ctx.meta["netsim.format"] = value


def _given_strict() -> bool:
    """The ``--strict`` of the command being run (kept by :data:`_strict_option`)."""
    ctx = click.get_current_context(silent=True)
    return bool(ctx.meta.get("netsim.strict")) if ctx is not None else False


def _keep_strict(ctx: click.Context, _param: click.Parameter, value: bool) -> None:
    ctx.meta["netsim.strict"] = value


#: every command that replays FILE has it (a line netsim does not simulate is otherwise one
#: note, and the replay goes on as if it succeeded: netsim.lab.run_script)
_strict_option = click.option(
    "--strict", "strict", is_flag=True, expose_value=False, callback=_keep_strict,
    help="A line netsim does not simulate (docker login, a program it has no model of) is an "
         "error (exit 2), not a note; netsim run also stops at the first command that fails "
         "(exit 1).")


_format_option = click.option(
    "--format", "input_format", default=None, metavar="F", expose_value=False,
    callback=_keep_format,
    help="Read FILE as 'script', 'scenario', 'compose' or 'inspect' (default: by its name: .sh "
         "or no extension a script, compose.yaml/docker-compose.yml/NAME.compose.yaml a Compose "
         "project brought up with 'docker compose up -d', a directory or NAME.inspect.json a "
         "docker inspect dump, other .yaml/.yml/.json a scenario; '-' reads standard input).")


#: the Docker Engines netsim models (netsim.versions.PROFILES; not imported here, so that
#: ``netsim --help`` loads no pydantic); a test keeps the two lists equal
_ENGINES = "20.10, 26.1, 28.5, 29.1"

_engine_option = click.option(
    "--engine", "engine", default=None, metavar="V",
    help=f"The Docker Engine to model ({_ENGINES}; e.g. 28.5, 28.5.2 or 28), over the file's "
         "'# netsim: engine' line. Default: the file's, else 29.1.")


class _ReaderGone(Exception):
    """What a command wrote to went away (``netsim matrix | head``)."""


class _Group(click.Group):
    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except BrokenPipeError:  # click's own handling would exit 1: "a check failed"
            raise _ReaderGone from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="netsim", prog_name="netsim")
def cli() -> None:
    """Predict what Docker Engine 29.1 networking does, without a Docker engine (or 28.5,
    26.1, 20.10: --engine)."""


@cli.command()
@click.argument("file")
@click.option("--json", "as_json", is_flag=True, help="Print the step list as JSON.")
@click.option("--seed", default=0, show_default=True, help="Seed for IDs, MACs and shuffles.")
@click.option("--draw", "draw", default=None, metavar="OUT",
              help="Also draw the final state to OUT (.png, .svg, .pdf, .dot, .mmd).")
@_engine_option
@_strict_option
@_format_option
def run(file: str, as_json: bool, seed: int, draw: str | None, engine: str | None) -> None:
    """Replay FILE and print what Docker would print for each command (a docker inspect dump,
    which has no commands: its networks and containers)."""
    stop = _given_strict()  # netsim run --strict: also stop at the first command that fails
    lab, steps = _load(file, seed=seed, stop_on_failure=stop, engine=engine)
    if lab.restored and not as_json:
        click.echo(str(lab.state))
    if draw is not None:
        _draw_to(lab.state, draw, None, title=Path(file).name)
    if as_json:
        click.echo(json.dumps({"steps": [s.to_dict() for s in steps]}, indent=2))
    else:
        for s in steps:
            prompt = f"[{s.where}]" if s.where.startswith("container:") else f"{s.host}$"
            click.echo(f"{prompt} {s.command}")
            if s.stdout:
                click.echo(s.stdout, nl=False)
            if s.stderr:
                click.echo(s.stderr, nl=False, err=False)
    failed = [s for s in steps if s.exit_code != 0]
    if stop and failed:
        sys.exit(1)


@cli.command()
@click.argument("file")
@click.argument("names", nargs=-1)
@click.option("--host", "host", default=None, help="The Docker host (when FILE has several).")
@click.option("--seed", default=0, show_default=True)
@_engine_option
@_strict_option
@_format_option
def inspect(file: str, names: tuple[str, ...], host: str | None, seed: int,
            engine: str | None) -> None:
    """docker inspect-shaped JSON of NAMES (containers or networks), or of everything."""
    from netsim.dockercli.output import inspect as render
    from netsim.hints import missing_hint

    lab, _ = _load(file, seed=seed, engine=engine)
    state = lab.state
    hosts = [host] if host else list(state.hosts)
    for h in hosts:
        if h not in state.hosts:
            raise InputError("--host", "unknown Docker host", got=h,
                             accepted=", ".join(state.hosts))
    found: list[dict[str, Any]] = []
    missing = []
    if not names:  # what docker inspect $(docker ps -aq) $(docker network ls -q) prints
        for h in hosts:
            found += render.everything(state, h)
    for name in names:
        obj = None
        for h in hosts:
            obj = render.any_object(state, h, name)
            if obj is not None:
                break
        if obj is None:
            missing.append(name)
        else:
            found.append(obj)
    click.echo(json.dumps(found, indent=4))
    for name in missing:
        click.echo(f"Error: No such object: {name}", err=True)
        why = missing_hint(lab, host, ("container", "network"), name)  # netsim.hints
        if why is not None:
            click.echo(f"netsim: {why}", err=True)
    if missing:
        sys.exit(1)


@cli.command()
@click.argument("file")
@click.option("-o", "--output", "output", required=True, help="Where to write (.yaml or .json).")
@click.option("--seed", default=0, show_default=True)
@_engine_option
@_strict_option
@_format_option
def export(file: str, output: str, seed: int, engine: str | None) -> None:
    """Write FILE (any input) as a native scenario."""
    from netsim.io.scenario import dump_scenario

    lab, _ = _load(file, seed=seed, engine=engine)
    if lab.restored:
        raise InputError(file, "a docker inspect dump has no steps to export: a scenario is the "
                         "steps that build a setup, a dump the setup as it is",
                         accepted="a script, Compose project or scenario (netsim inspect DUMP "
                                  "prints the dump's objects)")
    fmt = "json" if output.endswith(".json") else "yaml"
    text = dump_scenario(lab.scenario(), fmt=fmt)
    if output == "-":
        click.echo(text, nl=False)
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as err:
        raise InputError(output, f"cannot write the file: {err.strerror}") from None


def _family_options(ipv4: str, ipv6: str) -> Callable[[_F], _F]:
    """``-4``/``--ipv4`` and ``-6``/``--ipv6``: one parameter ``family``, 4 or 6, None when
    neither is given (the last one given wins)."""
    def decorate(f: _F) -> _F:
        f = click.option("-6", "--ipv6", "family", flag_value=6, help=ipv6)(f)
        return click.option("-4", "--ipv4", "family", flag_value=4, help=ipv4)(f)
    return decorate


def _reach_family(dst: str, family: int | None) -> Literal[4, 6] | None:
    """The family ``netsim reach`` follows DST over: an address's own; a container's (or a
    vantage point's) ``-6``/``-4``; without either, the name's address as a program would take
    it (its IPv4 one, else its IPv6 one: :func:`netsim.analysis.reach.reach`). An address of
    the other family than the flag given is bad input."""
    from netsim.analysis.vantage import address_family

    own = address_family(dst)
    if own is not None and family is not None and own != family:
        raise InputError(f"-{family}", f"an IPv{own} address is reached over IPv{own} only",
                         got=dst, accepted=f"-{own} or no -4/-6 with an IPv{own} DST")
    chosen = own or family
    return None if chosen is None else (6 if chosen == 6 else 4)


def port_option(value: str | None) -> tuple[int | None, str | None]:
    """``--port 80``, ``80/tcp`` or ``53/udp`` (netsim reach, matrix, draw, diff, whatif)."""
    if value is None:
        return None, None
    number, _, proto = value.partition("/")
    if not number.isdigit() or not 0 < int(number) < 65536 or proto not in ("", "tcp", "udp"):
        raise InputError("--port", "not a port", got=value, accepted="N, N/tcp or N/udp with "
                         "N in 1-65535")
    return int(number), proto or "tcp"


@cli.command()
@click.argument("file")
@click.argument("src")
@click.argument("dst")
@click.option("--port", "port", default=None, help="N[/tcp|udp]; without it: ping (ICMP).")
@_family_options("Over IPv4 (the default): a container DST at its IPv4 addresses.",
                 "Over IPv6: a container DST at its IPv6 addresses. An address DST is reached "
                 "over its own family (the other flag is an error).")
@click.option("--json", "as_json", is_flag=True, help="Print the trace as JSON.")
@click.option("--seed", default=0, show_default=True)
@_engine_option
@_strict_option
@_format_option
def reach(file: str, src: str, dst: str, port: str | None, family: int | None, as_json: bool,
          seed: int, engine: str | None) -> None:
    """Can SRC reach DST? The verdict and the trace that explains it.

    SRC: a container (NAME or HOST/NAME) or a vantage point (@host, @NAME, @lan, @internet).
    DST: a container, an IPv4 or IPv6 address, localhost, @NAME (a Docker host's address),
    @internet (a machine on the internet, through the source's NAT) or @lan (a machine on the
    LAN). Exit status 0 when delivered, 1 when not.
    """
    from netsim.analysis.reach import reach as trace_flow
    from netsim.hints import explained

    number, proto = port_option(port)
    over = _reach_family(dst, family)
    lab, _ = _load(file, seed=seed, engine=engine)
    with explained(lab):  # an unknown name: the command that failed to create it
        trace = trace_flow(lab.state, src, dst, port=number,
                           proto="udp" if proto == "udp" else None, family=over)
    if as_json:
        data: dict[str, Any] = {}
        for key, value in trace.to_dict().items():
            data[key] = value
            if key == "proto" and (over == 6 or ":" in (trace.address or "")):  # as matrix
                data["family"] = 6
        click.echo(json.dumps(data, indent=2))
    else:
        click.echo(str(trace))
    sys.exit(0 if trace.delivered else 1)


@cli.command()
@click.argument("file")
@click.option("--port", "port", default=None, help="N[/tcp|udp]; without it: ping (ICMP).")
@click.option("--json", "as_json", is_flag=True, help="Print the matrix as JSON.")
@click.option("--no-vantage", is_flag=True, help="Only containers as sources.")
@_family_options("Over IPv4 (the default): to the containers' IPv4 addresses.",
                 "Over IPv6: to the containers' IPv6 addresses (a container without one is "
                 "never reached).")
@click.option("--seed", default=0, show_default=True)
@_engine_option
@_strict_option
@_format_option
def matrix(file: str, port: str | None, as_json: bool, no_vantage: bool, family: int | None,
           seed: int, engine: str | None) -> None:
    """Who reaches whom: a truth table ('.' reaches, 'X' does not).

    Rows are sources (every container, then @HOST, @lan, @internet), columns destination
    containers, numbered in the header and listed under the table. With -6: over IPv6 (the
    header says so; the JSON has "family": 6).
    """
    from netsim.analysis.reach import matrix as all_pairs

    number, proto = port_option(port)
    lab, _ = _load(file, seed=seed, engine=engine)
    m = all_pairs(lab.state, port=number, proto="udp" if proto == "udp" else None,
                  vantage=not no_vantage, family=6 if family == 6 else 4)
    binary = getattr(sys.stdout, "buffer", None)  # (None: a text stream put in its place)
    if binary is not None:
        sys.stdout.flush()
        if len(m.sources) * len(m.destinations) >= _BIG_OUTPUT:
            from netsim.io.pipes import widen_pipe

            widen_pipe(binary)
        m.write(binary, as_json=as_json)
        return
    for chunk in m.text(as_json=as_json):
        sys.stdout.write(chunk)


#: cells from which netsim matrix asks for a wider pipe (10,000 x 10,000: 100 MB out)
_BIG_OUTPUT = 1 << 24


@cli.command(name="exec", context_settings={"ignore_unknown_options": True})
@click.argument("file")
@click.argument("where")
@click.argument("command", nargs=-1, type=click.UNPROCESSED, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print stdout, stderr, exit code, trace.")
@click.option("--seed", default=0, show_default=True)
@_engine_option
@_strict_option
@_format_option
def exec_(file: str, where: str, command: tuple[str, ...], as_json: bool, seed: int,
          engine: str | None) -> None:
    """Run one probe (ping, curl, wget, nc -z, dig, nslookup, host, getent hosts, cat
    /etc/hosts|resolv.conf, ip addr, ip route, ifconfig, hostname) at WHERE.

    WHERE: a container (NAME or HOST/NAME) or a vantage point (@host, @NAME, @lan, @internet).
    Put the command after '--': netsim exec setup.sh alpine1 -- ping -c 2 alpine2. The exit
    status is the command's own (ping: 0 replies, 1 none, 2 error).
    """
    from netsim.analysis.vantage import resolve_vantage
    from netsim.hints import explained
    from netsim.probes import probe

    lab, _ = _load(file, seed=seed, engine=engine)
    with explained(lab):  # an unknown WHERE is bad input (exit 2), with why
        resolve_vantage(lab.state, where, role="probe")
    result = probe(lab.state, where, list(command), seed=seed)
    if as_json:
        click.echo(json.dumps(result.to_dict(), indent=2))
    else:
        sys.stdout.write(result.stdout)
        sys.stdout.flush()
        sys.stderr.write(result.stderr)
    sys.exit(result.exit_code)


_DRAW_FORMATS = ("png", "svg", "pdf", "dot", "mmd")
#: the pip name of a module matplotlib needs, where the two differ
_PIP_NAMES = {"PIL": "pillow", "dateutil": "python-dateutil", "mpl_toolkits": "matplotlib"}


def _draw_to(state: Any, out: str, trace: Any, *, title: str) -> None:
    """Write a picture of ``state`` to ``out``; the format is the file's extension."""
    from netsim.diagram.layout import layout

    ext = Path(out).suffix.lower().lstrip(".")
    if ext not in _DRAW_FORMATS:
        raise InputError(out, "unknown picture format", got=Path(out).suffix or out,
                         accepted="a file name ending in " + ", ".join(
                             f".{f}" for f in _DRAW_FORMATS))
    lay = layout(state, highlight=trace, title=title)
    if ext == "dot":
        from netsim.diagram.dot import to_dot

        data = to_dot(lay).encode()
    elif ext == "mmd":
        from netsim.diagram.mermaid import to_mermaid

        data = to_mermaid(lay).encode()
    else:
        from netsim.diagram.mpl import draw_layout, to_bytes

        try:  # matplotlib (a dependency) is imported here; a broken install names what is missing
            data = to_bytes(draw_layout(lay), ext)  # type: ignore[arg-type]
        except ModuleNotFoundError as err:
            top = (err.name or "matplotlib").split(".")[0]
            if top == "netsim":
                raise
            package = _PIP_NAMES.get(top, top)
            raise InputError(out, f"drawing .{ext} needs the Python package {package}, which is "
                             "not installed", accepted=f"pip install {package}, or a .dot/.mmd "
                             "file") from None
    try:
        Path(out).write_bytes(data)
    except OSError as err:
        raise InputError(out, f"cannot write the picture: {err.strerror}") from None


@cli.command()
@click.argument("file")
@click.option("-o", "--output", "out", required=True,
              help="The picture: OUT.png, .svg, .pdf (matplotlib), .dot (Graphviz) or .mmd "
                   "(Mermaid).")
@click.option("--highlight", nargs=2, metavar="SRC DST", default=None,
              help="Draw one flow: green where it goes, red where it stops.")
@click.option("--port", default=None, help="The flow's port: N, N/tcp or N/udp.")
@click.option("--seed", default=0, show_default=True)
@_engine_option
@_strict_option
@_format_option
def draw(file: str, out: str, highlight: tuple[str, str] | None, port: str | None,
         seed: int, engine: str | None) -> None:
    """Draw FILE's topology: hosts, bridges, veth pairs, containers, the LAN, published ports.

    With --highlight SRC DST (as for `netsim reach`) the flow is drawn on it with its verdict.
    """
    from netsim.analysis.reach import reach
    from netsim.hints import explained

    lab, _ = _load(file, seed=seed, engine=engine)
    trace = None
    if highlight is not None:
        number, proto = port_option(port)
        with explained(lab):
            trace = reach(lab.state, highlight[0], highlight[1], port=number,
                          proto="udp" if proto == "udp" else None)
    _draw_to(lab.state, out, trace, title=Path(file).name)
    click.echo(out)


@cli.command()
@click.argument("file")
@click.argument("client")
@click.argument("name")
@click.option("--times", "-n", default=1, show_default=True, type=click.IntRange(1, 1_000_000),
              help="How many queries to ask.")
@click.option("--type", "qtype", default="A", show_default=True,
              type=click.Choice(["A", "AAAA", "PTR"], case_sensitive=False),
              help="The record type (PTR: NAME is an address).")
@click.option("--json", "as_json", is_flag=True, help="Print every answer and the tally as JSON.")
@click.option("--seed", default=0, show_default=True, help="Seed of the answers' shuffles.")
@_engine_option
@_strict_option
@_format_option
def dns(file: str, client: str, name: str, times: int, qtype: str, as_json: bool,
        seed: int, engine: str | None) -> None:
    """What CLIENT's resolver answers for NAME, over --times queries, and which address came
    first how often (Docker shuffles an alias's answers on every query).

    CLIENT: a container (NAME or HOST/NAME) or @host, @NAME, @lan, @internet. Exit status 0
    when the name has an address, 1 when not (NXDOMAIN, no data, no server).
    """
    from netsim.analysis.dns import query_series
    from netsim.hints import explained

    lab, _ = _load(file, seed=seed, engine=engine)
    kind: Literal["A", "AAAA", "PTR"] = "AAAA" if qtype.upper() == "AAAA" else (
        "PTR" if qtype.upper() == "PTR" else "A")
    with explained(lab):
        series = query_series(lab.state, client, name, times, seed=seed, qtype=kind)
    if as_json:
        click.echo(json.dumps(series.to_dict(), indent=2))
    else:
        out = sys.stdout
        for line in series.lines():
            out.write(line + "\n")
    ok = all(a.records for a in series.answers)
    sys.exit(0 if ok else 1)


@cli.command()
@click.argument("file")
@click.option("--expect", "expect", multiple=True, metavar="TEXT",
              help="One more expectation, as in '# netsim: expect TEXT' (repeatable): how to "
                   "check a docker inspect dump or a file without expectations.")
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
@click.option("--seed", default=0, show_default=True)
@_engine_option
@_strict_option
@_format_option
def check(file: str, expect: tuple[str, ...], as_json: bool, seed: int,
          engine: str | None) -> None:
    """Check FILE's expectations (`# netsim: expect …` lines, and --expect) against the
    prediction.

    Prints each expectation, what netsim predicts and ok/FAIL; exit 0 when all hold, 1 when
    one does not. An expectation that cannot be checked (an unknown name, a stopped client,
    words that are none of the forms) is a FAIL row with the reason under it; exit 2 is for a
    file that cannot be read or holds no expectation.
    """
    from netsim.analysis.check import FORMS, table

    lab, _ = _load(file, seed=seed, engine=engine)
    for text in expect:  # (line 0: given on the command line)
        lab.keep_expectation(text, 0)
    if not lab.checks:
        raise InputError(file, "no expectations to check",
                         accepted="# netsim: expect " + FORMS.split(";")[0]
                         + " (and others), or --expect TEXT")
    if as_json:
        click.echo(json.dumps({"checks": [c.to_dict() for c in lab.checks],
                               "ok": all(c.ok for c in lab.checks)}, indent=2))
    else:
        for line in table(lab.checks):
            click.echo(line)
    sys.exit(0 if all(c.ok for c in lab.checks) else 1)


@cli.command()
@click.argument("plan")
@click.argument("reality")
@click.option("--port", "port", default=None, help="N[/tcp|udp]: compare who reaches whom on "
              "this port; without it: ping (ICMP).")
@click.option("--ipam/--no-ipam", "ipam", default=None,
              help="Compare (or not) the subnets and addresses IPAM chose where PLAN does not "
                   "pin them. Default: yes, except for what Compose created (it creates "
                   "networks and containers in an order Docker does not fix).")
@click.option("--json", "as_json", is_flag=True, help="Print the differences as JSON.")
@click.option("--seed", default=0, show_default=True)
@_engine_option
@_strict_option
@_format_option
def diff(plan: str, reality: str, port: str | None, ipam: bool | None, as_json: bool,
         seed: int, engine: str | None) -> None:
    """What differs between two inputs: PLAN (a script, Compose file, scenario or dump) and
    REALITY (often a docker inspect dump).

    Lists networks, containers, addresses, aliases and published ports that differ (IDs, MACs
    and times never do: they are drawn anew by every engine), then the pairs of containers
    whose reachability differs, each with the rule that decides it on each side. Exit 0 when
    nothing differs, 1 when something does.
    """
    from netsim.analysis.diff import diff_states

    number, proto = port_option(port)
    a, _ = _load(plan, seed=seed, engine=engine)
    b, _ = _load(reality, seed=seed, engine=engine)
    result = diff_states(a.state, b.state, port=number, proto=proto, a_name=plan,
                         b_name=reality, ipam=ipam)
    click.echo(json.dumps(result.to_dict(), indent=2) if as_json else str(result))
    sys.exit(0 if result.empty else 1)


@cli.command()
@click.argument("file", required=False)
@click.option("--json", "as_json", is_flag=True, help="Print the lists as JSON.")
@_format_option
def images(file: str | None, as_json: bool) -> None:
    """List the images netsim knows: per repository and tag family, the ports exposed and
    listened on, whether it keeps running, and the probe tools in it. With FILE (replayed),
    also the images and containers it declares ('# netsim: image|container …') and the images
    it uses that netsim does not know."""
    from netsim.images.listing import listing, render

    if file is None:
        data = listing()
    else:
        from netsim.replay import replay_file

        lab, _ = replay_file(file, format=_given_format())
        data = listing(lab.images, lab.containers, lab.engine.unknown_images)
    click.echo(json.dumps(data, indent=2) if as_json else render(data))


@cli.command()
@click.argument("file")
@_format_option
def validate(file: str) -> None:
    """Check that FILE reads: prints 'ok' or the first problem (exit 2)."""
    from netsim.directives import setup_from_directives
    from netsim.io.inputs import input_format, read_input
    from netsim.io.scenario import parse_scenario
    from netsim.io.script import parse_script

    fmt = input_format(file, _given_format())
    source = "<stdin>" if file == "-" else file  # as netsim run names it
    if fmt == "inspect":
        from netsim.io.dump import load_dump

        lab = load_dump(file)
        for note in lab.notes:
            click.echo(f"netsim: {note}", err=True)
        state = lab.state
        click.echo(f"{source}: ok (docker inspect dump, {len(state.hosts)} hosts, "
                   f"{sum(1 for _ in state.containers())} containers, "
                   f"{sum(1 for _ in state.networks())} networks)")
        return
    notes: list[str] = []
    text = read_input(file, notes)
    for note in notes:  # what the reader decided (CRLF line ends read as LF)
        click.echo(f"netsim: {note}", err=True)
    if fmt == "scenario":
        scenario = parse_scenario(text, source=source)
        click.echo(f"{source}: ok (scenario, {len(scenario.steps)} steps)")
    elif fmt == "compose":
        from netsim.replay import read_compose_file

        project = read_compose_file(file)
        click.echo(f"{file}: ok (Compose project {project.name}, "
                   f"{len(project.enabled)} services)")
    else:
        lines = parse_script(text, source=source)
        setup_from_directives(lines, source)
        from netsim.analysis.check import parse_expectation

        for sl in lines:  # `check` makes a malformed one a FAIL row; here it is the problem
            if sl.directive is not None and sl.directive.kind == "expect":
                parse_expectation(list(sl.directive.args), f"{source}:{sl.line}")
        n = sum(1 for s in lines if s.directive is None)
        click.echo(f"{source}: ok (script, {n} commands)")


@cli.command()
@click.argument("recordings", nargs=-1, required=True)
@click.option("--engine", default=None, metavar="V",
              help="Only the recordings of this engine profile (28.5, 26.1, 20.10, 29.1).")
@click.option("--allowed", "allowed", default="conformance/allowed.yaml", show_default=True,
              help="The allowlist of known simplifications ('' for none; the default is read "
                   "only when it exists).")
@click.option("--json", "as_json", is_flag=True, help="Print the table and every step as JSON.")
@click.option("--seed", default=0, show_default=True)
def conformance(recordings: tuple[str, ...], engine: str | None, allowed: str, as_json: bool,
                seed: int) -> None:
    """Replay RECORDINGS (files or directories of real engines' outputs) and compare.

    Prints a table per engine (scripts, commands, agreeing, allowed, disagreeing) and every
    disagreement with both outputs; exit 0 when every command agrees or is allowed, 1 when one
    disagrees.
    """
    import yaml

    from netsim.conformance import compare_all, parse_allowlist
    from netsim.io.recording import read_recording

    files: list[Path] = []
    for r in recordings:
        p = Path(r)
        if p.is_dir():
            found = sorted(p.rglob("*.json"))
            if not found:
                raise InputError(r, "no recordings (*.json) in this directory")
            files += found
        elif p.exists():
            files.append(p)
        else:
            raise InputError(r, "no such file or directory")
    allowlist: tuple[Any, ...] = ()
    default = "conformance/allowed.yaml"
    if allowed and (allowed != default or Path(allowed).exists()):
        try:
            data = yaml.safe_load(Path(allowed).read_text(encoding="utf-8"))
        except OSError as err:
            raise InputError(allowed, f"cannot read the file: {err.strerror}") from None
        except yaml.YAMLError as err:
            mark = getattr(err, "problem_mark", None)
            where = f"{allowed}:{mark.line + 1}" if mark is not None else allowed
            raise InputError(where, f"not YAML: {getattr(err, 'problem', err)}") from None
        allowlist = parse_allowlist(data, source=allowed)
    report = compare_all([read_recording(f) for f in files], allowlist, seed=seed,
                         engine=engine)
    if not report.scripts:
        raise InputError("--engine", "no recording of this engine", got=engine)
    if as_json:
        click.echo(json.dumps(report.to_dict(), indent=2))
    else:
        click.echo(str(report), nl=False)
    sys.exit(0 if report.ok else 1)


from netsim.io.dump.snapshot import snapshot_command  # noqa: E402

cli.add_command(snapshot_command, "snapshot")


def _prefix(argv: list[str] | None) -> str:
    """``netsim COMMAND``, the start of every error line of that command (``netsim`` before
    one is named): the first word of the command line that names one of the commands."""
    args = sys.argv[1:] if argv is None else argv
    name = next((a for a in args if not a.startswith("-")), None)
    return f"netsim {name}" if name is not None and name in cli.commands else "netsim"


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``netsim`` console script.

    Every error line starts with ``netsim COMMAND: `` (:func:`_prefix`), then the error's own
    one line: ``netsim reach: no such container, address or vantage point (got 'x'; …)``,
    ``netsim run: setup.sh:3: …`` (an :class:`InputError` names the place in the file, if any),
    ``netsim run: Error response from daemon: …`` (Docker's text, unchanged).
    """
    prefix = _prefix(argv)
    try:
        cli.main(args=argv, prog_name="netsim", standalone_mode=False)
    except click.UsageError as err:
        ctx = err.ctx
        where = f"netsim {ctx.info_name}" if ctx is not None and ctx.parent else "netsim"
        _fail(f"{where}: {err.format_message()} (see '{where} --help')")
    except click.exceptions.Abort:
        _fail(f"{prefix}: aborted", 130)
    except click.exceptions.Exit as err:
        sys.exit(err.exit_code)
    except click.ClickException as err:
        _fail(f"{prefix}: {err.format_message()}")
    except InputError as err:  # and netsim's hint on the problem, if any, on a second line
        hint = err.hint_line()  # ("netsim: did you mean web?": netsim.hints)
        _fail(f"{prefix}: {err.line()}" + (f"\n{hint}" if hint is not None else ""))
    except DockerError as err:
        _fail(f"{prefix}: {err.text}", 1)
    except NetsimError as err:
        _fail(f"{prefix}: {err}")
    except KeyboardInterrupt:
        _fail(f"{prefix}: interrupted", 130)
    except (BrokenPipeError, _ReaderGone):  # the reader has what it wanted: success
        sys.exit(0)
    except Exception as err:  # never a traceback, even for a bug
        # one line, whatever the exception's text holds (a pydantic error spans several)
        text = " ".join(str(err).split())
        _fail(_BUG.format(prefix=prefix, err=f"{type(err).__name__}: {text}"), 70)


def console_main() -> None:  # pragma: no cover (the process ends here)
    """The ``netsim`` console script and ``python -m netsim``: :func:`main`, then the process
    ends without tearing its heap down object by object, which takes longer than the work
    itself for a large setup (0.8 s of 6 s at 10,000 containers: measured, bench/scale.py).
    Nothing of netsim's runs at exit; the output streams are flushed first."""
    import os

    code: int = 0
    try:
        main()
    except SystemExit as done:
        if isinstance(done.code, int):
            code = done.code
        elif done.code is not None:  # sys.exit("text"): printed, status 1
            print(done.code, file=sys.stderr)
            code = 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        pass
    os._exit(code)


from netsim.cli_lint import lint as _lint  # noqa: E402
from netsim.cli_page import page as _page  # noqa: E402
from netsim.cli_whatif import whatif as _whatif  # noqa: E402

for _command in (_lint, _page, _whatif):
    cli.add_command(_command)


if __name__ == "__main__":  # pragma: no cover
    console_main()
