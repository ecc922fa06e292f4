"""A compose file's YAML, read as Docker Compose reads it (Go's ``gopkg.in/yaml.v3`` into
``map[string]any``), with the line of every value kept for netsim's own messages.

What differs from PyYAML's defaults, and why:

* **YAML 1.2 scalars.** yaml.v3 resolves only ``true``/``false`` (and their capitalised forms)
  as booleans, ``null``/``~``/empty as null, numbers as Go's ``ParseInt(s, 0, 64)`` and
  ``ParseFloat`` read them (``0x10``, ``0o17`` and, for compatibility, ``0755`` as octal);
  ``yes``, ``on``, ``off`` and ``2024-01-01`` stay strings (yaml.v3 ``resolve.go``).
  PyYAML's YAML 1.1 resolver would turn ``DEBUG: yes`` into ``True``.
* **Keys are strings.** compose-go ``loader/loader.go`` ``convertToStringKeysRecursive``:
  a non-string key is refused (``non-string key at top level: 42``); a number key reads as
  its text.
* **Anchors, aliases and ``<<`` merge keys** work as in yaml.v3; ``!reset`` and
  ``!override`` (compose-go ``loader/reset.go``) become :class:`~.merge.Reset` and
  :class:`~.merge.Override` markers for the merge of several files.
* **Several documents** in one file are read in order (compose-go loads each one).

>>> doc = load_documents("a: yes\\nb: 0755\\nc: 0x10\\nd: ~\\n", "f.yaml")[0]
>>> doc.value
{'a': 'yes', 'b': 493, 'c': 16, 'd': None}
>>> doc.line_of(("c",))
3
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from netsim.golang.yamlv3 import resolve_plain as _plain
from netsim.io.compose.merge import Override, Reset

__all__ = ["ComposeYamlError", "Document", "load_documents"]


class ComposeYamlError(ValueError):
    """A file Compose cannot parse; ``str()`` is Compose's text (``yaml: line N: …``), and
    ``line`` the 1-based line, when known."""

    def __init__(self, text: str, line: int | None = None) -> None:
        super().__init__(text)
        self.line = line


Path = tuple[str | int, ...]


@dataclass
class Document:
    """One YAML document of a compose file: its value and where each value starts."""

    value: Any
    lines: dict[Path, int] = field(default_factory=dict)

    def line_of(self, path: Path) -> int | None:
        """The 1-based line of the value at ``path`` (keys and list indexes), or of its
        nearest parent that has one."""
        p = tuple(path)
        while p:
            if p in self.lines:
                return self.lines[p]
            p = p[:-1]
        return self.lines.get((), None)


_STR_TAG = "tag:yaml.org,2002:str"
_PLAIN_TAG = "?"  # a plain scalar without a tag: resolved by _plain
#: the core tags a scalar's value is checked against (yaml.v3 resolve.go), by their long form
_TAGS = {f"tag:yaml.org,2002:{t}": f"!!{t}" for t in ("int", "float", "bool", "null")}


def _tag_of(value: Any) -> str:
    """The short tag yaml.v3 resolves a plain scalar's value to."""
    if value is None:
        return "!!null"
    if isinstance(value, bool):
        return "!!bool"
    if isinstance(value, int):
        return "!!int"
    if isinstance(value, float):
        return "!!float"
    return "!!str"


#: how deep netsim follows nested mappings and sequences (yaml.v3 itself stops at 10,000
#: levels, scannerc.go max_flow_level/max_indents: ``exceeded max depth of 10000``; netsim's
#: reader, merge and printers recurse, so a file nested deeper than this is refused as not
#: simulated rather than read halfway)
MAX_DEPTH = 100

#: yaml.v3 decode.go: alias expansion is refused once aliases make up more than this share
#: of the decoded nodes (allowedAliasRatio; past 100 aliases and 1,000 nodes)
_ALIAS_RATIO_LOW, _ALIAS_RATIO_HIGH = 400_000, 4_000_000


def _allowed_alias_ratio(count: int) -> float:
    """yaml.v3 decode.go allowedAliasRatio."""
    if count <= _ALIAS_RATIO_LOW:
        return 0.99
    if count >= _ALIAS_RATIO_HIGH:
        return 0.10
    return 0.99 - 0.89 * (count - _ALIAS_RATIO_LOW) / (_ALIAS_RATIO_HIGH - _ALIAS_RATIO_LOW)


