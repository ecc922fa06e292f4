# Docker Compose: services in profiles start only when their profile is enabled (--profile or
# COMPOSE_PROFILES); a service named on the command line enables its own profiles.
mkdir -p /root/prof
cd /root/prof
cat > compose.yaml <<'EOF'
services:
  web:
    image: netsim-lab/nginx
  adminer:
    image: netsim-lab/nginx
    profiles: ["debug"]
  mailhog:
    image: netsim-lab/alpine
    command: sleep 3600
    profiles: ["debug", "mail"]
EOF
docker compose config --services
docker compose --profile debug config --services
docker compose up -d
docker compose ps --format '{{.Name}}'
docker compose --profile mail up -d
docker compose ps --format '{{.Name}}'
COMPOSE_PROFILES=debug docker compose ps --format '{{.Name}}'
docker compose --profile '*' config --services
docker compose --profile debug down
docker ps -a --format '{{.Names}}'
