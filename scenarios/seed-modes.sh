# The seed's host, none and container network modes (host network / none network / container network).
docker run -it -d —name network_host —net host ubuntu:14.04
docker run -it -d —name network_none —net none ubuntu:14.04
docker run -it -d —name network_container_1 ubuntu:14.04
docker run -it -d —name network_cotainer_2 —net container:network_container_1 ubuntu:14.04
docker inspect network_container_1 network_cotainer_2
docker exec network_none ifconfig
docker ps
