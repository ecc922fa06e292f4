"""`netsim lint`: every kind of finding at the line that introduced it, with why and a fix; the
clean scenario and the bundled ones; the result's faces; the command's exit statuses and JSON."""

from __future__ import annotations

import functools
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import BUNDLED, ROOT, SCENARIOS

from netsim.analysis.lint import KINDS, Finding, LintResult, lint
from netsim.cli import main
from netsim.lab import Lab, run_script
from netsim.replay import replay_file

Row = tuple[str, str, str, str]  # kind, where, host, subject


@functools.cache
def linted(name: str) -> LintResult:
    """scenarios/NAME (or another bundled input) replayed and linted, named as typed."""
    source = f"scenarios/{name}"
    lab, _ = replay_file(str(ROOT / source))
    return lab.lint(source=source)


def rows(result: LintResult, kind: str | None = None) -> list[Row]:
    return [(f.kind, f.where, f.host, f.subject) for f in result.findings
            if kind is None or f.kind == kind]


def script(text: str, name: str = "s.sh") -> LintResult:
    lab, _ = run_script(text, source=name)
    return lab.lint(source=name)


#: every finding of the lint-* scenarios, as their comments announce them
EXPECTED: dict[str, list[Row]] = {
    "lint-subnets.sh": [
        ("subnet-lan-overlap", "scenarios/lint-subnets.sh:10", "server1",
         "lab 192.168.0.128/25 overlaps the LAN 192.168.0.0/24"),
        ("subnet-overlap", "scenarios/lint-subnets.sh:13", "server1",
         "office 10.30.0.0/16 overlaps vlan30 10.30.0.0/16"),
        ("subnet-overlap", "scenarios/lint-subnets.sh:16", "server3",
         "lan on server3 hands out 192.168.0.64/28, as lan on server2 does"),
    ],
    "lint-ports.sh": [
        ("port-conflict", "scenarios/lint-ports.sh:10", "server1",
         "web-next 127.0.0.1:8080->80/tcp"),
        ("publish-all-interfaces", "scenarios/lint-ports.sh:12", "server1",
         "db 0.0.0.0:5432->5432/tcp"),
        ("internet-reachable", "scenarios/lint-ports.sh:14", "server1",
         "sessions 192.168.0.50:27017->27017/tcp"),
        ("internet-reachable", "scenarios/lint-ports.sh:16", "server1",
         "cache 6379/tcp (host network)"),
        ("publish-host-network", "scenarios/lint-ports.sh:18", "server1", "monitor -p 9100:80"),
        ("publish-internal-network", "scenarios/lint-ports.sh:21", "server1",
         "secrets -p 8200:80"),
    ],
    "lint-macvlan.sh": [
        ("macvlan-publish", "scenarios/lint-macvlan.sh:9", "server1", "printer -p 8631:80"),
        ("macvlan-host-isolation", "scenarios/lint-macvlan.sh:12", "server1",
         "probe -> @server1 (192.168.0.50)"),
        ("macvlan-host-isolation", "scenarios/lint-macvlan.sh:14", "server1",
         "@server1 -> printer (192.168.0.64)"),
    ],
    "lint-names.sh": [
        ("alias-mixed-images", "scenarios/lint-names.sh:8", "host", "backend on app"),
        ("link-user-network", "scenarios/lint-names.sh:10", "host",
         "client --link api:service on app"),
        ("default-bridge-link", "scenarios/lint-names.sh:13", "host", "oldapp --link olddb:db"),
        ("default-bridge-dns", "scenarios/lint-names.sh:16", "host", "tool -> olddb"),
    ],
}


def expected(kind: str) -> list[Row]:
    return [r for found in EXPECTED.values() for r in found if r[0] == kind]


def found(kind: str) -> list[Row]:
    return [r for name in EXPECTED for r in rows(linted(name), kind)]


# ------------------------------------------------------------------------ one test per kind


def test_subnet_lan_overlap() -> None:
    """A bridge whose --subnet lies inside the hosts' LAN is found at its network create."""
    assert found("subnet-lan-overlap") == expected("subnet-lan-overlap")
    f = linted("lint-subnets.sh").findings[0]
    assert "server1 routes 192.168.0.128/25 into br-" in f.why
    assert f.fix.startswith("give lab a subnet outside 192.168.0.0/24 (--subnet)")


def test_subnet_overlap() -> None:
    """Two networks of one host with one subnet (--ip-range hid it from IPAM), and two
    macvlan networks on one LAN segment whose ranges overlap, at the later network create."""
    assert found("subnet-overlap") == expected("subnet-overlap")
    segment = linted("lint-subnets.sh").findings[2]
    assert "two containers can get the same address" in segment.why
    assert segment.fix.startswith("give each network a disjoint --ip-range")


