# Docker Compose: how the project is named — the directory (normalized), name:, COMPOSE_PROJECT_NAME,
# -p — and where the names show: networks, containers, labels; two projects side by side.
mkdir -p /root/My_App.v2
cd /root/My_App.v2
printf 'services:\n  web:\n    image: netsim-lab/nginx\n' > compose.yaml
docker compose config
docker compose up -d
docker compose -p other up -d
COMPOSE_PROJECT_NAME=third docker compose up -d
docker ps --format '{{.Names}} {{.Networks}}'
docker compose ls
docker compose -p other ps --format '{{.Name}}'
docker compose -p other down
COMPOSE_PROJECT_NAME=third docker compose down
docker compose down
cd /root
docker compose --project-directory My_App.v2 config --services
docker compose -f My_App.v2/compose.yaml up -d
docker ps --format '{{.Names}}'
docker compose -f My_App.v2/compose.yaml down
printf 'name: named\nservices:\n  web:\n    image: netsim-lab/nginx\n' > /root/My_App.v2/compose.yaml
cd /root/My_App.v2
docker compose up -d
docker network ls --format '{{.Name}}'
docker compose down
