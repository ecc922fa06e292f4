"""Volumes (issue 18): ``docker volume create/ls/inspect/rm/prune``, the volumes ``-v``,
``--mount`` and ``--volumes-from`` create and reference, what inspect lists under ``Mounts``,
the bind source the daemon checks, and the engines' differences (netsim.daemon.volumes,
netsim.dockercli.commands.volume; recorded: conformance/recorded/*/85-volumes)."""

from __future__ import annotations

import json
import re

import pytest

from netsim.lab import Lab, Step

HEX64 = re.compile(r"^[0-9a-f]{64}$")


def lab(engine: str = "28.5", *, sandboxed: bool = True) -> Lab:
    return Lab(profile=engine, sandboxed=sandboxed)


def ok(lab_: Lab, command: str) -> Step:
    step = lab_.docker(command)
    assert step.exit_code == 0, (command, step.stdout, step.stderr)
    return step


def names(lab_: Lab) -> list[str]:
    return ok(lab_, "volume ls -q").stdout.split()


# ------------------------------------------------------------------ the volume commands


def test_create_ls_inspect() -> None:
    """create prints the name (again for an existing one); ls sorts by name in natural order
    (table, -q, --format); inspect is the API's JSON (null maps on 28.5)."""
    lb = lab()
    assert ok(lb, "volume create vol10").stdout == "vol10\n"
    assert ok(lb, "volume create --label env=dev --label bare vol2").stdout == "vol2\n"
    assert ok(lb, "volume create vol10").stdout == "vol10\n"
    assert ok(lb, "volume ls").stdout == (
        "DRIVER    VOLUME NAME\nlocal     vol2\nlocal     vol10\n")
    assert names(lb) == ["vol2", "vol10"]
    assert ok(lb, "volume ls --format '{{.Name}}:{{.Labels}}:{{.Mountpoint}}'").stdout == (
        "vol2:bare=,env=dev:/var/lib/docker/volumes/vol2/_data\n"
        "vol10::/var/lib/docker/volumes/vol10/_data\n")
    assert ok(lb, "volume ls -q --format '{{.Driver}}'").stdout == "local\nlocal\n"
    (data,) = json.loads(ok(lb, "volume inspect vol10").stdout)
    assert data == {"CreatedAt": data["CreatedAt"], "Driver": "local", "Labels": None,
                    "Mountpoint": "/var/lib/docker/volumes/vol10/_data", "Name": "vol10",
                    "Options": None, "Scope": "local"}
    assert re.fullmatch(r"2026-01-01T00:00:\d\dZ", data["CreatedAt"])
    assert ok(lb, "volume inspect -f '{{json .Labels}}' vol2").stdout == (
        '{"bare":"","env":"dev"}\n')
    # any inspect finds a volume after containers and networks; --type volume only volumes
    assert ok(lb, "inspect -f '{{.Name}} {{.Scope}}' vol2").stdout == "vol2 local\n"
    assert ok(lb, "inspect --type volume -f '{{.Driver}}' vol2").stdout == "local\n"


def test_20_10_sends_empty_maps_and_wraps_not_found() -> None:
    """20.10's CLI sends {} labels and options (EngineProfile.volume_create_empty_maps) and its
    client rewords a 404 (client_not_found_wrapped)."""
    lb = lab("20.10")
    ok(lb, "volume create data")
    assert ok(lb, "volume inspect -f '{{json .Labels}} {{json .Options}}' data").stdout == (
        "{} {}\n")
    step = lb.docker("volume inspect nosuch")
    assert (step.exit_code, step.stdout, step.stderr) == (1, "[]\n",
                                                          "Error: No such volume: nosuch\n")
    step = lb.docker("volume rm nosuch data")
    assert (step.exit_code, step.stdout, step.stderr) == (1, "data\n",
                                                          "Error: No such volume: nosuch\n")


