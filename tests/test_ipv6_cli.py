"""IPv6 at the surface: `netsim reach`/`netsim matrix` -4/-6, Lab.reach/Lab.matrix's
``family``, `# netsim: expect … over ipv6` and IPv6 destinations, and Debian's `hostname -I`
listing the IPv6 addresses after the IPv4 ones."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from netsim.analysis.check import FORMS, Expectation, parse_expectation
from netsim.analysis.reach import Disposition
from netsim.cli import cli, main
from netsim.errors import InputError
from netsim.lab import run_script
from netsim.probes import probe

#: front and back: dual-stack bridges; plain: IPv4 only; v6only: IPv6 only (28.5's
#: --ipv4=false). web is on front and plain.
SETUP = """\
# netsim: engine 28.5
docker network create --ipv6 --subnet fd00:1::/64 front
docker network create --ipv6 --subnet fd00:2::/64 back
docker network create plain
docker network create --ipv6 --ipv4=false --subnet fd00:6::/64 v6only
docker run -d --name web --network front -p 8080:80 nginx
docker run -dit --name client --network front alpine
docker run -dit --name other --network back alpine
docker run -dit --name old --network plain debian
docker run -dit --name six --network v6only debian
docker network connect plain web
"""

#: the bridges' names (from the networks' IDs, seed 0)
FRONT, BACK = "br-8d007c2421ec", "br-ad9587e002e0"


@pytest.fixture
def setup(tmp_path: Path) -> Path:
    path = tmp_path / "setup.sh"
    path.write_text(SETUP)
    return path


def netsim(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """``netsim ARGS…`` in this process: (exit status, stdout, stderr)."""
    code: object = 0
    try:
        main(list(args))
    except SystemExit as exit_:  # (netsim matrix returns)
        code = exit_.code
    out, err = capsys.readouterr()
    return (code if isinstance(code, int) else 0), out, err


# --------------------------------------------------------------------------------------------
# netsim matrix -6


MATRIX4 = """\
who reaches whom (ping)
           01234
client     .XXX.
old        X.XX.
other      XX.XX
six        XXXXX
web        ..XX.
@host      ...X.
@lan       XXXXX
@internet  XXXXX
columns: 0=client  1=old  2=other  3=six  4=web
"""

MATRIX6 = """\
who reaches whom over IPv6 (ping)
           01234
client     .XXX.
old        XXXXX
other      XX.XX
six        XXX.X
web        .XXX.
@host      .X...
@lan       XXXXX
@internet  XXXXX
columns: 0=client  1=old  2=other  3=six  4=web
"""


def test_matrix_minus_6_is_over_ipv6_and_says_so(setup: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """-6: the containers' IPv6 addresses (old has none: never reached; six only IPv6 ones);
    the header says "over IPv6"."""
    assert netsim(capsys, "matrix", str(setup), "-6") == (0, MATRIX6, "")
    assert netsim(capsys, "matrix", "--ipv6", str(setup)) == (0, MATRIX6, "")


def test_matrix_is_ipv4_by_default_and_with_minus_4(setup: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert netsim(capsys, "matrix", str(setup)) == (0, MATRIX4, "")
    assert netsim(capsys, "matrix", str(setup), "-4") == (0, MATRIX4, "")
    assert netsim(capsys, "matrix", str(setup), "--ipv4") == (0, MATRIX4, "")
    assert netsim(capsys, "matrix", str(setup), "-4", "-6") == (0, MATRIX6, "")  # the last


def test_matrix_json_carries_the_family(setup: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = netsim(capsys, "matrix", str(setup), "-6", "--json", "--port", "80",
                            "--no-vantage")
    assert (code, err) == (0, "")
    assert out == """\
{
 "port": 80,
 "proto": "tcp",
 "family": 6,
 "sources": ["client", "old", "other", "six", "web"],
 "destinations": ["client", "old", "other", "six", "web"],
 "rows": [
  "XXXX.",
  "XXXXX",
  "XXXXX",
  "XXXXX",
  "XXXX."
 ]
}
"""
    code, out, _ = netsim(capsys, "matrix", str(setup), "--json", "--port", "80")
    assert code == 0 and "family" not in json.loads(out)  # IPv4: as before


# --------------------------------------------------------------------------------------------
# netsim reach -6


def test_reach_minus_6_goes_to_a_containers_ipv6_address(
        setup: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert netsim(capsys, "reach", str(setup), "client", "web", "-6", "--port", "80") == (0, f"""\
