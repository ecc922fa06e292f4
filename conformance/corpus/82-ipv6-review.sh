# netsim: daemon --ipv6 --fixed-cidr-v6=fd00:d0c::/64
# IPv6, second batch (issue 17's review): the bridge driver's IPv6 subnet checks, two IPv6
# subnets on one bridge, an IPv6 --subnet without --ipv6, a dual-homed container's default
# routes when only one of its networks has IPv6, -p on an IPv6-only network and on [::] only,
# legacy links and host-gateway on a dual-stack default bridge, nc -4/-6.
docker network create --ipv6 --subnet ff00::/64 m6
docker network create --ipv6 --subnet fe80::/80 ll80
docker network create --ipv6 --subnet ::ffff:10.0.0.0/104 mapped
docker network create --ipv6 --subnet fd00:7::/64 --subnet fd00:8::/64 two6
docker network create --subnet fd00:5::/64 nov6
docker network inspect -f '{{.EnableIPv6}} {{json .IPAM.Config}}' nov6
docker network create --ipv6 --subnet fd00:5::/64 withv6
docker network create --subnet 10.10.0.0/24 aaa
docker network create --ipv6 --subnet 10.20.0.0/24 --subnet fd00:20::/64 zzz
docker run -itd --name dh --network aaa netsim-lab/debian
docker network connect zzz dh
docker run -d --name web netsim-lab/nginx
docker run -itd --name cli --link web:w --add-host hg:host-gateway netsim-lab/debian
docker network create --ipv6 --ipv4=false --subnet fd00:30::/64 only6
docker run -d --name w6o --network only6 -p 8086:80 netsim-lab/nginx
docker run -d --name w6a --network withv6 -p [::]:8087:80 netsim-lab/nginx
docker run -d --name pz --network zzz netsim-lab/nginx
docker exec dh ip route
docker exec dh ip -6 route
docker exec cli cat /etc/hosts
docker exec cli getent ahosts w
docker exec cli nc -4 -zv -w 2 w 80
docker exec cli nc -6 -zv -w 2 w 80
docker exec dh nc -6 -zv -w 2 pz 80
docker exec dh nc -4 -zv -w 2 pz 80
docker port w6o
docker port w6a
curl -s -m 2 -o /dev/null -w '%{http_code}\n' http://[::1]:8086/
curl -s -m 2 -o /dev/null -w '%{http_code}\n' http://127.0.0.1:8086/
curl -s -m 2 -o /dev/null -w '%{http_code}\n' http://127.0.0.1:8087/
curl -s -m 2 -o /dev/null -w '%{http_code}\n' http://[::1]:8087/
docker run -itd --name a8 --network withv6 netsim-lab/alpine
docker exec a8 ping6 -c 1 w6a
docker exec cli ping6 -c 1 w
