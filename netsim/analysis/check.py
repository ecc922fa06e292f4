"""Expectations written next to a setup, checked against netsim's prediction.

A script states what must hold at that point of the replay, in ``# netsim: expect`` lines::

    # netsim: expect alpine1 reaches alpine2
    # netsim: expect alpine1 reaches web on 80
    # netsim: expect alpine1 does not reach alpine3
    # netsim: expect alpine1 does not reach alpine3 because ISOLATED_NETWORKS
    # netsim: expect client reaches fd00:1::2 on 80
    # netsim: expect client does not reach other over ipv6 because ISOLATED_NETWORKS
    # netsim: expect alpine1 resolves alpine2
    # netsim: expect client resolves alicek106 to 172.18.0.2,172.18.0.3,172.18.0.4
    # netsim: expect alpine1 does not resolve alpine3
    # netsim: expect alpine1 runs ping -c 1 alpine3 and exits 1

``SRC`` and ``DST`` are what ``netsim reach`` takes (a container, ``HOST/NAME``, ``@host``,
``@lan``, ``@internet``, an address); a ``DST`` that is none of these is a name, resolved at
``SRC`` first (``wordpress reaches mysql on 3306``: the link alias). ``on`` takes ``N``,
``N/tcp`` or ``N/udp``. ``over ipv6`` sends to a container's (or a name's) IPv6 addresses
(``netsim reach -6``), ``over ipv4`` (the default) to its IPv4 ones; an IPv4 or IPv6 address
as ``DST`` is reached over its own family (``over`` the other one is malformed). A name is
resolved as the container's programs resolve it (/etc/hosts, then its DNS server); ``to`` lists
every address the answer must hold, in any order. :func:`parse_expectation` reads the words
after ``expect``; :func:`evaluate` checks one against a State.

A problem inside one expectation is that expectation's failure, never the whole check's: an
unknown container or ``@NAME``, a client that is not running (outcome ``error``), or words
that are none of the forms (outcome ``malformed``, :func:`malformed`) give a FAIL row whose
``reason`` says what is wrong, and the other expectations are checked all the same.
"""

from __future__ import annotations

import contextlib
import random
import shlex
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, ConfigDict

from netsim.analysis.reach.trace import DISPOSITIONS, Disposition
from netsim.analysis.vantage import address_family
from netsim.errors import InputError
from netsim.state import State

__all__ = ["FORMS", "CheckResult", "Expectation", "check_words", "evaluate", "malformed",
           "parse_expectation", "table"]

FORMS = ("SRC reaches DST [on PORT] [over ipv4|ipv6]; "
         "SRC does not reach DST [on PORT] [over ipv4|ipv6] [because DISPOSITION]; "
         "SRC resolves NAME [to ADDR,…]; SRC does not resolve NAME; "
         "SRC runs COMMAND… and exits N")


