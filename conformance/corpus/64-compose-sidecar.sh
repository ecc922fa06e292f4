# Docker Compose: network_mode "service:app" — a sidecar sharing the app's network stack (one
# address, localhost between them); network_mode host and none.
mkdir -p /root/side
cd /root/side
cat > compose.yaml <<'EOF'
services:
  app:
    image: netsim-lab/nginx
    ports:
      - "9000:80"
  sidecar:
    image: netsim-lab/alpine
    command: sleep 3600
    network_mode: "service:app"
  hostsvc:
    image: netsim-lab/alpine
    command: sleep 3600
    network_mode: host
  isolated:
    image: netsim-lab/alpine
    command: sleep 3600
    network_mode: none
EOF
docker compose up -d
docker compose ps --format '{{.Name}} {{.Ports}}'
docker compose exec sidecar wget -qO- -T 2 http://localhost/
docker compose exec sidecar hostname
docker compose exec sidecar ip addr
docker inspect -f '{{.HostConfig.NetworkMode}}' side-sidecar-1
docker inspect -f '{{.HostConfig.NetworkMode}}' side-hostsvc-1 side-isolated-1
docker compose exec isolated ip addr
docker compose exec isolated ping -c 1 -W 1 app
docker compose exec hostsvc wget -qO- -T 2 http://localhost:9000/
docker compose exec app nslookup sidecar
docker compose down
