# Docker's tutorial "Networking with standalone containers", default bridge part
# (docs: engine/network/tutorials/standalone.md), and the seed's -p / -P on the default bridge.
docker network ls
docker run -dit --name alpine1 alpine ash
docker run -dit --name alpine2 alpine ash
docker network inspect bridge
# netsim: expect alpine1 reaches 172.17.0.3
# netsim: expect alpine1 reaches google.com
# netsim: expect alpine1 does not resolve alpine2
# netsim: expect alpine1 runs ping -c 2 alpine2 and exits 1
docker run -d --name web -p 8080:80 nginx
docker run -d --name cache -P redis
docker port cache
# netsim: expect @internet reaches @host on 8080
# netsim: expect @lan reaches @host on 32768
# netsim: expect @internet does not reach @host on 6379 because PORT_NOT_PUBLISHED
# netsim: expect alpine1 reaches 172.17.0.1 on 8080
docker container stop alpine1 alpine2
docker container rm alpine1 alpine2
