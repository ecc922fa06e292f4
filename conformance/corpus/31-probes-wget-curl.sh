# wget (busybox) and curl (debian) as netsim simulates them: -qO-, -O-, -S, -T 2, saving a file,
# refused, unknown host, 404, timeouts (dropped / no ARP answer), published ports, the internet;
# curl -s, -I, -v, -m 2, -sS, the progress meter; curl on the Docker host.
docker network create net1
docker network create net2
docker run -d --name web --network net1 netsim-lab/nginx
docker run -d --name a1 --network net1 netsim-lab/alpine sleep 1000
docker run -d --name d1 --network net1 netsim-lab/debian sleep 1000
docker run -d --name far --network net2 netsim-lab/nginx
docker run -d --name pub -p 8080:80 netsim-lab/nginx
docker exec a1 wget -qO- http://web/
docker exec a1 wget -O- -T 2 http://web/
docker exec a1 wget -S -qO- -T 2 http://web/
docker exec a1 wget -S -O /dev/null -T 2 http://web/
docker exec a1 wget -T 2 http://web/
docker exec a1 wget -qO- -T 2 http://web:81/
docker exec a1 wget -O- -T 2 http://web:81/
docker exec a1 wget -qO- -T 2 http://nosuch/
docker exec a1 wget -T 2 -O- http://nosuch/
docker exec a1 wget -qO- -T 2 http://web/missing.html
docker exec a1 wget -O- -T 2 http://web/missing.html
docker exec a1 wget -qO- -T 2 http://172.18.0.99/
docker exec a1 wget -qO- -T 2 http://172.19.0.2/
docker exec a1 wget -qO- -T 2 http://192.168.0.100:8080/
docker exec a1 wget -qO- -T 2 http://google.com/
docker exec a1 wget -T 2 -O- http://example.com/
docker exec d1 curl -s http://web/
docker exec d1 curl -s -m 2 -I http://web/
docker exec d1 curl -sI -m 2 http://example.com/
docker exec d1 curl -v -m 2 http://web/
docker exec d1 curl -m 2 http://web/
docker exec d1 curl -s -m 2 http://web:81/
docker exec d1 curl -m 2 http://web:81/
docker exec d1 curl -sS -m 2 http://web:81/
docker exec d1 curl -v -m 2 http://web:81/
docker exec d1 curl -s -m 2 http://nosuch/
docker exec d1 curl -m 2 http://nosuch/
docker exec d1 curl -sS -m 2 http://nosuch/
docker exec d1 curl -sS -m 2 http://172.18.0.99/
docker exec d1 curl -sS -m 2 http://172.19.0.2/
docker exec d1 curl -s -m 2 -o /dev/null -w '%{http_code}\n' http://web/missing
docker exec d1 curl -s -m 2 http://google.com/
docker exec d1 curl -s -m 2 http://203.0.113.7/
docker exec d1 curl -s -m 2 http://192.168.0.100:8080/
curl -s -m 2 http://localhost:8080/
curl -sI -m 2 http://192.168.0.100:8080/
curl -s -m 2 http://172.18.0.2/
curl -s -m 2 http://example.com/
curl -sS -m 2 http://localhost:8081/
curl -sS -m 2 http://nosuch.invalid/
docker -H server2 run --rm netsim-lab/debian curl -s -m 2 http://192.168.0.100:8080/
docker -H server2 run --rm netsim-lab/alpine wget -qO- -T 2 http://192.168.0.100:8081/
