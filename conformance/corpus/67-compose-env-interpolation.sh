# Docker Compose: variables from .env, the shell and --env-file; ${VAR:-default}, ${VAR-default},
# ${VAR:?err}, $$ — as `config` resolves them; a missing required variable stops the command.
mkdir -p /root/envp
cd /root/envp
cat > .env <<'EOF'
WEB_PORT=8088
TAG=latest
# a comment
export NET_NAME=shared
EMPTY=
EOF
cat > compose.yaml <<'EOF'
services:
  web:
    image: "netsim-lab/nginx:${TAG}"
    ports:
      - "${WEB_PORT}:80"
      - "${ADMIN_PORT:-9090}:80"
    environment:
      GREETING: "hello $$USER"
      EMPTY_DEFAULT: "${EMPTY:-fallback}"
      EMPTY_DASH: "${EMPTY-fallback}"
      UNSET: "${NOT_SET}"
    networks:
      - net
networks:
  net:
    name: "${NET_NAME}-net"
EOF
cat > prod.env <<'EOF'
WEB_PORT=80
TAG=latest
NET_NAME=prod
EOF
docker compose config
WEB_PORT=7070 docker compose config --format json
docker compose --env-file prod.env config
docker compose up -d
docker network ls --format '{{.Name}}'
docker compose port web 80
docker compose down
cat > compose.yaml <<'EOF'
services:
  web:
    image: "netsim-lab/nginx:${TAG:?the image tag must be set}"
    ports:
      - "${MISSING:?}:80"
EOF
docker compose config
TAG= docker compose config
