# Images (issue 18): the docker CLI's own refusals of the image commands — the seed's
# `docker build --cache-from nginx -t my_extend_nginx:0.0` (no context path), an unknown build
# flag, push/tag/commit/save/load argument counts — and docker images' -q, --no-trunc and a
# reference filter; a build whose base image is in a registry nothing answers for.
docker build --cache-from nginx -t my_extend_nginx:0.0
docker build --bogus .
docker push
docker tag onlyone
docker commit
docker save
docker load extra
docker image inspect
docker tag netsim-lab/alpine first:1
docker tag netsim-lab/alpine first:2
docker images -q first
docker images --no-trunc --format '{{.ID}} {{.Tag}}' first
docker images --filter reference='first:*' --format '{{.Repository}}:{{.Tag}}'
docker images first:2 --format '{{.Tag}} {{.Size}}'
mkdir -p /root/fromreg
cd /root/fromreg
printf 'FROM 192.168.0.100:5001/nosuch\n' > Dockerfile
docker build -t fromreg .
