"""Write the teaching notebooks from the cells below and run them (nbclient), so that the
committed .ipynb files carry real outputs. ``python notebooks/make_notebooks.py`` after editing;
tests/test_notebooks.py re-runs every notebook and compares its outputs with the committed ones.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

MD, PY = "markdown", "code"

NOTEBOOKS: dict[str, list[tuple[str, str]]] = {
    "01-bridges-and-ports": [
        (MD, """# 1. Bridges and published ports (브리지 네트워크와 포트 포워딩)

Every container started without `--network` joins Docker's **default bridge**, `docker0`
(172.17.0.0/16). Docker gives it an `eth0` inside its own network namespace and joins it to the
bridge by a **veth pair** (the host end is called `veth…`). Containers on the bridge reach each
other by address; the outside world reaches a container only through a **published port**
(`-p host:container`, or `-P` for every exposed port, 32768 and up).

netsim predicts all of this without Docker. A `Lab` takes docker commands one at a time."""),
        (PY, """from netsim.lab import Lab

lab = Lab()
lab.docker("run -d --name web -p 8080:80 nginx")
lab.docker("run -d --name cache -P redis")
print(lab.docker("port cache").stdout)"""),
        (MD, """`redis` exposes 6379, so `-P` published it on the first free port of Docker's
ephemeral range. Look at the network from inside a container (an Alpine box has busybox's
`ip`):"""),
        (PY, """lab.docker("run -dit --name box alpine")
print(lab.docker("exec box ip addr").stdout)"""),
        (MD, """The picture shows the host, `docker0`, each container's `eth0` joined to it, the NIC on
the LAN, and the published ports as arrows from the NIC:"""),
        (PY, "lab.state"),
        (MD, """Who can reach the web server? From the internet, the host's port 8080 leads to nginx's
