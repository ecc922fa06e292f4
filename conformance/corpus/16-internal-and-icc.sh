# --internal networks: containers on them reach each other by name, but have no default route,
# no internet and no names from outside; published ports on them; a second, ordinary network
# gives the way out. ICC off (enable_icc=false): names resolve but containers cannot talk
# directly; the host and published ports still work; a shared second network bypasses it.
docker network create --internal intnet
docker run -itd --name i1 --network intnet netsim-lab/alpine
docker run -itd --name i2 --network intnet netsim-lab/debian
docker run -d --name iweb --network intnet netsim-lab/nginx
docker network inspect -f '{{.Internal}} {{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}}' intnet
docker exec i1 ping -c 1 i2
docker exec i1 wget -qO- -T 2 http://iweb/
docker exec i2 dig +short iweb
docker exec i2 getent hosts i1
docker exec i2 curl -s -m 2 -o /dev/null -w '%{http_code}\n' http://iweb/
docker exec i1 ping -c 1 -W 1 google.com
docker exec i1 nslookup google.com
docker exec i2 dig +short google.com
docker exec i1 ping -c 1 -W 1 203.0.113.10
docker exec i1 ip route
docker exec i2 curl -s -m 2 http://203.0.113.10/
docker exec i1 ping -c 1 -W 1 192.168.0.100
ping -c 1 -W 1 172.18.0.2
curl -s -m 2 -o /dev/null -w '%{http_code}\n' http://172.18.0.4/
docker run -d --name ipub --network intnet -p 8090:80 netsim-lab/nginx
docker port ipub
curl -s -m 2 -o /dev/null -w '%{http_code}\n' http://localhost:8090/
docker network connect bridge i1
docker exec i1 ip route
docker exec i1 ping -c 1 google.com
docker exec i1 ping -c 1 i2
docker network create -o com.docker.network.bridge.enable_icc=false noicc
docker run -d --name q1 --network noicc -p 8088:80 netsim-lab/nginx
docker run -itd --name q2 --network noicc netsim-lab/debian
docker network inspect -f '{{index .Options "com.docker.network.bridge.enable_icc"}}' noicc
docker exec q2 dig +short q1
docker exec q2 ping -c 1 -W 1 q1
docker exec q2 curl -s -m 2 -o /dev/null -w '%{http_code}\n' http://q1/
docker exec q2 curl -s -m 2 -o /dev/null -w '%{http_code}\n' http://192.168.0.100:8088/
docker exec q2 ping -c 1 google.com
docker exec q2 ping -c 1 172.19.0.1
curl -s -o /dev/null -w '%{http_code}\n' http://172.19.0.2/
curl -s -o /dev/null -w '%{http_code}\n' http://localhost:8088/
docker network create shared
docker network connect shared q1
docker network connect shared q2
docker exec q2 dig +short q1
docker exec q2 dig +short q1.shared
docker exec q2 curl -s -m 2 -o /dev/null -w '%{http_code}\n' http://q1.shared/
docker exec q2 ping -c 1 -W 1 q1.noicc
