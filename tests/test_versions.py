"""Engine profiles: the supported engines, their rules, how a version is named, where it is
chosen (script directive, scenario, Lab, CLI --engine), and that no other module compares
versions."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

from netsim.dockercli.output import inspect as render
from netsim.errors import InputError, ScenarioError, ScriptError
from netsim.io.scenario import dump_scenario, parse_scenario
from netsim.lab import Lab, run_scenario, run_script
from netsim.state import State
from netsim.versions import DEFAULT_PROFILE, PROFILES, EngineProfile, profile

ACCEPTED = "accepted: 20.10, 26.1, 28.5, 29.1"

# ------------------------------------------------------------------------------------ profiles


def test_the_supported_engines() -> None:
    """Four profiles, by name: their full version, API version and the tag they were read at."""
    assert {n: (p.version, p.api_version, p.moby_tag) for n, p in PROFILES.items()} == {
        "20.10": ("20.10.24", "1.41", "v20.10.24"),
        "26.1": ("26.1.5", "1.45", "v26.1.5"),
        "28.5": ("28.5.2", "1.51", "v28.5.2"),
        "29.1": ("29.1.5", "1.52", "docker-v29.1.5"),
    }
    assert DEFAULT_PROFILE is PROFILES["29.1"]
    assert str(PROFILES["28.5"]) == "Docker Engine 28.5.2 (API 1.51)"


RULES = ("rotating_subnet_allocation", "legacy_pool_exhausted_message",
         "static_ip_needs_user_subnet", "macvlan_exclusive_parent", "vlan_gateway", "random_macs",
         "ipam_config_omits_empty", "ipam_config_shows_allocated_gateway")


@pytest.mark.parametrize(("name", "rules"), [
    ("20.10", (True, True, True, True, "always", False, True, False)),
    ("26.1", (True, True, True, True, "always", False, True, False)),
    ("28.5", (False, False, True, False, "unless_internal_or_l3", True, True, False)),
    ("29.1", (False, False, False, False, "only_when_given", True, False, True)),
])
def test_each_profile_rules(name: str, rules: tuple[Any, ...]) -> None:
    """Every rule field of every profile, as read from moby at the profile's tag."""
    p = PROFILES[name]
    assert tuple(getattr(p, r) for r in RULES) == rules


def test_static_ip_messages() -> None:
    """The refusal of a --ip outside every subnet, per engine."""
    texts = {n: p.static_ip_outside_subnet_message.format(ip="10.0.0.9")
             for n, p in PROFILES.items()}
    assert texts == {
        "20.10": "Invalid address 10.0.0.9: It does not belong to any of this network's subnets",
        "26.1": "no configured subnet or ip-range contain the IP address 10.0.0.9",
        "28.5": "no configured subnet or ip-range contain the IP address 10.0.0.9",
        "29.1": "no configured subnet contains IP address 10.0.0.9",
    }


def test_inspect_shapes() -> None:
    """29.1 dropped the deprecated NetworkSettings fields and added Status; 28.5 moved
    MacAddress; 26.1 and 20.10 have no EnableIPv4 nor GwPriority; 20.10 no DNSNames."""
    p20, p26, p28, p29 = (PROFILES[n] for n in ("20.10", "26.1", "28.5", "29.1"))
    assert p29.network_settings_keys == ("SandboxID", "SandboxKey", "Ports", "Networks")
    for p in (p20, p26, p28):
        assert {"Bridge", "IPAddress", "Gateway", "MacAddress", "SandboxKey", "EndpointID",
                "HairpinMode", "SecondaryIPAddresses"} <= set(p.network_settings_keys)
        assert "Status" not in p.network_inspect_keys
        assert p.network_inspect_keys.index("Containers") < p.network_inspect_keys.index(
            "Options")
    assert p29.network_inspect_keys[-3:] == ("Containers", "Services", "Status")
    assert "EnableIPv4" not in p26.network_inspect_keys + p20.network_inspect_keys
    assert p28.endpoint_settings_keys[3] == "MacAddress"
    assert p29.endpoint_settings_keys.index("MacAddress") == \
        p29.endpoint_settings_keys.index("IPAddress") + 1
    assert "GwPriority" not in p26.endpoint_settings_keys + p20.endpoint_settings_keys
    assert "DNSNames" not in p20.endpoint_settings_keys


def test_profiles_are_frozen() -> None:
    with pytest.raises(ValueError, match="frozen"):
        DEFAULT_PROFILE.random_macs = False  # type: ignore[misc]


# ------------------------------------------------------------------------- naming a version


@pytest.mark.parametrize(("text", "name"), [
    ("28.5", "28.5"), ("28.5.2", "28.5"), ("28.5.0", "28.5"), ("28", "28.5"), (" 28.5 ", "28.5"),
    ("29", "29.1"), ("29.1", "29.1"), ("29.1.3", "29.1"), ("26", "26.1"), ("26.1.4", "26.1"),
    ("20", "20.10"), ("20.10", "20.10"), ("20.10.24", "20.10"),
])
def test_version_names(text: str, name: str) -> None:
    """A profile's name, any patch release of it, or its major version (the newest x.y)."""
    assert profile(text).name == name


def test_a_profile_names_itself() -> None:
    assert profile(PROFILES["26.1"]) is PROFILES["26.1"]


