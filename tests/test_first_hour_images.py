"""Issue 16, "First hour", images: an image netsim does not know is said once per image on
stderr; ``# netsim: image NAME listens … tools …`` and ``# netsim: container NAME …`` declare
what it does; ``netsim images [FILE]`` lists what netsim knows."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from netsim.api import ContainerDecl, ImageDecl
from netsim.images.declared import parse_ports, parse_tools, read_settings, unknown_image_note
from netsim.io.scenario import parse_scenario
from netsim.lab import run_scenario, run_script

ROOT = Path(__file__).resolve().parents[1]


def netsim(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "netsim", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=120)


def note(image: str) -> str:
    return (f"netsim: image {image} is not in netsim's catalogue: it is taken to keep running, "
            "listening on no port, with Debian's network tools (ping, curl, nc, dig, ip; no "
            f"wget); declare what it has: # netsim: image {image} listens PORT/tcp,… "
            "tools TOOL,…")


def steps(r: subprocess.CompletedProcess[str]) -> list[dict[str, object]]:
    assert r.returncode == 0, r.stderr
    out: list[dict[str, object]] = json.loads(r.stdout)["steps"]
    return out


def script(tmp_path: Path, text: str, name: str = "s.sh") -> Path:
    f = tmp_path / name
    f.write_text(text)
    return f


# ------------------------------------------------------------------------- 1. the note


def test_an_unknown_image_is_said_once_per_image_on_stderr(tmp_path: Path) -> None:
    """Two containers of prom/prometheus and one of myorg/api:1.2: two notes, on stderr only;
    a catalogued image (nginx) gets none."""
    f = script(tmp_path, "docker run -d --name p1 prom/prometheus\n"
                         "docker run -d --name p2 prom/prometheus\n"
                         "docker run -d --name api myorg/api:1.2\n"
                         "docker run -d --name web nginx\n")
    r = netsim("run", str(f))
    assert r.returncode == 0
    assert r.stderr == note("prom/prometheus") + "\n" + note("myorg/api:1.2") + "\n"
    assert "netsim: image" not in r.stdout


def test_the_note_text() -> None:
    """The text a docs page quotes."""
    assert unknown_image_note("prom/prometheus") == note("prom/prometheus").removeprefix(
        "netsim: ")


def test_a_short_lived_container_is_noted_too(tmp_path: Path) -> None:
    """docker run --rm of an unknown image: created and removed in one step, still noted."""
    f = script(tmp_path, "docker run --rm myorg/tool:2 true\n")
    assert netsim("run", str(f)).stderr == note("myorg/tool:2") + "\n"


@pytest.mark.parametrize("directive", [
    "# netsim: image prom/prometheus listens 9090/tcp tools sh,wget",
    "# netsim: image prom/prometheus expose=9090/tcp",
    "# netsim: image prom/prometheus",
])
def test_no_note_for_a_declared_image(tmp_path: Path, directive: str) -> None:
    """A directive (either form, even with no setting) declares the image: no note."""
    f = script(tmp_path, f"{directive}\ndocker run -d --name pp prom/prometheus\n")
    r = netsim("run", str(f))
    assert r.returncode == 0 and r.stderr == ""


def test_no_note_for_a_container_declared_before_its_run(tmp_path: Path) -> None:
    f = script(tmp_path, "# netsim: container pp listens 9090\n"
                         "docker run -d --name pp prom/prometheus\n")
    assert netsim("run", str(f)).stderr == ""


def test_a_scenario_notes_its_undeclared_images(tmp_path: Path) -> None:
    """A scenario's images: declaration silences its image; the other is noted."""
    f = tmp_path / "s.yaml"
    f.write_text("version: 1\n"
                 "images: [{name: prom/prometheus, listen: ['9090'], tools: [sh, wget]}]\n"
                 "steps:\n"
                 "  - {op: run, container: {name: prom, image: prom/prometheus}}\n"
                 "  - {op: run, container: {name: api, image: myorg/api}}\n")
    r = netsim("run", str(f))
    assert r.returncode == 0
    # a scenario declares in its images: list (a `# netsim:` comment would be ignored there)
    assert r.stderr == note("myorg/api").replace(
        "# netsim: image myorg/api listens PORT/tcp,… tools TOOL,…",
        "images: [{name: myorg/api, listen: [PORT/tcp, …], tools: [TOOL, …]}]") + "\n"


