"""Which reader an input goes to: chosen by its name or ``--format``, never by its content.

A file named ``*.sh``, or with no extension, is a script of docker commands; a file Docker
Compose would find by its name (``compose.yaml``, ``compose.yml``, ``docker-compose.yml``,
``docker-compose.yaml``, their ``.override`` files) or named ``*.compose.yaml``/``.yml`` is a
Compose project; a directory, or a file named ``*.inspect.json``, is a ``docker inspect`` dump
(:mod:`netsim.io.dump`); other ``*.yaml``, ``*.yml`` and ``*.json`` files are scenarios; ``-`` is
standard input, read as a script unless ``--format`` says otherwise. ``--format`` overrides
the name. A file that does not parse as its format is reported by that format's reader
(``file:line: …``, exit 2); a name netsim cannot place, or an empty input, is one line here.

What editors on Windows put in a text file is read as its author meant it (:func:`decode_text`):
a UTF-8 byte order mark at the start is dropped without a word (it is invisible in the editor,
and Compose's YAML reader drops it too; bash would make it part of the first command's name),
and CRLF line ends are read as LF with one note, ``FILE: CRLF line ends (Windows) read as LF``
(bash would keep the CR as the last character of every line's last word: ``docker network
create n\r`` names a network ``n\r``). A lone CR (classic Mac OS) is read the same way, as
Python's universal newlines always read it.

>>> input_format("setup.sh"), input_format("notes"), input_format("stack.yml")
('script', 'script', 'scenario')
>>> input_format("shop/compose.yaml"), input_format("docker-compose.override.yml")
('compose', 'compose')
>>> input_format("stack.yml", "script")
'script'
>>> input_format("server1.inspect.json")
'inspect'
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Literal, get_args

from netsim.errors import InputError

__all__ = ["FORMATS", "InputFormat", "decode_text", "input_format", "read_input"]

InputFormat = Literal["script", "scenario", "compose", "inspect"]

#: the formats ``--format`` accepts
FORMATS: tuple[str, ...] = get_args(InputFormat)

#: file-name extensions and the format each names
_BY_SUFFIX: dict[str, InputFormat] = {
    "": "script", ".sh": "script",
    ".yaml": "scenario", ".yml": "scenario", ".json": "scenario",
}

#: the names of compose files: Compose's default names and override names
#: (compose-go cli/options.go DefaultFileNames, DefaultOverrideFileNames) and NAME.compose.yaml
_COMPOSE_NAME = re.compile(r"(?:docker-)?compose(?:\.override)?\.ya?ml|.+\.compose\.ya?ml",
                           re.IGNORECASE)

_ACCEPTED = ("a name ending in .sh or without an extension (a script), compose.yaml, "
             "docker-compose.yml or NAME.compose.yaml (a Compose project), .yaml, .yml or "
             ".json (a scenario), NAME.inspect.json or a directory (a docker inspect dump), "
             "or --format " + "|".join(FORMATS))


def input_format(path: str, given: str | None = None) -> InputFormat:
    """The format of the input ``path``: ``given`` (``--format``) if set, else by its name."""
    if given is not None:
        for fmt in FORMATS:
            if given == fmt:
                return fmt  # type: ignore[return-value]  # one of InputFormat's values
        raise InputError("--format", "unknown input format", got=given,
                         accepted=", ".join(FORMATS))
    if path == "-":
        return "script"
    if Path(path).is_dir() or path.lower().endswith(".inspect.json"):
        # a docker inspect dump: a directory of HOST.json files, or NAME.inspect.json
        return "inspect"
    if _COMPOSE_NAME.fullmatch(Path(path).name):
        return "compose"
    suffix = Path(path).suffix.lower()
    found = _BY_SUFFIX.get(suffix)
    if found is None:
        raise InputError(path, "cannot tell the input's format from its name", got=suffix,
                         accepted=_ACCEPTED)
    return found


def decode_text(data: bytes, where: str, notes: list[str] | None = None) -> str:
    """``data`` as UTF-8 text, without a leading byte order mark and with LF line ends; a note
    ``WHERE: CRLF line ends (Windows) read as LF`` is added to ``notes`` when it had CRLFs (or
    CRs). UnicodeDecodeError when ``data`` is not UTF-8.

    >>> notes: list[str] = []
    >>> decode_text(b"\\xef\\xbb\\xbfdocker ps\\r\\ndocker ps\\r\\n", "s.sh", notes), notes
    ('docker ps\\ndocker ps\\n', ['s.sh: CRLF line ends (Windows) read as LF'])
    """
    text = data.decode("utf-8").removeprefix("\ufeff")
    if "\r" in text:
        crlf = "\r\n" in text
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if notes is not None:
            notes.append(f"{where}: CRLF line ends (Windows) read as LF" if crlf
                         else f"{where}: CR line ends (classic Mac OS) read as LF")
    return text


def read_input(path: str, notes: list[str] | None = None) -> str:
    """The text of ``path`` (``-``: standard input), or one InputError saying why not.

    A byte order mark is dropped and line ends are read as LF (:func:`decode_text`, which adds
    its note to ``notes``)."""
    if path == "-":
        where = "<stdin>"
        stream = getattr(sys.stdin, "buffer", None)
        try:
            text = (decode_text(stream.read(), where, notes) if stream is not None
                    else decode_text(sys.stdin.read().encode("utf-8", "surrogateescape"),
                                     where, notes))
        except UnicodeDecodeError:
            raise InputError(where, "not UTF-8 text") from None
    else:
        p = Path(path)
        try:
            data = p.read_bytes()
        except FileNotFoundError:
            raise InputError(path, "no such file") from None
        except IsADirectoryError:
            raise InputError(path, "is a directory, not a file") from None
        except OSError as err:
            raise InputError(path, f"cannot read the file: {err.strerror}") from None
        try:
            text = decode_text(data, path, notes)
        except UnicodeDecodeError:
            raise InputError(path, "not UTF-8 text", accepted="a scenario (YAML/JSON) or a "
                             "script of docker commands") from None
        where = path
    if not text.strip():
        raise InputError(where, "the input is empty",
                         accepted="a script of docker commands or a scenario")
    return text
