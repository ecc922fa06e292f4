"""Scripts that write and read files: here-documents, redirections, ``NAME=value`` prefixes, the
Docker host's workspace and its shell builtins (cd, mkdir, cat, printf …), as the conformance
lab's runner and bash run them."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netsim.dockercli.commands.context import Output, Session
from netsim.io.script import Redirect, parse_script
from netsim.io.workspace import Workspace
from netsim.lab import Lab, Step, run_script

ROOT = Path(__file__).resolve().parent.parent


def _run(script: str, **kw: Any) -> list[Step]:
    kw.setdefault("sandboxed", True)
    return run_script(script, **kw)[1]


def _shown(step: Step) -> tuple[int, str, str]:
    return step.exit_code, step.stdout, step.stderr


# ------------------------------------------------------------------ parsing


def test_heredoc_forms_give_the_body_and_leave_argv() -> None:
    """Every here-document form reads its body; the operator is no word of the command."""
    for op in ("<<EOF", "<<'EOF'", '<<"EOF"', "<< EOF", "<<\\EOF"):
        (sl,) = parse_script(f"cat {op} > out\nline 1\n  line 2\nEOF\n")
        assert sl.argv == ("cat",), op
        assert sl.heredoc == "line 1\n  line 2\n"
        assert sl.stdout_to == "out"
        assert sl.text == f"cat {op} > out\nline 1\n  line 2\nEOF"
    (sl,) = parse_script("cat <<-END\n\tone\n\t\ttwo\n\tEND\n")
    assert sl.heredoc == "one\ntwo\n"
    assert sl.text == "cat <<-END\n\tone\n\t\ttwo\nEND"  # body as typed, delimiter as the word


def test_heredoc_lines_belong_to_their_command_and_later_lines_keep_their_numbers() -> None:
    """A here-document's lines are its body; later lines keep their numbers."""
    text = ("mkdir -p /root/shop\ncat > .env <<'EOF'\n# netsim: on nowhere\n\nA=1\nEOF\n"
            "\ndocker ps\n")
    lines = parse_script(text)
    assert [(s.line, s.argv) for s in lines] == [
        (1, ("mkdir", "-p", "/root/shop")), (2, ("cat",)), (8, ("docker", "ps"))]
    assert lines[1].heredoc == "# netsim: on nowhere\n\nA=1\n"
    assert lines[1].directive is None


def test_the_command_text_is_what_the_runner_records(tmp_path: Path) -> None:
    """Each command's (line, text) is the lab runner's (line, command) (runscript.read_script)."""
    spec = importlib.util.spec_from_file_location(
        "runscript", ROOT / "conformance" / "lab" / "bin" / "runscript.py")
    assert spec is not None and spec.loader is not None
    runscript = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(runscript)
    text = ("# a comment\nmkdir -p /root/x\ncd /root/x\ncat > compose.yaml <<'EOF'\n"
            "services:\n\n  web:\n    image: nginx\nEOF\nprintf 'a\\n' > b.txt\n"
            "cat <<-X\n\tindented\n\tX\nTAG= docker compose config > out.yaml 2>&1\n")
    path = tmp_path / "s.sh"
    path.write_text(text)
    theirs = [(n, c) for n, c in runscript.read_script(str(path)) if not c.startswith("#")]
    assert [(s.line, s.text) for s in parse_script(text)] == theirs


def test_an_unquoted_delimiter_warns_only_when_bash_would_expand() -> None:
    """An unquoted delimiter warns only when the body holds what bash would expand."""
    (plain,) = parse_script("cat <<EOF\nno specials\nEOF\n", source="s.sh")
    assert plain.warnings == ()
    (dollar,) = parse_script("cat <<EOF\nimage: nginx:${TAG}\nEOF\n", source="s.sh")
    assert dollar.heredoc == "image: nginx:${TAG}\n"
    assert dollar.warnings == (
        "s.sh:1: the here-document's delimiter is not quoted: netsim keeps its text as "
        "written (bash would expand $, ` and \\ in it)",)
    (quoted,) = parse_script("cat <<'EOF'\n$HOME `x` \\\nEOF\n", source="s.sh")
    assert quoted.warnings == ()