def test_a_compose_file_declares_in_comment_lines(tmp_path: Path) -> None:
    """The note's `# netsim: image …` (and `container …`) works in a compose file too: it was
    ignored there (a YAML comment), so the note's advice could not be followed."""
    (tmp_path / "compose.yaml").write_text(
        "# netsim: image myorg/api:1.2 listens 9090/tcp tools sh,wget\n"
        "services:\n  api: {image: myorg/api:1.2}\n  web: {image: nginx}\n"
        "  # netsim: container t-side-1 listens 7070\n  side: {image: myorg/side}\n")
    (tmp_path / ".env").write_text("COMPOSE_PROJECT_NAME=t\n")
    r = netsim("reach", "compose.yaml", "t-web-1", "t-api-1", "--port", "9090", cwd=tmp_path)
    assert (r.returncode, r.stderr) == (0, ""), r.stderr
    r = netsim("reach", "compose.yaml", "t-web-1", "t-side-1", "--port", "7070", cwd=tmp_path)
    assert (r.returncode, r.stderr) == (0, ""), r.stderr
    (tmp_path / "compose.yaml").write_text(
        "services:\n  api: {image: myorg/api}\n# netsim: image myorg/api tools telnet\n")
    r = netsim("run", "compose.yaml", cwd=tmp_path)
    assert r.returncode == 2
    assert r.stderr.startswith("netsim run: compose.yaml:3: bad 'image' directive: unknown tool "
                               "'telnet' (accepted: ")


def test_a_compose_project_notes_its_services_images(tmp_path: Path) -> None:
    (tmp_path / "compose.yaml").write_text(
        "services:\n  api: {image: myorg/api:1.2}\n  web: {image: nginx}\n")
    r = netsim("run", "compose.yaml", cwd=tmp_path)
    assert r.returncode == 0, r.stderr
    assert note("myorg/api:1.2") in r.stderr.splitlines()
    assert sum("is not in netsim's catalogue" in line for line in r.stderr.splitlines()) == 1


def test_a_dump_notes_its_containers_images(tmp_path: Path) -> None:
    """A docker inspect dump (here netsim's own inspect of a script) notes its images too."""
    f = script(tmp_path, "docker run -d --name api myorg/api:1.2\n")
    dump = tmp_path / "box.inspect.json"
    dump.write_text(netsim("inspect", str(f)).stdout)
    r = netsim("run", str(dump))
    assert r.returncode == 0
    # a dump has no comment lines: the note says how its hosts.yaml declares the image
    assert r.stderr.splitlines()[0] == "netsim: " + unknown_image_note("myorg/api:1.2", dump=True)


def test_the_python_api_keeps_the_note() -> None:
    lab, _ = run_script("docker run -d --name a1 myorg/api\ndocker run -d --name b1 myorg/api\n")
    assert lab.notes == [unknown_image_note("myorg/api")]


# ------------------------------------------------------------------ 2. the image directive


_PROM = ("# netsim: image prom/prometheus listens 9090/tcp tools sh,wget\n"
         "docker network create n\n"
         "docker run -d --name prom --network n prom/prometheus\n"
         "docker run -d --name box --network n netsim-lab/debian sleep infinity\n")
_NOT_FOUND = ('OCI runtime exec failed: exec failed: unable to start container process: exec: '
              '"{}": executable file not found in $PATH: unknown\r\n')


def test_a_declared_port_listens(tmp_path: Path) -> None:
    """listens 9090/tcp: curl from another container connects (not refused, exit 7)."""
    f = script(tmp_path, _PROM + "docker exec box curl -s prom:9090\n"
                                 "docker exec box curl -s prom:9091\n")
    s = steps(netsim("run", "--json", str(f)))
    assert s[-2]["stderr"] == ("netsim: curl connected to 172.18.0.2:9090; the HTTP exchange "
                               "is not simulated\n")
    assert s[-1]["exit_code"] == 7


