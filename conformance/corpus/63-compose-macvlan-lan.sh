# Docker Compose: a service on a macvlan network over the hosts' LAN (parent eth0), with a fixed
# address; the LAN's router and the other host reach it, its own host does not.
mkdir -p /root/lan
cd /root/lan
cat > compose.yaml <<'EOF'
services:
  printer:
    image: netsim-lab/nginx
    networks:
      lan:
        ipv4_address: 192.168.0.140
  scanner:
    image: netsim-lab/alpine
    command: ["sleep", "3600"]
    networks:
      - lan
networks:
  lan:
    driver: macvlan
    driver_opts:
      parent: eth0
    ipam:
      config:
        - subnet: 192.168.0.0/24
          ip_range: 192.168.0.128/28
          gateway: 192.168.0.1
EOF
docker compose up -d
docker network inspect -f '{{.Name}} {{.Driver}} {{.Options}} {{.IPAM.Config}}' lan_lan
docker inspect -f '{{range $k, $v := .NetworkSettings.Networks}}{{$k}} {{$v.IPAddress}} {{$v.Gateway}}{{end}}' lan-printer-1 lan-scanner-1
docker compose exec scanner ping -c 1 192.168.0.1
docker compose exec scanner wget -qO- -T 2 http://printer/
docker compose exec scanner ip addr
ping -c 1 -W 1 192.168.0.140
docker -H server2 run --rm netsim-lab/alpine wget -qO- -T 2 http://192.168.0.140/
docker compose down
