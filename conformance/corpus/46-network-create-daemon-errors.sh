# docker network create: errors of the daemon: predefined names, a duplicate name, IPAM
# validation ("invalid network config": host bits in --subnet, an --ip-range bigger than its
# subnet, several errors at once), two IPv4 subnets on a bridge, gateway_mode isolated on a
# non-internal network, an --aux-address or --gateway on the gateway, network or broadcast address, pools that
# overlap docker0 or another network, the bridge driver's conflicts (same Linux bridge name,
# overlapping subnets the --ip-range path lets through; the same subnet and range again).
docker network create bridge
docker network create host
docker network create none
docker network create default
docker network create n1
docker network create n1
docker network create -d bridge --subnet 10.1.2.0/24 n1
docker network create --subnet 10.1.2.3/24 bad1
docker network create --subnet 10.1.0.0/24 --ip-range 10.1.0.0/16 bad2
docker network create --subnet 10.1.0.5/24 --ip-range 10.1.0.0/16 bad3
docker network create --subnet 10.1.0.0/24 --subnet 10.2.0.0/24 bad4
docker network create -o com.docker.network.bridge.gateway_mode_ipv4=isolated bad5
docker network create --internal -o com.docker.network.bridge.gateway_mode_ipv4=isolated iso1
docker network create --subnet 10.3.0.0/24 --gateway 10.3.0.1 --aux-address a=10.3.0.1 bad6
docker network create --subnet 10.3.0.0/24 --aux-address a=10.3.0.0 aux1
docker network create --subnet 10.3.0.0/24 --aux-address a=10.3.0.255 aux2
docker network create --subnet 10.3.0.0/24 --gateway 10.3.0.0 gw1
docker network create --subnet 10.3.0.0/24 --gateway 10.3.0.255 gw2
docker network create --subnet 172.17.0.0/16 bad7
docker network create --subnet 172.17.5.0/24 bad8
docker network create --subnet 10.5.0.0/16 big
docker network create --subnet 10.5.1.0/24 bad9
docker network create --subnet 10.0.0.0/8 bad10
docker network create -o com.docker.network.bridge.name=docker0 bad11
docker network create -o com.docker.network.bridge.name=labbr0 br1
docker network create -o com.docker.network.bridge.name=labbr0 bad12
docker network create --subnet 10.6.0.0/16 --ip-range 10.6.1.0/24 r1
docker network create --subnet 10.6.0.0/16 --ip-range 10.6.2.0/24 bad13
docker network create --subnet 10.6.0.0/16 --ip-range 10.6.1.0/24 bad15
docker network create --subnet 10.6.0.0/16 bad16
docker network create --subnet 10.6.0.0/24 bad14
docker network ls --format '{{.Name}}'
docker network inspect -f '{{.Name}} {{range .IPAM.Config}}{{.Subnet}} {{.IPRange}} {{.Gateway}} {{.AuxiliaryAddresses}}{{end}}' n1 iso1 aux1 aux2 big br1 r1
docker network inspect -f '{{.Name}} {{json .IPAM.Config}}' n1 iso1 big br1 r1
