"""netsim.golang (Go's own behaviour) and netsim.dockercli's parse/flags/templates modules: their
doctests run."""

from __future__ import annotations

import doctest
import importlib

import pytest

from netsim.golang import values

MODULES = [
    "netsim.golang.values",
    "netsim.golang.netip",
    "netsim.golang.csv",
    "netsim.golang.template",
    "netsim.dockercli.templates",
]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted > 0


@pytest.mark.parametrize("text", ["1", "t", "T", "TRUE", "true", "True", "0", "f", "F", "FALSE",
                                  "false", "False", "", "yes", "tRUE", " true"])
def test_parse_bool_is_strconv(text: str) -> None:
    accepted = {"1", "t", "T", "TRUE", "true", "True"}
    refused = {"0", "f", "F", "FALSE", "false", "False"}
    if text in accepted | refused:
        assert values.parse_bool(text) is (text in accepted)
    else:
        with pytest.raises(values.NumError) as info:
            values.parse_bool(text)
        assert str(info.value) == f'strconv.ParseBool: parsing "{text}": invalid syntax'
