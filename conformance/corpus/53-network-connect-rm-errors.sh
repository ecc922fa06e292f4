# docker network connect/disconnect/rm/inspect errors: the host network, host-mode, none-mode
# and container:-mode containers, connecting twice, endpoint settings the default bridge
# refuses (alias, --ip), --ip/--ip6 of the wrong family, --ip outside the subnet or without a user subnet, missing networks
# and containers (running and stopped), disconnecting what is not connected, removing
# predefined networks, networks in use, missing networks (with and without -f, mixed lists).
docker network create lab1
docker network create --subnet 10.2.0.0/24 lab2
docker run -d --name ca netsim-lab/alpine sleep 1000
docker run -d --name hostc --network host netsim-lab/alpine sleep 1000
docker run -d --name nonec --network none netsim-lab/alpine sleep 1000
docker run -d --name joiner --network container:ca netsim-lab/alpine sleep 1000
docker create --name stopped netsim-lab/alpine sleep 1000
docker network connect host ca
docker network connect lab1 hostc
docker network connect host hostc
docker network connect lab1 nonec
docker network connect none ca
docker network connect lab1 joiner
docker network connect lab1 ca
docker network connect lab1 ca
docker network connect bridge ca
docker network connect --alias x bridge stopped
docker network disconnect bridge stopped
docker network connect --alias x bridge stopped
docker network connect --ip 172.17.0.99 bridge stopped
docker network connect --ip 10.9.0.5 lab2 ca
docker network connect --ip 10.99.0.5 lab1 stopped
docker network connect --ip 1.2.3 lab2 ca
docker network connect --ip6 10.2.0.9 lab2 ca
docker network connect --ip fd00::5 lab2 ca
docker network connect --link-local-ip bad lab2 ca
docker network connect nosuch ca
docker network connect nosuch stopped
docker start stopped
docker network connect lab1 nosuch
docker network disconnect lab2 ca
docker network disconnect lab2 stopped
docker network disconnect host hostc
docker network disconnect none nonec
docker network disconnect nosuch ca
docker network disconnect bridge nosuch
docker network disconnect -f bridge nosuch
docker network disconnect -f nosuch ca
docker network rm bridge
docker network rm host none
docker network rm lab1
docker network rm nosuch
docker network rm -f nosuch
docker network rm lab2 nosuch lab1
docker network inspect nosuch
docker network inspect bridge nosuch --format '{{.Name}}'
docker network prune
docker network ls --format '{{.Name}}'
