"""Go's text/template as docker runs it (netsim/golang/template/, netsim/dockercli/
templates.py): parsing, execution, the builtins and docker's functions, Go's error texts, and
docker inspect's typed-then-raw retry.

Expected texts marked "measured" were printed by Docker 28.5.2 (CLI 28.5.2, Go 1.24) in the
conformance lab (conformance/recorded/28.5, 36- to 56-, and lab runs while writing this); the
others follow Go's text/template source (parse/lex.go, parse/parse.go, exec.go, funcs.go).
"""

from __future__ import annotations

import doctest
from typing import Any

import pytest

from netsim.dockercli import templates
from netsim.dockercli.templates import DOCKER_FUNCS, HEADER_FUNCS, parse, render
from netsim.golang import template as gotemplate
from netsim.golang.template import ExecError, GoMap, GoStruct, ParseError, UnsupportedTemplate

#: a container's inspect JSON, cut down (the shapes netsim's inspect writes)
CONTAINER: dict[str, Any] = {
    "Id": "b5838b85ac8f",
    "Name": "/a1",
    "State": {"Status": "exited", "Running": False, "Paused": False, "Pid": 0,
              "ExitCode": 137},
    "HostConfig": {"NetworkMode": "bridge", "Links": None, "Dns": [],
                   "LogConfig": {"Type": "json-file", "Config": {}}, "PortBindings": {}},
    "Config": {"Env": ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],
               "Cmd": ["sleep", "1000"], "Labels": {"a": "b"}, "Volumes": None},
    "NetworkSettings": {
        "IPAddress": "",
        "Ports": {},
        "Networks": {
            "net1": {"IPAMConfig": None, "Aliases": ["app"], "Gateway": "172.18.0.1",
                     "IPAddress": "172.18.0.2", "DNSNames": ["a1", "app"]},
            "bridge": {"IPAMConfig": None, "Links": None, "Aliases": None,
                       "Gateway": "172.17.0.1", "IPAddress": "172.17.0.3", "DNSNames": None},
        },
    },
}
NETWORK: dict[str, Any] = {
    "Name": "n1", "Id": "6a4d691f3d7c",
    "IPAM": {"Driver": "default", "Options": None,
             "Config": [{"Subnet": "172.18.0.0/16", "Gateway": "172.18.0.1"}]},
    "Containers": {"c2": {"Name": "a2", "IPv4Address": "10.5.1.0/16"},
                   "c1": {"Name": "a1", "IPv4Address": "172.18.0.2/16"}},
    "Options": {"com.docker.network.bridge.enable_icc": "false"},
}


def fails(template: str, data: Any = CONTAINER) -> str:
    with pytest.raises(gotemplate.TemplateError) as info:
        render(template, data)
    return str(info.value)


def test_docstring_examples() -> None:
    """The module's doctests run."""
    assert doctest.testmod(templates).failed == 0


# --------------------------------------------------------------------------- what users write