class _Reader:
    """Builds Python values from composed nodes, noting each value's line."""

    def __init__(self, text: str) -> None:
        self.lines: dict[Path, int] = {}
        self._text = text
        self._active: set[int] = set()
        #: the nodes read once already: PyYAML gives an alias the anchored node itself, so a
        #: node met again is an alias being expanded
        self._seen: set[int] = set()
        self._decoded = 0  # yaml.v3 decoder.decodeCount
        self._aliased = 0  # yaml.v3 decoder.aliasCount
        self._alias_depth = 0

    def _count(self, node: Node) -> bool:
        """yaml.v3 decode.go unmarshal's count of decoded nodes (``document contains
        excessive aliasing``); whether ``node`` is an alias being expanded."""
        alias = id(node) in self._seen
        self._seen.add(id(node))
        self._decoded += 1
        if self._alias_depth or alias:
            self._aliased += 1
        if (self._aliased > 100 and self._decoded > 1000
                and self._aliased / self._decoded > _allowed_alias_ratio(self._decoded)):
            raise ComposeYamlError("yaml: document contains excessive aliasing")
        return alias

    def _anchor(self, node: Node) -> str:
        """The anchor name written where ``node`` starts (``&name``), as far as it shows."""
        found = re.match(r"(?:!\S*\s+)?&([^\s,\[\]{}]+)", self._text[node.start_mark.index:])
        return found.group(1) if found else ""

    def value(self, node: Node, path: Path) -> Any:
        self.lines.setdefault(path, node.start_mark.line + 1)
        if len(path) > MAX_DEPTH:
            raise ComposeYamlError(f"netsim: YAML nested more than {MAX_DEPTH} levels deep is "
                                   "not simulated", node.start_mark.line + 1)
        alias = self._count(node)
        self._alias_depth += alias
        try:
            return self._value(node, path)
        finally:
            self._alias_depth -= alias

    def _value(self, node: Node, path: Path) -> Any:
        tag = node.tag
        if tag == "!reset":
            return Reset()
        if tag == "!override":
            node.tag = _default_tag(node)
            return Override(self._value(node, path))
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        if id(node) in self._active:  # an alias inside its own anchor (yaml.v3 decode.go alias)
            raise ComposeYamlError(f"yaml: anchor '{self._anchor(node)}' value contains itself",
                                   node.start_mark.line + 1)
        self._active.add(id(node))
        try:
            if isinstance(node, SequenceNode):
                return [self.value(item, (*path, i)) for i, item in enumerate(node.value)]
            assert isinstance(node, MappingNode)
            return self._mapping(node, path)
        finally:
            self._active.discard(id(node))

    def _scalar(self, node: ScalarNode) -> Any:
        if node.tag == _PLAIN_TAG:
            return _plain(node.value)
        if node.tag == _STR_TAG:
            return node.value
        want = _TAGS.get(node.tag)
        if want is None:
            return node.value  # another explicit tag: its text
        # yaml.v3 resolve.go resolve: an explicit core tag reads the text as a plain scalar
        # would, and refuses a value of another kind (an integer is a float's value too)
        value = _plain(node.value)
        got = _tag_of(value)
        if got == want or (want == "!!float" and got == "!!int"):
            return float(value) if want == "!!float" else value
        raise ComposeYamlError(f"yaml: cannot decode {got} `{node.value}` as a {want}",
                               node.start_mark.line + 1)

    def _mapping(self, node: MappingNode, path: Path) -> dict[str, Any]:
        out: dict[str, Any] = {}
        merged: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge" or (
                    isinstance(key_node, ScalarNode) and key_node.value == "<<"
                    and key_node.tag == _PLAIN_TAG):
                # YAML merge key: the mappings' keys, the first one given winning; the
                # mapping's own keys win over all (yaml.v3 decode.go merge)
                sources = value_node.value if isinstance(value_node, SequenceNode) \
                    else [value_node]
                for src in sources:
                    if not isinstance(src, MappingNode):
                        raise ComposeYamlError(
                            f"yaml: line {src.start_mark.line + 1}: map merge requires map "
                            "or sequence of maps as the value", src.start_mark.line + 1)
                    if id(src) in self._active:  # merging a mapping into itself
                        raise ComposeYamlError(
                            f"yaml: anchor '{self._anchor(src)}' value contains itself",
                            src.start_mark.line + 1)
                    alias = self._count(src)
                    self._alias_depth += alias
                    try:
                        for k, v in self._mapping(src, path).items():
                            merged.setdefault(k, v)
                    finally:
                        self._alias_depth -= alias
                continue
            self._count(key_node)
            key = self._key(key_node, path)
            if key in out:
                line = key_node.start_mark.line + 1
                raise ComposeYamlError(
                    f'yaml: line {line}: mapping key "{key}" already defined at line '
                    f"{self.lines.get((*path, key), line)}", line)
            out[key] = self.value(value_node, (*path, key))
        for k, v in merged.items():
            out.setdefault(k, v)
        return out

    def _key(self, node: Node, path: Path) -> str:
        if not isinstance(node, ScalarNode):
            raise ComposeYamlError(_non_string_key(path, "a mapping or list"),
                                   node.start_mark.line + 1)
        value = self._scalar(node)
        if isinstance(value, str):
            return value
        if isinstance(value, bool) or value is None:
            raise ComposeYamlError(_non_string_key(path, str(value).lower()
                                                   if value is not None else "<nil>"),
                                   node.start_mark.line + 1)
        return str(node.value)  # a number key reads as its text


