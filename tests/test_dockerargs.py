"""Tests of netsim.dockercli.flags: docker v29.1 command-line parsing and its exact error texts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from netsim.dockercli.flags import COMMANDS, GLOBAL_FLAGS, FlagSpec
from netsim.dockercli.parse import (
    DaemonInfo,
    ParsedCommand,
    UnsupportedCommandError,
    parse_docker_argv,
)
from netsim.errors import DockerCliError, DockerError
from netsim.golang.csv import read_record
from netsim.golang.netip import net_parse_cidr, net_parse_ip, parse_addr
from netsim.golang.quote import go_quote, go_quote_rune
from netsim.golang.values import (
    GoError,
    NumError,
    parse_duration,
    parse_int,
    parse_uint,
    ram_in_bytes,
)

RUN_USAGE = "Usage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]"


LINUX = DaemonInfo()


def fail(argv: list[str], daemon: DaemonInfo | None = LINUX) -> DockerCliError:
    with pytest.raises(DockerCliError) as info:
        parse_docker_argv(argv, daemon=daemon)
    return info.value


def flag_error(err: str, usage: str, path: str) -> str:
    """cli/cobra.go FlagErrorFunc layout."""
    return f"{err}\n\n{usage}\n\nRun '{path} --help' for more information"


# ------------------------------------------------------------------ flag tables and counts


def test_run_flag_count_matches_source() -> None:
    # docker/cli v29.1.0: cli/command/container/opts.go addFlags defines 97 flags,
    # cli/command/container/run.go newRunCommand 10 more (detach, sig-proxy, name, detach-keys,
    # pull, quiet, use-api-socket, help, platform, disable-content-trust): 107.
    assert len(COMMANDS["run"].flags) == 107
    # cli/command/container/create.go newCreateCommand: name, pull, quiet, use-api-socket, help,
    # platform, disable-content-trust (7) + 97 = 104.
    assert len(COMMANDS["create"].flags) == 104
    for name in ("run", "create"):
        longs = [f.long for f in COMMANDS[name].flags]
        assert len(longs) == len(set(longs))
        shorts = [f.short for f in COMMANDS[name].flags if f.short]
        assert len(shorts) == len(set(shorts))


EXPECTED_COUNTS = {
    # command: number of its own flags in docker/cli v29.1.0 (inherited --help not counted)
    "attach": 3, "exec": 9, "container inspect": 2, "kill": 1, "logs": 6, "pause": 0,
    "port": 0, "container prune": 2, "rename": 0, "restart": 3, "rm": 3, "start": 5, "stop": 3,
    "top": 0, "unpause": 0, "update": 15, "ps": 8, "inspect": 3, "pull": 4, "images": 7,
    "build": 31, "commit": 4, "push": 4, "image inspect": 1, "load": 3, "rmi": 2, "save": 2,
    "tag": 0,
    "network connect": 7, "network create": 17, "network disconnect": 1, "network inspect": 2,
    "network ls": 4, "network prune": 2, "network rm": 1, "volume create": 14,
    "volume inspect": 1, "volume ls": 4, "volume prune": 3, "volume rm": 1, "volume update": 1,
    # cli/command/swarm/{init,join,leave,join_token}.go + opts.go addSwarm{,CA}Flags
    "swarm": 0, "swarm init": 15, "swarm join": 5, "swarm leave": 1, "swarm join-token": 2,
    "run": 107, "create": 104, "container": 0, "image": 0, "network": 0, "volume": 0,
}


def test_flag_counts_per_command() -> None:
    assert {name: len(spec.flags) for name, spec in COMMANDS.items()} == EXPECTED_COUNTS
    # cli/flags/options.go (10) + --version (cmd/docker/docker.go) + --help (cli/cobra.go)
    assert len(GLOBAL_FLAGS) == 12


def test_hidden_and_deprecated_flags() -> None:
    run = COMMANDS["run"]

    def flag(name: str) -> FlagSpec:
        found = run.flag(name)
        assert found is not None
        return found

    for name in ("net", "net-alias", "dns-opt"):
        assert flag(name).hidden and flag(name).deprecated is None
    assert flag("net").alias_of == "network"
    assert flag("net-alias").alias_of == "network-alias"
    assert flag("dns-opt").alias_of == "dns-option"
    assert flag("kernel-memory").deprecated == "and no longer supported by the kernel"
    assert flag("disable-content-trust").deprecated == (
        "support for docker content trust was removed")
    for name in ("link", "expose", "mac-address", "cpuset-cpus", "memory", "log-driver",
                 "log-opt", "device-write-bps", "restart", "rm", "platform", "pull",
                 "use-api-socket"):
        assert not flag(name).hidden, name
    assert (flag("publish").short, flag("publish").kind) == ("p", "list")
    assert (flag("publish-all").short, flag("publish-all").kind) == ("P", "bool")
    assert (flag("hostname").short, flag("cpu-shares").short) == ("h", "c")
    assert flag("cpu-shares").value_type == "int"
    assert flag("memory").value_type == "bytes"
    assert flag("cpus").value_type == "decimal"
    assert flag("io-maxiops").value_type == "uint"
    assert flag("blkio-weight").value_type == "uint16"
    assert flag("gpus").value_type == "gpu-request"
    assert flag("ulimit").value_type == "ulimit"
    assert flag("sysctl").value_type == "map"
    assert flag("network").value_type == "network"
    assert flag("mount").value_type == "mount"
    assert flag("health-interval").value_type == "duration"
    assert flag("ip").value_type == "ip"
    stop_time = COMMANDS["stop"].flag("time")
    assert stop_time is not None and stop_time.deprecated == "use --timeout instead"
    nc = COMMANDS["network create"]
    assert [(f.long, f.value_type) for f in nc.flags
            if f.long in ("subnet", "ip-range", "gateway", "opt")] == [
        ("opt", "map"), ("subnet", "strings"), ("ip-range", "ipNetSlice"),
        ("gateway", "ipSlice")]


def test_command_specs() -> None:
    run = COMMANDS["run"]
    assert run.usage == "docker run [OPTIONS] IMAGE [COMMAND] [ARG...]"
    assert run.short == "Create and run a new container from an image"
    assert (run.interspersed, run.min_args, run.max_args, run.args_rule) == (False, 1, None, "min")
    assert set(run.paths) == {"run", "container run"}
    assert set(COMMANDS["ps"].paths) == {"ps", "container ls", "container ps", "container list"}
    assert set(COMMANDS["images"].paths) == {"images", "image ls", "image list"}
    assert set(COMMANDS["network rm"].paths) == {"network rm", "network remove"}
    assert set(COMMANDS["rm"].paths) == {"rm", "container rm", "container remove"}
    assert COMMANDS["network create"].usage == "docker network create [OPTIONS] NETWORK"
    assert COMMANDS["volume"].usage == "docker volume COMMAND"
    assert COMMANDS["port"].args_rule == "range"
    assert (COMMANDS["port"].min_args, COMMANDS["port"].max_args) == (1, 2)
    assert not COMMANDS["exec"].interspersed and not COMMANDS["top"].interspersed
    assert COMMANDS["ps"].interspersed


# -------------------------------------------------------- every run/create flag with its arity

VALID = {
    "": "x", "bool": "true", "int": "3", "uint16": "10", "uint32": "4789", "uint64": "7",
    "duration": "5s",
    "ip": "10.1.2.3", "stringSlice": "a,b", "ipSlice": "10.0.0.1", "ipNetSlice": "10.0.0.0/24",
    "bytes": "64m", "swap-bytes": "-1", "decimal": "1.5", "filter": "a=b", "attach": "stdout",
    "device-cgroup-rule": "c 1:3 mr", "env": "A=1", "label": "k=v", "link": "db:db",
    "ip-address": "8.8.8.8", "dns-search": "example.com", "extra-host": "h:10.0.0.1",
    "sysctl": "net.ipv4.ip_forward=1", "ulimit": "nofile=10:20", "weight-device": "/dev/sda:200",
    "throttle-bps": "/dev/sda:1mb", "throttle-iops": "/dev/sda:100", "gpus": "all",
    "mount": "type=bind,src=/a,dst=/b", "network": "mynet",
}


def flag_cases(command: str) -> list[FlagSpec]:
    return [f for f in COMMANDS[command].flags if f.long != "help"]


@pytest.mark.parametrize("command", ["run", "create"])
def test_every_run_create_flag_is_accepted_with_its_arity(command: str) -> None:
    for f in flag_cases(command):
        if f.kind == "bool":
            p = parse_docker_argv([command, f"--{f.long}", "alpine", "sh"], daemon=None)
            assert p.flags == ((f.long, "true"),), f.long
            assert p.args == ("alpine", "sh"), f.long  # a boolean never eats the next word
            p = parse_docker_argv([command, f"--{f.long}=false", "alpine"], daemon=None)
            assert p.flags == ((f.long, "false"),)
        else:
            value = VALID[f.check]
            p = parse_docker_argv([command, f"--{f.long}", value, "alpine", "sh"], daemon=None)
            assert p.flags == ((f.long, value),), f.long
            assert p.args == ("alpine", "sh"), f.long
            p = parse_docker_argv([command, f"--{f.long}={value}", "alpine"], daemon=None)
            assert p.flags == ((f.long, value),)
            # the value is consumed: nothing is left for IMAGE
            err = fail([command, f"--{f.long}", value], daemon=None)
            assert err.exit_code == 1 and "requires at least 1 argument" in err.text
            # and the next word is taken as the value even when it looks like the image
            if not f.check:
                p = parse_docker_argv([command, f"--{f.long}", "alpine", "sh"], daemon=None)
                assert (p.flags, p.args) == (((f.long, "alpine"),), ("sh",))
        if f.short:
            if f.kind == "bool":
                p = parse_docker_argv([command, f"-{f.short}", "alpine"], daemon=None)
                assert p.flags == ((f.long, "true"),)
            else:
                value = VALID[f.check]
                for argv in ([f"-{f.short}", value], [f"-{f.short}{value}"],
                             [f"-{f.short}={value}"]):
                    p = parse_docker_argv([command, *argv, "alpine"], daemon=None)
                    assert p.flags == ((f.long, value),), argv
        if f.deprecated:
            p = parse_docker_argv([command, f"--{f.long}", *([] if f.kind == "bool" else
                                                               [VALID[f.check]]), "alpine"])
            assert p.warnings == (f"Flag --{f.long} has been deprecated, {f.deprecated}",)


def test_every_flag_of_every_command_round_trips() -> None:
    for name, spec in COMMANDS.items():
        if spec.group:
            continue
        path = spec.paths[0].split()
        extra = ["a1", "a2"][: spec.min_args] if spec.args_rule != "none" else []
        for f in spec.flags:
            if f.long == "help":
                continue
            value = "true" if f.kind == "bool" else VALID[f.check]
            argv = [*path, f"--{f.long}={value}", *extra]
            p = parse_docker_argv(argv, daemon=None)
            assert p.command == name and p.flags == ((f.long, value),), argv


# ------------------------------------------------------------------------ pflag semantics


def test_pflag_forms() -> None:
    p = parse_docker_argv(["run", "-dit", "-p80:80", "-p=81:81", "-p", "82:82", "--name=web",
                           "--rm=false", "-d=false", "alpine", "sh", "-c", "echo hi"])
    assert p.command == "run" and p.path == "run"
    assert p.flags == (("detach", "true"), ("interactive", "true"), ("tty", "true"),
                       ("publish", "80:80"), ("publish", "81:81"), ("publish", "82:82"),
                       ("name", "web"), ("rm", "false"), ("detach", "false"))
    assert p.args == ("alpine", "sh", "-c", "echo hi")
    assert p.get("detach") == "false" and p.get_all("publish") == ["80:80", "81:81", "82:82"]
    assert p.has("name") and not p.has("network") and p.get("network") is None


def test_bool_flag_never_eats_next_word() -> None:
    p = parse_docker_argv(["run", "--rm", "false"])
    assert p.flags == (("rm", "true"),) and p.args == ("false",)


def test_bool_values_are_normalised() -> None:
    p = parse_docker_argv(["run", "--rm=T", "--init=0", "--privileged=FALSE", "alpine"])
    assert p.flags == (("rm", "true"), ("init", "false"), ("privileged", "false"))


def test_non_interspersed_commands_stop_at_first_positional() -> None:
    p = parse_docker_argv(["run", "alpine", "--rm", "-d", "--", "x"])
    assert p.flags == () and p.args == ("alpine", "--rm", "-d", "--", "x")
    p = parse_docker_argv(["exec", "-it", "c1", "ls", "-l"])
    assert p.flags == (("interactive", "true"), ("tty", "true")) and p.args == ("c1", "ls", "-l")
    p = parse_docker_argv(["top", "c1", "-ef"])
    assert p.args == ("c1", "-ef")


def test_interspersed_commands_and_double_dash() -> None:
    p = parse_docker_argv(["network", "create", "net1", "--driver", "bridge", "--internal"])
    assert p.args == ("net1",)
    assert p.flags == (("driver", "bridge"), ("internal", "true"))
    p = parse_docker_argv(["rm", "-f", "--", "-weird-name"])
    assert p.flags == (("force", "true"),) and p.args == ("-weird-name",)
    p = parse_docker_argv(["run", "--rm", "--", "alpine", "--rm"])
    assert p.flags == (("rm", "true"),) and p.args == ("alpine", "--rm")


def test_flag_names_are_case_sensitive() -> None:
    err = fail(["run", "--RM", "alpine"])
    assert err.text == flag_error("unknown flag: --RM", RUN_USAGE, "docker run")
    p = parse_docker_argv(["run", "-P", "alpine"])
    assert p.flags == (("publish-all", "true"),)


def test_shared_storage_flags() -> None:
    p = parse_docker_argv(["run", "--net", "a", "--network", "b", "--net-alias", "x",
                           "--network-alias", "y", "alpine"])
    assert p.get_all("network") == ["b"] and p.get_all("net") == ["a"]
    assert p.shared("network") == ["a", "b"] and p.shared("net") == ["a", "b"]
    assert p.shared("network-alias") == ["x", "y"]
    p = parse_docker_argv(["stop", "--time", "3", "c1"])
    assert p.shared("timeout") == ["3"]


def test_container_forms_and_aliases() -> None:
    assert parse_docker_argv(["container", "run", "alpine"]).command == "run"
    for words in (["container", "ls"], ["container", "list"], ["container", "ps"], ["ps"]):
        p = parse_docker_argv([*words, "-a"])
        assert (p.command, p.flags) == ("ps", (("all", "true"),))
        assert p.path == ("ps" if words == ["ps"] else "container ls")
    assert parse_docker_argv(["container", "remove", "c"]).command == "rm"
    assert parse_docker_argv(["network", "list"]).command == "network ls"
    assert parse_docker_argv(["network", "remove", "n"]).command == "network rm"
    assert parse_docker_argv(["volume", "list"]).command == "volume ls"
    assert parse_docker_argv(["image", "ls"]).command == "images"
    assert parse_docker_argv(["image", "pull", "alpine"]).command == "pull"
    assert parse_docker_argv(["container", "inspect", "c"]).command == "container inspect"
    assert parse_docker_argv(["inspect", "c"]).command == "inspect"
    assert parse_docker_argv(["container", "prune", "-f"]).command == "container prune"


def test_global_flags() -> None:
    p = parse_docker_argv(["-H", "server2", "--log-level=debug", "-D", "network", "ls"])
    assert p.global_flags == (("host", "server2"), ("log-level", "debug"), ("debug", "true"))
    assert p.global_get("host") == "server2" and p.command == "network ls"
    p = parse_docker_argv(["--context", "remote", "--tlsverify", "ps"])
    assert p.global_flags == (("context", "remote"), ("tlsverify", "true"))
    p = parse_docker_argv(["--", "run", "alpine"])
    assert p.command == "run" and p.args == ("alpine",)
    # global options are not accepted after the command
    err = fail(["ps", "-H", "x"])
    assert err.text == flag_error("unknown shorthand flag: 'H' in -H",
                                  "Usage:  docker ps [OPTIONS]", "docker ps")


def test_help_requests() -> None:
    p = parse_docker_argv(["run", "--help"])
    assert (p.command, p.help) == ("run", True)
    p = parse_docker_argv(["network", "create", "-h"])  # no NETWORK: help comes first
    assert (p.command, p.help) == ("network create", True)
    assert p.warnings == ("Flag shorthand -h has been deprecated, use --help",)
    p = parse_docker_argv(["network"])  # management command alone shows its help
    assert (p.command, p.help, p.path) == ("network", True, "network")
    p = parse_docker_argv([])
    assert (p.command, p.help) == ("", True)
    p = parse_docker_argv(["--help", "ps"])  # the persistent --help reaches "ps"
    assert (p.command, p.help) == ("ps", True)
    p = parse_docker_argv(["--help", "run", "alpine"])  # run has its own --help flag
    assert (p.command, p.help, p.args) == ("run", False, ("alpine",))
    err = fail(["run", "-h"])  # -h is --hostname for run
    assert err.text == flag_error("flag needs an argument: 'h' in -h", RUN_USAGE, "docker run")
    # e2e/cli-plugins/run_test.go TestNonexistingHelp: help wins over the unknown command
    p = parse_docker_argv(["nonexistent", "-h"])
    assert (p.command, p.help) == ("", True)
    assert p.warnings == ("Flag shorthand -h has been deprecated, use --help",)
    # e2e/cli-plugins/flags_test.go: "docker --version foo" prints the version, exit 0
    p = parse_docker_argv(["--version", "foo"])
    assert (p.command, p.help, p.global_get("version")) == ("", False, "true")


# -------------------------------------------------------------------- exact error texts


def test_unknown_flag() -> None:
    err = fail(["run", "--x", "alpine"])
    assert err.exit_code == 125
    assert err.text == (
        "unknown flag: --x\n\n"
        "Usage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\n"
        "Run 'docker run --help' for more information")
    assert isinstance(err, DockerError)


def test_unknown_shorthand_flag() -> None:
    err = fail(["run", "-z", "alpine"])
    assert (err.exit_code, err.text) == (125, flag_error("unknown shorthand flag: 'z' in -z",
                                                         RUN_USAGE, "docker run"))
    err = fail(["run", "-dz", "alpine"])
    assert err.text.splitlines()[0] == "unknown shorthand flag: 'z' in -z"
    err = fail(["container", "run", "-y", "alpine"])
    assert err.text == flag_error(
        "unknown shorthand flag: 'y' in -y",
        "Usage:  docker container run [OPTIONS] IMAGE [COMMAND] [ARG...]", "docker container run")


def test_flag_needs_an_argument() -> None:
    err = fail(["run", "--name"])
    assert (err.exit_code, err.text) == (125, flag_error("flag needs an argument: --name",
                                                         RUN_USAGE, "docker run"))
    err = fail(["run", "-p"])
    assert err.text == flag_error("flag needs an argument: 'p' in -p", RUN_USAGE, "docker run")
    err = fail(["run", "-dp"])
    assert err.text.splitlines()[0] == "flag needs an argument: 'p' in -p"
    err = fail(["network", "ls", "--filter"])
    assert err.text == flag_error("flag needs an argument: --filter",
                                  "Usage:  docker network ls [OPTIONS]", "docker network ls")


def test_bad_flag_syntax() -> None:
    err = fail(["ps", "---all"])
    assert err.text == flag_error("bad flag syntax: ---all", "Usage:  docker ps [OPTIONS]",
                                  "docker ps")
    assert fail(["ps", "--=x"]).text.splitlines()[0] == "bad flag syntax: --=x"
    assert fail(["run", "-d=", "alpine"]).text.splitlines()[0] == (
        "unknown shorthand flag: '=' in -=")


def test_argument_count_errors() -> None:
    err = fail(["run"])
    assert (err.exit_code, err.text) == (1, (
        "docker: 'docker run' requires at least 1 argument\n\n"
        "Usage:  docker run [OPTIONS] IMAGE [COMMAND] [ARG...]\n\n"
        "See 'docker run --help' for more information"))
    assert fail(["exec", "c1"]).text == (
        "docker: 'docker exec' requires at least 2 arguments\n\n"
        "Usage:  docker exec [OPTIONS] CONTAINER COMMAND [ARG...]\n\n"
        "See 'docker exec --help' for more information")
    assert fail(["network", "create"]).text == (
        "docker: 'docker network create' requires 1 argument\n\n"
        "Usage:  docker network create [OPTIONS] NETWORK\n\n"
        "Run 'docker network create --help' for more information")
    assert fail(["network", "connect", "n"]).text == (
        "docker: 'docker network connect' requires 2 arguments\n\n"
        "Usage:  docker network connect [OPTIONS] NETWORK CONTAINER\n\n"
        "Run 'docker network connect --help' for more information")
    assert fail(["port"]).text == (
        "docker: 'docker port' requires at least 1 and at most 2 arguments\n\n"
        "Usage:  docker port CONTAINER [PRIVATE_PORT[/PROTO]]\n\n"
        "Run 'docker port --help' for more information")
    assert fail(["images", "a", "b"]).text == (
        "docker: 'docker images' requires at most 1 argument\n\n"
        "Usage:  docker images [OPTIONS] [REPOSITORY[:TAG]]\n\n"
        "Run 'docker images --help' for more information")
    assert fail(["ps", "extra"]).text == (
        "docker: 'docker ps' accepts no arguments\n\n"
        "Usage:  docker ps [OPTIONS]\n\n"
        "Run 'docker ps --help' for more information")
    assert fail(["container", "list", "extra"]).text == (
        "docker: 'docker container ls' accepts no arguments\n\n"
        "Usage:  docker container ls [OPTIONS]\n\n"
        "Run 'docker container ls --help' for more information")
    assert fail(["network", "ls", "x"]).exit_code == 1


def test_unknown_commands() -> None:
    err = fail(["foo"])
    assert (err.exit_code, err.text) == (1, (
        "docker: unknown command: docker foo\n\n"
        "Run 'docker --help' for more information"))
    err = fail(["network", "foo"])
    assert (err.exit_code, err.text) == (1, (
        "docker: unknown command: docker network foo\n\n"
        "Usage:  docker network\n\n"
        "Run 'docker network --help' for more information"))
    assert fail(["volume", "foo"]).text == (
        "docker: unknown command: docker volume foo\n\n"
        "Usage:  docker volume COMMAND\n\n"
        "Run 'docker volume --help' for more information")
    assert fail(["container", "foo"]).text.splitlines()[0] == (
        "docker: unknown command: docker container foo")
    # flags after an unknown command are parsed as the root's flags first
    err = fail(["foo", "--bar"])
    assert (err.exit_code, err.text) == (125, flag_error(
        "unknown flag: --bar", "Usage:  docker [OPTIONS] COMMAND [ARG...]", "docker"))


def test_flag_before_subcommand_of_management_command() -> None:
    # cobra Traverse treats the word after an unknown "--x" as its value: the error is the
    # network command's own flag error.
    err = fail(["network", "--x", "create", "n"])
    assert (err.exit_code, err.text) == (125, flag_error("unknown flag: --x",
                                                         "Usage:  docker network",
                                                         "docker network"))
    # with "--x=1" Traverse finds "create" and parses "--x=1" itself: the bare pflag error.
    err = fail(["network", "--x=1", "create", "n"])
    assert (err.exit_code, err.text) == (1, "unknown flag: --x")


def test_global_flag_errors() -> None:
    root_usage = "Usage:  docker [OPTIONS] COMMAND [ARG...]"
    err = fail(["--foo", "ps"])
    assert (err.exit_code, err.text) == (125, flag_error("unknown flag: --foo", root_usage,
                                                         "docker"))
    err = fail(["-H"])
    assert err.text == flag_error("flag needs an argument: 'H' in -H", root_usage, "docker")
    err = fail(["-H", "a", "-H", "b", "ps"])
    assert err.text == flag_error(
        'invalid argument "b" for "-H, --host" flag: specify only one -H', root_usage, "docker")
    err = fail(["-l", "bogus", "ps"])
    assert (err.exit_code, err.text) == (1, "Unable to parse logging level: bogus")
    err = fail(["-H", "x", "-c", "y", "ps"])
    assert (err.exit_code, err.text) == (
        1, "conflicting options: cannot specify both --host and --context")
    err = fail(["-D=maybe", "ps"])
    assert err.text == flag_error(
        'invalid argument "maybe" for "-D, --debug" flag: strconv.ParseBool: parsing "maybe": '
        "invalid syntax", root_usage, "docker")


@pytest.mark.parametrize(("argv", "message"), [
    (["run", "-c", "abc", "alpine"],
     'invalid argument "abc" for "-c, --cpu-shares" flag: strconv.ParseInt: parsing "abc": '
     "invalid syntax"),
    (["run", "--stop-timeout", "9223372036854775808", "alpine"],
     'invalid argument "9223372036854775808" for "--stop-timeout" flag: strconv.ParseInt: '
     'parsing "9223372036854775808": value out of range'),
    (["run", "--blkio-weight", "70000", "alpine"],
     'invalid argument "70000" for "--blkio-weight" flag: strconv.ParseUint: parsing "70000": '
     "value out of range"),
    (["run", "--io-maxiops", "-1", "alpine"],
     'invalid argument "-1" for "--io-maxiops" flag: strconv.ParseUint: parsing "-1": '
     "invalid syntax"),
    (["run", "--rm=yes", "alpine"],
     'invalid argument "yes" for "--rm" flag: strconv.ParseBool: parsing "yes": invalid syntax'),
    (["run", "--health-interval", "5", "alpine"],
     'invalid argument "5" for "--health-interval" flag: time: missing unit in duration "5"'),
    (["run", "--health-timeout", "5x", "alpine"],
     'invalid argument "5x" for "--health-timeout" flag: time: unknown unit "x" in duration "5x"'),
    (["run", "--health-timeout", "x", "alpine"],
     'invalid argument "x" for "--health-timeout" flag: time: invalid duration "x"'),
    (["run", "-m", "12x", "alpine"],
     'invalid argument "12x" for "-m, --memory" flag: invalid suffix: \'x\''),
    (["run", "-m", "abc", "alpine"],
     'invalid argument "abc" for "-m, --memory" flag: invalid size: \'abc\''),
    (["run", "--shm-size", "1.2.3m", "alpine"],
     'invalid argument "1.2.3m" for "--shm-size" flag: strconv.ParseFloat: parsing "1.2.3": '
     "invalid syntax"),
    (["run", "--cpus", "abc", "alpine"],
     'invalid argument "abc" for "--cpus" flag: failed to parse abc as a rational number'),
    (["run", "--cpus", "0.0000000001", "alpine"],
     'invalid argument "0.0000000001" for "--cpus" flag: value is too precise'),
    (["run", "--ip", "1.2.3", "alpine"],
     'invalid argument "1.2.3" for "--ip" flag: failed to parse IP: "1.2.3"'),
    (["run", "--ip6", "fe80::1%eth0", "alpine"],
     'invalid argument "fe80::1%eth0" for "--ip6" flag: failed to parse IP: "fe80::1%eth0"'),
    (["run", "--dns", "8.8.8", "alpine"],
     'invalid argument "8.8.8" for "--dns" flag: IP address is not correctly formatted: 8.8.8'),
    (["run", "--add-host", "foo", "alpine"],
     'invalid argument "foo" for "--add-host" flag: bad format for add-host: "foo"'),
    (["run", "--add-host", "foo:bar", "alpine"],
     'invalid argument "foo:bar" for "--add-host" flag: invalid IP address in add-host: "bar"'),
    (["run", "-e", "=x", "alpine"],
     'invalid argument "=x" for "-e, --env" flag: invalid environment variable: =x'),
    (["run", "-l", "a b=c", "alpine"],
     'invalid argument "a b=c" for "-l, --label" flag: label \'a b\' contains whitespaces'),
    (["run", "--link", "a:b:c", "alpine"],
     'invalid argument "a:b:c" for "--link" flag: bad format for links: a:b:c'),
    (["run", "-a", "stdio", "alpine"],
     'invalid argument "stdio" for "-a, --attach" flag: valid streams are STDIN, STDOUT and '
     "STDERR"),
    (["run", "--dns-search", "-x", "alpine"],
     'invalid argument "-x" for "--dns-search" flag: -x is not a valid domain'),
    (["run", "--sysctl", "kernel.foo=1", "alpine"],
     'invalid argument "kernel.foo=1" for "--sysctl" flag: sysctl \'kernel.foo=1\' is not '
     "allowed"),
    (["run", "--ulimit", "nofile=10:5", "alpine"],
     'invalid argument "nofile=10:5" for "--ulimit" flag: ulimit soft limit must be less than '
     "or equal to hard limit: 10 > 5"),
    (["run", "--ulimit", "bogus=1", "alpine"],
     'invalid argument "bogus=1" for "--ulimit" flag: invalid ulimit type: bogus'),
    (["run", "--device-cgroup-rule", "x", "alpine"],
     'invalid argument "x" for "--device-cgroup-rule" flag: invalid device cgroup format \'x\''),
    (["run", "--blkio-weight-device", "/dev/sda:5", "alpine"],
     'invalid argument "/dev/sda:5" for "--blkio-weight-device" flag: invalid weight for '
     "device: /dev/sda:5"),
    (["run", "--device-read-iops", "sda:5", "alpine"],
     'invalid argument "sda:5" for "--device-read-iops" flag: bad format for device path: '
     "sda:5"),
    (["run", "--gpus", "count=x", "alpine"],
     'invalid argument "count=x" for "--gpus" flag: invalid count (x): value must be either '
     '"all" or an integer: invalid syntax'),
    (["run", "--mount", "type=bind,src=/a", "alpine"],
     'invalid argument "type=bind,src=/a" for "--mount" flag: target is required'),
    (["run", "--mount", "type=tmpfs,dst=/a,volume-nocopy", "alpine"],
     'invalid argument "type=tmpfs,dst=/a,volume-nocopy" for "--mount" flag: cannot mix '
     "'volume-*' options with mount type 'tmpfs'"),
    (["run", "--network", "name=foo,ip=1.2.3", "alpine"],
     'invalid argument "name=foo,ip=1.2.3" for "--network" flag: ParseAddr("1.2.3"): IPv4 '
     "address too short"),
    (["run", "--network", "alias=foo", "alpine"],
     'invalid argument "alias=foo" for "--network" flag: network name/id is not specified'),
    (["run", "--network", "name=a,bogus=b", "alpine"],
     'invalid argument "name=a,bogus=b" for "--network" flag: invalid field key bogus'),
])
def test_typed_flag_validation(argv: list[str], message: str) -> None:
    err = fail(argv)
    assert (err.exit_code, err.text) == (125, flag_error(message, RUN_USAGE, "docker run"))


def test_typed_flag_validation_other_commands() -> None:
    usage = "Usage:  docker network create [OPTIONS] NETWORK"
    path = "docker network create"
    assert fail(["network", "create", "--gateway", "10.0.0.300", "n"]).text == flag_error(
        'invalid argument "10.0.0.300" for "--gateway" flag: invalid string being converted to '
        "IP address: 10.0.0.300", usage, path)
    assert fail(["network", "create", "--ip-range", "10.0.0.0/33", "n"]).text == flag_error(
        'invalid argument "10.0.0.0/33" for "--ip-range" flag: invalid string being converted '
        "to CIDR: 10.0.0.0/33", usage, path)
    assert fail(["network", "create", "--subnet", 'a"b', "n"]).text == flag_error(
        'invalid argument "a\\"b" for "--subnet" flag: parse error on line 1, column 2: bare " '
        "in non-quoted-field", usage, path)
    assert fail(["network", "create", "--label", "=x", "n"]).text == flag_error(
        'invalid argument "=x" for "--label" flag: invalid label \'=x\': empty name', usage, path)
    assert fail(["ps", "-f", "x"]).text == flag_error(
        'invalid argument "x" for "-f, --filter" flag: bad format of filter (expected '
        "name=value)", "Usage:  docker ps [OPTIONS]", "docker ps")
    assert fail(["network", "connect", "--gw-priority", "x", "n", "c"]).text.splitlines()[0] == (
        'invalid argument "x" for "--gw-priority" flag: strconv.ParseInt: parsing "x": '
        "invalid syntax")
    assert fail(["--help=maybe"]).text.splitlines()[0] == (
        'invalid argument "maybe" for "--help" flag: strconv.ParseBool: parsing "maybe": '
        "invalid syntax")


def test_valid_typed_values() -> None:
    p = parse_docker_argv(["run", "-c", "0x10", "--health-retries", "1_0", "--memory-swap", "-1",
                           "--cpus", "3/2", "--health-interval", "1h2m3.5s", "-m", "1 g",
                           "--network", "name=n1,alias=a,ip=10.0.0.2", "--add-host",
                           "h:[::1]", "--gpus", "device=0,1", "alpine"])
    assert p.get("cpu-shares") == "0x10" and p.get("memory") == "1 g"
    p = parse_docker_argv(["network", "create", "--subnet", "10.1.0.0/16,fd00::/64",
                           "--gateway", "'10.1.0.1'", "--ip-range", "10.1.2.0/24", "n"])
    assert p.get_all("subnet") == ["10.1.0.0/16,fd00::/64"]


def test_deprecation_warnings() -> None:
    p = parse_docker_argv(["stop", "--time", "3", "c1"])
    assert p.warnings == ("Flag --time has been deprecated, use --timeout instead",)
    p = parse_docker_argv(["pull", "--disable-content-trust=false", "alpine"])
    assert p.warnings == ("Flag --disable-content-trust has been deprecated, support for docker "
                          "content trust was removed",)
    p = parse_docker_argv(["run", "--kernel-memory", "1g", "alpine"])
    assert p.warnings == ("Flag --kernel-memory has been deprecated, and no longer supported by "
                          "the kernel",)


def test_daemon_support_checks() -> None:
    err = fail(["run", "--cpu-count", "2", "alpine"])
    assert (err.exit_code, err.text) == (1, (
        '"--cpu-count" is only supported on a Docker daemon running on windows, but the Docker '
        "daemon is running on linux"))
    err = fail(["run", "--cpu-percent", "1", "--io-maxiops", "1", "alpine"])
    assert err.text == (
        '"--cpu-percent" is only supported on a Docker daemon running on windows, but the Docker '
        'daemon is running on linux\n"--io-maxiops" is only supported on a Docker daemon running '
        "on windows, but the Docker daemon is running on linux")
    assert fail(["start", "--checkpoint", "cp", "c1"]).text == (
        '"--checkpoint" is only supported on a Docker daemon with experimental features enabled')
    # checked before the flag error and before the argument count
    assert fail(["run", "--cpu-count", "2", "--bogus"]).exit_code == 1
    assert fail(["run", "--cpu-count", "2"]).text.startswith('"--cpu-count"')
    old = DaemonInfo(api_version="1.24")
    assert fail(["network", "prune"], daemon=old).text == (
        "docker network prune requires API version 1.25, but the Docker daemon API version is "
        "1.24")
    assert fail(["run", "--init", "alpine"], daemon=old).text == (
        '"--init" requires API version 1.25, but the Docker daemon API version is 1.24')
    p = parse_docker_argv(["run", "--cpu-count", "2", "alpine"], daemon=None)
    assert p.get("cpu-count") == "2"


def test_unsupported_commands() -> None:
    """A command netsim does not simulate is named as typed, a group's subcommand included
    (``docker system prune``, not ``docker system``)."""
    for argv, path in ((["history", "x"], "history"), (["system", "prune"], "system prune"),
                       (["image", "prune"], "image prune"), (["compose", "up"], "compose up"),
                       (["container", "stats"], "container stats"), (["help"], "help"),
                       (["system", "--help"], "system")):
        with pytest.raises(UnsupportedCommandError) as info:
            parse_docker_argv(argv)
        assert info.value.command_path == path
        assert info.value.what == f"'docker {path}' is not simulated"


def test_error_text_has_no_trailing_newline() -> None:
    for argv in (["run"], ["run", "--x"], ["foo"], ["-l", "x"]):
        assert not fail(argv).text.endswith("\n")


def test_parsed_command_is_frozen() -> None:
    p = parse_docker_argv(["ps"])
    assert isinstance(p, ParsedCommand)
    with pytest.raises(AttributeError):
        p.command = "x"  # type: ignore[misc]


# ------------------------------------------------------------------- Go behaviour helpers


def test_go_quote() -> None:
    q = go_quote
    assert q('a"b\\c') == '"a\\"b\\\\c"'
    assert q("\t\n\x01\x7f") == '"\\t\\n\\x01\\x7f"'
    assert q("é\u00a0") == '"é\\u00a0"'
    assert go_quote_rune(ord("'")) == "'\\''"


@pytest.mark.parametrize(("text", "message"), [
    ("", 'time: invalid duration ""'),
    ("1", 'time: missing unit in duration "1"'),
    ("1d", 'time: unknown unit "d" in duration "1d"'),
    (".s", 'time: invalid duration ".s"'),
    ("-", 'time: invalid duration "-"'),
    ("9999999999h", 'time: invalid duration "9999999999h"'),
])
def test_go_duration_errors(text: str, message: str) -> None:
    with pytest.raises(GoError) as info:
        parse_duration(text)
    assert str(info.value) == message


def test_go_duration_values() -> None:
    d = parse_duration
    assert d("0") == 0 and d("1h2m3.5s") == 3723_500_000_000 and d("-1.5ms") == -1_500_000
    assert d("1\u00b5s") == 1000 and d("300ms") == 300_000_000


def test_go_numbers() -> None:
    assert parse_int("0b101", 0, 64) == 5
    assert parse_int("-0o17", 0, 64) == -15
    assert parse_int("017", 0, 64) == 15
    assert parse_uint("0xFFFF", 0, 16) == 0xFFFF
    with pytest.raises(NumError) as info:
        parse_uint("0x10000", 0, 16)
    assert str(info.value) == 'strconv.ParseUint: parsing "0x10000": value out of range'
    with pytest.raises(NumError):
        parse_int("1__0", 0, 64)
    assert ram_in_bytes("1.5g") == 1610612736
    assert ram_in_bytes("10 KiB") == 10240
    assert ram_in_bytes("512") == 512


@pytest.mark.parametrize(("text", "message"), [
    ("1.2.3.4.5", 'ParseAddr("1.2.3.4.5"): IPv4 address too long'),
    ("01.2.3.4", 'ParseAddr("01.2.3.4"): IPv4 field has octet with leading zero'),
    ("1.2.3.256", 'ParseAddr("1.2.3.256"): IPv4 field has value >255'),
    ("1..2.3", 'ParseAddr("1..2.3"): IPv4 field must have at least one digit (at ".2.3")'),
    ("abc", 'ParseAddr("abc"): unable to parse IP'),
    ("", 'ParseAddr(""): unable to parse IP'),
    ("1:2:3:4:5:6:7:8:9", 'ParseAddr("1:2:3:4:5:6:7:8:9"): trailing garbage after address '
                          '(at "9")'),
    ("1::2::3", 'ParseAddr("1::2::3"): multiple :: in address (at ":3")'),
    ("12345::", 'ParseAddr("12345::"): each group must have 4 or less digits (at "12345::")'),
])
def test_go_netip_errors(text: str, message: str) -> None:
    with pytest.raises(GoError) as info:
        parse_addr(text)
    assert str(info.value) == message


def test_go_ip_and_cidr() -> None:
    assert net_parse_ip("::ffff:1.2.3.4")
    assert net_parse_ip("2001:db8::33")
    assert not net_parse_ip("fe80::1%eth0")
    assert net_parse_cidr("10.0.0.0/08")
    assert not net_parse_cidr("10.0.0.0/33")
    assert not net_parse_cidr("10.0.0.0")
    assert net_parse_cidr("fd00::/64")


@pytest.mark.parametrize(("text", "result"), [
    ("a,b", ["a", "b"]),
    ('"a,b",c', ["a,b", "c"]),
    ('"a""b"', ['a"b']),
    ("a,", ["a", ""]),
    ("a\nb", ["a"]),
    ('"a\nb",c', ["a\nb", "c"]),
])
def test_go_csv(text: str, result: list[str]) -> None:
    assert read_record(text) == result


@pytest.mark.parametrize(("text", "message"), [
    ('a"b', 'parse error on line 1, column 2: bare " in non-quoted-field'),
    ('"ab"c', 'parse error on line 1, column 4: extraneous or missing " in quoted-field'),
    ('"abc', 'parse error on line 1, column 5: extraneous or missing " in quoted-field'),
    ("\n", "EOF"),
])
def test_go_csv_errors(text: str, message: str) -> None:
    with pytest.raises(GoError) as info:
        read_record(text)
    assert str(info.value) == message


# ------------------------------------------------- cross-check with the docker/cli sources

#: The flags each docker/cli v29.1.0 function defines, as (long name, shorthand) pairs in source
#: order, keyed "path:function" (paths in the docker/cli repository at tag v29.1.0:
#: cli/command/container/{opts,run,create,exec,attach,inspect,kill,logs,prune,restart,rm,start,
#: stop,update,list}.go, cli/command/system/inspect.go, cli/command/image/{pull,list}.go,
#: cli/command/network/*.go, cli/command/volume/*.go). Taken from every flags.X(…, "name", "s", …)
#: call in the function's body, leaving out SetAnnotation, MarkHidden, MarkDeprecated, Lookup,
#: MarkShorthandDeprecated, Changed and SetInterspersed.
CLI_FLAGS: dict[str, list[list[str]]] = json.loads(
    (Path(__file__).with_name("data") / "docker-cli-v29.1.0-flags.json").read_text())


def go_flags(path: str, func: str) -> list[tuple[str, str]]:
    return [(long, short) for long, short in CLI_FLAGS[f"{path}:{func}"]]


def test_flag_tables_match_docker_cli_source() -> None:
    c = "cli/command/container/"
    addflags = go_flags(c + "opts.go", "addFlags")
    assert len(addflags) == 97
    table = {
        "run": go_flags(c + "run.go", "newRunCommand") + addflags,
        "create": go_flags(c + "create.go", "newCreateCommand") + addflags,
        "exec": go_flags(c + "exec.go", "newExecCommand"),
        "attach": go_flags(c + "attach.go", "newAttachCommand"),
        "container inspect": go_flags(c + "inspect.go", "newInspectCommand"),
        "kill": go_flags(c + "kill.go", "newKillCommand"),
        "logs": go_flags(c + "logs.go", "newLogsCommand"),
        "container prune": go_flags(c + "prune.go", "newPruneCommand"),
        "restart": go_flags(c + "restart.go", "newRestartCommand"),
        "rm": go_flags(c + "rm.go", "newRmCommand"),
        "start": go_flags(c + "start.go", "newStartCommand"),
        "stop": go_flags(c + "stop.go", "newStopCommand"),
        "update": go_flags(c + "update.go", "newUpdateCommand"),
        "ps": go_flags(c + "list.go", "newPsCommand"),
        "inspect": go_flags("cli/command/system/inspect.go", "newInspectCommand"),
        "pull": go_flags("cli/command/image/pull.go", "newPullCommand"),
        "images": go_flags("cli/command/image/list.go", "newImagesCommand"),
    }
    for name in ("connect", "create", "disconnect", "inspect", "list", "prune", "remove"):
        key = {"list": "ls", "remove": "rm"}.get(name, name)
        table[f"network {key}"] = go_flags(f"cli/command/network/{name}.go",
                                           f"new{name.capitalize()}Command")
    for name in ("create", "inspect", "list", "prune", "remove", "update"):
        key = {"list": "ls", "remove": "rm"}.get(name, name)
        table[f"volume {key}"] = go_flags(f"cli/command/volume/{name}.go",
                                          f"new{name.capitalize()}Command")
    for name, expected in table.items():
        ours = [(f.long, f.short or "") for f in COMMANDS[name].flags]
        assert sorted(ours) == sorted(expected), name
    assert len(table["run"]) == 107 and len(table["create"]) == 104