def test_port_conflict() -> None:
    """127.0.0.1:8080 against another container's 0.0.0.0:8080: found at the later one."""
    assert found("port-conflict") == expected("port-conflict")
    f = next(f for f in linted("lint-ports.sh").findings if f.kind == "port-conflict")
    assert f.why.startswith("web-next (created) publishes 127.0.0.1:8080->80/tcp, but web "
                            "(running) publishes 0.0.0.0:8080->80/tcp")
    assert f.fix == ("publish web-next on another host port (-p 8081:80), or remove the "
                     "container that is not needed (docker rm -f web)")


def test_publish_all_interfaces() -> None:
    """PostgreSQL published on every interface, with netsim's @internet verdict."""
    assert found("publish-all-interfaces") == expected("publish-all-interfaces")
    f = next(f for f in linted("lint-ports.sh").findings if f.kind == "publish-all-interfaces")
    assert f.why.endswith("(netsim reach @internet @server1 --port 5432: DELIVERED)")
    assert f.fix.startswith("bind it to the host only (-p 127.0.0.1:5432:5432)")


def test_publish_host_network() -> None:
    """-p with --network host (Docker discards it) is found at the run."""
    assert found("publish-host-network") == expected("publish-host-network")


def test_publish_internal_network() -> None:
    """-p on a container only on an --internal network: nothing is published (netsim's
    verdict PORT_NOT_PUBLISHED)."""
    assert found("publish-internal-network") == expected("publish-internal-network")
    f = next(f for f in linted("lint-ports.sh").findings
             if f.kind == "publish-internal-network")
    assert "PORT_NOT_PUBLISHED" in f.why
    assert "docker network connect app secrets" in f.fix


def test_internet_reachable() -> None:
    """MongoDB bound to the host's LAN address, and Redis on the host network: @internet
    reaches both (reach, and the matrix's @internet row)."""
    assert found("internet-reachable") == expected("internet-reachable")


def test_macvlan_publish() -> None:
    """-p on a macvlan container is found; the fix names its own address."""
    assert found("macvlan-publish") == expected("macvlan-publish")
    f = linted("lint-macvlan.sh").findings[0]
    assert "(192.168.0.64)" in f.fix


def test_macvlan_host_isolation() -> None:
    """A macvlan container probing its own host, and the host probing it, are found at the
    probes' lines."""
    assert found("macvlan-host-isolation") == expected("macvlan-host-isolation")


def test_macvlan_host_isolation_from_an_expectation() -> None:
    """An expectation that a macvlan container reaches its own host is found at its line."""
    text = (SCENARIOS / "lint-macvlan.sh").read_text().replace(
        "# netsim: expect probe does not reach @server1 because MACVLAN_HOST_ISOLATION",
        "# netsim: expect probe reaches @server1")
    assert ("macvlan-host-isolation", "s.sh:16", "server1", "probe reaches @server1") in \
        rows(script(text))


def test_alias_mixed_images() -> None:
    """An alias shared by nginx and httpd containers is found where the second image joined."""
    assert found("alias-mixed-images") == expected("alias-mixed-images")
    f = linted("lint-names.sh").findings[0]
    assert f.why.startswith("backend answers for api (nginx), worker (httpd)")


def test_link_user_network() -> None:
    """--link on a user-defined network is found; the fix is a network alias."""
    assert found("link-user-network") == expected("link-user-network")
    f = linted("lint-names.sh").findings[1]
    assert "docker network connect --alias service app api" in f.fix


def test_default_bridge_link() -> None:
    """A legacy link on the default bridge: the name resolves through /etc/hosts only."""
    assert found("default-bridge-link") == expected("default-bridge-link")


def test_default_bridge_dns() -> None:
    """A container name probed from the default bridge, where it does not resolve."""
    assert found("default-bridge-dns") == expected("default-bridge-dns")


def test_every_kind_has_its_scenario_line() -> None:
    """The lint-* scenarios trigger every kind, each at a line whose comment names it."""
    assert {r[0] for found in EXPECTED.values() for r in found} == set(KINDS)
    for name, found_rows in EXPECTED.items():
        lines = (SCENARIOS / name).read_text().splitlines()
        for kind, where, _, _ in found_rows:
            number = int(where.rsplit(":", 1)[1])
            assert lines[number - 2].startswith(f"# {kind}:"), (name, number)


# ------------------------------------------------------------------------ scenarios as a whole


def test_the_mistake_scenarios_give_exactly_their_findings() -> None:
    """Each lint-* scenario gives the findings its comments announce, and nothing else."""
    for name, want in EXPECTED.items():
        assert rows(linted(name)) == want, name


def test_the_clean_scenario_has_no_finding() -> None:
    """scenarios/lint-clean.sh (published proxy, internal database, macvlan range of its own,
    one alias per service) has no finding."""
    result = linted("lint-clean.sh")
    assert result.clean and str(result) == "no findings"


