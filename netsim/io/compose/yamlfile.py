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
_TAGS = {"tag:yaml.org,2002:int": int, "tag:yaml.org,2002:float": float}


class _Reader:
    """Builds Python values from composed nodes, noting each value's line."""

    def __init__(self) -> None:
        self.lines: dict[Path, int] = {}
        self._active: set[int] = set()

    def value(self, node: Node, path: Path) -> Any:
        self.lines.setdefault(path, node.start_mark.line + 1)
        tag = node.tag
        if tag == "!reset":
            return Reset()
        if tag == "!override":
            node.tag = _default_tag(node)
            return Override(self.value(node, path))
        if isinstance(node, ScalarNode):
            return self._scalar(node)
        if id(node) in self._active:  # an alias inside its own anchor
            raise ComposeYamlError("yaml: anchor refers to itself", node.start_mark.line + 1)
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
        if node.tag in _TAGS:
            try:
                return _TAGS[node.tag](node.value)
            except ValueError:
                raise ComposeYamlError(
                    f"yaml: line {node.start_mark.line + 1}: cannot decode !!"
                    f"{node.tag.rsplit(':', 1)[-1]} `{node.value}`",
                    node.start_mark.line + 1) from None
        return node.value  # another explicit tag: its text

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
                    for k, v in self._mapping(src, path).items():
                        merged.setdefault(k, v)
                continue
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
            reader = _Reader()
            docs.append(Document(reader.value(node, ()), reader.lines))
    except yaml.reader.ReaderError:
        raise ComposeYamlError("yaml: control characters are not allowed") from None
    except yaml.MarkedYAMLError as err:
        raise _problem(err) from None
    except yaml.YAMLError as err:
        raise ComposeYamlError(f"yaml: {err}") from None
    finally:
        loader.dispose()
    return docs

