# Inter-container communication switched off on a bridge (enable_icc=false): containers on it
# cannot talk to each other, but still reach the host, the internet, and each other's published
# ports through the host.
docker network create -o com.docker.network.bridge.enable_icc=false quiet
docker run -d --name web --network quiet -p 8080:80 nginx
docker run -dit --name client --network quiet alpine ash
# netsim: expect client does not reach web because ICC_DISABLED
# netsim: expect client does not reach web on 80 because ICC_DISABLED
# netsim: expect client reaches 8.8.8.8
# netsim: expect @host reaches web on 80
# netsim: expect client reaches @host on 8080
