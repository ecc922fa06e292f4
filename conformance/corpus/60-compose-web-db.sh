# Docker Compose: the smallest real project, a web server and its database on the project's
# default network. `up -d` in the project's directory (its name: the directory's), then what
# people look at: ps, config, network ls, port, addresses and aliases, names between services.
mkdir -p /root/shop
cd /root/shop
cat > compose.yaml <<'EOF'
services:
  web:
    image: netsim-lab/nginx
    ports:
      - "8080:80"
    depends_on:
      - db
  db:
    image: netsim-lab/nginx
    command: httpd -f -p 5432 -h /usr/share/nginx/html
    environment:
      POSTGRES_PASSWORD: example
EOF
docker compose up -d
docker compose ps
docker compose ps --services
docker compose config
docker network ls
docker compose port web 80
docker port shop-web-1
docker inspect -f '{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{$v.IPAddress}} {{$v.Aliases}} {{$v.DNSNames}}{{end}}' shop-web-1
docker inspect -f '{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{$v.IPAddress}} {{$v.Aliases}} {{$v.DNSNames}}{{end}}' shop-db-1
docker inspect -f '{{.Name}} {{.Config.Hostname}} {{index .Config.Labels "com.docker.compose.project"}} {{index .Config.Labels "com.docker.compose.service"}} {{index .Config.Labels "com.docker.compose.container-number"}} {{index .Config.Labels "com.docker.compose.oneoff"}} {{index .Config.Labels "com.docker.compose.depends_on"}}' shop-web-1
docker network inspect -f '{{.Name}} {{.Driver}} {{.IPAM.Config}} {{index .Labels "com.docker.compose.network"}} {{index .Labels "com.docker.compose.project"}}' shop_default
docker compose exec web ping -c 1 db
docker compose exec web nslookup db
docker compose exec web nslookup shop-db-1
docker compose exec db wget -qO- -T 2 http://web/
docker exec shop-web-1 wget -q -O /dev/null -T 2 http://db:5432/
curl -s -o /dev/null -w '%{http_code}\n' http://localhost:8080/
docker ps --format '{{.Names}} {{.Ports}}'
docker compose down
docker network ls
docker ps -a