def test_a_heredoc_without_its_delimiter_runs_to_the_end_with_a_warning() -> None:
    """A missing delimiter line: the body is the rest of the script, and a warning says so."""
    (sl,) = parse_script("cat <<EOF\na\nb\n", source="s.sh")
    assert sl.heredoc == "a\nb\n"
    assert sl.warnings == ("s.sh:1: the here-document has no line 'EOF' to end it: it runs to "
                           "the end of the script",)


def test_redirections_are_parsed_out_of_the_words() -> None:
    """> FILE, >FILE, >> FILE, 2>/dev/null, 2>&1, >/dev/null and &> leave argv, in order."""
    cases = {
        "docker compose config > out.yaml": ("out.yaml", False, None),
        "docker compose config >out.yaml": ("out.yaml", False, None),
        "echo x >> log": ("log", True, None),
        "docker ps 2>/dev/null": (None, False, "/dev/null"),
        "docker ps 2>&1": (None, False, "&1"),
        "docker ps >/dev/null": ("/dev/null", False, None),
        "docker ps > f 2>&1": ("f", False, "&1"),
        "docker ps &> f": ("f", False, "&1"),
        "docker ps 2>&1 > f": ("f", False, None),  # stderr took the terminal's stdout first
    }
    for line, want in cases.items():
        (sl,) = parse_script(line + "\n")
        assert sl.argv in (("docker", "compose", "config"), ("echo", "x"), ("docker", "ps"))
        assert (sl.stdout_to, sl.append, sl.stderr_to) == want, line
    (sl,) = parse_script("docker ps 2>&1 > f\n")
    assert sl.redirects == (Redirect(2, "&1"), Redirect(1, "f"))


def test_quoted_operators_stay_words() -> None:
    """'>', "2>&1" and '<<EOF' in quotes are words, as bash reads them."""
    (sl,) = parse_script("echo '>' \"2>&1\" '<<EOF' a\\>b\n")
    assert sl.argv == ("echo", ">", "2>&1", "<<EOF", "a>b")
    assert sl.redirects == () and sl.heredoc is None


def test_environment_prefixes_are_parsed_out() -> None:
    """Leading NAME=value words are the command's environment, not its words."""
    (sl,) = parse_script("COMPOSE_PROJECT_NAME=third TAG= X='a b' docker compose up -d\n")
    assert sl.env == (("COMPOSE_PROJECT_NAME", "third"), ("TAG", ""), ("X", "a b"))
    assert sl.argv == ("docker", "compose", "up", "-d") and sl.is_docker
    (sl,) = parse_script('"X=1" docker run -e Y=2 nginx\n')
    assert sl.env == () and sl.argv == ("X=1", "docker", "run", "-e", "Y=2", "nginx")
    (sl,) = parse_script("X=1\n")
    assert sl.env == (("X", "1"),) and sl.argv == ()


def test_what_netsim_does_not_expand_is_named() -> None:
    """$VAR, globs and control operators are kept as typed and named in ``unsupported``."""
    assert parse_script("echo $HOME\n")[0].unsupported == "parameter expansion ($HOME)"
    assert parse_script("rm *.yaml\n")[0].unsupported == "pathname expansion (*.yaml)"
    (sl,) = parse_script("cd /x && ls > f\n")
    assert sl.unsupported == "the control operator '&&'"
    assert sl.argv == ("cd", "/x", "&&", "ls", ">", "f")  # the words as netsim always read them
    assert parse_script("docker rm $(docker ps -aq)\n")[0].unsupported is None


# ------------------------------------------------------------------ the workspace


