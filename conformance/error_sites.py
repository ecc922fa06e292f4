"""List every Docker error text netsim can print and the recorded corpus lines that reach it:

    python conformance/error_sites.py            # writes conformance/corpus/ERROR-SITES.md
    python conformance/error_sites.py --check    # exit 1: the file is stale, a reason missing,
                                                 # or a setting names what moved away

1. **Sites**, found with :mod:`ast` in the files under :data:`SOURCE_ROOTS` (less
   :data:`SOURCE_EXCLUDED` and the shims at old paths; the kinds are :data:`KINDS`): a site is
   a file, a line and the message template as written (f-string placeholders and other
   non-literal parts shown as ``{expr}``; a message without literal text is shown as the source
   line). Module string constants that are error texts (``ERR_…``, or a site's whole message)
   and the text fields of :class:`netsim.versions.EngineProfile` (their value per profile) are
   listed beside them, reached through the lines that use them. :func:`config_problems` names
   the settings (TEXT_FUNCTIONS, OWN_SCOPES …) that a move or a split left pointing at nothing.
2. **Reach**: every recording in ``conformance/recorded/`` is compared as ``netsim conformance``
   does (:func:`netsim.conformance.compare`) under a line tracer (``sys.monitoring`` on Python
   3.12+, ``sys.settrace`` before) that notes, for each site line executed, the engine, script
   number and script line (``Lab.run_line`` is wrapped for the duration to know the line).
   The scripts of the 28.5 recordings are also replayed under the 29.1 profile, which no lab
   engine runs: only as evidence beside the reason of an unreached site.
3. **Reasons** for the sites no recording reaches come from ``conformance/error-sites-reasons.yaml``
   (a reviewed list: template, optional ``in`` to tell apart sites with the same template,
   category, reason). A site without one prints ``**not reached**: (no reason given)`` and
   makes ``--check`` fail.

It never edits netsim or the recordings.
"""

from __future__ import annotations

import argparse
import ast
import difflib
import os
import re
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from fnmatch import fnmatch
from pathlib import Path
from types import CodeType, FrameType
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

OUTPUT = HERE / "corpus" / "ERROR-SITES.md"
REASONS = HERE / "error-sites-reasons.yaml"
RECORDED = HERE / "recorded"
ALLOWED = HERE / "allowed.yaml"

#: where netsim's Docker error texts are written (paths relative to the repository): files, and
#: directories whose ``.py`` files are all read (sorted), less :data:`SOURCE_EXCLUDED` and the
#: shims left behind by a move (a module whose docstring starts ``Shim``). A module split or moved
#: within these roots stays listed; :func:`config_problems` names the settings below that a move
#: leaves pointing at nothing.
SOURCE_ROOTS = (
    "netsim/daemon",  # the engine (the Engine's mixins, the network drivers, IPAM, ports)
    "netsim/dockercli",  # the docker CLI: flags, parse, convert, command handlers, tables
    "netsim/golang",  # Go's strconv, go-units, time, netip, csv and quoting as the CLI uses them
    "netsim/api",  # the Docker API objects and their checks
    "netsim/images",  # image references, the images' programs and the catalogue's checks
    "netsim/probes",  # the tools run inside containers
    "netsim/lab.py",  # the Python API: scripts, scenarios
    "netsim/directives.py",  # a script's leading directives (host, lan, image, engine, daemon)
)
#: code under :data:`SOURCE_ROOTS` that makes no Docker error texts of its own and is not read
#: (``fnmatch`` patterns, ``*`` crossing directories): the Go template engine and Docker's
#: template functions, inspect's JSON, the ``sh -c`` interpreter, ID generation
SOURCE_EXCLUDED = (
    "netsim/golang/template/*",
    "netsim/dockercli/templates.py",
    "netsim/dockercli/output/inspect*.py",
    "netsim/probes/shell.py",
    "netsim/daemon/ids.py",
)


def _matches(rel: str, patterns: Iterable[str]) -> bool:
    return any(fnmatch(rel, pat) for pat in patterns)


def _is_shim(text: str) -> bool:
    """Whether a module is a shim left at an old path (its docstring starts ``Shim``)."""
    doc = ast.get_docstring(ast.parse(text))
    return doc is not None and doc.startswith("Shim")


def source_files(root: Path) -> tuple[str, ...]:
    """The files of :data:`SOURCE_ROOTS` under ``root``, sorted, as paths relative to it."""
    found: set[str] = set()
    for entry in SOURCE_ROOTS:
        path = root / entry
        files = sorted(path.rglob("*.py")) if path.is_dir() else [path] if path.exists() else []
        for f in files:
            rel = f.relative_to(root).as_posix()
            if "__pycache__" in rel or _matches(rel, SOURCE_EXCLUDED):
                continue
            if _is_shim(f.read_text(encoding="utf-8")):
                continue
            found.add(rel)
    return tuple(sorted(found))


#: the files read in this repository
SOURCES = source_files(ROOT)

#: functions (qualified names) whose literal results are error texts (kind "text")
TEXT_FUNCTIONS = {
    "netsim/daemon/publishing.py": {"PublishingMixin._unbindable"},
    "netsim/dockercli/flags/cobra.py": {"is_supported", "args_error", "args_error.old",
                                        "flag_error_text"},
    "netsim/dockercli/commands/run.py": {"run_error"},
    "netsim/dockercli/commands/common.py": {"client_text"},
    "netsim/images/reference.py": {"uppercase_error"},
    "netsim/images/runtime.py": {"exec_failure", "runtime_reason", "user_failure"},
    "netsim/dockercli/output/port.py": {"port", "_nat_new_port_lookup"},
}
#: the files whose ``out.err(…)`` calls are sites: the command handlers (``fnmatch`` patterns)
OUT_ERR_FILES = ("netsim/dockercli/commands/*.py", "netsim/lab.py")
#: the positional argument where an error's message starts, when not the first (callees the
#: sources call: ScenarioError(where, message) is raised only outside them)
MESSAGE_ARG = {"ScriptError": 1, "InputError": 1, "PydanticCustomError": 1, "AddrError": 1,
               "_fail": 1}
