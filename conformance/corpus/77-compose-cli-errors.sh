# Docker Compose: the plugin's own command line — an unknown command or flag, missing
# arguments, bad values — and its plain outputs (version, ps --format json, ls, port --index).
mkdir -p /root/cli
cd /root/cli
printf 'services:\n  web:\n    image: netsim-lab/nginx\n    ports: ["8080:80"]\n  worker:\n    image: netsim-lab/alpine\n    command: sleep 3600\n    deploy:\n      replicas: 2\n' > compose.yaml
docker compose version
docker compose version --short
docker compose frobnicate
docker compose up -d --frobnicate
docker compose port web
docker compose -f
docker compose up -d --scale worker=x
docker compose up -d --scale nosuch=2
docker compose up -d
docker compose ps --format '{{.Name}} {{.Publishers}}'
docker compose ps -q
docker compose ps --status exited
docker compose port --index 2 web 80
docker compose exec --index 2 worker hostname
docker compose exec --index 3 worker hostname
docker compose ls
docker compose ls --format json
docker compose down
docker compose ls -a
