"""docker build, the image store and the image commands (issue 18): the Dockerfile parser and
the build plan against BuildKit's rules, and what netsim prints and keeps, per engine."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netsim.images.build import BaseImage, ImageConfig, installed_packages, plan_build
from netsim.images.dockerfile import DockerfileError, expand_word, expand_words, parse_dockerfile
from netsim.lab import run_script


def _base(ref: str) -> BaseImage:
    return BaseImage(f"docker.io/library/{ref}:latest", "k" + ref,
                     ImageConfig(env=("PATH=/bin",), cmd=("/bin/sh",)))


def _plan(text: str, **kw: object) -> object:
    return plan_build(parse_dockerfile(text), build_args=kw.pop("args", {}),  # type: ignore[arg-type]
                      target=kw.pop("target", None), base=_base)  # type: ignore[arg-type]


# ----------------------------------------------------------------------------- parser

def test_continuations_comments_and_directives() -> None:
    df = parse_dockerfile("# escape=`\nFROM alpine\nRUN echo a `\n# a comment inside\n  b\n"
                          "\n# trailing\nCMD [\"sh\"]\n")
    assert df.escape == "`"
    assert [(i.keyword, i.start, i.end) for i in df.instructions] == [
        ("from", 2, 2), ("run", 3, 5), ("cmd", 8, 8)]
    assert df.instructions[1].text == "RUN echo a   b"
    assert df.instructions[2].exec_form == ("sh",)


def test_unknown_instruction_is_refused_with_buildkits_suggestion() -> None:
    with pytest.raises(DockerfileError) as err:
        parse_dockerfile("FROMM alpine\n")
    assert err.value.message == "unknown instruction: FROMM (did you mean FROM?)"
    assert err.value.start == 1
    with pytest.raises(DockerfileError) as far:
        parse_dockerfile("FROM alpine\nBOGUS x\n")
    assert far.value.message == "unknown instruction: BOGUS" and far.value.start == 2


def test_word_expansion() -> None:
    env = {"A": "1", "E": ""}
    assert expand_word("$A-${A}-${B:-d}-${E:-e}-${E-f}-${A:+p}", env) == "1-1-d-e--p"
    assert expand_word("'$A' \"$A\" \\$A", env) == "$A 1 $A"
    assert expand_words("${A}0 9000-9001/udp", env) == ["10", "9000-9001/udp"]
    with pytest.raises(DockerfileError):
        expand_word("${B:?must be set}", env)
    # BuildKit's pattern modifiers, and 20.10's lexer that knows only ":-", ":+", ":?"
    v = {"A": "axbx"}
    assert [expand_word(w, v) for w in ("${A/x/y}", "${A//x/y}", "${A#*x}", "${A%x*}",
                                        "${1}")] == ["aybx", "ayby", "bx", "axb", ""]
    for word, legacy, message in (
            ("${B/x/y}", True, "missing ':' in substitution"),
            ("${B:x}", False, "unsupported modifier (:x) in substitution"),
            ("${B", False, "unsupported modifier (\ufffd) in substitution"),
            ("${B:-x", False, "syntax error: missing '}'"),
            ("${}", False, "syntax error: bad substitution"),
            ("${", False, "syntax error: missing '}'"),
            ("${A/x", False, "syntax error: missing '/' in ${}"),
            ('"x', False, "unexpected end of statement while looking for matching "
                          "double-quote")):
        with pytest.raises(DockerfileError) as err:
            expand_word(word, {}, legacy=legacy)
        assert err.value.message == f"failed to process {json.dumps(word)}: {message}"
        assert err.value.kind == "dispatch"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["A", "B_1", "port"]),
                          st.text(alphabet="abc019/-._", min_size=1, max_size=8)),
                min_size=1, max_size=4))
def test_env_values_round_trip(pairs: list[tuple[str, str]]) -> None:
    """Any ENV name=value pairs (quoted) end up in the config as the last value of each name,
    in first-seen order (addEnv)."""
    text = "FROM alpine\nENV " + " ".join(f'{k}="{v}"' for k, v in pairs) + "\n"
    config = _plan(text).final.config  # type: ignore[attr-defined]
    want = dict(pairs)
    assert config.env[0] == "PATH=/bin"
    assert dict(e.partition("=")[::2] for e in config.env[1:]) == want
    assert [e.partition("=")[0] for e in config.env[1:]] == list(dict.fromkeys(k for k, _ in pairs))


# ----------------------------------------------------------------------------- plan

_STAGES = """# the first stage copies the page
ARG BASE=alpine
FROM ${BASE} AS build
WORKDIR /src
COPY index.html .
RUN apk add curl bind-tools && mkdir /out

