# Adapted from scenarios/icc-off.sh: inter-container communication switched off on a bridge
# (enable_icc=false): containers on it cannot talk to each other, but still reach the host,
# the internet, and each other's published ports through the host.
docker network create -o com.docker.network.bridge.enable_icc=false quiet
docker run -d --name web --network quiet -p 8080:80 netsim-lab/nginx
docker run -dit --name client --network quiet netsim-lab/alpine ash
# netsim: expect client does not reach web because ICC_DISABLED
# netsim: expect client does not reach web on 80 because ICC_DISABLED
# netsim: expect client reaches google.com
# netsim: expect @host reaches web on 80
# netsim: expect client reaches @host on 8080
docker network inspect -f '{{json .Options}}' quiet
docker exec client nslookup web
docker exec client ping -c 1 -W 1 web
docker exec client wget -qO- -T 2 http://web/
docker exec client ping -c 1 google.com
docker exec client wget -qO- -T 2 http://google.com/
docker exec client ping -c 1 172.18.0.1
docker exec client wget -qO- -T 2 http://192.168.0.100:8080/
curl -s -o /dev/null -w '%{http_code}\n' http://172.18.0.2/
curl -s -o /dev/null -w '%{http_code}\n' http://localhost:8080/
