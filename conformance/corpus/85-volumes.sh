# Volumes (issue 18, accepted, no network fact): docker volume create/ls/inspect/rm/prune, -v with a
# named, an anonymous and a bind volume, --mount of a volume, a tmpfs and a missing bind source,
# --volumes-from, the in-use refusal and what inspect shows under Mounts.
docker volume create data
docker volume create --label env=dev labeled
docker volume ls
docker volume ls -q
docker volume ls --format '{{.Name}} {{.Driver}} {{.Scope}}'
docker volume inspect data
docker volume inspect -f '{{.Name}} {{.Mountpoint}} {{.Driver}} {{json .Labels}} {{.Scope}}' labeled
docker run -d --name v1 -v data:/data netsim-lab/alpine sleep 1000
docker run -d --name v2 --volumes-from v1 netsim-lab/alpine sleep 1000
docker run -d --name v3 --mount type=volume,source=auto1,target=/x netsim-lab/alpine sleep 1000
docker run -d --name v4 -v /data2 netsim-lab/alpine sleep 1000
docker run -d --name v5 --mount type=tmpfs,target=/t netsim-lab/alpine sleep 1000
docker run -d --name v6 -v /root:/host:ro netsim-lab/alpine sleep 1000
docker run -d --name v7 --mount type=bind,source=/nonexist,target=/x netsim-lab/alpine sleep 1000
docker inspect -f '{{json .Mounts}}' v1
docker inspect -f '{{json .Mounts}}' v2
docker inspect -f '{{json .HostConfig.Mounts}} {{json .Mounts}}' v3
docker inspect -f '{{json .HostConfig.Binds}} {{json .Mounts}}' v6
docker inspect -f '{{json .HostConfig.Mounts}} {{json .Mounts}}' v5
docker volume ls --format '{{.Name}}'
docker volume rm data
docker volume inspect nosuchvol
docker rm -f v1 v2 v3 v4 v5 v6
docker volume rm data
docker volume rm nosuchvol
docker volume prune -f
docker volume ls --format '{{.Name}}'
docker volume prune -a -f
docker volume ls
docker volume create data
docker volume create data
docker volume rm -f nosuchvol
