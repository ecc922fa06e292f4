# Name lookups as netsim simulates them: dig (+short, -x, @server, AAAA), nslookup (BIND and
# busybox), host, getent hosts, in a user-defined network (embedded DNS 127.0.0.11), on the
# default bridge (the host's resolver 192.168.0.1) and on the Docker host.
docker network create net1
docker run -d --name web --network net1 --network-alias www netsim-lab/nginx
docker run -d --name a1 --network net1 netsim-lab/alpine sleep 1000
docker run -d --name d1 --network net1 netsim-lab/debian sleep 1000
docker run -d --name bdef netsim-lab/debian sleep 1000
docker exec d1 dig web
docker exec d1 dig +short web
docker exec d1 dig +short www
docker exec d1 dig +short example.com
docker exec d1 dig example.com
docker exec d1 dig +short -x 172.18.0.2
docker exec d1 dig -x 172.18.0.2
docker exec d1 dig +short @192.168.0.1 example.com
docker exec d1 dig @192.168.0.1 google.com
docker exec d1 dig +short AAAA example.com
docker exec d1 dig AAAA web
docker exec d1 dig +short nosuch
docker exec d1 dig nosuch
docker exec d1 nslookup web
docker exec d1 nslookup example.com
docker exec d1 nslookup nosuch
docker exec d1 nslookup 172.18.0.2
docker exec a1 nslookup web
docker exec a1 nslookup www
docker exec a1 nslookup example.com
docker exec a1 nslookup nosuch
docker exec a1 nslookup example.com 192.168.0.1
docker exec d1 host web
docker exec d1 host example.com
docker exec d1 host nosuch
docker exec d1 host 172.18.0.2
docker exec d1 getent hosts web
docker exec d1 getent hosts www
docker exec d1 getent hosts example.com
docker exec d1 getent hosts nosuch
docker exec d1 getent hosts d1
docker exec d1 getent hosts localhost
docker exec a1 getent hosts web
docker exec bdef dig +short example.com
docker exec bdef dig +short web
docker exec bdef getent hosts web
docker exec bdef nslookup google.com
docker exec bdef cat /etc/resolv.conf
docker exec d1 cat /etc/resolv.conf
dig +short example.com
dig +short web
nslookup example.com
host google.com
getent hosts example.com
