# Docker Compose: a reverse proxy in front of an app, the database on an internal back network
# under an extra alias. Named networks become <project>_<name>; the proxy cannot reach the
# database; nothing on the internal network reaches outside.
mkdir -p /root/stack
cd /root/stack
cat > compose.yaml <<'EOF'
services:
  proxy:
    image: netsim-lab/nginx
    ports:
      - "80:80"
      - "127.0.0.1:8443:80"
    networks:
      - front
  app:
    image: netsim-lab/nginx
    networks:
      front:
      back:
        aliases:
          - api
  db:
    image: netsim-lab/nginx
    command: ["httpd", "-f", "-p", "5432", "-h", "/usr/share/nginx/html"]
    networks:
      back:
        aliases:
          - database
networks:
  front:
  back:
    internal: true
EOF
docker compose up -d
docker compose ps --format '{{.Name}} {{.Service}} {{.Ports}}'
docker network ls
docker network inspect -f '{{.Name}} {{.Internal}} {{.IPAM.Config}}' stack_front stack_back
docker inspect -f '{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{$v.IPAddress}} {{$v.Aliases}} {{$v.DNSNames}}{{"\n"}}{{end}}' stack-app-1
docker inspect -f '{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{$v.IPAddress}} {{$v.Aliases}} {{$v.DNSNames}}{{"\n"}}{{end}}' stack-db-1
docker compose exec proxy wget -qO- -T 2 http://app/
docker compose exec app wget -q -O /dev/null -T 2 http://database:5432/
docker compose exec app nslookup api
docker compose exec proxy nslookup db
docker compose exec proxy ping -c 1 -W 1 db
docker compose exec db ping -c 1 -W 1 203.0.113.10
docker compose port proxy 80
curl -s -o /dev/null -w '%{http_code}\n' http://192.168.0.100/
curl -s -o /dev/null -w '%{http_code}\n' http://127.0.0.1:8443/
docker compose config
docker compose down
