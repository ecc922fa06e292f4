# Adapted from scenarios/seed-basics.sh (the seed's first chapter) with the lab's images:
# containers, published ports (-p 80:80, -p 80, -P with EXPOSE), --link, create/start,
# docker ps, docker port, stop and rm.
docker run -d -p 80:80 --name getting-started netsim-lab/nginx
docker run -d --name wordpressdb -e MYSQL_ROOT_PASSWORD=password -e MYSQL_DATABASE=wordpress netsim-lab/alpine sleep 1000
docker run -d -e WORDPRESS_DB_PASSWORD=password --name wordpress --link wordpressdb:mysql -p 80 netsim-lab/nginx
docker port wordpress
# netsim: expect wordpress resolves mysql
# netsim: expect wordpressdb does not resolve wordpress
docker exec wordpress cat /etc/hosts
docker exec wordpress ping -c 1 mysql
docker exec wordpress ping -c 1 wordpressdb
docker exec wordpressdb ping -c 1 -W 1 wordpress
curl -s localhost:80
curl -s -o /dev/null -w '%{http_code}\n' http://192.168.0.100:80/
docker create -i -t --name mycentos netsim-lab/debian
docker start mycentos
docker ps
docker ps -a
docker run -d --name myregistry -p 5000:5000 --restart=always netsim-lab/nginx
docker run -d -P --name myserver netsim-lab/nginx
docker port myserver
docker port myserver 80
docker port myserver 80/tcp
docker run -d --memory="1g" --name memory_1g netsim-lab/nginx
docker run -d --memory="1g" --name memory_1g netsim-lab/nginx
docker stop mycentos
docker rm -f mycentos
docker stop $(docker ps -a -q)
docker rm $(docker ps -a -q)
docker ps -a