@pytest.mark.parametrize(("template", "data", "expected"), [
    # measured (38-container-inspect, 37-network-ls-inspect): range with key and value over a
    # map, sorted by key; a parenthesised call with a field after it
    ("{{range $k, $v := .NetworkSettings.Networks}}{{$k}}={{$v.IPAddress}} {{end}}", CONTAINER,
     "bridge=172.17.0.3 net1=172.18.0.2 "),
    ("{{range $id, $c := .Containers}}{{$c.Name}} {{$c.IPv4Address}}{{end}}", NETWORK,
     "a1 172.18.0.2/16a2 10.5.1.0/16"),
    ('{{(index .NetworkSettings.Networks "net1").Gateway}}', CONTAINER, "172.18.0.1"),
    ('{{range .Containers}}{{.Name}}{{"\\n"}}{{end}}', NETWORK, "a1\na2\n"),
    ('{{index .Options "com.docker.network.bridge.enable_icc"}}', NETWORK, "false"),
    ("{{len .Containers}}", NETWORK, "2"),
    ("{{json .NetworkSettings.Ports}} {{.State.Status}} {{.State.ExitCode}}", CONTAINER,
     "{} exited 137"),
    ("{{json .IPAM.Config}}", NETWORK, '[{"Subnet":"172.18.0.0/16","Gateway":"172.18.0.1"}]'),
    ("{{.NetworkSettings.Networks.net1.DNSNames}}", CONTAINER, "[a1 app]"),
    # measured: typed nils print as their Go type does ([] for a slice, map[] for a map,
    # <nil> for a pointer); a missing map key is <no value>, index gives the zero value
    ("{{.HostConfig.Links}} {{.HostConfig.Dns}} {{.HostConfig.LogConfig.Config}}", CONTAINER,
     "[] [] map[]"),
    ("{{.NetworkSettings.Networks.bridge.IPAMConfig}} {{.Config.Volumes}}", CONTAINER,
     "<nil> map[]"),
    ('{{index .Config.Labels "nope"}}|{{index .NetworkSettings.Networks "nope"}}|'
     "{{.Config.Labels.nope}}", CONTAINER, "|<nil>|<no value>"),
    ("{{.NetworkSettings.IPAddress}}", CONTAINER, ""),
    # measured: if/else, with/else, and/or/not/eq/ne, printf, the string functions
    ("{{if .State.Running}}up{{else}}down{{end}} {{with .Config.Labels}}L{{else}}noL{{end}}",
     CONTAINER, "down L"),
    ('{{eq .State.Status "exited"}} {{ne .State.Pid 1}} {{and .State.Running .State.Paused}} '
     '{{or .State.Paused "x"}} {{not .State.Running}}', CONTAINER, "true true false x true"),
    ('{{.Name | printf "%q"}} {{len .Config.Env}} {{printf "%v %s %d" .Name .Name .State.Pid}}',
     CONTAINER, '"/a1" 1 /a1 /a1 0'),
    ('{{printf "%T"  .State.Pid}} {{printf "%v" .HostConfig.PortBindings}}', CONTAINER,
     "int map[]"),
    ('{{len .Name}} {{upper .Name}} {{split .Name "/"}} {{title "ab cd"}}', CONTAINER,
     "3 /A1 [ a1] Ab Cd"),
    ("{{json .State.ExitCode}} {{.Config.Cmd}} {{json .Config.Cmd}}", CONTAINER,
     '137 [sleep 1000] ["sleep","1000"]'),
    ("{{range $i, $e := .Config.Cmd}}{{$i}}:{{$e}} {{end}}", CONTAINER, "0:sleep 1:1000 "),
    # Go's other forms: variables, assignment, else if, break, range over an int, trim
    # markers, comments, raw strings, pipelines into functions
    ('{{$x := .Name}}{{$x}}{{$x = "q"}}{{$x}}', CONTAINER, "/a1q"),
    ('{{if eq .State.Status "running"}}R{{else if eq .State.Status "exited"}}E{{else}}?{{end}}',
     CONTAINER, "E"),
    ("{{range .NetworkSettings.Networks}}{{.IPAddress}}{{break}}{{end}}", CONTAINER,
     "172.17.0.3"),
    ("{{range 3}}{{.}}{{end}}", CONTAINER, "012"),
    ('{{- " a " -}}  b  {{- 3 -}} {{/* gone */}}c', CONTAINER, " a b3c"),
    ("{{`raw\\n`}}|{{.Name | upper | lower}}", CONTAINER, "raw\\n|/a1"),
    ('{{join (split "a,b" ",") "+"}} {{pad "x" 1 2}}| {{truncate "abcdef" 3}}', CONTAINER,
     "a+b  x  | abc"),
    ('{{print 1 2 "a" "b" 3}}|{{println 1 "a"}}', CONTAINER, "1 2ab3|1 a\n"),
    ('{{printf "%5.2f|%-4d|%x|%d"  3.14159 7 255}}', CONTAINER, " 3.14|7   |ff|%!d(MISSING)"),
    ("{{range .Config.Nope}}x{{else}}none{{end}}", {"Config": {"Nope": []}}, "none"),
    # measured: network.IPAMConfig prints every field (AuxAddress is Go's name)
    ("{{.IPAM.Config}}|{{.IPAM}}", {"IPAM": {"Driver": "default", "Options": None, "Config": [
        {"Subnet": "10.7.0.0/16", "IPRange": "10.7.1.0/24"}]}},
     "[{10.7.0.0/16 10.7.1.0/24  map[]}]|{default map[] [{10.7.0.0/16 10.7.1.0/24  map[]}]}"),
])
def test_templates(template: str, data: Any, expected: str) -> None:
    """What docker prints for the templates its users write (see the comments)."""
    assert render(template, data) == expected


