# ping as netsim simulates it: busybox (alpine, busybox images) and iputils (debian), by name and
# by IP, unknown names, no answer (-W 1), another network (dropped), the internet, the host,
# usage errors; and ping on the Docker host itself.
docker network create net1
docker network create net2
docker run -d --name a1 --network net1 netsim-lab/alpine sleep 1000
docker run -d --name d1 --network net1 netsim-lab/debian sleep 1000
docker run -d --name bb --network net1 netsim-lab/busybox sleep 1000
docker run -d --name other --network net2 netsim-lab/alpine sleep 1000
docker exec a1 ping -c 2 d1
docker exec d1 ping -c 2 a1
docker exec bb ping -c 1 a1
docker exec a1 ping -c 2 172.18.0.3
docker exec d1 ping -c 2 172.18.0.2
docker exec a1 ping -c 1 -W 1 nosuchhost
docker exec d1 ping -c 1 -W 1 nosuchhost
docker exec bb ping -c 1 -W 1 nosuchhost
docker exec a1 ping -c 1 -W 1 172.18.0.99
docker exec d1 ping -c 1 -W 1 172.18.0.99
docker exec d1 ping -c 2 -W 1 172.19.0.2
docker exec a1 ping -c 2 -W 1 172.19.0.2
docker exec a1 ping -c 1 -W 1 other
docker exec a1 ping -c 2 google.com
docker exec d1 ping -c 2 example.com
docker exec d1 ping -c 1 203.0.113.10
docker exec a1 ping -c 2 192.168.0.1
docker exec d1 ping -c 2 192.168.0.100
docker exec d1 ping -c 2 192.168.0.101
docker exec d1 ping -c 2 172.18.0.1
docker exec a1 ping -c 1 172.17.0.1
docker exec a1 ping -c 1 localhost
docker exec d1 ping -c 1 d1
docker exec d1 ping -c 1 -q a1
docker exec d1 ping
docker exec d1 ping -c abc a1
docker exec d1 ping -c 0 a1
docker exec a1 ping -z a1
docker exec a1 ping
ping -c 2 172.18.0.2
ping -c 1 google.com
ping -c 1 -W 1 nosuch.invalid
ping -c 1 -W 1 192.168.0.99
ping -c 2 192.168.0.101
docker -H server2 run --rm netsim-lab/debian ping -c 1 192.168.0.100
docker -H server2 run --rm netsim-lab/alpine ping -c 1 -W 1 172.18.0.2
docker stop -t 1 d1
docker exec a1 ping -c 1 -W 1 d1
docker exec a1 ping -c 2 -W 1 172.18.0.3
