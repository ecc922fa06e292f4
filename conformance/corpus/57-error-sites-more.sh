# Error sites no other script reaches: an empty or blank network name, a --subnet the CLI
# parses to match a --gateway, an empty --mount/--gpus value (a CSV reader's EOF), -p host
# addresses Go's SplitHostPort refuses, --mac-address with host networking (20.10 refuses it),
# a program path or a group the image lacks, a ps --format that does not parse, docker port of
# a port above 65535 or a reversed range (20.10's CLI parses them), endpoint settings a
# predefined or IPv6 network refuses at connect (20.10), -p of a port a host-network server
# holds, the logs of a server that could not bind, a container on an overlay with no address
# left, swarm join-token while a join goes on in the background. Ends with swarm leave --force.
docker network create ''
docker network create ' '
docker network create --subnet bad --gateway 10.0.0.1 n1
docker run --rm --mount '' netsim-lab/alpine true
docker run --rm --gpus '' netsim-lab/alpine true
docker run --rm -p '[::1]x:80:80' netsim-lab/alpine true
docker run --rm -p '[::1]:x:80:80' netsim-lab/alpine true
docker run --rm -p '[a[]:80:80' netsim-lab/alpine true
docker run --rm -p 'a[b:80:80' netsim-lab/alpine true
docker run --rm -p 'a]b:80:80' netsim-lab/alpine true
docker run --rm -p ::1:80:80 netsim-lab/alpine true
docker run --rm --network host --mac-address 02:42:ac:11:00:99 netsim-lab/alpine true
docker run --rm netsim-lab/alpine /bin/nosuch
docker run --rm -u root:nosuch netsim-lab/alpine true
docker ps --format '{{.Names'
docker run -d --name ca netsim-lab/alpine sleep 1000
docker run -d --name web -p 8080:80 netsim-lab/nginx
docker port web 99999
docker port web 90-80
docker network connect --ip 1.2.3 bridge ca
docker network connect --alias x --link-local-ip bad bridge ca
docker network create --ipv6 --subnet 10.57.0.0/24 --subnet fd00:57::/64 v6net
docker network connect --ip6 zz v6net ca
docker run -d --name hweb --network host netsim-lab/nginx
docker run -d --name pub -p 80:80 netsim-lab/nginx
docker run --name hweb2 --network host netsim-lab/nginx
docker logs hweb2
docker ps -a --format '{{.Names}} {{.Status}}'
docker swarm init --advertise-addr 192.168.0.100
docker network create -d overlay --attachable --subnet 10.62.0.0/29 smallov
docker run -d --name o1 --network smallov netsim-lab/alpine sleep 1000
docker run -d --name o2 --network smallov netsim-lab/alpine sleep 1000
docker run -d --name o3 --network smallov netsim-lab/alpine sleep 1000
docker run -d --name o4 --network smallov netsim-lab/alpine sleep 1000
docker run -d --name o5 --network smallov netsim-lab/alpine sleep 1000
docker -H server2 swarm join --token $(docker -H server1 swarm join-token -q worker) 192.168.0.77:2377
docker -H server2 swarm join-token worker
docker swarm leave --force
docker -H server2 swarm leave --force