def test_struct_prints_its_fields_and_a_range_over_it_fails_typed() -> None:
    """Measured: ``{{.State}}`` prints the struct's fields in order (the typed run); ranging
    over a struct fails there, and the raw run ranges over the map's 11 keys."""
    state = {"Status": "running", "Running": True, "Paused": False, "Pid": 11291,
             "ExitCode": 0, "Error": ""}
    assert render("{{.State}}", {"State": state}) == "{running true false 11291 0 }"
    assert render("{{range .State}}x{{end}}", {"State": state}) == "xxxxxx"


# --------------------------------------------------------------------------- errors

@pytest.mark.parametrize(("template", "expected"), [
    # measured (54-exec-inspect-errors and lab runs): exit status 64 for these in inspect
    ("{{", "template: :1: unclosed action"),
    ("{{.Name", "template: :1: unclosed action"),
    ("{{foo .Name}}", 'template: :1: function "foo" not defined'),
    ("{{.Name}} {{end}}", "template: :1: unexpected {{end}}"),
    # Go's parser
    ("{{range .X}}", "template: :1: unexpected EOF"),
    ("{{}}", "template: :1: missing value for command"),
    ("{{$x}}", 'template: :1: undefined variable "$x"'),
    ("{{if}}{{end}}", "template: :1: missing value for if"),
    ("{{.Name}", "template: :1: bad character U+007D '}'"),
    ('{{"abc}}', "template: :1: unterminated quoted string"),
    ("{{(.Name}}", "template: :1: unclosed left paren"),
    ("{{.Name)}}", 'template: :1: unexpected ")" in command'),
    ("{{else}}", "template: :1: unexpected {{else}}"),
    ("{{range .A}}{{else}}{{else}}{{end}}", "template: :1: expected end; found {{else}}"),
    ("{{break}}", "template: :1: {{break}} outside {{range}}"),
    ("{{3 | 4}}", "template: :1: non executable command in pipeline stage 2"),
    ("{{1.5.x}}", 'template: :1: unexpected . after term "1.5"'),
    ("a\n\n{{.Name", "template: :3: unclosed action"),
])
def test_parse_errors(template: str, expected: str) -> None:
    """Go's parse errors, word for word."""
    with pytest.raises(ParseError) as info:
        parse(template)
    assert str(info.value) == expected


