# Published ports on dual-stack networks (bound on 0.0.0.0 and [::]), on an IPv6 host address
# (-p [::1]:PORT:PORT), docker port; isolation between two IPv6 networks (ip6tables), an
# internal IPv6 network, ICC off over IPv6; IPv6 mistakes: --ip6 outside the subnet or on a
# network without IPv6, overlapping IPv6 subnets, a too small IPv6 subnet.
docker network create --ipv6 --subnet fd00:10::/64 p6
docker run -d --name pw --network p6 -p 8080:80 netsim-lab/nginx
docker run -d --name pl --network p6 -p [::1]:8081:80 netsim-lab/nginx
docker port pw
docker port pl
curl -s -m 2 -o /dev/null -w '%{http_code}\n' http://127.0.0.1:8080/
curl -s -m 2 -o /dev/null -w '%{http_code}\n' http://[::1]:8080/
curl -s -m 2 -o /dev/null -w '%{http_code}\n' http://[::1]:8081/
curl -s -m 2 -o /dev/null -w '%{http_code}\n' http://127.0.0.1:8081/
curl -s -m 2 -o /dev/null -w '%{http_code}\n' http://192.168.0.100:8080/
docker network create --ipv6 --subnet fd00:11::/64 q6
docker run -itd --name qa --network q6 netsim-lab/debian
docker exec qa ping -c 1 -W 1 fd00:10::2
docker exec qa ping -c 1 -W 1 fd00:11::1
docker exec qa ping -c 1 -W 1 fd00:10::1
docker exec qa curl -s -m 2 -o /dev/null -w '%{http_code}\n' http://[fd00:10::2]/
docker network create --ipv6 --internal --subnet fd00:12::/64 i6
docker run -itd --name ia --network i6 netsim-lab/debian
docker run -d --name iw --network i6 netsim-lab/nginx
docker exec ia ip -6 route
docker exec ia curl -s -m 2 -o /dev/null -w '%{http_code}\n' http://iw/
docker exec ia ping -c 1 -W 1 fd00:12::1
docker network create --ipv6 --subnet fd00:13::/64 -o com.docker.network.bridge.enable_icc=false n6
docker run -d --name nw --network n6 netsim-lab/nginx
docker run -itd --name na --network n6 netsim-lab/debian
docker exec na curl -s -m 2 -o /dev/null -w '%{http_code}\n' http://nw/
docker exec na curl -6 -s -m 2 -o /dev/null -w '%{http_code}\n' http://nw/
docker run -itd --name e1 --network p6 --ip6 fd00:99::5 netsim-lab/alpine
docker network create v4only
docker run -itd --name e2 --network v4only --ip6 fd00:10::50 netsim-lab/alpine
docker network create --ipv6 --subnet fd00:10::/64 clash6
docker network create --ipv6 --subnet fd00:14::/127 tiny6
docker network create --ipv6 --subnet fd00:15::/64 --gateway fd00:16::1 badgw6
docker run -itd --name e3 --network p6 --ip6 fd00:10::2 netsim-lab/alpine