def test_declared_tools_are_the_whole_list(tmp_path: Path) -> None:
    """tools sh,wget: BusyBox wget runs; curl, ping, nc and bash are missing, with runc's words
    (exit 127), and sh -c's curl with the shell's."""
    f = script(tmp_path, _PROM + "docker exec prom wget -qO- box:80\n"
                                 "docker exec prom curl -s box:80\n"
                                 "docker exec prom ping -c1 box\n"
                                 "docker exec prom nc -z box 80\n"
                                 "docker exec prom bash -c true\n"
                                 "docker exec prom sh -c 'curl box'\n")
    s = steps(netsim("run", "--json", str(f)))
    wget, curl, ping, nc, bash, sh = s[-6:]
    assert wget["stderr"] == ("wget: can't connect to remote host (172.18.0.3): Connection "
                              "refused\n")  # BusyBox's words: the declared implementation
    for step, tool in ((curl, "curl"), (ping, "ping"), (nc, "nc"), (bash, "bash")):
        assert (step["stdout"], step["exit_code"]) == (_NOT_FOUND.format(tool), 127)
    assert (sh["stderr"], sh["exit_code"]) == ("sh: 1: curl: not found\n", 127)


def test_an_unknown_image_without_tools_keeps_the_debian_set(tmp_path: Path) -> None:
    """Unchanged: without a tool list, ping is iputils' and wget is missing."""
    f = script(tmp_path, "docker run -d --name a1 myorg/api\n"
                         "docker exec a1 ping -c1 127.0.0.1\ndocker exec a1 wget -q x\n")
    s = steps(netsim("run", "--json", str(f)))
    assert str(s[1]["stdout"]).startswith("PING 127.0.0.1 (127.0.0.1) 56(84) bytes of data.")
    assert s[2]["stdout"] == _NOT_FOUND.format("wget")


def test_a_tool_implementation_can_be_named(tmp_path: Path) -> None:
    """tools ping=iputils: iputils' output, not BusyBox's."""
    f = script(tmp_path, "# netsim: image myorg/x tools ping=iputils\n"
                         "docker run -d --name a1 myorg/x\ndocker exec a1 ping -c1 127.0.0.1\n")
    s = steps(netsim("run", "--json", str(f)))
    assert str(s[1]["stdout"]).startswith("PING 127.0.0.1 (127.0.0.1) 56(84) bytes of data.")


def test_the_older_key_value_form_still_works(tmp_path: Path) -> None:
    f = script(tmp_path, "# netsim: image myorg/web expose=80/tcp runs=server\n"
                         "docker run -d --name w1 myorg/web\n"
                         "docker run -d --name box netsim-lab/debian sleep infinity\n"
                         "docker exec box curl -s 172.17.0.2\n"
                         "docker port w1\ndocker inspect -f '{{.Config.ExposedPorts}}' w1\n")
    s = steps(netsim("run", "--json", str(f)))
    assert "connected to 172.17.0.2:80" in str(s[2]["stderr"])
    assert s[4]["stdout"] == "map[80/tcp:{}]\n"


def test_a_later_declaration_applies_to_later_containers(tmp_path: Path) -> None:
    """An image directive may stand anywhere: containers created after it follow it."""
    f = script(tmp_path, "docker run -d --name a1 myorg/api\n"
                         "# netsim: image myorg/api listens 80\n"
                         "docker run -d --name b1 myorg/api\n"
                         "docker run -d --name box netsim-lab/debian sleep infinity\n"
                         "docker exec box curl -s 172.17.0.2\n"
                         "docker exec box curl -s 172.17.0.3\n")
    r = netsim("run", "--json", str(f))
    s = steps(r)
    assert s[-2]["exit_code"] == 7 and "connected" in str(s[-1]["stderr"])
    assert r.stderr == note("myorg/api") + "\n"  # a was created before the declaration


