# Images (issue 18): a private registry on server1 (the registry stand-in, Debian's
# docker-registry, published on 5000) and daemons that do not list it in insecure-registries:
# its /v2/ API answers curl; a push or pull by the LAN address is refused (the daemon speaks
# HTTPS to it), by localhost it is allowed (loopback registries are insecure by default); a
# port nothing listens on, and server2's localhost, refuse the connection.
docker run -d --name myregistry -p 5000:5000 --restart=always netsim-lab/registry
sleep 1
curl -s http://192.168.0.100:5000/v2/
curl -s http://192.168.0.100:5000/v2/_catalog
docker tag netsim-lab/alpine 192.168.0.100:5000/myalpine:1.0
docker push 192.168.0.100:5000/myalpine:1.0
docker tag netsim-lab/alpine localhost:5000/myalpine:1.0
docker push localhost:5000/myalpine:1.0
curl -s http://localhost:5000/v2/_catalog
curl -s http://localhost:5000/v2/myalpine/tags/list
docker -H server2 pull 192.168.0.100:5000/myalpine:1.0
docker -H server2 pull 192.168.0.100:5001/myalpine:1.0
docker -H server2 pull localhost:5000/myalpine:1.0
docker push localhost:5001/myalpine:1.0
