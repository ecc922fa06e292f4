# Swarm errors: commands that need a swarm on a node outside one (leave, join-token, overlay
# networks, --scope swarm, attachable), swarm init options refused (mask length, pool too small,
# not a CIDR, IPv6), init/join twice, an unknown join-token role, malformed join tokens, a token
# of another swarm (CA mismatch), a token with a wrong secret, joining an address where no
# manager listens (the LAN router; an address nobody has: it keeps trying, so the node then
# counts as in a swarm until leave --force), leave of the last manager without --force, a worker
# asked for manager-only things. Ends with leave --force.
docker swarm leave
docker swarm leave --force
docker swarm join-token worker
docker swarm join-token -q manager
docker network create -d overlay ov0
docker network create -d overlay --attachable ov0
docker swarm join --token bogus 192.168.0.100:2377
docker swarm init --default-addr-pool-mask-length 30
docker swarm init --default-addr-pool 10.20.0.0/16 --default-addr-pool-mask-length 8
docker swarm init --default-addr-pool bad
docker swarm init --default-addr-pool 10.20.0.0/33
docker swarm init --default-addr-pool fd00::/64
docker swarm init --default-addr-pool 10.20.0.0/16 --default-addr-pool-mask-length 30
docker swarm init --advertise-addr 192.168.0.100
docker swarm init --advertise-addr 192.168.0.100
docker swarm join --token $(docker swarm join-token -q worker) 192.168.0.100:2377
docker swarm join-token bogus
docker swarm join-token worker extra
docker -H server2 swarm join --token bogus 192.168.0.100:2377
docker -H server2 swarm join --token SWMTKN-1-0123456789abcdefghij0123456789abcdefghij0123456789-abcdefghij0123456789abcde 192.168.0.100:2377
t=$(docker -H server1 swarm join-token -q worker); docker -H server2 swarm join --token ${t:0:60}zzzzzzzzzzzzzzzzzzzzzzzzz 192.168.0.100:2377
docker -H server2 swarm join --token $(docker -H server1 swarm join-token -q worker) 192.168.0.1:2377
docker -H server2 swarm join --token $(docker -H server1 swarm join-token -q worker) 192.168.0.100:2377
docker -H server2 swarm join --token $(docker -H server1 swarm join-token -q worker) 192.168.0.100:2377
docker -H server2 swarm join-token worker
docker -H server2 network create -d overlay --attachable ov1
docker swarm leave
docker -H server2 swarm leave
docker -H server2 swarm leave
docker -H server2 swarm join --token $(docker -H server1 swarm join-token -q worker) 192.168.0.77:2377
docker -H server2 swarm join --token $(docker -H server1 swarm join-token -q worker) 192.168.0.100:2377
docker swarm leave --force
docker -H server2 swarm leave --force
