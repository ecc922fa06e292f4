"""Forks of the engine's mutable world, copied on write: try commands without touching the
original (``netsim whatif``, :meth:`netsim.lab.Lab.fork`).

A fork must behave exactly as a deep copy would, yet cost far less than one: at 10,000
containers the engine holds some 100,000 mutable objects (a kernel namespace and its counters per
sandbox, an address pool per network, the port allocator's sets …), and ``copy.deepcopy`` takes
5 s over them. :func:`fork` copies what a deep copy would, with three savings:

* **values are shared, not copied**: str, numbers, addresses, enums, functions and classes,
  frozen pydantic models (the :class:`~netsim.state.State` objects: a ``ContainerState`` is
  replaced, never changed) and frozen dataclasses (netsim makes them as values: a ``Step``, an
  ``Outcome``); a tuple is copied only when something in it is;
* **a dict or list that holds only values is copied at C speed** (``dict(d)``: the 10,000
  ``ContainerState`` of a host in 0.1 ms);
* **a large dict of mutable objects is copied lazily** (:class:`CowDict`): the dict itself at
  once, each value on first access (``d[k]``, ``get``, ``setdefault``, ``pop``, ``values()``,
  ``items()`` …), so that a ``docker network connect`` copies the two namespaces and the one
  address pool it touches, not 10,000 of them.

One memo (original ``id`` → copy) spans the whole fork, lazy parts included, so an object
reached twice (two networks' pools sharing one bitmap, a bound method of the forked object) is
copied once, as ``copy.deepcopy`` would. A bound method whose object is in the fork is bound to
the copy.

Because the untouched parts are read from the original when first touched, the original must not
change while its fork is in use (``Lab.whatif`` forks, tries its changes and drops the fork
before returning).
"""

from __future__ import annotations

import copy
import dataclasses
import enum
import ipaddress
import random
import re
import types
from collections.abc import Callable, Collection, Iterator
from itertools import chain
from typing import Any, TypeVar, cast

from pydantic import BaseModel

__all__ = ["CowDict", "fork"]

_T = TypeVar("_T")

#: how a value of a type is forked (cached per type: :func:`_kind`)
_VALUE, _TUPLE, _DICT, _LIST, _SET, _OBJECT, _METHOD, _MAPPING = range(8)

#: collections at least this large, holding mutable objects, are copied lazily (CowDict)
LAZY_AT = 64

_ATOMS: tuple[type, ...] = (
    str, bytes, int, float, complex, bool, type(None), range, frozenset, enum.Enum,
    ipaddress.IPv4Address, ipaddress.IPv6Address, ipaddress.IPv4Network,
    ipaddress.IPv6Network, ipaddress.IPv4Interface, ipaddress.IPv6Interface, type,
    types.FunctionType, types.BuiltinFunctionType, types.ModuleType, re.Pattern,
    type(Ellipsis), type(NotImplemented),
)

_KINDS: dict[type, int] = {}


def _classify(t: type) -> int:
    if issubclass(t, _ATOMS):
        return _VALUE
    if issubclass(t, BaseModel):
        return _VALUE if t.model_config.get("frozen") else _OBJECT
    if t is tuple:
        return _TUPLE
    if t is dict or t is CowDict:
        return _DICT
    if t is list:
        return _LIST
    if t is set:
        return _SET
    if t is types.MethodType:
        return _METHOD
    if dataclasses.is_dataclass(t) and t.__dataclass_params__.frozen:  # type: ignore[attr-defined]
        return _VALUE
    if issubclass(t, dict):  # defaultdict, OrderedDict, Counter …
        return _MAPPING
    return _OBJECT


def _kind(t: type) -> int:
    k = _KINDS.get(t)
    if k is None:
        k = _KINDS[t] = _classify(t)
    return k


def _all_values(items: Collection[object]) -> bool:
    """Whether every item is a value (one look per distinct type, at C speed; a tuple is
    one when its items are)."""
    for t in set(map(type, items)):
        k = _KINDS.get(t)
        if (k if k is not None else _kind(t)) == _VALUE:
            continue
        if t is not tuple:
            return False
        inner = [x for x in items if type(x) is tuple]
        if not _all_values(list(chain.from_iterable(inner))):
            return False
    return True


