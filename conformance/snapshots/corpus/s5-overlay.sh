# Snapshot 5: a swarm of the two hosts and an attachable overlay with a container on each,
# plus a local bridge; dumped on each host; probes across the overlay by name and address.
docker swarm init --advertise-addr 192.168.0.100
docker -H server2 swarm join --token $(docker -H server1 swarm join-token -q worker) 192.168.0.100:2377
docker network create -d overlay --attachable ov
docker network create local1
docker run -d --name o1 --network ov netsim-lab/nginx
docker network connect local1 o1
docker -H server2 run -d --name o2 --network ov netsim-lab/alpine sleep 3600
docker run -d --name l1 --network local1 netsim-lab/alpine sleep 3600
docker inspect $(docker ps -aq) $(docker network ls -q)
docker -H server2 inspect $(docker -H server2 ps -aq) $(docker -H server2 network ls -q)
docker version --format '{{json .}}'
docker -H server2 version --format '{{json .}}'
docker info --format '{{json .}}'
docker -H server2 info --format '{{json .}}'
docker -H server2 exec o2 ping -c 1 -W 2 o1
docker -H server2 exec o2 wget -q -O /dev/null -T 2 http://o1/
docker -H server2 exec o2 ping -c 1 -W 1 l1
docker exec l1 ping -c 1 -W 1 o1
docker exec l1 ping -c 1 -W 1 o2
docker exec o1 nslookup o2
docker exec o1 ping -c 1 -W 1 l1
docker -H server2 exec o2 nslookup o1
docker rm -f o1 l1
docker -H server2 rm -f o2
docker -H server2 swarm leave --force
docker swarm leave --force