class Expectation(BaseModel):
    """One thing that must hold: a flow, a name, or a command's exit status."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    #: ``malformed``: words that are none of the forms (kept to be reported, never checked)
    kind: Literal["reach", "resolve", "run", "malformed"]
    src: str
    negate: bool = False
    target: str = ""  # DST, NAME
    port: int | None = None
    proto: Literal["tcp", "udp"] | None = None
    #: ``over ipv4`` / ``over ipv6``: the family DST is reached over (None: not said, IPv4
    #: unless DST is an IPv6 address)
    family: Literal[4, 6] | None = None
    disposition: Disposition | None = None
    addresses: tuple[str, ...] = ()
    command: tuple[str, ...] = ()
    exit_code: int | None = None
    text: str = ""  # as written

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class CheckResult:
    """An expectation, where it was written, what netsim predicts, and whether it holds.

    ``reason``: why it could not be checked (``outcome`` ``error`` or ``malformed``), else ""."""

    line: int
    expectation: Expectation
    outcome: str
    ok: bool
    reason: str = ""

    def to_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"line": self.line, "expectation": self.expectation.text,
                                  "outcome": self.outcome, "ok": self.ok}
        if self.reason:
            out["reason"] = self.reason
        return out

    def __str__(self) -> str:
        why = f": {self.reason}" if self.reason else ""
        return (f"{'ok' if self.ok else 'FAIL'}: {self.expectation.text} "
                f"(netsim: {self.outcome}{why})")

    def _repr_html_(self) -> str:
        from html import escape

        colour = "#2ca02c" if self.ok else "#d62728"
        return (f'<p><b style="color:{colour}">{"ok" if self.ok else "FAIL"}</b> '
                f"<code>{escape(self.expectation.text)}</code> — netsim: "
                f"<code>{escape(self.outcome)}</code>"
                + (f" — {escape(self.reason)}" if self.reason else "") + "</p>")


def parse_expectation(words: list[str], where: str) -> Expectation:
    """The words after ``# netsim: expect``; InputError (with the accepted forms) otherwise."""
    text = " ".join(words)

    def bad(what: str) -> InputError:
        return InputError(where, f"bad expectation: {what}", got=text, accepted=FORMS)

    if len(words) < 2:
        raise bad("too short")
    src, rest = words[0], words[1:]
    negate = False
    if rest[:2] == ["does", "not"] or rest[:1] == ["cannot"]:
        negate = True
        rest = rest[2:] if rest[0] == "does" else rest[1:]
        if rest and rest[0] in ("reach", "resolve"):
            rest = [rest[0] + ("es" if rest[0] == "reach" else "s"), *rest[1:]]
    if not rest:
        raise bad("no verb")
    verb, args = rest[0], rest[1:]
    if verb == "reaches":
        if not args:
            raise bad("reaches what?")
        target, opts = args[0], args[1:]
        port: int | None = None
        proto: Literal["tcp", "udp"] | None = None
        disposition: Disposition | None = None
        family: Literal[4, 6] | None = None
        while opts:
            if opts[0] == "on" and len(opts) > 1:
                number, _, p = opts[1].partition("/")
                if not number.isdigit() or not 0 < int(number) < 65536 or p not in ("", "tcp",
                                                                                     "udp"):
                    raise bad(f"not a port: {opts[1]}")
                port, proto = int(number), ("udp" if p == "udp" else "tcp")
                opts = opts[2:]
            elif opts[0] == "over" and len(opts) > 1:
                if opts[1].lower() not in ("ipv4", "ipv6"):
                    raise bad(f"not a family: {opts[1]}")
                family = 6 if opts[1].lower() == "ipv6" else 4
                own = address_family(target)
                if own is not None and own != family:
                    raise bad(f"{target} is an IPv{own} address: it is reached over ipv{own}")
                opts = opts[2:]
            elif opts[0] == "because" and len(opts) > 1 and negate:
                if opts[1] not in DISPOSITIONS:
                    raise InputError(where, "unknown disposition", got=opts[1],
                                     accepted=", ".join(DISPOSITIONS))
                disposition = Disposition(opts[1])
                opts = opts[2:]
            else:
                raise bad(f"unexpected '{opts[0]}'")
        return Expectation(kind="reach", src=src, negate=negate, target=target, port=port,
                           proto=proto, family=family, disposition=disposition, text=text)
    if verb == "resolves":
        if not args:
            raise bad("resolves what?")
        addresses: tuple[str, ...] = ()
        if len(args) == 3 and args[1] == "to" and not negate:
            addresses = tuple(a for a in args[2].split(",") if a)
        elif len(args) != 1:
            raise bad("resolves NAME [to ADDR,…]")
        return Expectation(kind="resolve", src=src, negate=negate, target=args[0],
                           addresses=addresses, text=text)
    if verb == "runs" and not negate:
        if len(args) < 4 or args[-3:-1] != ["and", "exits"] or not args[-1].isdigit():
            raise bad("runs COMMAND… and exits N")
        return Expectation(kind="run", src=src, command=tuple(args[:-3]),
                           exit_code=int(args[-1]), text=text)
    raise bad(f"unknown verb '{verb}'")


def malformed(words: Sequence[str], err: InputError, line: int) -> CheckResult:
    """The FAIL row of words :func:`parse_expectation` rejected with ``err``: the reason is
    what is wrong and the accepted forms (the line and the words are the row's own)."""
    exp = Expectation(kind="malformed", src="", text=" ".join(words))
    accepted = f" (accepted: {err.accepted})" if err.accepted else ""
    return CheckResult(line, exp, "malformed", False, f"{err.what}{accepted}")


def check_words(state: State, words: Sequence[str] | str, line: int, *,
                rng: random.Random | None = None,
                explain: Callable[[], AbstractContextManager[None]] | None = None
                ) -> CheckResult:
    """One expectation as written (its words, or its text split as a shell does), parsed and
    evaluated: its row, a FAIL row (``malformed``) when it is none of the forms."""
    try:
        if isinstance(words, str):
            text = words
            words = text.split()
            try:
                words = shlex.split(text)
            except ValueError as err:  # an open quote
                raise InputError("expect", f"cannot split the expectation into words: {err}",
                                 accepted=FORMS) from None
        exp = parse_expectation(list(words), f"line {line}")
    except InputError as err:
        return malformed(words, err, line)
    return evaluate(state, exp, line, rng=rng, explain=explain)