_PREFIXED = re.compile(r"^(Error response from daemon: |Error: |docker: |OCI runtime )")
#: files whose framed literals are no sites (``fnmatch`` patterns): the images' own programs
#: print ``Error: …``
_PREFIXED_SKIP = ("netsim/images/*",)

#: the kinds of site, in the order one line's sites are kept (one site per line)
KINDS = {
    "raise": "`raise CALL(…)`: an exception built where it is raised (any callee)",
    "error": "a call of an exception class outside a raise (`DaemonError(…)`, "
             "`DockerCliError(…)`, golang's `GoError`/`NumError`/`AddrError`, pflag's "
             "`FlagError`, any `…Error(…)`)",
    "out.err": "a command handler's `out.err(…)` (dockercli/commands/, lab.py): what it prints "
               "on stderr",
    "text": "the literal texts returned (or appended to the error list) by the functions that "
            "make error texts (TEXT_FUNCTIONS): " + ", ".join(
                "`" + f.removeprefix("netsim/").removesuffix(".py") + ":" + n + "`"
                for f, names in TEXT_FUNCTIONS.items() for n in sorted(names)),
    "prefixed": "a string literal with Docker's framing and words after it (`Error response "
                "from daemon: …`, `Error: …`, `docker: …`, `OCI runtime …`), or an f-string "
                "that starts with a local name bound to such a framing, that is not part of a "
                "site above (the probes, the kill/restart wrappers and `docker exec`'s runtime "
                "errors of the command handlers); not in images/, whose `Error: …` texts are "
                "the images' own programs'",
}

#: netsim's own errors (not Docker's): these exception classes, texts starting ``netsim:``,
#: a command handler's ``out.err(…, NOT_SIMULATED)``, and the scopes below (declarations of
#: hosts, LAN, images and scenarios; the image catalogue's loader and its own checks; the
#: registries of network drivers and probe families), ``*`` for a whole file
OWN_CALLEES = {"InputError", "ScriptError", "ScenarioError", "UnsupportedCommandError",
               "_NotSimulated", "UnsupportedFilter", "AssertionError", "KeyError",
               "PydanticCustomError", "NotImplementedError", "RuntimeError", "TypeError",
               "AttributeError", "CatalogueError"}
OWN_SCOPES = {
    "netsim/api/hosts.py": {"Lan", "Host", "AddressPool"},
    "netsim/api/scenario.py": {"ImageDecl", "Scenario"},
    "netsim/images/models.py": {"check_ports", "ImageInfo", "ProgramFacts"},
    "netsim/images/catalogue.py": {"*"},
    "netsim/images/declared.py": {"*"},
    "netsim/lab.py": {"run_script", "describe"},
    "netsim/directives.py": {"setup_from_directives", "daemon_options"},
    "netsim/daemon/core.py": {"EngineCore._rt"},
    "netsim/daemon/drivers/base.py": {"register", "get"},
    "netsim/probes/registry.py": {"register"},
    # what a push or pull netsim does not simulate says (its NotSimulated notes)
    "netsim/dockercli/commands/registry.py": {"_addresses", "find_registry"},
}

#: EngineProfile's str fields that are no error texts: identities, and the tail of a flag's
#: deprecation warning (``Flag shorthand -h has been deprecated, use --help``)
_PROFILE_NOT_ERRORS = {"name", "version", "api_version", "moby_tag",
                       "cli_help_shorthand_deprecation"}
#: the lab's engines, in the order lines are listed; 29.1 only as evidence
ENGINES = ("28.5", "26.1", "20.10")
EVIDENCE_PROFILE = "29.1"
EVIDENCE_FROM = "28.5"

CATEGORIES = {
    "profile-29.1": "only the 29.1 profile prints it (the lab has no 29.x engine)",
    "dead": "no input reaches it in netsim (an earlier check refuses every one, or no caller "
            "passes one)",
    "shadowed": "netsim prints these words through another site",
    "api-only": "only a client of the API reaches it; the docker CLI checks first",
    "random": "needs Docker's randomness (IDs sharing a prefix)",
    "impractical": "possible, but not practical in a recorded script",
    "not-in-corpus": "reachable, but no corpus script tries it",
    "not-simulated": "what reaches it is not simulated in a script replay (a command, a shell "
                     "construct), or only netsim's YAML scenarios reach it",
    "dump-only": "netsim's own words for a docker inspect dump no engine writes (netsim.io.dump"
                 " restores dumps; the corpus replays scripts)",
}

SHOWN = 3  # reaching lines shown per site
WIDTH = 110  # characters of a template shown

Key = tuple[str, str, int]  # (engine, script number, script line)
Use = tuple[str, int, str]  # (file, line, enclosing function) of a constant or profile field


# --------------------------------------------------------------------------- finding sites


@dataclass
class Site:
    """One place in the sources that makes an error text."""

    file: str
    line: int
    template: str
    kind: str
    scope: str
    own: bool = False


@dataclass
class Constant:
    """A module-level string constant that is an error text."""

    file: str
    line: int
    name: str
    text: str
    uses: set[Use] = field(default_factory=set)

    @property
    def template(self) -> str:
        return f"{self.name} = {self.text}"


@dataclass
class ProfileText:
    """One value of a text field of EngineProfile, and the profiles that have it."""

    field_name: str
    text: str
    profiles: tuple[str, ...]
    uses: set[Use] = field(default_factory=set)

    @property
    def template(self) -> str:
        return f"{self.field_name} = {self.text}"


@dataclass
class Sources:
    """Everything found in the sources."""

    files: tuple[str, ...]  # the files read, as paths relative to the repository
    sites: list[Site]
    constants: list[Constant]
    profile_texts: list[ProfileText]
    profile_file: str = "netsim/versions/engine_profile.py"  # where EngineProfile is defined

    def watched(self) -> dict[str, set[int]]:
        """The lines to trace, by path relative to the repository."""
        out: dict[str, set[int]] = defaultdict(set)
        for s in self.sites:
            out[s.file].add(s.line)
        for c in self.constants:
            for f, line, _ in c.uses:
                out[f].add(line)
        for p in self.profile_texts:
            for f, line, _ in p.uses:
                out[f].add(line)
        return out


