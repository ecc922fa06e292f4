"""What docker/cli's command layer says around cobra (docker/cli v29.1.0, cobra v1.10.1):
usage lines (cobra ``UseLine``), a command group's usage text (cli/cobra.go usageTemplate),
the argument-count errors (cli/required.go), the flag-error text (cli/cobra.go
``FlagErrorFunc``) and the daemon-feature check (cmd/docker/docker.go ``isSupported``), each in
the words of the CLI release being modelled (EngineProfile ``cli_*``)."""

from __future__ import annotations

import functools
from collections.abc import Sequence

from netsim.dockercli.flags.spec import CommandSpec, DaemonInfo, FlagSpec
from netsim.dockercli.flags.tree import ROOT, CommandNode
from netsim.versions import EngineProfile

__all__ = ["ROOT_USAGE_NOT_REPRODUCED", "args_error", "flag_error_text", "is_supported"]


def _use_line(path: list[str], node: CommandNode) -> str:
    """cobra's UseLine (every docker command sets DisableFlagsInUseLine)."""
    if not path:
        return node.use
    return " ".join(["docker", *path[:-1]]) + " " + node.use


def _command_path(path: list[str]) -> str:
    return " ".join(["docker", *path])


def _version_less(a: str, b: str) -> bool:
    """moby's versions.LessThan."""
    pa, pb = a.split("."), b.split(".")
    for i in range(max(len(pa), len(pb))):
        x = int(pa[i]) if i < len(pa) and pa[i].isdigit() else 0
        y = int(pb[i]) if i < len(pb) and pb[i].isdigit() else 0
        if x != y:
            return x < y
    return False


@functools.lru_cache(maxsize=256)
def _annotations(pairs: tuple[tuple[str, str], ...]) -> dict[str, str]:
    """Annotation pairs as a mapping, the last of a key winning (cached: the pairs are
    constants of the command and flag tables; callers only read the mapping)."""
    return dict(pairs)


@functools.lru_cache(maxsize=256)
def _refusal(pairs: tuple[tuple[str, str], ...], api_version: str, os_type: str,
             experimental: bool) -> str | None:
    """Which of isSupported's checks of these annotations this daemon fails first:
    ``version``, ``ostype`` or ``experimental``; None if it passes them all (cached: a pure
    function of a few constants)."""
    ann = _annotations(pairs)
    if "version" in ann and _version_less(api_version, ann["version"]):
        return "version"
    if "ostype" in ann and os_type and ann["ostype"] != os_type:
        return "ostype"
    if "experimental" in ann and not experimental:
        return "experimental"
    return None


def is_supported(chain: list[CommandSpec | None], path: list[str],
                  changed: Sequence[FlagSpec], daemon: DaemonInfo | None) -> str | None:
    """docker.go isSupported: command annotations, then annotated flags that were set."""
    if daemon is None:
        return None
    for spec in reversed(chain):
        if spec is None or not spec.annotations:
            continue
        refused = _refusal(spec.annotations, daemon.api_version, daemon.os_type,
                           daemon.experimental)
        if refused is None:
            continue
        cmd_path = _command_path(path)
        ann = _annotations(spec.annotations)
        if refused == "version":
            return (f"{cmd_path} requires API version {ann['version']}, but the Docker daemon "
                    f"API version is {daemon.api_version}")
        if refused == "ostype":
            return (f"{cmd_path} is only supported on a Docker daemon running on "
                    f"{ann['ostype']}, but the Docker daemon is running on {daemon.os_type}")
        return (f"{cmd_path} is only supported on a Docker daemon with experimental "
                "features enabled")
    if not changed:  # the usual case: no flag was set (or none with annotations)
        return None
    errs: list[str] = []
    annotated = {f.long: f for f in changed if f.annotations}
    for f in sorted(annotated.values(), key=lambda f: f.long):
        refused = _refusal(f.annotations, daemon.api_version, daemon.os_type,
                           daemon.experimental)
        if refused is None:
            continue
        ann = _annotations(f.annotations)
        if refused == "version":
            errs.append(f'"--{f.long}" requires API version {ann["version"]}, but the Docker '
                        f"daemon API version is {daemon.api_version}")
        elif refused == "ostype":
            errs.append(f'"--{f.long}" is only supported on a Docker daemon running on '
                        f"{ann['ostype']}, but the Docker daemon is running on {daemon.os_type}")
        else:
            errs.append(f'"--{f.long}" is only supported on a Docker daemon with experimental '
                        "features enabled")
    return "\n".join(errs) if errs else None


def _short(node: CommandNode, path: list[str], profile: EngineProfile | None) -> str:
    """The command's Short as this CLI release words it."""
    if profile is not None and profile.cli_shorts:
        key = node.spec.name if node.spec is not None else " ".join(path)
        return dict(profile.cli_shorts).get(key, node.short)
    return node.short


