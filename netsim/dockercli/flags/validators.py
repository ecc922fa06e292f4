"""Parse-time validators of the docker CLI's flag value types (docker/cli v29.1.0 ``opts``
package, pflag's typed values, ``vendor/github.com/docker/go-units``), by FlagSpec.check name.

Each raises :class:`netsim.golang.values.GoError` with the text pflag puts after ``invalid
argument "…" for "…" flag: ``.  Where CLI releases differ, the check reads the release from
:data:`CLI_PROFILE` (set while :func:`netsim.dockercli.parse.parse_docker_argv` runs).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping
from contextvars import ContextVar
from types import MappingProxyType

from netsim.golang.csv import EOF, read_record
from netsim.golang.netip import net_parse_cidr, net_parse_ip, parse_addr
from netsim.golang.quote import go_quote
from netsim.golang.text import to_bytes, trim_space
from netsim.golang.values import (
    GoError,
    NumError,
    atoi,
    parse_bool,
    parse_duration,
    parse_int,
    parse_uint,
    ram_in_bytes,
    rat_set_string,
)
from netsim.versions import EngineProfile

__all__ = ["CLI_PROFILE", "STRING_ADDRESS_CHECKS", "VALIDATORS", "cli_ram_in_bytes",
           "validate_mount"]

#: the engine profile whose CLI release parses the command being parsed (for the value checks
#: that differ between releases; None: docker/cli v29.1)
CLI_PROFILE: ContextVar[EngineProfile | None] = ContextVar("CLI_PROFILE", default=None)



def cli_ram_in_bytes(size_str: str) -> int:
    """go-units RAMInBytes as the CLI release being modelled links it (go-units 0.4's regular
    expression where EngineProfile.cli_units_regex)."""
    profile = CLI_PROFILE.get()
    return ram_in_bytes(size_str, units_regex=profile is not None and profile.cli_units_regex)

_ALPHA_RE = re.compile(r"[a-zA-Z]")
_DOMAIN_RE = re.compile(
    r"(:?(:?[a-zA-Z0-9]|(:?[a-zA-Z0-9][a-zA-Z0-9\-]*[a-zA-Z0-9]))"
    r"(:?\.(:?[a-zA-Z0-9]|(:?[a-zA-Z0-9][a-zA-Z0-9\-]*[a-zA-Z0-9])))*)\.?[\t\n\f\r ]*\Z")
_DEVICE_CGROUP_RULE_RE = re.compile(r"[acb] ([0-9]+|\*):([0-9]+|\*) [rwm]{1,3}\Z")
_NETWORK_LONG_SYNTAX_RE = re.compile(r"\w+=\w+(,\w+=\w+)*", re.ASCII)
_SYSCTL_NAMES = frozenset({"kernel.msgmax", "kernel.msgmnb", "kernel.msgmni", "kernel.sem",
                           "kernel.shmall", "kernel.shmmax", "kernel.shmmni",
                           "kernel.shm_rmid_forced"})
_ULIMIT_NAMES = frozenset({"core", "cpu", "data", "fsize", "locks", "memlock", "msgqueue",
                           "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending",
                           "stack"})


def _v_bool(v: str) -> None:
    parse_bool(v)


def _v_int(v: str) -> None:
    parse_int(v, 0, 64)


def _v_uint16(v: str) -> None:
    parse_uint(v, 0, 16)


def _v_uint32(v: str) -> None:
    parse_uint(v, 0, 32)


def _v_uint64(v: str) -> None:
    parse_uint(v, 0, 64)


def _v_duration(v: str) -> None:
    parse_duration(v)


#: a dotted-quad IPv4 address that Go's netip.ParseAddr accepts (so net.ParseIP too): four
#: decimal fields 0-255 without leading zeros; and such an address with a prefix length 0-32,
#: which net.ParseCIDR accepts.  These only short-cut the common case: a text they do not match
#: goes through the full parse (which may still accept it: " 10.0.0.1", "10.0.0.0/08", IPv6…).
_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])"
_PLAIN_IPV4 = re.compile(rf"(?:{_OCTET}\.){{3}}{_OCTET}")
_PLAIN_IPV4_CIDR = re.compile(rf"(?:{_OCTET}\.){{3}}{_OCTET}/(?:3[0-2]|[12]?[0-9])")


def _ip_ok(text: str) -> bool:
    """net.ParseIP(strings.TrimSpace(text)) != nil (a plain IPv4 address has no space to trim)."""
    return _PLAIN_IPV4.fullmatch(text) is not None or net_parse_ip(trim_space(text))


def _cidr_ok(text: str) -> bool:
    """net.ParseCIDR(strings.TrimSpace(text)) succeeds."""
    return _PLAIN_IPV4_CIDR.fullmatch(text) is not None or net_parse_cidr(trim_space(text))


def _v_ip(v: str) -> None:
    if v != "" and not _ip_ok(v):
        raise GoError(f"failed to parse IP: {go_quote(v)}")


def _read_as_csv(v: str) -> list[str]:
    if v == "":
        return []
    if v.isascii() and "," not in v and '"' not in v and "\n" not in v and "\r" not in v:
        # one plain field (a lone address, the usual case): encoding/csv reads it back whole,
        # as read_record would (no separator, quote or line end to act on)
        return [v]
    return read_record(v)


def _v_string_slice(v: str) -> None:
    _read_as_csv(v)


def _unquoted_csv(v: str) -> list[str]:
    stripped = v.replace('"', "").replace("'", "").replace("`", "")
    try:
        return _read_as_csv(stripped)
    except EOF:
        return []


def _v_ip_slice(v: str) -> None:
    for item in _unquoted_csv(v):
        if not _ip_ok(item):
            raise GoError(f"invalid string being converted to IP address: {item}")


def _v_ipnet_slice(v: str) -> None:
    for item in _unquoted_csv(v):
        if not _cidr_ok(item):
            raise GoError(f"invalid string being converted to CIDR: {item}")


def _v_bytes(v: str) -> None:
    cli_ram_in_bytes(v)


def _v_swap_bytes(v: str) -> None:
    if v != "-1":
        cli_ram_in_bytes(v)


def _v_decimal(v: str) -> None:
    value = rat_set_string(v)
    if value is None:
        raise GoError(f"failed to parse {v} as a rational number")
    if (value * 1_000_000_000).denominator != 1:
        raise GoError("value is too precise")


def _v_filter(v: str) -> None:
    if v != "" and "=" not in v:
        raise GoError("bad format of filter (expected name=value)")


def _v_attach(v: str) -> None:
    if v.lower() not in ("stdin", "stdout", "stderr"):
        raise GoError("valid streams are STDIN, STDOUT and STDERR")


def _v_device_cgroup_rule(v: str) -> None:
    if not _DEVICE_CGROUP_RULE_RE.match(v):
        raise GoError(f"invalid device cgroup format '{v}'")


def _v_env(v: str) -> None:
    if v.partition("=")[0] == "":
        raise GoError("invalid environment variable: " + v)


def _v_label(v: str) -> None:
    key = v.partition("=")[0].lstrip(" \t")
    if key == "":
        raise GoError(f"invalid label '{v}': empty name")
    if " " in key or "\t" in key:
        raise GoError(f"label '{key}' contains whitespaces")


def _v_link(v: str) -> None:
    if v == "":
        raise GoError("empty string specified for links")
    if len(v.split(":", 2)) > 2:
        raise GoError("bad format for links: " + v)


def _v_ip_address(v: str) -> None:
    if not _ip_ok(v):
        profile = CLI_PROFILE.get()  # EngineProfile.cli_ip_address_error
        text = (profile.cli_ip_address_error if profile is not None
                else "IP address is not correctly formatted: {value}")
        raise GoError(text.format(value=v))


def _v_dns_search(v: str) -> None:
    v = v.strip(" ")
    if v == ".":
        return
    if not _ALPHA_RE.search(v):
        raise GoError(f"{v} is not a valid domain")
    m = _DOMAIN_RE.match(v)
    if m and len(to_bytes(m.group(1))) < 255:
        return
    raise GoError(f"{v} is not a valid domain")


def _v_extra_host(v: str) -> None:
    profile = CLI_PROFILE.get()
    if profile is not None and not profile.cli_add_host_equals:
        # v20.10.24:opts/hosts.go:163-176: NAME:IP only (EngineProfile.cli_add_host_equals)
        k, sep, val = v.partition(":")
        if not sep or k == "":
            raise GoError(f"bad format for add-host: {go_quote(v)}")
        if val != "host-gateway" and not net_parse_ip(trim_space(val)):
            raise GoError(f"invalid IP address in add-host: {go_quote(val)}")
        return
    k, sep, val = v.partition("=")
    if not sep:
        k, sep, val = v.partition(":")
    if not sep or k == "" or ":" in k:
        raise GoError(f"bad format for add-host: {go_quote(v)}")
    if val != "host-gateway":
        if len(to_bytes(val)) > 2 and val[0] == "[" and val[-1] == "]":
            val = val[1:-1]
        if not net_parse_ip(trim_space(val)):
            raise GoError(f"invalid IP address in add-host: {go_quote(val)}")


def _v_sysctl(v: str) -> None:
    profile = CLI_PROFILE.get()  # EngineProfile.cli_sysctl_refusal
    refusal = (profile.cli_sysctl_refusal if profile is not None
               else "sysctl '{value}' is not allowed").format(value=v)
    k, sep, _ = v.partition("=")
    if not sep or k == "":
        raise GoError(refusal)
    if k in _SYSCTL_NAMES or k.startswith(("net.", "fs.mqueue.")):
        return
    raise GoError(refusal)


def _v_ulimit(v: str) -> None:
    parts = v.split("=", 1)
    if len(parts) != 2:
        raise GoError(f"invalid ulimit argument: {v}")
    if parts[0] not in _ULIMIT_NAMES:
        raise GoError(f"invalid ulimit type: {parts[0]}")
    limits = parts[1].split(":")
    if len(limits) > 2:
        raise GoError(f"too many limit value arguments - {parts[1]}, can only have up to two, "
                       "`soft[:hard]`")
    hard: int | None = None
    if len(limits) == 2:
        hard = parse_int(limits[1], 10, 64)
    soft = parse_int(limits[0], 10, 64)
    if hard is None:
        hard = soft
    if hard != -1:
        if soft == -1:
            raise GoError("ulimit soft limit must be less than or equal to hard limit: "
                           f"soft: -1 (unlimited), hard: {hard}")
        if soft > hard:
            raise GoError("ulimit soft limit must be less than or equal to hard limit: "
                           f"{soft} > {hard}")


def _device_path(v: str) -> str:
    k, sep, rest = v.partition(":")
    if not sep or k == "":
        raise GoError(f"bad format: {v}")
    if not k.startswith("/dev/"):
        raise GoError(f"bad format for device path: {v}")
    return rest


def _v_weight_device(v: str) -> None:
    rest = _device_path(v)
    try:
        weight = parse_uint(rest, 10, 16)
    except NumError:
        raise GoError(f"invalid weight for device: {v}") from None
    if weight > 0 and (weight < 10 or weight > 1000):
        raise GoError(f"invalid weight for device: {v}")


def _v_throttle_bps(v: str) -> None:
    rest = _device_path(v)
    msg = (f"invalid rate for device: {v}. The correct format is <device-path>:<number>[<unit>]. "
           "Number must be a positive integer. Unit is optional and can be kb, mb, or gb")
    try:
        rate = cli_ram_in_bytes(rest)
    except GoError:
        raise GoError(msg) from None
    if rate < 0:
        raise GoError(msg)


def _v_throttle_iops(v: str) -> None:
    rest = _device_path(v)
    try:
        parse_uint(rest, 10, 64)
    except NumError:
        raise GoError(f"invalid rate for device: {v}. The correct format is "
                       "<device-path>:<number>. Number must be a positive integer") from None


def _gpu_count(s: str) -> None:
    if s == "all":
        return
    try:
        atoi(s)
    except NumError as e:
        profile = CLI_PROFILE.get()
        if profile is not None and profile.cli_gpus_count_wrapped:
            raise GoError(f"count must be an integer: {e}") from None
        raise GoError(f'invalid count ({s}): value must be either "all" or an integer: '
                       f"{e.err}") from None


def _v_gpus(v: str) -> None:
    seen: set[str] = set()
    for fld in read_record(v):
        key, sep, val = fld.partition("=")
        if key in seen:
            raise GoError(f"gpu request key '{key}' can be specified only once")
        seen.add(key)
        if not sep:
            seen.add("count")
            _gpu_count(key)
            continue
        if key == "count":
            _gpu_count(val)
        elif key == "options":
            try:
                read_record(val)
            except GoError as e:
                raise GoError(f"failed to read gpu options: {e}") from None
        elif key not in ("driver", "device", "capabilities"):
            raise GoError(f"unexpected key '{key}' in '{fld}'")


def validate_mount(v: str, *, nonrecursive: str = "refused",
                   log: list[str] | None = None) -> None:
    """opts.MountOpt.Set; ``nonrecursive``: EngineProfile.cli_bind_nonrecursive (≤ 28.x sets
    the bind option, 23.0+ logging a warning into ``log``; 29.x refuses it)."""
    mount_type = "volume"
    target = ""
    read_only = False
    uses: set[str] = set()
    propagation = ""
    bind_recursive = ""
    profile = CLI_PROFILE.get()
    absent = profile.cli_mount_keys_absent if profile is not None else ()
    for fld in read_record(v):
        key, sep, val = fld.partition("=")
        key = key.lower()
        if sep and key in absent:  # EngineProfile.cli_mount_keys_absent
            raise GoError(f"unexpected key '{key}' in '{fld}'")
        if not sep:
            if key in ("readonly", "ro"):
                read_only = True
                continue
            if key == "volume-nocopy":
                uses.add("volume")
                continue
            if key == "bind-nonrecursive":
                if nonrecursive == "refused":
                    raise GoError("bind-nonrecursive is deprecated, use bind-recursive=disabled "
                                   "instead")
                uses.add("bind")
                continue
            raise GoError(f"invalid field '{fld}' must be a key=value pair")
        if key == "type":
            mount_type = val.lower()
        elif key in ("source", "src", "consistency"):
            pass
        elif key in ("target", "dst", "destination"):
            target = val
        elif key in ("readonly", "ro"):
            try:
                read_only = parse_bool(val)
            except NumError:
                raise GoError(f"invalid value for {key}: {val}") from None
        elif key == "bind-propagation":
            uses.add("bind")
            propagation = val.lower()
        elif key == "bind-nonrecursive":
            if nonrecursive == "refused":
                raise GoError("bind-nonrecursive is deprecated, use bind-recursive=disabled "
                               "instead")
            try:
                parse_bool(val)
            except NumError:
                raise GoError(f"invalid value for {key}: {val}") from None
            uses.add("bind")
            if nonrecursive == "warned" and log is not None:
                log.append("bind-nonrecursive is deprecated, use bind-recursive=disabled instead")
        elif key == "bind-recursive":
            if val not in ("enabled", "disabled", "writable", "readonly"):
                raise GoError(f'invalid value for {key}: {val} (must be "enabled", "disabled", '
                               '"writable", or "readonly")')
            if val != "enabled":
                uses.add("bind")
            bind_recursive = val
        elif key in ("volume-subpath", "volume-label", "volume-driver", "volume-opt"):
            uses.add("volume")
        elif key == "volume-nocopy":
            uses.add("volume")
            try:
                parse_bool(val)
            except NumError:
                raise GoError(f"invalid value for volume-nocopy: {val}") from None
        elif key == "image-subpath":
            uses.add("image")
        elif key == "tmpfs-size":
            try:
                cli_ram_in_bytes(val)
            except GoError:
                raise GoError(f"invalid value for {key}: {val}") from None
            uses.add("tmpfs")
        elif key == "tmpfs-mode":
            try:
                parse_uint(val, 8, 32)
            except NumError:
                raise GoError(f"invalid value for {key}: {val}") from None
            uses.add("tmpfs")
        else:
            raise GoError(f"unexpected key '{key}' in '{fld}'")
    if mount_type == "":
        raise GoError("type is required")
    if target == "":
        raise GoError("target is required")
    for kind in ("volume", "image", "bind", "tmpfs"):
        if kind in uses and mount_type != kind:
            raise GoError(f"cannot mix '{kind}-*' options with mount type '{mount_type}'")
    if "bind" in uses:
        if bind_recursive == "writable" and not read_only:
            raise GoError("option 'bind-recursive=writable' requires 'readonly' to be "
                           "specified in conjunction")
        if bind_recursive == "readonly":
            if not read_only:
                raise GoError("option 'bind-recursive=readonly' requires 'readonly' to be "
                               "specified in conjunction")
            if propagation != "rprivate":
                raise GoError("option 'bind-recursive=readonly' requires "
                               "'bind-propagation=rprivate' to be specified in conjunction")


def _gw_priority() -> bool:
    profile = CLI_PROFILE.get()
    return profile is None or profile.cli_gw_priority


def _v_network(v: str, *, parse_addresses: bool = True) -> None:
    """opts.NetworkOpt.Set; ``parse_addresses``: ip=/ip6=/link-local-ip= are netip.Addr
    (docker/cli ≥ 29.0, opts/network.go) rather than strings passed on (≤ 28.x)."""
    if "=" not in v or not _NETWORK_LONG_SYNTAX_RE.search(v):
        return  # the short syntax (a network name): the long one needs a key=value pair
    target = ""
    for fld in read_record(v):
        key, sep, val = fld.lower().partition("=")
        if not sep or key == "":
            raise GoError(f"invalid field {fld}")
        key = trim_space(key)
        val = trim_space(val)
        if key == "name":
            target = val
        elif key in ("ip", "ip6", "link-local-ip"):
            if parse_addresses:
                parse_addr(val)
        elif key == "driver-opt":
            dkey, dsep, _ = val.partition("=")
            if not dsep or dkey == "":
                raise GoError("invalid key value pair format in driver options")
        elif key == "gw-priority" and _gw_priority():
            try:
                atoi(val)
            except NumError as e:
                raise GoError(f"invalid gw-priority ({val}): {e.err}") from None
        elif key not in ("alias", "mac-address"):
            raise GoError("invalid field key " + key)
    if target == "":
        raise GoError("network name/id is not specified")


#: the parse-time check of each flag value type (FlagSpec.check), raising GoError
VALIDATORS: Mapping[str, Callable[[str], None]] = MappingProxyType({
    "bool": _v_bool,
    "int": _v_int,
    "uint16": _v_uint16,
    "uint32": _v_uint32,
    "uint64": _v_uint64,
    "duration": _v_duration,
    "ip": _v_ip,
    "stringSlice": _v_string_slice,
    "ipSlice": _v_ip_slice,
    "ipNetSlice": _v_ipnet_slice,
    "bytes": _v_bytes,
    "swap-bytes": _v_swap_bytes,
    "decimal": _v_decimal,
    "filter": _v_filter,
    "attach": _v_attach,
    "device-cgroup-rule": _v_device_cgroup_rule,
    "env": _v_env,
    "label": _v_label,
    "link": _v_link,
    "ip-address": _v_ip_address,
    "dns-search": _v_dns_search,
    "extra-host": _v_extra_host,
    "sysctl": _v_sysctl,
    "ulimit": _v_ulimit,
    "weight-device": _v_weight_device,
    "throttle-bps": _v_throttle_bps,
    "throttle-iops": _v_throttle_iops,
    "gpus": _v_gpus,
    "mount": validate_mount,
    "network": _v_network,
    "network-strings": functools.partial(_v_network, parse_addresses=False),
})

#: the address flags docker/cli ≤ 28.x keeps as strings (pflag String/StringSlice), with the
#: check they get then (EngineProfile.cli_parses_addresses)
STRING_ADDRESS_CHECKS: Mapping[tuple[str, str], str] = MappingProxyType({
    ("ip", "ip"): "", ("ip6", "ip"): "", ("link-local-ip", "ipSlice"): "stringSlice",
    ("ip-range", "ipNetSlice"): "stringSlice", ("gateway", "ipSlice"): "stringSlice",
    ("network", "network"): "network-strings", ("net", "network"): "network-strings",
})
