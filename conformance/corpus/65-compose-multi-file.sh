# Docker Compose: compose.override.yaml is merged onto compose.yaml; -f files are merged in order
# (ports and networks are added, image and command replaced); config shows the result.
mkdir -p /root/multi
cd /root/multi
cat > compose.yaml <<'EOF'
services:
  web:
    image: netsim-lab/nginx
    ports:
      - "8080:80"
    networks:
      - front
  api:
    image: netsim-lab/nginx
    networks:
      - front
networks:
  front:
EOF
cat > compose.override.yaml <<'EOF'
services:
  web:
    ports:
      - "8081:80"
  debug:
    image: netsim-lab/alpine
    command: sleep 3600
EOF
cat > compose.prod.yaml <<'EOF'
services:
  web:
    image: netsim-lab/nginx
    networks:
      - back
  api:
    networks:
      back:
        aliases:
          - backend
networks:
  back:
    internal: true
EOF
docker compose config
docker compose -f compose.yaml -f compose.prod.yaml config
docker compose -f compose.yaml -f compose.prod.yaml up -d
docker compose -f compose.yaml -f compose.prod.yaml ps --format '{{.Name}} {{.Image}} {{.Ports}}'
docker inspect -f '{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{$v.Aliases}}{{"\n"}}{{end}}' multi-api-1
docker compose -f compose.yaml -f compose.prod.yaml exec web nslookup backend
docker compose -f compose.yaml -f compose.prod.yaml down
docker compose up -d
docker compose ps --format '{{.Name}} {{.Ports}}'
docker compose down