#: what every other bundled input gives: nothing, but the tutorial's `-P redis`
BUNDLED_FINDINGS: dict[str, list[Row]] = {
    "tutorial-default-bridge.sh": [
        ("publish-all-interfaces", "scenarios/tutorial-default-bridge.sh:12", "host",
         "cache 0.0.0.0:32768->6379/tcp")],
}


@pytest.mark.parametrize("path", [p for p in BUNDLED if not p.name.startswith("lint-")],
                         ids=lambda p: p.name)
def test_bundled_scenarios(path: Path) -> None:
    """The bundled lessons and stacks are clean, but tutorial-default-bridge.sh's `-P redis`,
    which publishes Redis on every interface."""
    assert rows(linted(path.name)) == BUNDLED_FINDINGS.get(path.name, [])


def test_compose_and_dump_inputs_are_clean() -> None:
    """The shop Compose project and the live-bridges snapshot have no finding."""
    assert linted("shop/compose.yaml").clean
    assert linted("live-bridges").clean


# ------------------------------------------------------------------------ where


def test_a_compose_finding_is_at_its_service(tmp_path: Path) -> None:
    """What Compose made is placed at its service's key in the compose file."""
    (tmp_path / "compose.yaml").write_text(
        "services:\n  web:\n    image: nginx\n  db:\n    image: postgres\n"
        "    environment: {POSTGRES_PASSWORD: x}\n    ports: ['5432:5432']\n")
    lab = Lab.from_file(str(tmp_path / "compose.yaml"))
    assert rows(lab.lint(source="compose.yaml")) == [
        ("publish-all-interfaces", "compose.yaml:4", "host",
         f"{tmp_path.name.lower()}-db-1 0.0.0.0:5432->5432/tcp")]


def test_a_compose_file_the_script_wrote_is_placed_at_up() -> None:
    """A compose file written by a here-document is placed at the `docker compose up` line."""
    result = script("cd /root\ncat > compose.yaml <<'EOF'\nservices:\n  cache:\n"
                    "    image: redis\n    ports: ['6379:6379']\nEOF\ndocker compose up -d\n")
    assert rows(result) == [("publish-all-interfaces", "s.sh:8", "host",
                             "root-cache-1 0.0.0.0:6379->6379/tcp")]


def test_a_scenario_finding_is_at_its_step(tmp_path: Path) -> None:
    """A native scenario's finding is at the line of its step."""
    (tmp_path / "s.yaml").write_text(
        "version: 1\nsteps:\n  - op: network-create\n    network: {driver: bridge, name: a}\n"
        "  - op: run\n    container:\n      name: db\n      image: redis\n"
        "      publish: ['6379:6379']\n      networks: [{network: a}]\n")
    lab = Lab.from_file(str(tmp_path / "s.yaml"))
    assert rows(lab.lint(source="s.yaml")) == [
        ("publish-all-interfaces", "s.yaml:5", "host", "db 0.0.0.0:6379->6379/tcp")]


def test_a_dump_finding_is_at_the_file(tmp_path: Path) -> None:
    """A docker inspect dump has no lines: its findings name the file, line 0."""
    out = subprocess.run([sys.executable, "-m", "netsim", "inspect",
                          str(SCENARIOS / "lint-names.sh")], capture_output=True, text=True,
                         cwd=ROOT, check=True).stdout
    (tmp_path / "n.inspect.json").write_text(out)
    lab = Lab.from_file(str(tmp_path / "n.inspect.json"))
    result = lab.lint(source="n.inspect.json")
    assert {(f.where, f.line) for f in result.findings} == {("n.inspect.json", 0)}
    assert [f.kind for f in result.findings] == [
        "alias-mixed-images", "link-user-network", "default-bridge-link"]


def test_an_unnamed_container_and_a_renamed_one_keep_their_lines() -> None:
    """A container run without --name is placed by the ID it printed; a rename keeps the
    line of the run."""
    result = script("docker run -d -p 5432:5432 -e POSTGRES_PASSWORD=x postgres\n"
                    "docker run -d --name r1 -p 6379:6379 redis\ndocker rename r1 cache\n")
    assert [(f.kind, f.where) for f in result.findings] == [
        ("publish-all-interfaces", "s.sh:1"), ("publish-all-interfaces", "s.sh:2")]
    assert result.findings[1].subject == "cache 0.0.0.0:6379->6379/tcp"


def test_findings_on_one_line_follow_the_kinds_order() -> None:
    """Two findings of one line are listed in KINDS order (port-conflict first)."""
    result = script("docker run -d --name h1 --network host nginx\n"
                    "docker run -d --name h2 --network host -p 81:80 nginx\n")
    assert [(f.kind, f.line) for f in result.findings] == [
        ("port-conflict", 2), ("publish-host-network", 2)]


