"""The command line keeps its contract for any input a person may write.

Random scripts, native scenarios (YAML/JSON) and expectation lines — lines of the bundled
examples and docker commands with real flags, mixed with mutations (tokens dropped, doubled
or swapped, bad flags, addresses and CIDRs, unknown names, open quotes, odd unicode, huge
numbers, empty lines, CRLF, a BOM, bytes that are not UTF-8) — are given to ``netsim run``,
``check``, ``reach``, ``matrix``, ``dns``, ``validate``, ``export``, ``inspect``, ``draw``,
``diff`` and ``exec``, in-process through :func:`netsim.cli.main` (the console script's entry
point, so its error handling is what is tested) under click's CliRunner isolation, with
stdout and stderr apart. For every example (design.md, "The command line"):

* the exit status is 0, 1 or 2 (``exec``: the probe's own status, never 70 or 130);
* on exit 2, stderr is zero or more ``netsim: NOTE`` lines, then exactly one error line of
  the grammar :data:`ERROR_LINE` (``netsim COMMAND: <where>: <what> (got …; accepted: …)``,
  the template of :class:`netsim.errors.InputError`); on exit 0 and 1 every stderr line is a
  ``netsim…:`` line too (a note, or Docker's own text after the prefix) or ``Error: No such
  object: NAME`` (``inspect``); no traceback, no internal-error line, anywhere;
* nothing is written but the ``-o``/``--output``/``--draw`` path given: the working directory
  (and its parent, and the ``HOME`` the command sees) is the same before and after, and so is
  the repository's ``scenarios/`` tree;
* the same command on the same input, with the same ``--seed``, prints the same bytes to
  stdout and stderr, and writes the same output file;
* an exported scenario reads back: ``netsim validate OUT`` says ok.

Hypothesis runs derandomized (the same examples in every CI run), 2,000 examples in all.
"""

from __future__ import annotations

import ast
import os
import re
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st
from strategies import (
    NAMES,
    PORT_WORDS,
    SCENARIO_DIR,
    bundled_scripts,
    example_scenarios,
    expectation_texts,
    mutated_line,
    scenario_texts,
    script_texts,
)

from netsim.cli import main

FUZZ = settings(deadline=None, derandomize=True, database=None, print_blob=True)

# --------------------------------------------------------------------------------------------
# The grammar of stderr.

#: An error line (netsim/errors.py ``InputError.line()`` after netsim/cli.py ``main``'s
#: prefix). ``prefix`` is ``netsim COMMAND: `` (``netsim: `` before a command is named; absent
#: in the older form, which then must name its place); ``where`` is one of the places
#: :func:`_where` allows for this command line; ``what`` is non-empty and starts and ends
#: with a non-space; the parenthesis, when there, is ``got G``, ``accepted: A``, both in that
#: order, or click's ``see 'netsim COMMAND --help'``, where G is a Python ``repr`` of a
#: string or a value without quotes.
ERROR_LINE = (
    r"(?P<prefix>netsim(?: (?P<cmd>[a-z][a-z-]*))?: )?"
    r"(?:(?P<where>{where}): )?"
    r"(?P<what>\S(?:.*?\S)?)"
    r"(?: \((?:got (?P<got>'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|[^'\"][^;]*)"
    r"(?:; accepted: (?P<acc>.+))?"
    r"|accepted: (?P<acc_only>.+)"
    r"|see '(?P<see>netsim(?: [a-z-]+)?) --help')\))?"
)

#: A note (netsim/cli.py ``_load``): what a reader did not use or had to choose.
NOTE_LINE = re.compile(r"netsim(?: [a-z-]+)?: \S.*")

#: Docker's ``inspect`` miss, as the docker CLI prints it.
NO_SUCH_OBJECT = re.compile(r"Error: No such object: .*")

#: The names of the CLI's arguments: the older errors named their place so (``reach: …``).
ARGUMENT_NAMES = ("reach", "dns", "exec", "check", "src", "dst", "client", "name", "where")

INTERNAL = re.compile(r"^(?:netsim(?: [a-z-]+)?: )?internal error: ", re.MULTILINE)


