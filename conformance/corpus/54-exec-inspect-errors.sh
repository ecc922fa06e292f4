# exec into missing, stopped and created containers, a missing or non-executable binary (127,
# 126), a network tool the image lacks (curl/getent in alpine, wget in debian), a shell's "not found" (busybox ash, bash), exec options that fail; inspect of missing
# objects (any type, --type container/network/volume/bogus, several at once) and template
# errors in inspect/ps/network ls/network inspect --format.
docker run -d --name ca netsim-lab/alpine sleep 1000
docker run -d --name deb netsim-lab/debian sleep 1000
docker create --name created netsim-lab/alpine sleep 1000
docker run -d --name gone netsim-lab/alpine sleep 1000
docker stop -t 1 gone
docker exec nosuch ls
docker exec gone ls
docker exec created ls
docker exec ca nosuchcmd
docker exec deb nosuchcmd
docker exec ca /etc
docker exec ca /etc/hostname
docker exec ca sh -c nosuchcmd
docker exec deb bash -c nosuchcmd
docker exec deb sh -c nosuchcmd
docker exec ca curl -s http://example.com
docker exec ca getent hosts example.com
docker exec deb wget -T 2 -qO- http://example.com
docker exec ca sh -c 'curl -s http://example.com'
docker exec deb bash -c 'wget -T 2 -qO- http://example.com'
docker exec -u nosuchuser ca id
docker exec -w /nosuch ca pwd
docker exec ca ls /nosuch
docker exec ca false
docker exec ca sh -c 'exit 42'
docker inspect nosuch
docker inspect ca nosuch --format '{{.Name}}'
docker inspect --type container nosuch
docker inspect --type network nosuch
docker inspect --type volume nosuch
docker inspect --type bogus ca
docker container inspect nosuch
docker container inspect ca nosuch -f '{{.Name}}'
docker inspect -f '{{.Nope}}' ca
docker inspect -f '{{.State.Nope}}' ca
docker inspect -f '{{' ca
docker inspect -f '{{.Name' ca
docker ps --format '{{.Nope}}'
docker ps -q --format '{{.Names}}'
docker network ls --format '{{.Nope}}'
docker network inspect -f '{{.Nope}}' bridge
docker inspect -f '{{json .NetworkSettings.Nope}}' ca
