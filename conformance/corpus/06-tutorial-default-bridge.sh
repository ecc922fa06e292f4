# Adapted from scenarios/tutorial-default-bridge.sh: Docker's tutorial "Networking with
# standalone containers", default bridge part, and the seed's -p / -P on the default bridge
# (netsim-lab/nginx stands in for nginx and, with its EXPOSE 80, for redis under -P).
docker network ls
docker run -dit --name alpine1 netsim-lab/alpine ash
docker run -dit --name alpine2 netsim-lab/alpine ash
docker network inspect bridge
# netsim: expect alpine1 reaches 172.17.0.3
# netsim: expect alpine1 reaches google.com
# netsim: expect alpine1 does not resolve alpine2
# netsim: expect alpine1 runs ping -c 2 alpine2 and exits 1
docker exec alpine1 ip addr show
docker exec alpine1 ping -c 2 google.com
docker exec alpine1 ping -c 2 172.17.0.3
docker exec alpine1 ping -c 2 -W 1 alpine2
docker run -d --name web -p 8080:80 netsim-lab/nginx
docker run -d --name cache -P netsim-lab/nginx
docker port cache
docker port web
curl -s -o /dev/null -w '%{http_code}\n' http://192.168.0.100:8080/
docker exec alpine1 wget -qO- -T 2 http://172.17.0.1:8080/
docker container stop alpine1 alpine2
docker container rm alpine1 alpine2
