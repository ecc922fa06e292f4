# Adapted from scenarios/stack-vpn-sidecar.sh: a VPN sidecar owns the network namespace; the
# app joins it with --network container:vpn, so it has the vpn's interfaces and address and no
# veth of its own. (netsim-lab/debian with a UDP netcat listener stands in for wireguard.)
docker network create tunnel
docker run -d --name vpn --network tunnel -p 51820:51820/udp netsim-lab/debian nc -lu 51820
docker run -d --name app --network container:vpn netsim-lab/nginx
docker run -dit --name peer --network tunnel netsim-lab/alpine ash
# netsim: expect app reaches google.com
# netsim: expect peer reaches vpn on 80
# netsim: expect app runs hostname -i and exits 0
docker port vpn
echo hello | nc -u -w 1 192.168.0.100 51820
docker logs vpn
docker exec app ping -c 1 google.com
docker exec peer wget -qO- -T 2 http://vpn/
docker exec app hostname -i
docker exec vpn hostname -i
docker exec app ip -4 addr show eth0
docker exec peer nslookup app
docker inspect -f '{{.HostConfig.NetworkMode}}' app
docker stop vpn
# the owner's namespace is gone: the joiner keeps running with only lo; start is a no-op
docker ps -a
docker exec app ping -c 1 -W 1 google.com
docker start app
docker start vpn
docker start app
docker exec app hostname -i
