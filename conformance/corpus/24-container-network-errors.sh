# --network container:NAME errors: target missing, stopped, created-only; options that conflict
# with a shared namespace (-p, -P, --expose, -h, --dns, --add-host, --link, --mac-address);
# host-mode conflicts; connecting such a container to another network. (A one-letter name is invalid.)
docker run -d --name a netsim-lab/alpine sleep 1000
docker run -d --name aa netsim-lab/alpine sleep 1000
docker create --name stopped netsim-lab/alpine sleep 1000
docker run -d --name x1 --network container:stopped netsim-lab/alpine sleep 1000
docker run -d --name x2 --network container:missing netsim-lab/alpine sleep 1000
docker run -d --name x3 -p 8080:80 --network container:aa netsim-lab/alpine sleep 1000
docker run -d --name x4 -P --network container:aa netsim-lab/alpine sleep 1000
docker run -d --name x5 --expose 80 --network container:aa netsim-lab/alpine sleep 1000
docker run -d --name x6 -h myhost --network container:aa netsim-lab/alpine sleep 1000
docker run -d --name x7 --dns 192.168.0.1 --network container:aa netsim-lab/alpine sleep 1000
docker run -d --name x8 --add-host db:192.168.0.50 --network container:aa netsim-lab/alpine sleep 1000
docker run -d --name x9 --link aa:x --network container:aa netsim-lab/alpine sleep 1000
docker run -d --name x10 --mac-address 02:42:ac:11:00:99 --network container:aa netsim-lab/alpine sleep 1000
docker run -d --name x11 --network host --link aa:x netsim-lab/alpine sleep 1000
docker run -d --name x12 --network host -h myhost netsim-lab/alpine sleep 1000
docker run -d --name x13 --network container:aa --network bridge netsim-lab/alpine sleep 1000
docker ps -a --format '{{.Names}}\t{{.Status}}'
docker run -d --name ok --network container:aa netsim-lab/alpine sleep 1000
docker network connect bridge ok
docker network disconnect bridge ok
docker network connect bridge x12
docker create --name later --network container:aa netsim-lab/alpine sleep 1000
docker stop -t 1 aa
docker start later
docker start x1
docker ps -a --filter status=created --format '{{.Names}}'
docker run --rm --network container:aa netsim-lab/alpine true