@pytest.mark.parametrize(("line", "what"), [
    ("# netsim: image prom/prometheus listens",
     "bad 'image' directive: 'listens' needs a value"),
    ("# netsim: image prom/prometheus listens http",
     "bad 'image' directive: 'http' is not a port (accepted: 1-65535, optionally /tcp, /udp "
     "or /sctp)"),
    ("# netsim: image prom/prometheus tools sh,telnet",
     "bad 'image' directive: unknown tool 'telnet' (accepted: ping, curl, wget, nc, dig, "
     "nslookup, host, getent, ip, ifconfig, hostname, route, netstat, cat, ash, bash, dash, "
     "ksh, mksh, sh, zsh (NAME=IMPL for another implementation, e.g. ping=iputils))"),
    ("# netsim: image prom/prometheus tools ping=curl",
     "bad 'image' directive: 'ping=curl': netsim knows ping as busybox, iputils"),
    ("# netsim: image prom/prometheus runs forever",
     "bad 'image' directive: runs 'forever': accepted: server, shell, exits"),
    ("# netsim: image prom/prometheus speaks http",
     "bad 'image' directive: unknown setting 'speaks' (accepted: listens, exposes, runs, "
     "tools)"),
    ("# netsim: image listens 9090",
     "bad 'image' directive: an image directive needs the image name first"),
    ("# netsim: image prom/prometheus listens 80 listens 81",
     "bad 'image' directive: 'listens' is given twice"),
    ("# netsim: image Prom/Prometheus",
     "bad 'image' directive: invalid reference format: repository name (Prometheus) must be "
     "lowercase"),
])
@pytest.mark.parametrize("where", ["first", "later"])
def test_a_malformed_image_directive_is_one_line_exit_2(tmp_path: Path, line: str, what: str,
                                                        where: str) -> None:
    """At the top (setup) or after a command: one line naming the accepted form, exit 2."""
    text = f"{line}\ndocker ps\n" if where == "first" else f"docker ps\n{line}\n"
    f = script(tmp_path, text)
    r = netsim("run", str(f))
    assert r.returncode == 2 and r.stdout == ""
    assert r.stderr.count("\n") == 1 and "Traceback" not in r.stderr
    at = f"{f}:{1 if where == 'first' else 2}: "
    assert f"{at}{what} (got " in r.stderr
    assert r.stderr.rstrip().endswith(
        "accepted: # netsim: image NAME [listens PORT[/tcp|udp],…] [exposes PORT,…] "
        "[runs server|shell|exits] [tools TOOL[=IMPL],…] (or expose=… listen=… runs=…))")


def test_the_directive_words() -> None:
    """Keywords with comma lists, a list going on after 'x,', and the key=value form."""
    assert read_settings(["listens", "9090,", "53/udp", "runs", "exits"],
                         ["listen", "runs"]) == {"listen": ("53/udp", "9090/tcp"),
                                                 "runs": "exits"}
    assert read_settings(["tools=sh,curl"], ["tools"]) == {"tools": ("curl=curl", "sh")}
    assert parse_ports("80,80/tcp") == ("80/tcp",)
    assert parse_tools("nc=netcat-openbsd,getent") == ("getent=glibc", "nc=netcat-openbsd")
    with pytest.raises(ValueError, match="given twice"):
        parse_tools("ping=iputils,ping=busybox")


# -------------------------------------------------------------- 3. per-container directives


_WEB = ("docker network create n\n"
        "docker run -d --name web --network n myorg/api:1.2\n"
        "docker run -d --name box --network n netsim-lab/debian sleep infinity\n")


def test_a_container_declared_after_its_run_listens(tmp_path: Path) -> None:
    """# netsim: container web listens 8080/tcp after the run: curl connects from then on."""
    f = script(tmp_path, _WEB + "docker exec box curl -s web:8080\n"
                                "# netsim: container web listens 8080/tcp\n"
                                "docker exec box curl -s web:8080\n")
    s = steps(netsim("run", "--json", str(f)))
    assert s[-2]["exit_code"] == 7
    assert s[-1]["stderr"] == ("netsim: curl connected to 172.18.0.2:8080; the HTTP exchange "
                               "is not simulated\n")