@dataclass(frozen=True)
class Case:
    """One command line, the files it reads, and the paths it may write."""

    argv: tuple[str, ...]
    files: tuple[tuple[str, bytes], ...] = ()
    stdin: bytes | None = None
    outputs: frozenset[str] = frozenset()
    exit_codes: frozenset[int] = frozenset({0, 1, 2})

    @property
    def command(self) -> str:
        """The command named: the first word that is not an option."""
        return next((a for a in self.argv if not a.startswith("-")), "")


@dataclass
class Outcome:
    code: int
    stdout: bytes
    stderr: bytes
    written: dict[str, bytes] = field(default_factory=dict)


def _tree(root: Path) -> dict[str, tuple[int, int, bytes]]:
    """Every file and directory under ``root``: (mode, size, content) by relative path."""
    out: dict[str, tuple[int, int, bytes]] = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            p = Path(dirpath, name)
            st_ = p.lstat()
            data = p.read_bytes() if p.is_file() and not p.is_symlink() else b""
            out[str(p.relative_to(root))] = (st_.st_mode, st_.st_size, data)
    return out


def _repo_tree() -> dict[str, tuple[int, int]]:
    """The bundled scenarios' tree: names, mtimes and sizes."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(SCENARIO_DIR):
        for name in dirnames + filenames:
            s = Path(dirpath, name).lstat()
            out[os.path.join(dirpath, name)] = (s.st_mtime_ns, s.st_size)
    return out


@contextmanager
def _workdir() -> Iterator[Path]:
    """A fresh working directory inside a fresh base (so that writes to ``..`` show)."""
    base = Path(tempfile.mkdtemp(prefix="netsim-fuzz-"))
    work = base / "work"
    work.mkdir()
    old = os.getcwd()
    os.chdir(work)
    try:
        yield work
    finally:
        os.chdir(old)
        shutil.rmtree(base, ignore_errors=True)


def _invoke(case: Case, base: Path) -> Outcome:
    """``netsim ARGV`` in-process, as the console script runs it; stdout and stderr apart."""
    home = str(base / "home")  # what HOME-relative writes would reach: inside the base
    env = {"HOME": home, "XDG_CACHE_HOME": home, "XDG_CONFIG_HOME": home,
           "XDG_DATA_HOME": home}
    with CliRunner().isolation(input=case.stdin, env=env) as (out, err, _):
        code: int = 0
        try:
            main(list(case.argv))
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None
                                                                    else 1)
        finally:
            sys.stdout.flush()
            sys.stderr.flush()
        return Outcome(code, out.getvalue(), err.getvalue())


def _where(case: Case) -> str:
    """The places an error of this command line may name (the ``where`` of ERROR_LINE)."""
    given = {name for name, _ in case.files} | {"<stdin>"}
    given |= {str(Path(name).parent) for name, _ in case.files}
    given |= {a for a in case.argv if not a.startswith("-") and ("." in a or "/" in a)}
    files = [re.escape(name) for name in given if name]
    in_file = (r"(?P<file>" + "|".join(sorted(set(files), key=len, reverse=True)) + ")"
               r"(?::(?P<line>\d+))?(?:: (?P<field>[^\s:]+))?")
    options = r"--[a-z][a-z-]*(?: #\d+)?"
    outputs = [re.escape(o) for o in sorted(case.outputs)]
    names = "|".join(ARGUMENT_NAMES)
    return "|".join([in_file, options, *outputs, names])


def _lines_of(case: Case, name: str) -> int:
    for fname, data in case.files:
        if fname == name:
            return len(data.splitlines())
    if name in ("<stdin>", "-") and case.stdin is not None:
        return len(case.stdin.splitlines())
    return 0


def check_error_line(case: Case, line: str) -> None:
    """``line`` is one error line of ``case``'s command, as :data:`ERROR_LINE` says."""
    m = re.fullmatch(ERROR_LINE.format(where=_where(case)), line)
    assert m is not None, f"not an error line: {line!r}"
    assert m["prefix"] or m["where"], f"no prefix and no place: {line!r}"
    assert m["got"] or m["acc_only"] or m["see"] or not re.search(
        r" \((?:got |accepted: |see ')", line), f"a broken parenthesis: {line!r}"
    if m["cmd"] is not None:
        assert m["cmd"] == case.command, f"{line!r} is not from netsim {case.command}"
    if m["see"] is not None:
        assert m["see"] in ("netsim", f"netsim {case.command}"), line
    if m["got"] is not None and m["got"][0] in "'\"":
        assert isinstance(ast.literal_eval(m["got"]), str), line
    if m["line"] is not None:
        n = _lines_of(case, m["file"])
        assert 1 <= int(m["line"]) <= n + 1, f"line {m['line']} of a {n}-line file: {line!r}"


