"""The errors of Go's text/template as netsim raises them (``str()`` is Go's text)."""

from __future__ import annotations

__all__ = ["CallError", "ExecError", "MissingKey", "ParseError", "TemplateError",
           "UnsupportedTemplate"]


class TemplateError(ValueError):
    """A template that Go rejects: the text is Go's error message."""


class ParseError(TemplateError):
    """The template does not parse (``template: :1: …``)."""


class ExecError(TemplateError):
    """Executing the template failed (``template: :1:2: executing "" at <…>: …``)."""


#: the name earlier netsim versions used for an execution error
MissingKey = ExecError


class UnsupportedTemplate(ValueError):
    """The template uses something netsim's implementation does not have."""



class CallError(Exception):
    """A function's error: ``error calling NAME: …``."""
