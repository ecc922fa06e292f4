# Docker Compose: YAML anchors, aliases and merge keys, x- fields, extends (in the file and from
# another file) and depends_on with conditions: config shows the resolved services, up creates
# them in dependency order.
mkdir -p /root/ext2
cd /root/ext2
cat > base.yaml <<'EOF'
services:
  common:
    image: netsim-lab/nginx
    environment:
      LEVEL: base
    networks:
      - default
EOF
cat > compose.yaml <<'EOF'
x-defaults: &defaults
  image: netsim-lab/alpine
  command: sleep 3600
  restart: unless-stopped
x-labels:
  team: platform
services:
  db:
    image: netsim-lab/nginx
  cache:
    <<: *defaults
    depends_on:
      db:
        condition: service_started
  app:
    <<: *defaults
    command: ["sleep", "7200"]
    depends_on:
      cache:
        condition: service_healthy
        required: false
      db:
        condition: service_started
  web:
    extends:
      file: base.yaml
      service: common
    environment:
      LEVEL: web
  web2:
    extends: web
    ports:
      - "8082:80"
EOF
docker compose config
docker compose config --services
docker compose up -d
docker compose ps --format '{{.Name}} {{.Image}} {{.Command}}'
docker inspect -f '{{index .Config.Labels "com.docker.compose.depends_on"}}' ext2-app-1
docker compose exec app ping -c 1 web2
# @timeout 120
docker compose down
