# start/stop/kill/restart/rm/rename/attach/logs/pause on missing, running, stopped and
# created containers: "No such container", several names at once (which are printed, which
# errors, exit codes), kill of a stopped container, rm of a running one, rm -f of a missing
# one, rename to its own name / a taken name / a blank or invalid name, a start that fails
# (network removed meanwhile, owner of container: mode stopped), restart of such a container.
docker run -d --name a netsim-lab/alpine sleep 1000
docker run -d --name b netsim-lab/alpine sleep 1000
docker create --name c netsim-lab/alpine sleep 1000
docker start nosuch
docker start c nosuch a
docker stop nosuch
docker stop -t 1 nosuch1 nosuch2
docker kill nosuch
docker kill c
docker kill a c nosuch
docker restart nosuch
docker restart -t 1 b nosuch
docker rm nosuch
docker rm a
docker rm c nosuch a
docker rm -f nosuch
docker rm -f nosuch b
docker ps -a --format '{{.Names}} {{.Status}}'
docker rename nosuch x
docker rename a a
docker rename a b
docker run -d --name b netsim-lab/alpine sleep 1000
docker rename a b
docker rename a ''
docker rename a 'b c'
docker rename a /a2
docker attach c
docker attach nosuch
docker logs nosuch
docker pause nosuch
docker unpause a
docker top nosuch
docker container prune
docker network create lab1
docker create --name d --network lab1 netsim-lab/alpine sleep 1000
docker network rm lab1
docker start d
docker restart d
docker run -d --name owner netsim-lab/alpine sleep 1000
docker run -d --name joiner --network container:owner netsim-lab/alpine sleep 1000
docker stop -t 1 owner joiner
docker start joiner
docker restart -t 1 joiner
docker rm owner
docker start joiner
docker ps -a --format '{{.Names}} {{.Status}}'
