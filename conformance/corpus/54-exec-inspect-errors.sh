# exec into missing, stopped and created containers, a missing or non-executable binary (127,
# 126), a shell's "not found" (busybox ash, bash), exec options that fail; inspect of missing
# objects (any type, --type container/network/volume/bogus, several at once) and template
# errors in inspect/ps/network ls/network inspect --format.
docker run -d --name a netsim-lab/alpine sleep 1000
docker run -d --name d netsim-lab/debian sleep 1000
docker create --name created netsim-lab/alpine sleep 1000
docker run -d --name gone netsim-lab/alpine sleep 1000
docker stop -t 1 gone
docker exec nosuch ls
docker exec gone ls
docker exec created ls
docker exec a nosuchcmd
docker exec d nosuchcmd
docker exec a /etc
docker exec a /etc/hostname
docker exec a sh -c nosuchcmd
docker exec d bash -c nosuchcmd
docker exec d sh -c nosuchcmd
docker exec -u nosuchuser a id
docker exec -w /nosuch a pwd
docker exec a ls /nosuch
docker exec a false
docker exec a sh -c 'exit 42'
docker inspect nosuch
docker inspect a nosuch --format '{{.Name}}'
docker inspect --type container nosuch
docker inspect --type network nosuch
docker inspect --type volume nosuch
docker inspect --type bogus a
docker container inspect nosuch
docker container inspect a nosuch -f '{{.Name}}'
docker inspect -f '{{.Nope}}' a
docker inspect -f '{{.State.Nope}}' a
docker inspect -f '{{' a
docker inspect -f '{{.Name' a
docker ps --format '{{.Nope}}'
docker ps -q --format '{{.Names}}'
docker network ls --format '{{.Nope}}'
docker network inspect -f '{{.Nope}}' bridge
docker inspect -f '{{json .NetworkSettings.Nope}}' a
