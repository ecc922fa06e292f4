# Adapted from scenarios/stack-reverse-proxy.sh: a reverse proxy on a public "front" network,
# published on port 80, talks to the app on "back"; the app talks to its database on an
# --internal "data" network, which has no way out. Each hop works only where a network is shared.
# (netsim-lab/nginx stands in for the proxy and the app; its httpd on port 5432 for postgres.)
docker network create front
docker network create back
docker network create --internal data
docker run -d --name proxy --network front -p 80:80 netsim-lab/nginx
docker network connect back proxy
docker run -d --name app --network back netsim-lab/nginx
docker network connect data app
docker run -d --name db --network data -e POSTGRES_PASSWORD=secret netsim-lab/nginx httpd -f -p 5432 -h /usr/share/nginx/html
# netsim: expect proxy reaches app on 80
# netsim: expect app resolves db
# netsim: expect proxy does not resolve db
# netsim: expect proxy does not reach db because ISOLATED_NETWORKS
# netsim: expect db does not reach 203.0.113.5 because INTERNAL_NETWORK
# netsim: expect @internet does not reach @host on 5432 because PORT_NOT_PUBLISHED
docker exec proxy wget -qO- -T 2 http://app/
docker exec app nslookup db
docker exec app wget -q -O /dev/null -T 2 http://db:5432/
docker exec proxy nslookup db
docker exec proxy ping -c 1 -W 1 172.20.0.3
docker exec proxy wget -q -O /dev/null -T 2 http://172.20.0.3:5432/
docker exec db ping -c 1 -W 1 203.0.113.5
docker exec db nslookup example.org
docker exec db ip route
curl -s -o /dev/null -w '%{http_code}\n' http://192.168.0.100/
curl -s -m 2 http://192.168.0.100:5432/
docker network inspect -f '{{.Internal}}' data
