# Docker's macvlan tutorial (docs: engine/network/tutorials/macvlan.md): bridge mode, then an
# 802.1Q trunk with a VLAN sub-interface eth0.10.
# netsim: lan 172.16.86.0/24 gateway=172.16.86.1
docker network create -d macvlan --subnet=172.16.86.0/24 --gateway=172.16.86.1 \
  -o parent=eth0 my-macvlan-net
docker run --rm -dit --network my-macvlan-net --name my-macvlan-alpine alpine:latest ash
# netsim: expect my-macvlan-alpine reaches 172.16.86.1
# netsim: expect @host does not reach my-macvlan-alpine because MACVLAN_HOST_ISOLATION
docker container inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}} {{.Gateway}}{{end}}' my-macvlan-alpine
docker container stop my-macvlan-alpine
docker network rm my-macvlan-net
docker network create -d macvlan --subnet=172.16.86.0/24 --gateway=172.16.86.1 \
  -o parent=eth0.10 my-8021q-macvlan-net
docker run --rm -itd --network my-8021q-macvlan-net --name my-second-macvlan-alpine alpine:latest ash
# netsim: expect @host does not reach my-second-macvlan-alpine
docker network inspect -f '{{.Options}}' my-8021q-macvlan-net
docker container inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' my-second-macvlan-alpine
docker container stop my-second-macvlan-alpine
docker network rm my-8021q-macvlan-net
