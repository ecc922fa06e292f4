# Addressing: --subnet, --gateway, --ip-range, --aux-address, --ip on run and on connect, the
# automatic pools (172.18, 172.19, …), and the errors: an --ip outside the subnet, an address
# in use, --ip on the default bridge, overlapping subnets, a gateway or range outside the
# subnet, a bad CIDR, a full subnet.
docker network create --subnet 10.10.0.0/24 n10
docker network create --subnet 10.20.0.0/16 --gateway 10.20.0.254 n20
docker network create --subnet 10.30.0.0/16 --ip-range 10.30.5.0/24 n30
docker network inspect -f '{{json .IPAM.Config}}' n10 n20 n30
docker run -itd --name x1 --network n10 netsim-lab/alpine
docker run -itd --name x2 --network n10 --ip 10.10.0.50 netsim-lab/alpine
docker run -itd --name x3 --network n20 netsim-lab/alpine
docker run -itd --name x4 --network n30 netsim-lab/alpine
docker inspect -f '{{.Name}} {{range .NetworkSettings.Networks}}{{.IPAddress}}/{{.IPPrefixLen}} gw {{.Gateway}}{{end}}' x1 x2 x3 x4
docker exec x3 ip route
docker exec x4 ip route
docker exec x1 ping -c 1 10.10.0.50
docker exec x1 ping -c 1 x2
docker exec x3 ping -c 1 10.20.0.254
docker exec x4 ping -c 1 google.com
docker run -itd --name e1 --network n10 --ip 10.99.0.5 netsim-lab/alpine
docker run -itd --name e2 --network n10 --ip 10.10.0.50 netsim-lab/alpine
docker run -itd --name e3 --ip 172.17.0.50 netsim-lab/alpine
docker ps -a --format '{{.Names}} {{.Status}}'
docker network create --subnet 10.10.0.0/16 overlap
docker network create --subnet 10.10.0.128/25 overlap2
docker network create --subnet 10.40.0.0/24 --gateway 10.41.0.1 badgw
docker network create --subnet 10.40.0.0/24 --ip-range 10.41.0.0/24 badrange
docker network create --subnet 10.40.0.300/24 badcidr
docker network create --ip-range 10.50.0.0/24 norange
docker network create auto1
docker network create auto2
docker network inspect -f '{{range .IPAM.Config}}{{.Subnet}} {{.Gateway}}{{end}}' auto1 auto2
docker network create --subnet 10.60.0.0/24 --aux-address reserved=10.60.0.2 n60
docker run --rm --network n60 netsim-lab/alpine hostname -i
docker run --rm --network n10 --ip 10.10.0.60 netsim-lab/alpine ip -4 addr show eth0
docker network connect --ip 10.20.0.77 n20 x1
docker exec x1 ip -4 addr
docker exec x1 ping -c 1 x3
docker network connect --ip 10.99.9.9 n30 x2
docker network create --subnet 10.70.0.0/30 tiny
docker run -itd --name t1 --network tiny netsim-lab/alpine
docker run -itd --name t2 --network tiny netsim-lab/alpine
docker network inspect -f '{{range .Containers}}{{.Name}} {{.IPv4Address}}{{end}}' tiny
docker network rm n10