def test_a_container_declared_before_its_run_listens_whatever_its_image(tmp_path: Path) -> None:
    """Before the run, and over a catalogued image's facts (nginx listens on 80)."""
    f = script(tmp_path, "# netsim: container web listens 8080\n"
                         "docker network create n\n"
                         "docker run -d --name web --network n nginx\n"
                         "docker run -d --name box --network n netsim-lab/debian sleep inf\n"
                         "docker exec box nc -z web 8080\ndocker exec box nc -z web 80\n")
    s = steps(netsim("run", "--json", str(f)))
    assert (s[-2]["exit_code"], s[-1]["exit_code"]) == (0, 1)


def test_a_container_declared_to_exit_exits(tmp_path: Path) -> None:
    f = script(tmp_path, "# netsim: container job runs exits\n"
                         "docker run -d --name job myorg/batch\n"
                         "docker ps -a --format '{{.Names}} {{.Status}}'\n")
    s = steps(netsim("run", "--json", str(f)))
    assert str(s[-1]["stdout"]).startswith("job Exited (0)")


def test_a_container_declared_tools(tmp_path: Path) -> None:
    f = script(tmp_path, _WEB + "# netsim: container web tools wget\n"
                                "docker exec web curl -s box\n")
    s = steps(netsim("run", "--json", str(f)))
    assert (s[-1]["stdout"], s[-1]["exit_code"]) == (_NOT_FOUND.format("curl"), 127)


def test_a_malformed_container_directive(tmp_path: Path) -> None:
    f = script(tmp_path, "docker ps\n# netsim: container web exposes 80\n")
    r = netsim("run", str(f))
    assert r.returncode == 2 and r.stderr.count("\n") == 1
    assert (f"{f}:2: bad 'container' directive: unknown setting 'exposes' (accepted: listens, "
            "runs, tools) (got '# netsim: container web exposes 80'; accepted: # netsim: "
            "container NAME [listens PORT[/tcp|udp],…] [runs server|shell|exits] "
            "[tools TOOL[=IMPL],…])") in r.stderr


def test_a_scenario_declares_containers() -> None:
    """The scenario format's containers: list; export keeps it."""
    sc = parse_scenario("version: 1\n"
                        "containers: [{name: web, listen: ['8080']}]\n"
                        "steps:\n"
                        "  - {op: run, container: {name: web, image: myorg/api}}\n",
                        source="s.yaml")
    assert sc.containers == (ContainerDecl(name="web", listen=("8080/tcp",)),)
    lab, _ = run_scenario(sc)
    assert lab.state.container("web").listening == ("8080/tcp",)
    assert lab.notes == []
    assert lab.scenario().containers == sc.containers


def test_a_scenario_container_on_an_unknown_host_is_refused() -> None:
    from netsim.errors import InputError

    with pytest.raises(InputError, match=r"containers\.0\.host: unknown Docker host 'nowhere'"):
        parse_scenario("version: 1\ncontainers: [{name: web, host: nowhere}]\n",
                       source="s.yaml")


def test_image_decl_validates_ports_and_tools() -> None:
    assert ImageDecl(name="x", expose=("80",), tools=("wget", "sh")).model_dump() == {
        "name": "x", "expose": ("80/tcp",), "listen": None, "runs": "server",
        "tools": ("sh", "wget=busybox")}


# ------------------------------------------------------------------------ 4. netsim images


def test_netsim_images_lists_the_catalogue() -> None:
    r = netsim("images")
    assert r.returncode == 0 and r.stderr == ""
    lines = r.stdout.splitlines()
    assert lines[0].split() == ["IMAGE", "TAGS", "EXPOSES", "LISTENS", "RUNS", "TOOLS"]
    assert ["nginx", "*", "80/tcp", "80/tcp", "server", "curl,getent,hostname,cat"] in [
        line.split() for line in lines]


def test_netsim_images_json() -> None:
    data = json.loads(netsim("images", "--json").stdout)
    assert set(data) == {"catalogue", "declared", "containers", "unknown"}
    alpine = next(r for r in data["catalogue"] if r["image"] == "alpine")
    assert alpine["tools"]["ping"] == "busybox" and alpine["runs"] == "shell"