class _Memo:
    """The fork's memo: original ``id`` -> copy, and the originals, kept alive so that no id
    is reused while the fork lives."""

    __slots__ = ("copies", "keep")

    def __init__(self) -> None:
        self.copies: dict[int, Any] = {}
        self.keep: list[Any] = []

    def put(self, original: object, twin: object) -> None:
        self.copies[id(original)] = twin
        self.keep.append(original)


def fork(obj: _T) -> _T:
    """A copy of ``obj`` that behaves as ``copy.deepcopy(obj)`` would, copied on write (see the
    module's docstring): changing the copy never changes ``obj``.

    >>> world = {"pools": [{"free": {1, 2}}], "names": ("a", "b")}
    >>> twin = fork(world)
    >>> twin["pools"][0]["free"].discard(1)
    >>> world["pools"][0]["free"], twin["names"] is world["names"]
    ({1, 2}, True)
    """
    return cast(_T, _fork(obj, _Memo()))


def _fork(obj: Any, memo: _Memo) -> Any:
    t = type(obj)
    k = _KINDS.get(t)
    if k is None:
        k = _kind(t)
    if k == _VALUE:
        return obj
    found = memo.copies.get(id(obj))
    if found is not None:
        return found
    if k == _TUPLE:
        items = [_fork(x, memo) for x in obj]
        if all(a is b for a, b in zip(items, obj, strict=True)):
            return obj
        twin_tuple = tuple(items)
        memo.put(obj, twin_tuple)
        return twin_tuple
    if k == _DICT:
        return _fork_dict(obj, memo)
    if k == _LIST:
        new_list: list[Any] = list(obj)
        memo.put(obj, new_list)
        if not _all_values(new_list):
            new_list[:] = [_fork(x, memo) for x in new_list]
        return new_list
    if k == _SET:  # (its elements are hashable: values)
        new_set = set(obj)
        memo.put(obj, new_set)
        return new_set
    if k == _METHOD:
        owner = obj.__self__
        twin_owner = _fork(owner, memo)
        if twin_owner is owner:
            return obj
        return types.MethodType(obj.__func__, twin_owner)
    if k == _MAPPING:
        new_map = copy.copy(obj)
        memo.put(obj, new_map)
        for key in list(new_map):
            new_map[key] = _fork(new_map[key], memo)
        return new_map
    return _fork_object(obj, memo)


def _fork_dict(d: dict[Any, Any], memo: _Memo) -> dict[Any, Any]:
    if isinstance(d, CowDict):
        d.own_all()  # a fork of a fork: its values are its own from here on
    if _all_values(dict.values(d)):
        plain = dict.copy(d)
        memo.put(d, plain)
        return plain
    if len(d) >= LAZY_AT:
        lazy = CowDict(d, memo)
        memo.put(d, lazy)
        return lazy
    new: dict[Any, Any] = {}
    memo.put(d, new)
    for key, value in dict.items(d):
        new[key] = _fork(value, memo)
    return new


def _fork_object(obj: Any, memo: _Memo) -> Any:
    """An instance of a class: a shallow copy, then each attribute forked."""
    t = type(obj)
    plain, slots = _layout(t)
    if plain:  # no copy protocol of its own: a new instance, its attributes set directly
        twin = object.__new__(t)
    elif isinstance(obj, random.Random):  # its generator's state is not in its __dict__
        twin = random.Random.__new__(t)
        random.Random.setstate(twin, obj.getstate())
    else:
        twin = copy.copy(obj)
    memo.put(obj, twin)
    state = getattr(obj, "__dict__", None)
    if state is not None:
        fresh = twin.__dict__
        for name, value in state.items():
            fresh[name] = _fork(value, memo)
    for name in slots:
        try:
            value = getattr(obj, name)
        except AttributeError:
            continue
        object.__setattr__(twin, name, _fork(value, memo))
    return twin


_LAYOUTS: dict[type, tuple[bool, tuple[str, ...]]] = {}