client -> web [fd00:1::2]:80/tcp: reachable [DELIVERED]
  1. fd00:1::2 is on-link: client sends it out of eth0 (fd00:1::3/64, network front)
     (route.onlink: kernel: an address inside an interface's subnet is on-link (ARP on it))
  2. bridge {FRONT} (front) forwards it to web's eth0
     (bridge.same: https://docs.docker.com/engine/network/drivers/bridge/ (containers on the \
same bridge expose all ports to each other); moby test TestBridgeICC)
  3. fd00:1::2 is web's address; a process in web listens on 80/tcp
     (listen: kernel: a socket listening on the port accepts; none: TCP RST / ICMP port \
unreachable)
""", "")
    # without -6: its IPv4 address
    code, out, _ = netsim(capsys, "reach", str(setup), "client", "web", "--port", "80")
    assert (code, out.splitlines()[0]) == (
        0, "client -> web 172.18.0.2:80/tcp: reachable [DELIVERED]")
    code, out4, _ = netsim(capsys, "reach", str(setup), "client", "web", "-4", "--port", "80")
    assert (code, out4) == (0, out)


def test_reach_minus_6_between_bridges_is_isolated_on_28(
        setup: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert netsim(capsys, "reach", str(setup), "client", "other", "-6") == (1, f"""\
client -> other fd00:2::2 (icmp): not reachable [ISOLATED_NETWORKS]
  1. fd00:2::2 is off-subnet: client sends it out of eth0 (network front) via fd00:1::1, its \
IPv6 default route
     (route.default: moby daemon/libnetwork/sandbox.go (Endpoint.Less picks the gateway \
endpoint); drivers/bridge/bridge_linux.go Join (SetGateway))
  2. it enters host through {FRONT} (front); fd00:2::2 is on back ({BACK}), another network: \