def evaluate(state: State, exp: Expectation, line: int, *,
             rng: random.Random | None = None,
             explain: Callable[[], AbstractContextManager[None]] | None = None) -> CheckResult:
    """Check one expectation against ``state``. What keeps it from being checked (a source,
    target or ``@NAME`` netsim does not know, a client that is not running) is a FAIL row with
    outcome ``error`` and the reason; it never stops the other checks. ``explain``: a context
    in which such an error gets its hint (:func:`netsim.hints.explained`), put in the reason."""
    if exp.kind == "malformed":
        return CheckResult(line, exp, "malformed", False, "none of the forms"
                           f" (accepted: {FORMS})")
    try:
        with explain() if explain is not None else contextlib.nullcontext():
            return _evaluate(state, exp, line, rng if rng is not None else random.Random(0))
    except InputError as err:
        hint = err.hint_line()
        reason = err.line() + (f"; {hint.removeprefix('netsim: ')}" if hint else "")
        return CheckResult(line, exp, "error", False, reason)


def _evaluate(state: State, exp: Expectation, line: int, rng: random.Random) -> CheckResult:
    from netsim.analysis.vantage import resolve_vantage

    # the source first: an unknown one is an error, not an unresolved name
    resolve_vantage(state, exp.src, role="probe" if exp.kind == "run" else "source")
    if exp.kind == "reach":
        from netsim.analysis.dns import gethostbyname, lookup
        from netsim.analysis.reach import reach

        try:
            trace = reach(state, exp.src, exp.target, port=exp.port, proto=exp.proto,
                          family=exp.family)
        except InputError:
            if exp.target.startswith("@") or "/" in exp.target:
                raise  # @NAME of no Docker host, HOST/NAME of no container: not a DNS name
            # not a container nor an address: a name, resolved as the source's programs do
            # (over ipv6: its IPv6 addresses, /etc/hosts then AAAA)
            look = (gethostbyname(state, exp.src, exp.target, rng=rng, qtype="AAAA")
                    if exp.family == 6 else lookup(state, exp.src, exp.target, rng=rng))
            if not look.addresses:
                ok = exp.negate and exp.disposition in (None, Disposition.NAME_NOT_RESOLVED)
                return CheckResult(line, exp, Disposition.NAME_NOT_RESOLVED.value, ok)
            trace = reach(state, exp.src, str(look.addresses[0]), port=exp.port,
                          proto=exp.proto)
        ok = trace.delivered != exp.negate
        if exp.disposition is not None:
            ok = ok and trace.disposition is exp.disposition
        return CheckResult(line, exp, trace.disposition.value, ok)
    if exp.kind == "resolve":
        from netsim.analysis.dns import lookup

        look = lookup(state, exp.src, exp.target, rng=rng)
        found = look.answer.addresses if look.answer is not None else tuple(
            str(a) for a in look.addresses)
        if found:
            outcome = " ".join(sorted(found))
        else:
            rcode = look.answer.rcode if look.answer is not None else None
            outcome = f"not found ({rcode.value if rcode is not None else 'no answer'})"
        ok = bool(found) != exp.negate
        if exp.addresses:
            ok = ok and set(found) == set(exp.addresses)
        return CheckResult(line, exp, outcome, ok)
    from netsim.probes import probe

    result = probe(state, exp.src, list(exp.command), rng=rng)
    return CheckResult(line, exp, f"exit {result.exit_code}", result.exit_code == exp.exit_code)


def table(results: list[CheckResult]) -> list[str]:
    """The lines ``netsim check`` prints."""
    width = max([len(r.expectation.text) for r in results] + [11])
    owidth = max([len(r.outcome) for r in results] + [7])
    lines = [f"{'line':>5}  {'expectation':<{width}}  {'outcome':<{owidth}}  result"]
    for r in results:
        lines.append(f"{r.line:>5}  {r.expectation.text:<{width}}  {r.outcome:<{owidth}}  "
                     f"{'ok' if r.ok else 'FAIL'}")
        if r.reason:  # under the row, from the expectation's column
            lines.append(f"{'':>5}    {r.reason}")
    failed = sum(not r.ok for r in results)
    lines.append(f"{len(results)} expectation{'s' if len(results) != 1 else ''}: "
                 + ("all hold" if not failed else f"{failed} do{'es' if failed == 1 else ''} "
                                                  "not hold"))
    return lines
