# The seed's first chapter: containers, published ports, links, create/start/attach, ps, rm.
docker run -d -p 80:80 docker/getting-started
docker run -d --name wordpressdb -e MYSQL_ROOT_PASSWORD=password -e MYSQL_DATABASE=wordpress mysql:5.7
docker run -d -e WORDPRESS_DB_PASSWORD=password --name wordpress —link wordpressdb:mysql -p 80 wordpress
docker port wordpress
# netsim: expect @internet reaches @host on 80
# netsim: expect wordpress resolves mysql
# netsim: expect wordpress reaches mysql on 3306
# netsim: expect wordpressdb does not resolve wordpress
docker create -i -t --name mycentos centos:7
docker start mycentos
docker attach mycentos
exit
docker ps
docker ps -a
docker run -d —name myregistry -p 5000:5000 —restart=always registry:2.6
# netsim: image mybuild expose=80/tcp
docker run -d -P --name myserver mybuild
docker port myserver
# netsim: expect @lan reaches @host on 5000
# netsim: expect @internet reaches @host on 32768
docker run -d —mermory=”1g” —name memory_1g nginx
docker run -d --memory="1g" --name memory_1g nginx
docker stop mycentos
docker rm -f mycentos
docker stop $(docker ps -a -q)
docker rm $(docker ps -a -q)
docker ps -a
