# Snapshot 6: a Compose project (proxy, app, database on front/back networks, two workers),
# dumped; probes by service name, alias and replica name.
mkdir -p /root/shop
cd /root/shop
cat > compose.yaml <<'YAML'
services:
  proxy:
    image: netsim-lab/nginx
    ports: ["8080:80"]
    networks: [front]
  app:
    image: netsim-lab/nginx
    networks: [front, back]
  db:
    image: netsim-lab/nginx
    command: ["httpd", "-f", "-p", "5432", "-h", "/usr/share/nginx/html"]
    networks:
      back:
        aliases: [database]
  worker:
    image: netsim-lab/alpine
    command: sleep 3600
    networks: [back]
    deploy:
      replicas: 2
networks:
  front:
  back:
    internal: true
YAML
docker compose up -d
docker inspect $(docker ps -aq) $(docker network ls -q)
docker version --format '{{json .}}'
docker info --format '{{json .}}'
docker exec shop-proxy-1 wget -q -O /dev/null -T 2 http://app/
docker exec shop-proxy-1 ping -c 1 -W 1 db
docker exec shop-app-1 wget -q -O /dev/null -T 2 http://database:5432/
docker exec shop-worker-1 ping -c 1 -W 1 shop-worker-2
docker exec shop-worker-2 nslookup worker
docker exec shop-worker-1 ping -c 1 -W 1 203.0.113.10
docker exec shop-app-1 ping -c 1 -W 1 203.0.113.10
docker exec shop-worker-1 wget -q -O /dev/null -T 2 http://app/
docker exec shop-proxy-1 nslookup database
curl -s -o /dev/null -w '%{http_code}\n' http://localhost:8080/
