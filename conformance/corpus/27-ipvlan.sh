# ipvlan networks (the lab's kernel has no ipvlan, so no container joins one here): l2 (default)
# and l3 on eth0 of each host with distinct ranges, what inspect/ls show, and the driver's errors:
# parent already used by another ipvlan network, invalid ipvlan_mode / ipvlan_flag, a missing
# parent, a macvlan beside an ipvlan on the same parent.
docker network create -d ipvlan --subnet 192.168.0.0/24 --gateway 192.168.0.1 --ip-range 192.168.0.192/28 -o parent=eth0 ipl2
docker -H server2 network create -d ipvlan --subnet 192.168.0.0/24 --gateway 192.168.0.1 --ip-range 192.168.0.208/28 -o parent=eth0 -o ipvlan_mode=l2 ipl2
docker network inspect -f '{{json .Options}} {{json .IPAM.Config}}' ipl2
docker -H server2 network inspect -f '{{json .Options}} {{json .IPAM.Config}}' ipl2
docker network inspect ipl2
docker network create -d ipvlan --subnet 10.20.0.0/24 -o parent=eth0 -o ipvlan_mode=l3 ipl3
docker network create -d ipvlan --subnet 10.40.0.0/24 -o parent=eth0 -o ipvlan_mode=l4 iplbad
docker network create -d ipvlan --subnet 10.60.0.0/24 -o parent=eth0 -o ipvlan_flag=bogus ipflagbad
docker network create -d ipvlan --subnet 10.61.0.0/24 -o parent=eth7 ipmissing
docker network create -d macvlan --subnet 10.70.0.0/24 -o parent=eth0 mvsame
docker network ls --format '{{.Name}}\t{{.Driver}}'
docker network ls --filter driver=ipvlan
docker network rm ipl2
# netsim: on server2
docker network create -d ipvlan --subnet 10.20.0.0/24 -o parent=eth0 -o ipvlan_mode=l3 ipl3
docker network create -d ipvlan --subnet 10.30.0.0/24 -o parent=eth0 -o ipvlan_mode=l3s ipl3s
docker network rm ipl2
docker network create -d ipvlan --subnet 10.30.0.0/24 -o parent=eth0 -o ipvlan_mode=l3s ipl3s
docker network create -d ipvlan --subnet 10.50.0.0/24 -o parent=eth0 -o ipvlan_mode=l3 -o ipvlan_flag=private ipflag
docker network inspect -f '{{.Name}} {{json .Options}} {{json .IPAM.Config}}' ipl3s
docker network ls --filter driver=ipvlan --format '{{.Name}} {{.Scope}}'
