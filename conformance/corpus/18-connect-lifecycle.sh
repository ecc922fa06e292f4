# docker network connect / disconnect and their errors (already connected, not connected, no
# such network or container); what stop, start and restart do to addresses and DNS names;
# docker rename (the old name disappears from DNS); removing networks in use.
docker network create blue
docker network create green
docker run -itd --name c1 --network blue netsim-lab/alpine
docker run -itd --name c2 --network green netsim-lab/debian
docker exec c2 dig +short c1
docker exec c2 ping -c 1 -W 1 172.18.0.2
docker network connect blue c2
docker exec c2 dig +short c1
docker exec c2 ping -c 1 c1
docker exec c1 ping -c 1 c2
docker network connect blue c2
docker network disconnect green c1
docker network connect nosuch c1
docker network connect blue nosuch
docker exec c2 ip -4 addr
docker inspect -f '{{range $k, $v := .NetworkSettings.Networks}}{{$k}}={{$v.IPAddress}} {{end}}' c2
docker network inspect -f '{{len .Containers}}' blue
docker network disconnect blue c2
docker exec c2 ping -c 1 -W 1 c1
docker exec c2 ip -4 addr
docker network disconnect green c2
docker exec c2 ip -4 addr
docker network connect green c2
docker exec c2 ip -4 addr
docker run -itd --name s1 --network blue netsim-lab/alpine
docker run -itd --name s2 --network blue netsim-lab/alpine
docker inspect -f '{{.Name}} {{.NetworkSettings.Networks.blue.IPAddress}}' s1 s2
docker stop -t 1 s1
docker inspect -f '{{.State.Status}} {{.NetworkSettings.Networks.blue.IPAddress}}' s1
docker exec c1 ping -c 1 -W 1 s1
docker exec s1 hostname
docker run -itd --name s3 --network blue netsim-lab/alpine
docker inspect -f '{{.NetworkSettings.Networks.blue.IPAddress}}' s3
docker start s1
docker inspect -f '{{.NetworkSettings.Networks.blue.IPAddress}}' s1
docker exec c1 ping -c 1 s1
docker restart -t 1 s2
docker inspect -f '{{.NetworkSettings.Networks.blue.IPAddress}}' s2
docker exec c1 ping -c 1 s2
docker rename s2 s2new
docker exec c1 ping -c 1 -W 1 s2
docker exec c1 ping -c 1 s2new
docker rename s2new s1
docker rename nosuch x
docker run -itd --name d1 netsim-lab/alpine
docker run -itd --name d2 netsim-lab/alpine
docker stop -t 1 d1
docker run -itd --name d3 netsim-lab/alpine
docker inspect -f '{{.Name}} {{.NetworkSettings.IPAddress}}' d2 d3
docker start d1
docker inspect -f '{{.NetworkSettings.IPAddress}}' d1
docker rm c1
docker rm -f c1
docker exec s3 ping -c 1 -W 1 c1
docker network rm blue
docker network rm green
docker ps -a --format '{{.Names}} {{.Status}}'
