# Snapshot 4: macvlan on the LAN on both hosts (parent eth0, one ip-range each), dumped on
# each host; probes across hosts, to the router, and to its own host (which must fail).
docker network create -d macvlan --subnet 192.168.0.0/24 --gateway 192.168.0.1 --ip-range 192.168.0.128/28 -o parent=eth0 mv
docker -H server2 network create -d macvlan --subnet 192.168.0.0/24 --gateway 192.168.0.1 --ip-range 192.168.0.144/28 -o parent=eth0 mv
docker run -d --name m1 --network mv netsim-lab/nginx
docker -H server2 run -d --name m2 --network mv netsim-lab/alpine sleep 3600
docker run -d --name b1 -p 8082:80 netsim-lab/nginx
docker inspect $(docker ps -aq) $(docker network ls -q)
docker -H server2 inspect $(docker -H server2 ps -aq) $(docker -H server2 network ls -q)
docker version --format '{{json .}}'
docker -H server2 version --format '{{json .}}'
docker info --format '{{json .}}'
docker -H server2 info --format '{{json .}}'
docker -H server2 exec m2 ping -c 1 -W 1 192.168.0.128
docker -H server2 exec m2 wget -q -O /dev/null -T 2 http://192.168.0.128/
docker -H server2 exec m2 ping -c 1 -W 1 192.168.0.1
docker -H server2 exec m2 ping -c 1 -W 1 192.168.0.101
docker -H server2 exec m2 ping -c 1 -W 1 192.168.0.100
docker -H server2 exec m2 wget -q -O /dev/null -T 2 http://192.168.0.100:8082/
docker exec m1 ping -c 1 -W 1 192.168.0.100
docker exec b1 ping -c 1 -W 1 192.168.0.144
docker exec m1 wget -q -O /dev/null -T 2 http://192.168.0.100:8082/
docker -H server2 exec m2 ping -c 1 -W 1 203.0.113.10
ping -c 1 -W 1 192.168.0.128