def _callee(call: ast.Call) -> str:
    f = call.func
    if isinstance(f, ast.Name):
        return f.id
    if isinstance(f, ast.Attribute):
        return f.attr
    return ""


def _show(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r").replace(
        "\t", "\\t")


class _Renderer:
    """Message templates from expressions."""

    def __init__(self, constants: dict[str, str], profile_fields: set[str]) -> None:
        self.constants = constants
        self.profile_fields = profile_fields

    def has_literal(self, e: ast.expr) -> bool:
        """Whether ``e`` has literal words of its own (a string literal or f-string part)."""
        if isinstance(e, ast.Constant):
            return isinstance(e.value, str) and bool(e.value.strip())
        if isinstance(e, ast.JoinedStr):
            return any(isinstance(v, ast.Constant) and str(v.value).strip() for v in e.values)
        if isinstance(e, ast.BinOp) and isinstance(e.op, ast.Add):
            return self.has_literal(e.left) or self.has_literal(e.right)
        if isinstance(e, ast.Call) and isinstance(e.func, ast.Attribute) and e.func.attr in (
                "format", "removesuffix", "rstrip", "strip"):
            return self.has_literal(e.func.value)
        if isinstance(e, ast.IfExp):
            return self.has_literal(e.body) or self.has_literal(e.orelse)
        return False

    def has_text(self, e: ast.expr) -> bool:
        """Whether ``e`` carries words of a message (literal text, a constant, a profile text)."""
        if isinstance(e, ast.Constant):
            return isinstance(e.value, str) and bool(e.value.strip())
        if isinstance(e, ast.JoinedStr):
            return any(isinstance(v, ast.Constant) and str(v.value).strip() for v in e.values)
        if isinstance(e, ast.BinOp) and isinstance(e.op, ast.Add):
            return self.has_text(e.left) or self.has_text(e.right)
        if isinstance(e, ast.Call) and isinstance(e.func, ast.Attribute) and e.func.attr in (
                "format", "removesuffix", "rstrip", "strip"):
            return self.has_text(e.func.value)
        if isinstance(e, ast.IfExp):
            return self.has_text(e.body) or self.has_text(e.orelse)
        if isinstance(e, ast.Name):
            return e.id in self.constants
        if isinstance(e, ast.Attribute):
            return e.attr in self.profile_fields or e.attr in self.constants
        return False

    def render(self, e: ast.expr, *, top: bool = True) -> str:
        if isinstance(e, ast.Constant) and isinstance(e.value, str):
            return _show(e.value)
        if isinstance(e, ast.JoinedStr):
            return "".join(self._part(v) for v in e.values)
        if isinstance(e, ast.BinOp) and isinstance(e.op, ast.Add):
            return self.render(e.left, top=False) + self.render(e.right, top=False)
        if isinstance(e, ast.Call) and isinstance(e.func, ast.Attribute) and e.func.attr in (
                "format", "removesuffix", "rstrip", "strip") and self.has_text(e.func.value):
            return self.render(e.func.value, top=top)
        if isinstance(e, ast.IfExp) and self.has_text(e):
            return (self.render(e.body, top=False) + " / " + self.render(e.orelse, top=False))
        if top and isinstance(e, ast.Name) and e.id in self.constants:
            return f"{e.id} = {_show(self.constants[e.id])}"
        if top and isinstance(e, ast.Attribute) and e.attr in self.constants:
            return f"{e.attr} = {_show(self.constants[e.attr])}"
        return "{" + ast.unparse(e) + "}"

    def _part(self, v: ast.expr) -> str:
        if isinstance(v, ast.Constant):
            return _show(str(v.value))
        assert isinstance(v, ast.FormattedValue)
        text = ast.unparse(v.value)
        if v.conversion != -1:
            text += "!" + chr(v.conversion)
        if v.format_spec is not None:
            assert isinstance(v.format_spec, ast.JoinedStr)
            text += ":" + "".join(self._part(p) for p in v.format_spec.values)
        return "{" + text + "}"


