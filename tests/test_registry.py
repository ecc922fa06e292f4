"""A registry on the network (issue 18): docker push and pull between two daemons through a
registry container, decided by reachability and the daemons' insecure-registries, and the
registry's /v2/ API answering curl with what was pushed."""

from __future__ import annotations

import pytest

from netsim.lab import run_script

HOSTS = """# netsim: lan 192.168.0.0/24
# netsim: host server1 address=192.168.0.100
# netsim: host server2 address=192.168.0.101
"""
INSECURE = "# netsim: daemon --insecure-registry=192.168.0.100:5000\n"
SETUP = """docker run -d --name myregistry -p 5000:5000 netsim-lab/registry
mkdir -p /root/app
cd /root/app
printf 'FROM netsim-lab/alpine\\nRUN apk add curl\\nEXPOSE 80\\n' > Dockerfile
printf 'CMD ["httpd", "-f", "-p", "80"]\\n' >> Dockerfile
docker build -q -t mybuild:0.0 .
docker tag mybuild:0.0 192.168.0.100:5000/mybuild:0.0
"""


def run(text: str, engine: str = "28.5") -> list[tuple[str, int, str, str]]:
    _lab, steps = run_script(text, profile=engine, sandboxed=True)
    return [(s.command, s.exit_code, s.stdout, s.stderr) for s in steps]


def step(steps: list[tuple[str, int, str, str]], command: str) -> tuple[int, str, str]:
    found = [s for s in steps if s[0] == command]
    assert found, command
    return found[-1][1:]


def test_push_pull_run_across_hosts() -> None:
    steps = run(HOSTS + INSECURE + SETUP + """docker push 192.168.0.100:5000/mybuild:0.0
curl -s http://192.168.0.100:5000/v2/_catalog
curl -s http://192.168.0.100:5000/v2/mybuild/tags/list
# netsim: on server2
docker pull 192.168.0.100:5000/mybuild:0.0
docker pull 192.168.0.100:5000/mybuild:0.0
docker run -d -P --name pulled 192.168.0.100:5000/mybuild:0.0
docker port pulled
docker exec pulled curl -s -o /dev/null -w '%{http_code}' http://localhost/
docker pull 192.168.0.100:5000/mybuild:9.9
""")
    code, out, _err = step(steps, "docker push 192.168.0.100:5000/mybuild:0.0")
    lines = out.splitlines()
    assert code == 0 and lines[0] == "The push refers to repository [192.168.0.100:5000/mybuild]"
    # the base's layer and the RUN's: each prepared, then pushed
    assert sum(line.endswith(": Preparing") for line in lines) == 2
    assert sum(line.endswith(": Pushed") for line in lines) == 2
    assert lines[-1].startswith("0.0: digest: sha256:")
    digest = lines[-1].split()[2]
    assert step(steps, "curl -s http://192.168.0.100:5000/v2/_catalog")[1] == \
        '{"repositories":["mybuild"]}\n'
    assert step(steps, "curl -s http://192.168.0.100:5000/v2/mybuild/tags/list")[1] == \
        '{"name":"mybuild","tags":["0.0"]}\n'
    pulls = [s for s in steps if s[0] == "docker pull 192.168.0.100:5000/mybuild:0.0"]
    first, again = pulls[0][2].splitlines(), pulls[1][2].splitlines()
    assert first[0] == "0.0: Pulling from mybuild" and f"Digest: {digest}" in first
    assert "Status: Downloaded newer image for 192.168.0.100:5000/mybuild:0.0" in first
    assert again == ["0.0: Pulling from mybuild", f"Digest: {digest}",
                     "Status: Image is up to date for 192.168.0.100:5000/mybuild:0.0",
                     "192.168.0.100:5000/mybuild:0.0"]
    assert step(steps, "docker port pulled")[1] == ("80/tcp -> 0.0.0.0:32768\n"
                                                    "80/tcp -> [::]:32768\n")
    # the pulled image carries the build's facts: curl installed by its RUN, httpd serving
    assert step(steps, "docker exec pulled curl -s -o /dev/null -w '%{http_code}' "
                       "http://localhost/")[0] != 127
    assert step(steps, "docker pull 192.168.0.100:5000/mybuild:9.9") == (
        1, "", "Error response from daemon: manifest for 192.168.0.100:5000/mybuild:9.9 not "
               "found: manifest unknown: manifest unknown\n")


