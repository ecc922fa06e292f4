# --network host: a service in the host's network namespace (netsim-lab/nginx = busybox httpd on :80).
# Covers: run -d --network host, -p ignored with a warning, docker ps / docker port (no ports),
# curl from the host to localhost and to its LAN address, the service reached from a bridge
# container through the bridge gateway 172.17.0.1 and through 192.168.0.100, and from server2.
docker run -d --name web --network host netsim-lab/nginx
docker ps --format '{{.Names}} {{.Ports}} {{.Networks}}'
docker port web
docker port web 80
curl -s -m 2 http://localhost/
curl -s -m 2 http://192.168.0.100/
curl -s -m 2 -o /dev/null -w '%{http_code}\n' http://127.0.0.1:80/
curl -s -m 2 http://localhost:8080/
docker run -d --name b1 netsim-lab/alpine sleep 1000
docker exec b1 wget -qO- -T 2 http://172.17.0.1/
docker exec b1 wget -qO- -T 2 http://192.168.0.100/
docker run -d --name d1 netsim-lab/debian sleep 1000
docker exec d1 curl -s -m 2 http://172.17.0.1/
docker exec d1 curl -s -m 2 http://192.168.0.100:80/
docker exec d1 curl -s -m 2 http://192.168.0.100:81/
docker -H server2 run --rm netsim-lab/alpine wget -qO- -T 2 http://192.168.0.100/
# -p with --network host: the publish is discarded (warning on stderr)
docker run -d --name web2 --network host -p 8080:80 netsim-lab/alpine sleep 1000
docker ps -a --format '{{.Names}}\t{{.Ports}}'
docker port web2
# a second server on the same host port fails: busybox httpd cannot bind
docker run --rm --network host netsim-lab/nginx httpd -f -p 80
docker inspect -f '{{.HostConfig.NetworkMode}}' web
docker inspect -f '{{json .NetworkSettings.Networks}}' web
docker inspect -f '{{.NetworkSettings.IPAddress}}|{{range $k, $v := .NetworkSettings.Networks}}{{$k}}={{$v.IPAddress}}{{end}}' web
docker network inspect -f '{{range .Containers}}{{.Name}} {{.IPv4Address}}{{end}}' host
docker stop web
curl -s -m 2 http://localhost/
