# Adapted from scenarios/seed-modes.sh (the seed's bridge, host, none and container network
# modes): a container on the host's namespace, one with only lo, and one sharing another's
# namespace (same interfaces and address).
docker run -itd --name network_bridge netsim-lab/alpine
docker run -itd --name network_host --net host netsim-lab/alpine
docker run -itd --name network_none --net none netsim-lab/alpine
docker run -itd --name network_container_1 netsim-lab/alpine
docker run -itd --name network_cotainer_2 --net container:network_container_1 netsim-lab/alpine
# netsim: expect network_host reaches google.com
# netsim: expect network_none does not reach 203.0.113.10 because NO_INTERFACE
# netsim: expect network_cotainer_2 reaches google.com
# netsim: expect network_none runs ifconfig eth0 and exits 1
docker inspect -f '{{.HostConfig.NetworkMode}} {{.NetworkSettings.IPAddress}}' network_container_1 network_cotainer_2
docker inspect -f '{{.HostConfig.NetworkMode}}' network_host network_none network_bridge
docker exec network_none ifconfig
docker exec network_none ifconfig eth0
docker exec network_none ip addr
docker exec network_none ping -c 1 -W 1 google.com
docker exec network_none ping -c 1 -W 1 203.0.113.10
docker exec network_host hostname
docker exec network_host ip -4 addr show eth0
docker exec network_host ping -c 1 google.com
docker exec network_host ping -c 1 192.168.0.1
docker exec network_host cat /etc/resolv.conf
docker exec network_bridge ip -4 addr show eth0
docker exec network_bridge ping -c 1 google.com
docker exec network_container_1 hostname -i
docker exec network_cotainer_2 hostname -i
docker exec network_cotainer_2 ip -4 addr show eth0
docker exec network_cotainer_2 ping -c 1 google.com
docker exec network_cotainer_2 ping -c 1 172.17.0.2
docker ps
