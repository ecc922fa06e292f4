"""Frozen pydantic models made from values that are already of the right types.

Pydantic validates every field of every model it makes: right at the edge, where a request
or a file comes in, and wasted inside the engine, which makes a container's state (and copies
it at every change) from values it typed itself -- 4-11 µs a model, a fifth of a replay's
time at 10,000 containers. :func:`build` and :func:`evolve` make the same objects without
validating (~1 µs): what ``model_construct`` and ``model_copy(update=…)`` do, without their
per-call look-up of the class's defaults and private state.

Nothing is checked there, so a caller passing a ``str`` where the model says
``IPv4Address`` would go unnoticed: with :data:`CHECK` on (the test suite turns it on, as
``NETSIM_CHECK_TRUSTED=1`` does) every model made here is also validated from the same values,
and a field that validation would change (a value, or its type) is an ``AssertionError``.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from pydantic import BaseModel

__all__ = ["CHECK", "assemble", "build", "evolve", "reassemble", "revalidated"]

#: validate what is built here as well, and fail where validation would differ
CHECK = os.environ.get("NETSIM_CHECK_TRUSTED", "") == "1"

_M = TypeVar("_M", bound=BaseModel)

_REQUIRED: Any = object()


class _Template:
    """A model class's fields in declaration order: the defaults, the required names, and
    the fields whose default must be made afresh (a factory, or a mutable default, which
    pydantic copies for each model)."""

    __slots__ = ("defaults", "fresh", "order", "required")

    def __init__(self, cls: type[BaseModel]) -> None:
        if cls.__private_attributes__ or cls.model_config.get("extra") == "allow":
            raise TypeError(f"{cls.__name__}: private attributes or extras are not built here")
        if cls.__new__ is not object.__new__:  # _made makes it with object's
            raise TypeError(f"{cls.__name__}: a __new__ of its own is not built here")
        self.defaults: dict[str, Any] = {}
        self.fresh: list[tuple[str, Callable[[], Any]]] = []
        required: list[str] = []
        for name, info in cls.model_fields.items():
            if info.is_required():
                self.defaults[name] = _REQUIRED
                required.append(name)
            elif info.default_factory is not None:
                self.defaults[name] = _REQUIRED
                factory = info.default_factory
                if getattr(info, "default_factory_takes_validated_data", False):
                    raise TypeError(f"{cls.__name__}.{name}: a factory of the data")
                self.fresh.append((name, factory))  # type: ignore[arg-type]
            else:
                default = info.default
                self.defaults[name] = default
                try:
                    hash(default)
                except TypeError:  # pydantic deep-copies an unhashable default
                    self.fresh.append((name, _copier(default)))
        self.required = frozenset(required)
        #: each field's place in the declaration
        self.order = {name: i for i, name in enumerate(self.defaults)}


def _copier(default: Any) -> Callable[[], Any]:
    if type(default) in (dict, list, set) and not default:
        return type(default)
    return lambda: copy.deepcopy(default)


_TEMPLATES: dict[type[BaseModel], _Template] = {}


def _template(cls: type[BaseModel]) -> _Template:
    found = _TEMPLATES.get(cls)
    if found is None:
        found = _TEMPLATES[cls] = _Template(cls)
    return found


# BaseModel's slots (``__dict__`` among them), set through their descriptors (a frozen model
# refuses setattr; through object.__setattr__ each is a lookup by name: 0.85 against 0.61 µs a
# model, timeit); a model class's __new__ is object's (BaseModel defines none): 0.42 against
# 0.30 µs for object.__new__ and the __dict__ slot's descriptor, timeit
_SET_DICT = BaseModel.__dict__["__dict__"].__set__
_SET_FIELDS_SET = BaseModel.__dict__["__pydantic_fields_set__"].__set__
_SET_EXTRA = BaseModel.__dict__["__pydantic_extra__"].__set__
_SET_PRIVATE = BaseModel.__dict__["__pydantic_private__"].__set__
_NEW = object.__new__


def _made(cls: type[_M], fields: dict[str, Any], fields_set: set[str]) -> _M:
    obj: _M = _NEW(cls)
    _SET_DICT(obj, fields)
    _SET_FIELDS_SET(obj, fields_set)
    _SET_EXTRA(obj, None)
    _SET_PRIVATE(obj, None)
    return obj


def build(cls: type[_M], /, **values: Any) -> _M:
    """``cls(**values)`` for values already of their fields' types: nothing is validated
    (see :data:`CHECK`). A missing required field or an unknown name is a TypeError."""
    tpl = _TEMPLATES.get(cls) or _template(cls)
    fields = tpl.defaults | values
    if len(fields) != len(tpl.defaults) or not tpl.required <= values.keys():
        unknown = sorted(set(values) - set(tpl.defaults))
        missing = sorted(tpl.required - values.keys())
        raise TypeError(f"{cls.__name__}: unknown fields {unknown}, missing {missing}")
    for name, make in tpl.fresh:
        if name not in values:
            fields[name] = make()
    obj = _made(cls, fields, set(values))
    if CHECK:
        _check(cls, obj, values)
    return obj


def evolve(obj: _M, /, **changes: Any) -> _M:
    """``obj.model_copy(update=changes)``: the same model with some fields changed (the
    changes are not validated, as model_copy does not; see :data:`CHECK`)."""
    cls = type(obj)
    fields = obj.__dict__ | changes
    if len(fields) != len(obj.__dict__):
        unknown = sorted(set(changes) - set(obj.__dict__))
        raise TypeError(f"{cls.__name__}: unknown fields {unknown}")
    new = _made(cls, fields, obj.__pydantic_fields_set__.union(changes))
    if CHECK:
        _check(cls, new, {k: v for k, v in fields.items() if k in new.__pydantic_fields_set__})
    return new


def revalidated(base: _M, /, **changes: Any) -> _M:
    """``type(base)(**{**fields of base, **changes})`` where ``base`` was validated: only the
    changed fields are validated (pydantic's ``validate_assignment``, with their field
    validators), in declaration order, so a ValidationError names the same first field as
    validating the whole model would. For a model of many fields, most of them defaults
    (HostConfig's 70 with one change: 3.0 µs against 4.7 µs for all, measured alone); for a
    model of few fields, validating it whole is faster. Not for models with model validators
    (they would not run)."""
    cls = type(base)
    if cls.__pydantic_decorators__.model_validators:
        raise TypeError(f"{cls.__name__} has model validators: validate it whole")
    order = _template(cls).order
    if not changes.keys() <= order.keys():
        raise TypeError(f"{cls.__name__}: unknown fields {sorted(set(changes) - set(order))}")
    new = evolve(base)
    assign = cls.__pydantic_validator__.validate_assignment
    for name in sorted(changes, key=order.__getitem__) if len(changes) > 1 else changes:
        assign(new, name, changes[name])
    if CHECK:
        _check(cls, new, {k: v for k, v in new.__dict__.items()
                          if k in new.__pydantic_fields_set__ and k not in changes} | changes)
    return new


def _check(cls: type[_M], obj: _M, values: Mapping[str, Any]) -> None:
    validated = cls(**values)
    mine, theirs = obj.__dict__, validated.__dict__
    assert list(mine) == list(theirs), f"{cls.__name__}: fields {list(mine)} != {list(theirs)}"
    for name, value in theirs.items():
        got = mine[name]
        assert type(got) is type(value) and got == value, (
            f"{cls.__name__}.{name}: built {got!r} ({type(got).__name__}), "
            f"validation gives {value!r} ({type(value).__name__})")


def assemble(cls: type[_M], fields: dict[str, object]) -> _M:
    """A model of ``cls`` from every one of its fields, already of the right types (a bulk
    reader's; :mod:`netsim.io.dump`), in declaration order; nothing is validated, nothing is
    checked (not even under :data:`CHECK`: a dump's reader has tests of its own)."""
    ordered = {name: fields[name] for name in cls.model_fields}  # KeyError: one is missing
    return _made(cls, ordered, set(ordered))


def reassemble(obj: _M, update: Mapping[str, object]) -> _M:
    """``obj`` with some fields changed, for bulk readers, as :func:`assemble`."""
    return _made(type(obj), {**obj.__dict__, **update},
                 obj.__pydantic_fields_set__ | set(update))
