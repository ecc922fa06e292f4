# Adapted from scenarios/seed-subnet.sh: a user-defined bridge with its own subnet, ip-range
# and gateway (--subnet/--ip-range/--gateway), then the seed's connect/disconnect example,
# including disconnecting from the last network and from a network it is not on.
docker network create --driver=bridge \
  --subnet=172.72.0.0/16 \
  --ip-range=172.72.0.0/24 \
  --gateway=172.72.0.1 \
  my_custom_network
docker run -itd --name custom_network_container --net my_custom_network netsim-lab/alpine
# netsim: expect custom_network_container reaches 172.72.0.1
# netsim: expect custom_network_container resolves custom_network_container to 172.72.0.2
docker inspect -f '{{.NetworkSettings.Networks.my_custom_network.IPAddress}}' custom_network_container
docker network inspect my_custom_network
docker exec custom_network_container ping -c 1 172.72.0.1
docker exec custom_network_container ip route
docker run -itd --name mynetwork_container netsim-lab/alpine
docker network connect my_custom_network mynetwork_container
# netsim: expect mynetwork_container reaches custom_network_container
# netsim: expect mynetwork_container resolves custom_network_container
docker exec mynetwork_container ping -c 1 custom_network_container
docker exec mynetwork_container ip -4 addr
docker network disconnect bridge mynetwork_container
docker exec mynetwork_container ping -c 1 custom_network_container
docker network disconnect my_custom_network mynetwork_container
# netsim: expect mynetwork_container does not reach custom_network_container because NO_INTERFACE
docker exec mynetwork_container ping -c 1 -W 1 custom_network_container
docker exec mynetwork_container ping -c 1 -W 1 172.72.0.2
docker exec mynetwork_container ip -4 addr
docker network disconnect none mynetwork_container
docker inspect -f '{{json .NetworkSettings.Networks}}' mynetwork_container