@pytest.mark.parametrize(("engine", "text"), [
    ("28.5", "conflicting options: cannot specify a volume-name through both --name and as a "
             "positional arg"),
    ("20.10", "conflicting options: either specify --name or provide positional arg, not both"),
])
def test_create_refusals(engine: str, text: str) -> None:
    lb = lab(engine)
    step = lb.docker("volume create --name a1 b1")
    assert (step.exit_code, step.stderr) == (1, text + "\n")
    step = lb.docker("volume create a")
    assert (step.exit_code, step.stderr) == (1, (
        "Error response from daemon: create a: volume name is too short, names should be at "
        "least two alphanumeric characters\n"))
    step = lb.docker("volume create 'a b'")
    assert step.stderr == (
        'Error response from daemon: create a b: "a b" includes invalid characters for a local '
        'volume name, only "[a-zA-Z0-9][a-zA-Z0-9_.-]" are allowed. If you intended to pass a '
        "host directory, use absolute path\n")
    assert names(lb) == []
    # what netsim does not model says so
    assert lb.docker("volume create -d nfsplugin x1").exit_code == 126
    assert lb.docker("volume create -o foo=bar x1").exit_code == 126
    assert ok(lb, "volume create -o type=tmpfs -o device=tmpfs t1").stdout == "t1\n"
    assert ok(lb, "volume inspect -f '{{json .Options}}' t1").stdout == (
        '{"device":"tmpfs","type":"tmpfs"}\n')


def test_rm_in_use_missing_and_force() -> None:
    """A volume in use is refused with its users' IDs (force or not); -f forgives only a
    missing one; several errors are printed together at the end."""
    lb = lab()
    ok(lb, "volume create data")
    v1 = ok(lb, "run -d --name v1 -v data:/data netsim-lab/alpine sleep 1000").stdout.strip()
    v2 = ok(lb, "run -d --name v2 --volumes-from v1 netsim-lab/alpine sleep 1000").stdout.strip()
    in_use = f"Error response from daemon: remove data: volume is in use - [{v1}, {v2}]\n"
    for command in ("volume rm data", "volume rm -f data"):
        step = lb.docker(command)
        assert (step.exit_code, step.stdout, step.stderr) == (1, "", in_use)
    step = lb.docker("volume rm nosuch data")
    assert step.stderr == ("Error response from daemon: get nosuch: no such volume\n" + in_use)
    assert ok(lb, "volume rm -f nosuch").stdout == "nosuch\n"
    ok(lb, "stop v1 v2")  # a stopped container still uses it
    assert lb.docker("volume rm data").exit_code == 1
    ok(lb, "rm v1 v2")
    assert ok(lb, "volume rm data").stdout == "data\n"


# ------------------------------------------------------------------ containers' volumes


def test_run_creates_and_references_volumes() -> None:
    """-v NAME:/d and --mount type=volume,source=NAME create NAME; -v /d and a source-less
    --mount an anonymous volume (64 hex, labelled from 24.0); inspect's Mounts name them."""
    lb = lab()
    ok(lb, "run -d --name ca -v data:/data -v /anon --mount type=volume,source=m1,target=/m "
           "--mount type=volume,target=/m2 netsim-lab/alpine sleep 1000")
    listed = names(lb)
    anonymous = sorted(n for n in listed if HEX64.match(n))
    assert sorted(set(listed) - set(anonymous)) == ["data", "m1"] and len(anonymous) == 2
    mounts = json.loads(ok(lb, "inspect -f '{{json .Mounts}}' ca").stdout)
    assert sorted(m["Name"] for m in mounts) == sorted(["data", "m1", *anonymous])
    anon = next(m for m in mounts if m["Destination"] == "/anon")
    assert anon["Source"] == f"/var/lib/docker/volumes/{anon['Name']}/_data"
    assert ok(lb, f"volume inspect -f '{{{{json .Labels}}}}' {anon['Name']}").stdout == (
        '{"com.docker.volume.anonymous":""}\n')
    assert ok(lb, "volume inspect -f '{{json .Labels}}' data").stdout == "null\n"
    old = lab("20.10")
    ok(old, "run -d --name ca -v /anon netsim-lab/alpine sleep 1000")
    (name,) = names(old)
    assert ok(old, f"volume inspect -f '{{{{json .Labels}}}}' {name}").stdout == "null\n"