def test_a_failed_expectation_to_resolve_on_the_default_bridge() -> None:
    """`expect a resolves b` on the default bridge is a default-bridge-dns finding."""
    result = script("docker run -dit --name a1 alpine\ndocker run -dit --name a2 alpine\n"
                    "# netsim: expect a1 resolves a2\n")
    assert rows(result) == [("default-bridge-dns", "s.sh:3", "host", "a1 -> a2")]


# ------------------------------------------------------------------------ review: where


def test_a_recreated_container_is_placed_at_its_own_run() -> None:
    """A container removed and run again under its name is placed at the new run, not at a
    `network connect` of the removed one."""
    result = script("docker network create app\ndocker network create other\n"
                    "docker run -d --name web --network app nginx\n"
                    "docker network connect --link web:w other web\n"
                    "docker rm -f web\n"
                    "docker run -d --name web --network other --link x:y nginx\n")
    assert rows(result) == [("link-user-network", "s.sh:6", "host",
                             "web --link x:y on other")]


def test_a_run_that_failed_after_rm_is_placed_at_that_run() -> None:
    """A `docker run` whose start fails (the container is created all the same) after the
    old container of that name was removed is placed at the failed run."""
    result = script("docker run -d --name web -p 8080:80 nginx\n"
                    "docker run -d --name db -e POSTGRES_PASSWORD=x postgres\n"
                    "docker rm -f db\n"
                    "docker run -d --name db -p 8080:80 -p 5432:5432 postgres\n")
    assert [(f.kind, f.where) for f in result.findings] == [
        ("port-conflict", "s.sh:4"), ("publish-all-interfaces", "s.sh:4")]


def test_each_compose_up_places_what_it_created() -> None:
    """Two Compose projects brought up by one script: each container at its own `up`."""
    text = ("mkdir -p /root/a /root/b\ncd /root/a\ncat > compose.yaml <<'EOF'\n"
            "services:\n  cache:\n    image: redis\n    ports: ['6379:6379']\nEOF\n"
            "docker compose up -d\n"
            "cd /root/b\ncat > compose.yaml <<'EOF'\n"
            "services:\n  db:\n    image: mongo\n    ports: ['27017:27017']\nEOF\n"
            "docker compose up -d\n")
    assert [(f.where, f.subject) for f in script(text).findings] == [
        ("s.sh:9", "a-cache-1 0.0.0.0:6379->6379/tcp"),
        ("s.sh:17", "b-db-1 0.0.0.0:27017->27017/tcp")]


def test_findings_of_other_files_follow_the_inputs_own(tmp_path: Path) -> None:
    """A script that brings up a compose file from the disk: its own lines' findings first,
    then the compose file's, by line (not interleaved by line number)."""
    (tmp_path / "compose.yaml").write_text(
        "services:\n  web:\n    image: nginx\n  cache:\n    image: redis\n"
        "    ports: ['6379:6379']\n")
    text = (f"cd {tmp_path}\ndocker compose up -d\n" + "\n" * 10 +
            "docker run -d --name db -e POSTGRES_PASSWORD=x -p 5432:5432 postgres\n")
    lab, _ = run_script(text, source="s.sh")
    assert [f.where for f in lab.lint(source="s.sh").findings] == [
        "s.sh:13", f"{tmp_path}/compose.yaml:4"]


# ------------------------------------------------------------------------ review: ports


def test_every_ipv6_address_is_every_interface() -> None:
    """`-p [::]:P:5432` publishes PostgreSQL on every IPv6 address of the host: found, and
    the fix binds it to ::1."""
    result = script("docker network create --ipv6 --subnet fd00:5::/64 app\n"
                    "docker run -d --name db --network app -e POSTGRES_PASSWORD=x "
                    "-p [::]:25432:5432 postgres\n")
    assert rows(result) == [("publish-all-interfaces", "s.sh:2", "host",
                             "db [::]:25432->5432/tcp")]
    f = result.findings[0]
    assert "on every IPv6 address of host" in f.why
    assert f.fix.startswith("bind it to the host only (-p [::1]:25432:5432)")


def test_the_fix_of_an_ephemeral_port_keeps_it_ephemeral() -> None:
    """`-p 5432` and `-P` let Docker choose the host port: the fix is `-p 127.0.0.1::5432`,
    not the port Docker happened to choose."""
    result = script("docker run -d --name p1 -e POSTGRES_PASSWORD=x -p 5432 postgres\n"
                    "docker run -d --name p2 -e POSTGRES_PASSWORD=x -P postgres\n"
                    "docker create --name p3 -e POSTGRES_PASSWORD=x -p 5432 postgres\n")
    assert [f.subject for f in result.findings] == [
        "p1 0.0.0.0:32768->5432/tcp", "p2 0.0.0.0:32769->5432/tcp",
        "p3 0.0.0.0:(ephemeral)->5432/tcp"]
    fixes = [f.fix.split("),")[0] for f in result.findings]
    assert fixes == ["bind it to the host only (-p 127.0.0.1::5432",
                     "bind it to the host only (-p 127.0.0.1::5432 instead of -P",
                     "bind it to the host only (-p 127.0.0.1::5432"]
    # on the default bridge, names do not resolve: the fix says to make a network
    assert "on a user-defined network (docker network create app" in result.findings[0].fix


