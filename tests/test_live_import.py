"""Live systems (issue 15): docker inspect dumps of six real deployments, imported.

The truth is conformance/snapshots/: each recording built a deployment in the conformance lab
(Docker 28.5), dumped it as a user would, then probed it from inside the real containers.
Here the dump alone is imported and judged: the probes run on the import agree with what the
real containers printed; ``netsim diff`` between the script that built the deployment and its
snapshot finds nothing; ``netsim inspect`` prints the dump back (every field netsim models
equal); and the commands that take a FILE work on a dump.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from netsim.cli import main
from netsim.conformance import parse_allowlist
from netsim.conformance.snapshots import (
    compare_snapshot,
    diff_snapshot,
    dump_lines,
    plan_lab,
    write_dump,
)
from netsim.io.dump import load_dump
from netsim.io.dump.roundtrip import NOT_MODELED, round_trip
from netsim.io.recording import Recording, read_recording

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOTS = ROOT / "conformance" / "snapshots"
RECORDED = sorted((SNAPSHOTS / "recorded" / "28.5").glob("*.json"))
ALLOWED = parse_allowlist(yaml.safe_load((SNAPSHOTS / "allowed.yaml").read_text()),
                          source="conformance/snapshots/allowed.yaml")
NAMES = [p.stem for p in RECORDED]


@pytest.fixture(scope="module")
def recordings() -> dict[str, Recording]:
    return {p.stem: read_recording(p) for p in RECORDED}


@pytest.fixture(scope="module")
def dumps(recordings: dict[str, Recording], tmp_path_factory: pytest.TempPathFactory
          ) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("dumps")
    return {name: write_dump(rec, base / name) for name, rec in recordings.items()}


#: what the lab's dumps make netsim say once: hosts.yaml names the lab's other server, whose
#: containers a one-host snapshot does not hold
LAN_NOTE = re.compile(r"netsim: \S+: server2: in hosts.yaml without a dump: .*\n")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    """netsim's exit status, stdout and stderr (without the one-host snapshots' LAN note)."""
    code: object = 0
    try:
        main(list(argv))
    except SystemExit as exc:
        code = exc.code
    out = capsys.readouterr()
    return (code if isinstance(code, int) else 0), out.out, LAN_NOTE.sub("", out.err)


def _objects(directory: Path, host: str = "server1") -> list[dict[str, object]]:
    return json.loads((directory / f"{host}.json").read_text())


# ------------------------------------------------------------------------------ the truth


def test_six_deployments_cover_what_the_issue_names(dumps: dict[str, Path]) -> None:
    """Both daemons; macvlan, overlay, internal, ICC off, published ports, container: and
    host modes, stopped containers — each in some snapshot's dump."""
    assert len(dumps) >= 6
    seen: set[str] = set()
    for d in dumps.values():
        hosts = sorted(p.name.removesuffix(".json") for p in d.glob("*.json")
                       if p.name.count(".") == 1)
        if hosts == ["server1", "server2"]:
            seen.add("both daemons")
        for h in hosts:
            for o in _objects(d, h):
                if "Scope" in o:
                    seen.add(f"driver {o['Driver']}")
                    if o["Internal"]:
                        seen.add("internal")
                    if o["Options"].get("com.docker.network.bridge.enable_icc") == "false" \
                            and o["Name"] != "docker_gwbridge":  # type: ignore[union-attr]
                        seen.add("icc off")
                    continue
                mode = o["HostConfig"]["NetworkMode"]  # type: ignore[index]
                seen.add("container mode" if mode.startswith("container:") else f"mode {mode}")
                if o["State"]["Status"] == "exited":  # type: ignore[index]
                    seen.add("stopped")
                if any(o["NetworkSettings"]["Ports"].values()):  # type: ignore[index]
                    seen.add("published")
    assert {"both daemons", "driver macvlan", "driver overlay", "internal", "icc off",
            "published", "container mode", "mode host", "mode none", "stopped"} <= seen


def test_at_least_sixty_probes_with_negative_ones(recordings: dict[str, Recording]) -> None:
    probes = [st for rec in recordings.values() for st in rec.steps
              if st.line > max(dump_lines(rec))
              and re.match(r"(docker (-H \S+ )?exec |curl |ping )", st.command)]
    negative = [st for st in probes if st.exit_code != 0]
    assert len(probes) >= 60, len(probes)
    assert len(negative) >= 15, len(negative)


