# Dual-stack bridges: IPv6 beside IPv4 (Docker 27 and later, the default engine here).
#
# A network made with --ipv6 and an IPv6 --subnet also gets an IPv4 subnet from Docker's pools;
# each container on it gets one address of each family, and its name answers A and AAAA. Which
# address a program then uses is the program's choice: glibc (Debian, Ubuntu) sorts the IPv6
# ULA first when the container has one, musl (Alpine, netshoot) sorts IPv4 first, BusyBox's
# ping and wget take the IPv4 one, curl tries IPv6 first and falls back. Since 27.0 dockerd
# isolates IPv6 networks from each other with ip6tables, as it isolates IPv4 ones; a network
# made with --ipv4=false has no IPv4 at all, so its containers cannot talk IPv4. A published
# port listens on 0.0.0.0 and [::] of the host.
docker network create --ipv6 --subnet fd00:1::/64 front
docker network create --ipv6 --subnet fd00:2::/64 back
docker network create --ipv6 --ipv4=false --subnet fd00:3::/64 v6only
docker run -d --name web --network front -p 8080:80 nginx
docker run -dit --name client --network front debian
# netsim: container client tools ping=iputils,curl,getent=glibc
docker run -dit --name tiny --network front alpine
docker run -d --name db --network back redis
docker run -dit --name o1 --network v6only alpine
docker inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}} {{.GlobalIPv6Address}}{{end}}' web
docker exec client getent ahosts web
docker exec client ping -c 1 web
docker exec tiny ping -c 1 web
docker exec client curl -s -o /dev/null -w '%{http_code} %{remote_ip}\n' http://web/
docker exec client ping -c 1 -W 1 fd00:2::2
docker exec o1 ping -c 1 -W 1 172.18.0.2
# netsim: expect client reaches web on 80
# netsim: expect client reaches fd00:1::2 on 80
# netsim: expect client does not reach fd00:2::2 on 6379 because ISOLATED_NETWORKS
# netsim: expect o1 does not reach 172.18.0.2 because NO_ROUTE
# netsim: expect @host reaches fd00:1::2 on 80
# netsim: expect @host reaches web on 80
