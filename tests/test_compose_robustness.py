"""Odd and malformed Compose input: every file and ``docker compose`` line that once crashed
netsim or hung it, and the rules fixed while fuzzing (each answer is Compose's text, the
daemon's, or netsim's own ``netsim: … not simulated``; never a traceback)."""

from __future__ import annotations

from pathlib import Path

import pytest

from netsim.cli import main
from netsim.lab import Lab, Step


def lab_in(text: str, files: dict[str, str] | None = None, profile: str | None = None) -> Lab:
    """A sandboxed lab in /root/p holding ``compose.yaml`` and ``files``."""
    lab = Lab(sandboxed=True) if profile is None else Lab(sandboxed=True, profile=profile)
    ws = lab.workspace(lab.current_host)
    ws.mkdir("/root/p", parents=True)
    ws.chdir("/root/p")
    ws.write_text("compose.yaml", text)
    for name, content in (files or {}).items():
        if "/" in name:
            ws.mkdir("/root/p/" + name.rsplit("/", 1)[0], parents=True)
        ws.write_text(name, content)
    return lab


def compose(text: str, command: str = "config", files: dict[str, str] | None = None,
            profile: str | None = None) -> Step:
    """``docker compose COMMAND`` on the project ``text``."""
    return lab_in(text, files, profile).docker(f"compose {command}")


def cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    """``netsim ARGV…`` in this process: its exit status and what it printed on stderr."""
    with pytest.raises(SystemExit) as stop:
        main(list(argv))
        raise SystemExit(0)
    code = stop.value.code
    return (code if isinstance(code, int) else 1), capsys.readouterr().err


WEB = "services:\n  web:\n    image: nginx\n"


def web(extra: str) -> str:
    """A service ``web`` with the lines ``extra`` (YAML at the service's level)."""
    return WEB + "".join(f"    {line}\n" for line in extra.splitlines())


# ------------------------------------------------------------------------- include

def test_include_that_is_no_list_is_refused_in_compose_go_words() -> None:
    """``include: 5`` is include.go loadIncludeConfig's ``must be a list`` with Go's %s."""
    step = compose("include: 5\n" + WEB)
    assert (step.exit_code, step.stderr) == (1, "`include` must be a list, got %!s(int=5)\n")


def test_include_entry_of_another_type_is_mapstructures_error() -> None:
    """An include entry that is neither a path nor a mapping is mapstructure's decode error."""
    step = compose("include: [5]\n" + WEB)
    assert step.exit_code == 1
    assert step.stderr == ("decoding failed due to the following error(s):\n\n"
                           "'[0]' expected a map or struct, got \"int\"\n")


def test_include_path_of_another_type_is_stringlists_error() -> None:
    """``include: [{path: 5}]`` is types.StringList's ``invalid type int for string list``."""
    step = compose("include: [{path: 5}]\n" + WEB)
    assert step.stderr.endswith("'[0].path' invalid type int for string list\n")


def test_include_into_a_section_that_is_no_mapping_is_not_simulated() -> None:
    """Importing an included file's networks into ``networks: [a]`` (a Go panic in Compose)
    is said to be not simulated."""
    step = compose("include: [other.yaml]\n" + WEB + "networks: [a]\n",
                   files={"other.yaml": "services:\n  db: {image: postgres}\n"
                                        "networks:\n  back: {}\n"})
    assert step.exit_code == 126 and step.stderr.startswith("netsim: networks is not a mapping")


def test_include_cycle_names_the_including_file_first() -> None:
    """A file that includes a file that includes it: every file of the cycle, as compose-go
    lists them (the including file counts from the start)."""
    step = compose("include: [other.yaml]\n" + WEB,
                   files={"other.yaml": "include: [compose.yaml]\nservices:\n  db: {image: x}\n"})
    assert step.stderr == ("include cycle detected:\n/root/p/compose.yaml\n include "
                           "/root/p/other.yaml\n include /root/p/compose.yaml\n")


def test_include_env_file_is_stated_first() -> None:
    """A relative include ``env_file`` is stat'ed: include.go's own two texts."""
    missing = compose("include: [{path: other.yaml, env_file: nothere}]\n" + WEB,
                      files={"other.yaml": "services:\n  db: {image: x}\n"})
    assert missing.stderr == "stat /root/p/nothere: no such file or directory\n"
    directory = compose("include: [{path: other.yaml, env_file: sub}]\n" + WEB,
                        files={"other.yaml": "services:\n  db: {image: x}\n", "sub/f": ""})
    assert directory.stderr == "/root/p/sub is not a file\n"


