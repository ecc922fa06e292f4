"""The parse memo (netsim.dockercli.argv_memo): a remembered parse, with another command line's
free words put in, is exactly what parsing that command line afresh gives -- or the same error
when it has one -- over generated command lines that share shapes."""

from __future__ import annotations

from collections.abc import Sequence

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netsim.dockercli import argv_memo
from netsim.dockercli.parse import ParsedCommand, parse_docker_argv
from netsim.errors import DockerCliError, InputError
from netsim.versions import profile as engine_profile

#: words of every class the memo tells apart: plain names, words with "=" (NetworkOpt's long
#: syntax), addresses (checked by --ip), flags' look-alikes, command names, one-character and
#: empty words, non-ASCII
WORDS = ["net1", "net2", "web", "db", "nginx", "alpine", "name=net1,alias=a", "net1=x",
         "10.0.0.5", "10.0.0.300", "8080:80", "127.0.0.1:80:80", "80", "run", "network",
         "connect", "ls", "x", "", "ünï", "true", "false", "--", "-", "-d", "--rm",
         "driver-opt=a=b", "name=", "sh", "-c"]

word = st.sampled_from(WORDS)
RUN_FLAGS = st.sampled_from([
    ["-d"], ["--rm"], ["--name", None], ["--network", None], ["--net", None], ["-p", None],
    ["--ip", None], ["--network-alias", None], ["-e", None], ["--hostname", None],
    ["--name=web"], ["-it"], ["--link", None], ["--mount", None]])
CONNECT_FLAGS = st.sampled_from([["--alias", None], ["--ip", None], ["--link", None],
                                 ["--gw-priority", None], ["--driver-opt", None]])


@st.composite
def command_lines(draw: st.DrawFn) -> list[str]:
    """A docker command line after ``docker``: run/create/network connect/network create,
    maybe after ``-H HOST``, with flags and words drawn from the classes above."""
    out: list[str] = []
    if draw(st.booleans()):
        out += ["-H", draw(st.sampled_from(["host1", "tcp://h:2375", "x"]))]
    kind = draw(st.sampled_from(["run", "create", "connect", "ncreate", "rm", "inspect"]))
    if kind in ("run", "create"):
        out.append(kind)
        flags = RUN_FLAGS
    elif kind == "connect":
        out += ["network", "connect"]
        flags = CONNECT_FLAGS
    elif kind == "ncreate":
        out += ["network", "create"]
        flags = st.sampled_from([["--subnet", None], ["--internal"], ["-d", None]])
    else:
        out.append(kind)
        flags = st.sampled_from([["-f"], ["--format", None]])
    for f in draw(st.lists(flags, max_size=4)):
        out += [draw(word) if w is None else w for w in f]
    out += draw(st.lists(word, max_size=4))
    return out


def _parse(argv: Sequence[str], profile: object = None) -> ParsedCommand | tuple[str, str]:
    try:
        return parse_docker_argv(list(argv), profile=profile)  # type: ignore[arg-type]
    except (DockerCliError, InputError) as err:
        return type(err).__name__, str(err)


def _fresh(argv: Sequence[str], profile: object = None) -> ParsedCommand | tuple[str, str]:
    """A parse with nothing remembered (the memo as it was, after)."""
    saved, count = dict(argv_memo._MEMO), argv_memo.size()
    argv_memo.clear()
    try:
        return _parse(argv, profile)
    finally:
        argv_memo._MEMO.clear()
        argv_memo._MEMO.update(saved)
        argv_memo._count = count


def _copy(argv: Sequence[str]) -> list[str]:
    """The same words as new string objects (as a script's parser makes them)."""
    return ["".join([w[:1], w[1:]]) if len(w) > 1 else w for w in argv]


def _same_class(w: str) -> list[str]:
    """``w`` and the words of WORDS that the memo's shape cannot tell from it."""
    return [w, *(o for o in WORDS if argv_memo.shape([o]) == argv_memo.shape([w]))]


@settings(max_examples=300, deadline=None)
@given(st.lists(command_lines(), min_size=1, max_size=4),
       st.sampled_from([None, "20.10", "26.1", "28.5", "29.1"]),
       st.data())
def test_a_remembered_parse_is_a_fresh_parse(lines: list[list[str]], version: str | None,
                                             data: st.DataObject) -> None:
    profile = engine_profile(version) if version else None
    argv_memo.clear()
    for argv in lines:
        _parse(_copy(argv), profile)  # learnt (when it parsed)
    for argv in lines:
        for _ in range(3):  # the same shape, other words of each word's class
            other = _copy([data.draw(st.sampled_from(_same_class(w))) for w in argv])
            assert _parse(other, profile) == _fresh(other, profile), other


