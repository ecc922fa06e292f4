# Overlay network errors on a two-node swarm: a duplicate overlay name, IPv4 disabled, host bits
# in --subnet, a non-attachable overlay used by docker run, a missing network on a swarm node,
# connecting a container to an overlay it is already on, an overlay whose --subnet overlaps
# another overlay, removing an overlay in use (from the manager and from a worker), a worker
# creating an overlay or a --scope swarm network, an overlay whose --subnet is the one ingress
# holds, a /30 overlay that runs out of addresses. Ends with swarm leave --force on both hosts.
docker swarm init --advertise-addr 192.168.0.100
docker -H server2 swarm join --token $(docker -H server1 swarm join-token -q worker) 192.168.0.100:2377
docker network create -d overlay ov1
docker network create -d overlay ov1
docker network create -d overlay --attachable ov2
docker network create -d overlay --attachable --ipv4=false ov3
docker network create -d overlay --attachable --subnet 10.60.0.5/24 ov7
docker network create -d overlay --attachable --subnet 10.50.0.0/24 ov4
docker network create -d overlay --attachable --subnet 10.0.0.0/24 ov6
docker network inspect -f '{{.Name}} {{json .IPAM.Config}}' ingress ov6
docker run -d --name ca --network ov1 netsim-lab/alpine sleep 1000
docker run -d --name cb --network nosuch netsim-lab/alpine sleep 1000
docker -H server2 run -d --name cc --network ov1 netsim-lab/alpine sleep 1000
docker run -d --name cd --network ov2 netsim-lab/alpine sleep 1000
docker -H server2 run -d --name ce --network ov2 netsim-lab/alpine sleep 1000
docker network connect ov2 cd
docker run -d --name cf --network ov6 netsim-lab/alpine sleep 1000
docker network create -d overlay --attachable --subnet 10.61.0.0/30 tinyov
docker run -d --name cg --network tinyov netsim-lab/alpine sleep 1000
docker network inspect -f '{{json .IPAM.Config}}' tinyov
docker network rm ov2
docker -H server2 network rm ov2
docker -H server2 network create -d overlay --attachable ov5
docker -H server2 network create --scope swarm sw2
docker -H server2 network ls --filter driver=overlay --format '{{.Name}}'
docker network create --scope swarm sw1
docker network ls --filter driver=overlay --format '{{.Name}}'
docker network connect ov1 cd
docker network connect nosuch cd
docker network disconnect ov2 cd
docker network disconnect ov2 cd
docker network rm ov1 nosuch
docker -H server2 swarm leave --force
docker swarm leave --force