def test_extends_is_applied_before_include() -> None:
    """loader.go processRawYaml applies ``extends`` before ``include``: a base that only an
    included file defines is not found."""
    step = compose("include: [other.yaml]\nservices:\n  web: {extends: base}\n",
                   files={"other.yaml": "services:\n  base: {image: nginx}\n"})
    assert step.stderr == ('cannot extend service "web" in /root/p/compose.yaml: service '
                           '"base" not found\n')


def test_extends_file_of_another_file_is_relative_to_that_file() -> None:
    """An ``extends.file`` inside a file of a subdirectory is read from that subdirectory."""
    step = compose(web("extends: {file: sub/base.yaml, service: base}"), files={
        "sub/base.yaml": "services:\n  base:\n    extends: {file: common.yaml, service: c}\n",
        "sub/common.yaml": "services:\n  c:\n    image: alpine\n    environment: [A=1]\n"})
    assert step.exit_code == 0 and '      A: "1"\n' in step.stdout


# ------------------------------------------------------------------------- shapes

@pytest.mark.parametrize(("text", "error"), [
    ("services:\n", "services must be a mapping"),
    ("services: {web: 5}\n", "services.web must be a mapping"),
    (WEB + "networks: [a]\n", "validating /root/p/compose.yaml: networks must be a mapping"),
])
def test_sections_that_are_no_mapping(text: str, error: str) -> None:
    """A ``services`` or a service that is no mapping (null too) is loader/extends.go's
    refusal; any other section is the schema's."""
    assert compose(text).stderr == error + "\n"


@pytest.mark.parametrize(("extra", "error"), [
    ("container_name: 'a b'", "services.web.container_name 'a b' does not match pattern "
                              "'[a-zA-Z0-9][a-zA-Z0-9_.-]+'"),
    ("depends_on: {db: {condition: bogus}}",
     "services.web.depends_on.db.condition value must be one of 'service_started', "
     "'service_healthy', 'service_completed_successfully'"),
    ("depends_on: {db: {required: false}}", "services.web.depends_on.db missing property "
                                            "'condition'"),
    ("security_opt: [a, b, a]", "services.web.security_opt items at 0 and 2 are equal"),
    ("volumes: [{type: bogus, target: /x}]", "services.web.volumes.0.type value must be one "
                                             "of 'bind', 'volume', 'tmpfs', 'cluster', "
                                             "'npipe', 'image'"),
])
def test_schema_keywords_beyond_types(extra: str, error: str) -> None:
    """The specification's enum, pattern, required and uniqueItems, in jsonschema's words."""
    step = compose(web(extra) + "  db:\n    image: postgres\n")
    assert step.stderr == f"validating /root/p/compose.yaml: {error}\n"


def test_long_bind_source_is_made_absolute() -> None:
    """A long-syntax bind's relative source is resolved against the project directory."""
    step = compose(web("volumes: [{type: bind, source: ./x, target: /x}]"))
    assert "        source: /root/p/x\n" in step.stdout
    empty = compose(web("volumes: [{type: bind, target: /x}]"))
    assert empty.stderr.endswith('invalid mount config for type "bind": field Source must not '
                                 "be empty\n")


# ------------------------------------------------------------------------- YAML

def test_nesting_past_the_limit_is_not_simulated(capsys: pytest.CaptureFixture[str],
                                                 tmp_path: Path) -> None:
    """A file nested deeper than netsim follows: one line, exit 126 in a script, 2 from the
    CLI; never a RecursionError."""
    deep = WEB + "x-deep: " + "[" * 150 + "]" * 150 + "\n"
    step = compose(deep)
    assert step.exit_code == 126
    assert step.stderr == "netsim: YAML nested more than 100 levels deep is not simulated\n"
    path = tmp_path / "compose.yaml"
    path.write_text(deep)
    code, err = cli(capsys, "validate", str(path))
    assert code == 2 and "netsim: YAML nested more than 100 levels" in err