def check_streams(case: Case, r: Outcome) -> None:
    """Exit status, stderr's grammar, no traceback and no internal error."""
    out = r.stdout.decode("utf-8", "replace")
    err = r.stderr.decode("utf-8", "replace")
    assert r.code in case.exit_codes, f"exit {r.code}: {err!r}"
    for stream in (out, err):
        assert "Traceback (most recent call last)" not in stream
    assert INTERNAL.search(err) is None, err
    if case.command == "exec":  # the probe's own words on stderr, after netsim's notes
        last = err.rstrip("\n").split("\n")[-1]
        if r.code == 2 and last.startswith("netsim exec: "):  # netsim's error, not ping's
            check_error_line(case, last)
        return
    lines = err.split("\n")
    assert lines[-1] == "", f"stderr does not end with a newline: {err!r}"
    lines = lines[:-1]
    for line in lines:
        assert line.splitlines() == [line], f"a line break inside a line: {line!r}"
    if r.code == 2:
        assert lines, "exit 2 and nothing on stderr"
        for note in lines[:-1]:
            assert NOTE_LINE.fullmatch(note), f"not a note: {note!r} (stderr: {err!r})"
        check_error_line(case, lines[-1])
    else:
        for line in lines:
            assert NOTE_LINE.fullmatch(line) or (
                case.command == "inspect" and NO_SUCH_OBJECT.fullmatch(line)), (
                f"exit {r.code}, and on stderr: {line!r}")


def run_case(case: Case) -> Outcome:
    """Run ``case`` twice in a fresh directory and check the whole contract."""
    with _workdir() as work:
        base = work.parent
        for name, data in case.files:
            path = work / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        before, repo_before = _tree(base), _repo_tree()
        first = _invoke(case, base)
        after = _tree(base)
        new = {p for p in after if p not in before or after[p] != before[p]}
        gone = {p for p in before if p not in after}
        allowed = {str(Path("work", o)) for o in case.outputs}
        assert not gone, f"removed: {sorted(gone)}"
        assert new <= allowed, f"wrote {sorted(new - allowed)} (may write only {allowed})"
        first.written = {p: after[p][2] for p in new}
        for p in new:
            (base / p).unlink()
        check_streams(case, first)
        second = _invoke(case, base)
        again = _tree(base)
        second.written = {p: again[p][2] for p in again if p not in before}
        assert (second.code, second.stdout, second.stderr, second.written) == (
            first.code, first.stdout, first.stderr, first.written), "not deterministic"
        assert _repo_tree() == repo_before, "the repository's scenarios/ changed"
        return first


# --------------------------------------------------------------------------------------------
# Command lines.

# mostly good values, now and then a bad one
SEEDS = st.sampled_from(["0", "0", "1", "7", "-1", "18446744073709551616",
                         "99999999999999999999999999999", "0", "1", "x", ""])
ENGINES = st.sampled_from(["29.1", "28.5", "28", "20.10", "26.1.4", "29", "28.5", "29.1",
                           "99", "x", ""])
PORTS = st.sampled_from(PORT_WORDS)


def _names_in(text: str) -> list[str]:
    """The containers a script or scenario names (``--name X``, ``name: X``), and the hosts
    as vantage points (``@NAME``)."""
    found = re.findall(r"(?:--|—)name[ =](\S+)|\bname\W+([\w.-]+)", text)
    hosts = re.findall(r"netsim: host (\S+)|-H (\S+)", text)
    return sorted({a or b for a, b in found} | {f"@{a or b}" for a, b in hosts})