def test_workspace_reads_the_disk_under_its_memory(tmp_path: Path) -> None:
    """Memory shadows the real disk, which is read but never written."""
    (tmp_path / "compose.yaml").write_text("on disk\n")
    (tmp_path / "sub").mkdir()
    ws = Workspace(str(tmp_path))
    assert ws.read_text("compose.yaml") == "on disk\n"
    assert ws.is_file("compose.yaml") and ws.is_dir("sub")
    ws.write_text("compose.yaml", "in memory\n")
    ws.write_text("new.txt", "x")
    ws.write_text("new.txt", "y", append=True)
    assert ws.read_text(str(tmp_path / "compose.yaml")) == "in memory\n"
    assert ws.read_text("new.txt") == "xy"
    assert ws.listdir(".") == ["compose.yaml", "new.txt", "sub"]
    ws.remove("compose.yaml")
    assert not ws.exists("compose.yaml") and ws.listdir() == ["new.txt", "sub"]
    assert (tmp_path / "compose.yaml").read_text() == "on disk\n"
    assert not (tmp_path / "new.txt").exists()


def test_a_sandboxed_workspace_sees_only_its_memory(tmp_path: Path) -> None:
    """Sandboxed, the disk is not read: only the home (empty) and what the script made."""
    (tmp_path / "x").write_text("secret")
    ws = Workspace("/root", sandboxed=True)
    assert ws.cwd == "/root" and ws.listdir("~") == []
    assert not ws.exists(str(tmp_path / "x"))
    assert ws.path("~/a/../b") == "/root/b" and ws.path("/x//y/.") == "/x/y"


def test_workspace_errors_name_the_path() -> None:
    """Each error is the OSError a file system raises, with the absolute path."""
    ws = Workspace("/root", sandboxed=True)
    ws.write_text("f", "")
    ws.mkdir("d")
    raising = [(lambda: ws.read_text("nope"), FileNotFoundError, "/root/nope"),
               (lambda: ws.read_text("d"), IsADirectoryError, "/root/d"),
               (lambda: ws.read_text("f/x"), NotADirectoryError, "/root/f/x"),
               (lambda: ws.write_text("no/x", ""), FileNotFoundError, "/root/no/x"),
               (lambda: ws.mkdir("d"), FileExistsError, "/root/d"),
               (lambda: ws.mkdir("a/b"), FileNotFoundError, "/root/a/b"),
               (lambda: ws.mkdir("f/x/y", parents=True), NotADirectoryError, "/root/f"),
               (lambda: ws.chdir("f"), NotADirectoryError, "/root/f"),
               (lambda: ws.remove("nope"), FileNotFoundError, "/root/nope")]
    for call, error, path in raising:
        with pytest.raises(error) as err:
            call()
        assert err.value.filename == path
    ws.mkdir("a/b/c", parents=True)
    ws.mkdir("a/b", parents=True)  # exists: fine with parents
    assert ws.is_dir("/root/a/b/c")


# ------------------------------------------------------------------ the host's shell


def test_cd_persists_across_lines_and_reports_as_bash() -> None:
    """cd moves the following lines and fails with bash's messages."""
    steps = _run("mkdir -p /root/shop/sub\ncd /root/shop\npwd\ncd sub\npwd\ncd ..\npwd\n"
                 "cd nope\ncd\npwd\nprintf x > f\ncd f\ncd ~/shop\npwd\ncd a b\n")
    assert [s.stdout for s in steps if s.command == "pwd"] == [
        "/root/shop\n", "/root/shop/sub\n", "/root/shop\n", "/root\n", "/root/shop\n"]
    by = {s.command: s for s in steps}
    assert _shown(by["cd nope"]) == (
        1, "", "/bin/bash: line 1: cd: nope: No such file or directory\n")
    assert _shown(by["cd f"]) == (1, "", "/bin/bash: line 1: cd: f: Not a directory\n")
    assert _shown(by["cd a b"]) == (1, "", "/bin/bash: line 1: cd: too many arguments\n")