port 80; the cache's 6379 is not published on 8080, so that fails:"""),
        (PY, """lab.reach("@internet", "@host", port=8080)"""),
        (PY, """print(lab.reach("@internet", "@host", port=6379))"""),
        (MD, """## Exercise

A second container on a **user-defined** network cannot talk to `web` directly (different
bridges are isolated), but can it use the published port on the host's LAN address? Write your
answer as an expectation and let netsim check it."""),
        (PY, """lab.docker("network create backend")
lab.docker("run -dit --name other --network backend alpine")
print(lab.expect("other does not reach web because ISOLATED_NETWORKS"))
print(lab.expect("other reaches @host on 8080"))"""),
    ],
    "02-host-none-container": [
        (MD, """# 2. Host, none and container: network modes (호스트 / 논 / 컨테이너 네트워크)

Besides bridges, a container can use the **host's own network stack** (`--net host`: no
namespace of its own, its port 80 *is* the host's port 80), **no network** (`--net none`: only
`lo`), or **another container's namespace** (`--net container:NAME`: same interfaces, same
address, no veth of its own)."""),
        (PY, """from netsim.lab import Lab

lab = Lab()
for cmd in ("run -d --name network_host --net host nginx",
            "run -dit --name network_none --net none alpine",
            "run -dit --name network_container_1 alpine",
            "run -dit --name network_container_2 --net container:network_container_1 alpine"):
    lab.docker(cmd)
print(lab.docker("exec network_none ifconfig").stdout)"""),
        (MD, "The two containers sharing a namespace show the same `eth0`, the same address:"),
        (PY, """print(lab.docker("exec network_container_1 hostname -i").stdout)
print(lab.docker("exec network_container_2 hostname -i").stdout)"""),
        (MD, "In the picture the joiner is docked to its owner, and the host-mode server hangs off the NIC:"),
        (PY, "lab.state"),
        (PY, """print(lab.reach("@lan", "@host", port=80))
print(lab.reach("network_none", "8.8.8.8"))"""),
        (MD, """## Exercise

If `network_container_1` stops, what happens to `network_container_2`'s network? (Its owner's
namespace is gone: only `lo` is left.) Check it:"""),
        (PY, """lab.docker("stop network_container_1")
print(lab.expect("network_container_2 does not reach 8.8.8.8 because NO_INTERFACE"))"""),
    ],
    "03-aliases-and-dns": [
        (MD, """# 3. Network aliases and round-robin DNS (--net-alias)

On a **user-defined** network Docker runs an embedded DNS server at `127.0.0.11`. Every
container is known by its name, its aliases, its short ID and its hostname — to the containers
that share the network. Several containers may share an **alias**: the answer then holds all of
them, in a new random order on every query (the book's `alicek106` example)."""),
        (PY, """from netsim.lab import Lab

lab = Lab()
lab.docker("network create mybridge")
for n in (1, 2, 3):
    lab.docker(f"run -dit --name network_alias_container{n} --net mybridge --net-alias alicek106 ubuntu:14.04")
lab.docker("run -dit --name network_alias_ping --net mybridge nicolaka/netshoot")
print(lab.docker("exec network_alias_ping dig alicek106").stdout)"""),
        (MD, """Each `ping -c 1` resolves afresh and takes the first address, so repeated pings reach
different containers:"""),
        (PY, """for _ in range(4):
    print(lab.docker("exec network_alias_ping ping -c 1 alicek106").stdout.splitlines()[1])"""),
        (MD, "Over many queries each address comes first about a third of the time:"),
        (PY, """from netsim.analysis.dns import query_series

series = query_series(lab.state, "network_alias_ping", "alicek106", 3000, seed=1)
for ip, count in series.tally():
    print(ip, series.owners[ip], count)
series"""),
        (MD, """The default bridge has no embedded DNS: a container there cannot resolve names at all
(only `--link` writes names into `/etc/hosts`)."""),
        (PY, """lab.docker("run -dit --name lonely alpine")
print(lab.docker("exec lonely ping -c 1 network_alias_ping").stderr)
print(lab.docker("exec network_alias_ping cat /etc/resolv.conf").stdout)"""),
        (MD, """## Exercise

Stop `network_alias_container2`. Which addresses does `alicek106` still resolve to?"""),
        (PY, """lab.docker("stop network_alias_container2")
print(lab.expect("network_alias_ping resolves alicek106 to 172.18.0.2,172.18.0.4"))"""),
    ],
    "04-macvlan-two-hosts": [
        (MD, """# 4. MacVLAN on two servers (맥브이랜 네트워크)

A macvlan network gives each container its own MAC address on the physical LAN, so containers
look like machines on the LAN. Two servers share one LAN (192.168.0.0/24); each hands out
addresses from its own `--ip-range`. The catch the book points out: **a container cannot talk to
its own server** (the kernel keeps the parent NIC and its macvlan children apart), though it can
talk to the other server."""),
        (PY, """from ipaddress import IPv4Address, IPv4Network

from netsim.api import Host, Lan
from netsim.lab import Lab

lab = Lab(lan=Lan(subnet=IPv4Network("192.168.0.0/24"), gateway=IPv4Address("192.168.0.1")),
          hosts=[Host(name="server1", address=IPv4Address("192.168.0.50")),
                 Host(name="server2", address=IPv4Address("192.168.0.51"))])
for host, rng in (("server1", "192.168.0.64/28"), ("server2", "192.168.0.128/28")):
    lab.docker(f"network create -d macvlan --subnet=192.168.0.0/24 --ip-range={rng} "
               "--gateway=192.168.0.1 -o macvlan_mode=bridge -o parent=eth0 my_macvlan", host=host)
lab.docker("run -itd --name c1 --net my_macvlan ubuntu:14.04", host="server1")
lab.docker("run -itd --name c2 --net my_macvlan ubuntu:14.04", host="server2")
print(lab.docker("inspect -f '{{.NetworkSettings.Networks.my_macvlan.IPAddress}}' c1", host="server1").stdout)"""),
        (PY, "lab.state"),
        (PY, """print(lab.reach("server1/c1", "server2/c2"))
print(lab.reach("server1/c1", "@server2"))"""),
        (MD, "And the blocked case, drawn in red where the kernel stops it:"),
        (PY, """lab.reach("@server1", "server1/c1")"""),
        (MD, """## Exercise

Can `c2` reach `server1` (the *other* server)? Can it reach its own `server2`?"""),
        (PY, """print(lab.expect("server2/c2 reaches @server1"))
print(lab.expect("server2/c2 does not reach @server2 because MACVLAN_HOST_ISOLATION"))"""),
    ],
    "05-links-and-legacy": [
        (MD, """# 5. --link and the legacy default bridge (컨테이너 링크)

Before user-defined networks, `--link NAME:ALIAS` let a container on the default bridge reach
another **by an alias**, without knowing its IP: Docker writes a line into the linking
container's `/etc/hosts` — and only there (links are one-way). The book's WordPress example:"""),
        (PY, """from netsim.lab import Lab

lab = Lab()
lab.docker("run -d --name wordpressdb -e MYSQL_ROOT_PASSWORD=password -e MYSQL_DATABASE=wordpress mysql:5.7")
lab.docker("run -d -e WORDPRESS_DB_PASSWORD=password --name wordpress --link wordpressdb:mysql -p 80 wordpress")
print(lab.docker("exec wordpress cat /etc/hosts").stdout)"""),
        (PY, """print(lab.docker("exec wordpress getent hosts mysql").stdout)
print(lab.expect("wordpress reaches mysql on 3306"))
print(lab.expect("wordpressdb does not resolve wordpress"))"""),
        (MD, """In the picture both containers hang off `docker0`: a link is a name in a file, not a
wire. WordPress's published port 80 went to 32768:"""),
        (PY, "lab.state"),
        (MD, """On a user-defined network the same flag makes a **private alias** in the embedded DNS
instead: only the linking container knows it, and nothing is written to `/etc/hosts`."""),
        (PY, """lab.docker("network create app")
lab.docker("run -dit --name db2 --network app alpine")
lab.docker("run -dit --name web2 --network app --link db2:database alpine")
lab.docker("run -dit --name other --network app alpine")
print(lab.expect("web2 resolves database"))
print(lab.expect("other does not resolve database"))"""),
        (MD, """## Exercise

On a bridge with inter-container communication switched off (`enable_icc=false`, the option
the book mentions for hardening the default bridge), containers on it cannot talk to each other
at all (a `--link` would open the linked container's exposed ports). Predict it for two
containers on such a network, then check."""),
        (PY, """lab.docker("network create -o com.docker.network.bridge.enable_icc=false quiet")
lab.docker("run -dit --name q1 --network quiet alpine")
lab.docker("run -dit --name q2 --network quiet alpine")
print(lab.expect("q1 does not reach q2 because ICC_DISABLED"))"""),
    ],
    "06-predict-and-explain": [
        (MD, """# 6. Predict and explain: the matrix, a blocked path, what breaks if…

A small stack: a reverse proxy on `front` and `back`, an app on `back` and `data`, a database
on the **internal** `data` network. Before deploying, ask netsim who reaches whom."""),
        (PY, """from netsim.analysis.reach import matrix
from netsim.lab import Lab

lab = Lab()
lab.docker("network create front")
lab.docker("network create back")
lab.docker("network create --internal data")
lab.docker("run -d --name proxy --network front -p 80:80 nginx")
lab.docker("network connect back proxy")
lab.docker("run -d --name app --network back nginx")
lab.docker("network connect data app")
lab.docker("run -d --name db --network data -e POSTGRES_PASSWORD=x postgres")
m = matrix(lab.state)
print("\\n".join(m.lines()))"""),
        (MD, "The same as a heatmap (green = reaches):"),
        (PY, "m"),
        (MD, "Why can't the proxy talk to the database? The trace names the rule:"),
        (PY, """lab.reach("proxy", "db", port=5432)"""),
        (PY, """print(lab.reach("db", "8.8.8.8"))"""),
        (MD, """## What breaks if I disconnect `app` from `back`?

Compare the matrix before and after:"""),
        (PY, """before = {(src, dst) for src, row in m.rows() for dst, cell in zip(m.destinations, row) if cell == "."}
lab.docker("network disconnect back app")
after_m = matrix(lab.state)
after = {(src, dst) for src, row in after_m.rows() for dst, cell in zip(after_m.destinations, row) if cell == "."}
for pair in sorted(before - after):
    print("lost:", pair)"""),
        (MD, """## Exercise

After the disconnect, can the internet still reach the proxy on port 80? Can the proxy still
reach the app?"""),
        (PY, """print(lab.expect("@internet reaches @host on 80"))
print(lab.expect("proxy does not reach app"))"""),
    ],
    "07-compose-three-tier": [
        (MD, """# 7. A Compose project: from the file to the matrix to the picture (컴포즈 프로젝트)

Most stacks are described by a `compose.yaml`, not by `docker run` lines. This one is the
classic three tiers: a reverse **proxy** published on port 8080 on the `front` network, an
**app** on `front` and `back`, and a **database** only on `back`, reachable there under the
extra name `database`. `docker compose up -d` in a directory named `shop` makes the project
`shop`: networks `shop_front` and `shop_back`, containers `shop-proxy-1` … (Docker Compose
2.40's names, which netsim reproduces)."""),
        (PY, """from netsim.analysis.reach import matrix
from netsim.lab import Lab

COMPOSE = \"\"\"
services:
  proxy:
    image: nginx
    ports: ["8080:80"]
    networks: [front]
  app:
    image: nginx
    networks: [front, back]
  db:
    image: postgres
    environment:
      POSTGRES_PASSWORD: example
    networks:
      back:
        aliases: [database]
networks:
  front:
  back:
\"\"\"

lab = Lab(sandboxed=True)
up = lab.compose("up", "-d", text=COMPOSE, directory="/root/shop")
print(up.stderr)"""),
        (MD, "What `docker compose ps` would print, and what the database answers to by name:"),
        (PY, """print(lab.docker("compose ps --format '{{.Name}}  {{.Service}}  {{.Ports}}'").stdout)
print(lab.docker("compose exec app getent hosts database").stdout)"""),
        (MD, "Who reaches whom (`.` reaches, `x` does not):"),
        (PY, """m = matrix(lab.state)
print("\\n".join(m.lines()))"""),
        (MD, "The picture: one bridge per network, the proxy's published port on the host's NIC:"),
        (PY, "lab.state"),
        (MD, "The proxy cannot open the database: they share no network, and the trace says so:"),
        (PY, """print(lab.reach("shop-proxy-1", "shop-db-1", port=5432))"""),
        (MD, """## What if the database joins the front network?

A one-line change in the file (`networks: [back, front]` for `db`). Bring the changed project
up in a fresh lab and compare the two matrices: every pair that is new is a path you have just
opened."""),
        (PY, """changed = COMPOSE.replace("      back:\\n        aliases: [database]",
                          "      back:\\n        aliases: [database]\\n      front:")
lab = Lab(sandboxed=True)  # a fresh lab: the changed project
lab.compose("up", "-d", text=changed, directory="/root/shop")
after = matrix(lab.state)
reach_before = {(s, d) for s, row in m.rows() for d, cell in zip(m.destinations, row) if cell == "."}
reach_after = {(s, d) for s, row in after.rows() for d, cell in zip(after.destinations, row) if cell == "."}
for pair in sorted(reach_after - reach_before):
    print("new path:", pair)"""),
        (MD, """## Exercise

In the changed project, can the proxy now reach the database's port 5432? And does the
internet reach the database through the host? Write both as expectations."""),
        (PY, """print(lab.expect("shop-proxy-1 reaches shop-db-1 on 5432"))
print(lab.expect("@internet does not reach shop-db-1"))"""),
    ],
    "08-live-systems": [
        (MD, """# 8. A live system: what `docker inspect` says, explained (실행 중인 시스템 분석)

"Why can't this container reach that one on my server?" You do not need to rebuild the setup
from its commands: the engine already says everything. On the server,

```sh
docker inspect $(docker ps -aq) $(docker network ls -q) > server1.json
```

prints every container and network as the Docker Engine holds them. netsim reads that
**as it is** (the addresses, MACs, aliases and DNS names the engine chose; nothing is
allocated again) and answers on it. `../scenarios/live-bridges/` is such a dump, taken on a
real Docker 28.5 host in netsim's conformance lab, with `hosts.yaml` saying the host's
address on its LAN."""),
        (PY, """from netsim.analysis.diff import diff_states
from netsim.analysis.reach import matrix
from netsim.lab import Lab

lab = Lab.from_file("../scenarios/live-bridges")
print(lab.state.profile.name, "—", len(list(lab.state.containers())), "containers")
lab.state"""),
        (MD, "Who reaches whom, by ping (`.` reaches, `X` does not):"),
        (PY, """print("\\n".join(matrix(lab.state).lines()))"""),
        (MD, """`legacy` runs on the default bridge: no names there, and other bridges are closed to it.
The trace names the rule that stops it:"""),
        (PY, """print(lab.reach("legacy", "web"))
print(lab.docker("exec legacy ping -c 1 -W 1 web").stderr)"""),
        (MD, """`web` is on both networks, as `api` on `backend`; the embedded DNS answers by network:"""),
        (PY, """print(lab.docker("exec db nslookup api").stdout)
print(lab.docker("exec tool nslookup db").stdout)"""),
        (MD, """## Plan vs reality

The runbook (`../scenarios/live-bridges-plan.sh`) meant `tool` to reach the database too.
Replay the plan, and compare it with what the server holds: what differs, and every pair whose
reachability differs, with the rule on each side."""),
        (PY, """from pathlib import Path

PLAN = "../scenarios/live-bridges-plan.sh"
print(Path(PLAN).read_text())
plan = Lab.from_file(PLAN)
print(diff_states(plan.state, lab.state, a_name="plan", b_name="server1"))"""),
        (MD, """## What if?

The imported lab takes commands like any other, on the dump's own bookkeeping (its addresses
and ports are taken). Connect `tool` as the plan says, and ask again:"""),
        (PY, """print(lab.docker("network connect backend tool").stderr or "connected")
print(lab.state.container("tool").endpoint("backend").ipv4)
print(lab.reach("tool", "db", port=5432))"""),
        (MD, """## Exercise

On the changed lab: can `tool` now resolve `database`? Does `legacy` reach `web` through the
published port on the host's address (`@server1` port 8080)? Write both as expectations."""),
        (PY, """print(lab.expect("tool resolves database to 10.10.0.3"))
print(lab.expect("legacy reaches @server1 on 8080"))"""),
    ],
    "09-ipv6-dual-stack": [
        (MD, """# 9. IPv6 and dual-stack networks (IPv6 / 듀얼 스택 네트워크)

`docker network create --ipv6 --subnet fd00:1::/64 front` makes a **dual-stack** bridge: the
IPv6 subnet you give, and beside it an IPv4 subnet from Docker's pools. Every container on it
gets one address of each family, and its name answers both an `A` and an `AAAA` query. Who
reaches whom now depends on the **family** too: which address a program picks, and which
rules the daemon writes for IPv6 (ip6tables, on by default since Docker 27).
`../scenarios/dual-stack.sh` sets up three networks: `front` and `back` (dual-stack) and
`v6only` (`--ipv4=false`)."""),
        (PY, """from pathlib import Path

from netsim.analysis.reach import matrix
from netsim.lab import Lab

SCENARIO = "../scenarios/dual-stack.sh"
print("\\n".join(line for line in Path(SCENARIO).read_text().splitlines()
                  if line.startswith("docker network create")))
lab = Lab.from_file(SCENARIO)
for name in ("web", "client", "tiny", "db", "o1"):
    ep = lab.state.container(name).endpoints[0]
    print(f"{name:7} {ep.network:7} {ep.ipv4 or '-'!s:16} {ep.ipv6}")"""),
        (MD, """The picture shows each bridge with both subnets, and each interface with both
addresses (`o1` has IPv6 only):"""),
        (PY, "lab.state"),
        (MD, """## Which address does a program use?

The name `web` has two addresses. glibc's resolver (Debian's `getent`, `ping`, `curl`) sorts
them by RFC 6724: the ULA `fd00:1::2` first, since the container has a ULA source address.
BusyBox (Alpine's `ping`) takes the IPv4 one. curl tries IPv6 first ("happy eyeballs") and
falls back to IPv4 only if that fails:"""),
        (PY, """print(lab.docker("exec client getent ahosts web").stdout)
print(lab.docker("exec client ping -c 1 web").stdout)
print(lab.docker("exec tiny ping -c 1 web").stdout)
print(lab.docker("exec client curl -s -o /dev/null -w '%{http_code} %{remote_ip}\\n' "
                 "http://web/").stdout)"""),
        (MD, """## Isolation per family

Two user-defined bridges are isolated from each other, for IPv4 by iptables and, since
Docker 27, for IPv6 by ip6tables. The trace names the rule:"""),
        (PY, """print(lab.reach("client", "fd00:2::2", port=6379))"""),
        (MD, """Docker 26 and older wrote no ip6tables rules unless the daemon ran with
`--ip6tables` (experimental then): the host routes IPv6 between its bridges, so the same
setup that is isolated over IPv4 is **open over IPv6**. The same scenario on the 26.1
engine:"""),
        (PY, """old = Lab.from_file(SCENARIO, profile="26.1")
print(old.reach("client", "fd00:2::2", port=6379))"""),
        (MD, """(On 26.1 `--ipv4=false` does not exist; the line creating `v6only` fails there, as
the real 26.1 engine refuses it.) Who reaches whom by ping, over each family (`.` reaches,
`X` does not: `o1` has no IPv4 address at all, and no other container reaches its IPv6 one
across the bridges; `@host` reaches every container of its bridges over IPv6 too):"""),
        (PY, """print("IPv4:")
print("\\n".join(matrix(lab.state).lines()))
print("IPv6:")
print("\\n".join(matrix(lab.state, family=6).lines()))"""),
        (MD, """## Published ports

`-p 8080:80` binds the host's port on `0.0.0.0` and on `[::]`: the host reaches `web`
through either family (`docker port` lists both)."""),
        (PY, """print(lab.docker("port web").stdout)
print(lab.reach("@host", "web", port=80))"""),
        (MD, """## Exercise

`o1` is on an IPv6-only network. Can it reach `web`'s IPv6 address? Its IPv4 address? Write
both as expectations (hint: `v6only` and `front` are different bridges)."""),
        (PY, """print(lab.expect("o1 does not reach fd00:1::2 because ISOLATED_NETWORKS"))
print(lab.expect("o1 does not reach 172.18.0.2 because NO_ROUTE"))"""),
    ],
    "10-images-and-registry": [
        (MD, """# 10. Images: Dockerfiles, -P, and a private registry (도커 이미지 / Dockerfile / 사설 레지스트리)

An image carries networking facts: the ports its `EXPOSE` lines declare (what `docker run -P`
publishes), the command that listens, and the tools a probe finds inside. `docker build`
reads them from a Dockerfile; `docker push` and `pull` carry the image to another host through
a **registry**, which is a container like any other: the other host's daemon must reach it
over the network. `../scenarios/seed-images.sh` is the seed's image chapter on two servers."""),
        (PY, """from pathlib import Path

from netsim.lab import Lab, run_script

SCENARIO = "../scenarios/seed-images.sh"
lab = Lab.from_file(SCENARIO)
print(lab.workspace("server1").read_text("/root/mybuild/Dockerfile"))
print(lab.docker("image inspect -f '{{json .Config.ExposedPorts}} {{json .Config.Labels}}' "
                 "mybuild:0.0", host="server1").stdout)"""),
        (MD, """`EXPOSE 80` is a declaration: nothing is published until `-P` (every exposed port, on a
host port Docker picks from 32768 up) or `-p`. `myserver` was run with `-P`:"""),
        (PY, """print(lab.docker("port myserver", host="server1").stdout)
print(lab.reach("@server2", "192.168.0.100", port=32768))"""),
        (MD, """## The registry

`registry:2.6` runs on server1 with `-p 5000:5000`. server1 tags its image
`192.168.0.100:5000/mybuild:0.0` and pushes it; the registry's HTTP API lists what it holds;
server2 pulls it and runs it. Each of these is a connection from a **daemon's host** to
`192.168.0.100:5000`, decided like any other flow. Pushed again, the registry already has
every layer:"""),
        (PY, """for command in ("push 192.168.0.100:5000/mybuild:0.0",):
    print(lab.docker(command, host="server1").stdout)
print(lab.reach("@server2", "192.168.0.100", port=5000))"""),
        (MD, """The scenario's daemons list the registry in `insecure-registries`
(`# netsim: daemon --insecure-registry=192.168.0.100:5000`). Without it a daemon speaks
**HTTPS** to any registry that is not on its own loopback, and the registry answers plain
HTTP. The same push from a daemon without the option:"""),
        (PY, """text = Path(SCENARIO).read_text().replace(
    "# netsim: daemon --insecure-registry=192.168.0.100:5000", "")
strict, _steps = run_script(text)
step = strict.docker("push 192.168.0.100:5000/mybuild:0.0", host="server1")
print(step.exit_code, step.stderr)"""),
        (MD, """## Exercise

Stop the registry (`docker stop myregistry` on server1). What does `docker pull` on server2
print now, and which expectation holds?"""),
        (PY, """lab.docker("stop -t 1 myregistry", host="server1")
print(lab.docker("-H server2 pull 192.168.0.100:5000/mybuild:0.0").stderr)"""),
        (PY, """print(lab.expect("@server2 does not reach 192.168.0.100 on 5000"))"""),
    ],
}


def build(name: str, cells: list[tuple[str, str]]) -> object:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                 "language": "python"}
    nb.cells = [nbformat.v4.new_markdown_cell(src) if kind == MD
                else nbformat.v4.new_code_cell(src) for kind, src in cells]
    for i, cell in enumerate(nb.cells):
        cell["id"] = f"{name[:2]}-{i:02d}"
    return nb


def execute(nb: object) -> object:
    from nbclient import NotebookClient

    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(HERE)}}).execute()
    return nb


def main() -> None:
    import nbformat

    names = sys.argv[1:] or list(NOTEBOOKS)
    for name in names:
        nb = execute(build(name, NOTEBOOKS[name]))
        for cell in nb.cells:  # type: ignore[attr-defined]
            if cell.get("cell_type") == "code":
                cell["metadata"] = {}
        nbformat.write(nb, HERE / f"{name}.ipynb")  # type: ignore[arg-type]
        print(f"wrote notebooks/{name}.ipynb")


if __name__ == "__main__":
    main()
