# Docker Compose: the keys real projects carry besides networking — volumes (bind, named,
# anonymous, long syntax), a healthcheck, env_file and list-form environment and labels,
# restart, extra_hosts, dns, expose, a quoted command — as `config` prints them in Compose's
# canonical form; up, ps and down still work with them (netsim names the keys it does not
# simulate).
mkdir -p /root/app/data
cd /root/app
cat > app.env <<'EOF'
APP_MODE=production
# comment
APP_DEBUG=0
EOF
cat > compose.yaml <<'EOF'
services:
  web:
    image: netsim-lab/nginx
    command: sh -c 'echo "hello world" && httpd -f -p 80 -h /usr/share/nginx/html'
    env_file: app.env
    environment:
      - TZ=UTC
      - EMPTY
    labels:
      - com.example.team=web
      - com.example.tier
    volumes:
      - ./data:/srv/data:ro
      - db-data:/var/lib/data
      - /cache
      - type: tmpfs
        target: /tmp/scratch
    healthcheck:
      test: ["CMD", "wget", "-q", "-O", "/dev/null", "http://localhost/"]
      interval: 2s
      timeout: 5s
      retries: 3
      start_period: 1s
    restart: on-failure:3
    extra_hosts:
      - "printer.local:192.168.0.50"
    dns:
      - 192.168.0.1
    expose:
      - "9000"
      - 9001/udp
    stop_grace_period: 20s
  worker:
    image: netsim-lab/alpine
    entrypoint: ["/bin/sh", "-c"]
    command: ["sleep 3600"]
    depends_on:
      web:
        condition: service_healthy
        restart: true
    volumes:
      - db-data:/data:nocopy
volumes:
  db-data:
EOF
docker compose config
docker compose config --volumes
docker compose config --images
docker compose config --profiles
docker compose up -d
docker compose ps --format '{{.Name}} {{.State}} {{.Ports}}'
docker inspect -f '{{.HostConfig.ExtraHosts}} {{.HostConfig.Dns}} {{.HostConfig.RestartPolicy.Name}} {{.HostConfig.RestartPolicy.MaximumRetryCount}}' app-web-1
docker inspect -f '{{range $k, $v := .Config.ExposedPorts}}{{$k}} {{end}}' app-web-1
docker compose exec web cat /etc/hosts
# @timeout 120
docker compose down -v
