"""The fast paths of netsim.dockercli.parse and netsim.dockercli.flags keep docker's parse as it
was: results pinned from the implementation before the fast paths were added, and the fast
paths checked against the general code they short-cut."""

from __future__ import annotations

import copy
import dataclasses
import pickle
import random

import pytest

from netsim.dockercli.flags.cobra import args_error
from netsim.dockercli.flags.pflag import FlagSet, command_flagset
from netsim.dockercli.flags.tree import COMMANDS, ROOT
from netsim.dockercli.flags.validators import (
    _PLAIN_IPV4,
    _PLAIN_IPV4_CIDR,
    _read_as_csv,
)
from netsim.dockercli.parse import (
    DaemonInfo,
    ParsedCommand,
    _parsed,
    parse_docker_argv,
)
from netsim.golang.csv import read_record
from netsim.golang.netip import net_parse_cidr, net_parse_ip
from netsim.versions import PROFILES

# (argv, engine profile, daemon API version or None for the profile's, then the repr of the
# ParsedCommand or (exception type, str(exception), exit code)), recorded before the fast paths

PINNED: list[tuple[tuple[str, ...], str, str | None, object]] = [
    (('run', '-d', '--name', 'c0', '--network', 'net582', '-p', '20000:80', 'nginx'), '29.1', None,
     "ParsedCommand(command='run', flags=(('detach', 'true'), ('name', 'c0'), ('network', "
     "'net582'), ('publish', '20000:80')), args=('nginx',), global_flags=(), path='run', "
     'help=False, warnings=(), stderr_warnings=0, log_warnings=())'),
    (('-H', 'host1', 'run', '-d', '--name', 'c1', '--network', 'net3', 'nginx'), '29.1', None,
     "ParsedCommand(command='run', flags=(('detach', 'true'), ('name', 'c1'), ('network', "
     "'net3')), args=('nginx',), global_flags=(('host', 'host1'),), path='run', "
     'help=False, warnings=(), stderr_warnings=0, log_warnings=())'),
    (('network', 'connect', 'net667', 'c3'), '29.1', None,
     "ParsedCommand(command='network connect', flags=(), args=('net667', 'c3'), "
     "global_flags=(), path='network connect', help=False, warnings=(), stderr_warnings=0, "
     'log_warnings=())'),
    (('network', 'create', '--subnet', '10.0.0.0/22', 'net0'), '29.1', None,
     "ParsedCommand(command='network create', flags=(('subnet', '10.0.0.0/22'),), "
     "args=('net0',), global_flags=(), path='network create', help=False, warnings=(), "
     'stderr_warnings=0, log_warnings=())'),
    (('network', 'create', '--subnet', '10.0.0.0/08', '--gateway', '10.0.0.01', 'n'), '29.1', None,
     ('DockerCliError',
      'invalid argument "10.0.0.01" for "--gateway" flag: invalid string being converted '
      'to IP address: 10.0.0.01\n\nUsage:  docker network create [OPTIONS] NETWORK\n\nRun '
      "'docker network create --help' for more information",
      125)),
    (('network', 'create', '--subnet', '10.0.0.256/8', 'n'), '29.1', None,
     "ParsedCommand(command='network create', flags=(('subnet', '10.0.0.256/8'),), "
     "args=('n',), global_flags=(), path='network create', help=False, warnings=(), "
     'stderr_warnings=0, log_warnings=())'),
    (('network', 'create', '--ip-range', '10.0.0.0/33', 'n'), '29.1', None,
     ('DockerCliError',
      'invalid argument "10.0.0.0/33" for "--ip-range" flag: invalid string being '
      'converted to CIDR: 10.0.0.0/33\n\nUsage:  docker network create [OPTIONS] NETWORK\n'
      "\nRun 'docker network create --help' for more information",
      125)),
    (('run', '--ip', '10.0.0.01', 'nginx'), '29.1', None,
     ('DockerCliError',
      'invalid argument "10.0.0.01" for "--ip" flag: failed to parse IP: "10.0.0.01"\n\n'
      "Usage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun 'docker run --help' "
      'for more information',
      125)),
    (('run', '--ip', ' 10.0.0.1', 'nginx'), '29.1', None,
     "ParsedCommand(command='run', flags=(('ip', ' 10.0.0.1'),), args=('nginx',), "
     "global_flags=(), path='run', help=False, warnings=(), stderr_warnings=0, "
     'log_warnings=())'),
    (('run', '--network', 'name=n1,ip=1.2.3.4', 'nginx'), '29.1', None,
     "ParsedCommand(command='run', flags=(('network', 'name=n1,ip=1.2.3.4'),), "
     "args=('nginx',), global_flags=(), path='run', help=False, warnings=(), "
     'stderr_warnings=0, log_warnings=())'),
    (('run', '--network', 'name=n1,ip=1.2.3.4', 'nginx'), '28.5', None,
     "ParsedCommand(command='run', flags=(('network', 'name=n1,ip=1.2.3.4'),), "
     "args=('nginx',), global_flags=(), path='run', help=False, warnings=(), "
     'stderr_warnings=0, log_warnings=())'),
    (('run', '--dns', '1.2.3.4', '-e', 'A=1', '-e', 'B', 'nginx'), '29.1', None,
     "ParsedCommand(command='run', flags=(('dns', '1.2.3.4'), ('env', 'A=1'), ('env', "
     "'B')), args=('nginx',), global_flags=(), path='run', help=False, warnings=(), "
     'stderr_warnings=0, log_warnings=())'),
    (('run', '-dt', 'nginx'), '29.1', None,
     "ParsedCommand(command='run', flags=(('detach', 'true'), ('tty', 'true')), "
     "args=('nginx',), global_flags=(), path='run', help=False, warnings=(), "
     'stderr_warnings=0, log_warnings=())'),
    (('run', '-p', 'nginx'), '29.1', None,
     ('DockerCliError',
      "docker: 'docker run' requires at least 1 argument\n\nUsage:  docker run [OPTIONS] "
      "IMAGE [COMMAND] [ARG...]\n\nSee 'docker run --help' for more information",
      1)),
    (('run', '--name'), '29.1', None,
     ('DockerCliError',
      'flag needs an argument: --name\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] '
      "[ARG...]\n\nRun 'docker run --help' for more information",
      125)),
    (('run', '-h', 'x', 'nginx'), '29.1', None,
     "ParsedCommand(command='run', flags=(('hostname', 'x'),), args=('nginx',), "
     "global_flags=(), path='run', help=False, warnings=(), stderr_warnings=0, "
     'log_warnings=())'),
    (('run', '--rm=maybe', 'nginx'), '29.1', None,
     ('DockerCliError',
      'invalid argument "maybe" for "--rm" flag: strconv.ParseBool: parsing "maybe": '
      'invalid syntax\n\nUsage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\nRun '
      "'docker run --help' for more information",
      125)),
    (('run', '--rm', '--rm=false', 'nginx'), '29.1', None,
     "ParsedCommand(command='run', flags=(('rm', 'true'), ('rm', 'false')), "
     "args=('nginx',), global_flags=(), path='run', help=False, warnings=(), "
     'stderr_warnings=0, log_warnings=())'),
    (('ps', '-h'), '29.1', None,
     "ParsedCommand(command='ps', flags=(), args=(), global_flags=(), path='ps', "
     "help=True, warnings=('Flag shorthand -h has been deprecated, use --help',), "
     'stderr_warnings=0, log_warnings=())'),
    (('-h', 'ps'), '29.1', None,
     "ParsedCommand(command='ps', flags=(), args=(), global_flags=(), path='ps', "
     "help=True, warnings=('Flag shorthand -h has been deprecated, use --help',), "
     'stderr_warnings=1, log_warnings=())'),
    (('-D', '--log-level', 'debug', 'ps'), '29.1', None,
     "ParsedCommand(command='ps', flags=(), args=(), global_flags=(('debug', 'true'), "
     "('log-level', 'debug')), path='ps', help=False, warnings=(), stderr_warnings=0, "
     'log_warnings=())'),
    (('--log-level', 'nonsense', 'ps'), '29.1', None,
     ('DockerCliError',
      'Unable to parse logging level: nonsense',
      1)),
    (('--context', 'c', '-H', 'h', 'ps'), '26.1', None,
     ('DockerCliError',
      'conflicting options: either specify --host or --context, not both',
      1)),
    (('-H', 'a', '-H', 'b', 'ps'), '20.10', None,
     ('DockerCliError',
      'unable to resolve docker endpoint: Please specify only one -H',
      1)),
    (('stop', '--time', '1', 'c1'), '29.1', None,
     "ParsedCommand(command='stop', flags=(('time', '1'),), args=('c1',), global_flags=(), "
     "path='stop', help=False, warnings=('Flag --time has been deprecated, use --timeout "
     "instead',), stderr_warnings=0, log_warnings=())"),
    (('stop', '-t', '1', 'c1'), '20.10', None,
     "ParsedCommand(command='stop', flags=(('time', '1'),), args=('c1',), global_flags=(), "
     "path='stop', help=False, warnings=(), stderr_warnings=0, log_warnings=())"),
    (('network', '--', 'ls'), '29.1', None,
     ('DockerCliError',
      "docker: unknown command: docker network ls\n\nUsage:  docker network\n\nRun 'docker "
      "network --help' for more information",
      1)),
    (('network', '-', 'ls'), '29.1', None,
     ('DockerCliError',
      "docker: unknown command: docker network -\n\nUsage:  docker network\n\nRun 'docker "
      "network --help' for more information",
      1)),
    (('network', '-é', 'ls'), '29.1', None,
     ('DockerCliError',
      "unknown shorthand flag: 'Ã' in -é",
      1)),
    (('network', '-\udcff', 'ls'), '29.1', None,
     ('DockerCliError',
      "unknown shorthand flag: 'ÿ' in -\udcff\n\nUsage:  docker network\n\nRun 'docker "
      "network --help' for more information",
      125)),
    (('network', '--é', 'ls'), '29.1', None,
     ('DockerCliError',
      "unknown flag: --é\n\nUsage:  docker network\n\nRun 'docker network --help' for more "
      'information',
      125)),
    (('network', 'é'), '29.1', None,
     ('DockerCliError',
      "docker: unknown command: docker network é\n\nUsage:  docker network\n\nRun 'docker "
      "network --help' for more information",
      1)),
    (('network', '\ud800'), '29.1', None,
     ('UnicodeEncodeError',
      "'utf-8' codec can't encode character '\\ud800' in position 0: surrogates not allowed",
      None)),
    (('run', '\ud800'), '29.1', None,
     ('UnicodeEncodeError',
      "'utf-8' codec can't encode character '\\ud800' in position 0: surrogates not allowed",
      None)),
    (('run', '-\udcff', 'nginx'), '29.1', None,
     ('DockerCliError',
      "unknown shorthand flag: 'ÿ' in -\udcff\n\nUsage:  docker run [OPTIONS] IMAGE "
      "[COMMAND] [ARG...]\n\nRun 'docker run --help' for more information",
      125)),
    (('run', '--name', 'é', 'nginx'), '29.1', None,
     "ParsedCommand(command='run', flags=(('name', 'é'),), args=('nginx',), "
     "global_flags=(), path='run', help=False, warnings=(), stderr_warnings=0, "
     'log_warnings=())'),
    (('container', '-x', 'ls'), '29.1', None,
     ('DockerCliError',
      "unknown shorthand flag: 'x' in -x\n\nUsage:  docker container\n\nRun 'docker "
      "container --help' for more information",
      125)),
    (('container', '--help', 'ls', '-a'), '29.1', None,
     "ParsedCommand(command='ps', flags=(('all', 'true'),), args=(), global_flags=(), "
     "path='container ls', help=True, warnings=(), stderr_warnings=0, log_warnings=())"),
    (('container', 'ls', '-aq', '--no-trunc'), '29.1', None,
     "ParsedCommand(command='ps', flags=(('all', 'true'), ('quiet', 'true'), ('no-trunc', "
     "'true')), args=(), global_flags=(), path='container ls', help=False, warnings=(), "
     'stderr_warnings=0, log_warnings=())'),
    (('volume', 'update', 'v'), '20.10', None,
     ('DockerCliError',
      '\nUsage:  docker volume COMMAND\n\nManage volumes\n\nCommands:\n  create      '
      'Create a volume\n  inspect     Display detailed information on one or more volumes\n'
      '  ls          List volumes\n  prune       Remove all unused local volumes\n  rm     '
      "     Remove one or more volumes\n\nRun 'docker volume COMMAND --help' for more "
      'information on a command.',
      1)),
    (('network', 'prune', '-f'), '29.1', '1.20',
     ('DockerCliError',
      'docker network prune requires API version 1.25, but the Docker daemon API version '
      'is 1.20',
      1)),
    (('volume', 'rm', '-f', 'v'), '29.1', '1.20',
     ('DockerCliError',
      'docker volume rm requires API version 1.21, but the Docker daemon API version is '
      '1.20',
      1)),
    (('system', 'prune'), '29.1', None,
     ('UnsupportedCommandError',
      "docker system prune: 'docker system prune' is not simulated",
      None)),
    (('compose', 'up'), '29.1', None,
     ('UnsupportedCommandError',
      "docker compose up: 'docker compose up' is not simulated",
      None)),
    (('nosuch',), '29.1', None,
     ('DockerCliError',
      "docker: unknown command: docker nosuch\n\nRun 'docker --help' for more information",
      1)),
    (('nosuch',), '26.1', None,
     ('DockerCliError',
      "docker: 'nosuch' is not a docker command.\nSee 'docker --help'",
      1)),
    (('network', 'nosuch'), '26.1', None,
     ('DockerCliError',
      '\nUsage:  docker network COMMAND\n\nManage networks\n\nCommands:\n  connect     '
      'Connect a container to a network\n  create      Create a network\n  disconnect  '
      'Disconnect a container from a network\n  inspect     Display detailed information '
      'on one or more networks\n  ls          List networks\n  prune       Remove all '
      "unused networks\n  rm          Remove one or more networks\n\nRun 'docker network "
      "COMMAND --help' for more information on a command.",
      1)),
    (('network',), '29.1', None,
     "ParsedCommand(command='network', flags=(), args=(), global_flags=(), path='network', "
     'help=True, warnings=(), stderr_warnings=0, log_warnings=())'),
    ((), '29.1', None,
     "ParsedCommand(command='', flags=(), args=(), global_flags=(), path='', help=True, "
     'warnings=(), stderr_warnings=0, log_warnings=())'),
    (('--version',), '29.1', None,
     "ParsedCommand(command='', flags=(), args=(), global_flags=(('version', 'true'),), "
     "path='', help=False, warnings=(), stderr_warnings=0, log_warnings=())"),
    (('exec', '-it', 'c1', 'sh', '-c', 'ls -l'), '29.1', None,
     "ParsedCommand(command='exec', flags=(('interactive', 'true'), ('tty', 'true')), "
     "args=('c1', 'sh', '-c', 'ls -l'), global_flags=(), path='exec', help=False, "
     'warnings=(), stderr_warnings=0, log_warnings=())'),
    (('images', '-q', 'a', 'b'), '28.5', None,
     ('DockerCliError',
      "docker: 'docker images' requires at most 1 argument\n\nUsage:  docker images "
      "[OPTIONS] [REPOSITORY[:TAG]]\n\nSRun 'docker images --help' for more information",
      1)),
    (('port', 'c1', '80', '90'), '26.1', None,
     ('DockerCliError',
      '"docker port" requires at least 1 and at most 2 arguments.\nSee \'docker port '
      "--help'.\n\nUsage:  docker port CONTAINER [PRIVATE_PORT[/PROTO]]\n\nList port "
      'mappings or a specific mapping for the container',
      1)),
]


