# The plan behind scenarios/live-bridges/ (a snapshot of a real Docker 28.5 host): the runbook
# meant `tool` to reach the database on the backend network too. `netsim diff` of this plan and
# the snapshot shows what the server lacks, and the pairs that reach differently because of it:
#   netsim diff scenarios/live-bridges-plan.sh scenarios/live-bridges
# netsim: lan 192.168.0.0/24 gateway=192.168.0.1
# netsim: host server1 address=192.168.0.100
# netsim: engine 28.5
docker network create frontend
docker network create --subnet 10.10.0.0/24 backend
docker run -d --name web --network frontend -p 8080:80 netsim-lab/nginx
docker network connect --alias api backend web
docker run -d --name db --network backend --network-alias database netsim-lab/nginx httpd -f -p 5432 -h /usr/share/nginx/html
docker run -d --name tool --network frontend netsim-lab/alpine sleep 3600
docker network connect backend tool
docker run -d --name old --network backend netsim-lab/alpine sleep 3600
docker stop old
docker run -d --name legacy netsim-lab/alpine sleep 3600
# netsim: expect tool reaches db on 5432
# netsim: expect tool resolves database to 10.10.0.3
# netsim: expect legacy does not reach web because ISOLATED_NETWORKS
# netsim: expect @internet reaches @server1 on 8080
