# nc -z as netsim simulates it, with OpenBSD nc (debian; the lab's busybox stand-ins are built
# without nc -z): open, refused, unknown name, dropped (-w 2), no ARP answer, port ranges,
# published ports, the internet, and nc on the Docker host.
docker network create net1
docker network create net2
docker run -d --name web --network net1 netsim-lab/nginx
docker run -d --name d1 --network net1 netsim-lab/debian sleep 1000
docker run -d --name far --network net2 netsim-lab/nginx
docker run -d --name pub -p 8080:80 netsim-lab/nginx
docker exec d1 nc -z -w 2 web 80
docker exec d1 nc -z -w 2 web 81
docker exec d1 nc -z -v -w 2 web 80
docker exec d1 nc -zv -w 2 web 81
docker exec d1 nc -zv -w 2 172.18.0.2 80
docker exec d1 nc -zv -w 2 172.18.0.2 81
docker exec d1 nc -zv -w 2 nosuch 80
docker exec d1 nc -zv -w 2 172.19.0.2 80
docker exec d1 nc -zv -w 2 far 80
docker exec d1 nc -zv -w 2 172.18.0.99 80
docker exec d1 nc -zv -w 2 example.com 80
docker exec d1 nc -zv -w 2 google.com 443
docker exec d1 nc -zv -w 2 203.0.113.50 80
docker exec d1 nc -zv -w 2 192.168.0.100 8080
docker exec d1 nc -zv -w 2 192.168.0.100 8081
docker exec d1 nc -zv -w 2 172.18.0.1 8080
docker exec d1 nc -zv -w 2 192.168.0.1 53
docker exec d1 nc -zv -w 2 web 79-81
docker exec d1 nc -zvu -w 2 192.168.0.1 53
docker run --rm netsim-lab/debian nc -zv -w 2 172.17.0.2 80
docker run --rm --network net1 netsim-lab/debian nc -zv -w 2 web 80
docker run --rm --network none netsim-lab/debian nc -zv -w 2 172.18.0.2 80
nc -zv -w 2 172.18.0.2 80
nc -zv -w 2 172.18.0.2 81
nc -zv -w 2 localhost 8080
nc -zv -w 2 localhost 8081
nc -zv -w 2 192.168.0.101 22
nc -zv -w 2 google.com 80
docker -H server2 run --rm netsim-lab/debian nc -zv -w 2 192.168.0.100 8080
