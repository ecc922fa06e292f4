# Swarm overlay details: init/join errors, ingress and docker_gwbridge, a non-attachable overlay,
# network inspect on the manager and the worker (before/after a container), docker_gwbridge
# endpoints, network rm while in use / from a worker, debian probes over the overlay.
docker swarm init --advertise-addr 192.168.0.100
docker swarm init --advertise-addr 192.168.0.100
docker -H server2 swarm join --token $(docker swarm join-token -q worker) 192.168.0.100:2377
docker -H server2 swarm join --token $(docker swarm join-token -q worker) 192.168.0.100:2377
docker network ls --filter driver=overlay
docker network inspect -f '{{.Name}} {{.Scope}} {{.Driver}} {{.Ingress}} {{json .IPAM.Config}}' ingress
docker network inspect -f '{{json .IPAM.Config}} {{json .Options}}' docker_gwbridge
docker -H server2 network create -d overlay --attachable w-net
docker network create -d overlay plain
docker run -d --name p1 --network plain netsim-lab/alpine sleep 1000
docker network create -d overlay --attachable --subnet 10.10.0.0/24 ov
docker network create -d overlay --attachable ov
docker network inspect ov
docker -H server2 network inspect ov
docker run -d --name a1 --network ov netsim-lab/alpine sleep 1000
docker -H server2 run -d --name a2 --network ov netsim-lab/debian sleep 1000
docker -H server2 network ls --filter driver=overlay
docker -H server2 network inspect -f '{{.Name}} {{.Scope}} {{.Driver}} {{json .IPAM.Config}}' ingress
docker -H server2 network inspect ov
docker network inspect -f '{{range $k, $v := .Containers}}{{$v.Name}} {{$v.IPv4Address}}{{"\n"}}{{end}}' ov
docker network inspect -f '{{range .Peers}}{{.IP}}{{"\n"}}{{end}}' ov
docker network inspect -f '{{range .Containers}}{{.Name}} {{.IPv4Address}}{{"\n"}}{{end}}' docker_gwbridge
docker -H server2 exec a2 ping -c 2 a1
docker -H server2 exec a2 dig +short a1
docker -H server2 exec a2 getent hosts a1
docker -H server2 exec a2 ip -4 addr
docker -H server2 exec a2 ip route
docker exec a1 ifconfig eth0
docker exec a1 wget -qO- -T 2 http://example.com/
docker network rm ov
docker -H server2 network rm ov
docker run -d --name b1 netsim-lab/alpine sleep 1000
docker network connect ov b1
docker exec b1 ping -c 2 a2
docker exec b1 ip route
docker network connect ov a1
docker -H server2 swarm leave --force
docker swarm leave --force
docker network ls
