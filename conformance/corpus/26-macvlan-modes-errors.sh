# macvlan options: default and explicit macvlan_mode values (bridge, private, vepa, passthru)
# and an invalid one; a second macvlan on the same parent (same subnet, other subnets); a missing
# parent; private mode isolation; --ip inside/outside the subnet and already used; rm in use.
docker network create -d macvlan -o parent=eth0 --subnet 192.168.0.0/24 --gateway 192.168.0.1 --ip-range 192.168.0.160/28 mvb
docker network inspect -f '{{json .Options}}' mvb
docker network create -d macvlan -o parent=eth0 -o macvlan_mode=bridge --subnet 192.168.0.0/24 --gateway 192.168.0.1 --ip-range 192.168.0.176/28 mv2
docker network create -d macvlan -o parent=eth0 -o macvlan_mode=private --subnet 10.10.1.0/24 mvp
docker network create -d macvlan -o parent=eth0 -o macvlan_mode=vepa --subnet 10.10.2.0/24 mvv
docker network create -d macvlan -o parent=eth0 -o macvlan_mode=passthru --subnet 10.10.3.0/24 mvt
docker network create -d macvlan -o parent=eth0 -o macvlan_mode=bogus --subnet 10.10.4.0/24 mvx
docker network create -d macvlan -o parent=eth9 --subnet 10.10.5.0/24 mvmissing
docker network create -d macvlan --internal -o parent=eth0 --subnet 10.10.30.0/24 mvint
docker network ls --filter driver=macvlan
docker network ls --filter driver=macvlan --format '{{.Name}} {{.Driver}} {{.Scope}}'
docker network inspect -f '{{.Name}} {{.Internal}} {{json .Options}}' mvp mvv mvint
docker run -d --name p1 --network mvp netsim-lab/alpine sleep 1000
docker run -d --name p2 --network mvp netsim-lab/alpine sleep 1000
docker exec p1 ping -c 1 -W 1 10.10.1.3
docker exec p2 ping -c 1 -W 1 p1
docker run -d --name b1 --network mvb netsim-lab/alpine sleep 1000
docker run -d --name b2 --network mvb --ip 192.168.0.10 netsim-lab/alpine sleep 1000
docker exec b1 ping -c 2 192.168.0.10
docker exec b1 ping -c 2 b2
docker run -d --name b3 --network mvb --ip 10.0.0.5 netsim-lab/alpine sleep 1000
docker run -d --name b4 --network mvb --ip 192.168.0.10 netsim-lab/alpine sleep 1000
docker network rm mvb
