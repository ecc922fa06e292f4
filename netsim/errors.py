"""The one exception tree of netsim.

::

    NetsimError                 anything netsim reports to its user
    ├── InputError              the user's input is malformed (CLI exit status 2)
    │   ├── ScenarioError       a scenario/compose/inspect field is wrong (where = field path)
    │   └── ScriptError         a line of a docker script is wrong (where = file:line)
    └── DockerError             Docker itself rejects the request; carries Docker's exact text
        ├── DaemonError         "Error response from daemon: <text>"
        └── DockerCliError      the docker CLI's own text (flag parsing, CLI-side validation)

Every :class:`InputError` renders as one line following the project's template::

    <where>: <what is wrong> (got <value>; accepted: <form>)

A :class:`DockerError` renders as Docker's own words, unchanged.
"""

from __future__ import annotations

__all__ = [
    "DaemonError",
    "DockerCliError",
    "DockerError",
    "InputError",
    "NetsimError",
    "ScenarioError",
    "ScriptError",
]


class NetsimError(Exception):
    """Base of every error netsim raises on purpose."""


class InputError(NetsimError):
    """Malformed input: where it is, what is wrong, what was given and what is accepted."""

    def __init__(
        self, where: str, what: str, *, got: object = None, accepted: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.where = where
        self.what = what
        self.got = got
        self.accepted = accepted
        #: netsim's hint on the problem (``did you mean web?``), shown on a second line
        self.hint = hint
        super().__init__(self.line())

    def __str__(self) -> str:
        hint = self.hint_line()
        return self.line() if hint is None else f"{self.line()}\n{hint}"

    def hint_line(self) -> str | None:
        """``netsim: <hint>``: this error's hint or, when it re-words an error it was raised
        while handling (``raise ScriptError(…) from None`` keeps ``__context__``), that one's;
        None when there is none. The CLI prints it under :meth:`line`."""
        err: BaseException | None = self
        seen: set[int] = set()
        while err is not None and id(err) not in seen:
            if isinstance(err, InputError) and err.hint:
                return f"netsim: {err.hint}"
            seen.add(id(err))
            err = err.__context__
        return None

    def line(self) -> str:
        """The one-line rendering used by the CLI."""
        text = f"{self.where}: {self.what}" if self.where else self.what
        extra = []
        if self.got is not None:
            extra.append(f"got {self.got!r}" if isinstance(self.got, str) else f"got {self.got}")
        if self.accepted:
            extra.append(f"accepted: {self.accepted}")
        if extra:
            text += " (" + "; ".join(extra) + ")"
        return text


class ScenarioError(InputError):
    """A field of a scenario (or compose file, or inspect dump) is wrong."""


class ScriptError(InputError):
    """A line of a docker command script cannot be read."""


class DockerError(NetsimError):
    """Docker rejects the request. ``text`` is Docker's exact message, without any prefix."""

    def __init__(self, text: str, *, exit_code: int = 1) -> None:
        self.text = text
        self.exit_code = exit_code
        #: ``docker run`` made the container and then failed to start it
        self.at_start = False
        super().__init__(text)


class DaemonError(DockerError):
    """An error the Docker daemon returns (the CLI prints ``Error response from daemon: …``).

    ``status`` is the HTTP status class the daemon maps the error to (404 not found, 409
    conflict, 400 invalid parameter, 403 forbidden, 500 system); it decides nothing in netsim
    but is kept so that callers can tell "no such object" from other failures.
    """

    def __init__(self, text: str, *, status: int = 500) -> None:
        self.status = status
        super().__init__(text, exit_code=1)


class DockerCliError(DockerError):
    """An error the docker CLI prints itself, before or instead of calling the daemon."""