def test_volumes_from_copies_the_mount_points() -> None:
    """--volumes-from copies the source's mount points (mode left empty, :ro read-only); they
    outlive the source; an anonymous volume of a destination already mounted is not made."""
    lb = lab()
    ok(lb, "run -d --name src -v data:/data -v /root:/host:ro -v /anon netsim-lab/alpine "
           "sleep 1000")
    ok(lb, "run -d --name rw --volumes-from src netsim-lab/alpine sleep 1000")
    ok(lb, "run -d --name ro --volumes-from src:ro -v /data netsim-lab/alpine sleep 1000")
    src = {m["Destination"]: m for m in json.loads(
        ok(lb, "inspect -f '{{json .Mounts}}' src").stdout)}
    rw = {m["Destination"]: m for m in json.loads(
        ok(lb, "inspect -f '{{json .Mounts}}' rw").stdout)}
    assert rw["/data"] == {**src["/data"], "Mode": ""}
    assert rw["/anon"]["Name"] == src["/anon"]["Name"]
    assert rw["/host"] == {**src["/host"], "Mode": ""}
    ro = {m["Destination"]: m for m in json.loads(
        ok(lb, "inspect -f '{{json .Mounts}}' ro").stdout)}
    assert [ro[d]["RW"] for d in ("/data", "/anon", "/host")] == [False, False, False]
    assert len(names(lb)) == 2  # data and src's anonymous volume: none made for ro's /data
    ok(lb, "rm -f src")
    assert json.loads(ok(lb, "inspect -f '{{json .Mounts}}' rw").stdout) == list(rw.values())
    assert ok(lb, "inspect -f '{{json .HostConfig.VolumesFrom}}' ro").stdout == '["src:ro"]\n'


@pytest.mark.parametrize(("flag", "error"), [
    ("--volumes-from nosuch", "No such container: nosuch"),
    ("--volumes-from src:rw,ro", "invalid mode: rw,ro"),
    ("--volumes-from src:rshared", "invalid mode: rshared"),
    ("--volumes-from ''", "volumes-from specification cannot be an empty string"),
    ("-v a:/x", "create a: volume name is too short, names should be at least two "
                "alphanumeric characters"),
])
def test_run_refusals(flag: str, error: str) -> None:
    """The daemon refuses the create: nothing is left, no volume made."""
    lb = lab("26.1")
    ok(lb, "run -d --name src netsim-lab/alpine sleep 1000")
    step = lb.docker(f"run -d --name cx -v named:/n {flag} netsim-lab/alpine sleep 1000")
    assert (step.exit_code, step.stderr) == (
        125, f"docker: Error response from daemon: {error}.\nSee 'docker run --help'.\n")
    assert names(lb) == [] and lb.engine.container(lb.current_host, "cx") is None


def test_bind_source_must_exist_on_the_host() -> None:
    """--mount type=bind needs its source on the host (-v makes it): in a sandboxed replay the
    script's files and the host's system directories; otherwise netsim does not know the
    host's files and takes every source to exist."""
    lb = lab()
    step = lb.docker("run -d --name cb --mount type=bind,source=/nonexist,target=/x "
                     "netsim-lab/alpine sleep 1000")
    assert (step.exit_code, step.stderr) == (125, (
        'docker: Error response from daemon: invalid mount config for type "bind": bind source '
        "path does not exist: /nonexist\n\nRun 'docker run --help' for more information\n"))
    assert lb.engine.container(lb.current_host, "cb") is None
    for source in ("/root", "/tmp", "/var/run/docker.sock", "/etc/hosts"):
        ok(lb, f"run -d --mount type=bind,source={source},target=/x netsim-lab/alpine "
               "sleep 1000")
    ok(lb, "run -d -v /nonexist:/x netsim-lab/alpine sleep 1000")
    lb.workspace(lb.current_host).mkdir("/srv/app", parents=True)
    ok(lb, "run -d --mount type=bind,source=/srv/app,target=/x netsim-lab/alpine sleep 1000")
    free = lab(sandboxed=False)
    ok(free, "run -d --mount type=bind,source=/nonexist,target=/x netsim-lab/alpine sleep 1000")


def test_rm_v_and_auto_remove_take_the_anonymous_volumes() -> None:
    """docker rm -v and run --rm remove the container's anonymous volumes that nothing else
    uses (daemon/mounts.go removeMountPoints); a named volume stays."""
    lb = lab()
    ok(lb, "run -d --name ca -v keep:/k -v /anon netsim-lab/alpine sleep 1000")
    ok(lb, "run -d --name cb --volumes-from ca netsim-lab/alpine sleep 1000")
    assert len(names(lb)) == 2
    ok(lb, "rm -f -v ca")  # b still uses the anonymous volume
    assert len(names(lb)) == 2
    ok(lb, "rm -f -v cb")
    assert names(lb) == ["keep"]
    ok(lb, "run --rm -v /anon2 -v keep2:/k netsim-lab/alpine true")
    assert names(lb) == ["keep", "keep2"]


# ------------------------------------------------------------------ prune


