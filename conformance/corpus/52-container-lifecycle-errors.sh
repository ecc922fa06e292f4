# start/stop/kill/restart/rm/rename/attach/logs/pause/unpause/top on missing, running, stopped
# and created containers: "No such container", several names at once (which are printed, which
# errors, exit codes), kill of a stopped container, rm of a running one, rm -f of a missing one,
# rm -l of a name that is not a link, rename to its own name / a taken name / a blank or invalid
# name, a start that fails (network removed meanwhile, owner of container: mode stopped),
# restart of such a container.
docker run -d --name ca netsim-lab/alpine sleep 1000
docker run -d --name cb netsim-lab/alpine sleep 1000
docker create --name cc netsim-lab/alpine sleep 1000
docker start nosuch
docker stop nosuch
docker stop -t 1 nosuch1 nosuch2
docker kill nosuch
docker kill cc
docker restart nosuch
docker rm nosuch
docker rm ca
docker rm cc nosuch ca
docker rm -f nosuch
docker create --name cc netsim-lab/alpine sleep 1000
docker start cc nosuch cb
docker kill cb cc nosuch
docker kill cb
docker restart -t 1 cb nosuch
docker rm -f nosuch cb
docker ps -a --format '{{.Names}} {{.Status}}'
docker rename nosuch x1
docker rename ca ca
docker rename ca cc
docker rename ca ''
docker rename ca 'b c'
docker rename ca /a2
docker attach cc
docker attach nosuch
docker logs nosuch
docker pause nosuch
docker unpause a2
docker top nosuch
docker top cc
docker top a2
docker pause cc
docker unpause cc
docker rm -l a2
docker rm -l nosuch/a2
docker container prune
docker network create lab1
docker create --name cd --network lab1 netsim-lab/alpine sleep 1000
docker network rm lab1
docker start cd
docker restart cd
docker run -d --name owner netsim-lab/alpine sleep 1000
docker run -d --name joiner --network container:owner netsim-lab/alpine sleep 1000
docker stop -t 1 owner joiner
docker start joiner
docker restart -t 1 joiner
docker rm owner
docker start joiner
docker ps -a --format '{{.Names}} {{.Status}}'
