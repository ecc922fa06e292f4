# netsim lint, names: an alias that round-robins between different programs, --link where a
# name would do, and names used on the default bridge, which has no DNS.
# `netsim lint scenarios/lint-names.sh` lists each mistake at its line, with why and a fix
# (docs/lint.md), and exits 1. The comment above a command names the finding its line gets.
docker network create app
docker run -d --name api --network app --network-alias backend nginx
# alias-mixed-images: api (nginx) and worker (httpd) both answer to "backend"
docker run -d --name worker --network app --network-alias backend httpd
# link-user-network: --link on the user-defined network app
docker run -dit --name client --network app --link api:service alpine
docker run -d --name olddb -e POSTGRES_PASSWORD=secret postgres
# default-bridge-link: the name db exists only in oldapp's /etc/hosts
docker run -dit --name oldapp --link olddb:db alpine
docker run -dit --name tool alpine
# default-bridge-dns: tool is on the default bridge, where olddb is no name
docker exec tool ping -c 1 olddb
# what holds all the same (netsim check)
# netsim: expect client resolves service
# netsim: expect oldapp resolves db
# netsim: expect tool does not resolve olddb
