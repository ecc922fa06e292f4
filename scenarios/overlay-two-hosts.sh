# Docker's tutorial "Use an overlay network for standalone containers", on two hosts.
# netsim: lan 172.31.32.0/20
# netsim: host host1 address=172.31.47.252
# netsim: host host2 address=172.31.40.10
docker -H host1 swarm init
docker -H host2 swarm join --token $(docker -H host1 swarm join-token -q worker) 172.31.47.252:2377
docker -H host1 network create --driver=overlay --attachable test-net
docker -H host1 run -dit --name alpine1 --network test-net alpine
docker -H host2 network ls
docker -H host2 run -dit --name alpine2 --network test-net alpine
# netsim: expect host2/alpine2 resolves alpine1
# netsim: expect host2/alpine2 reaches host1/alpine1
# netsim: expect host1/alpine1 reaches host2/alpine2
docker -H host2 network ls
docker -H host1 inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}} {{.MacAddress}}{{end}}' alpine1
docker -H host2 inspect -f '{{range .NetworkSettings.Networks}}{{.IPAddress}}{{end}}' alpine2
docker -H host2 container stop alpine2
docker -H host2 network ls
docker -H host2 container rm alpine2
docker -H host1 container stop alpine1
docker -H host1 container rm alpine1
docker -H host1 network rm test-net
