"""Reading scripts: continuations, quotes, comments, directives, typographic dashes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netsim.errors import ScriptError
from netsim.io.script import parse_script


def test_continuations_and_comments() -> None:
    lines = parse_script(
        "# a comment\n\ndocker network create \\\n  --subnet 10.0.0.0/24 \\\n  n  # trailing\n"
    )
    assert len(lines) == 1
    assert lines[0].line == 3
    assert lines[0].argv == ("docker", "network", "create", "--subnet", "10.0.0.0/24", "n")


def test_typographic_dashes_and_quotes_warn() -> None:
    (line,) = parse_script("docker run -d —name x —memory=”1g” nginx\n", source="notes.md")
    assert line.argv == ("docker", "run", "-d", "--name", "x", "--memory=1g", "nginx")
    assert line.warnings == (
        'notes.md:1: read "—name" as "--name" (a typographic dash in place of "--")',
        'notes.md:1: read "—memory" as "--memory" (a typographic dash in place of "--")',
        "notes.md:1: read typographic quotes as ASCII quotes",
    )


def test_directives_and_prompt() -> None:
    lines = parse_script("# netsim: host server1 address=192.168.0.50\n$ docker ps\n")
    assert lines[0].directive is not None
    assert lines[0].directive.kind == "host"
    assert lines[0].directive.args == ("server1", "address=192.168.0.50")
    assert lines[1].argv == ("docker", "ps")


def test_unterminated_quote_names_the_line() -> None:
    with pytest.raises(ScriptError) as err:
        parse_script("docker ps\ndocker run 'x\n", source="s.sh")
    assert err.value.line().startswith("s.sh:2: cannot split the command into words")


@given(st.text(alphabet=st.sampled_from(list("ab -=:/.\t\u00a0xyz019")), max_size=40))
def test_fast_word_split_matches_shlex(text: str) -> None:
    """Lines without shell syntax are split exactly as shlex would split them."""
    import shlex

    lines = parse_script("docker " + text)
    assert lines[0].argv == tuple(shlex.split("docker " + text, comments=True))


def test_lab_docker_runs_on_the_host_given() -> None:
    """Lab.docker(…, host=NAME) runs the command on that Docker host (it used to be ignored)."""
    from netsim.api import Host
    from netsim.lab import Lab

    lab = Lab(hosts=[Host(name="server1"), Host(name="server2")])
    step = lab.docker("run -d --name c2 alpine sleep 1d", host="server2")
    assert step.host == "server2" and step.exit_code == 0
    assert list(lab.state.hosts["server2"].containers) == ["c2"]
    assert not lab.state.hosts["server1"].containers


def test_fast_step_is_the_dataclass_s() -> None:
    """netsim.lab._step (a script line's Step, made without the frozen dataclass's __init__)
    sets every field of Step: a field added to Step must be added there too."""
    import dataclasses

    from netsim.lab import Step, _step

    fast = _step(3, "h", "docker ps", 1, "out", "err", "docker login")
    assert fast == Step(3, "h", "docker ps", 1, "out", "err", "h", unsimulated="docker login")
    assert list(vars(fast)) == [f.name for f in dataclasses.fields(Step)]
    assert repr(fast) == repr(Step(3, "h", "docker ps", 1, "out", "err", "h",
                                   unsimulated="docker login"))


def test_a_command_line_is_the_dataclass_s() -> None:
    """netsim.io.script._command_line (a command's ScriptLine, made without the frozen
    dataclass's __init__) sets every field of ScriptLine, in order."""
    import dataclasses

    from netsim.io.script import Redirect, ScriptLine, _command_line

    fast = _command_line(2, "A=1 cat >f", ("cat",), ("w",), "body\n", (("A", "1"),),
                         (Redirect(1, "f"),), "x")
    slow = ScriptLine(2, "A=1 cat >f", ("cat",), None, ("w",), "body\n", (("A", "1"),),
                      (Redirect(1, "f"),), "x")
    assert fast == slow and repr(fast) == repr(slow) and hash(fast) == hash(slow)
    assert list(vars(fast)) == [f.name for f in dataclasses.fields(ScriptLine)]


def test_a_plain_line_splits_as_the_shell_does() -> None:
    """A line without shell syntax is split at blanks (a space, a tab), whatever else it holds
    (NBSP and the like, a unit separator: part of a word, as bash has them), as
    split_command splits it."""
    from netsim.io.script import parse_script, split_command

    for text in ("docker run  -d\tnginx", "A=1 B=2 env", "echo a\u00a0b", "echo a\x1fb c",
                 "sudo docker ps", "X=1"):
        (sl,) = parse_script(text + "\n")
        cmd = split_command(text)[0]
        argv = cmd.argv[1:] if cmd.argv[:2] == ("sudo", "docker") else cmd.argv
        assert (sl.argv, sl.env, sl.redirects) == (argv, cmd.env, cmd.redirects), text