class _Finder(ast.NodeVisitor):
    """The sites of one file."""

    def __init__(self, rel: str, src: str, renderer: _Renderer, constants: set[str]) -> None:
        self.rel = rel
        self.src = src
        self.r = renderer
        self.constant_names = constants
        self.scope: list[str] = []
        self.sites: list[Site] = []
        self.inside: set[int] = set()  # id() of nodes within a site's expression
        self.pending: list[tuple[ast.expr, str]] = []  # prefixed literals, decided at the end
        self.framing: dict[str, set[str]] = {}  # function -> local names bound to a framing

    # ---------------------------------------------------------------- scopes
    def _scoped(self, node: ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) -> None:
        self.scope.append(node.name)
        self.generic_visit(node)
        self.scope.pop()

    visit_FunctionDef = _scoped
    visit_AsyncFunctionDef = _scoped
    visit_ClassDef = _scoped

    @property
    def qualname(self) -> str:
        return ".".join(self.scope) or "<module>"

    # ---------------------------------------------------------------- sites
    def _message(self, call: ast.Call, node: ast.AST) -> str:
        """The template of a call's message: the first argument with literal text (from
        MESSAGE_ARG on), else the message argument itself when it is a constant or a profile
        text, else the first source line of ``node``."""
        args = [*call.args[MESSAGE_ARG.get(_callee(call), 0):],
                *(k.value for k in call.keywords if k.arg == "message")]
        for arg in args:
            if self.r.has_literal(arg):
                return self.r.render(arg)
        if args and args[0] in call.args and self.r.has_text(args[0]):
            return self.r.render(args[0])
        return self._source(node)

    def _source(self, node: ast.AST) -> str:
        segment = ast.get_source_segment(self.src, node) or ""
        return segment.split("\n", 1)[0].strip()

    def _own(self, callee: str, template: str, call: ast.Call | None = None) -> bool:
        if callee in OWN_CALLEES or template.startswith("netsim:"):
            return True
        if call is not None and callee == "err" and any(
                isinstance(a, ast.Name) and a.id == "NOT_SIMULATED" for a in call.args):
            return True
        own = OWN_SCOPES.get(self.rel, set())
        return "*" in own or any(".".join(self.scope[:i + 1]) in own
                                 for i in range(len(self.scope)))

    def _add(self, node: ast.AST, line: int, template: str, kind: str, own: bool) -> None:
        self.sites.append(Site(self.rel, line, template, kind, self.qualname, own))
        for sub in ast.walk(node):
            self.inside.add(id(sub))

    def visit_Raise(self, node: ast.Raise) -> None:
        if isinstance(node.exc, ast.Call) and id(node.exc) not in self.inside:
            call = node.exc
            template = self._message(call, node)
            self._add(call, call.lineno, template, "raise", self._own(_callee(call), template))
        self.generic_visit(node)

    def visit_Call(self, node: ast.Call) -> None:
        if id(node) not in self.inside:
            callee = _callee(node)
            if callee.endswith("Error") and callee[:1] in "_ABCDEFGHIJKLMNOPQRSTUVWXYZ":
                template = self._message(node, node)
                self._add(node, node.lineno, template, "error", self._own(callee, template))
            elif (_matches(self.rel, OUT_ERR_FILES) and callee == "err"
                  and isinstance(node.func, ast.Attribute)
                  and isinstance(node.func.value, ast.Name) and node.func.value.id == "out"):
                template = self._message(node, node)
                self._add(node, node.lineno, template, "out.err",
                          self._own(callee, template, node))
            elif (callee == "append" and self._in_text_function() and node.args
                  and self.r.has_text(node.args[0])):
                template = self.r.render(node.args[0])
                self._add(node, node.lineno, template, "text", self._own("", template))
        self.generic_visit(node)

    def _in_text_function(self) -> bool:
        return self.qualname in TEXT_FUNCTIONS.get(self.rel, set())

    def visit_Return(self, node: ast.Return) -> None:
        if node.value is not None and self._in_text_function() and id(node) not in self.inside:
            values = node.value.elts if isinstance(node.value, ast.Tuple) else [node.value]
            texts = [v for v in values if self.r.has_text(v)]
            if texts:
                template = " / ".join(self.r.render(v) for v in texts)
                self._add(node, node.lineno, template, "text", self._own("", template))
        self.generic_visit(node)

    def visit_Assign(self, node: ast.Assign) -> None:
        """A local name bound to Docker's framing (``head = "OCI runtime exec failed: …"``):
        the f-strings that start with it are the sites, not the assignment."""
        target, value = node.targets[0], node.value
        if (self.scope and len(node.targets) == 1 and isinstance(target, ast.Name)
                and isinstance(value, ast.Constant | ast.JoinedStr)
                and _PREFIXED.match(self.r.render(value))):
            self.framing.setdefault(self.qualname, set()).add(target.id)
            return
        self.generic_visit(node)

    def visit_Constant(self, node: ast.Constant) -> None:
        if isinstance(node.value, str):
            self.pending.append((node, self.qualname))

    def visit_JoinedStr(self, node: ast.JoinedStr) -> None:
        self.pending.append((node, self.qualname))  # its parts are not literals of their own

    def finish(self) -> list[Site]:
        if not _matches(self.rel, _PREFIXED_SKIP):
            for node, scope in self.pending:
                if id(node) in self.inside:
                    continue
                text = self.r.render(node)
                m = _PREFIXED.match(text)
                rest = text[m.end():] if m is not None else ""
                first = node.values[0] if isinstance(node, ast.JoinedStr) and node.values else None
                if (m is None and isinstance(first, ast.FormattedValue)
                        and isinstance(first.value, ast.Name)
                        and first.value.id in self.framing.get(scope, set())):
                    rest = text
                elif m is None:
                    continue
                if not re.sub(r"\{[^}]*\}", "", rest).strip():
                    continue
                self.sites.append(Site(self.rel, node.lineno, text, "prefixed", scope,
                                       text.startswith("netsim:")))
        order = list(KINDS)
        best: dict[int, Site] = {}
        for s in sorted(self.sites, key=lambda s: (s.line, order.index(s.kind))):
            best.setdefault(s.line, s)
        return sorted(best.values(), key=lambda s: s.line)


def _module_constants(tree: ast.Module) -> dict[str, tuple[int, ast.expr]]:
    out: dict[str, tuple[int, ast.expr]] = {}
    for stmt in tree.body:
        if isinstance(stmt, ast.Assign) and len(stmt.targets) == 1:
            target, value = stmt.targets[0], stmt.value
        elif isinstance(stmt, ast.AnnAssign) and stmt.value is not None:
            target, value = stmt.target, stmt.value
        else:
            continue
        if isinstance(target, ast.Name) and (
                (isinstance(value, ast.Constant) and isinstance(value.value, str))
                or isinstance(value, ast.JoinedStr)):
            out[target.id] = (stmt.lineno, value)
    return out


def _scoped_walk(tree: ast.AST, scope: str = "<module>") -> Iterator[tuple[ast.AST, str]]:
    """Every node with the qualified name of the function or class it is in."""
    for child in ast.iter_child_nodes(tree):
        inner = scope
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            inner = child.name if scope == "<module>" else f"{scope}.{child.name}"
        yield child, scope
        yield from _scoped_walk(child, inner)


def _profile_file() -> str:
    """Where EngineProfile is defined, relative to the repository."""
    from netsim.versions import EngineProfile

    return EngineProfile.__module__.replace(".", "/") + ".py"


def _profile_fields() -> dict[str, dict[str, str]]:
    """Each text field of EngineProfile and its value per profile."""
    from netsim.versions import PROFILES, EngineProfile

    fields = [n for n, f in EngineProfile.model_fields.items()
              if f.annotation in (str, "str") and n not in _PROFILE_NOT_ERRORS]
    return {n: {name: str(getattr(p, n)) for name, p in PROFILES.items()} for n in fields}


