# docker port (all mappings, one port, /tcp /udp, unpublished, bad spec, unknown container) and
# the CLI/daemon error texts of docs/reference/docker-cli-output.md: port already allocated,
# flag errors, network create/rm/connect errors, exec/start/stop errors, exit codes.
docker run -d --name web -p 8080:80 netsim-lab/nginx
docker port web
docker port web 80
docker port web 80/tcp
docker port web 81
docker port web 80/udp
docker port web abc
docker port nosuch
docker run -d --name multi -p 127.0.0.1:8081:80 -p 9000:9000/udp netsim-lab/nginx
docker port multi
docker port multi 9000/udp
docker run -d --name rng -p 7000-7001:7000-7001 netsim-lab/alpine sleep 1000
docker port rng
docker run -d --name clash -p 8080:80 netsim-lab/nginx
docker ps -a --format '{{.Names}} {{.Status}}'
docker run --ip bad netsim-lab/alpine true
docker network create
docker network create --subnet 10.1.2.3/24 bad1
docker network create --subnet 10.9.0.0/24 --ip-range 10.8.0.0/24 bad2
docker network create --subnet 10.9.0.0/24 --gateway 10.8.0.1 bad3
docker network create bridge
docker network create net1
docker network create net1
docker network create --subnet 172.18.0.0/16 overlap
docker network rm net1 missing
docker network rm bridge
docker network create net2
docker run -d --name app1 --network net2 netsim-lab/alpine sleep 1000
docker network rm net2
docker network connect host app1
docker network connect net2 app1
docker network disconnect bridge app1
docker network connect nosuch app1
docker run --ip 172.17.0.50 netsim-lab/alpine true
docker run --rm --name xx netsim-lab/alpine nosuchcmd
docker exec app1 nosuchcmd
docker exec nosuch ls
docker stop -t 1 app1
docker exec app1 ls
docker start missing
docker stop -t 1 web missing
docker rename web web
docker rm web
docker network create -d overlay ov
docker run --network nosuch netsim-lab/alpine true
