# netsim lint, macvlan: a container on a macvlan network is a machine of its own on the LAN,
# which its own host cannot talk to, and whose -p Docker ignores.
# `netsim lint scenarios/lint-macvlan.sh` lists each mistake at its line, with why and a fix
# (docs/lint.md), and exits 1. The comment above a command names the finding its line gets.
# netsim: lan 192.168.0.0/24 gateway=192.168.0.1
# netsim: host server1 address=192.168.0.50
docker network create -d macvlan --subnet 192.168.0.0/24 --gateway 192.168.0.1 --ip-range 192.168.0.64/28 --aux-address server1=192.168.0.50 -o parent=eth0 lan
# macvlan-publish: -p on a macvlan container is ignored
docker run -d --name printer --network lan -p 8631:80 nginx
docker run -dit --name probe --network lan alpine
# macvlan-host-isolation: the container pings its own host
docker exec probe ping -c 1 192.168.0.50
# macvlan-host-isolation: the host fetches its own macvlan container's page
curl -s -m 2 http://192.168.0.64/
# what holds all the same (netsim check)
# netsim: expect probe does not reach @server1 because MACVLAN_HOST_ISOLATION
# netsim: expect probe reaches printer on 80