def _usage_string(path: list[str], node: CommandNode, profile: EngineProfile | None) -> str:
    """cobra's UsageString of a command group under docker/cli's usageTemplate (cli/cobra.go,
    v20.10.24 and v26.1.5 alike for a group: no flags but the hidden --help, no aliases): the
    group's Short and its operation subcommands, sorted, padded to cobra's NamePadding (at
    least 11, else the longest subcommand name).  Commands annotated ``swarm: manager`` are
    hidden, as hideUnsupportedFeatures does on a daemon that is not a swarm manager."""
    cmd_path = _command_path(path)
    pad = max(11, *(len(c.name) for c in node.children))
    lines = [f"Usage:  {cmd_path} COMMAND", "", _short(node, path, profile), "", "Commands:"]
    for child in sorted(node.children, key=lambda c: c.name):
        if child.children or not child.short:
            continue
        if child.spec is not None and ("swarm", "manager") in child.spec.annotations:
            continue
        if profile is not None and " ".join([*path, child.name]) in profile.cli_absent_commands:
            continue
        lines.append(f"  {child.name.ljust(pad)} {_short(child, [*path, child.name], profile)}")
    lines += ["", f"Run '{cmd_path} COMMAND --help' for more information on a command.", ""]
    return "\n".join(lines)


def args_error(spec: CommandSpec, path: list[str], node: CommandNode, args: list[str],
                profile: EngineProfile | None) -> str | None:
    """cli/required.go (NoArgs, RequiresMinArgs, RequiresMaxArgs, RequiresRangeArgs,
    ExactArgs), in the layout of the profile's CLI release (EngineProfile.cli_see_help_errors:
    v26.1.5:cli/required.go; otherwise v28.0.0 and later)."""
    n = len(args)
    rule, lo, hi = spec.args_rule, spec.min_args, spec.max_args
    if rule == "none":
        fits = n == 0
    elif rule == "min":
        fits = n >= lo
    elif rule == "max":
        fits = hi is None or n <= hi
    elif rule == "range":
        fits = hi is None or lo <= n <= hi
    elif rule == "exact":
        fits = n == lo
    else:  # "arbitrary"
        fits = True
    if fits:
        return None  # the count fits: no text to build
    cmd_path = _command_path(path)
    usage = _use_line(path, node)
    see = profile is not None and profile.cli_see_help_errors

    def plural(k: int) -> str:
        return "argument" if k == 1 else "arguments"

    def old(what: str) -> str:
        return (f'"{cmd_path}" {what}.\nSee \'{cmd_path} --help\'.\n\nUsage:  {usage}\n\n'
                f"{_short(node, path, profile)}")

    if spec.args_rule == "none":
        if n == 0:
            return None
        if node.children:
            if see:
                return "\n" + _usage_string(path, node, profile).rstrip("\n")
            return (f"docker: unknown command: {cmd_path} {args[0]}\n\nUsage:  {usage}\n\n"
                    f"Run '{cmd_path} --help' for more information")
        if see:
            return old("accepts no arguments")
        return (f"docker: '{cmd_path}' accepts no arguments\n\nUsage:  {usage}\n\n"
                f"Run '{cmd_path} --help' for more information")
    lo, hi = spec.min_args, spec.max_args
    if spec.args_rule == "min" and n < lo:
        if see:
            return old(f"requires at least {lo} {plural(lo)}")
        return (f"docker: '{cmd_path}' requires at least {lo} {plural(lo)}\n\nUsage:  {usage}"
                f"\n\nSee '{cmd_path} --help' for more information")
    if spec.args_rule == "max" and hi is not None and n > hi:
        if see:
            return old(f"requires at most {hi} {plural(hi)}")
        run_ = "SRun" if profile is not None and profile.cli_max_args_typo else "Run"
        return (f"docker: '{cmd_path}' requires at most {hi} {plural(hi)}\n\nUsage:  {usage}"
                f"\n\n{run_} '{cmd_path} --help' for more information")
    if spec.args_rule == "range" and hi is not None and not lo <= n <= hi:
        if see:
            return old(f"requires at least {lo} and at most {hi} {plural(hi)}")
        return (f"docker: '{cmd_path}' requires at least {lo} and at most {hi} {plural(hi)}"
                f"\n\nUsage:  {usage}\n\nRun '{cmd_path} --help' for more information")
    if spec.args_rule == "exact" and n != lo:
        if see:
            return old(f"requires exactly {lo} {plural(lo)}")
        return (f"docker: '{cmd_path}' requires {lo} {plural(lo)}\n\nUsage:  {usage}\n\n"
                f"Run '{cmd_path} --help' for more information")
    return None


#: what netsim says where docker prints its root command's usage text (the list of every
#: command and the global options, which depends on the CLI plugins installed and swarm mode)
ROOT_USAGE_NOT_REPRODUCED = "netsim: docker's usage text (docker --help) is not reproduced"


def flag_error_text(err: str, path: list[str], node: CommandNode,
                     profile: EngineProfile | None) -> str:
    """cli/cobra.go FlagErrorFunc (the profile's CLI release: EngineProfile.
    cli_see_help_errors)."""
    cmd_path = _command_path(path)
    if profile is not None and profile.cli_see_help_errors:
        text = f"{err}\nSee '{cmd_path} --help'."
        if node is ROOT:
            return f"{text}\n{ROOT_USAGE_NOT_REPRODUCED}"
        if node.children:
            text += "\n\n" + _usage_string(path, node, profile)
        return text
    return (f"{err}\n\nUsage:  {_use_line(path, node)}\n\n"
            f"Run '{cmd_path} --help' for more information")
