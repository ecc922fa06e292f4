# Images (issue 18): more of docker build — comments and line continuations, ARG before FROM and
# --build-arg, two stages with COPY --from, WORKDIR/USER/ENV/EXPOSE with a range, ENTRYPOINT in
# shell form, a RUN, .dockerignore, --target and -f, a rebuild from the cache and the dangling
# image a re-tag leaves; commit with -a and -c, save -o and load -i, inspect --type image.
mkdir -p /root/ms
cd /root/ms
printf 'hello\n' > index.html
printf 'secret\n' > notes.txt
printf 'notes.txt\n' > .dockerignore
cat > Dockerfile <<'EOF'
# the first stage copies the page
ARG BASE=netsim-lab/alpine
FROM ${BASE} AS build
WORKDIR /src
COPY index.html .
RUN mkdir -p /out && cp index.html /out/

FROM netsim-lab/busybox
ARG PORT=8000
ENV PORT=$PORT \
    MODE=prod
COPY --from=build /out /www
EXPOSE ${PORT} 9000-9001/udp
LABEL org.example.stage="final" version=1
USER nobody
WORKDIR /www
ENTRYPOINT httpd -f -p $PORT
EOF
docker build -t msimg .
docker image inspect -f '{{json .Config.ExposedPorts}} {{json .Config.Entrypoint}} {{json .Config.Cmd}} {{.Config.User}} {{.Config.WorkingDir}} {{json .Config.Env}} {{json .Config.Labels}}' msimg
docker build -t msimg .
docker build --build-arg PORT=8080 -t msimg:8080 .
docker inspect --type image -f '{{json .Config.ExposedPorts}} {{json .Config.Env}}' msimg:8080
docker build --target build -t msbuild .
docker image inspect -f '{{json .Config.ExposedPorts}} {{.Config.WorkingDir}} {{json .Config.Cmd}}' msbuild
printf 'FROM netsim-lab/alpine\nCMD ["sleep", "1000"]\n' > other.Dockerfile
docker build -f other.Dockerfile -t msother .
docker images --format '{{.Repository}}:{{.Tag}}' msother
docker run -d -P --name ms msimg
docker port ms
docker ps --format '{{.Names}} {{.Command}} {{.Ports}}'
docker commit -a seed -c 'EXPOSE 8080' ms msimg:committed
docker image inspect -f '{{.Author}} {{json .Config.ExposedPorts}} {{json .Config.Entrypoint}}' msimg:committed
docker save -o /root/ms.tar msother
docker rmi msother
docker images --format '{{.Repository}}:{{.Tag}}' msother
docker load -i /root/ms.tar
docker images --format '{{.Repository}}:{{.Tag}}' msother
printf 'FROM netsim-lab/alpine\nCMD ["sleep", "2000"]\n' > other.Dockerfile
docker build -f other.Dockerfile -t msother .
docker images -f dangling=true --format '{{.Repository}}:{{.Tag}}'
docker image inspect nosuchimage
docker rmi nosuchimage:1.0
docker tag nosuchimage mytag
docker build -t bad4 /root/nosuchdir
