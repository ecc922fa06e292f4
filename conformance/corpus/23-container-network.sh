# --network container:NAME: a second container shares the first one's network namespace
# (same interfaces, IP, hostname, ports); what inspect/ps show for it; what happens when the
# namespace owner stops.
docker run -d --name base netsim-lab/debian sleep 1000
docker run -d --name side --network container:base netsim-lab/alpine sleep 1000
docker exec base ip -4 addr
docker exec side ip -4 addr
docker exec side ip route
docker exec base hostname
docker exec side hostname
docker exec side hostname -i
docker exec side cat /etc/hosts
docker exec side cat /etc/resolv.conf
docker inspect -f '{{.HostConfig.NetworkMode}}' side
docker inspect -f '{{json .NetworkSettings.Networks}}' side
docker inspect -f '{{.NetworkSettings.IPAddress}}' side
docker inspect -f '{{.NetworkSettings.IPAddress}}' base
docker run -d --name web --network container:base netsim-lab/nginx
docker exec base curl -s -m 2 -o /dev/null -w '%{http_code}\n' http://localhost/
docker exec side wget -qO- -T 2 http://127.0.0.1/
docker run -d --name peer netsim-lab/alpine sleep 1000
docker exec peer wget -q -T 2 -O /dev/null http://172.17.0.2/
docker run --rm netsim-lab/debian nc -z -v -w 2 172.17.0.2 80
docker exec side ping -c 2 172.17.0.3
docker ps --format 'table {{.Names}}\t{{.Networks}}\t{{.Ports}}'
docker network inspect bridge -f '{{range .Containers}}{{.Name}} {{.IPv4Address}}{{"\n"}}{{end}}'
docker run --rm --network container:base netsim-lab/debian ip route
docker run --rm --network container:web netsim-lab/busybox hostname -i
docker run --rm --network container:base netsim-lab/busybox ifconfig eth0
docker stop -t 1 base
docker exec side ip -4 addr
docker exec side ping -c 1 -W 1 172.17.0.3
docker ps -a --format '{{.Names}} {{.Status}}'
docker restart -t 1 side
docker start base
docker restart -t 1 side
docker exec side ip -4 addr