def test_a_compose_service_is_fixed_in_compose_words(tmp_path: Path) -> None:
    """A published database of a Compose service: the fix is its `ports:` entry and the
    service name, not `-p` and the container name."""
    (tmp_path / "compose.yaml").write_text(
        "services:\n  db:\n    image: postgres\n    ports: ['5432:5432']\n")
    lab = Lab.from_file(str(tmp_path / "compose.yaml"))
    f = lab.lint(source="compose.yaml").findings[0]
    assert f.fix.startswith('bind it to the host only (ports: ["127.0.0.1:5432:5432"] in '
                            "service db)")
    assert f.fix.endswith("(they reach it at db:5432)")


def test_a_network_default_binding_address_is_not_every_interface() -> None:
    """A network whose default binding address is 127.0.0.1
    (com.docker.network.bridge.host_binding_ipv4): `-p 5432:5432` on it, created or running,
    is published on the host only."""
    assert script("docker network create -o com.docker.network.bridge.host_binding_ipv4="
                  "127.0.0.1 local\n"
                  "docker create --name db --network local -p 5432:5432 postgres\n"
                  "docker run -d --name db2 --network local -p 5433:5432 postgres\n").clean


def test_a_gateway_less_macvlan_beside_a_bridge_publishes_on_the_bridge() -> None:
    """A macvlan network without --gateway gives no default route (29.0), so the bridge it
    is connected to is the gateway endpoint and carries -p: no macvlan-publish (netsim
    publishes the port, and @internet reaches it)."""
    result = script("# netsim: lan 192.168.0.0/24 gateway=192.168.0.1\n"
                    "# netsim: host server1 address=192.168.0.50\n"
                    "docker network create -d macvlan --subnet 192.168.0.0/24 "
                    "--ip-range 192.168.0.64/28 -o parent=eth0 aaa\n"
                    "docker network create zzz\n"
                    "docker run -d --name web --network aaa -p 8080:80 nginx\n"
                    "docker network connect zzz web\n")
    assert result.clean
    lab, _ = run_script("docker network create -d macvlan --subnet 192.168.0.0/24 "
                        "--ip-range 192.168.0.64/28 -o parent=eth0 aaa\n"
                        "docker network create zzz\n"
                        "docker create --name web --network aaa -p 8080:80 nginx\n"
                        "docker network connect zzz web\n", source="s.sh")
    assert lab.lint(source="s.sh").clean  # the same, not started yet


def test_a_replaced_container_holds_no_port_or_alias() -> None:
    """Blue/green: the old version stopped beside the new one is no port conflict and no
    mixed alias (a stopped container has no endpoint); with --restart always it comes back
    with the daemon, so it still conflicts; a program that failed on a taken port still
    counts."""
    assert script("docker network create app\n"
                  "docker run -d --name blue --network app --network-alias app -p 8080:80 "
                  "httpd\ndocker stop blue\n"
                  "docker run -d --name green --network app --network-alias app -p 8080:80 "
                  "nginx\n").clean
    result = script("docker run -d --name old --restart always -p 8080:80 nginx\n"
                    "docker stop old\ndocker run -d --name new -p 8080:80 httpd\n"
                    "docker run -d --name h1 --network host nginx\n"
                    "docker run -d --name h2 --network host nginx\n")
    assert [(f.kind, f.subject) for f in result.findings] == [
        ("port-conflict", "new 0.0.0.0:8080->80/tcp"),
        ("port-conflict", "h2 80/tcp (host network)")]


def test_a_container_whose_network_was_removed_is_not_internal() -> None:
    """A created container whose network was removed since (Docker allows it: no endpoint)
    is on no network lint can judge: not `publish-internal-network` with no network."""
    assert script("docker network create gone\n"
                  "docker create --name web --network gone -p 8080:80 nginx\n"
                  "docker network rm gone\n").clean


def test_more_databases_count() -> None:
    """Memcached, Elasticsearch and SQL Server are databases too (PRIVATE_PORTS)."""
    result = script("docker run -d --name m1 -p 11211:11211 memcached\n"
                    "docker run -d --name e1 -p 9200:9200 elasticsearch:8.15.0\n"
                    "docker run -d --name s1 -p 1433:1433 mssql-server\n")
    assert [f.subject.split()[0] for f in result.findings
            if f.kind == "publish-all-interfaces"] == ["m1", "e1", "s1"]


