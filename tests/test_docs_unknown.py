"""docs/when-netsim-does-not-know.md says word for word what netsim prints: its runbook's
transcript and notes are run and compared, and every other line it quotes is printed by the
input that makes it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT

PAGE = (ROOT / "docs" / "when-netsim-does-not-know.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```(\w*)\n(.*?)```", PAGE, flags=re.S)
RUNBOOK = next(body for lang, body in BLOCKS if lang == "sh" and body.startswith("# runbook.sh\n"))
SHOWN = {body.partition("\n")[0]: body.partition("\n")[2] for lang, body in BLOCKS
         if lang == "text" and body.startswith("$ netsim ")}


def netsim(argv: list[str], cwd: Path, stdin: str | None = None
           ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "netsim", *argv], capture_output=True,
                          text=True, cwd=cwd, input=stdin, check=False)


@pytest.fixture()
def runbook(tmp_path: Path) -> Path:
    (tmp_path / "runbook.sh").write_text(RUNBOOK.partition("\n")[2], encoding="utf-8")
    return tmp_path


def test_the_runbook_transcript(runbook: Path) -> None:
    r = netsim(["run", "runbook.sh"], runbook)
    assert r.returncode == 0
    assert r.stdout == SHOWN["$ netsim run runbook.sh"]


def test_the_runbook_notes(runbook: Path) -> None:
    r = netsim(["run", "runbook.sh"], runbook)
    assert r.stderr == SHOWN["$ netsim run runbook.sh 2>&1 >/dev/null"]


def test_strict(runbook: Path) -> None:
    r = netsim(["run", "--strict", "runbook.sh"], runbook)
    assert r.returncode == 2
    assert r.stderr == SHOWN["$ netsim run --strict runbook.sh"]


#: (input file name, its text, argv, stdin, the line it prints that the page quotes)
CASES = {
    "bad image directive": (
        "b.sh", "# netsim: image myorg/api:1.2 tools telnet\n", ["run", "b.sh"], None,
        "netsim run: b.sh:1: bad 'image' directive: unknown tool 'telnet'"),
    "empty stdin": ("x.sh", "", ["run", "-"], "",
                    "netsim run: <stdin>: the input is empty (accepted: a script of docker "
                    "commands or a scenario)"),
    "CRLF": ("runbook.sh", "docker ps\r\n", ["run", "runbook.sh"], None,
             "netsim: runbook.sh: CRLF line ends (Windows) read as LF"),
    "CR": ("cr.sh", "docker ps\r", ["run", "cr.sh"], None,
           "netsim: cr.sh: CR line ends (classic Mac OS) read as LF"),
    "compose key": ("compose.yaml", "services:\n  web:\n    image: nginx\n    volumes: [/d]\n",
                    ["run", "compose.yaml"], None,
                    "netsim: services.*.volumes is read but not simulated"),
    "compose option": ("up.sh", "cat > compose.yaml <<'EOF'\nservices:\n  web:\n    image: "
                       "nginx\nEOF\ndocker compose up -d --wait\n", ["run", "up.sh"], None,
                       "netsim: 'docker compose up --wait' is read but not simulated"),
    "sh -c": ("s.sh", "docker run -itd --name client busybox\n"
              "docker exec client sh -c 'echo $HOME'\n", ["run", "s.sh"], None,
              "netsim: sh -c with variables and command substitution is not simulated"),
    "HTTP": ("h.sh", "# netsim: image myorg/api:1.2 listens 8080/tcp\n"
             "docker network create front\n"
             "docker run -d --name api --network front myorg/api:1.2\n"
             "docker run -itd --name client --network front busybox\n"
             "docker exec client wget -qO- api:8080\n", ["run", "h.sh"], None,
             "netsim: wget connected to 172.18.0.2:8080; the HTTP exchange is not simulated"),
    "reach": ("r.sh", "docker run -itd --name client busybox\n",
              ["reach", "r.sh", "clent", "client"], None,
              "netsim reach: no such container, address or vantage point (got 'clent'; "
              "accepted: a container name, HOST/NAME, an IPv4 address, @host, @NAME, @lan or "
              "@internet)"),
    "hint": ("r.sh", "docker run -itd --name client busybox\n",
             ["reach", "r.sh", "clent", "client"], None, "netsim: did you mean client?"),
}

#: the page's prose with its line wrapping undone (a quoted line may wrap)
FLAT = re.sub(r"\n\s*", " ", PAGE)


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_quoted_lines_are_printed(tmp_path: Path, case: str) -> None:
    """The line the page quotes is what netsim prints for this input (the whole line; for a
    long one, its start)."""
    name, text, argv, stdin, line = CASES[case]
    assert line in PAGE or line in FLAT, f"the page does not quote {line!r}"
    (tmp_path / name).write_text(text, encoding="utf-8", newline="")
    r = netsim(argv, tmp_path, stdin)
    printed = (r.stdout + r.stderr).splitlines()
    assert any(p == line or (len(line) > 60 and p.startswith(line)) for p in printed), (
        case, printed)
