"""``docker run``/``start`` keep which containers start for their image's files
(netsim.dockercli.commands.run._start_failure, remembered by the facts and the Config's Cmd,
Entrypoint and User): a container that differs from those before it in any one of those
must get what it gets when it is the first one."""

from __future__ import annotations

from netsim.api import ContainerConfig
from netsim.dockercli.commands import run as run_cmd
from netsim.images import effective_argv, lookup
from netsim.lab import Lab, run_script

#: ``docker run`` options and arguments, each differing from another in one thing the answer
#: depends on: Cmd, Entrypoint, User, or the image's facts
_RUNS = (
    "netsim-lab/alpine sleep 1000",
    "netsim-lab/alpine nosuchprogram",
    "netsim-lab/alpine /etc",
    "--entrypoint sleep netsim-lab/alpine 1000",
    "--entrypoint nosuchprogram netsim-lab/alpine 1000",
    "-u root netsim-lab/alpine sleep 1000",
    "-u nosuchuser netsim-lab/alpine sleep 1000",
    "-u root:nosuchgroup netsim-lab/alpine sleep 1000",
    "netsim-lab/nginx",
    "netsim-lab/nginx nosuchprogram",
    "-u nosuchuser netsim-lab/nginx",
)


def _steps(lines: list[str]) -> list[tuple[int, str, str]]:
    _, steps = run_script("".join(lines), source="memo.sh")
    return [(s.exit_code, s.stdout, s.stderr) for s in steps]


def test_a_start_answers_as_if_first() -> None:
    """Each ``docker create`` + ``start`` and ``docker run`` after all the others answers as
    it does with nothing remembered."""
    before: list[str] = []
    for i, run in enumerate(_RUNS):
        lines = [f"docker create --name s{i} {run}\n", f"docker start s{i}\n",
                 f"docker run -d --name c{i} {run}\n"]
        run_cmd._STARTS.clear()
        alone = _steps(lines)
        before += lines
        assert _steps(before)[-3:] == alone, run
    assert run_cmd._STARTS  # (the memo was used)


#: Configs differing from another in one field the answer reads
_CONFIGS = [ContainerConfig(Image="netsim-lab/alpine", Cmd=cmd, Entrypoint=entrypoint, User=user)
            for cmd, entrypoint, user in (
                (("sleep", "1"), None, ""), (("nosuchprogram",), None, ""),
                (("sleep", "1"), ("nosuchprogram",), ""), (("sleep", "1"), ("sleep",), ""),
                ((), None, ""), (("sleep", "1"), None, "app"), (("sleep", "1"), None, "root"))]


def test_a_remembered_start_is_the_fresh_answer() -> None:
    """Each Config's answer after all the others is start_failure's, on images of other
    facts too (a key missing a field, or the facts, would hand it another's)."""
    lab = Lab()
    alpine = lookup("netsim-lab/alpine")
    assert alpine is not None
    images = [alpine, alpine.model_copy(update={"users": frozenset({"app"})}),
              lookup("netsim-lab/nginx")]
    run_cmd._STARTS.clear()
    for info in images * 2:
        for cfg in _CONFIGS:
            fresh = run_cmd.start_failure(lab, info, effective_argv(
                info, cfg.Cmd, entrypoint=cfg.Entrypoint), cfg.User)
            found = run_cmd._start_failure(lab, info, cfg)
            assert str(found) == str(fresh), (info, cfg)
