"""docker pause/unpause and what a paused container refuses; State after a failed start;
start -a's exit status; network prune's blank line; --rm with --restart (recorded: 28.5, 26.1,
20.10, 58-reference-examples:118-155)."""

from __future__ import annotations

import pytest

from netsim.api import ContainerPause
from netsim.lab import Lab
from netsim.versions import PROFILES

PAUSED_SETUP = ("run -d --name pz netsim-lab/alpine sleep 1000", "pause pz")


def _lab(profile: str, *commands: str) -> Lab:
    lab = Lab(profile=profile)
    for command in commands:
        step = lab.docker(command)
        assert step.exit_code == 0, (command, step.stderr)
    return lab


@pytest.mark.parametrize("profile", ["29.1", "28.5", "26.1", "20.10"])
def test_a_paused_container_is_running_and_refuses_exec_start_attach(profile: str) -> None:
    lab = _lab(profile, "run -d --name pz netsim-lab/alpine sleep 1000")
    assert lab.docker("pause pz").stdout == "pz\n"
    c = lab.state.container("pz")
    assert c.running and c.paused and c.state_string == "paused"
    assert c.endpoints[0].ipv4 is not None  # the freezer leaves the sandbox as it is
    step = lab.docker("inspect -f '{{.State.Status}} {{.State.Running}} {{.State.Paused}}' pz")
    assert step.stdout == "paused true true\n"
    step = lab.docker("ps --filter status=paused --format '{{.Names}} {{.State}} {{.Status}}'")
    assert step.stdout.startswith("pz paused Up ") and step.stdout.endswith(" (Paused)\n")
    assert lab.docker("ps -q --filter status=running").stdout == ""
    step = lab.docker("exec pz hostname")  # errExecPaused(name): the reference as typed
    assert (step.exit_code, step.stderr) == (
        1, "Error response from daemon: Container pz is paused, unpause the container before "
           "exec\n")
    step = lab.docker("start pz")
    assert step.exit_code == 1
    assert step.stderr.startswith("Error response from daemon: cannot start a paused container, "
                                  "try unpause instead\n")
    step = lab.docker("pause pz")
    assert step.stderr == f"Error response from daemon: Container {c.id} is already paused\n"
    step = lab.docker("attach pz")
    legacy = PROFILES[profile].cli_legacy_error_texts
    assert (step.exit_code, step.stderr) == (
        1, ("You c" if legacy else "c") + "annot attach to a paused container, unpause it first\n")
    assert lab.docker("unpause pz").stdout == "pz\n"
    assert not lab.state.container("pz").paused
    step = lab.docker("unpause pz")
    assert step.stderr == f"Error response from daemon: Container {c.id} is not paused\n"


@pytest.mark.parametrize(("profile", "text"), [
    ("28.5", 'cannot remove container "pz": container is paused and must be unpaused first'),
    ("26.1", 'cannot remove container "/pz": container is paused and must be unpaused first'),
    ("20.10", "You cannot remove a paused container {id}. Unpause and then stop the container "
              "before attempting removal or force remove"),
])
def test_rm_of_a_paused_container(profile: str, text: str) -> None:
    lab = _lab(profile, *PAUSED_SETUP)
    cid = lab.state.container("pz").id
    step = lab.docker("rm pz")
    assert (step.exit_code, step.stderr) == (
        1, "Error response from daemon: " + text.format(id=cid) + "\n")
    assert lab.docker("rm -f pz").exit_code == 0  # killed (kill.go thaws it), then removed


def test_stop_thaws_and_a_paused_container_can_be_restarted() -> None:
    lab = _lab("28.5", *PAUSED_SETUP, "stop pz")
    c = lab.state.container("pz")
    assert (c.status, c.paused) == ("exited", False)
    lab = _lab("28.5", *PAUSED_SETUP, "restart pz")
    c = lab.state.container("pz")
    assert (c.status, c.paused) == ("running", False)


def test_pause_is_a_scenario_operation() -> None:
    lab = _lab("28.5", *PAUSED_SETUP)
    assert ContainerPause(container="pz") in lab.scenario().steps


@pytest.mark.parametrize("profile", ["28.5", "26.1", "20.10"])
def test_a_failed_start_sets_state_error_and_exit_code_128(profile: str) -> None:
    lab = _lab(profile, "run -d --name pub -p 8080:80 netsim-lab/nginx",
               "create --name pub2 -p 8080:80 netsim-lab/nginx")
    step = lab.docker("start pub2")
    assert step.exit_code == 1
    shown = step.stderr.splitlines()[0].removeprefix("Error response from daemon: ")
    c = lab.state.container("pub2")
    assert (c.status, c.exit_code, c.error) == ("created", 128, shown)
    step = lab.docker("inspect -f '{{.State.Status}} {{.State.ExitCode}} {{.State.Error}}' pub2")
    assert step.stdout == f"created 128 {shown}\n"
    lab.docker("rm -f pub")
    assert lab.docker("start pub2").exit_code == 0
    assert lab.state.container("pub2").error == ""  # setRunning clears it


def test_start_attach_returns_the_main_process_status() -> None:
    lab = _lab("28.5", "create --name ex netsim-lab/alpine sh -c 'exit 3'",
               "create --name e2 netsim-lab/alpine echo hi")
    step = lab.docker("start -a ex")
    assert (step.exit_code, step.stdout, step.stderr) == (3, "", "")
    assert lab.state.container("ex").exit_code == 3
    step = lab.docker("start -a e2")
    assert (step.exit_code, step.stdout) == (0, "hi\n")


def test_network_prune_ends_with_a_blank_line() -> None:
    lab = _lab("28.5", "network create unused")
    assert lab.docker("network prune -f").stdout == "Deleted Networks:\nunused\n\n"
    assert lab.docker("network prune -f").stdout == ""


@pytest.mark.parametrize(("profile", "text"), [
    ("28.5", "docker: conflicting options: cannot specify both --restart and --rm\n"),
    ("29.1", "docker: conflicting options: cannot specify both --restart and --rm\n"),
    ("26.1", "docker: Conflicting options: --restart and --rm.\n"),
    ("20.10", "docker: Conflicting options: --restart and --rm.\n"),
])
def test_rm_with_a_restart_policy_is_refused(profile: str, text: str) -> None:
    lab = Lab(profile=profile)
    step = lab.docker("run --rm --restart always netsim-lab/alpine true")
    assert step.exit_code == 125 and step.stderr.startswith(text)
    assert lab.docker("ps -aq").stdout == ""  # refused before anything is created
    assert lab.docker("run --rm --restart no netsim-lab/alpine true").exit_code == 0


def test_probing_a_paused_server_is_not_simulated() -> None:
    """A paused server's kernel accepts the connection but nothing answers: netsim says so
    (exit 126) rather than predict a reply; ping and a paused container without servers
    stay simulated."""
    lab = _lab("28.5", "network create n", "run -d --name web --network n netsim-lab/nginx",
               "run -d --name cl --network n netsim-lab/alpine sleep 1000",
               "run -d --name idle --network n netsim-lab/alpine sleep 1000", "pause idle")
    assert lab.docker("exec cl wget -qO- http://web/").exit_code == 0
    lab.docker("pause web")
    step = lab.docker("exec cl wget -qO- http://web/")
    assert step.exit_code == 126 and "paused" in step.stderr
    assert lab.docker("exec cl ping -c 1 web").exit_code == 0
    lab.docker("unpause web")
    assert lab.docker("exec cl wget -qO- http://web/").exit_code == 0