def test_mkdir_and_its_errors() -> None:
    """mkdir [-p]: GNU coreutils' messages (‘…’ quotes in the lab's C.UTF-8 locale), status 1."""
    steps = _run("mkdir a\nmkdir a\nmkdir x/y\nmkdir -p x/y\nmkdir -p x/y\nprintf '' > f\n"
                 "mkdir -p f/z\nmkdir\nls\n")
    assert [_shown(s) for s in steps] == [
        (0, "", ""),
        (1, "", "mkdir: cannot create directory ‘a’: File exists\n"),
        (1, "", "mkdir: cannot create directory ‘x/y’: No such file or directory\n"),
        (0, "", ""), (0, "", ""), (0, "", ""),
        (1, "", "mkdir: cannot create directory ‘f’: Not a directory\n"),
        (1, "", "mkdir: missing operand\nTry 'mkdir --help' for more information.\n"),
        (0, "a\nf\nx\n", ""),
    ]


def test_cat_prints_files_and_here_documents() -> None:
    """cat prints files, its here-document (no operand, or -), and coreutils' errors."""
    steps = _run("cat <<'EOF'\nhello\nEOF\nprintf 'a\\n' > a\ncat a - a <<'EOF'\nin\nEOF\n"
                 "cat nope a\nmkdir d\ncat d\ncat\n")
    assert [_shown(s) for s in steps] == [
        (0, "hello\n", ""), (0, "", ""), (0, "a\nin\na\n", ""),
        (1, "a\n", "cat: nope: No such file or directory\n"), (0, "", ""),
        (1, "", "cat: d: Is a directory\n"), (0, "", ""),
    ]


def test_cat_of_the_host_s_own_files_is_still_the_probe_s() -> None:
    """/etc/hosts and the like are netsim's simulated host files, not the workspace's."""
    (step,) = _run("cat /etc/hostname\n")
    assert _shown(step) == (0, "host\n", "")


def test_printf_as_bash_prints() -> None:
    """printf prints its escapes, conversions and errors as bash does."""
    steps = _run("printf 'services:\\n  web:\\n    image: nginx\\n'\n"
                 "printf '%s=%d%%\\t|\\101\\x42\\\\\\n' a 1 b 2 c\n"
                 "printf '%5s|%-3d|%05.1f\\n' ab 7 3.14159\n"
                 "printf '%d\\n' 3x\nprintf '%k'\nprintf\n")
    assert [_shown(s) for s in steps] == [
        (0, "services:\n  web:\n    image: nginx\n", ""),
        (0, "a=1%\t|AB\\\nb=2%\t|AB\\\nc=0%\t|AB\\\n", ""),
        (0, "   ab|7  |003.1\n", ""),
        (1, "3\n", "/bin/bash: line 1: printf: 3x: invalid number\n"),
        (1, "", "/bin/bash: line 1: printf: `k': invalid format character\n"),
        (2, "", "printf: usage: printf [-v var] format [arguments]\n"),
    ]


def test_echo_options() -> None:
    """echo: -n drops the newline, -e reads escapes (\\c stops), other words are printed."""
    steps = _run("echo a  b\necho -n x\necho -e 'a\\tb' -n\necho -ne 'q\\c' z\necho -x\n")
    assert [s.stdout for s in steps] == ["a b\n", "x", "a\tb -n\n", "q", "-x\n"]


def test_rm_and_ls() -> None:
    """rm [-f] [-r] and ls [DIR]: names sorted one per line, coreutils' errors."""
    steps = _run("mkdir -p d/e\nprintf x > d/b\nprintf x > d/a\nls d\nrm d\nrm nope\n"
                 "rm -f nope\nrm d/a\nls d\nrm -r d\nls d\nls\n")
    assert [_shown(s) for s in steps[3:]] == [
        (0, "a\nb\ne\n", ""),
        (1, "", "rm: cannot remove 'd': Is a directory\n"),
        (1, "", "rm: cannot remove 'nope': No such file or directory\n"),
        (0, "", ""), (0, "", ""), (0, "b\ne\n", ""), (0, "", ""),
        (2, "", "ls: cannot access 'd': No such file or directory\n"), (0, "", ""),
    ]


