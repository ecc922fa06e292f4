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
docker container ls
docker network inspect bridge
docker network inspect alpine-net
docker container stop alpine1 alpine2 alpine3 alpine4
docker container rm alpine1 alpine2 alpine3 alpine4
docker network rm alpine-net