@pytest.mark.parametrize("text", ["3.0", "31", "27.5", "27", "29.7", "20.1", "abc", "", "28.5.x",
                                  "v28.5"])
def test_unknown_versions(text: str) -> None:
    """Anything else is one line that names the supported engines."""
    with pytest.raises(InputError) as err:
        profile(text)
    assert err.value.line() == f"unknown engine version (got {text!r}; {ACCEPTED})"


def test_unknown_version_with_its_place() -> None:
    with pytest.raises(InputError) as err:
        profile("31", where="line 1")
    assert err.value.line() == f"line 1: unknown engine version (got '31'; {ACCEPTED})"


# --------------------------------------------------------------------- where it is chosen


def test_state_carries_its_profile() -> None:
    """The State says which engine built it; the default is 29.1."""
    assert Lab().state.profile is DEFAULT_PROFILE
    lab, _ = run_script("# netsim: engine 28\ndocker network create n\n")
    assert lab.state.profile is PROFILES["28.5"]
    assert Lab(profile="20.10.24").state.profile is PROFILES["20.10"]
    assert "profile" not in repr(lab.state)  # kept out of the (long) repr


def test_run_script_profile_overrides_the_directive() -> None:
    lab, _ = run_script("# netsim: engine 26.1\ndocker run -d --name web nginx\n", profile="29")
    assert lab.state.profile.name == "29.1"
    assert lab.state.container("web").endpoints[0].mac != "02:42:ac:11:00:02"


def test_engine_directive_unknown_version() -> None:
    with pytest.raises(ScriptError) as err:
        run_script("# netsim: engine 31\ndocker ps\n", source="s.sh")
    assert err.value.line() == f"s.sh:1: unknown engine version (got '31'; {ACCEPTED})"


def test_replay_with_setup_refuses_the_scripts_engine() -> None:
    """A replay that sets hosts/LAN (conformance) refuses a script that names its engine."""
    from netsim.api import Host

    with pytest.raises(InputError, match="must not declare them"):
        run_script("# netsim: engine 29.1\ndocker ps\n", hosts=[Host(name="h")],
                   profile="28.5")


def test_scenario_engine_version() -> None:
    """A scenario's engine_version names a profile (normalised), chosen by run_scenario."""
    scenario = parse_scenario("engine_version: '28'\nsteps: []\n")
    assert scenario.engine_version == "28.5" and scenario.profile is PROFILES["28.5"]
    lab, _ = run_scenario(scenario)
    assert lab.state.profile is PROFILES["28.5"]
    assert run_scenario(scenario, profile="26.1")[0].state.profile is PROFILES["26.1"]
    assert "engine_version: '28.5'" in dump_scenario(lab.scenario())
    with pytest.raises(ScenarioError) as err:
        parse_scenario("engine_version: '31'\nsteps: []\n", source="s.yaml")
    assert err.value.line() == \
        f"s.yaml:1: engine_version: unknown engine version (got '31'; {ACCEPTED})"


# ----------------------------------------------------------------- rules, engine by engine


def _state(script: str, version: str) -> State:
    lab, _ = run_script(script, profile=version)
    return lab.state


def test_vlan_gateway_by_engine() -> None:
    """IPAM's gateway for macvlan/ipvlan without --gateway: always (26.1), not for --internal or
    ipvlan l3 (28.5), never (29.1); an ipvlan l3 endpoint has no gateway in any engine."""
    script = ("docker network create -d macvlan --internal --subnet 192.168.7.0/24 "
              "-o parent=eth0 mvi\n"
              "docker network create -d ipvlan --subnet 192.168.8.0/24 -o parent=eth0 "
              "-o ipvlan_mode=l3 l3\n"
              "docker run -d --name c1 --network mvi nginx\n"
              "docker run -d --name c2 --network l3 nginx\n")
    got = {}
    for v in ("26.1", "28.5", "29.1"):
        st = _state(script, v)
        got[v] = (str(st.network("mvi").subnets[0].gateway),
                  str(st.container("c1").endpoints[0].ipv4),
                  str(st.network("l3").subnets[0].gateway),
                  st.container("c2").endpoints[0].gateway)
    assert got == {
        "26.1": ("192.168.7.1", "192.168.7.2/24", "192.168.8.1", None),
        "28.5": ("None", "192.168.7.1/24", "None", None),
        "29.1": ("None", "192.168.7.1/24", "None", None),
    }


def test_macvlan_parent_shared_from_27() -> None:
    script = ("docker network create -d macvlan --subnet 10.1.1.0/24 -o parent=eth0 m1\n"
              "docker network create -d macvlan --subnet 10.1.2.0/24 -o parent=eth0 m2\n")
    _, old = run_script(script, profile="20.10")
    _, new = run_script(script, profile="28.5")
    assert old[1].exit_code == 1 and "already using parent interface eth0" in old[1].stderr
    assert new[1].exit_code == 0


def test_static_ip_rules_by_engine() -> None:
    script = ("docker network create a\n"
              "docker network create --subnet 10.9.0.0/24 u\n"
              "docker run -d --name c1 --network a --ip 172.18.0.9 nginx\n"
              "docker run -d --name c2 --network u --ip 10.8.0.9 nginx\n")
    errs = {v: [s.stderr for s in run_script(script, profile=v)[1][2:]] for v in ("28.5", "29.1")}
    assert ("user specified IP address is supported only when connecting to networks with "
            "user configured subnets\n") in errs["28.5"][0]
    assert "no configured subnet or ip-range contain the IP address 10.8.0.9\n" in errs["28.5"][1]
    assert errs["29.1"][0] == ""
    assert "no configured subnet contains IP address 10.8.0.9" in errs["29.1"][1]


