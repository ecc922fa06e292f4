# IPv6 on user-defined bridges (issue 17): a dual-stack network gets an IPv4 subnet from the
# default pools and the IPv6 subnet given; containers get one address of each, link-local
# addresses, an IPv6 default route; /etc/hosts, the embedded DNS (A and AAAA), ping and ping6,
# wget/curl to an IPv6 address; --ip6 on run and connect; two subnets given; --ipv6 without a
# subnet (the engine's own ULA pool).
docker network create --ipv6 --subnet fd00:1::/64 v6
docker network inspect -f '{{.EnableIPv6}} {{range .IPAM.Config}}{{.Subnet}} {{.Gateway}} {{end}}' v6
docker run -itd --name a6 --network v6 netsim-lab/alpine
docker run -itd --name d6 --network v6 netsim-lab/debian
docker run -d --name w6 --network v6 netsim-lab/nginx
docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}/{{.IPPrefixLen}} {{.GlobalIPv6Address}}/{{.GlobalIPv6PrefixLen}} {{.IPv6Gateway}} {{.Gateway}}{{end}}' a6 d6 w6
docker exec a6 ip addr show eth0
docker exec d6 ip -6 addr show eth0
docker exec d6 ip -6 route
docker exec a6 ip -6 route
docker exec a6 cat /etc/hosts
docker exec d6 cat /etc/hosts
docker exec d6 cat /etc/resolv.conf
docker exec d6 dig +short w6
docker exec d6 dig +short AAAA w6
docker exec d6 dig AAAA w6
docker exec d6 getent hosts w6
docker exec d6 getent ahosts w6
docker exec a6 nslookup w6
docker exec d6 nslookup w6
docker exec d6 host w6
docker exec a6 ping -c 1 w6
docker exec a6 ping -6 -c 1 w6
docker exec d6 ping -c 1 w6
docker exec d6 ping -6 -c 1 w6
docker exec d6 ping -c 1 fd00:1::1
docker exec a6 wget -qO- -T 2 http://[fd00:1::4]/
docker exec d6 curl -s -m 2 -o /dev/null -w '%{http_code} %{remote_ip}\n' http://w6/
docker exec d6 curl -6 -s -m 2 -o /dev/null -w '%{http_code} %{remote_ip}\n' http://w6/
docker exec d6 curl -4 -s -m 2 -o /dev/null -w '%{http_code} %{remote_ip}\n' http://w6/
docker run -itd --name s6 --network v6 --ip6 fd00:1::99 netsim-lab/alpine
docker inspect -f '{{range .NetworkSettings.Networks}}{{.GlobalIPv6Address}}{{end}}' s6
docker network create --ipv6 --subnet 172.30.0.0/24 --subnet fd00:2::/64 --gateway fd00:2::fe dual
docker network inspect -f '{{json .IPAM.Config}}' dual
docker network connect --ip6 fd00:2::20 dual d6
docker exec d6 ip -6 addr
docker exec d6 ip -6 route
docker network create --ipv6 auto6
docker network inspect -f '{{json .IPAM.Config}}' auto6
docker run -itd --name u6 --network auto6 netsim-lab/alpine
docker exec u6 ip -6 addr show eth0
ping -c 1 -W 1 fd00:1::2
curl -s -m 2 -o /dev/null -w '%{http_code}\n' http://[fd00:1::4]/