def places(text: str) -> st.SearchStrategy[str]:
    """Where a flow starts or ends: mostly a name of the input, else any (good or not)."""
    names = _names_in(text)
    if not names:
        return st.sampled_from(NAMES)
    return st.sampled_from(names) | st.sampled_from(names) | st.sampled_from(NAMES)


@st.composite
def _options(draw: st.DrawFn, *choices: tuple[str, st.SearchStrategy[str] | None]
             ) -> list[str]:
    """Some of ``choices`` (flag, value strategy or None for a switch), in a drawn order."""
    out: list[str] = []
    for flag, values in choices:
        if draw(st.integers(0, 3)) == 0:
            out += [flag] if values is None else [flag, draw(values)]
    return out


@st.composite
def command_lines(draw: st.DrawFn, file: str, text: str = "", *, expectations: bool = False
                  ) -> tuple[list[str], frozenset[str]]:
    """A netsim command line reading ``file`` (whose text is ``text``), and the paths it may
    write."""
    place = places(text)
    seed = ("--seed", SEEDS)
    engine = ("--engine", ENGINES)
    as_json = ("--json", None)
    port = ("--port", PORTS)
    commands = ["run", "check", "reach", "matrix", "dns", "validate", "export", "inspect",
                "draw", "diff"]
    command = "check" if expectations else draw(st.sampled_from(commands))
    outputs: set[str] = set()
    if command == "run":
        argv = ["run", file, *draw(_options(as_json, seed, engine, ("--strict", None)))]
        if draw(st.integers(0, 9)) == 0:
            out = draw(st.sampled_from(["out.dot", "out.mmd", "out.txt", "no/out.dot"]))
            argv += ["--draw", out]
            outputs.add(out)
    elif command == "check":
        n = draw(st.integers(1 if expectations else 0, 3))
        argv = ["check", file]
        for _ in range(n):
            argv += ["--expect", draw(expectation_texts(tuple(_names_in(text))))]
        argv += draw(_options(as_json, seed, engine))
    elif command == "reach":
        argv = ["reach", file, draw(place), draw(place),
                *draw(_options(port, as_json, seed, engine))]
    elif command == "matrix":
        argv = ["matrix", file, *draw(_options(port, as_json, ("--no-vantage", None), seed))]
    elif command == "dns":
        times = ("--times", st.sampled_from(["1", "3", "0", "-1", "x",
                                             "99999999999999999999"]))
        qtype = ("--type", st.sampled_from(["A", "aaaa", "PTR", "MX", ""]))
        argv = ["dns", file, draw(place), draw(place),
                *draw(_options(times, qtype, as_json, seed, engine))]
    elif command == "validate":
        argv = ["validate", file]
    elif command == "export":
        out = draw(st.sampled_from(["out.yaml", "out.json", "-", "out.txt", "no/out.yaml"]))
        argv = ["export", file, "-o", out, *draw(_options(seed, engine))]
        outputs.add(out)
    elif command == "inspect":
        names = draw(st.lists(place, max_size=3))
        argv = ["inspect", file, *names,
                *draw(_options(("--host", st.sampled_from(["default", "h2", "server1", ""])),
                               seed, engine))]
    elif command == "draw":
        out = draw(st.sampled_from(["out.dot", "out.mmd", "out.txt"]))
        argv = ["draw", file, "-o", out, *draw(_options(port, seed))]
        if draw(st.booleans()):
            argv += ["--highlight", draw(place), draw(place)]
        outputs.add(out)
    else:
        argv = ["diff", file, file, *draw(_options(port, ("--ipam", None), as_json))]
    return argv, frozenset(outputs)


def _bytes(text: str, draw: st.DrawFn) -> bytes:
    """The file's bytes: UTF-8, now and then with a byte that is not."""
    data = text.encode("utf-8")
    if data and draw(st.integers(0, 39)) == 17:  # rare (0 is what hypothesis tries first)
        i = draw(st.integers(0, len(data)))
        data = data[:i] + draw(st.sampled_from([b"\xff", b"\xc3", b"\xed\xa0\x80"])) + data[i:]
    return data


