# A common stack: a reverse proxy on a public "front" network, published on port 80, talks to
# the app on "back"; the app talks to its database on an --internal "data" network, which has
# no way out. Each hop is allowed only where a network is shared.
docker network create front
docker network create back
docker network create --internal data
docker run -d --name proxy --network front -p 80:80 nginx
docker network connect back proxy
docker run -d --name app --network back nginx
docker network connect data app
docker run -d --name db --network data -e POSTGRES_PASSWORD=secret postgres
# netsim: expect @internet reaches @host on 80
# netsim: expect proxy reaches app on 80
# netsim: expect app reaches db on 5432
# netsim: expect app resolves db
# netsim: expect proxy does not resolve db
# netsim: expect proxy does not reach db because ISOLATED_NETWORKS
# netsim: expect db does not reach 8.8.8.8 because INTERNAL_NETWORK
# netsim: expect db runs getent hosts example.org and exits 2
# netsim: expect @internet does not reach @host on 5432 because PORT_NOT_PUBLISHED
