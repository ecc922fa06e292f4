# docker network create: errors of the CLI itself (cli/command/network/create.go
# createIPAMConfig and the flag types): --ip-range/--gateway without --subnet, a subnet that is
# not a CIDR, overlapping --subnet flags, two ranges or gateways for one subnet, a range,
# gateway or aux-address outside every subnet, unparsable IPs/CIDRs; and drivers that do not
# exist or cannot have a second network (host, null), bad driver options and IPAM drivers, IPv4
# and IPv6 both off, a missing --config-from network, --scope swarm/--ingress without a swarm,
# an unknown --scope.
docker network create --ip-range 10.1.0.0/24 n1
docker network create --gateway 10.1.0.1 n2
docker network create --subnet 10.1.0.0 n3
docker network create --subnet bad n4
docker network create --subnet 10.1.0.0/33 n5
docker network create --subnet 10.1.0.0/24 --subnet 10.1.0.0/16 n6
docker network create --subnet 10.1.0.0/24 --subnet 10.2.0.0/24 --ip-range 10.1.0.0/28 --ip-range 10.1.0.16/28 n7
docker network create --subnet 10.1.0.0/24 --ip-range 10.2.0.0/28 n8
docker network create --subnet 10.1.0.0/24 --subnet 10.2.0.0/24 --gateway 10.1.0.1 --gateway 10.1.0.2 n9
docker network create --subnet 10.1.0.0/24 --gateway 10.2.0.1 n10
docker network create --subnet 10.1.0.0/24 --aux-address a=bad n11
docker network create --subnet 10.1.0.0/24 --aux-address a=10.2.0.5 n12
docker network create --subnet 10.1.0.0/24 --ip-range bad n13
docker network create --subnet 10.1.0.0/24 --ip-range 10.1.0.0/40 n14
docker network create --subnet 10.1.0.0/24 --gateway 10.1.0.300 n15
docker network create --subnet 10.1.0.0/24 --gateway 10.1.0.1,bad n16
docker network create -d host n17
docker network create -d null n18
docker network create -d nosuchdriver n19
docker network create -o com.docker.network.bridge.enable_icc=maybe n20
docker network create -o com.docker.network.bridge.enable_ip_masquerade=2 n21
docker network create --ipam-driver nosuchipam n22
docker network create --ipv4=false --ipv6=false n23
docker network create --config-from nosuch n24
docker network create --scope swarm n25
docker network create --ingress n26
docker network create --scope bogus n27
docker network ls --format '{{.Name}} {{.Driver}}'