# ------------------------------------------------------------------------ review: names


def test_tags_of_one_image_share_an_alias() -> None:
    """An alias shared by nginx, nginx:latest, nginx:1.27 and docker.io/library/nginx:1.25
    (a rolling update, a canary) is one program: no finding."""
    assert script("docker network create app\n"
                  "docker run -d --name w1 --network app --network-alias web nginx\n"
                  "docker run -d --name w2 --network app --network-alias web nginx:latest\n"
                  "docker run -d --name w3 --network app --network-alias web nginx:1.27\n"
                  "docker run -d --name w4 --network app --network-alias web "
                  "docker.io/library/nginx:1.25\n").clean


def test_compose_links_are_said_in_compose_words(tmp_path: Path) -> None:
    """A service's `links:` on the project's network: one finding at the service, naming
    the entry as written and the alias to use instead."""
    (tmp_path / "compose.yaml").write_text(
        "services:\n  web:\n    image: nginx\n    links: ['db:database']\n"
        "  db:\n    image: postgres\n")
    lab = Lab.from_file(str(tmp_path / "compose.yaml"))
    project = tmp_path.name.lower()
    assert rows(lab.lint(source="compose.yaml")) == [
        ("link-user-network", "compose.yaml:2", "host",
         f"{project}-web-1 links: db:database on {project}_default")]
    f = lab.lint(source="compose.yaml").findings[0]
    assert f.fix == ("drop links: from service web and use the name db; for another name give "
                     "db an alias on the network (networks: {default: {aliases: [database]}} "
                     "in service db)")


def test_a_linked_name_from_a_stopped_container_is_no_dns_finding() -> None:
    """A stopped container's probes of names its /etc/hosts gives (a legacy link's alias
    and target, --add-host) are not default-bridge-dns findings."""
    result = script("docker run -d --name db -e POSTGRES_PASSWORD=x postgres\n"
                    "docker run -dit --name app --link db:database --add-host api:10.0.0.5 "
                    "alpine\n"
                    "docker exec app ping -c1 db\ndocker exec app ping -c1 database\n"
                    "docker exec app ping -c1 api\ndocker stop app\n")
    assert [f.kind for f in result.findings] == ["default-bridge-link"]


def test_a_probe_in_sh_c_is_read() -> None:
    """`docker exec C sh -c "ping -c 1 NAME && …"` probes NAME."""
    result = script("docker run -d --name web nginx\ndocker run -dit --name t1 alpine\n"
                    'docker exec t1 sh -c "ping -c 1 web && echo ok"\n')
    assert rows(result) == [("default-bridge-dns", "s.sh:3", "host", "t1 -> web")]


# ------------------------------------------------------------------------ review: macvlan


def test_a_host_with_a_macvlan_shim_talks_to_its_containers() -> None:
    """After `ip link add … link eth0 type macvlan` on the host (the documented way round
    the isolation, which netsim does not simulate), its probes of its own macvlan containers
    are no finding; before it, they are."""
    result = script("# netsim: lan 192.168.1.0/24 gateway=192.168.1.1\n"
                    "# netsim: host host address=192.168.1.10\n"
                    "docker network create -d macvlan --subnet 192.168.1.0/24 --gateway "
                    "192.168.1.1 --ip-range 192.168.1.192/27 --aux-address host=192.168.1.223 "
                    "-o parent=eth0 pub\n"
                    "docker run -d --name ha --network pub --ip 192.168.1.200 nginx\n"
                    "curl -s http://192.168.1.200/\n"
                    "ip link add mv-shim link eth0 type macvlan mode bridge\n"
                    "ip addr add 192.168.1.223/32 dev mv-shim\nip link set mv-shim up\n"
                    "ip route add 192.168.1.192/27 dev mv-shim\n"
                    "curl -s http://192.168.1.200/\n"
                    "# netsim: expect @host reaches ha on 80\n")
    assert rows(result) == [("macvlan-host-isolation", "s.sh:5", "host",
                             "@host -> ha (192.168.1.200)")]


def test_a_macvlan_pool_holding_a_lan_machine() -> None:
    """A macvlan network on the LAN whose pool holds the Docker host's own address (no
    --ip-range, no --aux-address): its first container gets that address."""
    result = script("# netsim: lan 192.168.0.0/24 gateway=192.168.0.1\n"
                    "# netsim: host server1 address=192.168.0.2\n"
                    "docker network create -d macvlan --subnet 192.168.0.0/24 --gateway "
                    "192.168.0.1 -o parent=eth0 lan\n"
                    "docker run -dit --name c1 --network lan alpine\n")
    assert rows(result) == [("subnet-lan-overlap", "s.sh:3", "server1",
                             "lan hands out 192.168.0.0/24, with 192.168.0.2")]
    assert "a container can get the address of Docker host server1 192.168.0.2" in \
        result.findings[0].why
    assert result.findings[0].fix.startswith(
        "keep them out of the pool (--aux-address server1=192.168.0.2)")


