# A user-defined bridge with its own subnet, ip-range and gateway (--subnet/--ip-range/--gateway).
docker network create --driver=bridge \
  --subnet=172.72.0.0/16 \
  --ip-range=172.72.0.0/24 \
  --gateway=172.72.0.1 \
  my_custom_network
docker run -it -d --name custom_network_container --net my_custom_network ubuntu:14.04
# netsim: expect custom_network_container reaches 172.72.0.1
# netsim: expect custom_network_container resolves custom_network_container to 172.72.0.2
docker inspect -f '{{.NetworkSettings.Networks.my_custom_network.IPAddress}}' custom_network_container
docker network inspect my_custom_network
# connect and disconnect (the seed's docker network disconnect example)
docker run -it -d --name mynetwork_container ubuntu:14.04
docker network connect my_custom_network mynetwork_container
# netsim: expect mynetwork_container reaches custom_network_container
# netsim: expect mynetwork_container resolves custom_network_container
docker network disconnect bridge mynetwork_container
docker network disconnect my_custom_network mynetwork_container
# netsim: expect mynetwork_container does not reach custom_network_container because NO_INTERFACE
docker network disconnect none mynetwork_container