def find_sites(root: Path = ROOT) -> Sources:
    """Every site, error constant and profile text of the source files under ``root`` (see
    :data:`SOURCE_ROOTS`; no netsim code runs, but EngineProfile's fields and values are read
    from netsim.versions)."""
    files = source_files(root)
    texts = {rel: (root / rel).read_text(encoding="utf-8") for rel in files}
    trees = {rel: ast.parse(texts[rel], filename=rel) for rel in files}
    raw_constants = {rel: _module_constants(t) for rel, t in trees.items()}
    plain = _Renderer({}, set())
    constants_text = {name: plain.render(value)
                      for consts in raw_constants.values() for name, (_, value) in consts.items()}
    profile = _profile_fields()
    renderer = _Renderer(constants_text, set(profile))

    sites: list[Site] = []
    for rel in files:
        finder = _Finder(rel, texts[rel], renderer, set(constants_text))
        finder.visit(trees[rel])
        sites.extend(finder.finish())

    # error constants: named ERR, or some site's whole message
    whole = {s.template.split(" = ", 1)[0] for s in sites if " = " in s.template}
    constants: list[Constant] = []
    for rel, consts in raw_constants.items():
        for name, (line, _) in consts.items():
            text = constants_text[name]
            if text.startswith("netsim:"):
                continue
            if re.search(r"(^|_)ERR(_|$)", name) or name in whole:
                constants.append(Constant(rel, line, name, text))
    by_name = {c.name: c for c in constants}
    profile_texts: dict[tuple[str, str], ProfileText] = {}
    for name, values in profile.items():
        for prof, text in values.items():
            if not text:
                continue
            key = (name, text)
            pt = profile_texts.get(key)
            profile_texts[key] = ProfileText(name, text, (*(pt.profiles if pt else ()), prof))
    by_field: dict[str, list[ProfileText]] = defaultdict(list)
    for pt in profile_texts.values():
        by_field[pt.field_name].append(pt)
    for rel, tree in trees.items():
        # a use in a condition (``if profile.cli_multiple_hosts_error:``) makes no text
        tested = {id(sub) for node in ast.walk(tree)
                  if isinstance(node, ast.If | ast.IfExp | ast.While | ast.Assert)
                  for sub in ast.walk(node.test)}
        for node, scope in _scoped_walk(tree):
            if id(node) in tested:
                continue
            if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Load):
                name = node.id
            elif isinstance(node, ast.Attribute):
                name = node.attr
            else:
                continue
            if name in by_name:
                by_name[name].uses.add((rel, node.lineno, scope))
            for pt in by_field.get(name, ()):
                pt.uses.add((rel, node.lineno, scope))
    return Sources(files, sites, constants,
                   sorted(profile_texts.values(), key=lambda p: (p.field_name, p.profiles)),
                   _profile_file())


def config_problems(root: Path = ROOT) -> list[str]:
    """What in the settings above points at nothing under ``root`` (a file moved or split, a
    function renamed): a root that does not exist, an exclusion or file pattern that matches no
    source file, a file of TEXT_FUNCTIONS or OWN_SCOPES that is not read, a function or class
    they name that the file does not define, a MESSAGE_ARG callee no source calls."""
    files = source_files(root)
    problems = [f"SOURCE_ROOTS: {entry} does not exist" for entry in SOURCE_ROOTS
                if not (root / entry).exists()]
    every = [f.relative_to(root).as_posix() for entry in SOURCE_ROOTS
             if (root / entry).is_dir() for f in (root / entry).rglob("*.py")]
    problems += [f"SOURCE_EXCLUDED: {pat} matches no file" for pat in SOURCE_EXCLUDED
                 if not _matches_any(pat, every)]
    for name, patterns in (("OUT_ERR_FILES", OUT_ERR_FILES), ("_PREFIXED_SKIP", _PREFIXED_SKIP)):
        problems += [f"{name}: {pat} matches no source file" for pat in patterns
                     if not _matches_any(pat, files)]
    callees: set[str] = set()
    for rel in files:
        tree = ast.parse((root / rel).read_text(encoding="utf-8"), filename=rel)
        callees |= {_callee(n) for n in ast.walk(tree) if isinstance(n, ast.Call)}
        defined = {f"{scope}.{node.name}" if scope != "<module>" else node.name
                   for node, scope in _scoped_walk(tree)
                   if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)}
        for name, table in (("TEXT_FUNCTIONS", TEXT_FUNCTIONS), ("OWN_SCOPES", OWN_SCOPES)):
            problems += [f"{name}: {rel} defines no {q}"
                         for q in sorted(table.get(rel, set()) - defined - {"*"})]
    for name, table in (("TEXT_FUNCTIONS", TEXT_FUNCTIONS), ("OWN_SCOPES", OWN_SCOPES)):
        problems += [f"{name}: {rel} is not a source file" for rel in table if rel not in files]
    problems += [f"MESSAGE_ARG: no source calls {c}" for c in MESSAGE_ARG if c not in callees]
    return problems


def _matches_any(pattern: str, files: Iterable[str]) -> bool:
    return any(fnmatch(f, pattern) for f in files)


# --------------------------------------------------------------------------- tracing


class LineTracer:
    """Notes, for each watched line executed, the current key (engine, script, line)."""

    def __init__(self, watched: dict[str, set[int]]) -> None:
        self.watched = {str((ROOT / rel).resolve()): (rel, frozenset(lines))
                        for rel, lines in watched.items()}
        self.hits: dict[tuple[str, int], set[Key]] = defaultdict(set)
        self.key: Key | None = None
        self._code: dict[CodeType, tuple[str, frozenset[int]]] = {}
        self._paths: dict[str, str] = {}

    def _lines(self, code: CodeType) -> tuple[str, frozenset[int]]:
        got = self._code.get(code)
        if got is None:
            path = self._paths.get(code.co_filename)
            if path is None:
                path = self._paths[code.co_filename] = str(Path(code.co_filename).resolve())
            rel, want = self.watched.get(path, ("", frozenset()))
            got = (rel, frozenset(ln for _, _, ln in code.co_lines() if ln in want))
            self._code[code] = got
        return got

    def note(self, rel: str, line: int) -> None:
        if self.key is not None:
            self.hits[(rel, line)].add(self.key)

    @contextmanager
    def running(self) -> Iterator[LineTracer]:
        monitoring = getattr(sys, "monitoring", None)
        if monitoring is not None:
            with self._monitoring(monitoring):
                yield self
        else:
            with self._settrace():
                yield self

    @contextmanager
    def _settrace(self) -> Iterator[None]:
        def local(rel: str, lines: frozenset[int]) -> Callable[[FrameType, str, Any], Any]:
            def trace(frame: FrameType, event: str, arg: Any) -> Any:
                if event == "line" and frame.f_lineno in lines:
                    self.note(rel, frame.f_lineno)
                return trace
            return trace

        def global_trace(frame: FrameType, event: str, arg: Any) -> Any:
            rel, lines = self._lines(frame.f_code)
            return local(rel, lines) if lines else None

        previous = sys.gettrace()
        sys.settrace(global_trace)
        try:
            yield
        finally:
            sys.settrace(previous)

    @contextmanager
    def _monitoring(self, mon: Any) -> Iterator[None]:
        tool = next((t for t in (mon.COVERAGE_ID, mon.PROFILER_ID, 3, 4)
                     if mon.get_tool(t) is None), None)
        if tool is None:
            with self._settrace():
                yield
            return
        disable = mon.DISABLE

        def on_line(code: CodeType, line: int) -> Any:
            rel, lines = self._lines(code)
            if line in lines:
                self.note(rel, line)
                return None
            return disable

        mon.use_tool_id(tool, "error_sites")
        try:
            mon.register_callback(tool, mon.events.LINE, on_line)
            mon.set_events(tool, mon.events.LINE)
            yield
        finally:
            mon.set_events(tool, 0)
            mon.register_callback(tool, mon.events.LINE, None)
            mon.free_tool_id(tool)
            mon.restart_events()


