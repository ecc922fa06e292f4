# Images (issue 18): the seed's private registry, pushed to from the other host — daemons that
# list it in insecure-registries; an image built on server1 pushed by its LAN address, listed by
# the registry's /v2/ API, pulled and run with -P on server2; pulls of a missing repository and
# tag; the registry stopped, then started again.
# netsim: daemon --insecure-registry=192.168.0.100:5000
docker run -d --name myregistry -p 5000:5000 --restart=always netsim-lab/registry
sleep 1
mkdir -p /root/app
cd /root/app
printf 'FROM netsim-lab/alpine\nEXPOSE 80\nCMD ["httpd", "-f", "-p", "80"]\n' > Dockerfile
docker build -q -t mybuild:0.0 .
docker tag mybuild:0.0 192.168.0.100:5000/mybuild:0.0
docker push 192.168.0.100:5000/mybuild:0.0
curl -s http://192.168.0.100:5000/v2/_catalog
curl -s http://192.168.0.100:5000/v2/mybuild/tags/list
docker -H server2 pull 192.168.0.100:5000/mybuild:0.0
docker -H server2 images --format '{{.Repository}}:{{.Tag}}' 192.168.0.100:5000/mybuild
docker -H server2 run -d -P --name pulled 192.168.0.100:5000/mybuild:0.0
docker -H server2 port pulled
docker -H server2 image inspect -f '{{json .Config.ExposedPorts}} {{json .Config.Cmd}}' 192.168.0.100:5000/mybuild:0.0
docker -H server2 pull 192.168.0.100:5000/nosuch:1.0
docker -H server2 pull 192.168.0.100:5000/mybuild:9.9
docker -H server2 run -d --name missing 192.168.0.100:5000/mybuild:9.9
docker -H server2 pull 192.168.0.100:5000/mybuild:0.0
docker stop -t 1 myregistry
docker -H server2 pull 192.168.0.100:5000/mybuild:0.0
docker -H server2 push 192.168.0.100:5000/mybuild:0.0
docker start myregistry
sleep 1
docker -H server2 tag 192.168.0.100:5000/mybuild:0.0 192.168.0.100:5000/fromtwo:1
docker -H server2 push 192.168.0.100:5000/fromtwo:1
curl -s http://192.168.0.100:5000/v2/_catalog
