# The examples of docs/reference/*.md that no other script reaches (REFERENCE-EXAMPLES.md maps
# each example to its corpus lines): /etc/hosts with IPv6 off, on an IPv6 network, with a link
# plus --add-host and host-gateway, with -h/--domainname, in host mode with --add-host;
# resolv.conf with --dns/--dns-search/--dns-option on both kinds of network; the embedded DNS
# for MX, letter case, an ndots option, an upstream that does not answer, an --internal network
# (dig, BIND nslookup, host, getent, ping); DNS servers that refuse or never answer (dig,
# nslookup, host); getent ahosts, cat of a missing file, localhost, ip6-localhost; ping usage
# and ARP failures; curl/wget/nc variants; ip -6, ip link of an unknown device, hostname -I on
# two networks and -i in none mode; docker exec of a missing path and in a paused container,
# network rm default, connect to a full subnet or the gateway's address, network prune -f,
# start of a port conflict, of a container whose network was re-created, start -a, run -t, --rm
# with --restart; inspect of a name both a container and a network have; a PTR answer with a
# label over 63 bytes; glibc's address choice on an IPv6 network; swarm init without and with a
# bad --advertise-addr, join-token, an overlay's inspect on the manager, its serial addresses and
# an explicit --gateway, start after its overlay was removed, ingress (inspect, --ingress twice,
# network rm ingress). No cleanup: each script runs on a fresh lab.
docker network create net1
docker network create net2
docker network create --internal intnet
docker network create --subnet 10.7.0.0/30 tiny
docker network create --subnet 10.2.0.0/24 lab2
docker run -d --name web --network net1 netsim-lab/nginx
docker run -d --name a1 --network net1 netsim-lab/alpine sleep 1000
docker run -d --name d1 --network net1 netsim-lab/debian sleep 1000
docker run -d --name far --network net2 netsim-lab/nginx
docker run -d --name i2 --network intnet netsim-lab/debian sleep 1000
docker run -d --name db netsim-lab/nginx
getent hosts server1
getent hosts localhost
ping -c 1 localhost
hostname -I
docker run --rm --network net1 --sysctl net.ipv6.conf.all.disable_ipv6=1 netsim-lab/alpine cat /etc/hosts
docker run --rm --network net1 --sysctl net.ipv6.conf.all.disable_ipv6=1 netsim-lab/debian ping -c 1 localhost
docker run --rm --link db:webdb --add-host foo:192.168.0.50 --add-host host.docker.internal:host-gateway netsim-lab/alpine cat /etc/hosts
docker run --rm -h web --domainname example.com netsim-lab/alpine cat /etc/hosts
docker run --rm -h c1.invalid netsim-lab/alpine cat /etc/hosts
docker run --rm --network host --add-host extra:192.168.0.50 netsim-lab/alpine cat /etc/hosts
docker run --rm --dns 127.0.0.1 netsim-lab/alpine cat /etc/resolv.conf
docker run --rm --network net1 --dns 192.168.0.1 --dns-search example.com --dns-option timeout:2 netsim-lab/alpine cat /etc/resolv.conf
docker run --rm --dns 192.168.0.1 --dns-search example.com --dns-option timeout:2 netsim-lab/alpine cat /etc/resolv.conf
docker exec d1 dig web MX
docker exec d1 dig WEB
docker exec d1 dig +short web.NET1
docker exec d1 dig a1.net1
docker run -d --name x234567890123456789012345678901234567890123456789012345678901234 --network net1 netsim-lab/alpine sleep 1000
docker exec d1 dig -x 172.18.0.5
docker exec d1 dig +short AAAA web
docker exec d1 host -t AAAA web
docker exec d1 getent ahosts web
docker exec a1 nslookup 172.18.0.2
docker exec a1 nslookup
docker exec i2 dig nosuch
docker exec i2 nslookup nosuch
docker exec i2 host nosuch
docker exec i2 getent hosts nosuch
docker exec i2 ping -c 1 -W 1 google.com
docker run --rm --network net1 --dns-option ndots:1 netsim-lab/debian dig nosuch
docker run --rm --network net1 --dns-option ndots:1 netsim-lab/debian nslookup nosuch
docker run --rm --network net1 --dns 172.19.0.2 netsim-lab/debian dig example.com
docker exec d1 dig @172.18.0.2 example.com
docker exec a1 nslookup example.com 172.18.0.2
docker exec d1 dig @172.19.0.2 example.com
docker exec d1 dig +short @172.19.0.2 example.com
docker exec d1 nslookup example.com 172.19.0.2
docker exec d1 host example.com 172.19.0.2
docker exec a1 nslookup example.com 172.19.0.2
docker exec d1 cat /nosuch
docker exec a1 cat /nosuch
docker exec d1 ping -4 -c 1 localhost
docker exec a1 ping -c 1 ip6-localhost
docker run -d --name r1 --network net1 --network-alias rr netsim-lab/debian sleep 1000
docker run -d --name r2 --network net1 --network-alias rr netsim-lab/debian sleep 1000
docker exec r1 ping -c 1 rr
docker exec d1 ping -c 1 ::1
docker exec d1 ping -c 1 fd00::1
docker exec d1 ping -6 -c 1 web
docker exec d1 ping -c 2 172.18.0.99
docker exec d1 ping -c 1 172.18.0.99
docker exec d1 ping -z a1
docker exec d1 ping -c
docker exec d1 ping -c 99999999999999999999 a1
docker exec d1 ping -c 1.5 a1
docker exec a1 ping -c abc a1
docker exec d1 curl -sS -m 5 http://172.18.0.99/
docker exec d1 curl -s -m 2 http://web/missing
docker exec d1 curl -f -m 2 http://web/missing
docker exec d1 curl -m 2 -I http://web/
docker exec d1 curl -s -m 2 -o /dev/null -w '%{http_code}\n' http://web:81/
docker exec d1 curl -m 2 -o /dev/null -w '%{foo}' http://web/
docker exec a1 wget -qO- -T 5 http://172.18.0.99/
docker exec a1 wget -T 2 -O /tmp/page http://web/
docker exec a1 wget --spider -T 2 http://web/
docker exec a1 wget -T 2 http://web/
docker exec a1 wget -T 2 http://web/
docker exec d1 nc -zv -w 5 172.18.0.99 80
docker exec d1 nc -zv -w 2 ::1 80
docker exec a1 nc -z web 80
docker exec a1 nc
docker run -d --name d2 --network net1 netsim-lab/debian sleep 1000
docker network connect net2 d2
docker exec d2 ip addr
docker exec d2 hostname -I
docker exec d1 ip -6 addr
docker exec a1 ip -6 addr
docker exec d1 ip link show nope
docker exec a1 ip link show nope
docker run -d --name n2 --network none netsim-lab/debian sleep 1000
docker exec n2 hostname -i
docker exec d1 /bin/nosuch
docker network create --ipv6 --subnet fd00:58::/64 net6
docker run -d --name s1 --network net6 --network-alias ss netsim-lab/debian sleep 1000
docker run -d --name s2 --network net6 --network-alias ss netsim-lab/debian sleep 1000
docker run -d --name s3 --network net6 --network-alias ss netsim-lab/debian sleep 1000
docker run -d --name v6 --network net6 netsim-lab/debian sleep 1000
docker exec v6 cat /etc/hosts
docker exec v6 getent hosts v6
docker exec v6 ping -c 1 ss
docker run -d --name pz netsim-lab/alpine sleep 1000
docker pause pz
docker exec pz hostname
docker ps --filter name=pz --format '{{.Names}} {{.Status}}'
docker start pz
docker pause pz
docker rm pz
docker attach pz
docker unpause pz
docker network rm default
docker create --name st netsim-lab/alpine sleep 1000
docker network connect bridge st
docker inspect -f '{{.State.Status}} {{.State.StartedAt}} [{{.ResolvConfPath}}] {{json .NetworkSettings.Networks}}' st
docker run -d --name t1 --network tiny netsim-lab/alpine sleep 1000
docker run -d --name ca netsim-lab/alpine sleep 1000
docker network connect tiny ca
docker network connect --ip 10.2.0.1 lab2 ca
docker run -d --name fixed --network lab2 --ip 10.2.0.5 netsim-lab/alpine sleep 1000
docker inspect -f '{{json .NetworkSettings.Networks.lab2.IPAMConfig}}' fixed
docker network create unused
docker network prune -f
docker network prune -f
docker network create lab3
docker create --name cd2 --network lab3 netsim-lab/alpine sleep 1000
docker network rm lab3
docker network create lab3
docker start cd2
docker run -d --name pub -p 8080:80 netsim-lab/nginx
docker create --name pub2 -p 8080:80 netsim-lab/nginx
docker start pub2
docker inspect -f '{{.State.Status}} {{.State.ExitCode}} {{.State.Error}}' pub2
docker start pub
docker stop -t 1 pub
docker stop -t 1 pub
docker create --name ex netsim-lab/alpine sh -c 'exit 3'
docker start -a ex
docker run --rm -t netsim-lab/alpine echo hi
docker run --rm --restart always netsim-lab/alpine true
docker create --name cx --network-alias x netsim-lab/alpine
docker create --name cy -m abc netsim-lab/alpine
docker network create db
docker inspect -f '{{.Name}}' db
docker inspect --type network -f '{{.Name}}' db
docker inspect -f '{{.Name}}' nosuch
docker swarm init --advertise-addr 0.0.0.0
docker swarm init
docker swarm leave --force
docker swarm init --advertise-addr 192.168.0.100
docker swarm join-token worker
docker -H server2 swarm join --token $(docker -H server1 swarm join-token -q worker) 192.168.0.100:2377
docker network create -d overlay --attachable test-net
docker network inspect -f '{{json .IPAM.Config}} {{json .Options}}' test-net
docker -H server2 network rm test-net
docker run -d --name alpine1 --network test-net netsim-lab/alpine sleep 1000
docker -H server2 run -d --name alpine2 --network test-net netsim-lab/alpine sleep 1000
docker network inspect test-net
docker inspect -f '{{json .NetworkSettings.Networks}}' alpine1
docker -H server2 run --rm --network test-net netsim-lab/alpine hostname -i
docker -H server2 run --rm --network test-net netsim-lab/alpine hostname -i
docker network create -d overlay --attachable --subnet 10.63.0.0/24 --gateway 10.63.0.99 gwnet
docker run --rm --network gwnet netsim-lab/alpine hostname -i
docker network create -d overlay --attachable gone-net
docker run -d --name gone --network gone-net netsim-lab/alpine sleep 1000
docker stop -t 1 gone
docker network inspect -f '{{json .Containers}}' ingress
docker network create -d overlay --attachable --ingress ing2
docker network create -d overlay --ingress ing2
docker network rm gone-net
docker start gone
docker network rm ingress
