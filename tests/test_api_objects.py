"""The engine receives Docker's API objects (issue 13, point 1): typed Config, HostConfig and
NetworkingConfig, not command-line strings; the CLI and the scenario reader make the same
objects for the same container; ``docker inspect`` prints them."""

from __future__ import annotations

import json
import typing
from typing import Any

from pydantic import BaseModel

from netsim.api import (
    ContainerCreate,
    ContainerSpec,
    HostConfig,
    Operation,
    PortBinding,
    RestartPolicy,
)
from netsim.io.scenario import dump_scenario, parse_scenario
from netsim.lab import Lab


def _models(annotation: Any, seen: set[type[BaseModel]]) -> None:
    """Every pydantic model an annotation reaches (through unions, tuples, dicts …)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        if annotation not in seen:
            seen.add(annotation)
            for field in annotation.model_fields.values():
                _models(field.annotation, seen)
        return
    for arg in typing.get_args(annotation):
        _models(arg, seen)


def _reachable(root: Any) -> set[type[BaseModel]]:
    seen: set[type[BaseModel]] = set()
    _models(root, seen)
    return seen


def test_no_operation_carries_command_line_flags() -> None:
    """No model an operation reaches keeps flags as typed: no ``options`` catch-all of
    (flag, value) pairs, no ``-p``/``--expose``/``--restart`` texts on the container side,
    whose every field has Docker's name; published ports and the restart policy are typed."""
    everything = _reachable(Operation)
    assert ContainerCreate in everything
    for model in everything:
        assert model.model_config.get("frozen") is True, model.__name__
        for name, field in model.model_fields.items():
            assert field.annotation != tuple[tuple[str, str], ...], (model.__name__, name)
    container_side = _reachable(ContainerSpec)
    assert HostConfig in container_side
    for model in container_side:
        for name in model.model_fields:
            assert name not in ("options", "publish", "expose", "add_hosts", "restart"), (
                model.__name__, name)
            assert name[0].isupper() or (model, name) == (ContainerSpec, "name"), (
                f"{model.__name__}.{name} is not a Docker API name")
    bindings = HostConfig.model_fields["PortBindings"].annotation
    assert typing.get_args(bindings) == (str, tuple[PortBinding, ...])
    assert HostConfig.model_fields["RestartPolicy"].annotation is RestartPolicy


RUN = "run -d --name web -p 8080:80 --memory 64m --restart on-failure:3 --init nginx"

FIELDS = """\
version: 1
steps:
  - op: run
    container:
      name: web
      image: nginx
      detach: true
      publish: ["8080:80"]
      restart: on-failure:3
      options: [[memory, 64m], [init, "true"]]
"""

REQUEST = """\
version: 1
steps:
  - op: run
    container:
      name: web
      Config: {Image: nginx, ExposedPorts: {80/tcp: {}}}
      HostConfig:
        Memory: 67108864
        PortBindings: {80/tcp: [{HostPort: "8080"}]}
        RestartPolicy: {Name: on-failure, MaximumRetryCount: 3}
        Init: true
        MemorySwappiness: -1
        OomKillDisable: false
        PidsLimit: 0
      NetworkingConfig: {EndpointsConfig: {default: {}}}
"""


def _cli_spec(command: str) -> ContainerSpec:
    lab = Lab()
    assert lab.docker(command).exit_code == 0
    op = lab.scenario().steps[-1]
    assert isinstance(op, ContainerCreate)
    return op.container


def test_the_cli_and_the_scenario_reader_make_the_same_request() -> None:
    """``docker run …`` and a scenario saying the same container, in the format's fields or as
    the request itself, give equal API objects."""
    from_cli = _cli_spec(RUN)
    from_fields = parse_scenario(FIELDS).steps[0]
    from_request = parse_scenario(REQUEST).steps[0]
    assert isinstance(from_fields, ContainerCreate) and isinstance(from_request, ContainerCreate)
    assert from_fields.container == from_cli
    assert from_request.container == from_cli
    assert from_cli.HostConfig.PortBindings == {"80/tcp": (PortBinding(HostPort="8080"),)}
    assert from_cli.HostConfig.RestartPolicy == RestartPolicy(Name="on-failure",
                                                              MaximumRetryCount=3)
    assert (from_cli.HostConfig.Memory, from_cli.HostConfig.Init) == (64 * 1024 * 1024, True)
    assert not from_cli.Config.AttachStdout  # -d


def test_a_request_the_fields_cannot_say_is_written_as_the_request() -> None:
    """``netsim export``: a container with flags beyond the format's fields is written in
    Docker's names, and reads back equal."""
    lab = Lab()
    lab.docker(RUN)
    lab.docker("run -d --name plain -p 81:80 nginx")
    text = dump_scenario(lab.scenario())
    assert "HostConfig:" in text and "publish:" in text  # web as a request, plain in fields
    assert parse_scenario(text) == lab.scenario()


def _inspect(lab: Lab, name: str) -> dict[str, Any]:
    data: list[dict[str, Any]] = json.loads(lab.docker(f"inspect {name}").stdout)
    return data[0]


def _docker_json(model: BaseModel, names: tuple[str, ...]) -> dict[str, Any]:
    dumped = model.model_dump(mode="json")
    return {k: dumped[k] for k in names}


def test_inspect_prints_the_request() -> None:
    """The fields a command line sets are printed by ``docker inspect`` as the request holds
    them (Docker's JSON names and shapes)."""
    lab = Lab()
    examples = {
        "run -d --name web -p 8080:80 -p 127.0.0.1:8443:443 --memory 64m --cpus 1.5 "
        "--restart on-failure:3 --init --hostname www --user nobody --cap-add NET_ADMIN "
        "--stop-timeout 7 nginx": (
            ("PortBindings", "Memory", "NanoCpus", "RestartPolicy", "Init", "CapAdd"),
            ("Hostname", "User", "ExposedPorts", "StopTimeout", "AttachStdout")),
        "create --name box --ulimit nofile=1024:2048 --device /dev/fuse --tmpfs /run:size=64m "
        "--sysctl net.ipv4.ip_forward=1 --log-driver none --dns 1.1.1.1 -it alpine sh": (
            ("Ulimits", "Devices", "Tmpfs", "Sysctls", "LogConfig", "Dns"),
            ("Tty", "OpenStdin", "AttachStdin", "StdinOnce", "Cmd", "Image")),
    }
    for command, (host_fields, config_fields) in examples.items():
        spec = _cli_spec(command)
        assert lab.docker(command).exit_code == 0
        shown = _inspect(lab, spec.name or "")
        assert _docker_json(spec.HostConfig, host_fields) == {
            k: shown["HostConfig"][k] for k in host_fields}
        assert _docker_json(spec.Config, config_fields) == {
            k: shown["Config"][k] for k in config_fields}
