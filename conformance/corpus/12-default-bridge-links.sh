# The default bridge: containers get addresses in 172.17.0.0/16 but no DNS names; addresses
# work; --link NAME[:ALIAS] writes the target into the linker's /etc/hosts (and env), only in
# that direction; links to missing containers fail; rm -l and removing the target.
docker run -d --name db netsim-lab/nginx
docker run -itd --name c1 netsim-lab/alpine
docker run -itd --name c2 netsim-lab/debian
docker inspect -f '{{.Name}} {{.NetworkSettings.IPAddress}} {{.NetworkSettings.Gateway}}' db c1 c2
docker exec c1 ping -c 1 -W 1 db
docker exec c1 nslookup db
docker exec c1 ping -c 1 172.17.0.2
docker exec c1 wget -qO- -T 2 http://172.17.0.2/
docker exec c2 getent hosts db
docker exec c2 ping -c 1 -W 1 db
docker exec c2 curl -s -m 2 -o /dev/null -w '%{http_code}\n' http://172.17.0.2/
docker exec c2 cat /etc/resolv.conf
docker exec c1 nslookup google.com
docker exec c2 dig +short example.com
docker exec c1 cat /etc/hosts
ping -c 1 172.17.0.3
curl -s -o /dev/null -w '%{http_code}\n' http://172.17.0.2/
docker run -itd --name web --link db netsim-lab/alpine
docker run -itd --name web2 --link db:database netsim-lab/debian
docker exec web cat /etc/hosts
docker exec web ping -c 1 db
docker exec web wget -qO- -T 2 http://db/
docker exec web nslookup db
docker exec web2 cat /etc/hosts
docker exec web2 getent hosts database
docker exec web2 getent hosts db
docker exec web2 curl -s -m 2 http://database/
docker exec web2 sh -c 'env | grep ^DATABASE_ | sort'
docker inspect -f '{{.HostConfig.Links}}' web2
docker exec db cat /etc/hosts
docker exec db ping -c 1 -W 1 web
docker exec db ping -c 1 -W 1 web2
docker run -itd --name bad --link nosuch netsim-lab/alpine
docker run --rm --link db netsim-lab/alpine ping -c 1 db
docker run --rm --link db:d1 --link c1:other netsim-lab/alpine cat /etc/hosts
docker rm -l web2/database
docker exec web2 cat /etc/hosts
docker rm -f db
docker exec web ping -c 1 -W 1 db
docker exec web cat /etc/hosts
docker ps -a
