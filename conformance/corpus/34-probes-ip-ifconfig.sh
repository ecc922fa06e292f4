# ip addr / ip -4 addr / ip link / ip route, ifconfig, route -n, netstat -rn inside busybox and
# Debian containers, on one network then on two; unknown devices; and the host's view.
docker network create net1
docker network create --subnet 10.1.0.0/24 net2
docker run -d --name a1 --network net1 netsim-lab/alpine sleep 1000
docker run -d --name d1 --network net1 netsim-lab/debian sleep 1000
docker run -d --name bb --network net1 netsim-lab/busybox sleep 1000
docker exec a1 ip addr
docker exec a1 ip a
docker exec a1 ip -4 addr
docker exec a1 ip addr show eth0
docker exec a1 ip addr show eth9
docker exec a1 ip link
docker exec a1 ip route
docker exec a1 ip r
docker exec d1 ip addr
docker exec d1 ip -4 addr
docker exec d1 ip addr show dev eth0
docker exec d1 ip addr show eth9
docker exec d1 ip link
docker exec d1 ip route
docker exec bb ip addr
docker exec bb ip route
docker exec a1 ifconfig
docker exec a1 ifconfig -a
docker exec a1 ifconfig eth0
docker exec d1 ifconfig
docker exec d1 ifconfig eth0
docker exec a1 route -n
docker exec d1 route -n
docker exec a1 netstat -rn
docker exec d1 netstat -rn
docker network connect net2 a1
docker network connect net2 d1
docker exec a1 ip addr
docker exec a1 ip route
docker exec a1 ifconfig
docker exec d1 ip -4 addr
docker exec d1 ip route
docker exec d1 route -n
docker exec d1 hostname -i
ip -4 addr
ip link show docker0
ip route
docker run --rm netsim-lab/busybox ip route
docker run --rm netsim-lab/debian ip -4 addr
docker -H server2 run --rm netsim-lab/alpine ip addr