def test_pool_exhaustion_message_by_engine() -> None:
    script = "".join(f"docker network create n{i}\n" for i in range(32))
    last = {v: run_script(script, profile=v)[1][-1].stderr for v in ("26.1", "29.1")}
    assert last["26.1"] == ("Error response from daemon: could not find an available, "
                            "non-overlapping IPv4 address pool among the defaults to assign to "
                            "the network\n")
    assert last["29.1"] == ("Error response from daemon: all predefined address pools have "
                            "been fully subnetted\n")


# ------------------------------------------------------------------------ inspect shapes

_SCRIPT = ("docker network create --subnet 10.5.0.0/24 --ip-range 10.5.0.128/25 u\n"
           "docker network create a\n"
           "docker run -d --name web nginx\n")


def test_container_inspect_28_keeps_the_deprecated_fields() -> None:
    """28.5 repeats the bridge endpoint at the top of NetworkSettings; 29.1 does not."""
    old = _state(_SCRIPT, "28.5")
    ns = render.container(old, old.container("web"))["NetworkSettings"]
    ep = ns["Networks"]["bridge"]
    assert list(ns) == list(PROFILES["28.5"].network_settings_keys)
    assert (ns["IPAddress"], ns["Gateway"], ns["IPPrefixLen"], ns["MacAddress"]) == (
        "172.17.0.2", "172.17.0.1", 16, ep["MacAddress"])
    assert (ns["Bridge"], ns["HairpinMode"], ns["SecondaryIPAddresses"]) == ("", False, None)
    assert list(ep) == list(PROFILES["28.5"].endpoint_settings_keys)
    new = _state(_SCRIPT, "29.1")
    assert list(render.container(new, new.container("web"))["NetworkSettings"]) == [
        "SandboxID", "SandboxKey", "Ports", "Networks"]


def test_container_inspect_without_bridge_endpoint() -> None:
    """Not on the default bridge: the deprecated fields are empty."""
    st = _state("docker network create a\ndocker run -d --name c1 --network a nginx\n", "26.1")
    ns = render.container(st, st.container("c1"))["NetworkSettings"]
    assert (ns["IPAddress"], ns["IPPrefixLen"], ns["EndpointID"]) == ("", 0, "")


@pytest.mark.parametrize("version", ["20.10", "26.1", "28.5"])
def test_stopped_container_keeps_its_sandbox_before_27(version: str) -> None:
    """Recorded (26.1.5: 38-container-inspect:34): a stopped container's inspect still shows the
    sandbox of its last start; from 27.0 releaseNetwork clears SandboxID and SandboxKey. A
    container never started has none; a new start makes a new one."""
    st = _state("docker run -d --name c1 nginx\ndocker create --name c2 nginx\n", version)
    running = render.container(st, st.container("c1"))["NetworkSettings"]["SandboxID"]
    st = _state("docker run -d --name c1 nginx\ndocker create --name c2 nginx\n"
                "docker stop c1\n", version)
    ns = render.container(st, st.container("c1"))["NetworkSettings"]
    kept = PROFILES[version].stopped_keeps_sandbox
    assert kept is (version != "28.5")
    assert (ns["SandboxID"], ns["SandboxKey"]) == (
        (running, f"/var/run/docker/netns/{running[:12]}") if kept else ("", ""))
    assert render.container(st, st.container("c2"))["NetworkSettings"]["SandboxID"] == ""
    st = _state("docker run -d --name c1 nginx\ndocker stop c1\ndocker start c1\n", version)
    assert render.container(st, st.container("c1"))["NetworkSettings"]["SandboxID"] not in (
        "", running)


def test_network_inspect_28_shape() -> None:
    """28.5: no Status, Containers before Options, empty IPRange/Gateway left out and only the
    user's own gateway shown; 29.1: "" and the gateway IPAM chose."""
    old, new = _state(_SCRIPT, "28.5"), _state(_SCRIPT, "29.1")
    u_old, u_new = render.network(old, "host", "u"), render.network(new, "host", "u")
    assert list(u_old) == [k for k in PROFILES["28.5"].network_inspect_keys if k in u_old]
    assert "Status" not in u_old and "Status" in u_new
    assert u_old["IPAM"]["Config"] == [{"Subnet": "10.5.0.0/24", "IPRange": "10.5.0.128/25"}]
    assert u_new["IPAM"]["Config"] == [{"Subnet": "10.5.0.0/24", "IPRange": "10.5.0.128/25",
                                        "Gateway": "10.5.0.128"}]
    assert render.network(old, "host", "a")["IPAM"]["Config"] == [
        {"Subnet": "172.18.0.0/16", "Gateway": "172.18.0.1"}]
    assert render.network(new, "host", "a")["IPAM"]["Config"] == [
        {"Subnet": "172.18.0.0/16", "IPRange": "", "Gateway": "172.18.0.1"}]
    assert "EnableIPv4" not in render.network(_state(_SCRIPT, "26.1"), "host", "u")


