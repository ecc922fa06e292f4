"""Go's ``text/template``, as the docker CLI runs it for ``--format`` and ``inspect -f``.

A re-implementation (no code copied) of Go 1.24/1.25's ``text/template`` and
``text/template/parse``: the lexer (``lex``), the parse tree (``node``), the parser (``parse``),
the executor (``exec``), the builtin functions (``funcs``), Go's printing of values (``fmt``)
and the values themselves (``values``), to the extent docker users write templates: fields and
map keys, variables (``$x := …``, ``range $k, $v := …``), pipelines, parenthesised pipelines
and chains (``(index .M "k").Field``), ``if``/``else if``/``with``/``range``/``else``/
``break``/``continue``, comments and trim markers (``{{- … -}}``), string/raw-string/char/
number/bool/nil literals and the builtins ``and or not eq ne lt le gt ge len index slice print
printf println html js urlquery``. ``define``/``template``/``block`` and ``call`` raise
:class:`UnsupportedTemplate`.

Errors are Go's own texts: a parse error is ``template: :1: unclosed action`` (:class:`ParseError`),
an execution error ``template: :1:2: executing "" at <.Nope>: map has no entry for key "Nope"``
(:class:`ExecError`; the context is the whole node: Go ≥ 1.20 no longer cuts it at 20 bytes).

Values: decoded JSON (``dict``/``list``/``str``/``int``/``float``/``bool``/``None``), where a
:class:`GoMap` is a Go map and a plain ``dict`` a Go struct, and :class:`GoStruct` for a Go type
with methods.  Docker's template functions (``json``, ``join``, ``upper``…) and ``docker
inspect``'s typed-then-raw run are in :mod:`netsim.dockercli.templates`::

    >>> parse('{{range $i, $v := .}}{{if $i}}, {{end}}{{$v}}{{end}}').execute(["a", "b"])
    'a, b'
    >>> parse('{{printf "%q" .}}').execute("a")
    '"a"'
    >>> parse('{{.Name')
    Traceback (most recent call last):
        ...
    netsim.golang.template.errors.ParseError: template: :1: unclosed action
"""

from netsim.golang.template.errors import (
    CallError,
    ExecError,
    MissingKey,
    ParseError,
    TemplateError,
    UnsupportedTemplate,
)
from netsim.golang.template.fmt import go_json, go_quote
from netsim.golang.template.funcs import BUILTINS
from netsim.golang.template.template import Template, parse
from netsim.golang.template.values import (
    INVALID,
    GoFunc,
    GoMap,
    GoStruct,
    JsonNumber,
    JsonStruct,
    NilOf,
)

__all__ = [
    "BUILTINS",
    "INVALID",
    "CallError",
    "ExecError",
    "GoFunc",
    "GoMap",
    "GoStruct",
    "JsonNumber",
    "JsonStruct",
    "MissingKey",
    "NilOf",
    "ParseError",
    "Template",
    "TemplateError",
    "UnsupportedTemplate",
    "go_json",
    "go_quote",
    "parse",
]