def test_an_unlisted_registry_is_spoken_https_to() -> None:
    steps = run(HOSTS + SETUP + """docker push 192.168.0.100:5000/mybuild:0.0
docker tag mybuild:0.0 localhost:5000/mybuild:0.0
docker push localhost:5000/mybuild:0.0
# netsim: on server2
docker pull 192.168.0.100:5000/mybuild:0.0
docker pull localhost:5000/mybuild:0.0
""")
    assert step(steps, "docker push 192.168.0.100:5000/mybuild:0.0") == (
        1, "The push refers to repository [192.168.0.100:5000/mybuild]\n",
        'Get "https://192.168.0.100:5000/v2/": http: server gave HTTP response to HTTPS '
        "client\n")
    assert step(steps, "docker push localhost:5000/mybuild:0.0")[0] == 0  # loopback: HTTP
    assert step(steps, "docker pull localhost:5000/mybuild:0.0") == (
        1, "", 'Error response from daemon: Get "http://localhost:5000/v2/": dial tcp '
               "[::1]:5000: connect: connection refused\n")


def test_reachability_decides() -> None:
    """The registry stopped, or published on the loopback address only: server2's daemon
    cannot reach it, in Go's words; the implicit pull of docker run fails the same way."""
    base = HOSTS + INSECURE + SETUP.replace("-p 5000:5000", "-p 127.0.0.1:5000:5000")
    steps = run(base + """# netsim: on server2
docker pull 192.168.0.100:5000/mybuild:0.0
docker run -d --name cc 192.168.0.100:5000/mybuild:0.0
""")
    refused = ('Get "http://192.168.0.100:5000/v2/": dial tcp 192.168.0.100:5000: connect: '
               "connection refused")
    assert step(steps, "docker pull 192.168.0.100:5000/mybuild:0.0") == (
        1, "", f"Error response from daemon: {refused}\n")
    code, out, err = step(steps, "docker run -d --name cc 192.168.0.100:5000/mybuild:0.0")
    assert code == 125 and out == ""
    assert err.startswith("Unable to find image '192.168.0.100:5000/mybuild:0.0' locally\n"
                          f"docker: Error response from daemon: {refused}")


@pytest.mark.parametrize("engine", ["20.10", "26.1", "28.5"])
def test_a_missing_local_image_and_a_bad_reference(engine: str) -> None:
    steps = run(HOSTS + INSECURE + "docker push 192.168.0.100:5000/nothing:1\n"
                "docker push 192.168.0.100:5000/Bad\n", engine)
    assert steps[0][1:] == (1, "The push refers to repository [192.168.0.100:5000/nothing]\n",
                            "An image does not exist locally with the tag: "
                            "192.168.0.100:5000/nothing\n")
    assert steps[1][1] == 1 and "must be lowercase" in steps[1][3]


def test_pull_verifies_checksums_on_2010() -> None:
    steps = run(HOSTS + INSECURE + SETUP + "docker push 192.168.0.100:5000/mybuild:0.0\n"
                "# netsim: on server2\ndocker pull 192.168.0.100:5000/mybuild:0.0\n", "20.10")
    out = step(steps, "docker pull 192.168.0.100:5000/mybuild:0.0")[1]
    assert out.count(": Verifying Checksum") == 2 and out.count(": Pull complete") == 2


def test_a_build_from_a_registry_image() -> None:
    """FROM an image in a registry on the network: the builder fetches it from there (its
    facts carry over); when the registry cannot be reached, BuildKit's metadata error."""
    steps = run(HOSTS + INSECURE + SETUP + """docker push 192.168.0.100:5000/mybuild:0.0
# netsim: on server2
mkdir -p /root/two
cd /root/two
printf 'FROM 192.168.0.100:5000/mybuild:0.0\\nEXPOSE 8080\\n' > Dockerfile
docker build -q -t derived .
docker image inspect -f '{{json .Config.ExposedPorts}} {{json .Config.Cmd}}' derived
printf 'FROM 192.168.0.100:5001/nosuch\\n' > Dockerfile
docker build -t broken .
""")
    assert step(steps, "docker build -q -t derived .")[0] == 0
    assert step(steps, "docker image inspect -f '{{json .Config.ExposedPorts}} "
                       "{{json .Config.Cmd}}' derived")[1] == (
        '{"80/tcp":{},"8080/tcp":{}} ["httpd","-f","-p","80"]\n')
    code, _out, err = step(steps, "docker build -t broken .")
    assert code == 1 and err.endswith(
        "ERROR: failed to build: failed to solve: 192.168.0.100:5001/nosuch: failed to resolve "
        "source metadata for 192.168.0.100:5001/nosuch:latest: failed to do request: Head "
        '"https://192.168.0.100:5001/v2/nosuch/manifests/latest": dial tcp 192.168.0.100:5001: '
        "connect: connection refused\n")
    assert "#2 ERROR: failed to do request: Head" in err
