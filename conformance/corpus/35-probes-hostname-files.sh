# hostname / hostname -i / hostname -I, cat /etc/hosts, /etc/resolv.conf, /etc/hostname for the
# default bridge, -h, a user network with an alias, --add-host/--dns/--dns-search, a second network.
docker network create net1
docker run -d --name a1 netsim-lab/alpine sleep 1000
docker run -d --name d1 -h myhost netsim-lab/debian sleep 1000
docker run -d --name n1 --network net1 --network-alias alias1 netsim-lab/debian sleep 1000
docker run -d --name n2 --network net1 --add-host db:192.168.0.50 --dns 192.168.0.1 --dns-search example.com netsim-lab/alpine sleep 1000
docker exec a1 hostname
docker exec a1 hostname -i
docker exec a1 cat /etc/hosts
docker exec a1 cat /etc/resolv.conf
docker exec a1 cat /etc/hostname
docker exec d1 hostname
docker exec d1 hostname -i
docker exec d1 hostname -I
docker exec d1 cat /etc/hosts
docker exec d1 cat /etc/hostname
docker exec n1 hostname -i
docker exec n1 hostname -I
docker exec n1 cat /etc/hosts
docker exec n1 cat /etc/resolv.conf
docker exec n2 cat /etc/hosts
docker exec n2 cat /etc/resolv.conf
docker exec n2 getent hosts db
docker exec n2 ping -c 1 -W 1 db
docker exec n2 nslookup alias1
docker network connect net1 a1
docker exec a1 hostname -i
docker exec a1 cat /etc/hosts
docker exec a1 cat /etc/resolv.conf
docker run --rm --hostname h1 netsim-lab/debian hostname
docker run --rm netsim-lab/busybox hostname -I
docker run --rm --network host netsim-lab/debian cat /etc/hostname
docker run --rm --network host netsim-lab/alpine hostname
docker inspect -f '{{.Config.Hostname}} {{.HostsPath}}' d1
cat /etc/hostname
hostname -i