@st.composite
def script_cases(draw: st.DrawFn) -> Case:
    """A random script, read by a random command (from a file, or from stdin with ``-``)."""
    text = draw(script_texts())
    data = _bytes(text, draw)
    name = draw(st.sampled_from(["in.sh", "in.sh", "in.sh", "notes", "-"]))
    argv, outputs = draw(command_lines(name, text))
    if name == "-":
        return Case(tuple(argv), stdin=data, outputs=outputs)
    return Case(tuple(argv), ((name, data),), outputs=outputs)


@st.composite
def scenario_cases(draw: st.DrawFn) -> Case:
    """A random native scenario (YAML or JSON), read by a random command."""
    text = draw(scenario_texts())
    data = _bytes(text, draw)
    name = draw(st.sampled_from(["in.yaml", "in.json", "in.yml"]))
    argv, outputs = draw(command_lines(name, text))
    return Case(tuple(argv), ((name, data),), outputs=outputs)


@st.composite
def expectation_cases(draw: st.DrawFn) -> Case:
    """``netsim check --expect TEXT…`` on a bundled script or scenario, or expectations in the
    file itself: ``# netsim: expect TEXT`` lines of a script, ``op: expect`` steps of a
    scenario."""
    import yaml

    kind = draw(st.sampled_from(["script", "script", "scenario"]))
    if kind == "script":
        text = draw(st.sampled_from(bundled_scripts()))
        texts = draw(st.lists(expectation_texts(tuple(_names_in(text))), min_size=1,
                              max_size=3))
        if draw(st.booleans()):
            text += "".join(f"# netsim: expect {t}\n" for t in texts)
            argv, outputs = draw(command_lines("in.sh", text))
            return Case(tuple(argv), (("in.sh", text.encode()),), outputs=outputs)
        argv, _ = draw(command_lines("in.sh", text, expectations=True))
        return Case(tuple(argv), (("in.sh", text.encode()),))
    base = draw(st.sampled_from(example_scenarios()))
    data = yaml.safe_load(base)
    texts = draw(st.lists(expectation_texts(tuple(_names_in(base))), min_size=1, max_size=3))
    data["steps"] = [*data.get("steps", [])[:6], *({"op": "expect", "text": t} for t in texts)]
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    argv, outputs = draw(command_lines("in.yaml", text, expectations=draw(st.booleans())))
    return Case(tuple(argv), (("in.yaml", text.encode()),), outputs=outputs)


#: where a probe runs, and what it runs (the words of the probes netsim knows, and others)
PROBE_WORDS = (
    "ping", "-c", "2", "0", "-q", "-w", "-z", "curl", "-s", "-S", "-m", "5", "wget", "-qO-",
    "nc", "-zv", "-v", "ip", "addr", "a", "route", "r", "show", "eth0", "eth9", "ifconfig",
    "-a", "hostname", "-i", "-I", "busybox", "web", "db", "localhost", "8.8.8.8", "10.9.9.9",
    "172.17.0.2", "172.18.0.2", "http://web/", "http://172.17.0.2:81/", "https://x:99999/",
    "http://", "://", "80", "65536", "abc", "dig", "cat", "/etc/hosts", "", "-",
    "nslookup", "host", "getent", "hosts", "+short", "-x", "-t", "AAAA", "PTR", "MX", "@8.8.8.8",
    "@x", "/etc/resolv.conf", "web.n1", "db.n1", "example.org", "x.invalid", "apt-get", "apk",
    "install", "add", "update", "dnsutils", "bind-tools", "::1", "fe80::1",
)
PROBE_PLACES = ("web", "db", "sidecar", "solo", "none1", "shoot", "@host", "@h2", "@lan",
                "@internet", "@nope", "h2/web", "nope", "", "/", "h9/x", "172.17.0.2",
                "localhost")

