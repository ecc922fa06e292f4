# User-defined bridges: the embedded DNS (127.0.0.11) resolves container names and
# NAME.NETWORK on the same network only; separate networks are isolated from each other even
# by address; --hostname is not a DNS name; reverse lookups; network create/rm errors.
docker network create net1
docker network create net2
docker run -itd --name a1 --network net1 netsim-lab/alpine
docker run -itd --name a2 --network net1 netsim-lab/alpine
docker run -itd --name b1 --network net2 netsim-lab/debian
docker run -itd --name d1 --network net1 netsim-lab/debian
docker network ls
docker network inspect -f '{{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}}' net1 net2
docker exec a1 ping -c 1 a2
docker exec a1 ping -c 1 a2.net1
docker exec a1 nslookup a2
docker exec a1 nslookup a2.net1
docker exec d1 dig +short a1
docker exec d1 dig +short a1.net1
docker exec d1 getent hosts a2
docker exec d1 host a2
docker exec d1 ping -c 1 a1.net1
docker exec a1 ping -c 1 -W 1 b1
docker exec a1 ping -c 1 -W 1 b1.net2
docker exec a1 ping -c 1 -W 1 172.19.0.2
docker exec b1 ping -c 1 -W 1 172.18.0.2
docker exec d1 dig +short b1
docker exec d1 dig b1
docker exec d1 host b1
docker exec a1 cat /etc/resolv.conf
docker exec a1 cat /etc/hosts
docker exec a1 ping -c 1 172.18.0.1
docker exec b1 ping -c 1 192.168.0.100
docker run -itd --name h1 --hostname myhost --network net1 netsim-lab/alpine
docker exec h1 hostname
docker exec a1 ping -c 1 -W 1 myhost
docker exec d1 dig +short h1
docker exec d1 dig +short -x 172.18.0.2
docker exec d1 getent hosts 172.18.0.3
ping -c 1 172.18.0.2
ping -c 1 172.19.0.2
docker run --rm --network net1 netsim-lab/alpine ping -c 1 a1
docker run --rm --network net2 netsim-lab/debian dig +short a1
docker network create net1
docker network rm net1
docker network rm nosuch
docker network ls --filter name=net
