# The seed's host, none and container network modes (host network / none network / container network).
docker run -it -d —name network_host —net host ubuntu:14.04
docker run -it -d —name network_none —net none ubuntu:14.04
docker run -it -d —name network_container_1 ubuntu:14.04
docker run -it -d —name network_cotainer_2 —net container:network_container_1 ubuntu:14.04
# netsim: expect network_host reaches 8.8.8.8
# netsim: expect network_none does not reach 8.8.8.8 because NO_INTERFACE
# netsim: expect network_cotainer_2 reaches 8.8.8.8
# netsim: expect network_none runs ifconfig eth0 and exits 1
docker inspect network_container_1 network_cotainer_2
docker exec network_none ifconfig
docker ps
