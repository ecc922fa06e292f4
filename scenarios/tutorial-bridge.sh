# Docker's tutorial "Networking with standalone containers", user-defined bridge part
# (docs: engine/network/tutorials/standalone.md).
docker network create --driver bridge alpine-net
docker network ls
docker network inspect alpine-net
docker run -dit --name alpine1 --network alpine-net alpine ash
docker run -dit --name alpine2 --network alpine-net alpine ash
docker run -dit --name alpine3 alpine ash
docker run -dit --name alpine4 --network alpine-net alpine ash
docker network connect bridge alpine4
# what the tutorial shows from alpine1's and alpine4's shells
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
# netsim: expect alpine3 reaches 8.8.8.8
docker container ls
docker network inspect bridge
docker network inspect alpine-net
docker container stop alpine1 alpine2 alpine3 alpine4
docker container rm alpine1 alpine2 alpine3 alpine4
docker network rm alpine-net
