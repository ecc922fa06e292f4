"""``sh -c`` inside containers and foreground ``docker run`` of a simulated command."""

from __future__ import annotations

import pytest

from netsim.lab import run_script
from netsim.probes.shell import Result, Unsupported, parse, run

SETUP = ("docker run -d --name a1 netsim-lab/alpine sleep 1000\n"
         "docker run -d --name d1 netsim-lab/debian sleep 1000\n")


def _last(script: str) -> tuple[int, str, str]:
    _, steps = run_script(SETUP + script)
    s = steps[-1]
    return s.exit_code, s.stdout, s.stderr


def test_and_or_lists_follow_the_status() -> None:
    """&& runs on success, || on failure, ; always; the status is the last command's
    (as recorded on Docker 28.5.2 with the lab's BusyBox and Debian images)."""
    assert _last("docker exec a1 sh -c 'ping -c 1 -W 1 172.17.0.3 > /dev/null && echo up || "
                 "echo down'") == (0, "up\n", "")
    assert _last("docker exec a1 sh -c 'ping -c 1 -W 1 172.17.0.9 > /dev/null && echo up || "
                 "echo down'") == (0, "down\n", "")
    assert _last("docker exec d1 sh -c 'echo -n a; echo b; exit 3'") == (3, "ab\n", "")
    assert _last("docker exec a1 sh -c 'wget -qO- -T 2 http://172.17.0.3 2>/dev/null || "
                 "echo refused'") == (0, "refused\n", "")


def test_missing_programs_get_each_shells_words() -> None:
    """BusyBox ash, dash and bash each word a missing program their own way."""

    def missing(words: tuple[str, ...], line: int) -> Result:
        return Result("", "", 127)

    assert run("sh", "foo && echo yes", busybox=True, execute=missing) == Result(
        "", "sh: line 0: foo: not found\n", 127)
    assert run("sh", "foo || echo no", busybox=False, execute=missing) == Result(
        "no\n", "sh: 1: foo: not found\n", 0)
    assert run("bash", "foo; echo after", busybox=False, execute=missing) == Result(
        "after\n", "bash: line 1: foo: command not found\n", 0)
    assert run("sh", "foo &&", busybox=True, execute=missing) == Result(
        "", "sh: line 0: syntax error: unexpected end of file\n", 2)


def test_unsupported_shell_features_say_so() -> None:
    """Pipelines, variables and other redirections print one netsim line, exit 126."""
    for script in ("ls | wc -l", "echo $HOME", "echo x > /tmp/f", "echo `id`"):
        r = run("sh", script, busybox=True, execute=lambda w, n: Result("", "", 0))
        assert r.exit_code == 126, script
        assert r.stderr.startswith("netsim: sh -c with "), script
    with pytest.raises(Unsupported, match=r"^pipelines$"):
        parse("a | b")


def test_foreground_run_prints_the_command_output() -> None:
    """docker run --rm IMAGE CMD runs CMD in the new container, prints its output, exits with
    its status and removes the container."""
    _, steps = run_script(
        "docker network create mynet\n"
        "docker run -d --name web --network mynet netsim-lab/nginx\n"
        "docker run --rm --network mynet netsim-lab/alpine wget -qO- web\n"
        "docker run --rm netsim-lab/alpine wget -qO- web\n"
        "docker ps -a --format '{{.Names}}'\n")
    assert steps[2].exit_code == 0
    assert "Welcome to nginx!" in steps[2].stdout
    assert (steps[3].exit_code, steps[3].stderr) == (1, "wget: bad address 'web'\n")
    assert steps[4].stdout == "web\n"
