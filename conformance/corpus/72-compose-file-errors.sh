# Docker Compose: files Compose refuses before doing anything: bad YAML, unknown keys, wrong types,
# no compose file, an empty file, no services — one message each, exit status 1 (nothing created).
mkdir -p /root/bad
cd /root/bad
docker compose up -d
docker compose config
printf 'services:\n  web:\n    image: netsim-lab/nginx\n   ports: ["80:80"]\n' > compose.yaml
docker compose config
printf 'services:\n  web:\n    image: netsim-lab/nginx\n    prots:\n      - "80:80"\n' > compose.yaml
docker compose config
printf 'services:\n  web:\n    image: netsim-lab/nginx\nfoo: bar\n' > compose.yaml
docker compose config
printf 'services:\n  web:\n    image: netsim-lab/nginx\n    ports: 80\n' > compose.yaml
docker compose config
printf 'services:\n  web:\n    image: [nginx]\n' > compose.yaml
docker compose config
printf 'services:\n  web:\n    image: netsim-lab/nginx\n    deploy:\n      replicas: two\n' > compose.yaml
docker compose config
printf 'services:\n  web:\n    image: netsim-lab/nginx\n    networks:\n      - 42\n' > compose.yaml
docker compose config
printf 'services: []\n' > compose.yaml
docker compose config
printf '' > compose.yaml
docker compose config
printf 'name: shop\n' > compose.yaml
docker compose config
docker compose up -d
printf 'services:\n  web:\n    build: .\n' > compose.yaml
docker compose config --services
printf 'services:\n  web:\n    image: netsim-lab/nginx\n    ports:\n      - "80:80:80:80"\n' > compose.yaml
docker compose config
printf 'services:\n  web:\n    image: netsim-lab/nginx\n    ports:\n      - "99999:80"\n' > compose.yaml
docker compose config
printf 'services:\n  web:\n    image: netsim-lab/nginx\n    network_mode: bridge\n    networks: [default]\n' > compose.yaml
docker compose config
docker compose -f nothere.yaml config
docker network ls --format '{{.Name}}'
