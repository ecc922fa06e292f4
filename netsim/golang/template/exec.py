"""The executor of Go's text/template (text/template/exec.go): walking the parse tree over the
data, with Go's execution errors."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from netsim.golang.template.errors import CallError, ExecError
from netsim.golang.template.fmt import fmt_v, go_quote, type_name
from netsim.golang.template.node import (
    ActionNode,
    BoolNode,
    BranchNode,
    BreakNode,
    ChainNode,
    CommandNode,
    ContinueNode,
    DotNode,
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
from netsim.golang.template.values import INVALID, GoFunc, GoMap, GoStruct, JsonNumber, NilOf, truth

if TYPE_CHECKING:
    from netsim.golang.template.template import Template

__all__ = ["BreakSignal", "ContinueSignal", "ExecState"]


class BreakSignal(Exception):
    """Unwinds to the enclosing ``range`` at ``{{break}}``."""


class ContinueSignal(Exception):
    """Unwinds to the enclosing ``range`` at ``{{continue}}``."""


_MISSING: Any = object()  # no final value from a previous pipeline stage


class ExecState:
    """exec.go's state: the template, the variables, the node being run and the output."""

    def __init__(self, tmpl: Template, raw: bool, missingkey_error: bool) -> None:
        self.tmpl = tmpl
        self.raw = raw
        self.missingkey_error = missingkey_error
        self.vars: list[tuple[str, Any]] = []
        self.node: Node | None = None
        self.out: list[str] = []

    # -- errors
    def errorf(self, msg: str) -> None:
        text = self.tmpl.text
        if self.node is None:
            raise ExecError(f'template: : executing "" at <>: {msg}')
        pos = len(text[:self.node.pos].encode())
        before = text[:self.node.pos]
        line = 1 + before.count("\n")
        nl = before.rfind("\n")
        col = pos if nl < 0 else len(before[nl + 1:].encode())
        raise ExecError(f'template: :{line}:{col}: executing "" at <{self.node}>: {msg}')

    # -- variables
    def push(self, name: str, value: Any) -> None:
        self.vars.append((name, value))

    def set_var(self, name: str, value: Any) -> None:
        for i in range(len(self.vars) - 1, -1, -1):
            if self.vars[i][0] == name:
                self.vars[i] = (name, value)
                return
        self.errorf(f"undefined variable: {name}")

    def set_top_var(self, n: int, value: Any) -> None:
        self.vars[len(self.vars) - n] = (self.vars[len(self.vars) - n][0], value)

    def var_value(self, name: str) -> Any:
        for vname, value in reversed(self.vars):
            if vname == name:
                return value
        self.errorf(f"undefined variable: {name}")

    # -- walking
    def walk(self, dot: Any, node: Node) -> None:
        self.node = node
        if isinstance(node, ActionNode):
            val = self.eval_pipeline(dot, node.pipe)
            if not node.pipe.decl:
                self.print_value(node, val)
        elif isinstance(node, TextNode):
            self.out.append(node.text)
        elif isinstance(node, ListNode):
            for n in node.nodes:
                self.walk(dot, n)
        elif isinstance(node, BranchNode):
            if node.kind == "range":
                self.walk_range(dot, node)
            else:
                self.walk_if_or_with(dot, node)
        elif isinstance(node, BreakNode):
            raise BreakSignal()
        elif isinstance(node, ContinueNode):
            raise ContinueSignal()
        else:  # pragma: no cover
            self.errorf(f"unknown node: {node}")

    def walk_if_or_with(self, dot: Any, node: BranchNode) -> None:
        mark = len(self.vars)
        try:
            val = self.eval_pipeline(dot, node.pipe)
            if truth(val):
                self.walk(val if node.kind == "with" else dot, node.body)
            elif node.else_list is not None:
                self.walk(dot, node.else_list)
        finally:
            del self.vars[mark:]

    def walk_range(self, dot: Any, r: BranchNode) -> None:
        self.node = r
        outer = len(self.vars)
        try:
            val = self.eval_pipeline(dot, r.pipe)
            mark = len(self.vars)
            if isinstance(val, dict) and not isinstance(val, GoMap) and not self.raw:
                self.errorf(f"range can't iterate over {fmt_v(val)}")  # a struct
                items: list[tuple[Any, Any]] = []
            elif isinstance(val, dict):
                items = sorted(val.items())
            elif isinstance(val, (list, tuple)):
                items = list(enumerate(val))
            elif isinstance(val, int) and not isinstance(val, bool) and not self.raw:
                if len(r.pipe.decl) > 1:
                    self.errorf(f"can't use {val} to iterate over more than one variable")
                items = [(i, i) for i in range(val)]
            elif val is INVALID or val is None or isinstance(val, NilOf):
                items = []
            else:
                self.errorf(f"range can't iterate over {fmt_v(val)}")
                items = []
            for index, elem in items:
                decl = r.pipe.decl
                if decl:
                    if r.pipe.is_assign:
                        self.set_var(decl[0].ident[0], index if len(decl) > 1 else elem)
                    else:
                        self.set_top_var(1, elem)
                if len(decl) > 1:
                    if r.pipe.is_assign:
                        self.set_var(decl[1].ident[0], elem)
                    else:
                        self.set_top_var(2, index)
                try:
                    self.walk(elem, r.body)
                except ContinueSignal:
                    pass
                finally:
                    del self.vars[mark:]
            if not items and r.else_list is not None:
                self.walk(dot, r.else_list)
        except BreakSignal:
            pass
        finally:
            del self.vars[outer:]

    def print_value(self, node: Node, val: Any) -> None:
        self.node = node
        if isinstance(val, GoFunc):
            self.errorf(f"can't print {node} of type func")
        if val is None and self.raw:  # a nil interface: evalPipeline digs it out, invalid
            val = INVALID
        self.out.append(fmt_v(val))

    # -- evaluation
    def eval_pipeline(self, dot: Any, pipe: PipeNode) -> Any:
        self.node = pipe
        value = _MISSING
        for cmd in pipe.cmds:
            value = self.eval_command(dot, cmd, value)
        for var in pipe.decl:
            if pipe.is_assign:
                self.set_var(var.ident[0], value)
            else:
                self.push(var.ident[0], value)
        return value

    def not_a_function(self, args: list[Node], final: Any) -> None:
        if len(args) > 1 or final is not _MISSING:
            self.errorf(f"can't give argument to non-function {args[0]}")

    def eval_command(self, dot: Any, cmd: CommandNode, final: Any) -> Any:
        first = cmd.args[0]
        if isinstance(first, FieldNode):
            return self.eval_field_node(dot, first, cmd.args, final)
        if isinstance(first, ChainNode):
            return self.eval_chain_node(dot, first, cmd.args, final)
        if isinstance(first, IdentifierNode):
            return self.eval_function(dot, first, cmd, cmd.args, final)
        if isinstance(first, PipeNode):
            self.not_a_function(cmd.args, final)
            return self.eval_pipeline(dot, first)
        if isinstance(first, VariableNode):
            return self.eval_variable_node(dot, first, cmd.args, final)
        self.node = first
        self.not_a_function(cmd.args, final)
        if isinstance(first, BoolNode):
            return first.value
        if isinstance(first, DotNode):
            return dot
        if isinstance(first, NilNode):
            self.errorf("nil is not a command")
        if isinstance(first, NumberNode):
            return self.ideal_constant(first)
        if isinstance(first, StringNode):
            return first.text
        self.errorf(f"can't evaluate command {go_quote(str(first))}")
        raise AssertionError

    def ideal_constant(self, n: NumberNode) -> Any:
        self.node = n
        hex_int = n.text.lower().lstrip("+-").startswith("0x") and "p" not in n.text.lower()
        if (isinstance(n.value, float) and not hex_int and not n.text.startswith("'")
                and re.search(r"[.eEpP]", n.text)):
            return float(n.value)
        if n.is_int:
            return int(n.value)
        return float(n.value)

    def eval_field_node(self, dot: Any, f: FieldNode, args: list[Node], final: Any) -> Any:
        self.node = f
        return self.eval_field_chain(dot, dot, f, f.ident, args, final)

    def eval_chain_node(self, dot: Any, chain: ChainNode, args: list[Node], final: Any) -> Any:
        self.node = chain
        if isinstance(chain.node, NilNode):
            self.errorf(f"indirection through explicit nil in {chain}")
        pipe = self.eval_arg(dot, "any", chain.node)
        return self.eval_field_chain(dot, pipe, chain, chain.fields, args, final)

    def eval_variable_node(self, dot: Any, v: VariableNode, args: list[Node], final: Any) -> Any:
        self.node = v
        value = self.var_value(v.ident[0])
        if len(v.ident) == 1:
            self.not_a_function(args, final)
            return value
        return self.eval_field_chain(dot, value, v, v.ident[1:], args, final)

    def eval_field_chain(self, dot: Any, receiver: Any, node: Node, ident: list[str],
                         args: list[Node], final: Any) -> Any:
        for i, name in enumerate(ident[:-1]):
            receiver = self.eval_field(dot, name, node, [], _MISSING, receiver, i == 0)
        return self.eval_field(dot, ident[-1], node, args, final, receiver, len(ident) == 1)

    def eval_field(self, dot: Any, name: str, node: Node, args: list[Node], final: Any,
                   receiver: Any, first: bool) -> Any:
        if receiver is INVALID:
            if self.missingkey_error:
                self.errorf(f"nil data; no entry for key {go_quote(name)}")
            return INVALID
        typ = ("map[string]interface {}" if self.raw and first and receiver is self.root
               else type_name(receiver, self.raw))
        has_args = len(args) > 1 or final is not _MISSING
        if isinstance(receiver, GoStruct):
            if name in receiver.methods:
                fn = receiver.methods[name]
                return self.eval_call(dot, GoFunc(fn, ("string",)), name, args, final,
                                      is_method=True)
            if receiver.is_map:
                if has_args:
                    self.errorf(f"{name} is not a method but has arguments")
                if name in receiver.fields:
                    return receiver.fields[name]
                if self.missingkey_error:
                    self.errorf(f"map has no entry for key {go_quote(name)}")
                return INVALID
            if name in receiver.fields:  # a method without parameters
                if has_args:
                    got = len(args) - 1 + (0 if final is _MISSING else 1)
                    self.errorf(f"wrong number of args for {name}: want 0 got {got}")
                return receiver.fields[name]
            self.errorf(f"can't evaluate field {name} in type {typ}")
        if receiver is None or isinstance(receiver, NilOf):
            kind = receiver.kind if isinstance(receiver, NilOf) else "interface"
            if kind == "map":
                if has_args:
                    self.errorf(f"{name} is not a method but has arguments")
                if self.missingkey_error:
                    self.errorf(f"map has no entry for key {go_quote(name)}")
                return INVALID
            self.errorf(f"nil pointer evaluating {typ}.{name}")
        if isinstance(receiver, GoMap) or (self.raw and isinstance(receiver, dict)):
            if has_args:
                self.errorf(f"{name} is not a method but has arguments")
            if name in receiver:
                return receiver[name]
            if self.missingkey_error:
                self.errorf(f"map has no entry for key {go_quote(name)}")
            return INVALID
        if isinstance(receiver, dict):  # a struct in a typed run
            if name in receiver:
                if has_args:
                    self.errorf(f"{name} has arguments but cannot be invoked as function")
                return receiver[name]
            # not a field netsim knows (or omitted by omitempty): the typed run fails and
            # docker retries on the raw JSON
            self.errorf(f"can't evaluate field {name} in type struct")
        self.errorf(f"can't evaluate field {name} in type {typ}")
        raise AssertionError

    root: Any = None

    def eval_function(self, dot: Any, node: IdentifierNode, cmd: Node, args: list[Node],
                      final: Any) -> Any:
        """A function call; its error names the whole command (``<index .Env 9>``)."""
        self.node = node
        fn = self.tmpl.funcs.get(node.name)
        if fn is None:
            self.errorf(f"{go_quote(node.name)} is not a defined function")
        assert fn is not None
        return self.eval_call(dot, fn, node.name, args, final, node=cmd)

    def eval_call(self, dot: Any, fn: GoFunc, name: str, args: list[Node], final: Any,
                  *, is_method: bool = False, node: Node | None = None) -> Any:
        call_args = args[1:]
        num_in = len(call_args) + (0 if final is _MISSING else 1)
        params = fn.params
        if fn.variadic:
            num_fixed = len(params) - 1
            if num_in < num_fixed:
                self.errorf(f"wrong number of args for {name}: want at least {num_fixed} got "
                            f"{len(call_args)}")
        else:
            num_fixed = len(call_args)
            if num_in != len(params):
                self.errorf(f"wrong number of args for {name}: want {len(params)} got {num_in}")
        if name in ("and", "or") and not is_method:
            v: Any = INVALID
            for a in call_args:
                v = self.eval_arg(dot, "any", a)
                if truth(v) == (name == "or"):
                    return v
            if final is not _MISSING:
                v = final
            return v
        argv: list[Any] = []
        i = 0
        while i < num_fixed and i < len(call_args):
            argv.append(self.eval_arg(dot, params[i], call_args[i]))
            i += 1
        if fn.variadic:
            while i < len(call_args):
                argv.append(self.eval_arg(dot, params[-1], call_args[i]))
                i += 1
        if final is not _MISSING:
            t = params[-1] if not fn.variadic or num_in - 1 >= num_fixed else params[num_in - 1]
            argv.append(self.validate_type(final, t))
        try:
            result = fn.fn(*argv)
        except CallError as err:
            if node is not None:
                self.node = node
            self.errorf(f"error calling {name}: {err}")
            raise AssertionError from None
        return result

    def validate_type(self, value: Any, typ: str) -> Any:
        if value is INVALID:
            if typ == "any":
                return None
            self.errorf(f"invalid value; expected {typ}")
        if typ == "any":
            return value
        want = {"string": str, "int": int, "bool": bool, "[]string": list}[typ]
        ok = isinstance(value, want) and not (want is int and isinstance(value, bool))
        if want is str and isinstance(value, JsonNumber):
            ok = False
        if not ok:
            self.errorf(f"wrong type for value; expected {typ}; got {self._go_type(value)}")
        return value

    def _go_type(self, value: Any) -> str:
        if isinstance(value, JsonNumber):
            return "json.Number"
        if value is None:
            return "interface {}"
        if isinstance(value, NilOf):
            return {"map": "map[string]string", "slice": "[]string"}.get(value.kind, "*struct")
        return type_name(value, False)

    def eval_arg(self, dot: Any, typ: str, n: Node) -> Any:
        self.node = n
        if isinstance(n, DotNode):
            return self.validate_type(dot, typ)
        if isinstance(n, NilNode):
            if typ in ("any", "[]string"):
                return None
            self.errorf(f"cannot assign nil to {typ}")
        if isinstance(n, FieldNode):
            return self.validate_type(self.eval_field_node(dot, n, [n], _MISSING), typ)
        if isinstance(n, VariableNode):
            return self.validate_type(self.eval_variable_node(dot, n, [], _MISSING), typ)
        if isinstance(n, PipeNode):
            return self.validate_type(self.eval_pipeline(dot, n), typ)
        if isinstance(n, IdentifierNode):
            return self.validate_type(self.eval_function(dot, n, n, [n], _MISSING), typ)
        if isinstance(n, ChainNode):
            return self.validate_type(self.eval_chain_node(dot, n, [], _MISSING), typ)
        if typ == "any":
            if isinstance(n, BoolNode):
                return n.value
            if isinstance(n, NumberNode):
                return self.ideal_constant(n)
            if isinstance(n, StringNode):
                return n.text
        if typ == "string" and isinstance(n, StringNode):
            return n.text
        if typ == "bool" and isinstance(n, BoolNode):
            return n.value
        if typ == "int" and isinstance(n, NumberNode):
            if n.is_int:
                return int(n.value)
            self.errorf(f"expected integer; found {n}")
        if typ == "string":
            self.errorf(f"expected string; found {n}")
        if typ == "bool":
            self.errorf(f"expected bool; found {n}")
        if typ == "int":
            self.errorf(f"expected integer; found {n}")
        self.errorf(f"can't handle {n} for arg of type {typ}")
        raise AssertionError
