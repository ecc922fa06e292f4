"""The builtin functions of Go's text/template (text/template/funcs.go): ``and or not eq ne lt le
gt ge len index slice print printf println html js urlquery`` (``call`` is not supported)."""

from __future__ import annotations

import html as _html
import urllib.parse
from typing import Any

from netsim.golang.template.errors import CallError, UnsupportedTemplate
from netsim.golang.template.fmt import sprint, sprintf, sprintln, type_name
from netsim.golang.template.values import INVALID, GoFunc, NilOf, truth

__all__ = ["BUILTINS"]


def _kind(v: Any) -> str:
    if v is INVALID or v is None:
        return "invalid"
    if isinstance(v, bool):
        return "bool"
    if isinstance(v, int):
        return "int"
    if isinstance(v, float):
        return "float"
    if isinstance(v, str):
        return "string"
    return "other"


def _eq(arg1: Any, *args: Any) -> bool:
    k1 = _kind(arg1)
    if not args:
        raise CallError("missing argument for comparison")
    for arg in args:
        k2 = _kind(arg)
        if k1 == "other" and k2 == "other":
            if not isinstance(arg1, (dict, list)) and not isinstance(arg, (dict, list)):
                if arg1 == arg:
                    return True
                continue
            raise CallError("non-comparable types "
                             f"{type_name(arg1, False)}: {type_name(arg, False)}")
        if k1 == "invalid" and k2 == "invalid":
            return True
        if k1 == "other" or k2 == "other":
            raise CallError("invalid type for comparison")
        if k1 != k2:
            if k1 == "invalid" or k2 == "invalid":
                if arg1 is arg:
                    return True
                continue
            raise CallError("incompatible types for comparison")
        if arg1 == arg:
            return True
    return False


def _lt(a: Any, b: Any) -> bool:
    ka, kb = _kind(a), _kind(b)
    if ka not in ("int", "float", "string") or kb not in ("int", "float", "string"):
        raise CallError("invalid type for comparison")
    if ka != kb:
        raise CallError("incompatible types for comparison")
    return bool(a < b)


def _index(item: Any, *indexes: Any) -> Any:
    v = item
    if v is INVALID or v is None:
        raise CallError("index of untyped nil")
    for ix in indexes:
        if isinstance(v, NilOf):
            if v.kind == "map":
                v = INVALID
                continue
            if v.kind == "slice":
                raise CallError(f"index out of range: {ix}")
            raise CallError("index of nil pointer")
        if isinstance(v, (list, tuple, str)):
            if ix is INVALID or ix is None:
                raise CallError("cannot index slice/array with nil")
            if not isinstance(ix, int) or isinstance(ix, bool):
                raise CallError(f"cannot index slice/array with type {type_name(ix, False)}")
            if ix < 0 or ix >= len(v):
                raise CallError(f"index out of range: {ix}")
            v = v[ix] if not isinstance(v, str) else ord(v[ix])
        elif isinstance(v, dict):
            if not isinstance(ix, str):
                raise CallError(f"value has type {type_name(ix, False)}; should be string")
            v = v[ix] if ix in v else getattr(v, "zero", None)
        elif v is INVALID:
            raise CallError("index of untyped nil")
        else:
            raise CallError(f"can't index item of type {type_name(v, False)}")
    return v


def _len(item: Any) -> int:
    if item is INVALID or item is None:
        raise CallError("len of nil pointer" if item is not INVALID else "len of untyped nil")
    if isinstance(item, NilOf):
        if item.kind in ("map", "slice"):
            return 0
        raise CallError("len of nil pointer")
    if isinstance(item, (str, list, tuple, dict)):
        return len(item.encode()) if isinstance(item, str) else len(item)
    raise CallError(f"len of type {type_name(item, False)}")


def _slice(item: Any, *indexes: Any) -> Any:
    if not isinstance(item, (str, list, tuple)):
        raise CallError(f"can't slice item of type {type_name(item, False)}")
    if len(indexes) > 3:
        raise CallError(f"too many slice indexes: {len(indexes)}")
    idx = [int(i) for i in indexes]
    n = len(item)
    start = idx[0] if idx else 0
    end = idx[1] if len(idx) > 1 else n
    if start < 0 or end > n or start > end:
        raise CallError(f"index out of range: {end if end > n else start}")
    return item[start:end]



def _js(*args: Any) -> str:
    s = sprint(*args) if not (len(args) == 1 and isinstance(args[0], str)) else args[0]
    repl = {"\\": "\\\\", "'": "\\'", '"': "\\u0022", "<": "\\u003C", ">": "\\u003E",
            "&": "\\u0026", "=": "\\u003D", "\n": "\\n", "\r": "\\r", "\t": "\\t"}
    return "".join(repl.get(ch, ch) for ch in s)


def _html_escape(*args: Any) -> str:
    s = sprint(*args) if not (len(args) == 1 and isinstance(args[0], str)) else args[0]
    return _html.escape(s, quote=True).replace("&#x27;", "&#39;").replace("&quot;", "&#34;")


def _urlquery(*args: Any) -> str:
    s = sprint(*args) if not (len(args) == 1 and isinstance(args[0], str)) else args[0]
    return urllib.parse.quote_plus(s, safe="")


def _not_supported(*_: Any) -> Any:
    raise UnsupportedTemplate("call")


#: text/template's builtins (funcs.go builtins)
BUILTINS: dict[str, GoFunc] = {
    "and": GoFunc(lambda *a: a[-1], ("any", "any"), variadic=True),
    "or": GoFunc(lambda *a: a[-1], ("any", "any"), variadic=True),
    "not": GoFunc(lambda a: not truth(a), ("any",)),
    "call": GoFunc(_not_supported, ("any", "any"), variadic=True),
    "eq": GoFunc(_eq, ("any", "any"), variadic=True),
    "ne": GoFunc(lambda a, b: not _eq(a, b), ("any", "any")),
    "lt": GoFunc(_lt, ("any", "any")),
    "le": GoFunc(lambda a, b: _lt(a, b) or _eq(a, b), ("any", "any")),
    "gt": GoFunc(lambda a, b: not (_lt(a, b) or _eq(a, b)), ("any", "any")),
    "ge": GoFunc(lambda a, b: not _lt(a, b), ("any", "any")),
    "index": GoFunc(_index, ("any", "any"), variadic=True),
    "slice": GoFunc(_slice, ("any", "any"), variadic=True),
    "len": GoFunc(_len, ("any",)),
    "print": GoFunc(sprint, ("any",), variadic=True),
    "printf": GoFunc(sprintf, ("string", "any"), variadic=True),
    "println": GoFunc(sprintln, ("any",), variadic=True),
    "html": GoFunc(_html_escape, ("any",), variadic=True),
    "js": GoFunc(_js, ("any",), variadic=True),
    "urlquery": GoFunc(_urlquery, ("any",), variadic=True),
}
