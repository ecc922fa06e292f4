"""The engine keeps what the images' rules say of a main program, one answer per image facts
and main-program settings (ProcessesMixin._program): a container started after others whose
program differed in any one of those must get what it gets when it is the first one."""

from __future__ import annotations

import pytest

from netsim.lab import run_script

#: ``docker run`` options and arguments, each differing from another in one thing the answers
#: depend on: Cmd, Entrypoint, Env, OpenStdin, Tty, or the image's facts
_RUNS = (
    "alpine",
    "-i alpine",
    "-t alpine",
    "-it alpine",
    "alpine sleep 1000",
    "alpine nc -l -p 8080",
    "alpine nc -l -p 9090",
    "alpine 1000",
    "--entrypoint sleep alpine 1000",
    "--entrypoint nosuchprogram alpine 1000",
    "alpine -l -p 8080",
    "--entrypoint nc alpine -l -p 8080",
    "alpine nosuchprogram",
    "alpine /etc",
    "mysql",
    "-e MYSQL_ROOT_PASSWORD=x mysql",
    "busybox nc -l -p 80",
    "busybox httpd -f -p 80",
    "nginx",
    "nginx nosuchprogram",
    "myimage",
    "myimage sleep 1000",
)

#: the same reference declared twice over: facts that change between two containers
_DECLARATIONS = (
    "# netsim: image myimage runs server listens 8080/tcp\n",
    "# netsim: image myimage runs exits\n",
    "# netsim: image myimage runs shell listens 9090/tcp\n",
)


def _after(lines: list[str]) -> list[tuple[str, str, str]]:
    """Each command's output, and the last container's status, exit code and listening ports
    once the script has run."""
    text = "".join(lines)
    lab, steps = run_script(text, source="memo.sh")
    last = list(lab.state.containers())[-1]
    out = [(s.stdout, s.stderr, "") for s in steps[-1:]]
    return [*out, (last.status, str(last.exit_code), " ".join(last.listening))]


@pytest.mark.parametrize("first", range(len(_DECLARATIONS)))
def test_a_program_answers_as_if_first(first: int) -> None:
    """Every run after all the others answers as it does alone (a key missing one of the
    settings, or the facts, would hand it another's answer)."""
    before: list[str] = [_DECLARATIONS[first]]
    for i, run in enumerate(_RUNS):
        alone = _after([_DECLARATIONS[first], f"docker run -d --name c{i} {run}\n"])
        before.append(f"docker run -d --name c{i} {run}\n")
        assert _after(before) == alone, run
    for j, decl in enumerate(_DECLARATIONS):  # the same reference, other facts
        line = f"docker run -d --name d{j} myimage\n"
        before += [decl, line]
        assert _after(before) == _after([decl, line]), decl
