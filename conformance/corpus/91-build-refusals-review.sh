# Images (issue 18): more of what docker build refuses, from a review of the Dockerfile
# parser against BuildKit — instructions without their arguments, COPY without a
# destination, a bad stage name, HEALTHCHECK CMD alone, COPY --from of a variable or of a
# stage index not built, an unterminated here-document, a FROM that is no reference, ENV
# pairs expanded against the environment before the instruction, a here-document RUN, FROM
# scratch, a stage built FROM another stage, and --target with a typo.
mkdir -p /root/g
cd /root/g
printf 'hello\n' > a.txt
cat > workdir-empty.Dockerfile <<'EOF'
FROM netsim-lab/alpine
WORKDIR
EOF
docker build -q -f workdir-empty.Dockerfile -t g-workdir-empty .
cat > expose-empty.Dockerfile <<'EOF'
FROM netsim-lab/alpine
EXPOSE
EOF
docker build -q -f expose-empty.Dockerfile -t g-expose-empty .
cat > copy-nodest.Dockerfile <<'EOF'
FROM netsim-lab/alpine
COPY a.txt
EOF
docker build -q -f copy-nodest.Dockerfile -t g-copy-nodest .
cat > stage-name.Dockerfile <<'EOF'
FROM netsim-lab/alpine AS 1bad
EOF
docker build -q -f stage-name.Dockerfile -t g-stage-name .
cat > health-cmd.Dockerfile <<'EOF'
FROM netsim-lab/alpine
HEALTHCHECK CMD
EOF
docker build -q -f health-cmd.Dockerfile -t g-health-cmd .
cat > from-var.Dockerfile <<'EOF'
FROM netsim-lab/alpine
ARG S=0
COPY --from=$S /a /b
EOF
docker build -q -f from-var.Dockerfile -t g-from-var .
cat > from-index.Dockerfile <<'EOF'
FROM netsim-lab/alpine
COPY --from=5 /a /b
EOF
docker build -q -f from-index.Dockerfile -t g-from-index .
cat > heredoc-open.Dockerfile <<'EOF'
FROM netsim-lab/alpine
RUN <<EOT
echo hi
EOF
docker build -q -f heredoc-open.Dockerfile -t g-heredoc-open .
cat > upper.Dockerfile <<'EOF'
FROM UPPER
EOF
docker build -q -f upper.Dockerfile -t g-upper .
cat > envpairs.Dockerfile <<'EOF'
FROM netsim-lab/alpine
ENV abc=hello
ENV abc=bye def=$abc
EOF
docker build -f envpairs.Dockerfile -t g-envpairs .
cat > heredoc.Dockerfile <<'EOF'
FROM netsim-lab/alpine
RUN <<EOT
mkdir -p /x
echo hi > /x/f
EOT
CMD ["sleep", "9"]
EOF
docker build -f heredoc.Dockerfile -t g-heredoc .
cat > scratch.Dockerfile <<'EOF'
FROM scratch
COPY a.txt /a.txt
EOF
docker build -f scratch.Dockerfile -t g-scratch .
cat > stages.Dockerfile <<'EOF'
FROM netsim-lab/alpine AS base
ARG S=s
RUN echo $S
FROM base
ENV Y=$S
RUN echo b
EOF
docker build -f stages.Dockerfile -t g-stages .
docker image inspect -f '{{json .Config.Env}}' g-envpairs
docker image inspect -f '{{json .Config.Env}}' g-stages
docker build --target bse -f stages.Dockerfile -t g-target .
