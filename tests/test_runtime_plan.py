"""A bridge's first port changes its network's state (``link_local``,
:meth:`netsim.daemon.runtime.NetworkRuntime.link_local_up`): the JoinPlan made for the old state
is carried over, and must be the plan a new one would be (netsim.daemon.endpoints
``_join_plan``)."""

from __future__ import annotations

import pytest

from netsim.api import (
    IPAM,
    ContainerConfig,
    ContainerCreate,
    ContainerSpec,
    HostConfig,
    IPAMConfig,
    NetworkCreate,
    NetworkSpec,
)
from netsim.api.hosts import DEFAULT_HOST
from netsim.daemon.engine import Engine
from netsim.versions import profile


@pytest.mark.parametrize("version", ["20.10", "26.1", "28.5"])
@pytest.mark.parametrize("ipv6", [False, True])
@pytest.mark.parametrize("internal", [False, True])
def test_carried_plan_is_a_new_plan(version: str, ipv6: bool, internal: bool) -> None:
    engine = Engine(profile=profile(version))
    configs = [IPAMConfig(Subnet="10.9.0.0/24")]
    if ipv6:
        configs.append(IPAMConfig(Subnet="fd00:9::/64"))
    engine.execute(NetworkCreate(network=NetworkSpec(
        Name="n1", Internal=internal, EnableIPv6=ipv6, IPAM=IPAM(Config=tuple(configs)))))
    rt = engine._rt(DEFAULT_HOST)
    net = rt.networks["n1"]
    before = net.state
    assert not before.link_local
    engine.execute(ContainerCreate(container=ContainerSpec(
        name="c1", Config=ContainerConfig(Image="nginx"),
        HostConfig=HostConfig(NetworkMode="n1"))))
    carried = net.plan
    assert net.state is not before and net.state.link_local  # the bridge's first port
    assert carried is not None and carried.state is net.state
    net.plan = None
    fresh = engine._join_plan(net)
    assert fresh == carried
    assert fresh is not carried
