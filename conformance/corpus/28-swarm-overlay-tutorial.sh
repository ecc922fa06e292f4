# Swarm + attachable overlay across the two lab daemons (Docker's tutorial "Use an overlay
# network for standalone containers"): init on server1, join server2, overlay --attachable,
# a container on each host pinging the other by name, network ls on server2 before/after,
# cleanup, then swarm leave --force on both hosts.
docker network create -d overlay early-net
docker swarm init --advertise-addr 192.168.0.100
docker -H server2 swarm join --token $(docker -H server1 swarm join-token -q worker) 192.168.0.100:2377
docker network ls
docker network create -d overlay --attachable test-net
docker network ls
docker network ls --filter driver=overlay --format '{{.Name}} {{.Scope}}'
docker run -d --name alpine1 --network test-net netsim-lab/alpine sleep 1000
# netsim: on server2
docker network ls
docker run -d --name alpine2 --network test-net netsim-lab/alpine sleep 1000
docker network ls
docker exec alpine2 ping -c 2 alpine1
# netsim: on server1
docker exec alpine1 ping -c 2 alpine2
docker exec alpine1 ip addr
docker exec alpine1 ip route
docker inspect -f '{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{$v.IPAddress}} {{$v.MacAddress}}{{"\n"}}{{end}}' alpine1
docker -H server2 inspect -f '{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{$v.IPAddress}}{{"\n"}}{{end}}' alpine2
docker exec alpine1 nslookup alpine2
docker exec alpine1 ping -c 1 google.com
docker -H server2 run --rm --network test-net netsim-lab/alpine ping -c 1 alpine1
docker -H server2 container stop -t 1 alpine2
docker -H server2 network ls
docker -H server2 container rm alpine2
docker container stop -t 1 alpine1
docker container rm alpine1
docker network rm test-net
docker -H server2 network ls
docker network ls
docker -H server2 swarm leave --force
docker swarm leave --force
docker network ls
