# -p/--expose specs the CLI refuses (proto, host IP, missing/invalid ports, mismatched
# ranges), host ports already taken (same port, a port range, a specific address against
# 0.0.0.0), an address the host does not have; then docker port's errors (no mapping,
# a port not published, a bad spec, a missing or stopped container).
docker run --rm -p 80/xyz netsim-lab/alpine true
docker run --rm -p '[::1:80:80' netsim-lab/alpine true
docker run --rm -p 1.2.3:80:80 netsim-lab/alpine true
docker run --rm -p 8080: netsim-lab/alpine true
docker run --rm -p 8080:abc netsim-lab/alpine true
docker run --rm -p abc:80 netsim-lab/alpine true
docker run --rm -p 8000-8002:80-81 netsim-lab/alpine true
docker run --rm -p 70000:80 netsim-lab/alpine true
docker run --rm -p 80-70 netsim-lab/alpine true
docker run --rm -p '' netsim-lab/alpine true
docker run --rm --expose 80/xyz netsim-lab/alpine true
docker run --rm --expose abc netsim-lab/alpine true
docker run --rm --expose 90-80 netsim-lab/alpine true
docker run --rm --expose '' netsim-lab/alpine true
docker run --rm --expose 80:80 netsim-lab/alpine true
docker run -d --name web -p 8080:80 netsim-lab/nginx
docker run -d --name web2 -p 8080:80 netsim-lab/nginx
docker run -d --name r1 -p 9000-9001:80 netsim-lab/nginx
docker run -d --name r2 -p 9000-9001:80 netsim-lab/nginx
docker run -d --name r3 -p 9000-9001:80 netsim-lab/nginx
docker run -d --name l1 -p 127.0.0.1:8081:80 netsim-lab/nginx
docker run -d --name l2 -p 8081:80 netsim-lab/nginx
docker run -d --name u1 -p 8082:80/udp netsim-lab/nginx
docker run -d --name u2 -p 8082:80 netsim-lab/nginx
docker run -d --name far -p 192.168.0.50:8083:80 netsim-lab/nginx
docker ps -a --format '{{.Names}} {{.Status}} {{.Ports}}'
docker run -d --name plain netsim-lab/alpine sleep 1000
docker port plain
docker port plain 80
docker port web 81
docker port web 80/udp
docker port web abc
docker port web 80/sctp
docker port nosuch
docker port nosuch 80
docker stop -t 1 web
docker port web
docker port web 80
docker start web2
docker port web2 80
