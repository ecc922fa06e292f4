# Argument-count errors of every simulated command (cli/required.go): "requires at least N",
# "requires at most N", "requires N", "requires at least 1 and at most 2", "accepts no
# arguments", with the usage line of the path typed (docker X vs docker container X).
docker run
docker container run
docker create
docker exec
docker exec a
docker start
docker stop
docker container stop
docker rm
docker container rm
docker kill
docker restart
docker rename a
docker container rename a b c
docker port
docker port a 80 81
docker attach
docker attach a b
docker logs
docker inspect
docker container inspect
docker ps extra
docker container ls extra
docker images a b
docker pull
docker network create
docker network create a b
docker network rm
docker network inspect
docker network connect n1
docker network disconnect n1
docker network ls extra
docker network prune extra
docker container prune extra
docker swarm init extra
docker swarm join
docker swarm leave extra
docker swarm join-token
docker volume create a b
docker volume rm
docker volume ls extra
docker pause
docker unpause
docker top
docker update
