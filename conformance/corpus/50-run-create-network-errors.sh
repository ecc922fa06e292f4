# docker run/create errors about networks: a network that does not exist (run, create then
# start), --ip on the default bridge / on a network without a user subnet / outside the subnet /
# already taken, a full subnet, aliases and --ip twice (legacy flag + per-network field), a
# network given twice, user-defined mixed with bridge/host/none, container: mode without a name
# or combined with -h/--dns/--add-host/-p/-P/--expose/--mac-address/--link, --ip/--ip6 that are
# not addresses or of the other family, links (missing target, host-mode target, stopped target,
# a target off the default bridge, links with host networking), published ports with host
# networking.
docker network create lab1
docker network create --subnet 10.2.0.0/24 lab2
docker network create --subnet 10.7.0.0/30 tiny
docker run -d --name x1 --network nosuch netsim-lab/alpine sleep 1000
docker run --rm --network nosuch netsim-lab/alpine true
docker create --name x2 --network nosuch netsim-lab/alpine sleep 1000
docker start x2
docker run -d --name x3 --ip 172.17.0.50 netsim-lab/alpine sleep 1000
docker run -d --name x4 --network lab1 --ip 172.18.0.50 netsim-lab/alpine sleep 1000
docker run -d --name x5 --network lab2 --ip 10.3.0.5 netsim-lab/alpine sleep 1000
docker run -d --name ok1 --network lab2 --ip 10.2.0.5 netsim-lab/alpine sleep 1000
docker run -d --name x6 --network lab2 --ip 10.2.0.5 netsim-lab/alpine sleep 1000
docker run -d --name x7 --network lab2 --ip 10.2.0.1 netsim-lab/alpine sleep 1000
docker run -d --name t1 --network tiny netsim-lab/alpine sleep 1000
docker run -d --name t2 --network tiny netsim-lab/alpine sleep 1000
docker run -d --name x8 --network-alias web netsim-lab/alpine sleep 1000
docker run -d --name x9 --network none --network-alias web netsim-lab/alpine sleep 1000
docker run -d --name x10 --network-alias web --network name=lab1,alias=web2 netsim-lab/alpine sleep 1000
docker run -d --name x11 --ip 10.2.0.7 --network name=lab2,ip=10.2.0.8 netsim-lab/alpine sleep 1000
docker run -d --name x12 --ip6 fd00::7 --network name=lab2,ip6=fd00::8 netsim-lab/alpine sleep 1000
docker run -d --name x13 --network lab1 --network lab1 netsim-lab/alpine sleep 1000
docker run -d --name x14 --network bridge --network lab1 netsim-lab/alpine sleep 1000
docker run -d --name x15 --network lab1 --network host netsim-lab/alpine sleep 1000
docker run -d --name x16 --network none --network lab1 netsim-lab/alpine sleep 1000
docker run -d --name x17 --network container: netsim-lab/alpine sleep 1000
docker run -d --name x18 --network container netsim-lab/alpine sleep 1000
docker run -d --name x27 --network container:ok1 -h myhost netsim-lab/alpine sleep 1000
docker run -d --name x28 --network container:ok1 --dns 192.168.0.1 netsim-lab/alpine sleep 1000
docker run -d --name x29 --network container:ok1 --add-host db:192.168.0.50 netsim-lab/alpine sleep 1000
docker run -d --name x30 --network container:ok1 -p 8080:80 netsim-lab/alpine sleep 1000
docker run -d --name x31 --network container:ok1 -P netsim-lab/alpine sleep 1000
docker run -d --name x32 --network container:ok1 --expose 80 netsim-lab/alpine sleep 1000
docker run -d --name x33 --network container:ok1 --mac-address 02:42:ac:11:00:99 netsim-lab/alpine sleep 1000
docker run -d --name x34 --network container:ok1 --link ok1:db netsim-lab/alpine sleep 1000
docker run -d --name x35 --ip bad netsim-lab/alpine sleep 1000
docker run -d --name x36 --network lab2 --ip6 bad netsim-lab/alpine sleep 1000
docker run -d --name x37 --network lab2 --ip6 10.2.0.9 netsim-lab/alpine sleep 1000
docker run -d --name x38 --network lab2 --ip fd00::5 netsim-lab/alpine sleep 1000
docker create --name self --network container:self netsim-lab/alpine sleep 1000
docker start self
docker run -d --name x19 --network none --link ok1:db netsim-lab/alpine sleep 1000
docker run -d --name x20 --link nosuch:db netsim-lab/alpine sleep 1000
docker run -d --name hostc --network host netsim-lab/alpine sleep 1000
docker run -d --name x21 --link hostc:h netsim-lab/alpine sleep 1000
docker run -d --name x22 --network host --link ok1:db netsim-lab/alpine sleep 1000
docker create --name stopped netsim-lab/alpine sleep 1000
docker run -d --name x23 --link stopped:s netsim-lab/alpine sleep 1000
docker run -d --name x24 --link ok1:db netsim-lab/alpine sleep 1000
docker run -d --name x25 --network host -p 8080:80 netsim-lab/nginx
docker run -d --name x26 --network bad/name netsim-lab/alpine sleep 1000
docker ps -a --format '{{.Names}} {{.Status}}'
