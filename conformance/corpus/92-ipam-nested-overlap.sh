# IPAM (issue 19, found by netsim lint's review): a subnet given with --ip-range is allocated
# without the overlap check (the quirk moby/moby#46756), so it may lie inside another network's;
# a later subnet is still checked against every allocated one (defaultipam/address_space.go
# allocateSubnetL and overlaps), the enclosing one included. The bridge driver refuses a bridge
# inside another over IPv6 as over IPv4 (bridge_linux.go Conflicts); a macvlan network is not
# checked so.
docker network create --ipv6 --subnet fd00:1::/48 v6a
docker network create --ipv6 --subnet fd00:1:0:2::/64 --ip-range fd00:1:0:2::/80 v6b
docker network create --ipv6 --subnet fd00:1:0:3::/64 v6c
docker network create --ipv6 --subnet fd00:2::/64 v6d
docker network create --subnet 10.50.0.0/16 a
docker network create --subnet 10.50.1.0/24 --ip-range 10.50.1.0/25 b
docker network create --subnet 10.50.2.0/24 c
docker network create --subnet 10.51.0.0/24 d
docker network create --subnet 10.60.0.0/16 m1
docker network create -d macvlan --subnet 10.60.1.0/24 --ip-range 10.60.1.0/25 -o parent=eth0 m2
docker network create --subnet 10.60.2.0/24 e
docker network ls --format '{{.Name}}'
docker network rm v6a v6b v6d a d m1 m2
docker network create --ipv6 --subnet fd00:1:0:3::/64 v6c
docker network rm v6c
