# macvlan on both lab hosts: -o parent=eth0 on the LAN 192.168.0.0/24 (router 192.168.0.1),
# a distinct --ip-range per host; containers reach each other across hosts, the router, the
# other host and the internet, but not their own host (and the host cannot reach them).
docker network create -d macvlan --subnet 192.168.0.0/24 --gateway 192.168.0.1 --ip-range 192.168.0.128/28 -o parent=eth0 mv
docker -H server2 network create -d macvlan --subnet 192.168.0.0/24 --gateway 192.168.0.1 --ip-range 192.168.0.144/28 -o parent=eth0 mv
docker network ls
docker -H server2 network ls --filter driver=macvlan
docker run -d --name m1 --network mv netsim-lab/alpine sleep 1000
docker -H server2 run -d --name m2 --network mv netsim-lab/debian sleep 1000
docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}/{{.IPPrefixLen}} gw {{.Gateway}}{{end}}' m1
docker -H server2 inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}/{{.IPPrefixLen}} gw {{.Gateway}}{{end}}' m2
docker exec m1 ip addr
docker -H server2 exec m2 ip addr
docker exec m1 ip route
docker -H server2 exec m2 ip route
docker exec m1 ping -c 2 $(docker -H server2 inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' m2)
docker -H server2 exec m2 ping -c 2 192.168.0.128
docker exec m1 ping -c 2 192.168.0.1
docker exec m1 ping -c 2 192.168.0.101
docker exec m1 ping -c 1 -W 1 192.168.0.100
ping -c 1 -W 1 192.168.0.128
ping -c 2 192.168.0.144
docker -H server2 exec m2 ping -c 1 -W 1 192.168.0.101
docker -H server2 exec m2 ping -c 2 192.168.0.100
docker exec m1 ping -c 2 google.com
docker exec m1 wget -qO- -T 2 http://example.com/
docker exec m1 cat /etc/resolv.conf
docker -H server2 exec m2 curl -s -m 2 http://192.168.0.128/
docker run -d --name mweb --network mv --ip 192.168.0.140 netsim-lab/nginx
docker -H server2 exec m2 curl -s -m 2 -o /dev/null -w '%{http_code}\n' http://192.168.0.140/
curl -s -m 2 http://192.168.0.140/
docker -H server2 run --rm --network mv netsim-lab/alpine wget -q -T 2 -O /dev/null http://192.168.0.140/
docker exec m1 ping -c 2 mweb
docker network inspect mv
docker -H server2 network inspect -f '{{json .IPAM.Config}} {{json .Options}}' mv
docker ps --format '{{.Names}} {{.Networks}}'