def test_true_false_colon_and_unknown_programs() -> None:
    """true, false and : are builtins; a program netsim does not know succeeds quietly, and
    the replay notes it once (issue 16: it used to print a note in the transcript, exit 126)."""
    lab, steps = run_script("true\nfalse\n:\nfrobnicate --now\n", sandboxed=True)
    assert [s.exit_code for s in steps] == [0, 1, 0, 0]
    assert (steps[3].stderr, steps[3].unsimulated) == ("", "frobnicate")
    assert lab.notes == ["<script>:4: 'frobnicate' is not simulated; the run goes on as if it "
                         "succeeded (--strict: an error)"]


def test_expansions_netsim_does_not_do_are_refused_by_the_builtins() -> None:
    """A builtin whose words hold $VAR or a control operator says netsim does not run it."""
    steps = _run("echo $HOME\nmkdir a && cd a\n")
    assert [_shown(s) for s in steps] == [
        (126, "", "netsim: parameter expansion ($HOME) is not simulated\n"),
        (126, "", "netsim: the control operator '&&' is not simulated\n"),
    ]


def test_docker_output_redirected_to_a_file() -> None:
    """`docker … > file` writes docker's output to the file and shows nothing."""
    steps = _run("docker network ls --format '{{.Name}}' > nets.txt\ncat nets.txt\n"
                 "docker network rm nope 2>/dev/null\ndocker network rm nope > err.txt 2>&1\n"
                 "cat err.txt\ndocker network rm nope 2>&1\n")
    assert _shown(steps[0]) == (0, "", "")
    assert steps[1].stdout == "bridge\nhost\nnone\n"
    assert _shown(steps[2]) == (1, "", "")
    assert _shown(steps[3]) == (1, "", "")
    assert steps[4].stdout.startswith("Error response from daemon: network nope not found\n")
    assert steps[5].stdout == steps[4].stdout and steps[5].stderr == ""


def test_an_unwritable_target_stops_the_command() -> None:
    """A redirection that cannot open its file stops the command with bash's message."""
    steps = _run("mkdir made > nodir/f\nls\nprintf 'one\\n' > f\nprintf 'two\\n' >> f\ncat f\n"
                 "cat f > f\ncat f\nmkdir d\necho x > d\n")
    assert _shown(steps[0]) == (1, "", "/bin/bash: line 1: nodir/f: No such file or directory\n")
    assert steps[1].stdout == ""
    assert steps[4].stdout == "one\ntwo\n"
    assert steps[6].stdout == ""
    assert _shown(steps[8]) == (1, "", "/bin/bash: line 1: d: Is a directory\n")


def test_a_heredoc_line_s_errors_count_its_lines() -> None:
    """bash numbers a here-document command's messages by its last line."""
    # measured on the lab's bash 5.2.37: `eval` of a 3-line command reports "line 3"
    (step,) = _run("cat > nodir/x <<'EOF'\na\nEOF\n")
    assert step.stderr == "/bin/bash: line 3: nodir/x: No such file or directory\n"


def test_export_unset_and_the_command_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """A command's environment is the exported variables plus its own prefixes."""
    import netsim.lab as labmod

    seen: list[dict[str, str]] = []

    def fake_docker(session: Session, argv: Any, host: str) -> tuple[str, Output]:
        seen.append(dict(session.environ(host)))
        return host, Output()

    lab = Lab(sandboxed=True)
    monkeypatch.setattr(labmod, "run_docker", fake_docker)
    lab.run_lines(parse_script("export A=1 B=2\nunset B\nX=3\nmkdir -p p\ncd p\n"
                               "TAG= COMPOSE_PROJECT_NAME=third docker compose config\n"
                               "docker compose config\nexport X\nexport 1a=b\n"))
    host = lab.current_host
    assert seen[0]["A"] == "1" and "B" not in seen[0] and "X" not in seen[0]
    assert (seen[0]["TAG"], seen[0]["COMPOSE_PROJECT_NAME"], seen[0]["PWD"]) == (
        "", "third", "/root/p")
    assert "TAG" not in seen[1] and seen[1]["HOME"] == "/root"
    assert lab.environ(host)["X"] == "3" and "TAG" not in lab.environ(host)
    assert lab.steps[-1].stderr == (
        "/bin/bash: line 1: export: `1a=b': not a valid identifier\n")
    session: Session = lab  # the lab is a Session, new members included
    assert session.workspace(host).cwd == "/root/p"