FROM busybox
ARG PORT=8000
ENV PORT=$PORT \\
    MODE=prod
COPY --from=build /out /www
EXPOSE ${PORT} 9000-9001/udp
USER nobody
WORKDIR /www
ENTRYPOINT httpd -f -p $PORT
"""


def test_multi_stage_plan_matches_what_the_engines_recorded() -> None:
    plan = _plan(_STAGES)
    cfg = plan.final.config  # type: ignore[attr-defined]
    assert cfg.exposed == ("8000/tcp", "9000/udp", "9001/udp")
    assert cfg.entrypoint == ("/bin/sh", "-c", "httpd -f -p $PORT") and cfg.cmd is None
    assert cfg.env == ("PATH=/bin", "PORT=8000", "MODE=prod")
    assert (cfg.user, cfg.working_dir) == ("nobody", "/www")
    assert plan.built == (0, 1)  # type: ignore[attr-defined]
    assert [w.rule for w in plan.warnings] == ["JSONArgsRecommended"]  # type: ignore[attr-defined]
    other = _plan(_STAGES, args={"PORT": "8080"}).final.config  # type: ignore[attr-defined]
    assert other.exposed[0] == "8080/tcp"
    target = _plan(_STAGES, target="build")
    assert target.built == (0,) and target.final.config.working_dir == "/src"  # type: ignore[attr-defined]
    assert target.final.packages == (("apk", "curl"), ("apk", "bind-tools"))  # type: ignore[attr-defined]


def test_build_args_change_the_cache_key_of_run_steps_only() -> None:
    a, b = _plan(_STAGES), _plan(_STAGES, args={"PORT": "1"})
    # the build stage has no ARG PORT: its steps are cached whatever PORT is (BuildKit, 28.5)
    assert [s.key for s in a.stages[0].steps] == [s.key for s in b.stages[0].steps]  # type: ignore[attr-defined]
    # the legacy builder keys ENV on its expanded value
    assert a.stages[1].steps[2].legacy_key != b.stages[1].steps[2].legacy_key  # type: ignore[attr-defined]


@pytest.mark.parametrize(("text", "message", "line"), [
    ("EXPOSE 80\n", "no build stage in current context", 1),
    ("FROM alpine\nEXPOSE 99999\n", "invalid containerPort: 99999", 2),
    ("FROM alpine extra\n", "FROM requires either one or three arguments", 1),
    ("FROM alpine\nENV A=1 B\n", "Syntax error - can't find = in \"B\". Must be of the form: "
     "name=value", 2),
    ("FROM alpine\nSHELL /bin/sh -c\n", "SHELL requires the arguments to be in JSON form", 2),
])
def test_refusals(text: str, message: str, line: int) -> None:
    with pytest.raises(DockerfileError) as err:
        _plan(text)
    assert err.value.message == message
    assert err.value.start == line


def test_installed_packages() -> None:
    assert installed_packages("apt-get update && apt-get install -y --no-install-recommends "
                              "iputils-ping dnsutils=1:9.18 curl") == [
        ("apt-get", "iputils-ping"), ("apt-get", "dnsutils"), ("apt-get", "curl")]
    assert installed_packages("apk add --no-cache bind-tools; echo hi") == [("apk", "bind-tools")]


# ----------------------------------------------------------------------------- CLI and store

_SCRIPT = """mkdir -p /root/app
cd /root/app
cat > Dockerfile <<'EOF'
FROM netsim-lab/alpine
RUN apk add curl bind-tools
EXPOSE 80 53/udp
CMD ["httpd", "-f", "-p", "80"]
EOF
docker build -t mybuild:0.0 .
docker run -d -P --name pb mybuild:0.0
docker port pb
docker exec pb curl -s http://localhost/
docker tag mybuild:0.0 mybuild:latest
docker rmi mybuild:0.0
docker rmi mybuild:latest
docker rm -f pb
docker rmi mybuild:latest
docker images mybuild
"""


def _steps(text: str, engine: str = "28.5") -> list[tuple[int, str, str]]:
    _lab, steps = run_script(text, profile=engine, sandboxed=True)
    return [(s.exit_code, s.stdout, s.stderr) for s in steps]


def test_build_run_publish_and_remove() -> None:
    steps = _steps(_SCRIPT)
    build = steps[3]
    assert build[0] == 0 and "#1 transferring dockerfile: " in build[2]
    assert "[2/2] RUN apk add curl bind-tools" in build[2]
    port = steps[5][1].splitlines()
    assert port == ["53/udp -> 0.0.0.0:32768", "53/udp -> [::]:32768",
                    "80/tcp -> 0.0.0.0:32768", "80/tcp -> [::]:32768"]
    assert steps[6][0] != 127  # curl was installed by the build's RUN: it runs
    assert steps[8][1] == "Untagged: mybuild:0.0\n"
    assert steps[9][0] == 1 and 'conflict: unable to remove repository reference "mybuild:' \
        'latest" (must force) - container ' in steps[9][2]
    assert steps[11][1].startswith("Untagged: mybuild:latest\nDeleted: sha256:")
    assert steps[12][1] == "REPOSITORY   TAG       IMAGE ID   CREATED   SIZE\n"


def test_the_legacy_builder_on_2010() -> None:
    steps = _steps(_SCRIPT, "20.10")
    out = steps[3][1]
    assert out.startswith("Sending build context to Docker daemon  2.048kB\r\r\n"
                          "Step 1/4 : FROM netsim-lab/alpine\n")
    assert "Successfully tagged mybuild:0.0\n" in out
    # the step images are deleted with the image
    assert steps[11][1].count("Deleted: sha256:") == 3  # RUN, EXPOSE and CMD each made one


def test_bad_dockerfiles_get_the_engines_words() -> None:
    text = "mkdir -p /root/b\ncd /root/b\nprintf 'FROMM netsim-lab/alpine\\n' > Dockerfile\n" \
           "docker build -t bad .\ndocker build -t none /root/nowhere\n"
    s28 = _steps(text)
    assert s28[3][0] == 1 and s28[3][2].endswith(
        "Dockerfile:1\n--------------------\n   1 | >>> FROMM netsim-lab/alpine\n   2 |     \n"
        "--------------------\nERROR: failed to build: failed to solve: dockerfile parse error "
        "on line 1: unknown instruction: FROMM (did you mean FROM?)\n")
    assert s28[4] == (1, "", 'ERROR: failed to build: unable to prepare context: path '
                             '"/root/nowhere" not found\n')
    s20 = _steps(text, "20.10")
    assert s20[3][2] == ("Error response from daemon: dockerfile parse error line 1: unknown "
                         "instruction: FROMM\n")


def test_save_load_round_trip_and_commit() -> None:
    text = """mkdir -p /root/s