def _default_tag(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "tag:yaml.org,2002:map"
    if isinstance(node, SequenceNode):
        return "tag:yaml.org,2002:seq"
    return "?"  # a plain scalar: resolved as if untagged


def _non_string_key(path: Path, key: str) -> str:
    where = ".".join(str(p) for p in path) if path else "top level"
    # compose-go loader/loader.go convertToStringKeysRecursive
    return f"non-string key in {where}: {key}" if path else f"non-string key at top level: {key}"


#: libyaml's parser when PyYAML was built with it (yaml.v3 is a port of libyaml, so it gives
#: the same events and errors; it is also ten times faster), else PyYAML's own
_BASE: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Composer(_BASE):  # type: ignore[misc]
    """PyYAML's scanner, parser and composer; implicit scalars are left unresolved (tag
    ``?``: the reader resolves them as yaml.v3 does), explicit tags are kept."""

    def resolve(self, kind: type, value: Any, implicit: tuple[bool, bool]) -> str:
        if kind is ScalarNode:
            return _PLAIN_TAG if implicit[0] else _STR_TAG
        if kind is SequenceNode:
            return "tag:yaml.org,2002:seq"
        return "tag:yaml.org,2002:map"


#: PyYAML's parser problems in libyaml's words (yaml.v3 parserc.go), by the context
_PARSER_PROBLEMS = {
    "while parsing a block mapping": "did not find expected key",
    "while parsing a block collection": "did not find expected '-' indicator",
    "while parsing a flow sequence": "did not find expected ',' or ']'",
    "while parsing a flow mapping": "did not find expected ',' or '}'",
    "while parsing a node": "did not find expected node content",
}
_SCANNER_PROBLEMS = {
    "mapping values are not allowed here": "mapping values are not allowed in this context",
}


def _problem(err: yaml.MarkedYAMLError) -> ComposeYamlError:
    """PyYAML's parse error in yaml.v3's words. yaml.v3 (yaml.go ``parser.fail``) names the
    context mark's line as libyaml counts it, from 0, and a scanner error's one line
    further; with no context, the problem's line; line 0 is not named."""
    scanner = isinstance(err, yaml.scanner.ScannerError)
    problem = (err.problem or "").strip()
    if not scanner and err.context in _PARSER_PROBLEMS:
        problem = _PARSER_PROBLEMS[err.context]
    problem = _SCANNER_PROBLEMS.get(problem, problem)
    mark = err.context_mark if err.context_mark is not None and err.context_mark.line else \
        err.problem_mark
    line = (mark.line if mark is not None else 0) + (1 if scanner else 0)
    where = f"line {line}: " if line else ""
    real = (err.problem_mark.line + 1) if err.problem_mark is not None else None
    return ComposeYamlError(f"yaml: {where}{problem}", real)


def load_documents(text: str, source: str) -> list[Document]:
    """Every document of ``text`` (the file ``source``), or :class:`ComposeYamlError`."""
    try:
        loader = _Composer(text)
    except yaml.reader.ReaderError:
        # yaml.v3 readerc.go: a control character (other than tab and line breaks)
        raise ComposeYamlError("yaml: control characters are not allowed") from None
    docs: list[Document] = []
    try:
        while loader.check_node():
            node = loader.get_node()
            if node is None:
                continue
            reader = _Reader(text)
            docs.append(Document(reader.value(node, ()), reader.lines))
    except yaml.reader.ReaderError:
        raise ComposeYamlError("yaml: control characters are not allowed") from None
    except yaml.composer.ComposerError as err:
        mark = err.problem_mark
        name = re.match(r"\*([^\s,\[\]{}]*)", text[mark.index:]) if mark is not None else None
        if name is not None and "undefined alias" in (err.problem or ""):
            # yaml.v3 decode.go parser.alias
            raise ComposeYamlError(f"yaml: unknown anchor '{name.group(1)}' referenced",
                                   mark.line + 1 if mark is not None else None) from None
        raise _problem(err) from None
    except yaml.MarkedYAMLError as err:
        raise _problem(err) from None
    except RecursionError:  # merge keys chained through hundreds of anchors
        raise ComposeYamlError("netsim: YAML whose merge keys chain this deep is not "
                               "simulated") from None
    except yaml.YAMLError as err:
        raise ComposeYamlError(f"yaml: {err}") from None
    finally:
        loader.dispose()
    return docs

