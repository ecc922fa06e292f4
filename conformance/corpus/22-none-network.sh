# --network none: only lo inside; every probe to another address fails at once (no route),
# name lookups fail; inspect shows the "none" endpoint; connecting it elsewhere is refused.
docker run -d --name n1 --network none netsim-lab/alpine sleep 1000
docker run -d --name n2 --network none netsim-lab/debian sleep 1000
docker exec n1 ip addr
docker exec n2 ip addr
docker exec n2 ip -4 addr
docker exec n1 ip route
docker exec n2 ip route
docker exec n1 ifconfig
docker exec n2 ifconfig
docker exec n2 route -n
docker exec n1 ping -c 1 -W 1 192.168.0.1
docker exec n2 ping -c 1 -W 1 192.168.0.1
docker exec n1 ping -c 1 -W 1 google.com
docker exec n2 ping -c 1 -W 1 google.com
docker exec n1 ping -c 1 127.0.0.1
docker exec n2 ping -c 1 localhost
docker exec n1 wget -qO- -T 2 http://192.168.0.100/
docker exec n1 wget -T 2 -O- http://example.com/
docker exec n2 curl -m 2 http://192.168.0.100/
docker exec n2 curl -s -m 2 http://example.com/
docker exec n2 curl -sS -m 2 http://192.168.0.1/
docker exec n2 nc -z -w 2 192.168.0.100 80
docker exec n2 nc -z -v -w 2 192.168.0.1 53
docker exec n2 getent hosts example.com
docker exec n2 getent hosts localhost
docker exec n1 hostname -i
docker exec n2 cat /etc/hosts
docker exec n2 cat /etc/resolv.conf
docker inspect -f '{{json .NetworkSettings.Networks}}' n1
docker inspect -f '{{.HostConfig.NetworkMode}} {{.NetworkSettings.IPAddress}}' n1
docker network inspect -f '{{range .Containers}}{{.Name}} {{end}}' none
docker network connect bridge n1
docker run -d --name n3 --network none -p 8080:80 netsim-lab/alpine sleep 1000
docker port n3
docker ps --format '{{.Names}}: {{.Networks}} [{{.Ports}}]'
