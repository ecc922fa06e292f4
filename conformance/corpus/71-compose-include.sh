# Docker Compose: include pulls another project's services and networks into this one (paths
# relative to the included file); config shows one project; up starts them all.
mkdir -p /root/inc/db
cd /root/inc
cat > db/compose.yaml <<'EOF'
services:
  postgres:
    image: netsim-lab/nginx
    networks:
      - data
networks:
  data:
EOF
cat > compose.yaml <<'EOF'
include:
  - db/compose.yaml
services:
  app:
    image: netsim-lab/nginx
    networks:
      - data
      - default
    depends_on:
      - postgres
EOF
docker compose config
docker compose up -d
docker compose ps --format '{{.Name}} {{.Service}}'
docker network ls --format '{{.Name}}'
docker compose exec app ping -c 1 postgres
docker compose down
