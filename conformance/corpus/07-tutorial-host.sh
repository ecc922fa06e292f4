# Adapted from scenarios/tutorial-host.sh: Docker's tutorial "Networking using the host
# network": the web server in the host's network namespace answers on the host's port 80;
# no veth, no NAT. Checked from the host and from the other server on the LAN.
docker run --rm -d --network host --name my_nginx netsim-lab/nginx
# netsim: expect @lan reaches @host on 80
# netsim: expect @host reaches localhost on 80
# netsim: expect my_nginx reaches google.com
docker ps
docker port my_nginx
curl -s -o /dev/null -w '%{http_code}\n' http://localhost:80/
curl -s http://192.168.0.100/
docker exec my_nginx ping -c 1 google.com
docker exec my_nginx hostname
docker inspect -f '{{json .NetworkSettings.Networks}}' my_nginx
# netsim: on server2
curl -s -o /dev/null -w '%{http_code}\n' -m 2 http://192.168.0.100/
docker run --rm netsim-lab/alpine wget -qO- -T 2 http://192.168.0.100/
# netsim: on server1
docker container stop my_nginx
docker ps -a
curl -s -m 2 http://localhost:80/