def test_network_inspect_28_swarm_network_shows_its_gateway() -> None:
    """A swarm network's IPAM config comes from the cluster's allocator, gateway included."""
    st = _state("docker swarm init --advertise-addr 198.51.100.10\n"
                "docker network create -d overlay --subnet 10.10.0.0/24 --attachable ov\n", "28.5")
    assert render.network(st, "host", "ov")["IPAM"]["Config"] == [
        {"Subnet": "10.10.0.0/24", "Gateway": "10.10.0.1"}]


def test_default_profile_shapes_keep_every_key() -> None:
    """29.1's key lists name every key netsim renders (nothing is silently dropped)."""
    st = _state(_SCRIPT + "docker network connect a web\n", "29.1")
    c = render.container(st, st.container("web"))
    assert set(c["NetworkSettings"]) == set(DEFAULT_PROFILE.network_settings_keys)
    for ep in c["NetworkSettings"]["Networks"].values():
        assert list(ep) == list(DEFAULT_PROFILE.endpoint_settings_keys)
    n = render.network(st, "host", "a")
    assert list(n) == [k for k in DEFAULT_PROFILE.network_inspect_keys if k in n]
    assert set(DEFAULT_PROFILE.network_inspect_keys) - set(n) == {"Peers", "Services"}


# ---------------------------------------------------------------------------- the CLI


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    from netsim.cli import main

    code: Any = 0
    try:
        main(list(args))
    except SystemExit as ex:
        code = ex.code
    out = capsys.readouterr()
    return (code if isinstance(code, int) else 0), out.out, out.err


@pytest.fixture
def script(tmp_path: Path) -> Path:
    f = tmp_path / "s.sh"
    f.write_text("# netsim: engine 29.1\ndocker run -d --name web nginx\n"
                 "docker inspect -f '{{.NetworkSettings.MacAddress}}' web\n")
    return f


def test_cli_engine_option_overrides_the_file(capsys: pytest.CaptureFixture[str],
                                              script: Path) -> None:
    """--engine 26.1 replays the script under 26.1 (the MAC derived from the address)."""
    code, out, _ = _cli(capsys, "run", "--engine", "26.1", str(script))
    assert code == 0 and out.endswith("\n02:42:ac:11:00:02\n")
    code, out, _ = _cli(capsys, "inspect", "--engine", "28", str(script), "web")
    assert code == 0 and '"IPAddress": "172.17.0.2"' in out.split('"Networks"')[0]


@pytest.mark.parametrize("command", [
    ["run"], ["check"], ["inspect"], ["reach", "web", "web"], ["matrix"], ["dns", "web", "web"],
    ["draw", "-o", "x.dot"], ["export", "-o", "-"], ["exec", "web", "--", "hostname"],
])
def test_cli_unknown_engine(capsys: pytest.CaptureFixture[str], script: Path,
                            command: list[str]) -> None:
    """Every command that replays a file takes --engine; an unknown one: one line, exit 2."""
    code, out, err = _cli(capsys, command[0], "--engine", "31", str(script), *command[1:])
    assert (code, out) == (2, "")
    assert err == f"netsim {command[0]}: --engine: unknown engine version (got '31'; {ACCEPTED})\n"


def test_cli_lists_the_profiles() -> None:
    """The CLI's help names the engines without importing netsim.versions; they agree."""
    from netsim import cli

    assert ", ".join(PROFILES) == cli._ENGINES


# ------------------------------------------- recorded on 26.1.5 (conformance/recorded/26.1)


def _steps(script: str, version: str) -> list[Any]:
    return list(run_script(script, profile=version)[1])


def test_hosts_ipv6_block_spelling_by_engine() -> None:
    """recorded on 26.1.5: /etc/hosts says fe00::0 and ff00::0 (libnetwork/etchosts strings);
    28.5 writes netip's fe00:: and ff00::."""
    script = "docker run -d --name ab alpine sleep 1000\ndocker exec ab cat /etc/hosts\n"
    old, new = (_steps(script, v)[1].stdout for v in ("26.1", "28.5"))
    assert "fe00::0\tip6-localnet\n" in old and "ff00::0\tip6-mcastprefix\n" in old
    assert "fe00::\tip6-localnet\n" in new and "ff00::\tip6-mcastprefix\n" in new


def test_ps_ports_ipv6_brackets_by_cli() -> None:
    """recorded on 26.1.5: docker ps prints :::80->80/tcp; the 28.x CLI [::]:80->80/tcp."""
    script = "docker run -d --name web -p 80:80 nginx\ndocker ps --format '{{.Ports}}'\n"
    old, new = (_steps(script, v)[1].stdout for v in ("26.1", "28.5"))
    assert old == "0.0.0.0:80->80/tcp, :::80->80/tcp\n"
    assert new == "0.0.0.0:80->80/tcp, [::]:80->80/tcp\n"


def test_run_error_help_line_by_cli() -> None:
    """recorded on 26.1.5: reportError's "See 'docker run --help'." (no blank line); a failed
    start prints no help line and no "failed to set up container networking" prefix."""
    script = ("docker run -d --name xx alpine sleep 1000\n"
              "docker run -d --name xx alpine sleep 1000\n"
              "docker run --rm --network nosuchnet alpine true\n")
    old = _steps(script, "26.1")
    assert old[1].stderr.endswith(
        "remove (or rename) that container to be able to reuse that name.\n"
        "See 'docker run --help'.\n")
    assert old[2].stderr == "docker: Error response from daemon: network nosuchnet not found.\n"
    new = _steps(script, "28.5")
    assert new[1].stderr.endswith("\n\nRun 'docker run --help' for more information\n")