def test_prune_anonymous_only_from_24() -> None:
    """28.5: only unused anonymous volumes, -a every unused one; a volume in use, or one with
    driver options, stays; without -f the prompt, unanswered."""
    lb = lab()
    ok(lb, "volume create named")
    ok(lb, "volume create -o type=tmpfs -o device=tmpfs opts")
    ok(lb, "run -d --name ca -v /used -v usedname:/u netsim-lab/alpine sleep 1000")
    ok(lb, "run --name gone -v /free netsim-lab/alpine true")
    ok(lb, "rm gone")
    free = [n for n in names(lb) if HEX64.match(n)]
    step = lb.docker("volume prune")
    assert step.stdout == ("WARNING! This will remove anonymous local volumes not used by at "
                           "least one container.\nAre you sure you want to continue? [y/N] ")
    assert len(names(lb)) == 5
    used = {m["Name"] for m in json.loads(ok(lb, "inspect -f '{{json .Mounts}}' ca").stdout)}
    (gone,) = set(free) - used
    assert ok(lb, "volume prune -f").stdout == (
        f"Deleted Volumes:\n{gone}\n\nTotal reclaimed space: 0B\n")
    assert ok(lb, "volume prune -f").stdout == "Total reclaimed space: 0B\n"
    assert ok(lb, "volume prune -a -f").stdout == (
        "Deleted Volumes:\nnamed\n\nTotal reclaimed space: 0B\n")
    assert sorted(names(lb)) == sorted(["opts", "usedname", *(used - {"usedname"})])


def test_prune_20_10_takes_every_unused_volume() -> None:
    lb = lab("20.10")
    ok(lb, "volume create named")
    step = lb.docker("volume prune")
    assert step.stdout == ("WARNING! This will remove all local volumes not used by at least one "
                           "container.\nAre you sure you want to continue? [y/N] "
                           "Total reclaimed space: 0B\n")
    assert ok(lb, "volume prune -f").stdout == (
        "Deleted Volumes:\nnamed\n\nTotal reclaimed space: 0B\n")
    step = lb.docker("volume prune -a -f")
    assert (step.exit_code, step.stderr) == (
        125, "unknown shorthand flag: 'a' in -a\nSee 'docker volume prune --help'.\n")


def test_ls_filters() -> None:
    lb = lab()
    ok(lb, "volume create --label team=web w1")
    ok(lb, "volume create db1")
    ok(lb, "run -d -v db1:/d netsim-lab/alpine sleep 1000")
    assert ok(lb, "volume ls -q -f dangling=true").stdout == "w1\n"
    assert ok(lb, "volume ls -q -f dangling=false").stdout == "db1\n"
    assert ok(lb, "volume ls -q -f label=team=web").stdout == "w1\n"
    assert ok(lb, "volume ls -q -f name=^d").stdout == "db1\n"
    assert lb.docker("volume ls -f since=x").exit_code == 126


# ------------------------------------------------------------------ the rest of netsim


def test_compose_volumes_are_in_the_store() -> None:
    """docker compose up creates the project's volumes in the engine's store (labelled with
    the project), a second up reuses them, down -v removes them."""
    lb = lab()
    ws = lb.workspace(lb.current_host)
    ws.mkdir("/root/shop", parents=True)
    ws.chdir("/root/shop")
    ws.write_text("compose.yaml", "services:\n  db:\n    image: netsim-lab/alpine\n"
                  "    command: sleep 1000\n    volumes: [db-data:/data]\n"
                  "volumes:\n  db-data:\n")
    assert " Volume shop_db-data  Created\n" in ok(lb, "compose up -d").stderr
    assert names(lb) == ["shop_db-data"]
    assert ok(lb, "volume inspect -f "
                  "'{{index .Labels \"com.docker.compose.project\"}}' shop_db-data").stdout == (
        "shop\n")
    assert "Volume" not in ok(lb, "compose up -d").stderr
    assert " Volume shop_db-data  Removed\n" in ok(lb, "compose down -v").stderr
    assert names(lb) == []


def test_volumes_change_no_network_fact() -> None:
    """The same containers with and without volumes: the same networks, addresses, ports."""
    plain, with_volumes = lab(), lab()
    for lb, extra in ((plain, ""), (with_volumes, " -v data:/d -v /anon")):
        ok(lb, "network create front")
        ok(lb, f"run -d --name web --network front -p 8080:80{extra} netsim-lab/nginx")
    a, b = plain.state.container("web"), with_volumes.state.container("web")
    assert [(e.network, e.ipv4, e.mac) for e in a.endpoints] == [
        (e.network, e.ipv4, e.mac) for e in b.endpoints]
    assert a.port_mappings == b.port_mappings