def _outcome(argv: tuple[str, ...], prof: str, api: str | None) -> object:
    profile = PROFILES[prof]
    daemon = DaemonInfo(api_version=api or profile.api_version)
    try:
        return repr(parse_docker_argv(list(argv), daemon=daemon, profile=profile))
    except Exception as e:  # UnicodeEncodeError is pinned too
        return (type(e).__name__, str(e), getattr(e, "exit_code", None))


@pytest.mark.parametrize(("argv", "prof", "api", "expected"), PINNED)
def test_pinned_results(argv: tuple[str, ...], prof: str, api: str | None,
                        expected: object) -> None:
    assert _outcome(argv, prof, api) == expected


def test_parsed_is_the_dataclass_instance() -> None:
    values = ("run", (("detach", "true"),), ("nginx",), (("host", "h"),), "run", False,
              ("w",), 1, ("l",))
    fast, slow = _parsed(*values), ParsedCommand(*values)
    assert fast == slow and repr(fast) == repr(slow) and hash(fast) == hash(slow)
    assert dataclasses.astuple(fast) == values
    assert [f.name for f in dataclasses.fields(ParsedCommand)] == [
        "command", "flags", "args", "global_flags", "path", "help", "warnings",
        "stderr_warnings", "log_warnings"]
    with pytest.raises(dataclasses.FrozenInstanceError):
        fast.command = "x"  # type: ignore[misc]