def test_daemon_error_texts_on_26() -> None:
    """recorded on 26.1.5: network rm of a network in use, a pool overlap, rm of a running
    container, and network rm's missing "exit status 1"."""
    script = ("docker network create --subnet 10.10.0.0/24 n\n"
              "docker run -d --name cc --network n alpine sleep 1000\n"
              "docker network rm n\n"
              "docker network create --subnet 10.10.0.0/16 o\n"
              "docker rm cc\n")
    lab, steps = run_script(script, profile="26.1")
    net_id = next(iter(lab.state.hosts.values())).networks["n"].id
    assert steps[2].stderr == ("Error response from daemon: error while removing network: "
                               f"network n id {net_id} has active endpoints\n")
    assert steps[3].stderr == ("Error response from daemon: Pool overlaps with other one on "
                               "this address space\n")
    assert steps[4].stderr.startswith('Error response from daemon: cannot remove container "/cc"')
    new = _steps(script, "28.5")
    assert new[2].stderr.endswith("exit status 1\n")
    assert "invalid pool request: " in new[3].stderr


def test_veth_index_by_engine() -> None:
    """recorded on 26.1.5: the bridge veth is made in the host's namespace and moved, so eth0
    keeps the host's index (4: eth0@if5); 28.x makes it in the container's (2: eth0@if4)."""
    script = "docker run -d --name ab alpine sleep 1000\ndocker exec ab ip -4 addr show eth0\n"
    old, new = (_steps(script, v)[1].stdout for v in ("26.1", "28.5"))
    assert old.startswith("4: eth0@if5:") and new.startswith("2: eth0@if4:")


def test_exec_missing_program_code_by_engine() -> None:
    """recorded on 26.1.5: daemon/exec.go overwrites the exec's exit code with 126."""
    script = ("docker run -d --name ab netsim-lab/alpine sleep 1000\n"
              "docker exec ab nosuchcmd\n")
    assert [_steps(script, v)[1].exit_code for v in ("26.1", "28.5")] == [126, 127]


def test_interface_names_by_engine() -> None:
    """recorded on 26.1.5 (18-connect-lifecycle): a network connected again after two others
    is eth2 (the sandbox's nextIfIndex only goes up); 28.x takes the lowest free, eth0."""
    script = ("docker network create blue\ndocker network create green\n"
              "docker run -itd --name c2 --network green netsim-lab/debian\n"
              "docker network connect blue c2\ndocker network disconnect blue c2\n"
              "docker network disconnect green c2\ndocker network connect green c2\n"
              "docker exec c2 ip -4 addr\n")
    old, new = (_steps(script, v)[-1].stdout for v in ("26.1", "28.5"))
    assert " eth2@" in old and " eth0@" in new


def test_container_network_join_texts_by_engine() -> None:
    """recorded on 26.1.5 (24-container-network-errors, 50-run-create-network-errors,
    52-container-lifecycle-errors): getNetworkedContainer's older words name the owner as
    the mode stores it (its ID), and a missing owner is a bare "No such container"."""
    script = ("docker run -d --name owner netsim-lab/alpine sleep 1000\n"
              "docker run -d --name joiner --network container:owner netsim-lab/alpine sleep 1000\n"
              "docker stop -t 1 owner joiner\n"
              "docker start joiner\n"
              "docker rm owner\n"
              "docker start joiner\n"
              "docker create --name self --network container:self netsim-lab/alpine\n"
              "docker start self\n"
              "docker run -d --network container: netsim-lab/alpine\n")
    old = _steps(script, "26.1")
    owner = old[0].stdout.strip()
    assert old[3].stderr.startswith("Error response from daemon: cannot join network of a non "
                                    f"running container: {owner}\n")
    assert old[5].stderr.startswith(f"Error response from daemon: No such container: {owner}\n")
    assert old[7].stderr.startswith("Error response from daemon: cannot join own network\n")
    assert old[8].stderr.startswith("docker: Error response from daemon: Invalid network mode: ")
    new = _steps(script, "28.5")
    assert new[3].stderr.startswith("Error response from daemon: cannot join network namespace "
                                    "of a non running container: container owner is exited\n")
    assert new[5].stderr.startswith("Error response from daemon: joining network namespace of "
                                    f"container: No such container: {owner}\n")
    assert new[7].stderr.startswith(
        "Error response from daemon: cannot join own network namespace\n")
    assert new[8].stderr.startswith("docker: Error response from daemon: invalid network mode: ")


@pytest.mark.parametrize("network", ["none", "host", "bridge", "container:ok1"])
def test_link_with_a_predefined_network_by_cli(network: str) -> None:
    """recorded on 26.1.5 (50-run-create-network-errors:42,49,53): the 26.1 CLI puts --link on
    the first --network's endpoint unless it is "default", and refuses it there; 28.x leaves a
    predefined network's links to the daemon (``--network none --link`` runs)."""
    script = ("docker run -d --name ok1 netsim-lab/alpine sleep 1000\n"
              f"docker run -d --name x1 --network {network} --link ok1:db netsim-lab/alpine "
              "sleep 1000\n"
              "docker run -d --name x2 --link ok1:db netsim-lab/alpine sleep 1000\n")
    old = _steps(script, "26.1")
    assert old[1].stderr == ("docker: links are only supported for user-defined networks.\n"
                             "See 'docker run --help'.\n")
    assert old[1].exit_code == 125 and old[2].exit_code == 0
    new = _steps(script, "28.5")
    assert "links are only supported" not in new[1].stderr
    if network == "none":
        assert new[1].exit_code == 0