ip6tables drops IPv6 traffic into {BACK} that does not come from it
     (bridge.isolation6: v28.5.2:libnetwork/drivers/bridge/internal/iptabler/network.go:53-54 \
(the rules of bridge.isolation, programmed for IPv6 too); ip6tables on by default from 27.0 \
(v27.0.1:cmd/dockerd/config_unix.go:31))
""", "")


def test_reach_minus_6_to_a_container_without_ipv6(setup: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert netsim(capsys, "reach", str(setup), "client", "old", "-6") == (1, """\
client -> old old (icmp): not reachable [NO_INTERFACE]
  1. old has no IPv6 address to send to: none of its networks has IPv6 enabled
     (none: https://docs.docker.com/engine/network/drivers/none/ (only lo))
""", "")


def test_reach_an_ipv6_address_is_ipv6_whatever_the_flag(
        setup: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, plain, err = netsim(capsys, "reach", str(setup), "client", "fd00:1::2", "--port", "80")
    assert (code, plain.splitlines()[0], err) == (
        0, "client -> fd00:1::2 [fd00:1::2]:80/tcp: reachable [DELIVERED]", "")
    assert netsim(capsys, "reach", str(setup), "client", "fd00:1::2", "-6", "--port",
                  "80") == (0, plain, "")
    code, out, _ = netsim(capsys, "reach", str(setup), "client", "[fd00:1::2]", "--port", "80")
    assert (code, out.splitlines()[0]) == (
        0, "client -> [fd00:1::2] [fd00:1::2]:80/tcp: reachable [DELIVERED]")


def test_reach_the_other_family_than_the_address_is_bad_input(
        setup: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert netsim(capsys, "reach", str(setup), "client", "fd00:1::2", "-4") == (
        2, "", "netsim reach: -4: an IPv6 address is reached over IPv6 only (got 'fd00:1::2'; "
               "accepted: -6 or no -4/-6 with an IPv6 DST)\n")
    assert netsim(capsys, "reach", str(setup), "client", "[fd00:1::2]", "--ipv4", "--port",
                  "80") == (
        2, "", "netsim reach: -4: an IPv6 address is reached over IPv6 only (got "
               "'[fd00:1::2]'; accepted: -6 or no -4/-6 with an IPv6 DST)\n")
    assert netsim(capsys, "reach", str(setup), "client", "172.18.0.2", "-6") == (
        2, "", "netsim reach: -6: an IPv4 address is reached over IPv4 only (got '172.18.0.2'; "
               "accepted: -4 or no -4/-6 with an IPv4 DST)\n")


def test_reach_json_carries_the_family_after_proto(setup: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = netsim(capsys, "reach", str(setup), "client", "web", "-6", "--port", "80",
                          "--json")
    data = json.loads(out)
    assert code == 0
    assert list(data)[:7] == ["src", "dst", "address", "port", "proto", "family",
                              "disposition"]
    assert (data["address"], data["family"], data["disposition"]) == ("fd00:1::2", 6,
                                                                       "DELIVERED")
    assert out.startswith('{\n  "src": "client",\n  "dst": "web",\n  "address": "fd00:1::2",\n'
                          '  "port": 80,\n  "proto": "tcp",\n  "family": 6,\n')
    # an IPv6 address without -6, and a flow that found no IPv6 address: family 6 too
    code, out, _ = netsim(capsys, "reach", str(setup), "client", "fd00:1::2", "--json")
    assert (code, json.loads(out)["family"]) == (0, 6)
    code, out, _ = netsim(capsys, "reach", str(setup), "client", "old", "-6", "--json")
    assert (code, json.loads(out)["family"], json.loads(out)["address"]) == (1, 6, None)
    # over IPv4: no "family", as before
    code, out, _ = netsim(capsys, "reach", str(setup), "client", "web", "--json")
    assert code == 0 and "family" not in json.loads(out)


def test_help_lists_the_family_flags() -> None:
    for command in ("reach", "matrix"):
        r = CliRunner().invoke(cli, [command, "--help"])
        assert r.exit_code == 0
        lines = r.output.splitlines()
        assert any(line.startswith("  -4, --ipv4  ") for line in lines), r.output
        assert any(line.startswith("  -6, --ipv6  ") for line in lines), r.output


# --------------------------------------------------------------------------------------------
# Lab.reach / Lab.matrix: family


def test_lab_reach_and_matrix_take_the_family() -> None:
    lab, _ = run_script(SETUP, profile="28.5")
    assert lab.reach("client", "web", port=80).address == "172.18.0.2"
    assert lab.reach("client", "web", port=80, family=4).address == "172.18.0.2"
    six = lab.reach("client", "web", port=80, family=6)
    assert (six.address, six.disposition.value) == ("fd00:1::2", "DELIVERED")
    assert lab.reach("client", "other", family=6).deciding.rule == "bridge.isolation6"
    m = lab.matrix(family=6)
    assert m.family == 6
    assert str(m) + "\n" == MATRIX6
    assert str(lab.matrix()) + "\n" == MATRIX4
    assert lab.matrix(port=80, vantage=False, family=6).to_dict()["family"] == 6


# --------------------------------------------------------------------------------------------
# # netsim: expect … IPv6 destinations, over ipv4|ipv6


def parse(text: str) -> Expectation:
    return parse_expectation(text.split(), "x")


def test_expectation_grammar_reads_over_and_ipv6_addresses() -> None:
    e = parse("client reaches fd00:1::2 on 80")
    assert (e.target, e.port, e.family) == ("fd00:1::2", 80, None)
    e = parse("client does not reach other over ipv6 because ISOLATED_NETWORKS")
    assert (e.negate, e.target, e.family, e.disposition) == (
        True, "other", 6, Disposition.ISOLATED_NETWORKS)
    e = parse("client reaches web over IPv4 on 80/tcp")
    assert (e.family, e.port, e.proto) == (4, 80, "tcp")
    assert FORMS.startswith("SRC reaches DST [on PORT] [over ipv4|ipv6]; SRC does not reach "
                            "DST [on PORT] [over ipv4|ipv6] [because DISPOSITION]; ")


@pytest.mark.parametrize(("text", "what"), [
    ("client reaches web over ipx", "bad expectation: not a family: ipx"),
    ("client reaches fd00:1::2 over ipv4",
     "bad expectation: fd00:1::2 is an IPv6 address: it is reached over ipv6"),
    ("client reaches 172.18.0.2 over ipv6",
     "bad expectation: 172.18.0.2 is an IPv4 address: it is reached over ipv4"),
    ("client reaches web over", "bad expectation: unexpected 'over'"),
])
def test_bad_over_clauses_are_malformed(text: str, what: str) -> None:
    with pytest.raises(InputError) as info:
        parse_expectation(text.split(), "line 3")
    assert info.value.line() == f"line 3: {what} (got {text!r}; accepted: {FORMS})"


def test_check_over_ipv6(setup: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with setup.open("a") as f:
        f.write("# netsim: expect client reaches fd00:1::2 on 80\n"
                "# netsim: expect client reaches web on 80 over ipv6\n"
                "# netsim: expect client does not reach other over ipv6 because "
                "ISOLATED_NETWORKS\n"
                "# netsim: expect client does not reach old over ipv6 because NO_INTERFACE\n"
                "# netsim: expect six reaches client over ipv6\n"
                "# netsim: expect web reaches old over ipv4\n")
    code, out, err = netsim(capsys, "check", str(setup))
    assert (code, err) == (1, "")
    assert out == """\
 line  expectation                                                      outcome            result
   12  client reaches fd00:1::2 on 80                                   DELIVERED          ok
   13  client reaches web on 80 over ipv6                               DELIVERED          ok
   14  client does not reach other over ipv6 because ISOLATED_NETWORKS  ISOLATED_NETWORKS  ok
   15  client does not reach old over ipv6 because NO_INTERFACE         NO_INTERFACE       ok
   16  six reaches client over ipv6                                     ISOLATED_NETWORKS  FAIL
   17  web reaches old over ipv4                                        DELIVERED          ok
6 expectations: 1 does not hold
"""


def test_lab_expect_over_ipv6() -> None:
    lab, _ = run_script(SETUP, profile="28.5")
    r = lab.expect("client does not reach other over ipv6 because ISOLATED_NETWORKS")
    assert (r.ok, r.outcome) == (True, "ISOLATED_NETWORKS")
    r = lab.expect("client reaches other")  # IPv4: isolated as well
    assert (r.ok, r.outcome) == (False, "ISOLATED_NETWORKS")


def test_over_ipv6_to_a_name_takes_its_ipv6_address() -> None:
    """A DST that is a name, not a container (a network alias), resolves to its IPv6
    address over ipv6 (/etc/hosts, then AAAA) and to its IPv4 one otherwise."""
    lab, _ = run_script(SETUP + "docker run -d --name api --network front --network-alias "
                                "backend nginx\n", profile="28.5")
    r = lab.expect("client reaches backend on 80 over ipv6")
    assert (r.ok, r.outcome) == (True, "DELIVERED")
    r = lab.expect("other does not reach backend on 80 over ipv6")
    assert (r.ok, r.outcome) == (True, "NAME_NOT_RESOLVED")


# --------------------------------------------------------------------------------------------
# hostname -I


def test_hostname_capital_i_lists_ipv4_then_ipv6() -> None:
    """Debian's hostname -I: getifaddrs' order, every IPv4 address then every global IPv6
    one (link-local ones skipped), each followed by a space."""
    lab, _ = run_script(SETUP, profile="28.5")
    st = lab.state
    web = probe(st, "web", "hostname -I")
    assert (web.stdout, web.stderr, web.exit_code) == (
        "172.18.0.2 172.20.0.3 fd00:1::2 \n", "", 0)
    assert probe(st, "old", "hostname -I").stdout == "172.20.0.2 \n"  # IPv4 only: as before
    assert probe(st, "six", "hostname -I").stdout == "fd00:6::2 \n"  # IPv6 only
    # BusyBox's hostname has no -I; its -i stays IPv4 (/etc/hosts' IPv4 lines)
    client = probe(st, "client", "hostname -I")
    assert (client.exit_code, client.stderr.splitlines()[0]) == (
        1, "hostname: unrecognized option: I")
    assert probe(st, "client", "hostname -i").stdout == "172.18.0.3\n"


def test_hostname_capital_i_through_netsim_exec_and_docker_exec(
        setup: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert netsim(capsys, "exec", str(setup), "web", "--", "hostname", "-I") == (
        0, "172.18.0.2 172.20.0.3 fd00:1::2 \n", "")
    _, steps = run_script(SETUP + "docker exec six hostname -I\n", profile="28.5")
    assert (steps[-1].stdout, steps[-1].exit_code) == ("fd00:6::2 \n", 0)
