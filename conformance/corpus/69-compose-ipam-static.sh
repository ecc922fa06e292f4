# Docker Compose: a network with its own subnet, ip_range and gateway, fixed addresses, a service
# on two networks (its default gateway: the first by priority, then by name), attachable.
mkdir -p /root/ipam
cd /root/ipam
cat > compose.yaml <<'EOF'
services:
  router:
    image: netsim-lab/alpine
    command: sleep 3600
    networks:
      inner:
        ipv4_address: 10.20.0.10
        priority: 100
      outer:
        ipv4_address: 10.30.0.10
  client:
    image: netsim-lab/alpine
    command: sleep 3600
    networks:
      - inner
networks:
  inner:
    ipam:
      config:
        - subnet: 10.20.0.0/16
          ip_range: 10.20.5.0/24
          gateway: 10.20.0.254
  outer:
    attachable: true
    ipam:
      driver: default
      config:
        - subnet: 10.30.0.0/24
EOF
docker compose up -d
docker network inspect -f '{{.Name}} {{.Attachable}} {{json .IPAM}}' ipam_inner ipam_outer
docker inspect -f '{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{$v.IPAddress}} {{$v.Gateway}}{{"\n"}}{{end}}' ipam-router-1 ipam-client-1
docker compose exec router ip route
docker compose exec client ping -c 1 router
docker compose exec client ip addr
docker run --rm --network ipam_outer netsim-lab/alpine ping -c 1 router
docker compose down
