docker run -d --name web netsim-lab/alpine sleep 1d
docker exec web frobnicate --x
docker run -d --name web2 nginx
docker exec web2 frobnicate