@dataclass
class Reach:
    """What the replays reached."""

    hits: dict[tuple[str, int], set[Key]]
    #: steps whose output differs from the recording (disagreeing or allowed)
    differs: set[Key]
    scripts: dict[str, str]  # number -> recording name


def _script_number(name: str) -> str:
    head = name.split("-", 1)[0]
    return head if head.isdigit() else name


@contextmanager
def _current_line(tracer: LineTracer) -> Iterator[None]:
    """Wrap Lab.run_line so the tracer knows the script line being replayed."""
    from netsim import lab

    original = lab.Lab.run_line

    def run_line(self: Any, sl: Any) -> Any:
        if tracer.key is not None:
            tracer.key = (tracer.key[0], tracer.key[1], sl.line)
        return original(self, sl)

    lab.Lab.run_line = run_line  # type: ignore[method-assign]
    try:
        yield
    finally:
        lab.Lab.run_line = original  # type: ignore[method-assign]


def trace_recordings(sources: Sources, recorded: Path = RECORDED,
                     evidence: bool = True) -> Reach:
    """Compare every recording under the tracer; with ``evidence``, also replay the 28.5
    scripts under the 29.1 profile (keys with engine ``29.1``)."""
    from netsim.conformance import compare, parse_allowlist, replay
    from netsim.errors import InputError
    from netsim.io.recording import read_recording

    allow = parse_allowlist(yaml.safe_load(ALLOWED.read_text()) if ALLOWED.exists() else None)
    recordings = [read_recording(p) for p in sorted(recorded.rglob("*.json"))]
    tracer = LineTracer(sources.watched())
    differs: set[Key] = set()
    scripts: dict[str, str] = {}
    with _current_line(tracer), tracer.running():
        for rec in recordings:
            number = _script_number(rec.name)
            scripts.setdefault(number, rec.name)
            tracer.key = (rec.engine.profile, number, 0)
            result = compare(rec, allow)
            tracer.key = None
            differs.update((rec.engine.profile, number, st.line) for st in result.steps
                           if st.verdict != "agree")
        if evidence:
            for rec in recordings:
                if rec.engine.profile != EVIDENCE_FROM:
                    continue
                other = rec.model_copy(update={"engine": rec.engine.model_copy(
                    update={"profile": EVIDENCE_PROFILE})})
                tracer.key = (EVIDENCE_PROFILE, _script_number(rec.name), 0)
                try:
                    replay(other, seed=0)
                except InputError:
                    pass
                finally:
                    tracer.key = None
    return Reach(dict(tracer.hits), differs, scripts)


# --------------------------------------------------------------------------- reasons


@dataclass(frozen=True)
class Reason:
    template: str
    category: str
    text: str
    where: str = ""  # a file, or file:qualname

    def matches(self, template: str, file: str, scope: str) -> bool:
        if template != self.template:
            return False
        if not self.where:
            return True
        wfile, _, wscope = self.where.partition(":")
        return wfile == file and (not wscope or wscope == scope
                                  or scope.startswith(wscope + "."))

    @property
    def specificity(self) -> int:
        return (1 if self.where else 0) + (1 if ":" in self.where else 0)


def read_reasons(path: Path = REASONS) -> list[Reason]:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None
    out: list[Reason] = []
    for i, entry in enumerate(data or []):
        where = f"{path.name}: [{i}]"
        if not isinstance(entry, dict) or set(entry) - {"template", "in", "category", "reason"}:
            raise SystemExit(f"{where}: an entry is a mapping of template, in, category, reason")
        template, category, text = entry.get("template"), entry.get("category"), entry.get("reason")
        if not isinstance(template, str) or not isinstance(text, str) or not text.strip():
            raise SystemExit(f"{where}: template and reason must be non-empty texts")
        if category not in CATEGORIES:
            raise SystemExit(f"{where}: category {category!r} is not one of "
                             + ", ".join(CATEGORIES))
        out.append(Reason(template, category, " ".join(text.split()), str(entry.get("in") or "")))
    return out


def reason_for(reasons: Sequence[Reason], template: str, file: str,
               scope: str) -> Reason | None:
    found = [r for r in reasons if r.matches(template, file, scope)]
    return max(found, key=lambda r: r.specificity) if found else None


# --------------------------------------------------------------------------- the listing


def _engine_order(engine: str) -> int:
    return ENGINES.index(engine) if engine in ENGINES else len(ENGINES)


def _script_order(script: str) -> tuple[int, str]:
    return (int(script), "") if script.isdigit() else (10**6, script)


