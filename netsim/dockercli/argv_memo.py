"""Parsed ``docker …`` command lines remembered by shape (:func:`netsim.dockercli.parse.
parse_docker_argv`).

A script's thousands of ``docker run -d --name cN --network netM IMAGE`` and ``docker network
connect netM cN`` differ only in words that the CLI's parse passes on without reading them: a
positional argument of a command without subcommands (cobra only counts them), the value of a
flag whose type checks nothing (pflag's ``stringValue``/``stringArray``: ``--name``, ``-p``), a
``--network`` value without ``=`` (docker/cli opts/network.go ``NetworkOpt.Set`` reads the long
syntax only where there is a ``key=value``: netsim.dockercli.flags.validators ``_v_network``).
Such a word is *free*: any other word of its class gives the same parse, with the word in its
place. Every other word is *literal*: a flag (a word starting with ``-``), a
command's name, a checked flag's value (``--ip``, ``-H``), a word that is not ASCII, ``=`` where
a word had none (or the reverse), a word shorter than two characters.

A parse is remembered under its argv's length, by the texts of its words that are not free
and the *classes* of its free words (a free word is ASCII, two characters or more, not starting
with ``-``; its class: whether it holds ``=``, :func:`shape`); the next argv of that length,
those texts and those classes gets the parse with its own free words put in: it has the same
*shape* (each word as typed, where it may not be free, else its class) and the same texts where
a word may be free but is literal. Which words are free is
learnt from the parse itself (:func:`template`): each free word of the argv is the very object
the parse put in the result, at one place, read by nothing on the way (tests/test_argv_memo.py
compares every remembered parse with a fresh one, over generated command lines). Only what
parsed without an error and asked for no help is remembered; errors are rare and recomputed.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import TYPE_CHECKING, Any, NamedTuple, cast

from netsim.dockercli.flags.spec import FlagSpec

if TYPE_CHECKING:
    from netsim.dockercli.parse import ParsedCommand

__all__ = ["Template", "clear", "lookup", "remember", "shape", "size", "template"]

#: a word's class in a shape where it may be free: whether it holds "="
_Shape = tuple[str | bool, ...]


class Template(NamedTuple):
    """A parse with its free words as argv positions: each flag as (name, value, position),
    each argument as (value, position); position -1: the value as it is; ``fields``: the
    fields of the parse learnt from by name (those but ``flags`` and ``args`` are the same for
    every argv of the template)."""

    flags: tuple[tuple[str, str, int], ...]
    args: tuple[tuple[str, int], ...]
    fields: dict[str, Any]


def shape(argv: Sequence[str]) -> _Shape:
    """Each word as typed, but a word that may be free (ASCII, two characters or more, not
    starting with ``-``) as whether it holds ``=`` (a bool). (A shorter word may be an object
    the parse makes too, Python keeping one of each: it is never taken for the argv's.)"""
    return tuple([w if w[:1] == "-" or len(w) < 2 or not w.isascii() else ("=" in w)
                  for w in argv])


#: a reader of an argv's words at some positions, as a tuple
_Words = Callable[[Sequence[str]], tuple[str, ...]]

#: by (argv length, profile id, daemon id): the profile and the daemon (kept: so their ids stay
#: theirs) and, for each set of free positions learnt for that length, the readers of the
#: words at the other positions and at those (:func:`_words_at`) and the templates by the
#: other words' texts, then by the free words' classes (:func:`shape`)
_MEMO: dict[tuple[int, int, int], tuple[object, object, list[tuple[
    tuple[int, ...], _Words, _Words, dict[tuple[str, ...], dict[_Shape, Template]]]]]] = {}
_count = 0
#: how many templates are kept before the memo starts over (as netsim.dockercli.convert's
#: MEMO_ENTRIES; a script of one shape keeps one)
ENTRIES = 1 << 16


def _words_at(positions: tuple[int, ...]) -> _Words:
    """The reader of an argv's words at ``positions`` (operator.itemgetter's, in C)."""
    if len(positions) > 1:
        return cast(_Words, itemgetter(*positions))
    if positions:
        i = positions[0]
        return lambda argv: (argv[i],)
    return _no_words


def _no_words(argv: Sequence[str]) -> tuple[str, ...]:
    return ()


def lookup(argv: Sequence[str], profile: object, daemon: object) -> Template | None:
    """The template remembered for this argv under this profile and daemon, if any."""
    found = _MEMO.get((len(argv), id(profile), id(daemon)))
    if found is None or found[0] is not profile or found[1] is not daemon:
        return None
    for _, texts, free, table in found[2]:
        by_class = table.get(texts(argv))
        if by_class is not None:
            tpl = by_class.get(shape(free(argv)))  # (a word that may not be free: its text)
            if tpl is not None:
                return tpl
    return None


def template(argv: Sequence[str], parsed: ParsedCommand, flagset: dict[str, FlagSpec],
             leaf: bool) -> tuple[Template, tuple[int, ...]]:
    """``parsed``, the parse of ``argv`` (``flagset``: its command's flags by long name;
    ``leaf``: the command has no subcommands), as a template, and the positions of its
    free words."""
    maybe_free = [i for i, c in enumerate(shape(argv)) if type(c) is bool]
    where: dict[int, int] = {}  # a word's object → its position, when it is at one only
    seen: set[int] = set()
    for i in maybe_free:
        key = id(argv[i])
        if key in seen:
            where.pop(key, None)
        else:
            seen.add(key)
            where[key] = i
    free: dict[int, bool] = {}  # position → whether every place it went to leaves it free

    def place(value: str, ok: bool) -> int:
        i = where.get(id(value), -1)
        if i >= 0:
            free[i] = free.get(i, True) and ok
        return i

    tflags = []
    for name, value in parsed.flags:
        f = flagset.get(name)
        ok = f is not None and ((not f.check and f.kind != "bool")
                                or (f.check == "network" and "=" not in value))
        tflags.append((name, value, place(value, ok)))
    targs = tuple((value, place(value, leaf)) for value in parsed.args)
    fields = {f.name: getattr(parsed, f.name) for f in dataclasses.fields(parsed)}
    return Template(tuple(tflags), targs, fields), tuple(i for i in maybe_free if free.get(i))


def remember(argv: Sequence[str], profile: object, daemon: object, tpl: Template,
             free: tuple[int, ...]) -> None:
    """Keep ``tpl`` for argvs of ``argv``'s length, texts but at the ``free`` positions and
    classes at those, under this profile and daemon."""
    global _count
    if _count >= ENTRIES:
        _MEMO.clear()
        _count = 0
    key = (len(argv), id(profile), id(daemon))
    found = _MEMO.get(key)
    if found is None or found[0] is not profile or found[1] is not daemon:
        found = _MEMO[key] = (profile, daemon, [])
    entry = next((e for e in found[2] if e[0] == free), None)
    if entry is None:
        texts = tuple(i for i in range(len(argv)) if i not in free)
        entry = (free, _words_at(texts), _words_at(free), {})
        found[2].append(entry)
    _, texts_of, free_of, table = entry
    table.setdefault(texts_of(argv), {})[shape(free_of(argv))] = tpl
    _count += 1


def clear() -> None:
    """Forget every template."""
    global _count
    _MEMO.clear()
    _count = 0


def size() -> int:
    """How many templates are kept."""
    return _count