#: the old tests' fixture: every network mode, two hosts, an internal network, an alias
PROBE_SCRIPT = (
    "# netsim: host host\n# netsim: host h2\n"
    "docker network create n1\n"
    "docker network create --internal n2\n"
    "docker run -d --name web -p 8080:80 nginx\n"
    "docker run -d --name db --network n1 redis\n"
    "docker network connect n2 db\n"
    "docker run -d --name sidecar --network container:web alpine sleep 1d\n"
    "docker run -d --name solo --network host nginx\n"
    "docker run -d --name none1 --network none alpine sleep 1d\n"
    "docker run -d --name shoot --network n1 --network-alias db nicolaka/netshoot sleep 1d\n"
    "docker -H h2 run -d --name web nginx\n"
)


#: ``netsim exec`` exits with the probe's own status: any but netsim's internal error (70)
#: and an interrupt (130)
EXEC_CODES = frozenset(range(256)) - {70, 130}


@st.composite
def probe_cases(draw: st.DrawFn) -> Case:
    """``netsim exec FILE WHERE -- CMD…`` at any place, any words (the old probe fuzz)."""
    where = draw(st.sampled_from(PROBE_PLACES))
    words = draw(st.lists(st.sampled_from(PROBE_WORDS), min_size=1, max_size=6))
    extra = draw(_options(("--json", None), ("--seed", SEEDS)))
    return Case(("exec", "in.sh", where, *extra, "--", *words),
                (("in.sh", PROBE_SCRIPT.encode()),),
                exit_codes=EXEC_CODES)


def _outputs(argv: list[str]) -> frozenset[str]:
    """The paths a command line names as its output (``-o``, ``--output``, ``--draw``)."""
    out = set()
    for i, arg in enumerate(argv):
        if arg in ("-o", "--output", "--draw") and i + 1 < len(argv):
            out.add(argv[i + 1])
        elif arg.startswith(("--output=", "--draw=")):
            out.add(arg.partition("=")[2])
        elif arg.startswith("-o") and not arg.startswith("--"):
            out.add(arg[2:])
    return frozenset(out)


@st.composite
def odd_command_lines(draw: st.DrawFn) -> Case:
    """Command lines a hand gets wrong: a missing file, a name no reader takes, a directory,
    an empty file, unknown options and commands, arguments missing or in excess."""
    good = (SCENARIO_DIR / "tutorial-host.sh").read_bytes()
    files: dict[str, bytes] = {"in.sh": good, "empty.sh": b"", "blank.yaml": b"\n\r\n",
                               "in.txt": good, "sub/compose.yaml": b"services: {}\n"}
    name = draw(st.sampled_from(["in.sh", "missing.sh", "in.txt", "empty.sh", "blank.yaml",
                                 "sub", "sub/compose.yaml", ".", "", "-", "in.sh/x"]))
    argv, _ = draw(command_lines(name, good.decode()))
    how = draw(st.integers(0, 5))
    if how == 0:
        argv.insert(draw(st.integers(0, len(argv))), draw(st.sampled_from(
            ["--nosuch", "-Z", "--json=1", "--seed", "--format", "--format=inspect",
             "--format=compose", "--format=x", "extra", "--help"])))
    elif how == 1:
        argv = argv[:draw(st.integers(0, len(argv)))]
    elif how == 2:
        argv[0] = draw(st.sampled_from(["rnu", "runx", "--version", "conformance"]))
    elif how == 3:
        argv = draw(mutated_line(" ".join(argv))).split(" ")
    if not argv:
        argv = ["run"]
    stdin = good if "-" in argv else None
    return Case(tuple(argv), tuple(files.items()), stdin=stdin, outputs=_outputs(argv))


# --------------------------------------------------------------------------------------------
# Regressions the properties found (fixed): each an internal error once.

_EMPTY_EXPECTATIONS = [
    Case(("run", "in.sh"), (("in.sh", b"docker run -d --name web nginx\n# netsim: expect \n"),)),
    Case(("check", "in.sh", "--expect", ""),
         (("in.sh", b"# netsim: expect web reaches web\ndocker run -d --name web nginx\n"),)),
    Case(("check", "in.yaml"), (("in.yaml", b'version: 1\nsteps: [{op: expect, text: " "}]\n'),)),
]


@pytest.mark.parametrize("case", _EMPTY_EXPECTATIONS, ids=["script", "--expect", "scenario"])
def test_an_empty_expectation_keeps_the_contract(case: Case) -> None:
    """An expectation with no words: a FAIL row or one error line, not an internal error."""
    run_case(case)


