# Images (issue 18): what docker build, rmi, tag, commit, save and load refuse — Dockerfiles
# with bad ENV/LABEL/FROM words, quotes and substitutions, parser directives, bad EXPOSE
# ports, HEALTHCHECK and SHELL forms, a missing --target (each built with -q, then one without);
# rmi of an image in use, by ID, tagged twice, used by a stopped container; bad references.
mkdir -p /root/e
cd /root/e
cat > env-noeq.Dockerfile <<'EOF'
FROM netsim-lab/alpine
ENV A
EOF
docker build -q -f env-noeq.Dockerfile -t e-env-noeq .
cat > env-blank.Dockerfile <<'EOF'
FROM netsim-lab/alpine
ENV =x
EOF
docker build -q -f env-blank.Dockerfile -t e-env-blank .
cat > env-mixed.Dockerfile <<'EOF'
FROM netsim-lab/alpine
ENV A=1 B
EOF
docker build -q -f env-mixed.Dockerfile -t e-env-mixed .
cat > label-noeq.Dockerfile <<'EOF'
FROM netsim-lab/alpine
LABEL a
EOF
docker build -q -f label-noeq.Dockerfile -t e-label-noeq .
cat > dquote.Dockerfile <<'EOF'
FROM netsim-lab/alpine
ENV A="x
EOF
docker build -q -f dquote.Dockerfile -t e-dquote .
cat > squote.Dockerfile <<'EOF'
FROM netsim-lab/alpine
ENV A='x
EOF
docker build -q -f squote.Dockerfile -t e-squote .
cat > unset.Dockerfile <<'EOF'
FROM netsim-lab/alpine
ENV A=${B:?must be set}
EOF
docker build -q -f unset.Dockerfile -t e-unset .
cat > brace.Dockerfile <<'EOF'
FROM netsim-lab/alpine
ENV A=${B
EOF
docker build -q -f brace.Dockerfile -t e-brace .
cat > modifier.Dockerfile <<'EOF'
FROM netsim-lab/alpine
ENV A=${B/x/y}
EOF
docker build -q -f modifier.Dockerfile -t e-modifier .
cat > from2.Dockerfile <<'EOF'
FROM netsim-lab/alpine extra
EOF
docker build -q -f from2.Dockerfile -t e-from2 .
cat > fromblank.Dockerfile <<'EOF'
ARG B
FROM ${B}
EOF
docker build -q -f fromblank.Dockerfile -t e-fromblank .
cat > escape.Dockerfile <<'EOF'
# escape=x
FROM netsim-lab/alpine
EOF
docker build -q -f escape.Dockerfile -t e-escape .
cat > twice.Dockerfile <<'EOF'
# escape=`
# escape=\
FROM netsim-lab/alpine
EOF
docker build -q -f twice.Dockerfile -t e-twice .
cat > expose-proto.Dockerfile <<'EOF'
FROM netsim-lab/alpine
EXPOSE 80/xyz
EOF
docker build -q -f expose-proto.Dockerfile -t e-expose-proto .
cat > expose-range.Dockerfile <<'EOF'
FROM netsim-lab/alpine
EXPOSE 90-80
EOF
docker build -q -f expose-range.Dockerfile -t e-expose-range .
cat > healthcheck.Dockerfile <<'EOF'
FROM netsim-lab/alpine
HEALTHCHECK FOO true
EOF
docker build -q -f healthcheck.Dockerfile -t e-healthcheck .
cat > shell.Dockerfile <<'EOF'
FROM netsim-lab/alpine
SHELL /bin/sh -c
EOF
docker build -q -f shell.Dockerfile -t e-shell .
docker build -f env-mixed.Dockerfile -t e-env-mixed .
printf 'FROM netsim-lab/alpine AS one\nFROM netsim-lab/alpine\n' > Dockerfile
docker build --target two -t e-target .
docker build -q -t img1 .
docker tag img1 img2
docker rmi $(docker image inspect -f '{{.Id}}' img1)
docker run -d --name u1 img1 sleep 1000
docker rmi -f $(docker image inspect -f '{{.Id}}' img1)
docker rmi img2
docker stop -t 1 u1
docker rmi $(docker image inspect -f '{{.Id}}' img1)
docker rmi -f img1
docker images --format '{{.Repository}}:{{.Tag}}' img1
docker tag netsim-lab/alpine 'Bad:Name'
docker commit u1 'Bad:Name'
docker commit -c 'FROMM x' u1 img3
docker save -o /root/e/x.tar nosuchimage
docker load -i /root/e/nosuch.tar
docker images --format '{{.Nope'