def test_nesting_at_the_limit_is_read_and_printed() -> None:
    """A file nested exactly as deep as netsim follows goes through config, YAML and JSON."""
    deep = WEB + "x-deep: " + "[" * 99 + "]" * 99 + "\n"
    assert compose(deep).exit_code == 0
    assert compose(deep, "config --format json").exit_code == 0


def test_alias_expansion_bomb_is_refused_as_yaml_v3_refuses_it() -> None:
    """Nested aliases that would expand to millions of nodes: yaml.v3's ``excessive
    aliasing``."""
    layers = ["a: &a [x, x, x, x, x, x, x, x, x]"]
    for prev, name in zip("abcdefg", "bcdefgh", strict=True):
        layers.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * 9) + "]")
    step = compose("x-bomb:\n" + "".join(f"  {line}\n" for line in layers) + WEB)
    assert step.stderr == "yaml: document contains excessive aliasing\n"


@pytest.mark.parametrize(("text", "error"), [
    ("x-a: &x\n  b: *x\n", "yaml: anchor 'x' value contains itself"),
    ("x-a: &x\n  <<: *x\n", "yaml: anchor 'x' value contains itself"),
    ("x-a: *nope\n", "yaml: unknown anchor 'nope' referenced"),
    ("x-a: !!int x\n", "yaml: cannot decode !!str `x` as a !!int"),
    ("x-a: !!bool 5\n", "yaml: cannot decode !!int `5` as a !!bool"),
])
def test_yaml_errors_in_yaml_v3_words(text: str, error: str) -> None:
    """Aliases and explicit tags refused as yaml.v3's decoder words it."""
    assert compose(WEB + text).stderr == error + "\n"


def test_explicit_int_tag_reads_go_numbers() -> None:
    """``!!int 0x10`` is 16, as yaml.v3 resolves it."""
    step = compose(web("scale: !!int 0x1"))
    assert step.exit_code == 0 and "    scale: 1\n" in step.stdout


# ------------------------------------------------------------------------- numbers

def test_replicas_past_int64_are_read_as_go_converts_them() -> None:
    """A replica count past int64 (a float for yaml.v3) becomes int64's smallest value
    (amd64), which validate.go refuses."""
    step = compose(web("deploy: {replicas: 99999999999999999999999}"))
    assert step.stderr == ("services.web.deploy.replicas: must be greater than or equal to "
                           "0\n")


@pytest.mark.parametrize(("value", "why"), [
    ("99999999999999999999", "value out of range"), ("1_0", "invalid syntax"),
    (" 3", "invalid syntax"),
])
def test_quoted_counts_are_cast_as_strconv_atoi_does(value: str, why: str) -> None:
    """An interpolated ``scale`` is strconv.Atoi's: no ``_``, no space, within int64."""
    step = compose(web(f"scale: '{value}'"))
    assert step.stderr == ("error while interpolating services.web.scale: failed to cast to "
                           f'expected type: strconv.Atoi: parsing "{value}": {why}\n')


def test_compose_go_casts_every_path_it_lists() -> None:
    """interpolateTypeCastMapping's volume ``read_only`` and ``max_attempts`` are typed."""
    step = compose(web("volumes: [{type: bind, source: /x, target: /x, read_only: 'true'}]\n"
                       "deploy: {restart_policy: {max_attempts: '3'}}"))
    assert "        read_only: true\n" in step.stdout
    assert "        max_attempts: 3\n" in step.stdout


def test_too_many_containers_are_not_simulated() -> None:
    """A service asking for more containers than netsim simulates is said so, at once."""
    step = compose(web("scale: 100000"), "up -d")
    assert step.exit_code == 126
    assert step.stderr == ('netsim: 100000 containers for the service "web": netsim '
                           "simulates at most 10000 a service\n")


def test_scale_option_past_int64() -> None:
    """``--scale web=<past int64>`` is strconv.Atoi's ``value out of range``."""
    step = compose(WEB, "up -d --scale web=99999999999999999999")
    assert step.stderr == ('strconv.Atoi: parsing "99999999999999999999": value out of '
                           "range\n")