@pytest.mark.parametrize("name", NAMES)
def test_the_import_agrees_with_the_probes(name: str, recordings: dict[str, Recording],
                                           tmp_path: Path) -> None:
    """Every probe after the dump, run on the imported lab, prints what the real container
    printed (the conformance normalizations apply; allowed: conformance/snapshots/allowed.yaml,
    each with its reason)."""
    result = compare_snapshot(recordings[name], tmp_path / name, ALLOWED)
    bad = [(s.line, s.command, s.differs, s.recorded, s.predicted) for s in result.steps
           if s.verdict == "disagree"]
    assert not bad
    assert sum(s.verdict == "agree" for s in result.steps) >= len(result.steps) - 1


def test_every_allowance_is_used(recordings: dict[str, Recording], tmp_path: Path) -> None:
    used = set()
    for name, rec in recordings.items():
        for s in compare_snapshot(rec, tmp_path / name, ALLOWED).steps:
            if s.verdict == "allowed":
                used.update(a.command for a in ALLOWED if a.matches(rec, s.command))
    assert used == {a.command for a in ALLOWED}


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("port", [None, 80])
def test_diff_of_the_script_and_its_snapshot_is_empty(name: str, port: int | None,
                                                      recordings: dict[str, Recording],
                                                      tmp_path: Path) -> None:
    result = diff_snapshot(recordings[name], tmp_path / name, port=port)
    assert result.empty, str(result)
    assert result.containers >= 3 and result.pairs >= 6


@pytest.mark.parametrize("name", NAMES)
def test_inspect_prints_the_dump_back(name: str, dumps: dict[str, Path]) -> None:
    """The round trip: every field netsim models compares equal; the others are NOT_MODELED,
    each with its reason."""
    lab = load_dump(str(dumps[name]))
    differences = round_trip(str(dumps[name]), lab.state)
    modeled = [(d.where, d.path, d.dump, d.netsim) for d in differences if d.modeled]
    assert not modeled
    assert all(NOT_MODELED.values())


def test_the_list_of_fields_not_modeled_is_published() -> None:
    doc = (ROOT / "docs" / "live-systems.md").read_text()
    for reason in NOT_MODELED.values():
        assert reason in " ".join(doc.split()), reason


# ------------------------------------------------------------------------------ the commands


def test_the_commands_that_take_a_file_take_a_dump(dumps: dict[str, Path],
                                                   capsys: pytest.CaptureFixture[str],
                                                   tmp_path: Path) -> None:
    d = str(dumps["s1-bridges"])
    code, out, err = _run(capsys, "reach", d, "tool", "web", "--port", "80")
    assert code == 0 and "DELIVERED" in out and err == ""
    code, out, _ = _run(capsys, "reach", d, "tool", "db")
    assert code == 1 and "isolation" in out
    code, out, _ = _run(capsys, "matrix", d)
    assert code == 0 and out.startswith("who reaches whom")
    code, out, _ = _run(capsys, "dns", d, "db", "api")
    assert code == 0 and "10.10.0.2" in out
    code, out, _ = _run(capsys, "exec", d, "legacy", "ping", "-c", "1", "web")
    assert code == 1 and "bad address 'web'" in out + _
    code, out, _ = _run(capsys, "check", d, "--expect", "tool reaches web on 80",
                        "--expect", "legacy cannot reach db")
    assert code == 0 and out.count("ok") >= 2
    code, out, _ = _run(capsys, "check", d, "--expect", "tool reaches db")
    assert code == 1 and "FAIL" in out
    code, out, _ = _run(capsys, "draw", d, "-o", str(tmp_path / "s1.dot"), "--highlight",
                        "tool", "web")
    assert code == 0 and "tool" in (tmp_path / "s1.dot").read_text()
    code, out, _ = _run(capsys, "validate", d)
    assert code == 0 and "docker inspect dump" in out and "5 containers" in out
    code, out, _ = _run(capsys, "inspect", d)  # everything, in docker inspect's order
    assert [o["Name"] for o in json.loads(out)] == [
        o["Name"] for o in _objects(dumps["s1-bridges"])]
    code, out, _ = _run(capsys, "inspect", d, "web", "frontend")
    web, frontend = json.loads(out)
    dumped = {o["Id"]: o for o in _objects(dumps["s1-bridges"])}
    assert web == {**dumped[web["Id"]], "State": web["State"],
                   "GraphDriver": web["GraphDriver"]}
    assert frontend == dumped[frontend["Id"]]


