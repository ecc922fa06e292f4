# docker ps output: default table, -a, -q, -aq, --format templates (table and plain), the -q +
# --format warning, --filter (name, status, publish, expose, network, ancestor), -n/-l, PORTS
# column shapes (published, exposed-only, ranges, several mappings, -P).
docker ps
docker ps -a
docker run -d --name web -p 8080:80 netsim-lab/nginx
docker run -d --name a1 netsim-lab/alpine sleep 1000
docker create --name c1 netsim-lab/alpine
docker run --name done netsim-lab/alpine true
docker run -d --name multi -p 443:443 -p 8081:80 --expose 9000 netsim-lab/nginx
docker run -d --name exp netsim-lab/nginx
docker run -d --name rng -p 7000-7002:7000-7002 netsim-lab/alpine sleep 1000
docker run -d --name udp -p 5353:53/udp netsim-lab/alpine sleep 1000
docker run -d --name loc -p 127.0.0.1:9090:80 netsim-lab/nginx
docker ps
docker ps -a
docker ps -q
docker ps -aq
docker ps -q --format '{{.Names}}'
docker ps --format '{{.Names}}'
docker ps --format 'table {{.Names}}\t{{.Image}}\t{{.Ports}}'
docker ps -a --format 'table {{.Names}}\t{{.Command}}\t{{.Status}}'
docker ps --format '{{.Names}}: {{.Command}}'
docker ps -a --format '{{.Names}}\t{{.Status}}'
docker ps --format '{{.Names}} {{.Networks}} {{.Image}}'
docker ps --format '{{json .Names}}'
docker ps --filter name=web
docker ps --filter name=web --format '{{.Names}}'
docker ps -a --filter status=exited
docker ps -a --filter status=created --format '{{.Names}}'
docker ps --filter publish=8080 --format '{{.Names}}'
docker ps --filter expose=80 --format '{{.Names}}'
docker ps --filter network=bridge --format '{{.Names}}'
docker ps --filter ancestor=netsim-lab/nginx --format '{{.Names}}'
docker ps --filter name=nosuch
docker ps -n 2 --format '{{.Names}}'
docker ps -l --format '{{.Names}} {{.Status}}'
docker ps --no-trunc --format '{{.Command}}'
docker run -d --name ephem -P netsim-lab/nginx
docker ps --filter name=ephem --format '{{.Ports}}'
docker stop -t 1 web
docker ps -a --filter name=web --format '{{.Names}}|{{.Status}}|{{.Ports}}'
