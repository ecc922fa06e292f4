# Docker's tutorial "Networking using the host network" (docs: engine/network/tutorials/host.md):
# nginx in the host's network namespace answers on the host's port 80; no veth, no NAT.
docker run --rm -d --network host --name my_nginx nginx
# netsim: expect @lan reaches @host on 80
# netsim: expect @host reaches localhost on 80
# netsim: expect my_nginx reaches 8.8.8.8
docker container stop my_nginx