@pytest.mark.parametrize(("learnt", "asked"), [
    # a --network value with "=" is read by NetworkOpt: never free, even after a plain one
    (["run", "--network", "net1", "nginx"], ["run", "--network", "name=net1,alias=a", "nginx"]),
    (["run", "--network", "net1", "nginx"], ["run", "--network", "nope=x", "nginx"]),
    # ... nor after another value with "=" (the same shape): it is read again
    (["run", "--network", "name=net1,alias=a", "nginx"], ["run", "--network", "nope=x", "nginx"]),
    # a checked flag's value is literal: another address is checked again
    (["run", "--ip", "10.0.0.5", "nginx"], ["run", "--ip", "10.0.0.300", "nginx"]),
    # a command's name is literal: the same shape, another command
    (["network", "connect", "net1", "web"], ["network", "disconnect", "net1", "web"]),
    (["network", "connect", "net1", "web"], ["network", "inspect", "net1", "web"]),
    # -H's value is checked (and chosen): literal
    (["-H", "host1", "ps"], ["-H", "tcp://h:2375", "ps"]),
])
def test_what_the_parse_reads_is_not_taken_from_the_memo(learnt: list[str], asked: list[str]
                                                         ) -> None:
    for version in (None, "20.10", "28.5"):
        profile = engine_profile(version) if version else None
        argv_memo.clear()
        _parse(_copy(learnt), profile)
        assert _parse(_copy(asked), profile) == _fresh(_copy(asked), profile)


def test_free_words_are_taken_from_the_memo() -> None:
    argv_memo.clear()
    first = _parse(_copy(["run", "-d", "--name", "c1", "--network", "net1", "-p", "8080:80",
                          "nginx"]))
    assert isinstance(first, ParsedCommand)
    assert argv_memo.size() == 1
    second = _parse(_copy(["run", "-d", "--name", "c2", "--network", "net2", "-p", "9090:80",
                           "alpine"]))
    assert argv_memo.size() == 1  # remembered: not learnt again
    assert isinstance(second, ParsedCommand)
    assert second.flags == (("detach", "true"), ("name", "c2"), ("network", "net2"),
                            ("publish", "9090:80"))
    assert second.args == ("alpine",)
    assert second == _fresh(["run", "-d", "--name", "c2", "--network", "net2", "-p",
                             "9090:80", "alpine"])


def test_one_word_in_two_places_is_not_free() -> None:
    argv_memo.clear()
    same = "web1"
    _parse(["run", "--name", same, same])  # one object at two positions: both literal
    for asked in (["run", "--name", "web1", "web3"], ["run", "--name", "web2", "web1"],
                  ["run", "--name", "web2", "web3"]):
        assert _parse(_copy(asked)) == _fresh(asked)


def test_a_parse_is_remembered_for_its_daemon_only() -> None:
    """The memo's key holds the daemon (by identity, kept with the templates): a command line
    remembered for one daemon is parsed afresh for another, whose API version may refuse a
    flag (isSupported)."""
    from netsim.dockercli.flags.spec import DaemonInfo

    argv_memo.clear()
    new, old = DaemonInfo(api_version="1.52"), DaemonInfo(api_version="1.24")
    words = ["network", "create", "--scope", "local", "n1"]
    assert parse_docker_argv(list(words), daemon=new).get("scope") == "local"
    assert argv_memo.size() == 1
    with pytest.raises(DockerCliError, match=r"1\.30"):
        parse_docker_argv(list(words), daemon=old)
    again = DaemonInfo(api_version="1.52")  # an equal daemon: the same parse, learnt again
    assert parse_docker_argv(list(words), daemon=again) == parse_docker_argv(list(words),
                                                                             daemon=new)


def test_a_fast_parse_is_the_dataclass_s() -> None:
    """parse._parsed and a remembered parse (made without the frozen dataclass's __init__)
    set every field of ParsedCommand, in order; the flags' index read by get() stays out of
    the fields (repr, equality, hashing)."""
    import dataclasses

    from netsim.dockercli.parse import _parsed

    names = [f.name for f in dataclasses.fields(ParsedCommand)]
    fast = _parsed("run", (("detach", "true"),), ("nginx",), (("host", "h"),), "run", False,
                   ("w",), 1, ("l",))
    slow = ParsedCommand("run", (("detach", "true"),), ("nginx",), (("host", "h"),), "run",
                         False, ("w",), 1, ("l",))
    assert list(vars(fast)) == names
    assert fast.get("detach") == slow.get("detach") == "true"
    assert fast == slow and repr(fast) == repr(slow) and hash(fast) == hash(slow)
    argv_memo.clear()
    parse_docker_argv(["run", "-d", "--name", "a1", "nginx"]).get("name")  # remembered, read
    again = parse_docker_argv(["run", "-d", "--name", "b2", "nginx"])
    assert argv_memo.size() == 1 and list(vars(again)) == names and again.get("name") == "b2"