@pytest.mark.parametrize(("args", "error"), [
    ("web", "invalid scale specifier: web"),
    ("web=x", "invalid scale specifier: can't parse replica value as int: web=x"),
    ("=2", "invalid scale specifier: =2"),
])
def test_scale_command_arguments(args: str, error: str) -> None:
    """``docker compose scale`` checks its SERVICE=REPLICAS arguments first (scale.go)."""
    step = compose(WEB, f"scale {args}")
    assert (step.exit_code, step.stderr) == (1, error + "\n")


# ------------------------------------------------------------------------- dependencies

def test_shared_dependencies_are_checked_for_cycles_in_linear_time() -> None:
    """Forty services each depending on all before them: the cycle check does not walk
    every path (2^39 of them)."""
    text = "services:\n" + "".join(
        f"  s{i}: {{image: x, depends_on: [{', '.join(f's{j}' for j in range(i))}]}}\n"
        for i in range(40)).replace("depends_on: []", "depends_on: {}")
    step = compose(text, "config --services")
    assert step.exit_code == 0 and step.stdout.split() == [f"s{i}" for i in range(40)]


def test_a_cycle_is_still_named_from_its_first_service() -> None:
    """The cycle reported is compose-go's: from the first service by name."""
    step = compose("services:\n  b: {image: x, depends_on: [a]}\n  a: {image: x, depends_on: "
                   "[c]}\n  c: {image: x, depends_on: [b]}\n")
    assert step.stderr == "dependency cycle detected: a -> c -> b -> a\n"


def test_a_long_dependency_chain_needs_no_deep_recursion() -> None:
    """1,500 services in a chain: ordered, checked and brought up."""
    text = "services:\n  s0: {image: x}\n" + "".join(
        f"  s{i}: {{image: x, depends_on: [s{i - 1}]}}\n" for i in range(1, 1500))
    lab = lab_in(text)
    assert lab.docker("compose config --services").stdout.split()[-1] == "s1499"
    assert lab.docker("compose up -d").exit_code == 0


def test_a_too_deep_extends_chain_is_not_simulated() -> None:
    """An extends chain deeper than Python's stack: netsim says so."""
    text = "services:\n" + "".join(f"  s{i}: {{extends: s{i - 1}}}\n"
                                   for i in range(1500, 0, -1)) + "  s0: {image: x}\n"
    step = compose(text)
    assert step.exit_code == 126 and step.stderr.startswith("netsim: this project's chain")


# ------------------------------------------------------------------------- the daemon's answers

def test_invalid_image_reference_is_refused_before_any_network() -> None:
    """create.go ensureImagesExists inspects the images first: nothing is created."""
    step = compose(web("").replace("nginx", "UPPER:bad:tag"), "up -d")
    assert (step.exit_code, step.stderr) == (
        1, "unable to get image 'UPPER:bad:tag': Error response from daemon: invalid "
           "reference format: repository name (library/UPPER) must be lowercase\n")


def test_container_names_must_be_unique_in_the_project() -> None:
    """CheckContainerNameUnicity, as compose-go prints it (``{}`` and the stray quote)."""
    text = "services:\n  a: {image: x, container_name: cc}\n  b: {image: x, container_name: cc}\n"
    for command in ("up -d", "config"):
        step = compose(text, command)
        assert step.stderr == 'services.b: container name "cc" is already in use by service {}"\n'


def test_container_name_the_daemon_refuses() -> None:
    """A name the schema's unanchored pattern lets through is the daemon's refusal."""
    step = compose(web("container_name: 'a b c1'"), "up -d")
    assert step.exit_code == 1
    assert step.stderr.endswith("Error response from daemon: Invalid container name (a b c1), "
                                "only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed\n")


def test_run_name_the_daemon_refuses() -> None:
    """``run --name 'a b'``: the daemon's refusal, no traceback."""
    step = compose(WEB, "run --rm --name 'a b' web")
    assert step.exit_code == 1
    assert step.stderr.endswith("Error response from daemon: Invalid container name (a b), "
                                "only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed\n")


@pytest.mark.parametrize(("ports", "bad"), [
    ("[{target: 80, published: x}]", "x"), ("[{target: 80, published: '-1'}]", "-1"),
    ("[{target: 99999999}]", "99999999"), ("[{target: -1}]", "-1"),
])
def test_port_the_daemon_cannot_parse(ports: str, bad: str) -> None:
    """daemon/container.go validatePortBindings, at the container's create."""
    step = compose(web(f"ports: {ports}"), "up -d")
    assert step.exit_code == 1
    assert step.stderr.endswith(f'Error response from daemon: invalid port specification: '
                                f'"{bad}"\n')


