# IPv6-only networks (--ipv4=false, Docker 28.0 / API 1.48): no IPv4 address, no IPv4 route;
# names answer AAAA only; ping and wget by name go over IPv6; what docker inspect and ip show.
docker network create --ipv6 --ipv4=false --subnet fd00:3::/64 v6only
docker network inspect -f '{{.EnableIPv4}} {{.EnableIPv6}} {{json .IPAM.Config}}' v6only
docker run -itd --name o1 --network v6only netsim-lab/alpine
docker run -itd --name o2 --network v6only netsim-lab/debian
docker run -d --name ow --network v6only netsim-lab/nginx
docker inspect -f '{{range .NetworkSettings.Networks}}[{{.IPAddress}}] {{.GlobalIPv6Address}}/{{.GlobalIPv6PrefixLen}} {{.IPv6Gateway}}{{end}}' o1 o2 ow
docker exec o1 ip addr
docker exec o1 ip route
docker exec o2 ip -6 route
docker exec o2 cat /etc/hosts
docker exec o2 dig +short ow
docker exec o2 dig +short AAAA ow
docker exec o2 getent hosts ow
docker exec o1 nslookup ow
docker exec o1 ping -c 1 ow
docker exec o2 ping -c 1 ow
docker exec o1 wget -qO- -T 2 http://ow/
docker exec o2 curl -s -m 2 -o /dev/null -w '%{http_code} %{remote_ip}\n' http://ow/
docker network create --ipv4=false v4off
docker network create --ipv6 --ipv4=false v6auto
docker network inspect -f '{{json .IPAM.Config}}' v6auto
docker run -itd --name o3 --network v6only --ip 172.18.0.9 netsim-lab/alpine