def test_a_compose_file_written_by_heredoc_reads_back() -> None:
    """A compose.yaml written by a here-document reads back with cat."""
    script = ("mkdir -p /root/shop\ncd /root/shop\ncat > compose.yaml <<'EOF'\nservices:\n"
              "  web:\n    image: nginx\nEOF\ncat compose.yaml\n")
    lab, steps = run_script(script, sandboxed=True)
    assert steps[2].command == ("cat > compose.yaml <<'EOF'\nservices:\n  web:\n    image: "
                                "nginx\nEOF")
    assert _shown(steps[2]) == (0, "", "")
    assert (steps[3].line, steps[3].stdout) == (8, "services:\n  web:\n    image: nginx\n")
    assert lab.workspace(lab.current_host).read_text("/root/shop/compose.yaml") == (
        "services:\n  web:\n    image: nginx\n")


def test_replays_on_a_given_topology_are_sandboxed_in_root(tmp_path: Path,
                                                              monkeypatch: pytest.MonkeyPatch
                                                              ) -> None:
    """Replays on the lab's topology start in an empty /root; others in the process's directory."""
    from netsim.api import Host

    (tmp_path / "compose.yaml").write_text("services: {}\n")
    monkeypatch.chdir(tmp_path)
    lab, steps = run_script("pwd\nls\n", hosts=[Host(name="server1")])
    assert [s.stdout for s in steps] == ["/root\n", ""]
    assert lab.sandboxed
    lab, steps = run_script("cat compose.yaml\n")
    assert steps[0].stdout == "services: {}\n" and not lab.sandboxed
    lab, steps = run_script("pwd\n", workdir="/srv", sandboxed=True)
    assert steps[0].stdout == "/srv\n"


def test_each_docker_host_has_its_own_workspace() -> None:
    """`# netsim: on HOST` switches to that host's directory and files."""
    steps = _run("# netsim: host h1\n# netsim: host h2\nmkdir /root/one\ncd /root/one\n"
                 "# netsim: on h2\npwd\nls /root\n# netsim: on h1\npwd\n")
    assert [(s.host, s.stdout) for s in steps[2:]] == [
        ("h2", "/root\n"), ("h2", ""), ("h1", "/root/one\n")]


#: a line of bash's: no line equal to the delimiter, no line break but newline (the lab's runner
#: and netsim split a script with str.splitlines, as one another)
_LINE = st.text(alphabet=st.characters(
    blacklist_characters="\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029",
    blacklist_categories=("Cs",)), max_size=30).filter(lambda s: s != "EOF")


@settings(max_examples=60, deadline=None)
@given(st.lists(_LINE, max_size=6))
def test_a_quoted_heredoc_reads_back_unchanged(lines: list[str]) -> None:
    """Any text written by `cat > f <<'EOF'` reads back identical with `cat f`."""
    text = "".join(line + "\n" for line in lines)
    steps = _run("cat > f <<'EOF'\n" + text + "EOF\ncat f\n")
    assert _shown(steps[0]) == (0, "", "")
    assert steps[1].stdout == text


def test_printf_with_a_huge_width_is_not_simulated() -> None:
    """printf with a field wider than netsim pads says so (exit 126) instead of failing."""
    from netsim.lab import run_script

    for fmt in ("%99999999999d", "%.99999999999f"):
        _, steps = run_script(f"printf '{fmt}' 1", sandboxed=True)
        assert steps[0].exit_code == 126 and steps[0].stderr.startswith("netsim: a printf width")