def _layout(t: type) -> tuple[bool, tuple[str, ...]]:
    """Whether instances of ``t`` copy as their attributes alone (no ``__copy__``,
    ``__reduce__``, ``__getstate__`` or ``__new__`` of its own, nothing but attributes in C),
    and the names of its slots."""
    found = _LAYOUTS.get(t)
    if found is None:
        names: list[str] = []
        for klass in t.__mro__:
            declared = klass.__dict__.get("__slots__", ())
            names += [declared] if isinstance(declared, str) else list(declared)
        slots = tuple(n for n in dict.fromkeys(names) if n not in ("__dict__", "__weakref__"))
        custom = any(name in klass.__dict__ for klass in t.__mro__[:-1]
                     for name in ("__copy__", "__reduce__", "__reduce_ex__", "__getstate__",
                                  "__setstate__", "__new__", "__deepcopy__"))
        plain = not custom and getattr(t, "__new__", None) is object.__new__ and all(
            k.__flags__ & _HEAPTYPE for k in t.__mro__[:-1])
        found = _LAYOUTS[t] = (plain, slots)
    return found


#: Py_TPFLAGS_HEAPTYPE: a class made by a class statement (not a C type with hidden state)
_HEAPTYPE = 1 << 9


class CowDict(dict[Any, Any]):
    """A dict whose values are forked from an original's on first access (see :func:`fork`).

    Every way of reading a value goes through :meth:`__getitem__` (``get``, ``setdefault``,
    ``pop``, ``values``, ``items``, iteration by ``dict(d)`` / ``{**d}``, ``copy`` …), so no
    caller ever holds an original's object; keys are values and are shared.
    """

    __slots__ = ("_memo", "_owned")

    def __init__(self, original: dict[Any, Any], memo: _Memo) -> None:
        super().__init__()
        dict.update(self, original)
        self._memo = memo
        #: the keys whose value is this dict's own (forked, or set here)
        self._owned: set[Any] = set()

    def _own(self, key: Any, value: Any) -> Any:
        self._owned.add(key)
        forked = _fork(value, self._memo)
        dict.__setitem__(self, key, forked)
        return forked

    def own_all(self) -> None:
        """Fork every value not forked yet."""
        owned = self._owned
        for key in [k for k in dict.keys(self) if k not in owned]:
            self._own(key, dict.__getitem__(self, key))

    def __getitem__(self, key: Any) -> Any:
        value = dict.__getitem__(self, key)
        if key not in self._owned:
            value = self._own(key, value)
        return value

    def get(self, key: Any, default: Any = None) -> Any:
        return self[key] if dict.__contains__(self, key) else default

    def setdefault(self, key: Any, default: Any = None) -> Any:
        if dict.__contains__(self, key):
            return self[key]
        self[key] = default
        return default

    def pop(self, key: Any, *default: Any) -> Any:
        if dict.__contains__(self, key):
            value = self[key]
            dict.__delitem__(self, key)
            self._owned.discard(key)
            return value
        if default:
            return default[0]
        raise KeyError(key)

    def popitem(self) -> tuple[Any, Any]:
        if not self:
            raise KeyError("popitem(): dictionary is empty")
        key = next(reversed(dict.keys(self)))
        return key, self.pop(key)

    def __setitem__(self, key: Any, value: Any) -> None:
        self._owned.add(key)
        dict.__setitem__(self, key, value)

    def __delitem__(self, key: Any) -> None:
        dict.__delitem__(self, key)
        self._owned.discard(key)

    def clear(self) -> None:
        self._owned.clear()
        dict.clear(self)

    def update(self, *args: Any, **kwargs: Any) -> None:
        for key, value in dict(*args, **kwargs).items():
            self[key] = value

    def __iter__(self) -> Iterator[Any]:
        # defined so that dict(d) and {**d} read values through __getitem__ (CPython copies a
        # dict subclass's raw values only when it keeps dict's own __iter__)
        return iter(dict.keys(self))

    def values(self) -> Any:
        self.own_all()
        return dict.values(self)

    def items(self) -> Any:
        self.own_all()
        return dict.items(self)

    def copy(self) -> dict[Any, Any]:
        self.own_all()
        return dict(dict.items(self))

    def __or__(self, other: Any) -> dict[Any, Any]:
        out = self.copy()
        out.update(other)
        return out

    def __ror__(self, other: Any) -> dict[Any, Any]:
        out = dict(other)
        out.update(self.copy())
        return out

    def __ior__(self, other: Any) -> CowDict:
        self.update(other)
        return self

    def __reduce__(self) -> tuple[Callable[..., dict[Any, Any]], tuple[dict[Any, Any]]]:
        return dict, (self.copy(),)

    __hash__ = None
