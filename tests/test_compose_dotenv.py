"""``.env`` files as Compose reads them (netsim.io.compose.dotenv): each rule of compose-go
v2.9.1's dotenv parser (dotenv/parser.go, godotenv.go, env.go), values and whole error texts
derived from reading that source (the upstream tests' cases agree), unless said otherwise."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netsim.io.compose.dotenv import DotenvError, parse_dotenv, read_env_files

SRC = "/root/p/.env"


def parse(text: str, env: dict[str, str] | None = None) -> dict[str, str]:
    return parse_dotenv(text, source=SRC, lookup=(env or {}).get)


def error(text: str, env: dict[str, str] | None = None) -> str:
    with pytest.raises(DotenvError) as info:
        parse(text, env)
    return str(info.value)


def test_the_corpus_env_file() -> None:
    """The .env of conformance/corpus/67 (comment, ``export``, an empty value)."""
    text = "WEB_PORT=8088\nTAG=latest\n# a comment\nexport NET_NAME=shared\nEMPTY=\n"
    assert parse(text) == {"WEB_PORT": "8088", "TAG": "latest", "NET_NAME": "shared",
                           "EMPTY": ""}


def test_names_and_separators() -> None:
    """``=`` or ``:`` ends a name; spaces around both go; names may hold ``. - [ ]`` and
    letters of any script; ``export`` needs white space after it."""
    text = ("A = 1\nB: 2\nC=x=y\nD.e-f[0]=3\nárvíz=ok\n  export G=4\nexport\tH=5\n"
            "exportI=6\nexport_J=7\n=empty\n")
    assert parse(text) == {"A": "1", "B": "2", "C": "x=y", "D.e-f[0]": "3", "árvíz": "ok",
                           "G": "4", "H": "5", "exportI": "6", "export_J": "7", "": "empty"}


def test_unquoted_values() -> None:
    """Trailing white space is trimmed; `` #`` starts a comment, ``#`` alone does not (nor
    right after the ``=``: the spaces before the value are skipped first); ``\\`` is kept."""
    text = "A=bar  \nB=bar # c\nC=123#x\nD= #c\nE=a\\tb\nF=a\t#b\n"
    assert parse(text) == {"A": "bar", "B": "bar", "C": "123#x", "D": "#c", "E": "a\\tb",
                           "F": "a\t#b"}


def test_single_quotes_are_literal() -> None:
    """No escapes but ``\\'``, no expansion, ``#`` kept, several lines allowed."""
    text = "A='$HOME \\n #x'\nB='Let\\'s go'\nC='one\ntwo' # c\nD=''\n"
    assert parse(text, {"HOME": "/root"}) == {"A": "$HOME \\n #x", "B": "Let's go",
                                              "C": "one\ntwo", "D": ""}


def test_double_quotes_escape_then_expand() -> None:
    """Shell escapes first (``\\0NNN`` octal; ``\\x``, ``\\u`` and a bad octal stay as
    written; ``\\$`` is a literal ``$``), then variables; text after the quote is another
    statement (here an unset ``junk``)."""
    text = ('A="Z\\aZ\\bZ\\fZ\\nZ\\rZ\\tZ\\vZ\\\\Z\\0123Z"\n'
            'B="\\x07 \\u12e4 \\0 \\01 \\0777 \\c \\q"\n'
            'C="\\$HOME \\${HOME} $HOME"\n'
            'D="say \\"hi\\"" junk\n'
            'E="one\ntwo"\n')
    assert parse(text, {"HOME": "/root"}) == {
        "A": "Z\aZ\bZ\fZ\nZ\rZ\tZ\vZ\\ZSZ", "B": "\\x07 \\u12e4 \\ \\1 \\777 \\c \\q",
        "C": "$HOME ${HOME} /root", "D": 'say "hi"', "E": "one\ntwo"}


def test_a_name_alone_comes_from_the_environment() -> None:
    """``KEY`` alone takes the environment's value, or stays unset; a last line with
    neither ``=`` nor a newline is a value whose key is "" (parser.go as written)."""
    assert parse("HOME\nNOPE\nA=1\n", {"HOME": "/root"}) == {"HOME": "/root", "A": "1"}
    assert parse("A=1\nLAST") == {"A": "1", "": "LAST"}


def test_expansion_looks_at_the_environment_first() -> None:
    """``$VAR`` sees the environment before the keys read so far (godotenv.go
    expandVariables); the forms are the interpolation's; single quotes stop it."""
    text = "A=1\nB=${A}\nC=$B-$A\nD=${NONE:-dflt}\nE=${A:+alt}\nF='$A'\nG=$$A\n"
    assert parse(text) == {"A": "1", "B": "1", "C": "1-1", "D": "dflt", "E": "alt",
                           "F": "$A", "G": "$A"}
    assert parse(text, {"A": "5"})["B"] == "5"
    assert parse("A=${A:-1}\nB=$A\n", {"A": "5"}) == {"A": "5", "B": "5"}


