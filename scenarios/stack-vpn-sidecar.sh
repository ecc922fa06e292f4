# A VPN sidecar: the vpn container owns the network namespace; the app joins it with
# --network container:vpn, so it has the vpn's interfaces and address and no veth of its own.
# netsim: image example/wireguard expose=51820/udp runs=server
docker network create tunnel
docker run -d --name vpn --network tunnel -p 51820:51820/udp example/wireguard
docker run -d --name app --network container:vpn nginx
docker run -dit --name peer --network tunnel alpine ash
# netsim: expect app reaches 8.8.8.8
# netsim: expect peer reaches vpn on 80
# netsim: expect app runs hostname -i and exits 0
# netsim: expect @internet reaches @host on 51820/udp
docker stop vpn
# the owner's namespace is gone: the joiner keeps only lo
# netsim: expect app does not reach 8.8.8.8 because NO_INTERFACE
