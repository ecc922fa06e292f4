"""The parser of Go's text/template (text/template/parse/parse.go), with Go's error texts."""

from __future__ import annotations

import contextlib
import math
import re
from collections.abc import Mapping
from typing import Any

from netsim.golang.template.errors import ParseError, UnsupportedTemplate
from netsim.golang.template.fmt import go_quote
from netsim.golang.template.lex import (
    ITEM_ASSIGN,
    ITEM_BLOCK,
    ITEM_BOOL,
    ITEM_BREAK,
    ITEM_CHAR,
    ITEM_CHARCONST,
    ITEM_COMPLEX,
    ITEM_CONTINUE,
    ITEM_DECLARE,
    ITEM_DEFINE,
    ITEM_DOT,
    ITEM_ELSE,
    ITEM_END,
    ITEM_EOF,
    ITEM_ERROR,
    ITEM_FIELD,
    ITEM_IDENT,
    ITEM_IF,
    ITEM_LDELIM,
    ITEM_LPAREN,
    ITEM_NIL,
    ITEM_NUMBER,
    ITEM_PIPE,
    ITEM_RANGE,
    ITEM_RAWSTRING,
    ITEM_RDELIM,
    ITEM_RPAREN,
    ITEM_SPACE,
    ITEM_STRING,
    ITEM_TEMPLATE,
    ITEM_TEXT,
    ITEM_VARIABLE,
    ITEM_WITH,
    Item,
    Lexer,
)
from netsim.golang.template.node import (
    ActionNode,
    BoolNode,
    BranchNode,
    BreakNode,
    ChainNode,
    CommandNode,
    ContinueNode,
    DotNode,
    ElseNode,
    EndNode,
    FieldNode,
    IdentifierNode,
    ListNode,
    NilNode,
    Node,
    NumberNode,
    PipeNode,
    StringNode,
    TextNode,
    VariableNode,
)


class _Abort(Exception):
    """Unwinds the parser (Go's panic in ``errorf``)."""


def _go_unquote(text: str) -> str:
    """``strconv.Unquote`` of a Go string literal (interpreted or raw)."""
    if text.startswith("`"):
        if "`" in text[1:-1]:
            raise ValueError("invalid syntax")
        return text[1:-1].replace("\r", "")
    body = text[1:-1]
    out: list[str] = []
    i = 0
    quote = text[0]
    while i < len(body):
        ch = body[i]
        if ch == quote or ch == "\n":
            raise ValueError("invalid syntax")
        if ch != "\\":
            out.append(ch)
            i += 1
            continue
        i += 1
        if i >= len(body):
            raise ValueError("invalid syntax")
        c = body[i]
        simple = {"a": "\a", "b": "\b", "f": "\f", "n": "\n", "r": "\r", "t": "\t", "v": "\v",
                  "\\": "\\"}
        if c in simple:
            out.append(simple[c])
            i += 1
        elif c == quote:
            out.append(c)
            i += 1
        elif c in "xuU":
            n = {"x": 2, "u": 4, "U": 8}[c]
            hexdigits = body[i + 1:i + 1 + n]
            if len(hexdigits) != n or not all(h in "0123456789abcdefABCDEF" for h in hexdigits):
                raise ValueError("invalid syntax")
            v = int(hexdigits, 16)
            if c == "x":
                out.append(chr(v) if v < 0x80 else bytes([v]).decode("latin-1"))
            else:
                if v > 0x10FFFF or 0xD800 <= v <= 0xDFFF:
                    raise ValueError("invalid syntax")
                out.append(chr(v))
            i += 1 + n
        elif c in "01234567":
            octal = body[i:i + 3]
            if len(octal) != 3 or not all(o in "01234567" for o in octal) or int(octal, 8) > 255:
                raise ValueError("invalid syntax")
            out.append(chr(int(octal, 8)))
            i += 3
        else:
            raise ValueError("invalid syntax")
    result = "".join(out)
    if quote == "'" and len(result) != 1:
        raise ValueError("invalid syntax")
    return result


