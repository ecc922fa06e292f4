# netsim: daemon --ipv6 --fixed-cidr-v6=fd00:d0c::/64
# The default bridge with IPv6 (dockerd --ipv6 --fixed-cidr-v6, daemon.json "ipv6": true,
# "fixed-cidr-v6"): docker0's IPv6 subnet and gateway, containers' IPv6 addresses, their
# /etc/hosts, ping6 between them and to the host, a published port on [::]; a user-defined
# network still needs --ipv6; --ipv6 without a subnet then takes from the default pools.
docker network inspect -f '{{.EnableIPv6}} {{json .IPAM.Config}}' bridge
docker run -itd --name b1 netsim-lab/alpine
docker run -itd --name b2 netsim-lab/debian
docker run -d --name bw -p 8080:80 netsim-lab/nginx
docker inspect -f '{{.NetworkSettings.IPAddress}} {{.NetworkSettings.GlobalIPv6Address}}/{{.NetworkSettings.GlobalIPv6PrefixLen}} {{.NetworkSettings.IPv6Gateway}}' b1 b2 bw
docker exec b1 ip addr show eth0
docker exec b2 ip -6 route
docker exec b2 cat /etc/hosts
docker exec b1 ping -c 1 fd00:d0c::3
docker exec b2 ping -c 1 fd00:d0c::1
docker exec b2 curl -s -m 2 -o /dev/null -w '%{http_code}\n' http://[fd00:d0c::4]/
docker port bw
curl -s -m 2 -o /dev/null -w '%{http_code}\n' http://[::1]:8080/
ping -c 1 -W 1 fd00:d0c::2
docker network create plain
docker network inspect -f '{{.EnableIPv6}} {{json .IPAM.Config}}' plain
docker network create --ipv6 auto6
docker network inspect -f '{{.EnableIPv6}} {{json .IPAM.Config}}' auto6
