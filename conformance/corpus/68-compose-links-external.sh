# Docker Compose: an external network created beforehand (kept by down), links with an alias,
# external_links to a container outside the project, container_name and hostname.
docker network create shared
docker run -d --name legacy-db --network shared netsim-lab/nginx
mkdir -p /root/ext
cd /root/ext
cat > compose.yaml <<'EOF'
services:
  app:
    image: netsim-lab/alpine
    command: sleep 3600
    container_name: the-app
    hostname: apphost
    links:
      - cache:redis
    external_links:
      - legacy-db:olddb
    networks:
      - default
      - shared
  cache:
    image: netsim-lab/nginx
    networks:
      - default
networks:
  shared:
    external: true
EOF
docker compose up -d
docker compose ps --format '{{.Name}} {{.Service}}'
docker inspect -f '{{.Name}} {{.Config.Hostname}} {{.HostConfig.Links}}' the-app
docker inspect -f '{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{$v.Aliases}} {{$v.Links}} {{$v.DNSNames}}{{"\n"}}{{end}}' the-app
docker compose exec app nslookup redis
docker compose exec app ping -c 1 redis
docker compose exec app ping -c 1 olddb
docker compose exec app hostname
docker exec legacy-db nslookup the-app
docker compose down
docker network ls --format '{{.Name}}'
docker rm -f legacy-db
docker network rm shared
docker compose up -d