def test_an_open_quote_in_a_scenario_expectation_keeps_the_contract() -> None:
    """A scenario's expectation with an open quote: a FAIL row (as with --expect), not an
    internal error."""
    run_case(Case(("check", "in.yaml"),
                  (("in.yaml", b"version: 1\nsteps: [{op: expect, text: \"'x\"}]\n"),)))


# --------------------------------------------------------------------------------------------
# The properties: 700 + 450 + 300 + 200 + 350 = 2,000 examples.

def _then_exported_reads_back(case: Case, outcome: Outcome) -> None:
    """What ``netsim export`` wrote is a scenario ``netsim validate`` reads."""
    if case.command != "export" or outcome.code != 0:
        return
    for path, data in outcome.written.items():
        name = Path(path).name
        again = run_case(Case(("validate", "--format", "scenario", name), ((name, data),)))
        assert again.code == 0, (path, again.stderr)


@settings(FUZZ, max_examples=700)
@given(script_cases())
@example(Case(("run", "in.sh"), (("in.sh", "docker run —name web —net n1 nginx\n".encode()),)))
@example(Case(("run", "in.sh"), (("in.sh", b"docker run -d --name w --link db:mysql nginx\r\n"
                                            b"echo hi > note.txt\n"),)))
@example(Case(("check", "in.sh"), (("in.sh", b"\xef\xbb\xbf# netsim: expect web reaches\n"),)))
@example(Case(("run", "-", "--seed", "99999999999999999999"), stdin=b"docker ps -a\n"))
def test_scripts_keep_the_contract(case: Case) -> None:
    """Any script, read by any command: exit 0/1/2, one grammatical error line, no write
    but the output, the same bytes twice."""
    _then_exported_reads_back(case, run_case(case))


@settings(FUZZ, max_examples=450)
@given(scenario_cases())
@example(Case(("validate", "in.yaml"), (("in.yaml", b"- 1\n"),)))
@example(Case(("validate", "in.yaml"),  # Docker's text quotes the name: it was two lines
              (("in.yaml", b'version: 1\nsteps:\n- op: run\n  container: {name: "a\\nb", '
                           b'image: nginx}\n'),)))
@example(Case(("run", "in.json"), (("in.json", b'{"version": 1, "steps": [{"op": "run"}]}'),)))
def test_scenarios_keep_the_contract(case: Case) -> None:
    """Any native scenario (YAML/JSON, valid or mutated), read by any command: the contract."""
    _then_exported_reads_back(case, run_case(case))


@settings(FUZZ, max_examples=300)
@given(expectation_cases())
@example(Case(("check", "in.sh", "--expect", "web reaches db on 65536"),
              (("in.sh", b"docker run -d --name web nginx\n"),)))
def test_expectations_keep_the_contract(case: Case) -> None:
    """Any expectation (--expect, ``# netsim: expect``, ``op: expect``): checked (0/1) or
    one error line (2)."""
    run_case(case)


@settings(FUZZ, max_examples=200)
@given(probe_cases())
@example(Case(("exec", "in.sh", "shoot", "--", "ping", "ping"),  # a note, then ping's words
              (("in.sh", PROBE_SCRIPT.encode()),), exit_codes=EXEC_CODES))
def test_probes_keep_the_contract(case: Case) -> None:
    """``netsim exec`` at any place with any words: the tool's own status and words, never a
    traceback or an internal error, no write, the same bytes twice."""
    run_case(case)


@settings(FUZZ, max_examples=350)
@given(odd_command_lines())
@example(Case(("reach", "in.sh", "web"), (("in.sh", b"docker run -d --name web nginx\n"),)))
@example(Case(("dns", "in.sh", "web", "web", "--times", "0"),
              (("in.sh", b"docker run -d --name web nginx\n"),)))
def test_command_lines_keep_the_contract(case: Case) -> None:
    """Odd command lines (missing files, unknown options, stdin, directories): the contract."""
    run_case(case)


