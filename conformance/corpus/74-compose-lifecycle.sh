# Docker Compose: the everyday commands — stop, start, restart, rm, run --rm (a one-off
# container, <project>-<service>-run-<id>), exec, ps -a, up of one service, down.
mkdir -p /root/life
cd /root/life
cat > compose.yaml <<'EOF'
services:
  web:
    image: netsim-lab/nginx
    ports:
      - "8090:80"
  tool:
    image: netsim-lab/alpine
    command: sleep 3600
    depends_on:
      - web
EOF
docker compose up -d web
docker compose ps -a --format '{{.Name}} {{.State}}'
docker compose up -d
docker compose stop tool
docker compose ps -a --format '{{.Name}} {{.State}}'
docker compose ps --format '{{.Name}} {{.State}}'
docker compose start tool
docker compose restart web
docker compose ps --format '{{.Name}} {{.State}}'
docker compose run --rm tool ping -c 1 web
docker compose run --rm --no-deps tool nslookup web
docker compose exec tool wget -qO- -T 2 http://web/
docker compose stop
docker compose rm -f tool
docker compose ps -a --format '{{.Name}} {{.State}}'
docker compose down
docker compose ps -a
docker network ls --format '{{.Name}}'
