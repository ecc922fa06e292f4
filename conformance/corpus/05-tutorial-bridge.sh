# Adapted from scenarios/tutorial-bridge.sh: Docker's tutorial "Networking with standalone
# containers", user-defined bridge part: alpine1/2/4 on alpine-net, alpine3 on the default
# bridge, alpine4 also connected to the default bridge.
docker network create --driver bridge alpine-net
docker network ls
docker network inspect alpine-net
docker run -dit --name alpine1 --network alpine-net netsim-lab/alpine ash
docker run -dit --name alpine2 --network alpine-net netsim-lab/alpine ash
docker run -dit --name alpine3 netsim-lab/alpine ash
docker run -dit --name alpine4 --network alpine-net netsim-lab/alpine ash
docker network connect bridge alpine4
# netsim: expect alpine1 reaches alpine2
# netsim: expect alpine1 resolves alpine2
# netsim: expect alpine1 resolves alpine4
# netsim: expect alpine1 does not resolve alpine3
# netsim: expect alpine1 runs ping -c 2 alpine3 and exits 1
# netsim: expect alpine1 does not reach alpine3 because ISOLATED_NETWORKS
# netsim: expect alpine4 reaches alpine1
# netsim: expect alpine4 does not resolve alpine3
# netsim: expect alpine4 reaches alpine3
# netsim: expect alpine1 resolves google.com
# netsim: expect alpine3 reaches google.com
docker container ls
docker network inspect bridge
docker network inspect alpine-net
docker exec alpine1 ping -c 2 alpine2
docker exec alpine1 ping -c 2 alpine4
docker exec alpine1 ping -c 2 -W 1 alpine3
docker exec alpine1 ping -c 2 -W 1 172.17.0.2
docker exec alpine4 ping -c 2 alpine1
docker exec alpine4 ping -c 2 alpine2
docker exec alpine4 ping -c 2 -W 1 alpine3
docker exec alpine4 ping -c 2 172.17.0.2
docker exec alpine4 ping -c 2 google.com
docker exec alpine3 ping -c 2 google.com
docker container stop alpine1 alpine2 alpine3 alpine4
docker container rm alpine1 alpine2 alpine3 alpine4
docker network rm alpine-net
docker network ls
