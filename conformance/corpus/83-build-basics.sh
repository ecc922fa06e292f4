# Images (issue 18), the first recordings: docker build with a Dockerfile the script writes
# (LABEL, ENV, EXPOSE of several ports and a UDP one, CMD in exec form), docker images and image
# inspect, run -P and docker port, tag and rmi (with the conflict of an image in use), and
# Dockerfiles docker build refuses (an unknown instruction, no FROM, a bad EXPOSE port, no
# Dockerfile at all).
mkdir -p /root/app /root/bad1 /root/bad2 /root/bad3 /root/empty
cd /root/app
cat > Dockerfile <<'EOF'
FROM netsim-lab/alpine
LABEL maintainer="seed"
ENV GREETING=hello
EXPOSE 80 8080/tcp 53/udp
CMD ["httpd", "-f", "-p", "80"]
EOF
docker build -t mybuild:0.0 ./
docker images mybuild
docker image inspect -f '{{json .Config.ExposedPorts}} {{json .Config.Cmd}} {{json .Config.Env}} {{json .Config.Labels}}' mybuild:0.0
docker run -d -P --name pb mybuild:0.0
docker port pb
docker tag mybuild:0.0 mybuild:latest
docker images --format '{{.Repository}}:{{.Tag}}' mybuild
docker rmi mybuild:0.0
docker rmi mybuild:latest
docker rm -f pb
docker rmi mybuild:latest
docker images mybuild
cd /root/bad1
printf 'FROMM netsim-lab/alpine\n' > Dockerfile
docker build -t bad1 .
cd /root/bad2
printf 'EXPOSE 80\n' > Dockerfile
docker build -t bad2 .
cd /root/bad3
printf 'FROM netsim-lab/alpine\nEXPOSE 99999\n' > Dockerfile
docker build -t bad3 .
docker build -t nofile /root/empty
