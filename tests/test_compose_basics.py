"""Compose's interpolation and project names (issue 14, first rules): every expected text and
value here was printed by Docker Compose 2.40.3 (`docker compose config`, the conformance lab's
28.5 root, 2026-12-04)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from netsim.io.compose.interpolation import InterpolationError, path_text, substitute
from netsim.io.compose.project import ProjectNameError, normalize_project_name, project_name

CMD = path_text(("services", "web", "command", 0))
ENV = {"A": "", "B": "", "C": "1", "D": "", "F": "ff", "I": "i", "J": "j"}


def test_the_forms_as_compose_resolved_them() -> None:
    """Each form, with A= B= C=1 D= F=ff I=i J=j (measured: the values `config` printed)."""
    items = ["echo", "${A:-da}", "${B-db}", "${C:+rc}", "${D+rd}", "$$E", "$F",
             "${G:-${H:-nested}}", "x$", "$1", "a$-b", "${I:?}", "${J?$F}"]
    got = [substitute(t, ENV, CMD).value for t in items]
    assert got == ["echo", "da", "", "rc", "rd", "$E", "ff", "nested", "x$", "$1", "a$-b", "i",
                   "j"]


def test_unset_variables_warn_and_become_empty() -> None:
    """`${UNSET_X}` gives "" and Compose's warning (the CLI prints it on stderr)."""
    s = substitute("${UNSET_X}", {}, CMD)
    assert (s.value, s.warnings) == (
        "", ['The "UNSET_X" variable is not set. Defaulting to a blank string.'])


@pytest.mark.parametrize(("template", "env", "text"), [
    ("${REQ:?must be set}", {}, "error while interpolating services.web.command.[]: required "
                                "variable REQ is missing a value: must be set"),
    ("${REQ:?must be set}", {"REQ": ""}, "error while interpolating services.web.command.[]: "
                                         "required variable REQ is missing a value: must be set"),
    ("${REQ?}", {}, "error while interpolating services.web.command.[]: required variable REQ "
                    "is missing a value"),
    ("${J?$F}", {"F": "ff"}, "error while interpolating services.web.command.[]: required "
                             "variable J is missing a value: ff"),
    ("${A B}", {}, "invalid interpolation format for services.web.command.[].\n"
                   "You may need to escape any $ with another $.\n${A B}"),
    ("${}", {}, "invalid interpolation format for services.web.command.[].\n"
                "You may need to escape any $ with another $.\n${}"),
])
def test_compose_refuses_with_its_own_words(template: str, env: dict[str, str],
                                            text: str) -> None:
    """Required variables and malformed braces: Compose's texts, whole."""
    with pytest.raises(InterpolationError) as info:
        substitute(template, env, CMD)
    assert str(info.value) == text


@given(st.text(alphabet=st.sampled_from("ab$_{}:-?+ 1"), max_size=30))
def test_interpolation_never_fails_unexpectedly(template: str) -> None:
    """Any text gives a value or Compose's InterpolationError, never another exception; a text
    without ``$`` is left as it is."""
    try:
        value = substitute(template, {"a": "x"}, "p").value
    except InterpolationError:
        return
    if "$" not in template:
        assert value == template


@pytest.mark.parametrize(("kwargs", "name"), [
    ({"directory": "/root/My Proj.X"}, "myprojx"),
    ({"directory": "/root/9Lives_A-b"}, "9lives_a-b"),
    ({"directory": "/root/_x"}, "x"),
    ({"name": "My Proj", "directory": "/root/q2"}, "myproj"),
    ({"name": "Bad!", "directory": "/root/q3"}, "bad"),
    ({"name": "fromvar", "directory": "/root/p7"}, "fromvar"),
    ({"env": {"COMPOSE_PROJECT_NAME": "envname"}, "name": "fromvar", "directory": "/root/p7"},
     "envname"),
])
def test_project_names(kwargs: dict[str, object], name: str) -> None:
    """Where the name comes from, and how a file's or a directory's name is normalized."""
    assert project_name(**kwargs) == name  # type: ignore[arg-type]


@pytest.mark.parametrize(("kwargs", "text"), [
    ({"option": "Bad!"}, 'invalid project name "Bad!": must consist only of lowercase '
                         "alphanumeric characters, hyphens, and underscores as well as start "
                         "with a letter or number"),
    ({"env": {"COMPOSE_PROJECT_NAME": "My Proj"}},
     'invalid project name "My Proj": must consist only of lowercase alphanumeric characters, '
     "hyphens, and underscores as well as start with a letter or number"),
    ({"directory": "/root/..."}, "project name must not be empty"),
])
def test_project_names_compose_refuses(kwargs: dict[str, object], text: str) -> None:
    """-p and COMPOSE_PROJECT_NAME are checked as given; a name that normalizes to nothing."""
    with pytest.raises(ProjectNameError) as info:
        project_name(**kwargs)  # type: ignore[arg-type]
    assert str(info.value) == text


def test_normalize_is_idempotent() -> None:
    """A normalized name normalizes to itself."""
    for raw in ("My Proj.X", "9Lives_A-b", "_x", "a--b__c"):
        once = normalize_project_name(raw)
        assert normalize_project_name(once) == once
