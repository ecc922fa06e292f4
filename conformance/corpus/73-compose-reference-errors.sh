# Docker Compose: references Compose checks — an undefined network, an undefined depends_on
# service, a dependency cycle, network_mode of an unknown service, an external network that does
# not exist, an unknown service named on the command line, a host port already taken at up.
mkdir -p /root/refs
cd /root/refs
printf 'services:\n  web:\n    image: netsim-lab/nginx\n    networks:\n      - nope\n' > compose.yaml
docker compose config
printf 'services:\n  web:\n    image: netsim-lab/nginx\n    depends_on:\n      - ghost\n' > compose.yaml
docker compose config
printf 'services:\n  a:\n    image: netsim-lab/nginx\n    depends_on: [b]\n  b:\n    image: netsim-lab/nginx\n    depends_on: [a]\n' > compose.yaml
docker compose config
docker compose up -d
printf 'services:\n  web:\n    image: netsim-lab/nginx\n    network_mode: "service:ghost"\n' > compose.yaml
docker compose config
printf 'services:\n  web:\n    image: netsim-lab/nginx\n    networks: [outside]\nnetworks:\n  outside:\n    external: true\n' > compose.yaml
docker compose config
docker compose up -d
printf 'services:\n  web:\n    image: netsim-lab/nginx\n' > compose.yaml
docker compose up -d ghost
docker compose exec ghost ls
docker compose exec web
docker compose port web 81
docker compose ps ghost
printf 'services:\n  a:\n    image: netsim-lab/nginx\n    ports: ["8080:80"]\n  b:\n    image: netsim-lab/nginx\n    ports: ["8080:80"]\n' > compose.yaml
docker compose up -d
docker compose ps -a --format '{{.Name}} {{.State}}'
docker compose down
printf 'services:\n  web:\n    image: netsim-lab/nginx\n    networks:\n      default:\n        ipv4_address: 10.99.0.5\n' > compose.yaml
docker compose up -d
docker compose down
docker compose -p Bad_Name config
COMPOSE_PROJECT_NAME=-x docker compose config
