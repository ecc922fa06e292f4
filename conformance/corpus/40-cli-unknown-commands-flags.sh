# CLI parse errors before anything reaches the daemon: unknown commands and subcommands,
# unknown long/short flags, bad flag syntax, a flag missing its value (long, short, root),
# errors in a parent command's flags (cobra Traverse, also as --flag=value), root option errors (-H twice, bad
# log level, --host with --context, unreachable -H), deprecated flags and shorthands, flags
# reserved to Windows daemons or experimental daemons (also next to an unknown flag); commands
# netsim does not simulate (image rm, service ls, volume create, images).
docker nosuchcmd
docker nosuchcmd --all
docker network nosuch
docker container nosuch
docker swarm nosuch
docker ps --bogus
docker ps -z
docker run --nosuch netsim-lab/alpine true
docker run -Z netsim-lab/alpine true
docker run -dZ netsim-lab/alpine true
docker network create --nosuch n1
docker network ls -x
docker ps ---all
docker ps --=all
docker run --name
docker network create n1 -d
docker ps --format
docker --bogus ps
docker -Z ps
docker --log-level
docker network --bogus ls
docker container -x ls
docker network --bogus=1 ls
docker container -x=1 ls
docker -H server2 -H server1 ps
docker --log-level nonsense ps
docker --context nosuch -H server2 ps
docker --context nosuch ps
docker -H unix:///run/nosuch.sock ps
docker -H tcp://192.168.0.101:2375 ps
docker run --rm=maybe netsim-lab/alpine true
docker run -d --name k1 --kernel-memory 10m netsim-lab/alpine sleep 1000
docker stop --time 1 k1
docker -h ps
docker run --cpu-count 2 netsim-lab/alpine true
docker run --io-maxiops 10 netsim-lab/alpine true
docker run --cpu-count 2 --bogus netsim-lab/alpine true
docker image rm nosuchimage
docker service ls
docker volume create vol1
docker images
docker start --checkpoint c1 k1
docker run --disable-content-trust=false --rm netsim-lab/alpine true
docker create --disable-content-trust=false netsim-lab/alpine
docker ps -a --format '{{.Names}}'
