# The seed's MacVLAN example: two servers on one LAN (192.168.0.0/24, router 192.168.0.1),
# each with a macvlan network on its eth0, handing out addresses from its own --ip-range.
# netsim: lan 192.168.0.0/24 gateway=192.168.0.1
# netsim: host server1 address=192.168.0.50
# netsim: host server2 address=192.168.0.51
docker -H server1 network create -d macvlan --subnet=192.168.0.0/24 \
  --ip-range=192.168.0.64/28 --gateway=192.168.0.1 \
  -o macvlan_mode=bridge -o parent=eth0 my_macvlan
docker -H server2 network create -d macvlan --subnet=192.168.0.0/24 \
  --ip-range=192.168.0.128/28 --gateway=192.168.0.1 \
  -o macvlan_mode=bridge -o parent=eth0 my_macvlan
docker -H server1 run -itd --name c1 --net my_macvlan ubuntu:14.04
docker -H server2 run -itd --name c2 --net my_macvlan ubuntu:14.04
# netsim: expect server1/c1 reaches server2/c2
# netsim: expect server1/c1 reaches 192.168.0.1
# netsim: expect server1/c1 reaches @server2
# netsim: expect @server1 does not reach server1/c1 because MACVLAN_HOST_ISOLATION
# netsim: expect server1/c1 does not reach @server1 because MACVLAN_HOST_ISOLATION
docker -H server1 inspect -f '{{.NetworkSettings.Networks.my_macvlan.IPAddress}}' c1
docker -H server2 network inspect my_macvlan
