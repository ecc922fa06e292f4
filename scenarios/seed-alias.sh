# The seed's "bridge network and --net-alias" lesson (도커 네트워크 / --net-alias):
# three containers share the alias alicek106 on a user-defined bridge; a fourth resolves it:
# each `ping -c 1` resolves afresh and reaches whichever address Docker's shuffle put first,
# `dig` lists all three. After one of them stops, only the other two answer.
docker network create --driver bridge mybridge
docker run -it -d —name network_alias_container1 —net mybridge —net-alias alicek106 ubuntu:14.04
docker run -it -d —name network_alias_container2 —net mybridge —net-alias alicek106 ubuntu:14.04
docker run -it -d —name network_alias_container3 —net mybridge —net-alias alicek106 ubuntu:14.04
docker network inspect mybridge
# netsim: expect network_alias_container1 resolves alicek106 to 172.18.0.2,172.18.0.3,172.18.0.4
# the seed omits the image here; ubuntu:14.04 as in the lines above
docker run -it —name network_alias_ping —net mybridge ubuntu:14.04
ping -c 1 alicek106
ping -c 1 alicek106
ping -c 1 alicek106
# ubuntu:14.04 has no dig: the book installs dnsutils first
dig alicek106
apt-get update
apt-get install -y dnsutils
dig alicek106
exit
docker stop network_alias_container2
docker run -it --name network_alias_ping2 --net mybridge ubuntu:14.04
# netsim: expect network_alias_ping2 resolves alicek106 to 172.18.0.2,172.18.0.4
ping -c 1 alicek106
ping -c 1 alicek106
ping -c 1 alicek106
exit
docker ps -a