def test_netsim_images_with_a_file(tmp_path: Path) -> None:
    """FILE: its declared images and containers, and the images it uses that nobody knows."""
    f = script(tmp_path, _PROM + "docker run -d --name api myorg/api:1.2\n"
                                 "# netsim: container api listens 8080\n")
    r = netsim("images", str(f))
    assert r.returncode == 0 and r.stderr == ""
    tail = r.stdout.split("\n\n")[1:]
    assert tail == [
        "DECLARED IMAGE    EXPOSES   LISTENS    RUNS     TOOLS\n"
        "prom/prometheus   -         9090/tcp   server   sh,wget",
        "DECLARED CONTAINER   HOST   LISTENS    RUNS            TOOLS\n"
        "api                  host   8080/tcp   (its image's)   (its image's)",
        "NOT KNOWN (used, not declared)   ASSUMED\n"
        "myorg/api:1.2                    keeps running, listens on nothing, Debian-like "
        "tools\n",
    ]
    data = json.loads(netsim("images", "--json", str(f)).stdout)
    assert data["declared"][0]["tools"] == {"sh": "shell", "wget": "busybox"}
    assert data["unknown"] == ["myorg/api:1.2"]


def test_the_cli_does_not_load_the_listing_at_start() -> None:
    """netsim --help stays fast: the images command imports its module when it runs."""
    code = ("import sys, netsim.cli; "
            "print(any(m.startswith('netsim.images') for m in sys.modules))")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                       check=True)
    assert r.stdout.strip() == "False"


def _dump_of(tmp_path: Path, hosts_yaml: str) -> Path:
    """A one-host dump (made by netsim's docker inspect) holding a container of an image netsim
    does not know, declared in the script that made it, with ``hosts_yaml`` beside it."""
    from netsim.dockercli.output import inspect as render
    from netsim.lab import Lab

    lab = Lab(profile="28.5")
    lab.run("# netsim: image myorg/api:1.2 listens 8080/tcp")
    lab.run("docker network create front")
    lab.run("docker run -d --name api --network front myorg/api:1.2")
    lab.run("docker run -itd --name client --network front busybox")
    state = lab.state
    host = state.host()
    objects = [render.container(state, c) for c in host.containers.values()]
    objects += [render.network(state, host.name, n) for n in sorted(host.networks)]
    d = tmp_path / "dump"
    d.mkdir(parents=True)
    (d / f"{host.name}.json").write_text(json.dumps(objects), encoding="utf-8")
    (d / "hosts.yaml").write_text(hosts_yaml, encoding="utf-8")
    return d


def test_a_dump_declares_its_images_in_hosts_yaml(tmp_path: Path) -> None:
    """A dump has no comment lines: its unknown images are declared in hosts.yaml's
    ``images:`` (a scenario's form), and the note says so."""
    from netsim.io.dump import load_dump

    bare = load_dump(str(_dump_of(tmp_path / "a", "lan: 192.168.0.0/24\n")))
    note = next(n for n in bare.notes if "myorg/api:1.2" in n)
    assert note.endswith("declare what it has: hosts.yaml images: [{name: myorg/api:1.2, "
                         "listen: [PORT/tcp, …], tools: [TOOL, …]}]")
    assert not bare.reach("client", "api", port=8080).delivered
    declared = load_dump(str(_dump_of(
        tmp_path / "b", "lan: 192.168.0.0/24\nimages:\n- {name: myorg/api:1.2, listen: "
        "[8080/tcp]}\n")))
    assert not any("myorg/api" in n for n in declared.notes)
    assert declared.reach("client", "api", port=8080).delivered


def test_a_bad_image_declaration_in_hosts_yaml_is_one_line(tmp_path: Path) -> None:
    from netsim.errors import InputError
    from netsim.io.dump import load_dump

    d = _dump_of(tmp_path, "images:\n- {name: myorg/api:1.2, listen: [http]}\n")
    with pytest.raises(InputError) as err:
        load_dump(str(d))
    assert str(err.value).startswith(f"{d / 'hosts.yaml'}: images[0].listen")
    assert "\n" not in str(err.value)