class Parser:
    """parse.go's parser: ``parse()`` gives the tree or raises ParseError."""

    def __init__(self, text: str, funcs: Mapping[str, Any]) -> None:
        self.text = text
        self.funcs = funcs
        self.items = Lexer(text).items
        self.index = 0
        self.token: list[Item] = []  # peeked-back tokens (the last is next)
        self.last: Item | None = None  # the most recently lexed item (Go's token[0])
        self.vars = ["$"]
        self.action_line = 0
        self.range_depth = 0

    # -- tokens
    def _lex(self) -> Item:
        item = self.items[min(self.index, len(self.items) - 1)]
        self.index += 1
        self.last = item
        return item

    def next(self) -> Item:
        if self.token:
            return self.token.pop()
        return self._lex()

    def backup(self, *items: Item) -> None:
        """Push back items (the first given is the next returned)."""
        self.token.extend(reversed(items))

    def peek(self) -> Item:
        item = self.next()
        self.backup(item)
        return item

    def next_non_space(self) -> Item:
        while True:
            item = self.next()
            if item.typ != ITEM_SPACE:
                return item

    def peek_non_space(self) -> Item:
        item = self.next_non_space()
        self.backup(item)
        return item

    # -- errors
    def errorf(self, msg: str) -> None:
        line = self.last.line if self.last is not None else 1
        raise ParseError(f"template: :{line}: {msg}")

    def unexpected(self, item: Item, context: str) -> None:
        if item.typ == ITEM_ERROR:
            extra = ""
            if self.action_line and self.action_line != item.line:
                extra = f" in action started at :{self.action_line}"
                if item.val.endswith(" action"):
                    extra = extra[len(" in action"):]
            self.errorf(f"{item}{extra}")
        self.errorf(f"unexpected {item} in {context}")

    def expect(self, typ: int, context: str) -> Item:
        item = self.next_non_space()
        if item.typ != typ:
            self.unexpected(item, context)
        return item

    # -- grammar
    def parse(self) -> ListNode:
        root = ListNode(self.peek().pos, [])
        while self.peek().typ != ITEM_EOF:
            if self.peek().typ == ITEM_LDELIM:
                delim = self.next()
                keyword = self.next_non_space()
                if keyword.typ == ITEM_DEFINE:
                    raise UnsupportedTemplate("{{define}}")
                self.backup(delim, keyword)
            n = self.text_or_action()
            if isinstance(n, (EndNode, ElseNode)):
                self.errorf(f"unexpected {n}")
            root.nodes.append(n)
        return root

    def item_list(self) -> tuple[ListNode, Node]:
        lst = ListNode(self.peek_non_space().pos, [])
        while self.peek_non_space().typ != ITEM_EOF:
            n = self.text_or_action()
            if isinstance(n, (EndNode, ElseNode)):
                return lst, n
            lst.nodes.append(n)
        self.errorf("unexpected EOF")
        raise AssertionError

    def text_or_action(self) -> Node:
        item = self.next_non_space()
        if item.typ == ITEM_TEXT:
            return TextNode(item.pos, item.val)
        if item.typ == ITEM_LDELIM:
            self.action_line = item.line
            try:
                return self.action()
            finally:
                self.action_line = 0
        self.unexpected(item, "input")
        raise AssertionError

    def action(self) -> Node:
        item = self.next_non_space()
        if item.typ in (ITEM_BLOCK, ITEM_TEMPLATE):
            raise UnsupportedTemplate("{{" + item.val + "}}")
        if item.typ in (ITEM_BREAK, ITEM_CONTINUE):
            nxt = self.next_non_space()
            if nxt.typ != ITEM_RDELIM:
                self.unexpected(nxt, "{{" + item.val + "}}")
            if self.range_depth == 0:
                self.errorf("{{" + item.val + "}} outside {{range}}")
            return BreakNode(item.pos) if item.typ == ITEM_BREAK else ContinueNode(item.pos)
        if item.typ == ITEM_ELSE:
            peek = self.peek_non_space()
            if peek.typ in (ITEM_IF, ITEM_WITH):
                return ElseNode(peek.pos, peek.line)
            tok = self.expect(ITEM_RDELIM, "else")
            return ElseNode(tok.pos, tok.line)
        if item.typ == ITEM_END:
            return EndNode(self.expect(ITEM_RDELIM, "end").pos)
        if item.typ in (ITEM_IF, ITEM_RANGE, ITEM_WITH):
            return self.control(item.val)
        self.backup(item)
        tok = self.peek()
        return ActionNode(tok.pos, tok.line, self.pipeline("command", ITEM_RDELIM))

    def control(self, context: str) -> BranchNode:
        mark = len(self.vars)
        try:
            pipe = self.pipeline(context, ITEM_RDELIM)
            if context == "range":
                self.range_depth += 1
            body, nxt = self.item_list()
            if context == "range":
                self.range_depth -= 1
            else_list: ListNode | None = None
            if isinstance(nxt, ElseNode):
                if context in ("if", "with") and self.peek().typ == (
                        ITEM_IF if context == "if" else ITEM_WITH):
                    self.next()
                    else_list = ListNode(nxt.pos, [self.control(context)])
                else:
                    else_list, end = self.item_list()
                    if not isinstance(end, EndNode):
                        self.errorf(f"expected end; found {end}")
            return BranchNode(pipe.pos, context, pipe.line, pipe, body, else_list)
        finally:
            del self.vars[mark:]

    def pipeline(self, context: str, end: int) -> PipeNode:
        tok = self.peek_non_space()
        pipe = PipeNode(tok.pos, tok.line)
        while True:  # declarations: "$x :=", "$x =", "range $k, $v :="
            v = self.peek_non_space()
            if v.typ != ITEM_VARIABLE:
                break
            self.next()
            after = self.peek()
            nxt = self.peek_non_space()
            if nxt.typ in (ITEM_ASSIGN, ITEM_DECLARE):
                pipe.is_assign = nxt.typ == ITEM_ASSIGN
                self.next_non_space()
                pipe.decl.append(VariableNode(v.pos, [v.val]))
                self.vars.append(v.val)
            elif nxt.typ == ITEM_CHAR and nxt.val == ",":
                self.next_non_space()
                pipe.decl.append(VariableNode(v.pos, [v.val]))
                self.vars.append(v.val)
                if context == "range" and len(pipe.decl) < 2:
                    if self.peek_non_space().typ in (ITEM_VARIABLE, ITEM_RDELIM, ITEM_RPAREN):
                        continue  # the second variable of a range
                    self.errorf("range can only initialize variables")
                self.errorf(f"too many declarations in {context}")
            elif after.typ == ITEM_SPACE:
                self.backup(v, after)  # "$x foo": $x is an argument after all
            else:
                self.backup(v)
            break
        while True:
            tok = self.next_non_space()
            if tok.typ == end:
                self.check_pipeline(pipe, context)
                return pipe
            if tok.typ in (ITEM_BOOL, ITEM_CHARCONST, ITEM_COMPLEX, ITEM_DOT, ITEM_FIELD,
                           ITEM_IDENT, ITEM_NUMBER, ITEM_NIL, ITEM_RAWSTRING, ITEM_STRING,
                           ITEM_VARIABLE, ITEM_LPAREN):
                self.backup(tok)
                pipe.cmds.append(self.command())
            else:
                self.unexpected(tok, context)

    def check_pipeline(self, pipe: PipeNode, context: str) -> None:
        if not pipe.cmds:
            self.errorf(f"missing value for {context}")
        for i, c in enumerate(pipe.cmds[1:]):
            if isinstance(c.args[0], (BoolNode, DotNode, NilNode, NumberNode, StringNode)):
                self.errorf(f"non executable command in pipeline stage {i + 2}")

    def command(self) -> CommandNode:
        cmd = CommandNode(self.peek_non_space().pos, [])
        while True:
            self.peek_non_space()
            operand = self.operand()
            if operand is not None:
                cmd.args.append(operand)
            tok = self.next()
            if tok.typ == ITEM_SPACE:
                continue
            if tok.typ in (ITEM_RDELIM, ITEM_RPAREN):
                self.backup(tok)
            elif tok.typ == ITEM_PIPE:
                pass
            else:
                self.unexpected(tok, "operand")
            break
        if not cmd.args:
            self.errorf("empty command")
        return cmd

    def operand(self) -> Node | None:
        node = self.term()
        if node is None:
            return None
        if self.peek().typ == ITEM_FIELD:
            pos = self.peek().pos
            fields: list[str] = []
            while self.peek().typ == ITEM_FIELD:
                fields.append(self.next().val[1:])
            if isinstance(node, FieldNode):
                return FieldNode(pos, node.ident + fields)
            if isinstance(node, VariableNode):
                return VariableNode(pos, node.ident + fields)
            if isinstance(node, (BoolNode, StringNode, NumberNode, NilNode, DotNode)):
                self.errorf(f"unexpected . after term {go_quote(str(node))}")
            return ChainNode(pos, node, fields)
        return node

    def term(self) -> Node | None:
        tok = self.next_non_space()
        if tok.typ == ITEM_IDENT:
            if tok.val not in self.funcs:
                self.errorf(f"function {go_quote(tok.val)} not defined")
            return IdentifierNode(tok.pos, tok.val)
        if tok.typ == ITEM_DOT:
            return DotNode(tok.pos)
        if tok.typ == ITEM_NIL:
            return NilNode(tok.pos)
        if tok.typ == ITEM_VARIABLE:
            if tok.val not in self.vars:
                self.errorf(f"undefined variable {go_quote(tok.val)}")
            return VariableNode(tok.pos, [tok.val])
        if tok.typ == ITEM_FIELD:
            return FieldNode(tok.pos, [tok.val[1:]])
        if tok.typ == ITEM_BOOL:
            return BoolNode(tok.pos, tok.val == "true")
        if tok.typ in (ITEM_CHARCONST, ITEM_COMPLEX, ITEM_NUMBER):
            return self.number(tok)
        if tok.typ == ITEM_LPAREN:
            return self.pipeline("parenthesized pipeline", ITEM_RPAREN)
        if tok.typ in (ITEM_STRING, ITEM_RAWSTRING):
            try:
                text = _go_unquote(tok.val)
            except ValueError:
                self.errorf("invalid syntax")
            return StringNode(tok.pos, tok.val, text)
        self.backup(tok)
        return None

    def number(self, tok: Item) -> NumberNode:
        text = tok.val
        if tok.typ == ITEM_CHARCONST:
            try:
                ch = _go_unquote(text)
            except ValueError:
                self.errorf(f"malformed character constant: {text}")
            return NumberNode(tok.pos, text, ord(ch), True, True)
        if tok.typ == ITEM_COMPLEX or text.endswith("i"):
            raise UnsupportedTemplate(f"complex constant {text}")
        clean = text.replace("_", "")
        ivalue: int | None = None
        try:
            ivalue = int(clean, 0)
        except ValueError:
            if re.fullmatch(r"[+-]?0[0-7]+", clean):  # Go's octal 017
                ivalue = int(clean, 8)
        fvalue: float | None = None
        with contextlib.suppress(ValueError):
            fvalue = float.fromhex(clean) if "x" in clean.lower() else float(clean)
        if ivalue is not None:
            return NumberNode(tok.pos, text, ivalue, True, True)
        if fvalue is None:
            self.errorf(f"illegal number syntax: {go_quote(text)}")
        assert fvalue is not None
        integral = math.isfinite(fvalue) and fvalue == int(fvalue) and abs(fvalue) < 2**63
        return NumberNode(tok.pos, text, fvalue, integral, True)
