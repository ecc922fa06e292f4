"""netsim: predict what Docker Engine 29.1 networking does, without a Docker engine.

The pure core: declare operations (:mod:`netsim.model`), apply them with Docker's rules
(:mod:`netsim.engine`), read the resolved :class:`State` (:mod:`netsim.state`). The rules are
Engine 29.1's unless another supported engine's :class:`EngineProfile` is chosen
(:mod:`netsim.versions`: 20.10, 26.1, 28.5, 29.1).

>>> from netsim import BridgeNetwork, ContainerCreate, ContainerSpec, EndpointConfig
>>> from netsim import NetworkCreate, apply
>>> state = apply([
...     NetworkCreate(network=BridgeNetwork(name="mybridge")),
...     ContainerCreate(container=ContainerSpec(
...         name="web", image="nginx", networks=(EndpointConfig(network="mybridge"),))),
... ])
>>> str(state.container("web").endpoints[0].ipv4)
'172.18.0.2/16'

Who reaches whom: :func:`netsim.reach.reach` (one flow, explained: a :class:`Trace`) and
:func:`netsim.reach.matrix` (all pairs); what Docker's embedded DNS answers, /etc/hosts and
resolv.conf: :mod:`netsim.dns` (:func:`netsim.dns.query`, :func:`netsim.dns.query_series`); what
``ping``/``curl``/``dig``/``ip addr`` print: :func:`netsim.probes.probe`; the State as a networkx
graph: :mod:`netsim.graph`.

For typing docker commands one at a time (scripts, notebooks) see :class:`netsim.lab.Lab`.
"""

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the names, for type checkers; at run time they load on first use
    from netsim.dns import DnsAnswer, DnsSeries, Rcode, ResolvConf
    from netsim.engine import Engine, Outcome, apply, apply_scenario
    from netsim.errors import (
        DaemonError,
        DockerCliError,
        DockerError,
        InputError,
        NetsimError,
        ScenarioError,
        ScriptError,
    )
    from netsim.model import (
        BridgeNetwork,
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
        Host,
        ImageDecl,
        IpamConfig,
        IpvlanNetwork,
        Lan,
        MacvlanNetwork,
        NetworkConnect,
        NetworkCreate,
        NetworkDisconnect,
        NetworkPrune,
        NetworkRemove,
        Operation,
        OverlayNetwork,
        PortBinding,
        Scenario,
        SwarmInit,
        SwarmJoin,
        SwarmLeave,
    )
    from netsim.probes import ProbeResult
    from netsim.reach import Disposition, Hop, Matrix, Symptom, Trace
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
    **dict.fromkeys(["Engine", "Outcome", "apply", "apply_scenario"], "netsim.engine"),
    **dict.fromkeys(["DEFAULT_PROFILE", "PROFILES", "EngineProfile"], "netsim.versions"),
    **dict.fromkeys(["DaemonError", "DockerCliError", "DockerError", "InputError", "NetsimError",
                     "ScenarioError", "ScriptError"], "netsim.errors"),
    **dict.fromkeys(["ContainerState", "EndpointState", "HostState", "NetworkState",
                     "PortMapping", "State", "SubnetState", "SwarmNode", "SwarmState"],
                    "netsim.state"),
    **dict.fromkeys(["Disposition", "Hop", "Matrix", "Symptom", "Trace"], "netsim.reach"),
    "ProbeResult": "netsim.probes",
    **dict.fromkeys(["DnsAnswer", "DnsSeries", "Rcode", "ResolvConf"], "netsim.dns"),
}


def __getattr__(name: str) -> Any:
    import importlib

    if name in __all__:
        module = importlib.import_module(_HOMES.get(name, "netsim.model"))
        value = getattr(module, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'netsim' has no attribute {name!r}")


__all__ = [
    "DEFAULT_PROFILE",
    "PROFILES",
    "BridgeNetwork",
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
    "EndpointState",
    "Engine",
    "EngineProfile",
    "Hop",
    "Host",
    "HostState",
    "ImageDecl",
    "InputError",
    "IpamConfig",
    "IpvlanNetwork",
    "Lan",
    "MacvlanNetwork",
    "Matrix",
    "NetsimError",
    "NetworkConnect",
    "NetworkCreate",
    "NetworkDisconnect",
    "NetworkPrune",
    "NetworkRemove",
    "NetworkState",
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
