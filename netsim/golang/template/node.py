"""The parse tree of Go's text/template (text/template/parse/node.go); ``str()`` of a node is
its text as Go prints it in errors."""

from __future__ import annotations

from dataclasses import dataclass, field

from netsim.golang.template.fmt import go_quote


@dataclass
class Node:
    """A parse-tree node at a position of the text (node.go ``Node``)."""

    pos: int

    def __str__(self) -> str:  # pragma: no cover - every node overrides it
        return ""


@dataclass
class TextNode(Node):
    """Plain text between actions (``TextNode``)."""

    text: str

    def __str__(self) -> str:
        return go_quote(self.text)


@dataclass
class FieldNode(Node):
    """A field chain from dot, ``.A.B`` (``FieldNode``)."""

    ident: list[str]

    def __str__(self) -> str:
        return "".join("." + i for i in self.ident)


@dataclass
class VariableNode(Node):
    """A variable with its field chain, ``$x.A`` (``VariableNode``)."""

    ident: list[str]

    def __str__(self) -> str:
        return ".".join(self.ident)


@dataclass
class IdentifierNode(Node):
    """A function name (``IdentifierNode``)."""

    name: str

    def __str__(self) -> str:
        return self.name


@dataclass
class DotNode(Node):
    """The cursor, ``.`` (``DotNode``)."""

    def __str__(self) -> str:
        return "."


@dataclass
class NilNode(Node):
    """The untyped ``nil`` constant (``NilNode``)."""

    def __str__(self) -> str:
        return "nil"


@dataclass
class BoolNode(Node):
    """A boolean constant (``BoolNode``)."""

    value: bool

    def __str__(self) -> str:
        return "true" if self.value else "false"


@dataclass
class NumberNode(Node):
    """A numeric constant, kept as its text with its possible types (``NumberNode``)."""

    text: str
    value: int | float
    is_int: bool
    is_float: bool

    def __str__(self) -> str:
        return self.text


@dataclass
class StringNode(Node):
    """A string constant: the quoted text and its value (``StringNode``)."""

    quoted: str
    text: str

    def __str__(self) -> str:
        return self.quoted


@dataclass
class CommandNode(Node):
    """A command of a pipeline: its arguments (``CommandNode``)."""

    args: list[Node]

    def __str__(self) -> str:
        return " ".join(f"({a})" if isinstance(a, PipeNode) else str(a) for a in self.args)


@dataclass
class PipeNode(Node):
    """A pipeline with its declared variables (``PipeNode``)."""

    line: int
    is_assign: bool = False
    decl: list[VariableNode] = field(default_factory=list)
    cmds: list[CommandNode] = field(default_factory=list)

    def __str__(self) -> str:
        s = ""
        if self.decl:
            s = ", ".join(str(v) for v in self.decl) + (" = " if self.is_assign else " := ")
        return s + " | ".join(str(c) for c in self.cmds)


@dataclass
class ChainNode(Node):
    """Fields after a non-field term, ``(pipe).A.B`` (``ChainNode``)."""

    node: Node
    fields: list[str]

    def __str__(self) -> str:
        s = f"({self.node})" if isinstance(self.node, PipeNode) else str(self.node)
        return s + "".join("." + f for f in self.fields)


@dataclass
class ListNode(Node):
    """A sequence of nodes (``ListNode``)."""

    nodes: list[Node]

    def __str__(self) -> str:
        return "".join(str(n) for n in self.nodes)


@dataclass
class ActionNode(Node):
    """An action, ``{{pipeline}}`` (``ActionNode``)."""

    line: int
    pipe: PipeNode

    def __str__(self) -> str:
        return "{{" + str(self.pipe) + "}}"


@dataclass
class BranchNode(Node):
    """``if``, ``range`` or ``with`` with its body and else list (``BranchNode``)."""

    kind: str  # "if", "range", "with"
    line: int
    pipe: PipeNode
    body: ListNode
    else_list: ListNode | None

    def __str__(self) -> str:
        s = "{{" + self.kind + " " + str(self.pipe) + "}}" + str(self.body)
        if self.else_list is not None:
            s += "{{else}}" + str(self.else_list)
        return s + "{{end}}"


@dataclass
class BreakNode(Node):
    """``{{break}}`` (``BreakNode``)."""

    def __str__(self) -> str:
        return "{{break}}"


@dataclass
class ContinueNode(Node):
    """``{{continue}}`` (``ContinueNode``)."""

    def __str__(self) -> str:
        return "{{continue}}"


@dataclass
class EndNode(Node):
    """``{{end}}``, seen only while parsing (``endNode``)."""

    def __str__(self) -> str:
        return "{{end}}"


@dataclass
class ElseNode(Node):
    """``{{else}}``, seen only while parsing (``elseNode``)."""

    line: int

    def __str__(self) -> str:
        return "{{else}}"
