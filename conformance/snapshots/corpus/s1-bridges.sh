# Snapshot 1 (issue 15's truth): user-defined bridges with aliases, a published port, a
# stopped container and one on the default bridge; then the dump netsim will import
# (docker inspect of every container and network, docker version, docker info) and probes
# whose answers netsim must predict from the dump alone.
docker network create frontend
docker network create --subnet 10.10.0.0/24 backend
docker run -d --name web --network frontend -p 8080:80 netsim-lab/nginx
docker network connect --alias api backend web
docker run -d --name db --network backend --network-alias database netsim-lab/nginx httpd -f -p 5432 -h /usr/share/nginx/html
docker run -d --name tool --network frontend netsim-lab/alpine sleep 3600
docker run -d --name old --network backend netsim-lab/alpine sleep 3600
docker stop old
docker run -d --name legacy netsim-lab/alpine sleep 3600
docker inspect $(docker ps -aq) $(docker network ls -q)
docker version --format '{{json .}}'
docker info --format '{{json .}}'
docker exec tool ping -c 1 -W 1 web
docker exec tool ping -c 1 -W 1 db
docker exec web ping -c 1 -W 1 database
docker exec web wget -q -O /dev/null -T 2 http://db:5432/
docker exec db nslookup api
docker exec tool nslookup db
docker exec legacy ping -c 1 -W 1 web
docker exec legacy ping -c 1 -W 1 203.0.113.10
docker exec tool wget -q -O /dev/null -T 2 http://192.168.0.100:8080/
docker exec tool wget -q -O /dev/null -T 2 http://web/
docker exec tool ping -c 1 -W 1 old
docker exec db ping -c 1 -W 1 tool
docker exec web nslookup database
docker exec db wget -q -O /dev/null -T 2 http://api/
curl -s -o /dev/null -w '%{http_code}\n' http://localhost:8080/