cd /root/s
printf 'FROM netsim-lab/alpine\\nCMD ["sleep", "1000"]\\n' > Dockerfile
docker build -q -t saved .
docker save -o /root/s/x.tar saved
docker rmi saved
docker load -i /root/s/x.tar
docker run -d --name c1 saved
docker commit -a me -c 'EXPOSE 8080' c1 saved:2
docker image inspect -f '{{.Author}} {{json .Config.ExposedPorts}} {{json .Config.Cmd}}' saved:2
"""
    steps = _steps(text)
    assert steps[6][1] == "Loaded image: saved:latest\n"
    assert steps[7][0] == 0
    assert steps[8][1].startswith("sha256:")
    assert steps[9][1] == 'me {"8080/tcp":{}} ["sleep","1000"]\n'


def test_same_input_same_bytes() -> None:
    assert _steps(_SCRIPT) == _steps(_SCRIPT)


def test_buildx_words_the_cli_refusals_of_docker_build() -> None:
    """docker build is buildx build on 26.1 and later: its cobra names itself so; 20.10's CLI
    words it as docker build (recorded: 90-image-cli)."""
    line = "docker build --cache-from nginx -t my_extend_nginx:0.0\ndocker images -q x\n"
    s28, s20 = _steps(line), _steps(line, "20.10")
    assert s28[0][2].startswith("ERROR: docker: 'docker buildx build' requires 1 argument\n")
    assert s20[0][2].startswith('"docker build" requires exactly 1 argument.\n')
    two = _steps("docker tag netsim-lab/alpine x:1\ndocker tag netsim-lab/alpine x:2\n"
                 "docker images -q x\n")
    ids = two[2][1].splitlines()
    assert len(ids) == 2 and ids[0] == ids[1]  # one line per tag, as docker prints them


def test_review_cases_never_crash_and_read_as_buildkit() -> None:
    """Odd Dockerfiles a review found: each gets the builder's words, none a traceback."""
    text = """mkdir -p /root/r
cd /root/r
printf 'FROM UPPER\\n' > Dockerfile
docker build -q -t r1 .
cat > Dockerfile <<'EOF'
FROM netsim-lab/alpine
EXPOSE ²
EOF
docker build -q -t r2 .
printf 'FROM netsim-lab/alpine\\nENV abc=hello\\nENV abc=bye def=$abc\\n' > Dockerfile
docker build -q -t r3 .
docker image inspect -f '{{json .Config.Env}}' r3
printf 'FROM netsim-lab/alpine\\nRUN <<EOT\\napk add curl\\nEOT\\n' > Dockerfile
docker build -t r4 .
docker run -d --name c4 r4 sleep 100
docker exec c4 curl --version
printf 'FROM netsim-lab/alpine AS base\\nRUN echo a\\nFROM base\\nRUN echo b\\n' > Dockerfile
docker build -t r5 .
"""
    steps = _steps(text)
    assert steps[3][0] == 1 and steps[3][2].endswith(
        'failed to parse stage name "UPPER": invalid reference format: repository name '
        "(library/UPPER) must be lowercase\n")
    assert steps[5][0] == 1 and steps[5][2].endswith("invalid containerPort: \u00b2\n")
    assert steps[8][1] == ('["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",'
                           '"abc=bye","def=hello"]\n')
    assert "[2/2] RUN <<EOT (apk add curl)" in steps[10][2]
    assert steps[12][0] != 127  # the here-document's apk add installed curl
    assert "[stage-1 1/1] RUN echo b" in steps[14][2] and "[base 2/2] RUN echo a" in steps[14][2]


