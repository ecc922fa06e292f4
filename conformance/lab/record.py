#!/usr/bin/python3
"""Record corpus scripts on the lab's running engine (stdlib only; run as root).

    conformance/lab/record.py [--engine V] [--out DIR] SCRIPT…

Each script runs from a fresh lab (``lab.sh run --fresh``: new daemons, so subnets, addresses
and the port allocator start as on a new machine) and is written to
``DIR/<engine profile>/<script name>.json`` (default DIR: conformance/recorded) with the engine's
version, the Debian package, the date and the lab's topology: the format
``netsim/io/recording.py`` reads. The script's text is stored in the recording, with its
SHA-256, so a replay needs nothing else and an edited script is seen as needing a new recording.
"""

import argparse
import datetime
import hashlib
import json
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
LAB = os.path.join(HERE, "lab.sh")
TOPOLOGY = {
    "lan": "192.168.0.0/24",
    "gateway": "192.168.0.1",
    "hosts": {"server1": "192.168.0.100", "server2": "192.168.0.101"},
}
HOSTS = {"srv1": "server1", "srv2": "server2"}


def lab(engine, *args, capture=True):
    cmd = [LAB, "--engine", engine, *args]
    return subprocess.run(
        cmd, check=True, text=True, stdout=subprocess.PIPE if capture else None
    ).stdout


def engine_facts(engine):
    state = os.environ.get("NETSIM_LAB_STATE", "/var/lib/netsim-lab")
    root = os.path.join(state, f"root-{engine}")
    version = subprocess.run(
        [
            os.path.join(root, "usr/bin/docker"),
            "-H",
            "unix:///run/netsim-srv1/docker.sock",
            "version",
            "--format",
            "{{.Server.Version}}",
        ],
        check=True,
        text=True,
        stdout=subprocess.PIPE,
    ).stdout.strip()
    package = subprocess.run(
        ["chroot", root, "dpkg-query", "-W", "-f", "${Version}", "docker.io"],
        check=True,
        text=True,
        stdout=subprocess.PIPE,
    ).stdout.strip()
    return {"profile": engine, "version": version, "package": package}


def engine_ids(engine):
    """Each daemon's ID (``docker info``'s, its engine-id file), from which an engine ≥ 27
    derives its IPv6 ULA pool: the replay gives netsim's hosts the same."""
    state = os.environ.get("NETSIM_LAB_STATE", "/var/lib/netsim-lab")
    docker = os.path.join(state, f"root-{engine}", "usr/bin/docker")
    out = {}
    for srv, host in HOSTS.items():
        out[host] = subprocess.run(
            [docker, "-H", f"unix:///run/netsim-{srv}/docker.sock", "info", "--format",
             "{{.ID}}"],
            check=True, text=True, stdout=subprocess.PIPE,
        ).stdout.strip()
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--engine", default=os.environ.get("NETSIM_LAB_ENGINE", "28.5"))
    ap.add_argument("--out", default=os.path.join(REPO, "conformance", "recorded"))
    ap.add_argument("--timeout", default="30")
    ap.add_argument("scripts", nargs="+")
    args = ap.parse_args()
    outdir = os.path.join(args.out, args.engine)
    os.makedirs(outdir, exist_ok=True)
    for path in args.scripts:
        name = os.path.splitext(os.path.basename(path))[0]
        with open(path, encoding="utf-8") as f:
            text = f.read()
        raw = lab(args.engine, "run", "--fresh", "--timeout", args.timeout, path)
        steps = []
        for s in json.loads(raw):
            s = dict(s)
            s["host"] = HOSTS.get(s["host"], s["host"])
            steps.append(s)
        rec = {
            "format": 1,
            "name": name,
            "script": text,
            "script_sha256": hashlib.sha256(text.encode()).hexdigest(),
            "engine": engine_facts(args.engine),
            "recorded": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "lab": {**TOPOLOGY, "engine_ids": engine_ids(args.engine)},
            "steps": steps,
        }
        out = os.path.join(outdir, name + ".json")
        with open(out, "w", encoding="utf-8") as f:
            json.dump(rec, f, indent=1, ensure_ascii=False)
            f.write("\n")
        print(f"recorded {out}: {len(steps)} commands", file=sys.stderr)


if __name__ == "__main__":
    main()
