"""A parsed template and its execution (text/template/template.go, exec.go ``Execute``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from netsim.golang.template.errors import ExecError, ParseError
from netsim.golang.template.exec import BreakSignal, ContinueSignal, ExecState
from netsim.golang.template.funcs import BUILTINS
from netsim.golang.template.node import ListNode
from netsim.golang.template.parse import Parser
from netsim.golang.template.values import GoFunc

__all__ = ["Template", "parse"]


@dataclass
class Template:
    """A parsed template."""

    text: str
    root: ListNode
    funcs: Mapping[str, GoFunc]

    def execute(self, data: Any, *, raw: bool = False, missingkey_error: bool = False,
                funcs: Mapping[str, GoFunc] | None = None, partial: bool = False) -> str:
        """Run the template on ``data``; ExecError with Go's text when it fails (with
        ``partial``: what was written before the error, as Go leaves it in the writer)."""
        tmpl = self if funcs is None else Template(self.text, self.root, funcs)
        state = ExecState(tmpl, raw, missingkey_error)
        state.root = data
        state.push("$", data)
        try:
            state.walk(data, self.root)
        except (BreakSignal, ContinueSignal):  # pragma: no cover - the parser forbids them outside
            pass
        except ExecError:
            if not partial:
                raise
        return "".join(state.out)


def parse(text: str, funcs: Mapping[str, GoFunc] = BUILTINS) -> Template:
    """Parse with these functions (text/template's ``New("").Funcs(funcs).Parse(text)``);
    ParseError with Go's text when it fails.  Docker's own parse, with its functions, is
    :func:`netsim.dockercli.templates.parse`."""
    p = Parser(text, funcs)
    try:
        root = p.parse()
    except ParseError:
        raise
    return Template(text, root, funcs)
