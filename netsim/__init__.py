"""netsim: predict what Docker Engine 29.1 networking does, without a Docker engine.

How a question flows through the package (each box is a room of the package; a change goes in
the room that owns its notion, and nowhere else)::

      docker commands       scenario YAML/JSON      compose.yaml        (inspect dumps: next)
            |                       |                   |
        io/script.py          io/scenario.py      io/compose/ (loader: files, .env,
            |                       |             interpolation, merge, extends, schema)
      dockercli/ (flags/ parse.py convert.py:       composecli/ (`docker compose …`:
      flags -> api/ objects, as docker/cli does)    up, down, ps, config, exec …)
            |                       |                   |
            +-----------> api/ operations <-------------+      io/inputs.py picks by name
                              |
                daemon/  (the engine: networks, containers, endpoints, ports, swarm,
                          overlay, ipam; drivers/: one module per network driver)
                              |
                          state.py  (the frozen State: hosts, networks, sandboxes, endpoints)
                              |
      +-------------+---------+-----------+--------------------+------------------+
      |             |                     |                    |                  |
  analysis/     analysis/dns/        probes/ (ping, dig,   dockercli/        diagram/ (layout,
  graph.py,     (embedded DNS,       curl, ip …: one        commands/ +       mpl, dot,
  reach/,       /etc/hosts,          module per tool        output/ (what     mermaid,
  vantage.py,   resolv.conf)         family, a registry)    `docker …` prints) notebook,
  check.py                                                                    svg)

Rooms that serve all the others: ``versions/`` (one EngineProfile per supported engine: the
only place where engines differ), ``images/`` (the image catalogue, as data in
``catalogue.yaml``), ``golang/`` (Go's own parsing and text/template, used by the CLI and the
daemon alike), ``errors.py`` (the one error tree), ``hints.py`` (netsim's own line under
Docker's "no such …" errors: the earlier command that failed to create the name, or ``did you
mean``), ``lab.py`` (the Python API of a notebook:
:class:`netsim.lab.Lab`), ``directives.py`` (what a script's leading ``# netsim: host``, ``lan``,
``image``, ``engine`` and ``daemon`` lines set up), ``hostshell.py`` (a Docker host's shell
for a script's other lines: ``cd``, ``mkdir``, ``cat``, ``printf`` …, redirections, over
``io/workspace.py``'s files),
``replay.py`` (any input file replayed in a lab: a script, a scenario, a Compose project
brought up), ``whatif.py`` (a few changes tried on a fork of a lab, ``netsim whatif``;
the States compared by ``analysis/whatif/``), ``page/`` (``netsim page``: one interactive
HTML file of a setup, its embedded document made of netsim's own answers, docs/page.md),
``cli.py`` (the only module that prints or exits, with its commands ``lint`` in
``cli_lint.py``, ``page`` in ``cli_page.py`` and ``whatif`` in ``cli_whatif.py``),
``conformance/`` (replays of real
engines' recordings: the comparison, and in ``normalize.py`` what is random in Docker).

Choices a newcomer may wonder about: Go's own behaviour (``golang/``) is a room of its own, not
part of the CLI, because the daemon parses driver options with the same ``strconv`` rules; the
topology index sits in ``analysis/index.py``, not in ``reach/``, because the vantage parser, DNS
and the probes read it too; ``daemon/`` splits one engine into mixins by concern (they share one
state machine and call each other both ways); ``container:`` sharing is a network *mode*, not a
driver (Docker has no such driver), so it is ``daemon/drivers/container.py``'s
``CONTAINER_MODE``, not a registered driver.

The pure core: declare operations (:mod:`netsim.api`), apply them with Docker's rules
(:mod:`netsim.daemon`), read the resolved :class:`State` (:mod:`netsim.state`). The rules are
Engine 29.1's unless another supported engine's :class:`EngineProfile` is chosen
(:mod:`netsim.versions`: 20.10, 26.1, 28.5, 29.1).

>>> from netsim import BridgeNetwork, ContainerConfig, ContainerCreate, ContainerSpec
>>> from netsim import HostConfig, NetworkCreate, apply
>>> state = apply([
...     NetworkCreate(network=BridgeNetwork(name="mybridge")),
...     ContainerCreate(container=ContainerSpec(
...         name="web", Config=ContainerConfig(Image="nginx"),
...         HostConfig=HostConfig(NetworkMode="mybridge"))),
... ])
>>> str(state.container("web").endpoints[0].ipv4)
'172.18.0.2/16'

The Python API of a notebook, with plain strings: :class:`Lab` (``from netsim import Lab``,
loaded on first use). ``Lab.from_file(path)`` replays any input ``netsim run`` reads;
``lab.run(line)`` types one script line (``docker …``, ``ping …``, ``# netsim: …``) and
``lab.docker(…)`` one docker command; ``lab.reach(src, dst)`` is ``netsim reach``,
``lab.matrix()`` ``netsim matrix``, ``lab.dns(name, from_=client)`` ``netsim dns`` and
``lab.expect(text)`` one ``# netsim: expect`` line:

>>> from netsim import Lab
>>> lab = Lab()
>>> lab.run("docker network create mynet").exit_code
0
>>> lab.run("docker run -d --name web --network mynet nginx").exit_code
0
>>> lab.run("docker run -d --name client --network mynet alpine sleep 1d").exit_code
0
>>> lab.reach("client", "web", port=80).disposition.value
'DELIVERED'
>>> lab.reach("client", "@internet").disposition.value   # masqueraded by the host
'DELIVERED'
>>> lab.dns("web", from_="client").answers[0].addresses
('172.18.0.2',)
>>> print(lab.matrix())
who reaches whom (ping)
           01
client     ..
web        ..
@host      ..
@lan       XX
@internet  XX
columns: 0=client  1=web

Who reaches whom: :func:`netsim.analysis.reach.reach` (one flow, explained: a :class:`Trace`)
and :func:`netsim.analysis.reach.matrix` (all pairs); what Docker's embedded DNS answers,
/etc/hosts and resolv.conf: :mod:`netsim.analysis.dns`; what ``ping``/``curl``/``dig``/``ip
addr`` print: :func:`netsim.probes.probe`; the State as a networkx graph:
:mod:`netsim.analysis.graph`.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the names, for type checkers; at run time they load on first use
    from netsim.analysis.dns import DnsAnswer, DnsSeries, Rcode, ResolvConf
    from netsim.analysis.reach import Disposition, Hop, Matrix, Symptom, Trace
    from netsim.api import (
        IPAM,
        BridgeNetwork,
        ConfigReference,
        ContainerConfig,
        ContainerCreate,
        ContainerPause,
        ContainerPrune,
        ContainerRemove,
        ContainerRename,
        ContainerRestart,
        ContainerSpec,
        ContainerStart,
        ContainerStop,
        EndpointConfig,
        EndpointSettings,
        Host,
        HostConfig,
        ImageDecl,
        IPAMConfig,
        IpvlanNetwork,
        Lan,
        MacvlanNetwork,
        NetworkConnect,
        NetworkCreate,
        NetworkDisconnect,
        NetworkingConfig,
        NetworkPrune,
        NetworkRemove,
        NetworkSpec,
        Operation,
        OverlayNetwork,
        PortBinding,
        Scenario,
        SwarmInit,
        SwarmJoin,
        SwarmLeave,
    )
    from netsim.daemon.engine import Engine, Outcome, apply, apply_scenario
    from netsim.errors import (
        DaemonError,
        DockerCliError,
        DockerError,
        InputError,
        NetsimError,
        ScenarioError,
        ScriptError,
    )
    from netsim.lab import Lab
    from netsim.probes import ProbeResult
    from netsim.state import (
        ContainerState,
        EndpointState,
        HostState,
        NetworkState,
        PortMapping,
        State,
        SubnetState,
        SwarmNode,
        SwarmState,
    )
    from netsim.versions import DEFAULT_PROFILE, PROFILES, EngineProfile


# where each public name lives; loading the engine (and its image catalogue) is deferred so
# that ``import netsim.errors`` (and so ``netsim --help``) stays fast
_HOMES = {
    **dict.fromkeys(["Engine", "Outcome", "apply", "apply_scenario"], "netsim.daemon.engine"),
    **dict.fromkeys(["DEFAULT_PROFILE", "PROFILES", "EngineProfile"], "netsim.versions"),
    **dict.fromkeys(["DaemonError", "DockerCliError", "DockerError", "InputError", "NetsimError",
                     "ScenarioError", "ScriptError"], "netsim.errors"),
    **dict.fromkeys(["ContainerState", "EndpointState", "HostState", "NetworkState",
                     "PortMapping", "State", "SubnetState", "SwarmNode", "SwarmState"],
                    "netsim.state"),
    **dict.fromkeys(["Disposition", "Hop", "Matrix", "Symptom", "Trace"], "netsim.analysis.reach"),
    "ProbeResult": "netsim.probes",
    "Lab": "netsim.lab",  # the notebook's API (it loads the docker CLI and the readers)
    **dict.fromkeys(["DnsAnswer", "DnsSeries", "Rcode", "ResolvConf"], "netsim.analysis.dns"),
}


def __getattr__(name: str) -> Any:
    import importlib

    if name in __all__:
        module = importlib.import_module(_HOMES.get(name, "netsim.api"))
        value = getattr(module, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'netsim' has no attribute {name!r}")


__all__ = [
    "DEFAULT_PROFILE",
    "IPAM",
    "PROFILES",
    "BridgeNetwork",
    "ConfigReference",
    "ContainerConfig",
    "ContainerCreate",
    "ContainerPause",
    "ContainerPrune",
    "ContainerRemove",
    "ContainerRename",
    "ContainerRestart",
    "ContainerSpec",
    "ContainerStart",
    "ContainerState",
    "ContainerStop",
    "DaemonError",
    "Disposition",
    "DnsAnswer",
    "DnsSeries",
    "DockerCliError",
    "DockerError",
    "EndpointConfig",
    "EndpointSettings",
    "EndpointState",
    "Engine",
    "EngineProfile",
    "Hop",
    "Host",
    "HostConfig",
    "HostState",
    "IPAMConfig",
    "ImageDecl",
    "InputError",
    "IpvlanNetwork",
    "Lab",
    "Lan",
    "MacvlanNetwork",
    "Matrix",
    "NetsimError",
    "NetworkConnect",
    "NetworkCreate",
    "NetworkDisconnect",
    "NetworkPrune",
    "NetworkRemove",
    "NetworkSpec",
    "NetworkState",
    "NetworkingConfig",
    "Operation",
    "Outcome",
    "OverlayNetwork",
    "PortBinding",
    "PortMapping",
    "ProbeResult",
    "Rcode",
    "ResolvConf",
    "Scenario",
    "ScenarioError",
    "ScriptError",
    "State",
    "SubnetState",
    "SwarmInit",
    "SwarmJoin",
    "SwarmLeave",
    "SwarmNode",
    "SwarmState",
    "Symptom",
    "Trace",
    "apply",
    "apply_scenario",
]
