# The seed's image chapter ("도커 이미지", "Docker file"): a Dockerfile built with
# `docker build -t mybuild:0.0 ./` and run with -P, so that every EXPOSEd port is published
# (docker port); commit -a with a change, save/load, tag and rmi; a multi-stage build whose
# second stage copies from the first (--from=0); and the private registry (registry:2.6 on
# port 5000, --restart=always) on server1 that server2's daemon pulls from, its /v2/ API
# queried with curl. Both daemons list the registry in insecure-registries: it speaks HTTP.
# (The notes run `docker run -d -P --name myserver mybuild`; the build tagged mybuild:0.0
# only, so this runs mybuild:0.0.)
# netsim: lan 192.168.0.0/24 gateway=192.168.0.1
# netsim: host server1 address=192.168.0.100
# netsim: host server2 address=192.168.0.101
# netsim: daemon --insecure-registry=192.168.0.100:5000
mkdir -p /root/mybuild
cd /root/mybuild
printf '<h1>hello, docker</h1>\n' > test.html
cat > Dockerfile <<'DOCKERFILE'
FROM nginx:1.29
MAINTAINER alicek106
LABEL "purpose"="practice"
ADD test.html /usr/share/nginx/html
WORKDIR /usr/share/nginx/html
EXPOSE 80
DOCKERFILE
docker build -t mybuild:0.0 ./
docker images mybuild
docker run -d -P --name myserver mybuild:0.0
docker port myserver
# netsim: expect @server1 reaches server1/myserver on 80
# netsim: expect @server2 reaches 192.168.0.100 on 32768
docker commit -a alicek106 -c 'EXPOSE 8080' myserver mybuild:commit
docker image inspect -f '{{.Author}} {{json .Config.ExposedPorts}}' mybuild:commit
docker save -o mybuild.tar mybuild:0.0
docker rmi mybuild:commit
docker load -i mybuild.tar
docker tag mybuild:0.0 mybuild:latest
docker build --no-cache -t mybuild:0.1 ./
cat > Dockerfile.multi <<'DOCKERFILE'
FROM alpine:3.22
WORKDIR /root
RUN echo 'echo hello from mainApp' > mainApp && chmod +x mainApp

FROM alpine:latest
WORKDIR /root
COPY --from=0 /root/mainApp .
CMD ["./mainApp"]
DOCKERFILE
docker build -f Dockerfile.multi -t multistage:0.0 .
docker run -d --name myregistry -p 5000:5000 --restart=always registry:2.6
docker tag mybuild:0.0 192.168.0.100:5000/mybuild:0.0
docker push 192.168.0.100:5000/mybuild:0.0
curl -s http://192.168.0.100:5000/v2/_catalog
curl -s http://192.168.0.100:5000/v2/mybuild/tags/list
# netsim: on server2
docker pull 192.168.0.100:5000/mybuild:0.0
docker run -d -P --name fromregistry 192.168.0.100:5000/mybuild:0.0
docker port fromregistry
# netsim: expect @server2 reaches 192.168.0.100 on 5000
# netsim: expect @server2 reaches server2/fromregistry on 80
# netsim: expect server2/fromregistry does not reach 192.168.0.100 on 5001
