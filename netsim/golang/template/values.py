"""The Go values a template works on: maps, structs with methods, typed nils, Go's invalid
value, ``json.Number``; the template functions' signatures; and Go's notion of truth."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

__all__ = ["INVALID", "GoFunc", "GoMap", "GoStruct", "JsonNumber", "JsonStruct", "NilOf", "truth"]


class _Invalid:
    """Go's invalid ``reflect.Value`` (a missing map entry): prints ``<no value>``."""

    _instance: _Invalid | None = None

    def __new__(cls) -> _Invalid:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "INVALID"


INVALID: Any = _Invalid()


class GoMap(dict[str, Any]):
    """A Go map (``map[string]…``): a missing key is no error in a typed run; ``index`` gives
    ``zero`` for it (the element type's zero value: ``""`` for ``map[string]string``)."""

    zero: Any = None


class JsonNumber(str):
    """``json.Number``: a number of the raw (``dec.UseNumber()``) decoding, kept as its text."""


@dataclass(frozen=True)
class GoStruct:
    """A Go value with methods (docker/cli's formatter contexts): ``type_name`` as Go prints it
    in errors (``*formatter.ContainerContext``), ``fields`` the methods without arguments (or
    values), ``methods`` those taking arguments (``Label``), ``as_json`` what ``{{json .}}``
    prints. ``is_map``: a map type with methods (a missing key is Go's invalid value)."""

    type_name: str
    fields: Mapping[str, Any]
    methods: Mapping[str, Callable[..., Any]] = field(default_factory=dict)
    #: a Go map type with methods (formatter.SubHeaderContext): a missing key is no error
    is_map: bool = False
    as_json: Any = None


@dataclass(frozen=True)
class GoFunc:
    """A template function: its Go parameter types (for arity and argument checks)."""

    fn: Callable[..., Any]
    params: tuple[str, ...]  # "any", "string", "int", "[]string", "bool"
    variadic: bool = False  # the last parameter is ...T



class NilOf:
    """A typed nil (a JSON ``null`` in a typed run): how Go prints it depends on its type."""

    __slots__ = ("kind",)

    def __init__(self, kind: str) -> None:
        self.kind = kind  # "slice", "map" or "pointer"

    def __repr__(self) -> str:
        return f"nil {self.kind}"



class JsonStruct(dict[str, Any]):
    """A Go struct whose fields differ from its JSON (``as_json``: what ``json`` writes)."""

    as_json: Any = None


def truth(val: Any) -> bool:
    """Go's ``isTrue``: zero values are false, structs always true."""
    if val is INVALID or val is None or isinstance(val, NilOf):
        return False
    if isinstance(val, JsonNumber):
        return len(val) > 0
    if isinstance(val, (bool, int, float)):
        return bool(val)
    if isinstance(val, (str, list, tuple, GoMap)):
        return len(val) > 0
    return True  # structs, GoStruct
