# --network host: what probes inside a host-network container print. ip addr / ip route /
# ifconfig / route -n show the host's own interfaces (eth0 192.168.0.100, docker0, vethXXX),
# hostname and /etc/hosts are the host's; compare with the same commands run on the host.
docker run -d --name b1 netsim-lab/alpine sleep 1000
docker run -d --name hd --network host netsim-lab/debian sleep 1000
docker run -d --name ha --network host netsim-lab/alpine sleep 1000
ip addr
docker exec hd ip addr
docker exec ha ip addr
docker exec hd ip -4 addr
docker exec ha ip -4 addr
docker exec hd ip addr show docker0
docker exec ha ip addr show eth0
ip route
docker exec hd ip route
docker exec ha ip route
docker exec hd ip link
docker exec ha ifconfig
docker exec hd ifconfig
docker exec hd route -n
docker exec ha route -n
docker exec hd netstat -rn
hostname
docker exec hd hostname
docker exec ha hostname
docker exec hd hostname -i
docker exec ha hostname -i
cat /etc/hosts
docker exec hd cat /etc/hosts
docker exec hd cat /etc/hostname
cat /etc/resolv.conf
docker exec hd cat /etc/resolv.conf
docker exec hd ping -c 2 172.17.0.2
docker exec ha ping -c 2 192.168.0.1
docker exec hd ping -c 2 192.168.0.101
docker exec hd ping -c 1 google.com
docker exec ha ping -c 1 google.com
docker exec hd dig +short example.com
docker exec ha nslookup example.com
docker exec hd curl -s -m 2 http://example.com/
docker exec ha wget -qO- -T 2 http://docker.com/
docker exec hd getent hosts server1
docker exec hd ping -c 1 b1