# --------------------------------------------------------------------------------------------
# The same bytes from two processes: what a set's order (PYTHONHASHSEED) could change.

_IN_A_PROCESS = """
import hashlib, json, sys
from click.testing import CliRunner
from netsim.cli import main
out = {}
for argv in json.loads(sys.stdin.read()):
    with CliRunner().isolation() as (o, e, _):
        code = 0
        try:
            main(argv)
        except SystemExit as x:
            code = x.code
        sys.stdout.flush()
        sys.stderr.flush()
        got = [code, hashlib.sha256(o.getvalue()).hexdigest(), e.getvalue().decode()]
    out[" ".join(argv)] = got
print(json.dumps(out, sort_keys=True))
"""


def _bundled_command_lines() -> list[list[str]]:
    """Every bundled input under the commands that print the most."""
    inputs = [*sorted(SCENARIO_DIR.glob("*.sh")), *sorted(SCENARIO_DIR.glob("*.yaml")),
              SCENARIO_DIR / "shop" / "compose.yaml", SCENARIO_DIR / "live-bridges"]
    out = []
    for path in inputs:
        f = str(path)
        text = path.read_text(encoding="utf-8") if path.is_file() else ""
        names = [n for n in _names_in(text) if not n.startswith("@")][:2]
        out += [["run", f], ["run", "--json", f], ["check", f], ["matrix", "--json", f],
                ["inspect", f], ["export", f, "-o", "-"], ["diff", f, f]]
        if len(names) == 2:
            out += [["reach", f, *names], ["dns", f, names[0], names[1], "--times", "5"]]
    return out


def test_the_same_bytes_under_any_hash_seed(tmp_path: Path) -> None:
    """Two processes with different PYTHONHASHSEEDs print the same bytes for every bundled
    input under every command (no output depends on a set's or a dict's hash order)."""
    import json
    import subprocess

    argvs = json.dumps(_bundled_command_lines())
    runs = []
    for seed in ("0", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run([sys.executable, "-c", _IN_A_PROCESS], input=argvs, env=env,
                              cwd=tmp_path, capture_output=True, text=True, check=True)
        runs.append(json.loads(done.stdout))
    assert runs[0].keys() == runs[1].keys()
    differ = [k for k in runs[0] if runs[0][k] != runs[1][k]]
    assert not differ, differ


# --------------------------------------------------------------------------------------------
# The checker itself can fail: it rejects lines the contract forbids.

@pytest.mark.parametrize("line", [
    "Traceback (most recent call last):",
    "in.sh:3 no colon after the place",
    "netsim run: ",
    "netsim run:  leading space",
    "netsim run: in.sh:9: beyond the file (got 'x')",
    "netsim reach: in.sh:1: the command is not reach",
    "netsim run: in.sh:1: what (got 'unterminated)",
    "nowhere: what",
    "Error response from daemon: no prefix",
])
def test_the_error_grammar_rejects(line: str) -> None:
    """A line outside the grammar fails the check (the checker is not vacuous)."""
    case = Case(("run", "in.sh"), (("in.sh", b"docker ps\n"),))
    with pytest.raises(AssertionError):
        check_error_line(case, line)


@pytest.mark.parametrize("line", [
    "netsim run: in.sh:1: unknown flag: --x (got 'docker run --x'; accepted: docker run's flags)",
    "netsim run: in.sh: the input is empty (accepted: a script (of docker commands))",
    "netsim run: no such container, address or vantage point (got 'x'; accepted: NAME)",
    "netsim run: Error: No such option: --x (see 'netsim run --help')",
    "netsim: No such command 'rnu'. (see 'netsim --help')",
    "in.sh:1: bad expectation: too short (got 'web')",
    "--port: not a port (got '0'; accepted: N, N/tcp or N/udp with N in 1-65535)",
    "reach: no such container, address or vantage point (got 'x')",
    "netsim run: in.sh:1: steps.0.op: unknown field (got 5)",
])
def test_the_error_grammar_accepts(line: str) -> None:
    """The forms netsim prints are in the grammar."""
    case = Case(("run", "in.sh"), (("in.sh", b"docker ps\n"),))
    check_error_line(case, line)
