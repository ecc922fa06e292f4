# docker exec with sh -c and &&, ||, ; combinations; exit codes of failing probes and of
# missing commands or containers; foreground docker run --rm IMAGE CMD that prints, on the
# default bridge, a user network, none, host and container:NAME; foreground runs that fail.
docker network create mynet
docker run -d --name web --network mynet netsim-lab/nginx
# a one-letter name is refused
docker run -itd --name a --network mynet netsim-lab/alpine
docker run -itd --name al --network mynet netsim-lab/alpine
docker run -itd --name de --network mynet netsim-lab/debian
docker exec al sh -c 'ping -c 1 web && echo up'
docker exec al sh -c 'ping -c 1 -W 1 nosuch && echo up'
docker exec al sh -c 'ping -c 1 -W 1 nosuch || echo down'
docker exec al sh -c 'ping -c 1 -W 1 nosuch; echo next'
docker exec al sh -c 'nslookup web && wget -qO- -T 2 http://web/'
docker exec de sh -c 'getent hosts web; dig +short web'
docker exec de bash -c 'curl -s -m 2 -o /dev/null http://web/ && echo ok || echo fail'
docker exec de bash -c 'curl -s -m 2 -o /dev/null http://nosuch/ && echo ok || echo fail'
docker exec de sh -c 'ping -c 1 -W 1 nosuch; ping -c 1 web'
docker exec al sh -c 'exit 3'
docker exec al false
docker exec al nosuchcmd
docker exec nosuch true
docker exec -e FOO=bar al sh -c 'echo $FOO'
docker exec -w /tmp al pwd
docker run --rm netsim-lab/alpine ping -c 1 172.17.0.1
docker run --rm --network mynet netsim-lab/debian dig +short web
docker run --rm --network mynet netsim-lab/alpine wget -qO- -T 2 http://web/
docker run --rm --network mynet netsim-lab/alpine nslookup web
docker run --rm --network mynet netsim-lab/debian getent hosts al
docker run --rm netsim-lab/alpine ping -c 1 -W 1 web
docker run --rm netsim-lab/debian curl -s -m 2 http://google.com/
docker run --rm netsim-lab/busybox sh -c 'echo hello && hostname -i'
docker run --rm --network none netsim-lab/alpine ping -c 1 -W 1 203.0.113.10
docker run --rm --network none netsim-lab/alpine ip -4 addr
docker run --rm --network host netsim-lab/alpine hostname
docker run --rm --network container:web netsim-lab/alpine wget -qO- -T 2 http://localhost/
docker run --rm netsim-lab/alpine sh -c 'exit 7'
docker run --rm netsim-lab/alpine nosuchcmd
docker run --rm --network nosuchnet netsim-lab/alpine true
docker run --rm --name fg netsim-lab/alpine echo hi
docker run --network mynet --name kept netsim-lab/alpine ping -c 1 web
docker ps -a --format '{{.Names}} {{.Status}}'
docker logs kept
docker run --rm -e X=1 netsim-lab/alpine sh -c 'echo $X; exit 0'