def test_link_to_a_container_off_the_default_bridge_by_engine() -> None:
    """recorded on 26.1.5 and 28.5.2 (50-run-create-network-errors:56): 26.1 refuses the link
    while the bridge endpoint is set up (isLinkable), 28.x in setupLinkedContainers."""
    script = ("docker network create lab1\n"
              "docker run -d --name ok1 --network lab1 netsim-lab/alpine sleep 1000\n"
              "docker run -d --name x1 --link ok1:db netsim-lab/alpine sleep 1000\n")
    old = _steps(script, "26.1")
    assert old[2].stderr == ("docker: Error response from daemon: Cannot link to /ok1, as it "
                             "does not belong to the default network.\n")
    new = _steps(script, "28.5")
    assert new[2].stderr.startswith("docker: Error response from daemon: container ")
    assert "not attached to default bridge network" in new[2].stderr


def test_host_network_connect_texts_by_engine() -> None:
    """recorded on 26.1.5 (53-network-connect-rm-errors:13,38): one ErrConflictHostNetwork
    for connecting to and disconnecting from the host network; 28.5 has two texts."""
    script = ("docker run -d --name ca netsim-lab/alpine sleep 1000\n"
              "docker run -d --name hostc --network host netsim-lab/alpine sleep 1000\n"
              "docker network connect host ca\n"
              "docker network disconnect host hostc\n")
    text = ("Error response from daemon: container cannot be disconnected from host network or "
            "connected to host network\n")
    old = _steps(script, "26.1")
    assert old[2].stderr == old[3].stderr == text
    new = _steps(script, "28.5")
    assert new[2].stderr.startswith("Error response from daemon: cannot connect container to host")
    assert new[3].stderr.startswith("Error response from daemon: cannot disconnect container from")


def test_exec_errors_by_engine() -> None:
    """recorded on 26.1.5 (54-exec-inspect-errors:15,25,35): the user is looked up when the
    exec starts (its stream, 126), the daemon's ": permission denied" for a directory comes
    after containerd's ": unknown", and inspect's older --type check."""
    script = ("docker run -d --name ca netsim-lab/alpine sleep 1000\n"
              "docker exec -u nosuchuser ca id\n"
              "docker exec ca /etc\n"
              "docker inspect --type bogus ca\n"
              "docker inspect --type config ca\n")
    old = _steps(script, "26.1")
    assert (old[1].stdout, old[1].stderr, old[1].exit_code) == (
        "unable to find user nosuchuser: no matching entries in passwd file\r\n", "", 126)
    assert old[2].stdout.endswith('exec: "/etc": is a directory: unknown: permission denied\r\n')
    assert old[3].stderr == '"bogus" is not a valid value for --type\n'
    assert old[4].stderr == '"config" is not a valid value for --type\n'
    new = _steps(script, "28.5")
    assert (new[1].stderr, new[1].exit_code) == (
        "Error response from daemon: unable to find user nosuchuser: no matching entries in "
        "passwd file\n", 1)
    assert new[2].stdout.endswith('exec: "/etc": is a directory: permission denied\r\n')
    assert new[3].stderr.startswith('unknown type: "bogus": must be one of "config", ')
    assert _steps(script, "29.1")[2].stdout.endswith(
        "is a directory: unknown: permission denied\r\n")


def test_cli_flag_value_texts_20_10() -> None:
    """docker/cli 20.10.24 (recorded: 20.10, 43-cli-flag-values-strings, 44-…-mount-network):
    --dns's ``is not an ip address``, --add-host NAME:IP only, --sysctl's ``whitelisted``,
    no bind-recursive key; 26.1 lacks only image-subpath."""
    script = ("docker run --rm --dns 8.8.8 netsim-lab/alpine true\n"
              "docker run --rm --add-host db=not-an-ip netsim-lab/alpine true\n"
              "docker run --rm --sysctl kernel.hostname=x netsim-lab/alpine true\n"
              "docker run --rm --mount type=bind,src=/tmp,dst=/x,bind-recursive=maybe "
              "netsim-lab/alpine true\n"
              "docker run --rm --mount type=image,src=a,dst=/x,image-subpath=y netsim-lab/alpine "
              "true\n")
    old = [s.stderr.splitlines()[0] for s in _steps(script, "20.10")]
    assert old[0].endswith('flag: 8.8.8 is not an ip address')
    assert old[1].endswith('flag: bad format for add-host: "db=not-an-ip"')
    assert old[2].endswith("flag: sysctl 'kernel.hostname=x' is not whitelisted")
    assert old[3].endswith("flag: unexpected key 'bind-recursive' in 'bind-recursive=maybe'")
    new = [s.stderr.splitlines()[0] for s in _steps(script, "26.1")]
    assert new[0].endswith("flag: IP address is not correctly formatted: 8.8.8")
    assert new[1].endswith('flag: invalid IP address in add-host: "not-an-ip"')
    assert new[2].endswith("flag: sysctl 'kernel.hostname=x' is not allowed")
    assert "bind-recursive" in new[3] and "unexpected key" not in new[3]
    assert new[4].endswith("flag: unexpected key 'image-subpath' in 'image-subpath=y'")