def test_save_by_id_and_by_repository() -> None:
    steps = _steps("""docker tag netsim-lab/alpine one:1
docker tag netsim-lab/alpine one:2
docker save -o /root/a.tar one
docker save -o /root/b.tar $(docker image inspect -f '{{.Id}}' one:1)
docker rmi one:1 one:2
docker load -i /root/a.tar
docker load -i /root/b.tar
""")
    assert steps[5][1] == "Loaded image: one:1\nLoaded image: one:2\n"
    assert steps[6][1].startswith("Loaded image ID: sha256:")


_WORDS = st.sampled_from(["FROM", "from", "RUN", "ENV", "ARG", "LABEL", "EXPOSE", "COPY",
                          "ADD", "CMD", "ENTRYPOINT", "WORKDIR", "USER", "HEALTHCHECK",
                          "SHELL", "ONBUILD", "STOPSIGNAL", "VOLUME", "MAINTAINER", "AS",
                          "alpine", "a=b", "$A", "${A:-x}", "${", "}", '"', "'", "\\\\", "[",
                          "]", '["sh"]', "--from=0", "--from=$X", "<<EOF", "EOF", "#", "80/udp",
                          "1-2", "x:y", "", " ", "\u00b2", "scratch", "base"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.lists(_WORDS, max_size=5).map(" ".join), max_size=8).map("\n".join))
def test_any_dockerfile_parses_or_is_refused_in_docker_words(text: str) -> None:
    """Bad input never crashes: any text either plans a build or raises DockerfileError."""
    try:
        plan_build(parse_dockerfile(text + "\n"), build_args={"A": "1"}, target=None,
                   base=_base)
    except DockerfileError as err:
        assert err.message and "\n" not in err.message
    for legacy in (True, False):
        try:
            plan_build(parse_dockerfile(text + "\n", heredocs=not legacy), build_args={},
                       target="base", base=_base, legacy=legacy, from_flag=(
                           "legacy" if legacy else "buildkit"))
        except DockerfileError as err:  # refused in one line, as a builder refuses it
            assert err.message and "\n" not in err.message
