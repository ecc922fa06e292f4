# Docker Compose: replicas behind one service name. deploy.replicas makes <project>-worker-1..3,
# each answering to the service name (round-robin DNS); --scale changes the count at up.
mkdir -p /root/jobs
cd /root/jobs
cat > compose.yaml <<'EOF'
services:
  queue:
    image: netsim-lab/nginx
  worker:
    image: netsim-lab/alpine
    command: sleep 3600
    deploy:
      replicas: 3
EOF
docker compose up -d
docker compose ps --format '{{.Name}} {{.Service}} {{.State}}'
docker compose exec queue nslookup worker
docker compose exec queue ping -c 1 jobs-worker-2
docker compose exec --index 2 worker hostname
docker compose exec worker wget -qO- -T 2 http://queue/
docker inspect -f '{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{$v.IPAddress}} {{$v.Aliases}} {{$v.DNSNames}}{{end}}' jobs-worker-3
docker compose up -d --scale worker=5
docker compose ps --format '{{.Name}} {{.State}}'
docker compose up -d --scale worker=2
docker compose ps --format '{{.Name}} {{.State}}'
docker compose exec queue nslookup worker
docker compose down