@pytest.mark.parametrize(("extra", "said"), [
    ("ports: ['0:0']", "ports: container port 0/tcp"),
    ("ports: [{target: 80, protocol: xyz}]", "ports: container port 80/xyz"),
    ("ports: [{target: 80, host_ip: x}]", "ports: host_ip 'x', not an IP address,"),
    ("expose: [x]", "expose: 'x'"), ("expose: ['80-90']", "expose: '80-90'"),
])
def test_port_netsim_cannot_represent_is_not_simulated(extra: str, said: str) -> None:
    """Ports the daemon would take but netsim's model cannot carry are said so (126)."""
    step = compose(web(extra), "up -d")
    assert step.exit_code == 126
    assert step.stderr.endswith(f"netsim: services.web.{said} is not simulated\n")


def test_endpoint_address_that_does_not_parse() -> None:
    """The daemon's validateEndpointSettings: every problem of the endpoint, listed."""
    step = compose("services:\n  a:\n    image: nginx\n    networks:\n      n: {ipv4_address: "
                   "999.1.1.1}\nnetworks:\n  n: {ipam: {config: [{subnet: 10.5.0.0/24}]}}\n",
                   "up -d", profile="28.5")
    assert step.exit_code == 1
    assert step.stderr.endswith(
        "Error response from daemon: invalid config for network p_n: invalid endpoint "
        "settings:\n* invalid IPv4 address: 999.1.1.1\n* no configured subnet or ip-range "
        "contain the IP address 999.1.1.1\n")


@pytest.mark.parametrize(("pool", "listed"), [
    ("{subnet: x}", "invalid subnet x: invalid CIDR block notation"),
    ("{subnet: 10.0.0.0/33}", "invalid subnet 10.0.0.0/33: invalid CIDR block notation"),
    ("{subnet: 10.0.0.1/24, gateway: x}", "* invalid subnet 10.0.0.1/24: it should be "
                                          "10.0.0.0/24\n* invalid gateway x: invalid address"),
    ("{subnet: 10.0.0.0/24, ip_range: x}", "invalid ip-range x: invalid CIDR block notation"),
    ("{subnet: 10.0.0.0/24, aux_addresses: {a: x}}", "invalid auxiliary address a: invalid "
                                                      "address"),
])
def test_ipam_value_that_does_not_parse(pool: str, listed: str) -> None:
    """api/types/network/ipam.go ValidateIPAM's problems, behind Compose's network error."""
    step = compose(f"services:\n  a: {{image: x, networks: [n]}}\nnetworks:\n  n: {{ipam: "
                   f"{{config: [{pool}]}}}}\n", "up -d")
    assert step.exit_code == 1
    assert step.stderr.endswith(" Network p_n  Error\nfailed to create network p_n: Error "
                                f"response from daemon: invalid network config:\n{listed}\n")


# ------------------------------------------------------------------------- the command line

def test_command_help_is_said_not_reproduced() -> None:
    """cobra gives every command ``-h``/``--help``; netsim does not reproduce the text."""
    for flag in ("--help", "-h"):
        step = compose(WEB, f"up {flag}")
        assert (step.exit_code, step.stderr) == (
            126, "netsim: Compose's help text is not reproduced\n")


def test_flags_not_simulated_are_said_once() -> None:
    """A flag netsim reads but does not act on is said once per session, not silently
    dropped; the command still runs."""
    lab = lab_in(WEB)
    first = lab.docker("compose up -d --force-recreate")
    again = lab.docker("compose up -d --force-recreate")
    note = "netsim: 'docker compose up --force-recreate' is read but not simulated\n"
    assert first.exit_code == 0 and first.stderr.startswith(note)
    assert note not in again.stderr
    dry = lab.docker("compose --dry-run ps")
    assert "netsim: 'docker compose --dry-run' is read but not simulated\n" in dry.stderr