def test_an_overlay_on_the_lan_is_its_containers_problem() -> None:
    """An overlay whose swarm-chosen subnet is the LAN's: its containers (not the host, which
    has no route to it) lose the LAN's machines; the fix names swarm's address pool."""
    result = script("# netsim: lan 10.0.1.0/24\n# netsim: host m1 address=10.0.1.10\n"
                    "docker swarm init --advertise-addr 10.0.1.10\n"
                    "docker network create -d overlay --attachable appnet\n"
                    "docker run -dit --name c1 --network appnet alpine\n")
    assert rows(result) == [("subnet-lan-overlap", "s.sh:4", "m1",
                             "appnet 10.0.1.0/24 overlaps the LAN 10.0.1.0/24")]
    f = result.findings[0]
    assert f.why.startswith("the containers on appnet route 10.0.1.0/24 into the overlay")
    assert "Docker host m1 10.0.1.10" in f.why
    assert "docker swarm init --default-addr-pool" in f.fix


# ------------------------------------------------------------------------ review: clean


#: ordinary setups written as they should be: no finding
CLEAN: dict[str, str] = {
    "web-and-db": "docker network create app\n"
                  "docker run -d --name db --network app -e POSTGRES_PASSWORD=x postgres:16\n"
                  "docker run -d --name web --network app -p 80:80 nginx\n"
                  "docker exec web curl -s http://db:5432/\n",
    "loopback-databases": "docker network create app\n"
                          "docker run -d --name db --network app -p 127.0.0.1:5432:5432 "
                          "postgres\n"
                          "docker run -d --name cache --network app -p 127.0.0.1:6379:6379 "
                          "redis\n"
                          "docker run -d --name mongo --network app -p [::1]:27017:27017 mongo\n",
    "dual-stack": "docker network create --ipv6 --subnet 10.10.0.0/24 --subnet fd00:10::/64 "
                  "v6net\n"
                  "docker run -d --name web --network v6net -p 8080:80 nginx\n"
                  "docker run -d --name db --network v6net postgres\n"
                  "docker run -dit --name client --network v6net alpine\n"
                  "docker exec client ping -6 -c 1 db\n",
    "sidecar": "docker network create app\n"
               "docker run -d --name web --network app -p 8080:80 nginx\n"
               "docker run -dit --name debug --network container:web alpine\n"
               "docker exec debug wget -qO- http://localhost/\n",
    "default-bridge-by-address": "docker run -dit --name a1 alpine\n"
                                 "docker run -dit --name a2 alpine\n"
                                 "docker exec a1 ping -c 1 172.17.0.3\n"
                                 "docker exec a1 ping -c 1 google.com\n",
    "swarm-overlay": "# netsim: lan 192.168.10.0/24\n"
                     "# netsim: host m1 address=192.168.10.10\n"
                     "# netsim: host w1 address=192.168.10.11\n"
                     "docker -H m1 swarm init --advertise-addr 192.168.10.10\n"
                     "docker -H w1 swarm join --token $(docker -H m1 swarm join-token -q "
                     "worker) 192.168.10.10:2377\n"
                     "docker -H m1 network create -d overlay --attachable appnet\n"
                     "docker -H m1 run -d --name web --network appnet -p 80:80 nginx\n"
                     "docker -H w1 run -d --name db --network appnet postgres\n"
                     "docker -H m1 exec web ping -c 1 db\n",
    "replicas": "docker network create app\n"
                "docker run -d --name web1 --network app --network-alias web nginx\n"
                "docker run -d --name web2 --network app --network-alias web nginx\n",
}


@pytest.mark.parametrize("name", sorted(CLEAN))
def test_ordinary_setups_are_clean(name: str) -> None:
    """Ordinary, correct setups give no finding."""
    assert rows(script(CLEAN[name])) == []


def test_the_same_input_gives_the_same_output() -> None:
    """Linting twice (and in a fresh process with another hash seed) prints the same
    bytes."""
    import os

    once = [str(linted(n)) for n in EXPECTED]
    lab, _ = replay_file(str(SCENARIOS / "lint-ports.sh"))
    assert str(lab.lint(source="scenarios/lint-ports.sh")) == once[1]
    outs = {subprocess.run([sys.executable, "-m", "netsim", "lint", "--json",
                            "scenarios/lint-names.sh"], capture_output=True, text=True,
                           cwd=ROOT, env={**os.environ, "PYTHONHASHSEED": seed}).stdout
            for seed in ("1", "2")}
    assert len(outs) == 1