def test_client_not_found_and_port_texts_20_10() -> None:
    """The moby client 20.10 rewords a 404 of the calls it wraps; docker port names the port
    with its protocol and passes strconv's error on bare (recorded: 20.10, 39-, 51-, 52-,
    53-, 54-…)."""
    script = ("docker run -d --name web -p 8080:80 netsim-lab/nginx\n"
              "docker port web 81\n"
              "docker port web abc\n"
              "docker port nosuch\n"
              "docker rm nosuch\n"
              "docker network rm nosuch\n"
              "docker network inspect nosuch\n"
              "docker exec nosuch ls\n"
              "docker kill nosuch\n")
    old = [s.stderr for s in _steps(script, "20.10")]
    assert old[1:8] == [
        "Error: No public port '81/tcp' published for web\n",
        'strconv.ParseUint: parsing "abc": invalid syntax\n',
        "Error: No such container: nosuch\n", "Error: No such container: nosuch\n",
        "Error: No such network: nosuch\n", "Error: No such network: nosuch\n",
        "Error: No such container: nosuch\n"]
    assert old[8] == ("Error response from daemon: Cannot kill container: nosuch: No such "
                      "container: nosuch\n")
    new = [s.stderr for s in _steps(script, "26.1")]
    assert new[1:5] == [
        "Error: No public port '81' published for web\n",
        'Error: invalid port (abc): strconv.ParseUint: parsing "abc": invalid syntax\n',
        "Error response from daemon: No such container: nosuch\n",
        "Error response from daemon: No such container: nosuch\n"]
    assert new[5] == "Error response from daemon: network nosuch not found\n"
    assert new[8].startswith("Error response from daemon: cannot kill container: nosuch")


def test_daemon_texts_20_10() -> None:
    """v20.10.24's daemon: ``Container … is not running``, ``You cannot remove a running
    container``, no ``failed to create task for container:``, and bookworm's runc says
    ``permission denied`` for a directory; the kernel-memory warning (recorded: 20.10,
    40-, 49-, 52-, 54-…)."""
    script = ("docker create --name cc netsim-lab/alpine sleep 1000\n"
              "docker run -d --name ca netsim-lab/alpine sleep 1000\n"
              "docker exec cc ls\n"
              "docker rm ca\n"
              "docker run --rm netsim-lab/alpine /etc\n"
              "docker exec ca /etc\n"
              "docker run -d --kernel-memory 10m netsim-lab/alpine sleep 1000\n")
    steps = _steps(script, "20.10")
    cc, ca = (steps[i].stdout.strip() for i in (0, 1))
    assert steps[2].stderr == f"Error response from daemon: Container {cc} is not running\n"
    assert steps[3].stderr == (
        f"Error response from daemon: You cannot remove a running container {ca}. Stop the "
        "container before attempting removal or force remove\n")
    assert steps[4].stderr == (
        "docker: Error response from daemon: failed to create shim task: OCI runtime create "
        "failed: runc create failed: unable to start container process: exec: \"/etc\": "
        "permission denied: unknown.\n")
    assert steps[5].stdout.endswith('exec: "/etc": permission denied: unknown\r\n')
    assert steps[6].stderr == ("WARNING: Specifying a kernel memory limit is deprecated and "
                               "will be removed in a future release.\n")
    new = _steps(script, "26.1")
    assert new[2].stderr.startswith("Error response from daemon: container ")
    assert "failed to create task for container: " in new[4].stderr
    assert new[6].stderr == ""


def test_network_create_texts_20_10() -> None:
    """v20.10.24 has no ValidateIPAM: host bits and a range bigger than its subnet pass (the
    range covers the subnet), a subnet net.ParseCIDR refuses is named once; an unknown
    --scope has no store; a second bridge on docker0 is taken for the stale default; the
    macvlan driver's typo (recorded: 20.10, 45-, 46-, 48-network-…)."""
    script = ("docker network create --subnet 10.1.2.3/24 bad1\n"
              "docker network create --subnet 10.1.0.0/24 --ip-range 10.1.0.0/16 bad2\n"
              "docker network create --subnet 10.1.0.5/24 --ip-range 10.1.0.0/16 bad3\n"
              "docker network create --subnet bad n4\n"
              "docker network create --scope bogus n27\n"
              "docker network create -o com.docker.network.bridge.name=docker0 bad11\n"
              "docker network create -d macvlan -o parent=.10 --subnet 10.10.9.0/24 mv4\n")
    old = _steps(script, "20.10")
    assert [s.exit_code for s in old] == [0, 0, 1, 1, 1, 0, 1]
    assert old[2].stderr == ("Error response from daemon: Pool overlaps with other one on this "
                             "address space\n")
    assert old[3].stderr == ("Error response from daemon: Invalid subnet bad : invalid CIDR "
                             "address: bad\n")
    assert old[4].stderr.startswith("Error response from daemon: This node is not a swarm manager")
    assert old[6].stderr == ("Error response from daemon: -o parent interface does was not found "
                             "on the host:\n")
    new = _steps(script, "26.1")
    assert [s.exit_code for s in new] == [1, 1, 1, 1, 0, 1, 1]
    assert new[6].stderr == ("Error response from daemon: -o parent interface was not found on "
                             "the host:\n")