def reached_text(keys: Iterable[Key], differs: set[Key]) -> tuple[str, int]:
    """``46:18, 46:19 [26.1], 50:3 ≠ (+4)`` and how many script lines that is."""
    groups: dict[tuple[str, int], set[str]] = defaultdict(set)
    for engine, script, line in keys:
        groups[(script, line)].add(engine)
    items = []
    for (script, line), engines in groups.items():
        shown = ({ENGINES[0]} if ENGINES[0] in engines else engines)
        label = "" if ENGINES[0] in engines else (
            " [" + ", ".join(sorted(engines, key=_engine_order)) + "]")
        mark = " ≠" if any((e, script, line) in differs for e in shown) else ""
        order = (0 if ENGINES[0] in engines else 1 + min(map(_engine_order, engines)))
        items.append(((order, _script_order(script), line), f"{script}:{line}{label}{mark}"))
    items.sort()
    text = ", ".join(t for _, t in items[:SHOWN])
    if len(items) > SHOWN:
        text += f" (+{len(items) - SHOWN})"
    return text, len(items)


def _code(text: str) -> str:
    if len(text) > WIDTH:
        text = text[:WIDTH] + "…"
    text = text.replace("|", "\\|")
    if "`" in text:
        return f"`` {text} ``"
    return f"`{text}`"


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


@dataclass
class Listing:
    """The rendered file and what it found."""

    text: str
    missing: list[str]  # sites without a reason, as "file:line scope: template"
    unused: list[Reason]
    unproven: list[str]  # profile-29.1 reasons the 29.1 replay does not reach
    totals: dict[str, Any]
    summary: str  # the totals line, plain


def render(sources: Sources, reach: Reach, reasons: Sequence[Reason]) -> Listing:
    used: set[Reason] = set()
    missing: list[str] = []
    unproven: list[str] = []
    not_reached: dict[str, int] = defaultdict(int)

    def split(keys: Iterable[Key]) -> tuple[set[Key], set[Key]]:
        real: set[Key] = set()
        evidence: set[Key] = set()
        for k in keys:
            (evidence if k[0] == EVIDENCE_PROFILE else real).add(k)
        return real, evidence

    def keys_of(lines: Iterable[tuple[str, int]]) -> tuple[set[Key], set[Key]]:
        return split(k for fl in lines for k in reach.hits.get(fl, ()))

    site_lines: dict[tuple[str, str], set[int]] = defaultdict(set)
    for s in sources.sites:
        site_lines[(s.file, s.scope)].add(s.line)

    def keys_of_uses(uses: Iterable[Use]) -> tuple[set[Key], set[Key]]:
        """Where a use ran together with a site of its function (the text was printed, not
        only read); a use in a function without sites counts alone."""
        keys: set[Key] = set()
        for rel, line, scope in uses:
            got = reach.hits.get((rel, line), set())
            companions = site_lines.get((rel, scope))
            if companions:
                got = got & {k for ln in companions for k in reach.hits.get((rel, ln), ())}
            keys |= got
        return split(keys)

    def unreached(template: str, file: str, scope: str, where: str,
                  evidence: set[Key]) -> str:
        r = reason_for(reasons, template, file, scope)
        if r is None:
            missing.append(f"{where} {scope}: {template}")
            not_reached["(no reason given)"] += 1
            text = "**not reached**: (no reason given)"
        else:
            used.add(r)
            not_reached[r.category] += 1
            text = f"**not reached**: {_cell(r.text)} *({r.category})*"
            if r.category == "profile-29.1" and not evidence:
                unproven.append(f"{where}: {template}")
        if evidence:
            shown, _ = reached_text(((EVIDENCE_FROM, s, ln) for _, s, ln in evidence), set())
            text += f"; a {EVIDENCE_PROFILE} replay of the {EVIDENCE_FROM} scripts reaches it "
            text += f"at {shown}"
        return text

    docker = [s for s in sources.sites if not s.own]
    own = [s for s in sources.sites if s.own]
    body: list[str] = ["## Docker error sites", ""]
    reached = 0
    for rel in sources.files:
        mine = [s for s in docker if s.file == rel]
        if not mine:
            continue
        body += [f"### {rel}", "", "| line | message template | reached by |", "|---|---|---|"]
        for s in mine:
            real, evidence = keys_of([(s.file, s.line)])
            if real:
                reached += 1
                cell = reached_text(real, reach.differs)[0]
            else:
                cell = unreached(s.template, s.file, s.scope, f"{s.file}:{s.line}", evidence)
            body.append(f"| {s.line} | {_code(s.template)} | {cell} |")
        body.append("")
    sites_not = dict(not_reached)
    not_reached.clear()

    body += ["## Error constants", "",
             "| file:line | constant and text | reached through its uses at |", "|---|---|---|"]
    const_reached = 0
    for c in sources.constants:
        real, evidence = keys_of_uses(c.uses)
        if real:
            const_reached += 1
            cell = reached_text(real, reach.differs)[0]
        else:
            cell = unreached(c.template, c.file, "<module>", f"{c.file}:{c.line}", evidence)
        body.append(f"| {c.file}:{c.line} | {_code(c.template)} | {cell} |")
    body.append("")
    const_not = dict(not_reached)
    not_reached.clear()

    body += ["## Engine profile texts", "",
             f"Text fields of `EngineProfile` ({sources.profile_file}): each value with the "
             "profiles that have it, reached where a line that reads the field (not in a "
             "condition) runs under one of them together with a site of the same function.",
             "", "| field | profiles | text | reached through its uses at |", "|---|---|---|---|"]
    prof_reached = 0
    for p in sources.profile_texts:
        real, evidence = keys_of_uses(p.uses)
        real = {k for k in real if k[0] in p.profiles}
        evidence = evidence if EVIDENCE_PROFILE in p.profiles else set()
        if real:
            prof_reached += 1
            cell = reached_text(real, reach.differs)[0]
        else:
            cell = unreached(p.template, sources.profile_file, "EngineProfile",
                             f"EngineProfile.{p.field_name}", evidence)
        body.append(f"| `{p.field_name}` | {', '.join(p.profiles)} | {_code(p.text)} | {cell} |")
    body.append("")
    prof_not = dict(not_reached)

    body += ["## netsim's own messages (not Docker error texts; not counted)", "",
             "Script and scenario syntax errors, host/LAN/image declaration checks, the image "
             "catalogue's own validation, internal assertions and the `netsim: … is not "
             "simulated` notes: the sites of " + ", ".join(f"`{c}`" for c in sorted(OWN_CALLEES))
             + ", texts that start `netsim:`, a command handler's `out.err(…, NOT_SIMULATED)`, "
             "and the sites in " + ", ".join(f"`{f.removeprefix('netsim/')}`" if n == "*" else
                                    f"`{f.removeprefix('netsim/')}:{n}`"
                                    for f, names in OWN_SCOPES.items() for n in sorted(names))
             + ".", "", "| file:line | text | seen at |", "|---|---|---|"]
    for s in own:
        real, _ = keys_of([(s.file, s.line)])
        cell = reached_text(real, reach.differs)[0] if real else "—"
        body.append(f"| {s.file}:{s.line} | {_code(s.template)} | {cell} |")
    body.append("")

    def by_category(counts: dict[str, int]) -> str:
        if not counts:
            return "0 not"
        order = [*CATEGORIES, "(no reason given)"]
        parts = ", ".join(f"{counts[c]} {c}" for c in order if counts.get(c))
        return f"{sum(counts.values())} not ({parts})"

    n_values = len(sources.profile_texts)
    n_fields = len({p.field_name for p in sources.profile_texts})
    totals = {
        "sites": len(docker), "reached": reached, "not_reached": sites_not,
        "constants": len(sources.constants), "constants_reached": const_reached,
        "constants_not_reached": const_not,
        "profile_fields": n_fields, "profile_texts": n_values,
        "profile_texts_reached": prof_reached, "profile_texts_not_reached": prof_not,
        "own": len(own),
    }
    totals_line = (
        f"**Totals:** {len(docker)} Docker error sites, {reached} reached, "
        f"{by_category(sites_not)}; {len(sources.constants)} error constants, {const_reached} "
        f"reached through their uses, {by_category(const_not)}; {n_values} texts of "
        f"{n_fields} EngineProfile text fields, {prof_reached} reached, {by_category(prof_not)};"
        f" {len(own)} netsim-only messages (listed last, not counted).")
    engines = ", ".join(ENGINES)
    head = [
        "# Error sites of netsim's docker commands, and the corpus lines that reach them",
        "",
        "Generated by `python conformance/error_sites.py` (`--check` tells whether this file is "
        "current); do not edit by hand: the reasons for unreached sites are in "
        "`conformance/error-sites-reasons.yaml`. Line numbers are those of the sources when it "
        "was generated; the message templates identify each site.",
        "",
        "**Sites** are found with Python's `ast` in " + ", ".join(
            f"`{s.removeprefix('netsim/')}{'/' if not s.endswith('.py') else ''}`"
            for s in SOURCE_ROOTS) + " (not in " + ", ".join(
            f"`{s.removeprefix('netsim/')}`" for s in SOURCE_EXCLUDED)
        + ", nor in the shims left at old paths), one site per source line:",
        "",
        *(f"* **{k}**: {v}" for k, v in KINDS.items()),
        "",
        "A template shows the message as written: literal text, `{expr}` for each placeholder "
        "or other part, `NAME = text` for a module constant; a message without literal text "
        "shows its source line. Error constants are module-level texts named `…ERR…` or used "
        "as a whole message, reached where a line that uses one runs together with a site of "
        "the same function; EngineProfile's text fields are listed with their value per "
        "profile. Texts of netsim's own (not Docker's) are listed last.",
        "",
        f"**Reached by** = the corpus lines (script number:line; the script numbers are those "
        f"of `conformance/corpus/NN-*.sh`) at which netsim *executes* that site when it "
        f"compares the recordings of engines {engines} (`netsim conformance`; measured with a "
        f"line tracer), first {SHOWN} shown, those of 28.5 first; `[26.1]` names the engines "
        f"of a line that 28.5 does not reach there; `≠` marks a line where netsim's output "
        f"differs from that engine's recording (a listed disagreement or an allowed one, see "
        f"conformance/allowed.yaml). A site no recording reaches gives its reason and "
        f"category; where a replay of the {EVIDENCE_FROM} scripts under the "
        f"{EVIDENCE_PROFILE} profile (no lab engine runs 29.x) reaches it, that is said too.",
        "",
        "Categories: " + "; ".join(f"*{k}*: {v}" for k, v in CATEGORIES.items()) + ".",
        "",
        totals_line,
        "",
    ]
    return Listing("\n".join(head + body).rstrip("\n") + "\n", missing,
                   [r for r in reasons if r not in used], unproven, totals,
                   totals_line.replace("**", ""))


