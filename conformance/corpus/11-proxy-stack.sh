# Adapted from scenarios/proxy-stack.yaml (native format) as a script: a reverse proxy in front
# of an app, with the database on an internal network under the alias "database".
# (netsim-lab/nginx stands in for traefik and the app; its httpd on port 5432 for postgres.)
docker network create --driver bridge front
docker network create --driver bridge --internal back
docker run -d --name db --network back --network-alias database -e POSTGRES_PASSWORD=example netsim-lab/nginx httpd -f -p 5432 -h /usr/share/nginx/html
docker run -d --name app --network back netsim-lab/nginx
docker network connect front app
docker run -d --name proxy -p 80:80 --network front netsim-lab/nginx
# netsim: expect proxy reaches app on 80
# netsim: expect app reaches database on 5432
# netsim: expect proxy does not reach db because ISOLATED_NETWORKS
# netsim: expect db does not reach 203.0.113.10 because INTERNAL_NETWORK
docker exec proxy wget -qO- -T 2 http://app/
docker exec app wget -q -O /dev/null -T 2 http://database:5432/
docker exec app nslookup database
docker exec proxy nslookup database
docker exec proxy ping -c 1 -W 1 db
docker exec db ping -c 1 -W 1 google.com
docker exec db ping -c 1 -W 1 203.0.113.10
docker exec app ping -c 1 google.com
curl -s -o /dev/null -w '%{http_code}\n' http://192.168.0.100/
docker network ls
docker ps
