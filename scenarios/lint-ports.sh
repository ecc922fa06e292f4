# netsim lint, published ports: ports that collide, that Docker discards, and databases open
# to every interface or to the internet. `netsim lint scenarios/lint-ports.sh` lists each
# mistake at its line, with why and a fix (docs/lint.md), and exits 1. The comment above a
# command names the finding its line gets.
# netsim: lan 192.168.0.0/24 gateway=192.168.0.1
# netsim: host server1 address=192.168.0.50
docker network create app
docker run -d --name web --network app -p 8080:80 nginx
# port-conflict: 127.0.0.1:8080 against web's 0.0.0.0:8080 (docker create binds nothing yet)
docker create --name web-next --network app -p 127.0.0.1:8080:80 nginx
# publish-all-interfaces: PostgreSQL on every address of server1 (meant: -p 127.0.0.1:5432:5432)
docker run -d --name db --network app -e POSTGRES_PASSWORD=secret -p 5432:5432 postgres
# internet-reachable: MongoDB bound to server1's LAN address, which @internet reaches
docker run -d --name sessions --network app -p 192.168.0.50:27017:27017 mongo
# internet-reachable: Redis in the host's network namespace listens on every address
docker run -d --name cache --network host redis
# publish-host-network: -p with --network host is discarded
docker run -d --name monitor --network host -p 9100:80 nginx
docker network create --internal vault
# publish-internal-network: vault is internal, so 8200 is published nowhere
docker run -d --name secrets --network vault -p 8200:80 nginx
# what holds all the same (netsim check)
# netsim: expect @internet reaches @server1 on 5432
# netsim: expect @internet reaches @server1 on 6379
# netsim: expect @internet does not reach @server1 on 8200 because PORT_NOT_PUBLISHED