# --------------------------------------------------------------------------- main


def build(evidence: bool = True) -> tuple[Listing, float]:
    start = time.perf_counter()
    sources = find_sites()
    reach = trace_recordings(sources, evidence=evidence)
    listing = render(sources, reach, read_reasons())
    return listing, time.perf_counter() - start


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    ap.add_argument("--check", action="store_true",
                    help="regenerate in memory; exit 1 if the committed file differs, a "
                         "reason is missing or a setting points at nothing")
    args = ap.parse_args(argv)
    problems = config_problems()
    for problem in problems:
        print(f"stale setting: {problem}", file=sys.stderr)
    listing, seconds = build()
    print(f"{listing.summary} ({seconds:.1f} s)")
    for m in listing.missing:
        print(f"no reason given: {m}", file=sys.stderr)
    for r in listing.unused:
        print(f"unused reason: {r.template!r}" + (f" in {r.where}" if r.where else ""),
              file=sys.stderr)
    for u in listing.unproven:
        print(f"category profile-29.1, but the 29.1 replay does not reach it: {u}",
              file=sys.stderr)
    shown = os.path.relpath(OUTPUT, ROOT)
    if args.check:
        current = OUTPUT.read_text(encoding="utf-8") if OUTPUT.exists() else ""
        stale = current != listing.text
        if stale:
            diff = difflib.unified_diff(current.splitlines(), listing.text.splitlines(),
                                        shown, "regenerated", lineterm="", n=0)
            print("\n".join(list(diff)[:40]), file=sys.stderr)
            print(f"{shown} is stale: run python conformance/error_sites.py", file=sys.stderr)
        return 1 if stale or listing.missing or problems else 0
    OUTPUT.write_text(listing.text, encoding="utf-8")
    print(f"wrote {shown}")
    return 1 if listing.missing or problems else 0


if __name__ == "__main__":
    sys.exit(main())