FLAG_TUPLES = [
    (),
    (("network", "a"),),
    (("network", "a"), ("net", "b"), ("network", "c"), ("name", "x")),
    (("env", "A=1"), ("env", "B=2"), ("detach", "true"), ("env", "C")),
]


@pytest.mark.parametrize("flags", FLAG_TUPLES)
def test_lookups_match_the_scan(flags: tuple[tuple[str, str], ...]) -> None:
    p = ParsedCommand("run", flags, (), ())
    for long in ("network", "net", "name", "env", "detach", "nosuch", ""):
        scan = [v for k, v in flags if k == long]
        assert p.get_all(long) == scan
        assert p.get(long) == (scan[-1] if scan else None)
        assert p.has(long) == any(k == long for k, _ in flags)
        assert p.shared(long) == [v for k, v in flags
                                  if k in ({"network", "net"} if long in ("network", "net")
                                           else {long})]
    p.get_all("network").append("edited")  # a new list each time
    assert p.get_all("network") == [v for k, v in flags if k == "network"]
    for twin in (copy.copy(p), copy.deepcopy(p), pickle.loads(pickle.dumps(p))):
        assert twin == p and twin.get_all("env") == p.get_all("env")


def test_word_table_names_the_flags_pflag_finds() -> None:
    for profile in [None, *PROFILES.values()]:
        for spec in [None, *COMMANDS.values()]:
            for root in (True, False):
                fs = command_flagset(spec, root=root, profile=profile)
                for word, f in fs.by_word.items():
                    if word.startswith("--"):
                        assert fs.by_long[word[2:]] is f
                    else:
                        assert len(word) == 2 and fs.by_short[ord(word[1])] is f
                        assert not f.shorthand_deprecated
                assert all("--" + long in fs.by_word for long in fs.by_long)
    assert FlagSet({}, {}).by_word == {}  # a bare flag set: every word takes the full route