# ------------------------------------------------------------------------ the value


def test_the_result_has_two_faces() -> None:
    """str() is one paragraph per finding and a count; to_dict() the documented JSON;
    _repr_html_ a table; Lab.lint without a source says `line N` (or `(no line)`)."""
    lab = Lab()
    lab.docker("run -d --name db -e POSTGRES_PASSWORD=x -p 5432:5432 postgres")
    result = lab.lint()
    assert isinstance(result, LintResult) and result.count == 1
    f = result.findings[0]
    assert isinstance(f, Finding) and f.where == "(no line)" and f.line == 0
    text = str(result).splitlines()
    assert text[0] == "(no line): publish-all-interfaces: db 0.0.0.0:5432->5432/tcp"
    assert text[1].startswith("  why: db (postgres) publishes PostgreSQL on every address")
    assert text[2].startswith("  fix: bind it to the host only")
    assert text[-1] == "1 finding"
    data = result.to_dict()
    assert list(data) == ["findings", "count"] and data["count"] == 1
    assert list(data["findings"][0]) == ["kind", "where", "line", "host", "subject", "why",
                                         "fix"]
    assert "<table>" in result._repr_html_()
    assert lint(lab.state).findings[0].kind == "publish-all-interfaces"
    lab.run("docker run -d --name cache -p 6379:6379 redis")  # a script's line: line 1
    assert [f.where for f in lab.lint().findings] == ["line 1", "(no line)"]


# ------------------------------------------------------------------------ the command


def netsim(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exit_:
        main(list(args))
    out = capsys.readouterr()
    return int(exit_.value.code or 0), out.out, out.err


def test_cli_exit_0_when_clean(capsys: pytest.CaptureFixture[str]) -> None:
    """netsim lint on the clean scenario: `no findings`, exit 0."""
    code, out, _ = netsim(capsys, "lint", str(SCENARIOS / "lint-clean.sh"))
    assert (code, out) == (0, "no findings\n")


def test_cli_exit_1_with_findings(capsys: pytest.CaptureFixture[str]) -> None:
    """netsim lint on a mistakes scenario: the paragraphs, `N findings`, exit 1."""
    code, out, _ = netsim(capsys, "lint", "scenarios/lint-names.sh")
    assert code == 1
    assert out.startswith("scenarios/lint-names.sh:8: alias-mixed-images: backend on app\n"
                          "  why: ")
    assert out.endswith("\n4 findings\n")


def test_cli_json(capsys: pytest.CaptureFixture[str]) -> None:
    """--json prints {"findings": [...], "count": N}, in the text's order."""
    code, out, _ = netsim(capsys, "lint", "--json", "scenarios/lint-ports.sh")
    data = json.loads(out)
    assert code == 1 and data["count"] == 6 == len(data["findings"])
    assert [(f["kind"], f["where"], f["host"], f["subject"]) for f in data["findings"]] == \
        EXPECTED["lint-ports.sh"]
    assert data["findings"][0]["line"] == 10


def test_cli_exit_2_on_bad_input(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A missing file, a bad --engine and --strict on a line netsim does not simulate are one
    line on stderr and exit 2."""
    code, _, err = netsim(capsys, "lint", str(tmp_path / "nope.sh"))
    assert code == 2 and err.startswith("netsim lint: ") and err.count("\n") == 1
    code, _, err = netsim(capsys, "lint", "--engine", "1.0", "scenarios/lint-clean.sh")
    assert code == 2 and "--engine" in err
    (tmp_path / "s.sh").write_text("docker login\n")
    code, _, err = netsim(capsys, "lint", "--strict", str(tmp_path / "s.sh"))
    assert code == 2 and err.startswith("netsim lint: ")


def test_cli_takes_the_replaying_options(capsys: pytest.CaptureFixture[str],
                                         tmp_path: Path) -> None:
    """--format, --seed and --engine read as for the other commands."""
    (tmp_path / "setup").write_text("docker run -d --name cache -p 6379:6379 redis\n")
    code, out, _ = netsim(capsys, "lint", "--format", "script", "--seed", "3", "--engine",
                          "28.5", str(tmp_path / "setup"))
    assert code == 1 and out.splitlines()[0].endswith(
        "setup:1: publish-all-interfaces: cache 0.0.0.0:6379->6379/tcp")


def test_the_command_module_imports_on_its_own() -> None:
    """netsim.cli_lint imported first still registers `lint` (the two modules import each
    other at their ends), and netsim --help lists it without loading the analysis."""
    code = ("import sys, netsim.cli_lint, netsim.cli as c; "
            "assert 'lint' in c.cli.commands; "
            "assert [p.name for p in c.cli.commands['lint'].params] == "
            "['file', 'as_json', 'seed', 'engine', 'strict', 'input_format']; "
            "assert 'netsim.analysis.lint' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
