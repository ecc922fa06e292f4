# The same kind of setup as scenarios/lint-ports.sh, written the way netsim lint asks for:
# `netsim lint scenarios/lint-clean.sh` finds nothing and exits 0. The proxy is the only
# container published on every interface (HTTP is meant to be public); the database is
# published nowhere, on an --internal network it shares with the app only; the
# macvlan network hands out addresses from a range of its own; names are DNS names on
# user-defined networks, one alias per service.
# netsim: lan 192.168.0.0/24 gateway=192.168.0.1
# netsim: host server1 address=192.168.0.50
docker network create front
docker network create --subnet 10.30.0.0/24 back
docker network create --internal data
docker run -d --name proxy --network front -p 80:80 nginx
docker network connect back proxy
docker run -d --name app --network back --network-alias api nginx
docker network connect data app
docker run -d --name db --network data --network-alias database -e POSTGRES_PASSWORD=secret postgres
docker network create -d macvlan --subnet 192.168.0.0/24 --gateway 192.168.0.1 --ip-range 192.168.0.64/28 --aux-address server1=192.168.0.50 -o parent=eth0 lan
docker run -dit --name sensor --network lan alpine
docker exec sensor ping -c 1 192.168.0.1
docker run -dit --name client --network back alpine
docker exec client ping -c 1 api
# netsim: expect client reaches api on 80
# netsim: expect app reaches database on 5432
# netsim: expect @internet reaches @server1 on 80
# netsim: expect @internet does not reach @server1 on 5432