@pytest.mark.parametrize(("template", "data", "expected"), [
    # measured: the raw run's errors, with the whole node as context (Go no longer cuts it
    # at 20 bytes) and the column of the node's second field
    ("{{.Nope}}", CONTAINER, 'at <.Nope>: map has no entry for key "Nope"'),
    ("{{.State.Nope}}", CONTAINER, ':1:8: executing "" at <.State.Nope>: map has no entry '
     'for key "Nope"'),
    ("{{json .NetworkSettings.Nope}}", CONTAINER, ':1:23: executing "" at '
     '<.NetworkSettings.Nope>: map has no entry for key "Nope"'),
    ("{{.Nope.X}}", CONTAINER, ':1:7: executing "" at <.Nope.X>: map has no entry for key '
     '"Nope"'),
    ("{{.State.Pid.X}}", CONTAINER, ":1:8: executing \"\" at <.State.Pid.X>: can't evaluate "
     "field X in type interface {}"),
    ("{{index .Config.Env 9}}", CONTAINER, ':1:2: executing "" at <index .Config.Env 9>: '
     "error calling index: index out of range: 9"),
    ("{{.Id}} {{.ID}}", CONTAINER, ':1:10: executing "" at <.ID>: map has no entry for key '
     '"ID"'),
    # measured (46-network-create-daemon-errors): the typed run fails on AuxiliaryAddresses
    # (Go's field is AuxAddress), the raw one on the omitted IPRange
    ("{{.Name}} {{range .IPAM.Config}}{{.Subnet}} {{.IPRange}} {{.Gateway}} "
     "{{.AuxiliaryAddresses}}{{end}}", NETWORK,
     ':1:46: executing "" at <.IPRange>: map has no entry for key "IPRange"'),
    # Go's executor
    ("{{.HostConfig.Links.X}}", CONTAINER, "nil pointer evaluating interface {}.X"),
    ("{{len 3}}", CONTAINER, "error calling len: len of type int"),
    ("{{json}}", CONTAINER, "at <json>: wrong number of args for json: want 1 got 0"),
    ('{{.Name "x"}}', CONTAINER, "at <.Name>: Name is not a method but has arguments"),
    ("{{nil}}", CONTAINER, "at <nil>: nil is not a command"),
    ('{{eq .State.Status 1}}', CONTAINER, "error calling eq: incompatible types for comparison"),
    ("{{range .Name}}{{end}}", CONTAINER, "range can't iterate over /a1"),
    ("{{lower 3}}", CONTAINER, ':1:8: executing "" at <3>: expected string; found 3'),
    ("a\n{{.Nope}}", CONTAINER, 'template: :2:2: executing "" at <.Nope>'),
])
def test_execution_errors(template: str, data: Any, expected: str) -> None:
    """Go's execution errors (``template: :LINE:COL: executing "" at <NODE>: …``)."""
    text = fails(template, data)
    assert text.startswith("template: :")
    assert expected in text


def test_unsupported_forms_say_so() -> None:
    """define/template/block are not simulated: UnsupportedTemplate, not a wrong answer."""
    for template in ('{{define "x"}}a{{end}}', '{{template "x"}}', '{{block "x" .}}a{{end}}'):
        with pytest.raises(UnsupportedTemplate):
            parse(template)


def test_docker_functions_are_defined_and_headers_keep_names() -> None:
    """docker/cli templates.basicFunctions, and HeaderFunctions for table headers."""
    assert {"json", "split", "join", "title", "lower", "upper", "pad", "truncate"} <= set(
        DOCKER_FUNCS)
    header = GoMap({"Names": "NAMES"})
    tmpl = parse("{{lower .Names}} {{json .Names}}")
    assert tmpl.execute(header, funcs=HEADER_FUNCS) == "NAMES NAMES"


def test_go_structs_with_methods() -> None:
    """A formatter context (GoStruct): methods with arguments, Go's errors for the rest."""
    ctx = GoStruct("*formatter.ContainerContext", {"Names": "web"},
                   {"Label": lambda name: {"a": "1"}.get(name, "")}, as_json={"Names": "web"})
    assert parse('{{.Names}} {{.Label "a"}}|{{json .}}').execute(ctx) == 'web 1|{"Names":"web"}'
    with pytest.raises(ExecError) as info:
        parse("{{.Nope}}").execute(ctx)
    assert str(info.value).endswith("can't evaluate field Nope in type "
                                    "*formatter.ContainerContext")
    with pytest.raises(ExecError) as info:
        parse('{{.Names "x"}}').execute(ctx)
    assert str(info.value).endswith("wrong number of args for Names: want 0 got 1")


def test_json_is_gos_encoding() -> None:
    """encoding/json without HTML escaping: Go's string escapes and float forms."""
    assert gotemplate.go_json({"a": "<&>\n\u2028", "b": 0.5, "c": 1e21, "d": None}) == (
        '{"a":"<&>\\n\\u2028","b":0.5,"c":1e+21,"d":null}')