def test_endpoint_addresses_20_10() -> None:
    """v20.10.24: without --network the CLI drops --ip; create checks only that an address
    parses as its family; network connect says it in buildCreateEndpointOptions' words;
    --mac-address with container: mode is refused (recorded: 20.10, 44-, 50-, 53-…)."""
    script = ("docker network create --subnet 10.2.0.0/24 lab2\n"
              "docker run -d --name ca --network lab2 netsim-lab/alpine sleep 1000\n"
              "docker run -d --name x1 --ip bad netsim-lab/alpine sleep 1000\n"
              "docker run --rm --network lab2 --ip6 10.2.0.9 netsim-lab/alpine true\n"
              "docker network connect --ip 1.2.3 lab2 ca\n"
              "docker network connect --link-local-ip bad lab2 ca\n"
              "docker run -d --network container:ca --mac-address 02:42:ac:11:00:99 "
              "netsim-lab/alpine sleep 1000\n")
    steps = _steps(script, "20.10")
    assert steps[2].exit_code == 0
    assert steps[3].stderr == ("docker: Error response from daemon: invalid IPv6 address: "
                               "10.2.0.9.\nSee 'docker run --help'.\n")
    assert steps[4].stderr == "Error response from daemon: Invalid IPv4 address: 1.2.3)\n"
    assert steps[5].stderr == "Error response from daemon: Invalid link-local IP address: [bad]\n"
    assert steps[6].stderr.startswith(
        "docker: Error response from daemon: conflicting options: mac-address and the network "
        "mode.")
    new = _steps(script, "26.1")
    assert new[2].exit_code == 125 and new[6].exit_code == 0


def test_cli_misc_20_10() -> None:
    """docker/cli 20.10.24: the missing context's words, ps -q with --format uses the format,
    container prune answered no still totals, the older lowercase text; swarm init without
    pools ignores the mask length; gRPC's dial error without a colon (recorded: 20.10, 40-,
    49-, 52-, 54-, 55-…)."""
    script = ("docker --context nosuch ps\n"
              "docker run -d --name ca netsim-lab/alpine sleep 1000\n"
              "docker ps -q --format '{{.Names}}'\n"
              "docker container prune\n"
              "docker run --rm Alpine true\n"
              "docker swarm init --default-addr-pool-mask-length 30\n"
              "docker swarm init --default-addr-pool 10.20.0.0/16 "
              "--default-addr-pool-mask-length 8\n")
    steps = _steps(script, "20.10")
    assert steps[0].stderr == ('unable to resolve docker endpoint: context "nosuch" does not '
                               "exist\n")
    assert (steps[2].stdout, steps[2].stderr) == ("ca\n", "")
    assert steps[3].stdout.endswith("[y/N] Total reclaimed space: 0B\n")
    assert steps[4].stderr.startswith(
        "docker: invalid reference format: repository name must be lowercase.")
    assert steps[5].exit_code == 0
    assert "already part of a swarm" in steps[6].stderr
    new = _steps(script, "26.1")
    assert new[0].stderr.startswith("Failed to initialize: unable to resolve docker endpoint")
    assert new[2].stderr.startswith("WARNING: Ignoring custom format")
    assert new[3].stdout.endswith("[y/N] ")
    assert "repository name (library/Alpine) must be lowercase" in new[4].stderr
    assert new[5].stderr == "Error response from daemon: subnet size is out of range: 30\n"


def test_run_start_failure_logs_the_canceled_wait_20_10() -> None:
    """docker/cli 20.10.24: an attached run without --rm whose start fails logs the cancelled
    wait (measured on 20.10; recorded: 39-port-and-cli-errors:48); with --rm, or on 26.1, not."""
    script = ("docker run --network nosuch netsim-lab/alpine true\n"
              "docker run --rm --network nosuch netsim-lab/alpine true\n")
    old = _steps(script, "20.10")
    assert re.fullmatch(r'docker: Error response from daemon: network nosuch not found\.\n'
                        r'time="[^"]+" level=error msg="error waiting for container: context '
                        r'canceled"\n', old[0].stderr)
    assert "waiting" not in old[1].stderr
    assert "waiting" not in _steps(script, "26.1")[0].stderr


# -------------------------------------------------------- no version numbers outside here

_INLINE = re.compile(
    r"\bversion\s*[<>]=?"  # self.version < …
    r"|[<>]=?\s*\(\s*\d+\s*,\s*\d+\s*\)"  # … >= (28, 0)
    r"|\(\s*(?:1[7-9]|[23]\d)\s*,\s*\d+\s*\)"  # an engine version as a tuple: (29, 1)
    r"|\bDEFAULT_ENGINE_VERSION\b|\bengine_version_tuple\b")

#: files others own, with the profile field that should replace their comparison
_PENDING: dict[str, int] = {}


def test_no_inline_version_comparisons() -> None:
    """Only netsim/versions/ knows version numbers; every rule reads a profile field."""
    found: dict[str, list[str]] = {}
    for path in sorted((ROOT / "netsim").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith("netsim/versions/"):
            continue
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if _INLINE.search(line.split("#")[0]):
                found.setdefault(rel, []).append(f"{n}: {line.strip()}")
    assert {k: len(v) for k, v in found.items()} == _PENDING, found


def test_profile_is_a_typed_value() -> None:
    assert EngineProfile.model_config.get("frozen") is True
    assert set(EngineProfile.model_fields) >= {"name", "version", "api_version", *RULES}
