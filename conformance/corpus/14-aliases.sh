# Network-scoped aliases: several containers sharing --network-alias / --net-alias (DNS answers
# shuffled, dig lists all), aliases added on connect (docker network connect --alias), their
# removal on disconnect and stop, the default bridge refusing aliases, and --link on a
# user-defined network (an alias only the linker resolves).
docker network create appnet
docker run -d --name web1 --network appnet --network-alias web netsim-lab/nginx
docker run -d --name web2 --network appnet --network-alias web netsim-lab/nginx
docker run -d --name web3 --network appnet --net-alias web --net-alias www netsim-lab/nginx
docker run -itd --name client --network appnet netsim-lab/debian
docker run -itd --name bb --network appnet netsim-lab/alpine
docker exec client dig +short web
docker exec client dig +short web
docker exec client dig +short web
docker exec client dig web
docker exec client nslookup web
docker exec bb nslookup web
docker exec bb nslookup web
docker exec bb ping -c 1 web
docker exec bb ping -c 1 web
docker exec bb ping -c 1 web
docker exec client curl -s -m 2 -o /dev/null -w '%{http_code}\n' http://web/
docker exec client dig +short www
docker exec client getent hosts www
docker exec client getent hosts web3
docker inspect -f '{{json .NetworkSettings.Networks.appnet.Aliases}}' web3
docker inspect -f '{{json .NetworkSettings.Networks.appnet.DNSNames}}' web3
docker run -d --name redis netsim-lab/nginx
docker network connect --alias cache --alias kv appnet redis
docker exec client dig +short cache
docker exec client dig +short kv
docker exec client dig +short redis
docker exec bb wget -qO- -T 2 http://cache/
docker inspect -f '{{json .NetworkSettings.Networks.appnet.Aliases}}' redis
docker network disconnect appnet redis
docker exec client dig +short cache
docker exec bb ping -c 1 -W 1 kv
docker network connect --alias cache bridge web1
docker run -d --name defalias --network-alias x netsim-lab/nginx
docker stop web1
docker exec client dig +short web
docker exec bb ping -c 1 web
docker run -itd --name linker --network appnet --link web2:primary netsim-lab/debian
docker exec linker dig +short primary
docker exec linker getent hosts primary
docker exec linker cat /etc/hosts
docker exec client dig +short primary
docker exec bb ping -c 1 -W 1 primary
docker inspect -f '{{json .NetworkSettings.Networks.appnet.Links}}' linker
docker run -itd --name linker2 --network appnet --link nosuch:x netsim-lab/alpine
docker ps -a --format '{{.Names}} {{.Status}}'
