# Snapshot 3: network modes — a host-mode server, a sidecar in another container's
# namespace (container:), a container without network (none), and a stopped owner's joiner.
docker network create apps
docker run -d --name app --network apps netsim-lab/nginx
docker run -d --name sidecar --network container:app netsim-lab/alpine sleep 3600
docker run -d --name hostweb --network host netsim-lab/nginx httpd -f -p 8081 -h /usr/share/nginx/html
docker run -d --name nonet --network none netsim-lab/alpine sleep 3600
docker run -d --name client --network apps netsim-lab/alpine sleep 3600
docker run -d --name owner netsim-lab/alpine sleep 3600
docker run -d --name joiner --network container:owner netsim-lab/alpine sleep 3600
docker stop owner
docker inspect $(docker ps -aq) $(docker network ls -q)
docker version --format '{{json .}}'
docker info --format '{{json .}}'
docker exec sidecar wget -q -O /dev/null -T 2 http://localhost/
docker exec client ping -c 1 -W 1 app
docker exec client wget -q -O /dev/null -T 2 http://192.168.0.100:8081/
docker exec nonet ping -c 1 -W 1 203.0.113.10
docker exec client ping -c 1 -W 1 sidecar
docker exec sidecar nslookup client
docker exec client wget -q -O /dev/null -T 2 http://app/
docker exec joiner ping -c 1 -W 1 203.0.113.10
docker exec hostweb ping -c 1 -W 1 192.168.0.101
docker exec app ping -c 1 -W 1 client
curl -s -o /dev/null -w '%{http_code}\n' http://localhost:8081/
docker exec joiner ip addr
