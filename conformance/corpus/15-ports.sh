# Published ports: -p HOST:CONTAINER, -p IP:HOST:CONTAINER, -p CONTAINER (ephemeral), -P with
# the image's EXPOSE and with --expose, docker port (all, one port, errors), reaching them from
# the host, from the other server and from containers; container addresses from the host;
# conflicts on the same host port (Docker's error); UDP.
docker run -d --name p1 -p 8080:80 netsim-lab/nginx
docker run -d --name p2 -p 127.0.0.1:8081:80 netsim-lab/nginx
docker run -d --name p3 -p 80 netsim-lab/nginx
docker run -d --name p4 -P netsim-lab/nginx
docker run -d --name p5 --expose 9000 -P netsim-lab/nginx
docker run -d --name p6 --expose 7000 netsim-lab/nginx
docker run -d --name p7 -p 8082:80 -p 8443:443 netsim-lab/nginx
docker run -d --name u1 -p 5353:53/udp netsim-lab/debian nc -lu 53
docker port p1
docker port p2
docker port p3
docker port p4
docker port p5
docker port p6
docker port p7
docker port p7 443
docker port p1 443
docker port u1
docker port u1 53/udp
docker ps --format '{{.Names}}: {{.Ports}}'
curl -s -o /dev/null -w '%{http_code}\n' http://localhost:8080/
curl -s http://127.0.0.1:8081/
curl -s -m 2 -o /dev/null -w '%{http_code}\n' http://192.168.0.100:8081/
curl -s -o /dev/null -w '%{http_code}\n' http://localhost:32768/
curl -s -o /dev/null -w '%{http_code}\n' http://192.168.0.100:32769/
curl -s http://localhost:8080/
curl -s -o /dev/null -w '%{http_code}\n' http://172.17.0.2/
curl -s -m 2 http://172.17.0.2:8080/
curl -s -m 2 http://localhost:8443/
curl -s -m 2 http://localhost:9000/
docker run -d --name conflict -p 8080:80 netsim-lab/nginx
docker ps -a --filter name=conflict --format '{{.Names}} {{.Status}}'
docker run -d --name conflict2 -p 127.0.0.1:8082:80 netsim-lab/nginx
docker run -d --name conflict3 -p 5353:53/udp netsim-lab/nginx
docker run -d --name notconflict -p 5353:53 netsim-lab/nginx
docker port notconflict
docker run -d --name badport -p 99999:80 netsim-lab/nginx
docker run -itd --name cli netsim-lab/alpine
docker exec cli wget -qO- -T 2 http://172.17.0.1:8080/
docker exec cli wget -qO- -T 2 http://192.168.0.100:8082/
docker exec cli wget -qO- -T 2 http://172.17.0.2/
# netsim: on server2
curl -s -o /dev/null -w '%{http_code}\n' http://192.168.0.100:8080/
curl -s -m 2 http://192.168.0.100:8081/
docker run -d --name s2web -p 8080:80 netsim-lab/nginx
docker port s2web
# netsim: on server1
curl -s -o /dev/null -w '%{http_code}\n' http://192.168.0.101:8080/
echo hello-udp | nc -u -w 1 127.0.0.1 5353
docker logs u1
docker stop p1
curl -s -m 2 http://localhost:8080/
docker port p1
docker start p1
docker port p1
curl -s -o /dev/null -w '%{http_code}\n' http://localhost:8080/
