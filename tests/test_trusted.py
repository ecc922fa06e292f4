"""netsim.api.trusted: models built without validation are the models validation makes."""

from __future__ import annotations

import ipaddress

import pytest
from pydantic import ValidationError

from netsim.api import EndpointSettings, HostConfig
from netsim.api.container import ContainerConfig
from netsim.api.trusted import build, evolve, revalidated
from netsim.state import EndpointState


def test_build_equals_validation_and_fills_defaults() -> None:
    cfg = EndpointSettings()
    made = build(EndpointState, network="n", network_id="abc", config=cfg)
    assert made == EndpointState(network="n", network_id="abc", config=cfg)
    assert list(made.__dict__) == list(EndpointState.model_fields)
    assert made.model_fields_set == {"network", "network_id", "config"}
    with pytest.raises(TypeError, match="missing"):
        build(EndpointState, network="n")
    with pytest.raises(TypeError, match="unknown"):
        build(EndpointState, network="n", network_id="", config=cfg, nope=1)


def test_a_model_with_a_new_of_its_own_is_not_built() -> None:
    """build makes a model with object.__new__: a class with a __new__ of its own is refused
    rather than made without it."""
    from pydantic import BaseModel

    class Odd(BaseModel):
        x: int = 0

        def __new__(cls, *args: object, **kwargs: object) -> Odd:
            return super().__new__(cls)

    with pytest.raises(TypeError, match="__new__"):
        build(Odd, x=1)


def test_mutable_defaults_are_fresh() -> None:
    """A default made by a factory is made for each model, as pydantic does."""
    one = build(HostConfig)
    two = build(HostConfig)
    assert one.Sysctls == {} and one.Sysctls is not two.Sysctls


def test_evolve_is_model_copy() -> None:
    ep = EndpointState(network="n", network_id="abc", config=EndpointSettings())
    ip = ipaddress.IPv4Interface("10.0.0.2/24")
    assert evolve(ep, ipv4=ip) == ep.model_copy(update={"ipv4": ip})
    assert evolve(ep, ipv4=ip).model_fields_set == ep.model_copy(
        update={"ipv4": ip}).model_fields_set
    with pytest.raises(TypeError, match="unknown"):
        evolve(ep, nope=1)


def test_check_mode_catches_a_wrong_type(monkeypatch: pytest.MonkeyPatch) -> None:
    """With CHECK on (as in this suite), a value validation would change is an error."""
    import netsim.api.trusted as trusted

    monkeypatch.setattr(trusted, "CHECK", True)
    with pytest.raises(AssertionError, match="ipv4"):
        build(EndpointState, network="n", network_id="", config=EndpointSettings(),
              ipv4="10.0.0.2/24")


def test_revalidated_validates_only_the_changes_with_their_validators() -> None:
    base = HostConfig()
    made = revalidated(base, NetworkMode="net1",
                       PortBindings={"80/tcp": ({"HostPort": "8080"},)})
    assert made == HostConfig(NetworkMode="net1",
                              PortBindings={"80/tcp": ({"HostPort": "8080"},)})
    assert base.NetworkMode == "default" and base.PortBindings == {}  # untouched
    with pytest.raises(ValidationError) as caught:  # the field validator ran
        revalidated(base, PortBindings={"80/xx": ()})
    assert "invalid port '80/xx'" in str(caught.value)


def test_revalidated_names_the_first_field_in_declaration_order() -> None:
    base = ContainerConfig(Image="scratch")
    with pytest.raises(ValidationError) as whole:
        ContainerConfig(Image="", Hostname=3)  # type: ignore[arg-type]
    with pytest.raises(ValidationError) as changed:
        revalidated(base, Image="", Hostname=3)
    assert changed.value.errors()[0]["loc"] == whole.value.errors()[0]["loc"]
    assert changed.value.errors()[0]["msg"] == whole.value.errors()[0]["msg"]