def test_several_hosts_are_named_by_their_files(dumps: dict[str, Path],
                                                capsys: pytest.CaptureFixture[str]) -> None:
    d = str(dumps["s4-macvlan-two-hosts"])
    code, out, _ = _run(capsys, "reach", d, "server2/m2", "server1/m1", "--port", "80")
    assert code == 0
    code, out, _ = _run(capsys, "reach", d, "server1/m1", "@server1")
    assert code == 1 and "macvlan" in out.lower()
    lab = load_dump(d)
    assert [str(h.host.address) for h in lab.state.hosts.values()] == ["192.168.0.100",
                                                                       "192.168.0.101"]


def test_one_file_by_its_name_or_by_format(dumps: dict[str, Path], tmp_path: Path,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    one = tmp_path / "server1.inspect.json"
    shutil.copy(dumps["s2-internal-icc"] / "server1.json", one)
    code, out, _ = _run(capsys, "reach", str(one), "q1", "q2")
    assert code == 1 and "icc" in out.lower()
    other = tmp_path / "live.json"
    shutil.copy(one, other)
    code, _, err = _run(capsys, "reach", str(other), "q1", "q2")
    assert code == 2 and err.count("\n") == 1  # a scenario by its name: not one
    code, out, _ = _run(capsys, "reach", "--format", "inspect", str(other), "p1", "p2")
    assert code == 0


def test_the_diff_command(recordings: dict[str, Recording], dumps: dict[str, Path],
                          tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rec = recordings["s1-bridges"]
    first = min(dump_lines(rec))
    plan = tmp_path / "plan.sh"
    lines = ["# netsim: lan 192.168.0.0/24 gateway=192.168.0.1",
             "# netsim: host server1 address=192.168.0.100",
             "# netsim: host server2 address=192.168.0.101",
             "# netsim: engine 28.5",
             *rec.script.split("\n")[:first - 1]]
    plan.write_text("\n".join(lines) + "\n")
    code, out, err = _run(capsys, "diff", str(plan), str(dumps["s1-bridges"]))
    assert (code, err) == (0, ""), out
    assert out == ("not compared: server2, known only by its address (no dump of it)\n"
                   "no differences (5 networks, 5 containers, 12 pairs compared)\n")
    # reality lost a container and a published port: both said, and the pairs that changed
    changed = tmp_path / "changed"
    shutil.copytree(dumps["s1-bridges"], changed)
    objects = [o for o in _objects(changed) if o.get("Name") != "/tool"]
    (changed / "server1.json").write_text(json.dumps(objects))
    code, out, _ = _run(capsys, "diff", str(plan), str(changed), "--json")
    result = json.loads(out)
    assert code == 1 and not result["empty"]
    assert {"section": "containers", "host": "server1", "container": "tool", "network": None,
            "field": "present", "a": True, "b": False} in result["changes"]


# ------------------------------------------------------------------------------ what it reads


def _strip_version(d: Path, tmp_path: Path) -> Path:
    out = tmp_path / "dump"
    shutil.copytree(d, out)
    for p in out.glob("*.version.json"):
        p.unlink()
    return out


def test_the_engine_from_docker_version_or_the_api_shape(dumps: dict[str, Path],
                                                         tmp_path: Path) -> None:
    assert load_dump(str(dumps["s1-bridges"])).state.profile.name == "28.5"
    d = _strip_version(dumps["s1-bridges"], tmp_path)
    assert load_dump(str(d)).state.profile.name == "28.5"  # GwPriority, and Bridge

    def edit(drop: tuple[str, ...], endpoint_drop: tuple[str, ...]) -> str:
        objects = _objects(d)
        for o in objects:
            ns = o.get("NetworkSettings")
            if isinstance(ns, dict):
                for k in drop:
                    ns.pop(k, None)
                for ep in ns["Networks"].values():
                    for k in endpoint_drop:
                        ep.pop(k, None)
        (d / "server1.json").write_text(json.dumps(objects))
        return load_dump(str(d)).state.profile.name

    assert edit(("Bridge", "HairpinMode"), ()) == "29.1"
    assert edit((), ("GwPriority",)) == "26.1"
    assert edit((), ("DNSNames",)) == "20.10"
    version = {"Server": {"Version": "27.3.1"}}
    (d / "server1.version.json").write_text(json.dumps(version))
    lab = load_dump(str(d))
    assert lab.state.profile.name == "26.1"
    assert any("27.3.1, not modelled: 26.1's rules" in n for n in lab.notes)


def test_fields_netsim_does_not_use_are_said_once(dumps: dict[str, Path], tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    d = tmp_path / "dump"
    shutil.copytree(dumps["s1-bridges"], d)
    objects = _objects(d)
    for o in objects:
        if "State" in o:
            o["HostConfig"]["FutureKnob"] = 7  # type: ignore[index]
            o["Frobnication"] = {"level": 3}
    (d / "server1.json").write_text(json.dumps(objects))
    code, _, err = _run(capsys, "matrix", str(d))
    assert code == 0
    assert err.count("\n") == 1
    assert "not used (netsim does not simulate them): Frobnication (5), " \
           "HostConfig.FutureKnob (5)" in err


def test_what_if_on_a_dump_follows_its_bookkeeping(dumps: dict[str, Path]) -> None:
    """Commands on an imported engine see the dump's addresses and ports as taken."""
    lab = load_dump(str(dumps["s1-bridges"]))
    step = lab.docker("run -d --name extra --network frontend netsim-lab/alpine sleep 60")
    assert step.exit_code == 0, step.stderr
    taken = {str(c.endpoint("frontend").ipv4) for c in lab.state.containers()  # type: ignore[union-attr]
             if c.endpoint("frontend") is not None and c.name != "extra"}
    new = str(lab.state.container("extra").endpoints[0].ipv4)
    assert new not in taken and new == "172.18.0.4/16"
    step = lab.docker("run -d --name clash -p 8080:80 netsim-lab/nginx")
    assert step.exit_code != 0 and "port is already allocated" in step.stderr
    step = lab.docker("network create other")
    assert step.exit_code == 0
    assert str(lab.state.network("other").subnets[0].subnet) == "172.19.0.0/16"


def test_a_joiner_runs_in_its_owners_namespace(dumps: dict[str, Path]) -> None:
    state = load_dump(str(dumps["s3-modes"])).state
    sidecar, joiner = state.container("sidecar"), state.container("joiner")
    assert sidecar.sandbox_id == state.container("app").sandbox_id != ""
    assert joiner.sandbox_id == ""  # its owner stopped: the namespace it had is gone


def test_the_plan_is_the_script_before_its_dump(recordings: dict[str, Recording]) -> None:
    lab = plan_lab(recordings["s1-bridges"])
    assert sorted(c.name for c in lab.state.containers()) == ["db", "legacy", "old", "tool",
                                                              "web"]


def test_run_shows_a_dump_and_export_refuses_it(capsys: pytest.CaptureFixture[str],
                                                tmp_path: Path) -> None:
    """A dump has no commands: run shows its networks and containers; export, which writes
    the steps that build a setup, refuses it in one line rather than write an empty one."""
    code, out, err = _run(capsys, "run", str(ROOT / "scenarios" / "live-bridges"))
    assert (code, err) == (0, "")
    assert "web  running  frontend  eth0 frontend 172.18.0.2/16" in out
    code, out, err = _run(capsys, "export", str(ROOT / "scenarios" / "live-bridges"), "-o",
                          str(tmp_path / "x.yaml"))
    assert code == 2 and err.count("\n") == 1 and "no steps to export" in err
    assert not (tmp_path / "x.yaml").exists()


def test_the_bundled_snapshot_is_the_recorded_one(recordings: dict[str, Recording],
                                                  tmp_path: Path) -> None:
    """scenarios/live-bridges/ holds the s1 recording's dump, byte for byte."""
    d = write_dump(recordings["s1-bridges"], tmp_path / "s1")
    bundled = ROOT / "scenarios" / "live-bridges"
    for name in ("server1.json", "server1.version.json", "server1.info.json"):
        assert (bundled / name).read_bytes() == (d / name).read_bytes(), name


def test_a_path_alone_in_binds_is_an_anonymous_volume(dumps: dict[str, Path],
                                                      tmp_path: Path) -> None:
    """An API client may put a bare path in HostConfig.Binds: the daemon makes it an
    anonymous volume (volume/mounts ParseMountRaw), and inspect shows it as one."""
    from netsim.dockercli.output import inspect as render

    d = tmp_path / "dump"
    shutil.copytree(dumps["s1-bridges"], d)
    objects = _objects(d)
    web = next(o for o in objects if o.get("Name") == "/web")
    web["HostConfig"]["Binds"] = ["/data"]  # type: ignore[index]
    (d / "server1.json").write_text(json.dumps(objects))
    state = load_dump(str(d)).state
    mounts = render.container(state, state.container("web"))["Mounts"]
    assert [(m["Type"], m["Destination"]) for m in mounts] == [("volume", "/data")]


def test_containers_and_networks_in_two_files(dumps: dict[str, Path], tmp_path: Path) -> None:
    """`docker inspect $(docker ps -aq) > HOST.containers.json` and `docker network inspect
    $(docker network ls -q) > HOST.networks.json` make the same host as one HOST.json."""
    d = tmp_path / "two"
    d.mkdir()
    objects = _objects(dumps["s2-internal-icc"])
    (d / "server1.containers.json").write_text(
        json.dumps([o for o in objects if "State" in o]))
    (d / "server1.networks.json").write_text(json.dumps([o for o in objects if "Scope" in o]))
    one = load_dump(str(dumps["s2-internal-icc"])).state
    two = load_dump(str(d)).state
    assert two.host("server1").containers == one.host("server1").containers
    assert two.host("server1").networks == one.host("server1").networks


def _plan(rec: Recording, path: Path) -> Path:
    """The script that built a snapshot's deployment, up to its dump, on the lab's hosts."""
    first = min(dump_lines(rec))
    lines = [f"# netsim: lan {rec.lab.lan} gateway={rec.lab.gateway}",
             *(f"# netsim: host {h} address={a}" for h, a in rec.lab.hosts.items()),
             f"# netsim: engine {rec.engine.profile}",
             *rec.script.split("\n")[:first - 1]]
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.mark.parametrize("name", NAMES)
def test_netsim_diff_of_each_script_and_its_snapshot(name: str,
                                                      recordings: dict[str, Recording],
                                                      dumps: dict[str, Path], tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]
                                                      ) -> None:
    """The command line, not only the library: no difference, exit 0. What Compose created
    has its IPAM choices left out (said on the first line); with --ipam they differ, as the
    real Compose created the networks in another order than the one netsim takes."""
    plan = _plan(recordings[name], tmp_path / "plan.sh")
    code, out, err = _run(capsys, "diff", str(plan), str(dumps[name]))
    assert (code, err) == (0, ""), out
    assert out.splitlines()[-1].startswith("no differences (")
    compose = name == "s6-compose"
    assert ("Compose creates them" in out) is compose
    if compose:
        code, out, _ = _run(capsys, "diff", "--ipam", str(plan), str(dumps[name]))
        assert code == 1 and "ipv4 subnets" in out


# ------------------------------------------------------------------------------ netsim vs itself

BUNDLED_INPUTS = sorted([*(ROOT / "scenarios").glob("*.sh"), *(ROOT / "scenarios").glob("*.yaml"),
                         ROOT / "scenarios" / "shop" / "compose.yaml"])


def _self_dump(lab: object, directory: Path, profile: str) -> Path:
    """What netsim's own docker inspect prints for every host of a lab, as a dump directory."""
    from netsim.dockercli.output import inspect as render
    from netsim.lab import Lab

    assert isinstance(lab, Lab)
    state = lab.state
    directory.mkdir()
    for h in state.hosts.values():
        (directory / f"{h.name}.json").write_text(json.dumps(render.everything(state, h.name)))
        (directory / f"{h.name}.version.json").write_text(
            json.dumps({"Server": {"Version": f"{profile}.0"}}))
    hosts = {h.name: {"address": str(h.host.address), "dns": [str(d) for d in h.host.dns]}
             for h in state.hosts.values()}
    # images the script built: a dump names them only, so their facts are declared, as a
    # user of a dump declares an image netsim does not know (hosts.yaml images:)
    built = {c.spec.Config.Image: state.image_infos[c.id] for c in state.containers()
             if c.id in state.image_infos}
    images = [{"name": name, "expose": list(info.exposed), "listen": list(info.listening),
               "runs": info.runs} for name, info in sorted(built.items())]
    (directory / "hosts.yaml").write_text(yaml.safe_dump(
        {"lan": str(state.lan.subnet), "gateway": str(state.lan.gateway), "hosts": hosts,
         **({"images": images} if images else {})}))
    return directory


@pytest.mark.parametrize("profile", ["20.10", "26.1", "28.5", "29.1"])
def test_netsim_agrees_with_its_own_inspect(profile: str, tmp_path: Path) -> None:
    """Every bundled input on every engine: its state printed as docker inspect prints it,
    imported again, is the same deployment (netsim diff empty, by ping and on port 80), and
    prints back the same objects (the round trip) — images with an ENTRYPOINT, the shapes of
    engines without DNSNames, Compose's endpoints included."""
    from netsim.analysis.diff import diff_states
    from netsim.replay import replay_file

    for path in BUNDLED_INPUTS:
        lab, _ = replay_file(str(path), profile=profile)
        d = _self_dump(lab, tmp_path / f"{path.parent.name}-{path.stem}", profile)
        imported = load_dump(str(d))
        assert imported.state.profile.name == profile
        for port in (None, 80):
            result = diff_states(lab.state, imported.state, port=port, ipam=True)
            assert result.empty, (path.name, port, str(result))
        modeled = [x for x in round_trip(str(d), imported.state) if x.modeled]
        assert not modeled, (path.name, modeled[:3])


# ------------------------------------------------------------------------------ what a dump proves


def test_an_asked_for_address_proves_the_subnet_was_the_users(tmp_path: Path) -> None:
    """A subnet shown with its gateway inside Docker's pools could be IPAM's choice; an
    endpoint that asked for an address on it (--ip) proves it was the user's, so a later
    --ip there is taken, as on the real host."""
    from netsim.lab import Lab

    plan = Lab(profile="28.5")
    plan.docker("network create --subnet 172.20.0.0/16 --gateway 172.20.0.1 x")
    step = plan.docker("run -d --name web --network x --ip 172.20.0.50 nginx")
    assert step.exit_code == 0, step.stderr
    d = _self_dump(plan, tmp_path / "dump", "28.5")
    lab = load_dump(str(d))
    assert lab.state.network("x").subnets[0].user_subnet
    step = lab.docker("run -d --name web2 --network x --ip 172.20.0.60 nginx")
    assert step.exit_code == 0, step.stderr


def test_standard_input_and_a_named_file_in_a_directory(capsys: pytest.CaptureFixture[str],
                                                        tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    dump = (ROOT / "scenarios" / "live-bridges" / "server1.json").read_text()
    monkeypatch.setattr("sys.stdin", io.StringIO(dump))
    code, out, err = _run(capsys, "reach", "--format", "inspect", "-", "tool", "web")
    assert code == 0 and "DELIVERED" in out
    # its notes name it as every reader names standard input
    assert err.splitlines()[0].startswith("netsim: <stdin>: host: no docker version"), err
    d = tmp_path / "dir"
    d.mkdir()
    (d / "server1.inspect.json").write_text(dump)  # HOST.inspect.json in a directory: HOST
    assert list(load_dump(str(d)).state.hosts) == ["server1"]


def test_interfaces_are_numbered_in_creation_order(dumps: dict[str, Path]) -> None:
    """Created to the nanosecond: p1 (created first) has the lower host-side veth index."""
    state = load_dump(str(dumps["s2-internal-icc"])).state
    first, later = state.container("p1"), state.container("q1")
    assert first.created_ns < later.created_ns
    assert first.endpoints[0].link_ifindex < later.endpoints[0].link_ifindex  # type: ignore[operator]


@pytest.mark.parametrize("name", NAMES)
def test_assembled_states_are_valid_models(name: str, dumps: dict[str, Path]) -> None:
    """The import assembles its states from checked fields without pydantic's validation
    (netsim.state.assemble): each one validates to itself."""
    state = load_dump(str(dumps[name])).state
    for c in state.containers():
        assert type(c).model_validate(c.model_dump()) == c, c.name
        for e in c.endpoints:
            assert type(e).model_validate(e.model_dump()) == e, (c.name, e.network)
    for n in state.networks():
        assert type(n).model_validate(n.model_dump()) == n, n.name
