# macvlan/ipvlan driver errors: invalid modes and ipvlan flags, the loopback as parent, bad 802.1q
# sub-interface names and VLAN ids, a parent already used by another ipvlan network or by a
# macvlan passthru network, a parent that does not exist.
docker network create -d macvlan -o parent=eth0 -o macvlan_mode=bogus --subnet 10.10.4.0/24 mv1
docker network create -d ipvlan -o parent=eth0 -o ipvlan_mode=l4 --subnet 10.10.5.0/24 iv1
docker network create -d macvlan -o parent=lo --subnet 10.10.6.0/24 mv2
docker network create -d ipvlan -o parent=lo --subnet 10.10.7.0/24 iv2
docker network create -d macvlan -o parent=eth0.x --subnet 10.10.8.0/24 mv3
docker network create -d macvlan -o parent=.10 --subnet 10.10.9.0/24 mv4
docker network create -d macvlan -o parent=eth0.5000 --subnet 10.10.10.0/24 mv5
docker network create -d macvlan -o parent=eth0.0 --subnet 10.10.11.0/24 mv6
docker network create -d macvlan -o parent=eth0.10.20 --subnet 10.10.20.0/24 mv13
docker network create -d ipvlan -o parent=eth0 -o ipvlan_flag=bogus --subnet 10.10.21.0/24 iv5
docker network create -d macvlan -o parent=eth9 --subnet 10.10.12.0/24 mv7
docker network create -d ipvlan -o parent=eth0 --subnet 10.10.13.0/24 iv3
docker network create -d ipvlan -o parent=eth0 --subnet 10.10.14.0/24 iv4
docker network create -d macvlan -o parent=eth0 --subnet 10.10.15.0/24 mv8
docker network rm iv3
docker network create -d macvlan -o parent=eth0 -o macvlan_mode=passthru --subnet 10.10.16.0/24 mv9
docker network rm mv8
docker network create -d macvlan -o parent=eth0 -o macvlan_mode=passthru --subnet 10.10.17.0/24 mv10
docker network create -d macvlan -o parent=eth0 --subnet 10.10.18.0/24 mv11
docker network create -d macvlan -o parent=eth0 -o macvlan_mode=passthru --subnet 10.10.19.0/24 mv12
docker network ls --filter driver=macvlan --format '{{.Name}}'
docker network ls --filter driver=ipvlan --format '{{.Name}}'