def test_unset_variables_warn() -> None:
    """An unset variable is "" and the interpolation's warning."""
    warnings: list[str] = []
    got = parse_dotenv("A=x${UNSET}y\n", source=SRC, lookup={}.get, warnings=warnings)
    assert got == {"A": "xy"}
    assert warnings == ['The "UNSET" variable is not set. Defaulting to a blank string.']


def test_a_byte_order_mark_and_crlf_lines() -> None:
    """A UTF-8 BOM is dropped; ``\\r`` before a newline is white space."""
    assert parse('\ufeffA=1\r\nB="2"\r\n') == {"A": "1", "B": "2"}


@pytest.mark.parametrize(("text", "message"), [
    ("lol$wut", 'line 1: unexpected character "$" in variable name "lol$wut"'),
    ("A=1\n\nTEST_VALUE=ssh user@host\nx@y=1\n",
     'line 4: unexpected character "@" in variable name "x@y=1"'),
    ('KEY="value', 'line 1: unterminated quoted value "value'),
    ("KEY='value\\'", "line 1: unterminated quoted value 'value\\'"),
    # the line count runs to the end of the file before the text is made
    ('A=1\nB="x\nC=2\n', 'line 4: unterminated quoted value "x'),
    ('# some comments\nfoo="\n  a\n  multine\n  value\n"\nINVALID LINE\nzot=qix',
     "line 7: key cannot contain a space"),
    ("A B=1", "line 1: key cannot contain a space"),
    ("export ", "zero length string"),
    ("A=${B C}", 'Invalid template: "${B C}"'),
    ('A="${REQ:?must be set}"', "required variable REQ is missing a value: must be set"),
    ("A=${REQ?}", "required variable REQ is missing a value"),
])
def test_errors_are_compose_go_texts(text: str, message: str) -> None:
    """Each refusal, whole, behind Compose's ``failed to read PATH:`` (dotenv/env.go)."""
    assert error(text) == f"failed to read {SRC}: {message}"


def test_a_name_alone_with_a_trailing_space_is_not_counted() -> None:
    """``A `` alone: parser.go counts a name-alone line only when the untrimmed name has no
    space, so the next error names the line before its own."""
    assert error("X=1\nA \nb@c=1\n") == (
        f'failed to read {SRC}: line 2: unexpected character "@" in variable name "b@c=1"')


def test_several_files_one_map() -> None:
    """--env-file twice: the later file wins and sees the earlier one's keys, the OS
    environment before both (compose-go's TestMultipleFiles case)."""
    base = ("/p/base.env", 'ENV_HOSTNAME=localhost\nENV_MY_URL="http://${ENV_HOSTNAME}"\n')
    over = ("/p/over.env", 'ENV_HOSTNAME=dev.my-company.com\nENV_MY_URL="http://${ENV_HOSTNAME}"\n')
    assert read_env_files([base, over], environ={}) == {
        "ENV_HOSTNAME": "dev.my-company.com", "ENV_MY_URL": "http://dev.my-company.com"}
    assert read_env_files([base, over], environ={"ENV_HOSTNAME": "host.local"}) == {
        "ENV_HOSTNAME": "dev.my-company.com", "ENV_MY_URL": "http://host.local"}
    with pytest.raises(DotenvError) as info:
        read_env_files([base, ("/p/bad.env", "a b=1")], environ={})
    assert str(info.value) == "failed to read /p/bad.env: line 1: key cannot contain a space"


NAMES = st.from_regex(r"[A-Za-z_][A-Za-z0-9_.-]{0,8}", fullmatch=True)
PLAIN = st.from_regex(r"[A-Za-z0-9_./:@=+-]([A-Za-z0-9_./:@=+ -]{0,12}[A-Za-z0-9_./:@=+-])?",
                      fullmatch=True)


@given(st.dictionaries(NAMES, st.one_of(st.just(""), PLAIN), max_size=6),
       st.dictionaries(NAMES, st.text(st.characters(blacklist_characters="'\\\x00"),
                                      max_size=12), max_size=4))
def test_written_variables_read_back(plain: dict[str, str], quoted: dict[str, str]) -> None:
    """``KEY=value`` lines (values without ``$ # '" \\`` or edge spaces) and ``KEY='…'``
    lines (anything but ``'`` and ``\\``) read back as written."""
    lines = [f"{k}={v}" for k, v in plain.items()]
    lines += [f"export {k}='{v}'" for k, v in quoted.items()]
    assert parse("\n".join(lines) + "\n") == {**plain, **quoted}
