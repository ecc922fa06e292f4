# Snapshot 2: an internal network and a bridge with inter-container traffic off (ICC), with
# a container on both; the dump, then probes (most of them must fail, each for its rule).
docker network create --internal private
docker network create -o com.docker.network.bridge.enable_icc=false quiet
docker run -d --name p1 --network private netsim-lab/alpine sleep 3600
docker run -d --name p2 --network private netsim-lab/nginx
docker run -d --name q1 --network quiet netsim-lab/alpine sleep 3600
docker run -d --name q2 --network quiet -p 9090:80 netsim-lab/nginx
docker run -d --name both --network quiet netsim-lab/alpine sleep 3600
docker network connect private both
docker inspect $(docker ps -aq) $(docker network ls -q)
docker version --format '{{json .}}'
docker info --format '{{json .}}'
docker exec p1 ping -c 1 -W 1 p2
docker exec p1 ping -c 1 -W 1 203.0.113.10
docker exec q1 ping -c 1 -W 1 q2
docker exec q1 wget -q -O /dev/null -T 2 http://q2/
docker exec q1 ping -c 1 -W 1 203.0.113.10
docker exec both ping -c 1 -W 1 p2
docker exec both ping -c 1 -W 1 q1
docker exec p2 ping -c 1 -W 1 q1
docker exec both nslookup p2
docker exec p2 ping -c 1 -W 1 203.0.113.10
docker exec both ping -c 1 -W 1 q2
docker exec both wget -q -O /dev/null -T 2 http://p2/
docker exec q1 wget -q -O /dev/null -T 2 http://192.168.0.100:9090/
curl -s -o /dev/null -w '%{http_code}\n' http://localhost:9090/
