# Adapted from scenarios/seed-alias.sh (the seed's "bridge network and --net-alias" lesson):
# three containers share the alias alicek106 on a user-defined bridge; a fourth resolves it.
# Each `ping -c 1` resolves afresh (Docker shuffles the answers), `dig` lists all three;
# after one of them stops, only the other two answer.
docker network create --driver bridge mybridge
docker run -itd --name network_alias_container1 --net mybridge --net-alias alicek106 netsim-lab/debian
docker run -itd --name network_alias_container2 --net mybridge --net-alias alicek106 netsim-lab/debian
docker run -itd --name network_alias_container3 --net mybridge --net-alias alicek106 netsim-lab/debian
docker network inspect mybridge
# netsim: expect network_alias_container1 resolves alicek106 to 172.18.0.2,172.18.0.3,172.18.0.4
docker run -itd --name network_alias_ping --net mybridge netsim-lab/debian
docker exec network_alias_ping ping -c 1 alicek106
docker exec network_alias_ping ping -c 1 alicek106
docker exec network_alias_ping ping -c 1 alicek106
docker exec network_alias_ping dig alicek106
docker exec network_alias_ping dig +short alicek106
docker exec network_alias_ping getent hosts alicek106
docker stop network_alias_container2
docker run -itd --name network_alias_ping2 --net mybridge netsim-lab/debian
# netsim: expect network_alias_ping2 resolves alicek106 to 172.18.0.2,172.18.0.4
docker exec network_alias_ping2 ping -c 1 alicek106
docker exec network_alias_ping2 ping -c 1 alicek106
docker exec network_alias_ping2 ping -c 1 alicek106
docker exec network_alias_ping2 dig +short alicek106
docker ps -a
