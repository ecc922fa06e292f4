# netsim lint, subnets: networks whose addresses overlap each other or the hosts' LAN. Every
# command replays without an error from Docker, and the setup is still wrong:
# `netsim lint scenarios/lint-subnets.sh` lists each mistake at its line, with why and a fix
# (docs/lint.md), and exits 1. The comment above a command names the finding its line gets.
# netsim: lan 192.168.0.0/24 gateway=192.168.0.1
# netsim: host server1 address=192.168.0.50
# netsim: host server2 address=192.168.0.51
# netsim: host server3 address=192.168.0.52
# subnet-lan-overlap: 192.168.0.128/25 is the LAN's, which server1 now routes into a bridge
docker network create --subnet 192.168.0.128/25 lab
docker network create -d macvlan --subnet 10.30.0.0/16 --ip-range 10.30.1.0/24 -o parent=eth0.30 vlan30
# subnet-overlap: --ip-range keeps IPAM from checking the subnet, which vlan30's is too
docker network create --subnet 10.30.0.0/16 --ip-range 10.30.2.0/24 office
docker -H server2 network create -d macvlan --subnet 192.168.0.0/24 --gateway 192.168.0.1 --ip-range 192.168.0.64/28 -o parent=eth0 lan
# subnet-overlap: server3's macvlan hands out 192.168.0.64/27 on the LAN, as server2's does
docker -H server3 network create -d macvlan --subnet 192.168.0.0/24 --gateway 192.168.0.1 --ip-range 192.168.0.64/27 -o parent=eth0 lan
docker -H server2 run -dit --name c2 --network lan alpine
docker -H server3 run -dit --name c3 --network lan alpine
# what holds all the same (netsim check): both daemons gave out 192.168.0.64
# netsim: expect server2/c2 resolves c2 to 192.168.0.64
# netsim: expect server3/c3 resolves c3 to 192.168.0.64