def test_argument_counts() -> None:
    node = ROOT.find_next("network")
    assert node is not None
    connect = node.find_next("connect")
    assert connect is not None and connect.name == "connect"
    spec = COMMANDS["network connect"]
    assert args_error(spec, ["network", "connect"], connect, ["a", "b"], None) is None
    assert "requires 2 arguments" in (args_error(spec, ["network", "connect"], connect, ["a"],
                                                 None) or "")


def test_plain_ipv4_shortcuts_agree_with_the_full_parse() -> None:
    rnd = random.Random(7)
    parts = ["0", "1", "9", "10", "99", "100", "199", "200", "249", "250", "255", "256", "01",
             "00", "", "1a", " 1", "-1", "2551"]
    for _ in range(20000):
        addr = ".".join(rnd.choice(parts) for _ in range(rnd.choice((3, 4, 4, 5))))
        if _PLAIN_IPV4.fullmatch(addr):
            assert net_parse_ip(addr), addr
        cidr = addr + "/" + rnd.choice(["0", "8", "08", "22", "32", "33", "", "1x", "-1"])
        if _PLAIN_IPV4_CIDR.fullmatch(cidr):
            assert net_parse_cidr(cidr), cidr
    assert _PLAIN_IPV4.fullmatch("255.255.255.255") and _PLAIN_IPV4_CIDR.fullmatch("0.0.0.0/0")


@pytest.mark.parametrize("value", ["10.0.0.0/22", "a b", " x ", "x\t", "plain", "é", "a,b",
                                   'a"b', "a\nb", "a\r", "\n", "a\r\nb"])
def test_csv_shortcut_agrees_with_read_record(value: str) -> None:
    try:
        expected: object = read_record(value)
    except Exception as e:
        expected = (type(e), str(e))
    try:
        got: object = _read_as_csv(value)
    except Exception as e:
        got = (type(e), str(e))
    assert got == expected