def test_config_of_named_services_prints_them_and_their_dependencies() -> None:
    """``config SERVICE`` narrows the model as ToProject does; an unknown one is refused."""
    text = WEB + "    depends_on: [db]\n  db:\n    image: postgres\n  other:\n    image: x\n"
    printed = compose(text, "config web").stdout
    assert "  db:\n" in printed and "  web:\n" in printed and "other" not in printed
    assert compose(text, "config nope").stderr == "no such service: nope\n"


def test_config_format_error_quotes_as_go() -> None:
    """config.go's ``unsupported format %q``."""
    assert compose(WEB, "config --format xml").stderr == 'unsupported format "xml"\n'


def test_ls_formats() -> None:
    """formatter.Print: ``{{json.}}`` a stack a line, another format its parsing error."""
    lab = lab_in(WEB)
    lab.docker("compose up -d")
    line = lab.docker("compose ls --format '{{json.}}'").stdout
    assert line == '{"Name":"p","Status":"running(1)","ConfigFiles":"/root/p/compose.yaml"}\n'
    bad = lab.docker("compose ls --format bogus")
    assert (bad.exit_code, bad.stderr) == (
        1, 'format value "bogus" could not be parsed: parsing failed\n')


# ------------------------------------------------------------------------- the CLI

def test_env_file_that_is_no_utf8_reads(capsys: pytest.CaptureFixture[str],
                                        tmp_path: Path) -> None:
    """A ``.env`` with bytes that are not UTF-8 is read (replaced), not an internal error."""
    (tmp_path / "compose.yaml").write_text(WEB)
    (tmp_path / ".env").write_bytes(b"A=\xff\n")
    code, err = cli(capsys, "validate", str(tmp_path / "compose.yaml"))
    assert code == 0 and err == ""


ODD_FILES = [
    "include: 5\n" + WEB, "include: [5]\n" + WEB, web("image: '$'"),
    web("ports: [{target: 80, published: x}]"), web("ports: [{target: 80, host_ip: x}]"),
    web("expose: ['80-90']"), web("networks: {default: {ipv4_address: 999.1.1.1}}"),
    web("container_name: 'a b'"), web("deploy: {replicas: 99999999999999999999999}"),
    "services:\n  a: {image: x, networks: [n]}\nnetworks:\n  n: {ipam: {config: [{subnet: x}]}}\n",
    WEB + "x-a: " + "{a: " * 300 + "1" + "}" * 300 + "\n",
]


@pytest.mark.parametrize("text", ODD_FILES)
def test_cli_answers_odd_files_in_one_line(capsys: pytest.CaptureFixture[str],
                                           tmp_path: Path, text: str) -> None:
    """``netsim validate`` and ``netsim run`` on files that once crashed netsim: exit 0, 1
    or 2, never a traceback or an internal error."""
    path = tmp_path / "compose.yaml"
    path.write_text(text)
    for command in ("validate", "run"):
        code, err = cli(capsys, command, str(path))
        assert code in (0, 1, 2), (command, code, err)
        assert "Traceback" not in err and "internal error" not in err


def test_progress_value_is_checked() -> None:
    """compose.go PersistentPreRunE refuses a --progress mode it does not know."""
    step = compose(WEB, "--progress bogus ps")
    assert (step.exit_code, step.stderr) == (1, 'unsupported --progress value "bogus"\n')


def test_workdir_is_the_deprecated_project_directory() -> None:
    """``--workdir DIR`` is ``--project-directory DIR`` with compose.go's (red) warning; both
    at once are refused."""
    lab = lab_in(WEB)
    lab.workspace(lab.current_host).chdir("/root")
    step = lab.docker("compose --workdir p -f p/compose.yaml config --services")
    assert step.stdout == "web\n"
    assert step.stderr == ("\x1b[31moption '--workdir' is DEPRECATED at root level! Please use "
                           "'--project-directory' instead.\n\x1b[0m")
    both = lab.docker("compose --workdir p --project-directory p config")
    assert both.exit_code == 1 and both.stderr.startswith('cannot specify DEPRECATED "--workdir"')


def test_compose_file_from_standard_input_is_not_simulated() -> None:
    """``-f -`` (and COMPOSE_FILE=-) would read the model from standard input: netsim says it
    does not, instead of looking for a file named ``-``."""
    step = compose(WEB, "-f - config")
    assert (step.exit_code, step.stderr) == (
        126, "netsim: a compose file read from standard input (-f -) is not simulated\n")
